"""How much precision a perfect line filter would add to an extractor's text: the ceiling for
issue 11's text-mode target.

    python bench/text_oracle.py                         # trafilatura's defaults, aeb and wcxb
    python bench/text_oracle.py --tool newspaper4k

For every dirty text it scores (shingle metric, ``cleaner.evaluate.score``) the raw text, ``clean_text``'s
body, and what an oracle that knows the gold keeps of each: every line that shares a word 4-gram
with the gold, and every line of one to three words whose words occur in that order in the gold.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import text as T  # noqa: E402  (bench/text.py: the dirty-set loader)

from cleaner import Cleaner  # noqa: E402
from cleaner.evaluate.score import TOKEN as _TOKEN, score_shingles, shingles  # noqa: E402


def oracle(text: str, gold: str, gold_shingles) -> str:
    words = " " + " ".join(_TOKEN.findall(gold)) + " "

    def in_gold(line: str) -> bool:
        sh = shingles(line)
        if not sh:
            return True
        tokens = _TOKEN.findall(line)
        if len(tokens) < 4:
            return f" {' '.join(tokens)} " in words
        return bool(sh & gold_shingles)

    return "\n".join(ln for ln in text.split("\n") if in_gold(ln))


def corpus(scores) -> tuple[float, float]:
    made = [s for s in scores if not s.empty]
    return sum(s.precision for s in made) / len(made), sum(s.recall for s in scores) / len(scores)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tool", default="trafilatura_defaults")
    ap.add_argument("--set", action="append", choices=["aeb", "wcxb"])
    args = ap.parse_args()
    root = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"
    cleaner = Cleaner()
    for name in args.set or ["aeb", "wcxb"]:
        docs = T.load_set(name, root / name, args.tool, None)
        rows: dict[str, list] = {"raw": [], "clean_text": [], "oracle(raw)": [], "oracle(clean_text)": []}
        for d in docs:
            g = shingles(d.gold)
            body = cleaner.clean_text(d.text, url=d.url).body if d.text.strip() else ""
            for label, text in (("raw", d.text), ("clean_text", body),
                                ("oracle(raw)", oracle(d.text, d.gold, g)), ("oracle(clean_text)", oracle(body, d.gold, g))):
                rows[label].append(score_shingles(shingles(text), g))
        p0, r0 = corpus(rows["raw"])
        for label, scores in rows.items():
            p, r = corpus(scores)
            print(f"{name} {args.tool} {label:19s} P {p:.4f} R {r:.4f}  ΔP {100 * (p - p0):+.2f} ΔR {100 * (r - r0):+.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
