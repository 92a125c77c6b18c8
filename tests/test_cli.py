"""The CLI, run as users run it: exit codes, formats, stdin, folders."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import FIXTURES

SEEDS = FIXTURES / "seeds"


def run(*args, input=None):
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=input,
                          capture_output=True, text=True, timeout=120)


def test_clean_folder_jsonl_one_record_per_file():
    p = run("clean", SEEDS)
    assert p.returncode == 0, p.stderr
    records = [json.loads(line) for line in p.stdout.splitlines()]
    assert len(records) == 5
    assert all(r["id"].startswith(str(SEEDS)) and r["error"] is None for r in records)


def test_clean_stdin_text_format():
    p = run("clean", "-", "--format", "text", input="Facebook\nTwitter\n" + "A sentence of article text here. " * 5)
    assert p.returncode == 0 and "Facebook" not in p.stdout and "article text" in p.stdout


def test_json_and_markdown_formats(tmp_path):
    seed = next(SEEDS.glob("001_*.txt"))
    p = run("clean", seed, "--format", "json", "-o", tmp_path / "out.json")
    assert p.returncode == 0 and json.loads((tmp_path / "out.json").read_text())[0]["source"] == "Washington Examiner"
    md = run("clean", seed, "--format", "markdown").stdout
    assert md.startswith("# US and Israel headed for")


def test_missing_input_is_an_error_record_and_exit_1(tmp_path):
    p = run("clean", tmp_path / "missing.html", next(SEEDS.glob("000_*.txt")))
    assert p.returncode == 1
    records = [json.loads(line) for line in p.stdout.splitlines()]
    assert records[0]["error"]["type"] == "input_error" and records[1]["error"] is None


def test_bad_rules_exit_2_with_a_message(tmp_path):
    (tmp_path / "bad.toml").write_text("category = 'promo'\n[[rules]]\nid = 'XP001'\n", encoding="utf-8")
    p = run("clean", SEEDS, "--rules", tmp_path)
    assert p.returncode == 2 and "bad.toml" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.parametrize("args", [["clean"], ["clean", "x.txt", "--format", "xml"], ["nonsense"]])
def test_usage_errors_exit_2_without_traceback(args):
    p = run(*args)
    assert p.returncode == 2 and "Traceback" not in p.stderr and p.stderr.strip()


def test_unknown_keep_category_exit_2():
    p = run("clean", SEEDS, "--keep", "nonsense")
    assert p.returncode == 2 and "nonsense" in p.stderr


def test_keep_and_keep_dateline():
    seed = next(SEEDS.glob("004_*.txt"))
    rec = json.loads(run("clean", seed, "--keep", "comments", "--keep-dateline").stdout)
    assert "Leave a Comment" in rec["body"] and rec["body"].count("TEL AVIV, Israel (AP)") == 1


def test_explain_marks_removals():
    p = run("explain", next(SEEDS.glob("004_*.txt")), "--no-color")
    assert p.returncode == 0
    assert "[navigation NV001] Home »" in p.stdout and "[comments CM001] Leave a Comment" in p.stdout
    assert "  Blinken spoke shortly after" in p.stdout


def test_explain_reads_a_gzipped_file(tmp_path):
    import gzip

    seed = next(SEEDS.glob("004_*.txt"))
    gz = tmp_path / "story.txt.gz"
    gz.write_bytes(gzip.compress(seed.read_bytes()))
    p = run("explain", gz, "--no-color")
    assert p.returncode == 0 and "[comments CM001] Leave a Comment" in p.stdout


@pytest.mark.parametrize("cmd", [["rules", "list"], ["rules", "show", "SH001"], ["rules", "test"], ["rules", "lint"]])
def test_rules_commands(cmd):
    p = run(*cmd)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.strip()


def test_rules_show_unknown_id():
    assert run("rules", "show", "ZZ999").returncode == 2
