"""The user's five sample articles against golden records reviewed by eye
(``fixtures/seeds/*.expected.json``). A change of behaviour shows here as a diff to review;
regenerate the goldens only after reading that diff."""
from __future__ import annotations

import json

import pytest

from cleaner import clean_text
from conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_matches_its_golden_record(path):
    expected = json.loads(path.with_suffix("").with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
    assert clean_text(path.read_bytes(), id=path.name).to_dict() == expected


def test_five_seeds():
    assert len(SEEDS) == 5
