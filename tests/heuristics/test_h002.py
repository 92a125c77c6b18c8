"""H002 social-signature (``cleaner/heuristics/h002_social_signature.py``): A '— Name (@handle) Month
D, YYYY' line closes an embedded tweet (it and the tweet's text above go to embeds); 'A post shared
by Name (@handle)' credits an Instagram post."""
from __future__ import annotations

from cases import PROSE, PROSE2

from cleaner import clean_text


def test_h002_tweet_signature_in_text():
    text = f"{PROSE}\nSpillway open this morning https://t.co/abc123\n— Valley Water (@valleywater) March 22, 2024\n{PROSE2}"
    a = clean_text(text)
    assert [(e.handle, e.date) for e in a.embeds] == [("valleywater", "2024-03-22")]
    assert a.embeds[0].text == "Spillway open this morning https://t.co/abc123"
    assert "Spillway" not in a.body and "@valleywater" not in a.body
    assert PROSE in a.body and PROSE2 in a.body


def test_h002_leaves_prose_above_a_signature_alone():
    text = f"{PROSE}\n— Valley Water (@valleywater) March 22, 2024\n{PROSE2}"
    a = clean_text(text)
    assert PROSE in a.body and a.embeds[0].text is None


def test_h002_instagram_credit_line_in_text():
    a = clean_text(f"{PROSE}\nA post shared by Valley Water (@valley.water)\n{PROSE2}")
    assert [(e.kind, e.handle, e.author) for e in a.embeds] == [("instagram", "valley.water", "Valley Water")]
    assert "A post shared by" not in a.body


def test_h002_asks_the_source_text_first_and_only_while_it_is_the_blocks():
    """A text with no "(@" has no block to look at (``Page.source``); blocks made without a text,
    or after a cut, are each looked at."""
    from cleaner.heuristics.h002_social_signature import tweet_signatures
    from cleaner.page import Block, Page

    line = "— Valley Water (@valleywater) March 22, 2024"
    page = Page.from_text(f"{PROSE}\n{line}")
    assert page.source == f"{PROSE}\n{line}"
    tweet_signatures(page)
    assert [e.handle for e in page.embeds] == ["valleywater"]
    made = Page(blocks=[Block(PROSE, 0), Block(line, len(PROSE) + 1)])
    assert made.source is None
    tweet_signatures(made)
    assert [e.handle for e in made.embeds] == ["valleywater"]
    cut = Page.from_text(f"{PROSE}\n(x@")
    cut.cut(cut.blocks[1], 1, 2, "metadata", "H007")
    assert cut.blocks[1].text == "(@" and cut.source is None
