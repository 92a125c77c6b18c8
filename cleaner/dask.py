"""Cleaning on Dask (the ``dask`` extra): bags and DataFrames, partition by partition,
with one Cleaner per worker process (built from a :class:`~cleaner.worker.Recipe` on the
first partition it sees, then reused); and :func:`run_dask`, the runner of ``cleaner clean
--scheduler``.

    import dask.bag as db
    from cleaner.dask import clean_bag
    records = clean_bag(db.read_text("s3://bucket/crawl/*.jsonl.gz").map(json.loads))
    records.map(json.dumps).to_textfiles("s3://bucket/clean/*.jsonl.gz")

    from cleaner.dask import clean_dataframe
    clean = clean_dataframe(ddf, html_column="html", id_column="id", passthrough=("lang",))

``cleaner clean … --scheduler tcp://HOST:PORT`` runs a command-line batch on a cluster
(:func:`run_dask`). A row without an id gets ``row:PARTITION:N`` (bags)
or ``row:INDEX`` (DataFrames). The library's own time limit applies on the workers; the
hard per-document watchdog is the local pool's.
"""
from __future__ import annotations

from collections import deque
from dataclasses import replace
from typing import Any, Iterable, Iterator

from .progress import quiet_logs
from .record import Article
from .sources import Fields, Item
from .worker import Outcome, Recipe, clean_item, clean_records, clean_rows, cleaner_for, failed

#: the record's fields, the columns of :func:`clean_dataframe`'s result
COLUMNS = tuple(Article.__slots__)


def recipe_of(cleaner=None) -> Recipe:
    """A Recipe from a Cleaner, a Recipe, or None (the built-in rules)."""
    if cleaner is None:
        return Recipe()
    return cleaner if isinstance(cleaner, Recipe) else Recipe.of(cleaner)


def clean_bag(bag, cleaner=None, *, fields: Fields = Fields(), passthrough: Iterable[str] = (), name: str = "row"):
    """A bag of record dicts, one for each element of ``bag`` (dicts with a document
    field, or bare str/bytes documents), in order. ``cleaner``: a Cleaner or Recipe
    whose rules and options the workers use (default: the built-in rules)."""
    import dask.bag as db
    from dask import delayed

    recipe, keep = recipe_of(cleaner), tuple(passthrough)
    parts = [delayed(clean_partition)(part, recipe, fields, keep, f"{name}:{i}")
             for i, part in enumerate(bag.to_delayed())]
    return db.from_delayed(parts)


def clean_partition(rows: Iterable[Any], recipe: Recipe, fields: Fields = Fields(), passthrough: tuple[str, ...] = (),
                    name: str = "row") -> list[dict[str, Any]]:
    """One partition's records (what :func:`clean_bag` runs on a worker)."""
    return list(clean_records(rows, recipe, fields=fields, passthrough=passthrough, name=name))


def clean_dataframe(df, cleaner=None, *, html_column: str | None = None, text_column: str | None = None,
                    id_column: str | None = None, url_column: str | None = None, passthrough: Iterable[str] = ()):
    """A DataFrame of records (columns :data:`COLUMNS` plus ``passthrough``, object
    dtype; nested fields as lists and dicts), one row per row of ``df``, same index."""
    import pandas as pd

    fields = Fields(id=id_column, html=html_column, text=text_column, url=url_column)
    keep = tuple(passthrough)
    meta = pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS + keep})
    return df.map_partitions(frame_partition, recipe_of(cleaner), fields, keep, meta=meta)


def frame_partition(frame, recipe: Recipe, fields: Fields = Fields(), passthrough: tuple[str, ...] = ()):
    """One pandas partition cleaned (what :func:`clean_dataframe` runs on a worker)."""
    import pandas as pd

    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    pairs = ((f"row:{index}", row) for index, row in zip(frame.index, rows))
    records = list(clean_rows(pairs, recipe, fields=fields, passthrough=passthrough))
    columns = list(COLUMNS + passthrough)
    out = pd.DataFrame({c: pd.Series([r.get(c) for r in records], index=frame.index, dtype=object) for c in columns})
    return out


# -- cleaner clean --scheduler --------------------------------------------------------------

def run_dask(items: Iterable[Item], recipe: Recipe, scheduler, *, chunk: int = 32, window: int | None = None
             ) -> Iterator[tuple[Item, Outcome]]:
    """Clean on a Dask cluster (``scheduler``: an address or a ``distributed.Client``):
    chunks of items as tasks, one Cleaner per worker, output in input order. Files named
    by path are read by the workers, so they must see them (a shared disk, or fsspec URLs).
    The library's own time limit applies; a hard kill needs the local pool."""
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        recipe_f = client.scatter(recipe, broadcast=True)
        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        window = window or 4 * nworkers
        flight: deque[tuple[list[Item], Any]] = deque()
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= chunk:
                flight.append((batch, _submit(client, recipe_f, batch)))
                batch = []
                while len(flight) >= window:
                    yield from _collect(*flight.popleft())
        if batch:
            flight.append((batch, _submit(client, recipe_f, batch)))
        while flight:
            yield from _collect(*flight.popleft())
    finally:
        if client is not scheduler:
            client.close()


def _submit(client, recipe_f, batch: list[Item]):
    todo = [replace(i, extra=None) for i in batch if i.error is None]
    return client.submit(clean_chunk, recipe_f, todo, pure=False) if todo else None


def _collect(batch: list[Item], future) -> Iterator[tuple[Item, Outcome]]:
    results = iter(future.result() if future is not None else ())
    for item in batch:
        yield item, failed(item, item.error) if item.error is not None else next(results)


def clean_chunk(recipe: Recipe, chunk: list[Item]) -> list[Outcome]:
    """A Dask task: clean ``chunk`` with this worker's Cleaner."""
    quiet_logs()
    cleaner = cleaner_for(recipe)
    return [clean_item(cleaner, item) for item in chunk]
