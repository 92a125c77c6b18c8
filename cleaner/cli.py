"""The ``cleaner`` command: a thin typer layer over the library.

Exit codes: 0 all inputs cleaned, 1 some inputs failed (their error records are
written), 2 usage or rule errors, no inputs found, or an output that cannot be written
(a full disk); 141 when stdout's reader goes away (``| head``).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from . import __version__, runner, sources
from .errors import CleanerError
from .limits import DEFAULT_LIMITS, Limits
from .progress import quiet_logs, verbose_logs
from .record import SCHEMA, Article
from .ruleset import load_rules

if TYPE_CHECKING:
    from .api import Cleaner
# the pipeline, the heuristics and the checks (trafilatura, lxml) are imported by the commands
# that use them, so that --help, --version and completion do not wait for them

app = typer.Typer(
    add_completion=True,  # --install-completion, --show-completion
    no_args_is_help=True,
    help="Clean news articles (HTML pages or extracted text): boilerplate out, metadata in.",
)
rules_app = typer.Typer(no_args_is_help=True, help="List, show, test and lint the rules.")
app.add_typer(rules_app, name="rules")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"article-cleaner {__version__}")
        raise typer.Exit()


VerboseOpt = typer.Option(0, "--verbose", "-v", count=True, help="Say what is done on stderr (-vv: more).")


@app.callback()
def _app(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print the version and exit."),
    verbose: int = VerboseOpt,
) -> None:
    """Clean news articles (HTML pages or extracted text): boilerplate out, metadata in."""
    verbose_logs(verbose)


COLORS = {
    "cookie_banner": "yellow", "share_buttons": "cyan", "see_also": "blue", "comments": "magenta",
    "embedded_tweet": "bright_cyan", "newsletter": "green", "promo": "bright_yellow", "navigation": "bright_blue",
    "metadata": "bright_black",
}


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    text = "text"
    markdown = "markdown"


RulesOpt = typer.Option(None, "--rules", help="Extra rule files or folders (repeatable).")
KeepOpt = typer.Option(None, "--keep", help="A category (or rule id) whose removals are not made (repeatable).")


def _cleaner(rules: Optional[list[Path]], keep: Optional[list[str]], keep_dateline: bool = False,
             limits: Limits = DEFAULT_LIMITS) -> Cleaner:
    from .api import Cleaner

    return Cleaner(rules=rules or None, keep=keep or (), keep_dateline=keep_dateline, limits=limits)


class InputFormat(str, Enum):
    auto = "auto"
    doc = "doc"
    jsonl = "jsonl"
    warc = "warc"


def _usage(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def _limits(max_bytes: int, max_depth: int, timeout: float) -> Limits:
    """``--max-bytes``, ``--max-depth``, ``--timeout``; 0 switches one off."""
    return Limits(max_bytes=max_bytes or None, max_depth=max_depth or None, timeout=timeout or None,
                  regex_timeout=DEFAULT_LIMITS.regex_timeout)


@app.command()
def clean(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), globs, JSONL or WARC files (.gz too), "
                                      "fsspec URLs, or - for stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout (atomically)."),
    output_dir: Optional[Path] = typer.Option(None, "--output-dir", help="One file per input under this folder, "
                                              "mirroring the inputs' relative paths."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format."),
    rules: Optional[list[Path]] = RulesOpt,
    keep: Optional[list[str]] = KeepOpt,
    keep_dateline: bool = typer.Option(False, "--keep-dateline", help="Leave the dateline in the body."),
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format", help="How to read every input: "
                                             "auto (by file name; stdin is one document), doc, jsonl or warc."),
    id_field: Optional[str] = typer.Option(None, "--id-field", help="JSONL: the id field (default: id; else FILE:LINE)."),
    html_field: Optional[str] = typer.Option(None, "--html-field", help="JSONL: the field holding HTML."),
    text_field: Optional[str] = typer.Option(None, "--text-field", help="JSONL: the field holding extracted text."),
    url_field: Optional[str] = typer.Option(None, "--url-field", help="JSONL: the url field (default: url)."),
    passthrough: Optional[list[str]] = typer.Option(None, "--passthrough", help="JSONL: copy this input field into "
                                                    "the record (repeatable)."),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: one per core)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: skip the ids already written."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing output."),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first input that fails."),
    max_bytes: int = typer.Option(DEFAULT_LIMITS.max_bytes, "--max-bytes", help="Largest document in bytes; "
                                  "larger ones become error records (0: no limit)."),
    max_depth: int = typer.Option(DEFAULT_LIMITS.max_depth, "--max-depth", help="Deepest HTML nesting (0: no limit)."),
    timeout: float = typer.Option(DEFAULT_LIMITS.timeout, "--timeout", help="Seconds per document; a worker stuck "
                                  "past it (plus a grace) is replaced (0: no limit)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no summary."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run on this Dask cluster (tcp://HOST:PORT; "
                                            "the dask extra). Workers read the input files themselves."),
    verbose: int = VerboseOpt,
) -> None:
    """Clean articles; one record per input, in input order.

    Example: cleaner clean crawl/ -o clean.jsonl --jobs 4 --resume
    """
    verbose_logs(verbose)
    if output is not None and output_dir is not None:
        raise _usage("give -o FILE or --output-dir DIR, not both")
    if min(jobs, max_bytes, max_depth, timeout) < 0:
        raise _usage("--jobs, --max-bytes, --max-depth and --timeout take 0 or more")
    keep_fields = tuple(passthrough or ())
    clash = sorted(set(keep_fields) & set(Article.__slots__))
    if clash:
        raise _usage(f"--passthrough {clash[0]}: the record has a field of that name")
    cleaner = _cleaner(rules, keep, keep_dateline, _limits(max_bytes, max_depth, timeout))
    try:
        result = runner.run_job(
            paths, cleaner, output=output, output_dir=output_dir, fmt=format.value, input_format=input_format.value,
            fields=sources.Fields(id_field, html_field, text_field, url_field), passthrough=keep_fields, jobs=jobs,
            resume=resume, force=force, fail_fast=fail_fast, quiet=quiet, scheduler=scheduler)
    except runner.Stopped as e:
        if e.message:
            typer.echo(e.message, err=True)
        raise typer.Exit(e.code)
    except CleanerError as e:
        raise _usage(str(e)) from None
    for note in result.notes:
        typer.echo(note, err=True)
    raise typer.Exit(result.exit_code)


@app.command()
def explain(
    path: str = typer.Argument(..., help="A file, or - for stdin."),
    rules: Optional[list[Path]] = RulesOpt,
    keep: Optional[list[str]] = KeepOpt,
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour (default: on a terminal)."),
) -> None:
    """Show the input with each removal marked by category and rule id (a ``.gz`` file is
    read decompressed).

    Example: cleaner explain fixtures/seeds/004_d0e6d832860d5c34.txt
    """
    cleaner = _cleaner(rules, keep)
    try:
        data, kind = sources.one_document(path, DEFAULT_LIMITS.max_bytes)
    except CleanerError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2)
    try:
        result = cleaner.explain(data, kind=kind)
    except CleanerError as e:
        typer.echo(f"error ({e.kind}): {e}", err=True)
        raise typer.Exit(1)
    color = sys.stdout.isatty() if color is None else color

    def mark(text: str, removal) -> str:
        label = f"[{removal.category} {removal.rule}]"
        line = f"- {label} {text}"
        return typer.style(line, fg=COLORS.get(removal.category)) if color else line

    pruned = {id(r) for r in result.pruned}  # whole HTML elements: shown cut short
    for text, removal in result.blocks:
        if removal is not None and id(removal) in pruned and len(text) > 160:
            text = text[:160] + "…"
        typer.echo(f"  {text}" if removal is None else mark(text, removal))
    a = result.article
    facts = {k: v for k, v in a.to_dict().items() if k in ("title", "authors", "date", "source", "section", "dateline") and v}
    typer.echo("\n" + json.dumps(facts, ensure_ascii=False))


@app.command()
def report(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), globs, JSONL or WARC files (.gz too), "
                                      "or - for stdin: what clean takes."),
    output: Path = typer.Option(..., "-o", "--output", help="The HTML file to write (atomically)."),
    rules: Optional[list[Path]] = RulesOpt,
    keep: Optional[list[str]] = KeepOpt,
    keep_dateline: bool = typer.Option(False, "--keep-dateline", help="Leave the dateline in the body."),
    title: str = typer.Option("article-cleaner report", "--title", help="The report's heading."),
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format", help="auto, doc, jsonl or warc."),
    id_field: Optional[str] = typer.Option(None, "--id-field", help="JSONL: the id field."),
    html_field: Optional[str] = typer.Option(None, "--html-field", help="JSONL: the field holding HTML."),
    text_field: Optional[str] = typer.Option(None, "--text-field", help="JSONL: the field holding extracted text."),
    url_field: Optional[str] = typer.Option(None, "--url-field", help="JSONL: the url field."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing report."),
) -> None:
    """Write one self-contained HTML page showing every document's text with each removal
    highlighted by category, its rule and why; filters by category and rule.

    Example: cleaner report crawl/ -o report.html
    """
    from . import report as report_mod

    if output.exists() and not force:
        raise _usage(f"{output} exists; pass --force to overwrite it")
    cleaner = _cleaner(rules, keep, keep_dateline)
    stream = sources.items(paths, fields=sources.Fields(id_field, html_field, text_field, url_field),
                           fmt=input_format.value, max_bytes=cleaner.limits.max_bytes, exclude=[output])
    tally: Counter = Counter()
    page = report_mod.report_html(runner.explain_items(cleaner, stream, tally), rules=cleaner.rules, title=title)
    if not tally["documents"]:
        raise _usage("no inputs found in " + ", ".join(map(str, paths)))
    try:
        report_mod.write(page, output)
    except OSError as e:
        raise _usage(runner.write_error(e, output, resume=False)) from None
    typer.echo(f"wrote {output}: {tally['documents']} documents", err=True)
    if tally["failed"]:
        typer.echo(f"{tally['failed']} inputs failed (shown as errors in the report)", err=True)
        raise typer.Exit(1)


@rules_app.command("list")
def rules_list(rules: Optional[list[Path]] = RulesOpt) -> None:
    """List every rule and heuristic: id, category, kind, name.

    Example: cleaner rules list | grep comments
    """
    from .heuristics import HEURISTICS

    for r in load_rules(rules):
        typer.echo(f"{r.id:6} {r.category:15} {r.kind:9} {r.name}")
    for h in HEURISTICS:
        typer.echo(f"{h.id:6} {h.category or '-':15} {'heuristic':9} {h.name}")


@rules_app.command("show")
def rules_show(rule_id: str = typer.Argument(..., metavar="ID"), rules: Optional[list[Path]] = RulesOpt) -> None:
    """Show one rule: what it matches, why, its examples and look-alikes.

    Example: cleaner rules show SH001
    """
    from .heuristics import HEURISTICS

    found = load_rules(rules).by_id.get(rule_id.upper()) or next((h for h in HEURISTICS if h.id == rule_id.upper()), None)
    if found is None:
        typer.echo(f"error: no rule {rule_id!r} (see: cleaner rules list)", err=True)
        raise typer.Exit(2)
    typer.echo(found.describe())


@rules_app.command("test")
def rules_test(rules: Optional[list[Path]] = RulesOpt) -> None:
    """Run every rule's examples and keeps; fail on any miss or a rule without both.

    Example: cleaner rules test --rules my-rules/
    """
    from . import checks

    rule_set = load_rules(rules)
    failures = checks.check_all(rule_set)
    for f in failures:
        typer.echo(f, err=True)
    typer.echo(f"{len(rule_set)} rules, {sum(len(r.examples) + len(r.keeps) for r in rule_set)} examples: "
               + ("ok" if not failures else f"{len(failures)} failed"))
    if failures:
        raise typer.Exit(1)


@rules_app.command("lint")
def rules_lint(rules: Optional[list[Path]] = RulesOpt) -> None:
    """Check rule files for mistakes beyond loading: style, risky patterns, examples.

    Example: cleaner rules lint --rules my-rules/
    """
    from . import checks

    problems = checks.lint(load_rules(rules), mine=bool(rules))  # --rules: the user's rules only
    for p in problems:
        typer.echo(p)
    typer.echo(f"{len(problems)} problems")
    if problems:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record that clean writes (one JSON line per input).

    Example: cleaner schema > record.schema.json
    """
    typer.echo(json.dumps(SCHEMA, ensure_ascii=False, indent=2))


@app.command("eval")
def eval_(
    gold: Path = typer.Argument(..., help="A gold set: an aeb folder (ground-truth.json + html/), a WCXB folder "
                                "(ground-truth/ + html/), a folder of Readability test pages, or a .jsonl file of "
                                "our gold format; or a folder holding several of them (each is scored)."),
    compare: Optional[list[str]] = typer.Option(
        None, "--compare", help="Score another system beside the cleaner (repeatable): trafilatura, "
        "trafilatura-no-comments, trafilatura-precision, trafilatura-fast, input (text gold: the text before cleaning)."),
    per_page: Optional[Path] = typer.Option(None, "--per-page", help="Write one JSON line per page and system "
                                            "here: P/R/F1, metadata hits, body diffs."),
    as_json: bool = typer.Option(False, "--json", help="Print the totals as JSON instead of a table."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N pages."),
    only: Optional[str] = typer.Option(None, "--only", help="Only the pages whose id contains this."),
    rules: Optional[list[Path]] = RulesOpt,
    keep: Optional[list[str]] = KeepOpt,
) -> None:
    """Score the cleaner on a gold set: body P/R/F1, metadata hits, removals per category.

    Example: cleaner eval ../shared/benchmarks/aeb --compare trafilatura --per-page pages.jsonl
    """
    from . import evaluate

    def progress(name: str, done: int, total: int) -> None:
        sys.stderr.write(f"\r{name}: {done}/{total} pages" + ("\n" if done == total else ""))

    try:
        systems = [evaluate.cleaner_system(_cleaner(rules, keep))]
        systems += [evaluate.compare_system(name) for name in compare or ()]
        results = evaluate.evaluate_all(gold, systems, limit=limit, only=only, per_page=per_page,
                                        progress=progress if sys.stderr.isatty() else None)
    except (evaluate.GoldError, ValueError) as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2)
    if as_json:
        totals = [r.to_dict() for r in results]
        typer.echo(json.dumps(totals[0] if len(totals) == 1 else totals, ensure_ascii=False, indent=2))
    else:
        typer.echo("\n\n".join(evaluate.format_table(r) for r in results))


def main() -> None:
    """Entry point. typer reports usage errors itself (exit 2); rule-file and other
    cleaner errors become one message and exit code 2 here, never a traceback."""
    quiet_logs()  # trafilatura warns about every page it finds no text in; the record says so instead
    try:
        app()
    except CleanerError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
