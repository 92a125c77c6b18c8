"""Clean stage, HTML: the ``selector`` rules, in one walk over the tree, prune the elements
they match before extraction (never what :class:`~cleaner.heuristics.h019_prune_guard.PruneGuard`
refuses), and ``place`` puts each pruned element's removal where it stood (``cleaner explain``).
"""
from __future__ import annotations

import re
import weakref
from typing import NamedTuple

from lxml.etree import Element
from lxml.html import HtmlElement

from .extract import is_detached
from .heuristics.h019_prune_guard import PruneGuard
from .page import Page
from .record import Removal
from .ruleset import RuleSet
from .text import literal_search, phrase_key

#: the rule that prunes hidden elements: it spares prose hidden inside the article (a paywall
#: that hides paragraphs one by one, a "read more" toggle), which a script shows, and all the
#: hidden prose of a page that hides at least ``HIDDEN_PROSE_SHARE`` of its prose (a page
#: streamed in hidden chunks that a script moves into place)
HIDDEN_RULE = "NV016"


def prune(tree: HtmlElement, rules: RuleSet, keep: frozenset[str] = frozenset(),
          guard: "PruneGuard | None" = None) -> list[Removal]:
    """Remove the elements that selector rules match; return what was removed.

    Simple selectors (``.class``, ``#id``, ``tag``, ``tag.class``, one attribute test) are
    looked up in one walk over the tree; the others run as compiled XPath. What matches
    is pruned in document order under the guard (H019, :class:`PruneGuard`), which also
    notes where each pruned element stood.
    """
    matches = _selector_matches(tree, rules, keep)
    if not matches:
        return []
    guard = guard or PruneGuard(tree)
    guard.hiding([el for el, rule in matches.items() if rule.id == HIDDEN_RULE])
    removed: list[Removal] = []
    for el, rule in matches.items():
        if is_detached(el, tree) or guard.spares(el, hidden_rule=rule.id == HIDDEN_RULE):
            continue
        removal = guard.drop(el, rule.category, rule.id)
        if removal:
            removed.append(removal)
    return removed


def _selector_matches(tree: HtmlElement, rules: RuleSet, keep: frozenset[str]) -> dict[HtmlElement, object]:
    """Every element a selector rule matches (the first rule that does), in document order.

    The selectors the index keeps as XPath count only for an element no simple or
    one-attribute selector matched (the first of them, in the index's order, that matches
    it); those that only ask for classes (``div.a.b``) are tested in the walk
    (:func:`_complex_selectors`), the others evaluated first."""
    index = rules.selector_index
    if not (index.by_class or index.by_id or index.by_tag or index.by_attr or index.xpaths):
        return {}
    prepared = _prepared(index)
    complex_rules = [(rule, test) for rule, test in prepared.complex
                     if rule.category not in keep and rule.id not in keep]
    xpath_hits: dict[HtmlElement, set[int]] = {}  # element -> the complex selectors (by number) its XPath found
    for i, (rule, test) in enumerate(complex_rules):
        if not isinstance(test, tuple):
            for el in test(tree):
                if isinstance(el, HtmlElement):
                    xpath_hits.setdefault(el, set()).add(i)
    # an element's classes can meet a compound class selector only if they hold its longest class
    longest = [max(test[1], key=len) for _, test in complex_rules if isinstance(test, tuple)]
    probe = literal_search(longest) if longest else None
    matches: dict[HtmlElement, object] = {}
    by_class, by_id, by_tag, by_attr = index.by_class, index.by_id, index.by_tag, index.by_attr
    attr_matches = index.attr_matches
    class_names, attr_could = prepared.class_names, prepared.attr_could
    for el in tree.iter(Element):  # (elements only: comments and processing instructions are skipped in C)
        tag = el.tag
        hits = by_tag.get(tag, ())
        ident = classes = None
        could_match = None  # the (name, value) pairs an attribute selector may match (rare)
        for name, value in el.items():  # (one call for all the attributes: a fifth of the elements have none)
            if name == "id":
                ident = value
            elif name == "class":
                classes = value
            could = attr_could.get(name)
            if could is not None and could(value):
                could_match = [(name, value)] if could_match is None else [*could_match, (name, value)]
        if ident and ident in by_id:
            hits = [*hits, *by_id[ident]]
        if classes:
            names = classes.split()
            if not class_names.isdisjoint(names):
                for c in names:
                    if c in by_class:
                        hits = [*hits, *by_class[c]]
        rule = None
        for want_tag, hit in hits:
            if (want_tag is None or want_tag == tag) and hit.category not in keep and hit.id not in keep:
                rule = matches[el] = hit
                break
        if could_match is not None and rule is None:
            for name, value in could_match:
                for want_tag, op, want, hit in by_attr[name]:
                    if ((want_tag is None or want_tag == tag) and attr_matches(op, value, want)
                            and hit.category not in keep and hit.id not in keep):
                        rule = matches.setdefault(el, hit)
        if complex_rules and rule is None and (classes and probe and probe(classes) or el in xpath_hits):
            rule = _first_complex(el, tag, classes, complex_rules, xpath_hits.get(el, ()))
            if rule is not None:
                matches[el] = rule
    return matches


#: white space as XPath's ``normalize-space`` reads it (which cssselect's ``.class`` uses)
_XML_SPACE = re.compile(r"[ \t\r\n]+")
#: a compound class selector: an optional tag and two or more classes (``.a.b``, ``div.a.b``)
_CLASSES_ONLY = re.compile(r"(?P<tag>[a-z][a-z0-9-]*)?(?P<classes>(?:\.[\w-]+){2,})")


class _Prepared(NamedTuple):
    """What the walk reads from a selector index, made once per index (:func:`_prepared`)."""

    class_names: frozenset[str]  # the classes its simple selectors ask for: most elements have none
    attr_could: dict[str, object]  # attribute name -> could one of its selectors match this value?
    complex: tuple  # its XPath selectors as (rule, test) (:func:`_complex_selectors`)


_PREPARED: "weakref.WeakKeyDictionary[object, _Prepared]" = weakref.WeakKeyDictionary()


def _prepared(index) -> _Prepared:
    """The walk's view of ``index``, kept as long as the index lives (a rule set makes one per
    site when some of its rules are a site's own)."""
    found = _PREPARED.get(index)
    if found is None:
        found = _PREPARED[index] = _Prepared(frozenset(index.by_class), _attr_prefilters(index), _complex_selectors(index))
    return found


def _complex_selectors(index) -> tuple:
    """The index's XPath selectors as ``(rule, test)``: for a compound class selector the test
    is ``(tag or None, the classes)``, checked against an element's classes in the walk
    (one XPath of ``contains(concat(' ', normalize-space(@class), ' '), …)`` costs a third of
    the walk); else the compiled XPath."""
    out = []
    for rule, xpath in index.xpaths:
        pattern = next((p for p, x in zip(rule.patterns, rule.xpaths) if x is xpath), "")
        m = _CLASSES_ONLY.fullmatch(pattern.strip())
        out.append((rule, (m["tag"], frozenset(m["classes"][1:].split("."))) if m else xpath))
    return tuple(out)


def _first_complex(el: HtmlElement, tag: str, classes: str | None, complex_rules: list, found: set[int]):
    """The first complex selector's rule that matches ``el`` (``found``: those whose XPath
    found it), or None."""
    tokens = None
    for i, (rule, test) in enumerate(complex_rules):
        if not isinstance(test, tuple):
            if i in found:
                return rule
            continue
        want_tag, want = test
        if classes and (want_tag is None or want_tag == tag):
            if tokens is None:
                tokens = set(_XML_SPACE.split(classes))
            if want <= tokens:
                return rule
    return None


def _attr_prefilters(index) -> dict[str, object]:
    """For each attribute name the index's one-attribute selectors test, one call that tells
    whether any of their operators could match a value (``SelectorIndex.attr_matches``, tags
    and kept rules aside): most values of ``id``, ``class`` and ``style`` match none, and are
    then not tried one selector at a time."""
    could = {}
    for name, entries in index.by_attr.items():
        ops = {(op, want) for _, op, want, _ in entries}
        equal = frozenset(want for op, want in ops if op == "=")
        starts = tuple(want for op, want in ops if op == "^=" and want)  # ("[a^='']" matches nothing)
        ends = tuple(want for op, want in ops if op == "$=" and want)
        inside = [want for op, want in ops if op not in (None, "=", "^=", "$=") and want]  # ("*=", as attr_matches reads it)
        if any(op is None for op, _ in ops):
            could[name] = lambda value: True  # (presence: any value)
        elif not (starts or ends or inside):
            could[name] = equal.__contains__
        elif not (equal or ends or inside):
            could[name] = lambda value, starts=starts: value.startswith(starts)
        elif not (equal or starts or ends):
            could[name] = literal_search(inside)
        else:
            search = literal_search(inside)
            could[name] = lambda value, equal=equal, starts=starts, ends=ends, search=search: (
                value in equal or value.startswith(starts) or value.endswith(ends) or search(value) is not None)
    return could


def place(page: Page, removed: list[Removal], anchors: dict[int, str]) -> None:
    """Put each pruned element's removal where it stood: before the block that follows the
    text just before it, or beside the pruned element that text belongs to (a comment
    section after the post navigation, both pruned); first, when neither is known."""
    keys = [phrase_key(b.text) for b in page.blocks]
    at, unplaced = 0, []
    placed: list[tuple[str, int]] = []  # (phrase key of a placed removal's text, its place)
    for r in removed:
        anchor = anchors.get(id(r), "")
        found = next((i + 1 for i in range(at, len(keys)) if anchor and anchor in keys[i]), None)
        if found is None and anchor:
            found = next((where for key, where in reversed(placed) if anchor in key), None)
        if found is None:
            unplaced.append(r)
            continue
        at = max(at, found - 1)
        placed.append((phrase_key(r.text[-400:]), found))
        page.pruned_at.setdefault(found, []).append(r)
    page.removed = [*page.removed, *unplaced]
