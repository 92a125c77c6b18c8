"""The output record: what every input turns into, article or error.

The field set is a contract shared by the library (:meth:`Article.to_dict`), the CLI's
JSONL and the README's schema table; add fields, never rename them.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES = (
    "cookie_banner",
    "share_buttons",
    "see_also",
    "comments",
    "embedded_tweet",
    "newsletter",
    "promo",
    "navigation",
    "metadata",
)


@dataclass(frozen=True, slots=True)
class Removal:
    """One span that left the body: its category, the rule or heuristic id, its text."""

    category: str
    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline that opened the article ("TEL AVIV, Israel (AP) —")."""

    text: str
    place: str | None = None
    date: str | None = None
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class Embed:
    """A social-media embed captured from the page or recognised in the text."""

    kind: str  # tweet, instagram, youtube, facebook, tiktok
    text: str | None = None
    author: str | None = None
    handle: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Article:
    """A cleaned article (or, with ``error`` set, the record of a failed input)."""

    id: str | None = None
    url: str | None = None
    title: str | None = None
    body: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    source: str | None = None
    section: str | None = None
    #: the article's summary: its standfirst (dek) when one was taken out of the body,
    #: else the page's meta description
    description: str | None = None
    language: str | None = None
    dateline: Dateline | None = None
    embeds: list[Embed] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    #: what the reader should know about how the body was made: ``{"code", "message"}``
    #: (``fallback_extraction``: the safety net took another extraction; ``empty_body``:
    #: the input had text but the body is empty)
    warnings: list[dict[str, str]] = field(default_factory=list)
    error: dict[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record, exactly what ``cleaner clean`` writes."""
        return asdict(self)

    @classmethod
    def failed(cls, error: Exception, id: str | None = None, url: str | None = None) -> "Article":
        """An error record: the input's id and url, and ``{"type", "message"}``."""
        from .errors import CleanerError

        if isinstance(error, CleanerError):
            info = error.to_dict()
        else:  # a bug of ours: still a record, typed by the exception's class
            info = {"type": "internal_error", "message": f"{type(error).__name__}: {error}"}
        return cls(id=id, url=url, error=info)
