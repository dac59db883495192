"""Pipeline decisions that do not need OCR."""
from __future__ import annotations

import dataclasses
from typing import Optional

import numpy as np
import pytest

from cardscan.pipeline import card_jpeg
from cardscan.preprocess import card_shaped


@pytest.mark.parametrize("w,h,card", [
    (856, 540, True),    # ISO card, cropped by an app
    (540, 856, True),    # the same card, vertical
    (700, 400, True),    # US 3.5×2 in
    (900, 500, True),    # European 90×50 mm
    (1280, 720, False),  # 16:9 phone frame
    (4032, 3024, False),  # 4:3 phone frame
    (3000, 2000, False),  # 3:2 camera frame
    (1000, 1000, False),
])
def test_only_card_proportions_count_as_a_cropped_card(w, h, card):
    assert card_shaped(np.zeros((h, w, 3), np.uint8)) is card


def test_card_picture_is_a_small_jpeg():
    big = np.full((2000, 3200, 3), 200, np.uint8)
    data = card_jpeg(big)
    assert data[:2] == b"\xff\xd8" and len(data) < 40_000


class _Engine:
    """Reads text only from an image the size of the whole photo."""

    name = "fake"

    def __init__(self, size):
        self.size = size

    def version(self):
        return "5.0"

    def detect_orientation(self, image):
        return None

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        if image.shape[:2] != self.size:
            return OcrResult((), (image.shape[1], image.shape[0]))
        words = [OcrWord("jane@acme.com", 0.95, Box(10, 10, 200, 20))]
        return OcrResult((OcrLine(tuple(words)),), (image.shape[1], image.shape[0]))


def test_an_outline_with_nothing_readable_falls_back_to_the_whole_image(tmp_path, monkeypatch):
    from PIL import Image

    from cardscan import orient, pipeline, preprocess
    from cardscan.models import CardImage
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (856, 540), "white").save(path)
    # a wrong outline: a small panel of the card
    monkeypatch.setattr(preprocess, "find_cards", lambda photo, **kw: [
        CardImage(photo.source, 0, photo.pixels[:100, :160].copy(), ((0, 0), (160, 0), (160, 100), (0, 100)))])
    monkeypatch.setattr(preprocess, "deskew", lambda pixels: pixels)
    monkeypatch.setattr(orient, "read_card", lambda card, engine, **kw: (card, engine.recognize(card.pixels)))
    outcomes = pipeline.scan_image(str(path), Options(), _Engine((540, 856)))
    assert len(outcomes) == 1 and outcomes[0].contact is not None
    assert outcomes[0].contact.emails == ("jane@acme.com",)


def _cut_out_read(tmp_path, monkeypatch, readable: tuple[int, int]):
    """A white photo with no outline, whose print cut out was the wrong part of it (100 x 160),
    scanned by an engine that reads only an image of size `readable`: the outcomes and the
    reads made, (shape, upright only) each."""
    from PIL import Image

    from cardscan import orient, pipeline, preprocess
    from cardscan.models import CardImage
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (856, 540), "white").save(path)
    monkeypatch.setattr(preprocess, "find_cards", lambda photo, **kw: [
        CardImage(photo.source, 0, photo.pixels[:100, :160].copy(), ((0, 0), (160, 0), (160, 100), (0, 100)),
                  found=False)])
    monkeypatch.setattr(preprocess, "deskew", lambda pixels: pixels)
    calls = []

    def read_card(card, engine, **kw):
        calls.append((card.pixels.shape[:2], kw.get("upright_only", False)))
        return card, engine.recognize(card.pixels)

    monkeypatch.setattr(orient, "read_card", read_card)
    return pipeline.scan_image(str(path), Options(), _Engine(readable)), calls


def test_a_cut_out_with_nothing_readable_falls_back_to_the_whole_image(tmp_path, monkeypatch):
    outcomes, calls = _cut_out_read(tmp_path, monkeypatch, (540, 856))
    # the whole image once, as it is: the cut-out was tried every way up already
    assert calls == [((100, 160), False), ((540, 856), True)]
    assert len(outcomes) == 1 and outcomes[0].contact.emails == ("jane@acme.com",)


def test_print_at_another_slant_is_read_levelled_last(tmp_path, monkeypatch):
    from cardscan import preprocess
    from cardscan.models import CardImage

    # the whole photo turned for its card askew among level sheets: a frame of another size
    monkeypatch.setattr(preprocess, "whole_image_other_slant", lambda photo: CardImage(
        photo.source, 0, np.full((700, 960, 3), 255, np.uint8), None, 0, False))
    outcomes, calls = _cut_out_read(tmp_path, monkeypatch, (700, 960))
    assert calls == [((100, 160), False), ((540, 856), True), ((700, 960), True)]
    assert len(outcomes) == 1 and outcomes[0].contact.emails == ("jane@acme.com",)


class _LineEngine:
    """A whole-card read that drops the dot of a mailbox; a one-line read that keeps it."""

    name = "fake"

    def __init__(self, card_text):
        self.card_text, self.line_reads = card_text, 0

    def version(self):
        return "5.0"

    def detect_orientation(self, image):
        return None

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        size = (image.shape[1], image.shape[0])
        if psm == 7:
            self.line_reads += 1
            return OcrResult((OcrLine((OcrWord("r.iyer@horizon.com", 0.9, Box(4, 4, 300, 30)),)),), size)
        lines = tuple(OcrLine((OcrWord(t, 0.95, Box(40, 40 + 60 * i, 20 * len(t), 40)),)) for i, t in
                      enumerate(self.card_text))
        return OcrResult(lines, size)


@pytest.mark.parametrize("mailbox, expected, second_reads", [
    ("riyer@horizon.com", "r.iyer@horizon.com", 1),  # the person's name run together: read again
    ("r.iyer@horizon.com", "r.iyer@horizon.com", 0),  # the dot is there: no second read
    ("info@horizon.com", "info@horizon.com", 0),
])
def test_a_mailbox_made_of_the_name_is_read_again_for_its_dot(tmp_path, monkeypatch, mailbox, expected, second_reads):
    from PIL import Image

    from cardscan import pipeline, preprocess
    from cardscan.models import CardImage
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (856, 540), "white").save(path)
    monkeypatch.setattr(preprocess, "find_cards", lambda photo, **kw: [CardImage(photo.source, 0, photo.pixels.copy())])
    engine = _LineEngine(["Rahul Iyer", mailbox])
    outcomes = pipeline.scan_image(str(path), Options(lang="Latin"), engine)
    assert outcomes[0].contact.emails == (expected,)
    assert engine.line_reads == second_reads


class _GreyEngine(_Engine):
    """Reads the details only where the grey print has become dark (as Tesseract's global
    threshold does: grey print beside bold black print falls on the paper's side)."""

    def __init__(self):
        super().__init__(None)

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        size = (image.shape[1], image.shape[0])
        if image[200:260, 100:500].mean() > 120:
            return OcrResult((), size)
        return OcrResult((OcrLine((OcrWord("jane@acme.com", 0.95, Box(100, 200, 400, 60)),)),), size)


def test_an_outlined_card_that_reads_nothing_is_read_again_with_its_grey_print_darkened(tmp_path, monkeypatch):
    from PIL import Image

    from cardscan import orient, pipeline, preprocess
    from cardscan.models import CardImage
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (856, 540), "white").save(path)
    pixels = np.full((540, 856, 3), 250, np.uint8)
    pixels[200:260, 100:500] = 170  # the details, in a light grey
    monkeypatch.setattr(preprocess, "find_cards", lambda photo, **kw: [
        CardImage(photo.source, 0, pixels, ((0, 0), (856, 0), (856, 540), (0, 540)))])
    reads = []

    def read_card(card, engine, **kw):
        reads.append(card.pixels[230, 300, 0])
        return card, engine.recognize(card.pixels)

    monkeypatch.setattr(orient, "read_card", read_card)
    outcomes = pipeline.scan_image(str(path), Options(), _GreyEngine())
    assert len(outcomes) == 1 and outcomes[0].contact.emails == ("jane@acme.com",)
    # the wider views (here the whole photo) first, as before; then the darkened card
    assert len(reads) == 3 and reads[0] == 170 and reads[2] < 100
    assert preprocess.darker_print(CardImage("t", 0, pixels)).pixels[0, 0, 0] >= 240  # the paper stays white
    # a card whose print reads the first time is read once
    pixels[200:260, 100:500] = 40
    reads.clear()
    assert pipeline.scan_image(str(path), Options(), _GreyEngine())[0].contact is not None
    assert len(reads) == 1


class _PanelEngine(_Engine):
    """A company's name from anything read; the card's details only from the whole photo."""

    def __init__(self, size, details="jane@acme.com"):
        super().__init__(size)
        self.details = details

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        lines = [OcrLine((OcrWord("Maple", 0.95, Box(10, 10, 90, 30)), OcrWord("Freight", 0.95, Box(110, 10, 120, 30)),
                          OcrWord("Ltd", 0.95, Box(240, 10, 50, 30))))]
        if image.shape[:2] == self.size:
            lines.append(OcrLine((OcrWord(self.details, 0.95, Box(10, 60, 200, 20)),)))
        return OcrResult(tuple(lines), (image.shape[1], image.shape[0]))


def _one_panel(monkeypatch, found=True, cards=1):
    from cardscan import preprocess
    from cardscan.models import CardImage

    monkeypatch.setattr(preprocess, "find_cards", lambda photo, **kw: [
        CardImage(photo.source, k, photo.pixels[:100, 160 * k:160 * k + 160].copy(),
                  ((160 * k, 0), (160 * k + 160, 0), (160 * k + 160, 100), (160 * k, 100)), found=found)
        for k in range(cards)])
    monkeypatch.setattr(preprocess, "fallback_card", preprocess.whole_image)
    return _recorded_reads(monkeypatch)


def _recorded_reads(monkeypatch, one_block: Optional[list] = None) -> list:
    """Each card read once, as it is; the sizes of the images read, in order (and in
    `one_block`, whether each read may be read as one block of text)."""
    from cardscan import orient

    reads = []

    def read_card(card, engine, **kw):
        reads.append(card.pixels.shape[:2])
        if one_block is not None:
            one_block.append(kw.get("one_block", True))
        return card, engine.recognize(card.pixels)

    monkeypatch.setattr(orient, "read_card", read_card)
    return reads


def test_an_outline_whose_read_has_no_way_to_reach_anyone_is_read_wider(tmp_path, monkeypatch):
    from PIL import Image

    from cardscan import pipeline
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (856, 540), "white").save(path)
    # the outline is a logo panel: its read is the company's name alone
    reads = _one_panel(monkeypatch)
    outcomes = pipeline.scan_image(str(path), Options(), _PanelEngine((540, 856)))
    assert len(outcomes) == 1
    assert outcomes[0].contact.org == "Maple Freight Ltd" and outcomes[0].contact.emails == ("jane@acme.com",)
    # the panel, darkened, then the print around it
    assert reads == [(100, 160), (100, 160), (540, 856)]
    # a wider read that adds no way to reach anyone leaves the card's own read
    reads.clear()
    outcomes = pipeline.scan_image(str(path), Options(), _PanelEngine((540, 856), details="Logistics since 1990"))
    assert len(outcomes) == 1 and outcomes[0].contact.org == "Maple Freight Ltd" and not outcomes[0].contact.emails
    assert reads == [(100, 160), (100, 160), (540, 856)]


class _WorseEngine(_Engine):
    """A name and a company from the card as it is; from the card darkened, a mangled
    address alone (as a worse read of faint print gives)."""

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        size = (image.shape[1], image.shape[0])
        if image.shape[:2] != (100, 160):
            return OcrResult((), size)
        if image.mean() > 180:
            return OcrResult((OcrLine((OcrWord("Begoña", 0.95, Box(10, 10, 60, 20)), OcrWord("Álvarez", 0.95, Box(80, 10, 70, 20)))),
                              OcrLine((OcrWord("Ramos", 0.9, Box(10, 40, 50, 16)), OcrWord("Hijos", 0.9, Box(70, 40, 50, 16)),
                                       OcrWord("S.L.", 0.9, Box(130, 40, 30, 16))))), size)
        return OcrResult((OcrLine((OcrWord("d.ararez@ramos.com", 0.6, Box(10, 70, 140, 16)),)),), size)


def test_a_retry_that_finds_an_address_but_loses_the_name_is_not_taken(tmp_path, monkeypatch):
    from PIL import Image

    from cardscan import pipeline
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (856, 540), (200, 200, 200)).save(path)
    _one_panel(monkeypatch)
    outcomes = pipeline.scan_image(str(path), Options(), _WorseEngine(None))
    assert len(outcomes) == 1 and outcomes[0].contact.name.full == "Begoña Álvarez"
    assert not outcomes[0].contact.emails


class _BodyEngine(_Engine):
    """A name alone from an image 200 x 300, a mail address from one 150 x 400, nothing from
    anything else."""

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        size = (image.shape[1], image.shape[0])
        if image.shape[:2] == (200, 300):
            return OcrResult((OcrLine((OcrWord("Jane", 0.95, Box(10, 10, 60, 20)),
                                       OcrWord("Doe", 0.95, Box(80, 10, 50, 20)))),), size)
        if image.shape[:2] == (150, 400):
            return OcrResult((OcrLine((OcrWord("jane@acme.com", 0.95, Box(10, 10, 200, 20)),)),), size)
        return OcrResult((), size)


def test_a_photo_that_gives_nothing_has_its_bodies_of_print_read_one_by_one(tmp_path, monkeypatch):
    from PIL import Image

    from cardscan import pipeline, preprocess
    from cardscan.models import CardImage
    from cardscan.options import Options

    path = tmp_path / "desk.png"
    Image.new("RGB", (1000, 800), "white").save(path)
    monkeypatch.setattr(preprocess, "find_cards", lambda photo, **kw: [preprocess.whole_image(photo)])
    shapes = [(200, 300), (150, 400), (120, 120)]
    monkeypatch.setattr(preprocess, "body_cards", lambda photo: (
        CardImage(photo.source, 0, np.full(s + (3,), 250, np.uint8), ((0, 0), (1, 0), (1, 1), (0, 1)), 0, False)
        for s in shapes))
    reads = _recorded_reads(monkeypatch)
    outcomes = pipeline.scan_image(str(path), Options(), _BodyEngine(None))
    # the body that reads a name alone is no card; the one that reaches someone is, and the
    # reads stop there
    assert len(outcomes) == 1 and outcomes[0].contact.emails == ("jane@acme.com",)
    assert reads == [(800, 1000), (200, 300), (150, 400)]
    # bodies that reach no one leave the photo's own outcome: nothing found
    shapes[:] = [(200, 300), (120, 120)]
    outcomes = pipeline.scan_image(str(path), Options(), _BodyEngine(None))
    assert len(outcomes) == 1 and outcomes[0].contact is None and outcomes[0].skipped


def test_outlines_of_several_cards_are_not_read_wider(tmp_path, monkeypatch):
    from PIL import Image

    from cardscan import pipeline
    from cardscan.options import Options

    path = tmp_path / "cards.png"
    Image.new("RGB", (856, 540), "white").save(path)
    # the whole photo holds the other card's print too: it is no wider view of either
    reads = _one_panel(monkeypatch, cards=2)
    outcomes = pipeline.scan_image(str(path), Options(), _PanelEngine((540, 856)))
    assert len(outcomes) == 2 and not any(o.contact.emails for o in outcomes)
    assert (540, 856) not in reads


def test_a_card_read_with_its_details_is_read_once(tmp_path, monkeypatch):
    from PIL import Image

    from cardscan import pipeline
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (160, 100), "white").save(path)
    reads = _one_panel(monkeypatch)
    outcomes = pipeline.scan_image(str(path), Options(), _PanelEngine((100, 160)))
    assert outcomes[0].contact.emails == ("jane@acme.com",) and reads == [(100, 160)]


class _ColourEngine(_Engine):
    """Reads the details only from a black-on-white image (as Tesseract reads outlined
    colour lettering over a photo: junk from the grey image, clean words from the colour alone)."""

    def __init__(self):
        super().__init__(None)

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        size = (image.shape[1], image.shape[0])
        if set(np.unique(image)) != {0, 255}:
            return OcrResult((), size)
        return OcrResult((OcrLine((OcrWord("+55 11 2318-5570", 0.95, Box(60, 140, 400, 50)),)),), size)


def test_an_outlined_card_that_reads_nothing_is_read_by_its_colour_print_and_pictured_as_seen(tmp_path, monkeypatch):
    import cv2
    from PIL import Image

    from cardscan import orient, pipeline, preprocess
    from cardscan.models import CardImage
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (900, 520), "white").save(path)
    pixels = np.full((520, 900, 3), (200, 120, 40), np.uint8)  # a blue photo behind the print
    cv2.putText(pixels, "Tel: (11) 2318-5570", (60, 180), cv2.FONT_HERSHEY_SIMPLEX, 1.6, (0, 230, 255), 4)
    monkeypatch.setattr(preprocess, "find_cards", lambda photo, **kw: [
        CardImage(photo.source, 0, pixels, ((0, 0), (900, 0), (900, 520), (0, 520)))])
    reads = []

    def read_card(card, engine, **kw):
        reads.append(card.pixels)
        return card, engine.recognize(card.pixels)

    monkeypatch.setattr(orient, "read_card", read_card)
    outcomes = pipeline.scan_image(str(path), Options(embed_photo=True), _ColourEngine())
    assert len(outcomes) == 1 and outcomes[0].contact is not None
    assert [p.number for p in outcomes[0].contact.phones] == ["+551123185570"]
    # the card, the whole photo, the darkened card, then the colour print
    assert len(reads) == 4 and set(np.unique(reads[-1])) == {0, 255}
    # the contact's picture is the card as seen, not the black-on-white image read
    picture = cv2.imdecode(np.frombuffer(outcomes[0].card_jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert picture[..., 0].mean() > 100 and picture[..., 2].mean() < 120


def test_a_logo_panel_found_as_a_card_of_its_own_joins_the_card_its_domain_names():
    from cardscan import pipeline
    from cardscan.models import Contact, Name, ScanOutcome

    panel = ScanOutcome("p.jpg", 0, contact=Contact(org="NUEVA LOGÍSTICA"))
    card = ScanOutcome("p.jpg", 1, contact=Contact(emails=("isabel@nuevalogistica.com",)))
    out = pipeline._panels_joined([panel, card])
    assert out[0].contact is None and out[0].skipped
    assert out[1].contact.org == "NUEVA LOGÍSTICA" and out[1].contact.emails == ("isabel@nuevalogistica.com",)
    # a card of another company, or a panel with more than a company name, stays a card
    other = ScanOutcome("p.jpg", 1, contact=Contact(emails=("jo@acme.com",)))
    assert pipeline._panels_joined([panel, other]) == [panel, other]
    person = ScanOutcome("p.jpg", 0, contact=Contact(org="NUEVA LOGÍSTICA", name=Name(full="Ana Ruiz")))
    assert pipeline._panels_joined([person, card]) == [person, card]


def _askew_outline(monkeypatch, outline, one_block=None):
    """find_cards set the photo's only outline aside (its print ran askew) and cut out the print;
    only_outline gives that outline back, levelled, or None."""
    from cardscan import preprocess
    from cardscan.models import CardImage

    monkeypatch.setattr(preprocess, "find_cards", lambda photo, **kw: [
        CardImage(photo.source, 0, photo.pixels[:120, :300].copy(), ((0, 0), (300, 0), (300, 120), (0, 120)),
                  found=False)])
    monkeypatch.setattr(preprocess, "only_outline", lambda photo: CardImage(
        photo.source, 0, photo.pixels[:200, :320].copy(), ((0, 0), (320, 0), (320, 200), (0, 200)), found=True)
        if outline else None)
    return _recorded_reads(monkeypatch, one_block)


@pytest.mark.parametrize("outline", [True, False])
def test_print_cut_out_that_reads_nothing_gives_way_to_the_outline_set_aside(tmp_path, monkeypatch, outline):
    from PIL import Image

    from cardscan import pipeline
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (856, 540), "white").save(path)
    one_block = []
    reads = _askew_outline(monkeypatch, outline, one_block)
    outcomes = pipeline.scan_image(str(path), Options(), _Engine((200, 320)))
    # (only a card's first read may go on to a read as one block of text; not the later ways)
    assert one_block[0] and not any(one_block[1:])
    if outline:
        # the print cut out, then the outline: its read is the card's
        assert reads == [(120, 300), (200, 320)]
        assert len(outcomes) == 1 and outcomes[0].contact.emails == ("jane@acme.com",)
    else:
        # no outline to go back to: the whole photo next, as before
        assert reads == [(120, 300), (540, 856)]
        assert all(o.contact is None for o in outcomes)


def test_print_read_beside_outlined_cards_is_a_card_only_when_it_reaches_someone_new():
    from cardscan import pipeline
    from cardscan.models import CardImage, Contact, Name, Phone, ScanOutcome

    px = np.zeros((10, 10, 3), np.uint8)
    cards = [CardImage("p.jpg", 0, px, found=True), CardImage("p.jpg", 1, px, found=True),
             CardImage("p.jpg", 2, px, found=False)]
    ana = ScanOutcome("p.jpg", 0, contact=Contact(name=Name("Ana Ruiz"), phones=(Phone("+34911234567", "work"),)))
    bo = ScanOutcome("p.jpg", 1, contact=Contact(name=Name("Bo Lind"), emails=("bo@lind.se",)))
    # a card of its own: kept as read
    cy = ScanOutcome("p.jpg", 2, contact=Contact(name=Name("Cy Moss"), emails=("cy@moss.io",)))
    assert pipeline._beside_kept(cards, [ana, bo, cy]) == [ana, bo, cy]
    # a sheet's print: it reaches no one
    sheet = ScanOutcome("p.jpg", 2, contact=Contact(org="Meeting notes"))
    out = pipeline._beside_kept(cards, [ana, bo, sheet])
    assert out[:2] == [ana, bo] and out[2].contact is None and "no mail, number or website" in out[2].skipped
    # the rest of the first card past its outline: one contact, with what each read found
    rest = ScanOutcome("p.jpg", 2, contact=Contact(phones=(Phone("+34911234567", "work"),), emails=("ana@ruiz.es",),
                                                   warnings=("no name found",)))
    out = pipeline._beside_kept(cards, [ana, bo, rest])
    assert out[0].contact.name.full == "Ana Ruiz" and out[0].contact.emails == ("ana@ruiz.es",)
    assert out[0].contact.warnings == () and out[0].merged_from == (("p.jpg", 0), ("p.jpg", 2))
    assert out[1] == bo and out[2].contact is None and "the rest of card 0" in out[2].skipped
    # print in which nothing was read says so, not that the photo held no card
    blank = ScanOutcome("p.jpg", 2, skipped="p.jpg (card 2): no card and no text found (a blank or unrelated picture?); skipped")
    out = pipeline._beside_kept(cards, [ana, bo, blank])
    assert out[2].contact is None and "print beside the cards" in out[2].skipped and "blank" not in out[2].skipped
    # print cut out for want of any outline is the photo's only card, whatever it holds
    alone = [CardImage("p.jpg", 0, px, found=False)]
    assert pipeline._beside_kept(alone, [sheet]) == [sheet]


def test_print_right_next_to_an_outlined_card_that_reaches_no_one_is_the_rest_of_it():
    from cardscan import pipeline
    from cardscan.models import CardImage, Contact, Name, ScanOutcome

    px = np.zeros((10, 10, 3), np.uint8)

    def at(x, y, w=500, h=150):
        return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))

    # an outline around a card's name only (a shadow's edge across the card taken for its
    # side), and its details read from the print below it
    name_only = ScanOutcome("p.jpg", 0, contact=Contact(name=Name("Aarav Agarwal")))
    other = ScanOutcome("p.jpg", 1, contact=Contact(name=Name("Bo Lind"), emails=("bo@lind.se",)))
    details = ScanOutcome("p.jpg", 2, contact=Contact(emails=("aarav@summit.in",), warnings=("no name found",)))
    cards = [CardImage("p.jpg", 0, px, at(100, 100), found=True), CardImage("p.jpg", 1, px, at(1500, 100), found=True),
             CardImage("p.jpg", 2, px, at(80, 240, 540, 300), found=False)]
    out = pipeline._beside_kept(cards, [name_only, other, details])
    assert out[0].contact.name.full == "Aarav Agarwal" and out[0].contact.emails == ("aarav@summit.in",)
    assert out[0].contact.warnings == () and out[1] == other and out[2].contact is None
    # next to it, print with another person's name is a card of its own (a dark card on a dark
    # table, beside a card whose small print did not read)
    own = ScanOutcome("p.jpg", 2, contact=Contact(name=Name("Ng Yan"), emails=("ng.yan@maple.sg",)))
    assert pipeline._beside_kept(cards, [name_only, other, own]) == [name_only, other, own]
    # ... but the same name read twice is the same card
    again = ScanOutcome("p.jpg", 2, contact=Contact(name=Name("AARAV AGARWAL"), emails=("aarav@summit.in",)))
    out = pipeline._beside_kept(cards, [name_only, other, again])
    assert out[0].contact.emails == ("aarav@summit.in",) and out[2].contact is None
    # far from it, the print is a card of its own
    cards[2] = CardImage("p.jpg", 2, px, at(100, 900, 540, 300), found=False)
    assert pipeline._beside_kept(cards, [name_only, other, details]) == [name_only, other, details]


def test_two_outlines_that_meet_one_with_the_name_the_other_with_the_details_are_one_card():
    from cardscan import pipeline
    from cardscan.models import CardImage, Contact, Name, Phone, ScanOutcome

    px = np.zeros((10, 10, 3), np.uint8)

    def at(x, y, w=400, h=300):
        return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))

    # a portrait card on a sheet, a shadow's edge across it found as the side of two outlines
    top = ScanOutcome("p.jpg", 0, contact=Contact(name=Name("Roos A. Meijer"), title="Vice President, Sales"))
    bottom = ScanOutcome("p.jpg", 1, contact=Contact(emails=("rmeijer@evergreen.nl",),
                                                     phones=(Phone("+31305106922", "work"),), warnings=("no name found",)))
    cards = [CardImage("p.jpg", 0, px, at(100, 100), found=True), CardImage("p.jpg", 1, px, at(100, 400, 400, 150), found=True)]
    out = pipeline._halves_joined(cards, [top, bottom])
    c = out[0].contact
    assert c.name.full == "Roos A. Meijer" and c.emails == ("rmeijer@evergreen.nl",) and c.warnings == ()
    assert out[1].contact is None and "the rest of card 0" in out[1].skipped
    # two cards apart on the table stay two, and so do two that each reach someone
    apart = [cards[0], CardImage("p.jpg", 1, px, at(900, 100), found=True)]
    assert pipeline._halves_joined(apart, [top, bottom]) == [top, bottom]
    named = ScanOutcome("p.jpg", 1, contact=Contact(name=Name("Bo Lind"), emails=("bo@lind.se",)))
    assert pipeline._halves_joined(cards, [top, named]) == [top, named]


def _rect(x0, y0, x1, y1):
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


@pytest.mark.parametrize("a, b, joined", [
    (_rect(100, 100, 500, 400), _rect(100, 500, 500, 700), (100, 100, 500, 700)),  # a card's ends, its middle between
    (_rect(100, 100, 500, 350), _rect(600, 100, 1000, 350), None),  # two cards side by side: no card's shape
    (_rect(100, 100, 500, 400), _rect(100, 500, 300, 700), None),   # the second piece not as wide as the card
    (_rect(100, 100, 500, 160), _rect(100, 640, 500, 700), None),   # slivers: too little of a card between them
    (_rect(100, 100, 500, 340), _rect(100, 400, 500, 640), None),   # two whole cards in a column
])
def test_two_outlines_in_line_are_pieces_of_one_card(a, b, joined):
    from cardscan import preprocess
    from cardscan.models import Photo

    photo = Photo("p.jpg", np.full((900, 1200, 3), 255, np.uint8))
    card = preprocess.joined_outline(photo, a, b, 0)
    if joined is None:
        assert card is None
    else:
        xs, ys = [p[0] for p in card.quad], [p[1] for p in card.quad]
        assert card.found and card.index == 0
        assert (round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))) == joined


def test_two_card_shaped_outlines_are_pieces_when_card_lies_between_them():
    from cardscan import preprocess
    from cardscan.models import Photo

    # a dark desk; a card from x 100 to 740, its lit end and its panel outlined, each with
    # a card's shape, its shaded middle (x 360-480) a grey unlike the desk
    px = np.full((900, 1200, 3), 40, np.uint8)
    px[300:700, 100:740] = 240
    px[300:700, 360:480] = 150
    photo = Photo("p.jpg", px)
    a, b = _rect(100, 300, 360, 700), _rect(480, 300, 740, 700)
    card = preprocess.joined_outline(photo, a, b, 0)
    xs, ys = [p[0] for p in card.quad], [p[1] for p in card.quad]
    assert (round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))) == (100, 300, 740, 700)
    # the desk between two cards is no card
    desk = np.full((900, 1200, 3), 40, np.uint8)
    desk[300:700, 100:360] = desk[300:700, 480:740] = 240
    assert preprocess.joined_outline(Photo("p.jpg", desk), a, b, 0) is None
    # nor is a third card lying between them
    assert preprocess.joined_outline(photo, a, b, 0, others=(_rect(370, 310, 470, 690),)) is None


def test_two_nameless_pieces_are_read_as_one_card(monkeypatch):
    from cardscan import pipeline
    from cardscan.models import CardImage, Contact, Name, Phone, Photo, ScanOutcome
    from cardscan.options import Options

    px = np.zeros((10, 10, 3), np.uint8)
    photo = Photo("p.jpg", np.full((900, 1200, 3), 255, np.uint8))
    cards = [CardImage("p.jpg", 0, px, _rect(100, 100, 500, 400)), CardImage("p.jpg", 1, px, _rect(100, 500, 500, 700))]
    # a logo panel with the company, and the card's lit end with a number and no name
    panel = ScanOutcome("p.jpg", 0, contact=Contact(org="Monte Costruzioni"))
    rest = ScanOutcome("p.jpg", 1, contact=Contact(title="Office Manager", phones=(Phone("+39368449024", "mobile"),)))
    whole = ScanOutcome("p.jpg", 0, contact=Contact(name=Name("Elisa Colombo"), title="Office Manager",
                                                    org="Monte Costruzioni", phones=(Phone("+39368449024", "mobile"),)))
    monkeypatch.setattr(pipeline, "_read", lambda *a, **k: whole)
    out = pipeline._pieces_read_whole(cards, [panel, rest], photo, Options(), None, None)
    assert out[0] == whole and "a piece of card 0" in out[1].skipped
    # a whole read with no name, or one that loses the title, leaves the pieces as read
    for worse in (Contact(title="Office Manager", org="Monte Costruzioni", phones=(Phone("+39368449024", "mobile"),)),
                  Contact(name=Name("Elisa Colombo"), org="Monte Costruzioni", phones=(Phone("+39368449024", "mobile"),))):
        monkeypatch.setattr(pipeline, "_read", lambda *a, w=worse, **k: ScanOutcome("p.jpg", 0, contact=w))
        assert pipeline._pieces_read_whole(cards, [panel, rest], photo, Options(), None, None) == [panel, rest]
    # two nameless reads that each reach someone are two cards: not read again
    other = ScanOutcome("p.jpg", 0, contact=Contact(org="Tulp", phones=(Phone("+31205465868", "work"),)))
    read = []
    monkeypatch.setattr(pipeline, "_read", lambda *a, **k: read.append(1) or whole)
    assert pipeline._pieces_read_whole(cards, [other, rest], photo, Options(), None, None) == [other, rest]
    assert read == []


def test_a_named_piece_and_a_piece_in_line_with_it_are_read_as_one_card(monkeypatch):
    from cardscan import pipeline, preprocess
    from cardscan.models import CardImage, Contact, Name, Phone, Photo, ScanOutcome
    from cardscan.options import Options

    px = np.zeros((10, 10, 3), np.uint8)
    photo = Photo("p.jpg", np.full((900, 1200, 3), 255, np.uint8))
    cards = [CardImage("p.jpg", 0, px, _rect(100, 100, 500, 400)), CardImage("p.jpg", 1, px, _rect(100, 500, 500, 700))]
    # the lit piece has the name (and the website at its foot), the coloured panel the company
    named = ScanOutcome("p.jpg", 0, contact=Contact(name=Name("Anjali Desai"), urls=("tulp.nl",)))
    panel = ScanOutcome("p.jpg", 1, contact=Contact(org="Tulp Transport"))
    whole = ScanOutcome("p.jpg", 0, contact=Contact(name=Name("Anjali Desai"), org="Tulp Transport",
                                                    phones=(Phone("+31205465868", "work"),)))
    read = []

    def fake_read(card, *a, **k):
        read.append(card.quad)
        return whole

    monkeypatch.setattr(pipeline, "_read", fake_read)
    out = pipeline._pieces_read_whole(cards, [named, panel], photo, Options(), None, None)
    assert len(read) == 1 and out[0] == whole
    assert out[1].contact is None and "a piece of card 0" in out[1].skipped
    # a read of the whole that reaches no one more, or a first piece with a number: as read
    monkeypatch.setattr(pipeline, "_read", lambda *a, **k: ScanOutcome("p.jpg", 0, contact=Contact(name=Name("A Desai"))))
    assert pipeline._pieces_read_whole(cards, [named, panel], photo, Options(), None, None) == [named, panel]
    reached = ScanOutcome("p.jpg", 0, contact=Contact(name=Name("Anjali Desai"), phones=(Phone("+31205465868", "work"),)))
    monkeypatch.setattr(pipeline, "_read", fake_read)
    read.clear()
    assert pipeline._pieces_read_whole(cards, [reached, panel], photo, Options(), None, None) == [reached, panel]
    assert read == []
    # (preprocess is what tells pieces of one card from two cards)
    assert preprocess.joined_outline(photo, cards[0].quad, cards[1].quad, 0) is not None


class _SteadyEngine(_Engine):
    """Reads a card's number only where its blur was undone (the image marked in its corner)."""

    def __init__(self, steady_words, shaken_words):
        super().__init__(None)
        self.steady, self.shaken = steady_words, shaken_words

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        texts = self.steady if image[0, 0, 0] == 7 else self.shaken
        lines = tuple(OcrLine((OcrWord(t, c, Box(10, 10 + 40 * i, 300, 30)),)) for i, (t, c) in enumerate(texts))
        return OcrResult(lines, (image.shape[1], image.shape[0]))


@pytest.mark.parametrize("steady_words, kept", [
    # undone, the blur gives back the number: the second read is kept
    ((("Jane Doe", 0.95), ("jane@acme.com", 0.95), ("+1 415 555 0142", 0.9)), "steady"),
    # undone, it rings and loses the mail address: the first read stands
    ((("Jane Doe", 0.95), ("+1 415 555 0142", 0.9)), "shaken"),
])
def test_a_blurred_card_is_read_again_with_its_blur_undone_and_the_better_read_kept(tmp_path, monkeypatch,
                                                                                      steady_words, kept):
    from PIL import Image

    from cardscan import deblur, pipeline
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (160, 100), "white").save(path)
    reads = _one_panel(monkeypatch)

    def steadied(card):
        pixels = card.pixels.copy()
        pixels[0, 0] = 7
        return dataclasses.replace(card, pixels=pixels)

    monkeypatch.setattr(deblur, "steadied", steadied)
    engine = _SteadyEngine(steady_words, (("Jane Doe", 0.95), ("jane@acme.com", 0.7)))
    contact = pipeline.scan_image(str(path), Options(), engine)[0].contact
    assert len(reads) == 2
    if kept == "steady":
        assert contact.emails == ("jane@acme.com",) and [p.number for p in contact.phones] == ["+14155550142"]
    else:
        assert contact.emails == ("jane@acme.com",) and not contact.phones


def test_a_card_from_a_steady_photo_is_read_once(tmp_path, monkeypatch):
    from PIL import Image

    from cardscan import pipeline
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (160, 100), "white").save(path)
    reads = _one_panel(monkeypatch)
    engine = _SteadyEngine((), (("Jane Doe", 0.95), ("jane@acme.com", 0.9)))
    assert pipeline.scan_image(str(path), Options(), engine)[0].contact.emails == ("jane@acme.com",)
    assert len(reads) == 1


class _CutEngine(_Engine):
    """A card whose outline cut through it: the outline's read (an image of `cut` pixels)
    has the name and a number, its lines running into its left edge; the print cut out of
    the photo has the mail address too."""

    def __init__(self, cut, lines_at_edge=2):
        super().__init__(cut)
        self.lines_at_edge = lines_at_edge

    def recognize(self, image, *, lang="eng", psm=3):
        from cardscan.models import Box, OcrLine, OcrResult, OcrWord

        h, w = image.shape[:2]
        left = 0 if (h, w) == self.size else 20
        rows = ["Jane Doe", "+44 20 7946 0018", "jane@acme.com"]
        if (h, w) == self.size:
            rows = rows[:2]
        lines = [OcrLine((OcrWord(t, 0.95, Box(left if k < self.lines_at_edge else 20, 10 + 30 * k, 120, 20)),))
                 for k, t in enumerate(rows)]
        return OcrResult(tuple(lines), (w, h))


@pytest.mark.parametrize("lines_at_edge, emails", [(2, ("jane@acme.com",)), (1, ())])
def test_a_photos_one_outline_whose_print_runs_into_its_edge_is_read_as_the_print_cut_out(
        tmp_path, monkeypatch, lines_at_edge, emails):
    from PIL import Image

    from cardscan import pipeline
    from cardscan.options import Options

    path = tmp_path / "card.png"
    Image.new("RGB", (856, 540), "white").save(path)
    reads = _one_panel(monkeypatch)
    outcomes = pipeline.scan_image(str(path), Options(region="GB"), _CutEngine((100, 160), lines_at_edge))
    assert len(outcomes) == 1 and outcomes[0].contact.name.full == "Jane Doe"
    assert outcomes[0].contact.emails == emails
    assert reads == ([(100, 160), (540, 856)] if lines_at_edge >= 2 else [(100, 160)])
