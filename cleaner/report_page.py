"""The report page's own parts, as data: its style sheet (``STYLE``), its script (``SCRIPT``:
search, the category filter, the rule menu) and its page template (``PAGE``), which
:func:`cleaner.report.report_html` fills in. No network: everything is inline.
"""
STYLE = """
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

SCRIPT = r"""
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

PAGE = """<!DOCTYPE html>
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
