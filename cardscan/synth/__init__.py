"""Synthetic business-card images with ground truth, for tests and benchmarks.

    python -m cardscan.synth OUT --count 100 --seed 7 [--tiers photo,multi] [--megapixels 12]

writes OUT/<stem>.jpg|png and OUT/<stem>.json (a list with one truth object per card, in
reading order, in the format of the real-card truth files). The same seed gives
byte-identical files on a machine with the same fonts and library versions.

`content` makes the text, `design` lays it out and draws the card, `scene` and `tiers`
photograph it under one of TIERS.
"""
from __future__ import annotations

import hashlib
import io
import json
import random
from pathlib import Path
from typing import Iterable, Optional

import numpy as np
from PIL import Image

from .design import NoFontsError, font_families
from .tiers import TIERS, Sample, designed_card, make_sample

__all__ = ["TIERS", "Sample", "NoFontsError", "generate", "render_card", "render_sample", "encode", "font_families"]


def _rngs(seed: int, index: int, tier: str) -> tuple[random.Random, np.random.Generator]:
    """Independent, reproducible generators for one image: changing --count or --tiers
    never changes another image made from the same (seed, index, tier)."""
    key = f"cardscan-synth:{seed}:{index}:{tier}"
    digest = hashlib.sha256(key.encode()).digest()
    return random.Random(key), np.random.default_rng(int.from_bytes(digest[:16], "little"))


def render_sample(seed: int, index: int = 0, tier: str = "photo", megapixels: Optional[float] = None,
                  region: Optional[str] = None) -> Sample:
    """One image (pixels as they are to be stored) and its truth list."""
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}; choose from {', '.join(TIERS)}")
    rng, nprng = _rngs(seed, index, tier)
    return make_sample(rng, nprng, tier, megapixels, region)


def render_card(seed: int, width: int = 800, region: Optional[str] = None, dark: bool = False,
                portrait: bool = False) -> tuple[np.ndarray, dict]:
    """One upright card design as a BGR array `width` pixels wide, and its truth dict."""
    from .design import render_plan

    rng, _ = _rngs(seed, 0, "card")
    d = designed_card(rng, dark=dark, portrait=portrait, region=region)
    return render_plan(d.plan, width), d.content.truth("flat")


def encode(sample: Sample) -> bytes:
    """The file bytes: PNG, or JPEG with an EXIF orientation tag when the sample has one."""
    h, w = sample.pixels.shape[:2]
    # PIL swaps BGR to RGB while it reads the buffer: no extra copy of a 12 MP frame.
    img = Image.frombuffer("RGB", (w, h), np.ascontiguousarray(sample.pixels), "raw", "BGR", 0, 1)
    kwargs = {}
    if sample.exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = sample.exif_orientation  # Orientation
        kwargs["exif"] = exif.tobytes()
    buf = io.BytesIO()
    if sample.ext == "png":
        img.save(buf, "PNG", optimize=False, compress_level=6, **kwargs)
    else:
        img.save(buf, "JPEG", quality=sample.quality, **kwargs)
    return buf.getvalue()


def truth_json(sample: Sample) -> str:
    return json.dumps(sample.truth, ensure_ascii=False, indent=1) + "\n"


def generate(out_dir: str | Path, count: int, seed: int = 0, tiers: Optional[Iterable[str]] = None,
             megapixels: Optional[float] = None, region: Optional[str] = None,
             quality: Optional[int] = None, image_format: Optional[str] = None) -> list[Path]:
    """Write `count` images and truth files into `out_dir`, cycling through `tiers`
    (all by default; a tier may be listed twice). `quality` fixes the JPEG quality, which
    otherwise varies like phones' does; `image_format` "jpg" or "png" overrides the tier's
    own choice (PNG for some designs and scans). Returns the image paths in order."""
    if image_format not in (None, "jpg", "png"):
        raise ValueError(f"unknown image format {image_format!r}; choose jpg or png")
    tiers = tuple(tiers or TIERS)
    unknown = [t for t in tiers if t not in TIERS]
    if unknown:
        raise ValueError(f"unknown tier(s) {', '.join(unknown)}; choose from {', '.join(TIERS)}")
    font_families()  # fail before any work when no fonts are installed
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        tier = tiers[index % len(tiers)]
        sample = render_sample(seed, index, tier, megapixels, region)
        if quality:
            sample.quality = quality
        if image_format:
            sample.ext = image_format
        stem = f"synth-{seed}-{index:04d}-{tier}"
        path = out / f"{stem}.{sample.ext}"
        path.write_bytes(encode(sample))
        (out / f"{stem}.json").write_text(truth_json(sample), encoding="utf-8")
        paths.append(path)
    return paths
