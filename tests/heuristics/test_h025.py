"""H025 repeated-paragraph (``cleaner/heuristics/h025_repeated_paragraph.py``): A paragraph of prose
the page shows more than once in one box (sibling elements) that the extraction kept fewer times
(trafilatura drops a repeat as its own artifact) is put back."""
from __future__ import annotations

from cases import PARAS, page

from cleaner import Cleaner, clean_html


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
