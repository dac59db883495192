"""The Latin-script model with the cut word list: put together from the installed model, only
when it fits, once, and read with by every engine."""
from __future__ import annotations

import hashlib
import json
import lzma
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from cardscan import ocr, tessdata


def _model(parts: dict[int, bytes]) -> bytes:
    return tessdata.components_bytes(parts)


def test_components_are_read_back_as_written(tmp_path):
    parts = {17: b"lstm-net", 19: b"x" * 1000, 21: b"unicharset", 23: b"4.00"}
    data = _model(parts)
    (count,) = struct.unpack_from("<i", data)
    assert count == 24
    assert len(data) == 4 + 8 * 24 + sum(map(len, parts.values()))
    (tmp_path / "m.traineddata").write_bytes(data)
    assert tessdata.read_components(tmp_path / "m.traineddata") == parts


def test_an_installed_model_is_written_back_byte_for_byte():
    folder = ocr.find_tessdata()
    if folder is None:
        pytest.skip("no Tesseract language data")
    src = next(iter(sorted(p for p in Path(folder).glob("*.traineddata") if p.stat().st_size < 20_000_000)), None)
    if src is None:
        pytest.skip("no small model installed")
    assert tessdata.components_bytes(tessdata.read_components(src)) == src.read_bytes()


def test_a_file_that_is_no_model_is_refused(tmp_path):
    bad = tmp_path / "Latin.traineddata"
    bad.write_bytes(b"\xff\xff\xff\xffnot a model")
    with pytest.raises(ValueError):
        tessdata.read_components(bad)


@pytest.fixture
def fake_install(tmp_path, monkeypatch):
    """A tessdata folder whose Latin model has the character set the cut list was made for,
    and a word list of its own; the cut list replaced by a small one."""
    unicharset = b"3\nNULL 0\na 3\nb 3\n"
    dawg = b"cut word list"
    meta = {"words": 2, "dawg_sha256": hashlib.sha256(dawg).hexdigest(),
            "unicharset_sha256": hashlib.sha256(unicharset).hexdigest(), "model_version": "test"}
    data = tmp_path / "data"
    data.mkdir()
    (data / tessdata.WORDS_FILE).write_bytes(lzma.compress(dawg))
    (data / tessdata.META_FILE).write_text(json.dumps(meta))
    monkeypatch.setattr(tessdata, "DATA", data)
    monkeypatch.delenv(tessdata.FULL_ENV, raising=False)
    system = tmp_path / "system"
    (system / "configs").mkdir(parents=True)
    (system / "configs" / "tsv").write_text("tessedit_create_tsv 1\n")
    parts = {17: b"recogniser", 18: b"punctuation", 19: b"the whole word list" * 100,
             tessdata.LSTM_UNICHARSET: unicharset, tessdata.VERSION: b"4.00"}
    (system / "Latin.traineddata").write_bytes(_model(parts))
    return system, parts, dawg


def test_the_lean_model_is_the_installed_one_with_the_cut_word_list(fake_install, tmp_path):
    system, parts, dawg = fake_install
    folder = tessdata.lean_dir(str(system), root=tmp_path / "cache")
    assert folder is not None
    lean = tessdata.read_components(Path(folder) / "Latin.traineddata")
    assert lean == {**parts, tessdata.LSTM_WORD_DAWG: dawg}
    # Tesseract looks for its named configs ("tsv") beside the models
    assert (Path(folder) / "configs" / "tsv").read_text() == "tessedit_create_tsv 1\n"


def test_the_lean_model_is_made_once(fake_install, tmp_path):
    system, _, _ = fake_install
    first = tessdata.lean_dir(str(system), root=tmp_path / "cache")
    target = Path(first) / "Latin.traineddata"
    target.write_bytes(b"left as it is")
    assert tessdata.lean_dir(str(system), root=tmp_path / "cache") == first
    assert target.read_bytes() == b"left as it is"


def test_another_character_set_keeps_the_installed_model(fake_install, tmp_path):
    system, parts, _ = fake_install
    (system / "Latin.traineddata").write_bytes(_model({**parts, tessdata.LSTM_UNICHARSET: b"3\nNULL 0\nc 3\nd 3\n"}))
    assert tessdata.lean_dir(str(system), root=tmp_path / "cache") is None
    assert tessdata.lean_dir(str(system), root=tmp_path / "cache") is None  # and is not tried again


def test_the_whole_word_list_can_be_asked_for(fake_install, tmp_path, monkeypatch):
    system, _, _ = fake_install
    monkeypatch.setenv(tessdata.FULL_ENV, "1")
    assert tessdata.lean_dir(str(system), root=tmp_path / "cache") is None
    assert tessdata.mode() == "full"
    monkeypatch.setenv(tessdata.FULL_ENV, "0")
    assert tessdata.mode() == "cut"


def test_no_latin_model_or_an_unwritable_cache_keeps_the_installed_model(fake_install, tmp_path):
    system, _, _ = fake_install
    assert tessdata.lean_dir(str(tmp_path / "nowhere"), root=tmp_path / "cache") is None
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    assert tessdata.lean_dir(str(system), root=blocked) is None


def test_the_shipped_word_list_is_the_one_its_description_names():
    meta = tessdata._meta()
    dawg = lzma.decompress((tessdata.DATA / tessdata.WORDS_FILE).read_bytes())
    assert hashlib.sha256(dawg).hexdigest() == meta["dawg_sha256"]
    assert meta["words"] > 1_000_000


def _latin_installed() -> bool:
    folder = ocr.find_tessdata()
    return folder is not None and (Path(folder) / "Latin.traineddata").is_file()


needs_latin = pytest.mark.skipif(shutil.which("tesseract") is None or not _latin_installed(),
                                 reason="Tesseract's Latin-script model is not installed")


@pytest.fixture
def line() -> np.ndarray:
    from PIL import Image, ImageDraw

    from tests.test_engines import _font

    img = Image.new("L", (900, 90), 255)
    ImageDraw.Draw(img).text((20, 15), "Geschäftsführer Müller", fill=0, font=_font(44))
    return np.asarray(img).copy()


@needs_latin
@pytest.mark.parametrize("name", ["pytesseract", "tesseract", "tesserocr"])
def test_every_engine_reads_latin_with_the_cut_word_list(name, line, tmp_path, monkeypatch):
    monkeypatch.setattr(tessdata, "_cache_root", lambda: tmp_path / "cache")
    monkeypatch.delenv(tessdata.FULL_ENV, raising=False)
    if name == "tesserocr":
        pytest.importorskip("tesserocr")
    engine = {"pytesseract": ocr.PytesseractEngine, "tesseract": ocr.StreamEngine,
              "tesserocr": ocr.TesserocrEngine}[name]()
    try:
        result = engine.recognize(line, lang="Latin", psm=7)
    finally:
        getattr(engine, "close", lambda: None)()
    assert [w.text for ln in result.lines for w in ln.words] == ["Geschäftsführer", "Müller"]
    assert engine._tessdata("Latin").startswith(str(tmp_path / "cache"))
    assert list((tmp_path / "cache").glob("*/Latin.traineddata"))
    # other languages read from Tesseract's own folder
    assert not str(engine._tessdata("eng") or "").startswith(str(tmp_path / "cache"))
