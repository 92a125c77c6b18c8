"""Gold sets for ``cleaner eval``: their formats, found and loaded as :class:`GoldPage` records.

Score the cleaner (and, beside it, trafilatura) on a gold set: ``cleaner eval``.

Four gold formats, detected from the path (:func:`detect_format`):

``aeb``
    the article-extraction-benchmark's layout: a folder with ``ground-truth.json``
    (``{id: {"articleBody", "url"}}``) and ``html/<id>.html.gz``.
``readability``
    Mozilla Readability's test pages: a folder of folders, each with ``source.html``,
    ``expected.html`` (the article, turned into text one block a line) and
    ``expected-metadata.json`` (``title``, ``byline``, ``siteName``, ``publishedTime``, …).
``wcxb``
    the Web Content Extraction Benchmark's layout: ``ground-truth/<id>.json`` (``{"url",
    "ground_truth": {"main_content", "title", "author", "publish_date", "with": [snippets
    that must be kept], "without": [boilerplate snippets that must go]}}``) and
    ``html/<id>.html.gz``.
``jsonl``
    our own, for users' sets: one JSON object a line, ``{"id", "html" | "text", "url"?,
    "body", "title"?, "date"?, "authors"?, "source"?, "dateline"?}``; ``authors`` is a list
    of names or a byline string, ``dateline`` the dateline's text or an object with any of
    ``text``, ``place``, ``date``, ``agency``.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .score import gold_authors

FORMATS = ("aeb", "readability", "wcxb", "jsonl")


# -- gold -------------------------------------------------------------------------------
@dataclass
class GoldPage:
    """One page of a gold set: the input (``html`` or ``text``) and what should come out."""

    id: str
    body: str
    html: bytes | str | None = None
    text: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None
    authors: list[str] | str | None = None
    source: str | None = None
    dateline: str | dict | None = None
    #: WCXB's snippets: text that must be kept, boilerplate that must go
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)

    def gold(self, name: str) -> Any:
        """The gold value of a metadata field, or None when the gold does not say."""
        value = getattr(self, name)
        if name == "authors":
            names = gold_authors(value)
            return names or None
        if isinstance(value, str) and not value.strip():
            return None
        return value


@dataclass
class GoldSet:
    path: Path
    format: str
    pages: list[GoldPage]

    @property
    def name(self) -> str:
        return self.path.name


class GoldError(ValueError):
    """A gold set that cannot be read: the message names the file and what is wrong."""


def detect_format(path: str | Path) -> str:
    """``aeb``, ``readability`` or ``jsonl``, from what the path holds."""
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            return "jsonl"
        raise GoldError(f"{path}: a gold file must be JSONL (.jsonl)")
    if not path.is_dir():
        raise GoldError(f"{path}: no such file or folder")
    if (path / "ground-truth.json").is_file():
        return "aeb"
    if (path / "ground-truth").is_dir() and (path / "html").is_dir():
        return "wcxb"
    if any((d / "expected.html").is_file() and (d / "source.html").is_file() for d in path.iterdir() if d.is_dir()):
        return "readability"
    raise GoldError(f"{path}: neither ground-truth.json (aeb layout), ground-truth/ and html/ (WCXB layout), "
                    "nor page folders with source.html and expected.html (Readability layout)")


def find_gold_sets(path: str | Path, depth: int = 2) -> list[Path]:
    """The gold sets at ``path``: itself when it is one, else those in its folders (up to
    ``depth`` levels down, in name order): ``cleaner eval ../shared/benchmarks`` scores each."""
    path = Path(path)
    try:
        detect_format(path)
        return [path]
    except GoldError:
        if not path.is_dir() or depth == 0:
            raise
    found: list[Path] = []
    for child in sorted(path.iterdir()):
        if child.is_dir() or child.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                found += find_gold_sets(child, depth - 1)
            except GoldError:
                continue
    if not found:
        detect_format(path)  # raises with the message for a single set
    return found


def load_gold(path: str | Path, format: str | None = None, limit: int | None = None,
              only: str | None = None) -> GoldSet:
    """Load a gold set; ``only`` keeps the pages whose id contains it, ``limit`` the first N."""
    path = Path(path)
    format = format or detect_format(path)
    loader = {"aeb": load_aeb, "readability": load_readability, "wcxb": load_wcxb, "jsonl": load_jsonl}.get(format)
    if loader is None:
        raise GoldError(f"unknown gold format {format!r} (one of {', '.join(FORMATS)})")
    pages = loader(path, lambda id: only is None or only in id)
    return GoldSet(path, format, pages[:limit] if limit else pages)


def load_aeb(path: Path, keep: Callable[[str], bool] = lambda id: True) -> list[GoldPage]:
    try:
        truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise GoldError(f"{path / 'ground-truth.json'}: {e}") from None
    pages = []
    for id, gold in truth.items():
        if not keep(id):
            continue
        file = path / "html" / f"{id}.html.gz"
        try:
            html = gzip.decompress(file.read_bytes())
        except (OSError, EOFError) as e:
            raise GoldError(f"{file}: {e}") from None
        pages.append(GoldPage(id=id, body=gold.get("articleBody") or "", html=html, url=gold.get("url")))
    return pages


def load_readability(path: Path, keep: Callable[[str], bool] = lambda id: True) -> list[GoldPage]:
    pages = []
    for folder in sorted(d for d in path.iterdir() if d.is_dir()):
        if not (folder / "source.html").is_file() or not (folder / "expected.html").is_file() or not keep(folder.name):
            continue
        meta_file = folder / "expected-metadata.json"
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        except ValueError as e:
            raise GoldError(f"{meta_file}: {e}") from None
        pages.append(GoldPage(
            id=folder.name,
            body=html_to_text((folder / "expected.html").read_bytes()),
            html=(folder / "source.html").read_bytes(),
            title=meta.get("title"),
            date=meta.get("publishedTime"),
            authors=meta.get("byline"),
            source=meta.get("siteName"),
        ))
    return pages


def load_wcxb(path: Path, keep: Callable[[str], bool] = lambda id: True) -> list[GoldPage]:
    pages = []
    for file in sorted((path / "ground-truth").glob("*.json")):
        id = file.stem
        if not keep(id):
            continue
        try:
            rec = json.loads(file.read_text(encoding="utf-8"))
            gold = rec["ground_truth"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise GoldError(f"{file}: {e}") from None
        source = path / "html" / f"{id}.html.gz"
        try:
            html = gzip.decompress(source.read_bytes())
        except (OSError, EOFError) as e:
            raise GoldError(f"{source}: {e}") from None
        pages.append(GoldPage(
            id=id, body=gold.get("main_content") or "", html=html, url=rec.get("url"), title=gold.get("title"),
            date=gold.get("publish_date"), authors=gold.get("author"),
            with_=[s for s in gold.get("with") or () if isinstance(s, str) and s.strip()],
            without=[s for s in gold.get("without") or () if isinstance(s, str) and s.strip()],
        ))
    return pages


def load_jsonl(path: Path, keep: Callable[[str], bool] = lambda id: True) -> list[GoldPage]:
    pages, seen = [], set()
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                rec = json.loads(line)
            except ValueError as e:
                raise GoldError(f"{where}: not JSON ({e})") from None
            if not isinstance(rec, dict):
                raise GoldError(f"{where}: expected an object")
            id = str(rec.get("id") or n)
            if id in seen:
                raise GoldError(f"{where}: duplicate id {id!r}")
            seen.add(id)
            if not isinstance(rec.get("body"), str):
                raise GoldError(f"{where}: 'body' (the gold article text) is missing")
            if not isinstance(rec.get("html"), str) and not isinstance(rec.get("text"), str):
                raise GoldError(f"{where}: needs 'html' or 'text' (the input)")
            if not keep(id):
                continue
            pages.append(GoldPage(
                id=id, body=rec["body"], html=rec.get("html"), text=None if rec.get("html") else rec.get("text"),
                url=rec.get("url"), title=rec.get("title"), date=rec.get("date"), authors=rec.get("authors"),
                source=rec.get("source"), dateline=rec.get("dateline"),
            ))
    return pages


# -- HTML gold to text --------------------------------------------------------------------
_BLOCK_TAGS = frozenset("""address article aside blockquote body center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary
    table tbody thead tfoot tr ul caption""".split())
_CELL_TAGS = frozenset({"td", "th"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title"})
_SPACE = regex.compile(r"[^\S\n]+")


def html_to_text(html: bytes | str) -> str:
    """An HTML fragment's text, one line per block (paragraph, heading, list item, cell row)."""
    import lxml.html

    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    out: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments, processing instructions
            if el.tail:
                out.append(el.tail)
            return
        tag = tag.lower()
        if tag in _SKIP_TAGS:
            if el.tail:
                out.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block or tag == "br":
            out.append("\n")
        elif tag in _CELL_TAGS:
            out.append(" ")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if block:
            out.append("\n")
        elif tag in _CELL_TAGS:
            out.append(" ")
        if el.tail:
            out.append(el.tail)

    walk(root)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(out).split("\n"))
    return "\n".join(line for line in lines if line)


def iter_lines(path: Path) -> Iterator[dict]:
    """The records of a ``--per-page`` file."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
