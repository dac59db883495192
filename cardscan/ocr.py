"""Reading text: the only module that talks to an OCR engine.

An engine is a small Protocol so that tests and the batch can inject one.
Tesseract's 0-100 / -1 confidences become 0-1 / None here, and text is
NFC-normalised here, so nothing downstream has to care which engine read it.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from typing import Optional, Protocol

import numpy as np

from cardscan.errors import DependencyError, OcrError
from cardscan.models import Box, OcrLine, OcrResult, OcrWord

MIN_TESSERACT = (4, 0)
DEFAULT_TIMEOUT = 60.0  # seconds per card; a hung Tesseract fails that card only


class Engine(Protocol):
    name: str

    def version(self) -> str: ...

    def recognize(self, image: np.ndarray, *, lang: str = "eng", psm: int = 3) -> OcrResult:
        """Read an 8-bit grayscale or BGR image; return words grouped into lines."""
        ...

    def detect_orientation(self, image: np.ndarray) -> Optional[tuple[int, float]]:
        """Degrees clockwise (0/90/180/270) that make the image upright, and a 0-1 confidence.

        None when the engine cannot tell (too little text)."""
        ...


def install_hint(lang: str | None = None) -> str:
    """The exact command that installs Tesseract (or one language pack) on this platform."""
    if sys.platform == "darwin":
        return "brew install tesseract-lang" if lang else "brew install tesseract"
    if sys.platform.startswith("win"):
        return "choco install tesseract"
    pkg = f"tesseract-ocr-{lang}" if lang else "tesseract-ocr tesseract-ocr-eng"
    if shutil.which("apt-get"):
        return f"apt-get install -y {pkg}"
    if shutil.which("dnf"):
        return f"dnf install -y tesseract tesseract-langpack-{lang}" if lang else "dnf install -y tesseract"
    return f"apt-get install -y {pkg}"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _lines_from_data(data: dict[str, list]) -> list[OcrLine]:
    """Group pytesseract's column dict (image_to_data) into lines of words."""
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    order: list[tuple[int, int, int]] = []
    n = len(data.get("text", []))
    for i in range(n):
        text = _nfc(str(data["text"][i])).strip()
        if not text:
            continue
        try:
            raw_conf = float(data["conf"][i])
        except (TypeError, ValueError):
            raw_conf = -1.0
        conf = None if raw_conf < 0 else min(raw_conf / 100.0, 1.0)
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        word = OcrWord(
            text=text,
            conf=conf,
            box=Box(int(data["left"][i]), int(data["top"][i]),
                    int(data["width"][i]), int(data["height"][i])),
            block=key[0], par=key[1], line=key[2],
        )
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(word)
    lines = [OcrLine(tuple(sorted(groups[k], key=lambda w: w.box.left))) for k in order]
    return lines


class PytesseractEngine:
    """Tesseract through pytesseract: a new process per call, always available."""

    name = "pytesseract"

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, cmd: str | None = None):
        import pytesseract

        self._pt = pytesseract
        self._timeout = timeout
        self._cmd = cmd or os.environ.get("CARDSCAN_TESSERACT") or "tesseract"
        self._version: str | None = None

    def _config(self, psm: int) -> str:
        return f"--psm {psm}"

    def _call(self, fn, *args, **kwargs):
        # pytesseract keeps its command in module state; set it per call so two
        # engines with different commands never see each other's.
        self._pt.pytesseract.tesseract_cmd = self._cmd
        try:
            return fn(*args, timeout=self._timeout, **kwargs)
        except self._pt.TesseractNotFoundError as exc:
            raise DependencyError(f"Tesseract is not installed; install it with: {install_hint()}") from exc
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            raise OcrError(f"Tesseract timed out after {self._timeout:.0f} s") from exc
        except self._pt.TesseractError as exc:
            msg = " ".join(str(exc.message if hasattr(exc, "message") else exc).split())
            raise OcrError(f"Tesseract failed: {msg[:200]}") from exc

    def version(self) -> str:
        if self._version is None:
            try:
                out = subprocess.run([self._cmd, "--version"], capture_output=True, text=True, timeout=30)
            except (OSError, subprocess.SubprocessError) as exc:
                raise DependencyError(f"Tesseract is not installed; install it with: {install_hint()}") from exc
            text = (out.stdout or "") + (out.stderr or "")
            m = re.search(r"tesseract\s+v?(\d+\.\d+(?:\.\d+)?)", text)
            if not m:
                raise DependencyError(f"cannot tell Tesseract's version from {self._cmd!r}; reinstall it: {install_hint()}")
            self._version = m.group(1)
        return self._version

    def languages(self) -> set[str]:
        try:
            out = subprocess.run([self._cmd, "--list-langs"], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError) as exc:
            raise DependencyError(f"Tesseract is not installed; install it with: {install_hint()}") from exc
        lines = (out.stdout or "").splitlines()
        return {ln.strip() for ln in lines[1:] if ln.strip()}

    def recognize(self, image: np.ndarray, *, lang: str = "eng", psm: int = 3) -> OcrResult:
        data = self._call(self._pt.image_to_data, _to_pil(image), lang=lang,
                          config=self._config(psm), output_type=self._pt.Output.DICT)
        h, w = image.shape[:2]
        return OcrResult(tuple(_lines_from_data(data)), (w, h), f"tesseract {self.version()}")

    def detect_orientation(self, image: np.ndarray) -> Optional[tuple[int, float]]:
        try:
            osd = self._call(self._pt.image_to_osd, _to_pil(image), config="--psm 0",
                             output_type=self._pt.Output.DICT)
        except OcrError:
            return None  # too little text to decide: the caller keeps the image as it is
        rotate = int(osd.get("rotate", 0)) % 360
        conf = float(osd.get("orientation_conf", 0.0))
        # Tesseract's orientation confidence is unbounded; ~15 is already a clear call.
        return rotate, max(0.0, min(conf / 15.0, 1.0))


def _to_pil(image: np.ndarray):
    from PIL import Image

    if image.ndim == 2:
        return Image.fromarray(image)
    return Image.fromarray(image[:, :, ::-1].copy())  # BGR → RGB


def preflight(engine: Engine, langs: str) -> None:
    """Check the engine and every requested language before any work starts."""
    version = engine.version()
    parts = tuple(int(p) for p in version.split(".")[:2])
    if parts < MIN_TESSERACT:
        raise DependencyError(
            f"Tesseract {version} is too old (need {MIN_TESSERACT[0]}.{MIN_TESSERACT[1]} or later); "
            f"upgrade it: {install_hint()}")
    have = engine.languages() if hasattr(engine, "languages") else None
    if have is None:
        return
    for lang in langs.split("+"):
        if lang and lang not in have:
            raise DependencyError(
                f"Tesseract language pack {lang!r} is not installed; install it with: {install_hint(lang)}")


def make_engine(name: str = "auto", timeout: float = DEFAULT_TIMEOUT) -> Engine:
    if name in ("auto", "pytesseract"):
        return PytesseractEngine(timeout=timeout)
    raise DependencyError(f"unknown OCR engine {name!r}")
