"""Dask: a LocalCluster with worker processes gives the same records as the local pool and
as cleaning in this process (bags, DataFrames, and ``cleaner clean --scheduler``)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cleaner import Cleaner
from cleaner.runner import Recipe, clean_records
from conftest import FIXTURES, ROOT

distributed = pytest.importorskip("distributed")
dask_bag = pytest.importorskip("dask.bag")

TEXT = ("Facebook\nTwitter\nThe library will stay open late on Fridays, the council said ({n}).\n"
        "Readers welcomed the change at a meeting on Monday evening.\nLeave a Comment\n")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as c, distributed.Client(c) as client:
        yield c, client


def test_cli_on_a_cluster_gives_the_records_of_jobs_1(cluster):
    local, _ = cluster
    args = [sys.executable, "-m", "cleaner", "clean", FIXTURES / "seeds", FIXTURES / "html",
            FIXTURES / "batch" / "mixed.jsonl", "-q"]
    one = subprocess.run([*map(str, args), "--jobs", "1"], capture_output=True, cwd=ROOT, timeout=120)
    dask = subprocess.run([*map(str, args), "--scheduler", local.scheduler_address], capture_output=True, cwd=ROOT,
                          timeout=180)
    assert dask.returncode == one.returncode == 1, dask.stderr  # mixed.jsonl holds bad lines on purpose
    assert dask.stdout == one.stdout and dask.stdout.count(b"\n") == 25


def test_bag_and_dataframe_match_cleaning_in_process(cluster, tmp_path):
    _, client = cluster
    rows = [{"id": f"d{i}", "text": TEXT.format(n=i), "lang": "en"} for i in range(12)] + [{"text": 5}]
    (tmp_path / "x.toml").write_text(
        "category = 'promo'\n[[rules]]\nid = 'XP001'\nname = 'library'\nwhy = 'test'\nkind = 'line'\n"
        "patterns = ['the library will stay open.*']\nexamples = ['The library will stay open late']\n"
        "keeps = ['The library closed']\n", encoding="utf-8")
    cleaner = Cleaner(rules=tmp_path, keep=("comments",))
    want = list(clean_records(rows, Recipe.of(cleaner), passthrough=("lang",)))
    assert "Leave a Comment" in want[0]["body"] and "library will stay" not in want[0]["body"]

    from cleaner.dask import clean_bag, clean_dataframe

    got = clean_bag(dask_bag.from_sequence(rows, npartitions=3), cleaner, passthrough=("lang",)).compute()
    assert got[:12] == want[:12] and got[12]["error"]["type"] == "input_error" and got[12]["id"].startswith("row:2:")

    import dask.dataframe as dd
    import pandas as pd

    frame = pd.DataFrame(rows[:12])
    out = clean_dataframe(dd.from_pandas(frame, npartitions=2), cleaner, text_column="text", id_column="id",
                          passthrough=("lang",)).compute()
    assert list(out["id"]) == [r["id"] for r in want[:12]] and list(out["body"]) == [r["body"] for r in want[:12]]
    assert list(out["lang"]) == ["en"] * 12
    assert json.loads(json.dumps(out.iloc[0].to_dict())) == want[0]
