"""Rule self-tests and lint: what ``cleaner rules test`` / ``rules lint`` and the
parametrised pytest run.

An example must be removed by its rule alone; a keep must survive every rule of the set.
Text examples are placed in a small article written for this purpose, where the rule's
``where`` says (head: above it; tail: below it; body and anywhere: in the middle), so scope is
tested too. Selector examples are HTML snippets placed after such an article.
"""
from __future__ import annotations

import time

import regex
from lxml.html import document_fromstring

from .limits import LimitError, Limits, enforce
from .match import apply_rules
from .page import Page
from .prune import prune
from .regexshape import backtracking
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
    parts = ([(screen.anchored_pattern, False)] if screen.anchored_pattern is not None else [])
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
