"""Atomic output files: no overwrite without --force, append, failures leave the original."""
from __future__ import annotations

import errno
import os
import stat
import sys

import pytest

from cardscan import fsout
from cardscan.errors import ExitCode, OutputError


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_from_str_and_bytes(tmp_path):
    target = tmp_path / "out.vcf"
    fsout.atomic_write(target, "BEGIN:VCARD\r\nFN:Zoë\r\n")
    assert target.read_bytes() == "BEGIN:VCARD\r\nFN:Zoë\r\n".encode("utf-8")
    fsout.atomic_write(tmp_path / "b.csv", b"\xef\xbb\xbfa,b\r\n")
    assert (tmp_path / "b.csv").read_bytes() == b"\xef\xbb\xbfa,b\r\n"
    assert leftovers(tmp_path) == []


def test_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.vcf"
    target.write_text("old")
    with pytest.raises(OutputError) as info:
        fsout.atomic_write(target, "new")
    assert "--force" in info.value.message and "--append" in info.value.message
    assert info.value.exit_code == ExitCode.OUTPUT
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_force_overwrites_and_keeps_permissions(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    os.chmod(target, 0o640)
    fsout.atomic_write(target, "new", force=True)
    assert target.read_text() == "new"
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX umask")
def test_new_file_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        fsout.atomic_write(tmp_path / "a.vcf", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.vcf").stat().st_mode) == 0o644


def test_append_adds_to_the_existing_content(tmp_path):
    target = tmp_path / "all.vcf"
    target.write_bytes(b"BEGIN:VCARD\r\nEND:VCARD\r\n")
    fsout.atomic_write(target, "BEGIN:VCARD\r\nEND:VCARD\r\n", append=True)
    assert target.read_bytes() == b"BEGIN:VCARD\r\nEND:VCARD\r\n" * 2
    assert leftovers(tmp_path) == []


def test_append_restores_a_missing_final_line_break(tmp_path):
    target = tmp_path / "all.vcf"
    target.write_bytes(b"BEGIN:VCARD\r\nEND:VCARD")
    fsout.atomic_write(target, b"BEGIN:VCARD\r\n", append=True)
    assert target.read_bytes() == b"BEGIN:VCARD\r\nEND:VCARD\r\nBEGIN:VCARD\r\n"
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_bytes(b'{"a": 1}')
    fsout.atomic_write(jsonl, '{"b": 2}\n', append=True)
    assert jsonl.read_bytes() == b'{"a": 1}\n{"b": 2}\n'


def test_append_to_a_missing_file_creates_it(tmp_path):
    fsout.atomic_write(tmp_path / "new.vcf", "x\r\n", append=True)
    assert (tmp_path / "new.vcf").read_bytes() == b"x\r\n"


def test_append_is_refused_for_csv(tmp_path):
    target = tmp_path / "contacts.csv"
    target.write_text("a,b\r\n")
    with pytest.raises(OutputError, match="cannot add to a CSV"):
        fsout.atomic_write(target, "c,d\r\n", append=True)
    assert target.read_bytes() == b"a,b\r\n"


def test_force_and_append_together_are_refused(tmp_path):
    with pytest.raises(OutputError, match="cannot be used together"):
        fsout.check_writable(tmp_path / "a.vcf", force=True, append=True)


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_a_failure_mid_write_leaves_the_original_intact(tmp_path, monkeypatch, where):
    target = tmp_path / "out.vcf"
    target.write_text("original")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsout.os, where, disk_full)
    with pytest.raises(OutputError, match="disk is full"):
        fsout.atomic_write(target, "new content " * 1000, force=True)
    monkeypatch.undo()
    assert target.read_text() == "original"
    assert leftovers(tmp_path) == []


def test_a_failure_during_append_leaves_the_original_intact(tmp_path, monkeypatch):
    target = tmp_path / "out.vcf"
    target.write_text("original")

    class Full(Exception):
        pass

    def interrupted(*args, **kwargs):
        raise Full()

    monkeypatch.setattr(fsout.os, "fsync", interrupted)
    with pytest.raises(Full):  # not only OSError: Ctrl-C mid-write also cleans up
        fsout.atomic_write(target, "more", append=True)
    monkeypatch.undo()
    assert target.read_text() == "original"
    assert leftovers(tmp_path) == []


def test_a_failed_new_file_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(fsout.os, "fsync", lambda fd: (_ for _ in ()).throw(
        OSError(errno.EIO, "Input/output error")))
    with pytest.raises(OutputError, match="Input/output error"):
        fsout.atomic_write(tmp_path / "new.vcf", "data")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_file_created_meanwhile_is_not_overwritten(tmp_path, monkeypatch):
    target = tmp_path / "race.vcf"
    real_write_temp = fsout._write_temp

    def write_then_someone_else_creates_target(*args):
        tmp = real_write_temp(*args)
        target.write_text("theirs")
        return tmp

    monkeypatch.setattr(fsout, "_write_temp", write_then_someone_else_creates_target)
    with pytest.raises(OutputError, match="already exists"):
        fsout.atomic_write(target, "ours")
    assert target.read_text() == "theirs"
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- check_writable

def test_check_writable_accepts_a_new_file_in_an_existing_folder(tmp_path):
    fsout.check_writable(tmp_path / "new.vcf")
    fsout.check_writable(tmp_path / "new.csv", force=True)


def test_check_writable_refuses_a_folder(tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        fsout.check_writable(tmp_path)


def test_check_writable_refuses_a_missing_folder(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        fsout.check_writable(tmp_path / "nope" / "out.vcf")


def test_check_writable_refuses_an_existing_file_without_force(tmp_path):
    (tmp_path / "a.vcf").write_text("x")
    with pytest.raises(OutputError, match="already exists"):
        fsout.check_writable(tmp_path / "a.vcf")
    fsout.check_writable(tmp_path / "a.vcf", force=True)
    fsout.check_writable(tmp_path / "a.vcf", append=True)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply to this user")
def test_check_writable_refuses_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="not writable"):
            fsout.check_writable(folder / "out.vcf")
    finally:
        folder.chmod(0o755)


def test_check_writable_with_a_simulated_read_only_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(fsout.os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match="not writable"):
        fsout.check_writable(tmp_path / "out.vcf")


def test_messages_are_one_line(tmp_path):
    (tmp_path / "a.vcf").write_text("x")
    for call in (lambda: fsout.check_writable(tmp_path),
                 lambda: fsout.check_writable(tmp_path / "x" / "y.vcf"),
                 lambda: fsout.check_writable(tmp_path / "a.vcf")):
        with pytest.raises(OutputError) as info:
            call()
        assert "\n" not in info.value.message


def test_relative_path_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fsout.atomic_write("plain.vcf", "x")
    assert (tmp_path / "plain.vcf").read_text() == "x"
