"""The literal words a regex pattern needs: the rule screen's keyword prefilter.

:func:`needs` reads a pattern with the ``regex`` module's own parser and returns a set of
strings one of which every match of the pattern contains (lowercased), or None when it
cannot tell (a part it does not know, a pattern that can match without any literal). A
line that holds none of them cannot match the pattern, so the screen (``rules.Screen``)
turns it away with a few substring tests instead of running the patterns.

Soundness, not completeness, is what counts: a set that is too small would let the screen
turn away a line a rule matches (and change what is removed), a set that is too large only
costs time. So every node the walk does not know contributes nothing, and only literal
characters whose every case variant (as the ``regex`` module matches them without case)
lowercases to the same character are taken; the few characters that match an ASCII letter
without lowercasing to it (``ſ``, ``İ``, ``K``…: :func:`unsafe_chars`) make the screen run
the patterns in full on the line that holds one.
"""
from __future__ import annotations

import functools
import re

import regex

from .text import literal_search

try:  # the regex module's parser and case tables: internal, so any surprise turns the prefilter off
    from regex import _regex, _regex_core as _core
except ImportError:  # pragma: no cover
    _regex = _core = None

_FLAGS = regex.IGNORECASE | regex.UNICODE
#: a needle shorter than this (of letters, digits, spaces or common punctuation) is in too
#: many lines to be worth testing
MIN_NEEDLE = 3


def analyse(pattern: str, flags: int) -> tuple[list[frozenset[str]] | None, frozenset[str] | None, bool]:
    """(:func:`needs`, :func:`prefixes`, whether a start read through a class may hold a
    member beyond ASCII) of ``pattern``, read with one parse."""
    parsed = _parse(pattern, flags)
    wide: set[bool] = set()
    return _needs(parsed), _prefixes(parsed, wide), bool(wide)


def needs(pattern: str, flags: int) -> list[frozenset[str]] | None:
    """What every match of ``pattern`` holds: clauses, each a set of strings (lowercased)
    of which a match holds at least one, every clause at once; None: nothing known."""
    return _needs(_parse(pattern, flags))


def prefixes(pattern: str, flags: int) -> frozenset[str] | None:
    """Strings (lowercased, none empty) one of which every match of ``pattern`` starts
    with; None: unknown. A line the pattern must match as a whole (``fullmatch``) is
    turned away by how it starts. A digit or a space class (``\\d``, ``\\s``) that opens
    the match is read as its ASCII members (:func:`analyse` says when it was: a line that
    opens on a character beyond ASCII may hold another member there)."""
    return _prefixes(_parse(pattern, flags), set())


def _parse(pattern: str, flags: int):
    """The regex module's parse of ``pattern`` (None: not to be read here)."""
    if _core is None:
        return None
    try:
        source = _core.Source(pattern)
        info = _core.Info(flags, source.char_type, {})
        source.ignore_space = bool(info.flags & regex.VERBOSE)
        parsed = _core._parse_pattern(source, info)
    except Exception:  # noqa: BLE001 - a parser we do not own: no prefilter rather than a wrong one
        return None
    if not source.at_end() or info.flags & regex.FULLCASE:
        return None
    return parsed


def _needs(parsed) -> list[frozenset[str]] | None:
    if parsed is None:
        return None
    try:
        exact, clauses = _walk(parsed)
    except Exception:  # noqa: BLE001
        return None
    if exact:
        clauses = [{exact}]
    clauses = [frozenset(c) for c in clauses if c and min(map(len, c)) > 0]
    return clauses or None


def _prefixes(parsed, wide: set[bool]) -> frozenset[str] | None:
    if parsed is None:
        return None
    try:
        found = _starts((parsed,), PREFIX_CHARS, wide)
    except Exception:  # noqa: BLE001 - a start too varied (_TooMany), or a surprise
        return None
    if "" in found:
        return None
    return frozenset(found)


def strong(clause: frozenset[str]) -> bool:
    """Does a clause turn most lines away? Not when it holds a short common string ("by",
    " ", ":"); a rare symbol ("©", "»", "@") does."""
    return all(len(n) >= MIN_NEEDLE or any(c in _RARE or not c.isascii() for c in n) for n in clause)


_RARE = frozenset("@>|#©»›«‹♬<[]{}~^_\\=+*")


def telling(clause: frozenset[str]) -> tuple[int, int, int]:
    """How few lines a clause lets through, least first: few of its words common in text
    (``_COMMON``: punctuation most lines hold, a "/" being rarer than a ":"; ``_COMMON_WORDS``),
    few words, long ones. (Measured: filed so, the dirty texts' lines meet a fifth fewer
    patterns than when few words came first, " for " before "issues", "months" or "weeks".)"""
    common = sum(needle in _COMMON or needle.strip() in _COMMON_WORDS for needle in clause)
    return common, len(clause), -min(map(len, clause))


#: weak clauses (not ``literals.strong``) of at most WEAK_NEEDLES needles a line is checked for
#: too before a pattern's regex runs (on aeb's dirty texts a pattern filed under the months ran
#: its regex on 4,130 lines and matched none: its "-" clause turns most away)
WEAK_CLAUSES, WEAK_NEEDLES = 2, 4


def worth_checking(clause: frozenset[str]) -> bool:
    """Is a weak clause worth testing before a regex (the screen, ``prefilter.KeyedScreen``)? A few
    needles, none of them white space alone (which nearly every line holds)."""
    return len(clause) <= WEAK_NEEDLES and not any(needle.isspace() for needle in clause)


#: punctuation most lines of text hold: a poor word to file a pattern under
_COMMON = frozenset(" .,:;-'\"")
#: the needed strings (spaces aside) of the built-in patterns that 3 % or more of the lines of
#: the dirty texts hold (aeb and wcxb, 400 texts each; punctuation of ``_COMMON`` aside): poor
#: words to file a pattern under
_COMMON_WORDS = frozenset("""
    ( ) 20 ? a about ad all also and ani ap app are at be best business by can ce com d day do e
    earn end for form from get h has have help her here how hr i ide ies in is it its learn like
    line m make mar me min mo more new not now of off offer ok on or other our pa part pin pti
    re rs s service sign t the their this time to top uni us use ve w we when wi will with work
    x y you your z ’ “ ”""".split())


@functools.lru_cache(maxsize=4096)
def _literal(ch: str) -> bool:
    """Can ``ch`` stand in a needle: do all its case variants lowercase as it does?"""
    if "A" <= ch <= "Z" or "a" <= ch <= "z" or ord(ch) < 128 and not ch.isalpha():
        return True
    try:
        return all(chr(v).lower() == ch.lower() for v in _regex.get_all_cases(_FLAGS, ord(ch)))
    except Exception:  # noqa: BLE001
        return False


@functools.lru_cache(maxsize=1)
def unsafe_chars() -> frozenset[str]:
    """Characters the regex module matches to an ASCII letter without case whose
    ``lower()`` is not that letter (``ſ`` is an ``s``, ``İ`` an ``i``)."""
    # the Kelvin sign by its code point: an ASCII "K" written here sent every line holding one
    # (lowercased, a plain "k") to the slow alternation
    out = set("İıſ\u212a")
    for a in "abcdefghijklmnopqrstuvwxyz":
        for v in _regex.get_all_cases(_FLAGS, ord(a)):
            c = chr(v)
            if c.lower() != a:
                out.add(c)
    return frozenset(out)


def _best(clauses: list) -> set | None:
    """Of several clauses, the one that turns most lines away: the longest shortest
    string, then the fewest strings."""
    clauses = [c for c in clauses if c and min(map(len, c)) > 0]
    if not clauses:
        return None
    return max(clauses, key=lambda c: (min(map(len, c)), -len(c)))


def _walk(node) -> tuple[str | None, list[set]]:
    """(exact, clauses): the one string the node matches (lowercased), or None; the sets
    of strings of each of which every match of it holds one (empty: nothing known)."""
    t = type(node)
    if t is _core.Character:
        if node.positive and not node.zerowidth and _literal(chr(node.value)):
            return chr(node.value).lower(), []
        return None, []
    if t in (_core.String, _core.Literal):
        chars = [chr(c) for c in node.characters]
        return ("".join(chars).lower(), []) if all(map(_literal, chars)) else (None, [])
    if t is _core.SetUnion:  # [»›]: one of a few literal characters
        items = node.items
        if node.positive and not node.zerowidth and items and all(
                type(i) is _core.Character and i.positive and _literal(chr(i.value)) for i in items):
            return None, [{chr(i.value).lower() for i in items}]
        return None, []
    if t is _core.Sequence:
        run, clauses, whole = "", [], True
        for item in node.items:
            exact, more = _walk(item)
            if exact is not None:
                run += exact
                continue
            whole = False
            if run:
                clauses.append({run})
            run = ""
            clauses += more
        if whole:
            return run, []
        if run:
            clauses.append({run})
        return None, clauses
    if t is _core.Branch:
        out: set = set()
        for branch in node.branches:
            exact, clauses = _walk(branch)
            best = {exact} if exact is not None else _best(clauses)
            if not best or min(map(len, best)) == 0:
                return None, []
            out |= best
        return None, [out]
    if t in (_core.Group, _core.Atomic):
        return _walk(node.subpattern)
    if t in (_core.GreedyRepeat, _core.LazyRepeat, _core.PossessiveRepeat):
        if node.min_count == 0:
            return ("" if node.max_count == 0 else None), []
        exact, clauses = _walk(node.subpattern)
        if exact is not None:
            if node.min_count == node.max_count:
                return exact * node.min_count, []
            return None, ([{exact * node.min_count}] if exact else [])
        return None, clauses
    if isinstance(node, (_core.ZeroWidthBase, _core.LookAround)):  # consumes nothing: the sides stay adjacent
        return "", []
    return None, []  # classes, wildcards, properties, fuzzy or conditional parts: nothing known


#: how many characters of a pattern's start are read, and at most how many starts a
#: pattern may have (a cross product of alternations grows fast)
PREFIX_CHARS, MAX_PREFIXES = 6, 64


class _TooMany(Exception):
    pass


def _starts(items: tuple, want: int, wide: set[bool]) -> set[str]:
    """How a match of the nodes ``items`` (in sequence) starts: a set of strings one of
    which every match begins with, read up to ``want`` characters ("" in the set: some
    match may begin with anything). A digit or space class that opens the match (nothing
    read before it) stands for its ASCII members (:func:`_classes`); ``wide`` gets True
    when one was read so (its other members are not in the strings)."""
    if not items or want <= 0:
        return {""}
    node, rest = items[0], items[1:]
    t = type(node)
    if t is _core.Sequence:
        return _starts(tuple(node.items) + rest, want, wide)
    if t in (_core.Group, _core.Atomic):
        return _starts((node.subpattern,) + rest, want, wide)
    if isinstance(node, (_core.ZeroWidthBase, _core.LookAround)):
        return _starts(rest, want, wide)  # consumes nothing
    if t is _core.Branch:
        return _bounded(set().union(*(_starts((b,) + rest, want, wide) for b in node.branches)))
    if t in (_core.GreedyRepeat, _core.LazyRepeat, _core.PossessiveRepeat):
        # once: what follows is the rest; more than once: a second round of the item (not read)
        present = _starts((node.subpattern,) + rest if node.max_count == 1 else (node.subpattern,), want, wide)
        if node.min_count == 0:
            return _bounded(present | _starts(rest, want, wide))
        return present
    heads = None
    if t is _core.Character and node.positive and not node.zerowidth and _literal(chr(node.value)):
        heads = {chr(node.value).lower()}
    elif t in (_core.String, _core.Literal) and all(_literal(chr(c)) for c in node.characters):
        heads = {"".join(map(chr, node.characters)).lower()}
    elif t is _core.SetUnion and node.positive and not node.zerowidth and node.items and all(
            type(i) is _core.Character and i.positive and _literal(chr(i.value)) for i in node.items):
        heads = {chr(i.value).lower() for i in node.items}
    elif want == PREFIX_CHARS and t is _core.Property and node.positive and not node.zerowidth and node.value in _classes():
        heads = set(_classes()[node.value])
        wide.add(True)
    if heads is None:
        return {""}  # another class, a wildcard, a property: any character may begin it
    shortest = min(map(len, heads))
    tails = _starts(rest, want - shortest, wide) if shortest < want else {""}
    return _bounded({h + tail for h in heads for tail in tails})


@functools.lru_cache(maxsize=1)
def _classes() -> dict[int, frozenset[str]]:
    """The digit and space classes (``\\d``, ``\\s``) by the parser's property value,
    each with its ASCII members (as the regex module matches them, without case)."""
    out = {}
    for name in (r"\d", r"\s"):
        node = _parse(name, _FLAGS).items[0]
        rx = regex.compile(name, _FLAGS)
        out[node.value] = frozenset(c for c in map(chr, range(128)) if rx.fullmatch(c))
    return out


def _bounded(found: set[str]) -> set[str]:
    if len(found) > MAX_PREFIXES:
        raise _TooMany
    return found


class Prefiltered:
    """A pattern whose ``search`` runs only on a value that holds one of the literal strings
    each of its matches holds (``needs``: one of :func:`cleaner.literals.analyse`'s clauses,
    lowercased, found in the value lowercased by one Aho-Corasick pass): trafilatura's
    class patterns are alternations of tens of words, which the standard library tries at
    every position of a class list (measured on wcxb's class values: 2.1 us a value, 0.9
    prefiltered; three values in five hold none of the words)."""

    __slots__ = ("rx", "pattern", "needs")

    def __init__(self, rx: re.Pattern, needs):
        self.rx, self.pattern, self.needs = rx, rx.pattern, needs

    def search(self, value: str):
        return self.rx.search(value) if self.needs(value.lower()) is not None else None


#: a pattern whose most telling clause has fewer words is searched as it is (a few words: the
#: standard library's alternation is as quick as the prefilter)
PREFILTER_WORDS = 8


def prefiltered(rx: re.Pattern):
    """``rx`` behind its literal prefilter (:class:`Prefiltered`), or ``rx`` itself when it has
    none worth testing (a case-sensitive pattern: its matches hold its literals as written,
    so the value lowercased holds them lowercased)."""
    try:
        clauses = analyse(rx.pattern, 0)[0]
    except Exception:  # noqa: BLE001 - a pattern the literal analysis cannot read: no prefilter
        return rx
    if rx.flags & re.IGNORECASE or not clauses:
        return rx
    best = min(clauses, key=telling)
    return Prefiltered(rx, literal_search(sorted(best))) if len(best) >= PREFILTER_WORDS else rx
