"""Reading photos and listing inputs.

Pillow decodes (it knows EXIF, CMYK, 16-bit, palettes, animated files and, with
pillow-heif, HEIC); the pixels leave here as upright 8-bit BGR for OpenCV.
Every failure becomes an InputError naming the file and what to do.
"""
from __future__ import annotations

import os
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
    problems: tuple[tuple[str, str], ...]  # (path, message)


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

    The same file given twice (or reached through a link) is scanned once. Broken links
    and unreadable folders become problems; a symlink loop is not followed twice."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        try:
            key = os.path.realpath(p)
        except (OSError, ValueError):
            key = p
        if key in seen:
            return
        seen.add(key)
        files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[str] = []
            visited: set[str] = set()
            for dirpath, dirnames, filenames in os.walk(p, followlinks=True,
                                                        onerror=lambda e: problems.append(
                                                            (str(e.filename), f"cannot read folder: {e.strerror}"))):
                real = os.path.realpath(dirpath)
                if real in visited:  # a symlink loop: do not descend again
                    dirnames[:] = []
                    continue
                visited.add(real)
                dirnames.sort()
                for name in filenames:
                    full = os.path.join(dirpath, name)
                    if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
                        continue
                    if os.path.islink(full) and not os.path.exists(full):
                        problems.append((full, "broken symbolic link; fix or remove it"))
                        continue
                    found.append(full)
            for f in sorted(found):
                add(f)
        elif p.is_file():
            add(raw)
        elif os.path.islink(raw):
            problems.append((raw, "broken symbolic link; fix or remove it"))
        else:
            problems.append((raw, "no such file or folder"))
    return InputList(tuple(files), tuple(problems))


def load(source: str, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> Photo:
    """Decode one image file into an upright BGR Photo (EXIF orientation applied)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if Path(source).suffix.lower() in (".heic", ".heif"):
        if not _heif_available():
            raise InputError(f"{source}: HEIC/HEIF needs pillow-heif; install it with: pip install 'cardscan[heif]'")
        _register_heif()
    try:
        size = os.path.getsize(source)
    except OSError as exc:
        raise InputError(f"{source}: cannot read file: {exc.strerror or exc}") from exc
    if size == 0:
        raise InputError(f"{source}: empty file (0 bytes); it may still be syncing")

    Image.MAX_IMAGE_PIXELS = None  # we check the size ourselves, with our own message
    try:
        with open(source, "rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = Image.open(fh)
            w, h = img.size
            if w * h > max_pixels:
                raise InputError(
                    f"{source}: image is {w}x{h} ({w * h / 1e6:.0f} MP), over the {max_pixels / 1e6:.0f} MP limit; "
                    f"raise it with --max-megapixels if the file is trusted")
            if w < MIN_SIDE or h < MIN_SIDE:
                raise InputError(f"{source}: image is only {w}x{h} pixels; too small to hold a card")
            if getattr(img, "n_frames", 1) > 1:
                img.seek(0)  # an animated file: the first frame is the picture
            orientation = 0
            try:
                orientation = int(img.getexif().get(0x0112, 1) or 1)
            except Exception:  # a broken EXIF block must not lose the picture
                orientation = 1
            img.load()
            try:
                upright = ImageOps.exif_transpose(img)
            except Exception:
                upright = img
            pixels = _to_bgr8(upright)
    except InputError:
        raise
    except UnidentifiedImageError as exc:
        raise InputError(f"{source}: not an image Pillow can read (is it a video, PDF or text file?)") from exc
    except PermissionError as exc:
        raise InputError(f"{source}: permission denied; check the file's permissions") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise InputError(f"{source}: damaged or truncated image ({_short(exc)}); re-copy the file") from exc
    except MemoryError as exc:
        raise InputError(f"{source}: image too large to decode in memory") from exc
    return Photo(source=source, pixels=pixels, exif_rotation=_EXIF_ROTATION.get(orientation, 0))


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
