"""H018 split-body (``cleaner/heuristics/h018_split_body.py``): An article body split into chunks of
the same container (one per stretch between ad slots), of which the extraction read the first only:
the other chunks are read too."""
from __future__ import annotations

from cases import PROSE, PROSE2

from cleaner import Cleaner, clean_html


def test_h018_an_article_body_split_around_ad_slots_is_read_whole():
    paras = [f"Part {i} of the story follows the engineers along the valley's oldest dam. {PROSE}" for i in range(6)]

    def chunk(ps):
        return ('<div class="grid"><div class="grid--item body body__container article__body">'
                + "".join(f"<p>{p}</p>" for p in ps) + "</div></div>")

    html = (f'<html><head><title>Dams hold after the storm</title></head><body><article class="article">'
            f'<h1>Dams hold after the storm</h1><div class="article__chunks">{chunk(paras[:3])}'
            f'<div class="row full-bleed-ad"><div class="ad">Advertisement</div></div>{chunk(paras[3:])}</div>'
            f'</article><div class="related"><div class="article__body"><p>{PROSE2} Another story.</p></div></div>'
            f'</body></html>')
    assert "Part 5" not in Cleaner(keep=["H018"]).clean_html(html).body  # trafilatura reads the first chunk only
    body = clean_html(html).body
    assert "Part 0" in body and "Part 5" in body and body.index("Part 2") < body.index("Part 3")
    assert "Another story" not in body  # a container of the same class further away is another story
    # the next story appended below (infinite scroll): its body has the same class, and its own article
    second = "".join(f"<p>Next {i}: the city's bus network will change in May. {PROSE2}</p>" for i in range(3))
    stream = ('<html><head><title>Dams hold after the storm</title></head><body><div class="stream">'
              '<article><h1>Dams hold after the storm</h1><div class="article__body">'
              + "".join(f"<p>{p}</p>" for p in paras[:3]) + '</div></article>'
              f'<article><h1>Buses change in May</h1><div class="article__body">{second}</div></article>'
              f'</div></body></html>')
    assert "Next 2" not in clean_html(stream).body
