"""The pipeline, one way: input → page of blocks → rules and heuristics → metadata → record.

:class:`Pipeline` compiles the rules once; each call runs the stages in order:

1. :func:`html_page` (HTML: parse, embeds H001, form boxes H010 and selector rules under the
   prune guard H019, the page's metadata, link lists H012, extraction with its safety net
   H020, split bodies H018, repeated paragraphs H025, the standfirst H016) or
   ``normalize.normalize_text`` (text) → a :class:`~cleaner.page.Page` of blocks
2. the social signatures H002, the text rules (:func:`cleaner.match.apply_rules`, with
   H021 inside), then :data:`TEXT_HEURISTICS` in order → blocks marked removed
3. :func:`cleaner.metadata.merge` → the record's fields

Each heuristic is a module of :mod:`cleaner.heuristics`; ``keep`` (categories or rule
ids) is honoured wherever a block is removed (:meth:`cleaner.page.Page.remove`), and the
HTML stage skips a kept heuristic's step. :class:`cleaner.api.Cleaner` adds batches.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree

from . import metadata
from .errors import CleanerError, InputError, RuleError
from .extract import language_of, merge_inline_runs, parse
from .heuristics import (HEURISTICS, Context, h001_html_embeds, h002_social_signature, h003_head_title,
                         h005_title_site_suffix, h007_dateline, h008_guard, h010_form_box, h011_author_bio,
                         h012_link_lists, h013_title_repeated_below, h014_tail_headlines, h015_head_menu,
                         h016_standfirst, h017_tail_menu, h018_split_body, h019_prune_guard, h020_safety_net,
                         h022_site_self_description, h023_comment_thread, h024_excerpt_teasers, h025_repeated_paragraph)
from .htmlmeta import page_meta
from .limits import DEFAULT_LIMITS, DocumentTimeout, LimitError, Limits, TimerStop, disarm, enforce
from .match import apply_rules
from .normalize import binary_kind, decode, looks_like_html, normalize_text
from .page import Page, first
from .prune import place, prune
from .record import CATEGORIES, Article, Removal
from .ruleset import RuleSet, load_rules
from .text import host_of

#: the text stage after the rules: each heuristic in the order it runs (each sees what the
#: rules and the heuristics before it removed)
TEXT_HEURISTICS: tuple[Callable[[Page, Context], None], ...] = (
    h012_link_lists.run, h003_head_title.run, h013_title_repeated_below.run, h016_standfirst.run, h015_head_menu.run,
    h014_tail_headlines.run, h017_tail_menu.run, h011_author_bio.run, h022_site_self_description.run,
    h023_comment_thread.run, h024_excerpt_teasers.run, h007_dateline.run, h008_guard.run,
)


def html_page(data: str | bytes, url: str | None, rules: RuleSet, keep: frozenset[str], placing: bool = False) -> Page:
    """The read and clean stages for HTML: the page of blocks and what the markup tells. ``placing``: note
    where each pruned element stood and put its removal there (``cleaner explain``); else
    the pruned elements' removals come first in the record, as found."""
    tree = parse(data)
    etree.strip_elements(tree, "template", with_tail=False)  # inert markup, never shown as such: never the body
    merge_inline_runs(tree)  # before anything walks the tree: a million <span>s become one text
    language = language_of(tree)
    found, removed = h001_html_embeds.capture_html(tree, drop="embedded_tweet" not in keep and "H001" not in keep)
    guard = h019_prune_guard.PruneGuard(tree, placing)
    pruned = h010_form_box.form_boxes(tree, keep, guard) + prune(tree, rules, keep, guard)
    meta = page_meta(tree, url)
    items = h012_link_lists.link_list_items(tree) if "H012" not in keep else {}
    text, warning = h020_safety_net.extract(tree, url, guard if "H020" not in keep else None)
    if "H018" not in keep:
        text = h018_split_body.split_body(tree, text, url)
    if "H025" not in keep:
        text = h025_repeated_paragraph.repeated_paragraphs(tree, text, guard)
    page = Page.from_text(text, url=url, host=host_of(url), keep=keep)
    page.embeds, page.removed, page.language = found, removed, language
    page.extracted = True
    if placing:
        place(page, pruned, guard.anchors)
    else:
        page.removed = [*page.removed, *pruned]
    if warning:
        page.warnings.append({"code": "fallback_extraction", "message": warning})
    page.link_items = items
    page.note("description", meta.description)
    if "H016" not in keep and meta.description:
        page.note("standfirst", h016_standfirst.in_tree(tree, meta.description))
    page.note("html_title", meta.title)
    page.note("html_authors", meta.author)
    page.note("html_date", meta.date)
    page.note("sitename", meta.sitename)
    page.note("html_section", meta.section)
    if not page.host:
        page.host = host_of(meta.url)
    return page


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


class Pipeline:
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
        known = set(CATEGORIES) | set(self.rules.by_id) | {h.id for h in HEURISTICS}
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
        page = html_page(data, url, self.rules.for_host(host_of(url)), self.keep, placing)  # selectors: this site's too
        title = first(page.found.html_title)
        if title:
            title, suffix = h005_title_site_suffix.split_title(title, first(page.found.sitename), page.host)
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
        h002_social_signature.tweet_signatures(page)
        rules = self.rules.for_host(page.host)  # the built-in rules and this site's (domains)
        apply_rules(page, rules)
        context = Context(rules, self.keep_dateline, given_title)
        for heuristic in TEXT_HEURISTICS:
            heuristic(page, context)
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
