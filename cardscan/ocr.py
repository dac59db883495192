"""Reading text: the only module that talks to an OCR engine.

An engine is a small Protocol so that tests and the batch can inject one.
Tesseract's 0-100 / -1 confidences become 0-1 / None here, and text is
NFC-normalised here, so nothing downstream has to care which engine read it.
"""
from __future__ import annotations

import atexit
import collections
import contextlib
import multiprocessing.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path
from typing import Iterator, Optional, Protocol

import numpy as np

from cardscan import tessdata
from cardscan.errors import DependencyError, OcrError
from cardscan.models import Box, OcrLine, OcrResult, OcrWord
from cardscan.options import ENGINES

MIN_TESSERACT = (4, 0)
DEFAULT_TIMEOUT = 60.0  # seconds per card; a hung Tesseract fails that card only
FAST_HINT = "pip install 'cardscan[fast]'"

# Where distributions put Tesseract's language data, newest layout first. Only used
# when neither TESSDATA_PREFIX nor the tesseract program can tell us.
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    "/opt/local/share/tessdata",
    "C:/Program Files/Tesseract-OCR/tessdata",
)
# Columns of Tesseract's TSV output, the same ones pytesseract's image_to_data returns.
TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
               "left", "top", "width", "height", "conf", "text")
# Models of scripts that are printed top to bottom (Japanese, Chinese, Korean cards).
VERTICAL_SCRIPTS = ("jpn", "chi_sim", "chi_tra", "kor", "Japanese", "HanS", "HanT", "Hangul")


def reads_vertical(lang: str, asked: Optional[bool] = None) -> bool:
    """Whether Tesseract should look for columns of text printed top to bottom: `asked` when a
    read says (see Engine.recognize's vertical), else as the languages say.

    Only for the scripts that are printed so. Otherwise its layout analysis, given a card
    with a few CJK glyphs, a logo panel or a grainy background, can take whole blocks of
    Latin lines for vertical text and read them sideways, as junk (the card is already turned
    upright before it is read)."""
    if asked is not None:
        return asked
    return any(part in VERTICAL_SCRIPTS or part.endswith("_vert") for part in lang.split("+"))


class Engine(Protocol):
    name: str

    def version(self) -> str: ...

    def recognize(self, image: np.ndarray, *, lang: str = "eng", psm: int = 3,
                  vertical: Optional[bool] = None) -> OcrResult:
        """Read an 8-bit grayscale or BGR image; return words grouped into lines.

        vertical: whether to look for text printed top to bottom; None: as the languages say
        (reads_vertical). False reads a card already turned upright with a Japanese model."""
        ...

    def detect_orientation(self, image: np.ndarray) -> Optional[tuple[int, float]]:
        """Degrees clockwise (0/90/180/270) that make the image upright, and a 0-1 confidence.

        None when the engine cannot tell (too little text)."""
        ...

    def release(self, lang: str) -> None:
        """Let go of what reading `lang` keeps loaded (a model asked for now and then, whose
        memory should not stay under every later photo's)."""
        ...


def install_hint(lang: str | None = None) -> str:
    """The exact command that installs Tesseract (or one language pack) on this platform."""
    if sys.platform == "darwin":
        return "brew install tesseract-lang" if lang else "brew install tesseract"
    if sys.platform.startswith("win"):
        return "choco install tesseract"
    script = _SCRIPT_CODES.get(lang or "")
    if script:  # whole-script models (Latin, Cyrillic, ...) are packaged apart from languages
        pkg, dnf_pkg = f"tesseract-ocr-script-{script}", f"tesseract-script-{(lang or '').lower()}"
    else:
        pkg = f"tesseract-ocr-{lang}" if lang else "tesseract-ocr tesseract-ocr-eng"
        dnf_pkg = f"tesseract-langpack-{lang}"
    if shutil.which("apt-get"):
        return f"apt-get install -y {pkg}"
    if shutil.which("dnf"):
        return f"dnf install -y {dnf_pkg}" if lang else "dnf install -y tesseract"
    return f"apt-get install -y {pkg}"


_SCRIPT_CODES = {"Latin": "latn", "Cyrillic": "cyrl", "Greek": "grek", "Arabic": "arab", "Hebrew": "hebr",
                 "Devanagari": "deva", "Japanese": "jpan", "HanS": "hans", "HanT": "hant", "Hangul": "hang"}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _osd_rotation(orient_deg: int) -> int:
    """Tesseract reports the page's orientation clockwise; the fix is the opposite turn.

    The same mapping as the 'Rotate:' line of `tesseract --psm 0` (OrientationIdToValue)."""
    return (360 - int(orient_deg)) % 360


def _osd_confidence(raw: float) -> float:
    # Tesseract's orientation confidence is unbounded; ~15 is already a clear call.
    return max(0.0, min(float(raw) / 15.0, 1.0))


def _data_from_tsv(tsv: str) -> dict[str, list]:
    """Tesseract's TSV text as the column dict of image_to_data, so both engines share
    _lines_from_data and cannot drift apart in how words become lines."""
    data: dict[str, list] = {c: [] for c in TSV_COLUMNS}
    for row in tsv.splitlines():
        parts = row.split("\t")
        if len(parts) < len(TSV_COLUMNS) - 1 or parts[0] == "level":
            continue  # a header or a damaged row
        if len(parts) == len(TSV_COLUMNS) - 1:
            parts.append("")  # rows above word level end without a text column
        for col, value in zip(TSV_COLUMNS, parts[:len(TSV_COLUMNS) - 1]):
            data[col].append(value)
        data["text"].append("\t".join(parts[len(TSV_COLUMNS) - 1:]))
    return data


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


def _result(data: dict[str, list], image: np.ndarray, version: str) -> OcrResult:
    """What an engine read on `image` (columns as image_to_data gives them), as cardscan keeps it."""
    h, w = image.shape[:2]
    return OcrResult(tuple(_lines_from_data(data)), (w, h), f"tesseract {version}")


def _probe_lang(langs: set[str]) -> str:
    """The model an engine's self-test reads with: English when installed, else another."""
    return "eng" if "eng" in langs else sorted(langs - {"osd"} or langs)[0]


class PytesseractEngine:
    """Tesseract through pytesseract: a new process per call, always available."""

    name = "pytesseract"

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, cmd: str | None = None):
        import pytesseract

        self._pt = pytesseract
        self._timeout = timeout
        self._cmd = cmd or os.environ.get("CARDSCAN_TESSERACT") or "tesseract"
        self._version: str | None = None
        self._lean: Optional[str] | bool = False  # not looked for yet

    def _tessdata(self, lang: str) -> Optional[str]:
        """The folder of the Latin-script model with the cut word list (see cardscan.tessdata),
        for a read in that model alone; None: Tesseract's own folder."""
        if lang != tessdata.LANG:
            return None
        if self._lean is False:
            self._lean = tessdata.lean_dir(find_tessdata(self._cmd))
        return self._lean

    def _config(self, psm: int, lang: str, vertical: Optional[bool] = None) -> str:
        folder = self._tessdata(lang)
        where = ""
        if folder and os.name != "nt":
            where = f" --tessdata-dir {shlex.quote(folder)}"
        elif folder and not re.search(r"\s", folder):
            where = f" --tessdata-dir {folder}"  # pytesseract splits the config keeping quotes on Windows
        return f"--psm {psm} -c textord_tabfind_vertical_text={int(reads_vertical(lang, vertical))}{where}"

    def _call(self, fn, *args, **kwargs):
        # pytesseract keeps its command in module state; set it per call so two
        # engines with different commands never see each other's.
        self._pt.pytesseract.tesseract_cmd = self._cmd
        try:
            return fn(*args, timeout=self._timeout, **kwargs)
        except self._pt.TesseractNotFoundError as exc:
            raise DependencyError(f"Tesseract is not installed; install it with: {install_hint()}") from exc
        except self._pt.TesseractError as exc:  # before RuntimeError: it is one, but not a timeout
            msg = " ".join(str(exc.message if hasattr(exc, "message") else exc).split())
            raise OcrError(f"Tesseract failed: {msg[:200]}") from exc
        except RuntimeError as exc:  # pytesseract raises a plain RuntimeError on timeout
            raise OcrError(f"Tesseract timed out after {self._timeout:g} s") from exc

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

    def recognize(self, image: np.ndarray, *, lang: str = "eng", psm: int = 3,
                  vertical: Optional[bool] = None) -> OcrResult:
        with _for_program(image) as path:
            data = self._call(self._pt.image_to_data, path, lang=lang,
                              config=self._config(psm, lang, vertical), output_type=self._pt.Output.DICT)
        return _result(data, image, self.version())

    def detect_orientation(self, image: np.ndarray) -> Optional[tuple[int, float]]:
        try:
            with _for_program(image) as path:
                osd = self._call(self._pt.image_to_osd, path, config="--psm 0", output_type=self._pt.Output.DICT)
        except OcrError:
            return None  # too little text to decide: the caller keeps the image as it is
        rotate = int(osd.get("rotate", 0)) % 360
        return rotate, _osd_confidence(osd.get("orientation_conf", 0.0))

    def release(self, lang: str) -> None:
        """Nothing stays loaded: every read is a program of its own."""


# The page segmentation modes a streaming engine keeps a Tesseract program running for, per
# thread: the whole-card read (3), the block read (6) and the one-line read (7) are nearly
# all the reads. A program holding the Latin-script model keeps about 55 MB (120 with
# Tesseract's whole word list, see cardscan.tessdata); the rare raw
# line read (13) starts a program per read instead.
KEPT_MODES = (3, 6, 7)


class _Program:
    """One tesseract program that reads image paths from its stdin, one per line
    (Tesseract's stream_filelist), and writes each page's TSV as soon as it is read.

    A page's TSV carries no end mark, so every image is followed by a 1×1 blank one:
    the blank page's first row, which only comes after the image's rows, ends the image's.
    The blank's own rows are dropped: read as a single line, a blank page is a letter."""

    def __init__(self, cmd: str, lang: str, psm: int, workdir: str, folder: Optional[str] = None,
                 vertical: bool = False):
        self._blank = os.path.join(workdir, _BLANK)
        self._workdir = workdir
        self._reads = 0
        self._buf = b""
        self._cond = threading.Condition()
        self._eof = False
        self._stderr: collections.deque[str] = collections.deque(maxlen=20)
        args = [cmd, "-", "-", *(["--tessdata-dir", folder] if folder else []), "-l", lang, "--psm", str(psm),
                "-c", "stream_filelist=1",
                "-c", f"textord_tabfind_vertical_text={int(vertical)}", "tsv"]
        try:
            self._proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE)
        except OSError as exc:
            raise DependencyError(f"Tesseract is not installed; install it with: {install_hint()}") from exc
        # Threads, not select(): pipes cannot be polled on Windows. The stderr one also
        # keeps the pipe from filling (Tesseract names every page there).
        threading.Thread(target=self._pump_out, daemon=True).start()
        threading.Thread(target=self._pump_err, daemon=True).start()

    def _pump_out(self) -> None:
        fd = self._proc.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                chunk = b""
            with self._cond:
                if chunk:
                    self._buf += chunk
                else:
                    self._eof = True
                self._cond.notify_all()
            if not chunk:
                return

    def _pump_err(self) -> None:
        for raw in self._proc.stderr:
            line = raw.decode("utf-8", "replace").strip()
            if line and not line.startswith("Page "):
                self._stderr.append(line)

    @property
    def ready(self) -> bool:
        """Whether it has read an image yet (and so has its model loaded)."""
        return self._reads > 0 and self.alive()

    def alive(self) -> bool:
        return self._proc.poll() is None and not self._eof

    def read(self, image: np.ndarray, timeout: float) -> str:
        self._reads += 1
        path = os.path.join(self._workdir, f"{id(self)}-{self._reads}.pnm")
        with _pnm_file(image, path):
            # (pages count from 1, and each read is two: the image, then the blank)
            start = f"1\t{2 * self._reads - 1}\t".encode()  # the page's own first row
            end = f"\n1\t{2 * self._reads}\t0\t0\t0\t0\t0\t0\t1\t1\t".encode()
            try:
                self._proc.stdin.write(f"{path}\n{self._blank}\n".encode())
                self._proc.stdin.flush()
            except OSError:
                pass  # it ended: said below, with what it wrote on stderr
            deadline = time.monotonic() + timeout
            with self._cond:
                while end not in self._buf and not self._eof:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        self.close()
                        raise OcrError(f"Tesseract timed out after {timeout:g} s")
                    self._cond.wait(left)
                if end not in self._buf:
                    said = " ".join(self._stderr)[-200:] or "no message"
                    self.close()
                    raise OcrError(f"Tesseract failed: {said}")
                page, _, self._buf = self._buf.partition(end)
        # Before the page's first row: the header, or the rows of the blank read before it.
        if not page.startswith(start):
            page = page[page.find(b"\n" + start) + 1:]
        return page.decode("utf-8", "replace")

    def close(self) -> None:
        try:
            self._proc.stdin.close()
        except OSError:
            pass
        try:
            self._proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


# The 1×1 blank image a scratch folder holds, read after each image to end its output.
_BLANK = "blank.pnm"


def _scratch() -> str:
    """A new scratch folder for the images handed to tesseract programs, with its blank."""
    workdir = tempfile.mkdtemp(prefix="cardscan-ocr-")
    _write_pnm(os.path.join(workdir, _BLANK), np.full((1, 1), 255, np.uint8))
    return workdir


def _gray_or_rgb(image: np.ndarray) -> np.ndarray:
    """8-bit gray or RGB pixels as Tesseract takes them (cardscan works in BGR): a view of
    the image where it can be, not a copy (each copy of a 12-MP card is 36 MB more)."""
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim == 3:
        image = image[:, :, 2::-1]  # BGR(A) → RGB
    return image


# Rows of pixels written to a PNM file at a time: a band (a few MB) is copied to bytes
# instead of the whole image, which would come on top of the image itself.
PNM_BAND = 256


def _write_pnm(path: str, image: np.ndarray) -> None:
    """The image as binary PGM or PPM: no compression to spend time on, and read by every
    Tesseract build (its image library reads PNM without optional codecs)."""
    image = _gray_or_rgb(image)
    h, w = image.shape[:2]
    magic = b"P5" if image.ndim == 2 else b"P6"
    with open(path, "wb") as fh:
        fh.write(b"%s\n%d %d\n255\n" % (magic, w, h))
        for top in range(0, h, PNM_BAND):
            fh.write(image[top:top + PNM_BAND].tobytes())  # (C order, even from a view)


@contextlib.contextmanager
def _pnm_file(image: np.ndarray, path: str) -> Iterator[str]:
    """`image` written to `path` (see _write_pnm) for the length of a read, removed after it."""
    try:
        _write_pnm(path, image)
        yield path
    finally:
        try:
            os.remove(path)
        except OSError:
            pass


class StreamEngine(PytesseractEngine):
    """Tesseract as a program, kept running: one program per page segmentation mode
    reads every card of the batch, instead of a new program (and model load, about
    0.1 s for the Latin-script model, 0.3-0.5 s with its whole word list) per read.

    Output is Tesseract's own TSV, as through pytesseract. Programs are per thread and per
    process (a copy of the engine starts with none) and end with the process; orientation
    detection and the rarer modes go through pytesseract, a program per call."""

    name = "tesseract"

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, cmd: str | None = None):
        super().__init__(timeout=timeout, cmd=cmd)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[_Program] = []
        self._workdir: str | None = None
        self._close_at_exit()

    def __getstate__(self):
        state = self.__dict__.copy()
        for key in ("_pt", "_local", "_lock", "_all", "_workdir"):
            state.pop(key, None)
        state["_lean"] = False  # a folder of this machine's cache: looked for again where it lands
        return state

    def __setstate__(self, state):
        import pytesseract

        self.__dict__.update(state)
        self._pt = pytesseract
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all = []
        self._workdir = None
        self._close_at_exit()

    def _close_at_exit(self) -> None:
        # A pool's worker process ends without running atexit; multiprocessing's own
        # finalizers do run there, and ending the programs then lets the worker wait for them.
        atexit.register(self.close)
        multiprocessing.util.Finalize(self, self.close, exitpriority=10)

    def _program(self, lang: str, psm: int, vertical: bool) -> Optional[_Program]:
        programs = getattr(self._local, "programs", None)
        if programs is None:
            programs = self._local.programs = {}
        key = (lang, psm, vertical)
        program = programs.get(key)
        if program is not None and not program.alive():
            del programs[key]  # it failed or timed out on the last read: a new one
            program = None
        if program is None:
            if psm not in KEPT_MODES:
                return None
            with self._lock:
                if self._workdir is None:
                    self._workdir = _scratch()
                program = _Program(self._cmd, lang, psm, self._workdir, self._tessdata(lang), vertical)
                self._all.append(program)
            programs[key] = program
        return program

    def recognize(self, image: np.ndarray, *, lang: str = "eng", psm: int = 3,
                  vertical: Optional[bool] = None) -> OcrResult:
        program = self._program(lang, psm, reads_vertical(lang, vertical))
        if program is None:
            return super().recognize(image, lang=lang, psm=psm, vertical=vertical)
        return _result(_data_from_tsv(program.read(image, self._timeout)), image, self.version())

    def load(self, lang: str) -> None:
        """Start this thread's programs for `lang` and wait until their model is loaded.

        Loading the Latin-script model holds more than it keeps, for a moment (20 MB; about
        150 MB with its whole word list): done one program after the other, before a photo
        is decoded, those moments come neither together nor on top of a 12-MP photo. A
        failure is left to the read."""
        blank = np.full((1, 1), 255, np.uint8)
        for psm in KEPT_MODES:
            try:
                program = self._program(lang, psm, reads_vertical(lang))
                if program is not None and not program.ready:
                    program.read(blank, self._timeout)
            except (OcrError, DependencyError):
                return

    def works(self) -> bool:
        """Whether the program reads images named on its stdin (Tesseract 4 and later do).
        Tried with a program of its own, so the reads keep both places."""
        langs = self.languages()
        if not langs:
            return False
        lang = _probe_lang(langs)
        workdir = _scratch()
        try:
            program = _Program(self._cmd, lang, 3, workdir)
            try:
                program.read(np.full((32, 32), 255, np.uint8), min(self._timeout, 30.0))
            finally:
                program.close()
        except Exception:  # any failure means: a program per read
            return False
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return True

    def release(self, lang: str) -> None:
        """End this thread's programs reading `lang` (the model they hold goes with them)."""
        programs = getattr(self._local, "programs", None) or {}
        for key in [k for k in programs if k[0] == lang]:
            program = programs.pop(key)
            with self._lock:
                if program in self._all:
                    self._all.remove(program)
            program.close()

    def close(self) -> None:
        """End every program this engine started and remove its scratch folder."""
        with self._lock:
            programs, self._all = self._all, []
            workdir, self._workdir = self._workdir, None
        for program in programs:
            program.close()
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


def find_tessdata(cmd: str | None = None) -> Optional[str]:
    """The folder holding *.traineddata, as the installed Tesseract sees it.

    TESSDATA_PREFIX first (what Tesseract itself honours), then the folder that
    `tesseract --list-langs` names, then the usual install locations."""
    def has_data(folder: str | Path) -> bool:
        try:
            return any(Path(folder).glob("*.traineddata"))
        except OSError:
            return False

    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        for candidate in (Path(prefix), Path(prefix) / "tessdata"):
            if has_data(candidate):
                return str(candidate)
    cmd = cmd or os.environ.get("CARDSCAN_TESSERACT") or "tesseract"
    try:
        out = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=30)
        m = re.search(r'languages in "([^"]+)"', (out.stdout or "") + (out.stderr or ""))
        if m and has_data(m.group(1)):
            return m.group(1)
    except (OSError, subprocess.SubprocessError):
        pass  # no tesseract program: the language data may still be installed on its own
    for folder in TESSDATA_DIRS:
        if has_data(folder):
            return folder
    return None


def _quiet_leptonica() -> None:
    """Silence the image library inside tesserocr. In a process of its own (pytesseract)
    its stderr chatter ('Error in boxClipToRectangle') is captured; in ours it would land
    on the user's terminal. Real failures still show: Recognize returns False."""
    import ctypes
    import ctypes.util

    paths: list[str] = []
    try:
        with open("/proc/self/maps") as fh:  # the copy tesserocr loaded, wherever its wheel put it
            paths = sorted({line.split()[-1] for line in fh if "leptonica" in line.split()[-1]})
    except OSError:
        pass
    found = ctypes.util.find_library("leptonica") or ctypes.util.find_library("lept")
    for path in paths + ([found] if found else []):
        try:
            ctypes.CDLL(path).setMsgSeverity(6)  # L_SEVERITY_NONE
            return
        except (OSError, AttributeError):
            continue


class TesserocrEngine:
    """Tesseract in this process through tesserocr: the model is loaded once per thread
    and reused for every card, instead of a new process and model load per call.

    A PyTessBaseAPI is not thread-safe, so each thread gets its own (one per language).
    The per-card timeout is Tesseract's own recognition deadline: it stops between
    words, so layout analysis before recognition cannot be cut short."""

    name = "tesserocr"

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, tessdata: str | None = None):
        try:
            import tesserocr
        except ImportError as exc:
            raise DependencyError(f"the fast OCR engine needs tesserocr; install it with: {FAST_HINT}") from exc
        self._tr = tesserocr
        _quiet_leptonica()
        self._timeout = timeout
        self._path = tessdata or find_tessdata()
        if self._path is None:
            raise DependencyError(
                "cannot find Tesseract's language data (a folder with eng.traineddata); install it with: "
                f"{install_hint()}, or set TESSDATA_PREFIX to that folder")
        self._local = threading.local()
        self._version: str | None = None
        self._not_loaded: set[str] = set()  # models load() found missing
        self._lean: Optional[str] | bool = False  # not looked for yet

    def _tessdata(self, lang: str) -> str:
        """The folder to load `lang` from: the Latin-script model with the cut word list (see
        cardscan.tessdata) where there is one, else Tesseract's own folder."""
        if lang != tessdata.LANG:
            return self._path
        if self._lean is False:
            self._lean = tessdata.lean_dir(self._path)
        return self._lean or self._path

    def __getstate__(self):
        # APIs are native objects tied to their thread; a copy starts with none.
        state = self.__dict__.copy()
        del state["_local"], state["_tr"]
        state["_lean"] = False  # a folder of this machine's cache: looked for again where it lands
        return state

    def __setstate__(self, state):
        import tesserocr

        self.__dict__.update(state)
        self._tr = tesserocr
        _quiet_leptonica()
        self._local = threading.local()
        self._not_loaded = set()  # another process, maybe another machine: its own models

    def _api(self, lang: str):
        """This thread's API reading `lang`, loaded at its first use and kept."""
        apis = getattr(self._local, "apis", None)
        if apis is None:
            apis = self._local.apis = {}
        api = apis.get(lang)
        if api is None:
            api = apis[lang] = self._new_api(lang)
        return api

    def _new_api(self, lang: str):
        psm = self._tr.PSM.OSD_ONLY if lang == "osd" else self._tr.PSM.AUTO
        try:
            api = self._tr.PyTessBaseAPI(path=self._tessdata(lang), lang=lang, psm=psm)
        except RuntimeError as exc:
            missing = [p for p in lang.split("+") if p not in self.languages()]
            if missing:
                raise DependencyError(
                    f"Tesseract language pack {missing[0]!r} is not installed in {self._path}; "
                    f"install it with: {install_hint(missing[0])}") from exc
            raise DependencyError(f"Tesseract cannot load {lang!r} from {self._path}: {exc}") from exc
        api.SetVariable("debug_file", os.devnull)  # Tesseract's own warnings, for the same reason
        return api

    def load(self, lang: str) -> None:
        """Load the model a card read in `lang` uses, in this thread, if not loaded yet.

        Loading the Latin-script model holds more than it keeps, for a moment (the file read
        whole and the word list built from it: little with the short word list, about 150 MB
        with the whole one): done before a photo is
        decoded, that moment does not come on top of a 12-MP photo and its copies.
        A model that fails to load is left to the read that needs it to report, and not
        tried here again (Tesseract says on stderr each time it misses a file)."""
        if lang in self._not_loaded:
            return
        try:
            self._api(lang)
        except DependencyError:
            self._not_loaded.add(lang)

    def _set_image(self, api, image: np.ndarray) -> None:
        # Raw pixels, no PNG round trip.
        image = _gray_or_rgb(image)
        h, w = image.shape[:2]
        bpp = 1 if image.ndim == 2 else 3
        api.SetImageBytes(image.tobytes(), w, h, bpp, w * bpp)  # (one copy, in C order, from a view)

    def version(self) -> str:
        if self._version is None:
            m = re.search(r"tesseract\s+v?(\d+\.\d+(?:\.\d+)?)", self._tr.tesseract_version())
            if not m:
                raise DependencyError(f"cannot tell the Tesseract version inside tesserocr; reinstall it: {FAST_HINT}")
            self._version = m.group(1)
        return self._version

    def languages(self) -> set[str]:
        _, langs = self._tr.get_languages(self._path)
        return set(langs)

    def works(self) -> bool:
        """Whether a model loads and reads: the test make_engine('auto') relies on."""
        langs = self.languages()
        if not langs:
            return False
        lang = _probe_lang(langs)
        try:
            self.recognize(np.full((32, 32), 255, np.uint8), lang=lang)
        except Exception:  # any failure means: use the other engine
            return False
        return True

    def recognize(self, image: np.ndarray, *, lang: str = "eng", psm: int = 3,
                  vertical: Optional[bool] = None) -> OcrResult:
        api = self._api(lang)
        api.SetPageSegMode(psm)
        # (set on every read: the API is kept, and the next read may want the languages' own)
        api.SetVariable("textord_tabfind_vertical_text", "1" if reads_vertical(lang, vertical) else "0")
        self._set_image(api, image)
        started = time.monotonic()
        try:
            ok = api.Recognize(timeout=max(1, int(self._timeout * 1000)))
            if not ok:
                if time.monotonic() - started >= self._timeout * 0.9:
                    raise OcrError(f"Tesseract timed out after {self._timeout:g} s")
                raise OcrError("Tesseract could not read the image")
            tsv = api.GetTSVText(0)
        finally:
            api.Clear()  # drop this card's image and results; the model stays loaded
        return _result(_data_from_tsv(tsv), image, self.version())

    def release(self, lang: str) -> None:
        """End this thread's API reading `lang`, and the model it holds."""
        api = (getattr(self._local, "apis", None) or {}).pop(lang, None)
        if api is not None:
            api.End()

    def detect_orientation(self, image: np.ndarray) -> Optional[tuple[int, float]]:
        # The orientation model is loaded for each use and ended after it: kept loaded, it
        # held 30 to 50 MB of every worker from the first photo on, for the one photo in five
        # or six that asks it, and the worker's peak came on top. A load takes 0.03 to 0.06 s
        # and ending it 4 ms; the reads that follow no longer have the model beside them.
        if "osd" in self._not_loaded:
            return None
        try:
            api = self._new_api("osd")
        except DependencyError:
            # no osd data: like the pytesseract engine, the caller keeps the image (and it is
            # not looked for again: Tesseract says on stderr each time it misses a file)
            self._not_loaded.add("osd")
            return None
        try:
            self._set_image(api, image)
            osd = api.DetectOrientationScript()
        finally:
            api.End()
        if not osd:
            return None  # too little text to decide
        return _osd_rotation(osd["orient_deg"]), _osd_confidence(osd["orient_conf"])


@contextlib.contextmanager
def _for_program(image: np.ndarray) -> Iterator[str]:
    """The image in a file of raw pixels (PGM, PPM) for the length of a read, its path given
    to pytesseract. pytesseract's own choice, PNG, took 30-110 ms to compress a card on every
    read, and the picture it writes from (Pillow's, four bytes a pixel) came on top of the
    card: 48 MB more for a 12-MP card, at a worker's peak."""
    fd, path = tempfile.mkstemp(prefix="cardscan-", suffix=".pnm")
    os.close(fd)
    with _pnm_file(image, path):
        yield path


# The languages read when none are asked for. Tesseract's Latin-script model reads the
# accents of every Latin-script language (Müller, José, Đurić) that the English model
# drops, and English with them. Adding eng ("Latin+eng") lets the English model take over
# the words Latin reads with less confidence, which are mostly the accented ones: on fresh
# synthetic sets fewer cards come out entirely right with it (flat 87.3% against 89.0%,
# all photo kinds 61.8% against 64.3%), the real cards score alike (0.852 against 0.854),
# and each card takes about a fifth longer.
AUTO_LANG = "Latin"


def default_lang(engine: Engine) -> Optional[str]:
    """AUTO_LANG when the engine has its models, else None (English is all there is)."""
    have = engine.languages() if hasattr(engine, "languages") else set()
    return AUTO_LANG if all(part in have for part in AUTO_LANG.split("+")) else None


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
    """'auto' is the in-process engine when tesserocr is installed and reads, else the
    tesseract program kept running, else a program per read (pytesseract).

    CARDSCAN_TESSERACT names a tesseract program to run; 'auto' then honours that choice."""
    if name == "pytesseract":
        return PytesseractEngine(timeout=timeout)
    if name == "tesseract":
        return StreamEngine(timeout=timeout)
    if name == "tesserocr":
        return TesserocrEngine(timeout=timeout)
    if name == "auto":
        if not os.environ.get("CARDSCAN_TESSERACT"):
            try:
                fast = TesserocrEngine(timeout=timeout)
                if fast.works():
                    return fast
            except DependencyError:
                pass  # not installed, or no language data where it can see it
        try:
            kept = StreamEngine(timeout=timeout)
            if kept.works():
                return kept
        except DependencyError:
            pass  # no program: the error comes from the first use, with how to install it
        return PytesseractEngine(timeout=timeout)
    raise DependencyError(f"unknown OCR engine {name!r} (choose one of {', '.join(ENGINES)})")
