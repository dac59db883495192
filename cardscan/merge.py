"""Merging the same person scanned more than once (or a card's front and back).

Two outcomes are the same contact when they share

* an e-mail address (case-insensitive), or
* a mobile number (E.164), or
* the same name and the same company (ignoring case and spaces), or
* another phone number (work, fax, other), *unless* both sides carry names
  that differ.

The last rule exists because colleagues' cards often print the same office
switchboard or fax number: merging on it alone would fuse two people into
one. E-mail addresses and mobile numbers are personal, so they merge even
when the names differ — which also joins the two sides of a bilingual card
(a Latin-script front and a Japanese back, say).

Matching is transitive (union-find): A~B and B~C put A, B and C together.
The merged contact sits where its first member was; scalar fields (name,
title, org, address) come from the member most confident about that field,
the first one on a tie; lists are unioned in first-seen order without
duplicates; ``merged_from`` lists every (source, card) that went in.
Failed outcomes pass through untouched, and an outcome that shares no key
with another is returned as it is.

An empty contact (a logo-only back side) shares no key and so merges with
nothing; dropping such outcomes is the pipeline's decision
(`pipeline.has_details`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Optional, Sequence

from .models import NO_NAME, Address, Contact, Name, Phone, ScanOutcome, Social

_STRONG_PHONE_TYPES = {"mobile"}


# --------------------------------------------------------------- the keys

def _fold(text: Optional[str]) -> str:
    """Case-, width- and space-insensitive form of a text."""
    s = unicodedata.normalize("NFKC", text or "").casefold()
    return re.sub(r"\s+", "", s)


def _person(contact: Contact) -> str:
    n = contact.name
    if n is None:
        return ""
    return _fold(n.full) or _fold(" ".join((n.given, n.middle, n.family)))


def _number(phone: Phone) -> str:
    """The phone's number in E.164 form, or "" when it is too short to identify anyone."""
    digits = re.sub(r"\D", "", phone.number or "")
    return "+" + digits if len(digits) >= 7 else ""


def _email_key(email: str) -> str:
    s = _fold(email)
    return s if "@" in s else ""


def _strong_keys(c: Contact) -> list[tuple[str, str]]:
    keys = [("email", k) for k in map(_email_key, c.emails) if k]
    keys += [("mobile", _number(p)) for p in c.phones
             if p.type in _STRONG_PHONE_TYPES and _number(p)]
    person, org = _person(c), _fold(c.org)
    if person and org:
        keys.append(("name+org", person + "\x00" + org))
    return keys


class _Groups:
    """Union-find over outcome positions, with each group's set of person names."""

    def __init__(self, names: list[str]):
        self.parent = list(range(len(names)))
        self.names = [{n} if n else set() for n in names]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, *, unless_names_differ: bool = False) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if unless_names_differ and self.names[ra] and self.names[rb] \
                and self.names[ra] != self.names[rb]:
            return
        # the smaller position stays the root, so a group is found by its first member
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.names[ra] |= self.names[rb]


def merge(items: Sequence[ScanOutcome]) -> list[ScanOutcome]:
    """Merge outcomes that describe the same contact; see the module docstring."""
    ok = [i for i, o in enumerate(items) if o.ok]
    groups = _Groups([_person(items[i].contact) if items[i].ok else "" for i in range(len(items))])

    first_with: dict[tuple[str, str], int] = {}
    first_phone: dict[str, int] = {}
    for i in ok:
        c = items[i].contact
        assert c is not None
        for key in _strong_keys(c):
            groups.union(first_with.setdefault(key, i), i)
        for p in c.phones:
            if _number(p):
                first_phone.setdefault(_number(p), i)
    # Phone matches are applied after every strong key, so the name check sees whole
    # groups; input order keeps the result deterministic.
    for i in ok:
        c = items[i].contact
        assert c is not None
        for p in c.phones:
            if _number(p):
                groups.union(first_phone[_number(p)], i, unless_names_differ=True)

    members: dict[int, list[int]] = {}
    for i in ok:
        members.setdefault(groups.find(i), []).append(i)

    out: list[ScanOutcome] = []
    for i, o in enumerate(items):
        if not o.ok:
            out.append(o)
        elif groups.find(i) == i:
            group = members[i]
            out.append(o if len(group) == 1 else combine([items[k] for k in group]))
    return out


# ------------------------------------------------------------ combining

def combine(group: list[ScanOutcome]) -> ScanOutcome:
    """One outcome from reads of one contact: its scalar fields from the read most confident of
    each, its lists unioned, every read listed in merged_from; where the first read was."""
    contacts = [o.contact for o in group if o.contact is not None]
    first = group[0]
    name = _best(contacts, "name", lambda c: c.name)
    merged = Contact(
        name=name,
        title=_best(contacts, "title", lambda c: c.title),
        org=_best(contacts, "org", lambda c: c.org),
        address=_best(contacts, "address", lambda c: c.address),
        emails=_union((e for c in contacts for e in c.emails), key=_fold),
        phones=_merge_phones([p for c in contacts for p in c.phones]),
        urls=_union((u for c in contacts for u in c.urls), key=lambda u: _fold(u).rstrip("/")),
        socials=_union((s for c in contacts for s in c.socials), key=_social_key),
        notes=_union((n for c in contacts for n in c.notes), key=lambda n: n),
        confidence=max(c.confidence for c in contacts),
        field_confidence=_field_confidence(contacts),
        # (a read with no name, merged with one that has it, no longer lacks it)
        warnings=_union((w for c in contacts for w in c.warnings if not (name and w == NO_NAME)), key=lambda w: w),
    )
    sources: list[tuple[str, int]] = []
    for o in group:
        for ref in (o.merged_from or ((o.source, o.card_index),)):
            if ref not in sources:
                sources.append(ref)
    jpeg = next((o.card_jpeg for o in group if o.card_jpeg), None)
    return replace(first, contact=merged, card_jpeg=jpeg, merged_from=tuple(sources))


def _confidence_of(contact: Contact, field: str) -> float:
    for name, value in contact.field_confidence:
        if name == field:
            return value
    return contact.confidence


def _best(contacts: list[Contact], field: str, get):
    """The value of `field` from the contact most confident about it; the first on a tie."""
    best, best_conf = None, -1.0
    for c in contacts:
        value = get(c)
        if not _present(value):
            continue
        conf = _confidence_of(c, field)
        if conf > best_conf:
            best, best_conf = value, conf
    return best


def _present(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Name):
        return any(x.strip() for x in (value.full, value.given, value.family))
    if isinstance(value, Address):
        return any(x.strip() for x in (value.text, value.street, value.city, value.postcode,
                                       value.pobox))
    return True


def _union(values, key) -> tuple:
    seen: set = set()
    out = []
    for v in values:
        k = key(v)
        if k not in seen:
            seen.add(k)
            out.append(v)
    return tuple(out)


def _social_key(s: Social) -> tuple[str, str]:
    return (_fold(s.service), _fold(s.url).rstrip("/"))


def _merge_phones(phones: list[Phone]) -> tuple[Phone, ...]:
    """One entry per number (and extension); a later, more specific reading fills gaps."""
    out: dict[tuple[str, str], Phone] = {}
    for p in phones:
        key = (_number(p) or _fold(p.number) or _fold(p.printed), (p.ext or "").strip())
        have = out.get(key)
        if have is None:
            out[key] = p
            continue
        out[key] = replace(
            have,
            type=p.type if have.type == "other" and p.type != "other" else have.type,
            printed=have.printed or p.printed,
        )
    return tuple(out.values())


def _field_confidence(contacts: list[Contact]) -> tuple[tuple[str, float], ...]:
    best: dict[str, float] = {}
    for c in contacts:
        for name, value in c.field_confidence:
            best[name] = max(best.get(name, 0.0), value)
    return tuple(best.items())
