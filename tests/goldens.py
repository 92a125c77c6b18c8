"""Regenerate the golden records of the five seed articles (``fixtures/seeds/*.expected.json``)
from the current code, for review by eye before they are committed:

    python tests/goldens.py            # rewrite the goldens, then list what changed
    git diff fixtures/seeds            # read every change before committing it
    python tests/goldens.py --check    # write nothing; exit 1 when a golden differs

``tests/test_seeds.py`` compares each seed's record with its golden; a change of behaviour
shows there first, and this command writes the new records once the diff has been read.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def golden_of(path: Path) -> Path:
    return path.with_name(path.stem + ".expected.json")


def record(path: Path) -> str:
    """The seed's record as its golden file holds it: the library's ``to_dict()``, two-space
    indented, non-ASCII as written, one newline at the end."""
    from cleaner import clean_text

    return json.dumps(clean_text(path.read_bytes(), id=path.name).to_dict(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when a golden differs")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    changed = []
    for path in sorted(SEEDS.glob("*.txt")):
        golden, new = golden_of(path), record(path)
        old = golden.read_text(encoding="utf-8") if golden.is_file() else None
        if new != old:
            changed.append(golden.name)
            if not args.check:
                golden.write_text(new, encoding="utf-8")
    verb = "differ" if args.check else "rewritten"
    print(f"{len(changed)} of {len(list(SEEDS.glob('*.txt')))} goldens {verb}" + (": " + ", ".join(changed) if changed else ""))
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
