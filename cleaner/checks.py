"""Rule self-tests and lint: what ``cleaner rules test`` / ``rules lint`` and the
parametrised pytest run.

An example must be removed by its rule alone; a keep must survive every rule of the set.
Text examples are placed in a small article written for this purpose, where the rule's
``where`` says (head: above it; tail: below it; body and anywhere: in the middle), so scope is
tested too. Selector examples are HTML snippets placed after such an article.
"""
from __future__ import annotations

import re
import time
from re import _compiler as _sre_compile, _constants as _sre, _parser as _sre_parse  # the parse tree of a pattern

import regex
from lxml.html import document_fromstring

from .page import Page
from .prune import prune
from .limits import LimitError, Limits, enforce
from .match import apply_rules
from .rule import Rule
from .ruleset import RuleSet
from .text import squash

FILLER = (
    "The city council voted on Tuesday to extend the hours of the public library, after months of debate "
    "about the cost of keeping the reading rooms open in the evening.",
    "Supporters said students and shift workers had asked for the change for years, while opponents "
    "warned that the budget for the coming year was already stretched thin.",
    "The new schedule takes effect next month and will be reviewed after a year, the council said in "
    "a statement published after the meeting ended late in the evening.",
    "Several residents who spoke at the hearing described the library as the only quiet place in their "
    "neighbourhood where they could study, read the newspaper or look for work.",
)


def _placed(rule: Rule, text: str) -> tuple[str, int, int]:
    """The example inside an article, and the index range of its blocks."""
    lines = [squash(line) for line in text.split("\n") if line.strip()]
    before = {"head": (), "body": FILLER[:2], "tail": FILLER, "anywhere": FILLER[:2]}[rule.where]
    after = {"head": FILLER, "body": FILLER[2:], "tail": (), "anywhere": FILLER[2:]}[rule.where]
    if rule.kind == "marker" and not rule.stop_at_body:
        after = ()  # everything after a marker belongs to its zone
    return "\n".join([*before, *lines, *after]), len(before), len(before) + len(lines)


def check_rule(rule: Rule, rules: RuleSet) -> list[str]:
    """Failures of one rule's examples (removed by it alone) and keeps (kept by all)."""
    failures: list[str] = []
    if not rule.examples:
        failures.append(f"{rule.id}: no examples (texts the rule must remove)")
    if not rule.keeps:
        failures.append(f"{rule.id}: no keeps (look-alikes that must survive)")
    if rule.kind == "selector":
        return failures + _check_selector(rule, rules)
    if rule.kind == "keep":
        return failures + _check_exception(rule)
    alone = RuleSet([rule])
    for example in rule.examples:
        text, lo, hi = _placed(rule, example)
        page = Page.from_text(text)
        apply_rules(page, alone)
        for block in page.blocks[lo:hi]:
            if block.removal is None or block.removal.rule != rule.id:
                failures.append(f"{rule.id}: example not removed: {block.text!r}")
        for block in page.blocks[:lo] + page.blocks[hi:]:
            if block.removal is not None:
                failures.append(f"{rule.id}: removed article text around the example {example!r}")
    for keep in rule.keeps:
        text, lo, hi = _placed(rule, keep)
        page = Page.from_text(text)
        apply_rules(page, rules)
        for block in page.blocks:
            if block.removal is not None:
                failures.append(f"{rule.id}: keep {keep!r} lost {block.text!r} to {block.removal.rule}")
    return failures


def _check_exception(rule: Rule) -> list[str]:
    failures = [f"{rule.id}: example not protected: {e!r}" for e in rule.examples if not rule.match(e)]
    return failures + [f"{rule.id}: keep protected by mistake: {k!r}" for k in rule.keeps if rule.match(k)]


def _page(snippet: str):
    article = "".join(f"<p>{p}</p>" for p in FILLER)
    return document_fromstring(f"<html><body><article>{article}</article>{snippet}</body></html>")


def _check_selector(rule: Rule, rules: RuleSet) -> list[str]:
    failures = []
    for example in rule.examples:
        tree = _page(example)
        before = sum(1 for _ in tree.iter())
        removed = prune(tree, RuleSet([rule]))  # empty widgets go unrecorded: count elements
        if sum(1 for _ in tree.iter()) == before or any(r.rule != rule.id for r in removed):
            failures.append(f"{rule.id}: example not pruned: {example!r}")
    for keep in rule.keeps:  # on a page of its own: a keep may be the article itself
        removed = prune(document_fromstring(f"<html><body>{keep}</body></html>"), rules)
        text = squash(document_fromstring(f"<div>{keep}</div>").text_content())
        if any(text and text in r.text for r in removed):
            failures.append(f"{rule.id}: keep pruned: {keep!r}")
    return failures


def check_all(rules: RuleSet, only: set[str] | None = None) -> list[str]:
    """Every rule's examples and keeps (``only``: of these rule ids, against the whole set).
    A user rule whose pattern can backtrack (:func:`slow_patterns`) is reported and left out;
    the others' regexes run with a timeout here (:data:`SLOW_MATCH`) as a safety net."""
    failures, slow = [], set()
    for rule in rules:  # a user rule that backtracks would make every other check crawl: left out
        if not rule.builtin and rule.kind != "selector":
            problems = slow_patterns(rule)
            if problems:
                failures += problems
                slow.add(rule.id)
    if slow:
        rules = RuleSet([r for r in rules if r.id not in slow])
    with enforce(Limits(max_bytes=None, max_depth=None, timeout=None, regex_timeout=SLOW_MATCH)):
        for rule in rules:
            if only is not None and rule.id not in only:
                continue
            try:
                failures += check_rule(rule, rules)
            except LimitError as e:  # a user rule's regex ran out of time
                failures.append(f"{rule.id}: {e}")
        failures += check_precedence(rules)
    return failures


#: the time limit on one regex while a rule's examples run (a safety net: whether a pattern
#: backtracks is judged from its shape, by :func:`backtracking`, never by a clock)
SLOW_MATCH = 1.0

# -- backtracking, judged on the pattern's shape -------------------------------------------------
#
# A backtracking engine goes exponential (or polynomial of a high degree) when it can split the
# same text in many ways: a repeated group whose body can absorb its own next iteration
# (``(a|aa)+``, ``(\w+\s?)+``), or several long runs in a row over the same characters
# (``.*a.*a.*``). Both are shapes of the parsed pattern, so lint reads them off the parse tree:
# the verdict is the same on an idle laptop and on a loaded CI machine.

#: characters a class is tried on: ASCII, spaces, and a few of each script and punctuation
_SAMPLE = ("".join(map(chr, range(9, 14))) + "".join(map(chr, range(32, 127)))
           + "\xa0\u2009\u200béÉßñçüÖ’‘“”«»–—•·©®€£§¿¡新闻ЖжΩ")
#: the characters a run is made of: white space never comes in runs (blocks are matched squashed)
_RUNS = "".join(c for c in _SAMPLE if not c.isspace())
#: syntax only the ``regex`` module reads (fuzzy matching, version flags, named lists, nested sets)
_REGEX_ONLY = regex.compile(r"\(\?[rV]|\(\?\||\\L<|\{[^{}]*\b[eisd]\b[^{}]*\}|\[\[:|\\[GXK]")
#: a repeat bounded at this many iterations or fewer is cheap whatever its body (n² at worst)
_FEW = 3
#: a run of at least this many characters' freedom counts in a chain of runs
_RUN = 10
#: more steps than this (a product of run lengths) is slow
_STEPS = 10**7
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)
_LEAVES = (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN)
#: Unicode properties of the ``regex`` module, read as the nearest ``re`` class (by the
#: property's first letter): inside a class, then outside one
_PROPS = {"p": {"N": ("\\d", "\\d"), "Z": ("\\s", "\\s"), "P": ("\\W", "\\W"), "S": ("\\W", "\\W"), "C": ("\\W", "\\W")},
          "P": {"L": ("\\W", "\\W"), "M": ("\\W", "\\W"), "N": ("\\D", "\\D"), "Z": ("\\S", "\\S"),
                "P": ("\\w\\s", "[\\w\\s]"), "S": ("\\w\\s", "[\\w\\s]"), "C": ("\\w\\s", "[\\w\\s]")}}
_ESCAPE = regex.compile(r"\\(?:([pP])(?:\{\^?([^}]*)\}|([A-Za-z]))|([mM])|.)|(\[\^?\]?)|(\])|(\(\?P?<(?![=!])\w+>)|.", regex.DOTALL)


def _as_re(pattern: str) -> str:
    """``pattern`` in the syntax of the ``re`` parser: Unicode properties as the nearest class,
    ``\\m``/``\\M`` as ``\\b``. What else only ``regex`` knows makes the parser fail."""
    if _REGEX_ONLY.search(pattern):
        raise re.error("syntax only the regex module reads")
    out, in_class = [], False
    for m in _ESCAPE.finditer(pattern):
        if m[1]:
            name = (m[2] or m[3] or "L").lstrip("^")[:1].upper()
            default = ("\\w", "\\w") if m[1] == "p" else ("\\W", "\\W")
            inside, outside = _PROPS[m[1]].get(name, default)
            out.append(inside if in_class else outside)
        elif m[4]:
            out.append("\\b")
        elif m[5] and not in_class:
            out.append(m[5])
            in_class = True
        elif m[6] and in_class:
            out.append("]")
            in_class = False
        elif m[7] and not in_class:
            out.append("(")  # group names: the screen repeats them, which ``re`` refuses
        else:
            out.append(m[0])
    return "".join(out)


class _Shape:
    """The parse tree of one pattern, and what its parts do on a run of one character ``c``
    (the text that makes a backtracking engine try every split: ``aaaa…!``)."""

    def __init__(self, pattern: str, limit: int, search: bool):
        self.tree = _sre_parse.parse(_as_re(pattern), re.IGNORECASE)
        self.limit, self.search, self.cache, self.widths = limit, search, {}, {}

    def chars(self, item) -> frozenset[str]:
        """The characters ``item`` can consume (of :data:`_SAMPLE`)."""
        key = id(item)  # the tree lives as long as the shape: ids are stable
        if key not in self.cache:
            op, av = item
            if op in _LEAVES:
                rx = _sre_compile.compile(_sre_parse.SubPattern(self.tree.state, [item]), re.IGNORECASE | re.DOTALL)
                found = frozenset(c for c in _SAMPLE if rx.fullmatch(c))
            elif op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
                found = frozenset(_SAMPLE)
            else:
                found = frozenset().union(*(self.chars(i) for sub in _subs(item) for i in sub))
            self.cache[key] = found
        return self.cache[key]

    def needed(self, item) -> bool:
        if id(item) not in self.widths:
            self.widths[id(item)] = _sre_parse.SubPattern(self.tree.state, [item]).getwidth()[0] > 0
        return self.widths[id(item)]

    def absorbs(self, seq, c: str) -> bool:
        """Can ``seq`` match a run of ``c`` (its mandatory parts all take ``c``)?"""
        for item in seq:
            op, av = item
            if not self.needed(item) or op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS):
                continue
            if op in _LEAVES:
                ok = c in self.chars(item)
            elif op == _sre.BRANCH:
                ok = any(self.absorbs(alt, c) for alt in av[1])
            else:
                ok = all(self.absorbs(sub, c) for sub in _subs(item))
            if not ok:
                return False
        return True

    def varies(self, seq, c: str) -> bool:
        """Can ``seq`` match runs of ``c`` of different lengths, or one run in two ways, and
        give characters back when what follows fails?"""
        return self.absorbs(seq, c) and any(self._varies(item, c) for item in seq)

    def _varies(self, item, c: str) -> bool:
        op, av = item
        if op in _REPEATS:
            body = av[2]
            return (av[0] != av[1] and c in self.chars(item) and self.absorbs(body, c)) or (av[1] > 0 and self.varies(body, c))
        if op == _sre.BRANCH:
            takers = [alt for alt in av[1] if self.absorbs(alt, c)]  # an empty branch takes a run of length 0
            return len(takers) > 1 or any(self.varies(alt, c) for alt in av[1])
        if op == _sre.SUBPATTERN:
            return self.varies(av[3], c)
        return op in (_sre.GROUPREF, _sre.GROUPREF_EXISTS)

    def problem(self) -> str | None:
        return self._walk(self.tree)

    def _walk(self, seq) -> str | None:
        found = self._chain(list(_flat(seq)))
        for item in seq:
            if found:
                return found
            op, av = item
            if op in _REPEATS and av[1] > _FEW:
                body = list(_flat(av[2]))
                c = next((c for c in _RUNS if c in self.chars(item) and self.varies(body, c)), None)
                if c is not None:
                    found = (f"a repeated group can match the same run ({c * 4!r}…) in exponentially many ways "
                             "(a quantifier or alternation inside it takes what its next repeat could)")
                    continue
            for sub in _subs(item):
                found = found or self._walk(sub)
        return found

    def _chain(self, seq) -> str | None:
        """Long runs in a row that all take ``c``: every split of ``ccc…`` among them is tried."""
        seen = frozenset().union(*(self.chars(i) for i in seq)) if seq else frozenset()
        for c in (c for c in _RUNS if c in seen):
            runs, steps = 0, 1
            for item in seq:
                op, av = item
                if not self.absorbs([item], c):
                    runs, steps = 0, 1
                elif op in _REPEATS and min(av[1], self.limit) - av[0] >= _RUN and c in self.chars(item):
                    runs, steps = runs + 1, steps * (min(av[1], self.limit) - av[0])
                    if runs >= 3 and steps * (self.limit if self.search else 1) > _STEPS:
                        return (f"{runs} long runs in a row all take {c!r} (a run of it can be split among them "
                                f"in about {steps:.0e} ways)")
        return None


def _subs(item):
    """The sub-sequences of one parse-tree item."""
    op, av = item
    if op in _REPEATS or op == _sre.POSSESSIVE_REPEAT:
        return [av[2]]
    if op == _sre.SUBPATTERN:
        return [av[3]]
    if op == _sre.BRANCH:
        return list(av[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [av[1]]
    if op == _sre.ATOMIC_GROUP:
        return [av]
    if op == _sre.GROUPREF_EXISTS:
        return [s for s in av[1:] if s is not None]
    return []


def _flat(seq):
    """The items of a sequence, groups opened."""
    for item in seq:
        if item[0] == _sre.SUBPATTERN:
            yield from _flat(item[1][3])
        else:
            yield item


def backtracking(pattern: str, max_chars: int = 2_000, search: bool = False) -> str | None:
    """Why ``pattern`` can backtrack catastrophically on a line of up to ``max_chars``
    characters (``search``: tried at every position, as ``unless`` patterns are), or None
    when its shape is safe. Raises ``ValueError`` when the ``re`` parser cannot read it
    (syntax only the ``regex`` module has, such as fuzzy matching)."""
    try:
        return _Shape(pattern, max(1, max_chars), search).problem()
    except (re.error, OverflowError, RecursionError, KeyError, TypeError) as e:
        raise ValueError(f"cannot analyse {pattern[:40]!r}: {e}") from None


def check_precedence(rules: RuleSet) -> list[str]:
    """Each text example removed by its own rule when the whole set runs: an example that
    another rule takes first (often in another category) shows a shadowed rule, to merge
    or remove. (``check_rule`` runs an example against its rule alone.)"""
    failures = []
    for rule in rules:
        if rule.kind in ("selector", "keep"):
            continue
        for example in rule.examples:
            text, lo, hi = _placed(rule, example)
            page = Page.from_text(text)
            apply_rules(page, rules)
            # a marker's example: its first line is the marker's own, what follows may go to
            # any rule (a form note inside a comment section)
            for block in page.blocks[lo:lo + 1] if rule.kind == "marker" else page.blocks[lo:hi]:
                if block.removal is not None and block.removal.rule != rule.id:
                    failures.append(f"{rule.id}: example taken first by {block.removal.rule}: {block.text!r}")
    return failures


def _literals(pattern: str) -> str:
    """Characters a pattern spells out (escapes resolved roughly): what a probe repeats."""
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            out.append({"s": " ", "d": "7", "w": "w", "b": "", "n": "", "p": "", "P": "", "S": "x", "D": "x", "W": "-"}.get(nxt, nxt))
            i += 2
            continue
        if c not in "()[]{}?*+|^$.<>!=:":
            out.append(c)
        i += 1
    return "".join(dict.fromkeys("".join(out)))


def probes(rule: Rule, pattern: str) -> list[str]:
    """Adversarial lines for one pattern: as long as the rule lets a line be (blocks
    longer than ``max_chars`` never reach its regexes), made of what the pattern itself
    spells (its words, its characters, in pairs), of its examples, and of common text,
    each ending in a character that makes the match fail at the last moment. Only for a
    pattern :func:`backtracking` cannot read."""
    size = max(1, min(rule.max_chars, 2_000))
    words = regex.findall(r"[^\W\d_]{2,}", regex.sub(r"\\.", " ", pattern))[:12]
    chars = (_literals(pattern) + " a0.-,'")[:24]
    seeds = [c for c in chars] + [a + b for a in chars[:10] for b in chars[:10] if a != b]
    seeds += [w + " " for w in words] + [w for w in words] + ["word ", "a a ", "A. ", "- "]
    seeds += [squash(e) + " " for e in rule.examples[:5] if e.strip()] + [squash(k) + " " for k in rule.keeps[:3] if k.strip()]
    lines = []
    for seed in dict.fromkeys(seeds):
        body = (seed * (size // max(1, len(seed)) + 1))[: size - 1]
        lines += [body + "\x01", body + "!", body[:-1] + "§" + body[-1:]]
    return lines


#: a pattern the shape analysis cannot read is run on its probes with this timeout, as
#: many times as a yardstick (a linear scan of the same line) fits in it
PROBE_TIMEOUT = 0.5
_YARDSTICK = regex.compile(r"[^\x02]*+\x02")


def _times_out(rx: regex.Pattern, line: str, search: bool) -> bool:
    """Does ``rx`` run out of a time allowance scaled to what a linear scan of ``line`` costs
    right now? Tried three times: a slow pattern is slow every time, a busy machine is not."""
    for _ in range(3):
        start = time.perf_counter()
        _YARDSTICK.match(line)
        allowance = max(PROBE_TIMEOUT, 1000 * (time.perf_counter() - start))
        try:
            rx.search(line, timeout=allowance) if search else rx.fullmatch(line, timeout=allowance)
            return False
        except TimeoutError:
            continue
    return True


def slow_patterns(rule: Rule) -> list[str]:
    """Problems: a pattern of ``rule`` whose shape lets it backtrack catastrophically on a
    line as long as the rule looks at (:func:`backtracking`). A pattern that shape cannot be
    read from (fuzzy matching, say) is run on :func:`probes` instead, under a time allowance
    scaled to the machine's speed at that moment."""
    compiled = [(p, r, "patterns") for p, r in zip(rule.patterns, rule.regexes)]
    compiled += [(p, r, "unless") for p, r in zip(rule.unless, rule.unless_regexes)]
    if rule.run_regex is not None:
        compiled.append(("|".join(rule.phrases), rule.run_regex, "phrases"))
    problems = []
    for pattern, rx, fieldname in compiled:
        search = fieldname == "unless"
        limit = min(rule.max_chars, 2_000)
        try:
            why = backtracking(rx.pattern, limit, search)
        except ValueError:
            line = next((line for line in probes(rule, pattern) if _times_out(rx, line, search)), None)
            why = None if line is None else f"it ran out of time on a {len(line)}-character line like {line[:40]!r}…"
        if why:
            problems.append(f"{rule.id}: {fieldname} {pattern[:80]!r} is slow: {why}; at run time it would hit "
                            f"the regex timeout ({rule.file})")
    return problems


def slow_screen(rules: RuleSet) -> list[str]:
    """The built-in line and marker patterns combined into one screen (``RuleSet.screen``)
    run without a timeout: the combination's shape must be safe too."""
    screen = RuleSet([r for r in rules if r.builtin]).screen
    if screen is None:
        return []
    limit = max((r.max_chars for r in rules if r.builtin), default=2_000)
    parts = ([(screen.anchored.pattern, False)] if screen.anchored is not None else [])
    parts += [(rest.pattern, True) for _, _, rest in screen.floating]
    for pattern, search in parts:
        why = backtracking(pattern, min(limit, 2_000), search)
        if why:
            return [f"the combined screen of line and marker patterns is slow: {why} (in {pattern[:60]!r}…)"]
    return []


def lint(rules: RuleSet, mine: bool = False) -> list[str]:
    """Style and safety warnings beyond what loading already rejects. ``mine``: the user's
    rules only (checked against the whole set); the built-ins are the project's own tests'."""
    problems = []
    targets = [r for r in rules if not r.builtin] if mine else list(rules)
    for rule in targets:
        if rule.kind != "selector" and rule.builtin:  # user rules: probed by check_all
            problems += slow_patterns(rule)
    if not mine:
        problems += slow_screen(rules)
    for rule in targets:
        if "\n" in rule.why or len(rule.why) > 200:
            problems.append(f"{rule.id}: why should be one line of at most 200 characters")
        if not rule.name:
            problems.append(f"{rule.id}: no name")
        for p in rule.patterns:
            if rule.kind == "selector" and ("[class*=" in p or "[id*=" in p):
                problems.append(f"{rule.id}: substring attribute selector {p!r} may hit article containers")
            if rule.kind in ("line", "marker") and p.lstrip("^(?:").startswith(".*"):
                problems.append(f"{rule.id}: pattern {p!r} starts with .* (matches too much)")
        if rule.kind in ("line", "marker") and rule.max_chars > 1000:
            problems.append(f"{rule.id}: max_chars {rule.max_chars} is very large for a boilerplate line")
    return problems + check_all(rules, only={r.id for r in targets} if mine else None)
