"""Body P/R/F1 of article-cleaner on the article-extraction-benchmark (../shared/benchmarks/aeb),
with the metric of ../shared/README.md, beside trafilatura run on the same pages in the same process
(interleaved page by page), through the loaders and scoring of cleaner.evaluate.

    python bench/aeb.py                 # cleaner + trafilatura (defaults, fast without comments, favor_precision)
    python bench/aeb.py --only cleaner  # just the cleaner
    python bench/aeb.py --text          # text mode: dirty.jsonl before -> after clean_text, per extractor
    python bench/aeb.py --text --only newspaper4k
    python bench/aeb.py --text --keep embedded_tweet   # tweets inline, as the gold has them

For every peer (readability-lxml, newspaper4k, justext, goose3, resiliparse) and Readability's
test pages too, see bench/peers.py; for metadata and per-page diffs, ``cleaner eval``.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner
from cleaner.evaluate import (
    GoldPage,
    GoldSet,
    Prediction,
    System,
    cleaner_system,
    evaluate,
    input_system,
    load_gold,
)

AEB = ROOT.parent / "shared" / "benchmarks" / "aeb"


def systems(only: str | None) -> list[System]:
    import trafilatura

    def traf(**kw):
        return lambda page: Prediction(body=trafilatura.extract(page.html, url=page.url, **kw) or "")

    table = [
        cleaner_system(Cleaner()),
        System("trafilatura defaults", traf()),
        System("trafilatura fast, no comments", traf(fast=True, include_comments=False)),
        System("trafilatura favor_precision", traf(favor_precision=True)),
    ]
    return [s for s in table if only is None or only in s.name]


def html_mode(aeb: Path, only: str | None, limit: int | None = None) -> int:
    gold = load_gold(aeb, format="aeb", limit=limit)
    chosen = systems(only)
    if not chosen:
        print(f"no system matches {only!r}", file=sys.stderr)
        return 2
    ev = evaluate(gold, chosen)
    print(f"{len(gold.pages)} pages from {aeb}")
    print(f"{'system':32} {'F1':>6} {'P':>6} {'R':>6} {'meanF1':>7} {'empty':>5} {'pages/s':>8}")
    for r in ev.reports:
        s = r.body
        print(f"{r.system:32} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} {s.mean_f1:7.3f} {s.empty:5d} "
              f"{r.pages_per_second:8.1f}")
        if r.errors:
            print(f"  {len(r.errors)} errors (counted as empty): {_ids(r.errors)}")
    return 0


def _ids(errors: list[tuple[str, str]], n: int = 10) -> str:
    return ", ".join(i[:16] for i, _ in errors[:n]) + (" …" if len(errors) > n else "")


def text_mode(aeb: Path, only: str | None = None, limit: int | None = None, keep: list[str] | None = None) -> int:
    """Each extractor's text from dirty.jsonl, scored as it is and after ``clean_text``
    (with ``keep``: categories left in the body, e.g. embedded_tweet, which the gold keeps)."""
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    by_tool: dict[str, list[GoldPage]] = defaultdict(list)
    with (aeb / "dirty.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if only and only not in rec["tool"]:
                continue
            gold = truth[rec["id"]]
            by_tool[rec["tool"]].append(GoldPage(id=rec["id"], body=gold["articleBody"], text=rec["text"] or "",
                                                 url=gold.get("url")))
    chosen = [input_system(), cleaner_system(Cleaner(keep=keep or ()))]
    if keep:
        print(f"kept in the body: {', '.join(keep)}\n")
    print("| extractor | P before | P after | ΔP (points) | R before | R after | ΔR (points) | F1 before | F1 after | "
          "mean F1 before | mean F1 after | empty after | pages/s |")
    print("|" + " --- |" * 13)
    for tool, pages in by_tool.items():
        ev = evaluate(GoldSet(aeb / "dirty.jsonl", "jsonl", pages[:limit] if limit else pages), chosen)
        before, after = ev.reports
        b, a = before.body, after.body
        print(f"| {tool} | {b.precision:.3f} | {a.precision:.3f} | {100 * (a.precision - b.precision):+.2f} | "
              f"{b.recall:.3f} | {a.recall:.3f} | {100 * (a.recall - b.recall):+.2f} | {b.f1:.3f} | "
              f"**{a.f1:.3f}** | {b.mean_f1:.3f} | {a.mean_f1:.3f} | {a.empty} | {after.pages_per_second:.0f} |",
              flush=True)
        if after.errors:
            print(f"  {len(after.errors)} errors (counted as empty): {_ids(after.errors)}; first: {after.errors[0][1]}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aeb", type=Path, default=AEB)
    ap.add_argument("--only", help="run only the systems (text mode: the extractors) whose name contains this")
    ap.add_argument("--text", action="store_true", help="text mode on dirty.jsonl")
    ap.add_argument("--limit", type=int, help="only the first N pages")
    ap.add_argument("--keep", action="append", help="text mode: a category left in the body (repeatable)")
    args = ap.parse_args()
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if not (args.aeb / "ground-truth.json").exists():
        print(f"benchmark not found at {args.aeb}", file=sys.stderr)
        return 2
    return text_mode(args.aeb, args.only, args.limit, args.keep) if args.text else html_mode(args.aeb, args.only, args.limit)


if __name__ == "__main__":
    sys.exit(main())
