"""H013 title-repeated-below: the headline repeated further down the body is not body text.

What it does: a line further down that is the title again (a card, a related link, a second
rendering naming the story) is removed as metadata.

Why it is boilerplate: templates repeat the headline in share cards, "read more" links and
print versions; it is never part of the article's text.

Example: "Rafah talks stall" / the article's first paragraphs / "Rafah talks
stall" / more paragraphs → the first copy is the title (H003), the second is removed (H013).

Known gaps: repeated paragraphs as such stay on purpose (recipes, refrains, hard-wrapped
text repeat lines); a shortened copy of the title stays.
"""
from __future__ import annotations

from ..page import Page, first
from ..text import phrase_key
from . import Context
from .h003_head_title import TITLE_MAX_CHARS


def repeats(page: Page, title: str | None) -> None:
    """H013: the title repeated further down the body (a card, a related link or a second
    rendering that names the story again) is not body text. Repeated paragraphs as such
    stay: recipes, meal plans, refrains and hard-wrapped text repeat lines on purpose."""
    if not title:
        return
    title_key = phrase_key(title)
    for b in page.blocks:
        if b.kept and len(b.text) <= TITLE_MAX_CHARS and phrase_key(b.text) == title_key:
            page.remove(b, "metadata", "H013")


def run(page: Page, context: Context) -> None:
    """H013 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    repeats(page, first(page.found.title))
