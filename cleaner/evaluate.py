"""Score the cleaner (and, beside it, trafilatura) on a gold set: ``cleaner eval``.

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

Body: the shingle metric of :mod:`cleaner.metrics` (corpus P/R/F1, mean per-page F1, empty
outputs), and WCXB's word-bag metric beside it (mean word P/R/F1; on pages with snippets, the
share of must-keep snippets found, "with", and of boilerplate snippets leaked, "without"). Metadata, on the pages whose gold has the field: title (normalised exact:
casefold, collapsed whitespace, unified quotes and dashes), date (the same day), authors
(the same set of names), source, dateline. Removals: the cleaner's removed spans per
category. A page whose system raises counts as an empty output and is listed.

    >>> from cleaner.evaluate import norm_text, same_day
    >>> norm_text("“Quoted”  –  Title") == norm_text('"quoted" - title')
    True
    >>> same_day("2024-03-23T23:10:00+01:00", "2024-03-23")
    True
"""
from __future__ import annotations

import gzip
import json
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import regex

from .authors import clean_authors
from .dates import parse_date
from .metrics import (
    CorpusScore,
    PageScore,
    WordCorpusScore,
    WordScore,
    score_corpus,
    score_shingles,
    score_words,
    score_words_corpus,
    shingles,
    words,
)

FORMATS = ("aeb", "readability", "wcxb", "jsonl")
FIELDS = ("title", "date", "authors", "source", "dateline")
#: what is scored: the fields, and "title_nosuffix", the title with a gold site suffix ignored
METRICS = ("title", "title_nosuffix", "date", "authors", "source", "dateline")
LABELS = {"title_nosuffix": "title, suffix ignored"}
_FIELD_OF = {"title_nosuffix": "title"}


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


# -- metadata normalisation ---------------------------------------------------------------
_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"}
                        | {c: "-" for c in "‐‑‒–—―−"})
_WS = regex.compile(r"\s+")
_ISO_DAY = regex.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_EDGE = " \t\n.,;:|-"


def norm_text(value: str | None) -> str:
    """Casefold, NFKC, quotes and dashes unified, whitespace collapsed."""
    if not value:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFKC", value).translate(_QUOTES).casefold()).strip()


def norm_date(value: str | None) -> str | None:
    """The day a date names, ``YYYY-MM-DD`` (an ISO timestamp: its own calendar day)."""
    if not value:
        return None
    m = _ISO_DAY.match(value)
    if m:
        return "-".join(m.groups())
    return parse_date(value)


def _days(value: str) -> set[str]:
    """The calendar days a date may be read as: one, or for a timestamp with a zone, the days
    that instant falls on somewhere (UTC-12 to UTC+14), as sites print their local day."""
    day = norm_date(value)
    if day is None:
        return set()
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return {day}
    if when.tzinfo is None or (when.hour, when.minute) == (0, 0):
        return {day}
    utc = when.astimezone(UTC)
    return {day, (utc - timedelta(hours=12)).date().isoformat(), (utc + timedelta(hours=14)).date().isoformat()}


def same_day(predicted: str | None, gold: str | None) -> bool:
    """The predicted date names the gold day (a gold timestamp with a zone: any local day of it)."""
    if not predicted or not gold:
        return False
    day = norm_date(predicted)
    return day is not None and day in _days(gold)


def gold_authors(value: list[str] | str | None) -> list[str]:
    """Gold author names: a list as given, a byline string split as the cleaner splits them."""
    if not value:
        return []
    if isinstance(value, str):
        return clean_authors([value])[0]
    return [v for v in value if isinstance(v, str) and v.strip()]


def norm_name(name: str | None) -> str:
    """An author's name for comparison: :func:`norm_text` without dots ("John C. Welch" =
    "John C Welch") and edge punctuation."""
    return _WS.sub(" ", norm_text(name).replace(".", " ")).strip(_EDGE)


def norm_authors(names: Iterable[str] | None) -> frozenset[str]:
    return frozenset(n for n in (norm_name(x) for x in names or ()) if n)


_SUFFIX_AFTER = regex.compile(r"^\s*[|·•»_:/\-\[(~]")
_SUFFIX_BEFORE = regex.compile(r"[|·•»_:/\-\])~]\s*$")


def title_hit_loose(predicted: str | None, gold: str | None) -> bool:
    """The title matches once a site name before or after a separator is ignored on the gold
    side: gold "How to X | Site" and predicted "How to X" (the cleaner drops such suffixes)."""
    p, g = norm_text(predicted), norm_text(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if g.startswith(p) and _SUFFIX_AFTER.match(g[len(p):]):
        return True
    return g.endswith(p) and bool(_SUFFIX_BEFORE.search(g[: -len(p)]))


def _norm_dateline(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"text": norm_text(value).strip(_EDGE)}
    out = {}
    for key in ("text", "place", "date", "agency"):
        v = value.get(key) if isinstance(value, dict) else getattr(value, key, None)
        if v:
            out[key] = norm_date(v) if key == "date" else norm_text(v).strip(_EDGE)
    return out


def field_hit(name: str, predicted: Any, gold: Any) -> bool:
    """Whether a predicted metadata value matches the gold one (gold is not None)."""
    if name == "date":
        return same_day(predicted, gold)
    if name == "authors":
        return norm_authors(predicted) == norm_authors(gold if isinstance(gold, list) else gold_authors(gold))
    if name == "dateline":
        want, got = _norm_dateline(gold), _norm_dateline(predicted)
        return bool(want) and all(got.get(k) == v for k, v in want.items())
    if name == "source":
        return norm_text(predicted).strip(_EDGE) == norm_text(gold).strip(_EDGE) != ""
    if name == "title_nosuffix":
        return title_hit_loose(predicted, gold)
    return norm_text(predicted) == norm_text(gold) != ""


# -- systems -----------------------------------------------------------------------------
@dataclass
class Prediction:
    """What a system made of one page."""

    body: str = ""
    title: str | None = None
    date: str | None = None
    authors: list[str] | None = None
    source: str | None = None
    dateline: Any = None
    removed: list = field(default_factory=list)
    error: str | None = None


@dataclass
class System:
    """A named extractor: ``run(page) -> Prediction``; ``fields`` are the metadata it gives.
    ``text`` and ``html`` say which inputs it takes (the others are skipped for it)."""

    name: str
    run: Callable[[GoldPage], Prediction]
    fields: tuple[str, ...] = ()
    text: bool = False
    html: bool = True

    def takes(self, page: GoldPage) -> bool:
        return self.html if page.html is not None else self.text


def cleaner_system(cleaner=None, name: str = "article-cleaner") -> System:
    from .api import Cleaner

    cleaner = cleaner or Cleaner()

    def run(page: GoldPage) -> Prediction:
        if page.html is not None:
            a = cleaner.clean_html(page.html, url=page.url, id=page.id)
        elif not (page.text or "").strip():  # nothing to clean (an extractor gave up): empty, not an error
            return Prediction()
        else:
            a = cleaner.clean_text(page.text, url=page.url, id=page.id)
        return Prediction(body=a.body, title=a.title, date=a.date, authors=a.authors, source=a.source,
                          dateline=a.dateline, removed=a.removed)

    return System(name, run, FIELDS, text=True)


#: trafilatura settings for --compare: name -> keyword arguments of trafilatura.extract()
TRAFILATURA_SETTINGS = {
    "trafilatura": {},
    "trafilatura-no-comments": {"include_comments": False},
    "trafilatura-precision": {"favor_precision": True},
    "trafilatura-fast": {"fast": True},
}


def trafilatura_system(setting: str = "trafilatura") -> System:
    """trafilatura with the given settings: the body ``extract()`` returns (text and comments,
    as ``extract`` joins them), the title, date, author and site name of the same run."""
    import trafilatura

    kwargs = TRAFILATURA_SETTINGS[setting]

    def run(page: GoldPage) -> Prediction:
        doc = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True, **kwargs)
        if doc is None:
            return Prediction()
        body = doc.text or ""
        if getattr(doc, "comments", None):
            body = f"{body}\n{doc.comments}".strip()
        authors = [a.strip() for a in regex.split(r";", doc.author)] if doc.author else []
        return Prediction(body=unicodedata.normalize("NFC", body), title=doc.title, date=doc.date,
                          authors=[a for a in authors if a], source=doc.sitename)

    return System(setting, run, ("title", "date", "authors", "source"))


def input_system() -> System:
    """The input as given (text gold: the extractor's text before cleaning)."""

    def run(page: GoldPage) -> Prediction:
        return Prediction(body=page.text or "")

    return System("input as given", run, (), text=True, html=False)


def compare_system(name: str) -> System:
    if name in TRAFILATURA_SETTINGS:
        return trafilatura_system(name)
    if name == "input":
        return input_system()
    raise ValueError(f"unknown system {name!r} (one of {', '.join([*TRAFILATURA_SETTINGS, 'input'])})")


# -- scoring -------------------------------------------------------------------------------
_TOKEN = regex.compile(r"\w+")


_SENTENCE = regex.compile(r"(?<=[.!?…][\"'”’)]?)\s+(?=[\p{Lu}\"'“‘(\d])")


def _units(text: str) -> list[str]:
    """Lines, long ones cut into sentences: the grain of the body diffs."""
    units = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) > 300:
            units.extend(s for s in _SENTENCE.split(line) if s.strip())
        else:
            units.append(line)
    return units


def _all_grams(tokens: list[str], n: int = 4) -> set:
    grams = set(zip(*(tokens[i:] for i in range(n))))
    for k in range(1, n):
        grams.update(zip(*(tokens[i:] for i in range(k))))
    return grams


def _uncovered(text: str, other: set, n: int = 4, share: float = 0.5) -> list[str]:
    """The units of ``text`` less than ``share`` of whose n-grams occur in ``other``."""
    out = []
    for unit in _units(text):
        tokens = _TOKEN.findall(unit)
        if not tokens:
            continue
        grams = [tuple(tokens)] if len(tokens) < n else list(zip(*(tokens[i:] for i in range(n))))
        if sum(g in other for g in grams) < share * len(grams):
            out.append(unit)
    return out


def body_diff(predicted: str, gold: str) -> tuple[list[str], list[str]]:
    """(gold lines or sentences missing from the output, output lines absent from gold):
    a unit counts as present when at least half its word 4-grams occur on the other side."""
    pred_grams, gold_grams = _all_grams(_TOKEN.findall(predicted or "")), _all_grams(_TOKEN.findall(gold or ""))
    return _uncovered(gold, pred_grams), _uncovered(predicted, gold_grams)


@dataclass
class Report:
    """One system's totals over a gold set."""

    system: str
    fields: tuple[str, ...]
    scores: list[PageScore] = field(default_factory=list)
    word_scores: list[WordScore] = field(default_factory=list)
    #: per scored page: its id and how many words the output has (for :func:`losses`)
    page_ids: list[str] = field(default_factory=list)
    output_words: list[int] = field(default_factory=list)
    hits: dict[str, list[int]] = field(default_factory=dict)  # field -> [hits, pages with gold]
    removals: Counter = field(default_factory=Counter)
    errors: list[tuple[str, str]] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0

    @property
    def body(self) -> CorpusScore:
        return score_corpus(self.scores)

    @property
    def words(self) -> WordCorpusScore:
        return score_words_corpus(self.word_scores)

    @property
    def pages_per_second(self) -> float:
        return len(self.scores) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        b, w = self.body, self.words
        return {
            "system": self.system,
            "pages": b.pages,
            "skipped": self.skipped,
            "body": {"precision": b.precision, "recall": b.recall, "f1": b.f1, "mean_f1": b.mean_f1, "empty": b.empty},
            "words": {"precision": w.precision, "recall": w.recall, "f1": w.f1, "with": w.with_share,
                      "without": w.without_share},
            "metadata": {k: {"hits": h, "pages": n, "share": h / n if n else None} for k, (h, n) in self.hits.items()},
            "removals": dict(sorted(self.removals.items())),
            "errors": [{"id": i, "error": e} for i, e in self.errors],
            "seconds": self.seconds,
            "pages_per_second": self.pages_per_second,
        }


@dataclass
class Evaluation:
    gold: GoldSet
    reports: list[Report]
    scoring_seconds: float = 0.0

    def to_dict(self) -> dict:
        out = {"gold": str(self.gold.path), "format": self.gold.format, "pages": len(self.gold.pages),
               "scoring_seconds": self.scoring_seconds, "systems": [r.to_dict() for r in self.reports]}
        if len(self.reports) > 1:
            empty, behind = losses(self.reports[0], self.reports[1])
            out["lost"] = {"against": self.reports[1].system, "empty": empty, "recall_far_below": behind}
        return out


def evaluate(gold: GoldSet, systems: list[System], per_page: IO[str] | None = None,
             progress: Callable[[int, int], None] | None = None) -> Evaluation:
    """Run every system on every page and score them. The systems run interleaved page by
    page, in an order that rotates from page to page, so that machine load and warm caches
    affect them alike. ``per_page``: a text stream for one JSON line per page and system."""
    reports = [Report(s.name, s.fields) for s in systems]
    scoring = 0.0
    n = len(systems)
    for i, page in enumerate(gold.pages):
        preds: list[Prediction | None] = [None] * n
        took = [0.0] * n
        for j in [(i + k) % n for k in range(n)] if n else []:
            system, report = systems[j], reports[j]
            if not system.takes(page):
                continue
            t = time.perf_counter()
            try:
                preds[j] = system.run(page)
            except Exception as e:  # noqa: BLE001 - a page that errors counts as empty output
                preds[j] = Prediction(error=f"{type(e).__name__}: {e}")
            took[j] = time.perf_counter() - t
            report.seconds += took[j]
        t = time.perf_counter()
        gold_grams, gold_words = shingles(page.body), words(page.body)
        golds = {name: page.gold(name) for name in FIELDS}
        for system, report, pred, seconds in zip(systems, reports, preds, took):
            if pred is None:
                report.skipped += 1
                continue
            if pred.error:
                report.errors.append((page.id, pred.error))
            score = score_shingles(shingles(pred.body or ""), gold_grams)
            report.scores.append(score)
            word_score = score_words(words(pred.body or ""), gold_words, pred.body or "", page.with_, page.without)
            report.word_scores.append(word_score)
            report.page_ids.append(page.id)
            report.output_words.append(len(_TOKEN.findall(pred.body or "")))
            hits = {}
            for name in system.fields:
                if golds[name] is None:
                    continue
                for metric in (name, "title_nosuffix") if name == "title" else (name,):
                    hit = field_hit(metric, getattr(pred, name), golds[name])
                    counts = report.hits.setdefault(metric, [0, 0])
                    counts[0] += hit
                    counts[1] += 1
                    hits[metric] = hit
            for r in pred.removed:
                report.removals[r.category] += 1
            if per_page is not None:
                line = {"set": gold.name, **_page_line(page, system, pred, score, word_score, hits, golds, seconds)}
                per_page.write(json.dumps(line, ensure_ascii=False,
                                          default=_jsonable) + "\n")
        scoring += time.perf_counter() - t
        if progress:
            progress(i + 1, len(gold.pages))
    for r in reports:  # fields with gold on no page still show, as 0/0
        for name in r.fields:
            r.hits.setdefault(name, [0, 0])
        r.hits = {k: r.hits[k] for k in METRICS if k in r.hits}
    return Evaluation(gold, reports, scoring)


#: a page "lost" against another system: the output empty where the other gives at least
#: this many words, or a body recall this far below the other's on the same page
LOST_MIN_WORDS = 200
LOST_RECALL_GAP = 0.3


def losses(report: Report, other: Report) -> tuple[list[str], list[str]]:
    """(pages whose output is empty where ``other`` gives ``LOST_MIN_WORDS`` or more,
    pages whose body recall is ``LOST_RECALL_GAP`` or more below ``other``'s)."""
    theirs = {i: (s, n) for i, s, n in zip(other.page_ids, other.scores, other.output_words)}
    empty, behind = [], []
    for i, s in zip(report.page_ids, report.scores):
        if i not in theirs:
            continue
        t, n = theirs[i]
        if s.empty and n >= LOST_MIN_WORDS:
            empty.append(i)
        elif s.recall <= t.recall - LOST_RECALL_GAP:
            behind.append(i)
    return empty, behind


def _jsonable(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value):
        return asdict(value)
    return str(value)


def _page_line(page: GoldPage, system: System, pred: Prediction, score: PageScore, word_score: WordScore,
               hits: dict, golds: dict, seconds: float) -> dict:
    missing, extra = body_diff(pred.body, page.body)
    return {
        "id": page.id,
        "system": system.name,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(0.0 if score.empty else score.f1, 4),
        "empty": score.empty,
        "word_f1": round(word_score.f1, 4),
        "with": list(word_score.with_) if word_score.with_[1] else None,
        "without": list(word_score.without) if word_score.without[1] else None,
        "error": pred.error,
        "metadata": {name: {"hit": hit, "predicted": getattr(pred, _FIELD_OF.get(name, name)),
                            "gold": golds[_FIELD_OF.get(name, name)]} for name, hit in hits.items()},
        "missing": missing,
        "extra": extra,
        "removed": Counter(r.category for r in pred.removed) if pred.removed else {},
        "seconds": round(seconds, 4),
    }


# -- output ---------------------------------------------------------------------------------
def format_table(ev: Evaluation) -> str:
    """The readable report: systems side by side."""
    reports = ev.reports
    width = max(16, *(len(r.system) + 2 for r in reports))
    head = f"{'':24}" + "".join(f"{r.system:>{width}}" for r in reports)
    lines = [f"gold: {ev.gold.path} ({ev.gold.format}, {len(ev.gold.pages)} pages)", "", head, "body"]

    def row(label: str, cells: Iterable[str]) -> None:
        lines.append(f"  {label:22}" + "".join(f"{c:>{width}}" for c in cells))

    bodies = [r.body for r in reports]
    row("F1", (f"{b.f1:.3f}" for b in bodies))
    row("precision", (f"{b.precision:.3f}" for b in bodies))
    row("recall", (f"{b.recall:.3f}" for b in bodies))
    row("mean page F1", (f"{b.mean_f1:.3f}" for b in bodies))
    row("empty outputs", (f"{b.empty}/{b.pages}" for b in bodies))
    lines.append("words (WCXB's metric: means of page word-bag scores)")
    bags = [r.words for r in reports]
    row("F1", (f"{w.f1:.3f}" for w in bags))
    row("precision", (f"{w.precision:.3f}" for w in bags))
    row("recall", (f"{w.recall:.3f}" for w in bags))
    if any(w.with_share is not None for w in bags):
        row("with, kept (↑)", (f"{100 * w.with_share:.1f}%" if w.with_share is not None else "-" for w in bags))
    if any(w.without_share is not None for w in bags):
        row("without, leaked (↓)", (f"{100 * w.without_share:.1f}%" if w.without_share is not None else "-"
                                           for w in bags))
    if any(r.skipped for r in reports):
        row("skipped (input kind)", (str(r.skipped) for r in reports))
    names = [k for k in METRICS if any(r.hits.get(k, [0, 0])[1] for r in reports)]
    if names:
        lines.append("metadata (pages whose gold has the field)")
        for name in names:
            row(LABELS.get(name, name), (_hits(r.hits.get(name)) for r in reports))
    cats = sorted({c for r in reports for c in r.removals})
    if cats:
        lines.append("removed spans per category")
        for c in cats:
            row(c, (str(r.removals.get(c, 0)) if r.removals else "-" for r in reports))
    lines.append("time")
    row("seconds", (f"{r.seconds:.1f}" for r in reports))
    row("pages/s", (f"{r.pages_per_second:.1f}" for r in reports))
    lines.append(f"  {'scoring (all systems)':22}{ev.scoring_seconds:>{width}.1f}")
    if len(reports) > 1:
        lines.append(f"pages lost against {reports[1].system} (empty where it has {LOST_MIN_WORDS}+ words; "
                     f"recall {LOST_RECALL_GAP}+ below)")
        empty, behind = losses(reports[0], reports[1])
        row("empty", [str(len(empty))])
        row("recall far below", [str(len(behind))])
        for i in (empty + behind)[:12]:
            lines.append(f"    {i}")
    for r in reports:
        if r.errors:
            ids = ", ".join(i for i, _ in r.errors[:20]) + (" …" if len(r.errors) > 20 else "")
            lines.append(f"errors ({r.system}, {len(r.errors)}, counted as empty): {ids}; first: {r.errors[0][1][:200]}")
    return "\n".join(lines)


def _hits(counts: list[int] | None) -> str:
    if not counts:
        return "-"
    k, n = counts
    return f"{k}/{n} {100 * k / n:.0f}%" if n else "0/0"


def iter_lines(path: Path) -> Iterator[dict]:
    """The records of a ``--per-page`` file."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
