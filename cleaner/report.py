"""``cleaner report``: one self-contained HTML page showing what was removed, and why.

:func:`report_html` takes explanations (:meth:`Cleaner.explain`) or records
(:class:`Article`) and returns one HTML string: inline CSS and JS only, no network, no
external assets. Every document is a collapsed ``<details class="doc">`` section (its id,
title and removal counts per category); its text, every removal highlighted in place by
category colour, is rendered from embedded JSON when the section is opened, so a report
of 1,000 documents is 1,000 small headers, not 1,000 full texts in the DOM.

Safety: all text is HTML-escaped here, in Python (:func:`html.escape`), before it goes
anywhere; the embedded JSON escapes ``<``, ``>``, ``&`` (and U+2028/U+2029) as ``\\uXXXX``, so
no document text (``</script>``, ``<!--``) can close the script element that holds it.
The page's script only sets ``innerHTML`` from those escaped fragments and ``textContent``
from data.
"""
from __future__ import annotations

import contextlib
import html
import json
import os
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from .heuristics import HEURISTICS
from .pipeline import Explanation
from .record import CATEGORIES, Article, Removal
from .report_page import PAGE, SCRIPT, STYLE
from .ruleset import RuleSet

#: category -> (highlight, stripe) colours
COLORS = {
    "cookie_banner": ("#fde68a", "#d97706"),
    "share_buttons": ("#a5f3fc", "#0891b2"),
    "see_also": ("#bfdbfe", "#2563eb"),
    "comments": ("#f5d0fe", "#c026d3"),
    "embedded_tweet": ("#99f6e4", "#0d9488"),
    "newsletter": ("#bbf7d0", "#16a34a"),
    "promo": ("#fed7aa", "#ea580c"),
    "navigation": ("#c7d2fe", "#4f46e5"),
    "metadata": ("#e5e7eb", "#6b7280"),
}
OTHER_COLOR = ("#fecaca", "#dc2626")
#: an HTML element pruned before extraction can hold a whole sidebar: its text is cut here
PRUNED_MAX = 600
_META_FIELDS = ("title", "url", "description", "authors", "date", "source", "section", "dateline", "language")


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _script_json(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">`` whatever its strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _SURROGATE.sub("\ufffd", text)  # a lone surrogate cannot be written as UTF-8


_SURROGATE = re.compile("[\ud800-\udfff]")
_CSS_NAME = re.compile(r"[A-Za-z0-9_-]+")


def _clean_str(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def _entries(docs: Iterable[Any]) -> Iterable[tuple[str | None, Article, list[tuple[str, Removal | None]], set[int], bool]]:
    """(id, article, blocks, ids of pruned removals, in place?) for each input."""
    for entry in docs:
        given_id = None
        if isinstance(entry, tuple) and len(entry) == 2:
            given_id, entry = entry
        if isinstance(entry, Explanation):
            a = entry.article
            yield given_id if given_id is not None else a.id, a, entry.blocks, {id(r) for r in entry.pruned}, True
        elif isinstance(entry, Article):
            # a record only: the body's paragraphs, then what was removed (where it stood is not known)
            blocks: list[tuple[str, Removal | None]] = [(p, None) for p in entry.body.split("\n\n") if p.strip()]
            blocks += [(r.text, r) for r in entry.removed]
            yield given_id if given_id is not None else entry.id, entry, blocks, set(), False
        else:
            raise TypeError(f"report: expected an Explanation or an Article, got {type(entry).__name__}")


def _rule_info(rule_id: str, category: str, rules: RuleSet | None) -> dict[str, str | None]:
    found = rules.by_id.get(rule_id) if rules is not None else None
    if found is None:
        found = next((h for h in HEURISTICS if h.id == rule_id), None)
    if found is None:
        return {"name": None, "category": category, "why": None, "kind": None}
    return {"name": found.name, "category": found.category, "why": found.why,
            "kind": getattr(found, "kind", "heuristic")}


def _meta_html(doc_id: str | None, a: Article, in_place: bool) -> str:
    rows = []
    d = a.to_dict()
    rows.append(("id", doc_id))
    for key in _META_FIELDS:
        value = d.get(key)
        if key == "authors":
            value = ", ".join(value or []) or None
        elif key == "dateline" and value:
            parts = [f"{k}: {v}" for k, v in value.items() if k != "text" and v]
            value = value["text"] + (f" ({'; '.join(parts)})" if parts else "")
        rows.append((key, value))
    empty = [key for key, value in rows if not value]
    rows = [(key, value) for key, value in rows if value]
    out = ['<dl class="meta">']
    for key, value in rows:
        cls = ' class="wide"' if key in ("id", "title", "description", "url") else ""  # a row of their own
        out.append(f"<dt{cls}>{key}</dt><dd{cls}>{_esc(_clean_str(str(value)))}</dd>")
    if empty:
        out.append(f'<dt class="none wide">none</dt><dd class="none wide">{", ".join(empty)}</dd>')
    out.append("</dl>")
    for w in a.warnings:
        out.append(f'<p class="warn"><b>warning {_esc(w.get("code", ""))}</b>: {_esc(_clean_str(w.get("message", "")))}</p>')
    if a.error:
        out.append(f'<p class="error"><b>error {_esc(a.error.get("type", ""))}</b>: '
                   f'{_esc(_clean_str(a.error.get("message", "")))}</p>')
    if not in_place and not a.error:
        out.append('<p class="note">From a record: the body, then what was removed (its place in the page is not known).</p>')
    return "".join(out)


def _legend_html(counts: Counter[str], doc_rules: Counter[str], rule_cat: dict[str, str]) -> str:
    """The document's removals per category, each with its rules: the aside beside its text."""
    if not counts:
        return '<p class="note">Nothing removed.</p>'
    out = ['<table class="legend"><tbody>']
    for c, n in sorted(counts.items(), key=lambda kv: _order(kv[0])):
        ids = " ".join(f"{_esc(r)}\u00d7{k}" if k > 1 else _esc(r) for r, k in sorted(doc_rules.items()) if rule_cat[r] == c)
        out.append(f'<tr><td><span class="n" data-category="{_esc(c)}">{_esc(c)}</span></td><td class="k">{n}</td>'
                   f'<td class="ids">{ids}</td></tr>')
    out.append(f'<tr class="sum"><td>removals</td><td class="k">{sum(counts.values())}</td><td></td></tr></tbody></table>')
    return "".join(out)


def _text_html(blocks: list[tuple[str, Removal | None]], pruned: set[int]) -> str:
    out = []
    for text, removal in blocks:
        text = _clean_str(text)
        if removal is None:
            out.append(f"<p>{_esc(text)}</p>")
            continue
        extra, attrs = "", ""
        if id(removal) in pruned:
            attrs = ' data-pruned="1"'
            if len(text) > PRUNED_MAX:
                extra = f'<span class="more">… {len(text) - PRUNED_MAX} more characters</span>'
                text = text[:PRUNED_MAX]
        out.append(f'<p class="rm" data-category="{_esc(removal.category)}"><mark data-category="{_esc(removal.category)}" data-rule="{_esc(removal.rule)}"'
                   f'{attrs}>{_esc(text)}</mark>{extra}</p>')
    return "".join(out)


def report_html(docs: Iterable[Explanation | Article | tuple[str | None, Explanation | Article]], *,
                rules: RuleSet | None = None, title: str = "article-cleaner report") -> str:
    """The report of ``docs`` as one self-contained HTML page.

    ``docs``: :class:`Explanation` objects (removals shown where they stood), or
    :class:`Article` records (body, then removals), or ``(id, either)`` pairs. ``rules``:
    the rule set that made the removals (``Cleaner().rules``), for each rule's ``why``;
    heuristics are looked up in :data:`cleaner.heuristics.HEURISTICS`.
    """
    sections: list[str] = []
    fragments: list[str] = []
    totals: Counter[str] = Counter()
    rule_totals: Counter[str] = Counter()
    rule_docs: Counter[str] = Counter()
    rule_cat: dict[str, str] = {}
    errors = 0
    for i, (doc_id, a, blocks, pruned, in_place) in enumerate(_entries(docs)):
        removals = [r for _, r in blocks if r is not None]
        counts = Counter(r.category for r in removals)
        doc_rules = Counter(r.rule for r in removals)
        totals.update(counts)
        rule_totals.update(doc_rules)
        rule_docs.update(doc_rules.keys())
        for r in removals:
            rule_cat.setdefault(r.rule, r.category)
        errors += a.error is not None
        label = doc_id if doc_id is not None else f"document {i + 1}"
        search = " ".join(str(x) for x in (label, a.title or "", a.url or "")).lower()
        badges = "".join(f'<span class="n" data-category="{_esc(c)}" title="{_esc(c)}">{n}</span>'
                         for c, n in sorted(counts.items(), key=lambda kv: _order(kv[0])))
        status = (' <span class="bad">error</span>' if a.error else "") + (
            ' <span class="warnflag">warning</span>' if a.warnings else "")
        heading = (f'<span class="title">{_esc(_clean_str(a.title))}</span>' if a.title
                   else '<span class="title untitled">(no title)</span>')
        sections.append(
            f'<details class="doc" id="doc-{i + 1}" data-i="{i}" data-removals="{len(removals)}"'
            f' data-categories="{_esc(" ".join(sorted(counts)))}" data-rules="{_esc(" ".join(sorted(doc_rules)))}"'
            f' data-search="{_esc(_clean_str(search))}">'
            f'<summary><span class="num">{i + 1}</span><span class="id">{_esc(_clean_str(label))}</span>'
            f'{heading}{status}'
            f'<span class="counts">{badges}<span class="total" title="removals">{len(removals)}</span></span>'
            f'</summary><div class="body"></div></details>')
        fragments.append(_meta_html(doc_id, a, in_place) + _legend_html(counts, doc_rules, rule_cat)
                         + '<div class="text">' + _text_html(blocks, pruned) + "</div>")
    n_docs = len(sections)
    categories = list(CATEGORIES) + sorted(set(totals) - set(CATEGORIES))
    rule_table = {rid: _rule_info(rid, rule_cat[rid], rules) for rid in sorted(rule_totals)}
    data = {"docs": fragments, "rules": rule_table}
    chips = "".join(
        f'<button type="button" class="chip" data-category="{_esc(c)}" aria-pressed="false">'
        f'{_esc(c)} <span class="n">{totals.get(c, 0)}</span></button>' for c in categories)
    options = "".join(
        f'<option value="{_esc(rid)}">{_esc(rid)} · {_esc(rule_cat[rid])} · {_esc(rule_table[rid]["name"] or "")} '
        f'({rule_totals[rid]} in {rule_docs[rid]} docs)</option>' for rid in sorted(rule_totals))
    styled = [c for c in categories if _CSS_NAME.fullmatch(c)]  # a record's category goes into CSS only if plain
    colours = "".join(
        f'mark[data-category="{c}"],.n[data-category="{c}"],.chip[data-category="{c}"]'
        f'{{background:{COLORS.get(c, OTHER_COLOR)[0]};--stripe:{COLORS.get(c, OTHER_COLOR)[1]}}}'
        for c in styled) + "".join(
        f'p.rm[data-category="{c}"]{{border-left-color:{COLORS.get(c, OTHER_COLOR)[1]}}}' for c in styled)
    summary = (f'{n_docs} document{"s" if n_docs != 1 else ""}, {sum(totals.values())} removals'
               + (f', {errors} failed' if errors else ""))
    return PAGE.format(
        title=_esc(title), summary=_esc(summary), chips=chips, options=options, colours=colours,
        sections="\n".join(sections), data=_script_json(data), script=SCRIPT, style=STYLE,
    )


def write(page: str, path: str | Path) -> None:
    """Write ``page`` to ``path`` atomically: a temp file beside it (created exclusively,
    never through a symlink), renamed into place; nothing is left behind on failure."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            os.fchmod(fh.fileno(), 0o644)
            fh.write(page)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _order(category: str) -> int:
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)
