"""H012 link-list: the items of an HTML list made of links are navigation or see-also.

What it does: its HTML half (:func:`link_list_items`) notes, by phrase key, the items of the
page's lists that are links and little else (a menu, a table of contents, a list of other
stories); its text half (:func:`link_lists`) removes runs of ``LINK_RUN`` or more
consecutive lines that were such items — unless a sentence ending in a colon announces the
list inside the article, or it is the product list of a shopping article (:func:`continues_article`).

Why it is boilerplate: extractors keep related-story lists and menus as lines; in the HTML
they are plainly lists of links, which the text alone can no longer show.

Example: ``<ul><li><a>Five things to know</a></li><li><a>Markets today</a></li>…</ul>``
after the article → its lines removed as see_also.

Known gaps: the tree is left alone (taking such lists out before extraction moved
trafilatura's choice of container); a list of links inside the article that no colon
announces can go.
"""
from __future__ import annotations

import regex
from lxml.html import HtmlElement

from ..page import LinkItem, Page
from ..text import is_prose, phrase_key, squash
from . import Context

#: a link list has at least this many items…
LINK_LIST_MIN_ITEMS = 3
#: …and at least this share of its text inside links
LINK_LIST_MIN_DENSITY = 0.8
#: …and items no longer than this on average (a list of headlines, not of paragraphs)
LINK_LIST_MAX_ITEM_CHARS = 160
#: a list whose every item opens with a link (a headline and its teaser) needs less
TEASER_LIST_MIN_DENSITY = 0.3
#: items of at least this many words on average are headlines (see-also), shorter ones a menu
LINK_LIST_HEADLINE_WORDS = 5


def link_list_items(tree: HtmlElement) -> dict[str, LinkItem]:
    """H012, its HTML half: the items of lists that are links and little else (a menu, a
    table of contents, a list of other stories), by phrase key (:class:`LinkItem`).

    The tree is left alone: taking such lists out before extraction moves trafilatura's
    choice of the main container (measured: an article cut short after a related-posts
    slider went). The text half (:func:`link_lists`) removes the items
    trafilatura kept.
    """
    items: dict[str, LinkItem] = {}
    for lst in tree.iter("ul", "ol"):
        lis = [li for li in lst if li.tag == "li"]
        if len(lis) < LINK_LIST_MIN_ITEMS - 1:
            continue
        texts = [squash(li.text_content()) for li in lis]
        chars = sum(len(t) for t in texts)
        if not chars or chars > LINK_LIST_MAX_ITEM_CHARS * len(lis):
            continue
        linked = sum(len(squash(a.text_content())) for a in lst.iter("a"))
        tail_only = False
        if linked < LINK_LIST_MIN_DENSITY * chars and not (
            linked >= TEASER_LIST_MIN_DENSITY * chars and all(_starts_with_link(li) for li in lis)
        ):
            if not _headline_list(lis, texts, linked, chars):
                continue
            tail_only = True
        words = sum(len(t.split()) for t in texts) / len(lis)
        category = "see_also" if words >= LINK_LIST_HEADLINE_WORDS else "navigation"  # headlines, or a menu
        strong = len(lis) >= LINK_LIST_MIN_ITEMS
        for text in texts:
            if text:
                key = phrase_key(text)
                if key not in items or (strong and not tail_only):
                    items[key] = LinkItem(category, strong, tail_only)
    return items


#: a list of headlines, each with a link in it somewhere ("The strange life and <a>death
#: of a coder</a>"), has at least this many items and this share of its text in links
HEADLINE_LIST_MIN_ITEMS = 4
HEADLINE_LIST_MIN_DENSITY = 0.4
_ENDS_LIKE_SENTENCE = regex.compile(r"[.:;,]\s*$")


def _headline_list(lis: list, texts: list[str], linked: int, chars: int) -> bool:
    """Items that all hold a link and none of which ends like a sentence: headlines."""
    return (len(lis) >= HEADLINE_LIST_MIN_ITEMS and linked >= HEADLINE_LIST_MIN_DENSITY * chars
            and all(li.find(".//a") is not None for li in lis)
            and not any(_ENDS_LIKE_SENTENCE.search(t) for t in texts))


def _starts_with_link(li: HtmlElement) -> bool:
    """Does the item's text begin inside a link (``<li><a>Headline</a> teaser</li>``)?"""
    el = li
    while True:
        if el.tag == "a":
            return True
        if (el.text or "").strip() or not len(el):
            return False
        el = el[0]


#: the guard acts when less than this share of the prose would stay…
#: a link list must show at least this many of its items in a row in the text
LINK_RUN = 2
#: a line of at least this many words that ends with a colon announces the list under it
#: ("Many patches were sent for review:"); such a list before the article's last paragraph
#: is the article's own (a label, "Related:", "Read more:", is shorter, or a rule took it)
ANNOUNCING_WORDS = 4
_ANNOUNCES = regex.compile(r":\s*$")
#: an item that is a bare web address (and maybe a note after it): a link, not text, announced or not
_BARE_URL = regex.compile(r"^(?:[-*•]\s*)?(?:https?://|www\.)\S+(?:\s+\([^()]{0,40}\))?$")
#: a list continues a shopping article (H012, H014 spare it) when this share of its items…
CONTINUES_ITEMS = 2 / 3
#: …each have this share of their words in the article's own prose…
CONTINUES_WORDS = 0.75
#: …and the prose speaks of buying at least this many times (prices, deals, "buy")
SHOPPING_HITS = 3
_CONTENT_WORD = regex.compile(r"\p{L}{4,}")
_COMMON = frozenset(
    "with from that this your have more what when will about best news after over into their them they these "
    "those than then which were been just also here there only most some like make need know read story stories "
    "latest video photos watch says said year years week today".split())
_SHOPPING = regex.compile(
    r"[$£€¥₹]\s?\d|\d\s?(?:%|percent|per cent)\s+off\b|\b(?:deals?|discount(?:ed|s)?|on sale|coupons?|"
    r"buy(?:ing)?|bought|retail(?:er|s)?|in stock|promo codes?)\b",
    regex.IGNORECASE,
)
#: a product's name: a model number ("WH-1000XM5", "S24") or a name and a number ("iPhone 15")
_PRODUCT = regex.compile(r"\b(?:(?=[\w-]*\d)(?=[\w-]*\p{L})[\w-]{2,}|\p{Lu}[\p{L}-]+ \d{1,4})\b")


def continues_article(page: Page, items: list) -> bool:
    """Does a list of headline-like lines after a shopping article name what the article
    is about (the products or deals it recommends) rather than point to other stories?
    Yes when the prose speaks of buying (``SHOPPING_HITS`` prices, deals, "buy"…) and most
    of the items (``CONTINUES_ITEMS``) name a product (a model number, a name and a number)
    in words the prose uses (``CONTINUES_WORDS`` of each item's words of 4+ letters beyond
    the commonest): a box of other headlines brings words of its own. The items are read
    first: when too few of them name a product at all, the prose is not read."""
    if len(items) < 2:
        return False
    named = []  # the items that name a product, with their words
    for b in items:
        words = [w for w in (x.lower() for x in _CONTENT_WORD.findall(b.text)) if w not in _COMMON]
        if len(words) >= 2 and _PRODUCT.search(b.text):
            named.append(words)
    if len(named) < CONTINUES_ITEMS * len(items):
        return False
    ids = {id(b) for b in items}
    texts = [b.text for b in page.blocks if b.kept and id(b) not in ids and is_prose(b.text)]
    if sum(len(_SHOPPING.findall(t)) for t in texts) < SHOPPING_HITS:
        return False
    prose = {w.lower() for t in texts for w in _CONTENT_WORD.findall(t)}
    near = sum(1 for words in named if sum(w in prose for w in words) >= CONTINUES_WORDS * len(words))
    return near >= CONTINUES_ITEMS * len(items)


def link_lists(page: Page) -> None:
    """H012: runs of blocks that are items of link lists (``Page.link_items``, found in the
    HTML by :func:`link_list_items`), with at least ``LINK_RUN`` items of lists
    that count on their own; items of a short list in the same run go with them. An item
    a rule took already (a "Photos: …" headline taken for a credit) does not break the run.
    A run that a sentence ending with a colon announces, before the article's last paragraph
    of prose, is a list inside the article (the patches a report lists, its sources) and stays,
    unless its items are bare web addresses (links, whatever announces them)."""
    items = page.link_items
    if not items:
        return
    blocks = page.blocks
    keys = [phrase_key(b.text) for b in blocks]
    last = page.last_prose()
    last = -1 if last is None else last

    def counts(k: int) -> bool:
        item = items[keys[k]]
        return item.strong and (not item.tail_only or k > last)

    def announced(i: int, j: int) -> bool:
        """Does a kept sentence ending with a colon open the run, with prose after it?"""
        before = next((b for b in reversed(blocks[:i]) if b.kept), None)
        return (j <= last and before is not None and bool(_ANNOUNCES.search(before.text))
                and len(before.text.split()) >= ANNOUNCING_WORDS
                and not all(_BARE_URL.match(b.text) for b in blocks[i:j]))

    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and keys[j] in items:
            j += 1
        if sum(counts(k) for k in range(i, j)) >= LINK_RUN and any(b.kept for b in blocks[i:j]) \
                and not announced(i, j) and not continues_article(page, [b for b in blocks[i:j] if b.kept]):
            for k in range(i, j):
                if blocks[k].kept:
                    page.remove(blocks[k], items[keys[k]].category, "H012")
        i = max(j, i + 1)


def run(page: Page, context: Context) -> None:
    """H012 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    link_lists(page)
