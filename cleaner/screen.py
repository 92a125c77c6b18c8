"""Rules stage: the rule set compiled for speed: the screen that says in one pass which
``line`` and ``marker`` patterns a block may match (keyword prefilter, Aho-Corasick), and
the index that splits selector rules for one walk over an HTML tree."""
from __future__ import annotations

import regex

from .rule import Rule
from .text import literal_search

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

    ``sized`` (by a block's length: the :class:`KeyedScreen` of the patterns whose rules'
    ``min_chars``/``max_chars`` take a block that long, None for none) answers
    :meth:`rules_sized`, the question the text rules ask.
    """

    def __init__(self, anchored: regex.Pattern | None, floating: list[tuple[int, int | None, regex.Pattern]],
                 keyed: "KeyedScreen | None" = None, sized: "list[KeyedScreen | None] | None" = None):
        self.anchored, self.floating, self.keyed, self.sized = anchored, floating, keyed, sized

    def rules_sized(self, text: str) -> "set[Rule] | None":
        """The rules a pattern of which fullmatches ``text``, among the rules whose length
        bounds take a block of ``len(text)`` (a long paragraph meets the few rules made for
        long lines): the only built-in line and marker rules that can take the block.
        None when the screen cannot tell which (every rule may; the alternation said yes)."""
        if self.sized is not None:
            keyed = self.sized[len(text)] if len(text) < len(self.sized) else None
            if keyed is None:
                return set()
            found = keyed.owners(text)
            if found is not _UNKNOWN:
                return found
        return None if self.combined(text) else set()

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


_UNKNOWN = object()
#: a digit or a space: the classes ``literals.prefixes`` reads as their ASCII members where
#: they open a pattern (a character beyond ASCII the regex module counts as one of them
#: is its own lowercase)
_WIDE_OPENING = regex.compile(r"[\d\s]")
#: what the automaton's starts open on (a character lines do not hold: one that does only
#: lets through more patterns, none fewer)
_START = "\x02"
#: a screen for lines of at least ONE_BY_ONE_CHARS with at most ONE_BY_ONE_WORDS needed words
#: tests the words one by one (measured: a test costs about what reading four characters'
#: trigrams does, in a line of 400)
ONE_BY_ONE_CHARS, ONE_BY_ONE_WORDS = 200, 64
#: a line of SAMPLED_CHARS or more has its trigrams read at every SAMPLE_STEP-th position
#: (measured: a fifth to a third quicker from 50 characters on)
SAMPLED_CHARS, SAMPLE_STEP = 50, 2


class KeyedScreen:
    """:class:`Screen`'s answer pattern by pattern, each behind what it needs of the line
    (:mod:`cleaner.literals`): how the line starts, for a pattern whose matches start with
    one of a few strings; else one of the literal words it needs. Most lines meet the
    needs of a few patterns only, and only those run (after their other needed words are
    checked). A pattern that needs no telling word (only short common ones: "by", ":",
    "/", ".", a month's three letters) is filed under the words of the clause that turns
    most lines away all the same (the fewest words, the longest), which lets through far
    fewer lines than running it on every one would. Patterns that need nothing at all
    (``always``) run on every line. A pattern matches here exactly when its branch of the
    alternation would; a line holding a character that matches a letter without case but
    lowercases to something else (``ſ``, ``İ``) is left to the alternation (``_UNKNOWN``).

    The patterns a line may match are collected as bits of an int (one per pattern).

    A line of ``SAMPLED_CHARS`` or more has its trigrams read at every ``SAMPLE_STEP``-th
    position only: a needed word at least ``SAMPLE_STEP + 2`` long holds, wherever it stands,
    one of its first ``SAMPLE_STEP`` trigrams at such a position (``by_sampled`` holds them);
    the shorter words are looked for one by one."""

    def __init__(self, parts: list[tuple[list[frozenset[str]], frozenset[str] | None, bool, tuple, object]],
                 shortest: int = 0):
        from .literals import WEAK_CLAUSES, strong, telling, unsafe_chars, worth_checking

        self.entries: list[tuple[tuple[tuple[str, ...], ...], tuple]] = []
        #: each pattern's ``owner`` (its rule), for :meth:`owners`
        self.owners_of = [part[-1] for part in parts]
        self.always = 0
        #: the patterns whose starts read a class that opens them as its ASCII members
        #: (``literals.analyse``): a line that opens on another member meets them all
        self.wide = 0
        starts: dict[str, int] = {}
        words: dict[str, int] = {}
        for i, (clauses, heads, wide, matcher, _) in enumerate(parts):
            bit = 1 << i
            good = sorted((c for c in clauses if strong(c)), key=telling)
            ranked = good or sorted(clauses, key=telling)
            if heads:
                for head in heads:
                    starts[head] = starts.get(head, 0) | bit
                if wide:
                    self.wide |= bit
                checked = good
            elif clauses:  # filed under its most telling clause, strong if it has one
                for needle in ranked[0]:
                    words[needle] = words.get(needle, 0) | bit
                checked = ranked[1:]
            else:
                self.always |= bit
                checked = []
            checked = checked[:3]  # (and a few weak ones: WEAK_CLAUSES)
            known = {*checked, *ranked[:1]} if not heads else set(checked)
            checked += sorted((c for c in clauses if c not in known and worth_checking(c)), key=telling)[:WEAK_CLAUSES]
            self.entries.append((tuple(tuple(sorted(c, key=len)) for c in checked), matcher))
        #: the starts by length, shortest first: a line's start of each length is looked up
        #: (the starts are short, cut at ``literals.PREFIX_CHARS``: a few lookups per line)
        by_length: dict[int, dict[str, int]] = {}
        for head, bits in starts.items():
            by_length.setdefault(len(head), {})[head] = bits
        self.starts_by_length = sorted(by_length.items())
        #: the needed words of three characters or more by their first three (the line's
        #: trigrams pick the few to test), the shorter ones (rare symbols: "©", "»", "@") each
        self.by_trigram: dict[tuple[str, str, str], list[tuple[str, int]]] = {}
        self.short_words: list[tuple[str, int]] = []
        for needle, bits in words.items():
            if len(needle) >= 3:
                self.by_trigram.setdefault(tuple(needle[:3]), []).append((needle, bits))
            else:
                self.short_words.append((needle, bits))
        #: the short words an ASCII line may hold
        self.ascii_short_words = [(needle, bits) for needle, bits in self.short_words if needle.isascii()]
        self.trigrams = frozenset(self.by_trigram)
        sampled: dict[tuple[str, str, str], dict[str, int]] = {}
        self.unsampled_words: list[tuple[str, int]] = []  # too short to be found so
        for needle, bits in words.items():
            if len(needle) >= SAMPLE_STEP + 2:
                for offset in range(SAMPLE_STEP):
                    sampled.setdefault(tuple(needle[offset:offset + 3]), {})[needle] = bits
            elif len(needle) >= 3:
                self.unsampled_words.append((needle, bits))
        self.by_sampled = {tri: list(pairs.items()) for tri, pairs in sampled.items()}
        self.sampled_trigrams = frozenset(self.by_sampled)
        #: a screen for long lines only (``shortest``: their least length) with few needed
        #: words tests each word in the line: cheaper than reading the line's trigrams
        self.words_one_by_one = [(needle, bits) for pairs in self.by_trigram.values() for needle, bits in pairs]
        self.one_by_one = shortest >= ONE_BY_ONE_CHARS and len(self.words_one_by_one) <= ONE_BY_ONE_WORDS
        #: finds a character the prefilter cannot read (one class, searched by the ``re`` engine)
        self.unsafe = literal_search(sorted(unsafe_chars()))
        #: every needed word in one Aho-Corasick automaton (pyahocorasick): a line's words found
        #: in one pass in C, instead of reading its trigrams in Python (None: not installed);
        #: the starts go in too, after _START, which :meth:`candidates` puts before the line
        #: (measured: the start lookups cost a fifth of the screen's time on a line of prose)
        for head, bits in starts.items():
            words[_START + head] = words.get(_START + head, 0) | bits
        self.automaton = _automaton(words)

    def candidates(self, low: str) -> int:
        """The patterns (bits) whose needs ``low`` (the line lowercased) may meet."""
        bits = self.always
        if self.wide and not low[:1].isascii() and _WIDE_OPENING.match(low):
            bits |= self.wide
        if self.automaton is not None:  # the starts are its words that open on _START
            for _, more in self.automaton.iter(_START + low):
                bits |= more
            return bits
        for n, heads in self.starts_by_length:
            bits |= heads.get(low[:n], 0)
        if self.one_by_one:
            bits |= _held(low, self.words_one_by_one)
        elif len(low) >= SAMPLED_CHARS:
            bits |= _held(low, self.unsampled_words) | _filed(low, self.sampled_trigrams, self.by_sampled, SAMPLE_STEP)
        else:
            bits |= _filed(low, self.trigrams, self.by_trigram, 1)
        return bits | _held(low, self.ascii_short_words if low.isascii() else self.short_words)

    def _candidates_of(self, text: str) -> tuple[int, str] | None:
        """(the patterns ``text`` may match, ``text`` lowercased); None when it holds a
        character the prefilter cannot read."""
        if not text.isascii() and self.unsafe(text):
            return None
        low = text.lower()
        return self.candidates(low), low

    def fullmatch(self, text: str):
        found = self._candidates_of(text)
        if found is None:
            return _UNKNOWN
        bits, low = found
        while bits:
            bit = bits & -bits
            bits ^= bit
            if self._matches(bit.bit_length() - 1, text, low):
                return True
        return None

    def owners(self, text: str):
        """The owners of the patterns that match ``text`` (a set; ``_UNKNOWN`` as for
        :meth:`fullmatch`). :meth:`_candidates_of`, written out: this runs on every block."""
        if not text.isascii() and self.unsafe(text):
            return _UNKNOWN
        low = text.lower()
        bits = self.candidates(low)
        found: set = set()
        owners_of = self.owners_of
        while bits:
            bit = bits & -bits
            bits ^= bit
            i = bit.bit_length() - 1
            if owners_of[i] not in found and self._matches(i, text, low):
                found.add(owners_of[i])
        return found

    def _matches(self, i: int, text: str, low: str) -> bool:
        """Does pattern ``i`` match ``text`` (``low``: lowercased)? Its other needed words
        are looked for first."""
        clauses, (kind, rx, least, most) = self.entries[i]
        for clause in clauses:
            for needle in clause:
                if needle in low:
                    break
            else:
                return False  # a clause none of whose needles the line holds: no match
        if kind == "a":
            return rx.fullmatch(text) is not None
        m = rx.search(text, least)
        return m is not None and (most is None or m.start() <= most)


def _automaton(words: dict[str, int]):
    """An Aho-Corasick automaton whose matches in a line give the bits of the words it holds
    (``words``: word -> bits); None without pyahocorasick, or with no words.

    pyahocorasick looks a node's next character up among its children one by one, in the
    order they were added: the words go in by their characters' ranks in ``_BY_FREQUENCY``,
    so that the common characters of a line are found first (measured: the automaton reads
    a line a fifth quicker than with the words in the rule set's order)."""
    try:
        import ahocorasick
    except ImportError:  # the trigram index answers the same, slower
        return None
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for needle in sorted(words, key=_frequency_ranks):
        automaton.add_word(needle, words[needle])
    automaton.make_automaton()
    return automaton


#: the characters of lowercased lines of text, commonest first (counted on the dirty texts
#: of aeb and wcxb); the others rank after them all
_BY_FREQUENCY = " etaoinsrlhcdumgpfywbv,.k-x’02z1jq:5348697/"


def _frequency_ranks(word: str) -> tuple[int, ...]:
    """Each character's place in ``_BY_FREQUENCY`` (the others after them all)."""
    last = len(_BY_FREQUENCY)
    return tuple(_BY_FREQUENCY.index(c) if c in _BY_FREQUENCY else last for c in word)


def _held(low: str, pairs: list[tuple[str, int]]) -> int:
    """The bits of the words of ``pairs`` (word, bits) that ``low`` holds."""
    bits = 0
    for needle, more in pairs:
        if needle in low:
            bits |= more
    return bits


def _filed(low: str, keys: frozenset, index: dict, step: int) -> int:
    """The bits of the words ``index`` files under the trigrams of ``low`` (read at every
    ``step``-th position; ``keys``: the index's) that ``low`` holds."""
    bits = 0
    for tri in keys.intersection(zip(low[0::step], low[1::step], low[2::step])):
        for needle, more in index[tri]:
            if needle in low:
                bits |= more
    return bits


def _keyed(parts: list[tuple[regex.Pattern, int | None, Rule]],
           floating: list) -> tuple[KeyedScreen | None, list[KeyedScreen | None] | None]:
    """The screen pattern by pattern: each rule pattern, fullmatched as compiled (the same
    as its branch of the alternation), or its wildcard-led remainder (index into
    ``floating``); once for all of them, and once for each set of patterns whose rules'
    length bounds take a block of the same lengths (:attr:`Screen.sized`). (None, None)
    when the regex module's tables are not there: then the alternation answers alone."""
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
    try:
        full = KeyedScreen(keyed)
        by_set: dict[tuple[int, ...], KeyedScreen | None] = {(): None}
        sized: list[KeyedScreen | None] = []
        for start, end in zip(edges, edges[1:]):
            taken = tuple(i for i, (*_, rule) in enumerate(parts) if rule.min_chars <= start <= rule.max_chars)
            if taken not in by_set:
                by_set[taken] = KeyedScreen([keyed[i] for i in taken], shortest=start)
            sized += [by_set[taken]] * (end - start)
        return full, sized
    except Exception:  # noqa: BLE001 - the case tables of the regex module: without them, no prefilter
        return None, None


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
        return Screen(regex.compile("|".join(anchored), regex.UNICODE) if anchored else None, floating,
                      *_keyed(parts, floating))
    except (regex.error, ValueError, OverflowError):
        return None
