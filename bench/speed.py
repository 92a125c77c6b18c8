"""Per-page throughput of article-cleaner, interleaved in one process (issue 12's speed targets).

    python bench/speed.py                          # every part below, 3 rounds
    python bench/speed.py --part html --set aeb    # one part, one set
    python bench/speed.py --part text --limit 100  # the first 100 texts of each dirty set
    python bench/speed.py --part profile           # where the time goes, stage by stage
    python bench/speed.py --part startup           # import / --help times (subprocesses)
    python bench/speed.py --part warmup --page P  # one page, the whole command (--ab OLD: both)
    python bench/speed.py --part pages --set wcxb  # the pages where clean_html loses most to trafilatura
    python bench/speed.py --ab /tmp/old-copy       # an old copy of the package against this one

On a shared, loaded machine only interleaved ratios mean something: every system runs on
every page in each round, one after the other, the order rotating from page to page and
from round to round, and the figures are the medians over the rounds (pages/s of each
system; the ratio is the median of the per-round ratios).

Parts:

- ``html``: ``clean_html`` against ``trafilatura.extract()`` with its defaults and with
  ``fast=True``, on aeb, Readability and wcxb (pages read by ``cleaner.evaluate.load_gold``
  from ../shared/benchmarks; the same input, bytes or str, handed to each). The target:
  ``clean_html`` at least 1.0x trafilatura's defaults.
- ``text``: ``clean_text`` against a baseline of one compiled regex (``BASELINE``, the
  ``regex`` module, case-insensitive) fullmatched on every stripped line of the same text, on
  each set's ``dirty.jsonl``, in MB/s of UTF-8 input; the ratio is clean_text's time over
  the baseline's (target: at most 20x).
- ``profile``: one pass over the pages (and texts) with timers around the pipeline's
  stages (``STAGES``: inclusive times, so nested stages overlap their parent, e.g.
  ``extraction`` holds ``trafilatura``), as shares of the total; ``--cprofile`` adds
  cProfile's top functions by own time.
- ``pages`` (only when asked for): each page's median time of ``clean_html`` and of
  ``trafilatura.extract()`` defaults, the slowest pages by the difference, and the share of the
  whole difference that the slowest tenth carries (a gap made by a few pages, or by every page).
- ``startup``: ``python -c "import cleaner"``, ``cleaner --help`` and ``trafilatura
  --help`` (and ``python -c pass``, the floor), each run as a subprocess in turn, medians.
- ``warmup`` (only when asked for): ``python -m cleaner clean PAGE`` (``--page``; default the
  set's first page), the whole command, ``--rounds`` times (at least 3): what a process pays
  before and on its first page (imports, building the rules, tables built on first use, such as
  the date vocabulary on a page whose date dateparser is asked about), which the medians of
  the other parts leave out. With ``--ab OLD_DIR``, the old copy's runs too, in turn, and
  whether the two give the same record.

The caches keyed by a document's content (``CONTENT_CACHES``: a line's phrase key and prose
test, htmldate's date parses, trafilatura's ``trim`` and ``line_processing``) are emptied
before every timed call of every system: a call profits from the repeats inside its own
document only, never from an earlier page or round, nor from the lines another system just
read on the same page.

``--ab OLD_DIR``: OLD_DIR holds an old copy of the repository (``git worktree add`` or
``git archive REV | tar -x -C DIR``; its ``cleaner/`` and ``rules/``). Both copies are loaded
in this process (each under its own ``sys.modules`` entries, swapped in before each call,
outside the timing) and ``clean_html`` / ``clean_text`` of the two run interleaved on the
same pages and texts: the ratio new/old says what a change gained.
"""
from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import pkgutil
import statistics
import subprocess
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/benchmarks")
SETS = {"aeb": "aeb", "readability": "readability/pages", "wcxb": "wcxb"}
DIRTY = {"aeb": "aeb/dirty.jsonl", "wcxb": "wcxb/dirty.jsonl"}
#: the text baseline: one pattern of the kind the rules hold, fullmatched per line
BASELINE = r"(?:share|follow us|read more|advertisement|sign up)\b.{0,80}"


# -- copies of the package ------------------------------------------------------------------
class Copy:
    """One copy of the ``cleaner`` package, loaded with its submodules under its own
    ``sys.modules`` entries; :meth:`activate` swaps them in (a lazy ``from . import x``
    inside a call then finds this copy's module)."""

    def __init__(self, root: Path, label: str):
        self.root, self.label = root, label
        saved = _cleaner_modules()
        for k in saved:
            del sys.modules[k]
        sys.path.insert(0, str(root))
        try:
            pkg = importlib.import_module("cleaner")
            if Path(pkg.__file__).resolve().parent != (root / "cleaner").resolve():
                raise SystemExit(f"{root}: imported {pkg.__file__} instead")
            for info in pkgutil.iter_modules(pkg.__path__):
                if info.name == "__main__":
                    continue
                try:
                    importlib.import_module(f"cleaner.{info.name}")
                except ImportError:
                    pass  # an optional extra (dask) not installed
            self.modules = _cleaner_modules()
            self.cleaner = pkg.Cleaner()
        finally:
            sys.path.remove(str(root))
            for k in _cleaner_modules():
                del sys.modules[k]
            sys.modules.update(saved)

    def activate(self) -> None:
        """Swap this copy's modules in, its content caches emptied."""
        for k in _cleaner_modules():
            del sys.modules[k]
        sys.modules.update(self.modules)
        self.fresh()

    def fresh(self) -> None:
        for clear in _cache_clearers(self.modules):
            clear()


def _cleaner_modules() -> dict:
    return {k: v for k, v in sys.modules.items() if k == "cleaner" or k.startswith("cleaner.")}


#: caches keyed by a document's content (a line's phrase key, its prose test, a date line's
#: date): emptied before every timed call, so no call profits from the lines of an earlier
#: document or round (a batch job of pages from one site would: these figures leave that out)
#: htmldate's too (its date-string parses: a failing one through dateparser takes some 10 ms,
#: and trafilatura's defaults read no date), so a round after the first does not find each
#: page's dates parsed already; and the cleaner's own copy of htmldate's date-string parse;
#: trafilatura's line caches (``trim``, ``line_processing``: both systems call them, and the
#: second on a page found the first one's lines there)
CONTENT_CACHES = [("cleaner.text", "_phrase_key"), ("cleaner.text", "_is_prose"), ("cleaner.dates", "parse_date"),
                  ("htmldate.extractors", "try_date_expr"), ("cleaner.htmldates", "try_date_expr"),
                  ("htmldate.validators", "_parse_and_validate"), ("htmldate.validators", "filter_ymd_candidate"),
                  ("trafilatura.utils", "trim"), ("trafilatura.utils", "line_processing")]


def _cache_clearers(modules: dict) -> list[Callable[[], None]]:
    out = []
    for modname, name in CONTENT_CACHES:
        fn = getattr(modules.get(modname) or sys.modules.get(modname), name, None)  # (htmldate: one for all copies)
        if fn is not None and hasattr(fn, "cache_clear"):
            out.append(fn.cache_clear)
    return out


def fresh(modules: dict | None = None) -> Callable[[], None]:
    """What empties the content caches of a copy of the package (its modules; default:
    the one imported)."""
    clearers = _cache_clearers(modules if modules is not None else sys.modules)
    return lambda: [c() for c in clearers]


# -- interleaving ---------------------------------------------------------------------------
def interleave(items: list, systems: dict[str, Callable], rounds: int,
               before: dict[str, Callable] | None = None) -> dict[str, list[float]]:
    """Seconds per round of each system over ``items``, every system on every item in
    turn (the order rotating); ``before[name]()`` runs untimed before each of its calls."""
    names = list(systems)
    totals: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        spent = dict.fromkeys(names, 0.0)
        for i, item in enumerate(items):
            k = (i + r) % len(names)
            for name in names[k:] + names[:k]:
                if before and name in before:
                    before[name]()
                fn = systems[name]
                t = time.perf_counter()
                try:
                    fn(item)
                except Exception:  # noqa: BLE001 - a failing page costs its time like any other
                    pass
                spent[name] += time.perf_counter() - t
        for n in names:
            totals[n].append(spent[n])
        _progress(f"round {r + 1}/{rounds}")
    return totals


def ratio(totals: dict[str, list[float]], num: str, den: str) -> float:
    """Median over the rounds of den's time / num's time (>1: num is faster)."""
    return statistics.median(d / n for n, d in zip(totals[num], totals[den]) if n)


def _progress(msg: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{msg}   ")
        sys.stderr.flush()


def _quiet() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "readability", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore")


# -- inputs ---------------------------------------------------------------------------------
def html_pages(name: str, limit: int | None) -> list:
    from cleaner.evaluate import load_gold

    return load_gold(SHARED / SETS[name], limit=limit).pages


def dirty_texts(name: str, limit: int | None) -> list[dict]:
    out = []
    with (SHARED / DIRTY[name]).open(encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def chosen(sets: dict, which: str) -> list[str]:
    return [s for s in sets if which in ("all", s) and (SHARED / sets[s]).exists()]


# -- parts ----------------------------------------------------------------------------------
def part_html(args) -> None:
    import trafilatura
    from cleaner import Cleaner

    c = Cleaner()
    systems = {
        "clean_html": lambda p: c.clean_html(p.html, p.url),
        "trafilatura": lambda p: trafilatura.extract(p.html, url=p.url),
        "trafilatura fast": lambda p: trafilatura.extract(p.html, url=p.url, fast=True),
    }
    print("\n## clean_html vs trafilatura.extract() (pages/s, medians of %d rounds)\n" % args.rounds)
    print("| set | pages | clean_html | trafilatura | trafilatura fast | × trafilatura | × trafilatura fast |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name in chosen(SETS, args.set):
        pages = html_pages(name, args.limit)
        for fn in systems.values():  # warm-up: first-call imports and caches
            fn(pages[0])
        clear = fresh()
        t = interleave(pages, systems, args.rounds, dict.fromkeys(systems, clear))
        pps = {n: len(pages) / statistics.median(v) for n, v in t.items()}
        print(f"| {name} | {len(pages)} | {pps['clean_html']:.1f} | {pps['trafilatura']:.1f} | "
              f"{pps['trafilatura fast']:.1f} | {ratio(t, 'clean_html', 'trafilatura'):.2f}× | "
              f"{ratio(t, 'clean_html', 'trafilatura fast'):.2f}× |", flush=True)


def _baseline():
    import regex

    rx = regex.compile(BASELINE, regex.IGNORECASE | regex.UNICODE)

    def run(text: str) -> int:
        n = 0
        for line in text.split("\n"):
            if rx.fullmatch(line.strip()):
                n += 1
        return n
    return run


def part_text(args) -> None:
    from cleaner import Cleaner

    c = Cleaner()
    base = _baseline()
    systems = {"clean_text": lambda d: c.clean_text(d["text"]), "baseline": lambda d: base(d["text"])}
    print("\n## clean_text vs one regex fullmatch per line (MB/s, medians of %d rounds)\n" % args.rounds)
    print("| dirty set | texts | MB | clean_text MB/s | baseline MB/s | clean_text time ÷ baseline's |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in chosen(DIRTY, args.set):
        docs = dirty_texts(name, args.limit)
        mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
        for fn in systems.values():
            fn(docs[0])
        t = interleave(docs, systems, args.rounds, {"clean_text": fresh()})
        mbs = {n: mb / statistics.median(v) for n, v in t.items()}
        print(f"| {name} | {len(docs)} | {mb:.1f} | {mbs['clean_text']:.2f} | {mbs['baseline']:.1f} | "
              f"{ratio(t, 'baseline', 'clean_text'):.0f}× |", flush=True)


def part_ab(args) -> None:
    old = Copy(Path(args.ab).resolve(), "old")
    new = Copy(Path(args.new).resolve() if args.new else ROOT, "new")
    before = {"old": old.activate, "new": new.activate}
    print(f"\n## A/B: old = {old.root}, new = {new.root} (medians of {args.rounds} rounds; × = new's speed ÷ old's)\n")
    print("| input | items | old /s | new /s | new × old |")
    print("| --- | --- | --- | --- | --- |")
    if args.part in ("all", "html", "ab"):
        for name in chosen(SETS, args.set):
            pages = html_pages(name, args.limit)
            systems = {"old": lambda p: old.cleaner.clean_html(p.html, p.url),
                       "new": lambda p: new.cleaner.clean_html(p.html, p.url)}
            for n, fn in systems.items():
                before[n]()
                fn(pages[0])
            t = interleave(pages, systems, args.rounds, before)
            ps = {n: len(pages) / statistics.median(v) for n, v in t.items()}
            print(f"| html {name} | {len(pages)} pages | {ps['old']:.1f} | {ps['new']:.1f} | "
                  f"{ratio(t, 'new', 'old'):.3f}× |", flush=True)
    if args.part in ("all", "text", "ab"):
        for name in chosen(DIRTY, args.set):
            docs = dirty_texts(name, args.limit)
            mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
            systems = {"old": lambda d: old.cleaner.clean_text(d["text"]),
                       "new": lambda d: new.cleaner.clean_text(d["text"])}
            t = interleave(docs, systems, args.rounds, before)
            ms = {n: mb / statistics.median(v) for n, v in t.items()}
            print(f"| text {name} | {len(docs)} texts | {ms['old']:.2f} MB/s | {ms['new']:.2f} MB/s | "
                  f"{ratio(t, 'new', 'old'):.3f}× |", flush=True)
    new.activate()


#: (label, module, attribute): the functions timed by ``profile`` ("Class.method" for a method)
STAGES = [
    ("parse", "cleaner.pipeline", "parse"),
    ("embeds (capture)", "cleaner.heuristics.h001_html_embeds", "capture_html"),
    ("prune guard (measure)", "cleaner.heuristics.h019_prune_guard", "PruneGuard.__init__"),
    ("form boxes", "cleaner.heuristics.h010_form_box", "form_boxes"),
    ("selector pruning", "cleaner.pipeline", "prune"),
    ("page metadata", "cleaner.pipeline", "page_meta"),
    ("  byline", "cleaner.htmlmeta", "_byline"),
    ("  date (htmldate)", "cleaner.htmlmeta", "_date"),
    ("link lists (markup)", "cleaner.heuristics.h012_link_lists", "link_list_items"),
    ("extraction", "cleaner.heuristics.h020_safety_net", "extract"),
    ("  trafilatura bare_extraction", "trafilatura", "bare_extraction"),
    ("split body (H018)", "cleaner.heuristics.h018_split_body", "split_body"),
    ("standfirst (markup)", "cleaner.heuristics.h016_standfirst", "in_tree"),
    ("text normalisation", "cleaner.pipeline", "normalize_text"),
    ("blocks", "cleaner.page", "Page.from_text"),
    ("tweet signatures", "cleaner.heuristics.h002_social_signature", "tweet_signatures"),
    ("text rules", "cleaner.pipeline", "apply_rules"),
    ("  keep rules", "cleaner.match", "_protect"),
    ("  run rules", "cleaner.match", "_runs"),
    ("  screen", "cleaner.screen", "Screen.rules_sized_many"),
    ("heuristics: link_lists", "cleaner.heuristics.h012_link_lists", "link_lists"),
    ("heuristics: head_title", "cleaner.heuristics.h003_head_title", "head_title"),
    ("heuristics: repeats", "cleaner.heuristics.h013_title_repeated_below", "repeats"),
    ("heuristics: standfirst", "cleaner.heuristics.h016_standfirst", "standfirst"),
    ("heuristics: head_menu", "cleaner.heuristics.h015_head_menu", "head_menu"),
    ("heuristics: tail_headlines", "cleaner.heuristics.h014_tail_headlines", "tail_headlines"),
    ("heuristics: tail_menu", "cleaner.heuristics.h017_tail_menu", "tail_menu"),
    ("heuristics: author_bio", "cleaner.heuristics.h011_author_bio", "author_bio"),
    ("heuristics: site_boilerplate", "cleaner.heuristics.h022_site_self_description", "site_boilerplate"),
    ("heuristics: comment_thread", "cleaner.heuristics.h023_comment_thread", "comment_thread"),
    ("heuristics: excerpt_teasers", "cleaner.heuristics.h024_excerpt_teasers", "excerpt_teasers"),
    ("heuristics: strip_dateline", "cleaner.heuristics.h007_dateline", "strip_dateline"),
    ("heuristics: guard", "cleaner.heuristics.h008_guard", "guard"),
    ("metadata merge", "cleaner.metadata", "merge"),
    ("record", "cleaner.record", "Article.__init__"),
]


def _instrument(spent: dict[str, float], counts: dict[str, int]) -> Callable[[], None]:
    """Wrap every stage function (wherever a module holds it by name) in a timer; returns
    the undo."""
    def timer(f, label):
        def timed(*a, **kw):
            t = time.perf_counter()
            try:
                return f(*a, **kw)
            finally:
                spent[label] += time.perf_counter() - t
                counts[label] += 1
        return timed

    undo = []
    for label, modname, attr in STAGES:
        mod = importlib.import_module(modname)
        owner, name = (getattr(mod, attr.split(".")[0]), attr.split(".")[1]) if "." in attr else (mod, attr)
        original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        if isinstance(original, classmethod):  # Page.from_text
            timed = classmethod(timer(original.__func__, label))
        else:
            timed = timer(original, label)
        holders = [owner] + [m for k, m in list(sys.modules.items())
                             if m is not None and (k.startswith("cleaner") or k.startswith("trafilatura"))
                             and m is not owner and getattr(m, name, None) is original]
        for h in holders:
            setattr(h, name, timed)
            undo.append((h, name, original))
    return lambda: [setattr(h, n, o) for h, n, o in undo]


def part_profile(args) -> None:
    from cleaner import Cleaner

    c = Cleaner()
    runs = []
    for name in chosen(SETS, args.set):
        runs.append((f"clean_html, {name}", html_pages(name, args.limit), lambda p: c.clean_html(p.html, p.url)))
    for name in chosen(DIRTY, args.set):
        runs.append((f"clean_text, {name} dirty", dirty_texts(name, args.limit), lambda d: c.clean_text(d["text"])))
    for title, items, fn in runs:
        for item in items:  # warm-up, untimed: first-call imports and caches (a date library's first
            try:            # scan of a page took a second) belong to no page
                fn(item)
            except Exception:  # noqa: BLE001 - counted in the timed pass
                pass
        spent: dict[str, float] = defaultdict(float)
        counts: dict[str, int] = defaultdict(int)
        undo = _instrument(spent, counts)
        profiler = None
        if args.cprofile:
            import cProfile

            profiler = cProfile.Profile()
        total, failed = 0.0, []
        clear = fresh()
        try:
            for item in items:
                clear()
                if profiler:
                    profiler.enable()
                t = time.perf_counter()
                try:
                    fn(item)
                except Exception as e:  # noqa: BLE001 - counted and shown
                    failed.append(f"{type(e).__name__}: {e}")
                total += time.perf_counter() - t
                if profiler:
                    profiler.disable()
        finally:
            undo()
        print(f"\n## stage profile: {title} ({len(items)} inputs, {1000 * total / len(items):.2f} ms each)\n")
        if failed:
            print(f"{len(failed)} inputs raised, e.g. {failed[0]}\n")
        print("| stage | share | ms per input | calls per input |")
        print("| --- | --- | --- | --- |")
        for label, _, _ in STAGES:
            if counts[label]:
                print(f"| {label} | {100 * spent[label] / total:.1f}% | {1000 * spent[label] / len(items):.2f} | "
                      f"{counts[label] / len(items):.1f} |")
        if profiler:
            import pstats

            print("\n```")
            pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(args.cprofile)
            print("```")
        sys.stdout.flush()


def part_startup(args) -> None:
    py = sys.executable
    traf = Path(py).parent / "trafilatura"
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    cmds = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import cleaner'": [py, "-c", "import cleaner"],
        "cleaner --help": [py, "-m", "cleaner", "--help"],
        "trafilatura --help": [str(traf), "--help"],
    }
    rounds = max(args.rounds, 5)
    per_run: dict[str, list[float]] = {n: [] for n in cmds}
    for _ in range(rounds):  # each command once per round, in turn
        for n, c in cmds.items():
            s = time.perf_counter()
            subprocess.run(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            per_run[n].append(time.perf_counter() - s)
    print(f"\n## start-up (subprocesses in turn, median of {rounds} runs)\n")
    print("| command | ms |")
    print("| --- | --- |")
    for n, v in per_run.items():
        print(f"| {n} | {1000 * statistics.median(v):.0f} |")


def part_warmup(args) -> None:
    rounds = max(args.rounds, 3)
    copies = [("this", ROOT)] + ([("old", Path(args.ab).resolve())] if args.ab else [])
    page = Path(args.page).resolve() if args.page else None
    if page is None:  # the first page of the set (load_gold has unzipped it), as a file
        import tempfile

        first = html_pages(next(iter(chosen(SETS, args.set))), 1)[0]
        page = Path(tempfile.mkdtemp(prefix="cleaner-warmup-")) / "page.html"
        page.write_bytes(first.html if isinstance(first.html, bytes) else first.html.encode("utf-8"))
    times: dict[str, list[float]] = {label: [] for label, _ in copies}
    outputs: dict[str, set[str]] = {label: set() for label, _ in copies}
    for _ in range(rounds):  # the copies in turn, each run a process of its own
        for label, root in copies:
            start = time.perf_counter()
            # (run from the page's folder: ``-m`` would put this one's copy first)
            out = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(page)], capture_output=True, text=True,
                                 env={**os.environ, "PYTHONPATH": str(root)}, cwd=page.parent, check=True)
            times[label].append(time.perf_counter() - start)
            outputs[label].add(out.stdout)
    print(f"\n## one page, the whole command: python -m cleaner clean {page.name} (s, {rounds} runs a copy, in turn)\n")
    print("| copy | median | fastest | slowest | records |")
    print("| --- | --- | --- | --- | --- |")
    for label, t in times.items():
        same = "the same each run" if len(outputs[label]) == 1 else "DIFFER between runs"
        print(f"| {label} | {statistics.median(t):.2f} | {min(t):.2f} | {max(t):.2f} | {same} |")
    if len(copies) > 1:
        print(f"\nthe copies' records are {'the same' if outputs['this'] == outputs['old'] else 'NOT the same'}")


def part_pages(args) -> None:
    """Where ``clean_html`` loses to ``trafilatura.extract()`` defaults: each page's median time of
    both over the rounds (the two in turn on each page), the pages by the time the cleaner takes
    beyond trafilatura's, and the share of the whole excess the slowest tenth carries."""
    import trafilatura
    from cleaner import Cleaner

    c, clear = Cleaner(), fresh()
    for name in chosen(SETS, args.set):
        pages = html_pages(name, args.limit)
        c.clean_html(pages[0].html, pages[0].url)  # warm-up: first-call imports and caches
        trafilatura.extract(pages[0].html, url=pages[0].url)
        rows = []
        for p in pages:
            ours, theirs = [], []
            for _ in range(args.rounds):
                clear()
                t = time.perf_counter()
                try:
                    c.clean_html(p.html, p.url)
                except Exception:  # noqa: BLE001 - an error record costs its time too
                    pass
                ours.append(time.perf_counter() - t)
                clear()
                t = time.perf_counter()
                trafilatura.extract(p.html, url=p.url)
                theirs.append(time.perf_counter() - t)
            rows.append((p.id, statistics.median(ours), statistics.median(theirs), len(p.html)))
        a, b = sum(r[1] for r in rows), sum(r[2] for r in rows)
        excess = sorted((r[1] - r[2] for r in rows), reverse=True)
        top = sum(excess[:max(1, len(excess) // 10)])
        print(f"\n## where clean_html loses: {name}, {len(rows)} pages (medians of {args.rounds})\n")
        print(f"clean_html {a:.2f} s, trafilatura {b:.2f} s in all (speed {b / a:.2f}× trafilatura's); the slowest tenth of the pages "
              f"carry {100 * top / (a - b):.0f} % of the excess\n" if a > b else
              f"clean_html {a:.2f} s, trafilatura {b:.2f} s in all (speed {b / a:.2f}× trafilatura's)\n")
        print("| page | clean_html ms | trafilatura ms | excess ms | kB |")
        print("| --- | --- | --- | --- | --- |")
        for pid, x, y, size in sorted(rows, key=lambda r: r[2] - r[1])[:args.worst]:
            print(f"| {pid} | {1000 * x:.1f} | {1000 * y:.1f} | {1000 * (x - y):.1f} | {size / 1000:.0f} |")
        sys.stdout.flush()


#: what ``--part all`` runs (``pages`` and ``warmup`` only when asked for: more timings of every page)
ALL_PARTS = ("html", "text", "profile", "startup")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 epilog=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=["all", "html", "text", "profile", "startup", "pages", "warmup"], default="all")
    ap.add_argument("--page", metavar="FILE", help="warmup: the page to clean (default: the set's first)")
    ap.add_argument("--worst", type=int, default=15, metavar="N", help="pages: how many of the slowest to list")
    ap.add_argument("--set", default="all", help="aeb, readability or wcxb (default: all)")
    ap.add_argument("--limit", type=int, help="the first N pages of each set (N texts of each dirty set)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--cprofile", type=int, default=0, metavar="N", help="profile: cProfile's top N functions too")
    ap.add_argument("--ab", metavar="OLD_DIR", help="time an old copy of the repository against this one")
    ap.add_argument("--new", metavar="NEW_DIR", help="with --ab: the new copy (default: this script's repository)")
    args = ap.parse_args()
    _quiet()
    if args.ab and args.part == "warmup":
        part_warmup(args)
        return 0
    if args.ab:
        part_ab(args)
        return 0
    sys.path.insert(0, str(ROOT))
    import cleaner

    print(f"<!-- cleaner from {Path(cleaner.__file__).parent}; Python {sys.version.split()[0]} -->")
    parts = {"html": part_html, "text": part_text, "profile": part_profile, "startup": part_startup, "pages": part_pages,
             "warmup": part_warmup}
    for part, fn in parts.items():
        if args.part == part or (args.part == "all" and part in ALL_PARTS):
            fn(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
