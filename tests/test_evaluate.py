"""cleaner eval: the gold loaders, metadata normalisation, scoring and the command."""
from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, ROOT
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.evaluate import (
    GoldError,
    GoldPage,
    GoldSet,
    Prediction,
    System,
    body_diff,
    cleaner_system,
    detect_format,
    evaluate,
    field_hit,
    format_table,
    gold_authors,
    html_to_text,
    load_gold,
    norm_date,
    norm_text,
    same_day,
    title_hit_loose,
)

GOLD = FIXTURES / "gold"
SHARED = ROOT.parent / "shared" / "benchmarks"
runner = CliRunner()


# -- loaders -------------------------------------------------------------------------------
def test_detect_format():
    assert detect_format(GOLD / "aeb") == "aeb"
    assert detect_format(GOLD / "readability") == "readability"
    assert detect_format(GOLD / "gold.jsonl") == "jsonl"
    with pytest.raises(GoldError, match="no such"):
        detect_format(GOLD / "nowhere")
    with pytest.raises(GoldError, match="neither"):
        detect_format(FIXTURES / "seeds")


def test_load_aeb():
    gold = load_gold(GOLD / "aeb")
    assert gold.format == "aeb" and sorted(p.id for p in gold.pages) == ["bridge-closure", "library-hours"]
    page = next(p for p in gold.pages if p.id == "library-hours")
    assert page.html.startswith(b"<!DOCTYPE html>") and page.url.startswith("https://")
    assert page.body.startswith("Northfield's central library") and page.text is None


def test_load_readability_turns_expected_html_into_lines_and_maps_metadata():
    gold = load_gold(GOLD / "readability")
    page = next(p for p in gold.pages if p.id == "ferry-timetable")
    lines = page.body.splitlines()
    assert len(lines) == 6 and lines[3] == "More sailings in the evening"
    assert lines[0].startswith("The harbour ferry") and "<p>" not in page.body
    assert page.title.endswith("| Greyport Gazette") and page.source == "Greyport Gazette"
    assert page.gold("authors") == ["Marta Quill"]  # "By Marta Quill" split into names
    assert norm_date(page.date) == "2023-11-14"
    other = next(p for p in gold.pages if p.id == "allotment-prize")
    assert other.gold("authors") == ["Tom Reyes", "Ana Lindqvist"] and other.gold("source") is None


def test_load_jsonl_html_and_text_pages():
    gold = load_gold(GOLD / "gold.jsonl")
    pages = {p.id: p for p in gold.pages}
    assert list(pages) == ["orchestra", "herring", "repair-cafe"]
    assert pages["orchestra"].html and pages["orchestra"].text is None
    assert pages["herring"].html is None and pages["herring"].text.startswith("Herring catch")
    assert pages["herring"].dateline == {"place": "OSLO", "agency": "Reuters"}
    assert pages["repair-cafe"].gold("authors") == ["Ruth Calloway", "Ben Ashdown"]
    assert [p.id for p in load_gold(GOLD / "gold.jsonl", only="herr").pages] == ["herring"]
    assert len(load_gold(GOLD / "gold.jsonl", limit=2).pages) == 2


@pytest.mark.parametrize("line, message", [
    ('{"id": "a", "text": "x"}', "'body'"),
    ('{"id": "a", "body": "x"}', "'html' or 'text'"),
    ("not json", "not JSON"),
    ('{"id": "a", "text": "x", "body": "x"}\n{"id": "a", "text": "y", "body": "y"}', "duplicate id"),
])
def test_load_jsonl_errors_name_the_line(tmp_path, line, message):
    f = tmp_path / "bad.jsonl"
    f.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=message) as e:
        load_gold(f)
    assert str(f) in str(e.value)


def test_html_to_text_separates_blocks():
    html = ("<div><h1>Head</h1><p>One <b>bold</b> line<br>and a break</p><script>var x = 1;</script>"
            "<ul><li>first</li><li>second</li></ul><table><tr><td>a</td><td>b</td></tr></table></div>")
    assert html_to_text(html) == "Head\nOne bold line\nand a break\nfirst\nsecond\na b"
    assert html_to_text("") == ""


# -- metadata normalisation ------------------------------------------------------------------
def test_norm_text_unifies_quotes_dashes_case_and_space():
    assert norm_text("  “It’s”   Here —  Now ") == norm_text('"it\'s" here - now') == "\"it's\" here - now"
    assert norm_text(None) == ""


def test_dates_same_day():
    assert same_day("2024-03-23", "2024-03-23T10:00:00")
    assert same_day("March 23, 2024", "2024-03-23")
    assert not same_day("2024-03-22", "2024-03-23")
    assert not same_day(None, "2024-03-23")
    # a timestamp with a zone may be printed as the next local day somewhere east
    assert same_day("2018-06-13", "2018-06-12T23:00:00.000Z")
    assert not same_day("2018-06-15", "2018-06-12T23:00:00.000Z")


def test_authors_as_a_set_of_names():
    assert gold_authors("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"]
    assert field_hit("authors", ["John Roe", "jane doe"], ["Jane Doe", "John Roe"])
    assert field_hit("authors", ["John C Welch"], "John C. Welch")
    assert not field_hit("authors", ["Jane Doe"], ["Jane Doe", "John Roe"])


def test_title_source_and_dateline_hits():
    assert field_hit("title", "Mayor’s plan", "mayor's  plan")
    assert not field_hit("title", "Mayor's plan", "Mayor's plan | Daily Site")
    assert title_hit_loose("Mayor's plan", "Mayor's plan | Daily Site")
    assert title_hit_loose("Mayor's plan", "Daily Site - Mayor's plan")
    assert not title_hit_loose("Mayor's", "Mayor's plan")
    assert field_hit("source", "Example Media, Inc", "Example Media, Inc.")
    assert field_hit("dateline", {"text": "OSLO, Oct 6 (Reuters) -", "place": "OSLO", "agency": "Reuters"},
                     {"place": "Oslo", "agency": "Reuters"})
    assert field_hit("dateline", {"text": "OSLO (Reuters) —"}, "OSLO (Reuters)")
    assert not field_hit("dateline", None, "OSLO (Reuters)")


def test_body_diff_lists_missing_and_extra_lines():
    gold = "The first paragraph of the story is here.\nThe second paragraph has other words in it."
    pred = "The first paragraph of the story is here.\nShare this article on Facebook"
    missing, extra = body_diff(pred, gold)
    assert missing == ["The second paragraph has other words in it."]
    assert extra == ["Share this article on Facebook"]


# -- scoring --------------------------------------------------------------------------------
def test_evaluate_counts_errors_as_empty_and_skips_text_for_html_only_systems():
    pages = [GoldPage("a", "alpha beta gamma delta epsilon", html="<p>x</p>", title="T"),
             GoldPage("b", "one two three four five", text="one two three four five")]

    def flaky(page):
        if page.id == "a":
            raise RuntimeError("boom")
        return Prediction(body=page.text, title="T")

    ev = evaluate(GoldSet(GOLD, "jsonl", pages), [System("flaky", flaky, ("title",), text=True),
                                                  System("html-only", lambda p: Prediction(body=p.body))])
    flaky_report, html_only = ev.reports
    assert flaky_report.errors == [("a", "RuntimeError: boom")]
    assert flaky_report.body.empty == 1 and flaky_report.body.precision == 1.0 and flaky_report.body.recall == 0.5
    assert flaky_report.hits["title"] == [0, 1]
    assert html_only.skipped == 1 and html_only.body.pages == 1 and html_only.body.f1 == 1.0
    table = format_table(ev)
    assert "errors (flaky, 1, counted as empty): a; first: RuntimeError: boom" in table and "skipped" in table


def test_cleaner_on_the_jsonl_gold():
    ev = evaluate(load_gold(GOLD / "gold.jsonl"), [cleaner_system()])
    report = ev.reports[0]
    assert report.body.pages == 3 and report.body.empty == 0 and report.body.f1 > 0.8
    assert report.hits["title"][1] == 3 and report.hits["dateline"][1] == 1 and report.hits["date"][1] == 2
    assert report.removals["share_buttons"] >= 3


# -- the command ------------------------------------------------------------------------------
def test_eval_cli_table_json_and_per_page(tmp_path):
    per_page = tmp_path / "pages.jsonl"
    r = runner.invoke(app, ["eval", str(GOLD / "gold.jsonl"), "--per-page", str(per_page)])
    assert r.exit_code == 0, r.output
    assert "article-cleaner" in r.output and "F1" in r.output and "title" in r.output and "share_buttons" in r.output
    lines = [json.loads(x) for x in per_page.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["orchestra", "herring", "repair-cafe"]
    first = lines[0]
    assert {"precision", "recall", "f1", "metadata", "missing", "extra", "system"} <= set(first)
    assert first["metadata"]["title"]["gold"] == "Town orchestra plays its first concert in the new hall"
    r = runner.invoke(app, ["eval", str(GOLD / "gold.jsonl"), "--json"])
    totals = json.loads(r.output)
    assert totals["pages"] == 3 and totals["systems"][0]["body"]["f1"] > 0.8
    assert totals["systems"][0]["metadata"]["title"]["pages"] == 3


def test_eval_cli_compare_trafilatura():
    r = runner.invoke(app, ["eval", str(GOLD / "aeb"), "--compare", "trafilatura", "--json"])
    assert r.exit_code == 0, r.output
    names = [s["system"] for s in json.loads(r.output)["systems"]]
    assert names == ["article-cleaner", "trafilatura"]
    r = runner.invoke(app, ["eval", str(GOLD / "readability"), "--compare", "trafilatura"])
    assert r.exit_code == 0 and "trafilatura" in r.output and "title, suffix ignored" in r.output


def test_eval_cli_usage_errors():
    assert runner.invoke(app, ["eval", str(GOLD / "nowhere")]).exit_code == 2
    assert runner.invoke(app, ["eval", str(GOLD / "gold.jsonl"), "--compare", "nope"]).exit_code == 2
    r = runner.invoke(app, ["eval", str(GOLD / "gold.jsonl"), "--only", "no-such-page-id"])
    assert r.exit_code == 2 and "no pages" in r.output


def test_evaluate_all_is_the_library_call_behind_cleaner_eval(tmp_path):
    from cleaner.evaluate import cleaner_system, evaluate_all

    per_page, seen = tmp_path / "pages.jsonl", []
    [ev] = evaluate_all(GOLD / "gold.jsonl", [cleaner_system()], per_page=per_page,
                        progress=lambda name, done, total: seen.append((done, total)))
    assert ev.reports[0].system == "article-cleaner" and len(ev.gold.pages) > 0
    assert len(per_page.read_text(encoding="utf-8").splitlines()) == len(ev.gold.pages)
    assert seen[-1] == (len(ev.gold.pages), len(ev.gold.pages))


# -- the real benchmarks (../shared), when present -----------------------------------------------
@pytest.mark.skipif(not (SHARED / "aeb" / "ground-truth.json").exists(), reason="../shared benchmarks absent")
def test_shared_benchmarks_load():
    aeb = load_gold(SHARED / "aeb", limit=1)
    assert aeb.format == "aeb" and aeb.pages[0].html and aeb.pages[0].body
    pages = SHARED / "readability" / "pages"
    first = min(d.name for d in pages.iterdir() if d.is_dir())
    rd = load_gold(pages, only=first)
    assert rd.format == "readability" and rd.pages[0].body and rd.pages[0].html


def test_compare_input_scores_text_gold_before_cleaning():
    r = runner.invoke(app, ["eval", str(GOLD / "gold.jsonl"), "--compare", "input", "--json"])
    assert r.exit_code == 0, r.output
    cleaner, before = json.loads(r.output)["systems"]
    assert before["system"] == "input as given" and before["pages"] == 2 and before["skipped"] == 1
    assert before["body"]["precision"] < cleaner["body"]["precision"]  # share bars, banners still in


# -- WCXB's layout and metric ---------------------------------------------------------------
def test_load_wcxb_and_its_metric():
    assert detect_format(GOLD / "wcxb") == "wcxb"
    gold = load_gold(GOLD / "wcxb")
    page = gold.pages[0]
    assert page.id == "dredging" and page.title.startswith("Harbour") and page.date == "2025-04-09"
    assert page.with_ == ["dredge the northern channel", "closed to large vessels at night"]
    ev = evaluate(gold, [cleaner_system()])
    words = ev.reports[0].words
    assert words.f1 > 0.9 and words.with_share == 1.0 and words.without_share == 0.0
    assert "without, leaked" in format_table(ev)


def test_word_metric_counts_snippets_case_and_space_blind():
    from cleaner.evaluate import score_words, words

    s = score_words(words("A b  C d"), words("a b c d e"), "A b  C d", with_=["b c"], without=["E", "d"])
    assert (s.precision, round(s.recall, 2)) == (1.0, 0.8) and s.with_ == (1, 1) and s.without == (1, 2)
    assert score_words(words(""), words("a"), "").f1 == 0.0


def test_eval_scores_every_set_in_a_folder():
    from cleaner.evaluate import find_gold_sets

    found = {p.name for p in find_gold_sets(GOLD)}
    assert found == {"aeb", "readability", "wcxb", "gold.jsonl"}
    r = runner.invoke(app, ["eval", str(GOLD), "--json"])
    assert r.exit_code == 0, r.output
    assert {d["format"] for d in json.loads(r.output)} == {"aeb", "readability", "wcxb", "jsonl"}
