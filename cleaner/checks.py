"""Rule self-tests and lint: what ``cleaner rules test`` / ``rules lint`` and the
parametrised pytest run.

An example must be removed by its rule alone; a keep must survive every rule of the set.
Text examples are placed in a small article written for this purpose, where the rule's
``where`` says (head: above it; tail: below it; anywhere: in the middle), so scope is
tested too. Selector examples are HTML snippets placed after such an article.
"""
from __future__ import annotations

from lxml.html import document_fromstring

from .blocks import Page
from .html import prune
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
    before = {"head": (), "tail": FILLER, "anywhere": FILLER[:2]}[rule.where]
    after = {"head": FILLER, "tail": (), "anywhere": FILLER[2:]}[rule.where]
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
    failures = []
    for rule in rules:
        failures += check_rule(rule, rules)
    return failures


def lint(rules: RuleSet) -> list[str]:
    """Style and safety warnings beyond what loading already rejects."""
    problems = []
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
