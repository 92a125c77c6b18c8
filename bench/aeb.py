"""Body P/R/F1 of article-cleaner on the article-extraction-benchmark (../shared/benchmarks/aeb),
with the metric of ../shared/README.md, beside trafilatura run on the same pages in the same process.

    python bench/aeb.py                 # cleaner + trafilatura (defaults, fast without comments)
    python bench/aeb.py --only cleaner  # just the cleaner
    python bench/aeb.py --text          # text mode: dirty.jsonl before -> after clean_text, per extractor
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.metrics import score_corpus, score_page  # noqa: E402

AEB = ROOT.parent / "shared" / "benchmarks" / "aeb"


def load_pages(aeb: Path) -> tuple[dict, dict]:
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {k: gzip.decompress((aeb / "html" / f"{k}.html.gz").read_bytes()) for k in truth}
    return truth, pages


def systems(only: str | None):
    import trafilatura

    cleaner = Cleaner()
    table = {
        "article-cleaner": lambda html, url: cleaner.clean_html(html, url=url).body,
        "trafilatura defaults": lambda html, url: trafilatura.extract(html, url=url) or "",
        "trafilatura fast, no comments": lambda html, url: trafilatura.extract(
            html, url=url, fast=True, include_comments=False) or "",
        "trafilatura favor_precision": lambda html, url: trafilatura.extract(
            html, url=url, favor_precision=True) or "",
    }
    return {k: v for k, v in table.items() if only is None or only in k}


def html_mode(aeb: Path, only: str | None) -> None:
    truth, pages = load_pages(aeb)
    print(f"{len(pages)} pages from {aeb}")
    print(f"{'system':32} {'F1':>6} {'P':>6} {'R':>6} {'meanF1':>7} {'empty':>5} {'pages/s':>8}")
    for name, run in systems(only).items():
        scores, elapsed = [], 0.0
        for k, html in pages.items():
            t = time.perf_counter()
            body = run(html, truth[k].get("url"))
            elapsed += time.perf_counter() - t
            scores.append(score_page(body, truth[k]["articleBody"]))
        s = score_corpus(scores)
        print(f"{name:32} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} {s.mean_f1:7.3f} {s.empty:5d} "
              f"{len(pages) / elapsed:8.1f}", flush=True)


def text_mode(aeb: Path) -> None:
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    cleaner = Cleaner()
    before, after = defaultdict(list), defaultdict(list)
    with (aeb / "dirty.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            gold = truth[rec["id"]]["articleBody"]
            before[rec["tool"]].append(score_page(rec["text"] or "", gold))
            body = cleaner.clean_text(rec["text"] or "", url=truth[rec["id"]].get("url")).body
            after[rec["tool"]].append(score_page(body, gold))
    print(f"{'extractor':28} {'P before':>8} {'P after':>8} {'R before':>8} {'R after':>8} {'F1 before':>9} {'F1 after':>9}")
    for tool in before:
        b, a = score_corpus(before[tool]), score_corpus(after[tool])
        print(f"{tool:28} {b.precision:8.3f} {a.precision:8.3f} {b.recall:8.3f} {a.recall:8.3f} {b.f1:9.3f} {a.f1:9.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--aeb", type=Path, default=AEB)
    ap.add_argument("--only", help="run only the systems whose name contains this")
    ap.add_argument("--text", action="store_true", help="text mode on dirty.jsonl")
    args = ap.parse_args()
    if not (args.aeb / "ground-truth.json").exists():
        print(f"benchmark not found at {args.aeb}", file=sys.stderr)
        return 2
    text_mode(args.aeb) if args.text else html_mode(args.aeb, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
