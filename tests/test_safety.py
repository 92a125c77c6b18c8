"""Never lose the article (issue 10): the prune guard (H019), the extraction's safety net
(H020), markers that open no zone inside the article (H021), and empty bodies that are
never silent. Each test fails when its heuristic is taken out."""
from __future__ import annotations

import json

import pytest

from cleaner import Cleaner, clean_html, clean_text, xpaths
from cleaner.extract import parse
from cleaner.heuristics import h019_prune_guard as h019
from cleaner.heuristics import h020_safety_net as h020
from cleaner.progress import Stats

#: the article of every page below: five paragraphs of prose
PARAS = [
    "The county opened its third cooling centre on Monday as temperatures stayed above 35 degrees for a fifth "
    "straight day, officials said, and more sites will open if the heat lasts into next week.",
    "Volunteers handed out water and checked on older residents who live alone, and bus fares to the centres "
    "were waived until the heat breaks, a spokeswoman for the county said on Monday afternoon.",
    "Hospitals reported a rise in heat-related visits over the weekend, most of them mild cases of dehydration "
    "among outdoor workers and people who had been exercising in the middle of the day.",
    "The utility asked customers to run dishwashers and washing machines late in the evening, when demand on "
    "the grid falls, and said it had no plans for rolling outages so far this summer.",
    "Forecasters expect the heat to ease by the weekend, when a front from the north is due to bring storms "
    "and cooler air to the region, along with a risk of flash floods in low-lying areas.",
]
ARTICLE = "".join(f"<p>{p}</p>" for p in PARAS)
#: page chrome trafilatura's JSON-LD and scripts bring: far more text than the article
SCRIPTS = '<script type="application/ld+json">{"@graph": [' + ",".join(
    f'{{"@type": "Thing", "name": "item {i}", "description": "{"x" * 200}"}}' for i in range(60)) + "]}</script>"


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html lang=\"en\"><head><title>Cooling centres open</title>{head}</head><body>{body}</body></html>"


def kept(article, paras=PARAS) -> int:
    return sum(p[:60] in article.body for p in paras)


# -- H019: the prune guard ------------------------------------------------------------------
def test_h019_generic_class_wrapping_the_article_is_not_pruned_on_a_script_heavy_page():
    # .widget-area (NV013) is one template's main column; the scripts hold most of the markup's text
    a = clean_html(page(f'{SCRIPTS}<div class="widget-area"><h1>Cooling centres open</h1>{ARTICLE}</div>'
                        '<nav><a href="/">Home</a></nav>'))
    assert kept(a) == 5, a.body
    assert not any(r.rule == "NV013" for r in a.removed)


def test_h019_guard_measures_visible_text_only():
    tree = parse(page(f"{SCRIPTS}<div><p>Short visible text.</p></div>"))
    guard = h019.PruneGuard(tree)
    assert guard.visible == len("Shortvisibletext.")  # the script's 15,000 characters do not count


def test_h019_paywall_paragraphs_hidden_one_by_one_are_kept():
    # a paywall template shows the first paragraph and hides the rest with inline display:none (NV016)
    body = f"<p>{PARAS[0]}</p>" + "".join(f'<p style="display:none">{p}</p>' for p in PARAS[1:])
    a = clean_html(page(f"<main><article><h1>Cooling centres open</h1>{body}</article></main>"))
    assert kept(a) == 5, a.body


def test_h019_page_streamed_in_hidden_chunks_is_kept():
    # a page whose server sends the article in hidden chunks that a script moves into place
    body = "".join(f'<div hidden id="S:{i}"><p>{p}</p></div>' for i, p in enumerate(PARAS))
    a = clean_html(page(f"<div id=\"root\"><h1>Cooling centres open</h1></div>{body}"))
    assert kept(a) == 5, a.body


def test_h019_hidden_menus_still_go():
    a = clean_html(page(f'<div hidden><a href="/a">Sections</a> <a href="/b">Search the archive</a></div>'
                        f"<article><h1>Cooling centres open</h1>{ARTICLE}</article>"))
    assert kept(a) == 5
    assert any(r.rule == "NV016" for r in a.removed)


def test_h019_prunes_add_up_to_a_bound():
    # many small matches: together they may not take most of the article's prose
    body = "".join(f'<div class="related-content"><p>{p}</p></div>' for p in PARAS)
    a = clean_html(page(f"<h1>Cooling centres open</h1>{body}"))
    assert kept(a) >= 3, a.body


def test_h019_form_around_the_article_is_not_pruned():
    # a template that wraps the whole story in a <form> holding an e-mail field (H010)
    a = clean_html(page(f'<form><input type="email" name="email"><h1>Cooling centres open</h1>{ARTICLE}'
                        "<p>Sign up for our newsletter</p></form>"))
    assert kept(a) == 5, a.body


def test_h019_prune_guard_keeps_the_container_trafilatura_reads():
    tree = parse(page(f'<div class="entry-content widget-area">{ARTICLE}</div><div class="widget-area">'
                           "<p>Tags</p></div>"))
    guard = h019.PruneGuard(tree)
    assert guard.container is not None and "entry-content" in guard.container.get("class")
    assert guard.spares(guard.container)


def test_h019_pruned_elements_are_recorded_where_they_stood():
    body = (f"<article><h1>Cooling centres open</h1><p>{PARAS[0]}</p><p>{PARAS[1]}</p>"
            '<div class="share-buttons"><a>Share on Facebook</a> <a>Share on X</a></div>'
            f"<p>{PARAS[2]}</p><p>{PARAS[3]}</p><p>{PARAS[4]}</p></article>")
    ex = Cleaner().explain(page(body))
    texts = [t for t, _ in ex.blocks]
    share = next(i for i, (_, r) in enumerate(ex.blocks) if r is not None and r.category == "share_buttons")
    assert texts[share - 1].startswith(PARAS[1][:40]) and texts[share + 1].startswith(PARAS[2][:40])
    a = clean_html(page(body))  # the record's removals are in the same order
    assert a.removed[0].category in ("metadata", "share_buttons")


# -- H020: the extraction's safety net ----------------------------------------------------------
def test_h020_full_cascade_replaces_a_fast_extraction_that_read_the_intro_only(monkeypatch):
    tree = parse(page(f"<article>{ARTICLE * 6}</article>"))
    guard = h019.PruneGuard(tree)
    intro = PARAS[0] * 5  # long enough not to count as short on its own, a quarter of the page's prose
    whole = intro + "\n" + "\n".join(PARAS * 4)
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast: intro if fast else whole)
    text, warning = h020.extract(tree, None, guard)
    assert text == whole and warning and warning.startswith("H020")
    text, warning = h020.extract(tree, None, None)  # H020 kept: the fast text stays
    assert text == intro and warning is None


def test_h020_full_cascade_that_adds_menus_is_not_taken(monkeypatch):
    tree = parse(page(f"<article>{ARTICLE * 6}</article>"))
    guard = h019.PruneGuard(tree)
    intro = PARAS[0] * 5
    menus = intro + "\n" + "\n".join(f"Section {i}" for i in range(400))
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast: intro if fast else menus)
    assert h020.extract(tree, None, guard) == (intro, None)


def test_h020_fallback_is_said_in_the_record(monkeypatch):
    intro = PARAS[0] * 5
    whole = intro + "\n" + "\n".join(PARAS)
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast: intro if fast else whole)
    a = clean_html(page(f"<article>{ARTICLE * 6}</article>"))
    assert [w["code"] for w in a.warnings] == ["fallback_extraction"]
    assert "warnings" in a.to_dict()


def test_h020_recall_setting_is_the_last_try_when_fast_and_full_both_read_nothing(monkeypatch):
    tree = parse(page(f"<article>{ARTICLE * 6}</article>"))
    guard = h019.PruneGuard(tree)
    whole = "\n".join(PARAS * 4)
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast, recall=False: whole if recall else "")
    text, warning = h020.extract(tree, None, guard)
    assert text == whole and warning and "recall setting" in warning
    # a page with little prose does not pay for the third extraction
    small = h019.PruneGuard(parse(page(f"<article><p>{PARAS[0]}</p></article>")))
    assert h020.extract(tree, None, small) == ("", None)


def test_h020_fast_text_in_one_run_gives_way_to_the_full_text_in_paragraphs(monkeypatch):
    tree = parse(page(f"<article>{ARTICLE * 6}</article>"))
    guard = h019.PruneGuard(tree)
    paragraphs = PARAS * 4
    run = " ".join(paragraphs)  # a frame read as one text node: the paragraphs run together
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast: run if fast else "\n".join(paragraphs))
    text, warning = h020.extract(tree, None, guard)
    assert text == "\n".join(paragraphs) and "one run" in warning
    # a full text that reads much less is something else: the run stays
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast, recall=False: run if fast else "\n".join(PARAS[:2]))
    assert h020.extract(tree, None, guard) == (run, None)
    # the full cascade reads the same run: the recall setting (each <div>'s own text) has the paragraphs
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast, recall=False: "\n".join(paragraphs) if recall else run)
    text, warning = h020.extract(tree, None, guard)
    assert text == "\n".join(paragraphs) and "recall setting" in warning


#: thirty distinct paragraphs of prose, for an article container trafilatura picks
MANY = [f"{p[:-1]}, in part {i} of the report." for i in range(6) for p in PARAS]


@pytest.mark.parametrize("box", ["article", "div"])
def test_h020_full_cascade_that_fills_the_gaps_of_a_partial_fast_text_is_taken(monkeypatch, box):
    # the fast text has the sections' first and last paragraphs only: enough for the prose and
    # visible shares, but a small part of the container's text (in a <div>, with no container
    # of trafilatura's own, of the page's visible text); the full text fills the gaps
    tree = parse(page(f"<{box}>" + "".join(f"<p>{p}</p>" for p in MANY) + f"</{box}>"))
    guard = h019.PruneGuard(tree)
    assert (guard.container is None) == (box == "div")
    part = "\n".join(MANY[:4] + MANY[-4:])
    whole = "\n".join(MANY)
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast: part if fast else whole)
    text, warning = h020.extract(tree, None, guard)
    assert text == whole and warning and "container" in warning


def test_h020_recall_setting_fills_the_gaps_when_the_full_cascade_reads_no_more(monkeypatch):
    # the middle of the article is a list: fast mode and the full cascade leave it out
    listed = [f"Step {i}: {p}" for i, p in enumerate(MANY[4:-4])]
    items = "".join(f"<li>{p}</li>" for p in listed)
    tree = parse(page("<article>" + "".join(f"<p>{p}</p>" for p in MANY[:4]) + f"<ul>{items}</ul>"
                           + "".join(f"<p>{p}</p>" for p in MANY[-4:]) + "</article>"))
    guard = h019.PruneGuard(tree)
    part = "\n".join(MANY[:4] + MANY[-4:])
    whole = "\n".join(MANY[:4] + listed + MANY[-4:])  # the list the fast and full cascades leave out
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast, recall=False: whole if recall else part)
    text, warning = h020.extract(tree, None, guard)
    assert text == whole and "recall setting" in warning
    # what it adds repeats itself (a gallery's captions, as slide and as thumbnail): not taken
    caption = "The minister, left, shakes hands with his counterpart in the capital on Wednesday, officials said."
    gallery = "\n".join(MANY[:4] + [caption] * 12 + MANY[-4:])
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast, recall=False: gallery if recall else part)
    assert h020.extract(tree, None, guard) == (part, None)
    # a container whose text is all in paragraphs has nothing more for the recall setting: not tried
    tree = parse(page("<article>" + "".join(f"<p>{p}</p>" for p in MANY) + "</article>"))
    guard, tried = h019.PruneGuard(tree), []
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast, recall=False: tried.append(recall) or part)
    assert h020.extract(tree, None, guard) == (part, None) and True not in tried


@pytest.mark.parametrize("box", ["div", "article"])
def test_h020_recall_setting_reads_the_lists_of_a_page_with_no_container(monkeypatch, box):
    # fast mode reads every paragraph (most of the page) but skips the article's list; with no
    # container of trafilatura's own, the list the fast text lacks calls for the recall setting
    listed = [f"Step {i}: {p}" for i, p in enumerate(MANY[:4])]
    doc = (f"<{box}>" + "".join(f"<p>{p}</p>" for p in MANY[:15]) + "<ul>" + "".join(f"<li>{p}</li>" for p in listed)
           + "</ul>" + "".join(f"<p>{p}</p>" for p in MANY[15:]) + f"</{box}>")
    tree = parse(page(doc))
    guard = h019.PruneGuard(tree)
    assert (guard.container is None) == (box == "div")
    fast = "\n".join(MANY)
    whole = "\n".join(MANY[:15] + listed + MANY[15:])
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast, recall=False: whole if recall else "\n".join(MANY))
    text, warning = h020.extract(tree, None, guard)
    if box == "div":
        assert text == whole and "no article container" in warning
    else:  # trafilatura's own container, read whole by the fast text: nothing is tried
        assert (text, warning) == (fast, None)
    assert h020.extract(tree, None, None) == (fast, None)  # H020 kept


def test_h020_full_cascade_whose_gaps_filled_outweigh_the_fast_text_is_taken(monkeypatch):
    # the fast text has two stretches of the middle only; the full text fills the long gap
    # between them (longer than the fast text) and adds more after: the same article
    tree = parse(page("<article>" + "".join(f"<p>{p}</p>" for p in MANY) + "</article>"))
    guard = h019.PruneGuard(tree)
    part = "\n".join(MANY[6:9] + MANY[20:23])
    whole = "\n".join(MANY)
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast: part if fast else whole)
    text, warning = h020.extract(tree, None, guard)
    assert text == whole and warning


def test_h020_full_cascade_that_adds_other_stories_after_a_partial_fast_text_is_not_taken(monkeypatch):
    # a blog's front page: the fast text is the first post; the full text adds the next posts
    # after it (the container holds them all), not text between the fast text's lines
    tree = parse(page("<article>" + "".join(f"<p>{p}</p>" for p in MANY) + "</article>"))
    guard = h019.PruneGuard(tree)
    first = "\n".join(MANY[:8])
    monkeypatch.setattr(h020, "extract_text", lambda tree, url, fast: first if fast else "\n".join(MANY))
    assert h020.extract(tree, None, guard) == (first, None)


# -- H025: a paragraph the page repeats side by side ----------------------------------------------
def test_h025_repeated_paragraph_is_put_back():
    body = f"<p>{PARAS[0]}</p><p>{PARAS[0]}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p>"
    doc = page(f"<article><h1>Cooling centres open</h1>{body}</article>")
    assert clean_html(doc).body.count(PARAS[0][:60]) == 2
    assert Cleaner(keep=("H025",)).clean_html(doc).body.count(PARAS[0][:60]) == 1  # trafilatura drops the repeat


def test_h025_text_straight_in_boxes_repeated_is_put_back():
    body = f"<div>{PARAS[0]}</div><div>{PARAS[0]}</div>"
    assert clean_html(page(f"<article>{body}</article>")).body.count(PARAS[0][:60]) == 2


def test_h025_copies_in_different_boxes_are_left_alone():
    # a teaser box repeating the lede, beside the article: not a repeat inside the article
    body = f"<article><p>{PARAS[0]}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p></article><aside><p>{PARAS[0]}</p></aside>"
    assert clean_html(page(body)).body.count(PARAS[0][:60]) == 1


# -- H021: a marker inside the article opens no zone --------------------------------------------
def test_h021_marker_followed_by_prose_opens_no_zone_in_extracted_html():
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3]) + "<h2>Comments?</h2>" + "".join(f"<p>{p}</p>" for p in PARAS[3:])
    doc = page(f"<article><h1>Cooling centres open</h1>{body}</article>")
    a = clean_html(doc)
    assert kept(a) == 5, a.body
    with_zone = Cleaner(keep=("H021",)).clean_html(doc)
    assert kept(with_zone) == 3  # without H021 the marker swallows the rest


def test_h021_marker_written_as_code_opens_no_zone():
    text = "\n\n".join([*PARAS[:3], "comments(", "post_id", "limit", *PARAS[3:]])
    assert kept(clean_text(text)) == 5


def test_h021_comment_thread_after_its_heading_still_goes():
    comment = ("I spent the whole weekend at the cooling centre with my grandmother and the volunteers "
               "were wonderful to everyone who came in from the heat.")
    for lines in (["3 Comments", "Jane Reader", "March 4, 2024 at 9:12 am", comment, "Reply"],
                  ["3 Comments", comment]):  # an extractor's text: the first comment right under the marker
        a = clean_text("\n\n".join([*PARAS, *lines]))
        assert kept(a) == 5 and "grandmother" not in a.body


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


@pytest.mark.parametrize("rule", ["H019", "H020", "H021", "H025"])
def test_new_heuristics_are_listed(rule):
    from cleaner.heuristics import HEURISTICS

    assert rule in {h.id for h in HEURISTICS}


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


def test_h021_marker_above_the_article_opens_no_zone():
    # a whole page's text: the comment count sits beside the byline, above the article
    menu = "\n".join(f"Section {i}" for i in range(40)) + "\n" + "Cooling centres open as the heat wave drags on"
    text = "\n\n".join([menu, "By Jane Doe", "124 Comments", *PARAS])
    a = clean_text(text)
    assert kept(a) == 5, a.body
    from cleaner.page import Page
    from cleaner.heuristics.h021_zone_stops import opens_zone

    blocks = Page.from_text("2 Comments\n" + PARAS[0]).blocks
    assert not opens_zone(blocks, 0, after_prose=False) and opens_zone(blocks, 0, after_prose=True)


def test_h021_comments_link_in_a_share_bar_opens_no_zone():
    # a whole page's text: the share bar under the byline holds a link to the comments
    for bar in (["Facebook", "Twitter", "Comments", "Print", "Email"], ["Tweet", "Share", "Comment"]):
        text = "\n\n".join([PARAS[0], *bar, "A photo caption of the centre.", *PARAS[1:]])
        a = clean_text(text)
        assert kept(a) == 5, (bar, a.body)
        assert kept(Cleaner(keep=("H021",)).clean_text(text)) == 1  # without H021 the link swallows the article
    # a thread under the share bar at the article's foot still goes
    comment = ("I spent the whole weekend at the cooling centre with my grandmother and the volunteers "
               "were wonderful to everyone who came in from the heat.")
    a = clean_text("\n\n".join([*PARAS, "Facebook", "Twitter", "3 Comments", comment]))
    assert kept(a) == 5 and "grandmother" not in a.body


def test_h021_a_comment_form_heading_after_a_share_bar_still_opens_its_zone():
    a = clean_text("\n\n".join([PARAS[0], "Facebook", "Twitter", "Leave a Comment", "Great piece!"]))
    assert "Great piece!" not in a.body


@pytest.mark.parametrize("markup", [
    '<div class="wrap"><section class="entry">a</section><div id="story">b</div><article>c</article>'
    '<div class="page-Content x">d</div><section role="main-x">e</section></div>',
    '<main><div class="FullText">a</div></main><div id="primary-1">b</div><div class="content__body">c</div>'
    '<div itemprop="articleBody">d</div><div class="article blog">e</div><div class="x Main-Content">f</div>',
    '<div><span class="post-text">not a box</span><div class="mainbar">a</div><section id="contentBody">b</section>'
    '<div class="cell">c</div><article class="story-content">d</article></div>',
    '<div class="nothing">a</div><p class="entry">b</p>',
])
def test_body_candidates_are_trafilaturas_choices(markup):
    """H019/H020 read trafilatura's choice of the article's container: the walk picks, for each
    of its BODY_XPATH expressions in order, the element the XPath picks first."""
    from trafilatura.xpaths import BODY_XPATH

    assert len(BODY_XPATH) == xpaths.BODY_CHOICES
    tree = parse(f"<html><body>{markup}</body></html>")
    want = [found[0] for expr in BODY_XPATH if (found := expr(tree))]
    assert list(xpaths.body_candidates(tree)) == want
