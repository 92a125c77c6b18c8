"""Probe a candidate text-rule pattern before writing the rule: how many lines it takes from
every dirty text (each extractor's output) and how many gold lines it would take too.

    python bench/probe.py 'free shipping on orders\\b.{0,200}' '(?:book|schedule) a demo[.!]?'

Each pattern is fullmatched, case-insensitively, against every line (spaces collapsed) of
``aeb/dirty.jsonl`` and ``wcxb/dirty.jsonl`` and of the two sets' gold bodies under
``../shared/benchmarks``. A pattern worth a rule takes lines on several pages and no gold line.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import regex

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"


def gold_texts(root: Path):
    truth = json.loads((root / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for key, value in truth.items():
        yield "aeb", key, value["articleBody"]
    for path in sorted((root / "wcxb" / "ground-truth").glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))["ground_truth"].get("main_content")
        if body:
            yield "wcxb", path.stem, body


def dirty_texts(root: Path):
    for name in ("aeb", "wcxb"):
        with (root / name / "dirty.jsonl").open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                yield name, rec["tool"], rec["id"], rec["text"] or ""


def lines_matching(rx, text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if rx.fullmatch(" ".join(ln.split()))]


def main(patterns: list[str]) -> int:
    if not patterns or not SHARED.is_dir():
        print(__doc__ if not patterns else f"no benchmarks at {SHARED}")
        return 2
    gold, dirty = list(gold_texts(SHARED)), list(dirty_texts(SHARED))
    for pattern in patterns:
        rx = regex.compile(pattern, regex.IGNORECASE)
        taken = [(s, tool, i, ln) for s, tool, i, text in dirty for ln in lines_matching(rx, text)]
        kept = [(s, i, ln) for s, i, text in gold for ln in lines_matching(rx, text)]
        pages = {(s, i) for s, _, i, _ in taken}
        print(f"== {pattern}\n   dirty lines {len(taken)} on {len(pages)} pages | gold lines {len(kept)}")
        for s, tool, i, ln in taken[:4]:
            print(f"   taken  {s} {tool} {i[:8]} {ln[:120]}")
        for s, i, ln in kept[:6]:
            print(f"   GOLD   {s} {i[:8]} {ln[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
