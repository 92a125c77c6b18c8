"""H009 byline-authors (``cleaner/authors.py``): Names from byline lines become authors; generic
accounts (admin, staff, editor, desk) do not."""
from __future__ import annotations

from cases import PROSE

from cleaner import clean_text
from cleaner.authors import clean_authors


def test_h009_generic_accounts_are_not_authors():
    assert clean_authors(["by admin"]) == ([], [])
    assert clean_authors(["By Jane Doe and John Roe, Reuters"]) == (["Jane Doe", "John Roe"], ["Reuters"])
    assert clean_authors(["Staff Writer"]) == ([], [])
    a = clean_text(f"Reservoirs recover after wet spring\nBy admin\n{PROSE}")
    assert a.authors == [] and "By admin" not in a.body
