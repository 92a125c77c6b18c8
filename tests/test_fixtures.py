"""The cleaner against hand-annotated fixtures: invented news pages and extracted texts.

HTML fixtures (``fixtures/html/<category>_<n>.html``)
    Elements marked ``data-expect="kept"`` hold article text that MUST be in the cleaned
    body; elements marked ``data-expect="gone"`` hold boilerplate that must NOT be. Page-level
    expectations sit in ``<meta name="expect-..." content="...">`` tags in ``<head>``:
    ``expect-title``, ``expect-categories`` (comma-separated; each must be among the recorded
    removals) and, optionally, ``expect-authors``, ``expect-date``, ``expect-source``,
    ``expect-section``, ``expect-dateline-place``, ``expect-dateline-agency`` and
    ``expect-embed-kinds``.

Text fixtures (``fixtures/text/<category>_<n>.txt``)
    Plain text as an extractor leaves it, with a sidecar ``<stem>.expect.toml`` holding
    ``kept``/``gone`` lists and ``categories``, and optionally ``title``, ``authors``,
    ``date``, ``source``, ``section``, ``dateline_place``, ``dateline_agency`` and
    ``embed_kinds``.

How a "gone" text is checked: a gone element is split into its text fragments (one per
block or link); a fragment of three words or more must not occur anywhere in the body, a
shorter one ("Advertisement", "Share", "Reply") must not be a whole line of the body.
All comparisons are made on whitespace-normalised (NFKC) text.

Test ids are the fixture stems, so ``pytest -k cookie_banner`` selects a category. The
``*_well_formed`` tests check the fixtures themselves and need no cleaner.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from cleaner import clean_html, clean_text

ROOT = Path(__file__).resolve().parents[1]
HTML_DIR = ROOT / "fixtures" / "html"
TEXT_DIR = ROOT / "fixtures" / "text"

CATEGORIES = {
    "cookie_banner", "share_buttons", "see_also", "comments", "embedded_tweet",
    "newsletter", "promo", "navigation", "metadata",
}
EMBED_KINDS = {"tweet", "instagram", "youtube", "facebook", "tiktok"}

HTML_FIXTURES = sorted(HTML_DIR.glob("*.html"))
TEXT_FIXTURES = sorted(TEXT_DIR.glob("*.txt"))

# ---------------------------------------------------------------------------------------
# normalisation

_WS = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def norm(text: str | None) -> str:
    """NFKC, no invisible characters, runs of white space collapsed, stripped."""
    if not text:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).translate(_INVISIBLE)).strip()


def line_key(text: str | None) -> str:
    """How a short line is compared: normalised, no edge punctuation or symbols, casefolded."""
    return _EDGE.sub("", norm(text)).casefold()


def words(text: str) -> int:
    return len(text.split())


def clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def split_list(value: str | None) -> list[str]:
    return [norm(v) for v in (value or "").split(",") if norm(v)]


# ---------------------------------------------------------------------------------------
# reading the annotations

# elements whose edges separate text fragments (links and buttons too: in boilerplate they
# are separate items, "Facebook" "Twitter", even where the markup puts no space between them)
_BREAKS = {
    "a", "address", "article", "aside", "blockquote", "br", "button", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "label", "legend", "li", "main", "nav", "noscript", "ol",
    "option", "p", "pre", "section", "select", "summary", "table", "td", "textarea", "th", "tr",
    "ul",
}
_SKIP = {"script", "style", "template"}


def fragments(el: lxml.html.HtmlElement) -> list[str]:
    """The element's whole text, then its text split at block and link edges (deduplicated)."""
    parts: list[str] = []

    def walk(node: Any, root: bool = False) -> None:
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is not None and tag.lower() not in _SKIP:
            brk = tag.lower() in _BREAKS
            if brk:
                parts.append("\n")
            if node.text:
                parts.append(node.text)
            for child in node:
                walk(child)
            if brk:
                parts.append("\n")
        if node.tail and not root:
            parts.append(node.tail)

    walk(el, root=True)
    out = [norm(el.text_content())]
    out += [norm(piece) for piece in "".join(parts).split("\n")]
    seen: list[str] = []
    for text in out:
        if text and text not in seen:
            seen.append(text)
    return seen


def load_html(path: Path) -> dict[str, Any]:
    """The fixture's annotations: kept texts, gone fragments, page-level expectations."""
    raw = path.read_bytes()
    doc = lxml.html.document_fromstring(raw)
    meta = {
        m.get("name")[len("expect-"):]: m.get("content", "")
        for m in doc.xpath("//head/meta[starts-with(@name, 'expect-')]")
    }
    kept = [norm(e.text_content()) for e in doc.xpath('//*[@data-expect="kept"]')]
    gone: list[str] = []
    for el in doc.xpath('//*[@data-expect="gone"]'):
        for text in fragments(el):
            if text not in gone:
                gone.append(text)
    og_url = doc.xpath("string(//head/meta[@property='og:url']/@content)") or None
    return {
        "raw": raw,
        "doc": doc,
        "url": og_url,
        "kept": [k for k in kept if k],
        "gone": gone,
        "title": meta.get("title"),
        "categories": split_list(meta.get("categories")),
        "authors": split_list(meta.get("authors")) if "authors" in meta else None,
        "date": meta.get("date"),
        "source": meta.get("source"),
        "section": meta.get("section"),
        "dateline_place": meta.get("dateline-place"),
        "dateline_agency": meta.get("dateline-agency"),
        "embed_kinds": split_list(meta.get("embed-kinds")) if "embed-kinds" in meta else None,
    }


def load_text(path: Path) -> dict[str, Any]:
    spec = tomllib.loads(path.with_suffix(".expect.toml").read_text(encoding="utf-8"))
    return {
        "raw": path.read_text(encoding="utf-8"),
        "spec": spec,
        "url": None,
        "kept": [norm(k) for k in spec.get("kept", []) if norm(k)],
        "gone": [norm(g) for g in spec.get("gone", []) if norm(g)],
        "title": spec.get("title"),
        "categories": list(spec.get("categories", [])),
        "authors": spec.get("authors"),
        "date": spec.get("date"),
        "source": spec.get("source"),
        "section": spec.get("section"),
        "dateline_place": spec.get("dateline_place"),
        "dateline_agency": spec.get("dateline_agency"),
        "embed_kinds": spec.get("embed_kinds"),
    }


# ---------------------------------------------------------------------------------------
# the check shared by both kinds of fixture


def problems_with(d: dict[str, Any], exp: dict[str, Any]) -> list[str]:
    """Every way the cleaned record ``d`` misses the fixture's expectations."""
    out: list[str] = []
    if d.get("error") is not None:
        return [f"cleaner returned an error record: {d['error']!r}"]
    raw_body = d.get("body") or ""
    body = norm(raw_body)
    body_lines = {line_key(line) for line in raw_body.splitlines()} - {""}

    for text in exp["kept"]:
        if text not in body:
            out.append(f"kept text missing from body: «{clip(text)}»")
    for text in exp["gone"]:
        if words(text) >= 3:
            if text in body:
                out.append(f"boilerplate left in body: «{clip(text)}»")
        elif line_key(text) and line_key(text) in body_lines:
            out.append(f"boilerplate line left in body: «{text}»")

    if exp["title"] is not None and norm(d.get("title")) != norm(exp["title"]):
        out.append(f"title: expected «{norm(exp['title'])}», got «{d.get('title')}»")
    if exp["authors"] is not None:
        want = sorted(norm(a).casefold() for a in exp["authors"])
        got = sorted(norm(a).casefold() for a in d.get("authors") or [])
        if want != got:
            out.append(f"authors: expected {exp['authors']}, got {d.get('authors')}")
    if exp["date"] is not None and d.get("date") != exp["date"]:
        out.append(f"date: expected {exp['date']}, got {d.get('date')}")
    for key in ("source", "section"):
        if exp[key] is not None and norm(d.get(key)).casefold() != norm(exp[key]).casefold():
            out.append(f"{key}: expected «{exp[key]}», got «{d.get(key)}»")

    if exp["dateline_place"] is not None or exp["dateline_agency"] is not None:
        dl = d.get("dateline")
        if not dl:
            out.append("dateline: expected one, got None")
        else:
            for key in ("place", "agency"):
                want = exp[f"dateline_{key}"]
                if want is not None and norm(dl.get(key)).casefold() != norm(want).casefold():
                    out.append(f"dateline {key}: expected «{want}», got «{dl.get(key)}»")

    if exp["embed_kinds"] is not None:
        want = set(exp["embed_kinds"])
        got = {e.get("kind") for e in d.get("embeds") or []}
        if want != got:
            out.append(f"embed kinds: expected {sorted(want)}, got {sorted(k for k in got if k)}")

    recorded = {r.get("category") for r in d.get("removed") or []}
    for cat in exp["categories"]:
        if cat not in recorded:
            out.append(f"category {cat!r} not among recorded removals {sorted(c for c in recorded if c)}")
    return out


def _report(path: Path, problems: list[str]) -> str:
    return f"{path.relative_to(ROOT)}: {len(problems)} problem(s)\n  - " + "\n  - ".join(problems)


# ---------------------------------------------------------------------------------------
# the cleaner against the fixtures


@pytest.mark.parametrize("path", HTML_FIXTURES, ids=lambda p: p.stem)
def test_html_fixture(path: Path) -> None:
    exp = load_html(path)
    d = clean_html(exp["raw"], url=exp["url"]).to_dict()
    problems = problems_with(d, exp)
    assert not problems, _report(path, problems)


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_text_fixture(path: Path) -> None:
    exp = load_text(path)
    d = clean_text(exp["raw"]).to_dict()
    problems = problems_with(d, exp)
    assert not problems, _report(path, problems)


# ---------------------------------------------------------------------------------------
# the fixtures themselves (no cleaner needed)


def _common_sanity(exp: dict[str, Any]) -> list[str]:
    out = []
    if len(exp["kept"]) < 3:
        out.append(f"only {len(exp['kept'])} kept texts (need at least 3)")
    if not exp["categories"]:
        out.append("no expected categories")
    out += [f"unknown category {c!r}" for c in exp["categories"] if c not in CATEGORIES]
    if exp["date"] is not None and not _ISO_DATE.fullmatch(exp["date"]):
        out.append(f"date {exp['date']!r} is not YYYY-MM-DD")
    if exp["embed_kinds"] is not None:
        out += [f"unknown embed kind {k!r}" for k in exp["embed_kinds"] if k not in EMBED_KINDS]
    # a gone text that also occurs in a kept text would make the fixture contradict itself
    for g in exp["gone"]:
        for k in exp["kept"]:
            if (words(g) >= 3 and g in k) or (words(g) < 3 and line_key(g) == line_key(k)):
                out.append(f"gone «{clip(g, 50)}» occurs in kept «{clip(k, 50)}»")
    return out


@pytest.mark.parametrize("path", HTML_FIXTURES, ids=lambda p: p.stem)
def test_html_fixture_well_formed(path: Path) -> None:
    exp = load_html(path)
    doc = exp["doc"]
    problems = _common_sanity(exp)
    if not exp["raw"].lstrip().lower().startswith(b"<!doctype html"):
        problems.append("no <!DOCTYPE html>")
    if not doc.xpath("string(//head/title)").strip():
        problems.append("no <title>")
    for prop in ("og:title", "og:site_name", "article:published_time"):
        if not doc.xpath(f"//head/meta[@property='{prop}']"):
            problems.append(f"no <meta property={prop!r}>")
    if not exp["title"]:
        problems.append("no expect-title")
    if doc.xpath('//*[@data-expect="kept"]//*[@data-expect="gone"] | //*[@data-expect="gone"]//*[@data-expect="kept"]'):
        problems.append("kept and gone annotations are nested in each other")
    bad = {e.get("data-expect") for e in doc.xpath("//*[@data-expect]")} - {"kept", "gone"}
    if bad:
        problems.append(f"unknown data-expect values {sorted(bad)}")
    known = {"title", "categories", "authors", "date", "source", "section", "dateline-place",
             "dateline-agency", "embed-kinds"}
    for m in doc.xpath("//head/meta[starts-with(@name, 'expect-')]"):
        if m.get("name")[len("expect-"):] not in known:
            problems.append(f"unknown expectation <meta name={m.get('name')!r}>")
    assert not problems, _report(path, problems)


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.stem)
def test_text_fixture_well_formed(path: Path) -> None:
    sidecar = path.with_suffix(".expect.toml")
    assert sidecar.exists(), f"{path.relative_to(ROOT)}: no sidecar {sidecar.name}"
    exp = load_text(path)
    problems = _common_sanity(exp)
    known = {"title", "authors", "date", "source", "section", "dateline_place",
             "dateline_agency", "embed_kinds", "categories", "kept", "gone"}
    problems += [f"unknown key {k!r} in {sidecar.name}" for k in exp["spec"] if k not in known]
    text = norm(exp["raw"])
    lines = {norm(line) for line in exp["raw"].splitlines()}
    problems += [f"kept «{clip(k, 60)}» is not in the text" for k in exp["kept"] if k not in text]
    problems += [f"gone «{clip(g, 60)}» is not a line of the text" for g in exp["gone"] if g not in lines]
    assert not problems, _report(path, problems)
