"""Motion blur measured on a card and undone (cardscan.deblur)."""
from __future__ import annotations

import difflib
import shutil

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from cardscan import deblur, ocr, preprocess
from cardscan.models import CardImage

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")

LINES = ["Dana Whitfield", "Head of Product, Northwind Analytics", "dana.whitfield@northwind-analytics.com",
         "Mobile +1 415 555 0142   Office +1 415 555 0199", "www.northwind-analytics.com",
         "500 Market Street, Suite 1200, San Francisco, CA 94105"]


def draw_card(w: int = 1100, h: int = 640, size: int = 24) -> np.ndarray:
    """A flat card (BGR): dark print on light paper."""
    img = Image.new("RGB", (w, h), (245, 244, 238))
    d = ImageDraw.Draw(img)
    y = h // 10
    for i, text in enumerate(LINES):
        font = ImageFont.load_default(size=int(size * (1.6 if i == 0 else 1.0)))
        d.text((w // 14, y), text, font=font, fill=(25, 25, 30))
        y += int(size * (2.4 if i == 0 else 1.7))
    return np.array(img)[:, :, ::-1].copy()


def shaken(img: np.ndarray, length: float, angle: float, seed: int = 0, noise: float = 2.0) -> np.ndarray:
    """img as a camera moving `length` px along `angle` degrees sees it, with a little grain."""
    out = cv2.filter2D(img.astype(np.float32), -1, deblur.line_kernel(length, angle), borderType=cv2.BORDER_REFLECT)
    out += np.random.default_rng(seed).normal(0, noise, out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def gray(img: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)


def angle_apart(a: float, b: float) -> float:
    return abs((a - b + 90) % 180 - 90)


def test_line_kernel_is_a_line_along_its_angle_summing_to_one():
    flat = deblur.line_kernel(7, 0)
    assert flat.sum() == pytest.approx(1.0, abs=1e-5)
    rows = flat.sum(axis=1)
    assert rows.max() == pytest.approx(1.0, abs=0.02)  # all of it on one row
    cols = flat.sum(axis=0)
    assert np.count_nonzero(cols > 0.1) == 7  # seven pixels long, its ends anti-aliased
    upright = deblur.line_kernel(7, 90)
    np.testing.assert_allclose(upright, flat.T, atol=1e-6)
    # counter-clockwise: a line at 45 degrees runs from the lower left to the upper right
    diag = deblur.line_kernel(7, 45)
    c = diag.shape[0] // 2
    assert diag[c - 2, c + 2] > 0.05 and diag[c + 2, c + 2] < 1e-3


def test_a_steady_card_has_no_blur():
    card = draw_card()
    assert deblur.measure(gray(card)) is None
    assert deblur.measure(gray(shaken(card, 1.0, 30))) is None  # a pixel's movement costs nothing


@pytest.mark.parametrize("length, angle", [(6, 20), (9, 75), (12, 140), (8, 0)])
def test_a_shaken_card_gives_the_movement_s_direction_and_length(length, angle):
    blur = deblur.measure(gray(shaken(draw_card(), length, angle)))
    assert blur is not None
    assert angle_apart(blur.angle, angle) <= 8
    assert blur.length == pytest.approx(length, rel=0.25)


def test_edges_widened_one_way_by_a_stretch_are_no_movement():
    # a card photographed at a slant is stretched back to its shape: its print is soft one
    # way, but no line smeared it, and deconvolving a line would only add ringing
    card = draw_card()
    h, w = card.shape[:2]
    squeezed = cv2.resize(card, (int(w / 1.6), h), interpolation=cv2.INTER_AREA)
    stretched = cv2.resize(squeezed, (w, h), interpolation=cv2.INTER_LINEAR)
    assert deblur.measure(gray(stretched)) is None


def test_undoing_the_blur_keeps_the_page_s_size_and_tone():
    blurred = shaken(draw_card(), 9, 30)
    restored = deblur.undone(blurred, deblur.measure(gray(blurred)))
    assert restored.shape == blurred.shape and restored.dtype == np.uint8
    # the regulariser does not dim the page: the paper keeps its tone
    assert abs(float(np.median(gray(restored))) - float(np.median(gray(blurred)))) <= 2


@needs_tesseract
@pytest.mark.parametrize("length, angle", [(9, 30), (8, 0), (10, 80), (12, 140)])
def test_a_shaken_card_reads_as_the_card_once_its_blur_is_undone(length, angle):
    # (the steady card reads 0.92 alike; shaken 0.06-0.42, undone 0.76-0.93)
    engine = ocr.make_engine("pytesseract")
    blurred = shaken(draw_card(), length, angle)
    restored = deblur.undone(blurred, deblur.measure(gray(blurred)))

    def likeness(img: np.ndarray) -> float:
        read = engine.recognize(preprocess.for_ocr(img), lang="eng")
        text = "\n".join(line.text for line in read.lines)
        return difflib.SequenceMatcher(None, text, "\n".join(LINES)).ratio()

    before, after = likeness(blurred), likeness(restored)
    assert after >= 0.7 and after >= before + 0.3


def test_steadied_leaves_a_steady_card_as_it_is_and_replaces_a_shaken_one():
    card = CardImage("photo.jpg", 0, draw_card(), quad=((0, 0), (1, 0), (1, 1), (0, 1)))
    assert deblur.steadied(card) is card
    blurred = CardImage("photo.jpg", 1, shaken(card.pixels, 10, 60), quad=card.quad, rotation=90)
    out = deblur.steadied(blurred)
    assert out is not blurred
    assert (out.index, out.quad, out.rotation, out.found) == (1, card.quad, 90, True)
    assert out.pixels.shape == blurred.pixels.shape
    assert not np.array_equal(out.pixels, blurred.pixels)


def test_a_card_too_small_or_blank_to_measure_is_left_alone():
    blank = np.full((300, 500, 3), 240, np.uint8)
    assert deblur.measure(gray(blank)) is None
    tiny = shaken(draw_card(220, 130, 8), 6, 30)
    assert deblur.measure(gray(tiny)) is None
