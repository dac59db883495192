"""One photo, the whole job: load → find cards → read each upright → parse → outcomes.

A card blurred by a camera that moved is read a second time with the blur undone."""
from __future__ import annotations

import dataclasses
from typing import Iterator, Optional

import cv2
import numpy as np

from cardscan import assemble, deblur, extract, icons, imageio, merge, orient, preprocess, reread
from cardscan.debug import Debug
from cardscan.errors import CardscanError, OcrError
from cardscan.models import CardImage, Contact, OcrResult, Photo, ScanOutcome
from cardscan.ocr import Engine
from cardscan.options import Options

PHOTO_MAX_SIDE = 480  # px: a card picture in a contact stays small enough for every importer


def scan_image(source: str, options: Options, engine: Engine) -> list[ScanOutcome]:
    """Every card in one image file, in reading order.

    An unreadable file raises InputError; a card the engine fails on becomes an
    error outcome, and the other cards of the photo are still returned."""
    photo = imageio.load(source, max_pixels=int(options.max_megapixels * 1_000_000))
    debug = Debug(options.debug_dir, source) if options.debug_dir else None
    cards = preprocess.find_cards(photo, max_cards=options.max_cards, debug=debug)
    outcomes = [_read_steadied(card, _read(card, photo, options, engine, debug), photo, options, engine, debug)
                for card in cards]
    if len(cards) == 1 and cards[0].found and outcomes[0].print_cut >= CUT_LINES:
        outcomes = [_read_uncut(outcomes[0], photo, options, engine, debug)]
    if all(o.skipped for o in outcomes):
        # Nothing held a contact. An outline may be a logo or a panel of a card that
        # fills the frame; the print cut out of a photo may have left out what
        # mattered. Never lose text to a wrong guess: read wider before giving up.
        for wider, upright_only in _wider_views(photo, cards):
            retry = _read(wider, photo, options, engine, debug, upright_only=upright_only, retry=True)
            if retry.contact is not None:
                return [retry]
    # Only then an outline's grey print, darkened: read before the wider views, a logo
    # panel taken for the card gave its company name and kept the card's print unread.
    outcomes = [_read_darker(card, o, photo, options, engine, debug) for card, o in zip(cards, outcomes)]
    outcomes = _pieces_read_whole(cards, outcomes, photo, options, engine, debug)
    if len(cards) == 1 and cards[0].found and _unreachable(outcomes[0]):
        # One outline whose read gave no way to reach anyone: the outline may be a panel of a
        # card whose white rest met a white desk. The print around it is read before giving up.
        retry = _read(preprocess.fallback_card(photo), photo, options, engine, debug, retry=True)
        if _reaches_more(retry, outcomes[0]):
            return [retry]
    if all(o.skipped for o in outcomes):
        # Still nothing: each body of print read on its own (see preprocess.text_bodies), kept
        # only when it reaches someone (a dim photo's grain, cut out, reads as a name or a company).
        for body in preprocess.body_cards(photo):
            retry = _read(body, photo, options, engine, debug, retry=True)
            if retry.contact is not None and retry.contact.reachable:
                return [retry]
    return _beside_kept(cards, _halves_joined(cards, _panels_joined(outcomes)))


# Lines of print running into the edge of a photo's one outline that make it doubtful (one is
# a mark or a band printed to the card's edge; two or more, print the outline cut through).
CUT_LINES = 2


def _read_uncut(outcome: ScanOutcome, photo: Photo, options: Options, engine: Engine,
                debug: Optional[Debug]) -> ScanOutcome:
    """A photo's one card whose print ran into the edge of its outline (a shadow's edge or a
    band of the card's own colour taken for its side, the rest of the card left out), read
    again as the print cut out of the photo. Kept when it reaches the person more ways and has
    at least as many of the name, title, company and address as the first read (an outline
    that held the card reads as well as the print cut out, and how sure each read is of its
    fields tells them apart no better)."""
    retry = _read(preprocess.fallback_card(photo), photo, options, engine, debug)
    if outcome.contact is None:
        return retry if retry.contact is not None else outcome
    if retry.contact is not None and _keeps(retry, outcome) \
            and len(_ways_to_reach(retry.contact)) > len(_ways_to_reach(outcome.contact)):
        return retry
    return outcome


def _read_steadied(card: CardImage, outcome: ScanOutcome, photo: Photo, options: Options, engine: Engine,
                   debug: Optional[Debug]) -> ScanOutcome:
    """A card blurred by a camera that moved, read again with the blur undone (deblur.steadied);
    the second read is kept when it is surer of its fields (their confidences summed) and
    reaches the person at least as many ways. Undoing the blur gives back letters it smeared,
    but a real photo's blur is no clean line, and undoing it as one leaves rings round the print
    that cost other letters: of two reads of the card, the better one stands. A card from a
    steady photo costs a measurement only (a few milliseconds)."""
    steady = deblur.steadied(card)
    if steady is card:
        return outcome
    if debug:
        debug.image(f"card{card.index}-steadied", steady.pixels)
    retry = _read(steady, photo, options, engine, debug)
    if retry.contact is None:
        return outcome
    if outcome.contact is None:
        return retry
    surer = sum(v for _, v in retry.contact.field_confidence) > sum(v for _, v in outcome.contact.field_confidence)
    return retry if surer and len(_ways_to_reach(retry.contact)) >= len(_ways_to_reach(outcome.contact)) else outcome


def _pieces_read_whole(cards: list[CardImage], outcomes: list[ScanOutcome], photo: Photo, options: Options,
                       engine: Engine, debug: Optional[Debug]) -> list[ScanOutcome]:
    """Two outlines in line with each other (preprocess.joined_outline), neither read with a
    name, or one whose read has a name and no mail address or number: pieces of one card that
    a shadow's edge or a coloured panel parted, its details, or its name, maybe in the piece
    between them that no outline took. The card they make is read whole. When that read has
    what the pieces lacked (a mail address or number beside the name; a name where neither
    had one, with a way to reach someone) and keeps what the pieces had, it is the card, and
    the other piece is no card. Cards that read cost nothing more."""
    out = list(outcomes)
    for i, o in enumerate(out):
        c = o.contact
        if not cards[i].found or c is None or (c.name and (c.emails or c.phones)):
            continue
        for j, p in enumerate(out):
            if j == i or not cards[j].found or (p.contact is not None and p.contact.name):
                continue
            if not c.name and (j < i or p.contact is None or not (_unreachable(o) or _unreachable(p))):
                # (each pair once; two nameless reads that each reach someone are two cards
                # whose names did not read, more likely than one card's pieces)
                continue
            others = tuple(card.quad for k, card in enumerate(cards) if k not in (i, j) and card.found)
            whole = preprocess.joined_outline(photo, cards[i].quad, cards[j].quad, cards[i].index, others)
            if whole is None:
                continue
            retry = _read(whole, photo, options, engine, debug, retry=True)
            r = retry.contact
            if r is None or not (r.emails or r.phones) or not _keeps(retry, o):
                continue
            if not c.name and not (r.name and all(getattr(r, f) or not (getattr(c, f) or getattr(p.contact, f))
                                                  for f in ("title", "org", "address"))):
                # (a name gained for a company or title lost is no better read)
                continue
            out[i] = retry
            out[j] = ScanOutcome(p.source, p.card_index,
                                 skipped=f"{p.source} (card {p.card_index}): a piece of card {o.card_index}, read with it")
            break
    return out


def _halves_joined(cards: list[CardImage], outcomes: list[ScanOutcome]) -> list[ScanOutcome]:
    """Two outlines right next to each other, one whose read has a name and no way to reach
    anyone, the other ways to reach someone and no name: one card cut in two, a shadow's edge
    across it taken for a side (its name above the shadow, its details below). The two reads
    become one contact (see merge.combine), where the name was."""
    out = list(outcomes)
    for i, o in enumerate(out):
        if not _unreachable(o) or not o.contact.name or not cards[i].found:
            continue
        rest = [j for j, p in enumerate(out) if j != i and cards[j].found and p.contact is not None
                and not p.contact.name and not _unreachable(p) and _next_to(cards[i], cards[j])]
        if len(rest) == 1:
            j = rest[0]
            out[i] = merge.combine([o, out[j]])
            out[j] = ScanOutcome(out[j].source, out[j].card_index,
                                 skipped=f"{o.source} (card {out[j].card_index}): the rest of card {o.card_index}, read with it")
    return out


def _beside_kept(cards: list[CardImage], outcomes: list[ScanOutcome]) -> list[ScanOutcome]:
    """Print read beside a photo's outlined cards (found=False among found cards, see
    preprocess.print_beside) stays a card when its read reaches someone no other card of the
    photo reaches. A sheet's or a box's print beside the cards reaches no one, and is no card.
    The rest of a card whose outline was found too small (a shadow's edge across the card
    taken for its side) repeats that card's mail or number, or lies right next to it while
    that card's read reaches no one (its name above the shadow, its details below): the two
    reads become one contact (see merge.combine)."""
    if all(card.found for card in cards) or not any(card.found for card in cards):
        return outcomes
    out = list(outcomes)
    for i, (card, o) in enumerate(zip(cards, outcomes)):
        if card.found or o.error:
            continue
        if o.contact is None:
            # (not "no card ... a blank picture?": the photo's cards were found)
            out[i] = ScanOutcome(o.source, o.card_index,
                                 skipped=f"{o.source} (card {o.card_index}): print beside the cards with no contact in it; skipped")
            continue
        mine = _ways_to_reach(o.contact)
        # (by merge's rules: an office number two named people share makes them no one person)
        same = [j for j, p in enumerate(out) if j != i and p.contact is not None and mine & _ways_to_reach(p.contact)
                and len(merge.merge([p, o])) == 1]
        # (a card cut in two has one name: print beside with a name of its own, another than the
        # outlined card's, is another card, one whose own outline was lost)
        cut = [j for j, p in enumerate(out) if cards[j].found and _unreachable(p) and _next_to(cards[j], card)
               and not _two_names(p.contact, o.contact)]
        if not mine:
            why = "print beside the cards with no mail, number or website in it; skipped"
        elif same or len(cut) == 1:
            j = (same or cut)[0]
            out[j] = merge.merge([out[j], o])[0] if same else merge.combine([out[j], o])
            why = f"the rest of card {out[j].card_index}, read with it"
        else:
            continue
        out[i] = ScanOutcome(o.source, o.card_index, skipped=f"{o.source} (card {o.card_index}): {why}")
    return out


def _two_names(a: Contact, b: Contact) -> bool:
    """Whether both contacts have a name, and not the same one."""
    return bool(a.name and b.name) and a.name.full.casefold() != b.name.full.casefold()


# How near a piece of a card (print cut out, or another outline) must lie to an outline to be
# the rest of its card: this share of the outline's shorter side (a print's rectangle has a
# margin of its own).
NEXT_TO = 0.25


def _next_to(outlined: CardImage, piece: CardImage) -> bool:
    """Whether `piece` lies within NEXT_TO of `outlined`'s shorter side of its outline."""
    if outlined.quad is None or piece.quad is None:
        return False
    a, b = np.float32(outlined.quad), np.float32(piece.quad)
    # (each corner's distance outside the other's outline, negative inside)
    gap = min(min(-cv2.pointPolygonTest(a, (float(x), float(y)), True) for x, y in b),
              min(-cv2.pointPolygonTest(b, (float(x), float(y)), True) for x, y in a))
    side = float(min(np.linalg.norm(a - np.roll(a, 1, axis=0), axis=1)))
    return gap <= NEXT_TO * side


def _ways_to_reach(c: Contact) -> set[str]:
    """The contact's mail addresses, numbers, websites and profiles, each in one spelling (to
    tell two reads of one card)."""
    return ({e.lower() for e in c.emails} | {p.number for p in c.phones} | {extract.site_key(u) for u in c.urls}
            | {s.url.lower() for s in c.socials})


def _unreachable(outcome: ScanOutcome) -> bool:
    """A contact with no mail, number, website or profile: a read that lost the card's print
    (or a card's logo side)."""
    c = outcome.contact
    return c is not None and not c.reachable


def _reaches_more(retry: ScanOutcome, first: ScanOutcome) -> bool:
    """Whether a retry of a read with no way to reach anyone found one, and kept what the
    first read had found (a worse read of the same print finds a mangled address and loses
    the name)."""
    return retry.contact is not None and not _unreachable(retry) and _keeps(retry, first)


def _keeps(retry: ScanOutcome, first: ScanOutcome) -> bool:
    """Whether a retry's contact has at least as many of name, title, company and address as
    the first read's (which has a contact)."""
    a, b = first.contact, retry.contact
    return sum(map(bool, (b.name, b.title, b.org, b.address))) >= sum(map(bool, (a.name, a.title, a.org, a.address)))


def _panels_joined(outcomes: list[ScanOutcome]) -> list[ScanOutcome]:
    """A company name alone, from an outline of its own, that another card of the photo has
    as its mail or web domain: that card's logo panel, found as a card (when the card's own
    outline was not). Its name goes to that card, when it has none, and the panel is no card."""
    out = list(outcomes)
    for i, o in enumerate(out):
        c = o.contact
        if c is None or not c.org or c.name or c.title or c.emails or c.phones or c.urls or c.address:
            continue
        for j, other in enumerate(out):
            oc = other.contact
            if j != i and oc is not None and (oc.emails or oc.urls) and assemble.company_of_its_domains(c.org, oc):
                if not oc.org:
                    out[j] = dataclasses.replace(other, contact=dataclasses.replace(oc, org=c.org))
                out[i] = ScanOutcome(o.source, o.card_index, skipped=f"{o.source} (card {o.card_index}): "
                                     f"the logo panel of card {other.card_index}, read with it")
                break
    return out


def _read_darker(card: CardImage, outcome: ScanOutcome, photo: Photo, options: Options, engine: Engine,
                 debug: Optional[Debug]) -> ScanOutcome:
    """An outlined card that gave no contact, or one with no way to reach anyone, read again
    with its grey print darkened (preprocess.darker_print), then by its print in strong
    colours alone (preprocess.colour_print); cards that read cost nothing more. Print cut
    out without an outline goes on to the wider views instead."""
    if not (outcome.skipped or _unreachable(outcome)) or not card.found:
        return outcome
    better = (lambda r: r.contact is not None) if outcome.skipped else (lambda r: _reaches_more(r, outcome))
    retry = _read(preprocess.darker_print(card), photo, options, engine, debug, retry=True)
    if better(retry):
        return retry
    coloured = preprocess.colour_print(card)
    if coloured is not None:
        # the contact's picture is the card, not the black-on-white print read
        retry = _read(coloured, photo, options, engine, debug, shown=card.pixels, retry=True)
        if better(retry):
            return retry
    return outcome


def _wider_views(photo: Photo, cards: list[CardImage]) -> Iterator[tuple[CardImage, bool]]:
    """What find_cards did not read, from narrow to whole, each with whether to read it
    only as it is: the print cut out (after outlines), or the one outline set aside for
    its print running askew, levelled (after the print cut out); then the whole image
    deskewed (after outlines or a cut-out; the cut-out was tried every way up already),
    and levelled for print at another slant than most of its lines, when it has some."""
    if all(card.found for card in cards):
        fallback = preprocess.fallback_card(photo)
        yield fallback, False
        if fallback.quad is None:
            return
    elif cards[0].quad is None:
        return  # the whole image was read already
    else:
        outline = preprocess.only_outline(photo)
        if outline is not None:
            yield outline, False
    yield preprocess.whole_image(photo), True
    other = preprocess.whole_image_other_slant(photo)
    if other is not None:
        yield other, True


def _read(card: CardImage, photo: Photo, options: Options, engine: Engine, debug: Optional[Debug],
          upright_only: bool = False, shown: Optional[np.ndarray] = None, retry: bool = False) -> ScanOutcome:
    """One card: upright, read, parsed; an OCR failure or an empty card becomes its outcome.
    shown: the pixels to picture the contact with, when the image read is not the card as seen.
    retry: a second way of reading a card whose first read gave nothing (see orient.read_card)."""
    source = photo.source
    try:
        upright, ocr = orient.read_card(card, engine, lang=options.lang, debug=debug, upright_only=upright_only,
                                        one_block=not retry)
    except OcrError as exc:
        return ScanOutcome(source, card.index, error=f"{source} (card {card.index}): {exc.message}; {_ocr_hint(exc)}",
                           exit_code=int(exc.exit_code))
    if upright.read_pixels is not None:
        ocr = icons.label_icons(ocr, upright.read_pixels)
    contact = assemble.contact(ocr, region=options.region, default_region=options.default_region)
    mended = _second_reads(ocr, contact, upright, engine, options.lang)
    if mended is not ocr:
        contact = assemble.contact(mended, region=options.region, default_region=options.default_region)
    if upright.read_pixels is not None:
        mended, contact = reread.mend_unsure_lines(mended, contact, upright.read_pixels, engine, lang=options.lang,
                                                   region=options.region, default_region=options.default_region,
                                                   colour=upright.pixels)
        mended, contact = reread.mend_unvouched_mail(mended, contact, upright.read_pixels, upright.pixels, engine,
                                                     lang=options.lang, region=options.region,
                                                     default_region=options.default_region)
        mended, contact = reread.mend_large_lines(mended, contact, upright.read_pixels, upright.pixels, engine,
                                                  lang=options.lang, region=options.region,
                                                  default_region=options.default_region)
        mends = (reread.mend_swollen_words, reread.mend_cut_title, reread.mend_missing_title) + \
            ((reread.mend_japanese,) if options.japanese else ())
        for mend in mends:
            mended, contact = mend(mended, contact, upright.read_pixels, engine, lang=options.lang,
                                   region=options.region, default_region=options.default_region)
        mended, contact = reread.mend_faint_title(mended, contact, upright.read_pixels, upright.pixels, engine,
                                                  lang=options.lang, region=options.region,
                                                  default_region=options.default_region)
    if debug:
        debug.json(f"card{card.index}-contact", contact.to_dict())
    if not has_details(contact):
        return ScanOutcome(source, card.index, skipped=f"{source} (card {card.index}): {_nothing_found(card.found, ocr)}")
    if not card.found and not preprocess.card_shaped(photo.pixels):
        where = "read the text found in the photo" if card.quad is not None else "read the whole image"
        contact = _with_warning(contact, f"no card outline found; {where}")
    seen = upright.pixels if shown is None else orient.rotate(shown, upright.rotation - card.rotation)
    jpeg = card_jpeg(seen) if options.embed_photo else None
    return ScanOutcome(source, card.index, contact=contact, card_jpeg=jpeg, print_cut=_lines_at_the_edge(ocr))


# A line whose box comes this near an edge of the image read runs into it.
EDGE_PX = 2


def _lines_at_the_edge(ocr: OcrResult) -> int:
    """How many lines of the read run into an edge of the image read."""
    w, h = ocr.size
    n = 0
    for line in ocr.lines:
        b = line.box
        n += (0 <= b.left <= EDGE_PX or 0 <= b.top <= EDGE_PX
              or w - EDGE_PX <= b.right <= w or h - EDGE_PX <= b.bottom <= h)
    return n


def _second_reads(ocr: OcrResult, contact: Contact, card: CardImage, engine: Engine, lang: str) -> OcrResult:
    """The read with what a line read alone adds where a whole-card read is known to drop it:
    the dot in a mailbox made of the person's name, the accents of a name; and an underscore
    read as a space, looked for in the print. Most cards need none of it, and cost nothing more."""
    if card.read_pixels is None:
        return ocr
    ocr = reread.mend_underscores(ocr, card.read_pixels)
    mailboxes = reread.mailboxes_worth_reading(contact)
    if mailboxes:
        ocr = reread.mend_separators(ocr, card.read_pixels, engine, lang=lang, mailboxes=mailboxes)
        # (a mailbox that reading its line alone gave without a period still: the print may show it)
        initials = reread.initial_mailboxes(contact)
        if initials:
            ocr = reread.mend_initial_dot(ocr, card.read_pixels, initials)
    if reread.name_without_its_accents(contact):
        ocr = reread.mend_accents(ocr, card.read_pixels, engine, lang=lang, text=contact.name.full)
    return ocr


def scan_or_error(source: str, options: Options, engine: Engine) -> list[ScanOutcome]:
    """scan_image for a batch: a failed input becomes one error outcome instead of raising."""
    try:
        return scan_image(source, options, engine)
    except CardscanError as exc:
        return [ScanOutcome(source, 0, error=exc.message, exit_code=int(exc.exit_code))]
    except MemoryError:
        return [ScanOutcome(source, 0, error=f"{source}: out of memory while scanning; lower --max-megapixels "
                                             f"or --jobs", exit_code=1)]
    except Exception as exc:  # a defect on one odd photo must not end the batch; the rest go on
        text = " ".join(str(exc).split())[:160]
        return [ScanOutcome(source, 0, error=f"{source}: internal error ({type(exc).__name__}: {text}); "
                                             f"please report it with this photo", exit_code=1)]


def _ocr_hint(exc: OcrError) -> str:
    if "timed out" in exc.message:
        return "the other cards went on; raise --ocr-timeout if this card is just slow"
    return "the other cards went on; check the Tesseract install (tesseract --version) if this repeats"


def _nothing_found(card_found: bool, ocr) -> str:
    """The warning for a readable photo that gave no contact: what was seen, and what to do."""
    if not ocr.lines:
        if not card_found:
            return "no card and no text found (a blank or unrelated picture?); skipped"
        return "a card outline but no readable text; retake the photo sharper and better lit"
    return "text but no contact details found; check that it is a business card"


def has_details(contact: Contact) -> bool:
    return bool(contact.name or contact.org or contact.title or contact.emails or contact.phones
                or contact.urls or contact.socials or contact.address)


def _with_warning(contact: Contact, warning: str) -> Contact:
    import dataclasses

    return dataclasses.replace(contact, warnings=contact.warnings + (warning,))


def card_jpeg(pixels: np.ndarray, max_side: int = PHOTO_MAX_SIDE, quality: int = 80) -> Optional[bytes]:
    import cv2

    h, w = pixels.shape[:2]
    scale = min(1.0, max_side / max(h, w))
    if scale < 1.0:
        pixels = cv2.resize(pixels, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return bytes(buf) if ok else None
