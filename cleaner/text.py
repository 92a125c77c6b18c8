"""Base: the text helpers every stage shares: how a line is squashed and keyed for
lookups, how names and hosts are compared, and what counts as a paragraph of prose."""
from __future__ import annotations

import functools
import re as stdlib_re
import unicodedata

import regex

_EDGE_JUNK = regex.compile(r"^[\p{P}\p{S}\p{Z}\s]+|[\p{P}\p{S}\p{Z}\s]+$")
FIRST_WORD = regex.compile(r"[\s\p{P}\p{S}]*(\w+)")


def squash(text: str) -> str:
    """Collapse runs of white space to one space and strip: how a block is matched. A line
    whose only white space is single spaces inside it (printable: no other white space, no
    control character) is its own squash. The last line of ``LONG_LINE`` characters or more
    squashed is remembered with its squash (``_last_long``): the rules and the heuristics
    squash a block several times, and a line of megabytes made most of its document's
    time so (five times a 5 MB line: 0.75 s of 2.8)."""
    if "  " not in text and text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return text
    if len(text) < LONG_LINE:
        return " ".join(text.split())
    global _last_long
    last = _last_long
    if last[0] is not text:  # (it holds a reference to its text: no other string has that identity)
        last = _last_long = (text, " ".join(text.split()))
    return last[1]


#: a line this long has its squash remembered (:func:`squash`)
LONG_LINE = 100_000
_last_long: tuple[str, str] = ("", "")


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
    or digit at both ends (nothing stripped) or at its start and next to its end (no more
    than its last character stripped), or whose text without its edge junk is longer (case
    folding never shortens a word)."""
    if len(text) > longest:
        if text[:1].isalnum() and (text[-1:].isalnum() or text[-2:-1].isalnum() and len(text) > longest + 1):
            return ""  # at most the last character ("." after a word) is stripped
        if len(strip_edge_junk(text)) > longest:
            return ""
    return phrase_key(text)


_LEAD_JUNK = regex.compile(r"[\p{P}\p{S}\p{Z}\s]+")
_TRAIL_JUNK = regex.compile(r"(?r)[\p{P}\p{S}\p{Z}\s]+\Z")  # searched backwards from the end


def literal_search(parts):
    """A search for any of the literal strings ``parts``: a true value when a string holds one
    (a match), None when it holds none (no parts: a search that never matches).

    Several characters long, they go into one Aho-Corasick automaton (pyahocorasick), which
    reads a string once, in C; the standard library's alternation tries every part at every
    position that opens one, which on the long class lists of utility-CSS pages cost 3.3 us a
    value against 0.7 (measured: class, id and itemprop values of 300 wcxb pages, 0.86 against
    0.28 us on average). Single characters make one class of the standard library's, which
    skips to them in C; so do all parts without pyahocorasick."""
    parts = list(parts)
    if len(parts) > 1 and all(len(part) > 1 for part in parts):
        try:
            import ahocorasick
        except ImportError:
            pass
        else:
            automaton = ahocorasick.Automaton()
            for part in parts:
                automaton.add_word(part, True)
            automaton.make_automaton()
            return functools.partial(next_or_none, automaton.iter)
    return stdlib_re.compile("|".join(map(stdlib_re.escape, parts)) or "(?!)").search


def next_or_none(scan, text: str):
    """The first of what ``scan(text)`` yields (an automaton's first match), None for none."""
    return next(scan(text), None)


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


_SENTENCE_END = regex.compile(r"[.!?…:;\"”’)»]\s*$")

#: a paragraph of prose: at least this many words ending like a sentence (or twice as many)
PROSE_WORDS = 15


def is_prose(text: str) -> bool:
    """A paragraph of running text, as opposed to a label, a link or a headline."""
    if len(text) <= 2_000:  # the same line is asked about several times: cached
        return _is_prose(text)
    return _prose(text)


def _prose(text: str) -> bool:
    """At least ``2 * PROSE_WORDS`` words (runs of ``\\w``), or ``PROSE_WORDS`` and a sentence's
    end. The words are counted by the regex engine up to the number asked (no list of them),
    and a line too short to hold that many (a word and a separator each) is not read. The
    end is looked at first: a line that ends a sentence needs ``PROSE_WORDS`` words only (any
    ``2 * PROSE_WORDS`` hold them), one that does not needs the twice as many (measured: 21 ->
    7 us on a sentence of 27 words, where both counts ran)."""
    if len(text) < 2 * PROSE_WORDS - 1:
        return False
    if _ends_sentence(text):
        return _ENOUGH_WORDS.match(text) is not None
    return _MANY_WORDS.match(text) is not None


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END`` holds: the last character that is not a space is looked at first, and
    the search starts there (a match starts on it: what follows it is white space, and every
    character ``\\s`` matches is one ``str.rstrip`` takes off; the search from the start would
    try every position)."""
    end = len(text.rstrip())
    return text[end - 1:end] in _SENTENCE_ENDERS and _SENTENCE_END.search(text, end - 1) is not None


#: at least so many words: maximal runs of ``\w`` (possessive: a run is never split in two)
_ENOUGH_WORDS = regex.compile(r"(?:\W*+\w++){%d}" % PROSE_WORDS)
_MANY_WORDS = regex.compile(r"(?:\W*+\w++){%d}" % (2 * PROSE_WORDS))
#: the characters _SENTENCE_END ends on
_SENTENCE_ENDERS = frozenset(".!?…:;\"”’)»")


_is_prose = functools.lru_cache(maxsize=8192)(_prose)

