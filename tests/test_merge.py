"""Merging duplicates: keys, transitivity, order, field choice, what must not merge."""
from __future__ import annotations

from cardscan.merge import merge
from cardscan.models import Address, Contact, Name, Phone, ScanOutcome, Social


def o(source: str, contact: Contact | None, card: int = 0, **kw) -> ScanOutcome:
    return ScanOutcome(source, card, contact, **kw)


def jane(**kw) -> Contact:
    base = dict(name=Name("Jane Doe", given="Jane", family="Doe"), org="Acme")
    base.update(kw)
    return Contact(**base)


def test_shared_email_merges_case_insensitively():
    out = merge([o("a.jpg", jane(emails=("Jane@Acme.example",), title="CTO")),
                 o("b.jpg", jane(emails=("jane@acme.EXAMPLE",), org=None,
                                 phones=(Phone("+14155550100", "work"),)))])
    assert len(out) == 1
    c = out[0].contact
    assert c.emails == ("Jane@Acme.example",)
    assert c.title == "CTO" and c.org == "Acme"
    assert [p.number for p in c.phones] == ["+14155550100"]
    assert out[0].merged_from == (("a.jpg", 0), ("b.jpg", 0))
    assert out[0].source == "a.jpg"


def test_shared_mobile_merges_even_when_names_differ():
    # a bilingual card: the same person in two scripts
    out = merge([o("front.jpg", Contact(name=Name("Taro Yamada"), phones=(Phone("+819012345678", "mobile"),))),
                 o("back.jpg", Contact(name=Name("山田太郎"), phones=(Phone("+819012345678", "mobile"),)))])
    assert len(out) == 1
    assert out[0].contact.name.full == "Taro Yamada"


def test_shared_office_number_does_not_merge_two_named_people():
    switchboard = Phone("+4930123456", "work")
    out = merge([o("a.jpg", Contact(name=Name("Anna Schmidt"), phones=(switchboard,))),
                 o("b.jpg", Contact(name=Name("Bernd Meier"), phones=(switchboard,)))])
    assert len(out) == 2
    assert [x.merged_from for x in out] == [(), ()]


def test_shared_office_number_merges_a_nameless_back_side():
    out = merge([o("front.jpg", Contact(name=Name("Anna Schmidt"), org="Acme",
                                        phones=(Phone("+4930123456", "work"),))),
                 o("back.jpg", Contact(phones=(Phone("+49 30 123456", "fax"), Phone("+4930999999", "work")),
                                       urls=("acme.example",)))])
    assert len(out) == 1
    c = out[0].contact
    assert [p.number for p in c.phones] == ["+4930123456", "+4930999999"]
    assert c.urls == ("acme.example",)


def test_same_name_and_company_ignoring_case_and_spaces():
    out = merge([o("a.jpg", Contact(name=Name("Jane  Doe"), org="ACME Corp")),
                 o("b.jpg", Contact(name=Name("jane doe"), org="Acme corp", emails=("j@x.example",)))])
    assert len(out) == 1
    assert out[0].contact.emails == ("j@x.example",)


def test_same_name_different_company_stays_apart():
    out = merge([o("a.jpg", Contact(name=Name("Jane Doe"), org="Acme")),
                 o("b.jpg", Contact(name=Name("Jane Doe"), org="Beta"))])
    assert len(out) == 2


def test_transitive_and_first_seen_order():
    a = o("1.jpg", jane(emails=("a@x.example",)))
    other = o("2.jpg", Contact(name=Name("Other Person"), emails=("o@x.example",)))
    b = o("3.jpg", Contact(emails=("a@x.example",), phones=(Phone("+4917011111", "mobile"),)))
    c = o("4.jpg", Contact(phones=(Phone("+4917011111", "mobile"),), notes=("from c",)))
    failed = o("5.jpg", None, error="unreadable", exit_code=4)
    out = merge([a, other, b, failed, c])
    assert [x.source for x in out] == ["1.jpg", "2.jpg", "5.jpg"]
    assert out[0].merged_from == (("1.jpg", 0), ("3.jpg", 0), ("4.jpg", 0))
    assert out[0].contact.notes == ("from c",)
    assert out[1] is other
    assert out[2] is failed


def test_failed_outcomes_pass_untouched_even_with_the_same_source():
    failed = o("a.jpg", None, card=1, error="OCR timed out", exit_code=1)
    out = merge([o("a.jpg", jane()), failed, o("b.jpg", jane())])
    assert out[1] is failed and len(out) == 2


def test_scalar_fields_from_the_most_confident_then_first():
    low = jane(title="CT0", field_confidence=(("title", 0.3),), confidence=0.5)
    high = jane(title="CTO", field_confidence=(("title", 0.9),), confidence=0.4)
    out = merge([o("a.jpg", low), o("b.jpg", high)])
    assert out[0].contact.title == "CTO"
    assert out[0].contact.confidence == 0.5
    assert dict(out[0].contact.field_confidence) == {"title": 0.9}
    tie = merge([o("a.jpg", jane(title="First")), o("b.jpg", jane(title="Second"))])
    assert tie[0].contact.title == "First"


def test_empty_scalars_do_not_win():
    out = merge([o("a.jpg", jane(title="  ", address=Address(""))),
                 o("b.jpg", jane(title="CTO", address=Address("1 Main St")))])
    assert out[0].contact.title == "CTO"
    assert out[0].contact.address.text == "1 Main St"


def test_lists_are_unioned_without_duplicates():
    a = jane(emails=("j@x.example",), urls=("https://acme.example/",),
             socials=(Social("linkedin", "https://linkedin.com/in/j"),),
             phones=(Phone("+14155550100", "other", None, "415 555 0100"),),
             notes=("n1",), warnings=("w1",))
    b = jane(emails=("J@X.example", "k@x.example"), urls=("https://ACME.example",),
             socials=(Social("LinkedIn", "https://linkedin.com/in/j/"),),
             phones=(Phone("+14155550100", "work", None, ""), Phone("+14155550100", "work", "12")),
             notes=("n1", "n2"), warnings=("w1", "w2"))
    c = merge([o("a.jpg", a), o("b.jpg", b)])[0].contact
    assert c.emails == ("j@x.example", "k@x.example")
    assert c.urls == ("https://acme.example/",)
    assert len(c.socials) == 1
    assert [(p.number, p.type, p.ext, p.printed) for p in c.phones] == [
        ("+14155550100", "work", None, "415 555 0100"), ("+14155550100", "work", "12", "")]
    assert c.notes == ("n1", "n2") and c.warnings == ("w1", "w2")


def test_merging_already_merged_outcomes_flattens_sources_and_keeps_a_photo():
    first = o("a.jpg", jane(), merged_from=(("a.jpg", 0), ("a2.jpg", 0)))
    second = o("b.jpg", jane(), card_jpeg=b"\xff\xd8\xffjpeg")
    out = merge([first, second])
    assert out[0].merged_from == (("a.jpg", 0), ("a2.jpg", 0), ("b.jpg", 0))
    assert out[0].card_jpeg == b"\xff\xd8\xffjpeg"


def test_single_outcomes_are_returned_as_they_are():
    items = [o("a.jpg", jane()), o("b.jpg", Contact(org="Other"))]
    out = merge(items)
    assert out[0] is items[0] and out[1] is items[1]
    assert merge([]) == []


def test_blank_back_sides_share_no_key_and_stay_apart():
    logo = o("back.jpg", Contact(notes=("ACME",)))
    out = merge([o("front.jpg", jane()), logo, o("back2.jpg", Contact())])
    assert len(out) == 3


def test_short_or_empty_numbers_are_no_key():
    out = merge([o("a.jpg", Contact(name=Name("A"), phones=(Phone("+1", "mobile"),))),
                 o("b.jpg", Contact(name=Name("B"), phones=(Phone("+1", "mobile"),))),
                 o("c.jpg", Contact(name=Name("C"), emails=("not-an-email",))),
                 o("d.jpg", Contact(name=Name("D"), emails=("not-an-email",)))])
    assert len(out) == 4


def test_weak_link_is_refused_when_it_would_join_two_named_groups():
    # A and B are one person (same e-mail); C is someone else at the same office number
    a = o("a.jpg", Contact(name=Name("Anna"), emails=("anna@x.example",)))
    b = o("b.jpg", Contact(emails=("anna@x.example",), phones=(Phone("+4930123456", "work"),)))
    c = o("c.jpg", Contact(name=Name("Bernd"), phones=(Phone("+4930123456", "work"),)))
    out = merge([a, b, c])
    assert [x.source for x in out] == ["a.jpg", "c.jpg"]
    assert out[0].merged_from == (("a.jpg", 0), ("b.jpg", 0))


def test_a_read_with_no_name_merged_with_one_that_has_it_no_longer_warns_of_it():
    back = Contact(emails=("jane@acme.example",), warnings=("no name found", "no card outline found"))
    out = merge([o("a.jpg", jane(emails=("jane@acme.example",))), o("b.jpg", back)])
    assert out[0].contact.warnings == ("no card outline found",)
    # two reads without a name still lack one
    out = merge([o("a.jpg", Contact(emails=("x@y.example",), warnings=("no name found",))),
                 o("b.jpg", Contact(emails=("x@y.example",), warnings=("no name found",)))])
    assert out[0].contact.warnings == ("no name found",)
