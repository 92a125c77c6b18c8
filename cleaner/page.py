"""Page stage: the page of blocks, the unit every rule and heuristic looks at.

A block is one non-empty line. The :class:`Page` carries the blocks and everything the
later stages find (the metadata :class:`Candidates`, embeds, the dateline) on its way to
the record.
Removing a block goes through :meth:`Page.remove`, which honours the categories the user
keeps and the ``keep`` exception rules, and records what left and why.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .record import Dateline, Embed, Removal
from .text import is_prose

#: how many blocks "head" may span at most (the blocks before the first prose paragraph)
HEAD_MAX_BLOCKS = 12
#: "tail" starts once this share of the text, or TAIL_CHARS characters, has gone by
TAIL_SHARE, TAIL_CHARS = 0.4, 1500


class LinkItem(NamedTuple):
    """An item of a link list (H012): its category, whether its list counts on its own (a
    two-item list counts only beside a longer one: the last row of a grid of story cards),
    and whether it counts only after the article's last paragraph (a list of headlines whose
    links sit inside the items: a "more stories" box there, a list of sources mid-article)."""

    category: str
    strong: bool
    tail_only: bool = False


def first(values: list[str]) -> str | None:
    """The first of a field's candidates (None: there is none)."""
    return values[0] if values else None


@dataclass(slots=True)
class Candidates:
    """Metadata candidates by field, each in the order the stages found them;
    :func:`cleaner.metadata.merge` picks among them. ``html_*``, ``sitename``,
    ``description`` and ``standfirst`` come from the markup (the HTML stage); the others
    from the text: the rules' named groups (``source``, ``authors``, ``date``, ``section``,
    ``bio``) and the heuristics (``title``, ``title_suffix``, ``section``)."""

    title: list[str] = field(default_factory=list)
    title_suffix: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    date: list[str] = field(default_factory=list)
    bio: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)
    standfirst: list[str] = field(default_factory=list)
    html_title: list[str] = field(default_factory=list)
    html_authors: list[str] = field(default_factory=list)
    html_date: list[str] = field(default_factory=list)
    html_section: list[str] = field(default_factory=list)
    sitename: list[str] = field(default_factory=list)

    def add(self, name: str, value: str | None) -> None:
        """Add ``value`` (when there is one) to the field ``name``."""
        if value:
            getattr(self, name).append(value)


@dataclass(slots=True)
class Block:
    text: str
    start: int  # offset of the block in the text, for head/tail scope
    removal: Removal | None = None
    protected: frozenset[str] | None = None  # categories a keep rule spares it from ("*": all)

    @property
    def kept(self) -> bool:
        return self.removal is None


@dataclass
class Page:
    """A document on its way through the pipeline."""

    blocks: list[Block]
    url: str | None = None
    host: str | None = None
    keep: frozenset[str] = frozenset()
    #: metadata candidates by field, in the order found; metadata.py picks among them
    found: Candidates = field(default_factory=Candidates)
    embeds: list[Embed] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)  # removals outside the blocks, placed first
    #: pruned HTML elements by where they stood: the index of the block they came before
    pruned_at: dict[int, list[Removal]] = field(default_factory=dict)
    #: the text is the cleaner's own extraction from HTML (comment sections left out)
    extracted: bool = False
    #: what the record's ``warnings`` say (``{"code", "message"}``)
    warnings: list[dict[str, str]] = field(default_factory=list)
    spans: list[tuple[Block, Removal]] = field(default_factory=list)  # parts cut out of a block
    dateline: Dateline | None = None
    language: str | None = None
    #: phrase keys of the items of link lists in the HTML (H012)
    link_items: dict[str, LinkItem] = field(default_factory=dict)
    #: the text the blocks are the lines of (None: blocks made otherwise, or one cut since): a
    #: string the text does not hold no block holds (a heuristic that looks for one in each
    #: block asks the text first)
    source: str | None = None

    @classmethod
    def from_text(cls, text: str, **kw) -> "Page":
        blocks, pos = [], 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped:
                blocks.append(Block(stripped, pos + line.find(stripped[0])))
            pos += len(line) + 1
        return cls(blocks=blocks, source=text, **kw)

    def lacks(self, *parts: str) -> bool:
        """Does the source text hold none of ``parts``, so no block holds one? (False when the
        blocks have no source text, or one was cut since: every block must be looked at.)"""
        return self.source is not None and not any(part in self.source for part in parts)

    # -- scope ---------------------------------------------------------------
    @property
    def total_chars(self) -> int:
        return self.blocks[-1].start + len(self.blocks[-1].text) if self.blocks else 0

    def head_end(self) -> int:
        """Index of the first block after the head: the first prose paragraph (capped)."""
        for i, b in enumerate(self.blocks[:HEAD_MAX_BLOCKS]):
            if b.kept and is_prose(b.text):
                return i
        return min(3, len(self.blocks))

    def last_prose(self) -> int | None:
        """Index of the last kept paragraph of prose (None: there is none)."""
        blocks = self.blocks
        for i in range(len(blocks) - 1, -1, -1):  # from the end: it is usually among the last few
            if blocks[i].kept and is_prose(blocks[i].text):
                return i
        return None

    def tail_start(self) -> int:
        """Character offset from which blocks count as tail."""
        return min(int(self.total_chars * TAIL_SHARE), TAIL_CHARS)

    # -- changes ---------------------------------------------------------------
    def note(self, name: str, value: str | None) -> None:
        """Record a metadata candidate (``title``, ``source``, ``authors``, ``date``, …)."""
        self.found.add(name, value)

    def remove(self, block: Block, category: str, rule: str) -> bool:
        """Take ``block`` out of the body unless the user keeps the category or a keep
        rule protects it. Returns whether it was removed."""
        if block.removal is not None:
            return False
        if category in self.keep or rule in self.keep:
            return False
        if block.protected and ("*" in block.protected or category in block.protected):
            return False
        block.removal = Removal(category, rule, block.text)
        return True

    def restore(self, block: Block) -> None:
        block.removal = None

    # -- results ---------------------------------------------------------------
    def body(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if b.kept)

    def cut(self, block: Block, start: int, end: int, category: str, rule: str) -> None:
        """Remove the span ``start:end`` of a block's text (a dateline), recorded in place."""
        self.spans.append((block, Removal(category, rule, block.text[start:end].strip())))
        block.text = (block.text[:start] + block.text[end:]).strip()
        self.source = None  # (the cut may join what stood apart in it)

    def removals(self) -> list[Removal]:
        """Everything removed, in document order (pruned HTML where it stood, or first when
        its place is unknown)."""
        return [r for _, r in self.in_order() if r is not None]

    def in_order(self) -> list[tuple[str, Removal | None]]:
        """Every block and every removal in document order, as (text, removal or None):
        what ``cleaner explain`` shows."""
        spans: dict[int, list[Removal]] = {}
        for block, removal in self.spans:
            spans.setdefault(id(block), []).append(removal)
        out: list[tuple[str, Removal | None]] = [(r.text, r) for r in self.removed]
        pruned = self.pruned_at
        for i, b in enumerate(self.blocks):
            if i in pruned:
                out += [(r.text, r) for r in pruned[i]]
            if spans and id(b) in spans:
                out += [(r.text, r) for r in spans[id(b)]]
            out.append((b.text, b.removal))
        out += [(r.text, r) for r in pruned.get(len(self.blocks), ())]
        return out
