"""Properties of cleaning and rule loading, over generated documents and rule files.

- Only the cleaner's own errors (``CleanerError``) ever leave it.
- The body holds only text from the input: the cleaner never invents text.
- Every removal is accounted for: kept blocks plus removed text give back the input.
- Cleaning is idempotent: cleaning a clean body again changes nothing.
- A rule file loads or fails with a ``RuleError``; rules that load clean without any
  other error (a regex that backtracks is a typed ``LimitError``).

Profiles: the default runs few examples, the same ones every run (the suite stays fast
and deterministic); ``CI=true`` picks ``ci``, a few more; ``HYPOTHESIS_PROFILE=deep`` runs
2,000 random ones per property, to look for new failures.
"""
from __future__ import annotations

import contextlib
import json
import os

import pytest
import regex
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerError, LimitError, Limits, RuleError, pipeline
from cleaner.heuristics import h008_guard
from cleaner.normalize import normalize_text
from cleaner.rule import load_file
from cleaner.ruleset import builtin_rules_dir, load_rules
from conftest import FIXTURES

settings.register_profile("dev", max_examples=40, deadline=None, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("ci", max_examples=60, deadline=None, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
settings.register_profile("deep", max_examples=2_000, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

CLEANER = Cleaner()
RULES = load_rules()

# -- what documents are made of ------------------------------------------------------------------

PROSE = [
    "The city council voted on Tuesday to extend the hours of the public library, after months of debate.",
    "Supporters said students and shift workers had asked for the change for years, while opponents warned.",
    "The new schedule takes effect next month and will be reviewed after a year, the council said in a statement.",
    "Several residents who spoke at the hearing described the library as the only quiet place in their area.",
    "TEL AVIV, Israel (AP) — Officials met again on Friday to discuss the proposal, according to two people.",
    "WASHINGTON (Reuters) - The Senate passed the bill late on Thursday after a long night of debate on the floor.",
    "“We will not stop,” the mayor said. “This is what the city needs, and we have the money for it.”",
]
BOILERPLATE = sorted({line.strip() for r in RULES if r.kind != "selector" for e in r.examples
                      for line in e.split("\n") if line.strip()})
KEEPS = sorted({line.strip() for r in RULES for k in r.keeps for line in k.split("\n") if line.strip() and "<" not in k})
ODD = ["", " ", "\t", "&amp;", "&#0;", "&#xD800;", "<br>", "<p>", "</div>", "<!-- x -->", "<script>x=1</script>",
       "\u200b", "\u202e", "\ufeff", "\x00", "\r", "\u2028", "é", "e\u0301", "ﬁ", "𝔘𝔫𝔦", "¿Qué?", "—", "•", "»", "...", "|"]

texty = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
line = st.one_of(
    st.sampled_from(PROSE), st.sampled_from(BOILERPLATE), st.sampled_from(KEEPS), texty,
    st.builds(lambda a, b: a + b, st.sampled_from(ODD), st.sampled_from(PROSE + BOILERPLATE)),
)
documents = st.lists(line, min_size=1, max_size=20).map("\n".join)

WORD = regex.compile(r"\w+")


def squash(text: str) -> str:
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return WORD.findall(text)


def explained(text: str):
    try:
        return CLEANER.explain(text, kind="text")
    except CleanerError as e:
        assume(not isinstance(e, LimitError))
        return None


# -- clean_text --------------------------------------------------------------------------------


@given(documents)
def test_text_never_raises_anything_but_cleaner_errors(text):
    try:
        a = CLEANER.clean_text(text)
    except CleanerError:
        return
    json.dumps(a.to_dict(), ensure_ascii=False).encode("utf-8")


@given(documents)
def test_text_body_only_holds_input_text(text):
    x = explained(text)
    if x is None:
        return
    lines = [squash(ln) for ln in normalize_text(text).split("\n")]
    for paragraph in x.article.body.split("\n\n"):
        if paragraph:
            assert any(squash(paragraph) in ln for ln in lines), paragraph


@given(documents)
def test_every_removal_is_accounted_for(text):
    x = explained(text)
    if x is None:
        return
    # kept blocks and removed text, in order, give back the input's words in order
    assert words(" ".join(t for t, _ in x.blocks)) == words(normalize_text(text))
    assert x.article.body == "\n\n".join(t for t, r in x.blocks if r is None and t)
    assert [r.text for r in x.article.removed] == [r.text for _, r in x.blocks if r is not None]


#: the ways a second pass may still change a clean body, each named, each shown by a test
#: below (``test_idempotence_gap_*``), and left out of the idempotence properties by these
#: narrow conditions; anything else a second pass does is a failure:
#: - the title: text mode takes a headline-looking line at the top for the title (H003, with
#:   its breadcrumb H004 and section label H006), and a clean body can start with such a line;
#:   a line repeating that new title further down then goes as its repeat (H013);
TITLE_RULES = {"H003", "H004", "H006", "H013"}
#: - scope: ``head`` (up to the first paragraph of prose) and ``tail`` (the last share of the
#:   text) are measured on the text as it is, so a shorter text moves their edges: a first
#:   paragraph that lost its dateline (H007) may no longer be prose, and the head runs on; a
#:   shorter body brings lines into the tail. Rules bound to a scope (and markers, tail by
#:   default) may take a line on the second pass that the first left;
SCOPED = frozenset(r.id for r in RULES if r.where in ("head", "tail"))
#: - normalisation: a body extracted from HTML keeps characters that text input is cleaned of
#:   (control characters, odd spaces); the second pass, as text, normalises them;
#: - the guard (H008) judges shares of the text it is given: a removal it undid on the first
#:   pass (a marker's zone over half the text, "Related" twice; prose removals that would have
#:   left under a third of the prose, where a title line also counted as prose) may stand on
#:   the shorter text of the second. Left out: second-pass removals that the first pass made
#:   too with the guard off (:func:`unguarded`);
#: - runs (``kind = "run"``): a line the first pass removed between two lines makes them
#:   consecutive ("Accept", "(AFP)", "Accept"), and the second pass may read them as a run.
#:   Left out: second-pass removals by run rules when the first pass removed anything.
RUN_RULES = frozenset(r.id for r in RULES if r.kind == "run")


@contextlib.contextmanager
def guard_off():
    """The pipeline without H008 (the over-removal guard), for as long as the block runs."""
    saved = pipeline.TEXT_HEURISTICS
    pipeline.TEXT_HEURISTICS = tuple(h for h in saved if h is not h008_guard.run)
    try:
        yield
    finally:
        pipeline.TEXT_HEURISTICS = saved


def unguarded(data, html: bool = False) -> set[tuple[str, str]]:
    """(rule, text) of what the first pass removes with the guard off."""
    with guard_off():
        article = CLEANER.clean_html(data) if html else CLEANER.clean_text(data)
    return {(r.rule, r.text) for r in article.removed}


def assert_clean_already(body: str, first=None, undone: set[tuple[str, str]] = frozenset()) -> None:
    """A second pass over a clean ``body`` removes nothing but what the named gaps above allow
    (``first``: the first pass's record; ``undone``: what it removed with the guard off)."""
    again = CLEANER.clean_text(body)
    joined = RUN_RULES if first is not None and first.removed else frozenset()
    assert [r for r in again.removed if r.rule not in TITLE_RULES | SCOPED | joined and (r.rule, r.text) not in undone] == []
    kept = iter(normalize_text(body).split("\n\n"))
    assert all(p in kept for p in again.body.split("\n\n") if p)  # paragraphs only leave, unchanged
    if not again.removed:
        assert again.body == normalize_text(body).strip()


#: the generated idempotence properties run in the ``deep`` profile only (``HYPOTHESIS_PROFILE=deep``,
#: 2,000 examples each): in the full default and ``ci`` suites (after the other tests, never
#: alone) Hypothesis's generator once went on past its example budget on the text property
#: and the run never ended (CI, 2026-12-02; the cause is not known). The fixture test below is
#: their deterministic stand-in in every run, and the gap tests show each named exception.
DEEP_ONLY = pytest.mark.skipif(os.environ.get("HYPOTHESIS_PROFILE") != "deep",
                               reason="generated idempotence runs with HYPOTHESIS_PROFILE=deep")
FIXTURE_INPUTS = [pytest.param(path, id=f"{path.parent.name}/{path.name}")
                  for folder, pattern in (("text", "*.txt"), ("seeds", "*.txt"), ("html", "*.html"))
                  for path in sorted((FIXTURES / folder).glob(pattern))]


@pytest.mark.parametrize("path", FIXTURE_INPUTS)
def test_fixture_bodies_are_clean_already(path):
    # every fixture's clean body, cleaned again as text, loses nothing but a title line
    data = path.read_text(encoding="utf-8")
    article = CLEANER.clean_html(data) if path.suffix == ".html" else CLEANER.clean_text(data)
    assert article.body.strip()
    assert_clean_already(article.body)


def second_pass(data: str, html: bool = False):
    body = (CLEANER.clean_html(data) if html else CLEANER.clean_text(data)).body
    return body, CLEANER.clean_text(body)


def test_idempotence_gap_title():
    # the first pass leaves a line repeated under other lines of the head; once they are gone,
    # the second pass reads the repeat as the headline (H003): the one change of that kind
    body, again = second_pass("(AFP)\n(If you're human, leave this field blank.)\nHe worked for Reuters\nHe worked for Reuters")
    assert body.count("He worked for Reuters") == 2
    assert {r.rule for r in again.removed} <= TITLE_RULES and again.title == "He worked for Reuters"
    # …and a line that repeats the new title further down goes as its repeat (H013)
    body, again = second_pass(f"Video: 4K at 30 frames a second, Full HD at 120\n0 <\n{PROSE[0]}\n0")
    assert body.startswith("0 <") and again.title == "0 <"
    assert [r.rule for r in again.removed] == ["H003", "H013"]


def test_idempotence_gap_head_scope():
    # the dateline (H007) leaves a first paragraph too short to be prose, so on the second pass
    # the head runs on over the next line, which a head rule (NV001, a breadcrumb) then takes
    body, again = second_pass(PROSE[4] + "\n0»0")
    assert body.endswith("0»0") and not CLEANER.clean_text(PROSE[4] + "\n0»0").removed[1:]
    assert [r.rule for r in again.removed] == ["NV001"] and "NV001" in SCOPED


def article_page(*parts: str) -> str:
    return f"<html><head><title>Library hours</title></head><body><article>{''.join(parts)}</article></body></html>"


def test_idempotence_gap_tail_scope():
    # a shorter body brings "(AFP)" into the tail, where MD007 (a wire credit at the end) takes it
    p = PROSE[0]
    body, again = second_pass(article_page(
        f"<p>{p}</p>", f"<p><p><p>{p}</p><p>{p}</p><p><p>(AFP)</p><p>{p}</p><p>Did you make this recipe? Leave a comment "
        "and a star rating below!</p></p></p></p>", f'<p class="breadcrumb">{p}</p>'), html=True)
    assert body.split("\n\n")[1] == "(AFP)"
    assert [r.rule for r in again.removed] == ["MD007"] and "MD007" in SCOPED


def test_idempotence_gap_normalisation():
    # a body extracted from HTML keeps two spaces where an element stood; text input has its
    # spaces collapsed, so the second pass changes the paragraph, and only so
    p = PROSE[0]
    body, again = second_pass(article_page(
        f'<p class="share">{p}</p>', f"<p><p><p>{p}</p><p>{p}</p><p><span>\x7f</span></p></p></p>", "<p>(AFP)</p>"), html=True)
    assert "  (AFP)" in body and not again.removed
    assert again.body != body and again.body == normalize_text(body).strip()


DISCLAIMER = "* Disclaimer: This post is not intended to replace the advice of a doctor. Always speak to a qualified professional first."


def test_idempotence_gap_zone_undo():
    # two "Related" lines: the marker's zone (the second line) is over half the text with no
    # prose in it, so the guard (H008) undoes it but for the marker line; cleaned again, the
    # line that stayed is a marker line on its own, and goes
    first = CLEANER.clean_text("Related\nRelated")
    assert first.body == "Related" and [(r.rule, r.text) for r in first.removed] == [("SA006", "Related")]
    assert CLEANER.clean_text(first.body).body == ""
    assert unguarded("Related\nRelated") == {("SA006", "Related")}  # the guard's doing
    three = CLEANER.clean_text("Related\nRelated\n" + PROSE[0])  # with prose after it, the zone is small
    assert [r.text for r in three.removed] == ["Related", "Related"]


def test_idempotence_gap_guard_share():
    # the first pass removes a repeated headline (H013, metadata) and would remove a disclaimer
    # (NV020), but the guard measures the prose left against the prose there was, the headline
    # counted, and gives the disclaimer back; the second pass, without the headline, does not
    page = (f'<html><head><title></title></head><body><article><p>(AFP)</p><p><p>(AFP)</p><p class="share">{PROSE[1]}</p>'
            f'<p><div class="share"><h1>{PROSE[0]}</h1><p>{DISCLAIMER}</p></div></p></p></article></body></html>')
    body, again = second_pass(page, html=True)
    assert DISCLAIMER in body and [r.rule for r in again.removed] == ["NV020"]
    assert ("NV020", DISCLAIMER) in unguarded(page, html=True)


def test_idempotence_gap_run_joined():
    # "(AFP)" between two "Accept" buttons goes (MD007); the buttons are then consecutive, a run
    # of consent buttons (CK003) for the second pass
    body, again = second_pass(f"{PROSE[0]}\nAccept\n(AFP)\nAccept")
    assert body.endswith("Accept\n\nAccept")
    assert {r.rule for r in again.removed} == {"CK003"} and "CK003" in RUN_RULES


@DEEP_ONLY
@given(documents)
def test_text_cleaning_is_idempotent(text):
    try:
        first = CLEANER.clean_text(text)
    except CleanerError:
        return
    if first.body.strip():
        assert_clean_already(first.body, first, unguarded(text))


# -- clean_html --------------------------------------------------------------------------------

CLASSES = ["", "share", "social-share", "related", "comments", "newsletter", "cookie-banner", "content", "article-body",
           "breadcrumb", "ad", "promo", "author", "byline", "tags", "sidebar", "twitter-tweet"]
TAGS = ["p", "div", "h1", "h2", "li", "span", "a", "aside", "nav", "footer", "section", "blockquote", "figure", "ul"]
html_text = st.one_of(st.sampled_from(PROSE), st.sampled_from(BOILERPLATE), texty.map(lambda s: s.replace("<", " ")))


@st.composite
def elements(draw, depth=0):
    tag = draw(st.sampled_from(TAGS))
    cls = draw(st.sampled_from(CLASSES))
    attr = f' class="{cls}"' if cls else ""
    if depth < 3 and draw(st.booleans()):
        inner = "".join(draw(st.lists(elements(depth + 1), max_size=4)))
    else:
        inner = draw(html_text).replace("&", "&amp;")
    return f"<{tag}{attr}>{inner}</{tag}>"


pages = st.builds(
    lambda title, body: f"<html><head><title>{title}</title></head><body><article>{''.join(body)}</article></body></html>",
    st.sampled_from(["Library hours", "News", "Council votes – The Daily", ""]),
    st.lists(elements(), min_size=1, max_size=10),
)
raw_html = st.one_of(pages, st.lists(st.one_of(line, st.sampled_from(ODD)), max_size=30).map("".join).map(
    lambda s: "<html><body>" + s + "</body></html>"))


@given(st.one_of(raw_html, raw_html.map(lambda s: s.encode("utf-8")), st.binary(max_size=300)))
def test_html_never_raises_anything_but_cleaner_errors(page):
    try:
        a = CLEANER.clean_html(page)
    except CleanerError:
        return
    json.dumps(a.to_dict(), ensure_ascii=False).encode("utf-8")


def visible_text(page: str) -> str:
    from lxml.html import document_fromstring

    return squash(" ".join(document_fromstring(page).itertext())).casefold()


def subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def bare(text: str) -> str:
    """Casefolded, without white space and control characters (which the cleaner drops)."""
    return regex.sub(r"[\s\p{Cc}\p{Cf}]+", "", text.casefold())


@given(pages)
def test_html_body_only_holds_page_text(page):
    try:
        a = CLEANER.clean_html(page)
    except CleanerError:
        return
    # every character of the body comes from the page's text, in the page's order
    # (trafilatura may glue the words on either side of an element it drops, and writes
    # a list item as "- item")
    body = "\n".join(ln.removeprefix("- ") for ln in a.body.split("\n"))
    assert subsequence(bare(body), bare(visible_text(page)))


@DEEP_ONLY
@given(pages)
def test_html_body_is_clean_already(page):
    try:
        first = CLEANER.clean_html(page)
    except CleanerError:
        return
    if first.body.strip():
        assert_clean_already(first.body, first, unguarded(page, html=True))


# -- rule files --------------------------------------------------------------------------------


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return "[" + ", ".join(toml_value(x) for x in v) + "]"


regex_bits = st.sampled_from(["a", "b", "\\s", "\\w", ".", "*", "+", "?", "(", ")", "|", "[", "]", "{2,5}", "^", "$",
                              "\\b", "(?P<source>", "(?P<x>", "(?:", "\\", "share", "follow us", "{e<=1}", "\\p{L}", "\\1"])
patterns = st.lists(regex_bits, max_size=12).map("".join)
names = st.sampled_from(["id", "name", "why", "kind", "patterns", "phrases", "where", "min_chars", "max_chars",
                         "max_words", "min_run", "labels", "stop_at_body", "domains", "unless", "categories",
                         "case_sensitive", "examples", "keeps", "category", "colour", "pattern"])
values = st.one_of(st.integers(-5, 400), st.booleans(), texty, patterns, st.lists(st.one_of(patterns, texty), max_size=4),
                   st.sampled_from(["line", "phrase", "run", "marker", "selector", "keep", "head", "tail", "promo",
                                    "div.share", "#x", "a[href*=share]", "p:nth-child(2)", "::x", "XP001"]))
rule_tables = st.fixed_dictionaries(
    {"id": st.sampled_from(["XP001", "XP002", "xp1", "SH001"]), "why": st.just("Because."),
     "kind": st.sampled_from(["line", "phrase", "run", "marker", "selector", "keep", "other"])},
    optional={"patterns": st.lists(patterns, min_size=1, max_size=3), "phrases": st.lists(texty, min_size=1, max_size=3)},
).flatmap(lambda base: st.dictionaries(names, values, max_size=4).map(lambda extra: {**base, **extra}))


def rule_file(category: str, tables: list[dict]) -> str:
    out = [f"category = {toml_value(category)}"]
    for t in tables:
        out.append("[[rules]]")
        out += [f"{k} = {toml_value(v)}" for k, v in t.items()]
    return "\n".join(out) + "\n"


@settings(max_examples=int(os.environ.get("RULE_EXAMPLES", "40")))
@given(st.sampled_from(["promo", "comments", "adverts"]), st.lists(rule_tables, min_size=1, max_size=3))
def test_rule_files_load_or_fail_with_a_rule_error(tmp_path_factory, category, tables):
    path = tmp_path_factory.mktemp("rules") / "mine.toml"
    path.write_text(rule_file(category, tables), encoding="utf-8")
    try:
        rules = load_rules(path)
    except RuleError as e:
        assert str(path) in str(e)
        return
    c = Cleaner(rules=rules, limits=Limits(timeout=5, regex_timeout=0.05))
    for doc in ("Share this\nFollow us\n" + PROSE[0] + "\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n" + PROSE[1],):
        try:
            c.clean_text(doc)
            c.clean_html(f"<html><body><div class='share'>Share</div><p>{PROSE[0]}</p><p>{doc}</p></body></html>")
        except CleanerError:
            pass


@given(st.binary(max_size=400))
def test_any_bytes_as_a_rule_file(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("rules") / "junk.toml"
    path.write_bytes(data)
    try:
        load_file(path)
    except RuleError as e:
        assert str(path) in str(e)


def test_builtin_rule_files_round_trip_through_the_generator():
    # the TOML writer above is good enough to write real rule files back
    import tomllib

    for f in builtin_rules_dir().glob("*.toml"):
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        text = rule_file(data["category"], data["rules"])
        assert tomllib.loads(text)["rules"] == data["rules"]


def test_text_in_angle_brackets_is_not_a_tag():
    from cleaner.normalize import normalize_text

    assert normalize_text("<The Palace: Tale of Jang> opens <b>tonight</b>") == "<The Palace: Tale of Jang> opens tonight"
    assert normalize_text('<p class="x">One</p><my-widget data-x="1">two</my-widget><fb:like/>') == "\nOne\ntwo"


# -- the quick forms of slow checks say what the slow ones say -------------------------------------

_WORDY = st.text(st.sampled_from(list("ab z_1é—.,!?…”) \t\n\u3000\x1c")), max_size=120)  # \x1c: a space to rstrip, not to \s


@given(_WORDY)
def test_the_prose_test_counts_words_as_runs_of_word_characters(text):
    """``text._prose`` counts words with the regex engine, up to the number it asks for:
    the same answer as counting every run of ``\\w`` and searching for a sentence's end."""
    from cleaner.text import _SENTENCE_END
    from cleaner.text import PROSE_WORDS, _prose

    words = len(regex.findall(r"\w+", text))
    assert _prose(text) == (words >= 2 * PROSE_WORDS or (words >= PROSE_WORDS and bool(_SENTENCE_END.search(text))))


_RAW = st.text(st.sampled_from(list("ab p<>/&;#1 \t\n\r\x0b\x85\u00a0\u2003\u3000\u200b\u2028\ufeff\ue000")), max_size=80)
#: white space of every kind, characters Python does not print (in _TO_CHANGE or not: "\r",
#: a private-use one) and letters
_SPACY = st.text(st.sampled_from(list("a é\t\n\r\x0b\x0c\x1f\x7f\x85\u00a0\u00ad\u1680\u2003\u200b\u2028\u202f\u3000\ufeff\ue000")),
                 max_size=60)


@given(_SPACY)
def test_the_normalising_shortcuts_answer_as_the_plain_passes(text):
    """``normalize._holds_to_change`` (a printable text first) says what ``_TO_CHANGE.search``
    does, and ``_ODD_RUNS`` (runs of two or more, lone odd spaces) substitutes what
    ``_SPACES`` (every run) does."""
    from cleaner import normalize as n

    assert n._holds_to_change(text) == (n._TO_CHANGE.search(text) is not None)
    assert n._ODD_RUNS.sub(" ", text) == n._SPACES.sub(" ", text)


@given(st.lists(st.sampled_from(list("<&a;#1/ p\n") + ["&amp;", "&#1;", "<p>", "</a ", "< p>"])).map("".join))
def test_markup_is_found_one_start_at_a_time_as_by_the_search(text):
    """``normalize._holds_markup`` (each "<" and "&" tried in turn, a scan past
    ``MARKUP_TRIES`` of either) answers as ``_HAS_MARKUP.search``."""
    from cleaner import normalize as n

    expected = n._HAS_MARKUP.search(text) is not None
    assert n._holds_markup(text) == expected
    tries = n.MARKUP_TRIES
    try:
        n.MARKUP_TRIES = 1  # the scan after the first of each
        assert n._holds_markup(text) == expected
    finally:
        n.MARKUP_TRIES = tries


@given(_RAW)
def test_the_normalised_text_is_what_every_pass_would_make(text):
    """``normalize_text`` skips the passes that have nothing to do: the same text as running
    every one of them."""
    import html
    import unicodedata

    from cleaner import normalize as n

    full = n._NEWLINES.sub("\n", text)
    if n._HAS_MARKUP.search(full):
        full = html.unescape(n._ANY_TAG.sub("", n._BLOCK_TAG.sub("\n", n._CODE.sub("", full))))
    full = unicodedata.normalize("NFC", full)
    full = n._SPACES.sub(" ", n._INVISIBLE.sub("", full.replace("\u00a0", " ")))
    assert normalize_text(text) == full
