"""Reading a card the right way up: the one place that decides how many OCR passes a card gets.

EXIF has already been applied by the loader, but tags lie and many photos carry
none, so the rotation is decided by what reads best. Tesseract's orientation
detection (OSD) is cheap and usually right when it is confident; the first read
then confirms it. Only when that read is poor (few confidently read words) is
the upside-down twin read, and the sideways pair only when neither reads well;
the rotation that reads best wins.
"""
from __future__ import annotations

import dataclasses
from typing import Optional

import cv2
import numpy as np

from cardscan import preprocess
from cardscan.debug import Debug
from cardscan.models import CardImage, OcrResult
from cardscan.ocr import Engine

# OSD confidence (0-1, Tesseract's orientation_conf / 15) above which its answer is read first.
OSD_TRUST = 0.2
# ... and above which a first read with any confident word is not second-guessed.
OSD_SURE = 0.6
# A word is "strong" when it has this many letters or digits and this confidence:
# upside-down or sideways text almost never yields one, upright print nearly always does.
STRONG_CHARS, STRONG_CONF = 4, 0.85
# A read with this many strong words is accepted without trying other rotations.
GOOD_STRONG = 3
# A sideways read replaces the card's own axis only when this much better.
SIDEWAYS_MARGIN = 1.3

_ROTATE = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def rotate(pixels: np.ndarray, degrees_cw: int) -> np.ndarray:
    degrees_cw %= 360
    return pixels if degrees_cw == 0 else cv2.rotate(pixels, _ROTATE[degrees_cw])


def read_quality(result: OcrResult) -> tuple[float, float]:
    """(score, mean confidence) of a read: confident alphanumeric characters.

    Upside-down or sideways text makes Tesseract produce short, low-confidence
    fragments, so the sum of confidence-weighted characters of words of two or
    more letters separates the right rotation from the wrong ones clearly; the
    square keeps many junk words from outweighing a few good ones."""
    score = 0.0
    total = 0.0
    n = 0
    for w in result.words:
        k = sum(ch.isalnum() for ch in w.text)
        if k < 2 or w.conf is None:
            continue
        score += k * w.conf * w.conf
        total += k * w.conf
        n += k
    return score, (total / n if n else 0.0)


def strong_words(result: OcrResult) -> int:
    """How many words were read with confidence and have a few letters or digits."""
    return sum(1 for w in result.words
               if w.conf is not None and w.conf >= STRONG_CONF and sum(ch.isalnum() for ch in w.text) >= STRONG_CHARS)


def _is_good(result: OcrResult) -> bool:
    return strong_words(result) >= GOOD_STRONG


def read_card(card: CardImage, engine: Engine, *, lang: str = "eng",
              debug: Optional[Debug] = None) -> tuple[CardImage, OcrResult]:
    """The upright card (its rotation recorded) and what OCR read on it."""
    prepared = preprocess.for_ocr(card.pixels)
    first, sure = 0, False
    osd = engine.detect_orientation(prepared)
    if osd is not None and osd[1] >= OSD_TRUST:
        first, sure = osd[0] % 360, osd[1] >= OSD_SURE
    # The first rotation's axis (it and its upside-down twin) is read first; the
    # sideways pair only when neither reads well. Tesseract reads sideways
    # lines too (it rotates vertical text blocks itself), scrambling their
    # order, so a sideways read must be clearly better to win.
    order = [first, (first + 180) % 360, (first + 90) % 360, (first + 270) % 360]
    best: Optional[tuple[float, int, OcrResult, np.ndarray]] = None
    for i, rot in enumerate(order):
        img = rotate(prepared, rot)
        result = engine.recognize(img, lang=lang)
        score, _ = read_quality(result)
        bar = best[0] * (SIDEWAYS_MARGIN if i >= 2 else 1.0) if best is not None else -1.0
        if score > bar:
            best = (score, rot, result, img)
        if i == 0 and (_is_good(result) or (sure and strong_words(result) >= 1)):
            break
        if i == 1 and strong_words(best[2]) >= 2:
            break
    assert best is not None
    _, rot, result, img = best
    upright = dataclasses.replace(card, pixels=rotate(card.pixels, rot), rotation=(card.rotation + rot) % 360)
    if debug is not None:
        debug.image(f"card{card.index}-ocr-input", img)
        debug.json(f"card{card.index}-ocr", result.to_dict())
    return upright, result
