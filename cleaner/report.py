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
    return _PAGE.format(
        title=_esc(title), summary=_esc(summary), chips=chips, options=options, colours=colours,
        sections="\n".join(sections), data=_script_json(data), script=_SCRIPT, style=_STYLE,
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


_STYLE = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f9fafb}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #e5e7eb;padding:10px 16px}
h1{font-size:17px;margin:0 8px 0 0;display:inline}
.summary{color:#6b7280}
.bar{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-top:8px}
input[type=search]{width:260px;padding:4px 8px;border:1px solid #d1d5db;border-radius:4px;font:inherit}
select{max-width:340px;padding:3px;font:inherit}
.chip{border:1px solid var(--stripe);border-radius:12px;padding:1px 9px;font:inherit;font-size:12.5px;cursor:pointer}
.chip[aria-pressed=true]{outline:2px solid var(--stripe);font-weight:600}
.chip .n{background:none;border:none;padding:0 0 0 2px;font-weight:600}
label{font-size:12.5px;color:#374151}
main{padding:8px 16px 40px}
.doc{background:#fff;border:1px solid #e5e7eb;border-radius:6px;margin:4px 0}
.doc[hidden]{display:none}
summary{cursor:pointer;padding:6px 10px;display:flex;gap:10px;align-items:baseline;list-style-position:inside}
summary .num{color:#9ca3af;font-size:12px;min-width:2.5em;text-align:right}
summary .id{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;color:#374151;overflow:hidden;
  text-overflow:ellipsis;white-space:nowrap;max-width:34%}
summary .untitled{color:#9ca3af;font-weight:400}
summary .title{flex:1;font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.counts{display:flex;gap:3px;margin-left:auto}
.n{border-radius:9px;padding:0 6px;font-size:12px;border:1px solid var(--stripe,#d1d5db)}
.total{font-size:12px;color:#6b7280;min-width:2.5em;text-align:right}
.bad{color:#fff;background:#dc2626;border-radius:4px;padding:0 5px;font-size:11.5px}
.warnflag{color:#92400e;background:#fef3c7;border-radius:4px;padding:0 5px;font-size:11.5px}
.body{padding:0 14px 10px 14px;border-top:1px solid #f3f4f6;display:grid;
  grid-template-columns:minmax(0,1fr) minmax(220px,340px);gap:0 24px;align-items:start}
.body>.text{grid-column:1;grid-row:1 / span 9}
.body>:not(.text){grid-column:2}
dl.meta{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:1px 10px;margin:8px 0;font-size:12.5px;
  background:#f9fafb;border-radius:6px;padding:6px 10px}
dl.meta dt{color:#6b7280}
dl.meta dd{margin:0;overflow-wrap:anywhere}
dl.meta .none{color:#c0c4cc}
table.legend{justify-self:start;border-collapse:collapse;font-size:12.5px;margin:4px 0 8px}
table.legend td{padding:1px 6px 1px 0;vertical-align:baseline}
table.legend .k{text-align:right;font-weight:600}
table.legend .ids{font:11.5px ui-monospace,Menlo,Consolas,monospace;color:#4b5563}
table.legend .sum td{color:#6b7280;border-top:1px solid #e5e7eb}
.warn{background:#fef3c7;padding:4px 8px;border-radius:4px;font-size:12.5px;margin:4px 0}
.error{background:#fee2e2;padding:4px 8px;border-radius:4px;font-size:12.5px;margin:4px 0}
.note{color:#6b7280;font-style:italic;font-size:12.5px}
.text{max-width:900px;padding-top:2px}
.text p{margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.text p.rm{border-left:3px solid #e5e7eb;padding-left:6px}
mark{color:inherit;border-radius:3px;padding:1px 2px;cursor:pointer;box-decoration-break:clone;-webkit-box-decoration-break:clone}
mark::after{content:attr(data-rule);font:600 10.5px ui-monospace,Menlo,Consolas,monospace;color:var(--stripe);
  margin-left:6px;vertical-align:1px}
mark[data-pruned]::before{content:"pruned element";font:10.5px system-ui,sans-serif;color:#6b7280;margin-right:6px}
.more{color:#6b7280;font-size:12px;margin-left:6px}
.text.only-removals p:not(.rm){display:none}
mark.dim{background:none!important;color:#9ca3af}
mark.dim::after{color:#c0c4cc}
mark.hit{outline:2px solid var(--stripe)}
#pop{position:fixed;z-index:3;max-width:420px;background:#111827;color:#f9fafb;border-radius:6px;padding:8px 10px;
  font-size:13px;box-shadow:0 4px 14px rgba(0,0,0,.25)}
#pop b{font-family:ui-monospace,Menlo,Consolas,monospace}
#pop .cat{color:#d1d5db}
.hint{color:#9ca3af;font-size:12px;margin-left:6px}
#empty{color:#6b7280;padding:20px}
"""

_SCRIPT = r"""
(function(){
"use strict";
var data = JSON.parse(document.getElementById("report-data").textContent);
var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
var q = document.getElementById("q"), ruleSel = document.getElementById("rule");
var onlyRm = document.getElementById("only-removals"), shown = document.getElementById("shown");
var pop = document.getElementById("pop"), state = {category: null, rule: null};
function matches(m){
  return (!state.category || m.dataset.category === state.category) && (!state.rule || m.dataset.rule === state.rule);
}
function paint(d){
  var body = d.querySelector(".body");
  if (!body.dataset.done) return;
  var any = state.category || state.rule;
  body.querySelectorAll("mark").forEach(function(m){
    var ok = matches(m);
    m.classList.toggle("dim", !!any && !ok);
    m.classList.toggle("hit", !!any && ok);
  });
  body.querySelector(".text").classList.toggle("only-removals", onlyRm.checked);
}
function fill(d){
  var body = d.querySelector(".body");
  if (body.dataset.done) return;
  body.innerHTML = data.docs[+d.dataset.i];  /* escaped in Python: text only, <mark>s of ours */
  body.querySelectorAll("mark").forEach(function(m){
    var r = data.rules[m.dataset.rule] || {};
    m.title = m.dataset.category + " " + m.dataset.rule + (r.why ? " \u2014 " + r.why : "");
  });
  body.dataset.done = "1";
  paint(d);
}
docs.forEach(function(d){ d.addEventListener("toggle", function(){ if (d.open) fill(d); }); });
var plain = [], ENT = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#x27;": "'"};
function text(i){  /* a document's text for the search box, made on first search */
  if (plain[i] === undefined) plain[i] = data.docs[i].replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#x27);/g, function(e){ return ENT[e]; }).toLowerCase();
  return plain[i];
}
function filter(){
  var words = q.value.toLowerCase().split(/\s+/).filter(Boolean), n = 0;
  docs.forEach(function(d){
    var s = d.dataset.search, i = +d.dataset.i;
    var ok = words.every(function(w){ return s.indexOf(w) >= 0 || text(i).indexOf(w) >= 0; });
    if (ok && state.category) ok = (" " + d.dataset.categories + " ").indexOf(" " + state.category + " ") >= 0;
    if (ok && state.rule) ok = (" " + d.dataset.rules + " ").indexOf(" " + state.rule + " ") >= 0;
    d.hidden = !ok; n += ok;
    paint(d);
  });
  shown.textContent = n === docs.length ? "" : "\u00b7 " + n + " shown";
  document.getElementById("empty").hidden = n > 0;
}
q.addEventListener("input", filter);
ruleSel.addEventListener("change", function(){ state.rule = ruleSel.value || null; filter(); });
onlyRm.addEventListener("change", filter);
document.querySelectorAll(".chip").forEach(function(c){
  c.addEventListener("click", function(){
    state.category = state.category === c.dataset.category ? null : c.dataset.category;
    document.querySelectorAll(".chip").forEach(function(o){
      o.setAttribute("aria-pressed", String(o.dataset.category === state.category));
    });
    filter();
  });
});
document.getElementById("open-shown").addEventListener("click", function(){
  var k = 0;
  docs.forEach(function(d){ if (!d.hidden && k < 25) { d.open = true; k++; } });
});
document.getElementById("close-all").addEventListener("click", function(){
  docs.forEach(function(d){ d.open = false; });
});
document.addEventListener("click", function(e){
  var m = e.target.closest && e.target.closest("mark");
  if (!m) { pop.hidden = true; return; }
  var r = data.rules[m.dataset.rule] || {};
  pop.textContent = "";
  var b = document.createElement("b"); b.textContent = m.dataset.rule; pop.appendChild(b);
  var c = document.createElement("span"); c.className = "cat";
  c.textContent = " " + (r.name || "") + " \u00b7 " + m.dataset.category + (r.kind ? " \u00b7 " + r.kind : "");
  pop.appendChild(c);
  var w = document.createElement("div"); w.textContent = r.why || "(no description: a rule not in this rule set)";
  pop.appendChild(w);
  var box = m.getBoundingClientRect();
  pop.hidden = false;
  pop.style.left = Math.max(8, Math.min(box.left, window.innerWidth - pop.offsetWidth - 8)) + "px";
  var top = box.bottom + 6;
  if (top + pop.offsetHeight > window.innerHeight) top = Math.max(8, box.top - pop.offsetHeight - 6);
  pop.style.top = top + "px";
});
document.addEventListener("keydown", function(e){ if (e.key === "Escape") pop.hidden = true; });
window.addEventListener("scroll", function(){ pop.hidden = true; }, {passive: true});
var hash = decodeURIComponent(location.hash.slice(1)), first = hash && document.getElementById(hash);
if (first && first.tagName === "DETAILS") first.open = true;
else if (/^open=[\d,]+$/.test(hash)) hash.slice(5).split(",").forEach(function(n){  /* #open=3,7: no scrolling */
  var d = document.getElementById("doc-" + n); if (d) d.open = true;
});
else if (docs.length <= 3) docs.forEach(function(d){ d.open = true; });
else docs[0].open = true;  /* one example of what opening a document shows */
filter();
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{style}{colours}</style>
</head>
<body>
<header>
<h1>{title}</h1> <span class="summary">{summary}</span> <span class="summary" id="shown"></span>
<div class="bar">
<input type="search" id="q" placeholder="Search ids, titles, texts…" aria-label="Search documents">
<select id="rule" aria-label="Filter by rule"><option value="">every rule</option>{options}</select>
<label><input type="checkbox" id="only-removals"> removals only</label>
<button type="button" id="open-shown">open first 25 shown</button>
<button type="button" id="close-all">close all</button>
</div>
<div class="bar" id="categories">{chips}<span class="hint">click a category or pick a rule to filter;
hover or click a highlight for its rule and why</span></div>
</header>
<main>
{sections}
<p id="empty" hidden>No document matches.</p>
</main>
<div id="pop" hidden></div>
<script type="application/json" id="report-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
