"""Second reads of one line, where a read of the whole card is known to drop something: the dot
or underscore in a mailbox ("r.iyer@" read as "riyer@") and the accent on a capital ("Álvaro"
read as "Alvaro"); and, where even that read loses it, the period after a mailbox's initial
looked for in the print itself, as is an underscore read as a space ("julien moreau@").

Read alone, as one line at twice the size, the same pixels keep them more often. A second read
is trusted only for what it adds: the same letters, in the same order, with more separators
between them, or with accents on them; anything else it reads differently is ignored, so a
worse second read can never change, drop or add a letter.

One kind of second read replaces a whole line: a line that shows a mail or web address but was
read unsure and gave none (small print turned to junk, "Emat ggalofunpermergy eu"). Its second
read is taken only when the card then has an address more that the rest of its print vouches
for, and keeps everything else it had (mend_unsure_lines). So does the line of a mail address
read unsure whose mailbox or domain the rest of the card does not vouch for (letters read as their
look-alikes: "valemina_marino@", "offico@"): read again from the card's own grey and larger, taken
only where the address is then vouched for more and nothing else changes (mend_unvouched_mail).
So does a title printed in a light colour under the name, which the grey image read shows as
paper: it is looked for in the card's colours, and taken only as a title with nothing else changed
(mend_faint_title); and large print read unsure or passed over, read again smaller, from the
card's own grey as well, and taken only where the name, title or company it gives is vouched for
(mend_large_lines). A word whose box took in a smear beside it is read again within its line's
band, and taken only where it loses a letter or two at its ends (mend_swollen_words).
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import unicodedata
from typing import Callable, Iterable, Iterator, Optional

import cv2
import numpy as np

from cardscan import assemble, extract, japanese, missed
from cardscan.errors import OcrError
from cardscan.models import Box, Contact, OcrLine, OcrResult, OcrWord, alnum_count

SEPARATORS = "._-"
SINGLE_LINE = 7  # Tesseract's page segmentation mode for one line of text
ENLARGE = 2


def _bare(text: str) -> str:
    return re.sub(r"[._\-\s]", "", text)


def _mailbox(text: str) -> Optional[str]:
    m = re.search(r"([^\s@]+)@", text)
    return m.group(1) if m else None


def mailboxes_worth_reading(contact: Contact) -> frozenset[str]:
    """The card's mailboxes that are the person's name run together ("riyer", "minjang" for
    Rahul Iyer, Min Jang): the form a lost dot or underscore leaves, so the ones worth a second
    read. Cards without such a mailbox cost nothing more."""
    if contact.name is None:
        return frozenset()
    mailboxes = {e.split("@", 1)[0].casefold() for e in contact.emails}
    return frozenset(mailboxes & assemble.run_together_mailboxes(contact.name))


def wants_second_read(line: OcrLine) -> bool:
    """A line with a mail address whose mailbox has no separator of its own: the kind that
    may have lost one ("riyer@", "minjang@"); a mailbox with a dot already is left alone."""
    box = _mailbox(line.text)
    return box is not None and len(box) >= 4 and not any(c in box for c in SEPARATORS)


def _adds_only_separators(first: str, second: str) -> bool:
    """Whether `second` is `first` with separators put in between its letters, and nothing else."""
    a, b = _bare(first), _bare(second)
    if a != b or not a:
        return False
    # put in between two letters or digits only: not at an end, never two in a row
    squeezed = second.replace(" ", "")
    if re.search(r"^[._-]|[._-]$|[._-]{2}|[._-]@|@[._-]", squeezed):
        return False
    return len(re.findall(r"[._-]", squeezed)) > len(re.findall(r"[._-]", first))


def _address_words(line: OcrLine) -> tuple[int, int]:
    """The span of words that make the mail address ("riyer@" and "horizon.com" when OCR split it)."""
    k = next(i for i, w in enumerate(line.words) if "@" in w.text)
    end = k + 1
    if line.words[k].text.endswith("@") and end < len(line.words):
        end += 1
    start = k - 1 if line.words[k].text.startswith("@") and k > 0 else k
    return start, end


def _around(box: Box, image: np.ndarray, margin: float) -> Box:
    """`box` with `margin` times its height (at least 4 px) on each side, within `image`."""
    return box.padded(max(4, int(box.height * margin)), image.shape[1], image.shape[0])


def _part(image: np.ndarray, around: Box) -> np.ndarray:
    """The part of `image` at `around`, as an array of its own layout (as the engines read it)."""
    return np.ascontiguousarray(image[around.top:around.bottom, around.left:around.right])


def _crop_around(box: Box, image: np.ndarray, margin: float) -> tuple[Box, np.ndarray]:
    """The part of `image` around `box` (see _around), and where it lies."""
    around = _around(box, image, margin)
    return around, _part(image, around)


def _read_alone(crop: np.ndarray, engine, lang: str, scale: float) -> Optional[list[OcrWord]]:
    """The words of `crop` read as one line, enlarged `scale` times (their boxes in that frame);
    None when there is nothing to read or the engine fails."""
    if crop.size == 0:
        return None
    if scale != 1:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
    try:
        again = engine.recognize(crop, lang=lang, psm=SINGLE_LINE)
    except OcrError:
        return None  # the first read stands
    return [w for ln in again.lines for w in ln.words]


def _read_again(words: tuple[OcrWord, ...], image: np.ndarray, engine, lang: str,
                margin: float) -> Optional[list[OcrWord]]:
    """The words of `words`' box read again as one line, twice the size, with `margin` times
    its height around it; None when the engine fails."""
    # twice the size: the separator a whole-card read lost is a few pixels wide
    return _read_alone(_crop_around(Box.union([w.box for w in words]), image, margin)[1], engine, lang, ENLARGE)


def mend_separators(ocr: OcrResult, image: np.ndarray, engine, *, lang: str,
                    mailboxes: Optional[frozenset[str]] = None) -> OcrResult:
    """The result with each mail address read again alone (those of `mailboxes` only, when
    given), and taken when the second read only adds separators. `image` is the one `ocr` was
    read from (its boxes' frame)."""
    lines = list(ocr.lines)
    changed = False
    for k, line in enumerate(lines):
        if not wants_second_read(line) or (mailboxes is not None and _mailbox(line.text).casefold() not in mailboxes):
            continue
        start, end = _address_words(line)
        words = line.words[start:end]
        read = _read_again(words, image, engine, lang, margin=0.33)
        first = " ".join(w.text for w in words)
        second = " ".join(w.text for w in read or [])
        if not read or not _adds_only_separators(first, second):
            continue
        # the address becomes one word, in the place and with the confidence of the first read
        merged = OcrWord(second.replace(" ", ""), min((w.conf for w in words if w.conf is not None), default=None),
                         Box.union([w.box for w in words]), words[0].block, words[0].par, words[0].line)
        lines[k] = OcrLine(line.words[:start] + (merged,) + line.words[end:])
        changed = True
    return OcrResult(tuple(lines), ocr.size, ocr.engine_version) if changed else ocr


# A period printed between an initial and the family name ("k.joshi@"): a blob this small
# beside the letters' typical height, low on the line, right after the first letter.
DOT_SIZE = 0.45
DOT_LOW = 0.25
DOT_BELOW = 0.2  # how far under the baseline a period may reach (lower: a descender's piece)
# The ink thresholds the period is looked for at, as shares of Otsu's threshold of the word,
# and how many more pieces than at Otsu's (times, plus two) and than the word's letters pale
# print may fall into at a darker one before that threshold is left out: its pieces on the
# baseline look like periods.
DOT_THRESHOLDS = (1.0, 0.9, 0.8, 0.7)
DOT_PIECES = 2.0


def initial_mailboxes(contact: Contact) -> frozenset[str]:
    """The card's mailboxes that are the person's initial and family name run together
    ("kjoshi" for Kavya Joshi): where a period after the initial is what OCR loses most."""
    forms = assemble.initials_and_family(contact.name) if contact.name is not None else frozenset()
    mailboxes = {e.split("@", 1)[0].casefold() for e in contact.emails}
    return frozenset(forms & mailboxes)


def _dot_after_first_letter(image: np.ndarray, box: Box, letters: int) -> bool:
    """Whether the print in `box` (a word of `letters` characters as read, starting with its
    first letter) has a period right after that letter: the first gap of the word holds a blob
    much smaller than the letters, sitting on their baseline."""
    around = box.padded(2, image.shape[1], image.shape[0])
    crop = image[around.top:around.bottom, around.left:around.right]
    if crop.size == 0:
        return False
    if crop.ndim == 3:
        crop = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    otsu, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # Soft print runs a faint period into the letter before it ("t.schroder": the dot one blob
    # with the t's foot at Otsu's threshold): darker ink only parts them, the palest period
    # ("k.ikeda") at the first step darker, the boldest ("i.romano") at the last.
    pieces = None
    for k in DOT_THRESHOLDS:
        ink = cv2.threshold(crop, otsu * k, 255, cv2.THRESH_BINARY_INV)[1]
        n = _pieces(ink)
        if pieces is None:
            pieces = n
        elif n > max(DOT_PIECES * pieces + 2, letters):
            # pale print fallen apart ("aashworth", "idvorak" at four fifths); blurred print
            # whose letters only darker ink parts is no more pieces than the word has letters
            continue
        if _dot_in_first_gap(ink) or _dot_beside_first_letter(ink):
            return True
    return False


def _pieces(ink: np.ndarray) -> int:
    """The blobs of ink in a binarised word, specks left out."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return int((stats[1:, cv2.CC_STAT_AREA] >= 3).sum())


def _dot_in_first_gap(ink: np.ndarray) -> bool:
    """Whether the second glyph of the binarised word `ink` is a period on the baseline."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = sorted((s for s in stats[1:] if s[cv2.CC_STAT_AREA] >= 3), key=lambda s: s[cv2.CC_STAT_LEFT])
    # a letter's parts side by side in one column (the dot of an i, an accent) are one glyph
    glyphs: list[list[int]] = []  # [left, top, right, bottom]
    for x, y, w, h, _ in blobs:
        if glyphs and x < glyphs[-1][2] - 1:
            g = glyphs[-1]
            glyphs[-1] = [g[0], min(g[1], y), max(g[2], x + w), max(g[3], y + h)]
        else:
            glyphs.append([x, y, x + w, y + h])
    if len(glyphs) < 4:
        return False
    size = float(np.median([b - t for _, t, _, b in glyphs]))
    base = float(np.median([b for *_, b in glyphs]))
    left, top, right, bottom = glyphs[1]
    return (bottom - top <= DOT_SIZE * size and right - left <= DOT_SIZE * size * 1.5
            and bottom >= base - DOT_LOW * size and top > base - size)


def _dot_beside_first_letter(ink: np.ndarray) -> bool:
    """Whether a period sits on the baseline right after the first letter of the binarised
    word `ink`, its blobs taken one by one. _dot_in_first_gap groups a letter's parts by
    column, and a serif j's hook reaching back under the period ("k.joshi") joins the two."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [tuple(int(v) for v in s[:5]) + (k,) for k, s in enumerate(stats) if k and s[cv2.CC_STAT_AREA] >= 3]
    # (x, y, w, h, area, label)
    if len(blobs) < 4:
        return False
    tallest = max(b[3] for b in blobs)
    size = float(np.median([b[3] for b in blobs if b[3] >= 0.4 * tallest]))
    letters = [b for b in blobs if b[3] >= 0.6 * size]
    if len(letters) < 3:
        return False
    base = float(np.median([y + h for _, y, _, h, *_ in letters if h <= 1.25 * size]
                           or [y + h for _, y, _, h, *_ in letters]))
    first = min(letters, key=lambda b: b[0])
    right = first[0] + first[2]
    after = [b for b in letters if b is not first and b[0] + b[2] / 2 > right]
    if not after:
        return False
    nxt = min(after, key=lambda b: b[0] + b[2] / 2)
    # An r's or an f's arm reaches out over the period after it ("r.marchand"): where the first
    # letter stands on the baseline, the period is looked for right of its foot, and the arm
    # above is no letter over the period.
    foot_rows = labels[max(0, int(base - DOT_LOW * size)):int(base) + 1, first[0]:first[0] + first[2]] == first[5]
    foot_cols = np.flatnonzero(foot_rows.any(axis=0))
    foot = first[0] + int(foot_cols[-1]) + 1 if foot_cols.size else None
    for blob in blobs:
        x, y, w, h, area, _ = blob
        under_arm = foot is not None and foot - 1 <= x < right - 1 and _arm_over(labels, first, x, w, y)
        after_first = foot if under_arm else right
        # (a round blob, filled: a hairline letter's broken-off stroke is thin or hollow)
        if not (h <= DOT_SIZE * size and w <= DOT_SIZE * size * 1.5 and 0.5 * h <= w <= 2 * h
                and area >= 0.45 * w * h
                and base - DOT_LOW * size <= y + h <= base + DOT_BELOW * size
                and after_first - 1 <= x and x - after_first <= size
                and x + w / 2 < nxt[0] + nxt[2] / 2 and x + w <= nxt[0] + nxt[2]):
            continue
        # A period stands alone in its column but for a descender's hook under the line; a
        # piece of a letter that thin print broke apart (the foot of an s) has the rest of
        # that letter above it.
        over = [b for b in blobs if b is not blob and b[0] < x + w - 1 and x < b[0] + b[2] - 1
                and not (under_arm and b is first)]
        if all(b[1] + b[3] > base + DOT_BELOW * size for b in over):
            return True
    return False


def _arm_over(labels: np.ndarray, letter: tuple, x: int, w: int, top: int) -> bool:
    """Whether the ink of `letter` in the columns x..x+w lies only well above `top`: an arm
    reaching over a blob, not a letter's body beside it."""
    cols = labels[:, x:x + w] == letter[5]
    rows = np.flatnonzero(cols.any(axis=1))
    return rows.size > 0 and int(rows[-1]) < top - max(2, (top - letter[1]) // 4)


def mend_initial_dot(ocr: OcrResult, image: np.ndarray, mailboxes: frozenset[str]) -> OcrResult:
    """The result with a period put back after the initial of each mailbox of `mailboxes`
    ("kjoshi@" → "k.joshi@") where the print shows one, however the line reads."""
    lines = list(ocr.lines)
    changed = False
    for k, line in enumerate(lines):
        box = _mailbox(line.text)
        if box is None or box.casefold() not in mailboxes:
            continue
        start, _ = _address_words(line)
        word = line.words[start]
        if not word.text.casefold().startswith(box.casefold()) \
                or not _dot_after_first_letter(image, word.box, len(word.text)):
            continue
        mended = OcrWord(word.text[:1] + "." + word.text[1:], word.conf, word.box, word.block, word.par, word.line)
        lines[k] = OcrLine(line.words[:start] + (mended,) + line.words[start + 1:])
        changed = True
    return OcrResult(tuple(lines), ocr.size, ocr.engine_version) if changed else ocr


# An underscore between two words of a mailbox ("julien_moreau@") that a whole-card read took
# for a space or a period: a flat stroke, no thicker than a third of the letters' height, on or
# just under their baseline, about one letter wide (a link's underline runs under every letter).
UNDERSCORE_FLAT = 2.4  # width over height, at least
UNDERSCORE_THIN = 0.35  # height, at most, as a share of the letters' height
UNDERSCORE_WIDTH = (0.4, 2.5)  # width, as shares of the letters' height
UNDERSCORE_LOW = 0.58  # how far below the baseline its middle may be, as a share of that height
# A pale underscore (thin print, blurred) is lighter than Otsu's threshold for its letters: the
# print is looked at with the threshold as it is, then raised by a tenth and by a fifth.
UNDERSCORE_SHADES = (1.0, 1.1, 1.2)
# The rows of a word's band of print hold at least this share of its densest row's ink.
BAND_INK = 0.3


def _underscore_between(image: np.ndarray, first: Box, second: Box) -> bool:
    """Whether the print between the words in `first` and `second` (left to right on one line)
    has an underscore where their gap is, or at the end of the first word."""
    height = max(first.height, second.height)
    top = max(0, min(first.top, second.top) - 2)
    bottom = min(image.shape[0], max(first.bottom, second.bottom) + int(0.4 * height))
    left, right = max(0, first.left), min(image.shape[1], second.right)
    crop = image[top:bottom, left:right]
    if crop.size == 0 or right <= left:
        return False
    if crop.ndim == 3:
        crop = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    otsu, _ = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    # (the words' boxes, in the crop's rows and columns)
    first_in = Box(first.left - left, first.top - top, first.width, first.height)
    low = max(first.bottom, second.bottom) - top
    gap = (first.right + second.left) / 2 - left
    for shade in UNDERSCORE_SHADES:
        ink = cv2.threshold(crop, min(254.0, otsu * shade), 255, cv2.THRESH_BINARY_INV)[1]
        if _underscore_in(ink, first_in, low, gap):
            return True
    return False


def _print_band(ink: np.ndarray, word: Box) -> Optional[tuple[float, float]]:
    """The height and bottom row of the band of rows where `word`'s letters stand (the rows
    of its columns with BAND_INK of its densest row's ink, nearest its middle), or None."""
    cols = ink[:, max(0, word.left):max(0, word.right)] > 0
    if cols.size == 0 or not cols.any():
        return None
    rows = cols.mean(axis=1)
    mid = min(len(rows) - 1, max(0, (word.top + word.bottom) // 2))
    start, end = min(_runs(rows >= BAND_INK * rows.max()),
                     key=lambda r: 0 if r[0] <= mid < r[1] else min(abs(r[0] - mid), abs(r[1] - 1 - mid)))
    return float(end - start), float(end)


def _underscore_in(ink: np.ndarray, first: Box, low: int, gap: float) -> bool:
    """Whether binarised print `ink` has an underscore at column `gap`, right of the word in
    `first` (rows and columns of `ink`; `low`: the lowest row of the two words' boxes)."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [s for s in stats[1:] if s[cv2.CC_STAT_AREA] >= 3]
    letters = [s for s in blobs if s[cv2.CC_STAT_HEIGHT] > 2 and s[cv2.CC_STAT_WIDTH] < 3 * s[cv2.CC_STAT_HEIGHT]]
    base = None
    if len(letters) >= 3:
        size = float(np.median([s[cv2.CC_STAT_HEIGHT] for s in letters]))
        base = float(np.median([s[cv2.CC_STAT_TOP] + s[cv2.CC_STAT_HEIGHT] for s in letters
                                if s[cv2.CC_STAT_HEIGHT] > 0.6 * size]))
    if base is None or not first.top < base <= low:
        # Blurred print whose letters run together is a few long blobs, not letters, and the
        # blobs left over (an icon or the line below) gave a baseline outside the words: the
        # band of the first word's print gives it instead.
        band = _print_band(ink, first)
        if band is None:
            return False
        size, base = band
    for x, y, w, h, _ in blobs:
        # (its top within half the letters' height under the baseline and its middle within
        # UNDERSCORE_LOW: lower down is the top of the next line; and reaching to the gap, not
        # only under the first word's letters)
        if (w >= UNDERSCORE_FLAT * h and h <= UNDERSCORE_THIN * size
                and UNDERSCORE_WIDTH[0] * size <= w <= UNDERSCORE_WIDTH[1] * size
                and base - 0.1 * size <= y + h / 2 <= base + UNDERSCORE_LOW * size and y <= base + 0.5 * size
                and x + w >= gap - 0.5 * size and x <= gap + 0.5 * size):
            return True
    # (an underscore run into a letter's descender, "diego_gomez", is no blob of its own)
    return _low_stroke_across_gap(ink > 0, size, base, int(gap))


# How far into the columns between two letters an underscore joining them reaches, at least, as
# a share of the letters' height (a letter's foot or bottom bar, "z", stays under its letter);
# and how long a stroke under the line is when it is a link's underline, at least.
UNDERSCORE_FREE = 0.25
UNDERLINE_LONG = 3.0


def _low_stroke_across_gap(ink: np.ndarray, size: float, base: float, gap: int) -> bool:
    """Whether a thin, flat stroke on or under the baseline (letters' height `size`, baseline
    `base`) runs through the gap between the letters either side of column `gap` of `ink`."""
    rows, cols = ink.shape
    top = max(0, int(base - 0.3 * size))
    bottom = min(rows, int(base + UNDERSCORE_LOW * size) + 1)
    if not 0 <= gap < cols or bottom <= top:
        return False
    reach = UNDERSCORE_FREE * size
    for y in range(top, bottom):
        for x0, x1 in _runs(ink[y]):
            # (reaching to the gap the read left between the words: the bottom of a "v" or "w"
            # beside it is a stroke under nothing too)
            if not (x0 - reach <= gap <= x1 + reach and UNDERSCORE_WIDTH[0] * size <= x1 - x0 <= UNDERSCORE_WIDTH[1] * size):
                continue
            inked = ink[:, x0:x1].mean(axis=1) >= 0.5
            first, last = y, y
            while first > 0 and inked[first - 1]:
                first -= 1
            while last + 1 < rows and inked[last + 1]:
                last += 1
            middle = (first + last) / 2
            if last - first + 1 > UNDERSCORE_THIN * size or middle > base + UNDERSCORE_LOW * size:
                continue
            # where no letter stands over it, in one piece (the serifs either side of an "l"
            # are two): at least UNDERSCORE_FREE wide and flat there (a period run into a
            # letter's foot is as high as it is wide)
            open_ = ~ink[max(0, int(base - size)):max(0, first - 1), x0:x1].any(axis=0)
            start, end = max(_runs(open_), key=lambda r: r[1] - r[0], default=(0, 0))
            free = np.arange(x0 + start, x0 + end)
            if free.size < reach:
                continue
            high = np.count_nonzero(ink[first:last + 1][:, free].mean(axis=1) >= 0.5)
            # ... and not a link's underline, which runs on under the other words
            longest = max(e - b for b, e in _runs(ink[int(middle)]))
            if free.size >= UNDERSCORE_FLAT * high and longest < UNDERLINE_LONG * size:
                return True
    return False


def _runs(row: np.ndarray) -> list[tuple[int, int]]:
    """The runs of True in a row, as (start, end) column pairs."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def mend_underscores(ocr: OcrResult, image: np.ndarray) -> OcrResult:
    """The result with the space (or period and space) between two words of a mailbox made an
    underscore where the print shows one ("julien moreau@" → julien_moreau@). Only the mailbox
    right before an @ is looked at, in the pixels the result was read from."""
    lines = list(ocr.lines)
    changed = False
    for k, line in enumerate(lines):
        at = next((i for i, w in enumerate(line.words) if "@" in w.text), None)
        if at is None:
            continue
        j = at - 1 if line.words[at].text.startswith("@") else at
        if j < 1:
            continue
        before, word = line.words[j - 1], line.words[j]
        if not re.fullmatch(r"[^\W\d_]{2,}[.,]?", before.text) or not word.text[:1].isalpha():
            continue
        if not _underscore_between(image, before.box, word.box):
            continue
        merged = OcrWord(before.text.rstrip(".,") + "_" + word.text, word.conf, Box.union([before.box, word.box]),
                         before.block, before.par, before.line)
        lines[k] = OcrLine(line.words[:j - 1] + (merged,) + line.words[j + 1:])
        changed = True
    return OcrResult(tuple(lines), ocr.size, ocr.engine_version) if changed else ocr


def _marks(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c))


def _adds_only_accents(first: str, second: str) -> bool:
    """Whether `second` is `first` word for word, with accents put on letters that had none."""
    a, b = first.split(), second.split()
    if len(a) != len(b) or extract.strip_accents(first) != extract.strip_accents(second):
        return False
    # each word keeps the accents it had, and at least one word gains one
    return all(_marks(y) >= _marks(x) for x, y in zip(a, b)) and _marks(second) > _marks(first)


def name_without_its_accents(contact: Contact) -> bool:
    """Whether a word of the person's name, read without accents, is a name the word lists know
    only with them, or with them as well ("Alvaro" / Álvaro): worth a second read of its line."""
    if contact.name is None:
        return False
    return any(assemble.spelt_with_accents(w.casefold()) for w in re.findall(r"[^\W\d_]+", contact.name.full))


# The height a name's words are read again at for their accents: about the size of the whole
# card's print. Tesseract leaves the dots and strokes of large letters out ("Schroder" for a
# Schröder printed 80 px high, and again at twice that size) and reads them at this one.
ACCENT_READ_PX = 32


def mend_accents(ocr: OcrResult, image: np.ndarray, engine, *, lang: str, text: str) -> OcrResult:
    """The result with the line that reads `text` (the name, in any case: a name printed in
    capitals is written in small letters) read again alone, and taken when the second read only
    puts accents on its letters ("Alvaro Ramos" → Álvaro Ramos). The words are read at about
    ACCENT_READ_PX high, then, where that adds no accent, at twice their size."""
    want = text.casefold()
    for k, line in enumerate(ocr.lines):
        if want not in line.text.casefold():
            continue
        start = next((i for i in range(len(line.words))
                      if " ".join(w.text for w in line.words[i:]).casefold().startswith(want)), None)
        if start is None:
            return ocr
        end = start + len(text.split())
        words = line.words[start:end]
        first = " ".join(w.text for w in words)
        # room above for the accent of a capital, which a whole-card read tends to leave out
        _, crop = _crop_around(Box.union([w.box for w in words]), image, 0.5)
        height = max(w.box.height for w in words)
        for scale in dict.fromkeys((min(float(ENLARGE), ACCENT_READ_PX / max(height, 1)), float(ENLARGE))):
            read = _read_alone(crop, engine, lang, scale)
            if read and _adds_only_accents(first, " ".join(w.text for w in read)):
                mended = tuple(OcrWord(r.text, w.conf, w.box, w.block, w.par, w.line) for w, r in zip(words, read))
                lines = list(ocr.lines)
                lines[k] = OcrLine(line.words[:start] + mended + line.words[end:])
                return OcrResult(tuple(lines), ocr.size, ocr.engine_version)
        return ocr
    return ocr


# A line that should hold a way to reach the person by mail or on the web: a mail or web label
# (matched loosely: its misreads are what is looked for), an @ or a glyph Tesseract reads a
# smeared one as, or a last word that ends like a domain ("keystoneinsurance,ca").
_REACH_MARK = re.compile(r"@|®|©|\b(?:e-?ma\w{0,2}|mail|web|www|https?|hups|htps)\b|^\W{0,3}[ew]\s?[:.]"
                         r"|[a-z0-9]{3,}(?:\s?[.,]\s?[a-z]{2,3}|\s" + extract._SPACED_TLDS + r")\s*$", re.I)
# Below this mean confidence a line read with the whole card may read better alone.
UNSURE_LINE = 0.80
MAX_UNSURE_LINES = 4
# The last size an unsure line is read again at, after the card's own grey (_unsure_line_views).
UNSURE_LAST_SCALE = 3.0
# A run of this many digits or more holds a telephone number, and as many last digits of a
# number tell whether a line gave it. A run: digits and what numbers are printed with between
# them, no letters, no commas ("Calle Mayor 15, 28085 Madrid" holds no number).
NUMBER_DIGITS = extract.MIN_PHONE_DIGITS
_DIGIT_RUN = re.compile(r"\d[\d \t().\-/]*\d")


def _number_without_its_number(line: OcrLine, contact: Contact) -> bool:
    """Whether the line shows the digits of a telephone number, NUMBER_DIGITS of them or more
    in one run, that gave the contact none of its numbers (the last NUMBER_DIGITS digits of
    each are not in that run): a number misread (a digit more, a country code read as
    another's) is no valid number, and is lost. A line labelled as another kind of number (a
    tax or registration number) holds none: a second read that garbles its label would make
    one of its digits."""
    if extract._non_phone_re().search(line.text):
        return False
    for run in _DIGIT_RUN.findall(line.text):
        digits = re.sub(r"\D", "", run)
        if len(digits) >= NUMBER_DIGITS and not any(p.number[-NUMBER_DIGITS:] in digits for p in contact.phones):
            return True
    return False


def _only_numbers_gained(new: Contact, old: Contact) -> bool:
    """Whether `new` has every number `old` has and more, and all else as `old` has it."""
    return ({p.number for p in old.phones} < {p.number for p in new.phones}
            and all(getattr(new, f) == getattr(old, f) for f in ("name", "title", "org", "address", "emails", "urls")))


def _reach(contact: Contact) -> set[str]:
    """The contact's mail addresses and websites, each in one spelling (to tell what a read adds)."""
    return {e.lower() for e in contact.emails} | {extract.site_key(u) for u in contact.urls}


def _placed(words: list[OcrWord], around: Box, scale: float, like: OcrWord) -> tuple[OcrWord, ...]:
    """Words read from the crop `around` (enlarged `scale` times) in the frame of the whole card."""
    return tuple(OcrWord(w.text, w.conf, Box(around.left + int(w.box.left / scale), around.top + int(w.box.top / scale),
                                             max(1, int(w.box.width / scale)), max(1, int(w.box.height / scale))),
                         like.block, like.par, like.line) for w in words)


def _vouched(new: Contact, old: Contact, had: set[str]) -> bool:
    """Whether every mail address and website `new` has that `old` had not is vouched for by
    the rest of the card (assemble.vouched_for)."""
    gained = [(e, True) for e in new.emails if e.lower() not in had] + \
        [(u, False) for u in new.urls if extract.site_key(u) not in had]
    return all(assemble.vouched_for(a, old, is_email=m) for a, m in gained)


def _keeps(new: Contact, old: Contact) -> bool:
    """Whether `new` has all the kinds of field `old` has, and every one of its numbers."""
    return (all(bool(getattr(new, f)) >= bool(getattr(old, f)) for f in ("name", "title", "org", "address"))
            and {p.number for p in old.phones} <= {p.number for p in new.phones})


def _line_trials(ocr: OcrResult, k: int, around: Box, views: Iterable[tuple[np.ndarray, float]], engine, *,
                 lang: str, region: Optional[str], default_region: str) -> Iterator[Optional[tuple[OcrResult, Contact]]]:
    """Line k of `ocr` read again alone from each of `views` (the part of the image at `around`,
    or the same part of the card in another picture of its size, with the scale to read it at):
    each read in place of the line, with the contact it gives; once the engine fails, None and
    no more (the first read stands)."""
    for crop, scale in views:
        words = _read_alone(crop, engine, lang, scale)
        if words is None:
            yield None
            return
        if words:
            lines = list(ocr.lines)
            lines[k] = OcrLine(_placed(words, around, scale, ocr.lines[k].words[0]))
            trial = OcrResult(tuple(lines), ocr.size, ocr.engine_version)
            yield trial, assemble.contact(trial, region=region, default_region=default_region)


def _first_taken(ocr: OcrResult, k: int, views: Callable[[Box], Iterable[tuple[np.ndarray, float]]], image: np.ndarray,
                 engine, take: Callable[[Contact], bool], *, lang: str, region: Optional[str],
                 default_region: str) -> tuple[Optional[tuple[OcrResult, Contact]], bool]:
    """The first of line k's second reads from `views` of the part of `image` around it (see
    _line_trials) whose contact `take` accepts, or None; and whether the engine failed."""
    around = _around(ocr.lines[k].box, image, 0.33)
    if around.width < 4 or around.height < 4:
        return None, False
    for found in _line_trials(ocr, k, around, views(around), engine, lang=lang, region=region,
                              default_region=default_region):
        if found is None:
            return None, True
        if take(found[1]):
            return found, False
    return None, False


def _read_line_alone(ocr: OcrResult, k: int, around: Box, crop: np.ndarray, engine, *, lang: str,
                     region: Optional[str], default_region: str,
                     scales: tuple[float, ...] = (1.0, float(ENLARGE))) -> Iterator[tuple[OcrResult, Contact]]:
    """Line k of `ocr` read again alone from `crop` (the part of the image at `around`), at each
    of `scales` (as it is and twice the size unless told): each read in place of the line, with
    the contact it gives. None more once the engine fails: the first read stands."""
    for found in _line_trials(ocr, k, around, ((crop, scale) for scale in scales), engine, lang=lang,
                              region=region, default_region=default_region):
        if found is None:
            return
        yield found


def _unsure_line_views(around: Box, image: np.ndarray, colour: Optional[np.ndarray]) -> Iterator[tuple[np.ndarray, float]]:
    """The part of the card at `around` for an unsure line's second read, with the scale to read
    it at: the image read as it is and twice the size, then the card's own grey at the image
    read's size (see _own_grey), then the image read three times the size. Each is read only
    where those before it gave nothing to take: most lines mend at the first two."""
    crop = _part(image, around)
    yield crop, 1.0
    yield crop, float(ENLARGE)
    grey = _own_grey(around, image, colour, cv2.INTER_LANCZOS4)
    if grey is not None:
        yield grey, 1.0
    yield crop, UNSURE_LAST_SCALE


def mend_unsure_lines(ocr: OcrResult, contact: Contact, image: np.ndarray, engine, *, lang: str,
                      region: Optional[str], default_region: str,
                      colour: Optional[np.ndarray] = None) -> tuple[OcrResult, Contact]:
    """The read and its contact with the lines that show a mail or web address, or the digits
    of a telephone number that gave no number, but were read unsure read again alone (see
    _unsure_line_views; `colour` is the upright card in colour, the image read's picture at
    another size). A second read is taken when the contact then has a mail address or
    website more, whose domain the rest of the card vouches for, or a valid number more, and
    keeps everything else it had: small print the whole-card read turned to junk ("Emat
    ggalofunpermergy eu", "+32155553777" for +32 15 55 53 77) often reads alone, and junk read
    again stays out."""
    have = _reach(contact)
    # (a line that gave the contact one of its addresses as read is left alone)
    unsure = [k for k, ln in enumerate(ocr.lines) if ln.conf < UNSURE_LINE and (
        (_REACH_MARK.search(ln.text) and not any(a in ln.text.casefold().replace(" ", "") for a in have))
        or _number_without_its_number(ln, contact))]
    for k in unsure[:MAX_UNSURE_LINES]:
        def better(new: Contact, old: Contact = contact, had: set[str] = have) -> bool:
            return ((had < _reach(new) and _keeps(new, old) and _vouched(new, old, had))
                    or _only_numbers_gained(new, old))
        taken, failed = _first_taken(ocr, k, lambda around: _unsure_line_views(around, image, colour), image, engine,
                                     better, lang=lang, region=region, default_region=default_region)
        if taken is not None:
            ocr, contact = taken
            have = _reach(contact)
        if failed:
            break  # (what was read stands)
    return ocr, contact


# A mail address read whole but wrong: small print whose letters the whole-card read took for
# look-alikes ("valemina_marino@" for valentina_marino@, "hgalagher@copperengineermg.co.uk",
# "offico@"). Its line is read again alone, from the card's own grey at the size of the image
# read (the image read evens out light and sharpens at the scale of the print, and on small
# blurred print that merges letters), then from the image read at these sizes; a second read is
# taken where its address is vouched for more than the first (see _mail_vouches) and the contact
# is otherwise as it was. An address the card vouches for whole, or read sure (UNSURE_LINE),
# costs nothing more.
MAIL_READ_SCALES = (1.5, 3.0)
MAIL_VOUCHED = 4  # (see _mail_vouches)
# A line is taken for an address's own when it spells it this nearly (case and spaces aside).
MAIL_LINE_LIKENESS = 0.6


def _mail_vouches(addr: str, contact: Contact) -> int:
    """How surely the rest of the card vouches for mail address `addr`, 0 to MAIL_VOUCHED: 2 for
    its mailbox (a role's, or one of the ways the person's name makes one), and 0 to 2 for its
    domain (assemble.mail_domain_vouched, the address itself left out)."""
    local = addr.partition("@")[0].lower()
    forms = assemble.mailbox_forms(contact.name)
    mailbox = local in extract._ROLE_MAILBOXES or (forms is not None and local in forms)
    others = dataclasses.replace(contact, emails=tuple(e for e in contact.emails if e != addr))
    return 2 * mailbox + assemble.mail_domain_vouched(addr, others)


def _mail_line(ocr: OcrResult, addr: str) -> Optional[int]:
    """The line of `ocr` that spells mail address `addr` most nearly, when it does so at least
    MAIL_LINE_LIKENESS nearly (the address as the parser mended it, beside the line as read)."""
    want = _norm(addr)
    best, at = 0.0, None
    for k, ln in enumerate(ocr.lines):
        text = _norm(ln.text)
        if not text:
            continue
        m = difflib.SequenceMatcher(None, want, text)
        # (the line's label and icons beside the address cost nothing: the matched share of the address)
        like = sum(b.size for b in m.get_matching_blocks()) / len(want)
        if like > best:
            best, at = like, k
    return at if best >= MAIL_LINE_LIKENESS else None


def _grey_views(around: Box, image: np.ndarray, colour: Optional[np.ndarray]) -> Iterator[tuple[np.ndarray, float]]:
    """The part of the card at `around` for a mail line's second read, with the scale to read it
    at: the card's own grey enlarged to the image read's size (see _own_grey), then the image
    read at MAIL_READ_SCALES."""
    grey = _own_grey(around, image, colour, cv2.INTER_LANCZOS4)
    if grey is not None:
        yield grey, 1.0
    crop = _part(image, around)
    for scale in MAIL_READ_SCALES:
        yield crop, scale


def _only_mail_changed(new: Contact, old: Contact, addr: str) -> Optional[str]:
    """The address that `new` has in place of `old`'s `addr`, all else as `old` has it; None
    when anything else differs."""
    if any(getattr(new, f) != getattr(old, f) for f in ("name", "title", "org", "phones", "urls", "address")):
        return None
    if len(new.emails) != len(old.emails):
        return None
    changed = [(a, b) for a, b in zip(old.emails, new.emails) if a != b]
    return changed[0][1] if len(changed) == 1 and changed[0][0] == addr else None


def mend_unvouched_mail(ocr: OcrResult, contact: Contact, image: np.ndarray, colour: Optional[np.ndarray], engine, *,
                        lang: str, region: Optional[str], default_region: str) -> tuple[OcrResult, Contact]:
    """The read and its contact with the line of each mail address that the rest of the card
    does not vouch for whole read again alone (see MAIL_READ_SCALES), taken where the address
    it gives is vouched for more and nothing else changes. `image` is the image read, `colour`
    the upright card in colour, the same picture at another size."""
    for addr in contact.emails:
        have = _mail_vouches(addr, contact)
        if have >= MAIL_VOUCHED or addr not in contact.emails:
            continue
        k = _mail_line(ocr, addr)
        # (a line read sure is rarely misread; on the sets measured half of the lines of
        # addresses not vouched for whole were, and none of those a second read mended)
        if k is None or ocr.lines[k].conf >= UNSURE_LINE:
            continue

        def better(new: Contact, old: Contact = contact, addr: str = addr, had: int = have) -> bool:
            got = _only_mail_changed(new, old, addr)
            return got is not None and _mail_vouches(got, new) > had
        taken, failed = _first_taken(ocr, k, lambda around: _grey_views(around, image, colour), image, engine,
                                     better, lang=lang, region=region, default_region=default_region)
        if taken is not None:
            ocr, contact = taken
        if failed:
            break  # (what was read stands)
    return ocr, contact


# A role's line whose end the whole-card read lost: thin, pale print fades along the line
# ("Head of Marketing" read "Head ol", "Vice President, Sales" read "Vice President,"). What
# the read kept of it shows it: a title that ends in a word no title ends with, or more of
# the line after the title, that the parser dropped.
TITLE_CUT_ENDS = frozenset({"&", "/", "and", "of", "for", "at", "in", "to", "de", "da", "do", "dos", "das", "del",
                            "della", "di", "du", "des", "der", "la", "le", "el", "y", "e", "et", "und", "im", "für"})
# How far right of the line's end its lost words are looked for, in line heights.
TITLE_REACH = 14
# Contrast is made even before the second read: the lost words are paler than the kept ones.
TITLE_CLAHE = (3.0, (8, 8))
# A word that second read gains is taken when titles are made of it, or when it was read this sure.
SURE_WORD = 0.8


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _title_cut_short(ocr: OcrResult, contact: Contact) -> Optional[int]:
    """The index of the line the contact's title was read from when that line looks cut short
    (see TITLE_CUT_ENDS), or None."""
    if not contact.title:
        return None
    found = _line_holding(ocr, contact.title)
    if found is None:
        return None
    title, text = _norm(contact.title), _norm(ocr.lines[found].text)
    after = text[text.index(title) + len(title):].strip()
    last = title.rsplit(" ", 1)[-1]
    return found if after or last in TITLE_CUT_ENDS or _scrap_end(contact.title) else None


def _scrap_end(title: str) -> bool:
    """Whether a title of two words or more ends in one or two small letters that make no word
    of titles ("Attachée de pr"): what is left of a last word whose pale end was not read."""
    words = title.split()
    last = words[-1]
    return len(words) >= 2 and bool(re.fullmatch(r"[^\W\d_]{1,2}", last)) and last.islower() \
        and not assemble.role_word(last)


def _line_holding(ocr: OcrResult, text: str) -> Optional[int]:
    """The index of the one line of `ocr` whose text holds `text` (case and spacing aside), or
    None when none or several do."""
    want = _norm(text)
    found = [k for k, ln in enumerate(ocr.lines) if want and want in _norm(ln.text)]
    return found[0] if len(found) == 1 else None


def _word_count(title: str) -> int:
    """The words of three letters or more in a title (not a glyph or a scrap read on)."""
    return sum(1 for w in title.split() if sum(c.isalpha() for c in w) >= 3)


def _same_but_title(new: Contact, old: Contact, line: OcrLine) -> bool:
    """Whether `new` has every field as `old` has it but its title, which goes on from old's
    with a word more ("Head" → "Head of Marketing", "Sales Di" → "Sales Director"; not "Head ol")
    and with no word of junk: each word it gains is a word of titles or read sure on `line`
    (the line read again), and it ends where a title may ("STORE MANAGER Das" is no title:
    a scrap of a logo beside it read as a word)."""
    if not new.title or not old.title:
        return False
    grown = _norm(new.title).startswith(_norm(old.title)) and _word_count(new.title) > _word_count(old.title)
    if not grown or _title_ends_cut(new.title):
        return False
    kept = old.title.split()
    gained = new.title.split()[len(kept) - 1:]
    if gained and gained[0] == kept[-1]:
        gained = gained[1:]  # (the last word read first, whole: "Head" of "Head of Marketing")
    return _title_words_vouched(gained, line) and _rest_unchanged(new, old)


def _title_ends_cut(title: str) -> bool:
    """Whether a title ends in a word no title ends with (see TITLE_CUT_ENDS)."""
    return title.split()[-1].strip(",;:").casefold() in TITLE_CUT_ENDS


def _title_words_vouched(words: list[str], line: OcrLine) -> bool:
    """Whether each of a title's words is a word of titles or was read sure on `line`."""
    sure = {w.text.strip(",;:").casefold() for w in line.words if w.conf is not None and w.conf >= SURE_WORD}
    return all(assemble.role_word(w) or w.strip(",;:").casefold() in sure for w in words)


def _rest_unchanged(new: Contact, old: Contact) -> bool:
    """Whether `new` has every field as `old` has it, its title aside."""
    return all(getattr(new, f) == getattr(old, f) for f in ("name", "org", "address", "emails", "urls")) \
        and [(p.number, p.type) for p in new.phones] == [(p.number, p.type) for p in old.phones]


def mend_cut_title(ocr: OcrResult, contact: Contact, image: np.ndarray, engine, *, lang: str,
                   region: Optional[str], default_region: str) -> tuple[OcrResult, Contact]:
    """The read and its contact with a title line that looks cut short read again alone, from
    its start to well past its end, with the contrast evened out. Taken when the title then
    goes on from the one read first and nothing else of the contact changes."""
    k = _title_cut_short(ocr, contact)
    if k is None:
        return ocr, contact
    box = ocr.lines[k].box
    return _read_title_line(ocr, k, box.left, box.right, image, engine, contact, _same_but_title, lang=lang,
                            region=region, default_region=default_region)


def _read_title_line(ocr: OcrResult, k: int, left: int, right: int, image: np.ndarray, engine, contact: Contact,
                     taken, *, lang: str, region: Optional[str], default_region: str) -> tuple[OcrResult, Contact]:
    """Line k read again alone from column `left` to TITLE_REACH line heights past column
    `right`, with the contrast evened out (as it is, then twice the size): the first read whose
    contact `taken(new, old, line read again)` accepts, or the read and contact as they were."""
    box, height = ocr.lines[k].box, ocr.lines[k].height
    end = min(image.shape[1], right + TITLE_REACH * height)
    around, crop = _crop_around(Box(left, box.top, max(1, end - left), box.height), image, 0.33)
    if crop.ndim == 3:
        crop = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    crop = cv2.createCLAHE(*TITLE_CLAHE).apply(crop)
    for trial, mended in _read_line_alone(ocr, k, around, crop, engine, lang=lang, region=region,
                                          default_region=default_region):
        if taken(mended, contact, trial.lines[k]):
            return trial, mended
    return ocr, contact


# A title the whole-card read lost: a role printed in a light or thin face under the name,
# read as scraps ("Gel", "Oper:") or as a word misread ("Consukant"). The line right under the
# name, read unsure, is read again alone; within this many of the name's line heights under it.
TITLE_BELOW = 2.5


def _name_line_without_title(ocr: OcrResult, contact: Contact) -> Optional[int]:
    """The index of the name's line of a contact with a name, a way to reach them and no title."""
    if contact.title or contact.name is None or not contact.reachable:
        return None
    return _line_holding(ocr, contact.name.full)


def _lost_title_line(ocr: OcrResult, contact: Contact) -> Optional[tuple[int, Box]]:
    """The index of the line right under the name's line, read unsure and holding no mail or web
    address and no number, when the contact has a name, a way to reach them and no title, with
    the name line's box; or None. (A read that reached no one is read again another way: a
    title gained would stand in the way of a read that keeps less but reaches someone.)"""
    found = _name_line_without_title(ocr, contact)
    if found is None:
        return None
    top = ocr.lines[found].box
    under = [k for k, ln in enumerate(ocr.lines)
             if top.bottom <= ln.box.top < top.bottom + TITLE_BELOW * top.height
             and ln.box.left < top.right and top.left < ln.box.right]
    if not under:
        return None
    k = min(under, key=lambda j: ocr.lines[j].box.top)
    line = ocr.lines[k]
    if line.conf >= UNSURE_LINE or _REACH_MARK.search(line.text) or _DIGIT_RUN.search(line.text):
        return None
    return k, top


def _only_title_gained(new: Contact, old: Contact, line: OcrLine) -> bool:
    """Whether `new` has every field as `old` has it and a title more, each of whose words is a
    word of titles or was read sure on `line` (the line read again)."""
    if not new.title or old.title or not _word_count(new.title) or _title_ends_cut(new.title):
        return False
    return _title_words_vouched(new.title.split(), line) and _rest_unchanged(new, old)


def mend_missing_title(ocr: OcrResult, contact: Contact, image: np.ndarray, engine, *, lang: str,
                       region: Optional[str], default_region: str) -> tuple[OcrResult, Contact]:
    """The read and its contact with the line under the name read again alone, from the name's
    or the line's start, whichever is further left, to well past the end of both, with the
    contrast evened out, when the contact has no title and that line was read unsure. Taken
    when the contact then has a title and nothing else of it changes."""
    found = _lost_title_line(ocr, contact)
    if found is None:
        return ocr, contact
    k, name = found
    box = ocr.lines[k].box
    return _read_title_line(ocr, k, min(box.left, name.left), max(box.right, name.right), image, engine, contact,
                            _only_title_gained, lang=lang, region=region, default_region=default_region)


# Large print read unsure: a name, a company's name or a logo's letters printed three or four
# times the size of the rest. The whole card is read at the size its body text reads best at,
# and Tesseract reads letters much larger than that worse ("OLOSE ONTEEEP" for a company's name
# 95 px high): the line is read again alone at LARGE_READ_PX high.
LARGE_LINE = 2.0  # times the card's median line height
LARGE_UNSURE = 0.6
LARGE_READ_PX = 40
MAX_LARGE_LINES = 2
# A company read from large print is taken where its domain spells it letter for letter (a
# misreading a letter or two off a domain is as near to it as another company: "Older Antwerp")
LARGE_COMPANY_AGREEMENT = 0.95


def _large_print(ocr: OcrResult) -> Optional[float]:
    """The least height of large print: LARGE_LINE times the card's median line height; None on
    a card of fewer than three lines."""
    heights = sorted(ln.box.height for ln in ocr.lines if ln.words)
    return LARGE_LINE * heights[len(heights) // 2] if len(heights) >= 3 else None


def _large_unsure_lines(ocr: OcrResult) -> list[int]:
    """The indexes of the lines of large print (_large_print) read unsure (the first
    MAX_LARGE_LINES): read below LARGE_UNSURE, with four letters or more."""
    large = _large_print(ocr)
    if large is None:
        return []
    return [k for k, ln in enumerate(ocr.lines)
            if ln.box.height >= large and ln.conf < LARGE_UNSURE
            and sum(c.isalpha() for c in ln.text) >= 4][:MAX_LARGE_LINES]


def _better_by_large_line(new: Contact, old: Contact) -> bool:
    """Whether `new` reaches the person as `old` does, has its address, and differs only in
    its name, title or company, each of which it has and is vouched for where `old`'s was not:
    a company its domain spells, a name its mailbox spells or the lists know, a title of title
    words."""
    if (new.emails, new.urls, new.address) != (old.emails, old.urls, old.address) \
            or {p.number for p in new.phones} != {p.number for p in old.phones}:
        return False
    changed = [f for f in ("name", "title", "org") if getattr(new, f) != getattr(old, f)]
    if not changed:
        return False
    for f in changed:
        if not getattr(new, f):
            return False
        if f == "org" and (not assemble.company_of_its_domains(new.org, new, at_least=LARGE_COMPANY_AGREEMENT)
                           or (old.org and assemble.company_of_its_domains(old.org, old))):
            return False
        if f == "name" and (not assemble.name_vouched(new) or assemble.name_vouched(old)):
            return False
        if f == "title" and (old.title or not all(assemble.role_word(w) for w in new.title.split())):
            return False
    return True


def _large_unread_rows(ocr: OcrResult, image: np.ndarray, contact: Contact) -> list[Box]:
    """Rows of large print (_large_print) that no word of the read covers (missed.unread_rows;
    the first MAX_LARGE_LINES), where the contact has a mail or web domain and no company it
    spells: a company's name in large print that the read passed over as a picture."""
    if not assemble.contact_domains(contact) or (contact.org and assemble.company_of_its_domains(contact.org, contact)):
        return []
    large = _large_print(ocr)
    if large is None:
        return []
    return [r.box for r in missed.unread_rows(image, ocr) if r.box.height >= large][:MAX_LARGE_LINES]


def _colour_part(colour: Optional[np.ndarray], image: np.ndarray, box: Box) -> Optional[np.ndarray]:
    """The part of the upright colour card `colour` at `box` of the image read; None when there
    is no colour card, when it is not the same picture at another size (its places are not the
    card's), or when the part is less than 4 px across."""
    if colour is None or colour.ndim != 3:
        return None
    sy, sx = colour.shape[0] / image.shape[0], colour.shape[1] / image.shape[1]
    if abs(sy - sx) > 0.05 * sx:
        return None
    part = colour[int(box.top * sy):int(box.bottom * sy), int(box.left * sx):int(box.right * sx)]
    return part if min(part.shape[:2]) >= 4 else None


def _views(around: Box, image: np.ndarray, colour: Optional[np.ndarray]) -> Iterator[np.ndarray]:
    """The part of the card at `around` (in the image read's frame) as the image read shows it,
    then in the card's own grey, at the same size, its paper light. The image read evens out the
    card's light at the scale of its small print, and hollows out letters far larger than that
    (a company's name 240 px high on a silvery card came out as white holes in grey speckle, and
    was read as "E E ASA Daa"; from the card's own grey it reads whole)."""
    yield _part(image, around)
    grey = _own_grey(around, image, colour, cv2.INTER_AREA)
    if grey is not None:
        yield grey


def _own_grey(around: Box, image: np.ndarray, colour: Optional[np.ndarray], interpolation: int) -> Optional[np.ndarray]:
    """The part of the upright colour card at `around` (in the image read's frame) in its own
    grey, resized with `interpolation` to the image read's size, its paper light; None where
    there is no such part (see _colour_part)."""
    part = _colour_part(colour, image, around)
    if part is None:
        return None
    grey = cv2.resize(cv2.cvtColor(part, cv2.COLOR_BGR2GRAY), (around.width, around.height), interpolation=interpolation)
    # (light print on a dark card: its paper made light, as in the image read)
    return 255 - grey if np.median(grey) < 128 else grey


def mend_large_lines(ocr: OcrResult, contact: Contact, image: np.ndarray, colour: Optional[np.ndarray], engine, *,
                     lang: str, region: Optional[str], default_region: str) -> tuple[OcrResult, Contact]:
    """The read and its contact with each line of large print read unsure read again alone at
    LARGE_READ_PX high, and rows of large print it left out read (see _large_unread_rows), from
    the image read and then from the card's own grey (see _views), taken where the contact then
    has a name, title or company vouched for that it lacked, and all else as it was. `image` is
    the image read, `colour` the upright card in colour, the same picture at another size."""
    for k in _large_unsure_lines(ocr):
        line = ocr.lines[k]
        around = _around(line.box, image, 0.25)
        scale = LARGE_READ_PX / max(line.box.height, 1)
        if scale >= 1:
            continue  # (print no larger than the size it would be read at: nothing to gain)
        for crop in _views(around, image, colour):
            better = next((found for found in _read_line_alone(ocr, k, around, crop, engine, lang=lang, region=region,
                                                              default_region=default_region, scales=(scale,))
                           if _better_by_large_line(found[1], contact)), None)
            if better:
                ocr, contact = better
                break
    for row in _large_unread_rows(ocr, image, contact):
        around = _around(row, image, 0.25)
        scale = LARGE_READ_PX / row.height
        for crop in _views(around, image, colour):
            words = _read_alone(crop, engine, lang, scale)
            if words is None:
                return ocr, contact  # the engine failed: what was read stands
            if not words:
                continue
            placed = OcrLine(_placed(words, around, scale, OcrWord("", None, row, 0, 0, 0)))
            trial = OcrResult(tuple(missed.insert_line(list(ocr.lines), placed)), ocr.size, ocr.engine_version)
            new = assemble.contact(trial, region=region, default_region=default_region)
            if _better_by_large_line(new, contact):
                ocr, contact = trial, new
                break
    return ocr, contact


# A word read unsure whose box reaches far above or below the rest of its line took in a speck,
# a smear or an icon beside it, read as a letter more: "FCEASTEC" for CEASTEC beside the shadow of
# a card's corner, its box twice its line's height. Read again within its line's band, the word
# is taken where it only loses a letter or two at its ends and is read surer.
SWOLLEN = 1.5  # times the median height of the other words of its line
SWOLLEN_UNSURE = 0.5
SWOLLEN_TRIM = 2  # letters at most lost from the word's ends
MAX_SWOLLEN = 3


def _swollen_words(ocr: OcrResult) -> list[tuple[int, int, Box]]:
    """The line and word indexes of the words read unsure, of three letters or more, whose box is
    SWOLLEN times as tall as the other words of their line, each with its line's band (the
    others' median top and foot, across the word); the first MAX_SWOLLEN."""
    out = []
    for k, line in enumerate(ocr.lines):
        for i, w in enumerate(line.words):
            others = [x.box for j, x in enumerate(line.words) if j != i and alnum_count(x.text)]
            if not others or w.conf is None or w.conf >= SWOLLEN_UNSURE or alnum_count(w.text) < 3:
                continue
            top = int(np.median([b.top for b in others]))
            foot = int(np.median([b.bottom for b in others]))
            if foot > top and w.box.height > SWOLLEN * (foot - top):
                out.append((k, i, Box(w.box.left, top, w.box.width, foot - top)))
    return out[:MAX_SWOLLEN]


def _trimmed(old: str, new: str) -> bool:
    """Whether `new` is `old` with one to SWOLLEN_TRIM characters taken off its ends, no more."""
    return 0 < len(old) - len(new) <= SWOLLEN_TRIM and alnum_count(new) >= 3 and new in old


def mend_swollen_words(ocr: OcrResult, contact: Contact, image: np.ndarray, engine, *, lang: str,
                       region: Optional[str], default_region: str) -> tuple[OcrResult, Contact]:
    """The read and its contact with each word whose box took in what lay beside it (see
    SWOLLEN) read again alone within its line's band, at LARGE_READ_PX high or twice its size
    at most; taken where the word only loses letters at its ends, is read surer, and the contact
    keeps every kind of field it had."""
    for k, i, band in _swollen_words(ocr):
        old = ocr.lines[k].words[i]
        around, crop = _crop_around(band, image, 0.25)
        scale = min(float(ENLARGE), LARGE_READ_PX / max(band.height, 1))
        read = [w for w in _read_alone(crop, engine, lang, scale) or [] if alnum_count(w.text)]
        if len(read) != 1 or not _trimmed(old.text, read[0].text) or (read[0].conf or 0) <= old.conf:
            continue
        words = list(ocr.lines[k].words)
        words[i] = OcrWord(read[0].text, read[0].conf, band, old.block, old.par, old.line)
        lines = list(ocr.lines)
        lines[k] = OcrLine(tuple(words))
        trial = OcrResult(tuple(lines), ocr.size, ocr.engine_version)
        new = assemble.contact(trial, region=region, default_region=default_region)
        if _keeps(new, contact):
            ocr, contact = trial, new
    return ocr, contact


# A title printed in a light colour under the name (teal, sky blue on white) is lighter still in
# the image read, whose grey is the print's lightness: the whole-card read and the search for
# unread rows (missed.py) both see paper there. Its colour tells it from the paper: in a band under
# the name with no line read sure, the print is looked for with each pixel darkened by how much
# more coloured it is than the band's paper, and read as one line.
FAINT_BAND = 2.0  # how far under the name's line the band reaches, in its heights
FAINT_LEFT, FAINT_RIGHT = 2, 8  # how far left and right of the name's line, in its heights
FAINT_MIN = 0.3  # the band's least height, in the name line's heights
COLOUR_WEIGHT = 2.0  # grey levels a pixel is darkened by for each step more colourful than the paper
COLOUR_MARGIN = 6.0  # colourfulness (Lab chroma) a pixel may have more than the paper and be paper
FAINT_INK = 40  # grey levels under the paper's that count as print in the band so darkened
FAINT_INK_SHARE = 0.003  # the share of the band that print must cover to be read
LETTER_SHARE = (0.06, 0.95)  # a letter's height, as shares of the band's (at least 4 px)


def _least_in_blobs(values: np.ndarray, labels: np.ndarray, which: list[int]) -> list[float]:
    """The least of `values` over each labelled blob of `which`."""
    if not which:
        return []
    least = np.full(int(labels.max()) + 1, np.inf, np.float32)
    np.minimum.at(least, labels.ravel(), values.ravel())
    return [float(least[i]) for i in which]


def _colour_as_ink(colour: np.ndarray) -> np.ndarray:
    """The print of a colour crop as dark letters on white: each pixel darkened by how much more
    coloured it is than the crop's paper (its median chroma); of what is then darker than the
    paper, only blobs of a letter's size that lie inside the crop are kept (a logo beside the band,
    a rule, the table beyond the card's edge and specks go), stretched from their darkest to the
    paper's tone; white where there are none."""
    lab = cv2.cvtColor(colour, cv2.COLOR_BGR2LAB).astype(np.float32)
    chroma = cv2.magnitude(lab[:, :, 1] - 128.0, lab[:, :, 2] - 128.0)
    more = np.maximum(chroma - float(np.median(chroma)) - COLOUR_MARGIN, 0)
    grey = cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY).astype(np.float32) - COLOUR_WEIGHT * more
    # (contrast evened out: light print on a card lit unevenly is as pale as the paper elsewhere)
    grey = cv2.createCLAHE(*TITLE_CLAHE).apply(np.clip(grey, 0, 255).astype(np.uint8)).astype(np.float32)
    paper = float(np.median(grey))
    ink = (grey < paper - FAINT_INK / 2).astype(np.uint8)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h = grey.shape[0]
    top, tall = stats[:, cv2.CC_STAT_TOP], stats[:, cv2.CC_STAT_HEIGHT]
    sized = [i for i in range(1, n) if top[i] > 0 and top[i] + tall[i] < h and max(4, LETTER_SHARE[0] * h) <= tall[i] <= LETTER_SHARE[1] * h]
    # (a letter has a core of ink; the paper's grain, its contrast raised, is specks paler than that)
    darkest = _least_in_blobs(grey, labels, sized)
    letters = [i for i, d in zip(sized, darkest) if d < paper - 1.5 * FAINT_INK]
    white = np.full(grey.shape, 255, np.uint8)
    if not letters:
        return white
    mask = np.isin(labels, letters)
    dark = float(np.percentile(grey[mask], 5))
    if paper - dark < FAINT_INK:
        return white
    grey[~mask] = paper
    return np.clip((grey - dark) * 255.0 / (paper - dark), 0, 255).astype(np.uint8)


def _faint_band(ocr: OcrResult, contact: Contact, shape: tuple[int, int]) -> Optional[tuple[int, Box, list[int]]]:
    """The index of the name's line, the band under it down to the next line read sure, and the
    lines read unsure in that band (scraps of the title: "ROI" for a "Solicitor" half read),
    when the contact has a name, a way to reach them and no title; or None."""
    k = _name_line_without_title(ocr, contact)
    if k is None:
        return None
    name = ocr.lines[k].box
    h = name.height
    left, right = max(0, name.left - FAINT_LEFT * h), min(shape[1], name.right + FAINT_RIGHT * h)
    # (from a little above the name box's foot: print that runs into the band's top, its descenders, is not read)
    top, bottom = name.bottom - h // 4, min(shape[0], name.bottom + int(FAINT_BAND * h))
    inside = []
    for j, ln in enumerate(ocr.lines):
        b = ln.box
        if j == k or not (b.left < right and left < b.right and b.bottom > top and b.top < bottom):
            continue
        if ln.conf < UNSURE_LINE and not _REACH_MARK.search(ln.text) and not _DIGIT_RUN.search(ln.text):
            inside.append(j)
        else:
            bottom = min(bottom, b.top - max(1, b.height // 10))
    inside = [j for j in inside if ocr.lines[j].box.top < bottom]
    if bottom - top < FAINT_MIN * h or right - left < 2 * h:
        return None
    return k, Box(left, top, right - left, bottom - top), inside


def mend_faint_title(ocr: OcrResult, contact: Contact, image: np.ndarray, colour: Optional[np.ndarray], engine, *,
                     lang: str, region: Optional[str], default_region: str) -> tuple[OcrResult, Contact]:
    """The read and its contact with a title printed in a light colour under the name, that no
    read found whole, read from the colour card (see FAINT_BAND) in place of the scraps read
    there: taken when the contact then has a title and nothing else of it changes. `image` is the
    image read, `colour` the upright card in colour, the same picture at another size."""
    if colour is None or colour.ndim != 3:
        return ocr, contact
    found = _faint_band(ocr, contact, image.shape[:2])
    if found is None:
        return ocr, contact
    k, band, scraps = found
    crop = _colour_part(colour, image, band)
    if crop is None:
        return ocr, contact
    ink = _colour_as_ink(crop)
    if float((ink < 255 - FAINT_INK).mean()) < FAINT_INK_SHARE:
        return ocr, contact
    # in the image read's frame, so that the words found have their places on the card
    ink = cv2.resize(ink, (band.width, band.height), interpolation=cv2.INTER_CUBIC)
    like = ocr.lines[k].words[-1]
    kept = tuple(ln for j, ln in enumerate(ocr.lines) if j not in scraps)
    at = k + 1 - sum(1 for j in scraps if j < k)  # (right after the name's line)
    for scale in (1.0, float(ENLARGE)):
        words = _read_alone(ink, engine, lang, scale)
        if words is None:
            break
        if not words:
            continue
        line = OcrLine(_placed(words, band, scale, like))
        trial = OcrResult(kept[:at] + (line,) + kept[at:], ocr.size, ocr.engine_version)
        mended = assemble.contact(trial, region=region, default_region=default_region)
        if _only_title_gained(mended, contact, line):
            return trial, mended
    return ocr, contact


# ---------------------------------------------------------------- Japanese print on a card read in Latin script

JAPANESE = "jpn"
# The Latin-script model reads kanji and kana as junk read unsure; a word read surer than this
# is print it knows, and is kept.
JUNK_BELOW = 0.7
# A second read is taken only when it is plausibly Japanese print (japanese.plausible) read this
# surely. Over 267 synthetic photos of Latin-script cards with Japanese numbers, the Japanese
# model read 508 runs of junk, 64 of them as Japanese-looking text (up to 0.61 sure), 9 of those
# plausible (none more than 0.33 sure); on two real Japanese cards the runs taken were read
# 0.69-0.88 sure.
JAPANESE_CONF = 0.5
# Runs of junk words read again per card, at most (a Japanese card has a handful), and how many
# in a row may read as nothing Japanese before the card is taken for one printed in Latin script
# (its junk a logo or specks: on the benchmark's photos those cards' runs cost a fifth of a
# read a photo).
MAX_JAPANESE_RUNS = 12
JAPANESE_MISSES = 3
# The height (px) a line much taller than this is also read at with the Japanese model.
JAPANESE_LINE_PX = 54


@functools.lru_cache(maxsize=8)
def has_model(engine, lang: str) -> bool:
    """Whether the engine has the model `lang` installed (asked once per engine)."""
    try:
        return lang in engine.languages()
    except Exception:  # noqa: BLE001 - an engine that cannot list its models has none to add
        return False


def _kept_word(w: OcrWord, contact: Contact) -> bool:
    """A word that holds part of a mail or web address or of one of the contact's phone numbers,
    or a country code: what the Latin-script model reads best, never read again with the
    Japanese one (nor is a phone's label before its number)."""
    digits = re.sub(r"\D", "", w.text)
    return "@" in w.text or bool(re.search(r"www|http|\.(?:com|jp)\b", w.text, re.I)) \
        or bool(re.fullmatch(r"\(?\+\d{1,3}\)?", w.text)) \
        or (len(digits) >= 3 and any(digits in re.sub(r"\D", "", p.printed or p.number) for p in contact.phones))


def _label_before_a_number(words: tuple[OcrWord, ...], i: int) -> bool:
    """A phone's label ("TEL", "Fax:") right before a word with digits in it."""
    return i + 1 < len(words) and words[i].text.lower().strip(".:") in extract._label_types() \
        and sum(c.isdigit() for c in words[i + 1].text) >= 2


def _junk_runs(ocr: OcrResult, contact: Contact) -> list[tuple[int, int, int]]:
    """(line, first word, end) of each run of words between kept words (see _kept_word) that
    holds three characters or more read unsure: the whole line when it has no kept word (an
    address's block number, read surely, goes with the kanji before it)."""
    runs = []
    for k, line in enumerate(ocr.lines):
        words = line.words

        def kept(n: int) -> bool:
            return _kept_word(words[n], contact) or _label_before_a_number(words, n)

        i = 0
        while i < len(words):
            if kept(i):
                i += 1
                continue
            j = i
            while j < len(words) and not kept(j):
                j += 1
            if sum(len(w.text) for w in words[i:j] if (w.conf or 0.0) < JUNK_BELOW) >= 3:
                runs.append((k, i, j))
            i = j
    return runs


def _japanese_reach(contact: Contact) -> bool:
    """A card whose numbers or domains are Japanese: with junk left by its read (where Latin
    letters were looked for in kanji), the cards worth reading with the Japanese model. Other
    cards cost nothing more."""
    return (any(p.number.startswith("+81") for p in contact.phones)
            or (contact.address is not None and contact.address.country == "JP")
            or any(re.search(r"\.jp\b", d, re.I) for d in (*contact.emails, *contact.urls)))


def with_japanese_runs(ocr: OcrResult, reads: dict[tuple[int, int, int], list[OcrWord]]) -> OcrResult:
    """The read with each run of junk words (line, first, end) that a second read found to be
    Japanese print replaced: the run becomes a line of its own (a company or address printed
    beside a web address is a field of its own), the rest of its line stays as read."""
    lines: list[OcrLine] = []
    by_line: dict[int, list[tuple[int, int, list[OcrWord]]]] = {}
    for (k, i, j), words in reads.items():
        by_line.setdefault(k, []).append((i, j, words))
    for k, line in enumerate(ocr.lines):
        if k not in by_line:
            lines.append(line)
            continue
        keep = list(line.words)
        for i, j, words in sorted(by_line[k], reverse=True):
            del keep[i:j]
            lines.append(OcrLine(tuple(words)))
        if keep:
            lines.append(OcrLine(tuple(keep)))
    lines.sort(key=lambda ln: (ln.box.top, ln.box.left))
    return OcrResult(tuple(lines), ocr.size, ocr.engine_version)


def _japanese_line_read(line: OcrLine, image: np.ndarray, engine, scale: float) -> list[OcrWord]:
    """`line` read alone, resized `scale` times, as one line laid out across, with the Japanese
    model: its words, in the frame of the whole card."""
    around, crop = _crop_around(line.box, image, margin=0.33)
    if crop.size == 0:
        return []
    if scale != 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    again = engine.recognize(crop, lang=JAPANESE, psm=SINGLE_LINE, vertical=False)
    return list(_placed([w for ln in again.lines for w in ln.words], around, scale, line.words[0]))


def _japanese_scales(line: OcrLine) -> tuple[float, ...]:
    """The sizes a line is read at with the Japanese model: as it is, then, for a line much taller
    than JAPANESE_LINE_PX, that high (a name printed in 120-px kanji read as junk at its size
    and nearly right at a third of it; an address in 40-px print read right as it is and not at
    all smaller)."""
    scale = JAPANESE_LINE_PX / max(line.box.height, 1)
    return (1.0, scale) if scale < 0.75 else (1.0,)


def _within(words: list[OcrWord], line: OcrLine, i: int, j: int) -> list[OcrWord]:
    """The words of a second read of `line` that lie between the words before i and from j on
    (the kept words on either side of a run): a company printed beside a web address."""
    left = line.words[i - 1].box.right if i > 0 else -1
    right = line.words[j].box.left if j < len(line.words) else 1 << 30
    return [w for w in words if left <= w.box.left + w.box.width / 2 <= right]


def mend_japanese(ocr: OcrResult, contact: Contact, image: np.ndarray, engine, *, lang: str,
                  region: Optional[str], default_region: str) -> tuple[OcrResult, Contact]:
    """The read and its contact with the card's Japanese print read by the Japanese model, when
    the card has Japanese numbers or domains (see _japanese_reach) and its read left junk, and
    the model is installed and not among the languages read already. The Latin-script model
    keeps what it reads surely (addresses,
    numbers, romanised names); each line with a run of junk is read again alone, as one line,
    with the Japanese model, and what it reads where the run was is taken when that is
    plausible Japanese print, read surely."""
    if JAPANESE in lang.split("+") or not _japanese_reach(contact):
        return ocr, contact
    runs = _junk_runs(ocr, contact)
    if not runs or not has_model(engine, JAPANESE):
        return ocr, contact
    reads: dict[tuple[int, int, int], list[OcrWord]] = {}
    line_reads: dict[tuple[int, float], list[OcrWord]] = {}
    misses = 0  # runs in a row whose reads gave nothing that looks Japanese
    try:
        for k, i, j in runs[:MAX_JAPANESE_RUNS]:
            if misses >= JAPANESE_MISSES and not reads:
                break  # a card whose first runs of junk read as no Japanese is not printed in it
            looked = False
            for scale in _japanese_scales(ocr.lines[k]):
                if (k, scale) not in line_reads:
                    line_reads[(k, scale)] = _japanese_line_read(ocr.lines[k], image, engine, scale)
                got = _within(line_reads[(k, scale)], ocr.lines[k], i, j)
                text = " ".join(w.text for w in got)
                looked = looked or japanese.is_japanese(text)
                if got and japanese.plausible(text) and OcrLine(tuple(got)).conf >= JAPANESE_CONF:
                    reads[(k, i, j)] = got
                    break
            misses = 0 if looked else misses + 1
    except OcrError:
        return ocr, contact  # the Latin read stands
    finally:
        # (the Japanese model, about 33 MB loaded, is let go after the card: most photos never
        # want it, and kept it lay under every later photo's peak; loading it takes 0.07 s)
        release = getattr(engine, "release", None)
        if release is not None:
            release(JAPANESE)
    if not reads:
        return ocr, contact
    mended = with_japanese_runs(ocr, reads)
    return mended, assemble.contact(mended, region=region, default_region=default_region)
