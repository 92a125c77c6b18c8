"""H003 repeated-title, H004 breadcrumb-title, H006 section-label
(``cleaner/heuristics/h003_head_title.py``): the headline, the breadcrumb and the section label at
the head of the text."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import clean_html, clean_text


def test_h003_repeated_title_leaves_body_and_becomes_title():
    a = clean_text(f"Reservoirs Recover After Wet Spring\n\nReservoirs Recover After Wet Spring\n\n{PROSE}\n\n{PROSE2}")
    assert a.title == "Reservoirs Recover After Wet Spring"
    assert "Reservoirs Recover" not in a.body
    assert ("metadata", "H003") in rules_of(a)


def test_h003_first_line_prose_is_not_a_title():
    a = clean_text(f"{PROSE}\n{PROSE2}")
    assert a.title is None and PROSE in a.body


def test_the_title_element_beats_an_h1_it_does_not_contain():
    html = (f"<html><head><title>Reservoirs recover after a wet spring | Valley Gazette</title></head><body>"
            f"<h1>Plan your next trip with us!</h1><article><p>{PROSE}</p><p>{PROSE2}</p></article></body></html>")
    assert clean_html(html).title == "Reservoirs recover after a wet spring"


def test_h003_the_visible_headline_reworded_from_the_page_title():
    def page(h1: str, og: str) -> str:
        return (f'<html><head><meta property="og:title" content="{og}"></head><body><article><h1>{h1}</h1>'
                f'<p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE} {PROSE2}</p></article></body></html>')

    # the same words reordered, or the title cut short in the metadata: the headline goes
    a = clean_html(page("Valley reservoirs: levels recover after wet spring",
                        "Reservoir levels recover in the valley after wet spring"))
    assert "Valley reservoirs" not in a.body and ("metadata", "H003") in rules_of(a)
    a = clean_html(page("Reservoir levels recover across the valley after the wettest spring in a decade",
                        "Reservoir levels recover across the valley after the wettest spring"))
    assert "wettest spring in a decade" not in a.body
    # a head line sharing a few words with the title stays
    a = clean_html(page("CLICK FOR ALL RESERVOIR LEVELS", "Valley reservoir levels in 2024"))
    assert "CLICK FOR ALL RESERVOIR LEVELS" in a.body


def test_h003_below_a_label_a_sentence_is_not_the_title():
    a = clean_text(f"Weather\nThe valley has never seen a spring as wet as this one!\n{PROSE}\n{PROSE2}")
    assert a.title is None and "never seen a spring" in a.body
    a = clean_text(f"Weather\nReservoirs Recover After Wet Spring\n{PROSE}\n{PROSE2}")
    assert a.title == "Reservoirs Recover After Wet Spring"


def test_h003_not_a_headline_finds_what_the_plain_pattern_did():
    """``_NOT_A_HEADLINE`` looks behind for the two lowercase letters before a sentence's end
    (a quicker search): it finds a match exactly where the pattern that reads them first did;
    ``_last_crumb`` turns away a line with no separator as splitting it did; and a line with no
    ":" is date-like by ``_NUMERIC`` exactly when by ``_DATE_LIKE``."""
    import random

    import regex

    from cleaner.heuristics.h003_head_title import _BREADCRUMB_SEP, _DATE_LIKE, _NOT_A_HEADLINE, _NUMERIC, _last_crumb
    from cleaner.text import squash

    plain = regex.compile(r"\p{Ll}{2}[.!?]\s+\p{Lu}|[:;,.]\s*$|https?://|www\.|(?<!\w)#\w|[$€£]\s?\d[\d.,]*\s*$")
    rng = random.Random(7)
    chars = "aAbZéÉ.!? \n\t:;,#$€£1w/h»>|→"
    for _ in range(50_000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 10)))
        assert bool(_NOT_A_HEADLINE.search(text)) == bool(plain.search(text)), repr(text)
        date = "".join(rng.choice("12 09:/.-,a\n") for _ in range(rng.randint(0, 12)))
        assert bool(_DATE_LIKE.search(date)) == bool(_DATE_LIKE.search(date) if ":" in date else _NUMERIC.match(date))
        parts = [p for p in _BREADCRUMB_SEP.split(squash(text)) if p]
        split = parts[-1] if len(parts) >= 2 and len(parts[0].split()) <= 3 and _BREADCRUMB_SEP.search(text) else None
        assert _last_crumb(text) == split, repr(text)
