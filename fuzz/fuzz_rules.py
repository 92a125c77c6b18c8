#!/usr/bin/env python3
"""Coverage-guided fuzzing of rule loading with atheris: any bytes as a rule file.

    python fuzz/make_corpus.py --rules fuzz/rules-corpus
    nice -n 19 python fuzz/fuzz_rules.py fuzz/rules-corpus -runs=200000 -max_len=8000 -timeout=30

A finding is any exception other than ``RuleError`` while loading, or, for a file that
loads, any exception other than ``CleanerError`` while cleaning a small page with it
(a backtracking pattern must end as a ``LimitError`` within the regex timeout).
"""
from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import Cleaner, CleanerError, Limits, RuleError
    from cleaner.rule import load_file
    from cleaner.ruleset import RuleSet

for name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(name).setLevel(logging.CRITICAL)

PATH = Path(tempfile.mkdtemp(prefix="fuzz-rules-")) / "rules.toml"
LIMITS = Limits(timeout=10, regex_timeout=0.05)
TEXT = ("Share this\nFacebook\nTwitter\nThe city council voted on Tuesday to extend the hours of the public library, "
        "after months of debate.\nLeave a Comment\nSubscribe to our newsletter\n" + "a" * 120 + "\n")
PAGE = f"<html><body><div class='share'>Share</div><article><p>{TEXT}</p></article><aside>Related</aside></body></html>"


def TestOneInput(data: bytes) -> None:
    PATH.write_bytes(data)
    try:
        rules = RuleSet(load_file(PATH))
    except RuleError:
        return
    try:
        c = Cleaner(rules=rules, limits=LIMITS)
        c.clean_text(TEXT)
        c.clean_html(PAGE)
    except CleanerError:
        return


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
