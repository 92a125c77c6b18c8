"""The systems ``cleaner eval`` scores: the cleaner, trafilatura in its settings (``--compare``)
and the input text itself, each a :class:`System` that turns a gold page into a :class:`Prediction`.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import regex

from .gold import GoldPage
from .score import FIELDS


# -- systems -----------------------------------------------------------------------------
@dataclass
class Prediction:
    """What a system made of one page."""

    body: str = ""
    title: str | None = None
    date: str | None = None
    authors: list[str] | None = None
    source: str | None = None
    dateline: Any = None
    removed: list = field(default_factory=list)
    error: str | None = None


@dataclass
class System:
    """A named extractor: ``run(page) -> Prediction``; ``fields`` are the metadata it gives.
    ``text`` and ``html`` say which inputs it takes (the others are skipped for it)."""

    name: str
    run: Callable[[GoldPage], Prediction]
    fields: tuple[str, ...] = ()
    text: bool = False
    html: bool = True

    def takes(self, page: GoldPage) -> bool:
        return self.html if page.html is not None else self.text


def cleaner_system(cleaner=None, name: str = "article-cleaner") -> System:
    from ..api import Cleaner

    cleaner = cleaner or Cleaner()

    def run(page: GoldPage) -> Prediction:
        if page.html is not None:
            a = cleaner.clean_html(page.html, url=page.url, id=page.id)
        elif not (page.text or "").strip():  # nothing to clean (an extractor gave up): empty, not an error
            return Prediction()
        else:
            a = cleaner.clean_text(page.text, url=page.url, id=page.id)
        return Prediction(body=a.body, title=a.title, date=a.date, authors=a.authors, source=a.source,
                          dateline=a.dateline, removed=a.removed)

    return System(name, run, FIELDS, text=True)


#: trafilatura settings for --compare: name -> keyword arguments of trafilatura.extract()
TRAFILATURA_SETTINGS = {
    "trafilatura": {},
    "trafilatura-no-comments": {"include_comments": False},
    "trafilatura-precision": {"favor_precision": True},
    "trafilatura-fast": {"fast": True},
}


def trafilatura_system(setting: str = "trafilatura") -> System:
    """trafilatura with the given settings: the body ``extract()`` returns (text and comments,
    as ``extract`` joins them), the title, date, author and site name of the same run."""
    import trafilatura

    kwargs = TRAFILATURA_SETTINGS[setting]

    def run(page: GoldPage) -> Prediction:
        doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True, **kwargs)
        if doc is None:
            return Prediction()
        body = doc.text or ""
        if getattr(doc, "comments", None):
            body = f"{body}\n{doc.comments}".strip()
        authors = [a.strip() for a in regex.split(r";", doc.author)] if doc.author else []
        return Prediction(body=unicodedata.normalize("NFC", body), title=doc.title, date=doc.date,
                          authors=[a for a in authors if a], source=doc.sitename)

    return System(setting, run, ("title", "date", "authors", "source"))


def input_system() -> System:
    """The input as given (text gold: the extractor's text before cleaning)."""

    def run(page: GoldPage) -> Prediction:
        return Prediction(body=page.text or "")

    return System("input as given", run, (), text=True, html=False)


def compare_system(name: str) -> System:
    if name in TRAFILATURA_SETTINGS:
        return trafilatura_system(name)
    if name == "input":
        return input_system()
    raise ValueError(f"unknown system {name!r} (one of {', '.join([*TRAFILATURA_SETTINGS, 'input'])})")
