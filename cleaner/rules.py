"""Rules as data: the schema of ``rules/*.toml``, its loader and the compiled rule set.

A rule file holds one category::

    category = "share_buttons"
    scope = "What the category covers, and what it leaves alone."

    [[rules]]
    id = "SH001"                      # stable; never reused
    name = "share-network-run"
    why = "A run of social network names is a share bar, not prose."
    kind = "run"                      # line | phrase | run | marker | selector | keep
    phrases = ["Facebook", "Twitter", "LinkedIn"]
    examples = ["Facebook\\nTwitter\\nLinkedIn"]   # must be removed
    keeps = ["Twitter said on Monday it would appeal."]  # must survive

Kinds (what a pattern is matched against):

- ``line``: a regex (the ``regex`` module, case-insensitive unless ``case_sensitive``)
  that must match a whole block (one line of text, stripped, spaces collapsed).
  Named groups ``source``, ``authors``, ``date`` and ``section`` hand what they capture
  to the metadata stage; ``bio`` captures the name a bio line is about (an author when no
  byline and no page metadata names one).
- ``phrase``: a list of phrases; a block equal to one (ignoring case, surrounding spaces
  and punctuation) matches.
- ``run``: a list of short phrases (network names, say); a run of consecutive blocks made
  only of them, holding at least ``min_run`` phrases, matches as a whole. With
  ``labels = N``, other short labels (at most N words, no sentence punctuation) may sit
  inside the run ("Home / Local News / Events / About / Contact"), never at its ends.
- ``marker``: a regex or phrase list; the block and everything after it (up to the next
  marker, or with ``stop_at_body`` up to the next paragraph of prose) belong to the
  category. Blocks in that zone that another rule matches keep that rule's category.
- ``selector``: CSS selectors of elements pruned from HTML before extraction.
- ``keep``: an exception: blocks it matches are never removed (by the ``categories``
  listed, or by any).

Where and when a rule applies: ``where`` (``head``: before the first paragraph of prose;
``body``: from it on; ``tail``: the last part of the page; ``anywhere``; markers default
to ``tail``), ``min_chars``/``max_chars``/``max_words`` bounds on the block,
``domains``/``exclude_domains`` (a domain covers its subdomains) and ``unless`` (regexes:
a block matching one is spared by this rule).
"""
from __future__ import annotations

import functools
import os
import re as stdlib_re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import regex

from .errors import RuleError
from .normalize import holds_any
from .record import CATEGORIES

KINDS = ("line", "phrase", "run", "marker", "selector", "keep")
WHERE = ("head", "body", "tail", "anywhere")
CAPTURES = ("source", "authors", "date", "section", "bio")

_FILE_FIELDS = {"category", "scope", "rules"}
_RULE_FIELDS = {
    "id", "name", "category", "why", "kind", "patterns", "phrases", "where", "min_chars",
    "max_chars", "max_words", "min_run", "labels", "stop_at_body", "domains", "exclude_domains",
    "unless", "categories", "case_sensitive", "examples", "keeps", "note",
}
_ID = regex.compile(r"[A-Z]{1,4}[0-9]{3}")
#: a longer pattern is a mistake (or an attack on the compiler), not a boilerplate line
MAX_PATTERN_CHARS = 5_000
#: default upper bound of a matched block: boilerplate lines are short
DEFAULT_MAX_CHARS = 300

_EDGE_JUNK = regex.compile(r"^[\p{P}\p{S}\p{Z}\s]+|[\p{P}\p{S}\p{Z}\s]+$")
_FIRST_WORD = regex.compile(r"[\s\p{P}\p{S}]*(\w+)")
#: a pattern that opens on a run of any characters: ".{0,160}?", ".*", ".+"
_FLOATING = regex.compile(r"\.(?:\{(?P<low>\d+),(?P<high>\d+)\}|\*|(?P<plus>\+))\??")
_BACKREF = regex.compile(r"\\[1-9]|\(\?P=|\(\?[a-zA-Z]+\)")


def squash(text: str) -> str:
    """Collapse runs of white space to one space and strip: how a block is matched. A line
    whose only white space is single spaces inside it (printable: no other white space, no
    control character) is its own squash."""
    if "  " not in text and text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


#: lines up to this long have their phrase key (and prose test, blocks.is_prose) kept in a
#: small cache: the rules and heuristics ask for the same line's several times
CACHED_CHARS = 2_000


def _key(text: str) -> str:
    return strip_edge_junk(squash(text)).casefold()


_phrase_key = functools.lru_cache(maxsize=8192)(_key)


def phrase_key(text: str) -> str:
    """The key a phrase is looked up by: no edge punctuation, symbols or case."""
    if len(text) <= CACHED_CHARS:
        return _phrase_key(text)
    return _key(text)


def phrase_key_within(text: str, longest: int) -> str:
    """:func:`phrase_key` of a squashed line for comparing with keys of at most ``longest``
    characters: "" (no phrase's key) for a longer line whose key is longer: one with a letter
    or digit at both ends (nothing stripped), or whose text without its edge junk is longer
    (case folding never shortens a word)."""
    if len(text) > longest:
        if text[:1].isalnum() and text[-1:].isalnum() or len(strip_edge_junk(text)) > longest:
            return ""
    return phrase_key(text)


_LEAD_JUNK = regex.compile(r"[\p{P}\p{S}\p{Z}\s]+")
_TRAIL_JUNK = regex.compile(r"(?r)[\p{P}\p{S}\p{Z}\s]+\Z")  # searched backwards from the end


def literal_search(parts):
    """A search for any of the literal strings ``parts`` (the standard library's engine, one
    alternation; no parts: a search that never matches)."""
    return stdlib_re.compile("|".join(map(stdlib_re.escape, parts)) or "(?!)").search


def strip_edge_junk(text: str) -> str:
    """``_EDGE_JUNK.sub("", text)``: the runs of punctuation, symbols and spaces at both ends
    taken off, each found from its own end (the substitution tries every position of the
    line for the trailing run). A letter or digit at both ends (neither punctuation, a
    symbol nor a space): nothing to take off."""
    if text[:1].isalnum() and text[-1:].isalnum():
        return text
    lead = _LEAD_JUNK.match(text)
    start = lead.end() if lead else 0
    if start == len(text):
        return ""
    trail = _TRAIL_JUNK.search(text, start)
    return text[start:trail.start() if trail else len(text)]


def name_key(text: str | None) -> str:
    """Letters and digits only, no accents, case folded: "Aktuálně.cz" → "aktualnecz"; how
    site and publisher names are compared."""
    if not text:
        return ""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum())


#: what separates a headline from a site name or a section in a title ("Headline | Site")
TITLE_SEPARATORS = regex.compile(r"\s+(?:[-–—|·•]{1,2})\s+")


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def _domain_match(host: str, domains: Sequence[str]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


@dataclass(eq=False)
class Rule:
    """One compiled rule. Build through :func:`load_rules`, which validates the fields."""

    id: str
    category: str
    why: str
    kind: str
    file: str
    name: str = ""
    patterns: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    where: str = "anywhere"
    min_chars: int = 0
    max_chars: int = DEFAULT_MAX_CHARS
    max_words: int | None = None
    min_run: int = 2
    labels: int = 0
    stop_at_body: bool = False
    domains: tuple[str, ...] = ()
    exclude_domains: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    case_sensitive: bool = False
    examples: tuple[str, ...] = ()
    keeps: tuple[str, ...] = ()
    note: str = ""
    builtin: bool = False
    # compiled forms, filled by _compile()
    regexes: tuple[regex.Pattern, ...] = field(default=(), repr=False)
    unless_regexes: tuple[regex.Pattern, ...] = field(default=(), repr=False)
    phrase_keys: frozenset[str] = field(default=frozenset(), repr=False)
    run_regex: regex.Pattern | None = field(default=None, repr=False)
    run_item: regex.Pattern | None = field(default=None, repr=False)
    run_firsts: frozenset[str] | None = field(default=None, repr=False)
    xpaths: tuple = field(default=(), repr=False)

    # -- applicability -------------------------------------------------
    def applies_to(self, host: str | None) -> bool:
        if self.domains and not (host and _domain_match(host, self.domains)):
            return False
        return not (self.exclude_domains and host and _domain_match(host, self.exclude_domains))

    def fits(self, text: str, timeout: float | None = None) -> bool:
        """Length bounds and ``unless`` exceptions (of a block that matched a pattern)."""
        if not self.min_chars <= len(text) <= self.max_chars:
            return False
        if self.max_words is not None and len(text.split()) > self.max_words:
            return False
        return not any(r.search(text, timeout=timeout) for r in self.unless_regexes)

    # -- matching one block ----------------------------------------------
    def match(self, text: str, timeout: float | None = None) -> regex.Match | bool | None:
        """Does this (line, phrase, marker or keep) rule match the whole block ``text``?

        Returns the regex match (its named groups carry metadata), True for a phrase hit,
        or None. Length bounds and ``unless`` are checked here too.
        """
        return self.match_squashed(squash(text), timeout=timeout)

    def match_squashed(self, text: str, key: str | None = None, timeout: float | None = None) -> regex.Match | bool | None:
        """:meth:`match` for a block already squashed (and, optionally, its phrase key).

        The length is checked first, the pattern next, the exceptions last: most blocks
        fail one of the first two, and the exceptions only matter for a match."""
        if len(text) > self.max_chars or len(text) < self.min_chars:
            return None
        found = None
        if self.phrase_keys and (key if key is not None else phrase_key(text)) in self.phrase_keys:
            found = True
        else:
            for r in self.regexes:
                found = r.fullmatch(text, timeout=timeout)
                if found:
                    break
        return found if found and self.fits(text, timeout) else None

    def run_count(self, text: str, timeout: float | None = None) -> int:
        """For a ``run`` rule: how many of its phrases make up the block (0: not only them).
        A block whose first word starts none of the phrases is turned away before the
        regex runs."""
        text = squash(text)
        if self.run_regex is None or len(text) > self.max_chars:
            return 0
        if self.run_firsts is not None:
            first = _FIRST_WORD.match(text)
            if first is None or first[1].casefold() not in self.run_firsts:
                return 0
        if not self.run_regex.fullmatch(text, timeout=timeout):
            return 0
        return len(self.run_item.findall(text, timeout=timeout))

    @property
    def _alternation(self) -> str:
        names = sorted(self.phrases, key=len, reverse=True)
        return r"(?<!\w)(?:" + "|".join(regex.escape(p) for p in names) + r")(?!\w)"

    def describe(self) -> str:
        """The ruff-style page shown by ``cleaner rules show ID``."""
        lines = [f"{self.id} {self.name}".rstrip(), "", f"category: {self.category}", f"kind:     {self.kind}"]
        lines.append(f"where:    {self.where}")
        if self.domains:
            lines.append(f"domains:  {', '.join(self.domains)}")
        lines += ["", "Why", f"  {self.why}"]
        if self.note:
            lines += ["", "Note", f"  {self.note}"]
        if self.patterns:
            lines += ["", "Patterns"] + [f"  {p}" for p in self.patterns]
        if self.phrases:
            lines += ["", "Phrases", "  " + ", ".join(self.phrases)]
        if self.unless:
            lines += ["", "Unless"] + [f"  {p}" for p in self.unless]
        lines += ["", "Removed (examples)"] + [f"  {e!r}" for e in self.examples]
        lines += ["", "Kept (look-alikes)"] + [f"  {k!r}" for k in self.keeps]
        lines += ["", f"file: {self.file}"]
        return "\n".join(lines)


_ATTR_SELECTOR = regex.compile(
    r"(?P<tag>[a-z][a-z0-9-]*|\*)?\[\s*(?P<attr>[a-zA-Z_:][\w:.-]*)\s*"
    r"(?:(?P<op>[\^$*]?=)\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+))\s*)?\]"
)
_SIMPLE_SELECTOR = regex.compile(r"(?P<tag>[a-z][a-z0-9-]*)?(?:(?P<cls>\.[\w-]+)|(?P<id>#[\w-]+))?")


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
    checked). Patterns that need nothing telling (``always``) run on every line. A pattern
    matches here exactly when its branch of the alternation would; a line holding a
    character that matches a letter without case but lowercases to something else (``ſ``,
    ``İ``) is left to the alternation (``_UNKNOWN``).

    The patterns a line may match are collected as bits of an int (one per pattern). The
    fullmatched patterns among those that run on every line are looked for with one
    alternation (``always_rx``, from each part's ``piece``: its branch of the screen's
    alternation, or as given: one that holds them, and maybe more), fullmatched once; when
    it matches, they are tried one by one.

    A line of ``SAMPLED_CHARS`` or more has its trigrams read at every ``SAMPLE_STEP``-th
    position only: a needed word at least ``SAMPLE_STEP + 2`` long holds, wherever it stands,
    one of its first ``SAMPLE_STEP`` trigrams at such a position (``by_sampled`` holds them);
    the shorter words are looked for one by one."""

    def __init__(self, parts: list[tuple[list[frozenset[str]], frozenset[str] | None, tuple, str | None, object]],
                 shortest: int = 0, always_rx: regex.Pattern | None = None):
        from .literals import strong, unsafe_chars

        self.entries: list[tuple[tuple[tuple[str, ...], ...], tuple]] = []
        #: each pattern's ``owner`` (its rule), for :meth:`owners`
        self.owners_of = [part[4] for part in parts]
        self.always = self.always_anchored = 0
        always_pieces = []
        starts: dict[str, int] = {}
        words: dict[str, int] = {}
        for i, (clauses, heads, matcher, piece, _) in enumerate(parts):
            bit = 1 << i
            good = sorted((c for c in clauses if strong(c)), key=lambda c: (len(c), -min(map(len, c))))
            if heads:
                for head in heads:
                    starts[head] = starts.get(head, 0) | bit
                checked = good
            elif good:
                for needle in good[0]:
                    words[needle] = words.get(needle, 0) | bit
                checked = good[1:]
            elif piece is not None:
                always_pieces.append(piece)
                self.always_anchored |= bit
                checked = []
            else:
                self.always |= bit
                checked = [c for c in clauses if c not in good]
            self.entries.append((tuple(tuple(sorted(c, key=len)) for c in checked[:3]), matcher))
        if not always_pieces:
            self.always_rx = None
        else:
            self.always_rx = always_rx if always_rx is not None else _alternation(always_pieces)
        #: starts of three characters or more by their first three, the shorter ones alone
        self.by_start3: dict[str, list[tuple[str, int]]] = {}
        self.short_starts: dict[str, int] = {}
        for head, bits in starts.items():
            if len(head) >= 3:
                self.by_start3.setdefault(head[:3], []).append((head, bits))
            else:
                self.short_starts[head] = self.short_starts.get(head, 0) | bits
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
        self.unsafe = "".join(sorted(unsafe_chars()))
        #: every needed word in one Aho-Corasick automaton (pyahocorasick): a line's words found
        #: in one pass in C, instead of reading its trigrams in Python (None: not installed)
        self.automaton = _automaton(words)

    def candidates(self, low: str) -> int:
        """The patterns (bits) whose needs ``low`` (the line lowercased) may meet."""
        bits = self.always
        for head, more in self.by_start3.get(low[:3], ()):
            if low.startswith(head):
                bits |= more
        short = self.short_starts
        if short:
            bits |= short.get(low[:1], 0) | short.get(low[:2], 0)
        if self.automaton is not None:
            for _, more in self.automaton.iter(low):
                bits |= more
            return bits
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
        if not text.isascii() and holds_any(text, self.unsafe):
            return None
        low = text.lower()
        bits = self.candidates(low)
        if self.always_rx is not None and self.always_rx.fullmatch(text):
            bits |= self.always_anchored
        return bits, low

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
        :meth:`fullmatch`)."""
        candidates = self._candidates_of(text)
        if candidates is None:
            return _UNKNOWN
        bits, low = candidates
        found: set = set()
        while bits:
            bit = bits & -bits
            bits ^= bit
            i = bit.bit_length() - 1
            if self.owners_of[i] not in found and self._matches(i, text, low):
                found.add(self.owners_of[i])
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
    (``words``: word -> bits); None without pyahocorasick, or with no words."""
    try:
        import ahocorasick
    except ImportError:  # the trigram index answers the same, slower
        return None
    if not words:
        return None
    automaton = ahocorasick.Automaton()
    for needle, bits in words.items():
        automaton.add_word(needle, bits)
    automaton.make_automaton()
    return automaton


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


def _alternation(pieces: list[str]) -> regex.Pattern:
    """The screen's branches ``pieces`` as one pattern."""
    return regex.compile("|".join(pieces), regex.UNICODE)


def _keyed(parts: list[tuple[regex.Pattern, int | None, str | None, Rule]],
           floating: list) -> tuple[KeyedScreen | None, list[KeyedScreen | None] | None]:
    """The screen pattern by pattern: each rule pattern, fullmatched as compiled (the same
    as its branch of the alternation, ``piece``), or its wildcard-led remainder (index into
    ``floating``); once for all of them, and once for each set of patterns whose rules'
    length bounds take a block of the same lengths (:attr:`Screen.sized`). (None, None)
    when the regex module's tables are not there: then the alternation answers alone."""
    from .literals import analyse

    keyed = []
    for rx, f, piece, rule in parts:
        clauses, heads = analyse(rx.pattern, rx.flags)
        if f is None:  # fullmatched: how the line starts tells
            keyed.append((clauses or [], heads, ("a", rx, 0, None), piece, rule))
        else:  # the remainder is searched anywhere in the line
            keyed.append((clauses or [], None, ("f", floating[f][2], floating[f][0], floating[f][1]), None, rule))
    # the lengths at which some rule's bounds begin or end: between two, the same patterns
    edges = sorted({0, max(rule.max_chars for *_, rule in parts) + 1}
                   | {b for *_, rule in parts for b in (rule.min_chars, rule.max_chars + 1)})
    try:
        full = KeyedScreen(keyed)
        by_set: dict[tuple[int, ...], KeyedScreen | None] = {(): None}
        sized: list[KeyedScreen | None] = []
        for start, end in zip(edges, edges[1:]):
            taken = tuple(i for i, (*_, rule) in enumerate(parts) if rule.min_chars <= start <= rule.max_chars)
            if taken not in by_set:  # the alternation of every length's screen: the one of all patterns
                by_set[taken] = KeyedScreen([keyed[i] for i in taken], shortest=start, always_rx=full.always_rx)
            sized += [by_set[taken]] * (end - start)
        return full, sized
    except Exception:  # noqa: BLE001 - the case tables of the regex module: without them, no prefilter
        return None, None


def _top_level_bar(pattern: str) -> bool:
    """Does ``pattern`` have a ``|`` outside every group and class? (Then a leading run
    belongs to its first branch only.)"""
    depth, i, in_class = 0, 0, False
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
            return True
        i += 1
    return False


class SelectorIndex:
    """Selector rules split for one walk over the tree: ``.class``, ``#id``, ``tag`` and
    ``tag.class`` selectors by key (each entry ``(tag or None, rule)``); one-attribute
    selectors (``[data-ad-slot]``, ``nav[aria-label="breadcrumb"]``, ``[id^="div-gpt-ad"]``)
    by attribute name (entries ``(tag or None, operator, value, rule)``); the rest as XPath."""

    def __init__(self, rules: list[Rule]):
        self.by_class: dict[str, list] = {}
        self.by_id: dict[str, list] = {}
        self.by_tag: dict[str, list] = {}
        self.by_attr: dict[str, list] = {}
        self.xpaths: list = []
        for rule in rules:
            for pattern, xpath in zip(rule.patterns, rule.xpaths):
                m = _SIMPLE_SELECTOR.fullmatch(pattern.strip())
                a = _ATTR_SELECTOR.fullmatch(pattern.strip())
                if m and (m["tag"] or m["cls"] or m["id"]):
                    if m["cls"]:
                        self.by_class.setdefault(m["cls"][1:], []).append((m["tag"], rule))
                    elif m["id"]:
                        self.by_id.setdefault(m["id"][1:], []).append((m["tag"], rule))
                    else:
                        self.by_tag.setdefault(m["tag"], []).append((m["tag"], rule))
                elif a:
                    value = a["dq"] if a["dq"] is not None else a["sq"] if a["sq"] is not None else a["bare"]
                    tag = None if a["tag"] in (None, "*") else a["tag"]
                    self.by_attr.setdefault(a["attr"], []).append((tag, a["op"], value, rule))
                else:
                    self.xpaths.append((rule, xpath))

    @staticmethod
    def attr_matches(op: str | None, value: str, want: str | None) -> bool:
        """CSS attribute operators: presence, ``=``, ``^=``, ``$=``, ``*=``."""
        if op is None:
            return True
        if op == "=":
            return value == want
        if not want:
            return False  # "[a^='']" matches nothing in CSS
        if op == "^=":
            return value.startswith(want)
        if op == "$=":
            return value.endswith(want)
        return want in value


@dataclass(frozen=True)
class Heuristic:
    """A named heuristic in code, listed beside the rules (``cleaner rules list``)."""

    id: str
    name: str
    category: str
    why: str
    function: str

    def describe(self) -> str:
        return "\n".join(
            [f"{self.id} {self.name}", "", f"category: {self.category}", "kind:     heuristic (code)",
             "", "Why", f"  {self.why}", "", f"code: cleaner.{self.function}"]
        )


class RuleSet:
    """Every rule of a run, compiled once and grouped by kind for one pass over the blocks."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules: list[Rule] = list(rules)
        self.by_id: dict[str, Rule] = {}
        for r in self.rules:
            if r.id in self.by_id:
                other = self.by_id[r.id]
                raise RuleError(f"duplicate rule id (also in {other.file})", file=r.file, rule=r.id, field="id")
            self.by_id[r.id] = r

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def of_kind(self, *kinds: str) -> list[Rule]:
        return [r for r in self.rules if r.kind in kinds]

    def for_host(self, host: str | None) -> "RuleSet":
        """The rules that apply on ``host`` (all but other sites' rules); cached per host."""
        cache = self.__dict__.setdefault("_host_cache", {})
        if host not in cache:
            if len(cache) > 256:
                cache.clear()
            if not any(r.domains or r.exclude_domains for r in self.rules):
                cache[host] = self
            else:
                view = RuleSet.__new__(RuleSet)
                view.rules = [r for r in self.rules if r.applies_to(host)]
                view.by_id = {r.id: r for r in view.rules}
                cache[host] = view
        return cache[host]

    @cached_property
    def selectors(self) -> list[Rule]:
        return self.of_kind("selector")

    @cached_property
    def selector_index(self) -> "SelectorIndex":
        return SelectorIndex(self.selectors)

    @cached_property
    def phrase_index(self) -> dict[str, list[Rule]]:
        """Phrase rules by phrase key: one dict lookup per block instead of one per rule."""
        index: dict[str, list[Rule]] = {}
        for rule in self.of_kind("phrase"):
            for key in rule.phrase_keys:
                index.setdefault(key, []).append(rule)
        return index

    @cached_property
    def line_rules(self) -> list[Rule]:
        return self.of_kind("line")

    @cached_property
    def keeps(self) -> list[Rule]:
        return self.of_kind("keep")

    @cached_property
    def markers(self) -> list[Rule]:
        return self.of_kind("marker")

    @cached_property
    def runs(self) -> list[Rule]:
        """Run rules, longest required run first: a menu run must not lose its ends to a
        two-item footer run."""
        return sorted(self.of_kind("run"), key=lambda r: -r.min_run)

    @cached_property
    def screen(self) -> "Screen | None":
        """Says yes to a block whenever some built-in ``line`` or ``marker`` pattern
        fullmatches it: a block it turns away (most blocks, the prose) skips those rules.
        User rules stay out of it: patterns that are each fast can backtrack together, and
        theirs run one by one with a timeout. None when a pattern cannot be combined (a
        numbered back-reference, global flags other than a leading verbose one)."""
        anchored, floating, parts = [], [], []
        for rule in self.line_rules + self.markers:
            if not rule.builtin:
                continue  # user rules are tried one by one (``unscreened``), each with its timeout
            for rx in rule.regexes:
                pattern, flags = rx.pattern, "" if rule.case_sensitive else "i"
                if pattern.startswith("(?x)"):  # verbose: the flag goes to the group
                    pattern, flags = pattern[4:], flags + "x"
                if _BACKREF.search(pattern):
                    return None
                lead = None if "x" in flags else _FLOATING.match(pattern)
                if lead is not None and not _top_level_bar(pattern[lead.end():]):
                    low = 1 if lead["plus"] else int(lead["low"] or 0)
                    high = int(lead["high"]) if lead["high"] else None
                    floating.append((low, high, f"(?{flags}:{pattern[lead.end():]})\\Z"))
                    parts.append((rx, len(floating) - 1, None, rule))
                else:
                    anchored.append(f"(?{flags}:{pattern}\n)" if "x" in flags else f"(?{flags}:{pattern})")
                    parts.append((rx, None, anchored[-1], rule))
        if not anchored and not floating:
            return None
        try:
            floating = [(low, high, regex.compile(rest, regex.UNICODE)) for low, high, rest in floating]
            return Screen(regex.compile("|".join(anchored), regex.UNICODE) if anchored else None, floating,
                          *_keyed(parts, floating))
        except (regex.error, ValueError, OverflowError):
            return None

    def unscreened(self, kind: str) -> list[Rule]:
        """The ``line`` or ``marker`` rules the screen does not cover (all of them when
        there is no screen): a block the screen turns away is still tried against these."""
        rules = self.line_rules if kind == "line" else self.markers
        if self.screen is None:
            return rules
        name = f"_unscreened_{kind}"
        if name not in self.__dict__:
            self.__dict__[name] = [r for r in rules if not r.builtin]
        return self.__dict__[name]

    @cached_property
    def marker_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.markers)

    @cached_property
    def user_ids(self) -> frozenset[str]:
        """Ids of the rules that are not built in (``--rules DIR``)."""
        return frozenset(r.id for r in self.rules if not r.builtin)

    @cached_property
    def marker_keys(self) -> frozenset[str]:
        """Phrase keys of the marker rules (a marker phrase bypasses the screen)."""
        return frozenset(k for r in self.markers for k in r.phrase_keys)

    @cached_property
    def longest_phrase_key(self) -> int:
        """The length of the longest phrase key a block is looked up by (phrase and marker rules)."""
        return max(map(len, [*self.phrase_index, *self.marker_keys]), default=0)

    @cached_property
    def max_block_chars(self) -> int:
        """No block rule looks at a block longer than this: long paragraphs skip the loop."""
        return max((r.max_chars for r in self.of_kind("phrase", "line", "marker")), default=0)


# ---------------------------------------------------------------------------
# loading and validation
# ---------------------------------------------------------------------------


def builtin_rules_dir() -> Path:
    """The rule files shipped inside the package (``cleaner/rules`` once installed,
    the checkout's top-level ``rules/`` when run from source)."""
    packaged = Path(str(resources.files("cleaner"))) / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


def rule_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if not isinstance(p, (str, os.PathLike)):
            raise RuleError(f"rules: expected a path, got {type(p).__name__}")
        p = Path(p)
        if p.is_dir():
            files += sorted(p.rglob("*.toml"))
        elif p.is_file():
            files.append(p)
        else:
            raise RuleError("no such rule file or folder", file=str(p))
    return files


def load_rules(paths: Iterable[str | Path] | str | Path | None = None, *, builtin: bool = True) -> RuleSet:
    """Load, validate and compile the built-in rules plus the files or folders in ``paths``."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    elif paths is not None and not isinstance(paths, Iterable):
        raise RuleError(f"rules: expected a path, a list of paths or a RuleSet, got {type(paths).__name__}")
    rules: list[Rule] = []
    if builtin:
        for f in rule_files([builtin_rules_dir()]):
            rules += load_file(f, builtin=True)
    for f in rule_files(paths or ()):
        rules += load_file(f)
    ruleset = RuleSet(rules)
    ruleset.screen  # noqa: B018 - compiled now: on the first document it would eat that document's time limit
    return ruleset


def load_file(path: Path, *, builtin: bool = False) -> list[Rule]:
    name = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as e:
        raise RuleError(f"invalid TOML: {e}", file=name) from None
    except RecursionError:
        raise RuleError("invalid TOML: arrays or tables nested too deeply", file=name) from None
    except (OSError, UnicodeDecodeError) as e:
        raise RuleError(f"cannot read: {e}", file=name) from None
    unknown = set(data) - _FILE_FIELDS
    if unknown:
        raise RuleError("unknown top-level field" + _did_you_mean(sorted(unknown)[0], _FILE_FIELDS), file=name,
                        field=sorted(unknown)[0])
    category = data.get("category")
    if category is not None and category not in CATEGORIES:
        raise RuleError(f"unknown category {category!r}; one of {', '.join(CATEGORIES)}", file=name, field="category")
    entries = data.get("rules", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise RuleError("rules must be an array of tables ([[rules]])", file=name, field="rules")
    return [_build(entry, name, category, builtin) for entry in entries]


def _typed(entry: dict, key: str, kind: type, file: str, rid: str | None, default=None):
    value = entry.get(key, default)
    if value is not None and (not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))):
        raise RuleError(f"must be {kind.__name__}, not {type(value).__name__}", file=file, rule=rid, field=key)
    return value


def _strings(entry: dict, key: str, file: str, rid: str | None) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError("must be a string or a list of strings", file=file, rule=rid, field=key)
    return tuple(value)


def _build(entry: dict, file: str, file_category: str | None, builtin: bool) -> Rule:
    rid = entry.get("id")
    if not isinstance(rid, str) or not _ID.fullmatch(rid):
        raise RuleError("id must look like AB123 (1-4 capitals, 3 digits)", file=file, rule=str(rid), field="id")
    unknown = set(entry) - _RULE_FIELDS
    if unknown:
        raise RuleError("unknown field" + _did_you_mean(sorted(unknown)[0], _RULE_FIELDS), file=file, rule=rid,
                        field=sorted(unknown)[0])
    category = _typed(entry, "category", str, file, rid, file_category)
    if category not in CATEGORIES:
        raise RuleError(f"unknown category {category!r}; one of {', '.join(CATEGORIES)}", file=file, rule=rid, field="category")
    kind = _typed(entry, "kind", str, file, rid)
    if kind not in KINDS:
        raise RuleError(f"kind must be one of {', '.join(KINDS)}", file=file, rule=rid, field="kind")
    why = _typed(entry, "why", str, file, rid)
    if not why or not why.strip():
        raise RuleError("every rule says why (one line)", file=file, rule=rid, field="why")
    where = _typed(entry, "where", str, file, rid, "tail" if kind == "marker" else "anywhere")
    if where not in WHERE:
        raise RuleError(f"where must be one of {', '.join(WHERE)}", file=file, rule=rid, field="where")
    rule = Rule(
        id=rid,
        category=category,
        why=why.strip(),
        kind=kind,
        file=file,
        name=_typed(entry, "name", str, file, rid, ""),
        patterns=_strings(entry, "patterns", file, rid),
        phrases=_strings(entry, "phrases", file, rid),
        where=where,
        min_chars=_typed(entry, "min_chars", int, file, rid, 0),
        max_chars=_typed(entry, "max_chars", int, file, rid, DEFAULT_MAX_CHARS),
        max_words=_typed(entry, "max_words", int, file, rid),
        min_run=_typed(entry, "min_run", int, file, rid, 2),
        labels=_typed(entry, "labels", int, file, rid, 0),
        stop_at_body=_typed(entry, "stop_at_body", bool, file, rid, False),
        domains=tuple(d.lower().removeprefix("www.") for d in _strings(entry, "domains", file, rid)),
        exclude_domains=tuple(d.lower().removeprefix("www.") for d in _strings(entry, "exclude_domains", file, rid)),
        unless=_strings(entry, "unless", file, rid),
        categories=_strings(entry, "categories", file, rid),
        case_sensitive=_typed(entry, "case_sensitive", bool, file, rid, False),
        examples=_strings(entry, "examples", file, rid),
        keeps=_strings(entry, "keeps", file, rid),
        note=_typed(entry, "note", str, file, rid, ""),
        builtin=builtin,
    )
    _compile(rule)
    return rule


def _regex(pattern: str, rule: Rule, fieldname: str) -> regex.Pattern:
    flags = regex.UNICODE | (0 if rule.case_sensitive else regex.IGNORECASE)
    if len(pattern) > MAX_PATTERN_CHARS:
        raise RuleError(f"pattern of {len(pattern)} characters; at most {MAX_PATTERN_CHARS}", file=rule.file,
                        rule=rule.id, field=fieldname)
    try:
        return regex.compile(pattern, flags)
    except (regex.error, ValueError, OverflowError, TypeError) as e:
        raise RuleError(f"bad regex {_short(pattern)}: {e}", file=rule.file, rule=rule.id, field=fieldname) from None
    except RecursionError:
        raise RuleError(f"bad regex {_short(pattern)}: nested too deeply", file=rule.file, rule=rule.id,
                        field=fieldname) from None


def _short(pattern: str) -> str:
    return repr(pattern) if len(pattern) <= 120 else repr(pattern[:120]) + "…"


def _did_you_mean(name: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _bounds(rule: Rule) -> None:
    """Counts and lengths are not negative, and the length bounds leave room for a match."""
    for name in ("min_chars", "max_chars", "max_words", "min_run", "labels"):
        value = getattr(rule, name)
        if value is not None and value < 0:
            raise RuleError(f"must not be negative, got {value}", file=rule.file, rule=rule.id, field=name)
    if rule.min_chars > rule.max_chars:
        raise RuleError(f"min_chars {rule.min_chars} is over max_chars {rule.max_chars}: the rule could never match",
                        file=rule.file, rule=rule.id, field="min_chars")
    for p in rule.phrases:
        if not phrase_key(p):
            raise RuleError(f"phrase {p!r} is empty once spaces and punctuation are ignored", file=rule.file,
                            rule=rule.id, field="phrases")
    for fieldname in ("domains", "exclude_domains"):
        for d in getattr(rule, fieldname):
            if not d or any(c.isspace() or c in "/:" for c in d):
                raise RuleError(f"{d!r} is not a domain name (like example.com)", file=rule.file, rule=rule.id,
                                field=fieldname)


def _compile(rule: Rule) -> None:
    kind, rid, file = rule.kind, rule.id, rule.file
    _bounds(rule)
    bad = [c for c in rule.categories if c not in CATEGORIES]
    if bad:
        raise RuleError(f"unknown category {bad[0]!r}", file=file, rule=rid, field="categories")
    if kind == "selector":
        if not rule.patterns:
            raise RuleError("a selector rule needs CSS selectors in patterns", file=file, rule=rid, field="patterns")
        rule.xpaths = tuple(_css(p, rule) for p in rule.patterns)
        return
    if kind == "run":
        if not rule.phrases or rule.patterns:
            raise RuleError("a run rule takes phrases (no patterns)", file=file, rule=rid, field="phrases")
        if rule.min_run < 1:
            raise RuleError("min_run must be at least 1", file=file, rule=rid, field="min_run")
        if not 0 <= rule.labels <= 6:
            raise RuleError("labels must be 0 to 6 (words of a label inside a run)", file=file, rule=rid, field="labels")
        sep = r"[\s\p{P}\p{S}]*"
        rule.run_regex = _regex(f"{sep}(?:{rule._alternation}{sep})+", rule, "phrases")
        rule.run_item = _regex(rule._alternation, rule, "phrases")
        firsts = [_FIRST_WORD.match(p) for p in rule.phrases]
        if all(firsts):
            rule.run_firsts = frozenset(m[1].casefold() for m in firsts)
        return
    if kind == "phrase" and (not rule.phrases or rule.patterns):
        raise RuleError("a phrase rule takes phrases (no patterns)", file=file, rule=rid, field="phrases")
    if kind in ("line", "marker", "keep") and not (rule.patterns or rule.phrases):
        raise RuleError(f"a {kind} rule needs patterns or phrases", file=file, rule=rid, field="patterns")
    if kind == "line" and rule.phrases:
        raise RuleError("a line rule takes patterns (use kind = 'phrase' for phrases)", file=file, rule=rid, field="phrases")
    rule.regexes = tuple(_regex(p, rule, "patterns") for p in rule.patterns)
    for r in rule.regexes:
        extra = set(r.groupindex) - set(CAPTURES)
        if extra:
            raise RuleError(f"named group {sorted(extra)[0]!r}; only {', '.join(CAPTURES)} hand data on",
                            file=file, rule=rid, field="patterns")
    rule.unless_regexes = tuple(_regex(p, rule, "unless") for p in rule.unless)
    rule.phrase_keys = frozenset(phrase_key(p) for p in rule.phrases)


def _css(selector: str, rule: Rule):
    from cssselect import GenericTranslator, SelectorError
    from lxml.etree import XPath, XPathSyntaxError

    try:
        return XPath(GenericTranslator().css_to_xpath(selector))
    except (SelectorError, XPathSyntaxError, ValueError) as e:
        raise RuleError(f"bad CSS selector {selector!r}: {e}", file=rule.file, rule=rule.id, field="patterns") from None
