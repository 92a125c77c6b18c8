"""H010 form-box.
"""
from __future__ import annotations


import regex
from lxml.etree import XPath
from lxml.html import HtmlElement

from ..extract import NEVER_PRUNE, is_detached
from .h019_prune_guard import PruneGuard
from ..record import Removal
from ..text import is_prose, squash

_EMAIL_FORMS = XPath(
    "//form[.//input[@type='email' or contains(translate(@name, 'EMAIL', 'email'), 'email')"
    " or contains(translate(@placeholder, 'EMAIL', 'email'), 'email')]]"
)
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
    forms = _EMAIL_FORMS(tree)
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
            if len(squash(parent.text_content())) > BOX_MAX_CHARS or any(
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


def _is_story_text(el: HtmlElement) -> bool:
    """Prose that is not a sign-up pitch: a box around a form never holds it."""
    if not isinstance(el.tag, str):
        return False
    text = squash(el.text_content())
    return is_prose(text) and not _SIGNUP.search(text)
