"""H014 tail-headlines: after the article's last paragraph, headlines in a row are links to other stories.

What it does: after the last kept paragraph of prose, runs of ``TAIL_HEADLINE_RUN`` or more
headline-shaped lines, and single headlines in capitals, are removed as see_also — not the
product list of a shopping article (H012's :func:`continues_article`).

Why it is boilerplate: "More from …" boxes whose heading the rules did not see leave a
column of other stories' headlines at the end of the text.

Example: the article's last paragraph, then "Council approves new bridge over the
river" / "Farmers count the cost of the late frost" → both removed; after "The report lists
the projects it recommends:" they stay.

Known gaps: a closing list of sub-headings inside the article (a listicle's items with no
text between them) can look the same.
"""
from __future__ import annotations

import regex

from ..page import Page
from . import Context
from .h003_head_title import is_title_like
from .h012_link_lists import continues_article

#: headlines in a row after the last paragraph that make a list of other stories
TAIL_HEADLINE_RUN = 2
#: a line of a listing (tour dates, a schedule, results), not a headline
_LISTING = regex.compile(
    r"^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+\d)"
    r"|@|\s(?:--|–|—)\s.*\d",
    regex.IGNORECASE,
)
_SHOUTING = regex.compile(r"[^\p{Ll}]*\p{Lu}{2}[^\p{Ll}]*")
#: a note in brackets, "(Graphic: … - here)", "[Video]": part of the article, not a headline
_BRACKETED = regex.compile(r"\(.*\)|\[.*\]")


def tail_headlines(page: Page) -> None:
    """H014: runs of ``TAIL_HEADLINE_RUN`` or more headline-shaped blocks after the last
    kept paragraph of prose, and single headlines in capitals there, are see-also."""
    blocks = page.blocks
    last = page.last_prose()
    if last is None:
        return
    run: list = []

    lead_in: list = [None]  # the block right above the run

    def close_run() -> None:
        if (len(run) >= TAIL_HEADLINE_RUN or (run and all(_SHOUTING.fullmatch(b.text) for b in run))) \
                and not continues_article(page, run) and not _introduces(lead_in[0]):
            for b in run:
                page.remove(b, "see_also", "H014")
        run.clear()

    prev = blocks[last]
    for b in blocks[last + 1 :]:
        if b.kept:
            if is_title_like(b.text) and len(b.text.split()) >= 4 and not _LISTING.search(b.text) \
                    and not _BRACKETED.fullmatch(b.text):
                if not run:
                    lead_in[0] = prev
                run.append(b)
            else:
                close_run()
        prev = b
    close_run()


def _introduces(block) -> bool:
    """H014: a line of the article's own that ends in a colon ("Here are the models he
    recommends:", "The game includes:") introduces the list under it: the list is the article's."""
    return block is not None and block.kept and block.text.rstrip().endswith((":", "："))


def run(page: Page, context: Context) -> None:
    """H014 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    tail_headlines(page)
