"""H014 tail-headlines (``cleaner/heuristics/h014_tail_headlines.py``): After the article's last
paragraph, two or more headlines in a row (or one in capitals) are links to other stories; not the
product list of a shopping article (continues_article)."""
from __future__ import annotations

from cases import PRODUCTS, PROSE, PROSE2, SHOP, rules_of

from cleaner import clean_text


def test_h014_headlines_after_the_last_paragraph_but_not_a_tour_listing():
    tail = "Council approves new bridge over the river\nFarmers count the cost of the late frost"
    a = clean_text(f"{PROSE}\n{PROSE2}\n{tail}")
    assert "late frost" not in a.body and ("see_also", "H014") in rules_of(a)
    listing = "June 9 – Springfield, IL @ Main Arena\nJune 10 – Shelbyville, IL @ Riverside Hall"
    assert "Riverside Hall" in clean_text(f"{PROSE}\n{PROSE2}\n{listing}").body
    notes = "(Graphic: Reservoir levels in 2024 - here)\n(Graphic: Rainfall by month since 1990 - here)"
    assert "Rainfall by month" in clean_text(f"{PROSE}\n{PROSE2}\n{notes}").body  # notes in brackets stay


def test_h014_spares_the_product_list_of_a_shopping_article():
    a = clean_text("\n".join([*SHOP, *PRODUCTS]))
    assert "Fenwick S24 noise cancelling headphones" in a.body and ("see_also", "H014") not in rules_of(a)
    # other stories after the same article still go
    a = clean_text("\n".join([*SHOP, "Council approves new bridge over the river",
                              "Farmers count the cost of the late frost"]))
    assert "late frost" not in a.body and ("see_also", "H014") in rules_of(a)


def test_h014_spares_a_list_that_a_line_of_the_article_introduces():
    items = "Council approves new bridge over the river\nFarmers count the cost of the late frost"
    a = clean_text(f"{PROSE}\n{PROSE2}\nThe report lists the projects it recommends:\n{items}")
    assert "late frost" in a.body and ("see_also", "H014") not in rules_of(a)
    a = clean_text(f"{PROSE}\n{PROSE2}\n{items}")  # without the lead-in: other stories
    assert "late frost" not in a.body
