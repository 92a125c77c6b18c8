"""H010 form-box (``cleaner/heuristics/h010_form_box.py``): A form asking for an e-mail address is a
sign-up box (with a text area, a comment form); it goes with its small box."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import clean_html


def test_h010_signup_form_box_goes_with_its_heading():
    html = f"""<!DOCTYPE html><html><head><title>Dams hold</title></head><body><article>
        <p>{PROSE}</p><div class="box-7f3a"><h3>The Valley Morning</h3><p>Our free daily briefing.</p>
        <form><input type="email" placeholder="Your email"><button>Sign up</button></form></div>
        <p>{PROSE2}</p><p>{PROSE}</p></article></body></html>"""
    a = clean_html(html)
    assert "The Valley Morning" not in a.body and PROSE2 in a.body
    assert ("newsletter", "H010") in rules_of(a)


def test_h010_leaves_story_text_beside_a_form_alone():
    html = f"""<!DOCTYPE html><html><head><title>Dams hold</title></head><body><article>
        <div><p>{PROSE}</p><form><input type="email"><button>Sign up</button></form></div>
        <p>{PROSE2}</p></article></body></html>"""
    assert PROSE in clean_html(html).body


def test_h010_reads_a_box_s_text_only_as_far_as_its_length_is_sure():
    """Whether a form's parent is too long for a box is answered as the whole squashed text
    would answer it (on random markup of words, runs of spaces and nested inline tags), and
    on a parent of a thousand paragraphs before the first of them has all been read through."""
    import random

    from lxml.html import fromstring

    from cleaner.heuristics.h010_form_box import _longer_than
    from cleaner.text import squash

    rng = random.Random(1)
    bits = ["a", "bb ", "  ", "\n", "<b>x</b>", "<i> y </i>", "<p>word word</p>", "  <span>   </span> "]
    for _ in range(2000):
        html = "<div>" + "".join(rng.choice(bits) for _ in range(rng.randint(0, 40))) + "</div>"
        el = fromstring(f"<html><body>{html}</body></html>").find(".//div")
        for limit in (0, 1, 3, 7, 20, 50):
            assert _longer_than(el, limit) == (len(squash(el.text_content())) > limit), (html, limit)

    class Box:  # an element's text as itertext gives it, each piece read counted
        def __init__(self, pieces):
            self.pieces, self.read = pieces, 0

        def itertext(self):
            for piece in self.pieces:
                self.read += 1
                yield piece

    body = fromstring("<html><body>" + f"<p>{PROSE}</p>" * 1000 + "</body></html>").find("body")
    box = Box(list(body.itertext()))
    assert _longer_than(box, 600) and box.read <= 2 * 600 // len(PROSE) + 2
