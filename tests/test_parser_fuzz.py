"""The parser never raises, whatever OCR hands it: random and hostile lines always give a Contact."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardscan import assemble, extract
from cardscan.models import Box, Contact, OcrLine, OcrResult, OcrWord

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Text that looks like what the parser hunts for, so that the finders' deeper paths run too.
HOSTILE = [
    "BEGIN:VCARD", "END:VCARD", "TEL;TYPE=CELL:+1 415 555 0100", "N:;;;;", "=HYPERLINK(\"http://x\")", "=cmd|' /C calc'!A0",
    "+SUM(1,2)", "@SUM(A1)", "-2+3", "jane@@acme..com", "@", "©®", "+49 (0)", "(0)(0)(0)", "x" * 5000, "1" * 400,
    "Tel: " + "9" * 60, "www." * 50, "http://" + "a." * 200 + "com", "Ext. 99999999999", "\u202e\u202dRTL", "\ud800",
    "\x00\x01\x1b[31m", "Dr. Dr. Dr.", "PhD, MBA, CPA, Jr.", "GmbH & Co. KG", "D-", "CEP", "〒", "P.O. Box",
    "🙂📞📱✉", "\U0001F600" * 30, "\U000E0001\U000F0000\U0010FFFF", "İıŞş", "ß" * 20, "ｆｕｌｌｗｉｄｔｈ　ｔｅｘｔ",
]

texts = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=40),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE + ["Jane", "Doe", "CEO", "Inc.", "030", "1234567", "@", "acme.com", ",", "|"]),
             max_size=12).map(" ".join),
)


def _result(lines: list[str], heights: list[int]) -> OcrResult:
    out = []
    for k, text in enumerate(lines):
        h = heights[k % len(heights)] if heights else 20
        words = tuple(OcrWord(w, 0.9, Box(10 + 40 * j, 30 * k, 35, h), 1, 1, k) for j, w in enumerate(text.split(" ")) if w)
        if words:
            out.append(OcrLine(words))
    return OcrResult(tuple(out), (2000, 2000))


@FUZZ
@given(st.lists(texts, max_size=25), st.lists(st.integers(min_value=-5, max_value=10000), max_size=5),
       st.sampled_from([None, "US", "DE", "br", "ZZ", "", "not a region"]))
def test_contact_never_raises(lines, heights, region):
    c = assemble.contact(_result(lines, heights), region=region)
    assert isinstance(c, Contact)
    # the safety net in contact() must not be what kept it from raising
    assert not any(w.startswith("could not understand") for w in c.warnings), c.warnings
    assert 0.0 <= c.confidence <= 1.0
    c.to_dict()  # every part serialises


@FUZZ
@given(st.lists(texts, max_size=25))
def test_finders_never_raise(lines):
    f = extract.fields(lines)
    assert len(f.lines) <= extract.MAX_LINES
    for p in f.phones:
        assert p.number.startswith("+") and p.type in ("work", "mobile", "fax", "other")


def test_thousands_of_lines_and_huge_lines():
    lines = [f"Line {k} +1 415 555 {k % 10000:04d} jane{k}@acme.com" for k in range(3000)] + ["y" * 200000]
    c = assemble.contact(_result(lines, [20]))
    assert isinstance(c, Contact)
    assert not any(w.startswith("could not understand") for w in c.warnings), c.warnings
    assert len(c.phones) <= extract.MAX_LINES


def test_odd_values_in_the_result():
    weird = OcrResult((OcrLine(()), OcrLine((OcrWord("", None, Box(0, 0, 0, 0)),)),
                       OcrLine((OcrWord("Jane", float("nan"), Box(-5, -5, -1, -1)), OcrWord("Doe", None, Box(1, 1, 1, 1))))),
                      (0, 0))
    assert isinstance(assemble.contact(weird), Contact)
    assert isinstance(assemble.contact(OcrResult((), (0, 0))), Contact)
    assert isinstance(assemble.contact(None), Contact)  # type: ignore[arg-type]
