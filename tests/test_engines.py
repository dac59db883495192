"""Both OCR engines on a card drawn here: the same words, 0-1 confidences, orientation,
clear errors for missing languages, and which one 'auto' picks."""
from __future__ import annotations

import os
import pickle
import shutil
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from cardscan import ocr
from cardscan.errors import DependencyError, OcrError

LINES = ["Jane Doe", "Senior Engineer", "Acme Widgets Inc.", "jane.doe@acme.com",
         "+1 415 555 0100", "12 Main Street, Springfield", "www.acme-widgets.com"]
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/noto", "/Library/Fonts",
             "C:/Windows/Fonts"]

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


def _has_tesserocr() -> bool:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return ocr.find_tessdata() is not None


needs_tesserocr = pytest.mark.skipif(not _has_tesserocr(), reason="tesserocr (cardscan[fast]) is not installed")


def _font(size: int):
    from PIL import ImageFont

    for d in FONT_DIRS:
        for f in sorted(Path(d).glob("*.tt[fc]")) if Path(d).is_dir() else ():
            if "Sans" in f.name and "Bold" not in f.name and "Oblique" not in f.name and "Italic" not in f.name:
                return ImageFont.truetype(str(f), size)
    pytest.skip("no TrueType sans font to draw the card with")


@pytest.fixture(scope="module")
def card() -> np.ndarray:
    """A flat card, 1050x600 (3.5x2 in at 300 dpi), black text on white, as BGR pixels."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (1050, 600), "white")
    draw = ImageDraw.Draw(img)
    font = _font(38)
    for i, text in enumerate(LINES):
        draw.text((60, 30 + i * 78), text, fill="black", font=font)
    return np.asarray(img)[:, :, ::-1].copy()


def _engines():
    out = []
    if shutil.which("tesseract"):
        out.append(ocr.PytesseractEngine())
    if _has_tesserocr():
        out.append(ocr.TesserocrEngine())
    return out


@pytest.fixture(scope="module", params=["pytesseract", "tesseract", "tesserocr"])
def engine(request):
    if request.param in ("pytesseract", "tesseract"):
        if shutil.which("tesseract") is None:
            pytest.skip("Tesseract is not installed")
        engine = ocr.PytesseractEngine() if request.param == "pytesseract" else ocr.StreamEngine()
        yield engine
        if isinstance(engine, ocr.StreamEngine):
            engine.close()
        return
    if not _has_tesserocr():
        pytest.skip("tesserocr (cardscan[fast]) is not installed")
    yield ocr.TesserocrEngine()


def test_engine_reads_the_card_line_by_line(engine, card):
    result = engine.recognize(card)
    assert [line.text for line in result.lines] == LINES
    assert result.size == (1050, 600)
    assert result.engine_version.startswith("tesseract ")


def test_confidences_are_between_0_and_1(engine, card):
    words = engine.recognize(card).words
    assert words and all(w.conf is not None and 0.5 < w.conf <= 1.0 for w in words)


def test_grayscale_reads_like_colour(engine, card):
    gray = card.mean(axis=2).astype(np.uint8)
    assert engine.recognize(gray).text == engine.recognize(card).text


def test_an_empty_image_gives_no_lines(engine):
    assert engine.recognize(np.full((40, 60), 255, np.uint8)).lines == ()
    assert engine.detect_orientation(np.full((200, 300, 3), 255, np.uint8)) is None


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_orientation_says_how_to_turn_the_card_upright(engine, card, turns):
    # np.rot90 with k=-turns turns the card clockwise by 90*turns degrees
    turned = np.ascontiguousarray(np.rot90(card, k=-turns))
    found = engine.detect_orientation(turned)
    assert found is not None
    rotate, conf = found
    assert rotate == (360 - 90 * turns) % 360
    assert 0.0 <= conf <= 1.0


def test_a_missing_language_is_a_dependency_error_naming_the_pack(engine):
    with pytest.raises(DependencyError, match="tesseract-ocr-zzz|tesseract-lang"):
        ocr.preflight(engine, "eng+zzz")


@needs_tesseract
@needs_tesserocr
def test_both_engines_give_the_same_words_and_boxes(card):
    slow, fast = ocr.PytesseractEngine().recognize(card), ocr.TesserocrEngine().recognize(card)
    assert [w.text for w in fast.words] == [w.text for w in slow.words]
    for a, b in zip(slow.words, fast.words):
        assert abs(a.box.left - b.box.left) <= 3 and abs(a.box.top - b.box.top) <= 3
        assert a.conf == pytest.approx(b.conf, abs=0.15)  # 5.3 and 5.5 score a little apart
    assert (fast.lines[0].words[0].block, fast.lines[0].words[0].line) == (slow.lines[0].words[0].block,
                                                                          slow.lines[0].words[0].line)


@needs_tesserocr
def test_tesserocr_missing_language_raises_at_first_use(card):
    with pytest.raises(DependencyError, match="'zzz' is not installed"):
        ocr.TesserocrEngine().recognize(card, lang="zzz")


@needs_tesserocr
def test_tesserocr_loads_its_model_ahead_and_a_missing_one_is_left_to_the_read(card):
    engine = ocr.TesserocrEngine()
    engine.load("eng")
    loaded = dict(engine._local.apis)
    assert list(loaded) == ["eng"]  # the orientation model is loaded only where it is used
    engine.recognize(card)
    assert engine._local.apis["eng"] is loaded["eng"]  # the read uses the model loaded ahead
    engine.load("zzz")  # no error here: the read that needs it says what to install
    with pytest.raises(DependencyError, match="'zzz' is not installed"):
        engine.recognize(card, lang="zzz")


@needs_tesserocr
def test_tesserocr_releases_a_language_and_loads_it_again_when_wanted(card):
    engine = ocr.TesserocrEngine()
    first = engine.recognize(card)
    engine.release("eng")
    assert "eng" not in engine._local.apis
    assert engine.recognize(card).text == first.text
    engine.release("deu")  # never loaded: nothing to end


@needs_tesserocr
def test_tesserocr_orientation_model_is_not_kept_between_uses(card):
    engine = ocr.TesserocrEngine()
    if "osd" not in engine.languages():
        pytest.skip("no osd data installed")
    turned = np.ascontiguousarray(np.rot90(card, k=-1))
    first = engine.detect_orientation(turned)
    assert first is not None and first[0] == 270
    assert "osd" not in getattr(engine._local, "apis", {})
    assert engine.detect_orientation(turned) == first  # loaded afresh, the same answer


@needs_tesserocr
def test_tesserocr_without_orientation_data_keeps_the_image_and_looks_once(tmp_path, card):
    engine = ocr.TesserocrEngine()
    (tmp_path / "eng.traineddata").symlink_to(os.path.join(engine._path, "eng.traineddata"))
    bare = ocr.TesserocrEngine(tessdata=str(tmp_path))
    turned = np.ascontiguousarray(np.rot90(card, k=-1))
    assert bare.detect_orientation(turned) is None
    assert "osd" in bare._not_loaded
    assert bare.detect_orientation(turned) is None
    assert bare.recognize(card).lines  # reading goes on


@needs_tesserocr
def test_tesserocr_times_out_per_card(card):
    big = np.tile(card, (3, 3, 1))
    with pytest.raises(OcrError, match="timed out"):
        ocr.TesserocrEngine(timeout=0.005).recognize(big)


@needs_tesserocr
def test_tesserocr_keeps_one_api_per_thread_and_reuses_it(card):
    engine = ocr.TesserocrEngine()
    engine.recognize(card)
    first = engine._local.apis["eng"]
    engine.recognize(card)
    assert engine._local.apis["eng"] is first
    seen = {}

    def read(i):
        text = engine.recognize(card).text
        seen[threading.get_ident()] = engine._local.apis["eng"]
        return text

    with ThreadPoolExecutor(2) as pool:
        texts = list(pool.map(read, range(6)))
    assert texts == [ocr.TesserocrEngine().recognize(card).text] * 6
    apis = list(seen.values())
    assert len({id(a) for a in apis}) == len(apis)  # never shared between threads
    assert first not in apis


@needs_tesserocr
def test_tesserocr_engine_pickles_without_its_apis(card):
    engine = ocr.TesserocrEngine()
    engine.recognize(card)
    copy = pickle.loads(pickle.dumps(engine))
    assert copy.recognize(card).text == engine.recognize(card).text


@needs_tesserocr
def test_auto_prefers_the_in_process_engine(monkeypatch):
    monkeypatch.delenv("CARDSCAN_TESSERACT", raising=False)
    assert isinstance(ocr.make_engine("auto"), ocr.TesserocrEngine)
    assert ocr.make_engine("auto").name == "tesserocr"


@needs_tesserocr
def test_auto_honours_a_chosen_tesseract_program(monkeypatch):
    chosen = shutil.which("tesseract") or "/usr/bin/tesseract"
    monkeypatch.setenv("CARDSCAN_TESSERACT", chosen)
    engine = ocr.make_engine("auto")
    assert engine.name == "tesseract" and engine._cmd == chosen


@needs_tesseract
def test_auto_falls_back_to_the_program_kept_running_without_tesserocr(monkeypatch):
    monkeypatch.setitem(sys.modules, "tesserocr", None)  # import now raises ImportError
    assert ocr.make_engine("auto").name == "tesseract"
    with pytest.raises(DependencyError, match=r"pip install 'cardscan\[fast\]'"):
        ocr.make_engine("tesserocr")


@needs_tesseract
def test_auto_falls_back_when_tesserocr_finds_no_language_data(monkeypatch):
    monkeypatch.setattr(ocr, "find_tessdata", lambda cmd=None: None)
    assert ocr.make_engine("auto").name == "tesseract"


@needs_tesseract
def test_auto_reads_a_program_per_call_when_the_program_cannot_stream(monkeypatch):
    monkeypatch.setattr(ocr, "find_tessdata", lambda cmd=None: None)
    monkeypatch.setattr(ocr.StreamEngine, "works", lambda self: False)
    engine = ocr.make_engine("auto")
    assert isinstance(engine, ocr.PytesseractEngine) and engine.name == "pytesseract"


def test_an_unknown_engine_is_refused():
    with pytest.raises(DependencyError, match="unknown OCR engine"):
        ocr.make_engine("nonsense")


def test_tessdata_prefix_is_honoured(tmp_path, monkeypatch):
    (tmp_path / "tessdata").mkdir()
    (tmp_path / "tessdata" / "eng.traineddata").write_bytes(b"")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    assert ocr.find_tessdata() == str(tmp_path / "tessdata")


def test_tsv_rows_become_the_same_columns_as_image_to_data():
    tsv = ("1\t1\t0\t0\t0\t0\t0\t0\t300\t200\t-1\t\n"
           "4\t1\t1\t1\t1\t0\t10\t10\t200\t40\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t10\t10\t90\t40\t96.5\tCafe\u0301\n"
           "5\t1\t1\t1\t1\t2\t110\t10\t100\t40\t-1\tDoe\n")
    lines = ocr._lines_from_data(ocr._data_from_tsv(tsv))
    assert [ln.text for ln in lines] == ["Caf\u00e9 Doe"]
    assert lines[0].words[0].conf == pytest.approx(0.965) and lines[0].words[1].conf is None
    assert lines[0].words[1].box.left == 110


def test_osd_rotation_matches_the_tesseract_rotate_line():
    # `tesseract --psm 0` prints "Orientation in degrees: 270" with "Rotate: 90"
    assert [ocr._osd_rotation(d) for d in (0, 90, 180, 270)] == [0, 270, 180, 90]


def test_only_scripts_printed_top_to_bottom_look_for_vertical_text():
    assert not ocr.reads_vertical("Latin")
    assert not ocr.reads_vertical("eng+deu")
    assert ocr.reads_vertical("jpn+eng")
    assert ocr.reads_vertical("Latin+chi_tra_vert")
    assert ocr.reads_vertical("Japanese")


@needs_tesseract
def test_pytesseract_passes_the_vertical_text_setting(card, monkeypatch):
    engine = ocr.PytesseractEngine()
    seen = []
    real = engine._pt.image_to_data

    def spy(*args, **kwargs):
        seen.append(kwargs["config"])
        return real(*args, **kwargs)

    monkeypatch.setattr(engine._pt, "image_to_data", spy)
    engine.recognize(card, lang="eng")
    assert "textord_tabfind_vertical_text=0" in seen[-1]


@needs_tesseract
def test_pytesseract_hands_the_program_a_file_of_raw_pixels_and_removes_it(card, monkeypatch):
    engine = ocr.PytesseractEngine()
    seen = []
    real = engine._pt.image_to_data

    def spy(image, *args, **kwargs):
        with open(image, "rb") as fh:
            seen.append((image, fh.read(2)))
        return real(image, *args, **kwargs)

    monkeypatch.setattr(engine._pt, "image_to_data", spy)
    assert [line.text for line in engine.recognize(card, lang="eng").lines] == LINES
    (path, magic), = seen
    assert magic == b"P6" and not os.path.exists(path)


def test_a_pnm_file_holds_the_pixels_in_rgb_written_band_by_band(tmp_path):
    from PIL import Image

    bgr = np.random.default_rng(3).integers(0, 256, (2 * ocr.PNM_BAND + 7, 33, 3), dtype=np.uint8)
    path = tmp_path / "card.pnm"
    ocr._write_pnm(str(path), bgr)
    with Image.open(path) as img:
        assert img.mode == "RGB" and np.array_equal(np.asarray(img), bgr[:, :, ::-1])
    grey = bgr[:, :, 1]  # a view, not contiguous
    ocr._write_pnm(str(path), grey)
    with Image.open(path) as img:
        assert img.mode == "L" and np.array_equal(np.asarray(img), grey)


@needs_tesserocr
def test_tesserocr_looks_for_vertical_text_only_for_cjk_models(card):
    engine = ocr.TesserocrEngine()
    engine.recognize(card, lang="eng")
    assert engine._local.apis["eng"].GetVariableAsString("textord_tabfind_vertical_text") == "0"


# ---------------------------------------------------------------- the program kept running

@pytest.fixture
def kept():
    """A tesseract engine kept running, ended after the test."""
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    engine = ocr.StreamEngine()
    yield engine
    engine.close()


def test_the_kept_program_reads_as_a_program_per_read(kept, card):
    once = ocr.PytesseractEngine()
    for psm in (3, 6):
        a, b = kept.recognize(card, psm=psm), once.recognize(card, psm=psm)
        assert [(w.text, w.box, w.line) for w in a.words] == [(w.text, w.box, w.line) for w in b.words]
        # pytesseract hands confidences over as whole numbers; the TSV has the fraction
        assert all(abs(x.conf - y.conf) < 0.011 for x, y in zip(a.words, b.words))
    gray = card.mean(axis=2).astype(np.uint8)
    assert kept.recognize(gray).text == once.recognize(gray).text


def test_a_line_read_after_others_reads_as_a_fresh_program_does(kept, card):
    # Read as a single line, the blank page that ends each image is a letter: it must not
    # reach the next read.
    line = card[100:175, :]
    expected = [w.text for w in ocr.PytesseractEngine().recognize(line, psm=7).words]
    assert expected == LINES[1].split()
    for _ in range(3):
        assert [w.text for w in kept.recognize(line, psm=7).words] == expected


def test_the_program_is_started_once_per_mode_and_reused(kept, card):
    kept.recognize(card)
    first = kept._local.programs[("eng", 3, False)]
    for _ in range(3):
        assert kept.recognize(card).text.splitlines() == LINES
    assert kept._local.programs[("eng", 3, False)] is first and first.alive()
    kept.recognize(card, psm=6)
    assert set(kept._local.programs) == {("eng", 3, False), ("eng", 6, False)}
    kept.close()
    assert not first.alive() and kept._workdir is None


def test_a_read_told_to_look_for_vertical_text_has_a_program_of_its_own(kept, card):
    # (the languages say whether to look for text printed top to bottom unless the read says)
    kept.recognize(card)
    assert kept.recognize(card, vertical=True).text.splitlines() == LINES
    assert set(kept._local.programs) == {("eng", 3, False), ("eng", 3, True)}
    assert kept.recognize(card, vertical=False).text.splitlines() == LINES
    assert len(kept._local.programs) == 2


def test_releasing_a_language_ends_its_programs_only(kept, card):
    kept.recognize(card)
    kept.recognize(card, psm=6)
    latin = kept._local.programs[("eng", 3, False)]
    kept.release("eng")
    assert kept._local.programs == {} and not latin.alive()
    assert kept.recognize(card).text.splitlines() == LINES  # started again when wanted
    kept.release("deu")  # nothing read in it: nothing to end
    assert set(kept._local.programs) == {("eng", 3, False)}


def test_other_modes_start_a_program_per_read(kept, card, monkeypatch):
    monkeypatch.setattr(ocr, "KEPT_MODES", (3,))
    once = []
    real = kept._pt.image_to_data
    monkeypatch.setattr(kept._pt, "image_to_data", lambda *a, **k: once.append(k["config"]) or real(*a, **k))
    kept.recognize(card, psm=3)
    assert kept.recognize(card, psm=6).text.splitlines() == LINES
    assert set(kept._local.programs) == {("eng", 3, False)}
    assert len(once) == 1 and "--psm 6" in once[0]


def test_load_starts_the_kept_programs_with_their_model_loaded(kept, card):
    kept.load("eng")
    programs = dict(kept._local.programs)
    assert set(programs) == {("eng", psm, False) for psm in ocr.KEPT_MODES}
    assert all(p.ready for p in programs.values())
    kept.load("eng")  # loaded already: the same programs
    kept.recognize(card, psm=6)
    assert kept._local.programs == programs


def test_a_failed_program_fails_that_read_only_and_is_started_again(kept, card):
    kept.recognize(card)
    program = kept._local.programs[("eng", 3, False)]
    program._proc.kill()
    program._proc.wait()
    program.alive = lambda: True  # it ends while the read is under way: the read finds it out
    with pytest.raises(OcrError, match="Tesseract failed"):
        kept.recognize(card)
    del program.alive
    assert kept.recognize(card).text.splitlines() == LINES
    assert kept._local.programs[("eng", 3, False)] is not program


def test_a_program_found_ended_before_a_read_is_started_again(kept, card):
    kept.recognize(card)
    program = kept._local.programs[("eng", 3, False)]
    program._proc.kill()
    program._proc.wait()
    assert kept.recognize(card).text.splitlines() == LINES
    assert kept._local.programs[("eng", 3, False)] is not program


def _slow_tesseract(tmp_path: Path) -> Path:
    """A tesseract that says its version and reads nothing it is given."""
    script = tmp_path / "tesseract"
    script.write_text("#!/bin/sh\n"
                      'if [ "$1" = "--version" ]; then echo "tesseract 5.3.0"; exit 0; fi\n'
                      "exec sleep 30\n")
    script.chmod(0o755)
    return script


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for tesseract")
def test_a_program_that_hangs_times_out_and_is_ended(tmp_path, card):
    engine = ocr.StreamEngine(timeout=1.0, cmd=str(_slow_tesseract(tmp_path)))
    with pytest.raises(OcrError, match="timed out after 1 s"):
        engine.recognize(card)
    assert engine._all and not any(p.alive() for p in engine._all)
    engine.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for tesseract")
def test_a_program_that_cannot_stream_is_not_chosen(tmp_path):
    engine = ocr.StreamEngine(timeout=2.0, cmd=str(_slow_tesseract(tmp_path)))
    engine.languages = lambda: {"eng"}
    assert not engine.works()


def test_the_kept_engine_pickles_without_its_programs(kept, card):
    kept.recognize(card)
    copy = pickle.loads(pickle.dumps(kept))
    assert not hasattr(copy._local, "programs")
    assert copy.recognize(card).text == kept.recognize(card).text
    copy.close()


def test_the_kept_engine_gives_each_thread_its_own_programs(kept, card):
    with ThreadPoolExecutor(max_workers=2) as pool:
        texts = list(pool.map(lambda _: kept.recognize(card).text, range(4)))
    assert all(t.splitlines() == LINES for t in texts)
    assert 1 <= len(kept._all) <= 2
