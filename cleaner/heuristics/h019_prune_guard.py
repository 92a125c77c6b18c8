"""H019 prune-guard: selector rules and form boxes never prune the article.

What it does: judges every prune on the page as it was before anything went — never the
container trafilatura would read the article from, never more than ``PRUNE_MAX_SHARE`` of
the page's visible text or ``PRUNE_MAX_PROSE_SHARE`` of its prose all together, never prose
the page hides inside the article (a paywall, a "read more" toggle, a page streamed in
hidden chunks). It also notes where each pruned element stood (for ``cleaner explain``). It
removes nothing itself.

Why it is needed: a generic class name (``.widget-area``, ``.gallery``) can be one publisher's main
column; pruning it emptied about one page in seventy before this guard.

Example: a selector rule for ``.widget-area`` on a page whose main column is
``<div class="widget-area">`` holding the article → that prune is refused; the article stays.

Known gaps: a container trafilatura would not pick, holding the article under a share
below the limits, can still go.
"""
from __future__ import annotations

import regex
from lxml.html import HtmlElement

from ..extract import INVISIBLE, NEVER_PRUNE, detach, is_hidden, visible_chars
from ..record import Removal
from ..text import PROSE_WORDS, is_prose, phrase_key, squash
from ..xpaths import LAST_TEXT, body_candidates

# -- H019, the pruning guard ----------------------------------------------------------------
#: all the elements pruned before extraction together hold at most this share of the page's
#: visible text (script, style, template and noscript text does not count: on some pages it
#: is nine tenths of the markup)…
PRUNE_MAX_SHARE = 0.5
#: …and at most this share of the text of its paragraphs of prose; one element holding more
#: is the article (or wraps it), whatever its class says
PRUNE_MAX_PROSE_SHARE = 0.4
HIDDEN_PROSE_SHARE = 0.2
#: a paragraph shorter than this cannot be prose (fifteen words and their spaces)
PROSE_MIN_CHARS = 2 * PROSE_WORDS
#: the container trafilatura reads the article from (its own first choices, in its order),
#: and that one's ancestors, are never pruned; a candidate counts when it holds this share
#: of the page's prose
CONTAINER_MIN_PROSE_SHARE = 0.25


class PruneGuard:
    """H019: what may be pruned from one page before extraction, judged on the page as it
    was before anything went: its visible text, its paragraphs of prose, and the container
    trafilatura would read the article from. It counts everything pruned together (many
    small hidden paragraphs add up), and notes where each pruned element stood (the text
    before it) for :func:`cleaner.prune.place`."""

    def __init__(self, tree: HtmlElement, placing: bool = False):
        self.placing = placing
        body = tree.find("body")
        self.root = root = body if body is not None else tree
        self.visible = visible_chars(root)
        #: the page's paragraphs of prose and their lengths
        self.prose: dict[HtmlElement, int] = {}
        seen: dict[str, list[HtmlElement]] = {}  # prose text -> its paragraphs (H025)
        for p in root.iter("p"):
            raw = p.text_content()
            if len(raw) < PROSE_MIN_CHARS:  # too short to hold PROSE_WORDS words
                continue
            text = squash(raw)
            if is_prose(text):
                self.prose[p] = len(text)
                seen.setdefault(text, []).append(p)
        for div in root.iter("div"):  # text straight in a box of its own, no markup inside
            if not len(div) and div.text and len(div.text) >= PROSE_MIN_CHARS and is_prose(text := squash(div.text)):
                seen.setdefault(text, []).append(div)
        #: prose paragraphs the page shows more than once, side by side (H025)
        self.repeated = [(text, els) for text, els in seen.items() if len(els) > 1]
        self.prose_chars = sum(self.prose.values())
        self._tree = tree
        self._found: tuple | None = None  # (container, its prose, it and its ancestors), found when first needed
        self.pruned_visible = self.pruned_prose = 0
        self.hides_article = False
        self.anchors: dict[int, str] = {}  # id(Removal) -> the text before the element

    def hiding(self, hidden: list[HtmlElement]) -> None:
        """Note the elements the page hides: does their prose make a fair share of it?"""
        if not hidden or not self.prose_chars:
            return
        hidden_set = set(hidden)
        share = sum(n for p, n in self.prose.items() if p in hidden_set or any(a in hidden_set for a in p.iterancestors()))
        self.hides_article = share >= HIDDEN_PROSE_SHARE * self.prose_chars

    @property
    def container(self) -> HtmlElement | None:
        """The first of trafilatura's own choices of main container (its ``BODY_XPATH``, in
        its order) that holds a fair share of the page's prose; looked for only when an
        element with prose in it is up for pruning (most pruned elements hold none)."""
        return self._container()[0]

    def _container(self) -> tuple:
        if self._found is None:
            self._found = (None, 0, frozenset())
            want = CONTAINER_MIN_PROSE_SHARE * self.prose_chars
            for found in body_candidates(self._tree) if self.prose_chars else ():
                prose = self.prose_of(found)
                if prose >= want:
                    self._found = (found, prose, frozenset([found, *found.iterancestors()]))
                    break
        return self._found

    def prose_of(self, el: HtmlElement) -> int:
        """The characters of the page's prose paragraphs inside ``el``."""
        prose = self.prose
        return sum(prose.get(p, 0) for p in el.iter("p")) if prose else 0

    def spares(self, el: HtmlElement, hidden_rule: bool = False) -> bool:
        """Whether ``el`` stays: html/body/main/article, the article's container or one of
        its ancestors; and, unless ``el`` lies outside that container and holds less prose
        than it (a sidebar, a gallery beside the article), an element holding most of the
        page's prose, one that would take the share of prose or visible text pruned past its
        bound (counting what went before it), or, for the hidden-element rule, prose the page
        hides in the article (not with ``visibility: hidden``, which keeps the space of what
        it hides: a placeholder, not a collapsed text)."""
        if el.tag in NEVER_PRUNE:
            return True
        prose = self.prose_of(el)
        if prose and el in self._container()[2]:  # the container and its ancestors hold prose
            return True
        if prose and self._beside_article(el, prose) or (hidden_rule and _VISIBILITY_HIDDEN.search(el.get("style") or "")):
            return False  # beside the article, or held in place unseen (a placeholder, never a collapsed text)
        if prose > PRUNE_MAX_PROSE_SHARE * self.prose_chars:
            return True
        if prose and hidden_rule and (self.hides_article or self._inside_article(el)):
            return True
        if prose and self.pruned_prose + prose > PRUNE_MAX_PROSE_SHARE * self.prose_chars:
            return True
        visible = visible_chars(el) if self.visible else 0
        if visible and self.pruned_visible + visible > PRUNE_MAX_SHARE * self.visible:
            return True
        self.pruned_visible += visible
        self.pruned_prose += prose
        return False

    def _beside_article(self, el: HtmlElement, prose: int) -> bool:
        """Does ``el`` lie outside the article's container (neither in it nor around it),
        holding less prose than the container? Then pruning it cannot cut the article."""
        container, container_prose, _ = self._container()
        if container is None or any(x is container for x in el.iterancestors()):
            return False
        return prose < container_prose

    def drop(self, el: HtmlElement, category: str, rule: str) -> Removal | None:
        """Prune ``el`` (its tail stays); its removal, or None when it held no text."""
        text = squash(" ".join(el.itertext()))  # the record's text: blocks apart, not glued
        anchor = _anchor(el) if text and self.placing else ""
        detach(el)
        if not text:
            return None
        removal = Removal(category, rule, text)
        if self.placing:
            self.anchors[id(removal)] = anchor
        return removal

    def _inside_article(self, el: HtmlElement) -> bool:
        """Is ``el`` inside the article's container, or beside a visible paragraph of prose?"""
        container = self.container
        if container is not None and any(x is container for x in el.iterancestors()):
            return True
        parent = el.getparent()
        return parent is not None and any(c is not el and c in self.prose and not is_hidden(c) for c in parent)


_VISIBILITY_HIDDEN = regex.compile(r"(?i)visibility\s*:\s*hidden")


def _anchor(el: HtmlElement) -> str:
    """The text just before ``el`` in the document (the phrase key of its last words), to
    place its removal among the extracted blocks: the tail of an earlier sibling, or the last
    text inside it (found by XPath: no sibling's whole text is built)."""
    node = el
    while node is not None:
        prev = node.getprevious()
        while prev is not None:
            text = prev.tail if prev.tail and prev.tail.strip() else None
            if text is None and isinstance(prev.tag, str) and prev.tag not in INVISIBLE:
                found = LAST_TEXT(prev)
                text = found[-1] if found else None
            if text:
                key = phrase_key(text[-400:])
                if len(key) >= 12:
                    return key[-40:]
            prev = prev.getprevious()
        node = node.getparent()
    return ""
