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


def test_explain_on_a_folder_with_no_document_is_a_clear_error(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    p = run("explain", tmp_path, "--no-color")
    assert p.returncode == 2 and "no document file" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.parametrize("cmd", [["rules", "list"], ["rules", "show", "SH001"], ["rules", "test"], ["rules", "lint"]])
def test_rules_commands(cmd):
    p = run(*cmd)
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stdout.strip()


def test_rules_show_unknown_id():
    assert run("rules", "show", "ZZ999").returncode == 2


def test_version():
    from cleaner import __version__

    p = run("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"article-cleaner {__version__}"


def test_the_package_is_typed():
    from importlib import resources

    assert (resources.files("cleaner") / "py.typed").is_file()


def test_verbose_says_what_is_done_on_stderr():
    p = run("-v", "clean", SEEDS, "-q")
    assert p.returncode == 0 and len(p.stdout.splitlines()) == 5
    assert "rules" in p.stderr and "writing jsonl to stdout" in p.stderr
    assert sum("000_1bbc83b84b0b6e1e.txt:" in line and "removed" in line for line in p.stderr.splitlines()) == 1
    assert run("clean", "-v", SEEDS, "-q").stderr.count("INFO") >= 7
    assert run("clean", SEEDS, "-q").stderr == ""


_TYPES = {"object": dict, "array": list, "string": str, "null": type(None), "integer": int, "boolean": bool}


def _errors(value, schema, where="$"):
    """What ``value`` breaks of ``schema`` (the subset of JSON Schema the record's uses)."""
    if "anyOf" in schema:
        return [] if any(not _errors(value, s, where) for s in schema["anyOf"]) else [f"{where}: no anyOf fits"]
    if "enum" in schema:
        return [] if value in schema["enum"] else [f"{where}: {value!r} not in enum"]
    kinds = schema.get("type")
    if kinds is not None and not isinstance(value, tuple(_TYPES[k] for k in ([kinds] if isinstance(kinds, str) else kinds))):
        return [f"{where}: {type(value).__name__} is not {kinds}"]
    out = []
    if isinstance(value, dict):
        out += [f"{where}: {k} missing" for k in schema.get("required", ()) if k not in value]
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            out += [f"{where}: {k} not allowed" for k in value if k not in props]
        for k, v in value.items():
            if k in props:
                out += _errors(v, props[k], f"{where}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            out += _errors(v, schema["items"], f"{where}[{i}]")
    return out


def test_schema_describes_real_records(tmp_path):
    p = run("schema")
    assert p.returncode == 0
    schema = json.loads(p.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/") and schema["type"] == "object"
    html = sorted((FIXTURES / "html").glob("*.html"))
    records = []
    for args in ([SEEDS], [FIXTURES / "batch" / "mixed.jsonl"], html):
        records += [json.loads(line) for line in run("clean", *args, "-q").stdout.splitlines()]
    assert any(r["error"] for r in records) and any(r["dateline"] for r in records) and any(r["embeds"] for r in records)
    assert set(schema["required"]) == set(records[0])
    for r in records:
        assert _errors(r, schema) == [], r["id"]
    broken = dict(records[0], removed=[{"category": "nonsense", "rule": "X", "text": "y"}], authors="one string")
    assert len(_errors(broken, schema)) == 2
    try:
        import jsonschema
    except ImportError:
        return
    jsonschema.Draft202012Validator.check_schema(schema)
    for r in records:
        jsonschema.validate(r, schema)


def _as_cleaner(*args, env=None):
    """Run the CLI under its installed name, ``cleaner`` (completion scripts are named after it)."""
    import os

    code = f"import sys; sys.argv = ['cleaner', *{list(args)!r}]; from cleaner.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def test_shell_completion_is_enabled():
    assert "--install-completion" in run("--help").stdout
    # the shell named, not detected from the parent process (a CI job's parent may be no shell at all)
    p = _as_cleaner("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert p.returncode == 0 and "complete -o default -F _cleaner_completion cleaner" in p.stdout
    p = _as_cleaner(env={"_CLEANER_COMPLETE": "complete_bash", "COMP_WORDS": "cleaner clean --fo", "COMP_CWORD": "2"})
    assert p.returncode == 0 and "--format" in p.stdout.split()


def test_help_does_not_import_the_pipeline():
    """``cleaner --help`` (and completion) need neither trafilatura nor lxml: they are
    imported by the commands that clean. Judged by what is imported, not by a clock."""
    code = ("import sys\nfrom cleaner.cli import main\nsys.argv = ['cleaner', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('trafilatura', 'lxml', 'cleaner.pipeline', 'cleaner.extract') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and p.stdout.strip().endswith("[]"), p.stdout[-300:] + p.stderr
    p = subprocess.run([sys.executable, "-c", "import cleaner; print(cleaner.Cleaner().clean_text('A sentence of "
                        "article text here. ' * 5).body[:10], 'Cleaner' in dir(cleaner))"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and p.stdout.split() == ["A", "sentence", "True"], p.stderr
