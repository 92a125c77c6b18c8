"""Stage 3: the XPath expressions the code runs, by role, and the Python walks that stand for
trafilatura's own costliest ones (``BODY_XPATH``'s first match: which element trafilatura
takes for the article's container).
"""
from __future__ import annotations

import re

from lxml.etree import XPath

from lxml.html import HtmlElement
from trafilatura import xpaths as trafilatura_xpaths


#: trafilatura's choices of the article's container (``xpaths.BODY_XPATH``, 2.3, in its order;
#: its token lists are read from it) as tests on one element: each expression asks for the
#: first element in document order that passes, which one walk over the page finds for all
#: of them, stopping as soon as the first expression whose element holds enough prose is
#: known. The XPaths call back into Python's ``re`` for every ``<div>`` of the page (``re:test``),
#: some 1-4 ms a page; tests/test_html.py compares the two.
BOX_TAGS = ("article", "div", "main", "section")
BODY_CHOICES = 5  # (the expressions of BODY_XPATH; tests/test_html.py checks the number)
_RE = {name: re.compile("|".join(getattr(trafilatura_xpaths, name))) for name in (
    "_ARTICLE_CONTENT_ID_TOKENS", "_ARTICLE_CONTENT_CLASS_TOKENS", "_STORY_ID_TOKENS", "_STORY_CLASS_TOKENS",
    "_MAIN_CONTENT_ID_TOKENS", "_MAIN_CONTENT_CLASS_TOKENS")}
_FULLTEXT = re.compile("fulltext", re.IGNORECASE)
_LOWER_CM, _LOWER_CP = str.maketrans("CM", "cm"), str.maketrans("CP", "cp")


def body_test(i: int, el: HtmlElement, tag: str, cls: str, ident: str) -> bool:
    """Does ``el`` pass the tests of trafilatura's ``BODY_XPATH`` expression ``i`` (its tag is
    one of ``BOX_TAGS``; ``cls``, ``ident``: its class and id, "" when it has none)?"""
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
    for el in tree.iterdescendants(*BOX_TAGS):
        tag, cls, ident = el.tag, el.get("class") or "", el.get("id") or ""
        for i in [i for i in pending if body_test(i, el, tag, cls, ident)]:
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

#: the last few texts of an element that are not white space nor script or style
LAST_TEXT = XPath("(.//text()[normalize-space()][not(parent::script or parent::style)])[last()]")
