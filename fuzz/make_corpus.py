"""Write a seed corpus for the fuzz harnesses from fixtures/ into a folder (not committed).

    python fuzz/make_corpus.py fuzz/corpus           # for fuzz_clean.py
    python fuzz/make_corpus.py --rules fuzz/rules    # for fuzz_rules.py: the built-in rule files
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    rules = "--rules" in argv
    out = Path([a for a in argv if not a.startswith("--")][0])
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    if rules:
        for f in sorted((ROOT / "rules").glob("*.toml")):
            (out / f.name).write_bytes(f.read_bytes())
            n += 1
    else:
        for f in sorted((ROOT / "fixtures").rglob("*")):
            if f.is_file() and f.suffix in (".html", ".txt"):
                data = f.read_bytes()
                mode = b"\x00" if f.suffix == ".html" else b"\x01"
                (out / f"{f.parent.name}_{f.name}").write_bytes(mode + data[:20000])
                n += 1
    print(f"{n} seeds in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
