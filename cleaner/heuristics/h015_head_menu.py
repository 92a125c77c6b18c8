"""H015 head-menu: before the article's first paragraph, a run of short labels is the site's menu.

What it does: ``MENU_RUN`` or more short labels in a row (``MENU_LABEL_WORDS`` words or
``MENU_LABEL_CHARS`` characters at most, fewer for CJK) before the first kept paragraph of
prose are removed as navigation; :func:`menu_runs` is shared with H017.

Why it is boilerplate: whole-page text dumps begin with the site's navigation ("News /
Sport / Business / Opinion / Culture / Video").

Example: "Home" / "News" / "Town Hall" / "Permits" / "Taxes" / "Contact" / "Careers"
above the first paragraph → removed; six names in a row inside the article stay.

Known gaps: a menu of long labels, or one shorter than ``MENU_RUN``, is left to the rules.
"""
from __future__ import annotations

import regex

from ..page import Page
from ..text import is_prose
from . import Context

#: labels in a row before the first paragraph that make a menu
MENU_RUN = 6
#: …each of at most this many words
MENU_LABEL_WORDS = 4
#: …and characters (scripts without spaces between words)
MENU_LABEL_CHARS = 40
#: …or, in Chinese, Japanese or Korean, where a phrase of prose has few spaces, this many
MENU_LABEL_CJK_CHARS = 12
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LABEL_TEXT = regex.compile(r"[\p{L}\p{N}&'’.()/ -]+")


def head_menu(page: Page) -> None:
    """H015: ``MENU_RUN`` or more short labels in a row before the first kept paragraph of
    prose (the first prose paragraph stops the search: a list inside the article stays)."""
    menu_runs(page, list(_head_blocks(page)), "H015")


def menu_runs(page: Page, blocks: list, rule: str) -> None:
    """Remove each run of ``MENU_RUN`` or more menu labels among ``blocks``; labels that rules
    took already count towards a run."""
    run: list = []
    for b in [*blocks, None]:  # None closes the last run
        if b is not None and _is_menu_label(b.text):
            run.append(b)
            continue
        if len(run) >= MENU_RUN:
            for r in run:
                page.remove(r, "navigation", rule)
        run = []


def _head_blocks(page: Page):
    for b in page.blocks:
        if b.kept and is_prose(b.text):
            return
        yield b


def _is_menu_label(text: str) -> bool:
    """A short label: few words and characters (fewer of CJK), only letters, digits and a few
    marks. A line longer than both limits is none, with no search for CJK characters
    (measured: 8.6 us on a line of prose, where its length alone says no)."""
    if len(text) > max(MENU_LABEL_CHARS, MENU_LABEL_CJK_CHARS):
        return False
    limit = MENU_LABEL_CJK_CHARS if _CJK.search(text) else MENU_LABEL_CHARS
    return len(text) <= limit and len(text.split()) <= MENU_LABEL_WORDS and bool(_LABEL_TEXT.fullmatch(text))


def run(page: Page, context: Context) -> None:
    """H015 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    head_menu(page)
