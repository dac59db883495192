"""Typed values passed between the stages.

Every value that crosses a process boundary is a frozen, picklable dataclass.
Confidences are always 0-1; text is NFC-normalised where it enters (ocr.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import numpy as np

PHONE_TYPES = ("work", "mobile", "fax", "other")


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels of the image OCR read."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def padded(self, pad: int, width: int, height: int) -> "Box":
        """This box grown by `pad` on every side, kept inside a width x height image."""
        left, top = max(0, self.left - pad), max(0, self.top - pad)
        return Box(left, top, min(width, self.right + pad) - left, min(height, self.bottom + pad) - top)

    @staticmethod
    def union(boxes: "list[Box] | tuple[Box, ...]") -> "Box":
        if not boxes:
            return Box(0, 0, 0, 0)
        left = min(b.left for b in boxes)
        top = min(b.top for b in boxes)
        right = max(b.right for b in boxes)
        bottom = max(b.bottom for b in boxes)
        return Box(left, top, right - left, bottom - top)


def alnum_count(text: str) -> int:
    """How many letters and digits a word has: punctuation and icons do not count."""
    return sum(ch.isalnum() for ch in text)


@dataclass(frozen=True)
class OcrWord:
    text: str
    conf: Optional[float]  # 0-1, None when the engine gave none
    box: Box
    block: int = 0
    par: int = 0
    line: int = 0


@dataclass(frozen=True)
class OcrLine:
    words: tuple[OcrWord, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> Box:
        return Box.union([w.box for w in self.words])

    @property
    def height(self) -> int:
        """Typical letter height: the median word-box height (robust to one tall glyph)."""
        hs = sorted(w.box.height for w in self.words)
        return hs[len(hs) // 2] if hs else 0

    @property
    def conf(self) -> float:
        cs = [w.conf for w in self.words if w.conf is not None]
        return sum(cs) / len(cs) if cs else 0.0


@dataclass(frozen=True)
class OcrResult:
    lines: tuple[OcrLine, ...]
    size: tuple[int, int]  # (width, height) of the image that was read
    engine_version: str = ""

    @property
    def words(self) -> tuple[OcrWord, ...]:
        return tuple(w for line in self.lines for w in line.words)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def mean_conf(self) -> float:
        cs = [w.conf for w in self.words if w.conf is not None]
        return sum(cs) / len(cs) if cs else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "size": list(self.size),
            "engine_version": self.engine_version,
            "lines": [
                [
                    {"text": w.text, "conf": w.conf,
                     "box": [w.box.left, w.box.top, w.box.width, w.box.height],
                     "block": w.block, "par": w.par, "line": w.line}
                    for w in line.words
                ]
                for line in self.lines
            ],
        }

    @staticmethod
    def from_dict(d: dict[str, Any]) -> "OcrResult":
        lines = tuple(
            OcrLine(tuple(OcrWord(w["text"], w.get("conf"), Box(*w["box"]),
                                  w.get("block", 0), w.get("par", 0), w.get("line", 0))
                          for w in line))
            for line in d["lines"]
        )
        return OcrResult(lines, tuple(d["size"]), d.get("engine_version", ""))


@dataclass(frozen=True)
class Photo:
    """A decoded image, upright as its EXIF tag says, as 8-bit BGR pixels."""

    source: str
    pixels: np.ndarray
    exif_rotation: int = 0  # degrees clockwise applied from the EXIF tag (0 when none)


@dataclass(frozen=True)
class CardImage:
    """One card cut out of a photo: flat and upright, 8-bit BGR."""

    source: str
    index: int
    pixels: np.ndarray
    # corners in the photo (of the card, or of the print cut out when no outline was
    # found); None = the whole image
    quad: Optional[tuple[tuple[float, float], ...]] = None
    rotation: int = 0  # degrees clockwise applied to make the card upright
    found: bool = True  # False when no outline was trusted: the print cut out, or the whole image
    # the image OCR read, in the frame of its boxes (set once the card has been read)
    read_pixels: Optional[np.ndarray] = None


@dataclass(frozen=True)
class Name:
    full: str
    prefix: str = ""
    given: str = ""
    middle: str = ""
    family: str = ""
    suffix: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"full": self.full, "prefix": self.prefix, "given": self.given,
                "middle": self.middle, "family": self.family, "suffix": self.suffix}


@dataclass(frozen=True)
class Phone:
    number: str  # E.164, e.g. +14155550100
    type: str = "work"  # one of PHONE_TYPES
    ext: Optional[str] = None
    printed: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "type": self.type, "ext": self.ext, "printed": self.printed}


@dataclass(frozen=True)
class Address:
    text: str
    street: str = ""
    city: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""  # ISO 3166 alpha-2 when known
    pobox: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "street": self.street, "city": self.city,
                "region": self.region, "postcode": self.postcode, "country": self.country,
                "pobox": self.pobox}


@dataclass(frozen=True)
class Social:
    service: str  # linkedin, twitter, instagram, github, facebook, ...
    url: str
    handle: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"service": self.service, "url": self.url, "handle": self.handle}


# The warning of a contact in which no line read as a person's name.
NO_NAME = "no name found"


@dataclass(frozen=True)
class Contact:
    name: Optional[Name] = None
    title: Optional[str] = None
    org: Optional[str] = None
    emails: tuple[str, ...] = ()
    phones: tuple[Phone, ...] = ()
    urls: tuple[str, ...] = ()
    socials: tuple[Social, ...] = ()
    address: Optional[Address] = None
    notes: tuple[str, ...] = ()
    confidence: float = 0.0
    field_confidence: tuple[tuple[str, float], ...] = ()  # (field name, 0-1) pairs
    warnings: tuple[str, ...] = ()

    @property
    def reachable(self) -> bool:
        """Whether the contact has a mail address, number, website or profile: a way to reach
        the person."""
        return bool(self.emails or self.phones or self.urls or self.socials)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name.to_dict() if self.name else None,
            "title": self.title,
            "org": self.org,
            "emails": list(self.emails),
            "phones": [p.to_dict() for p in self.phones],
            "urls": list(self.urls),
            "socials": [s.to_dict() for s in self.socials],
            "address": self.address.to_dict() if self.address else None,
            "notes": list(self.notes),
            "confidence": round(self.confidence, 3),
            "field_confidence": {k: round(v, 3) for k, v in self.field_confidence},
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class ScanOutcome:
    """What scanning yields for one card (or for one input that failed)."""

    source: str
    card_index: int
    contact: Optional[Contact] = None
    error: Optional[str] = None  # a one-line message when the input failed
    exit_code: int = 0  # the ExitCode of the error, 0 when none
    card_jpeg: Optional[bytes] = None  # the straightened card, JPEG, when asked for
    skipped: Optional[str] = None  # why a readable card gave no contact (blank, no text)
    merged_from: tuple[tuple[str, int], ...] = field(default_factory=tuple)
    # lines of print that ran into the edge of the card as outlined (an outline that cut
    # through the card: a shadow's edge or a coloured band taken for its side)
    print_cut: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.contact is not None
