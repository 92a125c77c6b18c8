"""H003 repeated-title, H004 breadcrumb-title, H006 section-label: the head of the text.

What it does: finds the headline at the head of the text — the one the page's metadata gives,
else the last crumb of a breadcrumb trail that repeats as a line (H004), else a line repeated
in the head, else a first line that looks like a headline — and takes its copies out of the
body (H003); the breadcrumb trail goes as navigation (H004), and a one-to-three word label
right above the first copy ("World", "Business") becomes the section (H006).

Why it is boilerplate: extractors keep the headline (often twice: the page title and the
``<h1>``), the breadcrumb and the section kicker as lines of the body; they are metadata.

Example: "Local News / Water / Reservoirs recover" / "RESERVOIRS RECOVER" / the
article → title "Reservoirs recover", the trail removed as navigation (H004);
"Environment" / "Reservoirs recover after wet spring" (twice) / the article → section
"Environment", the headline's copies removed (H006, H003).

Known gaps: in text mode a headline-looking first line of an article with no title is taken
for the title (the idempotence property names this case); a title reworded in the body
(another tense, a shortened form) stays unless it shares most of its words (``TITLE_VARIANT_SHARE``).
"""
from __future__ import annotations

import regex

from ..page import Page, first as first_of
from ..text import is_prose, phrase_key, squash
from . import Context
from .h005_title_site_suffix import split_title

_BREADCRUMB_SEP = regex.compile(r"\s*(?:»|›|>|/|\||→|::)\s*")
_DATE_LIKE = regex.compile(r"^[\d\s/.,:-]+$|\b(?:19|20)\d{2}\b.*\b\d{1,2}:\d{2}\b")
#: _DATE_LIKE's first branch: all _DATE_LIKE can match in a line without a ":" (the second
#: needs one; measured: the whole search costs 6 us on a line of prose, this match 0.3)
_NUMERIC = regex.compile(r"^[\d\s/.,:-]+$")
_LABEL = regex.compile(r"\p{Lu}[\p{L}&'’.-]*(?:\s+(?:&|and|\p{Lu}[\p{L}&'’.-]*)){0,2}")


def title_key(text: str) -> str:
    return phrase_key(text)


#: a headline found only by its place (the first line) is at most this long
TITLE_MAX_CHARS = 160
#: (the two lowercase letters before a sentence's end are looked behind for: the same
#: matches, but the search tries only the places of a ".", "!" or "?" instead of every
#: lowercase letter: measured 7x quicker on a line of prose)
_NOT_A_HEADLINE = regex.compile(
    r"(?<=\p{Ll}{2})[.!?]\s+\p{Lu}"   # two sentences: "… its advertiser. All opinions …"
    r"|[:;,.]\s*$"                      # a lead-in ("Here's why:") or a sentence
    r"|https?://|www\.|(?<!\w)#\w"      # links and hashtags
    r"|[$€£]\s?\d[\d.,]*\s*$"            # a product and its price
)


def is_title_like(text: str) -> bool:
    """Short, capitalised, one phrase: not a sentence of prose, a lead-in, a link or a date."""
    text = squash(text)
    words = text.split()
    if not 2 <= len(words) <= 30 or len(text) > TITLE_MAX_CHARS:
        return False
    if _NOT_A_HEADLINE.search(text):
        return False
    first = text.lstrip("\"'“‘«([")[:1]
    date_like = _DATE_LIKE.search(text) if ":" in text else _NUMERIC.match(text)
    return bool(first) and (first.isupper() or first.isdigit()) and not date_like


def head_title(page: Page, given: str | None = None) -> str | None:
    """H003/H004/H006: find the headline at the head of the text and take it out.

    The title is, in order: the one the page's metadata gives; the last crumb of a
    breadcrumb trail that repeats as a line; a line repeated in the head; the first head
    line when it looks like a headline. Its copies (with or without a site suffix) leave
    the body, the breadcrumb goes as navigation, and a short label right above the first
    copy becomes the section.
    """
    blocks = page.blocks
    # rules ran first, so site chrome is gone; a breadcrumb a rule took still names the title
    head = [b for b in blocks[: max(page.head_end(), 1)]
            if b.kept or (b.removal.category == "navigation" and _last_crumb(b.text))]
    if not head:
        return given
    keys = [title_key(b.text) if b.kept else "" for b in head]
    crumbs = {i: _last_crumb(b.text) for i, b in enumerate(head)}
    title = given
    if title is None:
        for i, crumb in crumbs.items():
            if crumb and title_key(crumb) in keys[:i] + keys[i + 1:]:
                title = crumb
                break
    if title is None:
        seen = set()
        for b, key in zip(head, keys):
            if key and key in seen and is_title_like(b.text):
                title = b.text
                break
            seen.add(key)
    if title is None:
        # the only block is the article, not its headline; the kept blocks are counted up to
        # the second only (measured: counting every one was a quarter of head_title's time)
        kept = (b for b in blocks if b.kept)
        alone = next(kept, None) is None or next(kept, None) is None
        for n, b in enumerate([b for b in head if b.kept][:2]):
            if is_title_like(b.text) and not _is_label(b.text) and not alone and not is_prose(b.text) \
                    and not (n and ENDS_SENTENCE.search(b.text)):  # below a label: a headline, not a sentence
                title = b.text
                break
            if not _is_label(b.text):
                break
    if title is None:
        return None
    headline = title
    if given is None:  # a title from the page's metadata was split by the caller
        headline, suffix = split_title(title, first_of(page.found.sitename), page.host)
        page.note("title_suffix", suffix)
    wanted = {title_key(title), title_key(headline)}
    first = None
    for i, (b, key) in enumerate(zip(head, keys)):
        if key in wanted:
            page.remove(b, "metadata", "H003")
            first = i if first is None else first
        elif crumbs[i] and title_key(crumbs[i]) in wanted:
            if b.kept:
                page.remove(b, "navigation", "H004")
            first = i if first is None else first
    if first is None and given is not None:
        first = _title_variant(page, head, headline)
    if first is not None and first > 0:
        label = head[first - 1]
        if label.kept and _is_label(label.text):
            page.note("section", label.text)
            page.remove(label, "metadata", "H006")
    return headline


#: a head line and the page's title share at least this share of the words (of three
#: letters or more) of the longer of the two, and at least ``TITLE_VARIANT_MIN_WORDS`` of
#: them, for the line to be that title reworded; or one begins with the other, at least
#: this share of its length (a title cut short)
TITLE_VARIANT_SHARE = 0.6
TITLE_VARIANT_MIN_WORDS = 3
_WORD3 = regex.compile(r"\w{3,}|\d+")


def _title_variant(page: Page, head: list, title: str) -> int | None:
    """H003 when no head line is the page's title: the visible headline is often a variant
    of the one in the metadata (written for search engines or social media, cut short, or
    with a site name the split missed). The first head line that looks like a headline and
    begins with the title, is the beginning of it, or shares most of its words, goes."""
    key = title_key(title)
    words = set(_WORD3.findall(title.casefold()))
    for i, b in enumerate(head[:3]):
        if not b.kept:
            continue
        if is_title_like(b.text) and not _is_label(b.text) and not is_prose(b.text):
            line_key = title_key(b.text)
            shared = words & set(_WORD3.findall(b.text.casefold()))
            short, long = sorted((line_key, key), key=len)
            if (len(short) >= 20 and len(short) >= TITLE_VARIANT_SHARE * len(long) and long.startswith(short)) or (
                len(shared) >= TITLE_VARIANT_MIN_WORDS
                and len(shared) >= TITLE_VARIANT_SHARE * max(len(words), len(set(_WORD3.findall(b.text.casefold()))))
            ):
                page.remove(b, "metadata", "H003")
                return i
        if not _is_label(b.text):
            return None
    return None


def _last_crumb(text: str) -> str | None:
    """The last crumb of a breadcrumb trail ("News / World / Headline"), or None. A line
    without a separator (``_SEPARATOR``: ``_BREADCRUMB_SEP`` without its spaces, so found
    where it is) is one part: it is not split (measured: the split and search cost 10 us
    each on a line of prose, trying the spaces at every place)."""
    if not _SEPARATOR.search(text):
        return None
    parts = [p for p in _BREADCRUMB_SEP.split(squash(text)) if p]
    if len(parts) >= 2 and len(parts[0].split()) <= 3:
        return parts[-1]
    return None


_SEPARATOR = regex.compile(r"»|›|>|/|\||→|::")


def _is_label(text: str) -> bool:
    """'World', 'Business', 'Middle East', 'Arts & Culture': a section label."""
    text = squash(text)
    return len(text) <= 30 and bool(_LABEL.fullmatch(text))


ENDS_SENTENCE = regex.compile(r"[.!?…][\"”’)»]?\s*$")


def run(page: Page, context: Context) -> None:
    """H003, H004 and H006 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    page.note("title", head_title(page, context.given_title))
