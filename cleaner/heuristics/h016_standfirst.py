"""H016 standfirst: the standfirst under the headline is the article's summary.

What it does: its HTML half (:func:`in_tree`) finds a sub-heading in the page's header whose
text is the page's own meta description; its text half (:func:`standfirst`) takes that line
out of the head of the body for the record's ``description`` — unless the headline runs
into it or the first paragraph runs on from it (``_CONTINUES``).

Why it is boilerplate: the dek is a summary written for listings and search, repeated as a
line before the article; it belongs in the description.

Example: ``<header><h1>…</h1><h2>Talks stall as …</h2></header>`` with the same meta
description → description "Talks stall as …", the line removed as metadata.

Known gaps: a standfirst the page does not repeat in its meta description stays in the body.
"""
from __future__ import annotations

import regex
from lxml.html import HtmlElement

from ..page import HEAD_MAX_BLOCKS, Page
from ..text import phrase_key, squash
from . import Context

#: how far up from a heading its page header may be
STANDFIRST_HEADER_LEVELS = 4
_HEADER = regex.compile(r"(?i)head")


def in_tree(tree: HtmlElement, description: str) -> str | None:
    """H016, its HTML half: the standfirst (dek) under the headline. A sub-heading
    (``h2``–``h6``) in the page's header (a ``<header>``, or a box whose class or id says
    "head": ``article-head``, ``headline-wrap``) whose text is the page's own summary (its
    meta description). Either sign alone is not enough: a lede paragraph often repeats the
    description, and a header holds other headings. The text half is
    :func:`standfirst`."""
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


#: a line that carries on the sentence before it: a lowercase start, an ellipsis, a conjunction
#: ("And sends a summary every week", "…which is why"): a standfirst that the headline runs
#: into, or that the first paragraph runs on from, is part of the text (H016 leaves it)
_CONTINUES = regex.compile(r"\s*(?:\p{Ll}|\.\.\.|…|(?:And|But|Or|So|Yet|Which|Because)\b)")


def standfirst(page: Page) -> None:
    """H016: the standfirst the HTML showed (:func:`in_tree`) leaves the
    head of the body for the record's ``description``; only as one of the first blocks."""
    found = page.found.standfirst
    if not found:
        return
    key = phrase_key(found[0])
    blocks = page.blocks[: HEAD_MAX_BLOCKS]
    for i, b in enumerate(blocks):
        if b.kept and phrase_key(b.text) == key:
            nxt = next((x.text for x in page.blocks[i + 1:] if x.kept), "")
            if not (_CONTINUES.match(b.text) or _CONTINUES.match(nxt)):
                page.remove(b, "metadata", "H016")
            return


def run(page: Page, context: Context) -> None:
    """H016 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    standfirst(page)
