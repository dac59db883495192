"""The Tesseract adapter over canned image_to_data output, and its preflight."""
from __future__ import annotations

import pytest

from cardscan import ocr
from cardscan.errors import DependencyError

CANNED = {
    "level": [5, 5, 5, 5, 5, 5],
    "block_num": [1, 1, 1, 2, 2, 2],
    "par_num": [1, 1, 1, 1, 1, 1],
    "line_num": [1, 1, 2, 1, 1, 1],
    "word_num": [1, 2, 1, 1, 2, 3],
    "left": [10, 80, 10, 10, 60, 5],
    "top": [10, 10, 60, 100, 100, 100],
    "width": [60, 70, 90, 40, 80, 3],
    "height": [40, 38, 20, 18, 18, 18],
    "conf": [96.5, 91, 88, -1, "75", 20],
    "text": ["Jane", "Doe", "Cafe\u0301", "T:", "555-0100", " "],
}


def test_words_grouped_into_lines_with_normalised_confidence():
    lines = ocr._lines_from_data(CANNED)
    assert [ln.text for ln in lines] == ["Jane Doe", "Café", "T: 555-0100"]
    assert lines[1].text == "Caf\u00e9"  # NFC: one code point for é
    assert lines[0].words[0].conf == pytest.approx(0.965)
    assert lines[2].words[0].conf is None  # -1 means "no confidence", not zero
    assert lines[0].height == 40 and lines[2].box.left == 10


class FakeEngine:
    name = "fake"

    def __init__(self, version="5.3.0", langs=("eng", "osd")):
        self._v, self._l = version, set(langs)

    def version(self):
        return self._v

    def languages(self):
        return self._l


def test_default_language_is_the_latin_script_model_when_installed():
    assert ocr.default_lang(FakeEngine(langs=("eng", "osd", "Latin"))) == "Latin"
    assert ocr.default_lang(FakeEngine(langs=("eng", "osd"))) is None


def test_preflight_accepts_a_good_engine():
    ocr.preflight(FakeEngine(), "eng")


def test_preflight_names_the_missing_language_pack():
    with pytest.raises(DependencyError, match="tesseract-ocr-deu|tesseract-lang"):
        ocr.preflight(FakeEngine(), "eng+deu")


def test_preflight_refuses_old_tesseract():
    with pytest.raises(DependencyError, match="too old"):
        ocr.preflight(FakeEngine(version="3.05"), "eng")


def test_missing_tesseract_binary_is_a_dependency_error():
    engine = ocr.PytesseractEngine(cmd="/nonexistent/tesseract")
    with pytest.raises(DependencyError, match="install"):
        engine.version()
