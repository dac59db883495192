"""Accents the read lost, put back in the languages of the card's country.

A read loses accents where they are a few pixels high: over a capital squeezed under the line
above, in logo lettering, in small print. "ENERGIE" on a French card is ÉNERGIE and
"Ingenieria" on a Spanish one Ingeniería; but "Energie" is a German word and "Energia" an
Italian one. So a word read without accents is spelt with them only where every language of
the card's country (by its phone plan, its address or its domain: the region the parser
settled on) agrees: the word as read is none of theirs, and one of them spells it so
(`data/accents.json.xz`, see `data/derive_accents.py`).
"""
from __future__ import annotations

import functools
import json
import lzma
from pathlib import Path
from typing import Optional

DATA = Path(__file__).resolve().parent / "data" / "accents.json.xz"

# The languages of the Latin-script cards of each country with one of the table's languages
# (English aside: the table holds no spelling an English word has).
_LANGUAGES = {
    **dict.fromkeys(("BR", "PT", "AO", "MZ", "CV"), ("pt",)),
    **dict.fromkeys(("ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO", "DO", "HN", "PY", "SV",
                     "NI", "CR", "PA", "UY", "PR"), ("es",)),
    **dict.fromkeys(("FR", "MC", "SN", "CI", "MA", "TN", "DZ", "CM"), ("fr",)),
    **dict.fromkeys(("DE", "AT", "LI"), ("de",)),
    **dict.fromkeys(("IT", "SM"), ("it",)),
    **dict.fromkeys(("NL", "SR"), ("nl",)),
    "BE": ("fr", "nl", "de"), "CH": ("de", "fr", "it"), "LU": ("fr", "de"), "CA": ("fr",),
}

# Shorter words are left alone: more of them are spelt alike with and without accents.
MIN_LETTERS = 4


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, dict]:
    return json.loads(lzma.decompress(DATA.read_bytes()).decode("utf-8"))


def languages(region: Optional[str]) -> tuple[str, ...]:
    """The languages whose spellings a card of this country (ISO code) is read in."""
    return _LANGUAGES.get((region or "").upper(), ())


def spelling(word: str, region: Optional[str]) -> Optional[str]:
    """The accented spelling (lower case) of a word read without accents, when every language
    of the card's country (ISO code) agrees on it: the word as read is none of theirs, and one
    spelling of theirs has the same letters with accents. None otherwise."""
    langs = languages(region)
    if not langs or len(word) < MIN_LETTERS or not word.isascii():
        return None
    entry = _table().get(word.lower())
    if entry is None or any(lang in entry.get("-", ()) for lang in langs):
        return None
    spelt = {entry[lang] for lang in langs if lang in entry}
    return spelt.pop() if len(spelt) == 1 else None
