"""Scaling: seconds per MB and peak memory of one document as it grows (issue 12's linear-cost targets).

    python bench/scale.py                        # every series, every size, then the --jobs ratio
    python bench/scale.py --series spans elements --max-seconds 60
    python bench/scale.py --no-jobs --repeat 3   # best of 3 fresh processes per size

Each size is cleaned in a fresh subprocess (so one size's memory cannot pollute another's):
the child builds the input, then times one ``clean_text`` / ``clean_html`` call (wall and CPU
seconds) and reports its peak RSS (``ru_maxrss``: the whole process, interpreter, libraries and
the input included). A child that runs past ``--max-seconds`` is killed and shown as such.
The documents are cleaned without the size and time limits (``max_bytes``/``timeout`` off):
what is measured is the cost of cleaning, not of refusing.

The series (inputs built from the benchmark pages in ``../shared/benchmarks``, read there):

- ``lines``: ``clean_text`` of 1k … 200k lines (the lines of the aeb set's dirty texts, in turn);
- ``oneline``: ``clean_text`` of one line of 0.5 … 5 MB (those texts' words, joined by spaces);
- ``html``: ``clean_html`` of one page of 1, 5 and 20 MB of real markup (the ``<body>`` of the aeb
  pages, one after the other, about 1 MB of them repeated, behind a short ``<head>``);
- ``spans``: a ``<p>`` holding 10k … 100k ``<span>word</span>`` children (an article paragraph
  around it);
- ``elements``: 100k … 1M elements: ``<span>x</span>`` after ``<span>x</span>`` in the body
  (1M: 14 MB), after an article paragraph;
- ``headings``: 500 … 1,900 unclosed ``<h3>`` headings, each with two sentences of text: each
  wraps the rest of the page, so they nest as deep as the depth limit lets them (a description
  in the head makes H016 look at them).

Targets (issue 12): s/MB at a series' largest size at most 1.5x that at its smallest; the
100k-children element and the 1M-element page under 10 s; peak RSS at most 20x the input's
size plus 150 MB. The ``--jobs`` part times ``cleaner clean --jobs 2`` against ``--jobs 1``
over the aeb pages (target: at least 1.8x; on a shared, loaded machine the ratio is capped by
the cores the run gets: the load average is printed beside it).

The machine this runs on is shared: CPU seconds (``cpu``) are steadier than wall seconds, and
the ratio columns use them.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the benchmark pages (``../shared/benchmarks``; ``CLEANER_BENCHMARKS`` names another folder)
SHARED = Path(os.environ.get("CLEANER_BENCHMARKS") or ROOT.parent / "shared" / "benchmarks")
AEB = SHARED / "aeb"
MB = 1_000_000

SERIES = {
    "lines": ("text", [1_000, 10_000, 50_000, 200_000], "lines"),
    "oneline": ("text", [500_000, 1_000_000, 2_000_000, 5_000_000], "bytes"),
    "html": ("html", [1 * MB, 5 * MB, 20 * MB], "bytes"),
    "spans": ("html", [10_000, 20_000, 50_000, 100_000], "children"),
    "elements": ("html", [100_000, 300_000, 1_000_000], "elements"),
    "headings": ("html", [500, 1_000, 1_900], "headings"),
}
PARA = ("The city council voted on Tuesday to extend the hours of the public library, after months of debate "
        "about the cost of keeping the reading rooms open in the evening.")
WORDS = "the council voted to extend hours of public library after months debate about cost reading rooms".split()


# -- inputs ------------------------------------------------------------------------------------


def _dirty_lines() -> list[str]:
    """The lines of the aeb dirty texts, shuffled (a fixed seed): every size gets the same mix."""
    lines: list[str] = []
    with (AEB / "dirty.jsonl").open(encoding="utf-8") as f:
        for line in f:
            lines.extend(x for x in json.loads(line)["text"].split("\n"))
    random.Random(12).shuffle(lines)
    return lines


def _pages() -> list[str]:
    return [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in sorted((AEB / "html").glob("*.html.gz"))]




def _html_block() -> str:
    """About 1 MB of body markup (repeated to the size asked): the ``<body>`` of the aeb pages
    in turn, each parsed and written out again by lxml (an unclosed ``<script>`` or
    ``<textarea>`` of one page cannot swallow the ones after it)."""
    from lxml.html import fromstring, tostring

    out, n = [], 0
    for p in _pages():
        body = fromstring(p.encode("utf-8")).find("body")
        if body is None:
            continue
        chunk = (body.text or "") + "".join(tostring(c, encoding="unicode") for c in body)
        out.append(chunk)
        n += len(chunk.encode("utf-8"))
        if n >= MB:
            break
    return "".join(out)


def build(series: str, size: int) -> str:
    if series == "lines":
        pool = _dirty_lines()
        return "\n".join(pool[i % len(pool)] for i in range(size))
    if series == "oneline":
        words = " ".join(_dirty_lines()).split()
        out, n, i = [], 0, 0
        while n < size:
            w = words[i % len(words)]
            out.append(w)
            n += len(w.encode("utf-8")) + 1
            i += 1
        return " ".join(out)
    if series == "html":
        block = _html_block()
        return ("<html><head><meta charset=utf-8><title>Many articles</title></head><body>"
                + block * max(1, round(size / len(block.encode("utf-8")))) + "</body></html>")
    if series == "spans":
        spans = "".join(f"<span>{WORDS[i % len(WORDS)]} </span>" for i in range(size))
        return (f"<html><head><title>A long paragraph</title></head><body><article><p>{PARA}</p>"
                f"<p>{spans}</p><p>{PARA}</p></article></body></html>")
    if series == "elements":
        return (f"<html><head><title>Many elements</title></head><body><p>{PARA}</p>"
                + "<span>x</span>" * size + "</body></html>")
    if series == "headings":
        return (f'<html><head><title>Deep</title><meta name="description" content="{PARA}"></head><body><header>'
                + "".join(f"<h3>Section {i}: {PARA} {PARA}" for i in range(size)) + "</header></body></html>")
    raise SystemExit(f"unknown series {series}")


# -- one measurement (in the child) --------------------------------------------------------------


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(series: str, size: int) -> None:
    from cleaner import Cleaner
    from cleaner.limits import Limits

    mode = SERIES[series][0]
    data = build(series, size)
    nbytes = len(data.encode("utf-8"))
    c = Cleaner(limits=Limits(max_bytes=None, timeout=None, max_depth=2_000, regex_timeout=None))
    c.clean_html(f"<html><body><p>{PARA}</p></body></html>") if mode == "html" else c.clean_text(PARA)  # warm up
    before = _rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        art = c.clean_html(data) if mode == "html" else c.clean_text(data)
        outcome = f"{len(art.body):,} chars kept"
    except Exception as e:  # noqa: BLE001 - reported, not raised
        outcome = f"{type(e).__name__}: {e}"[:80]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"bytes": nbytes, "wall": wall, "cpu": cpu, "peak_mb": peak, "before_mb": before, "outcome": outcome}))


# -- the table (in the parent) -------------------------------------------------------------------


def measure(series: str, size: int, max_seconds: float, repeat: int) -> dict:
    best = None
    for _ in range(repeat):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", series, str(size)]
        try:
            run = subprocess.run(cmd, capture_output=True, text=True, timeout=max_seconds, env=os.environ)
        except subprocess.TimeoutExpired:
            return {"killed": True}
        if run.returncode:
            return {"error": (run.stderr.strip().splitlines() or ["?"])[-1][:100]}
        got = json.loads(run.stdout.strip().splitlines()[-1])
        if best is None or got["cpu"] < best["cpu"]:
            best = got
    return best


def _label(series: str, size: int) -> str:
    unit = SERIES[series][2]
    if unit == "bytes":
        return f"{size / MB:g} MB"
    return f"{size // 1000:,}k {unit}" if size >= 1000 and not size % 1000 else f"{size:,} {unit}"


def scaling(names: list[str], max_seconds: float, repeat: int) -> bool:
    ok = True
    print("| series | size | input MB | wall s | cpu s | cpu s/MB | peak RSS MB | RSS bound MB | result |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for name in names:
        per_mb = []
        for size in SERIES[name][1]:
            r = measure(name, size, max_seconds, repeat)
            if "killed" in r or "error" in r:
                ok = False
                what = f"killed after {max_seconds:g} s" if "killed" in r else r["error"]
                print(f"| {name} | {_label(name, size)} | | | | | | | {what} |", flush=True)
                per_mb.append(None)
                continue
            mb = r["bytes"] / MB
            bound = 20 * mb + 150
            per_mb.append(r["cpu"] / mb)
            flags = []
            if r["peak_mb"] > bound:
                flags.append("RSS over bound")
            if name in ("spans", "elements") and size == SERIES[name][1][-1] and r["cpu"] >= 10:  # CPU seconds: the machine is shared
                flags.append("over 10 s")
            ok = ok and not flags
            print(f"| {name} | {_label(name, size)} | {mb:.2f} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['cpu'] / mb:.3f} "
                  f"| {r['peak_mb']:.0f} | {bound:.0f} | {r['outcome']}{'; ' + ', '.join(flags) if flags else ''} |", flush=True)
        if per_mb[0] and per_mb[-1]:
            ratio = per_mb[-1] / per_mb[0]
            ok = ok and ratio <= 1.5
            print(f"| {name} | **largest/smallest s/MB** | | | | **{ratio:.2f}x** | | | {'ok' if ratio <= 1.5 else 'over 1.5x'} |", flush=True)
    return ok


def jobs_ratio(repeat: int) -> None:
    """``cleaner clean --jobs 2`` vs ``--jobs 1`` over the aeb pages: wall seconds, best of ``repeat``."""
    times, cores = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in (1, 2) * repeat:
            cmd = [sys.executable, "-m", "cleaner", "clean", str(AEB / "html"), "--jobs", str(jobs),
                   "-o", str(Path(tmp) / f"out{jobs}.jsonl"), "--force"]
            cpu = _children_cpu()
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            took = time.perf_counter() - start
            if took < times.get(jobs, float("inf")):
                times[jobs], cores[jobs] = took, (_children_cpu() - cpu) / took
    load = os.getloadavg()
    print(f"\n`cleaner clean --jobs N` over {len(list((AEB / 'html').glob('*.html.gz')))} aeb pages (best of {repeat}): "
          f"--jobs 1 {times[1]:.1f} s, --jobs 2 {times[2]:.1f} s: **{times[1] / times[2]:.2f}x**; cores the run got "
          f"(its CPU seconds over wall seconds): {cores[1]:.2f} and {cores[2]:.2f} "
          f"(load average {load[0]:.1f} / {load[1]:.1f} on {os.cpu_count()} cores)")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--series", nargs="+", choices=list(SERIES), default=list(SERIES))
    ap.add_argument("--max-seconds", type=float, default=120, help="kill a size that runs longer (default 120)")
    ap.add_argument("--repeat", type=int, default=1, help="fresh processes per size; the least CPU is kept")
    ap.add_argument("--no-jobs", action="store_true", help="skip the --jobs 2 vs --jobs 1 timing")
    ap.add_argument("--jobs-only", action="store_true")
    ap.add_argument("--child", nargs=2, metavar=("SERIES", "SIZE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT))
        child(args.child[0], int(args.child[1]))
        return
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
    ok = True
    if not args.jobs_only:
        ok = scaling(args.series, args.max_seconds, args.repeat)
        print(f"\nscaling targets: {'all met' if ok else 'NOT all met'}")
    if not args.no_jobs:
        jobs_ratio(max(args.repeat, 1))


if __name__ == "__main__":
    main()
