"""Derive the compact name lists in this folder from the US Census 1990 name files.

The Census Bureau's 1990 frequency lists (dist.male.first, dist.female.first,
dist.all.last; public domain, works of the US government) ship inside the PyPI
package `names` (MIT). They are large and sorted by frequency; the parser only
needs membership, so keep one lower-case name a line.

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python cardscan/data/derive_names.py names-0.3.0/names cardscan/data
"""
from __future__ import annotations

import sys
from pathlib import Path

SURNAMES_KEPT = 30000  # the long tail below this is mostly one-off spellings


def _read(path: Path) -> list[str]:
    return [ln.split()[0].lower() for ln in path.read_text().splitlines() if ln.strip()]


def main(src: str, dst: str) -> None:
    s, d = Path(src), Path(dst)
    given = sorted(set(_read(s / "dist.male.first")) | set(_read(s / "dist.female.first")))
    family = _read(s / "dist.all.last")[:SURNAMES_KEPT]
    (d / "given_names.txt").write_text("\n".join(given) + "\n")
    (d / "surnames.txt").write_text("\n".join(sorted(set(family))) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
