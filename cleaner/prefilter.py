"""Rules stage: the keyword prefilter of the text rules' screen (:class:`KeyedScreen`):
for each line of a document, the few built-in ``line`` and ``marker`` patterns whose needed
words (:mod:`cleaner.literals`) it holds, found by one Aho-Corasick pass, and which of them
match."""
from __future__ import annotations

import re as stdlib_re
from bisect import bisect_right

import regex


_UNKNOWN = object()
#: what :meth:`KeyedScreen.owners_many` gives a text no pattern matches (one for all of them)
_NO_OWNERS: frozenset = frozenset()
#: a digit or a space: the classes ``literals.prefixes`` reads as their ASCII members where
#: they open a pattern (a character beyond ASCII the regex module counts as one of them
#: is its own lowercase)
_WIDE_OPENING = regex.compile(r"[\d\s]")
#: a line (after _START) opening on a digit or space beyond ASCII: KeyedScreen.owners_many
_WIDE_START = regex.compile(r"\x02(?=[^\x00-\x7f])[\d\s]")
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
    """:class:`~cleaner.screen.Screen`'s answer pattern by pattern, each behind what it needs of the line
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
        #: find a character the prefilter cannot read, the first or each (one class, searched by the ``re`` engine)
        unsafe = stdlib_re.compile("[" + "".join(map(stdlib_re.escape, sorted(unsafe_chars()))) + "]")
        self.unsafe, self.unsafe_all = unsafe.search, unsafe.finditer
        #: the same characters, each looked for in a document by ``in`` before the class is
        #: searched (measured: the class's search of every document beyond ASCII took 2 % of
        #: the text mode's time; these few searches, a tenth of that)
        self.unsafe_chars = tuple(sorted(unsafe_chars()))
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
        return True if self._owners(bits, text, low) else None

    def owners(self, text: str, taken: int = -1):
        """The owners of the patterns (among ``taken``, bits) that match ``text`` (a set;
        ``_UNKNOWN`` as for :meth:`fullmatch`)."""
        if not text.isascii() and self.unsafe(text):
            return _UNKNOWN
        low = text.lower()
        return self._owners(self.candidates(low) & taken, text, low)

    def _owners(self, bits: int, text: str, low: str) -> set:
        """The owners of the patterns of ``bits`` that match ``text`` (``low``: lowercased). Each
        pattern's other needed words are looked for first (four candidates in five fail on one),
        written out in the loop (measured: a call a candidate cost as much as the test)."""
        found: set = set()
        owners_of, entries = self.owners_of, self.entries
        while bits:
            bit = bits & -bits
            bits ^= bit
            i = bit.bit_length() - 1
            owner = owners_of[i]
            if owner in found:
                continue
            clauses, (kind, rx, least, most) = entries[i]
            for clause in clauses:
                for needle in clause:
                    if needle in low:
                        break
                else:
                    break  # a clause none of whose needles the line holds: no match
            else:
                if kind == "a":
                    if rx.fullmatch(text) is not None:
                        found.add(owner)
                elif (m := rx.search(text, least)) is not None and (most is None or m.start() <= most):
                    found.add(owner)
        return found

    def owners_many(self, texts: list[str], taken: list[int]) -> "list[set | None]":
        """:meth:`owners` of each of ``texts`` among the patterns ``taken`` (bits, one int a
        text): the texts a pattern of which may be taken are lowercased as one string, read
        by one pass of the automaton, each word found mapped to its text by where it ends.
        None for a text the prefilter cannot read (``_UNKNOWN`` in :meth:`owners`), one shared
        empty set for a text no pattern matches; needs the automaton."""
        out: list = [_NO_OWNERS] * len(texts)
        picked = [i for i, bits in enumerate(taken) if bits]
        if not picked:
            return out
        joined = _START + _START.join([texts[i] for i in picked])
        low = joined.lower()
        if len(low) != len(joined):  # (a character whose lowercase is longer: text by text)
            for i in picked:
                found = self.owners(texts[i], taken[i])
                out[i] = None if found is _UNKNOWN else found
            return out
        starts, at = [], 1
        for i in picked:
            starts.append(at)
            at += len(texts[i]) + 1
        bits = [self.always] * len(picked)
        for end, more in self.automaton.iter(low):
            k = bisect_right(starts, end) - 1
            bits[k] |= more
        if not joined.isascii():
            if any(ch in joined for ch in self.unsafe_chars):
                for m in self.unsafe_all(joined):
                    k = bisect_right(starts, m.start()) - 1
                    if k >= 0:
                        bits[k] = -1
            if self.wide:
                for m in _WIDE_START.finditer(low):
                    bits[bisect_right(starts, m.start() + 1) - 1] |= self.wide
        for k, i in enumerate(picked):
            b = bits[k]
            if b < 0:
                out[i] = None
            elif b & taken[i]:
                out[i] = self._owners(b & taken[i], texts[i], low[starts[k]:starts[k] + len(texts[i])])
        return out


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
