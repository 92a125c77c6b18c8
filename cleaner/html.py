"""Stage 1 for HTML: parse once, capture embeds, prune, let trafilatura extract.

The page is parsed once with lxml (through trafilatura's loader, which detects the
encoding of bytes). Embeds are captured and taken out, the elements that ``selector``
rules match are pruned (and recorded), and trafilatura extracts the main text and the
metadata from that same tree. What comes out is a :class:`~cleaner.blocks.Page` of text
blocks for the text rules, with metadata candidates noted on it.
"""
from __future__ import annotations

import regex
import trafilatura
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import DEFAULT_CONFIG, Extractor
from trafilatura.utils import load_html

from . import embeds
from .blocks import Page, is_prose
from .errors import InputError
from .record import Removal
from .rules import RuleSet, host_of, squash

#: the pruning guard: an element holding more than this share of the page's text is the
#: article (or wraps it), whatever its class says, and is never pruned
PRUNE_MAX_SHARE = 0.5
_NEVER_PRUNE = frozenset({"html", "body", "main", "article"})
#: trafilatura's settings, chosen by measurement on the benchmark (docs/benchmarks.md):
#: fast mode without comments is both more precise and faster than the defaults
EXTRACT_OPTIONS = dict(fast=True, comments=False, tables=True, formatting=False, links=False, images=False)
_LANG = regex.compile(r"[A-Za-z]{2,3}(?=$|[-_])")


def parse(data: str | bytes) -> HtmlElement:
    """Parse an HTML document with lxml (bytes: the encoding is detected)."""
    try:
        tree = load_html(data)
    except (TypeError, ValueError) as e:
        raise InputError(f"cannot parse the HTML: {e}") from None
    if tree is None:
        raise InputError("not an HTML document")
    return tree


def html_page(data: str | bytes, url: str | None, rules: RuleSet, keep: frozenset[str]) -> Page:
    tree = parse(data)
    language = _language(tree)
    found, removed = embeds.capture_html(tree, drop="embedded_tweet" not in keep and "H001" not in keep)
    removed += form_boxes(tree, keep)
    removed += prune(tree, rules, keep)
    options = Extractor(config=DEFAULT_CONFIG, output_format="python", with_metadata=True, url=url, **EXTRACT_OPTIONS)
    doc = trafilatura.bare_extraction(tree, options=options)
    page = Page.from_text(doc.text if doc is not None and doc.text else "", url=url, host=host_of(url), keep=keep)
    page.embeds, page.removed, page.language = found, removed, language
    if doc is not None:
        page.note("html_title", doc.title)
        page.note("html_authors", doc.author)
        page.note("html_date", doc.date)
        page.note("sitename", doc.sitename)
        page.note("html_section", (doc.categories or [None])[0])
        if not page.host:
            page.host = host_of(doc.url) or (doc.hostname or None)
    return page


def prune(tree: HtmlElement, rules: RuleSet, keep: frozenset[str] = frozenset()) -> list[Removal]:
    """Remove the elements that selector rules match; return what was removed.

    Simple selectors (``.class``, ``#id``, ``tag``, ``tag.class``) are looked up in one walk
    over the tree; the others run as compiled XPath. Guard: an element holding more than
    ``PRUNE_MAX_SHARE`` of the page's text, or an html/body/main/article element, is
    never pruned, whatever its class.
    """
    index = rules.selector_index
    if not (index.by_class or index.by_id or index.by_tag or index.xpaths):
        return []
    matches: dict[HtmlElement, object] = {}
    by_class, by_id, by_tag = index.by_class, index.by_id, index.by_tag
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue  # comments, processing instructions
        hits = by_tag.get(tag, ())
        ident = el.get("id")
        if ident and ident in by_id:
            hits = [*hits, *by_id[ident]]
        classes = el.get("class")
        if classes:
            for c in classes.split():
                if c in by_class:
                    hits = [*hits, *by_class[c]]
        for want_tag, rule in hits:
            if (want_tag is None or want_tag == tag) and rule.category not in keep and rule.id not in keep:
                matches.setdefault(el, rule)
                break
    for rule, xpath in index.xpaths:
        if rule.category in keep or rule.id in keep:
            continue
        for el in xpath(tree):
            if isinstance(el, HtmlElement):
                matches.setdefault(el, rule)
    if not matches:
        return []
    body = tree.find("body")
    total = len((body if body is not None else tree).text_content())
    removed: list[Removal] = []
    for el, rule in matches.items():
        if el.tag in _NEVER_PRUNE or _detached(el, tree):
            continue
        text = squash(" ".join(el.itertext()))  # the record's text: blocks apart, not glued
        if total and len(text) > PRUNE_MAX_SHARE * total:
            continue
        embeds.drop_element(el)
        if text:
            removed.append(Removal(rule.category, rule.id, text))
    return removed


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


def form_boxes(tree: HtmlElement, keep: frozenset[str] = frozenset()) -> list[Removal]:
    """H010: a form asking for an e-mail address is a newsletter sign-up box (with a text
    area, a comment form). The form goes with the small box around it (heading, pitch,
    fine print): up to two levels up, while the box stays short and holds no prose but
    the pitch.
    """
    removed: list[Removal] = []
    for form in _EMAIL_FORMS(tree):
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
        text = squash(" ".join(box.itertext()))
        if category == "newsletter" and not _SIGNUP.search(text):
            continue
        embeds.drop_element(box)
        if text:
            removed.append(Removal(category, "H010", text))
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
