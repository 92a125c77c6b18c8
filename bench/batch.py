"""Batch throughput: docs/s and MB/s of the batch runner (the code path of ``cleaner clean``:
sources → process pool → JSONL sink to /dev/null) at 1 and 2 workers, on the benchmark pages
(``../shared/benchmarks/aeb/html/*.html.gz``, read and gunzipped by the workers) and on
``../shared/benchmarks/aeb/dirty.jsonl`` (extracted text, read by the parent), plus the
scaling ratio and each worker's peak memory.

    python bench/batch.py                      # both corpora, in-process, 1 and 2 workers
    python bench/batch.py --jobs 1 2 4 --repeat 3 --corpus html

MB/s counts the documents' bytes as cleaned (HTML decompressed; JSONL: the text field).
Each configuration runs ``--repeat`` times and the best run is reported (the machine is
shared; the best run is the one least disturbed). "Workers' CPU share" is the CPU time the
workers got over ``workers × wall time``: well under 100 % means they waited for a core
(other load), not for work. Prints a markdown table.
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.progress import Stats, quiet_logs  # noqa: E402
from cleaner.runner import Recipe, drive, run_inline, run_pool  # noqa: E402
from cleaner.sinks import StreamSink  # noqa: E402
from cleaner.sources import items  # noqa: E402

AEB = ROOT.parent / "shared" / "benchmarks" / "aeb"
CORPORA = {
    "html": ("aeb pages (181 .html.gz)", [str(AEB / "html" / "*.html.gz")]),
    "jsonl": ("dirty.jsonl (1,086 texts)", [str(AEB / "dirty.jsonl")]),
}


def once(paths: list[str], jobs: int, cleaner: Cleaner) -> Stats:
    """One batch: ``jobs`` 0 runs in this process."""
    stats = Stats()
    with open(os.devnull, "w", encoding="utf-8") as devnull:
        sink = StreamSink(devnull, "jsonl")
        source = items(paths, max_bytes=cleaner.limits.max_bytes)
        if jobs == 0:
            results = run_inline(source, cleaner)
        else:
            results = run_pool(source, Recipe.of(cleaner), jobs, stats=stats, cleaner=cleaner)
        drive(results, sink, stats)
        sink.close()
    stats.finished = time.monotonic()
    return stats


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, nargs="+", default=[0, 1, 2], help="worker counts (0: in-process)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--corpus", choices=sorted(CORPORA), nargs="+", default=sorted(CORPORA))
    args = parser.parse_args()
    if not AEB.exists():
        sys.exit(f"no benchmark data at {AEB}")
    quiet_logs()
    cleaner = Cleaner()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    print("| corpus | workers | docs | errors | docs/s | MB/s | × 1 worker | workers' CPU share | peak RSS per worker |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for corpus in args.corpus:
        label, paths = CORPORA[corpus]
        base = None
        for jobs in args.jobs:
            best = min((once(paths, jobs, cleaner) for _ in range(args.repeat)), key=lambda s: s.elapsed)
            if jobs == 1:
                base = best.rate
            ratio = f"{best.rate / base:.2f}×" if base and jobs >= 1 else "–"
            rss = best.worker_peak_rss if jobs else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
            share = f"{best.worker_cpu / (jobs * best.elapsed):.0%}" if jobs else "–"
            print(f"| {label} | {jobs or 'in-process'} | {best.documents} | {best.errors} | {best.rate:.1f} | "
                  f"{best.bytes_in / 1e6 / best.elapsed:.2f} | {ratio} | {share} | {rss / 1e6:.0f} MB |", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
