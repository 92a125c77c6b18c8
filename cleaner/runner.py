"""How a batch runs: a stream of :class:`~cleaner.sources.Item` in, one record per item out,
in input order, whatever runs the work.

One way through (``cleaner clean``, :func:`run_job`)::

    sources.items(paths) → run_inline | run_pool | run_dask → (item, Outcome) in order → drive → sink

Runners, all yielding ``(item, outcome)`` in input order with a bounded number of items
read ahead (never the whole corpus in memory):

- :func:`run_inline` — this process, one item at a time
- :func:`~cleaner.pool.run_pool` — worker processes fed small chunks, with a per-document
  watchdog (:mod:`cleaner.pool`)
- :func:`~cleaner.dask.run_dask` — the same chunks as tasks on a Dask cluster (``--scheduler``,
  :mod:`cleaner.dask`)

:func:`clean_many` is :meth:`Cleaner.clean_many`; :func:`explain_items` is what
``cleaner report`` shows. What one worker does (the :class:`~cleaner.worker.Recipe`,
:func:`~cleaner.worker.clean_item`, :func:`~cleaner.worker.clean_records` for Dask
partitions and Spark) is :mod:`cleaner.worker`; the counts and the progress bar are
:mod:`cleaner.progress`. The names of both are re-exported here.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any, Iterable, Iterator

from .dask import run_dask
from .errors import CleanerError
from .listing import ReadMeter, doc_count
from .pool import CHUNK, GRACE, Pool, WorkerError, run_pool
from .progress import Progress, Stats
from .record import Article
from .sinks import open_sink
from .sources import Fields, Item, items, load, record_item
from .worker import Outcome, Recipe, article_of, clean_item, clean_records, clean_rows, cleaner_for, failed, merged

__all__ = [  # with the names of cleaner.pool, cleaner.worker and cleaner.dask the runners use
    "CHUNK", "GRACE", "JobResult", "Outcome", "Pool", "Recipe", "Stopped", "UsageError", "WorkerError", "article_of",
    "clean_item", "clean_many", "clean_records", "clean_rows", "cleaner_for", "drive", "explain_items", "failed",
    "merged", "pipe_closed", "run_dask", "run_inline", "run_job", "run_pool",
]
log = logging.getLogger("cleaner")


def run_inline(items: Iterable[Item], cleaner) -> Iterator[tuple[Item, Outcome]]:
    """Clean in this process, one item at a time."""
    for item in items:
        yield item, clean_item(cleaner, item)


def clean_many(cleaner, docs: Iterable[Any], jobs: int = 1, *, fields: Fields = Fields(), chunk: int = CHUNK,
               name: str = "doc") -> Iterator[Article]:
    """:meth:`Cleaner.clean_many`: an Article for every document, in order, cleaned in
    ``jobs`` processes (``jobs=1``: this one)."""
    limit = cleaner.limits.max_bytes
    items = (record_item(doc, f"{name}:{n}", fields, limit) for n, doc in enumerate(docs, 1))
    if jobs <= 1:
        runner = run_inline(items, cleaner)
    else:
        runner = run_pool(items, Recipe.of(cleaner), jobs, chunk=chunk, cleaner=cleaner)
    for _, outcome in runner:
        yield article_of(outcome.record)


def drive(results: Iterable[tuple[Item, Outcome]], sink, stats: Stats, progress: Progress | None = None,
          *, fail_fast: bool = False) -> bool:
    """Write every result to ``sink`` in order, counting; True when all went through
    (False: stopped at the first error record with ``fail_fast``)."""
    for item, outcome in results:
        record = merged(item, outcome.record)
        stats.add(record, outcome.bytes_in, sink.write(item, record))
        if log.isEnabledFor(logging.INFO):  # -v
            error = record.get("error")
            log.info("%s: %s", item.id, f"{error['type']}: {error['message']}" if error else
                     f"{len(record.get('body') or '')} characters, {len(record.get('removed') or ())} removed")
        if progress:
            progress.tick()
        if fail_fast and record.get("error"):
            return False
    return True


# -- cleaner clean ----------------------------------------------------------------------------

class UsageError(CleanerError):
    """A job that cannot run as asked: no inputs found, an output that cannot be written
    (a full disk), the dask extra missing (``cleaner clean`` exits 2)."""

    kind = "usage_error"


class Stopped(Exception):
    """The job stopped before its end: ``code`` 130 (interrupted, with ``message`` to say)
    or 141 (stdout's reader went away: ``cleaner clean … | head``)."""

    def __init__(self, code: int, message: str | None = None):
        super().__init__(code, message)
        self.code, self.message = code, message


@dataclass
class JobResult:
    """What a job did: its counts, and the notes to show on stderr (summary, skipped files,
    failures); ``exit_code`` 0 when every input was cleaned, 1 when some failed."""

    stats: Stats
    notes: list[str]

    @property
    def exit_code(self) -> int:
        return 1 if self.stats.errors else 0


def run_job(paths: list[str], cleaner, *, output: Path | None = None, output_dir: Path | None = None,
            fmt: str = "jsonl", input_format: str = "auto", fields: Fields = Fields(),
            passthrough: tuple[str, ...] = (), jobs: int = 0, resume: bool = False, force: bool = False,
            fail_fast: bool = False, quiet: bool = False, scheduler: str | None = None) -> JobResult:
    """``cleaner clean``: every input of ``paths`` cleaned by ``cleaner`` (its rules, keeps
    and limits) and written in input order to ``output_dir`` (a file per input), ``output``
    (one file, atomically) or stdout, as ``fmt``; with a progress display on stderr unless
    ``quiet``. ``jobs`` worker processes (0: one per core) when there is more than one input,
    or on the Dask cluster at ``scheduler``; ``resume`` skips the inputs already written,
    ``fail_fast`` stops at the first that fails.

    Raises :class:`UsageError` (or another :class:`~cleaner.errors.CleanerError`: bad rules,
    an output that exists) when the job cannot run, :class:`Stopped` when it was cut short."""
    limits = cleaner.limits
    recipe = Recipe.of(cleaner)
    log.info("%d rules (%d from --rules), keep %s, limits %s", len(cleaner.rules),
             sum(not r.builtin for r in cleaner.rules), sorted(cleaner.keep) or "nothing", limits)
    exclude = [p for p in (output, output and output.with_name(output.name + ".part")) if p]
    meter = ReadMeter.of(paths, exclude) if not quiet and input_format in ("auto", "jsonl", "warc") else None
    skipped: list[str] = []
    stream = items(paths, fields=fields, fmt=input_format, max_bytes=limits.max_bytes, passthrough=passthrough,
                   exclude=exclude, meter=meter, skipped=skipped)
    first = list(islice(stream, 2))
    if not first:
        raise UsageError("no inputs found in " + ", ".join(map(str, paths)) + _skipped_note(skipped))
    multi = len(first) > 1
    target = output or output_dir
    try:
        sink = open_sink(output, output_dir, fmt, multi, resume=resume, force=force)
    except OSError as e:  # an unwritable target
        raise UsageError(write_error(e, target, resume=False)) from None
    stats = Stats()
    progress = Progress(stats, quiet=quiet, total=doc_count(paths, exclude) if sys.stderr.isatty() else None,
                        meter=meter)

    def todo():
        for item in chain(first, stream):
            if sink.done(item):
                stats.skipped += 1
                continue
            yield item

    jobs = jobs or os.cpu_count() or 1
    pooled = multi and (jobs > 1 or limits.timeout is not None)
    log.info("writing %s to %s, %s", fmt, target or "stdout", f"{jobs} worker processes" if pooled else "in this process")
    complete, results = False, None
    try:
        if scheduler:
            results = run_dask(todo(), recipe, scheduler)
        elif pooled:
            results = run_pool(todo(), recipe, jobs, stats=stats, cleaner=cleaner)
        else:
            results = run_inline(todo(), cleaner)
        drive(results, sink, stats, progress, fail_fast=fail_fast)
        complete = True
    except ImportError as e:
        raise UsageError(f"--scheduler needs the dask extra (pip install 'article-cleaner[dask]'): {e}") from None
    except BrokenPipeError:  # ``| head``: the reader has all it wants
        raise pipe_closed() from None
    except OSError as e:  # the output cannot be written (a full disk), or the scheduler cannot be reached
        raise UsageError(write_error(e, target, resume=True) if target else str(e)) from None
    except KeyboardInterrupt:
        raise Stopped(130, "interrupted; rerun with --resume to continue") from None
    finally:
        if results is not None:
            results.close()  # stops the workers, also after --fail-fast or ^C
        progress.close()
        stats.finished = time.monotonic()
        try:
            sink.close(complete)
        except BrokenPipeError:
            raise pipe_closed() from None
        except OSError as e:  # the last records, flushed to a full disk: the .part stays
            if complete:  # (else the error that stopped the run was said already)
                raise UsageError(write_error(e, target, resume=True)) from None
    notes = [stats.summary()] if not quiet and (multi or stats.errors) else []
    gz = [f for f in skipped if f.lower().endswith(".gz")]  # (a folder's other files are not articles)
    if gz and not quiet:
        notes.append("note: " + _skipped_note(gz)[2:])
    if stats.errors:
        notes.append(f"{stats.errors} of {stats.documents} inputs failed (see their error records)")
    return JobResult(stats, notes)


def pipe_closed() -> Stopped:
    """stdout's reader went away (``cleaner clean … | head``): stop quietly, as Unix tools do
    (exit 141, as if by SIGPIPE), with nothing left to flush at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return Stopped(141)


def _skipped_note(skipped: list[str]) -> str:
    """What a folder scan left out, and how to clean it anyway."""
    if not skipped:
        return " (folders are searched for .html, .htm, .txt, .md, .jsonl, .ndjson and .warc files, also gzipped)"
    shown = ", ".join(skipped[:3]) + (", …" if len(skipped) > 3 else "")
    return (f"; skipped {len(skipped)} file{'s' if len(skipped) > 1 else ''} of no known type in the folders ({shown}): "
            "name a file to have it sniffed and cleaned")


def write_error(e: OSError, target: Path | None, resume: bool) -> str:
    """One line for an output that cannot be written: where, why, and how to go on."""
    kept = f"the files written so far stay in {target}" if target is not None and target.is_dir() else f"what was written is kept in {target}.part"
    hint = f"; {kept}: free some space and rerun with --resume" if resume else ""
    return f"cannot write {target if e.filename is None else e.filename}: {e.strerror or e}{hint}"


# -- cleaner report ---------------------------------------------------------------------------

def explain_items(cleaner, stream: Iterable[Item], tally: Counter) -> Iterator[tuple[str, Any]]:
    """What ``cleaner report`` shows: each item's id and its
    :class:`~cleaner.pipeline.Explanation`, or, when it cannot be read or cleaned, its error
    record as an :class:`~cleaner.record.Article`. ``tally`` counts ``documents`` and ``failed``."""
    for item in stream:
        tally["documents"] += 1
        try:
            if item.error is not None:
                raise item.error
            data = load(item, cleaner.limits.max_bytes)
            yield item.id, cleaner.explain(data, url=item.url, kind=item.kind)
        except CleanerError as e:
            tally["failed"] += 1
            yield item.id, Article.failed(e, id=item.id, url=item.url)
