"""Safe file writing for every output format.

An output file is written to a temporary file in the same folder, flushed to
disk (fsync) and then renamed over the target, so a reader never sees a
half-written file and a crash or a full disk leaves the old content intact.

Rules, checked by `check_writable` before any scanning starts (so a bad `-o`
fails in a second, not after ten minutes of OCR) and again by `atomic_write`:

* the folder must exist and be writable, and the target must not be a folder;
* an existing file is never replaced unless the caller passes ``force``;
* ``append`` adds to an existing file (again via temp file + rename). That
  is right for vCard (a .vcf holds any number of cards) and JSON Lines; a
  .csv is refused, since appending would repeat the header in the middle of
  the file. (The caller decides by format; this is the last safeguard.)
"""
from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path
from typing import Union

from .errors import OutputError

PathLike = Union[str, "os.PathLike[str]"]

# Formats where "old content + new content" is not a valid file.
NOT_APPENDABLE_SUFFIXES = frozenset({".csv"})


def check_writable(path: PathLike, force: bool = False, append: bool = False) -> None:
    """Raise OutputError (one line, says what to do) if `path` cannot be written.

    Called before any work, so the user learns about a bad output path at once.
    """
    p = Path(path)
    if force and append:
        raise OutputError("--force and --append cannot be used together: choose one")
    if append and p.suffix.lower() in NOT_APPENDABLE_SUFFIXES:
        raise OutputError(
            f"{p}: --append cannot add to a CSV file (its header would repeat); "
            "write to a new file or use --force")
    if p.is_dir():
        raise OutputError(f"{p} is a folder; give a file name for the output")
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{p}: the folder {folder} does not exist; create it first")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{p}: the folder {folder} is not writable")
    if p.exists() or p.is_symlink():
        if not p.is_file():
            raise OutputError(f"{p} exists and is not a regular file")
        if not (force or append):
            raise OutputError(
                f"{p} already exists; use --force to overwrite it or --append to add to it")
        if append and not os.access(p, os.R_OK):
            raise OutputError(f"{p} cannot be read, so it cannot be appended to")


def atomic_write(path: PathLike, data: Union[bytes, str], *, force: bool = False,
                 append: bool = False) -> None:
    """Write `data` (str is encoded as UTF-8) to `path` atomically.

    Raises OutputError when the file exists and neither force nor append is
    given, or when writing fails; in every failure case the original file is
    untouched and no temporary file is left behind.
    """
    check_writable(path, force=force, append=append)
    p = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    existed = p.exists()
    mode = None
    if existed:
        try:
            st = p.stat()
            mode = st.st_mode & 0o7777  # keep the permissions the user gave the file
            if append:
                old = p.read_bytes()
                payload = _join(old, payload)
        except OSError as exc:
            raise OutputError(f"cannot read {p}: {_reason(exc)}") from None

    tmp = _write_temp(p, payload, mode)
    try:
        if existed:
            os.replace(tmp, p)
        else:
            _place_new(tmp, p)
        _fsync_dir(p.parent)
    except OutputError:
        _remove_quietly(tmp)
        raise
    except OSError as exc:
        _remove_quietly(tmp)
        raise OutputError(f"cannot write {p}: {_reason(exc)}") from None
    except BaseException:
        _remove_quietly(tmp)
        raise


def _join(old: bytes, new: bytes) -> bytes:
    """Old content + new, with a line break between when the old one lacks it."""
    if old and not old.endswith(b"\n"):
        # keep the file's own line-ending style (CRLF for vCard)
        old += b"\r\n" if b"\r\n" in old else b"\n"
    if old and new.startswith(b"\xef\xbb\xbf"):
        new = new[3:]  # a BOM is only meaningful at the very start of a file
    return old + new


def _write_temp(target: Path, payload: bytes, mode: int | None) -> str:
    """Create a fresh temp file next to `target`, write and fsync it; return its path."""
    folder = target.parent if str(target.parent) else Path(".")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = str(folder / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            # 0o666 lets the umask decide, as for any file the user creates
            fd = os.open(tmp, flags, 0o666 if mode is None else mode)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(f"cannot write {target}: {_reason(exc)}") from None
    else:  # pragma: no cover - 100 random collisions in a row
        raise OutputError(f"cannot create a temporary file next to {target}")
    try:
        with os.fdopen(fd, "wb") as fh:
            view = memoryview(payload)
            while view:
                n = fh.write(view)
                view = view[n:]
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
    except BaseException as exc:
        _remove_quietly(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {_reason(exc)}") from None
        raise
    return tmp


def _place_new(tmp: str, target: Path) -> None:
    """Move `tmp` to `target` only if `target` still does not exist.

    A hard link fails when the name is taken, which closes the gap between the
    existence check and the rename (another program creating the file in the
    meantime). File systems without hard links fall back to a checked rename.
    """
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputError(
            f"{target} already exists; use --force to overwrite it or --append to add to it"
        ) from None
    except OSError:
        if target.exists():
            raise OutputError(
                f"{target} already exists; use --force to overwrite it or --append to add to it"
            ) from None
        os.replace(tmp, target)
        return
    _remove_quietly(tmp)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible on every platform."""
    try:
        fd = os.open(str(folder) or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_quietly(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass  # already gone, or the folder vanished: nothing more to clean


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)
