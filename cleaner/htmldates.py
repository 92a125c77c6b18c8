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
of it, keep theirs.

The last pattern the extensive search tries on the whole page, ``LONG_TEXT_PATTERN``
("March 3rd, 2021", "3 of March 2021"; measured: 13 ms a page that reaches it), opens on any
word; :class:`YearAnchored` looks for it only around a year after a space, where each of
its matches ends.

The text htmldate hands dateparser (``_external_date``) is first looked at by
:mod:`cleaner.datewords`: a string no locale of dateparser reads gets None without it, and
the others go to a copy of htmldate's parser that tests only the locales that know their
words. The cleaner's ``find_date`` reaches it through copies of ``try_date_expr`` (with a
cache of its own) and of the htmldate functions that call it (:func:`cleaner.rebind.reaching`).

``tests/test_htmldates.py`` checks the same matches on generated text and the same dates on
pages; ``tests/test_datewords.py`` dateparser's answers.
"""
from __future__ import annotations

import functools
import re

from htmldate import core, extractors

from . import datewords
from .rebind import reaching, rebound
from .text import literal_search

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


class _StandIn:
    """A compiled pattern with some of its methods answered faster; everything else is the
    pattern's own."""

    def __init__(self, pattern: re.Pattern[str]):
        self.rx = pattern

    def __getattr__(self, name: str):
        return getattr(self.rx, name)


class DigitLed(_StandIn):
    """``pattern`` (one of :data:`PREFILTERS`' keys) whose ``findall`` tries it only one
    character before where its prefilter matches; everything else is the pattern's own.

    Why the matches are the same: ``findall`` takes, from where its last match ended
    (``pos``), the first position ``q`` at which the pattern matches. The pattern matches at
    ``q`` only if the prefilter matches at ``q + 1``; so the prefilter's first match from
    ``pos + 1`` on, at ``c``, has ``c <= q + 1``, and no position before ``c - 1`` can hold a
    match. If the pattern matches at ``c - 1``, that is ``q``; if not, ``q`` lies beyond, and
    the prefilter is searched again from ``c + 1``. (A pattern's matches are never empty.)"""

    def __init__(self, pattern: re.Pattern[str]):
        super().__init__(pattern)
        self.prefilter = re.compile(PREFILTERS[pattern.pattern], pattern.flags)

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


class YearAnchored(_StandIn):
    """``extractors.LONG_TEXT_PATTERN`` whose ``search`` runs only in windows ending on a year
    after a space (``_YEAR``); everything else is the pattern's own.

    Why the match is the same: each match is (a day, its suffix, "of ") a whole word (no
    letter before it: the pattern's lookbehind), at most ``_AFTER_WORD`` characters and then
    a space and a year, which end it. So a match ending on the year at ``s`` starts at most
    ``_BEFORE_WORD`` characters before the word, which reaches back from ``s -
    _AFTER_WORD`` over letters only; no text before a match's final year holds a space and
    four digits, so the first match is the one in the first window that holds one, and from
    a given start the pattern can match in one way only (which a shorter ``endpos`` keeps)."""

    def __init__(self, pattern: re.Pattern[str]):
        super().__init__(pattern)
        self.letter = re.compile(r"[^\W\d_]", pattern.flags)  # the pattern's own class of word letters

    def search(self, string: str, pos: int = 0):
        letter, search = self.letter.match, self.rx.search
        for year in _YEAR.finditer(string, pos):
            start = year.start() - _AFTER_WORD
            while start > pos and letter(string, start - 1):
                start -= 1
            m = search(string, max(pos, start - _BEFORE_WORD), year.end())
            if m is not None:
                return m
        return None


#: the pattern :class:`YearAnchored` stands in for, and what its matches end on
LONG_TEXT = (r"(?P<month>(?<![^\W\d_])[^\W\d_]{3,})\s(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?,? "
             r"(?P<year>(?:199[0-9]|20[0-3][0-9]))|(?P<day2>[0-3]?[0-9])(?:st|nd|rd|th|\.)? (?:of )?"
             r"(?P<month2>(?<![^\W\d_])[^\W\d_]{3,})[,.]? (?P<year2>(?:199[0-9]|20[0-3][0-9]))")
_YEAR = re.compile(r" (?:199[0-9]|20[0-3][0-9])")
#: between a match's word and the space before its year: at most "\s31st," (month first) or
#: "." (day first); before its word, at most "31st of " (day first)
_AFTER_WORD, _BEFORE_WORD = 6, 8


def _regex_parse():
    """htmldate's ``regex_parse`` reading :class:`YearAnchored` (None: another htmldate)."""
    pattern = getattr(extractors, "LONG_TEXT_PATTERN", None)
    if not isinstance(pattern, re.Pattern) or pattern.pattern != LONG_TEXT or not hasattr(extractors, "regex_parse"):
        return None
    return rebound(extractors, ("regex_parse",), LONG_TEXT_PATTERN=YearAnchored(pattern))["regex_parse"]


class Recent:
    """A scan of a page's text by htmldate (``pattern_search``, ``idiosyncrasies_search``: pure
    functions of the text, the pattern and the options' format and date bounds) that answers
    a call with the same arguments as one of the last two from memory.

    Why: :func:`cleaner.htmlmeta._date` runs htmldate's quick search, then, when that finds
    nothing, its extensive one; both serialize the same pruned copy of the page and scan it
    with the same patterns before they part (measured: 4-5 ms of a page that reaches the
    extensive search; a seventh of the wcxb pages do). Two calls are kept (their texts with
    them), as the quick search ends on one more scan; a key is compared whole, and the pairs
    are replaced as one tuple (threads may share the scan)."""

    def __init__(self, scan):
        self.scan, self.recent = scan, ()

    def __call__(self, text: str, *args):
        options = args[-1]
        key = (text, *args[:-1], options.format, options.min, options.max)
        recent = self.recent
        for known, value in recent:
            if known == key:
                return value
        value = self.scan(text, *args)
        self.recent = ((key, value), *recent[:1])
        return value


def _date_candidates():
    """htmldate's ``date_candidates`` with a prefilter (None: another htmldate).

    ``is_date_candidate`` says yes to an element outside ``ALWAYS_TAGS`` only when its id,
    class or itemprop holds "date" or "datum" (the "D" of either may be upper case), a word of
    ``ID_CLASS_CUES`` or of ``CLASS_CUES`` (or "footer-info-lastmod", which holds "footer"): an
    element whose id, class and itemprop hold none of them is turned away by a search of each
    of the three, in C, before the test reads its attributes one by one in Python (measured: a
    third of the quick search's candidate scan, which takes 1.5-2.5 ms a wcxb page). Only those
    three are searched: a page whose other attributes are long (inline images, JSON in ``data-``
    attributes) took 6 ms a scan when all its values were."""
    test = getattr(core, "is_date_candidate", None)
    if (test is None or not hasattr(core, "date_candidates") or not hasattr(core, "FAST_TAGS")
            or getattr(getattr(core, "ID_CLASS_CUES", None), "pattern", None) != _ID_CLASS_CUES
            or getattr(getattr(core, "CLASS_CUES", None), "pattern", None) != _CLASS_CUES
            or {"date", "datum", "footer-info-lastmod"} - set(test.__code__.co_consts)):
        return None
    # (the cues as literal strings, found in one pass: long utility-class lists made the
    # alternation slow, cleaner.text.literal_search)
    cues = literal_search(["date", "Date", "datum", "Datum", "meta", "Meta", *_ID_CLASS_CUES.split("|")[1:],
                           *_CLASS_CUES.split("|")])
    always, fast_tags = core.ALWAYS_TAGS, (*core.FAST_TAGS, *core.ALWAYS_TAGS)

    def date_candidates(tree, extensive_search: bool) -> list:
        elements = tree.iterdescendants(core.Element) if extensive_search else tree.iterdescendants(*fast_tags)
        found = []
        for e in elements:
            if e.tag in always:
                found.append(e)
                continue
            get = e.get
            ident, cls, prop = get("id"), get("class"), get("itemprop")
            if ((ident is not None and cues(ident)) or (cls is not None and cues(cls))
                    or (prop is not None and cues(prop))) and test(e):
                found.append(e)
        return found
    return date_candidates


#: the cues of htmldate's ``is_date_candidate``, as htmldate 1.11 writes them
_ID_CLASS_CUES = "[Mm]eta|time|publish|footer"
_CLASS_CUES = ("info|post_detail|block-content|byline|subline|posted|submitted|created-post|"
               "publication|author|autor|field-content|fa-clock-o|fa-calendar|fecha|parution")

#: the wrapped patterns, by htmldate.core's names for them, ``regex_parse`` reading
#: :class:`YearAnchored`, the scans the extensive search repeats (:class:`Recent`) and the
#: candidates' prefilter (each only where htmldate is the one these were written for)
WRAPPED = _wrapped()
if (_fast_regex_parse := _regex_parse()) is not None:
    WRAPPED["regex_parse"] = _fast_regex_parse
for _name in ("pattern_search", "idiosyncrasies_search"):
    if callable(getattr(core, _name, None)):
        WRAPPED[_name] = Recent(getattr(core, _name))
if (_fast_candidates := _date_candidates()) is not None:
    WRAPPED["date_candidates"] = _fast_candidates


def _external_dates() -> dict:
    """htmldate's ``try_date_expr`` and ``try_date_expr_opts`` whose dateparser call
    (``_external_date``) turns away the strings no locale of dateparser reads
    (:mod:`cleaner.datewords`), with a cache of their own; {} for another htmldate."""
    if not all(callable(getattr(extractors, n, None)) for n in ("_external_date", "get_external_parser",
                                                               *_EXTERNAL_CALLERS)):
        return {}
    # htmldate's own code, reading a copy of its parser that asks each locale's vocabulary first
    original = rebound(extractors, ("_external_date",), get_external_parser=_parser)["_external_date"]

    def external_date(string: str):
        try:
            words = datewords.vocabulary()
            unread = words is not None and not datewords.readable(string, words)
        except Exception:  # noqa: BLE001 - a string it cannot look at is dateparser's to answer
            unread = False
        return None if unread else original(string)

    space = rebound(extractors, _EXTERNAL_CALLERS, _external_date=external_date)
    return {name: space[name] for name in _EXTERNAL_CALLERS}


@functools.cache
def _parser():
    """htmldate's dateparser parser, prescreened (:func:`cleaner.datewords.prescreened`;
    htmldate's own without a vocabulary)."""
    parser = extractors.get_external_parser()
    words = datewords.vocabulary()
    try:
        return parser if words is None else datewords.prescreened(parser, words)
    except Exception:  # noqa: BLE001 - a parser it cannot copy is asked as it is
        return parser


#: htmldate's functions that call ``_external_date``
_EXTERNAL_CALLERS = ("try_date_expr", "try_date_expr_opts")
WRAPPED.update(_external_dates())
#: the cache of the cleaner's ``try_date_expr`` (``bench/speed.py`` empties it between pages)
try_date_expr = WRAPPED.get("try_date_expr")
#: htmldate's ``find_date``, its ``search_page`` and the functions that reach ``try_date_expr``
#: reading :data:`WRAPPED`
find_date = rebound(core, {"find_date", "search_page", *reaching(core, set(_EXTERNAL_CALLERS))},
                    **WRAPPED)["find_date"] if WRAPPED else core.find_date
