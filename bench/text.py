"""Text mode on every dirty set: each extractor's text scored as it is and after ``clean_text``,
with both metrics of ../shared/README.md, and what each rule and heuristic costs and earns.

    python bench/text.py                       # every set in ../shared/benchmarks with a dirty.jsonl
    python bench/text.py --set wcxb --limit 100 --only trafilatura
    python bench/text.py --rules-report 40     # the 40 rules that cost most recall, and the flagged ones
    python bench/text.py --jobs 2              # clean in two processes
    python bench/text.py --dump out.jsonl      # per page: set, tool, id, scores, removals (for error analysis)

The sets: ``aeb`` (``ground-truth.json``, ``articleBody``) and ``wcxb`` (``ground-truth/<id>.json``,
``ground_truth.main_content``), each with ``dirty.jsonl`` (``{"id", "tool", "text"}``). The gold is read
here, from the files, not through cleaner.evaluate.

Metrics: ``shingle`` is the article-extraction-benchmark's word-4-gram metric (cleaner.evaluate.score: P the
mean over non-empty predictions, R the mean over all pages, F1 the harmonic mean of the two); ``bag``
is WCXB's word-bag metric (lowercased ``\\w+`` tokens, multiset overlap, per-page P, R and F1, each
the mean over pages; an empty prediction scores 0).

Per rule: the rule's removals are put back on each page (their shingles and tokens added to the
cleaned body's: the few 4-grams across a seam are not counted) and the page rescored; "R cost" is
the recall that the removals took (points, after minus put back, negative = a loss), "P earned" the
precision they gave. The report sums the points over every set and extractor (ten outputs for aeb
and wcxb) and flags a rule whose recall cost is more than the precision it earns.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.evaluate import score_corpus, score_shingles, shingles  # noqa: E402

BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
_TOKEN = regex.compile(r"\w+")

#: issue 11's targets, in points: (ΔP at least, ΔR at least) for trafilatura's defaults;
#: the other extractors: F1 up, ΔR at least -1 (html_text -2)
TARGET_TRAF = (5.0, -0.5)


# -- the sets ---------------------------------------------------------------------------------
@dataclass
class Doc:
    set: str
    tool: str
    id: str
    text: str
    gold: str
    url: str | None


def load_set(name: str, path: Path, only: str | None, limit: int | None) -> list[Doc]:
    if name == "aeb":
        truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
        gold = {k: (v["articleBody"], v.get("url")) for k, v in truth.items()}
    else:
        gold = {}
    docs: list[Doc] = []
    seen: Counter = Counter()
    with (path / "dirty.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if only and only not in rec["tool"]:
                continue
            if limit and seen[rec["tool"]] >= limit:
                continue
            seen[rec["tool"]] += 1
            if rec["id"] not in gold:
                g = json.loads((path / "ground-truth" / f"{rec['id']}.json").read_text(encoding="utf-8"))
                # a page without main_content has no gold body to score against: left out
                gold[rec["id"]] = (g["ground_truth"].get("main_content"), g.get("url"))
            body, url = gold[rec["id"]]
            if body is None:
                seen[rec["tool"]] -= 1
                continue
            docs.append(Doc(name, rec["tool"], rec["id"], rec["text"] or "", body, url))
    return docs


def find_sets(root: Path, names: list[str] | None) -> dict[str, Path]:
    found = {p.parent.name: p.parent for p in sorted(root.glob("*/dirty.jsonl"))}
    return {k: v for k, v in found.items() if not names or k in names}


# -- cleaning (one process or a pool) ----------------------------------------------------------
_CLEANER: Cleaner | None = None


def _init(keep: tuple[str, ...]) -> None:
    global _CLEANER
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    _CLEANER = Cleaner(keep=keep)


def _clean(args: tuple[str, str | None]) -> tuple[str, list[tuple[str, str, str]], str | None]:
    text, url = args
    if not text.strip():
        return "", [], None
    try:
        a = _CLEANER.clean_text(text, url=url)
    except Exception as e:  # noqa: BLE001 - a failure counts as empty output and is listed
        return "", [], f"{type(e).__name__}: {e}"
    return a.body, [(r.rule, r.category, r.text) for r in a.removed], None


def clean_all(docs: list[Doc], keep: tuple[str, ...], jobs: int):
    work = [(d.text, d.url) for d in docs]
    if jobs > 1:
        from multiprocessing import Pool

        with Pool(jobs, initializer=_init, initargs=(keep,)) as pool:
            return pool.map(_clean, work, chunksize=8)
    _init(keep)
    return [_clean(w) for w in work]


# -- scoring ------------------------------------------------------------------------------------
def bag(text: str) -> Counter:
    return Counter(t.lower() for t in _TOKEN.findall(text or ""))


def bag_page(pred: Counter, gold: Counter) -> tuple[float, float, float]:
    """WCXB's word-bag P, R, F1 of one page (an empty prediction scores 0)."""
    np_, ng = sum(pred.values()), sum(gold.values())
    if not np_:
        return (1.0, 1.0, 1.0) if not ng else (0.0, 0.0, 0.0)
    shared = sum((pred & gold).values())
    p = shared / np_
    r = shared / ng if ng else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Scores:
    sh: object  # CorpusScore
    bag: tuple[float, float, float]
    with_: float | None = None


def corpus(page_sh: list, page_bag: list[tuple[float, float, float]]) -> Scores:
    n = len(page_bag) or 1
    return Scores(score_corpus(page_sh), tuple(sum(x[i] for x in page_bag) / n for i in range(3)))


@dataclass
class RuleStat:
    category: str = ""
    removals: int = 0
    pages: int = 0
    # per (set, tool): summed per-page deltas (after - put back) of shingle P, shingle R, bag P, bag R
    d: dict = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0, 0.0, 0.0]))


def run(args) -> int:
    sets = find_sets(args.benchmarks, args.set)
    if not sets:
        print(f"no dirty set under {args.benchmarks}", file=sys.stderr)
        return 2
    keep = tuple(args.keep or ())
    rules: dict[str, RuleStat] = defaultdict(RuleStat)
    rows = []
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for name, path in sets.items():
        docs = load_set(name, path, args.only, args.limit)
        t0 = time.perf_counter()
        out = clean_all(docs, keep, args.jobs)
        secs = time.perf_counter() - t0
        by_tool: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(docs):
            by_tool[d.tool].append(i)
        for tool, idx in by_tool.items():
            before_sh, after_sh, before_bag, after_bag = [], [], [], []
            with_b = with_a = with_n = 0
            errors = []
            nonempty = 0
            per_page = []
            for i in idx:
                d = docs[i]
                body, removed, err = out[i]
                if err:
                    errors.append((d.id, err))
                gs, gb = shingles(d.gold), bag(d.gold)
                bs, as_ = shingles(d.text), shingles(body)
                bb, ab = bag(d.text), bag(body)
                b_sh, a_sh = score_shingles(bs, gs), score_shingles(as_, gs)
                b_bag, a_bag = bag_page(bb, gb), bag_page(ab, gb)
                before_sh.append(b_sh), after_sh.append(a_sh), before_bag.append(b_bag), after_bag.append(a_bag)
                nonempty += not a_sh.empty
                per_page.append((d, removed, as_, ab, gs, gb, a_sh, a_bag))
                if dump:
                    dump.write(json.dumps({"set": name, "tool": tool, "id": d.id,
                                           "before": [b_sh.precision, b_sh.recall], "after": [a_sh.precision, a_sh.recall],
                                           "bag_before": b_bag, "bag_after": a_bag,
                                           "removed": removed}, ensure_ascii=False) + "\n")
            n = len(idx)
            for d, removed, as_, ab, gs, gb, a_sh, a_bag in per_page:
                by_rule: dict[str, list[str]] = defaultdict(list)
                for rule, cat, text in removed:
                    by_rule[rule].append(text)
                    rules[rule].category = cat
                for rule, texts in by_rule.items():
                    st = rules[rule]
                    st.removals += len(texts)
                    st.pages += 1
                    ps, pb = Counter(as_), Counter(ab)
                    for t in texts:
                        ps.update(shingles(t))
                        pb.update(bag(t))
                    p_sh = score_shingles(ps, gs)
                    p_bag = bag_page(pb, gb)
                    acc = st.d[(name, tool)]
                    if not a_sh.empty:
                        acc[0] += (a_sh.precision - p_sh.precision) / max(nonempty, 1)
                    acc[1] += (a_sh.recall - p_sh.recall) / n
                    acc[2] += (a_bag[0] - p_bag[0]) / n
                    acc[3] += (a_bag[1] - p_bag[1]) / n
            rows.append((name, tool, n, corpus(before_sh, before_bag), corpus(after_sh, after_bag), errors, secs))
        print(f"{name}: {len(docs)} texts cleaned in {secs:.0f} s", file=sys.stderr)
    if dump:
        dump.close()
    print_tables(rows)
    if args.rules_report:
        print_rules(rules, args.rules_report, [(r[0], r[1]) for r in rows])
    return 0


def _pts(a: float, b: float) -> str:
    return f"{100 * (a - b):+.2f}"


def print_tables(rows) -> None:
    print("Shingle metric (aeb's word 4-grams): P, R, F1 before -> after\n")
    print("| set | extractor | pages | P before | P after | ΔP | R before | R after | ΔR | F1 before | F1 after | "
          "mean F1 after | target |")
    print("|" + " --- |" * 13)
    for name, tool, n, b, a, errors, _ in rows:
        bs, as_ = b.sh, a.sh
        dp, dr = 100 * (as_.precision - bs.precision), 100 * (as_.recall - bs.recall)
        if tool.startswith("trafilatura_defaults"):
            ok = dp >= TARGET_TRAF[0] and dr >= TARGET_TRAF[1]
        else:
            ok = as_.f1 > bs.f1 and dr >= (-2.0 if tool == "html_text" else -1.0)
        print(f"| {name} | {tool} | {n} | {bs.precision:.3f} | {as_.precision:.3f} | {dp:+.2f} | {bs.recall:.3f} | "
              f"{as_.recall:.3f} | {dr:+.2f} | {bs.f1:.3f} | **{as_.f1:.3f}** | {as_.mean_f1:.3f} | "
              f"{'met' if ok else 'not met'} |")
        if errors:
            print(f"  {len(errors)} errors (counted as empty): {errors[0]}")
    print("\nWord-bag metric (WCXB's): P, R, F1 (means over pages) before -> after\n")
    print("| set | extractor | P before | P after | ΔP | R before | R after | ΔR | F1 before | F1 after | ΔF1 |")
    print("|" + " --- |" * 11)
    for name, tool, n, b, a, errors, _ in rows:
        (bp, br, bf), (ap, ar, af) = b.bag, a.bag
        print(f"| {name} | {tool} | {bp:.3f} | {ap:.3f} | {_pts(ap, bp)} | {br:.3f} | {ar:.3f} | {_pts(ar, br)} | "
              f"{bf:.3f} | **{af:.3f}** | {_pts(af, bf)} |")


def print_rules(rules: dict[str, RuleStat], top: int, outputs: list[tuple[str, str]]) -> None:
    sets = sorted({s for s, _ in outputs})
    print(f"\nPer rule, points summed over {len(outputs)} outputs ({', '.join(sets)}): shingle P earned, "
          "R cost (negative = recall lost), the same in the word bag; per set the shingle pair\n")
    head = "| rule | category | removals | pages | P earned | R cost | bag P | bag R | " + \
        " | ".join(f"{s} P / R" for s in sets) + " | flag |"
    print(head)
    print("|" + " --- |" * (9 + len(sets)))

    def tot(st, k, only_set=None):
        return 100 * sum(v[k] for (s, _), v in st.d.items() if only_set is None or s == only_set)

    ranked = sorted(rules.items(), key=lambda kv: tot(kv[1], 1))
    shown = 0
    for rule, st in ranked:
        p, r = tot(st, 0), tot(st, 1)
        flag = "costs more than it earns" if -r > p else ""
        if shown >= top and not flag:
            continue
        shown += 1
        per = " | ".join(f"{tot(st, 0, s):+.2f} / {tot(st, 1, s):+.2f}" for s in sets)
        print(f"| {rule} | {st.category} | {st.removals} | {st.pages} | {p:+.2f} | {r:+.2f} | {tot(st, 2):+.2f} | "
              f"{tot(st, 3):+.2f} | {per} | {flag} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--benchmarks", type=Path, default=BENCHMARKS)
    ap.add_argument("--set", action="append", help="only this set (aeb, wcxb; repeatable)")
    ap.add_argument("--only", help="only the extractors whose name contains this")
    ap.add_argument("--limit", type=int, help="only the first N pages of each extractor")
    ap.add_argument("--keep", action="append", help="a category or rule id left in the body (repeatable)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--rules-report", type=int, nargs="?", const=30, default=0, metavar="N",
                    help="the per-rule table: the N rules costing most recall, plus every flagged rule")
    ap.add_argument("--dump", type=Path, help="per-page scores and removals as JSONL")
    return run(ap.parse_args())


if __name__ == "__main__":
    sys.exit(main())
