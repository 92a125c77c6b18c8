"""One evaluation run: every system on every page of a gold set, scored (:func:`evaluate`; every
gold set found under a path, :func:`evaluate_all`, which ``cleaner eval`` calls), the
pages a system loses against another (:func:`losses`), the per-page lines (``--per-page``) and
the table ``cleaner eval`` prints (:func:`format_table`). A page whose system raises counts as
an empty output and is listed.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import regex

from .gold import GoldError, GoldPage, GoldSet, find_gold_sets, load_gold
from .score import (_FIELD_OF, FIELDS, LABELS, METRICS, TOKEN, CorpusScore, PageScore, WordCorpusScore, WordScore,
                    field_hit, score_corpus, score_shingles, score_words, score_words_corpus, shingles, words)
from .systems import Prediction, System

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
        tokens = TOKEN.findall(unit)
        if not tokens:
            continue
        grams = [tuple(tokens)] if len(tokens) < n else list(zip(*(tokens[i:] for i in range(n))))
        if sum(g in other for g in grams) < share * len(grams):
            out.append(unit)
    return out


def body_diff(predicted: str, gold: str) -> tuple[list[str], list[str]]:
    """(gold lines or sentences missing from the output, output lines absent from gold):
    a unit counts as present when at least half its word 4-grams occur on the other side."""
    pred_grams, gold_grams = _all_grams(TOKEN.findall(predicted or "")), _all_grams(TOKEN.findall(gold or ""))
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
            report.output_words.append(len(TOKEN.findall(pred.body or "")))
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


def evaluate_all(path: str | Path, systems: list[System], *, limit: int | None = None, only: str | None = None,
                 per_page: str | Path | None = None,
                 progress: Callable[[str, int, int], None] | None = None) -> list[Evaluation]:
    """:func:`evaluate` on every gold set :func:`~cleaner.evaluate.gold.find_gold_sets` finds at
    ``path`` (its first ``limit`` pages, those whose id contains ``only``). ``per_page``: a file
    for one JSON line per page and system; ``progress(set name, done, total)``. Raises
    :class:`~cleaner.evaluate.gold.GoldError` when the path holds no gold set or no page."""
    gold_sets = [load_gold(found, limit=limit, only=only) for found in find_gold_sets(path)]
    if not any(g.pages for g in gold_sets):
        raise GoldError(f"{path}: no pages")
    out = open(per_page, "w", encoding="utf-8") if per_page else None
    try:
        return [evaluate(g, systems, per_page=out,
                         progress=(lambda done, total, name=g.name: progress(name, done, total)) if progress else None)
                for g in gold_sets]
    finally:
        if out:
            out.close()


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
