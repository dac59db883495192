"""Tesseract's Latin-script model with a word list cut to the words cards use.

The installed `Latin.traineddata` is 0.5 MB of recogniser and 88 MB of word list (8.6 million
words of every Latin-script language), which Tesseract reads whole and builds in memory each time
it starts: 280 MB and about half a second per start. The same model with the word list in
`data/Latin-words.dawg.xz` (1.76 million of those words: see `data/derive_words.py`) peaks at
70 MB and starts in a fraction of that time; it reads nearly every card alike (measured in the
README, "The word list").

The lean model is put together once from the installed one (only its word list is replaced) in
the user's cache folder, beside a copy of Tesseract's config files (the TSV output is one). It is used for
`--lang Latin` only, and only when the installed recogniser is the one the list was built for
(its character set must match); otherwise, or with CARDSCAN_FULL_DICTIONARY=1, Tesseract reads
with the model as installed.
"""
from __future__ import annotations

import hashlib
import json
import logging
import lzma
import os
import struct
import tempfile
from pathlib import Path
from typing import Optional

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
WORDS_FILE = "Latin-words.dawg.xz"
META_FILE = "Latin-words.json"
LANG = "Latin"
FULL_ENV = "CARDSCAN_FULL_DICTIONARY"

# Component numbers of a traineddata file (Tesseract's tessdatamanager.h)
LSTM_WORD_DAWG = 19
LSTM_UNICHARSET = 21
VERSION = 23


def read_components(path: Path) -> dict[int, bytes]:
    """The components of a traineddata file by number: an int32 count, that many int64
    offsets (-1 for a missing one), then the components in number order."""
    data = path.read_bytes()
    (count,) = struct.unpack_from("<i", data, 0)
    if not 0 < count < 100:
        raise ValueError(f"{path} is not a traineddata file")
    offsets = struct.unpack_from(f"<{count}q", data, 4)
    present = [(i, o) for i, o in enumerate(offsets) if o >= 0]
    out: dict[int, bytes] = {}
    for k, (i, o) in enumerate(present):
        end = present[k + 1][1] if k + 1 < len(present) else len(data)
        out[i] = data[o:end]
    return out


def components_bytes(parts: dict[int, bytes], count: int = 24) -> bytes:
    """A traineddata file made of `parts` (the inverse of read_components)."""
    offsets = [-1] * count
    pos = 4 + 8 * count
    for i in sorted(parts):
        offsets[i] = pos
        pos += len(parts[i])
    return struct.pack(f"<i{count}q", count, *offsets) + b"".join(parts[i] for i in sorted(parts))


def _meta() -> Optional[dict]:
    try:
        return json.loads((DATA / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _copy_configs(src: Path, dst: Path) -> None:
    """Tesseract's named configs ("tsv", "hocr"), which it looks for beside the models."""
    if not src.is_dir():
        return
    dst.mkdir(exist_ok=True)
    for f in src.iterdir():
        if f.is_file() and not (dst / f.name).exists():
            _write_atomic(dst / f.name, f.read_bytes())


def _cache_root() -> Path:
    from cardscan.cache import default_dir

    return default_dir() / "tessdata"


def lean_dir(system_dir: Optional[str], root: Optional[Path] = None) -> Optional[str]:
    """A tessdata folder whose Latin model has the cut word list, made on first use; None when
    the installed model is not the one the list fits, or the folder cannot be written."""
    if not system_dir or mode() == "full":
        return None
    src = Path(system_dir) / f"{LANG}.traineddata"
    meta = _meta()
    try:
        st = src.stat()
    except OSError:
        return None
    if meta is None:
        return None
    # named after the installed file and the list: a new Tesseract install gets a new folder
    stamp = f"{src.resolve()}|{st.st_size}|{st.st_mtime_ns}|{meta['dawg_sha256']}"
    key = hashlib.sha256(stamp.encode()).hexdigest()[:16]
    folder = (root or _cache_root()) / key
    target = folder / f"{LANG}.traineddata"
    unfit = folder / "unfit"
    try:
        if target.is_file():
            return str(folder)
        if unfit.exists():
            return None
        folder.mkdir(parents=True, exist_ok=True)
        parts = read_components(src)
        if hashlib.sha256(parts.get(LSTM_UNICHARSET, b"")).hexdigest() != meta["unicharset_sha256"]:
            log.info("the installed %s model is not the one the cut word list was made for; "
                     "using it as installed", LANG)
            unfit.touch()
            return None
        dawg = lzma.decompress((DATA / WORDS_FILE).read_bytes())
        if hashlib.sha256(dawg).hexdigest() != meta["dawg_sha256"]:
            return None
        parts[LSTM_WORD_DAWG] = dawg
        for sub in ("configs", "tessconfigs"):
            _copy_configs(Path(system_dir) / sub, folder / sub)
        _write_atomic(target, components_bytes(parts))
        return str(folder)
    except (OSError, ValueError, lzma.LZMAError, struct.error) as exc:
        log.info("reading with the installed %s model as it is: %s", LANG, exc)
        return None


def mode() -> str:
    """What the results depend on: the cut word list, or Tesseract's whole one."""
    return "full" if os.environ.get(FULL_ENV, "").strip() not in ("", "0") else "cut"
