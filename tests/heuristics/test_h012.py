"""H012 link-list (``cleaner/heuristics/h012_link_lists.py``): Consecutive lines that were the items of
an HTML list made of links and little else (a menu, a table of contents, a list of other stories)
are navigation or see-also; not the product list of a shopping article."""
from __future__ import annotations

import textwrap

from cases import PRODUCTS, PROSE, PROSE2, SHOP, rules_of

from cleaner import Cleaner, clean_html


def test_h012_link_list_items_leave_the_body_but_a_cited_list_stays():
    # headline links wrapped in paragraphs: trafilatura keeps these lists in the text
    related = "".join(f'<li><p><a href="/news/{i}">Another headline about topic number {i}</a></p></li>' for i in range(5))
    cited = "".join(f'<li>Point {i}: the council <a href="/r{i}">report</a> found savings in area {i}.</li>' for i in range(3))
    html = textwrap.dedent(f"""\
        <html><head><title>Water levels recover</title></head><body><article>
        <h1>Water levels recover</h1><p>{PROSE}</p><ul>{cited}</ul><p>{PROSE2}</p>
        <ul>{related}</ul><p>{PROSE}</p></article></body></html>""")
    a = clean_html(html)
    assert "Another headline about topic number 3" not in a.body
    assert ("see_also", "H012") in rules_of(a)
    assert "the council report found savings in area 1" in a.body
    assert "Another headline about topic number 3" in Cleaner(keep=["H012"]).clean_html(html).body


def test_h012_a_list_a_sentence_announces_inside_the_article_stays():
    # "Many patches were sent for review:" then a list of links, then more prose: the article's list
    patches = "".join(f'<li><p><a href="/p/{i}">Fix the parser for case number {i}</a></p></li>' for i in range(5))
    related = "".join(f'<li><p><a href="/news/{i}">Another headline about topic number {i}</a></p></li>' for i in range(5))

    def page(intro, lst=patches):
        return (f"<html><head><title>Water levels recover</title></head><body><article><h1>Water levels recover</h1>"
                f"<p>{PROSE}</p><p>{intro}</p><ul>{lst}</ul><p>{PROSE2}</p><p>{PROSE}</p></article></body></html>")

    a = clean_html(page("Many patches were sent for review:"))
    assert "case number 3" in a.body and ("see_also", "H012") not in rules_of(a)
    a = clean_html(page("Related:", related))  # a label, not a sentence: the list goes
    assert "topic number 3" not in a.body
    urls = "".join(f'<li><p><a href="https://example.org/run/{i}">https://example.org/run/{i}</a></p></li>' for i in range(5))
    a = clean_html(page("Here are the results of the runs:", urls))  # bare addresses: links all the same
    assert "example.org/run/3" not in a.body


def test_h012_a_short_list_counts_beside_a_long_one_only():
    def cards(start, n):
        return "".join(f'<li><a href="/s/{i}">Story card headline number {i}</a> <span>A teaser for story {i} here</span></li>'
                       for i in range(start, start + n))

    def page(lists):
        return (f'<html><head><title>Water levels recover</title></head><body><article><h1>Water levels recover</h1>'
                f'<p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE}</p>{lists}</article></body></html>')

    a = clean_html(page(f"<ul>{cards(0, 4)}</ul><ul>{cards(4, 2)}</ul>"))
    assert "headline number 5" not in a.body and "headline number 2" not in a.body
    a = clean_html(page(f"<ul>{cards(4, 2)}</ul>"))  # alone, two items are too few to judge
    assert "headline number 5" in a.body


def test_h012_headlines_with_links_inside_them_go_after_the_last_paragraph_only():
    heads = ["The strange life of a coder", "How the courts read the First Amendment", "Why the dam held in the storm",
             "What a merger means for wearables"]
    lst = "<ul>" + "".join(f'<li>{h.split()[0]} {h.split()[1]} <a href="/s/{i}">{" ".join(h.split()[2:])}</a></li>'
                           for i, h in enumerate(heads)) + "</ul>"
    def page(middle, end):
        return (f'<html><head><title>Dams hold</title></head><body><article><h1>Dams hold</h1><p>{PROSE}</p>'
                f'{middle}<p>{PROSE2}</p><p>{PROSE} {PROSE2}</p>{end}</article></body></html>')
    assert "merger means for wearables" not in clean_html(page("", lst)).body  # a "more stories" box at the end
    assert "merger means for wearables" in clean_html(page(lst, "")).body  # the article's own list


def test_h012_spares_the_product_list_of_a_shopping_article():
    def page(names):
        items = "".join(f'<li><p><a href="/p/{i}">{t}</a></p></li>' for i, t in enumerate(names))
        return (f"<html><head><title>Best headphones</title></head><body><article><h1>Best headphones</h1>"
                f"<p>{SHOP[0]}</p><p>{SHOP[1]}</p><ul>{items}</ul><p>{PROSE}</p></article></body></html>")

    a = clean_html(page(PRODUCTS))
    assert "Fenwick S24 noise cancelling headphones" in a.body and ("see_also", "H012") not in rules_of(a)
    a = clean_html(page([f"Another headline about topic number {i}" for i in range(5)]))
    assert "topic number 3" not in a.body and ("see_also", "H012") in rules_of(a)
