"""H024 excerpt-teasers (``cleaner/heuristics/h024_excerpt_teasers.py``): Two or more lines in a row
cut off mid-sentence with an ellipsis ('… and often the biggest...') are the excerpts of teaser
cards for other posts, not the article."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import Cleaner, clean_text


def test_h024_excerpts_cut_off_by_an_ellipsis_are_teasers():
    teasers = ["Many growers wonder each spring whether the late frost will come back and ruin the...",
               "Choosing a seed supplier used to be simple, but this year the catalogues are full of…"]
    text = "\n\n".join([PROSE, PROSE2, *teasers])
    a = clean_text(text)
    assert ("see_also", "H024") in rules_of(a) and "seed supplier" not in a.body and PROSE2 in a.body
    assert "seed supplier" in Cleaner(keep=("H024",)).clean_text(text).body
    # one line trailing off is the article's
    a = clean_text("\n\n".join([PROSE, "And then, just as the rain stopped, the phone rang again...", PROSE2]))
    assert "phone rang" in a.body


def test_h024_an_ellipsis_after_a_space_is_not_a_cut():
    cards = ["Yoghurt concept: whey permeate keeps production yield high and the taste appealing ...",
             "Dairy drink concept: a long-life drink for warm climates with a limited cold chain ..."]
    assert "Dairy drink" in clean_text("\n\n".join([PROSE, PROSE2, *cards])).body


def test_h024_each_ellipsis_alone_is_found_and_blocks_without_a_source_text_are_read():
    """The text is asked first whether it holds an ellipsis ("..." or "…", ``Page.source``)."""
    from cleaner.heuristics.h024_excerpt_teasers import excerpt_teasers
    from cleaner.page import Block, Page

    lines = ["Many growers wonder each spring whether the late frost will come back and ruin the",
             "Choosing a seed supplier used to be simple, but this year the catalogues are full of"]
    for mark in ("...", "…"):
        a = clean_text("\n\n".join([PROSE, PROSE2, *(line + mark for line in lines)]))
        assert ("see_also", "H024") in rules_of(a) and "seed supplier" not in a.body, mark
    made = Page(blocks=[Block(PROSE, 0), *(Block(line + "…", 1000 + i) for i, line in enumerate(lines))])
    excerpt_teasers(made)
    assert [b.removal is not None for b in made.blocks] == [False, True, True]
