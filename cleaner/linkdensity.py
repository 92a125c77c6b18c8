"""Read stage, HTML: trafilatura's link-density pass (``delete_by_link_density``, 2.3) reading
each element's text only as far as its thresholds need, and each link's text once a pass.

trafilatura's main extractor tests every <div>, <list> and <p> holding a link for link
density (``link_density_test``): the element's whole text, normalised (``trim``: runs of
white space made one space), against a length threshold (30 to 300 characters) and against
the length of its links' texts, which it normalises too, link by link. On a page of nested
<div>s each level reads the whole text below it and every link in it again: the texts of the
big ones, and of their links, were most of the pass's time (measured: 6,178 calls on <div>s
of five links or more took 0.58 s of the 0.93 s the test took on a wcxb pass).

What the test asks of the element's length is a comparison with a bound (below 300
characters; below the links' length over 0.9): :func:`trimmed_length` answers it from the
text's head when that is long enough, exactly below the bound. Each link's normalised length
is kept for the pass (the tree does not change until its deletions, made after the loop). The
answers are trafilatura's on every element (tests/test_linkdensity.py compares the two
functions on every element of the fixtures' converted trees, and the trees the passes
leave). Written for trafilatura 2.3.1's functions (:data:`SAME`: the names and constants
their code reads are those); with others, the cascade runs trafilatura's own pass.
"""
from __future__ import annotations

from lxml.html import HtmlElement
from trafilatura import htmlprocessing
from trafilatura.htmlprocessing import is_paragraph_listing
from trafilatura.utils import LINK_FARM_RATIO, trim
from trafilatura.xml import delete_element

from .rebind import fingerprint
from .text import squash


#: what the test and the pass below were written from: trafilatura 2.3.1's
#: ``link_density_test``, ``delete_by_link_density`` and ``collect_link_info``
WRITTEN_FOR = "48fb2e1d5d128efdc00aeedfee9029bb005adc04"
#: trafilatura's functions are those (else the cascade reads its own pass)
SAME = fingerprint(htmlprocessing.link_density_test, htmlprocessing.delete_by_link_density,
                   htmlprocessing.collect_link_info) == WRITTEN_FOR


def trimmed_length(text: str, bound: int | None = None) -> int:
    """``len(trim(text))`` (trafilatura's, and :func:`cleaner.text.squash`): the length of ``text``
    with its runs of white space made one space and none at its ends. With ``bound``, that length when it is below ``bound``, and for a
    longer one some number of at least ``bound``: the head of ``2 * bound`` characters, when
    its own length reaches ``bound`` (the words of a head are the text's first words, the last
    perhaps cut short: never longer than the whole's)."""
    if bound is not None and len(text) > 2 * bound:
        head = len(squash(text[:2 * bound]))
        if head >= bound:
            return head
    return len(squash(text))


def link_density_test(element: HtmlElement, favor_precision: bool, lengths: dict) -> tuple[bool, bool]:
    """trafilatura's ``link_density_test``, the element's length read up to the bound each of
    its comparisons needs (any length at or above it gives the same answer), each link's from
    ``lengths`` (the pass's: a link's normalised text length, by element)."""
    links = list(element.iterdescendants("ref"))  # (``findall(".//ref")``: the same, in C)
    if not links:
        return False, False
    if next(element.iterdescendants("graphic"), None) is not None:  # an image's container stays
        return False, False
    if element.tag == "p":
        limitlen = 60 if element.getnext() is None else 30
    elif element.getnext() is None:
        limitlen = 300
    else:
        limitlen = 100
    text = element.text_content()
    bound = limitlen
    # one long link making up the element: its link text > 0.9 of the element's
    long_link = _length(links[0], lengths) if len(links) == 1 else 0
    if long_link <= (10 if favor_precision else 100):
        long_link = 0
    else:
        bound = max(bound, int(long_link / 0.9) + 2)  # (at or above it, long_link <= 0.9 * length)
    elemlen = trimmed_length(text, bound)
    if long_link and long_link > elemlen * 0.9:
        return True, False
    if elemlen < limitlen:  # a short element: exact here
        linklen, elemnum, shortelems = _link_info(links, lengths)
        if elemnum == 0:
            return True, False
        return linklen > elemlen * 0.8 or (elemnum > 1 and shortelems / elemnum > 0.8), True
    if len(links) > 4:  # a farm of links: their text > LINK_FARM_RATIO of the element's
        linklen, elemnum, _ = _link_info(links, lengths)
        if linklen < 100 * elemnum:
            elemlen = trimmed_length(text, max(bound, int(linklen / LINK_FARM_RATIO) + 2))
            if linklen > elemlen * LINK_FARM_RATIO and not is_paragraph_listing(links):
                return True, False
    return False, False


def _length(link: HtmlElement, lengths: dict) -> int:
    n = lengths.get(link)
    if n is None:
        n = lengths[link] = len(squash(link.text_content()))
    return n


def _link_info(links: list, lengths: dict) -> tuple[int, int, int]:
    """trafilatura's ``collect_link_info`` without the texts: the links' length, the number of
    links with text, and of those under 10 characters."""
    total = count = short = 0
    for link in links:
        n = _length(link, lengths)
        if n:
            total += n
            count += 1
            short += n < 10
    return total, count, short


def delete_by_link_density(subtree: HtmlElement, tagname: str, backtracking: bool = False,
                           favor_precision: bool = False, delete=delete_element) -> HtmlElement:
    """trafilatura's ``delete_by_link_density``, as written there, reading
    :func:`link_density_test`; ``delete``: what deletes an element (trafilatura's
    ``delete_element``, or a stand-in that counts)."""
    deletions = []
    len_threshold = 200 if favor_precision else 100
    depth_threshold = 1 if favor_precision else 3
    lengths: dict = {}
    for elem in subtree.iter(tagname):
        result, short_with_links = link_density_test(elem, favor_precision, lengths)
        if result or (
            backtracking
            and short_with_links
            and len(elem) >= depth_threshold
            and len(trim(elem.text_content())) < len_threshold
        ):
            # (a paragraph holding a list item's content stays: the list is tested as a whole)
            parent = elem.getparent()
            if tagname == "p" and parent is not None and parent.tag in ("item", "td", "th"):
                continue
            deletions.append(elem)
    for elem in dict.fromkeys(deletions):
        delete(elem)
    return subtree
