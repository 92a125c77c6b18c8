"""H013 title-repeated-below (``cleaner/heuristics/h013_title_repeated_below.py``): The headline
repeated further down the body (a card or a related link naming the story again) is not body text."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import clean_text


def test_h013_the_headline_repeated_further_down_goes():
    text = f"Reservoirs recover after a wet spring\n{PROSE}\nReservoirs recover after a wet spring\n{PROSE2}"
    a = clean_text(text)
    assert a.title == "Reservoirs recover after a wet spring"
    assert "Reservoirs recover after a wet spring" not in a.body
    assert ("metadata", "H013") in rules_of(a)
