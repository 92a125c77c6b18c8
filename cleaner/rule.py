"""Rules as data: the schema of ``rules/*.toml`` and one rule, validated and compiled.

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

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import regex

from .errors import RuleError
from .record import CATEGORIES
from .text import FIRST_WORD, phrase_key, squash

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
            first = FIRST_WORD.match(text)
            if first is None or first[1].casefold() not in self.run_firsts:
                return 0
        return self.count_run(text, timeout)

    def count_run(self, text: str, timeout: float | None = None) -> int:
        """:meth:`run_count` of a squashed block that passed its first checks (not too long,
        a first word that starts a phrase)."""
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
        firsts = [FIRST_WORD.match(p) for p in rule.phrases]
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
