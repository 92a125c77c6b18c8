"""How a run reports itself: the counts of a batch (:class:`Stats`, the end-of-run summary),
its progress on stderr (:class:`Progress`), the processes' memory and CPU time, and the logs
(:func:`quiet_logs` quiets trafilatura's; :func:`verbose_logs` is ``-v``).

Nothing here runs the work: the runners (:mod:`cleaner.runner`, :mod:`cleaner.pool`) count into a
:class:`Stats` and refresh a :class:`Progress` from their own loop.
"""
from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .record import CATEGORIES

if TYPE_CHECKING:
    from .listing import ReadMeter

#: the libraries that log about every page they find no text in (the record says so instead)
NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan")
log = logging.getLogger("cleaner")


def quiet_logs() -> None:
    """trafilatura warns about every page it finds no text in; the record says so instead."""
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def verbose_logs(level: int) -> None:
    """``-v``: what the cleaner does (rules, output, one line per input) on stderr; ``-vv``:
    debug detail, trafilatura's warnings too."""
    if level <= 0 or log.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO if level == 1 else logging.DEBUG)
    if level > 1:
        for name in NOISY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
            logging.getLogger(name).addHandler(handler)


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
    documents are not counted ahead, the bytes a :class:`~cleaner.listing.ReadMeter`
    sees read (``meter``): the bar and its ETA then follow the reading of the files."""

    def __init__(self, stats: Stats, *, total: int | None = None, quiet: bool = False, every: float = 10.0,
                 stream=None, meter: ReadMeter | None = None):
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

