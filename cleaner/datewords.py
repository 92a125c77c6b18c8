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

What is known (:func:`vocabulary`, built once per process from dateparser's own data in
0.2 s): every run of letters in the data of every locale (dictionary, every string of its
info, normalized too) and what each rewriting pattern and relative expression can match
(their letters, expanded through groups, alternatives and counted repeats), with its open
edges; the time zone names (removed before a locale is tried) and the ordinal suffixes
("5th"), as open on both sides. A string is first sanitized as dateparser does
(``sanitize_date``, calendar quarters), and one holding letters beyond ASCII, a Roman
numeral or a pattern the expansion cannot read is always passed on.

None (:func:`vocabulary`) when dateparser is not the one this was written for: a parser with
other languages or settings, a pattern that matches letters it cannot enumerate and needs no
letter beyond ASCII. ``tests/test_datewords.py`` checks dateparser's own answers on the
strings this turns away and on dates in every locale's words.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from re import _constants as C  # noqa: N812 - the names of the parse tree's nodes
from re import _parser

#: letters a string is looked at by: runs of ASCII letters (after lowercasing)
_RUN = re.compile(r"[a-z]+")
#: what dateparser drops after a number ("5th" reads as "5")
_ORDINALS = ("st", "nd", "rd", "th")
_ROMAN = frozenset("ivxlcdm")
#: the assertions that put a non-letter (or an end) beside a letter
_GUARDS = {C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_END, C.AT_END_STRING}
_SEP, _EDGE = "|", "^"  # in an expansion: a non-letter; a guarding assertion
#: dateparser's time zone patterns: an offset after UTC or GMT at the end of the string (in
#: which the offset's text can be followed by anything), and a name between non-letters
_TZ_TEMPLATES = [[r"(.)%s$"], [r"(\W|\d|_)%s($|\W|(?=\d))"]]
_OFFSET_ZONES = re.compile(r"utc|gmt")
#: around the relative expressions a string is split by, as dateparser compiles them: for a
#: locale that writes spaces between words (True), and for one that does not
_RELATIVE_GUARDS = {True: (r"(?<=(?:\A|\W|_))", r"(?=(?:\Z|\W|_))"), False: (r"(?!(?<=\d)\d)", "")}
#: at most this many expansions of one pattern (beyond: it is read as matching any letters)
_MOST = 4000


class _Wild(Exception):
    """A pattern matches letters that cannot be listed (``\\w``, ``.``, a negated class)."""


def readable(string: str, words: "Vocabulary") -> bool:
    """May some locale of dateparser read ``string``? False only when none can."""
    from dateparser.date import _replace_quarter, sanitize_date
    from dateparser.utils import normalize_unicode

    date_string = sanitize_date(string)
    if _replace_quarter(date_string, words.settings):
        return True
    text = normalize_unicode(date_string).lower()
    if _OFFSET_ZONES.search(text):
        return True
    if not text.isascii() and any(not c.isascii() and (c.isalnum() or unicodedata.category(c)[0] == "M")
                                   for c in text):
        return True
    return all(words.explains(run) for run in _RUN.findall(text))


class Vocabulary:
    """What dateparser's locales know, as runs of ASCII letters: ``closed`` (only between
    non-letters) and ``open`` (run -> (open on the left, open on the right))."""

    def __init__(self, closed: set[str], open_: dict[str, tuple[bool, bool]], settings):
        self.closed, self.open, self.settings = frozenset(closed), open_, settings
        self.longest = max(map(len, (*self.closed, *self.open)), default=0)

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


@functools.cache
def vocabulary() -> Vocabulary | None:
    """The vocabulary of htmldate's dateparser (None: not the dateparser this was written for)."""
    try:
        from dateparser.timezones import timezone_info_list
        from dateparser.utils import normalize_unicode
        from htmldate.extractors import get_external_parser

        parser = get_external_parser()
        settings = parser._settings
        if (parser.languages or parser.locales or parser.region or parser.try_previous_locales
                or parser.detect_languages_function or settings.DEFAULT_LANGUAGES
                or settings.IGNORE_SURROUNDING_TEXT or not settings.NORMALIZE):
            return None
        locales = list(parser._get_locale_loader().get_locales(
            languages=None, locales=None, region=None, use_given_order=False))
        closed: set[str] = set(_ORDINALS)
        open_: dict[str, tuple[bool, bool]] = {}

        def add_open(run: str, left: bool, right: bool) -> None:
            was = open_.get(run, (False, False))
            open_[run] = (was[0] or left, was[1] or right)

        for locale in {*locales, *(loc._native for loc in locales)}:
            spaced = "no_word_spacing" not in locale.info
            known = [k for k in locale._get_dictionary(settings) if isinstance(k, str)]  # (its words)
            for text in (*_strings(locale.info), *known):
                for variant in _variants(text, normalize_unicode):
                    closed.update(_RUN.findall(variant))
            if not spaced:  # its known words are found anywhere in the line
                for text in known:
                    for variant in _variants(text, normalize_unicode):
                        for run in _RUN.findall(variant):
                            add_open(run, True, True)
            # the patterns as dateparser compiles them: the rewrites, and the relative
            # expressions the string is split by (one group between two guards)
            rewrites = [(rx.pattern, r) for s in locale._get_simplifications(settings) for rx, r in s.items()]
            dictionary = locale._get_dictionary(settings)
            relative = dictionary._get_sorted_relative_strings_from_cache()
            before, after = _RELATIVE_GUARDS[spaced]
            if dictionary._get_split_relative_regex_cache().pattern != f"{before}({'|'.join(relative)}){after}":
                return None
            wild = False
            for pattern in (*(p for p, _ in rewrites), *(f"{before}({r}){after}" for r in relative)):
                runs = _pattern_runs(pattern)  # (cached: locales share patterns)
                wild = wild or runs is None
                for run, left, right in runs or ():
                    if left or right:
                        add_open(run, left, right)
                    else:
                        closed.add(run)
            if wild and any(not r.isascii() and not _needs_foreign(list(_parser.parse(p))) for p, r in rewrites):
                return None  # a rewrite could bring in the foreign letters a wild pattern needs
        # time zones are removed from the string before a locale tries it: a name between
        # non-letters; an offset after "UTC" or "GMT" (those strings are always passed on)
        if [info["regex_patterns"] for info in timezone_info_list] != _TZ_TEMPLATES:
            return None
        for name, _ in timezone_info_list[1]["timezones"]:
            closed.update(_RUN.findall(name.lower()))
        return Vocabulary(closed, open_, settings)
    except (ImportError, AttributeError, TypeError, ValueError, re.error, _Wild):
        return None


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


@functools.lru_cache(maxsize=None)
def _pattern_runs(pattern: str) -> tuple[tuple[str, bool, bool], ...] | None:
    """The runs of letters ``pattern`` can match, lowercased, each with whether its left and
    right edges are open: no non-letter, end or assertion of one (``\\b``, ``(?<=\\W|_)``,
    ``(?=\\d)``) beside it, so that a letter of the string may stand there. A pattern that
    matches letters which cannot be listed raises :class:`_Wild` unless it needs a letter
    beyond ASCII: then it never matches a string without one (the only strings
    :func:`readable` answers), and the answer is None."""
    if not _may_meet_ascii(pattern):
        return ()
    items = list(_parser.parse(pattern))
    try:
        expansions = _sequence(items)
    except _Wild:
        if _needs_foreign(items):
            return None
        raise
    out = []
    for tokens in expansions:  # (a tuple: the answer is cached)
        for i, token in enumerate(tokens):
            if token in (_SEP, _EDGE):
                continue
            out.append((token, i == 0, i == len(tokens) - 1))
    return tuple(out)


#: the escapes that may match an ASCII letter: a class of them, a character's code
_LETTER_ESCAPES = frozenset("wSDpPXxuUN01234567")


def _may_meet_ascii(pattern: str) -> bool:
    """May ``pattern`` match an ASCII letter? Not when its text holds none outside its
    escapes, nor a letter that matches one without case ("K", the Kelvin sign), nor an
    escape, a negated class or a ``.`` that can: most locales' patterns are written in other
    scripts (measured: it halves the time the vocabulary takes)."""
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if pattern[i + 1:i + 2] in _LETTER_ESCAPES:
                return True
            i += 2
            continue
        if in_class:
            if c == "-":
                return True  # a range may span letters between two marks
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "^":
                return True
        elif c == ".":
            return True
        if c.isalpha() and any(x.isascii() and x.isalpha() for x in c + c.lower() + c.upper() + c.casefold()):
            return True
        i += 1
    return False


def _join(a: tuple, b: tuple) -> tuple:
    """Two expansions one after the other: letters beside letters make one run, and a run of
    separators one separator."""
    if not a:
        return b
    if not b:
        return a
    if a[-1] not in (_SEP, _EDGE) and b[0] not in (_SEP, _EDGE):
        return (*a[:-1], a[-1] + b[0], *b[1:])
    if a[-1] in (_SEP, _EDGE) and b[0] in (_SEP, _EDGE):
        return (*a[:-1], _SEP if _SEP in (a[-1], b[0]) else _EDGE, *b[1:])
    return a + b


def _sequence(items) -> set[tuple]:
    outs: set[tuple] = {()}
    for op, av in items:
        alternatives = _node(op, av)
        outs = {_join(o, a) for o in outs for a in alternatives}
        if len(outs) > _MOST:
            raise _Wild("too many")
    return outs


def _node(op, av) -> set[tuple]:  # noqa: PLR0911, PLR0912 - one case per kind of node
    if op is C.LITERAL:
        ch = chr(av)
        return {(ch.lower(),)} if ch.isalpha() else {(_SEP,)}
    if op is C.IN:
        out: set[tuple] = set()
        for o, a in av:
            if o is C.LITERAL:
                out.add((chr(a).lower(),) if chr(a).isalpha() else (_SEP,))
            elif o is C.RANGE:
                chars = [chr(x) for x in range(a[0], a[1] + 1)]
                letters = [c for c in chars if c.isalpha()]
                if len(letters) > 30:
                    raise _Wild("range")
                out.update((c.lower(),) for c in letters)
                if len(letters) < len(chars):
                    out.add((_SEP,))
            elif o is C.CATEGORY and a in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
                out.add((_SEP,))
            else:
                raise _Wild("class")
        return out
    if op is C.CATEGORY and av in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
        return {(_SEP,)}
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        inner = _sequence(sub)
        if high == C.MAXREPEAT:
            if any(t not in (_SEP, _EDGE) for e in inner for t in e):
                raise _Wild("unbounded letters")
            return {(), (_SEP,)} if low == 0 else {(_SEP,)}
        out = set()
        counts = [{()}]
        for _ in range(high):
            counts.append({_join(c, e) for c in counts[-1] for e in inner})
            if len(counts[-1]) > _MOST:
                raise _Wild("too many")
        for n in range(low, high + 1):
            out |= counts[n]
        return out
    if op is C.SUBPATTERN:
        return _sequence(av[3])
    if op is C.ATOMIC_GROUP:
        return _sequence(av)
    if op is C.BRANCH:
        return set().union(*(_sequence(b) for b in av[1]))
    if op is C.AT:
        return {(_EDGE,)} if av in _GUARDS else {()}
    if op is C.ASSERT:  # a guard when what it sees is a non-letter or an end, whatever it is
        seen = _sequence(av[1])
        return {(_EDGE,)} if all(e and all(t in (_SEP, _EDGE) for t in e) for e in seen) else {()}
    if op is C.ASSERT_NOT:
        return {()}  # no letters of its own; the edge it tests is left open
    raise _Wild(str(op))


def _needs_foreign(items) -> bool:
    """Does every match of ``items`` hold a letter beyond ASCII?"""
    return any(_node_needs_foreign(op, av) for op, av in items)


def _node_needs_foreign(op, av) -> bool:  # noqa: PLR0911
    if op is C.LITERAL:
        return chr(av).isalpha() and not chr(av).isascii()
    if op is C.IN:
        return all(o is C.LITERAL and chr(a).isalpha() and not chr(a).isascii() for o, a in av)
    if op is C.SUBPATTERN:
        return _needs_foreign(av[3])
    if op is C.ATOMIC_GROUP:
        return _needs_foreign(av)
    if op is C.BRANCH:
        return all(_needs_foreign(b) for b in av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _needs_foreign(av[2])
    if op is C.ASSERT:
        return _needs_foreign(av[1])
    return False
