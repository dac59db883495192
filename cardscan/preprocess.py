"""The image stage: find each card in a photo, flatten it, and prepare it for OCR.

OpenCV and numpy only. Detection runs on a reduced copy of the photo (a card
edge is long and straight, so ~1000 px is plenty), then each card is warped
from the full-resolution pixels so small print keeps every pixel it had.

Candidate outlines come from several cheap segmentations, because no single one
works everywhere: distance from the background colours seen at the photo's
border (cards on plain or textured desks), edges on several channels (white card
on white desk, where colour distance is tiny but the edge is straight), and
Otsu thresholds of both polarities, smoothness on a grained table, regions
enclosed by long straight lines, and the same regions cut along faint edges
(a card touching a sheet of paper). Every candidate is scored on being a card:
four straight sides, the aspect of a card once perspective is undone, solid
(rectangular) area, and contrast across each side; it must carry print (a
sticky note or a phone has a card's shape but no letters). Overlapping
candidates are reduced by non-maximum suppression, panels printed on a card
give way to the card, and two halves of a two-panel card are joined, so each
card yields one outline. A dim photo in which no card was found is searched
again brightened, as a longer exposure would have shown it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable, Iterator, Optional

import cv2
import numpy as np

from cardscan import deblur
from cardscan.debug import Debug
from cardscan.models import CardImage, Photo

# Detection works on a copy this long on its longer side.
WORK_SIDE = 960
# Card aspect ratios (long/short): ISO 1.59, US 1.75, 90x50 1.8, Japan 1.65.
# Accepted more widely because a card seen at a steep angle measures off when
# the perspective cannot be undone from four corners alone (the focal length
# estimate fails); outside the typical range a candidate is scored down.
MIN_ASPECT, MAX_ASPECT = 1.2, 2.3
TYPICAL_ASPECT = (1.42, 2.05)
# A band printed across a card (a coloured panel two fifths of its height) is this long
# for its height; it is only ever joined with the card's other part.
MAX_PANEL_ASPECT = 5.0
# A card covers at least this fraction of the photo (8 cards on a table ~ 3 % each).
MIN_AREA_FRAC = 0.012
# A photo whose brightest print is darker than this is brightened for detection ...
DIM_BELOW = 170.0
# ... by at most this factor.
MAX_GAIN = 4.0
# Warped cards are never larger than this on their long side; more pixels only slow OCR.
MAX_CARD_SIDE = 4000
# Plain card: under 1% of the pixels around it (a window of 6% of the card) are print.
BLANK_INK = 0.01
# The band along a card image's edge where the card's edge and the desk lie (of its short side).
EDGE_BAND = 0.03
# Grain: gray levels varying by more than GRAIN_STD within GRAIN_WINDOW px.
GRAIN_WINDOW = 9
GRAIN_STD = 8.0
# Rows at a time that _flattened and _grainy work on (see _by_bands): each one's two float
# images of a whole 6-MP image were 48 MB, the largest part of a worker's memory peak on a
# photo read whole.
FLAT_BAND_ROWS = 256
# Grain far from print is whitened when it covers more than this share of the card:
# on dim photos of dark cards 0.39-0.78 (median 0.6) of the card, on 37 real photos at most 0.35.
GRAINY_CARD = 0.45


@dataclass
class _Candidate:
    quad: np.ndarray  # 4x2 float32, work-image coordinates, ordered tl, tr, br, bl
    area: float  # quad area in work pixels
    score: float
    aspect: float
    source: str
    part: bool = False  # not card-shaped itself: only ever joined with its other half
    paper: Optional[tuple[float, float, float]] = None  # median Lab colour inside the outline


# ---------------------------------------------------------------------------
# geometry helpers


def _order_quad(pts: np.ndarray) -> np.ndarray:
    """Corners as tl, tr, br, bl (image y grows downward)."""
    pts = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    c = pts.mean(axis=0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    pts = pts[np.argsort(ang)]  # clockwise on screen, starting somewhere
    # start at the corner with the smallest x+y (top-left)
    start = int(np.argmin(pts.sum(axis=1)))
    return np.roll(pts, -start, axis=0)


def _quad_area(q: np.ndarray) -> float:
    return float(abs(cv2.contourArea(q.astype(np.float32))))


def _side_lengths(q: np.ndarray) -> np.ndarray:
    return np.linalg.norm(q - np.roll(q, -1, axis=0), axis=1)


def _true_aspect(q: np.ndarray, shape: tuple[int, int]) -> float:
    """Width/height of the real rectangle behind a quad (tl, tr, br, bl).

    Zhang & He's whiteboard method: with the principal point at the image
    centre, the quad's vanishing geometry gives the focal length and with it
    the rectangle's true aspect. When the sides are (nearly) parallel the focal
    length is undefined and the mean side lengths are already right."""
    h, w = shape
    u0, v0 = w / 2.0, h / 2.0
    tl, tr, br, bl = [np.array([p[0] - u0, p[1] - v0, 1.0]) for p in q]
    m1, m2, m3, m4 = tl, tr, bl, br
    s = _side_lengths(q)
    naive = (s[0] + s[2]) / max(s[1] + s[3], 1e-6)
    try:
        k2 = np.dot(np.cross(m1, m4), m3) / np.dot(np.cross(m2, m4), m3)
        k3 = np.dot(np.cross(m1, m4), m2) / np.dot(np.cross(m3, m4), m2)
        n2 = k2 * m2 - m1
        n3 = k3 * m3 - m1
        denom = n2[2] * n3[2]
        if abs(denom) < 1e-9:
            return naive
        f2 = -(n2[0] * n3[0] + n2[1] * n3[1]) / denom
        if not np.isfinite(f2) or f2 <= 0:
            return naive
        f = math.sqrt(f2)
        # A focal length far outside what cameras use means the estimate is noise.
        if not (0.3 * max(h, w) < f < 8 * max(h, w)):
            return naive
        ainv = np.diag([1.0 / f, 1.0 / f, 1.0])
        a2 = ainv @ n2
        a3 = ainv @ n3
        ratio = math.sqrt(float(a2 @ a2) / float(a3 @ a3))
        if not np.isfinite(ratio) or ratio <= 0:
            return naive
        # Trust the estimate only when it agrees roughly with the naive one;
        # a wild disagreement comes from corner noise, not from perspective.
        if not (0.8 < ratio / naive < 1.25):
            return naive
        return ratio
    except (FloatingPointError, ZeroDivisionError, ValueError):
        return naive


def _long_aspect(a: float) -> float:
    return a if a >= 1 else 1.0 / a


# ---------------------------------------------------------------------------
# candidate masks


def _border_pixels(img: np.ndarray, frac: float = 0.03) -> np.ndarray:
    h, w = img.shape[:2]
    b = max(2, int(round(min(h, w) * frac)))
    parts = [img[:b].reshape(-1, img.shape[2]), img[-b:].reshape(-1, img.shape[2]),
             img[:, :b].reshape(-1, img.shape[2]), img[:, -b:].reshape(-1, img.shape[2])]
    return np.concatenate(parts).astype(np.float32)


def _background_distance(lab: np.ndarray) -> np.ndarray:
    """Per-pixel Lab distance to the nearest of a few background colours seen at the border."""
    px = _border_pixels(lab)
    if len(px) > 4000:
        px = px[:: len(px) // 4000]
    k = 4
    crit = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 10, 1.0)
    cv2.setRNGSeed(12345)  # deterministic clustering
    _, labels, centers = cv2.kmeans(px, k, None, crit, 2, cv2.KMEANS_PP_CENTERS)
    counts = np.bincount(labels.ravel(), minlength=k)
    # Drop clusters that are only a sliver of the border (a card touching the
    # edge, an object's corner): they are not background.
    centers = centers[counts >= 0.08 * len(px)]
    d = None
    for c in centers:
        # straight from the 8-bit image into float, without a float copy of the whole image
        # beside the difference: the same values (8-bit values are exact in float, and each
        # difference is rounded once, to float, either way)
        diff = cv2.subtract(lab, tuple(float(v) for v in c) + (0.0,), dtype=cv2.CV_32F)
        dc = cv2.magnitude(cv2.magnitude(diff[:, :, 0], diff[:, :, 1]), diff[:, :, 2])
        d = dc if d is None else np.minimum(d, dc)
    return d


def _masks(lab: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Foreground masks from several segmentations of the (blurred, Lab) work image."""
    h, w = lab.shape[:2]
    gray = lab[:, :, 0]
    out: list[tuple[str, np.ndarray]] = []
    k5 = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    k9 = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))

    # 1. distance from the border's colours (smoothed so wood grain and fabric fade)
    dist = _background_distance(cv2.medianBlur(lab, 5))
    d8 = np.clip(dist * 4, 0, 255).astype(np.uint8)
    t, _ = cv2.threshold(d8, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    for thr in sorted({max(t, 40.0), 48.0}):  # 48 ~ a Lab distance of 12
        m = (d8 > thr).astype(np.uint8) * 255
        m = cv2.morphologyEx(m, cv2.MORPH_OPEN, k5)
        m = cv2.morphologyEx(m, cv2.MORPH_CLOSE, k9)
        out.append((f"bg{int(thr)}", m))

    # 1b. on a textured background (wood grain, fabric, stone) a card is the
    # smooth part: a band of card colour close to the wood's still lacks grain.
    g32 = gray.astype(np.float32)
    mu = cv2.blur(g32, (7, 7))
    sd = np.sqrt(np.maximum(cv2.blur(g32 * g32, (7, 7)) - mu * mu, 0))
    border_sd = float(np.median(_border_pixels(sd[:, :, None])))
    if border_sd > 1.5:
        smooth = (sd < max(0.4 * border_sd, 0.6)).astype(np.uint8) * 255
        m = cv2.morphologyEx(smooth | out[0][1], cv2.MORPH_OPEN, k9)
        out.append(("smooth", cv2.morphologyEx(m, cv2.MORPH_CLOSE, k9)))

    # 2. edges on lightness and on colour, closed into outlines
    edges = np.zeros((h, w), np.uint8)
    for ch in (gray, lab[:, :, 1], lab[:, :, 2]):
        v = float(np.median(ch))
        lo = max(5.0, 0.5 * v) if ch is gray else 4.0
        e = cv2.Canny(ch, lo * 0.66 if ch is gray else 6, lo * 1.33 if ch is gray else 14)
        edges |= e
    fine = cv2.Canny(gray, 10, 30)
    edges |= fine
    closed = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    closed = cv2.dilate(closed, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    out.append(("edges", closed))
    out.append(("edgefill", _edge_fill(edges)))
    out.append(("lines", _line_fill(gray)))

    # 3. global thresholds of both polarities (bright card on dark desk, and the reverse)
    _, otsu = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    otsu = cv2.morphologyEx(otsu, cv2.MORPH_OPEN, k5)
    out.append(("otsu", cv2.morphologyEx(otsu, cv2.MORPH_CLOSE, k9)))
    inv = cv2.morphologyEx(255 - otsu, cv2.MORPH_CLOSE, k9)
    out.append(("otsu_inv", inv))

    # 4. the same regions cut along every edge: a card touching a sheet of
    # paper or another card of a similar tone merges with it in the masks
    # above, but a faint edge still runs between them.
    cut_by = cv2.dilate(edges | cv2.Canny(gray, 6, 18), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    k3 = cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3))
    for name, m in [out[0], ("otsu", otsu), ("otsu_inv", 255 - otsu)]:
        cut = cv2.morphologyEx(cv2.bitwise_and(m, cv2.bitwise_not(cut_by)), cv2.MORPH_OPEN, k3)
        out.append((name + "_cut", cut))
    return out


def _edge_fill(edges: np.ndarray) -> np.ndarray:
    """Regions enclosed by long edges: what cannot be reached from the photo's border.

    Short edge pieces (desk texture, noise) are dropped first so they neither
    leak nor glue a card to its surroundings; letters inside a card do not
    matter because the card's interior is filled anyway."""
    h, w = edges.shape
    e = cv2.dilate(edges, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(e, connectivity=8)
    span = np.maximum(stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT])
    keep = span >= 0.08 * max(h, w)
    keep[0] = False
    long_edges = keep[lab].astype(np.uint8) * 255
    # Extend straight segments a little past their ends: a rounded corner or a
    # glare spot leaves a gap where two sides should meet, and one gap is enough
    # for the flood below to leak into the card.
    # (skipped on busy textures: there every pixel is near an edge, the
    # transform is slow and the fill below is useless anyway)
    busy = cv2.countNonZero(edges) > 0.12 * h * w
    segs = None if busy else cv2.HoughLinesP(edges, 1, np.pi / 360, threshold=40,
                                             minLineLength=int(0.06 * max(h, w)), maxLineGap=12)
    if segs is not None:
        for x1, y1, x2, y2 in segs.reshape(-1, 4)[:400]:
            d = np.array([x2 - x1, y2 - y1], dtype=np.float32)
            ext = 0.12 * d
            p1 = (int(round(x1 - ext[0])), int(round(y1 - ext[1])))
            p2 = (int(round(x2 + ext[0])), int(round(y2 + ext[1])))
            cv2.line(long_edges, p1, p2, 255, 2)
    long_edges = cv2.morphologyEx(long_edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    # flood the background from a 1-pixel frame around the photo
    pad = cv2.copyMakeBorder(long_edges, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    mask = np.zeros((h + 4, w + 4), np.uint8)
    cv2.floodFill(pad, mask, (0, 0), 128)
    inside = (pad[1:-1, 1:-1] != 128).astype(np.uint8) * 255
    # cut thin bridges (a grain line touching the card) before taking outlines
    return cv2.morphologyEx(inside, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (7, 7)))


def _line_fill(gray: np.ndarray) -> np.ndarray:
    """Regions enclosed by long straight lines found at low contrast.

    A white card on a white desk differs by a few grey levels, too little for
    a colour threshold and too little for Canny's usual thresholds; but its
    edge is long and straight, so a Hough transform on very sensitive edges of
    a smoothed half-size copy still finds it, while texture, noise and letters
    give no long straight segments."""
    h, w = gray.shape
    small = cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(cv2.medianBlur(small, 5), (3, 3), 0)
    e = cv2.Canny(small, 4, 12)
    lines = np.zeros_like(small)
    if cv2.countNonZero(e) > 0.12 * e.size:  # a busy texture: no fill possible
        return np.zeros((h, w), np.uint8)
    sh, sw = small.shape
    segs = cv2.HoughLinesP(e, 1, np.pi / 360, threshold=30, minLineLength=int(0.1 * max(sh, sw)), maxLineGap=6)
    if segs is not None:
        for x1, y1, x2, y2 in segs.reshape(-1, 4)[:300]:
            d = np.array([x2 - x1, y2 - y1], dtype=np.float32) * 0.1
            cv2.line(lines, (int(x1 - d[0]), int(y1 - d[1])), (int(x2 + d[0]), int(y2 + d[1])), 255, 1)
    lines = cv2.resize(lines, (w, h), interpolation=cv2.INTER_NEAREST)
    lines = cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    pad = cv2.copyMakeBorder(lines, 1, 1, 1, 1, cv2.BORDER_CONSTANT, value=0)
    mask = np.zeros((h + 4, w + 4), np.uint8)
    cv2.floodFill(pad, mask, (0, 0), 128)
    inside = (pad[1:-1, 1:-1] != 128).astype(np.uint8) * 255
    return cv2.morphologyEx(inside, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))


# ---------------------------------------------------------------------------
# candidates from contours


def _refine_quad(contour: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """Corners as intersections of lines fitted to each side's contour points.

    More precise than approxPolyDP's vertices, and right for rounded corners:
    the fitted sides meet where the card's straight edges would."""
    pts = contour.reshape(-1, 2).astype(np.float32)
    lines = []
    for i in range(4):
        p, q = quad[i], quad[(i + 1) % 4]
        d = q - p
        L = float(np.linalg.norm(d))
        if L < 1:
            return quad
        u = d / L
        n = np.array([-u[1], u[0]])
        rel = pts - p
        along = rel @ u
        across = rel @ n
        tol = max(2.0, 0.02 * L)
        sel = (along > 0.15 * L) & (along < 0.85 * L) & (np.abs(across) < tol)
        if sel.sum() < 5:
            lines.append((p, u))
            continue
        vx, vy, x0, y0 = cv2.fitLine(pts[sel], cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    out = []
    for i in range(4):
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        a = np.array([[d1[0], -d2[0]], [d1[1], -d2[1]]])
        if abs(np.linalg.det(a)) < 1e-6:
            return quad
        t = np.linalg.solve(a, p2 - p1)
        out.append(p1 + t[0] * d1)
    res = np.array(out, dtype=np.float32)
    # Refinement must not move a corner far; if it did, a side was fitted to clutter.
    if np.max(np.linalg.norm(res - quad, axis=1)) > 0.08 * max(_side_lengths(quad)):
        return quad
    return res


def _quad_from_contour(contour: np.ndarray) -> Optional[np.ndarray]:
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.045, 0.06):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            return _order_quad(approx.reshape(4, 2))
        if len(approx) < 4:
            break
    # Rounded or clipped corners leave 5-8 vertices: the minimum-area rectangle
    # is then a good start for line fitting.
    box = cv2.boxPoints(cv2.minAreaRect(hull))
    return _order_quad(box)


def _edge_support(lab: np.ndarray, edge_near: np.ndarray, q: np.ndarray) -> tuple[float, int]:
    """How much each side looks like an edge: the fraction of points along it
    where the colour inside differs from the colour just outside, or where
    a fine edge runs along it (a white card on a white desk differs little in
    colour, but its edge is still a continuous line).

    Returns (the weakest side's support among the sides that lie inside the
    photo, the number of sides on the photo's border). A side on the border
    is a card cut by the frame, so it has no outside to compare."""
    h, w = lab.shape[:2]
    c = q.mean(axis=0)
    d = max(3.0, 0.006 * max(h, w))
    supports = []
    on_border = 0
    labf = lab
    for i in range(4):
        p, r = q[i], q[(i + 1) % 4]
        u = r - p
        L = float(np.linalg.norm(u))
        if L < 2:
            return 0.0, 0
        u = u / L
        n = np.array([-u[1], u[0]], dtype=np.float32)
        mid = (p + r) / 2
        if np.dot(mid - c, n) < 0:
            n = -n
        ts = np.linspace(0.08, 0.92, 40)
        pts = p[None, :] + ts[:, None] * (r - p)[None, :]
        outp = pts + 2 * d * n
        inp = pts - 2 * d * n
        inside_img = ((outp[:, 0] >= 0) & (outp[:, 0] < w) & (outp[:, 1] >= 0) & (outp[:, 1] < h))
        if inside_img.mean() < 0.5:
            on_border += 1
            continue
        outp, inp = outp[inside_img], inp[inside_img]
        inp[:, 0] = np.clip(inp[:, 0], 0, w - 1)
        inp[:, 1] = np.clip(inp[:, 1], 0, h - 1)
        oi = outp.astype(int)
        ii = inp.astype(int)
        a = labf[ii[:, 1], ii[:, 0]]
        b = labf[oi[:, 1], oi[:, 0]]
        diff = np.linalg.norm(a - b, axis=1)
        on = pts[inside_img].astype(int)
        on[:, 0] = np.clip(on[:, 0], 0, w - 1)
        on[:, 1] = np.clip(on[:, 1], 0, h - 1)
        line = edge_near[on[:, 1], on[:, 0]] > 0
        supports.append(max(float((diff > 7.0).mean()), float(line.mean()) * 0.9))
    if not supports:
        return 1.0, on_border
    return float(min(supports)), on_border


def _candidates(work: np.ndarray) -> list[_Candidate]:
    h, w = work.shape[:2]
    img_area = float(h * w)
    lab = cv2.cvtColor(cv2.GaussianBlur(work, (5, 5), 0), cv2.COLOR_BGR2LAB)
    fine = cv2.Canny(lab[:, :, 0], 8, 24)
    edge_near = cv2.dilate(fine, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5)))
    masks = _masks(lab)
    labf = lab.astype(np.float32)  # made after the masks, whose own working copies it would add to
    coarse = lab[::PAPER_STEP, ::PAPER_STEP]  # enough pixels for a paper's colour, a 16th of the work
    cands: list[_Candidate] = []
    for name, mask in masks:
        mode = cv2.RETR_LIST if name == "edges" else cv2.RETR_EXTERNAL
        contours, _ = cv2.findContours(mask, mode, cv2.CHAIN_APPROX_SIMPLE)
        for cnt in contours:
            area = abs(cv2.contourArea(cnt))
            if area < MIN_AREA_FRAC * img_area:
                continue
            hull = cv2.convexHull(cnt)
            hull_area = abs(cv2.contourArea(hull))
            if hull_area > 0.985 * img_area:
                continue  # the whole frame is not an outline
            solidity = area / max(hull_area, 1.0)
            if solidity < 0.85:
                continue
            quad = _quad_from_contour(cnt)
            if quad is None:
                continue
            quad = _refine_quad(cnt, quad)
            qa = _quad_area(quad)
            if qa < MIN_AREA_FRAC * img_area:
                continue
            rect = area / max(qa, 1.0)
            if rect < 0.85 or rect > 1.08:
                continue
            # convex quad with no very sharp or very obtuse corner (perspective <= ~35 deg)
            if not cv2.isContourConvex(quad.astype(np.float32).reshape(-1, 1, 2)):
                continue
            if not _angles_ok(quad):
                continue
            aspect = _long_aspect(_true_aspect(quad, (h, w)))
            support, on_border = _edge_support(labf, edge_near, quad)
            cut = on_border > 0
            lo = MIN_ASPECT if not cut else 1.0
            hi = MAX_ASPECT if not cut else 3.2
            if on_border >= 3 or support < 0.5:
                continue
            # score: straight solid outline, contrast on every side, a card's aspect
            asp_pen = 0.0 if TYPICAL_ASPECT[0] <= aspect <= TYPICAL_ASPECT[1] else 0.1
            score = 0.4 * min(rect, 1.0) + 0.4 * support + 0.2 * solidity - asp_pen - 0.1 * on_border
            # a clean rectangle of the wrong shape may be one panel of a two-panel card
            part = not (lo <= aspect <= hi)
            if part and not (0.8 <= aspect <= MAX_PANEL_ASPECT):
                continue
            cands.append(_Candidate(quad, qa, score, aspect, name, part, _paper(coarse, quad / PAPER_STEP)))
    return cands


PAPER_STEP = 4


def _paper(lab: np.ndarray, quad: np.ndarray) -> tuple[float, float, float]:
    """The commonest colour inside an outline (Lab, OpenCV's 8-bit scale): its paper."""
    x, y, w, h = cv2.boundingRect(quad.astype(np.int32).reshape(-1, 1, 2))
    x, y = max(x, 0), max(y, 0)
    roi = lab[y:y + h, x:x + w]
    mask = np.zeros(roi.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.round(quad - [x, y]).astype(np.int32), 1)
    inside = roi[mask > 0]
    if not len(inside):
        return (0.0, 128.0, 128.0)
    return tuple(float(v) for v in np.median(inside, axis=0))


def _shadow_cut(a: _Candidate, b: _Candidate) -> bool:
    """Whether two outlines side by side are one paper in two lights: the same hue, one
    clearly darker (a shadow's edge across a card), not two cards of their own colours."""
    if a.paper is None or b.paper is None:
        return False
    (la, aa, ba), (lb, ab, bb) = a.paper, b.paper
    return abs(la - lb) >= SHADOW_STEP and abs(aa - ab) <= SAME_HUE and abs(ba - bb) <= SAME_HUE


def _angles_ok(q: np.ndarray) -> bool:
    for i in range(4):
        a = q[i - 1] - q[i]
        b = q[(i + 1) % 4] - q[i]
        cosv = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
        ang = math.degrees(math.acos(max(-1.0, min(1.0, cosv))))
        if not (50 <= ang <= 130):
            return False
    return True


def _overlap(a: _Candidate, b: _Candidate) -> tuple[float, float]:
    """(intersection over union, intersection over the smaller area)."""
    inter, _ = cv2.intersectConvexConvex(a.quad.astype(np.float32), b.quad.astype(np.float32))
    inter = float(inter)
    union = a.area + b.area - inter
    return inter / max(union, 1e-6), inter / max(min(a.area, b.area), 1e-6)


def _shared_sides(inner: _Candidate, outer: _Candidate) -> int:
    """How many of inner's sides lie on one of outer's sides (a panel printed on a card)."""
    tol = 0.04 * math.sqrt(outer.area)
    n = 0
    for i in range(4):
        a, b = inner.quad[i], inner.quad[(i + 1) % 4]
        for j in range(4):
            p, r = outer.quad[j], outer.quad[(j + 1) % 4]
            u = (r - p) / (np.linalg.norm(r - p) + 1e-9)
            nrm = np.array([-u[1], u[0]])
            if abs(np.dot(a - p, nrm)) < tol and abs(np.dot(b - p, nrm)) < tol:
                n += 1
                break
    return n


# Two panels of one card meet along one whole edge: their sides there agree in length and
# place within this share of the side (a note or a card lying against a card meets it along
# a part of its side).
EDGE_MATCH = 0.15


def _one_edge(a: _Candidate, b: _Candidate) -> bool:
    """Whether a side of `a` and a side of `b` are one edge: the same length, end to end."""
    for i in range(4):
        p, q = a.quad[i], a.quad[(i + 1) % 4]
        for j in range(4):
            r, t = b.quad[j], b.quad[(j + 1) % 4]
            la, lb = float(np.linalg.norm(q - p)), float(np.linalg.norm(t - r))
            tol = EDGE_MATCH * max(la, lb)
            if abs(la - lb) > tol:
                continue
            # the same two ends, in either order
            if (np.linalg.norm(p - r) < tol and np.linalg.norm(q - t) < tol) or \
                    (np.linalg.norm(p - t) < tol and np.linalg.norm(q - r) < tol):
                return True
    return False


def _touching(a: _Candidate, b: _Candidate) -> bool:
    """Whether a side of `a` runs along `b`'s outline (the middle of the side lies on it):
    two pieces of one card, not two cards with table between them."""
    tol = 0.04 * math.sqrt(b.area)
    contour = b.quad.reshape(-1, 1, 2).astype(np.float32)
    for i in range(4):
        mid = (a.quad[i] + a.quad[(i + 1) % 4]) / 2.0
        if abs(cv2.pointPolygonTest(contour, (float(mid[0]), float(mid[1])), True)) < tol:
            return True
    return False


def _nested(inner: _Candidate, outer: _Candidate) -> bool:
    """inner lies (almost) wholly inside a clearly larger outer."""
    if inner is outer or outer.area < 1.2 * inner.area:
        return False
    return _overlap(inner, outer)[1] > 0.85


def _select(cands: list[_Candidate], max_cards: int, shape: tuple[int, int], has_text=None,
            print_beyond=None) -> list[_Candidate]:
    """Non-maximum suppression: the best outline per card, no nested duplicates.

    Nested outlines are either a panel printed on a card (it shares sides with
    the card: keep the card) or cards lying on a tray or sheet of paper (keep
    the cards). `print_beyond(outer, inner)` tells whether an outline holds print
    outside an outline nested in it (_has_letters with `without`)."""
    # Candidates found by several masks agree on a card: reward the agreement.
    for c in cands:
        votes = sum(1 for o in cands if o is not c and o.source != c.source and _overlap(c, o)[0] > 0.9)
        c.score += 0.03 * min(votes, 3)
    good = [c for c in sorted(cands, key=lambda c: -c.score) if c.score >= 0.75]
    # a card printed in two panels may be found only as its two halves: add
    # their union (the halves then drop out below as its panels)
    whole = [c for c in good if not c.part]
    parts = [c for c in good if c.part]
    good = sorted(whole + [j for j in _joined_halves(good, shape) if not _outlined(j, whole)], key=lambda c: -c.score)
    if has_text is not None:
        # A sticky note, a phone or a coloured box has a card's shape but no print.
        checked: list[tuple[_Candidate, bool]] = []
        keep = []
        for c in good:
            verdict = next((v for o, v in checked if _overlap(c, o)[0] > 0.9), None)
            if verdict is None:
                verdict = has_text(c.quad)
                checked.append((c, verdict))
            if verdict:
                keep.append(c)
        good = keep
    # A container (a tray, a sheet of paper, a region of table around several
    # cards) holds an outline that is not its own panel, or several separate
    # ones; it is dropped first, so that cards in its corners are not taken
    # for its panels. A panel is nested in a card and shares two sides with it.
    def is_tray(c: _Candidate) -> bool:
        inner = [(o, _shared_sides(o, c)) for o in good if _nested(o, c)]
        if any(n == 0 for _, n in inner):
            return True  # something lies inside it, touching none of its sides
        # several card-shaped outlines inside it. Two pieces of one card (a colour panel
        # and the rest, or the parts a shadow's edge cuts) can be card-shaped too, but
        # they tile a card-shaped outline, which two whole cards never do (side by side
        # they make a near square or a strip twice a card's length).
        loose = [o for o, n in inner if TYPICAL_ASPECT[0] <= o.aspect <= TYPICAL_ASPECT[1]]
        # A card seen at a steep angle can measure as short as two cards one above the
        # other: then only a shadow's edge (one paper in two lights) makes them pieces.
        def pieces(a: _Candidate, b: _Candidate) -> bool:
            if a.area + b.area < TILED * c.area or not (MIN_ASPECT <= c.aspect <= TYPICAL_ASPECT[1]):
                return False
            # (cards are all about one size: two pieces of one card seldom are)
            unequal = max(a.area, b.area) >= UNEQUAL * min(a.area, b.area)
            return (c.aspect >= TYPICAL_ASPECT[0] and unequal) or _shadow_cut(a, b)

        return any(_overlap(a, b)[1] < 0.2 and not pieces(a, b) for i, a in enumerate(loose) for b in loose[i + 1:])

    good = [c for c in good if not is_tray(c)]

    def piece_of(c: _Candidate, o: _Candidate) -> bool:
        """c is a part of card o: a panel sharing two of its sides, or a piece along one side
        (a colour panel, or a part cut off by a shadow's edge) beside the rest of o's print.
        A card lying along the edge of a sheet of paper shares one side too, but the blank
        sheet holds no print beyond it."""
        if not _nested(c, o):
            return False
        shared = _shared_sides(c, o)
        if shared >= 2:
            return True
        # (not inside a union of two parts: that is made up, and may reach into the next card)
        return (shared == 1 and print_beyond is not None and o.source != "joined"
                and TYPICAL_ASPECT[0] <= o.aspect <= TYPICAL_ASPECT[1]
                and o.area <= PIECE_AREA * c.area and print_beyond(o.quad, c.quad))

    def outers(c: _Candidate) -> list[_Candidate]:
        return [o for o in good if piece_of(c, o)]

    def clashes(c: _Candidate) -> bool:
        return any(iou > 0.3 or inside > 0.5 for iou, inside in (_overlap(c, k) for k in kept))

    panels = [c for c in good if outers(c)]
    kept: list[_Candidate] = []
    for c in good:
        if not any(c is p for p in panels) and not clashes(c):
            kept.append(c)
    # A panel gives way to its card only when that card is kept: an outline that
    # lost to another card (a region joining two cards) must not take a card with it.
    # Largest first, so that a card comes back before its own panels.
    for c in sorted(panels, key=lambda c: -c.area):
        if not any(any(o is k for k in kept) for o in outers(c)) and not clashes(c):
            kept.append(c)
    # Among other cards on a table, a panel whose other half was not found (a stripe close
    # to the table's colour) is the card's print all the same: read it rather than lose
    # the card. Not beside a card it shares a side with (the other piece of a card cut by
    # a shadow), nor with one card or none found (the fallbacks read wider there).
    if len(kept) >= 2 and has_text is not None:
        for c in sorted(parts, key=lambda c: -c.area):
            if len(kept) < max_cards and not clashes(c) and not any(_nested(k, c) for k in kept) \
                    and not any(_touching(c, k) for k in kept) and has_text(c.quad):
                kept.append(c)
    return kept[:max_cards]


# Two outlines inside a card-shaped one that cover this share of it are its pieces.
TILED = 0.55
# Two outlines this much apart in area are not two whole cards.
UNEQUAL = 1.25
# One paper in two lights: lightness apart by this much, hue (a and b) within this.
SHADOW_STEP = 15.0
SAME_HUE = 6.0
# A piece along one side of a card covers at least this share of it (1/PIECE_AREA): a card
# on a sheet of paper or a tray is a smaller share of it.
PIECE_AREA = 6.0


def _outlined(joined: _Candidate, whole: list[_Candidate]) -> bool:
    """Whether a card's own outline holds two joined parts: a card-shaped outline
    covering them and little more (a white margin below a printed band, which the
    band and the part above it leave out). The card's outline is then the card."""
    return any(_overlap(joined, c)[1] > 0.9 and joined.area <= c.area <= 1.25 * joined.area
               and TYPICAL_ASPECT[0] <= c.aspect <= TYPICAL_ASPECT[1] for c in whole)


def _joined_halves(cands: list[_Candidate], shape: tuple[int, int]) -> list[_Candidate]:
    """Join two outlines that are the two colour panels of one card.

    A card printed half in a colour close to the desk and half white is found
    as two rectangles sharing a side; together they make one card-shaped
    rectangle, which two separate cards side by side never do (their union is
    twice as long or nearly square)."""
    joined: list[_Candidate] = []
    for i, a in enumerate(cands):
        for b in cands[i + 1:]:
            if _overlap(a, b)[1] > 0.1:
                continue  # the same outline twice, or nested: not two halves
            if (_shared_sides(a, b) < 1 and _shared_sides(b, a) < 1) or not _one_edge(a, b):
                continue
            hull = cv2.convexHull(np.concatenate([a.quad, b.quad]).reshape(-1, 1, 2).astype(np.float32))
            quad = _quad_from_contour(hull)
            qa = _quad_area(quad)
            if (a.area + b.area) / max(qa, 1.0) < 0.93:
                continue
            aspect = _long_aspect(_true_aspect(quad, shape))
            # Two card-shaped outlines may be two cards: their union must look like one.
            # A part that is no card's shape can only be a piece of one, and the union is
            # then allowed the range of a card seen at a steep angle.
            lo, hi = (MIN_ASPECT, MAX_ASPECT) if a.part or b.part else TYPICAL_ASPECT
            if not (lo <= aspect <= hi):
                continue
            union = _Candidate(quad, qa, 0, 0, "")
            if any(_overlap(j, union)[0] > 0.9 for j in joined):
                continue
            # A part inside another card's outline is that card's panel: joined with a
            # panel of the card beside it (two cards with dark stripes, one above the
            # other), it makes a card-shaped union that is no card.
            if any(not c.part and TYPICAL_ASPECT[0] <= c.aspect <= TYPICAL_ASPECT[1]
                   and (_nested(a, c) or _nested(b, c)) and _overlap(union, c)[1] < 0.85 for c in cands):
                continue
            # A union of a card's shape only at a steep angle is a last resort: not where
            # an outline of the card's own holds it (the parts were a panel and a piece a
            # shadow cut from the rest, and their union misses the rest).
            if not (TYPICAL_ASPECT[0] <= aspect <= TYPICAL_ASPECT[1]) and any(
                    not c.part and c.area >= qa and _overlap(union, c)[1] > 0.85 for c in cands):
                continue
            joined.append(_Candidate(quad, qa, max(a.score, b.score) + 0.05, aspect, "joined"))
    return joined


# ---------------------------------------------------------------------------
# warping and whole-image fallback


def _warp(full: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The card flattened, at the size for_ocr reads it: its print at TARGET_TEXT_PX when
    the photo has more pixels than that, else every pixel the photo has along the card.

    A card filling a 12-MP photo flattens to ~4000 px a side with letters three times
    taller than Tesseract needs; making that and shrinking it later costs time and
    hundreds of MB. So the print is measured on a small warp first, and the card is
    warped once from a copy of its region shrunk (by area) to the final scale."""
    h, w = full.shape[:2]
    aspect = _true_aspect(quad, (h, w))  # width / height of the rectangle tl->tr vs tl->bl
    s = _side_lengths(quad)
    width_px = max(s[0], s[2])
    height_px = max(s[1], s[3])
    # keep the resolution the photo has along the card's longer side
    if aspect >= 1:
        out_w = max(width_px, height_px * aspect)
        out_h = out_w / aspect
    else:
        out_h = max(height_px, width_px / aspect)
        out_w = out_h * aspect
    # never more pixels than the card covers in the photo, give or take perspective: a
    # wrong aspect estimate must not blow a card up past the photo's own resolution
    grow = math.sqrt(max(1.0, out_w * out_h / max(2.0 * _quad_area(quad), 1.0)))
    scale = min(1.0, MAX_CARD_SIDE / max(out_w, out_h)) / grow
    out_w, out_h = out_w * scale, out_h * scale
    roi, src = _roi_around(full, quad)
    return _warp_for_reading(roi, src, out_w, out_h)


def _warp_for_reading(roi: np.ndarray, src: np.ndarray, out_w: float, out_h: float,
                      fill: Optional[tuple[float, ...]] = None) -> np.ndarray:
    """The quad `src` of `roi` warped to out_w x out_h, or smaller when its print, measured
    on a small warp first, is larger than for_ocr reads it (see _warp)."""
    p = MEASURE_SIDE / max(out_w, out_h)
    if p < 1:
        preview = _warp_region(roi, src, out_w * p, out_h * p, fill)
        th = text_height(cv2.cvtColor(preview, cv2.COLOR_BGR2GRAY))
        if th:
            f = ocr_scale(th / p, int(round(out_h)), int(round(out_w)))
            if f < SHRINK_BELOW:
                out_w, out_h = out_w * f, out_h * f
    return _warp_region(roi, src, out_w, out_h, fill)


def _roi_around(full: np.ndarray, quad: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The image's region around `quad` (a view, not a copy) and the quad in its coordinates:
    a warp from it touches only the card's pixels."""
    h, w = full.shape[:2]
    x0, y0 = np.maximum(np.floor(quad.min(axis=0)).astype(int) - 2, 0)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int) + 2
    x1, y1 = min(int(x1), w), min(int(y1), h)
    src = (quad - np.array([x0, y0], dtype=np.float32)).astype(np.float32)
    return full[y0:y1, x0:x1], src


def _warp_region(roi: np.ndarray, src: np.ndarray, out_w: float, out_h: float,
                 fill: Optional[tuple[float, ...]] = None) -> np.ndarray:
    """The quad `src` of `roi` warped to out_w x out_h; a region much larger than the
    result is first shrunk by area averaging, so small print is not aliased away.
    Outside the image: its edge pixels repeated, or the colour `fill`."""
    out_w, out_h = max(int(round(out_w)), 8), max(int(round(out_h)), 8)
    s = _side_lengths(src)
    # the card's pixels per output pixel along its sides (the nearer side, the larger)
    f = min(1.0, 1.25 * max(out_w / max(min(s[0], s[2]), 1.0), out_h / max(min(s[1], s[3]), 1.0)))
    if f < 0.8:
        rh, rw = roi.shape[:2]
        sw, sh = max(1, int(round(rw * f))), max(1, int(round(rh * f)))
        roi = cv2.resize(roi, (sw, sh), interpolation=cv2.INTER_AREA)
        src = ((src + 0.5) * np.float32([sw / rw, sh / rh]) - 0.5).astype(np.float32)
    dst = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    if fill is not None:
        return cv2.warpPerspective(roi, m, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                                   borderValue=fill)
    return cv2.warpPerspective(roi, m, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def _letter_sized(bw: np.ndarray, max_frac: float = 0.15) -> np.ndarray:
    """The binary image without blobs taller than a letter can be (a vertical rule, a
    card's frame, an edge at an angle): smeared along the lines, a line of text that
    touches one became a single shapeless blob, and its angle was lost."""
    n, lab, stats, _ = cv2.connectedComponentsWithStats(bw, connectivity=8)
    tall = stats[:, cv2.CC_STAT_HEIGHT] > max_frac * min(bw.shape)
    tall[0] = False
    if not tall.any():
        return bw
    return np.where(tall[lab], 0, bw).astype(np.uint8)


def estimate_skew(gray: np.ndarray, *, letters_only: bool = False) -> float:
    """The small rotation (degrees, counter-clockwise positive as cv2 uses) that levels the text lines.

    Text pixels are joined into line-shaped blobs; the median angle of the
    long thin ones is the skew. 0 when there are too few lines to tell.
    letters_only leaves out blobs taller than a letter first (see _letter_sized): print
    touching a rule keeps its angle, but on a card of large letters and printed rings
    the letter-sized rest gave 1.3 degrees where the lines were level."""
    angles, weights = _line_angles(gray, letters_only=letters_only)
    if len(angles) < 3:
        return 0.0
    return weighted_median(angles, weights)


# Print at another slant than most of a photo's lines (a card askew among level sheets): a
# group of lines this many degrees or more from the median, at least this share of the lines'
# length and this many lines.
OTHER_SLANT_APART = 5.0
OTHER_SLANT_SHARE = 0.25
OTHER_SLANT_LINES = 4


def other_slant(gray: np.ndarray) -> Optional[float]:
    """The slant of the second group of a photo's lines of print, when there is one (see
    OTHER_SLANT_*), else None: the rotation that levels them, as estimate_skew gives it."""
    angles, weights = _line_angles(gray)
    if len(angles) < 3:
        return None
    main = weighted_median(angles, weights)
    rest = [(a, wt) for a, wt in zip(angles, weights) if abs(a - main) >= OTHER_SLANT_APART]
    if len(rest) < OTHER_SLANT_LINES or sum(wt for _, wt in rest) < OTHER_SLANT_SHARE * sum(weights):
        return None
    return weighted_median([a for a, _ in rest], [wt for _, wt in rest])


def _line_angles(gray: np.ndarray, *, letters_only: bool = False) -> tuple[list[float], list[float]]:
    """The angles of the long thin blobs that print's lines make (see estimate_skew), each with
    its length as its weight."""
    h, w = gray.shape[:2]
    s = 800.0 / max(h, w)
    g = cv2.resize(gray, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA) if s < 1 else gray
    bw = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    if letters_only:
        bw = _letter_sized(bw)
    # Smear horizontally to join letters into lines (vertical text gives tall blobs, ignored).
    bw = cv2.morphologyEx(bw, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 3)))
    n, lab, stats, _ = cv2.connectedComponentsWithStats(bw)
    angles, weights = [], []
    for i in range(1, n):
        x, y, ww, hh, area = stats[i]
        if area < 60 or ww < 40:
            continue
        ys, xs = np.nonzero(lab[y:y + hh, x:x + ww] == i)
        (cx, cy), (rw, rh), ang = cv2.minAreaRect(np.column_stack([xs, ys]).astype(np.float32))
        if rw < rh:
            rw, rh = rh, rw
            ang += 90
        if rw < 4 * rh:
            continue
        ang = (ang + 90) % 180 - 90
        if abs(ang) > 20:
            continue
        angles.append(ang)
        weights.append(rw)
    return angles, weights


def weighted_median(values: list[float], weights: list[float]) -> float:
    """The value at which half the weight lies on either side (the angle most of the lines'
    length agrees on, each line weighing by its length)."""
    order = np.argsort(values)
    cum = np.cumsum(np.asarray(weights, float)[order])
    return float(np.asarray(values, float)[order][np.searchsorted(cum, cum[-1] / 2)])


def deskew(pixels: np.ndarray) -> np.ndarray:
    gray = cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY) if pixels.ndim == 3 else pixels
    ang = estimate_skew(gray)
    if abs(ang) < 0.5:
        # No tilt seen may be print that touches a rule (one blob, no lines). Only a
        # clear tilt of the letters alone is trusted: a degree or so from fragments of
        # a printed pattern cost a real card its one read.
        ang = estimate_skew(gray, letters_only=True)
        if abs(ang) <= SKEWED_TEXT:
            return pixels
    del gray  # not beside the turned copy: on a print cut out of a 12-MP photo each is tens of MB
    return turned(pixels, ang)


def turned(pixels: np.ndarray, ang: float, fill: Optional[float] = None) -> np.ndarray:
    """pixels turned by ang degrees (counter-clockwise), grown to keep every corner; the
    corners opened are `fill` (a grey level), or the edge pixels drawn out."""
    h, w = pixels.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    if fill is None:
        return cv2.warpAffine(pixels, m, (nw, nh), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    value = (fill,) * (pixels.shape[2] if pixels.ndim == 3 else 1)
    return cv2.warpAffine(pixels, m, (nw, nh), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=value)


# Letters for the whole-image fallback are looked for on a copy this long: fine
# enough that a card's small print in a 12-MP photo still makes letter-sized blobs.
FALLBACK_SIDE = 2000
# Degrees: text lines this far off a card's sides mean its outline is wrong.
SKEWED_TEXT = 4.0
# The print is cut out only when it covers less than this share of the image
# (a card that fills the frame, or a scan, is read whole as before).
CROP_BELOW = 0.4
# ... and of a photo (camera proportions), where the rest is table, wall or
# shadow, and Tesseract's page layout drops lines beside large empty areas.
CROP_PHOTO_BELOW = 0.65
# Long side / short side of common card sizes (ISO 85.6x54, Japan 91x55, 85x50, US 3.5x2,
# Europe 90x50) and of camera frames (3:2, 4:3, 16:9), which must not pass for cards.
CARD_RATIOS = (1.586, 1.655, 1.7, 1.75, 1.8)
CAMERA_RATIOS = (1.5, 4 / 3, 16 / 9)


def card_shaped(pixels: np.ndarray) -> bool:
    """An image of a card's proportions is most likely the card itself (a scan or a
    cropped design), to be read whole; a photo has a camera's proportions."""
    h, w = pixels.shape[:2]
    ratio = max(h, w) / max(1, min(h, w))
    if any(abs(ratio - r) < 0.01 for r in CAMERA_RATIOS):
        return False
    return any(abs(ratio - r) < 0.04 for r in CARD_RATIOS)


def _letter_centres(g: np.ndarray, polarity: str) -> tuple[np.ndarray, np.ndarray]:
    """Centres (N x 2) and sizes (N) of letter-like blobs with a like blob beside them, at any angle.

    Unlike _letter_heights this does not assume level lines: the neighbour test
    is a distance between centres, so text turned 30 or 90 degrees counts too."""
    mode = cv2.THRESH_BINARY_INV if polarity == "dark" else cv2.THRESH_BINARY
    c = 15 if polarity == "dark" else -15
    bw = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, mode, 41, c)
    n, _, stats, cent = cv2.connectedComponentsWithStats(bw, connectivity=8)
    empty = (np.zeros((0, 2), np.float32), np.zeros(0, np.float32))
    if n < 2:
        return empty
    ww = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float32)
    hh = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float32)
    area = stats[1:, cv2.CC_STAT_AREA].astype(np.float32)
    size = np.maximum(ww, hh)
    fill = area / np.maximum(ww * hh, 1)
    ok = ((size >= 6) & (size <= 0.12 * min(g.shape)) & (np.minimum(ww, hh) >= 0.08 * size)
          & (fill > 0.1) & (fill < 0.9))
    idx = np.nonzero(ok)[0]
    if len(idx) < 4:
        return empty
    if len(idx) > 2500:  # keep the pairwise check cheap
        idx = idx[np.argsort(-area[idx])[:2500]]
    xy = cent[1:][idx].astype(np.float32)
    sz = size[idx]
    d = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    # neighbours: the gap between the blobs' extents under a letter's width (blurred
    # print joins letters into words, so blobs differ in size along a line)
    small = np.minimum(sz[:, None], sz[None, :])
    near = (d < 0.5 * (sz[:, None] + sz[None, :]) + 0.6 * small) & (small >= 0.2 * np.maximum(sz[:, None], sz[None, :]))
    np.fill_diagonal(near, False)
    linked = near.sum(axis=1) >= 1
    return xy[linked], sz[linked]


def _line_angle(xy: np.ndarray, size: float) -> float:
    """The direction (degrees in [0, 180), image axes) along which letter centres line up.

    Projected across the right direction, the centres of a line fall in one
    narrow band: the angle whose projection is the most peaked wins."""
    pts = xy - xy.mean(axis=0)
    bin_w = max(1.0, 0.5 * size)

    def peakedness(deg: float) -> float:
        t = math.radians(deg)
        v = -pts[:, 0] * math.sin(t) + pts[:, 1] * math.cos(t)
        hist = np.bincount(((v - v.min()) / bin_w).astype(np.int64))
        return float(np.dot(hist, hist))

    best = max(np.arange(0.0, 180.0, 1.0), key=peakedness)
    fine = max(np.arange(best - 1.0, best + 1.01, 0.1), key=peakedness)
    return float(fine % 180.0)


def _reading_angle(deg: float) -> float:
    """A direction of lines from _line_angle ([0, 180)) as the turn that levels them, in (-90, 90]:
    lines run left to right, so a nearly level photo stays the right way up."""
    return deg - 180.0 if deg > 90.0 else deg


def _letter_groups(u: np.ndarray, v: np.ndarray, size: float) -> np.ndarray:
    """A group label (from 1) for each letter at (u, v) along and across its lines:
    letters up to a dozen letter sizes apart (the gaps between a card's blocks of
    text) are one group."""
    cell = max(2.0, size)
    cu = ((u - u.min()) / cell).astype(np.int32)
    cv_ = ((v - v.min()) / cell).astype(np.int32)
    grid = np.zeros((cv_.max() + 1, cu.max() + 1), np.uint8)
    grid[cv_, cu] = 255
    grid = cv2.dilate(grid, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (13, 13)))
    _, labels = cv2.connectedComponents(grid, connectivity=8)
    return labels[cv_, cu]


def _along_lines(xy: np.ndarray, deg: float) -> tuple[np.ndarray, np.ndarray]:
    """Points (N x 2) in the frame of lines running at `deg`: (along, across)."""
    t = math.radians(deg)
    cos, sin = math.cos(t), math.sin(t)
    return xy[:, 0] * cos + xy[:, 1] * sin, -xy[:, 0] * sin + xy[:, 1] * cos


def _text_body(found: tuple[np.ndarray, np.ndarray]) -> tuple[int, float]:
    """How many letters the largest group of `found` (centres, sizes) holds, and the angle
    its lines run at (0 when there are too few letters to tell)."""
    xy, sz = found
    if len(xy) < 12:
        return len(xy), 0.0
    med = float(np.median(sz))
    deg = _line_angle(xy, med)
    counts = np.bincount(_letter_groups(*_along_lines(xy, deg), med))
    counts[0] = 0
    return int(counts.max()), deg


def text_quad(pixels: np.ndarray) -> Optional[np.ndarray]:
    """Where the print is when no card outline was trusted: a rectangle (tl, tr, br, bl,
    full-image coordinates) around the main body of text, its top side along the text
    lines; None when no text is seen or the text fills most of the image anyway.

    A card whose outline is lost (white on white, cut by a shadow, partly under
    another object) still shows its letters; reading just them, level, works where
    Tesseract reads nothing on a whole photo with the card turned 30 degrees."""
    h, w = pixels.shape[:2]
    g, s = _for_letters(pixels)
    # dark print on a light card or light on a dark one: the polarity whose letters
    # make the larger body of text (the other finds gaps and specks; on a desk of
    # printed papers and a keyboard, the gaps between their bars and keys can
    # outnumber a card's letters, but they are strewn over the photo)
    found = sorted(((_text_body(f), f) for f in (_letter_centres(g, p) for p in ("dark", "light"))),
                   key=lambda bf: bf[0][0])
    (_, deg), (xy, sz) = found[1]
    if len(xy) < 12:
        return None
    med = float(np.median(sz))
    # the region takes both: a dark card with a light panel has print of each kind
    xy = np.concatenate([found[1][1][0], found[0][1][0]])
    sz = np.concatenate([found[1][1][1], found[0][1][1]])
    deg = _reading_angle(deg)
    u, v = _along_lines(xy, deg)
    # The body of text: the biggest group of letters and any nearly as big (two cards
    # side by side). Print on papers around the card is left out; a whole-image read
    # follows if this one finds nothing.
    group = _letter_groups(u, v, med)
    counts = np.bincount(group)
    counts[0] = 0
    keep = np.isin(group, np.nonzero(counts >= 0.4 * counts.max())[0])
    if keep.sum() < 12:
        return None
    # Smaller groups near it belong to the same card: a name set apart above the
    # details of a vertical card, a logo in a corner. Level print is only ever cut
    # free of empty space, never of other print: on a card cropped by an app, the
    # name stands far from the details.
    level = abs(deg) < 2.0
    reach = np.inf if level else max(np.ptp(u[keep]), np.ptp(v[keep]))
    near = ((u >= u[keep].min() - reach) & (u <= u[keep].max() + reach)
            & (v >= v[keep].min() - reach) & (v <= v[keep].max() + reach))
    for g in np.nonzero(counts >= 4)[0]:
        if np.all(near[group == g]):
            keep |= group == g
    quad, area = _around_print(u[keep], v[keep], sz[keep], med, deg)
    limit = CROP_BELOW if card_shaped(pixels) else CROP_PHOTO_BELOW
    if level and area / (s * s) > limit * h * w:
        return None
    return quad / s


def _for_letters(pixels: np.ndarray) -> tuple[np.ndarray, float]:
    """The image in gray at no more than FALLBACK_SIDE, softened, for _letter_centres; and its scale."""
    gray = cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY) if pixels.ndim == 3 else pixels
    h, w = gray.shape
    s = min(1.0, FALLBACK_SIDE / max(h, w))
    g = cv2.resize(gray, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA) if s < 1 else gray
    return cv2.GaussianBlur(g, (0, 0), 1.0), s  # sensor noise must not pass for letters


def _around_print(u: np.ndarray, v: np.ndarray, sz: np.ndarray, med: float, deg: float) -> tuple[np.ndarray, float]:
    """The rectangle (tl, tr, br, bl) around letters at (u, v) along and across lines running at
    `deg`, with a margin; and its area."""
    t = math.radians(deg)
    cos, sin = math.cos(t), math.sin(t)
    half = sz / 2
    u0, u1 = float((u - half).min()), float((u + half).max())
    v0, v1 = float((v - half).min()), float((v + half).max())
    # a wide margin: faint or tiny print beside the letters found must not be cut off
    mu, mv = 3 * med + 0.08 * (u1 - u0), 3 * med + 0.08 * (v1 - v0)
    u0, u1, v0, v1 = u0 - mu, u1 + mu, v0 - mv, v1 + mv
    corners = [(u0, v0), (u1, v0), (u1, v1), (u0, v1)]
    quad = np.array([(a * cos - b * sin, a * sin + b * cos) for a, b in corners], np.float32)
    return quad, (u1 - u0) * (v1 - v0)


# Print outside the outlines found in a photo of several cards: a card whose outline was lost
# among them (white on a white sheet, dark blue on dark wood) still shows its letters. A body of
# letters counts as a card when it holds this share of an outlined card's letters (on average),
# and at least BESIDE_MIN_LETTERS ...
BESIDE_SHARE = 0.6
BESIDE_MIN_LETTERS = 20
# ... in letters not far from the outlined cards' size (a card's small print is half their
# headlines' size; what is far larger or smaller is no card's) ...
BESIDE_SIZE = (0.4, 2.5)
# ... and no nearer an outline than this share of its shorter side (letters that near are the
# outlined card's own, past an edge found a little inside it).
BESIDE_MARGIN = 0.2


def print_beside(pixels: np.ndarray, quads: list[np.ndarray], max_more: int) -> list[np.ndarray]:
    """Rectangles (tl, tr, br, bl, image coordinates, like text_quad's) around bodies of print
    outside the card outlines `quads` (two or more), the largest first, at most `max_more`."""
    if len(quads) < 2 or max_more < 1:
        return []
    g, s = _for_letters(pixels)
    both = [_letter_centres(g, p) for p in ("dark", "light")]
    xy = np.concatenate([b[0] for b in both])
    sz = np.concatenate([b[1] for b in both])
    if len(xy) < BESIDE_MIN_LETTERS:
        return []
    inside = np.zeros(g.shape, np.uint8)
    for q in quads:
        cv2.fillPoly(inside, [np.round(q * s).astype(np.int32)], 255)
    col = np.clip(xy[:, 0].astype(np.int32), 0, g.shape[1] - 1)
    row = np.clip(xy[:, 1].astype(np.int32), 0, g.shape[0] - 1)
    within = inside[row, col] > 0
    if not within.any():
        return []
    card_size = float(np.median(sz[within]))
    per_card = within.sum() / len(quads)
    reach = BESIDE_MARGIN * min(float(_side_lengths(q * s).min()) for q in quads)
    # (each pixel's distance to the nearest outline: far cheaper than dilating by the reach)
    away = cv2.distanceTransform(cv2.bitwise_not(inside), cv2.DIST_L2, 3)
    out = away[row, col] > reach
    xy, sz = xy[out], sz[out]
    least = max(BESIDE_MIN_LETTERS, BESIDE_SHARE * per_card)
    if len(xy) < least:
        return []
    med = float(np.median(sz))
    deg = _reading_angle(_line_angle(xy, med))
    u, v = _along_lines(xy, deg)
    group = _letter_groups(u, v, med)
    counts = np.bincount(group)
    counts[0] = 0
    found = []
    for k in np.argsort(-counts):
        if counts[k] < least or len(found) == max_more:
            break
        mine = group == k
        size = float(np.median(sz[mine]))
        if not BESIDE_SIZE[0] * card_size <= size <= BESIDE_SIZE[1] * card_size:
            continue
        quad, _ = _around_print(u[mine], v[mine], sz[mine], size, deg)
        found.append(quad / s)
    return found


# A photo that gave nothing, read whole or cut out, has its bodies of print read one by one:
# at most BODIES_READ of them, the largest first, each of at least BODY_LETTERS letters.
BODIES_READ = 3
BODY_LETTERS = 12


def text_bodies(pixels: np.ndarray, most: int = BODIES_READ) -> list[np.ndarray]:
    """Rectangles (tl, tr, br, bl, image coordinates, like text_quad's) around each body of
    print of one kind (dark on light, light on dark) on its own, at its own angle, the one with
    the most letters first, at most `most`.

    On a desk of papers the print cut out by text_quad spans the card and a sheet's ruled
    lines (the gaps between its bars pass for light letters), and Tesseract's layout analysis,
    among the bars and the wood's grain, finds no text at all where the card's print alone
    reads."""
    g, s = _for_letters(pixels)
    found: list[tuple[int, np.ndarray]] = []
    for polarity in ("dark", "light"):
        xy, sz = _letter_centres(g, polarity)
        if len(xy) < BODY_LETTERS:
            continue
        med = float(np.median(sz))
        group = _letter_groups(*_along_lines(xy, _line_angle(xy, med)), med)
        counts = np.bincount(group)
        counts[0] = 0
        for k in np.nonzero(counts >= BODY_LETTERS)[0]:
            mine = group == k
            size = float(np.median(sz[mine]))
            # (a card askew among level sheets runs at an angle of its own)
            deg = _reading_angle(_line_angle(xy[mine], size))
            quad, _ = _around_print(*_along_lines(xy[mine], deg), sz[mine], size, deg)
            found.append((int(counts[k]), quad / s))
    found.sort(key=lambda f: -f[0])
    return [q for _, q in found[:most]]


def body_cards(photo: Photo) -> Iterator[CardImage]:
    """Each of the photo's bodies of print (see text_bodies) cut out and level, read as a card
    with no outline."""
    full = _to_bgr(photo.pixels)
    for quad in text_bodies(full):
        yield _print_card(photo, full, quad)


def _print_card(photo: Photo, full: np.ndarray, quad: np.ndarray) -> CardImage:
    """The print inside `quad` cut out of `full` (the photo in BGR) and level, as a card with no
    outline, its rectangle recorded as the quad."""
    return CardImage(photo.source, 0, text_crop(full, quad), tuple((float(x), float(y)) for x, y in quad), 0, False)


def text_crop(pixels: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The rectangle `quad` (from text_quad) cut out of the image, its text level."""
    s = _side_lengths(quad)
    scale = min(1.0, MAX_CARD_SIDE / max(s[0], s[1], 1.0))
    roi, src = _roi_around(_to_bgr(pixels), quad)
    # The margin around the print may reach past the image's edge. In a photo it is
    # filled with the region's own median tone: the photo's edge pixels repeated make
    # streaks that read as bars of letters and mislead the orientation check. An image
    # shaped like a card is the card (a scan, a crop): its edge is the card's own margin,
    # repeated as it is.
    fill = None
    if not card_shaped(pixels):
        step = max(1, max(roi.shape[:2]) // 200)
        fill = tuple(float(v) for v in np.median(roi[::step, ::step].reshape(-1, 3), axis=0))
    # the angle found from letter centres is coarse (blurred print joins letters
    # into words of all lengths): the line-fitting estimate levels what is left.
    # Cut out at the size it is read at: print cut out of a 12-MP photo at its full
    # resolution, turned, took 90 MB, and every step after it worked on that.
    return deskew(_warp_for_reading(roi, src, s[0] * scale, s[1] * scale, fill))


# Two outlines are pieces of one card when, together, they cover this share of the rectangle
# around both, and each spans this share of its width across the line they lie along.
PIECES_COVER = 0.5
PIECE_SPAN = 0.85
# Between two pieces that each have a card's shape, the card's shaded middle: at least this
# share of the rectangle around both, and at least this far (CIELAB distance, OpenCV's 8-bit
# scale) from the ground right beside it. Between two whole cards lies the ground itself.
GAP_SHARE = 0.03
GAP_CONTRAST = 30.0


def joined_outline(photo: Photo, a: tuple, b: tuple, index: int, others: tuple = ()) -> Optional[CardImage]:
    """The card that two outlines are pieces of, or None: a shadow's edge or a band of another
    tone across a card can part it into a lit piece, a shaded one and a coloured panel, of
    which the outlines found only some. The pieces lie one after the other along the card's
    length, each as wide as the card, and together they make a card's shape; the card is the
    rectangle around both, with what lies between them. Two whole cards lying in a column
    have that shape too: when both outlines have a card's shape of their own, what lies
    between them must be card, not the ground around it (see _card_between), and no other
    outline of `others` may lie there."""
    pa, pb = np.float32(a).reshape(4, 2), np.float32(b).reshape(4, 2)
    shape = photo.pixels.shape[:2]
    both_shaped = all(TYPICAL_ASPECT[0] <= _long_aspect(_true_aspect(q, shape)) <= TYPICAL_ASPECT[1] for q in (pa, pb))
    (cx, cy), (rw, rh), ang = cv2.minAreaRect(np.vstack([pa, pb]))
    if min(rw, rh) < 1:
        return None
    aspect = max(rw, rh) / min(rw, rh)
    if not TYPICAL_ASPECT[0] <= aspect <= TYPICAL_ASPECT[1]:
        return None
    if (_quad_area(pa) + _quad_area(pb)) / (rw * rh) < PIECES_COVER:
        return None
    # the rectangle's short axis: each piece must reach across it
    t = math.radians(ang)
    axis = np.float32([math.cos(t), math.sin(t)]) if rw < rh else np.float32([-math.sin(t), math.cos(t)])
    short = min(rw, rh)
    for q in (pa, pb):
        span = q @ axis
        if float(span.max() - span.min()) < PIECE_SPAN * short:
            return None
    quad = _order_quad(cv2.boxPoints(((cx, cy), (rw, rh), ang)))
    full = _to_bgr(photo.pixels)
    if both_shaped and not _card_between(full, pa, pb, quad, [np.float32(q).reshape(4, 2) for q in others]):
        return None
    return CardImage(photo.source, index, _warp(full, quad), tuple((float(x), float(y)) for x, y in quad), 0, True)


def _card_between(full: np.ndarray, pa: np.ndarray, pb: np.ndarray, around: np.ndarray, others: list) -> bool:
    """Whether what lies between two outlines, inside the rectangle `around` both, is card:
    enough of it (GAP_SHARE), unlike the ground right outside the rectangle beside it
    (GAP_CONTRAST), and no other outline in it."""
    # (looked at on a small copy: tones, not detail, are compared)
    s = min(1.0, 800.0 / max(full.shape[:2]))
    small = cv2.resize(full, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1.0 else full
    h, w = small.shape[:2]

    def mask(*quads: np.ndarray) -> np.ndarray:
        m = np.zeros((h, w), np.uint8)
        for q in quads:
            cv2.fillPoly(m, [np.int32(np.round(q * s))], 255)
        return m

    rect = mask(around)
    short = float(min(_side_lengths(around))) * s
    m = max(2, int(round(0.06 * short)))
    # (away from the outlines' edges, where the blur of their sides lies)
    near = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * m + 1, 2 * m + 1))
    gap = cv2.erode(cv2.bitwise_and(rect, cv2.bitwise_not(cv2.dilate(mask(pa, pb), near))), near)
    area = cv2.countNonZero(gap)
    if area < GAP_SHARE * cv2.countNonZero(rect):
        return False
    if others and cv2.countNonZero(cv2.bitwise_and(gap, mask(*others))) > 0.1 * area:
        return False
    beside = cv2.bitwise_and(cv2.dilate(gap, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (8 * m + 1, 8 * m + 1))),
                             cv2.bitwise_not(cv2.dilate(rect, near)))
    if cv2.countNonZero(beside) == 0:
        return False
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    inside, outside = np.median(lab[gap > 0], axis=0), np.median(lab[beside > 0], axis=0)
    return float(np.linalg.norm(inside - outside)) >= GAP_CONTRAST


def whole_image(photo: Photo) -> CardImage:
    """The whole image, deskewed, read as one card (no outline, no quad)."""
    return CardImage(photo.source, 0, deskew(_to_bgr(photo.pixels)), None, 0, False)


def whole_image_other_slant(photo: Photo) -> Optional[CardImage]:
    """The whole image levelled for the second group of its lines of print (see other_slant),
    read as one card; None when all its print runs one way. Deskewing follows most of the
    lines: a card askew among level sheets stays askew, too askew to read."""
    pixels = _to_bgr(photo.pixels)
    ang = other_slant(cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY))
    return None if ang is None else CardImage(photo.source, 0, turned(pixels, ang), None, 0, False)


def fallback_card(photo: Photo) -> CardImage:
    """What is read when no card outline is trusted: the print cut out and level
    (its rectangle recorded as the quad), else the whole image."""
    full = _to_bgr(photo.pixels)
    quad = text_quad(full)
    if quad is None:
        return whole_image(photo)
    return _print_card(photo, full, quad)


def only_outline(photo: Photo) -> Optional[CardImage]:
    """The photo's one card outline, flat and levelled, or None when there is not exactly one.

    For a photo whose only outline find_cards set aside because the print inside runs askew
    (taken for a wrong outline), and whose print, cut out instead, gave nothing: an outline
    that holds a shadow's edge besides the card holds the whole card all the same, and its
    print, levelled, reads."""
    full = _to_bgr(photo.pixels)
    quads = detect_quads(full)
    if len(quads) != 1:
        return None
    q = quads[0]
    return CardImage(photo.source, 0, deskew(_warp(full, q)), tuple((float(x), float(y)) for x, y in q), 0, True)


# Gamma of the second read of a card that gave nothing (see darker_print).
LIGHT_PRINT_GAMMA = 2.5


def darker_print(card: CardImage) -> CardImage:
    """The card with its mid-tones darkened, for a second read when the first gave nothing.

    Print in a light grey (a thin typeface, a faded second colour) beside bold black
    print falls on the paper's side of Tesseract's global threshold, and whole cards
    read as their name alone; darkened, the grey print reads while the paper stays white.
    On a dark card the grain of its ground, inverted and stretched for OCR, became
    speckle that hid the print; pressed into the dark end, it stays ground.
    Only for cards that gave nothing: on others it would thicken print that reads."""
    lut = np.round(255.0 * (np.arange(256) / 255.0) ** LIGHT_PRINT_GAMMA).astype(np.uint8)
    return replace(card, pixels=cv2.LUT(card.pixels, lut))


# Print in a strong colour: at least this saturated and this bright (OpenCV HSV, 0-255) ...
COLOUR_MIN_SAT = 110
COLOUR_MIN_VAL = 110
# ... one hue band (OpenCV hue, 0-180) and its neighbours on each side ...
HUE_BAND = 6
# ... covering at least this share of the card, forming at least this many letters in lines.
COLOUR_MIN_SHARE = 0.001
COLOUR_MIN_LETTERS = 8
COLOUR_LETTER_SHARE = 0.3
# Hue bands looked at, largest first: a card has few colours of print.
MAX_COLOURS = 6


def colour_print(card: CardImage) -> Optional[CardImage]:
    """The card's print in strong colours only, black on white; None when it has none.

    Yellow and red lettering with a dark outline or shadow, over a photograph, gives a
    grey image where each letter is an outline among the photo's edges, and Tesseract
    reads junk from it; by its colour alone the lettering stands out clean. Each strong
    hue that forms lines of letters (a sky or a logo's fill does not) is kept. Only for
    cards that gave nothing: a card read well needs no second look."""
    hsv = cv2.cvtColor(_to_bgr(card.pixels), cv2.COLOR_BGR2HSV)
    strong = (hsv[..., 1] >= COLOUR_MIN_SAT) & (hsv[..., 2] >= COLOUR_MIN_VAL)
    band = (hsv[..., 0] // HUE_BAND).astype(np.int16)
    nbands = 180 // HUE_BAND
    counts = np.bincount(band[strong].ravel(), minlength=nbands)
    h, w = strong.shape
    s = min(1.0, MEASURE_SIDE / max(h, w))
    kept = np.zeros_like(strong)
    for b in np.argsort(-counts)[:MAX_COLOURS]:
        if counts[b] < COLOUR_MIN_SHARE * strong.size:
            break
        # hue is circular: red sits at both ends
        hue = strong & (np.abs((band - int(b) + nbands // 2) % nbands - nbands // 2) <= 1)
        ink = np.where(hue, 0, 255).astype(np.uint8)
        small = cv2.resize(ink, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA) if s < 1 else ink
        letters = len(_letter_heights(small, "dark"))
        blobs = cv2.connectedComponentsWithStats((small < 128).astype(np.uint8), connectivity=8)[2][1:]
        blobs = int(np.count_nonzero(blobs[:, cv2.CC_STAT_HEIGHT] >= 5))
        # most of its blobs letters in lines: print, not a sky or a pattern (a few of
        # whose blobs line up too)
        if letters >= COLOUR_MIN_LETTERS and letters >= COLOUR_LETTER_SHARE * blobs:
            kept |= hue
    if not kept.any():
        return None
    return replace(card, pixels=cv2.cvtColor(np.where(kept, 0, 255).astype(np.uint8), cv2.COLOR_GRAY2BGR))


def _reading_order(quads: list[np.ndarray]) -> list[int]:
    """Rows top to bottom, then left to right within a row."""
    if not quads:
        return []
    centres = [q.mean(axis=0) for q in quads]
    heights = [float(q[:, 1].max() - q[:, 1].min()) for q in quads]
    idx = sorted(range(len(quads)), key=lambda i: centres[i][1])
    rows: list[list[int]] = []
    for i in idx:
        if rows:
            last = rows[-1]
            ref = float(np.mean([centres[j][1] for j in last]))
            tol = 0.5 * float(np.median([heights[j] for j in last]))
            if abs(centres[i][1] - ref) < tol:
                last.append(i)
                continue
        rows.append([i])
    return [i for row in rows for i in sorted(row, key=lambda j: centres[j][0])]


def _quick_warp(full: np.ndarray, quad: np.ndarray, w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
    """A small w x h flattened view of `quad` for a quick look (not for OCR: see _warp), and
    the perspective matrix that made it."""
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(quad.astype(np.float32), dst)
    return cv2.warpPerspective(full, m, (w, h), flags=cv2.INTER_AREA), m


# How much darker (or lighter) than its neighbourhood a pixel of a letter is, for
# _letter_heights; soft print is looked for again with a stricter threshold.
LETTER_CONTRAST = 18
SOFT_LETTER_CONTRAST = 35


def _has_letters(full: np.ndarray, quad: np.ndarray, min_letters: int = 8, gain: float = 1.0,
                 without: Optional[np.ndarray] = None) -> bool:
    """Whether a candidate carries print: a few letters in a line, dark or light
    (gain: the dim photo's exposure gain, see exposure_gain), outside the outline
    `without` when one is given."""
    aspect = _long_aspect(_true_aspect(quad, full.shape[:2]))
    s = _side_lengths(quad)
    wide = (s[0] + s[2]) >= (s[1] + s[3])
    big, small = 800, int(round(800 / max(aspect, 1.0)))
    ow, oh = (big, small) if wide else (small, big)
    card, m = _quick_warp(full, quad, ow, oh)
    g = cv2.cvtColor(card, cv2.COLOR_BGR2GRAY)
    if without is not None:
        # that outline, a little larger, filled with the paper's tone around it: its print,
        # and its edge, then count for nothing
        hole = np.zeros(g.shape, np.uint8)
        pts = cv2.perspectiveTransform(without.reshape(1, -1, 2).astype(np.float32), m)[0]
        cv2.fillConvexPoly(hole, np.round(pts).astype(np.int32), 1)
        hole = cv2.dilate(hole, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15)))
        rest = g[hole == 0]
        if rest.size < 0.1 * g.size:
            return False
        g[hole > 0] = int(np.median(rest))
    # ignore a thin rim so the card's own edge and rounded corners do not count
    r = max(2, int(0.03 * min(ow, oh)))
    g = _brightened(g[r:-r, r:-r], gain)
    # the card may lie sideways or be a vertical design: look for lines both ways
    both_ways = (g, cv2.rotate(g, cv2.ROTATE_90_CLOCKWISE))
    for img in both_ways:
        for polarity in ("dark", "light"):
            # letters on a card are small beside it (keyboard keys are not)
            if len(_letter_heights(img, polarity, max_frac=0.12)) >= min_letters:
                return True
    # Small print photographed soft runs each word's letters together at that threshold;
    # only their darker cores stand apart.
    return any(len(_letter_heights(img, "dark", max_frac=0.12, contrast=SOFT_LETTER_CONTRAST)) >= min_letters
               for img in both_ways)


def _brightened(image: np.ndarray, gain: float) -> np.ndarray:
    """image times gain (a dim photo's exposure made up for), the grain that brings out
    smoothed so that it passes neither for edges nor for letters."""
    if gain <= 1.0:
        return image
    out = cv2.convertScaleAbs(image, alpha=gain)
    sigma = noise_sigma(cv2.cvtColor(out, cv2.COLOR_BGR2GRAY) if out.ndim == 3 else out)
    return _smoothed(out, sigma) if sigma > NOISY_SIGMA else out


def _smoothed(image: np.ndarray, sigma: float) -> np.ndarray:
    """Grain of strength sigma (gray levels) smoothed: a Gaussian as wide as the noise asks,
    never so wide that it joins letters of small print."""
    return cv2.GaussianBlur(image, (0, 0), min(0.4 + sigma / 10.0, 1.5))


def _to_bgr(pixels: np.ndarray) -> np.ndarray:
    if pixels.ndim == 2:
        return cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)
    if pixels.shape[2] == 4:
        return cv2.cvtColor(pixels, cv2.COLOR_BGRA2BGR)
    return pixels


def exposure_gain(work: np.ndarray) -> float:
    """The factor that brightens a dim photo as a longer exposure would have (1: none).

    The segmentations' thresholds (a Lab distance of 12, Canny's, a letter's
    contrast of 18 gray levels) are set for a photo taken in fair light; in a dim
    room a white card and its desk differ by a third of that. A dark object in a
    well-lit photo is left as it is: the gain is the photo's, not the object's."""
    gray = cv2.cvtColor(work, cv2.COLOR_BGR2GRAY) if work.ndim == 3 else work
    hi = float(np.percentile(gray[::4, ::4], 99.5))
    if hi >= DIM_BELOW:
        return 1.0
    return min(MAX_GAIN, 230.0 / max(hi, 1.0))


# Two cards lying edge to edge, found as one outline (see _split_joined): the gap between
# them is a band across the outline, in its middle part, where at most this share of a row
# has the cards' paper tone (Lab distance below PAPER_TONE), and each side of it is a card.
GAP_PAPER_SHARE = 0.35
PAPER_TONE = 22.0
GAP_MIDDLE = (0.3, 0.7)
SPLIT_SIDE = 400  # px: the long side of the small warp the gap is looked for in
# Each side holds at least this share of paper-toned pixels: a card with a coloured stripe
# down its side and its print has ~0.55; a coloured band printed across a card has ~0.1.
SIDE_PAPER_SHARE = 0.45
# The strip of table between them is at least this share of the outline's height (or width).
MIN_GAP_FRAC = 0.02
# Each side is card-shaped: a little wider than TYPICAL_ASPECT below, for two cards askew
# under one outline, but not down to the halves of one vertical card (1.14-1.26).
HALF_ASPECT = (1.3, TYPICAL_ASPECT[1])


def _split_joined(full: np.ndarray, quad: np.ndarray) -> list[np.ndarray]:
    """`quad` as the two cards it holds when it is two cards of one paper lying edge to edge
    with a strip of table between them, each card-shaped; else [quad]. A card printed with a
    band across it is not split: its halves are not card-shaped."""
    s = _side_lengths(quad)
    w, h = (s[0] + s[2]) / 2.0, (s[1] + s[3]) / 2.0
    k = SPLIT_SIDE / max(w, h, 1.0)
    W, H = max(8, int(round(w * k))), max(8, int(round(h * k)))
    small, m = _quick_warp(full, quad, W, H)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    paper = np.median(lab.reshape(-1, 3), axis=0)
    near = np.linalg.norm(lab - paper, axis=2) < PAPER_TONE
    inv = np.linalg.inv(m)
    for axis, n in ((1, H), (0, W)):  # a band across the rows (cards one above the other), then across columns
        share = near.mean(axis=axis)
        lo, hi = int(n * GAP_MIDDLE[0]), int(n * GAP_MIDDLE[1])
        # the widest band of rows with little paper (a dense line of print is one row or two)
        low = np.concatenate([[0], (share[lo:hi] < GAP_PAPER_SHARE).astype(np.int8), [0]])
        starts, ends = np.nonzero(np.diff(low) == 1)[0], np.nonzero(np.diff(low) == -1)[0]
        if not len(starts):
            continue
        widest = int(np.argmax(ends - starts))
        a, b = lo + int(starts[widest]), lo + int(ends[widest])
        if b - a < max(2, int(MIN_GAP_FRAC * n)):
            continue
        if share[:a].mean() < SIDE_PAPER_SHARE or share[b:].mean() < SIDE_PAPER_SHARE:
            continue  # the sides are not both of the paper: no pair of like cards
        other = W if axis == 1 else H
        if not all(HALF_ASPECT[0] <= max(other, part) / max(min(other, part), 1) <= HALF_ASPECT[1]
                   for part in (a, n - b)):
            continue
        if axis == 1:
            parts = [((0, 0), (W - 1, 0), (W - 1, a), (0, a)), ((0, b), (W - 1, b), (W - 1, H - 1), (0, H - 1))]
        else:
            parts = [((0, 0), (a, 0), (a, H - 1), (0, H - 1)), ((b, 0), (W - 1, 0), (W - 1, H - 1), (b, H - 1))]
        out = []
        for part in parts:
            pts = cv2.perspectiveTransform(np.array([part], dtype=np.float32), inv)[0]
            out.append(_order_quad(pts))
        return out
    return [quad]


# An outline this many times the smallest card found, in a photo of several cards, may be
# a sheet of paper or a tray that other cards lie on.
CONTAINER_AREA = 2.5
# Containers looked into, at most (largest first).
MAX_CONTAINERS = 3


def _inside_containers(work: np.ndarray, cands: list[_Candidate], kept: list[_Candidate]) -> list[_Candidate]:
    """Outlines found inside sheets, trays and boxes among the cards of a photo.

    A white card on a white sheet of paper barely stands out from the sheet, and measured
    against the whole photo (dark table, other cards) not at all: the sheet is found, the
    cards on it are not. Inside the sheet's own region its paper is the background, and
    the cards' edges and shadows show."""
    # measured against the smallest card found: a sheet taken for a card is one of them
    card = min(k.area for k in kept)
    h, w = work.shape[:2]
    boxes: list[tuple[int, int, int, int]] = []
    for c in sorted(cands, key=lambda c: -c.area):
        if c.area < CONTAINER_AREA * card:
            continue
        x0, y0 = np.maximum(np.floor(c.quad.min(axis=0)).astype(int), 0)
        x1, y1 = np.minimum(np.ceil(c.quad.max(axis=0)).astype(int), [w, h])
        if any(_box_iou((x0, y0, x1, y1), b) > 0.8 for b in boxes):
            continue  # the same container found by another mask
        boxes.append((int(x0), int(y0), int(x1), int(y1)))
        if len(boxes) == MAX_CONTAINERS:
            break
    out = []
    for x0, y0, x1, y1 in boxes:
        for c in _candidates(work[y0:y1, x0:x1]):
            # cards like the others (not a logo box or a panel of one)
            if c.part or c.area < 0.5 * card:
                continue
            quad = (c.quad + np.float32([x0, y0])).astype(np.float32)
            out.append(replace(c, quad=quad, aspect=_long_aspect(_true_aspect(quad, (h, w))), source=c.source + "_in"))
    return out


def _box_iou(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    iw = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / max(union, 1)


def detect_quads(pixels: np.ndarray, *, max_cards: int = 8) -> list[np.ndarray]:
    """Card outlines in full-image coordinates (tl, tr, br, bl), in reading order."""
    full = _to_bgr(pixels)
    h, w = full.shape[:2]
    s = min(1.0, WORK_SIDE / max(h, w))
    work = cv2.resize(full, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA) if s < 1 else full

    def select(gain: float) -> list[_Candidate]:
        def has_text(q: np.ndarray) -> bool:
            return _has_letters(full, q / s, gain=gain)

        def print_beyond(outer: np.ndarray, inner: np.ndarray) -> bool:
            return _has_letters(full, outer / s, gain=gain, without=inner / s)

        bright = _brightened(work, gain)
        cands = _candidates(bright)
        # (_select adjusts the scores it is given: each call gets its own copies)
        kept = _select([replace(c) for c in cands], max_cards, work.shape[:2], has_text, print_beyond)
        inner = _inside_containers(bright, cands, kept) if len(kept) >= 2 else []
        if inner:
            more = _select([replace(c) for c in cands] + inner, max_cards, work.shape[:2], has_text, print_beyond)
            # Taken only when it finds more cards, and every card found before is still
            # there or was a sheet that the new cards lie on (two or more of them).
            if len(more) > len(kept) and all(any(_overlap(k, m)[0] > 0.6 for m in more)
                                             or sum(_nested(m, k) for m in more) >= 2 for k in kept):
                kept = more
        return kept

    kept = select(1.0)
    gain = exposure_gain(work) if not kept else 1.0
    if gain > 1.0:
        # Nothing found in a dim photo: look again as if it had been exposed longer.
        kept = select(gain)
    quads = [k.quad / s for k in kept]
    # clamp to the image (line fitting can put a virtual corner just outside)
    quads = [np.clip(q, [0, 0], [w - 1, h - 1]).astype(np.float32) for q in quads]
    quads = [part for q in quads for part in _split_joined(full, q)][:max_cards]
    quads = _panels_completed(full, quads)
    return [quads[i] for i in _reading_order(quads)]


# A card's part in a colour of its own beside a white part (a band down its side) is outlined
# alone when the band's edge is where the card meets the desk with little contrast. Among cards
# of one size, an outline squarer than PANEL_ASPECT whose short side is theirs (within
# PANEL_SIDE_MATCH) is such a part: the card goes on, on the side where print stands beyond it
# and a clear edge of colour (PANEL_EDGE_CONTRAST, CIELAB distance between the slices either
# side of it) stands where the card is as long as a card is (TYPICAL_ASPECT).
PANEL_ASPECT = 1.3
PANEL_SIDE_MATCH = 0.15
PANEL_EDGE_CONTRAST = 15.0
PANEL_SLICES = 48  # slices the stretch a card's end may be in is cut into
PANEL_LETTERS = 4  # letters the part added must show (a company's name in the band)


def _panels_completed(full: np.ndarray, quads: list[np.ndarray]) -> list[np.ndarray]:
    """Each outline of a card's part (see PANEL_ASPECT) as the whole card's outline."""
    ordered = [_order_quad(q) for q in quads]
    dims = [_quad_dims(q) for q in ordered]
    typical = [(max(w, h), min(w, h)) for w, h in dims
               if TYPICAL_ASPECT[0] <= max(w, h) / max(min(w, h), 1.0) <= TYPICAL_ASPECT[1]]
    if len(typical) < 2:
        return quads
    short_m = float(np.median([b for _, b in typical]))
    out = list(quads)
    for k, q in enumerate(quads):
        w, h = dims[k]
        if max(w, h) / max(min(w, h), 1.0) >= PANEL_ASPECT:
            continue
        if abs(h - short_m) <= PANEL_SIDE_MATCH * short_m:
            across, length, short = 0, w, h  # the card's long side runs left to right
        elif abs(w - short_m) <= PANEL_SIDE_MATCH * short_m:
            across, length, short = 1, h, w
        else:
            continue
        reach = (TYPICAL_ASPECT[0] * short - length, TYPICAL_ASPECT[1] * short - length)
        grown = _grown_to_its_edge(full, ordered[k], across, reach, [o for j, o in enumerate(quads) if j != k])
        if grown is not None:
            out[k] = grown
    return out


def _quad_dims(q: np.ndarray) -> tuple[float, float]:
    """Mean width and height of a quad (tl, tr, br, bl)."""
    s = _side_lengths(q)
    return float(s[0] + s[2]) / 2.0, float(s[1] + s[3]) / 2.0


def _grown_to_its_edge(full: np.ndarray, q: np.ndarray, across: int, reach: tuple[float, float],
                       others: list[np.ndarray]) -> Optional[np.ndarray]:
    """q (tl, tr, br, bl) made longer at one end (of its width when across is 0, of its height
    when 1) up to the clearest edge of colour within `reach` px (least, most) of it, where print
    stands between; None unless exactly one end has both, without reaching another card."""
    tl, tr, br, bl = (q[i].astype(np.float64) for i in range(4))
    # the corners that move at each end, and the direction each moves in
    if across == 0:
        ends = (((1, 2), (tr - tl, br - bl)), ((0, 3), (tl - tr, bl - br)))
    else:
        ends = (((3, 2), (bl - tl, br - tr)), ((0, 1), (tl - bl, tr - br)))
    h, w = full.shape[:2]
    lo, hi = max(reach[0], 1.0), reach[1]
    if hi <= lo:
        return None
    step = (hi - lo) / PANEL_SLICES
    found: list[np.ndarray] = []
    for idx, dirs in ends:
        units = [d / max(np.linalg.norm(d), 1e-6) for d in dirs]
        start = [q[i].astype(np.float64) for i in idx]
        # the colour of each slice from the end outward, a slice beyond the farthest end too
        cuts = [lo - 4 * step + j * step for j in range(PANEL_SLICES + 9)]
        means = []
        for t0, t1 in zip(cuts, cuts[1:]):
            poly = np.array([start[0] + units[0] * t0, start[1] + units[1] * t0,
                             start[1] + units[1] * t1, start[0] + units[0] * t1])
            means.append(_mean_lab(full, poly) if poly.min() >= 0 and poly[:, 0].max() <= w - 1
                         and poly[:, 1].max() <= h - 1 else None)

        def grown_by(t: float) -> np.ndarray:
            g = q.astype(np.float64).copy()
            for i, u in zip(idx, units):
                g[i] = g[i] + u * t
            return g.astype(np.float32)

        best: tuple[float, Optional[np.ndarray]] = (0.0, None)
        for j in range(4, len(means) - 4):
            inside, outside = means[j - 4:j], means[j:j + 4]
            if any(m is None for m in inside + outside):
                continue
            contrast = float(np.linalg.norm(np.mean(inside, axis=0) - np.mean(outside, axis=0)))
            # (the edge of another card beside it is no edge of this one)
            if contrast > best[0] and not any(_polygons_meet(grown_by(cuts[j + 4]), o) for o in others):
                best = (contrast, grown_by(cuts[j]))
        contrast, grown = best
        if grown is None or contrast < PANEL_EDGE_CONTRAST:
            continue
        # Only the end that carries print (the band's company name) is the card's: a band with
        # no print hides nothing, and an edge beyond a bare end is the desk's
        added = _order_quad(np.array([*start, *(grown[i] for i in idx)], np.float32))
        if _has_letters(full, added, min_letters=PANEL_LETTERS):
            found.append(grown)
    return found[0] if len(found) == 1 else None


def _polygons_meet(a: np.ndarray, b: np.ndarray) -> bool:
    area, _ = cv2.intersectConvexConvex(a.astype(np.float32), b.astype(np.float32))
    return area > 0.02 * min(_quad_area(a), _quad_area(b))


def _mean_lab(img: np.ndarray, poly: np.ndarray) -> Optional[np.ndarray]:
    """Mean colour (CIELAB) of a BGR image inside a polygon, None when it covers no pixel. (Only
    the polygon's box is converted: a 12-MP photo in floating-point CIELAB is 144 MB.)"""
    h, w = img.shape[:2]
    x0, y0 = np.floor(poly.min(axis=0)).astype(int)
    x1, y1 = np.ceil(poly.max(axis=0)).astype(int)
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1 + 1), min(h, y1 + 1)
    if x1 <= x0 or y1 <= y0:
        return None
    mask = np.zeros((y1 - y0, x1 - x0), np.uint8)
    cv2.fillPoly(mask, [np.round(poly - [x0, y0]).astype(np.int32)], 1)
    if not mask.any():
        return None
    box = cv2.cvtColor(img[y0:y1, x0:x1], cv2.COLOR_BGR2LAB).astype(np.float32)
    return box[mask.astype(bool)].mean(axis=0)


def find_cards(photo: Photo, *, max_cards: int = 8, debug: Optional[Debug] = None) -> list[CardImage]:
    """Every card in the photo, flat, in reading order; never empty.

    When no outline is trusted, fallback_card comes back with found=False: the
    print cut out of the photo and levelled, or the whole image when the print
    fills most of it (a flat scan or an already-cropped card reads best as it is).
    Among two or more outlines, print outside them (print_beside) comes back the
    same way, found=False, in its place in the reading order."""
    full = _to_bgr(photo.pixels)
    quads = detect_quads(full, max_cards=max_cards)
    beside = print_beside(full, quads, max_cards - len(quads))
    every = quads + beside
    cards: list[CardImage] = []
    for i, k in enumerate(_reading_order(every) if beside else range(len(quads))):
        q = every[k]
        outlined = k < len(quads)
        flat = _warp(full, q) if outlined else text_crop(full, q)
        cards.append(CardImage(photo.source, i, flat, tuple((float(x), float(y)) for x, y in q), 0, outlined))
    flat_gray = cv2.cvtColor(cards[0].pixels, cv2.COLOR_BGR2GRAY) if len(cards) == 1 else None
    if flat_gray is not None and abs(estimate_skew(flat_gray, letters_only=True)) > SKEWED_TEXT:
        # Cards print their lines parallel to their edges: lines at an angle inside
        # the only outline mean it was not the card's (a shadow's or a glare's edge
        # taken for a side). The print itself is the safer guide then.
        fallback = fallback_card(photo)
        if fallback.quad is not None:
            cards = [fallback]
    if not cards:
        cards.append(fallback_card(photo))
    if debug is not None:
        shown = full.copy()
        t = max(2, int(max(full.shape[:2]) / 400))
        for c in cards:
            if c.quad is None:
                continue
            q = np.array(c.quad, np.float32)
            # outlines in red, print read without one in orange
            colour = (0, 0, 255) if c.found else (0, 140, 255)
            cv2.polylines(shown, [q.astype(np.int32).reshape(-1, 1, 2)], True, colour, t)
            cv2.putText(shown, str(c.index), tuple(int(v) for v in q[0]), cv2.FONT_HERSHEY_SIMPLEX, t / 2, colour, t)
        debug.image("outline", shown)
        for c in cards:
            debug.image(f"card{c.index}-flat", c.pixels)
    return cards


# ---------------------------------------------------------------------------
# preparing a card for Tesseract

# Height (px) Tesseract reads best for the small print on a card: measured with
# blurred, noisy, JPEG-compressed renders of four typefaces, upscaling 9-12 px
# capitals to 20-28 px cut character errors from ~11 % to ~3 %; larger gains
# nothing and costs time.
TARGET_TEXT_PX = 26.0
# Grainy print (see NOISY_SIGMA; a dim photo's) is enlarged only to this height: the grain
# left after smoothing grows with it into specks the size of a stroke. On 643 dim photos of
# one card each (synthetic low-light and dark-card photos of 37 development sets) read at 16
# px rather than 26: 2 cards more found, 4 more entirely right (14 became so, 10 no longer),
# the fields' mean score 0.684 to 0.694 and 0.738 to 0.744 on the two halves, a third less
# time; at 13 px, on the first half, alike. Print already this tall is not shrunk for it.
NOISY_TEXT_PX = 16.0
MIN_SCALE, MAX_SCALE = 0.25, 4.0
MAX_OCR_SIDE = 4000  # px: Tesseract time grows with area, cards never need more
# A card with 26 px letters is ~2.5 MP; only a whole photo read as a fallback is
# larger (see ocr_scale).
MAX_OCR_PIXELS = 6_000_000
# The whole photo read last, once its print cut out gave nothing every way up, is
# read at most this large, small print or not: that read is there for print the
# cut-out missed, not for small print the cut-out read at its best size already.
# Tesseract's time grows faster than the area: one 12-MP photo of a small card took
# 35 s read whole as it was, 6.5 s at 6 MP and 1.2 s at 3 MP.
LAST_READ_PIXELS = 3_000_000


# Pixel noise (gray levels, after the contrast stretch) above which a card is smoothed first.
NOISY_SIGMA = 2.5
# Scales this close to 1 are not worth a resample.
SHRINK_BELOW = 0.92
# Letters are measured on a copy this long (text_height's own working size).
MEASURE_SIDE = 1600


def ocr_scale(th: Optional[float], h: int, w: int, max_pixels: Optional[int] = None) -> float:
    """The factor for_ocr resizes an h x w image by, given its letter height (px) or None;
    max_pixels: a bound on the result that holds whatever the print measures."""
    if max_pixels is not None:
        return min(ocr_scale(th, h, w), math.sqrt(max_pixels / (h * w)))
    cap = math.sqrt(MAX_OCR_PIXELS / (h * w))
    if not th:
        # No print measured (a cluttered or blank photo read whole): nothing small to
        # keep, and Tesseract's layout analysis, which cannot be interrupted, took over
        # a minute on a whole cluttered 12-MP photo. Small print measured is never
        # shrunk by the cap: a 10-MP photo read whole lost a phone number at 6 MP.
        return min(1.0, MAX_OCR_SIDE / max(h, w), cap)
    scale = min(MAX_SCALE, max(MIN_SCALE, TARGET_TEXT_PX / th))
    # never enlarged past MAX_OCR_PIXELS
    return min(scale, MAX_OCR_SIDE / max(h, w), max(1.0, cap))


def _background(gray: np.ndarray, win_frac: float = 0.06) -> np.ndarray:
    """The paper's local tone: a median over a window much wider than a letter."""
    h, w = gray.shape
    s = min(1.0, 400.0 / max(h, w))
    small = cv2.resize(gray, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA)
    k = max(3, int(max(small.shape) * win_frac) | 1)
    bg = cv2.medianBlur(small, min(k, 255))
    return cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)


def _light_on_dark(gray: np.ndarray, bg: np.ndarray) -> np.ndarray:
    """Mask of regions where the text is lighter than its background.

    Decided per region by which side of the local background the ink lies on,
    not by how dark the background is: white text on a mid-tone teal and black
    text on grey both come out right."""
    h, w = gray.shape
    k = max(15, int(0.12 * min(h, w)) | 1)
    # by bands: on the whole of a 6-MP card each float copy is 24 MB
    return _by_bands(lambda g, b: _light_on_dark_rows(g, b, k), gray, bg, reach=k // 2 + 1)


def _light_on_dark_rows(gray: np.ndarray, bg: np.ndarray, k: int) -> np.ndarray:
    d = cv2.subtract(gray, bg, dtype=cv2.CV_16S)
    light = d.astype(np.float32)
    del d
    dark = np.negative(light)
    light -= 12
    np.maximum(light, 0, out=light)  # |d| <= 255: no upper clip needed
    dark -= 12
    np.maximum(dark, 0, out=dark)
    cv2.blur(light, (k, k), dst=light)
    cv2.blur(dark, (k, k), dst=dark)
    dark *= 1.2
    dark += 0.5
    return (light > dark).astype(np.uint8)


def _blank(gray: np.ndarray, bg: np.ndarray, sigma: float) -> Optional[np.ndarray]:
    """Mask of plain card far from any print, or None when there is none.

    Print is whatever stands out from the paper by more than the noise could,
    except in a thin band along the image's edge: there lie the card's own edge
    and the desk beside it, which would otherwise keep a band of grain all
    around the card."""
    h, w = gray.shape
    d = cv2.absdiff(gray, bg)
    ink = (d > max(2.0 * sigma, 10.0)).astype(np.uint8)
    del d
    b = max(3, int(EDGE_BAND * min(h, w)))
    ink[:b] = 0
    ink[-b:] = 0
    ink[:, :b] = 0
    ink[:, -b:] = 0
    k = max(15, int(0.06 * min(h, w)) | 1)
    m = _by_bands(lambda i: _far_from_ink_rows(i, k), ink, reach=k // 2 + 1)
    return m if m.any() else None


def _far_from_ink_rows(ink: np.ndarray, k: int) -> np.ndarray:
    share = ink.astype(np.float32)
    cv2.blur(share, (k, k), dst=share)
    return share < BLANK_INK


def _by_bands(fn: Callable[..., np.ndarray], *images: np.ndarray, reach: int = 0) -> np.ndarray:
    """fn of images of one height, worked out FLAT_BAND_ROWS rows at a time: the same result
    as fn of the whole images for an fn that looks no further than `reach` rows from a pixel
    (each band is given those rows beyond it, and its own rows of the result are kept)."""
    h = images[0].shape[0]
    if h == 0:
        return fn(*images)
    out: Optional[np.ndarray] = None
    for top in range(0, h, FLAT_BAND_ROWS):
        bottom = min(h, top + FLAT_BAND_ROWS)
        a, b = max(0, top - reach), min(h, bottom + reach)
        part = fn(*(im[a:b] for im in images))[top - a:bottom - a]
        if out is None:
            out = np.empty((h,) + part.shape[1:], part.dtype)
        out[top:bottom] = part
    return out


def _grainy(gray: np.ndarray) -> np.ndarray:
    """Mask of pixels whose neighbourhood varies more than smooth paper or a solid fill does."""
    return _by_bands(_grainy_rows, gray, reach=GRAIN_WINDOW // 2 + 1)


def _grainy_rows(gray: np.ndarray) -> np.ndarray:
    f = gray.astype(np.float32)
    mean = cv2.blur(f, (GRAIN_WINDOW, GRAIN_WINDOW))
    f *= f
    cv2.blur(f, (GRAIN_WINDOW, GRAIN_WINDOW), dst=f)
    mean *= mean
    f -= mean
    return f > GRAIN_STD * GRAIN_STD


def _letter_heights(g: np.ndarray, polarity: str = "dark", max_frac: float = 0.25,
                    contrast: int = LETTER_CONTRAST) -> np.ndarray:
    """Heights (px) of blobs that look like letters standing in a line.

    Connected components of pixels darker (or lighter) than their neighbourhood by
    `contrast`, kept when letter-shaped and when a blob of similar height sits beside
    them on the same line: texture, noise, logos and keyboard keys far apart rarely do."""
    mode = cv2.THRESH_BINARY_INV if polarity == "dark" else cv2.THRESH_BINARY
    c = contrast if polarity == "dark" else -contrast
    bw = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, mode, 41, c)
    n, _, stats, _ = cv2.connectedComponentsWithStats(bw, connectivity=8)
    if n < 2:
        return np.zeros(0, np.float32)
    ww = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float32)
    hh = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float32)
    area = stats[1:, cv2.CC_STAT_AREA].astype(np.float32)
    fill = area / np.maximum(ww * hh, 1)
    ok = (hh >= 5) & (hh <= max_frac * min(g.shape)) & (ww <= 2.0 * hh) & (ww >= 0.15 * hh) & (fill > 0.12) & (fill < 0.9)
    idx = np.nonzero(ok)[0]
    if len(idx) < 4:
        return np.zeros(0, np.float32)
    if len(idx) > 1500:  # keep the pairwise check below cheap
        idx = idx[np.argsort(-area[idx])[:1500]]
    x = stats[1:, cv2.CC_STAT_LEFT][idx].astype(np.float32)
    y = stats[1:, cv2.CC_STAT_TOP][idx].astype(np.float32)
    bw_, bh_ = ww[idx], hh[idx]
    gap = np.maximum(x[None, :] - (x + bw_)[:, None], x[:, None] - (x + bw_)[None, :])
    top = np.maximum(y[:, None], y[None, :])
    bot = np.minimum((y + bh_)[:, None], (y + bh_)[None, :])
    vov = (bot - top) / np.maximum(np.minimum(bh_[:, None], bh_[None, :]), 1)
    similar = np.abs(bh_[:, None] - bh_[None, :]) < 0.35 * np.maximum(bh_[:, None], bh_[None, :])
    near = (gap < 0.8 * bh_[:, None]) & (vov > 0.6) & similar
    np.fill_diagonal(near, False)
    linked = near.any(axis=1)
    # Letters vary in width; keys on a keyboard or cells of a grid do not.
    widths = bw_[linked]
    if len(widths) >= 4 and float(np.std(widths)) < 0.12 * float(np.mean(widths)):
        return np.zeros(0, np.float32)
    return bh_[linked]


def text_height(gray: np.ndarray) -> Optional[float]:
    """Typical height (px) of the letters in a grayscale image, or None.

    Measured in both polarities, trusting the one with more letters (dark
    print on a light card, or light print on a dark one), and along both axes
    when few letters stand level; the 20th percentile
    rather than the median, so that small print (what fails first) sets the
    scale rather than the headline."""
    h, w = gray.shape
    s = min(1.0, 1600.0 / max(h, w))
    g = cv2.resize(gray, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA) if s < 1 else gray
    letters = max((_letter_heights(g, "dark"), _letter_heights(g, "light")), key=len)
    if len(letters) < 12:
        # few letters standing in level lines: the card may lie on its side (orient
        # turns it later), and its print must be measured all the same
        turned = cv2.rotate(g, cv2.ROTATE_90_CLOCKWISE)
        letters = max((letters, _letter_heights(turned, "dark"), _letter_heights(turned, "light")), key=len)
    if len(letters) < 6:
        return None
    return float(np.percentile(letters, 20)) / s


NOISE_LEVELS = 4081  # |response| of the noise kernel on 8-bit pixels: 0 to 16 * 255


def noise_sigma(gray: np.ndarray) -> float:
    """Standard deviation of pixel noise (Immerkaer's Laplacian-difference estimate)."""
    k = np.array([[1, -2, 1], [-2, 4, -2], [1, -2, 1]], np.float32)
    # The kernel's whole numbers on 8-bit pixels give whole numbers within ±4080: 16-bit
    # output (a whole 12-MP photo's float copy was 48 MB), and the median counted from
    # their histogram, the same value np.median gives at a fraction of its time.
    resp = cv2.filter2D(gray, cv2.CV_16S, k)
    np.abs(resp, out=resp)
    levels = resp.view(np.uint16)
    # calcHist counts in float32, exact up to 2^24: bands of at most that many pixels
    rows = max(1, (1 << 24) // max(1, levels.shape[1]))
    counts = np.zeros(NOISE_LEVELS, np.int64)
    for top in range(0, levels.shape[0], rows):
        band = levels[top:top + rows]
        counts += cv2.calcHist([band], [0], None, [NOISE_LEVELS], [0, NOISE_LEVELS]).ravel().astype(np.int64)
    # the median ignores letter edges, which are few beside the paper
    return _histogram_median(counts) * 1.4826 / 6.0


def _histogram_median(counts: np.ndarray) -> float:
    """The median of the values whose histogram (count per whole value from 0) is `counts`."""
    n = int(counts.sum())
    if n == 0:
        return float("nan")
    cum = np.cumsum(counts)
    lo = int(np.searchsorted(cum, (n - 1) // 2, side="right"))  # the value at sorted index (n-1)//2
    hi = int(np.searchsorted(cum, n // 2, side="right"))
    return (lo + hi) / 2.0


def _flattened(gray: np.ndarray, bg: np.ndarray) -> np.ndarray:
    """Uneven light flattened: each pixel divided by the local paper tone `bg`."""
    return _by_bands(_flattened_rows, gray, bg)


def _flattened_rows(gray: np.ndarray, bg: np.ndarray) -> np.ndarray:
    gain = bg.astype(np.float32)
    np.maximum(gain, 16.0, out=gain)
    np.divide(235.0, gain, out=gain)
    flat = gray.astype(np.float32)
    flat *= gain
    np.clip(flat, 0, 255, out=flat)
    return flat.astype(np.uint8)


# Print enlarged more than this is sharpened after enlarging, by SHARPEN: print that small
# is soft in any photo.
SHARPEN_ABOVE = 1.6
SHARPEN = 0.8  # (output = image + SHARPEN * (image - blurred))
# Print enlarged less is sharpened only when its edges are this wide or wider (px, deblur.
# edge_width), and by SOFT_SHARPEN: a card out of focus, or one of several photographed
# from above a table (their edges 3.5 to 5 px; in the real photos whose print needs
# enlarging, 2.6 to 3.3). Crisp print is left alone: sharpened, two real cards lost their
# websites and one gained a name made of specks. On the multi-card photos of six
# development sets (437 cards) the cards entirely right went from 77.8% to 79.4%, on two
# more sets (423 cards) from 81.4% and 75.7% to 82.4% and 78.7%.
SOFT_EDGE = 3.5
SOFT_SHARPEN = 1.2


def _soft_print(gray: np.ndarray) -> bool:
    width = deblur.edge_width(gray)
    return width is not None and width >= SOFT_EDGE


def _unsharp(out: np.ndarray, scale: float, amount: float) -> np.ndarray:
    """Enlarged print with its letter edges made steep again, by an unsharp mask at the
    scale of the original pixels."""
    blurred = cv2.GaussianBlur(out, (0, 0), min(max(scale, 1.0), 3.0))
    return cv2.addWeighted(out, 1.0 + amount, blurred, -amount, 0)


def for_ocr(pixels: np.ndarray, max_pixels: Optional[int] = None) -> np.ndarray:
    """The image Tesseract reads: grayscale, dark text on light everywhere,
    even light, noise smoothed, letters at the height Tesseract reads best
    (at most max_pixels large, when given).

    Left grayscale on purpose: Tesseract's LSTM reads anti-aliased gray edges
    better than a hard binarisation of a photo. Measured on twelve real card
    photos (37 emails and phone numbers): this image read 36 of them, the same
    image binarised with Otsu 32, with a Gaussian adaptive threshold 29."""
    gray = cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY) if pixels.ndim == 3 else pixels.copy()
    h, w = gray.shape
    # measured before any region is inverted: the patchwork of inverted and
    # plain regions has edges and textures that pass for letters
    scale = ocr_scale(text_height(gray), h, w, max_pixels)
    if scale < SHRINK_BELOW:  # shrink first: everything below is then cheaper
        gray = cv2.resize(gray, (max(1, int(round(w * scale))), max(1, int(round(h * scale)))),
                          interpolation=cv2.INTER_AREA)
        h, w = gray.shape
        scale = 1.0
    # A dim photo uses a fraction of the gray range: stretch it first so the
    # thresholds below mean the same in a dark room as in daylight.
    lo_p, hi_p = np.percentile(gray[:: max(1, h // 200), :: max(1, w // 200)], (1, 99))
    if hi_p - lo_p < 160:
        gray = cv2.convertScaleAbs(gray, alpha=220.0 / max(hi_p - lo_p, 8.0), beta=-lo_p * 220.0 / max(hi_p - lo_p, 8.0) + 15)
    # Sensor noise in a dim photo becomes specks Tesseract reads as letters,
    # and dividing by a dark background below would amplify it: smooth it
    # first, at the photo's own resolution, before scaling turns single noisy
    # pixels into blobs. A Gaussian, not non-local means: on the small print of
    # a dim photo (letters 5-8 px, soft, JPEG-compressed grain) non-local means
    # took thin strokes for noise and wiped them out; on 54 synthetic low-light
    # cards the fields read went from 0.52-0.55 to 0.59-0.69 with the Gaussian
    # and no sharpening below.
    sigma = noise_sigma(gray)
    noisy = sigma > NOISY_SIGMA
    if noisy:
        gray = _smoothed(gray, sigma)
        if scale > 1.0:
            scale = max(1.0, scale * NOISY_TEXT_PX / TARGET_TEXT_PX)
    bg = _background(gray)
    soft = cv2.GaussianBlur(gray, (0, 0), 1.2)
    inv = _light_on_dark(soft, bg)
    blank = _blank(soft, bg, sigma)
    del soft
    if inv.any():
        gray = np.where(inv > 0, 255 - gray, gray).astype(np.uint8)
        bg = np.where(inv > 0, 255 - bg, bg).astype(np.uint8)
    flat = _flattened(gray, bg)
    if blank is not None and blank.mean() > GRAINY_CARD:
        # Grain far from any print, amplified where a dark card was divided by its
        # own dark tone, reads as rows of junk letters and hides the card's lines
        # (on a dim photo of a dark card most of the card is grain). It is whitened
        # only where it covers much of the card: a little grain, and plain dark
        # areas, Tesseract's layout analysis takes for pictures that part columns
        # of text, and on real cards whitening them joined the columns into lines.
        # (The grain is measured only when plain card alone covers enough.)
        blank &= _grainy(flat)
        if blank.mean() > GRAINY_CARD:
            flat[blank] = 235
    sigma = noise_sigma(flat)
    out = flat
    if scale > 1.08:
        # (how soft the print is, measured before enlarging, where only a little is)
        soft = not noisy and scale <= SHARPEN_ABOVE and _soft_print(flat)
        out = cv2.resize(out, (max(1, int(round(w * scale))), max(1, int(round(h * scale)))),
                         interpolation=cv2.INTER_CUBIC)
        if not noisy and (scale > SHARPEN_ABOVE or soft):
            # Small print photographed from afar is soft, and upscaling softens
            # it further: an unsharp mask at the scale of the original pixels
            # restores the letter edges (on far-away cards it turned
            # "alidwe!t@ateherassurances" into "aldweh@atelierassurances").
            # Not on a noisy photo: it would sharpen the grain left after smoothing.
            out = _unsharp(out, scale, SOFT_SHARPEN if soft else SHARPEN)
    # Stretch between the ink and a white point just below the paper's tone:
    # the ink becomes black even for light fonts, and paper texture and faint
    # background patterns (which Tesseract reads as specks and junk letters)
    # become plain white, while anti-aliased letter edges keep their gray.
    sub = out[:: max(1, out.shape[0] // 300), :: max(1, out.shape[1] // 300)].astype(np.float32)
    white = min(235.0 - max(2.5 * sigma, 8.0), float(np.percentile(sub, 60)) - 4.0)
    black = float(np.percentile(sub, 0.5))
    if white - black <= 25:
        return out
    # worked out once for each of the 256 tones, not in floats over the whole image
    # (20 MB for a card upscaled to 5 megapixels)
    f = np.arange(256, dtype=np.float32)
    f -= black
    f *= 255.0 / (white - black)
    np.clip(f, 0, 255, out=f)
    return cv2.LUT(out, f.astype(np.uint8))
