"""The pipeline, one way: input → blocks → rules and heuristics → metadata → record.

:class:`Cleaner` compiles the rules once; each call runs the stages in order:

1. ``html.html_page`` (HTML) or ``normalize.normalize_text`` (text) → a ``Page`` of blocks
2. ``embeds.tweet_signatures``, ``match.apply_rules``, ``heuristics.head_title``,
   ``heuristics.link_lists``, ``heuristics.repeats``, ``heuristics.head_menu``,
   ``heuristics.tail_headlines``, ``heuristics.author_bio``, ``heuristics.site_boilerplate``,
   ``heuristics.comment_thread``, ``heuristics.excerpt_teasers``, ``heuristics.strip_dateline``, ``heuristics.guard`` → blocks
   marked removed
3. ``metadata.merge`` → the record's fields
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from . import embeds, heuristics, html, metadata
from .blocks import Page
from .errors import CleanerError, InputError, RuleError
from .limits import DEFAULT_LIMITS, DocumentTimeout, LimitError, Limits, TimerStop, disarm, enforce
from .match import apply_rules
from .normalize import binary_kind, decode, looks_like_html, normalize_text
from .record import CATEGORIES, Article, Removal
from .rules import RuleSet, host_of, load_rules


class ProcessingError(CleanerError):
    """An unexpected failure inside the pipeline (a bug of ours), wrapped so callers
    only ever catch :class:`CleanerError`."""

    kind = "processing_error"


@dataclass(frozen=True)
class Explanation:
    """What ``cleaner explain`` shows: every block in order with its removal (or None),
    the HTML elements pruned before extraction among them where they stood; ``pruned``
    lists those elements' removals alone."""

    article: Article
    blocks: list[tuple[str, Removal | None]]
    pruned: list[Removal]


class Cleaner:
    """Compiles the rules once; cleans any number of documents with them.

    ``rules``: extra rule files or folders (or a ready ``RuleSet``) on top of the built-in
    ones (``builtin_rules=False`` drops those). ``keep``: categories or rule ids whose
    removals are not made. ``keep_dateline``: leave the dateline in the body.
    ``limits``: size, depth and time bounds per document (see :mod:`cleaner.limits`).
    """

    def __init__(
        self,
        rules: str | Path | Iterable[str | Path] | RuleSet | None = None,
        keep: Iterable[str] = (),
        keep_dateline: bool = False,
        *,
        builtin_rules: bool = True,
        limits: Limits = DEFAULT_LIMITS,
    ):
        self.rules = rules if isinstance(rules, RuleSet) else load_rules(rules, builtin=builtin_rules)
        if isinstance(keep, str):  # keep="comments" is one category, not its letters
            keep = (keep,)
        elif not isinstance(keep, Iterable) or not all(isinstance(k, str) for k in keep):
            raise RuleError(f"keep: expected category names or rule ids, got {keep!r}")
        self.keep = frozenset(keep)
        known = set(CATEGORIES) | set(self.rules.by_id) | {h.id for h in heuristics.HEURISTICS}
        unknown = sorted(self.keep - known)
        if unknown:
            raise RuleError(f"keep: {unknown[0]!r} is neither a category ({', '.join(CATEGORIES)}) nor a rule id")
        self.keep_dateline = keep_dateline
        self.limits = limits

    # -- public ------------------------------------------------------------
    def clean_html(self, html: str | bytes, url: str | None = None, id: str | None = None) -> Article:
        """Clean a raw HTML page (bytes: the encoding is detected)."""
        return self._guarded(self._html_page, html, url, id)[0]

    def clean_text(self, text: str | bytes, url: str | None = None, id: str | None = None) -> Article:
        """Clean text that an extractor already produced."""
        return self._guarded(self._text_page, text, url, id)[0]

    def clean(self, data: str | bytes, url: str | None = None, id: str | None = None) -> Article:
        """Clean HTML or text, sniffed from how the input starts."""
        return self.clean_html(data, url, id) if _is_html(data) else self.clean_text(data, url, id)

    def clean_many(self, items: Iterable, jobs: int = 1, *, fields=None, chunk: int = 4) -> Iterator[Article]:
        """Clean many documents, lazily and in order: an Article (or error record) for each.

        ``items``: str or bytes documents (sniffed), or dicts with a document field
        (``html``, ``raw_html``, ``content`` or ``text``) and optional ``id`` and ``url``,
        or as named by ``fields`` (a :class:`cleaner.sources.Fields`). ``jobs > 1``
        cleans in that many worker processes, each with this Cleaner's rules compiled
        once, at most a few chunks read ahead; see :mod:`cleaner.batch`.
        """
        from . import batch, sources

        return batch.clean_many(self, items, jobs, fields=fields or sources.Fields(), chunk=chunk)

    def explain(self, data: str | bytes, url: str | None = None, kind: str | None = None) -> Explanation:
        """Clean ``data`` and show every block with its removal: ``cleaner explain``."""
        html_input = kind == "html" if kind else _is_html(data)
        make = functools.partial(self._html_page, placing=True) if html_input else self._text_page
        article, page = self._guarded(make, data, url, None)
        pruned = [*page.removed, *(r for i in sorted(page.pruned_at) for r in page.pruned_at[i])]
        return Explanation(article, page.in_order(), pruned)

    # -- stages ------------------------------------------------------------
    def _guarded(self, make_page, data, url, id) -> tuple[Article, Page]:
        if not isinstance(data, (str, bytes, bytearray)):
            raise InputError(f"expected str or bytes, got {type(data).__name__}")
        if url is not None and not isinstance(url, str):
            raise InputError(f"url must be a string, got {type(url).__name__}")
        try:
            with enforce(self.limits) as budget:
                budget.check_size(data)
                if not data.strip():
                    raise InputError("the input is empty")
                page, given_title = make_page(bytes(data) if isinstance(data, bytearray) else data, url)
                budget.check("after extraction")
                article = self._finish(page, given_title, id, url)
                budget.check("after cleaning")
                return article, page
        except CleanerError:
            raise
        except TimerStop:  # the timer fired just as the document ended
            disarm()
            raise DocumentTimeout(f"cleaning took longer than the time limit of {self.limits.timeout:g} s") from None
        except RecursionError:
            raise LimitError("the document is nested too deeply to process (max_depth)") from None
        except MemoryError:
            raise LimitError("the document needs more memory than there is to clean it (max_bytes)") from None
        except Exception as e:  # noqa: BLE001 - the contract: only CleanerError leaves the library
            raise ProcessingError(f"{type(e).__name__}: {e}") from e

    def _html_page(self, data, url, placing: bool = False) -> tuple[Page, str | None]:
        page = html.html_page(data, url, self.rules.for_host(host_of(url)), self.keep, placing)  # selectors: this site's too
        title = (page.found.get("html_title") or [None])[0]
        if title:
            title, suffix = heuristics.split_title(title, (page.found.get("sitename") or [None])[0], page.host)
            page.note("title_suffix", suffix)
        return page, title

    def _text_page(self, data, url) -> tuple[Page, None]:
        if isinstance(data, bytes):
            kind = binary_kind(data)
            if kind:
                raise InputError(f"the input looks binary ({kind}), not text")
            text = decode(data)
        else:
            text = data
        if "\x00" in text[:4096] and text[:4096].count("\x00") > 8:
            raise InputError("the input looks binary (NUL bytes), not text")
        return Page.from_text(normalize_text(text), url=url, host=host_of(url), keep=self.keep), None

    def _finish(self, page: Page, given_title: str | None, id: str | None, url: str | None) -> Article:
        embeds.tweet_signatures(page)
        apply_rules(page, self.rules.for_host(page.host))
        heuristics.link_lists(page)
        page.note("title", heuristics.head_title(page, given_title))
        heuristics.repeats(page, (page.found.get("title") or [None])[0])
        heuristics.standfirst(page)
        heuristics.head_menu(page)
        heuristics.tail_headlines(page)
        heuristics.tail_menu(page)
        heuristics.author_bio(page, metadata.authors_of(page))
        heuristics.site_boilerplate(page)
        heuristics.comment_thread(page)
        heuristics.excerpt_teasers(page)
        year = _year(page)
        heuristics.strip_dateline(page, self.keep_dateline, year)
        heuristics.guard(page, self.rules.marker_ids, self.rules.user_ids)
        meta = metadata.merge(page)
        body = page.body()
        if not body and page.blocks:
            page.warnings.append({"code": "empty_body", "message": (
                f"the input had {len(page.blocks)} lines of text but none was kept as the article: "
                f"{len(page.removals())} removals (see 'removed')")})
        elif not body:
            page.warnings.append({"code": "empty_body", "message": "no article text was found in the input"})
        return Article(id=id, url=url, body=body, embeds=page.embeds, removed=page.removals(),
                       warnings=page.warnings, **meta)


def _is_html(data: str | bytes) -> bool:
    return isinstance(data, (str, bytes, bytearray)) and looks_like_html(data)


def _year(page: Page) -> int | None:
    for value in page.found.get("html_date", []) + page.found.get("date", []):
        iso = metadata.parse_date(value)
        if iso:
            return int(iso[:4])
    return None


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
