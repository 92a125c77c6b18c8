"""Read stage: who wrote it (H009 byline-authors). Byline strings become author names; generic
accounts, hosts and dates do not, and wire agencies met on the way are handed back for the source.
The HTML metadata stage (:mod:`cleaner.htmlmeta`), the author bio heuristic (H011) and the
record's fields (:mod:`cleaner.metadata`) all use it.

What it does: each byline string is split on "and", "&", commas, semicolons and bars;
"By" and a trailing job title ("Games Editor") are stripped, degrees ("PhD"), date words and parts
holding a year are dropped, and what is left is kept when it is shaped like a name. A wire agency
("Reuters") goes to the agencies :func:`clean_authors` returns, not to the authors.

Why it is needed: sites sign posts with accounts that are nobody ("admin", "Staff Writer",
"Web Desk"), and meta tags and bylines carry hosts, dates and job titles beside the names; a
record whose authors are "admin" or "Www Example Com" is wrong metadata.

Example: the byline "By Jane Doe and John Roe, Reuters" gives the authors Jane Doe and
John Roe and the agency Reuters; "by admin" and "Staff Writer" give no author.

Known gaps: a real person whose name is a generic word ("Editor") is dropped; names in scripts
without case (Chinese, Arabic) are kept as written, with no check of their shape.
"""
from __future__ import annotations

import regex

from .agencies import agency_name
from .dates import HAS_YEAR
from .page import Page
from .text import squash

#: accounts that sign posts without being anyone: never authors (H009)
GENERIC_AUTHORS = frozenset(
    """admin administrator author editor editors editorial staff team user guest webmaster web desk
    newsdesk news desk online desk digital desk staff writer staff reporter our correspondent correspondent
    reporter contributor press release bureau agencies agency wire username name nama nome nom 作者 编辑
    记者 anonymous unknown follow email e-mail twitter share more contact profile bio""".split()
)

#: academic and professional letters after a name, never a name of their own ("Jane Doe, MA")
_DEGREES = frozenset("ma ms msc md phd mph mba rn do ba bsc jd llm cpa".split())

#: a trailing job title or date word left on a byline: "Ben Cole Games Editor", "Ana Ruiz May"
_NAME_TAIL = regex.compile(
    r"(?:(?:^|\s+)(?:senior|chief|deputy|managing|executive|associate|contributing|staff|political|business|sports|games|"
    r"tech(?:nology)?|science|health|news|features|entertainment|arts|style|world|national|foreign|legal|data|"
    r"investigative|special|white house|video|social media))*(?:^|\s+)(?:editor|writer|reporter|correspondent|columnist|"
    r"contributor|critic|producer|journalist|analyst)s?$"
    r"|(?<=\S\s\S+)\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|před|ago|hace|il y a|vor|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?$",
    regex.IGNORECASE,
)

#: a month or a weekday alone, split off a byline's date ("Jeff Doe Monday, November 18")
_DATE_WORD = regex.compile(
    r"(?:january|february|march|april|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?",
    regex.IGNORECASE,
)

_GENERIC_PHRASES = frozenset({
    "web desk", "news desk", "online desk", "digital desk", "staff writer", "staff reporter", "our correspondent",
    "editorial team", "editorial staff", "editorial board", "the editors", "press release", "news service",
    "wire service", "web team", "news team", "site admin", "super user", "guest author", "guest contributor",
    "user name", "your name", "authority control", "contributors to wikimedia projects",
})

_AUTHOR_SPLIT = regex.compile(r"\s*(?:;|,|\band\b|&|\|)\s*", regex.IGNORECASE)

_AUTHOR_JUNK = regex.compile(
    r"^(?:by|written by|posted by|reported by|story by|words by)\s+|\s*\((?:[^()]*)\)\s*$|\s+(?:follow|email|twitter|x)$"
    r"|@\w+|\S+@\S+\.\w+",
    regex.IGNORECASE,
)

_NAME = regex.compile(r"[\p{L}][\p{L}\p{M}'’.\- ]{1,60}")

#: a url or a host, never a name: "www.washingtontimes.com", and the same as trafilatura's
#: author cleaning leaves it ("Www Washingtontimes Com", "Bbc Co Uk")
_HOST = regex.compile(
    r"(?:https?://|www\.)\S*|[\w-]{2,}(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|info|biz|io|news|co|[a-z]{2})/?"
    r"|(?:https?|www)(?:\s+\S+)+|\S+(?:\s+\S+)*\s+(?:com|org|net|gov|edu|info|biz|io)|\S+\s+co\s+[a-z]{2}",
    regex.IGNORECASE,
)


def clean_authors(values: list[str]) -> tuple[list[str], list[str]]:
    """H009: byline strings to author names; also returns wire agencies met on the way.

    "By Jane Doe and John Roe, Reuters" → (["Jane Doe", "John Roe"], ["Reuters"]);
    "by admin" → ([], []); a url or a host ("Www Washingtontimes Com") is no author.
    """
    authors: list[str] = []
    agencies: list[str] = []
    for value in values:
        for part in _AUTHOR_SPLIT.split(squash(value)):
            name = _AUTHOR_JUNK.sub("", part).strip(" .-–—:")
            short = _NAME_TAIL.sub("", name).strip(" .-–—:")
            if not short or len(short.split()) >= 2:  # "Sam Writer" keeps his surname
                name = short
            if name.casefold().replace(".", "") in _DEGREES or _DATE_WORD.fullmatch(name):
                continue
            if not name or not _NAME.fullmatch(name) or HAS_YEAR.search(name) or _HOST.fullmatch(name):
                continue
            agency = agency_name(name)
            if agency:
                agencies.append(agency)
                continue
            low = name.casefold()
            if low in GENERIC_AUTHORS or low in _GENERIC_PHRASES or len(name.split()) > 5:
                continue
            key = _name_key(name)
            same = next((i for i, a in enumerate(authors) if a == name or (" " in key and _name_key(a) == key)), None)
            if same is None:
                authors.append(name)
            elif len(name) > len(authors[same]):  # "Troy L. Smith" over "Troy Smith"
                authors[same] = name
    return authors, agencies

def _name_key(name: str) -> str:
    """A name without its initials, case or dots: "Troy L. Smith" = "Troy Smith"."""
    return " ".join(w for w in name.casefold().replace(".", " ").split() if len(w) > 1)

def authors_and_agencies(page: Page) -> tuple[list[str], list[str]]:
    """Authors from byline lines, else from the page's metadata, else the names of the
    contributor bio lines removed (MD018: "Jane Doe is a freelance writer for …" names the
    writer when nothing else does); and agencies met."""
    authors, agencies = clean_authors(page.found.authors)
    if not authors:
        html_authors, more = clean_authors(page.found.html_authors)
        authors, agencies = html_authors, agencies + more
    if not authors and page.found.bio:
        authors = clean_authors(page.found.bio)[0]
    return authors, agencies

def authors_of(page: Page) -> list[str]:
    """The authors of the page (see :func:`authors_and_agencies`)."""
    return authors_and_agencies(page)[0]
