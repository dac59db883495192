"""Lines a whole-card read left out: found as uncovered rows of letters, read again, put in place."""
from __future__ import annotations

import cv2
import numpy as np

from cardscan import missed
from cardscan.errors import OcrError
from cardscan.models import Box, OcrLine, OcrResult, OcrWord

W, H = 1400, 800


def draw(image: np.ndarray, text: str, x: int, y: int, shade: int, scale: float = 1.2) -> Box:
    """Print `text` with its baseline at y; the box it covers."""
    (tw, th), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, 2)
    cv2.putText(image, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, scale, (shade,), 2, cv2.LINE_AA)
    return Box(x, y - th, tw, th + base)


def words_over(text: str, box: Box, conf: float = 0.95) -> OcrLine:
    """One word box per word, spread over the printed box."""
    parts = text.split()
    step = box.width // len(parts)
    return OcrLine(tuple(OcrWord(t, conf, Box(box.left + i * step, box.top, step - 4, box.height))
                         for i, t in enumerate(parts)))


def a_card() -> tuple[np.ndarray, Box, Box, Box]:
    """A black headline and two light grey lines under it, on white."""
    img = np.full((H, W), 255, np.uint8)
    name = draw(img, "Antoine Morel", 80, 150, 0, 2.0)
    title = draw(img, "Key Account Manager", 80, 260, 150)
    street = draw(img, "Industriestrasse 5", 80, 400, 150)
    return img, name, title, street


def name_read_only() -> tuple[np.ndarray, OcrResult]:
    """a_card, and a first read that found its name and nothing else."""
    img, name, _, _ = a_card()
    return img, OcrResult((words_over("Antoine Morel", name),), (W, H))


def test_a_headline_of_short_words_over_small_print_is_one_unread_row():
    """Its words lie further apart than the small print's letter height: each on its own is
    too short to be a row, together they are one."""
    img = np.full((H, W), 255, np.uint8)
    x, head = 80, []
    for word in ("Dr.", "Joao", "Araujo"):  # a word space half a letter high
        head.append(draw(img, word, x, 170, 0, 3.2))
        x = head[-1].right + 35
    headline = Box.union(head)
    small = [draw(img, f"+55 48 7721-60{k}0   info{k}@sollogistica.com.br", 80, 330 + 45 * k, 0, 0.8) for k in range(8)]
    ocr = OcrResult(tuple(words_over("+55 48 7721-6040 info@sollogistica.com.br", b) for b in small), (W, H))
    rows = missed.unread_rows(cv2.cvtColor(img, cv2.COLOR_GRAY2BGR), ocr)
    assert len(rows) == 1
    assert rows[0].box.left <= headline.left + 15 and rows[0].box.right >= headline.right - 15
    # the pieces of two lines, or of a word and a logo of another size, are not joined
    assert missed._headline_rows([missed._Row(Box(0, 0, 60, 40), 2), missed._Row(Box(80, 60, 100, 40), 3)]) == []
    assert missed._headline_rows([missed._Row(Box(0, 0, 60, 40), 2), missed._Row(Box(70, 0, 300, 100), 3)]) == []
    assert [r.box for r in missed._headline_rows([missed._Row(Box(0, 0, 60, 40), 2),
                                                   missed._Row(Box(80, 2, 100, 40), 3)])] == [Box(0, 0, 180, 42)]


class ScriptedEngine:
    """Answers each block read with the next scripted lines (words spread over the crop)."""

    def __init__(self, *answers: list[tuple[str, float]], fail: bool = False):
        self.answers, self.fail, self.seen = list(answers), fail, []

    def recognize(self, image, *, lang="eng", psm=3):
        self.seen.append((image.copy(), psm))
        if self.fail:
            raise OcrError("engine gone")
        h, w = image.shape[:2]
        lines = []
        for i, (text, conf) in enumerate(self.answers.pop(0) if self.answers else []):
            lines.append(words_over(text, Box(10, 10 + 50 * i, w - 20, 40), conf))
        return OcrResult(tuple(lines), (w, h))


def test_rows_of_print_no_word_covers_are_found_and_covered_ones_are_not():
    img, name, title, street = a_card()
    read = OcrResult((words_over("Antoine Morel", name),), (W, H))
    rows = missed.unread_rows(img, read)
    tops = sorted(r.box.top for r in rows)
    assert len(rows) == 2
    assert abs(tops[0] - title.top) < 12 and abs(tops[1] - street.top) < 12
    everything = OcrResult((words_over("Antoine Morel", name), words_over("Key Account Manager", title),
                            words_over("Industriestrasse 5", street)), (W, H))
    assert missed.unread_rows(img, everything) == []


def test_soft_print_whose_letters_run_together_is_a_row_and_a_bar_is_not():
    img = np.full((H, W), 255, np.uint8)
    name = draw(img, "Andrew Kensington", 80, 150, 0, 2.0)
    # a small light title under the name, blurred until its letters touch
    cv2.putText(img, "Founder", (300, 240), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (150,), 4, cv2.LINE_AA)
    img[200:260] = cv2.GaussianBlur(img[200:260], (0, 0), 1.5)
    read = OcrResult((words_over("Andrew Kensington", name),), (W, H))
    rows = missed.unread_rows(img, read)
    assert len(rows) == 1 and abs(rows[0].box.top - 222) < 12
    # a solid bar as long as a word and as tall as a letter is no row of letters
    bar = np.full((H, W), 255, np.uint8)
    cv2.rectangle(bar, (300, 220), (420, 240), 120, -1)
    assert missed.unread_rows(bar, OcrResult((), (W, H))) == []
    # nor the ragged rim of a card's edge, a word long and a letter tall
    rim = np.full((H, W), 255, np.uint8)
    for x in range(300, 700, 6):
        cv2.line(rim, (x, 2), (x + 3, 14), 90, 2)
    cv2.line(rim, (300, 8), (700, 8), 90, 1)
    assert missed.unread_rows(rim, OcrResult((), (W, H))) == []


def _bold_word_blob(img: np.ndarray, x: int, y: int) -> None:
    """Bold letters printed soft, run together: a blob about two letters wide, not solid."""
    cv2.rectangle(img, (x, y), (x + 49, y + 21), 0, -1)
    for k in range(3):
        cv2.rectangle(img, (x + 5 + 15 * k, y + 6), (x + 14 + 15 * k, y + 15), 255, -1)


def test_bold_soft_print_run_together_into_short_blobs_is_a_row():
    img = np.full((H, W), 255, np.uint8)
    for x in (100, 160, 220):  # "E-mail: sami", three blobs of a few letters each
        _bold_word_blob(img, x, 400)
    rows = missed.unread_rows(img, OcrResult((), (W, H)))
    assert len(rows) == 1 and rows[0].box.left <= 105 and rows[0].box.right >= 265
    # solid blobs that size are no letters: marks, or a dashed rule
    solid = np.full((H, W), 255, np.uint8)
    for x in (100, 160, 220):
        cv2.rectangle(solid, (x, 400), (x + 49, 421), 0, -1)
    assert missed.unread_rows(solid, OcrResult((), (W, H))) == []


def test_texture_and_rules_are_not_rows_of_letters():
    img = np.full((H, W), 255, np.uint8)
    cv2.line(img, (50, 300), (1300, 300), 0, 6)  # a rule
    cv2.rectangle(img, (100, 400), (300, 700), 0, -1)  # a logo's solid shape
    rng = np.random.default_rng(1)
    img[50:200, 500:1300][rng.random((150, 800)) < 0.002] = 0  # specks
    assert missed.unread_rows(img, OcrResult((), (W, H))) == []


def test_a_word_box_drawn_around_the_line_below_too_does_not_hide_that_line():
    img, name, title, _ = a_card()
    # Tesseract read the name, but drew its last word's box down over the title under it
    # and read nothing of the title
    first, last = words_over("Antoine Morel", name).words
    swollen = OcrWord(last.text, last.conf, Box(last.box.left, last.box.top, last.box.width,
                                                title.bottom - last.box.top))
    read = OcrResult((OcrLine((first, swollen)),), (W, H))
    rows = missed.unread_rows(img, read)
    assert any(abs(r.box.top - title.top) < 12 for r in rows)
    engine = ScriptedEngine([("Key Account Manager", 0.93)], [("Industriestrasse 5", 0.9)])
    out = missed.read_missed(read, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Key Account Manager", "Industriestrasse 5"]
    # the name itself stays covered
    assert not any(r.box.top < name.bottom for r in rows)


def test_the_lines_read_again_are_added_in_reading_order_and_the_first_read_kept():
    img, first = name_read_only()
    engine = ScriptedEngine([("Key Account Manager", 0.93)], [("Industriestrasse 5", 0.9)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Key Account Manager", "Industriestrasse 5"]
    assert out.lines[0] == first.lines[0]
    # each block was read alone as a block of text, its own contrast stretched: the grey print black
    assert [psm for _, psm in engine.seen] == [missed.BLOCK, missed.BLOCK]
    assert all(im.min() < 60 for im, _ in engine.seen)


def test_a_row_a_block_read_finds_nothing_in_is_read_as_a_raw_line():
    img, first = name_read_only()
    # the title's block read gives nothing at all (Tesseract found no line in it); read as a raw
    # line it reads; the street's block read reads, and is not read again
    engine = ScriptedEngine([], [("Key Account Manager", 0.93)], [("Industriestrasse 5", 0.9)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Key Account Manager", "Industriestrasse 5"]
    assert [psm for _, psm in engine.seen] == [missed.BLOCK, missed.RAW_LINE, missed.BLOCK]


def test_a_block_of_rows_a_block_read_finds_nothing_in_is_read_row_by_row_as_raw_lines():
    img = np.full((H, W), 255, np.uint8)
    name = draw(img, "Antoine Morel", 80, 150, 0, 2.0)
    draw(img, "Key Account Manager", 80, 260, 150)
    draw(img, "Industriestrasse 5", 80, 305, 150)  # close under it: one block of two rows
    first = OcrResult((words_over("Antoine Morel", name),), (W, H))
    engine = ScriptedEngine([], [("Key Account Manager", 0.93)], [("Industriestrasse 5", 0.9)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [psm for _, psm in engine.seen] == [missed.BLOCK, missed.RAW_LINE, missed.RAW_LINE]
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Key Account Manager", "Industriestrasse 5"]
    # each row read alone: two crops no taller than a row and its margins
    assert all(im.shape[0] < 80 for im, psm in engine.seen if psm == missed.RAW_LINE)


class PlacedEngine:
    """Answers each block read with the next lines, each at a box given in the whole image's
    frame (the crops' places known beforehand), as a read of a crop whose margin takes in
    the print of a row beside it would."""

    def __init__(self, crops: list[Box], *answers: list[tuple[str, Box]]):
        self.crops, self.answers = list(crops), list(answers)

    def recognize(self, image, *, lang="eng", psm=3):
        at = self.crops.pop(0)
        lines = []
        for text, b, *conf in self.answers.pop(0):
            lines.append(words_over(text, Box(b.left - at.left, b.top - at.top, b.width, b.height), *conf or [0.95]))
        return OcrResult(tuple(lines), (image.shape[1], image.shape[0]))


def test_a_row_read_in_one_blocks_margin_is_not_added_again_by_its_own_block():
    img, name, title, street = a_card()
    first = OcrResult((words_over("Antoine Morel", name),), (W, H))
    blocks = [blk for blk, _ in missed._blocks(missed.unread_rows(img, first))]
    assert len(blocks) == 2
    crops = [b.padded(max(6, b.height // 3), W, H) for b in blocks]
    # the title's block read takes in the street as well; the street's own read reads it again
    engine = PlacedEngine(crops, [("Key Account Manager", title), ("Industriestrasse 5", street)],
                          [("Industriestrasse 5", street)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Key Account Manager", "Industriestrasse 5"]
    # read worse in the margin, better by its own block: the better read stands, once
    engine = PlacedEngine(crops, [("Key Account Manager", title), ("lndustnestrasse S", street, 0.72)],
                          [("Industriestrasse 5", street, 0.9)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Key Account Manager", "Industriestrasse 5"]
    # a scrap read surely inside a word read before is no better read of it
    scrap = Box(street.left + 40, street.top, 60, street.height)
    engine = PlacedEngine(crops, [("Key Account Manager", title), ("Industriestrasse 5", street, 0.9)],
                          [("tries", scrap, 0.97)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Key Account Manager", "Industriestrasse 5"]


def test_a_word_a_block_read_is_unsure_of_is_read_again_in_its_row_alone():
    img = np.full((H, W), 255, np.uint8)
    name = draw(img, "Antoine Morel", 80, 150, 0, 2.0)
    street = draw(img, "Konigsallee 110", 80, 300, 150)
    town = draw(img, "50086 Koln", 80, 345, 150)  # close under it: one block of two rows
    first = OcrResult((words_over("Antoine Morel", name),), (W, H))
    rows = missed.unread_rows(img, first)
    (blk, members), = missed._blocks(rows)
    assert len(members) == 2
    crops = [b.padded(max(6, b.height // 3), W, H) for b in (blk, members[0].box)]
    word = Box(street.left, street.top, street.width * 2 // 3, street.height)
    number = Box(word.right + 15, street.top, street.right - word.right - 15, street.height)
    # the block read is unsure of the street's name, and sure of its number and of the town
    engine = PlacedEngine(crops, [("Konigsallee", word, 0.44), ("110", number, 0.96), ("50086 Koln", town, 0.95)],
                          [("Konigsallee", word, 0.94)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Konigsallee 110", "50086 Koln"]
    assert engine.crops == []  # the street's row was read again, and nothing else


def test_a_row_a_block_read_passed_over_is_read_again_alone():
    img = np.full((H, W), 255, np.uint8)
    name = draw(img, "Antoine Morel", 80, 150, 0, 2.0)
    title = draw(img, "Key Account Manager", 80, 300, 190)  # light grey
    org = draw(img, "Kade Bouw B.V.", 80, 345, 0)  # close under it: one block of two rows
    first = OcrResult((words_over("Antoine Morel", name),), (W, H))
    (blk, members), = missed._blocks(missed.unread_rows(img, first))
    assert len(members) == 2
    crops = [b.padded(max(6, b.height // 3), W, H) for b in (blk, members[0].box)]
    # the block read gives the company and nothing of the title above it
    engine = PlacedEngine(crops, [("Kade Bouw B.V.", org, 0.95)], [("Key Account Manager", title, 0.96)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "Key Account Manager", "Kade Bouw B.V."]
    assert engine.crops == []  # the title's row was read again, and nothing else


def test_past_the_most_blocks_read_the_ones_with_the_most_letters_are_read():
    rows = [missed._Row(Box(40, 40 + 100 * k, 300, 30), letters) for k, letters in enumerate([5, 9, 40, 6, 7, 8, 30, 4])]
    blocks = missed._blocks(rows)
    assert len(blocks) == 8 > missed.MAX_BLOCKS
    kept = missed._most_letters(blocks)
    # the two with the fewest letters are left, the rest kept from the top
    assert [b.top for b, _ in kept] == [140, 240, 340, 440, 540, 640]
    assert missed._most_letters(blocks[:3]) == blocks[:3]


def test_an_unsure_second_read_adds_nothing():
    img, first = name_read_only()
    engine = ScriptedEngine([("eia Pori am", 0.3)], [("R g", 0.9)])  # junk; too few letters
    assert missed.read_missed(first, img, engine, lang="Latin") is first


def test_an_unsure_read_of_a_mail_or_web_address_is_kept_for_its_own_shape():
    img, first = name_read_only()
    # Tesseract is never sure of an address; its shape vouches for it (a parse checks it later)
    engine = ScriptedEngine([("a.morel @kade-bouw.nl", 0.27)], [("www.kade-bouw.nl", 0.2)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "a.morel @kade-bouw.nl", "www.kade-bouw.nl"]
    # words that only look like part of one are not
    engine = ScriptedEngine([("morel @ kade", 0.27)], [("www kade", 0.2)])
    assert missed.read_missed(first, img, engine, lang="Latin") is first


def test_an_unsure_address_with_its_usual_misreadings_is_kept_and_a_trademark_sign_alone_is_not():
    img, first = name_read_only()
    # the @ read with a ® beside it, or as ©; the dot after www lost: the parser mends these
    engine = ScriptedEngine([("a_morel®@kade-bouw.nl", 0.37)], [("wwwkade-bouw.nl", 0.3)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "a_morel®@kade-bouw.nl", "wwwkade-bouw.nl"]
    engine = ScriptedEngine([("Mail a.morel ©kade-bouw.nl", 0.3)], [])
    out = missed.read_missed(first, img, engine, lang="Latin")
    # (the mailbox read apart from its domain stays with it; the unsure label does not)
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "a.morel ©kade-bouw.nl"]
    # the dot before the last label read as a space
    engine = ScriptedEngine([("a.morel@kade-bouw nl", 0.37)], [("www.kade-bouw nl", 0.3)])
    out = missed.read_missed(first, img, engine, lang="Latin")
    assert [ln.text for ln in out.lines] == ["Antoine Morel", "a.morel@kade-bouw nl", "www.kade-bouw nl"]
    # a brand's ® with no domain after it, and a "www" with no dot anywhere, vouch for nothing
    engine = ScriptedEngine([("Kade® bouw", 0.3)], [("wwwkade bouw", 0.3)])
    assert missed.read_missed(first, img, engine, lang="Latin") is first


def test_a_card_read_whole_costs_no_second_read_and_a_failing_engine_keeps_the_read():
    img, name, title, street = a_card()
    whole = OcrResult((words_over("Antoine Morel", name), words_over("Key Account Manager", title),
                       words_over("Industriestrasse 5", street)), (W, H))
    engine = ScriptedEngine()
    assert missed.read_missed(whole, img, engine, lang="Latin") is whole
    assert engine.seen == []
    first = OcrResult((words_over("Antoine Morel", name),), (W, H))
    assert missed.read_missed(first, img, ScriptedEngine(fail=True), lang="Latin") is first


def test_a_line_read_beside_a_column_goes_after_the_line_above_it_in_that_column():
    left = [words_over("Sophie Werner", Box(80, 100, 400, 40)), words_over("Lehmann AG", Box(80, 300, 300, 40))]
    right = [words_over("Marktgasse 29", Box(800, 100, 400, 40))]
    new = words_over("6969 Lugano", Box(800, 160, 350, 40))
    placed = missed.insert_line(left + right, new)
    assert [ln.text for ln in placed] == ["Sophie Werner", "Lehmann AG", "Marktgasse 29", "6969 Lugano"]
    top = words_over("Directeur", Box(80, 20, 300, 40))
    assert [ln.text for ln in missed.insert_line(left, top)][0] == "Directeur"


def test_a_word_read_beside_a_line_on_its_row_goes_right_after_it():
    logo = [words_over("FALCON", Box(334, 171, 292, 56)), words_over("Keizersgracht 3", Box(84, 636, 325, 42)),
            words_over("Email: fleur@falconrealty.eu", Box(93, 872, 584, 44))]
    placed = missed.insert_line(logo, words_over("REALTY", Box(654, 170, 282, 55)))
    assert [ln.text for ln in placed] == ["FALCON REALTY", "Keizersgracht 3", "Email: fleur@falconrealty.eu"]
    far = missed.insert_line(logo, words_over("Utrecht", Box(1200, 170, 282, 55)))  # a column of its own
    assert [ln.text for ln in far][:2] == ["FALCON", "Utrecht"]


class FirstReadsTheHeadlineOnly:
    """A whole-card read (psm 3) that finds only the headline, in the top fifth of the card;
    a block read (psm 6) that reads what it is given."""

    name = "scripted"

    def __init__(self, headline_conf: float = 0.95):
        self.headline_conf, self.psms, self.shapes = headline_conf, [], []

    def version(self) -> str:
        return "0"

    def detect_orientation(self, image):
        return (0, 0.9)

    def recognize(self, image, *, lang="eng", psm=3):
        self.psms.append(psm)
        self.shapes.append(image.shape[:2])
        h, w = image.shape[:2]
        if psm == missed.BLOCK:
            return OcrResult((words_over("Key Account Manager", Box(5, 5, w - 10, h - 10), 0.9),), (w, h))
        head = words_over("Antoine Morel Consulting", Box(0, 0, w, h // 5), self.headline_conf)
        return OcrResult((head,), (w, h))


def test_reading_a_card_adds_what_its_first_read_left_out():
    from cardscan import orient
    from cardscan.models import CardImage

    img, _, _, _ = a_card()
    engine = FirstReadsTheHeadlineOnly()
    _, ocr = orient.read_card(CardImage("t", 0, cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)), engine, lang="Latin")
    assert engine.psms[0] == 3 and missed.BLOCK in engine.psms
    assert ocr.lines[0].text == "Antoine Morel Consulting"
    assert "Key Account Manager" in [ln.text for ln in ocr.lines[1:]]
    # a first read without one confident word is a wrong outline or no card: no rows are read
    # on their own (the whole card is read as one block instead, see orient._as_one_block)
    unsure = FirstReadsTheHeadlineOnly(headline_conf=0.5)
    orient.read_card(CardImage("t", 0, cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)), unsure, lang="Latin")
    whole = {unsure.shapes[0], unsure.shapes[0][::-1]}
    assert all(shape in whole for shape in unsure.shapes)


def test_components_are_the_same_whether_their_labels_fit_16_bits_or_not():
    few = np.zeros((300, 400), np.uint8)
    few[50:80, 40:90] = 1
    few[100:140, 200:260] = 1
    n, labels, stats = missed._components(few)
    assert n == 3 and labels.dtype == np.uint16
    ref_n, ref_labels, ref_stats, _ = cv2.connectedComponentsWithStats(few, connectivity=8, ltype=cv2.CV_32S)
    assert n == ref_n and np.array_equal(labels, ref_labels) and np.array_equal(stats, ref_stats)
    # more specks than 16 bits can number: the labels are 32-bit, none wraps round
    many = np.zeros((600, 600), np.uint8)
    many[::2, ::2] = 1
    n, labels, stats = missed._components(many)
    assert n == 300 * 300 + 1 and labels.dtype == np.int32 and int(labels.max()) == n - 1
