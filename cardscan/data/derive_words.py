"""Derive `Latin-words.dawg.xz`: Tesseract's Latin-script word list, cut to the words cards use.

Tesseract's Latin-script model (`Latin.traineddata`, tessdata 4.00, Apache-2.0) carries a word
list of 8.6 million words in every language written in Latin script (88 MB). Tesseract reads the
whole file and builds the list in memory each time it starts: 280 MB, and 0.4-0.6 s, before a
single letter is read. The LSTM recogniser itself is 0.5 MB.

The list kept here holds only words of Tesseract's own list (nothing is added) whose lower-case
form is one of:

- the most frequent words of 25 languages written in Latin script, from the PyPI package
  `wordfreq` (its data: CC BY-SA 4.0): 100,000 for EN, DE, FR, ES, IT, PT, NL, 40,000 for the others;
- the given names and surnames in this folder;
- the words of `lexicon.json` (job titles, legal forms, street types, ...).

About 1.76 million words (every spelling in capitals and in lower case Tesseract has for them):
17 MB as Tesseract stores it; a tesseract program reading with it peaks at 70 MB instead of 280.

    pip install wordfreq==3.1.1
    python cardscan/data/derive_words.py /usr/share/tesseract-ocr/5/tessdata/Latin.traineddata cardscan/data

It needs Tesseract's own tools `dawg2wordlist` and `wordlist2dawg` (in Debian's tesseract-ocr).
"""
from __future__ import annotations

import hashlib
import json
import lzma
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from cardscan import tessdata  # noqa: E402

MAJOR = ("en", "de", "fr", "es", "it", "pt", "nl")
OTHER = ("sv", "fi", "pl", "cs", "ca", "nb", "da", "tr", "id", "ms", "ro", "hu", "sk", "sl", "lt", "lv", "vi", "fil")
MAJOR_KEPT, OTHER_KEPT = 100_000, 40_000


def _lexicon_words() -> set[str]:
    def leaves(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, dict):
            for k, v in x.items():
                yield k
                yield from leaves(v)
        elif isinstance(x, list):
            for v in x:
                yield from leaves(v)

    lex = json.loads((HERE / "lexicon.json").read_text(encoding="utf-8"))
    out: set[str] = set()
    for key, value in lex.items():
        if key.startswith("_"):
            continue
        for text in leaves(value):
            out.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*\.?", text))
    return out


def kept_forms() -> set[str]:
    import wordfreq

    have = wordfreq.available_languages(wordlist="best")
    keep: set[str] = set()
    for lang in MAJOR + OTHER:
        if lang in have:
            keep.update(w.lower() for w in wordfreq.top_n_list(lang, MAJOR_KEPT if lang in MAJOR else OTHER_KEPT))
    for name in ("given_names.txt", "surnames.txt"):
        keep.update(w.strip().lower() for w in (HERE / name).read_text(encoding="utf-8").splitlines() if w.strip())
    return keep | _lexicon_words()


def main(model: str, out_dir: str) -> None:
    parts = tessdata.read_components(Path(model))
    unicharset = parts[tessdata.LSTM_UNICHARSET]
    keep = kept_forms()
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "unicharset").write_bytes(unicharset)
        (t / "words.dawg").write_bytes(parts[tessdata.LSTM_WORD_DAWG])
        subprocess.run(["dawg2wordlist", str(t / "unicharset"), str(t / "words.dawg"), str(t / "all.txt")],
                       check=True, capture_output=True)
        words = [w for w in (t / "all.txt").read_text(encoding="utf-8").splitlines() if w.lower() in keep]
        (t / "kept.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        subprocess.run(["wordlist2dawg", str(t / "kept.txt"), str(t / "kept.dawg"), str(t / "unicharset")],
                       check=True, capture_output=True)
        dawg = (t / "kept.dawg").read_bytes()
    out = Path(out_dir)
    (out / tessdata.WORDS_FILE).write_bytes(lzma.compress(dawg, preset=9))
    meta = {"words": len(words), "dawg_sha256": hashlib.sha256(dawg).hexdigest(),
            "unicharset_sha256": hashlib.sha256(unicharset).hexdigest(),
            "model_version": parts.get(tessdata.VERSION, b"").decode("utf-8", "replace")}
    (out / tessdata.META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"{len(words)} words, {len(dawg)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:3])
