"""Contacts as vCard 3.0 (default) or 4.0 text.

A small serializer of our own instead of vobject (see design/VCARD.md §4.3):
vobject leaves PHOTO unfolded, does not fold lines that are short in
characters but long in octets, and escapes URL values like text.

What every card looks like, and why:

* CRLF everywhere; lines folded at 75 octets, never inside a UTF-8 character
  and never leaving an empty continuation. Folds avoid landing next to a
  space, because some importers trim line ends or eat all leading blanks.
* Text values escape ``\\ , ; newline``; URI values (URL, X-SOCIALPROFILE,
  4.0 TEL and PHOTO) are not escaped but percent-encode the few characters a
  URI cannot hold. Control characters other than TAB are removed; CR, CRLF
  and the Unicode line separators become one newline (escaped as ``\\n``).
* FN and N are always present. With no name, FN falls back to the company,
  then the e-mail, then the phone, then "Unknown", and N is written empty
  (with ``X-ABShowAs:COMPANY`` so Apple lists the card under its company).
  A name with a full form but no parts goes to N's given-name slot, because
  Apple and Android build the displayed name from N, not FN.
* TEL types: mobile→CELL, work→WORK,VOICE, fax→WORK,FAX, other→VOICE
  (design doc §2.3/§2.5: Android needs CELL, and WORK,FAX is its "Work fax").
  3.0 TEL is text: the E.164 number, and an extension as ``+14155550100 x12``.
  The ``x`` form needs no vCard escaping (a pause ``,`` or wait ``;`` would
  have to be written ``\\,``/``\\;``, which some importers keep literally) and
  it is the extension notation libphonenumber (Android, Google Contacts) and
  Outlook parse as an extension. 4.0 TEL is ``tel:+14155550100;ext=12``.
* Social profiles: ``X-SOCIALPROFILE;TYPE=linkedin:https://…`` (read by
  Apple) plus a plain URL line, which every other importer shows.
* UID is ``urn:uuid:`` + uuid5 of the contact's content, so scanning the same
  card again gives the same UID and importers update instead of duplicating.
* PHOTO is re-encoded smaller with Pillow when it would push the card towards
  Google's 128 KB per-contact limit; a photo Pillow cannot read is left out.
* Values are capped (MAX_VALUE_CHARS, MAX_NOTE_CHARS): no real card holds
  that much text, and it keeps one noisy OCR result from making a card that
  importers refuse. If a card still grows past CARD_TARGET, NOTE is
  shortened first (then the photo is left out).
"""
from __future__ import annotations

import base64
import io
import json
import re
import unicodedata
import uuid
from datetime import datetime, timezone
from typing import Iterable, Optional, Sequence

from . import __version__
from .models import Contact, Phone, ScanOutcome

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
CARD_LIMIT = 131072          # Google's per-contact limit (design doc §2.4)
CARD_TARGET = 100_000        # what we aim below, leaving room for importers' own additions
PHOTO_MAX_BYTES = 48_000     # raw JPEG; about 66 KB once base64-encoded and folded
MAX_VALUE_CHARS = 4000
MAX_NOTE_CHARS = 16000
PRODID = f"-//cardscan//cardscan {__version__}//EN"
# A fixed namespace so UIDs are stable across runs and machines.
UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/cardscan/cardscan/contact")

TEL_TYPES_30 = {"mobile": "CELL", "work": "WORK,VOICE", "fax": "WORK,FAX", "other": "VOICE"}
TEL_TYPES_40 = {"mobile": "cell", "work": "work,voice", "fax": "work,fax", "other": "voice"}

_NEWLINES = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0 (except TAB and LF), DEL, C1, and lone surrogates (which cannot be encoded)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_E164 = re.compile(r"\+[1-9]\d{1,14}")
# characters that may not appear raw in a URI (RFC 3986) and that we can meet in OCR text
_URI_UNSAFE = re.compile(r'[\s"<>\\^`{|}]')


# ---------------------------------------------------------------- text helpers

def clean(value: Optional[str], *, multiline: bool = True, limit: int = MAX_VALUE_CHARS) -> str:
    """A value as it may be written: no control characters, one kind of newline, trimmed.

    With multiline=False newlines become single spaces (for one-line fields in
    formats that cannot hold a line break, such as a file name).
    """
    s = _NEWLINES.sub("\n", value or "")
    s = _CONTROL.sub("", s)
    if not multiline:
        s = re.sub(r"[ \t]*\n[ \t]*", " ", s)
    s = s.strip()
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s


def escape_text(value: str) -> str:
    """vCard text escaping (RFC 2426 §4, RFC 6350 §3.4)."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\n", "\\n"))


def clean_uri(value: Optional[str]) -> str:
    """A URI value: one line, no controls, and percent-encoded where a URI cannot hold a character.

    URI values are never backslash-escaped (design doc §1.3).
    """
    s = clean(value, multiline=False)
    return _URI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), s)


def web_url(value: Optional[str]) -> str:
    """A URL for URL lines; a bare host such as www.example.com gets https://.

    Scheme and host are lower-cased (they are case-insensitive, and OCR of
    capitals on a card gives WWW.EXAMPLE.COM); the path keeps its case.
    """
    s = clean_uri(value)
    if s and not _SCHEME.match(s):
        s = "https://" + s.lstrip("/")
    m = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*://)([^/?#@]*)(?=[/?#]|$)", s)
    if m:
        s = m.group(1).lower() + m.group(2).lower() + s[m.end():]
    return s


def fold(line: str) -> str:
    """Fold one content line at 75 octets; return it with its CRLF(s)."""
    if len(line.encode("utf-8")) <= MAX_LINE_OCTETS:
        return line + CRLF
    chunks: list[str] = []
    start, i, size, limit = 0, 0, 0, MAX_LINE_OCTETS
    while i < len(line):
        n = len(line[i].encode("utf-8"))
        if size + n > limit:
            cut = _soft_cut(line, start, i)
            chunks.append(line[start:cut])
            start = i = cut
            size, limit = 0, MAX_LINE_OCTETS - 1  # the continuation's leading space counts
            continue
        size += n
        i += 1
    chunks.append(line[start:])
    return CRLF.join([chunks[0]] + [" " + c for c in chunks[1:]]) + CRLF


def _soft_cut(line: str, start: int, hard: int) -> int:
    """Cut at `hard`, or a little earlier so no space sits at either side of the fold."""
    for k in range(hard, max(start + 1, hard - 8) - 1, -1):
        if k > start and not line[k - 1].isspace() and not line[k].isspace():
            return k
    return hard


# ---------------------------------------------------------- contact helpers

def name_parts(contact: Contact) -> tuple[str, str, str, str, str]:
    """(prefix, given, middle, family, suffix), cleaned to one line each.

    A name known only as a whole goes into `given`: importers build the
    displayed name from these parts.
    """
    n = contact.name
    if n is None:
        return ("", "", "", "", "")
    parts = tuple(clean(x, multiline=False) for x in
                  (n.prefix, n.given, n.middle, n.family, n.suffix))
    if not any(parts):
        return ("", clean(n.full, multiline=False), "", "", "")
    return parts  # type: ignore[return-value]


def full_name(contact: Contact) -> str:
    """The person's name as one line, or "" when the card has none."""
    n = contact.name
    if n is None:
        return ""
    full = clean(n.full, multiline=False)
    if full:
        return full
    return " ".join(p for p in name_parts(contact) if p)


def display_name(contact: Contact) -> str:
    """FN: the name, else the company, else the e-mail, else the phone, else "Unknown"."""
    for candidate in (full_name(contact), clean(contact.org, multiline=False)):
        if candidate:
            return candidate
    for email in contact.emails:
        if clean(email):
            return clean(email, multiline=False)
    for phone in contact.phones:
        text = phone_text(phone)
        if text:
            return text
    return "Unknown"


def phone_type(phone: Phone) -> str:
    return phone.type if phone.type in TEL_TYPES_30 else "other"


def e164(phone: Phone) -> str:
    """The phone's E.164 number, or "" when it does not hold one."""
    number = re.sub(r"[\s\-().]", "", clean(phone.number, multiline=False))
    return number if _E164.fullmatch(number) else ""


def extension(phone: Phone) -> str:
    return re.sub(r"\D", "", phone.ext or "")


def phone_text(phone: Phone) -> str:
    """The number as text: +14155550100, or +14155550100 x12 with an extension.

    A number that is not E.164 is written as given (with its extension);
    with no number at all, the printed form is used as it is.
    """
    ext = extension(phone)
    number = e164(phone) or clean(phone.number, multiline=False)
    if not number:
        return clean(phone.printed, multiline=False)  # it shows the extension if it had one
    return f"{number} x{ext}" if ext else number


def country_name(code: str) -> str:
    """An ISO 3166 alpha-2 code as its English name (importers expect a name); else the text."""
    text = clean(code, multiline=False)
    if len(text) == 2 and text.isascii() and text.isalpha():
        from cardscan.extract import locale_data  # large table: load only when needed
        names = locale_data().get(text.upper())
        if names:
            name = names.get("en", "")
            while name.startswith("*"):  # "*aa" points at another language's entry
                name = names.get(name[1:], "")
            if name:
                return name
    return text


def content_uid(contact: Contact) -> str:
    """A UID that depends only on what the contact says.

    Built from an explicit list of fields (not from to_dict()), so confidences,
    warnings or a field added to the model later never change a contact's UID
    and make importers create a duplicate.
    """
    n = contact.name
    a = contact.address
    d = {
        "name": [n.full, n.prefix, n.given, n.middle, n.family, n.suffix] if n else None,
        "title": contact.title, "org": contact.org,
        "emails": list(contact.emails),
        "phones": [[p.number, p.type, p.ext] for p in contact.phones],
        "urls": list(contact.urls),
        "socials": [[s.service, s.url] for s in contact.socials],
        "address": [a.text, a.street, a.city, a.region, a.postcode, a.country, a.pobox] if a else None,
    }
    canonical = json.dumps(d, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, canonical)}"


def _valid_emails(contact: Contact) -> tuple[list[str], list[str]]:
    """(e-mails to write, text that only looked like one and goes to NOTE instead)."""
    good: list[str] = []
    bad: list[str] = []
    for e in contact.emails:
        s = clean(e, multiline=False)
        if not s:
            continue
        (good if "@" in s else bad).append(s)
    return good, bad


# ------------------------------------------------------------------ the card

def card(contact: Contact, *, version: str = "3.0", note: Optional[str] = None,
         categories: Sequence[str] = (), photo_jpeg: Optional[bytes] = None,
         uid: Optional[str] = None, rev: Optional[datetime] = None) -> str:
    """One vCard for `contact`, as text with CRLF line ends."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard version must be 3.0 or 4.0, not {version!r}")
    v4 = version == "4.0"
    props: list[str] = [f"VERSION:{version}", f"PRODID:{escape_text(PRODID)}"]

    props.append("FN:" + escape_text(display_name(contact)))
    prefix, given, middle, family, suffix = name_parts(contact)
    props.append("N:" + ";".join(escape_text(p) for p in (family, given, middle, prefix, suffix)))
    org = clean(contact.org, multiline=False)
    if org:
        props.append("ORG:" + escape_text(org))
        if not full_name(contact):
            props.append("X-ABShowAs:COMPANY")
    title = clean(contact.title)
    if title:
        props.append("TITLE:" + escape_text(title))

    reach, leftovers = _reach_props(contact, v4)
    props += reach
    if contact.address is not None:
        adr = _adr(contact)
        if adr:
            props.append(f"ADR;TYPE={'work' if v4 else 'WORK'}:{adr}")
    props += _web_props(contact)

    notes = [clean(n, limit=MAX_NOTE_CHARS) for n in (note, *contact.notes)] + leftovers
    note_text = clean("\n".join(n for n in notes if n), limit=MAX_NOTE_CHARS)
    note_at = len(props)
    if note_text:
        props.append("NOTE:" + escape_text(note_text))
    cats = [escape_text(c) for c in (clean(c, multiline=False) for c in categories) if c]
    if cats:
        props.append("CATEGORIES:" + ",".join(cats))
    if rev is not None:
        props.append("REV:" + _timestamp(rev, v4))
    props.append(_uid(uid, contact, v4))

    head, tail = "BEGIN:VCARD" + CRLF, "END:VCARD" + CRLF
    body = "".join(fold(p) for p in props)
    excess = len((head + body + tail).encode("utf-8")) - CARD_TARGET
    while excess > 0 and note_text:
        # NOTE is the free-form catch-all, so it gives way first when a card is too big
        size = len(note_text.encode("utf-8"))
        keep = max(0, len(note_text) * (size - excess - 512) // size)
        note_text = clean(note_text, limit=keep) if keep > 1 else ""
        if note_text:
            props[note_at] = "NOTE:" + escape_text(note_text)
        else:
            del props[note_at]
        body = "".join(fold(p) for p in props)
        excess = len((head + body + tail).encode("utf-8")) - CARD_TARGET
    if photo_jpeg:
        room = CARD_TARGET - len((head + body + tail).encode("utf-8"))
        photo = _photo_line(photo_jpeg, room, v4)
        if photo:
            body += photo
    return head + body + tail


def _reach_props(contact: Contact, v4: bool) -> tuple[list[str], list[str]]:
    """TEL and EMAIL lines, and the text that was not a usable phone or e-mail (for NOTE)."""
    props: list[str] = []
    leftovers: list[str] = []
    for phone in contact.phones:
        line = _tel(phone, v4)
        if line:
            props.append(line)
        elif clean(phone.printed) or clean(phone.number):
            leftovers.append("Phone: " + (clean(phone.printed, multiline=False)
                                          or clean(phone.number, multiline=False)))
    emails, not_emails = _valid_emails(contact)
    email_type = "work" if v4 else "INTERNET,WORK"
    props += [f"EMAIL;TYPE={email_type}:{escape_text(e)}" for e in emails]
    leftovers += ["E-mail: " + e for e in not_emails]
    return props, leftovers


def _web_props(contact: Contact) -> list[str]:
    """URL lines, and X-SOCIALPROFILE plus a URL line for each social profile."""
    props: list[str] = []
    seen_urls: set[str] = set()
    for u in contact.urls:
        url = web_url(u)
        if url and url.casefold() not in seen_urls:
            seen_urls.add(url.casefold())
            props.append("URL:" + url)
    for social in contact.socials:
        url = web_url(social.url)
        if not url:
            continue
        service = re.sub(r"[^a-z0-9-]", "", clean(social.service).lower()) or "other"
        params = f";TYPE={service}"
        handle = clean(social.handle, multiline=False).lstrip("@")
        if re.fullmatch(r"[A-Za-z0-9._-]{1,100}", handle):  # only what needs no quoting
            params += f";X-USER={handle}"
        props.append(f"X-SOCIALPROFILE{params}:{url}")
        if url.casefold() not in seen_urls:
            seen_urls.add(url.casefold())
            props.append("URL:" + url)
    return props


def _tel(phone: Phone, v4: bool) -> str:
    """A TEL line, or "" when the phone holds no digit (it then goes to NOTE)."""
    kind = phone_type(phone)
    number, ext = e164(phone), extension(phone)
    if v4 and number:
        uri = f"tel:{number}" + (f";ext={ext}" if ext else "")
        return f"TEL;VALUE=uri;TYPE={TEL_TYPES_40[kind]}:{uri}"
    text = phone_text(phone)
    if not re.search(r"\d", text):
        return ""
    types = TEL_TYPES_40[kind] if v4 else TEL_TYPES_30[kind]
    return f"TEL;TYPE={types}:{escape_text(text)}"


def _adr(contact: Contact) -> str:
    """ADR's seven components, or "" when the address is empty."""
    a = contact.address
    assert a is not None
    parts = [clean(a.pobox), "", clean(a.street), clean(a.city, multiline=False),
             clean(a.region, multiline=False), clean(a.postcode, multiline=False),
             country_name(a.country)]
    if not any(parts):
        # only the free text is known: it goes in the street slot, lines kept
        parts[2] = clean(a.text)
    if not any(parts):
        return ""
    return ";".join(escape_text(p) for p in parts)


def _timestamp(rev: datetime, v4: bool) -> str:
    if rev.tzinfo is not None:
        rev = rev.astimezone(timezone.utc)  # a naive time is taken as UTC already
    return rev.strftime("%Y%m%dT%H%M%SZ" if v4 else "%Y-%m-%dT%H:%M:%SZ")


def _uid(uid: Optional[str], contact: Contact, v4: bool) -> str:
    """The UID line: the caller's UID when given, else one derived from the content."""
    given = clean(uid, multiline=False)
    if not given:
        return "UID:" + content_uid(contact)
    if _SCHEME.match(given):
        return "UID:" + clean_uri(given)
    # in 4.0 UID is a URI unless reset to text; in 3.0 it is always text
    return ("UID;VALUE=text:" if v4 else "UID:") + escape_text(given)


def _photo_line(jpeg: bytes, room: int, v4: bool) -> str:
    """The folded PHOTO line, or "" when no photo fits or the data is not an image."""
    # base64 grows data by 4/3 and folding adds 3 octets per 74: stay inside `room`
    budget = min(PHOTO_MAX_BYTES, int(room * 0.72) - 64)
    if budget < 2000:
        return ""
    data = shrink_jpeg(jpeg, budget)
    if data is None:
        return ""
    b64 = base64.b64encode(data).decode("ascii")
    if v4:
        return fold("PHOTO:data:image/jpeg;base64," + b64)
    return fold("PHOTO;ENCODING=b;TYPE=JPEG:" + b64)


def shrink_jpeg(data: bytes, budget: int) -> Optional[bytes]:
    """`data` as a JPEG of at most `budget` bytes, re-encoded smaller when needed.

    Returns None when the bytes are not an image Pillow can read or no size fits.
    """
    if data[:3] == b"\xff\xd8\xff" and len(data) <= budget:
        return data
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            im.load()
            img = im.convert("L" if im.mode in ("1", "L", "LA", "I;16") else "RGB")
    except Exception:  # Pillow raises many types for bad data; a photo is optional
        return None
    for side in (1024, 800, 640, 480, 360, 240, 160, 96):
        small = img.copy()
        small.thumbnail((side, side))
        for quality in (85, 70, 55, 40):
            out = io.BytesIO()
            small.save(out, "JPEG", quality=quality, optimize=True)
            if out.tell() <= budget:
                return out.getvalue()
    return None


# ------------------------------------------------------------- many cards

def cards(items: Iterable[ScanOutcome], *, version: str = "3.0", note: Optional[str] = None,
          categories: Sequence[str] = (), embed_photo: bool = False,
          rev: Optional[datetime] = None) -> list[str]:
    """One vCard per outcome that has a contact, in order (failed outcomes are skipped)."""
    out: list[str] = []
    for item in items:
        if item.contact is None or item.error is not None:
            continue
        out.append(card(item.contact, version=version, note=note, categories=categories,
                        photo_jpeg=item.card_jpeg if embed_photo else None, rev=rev))
    return out


def dumps(items: Iterable[ScanOutcome], *, version: str = "3.0", note: Optional[str] = None,
          categories: Sequence[str] = (), embed_photo: bool = False,
          rev: Optional[datetime] = None) -> str:
    """One .vcf text holding a card for every outcome that has a contact."""
    return "".join(cards(items, version=version, note=note, categories=categories,
                         embed_photo=embed_photo, rev=rev))


# -------------------------------------------------------------- file names

_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                     *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
                     "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³"}
# Windows-forbidden characters, controls, and bidi controls (which can make
# "x\u202egpj.vcf" display as "xfcv.jpg")
_FILENAME_BAD = re.compile('[<>:"/\\\\|?*\x00-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]')
MAX_STEM_CHARS = 80
MAX_STEM_BYTES = 180  # leaves room for "-12345.vcf" under the common 255-byte limit


def split_filenames(contacts: Sequence[Optional[Contact]]) -> list[str]:
    """One safe, unique .vcf file name per contact, for writing one card per file.

    From the name, else the company, else "contact". Safe on Windows, macOS and
    Linux: no separators, no leading dot (no hidden files, no ".."), no
    reserved device names, bounded length; unique ignoring case (as on macOS
    and Windows) with -2, -3, … added.
    """
    taken: set[str] = set()
    names: list[str] = []
    for contact in contacts:
        stem = _safe_stem(contact)
        candidate, k = stem, 1
        while candidate.casefold() in taken:
            k += 1
            candidate = f"{stem}-{k}"
        taken.add(candidate.casefold())
        names.append(candidate + ".vcf")
    return names


def _safe_stem(contact: Optional[Contact]) -> str:
    raw = ""
    if contact is not None:
        raw = full_name(contact) or clean(contact.org, multiline=False)
    s = unicodedata.normalize("NFC", clean(raw, multiline=False))
    s = _FILENAME_BAD.sub(" ", s)
    s = re.sub(r"\.{2,}", ".", s)  # no ".." anywhere, even where it is harmless
    s = re.sub(r"\s+", " ", s)
    s = s.strip(" ._-")  # no hidden files, no "..", no trailing dot/space (Windows)
    if len(s) > MAX_STEM_CHARS:
        s = s[:MAX_STEM_CHARS]
    while len(s.encode("utf-8")) > MAX_STEM_BYTES:
        s = s[:-1]
    s = s.rstrip(" .")
    if not s.strip("_"):
        s = "contact"
    if s.split(".")[0].strip().upper() in _WINDOWS_RESERVED:
        s = "_" + s
    return s
