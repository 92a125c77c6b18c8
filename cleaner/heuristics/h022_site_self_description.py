"""H022 site-self-description: the publisher's closing blurb about itself is boilerplate.

What it does: among the last ``SELF_LAST_BLOCKS`` lines kept, one that begins with the
site's own name (found in the host or the page's site name) and says what the site is
("is a global provider of …", "is headquartered in …") is removed as promo.

Why it is boilerplate: press releases and company blogs end with an "About us" paragraph
on every page.

Example: on northwindanalytics.com, last lines "Northwind Analytics is a global
provider of water-quality sensors …" / "Northwind Analytics is headquartered in Leeds …" →
removed; the same lines on another site stay.

Known gaps: a blurb that names the site other than as its host or site name says stays.
"""
from __future__ import annotations

import regex

from ..page import Page, first
from ..text import name_key
from . import Context

#: H022 looks at this many of the last lines kept
SELF_LAST_BLOCKS = 3
#: the site's name, then what it is: "Acme (Inc.) is a … company", "Acme is headquartered in …"
_SELF_START = regex.compile(
    r"(?P<name>(?:The )?\p{Lu}[\p{L}\p{N}.&'’-]*(?: (?:\p{Lu}[\p{L}\p{N}.&'’-]*|of|and|&|for)){0,4})"
    r"(?:,? (?:Inc|LLC|Ltd|LLP|PLC|Corp|GmbH|AG)\.?,?)?"
    r" (?:(?P<isa>is (?:a|an|the)) |is headquartered in |was founded in |has been (?:a|an|the) (?=.*\b(?:since|for)\b))"
)
#: what an "is a" sentence of the kind says the site is (in its first sentence)
_SELF_NOUN = regex.compile(
    r"[^.!?]{0,120}?\b(?:provider|company|firm|organi[sz]ation|agency|platform|leader|manufacturer|developer|supplier|"
    r"publisher|network|nonprofit|non-profit|charity|directory|marketplace|consultancy|retailer|operator|tool|software|"
    r"solution|startup|institute|association|studio)s?\b"
)


def site_boilerplate(page: Page) -> None:
    """H022: among the last ``SELF_LAST_BLOCKS`` lines kept, one that begins with the site's own
    name (found in the host: "Acme" on acme.com, "Council for Relationships" on
    councilforrelationships.org; or the page's site name) and says what the site is ("is a
    global provider of …", "is headquartered in …") is the publisher's boilerplate ("About
    us" of a press release, a company's footer blurb). A review's "Acme is a tool that …"
    in the middle of the page is not among the last lines; an article naming another
    company does not carry that company's name in its host."""
    host = name_key(page.host)
    site = name_key(first(page.found.sitename))
    if not host and not site:
        return
    kept = [b for b in page.blocks if b.kept][-SELF_LAST_BLOCKS:]
    if len(kept) == len([b for b in page.blocks if b.kept]):
        return  # the article is no longer than its tail: nothing to tell it from
    for b in kept:
        m = _SELF_START.match(b.text)
        if not m:
            continue
        key = name_key(m["name"].removeprefix("The "))
        if len(key) < 4 or not ((host and key in host) or key == site):
            continue
        if m["isa"] and not _SELF_NOUN.match(b.text, m.end()):
            continue
        page.remove(b, "promo", "H022")


def run(page: Page, context: Context) -> None:
    """H022 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    site_boilerplate(page)
