"""H008 over-removal-guard: when removals would cut most of the article's prose, they are undone.

What it does: after every rule and heuristic ran, a marker's zone that runs over more than
``ZONE_MAX_SHARE`` of the text without a paragraph of prose is undone but for its marker
line; then, if the prose left is under ``GUARD_SHARE`` of the prose there was and under
``GUARD_CHARS`` characters, the prose removals are undone (a comment thread after the
article excepted); embeds and the metadata lines of built-in rules stay removed, a user
rule's do not.

Why it is needed: it guards the article. A long comment thread after a real article may
go; an article whose prose mostly vanished means a rule went wrong (a marker too early, a
user rule too broad). Losing article text is worse than leaving a stray line.

Example: a user's ``line`` rule ``.+`` (no length bound) matches every line of a short
article → its paragraphs of prose come back; its short lines stay removed.

Known gaps: a wrong removal that takes less than the guard's share is not undone.
"""
from __future__ import annotations

from ..page import Page
from ..text import is_prose
from . import Context

GUARD_SHARE = 1 / 3
#: …and what stays is shorter than this many characters
GUARD_CHARS = 500
#: a marker's zone without prose may take at most this share of the text
ZONE_MAX_SHARE = 1 / 2


def guard(page: Page, markers: frozenset[str] = frozenset(), user: frozenset[str] = frozenset()) -> None:
    """H008: undo removals of prose when they would cut most of the article.

    A long comment thread removed after a real article is fine; an article whose prose
    mostly vanished is a rule gone wrong (a marker too early, a user rule too broad), so
    the prose comes back. Embeds and metadata lines taken by the built-in rules and
    heuristics (bylines, datelines, titles) are not prose and stay removed; a ``user`` rule
    (one of those ids) gets no such exemption, whatever its category: a user's marker
    ``.+`` of category ``metadata`` cannot empty the article.

    A zone opened by one of the ``markers`` that runs over more than ``ZONE_MAX_SHARE``
    of the text without a single paragraph of prose in it (a table of contents in a
    document of short lines, where no paragraph ever closes the zone) is undone but for
    the marker line itself. A comment thread longer than the article has prose and stays.
    """
    _zones(page, markers)
    if _kept_prose_reaches(page, GUARD_CHARS):
        return  # (the test below would say so, once every block is read)
    prose = [b for b in page.blocks if is_prose(b.text)]
    kept = sum(len(b.text) for b in prose if b.kept)
    total = sum(len(b.text) for b in prose)
    if not total or kept >= GUARD_SHARE * total or kept >= GUARD_CHARS:
        return
    thread = _comment_thread(page, markers)
    for b in prose:
        if b.removal is not None and id(b) not in thread and (
            b.removal.rule in user or b.removal.category not in ("embedded_tweet", "metadata")
        ):
            page.restore(b)


def _kept_prose_reaches(page: Page, chars: int) -> bool:
    """Do the kept paragraphs of prose hold ``chars`` characters or more? Read from the
    top, until they do."""
    kept = 0
    for b in page.blocks:
        if b.kept and is_prose(b.text):
            kept += len(b.text)
            if kept >= chars:
                return True
    return False


def _comment_thread(page: Page, markers: frozenset[str]) -> set[int]:
    """The blocks of a comment zone that opens after kept prose: a short article with a
    long thread under it is still a short article, and its thread stays removed."""
    seen_prose, inside = False, set()
    for b in page.blocks:
        if inside:
            inside.add(id(b))
        elif b.kept and is_prose(b.text):
            seen_prose = True
        elif seen_prose and b.removal is not None and b.removal.category == "comments" and b.removal.rule in markers:
            inside.add(id(b))
    return inside


def _zones(page: Page, markers: frozenset[str]) -> None:
    blocks, total = page.blocks, sum(len(b.text) for b in page.blocks)
    i = 0
    while i < len(blocks):
        removal = blocks[i].removal
        if removal is None or removal.rule not in markers:
            i += 1
            continue
        j = i + 1
        # the zone runs on through lines other rules took inside it (a share-button label in a
        # table of contents): judged in halves, each half could pass for a small zone
        while j < len(blocks) and blocks[j].removal is not None and (
            blocks[j].removal.rule == removal.rule or blocks[j].removal.rule not in markers
        ):
            j += 1
        zone = blocks[i:j]
        if sum(len(b.text) for b in zone) > ZONE_MAX_SHARE * total and not any(is_prose(b.text) for b in zone):
            for b in blocks[i + 1 : j]:
                if b.removal.rule == removal.rule:
                    page.restore(b)
        i = j


def run(page: Page, context: Context) -> None:
    """H008 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    guard(page, context.rules.marker_ids, context.rules.user_ids)
