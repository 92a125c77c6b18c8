"""The output record: what every input turns into, article or error.

The field set is a contract shared by the library (:meth:`Article.to_dict`), the CLI's
JSONL and the README's schema table; add fields, never rename them.
"""
from __future__ import annotations

import re
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


def _nullable(kind: str, description: str) -> dict[str, Any]:
    return {"type": [kind, "null"], "description": description}


_STRINGS = {"type": "array", "items": {"type": "string"}}

#: the JSON Schema (2020-12) of one record as ``cleaner clean`` writes it (``cleaner schema``);
#: ``--passthrough`` fields come on top of these
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "article-cleaner record",
    "description": "One cleaned input: the article and its metadata, or an error record (error set).",
    "type": "object",
    "required": ["id", "url", "title", "body", "authors", "date", "source", "section", "description", "language",
                 "dateline", "embeds", "removed", "warnings", "error"],
    "additionalProperties": True,
    "properties": {
        "id": _nullable("string", "The input's id: the path as given, the JSONL id, the WARC record id."),
        "url": _nullable("string", "The page's url, as given or found in the page."),
        "title": _nullable("string", "The headline, without a site suffix."),
        "body": {"type": "string", "description": "The clean article text, paragraphs separated by blank lines."},
        "authors": {**_STRINGS, "description": "Author names."},
        "date": _nullable("string", "Publication date, YYYY-MM-DD."),
        "source": _nullable("string", "The publisher or wire agency."),
        "section": _nullable("string", "The site section."),
        "description": _nullable("string", "The standfirst taken out of the body, else the page's meta description."),
        "language": _nullable("string", "The page's declared language."),
        "dateline": {
            "description": "The dateline that opened the article.",
            "anyOf": [{"type": "null"}, {
                "type": "object", "required": ["text", "place", "date", "agency"], "additionalProperties": False,
                "properties": {"text": {"type": "string"}, "place": {"type": ["string", "null"]},
                               "date": {"type": ["string", "null"]}, "agency": {"type": ["string", "null"]}},
            }],
        },
        "embeds": {
            "type": "array", "description": "Social-media embeds, as data.",
            "items": {"type": "object", "required": ["kind", "text", "author", "handle", "date", "url"],
                      "additionalProperties": False,
                      "properties": {"kind": {"type": "string"}, **{k: {"type": ["string", "null"]}
                                                                   for k in ("text", "author", "handle", "date", "url")}}},
        },
        "removed": {
            "type": "array", "description": "Every span that left the body, in order.",
            "items": {"type": "object", "required": ["category", "rule", "text"], "additionalProperties": False,
                      "properties": {"category": {"enum": list(CATEGORIES)}, "rule": {"type": "string"},
                                     "text": {"type": "string"}}},
        },
        "warnings": {
            "type": "array", "description": "What a reader of the record should know about how the body was made: "
            "fallback_extraction (the safety net took trafilatura's full cascade), empty_body (no article came out).",
            "items": {"type": "object", "required": ["code", "message"], "additionalProperties": False,
                      "properties": {"code": {"type": "string"}, "message": {"type": "string"}}},
        },
        "error": {
            "description": "Null for a cleaned input; else what went wrong.",
            "anyOf": [{"type": "null"}, {
                "type": "object", "required": ["type", "message"],
                "properties": {"type": {"type": "string"}, "message": {"type": "string"}},
            }],
        },
    },
}


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub_text(s: str) -> str:
    """``s`` with every lone surrogate (``"\\ud800"`` from a JSON escape, ``"\\udc80"`` from
    undecodable bytes) replaced by U+FFFD, so that it encodes as UTF-8."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def scrubbed(record: dict[str, Any]) -> dict[str, Any]:
    """The record with lone surrogates replaced by U+FFFD in every string it holds (keys
    too), and a ``replaced_surrogates`` warning naming the fields where that was done;
    the record itself when it has none (the usual case: one regex search per string)."""
    hit: list[str] = []

    def walk(value: Any, where: str) -> Any:
        if isinstance(value, str):
            if _SURROGATE.search(value):
                hit.append(where)
                return _SURROGATE.sub("\ufffd", value)
            return value
        if isinstance(value, dict):
            return {walk(k, where) if isinstance(k, str) else k: walk(v, f"{where}.{k}" if where else str(k))
                    for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(v, where) for v in value]
        return value

    out = walk(record, "")
    if not hit:
        return record
    fields = ", ".join(dict.fromkeys(scrub_text(h) for h in hit))
    warnings = list(out.get("warnings") or ())
    warnings.append({"code": "replaced_surrogates",
                     "message": f"lone surrogates (not encodable as UTF-8) replaced by U+FFFD in: {fields}"})
    out["warnings"] = warnings
    return out
