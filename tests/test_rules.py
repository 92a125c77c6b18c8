"""Every rule's examples (removed by it alone) and keeps (kept by all): ``pytest -k RULE_ID``."""
from __future__ import annotations

import pytest

from cleaner.checks import check_rule
from cleaner.rules import load_rules

RULES = load_rules()


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_rule_examples(rule):
    assert check_rule(rule, RULES) == []


def test_every_category_has_a_rule_file():
    from cleaner.record import CATEGORIES

    assert {r.category for r in RULES} == set(CATEGORIES)


def test_every_rule_documents_itself():
    for rule in RULES:
        assert rule.name and rule.why and rule.examples and rule.keeps, rule.id
