"""The image stage: finding cards in drawn photos, warping them flat, preparing them for OCR.

Every picture here is drawn in the test with a known geometry (a card with text
pasted on a textured table by a known homography), so corners, order and
aspect can be checked exactly. The last test counts cards on the real
development photos when they are present (they are never copied into the repo).
"""
from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from cardscan import deblur, preprocess
from cardscan.models import Photo

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "realcards" / "dev"

LINES = ["Dana Whitfield", "Head of Product", "dana.whitfield@example.com",
         "+1 415 555 0142", "www.example.com", "500 Market Street, Suite 12"]


def draw_card(w: int = 700, h: int = 400, *, dark: bool = False, lines=LINES, size: int = 0) -> np.ndarray:
    """A flat card (BGR) with a few lines of text."""
    bg, ink = ((30, 35, 60), (235, 235, 235)) if dark else ((245, 245, 240), (25, 25, 25))
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    size = size or max(10, h // 14)
    font = ImageFont.load_default(size=size)
    y = h // 8
    for i, text in enumerate(lines):
        f = ImageFont.load_default(size=int(size * 1.5)) if i == 0 else font
        d.text((w // 12, y), text, font=f, fill=ink)
        y += int(size * (2.1 if i == 0 else 1.45))
    return np.array(img)[:, :, ::-1].copy()


def table(w: int = 1600, h: int = 1200, seed: int = 0) -> np.ndarray:
    """A wood-like table: brown with grain stripes and noise."""
    rng = np.random.default_rng(seed)
    y = np.arange(h)[:, None]
    x = np.arange(w)[None, :]
    grain = 18 * np.sin(y / 7.0 + 3 * np.sin(x / 90.0)) + rng.normal(0, 6, (h, w))
    base = np.stack([60 + grain, 95 + grain, 140 + grain], axis=2)
    return np.clip(base, 0, 255).astype(np.uint8)


def paste(bg: np.ndarray, card: np.ndarray, quad) -> np.ndarray:
    """Warp card onto bg so that its corners land on quad (tl, tr, br, bl)."""
    h, w = card.shape[:2]
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    m = cv2.getPerspectiveTransform(src, np.float32(quad))
    size = (bg.shape[1], bg.shape[0])
    warped = cv2.warpPerspective(card, m, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, size)
    out = bg.copy()
    out[mask > 127] = warped[mask > 127]
    return out


def corners_close(found, truth, tol: float) -> bool:
    f = np.asarray(found, dtype=np.float32)
    t = np.asarray(truth, dtype=np.float32)
    return bool(np.max(np.linalg.norm(f - t, axis=1)) <= tol)


def rotated_quad(cx, cy, w, h, deg):
    a = np.radians(deg)
    r = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    pts = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]) @ r.T
    return pts + [cx, cy]


def test_card_under_perspective_on_wood_is_found_with_its_corners_and_aspect():
    quad = [(420, 300), (1180, 340), (1230, 860), (360, 800)]
    photo = Photo("t", paste(table(), draw_card(700, 400), quad))
    cards = preprocess.find_cards(photo)
    assert len(cards) == 1 and cards[0].found
    assert corners_close(cards[0].quad, quad, tol=12)
    h, w = cards[0].pixels.shape[:2]
    assert w / h == pytest.approx(700 / 400, rel=0.12)


@pytest.mark.parametrize("deg", [25, 90, 150, 235])
def test_card_turned_in_the_plane_is_found(deg):
    quad = rotated_quad(800, 600, 640, 370, deg)
    photo = Photo("t", paste(table(seed=1), draw_card(700, 400), quad))
    cards = preprocess.find_cards(photo)
    assert len(cards) == 1 and cards[0].found
    # the same four points, whichever corner the card calls its first
    found = np.asarray(cards[0].quad)
    d = np.linalg.norm(found[:, None, :] - quad[None, :, :], axis=2).min(axis=1)
    assert d.max() < 12
    h, w = cards[0].pixels.shape[:2]
    assert max(w, h) / min(w, h) == pytest.approx(640 / 370, rel=0.1)


def test_several_cards_come_out_in_reading_order():
    bg = np.full((1200, 1800, 3), (70, 110, 90), np.uint8)
    bg = cv2.add(bg, np.random.default_rng(3).integers(0, 12, bg.shape, dtype=np.uint8))
    positions = {  # name on the card -> centre; rows top to bottom, left to right
        "Card One": (420, 330), "Card Two": (1350, 300), "Card Three": (880, 880)}
    img = bg
    for name, (cx, cy) in positions.items():
        card = draw_card(560, 320, lines=[name] + LINES[2:])
        img = paste(img, card, rotated_quad(cx, cy, 560, 320, 8 if cx < 900 else -6))
    cards = preprocess.find_cards(Photo("t", img))
    assert [c.index for c in cards] == [0, 1, 2]
    centres = [np.mean(c.quad, axis=0) for c in cards]
    expected = list(positions.values())
    for got, want in zip(centres, expected):
        assert np.linalg.norm(np.asarray(got) - want) < 30


def test_dark_card_on_light_desk_is_found():
    bg = np.full((1000, 1400, 3), 200, np.uint8)
    quad = [(300, 250), (1100, 270), (1090, 730), (310, 720)]
    cards = preprocess.find_cards(Photo("t", paste(bg, draw_card(700, 400, dark=True), quad)))
    assert len(cards) == 1 and cards[0].found
    assert corners_close(cards[0].quad, quad, tol=10)


def test_sticky_note_beside_a_card_is_not_a_card():
    img = paste(table(seed=2), draw_card(600, 340), rotated_quad(500, 600, 600, 340, 5))
    note = np.full((300, 420, 3), (90, 230, 250), np.uint8)  # yellow, no print, card-like shape
    img = paste(img, note, rotated_quad(1250, 500, 420, 260, -10))
    cards = preprocess.find_cards(Photo("t", img))
    assert len(cards) == 1
    assert np.linalg.norm(np.mean(cards[0].quad, axis=0) - [500, 600]) < 25


def _two_cards_edge_to_edge(gap: int):
    img = table(seed=4)
    a = [(300, 200), (900, 200), (900, 540), (300, 540)]
    b = [(300, 540 + gap), (900, 540 + gap), (900, 880 + gap), (300, 880 + gap)]
    img = paste(img, draw_card(600, 340), a)
    img = paste(img, draw_card(600, 340, lines=["Min Jang", "Architect", "min@jang.studio"]), b)
    return img, a, b


def test_two_cards_edge_to_edge_in_one_outline_are_two_cards():
    img, a, b = _two_cards_edge_to_edge(gap=40)
    joined = np.float32([a[0], a[1], b[2], b[3]])
    parts = preprocess._split_joined(img, joined)
    assert len(parts) == 2
    assert corners_close(parts[0], a, 25) and corners_close(parts[1], b, 25)


def test_two_striped_cards_askew_under_one_outline_are_two_cards():
    # each card has a coloured stripe down its side (less of its paper shows), the upper one a
    # dense dark rule (a row with little paper that is no gap), and the outline holding both
    # is wider than either card
    img = table(seed=5)
    cards = []
    for lines in (LINES, ["Min Jang", "Architect", "min@jang.studio"]):
        c = draw_card(600, 340, lines=lines)
        c[:, :200] = (30, 110, 220)  # an orange stripe, a third of the card
        cards.append(c)
    cards[0][150:158, 200:] = 20
    a = [(300, 200), (900, 200), (900, 540), (300, 540)]
    b = [(330, 580), (930, 580), (930, 920), (330, 920)]
    img = paste(paste(img, cards[0], a), cards[1], b)
    joined = np.float32([(300, 200), (930, 200), (930, 920), (300, 920)])
    parts = preprocess._split_joined(img, joined)
    assert len(parts) == 2
    assert abs(parts[0][2][1] - 540) < 25 and abs(parts[1][0][1] - 580) < 25


def test_a_card_printed_with_a_band_across_it_is_one_card():
    card = draw_card(600, 340)
    card[150:200] = (40, 40, 140)  # a coloured band across the middle
    quad = [(300, 200), (900, 200), (900, 540), (300, 540)]
    img = paste(table(seed=4), card, quad)
    assert len(preprocess._split_joined(img, np.float32(quad))) == 1
    # a portrait card with a band: its halves would be squares
    card = draw_card(340, 600)
    card[280:320] = (40, 40, 140)
    quad = [(300, 100), (640, 100), (640, 700), (300, 700)]
    img = paste(table(seed=4), card, quad)
    assert len(preprocess._split_joined(img, np.float32(quad))) == 1


@pytest.mark.parametrize("sheet, card", [(240, 250), (242, 251)])
def test_white_cards_on_a_white_sheet_among_other_cards_are_each_found(sheet, card):
    # a sheet of paper (cut by the photo's top) under two cards barely whiter than it, and
    # two cards on the table: the sheet is no card, each of the four cards is one
    img = table(2400, 1800)
    img[0:1000, 600:2000] = sheet
    on_sheet = [(700, 200), (1300, 230)]
    for x, y in on_sheet:
        img[y:y + 330, x:x + 540] = np.clip(draw_card(540, 330).astype(np.int16) - 245 + card, 0, 255)
    for x, y in ((100, 1300), (800, 1300)):
        img[y:y + 330, x:x + 540] = draw_card(540, 330)
    quads = preprocess.detect_quads(img)
    assert len(quads) == 4
    for x, y in on_sheet:
        truth = [(x, y), (x + 540, y), (x + 540, y + 330), (x, y + 330)]
        assert any(corners_close(q, truth, 25) for q in quads)


def test_blank_photo_falls_back_to_the_whole_image():
    img = np.full((600, 900, 3), 128, np.uint8)
    cards = preprocess.find_cards(Photo("t", img))
    assert len(cards) == 1
    assert not cards[0].found and cards[0].quad is None
    assert cards[0].pixels.shape == img.shape


@pytest.mark.parametrize("angle", [5, -7])
def test_slightly_turned_text_is_levelled(angle):
    card = draw_card(900, 520)
    m = cv2.getRotationMatrix2D((450, 260), angle, 1.0)
    turned = cv2.warpAffine(card, m, (900, 520), borderValue=(245, 245, 240))
    assert preprocess.estimate_skew(cv2.cvtColor(turned, cv2.COLOR_BGR2GRAY)) == pytest.approx(-angle, abs=1.0)
    level = preprocess.deskew(turned)
    assert abs(preprocess.estimate_skew(cv2.cvtColor(level, cv2.COLOR_BGR2GRAY))) < 1.0


def test_precropped_card_passes_through_uncropped():
    card = draw_card(1050, 600)
    cards = preprocess.find_cards(Photo("t", card))
    assert len(cards) == 1
    h, w = cards[0].pixels.shape[:2]
    assert h * w >= 0.9 * card.shape[0] * card.shape[1]


def test_warp_keeps_full_resolution_and_true_aspect_under_perspective():
    # a 1.75 card seen from an angle: the near edge longer than the far edge
    quad = np.float32([[500, 400], [1500, 420], [1650, 1050], [350, 1040]])
    out = preprocess._warp(np.zeros((1500, 2000, 3), np.uint8), quad)
    h, w = out.shape[:2]
    assert w >= 1000  # at least the photo's own pixels along the card
    assert 1.3 < w / h < 2.2


def test_warp_of_a_card_with_large_print_is_made_at_the_size_ocr_reads():
    # a card filling a big photo: its letters far taller than Tesseract needs
    card = draw_card(3000, 1700)
    quad = np.float32([[0, 0], [2999, 0], [2999, 1699], [0, 1699]])
    out = preprocess._warp(card, quad)
    natural_th = preprocess.text_height(cv2.cvtColor(card, cv2.COLOR_BGR2GRAY))
    assert natural_th > 2 * preprocess.TARGET_TEXT_PX
    assert out.shape[1] < 0.7 * card.shape[1]  # warped small, not warped big and shrunk later
    th = preprocess.text_height(cv2.cvtColor(out, cv2.COLOR_BGR2GRAY))
    assert abs(th - preprocess.TARGET_TEXT_PX) < 0.25 * preprocess.TARGET_TEXT_PX
    assert 1.6 < out.shape[1] / out.shape[0] < 1.95


def test_a_whole_photo_with_no_print_measured_is_shrunk_to_the_pixel_cap():
    big = cv2.resize(draw_card(700, 400), (4000, 3000), interpolation=cv2.INTER_NEAREST)
    big[:, :] = 250
    big[1400:1420, 100:3900] = 20  # one thin line: no card, no letters to scale by
    out = preprocess.for_ocr(big)
    assert out.shape[0] * out.shape[1] <= preprocess.MAX_OCR_PIXELS * 1.01


def test_a_photo_read_whole_last_is_bounded_even_when_its_print_is_small():
    photo = np.full((3000, 4000, 3), 245, np.uint8)
    photo[1200:1440, 1800:2220] = draw_card(420, 240)  # a far-away card: letters ~6 px
    assert preprocess.for_ocr(photo).size > preprocess.MAX_OCR_PIXELS  # small print is kept large
    out = preprocess.for_ocr(photo, max_pixels=preprocess.LAST_READ_PIXELS)
    assert out.size <= preprocess.LAST_READ_PIXELS * 1.01


@pytest.mark.parametrize("shape", [(1, 1), (2, 3), (9, 8), (301, 400)])
def test_noise_sigma_is_the_median_laplacian_response(shape):
    rng = np.random.default_rng(shape[0])
    gray = np.clip(rng.normal(128, 20, shape), 0, 255).astype(np.uint8)
    k = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    direct = float(np.median(np.abs(cv2.filter2D(gray, cv2.CV_32F, k)))) * 1.4826 / 6.0
    assert preprocess.noise_sigma(gray) == direct


def test_for_ocr_turns_light_on_dark_into_dark_on_light_and_scales_small_print():
    card = draw_card(350, 200, dark=True)  # text ~10 px high: too small for Tesseract
    out = preprocess.for_ocr(card)
    assert out.ndim == 2
    assert out.shape[1] > card.shape[1] * 1.5  # scaled up
    assert np.median(out) > 200  # the background is now light
    th = preprocess.text_height(out)
    assert th is not None and 16 <= th <= 40


def test_for_ocr_inverts_only_the_dark_band():
    card = draw_card(900, 520)
    band = draw_card(900, 200, dark=True, lines=["+1 415 555 0199", "band@example.com"])
    card[320:520] = band
    out = preprocess.for_ocr(card)
    h = out.shape[0]
    top, bottom = out[: int(h * 0.55)], out[int(h * 0.65):]
    assert np.median(top) > 200 and np.median(bottom) > 200
    assert (bottom < 100).mean() > 0.003  # the band's text is dark now


def _grainy_dark_card(seed: int = 0) -> np.ndarray:
    """A dim photo of a dark card: text on the right, plain card on the left, grain
    everywhere and a strip of light desk along the top edge."""
    card = draw_card(700, 400, dark=True, lines=["Dana Whitfield", "dana@example.com", "+1 415 555 0142"])
    card[:, :300] = (30, 35, 60)  # nothing printed on the left
    card[:, 300:] = draw_card(400, 400, dark=True, lines=["Dana Whitfield", "dana@example.com", "+1 415 555 0142"])
    card[:4] = 200  # the desk beside the card's edge
    noise = np.random.default_rng(seed).normal(0, 4, card.shape)
    return np.clip(card.astype(np.float32) * 0.5 + noise, 0, 255).astype(np.uint8)


def test_for_ocr_leaves_plain_card_white_not_grainy():
    out = preprocess.for_ocr(_grainy_dark_card())
    h, w = out.shape
    plain = out[h // 10: -h // 10, w // 20: int(w * 0.3)]
    assert (plain < 200).mean() < 0.001  # no specks for Tesseract to read as letters
    edge = out[: max(2, h // 50), w // 20: int(w * 0.3)]
    assert (edge < 200).mean() < 0.01  # nor a band of grain along the card's edge
    text = out[:, int(w * 0.45):]
    assert (text < 100).mean() > 0.01  # the print is still there, dark on light


def _steepness(gray: np.ndarray) -> float:
    """How steep the letters' edges are: the 90th percentile of the gradient on edges."""
    mag = np.hypot(cv2.Sobel(gray, cv2.CV_32F, 1, 0), cv2.Sobel(gray, cv2.CV_32F, 0, 1))
    return float(np.percentile(mag[mag > 20], 90))


def _a_little_small(blur: float) -> np.ndarray:
    """A card whose print is a little too small (enlarged well under SHARPEN_ABOVE times),
    blurred by `blur` (Gaussian sigma, px; 0: crisp)."""
    card = draw_card(900, 520, size=36)
    if blur:
        card = cv2.GaussianBlur(card, (0, 0), blur)
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)
    assert 1.08 < preprocess.ocr_scale(preprocess.text_height(gray), *gray.shape) < preprocess.SHARPEN_ABOVE
    return card


def _read_both_ways(card: np.ndarray, monkeypatch) -> tuple[np.ndarray, np.ndarray]:
    """for_ocr's image of the card as it is, and with its unsharp masks taking nothing away."""
    made = preprocess.for_ocr(card)
    monkeypatch.setattr(preprocess, "SHARPEN", 0.0)
    monkeypatch.setattr(preprocess, "SOFT_SHARPEN", 0.0)
    return made, preprocess.for_ocr(card)


def test_soft_print_is_told_from_crisp_print_by_its_edges():
    crisp = cv2.cvtColor(_a_little_small(0), cv2.COLOR_BGR2GRAY)
    soft = cv2.cvtColor(_a_little_small(2.0), cv2.COLOR_BGR2GRAY)
    assert deblur.edge_width(crisp) < preprocess.SOFT_EDGE <= deblur.edge_width(soft)
    assert deblur.edge_width(np.full((400, 700), 240, np.uint8)) is None  # a blank card tells nothing


def test_for_ocr_sharpens_soft_print_however_little_it_is_enlarged(monkeypatch):
    card = _a_little_small(2.0)
    sharpened, plain = _read_both_ways(card, monkeypatch)
    assert sharpened.shape == plain.shape and sharpened.shape[1] > card.shape[1] * 1.08
    assert _steepness(sharpened) > 1.1 * _steepness(plain)


def test_for_ocr_leaves_crisp_print_a_little_enlarged_as_it_is(monkeypatch):
    made, plain = _read_both_ways(_a_little_small(0), monkeypatch)
    assert np.array_equal(made, plain)


def test_for_ocr_does_not_sharpen_the_grain_of_a_noisy_photo(monkeypatch):
    card = _a_little_small(2.0)
    grainy = np.clip(card + np.random.default_rng(3).normal(0, 8, card.shape), 0, 255).astype(np.uint8)
    assert preprocess.noise_sigma(cv2.cvtColor(grainy, cv2.COLOR_BGR2GRAY)) > preprocess.NOISY_SIGMA
    made, plain = _read_both_ways(grainy, monkeypatch)
    assert np.array_equal(made, plain)


def test_masks_worked_out_by_bands_match_the_whole_image():
    """Several bands tall, with a dark panel across a band's edge and print on both: what the
    bands give is what one pass over the whole card gives."""
    card = cv2.cvtColor(draw_card(900, 1100, lines=["Dana Whitfield", "dana@example.com"] * 6), cv2.COLOR_BGR2GRAY)
    card[230:420, 100:800] = 255 - card[230:420, 100:800]
    bg = preprocess._background(card)
    h, w = card.shape
    assert h > 3 * preprocess.FLAT_BAND_ROWS
    inv = preprocess._light_on_dark(card, bg)
    assert inv[300, 400] and not inv[700, 400]
    assert np.array_equal(inv, preprocess._light_on_dark_rows(card, bg, max(15, int(0.12 * min(h, w)) | 1)))
    blank = preprocess._blank(card, bg, 2.0)
    ink = (cv2.absdiff(card, bg) > 10).astype(np.uint8)
    b = max(3, int(preprocess.EDGE_BAND * min(h, w)))
    ink[:b], ink[-b:], ink[:, :b], ink[:, -b:] = 0, 0, 0, 0
    assert blank is not None and blank.any() and not blank.all()
    assert np.array_equal(blank, preprocess._far_from_ink_rows(ink, max(15, int(0.06 * min(h, w)) | 1)))


def test_faint_print_is_not_taken_for_plain_card():
    card = draw_card(700, 400)
    faint = np.where(card < 128, 200, 245).astype(np.uint8)  # light gray print on white
    out = preprocess.for_ocr(faint)
    assert (out < 128).mean() > 0.01


def test_large_photo_detection_is_fast():
    import time

    big = cv2.resize(table(1000, 750, seed=4), (4000, 3000))
    quad = [(1200, 900), (2900, 1000), (2850, 2000), (1150, 1900)]
    img = paste(big, draw_card(1400, 800), quad)
    preprocess.detect_quads(img)  # warm-up (OpenCV's first calls allocate)
    t = time.perf_counter()
    quads = preprocess.detect_quads(img)
    elapsed = time.perf_counter() - t
    assert len(quads) == 1 and corners_close(quads[0], quad, tol=25)
    assert elapsed < 1.0  # ~0.1 s on one core; generous for loaded CI machines


@pytest.mark.skipif(not REAL.is_dir(), reason="real development photos are not present")
def test_real_photos_give_one_outline_per_card():
    from cardscan import imageio

    wrong = []
    for img in sorted((REAL / "images").iterdir()):
        truth = json.loads((REAL / "truth" / (img.stem + ".json")).read_text(encoding="utf-8"))
        cards = preprocess.find_cards(imageio.load(str(img)))
        if len(cards) != len(truth):
            wrong.append((img.name, len(cards), len(truth)))
    assert not wrong


def _turned_card_without_outline(angle: float) -> tuple[np.ndarray, np.ndarray]:
    """A white card on a white desk (no edge to find), turned `angle` degrees, and where it is."""
    bg = np.full((1300, 1700, 3), 245, np.uint8)
    card = draw_card(700, 400, lines=LINES + ["Hauptstrasse 5, 10115 Berlin"])
    quad = rotated_quad(850, 650, 700, 400, angle)
    return paste(bg, card, quad), np.asarray(quad, np.float32)


@pytest.mark.parametrize("angle", [30, -35, 90])
def test_print_without_an_outline_is_cut_out_level(angle):
    """What is read when no outline is trusted: the text, cut out and level."""
    img, quad = _turned_card_without_outline(angle)
    card = preprocess.fallback_card(Photo("t", img))
    assert not card.found
    out = card.pixels
    # far smaller than the photo, yet holding the card's text block
    assert out.shape[0] * out.shape[1] < 0.35 * img.shape[0] * img.shape[1]
    assert min(out.shape[:2]) > 150
    gray = cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)

    def gaps(g: np.ndarray) -> float:  # share of blank rows between the first and last inked row
        inked = np.nonzero((g < 128).sum(axis=1) > 2)[0]
        span = (g[inked[0]:inked[-1] + 1] < 128).sum(axis=1) > 2
        return float(1.0 - span.mean())

    # level (the way up is orient's business): blank rows part the seven lines;
    # text left at an angle inks every row of its span
    assert max(gaps(gray), gaps(cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE))) > 0.25
    # the crop's rectangle is recorded and lies over the card
    centre = np.mean(np.asarray(card.quad), axis=0)
    assert np.linalg.norm(centre - quad.mean(axis=0)) < 150


def test_print_cut_out_near_the_photo_edge_is_not_streaked():
    # a card near the left edge of a photo whose edge column is dark (a frame, a shadow):
    # the crop's margin reaches past the edge, and repeating the edge's pixels there
    # would fill the margin with a band of ink
    bg = np.full((1300, 1700, 3), 245, np.uint8)
    bg[:, :3] = 20
    img = paste(bg, draw_card(700, 400), rotated_quad(390, 650, 700, 400, 25))
    found = preprocess.text_quad(img)
    assert found is not None and found[:, 0].min() < 0, "the margin must reach past the edge for this test"
    gray = cv2.cvtColor(preprocess.text_crop(img, found), cv2.COLOR_BGR2GRAY)
    _, _, stats, _ = cv2.connectedComponentsWithStats((gray < 100).astype(np.uint8))
    assert stats[1:, cv2.CC_STAT_AREA].max() < 0.004 * gray.size  # letters and the edge's thin line only


def test_the_body_of_text_is_the_largest_group_not_the_most_blobs():
    # the card's letters, close together, against more letter-sized gaps strewn in
    # threes over a desk (between the bars of printed papers, the keys of a keyboard)
    card = np.array([(400 + 22 * i, 300 + 40 * j) for i in range(12) for j in range(7)], np.float32)
    strewn = np.array([(100 + 300 * i + 20 * k, 1200 + 300 * j) for i in range(10) for j in range(4) for k in range(3)],
                      np.float32)
    assert len(strewn) > len(card)
    size = np.full(200, 14.0, np.float32)
    assert preprocess._text_body((card, size[:len(card)]))[0] > preprocess._text_body((strewn, size[:len(strewn)]))[0]


def test_each_body_of_print_is_cut_out_on_its_own_at_its_own_angle():
    # a light card level and a dark one turned 25 degrees, far apart on a white desk: read
    # together (text_quad) they make one region at one angle; each is a body of its own
    bg = np.full((1300, 2000, 3), 245, np.uint8)
    level = rotated_quad(500, 400, 700, 400, 0)
    turned = rotated_quad(1450, 850, 700, 400, 25)
    img = paste(paste(bg, draw_card(700, 400), level), draw_card(700, 400, dark=True), turned)
    bodies = preprocess.text_bodies(img)
    assert 2 <= len(bodies) <= preprocess.BODIES_READ

    def over(card):
        centre = np.mean(card, axis=0)
        return [q for q in bodies if np.linalg.norm(q.mean(axis=0) - centre) < 150
                and cv2.contourArea(q.astype(np.float32)) < 700 * 400]

    for card, deg in ((level, 0.0), (turned, 25.0)):
        found = over(card)
        assert len(found) == 1
        top = found[0][1] - found[0][0]
        assert np.degrees(np.arctan2(top[1], top[0])) == pytest.approx(deg, abs=2.0)
    assert preprocess.text_bodies(np.full((800, 1000, 3), 200, np.uint8)) == []


def test_print_filling_the_image_is_not_cut():
    card = draw_card(1050, 600)
    fallback = preprocess.fallback_card(Photo("t", card))
    assert fallback.quad is None and fallback.pixels.shape == card.shape


def test_text_quad_is_none_without_print():
    assert preprocess.text_quad(np.full((800, 1000, 3), 200, np.uint8)) is None


def test_print_of_a_card_lying_on_its_side_is_measured():
    card = cv2.resize(draw_card(700, 400), (350, 200), interpolation=cv2.INTER_AREA)
    level = preprocess.text_height(cv2.cvtColor(card, cv2.COLOR_BGR2GRAY))
    side = preprocess.text_height(cv2.cvtColor(cv2.rotate(card, cv2.ROTATE_90_CLOCKWISE), cv2.COLOR_BGR2GRAY))
    assert level is not None and side is not None
    assert side == pytest.approx(level, rel=0.2)


def test_an_outline_whose_print_runs_askew_gives_way_to_the_print(monkeypatch):
    img, quad = _turned_card_without_outline(20)
    # an outline that is not the card's: the right place, but 12 degrees off its sides
    wrong = np.asarray(rotated_quad(850, 650, 720, 420, 8), np.float32)
    monkeypatch.setattr(preprocess, "detect_quads", lambda pixels, **kw: [wrong])
    cards = preprocess.find_cards(Photo("t", img))
    assert len(cards) == 1 and not cards[0].found and cards[0].quad is not None
    assert abs(preprocess.estimate_skew(cv2.cvtColor(cards[0].pixels, cv2.COLOR_BGR2GRAY))) < 2


def test_the_outline_set_aside_comes_back_levelled(monkeypatch):
    img, quad = _turned_card_without_outline(20)
    # an outline holding the card and a shadow beside it: 8 degrees off the card's sides
    wide = np.asarray(rotated_quad(850, 650, 760, 460, 12), np.float32)
    monkeypatch.setattr(preprocess, "detect_quads", lambda pixels, **kw: [wide])
    card = preprocess.only_outline(Photo("t", img))
    assert card is not None and card.found and card.quad is not None
    assert abs(preprocess.estimate_skew(cv2.cvtColor(card.pixels, cv2.COLOR_BGR2GRAY), letters_only=True)) < 2
    # two outlines, or none: no one outline to go back to
    monkeypatch.setattr(preprocess, "detect_quads", lambda pixels, **kw: [wide, quad])
    assert preprocess.only_outline(Photo("t", img)) is None
    monkeypatch.setattr(preprocess, "detect_quads", lambda pixels, **kw: [])
    assert preprocess.only_outline(Photo("t", img)) is None


def test_an_outline_along_the_print_is_kept(monkeypatch):
    img, quad = _turned_card_without_outline(20)
    monkeypatch.setattr(preprocess, "detect_quads", lambda pixels, **kw: [quad])
    cards = preprocess.find_cards(Photo("t", img))
    assert len(cards) == 1 and cards[0].found


def _cand(x0, y0, x1, y1, score, source="t"):
    quad = np.float32([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    w, h = x1 - x0, y1 - y0
    return preprocess._Candidate(quad, float(w * h), score, max(w, h) / min(w, h), source)


def test_a_card_is_not_lost_with_a_region_that_joined_it_to_its_neighbour():
    upper, lower = _cand(100, 100, 300, 220, 0.99, "a"), _cand(100, 240, 300, 360, 0.98, "b")
    # a region of table around the upper card reaching into the lower one: the upper
    # card looks like its panel, and the region loses to the lower card
    joined = _cand(100, 100, 300, 330, 0.8, "c")
    kept = preprocess._select([upper, lower, joined], 8, (500, 500))
    assert sorted(k.source for k in kept) == ["a", "b"]


def test_a_panel_printed_on_a_card_still_gives_way_to_the_card():
    card, panel = _cand(100, 100, 300, 220, 0.95, "card"), _cand(100, 100, 170, 220, 0.99, "panel")
    kept = preprocess._select([card, panel], 8, (500, 500))
    assert [k.source for k in kept] == ["card"]


def test_level_print_in_a_photo_is_cut_out_from_the_table():
    # a level card covering half of a 4:3 photo, on a desk of its own colour: the
    # print is cut out (Tesseract drops lines beside wide empty areas)
    bg = np.full((1200, 1600, 3), (245, 245, 240), np.uint8)
    img = paste(bg, draw_card(1000, 560), [(300, 320), (1300, 320), (1300, 880), (300, 880)])
    card = preprocess.fallback_card(Photo("t", img))
    assert card.quad is not None
    h, w = card.pixels.shape[:2]
    assert h * w < 0.65 * img.shape[0] * img.shape[1]


def test_level_print_is_never_cut_apart():
    # an app's crop of a card: a name far above the details, margins all round
    img = np.full((1000, 1400, 3), (245, 245, 240), np.uint8)
    top = draw_card(420, 90, lines=["Tobias Fischer"], size=26)
    low = draw_card(460, 260, lines=["+49 40 963 963 12", "+49 170 555 0142"] + LINES[2:], size=20)
    img[200:290, 200:620] = top
    img[600:860, 720:1180] = low
    card = preprocess.fallback_card(Photo("t", img))
    if card.quad is not None:  # cut free of the empty margins only: the name is inside
        outline = np.asarray(card.quad, np.float32).reshape(-1, 1, 2)
        for corner in [(200, 200), (620, 200), (620, 290), (200, 290)]:
            assert cv2.pointPolygonTest(outline, corner, False) > 0


def _dimmed(img: np.ndarray, factor: float, noise: float, seed: int = 0) -> np.ndarray:
    """A photo as a dim room gives it: a fraction of the light, and sensor grain."""
    rng = np.random.default_rng(seed)
    return np.clip(img.astype(np.float32) * factor + rng.normal(0, noise, img.shape), 0, 255).astype(np.uint8)


@pytest.mark.parametrize("factor,noise", [(0.1, 3.0), (0.08, 2.0)])
def test_a_card_in_a_dim_photo_is_found_though_its_print_is_faint(factor, noise):
    # In a dim room the small print differs from the paper by a dozen gray levels:
    # too little for the letter check set for daylight, until the photo is brightened.
    quad = rotated_quad(800, 600, 520, 300, 7)
    bright = paste(np.full((1200, 1600, 3), (70, 80, 95), np.uint8), draw_card(700, 400, size=12), quad)
    cards = preprocess.find_cards(Photo("t", _dimmed(bright, factor, noise)))
    assert len(cards) == 1 and cards[0].found
    assert corners_close(cards[0].quad, quad, tol=15)


def test_exposure_gain_brightens_dim_photos_only():
    photo = paste(table(), draw_card(700, 400), [(420, 300), (1180, 340), (1230, 860), (360, 800)])
    assert preprocess.exposure_gain(photo) == 1.0
    dim = _dimmed(photo, 0.25, 0.0)
    gain = preprocess.exposure_gain(dim)
    assert 3.0 < gain <= preprocess.MAX_GAIN
    bright = cv2.cvtColor(preprocess._brightened(dim, gain), cv2.COLOR_BGR2GRAY)
    assert np.percentile(bright, 99.5) > 200


def test_a_photo_whose_card_is_found_is_searched_once(monkeypatch):
    calls = []
    real = preprocess._candidates
    monkeypatch.setattr(preprocess, "_candidates", lambda work: calls.append(1) or real(work))
    quad = rotated_quad(800, 600, 640, 370, 4)
    # dim, but the card's print is clear enough: no second search, the outline is as before
    img = _dimmed(paste(np.full((1200, 1600, 3), (70, 80, 95), np.uint8), draw_card(700, 400), quad), 0.4, 1.0)
    assert preprocess.exposure_gain(img) > 1.0
    assert len(preprocess.detect_quads(img)) == 1
    assert len(calls) == 1


def _camera_grain(img: np.ndarray, factor: float, noise: float, seed: int = 0) -> np.ndarray:
    """A card as a phone sees it in a dim room: soft, a fraction of the light, luminance
    grain, JPEG."""
    rng = np.random.default_rng(seed)
    soft = cv2.GaussianBlur(img, (0, 0), 0.8).astype(np.float32) * factor
    grainy = np.clip(soft + rng.normal(0, noise, img.shape[:2])[:, :, None], 0, 255).astype(np.uint8)
    _, buf = cv2.imencode(".jpg", grainy, [cv2.IMWRITE_JPEG_QUALITY, 80])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR)


@pytest.mark.parametrize("factor,noise", [(0.3, 4.0), (0.25, 5.0)])
def test_small_print_in_a_grainy_dim_photo_keeps_its_strokes_and_loses_the_grain(factor, noise):
    clean = draw_card(600, 350, size=9)
    ref = preprocess.for_ocr(clean)
    out = preprocess.for_ocr(_camera_grain(clean, factor, noise))
    out = cv2.resize(out, (ref.shape[1], ref.shape[0]), interpolation=cv2.INTER_AREA)
    ink = ref < 128
    assert (out[ink] < 128).mean() > 0.75  # the letters' strokes are still ink
    assert (out[~ink] < 128).mean() < 0.02  # the paper is not speckled with grain


def test_grainy_small_print_is_enlarged_less_than_clean_print():
    """Small print is enlarged to TARGET_TEXT_PX when clean, to NOISY_TEXT_PX when grainy."""
    clean = draw_card(600, 350, size=9)
    grainy = _camera_grain(clean, 0.3, 4.0)
    ref, out = preprocess.for_ocr(clean), preprocess.for_ocr(grainy)
    assert ref.shape[1] > 2 * clean.shape[1]
    assert out.shape[1] > clean.shape[1]
    ratio = out.shape[1] / ref.shape[1]
    assert ratio == pytest.approx(preprocess.NOISY_TEXT_PX / preprocess.TARGET_TEXT_PX, rel=0.15)


def _banded_card(w: int = 700, h: int = 400, band: float = 0.4) -> np.ndarray:
    """A white card whose lower part is a red band with white print."""
    top = draw_card(w, int(h * (1 - band)), lines=["Connor Hughes", "Marketing Coordinator"])
    low = draw_card(w, h - top.shape[0], dark=True, size=int(h * band / 8),
                    lines=["+1 617 555 0182", "connor@copper-legal.io", "4100 Oak Avenue"])
    low[:, :] = np.where(low > 120, low, np.array([40, 30, 190], np.uint8))
    return np.vstack([top, low])


@pytest.mark.parametrize("band", [0.38, 0.42])
def test_a_card_in_a_band_and_a_part_above_it_is_found_whole_when_its_outline_is_broken(band):
    # A phone lies over a corner, so no outline of the whole card is clean; the band
    # (over four times as long as high) and the part above it are, and together they
    # make the card.
    bg = cv2.add(np.full((1200, 1600, 3), 120, np.uint8),
                 np.random.default_rng(1).integers(0, 10, (1200, 1600, 3), dtype=np.uint8))
    quad = rotated_quad(750, 600, 700, 400, 4).astype(np.float32)
    img = paste(bg, _banded_card(band=band), quad)
    img = paste(img, np.full((300, 140, 3), 25, np.uint8), rotated_quad(1100, 880, 140, 300, 30))
    cards = preprocess.find_cards(Photo("t", img))
    assert len(cards) == 1 and cards[0].found
    found = np.asarray(cards[0].quad, np.float32)
    inter, _ = cv2.intersectConvexConvex(found, quad)
    assert inter / (cv2.contourArea(found) + cv2.contourArea(quad) - inter) > 0.9


def test_a_card_with_a_margin_below_its_band_keeps_its_own_outline():
    # The band and the part above it leave out the white margin under the band: the
    # card's own outline, when it is found, is the card, though the joined parts
    # have the cleaner edges.
    card = _cand(100, 100, 450, 300, 0.95, "card")
    top, band = _cand(100, 100, 450, 215, 1.0, "top"), _cand(100, 215, 450, 290, 1.0, "band")
    top.part = band.part = True
    kept = preprocess._select([card, top, band], 8, (500, 600))
    assert [k.source for k in kept] == ["card"]


def _card_with_a_rule() -> np.ndarray:
    """A card whose lines of print touch a printed rule (a divider beside the details)."""
    card = draw_card(700, 400, lines=LINES + ["Hauptstrasse 5, 10115 Berlin"])
    cv2.line(card, (56, 15), (56, 385), (25, 25, 25), 4)  # through the start of every line
    return card


def test_text_touching_a_rule_still_gives_its_skew():
    """Smeared into lines, print that touches a rule became one shapeless blob with the
    rule, and the skew read 0: the rule is left out, the lines keep their angle."""
    card = cv2.resize(_card_with_a_rule(), (900, 520), interpolation=cv2.INTER_CUBIC)
    m = cv2.getRotationMatrix2D((450, 260), 12, 1.0)
    turned = cv2.warpAffine(card, m, (900, 520), borderValue=(245, 245, 240))
    gray = cv2.cvtColor(turned, cv2.COLOR_BGR2GRAY)
    assert preprocess.estimate_skew(gray, letters_only=True) == pytest.approx(-12, abs=1.5)
    level = cv2.cvtColor(preprocess.deskew(turned), cv2.COLOR_BGR2GRAY)
    assert abs(preprocess.estimate_skew(level, letters_only=True)) < 1.5


def test_a_wrong_outline_around_print_touching_a_rule_gives_way_to_the_print(monkeypatch):
    bg = np.full((1300, 1700, 3), 245, np.uint8)
    img = paste(bg, _card_with_a_rule(), rotated_quad(850, 650, 700, 400, 18))
    wrong = np.asarray(rotated_quad(850, 650, 800, 520, 4), np.float32)  # 14 degrees off the card's sides
    monkeypatch.setattr(preprocess, "detect_quads", lambda pixels, **kw: [wrong])
    cards = preprocess.find_cards(Photo("t", img))
    assert len(cards) == 1 and not cards[0].found and cards[0].quad is not None
    assert abs(preprocess.estimate_skew(cv2.cvtColor(cards[0].pixels, cv2.COLOR_BGR2GRAY), letters_only=True)) < 2


def _over_a_photo(w: int = 900, h: int = 520, seed: int = 3) -> np.ndarray:
    """Blue and white blotches, as a card printed over a photo of sky and snow."""
    rng = np.random.default_rng(seed)
    noise = cv2.resize(rng.random((h // 20, w // 20)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    t = np.clip(noise, 0, 1)[..., None]
    sky, snow = np.float32([200, 120, 40]), np.float32([250, 245, 240])  # BGR
    return (t * sky + (1 - t) * snow).astype(np.uint8)


def test_colour_print_keeps_outlined_lettering_in_a_strong_colour_over_a_photo():
    from cardscan.models import CardImage

    pixels = _over_a_photo()
    font = cv2.FONT_HERSHEY_SIMPLEX
    for y, text in ((180, "Tel: (11) 2318-5570"), (300, "www.example.com.br")):
        cv2.putText(pixels, text, (60, y), font, 1.6, (0, 0, 0), 9, cv2.LINE_AA)  # the dark outline
        cv2.putText(pixels, text, (60, y), font, 1.6, (0, 230, 255), 4, cv2.LINE_AA)  # yellow letters
    out = preprocess.colour_print(CardImage("t", 0, pixels))
    assert out is not None and out.pixels.shape == pixels.shape
    gray = out.pixels[..., 0]
    yellow = (pixels[..., 1] > 200) & (pixels[..., 2] > 240) & (pixels[..., 0] < 40)
    assert np.mean(gray[yellow] == 0) > 0.9  # the lettering is black
    assert np.mean(gray[~yellow] == 255) > 0.97  # the photo and the outlines are white


def test_colour_print_finds_nothing_on_black_print_or_beside_a_plain_coloured_logo():
    from cardscan.models import CardImage

    assert preprocess.colour_print(CardImage("t", 0, draw_card())) is None
    card = draw_card()
    cv2.rectangle(card, (520, 60), (660, 200), (180, 90, 20), -1)  # a blue square logo
    assert preprocess.colour_print(CardImage("t", 0, card)) is None


def _rect_cand(x, y, w, h, part=False):
    q = np.float32([(x, y), (x + w, y), (x + w, y + h), (x, y + h)])
    return preprocess._Candidate(q, float(w * h), 0.9, max(w, h) / min(w, h), "test", part)


def test_a_lone_panel_among_other_cards_is_read_as_a_card():
    # two cards found whole, and the white part of a third whose coloured stripe melted into the table
    cards = [_rect_cand(10, 10, 160, 100), _rect_cand(200, 10, 160, 100)]
    panel = _rect_cand(430, 10, 110, 100, part=True)
    kept = preprocess._select(cards + [panel], 8, (600, 800), has_text=lambda q: True)
    assert len(kept) == 3
    # not without print, not beside one card alone, not when it runs along a card's side
    assert len(preprocess._select(cards + [panel], 8, (600, 800), has_text=lambda q: q[0][0] < 400)) == 2
    assert len(preprocess._select(cards[:1] + [panel], 8, (600, 800), has_text=lambda q: True)) == 1
    piece = _rect_cand(370, 10, 55, 100, part=True)  # what a shadow cut off the second card
    piece.quad[:, 0] -= 10  # its left side on the card's right side
    assert len(preprocess._select(cards + [piece], 8, (600, 800), has_text=lambda q: True)) == 2


def test_a_piece_along_one_side_of_a_card_gives_way_to_the_card_printed_beyond_it():
    # a dark panel found by several masks (so scored higher than the card's own outline)
    # runs along one side of the card only
    card = _cand(100, 100, 420, 300, 0.95, "card")
    piece = _cand(150, 100, 300, 200, 1.05, "piece")
    kept = preprocess._select([card, piece], 8, (500, 600), print_beyond=lambda outer, inner: True)
    assert [k.source for k in kept] == ["card"]
    # a card along the edge of a blank sheet: the sheet holds no print beyond it
    card, piece = _cand(100, 100, 420, 300, 0.95, "sheet"), _cand(150, 100, 300, 200, 1.05, "card")
    kept = preprocess._select([card, piece], 8, (500, 600), print_beyond=lambda outer, inner: False)
    assert [k.source for k in kept] == ["card"]


def test_two_card_shaped_pieces_that_tile_a_card_shaped_outline_are_its_pieces():
    outline = _cand(100, 100, 304, 200, 0.95, "card")  # 2.04
    left, right = _cand(100, 100, 160, 200, 1.05, "left"), _cand(160, 100, 304, 200, 1.05, "right")
    assert [k.source for k in preprocess._select([outline, left, right], 8, (500, 600))] == ["card"]
    # two cards one above the other make a near square: they are two cards
    both = _cand(100, 100, 260, 300, 1.1, "both")
    upper, lower = _cand(100, 100, 260, 200, 0.95, "upper"), _cand(100, 200, 260, 300, 0.95, "lower")
    kept = preprocess._select([both, upper, lower], 8, (500, 600))
    assert sorted(k.source for k in kept) == ["lower", "upper"]
    # and so they are when a steep angle makes their union measure like a card: they are
    # the same size, as cards are
    both.aspect = 1.45
    kept = preprocess._select([both, upper, lower], 8, (500, 600))
    assert sorted(k.source for k in kept) == ["lower", "upper"]


def test_a_panel_and_the_rest_of_a_card_seen_at_a_steep_angle_are_joined():
    # neither part has a card's shape; their union measures 1.3, short of a card seen
    # square on but within what a card seen at a steep angle measures
    panel, rest = _cand(100, 100, 160, 270, 0.9, "panel"), _cand(160, 100, 321, 270, 0.9, "rest")
    panel.part = rest.part = True
    kept = preprocess._select([panel, rest], 8, (500, 600))
    assert len(kept) == 1 and abs(kept[0].area - 221 * 170) < 0.05 * 221 * 170
    # two whole cards one above the other are not joined into one
    upper, lower = _cand(100, 100, 260, 200, 0.9, "upper"), _cand(100, 200, 260, 300, 0.9, "lower")
    assert sorted(k.source for k in preprocess._select([upper, lower], 8, (500, 600))) == ["lower", "upper"]


def test_the_panels_of_two_cards_are_not_joined_into_a_card():
    # two cards one above the other, each with a square panel at its left end; the panels
    # (found by more masks than the cards) make a card-shaped union
    card_a, card_b = _cand(100, 100, 200, 160, 0.95, "a"), _cand(100, 160, 200, 220, 0.95, "b")
    panel_a, panel_b = _cand(100, 100, 162, 160, 1.05, "pa"), _cand(100, 160, 162, 220, 1.05, "pb")
    panel_a.part = panel_b.part = True
    kept = preprocess._select([card_a, card_b, panel_a, panel_b], 8, (500, 600))
    assert sorted(k.source for k in kept) == ["a", "b"]


def test_print_beyond_a_nested_outline():
    bg = np.full((700, 900, 3), 90, np.uint8)
    card = [(150, 150), (750, 150), (750, 500), (150, 500)]
    img = paste(bg, draw_card(700, 400), card)
    outer = np.float32(card)
    # the card's left third holds the starts of its lines; the rest is print beyond it
    inner = np.float32([(150, 150), (350, 150), (350, 500), (150, 500)])
    assert preprocess._has_letters(img, outer, without=inner)
    # a card lying along the edge of a blank sheet: nothing beyond the card
    sheet = np.full((700, 900, 3), 90, np.uint8)
    sheet[100:600, 100:800] = 240
    small = [(100, 100), (450, 100), (450, 300), (100, 300)]
    sheet = paste(sheet, draw_card(700, 400), small)
    assert not preprocess._has_letters(sheet, np.float32([(100, 100), (800, 100), (800, 600), (100, 600)]),
                                       without=np.float32(small))


def test_a_card_measured_short_and_cut_by_a_shadow_is_one_card():
    # a vertical card seen at a steep angle measures 1.3, as short as two cards one
    # above the other; a shadow's edge cuts it into two card-shaped pieces
    outline = _cand(100, 100, 300, 360, 0.95, "card")
    top, bottom = _cand(100, 100, 300, 220, 1.05, "top"), _cand(100, 220, 300, 360, 1.05, "bottom")
    top.paper, bottom.paper = (215.0, 129.0, 131.0), (150.0, 128.0, 129.0)  # one paper, two lights
    assert [k.source for k in preprocess._select([outline, top, bottom], 8, (500, 600))] == ["card"]
    # two cards of their own colours under a region that joins them
    top.paper, bottom.paper = (215.0, 129.0, 131.0), (150.0, 170.0, 110.0)
    kept = preprocess._select([outline, top, bottom], 8, (500, 600))
    assert sorted(k.source for k in kept) == ["bottom", "top"]


def test_the_paper_of_an_outline_is_its_commonest_colour():
    img = np.full((200, 300, 3), (200, 200, 200), np.uint8)
    img[50:150, 50:250] = (40, 90, 200)
    cv2.putText(img, "ink", (80, 120), cv2.FONT_HERSHEY_SIMPLEX, 1, (0, 0, 0), 2)
    lab = cv2.cvtColor(img, cv2.COLOR_BGR2LAB)
    quad = np.float32([(50, 50), (249, 50), (249, 149), (50, 149)])
    expected = cv2.cvtColor(np.uint8([[[40, 90, 200]]]), cv2.COLOR_BGR2LAB)[0, 0]
    assert np.allclose(preprocess._paper(lab, quad), expected, atol=1)


def test_a_union_of_a_card_shape_only_at_a_steep_angle_gives_way_to_a_card_outline_around_it():
    panel, piece = _cand(100, 100, 160, 270, 0.9, "panel"), _cand(160, 100, 321, 270, 0.9, "piece")
    panel.part = piece.part = True
    card = _cand(100, 100, 372, 270, 0.95, "card")  # the card's own outline: the piece is part of its rest
    assert preprocess._joined_halves([panel, piece, card], (500, 600)) == []
    assert len(preprocess._joined_halves([panel, piece], (500, 600))) == 1



def test_a_note_lying_against_a_card_is_not_joined_to_it():
    # a sticky note under the card's lower edge, narrower than it: their union measures
    # like a card seen at a steep angle, but they meet along part of the card's side only
    card, note = _cand(100, 100, 282, 200, 0.99, "card"), _cand(130, 200, 230, 247, 0.9, "note")  # 1.82, 2.13
    note.part = True
    assert preprocess._joined_halves([card, note], (500, 600)) == []
    assert [k.source for k in preprocess._select([card, note], 8, (500, 600))] == ["card"]
    # a panel as long as the card's side is one edge with the rest
    panel = _cand(100, 200, 282, 247, 0.9, "panel")
    panel.part = True
    assert len(preprocess._joined_halves([card, panel], (500, 600))) == 1


def test_soft_small_print_still_counts_as_print():
    # small print photographed a little out of focus: each word's letters run together at
    # the usual threshold, and the card must still count as one that carries print
    card = np.full((457, 800, 3), 245, np.uint8)
    for i, t in enumerate(("Tel. 044 070 71 63", "E-mail: a.mendoza@elbmedien.swiss", "Marktgasse 20",
                           "CH-6056 Luzern LU")):
        cv2.putText(card, t, (390, 180 + 30 * i), cv2.FONT_HERSHEY_COMPLEX, 0.5, (70, 70, 70), 1, cv2.LINE_AA)
    card = cv2.GaussianBlur(card, (0, 0), 1.5)
    photo = np.full((700, 1000, 3), 80, np.uint8)
    photo[100:557, 100:900] = card
    quad = np.float32([(100, 100), (899, 100), (899, 556), (100, 556)])
    gray = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)[13:-13, 13:-13]
    assert len(preprocess._letter_heights(gray, "dark", max_frac=0.12)) < 8
    assert preprocess._has_letters(photo, quad)
    # the same card blank, or with a soft shadow across it, carries none
    blank = np.full((700, 1000, 3), 80, np.uint8)
    blank[100:557, 100:900] = 245
    assert not preprocess._has_letters(blank, quad)
    shade = np.tile(np.linspace(0, 60, 800, dtype=np.float32), (457, 1))[..., None]
    blank[100:557, 100:900] = cv2.GaussianBlur((245 - shade).astype(np.uint8), (0, 0), 1.5)[..., None]
    assert not preprocess._has_letters(blank, quad)


def _two_cards_and_a_sheet(sheet_print=None) -> np.ndarray:
    """Two cards on a table, and a sheet of paper of a card's own white with `sheet_print`
    (a card, drawn with no edge of its own, or a few words) on it."""
    img = table(2400, 1800)
    for x, y in ((150, 200), (850, 200)):
        img[y:y + 330, x:x + 540] = draw_card(540, 330)
    # (askew and cut by the photo's edges, like a sheet under cards, not a card's shape)
    cv2.fillPoly(img, [np.int32(rotated_quad(1900, 1450, 1500, 1200, 30))], (245, 245, 240))  # draw_card's paper
    if sheet_print is not None:
        h, w = sheet_print.shape[:2]
        img[1100:1100 + h, 1500:1500 + w] = sheet_print
    return img


def test_a_card_whose_outline_is_lost_among_outlined_cards_is_read_from_its_print():
    # a card on a sheet of its own white: no edge shows, its letters do
    img = _two_cards_and_a_sheet(draw_card(540, 330, lines=["Card Three"] + LINES[1:]))
    cards = preprocess.find_cards(Photo("t", img))
    assert [c.found for c in cards] == [True, True, False]
    assert [c.index for c in cards] == [0, 1, 2]
    centre = np.mean(np.asarray(cards[2].quad), axis=0)
    assert np.linalg.norm(centre - (1500 + 270, 1100 + 165)) < 80
    # its print is cut out whole
    h, w = cards[2].pixels.shape[:2]
    assert w >= 0.8 * 540 and h >= 0.8 * 330 * 0.8


def test_a_few_words_beside_the_cards_or_a_single_card_make_no_card_of_print():
    img = _two_cards_and_a_sheet(draw_card(300, 60, lines=["Notes"]))
    assert [c.found for c in preprocess.find_cards(Photo("t", img))] == [True, True]
    assert preprocess.print_beside(img, [], 8) == []
    quads = preprocess.detect_quads(img)
    assert preprocess.print_beside(img, quads[:1], 8) == []  # one outline: the usual fallbacks apply
    assert preprocess.print_beside(img, quads, 0) == []  # no room for more cards


def test_print_just_past_an_outline_is_that_cards_own():
    # the outline of the card on the sheet found a little inside it (only its top half):
    # the rest of its print lies just past that edge and is no card of its own
    img = _two_cards_and_a_sheet(draw_card(540, 330, lines=["Card Three"] + LINES[1:]))
    quads = preprocess.detect_quads(img)
    top_half = np.float32([(1500, 1100), (2040, 1100), (2040, 1100 + 150), (1500, 1100 + 150)])
    assert preprocess.print_beside(img, quads + [top_half], 8) == []


def banded_card(w: int = 560, h: int = 320, band: int = 150, text: str = "Redwood Legal") -> np.ndarray:
    """A card with a blue band down its left side, the company's name on it in white."""
    out = np.zeros((h, w, 3), np.uint8)
    out[:, :band] = (140, 60, 20)
    out[:, band:] = draw_card(w - band, h, lines=["Dana Whitfield"] + LINES[2:], size=16)
    img = Image.fromarray(out[:, :, ::-1].copy())
    if text:
        ImageDraw.Draw(img).text((14, h // 2 - 12), text, font=ImageFont.load_default(size=18), fill=(255, 255, 255))
    return np.array(img)[:, :, ::-1].copy()


@pytest.mark.parametrize("text, grown", [("Redwood Legal", True), ("", False)])
def test_the_white_part_of_a_banded_card_outlined_alone_grows_to_the_band_with_print(text, grown):
    # beside two cards of one size, an outline as tall as they are but nearly square is a part
    img, quads = table(1800, 1200, seed=4), []
    for k, (cx, cy) in enumerate([(420, 330), (1300, 320), (880, 880)]):
        card = banded_card(text=text) if k == 2 else draw_card(560, 320, lines=[f"Card {k}"] + LINES[2:], size=16)
        quads.append(rotated_quad(cx, cy, 560, 320, 0).astype(np.float32))
        img = paste(img, card, quads[-1])
    panel = quads[2].copy()
    panel[[0, 3], 0] += 150  # the outline stops at the band's inner edge
    out = preprocess._panels_completed(img, [quads[0], quads[1], panel])
    assert corners_close(out[0], quads[0], 0.5) and corners_close(out[1], quads[1], 0.5)
    # a band with no print hides nothing: the outline is left as found
    assert corners_close(out[2], quads[2] if grown else panel, 4)


def _bars(img: np.ndarray, x0: int, y0: int, count: int, degrees: float) -> None:
    """`count` lines of print drawn as bars 420 px long, `degrees` off level, one under another."""
    import math
    dx, dy = 420 * math.cos(math.radians(degrees)), -420 * math.sin(math.radians(degrees))
    for k in range(count):
        y = y0 + 40 * k
        cv2.line(img, (x0, y), (int(x0 + dx), int(y + dy)), 0, 7)


def test_print_at_another_slant_than_most_lines_is_found():
    # a card askew (5 lines at 15 degrees) among level sheets (12 lines): deskewing follows the
    # sheets; the card's slant is the other one
    both = np.full((1200, 1600), 255, np.uint8)
    _bars(both, 900, 100, 12, 0.0)
    _bars(both, 100, 500, 5, 15.0)
    alone = np.full((1200, 1600), 255, np.uint8)
    _bars(alone, 100, 500, 5, 15.0)
    assert abs(preprocess.estimate_skew(both)) < 1.0
    slant = preprocess.other_slant(both)
    assert slant is not None and abs(slant - preprocess.estimate_skew(alone)) < 1.0 and abs(slant) > 10


def test_print_all_at_one_slant_has_no_other():
    level = np.full((1200, 1600), 255, np.uint8)
    _bars(level, 900, 100, 12, 0.0)
    _bars(level, 100, 500, 5, 0.5)
    assert preprocess.other_slant(level) is None
    few = level.copy()
    _bars(few, 100, 900, 1, 15.0)  # one line askew: a pen, a cable, not print
    assert preprocess.other_slant(few) is None
