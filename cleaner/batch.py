"""Batch cleaning: a stream of :class:`~cleaner.sources.Item` in, one record per item out,
in input order, whatever runs the work.

One way through (``cleaner clean``)::

    sources.items(paths) → run_inline | run_pool | run_dask → (item, Outcome) in order → drive → sink

Runners, all yielding ``(item, outcome)`` in input order with a bounded number of items
read ahead (never the whole corpus in memory):

- :func:`run_inline` — this process, one item at a time
- :func:`run_pool` — worker processes fed small chunks. The Cleaner is built once: forked
  workers inherit the parent's; otherwise each builds its own from a :class:`Recipe`. A hard
  watchdog: a worker still on one document ``timeout + grace`` seconds after starting it
  (stuck in C code, where the library's own time limit cannot reach) is killed and
  replaced, that document gets a ``timeout`` record and the rest of its chunk goes to the
  next worker; a worker that dies gives its document a ``worker_error`` record.
- :func:`run_dask` — the same chunks as tasks on a Dask cluster (``--scheduler``)

:func:`clean_records` cleans JSON-like records in the calling process with one cached
Cleaner: what a Dask partition (:mod:`cleaner.dask`) or a Spark ``mapPartitions`` runs.
"""
from __future__ import annotations

import logging
import math
import multiprocessing as mp
import os
import signal
import tempfile
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import CleanerError, InputError
from .limits import DEFAULT_LIMITS, DocumentTimeout, Limits
from .record import CATEGORIES, Article, Dateline, Embed, Removal, scrubbed
from .sources import Fields, Item, ReadMeter, load, record_item

#: documents sent to a worker at a time; a worker gets its next chunk while on the last
#: document of this one, so it never waits for the parent
CHUNK = 4
#: seconds a worker gets past ``Limits.timeout`` before the watchdog kills it
GRACE = 2.0


class WorkerError(CleanerError):
    """The worker process cleaning this document died (crashed, or was killed)."""

    kind = "worker_error"


# -- what a worker builds ------------------------------------------------------------------

@dataclass(frozen=True)
class Recipe:
    """How to build a :class:`~cleaner.pipeline.Cleaner` in another process: the rule
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
        """A Cleaner with these rules and options (rule files written to a temp folder)."""
        from .api import Cleaner
        from .rule import load_file
        from .ruleset import RuleSet, load_rules

        rules = list(load_rules(None, builtin=self.builtin))
        if self.rule_files:
            with tempfile.TemporaryDirectory(prefix="cleaner-rules-") as tmp:
                for i, (name, text) in enumerate(self.rule_files):
                    path = Path(tmp) / f"{i:04d}_{Path(name).name}"
                    path.write_text(text, encoding="utf-8")
                    rules += [replace(r, file=name) for r in load_file(path)]
        return Cleaner(rules=RuleSet(rules), keep=self.keep, keep_dateline=self.keep_dateline, limits=self.limits)


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
    return Outcome(Article.failed(error, id=item.id, url=item.url).to_dict(), item.size)


# -- runners -----------------------------------------------------------------------------------

def run_inline(items: Iterable[Item], cleaner) -> Iterator[tuple[Item, Outcome]]:
    """Clean in this process, one item at a time."""
    for item in items:
        yield item, clean_item(cleaner, item)


def _worker_main(conn, recipe: Recipe, cleaner=None, inherited: tuple = ()) -> None:
    """A pool worker: build the Cleaner once (or use the one inherited through fork),
    then clean chunks until told to stop or the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C and ends us
    for other in inherited:  # the parent's ends of the pipes: ours must see EOF when it dies
        other.close()
    quiet_logs()
    cleaner = cleaner if cleaner is not None else cleaner_for(recipe)
    try:
        conn.send(("ready", os.getpid()))
        while True:
            chunk = conn.recv()
            if chunk is None:
                conn.send(("bye", peak_rss(), cpu_seconds()))
                return
            for seq, item in chunk:
                conn.send(("done", seq, clean_item(cleaner, item)))
    except (EOFError, OSError):  # the parent died or closed the pipe: nothing left to do
        return


def quiet_logs() -> None:
    """trafilatura warns about every page it finds no text in; the record says so instead."""
    import logging

    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)


def peak_rss() -> int:
    """This process's peak resident memory in bytes."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def cpu_seconds() -> float:
    """CPU time (user + system) this process has used."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class _Worker:
    proc: Any
    conn: Any
    ready: bool = False
    work: deque = field(default_factory=deque)  # (seq, item) sent, not yet done
    since: float = 0.0  # when its current document started


class Pool:
    """Worker processes with a per-document watchdog. Use through :func:`run_pool`."""

    def __init__(self, recipe: Recipe, jobs: int, grace: float = GRACE, cleaner=None):
        self.recipe, self.jobs = recipe, jobs
        self.timeout = recipe.limits.timeout
        self.grace = grace
        self.cleaner = cleaner
        self.workers: list[_Worker] = []
        for _ in range(jobs):
            self.workers.append(self._start())
        self.peak: list[int] = []  # each stopped worker's peak memory
        self.cpu = 0.0  # and the CPU seconds they used
        self.restarts = 0
        self.returned: list[tuple[int, Item]] = []  # work of replaced workers, to send again

    def _start(self) -> _Worker:
        ctx = _context()
        parent, child = ctx.Pipe()
        if ctx.get_start_method() == "fork":  # nothing pickled: the built Cleaner comes along
            args = (child, self.recipe, self.cleaner, tuple(w.conn for w in self.workers) + (parent,))
        else:
            args = (child, self.recipe)
        proc = ctx.Process(target=_worker_main, args=args, daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def idle(self) -> list[_Worker]:
        """The workers ready for another chunk: on their last document, or on none."""
        return [w for w in self.workers if w.ready and len(w.work) <= 1]

    def send(self, w: _Worker, chunk: list[tuple[int, Item]]) -> None:
        if not w.work:
            w.since = time.monotonic()
        w.work.extend(chunk)
        w.conn.send([(seq, replace(item, extra=None)) for seq, item in chunk])

    def poll(self, wait_for: float) -> list[tuple[int, Outcome | CleanerError]]:
        """Results that arrived within ``wait_for`` seconds: ``(seq, outcome)``, or
        ``(seq, error)`` for the document a killed or dead worker was on; the rest of
        such a worker's chunk is put in :attr:`returned` to be sent again."""
        ready = wait([w.conn for w in self.workers], timeout=wait_for)
        results: list[tuple[int, Outcome | CleanerError]] = []
        for w in list(self.workers):
            if w.conn in ready:
                try:
                    while w.conn.poll():
                        msg = w.conn.recv()
                        if msg[0] == "ready":
                            w.ready, w.since = True, time.monotonic()
                        elif msg[0] == "done":
                            w.work.popleft()
                            w.since = time.monotonic()
                            results.append((msg[1], msg[2]))
                except (EOFError, OSError):
                    w.proc.join(timeout=1)
                    results += self._replace(w, WorkerError(f"the worker process died (exit code {w.proc.exitcode})"))
                    continue
            if self.timeout and w.work and time.monotonic() - w.since > self.timeout + self.grace:
                results += self._replace(w, DocumentTimeout(
                    f"still running after {self.timeout:g} s (+{self.grace:g} s grace); the worker was killed"))
        return results

    def _replace(self, w: _Worker, error: CleanerError) -> list[tuple[int, CleanerError]]:
        """Kill ``w`` and start another; its current document gets ``error``, the rest
        of its chunk goes to :attr:`returned`."""
        if not w.ready:
            raise CleanerError(f"a worker process could not start (exit code {w.proc.exitcode})")
        w.proc.kill()
        w.proc.join()
        w.conn.close()
        self.restarts += 1
        self.workers[self.workers.index(w)] = self._start()
        if not w.work:
            return []
        seq, _ = w.work.popleft()
        self.returned.extend(w.work)
        return [(seq, error)]

    def close(self) -> None:
        """Stop the workers: politely when idle (collecting their peak memory), else killed."""
        for w in self.workers:
            if w.proc.is_alive() and w.ready and not w.work:
                try:
                    w.conn.send(None)
                    if w.conn.poll(5):
                        msg = w.conn.recv()
                        if msg[0] == "bye":
                            self.peak.append(msg[1])
                            self.cpu += msg[2]
                except (EOFError, OSError):
                    pass
            w.proc.join(timeout=1)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join()
            w.conn.close()


def _context():
    """fork while this process runs one thread (a worker starts at once, with the
    Cleaner already built); else forkserver, whose workers fork from a server that has
    imported the cleaner once; spawn where neither exists."""
    methods = mp.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return mp.get_context("fork")
    if "forkserver" not in methods:
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["cleaner.batch", "cleaner.pipeline"])
    return ctx


def run_pool(items: Iterable[Item], recipe: Recipe, jobs: int, *, chunk: int = CHUNK, window: int | None = None,
             grace: float = GRACE, stats: "Stats | None" = None, cleaner=None) -> Iterator[tuple[Item, Outcome]]:
    """Clean in ``jobs`` worker processes; yield ``(item, outcome)`` in input order, with
    at most ``window`` items read ahead of the output. ``cleaner``: the built Cleaner of
    ``recipe``, handed to forked workers as it is."""
    window = window or max(64, 4 * jobs * chunk)
    source = iter(items)
    pool = Pool(recipe, jobs, grace, cleaner)
    pending: deque[tuple[int, Item]] = deque()  # read, not yet sent to a worker
    items_by_seq: dict[int, Item] = {}
    done: dict[int, Outcome] = {}
    next_seq = next_out = 0
    exhausted = False
    try:
        while True:
            while not exhausted and next_seq - next_out < window:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    break
                items_by_seq[next_seq] = item
                if item.error is not None:
                    done[next_seq] = failed(item, item.error)
                else:
                    pending.append((next_seq, item))
                next_seq += 1
            for w in pool.idle():
                if not pending:
                    break
                n = max(1, min(chunk, math.ceil(len(pending) / (2 * jobs))))
                pool.send(w, [pending.popleft() for _ in range(min(n, len(pending)))])
            while next_out in done:
                yield items_by_seq.pop(next_out), done.pop(next_out)
                next_out += 1
            if exhausted and next_out == next_seq:
                break
            if next_seq - next_out >= window or exhausted or not pending or not pool.idle():
                for seq, result in pool.poll(0.2):
                    done[seq] = result if isinstance(result, Outcome) else failed(items_by_seq[seq], result)
                pending.extendleft(reversed(pool.returned))
                pool.returned.clear()
    finally:
        pool.close()
        if stats is not None:
            stats.worker_peak_rss = max(pool.peak, default=0)
            stats.worker_cpu = pool.cpu
            stats.restarts = pool.restarts


def run_dask(items: Iterable[Item], recipe: Recipe, scheduler, *, chunk: int = 32, window: int | None = None
             ) -> Iterator[tuple[Item, Outcome]]:
    """Clean on a Dask cluster (``scheduler``: an address or a ``distributed.Client``):
    chunks of items as tasks, one Cleaner per worker, output in input order. Files named
    by path are read by the workers, so they must see them (a shared disk, or fsspec URLs).
    The library's own time limit applies; a hard kill needs the local pool."""
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        recipe_f = client.scatter(recipe, broadcast=True)
        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        window = window or 4 * nworkers
        flight: deque[tuple[list[Item], Any]] = deque()
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= chunk:
                flight.append((batch, _submit(client, recipe_f, batch)))
                batch = []
                while len(flight) >= window:
                    yield from _collect(*flight.popleft())
        if batch:
            flight.append((batch, _submit(client, recipe_f, batch)))
        while flight:
            yield from _collect(*flight.popleft())
    finally:
        if client is not scheduler:
            client.close()


def _submit(client, recipe_f, batch: list[Item]):
    todo = [replace(i, extra=None) for i in batch if i.error is None]
    return client.submit(clean_chunk, recipe_f, todo, pure=False) if todo else None


def _collect(batch: list[Item], future) -> Iterator[tuple[Item, Outcome]]:
    results = iter(future.result() if future is not None else ())
    for item in batch:
        yield item, failed(item, item.error) if item.error is not None else next(results)


def clean_chunk(recipe: Recipe, chunk: list[Item]) -> list[Outcome]:
    """A Dask task: clean ``chunk`` with this worker's Cleaner."""
    quiet_logs()
    cleaner = cleaner_for(recipe)
    return [clean_item(cleaner, item) for item in chunk]


# -- records in, records out (Dask partitions, Spark, clean_many) --------------------------

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


# -- counting and showing progress ---------------------------------------------------------

@dataclass
class Stats:
    """What a batch did: the end-of-run summary."""

    documents: int = 0
    errors: int = 0
    skipped: int = 0
    error_types: Counter = field(default_factory=Counter)
    warnings: Counter = field(default_factory=Counter)
    removals: Counter = field(default_factory=Counter)
    bytes_in: int = 0
    bytes_out: int = 0
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None
    worker_peak_rss: int = 0
    worker_cpu: float = 0.0
    restarts: int = 0

    def add(self, record: dict[str, Any], bytes_in: int, bytes_out: int) -> None:
        self.documents += 1
        self.bytes_in += bytes_in
        self.bytes_out += bytes_out
        if record.get("error"):
            self.errors += 1
            self.error_types[record["error"]["type"]] += 1
        for r in record.get("removed") or ():
            self.removals[r["category"]] += 1
        for w in record.get("warnings") or ():
            self.warnings[w.get("code", "warning")] += 1

    @property
    def elapsed(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    @property
    def rate(self) -> float:
        return self.documents / self.elapsed if self.elapsed > 0 else 0.0

    def summary(self) -> str:
        """Two or three lines: counts, bytes, speed; removals per category."""
        errors = f"{self.errors} errors" + (
            " (" + ", ".join(f"{k} {v}" for k, v in self.error_types.most_common()) + ")" if self.errors else "")
        head = (f"{self.documents} documents, {errors}, {_mb(self.bytes_in)} in, {_mb(self.bytes_out)} out, "
                f"{self.rate:.1f} docs/s in {self.elapsed:.1f} s")
        if self.skipped:
            head += f"; {self.skipped} skipped as already written (--resume)"
        if self.restarts:
            head += f"; {self.restarts} workers replaced"
        if self.warnings:
            head += "; warnings: " + ", ".join(f"{k} {v}" for k, v in self.warnings.most_common())
        removed = ", ".join(f"{c} {self.removals[c]}" for c in CATEGORIES if self.removals[c])
        return head + "\nremoved: " + (removed or "nothing")


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


class Progress:
    """A rich progress bar on a terminal (docs/s, errors, ETA when the total is known),
    a plain line every ``every`` seconds otherwise, nothing when ``quiet``. Refreshed by
    the caller's loop: no thread of its own (workers are forked while it runs).

    The total is a count of documents (``total``), or, for JSONL and WARC files, whose
    documents are not counted ahead, the bytes a :class:`~cleaner.sources.ReadMeter`
    sees read (``meter``): the bar and its ETA then follow the reading of the files."""

    def __init__(self, stats: Stats, *, total: int | None = None, quiet: bool = False, every: float = 10.0,
                 stream=None, meter: ReadMeter | None = None):
        import sys

        self.stats, self.total, self.every, self.meter = stats, total, every, meter
        self.stream = stream or sys.stderr
        self.mode = "off" if quiet else "bar" if self.stream.isatty() else "log"
        self.last = time.monotonic()
        self.bar = None
        if self.mode == "bar":
            self._start_bar()

    def _start_bar(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TaskProgressColumn, TextColumn,
                                   TimeRemainingColumn)

        if self.meter is not None:  # the bar follows the bytes read; the documents are a count beside it
            count = [TaskProgressColumn(), TextColumn("{task.fields[docs]} docs")]
        elif self.total:
            count = [MofNCompleteColumn()]
        else:
            count = [TextColumn("{task.completed} docs")]
        columns = [TextColumn("cleaning"), BarColumn(), *count,
                   TextColumn("{task.fields[rate]:.1f} docs/s, {task.fields[errors]} errors")]
        if self.total or self.meter is not None:
            columns.append(TimeRemainingColumn())
        self.bar = Bar(*columns, console=Console(file=self.stream), auto_refresh=False, transient=False,
                       redirect_stdout=False, redirect_stderr=False)
        total = self.meter.total if self.meter is not None else self.total
        self.task = self.bar.add_task("clean", total=total, rate=0.0, errors=0, docs=0)
        self.bar.start()

    def tick(self, force: bool = False) -> None:
        now = time.monotonic()
        s = self.stats
        docs = s.documents + s.skipped
        if self.mode == "bar" and (force or now - self.last >= 0.1):
            completed = self.meter.position() if self.meter is not None else docs
            self.bar.update(self.task, completed=completed, rate=s.rate, errors=s.errors, docs=docs)
            self.bar.refresh()
            self.last = now
        elif self.mode == "log" and now - self.last >= self.every:
            of = f"/{self.total}" if self.total else ""
            print(f"cleaner: {docs}{of} documents, {s.errors} errors, {s.rate:.1f} docs/s{self._read_share()}",
                  file=self.stream, flush=True)
            self.last = now

    def _read_share(self) -> str:
        """", 40% of the input read, about 0:03:10 left" (with a meter, once anything was read)."""
        if self.meter is None or not self.meter.total:
            return ""
        share = min(self.meter.position() / self.meter.total, 1.0)
        if share <= 0:
            return ""
        left = int(self.stats.elapsed * (1 - share) / share)
        return f", {share:.0%} of the input read, about {left // 3600}:{left % 3600 // 60:02d}:{left % 60:02d} left"

    def close(self) -> None:
        if self.bar is not None:
            self.tick(force=True)
            self.bar.stop()


_log = logging.getLogger("cleaner")


def drive(results: Iterable[tuple[Item, Outcome]], sink, stats: Stats, progress: Progress | None = None,
          *, fail_fast: bool = False) -> bool:
    """Write every result to ``sink`` in order, counting; True when all went through
    (False: stopped at the first error record with ``fail_fast``)."""
    for item, outcome in results:
        record = merged(item, outcome.record)
        stats.add(record, outcome.bytes_in, sink.write(item, record))
        if _log.isEnabledFor(logging.INFO):  # -v
            error = record.get("error")
            _log.info("%s: %s", item.id, f"{error['type']}: {error['message']}" if error else
                      f"{len(record.get('body') or '')} characters, {len(record.get('removed') or ())} removed")
        if progress:
            progress.tick()
        if fail_fast and record.get("error"):
            return False
    return True
