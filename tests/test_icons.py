"""Phone-type icons read as stray signs: told apart by their shape, put in as the label they stand for."""
from __future__ import annotations

import cv2
import numpy as np
import pytest

from cardscan import assemble, icons
from cardscan.models import Box, OcrLine, OcrResult, OcrWord

S = 60  # px: an icon about as tall as a line of print at the size Tesseract reads


def badge(draw_glyph) -> np.ndarray:
    """A dark disc on white with a light glyph drawn inside it (the common badge)."""
    img = np.full((S, S), 255, np.uint8)
    cv2.circle(img, (S // 2, S // 2), S // 2 - 2, 60, -1, cv2.LINE_AA)
    draw_glyph(img, 245)
    return img


def mobile(img, ink):
    cv2.rectangle(img, (S // 2 - 8, S // 2 - 15), (S // 2 + 8, S // 2 + 15), ink, 3)


def handset(img, ink):
    cv2.ellipse(img, (S // 2, S // 2), (15, 15), 0, 110, 340, ink, 6)


def fax(img, ink):
    cv2.rectangle(img, (S // 2 - 16, S // 2 - 2), (S // 2 + 16, S // 2 + 14), ink, -1)
    cv2.rectangle(img, (S // 2 - 10, S // 2 - 16), (S // 2 + 10, S // 2 - 2), ink, 3)


def plain(draw_glyph) -> np.ndarray:
    img = np.full((S, S), 255, np.uint8)
    draw_glyph(img, 30)
    return img


@pytest.mark.parametrize("image, kind", [
    (badge(mobile), "mobile"), (badge(handset), None), (badge(fax), "fax"),
    (plain(mobile), "mobile"), (plain(handset), None),
    (plain(fax), None),  # a solid shape on the paper may be a handset as well: left as read
    (np.full((S, S), 255, np.uint8), None),
])
def test_an_icon_is_told_by_its_shape(image, kind):
    assert icons.icon_kind(image) == kind


def card_with_icons(*glyphs: np.ndarray) -> tuple[OcrResult, np.ndarray]:
    """A card image with an icon at the start of each phone line, and a read of it that took
    each icon for "@"."""
    img = np.full((120 + 90 * len(glyphs), 900), 255, np.uint8)
    lines = [OcrLine((OcrWord("Avery", 0.96, Box(60, 20, 160, 60)), OcrWord("Collins", 0.96, Box(240, 20, 200, 60))))]
    for k, g in enumerate(glyphs):
        top = 110 + 90 * k
        img[top:top + S, 60:60 + S] = g
        lines.append(OcrLine((OcrWord("@", 0.7, Box(60, top, S, S)),
                              OcrWord("(415)", 0.96, Box(150, top + 8, 120, 44)),
                              OcrWord(f"555-01{k}0", 0.96, Box(290, top + 8, 200, 44)))))
    return OcrResult(tuple(lines), (img.shape[1], img.shape[0])), img


def test_a_phone_icon_is_read_as_its_label_and_types_the_number():
    ocr, img = card_with_icons(badge(handset), badge(mobile), badge(fax))
    labelled = icons.label_icons(ocr, img)
    assert [ln.words[0].text for ln in labelled.lines] == ["Avery", "@", "Mobile", "Fax"]
    # the label sits where the icon was, and the rest of the read is as it was
    assert labelled.lines[2].words[0].box == ocr.lines[2].words[0].box
    assert [ln.words[1:] for ln in labelled.lines] == [ln.words[1:] for ln in ocr.lines]
    c = assemble.contact(labelled)
    assert [(p.number, p.type) for p in c.phones] == [
        ("+14155550100", "work"), ("+14155550110", "mobile"), ("+14155550120", "fax")]


def test_a_read_without_icons_is_left_as_it_is():
    ocr, img = card_with_icons(badge(handset))
    assert icons.label_icons(ocr, img) is ocr
    # a letter before a number is a label already, whatever its shape
    lines = (OcrLine((OcrWord("M", 0.9, Box(60, 110, 30, 60)), OcrWord("(415)", 0.96, Box(150, 118, 120, 44)),
                      OcrWord("555-0100", 0.96, Box(290, 118, 200, 44)))),)
    tall = np.full((300, 900), 255, np.uint8)
    cv2.rectangle(tall, (62, 110), (86, 170), 0, 4)
    read = OcrResult(lines, (900, 300))
    assert icons.label_icons(read, tall) is read
    # a tall pin before a street with numbers in it is no phone's icon
    pin = np.full((300, 900), 255, np.uint8)
    pin[110:110 + S, 60:60 + S] = badge(mobile)
    street = OcrResult((OcrLine((OcrWord("©", 0.9, Box(60, 110, S, S)), OcrWord("153", 0.96, Box(150, 118, 60, 44)),
                                 OcrWord("Robinson", 0.96, Box(230, 118, 160, 44)), OcrWord("Road,", 0.96, Box(410, 118, 90, 44)),
                                 OcrWord("#06-01", 0.96, Box(520, 118, 120, 44)))),), (900, 300))
    assert icons.label_icons(street, pin) is street


def icon_line(before: tuple[str, ...], glyph: str = "@") -> tuple[OcrResult, np.ndarray]:
    """A card with a mobile's icon 600 px into its phone line, read as `glyph`, after the words
    `before` read at the card's left edge."""
    img = np.full((300, 1400, 3), 255, np.uint8)
    img[110:110 + S, 600:600 + S] = cv2.cvtColor(badge(mobile), cv2.COLOR_GRAY2BGR)
    words = [OcrWord(t, 0.3, Box(5 + 30 * k, 120, 20, 30)) for k, t in enumerate(before)]
    words += [OcrWord(glyph, 0.7, Box(600, 110, S, S)), OcrWord("(415)", 0.96, Box(690, 118, 120, 44)),
              OcrWord("555-0110", 0.96, Box(830, 118, 200, 44))]
    name = OcrLine((OcrWord("Avery", 0.96, Box(60, 20, 160, 60)), OcrWord("Collins", 0.96, Box(240, 20, 200, 60))))
    return OcrResult((name, OcrLine(tuple(words))), (1400, 300)), img


@pytest.mark.parametrize("before", [("i",), (":",), ("o", "j")])
def test_scraps_before_a_phone_icon_are_looked_past(before):
    ocr, img = icon_line(before)
    labelled = icons.label_icons(ocr, img)
    assert [w.text for w in labelled.lines[1].words] == list(before) + ["Mobile", "(415)", "555-0110"]
    assert [(p.number, p.type) for p in assemble.contact(labelled).phones] == [("+14155550110", "mobile")]


def test_a_letter_before_a_bracket_is_an_icon_told_by_its_shape():
    ocr, img = icon_line((), glyph="Q)")
    assert [w.text for w in icons.label_icons(ocr, img).lines[1].words][0] == "Mobile"


@pytest.mark.parametrize("before", [
    ("Tel",),  # a word: the line's own label
    ("i", "o", "j"),  # more scraps than a line's edge makes
])
def test_a_glyph_after_words_or_many_scraps_is_left_as_read(before):
    ocr, img = icon_line(before)
    assert icons.label_icons(ocr, img) is ocr


def test_a_label_letter_beside_a_bar_is_no_scrap_and_the_bar_no_icon():
    img = np.full((300, 1400, 3), 255, np.uint8)
    cv2.line(img, (600, 112), (600, 160), (0, 0, 0), 3)  # "T | (415) 555-0110"
    for before in ((OcrWord("T", 0.9, Box(560, 118, 22, 40)),), ()):
        words = before + (OcrWord("|", 0.9, Box(598, 110, 5, 52)), OcrWord("(415)", 0.96, Box(690, 118, 120, 44)),
                          OcrWord("555-0110", 0.96, Box(830, 118, 200, 44)))
        ocr = OcrResult((OcrLine(words),), (1400, 300))
        assert icons.label_icons(ocr, img) is ocr
    # the label letter beside an icon is print, not a speck: the icon is not looked at past it
    ocr, img = icon_line(())
    line = ocr.lines[1]
    beside = OcrLine((OcrWord("T", 0.9, Box(560, 118, 22, 40)),) + line.words)
    read = OcrResult((ocr.lines[0], beside), ocr.size)
    assert icons.label_icons(read, img) is read
