"""H007 dateline: the dateline opening the first paragraph becomes metadata.

What it does: parses the dateline at the start of the first paragraph (or of the first
prose paragraph when a stray label sits above it) with :mod:`cleaner.dateline` — place,
date, wire agency — and cuts it out of the body (``keep_dateline`` leaves it in).

Why it is boilerplate: "TEL AVIV, Israel (AP) —" and "Washington [US], March 23:" are the
wire's header, not the story's first words; users want place, date and agency as fields.

Example: "TEL AVIV, Israel (AP) — U.S. Secretary of State …" → dateline {place "TEL AVIV,
Israel", agency "AP"}, body "U.S. Secretary of State …".

Known gaps: a dateline in a later paragraph, or in a language whose agencies the parser
does not know, stays in the body.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from ..dateline import parse_dateline
from ..dates import year_of
from ..page import HEAD_MAX_BLOCKS, Page
from ..text import is_prose
from . import Context
from .h003_head_title import ENDS_SENTENCE


def strip_dateline(page: Page, keep_dateline: bool = False, year: "int | Callable[[], int | None] | None" = None) -> None:
    """H007: parse the dateline that opens the first paragraph (the first block left, or the
    first prose paragraph when a stray label sits above it); take it out of the body."""
    # the first kept blocks only are looked at (measured: listing every kept block was a
    # third of strip_dateline's time)
    kept = list(islice((b for b in page.blocks if b.kept), HEAD_MAX_BLOCKS))
    # the first prose paragraph, when only stray labels sit above it (no sentence: a short
    # first paragraph left by an earlier pass must not expose the next one's dateline)
    prose = None
    for b in kept:
        if is_prose(b.text):
            prose = b
            break
        if ENDS_SENTENCE.search(b.text):
            break
    candidates = kept[:1] + ([prose] if prose is not None and prose is not kept[0] else [])
    for first in candidates:
        parsed = parse_dateline(first.text, year=year)
        if parsed is not None:
            break
    else:
        return
    dateline, rest = parsed
    page.dateline = dateline
    if keep_dateline or "metadata" in page.keep or not rest:
        return
    page.cut(first, 0, len(first.text) - len(rest), "metadata", "H007")


def run(page: Page, context: Context) -> None:
    """H007 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    # the page's year, from its dates, parsed only for a dateline whose date has none (measured:
    # parsing them for every page was 2 % of clean_text's time)
    strip_dateline(page, context.keep_dateline, lambda: year_of(page.found.html_date + page.found.date))
