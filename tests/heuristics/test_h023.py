"""H023 unheaded-comment-thread (``cleaner/heuristics/h023_comment_thread.py``): Text from another
extractor that ends in reader comments with no heading above them: from the first of three or more
lines that talk to the author ('Great post!', 'Thanks for sharing', 'Hi Jane,') on, after most of
the text, the rest is the thread."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import Cleaner, clean_text


def test_h023_a_comment_thread_without_heading_goes():
    thread = ["Great post! I tried the spillway walk last weekend and it was lovely.", "Hi Maria,",
              "Glad you enjoyed the post! The north path is open again too.", "Thanks for sharing this, very useful."]
    text = "\n\n".join([PROSE, PROSE2, PROSE, *thread])
    a = clean_text(text)
    assert ("comments", "H023") in rules_of(a) and "spillway walk" not in a.body and "north path" not in a.body
    assert a.body.count(PROSE) == 2 and PROSE2 in a.body
    assert "spillway walk" in Cleaner(keep=("H023",)).clean_text(text).body
    # two such lines are not a thread; nor are lines that open the text
    assert "spillway walk" in clean_text("\n\n".join([PROSE, PROSE2, PROSE, *thread[:2]])).body
    opening = "\n\n".join([*thread, PROSE, PROSE2])
    assert "spillway walk" in clean_text(opening).body


def test_h023_the_opening_gate_lets_through_every_line_the_pattern_matches():
    """``_OPENINGS`` turns lines away by their first two characters before ``_COMMENT_LINE`` is
    searched: every word of the pattern, opening a line in three cases and followed by what its
    branches take, is still searched when it matches; lines that open otherwise are not."""
    import itertools

    import regex

    from cleaner.heuristics.h023_comment_thread import _COMMENT_LINE, _may_open_comment

    words = set(regex.findall(r"[a-z]+", _COMMENT_LINE.pattern.lower()))
    tails = ["", ",", " there,", " Jane,", " great post", " an awesome read", " a lot for sharing", " for sharing",
             " you enjoyed it", " agree", " said", "’t agree more", ": the plan (score: 4)", " post", " with you"]
    matched = 0
    for word, tail in itertools.product(sorted(words), tails):
        for line in (word + tail, word.capitalize() + tail, word.upper() + tail):
            if _COMMENT_LINE.match(line):
                matched += 1
                assert _may_open_comment(line), line
    assert matched > 100
    assert not _may_open_comment("Mostly sunny, highs near 70.") and not _may_open_comment("2024 results")
    assert _may_open_comment("ſo glad you enjoyed it")  # (beyond ASCII: searched)
