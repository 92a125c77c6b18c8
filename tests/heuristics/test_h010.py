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
