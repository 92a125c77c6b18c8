"""Read stage, HTML: the strings no locale of dateparser can read, told without asking it.

htmldate's extensive search hands the text it cannot parse itself to dateparser
(``htmldate.extractors._external_date``), which tries its locales one after the other. A
string that none reads ("Top 5 HR Management Software in 2026", "67 Reviews 4.7 out of 5")
costs 10-35 ms, after 1.7 s to build the locales' tables on a process's first call
(measured on wcxb: 35 of the 38 strings dateparser is given find no date, and they are most
of what the worst pages spend beyond trafilatura).

A locale reads a string only when it is *applicable* to it (``Locale.is_applicable``): the
string, lowercased, normalized and simplified by the locale's rewriting patterns, is split
by the locale's known words and relative expressions, and every token must be a number, a
relative expression or a word of its dictionary. A known word is matched only between
non-letters (``\\W``, a digit, the string's ends), so each run of letters of the string must
be one run of letters of something the locale knows, or be cut where one of its patterns
has letters on an open edge (no ``\\b``, no non-letter before or after). :func:`readable`
says no when some run of letters is none of that in any locale: dateparser then finds no
date (``get_date_data`` returns ``date_obj`` None), and htmldate gets that None without it.

The same holds locale by locale: :func:`prescreened` gives a copy of dateparser's parser
that tests a locale against a string only when the locale knows all the string's runs of
letters (a string most locales cannot read is read by the few that can).

What is known (:func:`vocabulary`: ``datewords.json`` beside this module, written for one
version of dateparser by ``python -m cleaner.datewords``; for another version, built once per
process from dateparser's own data by :func:`build`, in about 0.5 s), for each locale and for
all: every run of letters in the locale's data (its dictionary and every string of its info,
normalized too), what each rewriting pattern and relative expression can match (its letters
expanded through groups, alternatives and counted repeats, with its open edges) and the
ordinal suffixes ("5th"); for all, the time zone names too (removed before a locale is
tried). A string is first sanitized as dateparser does
(``sanitize_date``, calendar quarters); one holding letters beyond ASCII, or a time zone
offset after UTC or GMT, is always passed on, and a Roman numeral is taken as known.

None (:func:`vocabulary`) when dateparser is not the one this was written for: a parser with
other languages or settings, a pattern that matches letters it cannot enumerate and needs no
letter beyond ASCII. ``tests/test_datewords.py`` checks dateparser's own answers on the
strings this turns away and on dates in every locale's words.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from re import _parser

from .letterruns import Wild, needs_foreign, pattern_runs

#: letters a string is looked at by: runs of ASCII letters (after lowercasing)
_RUN = re.compile(r"[a-z]+")
#: what dateparser drops after a number ("5th" reads as "5")
_ORDINALS = ("st", "nd", "rd", "th")
_ROMAN = frozenset("ivxlcdm")
#: dateparser's time zone patterns: an offset after UTC or GMT at the end of the string (in
#: which the offset's text can be followed by anything), and a name between non-letters
_TZ_TEMPLATES = [[r"(.)%s$"], [r"(\W|\d|_)%s($|\W|(?=\d))"]]
_OFFSET_ZONES = re.compile(r"utc|gmt")
#: around the relative expressions a string is split by, as dateparser compiles them: for a
#: locale that writes spaces between words (True), and for one that does not
_RELATIVE_GUARDS = {True: (r"(?<=(?:\A|\W|_))", r"(?=(?:\Z|\W|_))"), False: (r"(?!(?<=\d)\d)", "")}


def readable(string: str, words: "Vocabulary") -> bool:
    """May some locale of dateparser read ``string``? False only when none can."""
    from dateparser.date import _replace_quarter, sanitize_date
    from dateparser.utils import normalize_unicode

    date_string = sanitize_date(string)
    if _replace_quarter(date_string, words.settings):
        return True
    text = normalize_unicode(date_string).lower()
    runs = _letter_runs(text)
    if _OFFSET_ZONES.search(text) or runs is None:
        return True
    return all(words.explains(run) for run in runs)


def _letter_runs(text: str) -> list[str] | None:
    """The runs of ASCII letters of ``text`` (normalized, lowercased); None when it holds a
    letter, digit or mark beyond ASCII, which the runs would leave out."""
    if not text.isascii() and any(not c.isascii() and (c.isalnum() or unicodedata.category(c)[0] == "M")
                                  for c in text):
        return None
    return _RUN.findall(text)


def _merge_open(open_: dict[str, tuple[bool, bool]], run: str, left: bool, right: bool) -> None:
    """Note ``run`` as open on the ``left`` or ``right`` (an edge once open stays open)."""
    was = open_.get(run, (False, False))
    open_[run] = (was[0] or left, was[1] or right)


def prescreened(parser, words: "Vocabulary"):
    """A copy of dateparser's ``parser`` whose test of a locale against a string
    (``_is_applicable_locale``, made for each of some 400 locales and variants on each string
    it reads, two when it holds a time zone) first asks the locale's own vocabulary: a string
    with a run of letters the locale does not know is not one it applies to, and the test
    itself runs only for the locales that know them all (measured: "Hours Mon-Fri 9AM-5PM ET"
    26 ms, of which the tests of the locales that do not apply made nearly all)."""
    import copy
    import types

    from dateparser.utils import normalize_unicode

    test = type(parser)._is_applicable_locale
    # the last two strings tested, with their runs (None: ask dateparser), swapped whole: each
    # locale is tested against a string and, when it holds a time zone, the string without it
    last: list[tuple] = [()]

    def is_applicable_locale(self, locale, date_string: str, ignore_surrounding_text: bool = False) -> bool:
        runs = next((r for tested, r in last[0] if tested is date_string), False)
        if runs is False:
            runs = _letter_runs(normalize_unicode(date_string).lower())
            last[0] = ((date_string, runs), *last[0][:1])
        known = words.by_locale.get(locale.info["name"])
        if runs and known is not None and not ignore_surrounding_text and not all(map(known.explains, runs)):
            return False
        return test(self, locale, date_string, ignore_surrounding_text)

    mine = copy.copy(parser)
    mine._is_applicable_locale = types.MethodType(is_applicable_locale, mine)
    return mine


class Vocabulary:
    """What dateparser's locales know, as runs of ASCII letters: ``closed`` (only between
    non-letters) and ``open`` (run -> (open on the left, open on the right))."""

    def __init__(self, closed: set[str], open_: dict[str, tuple[bool, bool]], settings=None,
                 by_locale: "dict | None" = None, zones=()):
        self.closed, self.open, self.settings = frozenset(closed), open_, settings
        self.longest = max(map(len, (*self.closed, *self.open)), default=0)
        #: each locale's own vocabulary by its name (for :func:`prescreened`)
        self.by_locale: dict = by_locale or {}
        #: the runs of the time zones' names (in ``closed``)
        self.zones: frozenset[str] = frozenset(zones)

    def explains(self, run: str) -> bool:
        """Is ``run`` (a whole run of letters) something a locale knows, or made of known
        runs cut only where one of the two has an open edge?"""
        if run in self.closed or run in self.open or set(run) <= _ROMAN:
            return True
        n, seen = len(run), set()
        todo = [(0, False)]  # (where the next piece starts, the one before ends open)
        while todo:
            start, open_before = todo.pop()
            for end in range(start + 1, min(n, start + self.longest) + 1):
                piece = run[start:end]
                if piece in self.open:
                    left, right = self.open[piece]
                elif piece in self.closed:
                    left = right = False
                else:
                    continue
                if start and not (open_before or left):
                    continue  # a cut between two closed edges
                if end == n:
                    return True
                if (end, right) not in seen:
                    seen.add((end, right))
                    todo.append((end, right))
        return False


#: the vocabulary as built for one version of dateparser (``python -m cleaner.datewords`` writes
#: it): read instead of built when that version is installed (measured: 0.46 s to build on the
#: first page that asks dateparser, in every process; a few milliseconds to read)
SHIPPED = Path(__file__).with_name("datewords.json")
_FORMAT = 1


@functools.cache
def vocabulary() -> Vocabulary | None:
    """The vocabulary of htmldate's dateparser (None: not the dateparser this was written
    for): :data:`SHIPPED` when it was written for the installed dateparser, else :func:`build`'s."""
    try:
        parser = _dateparser()
        if parser is None:
            return None
        return _read(SHIPPED, parser._settings) or build(parser)
    except (ImportError, AttributeError, TypeError, ValueError, re.error, Wild):
        return None


def _dateparser():
    """htmldate's dateparser parser, when it is one this was written for (else None)."""
    from dateparser.timezones import timezone_info_list
    from htmldate.extractors import get_external_parser

    parser = get_external_parser()
    settings = parser._settings
    if (parser.languages or parser.locales or parser.region or parser.try_previous_locales
            or parser.detect_languages_function or settings.DEFAULT_LANGUAGES
            or settings.IGNORE_SURROUNDING_TEXT or not settings.NORMALIZE):
        return None
    # time zones are removed from the string before a locale tries it: a name between
    # non-letters; an offset after "UTC" or "GMT" (those strings are always passed on)
    if [info["regex_patterns"] for info in timezone_info_list] != _TZ_TEMPLATES:
        return None
    return parser


def build(parser) -> Vocabulary | None:
    """The vocabulary of ``parser`` (a :func:`_dateparser`), from dateparser's own data."""
    from dateparser.timezones import timezone_info_list
    from dateparser.utils import normalize_unicode

    settings = parser._settings
    locales = list(parser._get_locale_loader().get_locales(
        languages=None, locales=None, region=None, use_given_order=False))
    by_locale = {}
    checked: set[bool] = set()  # the spacings whose split regex was compared with dateparser's
    for locale in {*locales, *(loc._native for loc in locales)}:
        known = _locale_vocabulary(locale, settings, normalize_unicode, checked)
        if known is None:
            return None
        by_locale[locale.info["name"]] = known  # (dateparser keys its dictionaries by the name too)
    zones = {run for name, _ in timezone_info_list[1]["timezones"] for run in _RUN.findall(name.lower())}
    return _joined(by_locale, zones, settings)


def _joined(by_locale: dict, zones, settings) -> Vocabulary:
    """The vocabulary of all locales (and the time zones' names) from each locale's."""
    closed: set[str] = set(zones)
    open_: dict[str, tuple[bool, bool]] = {}
    for known in by_locale.values():
        closed |= known.closed
        for run, (left, right) in known.open.items():
            _merge_open(open_, run, left, right)
    return Vocabulary(closed, open_, settings, by_locale, zones)


def _read(path: Path, settings) -> Vocabulary | None:
    """The vocabulary in ``path`` when it was written for the installed dateparser (else None)."""
    import dateparser

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT or data.get("dateparser") != dateparser.__version__:
            return None
        by_locale = {name: Vocabulary(set(closed), {run: (left, right) for run, (left, right) in open_.items()})
                     for name, (closed, open_) in data["locales"].items()}
        return _joined(by_locale, data["zones"], settings)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):  # unreadable: built instead
        return None


def write(path: Path = SHIPPED) -> None:
    """Write the installed dateparser's vocabulary to ``path``, a locale a line."""
    import dateparser

    parser = _dateparser()
    words = build(parser) if parser is not None else None
    if words is None:
        raise SystemExit("the installed dateparser is not one the vocabulary is written for")
    head = json.dumps({"format": _FORMAT, "dateparser": dateparser.__version__, "zones": sorted(words.zones)},
                      ensure_ascii=False)
    lines = [f"{json.dumps(name, ensure_ascii=False)}: "
             f"{json.dumps([sorted(k.closed), dict(sorted(k.open.items()))], ensure_ascii=False)}"
             for name, k in sorted(words.by_locale.items())]
    path.write_text(head[:-1] + ', "locales": {\n' + ",\n".join(lines) + "\n}}\n", encoding="utf-8")


def _locale_vocabulary(locale, settings, normalize_unicode, checked: set[bool]) -> Vocabulary | None:
    """What one locale knows (None: a rewrite could bring in the foreign letters one of its
    patterns needs to match letters it cannot list). ``checked``: the spacings (word spacing
    or none) for which a locale's split regex, as dateparser compiles it, was found to be the
    relative strings between ``_RELATIVE_GUARDS`` (one method of dateparser's builds them all:
    one locale of each spacing is compared, not every locale's regex compiled; measured, the
    207 compiles took 0.28 s of the 0.74 s building the vocabulary took)."""
    closed: set[str] = set(_ORDINALS)
    open_: dict[str, tuple[bool, bool]] = {}
    spaced = "no_word_spacing" not in locale.info
    dictionary = locale._get_dictionary(settings)
    known = [k for k in dictionary if isinstance(k, str)]  # (its words)
    for text in (*_strings(locale.info), *known):
        for variant in _variants(text, normalize_unicode):
            closed.update(_RUN.findall(variant))
    if not spaced:  # its known words are found anywhere in the line
        for text in known:
            for variant in _variants(text, normalize_unicode):
                for run in _RUN.findall(variant):
                    _merge_open(open_, run, True, True)
    # the patterns as dateparser compiles them: the rewrites, and the relative expressions the
    # string is split by (one group between two guards)
    rewrites = [(rx.pattern, r) for s in locale._get_simplifications(settings) for rx, r in s.items()]
    relative = dictionary._get_sorted_relative_strings_from_cache()
    before, after = _RELATIVE_GUARDS[spaced]
    if spaced not in checked:
        if dictionary._get_split_relative_regex_cache().pattern != f"{before}({'|'.join(relative)}){after}":
            raise ValueError("dateparser's relative expressions are compiled otherwise")
        checked.add(spaced)
    wild = False
    for pattern in (*(p for p, _ in rewrites), *(f"{before}({r}){after}" for r in relative)):
        runs = pattern_runs(pattern)  # (cached: locales share patterns)
        wild = wild or runs is None
        for run, left, right in runs or ():
            if left or right:
                _merge_open(open_, run, left, right)
            else:
                closed.add(run)
    if wild and any(not r.isascii() and not needs_foreign(list(_parser.parse(p))) for p, r in rewrites):
        return None
    return Vocabulary(closed, open_)


def _strings(value) -> list[str]:
    """Every string in a locale's data (keys and values, nested)."""
    out: list[str] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, (list, tuple)):
            stack.extend(v)
    return out


def _variants(text: str, normalize) -> tuple[str, ...] | set[str]:
    """``text`` as a case-insensitive match may meet it: lowercased, normalized, and folded
    through upper case ("ı" and "I" match "i")."""
    if text.isascii():
        return (text.lower(),)
    low = text.lower()
    norm = normalize(low)
    return {low, norm, text.upper().lower(), normalize(text.upper()).lower(), norm.upper().lower()}


if __name__ == "__main__":  # python -m cleaner.datewords: write SHIPPED for the installed dateparser
    write()
