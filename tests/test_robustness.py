"""Bad input gets a clear message and loses nothing: every case through the command line.

Each case checks the exit code, the message (one line naming the file and saying what to
do, no traceback) and that the good inputs of the same run were written. OCR is the slow
part, so a module fixture reads a few bundled samples once into a result cache; the good
inputs of every run are byte copies of them, which the cache answers without OCR.
"""
from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cardscan import cli, imageio, ocr

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
# Single-card samples that read well; the fixture keeps those that give exactly one contact.
GOOD_SAMPLES = ("synth-4-0003-photo.jpg", "synth-4-0006-portrait.jpg", "synth-4-0002-scan.jpg")
ENGINE = ("--engine", "pytesseract")  # the engine CARDSCAN_TESSERACT can stand in for
SUMMARY = re.compile(r"cardscan: (\d+) images? read \((\d+) from cache\), (\d+) cards found, "
                     r"(\d+) contacts written, (\d+) merged, (\d+) failed")
POSIX = hasattr(os, "symlink") and not sys.platform.startswith("win")


# ---------------------------------------------------------------------------
# running the command


def run(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "cardscan", *map(str, args)], capture_output=True, text=True,
                          env=e, cwd=ROOT, timeout=timeout)


def main(capsys, *args) -> tuple[int, str, str]:
    """cli.main in this process (no start-up cost; lets a test stand in for the OS)."""
    capsys.readouterr()
    code = cli.main([str(a) for a in args])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


@dataclass(frozen=True)
class Warm:
    cache: Path
    images: tuple[Path, ...]  # samples the cache holds, one contact each


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Warm:
    d = tmp_path_factory.mktemp("warm")
    cache = d / "cache"
    paths = [SAMPLES / n for n in GOOD_SAMPLES]
    r = run("scan", *paths, "--format", "json", "--cache-dir", cache, "--no-merge", "-j", "2", *ENGINE)
    assert r.returncode == 0, r.stderr
    per_source: dict[str, int] = {}
    for line in r.stdout.splitlines():
        name = Path(json.loads(line)["source"]).name
        per_source[name] = per_source.get(name, 0) + 1
    readable = tuple(p for p in paths if per_source.get(p.name) == 1)
    assert len(readable) >= 2, f"samples no longer read: {r.stderr}"
    return Warm(cache, readable)


def good_copies(warm: Warm, folder: Path, n: int = 2, prefix: str = "good") -> list[Path]:
    """Byte copies of the cached samples: read from the cache, so they cost no OCR."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"{prefix}-{i:03d}.jpg"
        shutil.copyfile(warm.images[i % len(warm.images)], p)
        out.append(p)
    return out


def scan_args(warm: Warm, *paths, out: Path, extra=()) -> list:
    return ["scan", *paths, "-o", out, "--cache-dir", warm.cache, "--no-merge", *ENGINE, *extra]


def written(out: Path) -> list[str]:
    """File names of the sources in a JSON Lines output, one per contact."""
    if not out.exists():
        return []
    return [Path(json.loads(line)["source"]).name for line in out.read_text(encoding="utf-8").splitlines()]


def lines_naming(err: str, name: str) -> list[str]:
    return [ln for ln in err.splitlines() if name in ln]


def assert_clean(err: str) -> None:
    assert "Traceback" not in err and "Logging error" not in err, err


def assert_one_line(err: str, name: str, *says: str) -> str:
    """Exactly one stderr line names the file, and it says each of `says`."""
    assert_clean(err)
    found = lines_naming(err, name)
    assert len(found) == 1, f"{name}: expected one line, got {found!r} in\n{err}"
    for words in says:
        assert words in found[0], f"{words!r} not in {found[0]!r}"
    return found[0]


def summary(err: str) -> tuple[int, ...]:
    m = SUMMARY.search(err)
    assert m, f"no summary in\n{err}"
    return tuple(int(g) for g in m.groups())


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------------------
# bad files


def _encoded(img: Image.Image, fmt: str, **kw) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **kw)
    return buf.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(side: int = 12000) -> bytes:
    """A 144 MP black PNG in about 20 kB: what a decompression bomb looks like."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)  # filter byte, then 1-bit pixels
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def make_bad(kind: str, folder: Path, sample: Path, monkeypatch=None) -> Path:
    """One bad input of the given kind in `folder`; returns its path."""
    card = Image.open(sample).convert("RGB")
    files = {
        "zero": ("zero-bytes.jpg", b""),
        "truncated-jpeg": ("cut-off.jpg", lambda: _half(sample.read_bytes())),
        "truncated-png": ("cut-off.png", lambda: _half(_encoded(card, "PNG", compress_level=1))),
        "text": ("notes.jpg", b"Remember to call Jane about the offsite.\n" * 20),
        "pdf": ("scan.jpg", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20),
        "video": ("clip.jpg", b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 4000),
        "bomb": ("panorama.png", bomb_png),
        "tiny": ("pixel.png", lambda: _encoded(Image.new("RGB", (1, 1), (255, 255, 255)), "PNG")),
        "heic": ("IMG_0001.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 4000),
    }
    if kind in files:
        name, data = files[kind]
        path = folder / name
        path.write_bytes(data() if callable(data) else data)
        if kind == "heic" and monkeypatch is not None:
            monkeypatch.setattr(imageio, "_heif_available", lambda: False)
        return path
    if kind == "unreadable":
        path = folder / "locked.jpg"
        # a different picture than the good copies, so the cache cannot answer for it
        card.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(path, format="JPEG")
        os.chmod(path, 0)
        if monkeypatch is not None and os.geteuid() == 0:
            # root reads any file: stand in for the OS refusing the open
            real_open = open

            def refuse(p, *a, **k):
                if str(p) == str(path):
                    raise PermissionError(errno.EACCES, "Permission denied", str(p))
                return real_open(p, *a, **k)

            monkeypatch.setattr("builtins.open", refuse)
        return path
    if kind == "broken-link":
        path = folder / "moved-away.jpg"
        os.symlink(folder / "no-longer-here.jpg", path)
        return path
    if kind == "pipe":
        path = folder / "stuck.jpg"
        os.mkfifo(path)
        return path
    raise ValueError(kind)


# kind → what its one line must say (the problem, and what to do)
FAILURES = {
    "zero": ("empty file", "copy it again"),
    "truncated-jpeg": ("truncated", "copy it again"),
    "truncated-png": ("truncated", "copy it again"),
    "text": ("a text file", "move it out"),
    "pdf": ("a PDF", "export the page"),
    "video": ("a video", "move the file out"),
    "bomb": ("over the 100 MP limit", "--max-megapixels 145"),
    "tiny": ("too small", "full-size photo"),
    "heic": ("HEIC", "pip install 'cardscan[heif]'"),
    "unreadable": ("permission denied", "check the file's permissions"),
    "broken-link": ("broken symbolic link", "fix or remove"),
    "pipe": ("not a regular file", "remove it"),
}


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_a_bad_input_fails_alone_with_one_clear_line(kind, warm, tmp_path, capsys, monkeypatch):
    if kind in ("broken-link", "pipe") and not POSIX:
        pytest.skip("needs symbolic links and pipes")
    folder = tmp_path / "in"
    good = good_copies(warm, folder)
    bad = make_bad(kind, folder, warm.images[0], monkeypatch)
    out = tmp_path / "contacts.json"
    code, stdout, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1"]))
    assert code == 1, err
    assert stdout == ""  # data goes to -o only
    assert_one_line(err, bad.name, *FAILURES[kind])
    assert sorted(written(out)) == [p.name for p in good]
    read, cached, cards, contacts, merged, failed = summary(err)
    assert (read, cached, contacts, failed) == (2, 2, 2, 1)


def test_only_bad_inputs_exit_4_and_write_nothing(warm, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = [make_bad(k, folder, warm.images[0], monkeypatch) for k in ("zero", "text", "truncated-png")]
    out = tmp_path / "contacts.vcf"
    code, _, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1"]))
    assert code == 4, err
    for p in bad:
        assert_one_line(err, p.name)
    assert not out.exists()


def test_the_megapixel_limit_can_be_raised(tmp_path, warm, capsys):
    """The message names the flag and the value that lets the picture through.

    (A cached result is answered without decoding, so the photo here is a new one.)"""
    photo = tmp_path / "wide.png"
    Image.new("L", (2000, 1500), 255).save(photo)
    out = tmp_path / "contacts.json"
    code, _, err = main(capsys, *scan_args(warm, photo, out=out, extra=["-j", "1", "--max-megapixels", "2"]))
    assert code == 4
    line = assert_one_line(err, photo.name, "3 MP", "over the 2 MP limit", "--max-megapixels")
    needed = re.search(r"--max-megapixels (\d+)", line).group(1)
    code, _, err = main(capsys, *scan_args(warm, photo, out=out, extra=["-j", "1", "--max-megapixels", needed]))
    assert code == 0, err  # read: blank, so a warning and no contact
    assert_one_line(err, photo.name, "warning")


# ---------------------------------------------------------------------------
# odd but good photos: each is read, and its card written


def _variant(kind: str, card: Image.Image) -> tuple[str, bytes]:
    if kind == "16-bit-png":
        arr = np.asarray(card.convert("L"), dtype=np.uint16) * 257
        return "deep.png", _encoded(Image.fromarray(arr), "PNG", compress_level=1)
    if kind == "cmyk-jpeg":
        return "print.jpg", _encoded(card.convert("CMYK"), "JPEG", quality=92)
    if kind == "grayscale":
        return "gray.jpg", _encoded(card.convert("L"), "JPEG", quality=92)
    if kind == "alpha":
        rgba = card.convert("RGBA")
        alpha = Image.new("L", card.size, 0)
        alpha.paste(255, (16, 16, card.width - 16, card.height - 16))  # a transparent margin
        rgba.putalpha(alpha)
        return "cutout.png", _encoded(rgba, "PNG", compress_level=1)
    if kind == "animated-gif":
        frames = [card.convert("P", palette=Image.Palette.ADAPTIVE), Image.new("P", card.size, 0)]
        return "moving.gif", _encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=500)
    raise ValueError(kind)


@pytest.mark.parametrize("kind", ["16-bit-png", "cmyk-jpeg", "grayscale", "alpha", "animated-gif"])
def test_odd_image_modes_are_read(kind, warm, tmp_path, capsys):
    folder = tmp_path / "in"
    good = good_copies(warm, folder, 1)
    name, data = _variant(kind, Image.open(warm.images[1]).convert("RGB"))
    (folder / name).write_bytes(data)
    out = tmp_path / "contacts.json"
    code, _, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1"]))
    assert code == 0, err
    assert_clean(err)
    assert sorted(written(out)) == sorted([good[0].name, name])


def test_a_blank_image_is_a_warning_not_a_failure(warm, tmp_path, capsys):
    folder = tmp_path / "in"
    good = good_copies(warm, folder)
    Image.new("RGB", (1200, 800), (250, 250, 248)).save(folder / "blank.jpg", quality=95)
    out = tmp_path / "contacts.json"
    code, _, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1"]))
    assert code == 0, err
    line = assert_one_line(err, "blank.jpg", "warning", "no card")
    assert sorted(written(out)) == [p.name for p in good]
    assert summary(err)[0] == 3  # read, though it held nothing
    assert line


def test_only_blank_images_leave_an_existing_output_alone(warm, tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    Image.new("RGB", (1200, 800), (255, 255, 255)).save(folder / "blank.png")
    out = tmp_path / "contacts.vcf"
    out.write_bytes(b"precious\r\n")
    code, _, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1", "--force"]))
    assert code == 0, err
    assert_one_line(err, "blank.png", "warning")
    assert out.read_bytes() == b"precious\r\n"  # nothing found is no reason to empty it


# ---------------------------------------------------------------------------
# names, links, folders


@pytest.mark.skipif(not POSIX, reason="needs symbolic links and byte file names")
def test_names_links_loops_and_repeats(warm, tmp_path):
    """Non-ASCII and non-UTF-8 names, a link loop, a file given twice: all read, each once.

    Run as a separate process: the name that is not UTF-8 must reach a real stderr."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    good = good_copies(warm, folder / "sub", 1)
    shutil.copyfile(warm.images[1], folder / "Visitenkarte Müller 名刺.jpg")
    shutil.copyfile(warm.images[0], os.path.join(os.fsencode(folder), b"card-\xff\xfe.jpg"))
    os.symlink(folder, folder / "sub" / "back-up")  # a loop
    out = tmp_path / "contacts.json"
    r = run(*scan_args(warm, folder, good[0], out=out, extra=["-j", "2"]))
    assert r.returncode == 0, r.stderr
    assert_clean(r.stderr)
    names = written(out)
    assert len(names) == 3 and good[0].name in names and "Visitenkarte Müller 名刺.jpg" in names
    assert any(n.startswith("card-") for n in names)
    assert_one_line(r.stderr, "back-up", "not followed")
    assert_one_line(r.stderr, f"{good[0]}: given more than once", "scanned once")


def test_thousands_of_other_files_are_skipped_quietly(warm, tmp_path, capsys):
    folder = tmp_path / "in"
    good = good_copies(warm, folder)
    junk = folder / "exports"
    junk.mkdir()
    for i in range(3000):
        (junk / f"row-{i:04d}.txt").write_bytes(b"x")
    (junk / "movie.mp4").write_bytes(b"\x00" * 64)
    out = tmp_path / "contacts.json"
    started = time.monotonic()
    code, _, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1"]))
    assert code == 0, err
    assert time.monotonic() - started < 20
    assert "3001 files without an image suffix skipped" in err
    assert "row-" not in err  # counted, not listed
    assert sorted(written(out)) == [p.name for p in good]


def test_the_same_file_twice_is_scanned_once(warm, tmp_path, capsys):
    (photo,) = good_copies(warm, tmp_path / "in", 1)
    out = tmp_path / "contacts.json"
    code, _, err = main(capsys, *scan_args(warm, photo, photo, out=out, extra=["-j", "1"]))
    assert code == 0, err
    assert written(out) == [photo.name]
    assert_one_line(err, f"{photo}: given more than once", "scanned once")


# ---------------------------------------------------------------------------
# the environment


def fake_tesseract(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "tesseract"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return script


@pytest.mark.skipif(not POSIX, reason="shell scripts")
@pytest.mark.parametrize("case", ["missing", "too-old", "language"])
def test_dependency_problems_exit_3_before_any_work(case, warm, tmp_path):
    folder = tmp_path / "in"
    good_copies(warm, folder, 1)
    (folder / "zero.jpg").write_bytes(b"")  # would fail if anything were read
    out = tmp_path / "contacts.vcf"
    env, extra = {}, []
    if case == "missing":
        env["CARDSCAN_TESSERACT"] = str(tmp_path / "nowhere" / "tesseract")
        says = ("not installed", ocr.install_hint())
    elif case == "too-old":
        env["CARDSCAN_TESSERACT"] = str(fake_tesseract(tmp_path, 'echo "tesseract 3.05.02"\necho " leptonica-1.74"\n'))
        says = ("3.05.02 is too old", ocr.install_hint())
    else:
        extra = ["--lang", "eng+xqz"]
        says = ("'xqz' is not installed", ocr.install_hint("xqz"))
    r = run(*scan_args(warm, folder, out=out, extra=extra), env=env)
    assert r.returncode == 3, r.stderr
    assert_clean(r.stderr)
    assert len(r.stderr.splitlines()) == 1
    for words in says:
        assert words in r.stderr
    assert "zero.jpg" not in r.stderr and not out.exists()


def _ocr_sizes(path: Path) -> list[str]:
    """The width and height Tesseract is given for this photo's card, as its PNM header says them."""
    from cardscan import preprocess

    cards = preprocess.find_cards(imageio.load(str(path)))
    assert len(cards) == 1
    card = cards[0]
    h, w = preprocess.for_ocr(card.pixels).shape[:2]
    return [f"{w}x{h}", f"{h}x{w}"]  # read as it is, or turned sideways


@pytest.mark.skipif(not POSIX or not shutil.which("tesseract"), reason="wraps the real tesseract in a script")
def test_tesseract_hanging_or_crashing_on_one_card_fails_that_card_only(warm, tmp_path):
    folder = tmp_path / "in"
    good = good_copies(warm, folder, 1)
    hang = folder / "hangs.jpg"
    Image.open(warm.images[1]).convert("RGB").resize((900, 1200)).save(hang, quality=90)
    crash = folder / "crashes.jpg"
    Image.open(warm.images[0]).convert("RGB").resize((1000, 1350)).save(crash, quality=90)
    hang_sizes, crash_sizes = _ocr_sizes(hang), _ocr_sizes(crash)
    assert not set(hang_sizes) & set(crash_sizes)
    # The card's image is the first argument, a PGM or PPM file ("P5\n<width> <height>\n255\n").
    # Orientation detection (--psm 0) runs normally so a hang costs one timeout, not two.
    script = fake_tesseract(tmp_path, f"""
if [ -f "$1" ]; then
  dims=$(head -c 24 "$1" | tr '\\n' ' ' | awk '{{print $2 "x" $3}}')
  case " {' '.join(crash_sizes)} " in *" $dims "*) echo "Segmentation fault (core dumped)" >&2; exit 139;; esac
  case "$*" in *"--psm 0"*) ;; *)
    case " {' '.join(hang_sizes)} " in *" $dims "*) exec sleep 120;; esac;;
  esac
fi
exec {shutil.which("tesseract")} "$@"
""")
    out = tmp_path / "contacts.json"
    started = time.monotonic()
    r = run(*scan_args(warm, folder, out=out, extra=["-j", "2", "--ocr-timeout", "4"]),
            env={"CARDSCAN_TESSERACT": str(script)})
    took = time.monotonic() - started
    assert r.returncode == 1, r.stderr
    assert_one_line(r.stderr, "hangs.jpg", "timed out after 4 s", "--ocr-timeout")
    assert_one_line(r.stderr, "crashes.jpg", "Tesseract failed", "tesseract --version")
    assert written(out) == [good[0].name]
    assert took < 60


def test_output_in_a_missing_folder_exits_5_before_scanning(warm, tmp_path, capsys):
    folder = tmp_path / "in"
    good_copies(warm, folder, 1)
    (folder / "zero.jpg").write_bytes(b"")
    out = tmp_path / "not-made-yet" / "contacts.vcf"
    code, _, err = main(capsys, *scan_args(warm, folder, out=out))
    assert code == 5
    assert_one_line(err, "not-made-yet", "does not exist", "create it first")
    assert "zero.jpg" not in err and len(err.splitlines()) == 1


def test_output_in_a_read_only_folder_exits_5_before_scanning(warm, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    good_copies(warm, folder, 1)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root may write anywhere: stand in for a read-only folder
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, *a, **k: False if Path(p) == locked and mode & os.W_OK
                            else real_access(p, mode, *a, **k))
    try:
        for target in (["-o", locked / "contacts.vcf"], ["--split", locked / "cards"]):
            code, _, err = main(capsys, "scan", folder, *target, "--cache-dir", warm.cache, *ENGINE)
            assert code == 5, err
            assert_one_line(err, str(locked), "writ")
            assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


class _FillingDisk:
    """A file that takes a few bytes, then fails as a full disk does."""

    def __init__(self, fh, room: int):
        self.fh, self.room = fh, room

    def write(self, data) -> int:
        if self.room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = self.fh.write(bytes(data[: self.room]))
        self.room -= n
        return n

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


@pytest.mark.parametrize("existing", [True, False])
def test_a_full_disk_leaves_the_old_output_whole(existing, warm, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "in"
    good_copies(warm, folder)
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "contacts.json"
    old = '{"source": "earlier.jpg", "card": 0}\n'
    if existing:
        out.write_text(old)
    real_fdopen = os.fdopen

    def fdopen(fd, mode="r", *a, **k):
        fh = real_fdopen(fd, mode, *a, **k)
        return _FillingDisk(fh, 100) if "w" in mode and "b" in mode else fh

    monkeypatch.setattr(os, "fdopen", fdopen)
    code, _, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1", "--force"]))
    assert code == 5
    assert_one_line(err, str(out), "the disk is full", "same command again")
    assert (out.read_text() == old) if existing else not out.exists()
    assert no_temp_files(outdir)


def test_an_existing_output_is_kept_appended_to_or_replaced(warm, tmp_path, capsys):
    folder = tmp_path / "in"
    good = good_copies(warm, folder)
    (folder / "zero.jpg").write_bytes(b"")
    out = tmp_path / "contacts.vcf"
    old = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Earlier Contact\r\nN:Contact;Earlier;;;\r\nEND:VCARD\r\n"
    out.write_text(old, newline="")
    base = ["scan", folder, "-o", out, "--cache-dir", warm.cache, "--no-merge", *ENGINE, "-j", "1"]

    code, _, err = main(capsys, *base)
    assert code == 5 and "zero.jpg" not in err  # refused before any scanning
    assert_one_line(err, str(out), "already exists", "--force", "--append")
    assert out.read_bytes() == old.encode()

    code, _, err = main(capsys, *base, "--append")
    assert code == 1, err
    text = out.read_bytes().decode()
    assert text.startswith(old) and text.count("BEGIN:VCARD") == 1 + len(good)

    code, _, err = main(capsys, *base, "--force")
    assert code == 1, err
    assert "Earlier Contact" not in out.read_text() and out.read_text().count("BEGIN:VCARD") == len(good)
    assert no_temp_files(tmp_path)


def test_split_never_replaces_existing_cards_without_force(warm, tmp_path, capsys):
    folder = tmp_path / "in"
    good = good_copies(warm, folder)
    cards = tmp_path / "cards"
    base = ["scan", folder, "--split", cards, "--cache-dir", warm.cache, "--no-merge", *ENGINE, "-j", "1"]
    code, _, err = main(capsys, *base)
    assert code == 0, err
    made = sorted(p.name for p in cards.iterdir())
    assert len(made) == len(good)
    first = cards / made[0]
    first.write_text("edited by hand")
    (folder / "zero.jpg").write_bytes(b"")
    code, _, err = main(capsys, *base)
    assert code == 5 and "zero.jpg" not in err
    assert_one_line(err, str(cards), "--force")
    assert first.read_text() == "edited by hand"
    code, _, err = main(capsys, *base, "--force")
    assert code == 1
    assert first.read_text().startswith("BEGIN:VCARD")


@pytest.mark.skipif(not POSIX, reason="SIGINT to a child process")
def test_ctrl_c_exits_130_keeps_the_output_and_the_next_run_resumes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, name in enumerate(("synth-4-0003-photo.jpg", "synth-4-0006-portrait.jpg", "synth-4-0004-photo.jpg",
                              "synth-4-0007-photo.jpg")):
        shutil.copyfile(SAMPLES / name, folder / f"{i}-{name}")
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "contacts.vcf"
    out.write_bytes(b"precious\r\n")
    args = [sys.executable, "-m", "cardscan", "scan", str(folder), "-o", str(out), "--force", "--cache-dir",
            str(tmp_path / "cache"), *ENGINE, "-j", "2"]
    # (Ctrl-C as at a terminal: a suite started in the background by a shell script ignores
    # SIGINT, and a program started from it would inherit that)
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: list[str] = []
    first_done = threading.Event()

    def read() -> None:
        for line in proc.stderr:
            lines.append(line)
            if line.startswith("[1/"):
                first_done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert first_done.wait(120), "".join(lines)
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        code = proc.wait(timeout=20)
        stopped = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
    reader.join(5)
    err = "".join(lines)
    assert code == 130, err
    assert stopped < 8
    assert "interrupted" in err and "run the same command again" in err
    assert_clean(err)
    assert out.read_bytes() == b"precious\r\n" and no_temp_files(outdir)

    r = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    read_, cached, *_ = summary(r.stderr)
    assert read_ == 4 and cached >= 1
    assert out.read_text().count("BEGIN:VCARD") >= 4


# ---------------------------------------------------------------------------
# the batch of the issue


def test_100_good_and_25_bad_write_the_100_and_list_the_25(warm, tmp_path):
    folder = tmp_path / "in"
    good = good_copies(warm, folder, 100, prefix="card")
    kinds = [k for k in sorted(FAILURES) if k not in ("heic", "unreadable")]  # both need this process patched
    bad = []
    for i in range(25):
        sub = folder / f"bad-{i:02d}"
        sub.mkdir()
        kind = kinds[i % len(kinds)]
        if kind in ("broken-link", "pipe") and not POSIX:
            kind = "zero"
        bad.append(make_bad(kind, sub, warm.images[0]))
    out = tmp_path / "contacts.json"
    r = run(*scan_args(warm, folder, out=out, extra=["-j", "2"]))
    assert r.returncode == 1, r.stderr
    assert sorted(written(out)) == sorted(p.name for p in good)
    for p in bad:
        assert_one_line(r.stderr, str(p))
    failure_lines = [ln for ln in r.stderr.splitlines() if "/bad-" in ln]
    assert len(failure_lines) == 25
    read, cached, cards, contacts, merged, failed = summary(r.stderr)
    assert (read, cached, contacts, failed) == (100, 100, 100, 25)


def test_a_defect_on_one_photo_is_one_line_and_the_rest_are_written(warm, tmp_path, capsys, monkeypatch):
    """An unexpected error inside the pipeline fails that photo only; -v is for the details."""
    from cardscan import preprocess

    folder = tmp_path / "in"
    good = good_copies(warm, folder)
    odd = folder / "odd.png"
    Image.new("RGB", (640, 400), (200, 180, 160)).save(odd)
    real = preprocess.find_cards

    def find_cards(photo, **kw):
        if photo.source.endswith("odd.png"):
            raise ValueError("cannot reshape array of size 0")
        return real(photo, **kw)

    monkeypatch.setattr(preprocess, "find_cards", find_cards)
    out = tmp_path / "contacts.json"
    code, _, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1"]))
    assert code == 1, err
    assert_one_line(err, "odd.png", "internal error", "ValueError", "please report it")
    assert sorted(written(out)) == [p.name for p in good]


def test_quiet_keeps_every_failure_line_and_drops_the_rest(warm, tmp_path, capsys):
    folder = tmp_path / "in"
    good = good_copies(warm, folder)
    (folder / "zero.jpg").write_bytes(b"")
    out = tmp_path / "contacts.json"
    code, _, err = main(capsys, *scan_args(warm, folder, out=out, extra=["-j", "1", "-q"]))
    assert code == 1
    assert err.splitlines() == [f"cardscan: {folder / 'zero.jpg'}: empty file (0 bytes); it may still be syncing: "
                                f"wait, or copy it again"]
    assert sorted(written(out)) == [p.name for p in good]


def test_a_broken_link_as_the_only_input_exits_4_with_one_line(warm, tmp_path, capsys):
    if not POSIX:
        pytest.skip("needs symbolic links")
    link = make_bad("broken-link", tmp_path, warm.images[0])
    code, out, err = main(capsys, "scan", link, "--cache-dir", warm.cache, *ENGINE)
    assert code == 4 and out == ""
    assert err.splitlines() == [f"cardscan: {link}: broken symbolic link (its target is gone); fix or remove the link"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_under_stdout_exits_5_with_one_line(warm, tmp_path):
    (photo,) = good_copies(warm, tmp_path / "in", 1)
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "cardscan", "scan", str(photo), "--cache-dir", str(warm.cache),
                            *ENGINE], stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 5
    assert_clean(r.stderr)
    assert_one_line(r.stderr, "standard output", "No space left on device", "-o FILE")


def test_a_debug_dir_that_cannot_be_made_exits_5_before_scanning(warm, tmp_path, capsys):
    folder = tmp_path / "in"
    good_copies(warm, folder, 1)
    (folder / "zero.jpg").write_bytes(b"")
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, out, err = main(capsys, "scan", folder, "--debug-dir", blocker / "debug", "--cache-dir", warm.cache,
                          *ENGINE)
    assert code == 5 and out == ""
    assert err.splitlines() == [f"cardscan: --debug-dir {blocker / 'debug'}: cannot create it (Not a directory); "
                                f"give another folder"]
