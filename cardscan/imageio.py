"""Reading photos and listing inputs.

Pillow decodes (it knows EXIF, CMYK, 16-bit, palettes, animated files and, with
pillow-heif, HEIC); the pixels leave here as upright 8-bit BGR for OpenCV.
Every failure becomes an InputError naming the file and what to do.
"""
from __future__ import annotations

import os
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
import numpy as np

from cardscan.errors import InputError
from cardscan.models import Photo

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".bmp", ".gif",
                  ".heic", ".heif"}
DEFAULT_MAX_PIXELS = 100_000_000  # 100 MP: above any phone camera, far below a decompression bomb
MIN_SIDE = 32  # smaller than this holds no readable card

# EXIF orientation → degrees clockwise the stored pixels are turned to be upright
_EXIF_ROTATION = {3: 180, 6: 90, 8: 270}


@dataclass(frozen=True)
class InputList:
    """The inputs found under the given paths, and the paths that could not be listed."""

    files: tuple[str, ...]
    problems: tuple[tuple[str, str], ...]  # (path, message): inputs that fail
    notes: tuple[tuple[str, str], ...] = ()  # (path, message): said once, nothing lost (a repeat, a loop)
    ignored: int = 0  # files in the folders that are not images (by suffix): counted, not listed


def _heif_available() -> bool:
    try:
        import pillow_heif  # noqa: F401
    except ImportError:
        return False
    return True


_heif_registered = False


def _register_heif() -> None:
    global _heif_registered
    if not _heif_registered and _heif_available():
        import pillow_heif

        pillow_heif.register_heif_opener()
        _heif_registered = True


def list_inputs(paths: list[str]) -> InputList:
    """Files to scan: files as given, folders walked recursively (image suffixes only), sorted.

    The same file given twice (or reached through a link) is scanned once. Broken links,
    pipes and unreadable folders become problems; a symlink loop is not followed twice."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    notes: list[tuple[str, str]] = []
    ignored = 0
    first: dict[str, str] = {}

    def add(p: str) -> None:
        try:
            key = os.path.realpath(p)
        except (OSError, ValueError):
            key = p
        if key in first:
            same = "given more than once" if first[key] == p else f"the same file as {first[key]}"
            notes.append((p, f"{same}; scanned once"))
            return
        first[key] = p
        files.append(p)

    def walk_error(e: OSError) -> None:
        problems.append((str(e.filename), f"cannot read folder ({e.strerror}); check its permissions"))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[str] = []
            visited: set[str] = set()
            for dirpath, dirnames, filenames in os.walk(p, followlinks=True, onerror=walk_error):
                real = os.path.realpath(dirpath)
                if real in visited:  # a symlink loop: do not descend again
                    dirnames[:] = []
                    notes.append((dirpath, "a link back to a folder already searched; not followed"))
                    continue
                visited.add(real)
                dirnames.sort()
                for name in filenames:
                    full = os.path.join(dirpath, name)
                    if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
                        ignored += 1
                        continue
                    problem = _not_a_file(full)
                    if problem:
                        problems.append((full, problem))
                        continue
                    found.append(full)
            for f in sorted(found):
                add(f)
        elif p.is_file():
            add(raw)
        else:
            problems.append((raw, _not_a_file(raw) or "no such file or folder; check the path"))
    return InputList(tuple(files), tuple(problems), tuple(notes), ignored)


def _not_a_file(path: str) -> str | None:
    """Why `path` cannot be read as a photo without opening it, or None.

    A pipe named like a photo would block the reader forever, so it is refused here."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return "broken symbolic link (its target is gone); fix or remove the link"
        return None
    except OSError as exc:
        if os.path.islink(path):
            return "symbolic link that cannot be followed (a loop?); fix or remove the link"
        return f"cannot read it ({exc.strerror}); check its permissions"
    if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        return "not a regular file (a pipe or device); remove it from the folder"
    return None


# ISO base media files (MP4, MOV, HEIC) say what they hold in the brand after "ftyp".
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def _head(source: str, n: int = 64) -> bytes:
    try:
        with open(source, "rb") as fh:
            return fh.read(n)
    except OSError:
        return b""  # the decoder reports the read error itself


def _is_heif(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS


def _what_it_is(head: bytes) -> str:
    """What a file that is not a picture holds, and what to do about it, from its first bytes."""
    if _is_heif(head):
        return "a HEIC photo that cannot be decoded (damaged or still syncing?); copy it again or export it as JPEG"
    if head.startswith(b"%PDF"):
        return "a PDF document, not a photo; export the page as JPEG or PNG, or move it out of the folder"
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide") or head.startswith(b"\x1aE\xdf\xa3") \
            or (head.startswith(b"RIFF") and head[8:12] == b"AVI "):
        return "a video, not a photo; take a still of the card or move the file out of the folder"
    if _looks_like_text(head):
        return "a text file, not a photo; move it out of the folder"
    return "not an image cardscan can read; convert it to JPEG or PNG, or move it out of the folder"


def _looks_like_text(head: bytes) -> bool:
    for cut in range(4):  # the sample may end inside a multi-byte character
        try:
            text = head[:len(head) - cut].decode("utf-8")
        except UnicodeDecodeError:
            continue
        return bool(text.strip()) and all(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
    return False


def load(source: str, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> Photo:
    """Decode one image file into an upright BGR Photo (EXIF orientation applied)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    head = _head(source)
    # An iPhone photo renamed .jpg is still HEIC: the bytes decide, not only the name.
    if Path(source).suffix.lower() in (".heic", ".heif") or _is_heif(head):
        if not _heif_available():
            raise InputError(f"{source}: HEIC/HEIF needs pillow-heif; install it with: pip install 'cardscan[heif]'")
        _register_heif()
    try:
        size = os.path.getsize(source)
    except OSError as exc:
        raise InputError(f"{source}: cannot read file ({exc.strerror or exc}); check that it exists and "
                         f"its permissions") from exc
    if size == 0:
        raise InputError(f"{source}: empty file (0 bytes); it may still be syncing: wait, or copy it again")

    Image.MAX_IMAGE_PIXELS = None  # we check the size ourselves, with our own message
    try:
        with open(source, "rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = Image.open(fh)
            w, h = img.size
            if w * h > max_pixels:
                raise InputError(
                    f"{source}: image is {w}x{h} ({w * h / 1e6:.0f} MP), over the {max_pixels / 1e6:.0f} MP limit; "
                    f"raise it with --max-megapixels {_megapixels_needed(w * h)} if the file is trusted")
            if w < MIN_SIDE or h < MIN_SIDE:
                raise InputError(f"{source}: image is only {w}x{h} pixels, too small to hold a card; "
                                 f"use the full-size photo")
            if getattr(img, "n_frames", 1) > 1:
                img.seek(0)  # an animated file: the first frame is the picture
            orientation = 0
            try:
                orientation = int(img.getexif().get(0x0112, 1) or 1)
            except Exception:  # a broken EXIF block must not lose the picture
                orientation = 1
            pixels = _jpeg_bgr(fh, orientation) if img.format in ("JPEG", "MPO") and img.mode in ("RGB", "L") \
                else None
            if pixels is None:
                img.load()
                try:
                    upright = ImageOps.exif_transpose(img)
                except Exception:
                    upright = img
                pixels = _to_bgr8(upright)
    except InputError:
        raise
    except UnidentifiedImageError as exc:
        raise InputError(f"{source}: {_what_it_is(head)}") from exc
    except PermissionError as exc:
        raise InputError(f"{source}: permission denied; check the file's permissions (chmod u+r)") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise InputError(f"{source}: damaged or truncated image ({_short(exc)}); copy it again from the "
                         f"phone or camera") from exc
    except MemoryError as exc:
        raise InputError(f"{source}: image too large to decode in memory; lower --max-megapixels or "
                         f"shrink the photo") from exc
    return Photo(source=source, pixels=pixels, exif_rotation=_EXIF_ROTATION.get(orientation, 0))


# EXIF orientation → the cv2 operations that make the stored pixels upright (as
# ImageOps.exif_transpose does): flip codes and rotations, applied in this order.
_EXIF_OPS = {2: ("flip", 1), 3: ("rot", 180), 4: ("flip", 0), 5: ("transpose", None), 6: ("rot", 90),
             7: ("transverse", None), 8: ("rot", 270)}


def _jpeg_bgr(fh, orientation: int) -> np.ndarray | None:
    """A whole JPEG decoded by OpenCV straight into BGR, EXIF orientation applied; None to
    let Pillow decode it instead.

    Pillow's route (decode, transpose, convert, to numpy, RGB to BGR) holds several
    full-size copies of a 12-MP photo at once; this holds one, or two while turning it.
    Only complete files come here: OpenCV pads a truncated JPEG with gray where Pillow
    refuses it, and a damaged photo must be reported, not read half gray."""
    import cv2

    fh.seek(0)
    data = fh.read()
    if data.rstrip(b"\x00\r\n ")[-2:] != b"\xff\xd9":  # no end-of-image marker: maybe cut short
        return None
    pixels = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION)
    del data
    if pixels is None or pixels.ndim != 3 or pixels.shape[2] != 3:
        return None
    op, arg = _EXIF_OPS.get(orientation, (None, None))
    if op == "flip":
        pixels = cv2.flip(pixels, arg)
    elif op == "rot":
        pixels = cv2.rotate(pixels, {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
                                     270: cv2.ROTATE_90_COUNTERCLOCKWISE}[arg])
    elif op == "transpose":
        pixels = cv2.transpose(pixels)
    elif op == "transverse":
        pixels = cv2.flip(cv2.transpose(pixels), -1)
    return pixels


def _megapixels_needed(pixels: int) -> int:
    return int(pixels / 1e6) + 1


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] or type(exc).__name__


def _to_bgr8(img) -> np.ndarray:
    """Any Pillow mode → 8-bit BGR. Alpha is composited on white (cards are printed on paper)."""
    from PIL import Image

    mode = img.mode
    if mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(img, dtype=np.float64)
        hi = arr.max() if arr.size else 1.0
        scale = 255.0 / (65535.0 if hi > 255 else max(hi, 1.0))
        gray = np.clip(arr * scale, 0, 255).astype(np.uint8)
        return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))
    if mode == "F":
        arr = np.asarray(img, dtype=np.float64)
        lo, hi = float(arr.min()), float(arr.max())
        gray = ((arr - lo) / (hi - lo or 1.0) * 255).astype(np.uint8)
        return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(bg, rgba)
    rgb = np.asarray(img.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])
