"""The benchmark metric of ../shared/README.md, on hand-computed cases."""
from __future__ import annotations

import pytest

from cleaner.evaluate import score_corpus, score_page, shingles


def test_shingles_are_word_4grams_with_case_kept():
    assert shingles("The cat sat on the mat") == {("The", "cat", "sat", "on"): 1, ("cat", "sat", "on", "the"): 1,
                                                   ("sat", "on", "the", "mat"): 1}
    assert shingles("Two words") == {("Two", "words"): 1}
    assert shingles("  ") == {}


def test_page_scores():
    s = score_page("a b c d e", "a b c d")
    assert (s.tp, s.fp, s.fn) == (1, 1, 0) and s.precision == 0.5 and s.recall == 1.0
    assert score_page("", "").precision == 1.0 and score_page("", "").recall == 1.0
    assert score_page("", "a b c d").recall == 0.0


def test_corpus_precision_skips_empty_predictions_but_mean_f1_counts_them():
    pages = [score_page("a b c d", "a b c d"), score_page("", "e f g h")]
    s = score_corpus(pages)
    assert s.precision == 1.0 and s.recall == 0.5 and s.empty == 1
    assert s.f1 == pytest.approx(2 / 3) and s.mean_f1 == 0.5
