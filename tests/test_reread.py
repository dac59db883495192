"""The second read of a mail address: it may add the dots a whole-card read lost, nothing else."""
from __future__ import annotations

import os

import cv2
import numpy as np
import pytest

from cardscan import reread
from cardscan.errors import OcrError
from cardscan.models import Box, Contact, Name, OcrLine, OcrResult, OcrWord


def line(text: str, top: int = 100, h: int = 40, conf: float = 0.9) -> OcrLine:
    words, x = [], 50
    for t in text.split():
        w = int(len(t) * h * 0.55)
        words.append(OcrWord(t, conf, Box(x, top, w, h)))
        x += w + h // 3
    return OcrLine(tuple(words))


class ScriptedEngine:
    """Answers every read with the same text, and remembers the images it was given."""

    def __init__(self, text: str | None = None, fail: bool = False, conf: float = 0.9):
        self.text, self.fail, self.seen, self.conf = text, fail, [], conf

    def recognize(self, image, *, lang="eng", psm=3):
        self.seen.append((image.shape, lang, psm))
        if self.fail:
            raise OcrError("engine gone")
        return OcrResult((line(self.text, conf=self.conf),), (image.shape[1], image.shape[0]))


def card(*texts: str) -> OcrResult:
    return OcrResult(tuple(line(t, top=100 + 80 * i) for i, t in enumerate(texts)), (1600, 1000))


IMAGE = np.full((1000, 1600, 3), 255, np.uint8)


@pytest.mark.parametrize("second, expected", [
    ("r.iyer@horizon-coffeeroasters.com", "E: r.iyer@horizon-coffeeroasters.com"),  # the dot put back
    ("r_iyer@horizon-coffeeroasters.com", "E: r_iyer@horizon-coffeeroasters.com"),
    ("r.lyer@horizon-coffeeroasters.com", "E: riyer@horizon-coffeeroasters.com"),  # a letter changed: ignored
    ("riyer@horizon-coffeeroasters.com", "E: riyer@horizon-coffeeroasters.com"),  # nothing added
    (".riyer@horizon-coffeeroasters.com", "E: riyer@horizon-coffeeroasters.com"),  # a dot at an end
    ("ri..yer@horizon-coffeeroasters.com", "E: riyer@horizon-coffeeroasters.com"),  # two in a row
    ("riyer.@horizon-coffeeroasters.com", "E: riyer@horizon-coffeeroasters.com"),  # a dot against the @
])
def test_a_second_read_is_taken_only_for_separators_it_adds(second, expected):
    first = card("Rahul Iyer", "E: riyer@horizon-coffeeroasters.com")
    mended = reread.mend_separators(first, IMAGE, ScriptedEngine(second), lang="Latin")
    assert mended.lines[0].text == "Rahul Iyer"
    assert mended.lines[1].text == expected


def test_the_second_read_sees_the_address_alone_enlarged_as_one_line():
    engine = ScriptedEngine("r.iyer@acme.com")
    first = card("Rahul Iyer", "E: riyer@acme.com")
    reread.mend_separators(first, IMAGE, engine, lang="Latin")
    (shape, lang, psm), = engine.seen
    address = first.lines[1].words[1].box
    assert psm == reread.SINGLE_LINE and lang == "Latin"
    assert 2 * address.height < shape[0] < 4 * address.height  # the line, not the card
    assert shape[1] < 3 * address.width


def test_only_the_mailboxes_asked_for_are_read_again():
    engine = ScriptedEngine("r.iyer@acme.com")
    first = card("info@acme.com", "E: riyer@acme.com")
    mended = reread.mend_separators(first, IMAGE, engine, lang="Latin", mailboxes=frozenset({"riyer"}))
    assert len(engine.seen) == 1 and mended.lines[1].text == "E: r.iyer@acme.com"


def test_a_mailbox_with_a_dot_of_its_own_is_not_read_again():
    engine = ScriptedEngine("ra.hul.iyer@acme.com")
    first = card("rahul.iyer@acme.com")
    assert reread.mend_separators(first, IMAGE, engine, lang="Latin") is first
    assert engine.seen == []


def test_an_engine_failure_keeps_the_first_read():
    first = card("E: riyer@acme.com")
    assert reread.mend_separators(first, IMAGE, ScriptedEngine(fail=True), lang="Latin") is first


@pytest.mark.parametrize("email, worth", [
    ("riyer@acme.com", True),  # initial and family name run together
    ("rahuliyer@acme.com", True),
    ("iyerr@acme.com", True),
    ("r.iyer@acme.com", False),  # the dot is there
    ("info@acme.com", False),  # not the person's name
])
def test_only_a_name_run_together_is_worth_a_second_read(email, worth):
    c = Contact(name=Name(full="Rahul Iyer", given="Rahul", family="Iyer"), emails=(email,))
    assert bool(reread.mailboxes_worth_reading(c)) is worth
    assert bool(reread.mailboxes_worth_reading(Contact(emails=(email,)))) is False


@pytest.mark.parametrize("second, expected", [
    ("Álvaro Ramos", "Álvaro Ramos"),  # the accent of a capital put back
    ("Álvaro Ramós", "Álvaro Ramós"),
    ("Alvaro Ramos", "Alvaro Ramos"),  # nothing added
    ("Álvaro Romos", "Alvaro Ramos"),  # a letter changed: ignored
    ("Álvaro", "Alvaro Ramos"),  # a word lost: ignored
])
def test_a_second_read_of_the_name_is_taken_only_for_accents_it_adds(second, expected):
    first = card("Alvaro Ramos", "Director general")
    mended = reread.mend_accents(first, IMAGE, ScriptedEngine(second), lang="Latin", text="Alvaro Ramos")
    assert mended.lines[0].text == expected and mended.lines[1].text == "Director general"


def test_an_accent_the_first_read_had_is_never_taken_away():
    first = card("José Alvaro")
    mended = reread.mend_accents(first, IMAGE, ScriptedEngine("Jose Álvaro"), lang="Latin", text="José Alvaro")
    assert mended is first


def test_only_the_words_of_the_name_on_its_line_are_read_again():
    engine = ScriptedEngine("Álvaro Ramos")
    first = card("AR Alvaro Ramos")
    mended = reread.mend_accents(first, IMAGE, engine, lang="Latin", text="Alvaro Ramos")
    assert mended.lines[0].text == "AR Álvaro Ramos"
    (shape, _, _), = engine.seen
    assert shape[1] < 2 * 2.0 * first.lines[0].box.width


class SizedEngine(ScriptedEngine):
    """Reads the accents only from a crop whose height `sees` accepts."""

    def __init__(self, plain: str, accented: str, sees):
        super().__init__(plain)
        self.accented, self.sees = accented, sees

    def recognize(self, image, *, lang="eng", psm=3):
        self.seen.append((image.shape, lang, psm))
        text = self.accented if self.sees(image.shape[0]) else self.text
        return OcrResult((line(text),), (image.shape[1], image.shape[0]))


def test_a_large_name_is_read_again_for_its_accents_at_the_size_of_the_cards_print():
    first = OcrResult((line("Sabine Schroder", h=80),), (1600, 1000))
    # (80 px high words and their margins: 160 px of crop, which a read at twice the size misses)
    engine = SizedEngine("Sabine Schroder", "Sabine Schröder", lambda h: h < 160)
    mended = reread.mend_accents(first, IMAGE, engine, lang="Latin", text="Sabine Schroder")
    assert mended.lines[0].text == "Sabine Schröder"
    (shape, _, _), = engine.seen  # one read, at 32 px high words
    assert shape[0] == pytest.approx(160 * 32 / 80, abs=2)


def test_a_name_whose_accents_only_an_enlarged_read_gives_is_read_twice():
    first = OcrResult((line("Alvaro Ramos", h=60),), (1600, 1000))
    engine = SizedEngine("Alvaro Ramos", "Álvaro Ramos", lambda h: h > 120)
    mended = reread.mend_accents(first, IMAGE, engine, lang="Latin", text="Alvaro Ramos")
    assert mended.lines[0].text == "Álvaro Ramos"
    assert [s[0] for s, _, _ in engine.seen] == [pytest.approx(64, abs=2), 240]  # at 32 px, then twice the size


def test_a_name_printed_in_capitals_is_read_again_for_its_accents():
    first = card("PILAR GONZALEZ", "Directora")
    mended = reread.mend_accents(first, IMAGE, ScriptedEngine("PILAR GONZÁLEZ"), lang="Latin", text="Pilar Gonzalez")
    assert mended.lines[0].text == "PILAR GONZÁLEZ"


@pytest.mark.parametrize("full, worth", [("Alvaro Ramos", True), ("Álvaro Ramos", False), ("John Smith", False)])
def test_a_name_worth_a_second_read_is_one_the_lists_know_with_accents(full, worth):
    given, family = full.split()
    c = Contact(name=Name(full=full, given=given, family=family))
    assert reread.name_without_its_accents(c) is worth


def printed(text: str) -> tuple[np.ndarray, Box]:
    """`text` printed dark on white at the size a card is read at; the box it fills."""
    import cv2
    img = np.full((200, 1400), 255, np.uint8)
    (tw, th), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_DUPLEX, 1.2, 2)
    cv2.putText(img, text, (40, 100), cv2.FONT_HERSHEY_DUPLEX, 1.2, (0,), 2, cv2.LINE_AA)
    return img, Box(38, 100 - th - 2, tw + 4, th + base + 4)


@pytest.mark.parametrize("print_, expected", [
    ("k.joshi@atlas.com", "k.joshi@atlas.com"),  # the period is in the print: put back
    ("kjoshi@atlas.com", "kjoshi@atlas.com"),  # none printed: none invented
    ("ij.oshi@atlas.com", "ijoshi@atlas.com"),  # an i's dot is not a period (and this mailbox is not asked for)
])
def test_the_period_after_a_mailboxs_initial_is_looked_for_in_the_print(print_, expected):
    img, box = printed(print_)
    read = print_.replace(".", "", 1) if print_.index(".") < print_.index("@") else print_
    ocr = OcrResult((OcrLine((OcrWord(read, 0.9, box),)),), (img.shape[1], img.shape[0]))
    out = reread.mend_initial_dot(ocr, img, frozenset({"kjoshi"}))
    assert out.lines[0].words[0].text == expected


@pytest.mark.parametrize("text, dot", [("t.schroder@nord.ch", True), ("tschroder@nord.ch", False),
                                       ("k.joshi@atlas.com", True), ("kjoshi@atlas.com", False)])
def test_a_period_run_into_the_letter_before_it_by_soft_print_is_still_seen(text, dot):
    import cv2
    img, box = printed(text)
    soft = cv2.GaussianBlur(img, (0, 0), 2.0)  # at Otsu's threshold the period joins the t's foot
    assert reread._dot_after_first_letter(soft, box, len(text)) is dot


def printed_in(font: str, text: str, size: int) -> tuple[np.ndarray, Box]:
    """`text` printed with a TrueType font (skipped where it is not installed); the box it fills."""
    from PIL import Image, ImageDraw, ImageFont
    path = next((p for d in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/noto")
                 for p in [f"{d}/{font}"] if os.path.exists(p)), None)
    if path is None:
        pytest.skip(f"{font} is not installed")
    img = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(img)
    draw.text((40, 60), text, fill=0, font=ImageFont.truetype(path, size))
    left, top, right, bottom = draw.textbbox((40, 60), text, font=ImageFont.truetype(path, size))
    return np.asarray(img).copy(), Box(left - 2, top - 2, right - left + 4, bottom - top + 4)


@pytest.mark.parametrize("font, text, size, dot", [
    # a serif italic j reaches back under the period: by columns the two are one glyph
    ("DejaVuSerif-Italic.ttf", "k.joshi@atlas.com", 30, True),
    ("DejaVuSerif-Italic.ttf", "kjoshi@atlas.com", 30, False),
    ("NotoSerifDisplay-Regular.ttf", "r.malhotra@chopra.in", 22, True),
    ("NotoSerifDisplay-Regular.ttf", "rmalhotra@chopra.in", 22, False),
    ("DejaVuSerif-Italic.ttf", "jjones@atlas.com", 30, False),  # a j's own dot stands above the line
])
def test_a_period_under_the_hook_of_the_letter_after_it_is_still_seen(font, text, size, dot):
    img, box = printed_in(font, text, size)
    assert reread._dot_after_first_letter(img, box, len(text)) is dot


def test_a_period_under_the_arm_of_a_serif_r_is_still_seen():
    """"r.marchand@azurarchitecture.eu" cut from a synthetic photo's image read: the r's arm reaches
    out over the period, so the period is not right of the r's box."""
    import cv2
    from pathlib import Path
    img = cv2.imread(str(Path(__file__).parent / "data" / "print" / "serif_r_period.png"), cv2.IMREAD_GRAYSCALE)
    box = Box(12, 12, 741, 43)
    assert reread._dot_after_first_letter(img, box, 29)
    img[42:49, 28:36] = 255  # the period alone, whitened
    assert not reread._dot_after_first_letter(img, box, 29)


def test_a_dotless_mailbox_with_an_i_is_left_as_printed():
    img, box = printed("ijoshi@atlas.com")
    assert not reread._dot_after_first_letter(img, box, 16)
    img, box = printed("i.joshi@atlas.com")
    assert reread._dot_after_first_letter(img, box, 16)


def test_only_an_initial_and_the_family_name_run_together_is_looked_at():
    name = Name(full="Kavya Joshi", given="Kavya", family="Joshi")
    assert reread.initial_mailboxes(Contact(name=name, emails=("kjoshi@atlas.com",))) == {"kjoshi"}
    assert reread.initial_mailboxes(Contact(name=name, emails=("kavyajoshi@atlas.com", "k.joshi@atlas.com"))) == set()
    assert reread.initial_mailboxes(Contact(emails=("kjoshi@atlas.com",))) == set()


@pytest.mark.parametrize("mailbox, initial", [("jjansen", True), ("jterjansen", True), ("joostjansen", False)])
def test_a_family_name_of_several_words_makes_mailboxes_of_each(mailbox, initial):
    # "ter Jansen": mailboxes are made of the last word as often as of the whole
    c = Contact(name=Name(full="Joost ter Jansen", given="Joost", family="ter Jansen"), emails=(f"{mailbox}@acme.nl",))
    assert reread.mailboxes_worth_reading(c) == {mailbox}
    assert reread.initial_mailboxes(c) == ({mailbox} if initial else set())


def printed_words(text: str, first: str, *, underline: bool = False) -> tuple[np.ndarray, Box, Box]:
    """`text` printed as `printed` does; the boxes of `first` (its start) and of what follows
    its separator, as a whole-card read gives them."""
    import cv2
    img, whole = printed(text)
    font = (cv2.FONT_HERSHEY_DUPLEX, 1.2, 2)
    w_first = cv2.getTextSize(first, *font)[0][0]
    w_upto = cv2.getTextSize(text[:len(first) + 1], *font)[0][0]
    if underline:
        cv2.line(img, (40, 106), (40 + whole.width - 4, 106), (0,), 2)
    return (img, Box(whole.left, whole.top, w_first + 4, whole.height),
            Box(40 + w_upto, whole.top, whole.right - 40 - w_upto, whole.height))


@pytest.mark.parametrize("print_, read, expected", [
    ("anna_wolf@atlas.ch", "anna wolf@atlas.ch", "anna_wolf@atlas.ch"),  # the underscore read as a space
    ("anna_wolf@atlas.ch", "anna. wolf@atlas.ch", "anna_wolf@atlas.ch"),  # ... or as a period
    ("anna.wolf@atlas.ch", "anna. wolf@atlas.ch", "anna. wolf@atlas.ch"),  # a period is no underscore
    ("anna wolf@atlas.ch", "anna wolf@atlas.ch", "anna wolf@atlas.ch"),  # nor is a space
])
def test_an_underscore_read_as_a_space_is_looked_for_in_the_print(print_, read, expected):
    img, first, second = printed_words(print_, "anna")
    first_text, rest = read.split(" ", 1)
    ocr = OcrResult((OcrLine((OcrWord("E:", 0.9, Box(0, first.top, 30, first.height)), OcrWord(first_text, 0.9, first),
                              OcrWord(rest, 0.9, second))),), (img.shape[1], img.shape[0]))
    out = reread.mend_underscores(ocr, img)
    assert out.lines[0].text == "E: " + expected


def test_a_link_underlined_whole_has_no_underscore_in_it():
    img, first, second = printed_words("anna wolf@atlas.ch", "anna", underline=True)
    assert not reread._underscore_between(img, first, second)
    img, first, second = printed_words("anna_wolf@atlas.ch", "anna")
    assert reread._underscore_between(img, first, second)


def test_a_stroke_under_the_line_is_no_underscore():
    # the top of the next line's print (or an icon's rim) under the first word, below where an
    # underscore sits: "pedro.rocha@" is not pedro_rocha@
    import cv2
    img, first, second = printed_words("pedro rocha@atlas.ch", "pedro")
    cv2.rectangle(img, (first.right - 30, 109), (first.right - 2, 114), (0,), -1)
    assert not reread._underscore_between(img, first, second)


@pytest.mark.parametrize("image, first, second, underscore", [
    # "diego_gomez@northstarpartners.com": the underscore runs into the descenders of both g's
    ("underscore_into_descenders.png", Box(12, 12, 78, 37), Box(92, 12, 471, 38), (slice(40, 48), slice(89, 102))),
    # "diego_ramos@nouvellefinance.be": a short underscore run into the r's foot
    ("underscore_beside_r.png", Box(12, 12, 85, 61), Box(102, 27, 453, 41), (slice(55, 61), slice(100, 116))),
])
def test_an_underscore_run_into_the_letters_beside_it_is_seen(image, first, second, underscore):
    """Mailboxes cut from the images two synthetic photos were read from, where the whole-card
    read gave a space for the underscore."""
    import cv2
    from pathlib import Path
    img = cv2.imread(str(Path(__file__).parent / "data" / "print" / image), cv2.IMREAD_GRAYSCALE)
    assert reread._underscore_between(img, first, second)
    img[underscore] = 255  # the underscore alone, whitened
    assert not reread._underscore_between(img, first, second)


def test_a_pale_underscore_between_blurred_words_is_seen():
    """"nisha_agarwal@oakmontcoffeeroasters.ca" cut from the image a synthetic photo was read
    from: blurred print whose letters run together (no letters to take a baseline from; an
    icon of the line below gave one under the words), its underscore paler than Otsu's
    threshold for the letters."""
    import cv2
    from pathlib import Path
    img = cv2.imread(str(Path(__file__).parent / "data" / "print" / "underscore_pale_blurred.png"),
                     cv2.IMREAD_GRAYSCALE)
    first, second = Box(13, 23, 70, 73), Box(89, 23, 439, 57)
    assert reread._underscore_between(img, first, second)
    img[75:83, 80:101] = 255  # the underscore alone, whitened
    assert not reread._underscore_between(img, first, second)


def test_a_period_run_into_a_letters_foot_is_no_underscore():
    import cv2
    img, first, second = printed_words("benoit lemaire@atlas.ch", "benoit")
    base = int(np.flatnonzero((img[:, first.left:first.right] < 128).any(axis=1)).max())
    r = first.right
    cv2.rectangle(img, (r - 2, base - 5), (r + 2, base), (0,), -1)  # a period
    cv2.rectangle(img, (r - 9, base - 2), (r - 2, base), (0,), -1)  # the t's foot run into it
    assert not reread._underscore_between(img, first, second)
    cv2.rectangle(img, (r - 2, base - 5), (r + 2, base - 3), (255,), -1)
    cv2.rectangle(img, (r - 9, base - 2), (r + 5, base), (0,), -1)  # an underscore there instead
    assert reread._underscore_between(img, first, second)


def unsure(*texts: str, conf: float = 0.4) -> OcrResult:
    """A card whose last line was read with little confidence."""
    lines = list(card(*texts).lines)
    lines[-1] = OcrLine(tuple(OcrWord(w.text, conf, w.box) for w in lines[-1].words))
    return OcrResult(tuple(lines), (1600, 1000))


def mend_unsure(first: OcrResult, engine, colour=None) -> tuple[OcrResult, Contact]:
    from cardscan import assemble
    contact = assemble.contact(first, region="IT")
    return reread.mend_unsure_lines(first, contact, IMAGE, engine, lang="Latin", region="IT", default_region="US",
                                    colour=colour)


class SequenceEngine(ScriptedEngine):
    """Answers each read with the next of its texts (the last one over again once they run out)."""

    def __init__(self, *texts: str):
        super().__init__(texts[0])
        self.texts = list(texts)

    def recognize(self, image, *, lang="eng", psm=3):
        self.text = self.texts[min(len(self.seen), len(self.texts) - 1)]
        return super().recognize(image, lang=lang, psm=psm)


def test_an_unsure_mail_line_read_again_alone_gives_its_address():
    first = unsure("Gianluca Gallo", "Juniper Energy Srl", "Emat ggalofunpermergy eu")
    engine = ScriptedEngine("Email: g.gallo@juniperenergy.eu")
    mended, contact = mend_unsure(first, engine)
    assert contact.emails == ("g.gallo@juniperenergy.eu",)
    assert mended.lines[2].text == "Email: g.gallo@juniperenergy.eu"
    assert contact.org == "Juniper Energy Srl" and contact.name.full == "Gianluca Gallo"
    (shape, lang, psm), = engine.seen  # taken at the first size tried
    assert psm == reread.SINGLE_LINE and shape[0] < 4 * first.lines[2].height


@pytest.mark.parametrize("second", [
    "Email: ggallo@unpernerg.eu",  # a domain nothing else on the card spells
    "Emat ggalofunpermergy eu",  # no better
])
def test_a_second_read_the_card_does_not_vouch_for_is_not_taken(second):
    first = unsure("Gianluca Gallo", "Juniper Energy Srl", "Emat ggalofunpermergy eu")
    engine = ScriptedEngine(second)
    mended, contact = mend_unsure(first, engine)
    assert mended is first and contact.emails == ()
    heights = [shape[0] for shape, _, _ in engine.seen]
    assert [round(h / heights[0]) for h in heights] == [1, 2, 3]  # as it is, twice and three times the size


def test_an_unsure_line_that_reads_no_better_from_the_image_read_is_read_from_the_card_s_own_grey():
    first = unsure("Gianluca Gallo", "Juniper Energy Srl", "Emat ggalofunpermergy eu")
    engine = SequenceEngine("Emat ggalofunpermergy eu", "Email: ggallo@unpernerg.eu", "Email: g.gallo@juniperenergy.eu")
    mended, contact = mend_unsure(first, engine, colour=IMAGE)
    assert contact.emails == ("g.gallo@juniperenergy.eu",) and mended.lines[2].text == "Email: g.gallo@juniperenergy.eu"
    assert len(engine.seen) == 3  # the third view, the card's own grey, at the image read's size, gave it
    shape, _, psm = engine.seen[2]
    assert len(shape) == 2 and shape[0] < 2 * first.lines[2].height and psm == reread.SINGLE_LINE


def test_a_website_read_again_is_vouched_for_by_the_mail_domain():
    first = unsure("Gianluca Gallo", "g.gallo@juniperenergy.eu", "w. hapsiimperenergy eu")
    _, contact = mend_unsure(first, ScriptedEngine("w: https://juniperenergy.eu"))
    assert contact.urls == ("https://juniperenergy.eu",)


def test_a_confident_line_and_a_line_with_no_address_are_not_read_again():
    engine = ScriptedEngine("Email: g.gallo@juniperenergy.eu")
    sure = card("Gianluca Gallo", "Juniper Energy Srl", "Email g.gallo juniperenergy eu")
    assert mend_unsure(sure, engine)[0] is sure
    plain = unsure("Gianluca Gallo", "Juniper Energy Srl", "Via dei Mille 24")
    assert mend_unsure(plain, engine)[0] is plain
    assert engine.seen == []


def test_an_engine_failure_keeps_the_unsure_line_as_read():
    first = unsure("Gianluca Gallo", "Juniper Energy Srl", "Emat ggalofunpermergy eu")
    assert mend_unsure(first, ScriptedEngine(fail=True))[0] is first


def test_a_second_read_that_changes_a_number_on_the_line_is_not_taken():
    first = unsure("Gianluca Gallo", "Juniper Energy Srl", "T +39 080 6385 5880 Emat ggalofunpermergy eu")
    _, before = mend_unsure(first, ScriptedEngine(fail=True))
    assert [p.number for p in before.phones] == ["+3908063855880"]
    mended, contact = mend_unsure(first, ScriptedEngine("T +39 080 6385 5886 Email: g.gallo@juniperenergy.eu"))
    assert mended is first and contact.emails == ()


def test_an_unsure_line_whose_digits_gave_no_number_is_read_again_alone():
    # a digit read twice: "+39 080 6385 58800" is no Italian number, and the card loses it
    first = unsure("Gianluca Gallo", "g.gallo@juniperenergy.eu", "T +39 080 6385 58800")
    _, before = mend_unsure(first, ScriptedEngine(fail=True))
    assert before.phones == ()
    mended, contact = mend_unsure(first, ScriptedEngine("T +39 080 6385 5880"))
    assert [p.number for p in contact.phones] == ["+3908063855880"]
    assert mended.lines[2].text == "T +39 080 6385 5880" and contact.emails == ("g.gallo@juniperenergy.eu",)


@pytest.mark.parametrize("second", [
    "T +39 080 6385 58800 g.gallo@juniperenergy.eu",  # no better
    "T +39 080 6385 5880",  # a number more, and the mail address on the line lost
])
def test_a_second_read_of_a_number_line_that_gains_nothing_or_loses_is_not_taken(second):
    first = unsure("Gianluca Gallo", "Juniper Energy Srl", "T +39 080 6385 58800 g.gallo@juniperenergy.eu")
    engine = ScriptedEngine(second)
    mended, contact = mend_unsure(first, engine)
    assert mended is first and contact.emails == ("g.gallo@juniperenergy.eu",) and contact.phones == ()
    assert len(engine.seen) == 3  # as it is, twice and three times the size (no colour card: no grey of its own)


def test_a_line_labelled_as_a_tax_number_is_not_read_again_for_a_telephone_number():
    first = unsure("Gianluca Gallo", "Juniper Energy Srl", "USt-IdNr. DE322525853")
    engine = ScriptedEngine("UStidNr. 0E322525853")
    mended, contact = mend_unsure(first, engine, colour=IMAGE)
    assert mended is first and contact.phones == () and engine.seen == []


@pytest.mark.parametrize("line", [
    "T +39 080 6385 5880",  # it gave its number
    "70121 Bari",  # too few digits
    "Via dei Mille 24, 70121 Bari",  # seven digits, but a house number and a postcode: no number's run
])
def test_a_line_that_gave_its_number_or_shows_none_is_not_read_again(line):
    engine = ScriptedEngine("T +39 080 6385 5880")
    first = unsure("Gianluca Gallo", "g.gallo@juniperenergy.eu", line)
    assert mend_unsure(first, engine)[0] is first and engine.seen == []


def titled(title: str | OcrLine) -> OcrResult:
    """A card whose name is printed large, its title small under it."""
    role = line(title, 230, 40) if isinstance(title, str) else title
    return OcrResult((line("Harrison McAllister", 100, 90), role, line("Evergreen Marketing Limited", 320, 60),
                      line("+44 20 7946 0018", 450, 40)), (1600, 1000))


# "Head of Marketing" read "Head ol": the pale rest lost, the f of "of" read as an l as small as an o
HEAD_OL = OcrLine((OcrWord("Head", 0.94, Box(50, 230, 88, 40)), OcrWord("ol", 0.88, Box(160, 253, 26, 14))))


def mend_title(first: OcrResult, engine) -> tuple[OcrResult, Contact]:
    from cardscan import assemble
    contact = assemble.contact(first, region="GB")
    return reread.mend_cut_title(first, contact, IMAGE, engine, lang="Latin", region="GB", default_region="US")


def test_a_title_line_cut_short_is_read_again_past_its_end():
    first = titled(HEAD_OL)
    engine = ScriptedEngine("Head of Marketing")
    mended, contact = mend_title(first, engine)
    assert contact.title == "Head of Marketing"
    assert contact.name.full == "Harrison McAllister" and contact.org == "Evergreen Marketing Limited"
    assert mended.lines[1].text == "Head of Marketing"
    (shape, lang, psm), = engine.seen
    assert psm == reread.SINGLE_LINE and shape[1] > 5 * first.lines[1].box.width  # well past its end


@pytest.mark.parametrize("title", ["Vice President,", "VP of"])
def test_a_title_ending_where_no_title_ends_is_read_again(title):
    engine = ScriptedEngine(title + " Sales")
    _, contact = mend_title(titled(title), engine)
    assert contact.title.startswith(title.rstrip(",")) and contact.title.endswith("Sales")


@pytest.mark.parametrize("second", [
    "Managing Director",  # another title: not the one read first going on
    "Head ol",  # no more than before
])
def test_a_second_read_that_does_not_go_on_from_the_title_is_not_taken(second):
    first = titled(HEAD_OL)
    engine = ScriptedEngine(second)
    mended, contact = mend_title(first, engine)
    assert mended is first and contact.title == "Head"
    assert len(engine.seen) == 2  # as it is, then twice the size


@pytest.mark.parametrize("second, conf, taken", [
    ("Head of Marketing", 0.2, True),  # pale, read unsure: words of titles
    ("Head of Marketing", 0.9, True),
    ("Head of Pemberton", 0.9, True),  # read sure
    ("Head of Pemberton", 0.2, False),  # unsure and no word of titles: a scrap of a logo
    ("Head of Das", 0.2, False),  # and no title ends with "das"
])
def test_a_word_a_title_gains_is_a_word_of_titles_or_read_sure(second, conf, taken):
    engine = ScriptedEngine(second, conf=conf)
    _, contact = mend_title(titled(HEAD_OL), engine)
    assert contact.title == (second if taken else "Head")


def test_a_title_ending_in_a_scrap_of_its_last_word_is_read_again():
    engine = ScriptedEngine("Directrice de production")
    _, contact = mend_title(titled("Directrice de pr"), engine)
    assert contact.title == "Directrice de production"


@pytest.mark.parametrize("title", ["Head of Marketing", "Head of PR"])
def test_a_whole_title_is_not_read_again(title):
    engine = ScriptedEngine("Head of Marketing and Sales")
    first = titled(title)
    assert mend_title(first, engine)[0] is first and engine.seen == []


def lost_title(under: str, conf: float = 0.3, reach: str = "+44 20 7946 0018") -> OcrResult:
    """A card whose title under the name was read as scraps (`under`, at `conf`)."""
    return OcrResult((line("Harrison McAllister", 100, 90), line(under, 230, 40, conf=conf),
                      line("Evergreen Marketing Limited", 320, 60), line(reach, 450, 40)), (1600, 1000))


def mended_by(mend, first: OcrResult, engine, region: str) -> tuple[OcrResult, Contact]:
    """What a second read `mend` (of the mend_* kind) makes of the read `first` and its contact."""
    from cardscan import assemble
    contact = assemble.contact(first, region=region)
    return mend(first, contact, IMAGE, engine, lang="Latin", region=region, default_region="US")


def mend_lost(first: OcrResult, engine) -> tuple[OcrResult, Contact]:
    return mended_by(reread.mend_missing_title, first, engine, "GB")


def test_a_title_read_as_scraps_under_the_name_is_read_again():
    first = lost_title("Oper:")
    engine = ScriptedEngine("Operations Manager", conf=0.5)
    mended, contact = mend_lost(first, engine)
    assert contact.title == "Operations Manager"
    assert contact.name.full == "Harrison McAllister" and contact.org == "Evergreen Marketing Limited"
    assert [p.number for p in contact.phones] == ["+442079460018"]
    assert mended.lines[1].text == "Operations Manager"
    (shape, lang, psm), = engine.seen
    # from the name's start to well past the ends of both
    assert psm == reread.SINGLE_LINE and shape[1] > first.lines[0].box.width + 10 * 40


@pytest.mark.parametrize("second, conf", [
    ("Manager Aoa", 0.5),  # a word unsure and no word of titles: a scrap of a logo beside it
    ("Project Manager ai a PERNE", 0.5),
    ("Director of", 0.9),  # no title ends with "of"
])
def test_a_second_read_under_the_name_that_gives_no_sure_title_is_not_taken(second, conf):
    first = lost_title("Oper:")
    engine = ScriptedEngine(second, conf=conf)
    mended, contact = mend_lost(first, engine)
    assert mended is first and contact.title is None
    assert len(engine.seen) == 2  # as it is, then twice the size


def test_a_second_read_under_the_name_that_changes_another_field_is_not_taken():
    engine = ScriptedEngine("Director +44 20 7946 0099")
    mended, contact = mend_lost(lost_title("Oper:"), engine)
    assert mended.lines[1].text == "Oper:" and contact.title is None


@pytest.mark.parametrize("first", [
    lost_title("Oper:", conf=0.9),  # read sure: what it says is what is printed
    lost_title("Oper:", reach="Evergreen House"),  # no way to reach anyone: that read is redone whole
    lost_title("+44 20 7946 0018"),  # a number's line
])
def test_a_line_under_the_name_is_not_read_again_when_sure_a_number_or_the_read_reaches_no_one(first):
    engine = ScriptedEngine("Operations Manager")
    assert mend_lost(first, engine)[0] is first and engine.seen == []


@pytest.mark.parametrize("image, letters, dot", [
    # "k.ikeda@matsumoto.co.jp" and "k.ashworth@baxter.com", read without the period: a pale
    # period, blurred into the k's leg at Otsu's threshold and gone at four fifths of it
    ("dot_pale_after_k.png", 22, (slice(22, 30), slice(19, 26))),
    ("dot_pale_after_k_small.png", 20, (slice(19, 27), slice(16, 22))),
])
def test_a_pale_period_blurred_into_the_initial_is_still_seen(image, letters, dot):
    """Mailboxes cut from the images two synthetic photos were read from."""
    import cv2
    from pathlib import Path
    img = cv2.imread(str(Path(__file__).parent / "data" / "print" / image), cv2.IMREAD_GRAYSCALE)
    box = Box(2, 2, img.shape[1] - 4, img.shape[0] - 4)
    assert reread._dot_after_first_letter(img, box, letters)
    img[dot] = 255  # the period alone, whitened
    assert not reread._dot_after_first_letter(img, box, letters)


@pytest.mark.parametrize("image, text", [
    ("pale_aashworth.png", "aashworth@bluehealth.com"),
    ("pale_idvorak.png", "idvorak@babic.es"),
])
def test_pale_print_fallen_apart_at_darker_ink_shows_no_period(image, text):
    """Mailboxes with no period cut from the images two synthetic photos were read from: at four
    fifths of Otsu's threshold their letters fall apart, a piece of one on the baseline."""
    import cv2
    from pathlib import Path
    img = cv2.imread(str(Path(__file__).parent / "data" / "print" / image), cv2.IMREAD_GRAYSCALE)
    assert not reread._dot_after_first_letter(img, Box(2, 2, img.shape[1] - 4, img.shape[0] - 4), len(text))


TEAL = (170, 215, 120)  # BGR: a light teal, its grey (about 190) close to the paper's


def teal_title_card(paper: tuple[int, int, int] = (250, 250, 250)) -> np.ndarray:
    """A card in colour at the size of the read: the title in light teal under the name's line,
    a dark logo block at the band's right edge running up into the name's row."""
    import cv2
    img = np.full((1000, 1600, 3), paper, np.uint8)
    cv2.putText(img, "Head of Partnerships", (60, 240), cv2.FONT_HERSHEY_SIMPLEX, 1.3, TEAL, 3, cv2.LINE_AA)
    img[150:230, 1300:1400] = (60, 90, 20)
    return img


def faint_title_read(colour, engine, under: tuple = ()) -> tuple[OcrResult, OcrResult, Contact]:
    from cardscan import assemble
    first = OcrResult((line("Harrison McAllister", 100, 90), *under, line("Evergreen Marketing Limited", 330, 60),
                       line("+44 20 7946 0018", 450, 40)), (1600, 1000))
    contact = assemble.contact(first, region="GB")
    mended, contact = reread.mend_faint_title(first, contact, IMAGE[:, :, 0], colour, engine, lang="Latin",
                                              region="GB", default_region="US")
    return first, mended, contact


def test_light_coloured_print_becomes_dark_and_a_logo_beside_it_paper():
    import cv2
    crop = teal_title_card()[190:330, :]
    ink = reread._colour_as_ink(crop)
    text = ink[205 - 190:245 - 190, 60:500]
    assert cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)[15:55, 60:500].min() > 150  # pale as grey
    assert text.min() < 60
    assert (ink[:, 1290:1410] == 255).all()  # the logo block runs into the crop's top


def test_a_title_in_a_light_colour_that_no_read_found_is_read_from_the_colour_card():
    engine = ScriptedEngine("Head of Partnerships", conf=0.9)
    first, mended, contact = faint_title_read(teal_title_card(), engine)
    assert contact.title == "Head of Partnerships"
    assert contact.name.full == "Harrison McAllister" and contact.org == "Evergreen Marketing Limited"
    assert [ln.text for ln in mended.lines][:2] == ["Harrison McAllister", "Head of Partnerships"]
    (shape, lang, psm), *_ = engine.seen
    assert psm == reread.SINGLE_LINE


def test_scraps_read_in_the_band_give_way_to_its_read():
    engine = ScriptedEngine("Head of Partnerships", conf=0.9)
    first, mended, contact = faint_title_read(teal_title_card(), engine, under=(line("ROI", 205, 40, conf=0.3),))
    assert contact.title == "Head of Partnerships"
    assert "ROI" not in [ln.text for ln in mended.lines]


def test_a_band_with_no_print_or_no_colour_card_is_not_read():
    engine = ScriptedEngine("Head of Partnerships")
    first, mended, contact = faint_title_read(np.full((1000, 1600, 3), 250, np.uint8), engine)
    assert mended is first and contact.title is None and engine.seen == []
    first, mended, contact = faint_title_read(None, engine)
    assert mended is first and engine.seen == []


def test_a_read_of_the_band_that_is_no_title_is_not_taken():
    engine = ScriptedEngine("Hcad ol Partnorships", conf=0.4)
    first, mended, contact = faint_title_read(teal_title_card(), engine)
    assert mended is first and contact.title is None and len(engine.seen) == 2


def mend_large(ocr: OcrResult, contact: Contact, image: np.ndarray, engine, **kw) -> tuple[OcrResult, Contact]:
    """mend_large_lines with no colour card: the image read alone."""
    return reread.mend_large_lines(ocr, contact, image, None, engine, **kw)


def large_print(big: str, conf: float = 0.2, mail: str = "k.hendriks@polderontwerp.eu") -> OcrResult:
    """A card whose company's name, printed three times the size of the rest, was read as `big`."""
    return OcrResult((line(big, 80, 96, conf=conf), line("Koen Hendriks", 240, 44), line("Senior Consultant", 300, 30),
                      line("+32 15 76 20 64", 600, 30), line(mail, 660, 30),
                      line("www.polderontwerp.eu", 720, 30)), (1600, 1000))


def test_large_print_read_as_junk_is_read_again_smaller_and_taken_where_the_domain_spells_it():
    first = large_print("OLOSE ONTEEEP Y")
    engine = ScriptedEngine("POLDER ONTWERP NV", conf=0.9)
    mended, contact = mended_by(mend_large, first, engine, "BE")
    assert contact.org is not None and contact.org.upper() == "POLDER ONTWERP NV"
    assert contact.name.full == "Koen Hendriks" and contact.title == "Senior Consultant"
    assert mended.lines[0].text == "POLDER ONTWERP NV"
    (shape, _, psm), = engine.seen
    # the 96 px line and its margins (144 px) read at 40 px high
    assert psm == reread.SINGLE_LINE and shape[0] == pytest.approx(144 * 40 / 96, abs=2)


@pytest.mark.parametrize("second", [
    "OLDER ANTWERP",  # a company the domain does not spell
    "AAA EEE",  # junk again
])
def test_a_second_read_of_large_print_that_no_domain_vouches_for_is_not_taken(second):
    first = large_print("OLOSE ONTEEEP Y")
    mended, contact = mended_by(mend_large, first, ScriptedEngine(second, conf=0.9), "BE")
    assert mended is first and contact.org != "OLDER ANTWERP"


def test_large_print_read_sure_or_no_larger_than_the_rest_is_not_read_again():
    engine = ScriptedEngine("POLDER ONTWERP NV", conf=0.9)
    mended_by(mend_large, large_print("Polder Ontwerp NV", conf=0.95), engine, "BE")
    flat = OcrResult(tuple(line(t, 100 + 60 * i, 30, conf=0.3 if i == 0 else 0.9) for i, t in enumerate(
        ["OLOSE ONTEEEP", "Koen Hendriks", "+32 15 76 20 64", "k.hendriks@polderontwerp.eu"])), (1600, 1000))
    mended_by(mend_large, flat, engine, "BE")
    assert engine.seen == []


def test_a_name_read_again_from_large_print_is_taken_where_the_mailbox_spells_it():
    first = OcrResult((line("ABIGAIL:N FVUNSLOSY", 80, 96, conf=0.1), line("Manager", 200, 40),
                       line("Lumen Health", 260, 34), line("+1 416 555 0199", 600, 30),
                       line("awinslow@lumenhealth.com", 660, 30)), (1600, 1000))
    mended, contact = mended_by(mend_large, first, ScriptedEngine("ABIGAIL WINSLOW", conf=0.9), "CA")
    assert contact.name is not None and contact.name.full == "Abigail Winslow"
    assert contact.org == "Lumen Health" and contact.emails == ("awinslow@lumenhealth.com",)


class AnswersInTurn:
    """Answers each read with the next of `answers` (read sure), and keeps the images it was given."""

    def __init__(self, *answers: str):
        self.answers, self.images = list(answers), []

    def recognize(self, image, *, lang="eng", psm=3):
        self.images.append(image.copy())
        text = self.answers.pop(0) if self.answers else ""
        return OcrResult((line(text),) if text else (), (image.shape[1], image.shape[0]))


def logo_card(dark: bool = False) -> np.ndarray:
    """A card with a company's name printed 96 px high at its top, three times its other print."""
    img = np.full((1000, 1600, 3), 30 if dark else 255, np.uint8)
    cv2.putText(img, "POLDER ONTWERP", (60, 176), cv2.FONT_HERSHEY_SIMPLEX, 3.3, (235,) * 3 if dark else (0, 0, 0), 14)
    return img


def unread_logo(mail: str = "k.hendriks@polderontwerp.eu", company: str = "") -> OcrResult:
    """The read of logo_card that passed over its large print."""
    below = [t for t in (company, "Koen Hendriks", "Senior Consultant", "+32 15 76 20 64", mail) if t]
    return OcrResult(tuple(line(t, 300 + 60 * i, 30) for i, t in enumerate(below)), (1600, 1000))


def logo_mended(first: OcrResult, engine, image: np.ndarray, colour: np.ndarray | None = None) -> tuple[OcrResult, Contact]:
    from cardscan import assemble
    return reread.mend_large_lines(first, assemble.contact(first, region="BE"), image, colour, engine,
                                   lang="Latin", region="BE", default_region="US")


def test_large_print_no_word_covers_is_read_and_taken_where_the_domain_spells_it():
    from cardscan import assemble
    engine = AnswersInTurn("POLDER ONTWERP NV")
    first = unread_logo()
    mended, contact = logo_mended(first, engine, logo_card())
    assert assemble.contact(first, region="BE").org is None
    assert contact.org is not None and contact.org.upper() == "POLDER ONTWERP NV"
    assert [ln.text for ln in mended.lines][:2] == ["POLDER ONTWERP NV", "Koen Hendriks"]
    # the row and its margins read at LARGE_READ_PX high
    (image,) = engine.images
    assert 40 < image.shape[0] < 100 and image.shape[1] > 8 * image.shape[0]


@pytest.mark.parametrize("first", [
    unread_logo(company="Polder Ontwerp NV"),  # the company its domain spells was read
    unread_logo(mail="koen.hendriks@gmail.com"),  # no domain of its own ...
    unread_logo(mail=""),  # ... or none at all to spell a company
])
def test_large_print_left_out_is_not_looked_for_where_no_domain_wants_a_company(first):
    engine = AnswersInTurn("POLDER ONTWERP NV")
    mended, contact = logo_mended(first, engine, logo_card())
    assert mended is first and engine.images == []


def test_large_print_left_out_that_the_domain_does_not_spell_is_not_taken():
    first = unread_logo()
    engine = AnswersInTurn("OLDER ANTWERP")
    mended, contact = logo_mended(first, engine, logo_card())
    assert mended is first and contact.org is None and len(engine.images) == 1


def test_large_print_is_read_from_the_cards_own_grey_where_the_image_read_gives_junk():
    first = unread_logo()
    engine = AnswersInTurn("EEASA Daa", "POLDER ONTWERP NV")
    # the image read has kept only thin strokes of the large letters; the card itself, light
    # print on a dark card at half the size, holds them whole
    hollow = np.full((1000, 1600, 3), 255, np.uint8)
    cv2.putText(hollow, "POLDER ONTWERP", (60, 176), cv2.FONT_HERSHEY_SIMPLEX, 3.3, (0, 0, 0), 3)
    colour = cv2.resize(logo_card(dark=True), (800, 500), interpolation=cv2.INTER_AREA)
    mended, contact = logo_mended(first, engine, hollow, colour)
    assert contact.org is not None and contact.org.upper() == "POLDER ONTWERP NV"
    read, own = engine.images
    assert read.shape[:2] == own.shape  # the same place, in the image read's frame
    assert np.median(own) > 128  # its paper made light
    assert own.min() < 60  # its light print made dark
    assert np.abs(own.astype(int) - read[:, :, 0]).mean() > 10  # not the image read's pixels


def test_a_colour_card_that_is_not_the_image_read_at_another_size_gives_no_second_view():
    around = Box(50, 50, 400, 100)
    assert len(list(reread._views(around, IMAGE, np.zeros((1000, 1000, 3), np.uint8)))) == 1
    assert len(list(reread._views(around, IMAGE, np.zeros((500, 800, 3), np.uint8)))) == 2


def swollen(word: str = "FCEASTEC", conf: float = 0.18, tall: int = 124) -> OcrResult:
    """A company's line whose first word's box took in a smear above it (`tall` px high, the
    rest of its line 60)."""
    first = OcrLine((OcrWord(word, conf, Box(310, 3, 491, tall)), OcrWord("S/C", 0.83, Box(835, 53, 140, 60)),
                     OcrWord("LTDA.", 0.88, Box(1012, 54, 246, 60))))
    rest = (line("Assistência Técnica em Geral", 140, 40), line("Tel: (11) 2651-9589", 400, 36),
            line("Av. Waldemar Carlos Pereira, 1325", 460, 36))
    return OcrResult((first,) + rest, (1600, 1000))


def test_a_word_whose_box_took_in_a_smear_is_read_again_in_its_lines_band():
    engine = ScriptedEngine("CEASTEC", conf=0.9)
    mended, contact = mended_by(reread.mend_swollen_words, swollen(), engine, "BR")
    assert mended.lines[0].text == "CEASTEC S/C LTDA."
    assert contact.org == "CEASTEC S/C LTDA."
    # the band of the line's other words (53 to 113 px) and its margins, read at 40 px high
    (shape, _, psm), = engine.seen
    assert psm == reread.SINGLE_LINE and shape[0] == pytest.approx((60 + 2 * 15) * 40 / 60, abs=2)


@pytest.mark.parametrize("second, conf", [
    ("CEASTEK", 0.9),  # a letter changed
    ("ASTEC", 0.9),  # more than two lost
    ("CEAS", 0.9),
    ("CEASTEC", 0.1),  # read no surer
    ("CEASTEC S/C", 0.9),  # more than one word
])
def test_a_second_read_of_a_swollen_word_is_taken_only_where_it_loses_a_letter_or_two_at_its_ends(second, conf):
    first = swollen()
    mended, _ = mended_by(reread.mend_swollen_words, first, ScriptedEngine(second, conf=conf), "BR")
    assert mended.lines[0].text == "FCEASTEC S/C LTDA."


@pytest.mark.parametrize("first", [
    swollen(conf=0.8),  # read sure
    swollen(tall=80),  # no taller than its line
    swollen(word="FC", tall=124),  # too short to tell
])
def test_words_read_sure_or_as_tall_as_their_line_are_not_read_again(first):
    engine = ScriptedEngine("CEASTEC", conf=0.9)
    mended, _ = mended_by(reread.mend_swollen_words, first, engine, "BR")
    assert mended is first and engine.seen == []


# ---------------------------------------------------------------- a mail address read whole but wrong

def mend_mail(first: OcrResult, engine, colour=IMAGE) -> tuple[OcrResult, Contact]:
    from cardscan import assemble
    contact = assemble.contact(first, region="IT")
    return reread.mend_unvouched_mail(first, contact, IMAGE[:, :, 0], colour, engine, lang="Latin", region="IT",
                                      default_region="US")


@pytest.mark.parametrize("first_read, second, expected", [
    # the mailbox misread: the second read spells it as the person's name makes it
    ("E: valemina_marino@arcoarredamenti.it", "E: valentina_marino@arcoarredamenti.it", "valentina_marino@arcoarredamenti.it"),
    # a role's mailbox misread
    ("Mail: offico@arcoarredamenti.it", "Mail: office@arcoarredamenti.it", "office@arcoarredamenti.it"),
])
def test_a_mail_address_the_card_does_not_vouch_for_is_read_again_and_taken_where_it_then_does(first_read, second, expected):
    first = unsure("Valentina Marino", "Arco Arredamenti", first_read)
    engine = ScriptedEngine(second)
    mended, contact = mend_mail(first, engine)
    assert contact.emails == (expected,)
    assert contact.name.full == "Valentina Marino" and contact.org == "Arco Arredamenti"
    (shape, lang, psm), = engine.seen  # the card's own grey, the first view, gave it
    assert psm == reread.SINGLE_LINE and shape[0] < 2 * first.lines[2].height


@pytest.mark.parametrize("second", [
    "E: valemina_marino@arcoarredamenti.it",  # no better
    "E: vaiemina_marino@arcoarredamenti.it",  # another misread, no better vouched for
    "E: valentina_marino@arcoarredamenti.it +39 02 1234 5678",  # better, but a number more: not only the address
])
def test_a_second_read_of_a_mail_line_vouched_for_no_more_is_not_taken(second):
    first = unsure("Valentina Marino", "Arco Arredamenti", "E: valemina_marino@arcoarredamenti.it")
    engine = ScriptedEngine(second)
    mended, contact = mend_mail(first, engine)
    assert mended is first and contact.emails == ("valemina_marino@arcoarredamenti.it",)
    assert len(engine.seen) == 1 + len(reread.MAIL_READ_SCALES)  # every view tried


def test_a_mail_address_the_card_vouches_for_whole_or_read_sure_is_not_read_again():
    engine = ScriptedEngine("E: valentina_marino@arcoarredamenti.it")
    for first in (unsure("Valentina Marino", "Arco Arredamenti", "E: valentina_marino@arcoarredamenti.it"),
                  unsure("Valentina Marino", "Arco Arredamenti", "E: info@arcoarredamenti.it"),
                  # (nor one read sure)
                  card("Valentina Marino", "Arco Arredamenti", "E: valemina_marino@arcoarredamenti.it")):
        assert mend_mail(first, engine)[0] is first
    assert engine.seen == []


def test_without_a_colour_card_the_image_read_is_read_again_and_an_engine_failure_keeps_the_first_read():
    first = unsure("Valentina Marino", "Arco Arredamenti", "E: valemina_marino@arcoarredamenti.it")
    engine = ScriptedEngine("E: valentina_marino@arcoarredamenti.it")
    _, contact = mend_mail(first, engine, colour=None)
    assert contact.emails == ("valentina_marino@arcoarredamenti.it",)
    assert len(engine.seen) == 1 and engine.seen[0][0][0] > first.lines[2].height * 1.5  # enlarged
    assert mend_mail(first, ScriptedEngine(fail=True))[0] is first
