from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

#: a user rule file whose pattern backtracks catastrophically on "aaaa…" (lint and the regex
#: time limit must catch it)
SLOW_RULE = """
category = "promo"
[[rules]]
id = "XP001"
name = "backtracks"
why = "A pattern written in a hurry."
kind = "line"
patterns = ['(a|aa)+b']
examples = ["aab"]
keeps = ["The council voted on Tuesday to extend the hours of the library."]
"""
