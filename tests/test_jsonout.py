"""JSON Lines: the exact, stable shape other tools build on."""
from __future__ import annotations

import json
import math

from cardscan import jsonout
from cardscan.models import Address, Contact, Name, Phone, ScanOutcome, Social
from test_vcard import typical

KEYS = ["source", "card", "name", "title", "org", "emails", "phones", "urls", "socials",
        "address", "notes", "confidence", "field_confidence", "warnings", "merged_from"]


def test_exact_line_for_a_typical_card():
    c = Contact(
        name=Name("Dr. Jane Q. Doe", "Dr.", "Jane", "Q.", "Doe"),
        title="Senior Engineer", org="Acme Corp.", emails=("jane@acme.com",),
        phones=(Phone("+14155550100", "work", "12", "(415) 555-0100 x12"),),
        urls=("https://acme.com",),
        socials=(Social("linkedin", "https://linkedin.com/in/janedoe", "janedoe"),),
        address=Address("12 Main St, Springfield, IL 62701", "12 Main St", "Springfield", "IL",
                        "62701", "US"),
        notes=("Zoë's card",), confidence=0.87654, field_confidence=(("name", 0.9),),
        warnings=("two candidate names",))
    o = ScanOutcome("photos/été.jpg", 1, c, merged_from=(("a.jpg", 0), ("b.jpg", 2)))
    assert jsonout.line(o) == (
        '{"source": "photos/été.jpg", "card": 1, '
        '"name": {"full": "Dr. Jane Q. Doe", "prefix": "Dr.", "given": "Jane", "middle": "Q.", '
        '"family": "Doe", "suffix": ""}, '
        '"title": "Senior Engineer", "org": "Acme Corp.", "emails": ["jane@acme.com"], '
        '"phones": [{"number": "+14155550100", "type": "work", "ext": "12", '
        '"printed": "(415) 555-0100 x12"}], '
        '"urls": ["https://acme.com"], '
        '"socials": [{"service": "linkedin", "url": "https://linkedin.com/in/janedoe", '
        '"handle": "janedoe"}], '
        '"address": {"text": "12 Main St, Springfield, IL 62701", "street": "12 Main St", '
        '"city": "Springfield", "region": "IL", "postcode": "62701", "country": "US", '
        '"pobox": ""}, '
        '"notes": ["Zoë\'s card"], "confidence": 0.877, "field_confidence": {"name": 0.9}, '
        '"warnings": ["two candidate names"], '
        '"merged_from": [{"source": "a.jpg", "card": 0}, {"source": "b.jpg", "card": 2}]}')


def test_keys_and_nulls_for_an_empty_contact():
    d = json.loads(jsonout.line(ScanOutcome("x.png", 0, Contact())))
    assert list(d) == KEYS
    assert d["name"] is None and d["title"] is None and d["org"] is None and d["address"] is None
    assert d["emails"] == d["phones"] == d["urls"] == d["socials"] == d["notes"] == []
    assert d["merged_from"] == [] and d["field_confidence"] == {} and d["confidence"] == 0.0


def test_failed_input():
    o = ScanOutcome("broken.jpg", 0, None, error="not an image (truncated JPEG)", exit_code=4)
    assert jsonout.line(o) == (
        '{"source": "broken.jpg", "card": null, "error": "not an image (truncated JPEG)"}')
    assert json.loads(jsonout.line(ScanOutcome("x", 0, None)))["error"]


def test_error_wins_over_a_contact():
    o = ScanOutcome("x.jpg", 0, typical(), error="OCR timed out")
    assert json.loads(jsonout.line(o)) == {"source": "x.jpg", "card": None, "error": "OCR timed out"}


def test_phone_ext_and_type_are_normalised():
    c = Contact(phones=(Phone("+1", "pager", "", ""), Phone("+2", "mobile", None)))
    phones = json.loads(jsonout.line(ScanOutcome("x", 0, c)))["phones"]
    assert phones == [{"number": "+1", "type": "other", "ext": None, "printed": ""},
                      {"number": "+2", "type": "mobile", "ext": None, "printed": ""}]


def test_one_object_per_line_whatever_the_text():
    evil = "a\nb\r\nc\u2028d\u2029e\x85f\x00g\"h\\i\ud800j 😀 日本"
    c = Contact(name=Name(evil), notes=(evil,), org=evil)
    text = jsonout.dumps([ScanOutcome(evil, 0, c), ScanOutcome("y", 0, None, error=evil)])
    assert text.endswith("\n")
    lines = text.splitlines()  # splits on U+2028, U+0085 … too: none may be raw
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["notes"][0] == evil.replace("\ud800", "\ufffd")
    assert first["source"] == evil.replace("\ud800", "\ufffd")
    assert "😀 日本" in lines[0]  # ensure_ascii=False: text stays readable
    text.encode("utf-8")


def test_confidences_are_finite_and_in_range():
    c = Contact(confidence=float("nan"), field_confidence=(("a", 1.7), ("b", -0.2), ("c", float("inf"))))
    d = json.loads(jsonout.line(ScanOutcome("x", 0, c)))
    assert d["confidence"] == 0.0
    assert d["field_confidence"] == {"a": 1.0, "b": 0.0, "c": 0.0}
    assert all(math.isfinite(v) for v in d["field_confidence"].values())


def test_dumps_keeps_order_and_is_empty_for_nothing():
    items = [ScanOutcome(f"{i}.jpg", i, Contact(org=str(i))) for i in range(3)]
    assert [json.loads(l)["card"] for l in jsonout.dumps(items).splitlines()] == [0, 1, 2]
    assert jsonout.dumps([]) == ""


def test_shape_does_not_follow_model_to_dict():
    # the interface is ours: a contact's to_dict() may grow, the line may not
    d = json.loads(jsonout.line(ScanOutcome("x", 0, typical())))
    assert list(d) == KEYS
    assert list(d["name"]) == ["full", "prefix", "given", "middle", "family", "suffix"]
    assert list(d["phones"][0]) == ["number", "type", "ext", "printed"]
    assert list(d["socials"][0]) == ["service", "url", "handle"]
    assert list(d["address"]) == ["text", "street", "city", "region", "postcode", "country", "pobox"]
