"""Nothing is lost silently: an empty body always carries its warning, a fallback extraction
is counted in a batch's summary, and ``cleaner eval`` lists the pages a system loses against a
peer. (The heuristics that keep the article — H019, H020, H021 — have their tests in
``tests/heuristics/``.)"""
from __future__ import annotations

import json

from cleaner import clean_html, clean_text
from cleaner.progress import Stats
from tests.heuristics.cases import ARTICLE, PARAS, kept, page


# -- empty bodies are never silent ------------------------------------------------------------------
def test_empty_body_from_text_is_a_warning():
    a = clean_text("Leave a Comment\n\nShare on Facebook\n\nShare on Twitter")
    assert a.body == "" and [w["code"] for w in a.warnings] == ["empty_body"]


def test_empty_body_from_html_is_a_warning():
    a = clean_html(page('<nav><a href="/">Home</a></nav>'))
    assert a.body == "" and [w["code"] for w in a.warnings] == ["empty_body"]


def test_batch_summary_counts_warnings():
    stats = Stats()
    stats.add({"warnings": [{"code": "empty_body", "message": "…"}]}, 10, 10)
    stats.add({"warnings": []}, 10, 10)
    assert "warnings: empty_body 1" in stats.summary()


def test_a_clean_article_has_no_warning():
    a = clean_html(page(f"<article><h1>Cooling centres open</h1>{ARTICLE}</article>"))
    assert a.warnings == [] and kept(a) == 5
    assert json.loads(json.dumps(a.to_dict()))["warnings"] == []


def test_eval_counts_pages_lost_against_a_peer():
    from cleaner.evaluate import GoldPage, GoldSet, Prediction, System, evaluate, format_table

    body = " ".join(PARAS * 3)
    gold = GoldSet(path=__import__("pathlib").Path("g"), format="jsonl", pages=[
        GoldPage(id="a", body=body, html="<p>x</p>"), GoldPage(id="b", body=body, html="<p>x</p>")])
    ours = System("ours", lambda p: Prediction(body="" if p.id == "a" else body[: len(body) // 3]))
    peer = System("peer", lambda p: Prediction(body=body))
    ev = evaluate(gold, [ours, peer])
    assert ev.to_dict()["lost"] == {"against": "peer", "empty": ["a"], "recall_far_below": ["b"]}
    assert "recall far below" in format_table(ev)
