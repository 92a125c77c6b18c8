"""H017 tail-menu (``cleaner/heuristics/h017_tail_menu.py``): After the article's last paragraph, a run
of short labels (the footer's menus: sections, 'Privacy Policy', 'Terms of Use') is the site's
navigation."""
from __future__ import annotations

from cases import PROSE, PROSE2, rules_of

from cleaner import Cleaner, clean_text


def test_h017_a_menu_after_the_last_paragraph():
    footer = "\n".join(["News", "Sports", "Opinion", "Privacy Policy", "Terms of Use", "Contact Us", "Site Map"])
    a = clean_text(f"{PROSE}\n{PROSE2}\n{footer}")
    assert "Terms of Use" not in a.body and "Site Map" not in a.body and ("navigation", "H017") in rules_of(a)
    names = "\n".join(["Ana Lima", "Ben Okafor", "Chen Wei", "Dara Nolan", "Eli Stone"])  # too short a run
    assert "Chen Wei" in clean_text(f"{PROSE}\n{PROSE2}\n{names}").body
    assert "Opinion" in Cleaner(keep=["H017"]).clean_text(f"{PROSE}\n{PROSE2}\n{footer}").body  # rules take the rest
