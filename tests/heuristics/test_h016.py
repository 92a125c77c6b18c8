"""H016 standfirst (``cleaner/heuristics/h016_standfirst.py``): The standfirst under the headline (a
sub-heading in the page header that repeats the page's meta description) is the article's summary:
it goes to the description, unless the headline runs into it or the first paragraph runs on from it."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import clean_html


def test_h016_standfirst_in_the_page_header_goes_to_the_description():
    dek = "Reservoirs are full again after the wettest spring in a decade, but the old dams still worry engineers."
    more = " ".join([PROSE2] * 3)

    def page(header_tag: str, dek_tag: str) -> str:
        return (f'<html><head><title>Dams hold</title><meta name="description" content="{dek}"></head><body>'
                f'<article><{header_tag} class="story"><h1>Dams hold after the storm</h1><{dek_tag}>{dek}</{dek_tag}>'
                f'</{header_tag}><div class="body"><p>{PROSE}</p><p>{more}</p><p>{more}</p></div></article></body></html>')

    a = clean_html(page("header", "h2"))
    assert dek not in a.body and ("metadata", "H016") in rules_of(a) and a.description == dek
    assert PROSE in a.body
    # a lede paragraph that repeats the description, or a sub-heading outside the header, stays
    for header_tag, dek_tag in (("header", "p"), ("div", "h2")):
        a = clean_html(page(header_tag, dek_tag))
        assert dek in a.body and ("metadata", "H016") not in rules_of(a) and a.description == dek


def test_h016_spares_a_standfirst_the_headline_runs_into():
    dek = "And why the old dams along the river still worry the engineers who inspect them."
    more = " ".join([PROSE2] * 3)
    html = (f'<html><head><title>Dams hold</title><meta name="description" content="{dek}"></head><body>'
            f'<article><header class="story"><h1>Dams hold after the storm</h1><h2>{dek}</h2></header>'
            f'<div class="body"><p>{PROSE}</p><p>{more}</p><p>{more}</p></div></article></body></html>')
    a = clean_html(html)
    assert dek in a.body and ("metadata", "H016") not in rules_of(a)
