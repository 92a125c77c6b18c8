"""H023 unheaded-comment-thread: reader comments appended with no heading are the thread.

What it does: in text from another extractor, from the first of ``COMMENT_LINES`` or more
lines that talk to the author ("Great post!", "Thanks for sharing", "Hi Jane,"), after at
least ``COMMENT_AFTER_SHARE`` of the kept text, everything to the end is removed as comments.
Not in the cleaner's own extraction from HTML, which leaves comments out.

Why it is boilerplate: trafilatura's defaults and other extractors append a page's comments
to the article with no heading a marker could find.

Example: the article, then "Great post! I tried the spillway walk …" / "Hi Maria," /
"Glad you enjoyed the post! …" / "Thanks for sharing this, very useful." → from "Great
post" on, removed; two such lines, or such lines opening the text, stay.

Known gaps: a thread of comments that do not talk to the author is not found.
"""
from __future__ import annotations

import regex

from ..page import Page
from . import Context

#: a line that talks to the author or thanks them: how a reader's comment opens
_COMMENT_LINE = regex.compile(r"""(?ix)^(?:
    (?:hi|hello|hey|dear)(?:\ (?:there|all|everyone|friends|folks|guys|(?-i:\p{Lu})[\p{L}'’-]+(?:\ (?-i:\p{Lu})[\p{L}'’-]+)?))?\s*[,!.]
  | (?:(?:what\ an?|such\ an?|a|very|really|so|truly)\ )?(?:great|nice|good|awesome|excellent|wonderful|fantastic|amazing|
      brilliant|lovely|informative|helpful|useful|interesting|insightful|thoughtful)\ (?:post|article|read|piece|write-?up|
      blog|column|points?|tips|info|information|job|work|content|share|stuff|guide|list|summary|advice|suggestions?)\b
  | thanks?(?:\ you)?(?:\ so\ much|\ very\ much|\ a\ lot)?\ for\ (?:sharing|posting|writing|this|another|your|such|
      the\ (?:great\ |detailed\ |helpful\ )?(?:post|article|read|tips|info|information|insights?|suggestions?|write-?up))\b
  | i\ (?:really\ |absolutely\ |just\ )?(?:love|loved|enjoyed|appreciate|agree)\ (?:this|these|your|reading|with\ you)\b
  | (?:so\ )?glad\ you\ (?:enjoyed|liked|found)\b
  | totally\ agree\b | well\ (?:said|written)\b | couldn[’']t\ agree\ more
  | re:\ .{0,80}\(score:\s?-?\d+\)
)""")
#: the first two characters (lowercased) of every line ``_COMMENT_LINE`` matches: those of the
#: words its branches open on. A line that opens on two other ASCII characters is turned away
#: without the search (measured: two lines in three, and H023 from 5 to 3 % of the text mode's
#: time); one that opens on a character beyond ASCII is searched (under ``(?i)`` "ſ" is an "s")
_OPENINGS = frozenset({"hi", "he", "de", "wh", "su", "a ", "ve", "re", "so", "tr", "gr", "ni", "go", "aw", "ex",
                       "wo", "fa", "am", "br", "lo", "in", "us", "th", "i ", "gl", "to", "we", "co"})
#: a thread has at least this many such lines…
COMMENT_LINES = 3
#: …and starts after this share of the kept text
COMMENT_AFTER_SHARE = 0.3


def comment_thread(page: Page) -> None:
    """H023: trafilatura's defaults (and other extractors) append a page's comments to the
    article with no heading a marker could find. From the first line that reads like a
    comment's opening (``_COMMENT_LINE``: praise for the post, thanks, a greeting to the
    author) with ``COMMENT_LINES`` or more such lines from it on, and at least
    ``COMMENT_AFTER_SHARE`` of the kept text above it, everything kept to the end is the
    thread. Not in the cleaner's own extraction from HTML, which leaves comments out: there
    such lines belong to the article."""
    if page.extracted:
        return
    kept = [b for b in page.blocks if b.kept]
    total = sum(len(b.text) for b in kept)
    hits = [i for i, b in enumerate(kept) if len(b.text) <= 1000 and _may_open_comment(b.text) and _COMMENT_LINE.match(b.text)]
    if len(hits) < COMMENT_LINES or not total:
        return
    above = 0
    done = 0
    for i, b in enumerate(kept):
        while done < len(hits) and hits[done] < i:
            done += 1
        if done < len(hits) and hits[done] == i and len(hits) - done >= COMMENT_LINES \
                and above >= COMMENT_AFTER_SHARE * total:
            for x in kept[i:]:
                page.remove(x, "comments", "H023")
            return
        above += len(b.text)


def _may_open_comment(text: str) -> bool:
    """Can ``_COMMENT_LINE`` match ``text``, by its first two characters (``_OPENINGS``)?"""
    head = text[:2]
    return not head.isascii() or head.lower() in _OPENINGS


def run(page: Page, context: Context) -> None:
    """H023 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    comment_thread(page)
