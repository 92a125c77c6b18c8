"""H007 dateline (``cleaner/heuristics/h007_dateline.py``): The dateline opening the first paragraph
('TEL AVIV, Israel (AP) —') becomes metadata."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import Cleaner, clean_text


def test_h007_dateline_leaves_the_body_unless_kept():
    text = f"FRESNO, Calif. (AP) — {PROSE}\n{PROSE2}"
    a = clean_text(text)
    assert a.dateline.place == "FRESNO, Calif." and a.dateline.agency == "AP"
    assert a.body.startswith("The regional water authority") and a.source == "AP"
    assert ("metadata", "H007") in rules_of(a)
    kept = Cleaner(keep_dateline=True).clean_text(text)
    assert kept.body.startswith("FRESNO, Calif. (AP) —") and kept.dateline.agency == "AP"
