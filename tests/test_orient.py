"""Choosing the upright rotation and how many OCR passes a card gets.

Pass counting uses a scripted engine; the rotation tests read drawn cards with
the real Tesseract."""
from __future__ import annotations

import shutil

import cv2
import numpy as np
import pytest

from cardscan import orient
from cardscan.models import Box, CardImage, OcrLine, OcrResult, OcrWord

from test_preprocess import LINES, draw_card

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def result(words: list[tuple[str, float]]) -> OcrResult:
    ws = tuple(OcrWord(t, c, Box(10 * i, 0, 10, 10)) for i, (t, c) in enumerate(words))
    return OcrResult((OcrLine(ws),), (100, 100))


GOOD = result([("dana.whitfield@example.com", 0.95), ("+1", 0.9), ("415", 0.93), ("555", 0.94), ("0142", 0.92)])
# three words long and confident enough to be taken without asking OSD
PLENTY = result([("Whitfield", 0.96), ("dana.whitfield@example.com", 0.95), ("Pacific", 0.93), ("0142", 0.92)])
JUNK = result([("ie", 0.3), ("~‘", 0.2), ("Wn", 0.35), ("oO", 0.25)])


class Scripted:
    """An engine that answers by the rotation of the image it is given."""

    name = "scripted"

    def __init__(self, upright_after: int, osd, good: OcrResult = GOOD):
        self.good = good
        self.upright_after = upright_after  # rotation (clockwise) that makes the card upright
        self.osd = osd
        self.calls: list[int] = []
        self._shape = None

    def version(self) -> str:
        return "0"

    def detect_orientation(self, image):
        self._shape = image.shape
        return self.osd

    def recognize(self, image, *, lang="eng", psm=3):
        # which rotation was applied: compare with the prepared image's shape and content marker
        rot = self._rotation_of(image)
        self.calls.append(rot)
        return self.good if rot == self.upright_after else JUNK

    def _rotation_of(self, image) -> int:
        # the test card carries a bright marker in its top-left corner; find where it went
        h, w = image.shape[:2]
        corners = {0: image[: h // 10, : w // 10], 90: image[: h // 10, -w // 10:],
                   180: image[-h // 10:, -w // 10:], 270: image[-h // 10:, : w // 10]}
        return min(corners, key=lambda k: float(np.mean(corners[k])))


def marked_card() -> np.ndarray:
    img = np.full((400, 700, 3), 250, np.uint8)
    img[:40, :70] = 0  # a dark block in the top-left corner tells the rotation apart
    img[200:210, 100:600] = 0
    return img


def test_confident_osd_and_a_good_read_cost_one_pass():
    engine = Scripted(upright_after=0, osd=(0, 0.9))
    card = CardImage("t", 0, marked_card())
    upright, ocr = orient.read_card(card, engine)
    assert engine.calls == [0]
    assert upright.rotation == 0 and ocr is GOOD


def test_landscape_card_reading_well_costs_one_pass_and_no_osd():
    engine = Scripted(upright_after=0, osd=(180, 0.9), good=PLENTY)  # OSD would be wrong: it is not asked
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine)
    assert engine.calls == [0] and engine._shape is None
    assert upright.rotation == 0 and ocr is PLENTY


def test_poor_upright_read_asks_osd_and_reads_its_answer_next():
    engine = Scripted(upright_after=180, osd=(180, 0.8))
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine)
    assert engine.calls == [0, 180]
    assert upright.rotation == 180 and ocr is GOOD


def test_card_on_its_short_side_reads_the_osd_answer_first():
    # the marker (see Scripted) is back in its corner once the card is turned 90 degrees
    engine = Scripted(upright_after=0, osd=(90, 0.8))
    upright, ocr = orient.read_card(CardImage("t", 0, orient.rotate(marked_card(), 270)), engine)
    assert engine.calls == [0] and engine._shape is not None
    assert upright.rotation == 90 and ocr is GOOD


def test_poor_first_read_tries_other_rotations_and_keeps_the_best():
    engine = Scripted(upright_after=90, osd=None)  # OSD could not tell
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine)
    assert engine.calls[0] == 0 and 90 in engine.calls
    assert upright.rotation == 90 and ocr is GOOD
    assert upright.pixels.shape[:2] == (700, 400)


class LayoutFails(Scripted):
    """Tesseract's automatic layout finds no text on the card ("Empty page"); read as one
    block of text, it reads the card upright."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.modes: list[tuple[int, int]] = []

    def recognize(self, image, *, lang="eng", psm=3):
        rot = self._rotation_of(image)
        self.calls.append(rot)
        self.modes.append((psm, rot))
        if psm == orient.ONE_BLOCK and rot == self.upright_after:
            return self.good
        return OcrResult((), (100, 100)) if psm == 3 else JUNK


def test_card_whose_layout_finds_nothing_is_read_as_one_block_upright():
    engine = LayoutFails(upright_after=0, osd=None)
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine)
    assert upright.rotation == 0 and ocr is GOOD
    assert {(orient.ONE_BLOCK, 0), (orient.ONE_BLOCK, 180)} <= set(engine.modes)


def test_card_upside_down_whose_layout_finds_nothing_is_turned_by_the_block_read():
    engine = LayoutFails(upright_after=180, osd=None)
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine)
    assert upright.rotation == 180 and ocr is GOOD


def test_a_retry_is_not_read_as_one_block():
    engine = LayoutFails(upright_after=0, osd=None)
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine, one_block=False)
    assert all(psm == 3 for psm, _ in engine.modes) and not ocr.words


def test_a_read_with_a_confident_word_is_not_read_again_as_one_block():
    engine = Scripted(upright_after=0, osd=None)  # GOOD: confident words, not three long ones
    modes = []
    plain = engine.recognize
    engine.recognize = lambda image, *, lang="eng", psm=3: modes.append(psm) or plain(image, lang=lang, psm=psm)
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine)
    assert ocr is GOOD and orient.ONE_BLOCK not in modes


def tall(r: OcrResult) -> OcrResult:
    """The same words with boxes standing on end, as Tesseract gives for lines running up the image."""
    ws = tuple(OcrWord(w.text, w.conf, Box(0, 30 * i, 10, 25)) for i, w in enumerate(r.words))
    return OcrResult((OcrLine(ws),), r.size)


class SidewaysToo(Scripted):
    """Tesseract reads a card turned sideways too: confident words in tall boxes."""

    def recognize(self, image, *, lang="eng", psm=3):
        rot = self._rotation_of(image)
        self.calls.append(rot)
        if rot == self.upright_after:
            return self.good
        return tall(self.good) if (rot - self.upright_after) % 180 == 90 else JUNK


def test_confident_words_running_up_the_image_are_not_taken_as_upright():
    assert orient.sideways(tall(PLENTY)) and not orient.sideways(PLENTY)
    # the first read is confident but sideways: the card is turned until its lines run across
    engine = SidewaysToo(upright_after=90, osd=(0, 0.9), good=PLENTY)
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine)
    assert engine.calls[0] == 0
    assert upright.rotation == 90 and ocr is PLENTY


def test_a_name_alone_read_running_up_the_image_is_sideways():
    # a dim card whose read finds only its name, turned: two words, both on end
    name = OcrResult((OcrLine((OcrWord("Malhotra", 0.9, Box(0, 0, 40, 300)), OcrWord("Ananya", 0.9, Box(0, 320, 40, 220)))),),
                     (400, 600))
    across = OcrResult((OcrLine((OcrWord("Ananya", 0.9, Box(0, 0, 220, 40)), OcrWord("Malhotra", 0.9, Box(240, 0, 300, 40)))),),
                       (600, 400))
    assert orient.sideways(name) and not orient.sideways(across)
    # one word on end is too little to tell
    assert not orient.sideways(OcrResult((OcrLine((OcrWord("Ananya", 0.9, Box(0, 0, 40, 220)),)),), (400, 600)))


def test_upright_only_is_one_pass_without_osd():
    engine = Scripted(upright_after=90, osd=(90, 0.9))
    upright, ocr = orient.read_card(CardImage("t", 0, marked_card()), engine, upright_only=True)
    assert engine.calls == [0] and engine._shape is None
    assert upright.rotation == 0


def test_upright_only_reads_a_big_photo_no_larger_than_the_last_read_bound():
    seen = []

    class Sizes(Scripted):
        def recognize(self, image, *, lang="eng", psm=3):
            seen.append(image.shape[0] * image.shape[1])
            return super().recognize(image, lang=lang, psm=psm)

    big = cv2.resize(marked_card(), (4000, 3000), interpolation=cv2.INTER_NEAREST)
    orient.read_card(CardImage("t", 0, big), Sizes(upright_after=0, osd=None), upright_only=True)
    assert len(seen) == 1 and seen[0] <= orient.preprocess.LAST_READ_PIXELS * 1.01


def test_read_quality_prefers_confident_words():
    assert orient.read_quality(GOOD)[0] > 5 * orient.read_quality(JUNK)[0]


@needs_tesseract
@pytest.mark.parametrize("turned", [90, 180, 270])
def test_turned_card_is_read_upright(turned):
    from cardscan.ocr import PytesseractEngine

    upright = draw_card(900, 520)
    pixels = orient.rotate(upright, turned)
    upright_card, ocr = orient.read_card(CardImage("t", 0, pixels), PytesseractEngine())
    assert upright_card.rotation == (360 - turned) % 360
    assert upright_card.pixels.shape == upright.shape
    assert "dana.whitfield@example.com" in ocr.text.replace(" ", "").lower()


@needs_tesseract
def test_vertical_card_stays_vertical():
    from cardscan.ocr import PytesseractEngine

    card = draw_card(480, 840, lines=["Dana", "Whitfield"] + LINES[1:4], size=26)
    upright, ocr = orient.read_card(CardImage("t", 0, card), PytesseractEngine())
    assert upright.rotation == 0
    assert "555" in ocr.text


def _slanted_line(y: float, degrees: float, words: int = 4, h: int = 30, conf: float = 0.95) -> OcrLine:
    step = 5 * h
    slope = np.tan(np.radians(degrees))
    return OcrLine(tuple(OcrWord(f"word{i}", conf, Box(100 + i * step, int(round(y + slope * (100 + i * step + 2 * h))), 4 * h, h))
                         for i in range(words)))


@pytest.mark.parametrize("degrees", [-3.0, 2.0, 0.0])
def test_the_slant_of_a_read_is_measured_on_its_lines(degrees):
    read = OcrResult(tuple(_slanted_line(y, degrees) for y in (100, 300, 500)), (1400, 900))
    assert orient.line_slant(read) == pytest.approx(degrees, abs=0.2)


def test_a_logo_read_into_a_line_does_not_slant_it():
    line = _slanted_line(500, 0.0)
    logo = OcrWord("FS", 0.9, Box(20, 440, 130, 130))  # a monogram four times the print's height
    read = OcrResult((OcrLine((logo,) + line.words), _slanted_line(300, 0.0)), (1400, 900))
    assert orient.line_slant(read) == pytest.approx(0.0, abs=0.2)


def test_lines_that_disagree_or_are_too_short_tell_no_slant():
    read = OcrResult((_slanted_line(100, -4.0), _slanted_line(300, 3.0), _slanted_line(500, 0.5)), (1400, 900))
    assert orient.line_slant(read) is None
    unsure = OcrResult(tuple(_slanted_line(y, 3.0, conf=0.3) for y in (100, 300)), (1400, 900))
    assert orient.line_slant(unsure) is None
    short = OcrResult(tuple(_slanted_line(y, 3.0, words=2) for y in (100, 300)), (1400, 900))
    assert orient.line_slant(short) is None


@needs_tesseract
def test_print_at_a_slant_is_read_level():
    import cv2
    from cardscan.ocr import PytesseractEngine
    card = draw_card(1100, 620)
    m = cv2.getRotationMatrix2D((550, 310), -3.0, 1.0)  # turned clockwise: its lines run down to the right
    slanted = cv2.warpAffine(card, m, (1100, 620), borderValue=(245, 245, 240))
    upright, ocr = orient.read_card(CardImage("t", 0, slanted), PytesseractEngine())
    assert upright.rotation == 0
    slant = orient.line_slant(ocr)
    assert slant is not None and abs(slant) < 1.0
    assert upright.read_pixels.shape != orient.preprocess.for_ocr(slanted).shape  # the levelled image was read
