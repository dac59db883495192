"""python -m cardscan.synth OUT --count N --seed S [--tiers a,b] [--megapixels M]"""
from __future__ import annotations

import argparse
import sys
import time

from . import TIERS, NoFontsError, generate
from .content import COUNTRIES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cardscan.synth",
        description="Write synthetic business-card images with ground-truth JSON beside each.")
    parser.add_argument("out", help="output folder (created when missing)")
    parser.add_argument("--count", type=int, default=10, help="number of images (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="random seed; same seed, same files (default 0)")
    parser.add_argument("--tiers", default=",".join(TIERS),
                        help=f"comma-separated tiers, cycled in order (default all: {','.join(TIERS)})")
    parser.add_argument("--megapixels", type=float, default=None,
                        help="photo size in megapixels, e.g. 12 for 4000x3000 (default: 1.9-4.3 MP, varied; "
                             "larger for photos of many cards)")
    parser.add_argument("--quality", type=int, default=None,
                        help="JPEG quality 30-100 for every image (default: varied per tier, 60-95)")
    parser.add_argument("--format", choices=("jpg", "png"), default=None, dest="image_format",
                        help="store every image in this format (default: as the tier would, "
                             "PNG for some designs and scans, JPEG otherwise)")
    parser.add_argument("--region", choices=COUNTRIES, default=None, help="only cards from this country")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    args = parser.parse_args(argv)
    tiers = [t.strip() for t in args.tiers.split(",") if t.strip()]
    bad = [t for t in tiers if t not in TIERS]
    if bad or not tiers:
        parser.error(f"unknown tier(s): {', '.join(bad) or '(none given)'}; choose from {', '.join(TIERS)}")
    if args.count < 0:
        parser.error("--count must be 0 or more")
    if args.megapixels is not None and not 0.1 <= args.megapixels <= 50:
        parser.error("--megapixels must be between 0.1 and 50")
    if args.quality is not None and not 30 <= args.quality <= 100:
        parser.error("--quality must be between 30 and 100")
    start = time.perf_counter()
    try:
        paths = generate(args.out, args.count, args.seed, tiers, args.megapixels, args.region,
                         args.quality, args.image_format)
    except NoFontsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"wrote {len(paths)} images with truth to {args.out} in {time.perf_counter() - start:.1f} s",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
