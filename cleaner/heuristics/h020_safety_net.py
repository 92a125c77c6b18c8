"""H020 extraction-safety-net: when the fast extraction reads a small part of the page, the full cascade reads too.

What it does: trafilatura runs in fast mode first; when its text is short (``RESCUE_CHARS``),
small beside the page's prose, its visible text or its article container, one run of text,
or misses the page's lists, trafilatura's full cascade runs (and its recall setting when
that reads no more). Their text is taken when it adds mostly prose, fills the fast text's
gaps, or splits its run into paragraphs; the record's ``warnings`` say so
(``fallback_extraction``). It removes nothing.

Why it is needed: fast mode is faster and more precise on news pages, but on some layouts (text outside
paragraphs, odd containers, a listicle's items) it reads the intro only.

Example: a page whose article sits in ``<div>``s with no ``<p>`` → fast mode reads 300
characters, the full cascade 4,000 → its text, with a warning.

Known gaps: see docs/benchmarks.md (session 7): an oracle choosing per page would gain a
little more on wcxb; what is left is the rules' share.
"""
from __future__ import annotations

from lxml.html import HtmlElement

from ..cascade import Cascade
from ..extract import EXTRACT_OPTIONS, extract_text, solid_chars, visible_chars
from ..text import is_prose, phrase_key, squash
from .h019_prune_guard import PruneGuard

#: H020, the extraction's safety net: a fast extraction shorter than this, or than these
#: shares of the page's prose and visible text, is checked against the full cascade…
RESCUE_CHARS = 600
RESCUE_PROSE_SHARE = 0.2
RESCUE_VISIBLE_SHARE = 0.15
#: …which replaces it when it is this many times longer (and, for a fast text of at least
#: RESCUE_CHARS, adds text of which at least this share is prose)
RESCUE_GAIN = 1.3
RESCUE_EXTRA_PROSE = 0.75
#: …or when it holds under this share of the visible text of trafilatura's own article
#: container, and the full text is taken only when this share of what it adds lies within
#: the span of the fast text (gaps filled, not other stories added around it)
RESCUE_CONTAINER_SHARE = 0.7
RESCUE_INSIDE_SHARE = 0.5
#: …or, on a page where trafilatura finds no container of its own (its ``BODY_XPATH``), under
#: this share of the page's visible text (0.4 at first: 0.6 lets six more wcxb pages read their
#: lists through the recall setting, 0.15-0.28 word F1 each, and changes nothing else on the three sets)
RESCUE_UNCONTAINED_SHARE = 0.6
#: …and when both the fast and the full text stay under RESCUE_CHARS on a page with at least
#: this much prose (and this many times what they read), trafilatura's recall setting (the
#: text of every <div>, not only its paragraphs) is the last try
RESCUE_RECALL_PROSE = 1000
RESCUE_RECALL_FACTOR = 2
#: …and a fast text that is one run of text (its longest line over RUN_CHARS and more than
#: half of it: a frame read as a single text node) gives way to a full text with paragraphs
#: of at least RUN_KEEP of its length (shorter: the full cascade read something else); when
#: the full cascade reads the same run, to the recall setting's text on the same terms (session
#: 7: four wcxb pages whose article sits in <div>s, 0.003-0.06 word F1, none lose)
RUN_CHARS = 2000
RUN_KEEP = 0.7
#: …and, when the container share called for the full cascade and it read no more, the recall
#: setting's text is taken on the same terms if this share of what it adds is in distinct lines
RESCUE_DISTINCT = 0.9
#: …tried only when the container (with none, the page) holds list items and <div> text the
#: fast text lacks, of at least this share of its length (lines of UNREAD_MIN_CHARS or more);
#: half the pages that would try it have none, and it read nothing more on them
RESCUE_UNREAD_SHARE = 0.3
UNREAD_MIN_CHARS = 40
#: …and on a page where trafilatura finds no container of its own, list items and <div> text
#: the fast text lacks, of at least this share of its length, call for the recall setting even
#: when the fast text reads most of the page; its text is taken when at least RESCUE_LIST_GAIN
#: times as long, filling the fast text's gaps with distinct lines: the article's own lists
#: (a guide's steps, a buyer's checklist) that fast mode skips. Measured on the three sets
#: (session 7): 13 wcxb pages gain 0.02-0.14 word F1, one loses 0.014, two Readability pages
#: gain 0.03 and 0.07, no aeb page changes
RESCUE_LIST_UNREAD = 0.05
RESCUE_LIST_GAIN = 1.05


def extract(tree: HtmlElement, url: str | None, guard: "PruneGuard | None" = None) -> tuple[str, str | None]:
    """The main text, by trafilatura in fast mode, and a warning when the safety net (H020)
    took the full cascade's text instead (or None).

    Fast mode is both faster and more precise on news pages, but on some layouts (text
    outside paragraphs, odd containers, a listicle's items) it reads the intro only, where
    trafilatura's full cascade (its comparison with readability and jusText) reads the
    whole article. The full cascade runs when the fast text is short (``RESCUE_CHARS``) or
    small beside what the page holds: under ``RESCUE_PROSE_SHARE`` of the text of its
    paragraphs of prose, or under ``RESCUE_VISIBLE_SHARE`` of its visible text, as the
    guard measured the page before pruning; or when it reads under ``RESCUE_CONTAINER_SHARE``
    of the visible text of the container trafilatura itself picks for the article (the
    sections of a guide whose text sits outside ``<p>``, the items of its lists), or, with
    no such container, under ``RESCUE_UNCONTAINED_SHARE`` of the page's visible text.
    A short fast text gives way to a longer full one; a longer fast text gives way only
    when the full one is at least ``RESCUE_GAIN`` times as long and what it adds is mostly
    prose (``RESCUE_EXTRA_PROSE``), not menus and link lists; and, when only the container
    share called for it, when what it adds mostly fills the gaps between the lines the fast
    text has (``RESCUE_INSIDE_SHARE``), or fills gaps longer than the whole fast text: more
    of the same article, not other stories before or after it (a blog's front page, a
    story's neighbours). When both texts stay short on a page of prose, trafilatura's
    recall setting is tried last (``RESCUE_RECALL_PROSE``): a page whose article sits in
    ``<div>`` text that neither of the others reads. A fast text that runs the article's
    paragraphs together in one line (``RUN_CHARS``) gives way to a full text in paragraphs
    that keeps most of its length (``RUN_KEEP``). Where the container share called for the
    full cascade and it read no more, trafilatura's recall setting (which reads lists and
    ``<div>`` text too) is taken on the same terms, if what it adds is distinct lines
    (``RESCUE_DISTINCT``: a gallery repeats its captions).
    """
    run = Cascade(tree, url, EXTRACT_OPTIONS)  # each setting's text on first use, their stages shared
    fast = extract_text(run, url, fast=True)
    small = guard is not None and (len(fast) < RESCUE_PROSE_SHARE * guard.prose_chars
                                   or len(fast) < RESCUE_VISIBLE_SHARE * guard.visible)
    partial = None
    if len(fast) >= RESCUE_CHARS and not small:
        if _one_run(fast):
            full = extract_text(run, url, fast=False)
            if len(full) >= RUN_KEEP * len(fast) and not _one_run(full):
                return full, (f"H020: the fast extraction read the article as one run of {len(fast):,} characters; "
                              f"trafilatura's full cascade ({len(full):,}, in paragraphs) was used instead")
            recall = extract_text(run, url, fast=False, recall=True)  # it reads each <div>'s own text
            if len(recall) >= RUN_KEEP * len(fast) and not _one_run(recall):
                return recall, (f"H020: the fast extraction and the full cascade read the article as one run of "
                                f"{len(fast):,} characters; trafilatura's recall setting ({len(recall):,}, in "
                                f"paragraphs) was used instead")
            return fast, None
        partial = _partial_container(fast, guard)
        if partial is None:
            return _recall_for_lists(run, url, fast, guard)
    full = extract_text(run, url, fast=False)
    best = max(fast, full, key=len)
    if (len(best) < RESCUE_CHARS and guard is not None and guard.prose_chars >= RESCUE_RECALL_PROSE
            and guard.prose_chars > RESCUE_RECALL_FACTOR * len(best)):
        recall = extract_text(run, url, fast=False, recall=True)
        if len(recall) > RESCUE_GAIN * len(best):
            return recall, (f"H020: the fast extraction kept {len(fast):,} characters and the full cascade {len(full):,} of a "
                            f"page with {guard.prose_chars:,} characters of prose paragraphs; trafilatura's recall setting "
                            f"({len(recall):,}) was used instead")
    adds = len(full) > RESCUE_GAIN * len(fast) and (
        len(fast) < RESCUE_CHARS or _extra_prose_share(fast, full) >= RESCUE_EXTRA_PROSE)
    if not adds:
        if partial is not None:
            return _recall_for_lists(run, url, fast, guard, partial)
        return fast, None
    if partial is not None:
        if not _fills_gaps(fast, full):
            return fast, None
        return full, (f"H020: the fast extraction kept {len(fast):,} characters where the article's container (with "
                      f"none, the page) shows {partial:,} characters of visible text; trafilatura's full cascade "
                      f"({len(full):,}) was used instead")
    return full, (f"H020: the fast extraction kept {len(fast):,} characters of a page with {guard.prose_chars if guard else 0:,} "
                  f"characters of prose paragraphs; trafilatura's full cascade ({len(full):,}) was used instead")


def _recall_for_lists(run: Cascade, url: str | None, fast: str, guard: "PruneGuard | None",
                      partial: int | None = None) -> tuple[str, str | None]:
    """trafilatura's recall setting, which also reads list items and ``<div>`` text, tried when
    the article's container (with none, the page) holds such text that the fast text lacks,
    and taken when what it adds lies mostly in the fast text's gaps, in distinct lines (a
    gallery repeats each caption, as slide and as thumbnail: not the article).

    Two cases call for it. ``partial`` (the container's visible characters): the container
    share called for the full cascade and it read no more; then the unread text must reach
    ``RESCUE_UNREAD_SHARE`` of the fast text and the recall text be ``RESCUE_GAIN`` times as
    long. Or trafilatura finds no container of its own (whether or not the fast text reads
    most of the page): then ``RESCUE_LIST_UNREAD`` and ``RESCUE_LIST_GAIN`` (a guide's steps,
    a buyer's checklist: a few lists among paragraphs)."""
    if guard is None:
        return fast, None
    if guard.container is None:
        unread_share, gain = RESCUE_LIST_UNREAD, RESCUE_LIST_GAIN
    elif partial is not None:
        unread_share, gain = RESCUE_UNREAD_SHARE, RESCUE_GAIN
    else:
        return fast, None
    if _unread_lists(fast, guard) < unread_share * len(fast):
        return fast, None
    recall = extract_text(run, url, fast=False, recall=True)
    if len(recall) >= gain * len(fast) and _fills_gaps(fast, recall) and _distinct_share(fast, recall) >= RESCUE_DISTINCT:
        shown = (f"where the article's container (with none, the page) shows {partial:,} characters of visible text"
                 if partial is not None else "of a page with no article container and lists it did not read")
        return recall, (f"H020: the fast extraction kept {len(fast):,} characters {shown}; "
                        f"trafilatura's recall setting ({len(recall):,}) was used instead")
    return fast, None


def _one_run(text: str) -> bool:
    """Is ``text`` mostly one line of over ``RUN_CHARS`` (paragraphs run together)?"""
    longest = max(map(len, text.split("\n")))
    return longest > RUN_CHARS and longest > len(text) / 2


def _partial_container(fast: str, guard: "PruneGuard | None") -> int | None:
    """The visible characters of trafilatura's article container when the fast text holds
    less than ``RESCUE_CONTAINER_SHARE`` of them; on a page where trafilatura finds no
    container of its own, the page's visible characters when the fast text holds less than
    ``RESCUE_UNCONTAINED_SHARE`` of them (else None)."""
    if guard is None or not guard.visible:
        return None
    container = guard.container
    if container is None:
        return guard.visible if solid_chars(fast) < RESCUE_UNCONTAINED_SHARE * guard.visible else None
    visible = visible_chars(container)
    return visible if solid_chars(fast) < RESCUE_CONTAINER_SHARE * visible else None


def _fills_gaps(fast: str, other: str) -> bool:
    """Does ``other`` add mostly text between the first and last lines it shares with
    ``fast`` (``RESCUE_INSIDE_SHARE``), or gaps longer than the whole fast text?"""
    share, inside = _inside(fast, other)
    return share >= RESCUE_INSIDE_SHARE or inside >= len(fast)


def _unread_lists(fast: str, guard: "PruneGuard") -> int:
    """The characters of the list items and ``<div>`` text (of at least ``UNREAD_MIN_CHARS``)
    in the article's container (with none, the page) that ``fast`` lacks: what the recall
    setting reads beyond the others."""
    root = guard.container if guard.container is not None else guard.root
    have = phrase_key(fast)
    unread = 0
    for el in root.iter("li", "div"):
        text = squash(el.text_content() if el.tag == "li" else el.text or "")
        if len(text) >= UNREAD_MIN_CHARS and phrase_key(text)[:50] not in have:
            unread += len(text)
    return unread


def _lines_against(fast: str, other: str) -> list[tuple[str, bool]]:
    """The non-empty lines of ``other``, each with whether ``fast`` has it too (by phrase key)."""
    have = {phrase_key(line) for line in fast.split("\n")}
    return [(line, phrase_key(line) in have) for line in other.split("\n") if line.strip()]


def _added(fast: str, other: str) -> list[str]:
    """The lines ``other`` adds to ``fast``."""
    return [line for line, known in _lines_against(fast, other) if not known]


def _distinct_share(fast: str, other: str) -> float:
    """The share of the characters ``other`` adds to ``fast`` that are in lines it adds once."""
    extra = _added(fast, other)
    chars = sum(map(len, extra))
    return sum(map(len, set(extra))) / chars if chars else 0.0


def _inside(fast: str, full: str) -> tuple[float, int]:
    """The share of the text ``full`` adds to ``fast`` that lies between the first and the
    last of its lines that ``fast`` has too, and its characters."""
    lines = _lines_against(fast, full)
    shared = [i for i, (_, known) in enumerate(lines) if known]
    if not shared:
        return 0.0, 0
    first, last = shared[0], shared[-1]
    extra = [(i, len(line)) for i, (line, known) in enumerate(lines) if not known]
    chars = sum(n for _, n in extra)
    inside = sum(n for i, n in extra if first < i < last)
    return (inside / chars if chars else 0.0), inside


def _extra_prose_share(fast: str, full: str) -> float:
    """The share of the text ``full`` adds to ``fast`` that is in paragraphs of prose."""
    extra = _added(fast, full)
    chars = sum(map(len, extra))
    return sum(len(line) for line in extra if is_prose(line)) / chars if chars else 0.0
