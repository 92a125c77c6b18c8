"""Cleaning on Dask (the ``dask`` extra): bags and DataFrames, partition by partition,
with one Cleaner per worker process (built from a :class:`~cleaner.batch.Recipe` on the
first partition it sees, then reused).

    import dask.bag as db
    from cleaner.dask import clean_bag
    records = clean_bag(db.read_text("s3://bucket/crawl/*.jsonl.gz").map(json.loads))
    records.map(json.dumps).to_textfiles("s3://bucket/clean/*.jsonl.gz")

    from cleaner.dask import clean_dataframe
    clean = clean_dataframe(ddf, html_column="html", id_column="id", passthrough=("lang",))

``cleaner clean … --scheduler tcp://HOST:PORT`` runs a command-line batch on a cluster
(see :func:`cleaner.batch.run_dask`). A row without an id gets ``row:PARTITION:N`` (bags)
or ``row:INDEX`` (DataFrames). The library's own time limit applies on the workers; the
hard per-document watchdog is the local pool's.
"""
from __future__ import annotations

from typing import Any, Iterable

from .batch import Recipe, clean_records, clean_rows
from .record import Article
from .sources import Fields

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
