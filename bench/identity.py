"""Identity check: every record the cleaner writes on every development page, to compare two versions.

    python bench/identity.py dump before.jsonl              # clean_html on every page of every gold set,
                                                            # clean_text on every dirty text
    python bench/identity.py dump after.jsonl --limit 20    # the first 20 pages of each set (a quick look)
    python bench/identity.py diff before.jsonl after.jsonl  # which records differ, and in which fields

A change meant to keep behaviour (a speed-up, a refactor) must give ``diff`` no difference. The records
are the library's ``Article.to_dict()`` with the keys sorted, one line per input, keyed by
``set/mode/tool/id``. The HTML pages come from ``cleaner.evaluate.load_gold`` (aeb, Readability, wcxb);
the texts from each set's ``dirty.jsonl``. Run it with the version to check first on ``PYTHONPATH``.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"


def inputs(shared: Path, limit: int | None):
    """(key, mode, data, url) for every HTML page and dirty text under ``shared``."""
    from cleaner.evaluate import find_gold_sets, load_gold

    for folder in find_gold_sets(shared):
        gold = load_gold(folder, limit=limit)
        for page in gold.pages:
            yield f"{folder.name}/html/{page.id}", "html", page.html, page.url
        dirty = folder / "dirty.jsonl"
        if dirty.is_file():
            seen: Counter = Counter()
            with dirty.open(encoding="utf-8") as f:
                for line in f:
                    rec = json.loads(line)
                    seen[rec["tool"]] += 1
                    if limit and seen[rec["tool"]] > limit:
                        continue
                    yield f"{folder.name}/text/{rec['tool']}/{rec['id']}", "text", rec["text"], None


def dump(out: Path, shared: Path, limit: int | None) -> int:
    import cleaner
    from cleaner.api import Cleaner

    c = Cleaner()
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for key, mode, data, url in inputs(shared, limit):
            try:
                art = c.clean_html(data, url, key) if mode == "html" else c.clean_text(data, url, key)
                rec = art.to_dict()
            except Exception as e:  # a crash is a difference too
                rec = {"crash": f"{type(e).__name__}: {e}"}
            f.write(json.dumps({"key": key, "record": rec}, sort_keys=True, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} records from {cleaner.__file__} -> {out}", file=sys.stderr)
    return 0


def load(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as f:
        return {(r := json.loads(line))["key"]: r["record"] for line in f}


def diff(a: Path, b: Path, show: int) -> int:
    left, right = load(a), load(b)
    only = sorted(set(left) ^ set(right))
    changed = [k for k in left if k in right and left[k] != right[k]]
    fields: Counter = Counter()
    for k in changed:
        for name in set(left[k]) | set(right[k]):
            if left[k].get(name) != right[k].get(name):
                fields[name] += 1
    print(f"{len(left)} vs {len(right)} records; {len(changed)} differ; {len(only)} in one file only")
    for name, n in fields.most_common():
        print(f"  {name}: {n}")
    for k in changed[:show]:
        names = sorted(n for n in set(left[k]) | set(right[k]) if left[k].get(n) != right[k].get(n))
        print(f"- {k}: {', '.join(names)}")
    return 1 if changed or only else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump", help="write every record")
    d.add_argument("out", type=Path)
    d.add_argument("--shared", type=Path, default=SHARED)
    d.add_argument("--limit", type=int, default=None, help="first N pages (and N texts per tool) of each set")
    c = sub.add_parser("diff", help="compare two dumps; exit 1 when they differ")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--show", type=int, default=20)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        if not args.shared.is_dir():
            print(f"no benchmarks at {args.shared}", file=sys.stderr)
            return 2
        return dump(args.out, args.shared, args.limit)
    return diff(args.a, args.b, args.show)


if __name__ == "__main__":
    raise SystemExit(main())
