"""Metadata stage: pick the record's metadata from the candidates the earlier stages noted.

Candidates arrive on ``Page.found`` (a typed :class:`~cleaner.page.Candidates`) by field:
the page's own metadata (``html_title``, ``html_authors``, ``html_date``, ``sitename``,
``html_section``, read by :mod:`cleaner.htmlmeta`), what rules captured from lines
(``authors``, ``date``, ``source``, ``section``, ``bio``) and what the heuristics found
(``title``, ``title_suffix``, ``standfirst``, the dateline). Authors come from
:mod:`cleaner.authors` (H009), dates from :mod:`cleaner.dates`.

``source`` is, in order: an explicit "Source: X" line, the wire agency of the dateline
or byline, a "– Site" title suffix, the site name of the page.
"""
from __future__ import annotations

from .authors import authors_and_agencies
from .dates import HAS_YEAR, parse_date
from .page import Page, first
from .text import squash


def merge(page: Page) -> dict:
    """The record's metadata fields from the page's candidates."""
    authors, agencies = authors_and_agencies(page)
    date = first(page.found.html_date)
    if date is None:
        date = next(filter(None, map(parse_date, page.found.date)), None)
    if date is None and page.dateline and page.dateline.date and HAS_YEAR.search(page.dateline.date):
        date = page.dateline.date
    source = first(page.found.source)
    if source is None and page.dateline and page.dateline.agency:
        source = page.dateline.agency
    source = source or (agencies[0] if agencies else None) or first(page.found.title_suffix) or first(page.found.sitename)
    return {
        "title": first(page.found.title),
        "authors": authors,
        "date": date,
        "source": squash(source).strip(" .,;:|–—-") or None if source else None,
        "section": first(page.found.section) or first(page.found.html_section),
        "description": first(page.found.standfirst) or first(page.found.description),
        "language": page.language,
        "dateline": page.dateline,
    }
