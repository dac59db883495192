"""How a synthetic card looks: fonts, colours, layout, logo, icons.

Layout is planned in millimetres on an 85x55 mm (or 90x50 mm) card, so one plan renders
the same at any pixel width: a flat export at 800 px and a 12-megapixel photo at 3000 px
show the same design. Text never goes below 6 pt; when the content does not fit, the
planner drops optional lines and reports what it kept, so the truth only names what is drawn.
"""
from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .content import CardContent, icons_not_drawn

PT_MM = 25.4 / 72  # one typographic point in millimetres
MIN_PT = 6.0  # the smallest print a person still reads on a card
REF_PX = 200  # fonts are measured at this size and scaled: layout is resolution-free

# (family, regular file, bold file); files are looked up by name under the font folders.
FONT_FAMILIES = [
    ("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("DejaVu Sans Condensed", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
    ("DejaVu Serif", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
    ("Liberation Sans", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("Liberation Serif", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"),
    ("Liberation Sans Narrow", "LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
    ("Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("Noto Serif", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf"),
    ("Noto Sans Display", "NotoSansDisplay-Regular.ttf", "NotoSansDisplay-Bold.ttf"),
    ("Open Sans", "OpenSans-Regular.ttf", "OpenSans-Bold.ttf"),
    ("Open Sans Light", "OpenSans-Light.ttf", "OpenSans-Semibold.ttf"),
    ("Lato", "Lato-Regular.ttf", "Lato-Bold.ttf"),
    ("Lato Light", "Lato-Light.ttf", "Lato-Black.ttf"),
    ("Roboto", "Roboto-Regular.ttf", "Roboto-Bold.ttf"),
    ("Roboto Light", "Roboto-Light.ttf", "Roboto-Medium.ttf"),
    ("Roboto Condensed", "RobotoCondensed-Regular.ttf", "RobotoCondensed-Bold.ttf"),
    ("Carlito", "Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    ("Caladea", "Caladea-Regular.ttf", "Caladea-Bold.ttf"),
    ("Nimbus Sans", "NimbusSans-Regular.otf", "NimbusSans-Bold.otf"),
    ("Nimbus Roman", "NimbusRoman-Regular.otf", "NimbusRoman-Bold.otf"),
    ("URW Bookman", "URWBookman-Light.otf", "URWBookman-Demi.otf"),
    ("P052", "P052-Roman.otf", "P052-Bold.otf"),
    ("C059", "C059-Roman.otf", "C059-Bold.otf"),
]
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts"))


class NoFontsError(RuntimeError):
    pass


@lru_cache(maxsize=1)
def font_families() -> tuple[tuple[str, str, str], ...]:
    """The families whose regular and bold files are installed, as (name, regular, bold) paths.
    Sorted by name so a seed picks the same family on machines with the same fonts."""
    found: dict[str, str] = {}
    for root_dir in FONT_DIRS:
        for root, _dirs, files in os.walk(root_dir):
            for f in files:
                found.setdefault(f, os.path.join(root, f))
    families = tuple(sorted((name, found[r], found[b]) for name, r, b in FONT_FAMILIES
                            if r in found and b in found))
    if not families:
        raise NoFontsError(
            "no usable fonts found for synthetic cards; install some, e.g. "
            "apt-get install fonts-dejavu-core fonts-liberation fonts-noto-core")
    return families


@lru_cache(maxsize=256)
def _font(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(1, px))


def text_mm(text: str, path: str, pt: float) -> float:
    """Advance width of `text` in millimetres at `pt` points."""
    return _font(path, REF_PX).getlength(text) * pt * PT_MM / REF_PX


# ---------------------------------------------------------------- colours

LIGHT_BACKGROUNDS = [(255, 255, 255), (255, 255, 255), (250, 248, 242), (246, 244, 238), (240, 242, 245), (255, 253, 245), (236, 240, 234)]
DARK_TEXT = [(20, 20, 20), (40, 40, 40), (25, 35, 65), (55, 55, 60), (10, 30, 50)]
ACCENTS = [(0, 82, 155), (190, 30, 45), (0, 120, 90), (230, 120, 0), (90, 40, 130), (0, 130, 150), (30, 30, 30), (150, 110, 40), (200, 40, 110)]
DARK_BACKGROUNDS = [(18, 32, 68), (12, 12, 14), (0, 84, 90), (110, 18, 28), (30, 34, 40), (18, 70, 40), (60, 20, 80), (0, 60, 120)]
LIGHT_TEXT = [(255, 255, 255), (245, 240, 225), (230, 235, 240)]
LIGHT_ACCENTS = [(230, 190, 90), (120, 200, 230), (250, 150, 60), (255, 255, 255), (170, 220, 160)]


@dataclass
class Line:
    text: str
    font: str  # file path
    pt: float
    colour: tuple[int, int, int]
    icon: str = ""  # "phone" | "mobile" | "fax" | "email" | "web" | "pin" drawn before the text
    gap_mm: float = 0.0  # extra space above this line


@dataclass
class Block:
    lines: list[Line]
    rect: tuple[float, float, float, float]  # x0, y0, x1, y1 in mm
    align: str = "l"  # l | c | r
    valign: str = "t"  # t | m | b
    scale: float = 1.0  # shrink applied to fit


@dataclass
class Shape:
    kind: str  # "rect" | "line" (plain fills) or a logo: "square" | "circle" | "hexagon" | "triangle" | "rounded" | "bars"
    rect: tuple[float, float, float, float]
    colour: tuple[int, int, int]
    text: str = ""  # initials drawn inside a logo
    text_colour: tuple[int, int, int] = (255, 255, 255)
    font: str = ""


@dataclass
class Plan:
    size_mm: tuple[float, float]  # width, height as the card stands
    background: tuple[int, int, int]
    shapes: list[Shape] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    icon_colour: tuple[int, int, int] = (0, 0, 0)
    layout: str = ""


def line_h(line: Line, scale: float) -> float:
    return line.pt * scale * PT_MM * 1.32 + line.gap_mm * scale


def line_w(line: Line, scale: float) -> float:
    w = text_mm(line.text, line.font, line.pt * scale)
    if line.icon:
        w += line.pt * scale * PT_MM * 1.6
    return w


def fit(block: Block, floor: float = MIN_PT) -> bool:
    """Shrink `block` until it fits its rectangle; False when that would go below `floor` pt."""
    x0, y0, x1, y1 = block.rect
    smallest = min(line.pt for line in block.lines)
    scale = 1.0
    while True:
        width = max(line_w(line, scale) for line in block.lines)
        height = sum(line_h(line, scale) for line in block.lines)
        if width <= (x1 - x0) and height <= (y1 - y0):
            block.scale = scale
            return True
        scale *= 0.95
        if smallest * scale < floor:
            return False


# ---------------------------------------------------------------- planning

@dataclass
class Style:
    regular: str
    bold: str
    background: tuple[int, int, int]
    text: tuple[int, int, int]
    muted: tuple[int, int, int]
    accent: tuple[int, int, int]
    contact_pt: float
    name_pt: float
    title_pt: float
    org_pt: float
    caps_org: bool
    join_phones: bool
    logo: str
    dark: bool


def _mix(a, b, t):
    return tuple(int(round(a[i] * (1 - t) + b[i] * t)) for i in range(3))


def make_style(rng: random.Random, dark: bool) -> Style:
    # One draw whatever the number of installed families, so a machine with other fonts
    # still makes the same content and layout choices from the same seed.
    families = font_families()
    _family, regular, bold = families[int(rng.random() * len(families))]
    if dark:
        background = rng.choice(DARK_BACKGROUNDS)
        text = rng.choice(LIGHT_TEXT)
        accent = rng.choice(LIGHT_ACCENTS)
        muted = _mix(text, background, 0.2)
    else:
        background = rng.choice(LIGHT_BACKGROUNDS)
        text = rng.choice(DARK_TEXT)
        accent = rng.choice(ACCENTS)
        muted = _mix(text, (128, 128, 128), 0.35)
    return Style(regular=regular, bold=bold, background=background, text=text, muted=muted,
                 accent=accent, contact_pt=rng.uniform(6.8, 8.6), name_pt=rng.uniform(11, 17),
                 title_pt=rng.uniform(7.5, 9.5), org_pt=rng.uniform(9, 14),
                 caps_org=rng.random() < 0.2, join_phones=rng.random() < 0.25,
                 logo=rng.choice(["circle", "rounded", "hexagon", "triangle", "square", "bars", "none"]), dark=dark)


def initials(org: Optional[str], name: Optional[str]) -> str:
    source = org or name or "X"
    parts = [p for p in source.replace("&", " ").split() if p[:1].isalpha()]
    letters = "".join(p[0] for p in parts[:2]).upper()
    return letters or "X"


def contact_lines(rng: random.Random, c: CardContent, s: Style, icons: bool, pt: float) -> list[Line]:
    """Phone, e-mail, web, address and extra lines, in the card's order."""
    lines: list[Line] = []
    phone_texts = [(p.label + p.printed, p.icon) for p in c.phones]
    if s.join_phones and len(phone_texts) >= 2 and not icons:
        sep = rng.choice(["  |  ", "   ", "  ·  ", "  /  "])
        phone_texts = [(sep.join(t for t, _ in phone_texts[:2]), "")] + phone_texts[2:]
    for text, icon in phone_texts:
        lines.append(Line(text, s.regular, pt, s.text, icon=icon if icons else ""))
    for e in c.emails:
        lines.append(Line((c.email_label if not icons else "") + e, s.regular, pt, s.text, icon="email" if icons else ""))
    for u in c.urls:
        lines.append(Line((c.url_label if not icons else "") + u, s.regular, pt, s.text, icon="web" if icons else ""))
    address = [Line(a, s.regular, pt, s.muted) for a in c.address_lines]
    if address and icons:
        address[0].icon = "pin"
    if address:
        address[0].gap_mm = 1.0
        if rng.random() < 0.35:  # address before the numbers
            lines[0:0] = address
            if len(lines) > len(address):
                lines[len(address)].gap_mm = 1.0
            address[0].gap_mm = 0.0
        else:
            lines += address
    for extra in c.extras:
        lines.append(Line(extra, s.regular, max(MIN_PT, pt - 0.6), s.muted, gap_mm=0.6))
    return lines


def identity_lines(c: CardContent, s: Style, with_org: bool) -> list[Line]:
    lines = []
    if c.name_printed:
        lines.append(Line(c.name_printed, s.bold, s.name_pt, s.text))
    if c.title:
        lines.append(Line(c.title, s.regular, s.title_pt, s.accent if not s.dark else s.muted))
    if with_org and c.org:
        lines.append(Line(c.org.upper() if s.caps_org else c.org, s.bold, s.org_pt * 0.8, s.text, gap_mm=0.8))
    return lines


def org_line(c: CardContent, s: Style) -> Optional[Line]:
    if not c.org:
        return None
    return Line(c.org.upper() if s.caps_org else c.org, s.bold, s.org_pt, s.accent if not s.dark else s.text)


def org_over_identity(c: CardContent, s: Style, org: Optional[Line], gap_mm: float) -> list[Line]:
    """Org line, then name and title set off by a gap: the centred layouts' head block."""
    head = ([org] if org else []) + identity_lines(c, s, with_org=False)
    if org and len(head) > 1:
        head[1].gap_mm = gap_mm
    return head


def panel_colour(s: Style, toward: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    """Fill for a band or panel that carries white text: the accent, or on a dark card the
    background shifted `toward` a colour; never so light that white text would vanish."""
    colour = s.accent if not s.dark else _mix(s.background, toward, amount)
    return colour if sum(colour) <= 500 else (40, 40, 40)


def logo_shape(s: Style, rect, c: CardContent) -> Optional[Shape]:
    if s.logo == "none":
        return None
    colour = s.accent
    text_colour = s.background if s.dark or sum(s.accent) < 450 else (20, 20, 20)
    return Shape(s.logo, rect, colour, initials(c.org, c.name), text_colour, s.bold)


def plan_card(rng: random.Random, c: CardContent, s: Style, portrait: bool, icons: bool) -> Plan:
    """One layout for `c`, chosen at random among those that suit the orientation."""
    W, H = (85.0, 55.0) if rng.random() < 0.8 else (90.0, 50.0)
    if portrait:
        W, H = H, W
    m = rng.uniform(4.0, 6.0)  # margin
    plan = Plan((W, H), s.background, icon_colour=s.accent)
    pt = s.contact_pt
    layouts = ["portrait_centre", "portrait_left"] if portrait else \
        ["left", "centre", "right", "two_column", "band", "split"]
    layout = rng.choice(layouts)
    plan.layout = layout
    if layout not in ("band", "split", "portrait_left") and rng.random() < 0.3:
        # A thin accent strip along one edge, inside the margin so no text sits on it.
        strip = rng.uniform(1.2, min(3.0, m - 1.5))
        edge = rng.choice(["top", "bottom", "left"])
        rect = {"top": (0, 0, W, strip), "bottom": (0, H - strip, W, H), "left": (0, 0, strip, H)}[edge]
        plan.shapes.append(Shape("rect", rect, s.accent))
    org = org_line(c, s)
    logo_mm = rng.uniform(8, 13)

    def add_logo(x, y, size=logo_mm):
        shape = logo_shape(s, (x, y, x + size, y + size), c)
        if shape:
            plan.shapes.append(shape)
        return shape is not None

    if layout == "left":
        right_logo = rng.random() < 0.4
        has_logo = add_logo(W - m - logo_mm if right_logo else m, m)
        head = [org] if org else []
        head_x0 = m if right_logo or not has_logo else m + logo_mm + 2.5
        head_x1 = W - m - (logo_mm + 2 if right_logo and has_logo else 0)
        if head:
            plan.blocks.append(Block(head, (head_x0, m, head_x1, m + max(logo_mm, 8)), "l", "m"))
        top = m + max(logo_mm if has_logo else 0, 8 if head else 0) + 2
        ident = identity_lines(c, s, with_org=False)
        contacts = contact_lines(rng, c, s, icons, pt)
        plan.blocks.append(Block(ident, (m, top, W - m, top + 14), "l", "t"))
        plan.blocks.append(Block(contacts, (m, top + 14.5, W - m, H - m), "l", "b"))
    elif layout == "centre":
        has_logo = add_logo(W / 2 - logo_mm / 2, m)
        top = m + (logo_mm + 1.5 if has_logo else 0)
        plan.blocks.append(Block(org_over_identity(c, s, org, 2.0), (m, top, W - m, top + 20), "c", "t"))
        plan.blocks.append(Block(contact_lines(rng, c, s, False, pt), (m, top + 20.5, W - m, H - m), "c", "b"))
    elif layout == "right":
        big = min(H - 2 * m, rng.uniform(16, 24))
        add_logo(m, H / 2 - big / 2, big)
        x0 = m + big + 3
        blocks = identity_lines(c, s, with_org=True)
        plan.blocks.append(Block(blocks, (x0, m, W - m, m + 19), "r", "t"))
        plan.blocks.append(Block(contact_lines(rng, c, s, icons, pt), (x0, m + 19.5, W - m, H - m), "r", "b"))
    elif layout == "two_column":
        split = W * rng.uniform(0.40, 0.48)
        has_logo = add_logo(m, m)
        top = m + (logo_mm + 2 if has_logo else 0)
        left = identity_lines(c, s, with_org=True)
        plan.blocks.append(Block(left, (m, top, split - 2, H - m), "l", "b" if has_logo else "m"))
        plan.shapes.append(Shape("line", (split, m + 2, split + 0.3, H - m - 2), s.accent))
        plan.blocks.append(Block(contact_lines(rng, c, s, icons, pt), (split + 2.5, m, W - m, H - m), "l", "m"))
    elif layout == "band":
        band = H * rng.uniform(0.40, 0.50)
        plan.shapes.append(Shape("rect", (0, H - band, W, H), panel_colour(s, (0, 0, 0), 0.45)))
        has_logo = add_logo(W - m - logo_mm, m)
        ident = identity_lines(c, s, with_org=True)
        plan.blocks.append(Block(ident, (m, m, W - m - (logo_mm + 2 if has_logo else 0), H - band - 1.5), "l", "t"))
        white = Style(**{**s.__dict__, "text": (255, 255, 255), "muted": (235, 235, 235)})
        plan.blocks.append(Block(contact_lines(rng, c, white, False, pt), (m, H - band + 2, W - m, H - 2.5), "l", "m"))
    elif layout == "split":
        panel = W * rng.uniform(0.30, 0.36)
        plan.shapes.append(Shape("rect", (0, 0, panel, H), panel_colour(s, (255, 255, 255), 0.12)))
        if c.org:
            word = Line(c.org.upper() if s.caps_org else c.org, s.bold, s.org_pt * 0.8, (255, 255, 255))
            plan.blocks.append(Block([word], (2.5, m, panel - 2.5, H - m), "c", "m"))
        x0 = panel + 4
        plan.blocks.append(Block(identity_lines(c, s, with_org=False), (x0, m, W - m, m + 16), "l", "t"))
        plan.blocks.append(Block(contact_lines(rng, c, s, icons, pt), (x0, m + 16.5, W - m, H - m), "l", "b"))
    elif layout == "portrait_centre":
        big = rng.uniform(12, 20)
        has_logo = add_logo(W / 2 - big / 2, m + 2, big)
        top = m + 2 + (big + 2 if has_logo else 0)
        plan.blocks.append(Block(org_over_identity(c, s, org, 3.0), (m, top, W - m, top + 24), "c", "t"))
        plan.blocks.append(Block(contact_lines(rng, c, s, False, pt), (m, top + 25, W - m, H - m), "c", "b"))
    else:  # portrait_left
        plan.shapes.append(Shape("rect", (0, 0, W, rng.uniform(3, 7)), s.accent))
        has_logo = add_logo(m, m + 6)
        top = m + 6 + (logo_mm + 2 if has_logo else 0)
        ident = identity_lines(c, s, with_org=True)
        plan.blocks.append(Block(ident, (m, top, W - m, top + 24), "l", "t"))
        plan.blocks.append(Block(contact_lines(rng, c, s, icons, pt), (m, top + 25, W - m, H - m), "l", "b"))
    return plan


def plan_fits(plan: Plan) -> bool:
    return all(fit(b) for b in plan.blocks if b.lines)


# What gives way when a card is too full: first a long address line is wrapped at a comma
# (the one-line address in the truth stays the same), then optional lines are dropped.
OPTIONAL_ORDER = ("wrap_address", "extras", "second_email", "title", "address_line", "url", "fax")
NARROW_FAMILIES = ("Liberation Sans Narrow", "Roboto Condensed", "DejaVu Sans Condensed")


def wrap_address(c: CardContent) -> bool:
    """Split the longest address line that has a comma at the comma nearest its middle."""
    candidates = [(len(a), i) for i, a in enumerate(c.address_lines) if ", " in a and len(a) > 24]
    if not candidates:
        return False
    _, i = max(candidates)
    line = c.address_lines[i]
    commas = [k for k in range(len(line)) if line.startswith(", ", k)]
    cut = min(commas, key=lambda k: abs(k - len(line) / 2))
    c.address_lines[i:i + 1] = [line[:cut], line[cut + 2:]]
    return True


def shrink_content(c: CardContent, step: str) -> bool:
    """Wrap or drop one item named by `step`; False when there was nothing to do."""
    if step == "wrap_address":
        return wrap_address(c)
    if step == "extras" and c.extras:
        dropped = c.extras.pop()
        c.notes = [n for n in c.notes if f"'{dropped}'" not in n]
    elif step == "second_email" and len(c.emails) > 1:
        c.emails.pop()
    elif step == "title" and c.title:
        c.title = None
    elif step == "address_line" and len(c.address_lines) > 1:
        c.address_lines.pop()
    elif step == "url" and c.urls and (c.emails or c.phones):
        c.urls.pop()
    elif step == "fax" and len(c.phones) > 1:
        dropped = c.phones.pop()
        c.notes = [n for n in c.notes if dropped.number not in n]
    else:
        return False
    return True


def design_card(rng: random.Random, c: CardContent, dark: bool = False, portrait: bool = False) -> Plan:
    """A plan for `c` in which every line fits at 6 pt or more; `c` may lose optional
    lines on the way (its truth is read afterwards, so it stays true to the drawing)."""
    style = make_style(rng, dark)
    # Icons replace labels only where the content was made label-free for them.
    icons = any(p.icon for p in c.phones) or (not c.phones and rng.random() < 0.15)
    for attempt in range(40):  # each attempt may draw another layout and margins
        plan = plan_card(rng, c, style, portrait, icons)
        if plan_fits(plan):
            return _true_to_icons(plan, c)
        if attempt == 5:  # a narrow face before giving up lines
            narrow = [f for f in font_families() if f[0] in NARROW_FAMILIES]
            if narrow:
                style.regular, style.bold = narrow[int(rng.random() * len(narrow))][1:]
        if attempt % 3 == 2:
            for step in OPTIONAL_ORDER:
                if shrink_content(c, step):
                    break
    # Even the essentials do not fit at 6 pt: allow smaller print rather than clipping text.
    for b in plan.blocks:
        if b.lines:
            fit(b, floor=1.0)
    c.notes.append("some print below 6 pt")
    return _true_to_icons(plan, c)


def _true_to_icons(plan: Plan, c: CardContent) -> Plan:
    """The plan, with `c` made true to it where its layout draws no phone icons (centred and
    banded contact lines are drawn without icons)."""
    if not any(line.icon in ("phone", "mobile", "fax") for b in plan.blocks for line in b.lines):
        icons_not_drawn(c)
    return plan


# ---------------------------------------------------------------- rendering

def _icon(draw: ImageDraw.ImageDraw, kind: str, x: float, y: float, size: float, colour, bg):
    """A simple glyph in a filled circle: enough to tell phone, mobile, fax, mail, web, pin apart."""
    r = size / 2
    cx, cy = x + r, y + r
    draw.ellipse((x, y, x + size, y + size), fill=colour)
    u = size / 10
    if kind == "phone":  # handset: an arc with two ear pieces
        draw.arc((cx - 3 * u, cy - 3 * u, cx + 3 * u, cy + 3 * u), 110, 340, fill=bg, width=max(1, int(1.6 * u)))
    elif kind == "mobile":
        draw.rounded_rectangle((cx - 2 * u, cy - 3.4 * u, cx + 2 * u, cy + 3.4 * u), radius=u * 0.7, outline=bg, width=max(1, int(u)))
        draw.ellipse((cx - 0.5 * u, cy + 2 * u, cx + 0.5 * u, cy + 3 * u), fill=bg)
    elif kind == "fax":
        draw.rectangle((cx - 3.2 * u, cy - 0.5 * u, cx + 3.2 * u, cy + 2.8 * u), fill=bg)
        draw.rectangle((cx - 2 * u, cy - 3.2 * u, cx + 2 * u, cy - 0.5 * u), outline=bg, width=max(1, int(0.8 * u)))
    elif kind == "email":
        box = (cx - 3.3 * u, cy - 2.3 * u, cx + 3.3 * u, cy + 2.3 * u)
        draw.rectangle(box, outline=bg, width=max(1, int(0.9 * u)))
        draw.line((box[0], box[1], cx, cy + 0.5 * u, box[2], box[1]), fill=bg, width=max(1, int(0.9 * u)))
    elif kind == "web":
        draw.ellipse((cx - 3.2 * u, cy - 3.2 * u, cx + 3.2 * u, cy + 3.2 * u), outline=bg, width=max(1, int(0.8 * u)))
        draw.ellipse((cx - 1.4 * u, cy - 3.2 * u, cx + 1.4 * u, cy + 3.2 * u), outline=bg, width=max(1, int(0.7 * u)))
        draw.line((cx - 3.2 * u, cy, cx + 3.2 * u, cy), fill=bg, width=max(1, int(0.7 * u)))
    elif kind == "pin":
        draw.ellipse((cx - 2.2 * u, cy - 3.4 * u, cx + 2.2 * u, cy + 1 * u), fill=bg)
        draw.polygon([(cx - 1.8 * u, cy - 0.2 * u), (cx + 1.8 * u, cy - 0.2 * u), (cx, cy + 3.6 * u)], fill=bg)
        draw.ellipse((cx - 0.9 * u, cy - 2.1 * u, cx + 0.9 * u, cy - 0.3 * u), fill=colour)


def _shape(draw: ImageDraw.ImageDraw, shape: Shape, px: float):
    x0, y0, x1, y1 = (v * px for v in shape.rect)
    w, h = x1 - x0, y1 - y0
    if shape.kind in ("rect", "line"):
        draw.rectangle((x0, y0, x1, y1), fill=shape.colour)
        return
    if shape.kind == "square":
        draw.rectangle((x0, y0, x1, y1), fill=shape.colour)
    elif shape.kind == "circle":
        draw.ellipse((x0, y0, x1, y1), fill=shape.colour)
    elif shape.kind == "rounded":
        draw.rounded_rectangle((x0, y0, x1, y1), radius=w * 0.22, fill=shape.colour)
    elif shape.kind == "hexagon":
        cx, cy = x0 + w / 2, y0 + h / 2
        draw.regular_polygon((cx, cy, w / 2), 6, fill=shape.colour)
    elif shape.kind == "triangle":
        draw.polygon([(x0 + w / 2, y0), (x1, y1), (x0, y1)], fill=shape.colour)
    elif shape.kind == "bars":
        for i in range(3):
            bx = x0 + i * w / 3
            draw.rectangle((bx + w * 0.03, y0 + h * (0.5 - 0.25 * i), bx + w / 3 - w * 0.03, y1), fill=shape.colour)
        return  # no initials on bars
    if shape.text and shape.font:
        size = int(h * (0.42 if shape.kind != "triangle" else 0.32))
        font = _font(shape.font, size)
        cy = y0 + h * (0.5 if shape.kind != "triangle" else 0.68)
        draw.text((x0 + w / 2, cy), shape.text, font=font, fill=shape.text_colour, anchor="mm")


def render_plan(plan: Plan, width_px: int) -> np.ndarray:
    """The card as a BGR uint8 array `width_px` wide (the width as the card stands)."""
    W, H = plan.size_mm
    px = width_px / W
    img = Image.new("RGB", (width_px, int(round(H * px))), plan.background)
    draw = ImageDraw.Draw(img)
    for shape in plan.shapes:
        _shape(draw, shape, px)
    for block in plan.blocks:
        if not block.lines:
            continue
        x0, y0, x1, y1 = block.rect
        total = sum(line_h(line, block.scale) for line in block.lines)
        y = {"t": y0, "m": (y0 + y1 - total) / 2, "b": y1 - total}[block.valign]
        for line in block.lines:
            size_mm = line.pt * block.scale * PT_MM
            y += line.gap_mm * block.scale
            width = line_w(line, block.scale)
            x = {"l": x0, "c": (x0 + x1 - width) / 2, "r": x1 - width}[block.align]
            baseline = y + size_mm * 1.05
            if line.icon:
                icon = size_mm * 1.15
                _icon(draw, line.icon, x * px, (baseline - size_mm * 0.95) * px, icon * px, plan.icon_colour, plan.background)
                x += size_mm * 1.6
            font = _font(line.font, int(round(size_mm * px)))
            draw.text((x * px, baseline * px), line.text, font=font, fill=line.colour, anchor="ls")
            y += size_mm * 1.32
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
