"""Batch cleaning: streaming inputs (folders, globs, JSONL, WARC, stdin), ordered output for
any --jobs, error records, limits, the per-document watchdog, resume after kill -9, atomic
and confined output."""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from cleaner import Cleaner, Limits
from cleaner.runner import Recipe, clean_records, run_inline, run_pool
from cleaner.sinks import DirSink, FileSink, OutputError
from cleaner.sources import Fields, Item, items
from conftest import FIXTURES, ROOT

SEEDS = FIXTURES / "seeds"
BATCH = FIXTURES / "batch"
TEXT = "Facebook\nTwitter\nLinkedIn\nPolice said the bridge on route {n} reopened on Tuesday after repairs.\nLeave a Comment\n"


def run(*args, input=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=input, capture_output=True,
                          timeout=timeout, cwd=ROOT)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, n: int, start: int = 0) -> list[str]:
    ids = [f"doc-{i:05d}" for i in range(start, start + n)]
    with path.open("w", encoding="utf-8") as fh:
        for i, id in enumerate(ids, start):
            fh.write(json.dumps({"id": id, "tool": "t", "text": TEXT.format(n=i)}) + "\n")
    return ids


# -- the acceptance runs ------------------------------------------------------------------

def test_10000_records_with_1_percent_corrupt(tmp_path):
    """Broken JSON, binary, empty and a multi-megabyte record among 10,000 lines: exactly
    10,000 records out, in input order, the bad ones typed errors, exit 1, a summary."""
    src, bad = tmp_path / "in.jsonl", {}
    with src.open("wb") as fh:
        for i in range(10_000):
            id = f"r{i}"
            if i % 100 == 37:
                kind = ("broken", "binary", "empty", "huge", "nodoc")[(i // 100) % 5]
                bad[id if kind in ("empty", "huge", "nodoc") else f"{src}:{i + 1}"] = kind
                line = {
                    "broken": b'{"id": "' + id.encode() + b'", "text": "unterminated',
                    "binary": bytes(range(128, 256)) + b"\x00\x01\xff" * 50,
                    "empty": json.dumps({"id": id, "text": "  "}).encode(),
                    "huge": json.dumps({"id": id, "text": "word " * 600_000}).encode(),
                    "nodoc": json.dumps({"id": id, "title": "no body here"}).encode(),
                }[kind]
            else:
                line = json.dumps({"id": id, "text": f"Story {i}: the council voted to fund the library."}).encode()
            fh.write(line + b"\n")
    out = tmp_path / "out.jsonl"
    p = run("clean", src, "-o", out, "--jobs", "2", "--max-bytes", "1000000")
    assert p.returncode == 1, p.stderr
    records = lines(out)
    assert len(records) == 10_000
    assert [r["id"] for r in records] == [f"{src}:{i + 1}" if f"{src}:{i + 1}" in bad else f"r{i}" for i in range(10_000)]
    errors = {r["id"]: r["error"]["type"] for r in records if r["error"]}
    assert set(errors) == set(bad)
    want = {"broken": "input_error", "binary": "input_error", "empty": "input_error", "huge": "limit_exceeded",
            "nodoc": "input_error"}
    assert all(errors[id] == want[kind] for id, kind in bad.items())
    stderr = p.stderr.decode()
    assert "10000 documents, 100 errors" in stderr and "docs/s" in stderr and "removed:" in stderr
    assert "Traceback" not in stderr


def test_kill_9_then_resume_gives_the_uninterrupted_records(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 4000)
    ref = tmp_path / "ref.jsonl"
    assert run("clean", src, "-o", ref, "--jobs", "2", "-q").returncode == 0
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", src, "-o", out, "--jobs", "2", "-q"],
                            cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not part.exists() or part.stat().st_size < 100_000):
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists() and part.exists()
    written = part.read_bytes().count(b"\n")
    assert 0 < written < 4000
    p = run("clean", src, "-o", out, "--jobs", "2", "--resume")
    assert p.returncode == 0, p.stderr
    assert out.read_bytes() == ref.read_bytes()
    assert not part.exists()
    assert "skipped as already written" in p.stderr.decode()


def test_resume_cuts_a_torn_line_and_skips_repeated_ids_once(tmp_path):
    out = tmp_path / "o.jsonl"
    part = tmp_path / "o.jsonl.part"
    part.write_text('{"id": "a", "error": null}\n{"id": "a", "error": null}\n{"id": "b", "bo', encoding="utf-8")
    sink = FileSink(out, "jsonl", resume=True)
    assert [sink.done(Item(id=i)) for i in ("a", "a", "a", "b")] == [True, True, False, False]
    sink.close()
    assert out.read_text(encoding="utf-8").count("\n") == 2


def test_warc_gz_one_record_per_html_response(tmp_path):
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    pages = {
        "https://news.example/a": ("text/html; charset=utf-8", b"<html><head><title>A</title></head><body><article>"
                                   + b"<p>The mayor opened the new bridge on Monday morning.</p>" * 5 + b"</article></body></html>"),
        "https://news.example/logo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
        "https://news.example/b": ("application/xhtml+xml", b"<html><body><p>" + b"Rain is expected across the region. " * 8
                                   + b"</p></body></html>"),
        "https://news.example/data.json": ("application/json", b'{"a": 1}'),
    }
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        for url, (ctype, body) in pages.items():
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    p = run("clean", path)
    assert p.returncode == 0, p.stderr
    records = [json.loads(line) for line in p.stdout.splitlines()]
    assert [r["url"] for r in records] == ["https://news.example/a", "https://news.example/b"]
    assert all(r["id"].startswith("<urn:uuid:") and r["error"] is None for r in records)
    assert "mayor opened the new bridge" in records[0]["body"] and "Rain is expected" in records[1]["body"]
    assert warcio  # the extra is what reads it


# -- parallel runs -------------------------------------------------------------------------------

def test_same_output_for_any_jobs(tmp_path):
    args = ["clean", SEEDS, FIXTURES / "html", BATCH / "mixed.jsonl", "-q"]
    one, two = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert one.returncode == two.returncode == 1  # mixed.jsonl holds bad lines on purpose
    assert one.stdout == two.stdout and one.stdout.count(b"\n") == 5 + 14 + 6


class StuckCleaner:
    """A Cleaner that hangs past any signal on ``STUCK`` and dies on ``CRASH``: C code
    gone wrong, as the watchdog sees it."""

    def __init__(self, limits):
        self.inner = Cleaner(limits=limits)
        self.limits = limits

    def clean(self, data, url=None, id=None):
        if data == "STUCK":
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM, signal.SIGINT, signal.SIGTERM])
            time.sleep(60)
        if data == "CRASH":
            os._exit(3)
        return self.inner.clean(data, url=url, id=id)


class StuckRecipe(Recipe):
    def build(self):
        return StuckCleaner(self.limits)


def test_watchdog_kills_a_stuck_worker_and_the_batch_goes_on():
    docs = ["STUCK" if i == 3 else "CRASH" if i == 7 else TEXT.format(n=i) for i in range(12)]
    recipe = StuckRecipe(limits=Limits(timeout=0.5))
    out = list(run_pool((Item(id=str(i), data=d) for i, d in enumerate(docs)), recipe, 2, chunk=3, grace=0.5))
    assert [item.id for item, _ in out] == [str(i) for i in range(12)]
    types = [o.record["error"] and o.record["error"]["type"] for _, o in out]
    assert types == [None] * 3 + ["timeout"] + [None] * 3 + ["worker_error"] + [None] * 4


def test_clean_many_in_process_and_in_workers_agree():
    docs = [TEXT.format(n=i) for i in range(40)] + [{"id": "h", "html": (FIXTURES / "html" / "promo_1.html").read_text()}, b""]
    c = Cleaner()
    one = [a.to_dict() for a in c.clean_many(docs)]
    two = [a.to_dict() for a in c.clean_many(iter(docs), jobs=2, chunk=4)]
    assert one == two and len(one) == 42
    assert one[0]["id"] == "doc:1" and one[40]["id"] == "h" and one[41]["error"]["type"] == "input_error"
    assert "Facebook" not in one[0]["body"]


def test_clean_many_workers_get_the_extra_rules_and_options(tmp_path):
    (tmp_path / "x.toml").write_text(
        "category = 'promo'\n[[rules]]\nid = 'XP001'\nname = 'bridge'\nwhy = 'test'\nkind = 'line'\n"
        "patterns = ['police said the bridge.*']\nexamples = ['Police said the bridge reopened']\n"
        "keeps = ['The bridge reopened']\n", encoding="utf-8")
    c = Cleaner(rules=tmp_path, keep=("comments",))
    docs = [TEXT.format(n=i) for i in range(6)]
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()  # a threaded caller: workers start from a fresh server and rebuild the Cleaner from its recipe
    try:
        out = list(c.clean_many(docs, jobs=2, chunk=1))
    finally:
        stop.set()
        other.join()
    assert all("Police said" not in a.body and "Leave a Comment" in a.body for a in out)
    assert {r.rule for r in out[0].removed} >= {"XP001"}


# -- inputs --------------------------------------------------------------------------------------

def test_jsonl_fields_sniffed_named_and_passed_through(tmp_path):
    src = tmp_path / "a.jsonl.gz"
    rows = [{"raw_html": "<html><body><p>" + "The port reopened after the storm. " * 6 + "</p></body></html>",
             "url": "https://x.example/1", "lang": "en"},
            {"doc": "The vote passed. " * 5, "key": 7, "link": "https://x.example/2", "lang": "fr"}]
    src.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    p = run("clean", src, "--passthrough", "lang", "-q")
    a, b = [json.loads(line) for line in p.stdout.splitlines()]
    assert a["id"] == f"{src}:1" and a["url"] == "https://x.example/1" and "port reopened" in a["body"] and a["lang"] == "en"
    assert b["error"]["type"] == "input_error" and "no document field" in b["error"]["message"] and b["lang"] == "fr"
    p = run("clean", src, "--text-field", "doc", "--id-field", "key", "--url-field", "link", "-q")
    b = [json.loads(line) for line in p.stdout.splitlines()][1]
    assert b["id"] == "7" and b["url"] == "https://x.example/2" and b["error"] is None


def test_passthrough_of_a_record_field_is_a_usage_error():
    p = run("clean", BATCH / "mixed.jsonl", "--passthrough", "url")
    assert p.returncode == 2 and b"--passthrough url" in p.stderr


def test_stdin_jsonl_and_stdin_document():
    rows = b"".join(json.dumps({"id": f"s{i}", "text": TEXT.format(n=i)}).encode() + b"\n" for i in range(3))
    p = run("clean", "-", "--input-format", "jsonl", "-q", input=rows)
    assert [json.loads(x)["id"] for x in p.stdout.splitlines()] == ["s0", "s1", "s2"]
    p = run("clean", "-", input=TEXT.format(n=1).encode())
    assert json.loads(p.stdout)["id"] == "-" and p.returncode == 0 and not p.stderr


def test_globs_gz_documents_and_the_size_limit(tmp_path):
    (tmp_path / "d" / "e").mkdir(parents=True)
    (tmp_path / "d" / "e" / "a.html.gz").write_bytes(gzip.compress((FIXTURES / "html" / "promo_1.html").read_bytes()))
    (tmp_path / "d" / "b.txt").write_text(TEXT.format(n=1) + "Long words. " * 20000, encoding="utf-8")
    (tmp_path / "d" / "skip.bin").write_bytes(b"x")
    p = run("clean", f"{tmp_path}/d/**/*.gz", f"{tmp_path}/d/*.txt", "--max-bytes", "100000", "-q")
    a, b = [json.loads(line) for line in p.stdout.splitlines()]
    assert a["id"].endswith("a.html.gz") and a["error"] is None and a["title"]
    assert b["error"]["type"] == "limit_exceeded" and p.returncode == 1


def test_items_never_read_a_document_file_in_the_parent(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("hello", encoding="utf-8")
    (item,) = items([str(f)])
    assert item.data is None and item.path == str(f) and item.kind == "text"


def test_clean_records_for_spark_and_dask_partitions():
    rows = [{"id": "1", "text": TEXT.format(n=1), "src": "a"}, "Just a bare text document with words. " * 3, {"html": 5}]
    out = list(clean_records(rows, fields=Fields(), passthrough=("src",)))
    assert [r["id"] for r in out] == ["1", "row:2", "row:3"] and out[0]["src"] == "a"
    assert out[2]["error"]["type"] == "input_error"


# -- outputs -------------------------------------------------------------------------------------

def test_existing_output_needs_force_or_resume(tmp_path):
    out = tmp_path / "o.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    p = run("clean", SEEDS, "-o", out)
    assert p.returncode == 2 and b"--force" in p.stderr and out.read_text(encoding="utf-8") == "keep me\n"
    assert run("clean", SEEDS, "-o", out, "--force", "-q").returncode == 0
    assert len(lines(out)) == 5


def test_output_dir_mirrors_paths_and_stays_inside(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": id, "text": TEXT.format(n=1)}) + "\n"
                           for id in ("../../escape", "/etc/passwd", "ok")), encoding="utf-8")
    out = tmp_path / "out"
    p = run("clean", SEEDS, src, "--output-dir", out, "--format", "markdown", "-q")
    assert p.returncode == 0, p.stderr
    written = sorted(str(f.relative_to(out)) for f in out.rglob("*") if f.is_file())
    assert len(written) == 8 and all(not f.startswith(".") for f in written)
    assert "000_1bbc83b84b0b6e1e.txt.md" in written
    assert all(f.resolve().is_relative_to(out.resolve()) for f in out.rglob("*"))
    assert not (tmp_path.parent / "escape.md").exists()
    assert run("clean", SEEDS, "--output-dir", out).returncode == 2
    p = run("clean", SEEDS, src, "--output-dir", out, "--format", "markdown", "--resume")
    assert p.returncode == 0 and b"8 skipped" in p.stderr


def test_dir_sink_refuses_a_symlink_out(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere)
    sink = DirSink(out, "jsonl", force=True)
    with pytest.raises(OutputError):
        sink.write(Item(id="x", rel="link/x"), {"id": "x"})
    assert not any(elsewhere.iterdir())


def test_output_dir_never_overwrites_a_colliding_path(tmp_path):
    col = tmp_path / "col"
    seeds = sorted(SEEDS.glob("*.txt"))
    for name, seed in (("a", seeds[0]), ("b", seeds[1])):
        (col / name).mkdir(parents=True)
        (col / name / "x.txt").write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    p = run("clean", col / "a", col / "b", "--output-dir", out, "-f", "text", "-q")
    assert p.returncode == 0, p.stderr
    assert sorted(f.name for f in out.iterdir()) == ["x.txt-2.txt", "x.txt.txt"]
    first, second = (out / "x.txt.txt").read_text(), (out / "x.txt-2.txt").read_text()
    assert first != second and first.split()[0] in seeds[0].read_text() and second.split()[0] in seeds[1].read_text()
    # --resume finds the same names: nothing is written twice, nothing lost
    (out / "x.txt-2.txt").unlink()
    p = run("clean", col / "a", col / "b", "--output-dir", out, "-f", "text", "--resume")
    assert p.returncode == 0 and b"1 skipped" in p.stderr
    assert (out / "x.txt.txt").read_text() == first and (out / "x.txt-2.txt").read_text() == second


def test_repeated_ids_under_output_dir_get_distinct_files(tmp_path):
    sink = DirSink(tmp_path / "out", "jsonl")
    for n in range(3):
        sink.write(Item(id="same", rel="in.jsonl/same"), {"id": "same", "n": n})
    files = sorted((tmp_path / "out" / "in.jsonl").iterdir())
    assert [f.name for f in files] == ["same-2.json", "same-3.json", "same.json"]
    assert sorted(json.loads(f.read_text())["n"] for f in files) == [0, 1, 2]


def test_output_dir_leaves_no_temp_file_when_the_disk_is_full(tmp_path, monkeypatch):
    sink = DirSink(tmp_path / "out", "jsonl")
    opened = os.fdopen

    class Full(io.TextIOWrapper):
        def write(self, text):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(opened(fd, "wb"), encoding="utf-8"))
    with pytest.raises(OSError, match="No space left"):
        sink.write(Item(id="x", rel="x"), {"id": "x", "body": "y" * 100_000})
    monkeypatch.undo()
    assert list((tmp_path / "out").iterdir()) == []


def run_on_a_full_disk(*args, size=5000):
    """The CLI with files capped at ``size`` bytes (RLIMIT_FSIZE, SIGXFSZ ignored): each write past
    it fails as on a full disk."""
    import resource

    def cap():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, preexec_fn=cap)


def test_a_full_disk_is_one_line_exit_2_and_resume_continues(tmp_path):
    out = tmp_path / "out.jsonl"
    p = run_on_a_full_disk("clean", SEEDS, "-o", out, "-q")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1 and "cannot write" in p.stderr and "--resume" in p.stderr
    assert not out.exists() and (tmp_path / "out.jsonl.part").exists()
    assert run("clean", SEEDS, "-o", out, "-q", "--resume").returncode == 0
    assert out.read_bytes() == run("clean", SEEDS, "-q").stdout
    assert sorted(f.name for f in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_full_disk_under_output_dir_leaves_no_temp_file(tmp_path):
    out = tmp_path / "out"
    p = run_on_a_full_disk("clean", SEEDS, "--output-dir", out, "-q", size=3000)
    assert p.returncode == 2 and "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert [f.name for f in out.iterdir() if f.name.startswith(".")] == []
    assert run("clean", SEEDS, "--output-dir", out, "-q", "--resume").returncode == 0
    assert len(list(out.iterdir())) == 5


def test_an_unwritable_target_is_one_line_exit_2(tmp_path):
    (tmp_path / "file").write_text("x")
    p = run("clean", SEEDS, "-o", tmp_path / "file" / "out.jsonl")
    assert p.returncode == 2 and b"Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert b"cannot write" in p.stderr


@pytest.mark.parametrize("names", [[], ["a.dat", "b.dat"]])
def test_no_inputs_found_is_said_and_exits_non_zero(tmp_path, names):
    src = tmp_path / "in"
    src.mkdir()
    for name in names:
        (src / name).write_bytes(b"x")
    out = tmp_path / "out.jsonl"
    p = run("clean", src, "-o", out)
    assert p.returncode == 2 and b"no inputs found" in p.stderr and b"Traceback" not in p.stderr
    assert all(name.encode() in p.stderr for name in names)
    assert not out.exists() and not (tmp_path / "out.jsonl.part").exists()


def test_a_gz_of_no_known_type_in_a_folder_is_said_to_be_skipped(tmp_path):
    seed = next(SEEDS.glob("*.txt"))
    (tmp_path / "story.txt").write_bytes(seed.read_bytes())
    (tmp_path / "page.gz").write_bytes(gzip.compress(seed.read_bytes()))
    p = run("clean", tmp_path)
    assert p.returncode == 0 and len(p.stdout.splitlines()) == 1
    assert b"skipped 1 file" in p.stderr and b"page.gz" in p.stderr
    named = run("clean", tmp_path / "page.gz")  # named, it is sniffed and cleaned
    assert named.returncode == 0 and json.loads(named.stdout)["body"]


@pytest.mark.parametrize("gzipped", [False, True])
def test_jsonl_on_stdin_is_sniffed(gzipped):
    data = (BATCH / "mixed.jsonl").read_bytes()
    p = run("clean", "-", "-q", input=gzip.compress(data) if gzipped else data)
    records = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(records) == 6 and records[0]["id"] == "m1" and records[2]["title"] == "Harbour reopens"
    assert "Facebook" not in records[0]["body"] and "budget" in records[0]["body"]


def test_a_json_looking_article_on_stdin_stays_one_document():
    text = b'{\n  "note": "a pretty-printed JSON document is not JSONL"\n}\n'
    p = run("clean", "-", "-q", input=text)
    assert len(p.stdout.splitlines()) == 1 and json.loads(p.stdout)["id"] == "-"


def test_an_html_fragment_file_is_cleaned(tmp_path):
    para = "The harbour reopened to ships on Friday after two weeks of repairs to the main quay, the port said."
    (tmp_path / "frag.html").write_text(f"<div><p>{para}</p></div>", encoding="utf-8")
    p = run("clean", tmp_path / "frag.html")
    assert p.returncode == 0, p.stdout
    assert json.loads(p.stdout)["body"] == para


def test_output_named_gz_is_gzipped_and_resumes(tmp_path):
    ref = run("clean", SEEDS, "-q").stdout
    out = tmp_path / "out.jsonl.gz"
    assert run("clean", SEEDS, "-o", out, "-q").returncode == 0
    assert out.read_bytes()[:2] == b"\x1f\x8b" and gzip.decompress(out.read_bytes()) == ref
    # an interrupted run: two whole records, then a gzip member cut short
    out.unlink()
    records = ref.splitlines(keepends=True)
    (tmp_path / "out.jsonl.gz.part").write_bytes(gzip.compress(b"".join(records[:2])) + gzip.compress(records[2])[:25])
    p = run("clean", SEEDS, "-o", out, "--resume")
    assert p.returncode == 0 and b"2 skipped" in p.stderr
    assert gzip.decompress(out.read_bytes()) == ref


@pytest.mark.parametrize("args", [["-q"], ["-q", "--jobs", "2"], ["-f", "text"]])
def test_a_closed_pipe_ends_quietly(args):
    writer = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", *map(str, [SEEDS] * 8), *args], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    writer.stdout.readline()
    writer.stdout.close()  # ``| head -1``
    err = writer.stderr.read()
    assert writer.wait(timeout=120) in (0, 141)
    assert b"Broken pipe" not in err and b"Traceback" not in err and b"error" not in err


def test_json_format_streams_one_array(tmp_path):
    p = run("clean", SEEDS, "--format", "json", "--jobs", "2", "-q")
    records = json.loads(p.stdout)
    assert len(records) == 5 and records[0]["id"].endswith("000_1bbc83b84b0b6e1e.txt")


def test_fail_fast_stops_at_the_first_error():
    p = run("clean", BATCH / "mixed.jsonl", SEEDS, "--fail-fast", "-q", "--jobs", "1")
    records = [json.loads(line) for line in p.stdout.splitlines()]
    assert p.returncode == 1 and records[-1]["error"] and len(records) < 6


def test_inline_runner_matches_records_of_the_library():
    c = Cleaner()
    seed = next(SEEDS.glob("002_*.txt"))
    ((_, outcome),) = run_inline(items([str(seed)]), c)
    assert outcome.record == c.clean_text(seed.read_bytes(), id=str(seed)).to_dict()


def test_an_overlong_jsonl_line_is_skipped_unread_and_the_next_one_read():
    from cleaner.sources import jsonl_items

    data = json.dumps({"id": "big", "text": "x" * 200_000}).encode() + b"\n" + json.dumps({"id": "ok", "text": "Hi there."}).encode() + b"\n"
    big, ok = jsonl_items(io.BytesIO(data), "f.jsonl", "f.jsonl", Fields(), max_bytes=100)
    assert big.id == "f.jsonl:1" and big.error.kind == "limit_exceeded" and big.size == len(data.split(b"\n")[0]) + 1
    assert ok.id == "ok" and ok.error is None and ok.data == "Hi there."


def test_fsspec_urls_for_folders_and_globs():
    pytest.importorskip("fsspec")
    p = run("clean", f"file://{SEEDS}", f"file://{FIXTURES}/html/promo*.html", "-q")
    ids = [json.loads(line)["id"] for line in p.stdout.splitlines()]
    assert p.returncode == 0 and len(ids) == 6 and ids[0] == f"file://{SEEDS}/000_1bbc83b84b0b6e1e.txt"


def test_object_store_urls_read_like_a_bucket():
    """An fsspec store without real folders (``memory://``, as s3:// and gs:// are): a
    prefix, a glob, a gzipped JSONL object and an HTML object, each read by key."""
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    seed = next((FIXTURES / "seeds").glob("004_*.txt")).read_bytes()
    fs.pipe("/bucket/crawl/2024/a.html", b"<html><head><title>Dams hold</title></head><body><article><p>"
            + b"The regional water authority said reservoirs recovered after a wet spring. " * 4 + b"</p></article></body></html>")
    fs.pipe("/bucket/crawl/2024/b.jsonl.gz", gzip.compress(
        (json.dumps({"id": "j1", "text": seed.decode()}) + "\n" + json.dumps({"id": "j2", "text": ""}) + "\n").encode()))
    fs.pipe("/bucket/crawl/2024/.hidden.html", b"<p>skip me</p>")
    try:
        for given in ("memory://bucket/crawl", "memory://bucket/crawl/**/*.*"):
            got = [(item.id, outcome.record) for item, outcome in run_inline(items([given]), Cleaner())]
            ids = [i for i, _ in got]
            assert ids[1:] == ["j1", "j2"] and ids[0].endswith("bucket/crawl/2024/a.html"), ids  # .hidden skipped
            with fsspec.open(ids[0], "rb") as fh:  # the id is a URL that opens the object again
                assert fh.read().startswith(b"<html>")
            records = dict(got)
            assert "reservoirs recovered" in records[ids[0]]["body"]
            assert records["j1"]["title"] == "Israel rejects US request to stop Rafah offensive"
            assert got[2][1]["error"]["type"] == "input_error"  # the empty text, as for a local file
    finally:
        fs.rm("/bucket", recursive=True)


def test_progress_logs_plain_lines_off_a_terminal_and_nothing_when_quiet():
    from cleaner.progress import Progress, Stats

    stats, stream = Stats(), io.StringIO()
    stats.add({"error": {"type": "input_error", "message": "x"}, "removed": []}, 10, 20)
    Progress(stats, total=5, every=0, stream=stream).tick()
    Progress(stats, quiet=True, every=0, stream=stream).tick()
    assert stream.getvalue().count("\n") == 1 and "1/5 documents, 1 errors" in stream.getvalue()
    assert "1 documents, 1 errors (input_error 1)" in stats.summary()


def test_progress_of_jsonl_follows_the_bytes_read(tmp_path):
    import gzip
    import io

    from cleaner.progress import Progress, Stats
    from cleaner.listing import ReadMeter
    from cleaner.sources import items as source_items

    lines = "".join(json.dumps({"id": f"d{i}", "text": f"Line {i} of the text."}) + "\n" for i in range(200))
    plain, packed = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    plain.write_text(lines, encoding="utf-8")
    packed.write_bytes(gzip.compress(lines.encode()))
    meter = ReadMeter.of([str(plain), str(packed)])
    assert meter.total == plain.stat().st_size + packed.stat().st_size  # compressed files: their size on disk
    stream = source_items([str(plain), str(packed)], meter=meter)
    first = [next(stream) for _ in range(10)]
    assert 0 < meter.position() <= meter.total and first[0].id == "d0"
    assert len(list(stream)) == 390 and meter.position() == meter.total
    stats, out = Stats(documents=400), io.StringIO()
    Progress(stats, every=0, stream=out, meter=meter).tick()
    assert "400 documents" in out.getvalue() and "100% of the input read" in out.getvalue()
    # documents are counted instead (or not at all) when not every input is a local JSONL/WARC file
    (tmp_path / "c.html").write_text("<p>x</p>")
    assert ReadMeter.of([str(plain), str(tmp_path / "c.html")]) is None and ReadMeter.of(["-"]) is None


SURROGATES = ('{"id": "a\\ud800", "url": "https://x.example/\\udc80", "lang": "e\\ud800n", "text": "'
              + TEXT.format(n=1).replace("\n", "\\n") + '"}\n'
              + '{"id": "b", "text": "' + TEXT.format(n=2).replace("\n", "\\n") + '"}\n')


@pytest.mark.parametrize("fmt", ["jsonl", "json", "text"])
def test_lone_surrogates_in_id_url_and_passthrough_are_written_as_valid_utf8(tmp_path, fmt):
    src = tmp_path / "in.jsonl"
    src.write_text(SURROGATES, encoding="utf-8")
    r = run("clean", src, "--passthrough", "lang", "-f", fmt, "-q")
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode("utf-8")  # strict: raises on invalid UTF-8
    assert "\ufffd" in out and "Police said the bridge on route 2" in out
    if fmt == "jsonl":
        first, second = (json.loads(line) for line in out.splitlines())
        assert (first["id"], first["url"], first["lang"]) == ("a\ufffd", "https://x.example/\ufffd", "e\ufffdn")
        assert [w["code"] for w in first["warnings"]] == ["replaced_surrogates"]
        assert "id, url, lang" in first["warnings"][0]["message"]
        assert second["warnings"] == []


def test_lone_surrogates_do_not_stop_a_file_or_dir_output_and_resume_finishes(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(SURROGATES, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    r = run("clean", src, "-o", out, "-q")
    assert r.returncode == 0, r.stderr.decode()
    assert [rec["id"] for rec in lines(out)] == ["a\ufffd", "b"]
    r = run("clean", src, "-o", out, "--resume", "-q")
    assert r.returncode == 0 and [rec["id"] for rec in lines(out)] == ["a\ufffd", "b"]
    r = run("clean", src, "--output-dir", tmp_path / "dir", "-q")
    assert r.returncode == 0, r.stderr.decode()
    names = sorted(p.name for p in (tmp_path / "dir").rglob("*.json"))
    assert len(names) == 2 and "b.json" in names


def test_resume_knows_an_input_given_as_dot_slash_path(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": 1, "text": "x"\n' * 3 + '{"text": "' + TEXT.format(n=1).replace("\n", "\\n") + '"}\n',
                                       encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    def clean(*args):
        return subprocess.run([sys.executable, "-m", "cleaner", "clean", *args, "-o", "o.jsonl", "-q"],
                              capture_output=True, cwd=tmp_path, env=env, timeout=120)
    assert clean("./in.jsonl").returncode == 1  # three broken lines: error records
    assert clean("in.jsonl", "--resume").returncode == 0  # nothing left to do
    assert len(lines(tmp_path / "o.jsonl")) == 4


def test_ids_that_map_to_one_path_get_distinct_files(tmp_path):
    # issue 13, item 13: ids that differ only in characters a file name cannot hold, or that
    # are path tricks, each get a file of their own inside the folder
    from cleaner.sinks import DirSink
    from cleaner.sources import Item

    sink = DirSink(tmp_path / "out", "jsonl")
    ids = ["a/b", "a_b", "新1", "闻1", ".", "..", "/", "x"]
    for n, i in enumerate(ids):
        sink.write(Item(id=i, rel=None), {"id": i, "n": n})
    files = [f for f in (tmp_path / "out").rglob("*") if f.is_file()]
    assert sorted(json.loads(f.read_text())["n"] for f in files) == list(range(len(ids)))
    assert all(f.resolve().is_relative_to((tmp_path / "out").resolve()) for f in files)


def test_a_symlink_planted_at_a_temp_name_is_never_written_through(tmp_path):
    # issue 13, item 14: temp files have unpredictable names and are created exclusively
    from cleaner.sinks import DirSink
    from cleaner.sources import Item

    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    for pid in range(os.getpid() - 5, os.getpid() + 5):  # the names an old-style temp file would take
        for name in (f".x.json.{pid}.tmp", f".x.{pid}.tmp"):
            (out / name).symlink_to(victim)
    sink = DirSink(out, "jsonl", force=True)  # the planted links make the folder non-empty
    sink.write(Item(id="x", rel="x"), {"id": "x"})
    assert victim.read_text() == "keep me"
    assert json.loads((out / "x.json").read_text())["id"] == "x"
