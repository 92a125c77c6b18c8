"""Base: the runs of letters a regular expression can match, listed, with their open edges.

:func:`pattern_runs` reads a pattern's parse tree (the standard library's ``re`` parser) and
lists every run of letters a match of it can hold (lowercased), through groups,
alternatives and counted repeats, each with whether its left and right edges are open: no
non-letter, end or guarding assertion (``\\b``, ``(?<=\\W|_)``, ``(?=\\d)``) beside it, so
that a letter of the string may stand there. :mod:`cleaner.datewords` reads dateparser's
patterns with it. A pattern that matches letters which cannot be listed (``\\w``, ``.``, a
negated class, an unbounded repeat of letters) raises :class:`Wild`, unless every match of
it needs a letter beyond ASCII (:func:`needs_foreign`): then it never matches a string
without one, and the answer is None.
"""
from __future__ import annotations

import functools
from re import _constants as C  # noqa: N812 - the names of the parse tree's nodes
from re import _parser

#: the assertions that put a non-letter (or an end) beside a letter
_GUARDS = {C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_END, C.AT_END_STRING}
_SEP, _EDGE = "|", "^"  # in an expansion: a non-letter; a guarding assertion
#: at most this many expansions of one pattern (beyond: it is read as matching any letters)
_MOST = 4000


class Wild(Exception):
    """A pattern matches letters that cannot be listed (``\\w``, ``.``, a negated class)."""


@functools.lru_cache(maxsize=None)
def pattern_runs(pattern: str) -> tuple[tuple[str, bool, bool], ...] | None:
    """The runs of letters ``pattern`` can match, lowercased, each with whether its left and
    right edges are open: no non-letter, end or assertion of one (``\\b``, ``(?<=\\W|_)``,
    ``(?=\\d)``) beside it, so that a letter of the string may stand there. A pattern that
    matches letters which cannot be listed raises :class:`Wild` unless it needs a letter
    beyond ASCII: then it never matches a string without one (the only strings
    :func:`cleaner.datewords.readable` answers), and the answer is None."""
    if not may_meet_ascii(pattern):
        return ()
    items = list(_parser.parse(pattern))
    try:
        expansions = _sequence(items)
    except Wild:
        if needs_foreign(items):
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


def may_meet_ascii(pattern: str) -> bool:
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
            raise Wild("too many")
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
                    raise Wild("range")
                out.update((c.lower(),) for c in letters)
                if len(letters) < len(chars):
                    out.add((_SEP,))
            elif o is C.CATEGORY and a in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
                out.add((_SEP,))
            else:
                raise Wild("class")
        return out
    if op is C.CATEGORY and av in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD):
        return {(_SEP,)}
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        inner = _sequence(sub)
        if high == C.MAXREPEAT:
            if any(t not in (_SEP, _EDGE) for e in inner for t in e):
                raise Wild("unbounded letters")
            return {(), (_SEP,)} if low == 0 else {(_SEP,)}
        out = set()
        counts = [{()}]
        for _ in range(high):
            counts.append({_join(c, e) for c in counts[-1] for e in inner})
            if len(counts[-1]) > _MOST:
                raise Wild("too many")
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
    raise Wild(str(op))


def needs_foreign(items) -> bool:
    """Does every match of ``items`` hold a letter beyond ASCII?"""
    return any(_node_needs_foreign(op, av) for op, av in items)


def _node_needs_foreign(op, av) -> bool:  # noqa: PLR0911
    if op is C.LITERAL:
        return chr(av).isalpha() and not chr(av).isascii()
    if op is C.IN:
        return all(o is C.LITERAL and chr(a).isalpha() and not chr(a).isascii() for o, a in av)
    if op is C.SUBPATTERN:
        return needs_foreign(av[3])
    if op is C.ATOMIC_GROUP:
        return needs_foreign(av)
    if op is C.BRANCH:
        return all(needs_foreign(b) for b in av[1])
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        return av[0] >= 1 and needs_foreign(av[2])
    if op is C.ASSERT:
        return needs_foreign(av[1])
    return False
