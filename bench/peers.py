"""article-cleaner beside its peers, on the article-extraction-benchmark, Readability's test
pages and WCXB's article pages, in one process, interleaved page by page (the order rotating from page to page), with the
loaders and the scoring of ``cleaner.evaluate``.

Install the peers in a venv of their own (they pin lxml and friends differently from the dev venv):

    python3 -m venv /work/venv-bench && /work/venv-bench/bin/pip install -e ".[bench]"
    nice /work/venv-bench/bin/python bench/peers.py                  # both sets, every system
    /work/venv-bench/bin/python bench/peers.py --set aeb --only trafilatura
    /work/venv-bench/bin/python bench/peers.py --text                # text mode (= bench/aeb.py --text)

A peer that is not installed is reported and left out. Body: the shingle metric of
../shared/README.md (P, R, F1 of the means, mean per-page F1, empty outputs); title: normalised
exact match on the Readability pages, for the systems that give a title (and with a gold
"| Site" suffix ignored; trafilatura's titles: see ``cleaner eval --compare trafilatura``); speed: pages per second
of the extraction call alone (input decoding and scoring excluded), and the ratio to trafilatura
with its defaults.
"""
from __future__ import annotations

import argparse
import logging
import platform
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner
from cleaner.evaluate import (
    GoldPage,
    Prediction,
    System,
    cleaner_system,
    evaluate,
    html_to_text,
    load_gold,
)

SHARED = ROOT.parent / "shared" / "benchmarks"
SETS = {"aeb": SHARED / "aeb", "readability": SHARED / "readability" / "pages", "wcxb": SHARED / "wcxb"}
BASELINE = "trafilatura"


def _html_str(page: GoldPage) -> str:
    """The page as text for the peers that want ``str`` (decoded once, outside the timing)."""
    cached = getattr(page, "_str", None)
    if cached is None:
        from trafilatura.utils import decode_file

        cached = page.html if isinstance(page.html, str) else decode_file(page.html)
        page._str = cached  # type: ignore[attr-defined]
    return cached


def peer_systems() -> tuple[list[System], dict[str, str]]:
    """Every system that imports here, and why the others do not."""
    systems: list[System] = []
    missing: dict[str, str] = {}
    systems.append(cleaner_system(Cleaner()))

    import trafilatura

    def traf(**kw):
        def run(page: GoldPage) -> Prediction:
            return Prediction(body=trafilatura.extract(page.html, url=page.url, **kw) or "")
        return run

    systems.append(System("trafilatura", traf()))
    systems.append(System("trafilatura no comments", traf(include_comments=False)))
    systems.append(System("trafilatura precision", traf(favor_precision=True)))
    systems.append(System("trafilatura fast", traf(fast=True)))

    try:
        from readability import Document

        def readability(page: GoldPage) -> Prediction:
            doc = Document(_html_str(page))
            return Prediction(body=html_to_text(doc.summary(html_partial=True)), title=doc.short_title())

        systems.append(System("readability-lxml", readability, ("title",)))
    except ImportError as e:
        missing["readability-lxml"] = str(e)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import newspaper

        def news(page: GoldPage) -> Prediction:
            a = newspaper.Article(page.url or "http://example.com/article.html", fetch_images=False)
            a.download(input_html=_html_str(page))
            a.parse()
            return Prediction(body=a.text or "", title=a.title or None)

        systems.append(System("newspaper4k", news, ("title",)))
    except ImportError as e:
        missing["newspaper4k"] = str(e)

    try:
        import justext

        stoplist = justext.get_stoplist("English")

        def jt(page: GoldPage) -> Prediction:
            paragraphs = justext.justext(_html_str(page), stoplist)
            return Prediction(body="\n".join(p.text for p in paragraphs if not p.is_boilerplate))

        systems.append(System("justext", jt))
    except ImportError as e:
        missing["justext"] = str(e)

    try:
        from goose3 import Goose

        goose = Goose({"enable_image_fetching": False})

        def gs(page: GoldPage) -> Prediction:
            a = goose.extract(raw_html=_html_str(page))
            return Prediction(body=a.cleaned_text or "", title=a.title or None)

        systems.append(System("goose3", gs, ("title",)))
    except ImportError as e:
        missing["goose3"] = str(e)

    try:
        from resiliparse.extract.html2text import extract_plain_text

        def rp(page: GoldPage) -> Prediction:
            return Prediction(body=extract_plain_text(_html_str(page), main_content=True))

        systems.append(System("resiliparse", rp))
    except ImportError as e:
        missing["resiliparse"] = str(e)
    return systems, missing


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for dist in ("article-cleaner", "trafilatura", "readability-lxml", "newspaper4k", "justext", "goose3",
                 "resiliparse", "lxml"):
        try:
            out.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            pass
    return ", ".join(out)


def run_set(name: str, path: Path, systems: list[System], limit: int | None) -> list[dict]:
    gold = load_gold(path, limit=limit)
    for page in gold.pages:
        _html_str(page)
    for system in systems:  # warm-up, untimed: first-call imports and caches
        try:
            system.run(gold.pages[0])
        except Exception:  # noqa: BLE001, S110 - scored (as empty) in the run itself
            pass
    t = time.perf_counter()
    ev = evaluate(gold, systems, progress=_progress)
    wall = time.perf_counter() - t
    base = next((r for r in ev.reports if r.system == BASELINE), None)
    rows = []
    for r in ev.reports:
        b = r.body
        title, loose = r.hits.get("title"), r.hits.get("title_nosuffix")
        rows.append({
            "set": name, "system": r.system, "pages": b.pages, "f1": b.f1, "precision": b.precision,
            "recall": b.recall, "mean_f1": b.mean_f1, "empty": b.empty, "errors": [i for i, _ in r.errors],
            "title": f"{100 * title[0] / title[1]:.0f}% ({title[0]}/{title[1]})" if title and title[1] else "—",
            "title_nosuffix": f"{100 * loose[0] / loose[1]:.0f}%" if loose and loose[1] else "—",
            "word_f1": r.words.f1, "with": r.words.with_share, "without": r.words.without_share,
            "pps": r.pages_per_second,
            "ratio": r.pages_per_second / base.pages_per_second if base and base.pages_per_second else None,
        })
    print(f"\n{name}: {len(gold.pages)} pages, {wall:.0f} s wall (scoring {ev.scoring_seconds:.1f} s)", file=sys.stderr)
    return rows


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{done}/{total}" + ("\n" if done == total else ""))


def markdown(rows: list[dict], title_column: bool) -> str:
    head = "| system | F1 | precision | recall | mean page F1 | empty | word F1 | with | without |" \
        + (" title exact | title, suffix ignored |" if title_column else "") + " pages/s | speed vs trafilatura |"
    out = [head, "|" + " --- |" * (head.count("|") - 1)]
    for r in rows:
        name = f"**{r['system']}**" if r["system"] == "article-cleaner" else r["system"]
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] is not None else "—"
        out.append(f"| {name} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['mean_f1']:.3f} | "
                   f"{r['empty']} | {r['word_f1']:.3f} | {_pct(r['with'])} | {_pct(r['without'])} |"
                   + (f" {r['title']} | {r['title_nosuffix']} |" if title_column else "") + f" {r['pps']:.1f} | {ratio} |")
    return "\n".join(out)


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.1f}%"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=[*SETS, "all"], default="all", help="which benchmark (default: all three)")
    ap.add_argument("--only", help="run only the systems whose name contains this")
    ap.add_argument("--limit", type=int, help="only the first N pages of each set")
    ap.add_argument("--text", action="store_true", help="text mode instead: dirty.jsonl before -> after clean_text")
    args = ap.parse_args()
    for name in ("trafilatura", "htmldate", "courlan", "readability", "newspaper", "goose3", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore")
    if args.text:
        from aeb import text_mode

        return text_mode(SETS["aeb"], args.only, args.limit)
    systems, missing = peer_systems()
    for name, why in missing.items():
        print(f"not installed, left out: {name} ({why})", file=sys.stderr)
    if args.only:
        systems = [s for s in systems if args.only in s.name or s.name == BASELINE]
    print(f"<!-- {versions()}; Python {platform.python_version()}, {platform.machine()} -->")
    for name, path in SETS.items():
        if args.set not in (name, "all"):
            continue
        if not path.exists():
            print(f"{name}: not found at {path}, skipped", file=sys.stderr)
            continue
        rows = run_set(name, path, systems, args.limit)
        print(f"\n### {name} ({rows[0]['pages'] if rows else 0} pages)\n")
        print(markdown(rows, title_column=name == "readability"))
        errors = {r["system"]: r["errors"] for r in rows if r["errors"]}
        for system, ids in errors.items():
            print(f"\n{system}: {len(ids)} pages raised (counted as empty): {', '.join(ids[:10])}"
                  + (" …" if len(ids) > 10 else ""))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
