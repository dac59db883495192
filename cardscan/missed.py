"""Text a whole-card read left out, read again on its own.

Tesseract binarises a card with one global threshold and lays out its page before reading.
Both lose whole lines on real designs: light grey or coloured print beside a black headline
falls on the paper's side of the threshold, and lines beside a large logo or a rule are taken
for part of a picture. The letters are still in the image. This module finds rows of
letter-shaped ink that no word of the read covers, cuts each group of them out, stretches its
own contrast (so its ink is black whatever else the card holds) and reads it as a block. What
that read finds confidently is added to the card's read as new lines, in reading order; nothing
the first read found is changed.

A card whose read covers its print costs nothing more than the ink check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

from cardscan.errors import OcrError
from cardscan.models import Box, OcrLine, OcrResult, OcrWord, alnum_count
from cardscan.ocr import Engine

# Gray levels below the local paper tone that count as ink (the image read is already
# stretched, its ink near black): faint print that even this misses is beyond a second read.
INK_BELOW_PAPER = 40
# A letter: a blob at least this tall (px in the image read; print is scaled to ~26 px) ...
MIN_LETTER_PX = 8
# ... no taller than this share of the card, and not much wider than tall.
MAX_LETTER_FRAC = 0.15
# A row of letters worth reading again: this many letters, this much longer than tall.
MIN_ROW_LETTERS = 4
MIN_ROW_ASPECT = 4.0
# Tesseract's page segmentation modes for one uniform block of text, and for one line read
# as it is, without looking for lines in it.
BLOCK = 6
RAW_LINE = 13
# What the second read must be sure of: each word, and the line it makes.
MIN_WORD_CONF = 0.45
MIN_LINE_CONF = 0.7
MIN_LINE_CHARS = 3
# A mail or web address is kept however unsure the read: Tesseract is never sure of such
# words (they are in no dictionary), and an address's own shape checks it better. Its usual
# misreadings count (the parser mends them): the @ read as © or ®, or with one of them beside it,
# and the dot after "www" lost.
_ADDRESS = re.compile(r"[\w.+-]*(?:[©®]?@|[©®])[\w-]+(?:[.,][\w-]+)+|www\.?[\w-]+(?:\.[\w-]+)+", re.I)
_AT = ("@", "©", "®")
_LAST_LABEL = re.compile(r"[a-z]{2,6}", re.I)
# A blob a word long is letters run together when its ink fills less than this share of its box,
# and lies further from the image's edge than this share of its shorter side; it counts as as
# many letters as its length holds, a letter being this share of its height wide.
WORD_FILL = 0.8
EDGE_SHARE = 0.02
LETTER_WIDTH = 0.6
# A blob this many times wider than tall (and not solid) counts as the letters its width holds.
JOINED_WIDTH = 1.5
# The margin kept above and below a word read, as a share of its height (1/COVER_BELOW_SHARE).
COVER_BELOW_SHARE = 10
# Pieces of a headline this many of their heights apart, or closer, are words of one line.
HEADLINE_GAP = 1.0
# A row's words read apart closer than this many letter heights to a line are its rest.
JOIN_GAP = 1.5
# ... and whose heights differ less than this (a word with capitals and accents, "Königsallee",
# stands taller than the digits after it, "110")
JOIN_HEIGHTS = 1.5
# Blocks read again on one card at most: a photo full of unread "rows" is mostly texture.
MAX_BLOCKS = 6
# Rows with no ink, this share of a word's box high or more, part the box into bands: Tesseract
# sometimes draws a word's box around a smaller line of print below it too, and reads none of
# that line. The band with the most ink is the word's.
BAND_GAP_SHARE = 12


@dataclass(frozen=True)
class _Row:
    box: Box
    letters: int


def _ink(gray: np.ndarray) -> np.ndarray:
    """Pixels darker than the local paper by INK_BELOW_PAPER: 1, else 0."""
    h, w = gray.shape
    small = cv2.resize(gray, (max(1, w // 8), max(1, h // 8)), interpolation=cv2.INTER_AREA)
    paper = cv2.resize(cv2.medianBlur(small, 15), (w, h), interpolation=cv2.INTER_LINEAR)
    return (cv2.subtract(paper, gray) > INK_BELOW_PAPER).astype(np.uint8)


def _letters_band(ink: np.ndarray, b: Box) -> Box:
    """The part of a word's box that its letters fill (see BAND_GAP_SHARE)."""
    top, bottom = max(0, b.top), min(ink.shape[0], b.bottom)
    if bottom - top < 2 * MIN_LETTER_PX:
        return b
    per_row = ink[top:bottom, max(0, b.left):min(ink.shape[1], b.right)].sum(axis=1)
    gap = max(3, (bottom - top) // BAND_GAP_SHARE)
    bands: list[list[int]] = []  # [first row, last row, ink]
    empty = gap
    for y, n in enumerate(per_row):
        if not n:
            empty += 1
            continue
        if empty >= gap:  # (empty starts at gap: the first row with ink opens a band)
            bands.append([y, y, 0])
        bands[-1][1] = y
        bands[-1][2] += int(n)
        empty = 0
    if len(bands) < 2:
        return b
    first, last, _ = max(bands, key=lambda band: band[2])
    return Box(b.left, top + first, b.width, last - first + 1)


def _read_boxes(ocr: OcrResult, ink: np.ndarray) -> list[Box]:
    """The boxes of the words read with letters or digits in them, each cut to its letters."""
    return [_letters_band(ink, w.box) for w in ocr.words if alnum_count(w.text)]


def _covered(shape: tuple[int, int], boxes: list[Box]) -> np.ndarray:
    """Where the read found words with letters or digits in them (with a margin)."""
    mask = np.zeros(shape, np.uint8)
    for b in boxes:
        # a margin for the letters' soft edges: along the line a quarter of their height, above
        # and below less (a word's box already holds its tall letters and descenders, and a
        # line of small print can sit close under it)
        p, v = max(2, b.height // 4), max(2, b.height // COVER_BELOW_SHARE)
        mask[max(0, b.top - v):min(shape[0], b.bottom + v), max(0, b.left - p):min(shape[1], b.right + p)] = 1
    return mask


def unread_rows(image: np.ndarray, ocr: OcrResult) -> list[_Row]:
    """Rows of letter-shaped ink in `image` (the image the read was made from) that no word covers."""
    return _unread_and_read(image, ocr)[0]


def _unread_and_read(image: np.ndarray, ocr: OcrResult) -> tuple[list[_Row], list[Box]]:
    """unread_rows, and the boxes of the words read, each cut to its letters."""
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    ink = _ink(gray)
    read = _read_boxes(ocr, ink)
    return _unread(ink, read), read


def _unread(ink: np.ndarray, read: list[Box]) -> list[_Row]:
    """unread_rows, from the ink and the boxes of the words read (`ink` is used up)."""
    h, w = ink.shape
    ink[_covered((h, w), read) > 0] = 0
    n, labels, stats = _components(ink)
    del ink
    if n < 2:
        return []
    bw, bh, area = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT], stats[1:, cv2.CC_STAT_AREA]
    tall = (bh >= MIN_LETTER_PX) & (bh <= MAX_LETTER_FRAC * h) & (area >= 20)
    # Soft light print runs its letters together into one blob a word long: such a blob
    # counts as the letters its length holds, unless it is solid (a bar, a rule).
    # (not along the card's edge, where the rim and the shadow of a card's border make such blobs)
    bx, by = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    e = EDGE_SHARE * min(h, w)
    inside = (bx > e) & (by > e) & (bx + bw < w - e) & (by + bh < h - e)
    # (and so does a blob of a few letters run together, "-mail" in bold print read soft: as
    # wide as two letters or more, and not solid)
    joined = tall & inside & (bw > JOINED_WIDTH * bh) & (area < WORD_FILL * bw * bh)
    run = joined & (bw > 3 * bh)
    letter = tall & ((bw <= 3 * bh) | run)
    worth = np.where(joined, np.maximum(1, bw / np.maximum(LETTER_WIDTH * bh, 1)), 1).astype(np.int32)
    if worth[letter].sum() < MIN_ROW_LETTERS:
        return []
    keep = np.zeros(n, np.uint8)
    keep[1:][letter] = 1
    letters = keep[labels]
    worth_of = np.concatenate([[0], worth])
    # Letters of one row are closer than a letter's height: close the gaps along the row only.
    size = float(np.median(bh[letter]))
    rows = cv2.morphologyEx(letters, cv2.MORPH_CLOSE,
                            cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(size * 1.2)), 1)))
    m, row_labels, row_stats = _components(rows)
    del rows
    out, words = [], []
    for i in range(1, m):
        x, y, rw, rh, _ = row_stats[i]
        if rh < MIN_LETTER_PX:
            continue
        # the letters in the row, looked for within its box (where all its pixels are)
        # rather than with masks of the whole image for each row
        box = (slice(y, y + rh), slice(x, x + rw))
        count = int(worth_of[np.unique(labels[box][(row_labels[box] == i) & (letters[box] > 0)])].sum())
        row = _Row(Box(int(x), int(y), int(rw), int(rh)), count)
        if rw < MIN_ROW_ASPECT * rh:
            words.append(row)
        elif count >= MIN_ROW_LETTERS:
            out.append(row)
    return out + _headline_rows(words)


def _components(mask: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """Connected components of `mask` (8-connected): their count, label image and stats.

    The label image is 16-bit when the labels fit: it is as large as the card, and at
    32 bits it took 24 MB on a 6-megapixel card, two of them at once, at a worker's
    peak memory. OpenCV raises rather than overflow, and then 32 bits are used."""
    try:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_16U)
    except cv2.error:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8, ltype=cv2.CV_32S)
    return n, labels, stats


def _headline_rows(words: list[_Row]) -> list[_Row]:
    """Rows of a headline, from the pieces too short to be rows that its words came out as.

    Letters are joined into rows at the scale of the card's typical (small) print; a
    headline's letters are far taller, and so are the gaps between its words, so each of its
    words stays a piece of its own ("Dr." "João" "Araújo" over a card's contact lines). Pieces
    side by side on one line, closer than their height, make a row again."""
    out = []
    for piece in sorted(words, key=lambda r: r.box.left):
        b = piece.box
        for k, row in enumerate(out):
            r = row.box
            overlap = min(b.bottom, r.bottom) - max(b.top, r.top)
            if overlap > 0.5 * min(b.height, r.height) and 0 <= b.left - r.right < HEADLINE_GAP * max(b.height, r.height) \
                    and max(b.height, r.height) < 2 * min(b.height, r.height):
                out[k] = _Row(Box.union([r, b]), row.letters + piece.letters)
                break
        else:
            out.append(piece)
    return [r for r in out if r.box.width >= MIN_ROW_ASPECT * r.box.height and r.letters >= MIN_ROW_LETTERS]


def _blocks(rows: list[_Row]) -> list[tuple[Box, list[_Row]]]:
    """Rows grouped into blocks: one below the other, overlapping across, a small gap apart.
    Each block with its rows, from the top."""
    blocks: list[tuple[Box, list[_Row]]] = []
    for row in sorted(rows, key=lambda r: (r.box.top, r.box.left)):
        b = row.box
        for i, (blk, members) in enumerate(blocks):
            gap = b.top - blk.bottom
            overlap = min(b.right, blk.right) - max(b.left, blk.left)
            if -b.height < gap < 1.5 * b.height and overlap > 0:
                blocks[i] = (Box.union([blk, b]), members + [row])
                break
        else:
            blocks.append((b, [row]))
    return blocks


def _most_letters(blocks: list[tuple[Box, list[_Row]]]) -> list[tuple[Box, list[_Row]]]:
    """The blocks worth reading: all of them, or when there are more than MAX_BLOCKS (grain or
    texture beside the print takes the shape of rows too), the MAX_BLOCKS holding the most
    letters ("Ing. Julia Krüger" on a grainy dark card, among seven blocks), from the top."""
    if len(blocks) <= MAX_BLOCKS:
        return blocks
    kept = sorted(blocks, key=lambda b: -sum(r.letters for r in b[1]))[:MAX_BLOCKS]
    return sorted(kept, key=lambda b: (b[0].top, b[0].left))


def _stretched(crop: np.ndarray) -> np.ndarray:
    """The crop with its own ink black and its own paper white."""
    f = crop.astype(np.float32)
    black, white = np.percentile(f, (1, 60))
    white -= 4.0
    if white - black < 25:
        return crop
    f -= black
    f *= 255.0 / (white - black)
    np.clip(f, 0, 255, out=f)
    return f.astype(np.uint8)


def _inside_read(box: Box, read: list[Box]) -> bool:
    cx, cy = box.left + box.width / 2, box.top + box.height / 2
    return any(b.left <= cx <= b.right and b.top <= cy <= b.bottom for b in read)


def _read_crop(image: np.ndarray, box: Box, engine: Engine, lang: str, psm: int) -> tuple[OcrResult, Box]:
    """`box` of the image, with a margin, read with page segmentation `psm`; and where it lies."""
    around = box.padded(max(6, box.height // 3), image.shape[1], image.shape[0])
    crop = image[around.top:around.bottom, around.left:around.right]
    if crop.ndim == 3:
        crop = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    return engine.recognize(_stretched(crop), lang=lang, psm=psm), around


def _read_block(image: np.ndarray, blk: Box, rows: list[Box], done: list[Box], engine: Engine,
                lang: str) -> list[OcrLine]:
    """The lines a block read finds confidently, outside the words already read (`done`).
    rows: the rows of print the block was made of, from the top."""
    reads = [_read_crop(image, blk, engine, lang, BLOCK)]
    if not reads[0][0].words:
        # Tesseract's line finding sometimes takes a line of bold, soft print for no text at
        # all, even asked for a single line ("E-mail: samir@groeninstallatie.com" gave nothing,
        # and 0.93 and 0.88 read as a raw line): a block that gives no word is read as raw
        # lines then, row by row (a block one row high is that row)
        reads = [_read_crop(image, r, engine, lang, RAW_LINE) for r in rows]
    elif len(rows) > 1:
        # A word the block read is unsure of may read surely in its row alone ("Königsallee"
        # at 0.44 beside "110" at 0.96 in a block of two rows, at 0.94 alone): such rows are
        # read again by themselves, and the surer read of each place stands (see _read_once).
        # So is a row the block read found no word in: Tesseract's line finding passes over
        # light print between dark lines ("Senior consultant" in grey between a name and a
        # company, read at 0.96 alone).
        read, around = reads[0]
        placed = [(Box(w.box.left + around.left, w.box.top + around.top, w.box.width, w.box.height), w)
                  for w in read.words if w.text.strip()]
        unsure = [b for b, w in placed if w.conf is not None and w.conf < MIN_WORD_CONF and alnum_count(w.text) >= 3]
        reads += [_read_crop(image, r, engine, lang, BLOCK) for r in rows
                  if any(_inside_read(u, [r]) and not _inside_read(u, done) for u in unsure)
                  or not any(_inside_read(b, [r]) for b, _ in placed)]
    lines = []
    for read, around in reads:
        lines.extend(_sure_lines(read, around, done))
    return lines


def _sure_lines(read: OcrResult, around: Box, done: list[Box]) -> list[OcrLine]:
    """The lines of a read of the crop `around` that it is sure of, in the image's frame,
    without the words already read (`done`)."""
    x0, y0 = around.left, around.top
    lines = []
    for line in read.lines:
        words, address, label = [], False, False
        for k, wd in enumerate(line.words):
            box = Box(wd.box.left + x0, wd.box.top + y0, wd.box.width, wd.box.height)
            if wd.conf is None or not wd.text.strip() or _inside_read(box, done):
                continue
            after = line.words[k + 1].text.strip(".,;:|()") if k + 1 < len(line.words) else ""
            part = _address_part(wd.text.strip(".,;:|()"), after)
            if part or label:
                address = True
                label = part == "domain"  # its last label, the next word, goes with it
            elif wd.conf < MIN_WORD_CONF:
                continue
            words.append(OcrWord(wd.text, wd.conf, box, block=0, par=wd.par, line=wd.line))
        if not words:
            continue
        new = OcrLine(tuple(words))
        if alnum_count(new.text) >= MIN_LINE_CHARS and (new.conf >= MIN_LINE_CONF or address):
            lines.append(new)
    return lines


def _address_part(word: str, after: str) -> str:
    """What of a mail or web address (see _ADDRESS) a word read is: "whole", its "mailbox" read
    apart from the domain that is the next word, or the address up to its "domain"'s last label,
    the next word (the dot before it read as a space: "jo@acme-design eu"); "" when none."""
    if _ADDRESS.fullmatch(word):
        return "whole"
    if after.startswith(_AT) and _ADDRESS.fullmatch(after):
        return "mailbox"
    # (one misreading at a time: "wwwacme" + "de" is no address)
    if _LAST_LABEL.fullmatch(after) and ("@" in word or "." in word) and _ADDRESS.fullmatch(f"{word}.{after}"):
        return "domain"
    return ""


def insert_line(lines: list[OcrLine], new: OcrLine) -> list[OcrLine]:
    """`new` placed in reading order: after the line to its left on the same row, else after
    the last line above it in its column, else before the first line below it in its
    column, else by its height on the card."""
    nb = new.box
    mid = nb.top + nb.height / 2

    def across(line: OcrLine) -> bool:
        b = line.box
        return min(b.right, nb.right) - max(b.left, nb.left) > 0

    def left_on_row(line: OcrLine) -> bool:
        b = line.box
        return b.right <= nb.left + nb.height and b.top < mid < b.bottom

    def right_on_row(line: OcrLine) -> bool:
        b = line.box
        return b.left >= nb.right - nb.height and b.top < mid < b.bottom

    def joins(line: OcrLine, gap: int) -> bool:
        lo, hi = sorted((line.height, new.height))
        return gap < JOIN_GAP * max(hi, 1) and hi < JOIN_HEIGHTS * max(1, lo)

    def words_of(ref: OcrWord) -> tuple[OcrWord, ...]:
        return tuple(OcrWord(w.text, w.conf, w.box, ref.block, ref.par, ref.line) for w in new.words)

    row = [i for i, ln in enumerate(lines) if left_on_row(ln)]
    above = [i for i, ln in enumerate(lines) if across(ln) and ln.box.top + ln.box.height / 2 < mid]
    after = [i for i, ln in enumerate(lines) if right_on_row(ln)]
    if not row and after:
        at = min(after, key=lambda i: lines[i].box.left)
        right = lines[at]
        if joins(right, right.box.left - nb.right):
            # the start of that line ("Königsallee" before "110"), read apart from it
            return lines[:at] + [OcrLine(words_of(right.words[0]) + right.words)] + lines[at + 1:]
    if row:
        at = max(row, key=lambda i: lines[i].box.right) + 1
        left = lines[at - 1]
        if joins(left, nb.left - left.box.right):
            # the rest of that line, read apart only because its letters were cut out apart
            return lines[:at - 1] + [OcrLine(left.words + words_of(left.words[-1]))] + lines[at:]
    elif above:
        at = max(above, key=lambda i: lines[i].box.bottom) + 1
    else:
        below = [i for i, ln in enumerate(lines) if across(ln)]
        at = min(below) if below else sum(1 for ln in lines if ln.box.top < nb.top)
    block = lines[at - 1].words[0].block if 0 < at <= len(lines) and (row or above) else 0
    placed = OcrLine(tuple(OcrWord(w.text, w.conf, w.box, block, w.par, w.line) for w in new.words))
    return lines[:at] + [placed] + lines[at:]


def read_missed(ocr: OcrResult, image: np.ndarray, engine: Engine, *, lang: str) -> OcrResult:
    """The read with the lines it left out, read again block by block, put in their places.

    `image` is the image `ocr` was read from. An OCR failure on a block leaves the read
    as it was."""
    rows, read = _unread_and_read(image, ocr)
    if not rows:
        return ocr
    # (marks read without letters, icons, still hold what a block read finds inside them)
    done = read + [w.box for w in ocr.words if not alnum_count(w.text)]
    found: list[OcrLine] = []
    for blk, members in _most_letters(_blocks(rows)):
        try:
            found.extend(_read_block(image, blk, [r.box for r in members], done, engine, lang))
        except OcrError:
            continue
    if not found:
        return ocr
    lines = list(ocr.lines)
    # from the top, so that each line finds the lines above it in place (blocks are read in
    # turn, and a row read again alone comes after its block)
    for line in sorted(_read_once(found), key=lambda ln: ln.box.top):
        lines = insert_line(lines, line)
    return OcrResult(tuple(lines), ocr.size, ocr.engine_version)


def _read_once(found: list[OcrLine]) -> list[OcrLine]:
    """The lines the block reads found, each place on the card read once.

    A block's margin can take in part of a row another block holds, and both read it: the
    surer read of the words they share stands (see _read_worth). "Plaza de España, 13, 3° A"
    read whole stands, and "13,3° A" read again beside it goes; "+31 21126732}" at the end of
    a line gives way to "+31 (0)6 21126731" read alone."""
    out: list[OcrLine] = []
    for new in found:
        for k, old in enumerate(out):
            again = [w for w in new.words if _inside_read(w.box, [o.box for o in old.words])]
            if not again:
                continue
            # (the old words the new ones lie in, or that lie in them: "32" read inside "26592913")
            before = [w for w in old.words if _inside_read(w.box, [n.box for n in new.words])
                      or any(_inside_read(n.box, [w.box]) for n in again)]
            if _read_worth(again) > _read_worth(before):
                kept = [w for w in old.words if w not in before]
                out[k] = OcrLine(tuple(sorted(kept + list(new.words), key=lambda w: w.box.left)))
                new = None
            else:
                rest = tuple(w for w in new.words if w not in again)
                new = OcrLine(rest) if rest else None
            break
        if new is not None:
            out.append(new)
    return out


def _read_worth(words: list[OcrWord]) -> float:
    """What a read of some words is worth: its letters and digits, each by its confidence (a
    surer read of more of the print wins; a scrap read inside a word does not)."""
    return sum((w.conf or 0.0) * alnum_count(w.text) for w in words)
