"""H020 extraction-safety-net (``cleaner/heuristics/h020_safety_net.py``): When the fast extraction
reads a small part of what the page (or the article's container) holds, or runs its paragraphs
together in one line, trafilatura's full cascade runs too, and its recall setting when that reads no
more; their text is taken when it adds mostly prose or fills the gaps of the fast text; the record's
warnings say so."""
from __future__ import annotations

import pytest
from cases import ARTICLE, MANY, PARAS, page

from cleaner import clean_html
from cleaner.extract import parse
from cleaner.heuristics import h019_prune_guard as h019, h020_safety_net as h020


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
