"""Read stage: date strings to ISO days ("Mar 23, 2024", "Published: 23 March 2024 10:31" →
"2024-03-23"), for the record's date, the dateline's year and the evaluation's."""
from __future__ import annotations

import warnings
from datetime import datetime
from functools import lru_cache

import regex

from .text import squash

HAS_YEAR = regex.compile(r"\b(?:19[89]\d|20\d\d)\b")
_DATE_NOISE = regex.compile(
    r"^(?:published|updated|posted|last updated|first published|modified|date)\s*(?:on|at)?\s*:?\s*", regex.IGNORECASE
)


@lru_cache(maxsize=4096)
def parse_date(text: str) -> str | None:
    """A date line ("Mar 23, 2024", "Published: 23 March 2024 10:31") → "2024-03-23"."""
    text = _DATE_NOISE.sub("", squash(text))
    if not HAS_YEAR.search(text):
        return None
    from dateutil import parser

    try:
        with warnings.catch_warnings():  # "EST" and friends: the day is all we keep
            warnings.simplefilter("ignore")
            when = parser.parse(text, fuzzy=True, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if when.year < 1990 or when.year > 2100:
        return None
    return when.date().isoformat()


def year_of(values: list[str]) -> int | None:
    """The year of the first of ``values`` that parses as a date (None: none does)."""
    for value in values:
        iso = parse_date(value)
        if iso:
            return int(iso[:4])
    return None
