"""The local worker pool (``cleaner clean --jobs N``): worker processes fed small chunks of
items, results yielded in input order with a bounded number of items read ahead.

The Cleaner is built once: forked workers inherit the parent's; otherwise each builds its own
from a :class:`~cleaner.worker.Recipe`. A hard watchdog: a worker still on one document
``timeout + grace`` seconds after starting it (stuck in C code, where the library's own time
limit cannot reach) is killed and replaced, that document gets a ``timeout`` record and the
rest of its chunk goes to the next worker; a worker that dies gives its document a
``worker_error`` record.
"""
from __future__ import annotations

import math
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .errors import CleanerError
from .limits import DocumentTimeout
from .progress import cpu_seconds, peak_rss, quiet_logs
from .sources import Item
from .worker import Outcome, Recipe, clean_item, cleaner_for, failed

if TYPE_CHECKING:
    from .progress import Stats

#: documents sent to a worker at a time; a worker gets its next chunk while on the last
#: document of this one, so it never waits for the parent
CHUNK = 4
#: seconds a worker gets past ``Limits.timeout`` before the watchdog kills it
GRACE = 2.0


class WorkerError(CleanerError):
    """The worker process cleaning this document died (crashed, or was killed)."""

    kind = "worker_error"

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
    ctx.set_forkserver_preload(["cleaner.pool", "cleaner.pipeline"])
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

