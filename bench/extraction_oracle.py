"""How far a perfect choice of trafilatura's extraction would lift the cleaner: the ceiling
for what H020 (the safety net that picks between trafilatura's settings) can reach.

    python bench/extraction_oracle.py                   # every gold set under ../shared/benchmarks
    python bench/extraction_oracle.py --set wcxb --limit 100

For every page it runs ``clean_html`` four times, the extraction forced each time: H020's own
choice (``actual``), trafilatura's fast mode, its full cascade, and its recall setting (each one
then goes through the cleaner's rules and heuristics as usual), and trafilatura's defaults
without comments for reference. It prints the mean word F1 (WCXB's metric) of each, and of an
oracle that takes, page by page, the best of the four cleaner bodies: what H020 would give if
it knew the gold. Slow (five extractions of every page): a wcxb run takes about ten minutes.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cleaner.heuristics.h020_safety_net as H  # noqa: E402
from cleaner import Cleaner  # noqa: E402
from cleaner.errors import CleanerError  # noqa: E402
from cleaner.evaluate import compare_system, find_gold_sets, load_gold  # noqa: E402
from cleaner.evaluate import score_words, words  # noqa: E402

MODES = ("actual", "fast", "full", "recall")


class Forced:
    """``cleaner.heuristics.h020_safety_net.extract`` with the extraction forced to one mode (``actual``: H020's own
    choice); each page's three extractions are made once and reused across the modes."""

    def __init__(self):
        self.mode, self.cache, self.real = "actual", {}, H.extract

    def __call__(self, tree, url, guard=None):
        if self.mode == "actual":
            return self.real(tree, url, guard)
        if not self.cache:
            self.cache = {"fast": H.extract_text(tree, url, fast=True), "full": H.extract_text(tree, url, fast=False),
                          "recall": H.extract_text(tree, url, fast=False, recall=True)}
        return self.cache[self.mode], None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", help="aeb, readability or wcxb (default: all)")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
    forced = Forced()
    H.extract = forced
    cleaner = Cleaner()
    trafilatura = compare_system("trafilatura-no-comments")  # as `cleaner eval --compare` runs it
    print("| set | pages | trafilatura, no comments | " + " | ".join(f"cleaner, {m}" for m in MODES)
          + " | oracle (best of the four) |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in MODES) + " | --- |")
    for folder in find_gold_sets(root):
        if args.set and not any(s in str(folder) for s in args.set):
            continue
        gold = load_gold(folder, limit=args.limit)
        sums = dict.fromkeys((*MODES, "trafilatura", "oracle"), 0.0)
        for page in gold.pages:
            truth = words(page.body)
            forced.cache = {}
            best = 0.0
            for mode in MODES:
                forced.mode = mode
                try:
                    body = cleaner.clean_html(page.html, url=page.url).body
                except CleanerError:
                    body = ""
                f1 = score_words(words(body), truth).f1
                sums[mode] += f1
                best = max(best, f1)
            sums["oracle"] += best
            sums["trafilatura"] += score_words(words(trafilatura.run(page).body), truth).f1
        n = len(gold.pages) or 1
        cells = [f"{sums[k] / n:.4f}" for k in ("trafilatura", *MODES, "oracle")]
        print(f"| {gold.name} | {len(gold.pages)} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
