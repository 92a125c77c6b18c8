"""Every rule's examples (removed by it alone) and keeps (kept by all): ``pytest -k RULE_ID``."""
from __future__ import annotations

import pytest

from cleaner.checks import check_rule
from cleaner.ruleset import load_rules

RULES = load_rules()


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.id)
def test_rule_examples(rule):
    assert check_rule(rule, RULES) == []


def test_every_category_has_a_rule_file():
    from cleaner.record import CATEGORIES

    assert {r.category for r in RULES} == set(CATEGORIES)


def test_every_rule_documents_itself():
    for rule in RULES:
        assert rule.name and rule.why and rule.examples and rule.keeps, rule.id


def test_the_screen_lets_through_every_line_a_rule_matches():
    """The screen only saves work: a block some line or marker rule matches must pass it."""
    from cleaner.text import squash

    screen = RULES.screen
    assert screen is not None and screen.floating  # wildcard-led patterns are searched apart
    for rule in RULES.line_rules + RULES.markers:
        for text in rule.examples + rule.keeps:
            for line in filter(None, map(squash, text.split("\n"))):
                if any(rx.fullmatch(line) for rx in rule.regexes):
                    assert screen.fullmatch(line), (rule.id, line)


def test_a_leading_wildcard_run_belongs_to_the_first_branch_only():
    from cleaner.rule import Rule, _compile
    from cleaner.ruleset import RuleSet

    rule = Rule(id="XS001", category="promo", why="w", kind="line", file="f", patterns=(".{0,20}?apple|pear",), builtin=True)
    _compile(rule)
    screen = RuleSet([rule]).screen
    assert not screen.floating  # a top-level "|": kept whole in the alternation
    assert screen.fullmatch("pear") and screen.fullmatch("an apple") and not screen.fullmatch("a pear")


def test_user_rules_stay_out_of_the_screen_and_still_match(tmp_path):
    from cleaner import Cleaner

    (tmp_path / "mine.toml").write_text(r"""
category = "promo"
[[rules]]
id = "XU001"
name = "shop"
why = "A house ad."
kind = "line"
patterns = ['visit the gift shop\b.{0,40}']
unless = ['\bsaid\b']
examples = ["Visit the gift shop today"]
keeps = ["She said to visit the gift shop."]
""", encoding="utf-8")
    cleaner = Cleaner(rules=tmp_path)
    assert cleaner.rules.screen is not None  # the built-in patterns keep their screen
    assert [r.id for r in cleaner.rules.unscreened("line")] == ["XU001"]
    a = cleaner.clean_text("A paragraph of real article text about the museum and its visitors. " * 3
                           + "\nVisit the gift shop today")
    assert ("promo", "XU001") in {(r.category, r.rule) for r in a.removed}
    assert cleaner.rules.screened_ranks is None  # (a user rule: every block walks the rules in order)


def test_the_rules_a_block_meets_are_the_screen_s_found_in_their_order():
    """With no user rules, the rules the screen found for a block are put in order by their
    places (``RuleSet.screened_ranks``), not by a walk of every rule: the same lists."""
    import random

    from cleaner.match import _screened

    rules = load_rules()
    assert rules.screened_ranks is not None
    pool = rules.markers + rules.line_rules
    rng = random.Random(3)
    for _ in range(300):
        found = set(rng.sample(pool, rng.randint(1, 6)))
        assert _screened(rules, found, ([], [])) == (
            [r for r in rules.markers if r in found], [r for r in rules.line_rules if r in found])


def test_a_list_bullet_does_not_hide_a_line_from_the_rules():
    from cleaner import clean_text

    prose = ("The regional water authority said on Monday that reservoir levels had recovered after a wet spring, "
             "easing fears of summer restrictions for farmers and households across the valley.")
    a = clean_text(f"{prose}\n{prose}\n- Published 18 November 2019\n{prose}")
    assert "Published 18 November" not in a.body
    assert "- Published in the spring issue of the journal" in clean_text(
        f"{prose}\n- Published in the spring issue of the journal\n{prose}").body


def test_every_example_is_removed_by_its_own_rule_in_the_whole_set():
    """No rule is shadowed: an example another rule takes first (in the set's order) fails."""
    from cleaner.checks import check_precedence

    assert check_precedence(RULES) == []


def test_the_precedence_check_names_the_rule_that_takes_an_example_first():
    from cleaner.checks import check_precedence
    from cleaner.ruleset import RuleSet

    import dataclasses

    # a copy of SH007 given back the example that PR004 takes first ("Follow us on …")
    shadowed = dataclasses.replace(RULES.by_id["SH007"], examples=("Follow us on Twitter and Facebook.",))
    failures = check_precedence(RuleSet([RULES.by_id["PR004"], shadowed]))
    assert any(f.startswith("SH007: example taken first by PR004") for f in failures)


def test_the_keyed_screen_answers_as_the_alternation_does():
    """The keyword prefilter (cleaner/literals.py) only saves work: pattern by pattern, it
    says yes exactly where the combined alternation does, on every example and keep line,
    and on look-alikes with characters that match a letter without lowercasing to it."""
    from cleaner.text import squash

    screen = RULES.screen
    assert screen.keyed is not None
    lines = [squash(x) for r in RULES.line_rules + RULES.markers for t in r.examples + r.keeps
             for x in t.split("\n") if x.strip()]
    lines += ["ſhare on Facebook", "SHARE ON FACEBOOK", "Share on Facebooſ", "İnstagram: @someone", "Read more »",
              "KEEP READING", "Share on Facebook (UK)", "Share on FacebooK"]
    for line in lines:
        assert bool(screen.fullmatch(line)) == bool(screen.combined(line)), line


def test_the_alternation_is_compiled_only_when_a_line_needs_it():
    """Building the rule set leaves the alternation a string (its compilation was a third of
    the build, and the keyed screen answers nearly every line); the first line the keyed
    screen cannot read compiles it, and it answers."""
    from cleaner.ruleset import RuleSet

    screen = RuleSet(list(RULES)).screen
    assert screen.keyed is not None and "anchored" not in vars(screen)
    screen.rules_sized_many(["Share on Facebook", "A line of prose about the weather, in a paragraph."])
    assert "anchored" not in vars(screen)
    assert screen.fullmatch("ſhare on Facebook") and "anchored" in vars(screen)


def test_a_capital_k_is_read_by_the_keyed_screen():
    """An ASCII "K" lowercases to the "k" a pattern matches: the line is answered by the
    keyword prefilter, not sent to the slow alternation (only look-alikes such as "ſ" are)."""
    from cleaner.literals import unsafe_chars
    from cleaner.prefilter import _UNKNOWN

    assert not any(c.isascii() for c in unsafe_chars())
    assert RULES.screen.keyed.fullmatch("Kenya: the UK and the King") is not _UNKNOWN
    assert RULES.screen.keyed.fullmatch("ſhare on Facebook") is _UNKNOWN


def test_the_sized_screen_finds_the_rules_that_can_take_a_block():
    """``Screen.rules_sized`` (what the text rules ask) finds exactly the built-in rules a
    pattern of which fullmatches the block, among those whose ``min_chars``/``max_chars``
    take a block that long: a long line that only a short rule's pattern matches meets no
    rule. None (every rule may) only where the alternation says yes."""
    from cleaner.text import squash

    screen = RULES.screen
    assert screen.sized is not None
    rules = [r for r in RULES.line_rules + RULES.markers if r.builtin]
    lines = [squash(x) for r in rules for t in r.examples + r.keeps for x in t.split("\n") if x.strip()]
    lines += ["Share on Facebook " + "and more words " * 30, "ſhare on Facebook", "Read more »"]
    lines += ["٣ comments", "١٢:٣٠ / ٠١:٠٠", "\u2003Photo: Reuters"]  # a digit or a space beyond ASCII first
    for line in lines:
        expected = {r for r in rules if r.min_chars <= len(line) <= r.max_chars
                    and any(rx.fullmatch(line) for rx in r.regexes)}
        found = screen.rules_sized(line)
        assert found == expected or found is None and screen.combined(line), line


def test_a_document_screened_at_once_gets_each_line_s_answer():
    """``Screen.rules_sized_many`` (one pass of the automaton over a document's lines, each
    word found mapped back to its line) answers each line as ``rules_sized`` does alone:
    on every example and keep line, shuffled together with lines the prefilter cannot read
    (``ſ``), lines opening on a digit beyond ASCII, repeats, an empty line, lines too long
    for every rule, and with a character whose lowercase is longer (``İ``: line by line)."""
    import random

    from cleaner.text import squash

    screen = RULES.screen
    rules = [r for r in RULES.line_rules + RULES.markers if r.builtin]
    lines = [squash(x) for r in rules for t in r.examples + r.keeps for x in t.split("\n") if x.strip()]
    lines += ["ſhare on Facebook", "٣ comments", "١٢:٣٠ / ٠١:٠٠", "\u2003Photo: Reuters", "", "x" * 5000,
              "Share on Facebook " + "and more words " * 30, "Read more »", lines[0]]
    random.Random(5).shuffle(lines)
    for doc in (lines, lines[:40], [*lines[:25], "İnstagram: @someone"], ["ſhare on Facebook"], []):
        assert screen.rules_sized_many(doc) == [screen.rules_sized(line) for line in doc]


def test_literals_read_what_a_pattern_needs():
    import regex

    from cleaner.literals import analyse, needs, prefixes

    flags = regex.IGNORECASE
    assert needs(r"(?:share|post) (?:on|to) facebook\b.{0,40}", flags) == [
        {"share", "post"}, {" "}, {"on", "to"}, {" facebook"}]  # every clause needed, one string of each
    starts = prefixes(r"(?:[«<]\s*)?(?:next|prev) post", flags)
    assert {"next p", "prev p", "«", "<"} <= starts and all(s[0] in "«<" or s in ("next p", "prev p") for s in starts)
    assert prefixes(r"a?b", flags) == frozenset({"ab", "b"})
    assert prefixes(r"(?:ab)+c", flags) == frozenset({"ab"})  # a second round is not read
    assert needs(r".*", flags) is None and prefixes(r"\w+ comments", flags) is None
    # a digit or space class that opens the pattern: its ASCII members, and analyse says so
    assert prefixes(r"\d+ comments", flags) == frozenset("0123456789")
    assert analyse(r"\d+ comments", flags)[1:] == (frozenset("0123456789"), True)
    assert analyse(r"no\d+", flags)[1:] == (frozenset({"no"}), False)  # read up to the class only
    assert needs(r"(?:abc){e<=1}", flags) is None  # fuzzy: no literal is sure


def test_edge_junk_is_stripped_as_the_substitution_did():
    from cleaner.text import _EDGE_JUNK, strip_edge_junk

    for text in ["", " ", "...", "— Share —", "«Read more»", "a", " a ", "© 2024 Site.", "x!? ", "!?x", "a – b"]:
        assert strip_edge_junk(text) == _EDGE_JUNK.sub("", text), text


def test_a_line_longer_than_every_phrase_key_is_not_keyed():
    """``phrase_key_within``: a line longer than the longest phrase key whose key is longer
    too (a letter or digit at both ends, or longer once its edge junk is off: case folding
    never shortens it) is not keyed; other lines get their key."""
    from cleaner.text import phrase_key, phrase_key_within, squash

    assert phrase_key_within("Read more", 20) == "read more"
    assert phrase_key_within("Read more about the plans for the town", 20) == ""
    assert phrase_key_within("— Read more —", 9) == phrase_key("— Read more —") == "read more"
    assert phrase_key_within("— Read more —", 8) == ""
    assert phrase_key_within("Read more »", 9) == "read more"
    for text in ["«Straße»", "— ǅemal —", "ﬁn.", "...", "— İstanbul —", "© 2024 Site."]:
        for longest in range(12):
            key, got = phrase_key(text), phrase_key_within(squash(text), longest)
            assert got == key or got == "" and len(key) > longest, (text, longest)  # "" only for a longer key
    assert RULES.longest_phrase_key == max(len(k) for k in [*RULES.phrase_index, *RULES.marker_keys])


def test_reading_every_other_trigram_finds_the_same_needed_words(monkeypatch):
    """A long line's trigrams are read at every SAMPLE_STEP-th position only: the patterns
    it may match are the same as when every trigram is read, wherever the words stand."""
    from cleaner import prefilter as rules_module
    from cleaner.text import squash

    keyed = RULES.screen.keyed
    lines = [squash(x).lower() for r in RULES.line_rules + RULES.markers for t in r.examples + r.keeps
             for x in t.split("\n") if x.strip()]
    lines += [pad + line for line in lines for pad in ("x ", "xy ", "xyz ")]  # each word at another offset
    monkeypatch.setattr(keyed, "automaton", None)  # the trigram index, as without pyahocorasick
    monkeypatch.setattr(rules_module, "SAMPLED_CHARS", 10 ** 9)
    every = [keyed.candidates(low) for low in lines]
    monkeypatch.setattr(rules_module, "SAMPLED_CHARS", 0)
    assert [keyed.candidates(low) for low in lines] == every


def test_the_automaton_finds_the_words_the_trigram_index_finds(monkeypatch):
    """With pyahocorasick the needed words are found by one Aho-Corasick pass per line; every
    screen (the whole set's and each length's) names the same patterns as its trigram index
    would, on every example and keep line and on them padded so the words stand elsewhere."""
    import ahocorasick  # noqa: F401  (a dependency: the test runs where the package does)

    from cleaner.text import squash

    screens = {id(s): s for s in [RULES.screen.keyed, *RULES.screen.sized] if s is not None}.values()
    lines = [squash(x).lower() for r in RULES.line_rules + RULES.markers for t in r.examples + r.keeps
             for x in t.split("\n") if x.strip()]
    lines += [pad + line + tail for line in lines for pad, tail in (("x ", ""), ("xy ", " ©"), ("", " " * 60))]
    for screen in screens:
        assert screen.automaton is not None
        by_automaton = [screen.candidates(low) for low in lines]
        monkeypatch.setattr(screen, "automaton", None)
        assert [screen.candidates(low) for low in lines] == by_automaton


def test_a_line_of_single_inner_spaces_is_its_own_squash():
    """``squash`` hands back a printable line without double, leading or trailing spaces as
    it is: the same as splitting and joining it, on lines of every kind of white space."""
    import random

    from cleaner.text import squash

    rng = random.Random(3)
    chars = " ab\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000.é\xad\u200b"
    for _ in range(100_000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 8)))
        assert squash(text) == " ".join(text.split()), repr(text)


def test_a_line_s_first_word_is_its_first_word_pattern_s():
    """The run rules' first word of a squashed line (read without the regex when the line
    opens on ASCII letters and digits up to its first space) is its ``FIRST_WORD``, casefolded;
    on random lines of letters, digits, marks, punctuation, symbols and underscores, and on
    lines whose casefold grows ("ß", "ﬁ", "İ")."""
    import random

    from cleaner.match import _first_word
    from cleaner.text import FIRST_WORD, squash

    rng = random.Random(5)
    chars = " aZ9_-.«»©éßﬁİ\u0301٣"
    for _ in range(20_000):
        doc = [squash("".join(rng.choice(chars) for _ in range(rng.randint(0, 6)))) for _ in range(rng.randint(1, 4))]
        want = [m[1].casefold() if (m := FIRST_WORD.match(line)) else None for line in doc]
        assert [_first_word(line) for line in doc] == want, doc


def test_a_long_line_is_squashed_once():
    """A line of ``LONG_LINE`` characters or more is squashed once however often it is asked
    for (the same string back), and each new one afresh."""
    from cleaner.text import LONG_LINE, squash

    line = "a  b\xa0c " * (LONG_LINE // 7 + 1)
    assert len(line) >= LONG_LINE
    first = squash(line)
    assert first == " ".join(line.split()) and squash(line) is first
    other = line.replace("c", "d")
    assert squash(other) == " ".join(other.split()) and squash(line) == first
