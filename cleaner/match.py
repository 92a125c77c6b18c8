"""Clean stage: run the compiled text rules over a page's blocks, in one pass.

Order of business per block: ``keep`` exceptions mark what is protected; ``run`` rules
find runs of share-network names; then each block still in the body is tried against
the ``marker`` rules (which open a zone: the marker and what follows belong to its
category, unless H021, :mod:`cleaner.heuristics.h021_zone_stops`, finds the marker inside
the article) and the ``line``/``phrase`` rules (a block a specific rule matches keeps that
rule's category, inside a zone or not). Blocks longer than any rule's ``max_chars`` are
prose and skip the loop entirely, and ``RuleSet.screen`` (the built-in line and marker
patterns, one pass over the document: ``Screen.rules_sized_many``) turns most of the others away from the
built-in rules and names the few a block it lets through meets: that keeps this stage
cheap. User rules are tried on every block, one by one.

Named groups of matching ``line`` rules hand metadata on (``Page.note``), whether or
not the category is kept in the body.

Limits (:mod:`cleaner.limits`): the patterns of user rules run with a regex timeout
(``Limits.regex_timeout``, cut to the document's time left); an overrun stops the document
with a :class:`~cleaner.limits.RuleTimeout` naming the rule. Built-in rules are probed by
``cleaner rules lint`` instead (a timer costs more than their match), and so is the screen,
which never holds a user pattern.
The document deadline is checked every 16 blocks.
"""
from __future__ import annotations

import regex

from . import limits
from .heuristics.h021_zone_stops import ZONE_AFTER_PROSE, in_share_bar, opens_zone
from .limits import LimitError, RuleTimeout
from .page import Page
from .rule import Rule
from .ruleset import RuleSet
from .text import FIRST_WORD, is_prose, phrase_key_within, squash


def apply_rules(page: Page, rules: RuleSet) -> None:
    blocks = page.blocks
    if not blocks:
        return
    budget = limits.current()
    deadline = budget.deadline
    _protect(page, rules, budget)
    head_end, tail_start = page.head_end(), page.tail_start()

    def in_scope(rule: Rule, i: int) -> bool:
        if rule.where == "anywhere":
            return True
        if rule.where == "head":
            return i < head_end
        if rule.where == "body":  # from the first paragraph of prose on
            return i >= head_end
        return i >= head_end and blocks[i].start >= tail_start  # the tail never reaches into the head

    # how every rule sees a block (line by line: one scan of the lines joined, a third slower,
    # reads them all as wide as the widest, and most lines are ASCII; session 15)
    squashed = [squash(b.text) for b in blocks]
    _runs(page, rules, in_scope, budget, squashed)

    limit = rules.max_block_chars
    # "- Published May 2, 2024" as its line
    unbulleted = [_unbulleted(text) if text[:1] in _BULLETS else text for text in squashed]
    # the screen holds the built-in patterns only (user patterns that are each fast can
    # backtrack together): a block it turns away still meets the user rules, one by one,
    # each with its timeout
    screen, marker_keys = rules.screen, rules.marker_keys
    unscreened = rules.unscreened("marker"), rules.unscreened("line")
    phrase_index, longest_key = rules.phrase_index, rules.longest_phrase_key
    answers: dict[str, set[Rule] | None] = {}  # the screen's, once per text of this document
    if screen is not None:  # every block the loop asks about (none is removed before it gets there), in one pass
        asked = list(dict.fromkeys(text for text, block in zip(unbulleted, blocks)
                                   if block.removal is None and len(text) <= limit))
        answers = dict(zip(asked, screen.rules_sized_many(asked)))

    def screened(text: str, key: str) -> set[Rule] | None:
        return None if screen is None or key in marker_keys else answers[text]

    zone: Rule | None = None
    seen_prose = 0  # paragraphs of prose kept before this block: ZONE_AFTER_PROSE of them, the article has begun
    for i, block in enumerate(blocks):
        if deadline is not None and not i & 15:
            budget.check("matching the rules")
        if block.removal is not None:
            continue
        text = unbulleted[i]
        if len(text) <= limit:  # longer blocks are prose no rule looks at
            key = phrase_key_within(text, longest_key)
            markers, lines = _screened(rules, screened(text, key), unscreened)
            marker = _first_match(markers, text, key, i, in_scope, budget) if markers else None
            if marker is not None:
                rule = marker[0]
                page.remove(block, rule.category, rule.id)
                zone = rule if rule.stop_at_body or "H021" in page.keep or (opens_zone(
                    blocks, i, page.extracted, seen_prose >= ZONE_AFTER_PROSE) and not in_share_bar(blocks, i)) else None
                continue
            hit = _first_match(phrase_index[key], text, key, i, in_scope, budget) if key in phrase_index else None
            if hit is None and lines:
                hit = _first_match(lines, text, key, i, in_scope, budget)
            if hit is not None:
                rule, m = hit
                _hand_on(page, m)
                page.remove(block, rule.category, rule.id)
                continue
        if zone is not None:
            if zone.stop_at_body and is_prose(text) and not _KEYWORDS.fullmatch(text):
                zone = None
            else:
                page.remove(block, zone.category, zone.id)
        if seen_prose < ZONE_AFTER_PROSE and block.removal is None and is_prose(text):
            seen_prose += 1


def _screened(rules: RuleSet, found: set[Rule] | None,
              unscreened: tuple[list[Rule], list[Rule]]) -> tuple[list[Rule], list[Rule]]:
    """The marker and line rules a block meets, in their order: every one when the screen
    cannot tell (``found`` None: a marker phrase, no screen, a line it cannot read), else
    the user's own (``unscreened``) and the built-in ones the screen found a pattern of."""
    if found is None:
        return rules.markers, rules.line_rules
    if not found:
        return unscreened
    ranks = rules.screened_ranks
    if ranks is not None:  # no user rules: the few found, in their order (measured: a walk of every rule took 2 %)
        marker_rank, line_rank = ranks
        return (sorted([r for r in found if r in marker_rank], key=marker_rank.__getitem__),
                sorted([r for r in found if r in line_rank], key=line_rank.__getitem__))
    return ([r for r in rules.markers if not r.builtin or r in found],
            [r for r in rules.line_rules if not r.builtin or r in found])


#: a line of keywords ("tag one, tag two, tag three, …"): long enough to pass for prose, yet no
#: sentence; it does not close a zone that stops at the body (the tags under a "Tags" heading)
_KEYWORDS = regex.compile(r"[^.!?,;:]{1,60}(?:,[^.!?,;:]{1,60}){4,},?")


#: a list bullet before a line: the rules see the line without it
_BULLET = regex.compile(r"^[-•·*▪►]\s+(?=\S)")
_BULLETS = "-•·*▪►"  # what _BULLET starts with


def _unbulleted(text: str) -> str:
    """A squashed line without its list bullet, if it has one (one opening on ``_BULLETS``)."""
    bullet = _BULLET.match(text)
    return text if bullet is None else text[bullet.end():]


def _first_match(candidates, text: str, key: str, i: int, in_scope, budget) -> tuple[Rule, object] | None:
    for rule in candidates:
        if in_scope(rule, i):
            if rule.builtin:
                m = rule.match_squashed(text, key)
            else:
                try:
                    m = rule.match_squashed(text, key, timeout=budget.regex_timeout())
                except TimeoutError:
                    raise overrun(rule, budget) from None
            if m:
                return rule, m
    return None


def overrun(rule: Rule, budget: limits.Budget) -> LimitError:
    """The error for a rule whose regex ran out of time: the document's deadline, or
    the rule's own fault (named, with its file)."""
    left = budget.remaining()
    if left is not None and left <= 0.001:
        return budget.timeout_error(f"in rule {rule.id}")
    return RuleTimeout(
        f"rule {rule.id} ({rule.file}) ran past the regex time limit of {budget.limits.regex_timeout:g} s on one "
        f"line: a pattern backtracks; check it with `cleaner rules lint`", rule=rule.id, file=rule.file)


def _hand_on(page: Page, m) -> None:
    """Named groups of a line rule become metadata candidates."""
    if m is True:
        return
    for name, value in m.groupdict().items():
        if value:
            page.note(name, value.strip())


def _protect(page: Page, rules: RuleSet, budget: limits.Budget) -> None:
    if not rules.keeps:
        return
    for block in page.blocks:
        spared = set()
        for rule in rules.keeps:
            try:
                hit = rule.match(block.text, timeout=None if rule.builtin else budget.regex_timeout())
            except TimeoutError:
                raise overrun(rule, budget) from None
            if hit:
                spared.update(rule.categories or ("*",))
        if spared:
            block.protected = frozenset(spared)


def _runs(page: Page, rules: RuleSet, in_scope, budget: limits.Budget, squashed: list[str]) -> None:
    """Runs of consecutive blocks made only of a run rule's phrases (and, with ``labels``,
    short labels between them). ``squashed``: each block's text squashed."""
    blocks = page.blocks
    if not rules.runs:
        return
    # what Rule.run_count turns most blocks away by, worked out once per block for every rule:
    # the blocks by first word (casefolded), and those short enough for a label, by their words
    by_first: dict[str | None, list[int]] = {}
    # (line by line: a findall over the lines joined was a third slower, session 15)
    for i, word in enumerate(map(_first_word, squashed)):
        by_first.setdefault(word, []).append(i)
    most_words = max(rule.labels for rule in rules.runs)
    found: list[list[tuple[int, int]]] = []

    def short() -> list[tuple[int, int]]:
        """The blocks short enough for a label, with their words: worked out the first time a
        rule with labels has a phrase (in most documents none has; measured: apply_rules 1-2 %
        quicker than with the list made for every document)."""
        if not found:
            found.append([(i, words) for i, words in enumerate(_words(text) for text in squashed) if words <= most_words])
        return found[0]

    for rule in rules.runs:
        counts, phrased = _run_counts(rule, blocks, in_scope, budget, squashed, by_first, short)
        i = 0
        for start in phrased:  # a run starts on a phrase
            if start < i:
                continue  # inside the run before
            i = start
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


def _words(text: str) -> int:
    """How many words a squashed block has: what makes it a label."""
    return text.count(" ") + 1 if text else 0


def _first_word(text: str) -> str | None:
    """``FIRST_WORD``'s word, casefolded. A squashed line that opens on ASCII letters and
    digits up to its first space (most do) has that for its first word, read without the
    regex."""
    end = text.find(" ")
    head = text if end < 0 else text[:end]
    if head.isascii() and head.isalnum():
        return head.lower()
    first = FIRST_WORD.match(text)
    return first[1].casefold() if first is not None else None


def _run_counts(rule: Rule, blocks, in_scope, budget: limits.Budget, squashed: list[str],
                by_first: dict[str | None, list[int]], short) -> tuple[list[int], list[int]]:
    """Phrases of ``rule`` in each block (0: breaks the run; -1: a label the run may pass
    over), and the blocks that hold some, in order. ``squashed``: each block's text
    squashed; ``by_first``: the blocks by first word; ``short()``: the blocks of as few words
    as a label may have, with their words. Only the blocks whose first word starts a phrase
    of the rule are counted (:meth:`Rule.run_count`'s first checks, made here once for all
    the blocks); the short ones are tried as labels only when some block has a phrase."""
    counts = [0] * len(blocks)
    phrased: list[int] = []
    anywhere = rule.where == "anywhere"

    def open_to(i: int) -> bool:
        return blocks[i].removal is None and (anywhere or in_scope(rule, i))

    if rule.run_regex is not None:
        firsts = rule.run_firsts
        maybe = range(len(blocks)) if firsts is None else sorted(
            i for word in by_first.keys() & firsts for i in by_first[word])
        for i in maybe:
            if len(squashed[i]) > rule.max_chars or not open_to(i):
                continue
            if rule.builtin:
                counts[i] = rule.count_run(squashed[i])
            else:
                try:
                    counts[i] = rule.count_run(squashed[i], timeout=budget.regex_timeout())
                except TimeoutError:
                    raise overrun(rule, budget) from None
            if counts[i]:
                phrased.append(i)
    if rule.labels and phrased:
        for i, words in short():
            if not counts[i] and words <= rule.labels and open_to(i) and not _LABEL_END.search(blocks[i].text):
                counts[i] = -1
    return counts, phrased
