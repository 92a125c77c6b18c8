"""Read stage, HTML: metadata candidates from the page's markup, the cheap way first.

trafilatura's ``extract_metadata`` costs more than its text extraction, mostly in two
places: an extensive htmldate scan and an author search on a deep copy of the page. The
meta tags and JSON-LD already hold the title, authors and date of most news pages, so
this runs trafilatura's own pieces in order of cost and stops early:

1. ``<meta>`` tags and OpenGraph, then JSON-LD (cheap, and what publishers fill in);
   Dublin Core (``dc:title``, ``dc:creator``) first where a page declares it, a property
   attribute read token by token (``property="og:title twitter:title"``), and meta tags
   the parser displaced from the head into the body (a stray element in the head closes
   it) moved back first;
2. the ``<title>`` and the h1 only when those gave no title (see ``_title``);
3. htmldate's quick search (meta tags, URL, time elements) for the date, its extensive
   scan of the page's text only when the quick one finds nothing (with its slowest
   patterns sped up: :mod:`cleaner.htmldates`);
4. trafilatura's byline XPaths only when no author was declared, skipping what its discard
   XPaths match (comment lists, dates, figures) instead of pruning them from a deep copy.

The byline search below is trafilatura's (``xpaths.AUTHOR_XPATHS`` and
``AUTHOR_DISCARD_XPATHS``, 2.3) with each EXSLT ``re:test`` read as ``contains``/``starts-with``,
run as tests on each element in one walk over the page (:func:`byline_candidates`): the
same elements in the same order, without calling back into Python's ``re`` for every
element of the page nor libxml2 copying an attribute for every ``contains``, which made
them the costliest part of the metadata.

Measured on the benchmark pages: the same titles, dates and authors as the full
extraction on nearly every page (docs/benchmarks.md), at a fraction of the time.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

import regex
from lxml.html import HtmlElement
from trafilatura import metadata as tm
from trafilatura.settings import set_date_params

from .authors import clean_authors
from .extract import detach
from .htmldates import find_date
from .text import TITLE_SEPARATORS, name_key
from .bylines import byline_candidates
from .xpaths import SECTION_META


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    section: str | None = None
    url: str | None = None
    description: str | None = None


def page_meta(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """Title, author(s), date, site name, section, canonical URL and meta description of a
    parsed page.

    ``tree`` is not modified, except that meta tags the parser displaced into the body go
    back to the head (:func:`rehome_head_tags`)."""
    rehome_head_tags(tree)
    doc = tm.examine_meta(tree)
    if doc.author and " " not in doc.author:  # a handle, not a name (trafilatura does the same)
        doc.author = None
    declared = _declared(tree)
    tagged = doc.title or declared.get("og:title") or declared.get("twitter:title")
    doc.title = None
    ld = _ld_texts(tree)
    doc = _json_ld(ld, doc)
    doc.author = _with_initials(doc.author, tree, ld)
    doc.sitename = _site(doc.sitename, _ld_publisher(ld))
    author = declared.get("dc:creator") or _not_publisher(doc.author, doc.sitename, doc.url or url, tree)
    meta = PageMeta(title=_trim(declared.get("dc:title") or _headline(doc.title, tagged)) or _title(tree),
                    author=_trim(author))
    if not meta.author:
        meta.author = _byline(tree)
    meta.description = _trim(doc.description)
    meta.url = doc.url or tm.extract_url(tree, url)
    meta.date = _date(tree, meta.url or url, ld)
    meta.sitename = _sitename(doc.sitename or tm.extract_sitename(tree), meta.url or url)
    section = _trim(doc.categories[0]) if doc.categories else None
    meta.section = section if section and section.casefold() not in _NO_VALUE else _category(tree)
    return meta


#: the meta tags read token by token, by the key they stand for: Dublin Core's title and
#: creator (``dc:``, ``dcterms:``, ``DC.``), and OpenGraph's and Twitter's titles
_DECLARED = {
    **{f"{ns}{sep}{field}": f"dc:{field}" for ns in ("dc", "dcterm", "dcterms") for sep in ":." for field in
       ("title", "creator")},
    "og:title": "og:title", "twitter:title": "twitter:title",
}


def _not_publisher(authors: str | None, sitename: str | None, url: str | None, tree: HtmlElement) -> str | None:
    """The page's authors ("A; B") without the publisher, which a meta author tag often
    names ("Condé Nast" beside the reporter JSON-LD names): a name that is the site's (its
    name, or its host: "Cleveland com"), or that the page's copyright notice holds, goes
    when another name stays."""
    if not authors or ";" not in authors:
        return authors
    notice = " ".join(m.get("content") or "" for m in tree.iterfind('.//head/meta[@name="copyright"]'))
    host = tm.META_URL.match(url) if url else None
    owners = {name_key(sitename), name_key(host[1]) if host else "",
              *(name_key(w) for w in regex.split(r"\s*(?:©|\(c\)|copyright|\d{4}|[,;|])\s*", notice, flags=regex.I))}
    owners.discard("")
    names = [n for n in authors.split(";") if n.strip()]
    people = [n for n in names if name_key(n) not in owners]
    return "; ".join(p.strip() for p in people) if people else authors


def _site(tagged: str | None, declared: str | None) -> str | None:
    """The site's name as trafilatura reads it (``og:site_name``, or a longer JSON-LD name),
    unless that is an address or a handle ("https://www.facebook.com/…", "@newsdesk") or the
    name with a tagline ("Name - What we do") and the JSON-LD publisher gives the name alone."""
    if not tagged or not declared:
        return tagged
    if tagged.startswith(("http://", "https://", "@")):
        return declared
    first = TITLE_SEPARATORS.split(tagged, maxsplit=1)[0]
    if first != tagged and name_key(first) == name_key(declared):
        return declared
    return tagged


_PUBLISHER = regex.compile(r'"publisher"\s*:\s*\{[^{}]{0,300}?"name"\s*:\s*"((?:[^"\\]|\\.){1,100})"')


def _ld_publisher(ld: list[str]) -> str | None:
    """The name of the first publisher the page's JSON-LD declares."""
    for text in ld:
        m = _PUBLISHER.search(text)
        if m:
            try:
                return tm.unescape(json.loads(f'"{m[1]}"'))
            except json.JSONDecodeError:
                return None
    return None


def _headline(declared: str | None, tagged: str | None) -> str | None:
    """The article's headline: the one its JSON-LD declares (what the page shows more often
    than the title written for social media in ``og:title``), unless cut short there (search
    engines take 110 characters) and whole in the meta tags."""
    if not declared:
        return tagged
    cut = declared.rstrip().endswith(("…", "...")) or len(declared) >= HEADLINE_CUT_CHARS
    if tagged and len(tagged) > len(declared) and cut and tagged.startswith(declared.rstrip(" .…")):
        return tagged
    return declared


#: a JSON-LD headline this long may have been cut to fit search engines' 110 characters
HEADLINE_CUT_CHARS = 100


def _declared(tree: HtmlElement) -> dict[str, str]:
    """Title and creator as the head's meta tags declare them, each ``property`` (or
    ``name``) read as a list of tokens (RDFa allows several: ``property="x:title
    dc:title"``); a tag without content declares nothing; of two tags for one key the
    later wins (``name="DC.title"`` then ``property="dc:title"``)."""
    found: dict[str, str] = {}
    head = tree.find("head")
    if head is None:
        return found
    for elem in head.iterchildren("meta"):
        content = (elem.get("content") or "").strip()
        if not content:
            continue
        for token in f"{elem.get('property') or ''} {elem.get('name') or ''}".lower().split():
            key = _DECLARED.get(token)
            if key:
                found[key] = content
    return found


def rehome_head_tags(tree: HtmlElement) -> None:
    """Move ``<meta>`` tags the parser put in the body back to the head.

    A stray element or text in the head (a tracking ``<div>``, a bare word) makes the
    parser close the head there; the meta tags after it (OpenGraph, article dates,
    authors) land in the body, where metadata readers that look in the head never see
    them. Only tags with a ``name`` or ``property`` outside any microdata or RDFa scope
    of the body move (``<meta itemprop>`` inside an article's markup stays), and a
    ``<title>`` when the head has none."""
    head, body = tree.find("head"), tree.find("body")
    if head is None or body is None:
        return
    for elem in list(body.iter("meta", "title")):
        if elem.tag == "title":
            if head.find("title") is not None or any(a.tag == "svg" for a in elem.iterancestors()):
                continue
        elif not (elem.get("name") or elem.get("property")) or elem.get("itemprop") is not None:
            continue
        if any(a.get("itemscope") is not None or a.get("typeof") is not None for a in elem.iterancestors()):
            continue
        detach(elem)
        head.append(elem)


_CDATA = regex.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def _with_initials(authors: str | None, tree: HtmlElement, ld: list[str]) -> str | None:
    """trafilatura's authors ("A; B") with the dots of their initials back, as the page's
    meta tags or JSON-LD spell them: its cleaning turns "Peter J. Pitts" into "Peter J Pitts"."""
    if not authors or not any(len(w) == 1 for w in authors.split()):
        return authors
    raw = [c for e in tree.iterfind(".//meta") if (c := e.get("content")) and "." in c] + ld  # (author, byl, dc…)
    names = []
    for name in authors.split("; "):
        spelled = regex.compile(r"(?<!\w)" + r"\.?\s*".join(map(regex.escape, name.split())) + r"\.?(?!\w)", regex.IGNORECASE)
        found = next((m[0] for text in raw if (m := spelled.search(text))), None)
        names.append(" ".join(found.split()) if found and "." in found else name)
    return "; ".join(names)


def _ld_texts(tree: HtmlElement) -> list[str]:
    """The page's JSON-LD (and settings JSON) scripts, read once: minified as trafilatura
    has them, and out of a ``<![CDATA[ … ]]>`` wrapper (an XHTML habit)."""
    return [tm.normalize_json(_minified(_CDATA.sub("", elem.text))) for elem in tree.iter("script")
            if elem.get("type") in ("application/ld+json", "application/settings+json") and elem.text]


#: trafilatura's ``JSON_MINIFY``, as trafilatura 2.3 writes it: white space outside JSON strings
_MINIFY = r'("(?:\\.|[^"\\])*")|\s'
_JSON_STRINGS = re.compile(r'("(?:\\.|[^"\\])*")')


def _minified(text: str) -> str:
    """``JSON_MINIFY.sub(r"\\1", text)``, three times faster (measured on wcxb: 0.2 ms a page
    against 0.67). The strings that substitution keeps are those ``split`` finds (it tries a
    string first at each place; a quote that opens none is one more character), and between
    them every white space character goes: ``str.split``'s white space is ``re``'s ``\\s``."""
    if tm.JSON_MINIFY.pattern != _MINIFY:  # another trafilatura
        return tm.JSON_MINIFY.sub(r"\1", text)
    parts = _JSON_STRINGS.split(text)
    parts[::2] = ["".join(p.split()) for p in parts[::2]]
    return "".join(parts)


def _json_ld(ld: list[str], doc):
    """trafilatura's JSON-LD reading (``extract_meta_json``) of the scripts ``ld``."""
    for text in ld:
        try:
            doc = tm.extract_json(json.loads(text, strict=False), doc)
        except json.JSONDecodeError:
            doc = tm.extract_json_parse_error(text, doc)
        except Exception:  # noqa: BLE001 - malformed JSON-LD is common; the meta tags still count
            pass
    return doc


#: placeholders a template writes where a value is missing
_NO_VALUE = frozenset({"nil", "null", "none", "undefined", "n/a", "na", "-", "false"})


def _title(tree: HtmlElement) -> str | None:
    """The headline when no meta tag declares it: the ``<title>`` (its site suffix is split
    off later, H005), which the page's one ``<h1>`` replaces only when the title contains
    it (the same headline without the suffix). An ``<h1>`` that the ``<title>`` does not
    contain is a section banner or a promo more often than the headline; without a
    ``<title>``, trafilatura's own search (h1, title XPaths, h2)."""
    element = tree.find(".//head//title")
    title = _trim(element.text_content()) if element is not None else None
    if not title:
        return _trim(tm.extract_title(tree))
    h1s = tree.findall(".//h1")
    if len(h1s) == 1:
        h1 = _trim(tm.block_text(h1s[0]))
        if h1 and len(h1) > 10 and h1.casefold() in title.casefold():
            return h1
    return title


def _trim(value: str | None) -> str | None:
    return tm.line_processing(tm.unescape(value)) or None if value else None


def _byline(tree: HtmlElement) -> str | None:
    """trafilatura's byline search (``extract_author``) without its deep copy: elements
    its discard XPaths match are skipped, not pruned; so are elements that hold no name
    once H009 has read them (a comment form's "Username", a "Follow @handle" link)."""
    levels, discard = byline_candidates(tree)
    for candidates in levels:
        for elem in candidates:
            if elem in discard or any(el in discard for el in elem.iterancestors()):
                continue
            content = tm.trim(" ".join(_itertext(elem, discard)))
            if content and 2 < len(content) < 120 and clean_authors([content])[0]:  # not "Username", "Follow @x"
                return tm.normalize_authors(None, content)
    return None


def _category(tree: HtmlElement) -> str | None:
    """The section from ``article:section`` or a ``subject`` meta tag. trafilatura's
    category-link XPaths (six more walks of the page) are left out: they cost a fifth of
    the metadata time for a field that the page's meta tags, its JSON-LD and the section
    label above the headline (H006) already give."""
    for element in SECTION_META(tree):
        text = _trim(element.get("content"))
        if text:
            return text
    return None


def _itertext(elem: HtmlElement, discard: set):
    """The text of ``elem`` without its discarded descendants (their tails stay)."""
    if elem.text:
        yield elem.text
    for child in elem:
        if child not in discard and isinstance(child.tag, str):
            yield from _itertext(child, discard)
        if child.tail:
            yield child.tail


def _sitename(name: str | None, url: str | None) -> str | None:
    """As trafilatura has it: no @ of a handle, a lower-case name capitalised, else the
    URL's domain name."""
    if name:
        name = name.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return _trim(name)
    m = tm.META_URL.match(url) if url else None
    return m[1] if m else None


def _date(tree: HtmlElement, url: str | None, ld: list[str]) -> str | None:
    """htmldate's date (its quick search, then its extensive one); but when that is the day
    the JSON-LD gives as ``dateModified`` (a page with a modified-time meta tag and no
    published one), the JSON-LD's ``datePublished``."""
    for extensive in (False, True):
        try:
            found = find_date(tree, **{**set_date_params(extensive), "url": url})
        except Exception:  # noqa: BLE001 - htmldate on a strange page: no date, not a failure
            found = None
        if found:
            published, modified = _ld_dates(ld)
            if published and modified and modified[:10] == found[:10] and published[:10] < found[:10]:
                return published[:10]
            return found
    return None


_LD_DATE = regex.compile(r'"(datePublished|dateModified)"\s*:\s*"(\d{4}-\d{2}-\d{2})')


def _ld_dates(ld: list[str]) -> tuple[str | None, str | None]:
    """The first ``datePublished`` and ``dateModified`` days in the page's JSON-LD."""
    found: dict[str, str] = {}
    for text in ld:
        for name, day in _LD_DATE.findall(text):
            found.setdefault(name, day)
    return found.get("datePublished"), found.get("dateModified")
