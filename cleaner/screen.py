"""Rules stage: the rule set's ``line`` and ``marker`` patterns compiled for speed: the
screen that says which of them a block may match, for a whole document in one pass (the
alternation, and behind it the keyword prefilter of :mod:`cleaner.prefilter`)."""
from __future__ import annotations

import functools
from typing import Callable

import regex

from .prefilter import _NO_OWNERS, _UNKNOWN, KeyedScreen
from .rule import Rule

#: a pattern that opens on a run of any characters: ".{0,160}?", ".*", ".+"
_FLOATING = regex.compile(r"\.(?:\{(?P<low>\d+),(?P<high>\d+)\}|\*|(?P<plus>\+))\??")
_BACKREF = regex.compile(r"\\[1-9]|\(\?P=|\(\?[a-zA-Z]+\)")


class Screen:
    """The line and marker patterns of a rule set, for one quick yes or no per block.

    Patterns that open on a wildcard run (``.{0,160}?keyword …``) are slow inside one big
    alternation: the engine tries every length of the run before it looks for the keyword.
    Each of them is kept apart as its remainder anchored at the end, found with ``search``
    (which jumps to the keyword) from the run's shortest length on; the match must start
    no later than the run's longest length. The other patterns make one alternation.

    ``keyed`` (a :class:`KeyedScreen`), when there is one, answers the same question pattern
    by pattern behind a keyword prefilter, which is much faster; the alternation stays for
    the lines it cannot answer (and for ``cleaner rules lint``).

    ``sized_bits`` (by a block's length: the patterns of ``keyed``, as bits, whose rules'
    ``min_chars``/``max_chars`` take a block that long) answers :meth:`rules_sized` and
    :meth:`rules_sized_many`, the question the text rules ask, through ``keyed``'s automaton.
    ``sized`` (the same by a block's length, as a :class:`KeyedScreen` of those patterns each,
    None for none) answers it without pyahocorasick; built when first asked for.
    """

    def __init__(self, anchored: str | None, floating: list[tuple[int, int | None, regex.Pattern]],
                 keyed: "KeyedScreen | None" = None, sized_bits: list[int] | None = None,
                 build_sized: "Callable[[], list[KeyedScreen | None]] | None" = None):
        #: the alternation's source (:attr:`anchored` compiles it)
        self.anchored_pattern = anchored
        self.floating, self.keyed, self.sized_bits = floating, keyed, sized_bits
        self._build_sized = build_sized

    @functools.cached_property
    def anchored(self) -> regex.Pattern | None:
        """The alternation, compiled when first asked for: ``keyed`` answers nearly every line
        (measured: one wcxb page in 711 asked the alternation, whose compilation took 0.18 s,
        a third of building the built-in rule set). It holds built-in patterns only, which the
        tests compile together (``test_the_keyed_screen_answers_as_the_alternation_does``)."""
        return regex.compile(self.anchored_pattern, regex.UNICODE) if self.anchored_pattern is not None else None

    @functools.cached_property
    def sized(self) -> "list[KeyedScreen | None] | None":
        return self._build_sized() if self._build_sized is not None else None

    def rules_sized(self, text: str) -> "set[Rule] | None":
        """The rules a pattern of which fullmatches ``text``, among the rules whose length
        bounds take a block of ``len(text)`` (a long paragraph meets the few rules made for
        long lines): the only built-in line and marker rules that can take the block.
        None when the screen cannot tell which (every rule may; the alternation said yes)."""
        keyed, bits = self.keyed, self.sized_bits
        if bits is not None and keyed is not None and keyed.automaton is not None:
            taken = bits[len(text)] if len(text) < len(bits) else 0
            if not taken:
                return set()
            found = keyed.owners(text, taken)
            if found is not _UNKNOWN:
                return found
        elif self.sized is not None:
            keyed = self.sized[len(text)] if len(text) < len(self.sized) else None
            if keyed is None:
                return set()
            found = keyed.owners(text)
            if found is not _UNKNOWN:
                return found
        return None if self.combined(text) else set()

    def rules_sized_many(self, texts: list[str]) -> "list[set[Rule] | None]":
        """:meth:`rules_sized` of each of ``texts`` (a document's blocks), their needed words
        found by one pass of the whole set's automaton over them all (:meth:`KeyedScreen.owners_many`)."""
        keyed = self.keyed
        if self.sized_bits is None or keyed is None or keyed.automaton is None:
            return [self.rules_sized(text) for text in texts]
        limit = len(self.sized_bits)
        found = keyed.owners_many(texts, [self.sized_bits[len(t)] if len(t) < limit else 0 for t in texts])
        return [f if f is not None else None if self.combined(t) else _NO_OWNERS for t, f in zip(texts, found)]

    def fullmatch(self, text: str, timeout: float | None = None) -> bool | None:
        if self.keyed is not None:
            found = self.keyed.fullmatch(text)
            if found is not _UNKNOWN:
                return found
        return self.combined(text, timeout)

    def combined(self, text: str, timeout: float | None = None) -> bool | None:
        """The answer of the alternation and the wildcard-led patterns."""
        if self.anchored is not None and self.anchored.fullmatch(text, timeout=timeout):
            return True
        for low, high, rest in self.floating:
            m = rest.search(text, low, timeout=timeout)
            if m is not None and (high is None or m.start() <= high):
                return True
        return None



def _keyed(parts: list[tuple[regex.Pattern, int | None, Rule]],
           floating: list) -> tuple[KeyedScreen | None, list[int] | None, Callable | None]:
    """The screen pattern by pattern: each rule pattern, fullmatched as compiled (the same
    as its branch of the alternation), or its wildcard-led remainder (index into
    ``floating``); once for all of them, with the patterns whose rules' length bounds take a
    block of each length as its bits (:attr:`Screen.sized_bits`), and what builds one for each
    set of those (:attr:`Screen.sized`, used without pyahocorasick only: measured, a third of
    the rule set's compilation time). (None, None, None) when the regex module's tables are
    not there: then the alternation answers alone."""
    from .literals import analyse

    keyed = []
    for rx, f, rule in parts:
        clauses, heads, wide = analyse(rx.pattern, rx.flags)
        if f is None:  # fullmatched: how the line starts tells
            keyed.append((clauses or [], heads, wide, ("a", rx, 0, None), rule))
        else:  # the remainder is searched anywhere in the line
            keyed.append((clauses or [], None, False, ("f", floating[f][2], floating[f][0], floating[f][1]), rule))
    # the lengths at which some rule's bounds begin or end: between two, the same patterns
    edges = sorted({0, max(rule.max_chars for *_, rule in parts) + 1}
                   | {b for *_, rule in parts for b in (rule.min_chars, rule.max_chars + 1)})
    spans = [(start, end, tuple(i for i, (*_, rule) in enumerate(parts) if rule.min_chars <= start <= rule.max_chars))
             for start, end in zip(edges, edges[1:])]

    def build_sized() -> list[KeyedScreen | None]:
        by_set: dict[tuple[int, ...], KeyedScreen | None] = {(): None}
        sized: list[KeyedScreen | None] = []
        for start, end, taken in spans:
            if taken not in by_set:
                by_set[taken] = KeyedScreen([keyed[i] for i in taken], shortest=start)
            sized += [by_set[taken]] * (end - start)
        return sized

    try:
        full = KeyedScreen(keyed)
    except Exception:  # noqa: BLE001 - the case tables of the regex module: without them, no prefilter
        return None, None, None
    sized_bits: list[int] = []
    for start, end, taken in spans:
        sized_bits += [sum(1 << i for i in taken)] * (end - start)
    return full, sized_bits, build_sized


def top_level_branches(pattern: str) -> list[str]:
    """The branches of ``pattern`` split at each ``|`` outside every group and class (one
    branch: no such ``|``, and a leading run belongs to the whole pattern)."""
    branches, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*branches, pattern[start:]]


def build_screen(rules: list[Rule]) -> "Screen | None":
    """The screen of the built-in ``rules`` among ``rules`` (see :attr:`RuleSet.screen`)."""
    anchored, floating, parts = [], [], []
    for rule in rules:
        if not rule.builtin:
            continue  # user rules are tried one by one (``unscreened``), each with its timeout
        for rx in rule.regexes:
            pattern, flags = rx.pattern, "" if rule.case_sensitive else "i"
            if pattern.startswith("(?x)"):  # verbose: the flag goes to the group
                pattern, flags = pattern[4:], flags + "x"
            if _BACKREF.search(pattern):
                return None
            lead = None if "x" in flags else _FLOATING.match(pattern)
            if lead is not None and len(top_level_branches(pattern[lead.end():])) == 1:
                low = 1 if lead["plus"] else int(lead["low"] or 0)
                high = int(lead["high"]) if lead["high"] else None
                floating.append((low, high, f"(?{flags}:{pattern[lead.end():]})\\Z"))
                parts.append((rx, len(floating) - 1, rule))
            else:
                anchored.append(f"(?{flags}:{pattern}\n)" if "x" in flags else f"(?{flags}:{pattern})")
                parts.append((rx, None, rule))
    if not anchored and not floating:
        return None
    try:
        floating = [(low, high, regex.compile(rest, regex.UNICODE)) for low, high, rest in floating]
        return Screen("|".join(anchored) if anchored else None, floating, *_keyed(parts, floating))
    except (regex.error, ValueError, OverflowError):
        return None
