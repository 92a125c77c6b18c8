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

from .blocks import Page
from .html import prune
from .limits import LimitError, Limits, enforce
from .match import apply_rules
from .rules import Rule, RuleSet, squash

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
    for keep in rule.keeps:
        removed = prune(_page(keep), rules)
        text = squash(document_fromstring(f"<div>{keep}</div>").text_content())
        if any(text and text in r.text for r in removed):
            failures.append(f"{rule.id}: keep pruned: {keep!r}")
    return failures


def check_all(rules: RuleSet) -> list[str]:
    """Every rule's examples and keeps. User rules' regexes run with a short timeout here
    (:data:`SLOW_MATCH`): one that backtracks fails the check that meets it, fast."""
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
            try:
                failures += check_rule(rule, rules)
            except LimitError as e:  # a user rule's regex ran out of time
                failures.append(f"{rule.id}: {e}")
        failures += check_precedence(rules)
    return failures



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

#: a pattern slower than this on one probe line is reported by lint (a safe one takes µs)
SLOW_MATCH = 0.05


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
    each ending in a character that makes the match fail at the last moment."""
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


def slow_patterns(rule: Rule, budget: float = SLOW_MATCH) -> list[str]:
    """Problems: a pattern of ``rule`` that takes more than ``budget`` seconds to match
    (or fail) on one of :func:`probes` — catastrophic backtracking, or a fuzzy match."""
    compiled = [(p, r, "patterns") for p, r in zip(rule.patterns, rule.regexes)]
    compiled += [(p, r, "unless") for p, r in zip(rule.unless, rule.unless_regexes)]
    if rule.run_regex is not None:
        compiled.append(("|".join(rule.phrases), rule.run_regex, "phrases"))
    problems = []
    for pattern, rx, fieldname in compiled:
        for line in probes(rule, pattern):
            start = time.perf_counter()
            try:
                rx.search(line, timeout=budget * 4) if fieldname == "unless" else rx.fullmatch(line, timeout=budget * 4)
            except TimeoutError:
                pass
            elapsed = time.perf_counter() - start
            if elapsed > budget:
                problems.append(
                    f"{rule.id}: {fieldname} {pattern[:80]!r} is slow ({elapsed * 1000:.0f} ms, catastrophic "
                    f"backtracking?) on a {len(line)}-character line like {line[:40]!r}…: at run time it would hit "
                    f"the regex timeout ({rule.file})")
                break
    return problems


def slow_screen(rules: RuleSet, budget: float = SLOW_MATCH) -> list[str]:
    """The built-in line and marker patterns combined into one screen (``RuleSet.screen``)
    run without a timeout: probe the combination too, with every pattern's probes."""
    builtin = RuleSet([r for r in rules if r.builtin])
    screen = builtin.screen
    if screen is None:
        return []
    lines = {line: rule.id for rule in builtin.line_rules + builtin.markers for pattern in rule.patterns
             for line in probes(rule, pattern)}
    sample = list(lines)[:: max(1, len(lines) // SCREEN_PROBES)]  # a spread of them: the full set takes seconds
    for line in sample:
        start = time.perf_counter()
        try:
            screen.fullmatch(line, timeout=budget * 4)
        except TimeoutError:
            pass
        if time.perf_counter() - start > budget:
            return [f"the combined screen of line and marker patterns is slow on a {len(line)}-character "
                    f"line like {line[:40]!r}… (from {lines[line]}'s probes)"]
    return []


#: how many probe lines the combined screen is tried on
SCREEN_PROBES = 1_500


def lint(rules: RuleSet) -> list[str]:
    """Style and safety warnings beyond what loading already rejects."""
    problems = []
    for rule in rules:
        if rule.kind != "selector" and rule.builtin:  # user rules: probed by check_all
            problems += slow_patterns(rule)
    problems += slow_screen(rules)
    for rule in rules:
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
    return problems + check_all(rules)
