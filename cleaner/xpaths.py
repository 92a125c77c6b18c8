"""Read stage: the XPath expressions the code runs, by role, and the Python walks that stand
for trafilatura's own costliest ones (each selects the same elements in the same order:
tests/test_cascade.py and tests/test_metadata.py compare them):

- ``BODY_XPATH``'s first match: which element trafilatura takes for the article's container
  (:func:`body_test`, :func:`body_candidates`; read by the cascade and the prune guard);
- the raw-tree prunes, ``BASIC_CLEAN_XPATH``, ``OVERALL_DISCARD_XPATH``, ``TEASER_DISCARD_XPATH``
  and ``DISCARD_IMAGE_ELEMENTS`` (:class:`Walk`, read by :mod:`cleaner.cascade`'s copies of
  trafilatura's functions; with another trafilatura, ``WALKS`` is false and the XPaths run);
- and the cleaner's own few XPaths, two of them as walks (:func:`embeds`, :func:`paragraph_starting`).

``AUTHOR_XPATHS`` has its walk in :mod:`cleaner.bylines`; the long discard patterns read
through :func:`cleaner.literals.prefiltered`.
"""
from __future__ import annotations

import hashlib
import re

from lxml.etree import Element, XPath
from lxml.html import HtmlElement
from trafilatura import settings as trafilatura_settings, xpaths as trafilatura_xpaths
from trafilatura.settings import BASIC_CLEAN_XPATH
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from .literals import prefiltered
from .text import literal_search

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
#: white space as XPath's ``normalize-space`` reads it
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def body_test(i: int, el: HtmlElement, tag: str, cls: str, ident: str) -> bool:
    """Does ``el`` pass the tests of trafilatura's ``BODY_XPATH`` expression ``i`` (its tag is
    one of ``BOX_TAGS``; ``cls``, ``ident``: its class and id, "" when it has none)? No token
    pattern matches "": an empty class or id is not searched (most boxes lack one of them)."""
    if i == 0:
        return (cls in ("post", "entry") or el.get("itemprop") == "articleBody" or ident == "articleContent"
                or bool(ident) and _ARTICLE_ID(ident) is not None or bool(cls) and _ARTICLE_CLASS(cls) is not None)
    if i == 1:
        return tag == "article"
    if i == 2:
        return (el.get("role") == "article" or ident in ("article", "story")
                or cls in ("postarea", "art-postcontent", "text", "cell", "story")
                or bool(ident) and _STORY_ID(ident) is not None
                or bool(cls) and (_FULLTEXT.search(cls) is not None or _STORY_CLASS(cls) is not None))
    if i == 3:
        return (ident == "content" or cls == "content"
                or bool(ident) and (_MAIN_ID(ident) is not None or "main-content" in ident.translate(_LOWER_CM))
                or bool(cls) and (_MAIN_CLASS(cls) is not None or "main-content" in cls.translate(_LOWER_CM)
                                  or "page-content" in cls.translate(_LOWER_CP)))
    # the last: an article, div or section whose class, id or role starts with "main", or any <main>
    return tag == "main" or cls.startswith("main") or ident.startswith("main") or (el.get("role") or "").startswith("main")


_ARTICLE_ID, _ARTICLE_CLASS = _RE["_ARTICLE_CONTENT_ID_TOKENS"].search, _RE["_ARTICLE_CONTENT_CLASS_TOKENS"].search
_STORY_ID, _STORY_CLASS = _RE["_STORY_ID_TOKENS"].search, _RE["_STORY_CLASS_TOKENS"].search
_MAIN_ID, _MAIN_CLASS = _RE["_MAIN_CONTENT_ID_TOKENS"].search, _RE["_MAIN_CONTENT_CLASS_TOKENS"].search
#: what a class or an id (lowercased) holds when it may pass some expression's tests: a
#: string each of the tests' token patterns, exact values and "main" starts needs (a class or
#: id holding none of them passes no test on it)
_MAYBE_CLASS = literal_search(["post", "rticle", "ontent", "body", "story", "single", "main", "text", "entry", "cell"])
_MAYBE_ID = literal_search(["rticle", "ontent", "body", "primary", "story", "main"])


def maybe_body(el: HtmlElement, tag: str, cls: str, ident: str) -> bool:
    """Could ``el`` pass the tests of some ``BODY_XPATH`` expression (:func:`body_test`)? False
    only when it passes none: a ``<div>`` or ``<section>`` whose class and id hold nothing
    the tests look for, with no ``itemprop`` nor ``role`` (most boxes of a page), read with
    one search of each instead of every test's."""
    return (tag == "article" or tag == "main" or bool(cls) and _MAYBE_CLASS(cls.lower()) is not None
            or bool(ident) and _MAYBE_ID(ident.lower()) is not None
            or el.get("itemprop") is not None or el.get("role") is not None)


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
        if not maybe_body(el, tag, cls, ident):
            continue
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


# -- trafilatura's costliest XPaths as one walk each ----------------------------------------
#: the expressions the walks below were written for (trafilatura 2.3): RAW_TREE_PRUNE_XPATH,
#: REMOVE_COMMENTS_AND_LISTS_XPATH, BASIC_CLEAN_XPATH, OVERALL_DISCARD_XPATH, BODY_XPATH,
#: TEASER_DISCARD_XPATH and DISCARD_IMAGE_ELEMENTS. libxml2 runs each ``re:test`` as a call
#: back into Python's ``re`` for every element, and the first four cost some 5-10 ms a page
#: each; the walks find the same elements in the same order on every benchmark page
#: (tests/test_cascade.py checks the tests' pages) in a third to a sixth of that. With other
#: expressions (another trafilatura), the XPaths run as such.
WRITTEN_FOR = "b71e96fee717713aafbed061a16fac058404f853"
WALKS = hashlib.sha1("\0".join(x.path for x in [*RAW_TREE_PRUNE_XPATH, *REMOVE_COMMENTS_AND_LISTS_XPATH,
                                                BASIC_CLEAN_XPATH, *trafilatura_xpaths.OVERALL_DISCARD_XPATH,
                                                *trafilatura_xpaths.BODY_XPATH, *trafilatura_xpaths.TEASER_DISCARD_XPATH,
                                                *trafilatura_xpaths.DISCARD_IMAGE_ELEMENTS]
                                  ).encode()).hexdigest() == WRITTEN_FOR
_SCROLL = re.compile("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_MVP = re.compile("mvp-post-add-(?:box|wrap)")
_COMMENTS_ID = re.compile(f"^(?:{trafilatura_xpaths._COMMENTS_ID}|disqus_thread|dsq-comments)")
_COMMENTS_LIST_ID = re.compile(f"^(?:{trafilatura_xpaths._COMMENTS_ID})")
_COMMENTS_CLASS = re.compile(trafilatura_xpaths._COMMENTS_CLASS)
_COOKIE = re.compile(trafilatura_settings._COOKIE_CONSENT_RE, re.IGNORECASE)  # (as EXSLT's 'i' flag)
_BASIC_TAGS = frozenset({"aside", "fencedframe", "footer", "script", "style", "svg", "template"})


def raw_prunes(tree: HtmlElement, comments_too: bool) -> tuple[list, list, list]:
    """What ``RAW_TREE_PRUNE_XPATH``'s two expressions and ``REMOVE_COMMENTS_AND_LISTS_XPATH``
    select in ``tree``, in one walk (each list in document order). trafilatura deletes them in
    turn, each expression run after the deletions of the one before; the walk runs before all
    of them, which differs only inside a subtree already deleted (no longer the tree's)."""
    scroll, share, comments = [], [], []
    for el in tree.iterdescendants("div", "section", "aside", "list", "details", "ol", "ul"):
        tag, ident, cls = el.tag, el.get("id") or "", el.get("class") or ""  # (a missing attribute: "")
        if tag in ("div", "section", "aside"):
            if ((_SCROLL.search(ident) or _SCROLL.search(cls))
                    and (el.find(".//h1") is None or _MVP.search(ident) or _MVP.search(cls))):
                scroll.append(el)
            if "elementor-share-buttons" in cls:
                share.append(el)
        if (comments_too and tag != "aside" and (_COMMENTS_ID.search(ident) or _COMMENTS_CLASS.search(cls))
                and (tag not in ("ol", "ul") or _COMMENTS_LIST_ID.search(ident) or _COMMENTS_CLASS.search(cls))):
            comments.append(el)
    return scroll, share, comments


def basic_clean(tree: HtmlElement) -> list:
    """What ``BASIC_CLEAN_XPATH`` selects in ``tree``, in document order. ``contains(@class|@id,
    'footer')`` reads the first of the two attributes the element has, in its order."""
    found = []
    for el in tree.iterdescendants(Element):
        tag = el.tag
        if tag in _BASIC_TAGS:
            found.append(el)
            continue
        cls, ident = el.get("class"), el.get("id")
        if cls is None and ident is None:
            continue
        if tag == "div":
            first = cls if ident is None else ident if cls is None else (
                cls if el.keys().index("class") < el.keys().index("id") else ident)
            if "footer" in first:
                found.append(el)
                continue
        if (cls is not None and _COOKIE.search(cls)) or (ident is not None and _COOKIE.search(ident)):
            found.append(el)
    return found


def _first_of(el: HtmlElement, a: str, b: str) -> str:
    """XPath's string value of ``@a|@b``: the first of the two attributes in the element's
    order, "" with neither."""
    va, vb = el.get(a), el.get(b)
    if vb is None:
        return va or ""
    if va is None:
        return vb
    keys = el.keys()
    return va if keys.index(a) < keys.index(b) else vb


_DISCARD_PATTERNS = [dict((attr, prefiltered(re.compile(rx)))
                          for attr, rx in re.findall(r"re:test\((@[\w|@-]+), '([^']*)'\)", x.path))
                     for x in trafilatura_xpaths.OVERALL_DISCARD_XPATH]
_DISCARD_TAGS = frozenset({"div", "item", "list", "p", "section", "span"})


class Walk:
    """One XPath of trafilatura's as a walk (called like the XPath on a tree: the same list),
    or several read together (their lists one after the other)."""

    def __init__(self, select, *xpaths):
        self.select, self.path = select, " | ".join(x.path for x in xpaths)

    def __call__(self, tree: HtmlElement) -> list:
        return self.select(tree)


def overall_discard_boilerplate(tree: HtmlElement) -> list:
    """``OVERALL_DISCARD_XPATH[0]``: boilerplate by its role, id and class."""
    ids, classes = _DISCARD_PATTERNS[0]["@id"], _DISCARD_PATTERNS[0]["@class"]
    found = []
    for el in tree.iterdescendants(*_DISCARD_TAGS):
        if el.get("data-lp-replacement-content") is not None:
            found.append(el)
            continue
        role, ident, cls = el.get("role"), el.get("id"), el.get("class")
        if ((role and "nav" in role.replace("N", "n"))
                or "MostPopularStories" in (el.get("data-component") or "")
                or ((ident is not None or cls is not None) and "cookie" in _first_of(el, "id", "class"))
                or (ident and ids.search(ident)) or (cls and classes.search(cls))):
            found.append(el)
    return found


def overall_discard_hidden(tree: HtmlElement) -> list:
    """``OVERALL_DISCARD_XPATH[1]``: hidden elements and comment furniture."""
    ids, classes = _DISCARD_PATTERNS[1]["@id"], _DISCARD_PATTERNS[1]["@class"]
    found = []
    for el in tree.iterdescendants(Element):
        ident, cls, style = el.get("id"), el.get("class"), el.get("style")
        if ident is None and cls is None and style is None:
            if el.get("aria-hidden") == "true":
                found.append(el)
            continue
        if (cls == "comments-title" or _first_of(el, "id", "class").startswith("reply-")
                or "hidden" in _first_of(el, "id", "style")
                or (style and ("display:none" in style or "display: none" in style))
                or (ident and ids.search(ident)) or (cls and classes.search(cls))
                or el.get("aria-hidden") == "true"):
            found.append(el)
    return found


def overall_discard(tree: HtmlElement) -> list:
    """What :func:`overall_discard_boilerplate` and then :func:`overall_discard_hidden` find,
    one list after the other, in one walk: ``prune_unwanted_sections`` reads
    ``OVERALL_DISCARD_XPATH`` with its guard only, which takes the two XPaths' elements
    together, in that order, each once (``dict.fromkeys``), before it deletes any (measured:
    the two walks took 2 ms a call on wcxb, each reading every element's id and class)."""
    b_ids, b_classes = _DISCARD_PATTERNS[0]["@id"], _DISCARD_PATTERNS[0]["@class"]
    h_ids, h_classes = _DISCARD_PATTERNS[1]["@id"], _DISCARD_PATTERNS[1]["@class"]
    boilerplate, hidden = [], []
    for el in tree.iterdescendants(Element):
        get = el.get
        ident, cls, style = get("id"), get("class"), get("style")
        if el.tag in _DISCARD_TAGS:
            if get("data-lp-replacement-content") is not None:
                boilerplate.append(el)
            else:
                role = get("role")
                if ((role and "nav" in role.replace("N", "n"))
                        or "MostPopularStories" in (get("data-component") or "")
                        or (_holds(ident, cls, "cookie") and "cookie" in _first_of(el, "id", "class"))
                        or (ident and b_ids.search(ident)) or (cls and b_classes.search(cls))):
                    boilerplate.append(el)
        if ident is None and cls is None and style is None:
            if get("aria-hidden") == "true":
                hidden.append(el)
        elif (cls == "comments-title" or (_opens(ident, cls, "reply-") and _first_of(el, "id", "class").startswith("reply-"))
                or (_holds(ident, style, "hidden") and "hidden" in _first_of(el, "id", "style"))
                or (style and ("display:none" in style or "display: none" in style))
                or (ident and h_ids.search(ident)) or (cls and h_classes.search(cls))
                or get("aria-hidden") == "true"):
            hidden.append(el)
    return boilerplate + hidden


def _holds(a: str | None, b: str | None, part: str) -> bool:
    """Does either value hold ``part``? (Else the first of them in the element's order, which
    :func:`_first_of` reads, does not: most elements are settled without reading their order.)"""
    return (a is not None and part in a) or (b is not None and part in b)


def _opens(a: str | None, b: str | None, start: str) -> bool:
    """Does either value start with ``start``? (As :func:`_holds`.)"""
    return (a is not None and a.startswith(start)) or (b is not None and b.startswith(start))


def teasers(tree: HtmlElement) -> list:
    """``TEASER_DISCARD_XPATH[0]``: an id or class holding "teaser" (or "Teaser")."""
    return [el for el in tree.iterdescendants(*_DISCARD_TAGS)
            if "teaser" in (el.get("id") or "").replace("T", "t") or "teaser" in (el.get("class") or "").replace("T", "t")]


def captions(tree: HtmlElement) -> list:
    """``DISCARD_IMAGE_ELEMENTS[0]``: an id or class holding "caption"."""
    return [el for el in tree.iterdescendants(*_DISCARD_TAGS)
            if "caption" in (el.get("id") or "") or "caption" in (el.get("class") or "")]


class FirstChoice:
    """``BODY_XPATH[i]`` as ``_extract`` reads it: the first element it selects (the first in
    document order that passes its tests, :func:`cleaner.xpaths.body_test`), then the rest, found
    lazily: ``_extract`` reads only the first (tests/test_cascade.py checks how it reads them)."""

    def __init__(self, i: int, xpath):
        self.i, self.path = i, xpath.path

    def __call__(self, tree: HtmlElement):
        i = self.i
        if i == 1:  # (its one test: the tag)
            return tree.iterdescendants("article")
        return (el for el in tree.iterdescendants(*BOX_TAGS)
                if maybe_body(el, tag := el.tag, cls := el.get("class") or "", ident := el.get("id") or "")
                and body_test(i, el, tag, cls, ident))


# -- the cleaner's own XPaths, by role (the parser's depth and crowding checks stay beside
# -- their limits in cleaner.extract; selector rules compile theirs from CSS in cleaner.rule)
#: the embeds H001 captures: tweets, Instagram and TikTok posts, Facebook posts, YouTube and Twitter iframes
EMBEDS_XPATH = XPath(
    "//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' twitter-tweet ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' twitter-video ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' instagram-media ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' tiktok-embed ')]"
    " | //div[contains(concat(' ', normalize-space(@class), ' '), ' fb-post ')]"
    " | //iframe[contains(@src, 'youtube.com/embed') or contains(@src, 'youtube-nocookie.com/embed')"
    " or contains(@src, 'facebook.com/plugins/post') or contains(@src, 'platform.twitter.com')]"
)
#: what :func:`embeds` looks for: a class token by tag, a piece of an iframe's source
_EMBED_CLASSES = {"blockquote": frozenset({"twitter-tweet", "twitter-video", "instagram-media", "tiktok-embed"}),
                  "div": frozenset({"fb-post"})}
_EMBED_SOURCES = ("youtube.com/embed", "youtube-nocookie.com/embed", "facebook.com/plugins/post", "platform.twitter.com")


def embeds(tree: HtmlElement) -> list:
    """What ``EMBEDS_XPATH`` selects, in document order, in one walk (the XPath walks the page
    once for each of its three tags and normalizes the class of every ``<div>``): a class
    token (between XML white space) by tag, a piece of an iframe's ``src``."""
    found = []
    for el in tree.iter("blockquote", "div", "iframe"):
        tag = el.tag
        if tag == "iframe":
            src = el.get("src")
            if src and any(piece in src for piece in _EMBED_SOURCES):
                found.append(el)
        elif (cls := el.get("class")) and (tag == "blockquote" or "fb-post" in cls) \
                and not _EMBED_CLASSES[tag].isdisjoint(_XML_SPACE.split(cls)):
            found.append(el)
    return found
#: H010's forms: a form with an e-mail field
EMAIL_FORMS = XPath(
    "//form[.//input[@type='email' or contains(translate(@name, 'EMAIL', 'email'), 'email')"
    " or contains(translate(@placeholder, 'EMAIL', 'email'), 'email')]]"
)
#: H018: the elements of one class (``$c``)
SAME_CLASS = XPath(".//*[@class=$c]")
#: H018: the first paragraph that starts with ``$s`` (read by :func:`paragraph_starting`)
PARAGRAPH_STARTING = XPath("(//p[starts-with(normalize-space(.), $s)])[1]")


def paragraph_starting(tree: HtmlElement, s: str) -> list:
    """What ``PARAGRAPH_STARTING`` selects with ``$s``, the paragraphs read in turn up to the
    first that starts so (the XPath reads every paragraph's text). Only a paragraph's first
    ``4 * len(s)`` characters or so are normalized, when that is enough: their normalized
    text, but its last character (white space there may be the text's end, which
    ``normalize-space`` strips), is the start of the whole paragraph's."""
    for p in tree.iter("p"):
        text = p.text_content().lstrip(" \t\r\n")
        head = _XML_SPACE.sub(" ", text[:4 * len(s) + 8])
        if len(head) <= len(s):
            head = _XML_SPACE.sub(" ", text).rstrip(" ")
        if head.startswith(s):
            return [p]
    return []
#: the page's own section, in its meta tags (:mod:`cleaner.htmlmeta`)
SECTION_META = XPath('.//head//meta[@property="article:section" or contains(@name, "subject")][@content]')
