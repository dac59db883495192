"""The command line: exit codes, messages on stderr, data alone on stdout."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cardscan import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def run(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "cardscan", *args], capture_output=True, text=True,
                          env=e, cwd=cwd or ROOT, timeout=600)


def sample_images() -> list[Path]:
    from cardscan.imageio import IMAGE_SUFFIXES

    return sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)


def one_line_message(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.strip(), "a failure must say something"


def test_usage_error_exits_2_without_traceback(capsys):
    assert cli.main(["scan"]) == 2
    assert cli.main(["scan", "x.jpg", "--jobs", "0"]) == 2
    assert cli.main(["frobnicate"]) == 2
    err = capsys.readouterr()
    assert err.out == ""
    one_line_message(err.err)


def test_unknown_output_suffix_is_a_usage_error(tmp_path, capsys):
    assert cli.main(["scan", str(tmp_path), "-o", str(tmp_path / "out.docx")]) == 2
    assert "--format" in capsys.readouterr().err


def test_empty_folder_exits_4(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello")
    assert cli.main(["scan", str(tmp_path), "--no-cache"]) == 4
    assert "no images found" in capsys.readouterr().err


def test_output_in_a_missing_folder_exits_5_before_scanning(tmp_path, capsys):
    img = tmp_path / "bad.jpg"
    img.write_bytes(b"")
    code = cli.main(["scan", str(img), "-o", str(tmp_path / "nope" / "out.vcf")])
    assert code == 5
    err = capsys.readouterr().err
    assert "nope" in err and "bad.jpg" not in err  # refused before any input was looked at


def test_existing_output_is_never_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "contacts.vcf"
    out.write_text("precious")
    assert cli.main(["scan", str(tmp_path), "-o", str(out)]) == 5
    assert out.read_text() == "precious"
    assert "--force" in capsys.readouterr().err


def test_missing_tesseract_exits_3_with_install_command(tmp_path):
    img = tmp_path / "x.png"
    shutil.copy(sample_images()[0], img)
    r = run("scan", str(img), "--no-cache", env={"CARDSCAN_TESSERACT": "/nonexistent/tesseract"})
    assert r.returncode == 3
    assert "install" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_missing_language_pack_exits_3_before_work(tmp_path):
    r = run("scan", str(sample_images()[0]), "--lang", "eng+xqz", "--no-cache")
    assert r.returncode == 3
    assert "xqz" in r.stderr and "install" in r.stderr


def test_bad_files_fail_alone_and_good_ones_are_written(tmp_path):
    good = [SAMPLES / "synth-4-0003-photo.jpg", SAMPLES / "synth-4-0006-portrait.jpg"]
    folder = tmp_path / "in"
    folder.mkdir()
    for p in good:
        shutil.copy(p, folder / p.name)
    (folder / "zero.jpg").write_bytes(b"")
    (folder / "text.png").write_text("not an image")
    out = tmp_path / "out.json"
    r = run("scan", str(folder), "-o", str(out), "--no-cache", "--no-merge", "-j", "2")
    assert r.returncode == 1, r.stderr
    assert "zero.jpg" in r.stderr and "text.png" in r.stderr and "Traceback" not in r.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {Path(row["source"]).name for row in rows} == {p.name for p in good}


def test_dash_as_output_is_stdout(tmp_path):
    r = run("scan", str(SAMPLES / "synth-4-0003-photo.jpg"), "-o", "-", "--format", "json", "--no-cache", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.splitlines()[0])["source"].endswith("synth-4-0003-photo.jpg")
    assert not (tmp_path / "-").exists()


def test_verbose_speaks_for_cardscan_alone():
    # An EXIF-tagged JPEG makes Pillow log each tag at debug level; -v must not pass that on.
    r = run("scan", str(SAMPLES / "synth-4-0009-exif.jpg"), "--format", "json", "--no-cache", "-v")
    assert r.returncode == 0, r.stderr
    assert "1 image read" in r.stderr
    assert "Orientation" not in r.stderr and "tag:" not in r.stderr


def test_stdout_carries_only_json_lines():
    r = run("scan", str(SAMPLES / "synth-4-0003-photo.jpg"), "--format", "json", "--no-cache")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines, "a sample card must give a contact"
    for line in lines:
        row = json.loads(line)
        assert set(row) >= {"source", "card", "name", "title", "org", "emails", "phones", "urls", "address",
                            "confidence", "warnings"}
