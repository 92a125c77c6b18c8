"""cleaner.datewords: the strings no locale of dateparser reads, turned away without it; each
one it turns away gets no date from dateparser, and the cleaner's htmldate finds the same
dates as htmldate's own without asking dateparser about them."""
from __future__ import annotations


import pytest
from dateparser.date import DateDataParser
from hypothesis import HealthCheck, given, settings, strategies as st
from htmldate import core
from htmldate.extractors import get_external_parser
from lxml.html import fromstring

from cleaner import datewords, htmldates, letterruns
from cleaner.rebind import reaching, rebound

WORDS = datewords.vocabulary()

#: text of the kind htmldate hands dateparser when it finds no date itself: a headline or a
#: label with a year or a number in it
UNREAD = [
    "Top 10 Gadgets for Students in 2024",
    "Subscribe to our newsletter 2023",
    "Product rating 4.5 out of 5",
    "Chapter 12: Results and Discussion 2019",
    "Best hiking trails of 2025 (updated list)",
    "Winners of the 2022 photography contest",
    "Updated March 3, 2021",  # "updated" is no word of any locale's: dateparser reads no date either
]
#: what a locale does read, or what is passed on because it might
READ = [
    "3 days ago", "yesterday 10:30", "Mon, 02 Mar 2026 09:53:50 GMT", "12/05/2020", "2021-03-04",
    "Q3 2020", "April MMX", "5th of May 2021", "le 3 mars 2021", "3. März 2021", "hace 3 días",
    "Sat-Sun 9AM-5PM ET", "2016年10月14日", "UTC+0530 whatever",
]


def dateparser_date(string: str):
    return get_external_parser().get_date_data(string)["date_obj"]


def test_the_vocabulary_is_built_for_the_installed_dateparser():
    """With another dateparser whose data or settings this was not written for, this fails
    instead of the speed-up vanishing unseen."""
    assert WORDS is not None
    assert {"january", "ago", "yesterday", "mars", "hace"} <= WORDS.closed


def test_the_vocabulary_compiles_one_split_regex_of_each_spacing_not_every_locales(monkeypatch, tmp_path):
    """dateparser builds every locale's split regex with one method: the vocabulary compares
    one locale of each spacing with it (207 compiles took 0.28 s of the 0.74 s building the
    vocabulary took), and still turns itself off when that method builds them otherwise."""
    from dateparser.languages.dictionary import Dictionary

    built: list[str] = []
    construct = Dictionary._construct_split_relative_regex

    def counted(self):
        built.append(self.info["name"])
        construct(self)

    monkeypatch.setattr(Dictionary, "_split_relative_regex_cache", {})
    monkeypatch.setattr(Dictionary, "_construct_split_relative_regex", counted)
    words = datewords.build(datewords._dateparser())
    assert words is not None and words.closed == WORDS.closed and words.open == WORDS.open
    assert 1 <= len(built) <= 2
    monkeypatch.setattr(Dictionary, "_split_relative_regex_cache", {})
    monkeypatch.setattr(datewords, "_RELATIVE_GUARDS", {True: ("", ""), False: ("", "")})
    monkeypatch.setattr(datewords, "SHIPPED", tmp_path / "absent.json")
    datewords.vocabulary.cache_clear()
    try:
        assert datewords.vocabulary() is None
    finally:
        datewords.vocabulary.cache_clear()


def _same(a, b) -> bool:
    return a.closed == b.closed and a.open == b.open and a.longest == b.longest


def test_the_shipped_vocabulary_is_what_the_installed_dateparser_builds():
    """cleaner/datewords.json is read instead of building the vocabulary (0.46 s a process):
    for the dateparser it was written for, it is the same, locale by locale."""
    import json

    import dateparser

    written_for = json.loads(datewords.SHIPPED.read_text(encoding="utf-8"))["dateparser"]
    if written_for != dateparser.__version__:
        pytest.skip(f"datewords.json was written for dateparser {written_for}, {dateparser.__version__} is "
                    "installed (it is built in each process instead): run python -m cleaner.datewords")
    parser = datewords._dateparser()
    shipped, built = datewords._read(datewords.SHIPPED, parser._settings), datewords.build(parser)
    assert shipped is not None and _same(shipped, built) and shipped.zones == built.zones
    assert shipped.by_locale.keys() == built.by_locale.keys()
    assert all(_same(shipped.by_locale[name], known) for name, known in built.by_locale.items())


def test_a_vocabulary_written_for_another_dateparser_is_built_anew(monkeypatch, tmp_path):
    import json

    import dateparser

    other = json.loads(datewords.SHIPPED.read_text(encoding="utf-8"))
    other["dateparser"] = "0.0"
    path = tmp_path / "datewords.json"
    path.write_text(json.dumps(other), encoding="utf-8")
    parser = datewords._dateparser()
    assert datewords._read(path, parser._settings) is None
    monkeypatch.setattr(datewords, "SHIPPED", path)
    datewords.vocabulary.cache_clear()
    try:
        words = datewords.vocabulary()
        assert words is not None and _same(words, WORDS)
        path.write_text('{"format": 1, "dateparser": "%s", "locales": [1]}' % dateparser.__version__, encoding="utf-8")
        assert datewords._read(path, parser._settings) is None  # (malformed: built instead, not turned off)
        datewords.vocabulary.cache_clear()
        assert _same(datewords.vocabulary(), WORDS)
    finally:
        datewords.vocabulary.cache_clear()


@pytest.mark.parametrize("string", UNREAD)
def test_what_it_turns_away_dateparser_finds_no_date_in(string):
    assert not datewords.readable(string, WORDS)
    assert dateparser_date(string) is None


@pytest.mark.parametrize("string", READ)
def test_dates_and_what_might_be_one_are_passed_on(string):
    assert datewords.readable(string, WORDS)


def _locale_dates() -> list[str]:
    """Dates written in the words of every locale: a day, a month's and a weekday's names
    and a year; a number of its relative units and its "ago"."""
    out = []
    parser = get_external_parser()
    for locale in parser._get_locale_loader().get_locales(languages=None, locales=None, region=None,
                                                           use_given_order=False):
        info = locale.info
        month = (info.get("march") or [None])[0]
        day = (info.get("tuesday") or [None])[0]
        if month:
            out += [f"3 {month} 2021", f"{month} 3, 2021", f"{day or ''} 3 {month} 2021 10:30"]
        for unit in ("day", "week", "hour"):
            for word in info.get(unit, [])[:1]:
                for ago in info.get("ago", [])[:1]:
                    out.append(f"3 {word} {ago}")
    return out


def test_dates_in_every_locales_words_get_the_same_answer():
    """Every such date that it turns away dateparser finds no date in either."""
    turned = [s for s in _locale_dates() if not datewords.readable(s, WORDS)]
    assert all(dateparser_date(s) is None for s in turned), [s for s in turned if dateparser_date(s)]
    assert not turned  # (and these are dates: none is)


#: pieces of the strings drawn: dateparser's words (of random locales), digits and marks,
#: and words of no locale
_KNOWN = sorted(WORDS.closed) if WORDS else ["may"]
PIECES = st.one_of(st.sampled_from(_KNOWN), st.sampled_from(["2021", "3", "10:30", "/", ",", "-", ".", "(", "+02"]),
                   st.sampled_from(["gadget", "review", "houseplant", "summit", "list", "tips", "xq"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=7), st.sampled_from([" ", "", "-"]))
def test_what_it_turns_away_gets_no_date_from_dateparser(pieces, glue):
    string = glue.join(pieces)
    if not datewords.readable(string, WORDS):
        assert dateparser_date(string) is None


def test_explains_runs_cut_at_open_edges_only():
    words = datewords.Vocabulary({"may", "day"}, {"am": (True, True), "t": (False, True)}, None)
    assert words.explains("may") and words.explains("iv")  # a word; a Roman numeral
    assert words.explains("mayam") and words.explains("amday")  # beside an open piece
    assert not words.explains("mayday")  # two closed edges meet
    assert words.explains("tday") and not words.explains("dayt")  # "t" is open on its right only


PAGE = """<html><head><title>A page</title></head><body><div><p>Top 10 Gadgets for Students in 2024</p>
<p>Product rating 4.5 out of 5</p><p>Posted in 2024 by the desk, 12/05/2020.</p></div></body></html>"""


def test_the_cleaners_htmldate_asks_dateparser_less_and_finds_the_same_date(monkeypatch):
    asked = []
    original = DateDataParser.get_date_data

    def counting(self, string, *args, **kwargs):
        asked.append(string)
        return original(self, string, *args, **kwargs)

    monkeypatch.setattr(DateDataParser, "get_date_data", counting)
    htmldates.try_date_expr.cache_clear()
    ours = htmldates.find_date(fromstring(PAGE), extensive_search=True)
    ours_asked, asked[:] = list(asked), []
    core.find_date.__globals__["try_date_expr"].cache_clear()
    theirs = core.find_date(fromstring(PAGE), extensive_search=True)
    assert ours == theirs
    assert set(UNREAD) & set(asked) and not set(UNREAD) & set(ours_asked)


def test_rebound_functions_keep_a_cache_and_reach_their_callers():
    import types

    module = types.ModuleType("m")
    exec("import functools\n@functools.lru_cache(maxsize=8)\ndef f(x):\n    return g(x)\n"
         "def g(x):\n    return x\ndef h(x):\n    return f(x)\ndef k(x):\n    return x\n", module.__dict__)
    assert reaching(module, {"g"}) == {"f", "h"}
    space = rebound(module, ("f", "h"), g=lambda x: -x)
    assert space["h"](2) == -2 and module.h(2) == 2
    assert space["f"].cache_parameters()["maxsize"] == 8 and space["f"].cache_info().hits == 0


def test_patterns_expand_to_their_runs_of_letters_with_open_edges():
    guarded = letterruns.pattern_runs(r"(?<=\A|\W|_)(\d+) centur(?:y|ies)(?=\Z|\W|_)")
    assert set(guarded) == {("century", False, False), ("centuries", False, False)}
    assert set(letterruns.pattern_runs(r"(\d+)\s*mons?")) == {("mon", False, True), ("mons", False, True)}
    assert set(letterruns.pattern_runs(r"\bago")) == {("ago", False, True)}
    assert letterruns.pattern_runs(r"ו(\w+)") is None  # wild, but only after a Hebrew letter
    with pytest.raises(letterruns.Wild):
        letterruns.pattern_runs(r"(\d+)\w+")
    assert letterruns.pattern_runs(r"(\d+)\s*год") == ()  # no ASCII letter: not even parsed


def test_the_ascii_prefilter_leaves_the_vocabulary_as_it_is(monkeypatch):
    """Patterns it skips hold no run of ASCII letters: built without it, the vocabulary is
    the same."""
    assert letterruns.may_meet_ascii("(\\d+)h") and letterruns.may_meet_ascii("[!-~]")
    assert letterruns.may_meet_ascii("\u212a") and not letterruns.may_meet_ascii(r"(\d+)\s*[.,]\s*год")
    monkeypatch.setattr(letterruns, "may_meet_ascii", lambda pattern: True)
    letterruns.pattern_runs.cache_clear()
    try:
        full = datewords.vocabulary.__wrapped__()
    finally:
        letterruns.pattern_runs.cache_clear()

    def ascii_only(words):
        return {w for w in words.closed if w.isascii()}, {w: e for w, e in words.open.items() if w.isascii()}
    assert ascii_only(full) == ascii_only(WORDS)


#: strings of every kind the prescreened parser is checked on: what it turns away, what
#: it passes on, dates in many locales' words
SAMPLES = UNREAD + READ + ["Hours Mon-Fri 9AM-10PM ET Sat-Sun 9AM-8", "on 04-ago-2021 5:11:10", "2017;6(10):e002218.",
                           "vor 3 Tagen", "il y a 2 heures", "3 de março de 2021", "20 października 2020",
                           "15 Ekim 2021 Cuma", "5 dní temu", "2 hrs ago", "in 3 weeks", "14 ottobre 2016 07:17"]


def test_the_prescreened_locale_test_says_no_only_where_dateparsers_does():
    """For every locale and variant, on every sample: where the vocabulary turns the locale
    away, dateparser's own test does too."""
    parser = get_external_parser()
    mine = datewords.prescreened(parser, WORDS)
    found = list(parser._get_locale_loader().get_locales(languages=None, locales=None, region=None,
                                                         use_given_order=False))
    locales = {*found, *(locale._native for locale in found)}
    assert {locale.info["name"] for locale in locales} == WORDS.by_locale.keys()
    asked = 0
    for locale in locales:
        for string in SAMPLES:
            if not mine._is_applicable_locale(locale, string):
                asked += 1
                assert not parser._is_applicable_locale(locale, string), (locale.shortname, string)
    assert asked > len(SAMPLES) * len(WORDS.by_locale) / 2  # (most locales know a sample's words: none)


@pytest.mark.parametrize("string", SAMPLES + _locale_dates()[::7])
def test_the_prescreened_parser_reads_what_dateparser_reads(string):
    parser = get_external_parser()
    mine = datewords.prescreened(parser, WORDS)
    theirs, ours = parser.get_date_data(string), mine.get_date_data(string)
    assert (ours["date_obj"], ours["period"], ours["locale"]) == (theirs["date_obj"], theirs["period"], theirs["locale"])
