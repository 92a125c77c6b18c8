"""cleaner.linkdensity: trafilatura's link-density test and pass, each text read only as far
as the test needs, answering as trafilatura's on every element."""
from __future__ import annotations

import random
from copy import deepcopy

import pytest
from lxml import etree
from trafilatura import core, htmlprocessing
from trafilatura.settings import DEFAULT_CONFIG, Extractor
from trafilatura.utils import trim

from cleaner import extract as html
from cleaner import linkdensity
from cleaner.linkdensity import delete_by_link_density, link_density_test, trimmed_length

from conftest import FIXTURES

WORDS = "An ordinary sentence of the article, long enough to read as one. "
LONG_LINK = "A headline linked as a whole, long enough to be taken for one of the site's teasers of its stories"
#: one element for each way the test answers
BRANCHES = f"""<html><body><article>
<div><a href="/t">{LONG_LINK}</a></div><p>between</p>
<div>{WORDS * 2}<a href="/t2">{LONG_LINK}</a> {WORDS * 3}</div><p>between</p>
<div>{"".join(f'<a href="/f{i}">A linked story of the farm number {i}</a> ' for i in range(12))}More.</div><p>between</p>
<div>{WORDS * 4}{"".join(f'<a href="/m{i}">menu {i}</a> ' for i in range(6))}{WORDS * 4}</div><p>between</p>
<div>{"".join(f'<p><a href="/l{i}">A story listed in its own paragraph, number {i}</a></p>' for i in range(6))}</div>
<div>{" " * 400}{"".join(f'<a href="/w{i}">spaced link {i}</a>' for i in range(5))}</div><p>between</p>
<p>Short, <a href="/s">a link</a>.</p><p>{WORDS}<a href="/x">one link</a></p>
<ul><li><a href="/1">One</a></li><li><a href="/2">Two</a></li><li><a href="/3">Three</a></li></ul>
<div><a href="/e"> </a><img src="x.jpg"></div>
<div><p>Words around the two <a href="/a">abcdefghij</a> <a href="/b">abcdefghi</a></p></div><p>the end</p>
</article></body></html>"""


def _pages() -> list[tuple[str, str]]:
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "html").glob("*.html"))]
    return [*pages, ("branches", BRANCHES)]


PAGES = _pages()


def converted(page: str, focus: str = "balanced"):
    """The tree as trafilatura's main extractor has it when it tests link density."""
    options = Extractor(config=DEFAULT_CONFIG, output_format="python", **{**html.EXTRACT_OPTIONS, "recall": focus == "recall"})
    return core._prepare_tree(html.parse(page), options, None)[0]


@pytest.mark.parametrize("seed", range(4))
def test_trimmed_length_is_trims_below_the_bound_and_at_least_the_bound_above(seed):
    rng = random.Random(seed)
    pieces = ["a", "word", "Wörter", " ", "  ", "\n", "\t", "\xa0", "\u2003", ".", "—", "x" * 30, " " * 50]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 120)))
        exact = len(trim(text))
        assert trimmed_length(text) == exact
        for bound in (1, 3, 10, 30, 100, 300):
            got = trimmed_length(text, bound)
            assert got == exact if exact < bound else got >= bound, (text, bound)


def test_a_head_of_white_space_is_read_past():
    """The head tells only when its own length reaches the bound: white space alone there says
    nothing of what follows."""
    text = " " * 200 + "word " * 100
    assert trimmed_length(text, 50) >= 50
    assert trimmed_length("word " * 100, 50) < len(trim("word " * 100))  # (the head answered)


def test_a_length_read_from_the_head_gives_the_answer_at_the_bound():
    """One link of 101 characters in a <div> of 113 (0.9 of it is 101.7: no whole-link teaser),
    the last word cut off by the head of 2 * 112 characters: a bound of 112 would read 112
    there, and 101 > 0.9 * 112."""
    link = ("x" * 9 + " ") * 10 + "y"
    tree = converted(f'<html><body><article><div><a href="/t">{link}</a>{" " * 113}abcdefghijk</div><p>after</p>'
                     "</article></body></html>")
    div = next(d for d in tree.iter("div") if d.find(".//ref") is not None)
    assert len(trim(div.text_content())) == 113
    assert link_density_test(div, False, {}) == htmlprocessing.link_density_test(div) == (False, False)


@pytest.mark.parametrize("focus", ["balanced", "recall"])
@pytest.mark.parametrize("name,page", PAGES, ids=[n for n, _ in PAGES])
def test_the_test_answers_as_trafilaturas_on_every_element(name, page, focus):
    tree = converted(page, focus)
    lengths: dict = {}  # (one a tree, as in a pass)
    answers = set()
    for element in tree.iter("div", "list", "p"):
        for precision in (False, True):
            want = htmlprocessing.link_density_test(element, precision)
            assert link_density_test(element, precision, lengths) == want, etree.tostring(element)[:200]
            answers.add(want)
    if name == "branches":  # each way of answering met
        assert answers == {(False, False), (True, False), (False, True), (True, True)}


#: what a random tree's texts are made of: words, long runs, white space of every kind
PIECES = ["", " ", "  ", "\n", "\t \n", "\xa0", "\u2003", " " * 250, "word", "Link", "a", "abcdefghi", "abcdefghij",
          "short words here", "x" * 40, "a longer stretch of words that reads like a sentence of the article, " * 2,
          "y" * 120]
#: the tags of trafilatura's converted tree the test reads, and some it passes over
TAGS = ["div", "div", "p", "p", "list", "item", "ref", "ref", "ref", "span", "graphic", "head", "quote"]


def random_tree(rng: random.Random):
    from lxml import html as lxml_html

    def text() -> str:
        return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 4)))

    def grow(parent, depth: int) -> None:
        for _ in range(rng.randrange(0, 7 if depth < 4 else 1)):
            child = etree.SubElement(parent, rng.choice(TAGS))
            child.text, child.tail = text(), text()
            grow(child, depth + 1)

    root = lxml_html.Element("body")
    root.text = text()
    grow(root, 0)
    return root


@pytest.mark.parametrize("seed", range(30))
def test_the_test_and_the_pass_answer_as_trafilaturas_on_random_trees(seed):
    """Random nestings of <div>, <p>, <list> and links, their texts of every length around the
    thresholds and with white space of every kind: the same answers, the same trees."""
    tree = random_tree(random.Random(seed))
    lengths: dict = {}
    for element in tree.iter("div", "list", "p"):
        for precision in (False, True):
            assert link_density_test(element, precision, lengths) == htmlprocessing.link_density_test(element, precision)
    for tag in ("div", "list", "p"):
        for backtracking in (False, True):
            want = htmlprocessing.delete_by_link_density(deepcopy(tree), tag, backtracking)
            assert etree.tostring(delete_by_link_density(deepcopy(tree), tag, backtracking)) == etree.tostring(want)


@pytest.mark.parametrize("name,page", PAGES, ids=[n for n, _ in PAGES])
def test_the_pass_leaves_the_tree_trafilaturas_leaves(name, page):
    tree = converted(page)
    for tag in ("div", "list", "p"):
        for backtracking in (False, True):
            for precision in (False, True):
                want = htmlprocessing.delete_by_link_density(deepcopy(tree), tag, backtracking, precision)
                got = delete_by_link_density(deepcopy(tree), tag, backtracking, precision)
                assert etree.tostring(got) == etree.tostring(want), (tag, backtracking, precision)


def test_the_branches_page_loses_its_farms_and_keeps_its_prose():
    """What the page is for: the whole-link teaser and the farm go, the prose with links stays."""
    tree = converted(BRANCHES)
    kept = etree.tostring(delete_by_link_density(tree, "div"), encoding=str)
    assert "farm number 3" not in kept and kept.count(LONG_LINK) == 1 and "menu 3" in kept


def test_the_cascade_reads_the_pass_counting_its_deletions():
    from cleaner import cascade

    assert linkdensity.SAME  # (else trafilatura changed these functions: compare them again, then WRITTEN_FOR)
    assert cascade._DENSITY.func is delete_by_link_density
    assert cascade._DENSITY.keywords == {"delete": cascade._QUIET.delete}


def test_other_code_than_it_was_written_from_gets_trafilaturas_own_pass():
    from cleaner import cascade

    theirs = cascade._density_pass(False)
    assert theirs.__code__ is htmlprocessing.delete_by_link_density.__code__
    assert theirs.__globals__["delete_element"] == cascade._QUIET.delete
    tree = converted(BRANCHES)
    before = cascade._QUIET.deleted
    assert etree.tostring(theirs(deepcopy(tree), "div")) == etree.tostring(delete_by_link_density(deepcopy(tree), "div"))
    assert cascade._QUIET.deleted > before  # (its deletions counted)


def test_the_fingerprint_tells_a_changed_threshold_not_a_changed_comment_or_docstring():
    import inspect
    import textwrap

    source = textwrap.dedent(inspect.getsource(htmlprocessing.link_density_test))

    def compiled(text: str):
        space = dict(vars(htmlprocessing))
        exec(compile(text, "<changed>", "exec"), space)  # noqa: S102 - trafilatura's own source, edited
        return space["link_density_test"]

    others = (htmlprocessing.delete_by_link_density, htmlprocessing.collect_link_info)
    want = linkdensity.fingerprint(htmlprocessing.link_density_test, *others)
    assert want == linkdensity.WRITTEN_FOR
    assert linkdensity.fingerprint(compiled(source.replace("limitlen = 300", "limitlen = 301")), *others) != want
    assert linkdensity.fingerprint(compiled(source.replace("'", '"').replace("#", "# a comment #")), *others) == want
    assert linkdensity.fingerprint(compiled(source.replace("Remove sections which are rich in links", "Remove link-rich sections")),
                                   *others) == want
