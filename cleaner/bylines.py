"""Read stage: trafilatura's byline XPaths (``xpaths.AUTHOR_XPATHS`` and its discard expressions,
2.3) as one walk over the page in Python, for :mod:`cleaner.htmlmeta`'s byline search: the
same elements in the same order (tests/test_metadata.py compares them)."""
from __future__ import annotations

from lxml.html import HtmlElement

from .text import literal_search


def _contains(*parts: str):
    """XPath's ``contains(@attr, part)`` for any of ``parts``, as one search (a missing
    attribute reads as "", which holds none)."""
    return literal_search(parts)


#: trafilatura's byline XPaths (``xpaths.AUTHOR_XPATHS``, 2.3, each ``re:test`` read as the
#: ``contains``/``starts-with`` it spells) as tests on one element, run in one walk over the
#: page in Python: libxml2 evaluates each ``contains(@class, …)`` by copying the attribute
#: anew, and the three expressions and the discard one cost some 2 ms a page each, the walk
#: a fraction of that (same elements, same order: tests/test_metadata.py compares them)
_BYLINE_TAGS = (frozenset({"a", "address", "div", "link", "p", "span", "strong"}),  # specific and almost specific
                frozenset({"a", "div", "h3", "h4", "p", "span"}))  # almost generic and generic (the third: any element)
#: the strings each expression looks for in class and id (``contains``)
_CLASS_CUES = (("author-name", "authorname", "AuthorName", "authorName"),
               ("author", "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by", "posted-by",
                "journalist-name"),
               ("author", "Author", "screenname", "writer", "byline", "Byline"))
_ID_CUES = ((), ("author", "zuozhe", "bianji", "xiaobian"), ("author", "Author"))
_BYLINE_CLASS = tuple(_contains(*cues) for cues in _CLASS_CUES)
_BYLINE_ID = (None, *(_contains(*cues) for cues in _ID_CUES[1:]))
#: trafilatura's ``AUTHOR_DISCARD_XPATHS``: what a byline never holds (comments, dates, figures)
_BYLINE_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_CLASS_CUES = ("commentlist", "comments-list", "sidebar", "is-hidden", "quote", "embedly-instagram",
                       "article-share", "article-support", "print", "category", "meta-date", "meta-reviewer")
_DISCARD_ID_CUES = ("commentlist", "comment-list", "ProductReviews")
_BYLINE_DISCARD_CLASS = _contains(*_DISCARD_CLASS_CUES)
_BYLINE_DISCARD_ID = _contains(*_DISCARD_ID_CUES)
#: the values the expressions compare an attribute with, read at its start, or look for in
#: ``itemprop`` and ``data-component`` (``_byline_level``, ``_discarded``)
_WHOLE_VALUES = ("author", "AuthorCard", "AuthorURL", "byline", "username", "byl", "BBL", "Byline", "Figure",
                 "comments", "Comments", "title", "date")
#: the attributes those expressions test: an element with none of them matches by its tag only
_BYLINE_ATTRS = frozenset({"class", "id", "itemprop", "rel", "data-testid", "data-component"})
#: every string one of those expressions looks for in an attribute (or compares it with, or
#: reads at its start): an element none of whose attribute values holds one matches by its tag
#: only, and one search of its values (all of them, joined: fewer calls) in C says so; 6 % of
#: the elements with one of the attributes hold one (measured on wcxb: the walk took 2.2 ms a
#: page, 1.4 ms with this)
_BYLINE_CUES = _contains(*sorted({*(c for cues in (*_CLASS_CUES, *_ID_CUES) for c in cues), *_DISCARD_CLASS_CUES,
                                  *_DISCARD_ID_CUES, *_WHOLE_VALUES}))


def _byline_level(el: HtmlElement, tag: str, rel_me: bool) -> int | None:
    """The first of the three byline expressions ``el`` matches (0, 1, 2), or None;
    ``rel_me``: it has a child element ``<rel>`` reading "me" (XPath's ``rel='me'``)."""
    cls, ident, itemprop = el.get("class") or "", el.get("id") or "", el.get("itemprop") or ""
    if tag == "author" or tag in _BYLINE_TAGS[0] and (
            el.get("rel") == "author" or ident == "author" or cls == "author" or itemprop == "author name"
            or el.get("data-testid") in ("AuthorCard", "AuthorURL") or _BYLINE_CLASS[0](cls) or rel_me):
        return 0
    author_prop = "author" in itemprop
    if tag in _BYLINE_TAGS[1] and (cls in ("byline", "username", "byl", "BBL") or author_prop
                                   or _BYLINE_ID[1](ident) or _BYLINE_CLASS[1](cls)):
        return 1
    if author_prop or "Byline" in (el.get("data-component") or "") or _BYLINE_ID[2](ident) or _BYLINE_CLASS[2](cls):
        return 2
    return None


def _discarded(el: HtmlElement, tag: str) -> bool:
    """Does one of trafilatura's byline discard expressions match ``el``?"""
    if tag in ("time", "figure"):
        return True
    if tag not in _BYLINE_DISCARD_TAGS:
        return False
    cls, ident = el.get("class") or "", el.get("id") or ""
    return (ident.startswith("comments") or cls in ("comments", "title", "date") or cls.startswith(("Comments", "comments"))
            or _BYLINE_DISCARD_ID(ident) or _BYLINE_DISCARD_CLASS(cls) or "Figure" in (el.get("data-component") or ""))


def byline_candidates(tree: HtmlElement) -> tuple[list[list[HtmlElement]], set[HtmlElement]]:
    """The elements each byline expression matches, in document order, and those the discard
    expressions match, found in one walk over the whole document, as trafilatura's ``//``
    reads it: past a fragment's root, and over every top-level element (a broken page can
    hold two ``<html>``). The discard expression for ``a``/``div``/… is relative (``.//``):
    it matches only below ``tree``."""
    levels: list[list[HtmlElement]] = [[], [], []]
    discard: set[HtmlElement] = set()
    root = tree.getroottree().getroot()
    tops = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
    rel_me = {r.getparent() for top in tops for r in top.iter("rel") if r.text_content() == "me"}
    attrs = _BYLINE_ATTRS
    for top in tops:
        for el in top.iter():
            tag = el.tag
            if not isinstance(tag, str):
                continue  # comments, processing instructions
            if not rel_me and (attrs.isdisjoint(el.keys()) or not _BYLINE_CUES("\x00".join(el.values()))):
                # (most elements: only their tag can match)
                if tag == "author":
                    levels[0].append(el)
                elif tag == "time" or tag == "figure":
                    discard.add(el)
                continue
            level = _byline_level(el, tag, bool(rel_me) and el in rel_me)
            if level is not None:
                levels[level].append(el)
            if _discarded(el, tag) and (tag in ("time", "figure") or el is not tree and (
                    top is tree or any(a is tree for a in el.iterancestors()))):
                discard.add(el)
    return levels, discard
