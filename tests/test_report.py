"""``cleaner report``: the HTML page's structure, counts, escaping and size (no browser here:
the screenshot in docs/report.png is made by hand with headless Chromium)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter

import lxml.html
import pytest

from cleaner import Cleaner
from cleaner.heuristics import HEURISTICS
from cleaner.pipeline import Explanation
from cleaner.record import Article, Removal
from cleaner.report import report_html
from conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
PAGES = [FIXTURES / "html" / n for n in ("mixed_wordpress_1.html", "embedded_tweet_1.html", "comments_1.html")]
HOSTILE = "</script><script>alert(1)</script>"


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


@pytest.fixture(scope="module")
def explained(cleaner):
    return [(str(p), cleaner.explain(p.read_bytes(), kind="html" if p.suffix == ".html" else "text"))
            for p in SEEDS + PAGES]


def parse(page: str):
    """The page's tree, its embedded data, and each document's fragment parsed."""
    tree = lxml.html.fromstring(page)
    data = json.loads(tree.get_element_by_id("report-data").text)
    return tree, data, [lxml.html.fragment_fromstring(f, create_parent="div") for f in data["docs"]]


def removals(explanation) -> list[Removal]:
    return [r for _, r in explanation.blocks if r is not None]


def test_one_section_per_document_and_a_mark_per_removal(explained, cleaner):
    tree, data, fragments = parse(report_html(explained, rules=cleaner.rules))
    sections = tree.cssselect("details.doc")
    assert len(sections) == len(explained) == len(fragments)
    for (doc_id, e), section, fragment in zip(explained, sections, fragments):
        assert section.cssselect("summary .id")[0].text_content() == doc_id
        marks = fragment.cssselect("mark")
        assert [(m.get("data-category"), m.get("data-rule")) for m in marks] == [(r.category, r.rule) for r in removals(e)]
        assert Counter((m.get("data-category"), m.get("data-rule")) for m in marks) == Counter(
            (r.category, r.rule) for r in e.article.removed)  # the record's removals, each in its place
        kept = [p.text_content() for p in fragment.cssselect(".text > p:not(.rm)")]
        assert kept == [t for t, r in e.blocks if r is None]
        assert all(p.text_content() in e.article.body for p in fragment.cssselect(".text > p:not(.rm)"))
    assert sum(len(removals(e)) for _, e in explained) > 30  # every category is on show
    assert {m.get("data-category") for f in fragments for m in f.cssselect("mark")} >= {
        "navigation", "metadata", "comments", "see_also", "embedded_tweet", "cookie_banner"}


def test_counts_per_document_and_in_total(explained, cleaner):
    tree, _, _ = parse(report_html(explained, rules=cleaner.rules))
    total: Counter[str] = Counter()
    for (_, e), section in zip(explained, tree.cssselect("details.doc")):
        want = Counter(r.category for r in removals(e))
        got = {b.get("data-category"): int(b.text) for b in section.cssselect("summary .counts .n")}
        assert got == dict(want)
        assert int(section.cssselect("summary .total")[0].text) == sum(want.values()) == int(section.get("data-removals"))
        assert section.get("data-categories").split() == sorted(want)
        assert section.get("data-rules").split() == sorted({r.rule for r in removals(e)})
        total += want
    chips = {c.get("data-category"): int(c.cssselect(".n")[0].text) for c in tree.cssselect("#categories .chip")}
    assert {c: n for c, n in chips.items() if n} == dict(total)
    assert f"{len(explained)} documents, {sum(total.values())} removals" in tree.cssselect("header .summary")[0].text


def test_every_rule_comes_with_its_why_and_a_filter(explained, cleaner):
    tree, data, _ = parse(report_html(explained, rules=cleaner.rules))
    used = {r.rule for _, e in explained for r in removals(e)}
    assert set(data["rules"]) == used
    heuristics = {h.id: h for h in HEURISTICS}
    for rid, info in data["rules"].items():
        found = cleaner.rules.by_id.get(rid) or heuristics[rid]
        assert info["why"] == found.why and info["category"] == found.category
    assert {o.get("value") for o in tree.cssselect("select#rule option")} == used | {""}


def test_metadata_warnings_and_error_records_are_shown(explained, cleaner):
    failed = Article.failed(ValueError("boom"), id="broken.html")
    warned = Article(id="w", title="A title", body="One paragraph.", authors=["Jane Doe"], date="2024-03-25",
                     removed=[Removal("promo", "PR002", "Advertisement")],
                     warnings=[{"code": "empty_body", "message": "nothing kept"}])
    tree, data, fragments = parse(report_html([*explained[:1], failed, warned], rules=cleaner.rules))
    assert len(tree.cssselect("details.doc")) == 3
    assert "boom" in fragments[1].cssselect(".error")[0].text_content()
    assert tree.cssselect("details.doc")[1].cssselect(".bad")
    meta = {dt.text_content(): dd.text_content() for dt, dd in zip(fragments[2].cssselect("dt"), fragments[2].cssselect("dd"))}
    assert meta["title"] == "A title" and meta["authors"] == "Jane Doe" and meta["date"] == "2024-03-25"
    assert "empty_body" in fragments[2].cssselect(".warn")[0].text_content()
    assert [m.get("data-rule") for m in fragments[2].cssselect("mark")] == ["PR002"]
    seed = explained[0][1].article  # an explanation's metadata: what the record says
    got = {dt.text_content(): dd.text_content() for dt, dd in zip(fragments[0].cssselect("dt"), fragments[0].cssselect("dd"))}
    for key in ("title", "date", "source", "section", "url", "dateline"):
        value = getattr(seed, key)
        if value:
            assert got[key].startswith(value if isinstance(value, str) else value.text)
        else:
            assert key in got["none"].split(", ")


def test_hostile_text_cannot_break_out(cleaner):
    text = (f"{HOSTILE}\n<img src=x onerror=alert(2)> & \u2028 <!-- \ud800\n"
            + "The council approved the budget on Thursday after a long debate, officials said. " * 3
            + "\nShare this:\nFacebook\nTwitter\n" + HOSTILE + "\n")
    e = cleaner.explain(text, kind="text")  # (the text stage strips stray markup: the blocks below keep it)
    img = "<img src=x onerror=alert(2)> & \u2028 <!-- \ud800"
    e = Explanation(e.article, [(HOSTILE, None), (img, Removal("promo", "PR002", img)), *e.blocks], e.pruned)
    evil_id = f'"><svg onload=alert(3)>{HOSTILE}'
    record = Article(id=HOSTILE, title=HOSTILE, url="javascript:alert(4)", body=HOSTILE,
                     removed=[Removal(f"x</style>{HOSTILE}", f'"{HOSTILE}', HOSTILE)],
                     warnings=[{"code": HOSTILE, "message": HOSTILE}])
    page = report_html([(evil_id, e), record], rules=cleaner.rules, title=HOSTILE)
    page.encode("utf-8")  # the lone surrogate was replaced
    assert len(re.findall(r"<script", page, re.I)) == 2  # the data and the page's own script
    assert len(re.findall(r"</script", page, re.I)) == 2
    tree, data, fragments = parse(page)
    assert [s.get("id") or s.get("type") for s in tree.iter("script")] == ["report-data", None]
    assert not tree.cssselect("img, svg, iframe, object, embed") and not tree.xpath("//@onerror|//@onload")
    section = tree.cssselect("details.doc")[0]
    assert section.cssselect("summary .id")[0].text_content() == evil_id
    for fragment in fragments:
        assert not fragment.cssselect("script, img, svg") and not fragment.xpath("//@onerror|//@onload")
        assert not fragment.xpath("//a|//@href")
    assert HOSTILE in fragments[0].text_content() and "<img src=x onerror=alert(2)> & \u2028 <!-- \ufffd" in fragments[0].text_content()
    assert HOSTILE in fragments[1].text_content()
    raw = page.split('id="report-data">')[1].split("</script>")[0]
    assert "<" not in raw and ">" not in raw and "&" not in raw and "\u2028" not in raw
    assert tree.find(".//title").text == HOSTILE
    style = tree.find(".//style").text
    assert HOSTILE not in style and "</style" not in style


def test_self_contained_no_external_assets(explained, cleaner):
    page = report_html(explained, rules=cleaner.rules)
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//link|//img|//iframe|//object|//embed|//script[@src]|//@src|//@href")
    code = tree.find(".//style").text + "".join(s.text or "" for s in tree.iter("script") if s.get("id") is None)
    assert not re.search(r"https?://|@import|url\(|fetch\(|XMLHttpRequest|\bimport\(", code)
    head = page.split('<script type="application/json"')[0]
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://""", head, re.I)
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp


def test_a_thousand_documents_stay_small(explained, cleaner):
    docs = [(f"batch/{i:04}.txt", explained[i % len(explained)][1]) for i in range(1000)]
    page = report_html(docs, rules=cleaner.rules)
    tree, data, _ = parse(page)
    assert len(tree.cssselect("details.doc")) == 1000 and len(data["docs"]) == 1000
    text = sum(len(t) for _, e in docs for t, _ in e.blocks)
    assert len(page) < 2.5 * text + 1500 * 1000  # the text once (its markup JSON-escaped), a header per document
    # the texts are not in the DOM until opened: the page's elements are the headers only
    static = page.split('<script type="application/json"')[0]
    assert len(static) < 1000 * 1200 and len(tree.cssselect("mark")) == 0
    assert len(list(tree.iter())) < 1000 * 14


def test_cli_report_on_files_folders_globs_and_jsonl(tmp_path):
    out = tmp_path / "r.html"
    args = [sys.executable, "-m", "cleaner", "report", str(FIXTURES / "seeds"), str(FIXTURES / "html" / "promo_*.html"),
            str(FIXTURES / "batch" / "mixed.jsonl"), str(PAGES[0]), "-o", str(out)]
    p = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert p.returncode == 1, p.stderr  # mixed.jsonl holds broken records: shown as errors, and said so
    assert "Traceback" not in p.stderr and "inputs failed" in p.stderr
    tree, data, fragments = parse(out.read_text(encoding="utf-8"))
    ids = [s.cssselect("summary .id")[0].text_content() for s in tree.cssselect("details.doc")]
    assert len(ids) == 5 + 1 + 6 + 1 and ids[6] == "m1" and ids[-1] == str(PAGES[0])
    assert any("promo_1.html" in i for i in ids)
    assert len(tree.cssselect("details.doc .bad")) == 3
    again = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert again.returncode == 2 and "exists" in again.stderr  # no silent overwrite
    assert not list(tmp_path.glob(".*.tmp"))
    (tmp_path / "empty").mkdir()
    none = subprocess.run([*args[:4], str(tmp_path / "empty"), "-o", str(tmp_path / "n.html")],
                          capture_output=True, text=True, timeout=120)
    assert none.returncode == 2 and "no inputs" in none.stderr and not (tmp_path / "n.html").exists()
