"""Stage 3: run the compiled text rules over a page's blocks, in one pass.

Order of business per block: ``keep`` exceptions mark what is protected; ``run`` rules
find runs of share-network names; then each block still in the body is tried against
the ``marker`` rules (which open a zone: the marker and what follows belong to its
category) and the ``line``/``phrase`` rules (a block a specific rule matches keeps that
rule's category, inside a zone or not). Blocks longer than any rule's ``max_chars`` are
prose and skip the loop entirely, which is what keeps this stage cheap.

Named groups of matching ``line`` rules hand metadata on (``Page.note``), whether or
not the category is kept in the body.
"""
from __future__ import annotations

import regex

from .blocks import Page, is_prose
from .rules import Rule, RuleSet, phrase_key, squash


def apply_rules(page: Page, rules: RuleSet) -> None:
    blocks = page.blocks
    if not blocks:
        return
    _protect(page, rules)
    head_end, tail_start = page.head_end(), page.tail_start()

    def in_scope(rule: Rule, i: int) -> bool:
        if rule.where == "anywhere":
            return True
        if rule.where == "head":
            return i < head_end
        return blocks[i].start >= tail_start

    _runs(page, rules, in_scope)

    limit = rules.max_block_chars
    zone: Rule | None = None
    for i, block in enumerate(blocks):
        if block.removal is not None:
            continue
        text = squash(block.text)
        if len(text) <= limit:  # longer blocks are prose no rule looks at
            key = phrase_key(text)
            marker = _first_match(rules.markers, text, key, i, in_scope)
            if marker is not None:
                zone = marker[0]
                page.remove(block, zone.category, zone.id)
                continue
            hit = _first_match(rules.phrase_index.get(key, ()), text, key, i, in_scope) or _first_match(
                rules.line_rules, text, key, i, in_scope)
            if hit is not None:
                rule, m = hit
                _hand_on(page, m)
                page.remove(block, rule.category, rule.id)
                continue
        if zone is not None:
            if zone.stop_at_body and is_prose(text):
                zone = None
            else:
                page.remove(block, zone.category, zone.id)


def _first_match(candidates, text: str, key: str, i: int, in_scope) -> tuple[Rule, object] | None:
    for rule in candidates:
        if in_scope(rule, i):
            m = rule.match_squashed(text, key)
            if m:
                return rule, m
    return None


def _hand_on(page: Page, m) -> None:
    """Named groups of a line rule become metadata candidates."""
    if m is True:
        return
    for name, value in m.groupdict().items():
        if value:
            page.note(name, value.strip())


def _protect(page: Page, rules: RuleSet) -> None:
    if not rules.keeps:
        return
    for block in page.blocks:
        spared = set()
        for rule in rules.keeps:
            if rule.match(block.text):
                spared.update(rule.categories or ("*",))
        if spared:
            block.protected = frozenset(spared)


def _runs(page: Page, rules: RuleSet, in_scope) -> None:
    """Runs of consecutive blocks made only of a run rule's phrases (and, with ``labels``,
    short labels between them)."""
    blocks = page.blocks
    for rule in rules.runs:
        counts = [_run_count(rule, blocks, i, in_scope) for i in range(len(blocks))]
        i = 0
        while i < len(blocks):
            if counts[i] <= 0:
                i += 1
                continue
            j = i
            while j < len(blocks) and counts[j] != 0:
                j += 1
            end = j
            while counts[end - 1] < 0:  # a run ends on a phrase, not on a label
                end -= 1
            if sum(c for c in counts[i:end] if c > 0) >= rule.min_run:
                for block in blocks[i:end]:
                    page.remove(block, rule.category, rule.id)
            i = j


_LABEL_END = regex.compile(r"[.!?,;:\"”)]$")


def _run_count(rule: Rule, blocks, i: int, in_scope) -> int:
    """Phrases in block i (0: breaks the run; -1: a label the run may pass over)."""
    block = blocks[i]
    if block.removal is not None or not in_scope(rule, i):
        return 0
    count = rule.run_count(block.text)
    if count or not rule.labels:
        return count
    words = block.text.split()
    return -1 if len(words) <= rule.labels and not _LABEL_END.search(block.text) else 0
