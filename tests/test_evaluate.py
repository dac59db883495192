"""The scoring rules of `cardscan eval`."""
from __future__ import annotations

import json

import pytest

from cardscan import evaluate
from cardscan.models import Address, Contact, Name, Phone

TRUTH = {
    "name": "Jane Doe", "title": "CTO", "org": "Acme Inc.",
    "emails": ["jane@acme.com"],
    "phones": [{"number": "+14155550100", "type": "work"}, {"number": "+14155550101", "type": "mobile"}],
    "urls": ["www.acme.com"], "address": "1 Main St, Springfield, IL 62701", "region": "US",
}


def _contact(**kw) -> Contact:
    base = dict(name=Name("JANE  doe"), title="CTO", org="Acme Inc.", emails=("Jane@Acme.com",),
                phones=(Phone("+14155550100", "work"), Phone("+14155550101", "mobile")),
                urls=("https://acme.com/",), address=Address("1 Main St Springfield IL 62701"))
    base.update(kw)
    return Contact(**base)


def test_a_perfect_card_scores_one_everywhere():
    s = evaluate.score_card(_contact(), TRUTH).scores()
    assert all(s[f] == 1.0 for f in evaluate.FIELDS)
    assert s["cards_all_right"] == 1.0


def test_each_field_is_scored_on_its_own():
    c = _contact(title="Chief", phones=(Phone("+14155550100", "fax"), Phone("+14155559999", "work")),
                 urls=())
    s = evaluate.score_card(c, TRUTH).scores()
    assert s["name"] == 1.0 and s["title"] == 0.0 and s["org"] == 1.0
    assert s["phones"] == pytest.approx(0.5)  # 1 tp, 1 fp, 1 fn
    assert s["phone_type"] == 0.0
    assert s["urls"] == 0.0
    assert s["cards_all_right"] == 0.0


def test_missing_card_counts_as_all_wrong_and_both_empty_counts_right():
    s = evaluate.score_card(None, TRUTH).scores()
    assert s["name"] == 0 and s["emails"] == 0 and s["address"] == 0 and s["cards_found"] == 0
    empty = {"name": None, "title": None, "org": None, "emails": [], "phones": [], "urls": [], "address": None}
    s2 = evaluate.score_card(Contact(), empty).scores()
    assert s2["cards_all_right"] == 1.0


def test_unscored_phones_count_neither_way():
    truth = dict(TRUTH, phones=[], unscored_phones=[{"number": "3123-0800", "type": "work"}])
    c = _contact(phones=(Phone("+551131230800", "work"),))
    assert evaluate.score_card(c, truth).scores()["phones"] == 1.0


def test_address_token_f1():
    assert evaluate.token_f1("1 Main St, Springfield", "1 main st springfield") == 1.0
    assert evaluate.token_f1("Main St", "1 Main St") == pytest.approx(0.8)
    assert evaluate.token_f1(None, None) == 1.0 and evaluate.token_f1("x", None) == 0.0


def test_cards_in_one_photo_are_paired_by_content():
    t1 = dict(TRUTH)
    t2 = dict(TRUTH, name="Bob Roe", emails=["bob@roe.com"], phones=[], urls=[], address=None, org=None,
              title=None)
    bob = Contact(name=Name("Bob Roe"), emails=("bob@roe.com",))
    pairs, extra = evaluate.pair_cards([bob, _contact()], [t1, t2])
    assert pairs[0][0].name.full == "JANE  doe" and pairs[1][0] is bob and extra == 0
    pairs, extra = evaluate.pair_cards([bob], [t1, t2])
    assert pairs[0][0] is None and extra == 0


def test_find_samples_both_layouts(tmp_path):
    (tmp_path / "flat").mkdir()
    (tmp_path / "flat" / "a.png").write_bytes(b"x")
    (tmp_path / "flat" / "a.json").write_text(json.dumps([TRUTH]))
    (tmp_path / "flat" / "no-truth.png").write_bytes(b"x")
    (tmp_path / "real" / "images").mkdir(parents=True)
    (tmp_path / "real" / "truth").mkdir()
    (tmp_path / "real" / "images" / "b.jpg").write_bytes(b"x")
    (tmp_path / "real" / "truth" / "b.json").write_text(json.dumps([TRUTH, TRUTH]))
    samples = evaluate.find_samples(str(tmp_path))
    assert [len(s.truth) for s in samples] == [1, 2]


def test_report_groups_by_tier():
    samples = [evaluate.Sample("a", (dict(TRUTH, tier="flat"),)), evaluate.Sample("b", (dict(TRUTH, tier="photo"),))]
    report = evaluate.evaluate(samples, [("a", [_contact()], None), ("b", [], "b: failed")])
    assert set(report.by_tier) == {"flat", "photo"}
    assert report.by_tier["flat"].scores()["mean"] == 1.0
    assert report.by_tier["photo"].scores()["cards_found"] == 0.0
    assert report.overall.scores()["cards_all_right"] == 0.5
    table = evaluate.format_table(report)
    assert "flat" in table and "overall" in table
    assert report.to_dict()["errors"] == ["b: failed"]
