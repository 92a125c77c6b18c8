"""cleaner.htmldates: htmldate's slow patterns answered through prefilters (digit-led for
the ``\\D``-led ones, year-anchored windows for the long text one), the same matches as
the patterns' own, the same dates as htmldate."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from htmldate import core, extractors
from lxml.html import fromstring

from cleaner import htmldates
from cleaner.htmldates import LONG_TEXT, PREFILTERS, WRAPPED, DigitLed, YearAnchored

from conftest import FIXTURES

PATTERNS = {name: w.rx for name, w in WRAPPED.items() if isinstance(w, DigitLed)}
DIGITS = st.one_of(st.text("0123456789", min_size=1, max_size=2), st.text("0123456789", min_size=4, max_size=4))
SEPARATOR = st.sampled_from(["/", ".", "-"])
#: what stands next to a date in a page: a letter, a space, the lookbehind's "w3.org", a
#: Unicode digit (no ``\\D``), or nothing
BESIDE = st.sampled_from(["", "a", " ", "w3.org", "٣", "/", "©"])
#: a run of date-like pieces ("12/05/2020", "2021-3", "20210304") between what stands beside them
DATELIKE = st.lists(st.tuples(BESIDE, DIGITS, st.lists(st.tuples(SEPARATOR, DIGITS), max_size=2)), max_size=6).map(
    lambda pieces: "".join(b + d + "".join(s + e for s, e in rest) for b, d, rest in pieces))


def test_every_prefilter_wraps_an_htmldate_pattern():
    """Each prefilter is written for a pattern htmldate has: with another htmldate whose
    patterns differ, this fails instead of the speed-up vanishing unseen."""
    texts = {value.pattern for value in vars(core).values() if hasattr(value, "findall") and hasattr(value, "pattern")}
    assert set(PREFILTERS) <= texts
    assert len(PATTERNS) == len(PREFILTERS)
    assert all(isinstance(p, DigitLed) for p in WRAPPED["THREE_COMP_PATTERNS"] if p.pattern in PREFILTERS)
    assert htmldates.find_date is not core.find_date
    assert htmldates.find_date.__globals__["SELECT_YMD_PATTERN"] is WRAPPED["SELECT_YMD_PATTERN"]
    assert extractors.LONG_TEXT_PATTERN.pattern == LONG_TEXT
    assert htmldates.find_date.__globals__["search_page"].__globals__["regex_parse"] is WRAPPED["regex_parse"]
    assert isinstance(WRAPPED["regex_parse"].__globals__["LONG_TEXT_PATTERN"], YearAnchored)


@pytest.mark.parametrize("name", sorted(PATTERNS))
@pytest.mark.parametrize("text", [
    "x12/05/2020/13/05/2021y",  # two dates sharing the separator the first one's match takes
    "on 12/05/2020 and 1/5/2021, then 2021-03-04 and 20210304 (c) 2019-2024 ",
    "http://www.w3.org/1999/xhtml 1999 ",  # the lookbehind that looks before where matching starts
    "٣12/05/2020 a٣2021 ",  # a Unicode digit is no \\D
    "2021/12/3121/11/30 .20201231. 1/1/1999/2/2/2000",
    "a01/01/2020a", "", "1", "a1", "12/05/2020",
])
def test_same_matches_as_the_pattern_on_examples(name, text):
    assert DigitLed(PATTERNS[name]).findall(text) == PATTERNS[name].findall(text)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_same_matches_as_the_pattern(name):
    @settings(max_examples=300, deadline=None, database=None, derandomize=True)
    @given(DATELIKE)
    def same(text):
        assert DigitLed(PATTERNS[name]).findall(text) == PATTERNS[name].findall(text)
    same()


#: text of what the long text pattern's dates are made of: words (months, their
#: abbreviations, other words, non-ASCII letters), days with suffixes, years in range and
#: out of it, and what stands between them
TEXTY = st.lists(st.sampled_from(["March", "mar", "Juni", "SmithMay", "of", "OF ", "th", "st", "Rd", "x", "ſept", "é",
                                  "3", "31", "03", "2021", "1999", "2039", "2040", "12345",
                                  " ", " ", " ", ",", ".", "\n", "\t", "_", "٣"]), max_size=16).map("".join)


@pytest.mark.parametrize("text", [
    "a LongwordsMarch 31st, 2021 b",  # the most between a word and its year, month first, a long word
    "a 31st of LongwordsMarch, 2021 b", "x31th OF September. 2021",  # the most before and after it, day first
    "March 3, 1989 and 12 May 2020", "Mar 3 2021", "3 mar 2021", "May 2021 2022", "", " 2021",
])
def test_same_long_text_match_as_the_pattern_on_examples(text):
    for pos in range(len(text) + 1):
        ours, theirs = YearAnchored(extractors.LONG_TEXT_PATTERN).search(text, pos), extractors.LONG_TEXT_PATTERN.search(text, pos)
        assert (ours and (ours.span(), ours.groupdict())) == (theirs and (theirs.span(), theirs.groupdict())), pos


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(TEXTY, st.integers(0, 20))
def test_same_long_text_match_as_the_pattern(text, pos):
    ours, theirs = YearAnchored(extractors.LONG_TEXT_PATTERN).search(text, pos), extractors.LONG_TEXT_PATTERN.search(text, pos)
    assert (ours and (ours.span(), ours.groupdict())) == (theirs and (theirs.span(), theirs.groupdict()))
    assert WRAPPED["regex_parse"](text) == extractors.regex_parse(text)


PAGES = [
    "<html><body><article><p>Posted 12/05/2021 by a reporter.</p></article></body></html>",
    "<html><body><div>Updated 2019/07 and 07/2019 and 20190704.</div><p>©&nbsp;2015-2023 Site</p></body></html>",
    "<html><body><p>Seen 3.4.21, filed 3/4/21.</p></body></html>",
    "<html><body><p>No date here at all, just 1999 words.</p></body></html>",
    "<html><body><p>x12/05/2020/13/05/2021y</p></body></html>",
    "<html><body><p>Filed on the 3rd of March 2021 by the desk.</p></body></html>",
]


@pytest.mark.parametrize("extensive", [False, True])
def test_same_dates_as_htmldate(extensive):
    pages = PAGES + [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "html").glob("*.html"))]
    for page in pages:
        tree = fromstring(page)
        assert htmldates.find_date(tree, extensive_search=extensive) == core.find_date(tree, extensive_search=extensive)
    # the extensive search reaches the wrapped patterns on the first pages (no meta, no time element)
    assert htmldates.find_date(fromstring(PAGES[0]), extensive_search=True) == "2021-05-12"


CANDIDATES = """<html><body><div class="main"><div id="x" class="post-date">no: its id comes first</div><div class="Datum">b</div>
<span itemprop="datePublished">c</span><p class="x" id="meta-1">first: class, no cue</p><p id="Meta" class="y">d</p>
<li class="byline author">e</li><div id="footer-info-lastmod">f</div><ul class="dATE">no: only a D is folded</ul>
<time>no attributes</time><footer>always</footer><small>always</small><h2 data-x="date">not its id or class</h2>
<section class="published">not a fast tag</section><div title="fecha">g: the title is no cue</div></div></body></html>"""


@pytest.mark.parametrize("extensive", [False, True])
def test_prefiltered_date_candidates_are_htmldates(extensive):
    pages = [CANDIDATES, *PAGES] + [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "html").glob("*.html"))]
    fast = WRAPPED["date_candidates"]
    for page in pages:
        tree = fromstring(page)
        assert fast(tree, extensive) == core.date_candidates(tree, extensive)
    found = [e.text for e in fast(fromstring(CANDIDATES), extensive)]
    assert found[:5] == ["b", "c", "d", "e", "f"] and not any(t.startswith("no:") for t in found)
    assert ("not a fast tag" in found) is extensive


def test_recent_answers_a_repeated_scan_from_memory():
    calls = []

    def scan(text, *args):
        calls.append(text)
        return len(text)

    recent = htmldates.Recent(scan)
    options = core.Extractor(True, core.get_max_date(None), core.get_min_date(None), True, "%Y-%m-%d")
    page = "x" * 1000
    assert [recent(page, options), recent("y", options), recent("x" * 1000, options), recent("z", options)] == [1000, 1, 1000, 1]
    assert calls == [page, "y", "z"]  # (an equal text, not the same string, is the same call)
    other = core.Extractor(True, core.get_max_date("2020-01-01"), core.get_min_date(None), True, "%Y-%m-%d")
    recent(page, other)
    assert len(calls) == 4  # other bounds: another call
