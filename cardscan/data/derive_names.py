"""Derive the compact name lists in this folder from two permissively licensed sources.

1. The US Census Bureau's 1990 frequency lists (dist.male.first, dist.female.first,
   dist.all.last; public domain, works of the US government), as shipped inside the PyPI
   package `names` 0.3.0 (MIT).
2. The person providers of the PyPI package `Faker` (MIT): given names and family names for
   some eighty locales (Indian, Turkish, Slavic, Nordic, Japanese and Chinese romanisations,
   Portuguese, Spanish, ...). Only names in Latin script are kept: the parser reads
   Latin-script cards.

The parser only needs membership, so both files keep one lower-case name a line.

    pip download --no-deps names==0.3.0 faker==40.63.0
    tar xzf names-0.3.0.tar.gz && mkdir fk && (cd fk && unzip -q ../faker-40.63.0-py3-none-any.whl)
    PYTHONPATH=fk python cardscan/data/derive_names.py names-0.3.0/names cardscan/data
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from pathlib import Path

SURNAMES_KEPT = 30000  # of the Census list; the long tail below this is mostly one-off spellings
LATIN_NAME = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ'’-]{2,30}")


def _read(path: Path) -> list[str]:
    return [ln.split()[0].lower() for ln in path.read_text().splitlines() if ln.strip()]


def _faker_names() -> tuple[set[str], set[str]]:
    given: set[str] = set()
    family: set[str] = set()
    try:
        import faker.providers.person as person
    except ImportError:
        return given, family
    for mod_info in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"faker.providers.person.{mod_info.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in dir(provider):
            kind = given if "first" in attr else family if "last" in attr else None
            value = getattr(provider, attr, None)
            if kind is None or not isinstance(value, (tuple, list, dict)):
                continue
            for name in (value.keys() if isinstance(value, dict) else value):
                if isinstance(name, str) and LATIN_NAME.fullmatch(name.strip()):
                    kind.add(name.strip().lower())
    return given, family


def main(src: str, dst: str) -> None:
    s, d = Path(src), Path(dst)
    fk_given, fk_family = _faker_names()
    given = set(_read(s / "dist.male.first")) | set(_read(s / "dist.female.first")) | fk_given
    family = set(_read(s / "dist.all.last")[:SURNAMES_KEPT]) | fk_family
    (d / "given_names.txt").write_text("\n".join(sorted(given)) + "\n")
    (d / "surnames.txt").write_text("\n".join(sorted(family)) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
