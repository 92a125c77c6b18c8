"""The body metric of the article-extraction-benchmark (see ``../shared/README.md``).

Tokens are ``\\w+`` matches (Unicode, case kept); shingles are the multiset of word
4-grams (a text of 1 to 3 tokens gives one shorter shingle, an empty text none).
Per page P = TP/(TP+FP), R = TP/(TP+FN), both 1 when FP = FN = 0. Corpus precision is
the mean per-page P over pages with a non-empty prediction, recall the mean per-page R
over all pages, F1 their harmonic mean; the mean per-page F1 counts empty outputs as 0.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import regex

_TOKEN = regex.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
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
    return Counter(_TOKEN.findall((text or "").lower()))


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
