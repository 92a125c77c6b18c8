"""The old name of the run stage, kept so that ``from cleaner.batch import Recipe, clean_records``
(README, Spark jobs) and ``Cleaner.clean_many`` keep working: everything it held is now
:mod:`cleaner.runner` (the runners, :func:`~cleaner.runner.run_job`), :mod:`cleaner.pool` (the
worker pool and its watchdog), :mod:`cleaner.worker` (the Recipe, one document, records in and
out), :mod:`cleaner.dask` (``run_dask``) and :mod:`cleaner.progress` (Stats, Progress)."""
from .dask import clean_chunk, run_dask
from .pool import CHUNK, GRACE, Pool, WorkerError, run_pool
from .progress import Progress, Stats, cpu_seconds, peak_rss, quiet_logs
from .runner import clean_many, drive, run_inline
from .worker import Outcome, Recipe, article_of, clean_item, clean_records, clean_rows, cleaner_for, failed, merged

__all__ = [
    "CHUNK", "GRACE", "Outcome", "Pool", "Progress", "Recipe", "Stats", "WorkerError", "article_of", "clean_chunk",
    "clean_item", "clean_many", "clean_records", "clean_rows", "cleaner_for", "cpu_seconds", "drive", "failed",
    "merged", "peak_rss", "quiet_logs", "run_dask", "run_inline", "run_pool",
]
