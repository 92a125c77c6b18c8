"""H024 excerpt-teasers: lines cut off mid-sentence with an ellipsis are teaser excerpts.

What it does: ``EXCERPT_RUN`` or more kept lines in a row, each of ``EXCERPT_WORDS`` words or
more and cut off with an ellipsis, are removed as see_also.

Why it is boilerplate: lists of other posts show each by its first words ("… and often the
biggest..."); one such line is a sentence trailing off, two in a row are cards.

Example: "Many growers wonder each spring whether the late frost will come back and
ruin the..." / "Choosing a seed supplier used to be simple, but this year the catalogues are
full of…" → removed; one line trailing off inside the article stays.

Known gaps: a single teaser, or teasers cut without an ellipsis, stay.
"""
from __future__ import annotations

import regex

from ..page import Page
from . import Context

#: a line cut off mid-sentence: a word (or a comma) then, touching it, an ellipsis at its very end
#: ("… and often the biggest..."); "a card's summary ..." with a space is as often a card of the page's own
_CUT_OFF = regex.compile(r"[\p{L}\p{N},’'](?:\.{3}|…)\s*$")


def _cut_off(text: str) -> bool:
    """``_CUT_OFF`` holds: the ellipsis at the very end is looked for first (the search
    alone would try every position of the line)."""
    return text.rstrip().endswith(("...", "…")) and _CUT_OFF.search(text) is not None


#: H024: so many such lines in a row, each of at least so many words
EXCERPT_RUN, EXCERPT_WORDS = 2, 6


def excerpt_teasers(page: Page) -> None:
    """H024: ``EXCERPT_RUN`` or more kept lines in a row, each of ``EXCERPT_WORDS`` words or
    more and cut off mid-sentence with an ellipsis, are teaser cards' excerpts (a list of
    other posts, each shown by its first words). One such line is a sentence trailing off."""
    if page.lacks("...", "…"):
        return  # (no line ends on an ellipsis: three texts in four hold none)
    run: list = []

    def close() -> None:
        if len(run) >= EXCERPT_RUN:
            for b in run:
                page.remove(b, "see_also", "H024")
        run.clear()

    for b in page.blocks:
        if not b.kept:
            continue
        if _cut_off(b.text) and len(b.text.split()) >= EXCERPT_WORDS:
            run.append(b)
        else:
            close()
    close()


def run(page: Page, context: Context) -> None:
    """H024 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    excerpt_teasers(page)
