"""The library's entry points: :class:`Cleaner` (the pipeline, and batches of documents
through the runner) and the module-level ``clean``, ``clean_html`` and ``clean_text`` with
the built-in rules.

    >>> from cleaner import Cleaner
    >>> cleaner = Cleaner(keep=["comments"])
    >>> article = cleaner.clean_text("Facebook\\nTwitter\\n" + "A paragraph of real article text. " * 3)
"""
from __future__ import annotations

from typing import Iterable, Iterator

from .pipeline import Pipeline
from .record import Article
from .runner import clean_many
from .sources import Fields


class Cleaner(Pipeline):
    """Compiles the rules once; cleans any number of documents with them, one at a time
    (:class:`~cleaner.pipeline.Pipeline`'s methods) or many (:meth:`clean_many`).

    ``rules``: extra rule files or folders (or a ready ``RuleSet``) on top of the built-in
    ones (``builtin_rules=False`` drops those). ``keep``: categories or rule ids whose
    removals are not made. ``keep_dateline``: leave the dateline in the body.
    ``limits``: size, depth and time bounds per document (see :mod:`cleaner.limits`).
    """

    def clean_many(self, items: Iterable, jobs: int = 1, *, fields=None, chunk: int = 4) -> Iterator[Article]:
        """Clean many documents, lazily and in order: an Article (or error record) for each.

        ``items``: str or bytes documents (sniffed), or dicts with a document field
        (``html``, ``raw_html``, ``content`` or ``text``) and optional ``id`` and ``url``,
        or as named by ``fields`` (a :class:`cleaner.sources.Fields`). ``jobs > 1``
        cleans in that many worker processes, each with this Cleaner's rules compiled
        once, at most a few chunks read ahead; see :mod:`cleaner.runner`.
        """
        return clean_many(self, items, jobs, fields=fields or Fields(), chunk=chunk)


_default: Cleaner | None = None


def default_cleaner() -> Cleaner:
    """The process-wide Cleaner with the built-in rules, compiled on first use."""
    global _default
    if _default is None:
        _default = Cleaner()
    return _default


def clean_html(html: str | bytes, url: str | None = None, id: str | None = None) -> Article:
    """Clean a raw HTML page with the built-in rules."""
    return default_cleaner().clean_html(html, url, id)


def clean_text(text: str | bytes, url: str | None = None, id: str | None = None) -> Article:
    """Clean text an extractor already produced, with the built-in rules."""
    return default_cleaner().clean_text(text, url, id)


def clean(data: str | bytes, url: str | None = None, id: str | None = None) -> Article:
    """Clean HTML or text (sniffed), with the built-in rules."""
    return default_cleaner().clean(data, url, id)
