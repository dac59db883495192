"""Scan outcomes as JSON Lines: one object per card, a stable interface.

The shape is spelled out here field by field rather than taken from
``Contact.to_dict()``, so that adding a field to the model never changes what
scripts built on this output receive. A card::

    {"source", "card", "name", "title", "org", "emails", "phones", "urls",
     "socials", "address", "notes", "confidence", "field_confidence",
     "warnings", "merged_from"}

and an input that failed: ``{"source", "card": null, "error"}``.

Text is written as UTF-8 (``ensure_ascii=False``). Three characters that
are legal in JSON strings but that ``str.splitlines()`` and JavaScript treat as
line breaks (U+0085, U+2028, U+2029) are written as ``\\u`` escapes, so every
object stays on exactly one line; a lone surrogate (not encodable) becomes
U+FFFD. Numbers are finite: a NaN confidence is written as 0.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any, Iterable, Optional

from .models import PHONE_TYPES, Address, Contact, Name, Phone, ScanOutcome, Social

_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _s(value: Optional[str]) -> str:
    return _SURROGATE.sub("\ufffd", value or "")


def _opt(value: Optional[str]) -> Optional[str]:
    return None if value is None else _s(value)


def _conf(value: Any) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return 0.0
    if not math.isfinite(x):
        return 0.0
    return round(min(1.0, max(0.0, x)), 3)


def _name(n: Optional[Name]) -> Optional[dict[str, str]]:
    if n is None:
        return None
    return {"full": _s(n.full), "prefix": _s(n.prefix), "given": _s(n.given),
            "middle": _s(n.middle), "family": _s(n.family), "suffix": _s(n.suffix)}


def _phone(p: Phone) -> dict[str, Any]:
    # the type is one of four words consumers can switch on, whatever the model holds
    kind = p.type if p.type in PHONE_TYPES else "other"
    return {"number": _s(p.number), "type": kind, "ext": _opt(p.ext) or None,
            "printed": _s(p.printed)}


def _social(s: Social) -> dict[str, str]:
    return {"service": _s(s.service), "url": _s(s.url), "handle": _s(s.handle)}


def _address(a: Optional[Address]) -> Optional[dict[str, str]]:
    if a is None:
        return None
    return {"text": _s(a.text), "street": _s(a.street), "city": _s(a.city),
            "region": _s(a.region), "postcode": _s(a.postcode), "country": _s(a.country),
            "pobox": _s(a.pobox)}


def contact_dict(outcome: ScanOutcome, contact: Contact) -> dict[str, Any]:
    """The object for one card, keys in the documented order."""
    return {
        "source": _s(outcome.source),
        "card": outcome.card_index,
        "name": _name(contact.name),
        "title": _opt(contact.title),
        "org": _opt(contact.org),
        "emails": [_s(e) for e in contact.emails],
        "phones": [_phone(p) for p in contact.phones],
        "urls": [_s(u) for u in contact.urls],
        "socials": [_social(s) for s in contact.socials],
        "address": _address(contact.address),
        "notes": [_s(n) for n in contact.notes],
        "confidence": _conf(contact.confidence),
        "field_confidence": {_s(k): _conf(v) for k, v in contact.field_confidence},
        "warnings": [_s(w) for w in contact.warnings],
        "merged_from": [{"source": _s(src), "card": idx} for src, idx in outcome.merged_from],
    }


def to_dict(outcome: ScanOutcome) -> dict[str, Any]:
    """The JSON object for one outcome: a card, or an error for an input that failed."""
    if outcome.error is not None or outcome.contact is None:
        return {"source": _s(outcome.source), "card": None,
                "error": _s(outcome.error) or "no contact was found"}
    return contact_dict(outcome, outcome.contact)


def line(outcome: ScanOutcome) -> str:
    """One JSON Lines object (without the trailing newline)."""
    text = json.dumps(to_dict(outcome), ensure_ascii=False, allow_nan=False)
    for raw, escaped in _LINE_BREAKS.items():
        text = text.replace(raw, escaped)  # these only ever occur inside strings
    return text


def dumps(items: Iterable[ScanOutcome]) -> str:
    """Every outcome as JSON Lines, each line ending with a newline."""
    return "".join(line(o) + "\n" for o in items)
