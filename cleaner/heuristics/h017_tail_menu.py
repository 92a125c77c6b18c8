"""H017 tail-menu: after the article's last paragraph, a run of short labels is the footer's menus.

What it does: ``MENU_RUN`` or more short labels in a row after the last kept paragraph of
prose are removed as navigation (with H015's :func:`~cleaner.heuristics.h015_head_menu.menu_runs`).

Why it is boilerplate: whole-page text dumps end with the footer ("About us / Contact /
Privacy Policy / Terms of Use / Careers / Advertise").

Example: "News" / "Sports" / "Opinion" / "Privacy Policy" / "Terms of Use" /
"Contact Us" / "Site Map" after the last paragraph → removed.

Known gaps: as H015's.
"""
from __future__ import annotations

from ..page import Page
from . import Context
from .h015_head_menu import menu_runs


def tail_menu(page: Page) -> None:
    """H017: ``MENU_RUN`` or more short labels in a row after the last kept paragraph of
    prose (a whole-page text dump ends with the footer's menus)."""
    last = page.last_prose()
    if last is not None:
        menu_runs(page, page.blocks[last + 1 :], "H017")


def run(page: Page, context: Context) -> None:
    """H017 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    tail_menu(page)
