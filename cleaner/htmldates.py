"""Read stage, HTML: htmldate's ``find_date``, its slowest scans sped up, the same dates.

When htmldate finds no date in the markup's usual places, its extensive search
(``search_page``) runs ``findall`` over the whole serialized page with patterns such as
``\\D([0-3]?[0-9][/.-][0-1]?[0-9][/.-][0-9]{4})\\D``. Opening on ``\\D``, which nearly every
character matches, they give the regex engine nothing to skip to: it tries the pattern at
every position of the page (measured: 2-5 ms for each of them on a 50 kB page; on the wcxb
pages, where a seventh of the pages need the extensive search, 3 ms a page in all).

:class:`DigitLed` answers the same ``findall`` with a prefilter that opens on a digit (which
``re`` skips to in C) and matches one character after every position where the pattern
can; the pattern is tried there only. :data:`PREFILTERS` holds the prefilters, each written
for one htmldate pattern's exact text: a pattern whose text differs (another htmldate) is
not wrapped and runs as it is. :data:`find_date` is htmldate's ``find_date`` reading the
wrapped patterns (:func:`cleaner.rebind.rebound`); htmldate itself, and every other caller
of it, keep theirs. ``tests/test_htmldates.py`` checks the same matches on generated text
and the same dates on pages.
"""
from __future__ import annotations

import re

from htmldate import core

from .rebind import rebound

#: an htmldate pattern's text -> its prefilter: a pattern whose every match is one non-digit
#: (``\D``) and then what the prefilter matches (each class of the pattern widened to
#: ``[0-9]`` where need be, an optional leading digit written after a required one: ``re``
#: skips ahead only to a pattern that opens on a class)
PREFILTERS = {
    r"\D([0-3]?[0-9][/.-][0-1]?[0-9][/.-][0-9]{4})\D": r"[0-9][0-9]?[/.-][0-9][0-9]?[/.-][0-9]{4}",
    r"\D([0-3]?[0-9]/[0-1]?[0-9]/[0129][0-9]|[0-3][0-9]\.[01][0-9]\.[0129][0-9])\D":
        r"[0-9][0-9]?[/.][0-9][0-9]?[/.][0-9]{2}",
    r"\D([0-1]?[0-9][/.-][12][0-9]{3})\D": r"[0-9][0-9]?[/.-][12][0-9]{3}",
    r"\D([12][0-9]{3}[/.-](?:1[0-2]|0[1-9]))\D": r"[12][0-9]{3}[/.-][01][0-9]",
    r"(\D19[0-9]{2}[01][0-9][0-3][0-9]\D|\D20[0-9]{2}[01][0-9][0-3][0-9]\D)": r"[12][09][0-9]{2}[01][0-9][0-3][0-9]",
    r"(?<!w3.org)\D((?:199[0-9]|20[0-3][0-9]))\D": r"[12][09][0-9]{2}",
    r"\D([0-9]{4}[/.-][0-9]{2}[/.-][0-9]{2})\D": r"[0-9][0-9]{3}[/.-][0-9]{2}[/.-][0-9]{2}",
}


class DigitLed:
    """``pattern`` (one of :data:`PREFILTERS`' keys) whose ``findall`` tries it only one
    character before where its prefilter matches; everything else is the pattern's own.

    Why the matches are the same: ``findall`` takes, from where its last match ended
    (``pos``), the first position ``q`` at which the pattern matches. The pattern matches at
    ``q`` only if the prefilter matches at ``q + 1``; so the prefilter's first match from
    ``pos + 1`` on, at ``c``, has ``c <= q + 1``, and no position before ``c - 1`` can hold a
    match. If the pattern matches at ``c - 1``, that is ``q``; if not, ``q`` lies beyond, and
    the prefilter is searched again from ``c + 1``. (A pattern's matches are never empty.)"""

    def __init__(self, pattern: re.Pattern[str]):
        self.rx = pattern
        self.prefilter = re.compile(PREFILTERS[pattern.pattern], pattern.flags)

    def __getattr__(self, name: str):
        return getattr(self.rx, name)

    def findall(self, string: str) -> list:
        found, pos = [], 0
        match, search, groups = self.rx.match, self.prefilter.search, self.rx.groups
        while (hint := search(string, pos + 1)) is not None:
            c = hint.start()
            m = match(string, c - 1)
            if m is None:
                pos = c
                continue
            found.append(m[1] if groups == 1 else m.groups() if groups else m[0])
            pos = m.end()
        return found


def _wrapped() -> dict:
    """htmldate.core's patterns that have a prefilter, wrapped, by their global's name (and
    ``THREE_COMP_PATTERNS``, a tuple of them)."""
    def wrap(value):
        return DigitLed(value) if isinstance(value, re.Pattern) and value.pattern in PREFILTERS else value

    wrapped = {name: wrap(value) for name, value in vars(core).items() if wrap(value) is not value}
    if wrapped and isinstance(getattr(core, "THREE_COMP_PATTERNS", None), tuple):
        wrapped["THREE_COMP_PATTERNS"] = tuple(map(wrap, core.THREE_COMP_PATTERNS))
    return wrapped


#: the wrapped patterns, by htmldate.core's names for them (empty: another htmldate)
WRAPPED = _wrapped()
#: htmldate's ``find_date``, its ``search_page`` reading :data:`WRAPPED`
find_date = rebound(core, ("find_date", "search_page"), **WRAPPED)["find_date"] if WRAPPED else core.find_date
