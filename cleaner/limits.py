"""Resource limits: how much one document may cost before it becomes an error record.

One pathological page (50 MB, 100,000 nested divs, a regex that backtracks) must not
stall or sink a batch. :class:`Limits` holds the bounds; the pipeline checks them and
raises :class:`LimitError` (a :class:`~cleaner.errors.CleanerError`), which the CLI and
the batch runner turn into typed error records like any other.

``None`` switches a limit off.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import CleanerError


class LimitError(CleanerError):
    """A document exceeded a limit (size, nesting depth, time)."""

    kind = "limit_exceeded"


class DocumentTimeout(LimitError):
    """Cleaning one document took longer than ``Limits.timeout``."""

    kind = "timeout"


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


DEFAULT_LIMITS = Limits()
NO_LIMITS = Limits(max_bytes=None, max_depth=None, timeout=None, regex_timeout=None)
