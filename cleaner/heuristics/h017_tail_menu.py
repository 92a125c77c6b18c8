"""H017 tail-menu.
"""
from __future__ import annotations



from .h015_head_menu import menu_runs
from ..page import Page
from . import Context



def tail_menu(page: Page) -> None:
    """H017: ``MENU_RUN`` or more short labels in a row after the last kept paragraph of
    prose (a whole-page text dump ends with the footer's menus)."""
    last = page.last_prose()
    if last is not None:
        menu_runs(page, page.blocks[last + 1 :], "H017")


def run(page: Page, context: Context) -> None:
    """H017 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    tail_menu(page)
