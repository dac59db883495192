"""The options of one scan: a frozen value, validated once before any work."""
from __future__ import annotations

import dataclasses
import locale
import os
from dataclasses import dataclass
from typing import Optional

import phonenumbers

from cardscan.errors import UsageError

FALLBACK_REGION = "US"
# The OCR engines --engine names (ocr.make_engine makes them), the first that works for auto.
ENGINES = ("auto", "tesserocr", "tesseract", "pytesseract")


def region_from_locale() -> str:
    """The country of the user's locale (LC_ALL / LC_MESSAGES / LANG), else US."""
    candidates = [os.environ.get(k, "") for k in ("LC_ALL", "LC_TELEPHONE", "LC_MESSAGES", "LANG")]
    try:
        candidates.append(locale.getlocale()[0] or "")
    except ValueError:
        pass
    for value in candidates:
        base = value.split(".")[0]
        if "_" in base:
            cc = base.split("_")[1].upper()
            if cc in phonenumbers.SUPPORTED_REGIONS:
                return cc
    return FALLBACK_REGION


@dataclass(frozen=True)
class Options:
    region: Optional[str] = None  # --region: forces the country for numbers without +CC
    default_region: str = FALLBACK_REGION  # used when the card itself says nothing
    lang: str = "eng"
    engine: str = "auto"
    max_cards: int = 8
    max_megapixels: float = 100.0
    ocr_timeout: float = 60.0
    debug_dir: Optional[str] = None
    embed_photo: bool = False
    # the Japanese print of a card read in Latin script read again with Tesseract's Japanese
    # model, when it is installed (see reread.mend_japanese; the CLI sets it to whether it is)
    japanese: bool = True

    def validate(self) -> "Options":
        if self.region is not None:
            cc = self.region.upper()
            if cc not in phonenumbers.SUPPORTED_REGIONS:
                raise UsageError(f"--region {self.region!r} is not a country code such as US, DE or BR")
            return dataclasses.replace(self, region=cc).validate_rest()
        return self.validate_rest()

    def validate_rest(self) -> "Options":
        if not self.lang or any(not part.replace("_", "").isalnum() for part in self.lang.split("+")):
            raise UsageError(f"--lang {self.lang!r} should look like eng or eng+deu")
        if not 1 <= self.max_cards <= 50:
            raise UsageError("--max-cards must be between 1 and 50")
        if self.max_megapixels <= 0:
            raise UsageError("--max-megapixels must be positive")
        if self.ocr_timeout <= 0:
            raise UsageError("--ocr-timeout must be positive")
        return self

    def cache_key(self) -> dict:
        """The options that change what a scan returns (and so key the result cache)."""
        return {"region": self.region, "default_region": self.default_region, "lang": self.lang,
                "max_cards": self.max_cards, "embed_photo": self.embed_photo, "japanese": self.japanese}
