"""vCard writer: golden output, the strict checker, vobject round trips, hostile text."""
from __future__ import annotations

import base64
import functools
import importlib.util
import io
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cardscan import vcard
from cardscan.models import Address, Contact, Name, Phone, ScanOutcome, Social

vobject = pytest.importorskip("vobject")

CHECKER = Path(__file__).resolve().parents[1].parent / "shared/tools/check_vcard.py"
needs_checker = pytest.mark.skipif(not CHECKER.is_file(), reason="check_vcard.py not found")


# ------------------------------------------------------------ shared helpers
# (imported by the other writer tests)

@functools.lru_cache(maxsize=1)
def load_checker():
    """The checker as a module, so many cards can be checked without a process each."""
    spec = importlib.util.spec_from_file_location("check_vcard", CHECKER)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules.setdefault("check_vcard", mod)
    spec.loader.exec_module(mod)
    return mod


def problems(text: str) -> list[str]:
    """Every error and warning the checker finds in `text` (info lines ignored).

    Skips the calling test when the checker is not there (it lives outside the repo).
    """
    if not CHECKER.is_file():
        pytest.skip("check_vcard.py not found")
    ck = load_checker().Checker("<test>", 131072)
    return [f"{f.code}: {f.msg}" for f in ck.run(text.encode("utf-8"))
            if f.level in ("error", "warning")]


def run_checker(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECKER), str(path)],
                          capture_output=True, text=True, check=False)


def typical() -> Contact:
    return Contact(
        name=Name("Dr. Jane Q. Doe, PhD", "Dr.", "Jane", "Q.", "Doe", "PhD"),
        title="Head of R&D, EMEA",
        org="Acme; Inc.",
        emails=("jane.doe@acme.example",),
        phones=(Phone("+14155550100", "work", "12", "+1 (415) 555-0100 ext. 12"),
                Phone("+14155550199", "mobile", None, "415 555 0199"),
                Phone("+14155550111", "fax", None, "Fax 415-555-0111"),
                Phone("+442079460000", "other", None, "+44 20 7946 0000")),
        urls=("www.acme.example",),
        socials=(Social("linkedin", "https://www.linkedin.com/in/janedoe", "janedoe"),),
        address=Address("1 Main St, Suite 5\nSan Francisco, CA 94105", "1 Main St, Suite 5",
                        "San Francisco", "CA", "94105", "US"),
        notes=("Met at PyCon",),
        confidence=0.91,
    )


def parse_one(text: str):
    cards = list(vobject.readComponents(text, validate=True))
    assert len(cards) == 1
    return cards[0]


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


REV = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)

GOLDEN_30 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//cardscan//cardscan 0.1.0//EN\r\n"
    "FN:Dr. Jane Q. Doe\\, PhD\r\n"
    "N:Doe;Jane;Q.;Dr.;PhD\r\n"
    "ORG:Acme\\; Inc.\r\n"
    "TITLE:Head of R&D\\, EMEA\r\n"
    "TEL;TYPE=WORK,VOICE:+14155550100 x12\r\n"
    "TEL;TYPE=CELL:+14155550199\r\n"
    "TEL;TYPE=WORK,FAX:+14155550111\r\n"
    "TEL;TYPE=VOICE:+442079460000\r\n"
    "EMAIL;TYPE=INTERNET,WORK:jane.doe@acme.example\r\n"
    "ADR;TYPE=WORK:;;1 Main St\\, Suite 5;San Francisco;CA;94105;United States\r\n"
    "URL:https://www.acme.example\r\n"
    "X-SOCIALPROFILE;TYPE=linkedin;X-USER=janedoe:https://www.linkedin.com/in/ja\r\n"
    " nedoe\r\n"
    "URL:https://www.linkedin.com/in/janedoe\r\n"
    "NOTE:Scanned at the fair\\nMet at PyCon\r\n"
    "CATEGORIES:Conference,Leads\\, 2026\r\n"
    "REV:2026-01-02T03:04:05Z\r\n"
    "UID:{uid}\r\n"
    "END:VCARD\r\n"
)

GOLDEN_40 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "PRODID:-//cardscan//cardscan 0.1.0//EN\r\n"
    "FN:Dr. Jane Q. Doe\\, PhD\r\n"
    "N:Doe;Jane;Q.;Dr.;PhD\r\n"
    "ORG:Acme\\; Inc.\r\n"
    "TITLE:Head of R&D\\, EMEA\r\n"
    "TEL;VALUE=uri;TYPE=work,voice:tel:+14155550100;ext=12\r\n"
    "TEL;VALUE=uri;TYPE=cell:tel:+14155550199\r\n"
    "TEL;VALUE=uri;TYPE=work,fax:tel:+14155550111\r\n"
    "TEL;VALUE=uri;TYPE=voice:tel:+442079460000\r\n"
    "EMAIL;TYPE=work:jane.doe@acme.example\r\n"
    "ADR;TYPE=work:;;1 Main St\\, Suite 5;San Francisco;CA;94105;United States\r\n"
    "URL:https://www.acme.example\r\n"
    "X-SOCIALPROFILE;TYPE=linkedin;X-USER=janedoe:https://www.linkedin.com/in/ja\r\n"
    " nedoe\r\n"
    "URL:https://www.linkedin.com/in/janedoe\r\n"
    "NOTE:Scanned at the fair\\nMet at PyCon\r\n"
    "CATEGORIES:Conference,Leads\\, 2026\r\n"
    "REV:20260102T030405Z\r\n"
    "UID:{uid}\r\n"
    "END:VCARD\r\n"
)


def golden_card(version: str) -> str:
    return vcard.card(typical(), version=version, note="Scanned at the fair",
                      categories=("Conference", "Leads, 2026"), rev=REV)


# ------------------------------------------------------------------ golden

@pytest.mark.parametrize("version,golden", [("3.0", GOLDEN_30), ("4.0", GOLDEN_40)])
def test_golden_card(version, golden):
    uid = vcard.content_uid(typical())
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", uid)
    assert golden_card(version) == golden.format(uid=uid)


@needs_checker
@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_golden_card_passes_checker_cli(tmp_path, version):
    path = tmp_path / "card.vcf"
    path.write_bytes(golden_card(version).encode("utf-8"))
    result = run_checker(path)
    assert result.returncode == 0, result.stdout
    assert "0 error(s), 0 warning(s)" in result.stdout


def test_uid_is_stable_and_content_derived():
    a, b = typical(), typical()
    assert vcard.content_uid(a) == vcard.content_uid(b)
    # confidence is not content: the same card read again keeps its UID
    assert vcard.content_uid(a) == vcard.content_uid(Contact(**{**a.__dict__, "confidence": 0.2}))
    other = Contact(**{**a.__dict__, "emails": ("someone@else.example",)})
    assert vcard.content_uid(a) != vcard.content_uid(other)


def test_given_uid_and_naive_rev():
    text = vcard.card(typical(), uid="abc;1", rev=datetime(2026, 5, 6, 7, 8, 9))
    assert "UID:abc\\;1\r\n" in text
    assert "REV:2026-05-06T07:08:09Z\r\n" in text
    text4 = vcard.card(typical(), version="4.0", uid="abc")
    assert "UID;VALUE=text:abc\r\n" in text4
    # an aware time is written in UTC
    cet = datetime(2026, 5, 6, 9, 8, 9, tzinfo=timezone(timedelta(hours=2)))
    assert "REV:20260506T070809Z\r\n" in vcard.card(typical(), version="4.0", rev=cet)
    assert "REV:" not in vcard.card(typical())


def test_bad_version_is_refused():
    with pytest.raises(ValueError):
        vcard.card(typical(), version="2.1")


# --------------------------------------------------------------- round trip

@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_round_trip_with_vobject(version):
    c = typical()
    parsed = parse_one(vcard.card(c, version=version))
    assert parsed.fn.value == c.name.full
    n = parsed.n.value
    assert (n.family, n.given, n.additional, n.prefix, n.suffix) == ("Doe", "Jane", "Q.", "Dr.", "PhD")
    assert parsed.org.value == ["Acme; Inc."]
    assert parsed.title.value == c.title
    assert [e.value for e in parsed.contents["email"]] == list(c.emails)
    tels = [(t.value, [x.upper() for x in t.params["TYPE"]]) for t in parsed.contents["tel"]]
    if version == "3.0":
        assert tels == [("+14155550100 x12", ["WORK", "VOICE"]), ("+14155550199", ["CELL"]),
                        ("+14155550111", ["WORK", "FAX"]), ("+442079460000", ["VOICE"])]
    else:
        assert tels == [("tel:+14155550100;ext=12", ["WORK", "VOICE"]),
                        ("tel:+14155550199", ["CELL"]), ("tel:+14155550111", ["WORK", "FAX"]),
                        ("tel:+442079460000", ["VOICE"])]
    adr = parsed.adr.value
    assert (adr.box, adr.extended, adr.street, adr.city, adr.region, adr.code, adr.country) == (
        "", "", "1 Main St, Suite 5", "San Francisco", "CA", "94105", "United States")
    assert [u.value for u in parsed.contents["url"]] == [
        "https://www.acme.example", "https://www.linkedin.com/in/janedoe"]
    assert parsed.contents["x-socialprofile"][0].value == "https://www.linkedin.com/in/janedoe"
    assert parsed.note.value == "Met at PyCon"


# ---------------------------------------------------------- fallbacks, FN/N

@pytest.mark.parametrize("contact,fn", [
    (Contact(org="Acme GmbH", emails=("a@b.example",)), "Acme GmbH"),
    (Contact(emails=("info@acme.example",), phones=(Phone("+4930123456"),)), "info@acme.example"),
    (Contact(phones=(Phone("+4930123456", "work", "7"),)), "+4930123456 x7"),
    (Contact(), "Unknown"),
    (Contact(name=Name(""), org="  "), "Unknown"),
])
def test_fn_falls_back_and_n_is_always_there(contact, fn):
    for version in ("3.0", "4.0"):
        text = vcard.card(contact, version=version)
        lines = unfolded(text)
        assert f"FN:{fn}" in lines
        assert "N:;;;;" in lines
        assert not problems(text)


def test_company_only_card_is_shown_as_company_on_apple():
    assert "X-ABShowAs:COMPANY" in unfolded(vcard.card(Contact(org="Acme")))
    assert "X-ABShowAs:COMPANY" not in vcard.card(typical())


def test_name_without_parts_goes_to_given():
    text = vcard.card(Contact(name=Name("Ana Lima")))
    assert "N:;Ana Lima;;;" in unfolded(text)
    assert "FN:Ana Lima" in unfolded(text)


def test_name_from_parts_when_full_is_missing():
    text = vcard.card(Contact(name=Name("", given="Ana", family="Lima")))
    assert "FN:Ana Lima" in unfolded(text)


# ------------------------------------------------------------------ phones

def test_phone_types_and_unknown_type():
    c = Contact(name=Name("X"), phones=(Phone("+4930123456", "pager"),))
    assert "TEL;TYPE=VOICE:+4930123456" in unfolded(vcard.card(c))


def test_phone_that_is_not_e164_is_written_as_text_in_both_versions():
    c = Contact(name=Name("X"), phones=(Phone("030 / 123 456", "work", "9", "030 / 123 456"),))
    for version in ("3.0", "4.0"):
        text = vcard.card(c, version=version)
        assert any(l.startswith("TEL;TYPE=") and l.endswith(":030 / 123 456 x9") for l in unfolded(text))
        assert not problems(text)


def test_phone_without_digits_goes_to_note():
    c = Contact(name=Name("X"), phones=(Phone("", "work", None, "call me"),))
    text = vcard.card(c)
    assert "TEL" not in text
    assert "NOTE:Phone: call me" in unfolded(text)
    assert not problems(text)


def test_email_without_at_goes_to_note():
    text = vcard.card(Contact(name=Name("X"), emails=("jane.acme.example",)))
    assert "EMAIL" not in text
    assert "NOTE:E-mail: jane.acme.example" in unfolded(text)


# --------------------------------------------------------------- addresses

def test_address_text_only_goes_to_street_with_lines_kept():
    c = Contact(name=Name("X"), address=Address("Hauptstr. 1\n10115 Berlin"))
    text = vcard.card(c)
    assert "ADR;TYPE=WORK:;;Hauptstr. 1\\n10115 Berlin;;;;" in unfolded(text)
    assert parse_one(text).adr.value.street == "Hauptstr. 1\n10115 Berlin"


def test_country_code_becomes_name_and_unknown_text_stays():
    assert vcard.country_name("de") == "Germany"
    assert vcard.country_name("JP") == "Japan"
    assert vcard.country_name("Deutschland") == "Deutschland"
    assert vcard.country_name("ZZ") == "ZZ"
    assert vcard.country_name("") == ""


def test_empty_address_is_left_out():
    assert "ADR" not in vcard.card(Contact(name=Name("X"), address=Address("")))


# ------------------------------------------------------------------ folding

def test_folding_counts_octets_and_never_splits_a_character():
    c = Contact(name=Name("X"), notes=("é" * 100 + "日本語" * 40 + "😀" * 30,))
    text = vcard.card(c)
    raw = text.encode("utf-8")
    for line in raw.split(b"\r\n")[:-1]:
        assert len(line) <= 75
        assert line not in (b" ", b"")
        assert not (line.startswith(b" ") and 0x80 <= line[1] <= 0xBF)
    assert parse_one(text).note.value == c.notes[0]
    assert not problems(text)


def test_fold_avoids_landing_next_to_a_space_but_keeps_the_text():
    note = "word " * 60
    text = vcard.card(Contact(name=Name("X"), notes=(note,)))
    physical = text.split("\r\n")
    assert all(not l.endswith(" ") and not l.startswith("  ") for l in physical)
    assert parse_one(text).note.value == note.strip()


def test_fold_of_a_long_run_without_spaces_or_all_spaces():
    for value in ("x" * 500, "a" + " " * 300 + "b"):
        text = vcard.card(Contact(name=Name("X"), notes=(value,)))
        assert all(len(l.encode()) <= 75 for l in text.split("\r\n"))
        assert parse_one(text).note.value == value


# --------------------------------------------------------------- injection

HOSTILE = [
    "Doe, Jane; CEO",
    "back\\slash \\n not a newline \\, \\;",
    "line one\nline two\r\nline three\rfour",
    "colon: value: more",
    "X\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mallory",
    "END:VCARD",
    "TEL;TYPE=CELL:+15550000000",
    "ПАО «Газпром» 株式会社テスト 삼성전자 شركة",
    "emoji 😀👩‍💻🇩🇪 and ZWJ",
    "nul\x00bell\x07esc\x1b del\x7f c1\x85\x9b tab\tend",
    "line\u2028separator\u2029paragraph",
    "W" * 3000,
    "\"quoted\" <b>&amp;</b>",
]


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("evil", HOSTILE)
def test_hostile_text_cannot_break_or_inject(version, evil):
    c = Contact(name=Name(evil, given=evil, family=evil), title=evil, org=evil,
                emails=(f"x{evil}@example.com",), urls=(f"https://example.com/{evil}",),
                address=Address(evil, evil, evil, evil, evil, evil, evil), notes=(evil,),
                phones=(Phone("+14155550100", "work", None, evil),))
    text = vcard.card(c, version=version, note=evil, categories=(evil,))
    assert not problems(text), problems(text)
    for lines in (text.split("\r\n"), unfolded(text)):
        assert [l.upper() for l in lines].count("BEGIN:VCARD") == 1
        assert [l.upper() for l in lines].count("END:VCARD") == 1
    parsed = parse_one(text)
    one_line = vcard.clean(evil)
    # each property occurs as often as we wrote it: nothing injected, nothing lost
    counts = {}
    for child in parsed.getChildren():
        counts[child.name] = counts.get(child.name, 0) + 1
    assert counts == {"VERSION": 1, "PRODID": 1, "FN": 1, "N": 1, "ORG": 1, "TITLE": 1,
                      "TEL": 1, "EMAIL": 1, "ADR": 1, "URL": 1, "NOTE": 1, "CATEGORIES": 1,
                      "UID": 1}
    assert parsed.fn.value == vcard.clean(evil, multiline=False)
    assert parsed.title.value == one_line
    assert parsed.org.value == [vcard.clean(evil, multiline=False)]
    assert parsed.n.value.family == vcard.clean(evil, multiline=False)
    assert parsed.adr.value.street == one_line
    assert parsed.adr.value.city == vcard.clean(evil, multiline=False)
    assert parsed.note.value == one_line + "\n" + one_line
    assert parsed.categories.value == [vcard.clean(evil, multiline=False)]
    assert parsed.email.value == vcard.clean(f"x{evil}@example.com", multiline=False)
    assert "\n" not in parsed.url.value and "\\" not in parsed.url.value


def test_control_characters_are_removed_but_tab_kept():
    assert vcard.clean("a\x00b\x1bc\x7fd\x9fe\tf") == "abcde\tf"
    assert vcard.clean("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert vcard.clean("a\nb", multiline=False) == "a b"


def test_values_are_capped():
    text = vcard.card(Contact(name=Name("X"), title="t" * 10000, notes=("n" * 50000,)))
    parsed = parse_one(text)
    assert len(parsed.title.value) == vcard.MAX_VALUE_CHARS
    assert parsed.title.value.endswith("…")
    assert len(parsed.note.value) == vcard.MAX_NOTE_CHARS


def test_web_urls_get_a_scheme_and_a_lower_case_host():
    assert vcard.web_url("WWW.Acme.example/Team") == "https://www.acme.example/Team"
    assert vcard.web_url("HTTP://Acme.example?Q=1") == "http://acme.example?Q=1"
    assert vcard.web_url("mailto:Jane@Acme.example") == "mailto:Jane@Acme.example"
    assert vcard.web_url("https://User@Host.example/") == "https://User@Host.example/"
    assert vcard.web_url("") == ""


def test_uri_values_are_not_backslash_escaped():
    c = Contact(name=Name("X"), urls=("https://example.com/a,b;c?d=e\\f g",))
    text = vcard.card(c)
    assert "URL:https://example.com/a,b;c?d=e%5Cf%20g" in unfolded(text)
    assert not problems(text)


def test_social_service_and_handle_cannot_inject_parameters():
    c = Contact(name=Name("X"), socials=(
        Social("Linked;In:x", "linkedin.com/in/x", 'bad"handle;TYPE=x'),))
    text = vcard.card(c)
    lines = unfolded(text)
    assert "X-SOCIALPROFILE;TYPE=linkedinx:https://linkedin.com/in/x" in lines
    assert not problems(text)


# ------------------------------------------------------------------- photo

def _jpeg(width: int, height: int, noise: bool) -> bytes:
    from PIL import Image
    import random

    rnd = random.Random(7)
    if noise:
        img = Image.frombytes("RGB", (width, height),
                              bytes(rnd.getrandbits(8) for _ in range(width * height * 3)))
    else:
        img = Image.new("RGB", (width, height), (200, 30, 30))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95)
    return out.getvalue()


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_small_photo_is_embedded_as_it_is(version):
    jpeg = _jpeg(64, 40, noise=False)
    text = vcard.card(typical(), version=version, photo_jpeg=jpeg)
    parsed = parse_one(text)
    if version == "3.0":
        assert "PHOTO;ENCODING=b;TYPE=JPEG:" in text
        assert parsed.photo.value == jpeg
    else:
        # vobject has no 4.0 model and cuts a data: URI at its ',': read the line itself
        (line,) = [l for l in unfolded(text) if l.startswith("PHOTO:")]
        assert line.startswith("PHOTO:data:image/jpeg;base64,")
        assert base64.b64decode(line.split(",", 1)[1]) == jpeg
    assert not problems(text)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_large_photo_is_shrunk_below_the_card_limit(version):
    from PIL import Image

    jpeg = _jpeg(900, 600, noise=True)
    assert len(jpeg) > 300_000
    text = vcard.card(typical(), version=version, photo_jpeg=jpeg)
    assert len(text.encode("utf-8")) < vcard.CARD_TARGET
    assert not problems(text)
    b64 = "".join(l for l in unfolded(text) if l.startswith("PHOTO")).split(",")[-1].split(":")[-1]
    img = Image.open(io.BytesIO(base64.b64decode(b64)))
    assert img.format == "JPEG" and max(img.size) <= 1024


def test_unreadable_photo_is_left_out_and_png_is_converted():
    assert "PHOTO" not in vcard.card(typical(), photo_jpeg=b"not an image at all")
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (30, 20), (1, 2, 3, 4)).save(buf, "PNG")
    text = vcard.card(typical(), photo_jpeg=buf.getvalue())
    assert "PHOTO;ENCODING=b;TYPE=JPEG:/9j/" in text
    assert not problems(text)


def test_an_oversized_card_gives_up_note_text_first():
    big = "😀" * vcard.MAX_VALUE_CHARS
    c = Contact(name=Name(big, given=big, family=big), title=big, org=big,
                notes=tuple("😀" * 4000 + str(i) for i in range(7)))
    text = vcard.card(c)
    assert len(text.encode("utf-8")) <= vcard.CARD_TARGET
    parsed = parse_one(text)
    assert parsed.title.value == big and parsed.fn.value == big  # the fields themselves stay
    assert 0 < len(parsed.note.value) < vcard.MAX_NOTE_CHARS and parsed.note.value.endswith("…")
    assert not problems(text)


def test_photo_is_dropped_when_the_text_leaves_no_room():
    # values are capped, but a capped note, title and company still fill the card
    huge = Contact(name=Name("X"), title="😀" * 5000, org="😀" * 5000,
                   notes=tuple("😀" * 4000 + str(i) for i in range(7)))
    text = vcard.card(huge, photo_jpeg=_jpeg(64, 40, noise=False))
    assert vcard.CARD_TARGET - 3000 < len(text.encode("utf-8")) < vcard.CARD_LIMIT
    assert "PHOTO" not in text
    assert vcard.shrink_jpeg(_jpeg(300, 300, noise=True), 100) is None


# ------------------------------------------------------------------- dumps

def test_dumps_skips_failures_and_embeds_photos_only_when_asked():
    jpeg = _jpeg(16, 16, noise=False)
    items = [ScanOutcome("a.jpg", 0, typical(), card_jpeg=jpeg),
             ScanOutcome("b.jpg", 0, None, error="not an image", exit_code=4),
             ScanOutcome("c.jpg", 1, Contact(org="Beta"))]
    text = vcard.dumps(items)
    assert text.count("BEGIN:VCARD") == 2 and "PHOTO" not in text
    assert len(list(vobject.readComponents(text))) == 2
    with_photo = vcard.dumps(items, embed_photo=True, version="4.0")
    assert with_photo.count("PHOTO:") == 1
    assert not problems(with_photo)
    assert vcard.dumps([]) == ""
    assert vcard.cards(items) == [vcard.card(typical()), vcard.card(Contact(org="Beta"))]


@needs_checker
def test_many_card_file_passes_checker_cli(tmp_path):
    items = [ScanOutcome(f"{i}.jpg", 0, c) for i, c in enumerate(
        [typical(), Contact(org="Ünïcödé GmbH"), Contact(), Contact(name=Name("山田太郎"))])]
    path = tmp_path / "all.vcf"
    path.write_bytes(vcard.dumps(items).encode("utf-8"))
    result = run_checker(path)
    assert result.returncode == 0, result.stdout


# ---------------------------------------------------------------- file names

def test_split_filenames_are_safe_and_unique():
    contacts = [
        Contact(name=Name("../../etc/passwd")),
        Contact(name=Name("CON")),
        Contact(name=Name("con.txt")),
        Contact(name=Name("LPT1")),
        Contact(name=Name("a\x00b\x1fc\nd")),
        Contact(name=Name("x" * 300)),
        Contact(name=Name("Jane Doe")),
        Contact(name=Name("jane doe")),
        Contact(name=Name("Jane Doe")),
        Contact(org="Acme: <Holdings>|*?"),
        Contact(),
        None,
        Contact(name=Name("...")),
        Contact(name=Name("Jane Doe-2")),
        Contact(name=Name("日本語の名前" * 40)),
        Contact(name=Name(" trailing dot. ")),
        Contact(name=Name("invoice\u202egpj.exe")),
    ]
    names = vcard.split_filenames(contacts)
    assert len(names) == len(contacts)
    assert len({n.casefold() for n in names}) == len(names)
    for n in names:
        assert n.endswith(".vcf")
        assert "/" not in n and "\\" not in n and ".." not in n
        assert not re.search(r'[\x00-\x1f\x7f<>:"|?*]', n)
        assert not n.startswith((".", " ", "-"))
        assert n.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "LPT1", "COM1"}
        assert len(n.encode("utf-8")) <= 200
    assert names[0] == "etc passwd.vcf"
    assert names[1] == "_CON.vcf" and names[2] == "_con.txt.vcf" and names[3] == "_LPT1.vcf"
    assert names[4] == "abc d.vcf"
    assert names[5] == "x" * vcard.MAX_STEM_CHARS + ".vcf"
    assert names[6:9] == ["Jane Doe.vcf", "jane doe-2.vcf", "Jane Doe-3.vcf"]
    assert names[9] == "Acme Holdings.vcf"
    assert names[10] == "contact.vcf" and names[11] == "contact-2.vcf"
    assert names[12] == "contact-3.vcf"
    assert names[13] == "Jane Doe-2-2.vcf"
    assert names[15] == "trailing dot.vcf"
    assert names[16] == "invoice gpj.exe.vcf"  # no right-to-left override to fake the suffix
