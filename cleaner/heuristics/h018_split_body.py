"""H018 split-body: an article split into chunks of one container is read whole.

What it does: when the container of the first extracted paragraph has cousins with the same
tag and class a few levels away (``SPLIT_LEVELS``, ``SPLIT_COUSIN_LEVELS``) that hold prose
the text lacks, each is extracted on its own and joined in document order. It removes
nothing: it adds what the extraction missed.

Why it is needed: templates close the body container around every ad slot (``article__chunks`` with one
``body__container`` per chunk), and trafilatura reads the first chunk only — the article
vanishes but for its intro.

Example: three ``<div class="body__container">`` chunks of three paragraphs each; the
extraction read three paragraphs → all nine.

Known gaps: only containers whose class names the body ("article", "body", "content", …)
are followed.
"""
from __future__ import annotations

import copy

import regex
from lxml.html import HtmlElement, fromstring

from ..extract import NEVER_PRUNE, extract_text
from ..text import is_prose, phrase_key, squash
from ..xpaths import SAME_CLASS, paragraph_starting

#: a chunk of a split article body holds at least this much prose the extraction missed
SPLIT_MIN_CHARS = 300
#: how many levels up from the first paragraph the chunk's container may sit, and how far
#: apart (levels to a common ancestor) two chunks of one body may be
SPLIT_LEVELS = 4
SPLIT_COUSIN_LEVELS = 3
#: the chunks' class names what they hold: the article's body, not a layout row or column
_BODY_CLASS = regex.compile(r"(?i)article|body|content|story|entry|post|text")


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
    found = paragraph_starting(tree, squash(first)[:60])
    container = found[0] if found else None
    for _ in range(SPLIT_LEVELS):
        container = container.getparent() if container is not None else None
        if container is None or container.tag in NEVER_PRUNE:
            return text
        cls = container.get("class")
        if not cls or not _BODY_CLASS.search(cls):
            continue
        top = container  # chunks are cousins: look for them under the ancestor that far up only
        for _ in range(SPLIT_COUSIN_LEVELS):
            top = top.getparent() if top.getparent() is not None else top
        peers = [x for x in SAME_CLASS(top, c=cls) if x.tag == container.tag]
        have = phrase_key(text) if len(peers) > 1 else ""  # (the whole text keyed: only with peers to compare)
        chunks = [x for x in peers if x is container or (_cousins(container, x) and _missed_prose(x, have))]
        if len(chunks) < 2:
            return text
        return "\n".join(text if x is container else extract_text(_alone(x), url, fast=True) for x in chunks)
    return text


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
