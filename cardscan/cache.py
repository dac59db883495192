"""Per-image result cache, so a re-run reads only new or changed photos.

Keyed by the image's content hash, the options that change results and the
tool's version. Stored as JSON (never pickle: a cache file must not run code).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

from cardscan import __version__
from cardscan.models import Address, Contact, Name, Phone, ScanOutcome, Social
from cardscan.options import Options

FORMAT = 1


def default_dir() -> Path:
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "cardscan"


def _contact_from(d: dict[str, Any]) -> Contact:
    return Contact(
        name=Name(**d["name"]) if d.get("name") else None,
        title=d.get("title"),
        org=d.get("org"),
        emails=tuple(d.get("emails", ())),
        phones=tuple(Phone(**p) for p in d.get("phones", ())),
        urls=tuple(d.get("urls", ())),
        socials=tuple(Social(**s) for s in d.get("socials", ())),
        address=Address(**d["address"]) if d.get("address") else None,
        notes=tuple(d.get("notes", ())),
        confidence=float(d.get("confidence", 0.0)),
        field_confidence=tuple((k, float(v)) for k, v in d.get("field_confidence", {}).items()),
        warnings=tuple(d.get("warnings", ())),
    )


def outcome_to_dict(o: ScanOutcome) -> dict[str, Any]:
    return {
        "card": o.card_index,
        "contact": o.contact.to_dict() if o.contact else None,
        "skipped": o.skipped,
        "jpeg": base64.b64encode(o.card_jpeg).decode("ascii") if o.card_jpeg else None,
    }


def outcome_from_dict(source: str, d: dict[str, Any]) -> ScanOutcome:
    return ScanOutcome(
        source=source,
        card_index=int(d["card"]),
        contact=_contact_from(d["contact"]) if d.get("contact") else None,
        skipped=d.get("skipped"),
        card_jpeg=base64.b64decode(d["jpeg"]) if d.get("jpeg") else None,
    )


class Cache:
    def __init__(self, directory: Path | str, engine_name: str = ""):
        self.dir = Path(directory)
        self.engine_name = engine_name

    def key(self, digest: str, options: Options) -> str:
        material = json.dumps({"image": digest, "options": options.cache_key(), "engine": self.engine_name,
                               "version": __version__, "format": FORMAT}, sort_keys=True)
        return hashlib.sha256(material.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str, source: str) -> Optional[list[ScanOutcome]]:
        """The cached outcomes, relabelled with the current path; None on a miss or a bad entry."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return [outcome_from_dict(source, d) for d in data["outcomes"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, outcomes: list[ScanOutcome]) -> None:
        """Store atomically; a cache that cannot be written only costs speed, never the scan."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump({"outcomes": [outcome_to_dict(o) for o in outcomes]}, fh, ensure_ascii=False)
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            pass
