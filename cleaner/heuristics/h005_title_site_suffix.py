"""H005 title-site-suffix: "Headline – Site Name" names the source and leaves the title.

What it does: splits a site's name off the page's title (a suffix "Headline | Site", or a
prefix "Site | Headline") when it names the site: the page's site name, its start, or the
host's name; without those, a short capitalised suffix when four words of headline stay.
The suffix becomes a source candidate.

Why it is boilerplate: sites append their name to every ``<title>``; it is not part of the
headline, and it tells who published the story.

Example: "Biden signs the bill – Washington Examiner" → title "Biden signs the bill",
source "Washington Examiner".

Known gaps: a headline that ends in a dash and a short name of its own ("Review – Hamlet")
on a site whose name is unknown can lose that name.
"""
from __future__ import annotations

import regex

from ..text import TITLE_SEPARATORS, name_key, squash


def split_title(title: str, sitename: str | None = None, host: str | None = None) -> tuple[str, str | None]:
    """H005: "Headline – Site Name" → ("Headline", "Site Name").

    With the page's site name or host known, a suffix (or a prefix, "Site | Headline") that
    names the site is split off: equal to the site name, the start of a longer one
    ("Spiceworks" of "Spiceworks Inc"), or the host's name ("Example.cz" on example.cz),
    accents and spacing aside. Otherwise a suffix is split off when it is short and
    capitalised like a name and at least four words of headline stay.
    """
    title = _SECTION_EDGE.sub("", squash(title)) or squash(title)
    seps = list(TITLE_SEPARATORS.finditer(title))
    if not seps:
        return title, None
    site = name_key(sitename)
    if site and len(seps) > 1:  # a site name with separators of its own: "Headline - Name - Tagline"
        for sep in seps:
            if name_key(title[sep.end():]) == site:
                return title[: sep.start()], title[sep.end():]
            if name_key(title[: sep.start()]) == site:
                return title[sep.end():], title[: sep.start()]
    headline, suffix = title[: seps[-1].start()], title[seps[-1].end():]
    names = [n for n in (name_key(sitename), _host_key(host)) if n]
    if names:
        if _names_site(suffix, names):
            return headline, suffix
        prefix = title[: seps[0].start()]
        if _names_site(prefix, names):
            return title[seps[0].end():], prefix
        if sitename:
            return title, None
    if (_looks_like_name(suffix) or _looks_like_site(suffix)) and len(headline.split()) >= 4:
        return headline, suffix
    return title, None


#: a section label at either end of a title ("Opinion | Headline", "Headline | Editorial"):
#: neither headline nor site; taken off only when three words of headline stay
_SECTION_WORDS = (r"(?:opinion|editorial|editorials|analysis|review|reviews|comment|commentary|column|op-ed|"
                  r"perspective|letters?|obituary|obituaries|explainer|interview|podcast|videos?|live|photos|gallery|"
                  r"exclusive|fact check|satire|sponsored)")
_SECTION_EDGE = regex.compile(
    rf"(?i)^{_SECTION_WORDS}\s+(?:[|–—:]|-)\s+(?=(?:\S+\s+){{2}}\S)|(?<=\S(?:\s+\S+){{2}})\s+(?:[|–—]|-)\s+{_SECTION_WORDS}$")


def _host_key(host: str | None) -> str:
    """The registrable name of a host, without its public suffix: news.example.co.uk → example."""
    if not host:
        return ""
    labels = [label for label in host.split(".") if label not in _HOST_NOISE]
    return name_key(labels[-1]) if labels else ""


_HOST_NOISE = frozenset({"www", "m", "amp", "com", "org", "net", "co", "uk", "cz", "de", "fr", "it", "es", "in",
                         "au", "ca", "io", "news", "edu", "gov", "info", "us", "jp", "br", "ru", "nl", "pl"})


def _names_site(part: str, names: list[str]) -> bool:
    key = name_key(part)
    if not key or len(part.split()) > 6:
        return False
    return any(key == n or (len(key) >= 4 and (n.startswith(key) or key.startswith(n))) for n in names)


#: a mark that ends a sentence or a clause, closing the text
_CLOSES_PHRASE = regex.compile(r"[.!?,;:]$")


def _looks_like_site(text: str) -> bool:
    """"My website", "Our blog": a capitalised phrase of two or three words naming a site."""
    words = text.split()
    return 2 <= len(words) <= 3 and words[0][:1].isupper() and _SITE_WORDS.search(text) is not None \
        and not _CLOSES_PHRASE.search(text)


#: what a site calls itself
_SITE_WORDS = regex.compile(r"(?i)\b(?:web\s?site|site|blog|homepage|home page|news|magazine|journal|online|"
                            r"portal|weblog|podcast)\b")


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and len(text) <= 40 and all(w[:1].isupper() or w[:1].isdigit() for w in words) \
        and not _CLOSES_PHRASE.search(text)
