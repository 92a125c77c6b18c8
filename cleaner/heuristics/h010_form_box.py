"""H010 form-box: a form asking for an e-mail address is a sign-up box; it goes with its small box.

What it does: in the HTML, before extraction, a ``<form>`` with an e-mail field (or a text
area: a comment form) goes, with the box around it (heading, pitch, fine print) up to two
levels up while the box stays short and holds no prose but the pitch — never what the prune
guard (H019) refuses.

Why it is boilerplate: newsletter and comment forms sit inside article containers, and their
text ("Sign up for our newsletter", "Your email address will not be published") reaches the body.

Example: ``<div><h3>Get the briefing</h3><form><input type="email"></form></div>`` → pruned,
recorded as newsletter H010.

Known gaps: a sign-up box without a form (a link to a sign-up page) is left to the rules.
"""
from __future__ import annotations

import regex
from lxml.html import HtmlElement

from ..extract import NEVER_PRUNE, is_detached
from ..record import Removal
from ..text import is_prose, squash
from ..xpaths import EMAIL_FORMS
from .h019_prune_guard import PruneGuard

_SIGNUP = regex.compile(
    r"\b(?:sign(?:ing)?[ -]?up|(?:un)?subscri(?:be|bing|ption)|newsletters?|inbox|e-?mail|privacy policy|terms of (?:use|service))\b",
    regex.IGNORECASE,
)
#: a box around a form is at most this long; it never holds a paragraph of prose besides
BOX_MAX_CHARS = 600


def form_boxes(tree: HtmlElement, keep: frozenset[str] = frozenset(), guard: "PruneGuard | None" = None) -> list[Removal]:
    """H010: a form asking for an e-mail address is a newsletter sign-up box (with a text
    area, a comment form). The form goes with the small box around it (heading, pitch,
    fine print): up to two levels up, while the box stays short and holds no prose but
    the pitch.
    """
    removed: list[Removal] = []
    forms = EMAIL_FORMS(tree)
    guard = guard or (PruneGuard(tree) if forms else None)
    for form in forms:
        if is_detached(form, tree):
            continue
        category = "comments" if form.find(".//textarea") is not None else "newsletter"
        if category in keep or "H010" in keep:
            continue
        box = form
        for _ in range(2):
            parent = box.getparent()
            if parent is None or parent.tag in NEVER_PRUNE:
                break
            if _longer_than(parent, BOX_MAX_CHARS) or any(
                child is not box and _is_story_text(child) for child in parent
            ):
                break
            box = parent
        if category == "newsletter" and not _SIGNUP.search(squash(" ".join(box.itertext()))):
            continue
        if guard.spares(box):
            continue
        removal = guard.drop(box, category, "H010")
        if removal:
            removed.append(removal)
    return removed


def _longer_than(el: HtmlElement, limit: int) -> bool:
    """``len(squash(el.text_content())) > limit``, its text read piece by piece until that is
    sure: a prefix of a text squashes to no more than the whole does (a form whose parent is
    the page's body read all of the page for each form: quadratic on a page of many forms)."""
    pieces: list[str] = []
    n, check = 0, limit
    for piece in el.itertext():
        pieces.append(piece)
        n += len(piece)
        if n > check:  # (checked again each time the text read doubles: linear in it)
            if len(squash("".join(pieces))) > limit:
                return True
            check = 2 * n
    return len(squash("".join(pieces))) > limit


def _is_story_text(el: HtmlElement) -> bool:
    """Prose that is not a sign-up pitch: a box around a form never holds it."""
    if not isinstance(el.tag, str):
        return False
    text = squash(el.text_content())
    return is_prose(text) and not _SIGNUP.search(text)
