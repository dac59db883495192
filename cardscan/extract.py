"""Deterministic finders over OCR text lines: emails, phones, websites, social profiles, postcodes.

Each finder works on plain text lines and returns what it found together with
`Evidence` (which line, which character span, the raw text), so that
assemble.py can tell which parts of which lines are already explained and a
wrong guess can be traced back to the text that caused it.

Nothing here raises on odd input: OCR text is hostile (control characters,
stray icon glyphs, very long lines), and every finder treats it as data.
"""
from __future__ import annotations

import functools
import itertools
import json
import re
import string
import unicodedata
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Iterable, Iterator, Optional

import phonenumbers
from phonenumbers import PhoneNumberMatcher, PhoneNumberType, Leniency

# A card's numbers are checked against the numbering plans of every country they may be
# from (see infer_region): thousands of metadata patterns, far more than re's own cache
# holds, so without this every card compiled hundreds of them again.
if hasattr(phonenumbers, "enable_pattern_cache"):  # (older phonenumbers releases lack it)
    phonenumbers.enable_pattern_cache()

MAX_LINE = 400  # characters of one line that are looked at: a card line is never longer
MAX_LINES = 200  # lines of one card that are looked at


@dataclass(frozen=True)
class Evidence:
    line: int  # index into the cleaned lines
    span: tuple[int, int]  # character span in that line
    raw: str  # the text as read
    conf: float = 1.0  # 0-1, how sure the finder is


@dataclass(frozen=True)
class FoundPhone:
    number: str  # E.164
    type: str  # work | mobile | fax | other
    ext: Optional[str]
    printed: str
    typed_by: str  # "label", "plan" or "default": how the type was decided
    evidence: Evidence
    explicit_cc: bool = False  # printed with +CC / 00CC


@dataclass(frozen=True)
class Found:
    value: str
    evidence: Evidence


@dataclass(frozen=True)
class FoundSocial:
    service: str
    url: str
    handle: str
    evidence: Evidence


@dataclass(frozen=True)
class Fields:
    """Everything the finders saw on one card."""

    lines: tuple[str, ...]
    emails: tuple[Found, ...] = ()
    phones: tuple[FoundPhone, ...] = ()
    urls: tuple[Found, ...] = ()
    socials: tuple[FoundSocial, ...] = ()
    notes: tuple[str, ...] = ()
    region: str = "US"
    region_source: str = "default"
    # per line, the character spans already explained by a finder
    used: tuple[tuple[tuple[int, int], ...], ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- lexicons


@functools.lru_cache(maxsize=1)
def lexicon() -> dict:
    """The hand-kept word lists in data/lexicon.json, read once on first use."""
    try:
        text = resources.files("cardscan").joinpath("data/lexicon.json").read_text(encoding="utf-8")
        return json.loads(text)
    except (OSError, ValueError):  # a broken install degrades to no lexicon, never to a crash
        return {}


@functools.lru_cache(maxsize=1)
def _label_types() -> dict[str, str]:
    out: dict[str, str] = {}
    for kind, words in lexicon().get("phone_labels", {}).items():
        for w in words:
            out.setdefault(w.lower().rstrip(".:"), kind)
    # "Móv.", "Tèl": an accent the lists do not spell, or a stray one OCR added
    for w, kind in list(out.items()):
        out.setdefault(strip_accents(w), kind)
    return out


@functools.lru_cache(maxsize=1)
def _non_phone_re() -> re.Pattern:
    words = sorted({w.lower() for w in lexicon().get("non_phone_labels", [])}, key=len, reverse=True)
    # (a read puts spaces around a label's dots and hyphens, "St. -Nr.", "USt- IdNr", or loses
    # them, "PIVA", "UStIdNr")
    alt = "|".join(re.escape(w).replace(r"\-", r"\s?-?\s?").replace(r"\.", r"\.?\s?") for w in words) or "(?!x)x"
    return re.compile(r"(?<![\w])(?:" + alt + r")(?![\w])", re.I)


@functools.lru_cache(maxsize=1)
def locale_data() -> dict:
    """phonenumbers' table of country names (ISO code → {language: name}).

    Read from its own file, not by importing phonenumbers.geodata.locale: importing
    that module first runs the phonenumbers.geodata package, which loads the whole
    geocoding table (about 100 MB resident for the life of the process) that nothing
    here uses. The table is the same object either way."""
    import importlib.util
    import os

    path = os.path.join(os.path.dirname(phonenumbers.__file__), "geodata", "locale.py")
    try:
        # named as the module it is, so its relative import (phonenumbers.util) resolves;
        # not put in sys.modules, so a later import of the real module is not affected
        spec = importlib.util.spec_from_file_location("phonenumbers.geodata.locale", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.LOCALE_DATA
    except Exception:  # noqa: BLE001 - another layout (a zipped install): the plain import
        try:
            from phonenumbers.geodata.locale import LOCALE_DATA
        except ImportError:  # pragma: no cover - phonenumbers always ships it
            return {}
        return LOCALE_DATA


@functools.lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Country name (lower case, in the Latin-script languages cards here use) → ISO code.

    Built from phonenumbers' own locale table, so no extra data file is needed."""
    out: dict[str, str] = {}
    for code, names in locale_data().items():
        if len(code) != 2 or not isinstance(names, dict):
            continue
        for lang in ("en", "de", "fr", "es", "pt", "it", "nl", "id"):
            name = names.get(lang)
            seen = 0
            while isinstance(name, str) and name.startswith("*") and seen < 5:
                name = names.get(name[1:])
                seen += 1
            if isinstance(name, str) and name and not name.startswith("*"):
                out.setdefault(name.lower(), code.upper())
    for alias, code in lexicon().get("country_aliases", {}).items():
        out[alias.lower()] = code
    return out


@functools.lru_cache(maxsize=1)
def _country_re() -> re.Pattern:
    names = sorted(country_names(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names if len(n) >= 3 or "." in n) or "(?!x)x"
    return re.compile(r"(?<![\w.])(?:" + alt + r")(?![\w])", re.I)


@functools.lru_cache(maxsize=1)
def _city_index() -> dict[str, tuple[str, ...]]:
    # a name may belong to several countries (Kochi in India and Japan): keep them all
    out: dict[str, tuple[str, ...]] = {}
    for code, names in lexicon().get("cities", {}).items():
        for n in names:
            out[n.lower()] = out.get(n.lower(), ()) + (code,)
    for st in lexicon().get("in_states", []):
        out[st.lower()] = out.get(st.lower(), ()) + ("IN",)
    return out


def cities_in(text: str) -> list[str]:
    """Countries of the well-known cities (and Indian states) named in `text`."""
    idx = _city_index()
    words = [w.lower() for w in re.findall(r"[^\W\d_][\w'.-]*", text[:MAX_LINE])]
    out = []
    for n in (3, 2, 1):
        for i in range(len(words) - n + 1):
            for code in idx.get(" ".join(words[i:i + n]), ()):
                if code not in out:
                    out.append(code)
    return out


def find_country(text: str) -> Optional[tuple[str, tuple[int, int]]]:
    """The last country name printed in `text` (addresses end with it), as (ISO code, span)."""
    best = None
    for m in _country_re().finditer(text[:MAX_LINE]):
        word = m.group(0)
        # "US" / "UK" count only in capitals: "us" is an English word
        code = country_names().get(word.lower())
        if code:
            best = (code, m.span())
    return best


# ---------------------------------------------------------------- cleaning

_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


_LOWER_NAME_WORDS = frozenset({"la", "le", "les", "los", "las", "lo", "l'", "van", "von", "de", "der", "den", "da", "di", "du",
                               "del", "della", "dos", "das", "do", "ter", "ten", "y", "e", "bin", "al", "el", "zu"})


@functools.lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Words of the word lists (roles, trades, street types), which a repair must not change
    ("Daglig leder" is a Norwegian title, not "Ieder")."""
    lx = lexicon()
    keys = ("title_words", "title_strong", "title_connectors", "org_words", "street_types")
    words = {w.lower() for k in keys for w in lx.get(k, []) if isinstance(w, str)}
    # and the legal forms that are whole words ("Corpor ation", "Limi ted"), not abbreviations
    words |= {w.lower() for w in lx.get("legal_forms", []) if isinstance(w, str) and w.isalpha() and len(w) >= 5}
    return frozenset(words)


@functools.lru_cache(maxsize=None)
def _word_list(key: str) -> frozenset[str]:
    """One list of the lexicon, lower case."""
    return frozenset(w.lower() for w in lexicon().get(key, []) if isinstance(w, str))


_CONFUSED = {"i": "l", "l": "i", "1": "l", "y": "v", "Y": "V", "I": "l", "O": "D", "o": "d"}


def _legal_form_letters(text: str) -> str:
    """"Reynolds & Co. pic", "Terra Costruzioni Sri", "Copper Freight Pyt Ltd", "RIVERSIDE LTO",
    "Falcon Media plic": a legal form at the end of a line with an l read as i (or a v as y, a d as
    o), or a thin stroke read into it, put back; only a word that is no legal form and becomes one
    by those changes is changed."""
    words = text.split(" ")
    if len(words) < 2:
        return text
    forms = _word_list("legal_forms")
    for k in range(len(words) - 1, max(0, len(words) - 3), -1):
        w = words[k]
        if k < len(words) - 1 and words[-1].lower() not in forms and words[-1].rstrip(".,").lower() not in forms:
            break  # a word before the last is a legal form's first part only before another ("Pyt Ltd")
        core = w.rstrip(".,")
        if not 2 <= len(core) <= 4 or core.lower() in forms or w.lower() in forms:
            continue
        # "plic": a thin stray stroke read into it
        thin = [core[:i] + core[i + 1:] for i, c in enumerate(core) if c in "il"] if core.isalpha() else []
        thin = [t for t in thin if len(t) >= 3 and t.lower() in forms]
        if len(thin) == 1:
            words[k] = thin[0] + w[len(core):]
            continue
        spots = [i for i, c in enumerate(core) if c in _CONFUSED]
        if len(spots) != 1:
            continue
        i = spots[0]
        swapped = core[:i] + _CONFUSED[core[i]] + core[i + 1:]
        if swapped.lower() in forms or (swapped + ".").lower() in forms:
            words[k] = swapped + w[len(core):]
    return " ".join(words)


_DIGIT_LOOKALIKE = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "S": "5", "B": "8", "Z": "2"})
# Digits read for the letters of a Canadian postcode (which has no D, F, I, O, Q or U)
_LETTER_LOOKALIKE = str.maketrans({"6": "G", "5": "S", "8": "B", "2": "Z"})
# (a letter of it may be read with an accent or a speck over or under it, "VSV 2Ẹ5", "TóN 1JO";
# and the B of BC as an 8)
_CA_LETTER = r"[A-ZÀ-ÖØ-Ý\u1e00-\u1eff6582]"
_CA_DIGIT = r"[\dOoòóôõöIlSBZ]"
_CA_POSTCODE_MISREAD = re.compile(
    r"\b(AB|BC|8C|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)(,?\s+)([A-Z])" + f"({_CA_DIGIT})({_CA_LETTER})" + r"(\s?)"
    + f"({_CA_DIGIT})({_CA_LETTER})({_CA_DIGIT})" + r"(?!\w)")


def _ca_postcode_digits(m: re.Match) -> str:
    g = [strip_accents(x) for x in m.groups()]
    g[0] = "BC" if g[0] == "8C" else g[0]
    for k in (3, 6, 8):
        g[k] = g[k].translate(_DIGIT_LOOKALIKE)
    for k in (4, 7):  # the letters between digits
        g[k] = g[k].translate(_LETTER_LOOKALIKE)
    return "".join(g)


# the postcode areas of the United Kingdom: the letters a postcode starts with
_GB_AREAS = ("AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC "
             "EH EN EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV JE GY IM KA KT KW KY L LA LD LE LL LN LS LU M "
             "ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST "
             "SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE").split()
_GB_POSTCODE_MISREAD = re.compile(r"\b(" + "|".join(sorted(_GB_AREAS, key=len, reverse=True)) +
                                  r")([IlOSZB])([A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})\b")


def _gb_postcode_digit(m: re.Match) -> str:
    if (len(m.group(1)) == 1 and not m.group(3)) or m.group(0).startswith("BOX") \
            or re.fullmatch(POSTCODE_PATTERNS["GB"], m.group(0)):
        return m.group(0)  # "BS 1AB", "BOX 1AB": as likely a word, or a digit lost; "LS1 4AP" reads
    return f"{m.group(1)}{m.group(2).translate(_DIGIT_LOOKALIKE)}{m.group(3)} {m.group(4)}"


def repair_letters(text: str) -> str:
    """OCR's digit-for-letter and l-for-I slips inside words: "lronbridge" → "Ironbridge",
    "S.r.1." → "S.r.l.". Only patterns no real word has are changed."""
    # a capital I read as l before a consonant no word starts with after l
    text = re.sub(r"(?<![\w@./-])l(?=[bcdfghjkmnpqrstvwxz][a-z]{2,}(?:[\s,;]|$))", "I", text)
    text = re.sub(r"\b([Ss])\.([Rr])\.1\.", r"\1.\2.l.", text)
    # "Co,, Itd." → "Co., ltd.": the l of "ltd" read as I, the dot as a comma
    text = re.sub(r"\b([Cc][Oo]),,", r"\1.,", text)
    text = re.sub(r"(?<=[\s,.])Itd\b", "ltd", text)
    text = re.sub(r"(?<=[A-Za-z] )ple$", "plc", text)  # "Hu Law ple": c read as e at the end of a company
    text = _legal_form_letters(text)
    # a capital I read as l at the start of one word of a capitalised name ("Pooja lyer")
    words = text.split()
    if 2 <= len(words) <= 5 and all(w[:1].isupper() or w.startswith("l") or w.lower() in _LOWER_NAME_WORDS for w in words):
        text = " ".join("I" + w[1:] if re.fullmatch(r"l[a-z]{2,}[,.]?", w) and w.lower() not in _LOWER_NAME_WORDS
                        and w.lower().strip(",.") not in _known_words() else w for w in words)
    # "Rechts anwältin", "Projekt leiter": a space read inside a word the word lists know whole
    text = re.sub(r"(?<![\w@./-])([^\W\d_]{3,}) ([a-zß-ÿ][^\W\d_]{1,})(?![\w@.])",
                  lambda m: m.group(1) + m.group(2)
                  if (m.group(1) + m.group(2)).lower() in _known_words() and m.group(1).lower() not in _known_words()
                  else m.group(0), text)
    # "Ingénieur commercia!": a final l read as "!", where the word lists know the word with l
    text = re.sub(r"\b([^\W\d_]{3,})!(?=\s|$|[,;])",
                  lambda m: m.group(1) + "l" if (m.group(1) + "l").lower() in _known_words() else m.group(0), text)
    # "PO- 80x 7052": the B and o of a post-office box read as digits
    text = re.sub(r"\b(P\.?\s?O\.?)[-\s]+[8B][o0]x(?=\s*\d)", r"\1 Box", text)
    # "ViaRoma, 9": the space after a street word lost, on a line with a house number
    if re.search(r"\d", text):
        text = re.sub(r"(?<![\w-])([A-ZÀ-Ý][a-zà-ÿ]{2,})(?=[A-ZÀ-Ý][a-zà-ÿ]{2,}\b)",
                      lambda m: m.group(1) + " " if m.group(1).lower() in _word_list("street_types") else m.group(1), text)
    # "T010 87316719", "M+49 171...": a one-letter phone label with its space lost; the number
    # matcher needs the number to stand apart (no postcode has seven digits in a row: M5V 2T6).
    # Not O, nor a letter inside a number ("015 O6 42 76"): there it is a digit misread.
    text = re.sub(r"(?<![\w@./+-])(?<!\d )([TPMFCDEHW])(?=[+(]?\d[\d ().-]{6,}\d)", r"\1 ", text)
    # "QC H5T 7NO", "ON MIV 2J6": a Canadian postcode after its province, with letters read
    # where its shape (letter, digit, letter, digit, letter, digit) has digits
    text = _CA_POSTCODE_MISREAD.sub(_ca_postcode_digits, text)
    # "Brighton BNI 3JS", "London SWIA 1AA": the digit of a British postcode's first half read
    # as a letter, before a second half of the shape only British postcodes have
    text = _GB_POSTCODE_MISREAD.sub(_gb_postcode_digit, text)
    # German ß read as B, R, k, f, fs or & in "straße" / "Schloßplatz"
    text = re.sub(r"([Ss]tra)(?:[BRkf&]|kg|fs|f&|fß|)(e)\b", "\\1ß\\2", text)
    # ... or lost to a space, or read as an accented letter: "Wiener Stra e", "Praterstr aĝe"
    text = re.sub(r"([Ss]tr) ?a(?: [^\x00-\x7f]? ?| ?[^\x00-\x7f] ?)e(?=\s*[\d,]|\s*$)", "\\1aße", text)
    text = re.sub(r"([Ss]chlo|[Gg]ro|[Ff]u)(?:[BR&]|f&|fs)(?=[a-zäöü])", "\\1ß", text)
    # ... or read twice, as itself and as a B: "SchloßBplatz"
    text = re.sub(r"(?<=[a-zäöü])(?:ßB|Bß)(?=[a-zäöü])", "ß", text)
    # an umlaut's letter read twice, with its dots and without: "Muühlenweg" (no word has the two side by side)
    text = re.sub(r"([aouAOU])([äöüÄÖÜ])|([äöüÄÖÜ])([aouAOU])", _umlaut_read_twice, text)
    # "BN15WZ": a British postcode with the space between its halves lost
    text = _GB_POSTCODE_JOINED.sub(r"\1 \2", text)
    return text


_GB_POSTCODE_JOINED = re.compile(r"\b((?:" + "|".join(sorted(_GB_AREAS, key=len, reverse=True)) +
                                 r")\d[A-Z\d]?)(\d[ABD-HJLNP-UW-Z]{2})\b")


def _umlaut_read_twice(m: re.Match) -> str:
    plain, dotted = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    same = strip_accents(dotted) == plain
    return dotted if same else m.group(0)


def clean(text: str) -> str:
    """A line as the finders see it: NFC, no control or invisible characters, bounded length."""
    try:
        text = unicodedata.normalize("NFC", str(text)[: MAX_LINE * 2])
    except Exception:  # noqa: BLE001 - lone surrogates and the like: drop what cannot be normalised
        text = str(text)[: MAX_LINE * 2].encode("utf-8", "ignore").decode("utf-8", "ignore")
    text = _CTRL.sub(" ", text)
    text = text.encode("utf-8", "ignore").decode("utf-8", "ignore")  # lone surrogates
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    return text[:MAX_LINE]


# ---------------------------------------------------------------- OCR repairs for addresses on the web

_TLD_AFTER_SPACE = re.compile(
    r"(?<=[A-Za-z0-9-]{2})\s?\.\s(?=(?:com|net|org|info|biz|io|co|de|at|ch|it|fr|es|nl|be|br|uk|us|ca|au|in|sg|jp|eu|pt|swiss|me|tv|dev|app)\b)")


# Country domains whose sites sit under com., net., org. (acme.com.br)
_SECOND_LEVEL_CC = "br|au|mx|ar|tr|sg|cn|hk|my|ph|pk|ng|eg|sa|pe|uy|ve|ec|bo|py|tw|vn"
# ... and those under co., ac., or., ne. (acme.co.jp, acme.co.uk)
_CO_LEVEL = "co|ac|or|ne"
_CO_CC = "jp|uk|nz|za|kr|in|id|th|il"
# A country's second level and its code with the dot between them read as a space ("co jp")
_SPACED_SECOND_LEVEL = r"(?:(?:com|net|org) (?:" + _SECOND_LEVEL_CC + r")|(?:" + _CO_LEVEL + r") (?:" + _CO_CC + r"))"

# The @ of a mail address as read: itself, or the © or ® that small print makes of it, right
# after the mailbox (a © after a space is a phone or copyright sign).
_AT_READ = r"(?:@|(?<=[a-z0-9_])[®©])"

# Top-level domains believed after a space read for their dot, in a web address.
_SPACED_TLDS = "(?:com|net|org|swiss|de|at|ch|fr|es|it|nl|be|uk|ca|au|in|sg|jp|br|eu|io)"
# ... and right after a mail domain, where "us" is the TLD it is, not the English word.
_MAIL_SPACED_TLDS = _SPACED_TLDS[:-1] + "|us)"


# The words that label a mail address ("E-mail:", "Courriel:"); a lone "e" is one too, beside them.
_MAIL_LABELS = r"e-?mail|email|mail|courriel|correo"

_MAIL_LABEL_FREE_MAIL = re.compile(
    r"^(\W{0,3}(?:e|" + _MAIL_LABELS + r")\s?[:.]?\s?)([a-z0-9][a-z0-9._-]{0,40}?[a-z0-9])\s?"
    r"(gmail|yahoo|hotmail|outlook|icloud|protonmail|libero|wanadoo|rediffmail|btinternet|bigpond|optusnet|yandex|laposte)"
    r"(?:\s?[.,]\s?|\s)(com|net|de|fr|it|es|ru|ch|at|be|nl|ca|in|co\.uk|co\.jp|com\.br|com\.au|com\.mx|com\.ar)(?=\s*$|[\s|,;])",
    re.I)


_DOTLESS_DOMAIN = re.compile(
    r"(?P<name>[a-z0-9-]{3,}?)(?:(?P<second>com|net|org|gov|edu)(?P<cc>" + _SECOND_LEVEL_CC + r")"
    r"|(?P<co>" + _CO_LEVEL + r")(?P<cc2>" + _CO_CC + r")|(?P<tld>com|net|org|swiss)|(?P<country>[a-z]{2}))", re.I)

# a mail domain or a www host read with no dot at all, the address ending the line (a host after
# a scheme alone may have no dot: "http://intranet"; a space read before the @: "ruud @icloudcom")
_DOTLESS_ADDRESS = r"(?:(?<=[a-z0-9_.%+-][@®©])|(?<=[a-z0-9_.%+-] [@®©])|(?<=(?<![\w.])www\.))[a-z0-9-]{5,60}"

_EU_MEMBERS = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())


def _lost_domain_dot(m: re.Match, countries: frozenset[str] = frozenset()) -> str:
    """A mail domain or host read with no dot at all: its dots put back before the top-level
    domain it ends in ("acmecom" → acme.com, "acmecombr" → acme.com.br, "acmecouk" →
    acme.co.uk), or before one of `countries` ("acmeeu" → acme.eu on a French card: any two
    letters end some word, so a country's domain is believed only where the card is from)."""
    whole = _DOTLESS_DOMAIN.fullmatch(m.group(0))
    if whole is None:
        return m.group(0)
    if whole.group("second"):
        return f"{whole.group('name')}.{whole.group('second')}.{whole.group('cc')}"
    if whole.group("co"):
        return f"{whole.group('name')}.{whole.group('co')}.{whole.group('cc2')}"
    if whole.group("tld"):
        return f"{whole.group('name')}.{whole.group('tld')}"
    if whole.group("country").lower() in countries:
        return f"{whole.group('name')}.{whole.group('country')}"
    return m.group(0)


def _country_dots(lines: list[str], region: str) -> dict[int, str]:
    """The lines whose last word is an address with no dot ending in the card's own country
    domain (or .eu, in a member state), with that dot put back, by line index."""
    own = {"GB": "uk"}.get(region, region.lower())
    countries = frozenset({own, "eu"} if region in _EU_MEMBERS else {own})
    out = {}
    for i, line in enumerate(lines):
        new = re.sub(_DOTLESS_ADDRESS + r"(?=/?\s*$)", lambda m: _lost_domain_dot(m, countries), line, flags=re.I)
        if new != line:
            out[i] = new
    return out


_BARE_HOST_SPACED = re.compile(
    r"^\s*([a-z0-9][a-z0-9-]{2,40}) (?:(com|net|org|gov|edu)[ .](" + _SECOND_LEVEL_CC + r")|(" + _CO_LEVEL + r")[ .](" + _CO_CC
    + r"))\s*$")


# "E: kontaktégmail.com", "© officeðsterlingfoods.net": the @ of a line with none read as one
# letter outside ASCII (its ring as an æ, ð, é or €) between a mailbox and a domain, both
# written in ASCII, the domain ending in a dot and a top-level domain.
_AT_AS_LETTER = re.compile(r"(?<![\w.@/-])((?!www\.|https?\b)[a-z0-9][a-z0-9._-]{1,40}?)\s?([^\x00-\x7f])\s?"
                           r"([a-z0-9][a-z0-9-]{1,40}(?:\.[a-z0-9-]{1,20})*\.[a-z]{2,6})(?![\w.@-])", re.I)
# ... taken for the @ wherever it is no letter of a Western word ("Genève.ch" keeps its è), and
# the others only on a line that starts as a mail address's does (a label, an envelope icon).
_AT_LIKE_ANYWHERE = frozenset("æð€")


def _at_as_letter(m: re.Match, line: str) -> str:
    if m.group(2) in _AT_LIKE_ANYWHERE or re.match(_MAIL_LINE_START, line, flags=re.I):
        return f"{m.group(1)}®{m.group(3)}"  # read as the @'s other misreads are: an address less sure
    return m.group(0)


def _mail_label_before(line: str, end: int) -> bool:
    """Whether the word that opens `line` and ends at `end` is a mail label, as read: "Mail",
    "E-mail", "Email" or a letter off one ("Mait", "Mall", "Emai"), with its capital (a
    mailbox is in small letters: "mai.lin@")."""
    word = line[:end].strip()
    return bool(re.fullmatch(r"[A-Z][A-Za-z-]{3,6}", word)) and any(
        within_edits(word.lower(), label, 1) for label in ("mail", "email", "e-mail"))


def _capitals_after_small(host: str, label: str) -> bool:
    """Whether `label`, in capitals, follows a space after `host`, in small letters: a mark
    printed beside an address read as letters ("acme.com BR i"), not the domain's last label."""
    return label.isupper() and bool(re.search(r"[a-z]", host))


def _spaced_mailbox(line: str) -> str:
    """"E: katherine. ashwor th@acme.ca": on a mail line, the words of small letters between its
    label and the @ are one mailbox read with spaces in it, where a dot, underscore or hyphen
    stands at one of the spaces (a mailbox's own separator: "ashwor th" alone may be a word and
    a mailbox)."""
    m = re.match(r"^(?i:" + _MAIL_LINE_START[1:] + r")((?:[a-z0-9._-]+\s){1,3}[a-z0-9._-]+)(?=\s?[@®©])", line)
    if not m:
        return line
    pieces = m.group(1).split()
    if not any(a.endswith((".", "_", "-")) or b.startswith((".", "_", "-")) for a, b in zip(pieces, pieces[1:])):
        return line
    return line[:m.start(1)] + "".join(pieces) + line[m.end(1):]


def repair_links(line: str) -> str:
    """Undo what OCR does to web and mail addresses: "https: //", "https:/Awww", "www. acme",
    "acme.com. br", "jane. doe@", "sales @acme". Text without a web or mail marker is left alone."""
    # "granitesoftware co.uk", "sterlingmarketing com au": a line of nothing but a host whose
    # dots before its second level and its country were read as spaces (one word and a
    # domain's ending make no prose)
    line = _BARE_HOST_SPACED.sub(lambda m: ".".join(g.lower() for g in m.groups() if g), line)
    low = line.lower()
    if not ("www" in low or "http" in low or "@" in line or re.search(r"[a-z0-9][®©][a-z0-9]", low) or re.search(r"\.\s?(com|net|org|[a-z]{2})\b", low)
            or _MAIL_LABEL_FREE_MAIL.search(line) or "linkedin." in low):
        return line
    # "e: maiyahoo com", "e: hello gmail.com": after a mail label, the @ before a free-mail
    # provider's name lost or read as a space (and the dot after it maybe read as a space); the
    # provider's names are no words a mailbox ends in
    line = _MAIL_LABEL_FREE_MAIL.sub(lambda m: f"{m.group(1)}{m.group(2)}@{m.group(3)}.{m.group(4)}", line)
    if "@" not in line:
        line = _AT_AS_LETTER.sub(lambda m: _at_as_letter(m, line), line)
    out = re.sub(r"\bh[il]?ttps?\b", lambda m: "https" if m.group(0).endswith("s") else "http", line, flags=re.I)
    out = re.sub(r"\b(?:hup|htp|hltp|hitp)(s?)(?=\s?:\s?/)", r"http\1", out, flags=re.I)  # "hup://"
    # "m.costa(@gmx.de": the left of the @'s rim read as a bracket of its own
    out = re.sub(r"(?<=[A-Za-z0-9])[(\[{]@(?=[A-Za-z0-9])", "@", out)
    # "@® www.acme.at": a globe printed before a website, read as an @ (and a ®): no mailbox is
    # at a www host, so the marks are no @ to join the website to the word before them
    out = re.sub(r"(?:(?<=\s)|^)[@®©]+\s+(?=www\.|https?:)", "", out, flags=re.I)
    # ... or before a host alone on its line ("@© martinez.es": nothing before it to be a
    # mailbox; a © alone is as often an envelope, its mail address's @ lost: "© conaaeshimizu.com")
    out = re.sub(r"^\s*[®©]?@[@®©]?\s+(?=[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+/?\s*$)", "", out, flags=re.I)
    # "neumann®@acme.com", "cruz®æ®@acme.com": the @ read twice or three times, as ®, © or the
    # ring-and-hook æ (a mailbox is written in ASCII: an æ right before the @ is none of its letters)
    out = re.sub(r"@\s?[®©]\s?@|(?<=[A-Za-z0-9])\s?(?:[®©æ]\s?){1,3}@|@\s?[®©]\s?(?=[A-Za-z0-9])", "@", out)
    # "rpereiraą@", "@þblauwerk": the rim of the @ read as one more letter with a hook or an
    # accent (a Western accent before the @ is the mailbox's own letter: "josé@" is jose@);
    # "costaąa@": the rim read as the mailbox's last letter twice, once with a hook
    # (an eth or a thorn is no accent: "francescað@")
    out = re.sub(r"(?<=[a-z0-9])[\u0100-\u024fðþ](?=@)|(?<=@)[^\x00-\x7f](?=[a-z0-9])", "", out)
    out = re.sub(r"(?<=[a-z0-9])([\u0100-\u024f])([a-z])(?=@)",
                 lambda m: "" if strip_accents(m.group(1)) == m.group(2) else m.group(0), out)
    # "sullivan.þe": a b read as a thorn, an i as a dotless i, in an address (no domain has them)
    out = re.sub(r"\S*(?:@|www|://)\S*", lambda m: m.group(0).translate(_ADDRESS_LOOKALIKE), out)
    # "acme-com.br": the dot before a second level that a country's domains all sit under read
    # as a hyphen (no one registers "acme-com" under .br: the country's names are under com.br)
    out = re.sub(r"((?:@|www\.|://)[a-z0-9-]*[a-z0-9])-(com|net|org)(?=\.(?:" + _SECOND_LEVEL_CC + r")(?![\w.-]))",
                 r"\1.\2", out, flags=re.I)
    # "acme.bbe": the last label of an address, no top-level domain, with its first letter read
    # twice (a mark before it read as that letter); once, it is one (".llc" is one as it is)
    out = re.sub(r"(?<=[a-z0-9]\.)([a-z])\1([a-z]{1,2})(?![\w.-])",
                 lambda m: m.group(1) + m.group(2) if not _is_tld(m.group(0)) and m.group(0).lower() not in _RARE_TLDS
                 and _is_tld(m.group(1) + m.group(2))
                 and re.search(r"(?:@|www\.|://)[^\s]*$", out[:m.start()]) else m.group(0), out)
    out = re.sub(r"\b(https?)\s*[:;]?\s*/\s*[/A]?\s*(?=[\w])", r"\1://", out, flags=re.I)
    # "http:#www.", "http.//www.", "http:-//www.", "https. /www.": the scheme's colon and slashes
    # read as other marks, before a www
    out = re.sub(r"\b(https?)(?!://)[\s:;.,#/|-]{1,5}(?=www\.)", r"\1://", out, flags=re.I)
    out = re.sub(r"(?<![\w.])(?:A|/)?(?:vww|wvw|vvw|wwv|Awww|Vww)(?=\.)", "www", out)
    # "nhupsiwww.acme.com": a scheme read as letters and glued to the www ("https:" as
    # "nhupsi"); letters with an h and a p or t, as a scheme's, and no more than it has
    out = re.sub(r"(?<![\w./@-])(?=[a-z]*h)(?=[a-z]*[pt])[a-z]{3,7}(?=www\.[a-z0-9-]{2,}\.)", "", out)
    # "Ywww.acme.eu", "https://hwww.acme.sg": an icon or a stray mark read as a letter
    out = re.sub(r"(?:(?<![\w./@-])|(?<=://))[A-Za-z](?=www\.[a-z0-9-]{2,}\.)", "", out)
    # "nkedin.com/in/jane", "Iinkedln.com": LinkedIn with its first letters lost or misread
    out = re.sub(r"(?<![\w.])[a-z|!1]{0,2}nked[il1|]n(?=\.com\b)|(?<![\w.])ked[il1|]n(?=\.com/in/)", "linkedin", out, flags=re.I)
    # "linkedin.conyin/jane", "linkedin.corn/in/jane": the .com and the slash before in/ or
    # company/ misread (m as n or rn, a slash as y, l or a bar)
    out = re.sub(r"(?<![\w.])linkedin\s?[.,]\s?(?:c[o0](?:m|n|rn)|cam)\s?[/|yl1I!]\s?(in|company)\s?/", r"linkedin.com/\1/",
                 out, flags=re.I)
    # "http://aww.acme.io": the first w read as a (only before a host with a top-level domain)
    out = re.sub(r"(?<=://)(?:aww|avw|wwww)(?=\.[a-z0-9-]{2,}\.[a-z]{2,})", "www", out, flags=re.I)
    # "ww.nuova-immobiliare.it": a w of the www lost (no site's host starts "ww.")
    out = re.sub(r"(?:(?<![\w.@/])|(?<=://))ww(?=\.[a-z0-9-]{3,}\.[a-z]{2,})", "www", out, flags=re.I)
    # "wwww.xinli.sg", "WwWwW.acme.nl": a fourth w or more, letters' edges read twice, with no
    # scheme before them either
    out = re.sub(r"(?<![\w.@/])w{4,}(\.[a-z0-9-]{2,}\.[a-z]{2,})", lambda m: "www" + m.group(1).lower(), out, flags=re.I)
    out = re.sub(r"://A?www", "://www", out)
    out = re.sub(r"(?<![\w.])(www)\s?[.,]\s(?=[a-z0-9])", r"\1.", out, flags=re.I)
    out = re.sub(r"(?<![\w.])(www)(?=[a-z0-9-]{3,}\.[a-z]{2,})", r"\1.", out, flags=re.I)
    # "wrwuacme.com.br", "wvwuacme.com": the w's of a www whose dot was lost read as
    # r, u or v (two w's at least, so no name that starts with a w is taken for it)
    out = re.sub(r"(?<![\w.@])(?=[wvru]*w[wvru]*w)[wvru]{4,5}(?=[a-z0-9-]{3,}\.[a-z]{2,}\b)(?![^\s@]*@)",
                 "www.", out, flags=re.I)
    # "www acme ch": both dots of a small-print web address read as spaces; "www acme co jp",
    # all three of one under a country's second level
    out = re.sub(r"(?<![\w.])(www) (?=[a-z0-9-]{3,40}[ .](?:" + _SPACED_TLDS + r"|" + _SPACED_SECOND_LEVEL + r")\b)",
                 r"\1.", out, flags=re.I)
    out = re.sub(r"((?://|(?<![\w.])www\.)[a-z0-9-]{3,40}) (" + _SPACED_SECOND_LEVEL + r")\b",
                 lambda m: f"{m.group(1)}.{m.group(2).replace(' ', '.')}", out, flags=re.I)
    # "//acme swiss" / "www.acme com" / "www.acme.blogspot com.br": the dot before the
    # top-level domain lost
    # (a label in capitals after a host in small letters is no part of it: "acme.com BR i",
    # a mark printed beside the address read as letters)
    out = re.sub(r"((?://|www\.)[a-z0-9-]{3,40}(?:\.[a-z0-9-]{2,40}){0,2}) (" + _SPACED_TLDS + r"\b)",
                 lambda m: m.group(0) if _capitals_after_small(m.group(1), m.group(2))
                 else f"{m.group(1)}.{m.group(2)}", out, flags=re.I)
    # "haruka @ acme net", "jo@ acme com": spaces read beside the @ (joined here so that the
    # mends of the domain below see it as an address's)
    # (only before what ends as a domain: a dot in it, or a top-level domain after a space)
    # (not before a social handle, whose last label is a word: "Financial Advisor @aiko.watanabe")
    out = re.sub(r"(?<=[A-Za-z0-9._-]{2})(?:\s@\s?|@\s)(?=[a-z0-9][a-z0-9-]{2,40}(?:\s?\.\s?[a-z0-9]|(?:\s[a-z0-9-]{2,40})?\s"
                 + _SPACED_TLDS + r"(?:\s*$|[\s|,;)])))",
                 lambda m: m.group(0) if _handle_after(out, m.end()) else "@", out, flags=re.I)
    # "jo@acme ch": the dot of a mail domain read as a space (the domain had no dot, so it was
    # no address as read); below, "jo@au tohaus.at", "www.au tohaus.at": a space read into
    # the first label of a domain (which, read alone, was no domain either)
    out = re.sub(r"(" + _AT_READ + r"[a-z0-9-]{3,40}) (" + _MAIL_SPACED_TLDS + r")(?=$|[\s|,;)])", r"\1.\2", out, flags=re.I)
    # "jo@acme-ch": ... or as a hyphen, when the domain has no dot at all and nothing follows
    # it but the line's end or a separator ("office@riverside-de gn.com" is a domain cut in two)
    out = re.sub(r"(@[a-z0-9-]{3,40}[a-z0-9])-(" + _SPACED_TLDS + r")(?=\s*$|\s*[|,;)])", r"\1.\2", out, flags=re.I)
    # "jo@acme.co,jp", "jo@acme:net": the dot before the last label of a mail domain read as
    # a comma or a colon
    out = re.sub(r"(" + _AT_READ + r"[a-z0-9][a-z0-9.-]*[a-z0-9])[,:;](?=[a-z]{2,6}(?:$|[\s|;)]))", r"\1.", out, flags=re.I)
    # "www.acme:de", "Web: acme-bau:co.at": the same in a web address, after a www or a web
    # label, before a known ending (a colon between words is otherwise a label's)
    out = re.sub(r"((?:(?<![\w.])www\.|^\W{0,3}(?:web|website|w|site|url|internet)\s?[:.]\s?)[a-z0-9][a-z0-9.-]{2,40}[a-z0-9])[,:;]"
                 r"(?=(?:(?:com|net|org|co|ac|or)\.[a-z]{2}|" + _SPACED_TLDS + r")/?(?:$|[\s|;)]))",
                 r"\1.", out, flags=re.I)
    # "jo@uol.com, br", "www.acme.com,au": the dot before the country of a second-level domain
    # read as a comma (and a space), at the end of the address (the country alone is no word)
    out = re.sub(r"((?:" + _AT_READ + r"|(?<![\w.])www\.|://)[a-z0-9][a-z0-9.-]*\.(?:(?:com|net|org|gov|edu)[,;] ?(?="
                 + r"(?:" + _SECOND_LEVEL_CC + r")\b)|(?:" + _CO_LEVEL + r")[,;] ?(?=(?:" + _CO_CC + r")\b)))"
                 r"(?=[a-z]{2}/?\s*(?:$|[|;)]))",
                 lambda m: re.sub(r"[,;] ?$", ".", m.group(1)), out, flags=re.I)
    # "jo@acme,.eu", "jo@acme.,eu": a stray comma or colon read beside the dot before the last label
    out = re.sub(r"(" + _AT_READ + r"[a-z0-9][a-z0-9.-]*[a-z0-9])(?:[,:;]\.|\.[,:;])(?=[a-z]{2,6}(?:$|[\s|;)]))", r"\1.", out, flags=re.I)
    # "jo@acme wid ch": a space read into the domain and its last dot read as one, at the end of
    # the address (neither piece was a domain as read)
    out = re.sub(r"(" + _AT_READ + r"[a-z0-9-]{2,40}) (?!(?:" + _CO_LEVEL + r"|com|net|org|gov|edu) )([a-z0-9-]{2,40}) (" + _SPACED_TLDS + r")(?=\s*(?:$|[|,;)]))",
                 r"\1\2.\3", out, flags=re.I)
    # "jo@acme cojp": ... and the first read as a space (joined here, put back below)
    out = re.sub(r"((?:" + _AT_READ + r"|(?<![\w.])www\.)[a-z0-9-]{3,40}) (" + _SPACED_SECOND_LEVEL.replace(" ", "")
                 + r")(?=/?\s*(?:$|[|,;)]))", r"\1\2", out, flags=re.I)
    # "jo@acmecom", "www.acmecombr": the only dots of a mail domain or a www host lost
    out = re.sub(_DOTLESS_ADDRESS + r"(?=/?\s*(?:$|[|,;)]))", _lost_domain_dot, out, flags=re.I)
    # "ravi.pate] @acme": the last l of a mailbox read as a bracket or a bar; "campbe!l@": an l
    # inside it read as a bar or an exclamation mark (no mailbox has one between letters)
    out = re.sub(r"(?<=[a-z0-9])[\]|!](?=\s?@)", "l", out)
    # "katharina@!libero.it": a speck read as a bar or an exclamation mark right after the @ (no
    # domain starts with one)
    out = re.sub(r"(?<=[a-z0-9_.-]@)[!|](?=[a-z0-9][a-z0-9-]*\.[a-z])", "", out, flags=re.I)
    out = re.sub(r"(?<=[a-z])[|!](?=[a-z][A-Za-z0-9._%+-]*@)", "l", out)
    out = _TLD_AFTER_SPACE.sub(".", out)
    out = re.sub(r"((?:@|(?<![\w.])www\.)[a-z0-9-]{3,40}) ((?:co|com|net|org|ac|or|ne|gov|edu)\.[a-z]{2}\b)", r"\1.\2",
                 out, flags=re.I)  # "jo@acme co.uk": the dot before a country's second level
    out = re.sub(r"((?:" + _AT_READ + r"|(?<![\w.])www\.)[a-z0-9-]{1,20}) (?=[a-z0-9-]{2,40}\.[a-z]{2,}\b)", r"\1", out, flags=re.I)
    # "www.acme .it", "jane@acme .ca": the space before the top-level domain, in an address
    out = re.sub(r"((?:www\.|://|@)[a-z0-9-]{3,40}(?:\.[a-z0-9-]+)*) \.(?=[a-z]{2,6}\b)", r"\1.", out, flags=re.I)
    # both dots of a second-level and country domain read as spaces, in an address that has
    # an @ or a dot before them: "jo@terra com br", "acme. com br" → terra.com.br, acme.com.br
    out = re.sub(r"(" + _AT_READ + r"[a-z0-9-]{2,40}\s?[.\s]|[a-z0-9-]{3,40}\s?\.)\s?(com|net|org|gov|edu) (" + _SECOND_LEVEL_CC + r")\b",
                 lambda m: m.group(0) if _capitals_after_small(m.group(2), m.group(3))
                 else re.sub(r"[\s.]+$", "", m.group(1)) + f".{m.group(2)}.{m.group(3)}", out, flags=re.I)
    # "jo@acme.co jp", "www.acme.ac uk": the dot between a second level that countries use
    # (co, ac, or, ne) and the country read as a space, at the end of the address ("co in the" is prose)
    out = re.sub(r"((?:@|www\.|://)[a-z0-9-]{2,40}(?:\.[a-z0-9-]{2,40})*\.(?:" + _CO_LEVEL + r")) (" + _CO_CC + r")(?=\s*(?:$|[|,;/)]))",
                 r"\1.\2", out, flags=re.I)
    # ... and both of them: "jo@acme co jp"
    out = re.sub(r"(" + _AT_READ + r"[a-z0-9-]{2,40}) (" + _CO_LEVEL + r") (" + _CO_CC + r")(?=\s*(?:$|[|,;/)]))",
                 r"\1.\2.\3", out, flags=re.I)
    # "jo@acme.o.jp": the c of a second level "co" lost (no country has a second level "o")
    out = re.sub(r"((?:@|www\.|://)[a-z0-9-]{2,40})\.o\.(" + _CO_CC + r")\b", r"\1.co.\2", out, flags=re.I)
    # "acme-legaLcom.au": an l and the dot after it read as one capital L, in an address
    # written in small letters, before a top-level domain
    out = re.sub(r"((?:@|www\.|://)[a-z0-9-]{1,40}[a-z])L(com|net|org|edu|gov)(?=\.[a-z]{2}\b|\b)",
                 r"\1l.\2", out)
    # a dropped dot between second-level and country domains: "acme.combr" → "acme.com.br"
    out = re.sub(r"(?<=[a-z0-9]\.)(com|net|org|gov|edu)(" + _SECOND_LEVEL_CC + r"|co)\b",
                 r"\1.\2", out, flags=re.I)
    # "jo@acme comau", "www.acme combr": the dot before the second level read as a space and
    # the one after it lost, in an address
    out = re.sub(r"((?:" + _AT_READ + r"|www\.|://)[a-z0-9-]{2,40}) (com|net|org|gov|edu)(" + _SECOND_LEVEL_CC + r")\b",
                 r"\1.\2.\3", out, flags=re.I)
    # ... and "acme.cojp", "acme.coJp" → "acme.co.jp" (a j read as a capital J)
    out = re.sub(r"(?<=[a-z0-9]\.)(" + _CO_LEVEL + r")(" + _CO_CC + r")\b",
                 lambda m: f"{m.group(1).lower()}.{m.group(2).lower()}", out, flags=re.I)
    # "jane. doe@acme.com", "jane. .doe@": a space after a dot inside the local part (and the
    # dot read twice)
    # (not after the line's mail label, its colon read as a dot: "Mait. megan.oconnell@"; nor
    # after a letter alone opening the line before a capital, "e. Ibanerjee@": a label too)
    out = re.sub(r"(?<=[A-Za-z0-9])\.\s\.?(?=[A-Za-z0-9._%+-]+\s?@|[A-Za-z0-9._%+-]+[®©][a-z0-9])",
                 lambda m: m.group(0) if _mail_label_before(out, m.start()) or (
                     re.fullmatch(r"\W{0,3}[A-Za-z]", out[:m.start()]) and out[m.end():m.end() + 1].isupper()) else ".", out)
    # "deepika .mehta @": ... or before it
    out = re.sub(r"(?<=[A-Za-z0-9])\s\.(?=[A-Za-z0-9][A-Za-z0-9._%+-]*\s?@|[A-Za-z0-9][A-Za-z0-9._%+-]*[®©][a-z0-9])", ".", out)
    # "jonas _klein@" / "jonas_ klein@": a space next to an underscore (and "lucia __gomez@": the
    # underscore read twice, which no mailbox between two words has)
    out = re.sub(r"(?<=[A-Za-z0-9])\s_{1,2}\s?(?=[A-Za-z0-9._%+-]+\s?@)|(?<=[A-Za-z0-9])_{1,2}\s(?=[A-Za-z0-9._%+-]+\s?@)",
                 "_", out)
    # "wWguo@": the first letter of a mailbox read twice, once as a capital
    out = re.sub(r"(?<![\w.@%+-])([a-z])([A-Z])(?=[a-z0-9._%+-]*@)",
                 lambda m: m.group(1) if m.group(2) == m.group(1).upper() else m.group(0), out)
    out = _spaced_mailbox(out)
    # "|.i\yer@": a backslash between two letters of a mailbox is a speck read as one (no
    # address holds one)
    out = re.sub(r"(?<=[a-z])\\(?=[a-z][A-Za-z0-9._%+-]*@)", "", out)
    # "m jaber@": an initial whose dot OCR lost (the @ maybe read as ® or ©); an "e" opening
    # the line is the mail label whose colon was lost ("e leal@")
    out = re.sub(r"(?<![\w.@:])([a-z])\s(?=[a-z][A-Za-z0-9._%+-]+\s?[@®©])",
                 lambda m: m.group(0) if m.group(1) == "e" and not re.search(r"\w", m.string[:m.start()]) else m.group(1) + ".",
                 out)
    # damaged endings of a host: "acme.n!" → "acme.nl", "acme/.nl" → "acme.nl", "www,acme" → "www.acme"
    out = re.sub(r"(?<=[a-z0-9]\.)([a-z])[!\]|]{1,2}(?=$|[\s/])", r"\1l", out)
    out = re.sub(r"(?<=[a-z0-9])/\.(?=[a-z]{2,3}\b)", ".", out)
    out = re.sub(r"(?<![\w.])(www),(?=[a-z0-9])", r"\1.", out, flags=re.I)
    # "www-.acme" (a stray mark before the dot), "www.|umen" / "://|umen" (an l read as a bar)
    out = re.sub(r"(?<![\w.])(www)[-_~'`]\.(?=[a-z0-9])", r"\1.", out, flags=re.I)
    out = re.sub(r"(?<=www\.)[|!](?=[a-z0-9])|(?<=://)[|!](?=[a-z0-9])", "l", out, flags=re.I)
    out = _SCHEME_MISREAD.sub(_scheme_mended, out)
    # "www.acme.com /": the slash that ends a website, a space read before it, at the line's end
    out = re.sub(r"((?:https?://|(?<![\w.])www\.)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})\s/(?=\s*$)", r"\1/", out, flags=re.I)
    return out


# A scheme read letter by letter as others ("htips", "httos", "hups", "nttpo", "hħttps") and its
# colon and slashes as other marks or lost ("htips #www.", "https -//", "https:Žacme.com", "hup
# /J/www.", "https:/www." where a v read for the first w took a slash with it), before a www or
# a host: letters no more than SCHEME_EDITS off http or https (an n for its h: the two are
# alike), in small letters, opening the line or after a label's mark; its marks hold a colon, a
# slash or a mark read for one, unless a www follows. An s among the letters is https.
_SCHEME_MISREAD = re.compile(
    r"(?:(?<=[\s:;|©®(])|^)(?P<letters>[a-zħ][a-zħüíı]{1,5})"
    r"(?:(?P<marks>[\s:;.,/\\|#-]{0,4}[:/\\#|][\s:;.,/\\|#-]{0,3}(?:[AJXŽ4][\s/\\|#]{0,2})?|[\s:;.,/\\|#-]{0,4}[AJXŽ4][\s/\\|#]{0,2})"
    r"(?=[a-z0-9][a-z0-9-]*\.[a-z]{2,}(?![\w.-]*@))|\s?(?=www\.))")
SCHEME_EDITS = 2


def _scheme_mended(m: re.Match) -> str:
    """The scheme a match of _SCHEME_MISREAD was read for, with its colon and slashes, or the
    match as read where its letters are no scheme's."""
    letters = m.group("letters").translate(str.maketrans("ħüíı", "huii"))
    if letters[0] == "n":
        letters = "h" + letters[1:]
    # (a scheme read without its t's has its slashes after it, or a mark read for them: "hup
    # /J/www.", "hapJwww.", not "help: www.")
    if letters[0] != "h" or len(letters) < 3 or ("t" not in letters and not re.search(r"[/\\|#AJXŽ4]", m.group("marks") or "")) or not (
            within_edits(letters, "http", SCHEME_EDITS) or within_edits(letters, "https", SCHEME_EDITS)):
        return m.group(0)
    return "https://" if "s" in letters else "http://"


# ---------------------------------------------------------------- emails

_AT = r"(?:@|\(a\)|\(at\)|\[at\]|©|®|\s@\s)"
_EMAIL_RE = re.compile(
    r"(?P<local>[A-Za-z0-9À-ÿĀ-ž._%+'-]+?)\s*" + _AT + r"\s*"
    r"(?P<domain>[^\W_][\w-]*(?:\s?\.\s?[^\W_][\w-]*)*\s?\.\s?[A-Za-z]{2,24})(?![\w@-])",
)
# "E:jane@" is a label glued to the address; "e.gomes@" is an address (a one-letter label takes a colon)
_EMAIL_LABEL = re.compile(r"^(?:(?:" + _MAIL_LABELS + r")[:.]|e:)(?=[A-Za-z0-9])", re.I)


def _validate_email(addr: str) -> Optional[str]:
    try:
        from email_validator import EmailNotValidError, validate_email
    except ImportError:  # pragma: no cover
        return addr if re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", addr) else None
    try:
        validate_email(addr, check_deliverability=False)
    except (EmailNotValidError, ValueError, UnicodeError, TypeError):
        return None
    except Exception:  # noqa: BLE001 - a validator bug on hostile text must not stop the card
        return None
    return addr


def _is_given_name(word: str) -> bool:
    """Whether a word of a mailbox is a given name, spelt with or without its accents (a
    mailbox has none: "gaelle" is Gaëlle)."""
    return word.lower() in _given_names_ascii()


@functools.lru_cache(maxsize=1)
def _given_names_ascii() -> frozenset[str]:
    from cardscan.assemble import given_names  # the name lists live with the code that weighs names

    names = given_names()
    return names | {strip_accents(n) for n in names}


_ADDRESS_LOOKALIKE = str.maketrans({"þ": "b", "Þ": "b", "ı": "i"})
_LOOKALIKE = str.maketrans({"þ": "b", "ð": "d", "ł": "l", "ø": "o", "ı": "i", "Þ": "b", "Ł": "L", "Ø": "O",
                            "đ": "d", "ħ": "h", "ŧ": "t", "Đ": "D", "Ħ": "H", "Ŧ": "T"})


# mailboxes of a role rather than a person, common enough on cards to know by heart
_ROLE_MAILBOXES = frozenset({
    "info", "office", "contact", "kontakt", "contato", "contacto", "contatto", "hello", "hallo", "sales", "mail",
    "admin", "support", "service", "enquiries", "inquiries", "team", "welcome", "reception", "booking", "bookings",
    "vendas", "ventas", "vertrieb", "verkauf", "buero", "bureau", "accounts", "billing", "press", "jobs", "careers"})
# letters OCR reads for one another in a mailbox: i/l/1, o/0, and f/t and c/e in small print
CONFUSABLE = {"l": "i1", "i": "l", "1": "l", "0": "o", "o": "0", "I": "l", "t": "f", "f": "t", "c": "e", "e": "c"}
_SHAPES = str.maketrans("i1|0fc", "lllote")
# thin strokes OCR reads into a word from nothing (a serif, a speck): "salies" for sales
_STRAY = "il1.'"
# thin letters small print loses: "offce", "saes", "konakt"
THIN_LETTERS = "iltfjr"


def _role_mailbox(local: str) -> str:
    """"offlce", "inf0", "into", "salies": a role's mailbox with one letter read as its
    look-alike, or with a thin stray stroke read into it."""
    low = local.lower()
    if low in _ROLE_MAILBOXES or not 4 <= len(low) <= 11:
        return local
    for i, c in enumerate(local):
        for alt in CONFUSABLE.get(c, ""):
            if (low[:i] + alt + low[i + 1:]) in _ROLE_MAILBOXES:
                return low[:i] + alt + low[i + 1:]
    for i, c in enumerate(low):
        shorter = low[:i] + low[i + 1:]
        if c in _STRAY and len(shorter) >= 5 and shorter in _ROLE_MAILBOXES:
            return shorter
    # "hnello", "infto": a letter read into the middle of a role's mailbox (not at its end,
    # where "infos", "contacts" are mailboxes of their own)
    inside = {low[:i] + low[i + 1:] for i in range(1, len(low) - 1)} & _ROLE_MAILBOXES
    if len(inside) == 1:
        return inside.pop()
    # "hellog", "contatog": a letter read into its end, the foot of the @ beside it (not an s:
    # "infos", "contacts" are mailboxes of their own; not after a short one: "infor")
    if len(low) >= 6 and low[-1] != "s" and low[:-1] in _ROLE_MAILBOXES:
        return low[:-1]
    # "helo", "ofice": a doubled letter read once
    longer = {low[:i + 1] + low[i:] for i in range(len(low))} & _ROLE_MAILBOXES
    if len(longer) == 1:
        return longer.pop()
    # "offce", "saes", "konakt": a thin letter lost from the middle of a role's mailbox, or
    # from the end of a long one ("kontak", "suppor"; "sale" is a word of its own)
    ends = len(low) + 1 if len(low) >= 5 else len(low)
    lost = {low[:i] + c + low[i:] for i in range(1, ends) for c in THIN_LETTERS} & _ROLE_MAILBOXES
    if len(lost) == 1:
        return lost.pop()
    # "oflice": one thin letter read as another (not in a short mailbox: Mair is a name)
    if len(low) >= 5:
        thin = {low[:i] + c + low[i + 1:] for i, t in enumerate(low) if t in THIN_LETTERS
                for c in THIN_LETTERS if c != t} & _ROLE_MAILBOXES
        if len(thin) == 1:
            return thin.pop()
    # "heiio", "0fflce": several letters read as their look-alikes
    alike = [r for r in _ROLE_MAILBOXES if len(r) == len(low) and shape(r) == shape(low)]
    if len(alike) == 1:
        return alike[0]
    # "contat", "suport": any letter lost inside a role's mailbox of six letters or more, not
    # only a thin one as above (but not at its end: "contat" is no "contato")
    if len(low) >= 5:
        inside = {low[:i] + c + low[i:] for i in range(1, len(low)) for c in string.ascii_lowercase} & _ROLE_MAILBOXES
        if len(inside) == 1:
            return inside.pop()
    return local


def shape(word: str) -> str:
    """The word with each group of look-alike letters (CONFUSABLE) written as one letter."""
    return word.lower().translate(_SHAPES)


def strip_accents(text: str) -> str:
    """The text without its accents, letter case kept ("Álvaro" → Alvaro)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _ascii_lookalike(text: str) -> str:
    """"þenoitm", "josé": a mailbox printed in ASCII letters that the Latin-script model read
    with an accent or as a look-alike letter (mailboxes in other scripts are left alone)."""
    if text.isascii():
        return text
    folded = strip_accents(text.translate(_LOOKALIKE))
    return folded if folded.isascii() else text


# A mail domain's last label this long that is no top-level domain is a word: the address is
# a social handle.
HANDLE_LABEL = 5


def _handle_after(line: str, start: int) -> bool:
    """Whether what follows an @ at `start` of `line` is a social handle ("@aiko.watanabe"): a
    dotted name whose last label is a word of HANDLE_LABEL letters or more that is no top-level
    domain (a shorter one may be a top-level domain misread, "acme.con", mended later)."""
    m = re.match(r"\s*[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.([a-z]+)\b", line[start:], re.I)
    return bool(m) and len(m.group(1)) >= HANDLE_LABEL and not _is_tld(m.group(1).lower())


def find_emails(lines: Iterable[str]) -> list[Found]:
    """Email addresses, repairing what OCR does to them (spaces, © for @, icon glyphs, punctuation)."""
    out: list[Found] = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if "@" not in line and "©" not in line and "®" not in line and "(a" not in line and "[at" not in line:
            continue
        for m in _EMAIL_RE.finditer(line):
            local, domain = m.group("local"), m.group("domain")
            # "|.fernandez@": an initial l read as a bar, which no mailbox has
            if local.startswith(".") and line[max(0, m.start("local") - 1): m.start("local")] in ("|", "!"):
                local = "l" + local
            # a label or an icon glyph glued to the address ("E:jane@", "ajane@" from an @ icon is left alone)
            local = _EMAIL_LABEL.sub("", local) if len(local) > 6 else local
            local = _role_mailbox(_ascii_lookalike(local.strip("._-'")))
            # "E.office@": a label's letter glued to a role's mailbox (no initial goes before one)
            m_role = re.fullmatch(r"[A-Za-z][._-]([a-z]+)", local)
            if m_role and m_role.group(1) in _ROLE_MAILBOXES:
                local = m_role.group(1)
            # (a domain may have umlauts of its own, müller-bau.de; none has a thorn)
            domain = re.sub(r"\s", "", domain).strip(".-").translate(_LOOKALIKE)
            # "abigail lockhart@": a given name right before the address, its separator read as a
            # space; a dot, the commonest one and the one OCR loses (an underscore's long stroke
            # is mostly read as one)
            # ("E-mai polarfrio@": what is left of a label is no name)
            before = re.search(r"(?<![\w.@:-])([a-z]{2,20})\s$", line[:m.start("local")])
            if before and _is_given_name(before.group(1)) and before.group(1) not in ("mail", "email", "contact", "e"):
                # ("yuki _shimizu@": the underscore itself was read, the space beside it is OCR's)
                sep = "_" if m.group("local").startswith("_") else "."
                local = f"{before.group(1)}{sep}{local}"
            if not local or not domain:
                continue
            # the marker for @ other than @ itself only counts when the result looks like an address
            marker = line[m.start("local") + len(m.group("local")): m.start("domain")].strip()
            if marker != "@" and "." not in domain:
                continue
            if _handle_after(line, m.start("domain")):
                continue
            addr = f"{local}@{domain}"
            ok = _validate_email(addr)
            if not ok or ok.lower() in seen:
                continue
            seen.add(ok.lower())
            conf = 1.0 if marker == "@" else 0.7
            out.append(Found(ok, Evidence(i, m.span(), m.group(0), conf)))
    return out


def _without_scheme(url: str) -> str:
    """A website lower case, without its scheme and "www." ("acme.co.uk/team")."""
    return re.sub(r"^(https?://)?(www\d?\.)?", "", url.lower())


def host_of(url: str) -> str:
    """The host of a website as printed, lower case, without scheme or "www." ("acme.co.uk")."""
    return _without_scheme(url).split("/")[0]


def _tld_from_email(url: Found, emails: list[Found]) -> Found:
    """"www.acme.ne.ijo" beside "jo@acme.ne.jp": a top-level domain that exists nowhere, misread,
    is the one of the email address with the same name."""
    host = host_of(url.value)
    stem, _, tld = host.rpartition(".")
    if not stem or _is_tld(tld):
        return url
    for e in emails:
        dom = e.value.split("@", 1)[-1].lower()
        estem, _, etld = dom.rpartition(".")
        if estem == stem and etld:
            k = url.value.lower().find(host)
            return replace(url, value=url.value[:k + len(stem) + 1] + etld + url.value[k + len(host):])
    return url


def _tld_from_siblings(email: Found, emails: list[Found], urls: list[Found]) -> Found:
    """"contato@acme.com.ati" beside "ana@acme.com.au": a top-level domain that exists nowhere is
    the one the card's other addresses give the same name."""
    local, _, dom = email.value.rpartition("@")
    stem, _, tld = dom.lower().rpartition(".")
    if not stem or _is_tld(tld):
        return email
    hosts = [e.value.rpartition("@")[2].lower() for e in emails] + \
        [host_of(u.value) for u in urls]
    for h in hosts:
        hstem, _, htld = h.rpartition(".")
        if hstem == stem and _is_tld(htld):
            return replace(email, value=f"{local}@{stem}.{htld}")
    return email


def site_key(url: str) -> str:
    """A website as a phone shows it: no scheme, no "www.", no trailing slash, any case."""
    return _without_scheme(url.strip()).rstrip("/").casefold()


def _distinct(found: list[Found], key) -> list[Found]:
    """The first of each value: two lines repaired to the same address (a misread copy
    mended after its twin) give one contact field, not two."""
    seen: set[str] = set()
    out = []
    for f in found:
        k = key(f.value)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _without_cut_copies(urls: list[Found]) -> list[Found]:
    """"acme.co" beside "acme.co.uk": the same site read twice, once with its last label cut
    off (a line read in two pieces, or twice over)."""
    hosts = [host_of(u.value) for u in urls]
    return [u for u, h in zip(urls, hosts) if not any(o != h and o.startswith(h + ".") for o in hosts)]


# A host's first label that is "www" misread: w's lost or added, or the dot read as a digit ...
_WWW_READ = r"w{2,6}\d?|vww|w"
# ... and a label that may be one: w's with v's, y's, a's, u's, n's or i's read for some of
# them ("nww", "wviw": a w's first stroke read apart)
_WWW_LOOKALIKE = r"[wvyauni]{3,4}"


def _www_like(label: str) -> bool:
    """Whether a host's first label is "www" as small print reads it: _WWW_READ, or
    _WWW_LOOKALIKE with two w's or v's at least ("wwv", "vayw", "wviw")."""
    low = label.lower()
    return re.fullmatch(_WWW_READ, low) is not None or (
        re.fullmatch(_WWW_LOOKALIKE, low) is not None and sum(c in "wv" for c in low) >= 2)


def _host_from_email(url: Found, emails: list[Found]) -> Found:
    """"https:/fironbridge.com", "ww.etoile.com", "Stoneprint.co.in" beside mail at ironbridge.com,
    etoile.com, keystoneprint.co.in: a host with a stray letter or two in front, a "www" that lost
    a w, or one that lost its first letters, is the email's domain misread."""
    m = re.match(rf"^((?:https?://)?)((?:{_WWW_READ}|{_WWW_LOOKALIKE})\.)?([^/]+)(.*)$", url.value, re.I)
    if not m:
        return url
    scheme, www, host, path = m.group(1), m.group(2) or "", m.group(3).lower(), m.group(4)
    if www and not _www_like(www[:-1]):
        www, host = "", (www + host).lower()  # a host's own first label ("away.acme.com")
    for e in emails:
        dom = e.value.split("@", 1)[-1].lower()
        if host == dom:
            return replace(url, value=f"{scheme}www.{dom}{path}") if www.lower() not in ("", "www.") else url
    for e in emails:
        dom = e.value.split("@", 1)[-1].lower()
        extra = (host.endswith(dom) and 1 <= len(host) - len(dom) <= 2 and "." not in host[:len(host) - len(dom)])
        # "wwesilverlinelabs.com": a www with its dot read as a letter
        extra = extra or (host.endswith(dom) and re.fullmatch(r"[wv]{2}[a-z]|[wv]{3}", host[:len(host) - len(dom)]) is not None)
        lost = (dom.endswith(host) and len(host.split(".")[0]) >= 6 and dom[-len(host) - 1] != ".")
        # "etoileenergije.com" beside mail at etoileenergie.com: one letter off in a long name
        stem, _, tld = host.partition(".")
        dstem, _, dtld = dom.partition(".")
        # (an l in one where the other has an i is left to _l_over_i, which knows which to believe;
        # a hyphen in the host where the mail domain has a letter is printed, not misread: "oakmont-egal"
        # beside "oakmontdegal", the site lost an l and the mail read "-l" as a d)
        off = (tld == dtld and len(dstem) >= 8 and _one_edit(stem, dstem) and not il_agreed(stem, dstem)
               and stem.count("-") <= dstem.count("-"))
        # "wi1jk.nl" beside mail at wijk.nl: a stray mark read as a digit inside a name of letters
        off = off or (shape(tld) == shape(dtld) and dstem.isalpha() and not stem.isalpha() and re.sub(r"\d", "", stem) == dstem)
        # "www.veltix.com" beside mail at veltix.com.br: the country label cut off the site
        cut = dom.startswith(host + ".") and dom.count(".") == host.count(".") + 1 and dom.rpartition(".")[2] in _cc_tlds()
        if extra or lost or off or cut:
            return replace(url, value=f"{scheme}{'www.' if www else ''}{dom}{path}")
    return url


def _stray_before_site(email: Found, urls: list[Found]) -> Found:
    """"d.gil@Qkade.be" beside "www.kade.be": a letter or two read into the start of a mail
    domain (the rim of the @), where the website, printed after its "www.", shows where the
    name starts."""
    local, _, dom = email.value.rpartition("@")
    for u in urls:
        m = re.match(r"^(?:https?://)?www\.([^/]+)", u.value, re.I)
        if m and "." in m.group(1):
            host = m.group(1).lower()
            stray = dom.lower()[:len(dom) - len(host)]
            if dom.lower().endswith(host) and 1 <= len(stray) <= 2 and stray.isalnum() and len(host.split(".")[0]) >= 5:
                return replace(email, value=f"{local}@{dom[len(stray):]}")
    return email


# Two letters small print runs together into one, as read ("icloud" read "idoud", "libero" "bbero").
_MERGED_LETTERS = (("cl", "d"), ("li", "b"), ("rn", "m"), ("in", "m"), ("ri", "n"))


def _merged_once(word: str) -> set[str]:
    """`word` with one pair of its letters read as the one letter they run into (_MERGED_LETTERS)."""
    return {word[:i] + one + word[i + 2:] for two, one in _MERGED_LETTERS
            for i in range(len(word) - 1) if word.startswith(two, i)}


def _free_mail_spelt(email: Found) -> Found:
    """"jane@gmai.com", "jane@hotmaii.com", "jane@idoud.com": a free-mail provider's name with
    one letter lost, added or misread, or two of its letters run into one (no one registers
    those names for mail of their own)."""
    local, _, dom = email.value.rpartition("@")
    name, _, rest = dom.lower().partition(".")
    if name in _FREE_MAIL or len(name) < 4 or not rest:
        return email
    near = [f for f in _SPELT_FREE_MAIL if _one_edit(name, f) or name in _merged_once(f)]
    if len(near) == 1:
        return replace(email, value=f"{local}@{near[0]}.{rest}")
    return email


def _names_a_site(url: str) -> bool:
    """"www.SZ", "com.br": a top-level domain alone, or one under a second-level label, names
    no website; what OCR made of a damaged address ("www, SZ A com. br")."""
    host = host_of(url)
    labels = [p for p in host.split(".") if p]
    if len(labels) < 2:
        return False
    return not (len(labels) == 2 and labels[0] in ("com", "co", "net", "org", "gov", "edu", "ac", "or", "ne", "gob"))


# letters OCR reads for one another in small print (as read, as printed): the mailbox's
# confusions between letters, and a few more a two-letter domain shows (ip for jp)
_TLD_LOOKALIKE = frozenset({(a, b) for a, alts in CONFUSABLE.items() for b in alts if a.islower() and b.islower()}
                           | {("i", "j"), ("j", "i"), ("c", "o"), ("o", "c"), ("v", "u"), ("u", "v"), ("h", "n"),
                              ("n", "h"), ("i", "e"), ("e", "i"), ("o", "e"), ("e", "o"), ("y", "u"), ("u", "y"),
                              ("d", "b"), ("b", "d")})


def _tld_of_region(found: Found, region: str) -> Found:
    """"acme.ni" on a Dutch card: the l of the card's own country domain read as i (or the
    reverse), put back when the card's country says which it is."""
    own = region.lower() if region else ""
    m = re.search(r"\.([a-z]{2})(?=/|$)", found.value, re.I)
    if not own or not m or m.group(1).lower() == own:
        return found
    tld = m.group(1).lower()
    # ("acme.co.ip" on a Japanese card, "acme.di" on a German one, "acme.com.dr" on a Brazilian
    # one, "acme.ey" on a Dutch one: a domain that exists nowhere, one letter off the country's
    # own or, in a member state, .eu; where it is one letter off both, neither is sure)
    exists = _is_tld(tld)
    candidates = (own, "eu") if region.upper() in _EU_MEMBERS else (own,)
    nowhere = [] if exists else [c for c in candidates if len(tld) == len(c)
                                 and sum(a != b for a, b in zip(tld, c)) == 1
                                 and all(a == b or (a, b) in _TLD_LOOKALIKE for a, b in zip(tld, c))]
    # ("acme.tr" on a French card: the f read as a t, as small print often does)
    if len(own) == 2 and any(tld == own.replace(a, b) for a, b in (("l", "i"), ("i", "l"), ("f", "t"))):
        nowhere = [own]
    if len(own) == 2 and len(nowhere) == 1:
        value = found.value[:m.start(1)] + nowhere[0] + found.value[m.end(1):]
        return Found(value, found.evidence)
    # "acme.cu" on any card but a Cuban one: the e of .eu read as a c
    if tld == "cu":
        return Found(found.value[:m.start(1)] + "eu" + found.value[m.end(1):], found.evidence)
    return found


# Second levels and the countries that register names under them, for a last label that runs
# them together ("acme.coat" for acme.co.at).
_RUN_SECOND_LEVELS = {"com": frozenset(_SECOND_LEVEL_CC.split("|")), "co": frozenset(_CO_CC.split("|")) | {"at"},
                      "net": frozenset({"au"}), "org": frozenset({"uk", "au"})}


# Top-level domains in use that the lists above leave out, as they give no region and few cards
# show them, but which one letter less would make another's (.cat, .eus, .llc, .tel: .ca, .es,
# .lc, .tl).
_RARE_TLDS = frozenset("""cat eus gal bzh scot wales ltd inc llc ceo eco bio one bar fit fun top win vip tel ink esq uno
                          icu red run new box cab cam car cpa dad dog eat fly foo fyi gay gdn ing kim lat mba men moe mov
                          ngo ong onl pet phd ren ski soy spa srl tax vet vin wtf bid nrw""".split())


def _address_host(value: str) -> str:
    """The domain of a mail address, or the host of a website, in small letters."""
    return value.rsplit("@", 1)[-1].lower() if "@" in value else host_of(value)


def _last_label_mended(found: Found, region: str, tlds: set[str]) -> Found:
    """"acme.coat", "acme.ceu", "acme.coam": a host whose last label is no top-level domain at
    all. A second level and its country's code run together ("co" and "at") get their dot back;
    a label one stray letter from a domain (the rim of a dot or a letter's stroke read as one)
    loses it, where one letter less makes exactly one domain, or one of those is the TLD of
    another of the card's addresses (`tlds`), or the card's country's. Anything else is left."""
    host = _address_host(found.value)
    label = host.rpartition(".")[2]
    if "." not in host or len(label) < 3 or not label.isalpha() or _is_tld(label) or label in _RARE_TLDS:
        return found
    at = found.value.lower().rfind(host) + len(host) - len(label)
    for second, countries in _RUN_SECOND_LEVELS.items():
        cc = label[len(second):]
        if label.startswith(second) and cc in countries:
            return Found(f"{found.value[:at]}{second}.{found.value[at + len(second):]}", found.evidence)
    fewer = sorted(t for t in {label[:i] + label[i + 1:] for i in range(len(label))} if _is_tld(t))
    if len(fewer) > 1:
        fewer = [t for t in fewer if t in tlds] or [t for t in fewer if t == region.lower()]
    if len(fewer) != 1:
        return found
    return Found(found.value[:at] + fewer[0] + found.value[at + len(label):], found.evidence)


def _domains_completed(emails: list[Found], urls: list[Found]) -> list[Found]:
    """"contato@maple.co" beside "maiy@maple.co.jp": a domain that lost its last label, where
    another address on the card has it whole, takes the whole one."""
    hosts = [e.value.split("@", 1)[-1].lower() for e in emails] + [
        host_of(u.value) for u in urls]
    out = []
    for e in emails:
        local, _, dom = e.value.partition("@")
        longer = [h for h in hosts if h.startswith(dom.lower() + ".")]
        # "sales@riverside-ogistics.com" where the website and another address agree on
        # riverside-logistics.com: one letter off a domain printed twice is that domain
        agreed = [h for h in set(hosts) if hosts.count(h) >= 2 and hosts.count(dom.lower()) == 1 and _one_edit(dom.lower(), h)]
        if len(set(longer)) == 1:
            e = replace(e, value=f"{local}@{longer[0]}")
        elif len(agreed) == 1:
            e = replace(e, value=f"{local}@{agreed[0]}")
        out.append(e)
    return out


def il_agreed(a: str, b: str) -> Optional[str]:
    """The one spelling of two readings of a name that differ only where one has an l and the
    other an i ("faiconhealth" / "falconheaith" -> "falconhealth"), or None. In small print OCR
    reads an l as an i far more often than the reverse (the dot of the i is what it may not
    see; an l's stroke it takes for an i with a speck above), so where they differ, l; but
    in a host's last label, the reading that is a top-level domain ("lockhart.io" beside
    "lockhart.lo": there is no .lo)."""
    if len(a) != len(b) or a == b:
        return None
    out = []
    for x, y in zip(a, b):
        if x == y:
            out.append(x)
        elif {x, y} == {"i", "l"}:
            out.append("l")
        else:
            return None
    agreed = "".join(out)
    stem, dot, tld = agreed.rpartition(".")
    if dot and not _is_tld(tld):
        known = {t for t in (a.rpartition(".")[2], b.rpartition(".")[2]) if _is_tld(t)}
        if len(known) == 1:
            return f"{stem}.{known.pop()}"
    return agreed


def _l_over_i(emails: list[Found], urls: list[Found]) -> tuple[list[Found], list[Found]]:
    """The mail and web domains of a card, each the one spelling of the readings that differ
    only in l's read as i's (il_agreed)."""
    hosts = {e.value.rpartition("@")[2].lower() for e in emails} | {host_of(u.value) for u in urls}
    fixed: dict[str, str] = {}
    for a in hosts:
        for b in hosts:
            m = il_agreed(a, b)
            if m:
                fixed[a] = m
    if not fixed:
        return emails, urls

    def mend(value: str, host: str) -> str:
        k = value.lower().rfind(host)
        return value[:k] + fixed[host] + value[k + len(host):] if k >= 0 else value

    emails = [replace(e, value=mend(e.value, d)) if (d := e.value.rpartition("@")[2].lower()) in fixed else e
              for e in emails]
    urls = [replace(u, value=mend(u.value, h)) if (h := host_of(u.value)) in fixed else u for u in urls]
    return emails, urls


def _mailbox_named_after_site(email: Found, urls: list[Found]) -> Found:
    """"tfwcarpenty@verizon.com" on a card whose website is tfwcarpentry.com: a business's
    mailbox at its mail provider is named after its website, misread by a letter or two. Only
    for a mailbox of letters alone (a separator marks a person's own name, a digit a variant
    chosen because the name was taken) and at another domain than the website's (at its own,
    "rreynolds@reynolds.com" is a person)."""
    local, _, dom = email.value.rpartition("@")
    low = local.lower()
    if len(low) < 8 or not low.isalpha():
        return email
    for u in urls:
        host = host_of(u.value)
        label = host.split(".")[0]
        if host == dom.lower() or dom.lower().endswith("." + host) or len(label) < 8 or not label.isalpha():
            continue
        if low != label and within_edits(low, label, 2):
            return replace(email, value=f"{label}@{dom}")
        # "pollarfrio@terra.com.br" beside polarfriorefrigeracao.com.br: named after the start of
        # the website's name, with a thin stroke read into it (the whole start, not a near one:
        # "jonathon@" beside jonathansmith.com is a name of its own)
        if not label.startswith(low):
            starts = {low[:i] + low[i + 1:] for i, c in enumerate(low) if c in _STRAY}
            start = next((x for x in starts if label.startswith(x)), None)
            if start and len(start) >= 8:
                return replace(email, value=f"{start}@{dom}")
    return email


def _site_without_dots(lines: list[str], emails: list[Found], urls: list[Found],
                       used: dict[int, list[tuple[int, int]]]) -> list[Found]:
    """"studiomorettiit" on a line of its own under "egallo@studiomoretti.it": the website with
    its dots lost, put back from the email's domain (only when the letters are exactly its)."""
    if urls:
        return []
    doms = {re.sub(r"[^a-z0-9]", "", d): d for d in (e.value.split("@", 1)[-1].lower() for e in emails)}
    doms = {k: v for k, v in doms.items() if len(k) >= 4 and v.split(".")[0] not in _FREE_MAIL}
    for i, line in enumerate(lines):
        if used.get(i):
            continue
        # (a shorter one after a web label: "Website: wolfat" under lukasg@wolf.at)
        least = 4 if _WEB_MARK.search(line) else 8
        for m in re.finditer(r"(?<![\w@.])(?:www\.?)?([A-Za-z0-9-]{%d,})(?![\w@])" % least, line):
            d = doms.get(m.group(1).lower().replace("-", ""))
            if d:
                return [Found(d, Evidence(i, m.span(), m.group(0), 0.6))]
    return []


# What marks a line as a website's, however misread the address after it is.
_WEB_LABEL = r"(?:w|web|website|internet)\s*[:.;]"
_WEB_MARK = re.compile(r"www|https?\b|hups|htps|://|^\W{0,3}(?:" + _WEB_LABEL + r"|(?:website|internet)\s)", re.I)
# ... and a line of that mark alone (a letter or two after it at most)
_BARE_WEB_LINE = re.compile(r"\W*(?:(?:www|https?)\W*|" + _WEB_LABEL + r"\W*)[a-z0-9]{0,2}\W*", re.I)


def _site_from_mail_domain(lines: list[str], emails: list[Found], urls: list[Found],
                           used: dict[int, list[tuple[int, int]]]) -> list[Found]:
    """"hups://hħarborcoffeeroasters.uk", "http Awww mariogistuca com/", "Website:
    https:#www.lichtblicksysteme", "Website wven ciearwatersolutions ca" under mail at that
    domain: a website's line, marked as one but misread past what find_links takes, whose
    letters are the card's mail domain a letter or two off (or the domain's name without its
    cut-off TLD); or a line of the whole domain alone, TLD and all, a letter or two off with no
    mark ("arborcoffeeroasters. .com.au"), or its letters exactly with only its dots misread
    ("gruber:.co.at"). The website is that domain.
    Only on a line that gave nothing else, for a domain no website found is near, and not for
    a free-mail provider's domain (no one's website). A "www", or a "Website:" label, with
    nothing legible after it is the website's line too, when the card's mail has a single domain."""
    out: list[Found] = []
    hosts = [host_of(u.value) for u in urls]
    domains = [d for d in dict.fromkeys(e.value.rpartition("@")[2].lower() for e in emails)
               if d.split(".")[0] not in _FREE_MAIL]
    for dom in domains:
        if any(within_edits(h, dom, 3) for h in hosts):
            continue
        whole = re.sub(r"[^a-z0-9]", "", dom)
        stem = re.sub(r"[^a-z0-9]", "", dom.split(".")[0])
        for i, line in enumerate(lines):
            if used.get(i) or "@" in line:
                continue
            text = re.sub(r"[^a-z0-9]", "", line.lower())
            if _WEB_MARK.search(line):
                # a line of a "www", an "http://" or a "Website:" alone: the website's line whose
                # address was lost; with a single domain to the card's mail, that is the site
                bare = len(domains) == 1 and _BARE_WEB_LINE.fullmatch(line) is not None
                site = bare or any(len(p) >= 8 and within_edits(p, text, 1 if len(p) < 12 else 2, inside=True)
                                   for p in (whole, stem))
            else:
                # "| arborcoffeeroasters. .com.au": a line of one word, dots and all, that is the
                # mail domain a letter or two off and ends in its top-level domain (a company's
                # line is words: "Kristall Planung e.U." by kristallplanung.at)
                host = re.sub(r"\s*\.\s*", ".", line).strip(" |•·©®:;,").lower()
                site = ("." in host and " " not in host and host.endswith("." + dom.rpartition(".")[2])
                        and len(whole) >= 12 and within_edits(whole, text, 1 if len(whole) < 16 else 2))
                # ("© costaenergia es", "gruber:.co.at": the domain's letters exactly, in small
                # letters, with only its dots misread: a space, a mark beside one; "wolfat", with
                # no mark of a dot, and short, may be a word)
                site = site or (text == whole and len(whole) >= SITE_WORD_LETTERS and not re.search(r"[A-Z]", line)
                                and re.search(r"[a-z0-9][\s.:;,]+[a-z0-9]", line) is not None)
            if site:
                out.append(Found(("www." if "www" in line.lower() else "") + dom, Evidence(i, (0, len(line)), line, 0.5)))
                hosts.append(dom)
                break
        else:
            found = _site_as_a_word(lines, dom, whole, used)
            if found:
                out.append(found)
                hosts.append(dom)
    return out


# Letters a mail domain needs (its top-level domain's among them) before a word of small letters
# one letter off them is taken for its website printed with its dots lost.
SITE_WORD_LETTERS = 8


def _site_as_a_word(lines: list[str], dom: str, whole: str, used: dict[int, list[tuple[int, int]]]) -> Optional[Found]:
    """"+258 84 366 5245 ubemozcamz" beside mail at ubemoz.co.mz: a word of small letters,
    beside what gave the line a number or on its own, that is the mail domain's letters, its
    top-level domain's with them, all but one read right and its dots lost; no company's or
    person's name holds a domain's ending. Not on a mail line (a mailbox's lost @ makes one)."""
    if len(whole) < SITE_WORD_LETTERS:
        return None
    for i, line in enumerate(lines):
        if "@" in line or re.match(_MAIL_LINE_START, line, re.I):
            continue
        for m in re.finditer(r"(?<!\S)([a-z0-9][a-z0-9.-]*[a-z0-9])(?!\S)", line):
            word = re.sub(r"[^a-z0-9]", "", m.group(1))
            if any(a < m.end() and m.start() < b for a, b in used.get(i, [])) or word == whole[:len(word)]:
                continue  # (a word that is the domain's start, "ubemoz", is the company's name)
            if within_edits(word, whole, 1):
                return Found(dom, Evidence(i, m.span(), m.group(0), 0.5))
    return None


def within_edits(a: str, b: str, limit: int, *, inside: bool = False) -> bool:
    """Whether a and b are at most `limit` letters changed, added or dropped apart; with
    `inside`, whether some stretch of b is (what comes before and after it costs nothing)."""
    if not inside and abs(len(a) - len(b)) > limit:
        return False
    row = [0] * (len(b) + 1) if inside else list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        if min(row) > limit:
            return False
    return (min(row) if inside else row[-1]) <= limit


def _one_edit(a: str, b: str) -> bool:
    """Whether b is a with one letter changed, added or dropped."""
    return a != b and within_edits(a, b, 1)


def _emails_at_site(lines: list[str], emails: list[Found], urls: list[Found],
                    used: dict[int, list[tuple[int, int]]]) -> list[Found]:
    """"jane@acmebe" when the card's website is acme.be: the dot before the TLD lost, put back
    from the website's host (only when the letters are exactly the host's)."""
    hosts = {}
    for u in urls:
        host = host_of(u.value)
        if "." in host:
            hosts[host.replace(".", "")] = host
    if not hosts:
        return []
    out: list[Found] = []
    seen = {e.value.lower() for e in emails}
    sites = set(hosts.values())
    # a website found inside the address is a piece of it ("kontakt @ sterling labs.sg")
    pieces = {(u.evidence.line, u.evidence.span) for u in urls}
    for i, line in enumerate(lines):
        if "@" not in line:
            taken = [e.evidence.span for e in emails if e.evidence.line == i]
            out.extend(_glyph_for_at(i, line, sites, seen, taken))
            out.extend(_lost_at(i, line, sites, seen, taken))
            continue
        # the domain as printed, spaces and dots lost or added: up to the end of the line or a bar
        # ("puer tadiseno .com": a space on both sides of a dot too); the @ maybe read twice, once
        # as a © or ® ("sophie®@"), and the line maybe cut after a dot or hyphen ("jane@acme.")
        for m in re.finditer(r"([A-Za-z0-9._%+-]+)[©®]?\s?@\s?([A-Za-z0-9-]{2,}(?: ?[ .] ?[A-Za-z0-9-]+){0,3})(\.?)(?=\s*(?:[|,;/]|$))",
                             line):
            if any(a < m.end() and m.start() < b and not ((i, (a, b)) in pieces and m.start() <= a and b <= m.end())
                   for a, b in used.get(i, [])):
                continue
            printed = re.sub(r"[ .]", "", m.group(2).lower())
            exact = hosts.get(printed)
            # (a domain that is whole as printed, a TLD the lists know at its end, is no misread
            # website: "puertadiseno.com" beside puertadisenos.com may be a domain of its own)
            dotted = m.group(2).replace(" ", "").lower()
            whole = "." in dotted and _is_tld(dotted.rsplit(".", 1)[1])
            host = exact or (None if whole else _near_site(printed, m.group(2)[-1:] == "-" or bool(m.group(3)), hosts))
            local = m.group(1).strip("._-")
            if not host or not local:
                continue
            addr = _validate_email(f"{local}@{host}")
            if addr and addr.lower() not in seen:
                seen.add(addr.lower())
                out.append(Found(addr, Evidence(i, m.span(), m.group(0), 0.6 if exact else 0.5)))
    return out


# What the @ of a mail address was read as where the address was then taken for a website:
# a capital after a mailbox in small letters, an 8, or a g (the @'s ring read as one of them;
# a g only after a role's mailbox: "bloggacme.com" may be a site's own name).
_AT_READ_AS = frozenset("SGQZ8")


def _mail_read_as_site(url: Found, domains: set[str]) -> Optional[Found]:
    """"shotaSbeaconsoftware.sg", "hellogstadtsysteme.com" beside another address or a site at
    beaconsoftware.sg, stadtsysteme.com: a website, printed with no scheme, www or path, that is
    a mailbox, one character the @ is read as, and another of the card's domains: that mailbox at
    that domain. None for anything else."""
    value = url.value
    host = value.lower()
    if re.match(r"(?:https?:|www)", host) or not re.fullmatch(r"[a-z0-9._-]+", host):
        return None
    for dom in domains:
        if not host.endswith(dom):
            continue
        cut = len(value) - len(dom)
        local, at = value[:cut - 1], value[cut - 1:cut]
        # (a capital read for it follows a mailbox in small letters: "andrew_kaySacme.com")
        glyph = at in _AT_READ_AS or (at == "g" and local.lower() in _ROLE_MAILBOXES)
        if len(local) >= 2 and glyph and local[-1] not in "._-" and re.fullmatch(r"[a-z0-9][a-z0-9._-]*", local):
            addr = _validate_email(f"{local}@{dom}")
            if addr:
                return Found(addr, replace(url.evidence, conf=0.5))
    return None


def _near_site(printed: str, cut: bool, hosts: dict[str, str]) -> Optional[str]:
    """The card's website host that a mail domain no validator takes was printed as: the same
    letters but for one or two misread ("lumiorecommunicat ion. fr" beside lumierecommunication.fr;
    two only in a domain of twelve letters or more), or their start where the line was cut
    ("jane@acme-" beside acme-bau.de, "jane@soleilassurances." beside soleilassurances.ca). One
    site must fit: a domain near two is left alone."""
    if len(printed) < 4:
        return None
    fits = set()
    for letters, host in hosts.items():
        if len(printed) < len(letters) and letters.startswith(printed) and (cut or len(printed) >= 0.6 * len(letters)):
            fits.add(host)
        elif within_edits(printed, letters, 2 if len(letters) >= 12 else 1):
            fits.add(host)
    return fits.pop() if len(fits) == 1 else None


# the characters small print reads for a host's letter (CONFUSABLE, both ways, and a bar for l)
_HOST_ALIKE = {"l": "l1iI|", "i": "il1", "1": "1li", "o": "o0", "0": "0o", "t": "tf", "f": "ft", "c": "ce", "e": "ec"}


def _spaced(host: str) -> str:
    """A pattern for `host` as small print may read it: a space maybe between any two of its
    characters, each letter maybe read as its look-alike ("holiowaygroup.com": hollowaygroup.com)."""
    def one(c: str) -> str:
        alike = _HOST_ALIKE.get(c.lower())
        return "[" + re.escape(alike) + "]" if alike else re.escape(c)

    return "".join(one(c) + " ?" for c in host[:-1]) + one(host[-1:])


def _glyph_for_at(i: int, line: str, hosts: set[str], seen: set[str], taken: list[tuple[int, int]]) -> list[Found]:
    """"g.romanoĉĝacme.eu", "m.keller&acme eu.ch" when the card's website is acme.eu or
    acmeeu.ch: the @ read as one or two letters no address has, or as an &, right before the
    website's own host (a space maybe read into it). Text an address was already found in
    (`taken`: "gaelle lemaire®acme.ch" gave gaelle.lemaire@) gives no second one."""
    out: list[Found] = []
    for host in hosts:
        for m in re.finditer(r"(?<![\w.@])([A-Za-z0-9._%+-]{2,64})([^\x00-\x7f\s]{1,2}|&)" + _spaced(host) + r"(?![\w.-])",
                             line, flags=re.I):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if m.group(2) == "&" and not m.group(1).islower():
                continue  # "Barnes&Noble.com": a brand's name, printed as it is spelt
            addr = _validate_email(f"{m.group(1).strip('._-')}@{host}")
            if addr and addr.lower() not in seen:
                seen.add(addr.lower())
                out.append(Found(addr, Evidence(i, m.span(), m.group(0), 0.6)))
    return out


# A mail line's start: a mail label, or one mark an envelope icon is read as.
_MAIL_LINE_START = r"^\W{0,3}(?:(?:" + _MAIL_LABELS + r"|e)(?:\s?[:.]\s?|\s)|[©®@&]\s?)"
# Nothing but a mail label (or its misreading "Emal") before a text: what follows is a mail address.
_MAIL_LABEL_BEFORE = re.compile(r"\W{0,3}(?:" + _MAIL_LABELS + r"|e-?mai?l|e-?mait)\s?[:.]?\s*", re.I)


def _lost_at(i: int, line: str, hosts: set[str], seen: set[str], taken: list[tuple[int, int]]) -> list[Found]:
    """"E-Mail: contato bluesystems.ca", "e: felixvsonnenelektro.at" when the card's website is
    bluesystems.ca or sonnenelektro.at: on a line that starts as a mail line does (a label, an
    envelope icon), the @ before the website's own host lost or read as a space. A line with
    anything after the host, or with a scheme or www before it, is no mail line."""
    out: list[Found] = []
    for host in hosts:
        m = re.search(_MAIL_LINE_START + r"([A-Za-z0-9._%+-]{2,64}?) ?" + _spaced(host) + r"(?=\s*(?:[|,;]|$))", line,
                      flags=re.I)
        if not m or any(a < m.end() and m.start() < b for a, b in taken):
            continue
        local = m.group(1).strip("._-")
        # "andrew_kaySacme.com": the @ read as a capital, after a mailbox in small letters
        # (mailboxes are printed in small letters; a capital at the end of one is the @ misread)
        if re.fullmatch(r"[a-z0-9._%+-]*[a-z]{2}[A-Z]", local):
            local = local[:-1]
        # "Email acme.com" is a label and a site; "© 2024 acme.com" a copyright line; "wwv.acme.com"
        # a host under the site's own (a dot before the host is no lost @)
        if (len(local) < 2 or m.group(1)[-1] in "._-" or not re.search(r"[a-z]", local, flags=re.I)
                or re.search(r"www|https?$", local, flags=re.I) or re.fullmatch(_MAIL_LABELS, local, flags=re.I)
                or local.casefold() in ("copyright", "web", "website")):
            continue
        addr = _validate_email(f"{local}@{host}")
        if addr and addr.lower() not in seen:
            seen.add(addr.lower())
            out.append(Found(addr, Evidence(i, (m.start(1), m.end()), line[m.start(1):m.end()], 0.5)))
    return out


# ---------------------------------------------------------------- websites and socials

_SOCIAL_HOSTS = {
    "linkedin.com": "linkedin", "lnkd.in": "linkedin", "twitter.com": "twitter", "x.com": "twitter",
    "instagram.com": "instagram", "instagr.am": "instagram", "github.com": "github", "facebook.com": "facebook",
    "fb.com": "facebook", "fb.me": "facebook", "youtube.com": "youtube", "tiktok.com": "tiktok",
    "xing.com": "xing", "behance.net": "behance", "dribbble.com": "dribbble", "medium.com": "medium",
    "pinterest.com": "pinterest", "threads.net": "threads", "wa.me": "whatsapp",
}

# The TLDs a bare "name.tld" (no scheme, no www) is believed for. Two-letter ccTLDs
# come from phonenumbers' region list; generic ones are the ones cards actually use.
_GENERIC_TLDS = {
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "io", "ai", "app", "dev", "co", "me", "tv",
    "design", "studio", "agency", "tech", "online", "site", "store", "shop", "blog", "cloud", "digital", "media",
    "consulting", "solutions", "services", "group", "global", "world", "company", "email", "law", "legal",
    "photography", "art", "health", "travel", "finance", "capital", "partners", "ventures", "works", "xyz",
    "club", "pro", "name", "mobi", "asia", "eu", "london", "berlin", "paris", "nyc", "swiss", "page", "live",
}


@functools.lru_cache(maxsize=1)
def _cc_tlds() -> frozenset[str]:
    codes = {r.lower() for r in phonenumbers.SUPPORTED_REGIONS} | {"uk", "eu"}
    return frozenset(codes)


def _is_tld(label: str) -> bool:
    """Whether a host's last label is a top-level domain (a country's or a generic one the lists know)."""
    return label in _GENERIC_TLDS or label in _cc_tlds()


def tld_region(host: str) -> Optional[str]:
    """The country a host's TLD names (acme.de → DE, acme.co.uk → GB), None for generic ones."""
    parts = host.lower().rstrip(".").split(".")
    if len(parts) < 2:
        return None
    tld = parts[-1]
    if tld == "uk":
        return "GB"
    if tld in ("eu", "tv", "io", "me", "ai", "co", "fm", "ws", "cc", "la", "to", "ly", "gg", "is", "it") and len(parts) == 2:
        # popular as vanity domains; only trusted with a second level like .co.it - but .it/.is
        # are real countries used as such far more often than not
        return tld.upper() if tld in ("it", "is") else None
    if tld in _cc_tlds():
        return tld.upper()
    return None


_URL_RE = re.compile(
    r"(?<![@\w.-])(?P<url>(?:(?P<scheme>https?)\s?:\s?/\s?/\s?)?(?P<www>www\d?\s?[.,]\s?)?"
    r"(?P<host>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?\.)+(?P<tld>[A-Za-z]{2,24}))"
    r"(?P<path>/[^\s,;]*)?)(?![\w@-])",
    re.I,
)


def _host_ok(host: str, tld: str, strong: bool) -> bool:
    tld = tld.lower()
    labels = host.lower().split(".")
    if any(not lb for lb in labels):
        return False
    if strong:
        return tld in _GENERIC_TLDS or tld in _cc_tlds() or len(tld) >= 3
    if tld not in _GENERIC_TLDS and tld not in _cc_tlds():
        return False
    # "S.A." / "Ltd.co" / "e.g" are not hosts: the name part must be a word, not an initial
    name = labels[-2] if len(labels) >= 2 else ""
    if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "gob", "nic"):
        name = labels[-3]
    return len(name) >= 2 and not name.isdigit()


def find_links(lines: Iterable[str], email_spans: dict[int, list[tuple[int, int]]] | None = None
               ) -> tuple[list[Found], list[FoundSocial]]:
    """Websites (not email domains) and social profiles."""
    urls: list[Found] = []
    socials: list[FoundSocial] = []
    seen: set[str] = set()  # social profiles found
    site_at: dict[str, int] = {}  # a website as a phone shows it -> its place in urls
    email_spans = email_spans or {}
    for i, line in enumerate(lines):
        if "." not in line:
            continue
        for m in _URL_RE.finditer(line):
            s, e = m.span("url")
            if any(a <= s < b or a < e <= b for a, b in email_spans.get(i, [])):
                continue
            host = m.group("host").lower()
            strong = bool(m.group("scheme") or m.group("www"))
            path = (m.group("path") or "").rstrip(".,;:)")
            bare_host = re.sub(r"^www\d?\.", "", host)
            if bare_host not in _SOCIAL_HOSTS and not _host_ok(host, m.group("tld"), strong):
                continue
            if "." not in bare_host:
                continue  # "http://www.horizonheaith": a www and a name whose top-level domain was lost
            if not strong and not path and re.search(r"\d", host.split(".")[0]) and not re.search(r"[a-z]", host.split(".")[0]):
                continue  # "12.30" / "1.5m" and the like
            if not strong and _MAIL_LABEL_BEFORE.fullmatch(line[:s]):
                continue  # "Mail: michaeltennamamcallister.com": a mail address, its @ lost
            service = None
            for sh, svc in _SOCIAL_HOSTS.items():
                if bare_host == sh or bare_host.endswith("." + sh) or bare_host.startswith(sh + "."):
                    service = svc
                    break
            raw = m.group("url")
            if service:
                handle = path.strip("/").split("/")[-1] if path.strip("/") else ""
                handle = handle.lstrip("@")
                url = f"https://{bare_host}{path}".rstrip("/")
                if url.lower() not in seen:
                    seen.add(url.lower())
                    socials.append(FoundSocial(service, url, handle, Evidence(i, (s, e), raw)))
                continue
            printed = re.sub(r"\s", "", raw).rstrip(".,;:)")
            printed = re.sub(r"^(www\d?),", r"\1.", printed, flags=re.I)
            key = re.sub(r"^(https?://)?(www\d?\.)?", "", printed.lower()).rstrip("/")
            found = Found(printed, Evidence(i, (s, e), raw, 1.0 if strong else 0.7))
            if key in site_at:
                # the same site printed again with a scheme or www: that is the website line, and the
                # bare host before it may turn out to be part of a mail address (see _lost_at)
                if strong and urls[site_at[key]].evidence.conf < 1.0:
                    urls[site_at[key]] = found
                continue
            site_at[key] = len(urls)
            urls.append(found)
    return urls, socials


_HANDLE_RE = re.compile(
    r"(?<![\w.@/])(?P<label>linkedin|twitter|instagram|insta|github|facebook|ig|tw|li|x|in(?=/))"
    r"(?:\s*[:/|]\s*|\s*(?=@))(?P<h>@?/?[A-Za-z0-9_.][A-Za-z0-9_./-]{1,60})",
    re.I)
_BARE_HANDLE = re.compile(r"^\W{0,3}@(?P<h>[A-Za-z0-9_.]{2,40})$")
_SOCIAL_BASE = {"linkedin": "https://linkedin.com/in/", "twitter": "https://x.com/", "instagram": "https://instagram.com/",
                "github": "https://github.com/", "facebook": "https://facebook.com/"}
_LABEL_SERVICE = {"in": "linkedin", "linkedin": "linkedin", "li": "linkedin", "twitter": "twitter", "tw": "twitter", "x": "twitter",
                  "instagram": "instagram", "insta": "instagram", "ig": "instagram", "github": "github", "facebook": "facebook"}


def find_handles(lines: Iterable[str], taken: dict[int, list[tuple[int, int]]]) -> list[FoundSocial]:
    """Profiles printed as a label and a handle ("Twitter: @jane", "in/jane") rather than a URL."""
    out: list[FoundSocial] = []
    for i, line in enumerate(lines):
        for m in _HANDLE_RE.finditer(line):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken.get(i, [])):
                continue
            label = m.group("label").lower()
            h = m.group("h").strip("./")
            if label in ("x", "li", "tw", "ig") and not h.startswith("@") and not line[m.end("label"):m.start("h")].strip():
                continue  # one-letter labels need a colon or an @ to be believed
            if label == "in":
                label = "li"
                if not line[m.end("label"):m.start("h")].strip().startswith("/"):
                    continue
            if label == "li" or label == "linkedin":
                h = re.sub(r"^(in|company)/", "", h)
            h = h.lstrip("@")
            if not re.fullmatch(r"[A-Za-z0-9_.-]{2,60}", h) or not re.search(r"[A-Za-z]", h) or "@" in m.group("h")[1:]:
                continue
            service = _LABEL_SERVICE[label]
            out.append(FoundSocial(service, _SOCIAL_BASE[service] + h, h, Evidence(i, (s, e), m.group(0), 0.6)))
    return out


def find_bare_handles(lines: Iterable[str], taken: dict[int, list[tuple[int, int]]]) -> list[Found]:
    """A line that is only "@handle": a social profile on an unnamed service (kept as a note)."""
    out = []
    for i, line in enumerate(lines):
        if taken.get(i):
            continue
        m = _BARE_HANDLE.match(line.strip())
        if m:
            out.append(Found("@" + m.group("h"), Evidence(i, (0, len(line)), line, 0.5)))
            continue
        m = _handle_at_end(line)
        if m:
            out.append(Found("@" + m.group("h"), Evidence(i, (m.start(), len(line)), m.group(0), 0.5)))
    return out


def _handle_at_end(line: str) -> Optional[re.Match]:
    """A handle ending a line after other words (its match, the handle as group "h"), or None."""
    # a dotted name with no top-level domain at its end ("Financial Advisor @aiko.watanabe")
    m = re.search(r"(?<=\s)@(?P<h>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)\s*$", line)
    if m and _handle_after(line, m.start() + 1):
        return m
    # ... or, undotted, the words before it run together ("Karthik Reddy @karthikreddy", "SUN
    # Ying @yingsun"): a name and its own handle on one line
    m = re.search(r"(?<=\s)@(?P<h>[A-Za-z0-9_]{4,})\s*$", line)
    return m if m and _handle_of_words(m.group("h"), line[:m.start()]) else None


def _handle_of_words(handle: str, before: str) -> bool:
    """Whether `handle` is the two or three words of `before` run together, in any order."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", before)]
    if not 2 <= len(words) <= 3:
        return False
    return handle.replace("_", "").casefold() in {"".join(p) for p in itertools.permutations(words)}


# ---------------------------------------------------------------- phones

_DIGITISH = re.compile(r"[0-9OoIl|SB]")
# Digits a phone number has at least, as printed.
MIN_PHONE_DIGITS = 7


def repair_digits(text: str) -> str:
    """Undo OCR's letter-for-digit confusions inside runs that are mostly digits.

    Only a letter with a digit on at least one side, in a run holding at least four
    digits, is changed, so words ("Office", "Sales") are never touched."""
    def fix(m: re.Match) -> str:
        run = m.group(0)
        if sum(c.isdigit() for c in run) < 4:
            return run
        if re.search(r"[A-Za-z]{2,}", run.replace("O", "0").replace("o", "0").replace("l", "1").replace("I", "1")):
            return run
        trans = {"O": "0", "o": "0", "D": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"}
        chars = list(run)
        for _ in range(3):  # "Ol00": the O becomes a digit once the l has
            changed = False
            for k, c in enumerate(chars):
                if c in trans:
                    left = chars[k - 1] if k else ""
                    right = chars[k + 1] if k + 1 < len(chars) else ""
                    # a letter touching a digit is a misread digit; one set apart by a space is an icon or a label.
                    # A bar is a separator unless digits stand on both sides ("05| D:" ends a number)
                    if c == "|" and not (left.isdigit() and right.isdigit()):
                        continue
                    if left.isdigit() or right.isdigit():
                        chars[k] = trans[c]
                        changed = True
            if not changed:
                break
        return "".join(chars)
    out = re.sub(r"(?<![A-Za-z])[0-9OoIl|SBD][0-9OoIl|SBD .()/+-]{5,}[0-9OoIl|SBD](?![A-Za-z])", fix, text)
    return _CC_BEFORE_TRUNK.sub(_plus_put_back, out)


# "-44 (0)1223 252083", "T: 44 (0)1223": a country code before a trunk zero in brackets, the form
# only international numbers take, with its plus read as a dash or lost
_CC_BEFORE_TRUNK = re.compile(r"(?:^|(?<=[\s:]))(?P<mark>[-–~]?)(?P<gap1>\s?)(?P<cc>\d{1,3})(?P<gap2>\s?)(?=\(0\)\s?\d)")


def _plus_put_back(m: re.Match) -> str:
    """The plus in place of the mark or a space it leaves (so the number is printed where it was)."""
    if phonenumbers.region_code_for_country_code(int(m.group("cc"))) == "ZZ":
        return m.group(0)
    # (a mark is replaced by the plus; with none, the plus takes the space after the code, if any)
    return "+" + m.group("gap1") + m.group("cc") + (m.group("gap2") if m.group("mark") else "")


_EXT_RE = re.compile(r"^\s*[,;]?\s*(?:ext\.?|extn\.?|extension|x|#|ramal|durchwahl|dw\.?|poste|int\.?|interno|toestel|tst\.?)\s*[:.]?\s*(\d{1,6})\b", re.I)
_PLUS_ZERO = re.compile(r"(\+\s?\d{1,3})\s*[\(\[{]\s?[0O]\s?[\)\]}]\s*")
_ICON_JUNK = "©®&@(|%*•·►▶»>#☎✆📞📱✉☏¢§¤°~^_=[]{}<>\"'`"


def _valid_number(text: str, region: Optional[str]) -> bool:
    """Whether `text` is a valid phone number (dialled as from `region`, or with its +CC)."""
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, region))
    except phonenumbers.NumberParseException:
        return False


def _area_brackets(line: str) -> str:
    """"(31}3753-5692", "{312) 555-0199": one bracket around an area code read as a brace or a
    square bracket, which no number parser takes. Made round (the line keeps its length)."""
    line = re.sub(r"(?<=\()(\d{1,5})[}\]]", r"\1)", line)
    return re.sub(r"[{\[](?=\d{1,5}\))", "(", line)


def _bracket_read_as_one(line: str) -> str:
    """"+32 (013 832 08 33": the closing bracket of a trunk prefix "(0)" read as a 1. Put back
    where the number as read is no valid one and with the bracket it is (the line keeps its
    length, so positions stay those of the printed line)."""
    def valid(text: str) -> bool:  # (with its "(0)" or brackets taken out)
        return _valid_number(re.sub(r"\(\s?0\s?\)|[()]", "", text), None)

    for m in re.finditer(r"\+\s?\d{1,3}\s?\(\s?0(1)(?=\s?\d)[\d\s.-]{5,}\d", line):
        mended = line[m.start():m.start(1)] + ")" + line[m.end(1):m.end()]
        if not valid(m.group(0)) and valid(mended):
            line = line[:m.start()] + mended + line[m.end():]
    return line


def _bar_read_as_one(line: str, region: str) -> str:
    """"T 10351 14359430", "T10761 4624947": the bar between a label and a number dialled with its
    trunk 0 read as a 1. Blanked where the number as read is no valid one of the card's
    region and without the 1 it is (the line keeps its length)."""
    for m in re.finditer(r"(?<![\w+])[^\W\d_]{1,10}[.:]?\s?(1)(0\d[\d\s().\-/]{5,}\d)", line):
        if not _valid_number(m.group(1) + m.group(2), region) and _valid_number(m.group(2), region):
            line = line[:m.start(1)] + " " + line[m.end(1):]
    return line


def _label_before(line: str, start: int, prev_end: int) -> tuple[Optional[str], str]:
    """The phone label printed between the previous number and this one, if any."""
    seg = line[prev_end:start]
    words = re.findall(r"[^\W\d_][\w./-]*|[/]", seg, re.U)
    # read the label words nearest the number first ("Tel / Fax" yields the nearest)
    labels = _label_types()
    text = " ".join(strip_accents(w.lower().strip(".:/-")) for w in words if w.strip(".:/-"))
    if not text:
        return None, seg
    for n in (3, 2, 1):
        parts = text.split()
        for k in range(len(parts) - n, -1, -1):
            cand = " ".join(parts[k:k + n])
            if cand in labels and len(cand) == 1:
                # a one-letter label ("T", "M", "F") counts only right before the number:
                # elsewhere a lone letter is an icon read as text
                m = None
                for m in re.finditer(r"(?<![^\W\d_])" + re.escape(cand) + r"(?![^\W\d_])\.?", seg, re.I):
                    pass
                tail = seg[m.end():] if m else ""
                if m and cand == "c" and m.start() > 0 and seg[m.start() - 1] == "(" and tail.startswith(")"):
                    continue  # "(c)": the © of a phone icon as OCR reads it, not "cell"
                if m and tail.startswith(")") and not (m.start() > 0 and seg[m.start() - 1] == "("):
                    continue  # "d)", "@)": a round icon read as a letter and half its ring, not "direct"
                # (a bracket before the number may be read as a brace: "M {+1 587 ...")
                if not m or not re.fullmatch(r"[\s:.|/()\[\]{}-]*(?:\([A-Za-z]{2,3}\)[\s:.|/-]*)?", tail):
                    continue
            if cand in labels:
                # a slash pair "Tel/Fax" is one number serving both: call it work
                if "/" in seg and {labels.get(p) for p in parts if p in labels} >= {"work", "fax"}:
                    return "work", seg
                return labels[cand], seg
    return None, seg


def _label_after(line: str, end: int, next_start: int) -> Optional[str]:
    seg = line[end:next_start]
    m = re.match(r"\s*[\(\[]?\s*([^\W\d_][\w.]{0,12})[\)\]]?\s*(?:$|[,;|/])", seg)
    if m:
        word = strip_accents(m.group(1).lower().rstrip(".:"))
        t = _label_types().get(word)
        if t and len(word) > 1:
            return t
    return None


def _plan_type(num: phonenumbers.PhoneNumber) -> tuple[str, str]:
    try:
        t = phonenumbers.number_type(num)
    except Exception:  # noqa: BLE001
        return "work", "default"
    if t == PhoneNumberType.MOBILE:
        return "mobile", "plan"
    if t == PhoneNumberType.PAGER:
        return "other", "plan"
    return "work", "plan" if t in (PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE) else "default"


def _non_phone_context(line: str, start: int) -> bool:
    """True when the text before a number says it is a tax, company, bank or postal number.

    Such a number is either glued to letters ("DE123456789", "ATU12345678") or follows a
    registration label ("VAT", "RCS Paris B", "P. IVA") with no phone label in between."""
    k = start
    while k > 0 and line[k - 1] in " ":
        k -= 1
    glued = re.search(r"[^\W\d_]{2,}$", line[max(0, start - 6):start])
    if glued and start > 0 and line[start - 1].isalpha():
        return True
    before = line[:start]
    m = None
    for m in _non_phone_re().finditer(before):
        pass
    if not m:
        return False
    between = before[m.end():]
    labels = _label_types()
    for w in re.findall(r"[^\W\d_][\w.]*", between):
        if w.lower().rstrip(".:") in labels and len(w) > 1:
            return False
    # a phone number printed earlier between the label and this number ends the label's reach
    return not re.search(r"\d{6,}", re.sub(r"[\s().-]", "", between))


def _looks_like_date_or_postcode(digits: str, raw: str) -> bool:
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", raw.strip()):
        return True
    if re.fullmatch(r"(19|20)\d{2}\s*[-–]\s*(19|20)\d{2}", raw.strip()):
        return True
    return False


def find_phones(lines: list[str], region: str, boxes: Optional[list[tuple[int, int, int, int]]] = None,
                taken: Optional[dict[int, list[tuple[int, int]]]] = None,
                incomplete: Optional[list[Found]] = None) -> list[FoundPhone]:
    """Phone numbers with their type (from a printed label, else the numbering plan) and extension.

    `boxes` (left, top, right, bottom per line) lets a label printed alone in a column next to
    the numbers be matched to the number on the same row."""
    region = (region or "US").upper()
    taken = taken or {}
    out: list[FoundPhone] = []
    seen: set[str] = set()
    lone_labels: list[tuple[int, str]] = []  # (line index, type) of lines that are only a label
    for i, line in enumerate(lines):
        words = [w.lower().strip(".:|©®()") for w in line.split()]
        words = [w for w in words if w]
        if words and len(words) <= 2:
            key = " ".join(words)
            t = _label_types().get(key)
            if t and not any(c.isdigit() for c in line):
                lone_labels.append((i, t))
    if boxes:
        # a one-letter label alone on its line counts only in a column of labels ("T" over "M"
        # over "F"); alone, a letter is more often an icon read as text
        def column_mates(i: int) -> int:
            return sum(1 for j, _ in lone_labels if j != i and abs(boxes[j][0] - boxes[i][0]) <= max(8, boxes[i][3] - boxes[i][1]))
        lone_labels = [(i, t) for i, t in lone_labels
                       if len(lines[i].strip(".:|©®() ")) > 1 or (i < len(boxes) and column_mates(i) >= 1)]
    for i, raw_line in enumerate(lines):
        if sum(c.isdigit() for c in raw_line) < 6:
            continue
        raw_line = _area_brackets(raw_line)
        line = _bar_read_as_one(_bracket_read_as_one(repair_digits(raw_line)), region)
        # "+49 (0)30 ..." : the (0) is the trunk prefix, dialled only from inside the country
        # (moved right, over the blanked "(0)", so that positions stay those of the printed line)
        zero_regions = [(m.start(), m.end()) for m in _PLUS_ZERO.finditer(line)]
        line2 = _PLUS_ZERO.sub(lambda m: " " * (len(m.group(0)) - len(m.group(1)) - 1) + re.sub(r"\s", "", m.group(1)).ljust(len(m.group(1))) + " ", line)
        if len(line2) != len(line):
            line2, zero_regions = line, []
        # "2345-6789/90": a range of numbers; the first one is the number
        line2 = re.sub(r"(?<=\d)/(\d{1,3})(?!\d)(?![\s.-]*\d{4})", lambda m: " " * len(m.group(0)), line2)
        spans_taken = taken.get(i, [])
        prev_end = 0
        matches = _match_numbers(line2, region)
        # (a run of fewer than MIN_PHONE_DIGITS digits is no number taken, even where the plan
        # calls it valid: "750891" of "069 750891 0170 2373253")
        whole = [m for m in matches if phonenumbers.is_valid_number(m.number)
                 and sum(c.isdigit() for c in m.raw_string) >= MIN_PHONE_DIGITS]
        covered = sum(c.isdigit() for m in whole for c in line2[m.start:m.end])
        if sum(c.isdigit() for c in line2) - covered >= 6 and sum(c.isdigit() for c in line2) >= 14 \
                and not _non_phone_re().search(line2):  # a bank or tax number is one long run
            split = _split_run(line2, region)
            if len(split) > len(whole):
                matches = split
        for k, m in enumerate(matches):
            s, e = m.start, m.end
            if any(a < e and s < b for a, b in spans_taken):
                continue
            for a, b in zero_regions:
                if a <= s < b:
                    s = a  # the printed number starts at its "+CC (0)"
            raw = raw_line[s:e] if len(raw_line) == len(line2) else m.raw_string
            digits = re.sub(r"\D", "", m.raw_string)
            if len(digits) < MIN_PHONE_DIGITS or _non_phone_context(line2, s) or _looks_like_date_or_postcode(digits, m.raw_string):
                continue
            num = _plus_read_twice(m.number, m.raw_string, region)
            try:
                if not phonenumbers.is_valid_number(num):
                    # not a whole number as printed (no area code, a placeholder): no E.164 can be
                    # trusted, so it is kept as printed in the notes when labelled as a phone
                    if incomplete is not None and _label_before(line2, s, prev_end)[0] is not None:
                        incomplete.append(Found(raw.strip(), Evidence(i, (s, e), raw, 0.3)))
                    continue
                e164 = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
            except Exception:  # noqa: BLE001
                continue
            nxt = matches[k + 1].start if k + 1 < len(matches) else len(line2)
            label, seg = _label_before(line2, s, prev_end)
            if label == "work" and _generic_label(seg) and _plan_type(num)[0] == "mobile":
                label = "mobile"  # "Tel" names any telephone; the plan says this one is a mobile
            elif label == "fax" and len(re.sub(r"[\W\d_]", "", seg)) == 1 and _plan_type(num)[0] == "mobile":
                label = "mobile"  # no fax line is a mobile: the lone "F" was an icon read as a letter
            if label is None:
                label = _label_after(line2, e, nxt)
            ext = num.extension or None
            em = _EXT_RE.match(line2[e:nxt])
            if em and not ext:
                ext = em.group(1)
            if label is None and boxes and i < len(boxes):
                label = _column_label(i, boxes, lone_labels)
            if label:
                ptype, how = label, "label"
            else:
                ptype, how = _plan_type(num)
            prev_end = e
            explicit = bool(re.match(r"\s*(\+|00|011)", m.raw_string))
            if e164 in seen:
                continue
            seen.add(e164)
            out.append(FoundPhone(e164, ptype, ext, raw.strip(), how, Evidence(i, (s, e), raw, 0.9 if label else 0.75), explicit))
    return _fax_by_order(out, lines)


def _plus_read_twice(num: phonenumbers.PhoneNumber, raw: str, region: str) -> phonenumbers.PhoneNumber:
    """"+43216394200" on a Belgian card: the plus read as a plus and a 4, a misreading of the
    sign's cross; the number is the card's country's when, the 4 taken out, its plan takes it."""
    home = phonenumbers.country_code_for_region(region)
    if not re.match(r"\s*\+\s?4", raw) or num.country_code == home or str(home).startswith("4"):
        return num
    try:
        alt = phonenumbers.parse("+" + re.sub(r"\D", "", raw)[1:], None)
    except phonenumbers.NumberParseException:
        return num
    return alt if alt.country_code == home and phonenumbers.is_valid_number(alt) else num


_GENERIC_LABELS = frozenset({"t", "tel", "tél", "tel.", "phone", "ph", "telephone", "téléphone", "telefon", "telefone",
                             "telefono", "teléfono", "telefoon", "fone", "fon", "tlf", "tf", "call"})


def _generic_label(seg: str) -> bool:
    """The label words before a number say only "telephone" ("Tel", "Phone", "Fone"), not which line."""
    words = [w.lower().strip(".:/-") for w in re.findall(r"[^\W\d_][\w.]*", seg)]
    labels = _label_types()
    words = [w for w in words if w in labels]
    return bool(words) and all(w in _GENERIC_LABELS for w in words)


def _mark_before(line: str, start: int) -> bool:
    """Whether a sign stands before a number on its line, after any number before it: an icon
    Tesseract read as a glyph ("© (02) 9374 1188", "@) 030 1234568")."""
    before = re.sub(r"^.*\d", "", line[:start])
    return bool(re.search(r"[^\s+(]", before))


def _fax_by_order(phones: list[FoundPhone], lines: list[str]) -> list[FoundPhone]:
    """Two landline numbers behind icons that no label was read for: by the convention of
    printing the telephone before the fax, the second is the fax. Only when no label on the card
    names a fax, only for numbers the plan calls landlines (not "landline or mobile"), and only
    behind icons: two numbers printed with no label and no icon are two telephones."""
    if any(p.type == "fax" for p in phones):
        return phones
    fixed = []
    for k, p in enumerate(phones):
        if p.typed_by != "plan" or p.type != "work" or not _mark_before(lines[p.evidence.line], p.evidence.span[0]):
            continue
        try:
            if phonenumbers.number_type(phonenumbers.parse(p.number)) == PhoneNumberType.FIXED_LINE:
                fixed.append(k)
        except Exception:  # noqa: BLE001
            continue
    if len(fixed) != 2 or any(p.typed_by == "label" and p.type == "work" for p in phones):
        return phones
    k = fixed[1]
    out = list(phones)
    out[k] = replace(phones[k], type="fax", typed_by="order")
    return out


def _match_numbers(line: str, region: str) -> list:
    try:
        for leniency in (Leniency.VALID, Leniency.POSSIBLE):
            matches = list(PhoneNumberMatcher(line, region, leniency=leniency, max_tries=50))
            if matches:
                return matches
    except Exception:  # noqa: BLE001 - the matcher must never stop a card
        pass
    return []


def _split_run(line: str, region: str) -> list:
    """Two numbers whose wide gap OCR read as one space ("943 72 99 17 x635 644 87 30 10"):
    the one split at a space that leaves two valid numbers (positions kept by blanking)."""
    for m in re.finditer(r"(?<=\d) (?=[+(]?\d)", line):
        left = line[:m.start()] + " " * (len(line) - m.start())
        right = " " * m.end() + line[m.end():]
        a = [x for x in _match_numbers(left, region) if phonenumbers.is_valid_number(x.number)]
        b = [x for x in _match_numbers(right, region) if phonenumbers.is_valid_number(x.number)]
        if a and b and a[-1].end >= m.start() - 6 and b[0].start <= m.end() + 1:
            return a + b
    return []


def _column_label(i: int, boxes: list[tuple[int, int, int, int]], lone: list[tuple[int, str]]) -> Optional[str]:
    """A label printed alone on the same row (to the left) as line i's number."""
    l, t, r, b = boxes[i]
    best = None
    for j, kind in lone:
        lj, tj, rj, bj = boxes[j]
        overlap = min(b, bj) - max(t, tj)
        if overlap > 0.4 * min(b - t, bj - tj) and rj <= l + 5:
            if best is None or rj > best[0]:
                best = (rj, kind)
    return best[1] if best else None


# ---------------------------------------------------------------- region evidence


def explicit_cc_regions(lines: Iterable[str]) -> list[str]:
    """The countries named by +CC (or 00CC) prefixes on any number."""
    out = []
    for line in lines:
        # "00" as an international prefix stands at the start of a number, not inside "…/0001-22"
        for m in re.finditer(r"(?:(?<![\w])\+|(?<![\w/.\-])00(?=\d{1,3}(?:[\s.()-]*\d){6}))\s?(\d{1,3})[\s.(-]*\d", repair_digits(line)):
            cc = m.group(1)
            for n in (1, 2, 3):
                if len(cc) < n:
                    break
                try:
                    reg = phonenumbers.region_code_for_country_code(int(cc[:n]))
                except Exception:  # noqa: BLE001
                    reg = "ZZ"
                if reg and reg != "ZZ":
                    # +1 is shared by the NANP; the main region is the US
                    out.append(reg)
                    break
    return out


# ---------------------------------------------------------------- postcodes

# A British postcode's outward code (area and district: "W1T", "EC1V") and inward code ("2QU").
GB_OUTWARD = r"[A-Z]{1,2}\d[A-Z\d]?"
GB_INWARD = r"\d[ABD-HJLNP-UW-Z]{2}"
POSTCODE_PATTERNS: dict[str, str] = {
    "US": r"\b\d{5}(?:-\d{4})?\b",
    "CA": r"\b[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d\b",
    "GB": rf"\b(?:{GB_OUTWARD}|GIR) ?{GB_INWARD}\b",
    "NL": r"\b[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}\b",
    "BR": r"\b\d{5}-?\d{3}\b",
    "JP": r"\b\d{3}-\d{4}\b",
    "IN": r"\b[1-9]\d{2} ?\d{3}\b",
    "SG": r"\b\d{6}\b",
    "DE": r"\b\d{5}\b", "FR": r"\b\d{2} ?\d{3}\b", "ES": r"\b\d{5}\b", "IT": r"\b\d{5}\b",
    "CH": r"\b\d{4}\b", "AT": r"\b\d{4}\b", "BE": r"\b\d{4}\b", "AU": r"\b\d{4}\b",
}
_CC_POSTCODE = re.compile(r"\b(D|DE|A|AT|CH|F|FR|B|BE|NL|I|IT|E|ES|L|LU|DK|S|SE|N|NO|FIN|PL|CZ|P|PT)[- ](\d{4,5})\b")
_CC_LETTER = {"D": "DE", "A": "AT", "F": "FR", "B": "BE", "I": "IT", "E": "ES", "L": "LU", "S": "SE", "N": "NO",
              "FIN": "FI", "P": "PT"}


def find_postcode(text: str, region: Optional[str] = None) -> Optional[tuple[str, str, tuple[int, int]]]:
    """The postcode in an address line, as (postcode, country it implies or '', span).

    Patterns with a distinctive shape (CA, GB, NL, BR, JP, a "D-" country prefix) say the
    country themselves; a plain run of 4-6 digits is only a postcode next to a place name,
    and its country comes from `region`."""
    text = text[:MAX_LINE]
    # a P.O. Box number is not a postcode: blank it out, keeping positions
    text = re.sub(r"\b(?:p\.?\s?o\.?\s?box|postfach|postbus|apartado|caixa postal|casella postale|b\.?p\.?)\s*\d+",
                  lambda m: " " * len(m.group(0)), text, flags=re.I)
    m = _CC_POSTCODE.search(text)
    if m:
        code = _CC_LETTER.get(m.group(1), m.group(1)[:2])
        return m.group(0), code, m.span()
    m = re.search(r"\b(?:CEP|C\.E\.P\.)\s*[:.]?\s*(\d{5}-?\d{3}|\d{2}\.\d{3}-\d{3})\b", text, re.I)
    if m:
        return m.group(1), "BR", m.span(1)
    m = re.search(r"〒\s?(\d{3}-\d{4})", text)
    if m:
        return m.group(1), "JP", m.span(1)
    for code in ("CA", "GB", "NL"):
        m = re.search(POSTCODE_PATTERNS[code], text)
        # "9705 NW 108 Ave": a house number and a compass point, not a Dutch postcode
        if m and (code != "NL" or re.search(r"[A-Z][a-z]", text[m.end():] + text[:m.start()])
                                     and not re.match(r"\s*\d", text[m.end():])):
            if code == "GB" and not re.search(r"\d[A-Z]{2}\b", m.group(0)):
                continue
            return m.group(0), code, m.span()
    m = re.search(r"(?<![\d-])\d{5}-\d{3}(?![\d-])", text)
    if m:
        return m.group(0), "BR", m.span()
    m = re.search(r"(?<![\d-])\d{3}-\d{4}(?![\d-])", text)
    if m and (region == "JP" or re.search(r"japan|-ku\b|-shi\b|\bku\b|-ken\b", text, re.I) or "JP" in cities_in(text)):
        return m.group(0), "JP", m.span()
    # US: "City, ST 12345"
    states = lexicon().get("us_states", {})
    m = re.search(r"\b([A-Z]{2})\.?,?\s+(\d{5}(?:-\d{4})?)\b", text)
    if m and m.group(1) in states:
        return m.group(2), "US", m.span(2)
    au = lexicon().get("au_states", {})
    m = re.search(r"\b([A-Z]{2,3})\.?,?\s+(\d{4})\b", text)
    if m and m.group(1) in au:
        return m.group(2), "AU", m.span(2)
    m = re.search(r"(?<![\w.,/-])(\d{6})(?![\w/-]|[.,]\d)", text)  # not glued to letters ("FN 507087x")
    if m:
        return m.group(1), ("IN" if region != "SG" and not re.search(r"singapore", text, re.I) else "SG"), m.span(1)
    m = re.search(r"(?<![\d.,/-])([1-9]\d{2} \d{3})(?![\d/-]|[.,]\d)", text)  # "Kochi 682 742, Kerala"
    if m and (region == "IN" or re.search(r"india|pin\b", text, re.I) or "IN" in cities_in(text)):
        return m.group(1), "IN", m.span(1)
    m = re.search(r"(?<![\d.,/+-])(\d{4,5})(?![\d.,/-])\s+\(?([A-ZÀ-Ý][\w'’.-]+)", text)
    if m:
        return m.group(1), "", m.span(1)
    # "111 22 Stockholm", "110 00 Praha" (SE, CZ, SK, GR) and "00-950 Warszawa" (PL), before a town
    m = re.search(r"(?<![\d.,/+-])(\d{3} \d{2}|\d{2}-\d{3})(?![\d.,/-])\s+([A-ZÀ-ÝŁŚŻŹĆŃ][^\W\d_]{2,})", text)
    if m:
        return m.group(1), "", m.span(1)
    m = re.search(r"([A-Za-zÀ-ÿ]{3,}),?\s+(\d{4,5})(?![\d.,/-])\s*(?:$|,)", text)
    if m:
        return m.group(2), "", m.span(2)
    return None


# ---------------------------------------------------------------- everything at once


_FREE_MAIL = frozenset({"gmail", "yahoo", "hotmail", "outlook", "live", "icloud", "aol", "gmx", "web", "t-online", "libero",
                        "orange", "free", "laposte", "wanadoo", "uol", "bol", "terra", "ig", "globo", "virgilio", "tiscali",
                        "alice", "btinternet", "sky", "bigpond", "optusnet", "rediffmail", "mail", "yandex", "seznam", "wp",
                        "naver", "qq", "163", "126", "sina", "proton", "protonmail", "me", "msn", "bluewin", "telenet", "skynet",
                        "ziggo", "kpnmail", "planet", "chello", "aon", "a1", "sapo", "clix", "telefonica", "movistar"})
# the providers whose names are no word of their own ("globo", "orange", "terra" one letter off
# are other people's domains)
_SPELT_FREE_MAIL = frozenset({"gmail", "yahoo", "hotmail", "outlook", "icloud", "protonmail", "libero", "wanadoo",
                              "rediffmail", "btinternet", "bigpond", "optusnet", "yandex", "laposte", "virgilio",
                              "t-online"})
_MAIN_REGIONS = ("US", "CA", "GB", "DE", "FR", "NL", "ES", "IT", "CH", "AT", "BE", "AU", "IN", "SG", "JP", "BR")
_NUMBER_RUN = re.compile(r"(?<![\w+])\(?\d[\d\s().\-/]{5,}\d")


_NOT_NOTES = frozenset({"cep", "cp", "c.p", "zip", "postcode", "plz", "pin", "iban", "bic", "swift", "acct", "account", "a/c",
                        "routing", "sort code", "id", "ie", "i.e", "reg", "dot", "mc", "pan", "passport", "ssn", "callsign",
                        "call sign", "qth", "radio", "license", "licence", "lic", "license no"})


def _dialled_at_home(raw: str, code: str) -> bool:
    """Whether a number printed without +CC is written the way it is dialled inside that
    country: where calls at home start with a trunk 0 (DE, GB, FR, JP, AU...), a number
    printed without it ("430-7718") is not one of that country's."""
    try:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(code)
    except Exception:  # noqa: BLE001
        return True
    if meta is None or meta.national_prefix != "0" or not _writes_trunk_zero(code):
        return True
    return re.sub(r"^\W+", "", raw).startswith("0")


@functools.lru_cache(maxsize=None)
def _writes_trunk_zero(code: str) -> bool:
    """Whether a country's numbers are written with their trunk 0: Brazil dials one, and
    prints "(41) 2964-4736" without it, as its national format in phonenumbers does."""
    example = phonenumbers.example_number(code)
    if example is None:
        return True
    national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
    return re.sub(r"\D", "", national).startswith("0")


def _street_word_regions(low: str) -> list[list[str]]:
    """The countries named by the street words of a lower-case line: a word that is one, or
    (for the longer ones) a compound that ends in one ("prinsengracht", "hauptstraße")."""
    table = {k: v for k, v in lexicon().get("street_word_regions", {}).items() if not k.startswith("_")}
    out = []
    for w in re.findall(r"[^\W\d_]+", low):
        for k, codes in table.items():
            if w == k or (len(k) >= 5 and len(w) >= len(k) + 3 and w.endswith(k)):
                out.append(codes)
                break
    return out


def _runs_between(line: str, cuts: list[int]) -> Iterator[tuple[int, str]]:
    """Digit runs of a line (start, text). A run too long to be one number is cut in two at
    the cut position that leaves a number's worth of digits on each side ("030 / 1234567 -
    0170 / 1234567" at the dash); a run that fits one number stays whole ("030 / 1234567")."""
    def digits(a: int, b: int) -> int:
        return sum(ch.isdigit() for ch in line[a:b])

    for m in _NUMBER_RUN.finditer(line):
        start, end = m.start(), m.end()
        cut = next((c for c in cuts if start < c < end and digits(start, c) >= 7 and digits(c, end) >= 7), None)
        if digits(start, end) <= 13 or cut is None:
            yield start, m.group(0)
            continue
        yield start, line[start:cut].rstrip()
        rest = re.search(r"[+(]?\d", line[cut:end])
        yield cut + rest.start(), line[cut + rest.start():end]


# The countries of EU VAT numbers by their prefix (Greece's is EL), and Switzerland's UID.
_VAT_PREFIXES = {c: c for c in ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "HR", "HU", "IE",
                                "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK")} | {"EL": "GR"}
_VAT_LABEL = re.compile(r"(?i)\b(?:btw|tva|vat|ust|ust-?id(?:nr)?|iva|p\.\s?iva|mwst|nif|cif|uid|moms|dph|dic|nip)\b")
_VAT_NUMBER = re.compile(r"(?<![A-Za-z0-9])(?:(?P<eu>[A-Z]{2}) ?(?P<digits>[A-Z]?\d[\d. ]{6,14}\d[A-Z0-9]{0,3})"
                         r"|(?P<ch>CHE)[-\s]?\d{3}\.?\d{3}\.?\d{3})(?![A-Za-z0-9])")


def _vat_regions(line: str) -> list[str]:
    """The countries of the VAT numbers on a line: an EU country's two letters right before the
    digits, after a VAT label or glued to them ("BE0069.241.841"), or Switzerland's CHE-."""
    out = []
    for m in _VAT_NUMBER.finditer(line):
        if m.group("ch"):
            out.append("CH")
        elif m.group("eu") in _VAT_PREFIXES and len(re.sub(r"\D", "", m.group("digits"))) >= 8 and (
                _VAT_LABEL.search(line[:m.start()]) or line[m.end("eu")].isalnum()):
            out.append(_VAT_PREFIXES[m.group("eu")])
    return out


def _as_word(term: str) -> re.Pattern:
    return re.compile(r"(?<![\w.])" + re.escape(term) + r"(?![\w])")


# Compiled once: built per line, the hundreds of legal forms and registration labels
# overflowed re's own cache of compiled patterns, and every card compiled them again
# (and, pushed out with them, phonenumbers' patterns).
@functools.lru_cache(maxsize=1)
def _legal_form_patterns() -> list[tuple[re.Pattern, list[str]]]:
    return [(_as_word(form), codes) for form, codes in lexicon().get("legal_form_regions", {}).items()]


@functools.lru_cache(maxsize=1)
def _registration_patterns() -> list[tuple[re.Pattern, str]]:
    return [(_as_word(label), code) for label, code in lexicon().get("registration_regions", {}).items()]


# Weight of the numbers labelled as a mobile's that a country's plan calls mobile numbers.
MOBILE_AGREES = 1.0
_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def infer_region(lines: list[str], emails: list[Found], urls: list[Found],
                 default_region: str = "US") -> tuple[Optional[str], str]:
    """The card's country, weighing all the evidence printed on it; (None, '') when it is silent.

    +CC on a number is near-certain; a printed country name, a postcode of a distinctive
    shape, a company's legal form, a registration-number label, a country TLD and the
    language of the phone labels each add weight; and numbers printed without +CC vote
    for the countries whose numbering plan calls them valid."""
    scores: dict[str, float] = {}
    why: dict[str, str] = {}

    def add(code: Optional[str], w: float, how: str) -> None:
        if not code or len(code) != 2:
            return
        code = code.upper()
        scores[code] = scores.get(code, 0.0) + w
        if w >= 1.0 and (code not in why or w > 2.0):
            why.setdefault(code, how)

    for reg in explicit_cc_regions(lines):
        add(reg, 6.0, "phone")
    label_lang = lexicon().get("label_languages", {})
    for ln in lines:
        hit = find_country(ln)
        if hit and len(ln) < 80:
            add(hit[0], 4.0, "country")
        if len(ln) < 80:
            found = cities_in(ln)
            for code in found:
                add(code, 2.0 / len(found), "city")
        # postcodes are looked for away from phone numbers ("01223 281064" holds no PIN code)
        no_phones = re.sub(r"(?:\+|(?<![\w-])\(?0)\d[\d\s().-]{7,}\d", " ", ln)
        pc = None if re.search(r"(?i)\b(tel|phone|direct|mobile?|cell|fax|fon|handy|gsm|mob)\b", ln) else find_postcode(no_phones)
        if pc and pc[1]:
            add(pc[1], 3.0, "postcode")
        low = ln.lower()
        for pattern, codes in _legal_form_patterns():
            if pattern.search(low):
                for c in codes:
                    add(c, 1.5 / len(codes), "legal form")
        for pattern, code in _registration_patterns():
            if pattern.search(low) and re.search(r"\d{4,}", ln):
                add(code, 2.0, "registration")
        # "BTW BE0069.241.841", "TVA FR 12 345678901": a VAT number says its country in its
        # first two letters (a Belgian card's Dutch label is no Dutch card)
        for code in _vat_regions(ln):
            add(code, 4.0, "VAT number")
        for w in re.findall(r"[^\W\d_][\w.]*", low):
            code = label_lang.get(w) or label_lang.get(w.rstrip("."))
            if code:
                add(code, 0.7, "labels")
        # the street word's language ("Prinsengracht 27", "Calle Mayor, 10"), on a line with a number
        if re.search(r"\d", ln) and len(ln) < 80:
            for codes in _street_word_regions(low):
                for c in codes:
                    add(c, 1.0 / len(codes), "street")
    # a website's country domain says more than a mailbox's (libero.it, web.de are free mail)
    seen_tlds: set[tuple[str, str]] = set()
    for kind, h in [("url", host_of(u.value)) for u in urls] + \
            [("mail", f.value.split("@", 1)[-1].lower()) for f in emails]:
        code = tld_region(h)
        if not code or (kind, code) in seen_tlds:
            continue
        seen_tlds.add((kind, code))
        add(code, 2.5 if kind == "url" else (1.0 if h.split(".")[0] in _FREE_MAIL else 1.5), "tld")
    # numbers without +CC: which plans call them valid?
    runs = []
    mobiles = set()  # the indices of the runs labelled as a mobile's ("Mobiel", "Handy", "Cel.")
    for ln in lines:
        fixed = repair_digits(ln)
        # two numbers on a line joined by a spaced dash or slash are two runs
        joints = [j.start() for j in re.finditer(r"(?<=\d)\s+[-–/|·]\s+(?=[+(]?\d)", fixed)]
        prev_end = 0
        for start, raw in _runs_between(fixed, joints):
            digits = re.sub(r"\D", "", raw)
            if 7 <= len(digits) <= 13 and not _non_phone_context(fixed, start) and not raw.lstrip("(").startswith("00"):
                if _label_before(fixed, start, prev_end)[0] == "mobile":
                    mobiles.add(len(runs))
                runs.append(raw)
            prev_end = start + len(raw)
    runs = runs[:12]
    mobiles = {i for i in mobiles if i < len(runs)}
    if runs:
        # a fixed order, so that a tie between plans is settled the same way on every run
        cands = list(dict.fromkeys([*scores, default_region.upper(), *_MAIN_REGIONS]))
        for code in cands:
            valid = agreed = 0
            for i, raw in enumerate(runs):
                if not _dialled_at_home(raw, code):
                    continue
                try:
                    num = phonenumbers.parse(raw, code)
                    if phonenumbers.is_valid_number(num) and phonenumbers.region_code_for_number(num) in (code, None) or (
                            phonenumbers.is_valid_number(num) and num.country_code == phonenumbers.country_code_for_region(code)):
                        valid += 1
                        # a number labelled as a mobile's that this plan calls a mobile's ("Mobiel
                        # 0471 76 3461" is a Belgian mobile, and a landline of Bremerhaven's)
                        agreed += i in mobiles and phonenumbers.number_type(num) in _MOBILE_TYPES
                except Exception:  # noqa: BLE001
                    continue
            if valid:
                add(code, 1.5 * valid / len(runs) + 0.3 * valid, "numbering plan")
            if agreed:
                add(code, MOBILE_AGREES * agreed / len(mobiles), "numbering plan")
            # printed the way that country groups its digits ("07 60 01 56 66" is French),
            # and more so with its separators too ("080-7772-6714" is Japanese, where Italy
            # groups the same digits with spaces). A number printed exactly so counts as a share
            # of the numbers the plan takes, not of all: a number cut short, which a lenient
            # plan takes, weighs nothing against it ("02 46 08 80 97" beside "07 77 89 23")
            grouped = exact = 0
            for raw in runs:
                try:
                    num = phonenumbers.parse(raw, code)
                    if not phonenumbers.is_valid_number(num):
                        continue
                    fmt = phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.NATIONAL)
                except Exception:  # noqa: BLE001
                    continue
                if re.findall(r"\d+", fmt) == re.findall(r"\d+", raw) and len(re.findall(r"\d+", raw)) > 1:
                    grouped += 1
                    exact += re.sub(r"\s+", " ", raw.strip()) == fmt
            if grouped:
                add(code, 1.6 * grouped / len(runs) + exact / max(valid, exact), "number format")
    if not scores:
        return None, ""
    dflt = (default_region or "").upper()
    best = max(scores, key=lambda c: (scores[c] + (0.25 if c == dflt else 0.0), c == dflt))
    if scores[best] < 1.0:
        return None, ""
    return best, why.get(best, "numbering plan")


def fields(lines_in: Iterable[str], *, region: Optional[str] = None, default_region: str = "US",
           boxes: Optional[list[tuple[int, int, int, int]]] = None) -> Fields:
    """Run every finder over a card's lines; `region` is the user's explicit choice, if any."""
    lines = [repair_links(repair_letters(clean(t))) for t in list(lines_in)[:MAX_LINES]]
    if boxes is not None:
        boxes = list(boxes)[: len(lines)]
    emails = find_emails(lines)
    used: dict[int, list[tuple[int, int]]] = {}
    for f in emails:
        used.setdefault(f.evidence.line, []).append(f.evidence.span)
    urls, socials = find_links(lines, used)
    for f in list(urls) + list(socials):
        used.setdefault(f.evidence.line, []).append(f.evidence.span)
    urls = [u for u in urls if _names_a_site(u.value)]
    emails = [_stray_before_site(e, urls) for e in emails]
    urls = [_host_from_email(_tld_from_email(u, emails), emails) for u in urls]
    emails, urls = _l_over_i(emails, urls)
    emails = [_mailbox_named_after_site(e, urls) for e in _domains_completed(emails, urls)]
    emails = [_tld_from_siblings(e, emails, urls) for e in emails]
    for site_finder in (_site_without_dots, _site_from_mail_domain):
        for f in site_finder(lines, emails, urls, used):
            urls.append(f)
            used.setdefault(f.evidence.line, []).append(f.evidence.span)
    for f in _emails_at_site(lines, emails, urls, used):
        emails.append(f)
        used.setdefault(f.evidence.line, []).append(f.evidence.span)
        (a, b), line = f.evidence.span, f.evidence.line
        urls = [u for u in urls if not (u.evidence.line == line and a <= u.evidence.span[0] and u.evidence.span[1] <= b)]
    domains = {e.value.rsplit("@", 1)[-1].lower() for e in emails} | {host_of(u.value) for u in urls}
    for u in list(urls):
        mail = _mail_read_as_site(u, domains - {host_of(u.value)})
        if mail is not None:
            # (the address read twice, once right: the misread copy is no website either)
            urls.remove(u)
            if mail.value.lower() not in {e.value.lower() for e in emails}:
                emails.append(mail)
    handles = find_handles(lines, used)
    for f in handles:
        used.setdefault(f.evidence.line, []).append(f.evidence.span)
    socials = socials + [h for h in handles if h.url.lower() not in {s.url.lower() for s in socials}]
    bare = find_bare_handles(lines, used)
    for f in bare:
        used.setdefault(f.evidence.line, []).append(f.evidence.span)
    if region and region.strip().upper() not in phonenumbers.SUPPORTED_REGIONS:
        region = None  # not a country phonenumbers knows: weigh the card's own evidence instead
    if region:
        reg, how = region.strip().upper(), "option"
    else:
        reg, how = infer_region(lines, emails, urls, default_region or "US")
        if not reg:
            reg, how = (default_region or "US").upper(), "default"
    for i, line in _country_dots(lines, reg).items():
        # (the address is the line's last word: the spans found before it stay where they were)
        lines[i] = line
        found = [replace(f, evidence=replace(f.evidence, line=i)) for f in find_emails([line])]
        sites = [replace(f, evidence=replace(f.evidence, line=i)) for f in find_links([line], {0: used.get(i, [])})[0]]
        for f in found + [u for u in sites if _names_a_site(u.value)]:
            a, b = f.evidence.span
            if any(x < b and a < y for x, y in used.get(i, [])):
                continue
            (emails if "@" in f.value else urls).append(f)
            used.setdefault(i, []).append(f.evidence.span)
    # (the TLDs the card's addresses spell right, to tell which a label with a stray letter is)
    tlds = {t for f in emails + urls if _is_tld(t := _address_host(f.value).rpartition(".")[2])}
    urls = [_tld_of_region(_last_label_mended(u, reg, tlds), reg) for u in urls]
    urls = _distinct(_without_cut_copies(urls), site_key)
    emails = _distinct([_free_mail_spelt(_tld_of_region(_last_label_mended(e, reg, tlds), reg)) for e in emails],
                       lambda v: v.casefold())
    incomplete: list[Found] = []
    phones = find_phones(lines, reg, boxes, used, incomplete)
    notes = [f"social handle {b.value}" for b in bare]
    for f in incomplete:
        used.setdefault(f.evidence.line, []).append(f.evidence.span)
        notes.append(f"phone number as printed, not complete: {f.value}")
    for p in phones:
        used.setdefault(p.evidence.line, []).append(p.evidence.span)
        if p.ext:
            notes.append(f"extension {p.ext} on {p.number}")
    for i, line in enumerate(lines):
        m = _non_phone_re().search(line)
        # registration and tax numbers are kept as notes; postal, bank and other numbers are not
        if m and re.search(r"\d{5,}", re.sub(r"[\s.\-/]", "", line[m.end():])) and m.group(0).lower().rstrip(".:") not in _NOT_NOTES:
            notes.append(line)
    return Fields(
        lines=tuple(lines), emails=tuple(emails), phones=tuple(phones), urls=tuple(urls), socials=tuple(socials),
        notes=tuple(dict.fromkeys(notes)), region=reg, region_source=how,
        used=tuple(tuple(used.get(i, ())) for i in range(len(lines))),
    )
