"""H006 section-label (``cleaner/heuristics/h003_head_title.py``): A one-to-three word label just above
the headline ('World', 'Business') is the section."""
from __future__ import annotations

from cases import PROSE, rules_of

from cleaner import clean_text


def test_h006_section_label_above_title():
    a = clean_text(f"Environment\nReservoirs recover after wet spring\nReservoirs recover after wet spring\n{PROSE}")
    assert a.section == "Environment" and "Environment" not in a.body.split("\n")[0]
    assert ("metadata", "H006") in rules_of(a)
