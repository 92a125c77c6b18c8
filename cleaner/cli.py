"""The ``cleaner`` command: a thin typer layer over the library.

Exit codes: 0 all inputs cleaned, 1 some inputs failed (their error records are
written), 2 usage or rule errors.
"""
from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer

from . import checks
from .errors import CleanerError, InputError
from .heuristics import HEURISTICS
from .pipeline import Cleaner
from .record import Article
from .rules import load_rules

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Clean news articles (HTML pages or extracted text): boilerplate out, metadata in.",
)
rules_app = typer.Typer(no_args_is_help=True, help="List, show, test and lint the rules.")
app.add_typer(rules_app, name="rules")

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".md", ".text"}

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


def _cleaner(rules: Optional[list[Path]], keep: Optional[list[str]], keep_dateline: bool = False) -> Cleaner:
    return Cleaner(rules=rules or None, keep=keep or (), keep_dateline=keep_dateline)


def inputs(paths: list[str]) -> Iterator[tuple[str, str | None, Path | None]]:
    """(id, kind, path) for every input: files, folders (recursive) and ``-`` (stdin)."""
    for given in paths:
        if given == "-":
            yield "-", None, None
            continue
        path = Path(given)
        if path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                kind = _kind(f)
                if kind is not None:
                    yield str(f), kind, f
        else:
            yield given, _kind(path), path


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else None


def clean_one(cleaner: Cleaner, id: str, kind: str | None, path: Path | None) -> Article:
    try:
        if path is None:
            data = sys.stdin.buffer.read()
        else:
            try:
                data = path.read_bytes()
            except OSError as e:
                raise InputError(f"cannot read {id}: {e.strerror or e}") from None
        if kind == "html":
            return cleaner.clean_html(data, id=id)
        if kind == "text":
            return cleaner.clean_text(data, id=id)
        return cleaner.clean(data, id=id)
    except CleanerError as e:
        return Article.failed(e, id=id)


def render(article: Article, fmt: Format) -> str:
    if fmt in (Format.jsonl, Format.json):
        return json.dumps(article.to_dict(), ensure_ascii=False)
    if article.error:
        return f"error ({article.error['type']}): {article.error['message']}"
    if fmt is Format.markdown:
        facts = " · ".join(x for x in (article.source, article.date, ", ".join(article.authors)) if x)
        head = (f"# {article.title}\n\n" if article.title else "") + (f"*{facts}*\n\n" if facts else "")
        return head + article.body
    return (f"{article.title}\n\n" if article.title else "") + article.body


@app.command()
def clean(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive) or - for stdin."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
    format: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format."),
    rules: Optional[list[Path]] = RulesOpt,
    keep: Optional[list[str]] = KeepOpt,
    keep_dateline: bool = typer.Option(False, "--keep-dateline", help="Leave the dateline in the body."),
) -> None:
    """Clean articles; one record per input.

    Example: cleaner clean fixtures/seeds --format jsonl -o cleaned.jsonl
    """
    cleaner = _cleaner(rules, keep, keep_dateline)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = 0
    try:
        items = list(inputs(paths))
        records = []
        for id, kind, path in items:
            article = clean_one(cleaner, id, kind, path)
            failed += article.error is not None
            if format is Format.json:
                records.append(article.to_dict())
                continue
            if format in (Format.text, Format.markdown) and len(items) > 1:
                out.write(f"==> {id} <==\n")
            out.write(render(article, format) + "\n")
            if format in (Format.text, Format.markdown) and len(items) > 1:
                out.write("\n")
        if format is Format.json:
            out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    finally:
        if output:
            out.close()
    if failed:
        typer.echo(f"{failed} of {len(items)} inputs failed (see their error records)", err=True)
        raise typer.Exit(1)


@app.command()
def explain(
    path: str = typer.Argument(..., help="A file, or - for stdin."),
    rules: Optional[list[Path]] = RulesOpt,
    keep: Optional[list[str]] = KeepOpt,
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour (default: on a terminal)."),
) -> None:
    """Show the input with each removal marked by category and rule id.

    Example: cleaner explain fixtures/seeds/004_d0e6d832860d5c34.txt
    """
    cleaner = _cleaner(rules, keep)
    id, kind, p = next(inputs([path]))
    data = sys.stdin.buffer.read() if p is None else _read(p)
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

    for removal in result.pruned:
        typer.echo(mark(removal.text[:160] + ("…" if len(removal.text) > 160 else ""), removal))
    for text, removal in result.blocks:
        typer.echo(f"  {text}" if removal is None else mark(text, removal))
    a = result.article
    facts = {k: v for k, v in a.to_dict().items() if k in ("title", "authors", "date", "source", "section", "dateline") and v}
    typer.echo("\n" + json.dumps(facts, ensure_ascii=False))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        typer.echo(f"error: cannot read {path}: {e.strerror or e}", err=True)
        raise typer.Exit(2)


@rules_app.command("list")
def rules_list(rules: Optional[list[Path]] = RulesOpt) -> None:
    """List every rule and heuristic: id, category, kind, name.

    Example: cleaner rules list | grep comments
    """
    for r in load_rules(rules):
        typer.echo(f"{r.id:6} {r.category:15} {r.kind:9} {r.name}")
    for h in HEURISTICS:
        typer.echo(f"{h.id:6} {h.category:15} {'heuristic':9} {h.name}")


@rules_app.command("show")
def rules_show(rule_id: str = typer.Argument(..., metavar="ID"), rules: Optional[list[Path]] = RulesOpt) -> None:
    """Show one rule: what it matches, why, its examples and look-alikes.

    Example: cleaner rules show SH001
    """
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
    problems = checks.lint(load_rules(rules))
    for p in problems:
        typer.echo(p)
    typer.echo(f"{len(problems)} problems")
    if problems:
        raise typer.Exit(1)


def main() -> None:
    """Entry point. typer reports usage errors itself (exit 2); rule-file and other
    cleaner errors become one message and exit code 2 here, never a traceback."""
    # trafilatura warns about every page it finds no text in; the record says so instead
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        app()
    except CleanerError as e:
        typer.echo(f"error: {e}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
