"""Stage 4: pick the record's metadata from the candidates the earlier stages noted.

Candidates arrive on ``Page.found`` by name: the page's own metadata (``html_title``,
``html_authors``, ``html_date``, ``sitename``, ``html_section``, found by trafilatura),
what rules captured from lines (``authors``, ``date``, ``source``, ``section``) and what
the heuristics found (``title``, ``title_suffix``, the dateline).

``source`` is, in order: an explicit "Source: X" line, the wire agency of the dateline
or byline, a "– Site" title suffix, the site name of the page.
"""
from __future__ import annotations

import warnings
from datetime import datetime
from functools import lru_cache

import regex

from .blocks import Page
from .dateline import agency_name
from .rules import squash

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
_DATE_NOISE = regex.compile(
    r"^(?:published|updated|posted|last updated|first published|modified|date)\s*(?:on|at)?\s*:?\s*", regex.IGNORECASE
)
_HAS_YEAR = regex.compile(r"\b(?:19[89]\d|20\d\d)\b")


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
            if not name or not _NAME.fullmatch(name) or _HAS_YEAR.search(name) or _HOST.fullmatch(name):
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


@lru_cache(maxsize=4096)
def parse_date(text: str) -> str | None:
    """A date line ("Mar 23, 2024", "Published: 23 March 2024 10:31") → "2024-03-23"."""
    text = _DATE_NOISE.sub("", squash(text))
    if not _HAS_YEAR.search(text):
        return None
    from dateutil import parser

    try:
        with warnings.catch_warnings():  # "EST" and friends: the day is all we keep
            warnings.simplefilter("ignore")
            when = parser.parse(text, fuzzy=True, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if when.year < 1990 or when.year > 2100:
        return None
    return when.date().isoformat()


def _first(page: Page, name: str) -> str | None:
    values = page.found.get(name)
    return values[0] if values else None


def _authors(page: Page) -> tuple[list[str], list[str]]:
    """Authors from byline lines, else from the page's metadata, else the names of the
    contributor bio lines removed (MD018: "Jane Doe is a freelance writer for …" names the
    writer when nothing else does); and agencies met."""
    authors, agencies = clean_authors(page.found.get("authors", []))
    if not authors:
        html_authors, more = clean_authors(page.found.get("html_authors", []))
        authors, agencies = html_authors, agencies + more
    if not authors and page.found.get("bio"):
        authors = clean_authors(page.found["bio"])[0]
    return authors, agencies


def authors_of(page: Page) -> list[str]:
    return _authors(page)[0]


def merge(page: Page) -> dict:
    """The record's metadata fields from the page's candidates."""
    authors, agencies = _authors(page)
    date = _first(page, "html_date")
    if date is None:
        date = next(filter(None, map(parse_date, page.found.get("date", []))), None)
    if date is None and page.dateline and page.dateline.date and _HAS_YEAR.search(page.dateline.date):
        date = page.dateline.date
    source = _first(page, "source")
    if source is None and page.dateline and page.dateline.agency:
        source = page.dateline.agency
    source = source or (agencies[0] if agencies else None) or _first(page, "title_suffix") or _first(page, "sitename")
    return {
        "title": _first(page, "title"),
        "authors": authors,
        "date": date,
        "source": squash(source).strip(" .,;:|–—-") or None if source else None,
        "section": _first(page, "section") or _first(page, "html_section"),
        "description": _first(page, "standfirst") or _first(page, "description"),
        "language": page.language,
        "dateline": page.dateline,
    }
