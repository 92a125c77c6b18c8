"""``cleaner eval``: score the cleaner (and, beside it, trafilatura) on gold sets.

The package reads in the order of a run: :mod:`~cleaner.evaluate.gold` finds and loads a gold
set (aeb, Readability, WCXB, or a JSONL file of one's own); :mod:`~cleaner.evaluate.score` holds
the metrics (the shingle metric of ../shared/README.md, WCXB's word-bag metric, the metadata
fields' comparison); :mod:`~cleaner.evaluate.systems` the systems scored (the cleaner,
trafilatura's settings, the input); :mod:`~cleaner.evaluate.report` runs them over the pages and
prints the table. The names below are the package's public API.
"""
from .gold import (FORMATS, GoldError, GoldPage, GoldSet, detect_format, find_gold_sets, html_to_text, iter_lines,
                   load_aeb, load_gold, load_jsonl, load_readability, load_wcxb)
from .report import Evaluation, Report, body_diff, evaluate, evaluate_all, format_table, losses
from .score import (FIELDS, LABELS, METRICS, CorpusScore, PageScore, WordCorpusScore, WordScore, field_hit,
                    gold_authors, norm_authors, norm_date, norm_name, norm_text, same_day, score_corpus, score_page,
                    score_shingles, score_words, score_words_corpus, shingles, title_hit_loose, words)
from .systems import (TRAFILATURA_SETTINGS, Prediction, System, cleaner_system, compare_system, input_system,
                      trafilatura_system)

__all__ = [
    "FIELDS", "FORMATS", "LABELS", "METRICS", "TRAFILATURA_SETTINGS", "CorpusScore", "Evaluation", "GoldError", "GoldPage",
    "GoldSet", "PageScore", "Prediction", "Report", "System", "WordCorpusScore", "WordScore", "body_diff",
    "cleaner_system", "compare_system", "detect_format", "evaluate", "evaluate_all", "field_hit", "find_gold_sets", "format_table",
    "gold_authors", "html_to_text", "input_system", "iter_lines", "load_aeb", "load_gold", "load_jsonl",
    "load_readability", "load_wcxb", "losses", "norm_authors", "norm_date", "norm_name", "norm_text", "same_day",
    "score_corpus", "score_page", "score_shingles", "score_words", "score_words_corpus", "shingles",
    "title_hit_loose", "trafilatura_system", "words",
]
