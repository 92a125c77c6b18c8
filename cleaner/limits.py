"""Resource limits: how much one document may cost before it becomes an error record.

One pathological page (50 MB, 100,000 nested divs, a regex that backtracks) must not
stall or sink a batch. :class:`Limits` holds the bounds; the pipeline checks them and
raises :class:`LimitError` (a :class:`~cleaner.errors.CleanerError`), which the CLI and
the batch runner turn into typed error records like any other.

``None`` switches a limit off.

How each limit is enforced, at (almost) no cost per document:

- ``max_bytes``: checked on the raw input before anything else, and passed to the
  decompression of gzip/brotli/zstd input (a compression bomb stops at that size).
- ``max_depth``: the HTML parser itself stops at 2,048 levels (libxml2's hard limit; a
  page cut off there is an error, never a silently truncated article); below that, one
  compiled XPath (C speed, ~0.1 ms on a typical page) tells whether any element sits
  deeper than the limit.
- ``timeout``: a deadline for the whole document, checked between stages and bounding
  every timed regex match. On the main thread (when nothing else uses ``SIGALRM``) a
  timer also interrupts a stage that runs past the deadline, even inside a regex match;
  in any other thread a watchdog timer raises the same stop in that thread at the
  deadline (once, through ``PyThreadState_SetAsyncExc``). Either stop lands between two
  Python bytecodes: a long call into C (lxml's parser, trafilatura's tree walks in
  lxml) is stopped only when it returns. What makes lxml's parse superlinear is bounded
  before parsing: a tag with more than ``MAX_ATTRIBUTES`` attributes (libxml2 checks
  each new attribute against the tag's others: 25,000 took 16 s) is a
  :class:`LimitError` (:func:`check_markup`). What makes trafilatura's reads quadratic,
  long runs of text nodes side by side once it strips inline tags, is bounded after
  parsing: plain runs are merged into one text (:func:`cleaner.extract.merge_inline_runs`),
  and a page whose runs that cannot be merged cost more than ``MAX_INLINE_RUNS`` is a
  :class:`LimitError`. Only the worker pool's watchdog process kill stops anything else
  stuck in C.
- ``regex_timeout``: each match of a user rule's pattern runs with the ``regex`` module's
  ``timeout=`` (the smaller of this and the time left). Built-in rules are checked by
  ``cleaner rules lint`` against adversarial probes in the test suite and skip the
  per-call timer (it costs more than the match), the document deadline still bounds them.
"""
from __future__ import annotations

import _signal  # signal's functions without the module's enum conversions (see _Alarm)
import ctypes
import functools
import re
import signal
import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import CleanerError


class LimitError(CleanerError):
    """A document exceeded a limit (size, nesting depth, time)."""

    kind = "limit_exceeded"


class DocumentTimeout(LimitError):
    """Cleaning one document took longer than ``Limits.timeout``."""

    kind = "timeout"


class RuleTimeout(LimitError):
    """One rule's regex ran past ``Limits.regex_timeout`` on one line: the pattern
    backtracks. The message names the rule and its file."""

    kind = "regex_timeout"

    def __init__(self, message: str, *, rule: str | None = None, file: str | None = None):
        super().__init__(message)
        self.rule, self.file = rule, file


@dataclass(frozen=True)
class Limits:
    #: input size in bytes (str input: its UTF-8 length)
    max_bytes: int | None = 20_000_000
    #: element nesting depth of an HTML page
    max_depth: int | None = 2_000
    #: seconds for one document, all stages
    timeout: float | None = 30.0
    #: seconds for one regex match (a rule that backtracks is stopped and reported)
    regex_timeout: float | None = 1.0

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "timeout", "regex_timeout"):
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                raise LimitError(f"Limits.{name} must be a positive number or None, not {value!r}")
            if name in ("max_bytes", "max_depth") and not isinstance(value, int):
                raise LimitError(f"Limits.{name} must be a whole number, not {value!r}")


DEFAULT_LIMITS = Limits()
NO_LIMITS = Limits(max_bytes=None, max_depth=None, timeout=None, regex_timeout=None)

#: libxml2 stops building the tree at this depth (with XML_PARSE_HUGE); deeper content is lost
PARSER_MAX_DEPTH = 2_048


# ---------------------------------------------------------------------------
# per-document budget
# ---------------------------------------------------------------------------


class Budget:
    """The limits of one document in progress, with its deadline."""

    __slots__ = ("limits", "deadline")

    def __init__(self, limits: Limits = DEFAULT_LIMITS, start: float | None = None):
        self.limits = limits
        if limits.timeout is None:
            self.deadline = None
        else:
            self.deadline = (time.monotonic() if start is None else start) + limits.timeout

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    def check(self, stage: str = "") -> None:
        """Raise :class:`DocumentTimeout` if the deadline has passed."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.timeout_error(stage)

    def timeout_error(self, stage: str = "") -> DocumentTimeout:
        where = f" (stopped {stage})" if stage else ""
        return DocumentTimeout(f"cleaning took longer than the time limit of {self.limits.timeout:g} s{where}")

    def regex_timeout(self) -> float | None:
        """Seconds one regex match may take now: ``regex_timeout``, cut to the time left."""
        per_match = self.limits.regex_timeout
        if self.deadline is None:
            return per_match
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise self.timeout_error("matching the rules")
        return left if per_match is None or left < per_match else per_match

    def check_size(self, data: str | bytes) -> None:
        """Raise :class:`LimitError` if ``data`` is over ``max_bytes`` (str: UTF-8 bytes)."""
        limit = self.limits.max_bytes
        if limit is None:
            return
        n = len(data)
        if isinstance(data, str) and n * 4 > limit and n <= limit:  # only a near miss needs the exact size
            n = len(data.encode("utf-8", "surrogatepass"))
        if n > limit:
            raise LimitError(f"the input is {_size(n)}, over the size limit of {_size(limit)} (max_bytes)")

    def depth_error(self, depth: int | None = None) -> LimitError:
        limit = self.limits.max_depth
        if depth is None or (limit is not None and limit < depth):
            depth = limit if limit is not None and limit < PARSER_MAX_DEPTH else PARSER_MAX_DEPTH
        return LimitError(f"the page nests elements more than {depth} levels deep (max_depth), too deep to clean")


_CURRENT: ContextVar[Budget | None] = ContextVar("cleaner_budget", default=None)
_UNBOUNDED = Budget(Limits(max_bytes=None, max_depth=None, timeout=None))


def current() -> Budget:
    """The budget of the document being cleaned in this thread or task (outside of a
    document: no size, depth or time limit, the default ``regex_timeout``)."""
    return _CURRENT.get() or _UNBOUNDED


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n:,} bytes"


#: attributes one tag may have: libxml2's parse is quadratic in a tag's attributes (1,000
#: parse in ~1 ms, 10,000 in ~0.2 s, 25,000 in seconds); no real page comes near this
MAX_ATTRIBUTES = 1_000


@functools.lru_cache(maxsize=1)
def _many_attributes() -> re.Pattern:
    """A tag opening with more than MAX_ATTRIBUTES attributes (names, with or without values),
    matched without backtracking (atomic groups, possessive quantifiers: linear in the page);
    compiled on first use (~20 ms), not at import."""
    return re.compile(
        r"""<[a-zA-Z][^\s/>]*+(?>[\s/]++[^\s/>=]++(?>\s*+=\s*+(?>"[^"]*+"|'[^']*+'|[^\s>]++))?+){%d}""" % (MAX_ATTRIBUTES + 1))

#: inline elements one element may hold side by side once its plain runs are merged
#: (:func:`cleaner.extract.merge_inline_runs`), counted as the sum over elements of their number
#: squared: trafilatura strips these tags and lxml then reads the run of text nodes they leave
#: in time quadratic in its length, inside one C call no timer can stop (an element with 20,000
#: of them took 16 s); a budget of 10,000² is about 5 s, and no article page comes near it
MAX_INLINE_RUNS = 10_000 ** 2


def inline_runs_error(worst: int, total: int) -> LimitError:
    """The page holds too many inline elements side by side (``worst``: in one element)."""
    return LimitError(f"the page holds {total:,} inline elements side by side (up to {worst:,} in one element) "
                      "that cannot be merged, too many to extract in bounded time")


_RAW_TEXT = re.compile(r"<(/?)(script|style)\b", re.IGNORECASE)


def check_markup(html: str) -> None:
    """Raise :class:`LimitError` when a tag of ``html`` has more than ``MAX_ATTRIBUTES``
    attributes, before lxml spends quadratic time parsing it. One linear scan (about
    1-10 ms for a 1 MB page); a "tag" inside a script or style element is not one."""
    pos = 0
    many = _many_attributes()
    while (m := many.search(html, pos)) is not None:
        last = None
        for last in _RAW_TEXT.finditer(html, max(0, m.start() - 2_000_000), m.start()):
            pass
        if last is not None and not last[1]:  # inside <script> or <style>: raw text, not markup; skip past it
            close = re.compile(rf"</{last[2]}\b", re.IGNORECASE).search(html, m.start())
            if close is None:
                return
            pos = close.end()
            continue
        raise LimitError(f"a tag (at character {m.start():,}) has more than {MAX_ATTRIBUTES:,} attributes, "
                         "too many to parse in bounded time")


# ---------------------------------------------------------------------------
# enforcing the deadline
# ---------------------------------------------------------------------------


class TimerStop(BaseException):
    """Raised by the timer's signal handler. A BaseException, so the ``except Exception``
    blocks of the libraries underneath cannot swallow it; :class:`enforce` turns it into
    :class:`DocumentTimeout`."""


class _Alarm:
    """The SIGALRM timer of the main thread, armed only while a document is cleaned.
    It fires at the deadline, then every ``_REPEAT`` seconds until the document is given
    up: a stop raised where Python ignores exceptions (a ``__del__``, a callback) is
    followed by another. Each document installs and removes the handler with ``_signal``'s
    functions: ``signal.signal`` wraps them, turning numbers into enums both ways (measured:
    22 µs against 1 µs the pair, a tenth of what cleaning a one-line text costs)."""

    active = False

    @staticmethod
    def handler(signum, frame):  # noqa: ARG004
        if _Alarm.active:
            raise TimerStop()

    @classmethod
    def usable(cls) -> bool:
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return False
        if cls.active or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
            return False  # a document inside a document, or someone else's timer
        return _signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, cls.handler)


_REPEAT = 0.25


def disarm() -> None:
    """Stop the timer and give SIGALRM back (idempotent; also the backstop for a stop
    that arrived in the middle of leaving a document)."""
    if threading.current_thread() is threading.main_thread():  # the alarm is the main thread's only
        _Alarm.active = False
    if hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
        if signal.getsignal(signal.SIGALRM) is _Alarm.handler:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
    _CURRENT.set(None)  # (any thread: a watchdog's stop can also land before the budget is reset)


class _ThreadStop:
    """The deadline of a document cleaned outside the main thread: a timer thread that, at
    the deadline, raises :class:`TimerStop` in the cleaning thread, once, through
    ``PyThreadState_SetAsyncExc`` (as the main thread's signal handler would: between two
    bytecodes). :meth:`cancel` (under the same lock as the firing) makes sure no stop is
    left pending once the document is done."""

    __slots__ = ("_tid", "_lock", "_done", "_fired", "_timer")

    def __init__(self, timeout: float):
        self._tid = threading.get_ident()
        self._lock = threading.Lock()
        self._done = self._fired = False
        self._timer = threading.Timer(timeout, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if not self._done:
                self._fired = _set_async_exc(self._tid, TimerStop) == 1

    def cancel(self) -> None:
        with self._lock:
            self._done = True
            if self._fired:  # a stop raised but maybe not yet delivered: take it back
                _set_async_exc(self._tid, None)
        self._timer.cancel()


def _set_async_exc(tid: int, exc) -> int:
    return ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(exc) if exc else None)


def _thread_stop_usable() -> bool:
    return threading.current_thread() is not threading.main_thread() and hasattr(ctypes, "pythonapi")


class enforce:
    """``with enforce(limits) as budget:`` clean one document within ``limits``.

    Makes its :class:`Budget` current (see :func:`current`) and arms a timer that stops the
    document at its deadline even in the middle of a stage (a :class:`DocumentTimeout`
    leaves the block): ``SIGALRM`` on the main thread, a watchdog timer in other threads."""

    __slots__ = ("budget", "_token", "_previous", "_thread")

    def __init__(self, limits: Limits):
        self.budget = Budget(limits)
        self._previous = None
        self._thread = None

    def __enter__(self) -> Budget:
        self._token = _CURRENT.set(self.budget)
        timeout = self.budget.limits.timeout
        if timeout is not None and _Alarm.usable():
            _signal.signal(signal.SIGALRM, _Alarm.handler)
            self._previous = _signal.SIG_DFL
            _Alarm.active = True
            signal.setitimer(signal.ITIMER_REAL, timeout, _REPEAT)
        elif timeout is not None and _thread_stop_usable():
            self._thread = _ThreadStop(timeout)
        return self.budget

    def __exit__(self, exc_type, exc, tb) -> bool:
        if self._thread is not None:
            self._thread.cancel()
            self._thread = None
        if self._previous is not None:
            _Alarm.active = False  # first: from now on an alarm is ignored
            signal.setitimer(signal.ITIMER_REAL, 0)
            _signal.signal(signal.SIGALRM, self._previous)
            self._previous = None
        _CURRENT.reset(self._token)  # (a stop raised before this line is caught by the caller: see disarm)
        if exc_type is TimerStop:
            raise self.budget.timeout_error("by the timer") from None
        return False
