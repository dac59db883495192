"""Deciding what the lines of a card are: the person's name, job title, company and address.

The finders in extract.py first take what has a fixed shape (emails, phones, websites,
profiles). What is left is weighed line by line with every signal at once: letter height
and position (the name is usually the largest line, the title sits next to it), word lists
(given names and surnames, job words in several languages, legal forms of companies,
street types), and agreement with the email address and website (jane.doe@ → Jane Doe,
bluemedia.com ↔ Blue Media Inc.). Each line gets a score per role; the best line that
clears a threshold gets the role, and the scores become the field confidences.

`contact()` never raises: OCR text is hostile input, and a card that cannot be
understood yields a Contact with warnings rather than an error.
"""
from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from typing import Iterable, Optional

from cardscan import accents, extract, japanese
from cardscan.extract import Fields, lexicon
from cardscan.models import NO_NAME, Address, Contact, Name, OcrResult, Phone, Social

MIN_NAME_SCORE = 2.0
MIN_TITLE_SCORE = 2.0
MIN_ORG_SCORE = 2.0
# A line that names a trade may be the company, on a card with no other sign of one, from this
# score; and a person's company, without a sign beside it, from TRADE_ORG_SCORE.
TRADE_LINE_SCORE = 0.8
TRADE_ORG_SCORE = 1.0
# Letters a word of a mailbox needs before it can give a name word back (see _with_mailbox_words).
MAILBOX_WORD_LETTERS = 3


# ---------------------------------------------------------------- word lists


def _read_words(fname: str) -> frozenset[str]:
    try:
        text = resources.files("cardscan").joinpath(f"data/{fname}").read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names: the shipped Census list, widened by gender-guesser's many-country list when installed."""
    names = set(_read_words("given_names.txt"))
    try:  # optional: ~45,000 given names from many countries (GNU FDL data, read in place, never copied)
        import gender_guesser  # type: ignore
        path = resources.files(gender_guesser).joinpath("data/nam_dict.txt")
        with path.open("r", encoding="iso-8859-1") as fh:
            for line in fh:
                if line[:1] in "#=" or len(line) < 30:
                    continue
                word = line[3:29].strip().split()
                if len(word) == 1 and word[0].isalpha():
                    names.add(word[0].lower().replace("+", "-"))
    except Exception:  # noqa: BLE001 - absent or unreadable: the shipped list is enough
        pass
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return _read_words("surnames.txt")


# Letters a name listed with accents needs to be known without them as well.
FOLDED_NAME_LETTERS = 4


def _with_folded(names: Iterable[str]) -> frozenset[str]:
    """Names as listed and as `_fold` spells them, for telling a name line by its words, which
    are looked up folded: "Aurélie" is listed only with its accent. (Not short ones: "Ás" folded
    is the word "as"; and not for mending other words, where "aleš" folded would make "ales"
    a name rather than SALES cut short.)"""
    return frozenset(names) | frozenset(_fold(n) for n in names if len(n) >= FOLDED_NAME_LETTERS)


@functools.lru_cache(maxsize=1)
def _given_names_folded() -> frozenset[str]:
    return _with_folded(given_names())


@functools.lru_cache(maxsize=1)
def _surnames_folded() -> frozenset[str]:
    return _with_folded(surnames())


def _listed_name(word: str) -> bool:
    """Whether the name lists know a folded word as a given name or a surname."""
    return word in given_names() or word in surnames()


@functools.lru_cache(maxsize=1)
def _accented_names() -> frozenset[str]:
    """Names the word lists spell with accents, without them ("alvaro" for álvaro, "muller" for müller)."""
    return frozenset(_fold(w) for w in given_names() | surnames() if not w.isascii())


@functools.lru_cache(maxsize=1)
def _listed_accents() -> dict[str, str]:
    """The one accented spelling the word lists have for a name, by its folded form."""
    spellings: dict[str, set[str]] = {}
    for w in given_names() | surnames():
        if not w.isascii():
            spellings.setdefault(_fold(w), set()).add(w.lower())
    return {k: next(iter(v)) for k, v in spellings.items() if len(v) == 1}


def _accents_as_listed(text: str) -> str:
    """"Jūrgen", "Joāo": a name whose accent was read as another (a macron for a dieresis or a
    tilde) spelt as the word lists spell it, where they have one accented spelling of it and
    none as read. Accents read only where they were not misread are left alone: "Raul" and
    "Iñigo" are names too (the lists have Raúl and Íñigo)."""
    def fix(m: re.Match) -> str:
        w = m.group(0)
        if w.isascii():
            return w
        listed = _listed_accents().get(_fold(w))
        low = w.lower()
        if listed is None or len(listed) != len(w) or _listed_name(low):
            return w
        # (an accent read where the lists have another, and none where they have none: "Iñigo"
        # is no misreading of Íñigo, nor "Đurić" of Durić)
        pairs = [(r, c) for r, c in zip(low, listed) if not r.isascii()]
        if not any(r != c and not c.isascii() for r, c in pairs) or any(c.isascii() for r, c in pairs):
            return w
        return "".join(c.upper() if o.isupper() else c for c, o in zip(listed, w))

    return re.sub(r"[^\W\d_]+", fix, text)


def spelt_with_accents(word: str) -> bool:
    """Whether a name read without accents is one the word lists know with them."""
    return word.isascii() and _fold(word) in _accented_names()


@functools.lru_cache(maxsize=1)
def _sets() -> dict[str, frozenset[str]]:
    lx = lexicon()
    # folded (no accents) because OCR often drops them: "Geschaftsfuhrer" is still a title
    return {k: frozenset(_fold(w) for w in lx.get(k, [])) for k in (
        "title_words", "title_strong", "legal_forms", "org_words", "name_prefixes", "name_suffixes",
        "street_types", "address_units", "title_connectors", "title_stems", "slogan_words")}


def _is_title_word(w: str) -> bool:
    """A folded word that names a role: in the list, a feminine form of one, or a compound
    ending in one ("Vertriebsleiter", "Personalreferentin", "projectleider")."""
    sets = _sets()
    strong = sets["title_strong"]
    if w in strong:
        return True
    if len(w) > 5 and w.endswith("in") and w[:-2] in strong:
        return True
    return len(w) >= 7 and any(w.endswith(st) and len(w) - len(st) >= 3 for st in sets["title_stems"])


def role_word(word: str) -> bool:
    """Whether a word as printed is one that titles are made of: a role, a word of the title
    lists, or one that joins them ("Head", "Marketing", "of")."""
    w = _fold(word.strip(",;:.()")).lower()  # (a compatibility capital, "ℍ", folds to "H")
    sets = _sets()
    return _is_title_word(w) or w in sets["title_words"] or w in sets["title_connectors"]


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    out = {}
    for code, names in lexicon().get("cities", {}).items():
        for n in names:
            out[n.lower()] = code
    return out


@functools.lru_cache(maxsize=1)
def _state_names() -> frozenset[str]:
    """The full names of the states and provinces of the lists (Karnataka, West Bengal,
    California, New South Wales), folded; not those that name a city too (New York, Québec,
    Victoria: the city, on a card, with its own rules)."""
    lx = lexicon()
    names = [*lx.get("in_states", []), *(n for k in ("us_states", "ca_provinces", "au_states")
                                         for n in lx.get(k, {}).values())]
    return frozenset(_fold(n) for n in names) - {_fold(c) for c in _cities()}


def _state_line(text: str) -> bool:
    """A line that is a state's or province's name and nothing else ("West Bengal")."""
    return _fold(text.strip(" .,")) in _state_names()


def _fold(s: str) -> str:
    """Lower case without accents, for comparing words."""
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?\.?", re.U)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


# ---------------------------------------------------------------- lines


@dataclass
class _Line:
    idx: int
    text: str  # cleaned full text
    rest: str  # text left once emails, phones, links and their labels are taken out
    height: float
    top: int
    left: int
    right: int
    bottom: int
    conf: float
    block: int
    junk_pre: str = ""  # an icon or logo glyph read as text at the start of the line
    junk_post: str = ""  # ... or at its end
    sideways: bool = False  # every word far narrower than its letters: print running up or down
    least_conf: float = 1.0  # the confidence of its least sure word
    core_conf: float = 1.0  # ... of those between the glyphs at its ends


# A word's box narrower than this many times its height for each letter: no letters lying in a
# row are that narrow (a condensed face is about 0.35), a word running up the card's edge is.
SIDEWAYS_WIDTH = 0.2


def _sideways(w) -> bool:
    """A word printed up or down the card (a number along its edge), its box tall and narrow."""
    n = sum(c.isalnum() for c in str(w.text))
    return n >= 2 and int(w.box.width) < SIDEWAYS_WIDTH * int(w.box.height) * n


def _word_conf(w, missing: float) -> float:
    """A word's confidence, or `missing` for a word read without one."""
    return w.conf if isinstance(w.conf, (int, float)) else missing


def _is_junk_word(w) -> bool:
    """A word at the edge of a line that is an icon or logo read as text ("©", "a]", "(=)", "alll")."""
    t = str(w.text)
    conf = _word_conf(w, 0.0)
    if not any(c.isalnum() for c in t):
        return True
    # (a legal form with a bracket's or bar's stroke read after it is no glyph: "Rheintechnik AG]")
    if re.fullmatch(r"\([A-Z]{2}\)", t) or _legal_word(_fold(t.rstrip("]|"))):
        return False
    if len(t) == 1 and ord(t) > 0xFF and unicodedata.name(t, "").startswith("LATIN"):
        # a lone Latin letter from beyond Latin-1 ("Ọ" for a map pin, read at 0.85): the
        # one-letter words of the languages written in Latin letters ("à", "y", "w", "Ó") lie
        # within it (a lone Japanese or Chinese character is a word)
        return True
    if len(t) <= 4 and re.search(r"[)\]}|€©®@<>=?¿]", t):
        return True
    if len(t) <= 4 and re.fullmatch(r"[ailtfj|]+", t) and conf < 0.9:
        return True
    if len(t) <= 3 and t.isalpha() and conf < 0.1:
        return True  # read with no confidence at all ("AME" from a logo)
    if len(t) == 2 and sum(c.isalpha() for c in t) == 1 and re.search(r"[-_~*'`^]", t):
        return True  # a letter and a dash or a speck ("r-"): no word, and no initial ("J.") either
    return len(t) <= 2 and conf < 0.5 and not t.isdigit()


# A run of scraps after a name read sure ("MAREK NOWAK 5 o o o o Sgi": a pattern beside the
# name read as signs): words of three characters at most, each read below this confidence.
SCRAP_CONF = 0.55
NAME_SURE = 0.9


def _scrap_tail(g: list) -> int:
    """How many words at the end of a line's words are a run of three or more scraps after two
    or three words of letters each read sure, each starting with a capital (a name): 0 when
    they are not."""
    k = len(g)
    while k > 0 and len(str(g[k - 1].text)) <= 3 and _word_conf(g[k - 1], 1.0) < SCRAP_CONF:
        k -= 1
    head = [str(w.text) for w in g[:k]]
    if len(g) - k < 3 or not 2 <= len(head) <= 3 or not all(
            t.isalpha() and t[:1].isupper() and _word_conf(w, 0.0) >= NAME_SURE for t, w in zip(head, g[:k])):
        return 0
    return len(g) - k


def _stray_small_letter(w, nxt) -> bool:
    """A small letter alone before a capitalised word at a line's start, read unsure: the edge
    of the card, a shadow or an icon ("d Maximilian Lehmann"). No word opens a line that way:
    a particle or a conjunction of a name stands between its names ("Maria e Silva")."""
    t, n = str(w.text), str(nxt.text)
    conf = _word_conf(w, 0.0)
    return len(t) == 1 and t.isalpha() and t.islower() and conf < STRAY_LETTER_CONF and n[:1].isupper()


# A lone small letter at a line's start read at least this sure is printed (see _stray_small_letter).
STRAY_LETTER_CONF = 0.9


def _is_monogram(w, others, legal: frozenset[str]) -> bool:
    """A logo's initials printed beside the name they stand for ("EA" by "Eichenenergie AG"),
    or a lone letter set well apart from the words ("A  Soleil Finance")."""
    t = str(w.text).strip("|")
    if not t or not others:
        return False
    if _is_odd_glyph(w, others):
        return True
    near = others[0] if w.box.left < others[0].box.left else others[-1]
    gap = (near.box.left - w.box.right) if w.box.left < near.box.left else (w.box.left - near.box.right)
    h = max(1, max(o.box.height for o in others))
    if len(t) == 1 and t.isalpha() and (gap > 0.9 * h or w.box.height > 1.7 * h):
        return True  # set apart, or drawn far taller than the words: a logo letter
    # set apart and off the line's middle by half a letter or more: part of a logo beside it
    mid = sorted(o.box.top + o.box.height / 2 for o in others)[len(others) // 2]
    if len(t) <= 3 and gap > 1.2 * h and abs(w.box.top + w.box.height / 2 - mid) > 0.5 * h:
        return True
    # a logo's I or O read as a digit ("1C" by "Iber Consultores")
    t = t.translate(str.maketrans("10", "IO")) if re.fullmatch(r"[A-Z10]{2,3}", t) else t
    if not (2 <= len(t) <= 3 and t.isupper() and t.isalpha()) or _fold(t) in legal:
        return False
    # after a comma or a separator it is the line's last field, not a logo beside it: the state
    # after its town ("São Paulo - SP", "São Paulo | SP", "New York, NY"), however alike their initials
    if w.box.left > near.box.left and re.search(r"(?:^|[,;])$|^[-–|/]$", str(near.text)):
        return False
    # (a word's first letter, past a stray mark: "”íronbridge" stands for I)
    firsts = [re.search(r"[^\W\d_]", str(o.text)) for o in others]
    initials = _fold("".join(m.group(0) for m in firsts if m)).upper()
    if len(initials) >= 2 and (initials.startswith(t) or t in initials):
        return True
    # initials set well apart ("Carlos Sánchez Álvarez      CA"): some of the letters, in order
    conf = _word_conf(w, 1.0)
    picked = iter(initials)
    return gap > 2.0 * h and (all(c in picked for c in _fold(t).upper()) or conf < 0.6)


def _floor_mark(pair) -> bool:
    """"3º C", "2° D", "1ª": a floor (and door) at the end of a Spanish or Portuguese street
    line, small and faint as it is, is part of the address, not an icon."""
    texts = [str(w.text) for w in pair]
    return bool(texts) and (bool(re.fullmatch(r"\d{1,2}[º°ª]\.?,?", texts[-1])) or (
        len(texts) == 2 and bool(re.fullmatch(r"\d{1,2}[º°ª]\.?", texts[0])) and bool(re.fullmatch(r"[A-Z]\.?", texts[1]))))


def _name_prefix(w) -> bool:
    """A title before a name, with its period ("Dr.", "Prof.", "Ing."): print, however its box or
    its confidence came out (a "Dr." read at 0.0 in a box taller than the name's is no logo)."""
    t = str(w.text)
    return "." in t and len(t) >= 3 and _fold(t) in _sets()["name_prefixes"]


def _is_odd_glyph(w, others) -> bool:
    """A logo mark read as a word at the end of a line ("(ss)", "A,", "1"): a few characters whose
    box is far taller than the words beside it, read without much confidence; or a speck read as
    a character ("9" in a box of 2 × 2 pixels)."""
    t = str(w.text)
    if re.search(r"\w\.\w", t) and _legal_word(_fold(t)):
        return False  # "S.n.c.", its box made tall by a mark above it: dotted letters are no logo's
    hs = sorted(o.box.height for o in others if sum(c.isalnum() for c in str(o.text)) >= 2)
    conf = _word_conf(w, 0.0)
    # ("VaN": a short word in a case no word has, low, is a logo read as letters)
    odd_case = bool(re.fullmatch(r"[A-Z][a-z][A-Z]|[A-Z][a-z]{1,2}[A-Z]", t)) and conf < 0.5
    # (a dash read before it is no part of it: "-JING", its box made taller by the dash)
    core = t.lstrip("-–—")
    if not hs or sum(c.isalnum() for c in t) > 4 or (core.isalpha() and len(core) >= 3 and w.box.height > 0.3 * hs[-1]
                                                       and not odd_case):
        return False  # a word of letters ("Gil") is a word, however tall its box
    ratio = w.box.height / max(1, hs[len(hs) // 2])
    if re.fullmatch(r"\d{2,5}", t) and ratio > 1:
        # a number of two digits or more is print, its box made tall by what the read joined
        # to it ("Annenstraße 29", the 29's box reaching into a picture below): no logo mark
        return False
    return (ratio >= 1.5 and conf < 0.85) or (ratio >= 1.3 and conf < 0.5) or (ratio <= 0.2 and conf < 0.5)


# Letters no taller than an x: a word of them alone has a box this much shorter than the
# letters' size (x-height against the height of letters with ascenders).
_X_LETTERS = frozenset("acemnorsuvwxz")
X_HEIGHT_SHARE = 0.7


def _letter_scale(word) -> float:
    """How much taller than its box a word's letters are: 1, or more for a word of x-high letters."""
    t = str(word.text)
    return 1.0 / X_HEIGHT_SHARE if t and all(c in _X_LETTERS for c in t) else 1.0


# A word's box this much lower than its line's typical one has no letter height of its own.
FLAT_BOX = 0.25
SURE_FLAT_WORD = 0.5


def _split_wide(line, column_lefts: tuple[int, ...] = ()) -> list[list]:
    """Split one OCR line where two things printed side by side were read as one line.

    OCR joins words on the same row across columns ("Tomasz Ivanova   50091 Zaragoza"). A split
    goes where the gap is wide for the letters beside it, where the next word starts at the
    left edge of other lines (a column), or where the letter height jumps."""
    words = [w for w in line.words if str(w.text).strip()]
    if len(words) < 2:
        return [words]
    groups = [[words[0]]]
    k = 1
    while k < len(words):
        prev, w = groups[-1][-1], words[k]
        bar = str(w.text) == "|" and k + 1 < len(words)
        nxt = words[k + 1] if bar else w

        def letters(x) -> bool:  # a word whose box height is its letter height (not "-" or ",")
            # (nor a box Tesseract gave a few pixels' height to a word it read sure: "Analista de
            # Sistemas" with "de" boxed 3 pixels tall is one line of one size; a flat scrap read
            # unsure is a mark's edge, as low as its box)
            return sum(c.isalnum() for c in str(x.text)) >= 2 and (
                x.box.height >= FLAT_BOX * line.height or (x.conf or 0.0) < SURE_FLAT_WORD)

        # (an icon after a bar, "Emi Suzuki | © cotto@…", has no letter height: the word after
        # it tells the size of the print it stands before)
        after = nxt
        if bar and not any(c.isalnum() for c in str(nxt.text)) and k + 2 < len(words):
            after = words[k + 2]
        hp = prev.box.height if letters(prev) else line.height
        hn = after.box.height if letters(after) else line.height
        h = max(1, min(hp, hn))
        gap = nxt.box.left - prev.box.right
        column = any(abs(nxt.box.left - x) <= max(6, 0.3 * h) for x in column_lefts)
        # (a word of small letters alone, "nour", is as tall as their x-height: its letters
        # are no smaller than those of a word with tall ones beside it; only a shorter box
        # is made up for, Tesseract's box of a short word can be taller than its letters)
        sp = min(hn, hp * _letter_scale(prev)) if hp < hn else hp
        sn = min(hp, hn * _letter_scale(after)) if hn < hp else hn
        ratio = max(sp, sn) / max(1.0, min(sp, sn))
        # Two groups of digits are read as one number whatever their boxes say: OCR
        # gives a digit group read unsure a box as tall as two lines ("+41 41 | 677 0262").
        digits = all(re.fullmatch(r"[+(]?\d[\d)./-]*", str(x.text)) for x in (prev, after))
        sizes = ratio > 1.7 and gap > 0.8 * h and letters(prev) and letters(after) and not digits
        if sizes and _fold(str(prev.text)) in _sets()["name_prefixes"] and str(prev.text)[:1].isupper() \
                and str(after.text)[:1].isupper() and not any(c.isalpha() for x in groups[-1][:-1] for c in str(x.text)):
            sizes = False  # "Prof." + "Magdalena Babić": a prefix set smaller than the name it opens
        if sizes and "@" in str(nxt.text) and re.fullmatch(r"[a-z][a-z._-]*", str(prev.text)):
            sizes = False  # "wei" + "liu@kadeenergie.nl": a mailbox's first word in small letters, its box short
        split = gap > 2.6 * h or (column and gap > 1.2 * h) or sizes or (bar and gap > 2.5 * h)
        if str(prev.text).endswith("@") or str(nxt.text).startswith("@"):
            split = False  # "birgit@" + "proton.me": one address, whatever the sizes of its parts
        if re.search(r"[@.][^\W_][\w-]*\.$", str(prev.text)) and extract._is_tld(str(nxt.text).rstrip(".,;").lower()):
            split = False  # "pemberton@riversidefreight." + "io": a domain's last label, its small letters' box short
        if str(prev.text) in ("&", "+") and not column:
            split = False  # "Co-Founder & CTO": no phrase ends in an ampersand (its box may be a speck's)
        if split:
            groups.append([nxt])
            k += 2 if bar else 1
        else:
            groups[-1].append(w)
            k += 1
    return groups


def _column_lefts(lines) -> tuple[int, ...]:
    """Left edges shared by two or more lines: where the card's columns start."""
    lefts = []
    for line in lines:
        ws = [w for w in getattr(line, "words", ()) if str(w.text).strip() and any(c.isalnum() for c in str(w.text))]
        if ws:
            lefts.append(int(ws[0].box.left))
    lefts.sort()
    out = []
    for x in lefts:
        near = sum(1 for y in lefts if abs(x - y) <= 6)
        if near >= 3 and (not out or abs(out[-1] - x) > 6):
            out.append(x)
    return tuple(out)


def _lines_apart(a: _Line, b: _Line, lines: list[_Line]) -> int:
    """How many lines apart two lines are, counting only the lines between them that reach
    across the width the two span: a logo's letters read beside the name ("Pilar García   A")
    are not between the name and the title under it."""
    lo, hi = sorted((a.idx, b.idx))
    left, right = min(a.left, b.left), max(a.right, b.right)
    return 1 + sum(1 for c in lines if lo < c.idx < hi and c.right > left and c.left < right)


def _lines(ocr: OcrResult) -> list[_Line]:
    out: list[_Line] = []
    src = list(getattr(ocr, "lines", ()) or ())[: extract.MAX_LINES]
    try:
        cols = _column_lefts(src)
    except Exception:  # noqa: BLE001 - odd boxes: no column evidence
        cols = ()
    for line in src:
        try:
            groups = _split_wide(line, cols)
        except Exception:  # noqa: BLE001 - a malformed line is read as plain text
            groups = [list(getattr(line, "words", ()))]
        for g in groups:
            try:
                text = extract.clean(" ".join(str(w.text) for w in g))
            except Exception:  # noqa: BLE001
                continue
            if not text:
                continue
            legal = _sets()["legal_forms"]
            pre, post = 0, 0
            while pre < 3 and len(g) - pre - post > 1 and not _name_prefix(g[pre]) \
                    and (_is_junk_word(g[pre]) or _is_monogram(g[pre], g[pre + 1:len(g) - post], legal)
                         or _stray_small_letter(g[pre], g[pre + 1])):
                pre += 1
            while post < 2 and len(g) - pre - post > 1 and not _floor_mark(g[len(g) - 2 - post:len(g) - post]) \
                    and (_is_junk_word(g[-1 - post]) or _is_monogram(g[-1 - post], g[pre:len(g) - 1 - post], legal)):
                post += 1
            post = max(post, _scrap_tail(g[pre:]))
            junk_pre = " ".join(str(w.text) for w in g[:pre])
            junk_post = " ".join(str(w.text) for w in g[len(g) - post:]) if post else ""
            hs = sorted(max(0, int(w.box.height)) for w in g[pre:len(g) - post]) or sorted(max(0, int(w.box.height)) for w in g)
            cs = [w.conf for w in g if isinstance(w.conf, (int, float))]
            core = [w.conf for w in g[pre:len(g) - post] if isinstance(w.conf, (int, float))]
            out.append(_Line(
                idx=len(out), text=text, rest=text, height=float(hs[len(hs) // 2]) if hs else 0.0,
                top=min(int(w.box.top) for w in g), left=min(int(w.box.left) for w in g),
                right=max(int(w.box.left) + int(w.box.width) for w in g),
                bottom=max(int(w.box.top) + int(w.box.height) for w in g),
                conf=sum(cs) / len(cs) if cs else 0.0, block=int(getattr(g[0], "block", 0) or 0),
                junk_pre=junk_pre, junk_post=junk_post, sideways=all(_sideways(w) for w in g),
                least_conf=min(cs) if cs else 0.0, core_conf=min(core) if core else 0.0))
            if len(out) >= extract.MAX_LINES:
                return out
    return out


_LABEL_WORDS = re.compile(
    r"(?<![\w])(?:e-?mail|email|mail|web|website|site|url|internet|homepage|www|tel|tél|phone|mobile|mob|cell|fax|"
    r"telefon|telefone|teléfono|fone|celular|handy|mobil|linkedin|twitter|instagram|facebook|github|skype)\b\.?:?", re.I)


_ADDRESS_LABEL = re.compile(
    r"^\W*(?:head\s?office|office|address|addr|adresse|anschrift|endereço|endereco|dirección|direccion|indirizzo|sede|"
    r"branch|factory|werk|siège|siege|hq|registered office|postadresse|adres|bezoekadres)\s*[:|-]\s*", re.I)


@functools.lru_cache(maxsize=1)
def _labelled_number_re() -> re.Pattern:
    # ("cep" is the Turkish mobile's label and Brazil's postcode's: a postcode label is left alone)
    words = sorted((w for w in extract._label_types() if len(w) >= 2 and w not in ("cep", "cp", "pin", "zip", "plz")),
                   key=len, reverse=True)
    label = "(?:" + "|".join(re.escape(w) for w in words) + r")\.?"
    return re.compile(r"(?<![\w])" + label + r"(?:\s*/\s*" + label + r")?\s*[:.]?\s*\+?\(?\d[\d\s().-]{5,}\d(?![\w])", re.I)


def _residual(text: str, spans: tuple[tuple[int, int], ...], junk_pre: str = "", junk_post: str = "") -> str:
    found = bool(spans)  # an email, website or number was taken from the line
    # the label right before a taken number ("Cel:", "Móvil", "Tlf.") goes with it
    labels = extract._label_types()
    for a, _ in tuple(spans):
        m = re.search(r"(?<![\w.])([^\W\d_][\w./-]*)[\s:.|]*$", text[:max(0, a)])
        if m and len(m.group(1).strip(".:")) > 1 and m.group(1).lower().strip(".:") in labels:
            spans = tuple(spans) + ((m.start(1), a),)
    if junk_pre and text.startswith(junk_pre + " "):
        spans = tuple(spans) + ((0, len(junk_pre)),)
    if junk_post and text.endswith(" " + junk_post):
        spans = tuple(spans) + ((len(text) - len(junk_post), len(text)),)
    # a labelled number that no plan calls valid ("Tel/Fax: 3123-0800" with no area code) is
    # still a number, not part of an address or a name
    spans = tuple(spans) + tuple(m.span() for m in _labelled_number_re().finditer(text))
    chars = list(text)
    for a, b in spans:
        for k in range(max(0, a), min(len(chars), b)):
            chars[k] = " "
    rest = "".join(chars)
    rest = _ADDRESS_LABEL.sub("", rest)
    # a map-pin icon read as "Q" / "QO" in front of an address line
    rest = re.sub(r"^\s*Q[Oo0]?\s+(?=\d|[A-ZÀ-Ý][a-zà-ÿ]|[a-zß-ÿ]{3,})", "", rest)
    if found:
        rest = _LABEL_WORDS.sub(" ", rest)
        # what is left beside a number is labels and icon glyphs: single letters and punctuation
        # (not the letters of a dotted legal form, "S.L.", "B.V.")
        rest = re.sub(r"(?<![\w.])[A-Za-z](?![\w])\.?:?(?![A-Za-z]\.)", " ", rest)
    # icon glyphs and separators at the ends go; a final "." or ")" belongs to the text ("Inc.", "(MI)")
    rest = re.sub(r"^[^\w(\"'“¡¿]+|[^\w.)\"'”!?]+$", "", _period_read_as_comma(rest.strip()))
    rest = re.sub(r"^(?:[©®@&%|•·*Oo®]\)?\s+)(?=\S)", "", rest) if re.match(r"^[©®@&%|•·*]\)?\s", rest) else rest
    return re.sub(r"\s+", " ", rest)


# ---------------------------------------------------------------- address


def _word_set(text: str) -> list[str]:
    return [w.lower().strip(".,;:") for w in re.findall(r"[\w./'-]+", text)]


# two- and three-letter country names count only as a line of their own, in capitals
_BARE_COUNTRY_CODES = {"UK": "GB", "US": "US", "USA": "US", "UAE": "AE", "U.K.": "GB", "U.S.": "US"}


_GRID_STREET = re.compile(r"\s*\d{1,6}\s+(?:[NSEW]|North|South|East|West)\.?\s?\d{1,5}\s+"
                          r"(?:[NSEW]|North|South|East|West)\.?(?=\s*(?:,|$|#|Suite|Ste|Unit|Apt))")


def _address_score(text: str, region: str) -> float:
    s = 0.0
    lo = text.lower()
    ws = [_fold(w) for w in _word_set(text)]
    sets = _sets()
    pc = extract.find_postcode(text, region)
    if pc:
        s += 2.0 if pc[1] else 1.0
    street = any(w in sets["street_types"] or (len(w) > 6 and w.endswith((
        "straße", "strasse", "str.", "weg", "gasse", "allee", "platz", "laan", "straat", "gracht", "plein", "markt", "kade",
        "singel", "dijk", "ring", "damm", "ufer", "steig", "pad",
        # Nordic, Finnish, Hungarian, Turkish compounds: Drottninggatan, Strandvejen, Mannerheimintie, Váci utca
        "gatan", "gata", "vägen", "vagen", "veien", "vegen", "vejen", "gade", "gaden", "katu", "tie", "utca", "caddesi",
        "sokak", "sokagi"))) for w in ws)
    has_num = bool(re.search(r"\d", text))
    if street and not has_num and ws and ws[0].strip(".") in sets["name_prefixes"] and len(ws) >= 2 \
            and not any(w in sets["street_types"] for w in ws[1:]):
        street = False  # "Dr. Ryota Yamada": an honorific before a name, not Drive
    if street and has_num:
        s += 2.0
    elif street:
        s += 0.7
    if re.match(r"^\s*\d{1,5}[a-zA-Z]?\s*[,-]?\s+[A-Za-zÀ-ÿ]", text) and len(ws) >= 2:
        s += 1.0
    # "2011 S 1100 E": a street of a numbered grid (Salt Lake City, many US towns), no street word
    if _GRID_STREET.match(text):
        s += 2.0
    # "Am Hafen 7", "An der Alster 12", "Op de Kade 3": a street named with a preposition
    if re.fullmatch(r"\s*(?:Am|An der|An den|Im|In der|In den|Auf der|Auf dem|Zum|Zur|Unter den|Hinter der|Op de|Aan de|"
                    r"In de|Bij de)\s[A-ZÄÖÜ][\w'’.-]+(?:\s[\w'’.-]+)?\s\d{1,4}[a-z]?(?:\s*[-/]\s*\d+)?\s*", text):
        s += 1.5
    if re.search(r"[A-Za-zÀ-ÿ],?\s\d{1,5}[a-zA-Z]?(\s*[-/]\s*\d+)?\s*(,|$)", text):
        s += 0.5
    # Japanese block numbers (2-10-14), wards and floors (Chuo-ku, 15F)
    if re.search(r"(?<![\d-])\d{1,4}-\d{1,4}-\d{1,4}(?![\d-])", text):
        s += 2.0
    if re.search(r"\b[A-Za-z]+-(ku|shi|cho|machi|gun)\b", text):
        s += 1.0
    if re.search(r"\b\d{1,3}(F|/F|th Floor|st Floor|nd Floor|rd Floor)\b", text, re.I) or re.search(r"\b\d{1,2}[ºª°]\s?[A-Z]?\b", text):
        s += 1.0
    if _non_phone_label(text) or _register_line(text):
        s -= 3.0
    if not re.search(r"\d", text) and _has_legal_form(text):
        s -= 2.5  # a company line ("Techno Bridge Japan Co.") even when it names a country
    # what is left of a phone line ("8814 Ext 414 | Portable") is not an address
    if re.search(r"(?<![\w])(ext|extn|x\d|tel|tél|fax|mobile?|portable|cell|handy|mob|phone|fone|gsm)\b", lo):
        s -= 2.0
    if _slogan_text(text):
        s -= 2.5
    if any(w in sets["address_units"] for w in ws):
        # "Suite 300", "Bâtiment A", "Near Bus Stand"; a unit word with neither is weak ("Local roots")
        building = {_fold(w) for w in lexicon().get("building_words", [])}
        if has_num or re.search(r"\b[A-Z]\b", text) or any(w in ("near", "opp.", "opposite", "behind", "beside") for w in ws) \
                or (len(ws) <= 4 and ws and ws[-1] in building and text[:1].isupper()):
            s += 1.0
        else:
            s += 0.3
    if re.search(r"\b(p\.?\s?o\.?\s?box|postfach|postbus|apartado|caixa postal|b\.?p\.?\s\d|casella postale)\b", lo):
        s += 2.0
    country = extract.find_country(text)
    if not country and text.strip(" .,") in _BARE_COUNTRY_CODES:
        country = (_BARE_COUNTRY_CODES[text.strip(" .,")], (0, len(text)))
    if country:
        s += 1.5 if len(ws) <= 4 else 1.0
        # "Dubai, UAE" / "Zagreb, Croatia": a place, a comma, the country, nothing else
        if len(ws) <= 4 and country[1][1] >= len(text.rstrip(" .")) - 1 and re.match(r"^[A-ZÀ-Ý][\w'’. -]*,\s*\S", text):
            s += 0.5
    # a state's name alone on its line, under the town ("Kolkata 700 552" / "West Bengal"); not
    # within a line, where it may be a person's name ("Georgia Lewis", "Victoria Hughes")
    if _state_line(text):
        s += 1.0
    cities = _cities()
    for w in _city_candidates(text):
        if w in cities:
            s += 1.0
            break
    if re.search(r",\s*[A-Z]{2}\s+\d{5}", text) or re.search(r"\s-\s[A-Z]{2}\b", text):
        s += 0.5
    m = re.search(r"[a-z][\w.]*,?\s+([A-Z]{2,3})\.?(?:,?\s+[A-Z0-9][\w -]{2,9})?\s*$", text)
    if m:
        lx = lexicon()
        if m.group(1) in lx.get("us_states", {}) or m.group(1) in lx.get("ca_provinces", {}) or m.group(1) in lx.get("au_states", {}):
            s += 1.5
    if any(w in sets["title_strong"] for w in ws):
        s -= 1.5
    if "@" in text:
        s -= 2.0
    return s


def _non_phone_label(text: str) -> bool:
    """A registration / tax / bank number line ("Tax ID 12-345", "RCS Paris B 123")."""
    m = extract._non_phone_re().search(text)
    return bool(m) and bool(re.search(r"\d{3,}", text[m.end():])) and m.group(0).lower() not in (
        "cp", "cep", "zip", "pin", "plz", "postcode", "c.p.", "ie", "i.e.", "id", "account", "reg", "reg.", "dot", "pan", "mc")


@functools.lru_cache(maxsize=1)
def _register_re() -> re.Pattern:
    words = sorted(lexicon().get("register_courts", []), key=len, reverse=True)
    return re.compile(r"\s*(?:" + ("|".join(re.escape(w) for w in words) or "(?!x)x") + r")(?![\w/])", re.I)


def _register_line(text: str) -> bool:
    """A line that starts with the register or court a company is entered in ("RPM/RPR
    Bruxelles", "Amtsgericht München", "RCS Lyon"): it names a town, and no number need
    follow it on the line."""
    return bool(_register_re().match(text))


def _slogan_text(text: str) -> bool:
    sl = _sets()["slogan_words"]
    return any(_fold(w).strip(".,") in sl for w in _words(text))


def _city_candidates(text: str) -> list[str]:
    parts = [p.strip().lower() for p in re.split(r"[,\-–|/]|\d+", text) if p.strip()]
    words = [w.lower() for w in re.findall(r"[^\W\d_][\w'.]*", text)]
    grams = [" ".join(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)]
    return parts + grams


def _find_address(cands: list[_Line], region: str, contact_idx: frozenset[int] = frozenset()) -> list[_Line]:
    scored = [(ln, _address_score(ln.rest, region)) for ln in cands]
    strong = [k for k, (_, s) in enumerate(scored) if s >= 2.0]
    for k, (ln, sc) in enumerate(scored[:-1]):
        nxt = scored[k + 1][0]
        if not strong and sc >= 0.7 and _street_word_first(ln.rest) \
                and re.match(r"^\d{1,5}\b", nxt.rest) and _close_under(ln, nxt):
            strong = [k]
    if not strong:
        # no single line is plainly an address, but a run of adjacent address-like lines
        # ("Av. Romão Fernandes" / "Farinha, Nr. 75, Andar 2" / "Mozambique") together is
        run: list[int] = []
        for k, (ln, sc) in enumerate(scored):
            if sc >= 0.5 and (not run or (ln.idx - scored[run[-1]][0].idx == 1)):
                run.append(k)
                if len(run) >= 2 and sum(scored[j][1] for j in run) >= 3.0:
                    strong = [run[0]]
                    break
            else:
                run = [k] if sc >= 0.5 else []
        if not strong:
            return []
    # grow the first group (the head office when several are printed) over its neighbours in
    # the same column: the next line down (or up) that overlaps it horizontally
    def neighbour(k: int, down: bool, group: list[int]) -> Optional[int]:
        a = scored[k][0]
        best = None
        for j, (b, _) in enumerate(scored):
            if j in group or (b.top <= a.top if down else b.top >= a.top):
                continue
            overlap = min(a.right, b.right) - max(a.left, b.left)
            if overlap <= 0 and abs(a.left - b.left) > 2 * max(a.height, 1):
                continue
            if best is None or (b.top < scored[best][0].top if down else b.top > scored[best][0].top):
                best = j
        return best

    first = strong[0]
    # a street line without its number ("Paseo de la Castellana") whose number and floor follow
    # on the next line ("24, 1º D") starts the address earlier than the postcode line
    for k, (ln, sc) in enumerate(scored[:first]):
        nxt = scored[k + 1][0] if k + 1 < len(scored) else None
        if sc >= 0.7 and _street_word_first(ln.rest) \
                and nxt is not None and re.match(r"^\d{1,5}\b", nxt.rest) and _close_under(ln, nxt):
            first = k
            break
    group = [first]
    while len(group) < 5:
        k = neighbour(group[-1], True, group)
        if k is None:
            break
        ln, s = scored[k]
        prev = scored[group[-1]][0]
        near = _near(prev, ln)
        if any(_has_postcode(scored[g][0].rest, region) for g in group):
            # past the postcode only the country (or a line right below) still belongs; a new
            # street line, or one after a phone line, starts another office's address
            between = any(prev.idx < j < ln.idx for j in contact_idx)
            if abs(ln.idx - prev.idx) > 2 or between or _starts_street(ln.rest) or re.search(r"\d", ln.rest) and extract.find_country(prev.rest):
                break
            # below the postcode: a country, a state or a known place, not a slogan
            if not (extract.find_country(ln.rest) or ln.rest.strip(" .,") in _BARE_COUNTRY_CODES or s >= 1.0):
                break
        if s >= 1.0 and near or (s >= 2.0 and abs(ln.idx - prev.idx) == 1 and _is_continuation(scored, group)):
            group.append(k)
            continue
        # the postcode line under a street line with a line's room between them that nothing
        # was read in (a unit's line, "Unit 38", lost to the read)
        if len(group) == 1 and abs(ln.idx - prev.idx) == 1 and s >= 2.0 and _starts_street(prev.rest) \
                and _has_street_word(prev.rest) \
                and _has_postcode(ln.rest, region) and not _has_postcode(prev.rest, region) \
                and ln.top - prev.bottom < LOST_LINE_GAP * max(prev.height, ln.height, 1):
            group.append(k)
            continue
        # the number and floor of a street printed without them ("Calle San Vicente" / "165, 7º A")
        if near and len(group) == 1 and re.match(r"^\d{1,5}[a-zA-Z]?\s*(?:,|$)", ln.rest) and _street_without_number(prev.rest):
            group.append(k)
            continue
        # a bare city or country line right after an address line
        if near and s >= 0.5 and len(ln.rest.split()) <= 4 and not _looks_like_title(ln.rest):
            group.append(k)
            continue
        # a floor or unit on a line of its own between the street and the postcode ("6e étage",
        # "#624")
        below = neighbour(k, True, group + [k])
        if near and below is not None and (any(_fold(w) in _sets()["address_units"] for w in _word_set(ln.rest))
                                           or _unit_number(ln.rest)) \
                and len(ln.rest.split()) <= 4 and extract.find_postcode(scored[below][0].rest, region) \
                and not any(_has_postcode(scored[g][0].rest, region) for g in group):
            group.append(k)
            continue
        # a town the word lists do not know ("York"), when the postcode follows right below it
        after = neighbour(k, True, group + [k])
        if near and after is not None and len(ln.rest.split()) <= 3 and not re.search(r"\d", ln.rest) \
                and ln.rest[:1].isupper() and not _looks_like_title(ln.rest) and _has_postcode(scored[after][0].rest, region) \
                and scored[after][0].top - ln.bottom < 2.5 * max(ln.height, 1):
            group.append(k)
            continue
        break
    while len(group) < 5:
        k = neighbour(group[0], False, group)
        if k is None:
            break
        ln, s = scored[k]
        nxt = scored[group[0]][0]
        near = _near(ln, nxt)
        # "Meir 175" / "Kouter 24": a street without a street word, right above the postcode line
        bare_street = bool(re.fullmatch(r"[A-ZÀ-Ý][\w'’.-]+(?: [\w'’.-]+){0,3},? \d{1,5}[a-zA-Z]?(?:/\d+)?", ln.rest)) \
            and not _looks_like_title(ln.rest)
        street_word = _has_street_word(ln.rest)
        if near and (s >= 1.0 or (street_word and s >= 0.7) or (bare_street and s >= 0.0 and group[0] == first)):
            group.insert(0, k)
            continue
        break
    group.sort(key=lambda j: (scored[j][0].top, scored[j][0].left))
    return [scored[k][0] for k in group]


# The gap, in line heights, a street line and its postcode line may have between them when the
# line between them was not read (_near allows 2.5 for lines read one under the other).
LOST_LINE_GAP = 4.0


def _has_street_word(text: str) -> bool:
    """Whether a word of the line is a street word of the lists ("Street", "Avenida")."""
    return any(_fold(w) in _sets()["street_types"] for w in _word_set(text))


def _street_word_first(text: str) -> bool:
    """A line that opens with a street word ("Avenida", "Calle", "Rua")."""
    words = _words(text)
    return bool(words) and _fold(words[0]).strip(".") in _sets()["street_types"]


def _street_without_number(text: str) -> bool:
    """A street line whose number is printed apart: a street word first, no digit."""
    return _street_word_first(text) and not re.search(r"\d", text)


def _close_under(above: _Line, below: _Line) -> bool:
    """Whether `below` lies right under `above`: a gap under one and a half times the upper
    line's height (as a street line's number printed on the next line does)."""
    return below.top - above.bottom < 1.5 * max(above.height, 1)


def _house_number_alone(line: _Line, lines: list[_Line]) -> bool:
    """A line of nothing but a house number, right under a street line without its number."""
    if not re.fullmatch(r"\d{1,5}[a-zA-Z]?", line.rest.strip()):
        return False
    above = [ln for ln in lines if ln.idx == line.idx - 1]
    return bool(above) and _street_without_number(above[0].rest) and _close_under(above[0], line)


def _unit_number(text: str) -> bool:
    """A unit's number alone on its line, as North American and Singapore addresses print it
    ("#624", "#21-05")."""
    return bool(re.fullmatch(r"\s*#\s?\d{1,5}(?:-\d{1,5})?[A-Za-z]?\s*", text))


def _near(above: _Line, below: _Line) -> bool:
    """Two lines close enough to be one address: a small gap and few lines read between them,
    or a gap under a line's height (OCR may read a column's lines in another block's order)."""
    gap, h = below.top - above.bottom, max(above.height, below.height, 1)
    return gap < 2.5 * h and (abs(below.idx - above.idx) <= 3 or gap < 1.2 * h)


def _has_postcode(text: str, region: str) -> bool:
    pc = extract.find_postcode(text, region)
    return bool(pc) and (bool(pc[1]) or not _starts_street(text))


def _starts_street(text: str) -> bool:
    return bool(re.match(r"^\W*\d{1,5}[a-zA-Z]?,?\s+[^\W\d]", text)) or bool(
        re.search(r"[^\W\d]\s\d{1,5}[a-zA-Z]?\s*$", text)) and _address_score(text, "") >= 2.0


def _is_continuation(scored, group) -> bool:
    # an address printed over several lines has no postcode in every line; a second full
    # address (another office) starts again with a street line after a postcode line
    last_text = scored[group[-1]][0].rest
    return extract.find_postcode(last_text) is None


def _looks_like_title(text: str) -> bool:
    ws = [_fold(w).strip(".,") for w in _words(text)]
    return any(w in _sets()["title_strong"] for w in ws)


def _digits_mended(text: str) -> str:
    """OCR's letters for digits in postcodes and house numbers put back ("Cep O1l37-O00"), except
    in a grid street, whose S and E are its own: there the space OCR lost between direction and
    number is put back instead ("2011 S1100 E" is 2011 S 1100 E, not 2011 51100 E)."""
    m = _GRID_STREET.match(text)
    if not m:
        return extract.repair_digits(text)
    return re.sub(r"\b([NSEW])\.?(?=\d)", r"\1 ", text[:m.end()]) + text[m.end():]


_DOUBLE_ACUTE = str.maketrans("űőŰŐ", "üöÜÖ")


def _structure_address(lines: list[_Line], region: str) -> Address:
    # (marks opening a line are an icon's, but for a unit's number: "#624")
    texts = [re.sub(r"^(?!#\s?\d)\W+|[\s,;]+$", "", _digits_mended(ln.rest)) for ln in lines]
    # "PO. Box" / "P.O Box": the other dot of "P.O. Box" lost
    texts = [re.sub(r"\b(P)\.?(O)\.\s?(Box)\b|\b(P)\.(O)\s(Box)\b",
                    lambda m: "{}.{}. {}".format(*[g for g in m.groups() if g]), t, flags=re.I) for t in texts]
    texts = [t for t in texts if t]
    if region != "HU" and not any((c := extract.find_country(t)) and c[0] == "HU" for t in texts):
        # a double acute is Hungarian's alone: elsewhere it is an umlaut misread ("Műhlenweg")
        texts = [t.translate(_DOUBLE_ACUTE) for t in texts]
    full = ", ".join(texts)
    country = ""
    c = None
    for t in reversed(texts):
        c = extract.find_country(t)
        if c:
            country = c[0]
            break
        if t.strip(" .,") in _BARE_COUNTRY_CODES:
            country = _BARE_COUNTRY_CODES[t.strip(" .,")]
            break
    postcode, city, reg, street, pobox = "", "", "", "", ""
    pc_line = None
    # the postcode line: one whose postcode names its country beats a bare number; later beats earlier
    found = [(k, extract.find_postcode(t, country or region)) for k, t in enumerate(texts)]
    found = [(k, pc) for k, pc in found if pc]
    if found:
        found.sort(key=lambda kp: (bool(kp[1][1]), kp[0]))
        found = found[-1:]
    for k, pc in found:
        t = texts[k]
        if pc:
            postcode = pc[0]
            postcode = re.sub(r"^(?:[A-Z]{1,3})[- ](?=\d)", "", postcode)  # "D-28195" → 28195
            if pc[1] and not country:
                country = pc[1]
            pc_line = k
            city, reg = _city_region(t, pc[2], country or region)
            break
    if not reg and pc_line is not None and pc_line + 1 < len(texts) and _state_line(texts[pc_line + 1]):
        reg = texts[pc_line + 1].strip(" .,")  # the state on its own line, under the town
    if not country:
        for t in texts:
            for cand in _city_candidates(t):
                if cand in _cities():
                    country = _cities()[cand]
                    break
            if country:
                break
    if not country:
        country = region or ""
    m = re.search(r"\b(p\.?\s?o\.?\s?box|postfach|postbus|apartado|caixa postal|b\.?p\.?)\s*[\w-]+", full, re.I)
    if m:
        pobox = m.group(0)
    city_line = None
    above = texts[pc_line - 1] if pc_line else ""
    if not city and above and postcode == texts[pc_line].strip() and not re.search(r"\d", above) \
            and len(above.split()) <= 3 and not extract.find_country(above):
        # the town on a line of its own, right above a line that holds the postcode alone
        # ("147 Mill Lane" / "London" / "W1T 2QU")
        city_line, city = pc_line - 1, above
    street_parts = []
    for k, t in enumerate(texts):
        if k == city_line:
            continue
        if k == pc_line:
            # the part of the postcode line before the postcode / city is often the street
            pre = re.split(r",", t)
            if len(pre) > 1 and _address_score(pre[0], region) >= 2 and not extract.find_postcode(pre[0], region):
                street_parts.append(pre[0].strip())
            break
        if extract.find_country(t) and len(t.split()) <= 3:
            continue
        street_parts.append(t)
    street = ", ".join(street_parts)
    if not city and pc_line is None and len(texts) >= 2:
        last = texts[-1] if not (extract.find_country(texts[-1]) and len(texts[-1].split()) <= 3) else (texts[-2] if len(texts) >= 3 else "")
        if last and last not in street_parts:
            city = last.split(",")[0].strip()
    return Address(text=full, street=street, city=city, region=reg, postcode=postcode, country=country, pobox=pobox)


def _city_region(text: str, span: tuple[int, int], country: str) -> tuple[str, str]:
    """City and region around the postcode on its line: "Toronto, ON M5R 2A5", "10115 Berlin",
    "Bengaluru 560001, Karnataka", "São Paulo - SP, CEP 01310-100", "20121 Milano (MI)"."""
    before, after = text[: span[0]], text[span[1]:]
    before = re.sub(r"\b(CEP|PLZ|CP|ZIP|C\.P\.|PIN)\s*[:.]?\s*$", "", before, flags=re.I).rstrip(" ,-–")
    before = re.sub(r"\b[A-Z]{1,3}-$", "", before).rstrip(" ,-–")  # "D-" / "CH-" country prefix
    after = after.strip(" ,-–")
    lx = lexicon()
    states = {**lx.get("us_states", {}), **lx.get("ca_provinces", {}), **lx.get("au_states", {})}
    m = re.search(r"([^\d,]+?)\s*,?\s+([A-Z]{2,3})\.?\s*$", before)
    if m and m.group(2) in states:
        # (a Brazilian state's letters may be a US state's too: "Florianópolis - SC")
        # (and a comma before the state read as a period: "Los Angeles. CA")
        return m.group(1).split(",")[-1].strip(" -–/(."), m.group(2)

    def split_region(part: str) -> tuple[str, str]:
        m2 = re.search(r"^(.*?)\s*(?:\s[-–]\s*|/|\()\s*([A-Z]{2})\)?\.?$", part)
        if m2 and m2.group(1).strip():
            return m2.group(1).strip(), m2.group(2)
        return part.strip(), ""

    last_before = re.split(r",", before)[-1].strip() if before else ""
    parts = re.split(r"\s[-–]\s", last_before)
    if len(parts) >= 3 and re.search(r"\d", parts[0]) and re.fullmatch(r"[A-Z]{2}", parts[-1].strip()) \
            and re.search(r"[^\W\d_]", parts[-2]) and not re.search(r"\d", parts[-2]):
        # "Rua Padre João, 331 - Penha - SP": the number, then the city and its state
        return parts[-2].strip(), parts[-1].strip()
    if last_before and re.search(r"[^\W\d_]", last_before) and not re.search(r"\d", last_before) \
            and not _has_street_word(last_before):
        city, reg = split_region(last_before)
        if not reg:
            first_after = re.split(r",|\s[-–]\s", after)[0].strip() if after else ""
            if first_after and not re.search(r"\d", first_after) and not extract.find_country(first_after):
                reg = first_after
        return city, reg
    first_after = re.split(r",|\s[-–]\s(?![A-Z]{2}\b)", after)[0].strip() if after else ""
    if first_after and re.search(r"[^\W\d_]", first_after) and not extract.find_country(first_after):
        return split_region(first_after)
    return "", ""


# ---------------------------------------------------------------- evidence from the email and website


def _domains(f: Fields) -> list[str]:
    return _domain_labels([e.value for e in f.emails], [u.value for u in f.urls])


def contact_domains(contact: Contact) -> list[str]:
    """The names of the contact's mail and web domains ("polderontwerp" for k@polderontwerp.eu)."""
    return _domain_labels(list(contact.emails), list(contact.urls))


def name_vouched(contact: Contact) -> bool:
    """Whether the contact's name is vouched for: its mailbox spells it, or the name lists know
    its given and its family name."""
    name = contact.name
    if name is None or not name.given or not name.family:
        return False
    locals_ = [e.partition("@")[0].lower() for e in contact.emails]
    if _email_name_agreement([name.given, name.family], locals_) >= 0.7:
        return True
    return _fold(name.given.split()[0]) in _given_names_folded() and _fold(name.family.split()[-1]) in _surnames_folded()


def company_of_its_domains(org: str, contact: Contact, *, at_least: float = 0.85) -> bool:
    """Whether `org` is what the contact's own mail or web domain spells (NUEVA LOGÍSTICA ↔
    nuevalogistica.com), their agreement (_domain_agreement) `at_least` this."""
    return _domain_agreement(org, contact_domains(contact)) >= at_least


# A company name vouches for a domain it spells whole, or all but a letter or two of it: not for
# one it is only part of ("iparkavantagestudio" by Vantage Studio).
VOUCHING_AGREEMENT = 0.9


def _how_vouched(address: str, contact: Contact, *, is_email: bool) -> int:
    """How surely the card's other print vouches for a mail address or website: 2 where its
    domain is one the contact has already, or spells the person's name or the company letter
    for letter (at a free mail provider: its mailbox holds the family name), 1 where it spells
    the company all but a letter or two (VOUCHING_AGREEMENT), 0 where nothing does."""
    emails, urls = ([address], []) if is_email else ([], [address])
    labels = _domain_labels(emails, urls)
    if not labels:
        family = _compact(contact.name.family) if contact.name else ""
        return 2 if is_email and len(family) >= 3 and family in _compact(address.split("@", 1)[0]) else 0
    label = labels[0]
    if label in contact_domains(contact) or (contact.name is not None and _compact(contact.name.full) == label):
        return 2
    agreement = _domain_agreement(contact.org, [label]) if contact.org else 0.0
    return 2 if agreement >= 1.0 else 1 if agreement >= VOUCHING_AGREEMENT else 0


def vouched_for(address: str, contact: Contact, *, is_email: bool) -> bool:
    """Whether the card's other print vouches for a mail address or website: its domain is one
    the contact has already, or spells the company or the person's name; at a free mail
    provider, its mailbox holds the family name."""
    return _how_vouched(address, contact, is_email=is_email) > 0


def mail_domain_vouched(address: str, contact: Contact) -> int:
    """How surely the card's other print vouches for a mail address's domain, 0 to 2 (see
    _how_vouched). `contact` is the card without the address."""
    return _how_vouched(address, contact, is_email=True)


def _domain_labels(emails: list[str], urls: list[str]) -> list[str]:
    out = []
    for e in emails:
        out.append(e.split("@", 1)[1].lower())
    for u in urls:
        out.append(extract.host_of(u))
    labels = []
    for d in out:
        parts = d.split(".")
        if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "ac", "gov", "ne", "or", "edu", "gob"):
            core = parts[-3]
        elif len(parts) >= 2:
            core = parts[-2]
        else:
            core = parts[0]
        if core not in ("gmail", "yahoo", "hotmail", "outlook", "live", "icloud", "aol", "gmx", "web", "mail",
                        "protonmail", "yandex", "qq", "163", "bol", "uol", "terra", "me", "msn", "t-online"):
            labels.append(core)
    return list(dict.fromkeys(labels))


def _locals(f: Fields) -> list[str]:
    return [e.value.split("@", 1)[0].lower() for e in f.emails]


# A profile's path that names one person (a company's page, "linkedin.com/company/...", does not)
_PERSONAL_PROFILE = re.compile(r"(?:linkedin\.com|lnkd\.in)/in/|xing\.com/profile/", re.I)


def _profile_handles(f: Fields) -> list[str]:
    """The handles of the card's personal profiles ("linkedin.com/in/ananya-kulkarni"), which
    are spelt like a mailbox made of the person's name."""
    return [s.handle.lower() for s in f.socials if s.handle and _PERSONAL_PROFILE.search(s.url)]


def _mailbox_words(local: str) -> list[str]:
    """The words of a mailbox (of _locals), as its dots, hyphens, underscores and pluses part them."""
    return [p for p in re.split(r"[._+-]+", local) if p]


# Letters that no accent-stripping turns into ASCII, as mail and web addresses spell them
# (Straßburger → strassburger@, Sørensen → sorensen@)
_ASCII_SPELLING = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                                 "ı": "i"})


def _compact(text: str) -> str:
    """Letters and digits only, as an address spells them: for comparing lines with mail and web addresses."""
    return re.sub(r"[^a-z0-9]", "", _fold(text).translate(_ASCII_SPELLING))


# How well a name line and a domain agree for the domain to be the person's own site.
PERSONAL_SITE_AGREEMENT = 0.85


def _name_of(ft: "_Feat", locals_: list[str]) -> Optional[Name]:
    """The name a line is (its words spelt as the mailbox spells them), or None when nothing of
    a name is left of it."""
    name = split_name(_with_mailbox_words(ft.line, locals_))
    return name if name.full else None


def _personal_site(ft: "_Feat", domains: list[str]) -> bool:
    """Whether a line is a person's name that a mail or web domain spells whole, initials left
    out (harukayamada.co.jp for "Haruka Yamada", benjaminforsyth.net.au for "Benjamin L.
    Forsyth"): the person's own site, where a company's domain spells the company."""
    if ft.legal or ft.org_words or ft.digits or ft.title_strong or not (ft.given_hit or ft.surname_hit) \
            or not 2 <= len(ft.words) <= 4:
        return False
    words = [w for w in ft.words if len(_compact(w)) > 1]
    # (either side misread by a letter or two: "majalindavist", "matthewhofoway")
    return len(words) >= 2 and _words_agreement(words, _compact(" ".join(words)), domains) >= PERSONAL_SITE_AGREEMENT


def _domain_agreement(text: str, domains: list[str]) -> float:
    """How well a line matches a domain name (bluemedia ↔ Blue Media Inc.), 0-1."""
    if not domains:
        return 0.0
    legal = _sets()["legal_forms"]
    words = _words(text)
    # the name without its legal forms; and without only those it ends with, for a name that has
    # a word some country uses as a legal form ("JS ULC CO., LTD." ↔ jsulc.co.kr)
    named = [w for w in words if _fold(w).strip(".,") not in legal]
    ending = list(words)
    while ending and _fold(ending[-1]).strip(".,") in legal:
        ending.pop()
    return max(_words_agreement(ws, _compact(text), domains) for ws in (named, ending))


def _words_agreement(ws: list[str], full: str, domains: list[str]) -> float:
    """_domain_agreement for the words `ws` of a line whose letters and digits are `full`."""
    comp = _compact(" ".join(ws))
    if len(comp) < 2:
        return 0.0
    initials = "".join(_fold(w)[0] for w in ws if w)
    best = 0.0
    for d in domains:
        d2 = d.replace("-", "")
        if len(d2) < 2:
            continue
        if comp == d2 or full == d2:
            return 1.0
        if len(d2) >= 4 and (d2 in comp or comp in d2):
            best = max(best, 0.85 if min(len(comp), len(d2)) >= 4 else 0.5)
        if len(initials) >= 2 and initials == d2:
            best = max(best, 0.8)
        if len(ws) >= 1 and len(d2) >= 4:
            first = _compact(ws[0])
            if len(first) >= 4 and (d2.startswith(first) or first.startswith(d2)):
                best = max(best, 0.7)
        # a domain made from the start of the name ("intergf" ↔ "INTERGLOBE FREIGHT")
        common = len(os.path.commonprefix([comp, d2]))
        if common >= 5 and common >= 0.6 * min(len(comp), len(d2)):
            best = max(best, 0.75)
        r = difflib.SequenceMatcher(None, comp, d2).ratio()
        if r >= 0.75:
            best = max(best, r)
    return best


def _email_name_agreement(tokens: list[str], locals_: list[str]) -> float:
    """How well name tokens match an email local part (jane.doe, jdoe, janed, jane), 0-1."""
    toks = [_compact(t) for t in tokens if _compact(t)]
    if len(toks) < 1 or not locals_:
        return 0.0
    best = 0.0
    for loc in locals_:
        if loc in extract._ROLE_MAILBOXES:
            continue  # "office@" names no one: "Office Manager" is a title
        parts = _mailbox_words(_compact_keep_sep(loc))
        flat = "".join(parts)
        if not flat:
            continue
        given, family = toks[0], toks[-1]
        if len(toks) >= 2:
            if set(parts) >= {given, family} or flat in (given + family, family + given):
                return 1.0
            if flat in (given[0] + family, family + given[0], given + family[0], given[0] + "." + family):
                best = max(best, 0.9)
            if len(toks) >= 3 and flat == given[0] + toks[1][0] + family:
                best = max(best, 0.9)
            if flat == family and len(family) >= 3:
                best = max(best, 0.7)
            if flat == given and len(given) >= 3:
                best = max(best, 0.6)
            if parts and len(parts[-1]) >= 3 and parts[-1] == family:
                best = max(best, 0.8)
            if any(len(p) >= 4 and (p == given or p == family) for p in parts):
                best = max(best, 0.6)
        else:
            if flat == given or (len(given) >= 4 and given in flat):
                best = max(best, 0.6)
    return best


def _compact_keep_sep(s: str) -> str:
    return re.sub(r"[^a-z0-9._+-]", "", _fold(s))


# ---------------------------------------------------------------- scoring


@dataclass
class _Feat:
    line: _Line
    words: list[str]
    folded: list[str]
    hrank: float  # 1 for the tallest line, falling towards 0
    given_hit: float
    surname_hit: float
    title_hits: int
    title_strong: int
    legal: bool
    org_words: int
    domain: float
    email_name: float
    digits: int
    caps: bool


_LEGAL_RE = re.compile(
    r"(?<![\w])(gmbh|s\.a\.s\.?|s\.?a\.?r\.?l\.?|b\.v\.?|n\.v\.?|pty\.? ltd|pvt\.? ltd|pte\.? ltd|co\.,?\s?ltd|s\.p\.a\.?|"
    r"s\.r\.l\.?|ltda|s/c|s\.l\.|l\.l\.c\.|a\.ş\.?|sdn\.? bhd)(?![\w])")


# Short legal forms people print in small letters; other short ones in small letters are
# words of a sentence ("todas as marcas", "ou", "se", "me", "sa").
_LOWER_LEGAL = frozenset({"inc", "ltd", "llc", "llp", "plc", "pty", "pvt", "pte", "co"})


def _legal_word(folded: str) -> bool:
    """Whether a folded word is a legal form, with or without the period after it ("ltd.")."""
    legal = _sets()["legal_forms"]
    return folded in legal or folded.rstrip(".") in legal


def _has_legal_form(text: str) -> bool:
    """A company's legal form; short undotted ones ("SA", "AG", "BV") only at the end of the line."""
    lower = _fold(text)
    printed = re.findall(r"[\w&./-]+", text)
    tokens = re.findall(r"[\w&./-]+", lower)
    if len(printed) != len(tokens):  # folding changed the split: no printed form to go by
        printed = tokens
    # a parenthesised tail ("UG (haftungsbeschränkt)") ends the name for this purpose
    n = next((k for k, t in enumerate(tokens) if k and t.startswith("(")), len(tokens))
    for k, t in enumerate(tokens[:n]):
        t = t.strip(",;")
        if k == 0 or not _legal_word(t):
            continue
        if len(t) > 3 or "." in t or "/" in t:
            return True
        if k >= n - 2 and (not printed[k].strip(",;").islower() or t in _LOWER_LEGAL):
            return True
    return bool(_LEGAL_RE.search(lower))


# Post-nominal letters that are never spelt like a name: "John Smith Jr" keeps its suffix.
_PLAIN_SUFFIXES = frozenset({"jr", "sr", "esq"})


def _name_core(words: list[str], folded: list[str]) -> list[str]:
    """The folded words of a name line without its prefixes and post-nominal letters.

    A word spelt like a name (capital, then small letters, no dot) before any comma is part of
    the name even when it reads like letters after one: "Xiaoming Ma, PhD" is Ma the family
    name (not an MA), "Anh Do" is Do; "Jane Doe, MA", "Jane Doe MBA" and "Ph.D." are letters."""
    sets = _sets()
    prefixes, suffixes = sets["name_prefixes"], sets["name_suffixes"]
    if len(words) != len(folded):  # words split at hyphens or slashes: no printed form to go by
        return [w for w in folded if w not in prefixes and w not in suffixes]
    out, after_comma = [], False
    for printed, w in zip(words, folded):
        core = printed.strip(".,;:")
        if w in prefixes:
            pass
        elif w in suffixes:
            if not after_comma and w not in _PLAIN_SUFFIXES and "." not in printed \
                    and core[:1].isupper() and core[1:].islower() and len(core) >= 2:
                out.append(w)
        else:
            out.append(w)
        after_comma = after_comma or printed.endswith(",")
    return out


def _cased_like(word: str, printed: str) -> str:
    """A word spelt as the lists spell it, in the case of the word printed in its place: all
    capitals, a capital first (the rest as the lists have it: "McAllen"), or as the lists have it."""
    if printed.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if printed[:1].isupper() else word


def _with_mailbox_words(line: _Line, locals_: list[str]) -> str:
    """The name line's text with a word at its edge, set aside as a glyph read with no
    confidence, given back when the card's mailbox spells it but for one letter: "Puo Fang"
    read at 0.10 and 0.97 beside f.guo@ is Guo Fang."""
    text = line.rest
    names = text.casefold().split()
    parts = {p for loc in locals_ for p in _mailbox_words(loc) if len(p) >= MAILBOX_WORD_LETTERS}
    for junk, before in ((line.junk_pre, True), (line.junk_post, False)):
        if not junk.isalpha() or len(junk) < MAILBOX_WORD_LETTERS:
            continue
        low = junk.casefold()
        spelt = next((p for p in sorted(parts) if len(p) == len(low) and p not in names
                      and sum(a != b for a, b in zip(p, low)) <= 1), None)
        if spelt is None:
            continue
        word = _cased_like(spelt, junk)
        text = f"{word} {text}" if before else f"{text} {word}"
    return _eszett_from_mailbox(
        _name_word_as_the_mailbox_spells_it(_split_word_joined(_family_cut_short(text, locals_), parts), locals_),
        locals_)


def _eszett_from_mailbox(text: str, locals_: list[str]) -> str:
    """"Ines StraBburger" beside ines.strassburger@: a ß read as a capital B (or R) between small
    letters, put back where the mailbox spells the word with ss in its place ("McBride" beside
    mcbride@ stays)."""
    parts = {p for loc in locals_ for p in _mailbox_words(loc)}

    def fix(m: re.Match) -> str:
        w = m.group(0)
        spelt = re.sub(r"(?<=[a-zäöü])[BR](?=[a-zäöü])", "ß", w)
        return spelt if _compact(spelt) in parts and _compact(w) not in parts else w

    return re.sub(r"\w*[a-zäöü][BR][a-zäöü]\w*", fix, text) if parts else text


# Letters a name's word needs to be respelt as its mailbox spells it (shorter names are a
# letter apart from too many others).
NAME_MEND_LETTERS = 4


def _name_word_as_the_mailbox_spells_it(text: str, locals_: list[str]) -> str:
    """"Yictoria Harrington" beside victoria.harrington@ (or victoriah@): a word of the name that
    no name list knows, one letter off a word of the mailbox that the lists know as a name, is
    that name misread, where the mailbox is the person's: its other word, or the initial run into
    it, is another word of the name line; and a given name no list knows whose first letter is
    not the initial of such a mailbox, but makes a name they know in its place ("Yalentina Gallo"
    beside v.gallo@). Without the mend the mailbox would be "mended" to the misread name (see
    _mailbox_near_name)."""
    words = text.split()
    if len(words) < 2:
        return text
    keys = [_compact(w) for w in words]
    for i, w in enumerate(words):
        key = keys[i]
        if len(key) < NAME_MEND_LETTERS or not w.isalpha() or _listed_name(_fold(w)):
            continue
        others = {k for j, k in enumerate(keys) if j != i and k}
        spelt = set()
        for loc in locals_:
            parts = _mailbox_words(loc)
            for p in parts:
                rest = any(q in others for q in parts if q != p)
                # (a mailbox of one word: the other name's initial run into it, before or after)
                for cand, ok in ((p, rest), (p[:-1], any(o[0] == p[-1] for o in others)),
                                 (p[1:], any(o[0] == p[0] for o in others))):
                    if (ok and len(cand) == len(key) and cand != key and _listed_name(cand)
                            and sum(a != b for a, b in zip(cand, key)) == 1):
                        spelt.add(cand)
            if i == 0:
                # "Yalentina Gallo" beside v.gallo@ or vgallo@: the mailbox's initial, before
                # another word of the name, is the given name's first letter, misread on the card
                initials = {p for p in parts if len(p) == 1 and any(q in others for q in parts if q != p)} | \
                    {p[0] for p in parts if len(p) > 1 and p[1:] in others}
                spelt |= {c + key[1:] for c in initials if c.isalpha() and c != key[0] and _listed_name(c + key[1:])}
        if len(spelt) == 1:
            words[i] = _cased_like(spelt.pop(), w)
    return " ".join(words)


# Letters a name's last word may have lost at the edge of its line, and the letters it must keep.
NAME_EDGE_LOST = 3
NAME_EDGE_KEPT = 4


def _given_cut_short(text: str, locals_: list[str]) -> str:
    """"ximilian Weber" beside maximilianw@, "go d'Martin" beside hugo_martin@: the name line's
    first word with its first letters lost (it starts with a small letter, and no name list
    knows it or it is too short to tell), completed as the mailbox spells the given name it
    ends, where the rest of that mailbox is another word of the line or its initial. One to
    three letters only."""
    words = text.split()
    # (a piece of three letters or fewer is some name in the lists: "go" of Hugo)
    if len(words) < 2 or not words[0].isalpha() or not words[0][:1].islower() \
            or (len(words[0]) > 3 and _listed_name(_fold(words[0]))):
        return text
    first = _compact(words[0])
    others = {_compact(w) for w in re.split(r"[\s'’-]+", " ".join(words[1:]))} - {""}
    found = set()
    for loc in locals_:
        parts = _mailbox_words(loc)
        for p in parts:
            whole = [p] if any(q in others for q in parts if q != p) else []
            # (one word: the family name's initial run onto the given name, "maximilianw")
            run = [p[:-1]] if len(parts) == 1 and any(o[0] == p[-1] for o in others) else []
            found |= {c for c in whole + run if c.endswith(first) and 1 <= len(c) - len(first) <= NAME_EDGE_LOST
                      and _listed_name(c)}
    if len(found) != 1 or not others:
        return text
    given = found.pop()
    caps = all(w.isupper() for w in words[1:] if w.isalpha())
    return " ".join([given.upper() if caps else given.capitalize()] + words[1:])


def _family_cut_short(text: str, locals_: list[str]) -> str:
    """"Dr. Gabriel Barbo" beside gabriel_barbosa@: the last word of the name line cut short at
    the line's edge, completed with the letters of the mailbox's word it begins, where another
    word of the same mailbox is another word of the line (the given name)."""
    words = text.split()
    if len(words) < 2 or not words[-1].isalpha() or len(words[-1]) < NAME_EDGE_KEPT:
        return text
    last = _compact(words[-1])
    others = {_compact(w) for w in words[:-1]}
    for loc in locals_:
        parts = _mailbox_words(loc)
        longer = [p for p in parts if p.isalpha() and p.startswith(last) and 1 <= len(p) - len(last) <= NAME_EDGE_LOST]
        if len(longer) == 1 and any(p in others for p in parts if p != longer[0]):
            return " ".join(words[:-1] + [words[-1] + _cased_like(longer[0], words[-1])[len(words[-1]):]])
    return text


def _split_word_joined(text: str, parts: set[str]) -> str:
    """"Lorenzo Lom Bardi" beside lorenzo.lombardi@: a space read into a word of the name,
    where the mailbox spells the word whole ("Isla o Connell" beside i.oconnell@: the
    apostrophe of O' read as a space). Two names side by side ("Anna Maria" beside
    annamaria@) stay two words, and a name of two words is no word cut in two ("Selin Şahin"
    beside selinsahin@ is the whole name run together)."""
    words = text.split()
    for k in range(len(words) - 1 if len(words) >= 3 else 0):
        a, b = words[k], words[k + 1]
        joined = _fold(a + b)
        # ("Sop hie Blackwood": the first two words a given name the lists know, whatever the
        # mailbox)
        if not (a.isalpha() and b.isalpha()) or len(joined) < 6 or (
                joined not in parts and not (k == 0 and joined in given_names())):
            continue
        if all(_listed_name(_fold(x)) for x in (a, b)):
            continue
        if a.lower() == "o":
            words[k:k + 2] = [f"O'{b}"]
        else:
            words[k:k + 2] = [a + (b.lower() if a[1:].islower() or len(a) == 1 else b)]
        return " ".join(words)
    return text


# A word of trade at the end of a word runs a name and a trade together, as German and Dutch
# write a company's name ("Sonnenelektro", "Kristallwerkstatt"): this many letters of trade at
# least, and of what comes before it.
COMPOUND_TRADE, COMPOUND_HEAD = 5, 3


@functools.lru_cache(maxsize=4096)
def _trade_compound(word: str) -> bool:
    """Whether a folded word is one word of trade (the lists' org_words) run onto a name before
    it, and no name the lists know."""
    if len(word) < COMPOUND_TRADE + COMPOUND_HEAD or not word.isalpha() or _listed_name(word):
        return False
    trades = _sets()["org_words"]
    return any(word[k:] in trades for k in range(COMPOUND_HEAD, len(word) - COMPOUND_TRADE + 1))


def _features(ln: _Line, hmax: float, domains: list[str], locals_: list[str]) -> _Feat:
    sets = _sets()
    words = _words(ln.rest)
    # "MANAGER-S.E." and "Director/Diretor" hold two words each
    folded = [p for w in words for p in re.split(r"[-/]", _fold(w).strip(".,;:")) if p] if re.search(r"\w[-/]\w", ln.rest) \
        else [_fold(w).strip(".,;:") for w in words]
    lower = _fold(ln.rest)
    title_strong = sum(1 for w in folded if _is_title_word(w))
    title_hits = sum(1 for w in folded if w in sets["title_words"] or _is_title_word(w))
    if "head of" in lower:
        title_strong += 1
    legal = _has_legal_form(ln.rest)
    # (a compound is written with a capital, as a name: "granitesoftware co.uk" is an address)
    org_words = sum(1 for w in folded if w in sets["org_words"]) + sum(
        1 for w in words if w[:1].isupper() and _trade_compound(_fold(w).strip(".,;:")))
    nameish = _name_core(words, folded)
    gn = _given_names_folded()
    sn = _surnames_folded()
    given_hit = 0.0
    surname_hit = 0.0
    if nameish:
        if nameish[0] in gn:
            given_hit = 1.0
        elif len(nameish) >= 2 and nameish[-1] in gn and words and words[0].isupper() and not all(w.isupper() for w in words):
            given_hit = 0.8  # family name first, in capitals (ZHANG Wei)
        elif len(nameish) == 2 and len(words) == 2 and nameish[0] in sn and words[0].isupper() and len(words[0]) >= 2 \
                and words[1][:1].isupper() and words[1][1:].islower():
            # ... and so printed, where the lists lack the given name (ZHU Hao): the capitals
            # mark the family name as much as the lists do
            given_hit = 0.6
        if len(nameish) >= 2 and (nameish[-1] in sn or nameish[0] in sn):
            surname_hit = 1.0
    email_name = _email_name_agreement(nameish, locals_) if nameish else 0.0
    # family-first order agrees with the email the other way round
    if len(nameish) >= 2 and email_name < 0.9:
        email_name = max(email_name, 0.9 * _email_name_agreement(nameish[::-1], locals_))
    letters = [c for c in ln.rest if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters)
    hrank = min(1.0, ln.height / hmax) if hmax else 0.0
    return _Feat(ln, words, folded, hrank, given_hit, surname_hit, title_hits, title_strong, legal, org_words,
                 _domain_agreement(ln.rest, domains), email_name, sum(c.isdigit() for c in ln.rest), caps)


def _title_continues(a: _Feat, b: _Feat) -> bool:
    """The line below a title carries on with it: "Vice President," / "Sales", "TLD Manager" /
    "Europe, Asia, Middle East", "General Manager" / "Management Section"."""
    if b.digits or b.legal or b.domain >= 0.5 or b.email_name >= 0.5 or _slogan(b) or _garbage(b) or len(b.words) > 6:
        return False
    if abs(a.line.left - b.line.left) > 2 * max(a.line.height, 1) and abs(a.line.right - b.line.right) > 2 * max(a.line.height, 1) \
            and abs((a.line.left + a.line.right) - (b.line.left + b.line.right)) > 2 * max(a.line.height, 1):
        return False  # not aligned with the title: another column
    if a.line.rest.rstrip().endswith((",", "&", "-", "/", " and", " of", " und", " et", " y", " e")):
        return True
    if b.title_strong or b.org_words:
        return False
    known = _sets()["title_words"] | _sets()["title_connectors"]
    return all(w in known for w in b.folded) and bool(b.folded)


# Below this confidence a word above a company's line is a picture read as letters, not its logo word.
LOGO_WORD_CONF = 0.2


def _org_continues(a: _Feat, b: _Feat, domains: list[str]) -> bool:
    la, lb = a.line, b.line
    if abs(la.idx - lb.idx) > 2 or b.digits or len(b.words) > 3 or not b.words or b.title_strong or _slogan(b):
        return False
    if b.email_name >= 0.5 or (b.given_hit and b.surname_hit):
        return False
    upper, lower = (la, lb) if la.top < lb.top else (lb, la)
    gap = lower.top - upper.bottom
    if gap > 1.2 * max(la.height, lb.height, 1):
        return False
    if min(upper.right, lower.right) - max(upper.left, lower.left) <= 0:
        return False  # no horizontal overlap: another column
    joined = f"{upper is la and a.line.rest or b.line.rest} {upper is la and b.line.rest or a.line.rest}"
    if domains and _domain_agreement(joined, domains) > max(a.domain, 0.0) + 0.05:
        return True
    if a.domain >= 0.9 and not b.legal and not b.org_words:
        return False  # the line alone is what the domain spells: a logo's letters beside it add nothing
    if b.legal and not a.legal:
        return True
    if b.org_words >= 2 or (b.org_words and "&" in b.line.rest):
        return True  # "Transport & Logistics" under a logo word
    if upper is la and b.org_words and len(b.words) <= 2 and a.domain >= 0.7 and b.caps == a.caps:
        return True  # the word of the trade under the name the domain spells ("HARBOR" / "INSURANCE")
    monogram = len(b.words[0]) <= 3 and b.words[0].isupper() and "".join(w[:1] for w in a.words).upper().startswith(b.words[0])
    if upper is lb and len(b.words) == 1 and lb.height >= la.height and (a.org_words or a.legal) and not b.given_hit \
            and not monogram and lb.core_conf >= LOGO_WORD_CONF:
        return True  # the logo word above "Transport & Logistics" (not a picture read as letters: "SSDS")
    return b.org_words > 0 and b.caps == a.caps and abs(la.height - lb.height) <= 0.5 * max(la.height, lb.height)


# How far right of a company's line its legal form may start, as a line of its own, in line heights.
LEGAL_BESIDE_GAP = 3.0


def _legal_form_beside(feats: list[_Feat], org_k: int, used: set[int]) -> Optional[int]:
    """The index of a line that is a legal form alone ("Limited", "EIRELI"), set on the company
    line's row right after its end (the read made a line of it: a gap, or smaller letters),
    or None."""
    org = feats[org_k].line
    for j, f in enumerate(feats):
        ln = f.line
        words = [w.strip(",;") for w in f.folded]
        if j in used or not words or len(words) > 2 or not all(_legal_word(w) for w in words):
            continue
        middle = (ln.top + ln.bottom) / 2
        if org.top <= middle <= org.bottom and 0 <= ln.left - org.right <= LEGAL_BESIDE_GAP * max(org.height, 1):
            return j
    return None


# "Markt4", "Plot45": a house or plot number run into the word before it, the space lost, at the
# end of a line (a word in small letters after a capital: not a register's "RCO001").
_GLUED_NUMBER = re.compile(r"(?<![\w@./:#-])([A-ZÀ-Ý][a-zà-ÿß]{2,})(\d{1,4}[a-z]?)$")


def _number_parted(text: str) -> str:
    """The line with a number run into the word before it at its end parted from it."""
    return _GLUED_NUMBER.sub(r"\1 \2", text.rstrip())


# "StraBburger", "GroBmann", "WeiB": an ß read as a capital B inside a word of small letters,
# after a vowel and three letters or more ("DeBoer", "LaBelle", "McBride" keep theirs). (Names
# that are shorter before it, "HeB", come back only where the mailbox spells them.)
_ESZETT_AS_B = re.compile(r"(?<![\w])((?:[A-ZÄÖÜ][a-zäöü]+|[a-zäöü]{2,})[aeiouäöü])B(?=[a-zäöü]*(?![\w]))")


# "PraterstraRe", "Kaiserstraßpe", "StraßBe", "Annenstrabe", "PraterstraSe": the ß of a street's
# "-straße" read as another letter, or as two marks (no word ends "-strabe" or "-strare";
# "-strasse" is left alone); "Annenstaße": its r lost (no word ends "-staße").
_STRASSE_READ = re.compile(r"(?<![\w])(\w*[Ss]tra)(?!ße\b)[ßBbRŘĝp8S][ßBRŘĝp]?e\b")
_STRASSE_R_LOST = re.compile(r"(?<![\w])(\w+st)(aße)\b")


def _eszett_put_back(text: str) -> str:
    """The line with an ß read as B inside a word of small letters put back, and the ß of a
    street's "-straße" however it was misread."""
    text = _ESZETT_AS_B.sub(r"\1ß", text) if "B" in text else text
    text = _STRASSE_R_LOST.sub(r"\1r\2", text) if "staße" in text else text
    return _STRASSE_READ.sub(r"\1ße", text) if "tra" in text else text


# "Schillerpiatz", "Schillerptatz": the l of a square's "-platz" read as an i or a t (no word
# ends "-piatz" or "-ptatz").
_PLATZ_READ = re.compile(r"(?<![\w])(\w*[a-zäöü]p)[iItf1|!](atz)\b")


def _platz_put_back(text: str) -> str:
    """The line with the l of a square's "-platz" put back, however it was misread."""
    return _PLATZ_READ.sub(r"\1l\2", text) if "atz" in text else text


# A British postcode's outward code before its inward code ("W1T 2QU"), as OCR misreads it: an O
# among its letters read as a zero ("0X1 5LL", "Y01 4UU", "Y0O1 9RD"), a 1 read as "I1" ("WI1T
# 2QU", "ECI1V 1ZZ"; no area's letters end in I). Left misread, "WI1T" is a surname's spelling.
_GB_OUTWARD_READ = re.compile(r"(?<![\w])[A-Z0]{1,3}[I1]{1,2}[A-Z\d]?(?= ?" + extract.GB_INWARD + r"\b)")
_GB_OUTWARD = re.compile(extract.GB_OUTWARD)


def _gb_postcode_mended(text: str) -> str:
    def fix(m: re.Match) -> str:
        read = m.group(0)
        lead = re.match(r"[A-Z0]*", read).group(0)
        mended = re.sub(r"^([A-Z]{1,2})I1", r"\g<1>1", re.sub(r"0O|O0", "O", lead).replace("0", "O") + read[len(lead):])
        if mended == read or not _GB_OUTWARD.fullmatch(mended):
            return read
        # (and the space before the inward code, where the read lost it too: "Y011WJ")
        return mended if m.string[m.end():m.end() + 1] == " " else mended + " "

    return _gb_inward_mended(_GB_OUTWARD_READ.sub(fix, text))


# "2525JE Den Haag": a Dutch postcode whose space the read lost, the town after it
_NL_POSTCODE_RUN = re.compile(r"(?<![\w-])([1-9]\d{3})(?!SA|SD|SS)([A-Z]{2})(?= [A-Z][a-z])")


def _nl_postcode_spaced(text: str) -> str:
    return _NL_POSTCODE_RUN.sub(r"\1 \2", text)


# A British postcode's inward code (a digit, then two letters) as OCR misreads it: a digit read as
# the letter of its shape ("G2 S5S", "CF10 IDT") or a letter as a digit ("G2 95S", "M1 75X"). Only
# at the end of a line, after a well-formed outward code, and only when the read ends in a letter:
# a Canadian postcode ("T5V 9G5") always ends in a digit.
_GB_INWARD_READ = re.compile(r"(?<![\w])(" + extract.GB_OUTWARD + r") ([\dOISBZ][A-Z\d][A-Z])(?=(?:,? (?:UK|United Kingdom))?\W*$)")
_INWARD_DIGIT = str.maketrans("OISBZ", "01582")
_INWARD_LETTER = str.maketrans("586247", "SBGZAT")


def _gb_inward_mended(text: str) -> str:
    def fix(m: re.Match) -> str:
        read = m.group(2)
        mended = read[0].translate(_INWARD_DIGIT) + read[1:].translate(_INWARD_LETTER)
        if mended == read or not re.fullmatch(extract.GB_INWARD, mended):
            return m.group(0)
        return f"{m.group(1)} {mended}"

    return _GB_INWARD_READ.sub(fix, text) if " " in text else text


def _repair_name_letters(text: str) -> str:
    """"Danie! Whitfield", "Danie1", "Whitfie1d": an l or o that OCR read as "!", "1" or "0" inside a
    word of letters, put back only when the repaired word is a known given name or surname."""
    if not re.search(r"[^\W\d_][!10|]|[!10|][^\W\d_]", text):
        return text

    def fix(m: re.Match) -> str:
        w = m.group(0)
        if sum(c.isalpha() for c in w) < 3:
            return w
        caps = all(c.isupper() for c in w if c.isalpha())
        cand = w.translate(str.maketrans({"!": "L", "1": "L", "|": "L", "0": "O"} if caps else
                                         {"!": "l", "1": "l", "|": "l", "0": "o"}))
        key = _fold(cand)
        return cand if _listed_name(key) else w

    return re.sub(r"(?<![\w@.])(?=[\w!|]*[^\W\d_])(?=[\w!|]*[!10|])[\w!|]{3,}(?![\w@])", fix, text)


def _email_letters(addr: str, name_words: list[str]) -> str:
    """"Imoretti@" for lmoretti@: an l that OCR read as "I" or "1" in the mailbox name, put back
    when the mailbox then agrees with the person's name (and did not before)."""
    local, _, domain = addr.partition("@")
    if not name_words:
        # (no name to agree with: a capital I opening a mailbox in small letters is an l, as
        # OCR reads a printed l, unless the mailbox read with an i is a name, a word or a role:
        # "Iruiz@" is lruiz, "Isabel@" and "Info@" as printed)
        m = re.fullmatch(r"I([a-z][a-z0-9]*)([._-][a-z0-9._-]*)?", local)
        as_i = "i" + m.group(1) if m else ""
        if m and not (_listed_name(as_i) or as_i in extract._known_words() or as_i in extract._ROLE_MAILBOXES):
            return f"l{local[1:]}@{domain}"
        return addr
    if not re.search(r"[I1]", local):
        return addr
    fixed = re.sub(r"I(?=[a-z0-9._-]|$)|(?<=[a-z])1(?=[a-z])|^1(?=[a-z._])", "l", local)
    if fixed == local:
        return addr
    toks = [w for w in name_words if _compact(w)]
    before = max(_email_name_agreement(toks, [local.lower()]), _email_name_agreement(toks[::-1], [local.lower()]))
    after = max(_email_name_agreement(toks, [fixed.lower()]), _email_name_agreement(toks[::-1], [fixed.lower()]))
    return f"{fixed}@{domain}" if after >= 0.6 and after > before else addr


def _run_together(g: str, f: str) -> tuple[str, ...]:
    """The mailboxes a given and a family name make with no separator (rahuliyer, riyer, iyerr,
    iyerrahul, rahuli): what a dot or underscore lost to OCR also leaves."""
    return g + f, g[0] + f, f + g[0], f + g, g + f[0]


def _family_forms(name: Name) -> set[str]:
    """The family name as mailboxes spell it: whole, and each of its words ("ter Jansen" is
    terjansen and jansen, "García López" garcialopez and garcia)."""
    words = [_compact(w) for w in re.split(r"[\s'’-]+", name.family)]
    whole = _compact(name.family)
    return ({whole} if whole else set()) | {w for w in words if len(w) > 1}


def run_together_mailboxes(name: Name) -> frozenset[str]:
    """The person's name as a mailbox with no separator, in each of the usual ways."""
    g = _compact(name.given)
    return frozenset(x for f in _family_forms(name) for x in _run_together(g, f)) if g else frozenset()


def initials_and_family(name: Name) -> frozenset[str]:
    """The run-together mailboxes of the person's initial and family name ("kjoshi"; "jjansen"
    for Joost ter Jansen)."""
    g = _compact(name.given)
    return frozenset(g[0] + f for f in _family_forms(name)) if g else frozenset()


# A mailbox this long is mended from the person's name by a look-alike group and a letter.
GROUP_MAILBOX_LEN = 8


def _text_before(f: Fields, found: extract.Found) -> str:
    """The text of a found address's line before it, with the dots and underscores its finder
    trimmed off the mailbox's start."""
    line = f.lines[found.evidence.line] if found.evidence.line < len(f.lines) else ""
    raw = found.evidence.raw
    return line[:found.evidence.span[0]] + raw[:len(raw) - len(raw.lstrip("._"))]


def mailbox_forms(name: Optional[Name]) -> Optional[frozenset[str]]:
    """The mailboxes of five letters or more the person's name makes in the usual ways (see
    _mailbox_forms), or None without a given and a family name."""
    made = _mailbox_forms(name)
    return None if made is None else frozenset(made[4])


def _mailbox_forms(name: Optional[Name]) -> Optional[tuple[str, str, set[str], set[str], set[str]]]:
    """The mailboxes the person's name makes in the usual ways, with the pieces they are made
    of: (given, family, the family names, the starts of a given name in parts, the forms), or
    None without a given and a family name."""
    g, f = (_compact(name.given), _compact(name.family)) if name is not None else ("", "")
    if not g or not f:
        return None
    # the family name whole and word by word ("van Tilburg": vantilburg, van, tilburg)
    # (and without an elided particle: "d'Rivière" → riviere)
    words = re.split(r"[\s'’]+", name.family + " " + name.full)
    affixes = {_compact(w) for w in f"{name.prefix} {name.suffix}".split()}  # "Dr." is no family name
    families = {f, *(_compact(w) for w in words if len(_compact(w)) > 1)} - {g} - affixes
    forms = {x for f in families for x in (*_run_together(g, f), g + "." + f, g + "_" + f, g + "-" + f,
                                            g[0] + "." + f, f + "." + g, g + "." + f[0], f)} | {g}
    # a given name in parts (Ji-hoon, Jean-Pierre) makes mailboxes of its first part or initials
    parts = [_compact(w) for w in re.split(r"[\s-]+", name.given) if _compact(w)]
    starts = {parts[0], "".join(w[0] for w in parts)} if len(parts) > 1 else set()
    forms |= {s + sep + f for s in starts for f in families for sep in ("", ".", "_")}
    return g, f, families, starts, {x for x in forms if len(x) >= 5}


# Letters a given name needs before a word one letter off it, read right before a family-name
# mailbox, is taken for it (see _mailbox_with_what_precedes).
GIVEN_MISREAD_LEN = 5


def _mailbox_with_what_precedes(addr: str, before: str, name: Optional[Name]) -> str:
    """The start of a mailbox that the address's finder left before it on the line, put back
    where the whole then is a role's mailbox ("contac t@") or a mailbox of the person's name:
    "baptis tem@" (a space read into it: baptistem), "L strassburger@" and ".moretti@" for
    l.strassburger (the initial's dot read as a space, or the thin initial itself lost).
    `before` is the line's text before the address."""
    local, _, domain = addr.partition("@")
    # a word of small letters right before: the mailbox's own start, a space read into it
    # (with the mailbox's words before it and their dots or underscores: "y.wata nabe@",
    # "kavya_agar wal@", "harrison. sinclair@")
    piece = re.search(r"(?:^|[\s:;,])((?:[a-z0-9]+[._-])*[a-z]{1,20}[._-]?)\s$", before)
    w = piece.group(1) if piece else ""
    # "contac t@": a role's mailbox, whoever's card it is
    if w and re.fullmatch(r"[a-z]+", local) and local not in extract._ROLE_MAILBOXES \
            and w + local in extract._ROLE_MAILBOXES:
        return f"{w}{local}@{domain}"
    made = _mailbox_forms(name)
    if made is None or not re.fullmatch(r"[a-z0-9]+", local):
        return addr
    g, _, families, _, forms = made
    # (what joins it must be the person's name: a word before an address is mostly a label; the
    # given name itself joins a family name that is a mailbox alone: "alessandro russo@"; a
    # lone letter is an initial, below)
    w = w if len(w) >= 2 else ""
    if w and local in families and len(g) >= GIVEN_MISREAD_LEN and (
            extract._one_edit(w, g) or _thin_letters_lost(w, g)):
        # "maximiian kohler@" on Maximilian Köhler's card: the given name itself, a letter of it
        # misread or a thin one lost, before the family name
        w = g
    if w and (local not in forms or w == g):
        # (a space where the given name ends is its dot read as one; inside a word, a gap)
        joined = [x for x in ((w + "." + local, w + local) if w == g else (w + local, w + "." + local)) if x in forms]
        if joined:
            return f"{joined[0]}@{domain}"
    if local not in families:
        return addr
    # the family name alone after the person's initial and a space, or after a dot whose initial
    # was lost ("E: .moretti@"); an "E" opening the line is the mail label, not an initial
    # (an italic l and its dot are read "I\." as well: "E-mail: I\.muller@")
    m = re.search(r"(?:^|[\s:;,])(?:([A-Za-z|!])\\?\s?([._])?|([._]))$", before)
    if not m:
        return addr
    letter = (m.group(1) or "").lower().replace("|", "l").replace("!", "l")
    if m.group(1) == "I" and g[0] == "l":
        letter = "l"  # (a capital I and a small l are one stroke)
    if m.group(1) and (letter != g[0] or (letter == "e" and not before[:m.start(1)].strip())):
        return addr
    sep = m.group(2) or m.group(3) or "."
    return f"{g[0]}{sep}{local}@{domain}" if f"{g[0]}{sep}{local}" in forms or sep == "_" else addr


def _mailbox_near_name(addr: str, name: Optional[Name]) -> str:
    """"fboraun@", "goemberton@", "lzomes@": a mailbox one letter away from the way mailboxes are
    made of the person's name (fbraun, gpemberton, lgomes) and equal to none of them is that
    mailbox misread; the address comes back with the mailbox repaired, or as it was."""
    local, _, domain = addr.partition("@")
    low = local.lower()
    # (a letter outside ASCII in a mailbox is a misread too: "p.sokolovæ@", the @'s ring read twice)
    made = _mailbox_forms(name)
    # (a role's mailbox is no misread name: "sales@" on the card of Nour Saleh)
    if made is None or not re.fullmatch(r"[\w.-]+", low) or low in extract._ROLE_MAILBOXES:
        return addr
    g, f, families, starts, forms = made
    # "rahu@" on Rahul's card: the given name with the thin letter at its end lost beside the @
    # (or inside it: "prya@" on Priya's; three letters are as often initials, "jng@" on Jing's)
    if len(low) >= 3 and low not in forms and (any(low + c == g for c in extract.THIN_LETTERS)
                                               or (len(low) == 4 and _thin_letters_lost(low, g))):
        return f"{g}@{domain}"
    # "Ilena@", "iilse@": a stroke read before a mailbox that is the given name (the label's colon
    # or a bar, read as an I or an l; before a family name it is as often the initial: "lgreco")
    if len(low) >= 4 and low[0] in "il1|" and low not in forms and low[1:] == g:
        return f"{low[1:]}@{domain}"
    # "llam@" on Liam's card: a short mailbox that is the given name but for an i read as its
    # look-alike l (or the other way); too short for any other mend
    if len(low) == len(g) >= 3 and low != g and sum(a != b for a, b in zip(low, g)) == 1 \
            and all(a == b or {a, b} == {"i", "l"} for a, b in zip(low, g)) and _listed_name(g) and not _listed_name(low):
        return f"{g}@{domain}"
    if len(low) < 5:
        return addr
    # "Lfaure@" for l.faure: an initial l and the dot after it read as one capital L (the dot
    # is the L's foot) in a mailbox otherwise in small letters
    if g[0] == "l" and re.fullmatch(r"L[a-z]+", local) and low[1:] in families and "l." + low[1:] in forms:
        return f"l.{low[1:]}@{domain}"
    if low in forms:
        return addr
    # "j-lange@" on Jonas Lange's card: the dot after the given name's initial read as a hyphen
    # (a smeared dot of small print), where the form with the dot is one of the name's
    m = re.fullmatch(r"([a-z])-([a-z]+)", low)
    if m and m.group(1) == g[0] and f"{m.group(1)}.{m.group(2)}" in forms:
        return f"{m.group(1)}.{m.group(2)}@{domain}"
    # "m.katharina.schafer": an envelope icon read as a letter and a dot in front of the mailbox
    # ("j-gauthier", "jh.jung": an initial or initials of the person's, not an icon; "f.guo" on
    # the card of Guo Fang, printed family name first, is the initial of the other name)
    m = re.match(r"^([a-z0-9]{1,2})([._-])(.+)$", low)
    initials = {g[0], f[0]} | {w[0] for w in families if w}
    # (nor is the given name's initial before a mailbox that spells the given name in full:
    # "e.eline_maes")
    # (it is the initial where the mailbox is the family name too: "c.chen" for Chen Yu Chen)
    spelt = m is not None and len(g) >= 3 and m.group(3).startswith(g) and m.group(1) == g[0] \
        and m.group(3) not in (f, *families)
    # (nor a two-letter name in full: "li.li" on the card of Li Na Li)
    if m and (m.group(3) in forms or m.group(3) in (f, g)) and m.group(1) not in (g, f, *families) \
            and (spelt or m.group(1) not in initials and m.group(1) not in starts):
        # ... unless it is the initial misread: "0.babic" for Olga Babić (o read as a zero),
        # "ft.carter" for Fiona Carter (a stroke read into the letter)
        pre, initial = m.group(1), f"{g[0]}{m.group(2)}{m.group(3)}"
        misread = (len(pre) == 1 and pre in extract.CONFUSABLE.get(g[0], "")) or (len(pre) == 2 and pre[0] == g[0])
        return f"{initial if misread and initial in forms else m.group(3)}@{domain}"
    # (a dot, dash or underscore of the mailbox is printed, not a misread letter)
    seps = re.sub(r"[^._-]", "", low)
    close = [x for x in forms if extract._one_edit(low, x) and re.sub(r"[^._-]", "", x) == seps]
    if len(close) > 1:
        # a thin letter lost is likelier than a letter read as one it does not look like:
        # "jambert" is jlambert with its l lost, not lambert with a j for its l ...
        thin = [x for x in close if _thin_letters_lost(low, x)]
        unlike = [x for x in close if len(x) == len(low) and not _lookalike_swap(low, x)]
        if len(thin) == 1 and unlike and len(unlike) == len(close) - 1:
            close = thin
    if len(close) > 1:  # ... but otherwise a letter misread is likelier than one added or lost: cedrico → cedricb
        close = [x for x in close if len(x) == len(low)]
    if len(close) > 1:  # ... and likelier as its look-alike: igarnier → lgarnier, not dgarnier
        close = [x for x in close if _lookalike_swap(low, x)]
    if not close:
        # "dpila" for dpillai: two thin letters lost from small print (one lost is one edit)
        close = [x for x in forms if re.sub(r"[^._-]", "", x) == seps and _thin_letters_lost(low, x, lost=(2, 2))]
    if not close and len(low) >= GROUP_MAILBOX_LEN:
        # "shreya.kukami" for shreya.kulkarni: a look-alike group (rn read as m) and a letter
        # more, in a mailbox long enough that no other name is that near
        variants = _group_misreads(low)
        close = [x for x in forms if re.sub(r"[^._-]", "", x) == seps
                 and any(v == x or extract._one_edit(v, x) for v in variants)]
        # (the group alone explains "nccardof" as riccardof better than the group and a letter
        # lost explain it as riccardo)
        close = [x for x in close if x in variants] or close
    # (a mailbox word the name lists know is not mended to a name word they do not: "victoria@"
    # on the card of "Yictoria Winslow" is the name misread, not the mailbox)
    close = [x for x in close if not _known_name_unmade(low, x)]
    # (nor is its first letter mended to the initial of a given name the lists do not know:
    # "tmorrison@" on the card of "Llinahan Morrison" is the name misread, not the mailbox)
    close = [x for x in close if not (len(x) == len(low) and x[1:] == low[1:] and x[0] == g[0] != low[0]
                                      and not _listed_name(g))]
    return f"{close[0]}@{domain}" if len(close) == 1 else addr


def _known_name_unmade(read: str, mended: str) -> bool:
    """Whether mending mailbox `read` to `mended` turns a word that the name lists know into one
    they do not."""
    a, b = re.split(r"[._-]+", read), re.split(r"[._-]+", mended)
    return len(a) == len(b) and any(x != y and len(x) >= NAME_MEND_LETTERS and _listed_name(x) and not _listed_name(y)
                                    for x, y in zip(a, b))


def _thin_letters_lost(read: str, whole: str, thin: str = extract.THIN_LETTERS,
                       lost: tuple[int, int] = (1, 1)) -> bool:
    """Whether `read` is `whole` with some of its thin letters (of `thin`) left out, as many
    as `lost` allows (fewest, most)."""
    if not lost[0] <= len(whole) - len(read) <= lost[1]:
        return False
    i = 0
    for c in whole:
        if i < len(read) and read[i] == c:
            i += 1
        elif c not in thin:
            return False
    return i == len(read)


def _lookalike_swap(a: str, b: str) -> bool:
    """Whether a and b, of one length, differ in one letter that OCR reads for the other."""
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    return len(diff) == 1 and diff[0][1] in extract.CONFUSABLE.get(diff[0][0], "")


@functools.lru_cache(maxsize=1)
def _accented_titles() -> dict[str, str]:
    """Title words spelt with accents, by their unaccented spelling, where only one word has it
    ("geschaftsfuhrer" → geschäftsführer; "president" is English as well as président: left out)."""
    lx = extract.lexicon()
    words = {w.lower() for k in ("title_words", "title_strong", "title_stems") for w in lx.get(k, []) if isinstance(w, str)}
    by_fold: dict[str, set[str]] = {}
    for w in words:
        by_fold.setdefault(_fold(w), set()).add(w)
    return {f: next(iter(ws)) for f, ws in by_fold.items() if len(ws) == 1 and f not in ws}


# Mean word confidence below which a line's words may be spelt as the title lists spell them,
# and the confidence of a single word below which they may be too.
MEND_BELOW_CONF = 0.75
MEND_WORD_BELOW_CONF = 0.6
# Company names this many letters long or more, read sure, take a domain two, then three
# letters off as theirs misread (see _domain_as_company) ...
DOMAIN_EDITS_AT = (10, 14)
# ... read sure: every word of the company's line (but glyphs at its ends) at this confidence.
SURE_COMPANY_CONF = 0.8
# Letters a title word may have lost at the edge of its line (see _cut_at_the_edge), and the
# letters a word alone on its line needs for that.
EDGE_LETTERS_LOST = 2
EDGE_ALONE_LETTERS = 5
# Letters a company's line may have lost at its edge where its mail or web domain spells them
# (see _first_letters_from_domain): a domain is surer evidence than a title's word list.
ORG_EDGE_LOST = 3
# Lines read with less mean confidence than this set no reference for letter size.
REFERENCE_CONF = 0.5


@functools.lru_cache(maxsize=None)
def _title_vocabulary() -> dict[str, str]:
    """Every word a job title is made of (roles, seniorities, departments, connectors), by its
    folded spelling (no accents, lower case)."""
    lx = extract.lexicon()
    out: dict[str, str] = {}
    # the trades and departments of the company lists too ("Software Engineer")
    for k in ("title_words", "title_strong", "title_connectors", "title_stems", "org_words"):
        for w in lx.get(k, []):
            if isinstance(w, str) and re.fullmatch(r"[^\W\d_]+", w):
                out.setdefault(_fold(w), w.lower())
    return out


# Letters a word of a title read sure needs to be mended by a letter to a role's word.
SURE_ROLE_LETTERS = 7
# Letters thin enough for a whole-card read of a title word's small print to lose (the
# mailbox repairs count an r too: extract.THIN_LETTERS).
TITLE_THIN_LETTERS = "iltfj"


def _split_words_joined(words: list[str], vocab: dict[str, str]) -> list[str]:
    """"Vice Presi ident", "Director of Opera tons": a title word read with a space inside it
    (and a letter lost or doubled) made one word again, where neither piece is a title word
    and the two together are one letter or two from one."""
    out: list[str] = []
    for w in words:
        if out and out[-1].isalpha() and w.rstrip(",.;:").isalpha() and not w[:1].isupper():
            a, b = _fold(out[-1]), _fold(w.rstrip(",.;:"))
            joined = a + b
            if (a not in vocab and b not in vocab and len(joined) >= 8
                    and any(extract.within_edits(joined, f, 2 if len(joined) >= 9 else 1) for f in vocab)):
                out[-1] += w
                continue
        out.append(w)
    return out


def _mended_title(text: str, *, groups_only: bool = False) -> Optional[str]:
    """"Senor Sotware Engineer", "Geschaltsfuhrernin": a job title with words misread by a
    letter or two, spelt as the title lists spell them. Only a line every word of which is then
    a title word, one of them a role, and only words of five letters or more (one letter off;
    two from nine letters; four-letter words only by a look-alike group) with a single nearest
    title word; None when nothing is mended."""
    vocab = _title_vocabulary()
    words = _split_words_joined(text.split(), vocab)
    if not 1 <= len(words) <= 6:
        return None
    out, mended = [], len(words) < len(text.split())
    for k, w in enumerate(words):
        read = w.strip(",.;:/&")
        # "Financia!", "Adviso!": a thin letter after a word's letters read as a mark of its
        # own shape; as an l, the nearest title word is looked for as for any letter misread
        core = re.sub(r"(?<=[^\W\d_]{3})[!|](?=[^\W\d_]|$)", "l", read)
        key = _fold(core)
        if core != read and core.isalpha() and key in vocab:
            out.append(w.replace(read, core))
            mended = True
            continue
        if not core.isalpha() or key in vocab or (len(core) <= 3 and core.islower()):
            out.append(w)  # a sign, a number, a title word or a small joining word ("at"): as read
            continue
        if len(key) < 4:
            return None
        limit = 2 if len(key) >= 9 else 1
        # (a word of four letters only by a look-alike group: one letter off, too many are words)
        near = {} if groups_only or len(key) < 5 else {
            f: v for f, v in vocab.items() if extract.within_edits(key, f, limit)
            and key.rstrip("s") != f.rstrip("s")}  # a plural is a word of its own
        if not near and groups_only and len(key) >= 6:
            # "Operatons": a thin letter lost, which Tesseract reads with full confidence too
            near = {f: v for f, v in vocab.items()
                    if _thin_letters_lost(key, f, TITLE_THIN_LETTERS)}
        if not near:
            # "Awocato", "Engineermg": a group of letters read as its look-alike (vv as w, rn or
            # in as m)
            near = {f: vocab[f] for f in _group_misreads(key) if f in vocab}
        cut_first = False
        if not near and (len(words) > 1 or len(key) >= EDGE_ALONE_LETTERS):
            # (a scrap alone on its line, "Inte" read at 0.16, is no title cut short)
            near = _cut_at_the_edge(key, vocab, first=k == 0, last=k == len(words) - 1)
            # (a line's first letter, lost, was its capital when the rest shows none)
            cut_first = k == 0 and bool(near) and not any(f.startswith(key) for f in near)
        if not near and groups_only and len(key) >= SURE_ROLE_LETTERS:
            # "Principal Engineet", "Rechtsanwaltir": a role's word read sure with one letter
            # wrong. Only towards a role of as many letters: the other title words are spelt
            # alike in other languages ("Directrice générale" is no "general", "Commercieel
            # directeur" no "commercial"), a short word is a word of its own too often, and
            # two letters make other words ("B.A. Economics" is no economist).
            strong = _sets()["title_strong"]
            near = {f: v for f, v in vocab.items() if f in strong and len(f) >= SURE_ROLE_LETTERS
                    and extract.within_edits(key, f, 1) and key.rstrip("s") != f.rstrip("s")}
        if len(near) > 1:
            # "presiident": president, one letter off, rather than presidente, two
            nearest = {f: v for f, v in near.items() if extract.within_edits(key, f, 1)}
            near = nearest or near
        if len(near) > 1:
            # "senor": senior with its i lost, rather than setor with a letter changed
            near = {f: v for f, v in near.items() if _thin_letters_lost(key, f, TITLE_THIN_LETTERS)}
        if len(near) != 1:
            return None
        right = next(iter(near.values()))
        others = [x for x in words[1:] if x[:1].isalpha()]
        if cut_first and core.islower():
            # the case the line's other words are in; a title alone starts with a capital
            right = right.upper() if others and all(x.isupper() for x in others) else \
                right if others and all(x.islower() for x in others) else right.capitalize()
        else:
            right = _cased_like(right, core)
        out.append(w.replace(read, right))
        mended = True
    if not mended or not any(_is_title_word(_fold(w.strip(",.;:/&"))) for w in out):
        return None
    return " ".join(out)


def _cut_at_the_edge(key: str, vocab: dict[str, str], *, first: bool, last: bool) -> dict[str, str]:
    """The title words `key` is, with a letter or two lost at the edge of its line: the start
    of the line's first word ("fice Manager"), the end of its last ("Product Manage").
    Tesseract loses letters there, beside a logo or a line it read wrong, even in sure print;
    inside a line it does not. A word that is a name is left as read: "RICHTER & PARTNER" is a
    firm, not the Dutch title "oprichter" cut short (and so "roker", a surname too, stays)."""
    if _listed_name(key):
        return {}
    whole = {f: v for f, v in vocab.items() if 1 <= len(f) - len(key) <= EDGE_LETTERS_LOST
             and ((first and f.endswith(key)) or (last and f.startswith(key)))
             and f not in (key + "s", key + "es")}  # a plural is a word of its own ("Jefe de proyecto")
    # the fewest letters lost: "Partne" is partner, not partners
    fewest = min((len(f) for f in whole), default=0)
    return {f: v for f, v in whole.items() if len(f) == fewest}


# Letter groups small print is read as (rn as m, ri as n, cl as d, li as h or b, the fi of an
# ffi ligature as h), both ways, in as m, and the thin letters read as one another (f as t, l as i).
_MISREAD_GROUPS = (("m", "rn"), ("rn", "m"), ("m", "in"), ("n", "ri"), ("ri", "n"), ("d", "cl"), ("cl", "d"),
                   ("h", "li"), ("b", "li"), ("li", "h"), ("h", "fi"), ("w", "vv"), ("t", "f"), ("f", "t"),
                   ("i", "l"), ("l", "i"))


def _group_misreads(key: str) -> set[str]:
    """Every spelling `key` has with one of its letter groups read back as its look-alike."""
    out = set()
    for a, b in _MISREAD_GROUPS:
        at = key.find(a)
        while at >= 0:
            out.add(key[:at] + b + key[at + len(a):])
            at = key.find(a, at + 1)
    return out


@functools.lru_cache(maxsize=None)
def _place_words(region: Optional[str]) -> dict[str, str]:
    """The region's cities and every street word the lists know, one word each, by their
    folded spelling (another country's cities are no guide: Pátria is not Patna)."""
    lx = extract.lexicon()
    words = list(lx.get("cities", {}).get(region or "", [])) + list(lx.get("street_types", []))
    return {_fold(w): w for w in words if isinstance(w, str) and re.fullmatch(r"[^\W\d_]{4,}", w)}


# The ends of German street names long enough to tell from a misreading of another (Weg is not).
_STREET_ENDS = ("strasse", "straße", "gasse", "platz", "allee")
# The letters of those ends small print is read as (a g as an o or q, an e as a c); another letter
# in their place makes a word of its own ("Terrasse", "Kasse"), not a misread "gasse".
_END_LOOKALIKES = {"g": "oqy9", "e": "co", "a": "oe", "s": "5", "t": "fil", "l": "i1t", "z": "2s", "r": "n", "ß": "b8"}
# "3ahnhofstrasse": a B read as a 3 or an 8 at the start of a street name
_B_READ_AS_DIGIT = re.compile(r"(?<![\w.,])[38](?=[a-zäöü]{4,}(?:" + "|".join(_STREET_ENDS) + r")\b)")


def _misread_end(read: str, end: str) -> bool:
    """Whether `read` is a street word's `end` with one letter lost or read as its look-alike
    (its first letter lost is a word's end as well: "Terr-asse")."""
    if len(read) == len(end) - 1:
        return any(end[:k] + end[k + 1:] == read for k in range(1, len(end)))
    diff = [(a, b) for a, b in zip(end, read) if a != b]
    return len(read) == len(end) and len(diff) == 1 and diff[0][1] in _END_LOOKALIKES.get(diff[0][0], "")


def _mended_street_compound(word: str) -> str:
    """"Bahnhofplaz", "Marktoasse", "tauptgasse", "ndustriestrasse": a German street name of one
    word, its end a street word with one letter lost or misread, or its first part one of the
    commonest street names' with its capital misread as a small letter, lost, or an h read as a b
    ("Babnhofplatz"). A first part the lists do not hold is left as read, as is one printed with
    its capital: the commonest names are a guide to misreadings, not a list of every street."""
    key = _fold(word)
    for end in () if key.endswith(_STREET_ENDS) else _STREET_ENDS:
        # (a letter more is no misreading to mend: "Landstraßer", "Platzl" are names of their own)
        for cut in (len(end), len(end) - 1):
            head, tail = key[:-cut], key[-cut:]
            if len(head) >= 4 and _misread_end(tail, end):
                word, key = word[:-cut] + (end.upper() if word.isupper() else end), head + end
                break
        else:
            continue
        break
    end = next((e for e in _STREET_ENDS if key.endswith(e) and len(key) - len(e) >= 4), None)
    if end is None:
        return word
    head, rest = key[:-len(end)], word[len(word) - len(end):]
    heads = _street_heads()
    if head in heads:
        return word
    small = word[:1].islower()
    found = {h for h in heads if len(h) >= 5 and (
        small and (head == h[1:] or (head[1:] == h[1:] and len(head) == len(h))) or _h_read_as_b(head, h))}
    if len(found) != 1:
        return word
    h = found.pop()
    return (h.upper() if word.isupper() else h[:1].upper() + h[1:]) + rest


def _h_read_as_b(read: str, word: str) -> bool:
    """Whether `read` is `word` with one h read as a b, or one b as an h."""
    diff = [{a, b} for a, b in zip(read, word) if a != b]
    return len(read) == len(word) and diff == [{"b", "h"}]


@functools.lru_cache(maxsize=1)
def _street_heads() -> frozenset[str]:
    return frozenset(_fold(w) for w in lexicon().get("street_name_heads", []))


def _mended_place_words(text: str, region: Optional[str]) -> str:
    """"Luzem", "Zünch": a city of the card's country or a street word with letters read as
    their look-alike group (rn as m, ri as n), put back when that gives a place the lists know;
    a word that is already known, or that two repairs would fit, is left as read."""
    known = _place_words(region)

    def fix(m: re.Match) -> str:
        w = m.group(0)
        key = _fold(w)
        if key in known:
            return w
        if (street := _mended_street_compound(w)) != w:
            return street
        found = {known[cand] for cand in _group_misreads(key) if cand in known}
        if not found and len(key) >= 5 and key not in extract._known_words():
            # "Sreet", "Avenve": a street word of six letters or more with one letter lost or
            # misread (shorter ones are one letter off too many names: Calle, Galle)
            found = {v for k, v in known.items() if len(k) >= 6 and _fold(v) in _sets()["street_types"]
                     and extract._one_edit(key, k)}
        if not found and len(key) >= 5:
            # "Portand", "Seatte": a place of six letters or more with one thin letter lost
            found = {v for k, v in known.items() if _thin_letters_lost(key, k)}
        if not found and len(key) >= 6 and key not in extract._known_words():
            # "Meiboume", "Seviia": look-alike letters (i for l) as well as one letter group (rn
            # as m) or one thin letter lost
            read = extract.shape(key)
            shapes = {read} | {extract.shape(g) for g in _group_misreads(key)}
            found = {v for k, v in known.items() if len(k) >= 6 and (
                (place := extract.shape(k)) in shapes or _thin_letters_lost(read, place, "l"))}
        first = False
        if not found and len(key) >= 6 and w[0].islower() and key not in extract._known_words():
            # "jinnipeg", "zdmonton": a city's capital misread as a small letter, the rest as the
            # lists spell it (a place in capitals the lists do not hold, "Justin", stays)
            found = {v for k, v in known.items() if len(k) == len(key) and k[1:] == key[1:]
                     and _fold(v) not in _sets()["street_types"]}
            first = True
        if len(found) != 1:
            return w
        place = found.pop()
        return place[:1].upper() + place[1:] if first and not w.isupper() else _cased_like(place, w)

    # "Wiener Stra Be", "Friedrichstra8e", "Rosenstra Re": the ß of Straße read as a B, an 8 or
    # an R, often with a space before it (no street word ends in "stra")
    text = re.sub(r"(?<=[Ss]tra)\s?[B8R]e\b", "ße", text)
    text = re.sub(r"(?<=STRA)\s?[B8R]E\b", "SSE", text)
    text = _B_READ_AS_DIGIT.sub("B", text)
    return re.sub(r"[^\W\d_]{4,}", fix, text)


def _title_accents(title: str) -> str:
    """"GESCHAFTSFUHRER", "Attachee de presse", "Geschäftsfuhrerin": a job title whose accents
    OCR lost (some or all of them), when the word lists know one spelling of the word only."""
    table = _accented_titles()

    def fix(m: re.Match) -> str:
        w = m.group(0)
        right = table.get(_fold(w))
        if not right or len(right) != len(w):
            return w
        return _cased_like(right, w)

    # (long words only: short ones are spelt alike in more languages than the lists hold; but
    # a short one read with an accent the lists do not spell it with, "Gèrant", is misread)
    return re.sub(r"[^\W\d_]{8,}|[^\W\d_]*[^\W\d_a-zA-Z][^\W\d_]*", lambda m: fix(m) if len(m.group(0)) >= 4 else m.group(0), title)


# Words of a company's name or a title printed in small letters among capitalised ones: the
# joining words of the languages cards are printed in.
_SMALL_JOINING_WORDS = frozenset(
    "& + and of the for und für de del della di da do dos das du des la le les van von der den het "
    "y e et en zu im am a à al in il i ins into".split())
# A word of small letters that opens with an i: a capital I read as a small one (the two differ
# by a dot, which small print and a blur make of the capital's serifs or lose).
_SMALL_I_WORD = re.compile(r"i[a-zà-ÿ]*\.?")


def _capital_i(text: str, *, first_only: bool = False) -> str:
    """"ironbridge Logistics", "Granite insurance inc.", "Dipl.-ing.": a word of a company's name
    or a title opening with a small i where its other words open with capitals (the joining words
    aside) is a capital I read small; and after "Dipl.-" (an engineer's degree is "Dipl.-Ing.").
    A name printed in small letters throughout ("nog design") is left as it is. `first_only`: only
    the first word (a title, which many languages write with one capital: "Ügyvezető igazgató")."""
    text = re.sub(r"(?<=\bDipl\.-)i(?=ng\b)", "I", text)
    words = text.split(" ")
    small = [k for k, w in enumerate(words) if _SMALL_I_WORD.fullmatch(w) and w.lower() not in _SMALL_JOINING_WORDS
             and (k == 0 or not first_only)]
    others = [w for k, w in enumerate(words) if k not in small and re.match(r"[^\W\d_]", w)
              and w.lower() not in _SMALL_JOINING_WORDS]
    if not small or not others or not all(w[0].isupper() for w in others):
        return text
    return " ".join("I" + w[1:] if k in small else w for k, w in enumerate(words))


def _accents_put_back(text: str, region: Optional[str]) -> str:
    """"ENERGIE", "Ingenieria": the words of a company's name, a title or an address read
    without their accents, spelt as the languages of the card's country spell them (see
    accents.py), in the case they were printed in; a word of mixed case is left as read."""
    def fix(m: re.Match) -> str:
        w = m.group(0)
        spelt = accents.spelling(w, region) if w.isupper() or w[1:].islower() else None
        return _cased_like(spelt, w) if spelt else w

    return re.sub(r"[^\W\d_]+", fix, text)


def _title_marks(title: str) -> str:
    """"b Ingénieur commercial": a letter alone in small print before a title in capitals is a
    mark of the card; "Co Founder & CTO": the hyphen of Co-Founder (-Owner, -Chair) lost; "VP ot
    Engineering": the "of" misread."""
    title = re.sub(r"^[a-z]\s(?=[A-ZÀ-Ý])", "", title)
    # "Head ol Marketing", "VP ot Engineering": the f of "of" read as an l or a t, between a
    # word of the title and a capital (no title word is "ol" or "ot")
    title = re.sub(r"(?<=\w )o[lt](?= [A-Z])", "of", title)
    return re.sub(r"\b(co)\s(?=(?:founder|owner|chair)\b)", r"\1-", title, flags=re.I)


def _domain_parts(addr: str) -> Optional[tuple[str, str, str]]:
    """A mail or web address as what comes before its domain's first label ("jane@",
    "https://www."), that label, and the rest (".co.uk/team"); None when it has no domain."""
    m = re.match(r"^(.*?@|(?:https?://)?(?:www\d?\.)?)([a-z0-9-]+)(\..*)$", addr, re.I)
    return (m.group(1), m.group(2), m.group(3)) if m else None


def _domain_as_company(addr: str, org: Optional[str], *, sure: bool = False,
                       read_twice: frozenset[str] = frozenset()) -> str:
    """"soleilimmobiler.com" on the card of Soleil Immobilier, "dearwaterloods.uk" on the card of
    Clearwater Foods: a domain a few letters away from the company's name, printed larger, is the
    small print misread; it comes back spelt as the name (an address or a website).

    One letter; when every word of the company's line was read `sure`, two for names of
    DOMAIN_EDITS_AT[0] letters or more and three from DOMAIN_EDITS_AT[1] ("noskar Werkstatt",
    its first word read with no confidence, is no guide to neckarwerkstatt.ch). Companies whose
    domain is not their name spelt whole differ far more than that (on the real cards:
    "seabayline" by Seabay Shipping, "netprint" by Logoprint, "hme" by Holborn & Moorgate
    Engineering). A domain spelt as the name with ä, ö, ü and ß written out (Müller Bau:
    muellerbau.de) is the name.

    A domain `read_twice` alike (in a mail address and the website) is two readings against the
    company line's one: it is respelt only where it is the name as small print misreads it alike
    wherever it is printed (_misread_alike: "sternlogistik" read "stemlogistik" twice), and
    "falconfoods.sg" in both, by "Fakon Foods Ltd", stays."""
    parts = _domain_parts(addr)
    if not org or parts is None:
        return addr
    head, stem, tail = parts
    # (a lone letter is a logo's or a legal form cut short: "Duin Advies N" by duinadvies.com)
    words = _name_words(org)
    if len(words) > 4:
        return addr
    sep = "-" if "-" in stem else ""
    name = sep.join(words)
    low = stem.lower()
    if len(name) < 6 or low == name or low.count("-") != name.count("-"):
        return addr
    if name in low:
        return addr  # the company's line lost letters at its edge ("acon Analytics" by beacon-analytics.de)
    if low in name and len(name) - len(low) >= 2:
        # ... or took in more than its name: a logo's letters ("SP | Studio Bonnet" by
        # studiobonnet.it), a legal form read in two ("Oranje Groep BV BA" by oranjegroep.eu)
        return addr
    if extract.shape(low) == extract.shape(name):
        # "cobaltiabs.com" by Cobalt Labs, "taicontreight.jp" by Falcon Freight: only letters
        # read as their look-alikes (i/l, f/t, c/e, o/0), however many
        return head + name + tail
    if len(name) >= DOMAIN_EDITS_AT[0] and _thin_letters_lost(low, name, lost=(1, 2)):
        # "ronbridge-consultng.com.au" by Ironbridge Consulting: one or two thin letters lost
        # from a long name, however sure its line (another company's name is seldom so near)
        return head + name + tail
    if low in read_twice and not _misread_alike(low, name):
        return addr
    spelt_out = sep.join(_compact(w.translate(_GERMAN_SPELLING)) for w in _words(org) if _compact(w) in words)
    if low == spelt_out:
        return addr
    # (a look-alike read for a letter is no edit: "radciftegroup" is one letter from radcliffegroup)
    limit = 1 if not sure or len(name) < DOMAIN_EDITS_AT[0] else 2 if len(name) < DOMAIN_EDITS_AT[1] else 3
    if extract.within_edits(extract.shape(low), extract.shape(name), limit):
        return head + name + tail
    # a domain of the name's first words ("whitfeid.com.sg" by Whitfield & Partners Ltd): a
    # letter off them, look-alikes aside (the first words spelt right are left as they are, and
    # a domain that is those words and a letter more is the name whose last letter the company's
    # line read apart: "DOMÍNGUE Z E HIJOS" by dominguez.es)
    for k in range(len(words) - 1, 0, -1):
        first = sep.join(words[:k])
        if (len(first) >= 8 and low != first and low.count("-") == first.count("-") and not low.startswith(first)
                and extract.within_edits(extract.shape(low), extract.shape(first), 1)):
            return head + first + tail
    return addr


# German umlauts and ß written out, as German domains spell them (muellerbau.de by Müller Bau)
_GERMAN_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


# Countries whose companies register under co. (acme.co.uk, acme.co.mz) or com. (acme.com.br)
_SECOND_LEVELS = (("com", frozenset(extract._SECOND_LEVEL_CC.split("|"))),
                  ("co", frozenset("uk jp nz za kr in id th il ke tz ug zw zm bw mz ao ls at cr ve ck".split())))


def _second_level_dot(addr: str, org: Optional[str]) -> str:
    """"u.macuacua@tembazco.mz" on the card of Tembaz Transport: a mail or web domain that runs the
    company's name into its country's second level (co., com.) has lost the dot between them,
    where that country registers names under it; it comes back as tembaz.co.mz."""
    parts = _domain_parts(addr)
    if not org or parts is None:
        return addr
    head, stem, tail = parts
    m = re.fullmatch(r"\.([a-z]{2})", tail.lower())
    if not m:
        return addr
    words = _name_words(org)
    low = stem.lower()
    for second, countries in _SECOND_LEVELS:
        if m.group(1) not in countries or not low.endswith(second):
            continue
        bare = low[: -len(second)]
        # the name's first words run together, as a domain spells them ("tembaz", "bluemedia")
        if len(bare) >= 4 and any("".join(words[:k]) == bare for k in range(1, len(words) + 1)):
            return f"{head}{stem[: -len(second)]}.{second}{tail}"
    return addr


def _domain_mended(addr: str, org: Optional[str], name: Optional[Name], *, org_sure: bool = False,
                   read_twice: frozenset[str] = frozenset()) -> str:
    """A mail or web address with its domain mended from the company's and the person's
    names, as printed larger on the card."""
    return _second_level_dot(_domain_as_name(_domain_as_company(addr, org, sure=org_sure, read_twice=read_twice),
                                             name), org)


def _domains_read_twice(f: Fields) -> frozenset[str]:
    """The first labels of the card's mail and web domains that the text as read spells alike
    in two of its addresses (a mail address and the website, two mail addresses)."""
    found = (*f.emails, *f.urls)
    raws = [x.evidence.raw.lower() for x in found]
    stems = {parts[1].lower() for x in found if (parts := _domain_parts(x.value))}
    return frozenset(s for s in stems if len(s) >= 4 and sum(s in r for r in raws) >= 2)


def _domain_as_name(addr: str, name: Optional[Name]) -> str:
    """"psokolov@paveisokoiov.com" on Pavel Sokolov's card: a domain made of the person's name,
    read with l's as i's (extract.il_agreed), comes back spelt as the name (an address or a
    website), as does one of the whole name with one or two of its thin letters lost
    ("oiviagranger.uk" on Olivia Granger's card). Only those misreads: a domain a letter away
    from a name in another way may be another name."""
    parts = _domain_parts(addr)
    g, f = (_compact(name.given), _compact(name.family)) if name is not None else ("", "")
    if not g or not f or parts is None:
        return addr
    head, stem, tail = parts
    low = stem.lower()
    for spelt in (g + f, g + "-" + f, f):
        agreed = extract.il_agreed(low, spelt) if len(spelt) >= 6 else None
        if agreed:
            return head + agreed + tail
    for spelt in (g + f, g + "-" + f):
        if len(spelt) >= 8 and _thin_letters_lost(low, spelt, lost=(1, 2)):
            return head + spelt + tail
    return addr


# Two mail domains on one card this few letters apart (and long enough) are one domain read twice.
SIBLING_EDITS = 3
SIBLING_MIN_LEN = 10


def _one_domain(emails: tuple[str, ...], urls: tuple[str, ...], org: Optional[str]) -> tuple[str, ...]:
    """"infto@ateber-transports.ca" beside "celine@atelier-transports.ca": one domain read twice,
    a few letters apart; both take the reading the card's website or its company's name spells
    (with neither, they are left as read)."""
    domains = list(dict.fromkeys(e.rpartition("@")[2] for e in emails))
    if len(domains) < 2:
        return emails
    hosts = {extract.host_of(u).lower() for u in urls}
    name = "".join(_name_words(org)) if org else ""
    out = list(emails)
    for d in domains:
        low = d.lower()
        if len(low) < SIBLING_MIN_LEN or low in hosts:
            continue
        spelt = [o for o in domains if o != d and len(o) >= SIBLING_MIN_LEN
                 and extract.within_edits(low, o.lower(), SIBLING_EDITS)
                 and (o.lower() in hosts or (name and o.lower().split(".")[0].replace("-", "") == name))]
        if len(spelt) == 1:
            out = [e.rpartition("@")[0] + "@" + spelt[0] if e.rpartition("@")[2] == d else e for e in out]
    return tuple(dict.fromkeys(out))


# How far a mail domain's first label may be from the card's website's and be that one misread,
# where two of the card's addresses agree on the website's spelling: this share of its letters.
SITE_EDITS_SHARE = 0.3


def _domain_of_the_site(emails: tuple[str, ...], urls: tuple[str, ...]) -> tuple[str, ...]:
    """"lena@autohaustnednch.at" beside www.autohausfriedrich.at and contato@autohausfriedrich.at,
    "serenas@granite-desiìign.com" beside granite-design.com: a mail domain that is the card's
    website's host misread takes the host's spelling. Misread means: two letters off once its
    letters outside ASCII are read as theirs, or, where two of the card's addresses spell the
    host alike, up to SITE_EDITS_SHARE of its letters off. The rest of the domain (".at",
    ".co.uk") must be the host's as read. (Which of a mail domain and a website one look-alike
    apart is misread, nothing on the card tells: "whitfield" beside "whitheld" is the website
    misread.)"""
    hosts = [extract.host_of(u) for u in urls]  # (lower case, without "www.")
    spelt = hosts + [e.rpartition("@")[2].lower() for e in emails]
    out = []
    for e in emails:
        local, _, dom = e.rpartition("@")
        low = dom.lower()
        label, _, rest = low.partition(".")
        plain = _fold(label)
        best = None
        for host in dict.fromkeys(hosts):
            hlabel, _, hrest = host.partition(".")
            if host == low or hrest != rest or not hlabel or len(hlabel) < 5:
                continue
            twice = spelt.count(host) >= 2
            near = ((plain != label and extract.within_edits(plain, hlabel, 2))
                    or (twice and extract.within_edits(label, hlabel, max(1, int(len(hlabel) * SITE_EDITS_SHARE)))))
            if near:
                best = host if best is None else ""
        out.append(f"{local}@{best}" if best else e)
    return tuple(dict.fromkeys(out))


def _separators_put_back(emails: tuple[str, ...], urls: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """"rb@evergreenprintnet.au" beside www.evergreenprint.net.au, "meridianlabs.com.sg" beside
    w.wu@meridian-labs.com.sg: one domain read twice, one read without a dot or a hyphen. Both
    take the spelling with the most of them (a read drops a speck far more often than it adds
    one where the letters run on)."""
    def bare(d: str) -> str:
        return re.sub(r"[.-]", "", d)

    doms = list(dict.fromkeys([e.rpartition("@")[2].lower() for e in emails] + [extract.host_of(u) for u in urls]))
    best = {d: max((o for o in doms if bare(o) == bare(d)), key=lambda o: (len(o), o == d)) for d in doms}
    if all(best[d] == d for d in doms):
        return emails, urls

    def email(e: str) -> str:
        local, _, dom = e.rpartition("@")
        spelt = best.get(dom.lower(), dom)
        return e if spelt == dom.lower() else f"{local}@{spelt}"

    def url(u: str) -> str:
        host = extract.host_of(u)
        k = u.lower().find(host)
        return u if best.get(host, host) == host or k < 0 else u[:k] + best[host] + u[k + len(host):]

    return tuple(dict.fromkeys(map(email, emails))), tuple(dict.fromkeys(map(url, urls)))


def _name_words(org: str) -> list[str]:
    """The words of a company's name as its domain spells them: no legal form, no lone letter."""
    legal = _sets()["legal_forms"]
    words = [_compact(x) for x in _words(org) if _fold(x) not in legal and _fold(x).strip(".") not in legal]
    return [w for w in words if len(w) > 1]


def _misread_alike(read: str, whole: str) -> bool:
    """Whether `read` is `whole` as small print misreads it the same way wherever it is printed,
    in a mail address and in a website alike: look-alike letters (i for l, t for f), up to two
    look-alike groups (m for rn, n for ri: "honzontoods" for horizonfoods), or one or two thin
    letters lost."""
    target = extract.shape(read)
    if extract.shape(whole) == target or _thin_letters_lost(read, whole, lost=(1, 2)):
        return True
    once = _group_misreads(whole)
    return any(extract.shape(v) == target for v in once | {x for v in once for x in _group_misreads(v)})


def _word_as_the_domain_spells_it(org: str, read_twice: frozenset[str]) -> str:
    """"Fakon Foods Ltd" by falconfoods.sg in the mail address and in the website: a word of the
    company's name that no list knows, a letter or two away from what a domain read alike twice
    spells where that word would be (the words around it spelt exactly), is the name misread;
    it is spelt as the domain spells it. Only words written plainly in ASCII letters, and not
    where the domain is the word as small print misreads it alike wherever it is printed
    ("Kristallsteuerberatung" by kristalisteuerberatung.de twice, see _misread_alike)."""
    words = _name_words(org)
    for label in sorted(d.replace("-", "") for d in read_twice):
        for i, w in enumerate(words):
            before, after = "".join(words[:i]), "".join(words[i + 1:])
            if len(label) - len(before) - len(after) < 3 or not (label.startswith(before) and label.endswith(after)):
                continue
            spelt = label[len(before):len(label) - len(after)]
            # (a domain read as small print misreads the word alike everywhere is no second
            # reading of it: _domain_as_company decides those)
            if (not spelt.isalpha() or _misread_alike(spelt, w)
                    or not extract.within_edits(spelt, w, 2 if len(w) >= 5 else 1)):
                continue
            if w in _org_vocabulary() or w in _known_folded() or _listed_name(w):
                continue
            m = re.search(r"(?<![\w])" + re.escape(w) + r"(?![\w])", org, re.I)
            if m:
                return org[:m.start()] + _cased_like(spelt, m.group(0)) + org[m.end():]
    return org


def _l_where_the_domain_agrees(org: str, domains: list[str]) -> str:
    """"Cobait Labs Ltd" by cobaltiabs.com: the company's name and its domain, two readings of
    one name that differ only in l's read as i's, each in its own place, spelt as both agree
    (extract.il_agreed). Only words the domain spells letter for letter are respelt (their
    accents kept: "Valiée" by vallee.fr is Vallée; "Straße" is no word of "strasse")."""
    words = _name_words(org)
    name = "".join(words)
    if len(name) < 6:
        return org
    for d in domains:
        agreed = extract.il_agreed(d.split(".")[0].replace("-", ""), name)
        if not agreed or agreed == name:
            continue
        out, at = org, 0
        for w in words:
            right = agreed[at:at + len(w)]
            at += len(w)
            if right == w:
                continue
            m = next((t for t in re.finditer(r"[^\W_]+", out) if _compact(t.group(0)) == w and len(t.group(0)) == len(w)),
                     None)
            if not m:
                return org
            old = m.group(0)
            new = "".join(("L" if c.isupper() else "l") if _fold(c) == "i" and r == "l" else c for c, r in zip(old, right))
            out = out[:m.start()] + new + out[m.end():]
        return out
    return org


# Letters OCR reads for one another in a short word: what a legal form read wrong is made of
# ("FELS HANDEL 0G", "Harbor Print, Ine.").
_LEGAL_MISREADS = {"0": "O", "O": "0", "1": "I", "I": "lT", "l": "I", "e": "c", "c": "e", "5": "S", "8": "BS", "n": "h",
                   "Y": "V", "i": "tl"}
# Letters a legal form must keep once a character read into it is taken out ("Ince." is Inc.,
# "S.a.sS." S.a.s.): two-letter forms (AG, SA, BV) are a letter off too many words.
LEGAL_FORM_LETTERS = 3


def _without_tail_junk(org: str) -> str:
    """"Campbell Winslow Associates Limited Fi": a scrap of one or two letters, not in capitals,
    after the legal form that ends a company's name is a mark of the card read as letters.
    And "Meridian Health Pte Ltd @xiaoming_chen": a handle printed in the next column on the
    same row is no word of a company's name, nor are an icon and digits after the legal form."""
    org = re.sub(r"(?:\s+@[\w.]{2,})+$", "", org)
    words = org.split()
    legal = _sets()["legal_forms"]

    def is_legal(w: str) -> bool:
        return _fold(w) in legal or _fold(w).strip(".,") in legal

    # "Sonnen Technik GmbH © +43": an icon and a number of the next column, no letter among
    # them; "VANTAGE ANALYTICS LTD. | @ 3rd Floor", "López & CO. — p932": a rule or a dash,
    # then the next column's text
    for k in range(len(words) - 1, 0, -1):
        if is_legal(words[k - 1]):
            if all(not re.search(r"[^\W\d_]", w) for w in words[k:]) or words[k] in ("|", "¦", "—", "–", "-"):
                words = words[:k]
            break
    # "Maple Logistics @ Ea 296": an icon alone and what is left of the next column's number
    # after it (the number taken, a scrap and its extension stay): no company's words have digits
    # after a lone mark ("Coffee @ Home" has none)
    for k in range(2, len(words) - 1):
        if words[k] in ("@", "©", "®") and any(c.isdigit() for w in words[k + 1:] for c in w):
            words = words[:k]
            break
    org = " ".join(words)
    if len(words) >= 3 and len(words[-1]) <= 2 and not words[-1].isupper() and words[-1].isalpha():
        if is_legal(words[-2]):
            return " ".join(words[:-1])
    return org


def _legal_form_mended(org: str) -> str:
    """The last word of a company's name, one misread letter away from a legal form or one
    character more than one, and no legal form itself, put back as that legal form."""
    legal = _sets()["legal_forms"]
    extra = _one_character_more(org, legal)
    if extra is not None:
        return extra
    m = re.search(r"(?<![\w.])([\w.]{2,6})$", org)
    if not m or _fold(m.group(1)) in legal or len(org.split()) < 2:
        return org
    word = m.group(1)
    for i, ch in enumerate(word):
        for alt in _LEGAL_MISREADS.get(ch, ""):  # (each a letter it is read for: "Sàri" is Sàrl)
            if _fold(word[:i] + alt + word[i + 1:]) in legal:
                return org[: m.start(1)] + word[:i] + alt + word[i + 1:]
    # "Arco Logistica .a.s.", "Rossi & Figli .r.l.": the form's first letter lost before its
    # period, where one letter only makes it a legal form
    if word.startswith("."):
        first = [c for c in "abcdefghijklmnopqrstuvwxyz" if _fold(c + word) in legal]
        if len(first) == 1:  # (a legal form starts with a capital: "S.r.l.", "S.A.S.")
            return org[: m.start(1)] + first[0].upper() + word
    return org


def _one_character_more(org: str, legal: frozenset[str]) -> Optional[str]:
    """"Riverside Foods Ince.", "Giordano Costruzioni S.a.sS.", "Olivo Energia $S.n.c.": a
    company's last word that is a legal form with one character read into it (a speck, a letter
    read twice), as that form; None when no one character taken out (a period aside: forms are
    written with and without theirs) makes one form."""
    last = re.search(r"(?<=\s)(\S{3,8})$", org)
    if not last or _fold(last.group(1)) in legal or _fold(last.group(1)) in _known_folded():
        return None
    tok = last.group(1)
    # each form by its folded spelling; of a letter read twice the second is the copy, so the
    # later character taken out wins ("S.a.sS." is S.a.s., "GmbHh" GmbH)
    found: dict[str, str] = {}
    for i, ch in enumerate(tok):
        form = tok[:i] + tok[i + 1:]
        if ch != "." and _fold(form) in legal and sum(c.isalpha() for c in form) >= LEGAL_FORM_LETTERS:
            found[_fold(form)] = form
    return org[: last.start(1)] + found.popitem()[1] if len(found) == 1 else None


def _legal_form_completed(org: str, region: Optional[str]) -> str:
    """"Lago Sistemi S.r..", "Arco Consulting S.r.", "Sterling Analytics pl": a company's last
    word that is a legal form with its last letter lost, put back where one form of the card's
    country completes it with one letter (s.r.l. in Italy, s.r.o. in Slovakia; plc in Britain)."""
    m = re.search(r"(?<![\w.])([A-Za-z][\w.]{1,5})$", org)
    legal, regions = _sets()["legal_forms"], extract.lexicon().get("legal_form_regions", {})
    if not m or not region or len(org.split()) < 2 or _fold(m.group(1)) in legal:
        return org
    word = re.sub(r"\.{2,}$", ".", m.group(1))
    stem = _fold(word)
    # (a letter more, and its period where the form's letters have one: s.r. → s.r.l.)
    ending = r"[a-z]\." if stem.endswith(".") else r"[a-z]"
    done = [f for f in regions if region in regions[f] and f in legal and re.fullmatch(re.escape(stem) + ending, f)]
    if len(done) != 1:
        return org
    tail = done[0][len(stem):]
    return org[:m.start(1)] + word + (tail.upper() if word.isupper() else tail)


@functools.lru_cache(maxsize=1)
def _accented_legal_words() -> dict[str, str]:
    """The words of legal forms spelt with letters beyond ASCII, by their folded spelling."""
    out: dict[str, str] = {}
    for form in extract.lexicon().get("legal_forms", []):
        for w in re.findall(r"[^\W\d_]+", form):
            if not w.isascii():
                out[_fold(w)] = w
    return out


def _legal_accents(org: str) -> str:
    """"UG (haftungsbeschrānkt)", "(HAFTUNGSBESCHRÀNKT)": a legal form's accented letter read as
    another accent, spelt as the form is, in the case it was printed in."""
    known = _accented_legal_words()

    def fix(m: re.Match) -> str:
        w = m.group(0)
        right = known.get(_fold(w))
        if right is None or right.casefold() == w.casefold():
            return w
        return _cased_like(right, w)

    return re.sub(r"[^\W\d_]{4,}", fix, org)


def _first_letters_from_domain(org: str, domains: list[str]) -> str:
    """"acon Analytics OHG" beside beacon-analytics.de: a company's line that lost its first
    letter or letters at its edge (as Tesseract does beside a logo) gets them back from the mail
    or web domain, when the domain is those letters and the name's words run together."""
    words = org.split()
    name = "".join(_name_words(org))
    # (the mark of a lost capital: a first word in small letters before a capitalised one, "&"
    # aside; "Lumen Software" by ilumen-software.com is the domain with a letter too many)
    # ("van Dijk Advocaten": a particle starts in small letters as printed)
    after = next((w for w in words[1:] if any(c.isalpha() for c in w)), "")
    if len(words) < 2 or not words[0][:1].islower() or not after[:1].isupper() or len(name) < 6 \
            or _fold(words[0]) in _particles():
        return org
    first = _compact(words[0])
    for label in domains:
        bare = label.replace("-", "")
        # the domain of the name run together ("beacon-analytics" by "acon Analytics OHG"), or
        # of its first word alone ("holloway" by "olloway & Sons Ltd")
        whole = name if bare.endswith(name) else first if len(first) >= 5 and bare.endswith(first) else ""
        lost = bare[: len(bare) - len(whole)]
        if whole and 1 <= len(lost) <= ORG_EDGE_LOST and lost.isalpha():
            return " ".join([lost.capitalize() + words[0]] + words[1:])
    return org


@functools.lru_cache(maxsize=1)
def _org_vocabulary() -> dict[str, str]:
    """The trade words of company names (Design, Logistik, Immobilier), by folded spelling."""
    return {_fold(w): w.lower() for w in extract.lexicon().get("org_words", [])
            if isinstance(w, str) and re.fullmatch(r"[^\W\d_]+", w)}


def _mended_org_words(org: str) -> str:
    """"ALPES DESLGN SÀRL": a trade word of a company's name with a letter group read as its
    look-alike (l as i, rn as m), spelt as the lists spell it, when exactly one such reading is
    a trade word and the word as read is no word the lists or the name lists know."""
    vocab = _org_vocabulary()

    def fix(m: re.Match) -> str:
        w = m.group(0)
        key = _fold(w)
        if key in vocab or key in _known_folded() or _listed_name(key):
            return w
        found = {vocab[c] for c in _group_misreads(key) if c in vocab}
        return _cased_like(found.pop(), w) if len(found) == 1 else w

    return re.sub(r"[^\W\d_]{5,}", fix, org)


# Letters a word before the company's name may have and still be taken for a logo's letters
# when no list knows it (see _without_lead_junk).
ORG_LOGO_LETTERS = 7
# Articles a company's name may begin with ("The Bluebird Group" by bluebirdgroup.com).
_ARTICLES = frozenset("the der die das le la les el los las il lo gli het de een a an o os as".split())


def _domains_joined(domains: list[str]) -> list[str]:
    """The card's mail and web domains as a company's name runs together: without hyphens."""
    return [d.replace("-", "") for d in domains]


def _name_labels(domains: list[str]) -> list[str]:
    """The domains (run together) long enough to tell a company's name by how it starts."""
    return [label for label in _domains_joined(domains) if len(label) >= 4]


def _without_stroke_before(org: str, domains: list[str]) -> str:
    """"Iironbridge Dental P.C." beside ironbridge-dental.com: a logo's bar, read as a capital I
    (or a 1) run into the thin first letter of the company's name, dropped when the mail or web
    domain spells the name from the letter after it and not with the stroke."""
    words = org.split()
    m = re.fullmatch(r"[I|1]([il][^\W\d_]{2,})", words[0]) if words else None
    if m is None:
        return org
    labels = _name_labels(domains)
    rest = _compact(" ".join([m.group(1)] + words[1:]))
    if any(rest.startswith(label) for label in labels) and not any(_compact(org).startswith(label) for label in labels):
        return " ".join([m.group(1)[0].upper() + m.group(1)[1:]] + words[1:])
    return org


def _without_lead_junk(org: str, domains: list[str]) -> str:
    """"ı TA Teixeira Advogados", "waay Pillai & Co. Pte Ltd": marks of a logo read in front of the
    company's name, dropped when the words after them begin with what the mail or web domain spells
    and each of them is no word of a name: a stray sign, a word in small letters before capitals
    (not a particle: "de Vries Bouw"), or the logo's monogram (the initials of the words after it)."""
    words = org.split()
    joined = _domains_joined(domains)
    labels = _name_labels(domains)
    for k in range(1, min(3, len(words) - 1) + 1):
        rest = words[k:]
        comp = _compact(" ".join(rest))
        if not any(comp.startswith(label) for label in labels):
            continue
        initials = "".join(f[0] for f in map(_fold, rest) if f).replace("l", "i")

        def junk(w: str) -> bool:
            if not re.fullmatch(r"[A-Za-zÀ-ÖØ-öø-ÿ'-]+", w):
                return True
            if w[0].islower() and rest[0][:1].isupper():
                return _fold(w) not in _particles()  # "de Vries Bouw": a particle of the name
            if len(w) <= 4 and w[0].isupper() and _fold(w).replace("l", "i") == initials[: len(w)]:
                return True
            # a short word that no list knows, a logo's letters read as one ("OBMÈ Bluebird
            # Media", "PF Nova Construções"); words the lists know, names and articles ("The",
            # "Hotel", "Smith") may be the company's own, and so is a word a domain spells
            # ("Vantage Studio" by vantagestudio.sg, beside a website misread as studio.sg)
            f = _fold(w)
            return (2 <= len(f) <= ORG_LOGO_LETTERS and f not in _known_folded() and not _listed_name(f)
                    and f not in _org_vocabulary() and f not in _particles() and f not in _ARTICLES
                    and not (len(f) >= 3 and any(_compact(w) in d for d in joined)))

        # ("SE J Sole Energia Srl": beside the monogram, a letter alone is a mark of the logo too)
        monogram = any(len(w) >= 2 and junk(w) for w in words[:k])
        if all(junk(w) or (monogram and len(w) == 1 and w.isalpha()) for w in words[:k]):
            return " ".join(rest).lstrip(" ,;:_|-•·")  # "a-{ | , Oranje Advies B.V.": the marks between go too
    return org


def _period_read_as_comma(text: str) -> str:
    """"MAPLE HEALTH CO., LTD,": a line that ends in a legal form written with a period and a
    comma ends in that period misread (no company name ends in a comma)."""
    m = re.search(r"(?<![\w.])([^\W\d_]{2,5}),\s*$", text)
    if m and _fold(m.group(1)) + "." in _sets()["legal_forms"]:
        return text[:m.start()] + m.group(1) + "."
    return text


def _legal_punctuation(org: str) -> str:
    """"Co.Ltd" / "co, ltd.": the "Co., Ltd." whose dot or comma OCR lost, as printed otherwise."""
    # ("Co. Ltd", a dot and a space, is a form of its own: "Ng & Co. Ltd")
    org = re.sub(r"\b(co)(?:\.|,(\s*))(ltd)\b", lambda m: f"{m.group(1)}.,{m.group(2) or ''}{m.group(3)}", org, flags=re.I)
    # "Étoile Communication. Ltd.": the comma before a legal form read as a period, after a word
    # that is no abbreviation (a word of six letters or more ends with none: "Bros.", "Corp." do)
    org = re.sub(r"(?<=[^\W\d_][a-z]{5})\.(?=\s+(\S+)$)",
                 lambda m: "," if _fold(m.group(1)) in _sets()["legal_forms"] else m.group(0), org)

    # "NV." / "S.A" / "B.V": a dotted legal form with one of its dots lost ("BV" without any dot stays)
    def dots(m: re.Match) -> str:
        letters = [c for c in m.group(0) if c.isalpha()]
        full = ".".join(letters) + "."
        return full if full.lower() in _sets()["legal_forms"] and full != m.group(0) else m.group(0)

    # "P ty Ltd", "G mbH": a space read inside a legal form
    org = re.sub(r"(?<![\w.])([A-Z]) ([a-z][a-zA-Z]{0,2}\.?)(?=$|[\s,)])",
                 lambda m: m.group(1) + m.group(2) if _fold(m.group(1) + m.group(2)) in _sets()["legal_forms"] else m.group(0), org)
    # "S.LU.", "SA.S.": a dotted form of three or four letters with a dot lost (at least one kept)
    org = re.sub(r"(?<![\w.])(?=[A-Z.]*\.)(?:[A-Z]\.?){3,4}(?=$|[\s,)])", dots, org)
    # ("N V.": the first dot read as a space; "G. K.": a space read after it)
    return re.sub(r"(?<![\w.])[A-Z]\.?[A-Z]\.?(?=$|[\s,)])(?<=\.)|(?<![\w.])[A-Z]\.[A-Z](?=$|[\s,)])"
                  r"|(?<![\w.])[A-Z]\.? [A-Z]\.(?=$|[\s,)])", dots, org)


def _logo_word(f: _Feat, name: _Line) -> bool:
    """A company's name set apart, in another column than the person's name (no horizontal
    overlap): one or two words in capitals about as large as the name (a logo word), or a short
    line with a word of trade ("Falcon Dental"); never a person's name, a title or a slogan."""
    ln = f.line
    # (a word of trade that is a word of titles too, "Legal", "Marketing", is no title by itself)
    titled = f.title_strong or (f.title_hits and not f.org_words)
    if f.digits or titled or _slogan(f) or _garbage(f) or min(ln.right, name.right) - max(ln.left, name.left) > 0:
        return False
    if f.org_words and 1 <= len(f.words) <= 4 and not (f.given_hit and f.surname_hit) and not f.email_name:
        return True
    if not f.caps or not 1 <= len(f.words) <= 2 or f.given_hit:
        return False
    return sum(c.isalpha() for c in ln.rest) >= 4 and ln.height >= 0.8 * name.height


def _garbage(f: _Feat) -> float:
    """How much a line looks like OCR noise (a picture or texture read as letters), 0-3."""
    toks = f.line.rest.split()
    if not toks:
        return 3.0
    junk = sum(1 for t in toks if len(t.strip(".,")) <= 2 and t.strip(".,").lower() not in ("&", "of", "de", "y", "e", "da", "di", "du", "la", "le", "el", "van", "von", "co", "ag", "kg", "sa", "bv", "nv", "sl", "ii", "iv", "jr", "sr", "dr", "it")
               or not any(c.isalnum() for c in t) and t != "&")
    g = 0.0
    if any(re.search(r"[^\W\d_]{2}\.[^\W\d_]{2,}[^\s/]*/[^\W_]", t) for t in toks):
        g += 3.0  # a web address's host and path, read too badly to be known for one
    if len(toks) >= 3 and junk / len(toks) > 0.4 or junk == len(toks):
        g += 2.0  # mostly scraps, or nothing but ("ba ad")
    if f.line.conf and f.line.conf < 0.45 and not (junk == 0 and _mostly_known(toks)):
        g += 1.5
    return g


# What a logo's monogram of a line's initials, printed beside the line, adds to its company score.
MONOGRAM_BESIDE = 1.5


def _monogram_beside(line: _Line, lines: list[_Line]) -> float:
    """MONOGRAM_BESIDE where a logo's letters beside `line` (on its row, or the line next to it)
    are the initials of its two or three words ("Redwood Media" beside "RM"), else 0."""
    words = [w for w in _words(line.rest) if w[:1].isalpha()]
    if not 2 <= len(words) <= 3:
        return 0.0
    initials = "".join(_fold(w)[0] for w in words).upper()
    for other in lines:
        mark = other.text.strip(" |()[].")
        if other is line or mark != initials:
            continue
        same_row = min(line.bottom, other.bottom) - max(line.top, other.top) > 0
        if same_row or abs(other.idx - line.idx) == 1:
            return MONOGRAM_BESIDE
    return 0.0


def _lone_sign(token: str) -> bool:
    """A token of one sign, or of no letter or digit: a scrap of a logo or an icon read as text
    (two letters may be a legal form, "OG", "ME", or a name, "Li")."""
    return len(token) == 1 or not any(c.isalnum() for c in token)


# How well the words left between scraps must spell the card's domain to be the line.
SCRAPS_DOMAIN_AGREEMENT = 0.9


def _scraps_around_a_domain_name(text: str, domains: list[str]) -> str:
    """"4 ' F Provence Communication" on the card of provence-communication.ca: a line whose
    words spell the card's domain but for scraps of a logo read before or after them is those
    words; any other line as it is."""
    toks = text.split()
    start, end = 0, len(toks)
    while start < end and _lone_sign(toks[start]):
        start += 1
    while end > start and _lone_sign(toks[end - 1]):
        end -= 1
    if (start, end) == (0, len(toks)) or start == end:
        return text
    core = " ".join(toks[start:end])
    return core if _domain_agreement(core, domains) >= SCRAPS_DOMAIN_AGREEMENT else text


def _mostly_known(toks: list[str]) -> bool:
    """Whether half or more of a line's words of three letters or more are words the lists
    know: Tesseract gives some well-read words no confidence at all ("Conseiller" at 0),
    and junk read from a picture seldom is a title or company word."""
    long = [_fold(t).strip(".,;:|") for t in toks if sum(c.isalpha() for c in t) >= 3]
    known = sum(1 for t in long if t in _known_folded())
    return known >= 1 and 2 * known >= len(long)


@functools.lru_cache(maxsize=1)
def _known_folded() -> frozenset[str]:
    """The lists' words as `_fold` spells them: "Geschäftsfuhrerin", its umlaut on the u lost,
    is the list's Geschäftsführerin."""
    return frozenset(_fold(w) for w in extract._known_words())


def _name_score(f: _Feat) -> float:
    core = _name_core(f.words, f.folded)
    n = len([w for w in core if w not in _particles() and len(w.strip(".")) > 1])
    if n == 0 or n > 5 or f.digits or len(f.line.rest) > 60:
        return -9.0
    if re.match(r"\W*[^\W\d_]+\s?:", f.line.rest):
        return -9.0  # "Mai: Ienciar": a label opens the line (a mail line, its @ lost)
    s = 0.0
    if n == 1:
        s -= 1.5
    if any(len(w) <= 2 and "." not in w and w not in _particles() and not _listed_name(w)
           for w in core) and n <= 2 and not f.email_name:
        s -= 1.5  # "Jc", "Ng": a scrap or a monogram more often than a name of two letters
    elif n > 4:
        s -= 1.0
    s += 2.0 * f.given_hit + 1.0 * f.surname_hit
    s += 3.5 * f.email_name
    s += 2.0 * max(0.0, f.hrank - 0.5)
    lower_words = [w for w in f.words if w[:1].isalpha() and not w[:1].isupper() and _fold(w) not in _particles()
                   and not re.match(r"[dl]['’]", w)]
    if not lower_words:
        s += 0.5
    elif f.words[0][:1].isupper() and len(lower_words) == 1 and len(f.words) >= 2:
        s -= 0.3  # "Rahul kumar": a careless capital, not a sentence
    else:
        s -= 1.0
    s -= 2.5 * min(f.title_strong, 1) + 0.7 * max(0, f.title_hits - f.title_strong)
    if f.legal:
        s -= 3.0
    s -= 1.2 * f.org_words
    s -= 2.5 * f.domain if f.email_name < 0.5 else 0.0
    if re.search(r"[&@/|:;!?+=#%*<>{}\[\]]", f.line.rest):
        s -= 1.5
    if any(len(w) == 1 and not w.isalpha() for w in f.words):
        s -= 0.5
    s -= _garbage(f)
    return s


def _slogan(f: _Feat) -> bool:
    """Sentence-like lines ("Your partner in growth", "Quality since 1987") are not fields."""
    sl = _sets()["slogan_words"]
    first_title = bool(f.folded) and _is_title_word(f.folded[0])
    return any(w in sl for w in f.folded) and (f.title_strong == 0 or not first_title) or (
        len(f.words) >= 3 and f.title_strong == 0 and sum(1 for w in f.words if w[:1].islower()) >= 2 and not f.legal)


def _and_of_names(f: _Feat) -> bool:
    """"Schäfer & Partner", "Weber und Söhne": a firm's name, not a job ("CEO & Founder" has
    a role on both sides of the &)."""
    parts = re.split(r"\s(?:&|\+|and|und|et|e|y)\s", f.line.rest, maxsplit=1)
    if len(parts) != 2:
        return False
    if parts[1][:1].islower() and not parts[0].isupper():
        return False  # "Directeur administratif et financier": words of a phrase, not a firm's names
    sides = [[_fold(w).strip(".,") for w in _words(p)] for p in parts]
    return any(side and not any(_is_title_word(w) or w in _sets()["title_words"] for w in side) for side in sides)


def _title_score(f: _Feat) -> float:
    if not f.words or f.digits > 2 or len(f.line.rest) > 90:
        return -9.0
    s = 2.0 * min(f.title_strong, 2) + 0.6 * min(f.title_hits, 4)
    if f.title_strong == 0 and f.title_hits < 2:
        s -= 1.0
    if _degree_and_field(f):
        s += 3.0
    if _slogan(f):
        s -= 2.0
    if f.legal:
        s -= 3.0
    if _and_of_names(f):
        s -= 2.5
    s -= 1.5 * f.domain
    s -= 2.0 * f.email_name
    s -= 0.5 * max(0, f.org_words - 1)
    s -= _garbage(f)
    return s


def _degree_and_field(f: _Feat) -> bool:
    """"Dipl.-Ing. Maschinenbau", "Mag. Wirtschaftsrecht", "M.Sc. Informatik": an academic degree
    and its field, printed where a job title goes; with a person's name after it, it is a prefix."""
    return len(f.folded) >= 2 and not f.given_hit and not f.surname_hit and not f.email_name and bool(
        re.fullmatch(r"(dipl\.?-?[a-z]*|mag|ing|[bm]\.?\s?(sc|eng|a))\.?", f.folded[0])) \
        and any(len(re.sub(r"\W", "", w)) >= 4 for w in f.folded[1:])  # a field is a word ("ba ad" is not)


def _org_score(f: _Feat) -> float:
    if not f.words or len(f.line.rest) > 80:
        return -9.0
    if re.fullmatch(r"[^\W_A-Z]+(?:[_/][^\W_A-Z]+)+", f.line.rest.strip()):
        return -9.0  # a profile's path or a handle ("in/rie_ikeda" read "im/rie_ikeda"), named after the domain
    if re.fullmatch(r"[^\W\d_A-Z]+", f.line.rest.strip()) and re.search(r"[@®]", f.line.text):
        # a lower-case word left beside a mail address or a handle is a piece of it, cut off by a
        # space read inside it ("E-Mail: baptis tem@web.de", "@ felixfriedrich"), named after the domain
        return -9.0
    s = 0.0
    if len(f.words) == 1 and len(f.words[0].strip(".")) <= 3 and f.domain < 1.0:
        s -= 2.0  # a logo's initials ("AF", "PK") name no company by themselves
    if _slogan(f):
        s -= 2.0
    if f.legal:
        s += 3.5
    s += 3.0 * f.domain
    s += 0.8 * min(f.org_words, 2)
    if re.search(r"\s(&|\+|and|und|et|e|y)\s", f.line.rest) and (not f.title_strong or _and_of_names(f)):
        s += 0.6  # "Weber & Söhne", "Smith and Partners"
    if _and_of_names(f):
        s += 1.0
    s += 1.0 * max(0.0, f.hrank - 0.6)
    if f.caps and len(f.words) <= 4:
        s += 0.3
    s -= 1.5 * min(f.title_strong, 2)
    s -= 2.0 * f.email_name
    if f.given_hit and f.surname_hit and not f.legal and f.domain < 0.5 and not f.org_words:
        s -= 1.0  # a person's name, unless a word of trade says otherwise ("Mar Soluciones")
    if f.digits > 3:
        s -= 1.5
    s -= _garbage(f)
    return s


# ---------------------------------------------------------------- names


@functools.lru_cache(maxsize=1)
def _affix_case() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for a in lexicon().get("name_affix_case", []):
        out.setdefault(_fold(a).replace(".", ""), []).append(a)
    return out


@functools.lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(lexicon().get("name_particles", []))


def _recase_word(w: str, first: bool) -> str:
    """One word of a name printed in capitals (or all lower case) in the case people expect."""
    core = w.strip(",;")
    tail = w[len(core):] if w.startswith(core) else ""
    key = _fold(core).replace(".", "")
    forms = _affix_case().get(key)
    if forms:
        # the canonical form with the printed dots: PHD → PhD, PH.D. → Ph.D.
        same = [a for a in forms if a.count(".") == core.count(".")]
        return (same[0] if same else core) + tail
    low = core.lower()
    if not first and low in _particles():
        return low + tail
    m = re.match(r"^([dl])['’](.+)$", low)
    if m and not first:
        return f"{m.group(1)}'{_cap_word(m.group(2))}" + tail
    return "-".join(_cap_word(p) if p else p for p in core.split("-")) + tail


def _mixed_case_word(w: str, k: int, family_first: bool) -> str:
    """Word k of a name printed in mixed case, in the case people expect: as printed, but for
    a family name in capitals before the given name (XU Ying, however short), a word in
    capitals (ANGUS MacDonald), and a word of small letters that is no particle, a capital
    read small ("sneha Nair")."""
    if family_first and k == 0 and w.isupper():
        return "-".join(_cap_word(p) if p else p for p in w.split("-"))
    caps = (sum(c.isupper() for c in w) > 1 and w.isupper() and len(w.strip(".,")) > 2
            and _fold(w).strip(".,").replace(".", "") not in _affix_case())
    small = (sum(c.isalpha() for c in w) >= 2 and w.islower() and _fold(w).strip(".,") not in _particles()
             and not re.match(r"^[dl]['’]", w))
    return _recase_word(w, k == 0) if caps or small else w


def _without_lone_letters(text: str) -> str:
    """"Tommaso Santoro D", "Silvia Santoro s A": a letter alone after the name's words is a
    mark beside the line read as one (an initial stands before the family name, and a particle
    before a word); dropped where two words of two letters or more stay. And a small letter alone
    among them, see below."""
    words = text.split(" ")
    while len(words) > 2 and re.fullmatch(r"[^\W\d_]", words[-1]) and _fold(words[-1]) not in _particles() \
            and sum(len(re.sub(r"[\W\d_]", "", w)) >= 2 for w in words[:-1]) >= 2:
        words.pop()
    # "Lotte van ı den Bos": a small letter alone among the name's words, no particle, and no
    # d or l whose apostrophe was lost, is a speck read as a letter (an initial is a capital)
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if not (re.fullmatch(r"[^\W\d_]", w) and w.islower()
                                                           and _fold(w) not in _particles() | {"d", "l"})] + [words[-1]]
    return " ".join(words)


def split_name(text: str) -> Name:
    """A printed name line → Name, in the case people expect; family-first order is kept."""
    # "Heuve!": an l at the end of a word in small letters read as a mark (no name ends in one)
    text = re.sub(r"(?<=[a-z]{2})!(?=\s|$)", "l", text.strip())
    text = re.sub(r"^[^\w(]+|[^\w.)]+$", "", text)
    text = re.sub(r"\s+", " ", text)
    text = _without_lone_letters(text)
    # "KIM Eun;ji": the hyphen of a given name in two parts read as a semicolon, between a
    # capitalised word's letters and small ones; "Eun;-ji", "Eun-;ji": a speck read inside a
    # name, before or after its hyphen
    text = re.sub(r"\b([A-Z][a-z]+);([a-z]{2,})\b", r"\1-\2", text)
    text = re.sub(r"(?<=[^\W\d_])[;:](?=-?[^\W\d_])|(?<=[^\W\d_]-)[;:](?=[^\W\d_])", "", text)
    # "El -Amin", "Anne- Marie": a space read beside a hyphen that joins two parts of a name
    # (a hyphen with a space on one side only joins; a dash between names has both or neither)
    text = re.sub(r"(?<=[^\W\d_]) -(?=[^\W\d_]{2})|(?<=[^\W\d_]{2})- (?=[^\W\d_])", "-", text)
    text = re.sub(r"\bMe(?=[A-Z][a-z]{2,})", "Mc", text)  # "MeAllister": no name has a capital after Me
    # "D’Auria", "O`Brien": OCR reads an apostrophe as any of its look-alikes, whichever was
    # printed; a name is kept with the one keyboards type, so that it is found as it is typed
    text = re.sub(r"(?<=[^\W\d_])[’‘`´](?=[^\W\d_])", "'", text)
    # "Isla B, Sullivan": a middle initial's period read as a comma ("Family, Given" has no
    # initial before its comma)
    text = re.sub(r"(?<=[^\W\d_]{2} [A-Z]),(?= [^\W\d_])", ".", text)
    # "FionaR. Hughes": the space before a middle initial lost (no name has a capital with a
    # period at the end of a word in small letters)
    text = re.sub(r"\b([A-Z][a-z]{2,})([A-Z]\. [^\W\d_])", r"\1 \2", text)
    # ... and a prefix's ("Dr, Anjali Desai": no family name is "Dr")
    first = text.split(" ", 1)[0]
    if first.endswith(",") and _fold(first[:-1]) + "." in _sets()["name_prefixes"]:
        text = first[:-1] + "." + text[len(first):]
    text = _accents_as_listed(text)
    # "Fiona \\ Hughes", "Lotte ter Hendriks /ss": a mark or a logo's edge read as a word with a
    # slash or a bar in it, or with no letter at all (no name is written with one)
    text = " ".join(w for w in text.split() if not re.search(r"[\\/|]", w) and (re.search(r"[^\W\d_]", w) or w in {"&", "-", "–"}))
    if not text:
        return Name(full="")
    words = text.split()
    letters = [c for c in text if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    all_lower = bool(letters) and all(c.islower() for c in letters)
    sets = _sets()
    head, tail = _credentials(text, all_caps)
    if tail:
        # known letters in their usual case (JR. → Jr., PHD → PhD), the others as printed
        tail = " ".join(_recase_word(w, False) if _fold(w).strip(",;").replace(".", "") in _affix_case() else w
                        for w in tail.split())
        base = split_name(head)
        return Name(full=f"{base.full}, {tail}", prefix=base.prefix, given=base.given, middle=base.middle,
                    family=base.family, suffix=", ".join(p for p in (base.suffix, tail) if p))
    family_first = False
    if len(words) >= 2 and not all_caps:
        first_letters = [c for c in words[0] if c.isalpha()]
        rest_letters = [c for w in words[1:] for c in w if c.isalpha()]
        if len(first_letters) >= 2 and all(c.isupper() for c in first_letters) and rest_letters and not all(c.isupper() for c in rest_letters):
            w0 = _fold(words[0]).strip(".,")
            # two capitals are initials ("AJ Smith", "JD Miller") unless they spell a family name
            # (XU Ying, MA Ying: a degree's letters are never printed before the name)
            if len(w0) <= 2:
                family_first = w0 in surnames() and w0 not in sets["name_prefixes"]
            elif w0 not in sets["name_prefixes"] and w0 not in sets["name_suffixes"]:
                family_first = True
    # recase word by word so that punctuation ("Desai, PhD") stays as printed
    if all_caps or all_lower:
        full = " ".join(_recase_word(w, k == 0) for k, w in enumerate(words))
    else:
        full = " ".join(_mixed_case_word(w, k, family_first) for k, w in enumerate(words))
    try:
        from nameparser import HumanName
    except ImportError:  # pragma: no cover
        return Name(full=full)
    try:
        if family_first:
            fw = full.split()
            hn = HumanName(" ".join(fw[1:]))
            given = " ".join(p for p in (hn.first, hn.middle) if p).split(" ", 1)
            return Name(full=full, prefix=hn.title, given=given[0] if given else "",
                        middle=given[1] if len(given) > 1 else "", family=fw[0], suffix=hn.suffix)
        hn = HumanName(full)
        return Name(full=full, prefix=hn.title, given=hn.first, middle=hn.middle, family=hn.last, suffix=hn.suffix)
    except Exception:  # noqa: BLE001 - nameparser on odd text: keep the line as the full name
        return Name(full=full)


def _credentials(text: str, all_caps: bool) -> tuple[str, str]:
    """"Liam Caldwell, MRICS" → ("Liam Caldwell", "MRICS"): letters after the name's comma printed
    in capitals ("MRICS", "CPA, CFA", "PhD") are post-nominal letters, kept as printed, even those
    no list knows. On a line all in capitals only known ones count ("DOE, JANE" is a name)."""
    head, sep, after = text.partition(",")
    toks = [t.strip(".") for t in re.split(r"[,\s]+", after) if t.strip(".")]
    if not sep or len(head.split()) < 2 or not toks or len(toks) > 4:
        return text, ""
    known = _sets()["name_suffixes"]

    def credential(t: str) -> bool:
        f = _fold(t)
        if f in known or f + "." in known or f.replace(".", "") in known:
            return True
        ups = sum(c.isupper() for c in t)
        return not all_caps and t[:1].isupper() and ups >= 2 and ups >= len(t.replace(".", "")) - 1 and t.replace(".", "").isalpha()

    if all(credential(t) for t in toks):
        return head.strip(), after.strip()
    return text, ""


def _cap_word(w: str) -> str:
    # "LİN": İ lower-cased is i with a second dot above; Turkish and every other language write i
    w = w[:1] + w[1:].replace("İ", "i")
    try:
        from nameparser import HumanName
        hn = HumanName(w)
        hn.capitalize(force=True)
        out = str(hn).strip()
        if out and _fold(out) == _fold(w):
            return out
    except Exception:  # noqa: BLE001
        pass
    return w[:1].upper() + w[1:].lower()


def _split_name_title(cands: list[_Line]) -> list[_Line]:
    """Split "Jane Doe, CEO" / "Jane Doe | Director" into a name line and a title line."""
    out = []
    for ln in cands:
        parts = re.split(r"\s*(?:,|\||\s[-–—]\s|•|·)\s*", ln.rest, maxsplit=1)
        if len(parts) == 2 and parts[0] and parts[1]:
            a, b = parts
            sets = _sets()
            fa = [_fold(w).strip(".") for w in _words(a)]
            fb = [_fold(w).strip(".") for w in _words(b)]
            a_title = any(w in sets["title_strong"] for w in fa)
            b_title = any(w in sets["title_strong"] for w in fb)
            b_suffix = all(w in sets["name_suffixes"] for w in fb)
            name_side = fb if a_title else fa
            nameish = 2 <= len(name_side) <= 4 and any(w in given_names() for w in name_side) and not any(
                w in sets["org_words"] or w in sets["legal_forms"] for w in name_side)
            if not b_suffix and b_title != a_title and nameish and 1 <= len(fa) <= 8 and 1 <= len(fb) <= 8:
                pos = ln.rest.find(b, len(a))
                out.append(_Line(ln.idx, ln.text, a, ln.height, ln.top, ln.left, ln.right, ln.bottom, ln.conf, ln.block))
                out.append(_Line(ln.idx, ln.text, ln.rest[pos:] if pos >= 0 else b, ln.height, ln.top, ln.left, ln.right, ln.bottom, ln.conf, ln.block))
                continue
        out.append(ln)
    return out


# ---------------------------------------------------------------- the whole card


def contact(ocr: OcrResult, *, region: str | None = None, default_region: str = "US") -> Contact:
    """Turn one card's OCR result into a Contact. Never raises."""
    try:
        return _contact(ocr, region, default_region)
    except Exception as exc:  # noqa: BLE001 - hostile text must give a Contact, not a crash
        return Contact(warnings=(f"could not understand the text ({type(exc).__name__})",))


def _rest_mended(rest: str) -> str:
    """What is left of a line once the finders took their part, with the misreads mended on every
    line put back, in this order: postcodes (British, then Dutch), the l's and o's of known names,
    the ß, the l of "-platz", and a number run into the word before it."""
    for mend in (_gb_postcode_mended, _nl_postcode_spaced, _repair_name_letters, _eszett_put_back, _platz_put_back,
                 _number_parted):
        rest = mend(rest)
    return rest


def _contact(ocr: OcrResult, region: Optional[str], default_region: str) -> Contact:
    lines = _lines(ocr)
    texts = [ln.text for ln in lines]
    boxes = [(ln.left, ln.top, ln.right, ln.bottom) for ln in lines]
    region = region.strip().upper() if isinstance(region, str) and region.strip() else None
    f = extract.fields(texts, region=region, default_region=default_region or "US", boxes=boxes)
    for ln in lines:
        ln.text = f.lines[ln.idx] if ln.idx < len(f.lines) else ln.text
        ln.rest = _rest_mended(_residual(ln.text, f.used[ln.idx] if ln.idx < len(f.used) else (), ln.junk_pre,
                                         ln.junk_post))
        if _unit_number(ln.text):
            ln.rest = ln.text.strip()  # (the residual drops a line's leading marks: "#624" is a unit)
    # (before any line is weighed: a name that lost its first letters is no name to the lists)
    locals_ = _locals(f)
    for ln in lines:
        ln.rest = _given_cut_short(ln.rest, locals_)
    warnings: list[str] = []
    fconf: dict[str, float] = {}

    # lines worth weighing: some letters, and not a scrap of noise ("dA", "‘N", "/pp.:")
    labels = extract._label_types()
    # ("24, 1º D" and "26, 5º C" stay: the number and floor of an address printed on their own
    # line; a unit's number, "#624"; and a number alone right under a street line without one:
    # "Avenida de la Paz" / "221")
    cands = [ln for ln in lines if (sum(c.isalpha() for c in ln.rest) >= 2 or
                                    re.fullmatch(r"\d{1,5}[a-zA-Z]?\s*,\s*\d{1,3}\s*\W{0,2}\s*[A-Za-z]?", ln.rest)
                                    or _unit_number(ln.rest) or _house_number_alone(ln, lines))
             and not (sum(c.isalnum() for c in ln.rest) <= 3 and ln.conf < 0.6)
             and not (len(ln.rest) <= 2 and not ln.rest.isupper())
             and ln.rest.lower().strip(" .:|") not in labels]  # a phone label alone beside its number
    # lines printed in Japanese follow rules of their own (see japanese.py); the lines they
    # give a field are not weighed again here
    # (whole: the marks cut from a Latin line's ends as icons are characters of a Japanese one)
    jp = japanese.fields([japanese.JpLine(ln.idx, japanese.joined(ln.text), ln.height, ln.top, ln.conf)
                          for ln in lines if japanese.is_japanese(ln.text)])
    cands = [ln for ln in cands if ln.idx not in jp.used]
    # address first: its lines are long and would otherwise be mistaken for a company or title
    contact_idx = frozenset(ln.idx for ln in lines if ln.idx < len(f.used) and f.used[ln.idx])
    addr_lines = [] if jp.address else _find_address(cands, f.region, contact_idx)
    for ln in addr_lines:
        ln.rest = _mended_place_words(ln.rest, f.region)
    address = None
    card_region = f.region
    if addr_lines:
        address = _structure_address(addr_lines, f.region)
        best_line = max(_address_score(ln.rest, f.region) for ln in addr_lines)
        fconf["address"] = _squash(best_line - 1.0 + (0.5 if address.postcode else 0.0))
        if f.region_source == "default" and address.country and address.country != f.region:
            # the address names the country: read unprefixed numbers with its plan
            card_region = address.country
            f = extract.fields(texts, region=card_region, default_region=card_region, boxes=boxes)
    addr_ids = {id(ln) for ln in addr_lines}
    rest = [ln for ln in cands if id(ln) not in addr_ids]
    rest = [ln for ln in rest if not re.fullmatch(r"[\W\d_]*", ln.rest)]
    rest = _split_name_title(rest)
    for ln in rest:
        # a title misread by a letter here and there (so read with little confidence), before
        # any line is weighed as one
        # (or one word read with little confidence: "Generali Manager", its other word sure)
        if ln.conf < MEND_BELOW_CONF or ln.least_conf < MEND_WORD_BELOW_CONF:
            ln.rest = _mended_title(ln.rest) or ln.rest
        else:
            # a look-alike letter group ("Awocato") is read with full confidence
            ln.rest = _mended_title(ln.rest, groups_only=True) or ln.rest
    # the reference height is the second tallest line: a huge logo should not make the name look small
    # (a word running up the card's edge is as tall as the line is long: no guide to letter size)
    # and a row of blurred print read as specks (words read with little confidence, their boxes
    # as tall as the blur) is no guide either: it made a name in 21-px letters look small
    measured = [ln for ln in rest if not ln.sideways]
    sure = [ln for ln in measured if ln.conf >= REFERENCE_CONF]
    hs = sorted((ln.height for ln in (sure or measured)), reverse=True)
    hmax = hs[1] if len(hs) > 1 and hs[0] > 1.6 * hs[1] else (hs[0] if hs else 0.0)
    domains = _domains(f)
    for ln in rest:
        ln.rest = _scraps_around_a_domain_name(ln.rest, domains)
    # (a personal profile's handle tells the name line as a mailbox does; the name is still
    # spelt only as the mailboxes spell it)
    name_evidence = locals_ + _profile_handles(f)
    feats = [_features(ln, hmax, domains, name_evidence) for ln in rest]

    # name: a line right above or below a job title is very likely the name
    def beside_title(k: int) -> float:
        for j in (k + 1, k - 1):
            if 0 <= j < len(feats) and feats[j].line.idx != feats[k].line.idx and _lines_apart(feats[j].line, feats[k].line, lines) == 1 \
                    and _title_score(feats[j]) >= MIN_TITLE_SCORE:
                return 1.2
        return 0.0

    name_scored = sorted(((_name_score(ft) + (beside_title(k) if _name_score(ft) > -5 else 0.0), k)
                          for k, ft in enumerate(feats)), reverse=True)
    name_k = None
    if name_scored and name_scored[0][0] >= MIN_NAME_SCORE:
        name_k = name_scored[0][1]
        if len(name_scored) > 1 and name_scored[1][0] >= MIN_NAME_SCORE and name_scored[0][0] - name_scored[1][0] < 0.5:
            warnings.append(f"two candidate names: {feats[name_k].line.rest} / {feats[name_scored[1][1]].line.rest}")
        fconf["name"] = _squash(name_scored[0][0] - MIN_NAME_SCORE + 1.0)
    else:
        name_k = _name_by_title(feats)
        if name_k is not None:
            fconf["name"] = 0.3
            warnings.append(f"name taken from its place above the title: {feats[name_k].line.rest}")
        else:
            warnings.append(NO_NAME)
    name = _name_of(feats[name_k], locals_) if name_k is not None else None

    # title: near the name when there is one
    def near_name(k: int) -> float:
        if name_k is None:
            return 0.0
        a, b = feats[k].line, feats[name_k].line
        if a.idx == b.idx:
            return 1.0
        d = _lines_apart(a, b, lines)
        return 1.0 if d == 1 else 0.4 if d == 2 else 0.0

    used = {name_k}
    title_scored = sorted(((_title_score(ft) + 0.8 * near_name(k), k) for k, ft in enumerate(feats) if k not in used), reverse=True)
    title = None
    title_k = None
    if title_scored and title_scored[0][0] >= MIN_TITLE_SCORE:
        title_k = title_scored[0][1]
        parts = [title_k]
        # a title printed over two lines ("Vice President," / "Sales & Marketing")
        for k2 in (title_k + 1,):
            if k2 < len(feats) and k2 not in used and feats[k2].line.idx == feats[title_k].line.idx + 1 \
                    and abs(feats[k2].line.height - feats[title_k].line.height) <= 0.2 * max(feats[title_k].line.height, 1) \
                    and _title_continues(feats[title_k], feats[k2]):
                parts.append(k2)
        title = " ".join(feats[k].line.rest for k in parts)
        title = _capital_i(_accents_put_back(_title_accents(_title_marks(re.sub(r"\s+", " ", title).strip(" ,;|-"))), f.region),
                           first_only=True)
        used.update(parts)
        fconf["title"] = _squash(title_scored[0][0] - MIN_TITLE_SCORE + 1.0)

    # company
    # the company often sits right above the name or right below the title, in the same block
    ident = [k for k in used if k is not None]

    def beside_identity(k: int) -> float:
        ft = feats[k]
        if ft.digits or len(ft.words) > 6 or _slogan(ft) or not ident:
            return 0.0
        ln = ft.line
        for j in ident:
            other = feats[j].line
            # the next line, or the next one once scraps of noise between them are set aside
            gap = max(ln.top - other.bottom, other.top - ln.bottom)
            adjacent = abs(other.idx - ln.idx) == 1 or (
                0 <= gap < 2.5 * max(other.height, ln.height, 1) and not _between(other, ln, feats))
            # lined up with it on the left, the right or the centre (cards set text all three ways)
            offset = min(abs(other.left - ln.left), abs(other.right - ln.right),
                         abs(other.left + other.right - ln.left - ln.right) / 2)
            if adjacent and offset < 4 * max(other.height, 1) + 40:
                return 1.5
        return 0.0

    org_scored = sorted(((_org_score(ft) + beside_identity(k) + _monogram_beside(ft.line, lines), k)
                         for k, ft in enumerate(feats) if k not in used), reverse=True)
    org = None
    org_best = None
    org_sure = False
    # the lines whose words name a trade, and which could be a company by their score
    trade = [(sc, k) for sc, k in org_scored if sc >= TRADE_LINE_SCORE and feats[k].org_words and not feats[k].title_strong]
    if org_scored and org_scored[0][0] >= MIN_ORG_SCORE:
        org_best = org_scored[0]
    elif org_scored and name_k is not None:
        # no line says "company" by its words, but a logo word does by its look: a short line in
        # capitals, as large as the name, in another column than the name's
        nm = feats[name_k].line
        logo = [(sc, k) for sc, k in org_scored if sc >= 0.3 and _logo_word(feats[k], nm)]
        if len(logo) == 1:
            org_best = logo[0]
    elif org_scored and name_k is None and title_k is None:
        # a card with no person on it ("Ironbridge Consulting" over its numbers): the one line
        # whose words name a trade is the company, though nothing else points at it
        if len(trade) == 1:
            org_best = trade[0]
    if org_best is None and org_scored and name_k is not None:
        # a person's card whose one line naming a trade stands apart from the name ("Atlas Coffee
        # Roasters" on a band of its own): the company, when no other line could be one
        if len(trade) == 1 and trade[0][0] >= TRADE_ORG_SCORE and not any(
                sc >= TRADE_LINE_SCORE for sc, k in org_scored if k != trade[0][1]):
            org_best = trade[0]
    site = None  # the name a personal site's domain spells, as printed: it mends the domain's misreads
    if org_best is not None and name_k is None and _personal_site(feats[org_best[1]], domains) \
            and (name := _name_of(feats[org_best[1]], locals_)) is not None:
        # the person's own site spells the line: the name, not a company's (no company printed)
        name_k, org_best = org_best[1], None
        fconf["name"] = 0.6
        warnings.remove(NO_NAME)
        used.add(name_k)
        site = feats[name_k].line.rest
        org_sure = feats[name_k].line.core_conf >= SURE_COMPANY_CONF
    # (mail and web domains read alike twice: two readings of a name against the company line's one)
    twice = _domains_read_twice(f)
    if org_best is not None:
        org_k = org_best[1]
        parts = [org_k]
        # a name set over two lines ("INTERGLOBE" / "FREIGHT", "Hansa Becker Global" / "Holding GmbH")
        for j in (org_k + 1, org_k - 1):
            if 0 <= j < len(feats) and j not in used and _org_continues(feats[org_k], feats[j], domains):
                parts.append(j)
                break
        parts.sort(key=lambda j: feats[j].line.top)
        beside = None if any(feats[j].legal for j in parts) else _legal_form_beside(feats, org_k, used | set(parts))
        if beside is not None:
            parts.append(beside)  # (after the name whatever its top: it stands on the name's row)
        # (and the marks no name begins or ends with: "_Iber Energía", ": Pinecrest Software ULC")
        org = _legal_punctuation(re.sub(r"\s+", " ", " ".join(feats[j].line.rest for j in parts)).strip(" ,;:_|-•·"))
        org = re.sub(r"(?<=[A-Z]{2})!$", "", org)  # "HARBOR INSURANCE!": a speck after capitals ("Yahoo!" stays)
        org = _l_where_the_domain_agrees(_without_lead_junk(_without_stroke_before(_legal_accents(
            _legal_form_completed(_legal_form_mended(_without_tail_junk(org)), f.region)), domains), domains), domains)
        org = _mended_org_words(_first_letters_from_domain(org, domains))
        org = _capital_i(_accents_put_back(_word_as_the_domain_spells_it(org, twice), f.region))
        used.update(parts)
        fconf["org"] = _squash(org_best[0] - MIN_ORG_SCORE + 1.0)
        org_sure = min(feats[j].line.core_conf for j in parts) >= SURE_COMPANY_CONF

    phones = tuple(Phone(number=p.number, type=p.type, ext=p.ext, printed=p.printed) for p in f.phones)
    if f.phones:
        fconf["phones"] = sum(p.evidence.conf for p in f.phones) / len(f.phones)
    # (mended to the same address as another: one field, as the parser's own list has)
    emails = tuple(dict.fromkeys(
        _domain_mended(_mailbox_near_name(_email_letters(_mailbox_with_what_precedes(e.value, _text_before(f, e), name),
                                                         feats[name_k].words if name_k is not None else []),
                                          name), org or site, name, org_sure=org_sure, read_twice=twice)
        for e in f.emails))
    if f.emails:
        fconf["emails"] = sum(e.evidence.conf for e in f.emails) / len(f.emails)
    urls = tuple(dict.fromkeys(_domain_mended(u.value, org or site, name, org_sure=org_sure, read_twice=twice)
                               for u in f.urls))
    emails, urls = _separators_put_back(_domain_of_the_site(_one_domain(emails, urls, org or site), urls), urls)
    if f.urls:
        fconf["urls"] = sum(u.evidence.conf for u in f.urls) / len(f.urls)
    socials = tuple(Social(service=s.service, url=s.url, handle=s.handle) for s in f.socials)
    if address is not None and not address.country and card_region:
        address = Address(address.text, address.street, address.city, address.region, address.postcode, card_region, address.pobox)
    if address is not None:
        # ("Republique", "Dusseldorf": the words of a street and a town, as the title's and the company's)
        address = replace(address, text=_accents_put_back(address.text, f.region),
                          street=_accents_put_back(address.street, f.region), city=_accents_put_back(address.city, f.region))
    if jp.name:
        name = Name(full=jp.name, given=jp.given, family=jp.family)
        fconf["name"] = 0.7
        if NO_NAME in warnings:
            warnings.remove(NO_NAME)
    if jp.title:
        title, fconf["title"] = jp.title, 0.8
    if jp.org:
        org, fconf["org"] = jp.org, 0.9
    if jp.address:
        address = Address(jp.address, *japanese.structured(jp.address), postcode=jp.postcode, country="JP")
        fconf["address"] = 0.8
    conf = sum(fconf.values()) / len(fconf) if fconf else 0.0
    try:
        mean_ocr = float(ocr.mean_conf)
    except Exception:  # noqa: BLE001
        mean_ocr = 0.0
    if mean_ocr:
        conf = 0.5 * conf + 0.5 * mean_ocr
    return Contact(name=name, title=title, org=org, emails=emails, phones=phones, urls=urls, socials=socials,
                   address=address, notes=tuple(f.notes), confidence=max(0.0, min(1.0, conf)),
                   field_confidence=tuple(fconf.items()), warnings=tuple(warnings))


def _name_by_title(feats: list[_Feat]) -> Optional[int]:
    """When no line reads as a name by its words ("VARUNESH", a name no list knows, printed alone):
    the line right above a plain job title, in its column and no smaller, that is a word or
    two of letters and nothing else (no role, trade, legal form, domain or digits)."""
    titles = [k for k, ft in enumerate(feats) if _title_score(ft) >= MIN_TITLE_SCORE + 0.5]
    if len(titles) != 1:
        return None
    t = feats[titles[0]].line
    above = [k for k, ft in enumerate(feats) if ft.line.bottom <= t.top + 0.3 * t.height
             and min(ft.line.right, t.right) - max(ft.line.left, t.left) > 0]
    if not above:
        return None
    k = max(above, key=lambda j: feats[j].line.bottom)
    ft = feats[k]
    ok = (1 <= len(ft.words) <= 2 and all(re.fullmatch(r"[^\W\d_][^\W\d_'’.-]*", w) for w in ft.words)
          and ft.words[0][:1].isupper() and not ft.title_hits and not ft.org_words and not ft.legal and ft.domain < 0.5
          and not _slogan(ft) and not _garbage(ft) and ft.line.conf >= 0.7 and ft.line.height >= t.height
          and t.top - ft.line.bottom < 2.0 * ft.line.height and not _between(ft.line, t, feats)
          and sum(c.isalpha() for c in ft.line.rest) >= 4)
    return k if ok else None


def _between(a: _Line, b: _Line, feats: list[_Feat]) -> bool:
    """Whether another line stands between a and b in their column (overlapping b sideways)."""
    lo, hi = min(a.bottom, b.bottom), max(a.top, b.top)
    return any(f.line is not a and f.line is not b and lo <= (f.line.top + f.line.bottom) / 2 <= hi
               and min(f.line.right, b.right) - max(f.line.left, b.left) > 0 for f in feats)


def _squash(x: float) -> float:
    """Map a score margin to 0-1."""
    return max(0.05, min(0.99, 1.0 - 0.5 ** max(0.0, x)))
