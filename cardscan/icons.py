"""Phone-type icons: a small picture printed before a number in place of a label word.

Tesseract reads such a picture as a stray sign ("@", "©", "@)"), and the number is left with no
type but what its numbering plan says; a North American number's plan says nothing (its mobile
and office numbers share their ranges). The picture itself tells the type by its shape, in every
icon set: a mobile phone is a tall, narrow rectangle; a fax machine is a solid block as wide as it
is tall; a handset is a curved stroke. This stage looks at the glyph before each number and, where
its shape is clear, puts the label it stands for in its place ("Mobile", "Fax"), so that the parser
reads it as printed words. A handset, or any shape less clear, is left as read.
"""
from __future__ import annotations

import re
from typing import Optional

import cv2
import numpy as np

from cardscan.models import Box, OcrLine, OcrResult, OcrWord

# A glyph's shape (its ink's bounding box, height over width) at least this tall is a mobile phone.
MOBILE_ASPECT = 1.35
# A glyph in a badge, about square (within these bounds), that fills at least this much of its
# box is a fax machine: on the phone icons of 150 synthetic photos a handset's curved stroke
# filled 0.35-0.42 of its box, a fax 0.64-0.74. Drawn plainly on the paper, a handset's solid
# shape can fill as much, so a fax is told only in a badge.
FAX_ASPECT = (0.75, 1.3)
FAX_FILL = 0.6
# Ink pieces smaller than this share of the glyph's box are specks and anti-aliasing.
MIN_PIECE = 0.03
# A piece of ink at least this share of the box wide and tall is a badge the glyph is drawn in.
BADGE_SPAN = 0.75

LABELS = {"mobile": "Mobile", "fax": "Fax"}


def _is_glyph(word: OcrWord) -> bool:
    """A word that is a picture read as text: one to three signs and no letter ("@", "©)"), or a
    letter in a ring or before a bracket ("(C)", "Q)"). A letter alone is a label ("T:", "M", "F")."""
    t = str(word.text)
    return 1 <= len(t) <= 3 and (not any(c.isalnum() for c in t) or bool(re.fullmatch(r"\(?\w\)", t)))


def _number_follows(words: tuple[OcrWord, ...]) -> bool:
    """Whether the words start with a phone number: seven digits or more before any letter (a
    map pin before "153 Robinson Road, #06-01" is no phone's icon)."""
    m = re.match(r"[+(]?\d[\d\s().\-/]*", " ".join(str(w.text) for w in words))
    return bool(m) and len(re.sub(r"\D", "", m.group(0))) >= 7


def icon_kind(crop: np.ndarray) -> Optional[str]:
    """"mobile", "fax" or None for the grayscale picture of one icon (dark on light, as the
    image Tesseract read is). A glyph drawn light inside a dark disc or square (the common
    badge) is looked at inside it; a glyph drawn dark on the paper, as it is."""
    if crop.size == 0 or min(crop.shape[:2]) < 8:
        return None
    _, dark = cv2.threshold(crop, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    h, w = dark.shape
    # a badge: one piece of ink spans the box, and the glyph is the paper-light shape inside it
    n, _, stats, _ = cv2.connectedComponentsWithStats(dark, connectivity=8)
    badge = n > 1 and any(stats[i, cv2.CC_STAT_WIDTH] >= BADGE_SPAN * w and stats[i, cv2.CC_STAT_HEIGHT] >= BADGE_SPAN * h
                          for i in range(1, n))
    ink = (1 - dark) if badge else dark
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    pieces = []
    for i in range(1, n):
        x, y, bw, bh, area = stats[i]
        touches = x == 0 or y == 0 or x + bw >= w or y + bh >= h
        if area >= MIN_PIECE * h * w and not touches:
            pieces.append((x, y, x + bw, y + bh, area))
    if not pieces:
        return None
    x0, y0 = min(p[0] for p in pieces), min(p[1] for p in pieces)
    x1, y1 = max(p[2] for p in pieces), max(p[3] for p in pieces)
    gw, gh = x1 - x0, y1 - y0
    if gw < 0.15 * w or gh < 0.3 * h:
        return None  # a sliver or a dot: nothing to tell by
    aspect = gh / gw
    fill = sum(p[4] for p in pieces) / float(gw * gh)
    if aspect >= MOBILE_ASPECT:
        return "mobile"
    if badge and FAX_ASPECT[0] <= aspect <= FAX_ASPECT[1] and fill >= FAX_FILL:
        return "fax"
    return None


def _crop(image: np.ndarray, box: Box) -> np.ndarray:
    # a margin of a few pixels, so that a badge's round edge does not touch the crop's sides
    m = max(2, box.height // 10)
    crop = image[max(0, box.top - m):box.bottom + m, max(0, box.left - m):box.right + m]
    # (the icon's pixels turned grey, not the whole card's for each icon)
    return cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 and crop.size else crop


# A phone line may open with scraps before its icon: specks at the card's edge, or a shadow's
# edge, read as "i", "o", ":" ("i @ 587-555-0142", the icon 1,200 px right of the "i"). Words of
# at most this many characters, and this many of them at most, are looked past where they are
# specks (less than half the icon's height) or lie far from it (this many of its heights): a
# label's letter beside it ("T | +65 6611 3027") is print, and the line's own label.
SCRAP_CHARS = 2
MAX_SCRAPS = 2
SCRAP_FAR = 3.0
# An icon is about as wide as tall; a bar read before a number ("|") is a separator.
ICON_WIDTH = 0.5  # its width, at least, as a share of its height


def _scrap_before(word: OcrWord, icon: OcrWord) -> bool:
    """Whether `word`, before the icon on its line, is a speck or far from it (see SCRAP_FAR)."""
    h = icon.box.height
    return len(str(word.text)) <= SCRAP_CHARS and (
        word.box.height < 0.5 * h or icon.box.left - word.box.right >= SCRAP_FAR * h)


def _icon_at(words: tuple[OcrWord, ...]) -> Optional[int]:
    """The index of the glyph right before the line's phone number, after nothing but scraps
    (see _scrap_before); None when there is none."""
    for i in range(min(len(words) - 1, MAX_SCRAPS + 1)):
        w = words[i]
        if _is_glyph(w) and w.box.width >= ICON_WIDTH * w.box.height and _number_follows(words[i + 1:]) \
                and all(_scrap_before(s, w) for s in words[:i]):
            return i
    return None


def label_icons(ocr: OcrResult, image: np.ndarray) -> OcrResult:
    """The read with each phone icon whose shape is clear read as the label it stands for.
    `image` is the image `ocr` was read from."""
    lines, changed = [], False
    for line in ocr.lines:
        words = line.words
        i = _icon_at(words)
        if i is not None:
            kind = icon_kind(_crop(image, words[i].box))
            if kind is not None:
                w = words[i]
                words = words[:i] + (OcrWord(LABELS[kind], w.conf, w.box, w.block, w.par, w.line),) + words[i + 1:]
                changed = True
        lines.append(OcrLine(words))
    return OcrResult(tuple(lines), ocr.size, ocr.engine_version) if changed else ocr
