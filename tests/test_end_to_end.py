"""Real Tesseract over the bundled samples: the whole path, photo → checked vCard."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKER = ROOT.parent / "shared" / "tools" / "check_vcard.py"


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("e2e")
    cache = out / "cache"
    for name, extra in (("contacts.vcf", []), ("contacts40.vcf", ["--vcard-version", "4.0", "--embed-photo"]),
                        ("contacts.jsonl", [])):
        r = subprocess.run([sys.executable, "-m", "cardscan", "scan", str(ROOT / "samples"), "-o", str(out / name),
                            "--cache-dir", str(cache), "-q", *extra],
                           capture_output=True, text=True, timeout=900)
        assert r.returncode == 0, r.stderr
        assert r.stdout == ""  # with -o, stdout stays empty
    return out


@pytest.mark.skipif(not CHECKER.exists(), reason="../shared/tools/check_vcard.py is not beside the repository")
@pytest.mark.parametrize("name", ["contacts.vcf", "contacts40.vcf"])
def test_samples_give_vcards_the_strict_checker_passes(scanned, name):
    r = subprocess.run([sys.executable, str(CHECKER), "--no-info", str(scanned / name)], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_samples_give_one_contact_per_card(scanned):
    rows = [json.loads(line) for line in (scanned / "contacts.jsonl").read_text(encoding="utf-8").splitlines()]
    truth_cards = sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in (ROOT / "samples").glob("*.json"))
    # merging may join the two sides of one person's card, never more than that
    assert truth_cards * 0.85 <= len(rows) <= truth_cards
    assert sum(1 for r in rows if r["emails"] or r["phones"]) >= 0.8 * len(rows)


def test_eval_on_samples_reads_most_fields_right():
    r = subprocess.run([sys.executable, "-m", "cardscan", "eval", str(ROOT / "samples"), "--json", "-q"],
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    overall = json.loads(r.stdout)["cardscan"]["overall"]
    # a floor well under today's figures: it catches a broken stage, not a point of accuracy
    assert overall["cards_found"] >= 0.9
    assert overall["emails"] >= 0.8 and overall["phones"] >= 0.8
    assert overall["mean"] >= 0.7


def test_vcards_read_back_by_an_independent_parser_match_the_json(scanned):
    vobject = pytest.importorskip("vobject")
    rows = [json.loads(line) for line in (scanned / "contacts.jsonl").read_text(encoding="utf-8").splitlines()]
    cards = list(vobject.readComponents((scanned / "contacts.vcf").read_text(encoding="utf-8")))
    assert len(cards) == len(rows)
    for card, row in zip(cards, rows):
        if row["name"]:
            assert card.fn.value == row["name"]["full"]
            n = card.n.value
            assert (n.family, n.given) == (row["name"]["family"], row["name"]["given"])
        if row["org"]:
            assert card.org.value[0] == row["org"]
        if row["title"]:
            assert card.title.value == row["title"]
        emails = sorted(e.value for e in card.contents.get("email", []))
        assert emails == sorted(row["emails"])
        tels = sorted(t.value.split(" x")[0] for t in card.contents.get("tel", []))
        assert tels == sorted(p["number"] for p in row["phones"])
        types = {t.value.split(" x")[0]: {v.upper() for v in t.params.get("TYPE", [])}
                 for t in card.contents.get("tel", [])}
        for p in row["phones"]:
            want = {"mobile": "CELL", "fax": "FAX", "work": "WORK"}.get(p["type"])
            if want:
                assert want in types[p["number"]]
        if row["address"]:
            adr = card.adr.value
            assert adr.city == row["address"]["city"] and adr.code == row["address"]["postcode"]
