"""Google and Outlook CSV: exact headers, columns, quoting, formula neutralising."""
from __future__ import annotations

import csv
import io

import pytest

from cardscan import csvout
from cardscan.models import Address, Contact, Name, Phone, ScanOutcome, Social
from test_vcard import typical

# design/VCARD.md §3.1, one of each numbered group
GOOGLE_MINIMAL = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,"
    "Organization Name,Organization Title,Organization Department,Birthday,"
    "Notes,Photo,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,"
    "Phone 1 - Label,Phone 1 - Value,"
    "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,"
    "Address 1 - Country,Address 1 - Extended Address,"
    "Website 1 - Label,Website 1 - Value,Event 1 - Label,Event 1 - Value,"
    "Custom Field 1 - Label,Custom Field 1 - Value"
).split(",")

# design/VCARD.md §3.3, the full header in Outlook's order
OUTLOOK_FULL = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business Street 2,Business Street 3,Business City,Business State,"
    "Business Postal Code,Business Country/Region,"
    "Home Street,Home Street 2,Home Street 3,Home City,Home State,Home Postal Code,"
    "Home Country/Region,Other Street,Other Street 2,Other Street 3,Other City,"
    "Other State,Other Postal Code,Other Country/Region,"
    "Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Callback,"
    "Car Phone,Company Main Phone,Home Fax,Home Phone,Home Phone 2,ISDN,"
    "Mobile Phone,Other Fax,Other Phone,Pager,Primary Phone,Radio Phone,"
    "TTY/TDD Phone,Telex,Account,Anniversary,Assistant's Name,"
    "Billing Information,Birthday,Business Address PO Box,Categories,Children,"
    "Directory Server,E-mail Address,E-mail Type,E-mail Display Name,"
    "E-mail 2 Address,E-mail 2 Type,E-mail 2 Display Name,E-mail 3 Address,"
    "E-mail 3 Type,E-mail 3 Display Name,Gender,Government ID Number,Hobby,"
    "Home Address PO Box,Initials,Internet Free Busy,Keywords,Language,Location,"
    "Manager's Name,Mileage,Notes,Office Location,Organizational ID Number,"
    "Other Address PO Box,Priority,Private,Profession,Referred By,Sensitivity,"
    "Spouse,User 1,User 2,User 3,User 4,Web Page"
).split(",")


def read(text: str) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    header, body = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in body)
    return header, [dict(zip(header, r)) for r in body]


def outcome(contact: Contact, i: int = 0) -> ScanOutcome:
    return ScanOutcome(f"card{i}.jpg", 0, contact)


# ------------------------------------------------------------------ headers

def test_google_header_is_exact_for_a_minimal_contact():
    header, rows = read(csvout.google([outcome(Contact(name=Name("A B", given="A", family="B")))]))
    assert header == GOOGLE_MINIMAL
    assert rows[0]["First Name"] == "A" and rows[0]["Last Name"] == "B"


def test_google_header_grows_numbered_groups_in_order():
    header, _ = read(csvout.google([outcome(typical())]))
    assert header[:17] == GOOGLE_MINIMAL[:17]
    assert header[17:21] == ["E-mail 1 - Label", "E-mail 1 - Value",
                             "Phone 1 - Label", "Phone 1 - Value"]
    assert [h for h in header if h.startswith("Phone ")] == [
        f"Phone {i} - {part}" for i in range(1, 5) for part in ("Label", "Value")]
    assert [h for h in header if h.startswith("Website ")] == [
        f"Website {i} - {part}" for i in (1, 2) for part in ("Label", "Value")]
    assert header[-4:] == GOOGLE_MINIMAL[-4:]


def test_google_header_with_no_contacts():
    header, rows = read(csvout.google([]))
    assert header == GOOGLE_MINIMAL and rows == []


def test_outlook_header_is_the_full_list_in_order_and_quoted():
    text = csvout.outlook([outcome(typical())])
    header, _ = read(text)
    assert header == OUTLOOK_FULL
    assert len(OUTLOOK_FULL) == 92
    first_line = text.split("\r\n", 1)[0]
    assert first_line == "\ufeff" + ",".join(f'"{h}"' for h in OUTLOOK_FULL)


def test_encodings_crlf_and_bom():
    g = csvout.google([outcome(typical())])
    o = csvout.outlook([outcome(typical())])
    assert not g.startswith("\ufeff")
    assert o.startswith("\ufeff") and o.count("\ufeff") == 1
    for text in (g, o):
        # every record ends with CRLF; LF alone only appears inside quoted cells
        assert text.endswith("\r\n")
        text.encode("utf-8")


# ------------------------------------------------------------------ columns

def test_google_columns_for_a_typical_contact():
    _, (row,) = read(csvout.google([outcome(typical())], note="Fair", categories=("Leads", "VIP")))
    assert (row["Name Prefix"], row["First Name"], row["Middle Name"], row["Last Name"],
            row["Name Suffix"]) == ("Dr.", "Jane", "Q.", "Doe", "PhD")
    assert row["Organization Name"] == "Acme; Inc."
    assert row["Organization Title"] == "Head of R&D, EMEA"
    assert (row["E-mail 1 - Label"], row["E-mail 1 - Value"]) == ("Work", "jane.doe@acme.example")
    phones = [(row[f"Phone {i} - Label"], row[f"Phone {i} - Value"]) for i in range(1, 5)]
    assert phones == [("Work", "+14155550100 x12"), ("Mobile", "+14155550199"),
                      ("Work Fax", "+14155550111"), ("Other", "+442079460000")]
    assert row["Address 1 - Label"] == "Work"
    assert row["Address 1 - Street"] == "1 Main St, Suite 5"
    assert row["Address 1 - City"] == "San Francisco"
    assert row["Address 1 - Region"] == "CA"
    assert row["Address 1 - Postal Code"] == "94105"
    assert row["Address 1 - Country"] == "United States"
    assert row["Address 1 - Formatted"] == "1 Main St, Suite 5\nSan Francisco, CA 94105"
    assert (row["Website 1 - Label"], row["Website 1 - Value"]) == ("Work", "https://www.acme.example")
    assert (row["Website 2 - Label"], row["Website 2 - Value"]) == (
        "LinkedIn", "https://www.linkedin.com/in/janedoe")
    assert row["Notes"] == "Fair\nMet at PyCon"
    assert row["Labels"] == "Leads ::: VIP"


def test_outlook_columns_for_a_typical_contact():
    _, (row,) = read(csvout.outlook([outcome(typical())], note="Fair", categories=("Leads", "VIP")))
    assert (row["Title"], row["First Name"], row["Middle Name"], row["Last Name"], row["Suffix"]) == (
        "Dr.", "Jane", "Q.", "Doe", "PhD")
    assert row["Company"] == "Acme; Inc." and row["Job Title"] == "Head of R&D, EMEA"
    assert row["Business Phone"] == "+14155550100 x12"
    assert row["Mobile Phone"] == "+14155550199"
    assert row["Business Fax"] == "+14155550111"
    assert row["Other Phone"] == "+442079460000"
    assert (row["E-mail Address"], row["E-mail Type"]) == ("jane.doe@acme.example", "SMTP")
    assert row["Business Street"] == "1 Main St, Suite 5"
    assert row["Business City"] == "San Francisco" and row["Business State"] == "CA"
    assert row["Business Postal Code"] == "94105"
    assert row["Business Country/Region"] == "United States"
    assert row["Web Page"] == "https://www.acme.example"
    assert row["Categories"] == "Leads;VIP"
    assert row["Notes"] == "Fair\nMet at PyCon\nLinkedIn: https://www.linkedin.com/in/janedoe"


def test_outlook_fills_phone_slots_then_keeps_the_rest_in_notes():
    c = Contact(name=Name("X"), phones=tuple(Phone(f"+4930123456{i}", "work") for i in range(5))
                + (Phone("+4917012345", "mobile"), Phone("+4917099999", "mobile")),
                emails=tuple(f"e{i}@x.example" for i in range(4)))
    _, (row,) = read(csvout.outlook([outcome(c)]))
    assert row["Business Phone"] == "+49301234560"
    assert row["Business Phone 2"] == "+49301234561"
    assert row["Other Phone"] == "+49301234562"
    assert row["Mobile Phone"] == "+4917012345"
    assert [row[f] for f in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")] == [
        "e0@x.example", "e1@x.example", "e2@x.example"]
    notes = row["Notes"].split("\n")
    assert "E-mail: e3@x.example" in notes
    assert "Phone (work): +49301234563" in notes and "Phone (work): +49301234564" in notes
    assert "Phone (mobile): +4917099999" in notes


def test_address_with_only_text_goes_to_street():
    c = Contact(name=Name("X"), address=Address("Hauptstr. 1\n10115 Berlin"))
    _, (g,) = read(csvout.google([outcome(c)]))
    _, (o,) = read(csvout.outlook([outcome(c)]))
    assert g["Address 1 - Formatted"] == "Hauptstr. 1\n10115 Berlin"
    assert o["Business Street"] == "Hauptstr. 1\n10115 Berlin"


def test_failed_outcomes_are_skipped():
    items = [outcome(typical()), ScanOutcome("bad.jpg", 0, None, error="unreadable", exit_code=4)]
    assert len(read(csvout.google(items))[1]) == 1
    assert len(read(csvout.outlook(items))[1]) == 1


# ---------------------------------------------------------- formula cells

@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0",
                                  "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
                                  "\t=1+1", " =1+1", "\n=1", "＝1+1"])
def test_formula_cells_are_made_inert(evil):
    c = Contact(name=Name(evil, given=evil, family=evil), title=evil, org=evil,
                emails=(evil,), urls=(evil,), notes=(evil,),
                phones=(Phone(evil, "work", None, evil),),
                address=Address(evil, evil, evil, evil, evil, evil))
    for text in (csvout.google([outcome(c)], note=evil, categories=(evil,)),
                 csvout.outlook([outcome(c)], note=evil, categories=(evil,))):
        _, (row,) = read(text)
        for col, cell in row.items():
            assert not cell.lstrip(" \n").startswith(("=", "+", "-", "@", "\t", "\r", "＝")), (col, cell)


def test_phone_numbers_keep_their_plus_and_text_keeps_its_value():
    c = Contact(name=Name("-Jane", given="-Jane"), phones=(Phone("+14155550100", "mobile", "7"),),
                title="+1 for Python")
    _, (row,) = read(csvout.google([outcome(c)]))
    assert row["Phone 1 - Value"] == "+14155550100 x7"
    assert row["First Name"] == "'-Jane"
    assert row["Organization Title"] == "'+1 for Python"
    assert csvout.inert("plain") == "plain" and csvout.inert("") == ""
    assert csvout.phone_cell("+14155550100") == "+14155550100"
    assert csvout.phone_cell("+1415555=0100") == "'+1415555=0100"


def test_a_phone_that_is_not_e164_is_written_as_printed_and_neutralised():
    c = Contact(name=Name("X"), phones=(Phone("-0 30 12345", "work"),))
    _, (row,) = read(csvout.google([outcome(c)]))
    assert row["Phone 1 - Value"] == "'-0 30 12345"


def test_label_separator_cannot_be_forged():
    _, (row,) = read(csvout.google([outcome(typical())], categories=("a ::: b", "c")))
    assert row["Labels"] == "a :: b ::: c"


def test_social_labels():
    c = Contact(name=Name("X"), socials=(Social("github", "github.com/x"), Social("mastodon", "https://m.example/@x")))
    _, (row,) = read(csvout.google([outcome(c)]))
    assert (row["Website 1 - Label"], row["Website 1 - Value"]) == ("GitHub", "https://github.com/x")
    assert row["Website 2 - Label"] == "Mastodon"
