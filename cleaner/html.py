"""Stage 1 for HTML: parse once, capture embeds, prune, let trafilatura extract.

The page is parsed once with lxml (through trafilatura's loader, which detects the
encoding of bytes). Embeds are captured and taken out, the elements that ``selector``
rules match are pruned (and recorded), metadata candidates are read from the markup, and
trafilatura extracts the main text from that same tree (with the other chunks of a body
that a template split around its ad slots, H018). What comes out is a
:class:`~cleaner.blocks.Page` of text blocks for the text rules, with metadata candidates
(:mod:`cleaner.htmlmeta`) noted on it, and what the markup tells the text heuristics: the
items of link lists (H012) and the standfirst under the headline (H016).
"""
from __future__ import annotations

import codecs
import copy
import functools
import re
import threading
import weakref
from typing import NamedTuple

import regex
import trafilatura
from lxml import etree
from lxml.etree import XPath
from lxml.html import HTMLParser, HtmlElement, fromstring
from trafilatura.htmlprocessing import REND_TAG_MAPPING
from trafilatura.settings import DEFAULT_CONFIG, MANUALLY_STRIPPED, Extractor
from trafilatura import xpaths as trafilatura_xpaths
from trafilatura.utils import DOCTYPE_TAG, decode_file, handle_compressed_file, is_dubious_html, repair_faulty_html

from . import embeds, limits
from .blocks import PROSE_WORDS, Page, is_prose
from .cascade import BALANCED, RECALL, Cascade
from .errors import InputError
from .limits import LimitError
from .normalize import binary_kind
from .htmlmeta import page_meta
from .record import Removal
from .rules import RuleSet, host_of, literal_search, phrase_key, squash

#: trafilatura's settings, chosen by measurement on the benchmark (docs/benchmarks.md):
#: fast mode without comments is both more precise and faster than the defaults
EXTRACT_OPTIONS = dict(fast=True, comments=False, tables=True, formatting=False, links=False, images=False)
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
_LANG = regex.compile(r"[A-Za-z]{2,3}(?=$|[-_])")


def parse(data: str | bytes) -> HtmlElement:
    """Parse an HTML document with lxml (bytes: the encoding is detected).

    Within the limits of the document being cleaned (:func:`cleaner.limits.current`):
    compressed input expands to at most ``max_bytes``; binary files (images, PDF,
    archives) and pages nested deeper than ``max_depth`` are typed errors, never a
    silently truncated tree. Lone surrogates (from ``str`` input) become U+FFFD instead
    of cutting the document off where they stand; an XML declaration of a ``str`` page
    is dropped (the text is decoded already). The parser resolves no entities and
    loads nothing from the network or the disk (no DTD, no external entity).
    """
    budget = limits.current()
    raw = None  # UTF-8 bytes that lxml may read as they are
    if isinstance(data, bytes):
        data, raw = _decode_html(data, budget.limits.max_bytes)
    if data[:300].lstrip()[:2] in ("<?", "<!") and (prolog := _PROLOG.match(data)) and prolog.end():
        data = data[prolog.end():]  # the text is decoded already; its entities are never expanded
        raw = None
    beginning = data[:50].lower()
    if raw is None or _needs_repair(data, raw, beginning):
        data = repair_faulty_html(data, beginning)
        raw = None
    limits.check_markup(data)  # before lxml spends quadratic time on a tag's attributes
    if raw is None:  # (clean UTF-8 bytes are read as they came: no second copy of the page)
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates
            raw = _SURROGATES.sub("\ufffd", data).encode("utf-8")
    parser = _parser()
    try:
        tree = fromstring(raw, parser=parser)
    except (etree.ParserError, ValueError):  # "Document is empty" and the like
        tree = None
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2 and not _FRAGMENT.match(beginning)):
        raise InputError("not an HTML document")  # (a fragment, ``<div><p>…</p></div>``, is one)
    max_depth = budget.limits.max_depth
    if _too_deep(min(max_depth, limits.PARSER_MAX_DEPTH - 1) if max_depth else limits.PARSER_MAX_DEPTH - 1)(tree):
        raise budget.depth_error()
    budget.check("after parsing")
    return tree


_SURROGATES = regex.compile(r"[\ud800-\udfff]")
#: an HTML fragment opens on a tag
_FRAGMENT = regex.compile(r"\s*<[a-z][a-z0-9]*[\s/>]")
#: an XML declaration, and a DOCTYPE with an internal subset (entity definitions: a
#: billion-laughs bomb, an external entity): both go before parsing
_PROLOG = regex.compile(r"\s*(?:<\?xml\b[^<>]{0,500}\?>\s*)?(?:<!DOCTYPE\b[^<>\[]{0,1000}\[.{0,1000000}?\]\s*>)?",
                        regex.IGNORECASE | regex.DOTALL)
_CHARSET = regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_.:-]{2,40})|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-z0-9_.:-]{2,40})""",
                         regex.IGNORECASE)
_parsers = threading.local()


def _parser():
    """One parser per thread (an lxml parser is not to be shared between threads);
    ``huge_tree`` lifts libxml2's nesting limit from 256 to 2,048 levels: deeper pages
    are then caught by the depth check rather than cut off at level 256."""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True,
            huge_tree=True, no_network=True,
        )
        parser.set_element_class_lookup(_element_classes())
    return parser


@functools.lru_cache(maxsize=1)
def _element_classes() -> etree.ElementNamespaceClassLookup:
    """lxml.html's element classes (``HtmlElement``, a form's ``InputElement``…) chosen in C:
    its own lookup is a Python method called for every element proxy made, by us and by
    trafilatura (some 3 % of a page's time)."""
    from lxml import html as lxml_html

    lookup = etree.ElementNamespaceClassLookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=lxml_html.HtmlComment, pi=lxml_html.HtmlProcessingInstruction,
        entity=lxml_html.HtmlEntity))
    by_tag = lookup.get_namespace(None)
    for tag, cls in lxml_html.HtmlElementClassLookup._default_element_classes.items():
        by_tag[tag] = cls
    return lookup


@functools.lru_cache(maxsize=8)
def _too_deep(depth: int) -> XPath:
    """Does any element sit more than ``depth`` levels deep (the root at level 1)?"""
    return XPath("boolean(/*" + "/*" * depth + ")")


#: what trafilatura's ``repair_faulty_html`` takes out of a page: control characters and
#: the non-characters U+FFFE and U+FFFF (in UTF-8)
_CONTROL_BYTES = bytes(c for c in range(32) if c not in b"\t\n\r")


def _needs_repair(text: str, raw: bytes, beginning: str) -> bool:
    """Would ``repair_faulty_html`` change ``text`` (whose UTF-8 is ``raw``)? Checked on the
    bytes without a regex over the page: its characters to take out, then its first lines."""
    if len(raw.translate(None, _CONTROL_BYTES)) != len(raw):
        return True
    if b"\xef\xbf" in raw and (b"\xef\xbf\xbe" in raw or b"\xef\xbf\xbf" in raw):  # (U+FFC0 to U+FFFF)
        return True
    if "doctype" in beginning:
        newline = text.find("\n")
        if DOCTYPE_TAG.match(text, 0, newline if newline >= 0 else len(text)):
            return True
    return any("<html" in line and line.endswith("/>") for line in text[:4096].splitlines()[:4])


def _decode_html(data: bytes, max_bytes: int | None) -> tuple[str, bytes | None]:
    """Bytes to text: decompressed (capped), binary rejected, UTF-8 or the declared
    charset or the detected one; and the bytes, when they were UTF-8 (else None)."""
    raw = handle_compressed_file(data, max_bytes or 2**62)
    if raw is data and (data[:3] == b"\x1f\x8b\x08" or data[:4] == b"\x28\xb5\x2f\xfd"):
        raise LimitError("a compressed file that is corrupt or expands past the size limit (max_bytes)")
    if raw is not data:
        limits.current().check_size(raw)
    kind = binary_kind(raw)
    if kind:
        raise InputError(f"the input looks binary ({kind}), not HTML")
    try:
        return raw.decode("utf-8"), raw
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(raw[:4096])
    if declared:
        name = (declared[1] or declared[2]).decode("ascii")
        try:
            if codecs.lookup(name).name not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
                return raw.decode(name), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    return decode_file(raw, max_bytes or 2**62), None


def html_page(data: str | bytes, url: str | None, rules: RuleSet, keep: frozenset[str], placing: bool = False) -> Page:
    """Stage 1 for HTML: the page of blocks and what the markup tells. ``placing``: note
    where each pruned element stood and put its removal there (``cleaner explain``); else
    the pruned elements' removals come first in the record, as found."""
    tree = parse(data)
    etree.strip_elements(tree, "template", with_tail=False)  # inert markup, never shown as such: never the body
    merge_inline_runs(tree)  # before anything walks the tree: a million <span>s become one text
    language = _language(tree)
    found, removed = embeds.capture_html(tree, drop="embedded_tweet" not in keep and "H001" not in keep)
    guard = PruneGuard(tree, placing)
    pruned = form_boxes(tree, keep, guard) + prune(tree, rules, keep, guard)
    meta = page_meta(tree, url)
    items = link_list_items(tree) if "H012" not in keep else {}
    text, warning = extract(tree, url, guard if "H020" not in keep else None)
    if "H018" not in keep:
        text = split_body(tree, text, url)
    if "H025" not in keep:
        text = repeated_paragraphs(tree, text, guard)
    page = Page.from_text(text, url=url, host=host_of(url), keep=keep)
    page.embeds, page.removed, page.language = found, removed, language
    page.extracted = True
    if placing:
        place(page, pruned, guard.anchors)
    else:
        page.removed = [*page.removed, *pruned]
    if warning:
        page.warnings.append({"code": "fallback_extraction", "message": warning})
    page.link_items = items
    page.note("description", meta.description)
    if "H016" not in keep and meta.description:
        page.note("standfirst", standfirst(tree, meta.description))
    page.note("html_title", meta.title)
    page.note("html_authors", meta.author)
    page.note("html_date", meta.date)
    page.note("sitename", meta.sitename)
    page.note("html_section", meta.section)
    if not page.host:
        page.host = host_of(meta.url)
    return page


#: inline tags that trafilatura strips (with our EXTRACT_OPTIONS: no formatting, no links)
#: whatever they wrap, keeping their text: one with no attribute and nothing but such tags
#: inside is merged into the text around it when its parent holds many
_MERGEABLE = frozenset({"span", "em", "i", "b", "strong", "u", "kbd", "samp", "tt", "var", "abbr", "acronym",
                        "bdi", "bdo", "big", "cite", "data", "dfn", "font", "ins", "mark", "nobr", "small"})
#: …and all the tags it strips (links, images, …), which leave text nodes side by side as well
_STRIPPED = _MERGEABLE | set(MANUALLY_STRIPPED) | set(REND_TAG_MAPPING) | {"a"}
#: an element's plain inline children are merged when it holds at least this many of them
MERGE_MIN_CHILDREN = 16
_CROWDED = XPath(f"//*[*[{MERGE_MIN_CHILDREN}]]")  # (a child element number 16: at least 16 of them)


def merge_inline_runs(tree: HtmlElement) -> None:
    """Merge the plain inline elements (no attribute, only text or more of themselves inside:
    ``<span>``, ``<b>``, ``<font>``, …) of an element that holds at least ``MERGE_MIN_CHILDREN``
    of them into the text around them, before trafilatura sees the tree.

    Trafilatura strips those tags anyway and keeps their text, but the N text nodes they leave
    side by side cost lxml time quadratic in N to read (a ``<p>`` of 20,000 ``<span>`` elements took
    16 s, inside one C call no timer can stop); one text node costs nothing. The text is the
    same, character for character. What cannot be merged (inline elements with attributes,
    links) is bounded instead: an element holding too many of them side by side is a
    :class:`~cleaner.limits.LimitError` (``MAX_INLINE_RUNS``), before the extraction."""
    worst = total = cost = 0
    for parent in _CROWDED(tree):
        left = _merge_children(parent) if _plain_children(parent) >= MERGE_MIN_CHILDREN else sum(
            1 for child in parent if child.tag in _STRIPPED)
        if left >= MERGE_MIN_CHILDREN:
            worst, total, cost = max(worst, left), total + left, cost + left * left
    if cost > limits.MAX_INLINE_RUNS:
        raise limits.inline_runs_error(worst, total)


def _plain_children(parent: HtmlElement) -> int:
    """How many plain inline children ``parent`` has (counted up to MERGE_MIN_CHILDREN)."""
    n = 0
    for child in parent:
        if _mergeable(child):
            n += 1
            if n >= MERGE_MIN_CHILDREN:
                break
    return n


def _merge_children(parent: HtmlElement) -> int:
    """Merge the plain inline children of ``parent`` into the text around them, one at a time
    (no list of a million children is held); the number of inline children left (``_STRIPPED``)."""
    holder, pieces = parent, [parent.text or ""]  # the text of the parent, then a child's tail
    left = 0
    child = next(iter(parent), None)
    while child is not None:
        after = child.getnext()
        if _mergeable(child):
            pieces.append(child.text or "" if not len(child) else "".join(child.itertext()))
            pieces.append(child.tail or "")
            parent.remove(child)  # (its tail goes with it: it is in the pieces)
            if len(pieces) > 4096:
                pieces = ["".join(pieces)]
        else:
            if len(pieces) > 1:
                _set_run(parent, holder, "".join(pieces))
            holder, pieces = child, [child.tail or ""]
            left += child.tag in _STRIPPED
        child = after
    if len(pieces) > 1:
        _set_run(parent, holder, "".join(pieces))
    return left


def _set_run(parent: HtmlElement, holder: HtmlElement, text: str) -> None:
    if holder is parent:
        parent.text = text
    else:
        holder.tail = text


def _mergeable(el: HtmlElement) -> bool:
    """A plain inline element: no attribute, nothing inside but text and more of them."""
    if el.tag not in _MERGEABLE or el.attrib:
        return False
    return not len(el) or all(d.tag in _MERGEABLE and not d.attrib for d in el.iterdescendants())


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
    fast = _extract(run, url, fast=True)
    small = guard is not None and (len(fast) < RESCUE_PROSE_SHARE * guard.prose_chars
                                   or len(fast) < RESCUE_VISIBLE_SHARE * guard.visible)
    partial = None
    if len(fast) >= RESCUE_CHARS and not small:
        if _one_run(fast):
            full = _extract(run, url, fast=False)
            if len(full) >= RUN_KEEP * len(fast) and not _one_run(full):
                return full, (f"H020: the fast extraction read the article as one run of {len(fast):,} characters; "
                              f"trafilatura's full cascade ({len(full):,}, in paragraphs) was used instead")
            recall = _extract(run, url, fast=False, recall=True)  # it reads each <div>'s own text
            if len(recall) >= RUN_KEEP * len(fast) and not _one_run(recall):
                return recall, (f"H020: the fast extraction and the full cascade read the article as one run of "
                                f"{len(fast):,} characters; trafilatura's recall setting ({len(recall):,}, in "
                                f"paragraphs) was used instead")
            return fast, None
        partial = _partial_container(fast, guard)
        if partial is None:
            return _recall_for_lists(run, url, fast, guard)
    full = _extract(run, url, fast=False)
    best = max(fast, full, key=len)
    if (len(best) < RESCUE_CHARS and guard is not None and guard.prose_chars >= RESCUE_RECALL_PROSE
            and guard.prose_chars > RESCUE_RECALL_FACTOR * len(best)):
        recall = _extract(run, url, fast=False, recall=True)
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
    recall = _extract(run, url, fast=False, recall=True)
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
        return guard.visible if _solid(fast) < RESCUE_UNCONTAINED_SHARE * guard.visible else None
    visible = visible_chars(container)
    return visible if _solid(fast) < RESCUE_CONTAINER_SHARE * visible else None


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


#: a chunk of a split article body holds at least this much prose the extraction missed
SPLIT_MIN_CHARS = 300
#: how many levels up from the first paragraph the chunk's container may sit, and how far
#: apart (levels to a common ancestor) two chunks of one body may be
SPLIT_LEVELS = 4
SPLIT_COUSIN_LEVELS = 3
#: the chunks' class names what they hold: the article's body, not a layout row or column
_BODY_CLASS = regex.compile(r"(?i)article|body|content|story|entry|post|text")
_SAME_CLASS = XPath(".//*[@class=$c]")
_PARAGRAPH_STARTING = XPath("(//p[starts-with(normalize-space(.), $s)])[1]")


def split_body(tree: HtmlElement, text: str, url: str | None) -> str:
    """H018: an article body split into chunks (a template that closes the body container
    around every ad slot: ``article__chunks`` with one ``body__container`` per chunk), of
    which trafilatura reads the first only. The container of the first extracted paragraph
    has cousins with the same tag and class a few levels away, and they hold paragraphs of
    prose the text lacks: each is extracted on its own and joined in document order.

    Only containers whose class names the body ("article", "body", "content", …) count: a
    layout row or column repeats its class around anything, and an appended next story
    sits further away than ``SPLIT_COUSIN_LEVELS``."""
    first = next((line for line in text.split("\n") if len(line) > 100), None)
    if first is None:
        return text
    found = _PARAGRAPH_STARTING(tree, s=squash(first)[:60])
    container = found[0] if found else None
    have = phrase_key(text)
    for _ in range(SPLIT_LEVELS):
        container = container.getparent() if container is not None else None
        if container is None or container.tag in _NEVER_PRUNE:
            return text
        cls = container.get("class")
        if not cls or not _BODY_CLASS.search(cls):
            continue
        top = container  # chunks are cousins: look for them under the ancestor that far up only
        for _ in range(SPLIT_COUSIN_LEVELS):
            top = top.getparent() if top.getparent() is not None else top
        peers = [x for x in _SAME_CLASS(top, c=cls) if x.tag == container.tag]
        chunks = [x for x in peers if x is container or (_cousins(container, x) and _missed_prose(x, have))]
        if len(chunks) < 2:
            return text
        return "\n".join(text if x is container else _extract(_alone(x), url, fast=True) for x in chunks)
    return text


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
        if any(el.getparent() is not parent or _hidden(el) or _detached(el, tree) for el in els):
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


def _cousins(a: HtmlElement, b: HtmlElement) -> bool:
    """Are ``a`` and ``b`` chunks of one story: an ancestor at most ``SPLIT_COUSIN_LEVELS``
    levels up in common, the same ``<article>`` around them (or none), and no second
    headline in their common ancestor (a next story appended below has its own)?"""
    above = list(a.iterancestors())[:SPLIT_COUSIN_LEVELS]
    common = next((x for x in list(b.iterancestors())[:SPLIT_COUSIN_LEVELS] if x in above), None)
    if common is None or _story(a) is not _story(b):
        return False
    return sum(1 for _ in common.iter("h1")) <= 1


def _story(el: HtmlElement) -> HtmlElement | None:
    return next((x for x in el.iterancestors("article")), None)


def _missed_prose(el: HtmlElement, have: str) -> bool:
    """Does ``el`` hold at least ``SPLIT_MIN_CHARS`` of paragraphs that ``have`` lacks?"""
    missed = 0
    for p in el.iter("p"):
        line = squash(p.text_content())
        if len(line) >= 100 and is_prose(line) and phrase_key(line)[:80] not in have:
            missed += len(line)
    return missed >= SPLIT_MIN_CHARS


def _alone(el: HtmlElement) -> HtmlElement:
    """A page of its own around a copy of ``el``, for trafilatura to read."""
    page = fromstring("<html><body><article></article></body></html>")
    page.find(".//article").append(copy.deepcopy(el))
    return page


def _extract(tree: HtmlElement | Cascade, url: str | None, fast: bool, recall: bool = False) -> str:
    """trafilatura's text of ``tree`` in fast mode, its full cascade or its recall setting (or "");
    of a :class:`~cleaner.cascade.Cascade`, the same text, computed once, from the stages it
    shares with the other settings."""
    if isinstance(tree, Cascade):
        return tree.text(RECALL if recall else BALANCED, fast)
    options = Extractor(config=DEFAULT_CONFIG, output_format="python", url=url,
                        **{**EXTRACT_OPTIONS, "fast": fast, "recall": recall})
    doc = trafilatura.bare_extraction(tree, options=options)  # works on a copy: the tree stays as it is
    return doc.text if doc is not None and doc.text else ""


def prune(tree: HtmlElement, rules: RuleSet, keep: frozenset[str] = frozenset(),
          guard: "PruneGuard | None" = None) -> list[Removal]:
    """Remove the elements that selector rules match; return what was removed.

    Simple selectors (``.class``, ``#id``, ``tag``, ``tag.class``, one attribute test) are
    looked up in one walk over the tree; the others run as compiled XPath. What matches
    is pruned in document order under the guard (H019, :class:`PruneGuard`), which also
    notes where each pruned element stood.
    """
    matches = _selector_matches(tree, rules, keep)
    if not matches:
        return []
    guard = guard or PruneGuard(tree)
    guard.hiding([el for el, rule in matches.items() if rule.id == HIDDEN_RULE])
    removed: list[Removal] = []
    for el, rule in matches.items():
        if _detached(el, tree) or guard.spares(el, hidden_rule=rule.id == HIDDEN_RULE):
            continue
        removal = guard.drop(el, rule.category, rule.id)
        if removal:
            removed.append(removal)
    return removed


def _selector_matches(tree: HtmlElement, rules: RuleSet, keep: frozenset[str]) -> dict[HtmlElement, object]:
    """Every element a selector rule matches (the first rule that does), in document order.

    The selectors the index keeps as XPath count only for an element no simple or
    one-attribute selector matched (the first of them, in the index's order, that matches
    it); those that only ask for classes (``div.a.b``) are tested in the walk
    (:func:`_complex_selectors`), the others evaluated first."""
    index = rules.selector_index
    if not (index.by_class or index.by_id or index.by_tag or index.by_attr or index.xpaths):
        return {}
    prepared = _prepared(index)
    complex_rules = [(rule, test) for rule, test in prepared.complex
                     if rule.category not in keep and rule.id not in keep]
    xpath_hits: dict[HtmlElement, set[int]] = {}  # element -> the complex selectors (by number) its XPath found
    for i, (rule, test) in enumerate(complex_rules):
        if not isinstance(test, tuple):
            for el in test(tree):
                if isinstance(el, HtmlElement):
                    xpath_hits.setdefault(el, set()).add(i)
    # an element's classes can meet a compound class selector only if they hold its longest class
    longest = [max(test[1], key=len) for _, test in complex_rules if isinstance(test, tuple)]
    probe = literal_search(longest) if longest else None
    matches: dict[HtmlElement, object] = {}
    by_class, by_id, by_tag, by_attr = index.by_class, index.by_id, index.by_tag, index.by_attr
    attr_matches = index.attr_matches
    class_names, attr_could = prepared.class_names, prepared.attr_could
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue  # comments, processing instructions
        hits = by_tag.get(tag, ())
        ident = el.get("id")
        if ident and ident in by_id:
            hits = [*hits, *by_id[ident]]
        classes = el.get("class")
        if classes and not class_names.isdisjoint(classes.split()):
            for c in classes.split():
                if c in by_class:
                    hits = [*hits, *by_class[c]]
        for want_tag, rule in hits:
            if (want_tag is None or want_tag == tag) and rule.category not in keep and rule.id not in keep:
                matches.setdefault(el, rule)
                break
        if by_attr and el not in matches:
            for name in el.keys():
                could = attr_could.get(name)
                if could is None or not could(value := el.get(name)):
                    continue
                for want_tag, op, want, rule in by_attr[name]:
                    if ((want_tag is None or want_tag == tag) and attr_matches(op, value, want)
                            and rule.category not in keep and rule.id not in keep):
                        matches.setdefault(el, rule)
        if complex_rules and el not in matches and (classes and probe and probe(classes) or el in xpath_hits):
            rule = _first_complex(el, tag, classes, complex_rules, xpath_hits.get(el, ()))
            if rule is not None:
                matches[el] = rule
    return matches


#: white space as XPath's ``normalize-space`` reads it (which cssselect's ``.class`` uses)
_XML_SPACE = re.compile(r"[ \t\r\n]+")
#: a compound class selector: an optional tag and two or more classes (``.a.b``, ``div.a.b``)
_CLASSES_ONLY = re.compile(r"(?P<tag>[a-z][a-z0-9-]*)?(?P<classes>(?:\.[\w-]+){2,})")


class _Prepared(NamedTuple):
    """What the walk reads from a selector index, made once per index (:func:`_prepared`)."""

    class_names: frozenset[str]  # the classes its simple selectors ask for: most elements have none
    attr_could: dict[str, object]  # attribute name -> could one of its selectors match this value?
    complex: tuple  # its XPath selectors as (rule, test) (:func:`_complex_selectors`)


_PREPARED: "weakref.WeakKeyDictionary[object, _Prepared]" = weakref.WeakKeyDictionary()


def _prepared(index) -> _Prepared:
    """The walk's view of ``index``, kept as long as the index lives (a rule set makes one per
    site when some of its rules are a site's own)."""
    found = _PREPARED.get(index)
    if found is None:
        found = _PREPARED[index] = _Prepared(frozenset(index.by_class), _attr_prefilters(index), _complex_selectors(index))
    return found


def _complex_selectors(index) -> tuple:
    """The index's XPath selectors as ``(rule, test)``: for a compound class selector the test
    is ``(tag or None, the classes)``, checked against an element's classes in the walk
    (one XPath of ``contains(concat(' ', normalize-space(@class), ' '), …)`` costs a third of
    the walk); else the compiled XPath."""
    out = []
    for rule, xpath in index.xpaths:
        pattern = next((p for p, x in zip(rule.patterns, rule.xpaths) if x is xpath), "")
        m = _CLASSES_ONLY.fullmatch(pattern.strip())
        out.append((rule, (m["tag"], frozenset(m["classes"][1:].split("."))) if m else xpath))
    return tuple(out)


def _first_complex(el: HtmlElement, tag: str, classes: str | None, complex_rules: list, found: set[int]):
    """The first complex selector's rule that matches ``el`` (``found``: those whose XPath
    found it), or None."""
    tokens = None
    for i, (rule, test) in enumerate(complex_rules):
        if not isinstance(test, tuple):
            if i in found:
                return rule
            continue
        want_tag, want = test
        if classes and (want_tag is None or want_tag == tag):
            if tokens is None:
                tokens = set(_XML_SPACE.split(classes))
            if want <= tokens:
                return rule
    return None


def _attr_prefilters(index) -> dict[str, object]:
    """For each attribute name the index's one-attribute selectors test, one call that tells
    whether any of their operators could match a value (``SelectorIndex.attr_matches``, tags
    and kept rules aside): most values of ``id``, ``class`` and ``style`` match none, and are
    then not tried one selector at a time."""
    could = {}
    for name, entries in index.by_attr.items():
        ops = {(op, want) for _, op, want, _ in entries}
        equal = frozenset(want for op, want in ops if op == "=")
        starts = tuple(want for op, want in ops if op == "^=" and want)  # ("[a^='']" matches nothing)
        ends = tuple(want for op, want in ops if op == "$=" and want)
        inside = [want for op, want in ops if op not in (None, "=", "^=", "$=") and want]  # ("*=", as attr_matches reads it)
        if any(op is None for op, _ in ops):
            could[name] = lambda value: True  # (presence: any value)
        elif not (starts or ends or inside):
            could[name] = equal.__contains__
        elif not (equal or ends or inside):
            could[name] = lambda value, starts=starts: value.startswith(starts)
        elif not (equal or starts or ends):
            could[name] = literal_search(inside)
        else:
            search = literal_search(inside)
            could[name] = lambda value, equal=equal, starts=starts, ends=ends, search=search: (
                value in equal or value.startswith(starts) or value.endswith(ends) or search(value) is not None)
    return could


# -- H019, the pruning guard ----------------------------------------------------------------
#: all the elements pruned before extraction together hold at most this share of the page's
#: visible text (script, style, template and noscript text does not count: on some pages it
#: is nine tenths of the markup)…
PRUNE_MAX_SHARE = 0.5
#: …and at most this share of the text of its paragraphs of prose; one element holding more
#: is the article (or wraps it), whatever its class says
PRUNE_MAX_PROSE_SHARE = 0.4
#: the rule that prunes hidden elements: it spares prose hidden inside the article (a paywall
#: that hides paragraphs one by one, a "read more" toggle), which a script shows, and all the
#: hidden prose of a page that hides at least ``HIDDEN_PROSE_SHARE`` of its prose (a page
#: streamed in hidden chunks that a script moves into place)
HIDDEN_RULE = "NV016"
HIDDEN_PROSE_SHARE = 0.2
_NEVER_PRUNE = frozenset({"html", "body", "main", "article"})
#: a paragraph shorter than this cannot be prose (fifteen words and their spaces)
PROSE_MIN_CHARS = 2 * PROSE_WORDS
_INVISIBLE = ("script", "style", "template", "noscript")
#: the container trafilatura reads the article from (its own first choices, in its order),
#: and that one's ancestors, are never pruned; a candidate counts when it holds this share
#: of the page's prose
CONTAINER_MIN_PROSE_SHARE = 0.25


def visible_chars(el: HtmlElement) -> int:
    """Characters of text a reader could see in ``el``: white space and the text of script,
    style, template and noscript elements left out."""
    total = _solid(el.text_content())
    if total:
        for hidden in el.iter(_INVISIBLE):
            if hidden is not el:
                total -= _solid(hidden.text_content())
    return max(total, 0)


def _solid(text: str) -> int:
    """The characters of ``text`` that are not white space (counted without splitting it)."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r") - text.count("\xa0")


#: trafilatura's choices of the article's container (``xpaths.BODY_XPATH``, 2.3, in its order;
#: its token lists are read from it) as tests on one element: each expression asks for the
#: first element in document order that passes, which one walk over the page finds for all
#: of them, stopping as soon as the first expression whose element holds enough prose is
#: known. The XPaths call back into Python's ``re`` for every ``<div>`` of the page (``re:test``),
#: some 1-4 ms a page; tests/test_html.py compares the two.
_BOX_TAGS = ("article", "div", "main", "section")
BODY_CHOICES = 5  # (the expressions of BODY_XPATH; tests/test_html.py checks the number)
_RE = {name: re.compile("|".join(getattr(trafilatura_xpaths, name))) for name in (
    "_ARTICLE_CONTENT_ID_TOKENS", "_ARTICLE_CONTENT_CLASS_TOKENS", "_STORY_ID_TOKENS", "_STORY_CLASS_TOKENS",
    "_MAIN_CONTENT_ID_TOKENS", "_MAIN_CONTENT_CLASS_TOKENS")}
_FULLTEXT = re.compile("fulltext", re.IGNORECASE)
_LOWER_CM, _LOWER_CP = str.maketrans("CM", "cm"), str.maketrans("CP", "cp")


def _body_test(i: int, el: HtmlElement, tag: str, cls: str, ident: str) -> bool:
    """Does ``el`` pass the tests of trafilatura's ``BODY_XPATH`` expression ``i`` (its tag is
    one of ``_BOX_TAGS``; ``cls``, ``ident``: its class and id, "" when it has none)?"""
    if i == 0:
        return (cls in ("post", "entry") or el.get("itemprop") == "articleBody" or ident == "articleContent"
                or _RE["_ARTICLE_CONTENT_ID_TOKENS"].search(ident) is not None
                or _RE["_ARTICLE_CONTENT_CLASS_TOKENS"].search(cls) is not None)
    if i == 1:
        return tag == "article"
    if i == 2:
        return (el.get("role") == "article" or ident in ("article", "story")
                or cls in ("postarea", "art-postcontent", "text", "cell", "story")
                or _RE["_STORY_ID_TOKENS"].search(ident) is not None or _FULLTEXT.search(cls) is not None
                or _RE["_STORY_CLASS_TOKENS"].search(cls) is not None)
    if i == 3:
        return (ident == "content" or cls == "content" or _RE["_MAIN_CONTENT_ID_TOKENS"].search(ident) is not None
                or _RE["_MAIN_CONTENT_CLASS_TOKENS"].search(cls) is not None
                or "main-content" in ident.translate(_LOWER_CM) or "main-content" in cls.translate(_LOWER_CM)
                or "page-content" in cls.translate(_LOWER_CP))
    # the last: an article, div or section whose class, id or role starts with "main", or any <main>
    return tag == "main" or cls.startswith("main") or ident.startswith("main") or (el.get("role") or "").startswith("main")


def body_candidates(tree: HtmlElement):
    """The elements trafilatura's ``BODY_XPATH`` expressions pick in ``tree`` (each the first
    below it, in document order, that passes the expression's tests), yielded in the order of
    the expressions, those that pick none left out; found in one walk over the page, only as
    far as the next one asked for needs."""
    firsts: dict[int, HtmlElement] = {}
    pending = list(range(BODY_CHOICES))
    need = 0  # the next expression to yield
    for el in tree.iterdescendants(*_BOX_TAGS):
        tag, cls, ident = el.tag, el.get("class") or "", el.get("id") or ""
        for i in [i for i in pending if _body_test(i, el, tag, cls, ident)]:
            firsts[i] = el
            pending.remove(i)
        while need in firsts:
            yield firsts[need]
            need += 1
        if not pending:
            break
    for i in range(need, BODY_CHOICES):
        if i in firsts:
            yield firsts[i]


class PruneGuard:
    """H019: what may be pruned from one page before extraction, judged on the page as it
    was before anything went: its visible text, its paragraphs of prose, and the container
    trafilatura would read the article from. It counts everything pruned together (many
    small hidden paragraphs add up), and notes where each pruned element stood (the text
    before it) for :func:`place`."""

    def __init__(self, tree: HtmlElement, placing: bool = False):
        self.placing = placing
        body = tree.find("body")
        self.root = root = body if body is not None else tree
        self.visible = visible_chars(root)
        #: the page's paragraphs of prose and their lengths
        self.prose: dict[HtmlElement, int] = {}
        seen: dict[str, list[HtmlElement]] = {}  # prose text -> its paragraphs (H025)
        for p in root.iter("p"):
            raw = p.text_content()
            if len(raw) < PROSE_MIN_CHARS:  # too short to hold PROSE_WORDS words
                continue
            text = squash(raw)
            if is_prose(text):
                self.prose[p] = len(text)
                seen.setdefault(text, []).append(p)
        for div in root.iter("div"):  # text straight in a box of its own, no markup inside
            if not len(div) and div.text and len(div.text) >= PROSE_MIN_CHARS and is_prose(text := squash(div.text)):
                seen.setdefault(text, []).append(div)
        #: prose paragraphs the page shows more than once, side by side (H025)
        self.repeated = [(text, els) for text, els in seen.items() if len(els) > 1]
        self.prose_chars = sum(self.prose.values())
        self._tree = tree
        self._found: tuple | None = None  # (container, its prose, it and its ancestors), found when first needed
        self.pruned_visible = self.pruned_prose = 0
        self.hides_article = False
        self.anchors: dict[int, str] = {}  # id(Removal) -> the text before the element

    def hiding(self, hidden: list[HtmlElement]) -> None:
        """Note the elements the page hides: does their prose make a fair share of it?"""
        if not hidden or not self.prose_chars:
            return
        hidden_set = set(hidden)
        share = sum(n for p, n in self.prose.items() if p in hidden_set or any(a in hidden_set for a in p.iterancestors()))
        self.hides_article = share >= HIDDEN_PROSE_SHARE * self.prose_chars

    @property
    def container(self) -> HtmlElement | None:
        """The first of trafilatura's own choices of main container (its ``BODY_XPATH``, in
        its order) that holds a fair share of the page's prose; looked for only when an
        element with prose in it is up for pruning (most pruned elements hold none)."""
        return self._container()[0]

    def _container(self) -> tuple:
        if self._found is None:
            self._found = (None, 0, frozenset())
            want = CONTAINER_MIN_PROSE_SHARE * self.prose_chars
            for found in body_candidates(self._tree) if self.prose_chars else ():
                prose = self.prose_of(found)
                if prose >= want:
                    self._found = (found, prose, frozenset([found, *found.iterancestors()]))
                    break
        return self._found

    def prose_of(self, el: HtmlElement) -> int:
        """The characters of the page's prose paragraphs inside ``el``."""
        prose = self.prose
        return sum(prose.get(p, 0) for p in el.iter("p")) if prose else 0

    def spares(self, el: HtmlElement, hidden_rule: bool = False) -> bool:
        """Whether ``el`` stays: html/body/main/article, the article's container or one of
        its ancestors; and, unless ``el`` lies outside that container and holds less prose
        than it (a sidebar, a gallery beside the article), an element holding most of the
        page's prose, one that would take the share of prose or visible text pruned past its
        bound (counting what went before it), or, for the hidden-element rule, prose the page
        hides in the article (not with ``visibility: hidden``, which keeps the space of what
        it hides: a placeholder, not a collapsed text)."""
        if el.tag in _NEVER_PRUNE:
            return True
        prose = self.prose_of(el)
        if prose and el in self._container()[2]:  # the container and its ancestors hold prose
            return True
        if prose and self._beside_article(el, prose) or (hidden_rule and _VISIBILITY_HIDDEN.search(el.get("style") or "")):
            return False  # beside the article, or held in place unseen (a placeholder, never a collapsed text)
        if prose > PRUNE_MAX_PROSE_SHARE * self.prose_chars:
            return True
        if prose and hidden_rule and (self.hides_article or self._inside_article(el)):
            return True
        if prose and self.pruned_prose + prose > PRUNE_MAX_PROSE_SHARE * self.prose_chars:
            return True
        visible = visible_chars(el) if self.visible else 0
        if visible and self.pruned_visible + visible > PRUNE_MAX_SHARE * self.visible:
            return True
        self.pruned_visible += visible
        self.pruned_prose += prose
        return False

    def _beside_article(self, el: HtmlElement, prose: int) -> bool:
        """Does ``el`` lie outside the article's container (neither in it nor around it),
        holding less prose than the container? Then pruning it cannot cut the article."""
        container, container_prose, _ = self._container()
        if container is None or any(x is container for x in el.iterancestors()):
            return False
        return prose < container_prose

    def drop(self, el: HtmlElement, category: str, rule: str) -> Removal | None:
        """Prune ``el`` (its tail stays); its removal, or None when it held no text."""
        text = squash(" ".join(el.itertext()))  # the record's text: blocks apart, not glued
        anchor = _anchor(el) if text and self.placing else ""
        embeds.drop_element(el)
        if not text:
            return None
        removal = Removal(category, rule, text)
        if self.placing:
            self.anchors[id(removal)] = anchor
        return removal

    def _inside_article(self, el: HtmlElement) -> bool:
        """Is ``el`` inside the article's container, or beside a visible paragraph of prose?"""
        container = self.container
        if container is not None and any(x is container for x in el.iterancestors()):
            return True
        parent = el.getparent()
        return parent is not None and any(c is not el and c in self.prose and not _hidden(c) for c in parent)


_HIDDEN_STYLE = regex.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")
_VISIBILITY_HIDDEN = regex.compile(r"(?i)visibility\s*:\s*hidden")


def _hidden(el: HtmlElement) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _anchor(el: HtmlElement) -> str:
    """The text just before ``el`` in the document (the phrase key of its last words), to
    place its removal among the extracted blocks: the tail of an earlier sibling, or the last
    text inside it (found by XPath: no sibling's whole text is built)."""
    node = el
    while node is not None:
        prev = node.getprevious()
        while prev is not None:
            text = prev.tail if prev.tail and prev.tail.strip() else None
            if text is None and isinstance(prev.tag, str) and prev.tag not in _INVISIBLE:
                found = _LAST_TEXT(prev)
                text = found[-1] if found else None
            if text:
                key = phrase_key(text[-400:])
                if len(key) >= 12:
                    return key[-40:]
            prev = prev.getprevious()
        node = node.getparent()
    return ""


#: the last few texts of an element that are not white space nor script or style
_LAST_TEXT = XPath("(.//text()[normalize-space()][not(parent::script or parent::style)])[last()]")


def place(page: Page, removed: list[Removal], anchors: dict[int, str]) -> None:
    """Put each pruned element's removal where it stood: before the block that follows the
    text just before it, or beside the pruned element that text belongs to (a comment
    section after the post navigation, both pruned); first, when neither is known."""
    keys = [phrase_key(b.text) for b in page.blocks]
    at, unplaced = 0, []
    placed: list[tuple[str, int]] = []  # (phrase key of a placed removal's text, its place)
    for r in removed:
        anchor = anchors.get(id(r), "")
        found = next((i + 1 for i in range(at, len(keys)) if anchor and anchor in keys[i]), None)
        if found is None and anchor:
            found = next((where for key, where in reversed(placed) if anchor in key), None)
        if found is None:
            unplaced.append(r)
            continue
        at = max(at, found - 1)
        placed.append((phrase_key(r.text[-400:]), found))
        page.pruned_at.setdefault(found, []).append(r)
    page.removed = [*page.removed, *unplaced]


_EMAIL_FORMS = XPath(
    "//form[.//input[@type='email' or contains(translate(@name, 'EMAIL', 'email'), 'email')"
    " or contains(translate(@placeholder, 'EMAIL', 'email'), 'email')]]"
)
_SIGNUP = regex.compile(
    r"\b(?:sign(?:ing)?[ -]?up|(?:un)?subscri(?:be|bing|ption)|newsletters?|inbox|e-?mail|privacy policy|terms of (?:use|service))\b",
    regex.IGNORECASE,
)
#: a box around a form is at most this long; it never holds a paragraph of prose besides
BOX_MAX_CHARS = 600


#: a link list has at least this many items…
LINK_LIST_MIN_ITEMS = 3
#: …and at least this share of its text inside links
LINK_LIST_MIN_DENSITY = 0.8
#: …and items no longer than this on average (a list of headlines, not of paragraphs)
LINK_LIST_MAX_ITEM_CHARS = 160
#: a list whose every item opens with a link (a headline and its teaser) needs less
TEASER_LIST_MIN_DENSITY = 0.3
#: items of at least this many words on average are headlines (see-also), shorter ones a menu
LINK_LIST_HEADLINE_WORDS = 5


class LinkItem(NamedTuple):
    """An item of a link list (H012): its category, whether its list counts on its own (a
    two-item list counts only beside a longer one: the last row of a grid of story cards),
    and whether it counts only after the article's last paragraph (a list of headlines whose
    links sit inside the items: a "more stories" box there, a list of sources mid-article)."""

    category: str
    strong: bool
    tail_only: bool = False


def link_list_items(tree: HtmlElement) -> dict[str, LinkItem]:
    """H012, its HTML half: the items of lists that are links and little else (a menu, a
    table of contents, a list of other stories), by phrase key (:class:`LinkItem`).

    The tree is left alone: taking such lists out before extraction moves trafilatura's
    choice of the main container (measured: an article cut short after a related-posts
    slider went). The text half (:func:`cleaner.heuristics.link_lists`) removes the items
    trafilatura kept.
    """
    items: dict[str, LinkItem] = {}
    for lst in tree.iter("ul", "ol"):
        lis = [li for li in lst if li.tag == "li"]
        if len(lis) < LINK_LIST_MIN_ITEMS - 1:
            continue
        texts = [squash(li.text_content()) for li in lis]
        chars = sum(len(t) for t in texts)
        if not chars or chars > LINK_LIST_MAX_ITEM_CHARS * len(lis):
            continue
        linked = sum(len(squash(a.text_content())) for a in lst.iter("a"))
        tail_only = False
        if linked < LINK_LIST_MIN_DENSITY * chars and not (
            linked >= TEASER_LIST_MIN_DENSITY * chars and all(_starts_with_link(li) for li in lis)
        ):
            if not _headline_list(lis, texts, linked, chars):
                continue
            tail_only = True
        words = sum(len(t.split()) for t in texts) / len(lis)
        category = "see_also" if words >= LINK_LIST_HEADLINE_WORDS else "navigation"  # headlines, or a menu
        strong = len(lis) >= LINK_LIST_MIN_ITEMS
        for text in texts:
            if text:
                key = phrase_key(text)
                if key not in items or (strong and not tail_only):
                    items[key] = LinkItem(category, strong, tail_only)
    return items


#: a list of headlines, each with a link in it somewhere ("The strange life and <a>death
#: of a coder</a>"), has at least this many items and this share of its text in links
HEADLINE_LIST_MIN_ITEMS = 4
HEADLINE_LIST_MIN_DENSITY = 0.4
_ENDS_LIKE_SENTENCE = regex.compile(r"[.:;,]\s*$")


def _headline_list(lis: list, texts: list[str], linked: int, chars: int) -> bool:
    """Items that all hold a link and none of which ends like a sentence: headlines."""
    return (len(lis) >= HEADLINE_LIST_MIN_ITEMS and linked >= HEADLINE_LIST_MIN_DENSITY * chars
            and all(li.find(".//a") is not None for li in lis)
            and not any(_ENDS_LIKE_SENTENCE.search(t) for t in texts))


#: how far up from a heading its page header may be
STANDFIRST_HEADER_LEVELS = 4
_HEADER = regex.compile(r"(?i)head")


def standfirst(tree: HtmlElement, description: str) -> str | None:
    """H016, its HTML half: the standfirst (dek) under the headline. A sub-heading
    (``h2``–``h6``) in the page's header (a ``<header>``, or a box whose class or id says
    "head": ``article-head``, ``headline-wrap``) whose text is the page's own summary (its
    meta description). Either sign alone is not enough: a lede paragraph often repeats the
    description, and a header holds other headings. The text half is
    :func:`cleaner.heuristics.standfirst`."""
    key = phrase_key(description)
    if len(key) < 20:
        return None
    body = tree.find("body")
    for heading in body.iter("h2", "h3", "h4", "h5", "h6") if body is not None else ():
        text = _text_up_to(heading, len(key))
        if text is None or phrase_key(text := squash(text)) != key:
            continue
        for level, el in enumerate(heading.iterancestors()):
            if level >= STANDFIRST_HEADER_LEVELS or el.tag in ("body", "article", "main"):
                break
            if el.tag == "header" or _HEADER.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
                return text
    return None


#: the characters a phrase key keeps of a text (all but white space, punctuation and symbols)
_KEPT = regex.compile(r"[^\p{P}\p{S}\p{Z}\s]")


def _text_up_to(el: HtmlElement, key_chars: int) -> str | None:
    """The text of ``el``, or None as soon as it holds more than ``key_chars`` characters
    that its phrase key would keep: its key is then longer than that (case folding never
    shortens a text). A heading left unclosed wraps all the page after it, and the next one
    too: their whole texts, read one by one, were quadratic in the page."""
    pieces, kept = [], 0
    for piece in el.itertext():
        at = 0
        while at < len(piece):  # counted a stretch at a time: a long text is never read through
            step = 4 * (key_chars + 1 - kept) + 64
            kept += len(_KEPT.findall(piece, at, at + step))
            if kept > key_chars:
                return None
            at += step
        pieces.append(piece)
    return "".join(pieces)


def _starts_with_link(li: HtmlElement) -> bool:
    """Does the item's text begin inside a link (``<li><a>Headline</a> teaser</li>``)?"""
    el = li
    while True:
        if el.tag == "a":
            return True
        if (el.text or "").strip() or not len(el):
            return False
        el = el[0]


def form_boxes(tree: HtmlElement, keep: frozenset[str] = frozenset(), guard: "PruneGuard | None" = None) -> list[Removal]:
    """H010: a form asking for an e-mail address is a newsletter sign-up box (with a text
    area, a comment form). The form goes with the small box around it (heading, pitch,
    fine print): up to two levels up, while the box stays short and holds no prose but
    the pitch.
    """
    removed: list[Removal] = []
    forms = _EMAIL_FORMS(tree)
    guard = guard or (PruneGuard(tree) if forms else None)
    for form in forms:
        if _detached(form, tree):
            continue
        category = "comments" if form.find(".//textarea") is not None else "newsletter"
        if category in keep or "H010" in keep:
            continue
        box = form
        for _ in range(2):
            parent = box.getparent()
            if parent is None or parent.tag in _NEVER_PRUNE:
                break
            if len(squash(parent.text_content())) > BOX_MAX_CHARS or any(
                child is not box and _is_story_text(child) for child in parent
            ):
                break
            box = parent
        if category == "newsletter" and not _SIGNUP.search(squash(" ".join(box.itertext()))):
            continue
        if guard.spares(box):
            continue
        removal = guard.drop(box, category, "H010")
        if removal:
            removed.append(removal)
    return removed


def _is_story_text(el: HtmlElement) -> bool:
    """Prose that is not a sign-up pitch: a box around a form never holds it."""
    if not isinstance(el.tag, str):
        return False
    text = squash(el.text_content())
    return is_prose(text) and not _SIGNUP.search(text)


def _detached(el: HtmlElement, root: HtmlElement) -> bool:
    """Was an ancestor of ``el`` pruned already?"""
    while el is not None:
        if el is root:
            return False
        el = el.getparent()
    return True


def _language(tree: HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        meta = tree.find(".//meta[@http-equiv='content-language']")
        lang = meta.get("content") if meta is not None else None
    m = _LANG.match((lang or "").strip())
    return m[0].lower() if m else None
