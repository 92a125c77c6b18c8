"""H022 site-self-description (``cleaner/heuristics/h022_site_self_description.py``): One of the last
lines that begins with the site's own name and says what it is ('Acme is a global provider of …',
'Acme is headquartered in …', on acme.com) is the publisher's boilerplate, not the article."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import Cleaner, clean_text


def test_h022_the_sites_own_blurb_at_the_end_goes():
    blurb = ("Northwind Analytics is a global provider of water-quality sensors for utilities and farms. "
             "The company serves customers in 30 countries.")
    seat = "Northwind Analytics is headquartered in Leeds and employs around 400 people."
    text = "\n\n".join([PROSE, PROSE2, blurb, seat])
    a = clean_text(text, url="https://www.northwindanalytics.com/news/sensor-launch")
    assert ("promo", "H022") in rules_of(a) and "global provider" not in a.body and "Leeds" not in a.body
    assert PROSE in a.body and PROSE2 in a.body
    assert "global provider" in Cleaner(keep=("H022",)).clean_text(text, url="https://northwindanalytics.com/x").body
    # on another site, the same lines are about another company: they stay
    assert "global provider" in clean_text(text, url="https://www.example-news.com/story").body
    # a review of the site's own tool in the middle of the page is not its tail
    review = "Northwind Analytics is a software tool that maps sensor data, and it is the one we liked best."
    a = clean_text("\n\n".join([review, PROSE, PROSE2, PROSE, PROSE2]), url="https://northwindanalytics.com/blog/tools")
    assert review in a.body
    # "is a" without saying what kind of business it is: not a blurb
    line = "Northwind is a long way from the coast, and the sensors had to be flown in by helicopter last spring."
    assert line in clean_text("\n\n".join([PROSE, PROSE2, line]), url="https://northwind.org/a").body
