"""H011 author-bio: a closing line that starts with the author's name is the author's bio.

What it does: among the last ``BIO_LAST_BLOCKS`` lines kept, one of at most
``BIO_MAX_CHARS`` that starts with an author's name and goes on like a bio ("covers",
"is a reporter", "joined") is removed as metadata.

Why it is boilerplate: the author box under the article ("Jane Doe covers transport for
The Gazette. She joined in 2019.") is about the writer, not the story.

Example: "By Jane Doe" / the article / "Jane Doe covers transport for The Gazette."
→ the last line removed as metadata.

Known gaps: a bio that does not start with the name ("Our transport reporter, Jane …") stays.
"""
from __future__ import annotations

import regex

from ..authors import authors_of
from ..page import Page
from . import Context

_BIO_VERB = regex.compile(
    r"\s+(?:is|was|covers|reports|writes|has|joined|edits|contributed|can be reached|previously)\b", regex.IGNORECASE
)
#: a bio is one of the last few blocks, and short
BIO_LAST_BLOCKS, BIO_MAX_CHARS = 4, 600


def author_bio(page: Page, authors: list[str]) -> None:
    """H011: "Jane Doe covers transport for The Gazette. She joined in 2019." at the end."""
    if not authors:
        return
    kept = [b for b in page.blocks if b.kept][-BIO_LAST_BLOCKS:]
    for block in kept:
        if len(block.text) > BIO_MAX_CHARS:
            continue
        for name in authors:
            if block.text.startswith(name) and _BIO_VERB.match(block.text, len(name)):
                page.remove(block, "metadata", "H011")
                break


def run(page: Page, context: Context) -> None:
    """H011 in the text stage (:data:`cleaner.pipeline.TEXT_HEURISTICS`)."""
    author_bio(page, authors_of(page))
