"""Rules stage: every rule of a run, loaded from ``rules/*.toml`` (the built-in files and the
user's), validated (:mod:`cleaner.rule`) and grouped by kind for one pass over the blocks."""
from __future__ import annotations

import os
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

import regex

from .errors import RuleError
from .rule import Rule, load_file
from .screen import Screen, build_screen

_ATTR_SELECTOR = regex.compile(
    r"(?P<tag>[a-z][a-z0-9-]*|\*)?\[\s*(?P<attr>[a-zA-Z_:][\w:.-]*)\s*"
    r"(?:(?P<op>[\^$*]?=)\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[\w-]+))\s*)?\]"
)
_SIMPLE_SELECTOR = regex.compile(r"(?P<tag>[a-z][a-z0-9-]*)?(?:(?P<cls>\.[\w-]+)|(?P<id>#[\w-]+))?")


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
        return build_screen(self.line_rules + self.markers)

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
    def screened_ranks(self) -> tuple[dict[Rule, int], dict[Rule, int]] | None:
        """Each built-in marker's and line rule's place in :attr:`markers` and :attr:`line_rules`
        (None when there are user rules of either kind, or a rule stands twice): the rules the
        screen found for a block, put in their order without a walk of every rule."""
        if self.unscreened("marker") or self.unscreened("line"):
            return None
        marker_rank = {r: i for i, r in enumerate(self.markers)}
        line_rank = {r: i for i, r in enumerate(self.line_rules)}
        if len(marker_rank) != len(self.markers) or len(line_rank) != len(self.line_rules):
            return None
        return marker_rank, line_rank

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


