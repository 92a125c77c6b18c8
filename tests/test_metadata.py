"""Metadata: where title, source, authors and date come from, and in what order."""
from __future__ import annotations

import pytest

from cleaner import clean_html, clean_text
from cleaner.authors import clean_authors
from cleaner.dates import parse_date

PROSE = (
    "The regional water authority said on Monday that reservoir levels had recovered after a wet spring, "
    "easing fears of summer restrictions for farmers and households across the valley."
)


def page(head: str = "", body: str = "") -> str:
    paragraphs = "".join(f"<p>{PROSE} {i}</p>" for i in range(4))
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head><body><article>{body}{paragraphs}</article></body></html>"


@pytest.mark.parametrize("line, iso", [
    ("Mar 23, 2024", "2024-03-23"),
    ("Published: March 23, 2024 10:31 AM ET", "2024-03-23"),
    ("Updated 6:45 AM EST, Monday, February 5, 2024", "2024-02-05"),
    ("23 March 2024", "2024-03-23"),
    ("2024-03-23T08:00:00Z", "2024-03-23"),
    ("Updated 2 hours ago", None),
    ("March 23", None),
])
def test_parse_date(line, iso):
    assert parse_date(line) == iso


def test_source_line_beats_agency_and_suffix():
    a = clean_text(f"Dams Hold After Storm – Valley Gazette\nFRESNO, Calif. (AP) — {PROSE}\n{PROSE}\nSource: Reuters")
    assert a.source == "Reuters" and "Source: Reuters" not in a.body


def test_agency_beats_title_suffix():
    a = clean_text(f"Dams Hold After the Storm – Valley Gazette\nFRESNO, Calif. (AP) — {PROSE}\n{PROSE}")
    assert a.source == "AP" and a.title == "Dams Hold After the Storm"


def test_title_suffix_beats_site_name():
    html = page('<title>Dams hold after the storm | Valley Gazette</title><meta property="og:site_name" content="VG Media">')
    a = clean_html(html)
    assert a.source == "VG Media"  # the suffix is no site name here: no page says so
    html = page('<title>Dams hold after the storm | Valley Gazette</title><meta property="og:site_name" content="Valley Gazette">')
    a = clean_html(html)
    assert a.title == "Dams hold after the storm" and a.source == "Valley Gazette"


def test_html_metadata_authors_date_language():
    html = page('<title>Dams hold</title><meta name="author" content="Jane Doe">'
                '<meta property="article:published_time" content="2024-03-12T11:04:00Z">', "")
    a = clean_html(html)
    assert a.authors == ["Jane Doe"] and a.date == "2024-03-12" and a.language == "en"


def test_generic_account_in_page_metadata_is_no_author():
    a = clean_html(page('<title>Dams hold</title><meta name="author" content="admin">'))
    assert a.authors == []


def test_byline_in_text():
    a = clean_text(f"Dams Hold After the Storm\nBy Jane Doe and John Roe\n{PROSE}")
    assert a.authors == ["Jane Doe", "John Roe"] and "By Jane Doe" not in a.body


def test_date_line_gives_the_dateline_its_year():
    a = clean_text(f"Dams Hold After the Storm\nMar 23, 2024\nWashington [US], March 23 (ANI): {PROSE}")
    assert a.date == "2024-03-23" and a.dateline.date == "2024-03-23" and a.dateline.agency == "ANI"
    assert a.source == "ANI"


def test_bylines_lose_job_titles_trailing_dates_and_placeholders():
    from cleaner.authors import clean_authors

    assert clean_authors(["Ben Cole Games Editor"])[0] == ["Ben Cole"]
    assert clean_authors(["Jane Doe, Senior Political Correspondent"])[0] == ["Jane Doe"]
    assert clean_authors(["Ana Ruiz Lopez May"])[0] == ["Ana Ruiz Lopez"]
    assert clean_authors(["Theresa May"])[0] == ["Theresa May"]  # two words: a name, not a date
    assert clean_authors(["Sam Writer"])[0] == ["Sam Writer"]
    assert clean_authors(["Brenda Goodman, MA"])[0] == ["Brenda Goodman"]
    assert clean_authors(["Username"])[0] == []
    assert clean_authors(["Jeff Doe Monday; November"])[0] == ["Jeff Doe"]


def test_meta_tags_the_parser_moved_into_the_body_still_count():
    # a stray element in the head closes it: the parser puts what follows in the body
    html = ('<html><head><title></title>tracking<meta property="og:title" content="Dams hold after the storm">'
            '<meta property="article:published_time" content="2024-03-12T11:04:00Z">'
            '<meta property="article:author" content="Jane Doe"></head>'
            f'<body><article><p>{PROSE}</p><meta itemprop="name" content="Not the page"></article></body></html>')
    a = clean_html(html)
    assert a.title == "Dams hold after the storm" and a.authors == ["Jane Doe"] and a.date == "2024-03-12"


def test_dublin_core_and_token_lists_in_meta_tags():
    html = page('<title>Title element</title><meta property="og:title twitter:title" content="Social title">'
                '<meta property="x:title dc:title" content="Dams hold after the storm">'
                '<meta property="og:description"><meta property="dc:creator x:y" content="Jane Doe">'
                '<meta name="author" content="FAIL">')
    a = clean_html(html)
    assert a.title == "Dams hold after the storm" and a.authors == ["Jane Doe"]
    html = page('<title>Title element</title><meta property="og:title twitter:title" content="Dams hold after the storm">')
    assert clean_html(html).title == "Dams hold after the storm"


def test_json_ld_headline_beats_og_title_unless_cut_short():
    ld = ('<script type="application/ld+json">//<![CDATA[\n{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "%s", "articleSection": "nil"}\n//]]></script>')
    html = page('<meta property="og:title" content="You will not believe these dams">'
                + ld % "Dams hold after the storm")
    a = clean_html(html)
    assert a.title == "Dams hold after the storm" and a.section is None  # "nil" is no section
    long = "Dams hold after the storm as the valley counts the cost of a week of rain and wind"
    html = page(f'<meta property="og:title" content="{long}">' + ld % (long[:40] + "…"))
    assert clean_html(html).title == long


def test_byline_search_skips_elements_that_hold_no_name():
    html = page('<title>Dams hold</title>',
                '<div><span class="username">Username</span><span class="tweet-author">Follow @jdoe</span></div>'
                '<span class="story-byline">By <a href="/people/jane-doe">Jane Doe</a></span>')
    assert clean_html(html).authors == ["Jane Doe"]


def test_write_to_line_names_the_authors():
    a = clean_text(f"Dams Hold After the Storm\n{PROSE}\n{PROSE}\nWrite to Jane Doe and John Roe at desk@example.com")
    assert a.authors == ["Jane Doe", "John Roe"] and "Write to" not in a.body


def test_the_publisher_in_a_meta_author_tag_is_no_author():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Dams hold", "author": [{"@type": "Person", "name": "Jane Doe"}]}</script>')
    html = page('<title>Dams hold</title><meta name="author" content="Valley Media Group">'
                '<meta name="copyright" content="Copyright (c) Valley Media Group 2024">' + ld)
    assert clean_html(html).authors == ["Jane Doe"]
    assert clean_authors(["Troy Smith; Troy L. Smith"])[0] == ["Troy L. Smith"]  # one person, initial or not
    assert clean_authors(["J. Smith; K. Smith"])[0] == ["J. Smith", "K. Smith"]  # a surname alone: two people


def test_json_ld_published_date_beats_a_modified_time_tag():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Dams hold", "datePublished": "2020-07-10T14:15:42+00:00", '
          '"dateModified": "2024-01-07T09:08:22+00:00"}</script>')
    html = page('<title>Dams hold</title><meta property="article:modified_time" content="2024-01-07T09:08:22+00:00">' + ld)
    assert clean_html(html).date == "2020-07-10"


def test_site_name_without_its_tagline_or_handle():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Dams hold", "publisher": {"@type": "Organization", "name": "Valley Gazette"}}</script>')
    for og in ("Valley Gazette - All the news of the valley", "@valleygazette"):
        html = page(f'<title>Dams hold</title><meta property="og:site_name" content="{og}">' + ld)
        assert clean_html(html).source == "Valley Gazette"
    html = page('<title>Dams hold</title><meta property="og:site_name" content="Valley Gazette Online">' + ld)
    assert clean_html(html).source == "Valley Gazette Online"  # a name of its own stays


@pytest.mark.parametrize("declared, authors", [
    ('<meta name="author" content="Peter J. Pitts">', ["Peter J. Pitts"]),
    ('<meta name="author" content="J.K. Rowling; Ann B. Cole">', ["J.K. Rowling", "Ann B. Cole"]),
    ('<meta name="byl" content="By Troy L. Smith and Ana M. Ruiz">', ["Troy L. Smith", "Ana M. Ruiz"]),
    ('<meta name="author" content="Peter Pitts">', ["Peter Pitts"]),
])
def test_author_initials_keep_their_dots(declared, authors):
    a = clean_html(page(f"<title>Library hours</title>{declared}"), url="https://www.washingtontimes.com/news/2024/a/")
    assert a.authors == authors


@pytest.mark.parametrize("value", ["www.washingtontimes.com", "Www Washingtontimes Com", "washingtontimes.com",
                                   "https://www.washingtontimes.com/staff/", "Bbc Co Uk", "www.example.de"])
def test_urls_and_hosts_are_never_authors(value):
    assert clean_authors([value]) == ([], []) and clean_authors(["news.example.de"]) == ([], [])
    a = clean_html(page(f'<title>Library hours</title><meta name="author" content="{value}">'),
                   url="https://www.washingtontimes.com/news/2024/a/")
    assert a.authors == []


def test_names_that_look_a_little_like_hosts_stay():
    assert clean_authors(["J.K. Rowling", "Dr. Jo Lee", "Anna Ng", "Marc-André Dubois"])[0] == [
        "J.K. Rowling", "Dr. Jo Lee", "Anna Ng", "Marc-André Dubois"]


def test_a_contributor_bio_names_the_author_when_no_byline_does():
    para = ("The regional water authority said on Monday that reservoir levels had recovered after a wet spring, "
            "easing fears of summer restrictions for farmers and households across the valley.")
    bio = "Jane Doe is a freelance science writer based in Lisbon. She has covered water and climate for ten years."
    a = clean_text("\n\n".join([para, para.replace("Monday", "Tuesday"), bio]))
    assert a.authors == ["Jane Doe"] and "Lisbon" not in a.body
    # a byline wins: the bio is not a second author
    a = clean_text("\n\n".join(["By Sam Roe", para, para.replace("Monday", "Tuesday"), bio]))
    assert a.authors == ["Sam Roe"]


def _any(function: str, attribute: str, *values: str) -> str:
    return " or ".join(f"{function}({attribute}, '{v}')" for v in values)


#: trafilatura's byline and byline-discard XPaths (2.3, ``re:test`` read as ``contains``), which
#: ``bylines.byline_candidates`` runs as tests on each element in one walk
BYLINE_XPATHS = [
    "//*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong]["
    "@rel='author' or @id='author' or @class='author' or @itemprop='author name' or rel='me' or "
    "@data-testid='AuthorCard' or @data-testid='AuthorURL' or "
    + _any("contains", "@class", "author-name", "authorname", "AuthorName", "authorName") + "]|//author",
    "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span]["
    "@class='byline' or @class='username' or @class='byl' or @class='BBL' or contains(@itemprop, 'author') or "
    + _any("contains", "@id", "author", "zuozhe", "bianji", "xiaobian") + " or "
    + _any("contains", "@class", "author", "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by",
           "posted-by", "journalist-name") + "]",
    "//*[contains(@data-component, 'Byline') or contains(@itemprop, 'author') or "
    + _any("contains", "@id", "author", "Author") + " or "
    + _any("contains", "@class", "author", "Author", "screenname", "writer", "byline", "Byline") + "]",
]
BYLINE_DISCARD = [
    ".//*[self::a or self::div or self::section or self::span]["
    "@id='comments' or @class='comments' or @class='title' or @class='date' or "
    + _any("starts-with", "@id", "comments") + " or " + _any("contains", "@id", "commentlist", "comment-list",
                                                             "ProductReviews") + " or "
    + _any("starts-with", "@class", "Comments", "comments") + " or "
    + _any("contains", "@class", "commentlist", "comments-list", "sidebar", "is-hidden", "quote",
           "embedly-instagram", "article-share", "article-support", "print", "category", "meta-date",
           "meta-reviewer") + " or contains(@data-component, 'Figure')]",
    "//time|//figure",
]


@pytest.mark.parametrize("markup", [
    '<div class="author">A</div><span class="AuthorName x">B</span><p itemprop="author name">C</p><author>D</author>'
    '<a rel="author">E</a><div><rel>me</rel></div><strong data-testid="AuthorURL">F</strong><h3 class="byline">G</h3>'
    '<h4 id="zuozhe-1">H</h4><span itemprop="authors">I</span><section class="post-byline">J</section>'
    '<em data-component="Byline">K</em><i id="theAuthor">L</i><b class="screenname writer">M</b>',
    '<div id="comments"><span class="author">N</span></div><section class="comments-list"><a class="author">O</a></section>'
    '<span class="date">P</span><div class="Comments x">Q</div><a id="commentlist-2">R</a><div data-component="Figure">S</div>'
    '<time class="author">T</time><figure><figcaption class="byline">U</figcaption></figure><span class="sidebar-print">V</span>'
    '<div class="title">W</div><div class="titles">X</div><section id="comments-area">Y</section><p class="author">Z</p>',
    '<div class="author"><span class="author-name">Jane</span></div>',  # a fragment: ``.//`` stays below its root
])
def test_byline_walk_finds_what_trafilaturas_xpaths_find(markup):
    from lxml.etree import XPath
    from lxml.html import fromstring

    from cleaner.bylines import byline_candidates

    for html in (page('<link rel="author" href="/jane"><meta itemprop="author" content="Jane">', markup), markup):
        tree = fromstring(html)
        levels, discard = byline_candidates(tree)
        seen: set = set()
        for level, xpath in zip(levels, BYLINE_XPATHS):
            want = [el for el in XPath(xpath)(tree) if el not in seen]  # each element at its first level only
            seen.update(want)
            assert level == want
        assert discard == {el for xpath in BYLINE_DISCARD for el in XPath(xpath)(tree)}


def test_byline_walk_finds_each_string_the_xpaths_look_for():
    """Every string the XPaths compare an attribute with or look for in one, in each attribute
    they read, alone and inside a longer value, on the tags they name: the walk (and the
    search that lets it pass most elements by) finds what they find."""
    import re

    from lxml.etree import XPath
    from lxml.html import fromstring

    from cleaner.bylines import byline_candidates

    strings = sorted({m for xpath in BYLINE_XPATHS + BYLINE_DISCARD for m in re.findall(r"'([^']+)'", xpath)})
    attrs = ("class", "id", "itemprop", "rel", "data-testid", "data-component")
    for tag in ("div", "span", "h3", "section", "em"):
        markup = "".join(f'<{tag} {attr}="{value}">{value}</{tag}>' for s in strings for attr in attrs
                         for value in (s, f"x-{s}-y"))
        tree = fromstring(page(body=markup))
        levels, discard = byline_candidates(tree)
        seen: set = set()
        for level, xpath in zip(levels, BYLINE_XPATHS):
            want = [el for el in XPath(xpath)(tree) if el not in seen]
            seen.update(want)
            assert level == want, tag
        assert discard == {el for xpath in BYLINE_DISCARD for el in XPath(xpath)(tree)}, tag


def test_byline_walk_reads_every_top_level_element():
    """A broken page can parse into two ``<html>`` elements side by side; ``//`` reads both."""
    from lxml.etree import XPath

    from cleaner.extract import parse
    from cleaner.bylines import byline_candidates

    tree = parse(page(body='<span class="author">Jane Doe</span>') + '<html><body><div id="by-author">John Roe</div>'
                 '<figure>x</figure><div class="comments">y</div></body></html>')
    assert [el.tag for el in tree.itersiblings()] == ["html"]
    levels, discard = byline_candidates(tree)
    assert [[el.text for el in level] for level in levels] == [["Jane Doe"], ["John Roe"], []]
    discarded = {el for xpath in BYLINE_DISCARD for el in XPath(xpath)(tree)}
    assert discard == discarded and [el.tag for el in discard] == ["figure"]  # (``.//`` stays below the first)


def test_white_space_is_the_same_to_str_split_and_re():
    import re
    import sys

    assert all(bool(re.match(r"\s", c)) == c.isspace() for c in map(chr, range(sys.maxunicode + 1)))


@pytest.mark.parametrize("text", ['{ "a b" : "c\\" d" ,\n "e":1 }', 'x " y', '"a" "b', '\u2003 \x1c"\u00a0"\x85 ',
                                  '{"k": "v\\\\"} "open', ""])
def test_json_ld_is_minified_as_trafilatura_does(text):
    from hypothesis import given, settings, strategies as st
    from trafilatura import metadata as tm

    from cleaner.htmlmeta import _minified

    assert _minified(text) == tm.JSON_MINIFY.sub(r"\1", text)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet='"\\ \t\n\u00a0\u2028ab:{},', max_size=60))
    def same(generated):
        assert _minified(text + generated) == tm.JSON_MINIFY.sub(r"\1", text + generated)
    same()
