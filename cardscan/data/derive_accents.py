"""Derive `accents.json.xz`: the accented spelling of a word, by language, for words OCR read
without their accents ("ENERGIE" on a French card is ÉNERGIE).

For each language below, from the word frequency lists of the PyPI package `wordfreq` (its
data: CC BY-SA 4.0), a word with accents is kept under its letters without them when:

- it is common (Zipf frequency at least MIN_ZIPF: once in 10^(9 - MIN_ZIPF) words of text);
- it is GAP (in Zipf units, a power of ten) more common than the same letters without accents,
  and than any other accented spelling of them: a plain spelling in use ("marche" beside
  "marché", both French words) or two accented ones leave the letters as they are;
- the letters without accents are no common English word ("president"): cards mix English in.

Each entry also lists the other languages where the letters as they stand are a common word
themselves (key "-"): "energie" is French énergie, but German and Dutch Energie.

    pip install wordfreq==3.1.1
    python cardscan/data/derive_accents.py cardscan/data
"""
from __future__ import annotations

import json
import lzma
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from cardscan.extract import strip_accents  # noqa: E402

LANGUAGES = ("pt", "es", "fr", "it", "de", "nl")
MIN_ZIPF = 3.0
GAP = 0.9
ENGLISH_WORD = 3.0
OWN_WORD = 3.0
OUT = "accents.json.xz"


def derive() -> dict[str, dict]:
    import wordfreq

    table: dict[str, dict] = {}
    for lang in LANGUAGES:
        spellings: dict[str, list[tuple[float, str]]] = {}
        for word in wordfreq.iter_wordlist(lang, wordlist="large"):
            z = wordfreq.zipf_frequency(word, lang)
            if z < MIN_ZIPF:
                break  # (the list runs from the most frequent word down)
            key = strip_accents(word)
            if word.isalpha() and key != word and key.isascii():
                spellings.setdefault(key, []).append((z, word))
        for key, found in spellings.items():
            found.sort(reverse=True)
            z, word = found[0]
            if len(found) > 1 and found[1][0] > z - GAP:
                continue
            if wordfreq.zipf_frequency(key, lang) > z - GAP or wordfreq.zipf_frequency(key, "en") >= ENGLISH_WORD:
                continue
            table.setdefault(key, {})[lang] = word
    for key, entry in table.items():
        words_in = [lang for lang in LANGUAGES if lang not in entry and wordfreq.zipf_frequency(key, lang) >= OWN_WORD]
        if words_in:
            entry["-"] = words_in
    return table


def main(out_dir: str) -> None:
    table = derive()
    text = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (Path(out_dir) / OUT).write_bytes(lzma.compress(text.encode("utf-8"), preset=9))
    print(f"{len(table)} words written to {Path(out_dir) / OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(HERE))
