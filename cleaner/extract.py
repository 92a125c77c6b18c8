"""Read stage, HTML: decode and parse the page once (lxml, through trafilatura's loader),
merge the runs of inline elements that would make trafilatura's walks quadratic, and run
trafilatura on the tree (:mod:`cleaner.cascade` shares its stages between settings). The
small tree facts the HTML heuristics share (visible text, hidden or detached elements) are
here too.
"""
from __future__ import annotations

import codecs
import functools
import threading

import regex
import trafilatura
from lxml import etree
from lxml.etree import XPath
from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.htmlprocessing import REND_TAG_MAPPING
from trafilatura.settings import DEFAULT_CONFIG, MANUALLY_STRIPPED, Extractor
from trafilatura.utils import DOCTYPE_TAG, decode_file, handle_compressed_file, is_dubious_html, repair_faulty_html

from . import limits
from .cascade import BALANCED, RECALL, Cascade
from .errors import InputError
from .limits import LimitError
from .normalize import SURROGATES, binary_kind

#: trafilatura's settings, chosen by measurement on the benchmark (docs/benchmarks.md):
#: fast mode without comments is both more precise and faster than the defaults
EXTRACT_OPTIONS = dict(fast=True, comments=False, tables=True, formatting=False, links=False, images=False)
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
            raw = SURROGATES.sub("\ufffd", data).encode("utf-8")
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


def extract_text(tree: HtmlElement | Cascade, url: str | None, fast: bool, recall: bool = False) -> str:
    """trafilatura's text of ``tree`` in fast mode, its full cascade or its recall setting (or "");
    of a :class:`~cleaner.cascade.Cascade`, the same text, computed once, from the stages it
    shares with the other settings."""
    if isinstance(tree, Cascade):
        return tree.text(RECALL if recall else BALANCED, fast)
    options = Extractor(config=DEFAULT_CONFIG, output_format="python", url=url,
                        **{**EXTRACT_OPTIONS, "fast": fast, "recall": recall})
    doc = trafilatura.bare_extraction(tree, options=options)  # works on a copy: the tree stays as it is
    return doc.text if doc is not None and doc.text else ""


NEVER_PRUNE = frozenset({"html", "body", "main", "article"})
INVISIBLE = ("script", "style", "template", "noscript")


def visible_chars(el: HtmlElement) -> int:
    """Characters of text a reader could see in ``el``: white space and the text of script,
    style, template and noscript elements left out."""
    total = solid_chars(el.text_content())
    if total:
        for hidden in el.iter(INVISIBLE):
            if hidden is not el:
                total -= solid_chars(hidden.text_content())
    return max(total, 0)


def solid_chars(text: str) -> int:
    """The characters of ``text`` that are not white space (counted without splitting it)."""
    return len(text) - text.count(" ") - text.count("\n") - text.count("\t") - text.count("\r") - text.count("\xa0")


HIDDEN_STYLE = regex.compile(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden")


def is_hidden(el: HtmlElement) -> bool:
    return el.get("hidden") is not None or bool(HIDDEN_STYLE.search(el.get("style") or ""))


def is_detached(el: HtmlElement, root: HtmlElement) -> bool:
    """Was an ancestor of ``el`` pruned already?"""
    while el is not None:
        if el is root:
            return False
        el = el.getparent()
    return True


def language_of(tree: HtmlElement) -> str | None:
    lang = tree.get("lang") or tree.get("xml:lang")
    if not lang:
        meta = tree.find(".//meta[@http-equiv='content-language']")
        lang = meta.get("content") if meta is not None else None
    m = _LANG.match((lang or "").strip())
    return m[0].lower() if m else None


def detach(el: HtmlElement) -> None:
    """Take ``el`` out of the tree; the text after it (its tail) stays where it was."""
    parent, tail = el.getparent(), el.tail
    if parent is None:
        return
    if tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    el.tail = None
    parent.remove(el)
