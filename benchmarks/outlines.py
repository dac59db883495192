"""How well card outlines are found, against the generator's own card corners.

    python benchmarks/outlines.py [--count 150] [--seed 1] [--tiers photo,dark,...] [--jobs N] [--list]

Makes synthetic photos in memory (the same generator as `python -m cardscan.synth`), encodes
and decodes each as its file would be (JPEG or PNG, at the quality the generator drew: JPEG's
blocks move an edge the raw pixels have crisp), finds the card outlines in each with
preprocess.detect_quads, and matches every card the generator
placed with the outline that overlaps it most. A card is found whole when that overlap
(intersection over union) is at least 0.9; found in part when an outline covers some of it (a
piece cut off by a shadow's edge or a colour panel, or a region joining it to a neighbour);
not outlined when none does, and then `cardscan scan` reads the print it finds instead (the
fallback, which this script does not run). It prints a table per tier; it asserts nothing.

The flat tier has no outline to find (the card is the whole image). The rotated and exif tiers
are left out: their pixels are stored turned while the corners are those of the upright photo,
and an outline is found the same way in either.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cardscan import preprocess  # noqa: E402
from cardscan.synth import encode, render_sample  # noqa: E402

WHOLE = 0.9
TIERS = ("scan", "photo", "dark", "portrait", "multi", "lowlight", "clutter")


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a.astype(np.float32), b.astype(np.float32)
    inter, _ = cv2.intersectConvexConvex(a, b)
    union = cv2.contourArea(a) + cv2.contourArea(b) - inter
    return float(inter / union) if union > 0 else 0.0


def _one(job: tuple[int, int, str]) -> tuple[int, str, list[float], int, float]:
    seed, index, tier = job
    sample = render_sample(seed, index, tier)
    pixels = cv2.imdecode(np.frombuffer(encode(sample), np.uint8), cv2.IMREAD_COLOR)
    started = time.perf_counter()
    quads = preprocess.detect_quads(pixels)
    took = time.perf_counter() - started
    best = [max((_iou(card, q) for q in quads), default=0.0) for card in sample.quads]
    return index, tier, best, len(quads), took


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=150, help="images (default 150), tiers in turn")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tiers", default=",".join(TIERS))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--list", action="store_true", help="also list every card not found whole")
    args = ap.parse_args(argv)
    tiers = [t.strip() for t in args.tiers.split(",") if t.strip()]
    unknown = [t for t in tiers if t not in TIERS]
    if unknown:
        print(f"outlines.py: tiers not measured here: {', '.join(unknown)} (choose from {', '.join(TIERS)})",
              file=sys.stderr)
        return 2
    jobs = [(args.seed, i, tiers[i % len(tiers)]) for i in range(args.count)]
    rows: dict[str, dict[str, float]] = {t: dict(images=0, cards=0, whole=0, part=0, none=0, extra=0, seconds=0.0)
                                         for t in tiers}
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        for index, tier, best, outlines, took in pool.map(_one, jobs):
            r = rows[tier]
            r["images"] += 1
            r["cards"] += len(best)
            r["whole"] += sum(b >= WHOLE for b in best)
            r["part"] += sum(0 < b < WHOLE for b in best)
            r["none"] += sum(b == 0 for b in best)
            r["extra"] += outlines > len(best)
            r["seconds"] += took
            if args.list:
                for k, b in enumerate(best):
                    if b < WHOLE:
                        print(f"seed {args.seed} image {index} ({tier}) card {k}: overlap {b:.2f}, "
                              f"{outlines} outline(s) for {len(best)} card(s)")
    total = {k: sum(r[k] for r in rows.values()) for k in ("images", "cards", "whole", "part", "none", "extra", "seconds")}
    print(f"card outlines, seed {args.seed}: whole = overlap >= {WHOLE} with the card; "
          "part = an outline covers some of it; none = no outline (the scan reads its print instead)")
    print(f"{'tier':<10} {'images':>6} {'cards':>6} {'whole':>7} {'part':>7} {'none':>7} {'more outlines':>13} {'ms/image':>8}")
    for name, r in list(rows.items()) + [("all", total)]:
        n = max(r["cards"], 1)
        print(f"{name:<10} {r['images']:>6.0f} {r['cards']:>6.0f} {r['whole'] / n:>7.3f} {r['part'] / n:>7.3f} "
              f"{r['none'] / n:>7.3f} {r['extra']:>13.0f} {1000 * r['seconds'] / max(r['images'], 1):>8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
