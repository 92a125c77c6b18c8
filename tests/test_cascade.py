"""cleaner.cascade: trafilatura's texts in fast mode, full cascade and recall setting from
shared stages, equal to ``bare_extraction``'s in each setting, in any order of asking."""
from __future__ import annotations

import itertools

import pytest
import trafilatura
from lxml import etree
from trafilatura.settings import DEFAULT_CONFIG, Extractor

from cleaner import extract as html
from cleaner import literals, xpaths
from cleaner.cascade import BALANCED, RECALL, Cascade
from cleaner.screen import top_level_branches

from conftest import FIXTURES

SETTINGS = {"fast": (BALANCED, True), "full": (BALANCED, False), "recall": (RECALL, False)}
PROSE = ("The council met on Tuesday evening to discuss the new library opening hours, and the members "
         "agreed after a long debate that the building would stay open later on weekdays. ")


def bare(tree, url, focus, fast) -> str:
    options = Extractor(config=DEFAULT_CONFIG, output_format="python", url=url,
                        **{**html.EXTRACT_OPTIONS, "fast": fast, "recall": focus == RECALL})
    doc = trafilatura.bare_extraction(tree, options=options)
    return doc.text if doc is not None and doc.text else ""


def _synthetic() -> dict[str, str]:
    menu = "".join(f'<li><a href="/s{i}">Section number {i}</a></li>' for i in range(40))
    long_menu = "".join(f'<li><a href="/s{i}">Section number {i} of the site</a></li>' for i in range(300))
    divs = "".join(f"<div>Part {i}: {PROSE}</div>" for i in range(30))
    paragraphs = "".join(f"<p>Point {i}: {PROSE}</p>" for i in range(5))
    return {
        # a few words only: the main extractor's wild-text recovery runs (it reads ``fast``)
        "short": f"<html><body><nav><ul>{menu}</ul></nav><div><p>Too short a story.</p></div></body></html>",
        # most of the article in <div> text: both modes escalate to the recall setting (and jusText)
        "divs": f"<html><body><header><ul>{menu}</ul></header><main>{paragraphs}{divs}</main>"
                f"<footer><ul>{menu}</ul></footer></body></html>",
        # an ordinary article
        "article": f"<html><body><nav><ul>{menu}</ul></nav><article><h1>Library hours</h1>"
                   f"{''.join(f'<p>{PROSE}</p>' for _ in range(6))}</article></body></html>",
        # a short article on a page of long menus: the full cascade escalates too
        "menus": f"<html><body><header><ul>{long_menu}</ul></header><article>{paragraphs}</article>"
                 f"<footer><ul>{long_menu}</ul></footer></body></html>",
        # little text on a page of lists: the baseline rescue
        "lists": f"<html><body><ul>{menu}</ul><div><span>Just a line of text here.</span></div>"
                 f"<ul>{menu}</ul></body></html>",
    }


def _pages() -> list[tuple[str, str]]:
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "html").glob("*.html"))]
    return pages + sorted(_synthetic().items())


PAGES = _pages()


@pytest.mark.parametrize("name,page", PAGES, ids=[n for n, _ in PAGES])
def test_each_setting_reads_what_bare_extraction_reads(name, page):
    tree = html.parse(page)
    url = "https://example.com/news/story"
    want = {k: bare(tree, url, *s) for k, s in SETTINGS.items()}
    before = etree.tostring(tree)
    for order in itertools.permutations(SETTINGS):
        run = Cascade(tree, url, html.EXTRACT_OPTIONS)
        assert {k: run.text(*SETTINGS[k]) for k in order} == want, order
    assert etree.tostring(tree) == before  # the tree is left as it was


def test_the_first_stage_runs_once_for_both_modes_unless_the_recovery_read_fast():
    pages = _synthetic()
    run = Cascade(html.parse(pages["article"]), None, html.EXTRACT_OPTIONS)
    run.fast, run.full
    assert run.first(BALANCED, True) is run.first(BALANCED, False)
    run = Cascade(html.parse(pages["short"]), None, html.EXTRACT_OPTIONS)
    run.fast, run.full
    assert run.first(BALANCED, True) is not run.first(BALANCED, False)


def test_the_paths_are_exercised():
    """The synthetic pages reach the stages the equality above is meant to cover."""
    pages = _synthetic()
    run = Cascade(html.parse(pages["divs"]), None, html.EXTRACT_OPTIONS)
    assert len(run.fast) < len(run.full) and (RECALL, True) in run._first  # fast mode's escalation
    run = Cascade(html.parse(pages["menus"]), None, html.EXTRACT_OPTIONS)
    run.full
    assert RECALL in run._compared and run._page_chars  # the full cascade's
    run = Cascade(html.parse(pages["lists"]), None, html.EXTRACT_OPTIONS)
    run.fast
    assert run._baseline is not None


def test_settings_it_does_not_share_are_refused():
    with pytest.raises(ValueError):
        Cascade(None, None, {**html.EXTRACT_OPTIONS, "comments": True})


def test_extract_reads_the_cascade_through_its_seam():
    run = Cascade(html.parse(_synthetic()["article"]), None, html.EXTRACT_OPTIONS)
    assert html.extract_text(run, None, fast=False, recall=True) == run.recall
    assert html.extract_text(run, None, fast=True) == run.fast


EDGES = """<html><body>
<div id="infinite-scroll"><h1>Kept: it holds the headline</h1><p>x</p></div>
<div class="infinite_scroll"><p>no match</p></div><div class="wrap infinitescroll"><p>pruned</p></div>
<section class="mvp-post-add-box"><h1>pruned all the same</h1></section><aside id="x" class="infinite-scroll"></aside>
<div class="a elementor-share-buttons"></div><span class="elementor-share-buttons"></span>
<ul id="comments"><li>c</li></ul><ol class="x" id="disqus_thread"></ol><div id="disqus_thread"></div>
<details class="post-comments"></details><div class="commentary"></div><div class="Comment-list"></div>
<aside id="comments"></aside><ul class="list article-comments"></ul>
<div id="x" class="footer"></div><div class="footer" id="x"></div><div id="page-footer"></div><p class="footer"></p>
<span class="Cookie-Banner"></span><p id="ONETRUST-x"></p><template><p>t</p></template><svg></svg><!-- a comment -->
<footer><div class="cookiebot"></div></footer><div class="x" id=""></div>
</body></html>"""


@pytest.mark.parametrize("name,page", PAGES + [("edges", EDGES)], ids=[n for n, _ in PAGES] + ["edges"])
def test_the_walks_select_what_the_xpaths_select(name, page):
    from trafilatura.settings import BASIC_CLEAN_XPATH
    from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

    assert xpaths.WALKS  # written for the pinned trafilatura's expressions (else they run as XPaths)
    tree = html.parse(page)
    expressions = [*RAW_TREE_PRUNE_XPATH, *REMOVE_COMMENTS_AND_LISTS_XPATH]
    assert list(xpaths.raw_prunes(tree, True)) == [x(tree) for x in expressions]
    assert xpaths.raw_prunes(tree, False)[2] == []
    body = tree.find(".//body")
    assert xpaths.basic_clean(body) == BASIC_CLEAN_XPATH(body)
    if name == "edges":
        assert [len(found) for found in xpaths.raw_prunes(tree, True)] == [3, 1, 5]
        assert len(xpaths.basic_clean(body)) == 10


@pytest.mark.parametrize("name,page", PAGES + [("edges", EDGES)], ids=[n for n, _ in PAGES] + ["edges"])
def test_the_rebound_rescues_read_what_trafilaturas_read(name, page):
    import importlib

    from trafilatura import external

    from cleaner import cascade

    baseline = importlib.import_module("trafilatura.baseline")

    tree = html.parse(page)
    before = etree.tostring(tree)
    assert cascade.html2txt(tree) == baseline.html2txt(tree)
    assert cascade.baseline(tree)[1:] == baseline.baseline(tree)[1:]
    options = Extractor(output_format="python", comments=False)
    assert cascade.justext_rescue(html.parse(page), options)[1] == external.justext_rescue(html.parse(page), options)[1]
    assert etree.tostring(tree) == before


DISCARD_EDGES = """<html><body><div class="main">
<div role="Navigation">n</div><span data-lp-replacement-content="">e</span><p data-component="xMostPopularStoriesx">m</p>
<div id="a" class="cookie-x">first attribute: id</div><div class="cookie-x" id="a">first: class</div>
<section id="share-bar">s</section><item class="outbrain">o</item><list class="x ad-slot">a</list><b class="menu">not its tag</b>
<h2 class="comments-title">c</h2><p class="x" id="reply-1">first: class</p><p id="reply-1" class="x">first: id</p>
<p style="color: red" id="hidden-1">first: style</p><p id="hidden-1" style="color: red">first: id</p>
<span style="display: none">d</span><em aria-hidden="true">h</em><i aria-hidden="false">v</i><q class="noprint">p</q>
<div><p>Kept: an ordinary paragraph.</p></div><div id="Teaser-1">t</div><p class="x-teaser">t</p><b class="teaser">no</b>
<span id="photo-caption">c</span><div class="Caption captions">c</div></div></body></html>"""


@pytest.mark.parametrize("name,page", PAGES + [("edges", EDGES), ("discard", DISCARD_EDGES)],
                         ids=[n for n, _ in PAGES] + ["edges", "discard"])
def test_the_discard_walks_select_what_overall_discard_xpath_selects(name, page):
    from trafilatura import core
    from trafilatura import xpaths as trafilatura_xpaths
    from trafilatura.xpaths import BODY_XPATH

    from cleaner import cascade, xpaths as walks_

    tree = html.parse(page)
    cleaned, _ = core._prepare_tree(tree, Extractor(output_format="python", comments=False), None)
    names = ("OVERALL_DISCARD_XPATH", "TEASER_DISCARD_XPATH", "DISCARD_IMAGE_ELEMENTS")
    walks = [w for name in names for w in cascade._MAIN[name]]
    xpaths = [x for name in names for x in getattr(trafilatura_xpaths, name)]
    singles = [walks_.overall_discard_boilerplate, walks_.overall_discard_hidden, walks_.teasers, walks_.captions]
    for context in [tree, cleaned, *(s for x in BODY_XPATH for s in x(cleaned))]:  # (a subtree: its descendants)
        found = [x(context) for x in xpaths]
        assert [w(context) for w in singles] == found
        # the main extractor reads OVERALL_DISCARD_XPATH's two as one walk: their lists, one after the other
        assert [w(context) for w in walks] == [found[0] + found[1], *found[2:]]
    if name == "discard":
        assert [len(w(tree)) for w in singles] == [7, 6, 2, 2]


NESTED = """<html><body><div><aside>a<aside>inner</aside>b</aside><p>Kept: a paragraph.</p><aside>left by
trafilatura's walk, which ended inside the first aside</aside><figure><script>x</script><p>caption</p></figure>
<table><tr><td><table><tr><td>inner cell</td></tr></table></td></tr></table><p>tail<script>y</script>text</p>
<table><tr><td>a later table</td></tr></table><svg><svg>s</svg></svg><svg>kept too</svg><form>f</form>
<footer><canvas><canvas>gone with the footer, unseen by the walk for canvas</canvas></canvas></footer><canvas>a later
canvas, deleted</canvas></div></body></html>"""
CLEANING_SETTINGS = {"balanced": {}, "recall": {"recall": True}, "no tables, images": {"tables": False, "images": True}}


@pytest.mark.parametrize("setting", CLEANING_SETTINGS)
@pytest.mark.parametrize("name,page", PAGES + [("nested", NESTED)], ids=[n for n, _ in PAGES] + ["nested"])
def test_the_one_walk_cleaning_leaves_the_tree_trafilaturas_leaves(name, page, setting):
    """``_tree_cleaning`` deletes the cleaning list's elements in one walk; trafilatura's loop
    walks once a tag and, when an element it deletes holds one of the same tag, ends inside it
    (the "nested" page: the later <aside>, <svg> and, without tables, <table> stay)."""
    from copy import deepcopy

    from trafilatura.htmlprocessing import tree_cleaning

    from cleaner import cascade

    options = Extractor(config=DEFAULT_CONFIG, output_format="python", **{**html.EXTRACT_OPTIONS, **CLEANING_SETTINGS[setting]})
    tree = html.parse(page)
    want = etree.tostring(tree_cleaning(deepcopy(tree), options))
    assert etree.tostring(cascade._tree_cleaning(deepcopy(tree), options)) == want
    if name == "nested":
        left = want.decode()
        assert "left by" in left and "kept too" in left and "<aside>inner" not in left and "canvas" not in left
        # without tables: the walk for <table> ended in the first one; the later one's cells went with <td>
        assert ("<table/>" if setting == "no tables, images" else "a later table") in left


def test_the_cascade_cleans_in_one_walk():
    from trafilatura import core, external

    from cleaner import cascade

    assert xpaths.WALKS
    assert cascade._PREPARE.__globals__["tree_cleaning"] is cascade._tree_cleaning
    assert cascade._EXTERNAL["sanitize_tree"].__globals__["tree_cleaning"] is cascade._tree_cleaning
    assert core._prepare_tree.__globals__["tree_cleaning"] is not cascade._tree_cleaning  # trafilatura's own, as it was
    assert external.sanitize_tree.__globals__["tree_cleaning"] is not cascade._tree_cleaning


def test_the_rebound_extractor_leaves_trafilatura_as_it_is():
    from trafilatura import main_extractor, xpaths

    from cleaner import cascade

    assert main_extractor.OVERALL_DISCARD_XPATH is xpaths.OVERALL_DISCARD_XPATH
    assert cascade.extract_content is not main_extractor.extract_content
    assert cascade._MAIN["_extract"].__code__ is main_extractor._extract.__code__


BODIES = """<html><body><div><span class="post-text">not a box</span><div class="mainbar">a</div>
<section id="contentBody"><div class="post-body">b</div></section><div class="cell">c</div><main>m</main>
<article class="story-content">d</article><div class="FullText">f</div><div id="Main-Content">g</div></div></body></html>"""


@pytest.mark.parametrize("name,page", PAGES + [("edges", EDGES), ("bodies", BODIES)],
                         ids=[n for n, _ in PAGES] + ["edges", "bodies"])
def test_the_body_choices_are_body_xpaths_first_elements(name, page):
    from trafilatura import core
    from trafilatura.xpaths import BODY_XPATH

    from cleaner import cascade

    tree = html.parse(page)
    cleaned, _ = core._prepare_tree(tree, Extractor(output_format="python", comments=False), None)
    for context in [tree, cleaned, *(s for x in BODY_XPATH for s in x(cleaned))]:
        for walk, xpath in zip(cascade._MAIN["BODY_XPATH"], BODY_XPATH):
            assert next(iter(walk(context)), None) is next(iter(xpath(context)), None)


#: what trafilatura's BODY_XPATH tests look for in a class and in an id, one by one (their token
#: patterns, "fulltext" in any case, the folded capitals, the "main" starts and the exact values)
def _cues(names: tuple[str, ...], *more: str) -> list[str]:
    from trafilatura import xpaths as trafilatura_xpaths

    return [*(t for name in names for t in getattr(trafilatura_xpaths, name)), *more]


_CLASS_CUES = _cues(("_ARTICLE_CONTENT_CLASS_TOKENS", "_STORY_CLASS_TOKENS", "_MAIN_CONTENT_CLASS_TOKENS"),
                    "(?i:fulltext)", "[mM]ain-[cC]ontent", "[pP]age-[cC]ontent", "^main",
                    *(f"^{v}$" for v in ("post", "entry", "postarea", "art-postcontent", "text", "cell", "story", "content")))
_ID_CUES = _cues(("_ARTICLE_CONTENT_ID_TOKENS", "_STORY_ID_TOKENS", "_MAIN_CONTENT_ID_TOKENS"),
                 "[mM]ain-[cC]ontent", "^main", *(f"^{v}$" for v in ("articleContent", "article", "story", "content")))


def _box(tag: str, cls: str, ident: str):
    el = etree.Element(tag)
    if cls:
        el.set("class", cls)
    if ident:
        el.set("id", ident)
    return html.parse(f"<html><body>{etree.tostring(el, encoding='unicode')}</body></html>").find(".//body/*")


@pytest.mark.parametrize("attr,cue", [("class", c) for c in _CLASS_CUES] + [("id", c) for c in _ID_CUES])
def test_a_box_the_quick_check_turns_away_passes_no_body_test(attr, cue):
    """``maybe_body`` is a superset of every ``body_test``: a class or an id holding what one of
    the tests looks for (drawn from the test's own pattern) passes the quick check."""
    from hypothesis import given, settings, strategies as st

    chars = st.characters(min_codepoint=32, max_codepoint=0x2FF)  # (lxml refuses control characters)

    @settings(max_examples=25, deadline=None)
    @given(st.from_regex(cue, alphabet=chars), st.text(chars, max_size=8), st.sampled_from(["div", "section"]))
    def check(value, other, tag):
        el = _box(tag, *((value, other) if attr == "class" else (other, value)))
        cls, ident = el.get("class") or "", el.get("id") or ""
        passes = [i for i in range(xpaths.BODY_CHOICES) if xpaths.body_test(i, el, tag, cls, ident)]
        assert not passes or xpaths.maybe_body(el, tag, cls, ident), (cls, ident, passes)

    check()


def test_the_quick_check_turns_away_plain_boxes_only():
    for tag, cls, ident, maybe in [("div", "", "", False), ("div", "container wrapper", "sidebar", False),
                                   ("section", "FULLTEXT", "", True), ("div", "", "primary-x", True),
                                   ("div", "x", "", False), ("article", "", "", True), ("main", "", "", True)]:
        el = _box(tag, cls, ident)
        assert xpaths.maybe_body(el, tag, cls, ident) is maybe, (tag, cls, ident)
    el = html.parse('<html><body><div role="main">x</div></body></html>').find(".//div")
    assert xpaths.maybe_body(el, "div", "", "") and xpaths.body_test(4, el, "div", "", "")


def test_the_main_extractor_reads_only_the_first_body_choice():
    """What the lazy choices rely on: ``_extract`` takes the first element each expression selects."""
    import inspect

    from trafilatura import main_extractor

    source = inspect.getsource(main_extractor)
    assert source.count("BODY_XPATH") == 2  # (imported, then read once)
    assert "for expr in BODY_XPATH:\n        # select tree if the expression has been found\n" \
           "        subtree = next((s for s in expr(tree) if s is not None), None)" in source


QUIET = "<html><body><div><p>" + "An ordinary paragraph of the article, long enough to be one. " * 3 + \
    "It holds <a href='/a'>one link</a>.</p></div>{farm}</body></html>"
FARM = "<div>" + "".join(f"<p><a href='/{i}'>Link {i}</a></p>" for i in range(6)) + "</div>"


@pytest.mark.parametrize("farm,passes", [("", ["div", "list", "p"]), (FARM, ["div", "list", "p", "div"])],
                         ids=["nothing deleted", "a farm deleted"])
def test_a_link_density_pass_that_would_delete_nothing_is_skipped(monkeypatch, farm, passes):
    from copy import copy

    from trafilatura import core, main_extractor

    from cleaner import cascade

    options = Extractor(output_format="python", comments=False)
    tree, _ = core._prepare_tree(html.parse(QUIET.format(farm=farm)), options, None)
    ran, density = [], cascade._DENSITY
    monkeypatch.setattr(cascade, "_DENSITY", lambda subtree, tag, *a: ran.append(tag) or density(subtree, tag, *a))
    ours = cascade._MAIN["prune_unwanted_sections"](copy(tree), set(), options)
    theirs = main_extractor.prune_unwanted_sections(copy(tree), set(), options)
    assert etree.tostring(ours) == etree.tostring(theirs)
    # the second pass runs only what a deletion since may have changed: after the farm's
    # <div> went, <div> again (nothing more), and no <list> or <p> (nothing deleted since theirs)
    assert ran == passes
    kept = etree.tostring(ours, encoding=str)
    assert "one link" in kept and "Link 3" not in kept


EMBED_EDGES = """<html><body><blockquote class="twitter-tweet">t</blockquote><blockquote class="x
twitter-video">v</blockquote><blockquote class="twitter-tweets">no: another token</blockquote>
<div class="fb-post x">f</div><div class="fb-posts">no</div><p class="fb-post">no: its tag</p>
<iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe><iframe src="https://example.com/x"></iframe>
<div><blockquote class="instagram-media\ttiktok-embed">i</blockquote></div><iframe>no source</iframe></body></html>"""


@pytest.mark.parametrize("name,page", PAGES + [("embeds", EMBED_EDGES)], ids=[n for n, _ in PAGES] + ["embeds"])
def test_the_embed_walk_selects_what_the_embeds_xpath_selects(name, page):
    tree = html.parse(page)
    assert xpaths.embeds(tree) == xpaths.EMBEDS_XPATH(tree)
    if name == "embeds":
        assert len(xpaths.embeds(tree)) == 5


def test_the_first_paragraph_starting_so_is_the_xpaths():
    from hypothesis import given, settings, strategies as st

    words = st.sampled_from(["Lead", "lead", "of", "the", "story", " ", "  ", "\t", "\n", "\xa0", "\r\n", "é"])
    text = st.lists(words, max_size=30).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(text, min_size=1, max_size=4), text, st.integers(0, 3))
    def check(paragraphs, start, cut):
        body = "".join(f"<p>{p}<b>{p[:cut]}</b></p>" if cut else f"<p>{p}</p>" for p in paragraphs)
        tree = html.parse(f"<html><body><div>{body}</div></body></html>")
        s = " ".join(start.split())[:60]
        assert xpaths.paragraph_starting(tree, s) == xpaths.PARAGRAPH_STARTING(tree, s=s)

    check()
    tree = html.parse("<html><body><p>Lead\n</p><p>Lead  of</p></body></html>")  # a paragraph's end is no space
    assert xpaths.paragraph_starting(tree, "Lead ") == xpaths.PARAGRAPH_STARTING(tree, s="Lead ") == [tree.findall(".//p")[1]]
    for name, page in PAGES:
        tree = html.parse(page)
        for p in list(tree.iter("p"))[:30]:
            s = " ".join(p.text_content().split())[:60]
            assert xpaths.paragraph_starting(tree, s) == xpaths.PARAGRAPH_STARTING(tree, s=s), name


_PREFILTERED = [(name, rx) for d in xpaths._DISCARD_PATTERNS for name, rx in d.items()
                if isinstance(rx, literals.Prefiltered)]


@pytest.mark.parametrize("branch,rx", [(b, rx) for _, rx in _PREFILTERED for b in top_level_branches(rx.pattern)])
def test_a_prefiltered_discard_pattern_finds_what_the_pattern_finds(branch, rx):
    """The literal prefilter of trafilatura's discard patterns turns away no value the pattern
    matches: values drawn from each branch of the pattern (and around it)."""
    from hypothesis import given, settings, strategies as st

    chars = st.characters(min_codepoint=32, max_codepoint=0x24F)

    @settings(max_examples=20, deadline=None)
    @given(st.from_regex(branch, alphabet=chars))
    def check(value):
        assert (rx.search(value) is None) == (rx.rx.search(value) is None), value

    check()


def test_the_discard_patterns_that_are_prefiltered():
    assert [name for name, _ in _PREFILTERED] == ["@id", "@class", "@class"]
    rx = dict(_PREFILTERED[1:2])["@class"]
    assert rx.search("x menu-main") and not rx.search("container wrapper grid") and rx.search("X NAV") is None
