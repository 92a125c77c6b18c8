"""H004 breadcrumb-title (``cleaner/heuristics/h003_head_title.py``): A 'Home » … » Headline' trail at
the head is navigation; its last crumb is the title."""
from __future__ import annotations

from cases import PROSE, rules_of

from cleaner import clean_text


def test_h004_breadcrumb_gives_the_title():
    # a trail no rule knows: the heuristic takes it out and its last crumb is the title
    a = clean_text(f"Local News / Water / Reservoirs recover\nRESERVOIRS RECOVER\n{PROSE}")
    assert a.title == "Reservoirs recover"
    assert ("navigation", "H004") in rules_of(a) and "Local News" not in a.body
    # a trail a rule took still names the title, in its own case
    a = clean_text(f"Home » Reservoirs recover after wet spring\nreservoirs recover after wet spring\n{PROSE}")
    assert a.title == "Reservoirs recover after wet spring" and a.body == PROSE
