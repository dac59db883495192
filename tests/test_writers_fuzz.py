"""Property tests: any text OCR could produce, through every writer.

A fixed, derandomised budget keeps CI reproducible. The vCard checker is
loaded as a module (see test_vcard.problems) so each example costs no process.
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardscan import csvout, jsonout, merge, vcard
from cardscan.models import PHONE_TYPES, Address, Contact, Name, Phone, ScanOutcome, Social
from test_vcard import CHECKER, parse_one, problems

FUZZ = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces that have broken vCard and CSV writers before, mixed into arbitrary Unicode
# from every plane (controls and lone surrogates included).
NASTY = st.sampled_from([
    ",", ";", "\\", "\\n", "\n", "\r\n", "\r", ":", "\t", "\"", "'", "=", "+", "-", "@",
    "END:VCARD\r\nBEGIN:VCARD", "\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
    "\ufeff", "😀", "👩‍💻", "é", "日本語", "ﷺ", "\ud800", "=HYPERLINK(\"x\")", "  ",
])
ANY_CHAR = st.characters()
piece = st.one_of(NASTY, st.text(ANY_CHAR, max_size=12))
text = st.lists(piece, max_size=8).map("".join)
long_text = st.one_of(text, st.text(ANY_CHAR, min_size=200, max_size=3000),
                      st.lists(text, max_size=60).map("\n".join))
opt_text = st.one_of(st.none(), text)

e164 = st.from_regex(r"\+[1-9][0-9]{6,14}", fullmatch=True)
phones = st.builds(Phone, number=st.one_of(e164, text), type=st.sampled_from(PHONE_TYPES + ("pager",)),
                   ext=st.one_of(st.none(), st.from_regex(r"[0-9]{1,5}", fullmatch=True), text),
                   printed=text)
names = st.builds(Name, full=text, prefix=text, given=text, middle=text, family=text, suffix=text)
addresses = st.builds(Address, text=long_text, street=text, city=text, region=text, postcode=text,
                      country=st.one_of(st.sampled_from(["US", "de", "JP", "ZZ", ""]), text),
                      pobox=text)
emails = st.one_of(text, st.builds(lambda a, b: f"{a}@{b}", text, text))
contacts = st.builds(
    Contact,
    name=st.one_of(st.none(), names),
    title=opt_text, org=opt_text,
    emails=st.lists(emails, max_size=4).map(tuple),
    phones=st.lists(phones, max_size=6).map(tuple),
    urls=st.lists(text, max_size=3).map(tuple),
    socials=st.lists(st.builds(Social, service=text, url=text, handle=text), max_size=2).map(tuple),
    address=st.one_of(st.none(), addresses),
    notes=st.lists(long_text, max_size=3).map(tuple),
    confidence=st.floats(allow_nan=True, allow_infinity=True),
)
outcomes = st.lists(st.builds(ScanOutcome, source=text, card_index=st.integers(0, 9),
                              contact=st.one_of(st.none(), contacts),
                              error=st.one_of(st.none(), text)), max_size=4)

FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


# ------------------------------------------------------------------- vCard

@pytest.mark.skipif(not CHECKER.is_file(), reason="check_vcard.py not found")
@FUZZ
@given(contact=contacts, version=st.sampled_from(["3.0", "4.0"]), note=opt_text,
       categories=st.lists(text, max_size=3))
def test_any_contact_gives_a_clean_card(contact, version, note, categories):
    out = vcard.card(contact, version=version, note=note, categories=categories)
    assert problems(out) == []
    assert len(out.encode("utf-8")) < vcard.CARD_LIMIT


@FUZZ
@given(contact=contacts, note=opt_text)
def test_any_contact_round_trips_through_vobject(contact, note):
    parsed = parse_one(vcard.card(contact, note=note))
    assert parsed.fn.value == vcard.display_name(contact)
    prefix, given_, middle, family, suffix = vcard.name_parts(contact)
    n = parsed.n.value
    assert (n.family, n.given, n.additional, n.prefix, n.suffix) == (family, given_, middle, prefix, suffix)
    org = vcard.clean(contact.org, multiline=False)
    assert (parsed.org.value == [org]) if org else "org" not in parsed.contents
    title = vcard.clean(contact.title)
    assert (parsed.title.value == title) if title else "title" not in parsed.contents
    good_emails = [e for e in (vcard.clean(x, multiline=False) for x in contact.emails) if "@" in e]
    assert [e.value for e in parsed.contents.get("email", [])] == good_emails
    tels = [t.value for t in parsed.contents.get("tel", [])]
    assert tels == [t for t in (vcard.phone_text(p) for p in contact.phones) if re.search(r"\d", t)]
    # nothing injected: exactly the properties we write, once each where single
    for single in ("version", "fn", "n", "uid", "prodid"):
        assert len(parsed.contents[single]) == 1
    assert set(parsed.contents) <= {"version", "prodid", "fn", "n", "org", "x-abshowas", "title",
                                    "tel", "email", "adr", "url", "x-socialprofile", "note",
                                    "categories", "uid"}


@pytest.mark.skipif(not CHECKER.is_file(), reason="check_vcard.py not found")
@settings(FUZZ, max_examples=40)
@given(data=st.one_of(st.binary(max_size=3000),
                      st.binary(max_size=3000).map(lambda b: b"\xff\xd8\xff" + b)),
       version=st.sampled_from(["3.0", "4.0"]))
def test_any_photo_bytes_give_a_clean_card(data, version):
    out = vcard.card(Contact(name=Name("X")), version=version, photo_jpeg=data)
    assert problems(out) == []


# --------------------------------------------------------------------- CSV

def _rows(text_: str) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(text_.removeprefix("\ufeff"), newline="")))
    assert all(len(r) == len(rows[0]) for r in rows)
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def _same(cell: str, expected: str) -> bool:
    """Equal, modulo the single quote that makes a formula-looking value inert."""
    return cell == expected or cell == "'" + expected


def _no_formula(row: dict[str, str]) -> None:
    for col, cell in row.items():
        if cell.lstrip(" \n").startswith(FORMULA):
            assert csvout.SAFE_PHONE.fullmatch(cell), (col, cell)


@FUZZ
@given(items=outcomes, note=opt_text, categories=st.lists(text, max_size=3))
def test_google_csv_keeps_values_and_runs_no_formula(items, note, categories):
    rows = _rows(csvout.google(items, note=note, categories=categories))
    good = [o.contact for o in items if o.ok]
    assert len(rows) == len(good)
    for row, c in zip(rows, good):
        _no_formula(row)
        prefix, given_, middle, family, suffix = vcard.name_parts(c)
        assert _same(row["First Name"], given_) and _same(row["Last Name"], family)
        assert _same(row["Middle Name"], middle) and _same(row["Name Prefix"], prefix)
        assert _same(row["Organization Name"], vcard.clean(c.org, multiline=False))
        assert _same(row["Organization Title"], vcard.clean(c.title, multiline=False))
        written_emails = [e for e in (vcard.clean(x, multiline=False) for x in c.emails) if e]
        for i, e in enumerate(written_emails, 1):
            assert _same(row[f"E-mail {i} - Value"], e)
        written_phones = [t for t in (vcard.phone_text(p) for p in c.phones) if t]
        for i, t in enumerate(written_phones, 1):
            assert _same(row[f"Phone {i} - Value"], t)
        if c.address is not None:
            assert _same(row["Address 1 - Formatted"], vcard.clean(c.address.text))


@FUZZ
@given(items=outcomes, note=opt_text, categories=st.lists(text, max_size=3))
def test_outlook_csv_keeps_values_and_runs_no_formula(items, note, categories):
    text_ = csvout.outlook(items, note=note, categories=categories)
    assert text_.startswith("\ufeff")
    rows = _rows(text_)
    good = [o.contact for o in items if o.ok]
    assert len(rows) == len(good)
    for row, c in zip(rows, good):
        _no_formula(row)
        assert list(row) == csvout.OUTLOOK_HEADER
        prefix, given_, middle, family, suffix = vcard.name_parts(c)
        assert _same(row["First Name"], given_) and _same(row["Last Name"], family)
        assert _same(row["Company"], vcard.clean(c.org, multiline=False))
        for e, col in zip([e for e in (vcard.clean(x, multiline=False) for x in c.emails) if e],
                          csvout.OUTLOOK_EMAILS):
            assert _same(row[col], e)
        written = [t for t in (vcard.phone_text(p) for p in c.phones) if t]
        for col in csvout.OUTLOOK_PHONE_COLUMNS:
            assert not row[col] or any(_same(row[col], t) for t in written), (col, row[col])


# -------------------------------------------------------------------- JSON

@FUZZ
@given(items=outcomes)
def test_json_lines_are_one_valid_object_per_outcome(items):
    out = jsonout.dumps(items)
    lines = out.splitlines()
    assert len(lines) == len(items)
    for line, o in zip(lines, items):
        d = json.loads(line)
        if o.ok:
            assert list(d)[:2] == ["source", "card"] and d["card"] == o.card_index
            assert 0.0 <= d["confidence"] <= 1.0
        else:
            assert d["card"] is None and d["error"]


# ------------------------------------------------------------------- merge

@FUZZ
@given(items=outcomes)
def test_merge_never_loses_an_input(items):
    out = merge.merge(items)
    assert len(out) <= len(items)
    assert [o for o in out if not o.ok] == [o for o in items if not o.ok]
    covered = set()
    for o in out:
        covered |= set(o.merged_from) or {(o.source, o.card_index)}
    assert {(o.source, o.card_index) for o in items if o.ok} <= covered
    # every merged contact still writes a clean card
    for o in out:
        if o.ok and CHECKER.is_file():
            assert problems(vcard.card(o.contact)) == []
