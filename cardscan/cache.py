"""Per-image result cache, so a re-run reads only new or changed photos.

Keyed by the image's content hash, the options that change results, the
tool's version and a fingerprint of its code and word lists (so an install from a newer
checkout with the same version number never serves results of the older code). Stored as
JSON (never pickle: a cache file must not run code).
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

from cardscan import __version__, tessdata
from cardscan.models import Address, Contact, Name, Phone, ScanOutcome, Social
from cardscan.options import Options

FORMAT = 1


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of cardscan's own source and data files: what the results depend on besides the
    options (read once per run; under a megabyte)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".json", ".txt", ".xz")
                       and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


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
        material = json.dumps({"image": digest, "options": options.cache_key(), "engine": self.engine_name, "words": tessdata.mode(),
                               "version": __version__, "code": code_fingerprint(), "format": FORMAT},
                              sort_keys=True)
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
