"""Scoring scans against ground truth, per field and per card.

Truth files are JSON lists with one object per card (see samples/README.md):
beside each image (same stem, .json) or in a truth/ folder beside images/.

Scoring (kept deliberately strict and simple so that figures mean the same thing over time):
- name, title, org: exact match after case folding and whitespace normalisation
  (a card where truth and scan both have none counts as right);
- emails, phones (E.164) and urls: sets, micro-averaged precision/recall/F1 over all cards;
  urls compare without scheme, "www." and a trailing slash; printed numbers that the truth
  marks unscored (not valid as printed) count neither way;
- phone type: share of correctly found numbers whose type is right;
- address: token F1 (case-folded word tokens), averaged over cards;
- a card is all right when every field above is right (address token F1 ≥ 0.8).
Predicted cards are paired with truth cards by content, so a multi-card photo read in
another order is not punished twice; a truth card with no scan counts as all fields wrong.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from cardscan.imageio import IMAGE_SUFFIXES
from cardscan.models import Contact

TEXT_FIELDS = ("name", "title", "org")
SET_FIELDS = ("emails", "phones", "urls")
FIELDS = ("name", "title", "org", "emails", "phones", "phone_type", "urls", "address")
ADDRESS_RIGHT = 0.8


@dataclass(frozen=True)
class Sample:
    image: str
    truth: tuple[dict[str, Any], ...]


def find_samples(directory: str) -> list[Sample]:
    """Images with truth under DIR: DIR/x.jpg + DIR/x.json, or DIR/images/x.jpg + DIR/truth/x.json."""
    root = Path(directory)
    out = []
    for img in sorted(p for p in root.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()):
        candidates = [img.with_suffix(".json")]
        if img.parent.name == "images":
            candidates.append(img.parent.parent / "truth" / (img.stem + ".json"))
        for c in candidates:
            if c.is_file():
                data = json.loads(c.read_text(encoding="utf-8"))
                out.append(Sample(str(img), tuple(data if isinstance(data, list) else [data])))
                break
    return out


def norm_text(s: Optional[str]) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).casefold()
    return " ".join(s.split())


def norm_url(u: str) -> str:
    u = u.strip().casefold()
    u = re.sub(r"^[a-z][a-z0-9+.-]*://", "", u)
    u = re.sub(r"^www\.", "", u)
    return u.rstrip("/")


def tokens(s: Optional[str]) -> list[str]:
    return re.findall(r"\w+", norm_text(s))


def token_f1(pred: Optional[str], truth: Optional[str]) -> float:
    p, t = tokens(pred), tokens(truth)
    if not p and not t:
        return 1.0
    if not p or not t:
        return 0.0
    from collections import Counter

    common = sum((Counter(p) & Counter(t)).values())
    if common == 0:
        return 0.0
    prec, rec = common / len(p), common / len(t)
    return 2 * prec * rec / (prec + rec)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


@dataclass
class Tally:
    """Counts over many cards; turn into scores with .scores()."""

    cards: int = 0
    right: dict[str, float] = field(default_factory=lambda: {f: 0.0 for f in ("name", "title", "org")})
    tp: dict[str, int] = field(default_factory=lambda: {f: 0 for f in SET_FIELDS})
    fp: dict[str, int] = field(default_factory=lambda: {f: 0 for f in SET_FIELDS})
    fn: dict[str, int] = field(default_factory=lambda: {f: 0 for f in SET_FIELDS})
    type_right: int = 0
    type_total: int = 0
    address: float = 0.0
    all_right: int = 0
    found: int = 0  # truth cards that a scanned card was paired with
    extra: int = 0  # scanned cards with no truth card

    def add(self, other: "Tally") -> None:
        self.cards += other.cards
        for k in self.right:
            self.right[k] += other.right[k]
        for d, o in ((self.tp, other.tp), (self.fp, other.fp), (self.fn, other.fn)):
            for k in d:
                d[k] += o[k]
        self.type_right += other.type_right
        self.type_total += other.type_total
        self.address += other.address
        self.all_right += other.all_right
        self.found += other.found
        self.extra += other.extra

    def f1(self, f: str) -> float:
        tp, fp, fn = self.tp[f], self.fp[f], self.fn[f]
        if tp + fp + fn == 0:
            return 1.0
        return 2 * tp / (2 * tp + fp + fn)

    def scores(self) -> dict[str, float]:
        n = max(self.cards, 1)
        s = {f: self.right[f] / n for f in ("name", "title", "org")}
        for f in SET_FIELDS:
            s[f] = self.f1(f)
        s["phone_type"] = self.type_right / self.type_total if self.type_total else 1.0
        s["address"] = self.address / n
        s["mean"] = sum(s[f] for f in FIELDS) / len(FIELDS)
        s["cards_all_right"] = self.all_right / n
        s["cards_found"] = self.found / n
        return s


def score_card(pred: Optional[Contact], truth: dict[str, Any]) -> Tally:
    t = Tally(cards=1)
    ok = True
    pred_text = {
        "name": pred.name.full if pred and pred.name else None,
        "title": pred.title if pred else None,
        "org": pred.org if pred else None,
    }
    for f in ("name", "title", "org"):
        good = norm_text(pred_text[f]) == norm_text(truth.get(f))
        t.right[f] = 1.0 if good else 0.0
        ok &= good

    unscored = {_digits(p.get("number", ""))[-7:] for p in truth.get("unscored_phones", []) if p.get("number")}
    pred_sets = {
        "emails": {e.casefold() for e in (pred.emails if pred else ())},
        "phones": {p.number for p in (pred.phones if pred else ())
                   if not (unscored and _digits(p.number)[-7:] in unscored)},
        "urls": {norm_url(u) for u in (pred.urls if pred else ())},
    }
    truth_sets = {
        "emails": {e.casefold() for e in truth.get("emails", [])},
        "phones": {p["number"] for p in truth.get("phones", [])},
        "urls": {norm_url(u) for u in truth.get("urls", [])},
    }
    for f in SET_FIELDS:
        p, q = pred_sets[f], truth_sets[f]
        t.tp[f], t.fp[f], t.fn[f] = len(p & q), len(p - q), len(q - p)
        ok &= p == q

    truth_types = {p["number"]: p.get("type", "work") for p in truth.get("phones", [])}
    for p in (pred.phones if pred else ()):
        if p.number in truth_types:
            t.type_total += 1
            if p.type == truth_types[p.number]:
                t.type_right += 1
            else:
                ok = False
    addr = token_f1(pred.address.text if pred and pred.address else None, truth.get("address"))
    t.address = addr
    ok &= addr >= ADDRESS_RIGHT
    t.all_right = 1 if ok else 0
    t.found = 1 if pred is not None else 0
    return t


def _similarity(pred: Contact, truth: dict[str, Any]) -> float:
    """How likely a scanned card is this truth card (for pairing cards within one photo)."""
    score = 0.0
    score += 3 * len({e.casefold() for e in pred.emails} & {e.casefold() for e in truth.get("emails", [])})
    score += 3 * len({p.number for p in pred.phones} & {p["number"] for p in truth.get("phones", [])})
    score += 2 * token_f1(pred.name.full if pred.name else None, truth.get("name"))
    score += token_f1(pred.org, truth.get("org"))
    score += token_f1(pred.address.text if pred.address else None, truth.get("address"))
    return score


def pair_cards(preds: list[Contact], truths: list[dict[str, Any]]) -> tuple[list[tuple[Optional[Contact], dict]], int]:
    """Greedy best-first pairing by similarity; returns pairs (pred may be None) and the extras."""
    if len(preds) == 1 and len(truths) == 1:
        return [(preds[0], truths[0])], 0
    cand = sorted(((_similarity(p, t), i, j) for i, p in enumerate(preds) for j, t in enumerate(truths)),
                  key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_t: set[int] = set()
    pairs: dict[int, int] = {}
    for s, i, j in cand:
        if i in used_p or j in used_t:
            continue
        pairs[j] = i
        used_p.add(i)
        used_t.add(j)
    out = [(preds[pairs[j]] if j in pairs else None, t) for j, t in enumerate(truths)]
    return out, len(preds) - len(pairs)


@dataclass
class Report:
    overall: Tally
    by_tier: dict[str, Tally]
    images: int
    errors: list[str]
    extra_images: int  # images where more cards were scanned than the truth holds

    def to_dict(self) -> dict[str, Any]:
        return {
            "images": self.images,
            "cards": self.overall.cards,
            "overall": _rounded(self.overall.scores()),
            "spurious_card_images": self.extra_images,
            "by_tier": {k: dict(_rounded(v.scores()), cards=v.cards) for k, v in sorted(self.by_tier.items())},
            "errors": self.errors,
        }


def _rounded(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) for k, v in d.items()}


def evaluate(samples: list[Sample], results: Iterable[tuple[str, list[Contact], Optional[str]]]) -> Report:
    """Score scan results ((image, contacts in reading order, error or None) per image)."""
    by_image = {s.image: s for s in samples}
    overall = Tally()
    tiers: dict[str, Tally] = {}
    errors: list[str] = []
    extra_images = 0
    for image, contacts, error in results:
        sample = by_image[image]
        if error:
            errors.append(error)
        pairs, extra = pair_cards(list(contacts), list(sample.truth))
        extra_images += 1 if extra > 0 else 0
        for pred, truth in pairs:
            t = score_card(pred, truth)
            overall.add(t)
            tier = truth.get("tier") or "all"
            tiers.setdefault(tier, Tally()).add(t)
        overall.extra += extra
    return Report(overall, tiers, len(samples), errors, extra_images)


def format_table(report: Report, title: str = "") -> str:
    cols = ["cards", *FIELDS, "mean", "all_right", "found"]
    head = f"{'tier':<10}" + "".join(f"{c:>11}" for c in cols)
    rows = [title] if title else []
    rows += [head, "-" * len(head)]

    def row(name: str, t: Tally) -> str:
        s = t.scores()
        vals = [f"{t.cards:>11d}"] + [f"{s[f]:>11.3f}" for f in FIELDS] + [
            f"{s['mean']:>11.3f}", f"{s['cards_all_right']:>11.3f}", f"{s['cards_found']:>11.3f}"]
        return f"{name:<10}" + "".join(vals)

    if len(report.by_tier) > 1 or "all" not in report.by_tier:
        for name, t in sorted(report.by_tier.items()):
            rows.append(row(name, t))
        rows.append("-" * len(head))
    rows.append(row("overall", report.overall))
    rows.append(f"images: {report.images}, images with spurious extra cards: {report.extra_images}, "
                f"failed: {len(report.errors)}")
    return "\n".join(rows)
