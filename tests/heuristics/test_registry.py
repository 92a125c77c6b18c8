"""The registry of heuristics: every id unique, documented, beside its test, and pointing at real code."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from cleaner.heuristics import HEURISTICS, SECTIONS, _sections

HERE = Path(__file__).parent
IDS = [h.id for h in HEURISTICS]


def test_heuristic_ids_are_unique_and_documented():
    assert len(set(IDS)) == len(IDS)
    assert all(h.why and h.name for h in HEURISTICS)


@pytest.mark.parametrize("heuristic", HEURISTICS, ids=IDS)
def test_each_heuristic_has_its_test_file(heuristic):
    # `pytest -k H012` and `ls tests/heuristics/test_h012*` both find it
    path = HERE / f"test_{heuristic.id.lower()}.py"
    assert path.is_file(), f"{heuristic.id} has no {path.name}"
    assert f"def test_{heuristic.id.lower()}_" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("heuristic", HEURISTICS, ids=IDS)
def test_each_heuristic_module_documents_it_in_ruffs_form(heuristic):
    doc = heuristic.doc()
    assert heuristic.id in doc, f"{heuristic.module} never names {heuristic.id}"
    headings = [h for h, _ in _sections(doc)]
    assert "What it does" in headings and "Example" in headings
    assert "Why it is boilerplate" in headings or "Why it is needed" in headings
    assert set(headings) <= set(SECTIONS)


@pytest.mark.parametrize("heuristic", HEURISTICS, ids=IDS)
def test_each_heuristic_code_pointer_resolves(heuristic):
    module = importlib.import_module(heuristic.module)
    for name in heuristic.code.split(":")[1].split(","):
        assert callable(getattr(module, name.strip())), f"{heuristic.code}: no {name.strip()}"


@pytest.mark.parametrize("rule", ["H019", "H020", "H021", "H025"])
def test_new_heuristics_are_listed(rule):
    assert rule in IDS
