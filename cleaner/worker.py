"""One document in one process: the :class:`Recipe` a worker builds its Cleaner from (once per
process, :func:`cleaner_for`), :func:`clean_item` (an :class:`~cleaner.sources.Item` in, its
record out, every failure an error record), and JSON-like records cleaned in this process
(:func:`clean_records`, :func:`clean_rows`): what a pool worker, a Dask task or partition
(:mod:`cleaner.dask`) or a Spark ``mapPartitions`` runs.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import CleanerError, InputError
from .limits import DEFAULT_LIMITS, Limits
from .record import Article, Dateline, Embed, Removal, scrubbed
from .sources import Fields, Item, load, record_item

# -- what a worker builds ------------------------------------------------------------------

@dataclass(frozen=True)
class Recipe:
    """How to build a :class:`~cleaner.pipeline.Pipeline` in another process: the rule
    files travel as text, so workers on other machines need no copy of them."""

    builtin: bool = True
    rule_files: tuple[tuple[str, str], ...] = ()
    keep: tuple[str, ...] = ()
    keep_dateline: bool = False
    limits: Limits = DEFAULT_LIMITS

    @classmethod
    def of(cls, cleaner) -> "Recipe":
        """The recipe of an existing Cleaner (its extra rule files are read again)."""
        files = list(dict.fromkeys(r.file for r in cleaner.rules if not r.builtin))
        try:
            texts = tuple((f, Path(f).read_text(encoding="utf-8")) for f in files)
        except OSError as e:
            raise InputError(f"cannot read rule file {e.filename} for the workers: {e.strerror}") from None
        return cls(builtin=any(r.builtin for r in cleaner.rules), rule_files=texts, keep=tuple(sorted(cleaner.keep)),
                   keep_dateline=cleaner.keep_dateline, limits=cleaner.limits)

    def build(self):
        """A pipeline with these rules and options (rule files written to a temp folder)."""
        from .pipeline import Pipeline
        from .rule import load_file
        from .ruleset import RuleSet, load_rules

        rules = list(load_rules(None, builtin=self.builtin))
        if self.rule_files:
            with tempfile.TemporaryDirectory(prefix="cleaner-rules-") as tmp:
                for i, (name, text) in enumerate(self.rule_files):
                    path = Path(tmp) / f"{i:04d}_{Path(name).name}"
                    path.write_text(text, encoding="utf-8")
                    rules += [replace(r, file=name) for r in load_file(path)]
        return Pipeline(rules=RuleSet(rules), keep=self.keep, keep_dateline=self.keep_dateline, limits=self.limits)


_CLEANERS: dict[Recipe, Any] = {}


def cleaner_for(recipe: Recipe):
    """The Cleaner of ``recipe`` in this process, built on first use: one per worker."""
    if recipe not in _CLEANERS:
        _CLEANERS[recipe] = recipe.build()
    return _CLEANERS[recipe]


# -- one document ------------------------------------------------------------------------------

@dataclass(slots=True)
class Outcome:
    """What cleaning one item gave: its record and the size of its document."""

    record: dict[str, Any]
    bytes_in: int = 0


def clean_item(cleaner, item: Item) -> Outcome:
    """Load and clean one item; every failure becomes an error record, never an exception."""
    if item.error is not None:
        return Outcome(Article.failed(item.error, id=item.id, url=item.url).to_dict(), item.size)
    size = 0
    try:
        data = load(item, cleaner.limits.max_bytes)
        size = len(data)
        if item.kind == "html":
            article = cleaner.clean_html(data, url=item.url, id=item.id)
        elif item.kind == "text":
            article = cleaner.clean_text(data, url=item.url, id=item.id)
        else:
            article = cleaner.clean(data, url=item.url, id=item.id)
    except Exception as e:  # noqa: BLE001 - CleanerError or a bug of ours: a record either way
        article = Article.failed(e, id=item.id, url=item.url)
    return Outcome(article.to_dict(), size)


def failed(item: Item, error: CleanerError) -> Outcome:
    """The error record of an item that was not cleaned (unreadable, or its worker died)."""
    return Outcome(Article.failed(error, id=item.id, url=item.url).to_dict(), item.size)


# -- records in, records out (Dask partitions, Spark) ---------------------------------------

def clean_records(rows: Iterable[Any], recipe: Recipe | None = None, *, fields: Fields = Fields(),
                  passthrough: tuple[str, ...] = (), name: str = "row") -> Iterator[dict[str, Any]]:
    """Clean JSON-like records (dicts with a document field, or bare str/bytes documents)
    in this process with one cached Cleaner: a record dict out for every row in.
    A row without an id gets ``{name}:{n}`` (n from 1). What a Spark ``mapPartitions``
    or a Dask partition runs."""
    return clean_rows(((f"{name}:{n}", row) for n, row in enumerate(rows, 1)), recipe, fields=fields,
                      passthrough=passthrough)


def clean_rows(rows: Iterable[tuple[str, Any]], recipe: Recipe | None = None, *, fields: Fields = Fields(),
               passthrough: tuple[str, ...] = ()) -> Iterator[dict[str, Any]]:
    """:func:`clean_records` for ``(where, row)`` pairs: ``where`` is the id of a row without one."""
    cleaner = cleaner_for(recipe or Recipe())
    limit = cleaner.limits.max_bytes
    for where, row in rows:
        item = record_item(row, where, fields, limit, passthrough)
        yield merged(item, clean_item(cleaner, item).record)


def merged(item: Item, record: dict[str, Any]) -> dict[str, Any]:
    """The record with the item's passthrough fields after its own (never replacing one),
    its strings made encodable (:func:`~cleaner.record.scrubbed`: lone surrogates replaced,
    with a ``replaced_surrogates`` warning), so that every record can be written."""
    if item.extra:
        record = {**record, **{k: v for k, v in item.extra.items() if k not in record}}
    return scrubbed(record)


def article_of(record: dict[str, Any]) -> Article:
    """An :class:`Article` back from its record dict."""
    d = dict(record)
    d["dateline"] = Dateline(**d["dateline"]) if d.get("dateline") else None
    d["embeds"] = [Embed(**e) for e in d.get("embeds") or ()]
    d["removed"] = [Removal(**r) for r in d.get("removed") or ()]
    return Article(**{k: v for k, v in d.items() if k in Article.__slots__})

