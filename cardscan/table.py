"""A plain-text table of contacts, for people reading a terminal (not for import)."""
from __future__ import annotations

from typing import Iterable

from cardscan.models import ScanOutcome

COLUMNS = ("card", "name", "title", "org", "email", "phones", "web")
WIDTHS = (30, 24, 24, 24, 30, 34, 24)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def dumps(items: Iterable[ScanOutcome]) -> str:
    from pathlib import Path

    rows = [COLUMNS]
    for o in items:
        c = o.contact
        if c is None:
            continue
        phones = ", ".join(f"{p.type[0].upper()} {p.number}" for p in c.phones)
        rows.append((
            f"{Path(o.source).name}#{o.card_index}",
            c.name.full if c.name else "",
            c.title or "",
            c.org or "",
            ", ".join(c.emails),
            phones,
            ", ".join(c.urls),
        ))
    lines = []
    for i, row in enumerate(rows):
        lines.append("  ".join(_clip(v, w).ljust(w) for v, w in zip(row, WIDTHS)).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in WIDTHS))
    lines.append(f"{len(rows) - 1} contact{'s' if len(rows) != 2 else ''}")
    return "\n".join(lines) + "\n"
