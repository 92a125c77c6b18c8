"""H008 over-removal-guard (``cleaner/heuristics/h008_guard.py``): When removals would cut most of the
article's prose, the prose removals are undone."""
from __future__ import annotations

import textwrap

from cases import PROSE, PROSE2, _user_rules, rules_of

from cleaner import Cleaner, clean_text


def test_h008_guard_undoes_a_rule_that_eats_the_article(tmp_path):
    (tmp_path / "greedy.toml").write_text(textwrap.dedent("""
        category = "promo"
        [[rules]]
        id = "XG001"
        name = "everything"
        why = "A rule written in a hurry."
        kind = "line"
        patterns = ['.+']
        max_chars = 100000
        examples = ["x"]
        keeps = []
    """), encoding="utf-8")
    a = Cleaner(rules=tmp_path).clean_text(f"{PROSE}\n{PROSE2}\nShort line")
    assert PROSE in a.body and PROSE2 in a.body
    assert "Short line" not in a.body  # not prose: the guard only brings prose back


def test_h008_a_marker_zone_without_prose_stops_short_of_eating_the_document():
    # a document of short lines (a plain-text draft): no paragraph ever closes the
    # table-of-contents zone, which would otherwise run to the end
    lines = ["Status of this memo", "Table of Contents", "1. Introduction", "2. Terms"]
    lines += [f"line {i} of a text broken at seventy columns like a draft" for i in range(40)]
    a = clean_text("\n".join(lines))
    assert "line 39 of a text broken" in a.body
    assert ("navigation", "NV012") in rules_of(a)  # the marker line itself still goes
    # a line another rule takes inside the zone does not split it into two smaller zones
    lines[24] = "Share this"
    a = clean_text("\n".join(lines))
    assert "line 39 of a text broken" in a.body and "line 2 of a text broken" in a.body


def test_h008_guard_covers_user_rules_of_every_category(tmp_path):
    from conftest import FIXTURES

    c = _user_rules(tmp_path / "m", "metadata", "marker", "patterns = ['.+']\nmax_chars = 100000")
    e = _user_rules(tmp_path / "e", "embedded_tweet", "line", "patterns = ['.+']\nmax_chars = 100000")
    text = f"{PROSE}\n{PROSE2}"
    assert PROSE in c.clean_text(text).body and PROSE2 in e.clean_text(text).body
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
    assert seeds and all(c.clean_text(p.read_text(encoding="utf-8")).body for p in seeds)
    # the built-in metadata removals stay (a dateline is not brought back by the guard)
    a = Cleaner().clean_text(f"FRESNO, Calif. (AP) — {PROSE}\n{PROSE2}")
    assert a.body.startswith("The regional water authority")
