"""The registry of heuristics: every id unique, documented and listed."""
from __future__ import annotations

import pytest

from cleaner.heuristics import HEURISTICS


def test_heuristic_ids_are_unique_and_documented():
    assert len({h.id for h in HEURISTICS}) == len(HEURISTICS)
    assert all(h.why and h.name for h in HEURISTICS)


@pytest.mark.parametrize("rule", ["H019", "H020", "H021", "H025"])
def test_new_heuristics_are_listed(rule):
    from cleaner.heuristics import HEURISTICS

    assert rule in {h.id for h in HEURISTICS}
