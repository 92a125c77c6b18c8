"""H025 repeated-paragraph: a paragraph the page repeats in one box, that the extraction dropped, is put back.

What it does: a paragraph of prose the page shows more than once among sibling elements,
that the extraction kept fewer times, goes back after the last copy kept. It removes nothing.

Why it is needed: trafilatura drops an element that repeats the one before it (it takes it for its own
overlapping-candidate artifact), and fast mode can stop at a repeat; a refrain or a
repeated block of text is the article's.

Example: a poem whose refrain stands three times in one ``<div>`` → three times in the body.

Known gaps: copies in different boxes (an article shown twice, a teaser repeating the
lede) are left alone on purpose, as are copies a prune took.
"""
from __future__ import annotations

from lxml.html import HtmlElement

from ..extract import is_detached, is_hidden
from ..text import squash
from .h019_prune_guard import PruneGuard


def repeated_paragraphs(tree: HtmlElement, text: str, guard: "PruneGuard") -> str:
    """H025: a paragraph of prose the page shows more than once in one box (sibling
    elements: a refrain, a repeated block of text) that the extraction kept fewer times:
    trafilatura drops an element that repeats the one before it (it takes it for its own
    overlapping-candidate artifact), and fast mode can stop at a repeat. The missing
    copies go back after the last copy kept. Copies in different boxes (an article shown
    twice, a teaser repeating the lede) are left alone, as are copies a prune took or the
    page hides. Repeated paragraphs as such stay (H013's policy)."""
    if not guard.repeated or not text:
        return text
    lines = text.split("\n")
    keys = [squash(line).casefold() for line in lines]
    for para, els in guard.repeated:
        parent = els[0].getparent()
        if any(el.getparent() is not parent or is_hidden(el) or is_detached(el, tree) for el in els):
            continue
        key = para.casefold()
        joined, ends = "", []
        for k in keys:  # the text as one string of keys, and where each line ends in it
            if k:
                joined = f"{joined} {k}" if joined else k
            ends.append(len(joined))
        have = joined.count(key)
        if not have or have >= len(els):
            continue
        end = joined.rfind(key) + len(key)
        at = next(i for i, e in enumerate(ends) if e >= end)
        lines[at + 1:at + 1] = [para] * (len(els) - have)
        keys[at + 1:at + 1] = [key] * (len(els) - have)
    return "\n".join(lines)
