"""Reading a card the right way up: the one place that decides how many OCR passes a card gets.

EXIF has already been applied by the loader, so most cards are upright; but
tags lie and many photos carry none, so the rotation is decided by what reads
best. A landscape card is read as it is first, and a read with a few
confidently read words is kept: one pass, no orientation detection. Only a
poor read, or a card standing on its short side (a landscape card in a photo
turned sideways, or a vertical design), asks Tesseract's orientation detection
(OSD), which costs about as much as a read; its answer is read next, then its
upside-down twin, and the sideways pair only when neither reads well; the
rotation that reads best wins. When no rotation gave a single confident word, the
best one's axis is read again as one block of text, both ways up (Tesseract's layout
analysis finds no text at all on some soft photos). A chosen read whose lines slant (an
outline a little off) is read again levelled. Rows of print the chosen read left out are
then read again on their own (missed.py).
"""
from __future__ import annotations

import dataclasses
import math
from typing import Optional

import cv2
import numpy as np

from cardscan import missed, preprocess
from cardscan.debug import Debug
from cardscan.models import CardImage, OcrResult, alnum_count
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
# The score of a read whose lines run up or down the image is multiplied by this.
SIDEWAYS_PENALTY = 0.3
# Tesseract's page segmentation for a card whose automatic layout found next to nothing:
# the whole card as one block of text.
ONE_BLOCK = 6
# Degrees: a chosen read whose lines slant this much is read again levelled (see _levelled).
# Under 2.5 Tesseract mostly reads lines whole: on two synthetic sets, of four cards at
# 1.5-2.5 degrees whose levelled read scored better, one came out worse and none better.
LEVEL_FROM, LEVEL_AT_MOST = 2.5, 6.0
# A line's slant is measured on its words read this surely, at least SLANT_WORDS of them,
# spread over SLANT_SPAN letter heights or more (a word's box centre is a letter height's
# quarter off the baseline, as it has tall letters or not: far apart that is a small angle).
SLANT_CONF, SLANT_WORDS, SLANT_SPAN = 0.6, 3, 8.0
# ... and no more than this many times taller or shorter than the line's median word.
SLANT_HEIGHTS = 1.5
# The card's slant is the lines' median (by length), when this share of their length lies
# within SLANT_AGREE_DEG of it.
SLANT_AGREE, SLANT_AGREE_DEG = 0.6, 1.0

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
        k = alnum_count(w.text)
        if k < 2 or w.conf is None:
            continue
        score += k * w.conf * w.conf
        total += k * w.conf
        n += k
    return score, (total / n if n else 0.0)


def strong_words(result: OcrResult) -> int:
    """How many words were read with confidence and have a few letters or digits."""
    return sum(1 for w in result.words
               if w.conf is not None and w.conf >= STRONG_CONF and alnum_count(w.text) >= STRONG_CHARS)


def sideways(result: OcrResult) -> bool:
    """Whether most words were read running up or down the image.

    Tesseract turns text blocks it finds vertical and reads them, so a card
    lying sideways can yield confident words, in lines whose order is lost;
    their boxes give it away: a word of three letters or more is wider than
    tall when its line runs across the image. Two such words, both tall, are
    enough: a dim card's name read sideways ("Malhotra Ananya") may be all a
    read finds."""
    words = [w for w in result.words if alnum_count(w.text) >= 3]
    tall = sum(1 for w in words if w.box.height > w.box.width)
    return len(words) >= 2 and tall > len(words) / 2


def _is_good(result: OcrResult) -> bool:
    return strong_words(result) >= GOOD_STRONG and not sideways(result)


def _score(result: OcrResult) -> float:
    """read_quality's score, a sideways read's cut so that a read across the lines wins."""
    score, _ = read_quality(result)
    return score * SIDEWAYS_PENALTY if sideways(result) else score


def read_card(card: CardImage, engine: Engine, *, lang: str = "eng", debug: Optional[Debug] = None,
              upright_only: bool = False, one_block: bool = True) -> tuple[CardImage, OcrResult]:
    """The upright card (its rotation recorded) and what OCR read on it.

    upright_only reads the image once, as it is, and no larger than
    preprocess.LAST_READ_PIXELS: for a whole photo read after its print, cut out, was
    already tried every way up (a pass over a whole 12-MP photo can take half a
    minute). one_block=False leaves out the read as one block of text (see
    _as_one_block): for the later ways of reading a card whose first read gave
    nothing, each of which would add two reads, mostly of photos with no card."""
    if upright_only:
        prepared = preprocess.for_ocr(card.pixels, max_pixels=preprocess.LAST_READ_PIXELS)
        return _done(card, 0, engine.recognize(prepared, lang=lang), prepared, debug)
    prepared = preprocess.for_ocr(card.pixels)
    reads: dict[int, OcrResult] = {}

    def read(rot: int) -> tuple[OcrResult, np.ndarray]:
        # Only the reads are kept; each way up's image is turned again when wanted (in
        # milliseconds). Kept with their reads, the images of the ways up that lost stayed
        # until the card was done: a card read every way up held four while its read was
        # levelled and its missed lines read, where two are needed (as prepared, and the
        # chosen way up's).
        img = rotate(prepared, rot)
        if rot not in reads:
            reads[rot] = engine.recognize(img, lang=lang)
        return reads[rot], img

    h, w = prepared.shape[:2]
    if w >= h:
        # A card lying on its long side is upright or upside down, and upright is
        # by far the likelier: read it as it is, and stop when that reads well.
        result, img = read(0)
        if _is_good(result):
            result, img = _levelled(result, img, engine, lang)
            return _done(card, 0, _with_missed(result, img, engine, lang), img, debug)
    # A card standing on its short side may be a vertical design (upright) or a
    # landscape card turned sideways, which a plain read cannot tell apart (see
    # below); OSD can, and so it decides there, and after a poor first read.
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
        result, img = read(rot)
        score = _score(result)
        bar = best[0] * (SIDEWAYS_MARGIN if i >= 2 else 1.0) if best is not None else -1.0
        if score > bar:
            best = (score, rot, result, img)
        del img
        if i == 0 and (_is_good(result) or (sure and strong_words(result) >= 1 and not sideways(result))):
            break
        if i == 1 and strong_words(best[2]) >= 2 and not sideways(best[2]):
            break
    assert best is not None
    if one_block and strong_words(best[2]) == 0:
        best = _as_one_block(best, prepared, engine, lang)
    _, rot, result, img = best
    result, img = _levelled(result, img, engine, lang)
    return _done(card, rot, _with_missed(result, img, engine, lang), img, debug)


def line_slant(result: OcrResult) -> Optional[float]:
    """The angle (degrees, as cv2 turns: counter-clockwise positive) that levels the lines
    of a read, from the boxes of its sure words; None when too few lines tell, or they
    disagree."""
    angles, lengths = [], []
    for line in result.lines:
        words = [w for w in line.words if w.conf is not None and w.conf >= SLANT_CONF and alnum_count(w.text) >= 2]
        if len(words) < SLANT_WORDS:
            continue
        # (a logo's monogram read into the line, "FS" 129 px high beside 35-px print, is no letter of it)
        h = float(np.median([w.box.height for w in words]))
        words = [w for w in words if h / SLANT_HEIGHTS <= w.box.height <= h * SLANT_HEIGHTS]
        if len(words) < SLANT_WORDS:
            continue
        xs = np.array([w.box.left + w.box.width / 2 for w in words], float)
        ys = np.array([w.box.top + w.box.height / 2 for w in words], float)
        span = float(xs.max() - xs.min())
        if span < SLANT_SPAN * float(np.median([w.box.height for w in words])):
            continue
        slope = float(np.polyfit(xs, ys, 1)[0])
        angles.append(math.degrees(math.atan(slope)))
        lengths.append(span)
    if not angles:
        return None
    mid = preprocess.weighted_median(angles, lengths)
    agree = sum(n for a, n in zip(angles, lengths) if abs(a - mid) <= SLANT_AGREE_DEG)
    return mid if agree >= SLANT_AGREE * sum(lengths) else None


def _levelled(result: OcrResult, img: np.ndarray, engine: Engine, lang: str) -> tuple[OcrResult, np.ndarray]:
    """The read, or a read of the image turned level when its lines slant and that reads better.

    Cards print their lines parallel to their sides, so lines at a slant in a card cut out
    of a photo mean an outline a little off: a corner taken from a card beneath, a side
    from a shadow. From about 2.5 degrees Tesseract cuts a long line in two and drops
    letters where it cuts ("Beacon Networks Pte Ltd" read as "Bea" and "con Networks"). The slant
    is measured on the words read, not on the image, where the grain of a dim photo makes
    "lines" at every angle. Most cards are level and cost nothing more."""
    slant = line_slant(result)
    if slant is None or not LEVEL_FROM <= abs(slant) <= LEVEL_AT_MOST:
        return result, img
    # (the corners the turn opens take the paper's grey: edge pixels drawn out make streaks)
    level = preprocess.turned(img, slant, fill=float(np.median(img)))
    again = engine.recognize(level, lang=lang)
    # (a read with more weight but fewer sure words has traded print for scraps: on a real
    # photo the levelled read gave more letters of a logo and lost the surname's)
    if _score(again) > _score(result) and strong_words(again) >= strong_words(result):
        return again, level
    return result, img


def _as_one_block(best: tuple[float, int, OcrResult, np.ndarray], prepared: np.ndarray, engine: Engine,
                  lang: str) -> tuple[float, int, OcrResult, np.ndarray]:
    """The best read, or a read of the card as one block of text when that reads better.

    Tesseract's automatic layout analysis sometimes finds no text block at all on a soft
    photo of a card whose print reads well as one block ("Empty page": a blurred
    "Gonzalo Pérez / Abogada" read at 0.96 confidence as one block, and not at all
    automatically, the read then taking junk upside down as the best). Only after a read
    with no confident word, and kept only when it has more: on a card that reads, one block
    would run its columns together. The chosen rotation's axis is read, both ways up."""
    rot0 = best[1]
    for rot in (rot0, (rot0 + 180) % 360):
        img = rotate(prepared, rot)
        result = engine.recognize(img, lang=lang, psm=ONE_BLOCK)
        score = _score(result)
        if score > best[0] and strong_words(result) > strong_words(best[2]):
            best = (score, rot, result, img)
    return best


def _with_missed(result: OcrResult, img: np.ndarray, engine: Engine, lang: str) -> OcrResult:
    """The chosen read with the lines it left out read again (see missed.py). Not after a
    read with no confident word: that is a wrong outline or no card, and the caller reads
    wider then; a few words found on a logo must not stop it."""
    if strong_words(result) < 1:
        return result
    return missed.read_missed(result, img, engine, lang=lang)


def _done(card: CardImage, rot: int, result: OcrResult, img: np.ndarray,
          debug: Optional[Debug]) -> tuple[CardImage, OcrResult]:
    upright = dataclasses.replace(card, pixels=rotate(card.pixels, rot), rotation=(card.rotation + rot) % 360,
                                  read_pixels=img)
    if debug is not None:
        debug.image(f"card{card.index}-ocr-input", img)
        debug.json(f"card{card.index}-ocr", result.to_dict())
    return upright, result
