"""The user's five sample articles against golden records reviewed by eye
(``fixtures/seeds/*.expected.json``). A change of behaviour shows here as a diff to review;
regenerate the goldens (``python tests/goldens.py``, then ``git diff fixtures/seeds``) only
after reading that diff."""
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


def test_the_goldens_command_writes_them_as_they_are(capsys):
    # tests/goldens.py renders each record as its golden holds it: --check finds no change
    import goldens

    assert goldens.main(["--check"]) == 0
    assert capsys.readouterr().out.startswith("0 of 5 goldens differ")
