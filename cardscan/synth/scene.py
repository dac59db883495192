"""Where a synthetic card is photographed: tables, scanners, light, camera, file.

Each tier is a recipe over a few effects: a background texture, cards warped by a camera
homography, clutter objects beneath them, shadows, uneven or dim light, blur, sensor noise
and JPEG compression. All randomness comes from the `random.Random` and numpy `Generator`
passed in, so a seed fixes every pixel.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

import cv2
import numpy as np

# ---------------------------------------------------------------- textures


def value_noise(nprng: np.random.Generator, w: int, h: int, cells: int) -> np.ndarray:
    """Smooth noise in [0, 1]: a coarse random grid resized up (cheap at any size)."""
    gw = max(2, cells)
    gh = max(2, int(round(cells * h / w)))
    grid = nprng.random((gh, gw), dtype=np.float32)
    return cv2.resize(grid, (w, h), interpolation=cv2.INTER_CUBIC).clip(0, 1)


def _tint(gray: np.ndarray, colour: tuple[float, float, float]) -> np.ndarray:
    """gray (h, w) in ~[0, 1.2] times a BGR colour -> float32 BGR image."""
    return cv2.multiply(cv2.cvtColor(gray.astype(np.float32), cv2.COLOR_GRAY2BGR), (*map(float, colour), 0.0))


def texture(rng: random.Random, nprng: np.random.Generator, w: int, h: int, kind: str) -> np.ndarray:
    """A table or desk surface as float32 BGR 0-255."""
    if kind == "wood":
        # Planks of grain: noise stretched along the board, gently bent, with dark seams.
        sw, sh = max(64, w // 4), max(48, h // 4)
        across = rng.choice([True, False])
        length, width = (sw, sh) if across else (sh, sw)
        fine = cv2.resize(nprng.random((width, 12), dtype=np.float32), (length, width), interpolation=cv2.INTER_CUBIC)
        coarse = cv2.resize(nprng.random((max(2, width // 6), 4), dtype=np.float32), (length, width), interpolation=cv2.INTER_CUBIC)
        bend = (value_noise(nprng, length, width, 4) - 0.5) * rng.uniform(4, 12)
        rows = (np.arange(width, dtype=np.float32)[:, None] + bend).astype(np.int32) % width
        grain = np.take_along_axis(0.6 * fine + 0.4 * coarse, rows, axis=0)
        gray = 0.78 + 0.22 * grain
        plank = int(width / rng.uniform(2.5, 6))
        gray[::plank] *= 0.55
        gray = gray if across else np.ascontiguousarray(gray.T)
        base = rng.choice([(40, 80, 140), (55, 105, 160), (30, 60, 100), (80, 130, 185), (25, 45, 70)])
        img = _tint(cv2.resize(gray, (w, h), interpolation=cv2.INTER_LINEAR), base)
    elif kind == "fabric":
        period = rng.uniform(3, 7)
        xs = np.sin(np.arange(w, dtype=np.float32) * 2 * math.pi / period)
        ys = np.sin(np.arange(h, dtype=np.float32) * 2 * math.pi / (period * rng.uniform(0.8, 1.2)))
        weave = 0.5 + 0.25 * (xs[None, :] + ys[:, None]) * 0.5
        gray = 0.8 + 0.12 * weave + 0.1 * value_noise(nprng, w, h, 20)
        base = rng.choice([(120, 90, 60), (60, 60, 150), (90, 120, 90), (140, 140, 140), (50, 50, 55), (170, 160, 190)])
        img = _tint(gray, base)
    elif kind == "stone":
        gray = 0.75 + 0.15 * value_noise(nprng, w, h, 12) + 0.1 * value_noise(nprng, w, h, 60)
        base = rng.choice([(180, 180, 180), (120, 125, 130), (200, 205, 210), (70, 70, 75)])
        img = _tint(gray, base)
    else:  # "desk": a plain laminate, sometimes nearly as light as a white card
        gray = 0.92 + 0.08 * value_noise(nprng, w, h, 4)
        base = rng.choice([(235, 235, 235), (225, 230, 232), (200, 210, 215), (60, 60, 60), (30, 30, 30), (170, 190, 205), (215, 225, 240)])
        img = _tint(gray, base)
    return img


# ---------------------------------------------------------------- camera

def rotation_3d(tilt_x: float, tilt_y: float) -> np.ndarray:
    ax, ay = math.radians(tilt_x), math.radians(tilt_y)
    rx = np.array([[1, 0, 0], [0, math.cos(ax), -math.sin(ax)], [0, math.sin(ax), math.cos(ax)]])
    ry = np.array([[math.cos(ay), 0, math.sin(ay)], [0, 1, 0], [-math.sin(ay), 0, math.cos(ay)]])
    return ry @ rx


def project(points: np.ndarray, angle: float, tilt_x: float, tilt_y: float, distance: float) -> np.ndarray:
    """Points on the table plane (N, 2), centred near 0 with extent ~1, as a pinhole camera
    at `distance` sees them after turning the table by `angle` and tilting it."""
    a = math.radians(angle)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    p2 = points @ rot.T
    p3 = np.column_stack([p2, np.zeros(len(p2))]) @ rotation_3d(tilt_x, tilt_y).T
    z = p3[:, 2] + distance
    return p3[:, :2] * (distance / z)[:, None]


@dataclass
class Placed:
    """A card image and where its corners land in the photo."""

    image: np.ndarray  # BGR card
    quad: np.ndarray  # (4, 2) float32: TL, TR, BR, BL in photo pixels
    rounded: float  # corner radius as a fraction of the card's short side (0 = square)


def card_mask(h: int, w: int, rounded: float) -> np.ndarray:
    mask = np.full((h, w), 255, np.uint8)
    if rounded > 0:
        r = int(rounded * min(h, w))
        mask[:] = 0
        cv2.rectangle(mask, (r, 0), (w - 1 - r, h - 1), 255, -1)
        cv2.rectangle(mask, (0, r), (w - 1, h - 1 - r), 255, -1)
        for cx, cy in ((r, r), (w - 1 - r, r), (r, h - 1 - r), (w - 1 - r, h - 1 - r)):
            cv2.circle(mask, (cx, cy), r, 255, -1, lineType=cv2.LINE_AA)
    return mask


def composite(frame: np.ndarray, placed: Placed, shadow: float, shadow_offset: tuple[float, float]) -> None:
    """Warp the card into `frame` (float32 BGR, in place) with a soft drop shadow.
    Only the card's bounding box is warped, which keeps 12-megapixel photos fast."""
    fh, fw = frame.shape[:2]
    h, w = placed.image.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    pad = int(max(8, abs(shadow_offset[0]) + abs(shadow_offset[1]) + 0.04 * max(np.ptp(placed.quad[:, 0]), 1)))
    x0 = max(0, int(placed.quad[:, 0].min()) - pad)
    y0 = max(0, int(placed.quad[:, 1].min()) - pad)
    x1 = min(fw, int(math.ceil(placed.quad[:, 0].max())) + pad)
    y1 = min(fh, int(math.ceil(placed.quad[:, 1].max())) + pad)
    dst = placed.quad.astype(np.float32) - np.float32([x0, y0])
    H = cv2.getPerspectiveTransform(src, dst)
    size = (x1 - x0, y1 - y0)
    card = cv2.warpPerspective(placed.image, H, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    mask = cv2.warpPerspective(card_mask(h, w, placed.rounded), H, size, flags=cv2.INTER_LINEAR)
    alpha = mask.astype(np.float32) * np.float32(1 / 255)
    roi = frame[y0:y1, x0:x1]
    if shadow > 0:
        sigma = max(2.0, 0.012 * max(size))
        m = np.float32([[1, 0, shadow_offset[0]], [0, 1, shadow_offset[1]]])
        shade = cv2.GaussianBlur(cv2.warpAffine(mask, m, size), (0, 0), sigma)
        roi *= (1.0 - shade.astype(np.float32) * np.float32(shadow / 255))[:, :, None]
    roi[:] = cv2.blendLinear(card.astype(np.float32), roi, alpha, 1.0 - alpha)


# ---------------------------------------------------------------- light and sensor

def light_field(rng: random.Random, nprng: np.random.Generator, w: int, h: int, strength: float) -> np.ndarray:
    """A smooth multiplicative illumination map: a gradient, a soft hot spot, a vignette."""
    sw, sh = 64, max(2, int(64 * h / w))
    ys, xs = np.mgrid[0:sh, 0:sw].astype(np.float32)
    xs /= sw
    ys /= sh
    a = rng.uniform(0, 2 * math.pi)
    grad = (xs - 0.5) * math.cos(a) + (ys - 0.5) * math.sin(a)
    cx, cy = rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.9)
    spot = np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / rng.uniform(0.05, 0.3))
    vignette = 1 - 0.6 * ((xs - 0.5) ** 2 + (ys - 0.5) ** 2)
    field = 1 + strength * (rng.uniform(0.4, 1.0) * grad + rng.uniform(0, 0.5) * (spot - 0.4)) + strength * 0.4 * (vignette - 1)
    field += 0.05 * strength * (value_noise(nprng, sw, sh, 5) - 0.5)
    return cv2.resize(field.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)[:, :, None]


def cast_shadow(rng: random.Random, w: int, h: int, near: np.ndarray) -> np.ndarray:
    """A soft shadow (a hand, a phone, a lamp arm) crossing the area around `near` (quad)."""
    cx, cy = near[:, 0].mean(), near[:, 1].mean()
    span = max(np.ptp(near[:, 0]), np.ptp(near[:, 1]))
    a = rng.uniform(0, 2 * math.pi)
    # A half-plane through a point on the card, bent a little: shades part of the card.
    off = rng.uniform(-0.3, 0.3) * span
    px, py = cx + off * math.cos(a), cy + off * math.sin(a)
    far = 4 * max(w, h)
    d = (math.cos(a), math.sin(a))
    n = (-d[1], d[0])
    poly = np.float32([
        [px + n[0] * far, py + n[1] * far],
        [px - n[0] * far, py - n[1] * far],
        [px - n[0] * far + d[0] * far, py - n[1] * far + d[1] * far],
        [px + n[0] * far + d[0] * far, py + n[1] * far + d[1] * far],
    ])
    scale = 8  # draw small, blur small, scale up
    sw, sh = max(2, w // scale), max(2, h // scale)
    mask = np.zeros((sh, sw), np.float32)
    cv2.fillPoly(mask, [np.int32(poly / scale)], 1.0)
    mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, rng.uniform(0.01, 0.05) * span / scale))
    depth = rng.uniform(0.25, 0.5)
    return (1 - depth * cv2.resize(mask, (w, h), interpolation=cv2.INTER_LINEAR))[:, :, None]


def glare(rng: random.Random, w: int, h: int, near: np.ndarray) -> np.ndarray:
    """Additive light from a lamp reflected by a glossy card: a soft bright patch on it."""
    span = max(np.ptp(near[:, 0]), np.ptp(near[:, 1]))
    cx = rng.uniform(near[:, 0].min(), near[:, 0].max())
    cy = rng.uniform(near[:, 1].min(), near[:, 1].max())
    scale = 8
    sw, sh = max(2, w // scale), max(2, h // scale)
    patch = np.zeros((sh, sw), np.float32)
    axes = (max(1, int(span * rng.uniform(0.1, 0.25) / scale)), max(1, int(span * rng.uniform(0.05, 0.15) / scale)))
    cv2.ellipse(patch, (int(cx / scale), int(cy / scale)), axes, rng.uniform(0, 180), 0, 360, 1.0, -1)
    patch = cv2.GaussianBlur(patch, (0, 0), max(1.0, axes[0] * 0.6))
    patch *= rng.uniform(60, 140) / max(float(patch.max()), 1e-6)
    return cv2.resize(patch, (w, h), interpolation=cv2.INTER_LINEAR)[:, :, None]


def motion_blur(rng: random.Random, img: np.ndarray, length: float) -> np.ndarray:
    """A hand that moved: blur along one random direction over `length` pixels."""
    k = max(3, int(length) | 1)
    kernel = np.zeros((k, k), np.float32)
    kernel[k // 2, :] = 1.0 / k
    rot = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(0, 180), 1.0)
    kernel = cv2.warpAffine(kernel, rot, (k, k))
    return cv2.filter2D(img, -1, kernel / max(float(kernel.sum()), 1e-6))


def sensor(rng: random.Random, nprng: np.random.Generator, img: np.ndarray, blur: float, noise: float) -> np.ndarray:
    """Lens blur and sensor noise on a float32 BGR image; returns uint8.
    Grain comes from a 512-pixel tile repeated across the frame: drawing a fresh normal
    variate for each of 12 million pixels costs more than the rest of the photo, and a
    repeat of pixel noise is invisible."""
    if blur > 0.05:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if noise > 0:
        h, w = img.shape[:2]
        tile = nprng.standard_normal((512, 512), dtype=np.float32) * np.float32(noise)
        grain = np.tile(tile, (-(-h // 512), -(-w // 512)))[:h, :w]
        img += grain[:, :, None]
        chroma = nprng.standard_normal((max(2, h // 8), max(2, w // 8), 3), dtype=np.float32) * np.float32(noise * 0.35)
        img += cv2.resize(chroma, (w, h), interpolation=cv2.INTER_LINEAR)
    np.clip(img, 0, 255, out=img)
    return img.astype(np.uint8)


# ---------------------------------------------------------------- clutter

def _poly_mask_hits(poly: np.ndarray, keep_out: np.ndarray, scale: int) -> bool:
    m = np.zeros_like(keep_out)
    cv2.fillPoly(m, [np.int32(poly / scale)], 255)
    return bool(np.any(m & keep_out))


def _rect_poly(cx, cy, w, h, angle) -> np.ndarray:
    a = math.radians(angle)
    c, s = math.cos(a), math.sin(a)
    pts = np.float32([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    return pts @ np.float32([[c, s], [-s, c]]) + np.float32([cx, cy])


def draw_clutter(rng: random.Random, frame: np.ndarray, quads: list[np.ndarray], count: int) -> None:
    """Things on the table beneath the cards: papers, sticky notes, pens, a phone, a mug, coins.
    Papers with text-like lines never reach under a card, so no text but the card's is nearby."""
    fh, fw = frame.shape[:2]
    scale = 8
    keep_out = np.zeros((max(1, fh // scale), max(1, fw // scale)), np.uint8)
    for q in quads:
        cv2.fillPoly(keep_out, [np.int32(q / scale)], 255)
    keep_out = cv2.dilate(keep_out, np.ones((5, 5), np.uint8))
    unit = max(fw, fh)
    for _ in range(count):
        kind = rng.choice(["paper", "paper", "note", "pen", "pen", "phone", "mug", "coin", "block", "keyboard"])
        cx, cy = rng.uniform(-0.1, 1.1) * fw, rng.uniform(-0.1, 1.1) * fh
        angle = rng.uniform(-40, 40)
        if kind == "paper":
            w, h = unit * rng.uniform(0.25, 0.5), unit * rng.uniform(0.3, 0.6)
            poly = _rect_poly(cx, cy, w, h, angle)
            lined = rng.random() < 0.6
            if lined and _poly_mask_hits(poly, keep_out, scale):
                lined = False  # a blank sheet may lie under the card, a printed one may not
            shade = rng.uniform(225, 252)
            cv2.fillPoly(frame, [np.int32(poly)], (shade, shade, shade - rng.uniform(0, 12)), lineType=cv2.LINE_AA)
            if lined:
                a = math.radians(angle)
                d, n = np.float32([math.cos(a), math.sin(a)]), np.float32([-math.sin(a), math.cos(a)])
                origin = poly[0]
                gap = unit * rng.uniform(0.008, 0.014)
                k = 2
                while gap * k < h - 2 * gap:
                    length = w * rng.uniform(0.3, 0.85)
                    p0 = origin + d * (w * 0.1) + n * (gap * k)
                    p1 = p0 + d * length
                    cv2.line(frame, tuple(int(v) for v in p0), tuple(int(v) for v in p1), (150, 150, 150), max(1, int(gap * 0.25)), cv2.LINE_AA)
                    k += 1
        elif kind == "note":
            s = unit * rng.uniform(0.06, 0.1)
            colour = rng.choice([(120, 240, 250), (200, 170, 250), (150, 240, 170), (250, 200, 140)])
            cv2.fillPoly(frame, [np.int32(_rect_poly(cx, cy, s, s, angle))], colour, lineType=cv2.LINE_AA)
        elif kind == "pen":
            length, thick = unit * rng.uniform(0.12, 0.2), unit * rng.uniform(0.008, 0.014)
            colour = rng.choice([(30, 30, 30), (160, 60, 20), (40, 40, 180), (200, 200, 200), (20, 120, 200)])
            cv2.fillPoly(frame, [np.int32(_rect_poly(cx, cy, length, thick, angle + rng.uniform(-50, 50)))], colour, lineType=cv2.LINE_AA)
        elif kind == "phone":
            w, h = unit * 0.07, unit * 0.14
            poly = np.int32(_rect_poly(cx, cy, w, h, angle))
            cv2.fillPoly(frame, [poly], (25, 25, 28), lineType=cv2.LINE_AA)
            cv2.fillPoly(frame, [np.int32(_rect_poly(cx, cy, w * 0.88, h * 0.9, angle))], (45, 40, 38), lineType=cv2.LINE_AA)
        elif kind == "mug":
            r = int(unit * rng.uniform(0.04, 0.07))
            colour = rng.choice([(240, 240, 240), (40, 40, 150), (30, 30, 30), (150, 100, 40)])
            cv2.circle(frame, (int(cx), int(cy)), r, colour, -1, cv2.LINE_AA)
            cv2.circle(frame, (int(cx), int(cy)), int(r * 0.82), (30, 50, 70), -1, cv2.LINE_AA)
        elif kind == "coin":
            r = int(unit * rng.uniform(0.008, 0.014))
            cv2.circle(frame, (int(cx), int(cy)), r, rng.choice([(150, 160, 165), (70, 140, 180)]), -1, cv2.LINE_AA)
        elif kind == "keyboard":
            w, h = unit * rng.uniform(0.3, 0.45), unit * 0.12
            poly = _rect_poly(cx, cy, w, h, angle * 0.2)
            if _poly_mask_hits(poly, keep_out, scale):
                continue
            cv2.fillPoly(frame, [np.int32(poly)], (50, 50, 52), lineType=cv2.LINE_AA)
            key = h / 5.5
            a = math.radians(angle * 0.2)
            rot = np.float32([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
            for r in range(4):
                for c in range(int(w / (key * 1.15)) - 1):
                    offset = np.float32([-w / 2 + key * 0.8 + c * key * 1.15, -h / 2 + key * 0.8 + r * key * 1.2])
                    kx, ky = rot @ offset + np.float32([cx, cy])
                    cv2.fillPoly(frame, [np.int32(_rect_poly(kx, ky, key, key, angle * 0.2))], (90, 90, 92))
        else:  # a coloured block: a book, a box, a tablet
            w, h = unit * rng.uniform(0.12, 0.35), unit * rng.uniform(0.1, 0.3)
            colour = tuple(rng.uniform(20, 230) for _ in range(3))
            cv2.fillPoly(frame, [np.int32(_rect_poly(cx, cy, w, h, angle))], colour, lineType=cv2.LINE_AA)


# ---------------------------------------------------------------- encoding

def frame_size(rng: random.Random, megapixels: float | None, portrait_frame: bool,
               sizes=((1600, 1200), (2000, 1500), (2400, 1800), (1920, 1080), (2048, 1536))) -> tuple[int, int]:
    if megapixels:
        w = int(round(math.sqrt(megapixels * 1e6 * 4 / 3) / 8) * 8)
        h = int(round(w * 3 / 4 / 8) * 8)
    else:
        w, h = rng.choice(sizes)
    return (h, w) if portrait_frame else (w, h)
