"""The capture conditions ("tiers") a synthetic image is made under.

A tier turns one or more designed cards into the pixels of one file plus its truth:
flat design exports, flatbed scans, phone photos (tilted, rotated, EXIF-tagged, dark,
portrait, dim, cluttered) and photos of several cards on one table.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Optional

import cv2
import numpy as np

from .content import CardContent, make_card
from .design import Plan, design_card, render_plan
from .scene import (Placed, cast_shadow, composite, draw_clutter, frame_size, glare, light_field,
                    motion_blur, project, sensor, texture)

TIERS = ("flat", "scan", "photo", "rotated", "exif", "dark", "portrait", "multi", "lowlight", "clutter")
PHOTO_TIERS = ("photo", "rotated", "exif", "dark", "portrait", "lowlight", "clutter", "multi")
MIN_CARD_PX = 560  # a card's long side in a photo: below this its 6 pt print is unreadable


@dataclass
class Sample:
    """One image file to write: pixels as stored, how to store them, and the truth."""

    pixels: np.ndarray  # BGR uint8, exactly as stored in the file
    truth: list[dict]
    ext: str = "jpg"  # "jpg" | "png"
    quality: int = 90
    exif_orientation: Optional[int] = None
    quads: list[np.ndarray] = field(default_factory=list)  # card corners in the upright photo


@dataclass
class Designed:
    content: CardContent
    plan: Plan


def designed_card(rng: random.Random, dark: bool = False, portrait: bool = False, region: Optional[str] = None) -> Designed:
    content = make_card(rng, region)
    plan = design_card(rng, content, dark=dark, portrait=portrait)
    return Designed(content, plan)


# ---------------------------------------------------------------- single-card recipes

def flat(rng: random.Random, nprng: np.random.Generator, region: Optional[str]) -> Sample:
    d = designed_card(rng, dark=rng.random() < 0.15, portrait=rng.random() < 0.1, region=region)
    long_side = rng.randint(600, 1000)
    w_mm, h_mm = d.plan.size_mm
    width = long_side if w_mm >= h_mm else int(long_side * w_mm / h_mm)
    img = render_plan(d.plan, width)
    if rng.random() < 0.3:
        # Cropped and straightened by a phone app: still a photo's light, grain and blur.
        h, w = img.shape[:2]
        lit = img.astype(np.float32) * light_field(rng, nprng, w, h, rng.uniform(0.05, 0.25))
        img = sensor(rng, nprng, lit, blur=rng.uniform(0.3, 0.8), noise=rng.uniform(1.5, 4))
        return Sample(img, [d.content.truth("flat", ("cropped from a photo by an app",))], "jpg", rng.randint(75, 92))
    png = rng.random() < 0.5
    return Sample(img, [d.content.truth("flat")], "png" if png else "jpg", rng.randint(85, 95))


def scan(rng: random.Random, nprng: np.random.Generator, region: Optional[str]) -> Sample:
    d = designed_card(rng, dark=rng.random() < 0.1, portrait=rng.random() < 0.15, region=region)
    dpi = rng.choice([200, 300, 300])  # below 200 dpi, 6 pt print is barely legible
    px_mm = dpi / 25.4
    w_mm, h_mm = d.plan.size_mm
    card = render_plan(d.plan, int(w_mm * px_mm))
    ch, cw = card.shape[:2]
    fw, fh = int(cw * rng.uniform(1.25, 2.2)), int(ch * rng.uniform(1.3, 2.5))
    lid = rng.uniform(238, 254)
    frame = np.empty((fh, fw, 3), np.float32)
    frame[:] = (lid - rng.uniform(0, 4), lid, lid)  # the lid, a touch warm or cool
    angle = rng.uniform(-2, 2)
    # Cards are usually pushed into a corner of the scanner glass.
    x = rng.choice([rng.uniform(0.02, 0.06), rng.uniform(0.05, 1)]) * (fw - cw * 1.05)
    y = rng.choice([rng.uniform(0.02, 0.06), rng.uniform(0.05, 1)]) * (fh - ch * 1.05)
    quad = _rotated_quad(cw, ch, x + cw / 2, y + ch / 2, angle)
    composite(frame, Placed(card, quad, 0.0), shadow=rng.uniform(0.1, 0.3), shadow_offset=(1.5, 1.5))
    paper = cv2.resize(nprng.random((max(2, fh // 3), max(2, fw // 3)), dtype=np.float32), (fw, fh))[:, :, None]
    frame *= 0.985 + 0.03 * paper  # paper fibre
    pixels = sensor(rng, nprng, frame, blur=rng.uniform(0.4, 0.9), noise=rng.uniform(1.0, 2.5))
    png = rng.random() < 0.3
    return Sample(pixels, [d.content.truth("scan", (f"flatbed scan at {dpi} dpi",))], "png" if png else "jpg", rng.randint(85, 95), quads=[quad])


def _rotated_quad(w: float, h: float, cx: float, cy: float, angle: float) -> np.ndarray:
    a = math.radians(angle)
    rot = np.float32([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    pts = np.float32([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    return pts @ rot.T + np.float32([cx, cy])


def _fit_to_frame(rng: random.Random, quads_n: list[np.ndarray], fw: int, fh: int, fill: float) -> list[np.ndarray]:
    """Scale and move projected quads so their bounding box fills `fill` of the frame
    (by its tighter dimension) at a random position that keeps every corner inside."""
    allpts = np.concatenate(quads_n)
    bw, bh = np.ptp(allpts[:, 0]), np.ptp(allpts[:, 1])
    s = fill * min(fw / bw, fh / bh)
    longest = max(max(np.linalg.norm(q[i] - q[(i + 1) % 4]) for i in range(4)) for q in quads_n) * s
    if longest < MIN_CARD_PX:
        s *= MIN_CARD_PX / longest
    s = min(s, 0.98 * min(fw / bw, fh / bh))
    margin_x, margin_y = fw - bw * s, fh - bh * s
    ox = rng.uniform(0.1, 0.9) * margin_x - allpts[:, 0].min() * s
    oy = rng.uniform(0.1, 0.9) * margin_y - allpts[:, 1].min() * s
    return [(q * s + np.float32([ox, oy])).astype(np.float32) for q in quads_n]


def _render_for(d: Designed, quad: np.ndarray) -> np.ndarray:
    """Render the card at about the resolution it has in the photo (never far upscaled)."""
    w_mm, h_mm = d.plan.size_mm
    top = max(np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[3])) / w_mm
    side = max(np.linalg.norm(quad[3] - quad[0]), np.linalg.norm(quad[2] - quad[1])) / h_mm
    width = int(np.clip(max(top, side) * 1.15 * w_mm, 420, 2800))
    return render_plan(d.plan, width)


def _card_corners(d: Designed, unit: float) -> np.ndarray:
    w, h = d.plan.size_mm
    return np.float32([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]) / unit


def photo(rng: random.Random, nprng: np.random.Generator, region: Optional[str], tier: str,
          megapixels: Optional[float]) -> Sample:
    """A phone photo of one card on a table; `tier` chooses the card and the conditions."""
    d = designed_card(rng, dark=tier == "dark", portrait=tier == "portrait" or (tier != "dark" and rng.random() < 0.08), region=region)
    fw, fh = frame_size(rng, megapixels, portrait_frame=rng.random() < 0.3)
    unit = max(d.plan.size_mm)
    angle = rng.uniform(-25, 25) if tier != "clutter" else rng.uniform(-15, 15)
    tilt = rng.uniform(0, 30)
    direction = rng.uniform(0, 2 * math.pi)
    projected = project(_card_corners(d, unit), angle, tilt * math.cos(direction), tilt * math.sin(direction),
                        rng.uniform(1.6, 3.5))
    fill = rng.uniform(0.15, 0.95) if tier != "clutter" else rng.uniform(0.25, 0.6)
    quad = _fit_to_frame(rng, [projected], fw, fh, fill)[0]
    card = _render_for(d, quad)
    light_card = tier != "dark" and sum(d.plan.background) > 600
    low_contrast = light_card and tier != "lowlight" and rng.random() < 0.18  # one hardship at a time
    if low_contrast:
        frame = np.empty((fh, fw, 3), np.float32)
        shade = rng.uniform(215, 240)
        frame[:] = (shade, shade + 2, shade + 4)
    else:
        frame = texture(rng, nprng, fw, fh, rng.choice(["wood", "fabric", "stone", "desk", "desk"]))
    if tier == "clutter":
        draw_clutter(rng, frame, [quad], rng.randint(10, 18))
    elif rng.random() < 0.3:
        draw_clutter(rng, frame, [quad], rng.randint(1, 4))
    rounded = rng.uniform(0.06, 0.12) if rng.random() < 0.25 else 0.0
    size = max(fw, fh)
    composite(frame, Placed(card, quad, rounded), shadow=0.1 if low_contrast else rng.uniform(0.2, 0.5),
              shadow_offset=(rng.uniform(-1, 1) * size * 0.004, rng.uniform(0.2, 1) * size * 0.005))
    notes = []
    if low_contrast:
        notes.append("light card on a light desk (low contrast)")
    frame *= light_field(rng, nprng, fw, fh, rng.uniform(0.1, 0.5))
    if rng.random() < 0.35:
        frame *= cast_shadow(rng, fw, fh, quad)
        notes.append("a shadow falls across the card")
    if tier != "lowlight" and rng.random() < 0.12:
        frame += glare(rng, fw, fh, quad)
        notes.append("glare on part of the card")
    res = size / 2000
    if rng.random() < 0.1:
        frame = motion_blur(rng, frame, rng.uniform(3, 8) * res)
        notes.append("motion blur")
    if tier == "lowlight":
        frame *= rng.uniform(0.3, 0.55)
        frame *= np.float32([rng.uniform(0.7, 0.85), rng.uniform(0.92, 1.0), rng.uniform(1.05, 1.2)])  # BGR: warm
        pixels = sensor(rng, nprng, frame, blur=rng.uniform(1.0, 2.0) * res, noise=rng.uniform(6, 13))
        quality = rng.randint(70, 85)
        notes.append("dim warm light")
    else:
        pixels = sensor(rng, nprng, frame, blur=rng.uniform(0.3, 1.2) * res, noise=rng.uniform(1.5, 5))
        quality = rng.randint(60, 92)  # low end: visible JPEG blocks
    sample = Sample(pixels, [d.content.truth(tier, tuple(notes))], "jpg", quality, quads=[quad])
    if tier == "rotated":
        turn(rng, sample)
    elif tier == "exif":
        tag_exif(rng, sample)
    return sample


def turn(rng: random.Random, sample: Sample) -> None:
    """The whole photo turned by a right angle, with no EXIF tag to undo it."""
    k = rng.choice([1, 2, 3])  # np.rot90 turns counter-clockwise
    sample.pixels = np.ascontiguousarray(np.rot90(sample.pixels, k))
    degrees = {1: "90° counter-clockwise", 2: "180°", 3: "90° clockwise"}[k]
    for t in sample.truth:
        t["notes"] = _join(t["notes"], f"whole photo turned {degrees}, no EXIF orientation tag")


# np.rot90 turns for stored pixels such that a viewer applying the tag shows them upright.
EXIF_TURNS = {6: 1, 8: 3, 3: 2}


def tag_exif(rng: random.Random, sample: Sample) -> None:
    """Store the photo turned and tagged so EXIF-aware viewers show it upright; now and then
    a 'lying' tag instead: orientation 6 on pixels that are already upright."""
    if rng.random() < 0.15:
        sample.exif_orientation = 6
        for t in sample.truth:
            t["notes"] = _join(t["notes"], "lying EXIF tag: orientation 6 but the pixels are already upright")
        return
    orientation = rng.choice([6, 6, 6, 8, 8, 3])
    sample.pixels = np.ascontiguousarray(np.rot90(sample.pixels, EXIF_TURNS[orientation]))
    sample.exif_orientation = orientation
    for t in sample.truth:
        t["notes"] = _join(t["notes"], f"EXIF orientation {orientation}: upright once the tag is applied")


def _join(notes: str, more: str) -> str:
    return f"{notes}; {more}" if notes else more


# ---------------------------------------------------------------- several cards

def multi(rng: random.Random, nprng: np.random.Generator, region: Optional[str], megapixels: Optional[float]) -> Sample:
    """2-8 cards on one table, apart from each other; truth in reading order."""
    n = rng.randint(2, 8)
    max_cols = 8
    if megapixels:
        # A fixed frame holds only so many cards whose print stays readable.
        fw, fh = frame_size(rng, megapixels, portrait_frame=False)
        max_cols = max(1, int(0.9 * fw / (MIN_CARD_PX * 1.35)))
        max_rows = max(1, int(0.9 * fh / (MIN_CARD_PX * 0.65 * 1.6)))
        n = max(2, min(n, max_cols * max_rows))
    cards = [designed_card(rng, dark=rng.random() < 0.15, portrait=rng.random() < 0.12, region=region) for _ in range(n)]
    cols = max(1, min(n, max_cols, int(math.ceil(math.sqrt(n * rng.uniform(1.0, 1.8))))))
    rows = int(math.ceil(n / cols))
    gap = rng.uniform(10, 22)
    cell_w = max(d.plan.size_mm[0] for d in cards) + gap
    cell_h = max(d.plan.size_mm[1] for d in cards) + gap
    corners_mm: list[np.ndarray] = []
    for i, d in enumerate(cards):
        r, c = divmod(i, cols)
        w, h = d.plan.size_mm
        for attempt in range(20):
            calm = 1.0 if attempt < 19 else 0.0  # last try: square in its cell, cannot touch
            cx = (c + 0.5) * cell_w + rng.uniform(-0.25, 0.25) * gap * calm
            cy = (r + 0.5) * cell_h + rng.uniform(-0.25, 0.25) * gap * calm
            quad = _rotated_quad(w, h, cx, cy, rng.uniform(-6, 6) * calm)
            if not any(overlap(quad, other) for other in corners_mm):
                break
        corners_mm.append(quad)
    unit = max(cols * cell_w, rows * cell_h)
    centre = np.float32([cols * cell_w / 2, rows * cell_h / 2])
    angle = rng.uniform(-8, 8)
    tilt, direction = rng.uniform(0, 20), rng.uniform(0, 2 * math.pi)
    distance = rng.uniform(2.2, 4.0)
    projected = [project((q - centre) / unit, angle, tilt * math.cos(direction), tilt * math.sin(direction), distance)
                 for q in corners_mm]
    if not megapixels:
        # Big enough that each card's long side gets MIN_CARD_PX or more.
        need = MIN_CARD_PX * 1.25 * max(cols, rows * 1.4) / 0.85
        sizes = [s for s in ((2400, 1800), (3200, 2400), (4000, 3000)) if s[0] >= need] or [(4000, 3000)]
        fw, fh = sizes[0]
    quads = _fit_to_frame(rng, projected, fw, fh, rng.uniform(0.75, 0.95))
    frame = texture(rng, nprng, fw, fh, rng.choice(["wood", "fabric", "stone", "desk"]))
    if rng.random() < 0.3:
        draw_clutter(rng, frame, quads, rng.randint(1, 4))
    size = max(fw, fh)
    offset = (rng.uniform(-1, 1) * size * 0.003, rng.uniform(0.2, 1) * size * 0.004)
    for d, q in zip(cards, quads):
        composite(frame, Placed(_render_for(d, q), q, 0.08 if rng.random() < 0.2 else 0.0), rng.uniform(0.2, 0.4), offset)
    frame *= light_field(rng, nprng, fw, fh, rng.uniform(0.1, 0.4))
    pixels = sensor(rng, nprng, frame, blur=rng.uniform(0.3, 1.0) * size / 2000, noise=rng.uniform(1.5, 4))
    order = reading_order(quads)
    truth = [cards[i].content.truth("multi", (f"card {k + 1} of {n} in reading order",)) for k, i in enumerate(order)]
    return Sample(pixels, truth, "jpg", rng.randint(78, 92), quads=[quads[i] for i in order])


def overlap(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two convex quads share any area (touching edges do not count)."""
    area, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
    return area > 1e-6


def reading_order(quads: list[np.ndarray]) -> list[int]:
    """Indexes of the cards row by row from the top, left to right within a row; a card
    starts a new row when its centre is below the current row's by half a card height."""
    centres = [q.mean(axis=0) for q in quads]
    heights = [np.ptp(q[:, 1]) for q in quads]
    half = 0.5 * float(np.median(heights))
    by_y = sorted(range(len(quads)), key=lambda i: centres[i][1])
    rows: list[list[int]] = []
    for i in by_y:
        if rows and centres[i][1] - centres[rows[-1][0]][1] < half:
            rows[-1].append(i)
        else:
            rows.append([i])
    return [i for row in rows for i in sorted(row, key=lambda j: centres[j][0])]


def make_sample(rng: random.Random, nprng: np.random.Generator, tier: str,
                megapixels: Optional[float] = None, region: Optional[str] = None) -> Sample:
    if tier == "flat":
        return flat(rng, nprng, region)
    if tier == "scan":
        return scan(rng, nprng, region)
    if tier == "multi":
        return multi(rng, nprng, region, megapixels)
    if tier in PHOTO_TIERS:
        return photo(rng, nprng, region, tier, megapixels)
    raise ValueError(f"unknown tier {tier!r}; choose from {', '.join(TIERS)}")
