"""H021 zone-stops-at-prose: a marker inside the article opens no zone.

What it does: a tail marker ("Comments", "Related") opens a zone over the text after it —
but not before the article has begun (``ZONE_AFTER_PROSE``), not when the marker line is a
line of code (``comments(``, ``related = []``), not when a paragraph of prose follows it at
once in the cleaner's own extraction, and not when it stands in a share bar ("Facebook /
Twitter / Comments / Print"). The marker line itself still goes. The text-rule engine
(:mod:`cleaner.match`) asks :func:`opens_zone` and :func:`in_share_bar`.

Why it is needed: a zone over the article is the costliest mistake a marker can make (60 % of a
technical article went as "comments" once).

Example: a heading "Comments?" in a technical article that a paragraph of prose follows at
once → the heading goes, the article stays; "2 Comments" beside the byline, before any
prose → it goes and opens no zone.

Known gaps: in text from another extractor a comment thread opens just so ("3 Comments",
then the first comment), so there the marker keeps its zone.
"""
from __future__ import annotations

import regex

from ..text import is_prose, phrase_key, squash

#: H021: a marker opens a zone only after this many paragraphs of prose (two would also spare
#: the article under a standfirst and a comment count, but a one-paragraph post's own comment
#: thread would stay: measured, aeb text mode loses 0.45 points of precision)
ZONE_AFTER_PROSE = 1
#: a share bar with a comments link this many paragraphs of prose into the page is the article's foot
SHARE_BAR_PROSE = 3
#: what a label never holds and a line of code does
_CODE = regex.compile(r"[({\[]\s*$|[;={}]|^\s*(?:def|var|let|const|function)\s")


def opens_zone(blocks, i: int, extracted: bool = False, after_prose: bool = True) -> bool:
    """H021: does the marker at block ``i`` open a zone (the marker and what follows belong
    to its category)? Not before the article has begun (fewer than ``ZONE_AFTER_PROSE``
    paragraphs of prose kept above it: "2 Comments" beside the byline of a whole page's text,
    where the zone would take the article), not when the marker line is a line of code (``comments(``,
    ``related = []``), and, in text the cleaner extracted from HTML itself (which leaves
    comment sections out), not when the article goes on right after it: the next block
    still in the body is a paragraph of prose (a heading "Comments?" in a technical article).
    In text from another extractor a comment thread opens just so ("3 Comments", then the
    first comment), so there the marker keeps its zone. The marker line itself still goes."""
    if not after_prose or _CODE.search(blocks[i].text):
        return False
    if not extracted:
        return True
    nxt = next((b for b in blocks[i + 1:] if b.removal is None), None)
    return nxt is None or not is_prose(squash(nxt.text))


def in_share_bar(blocks, i: int) -> bool:
    """H021: a marker between two items of a share bar ("Facebook / Twitter / Comments / Print"),
    or right after one before the article has got under way (fewer than ``SHARE_BAR_PROSE``
    paragraphs of prose above it: "Tweet / Share / Comment" under a byline), is the bar's link
    to the comments, not the heading of a thread: it goes, and opens no zone."""
    def shares(j: int) -> bool:
        return 0 <= j < len(blocks) and blocks[j].removal is not None and blocks[j].removal.category == "share_buttons"

    if not (shares(i - 1) or shares(i + 1)) or not _COMMENTS_LINK.fullmatch(phrase_key(blocks[i].text)):
        return False
    if shares(i - 1) and shares(i + 1):
        return True
    prose = 0
    for b in blocks[:i]:
        if b.removal is None and is_prose(b.text):
            prose += 1
            if prose >= SHARE_BAR_PROSE:
                return False
    return True


#: a share bar's link to the comments: "Comments", "12 Comments", "Comments (12)" ("Leave a Comment" heads a form)
_COMMENTS_LINK = regex.compile(r"(?:\d{1,5}\s+)?comments?(?:\s*\(\s*\d{1,5}\s*\)?)?")
