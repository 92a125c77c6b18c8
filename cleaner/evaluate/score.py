"""The scores of ``cleaner eval``: the body metrics (the shingle metric of ../shared/README.md:
corpus precision, recall and F1 of 4-word shingles, mean per-page F1, empty outputs; and
WCXB's word-bag metric beside it: word P/R/F1, and on pages with snippets the share of
must-keep snippets found, "with", and of boilerplate snippets leaked, "without"), and the
metadata fields' comparison (title normalised exact, date the same day, authors the same set
of names, source, dateline).

    >>> from cleaner.evaluate import norm_text, same_day
    >>> norm_text("“Quoted”  –  Title") == norm_text('"quoted" - title')
    True
    >>> same_day("2024-03-23T23:10:00+01:00", "2024-03-23")
    True
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import regex

from ..authors import clean_authors
from ..dates import parse_date

TOKEN = regex.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(zip(*(tokens[i:] for i in range(n))))


@dataclass(frozen=True)
class PageScore:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return 1.0 if self.fp == 0 and self.fn == 0 else (self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0)

    @property
    def recall(self) -> float:
        return 1.0 if self.fp == 0 and self.fn == 0 else (self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def empty(self) -> bool:
        return self.tp + self.fp == 0


def score_page(predicted: str, truth: str) -> PageScore:
    return score_shingles(shingles(predicted), shingles(truth))


def score_shingles(pred: Counter, gold: Counter) -> PageScore:
    """:func:`score_page` for shingles counted already (a gold page scored against many systems)."""
    tp = sum((pred & gold).values())
    return PageScore(tp=tp, fp=sum(pred.values()) - tp, fn=sum(gold.values()) - tp)


@dataclass(frozen=True)
class CorpusScore:
    precision: float
    recall: float
    f1: float
    mean_f1: float
    pages: int
    empty: int


def score_corpus(pages: Iterable[PageScore]) -> CorpusScore:
    pages = list(pages)
    if not pages:
        return CorpusScore(0.0, 0.0, 0.0, 0.0, 0, 0)
    nonempty = [p for p in pages if not p.empty]
    precision = sum(p.precision for p in nonempty) / len(nonempty) if nonempty else 0.0
    recall = sum(p.recall for p in pages) / len(pages)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    mean_f1 = sum(0.0 if p.empty else p.f1 for p in pages) / len(pages)
    return CorpusScore(precision, recall, f1, mean_f1, len(pages), len(pages) - len(nonempty))


# -- WCXB's metric ----------------------------------------------------------------------------
_SPACES = regex.compile(r"\s+")


def words(text: str) -> Counter[str]:
    """WCXB's tokens: the lowercased ``\\w+`` matches, as a multiset."""
    return Counter(TOKEN.findall((text or "").lower()))


@dataclass(frozen=True)
class WordScore:
    """WCXB's word-bag score of one page; ``with_``/``without``: (snippets found, snippets
    given) for the must-keep and the boilerplate snippets (0 given: the page has none)."""

    precision: float
    recall: float
    f1: float
    with_: tuple[int, int] = (0, 0)
    without: tuple[int, int] = (0, 0)


def score_words(pred: Counter, gold: Counter, text: str = "", with_: Iterable[str] = (),
                without: Iterable[str] = ()) -> WordScore:
    """P = shared tokens / predicted, R = shared / gold, F1 their harmonic mean (an empty
    prediction scores 0); a snippet is found when it occurs in ``text``, case and runs of
    white space ignored."""
    shared = sum((pred & gold).values())
    n_pred, n_gold = sum(pred.values()), sum(gold.values())
    p = shared / n_pred if n_pred else 0.0
    r = shared / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    hay = _SPACES.sub(" ", text.casefold())

    def found(snippets: Iterable[str]) -> tuple[int, int]:
        snippets = [_SPACES.sub(" ", s.casefold()).strip() for s in snippets]
        snippets = [s for s in snippets if s]
        return sum(s in hay for s in snippets), len(snippets)

    return WordScore(p, r, f1, found(with_), found(without))


@dataclass(frozen=True)
class WordCorpusScore:
    """Means over pages (the snippet shares over the pages that have snippets)."""

    precision: float
    recall: float
    f1: float
    with_share: float | None
    without_share: float | None


def score_words_corpus(pages: Iterable[WordScore]) -> WordCorpusScore:
    pages = list(pages)
    n = len(pages) or 1

    def share(pairs: list[tuple[int, int]]) -> float | None:
        pairs = [(k, m) for k, m in pairs if m]
        return sum(k / m for k, m in pairs) / len(pairs) if pairs else None

    return WordCorpusScore(sum(p.precision for p in pages) / n, sum(p.recall for p in pages) / n,
                           sum(p.f1 for p in pages) / n, share([p.with_ for p in pages]),
                           share([p.without for p in pages]))


FIELDS = ("title", "date", "authors", "source", "dateline")
#: what is scored: the fields, and "title_nosuffix", the title with a gold site suffix ignored
METRICS = ("title", "title_nosuffix", "date", "authors", "source", "dateline")
LABELS = {"title_nosuffix": "title, suffix ignored"}
_FIELD_OF = {"title_nosuffix": "title"}
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
