"""H011 author-bio (``cleaner/heuristics/h011_author_bio.py``): A closing line that starts with the
author's name ('Jane Doe covers transport for …') is the author's bio."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import clean_text


def test_h011_author_bio_at_the_end():
    text = f"Dams Hold After the Storm\nBy Jane Doe\n{PROSE}\n{PROSE2}\nJane Doe covers water and farming for the Valley Gazette."
    a = clean_text(text)
    assert a.authors == ["Jane Doe"] and "covers water" not in a.body
    assert ("metadata", "H011") in rules_of(a)
    # the same sentence about someone who is not the author stays
    assert "covers water" in clean_text(text.replace("Jane Doe covers", "John Roe covers")).body
