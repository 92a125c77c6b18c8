"""Loading user rule files: what works, and the errors that name file, rule and field."""
from __future__ import annotations

import textwrap

import pytest

from cleaner import Cleaner, RuleError, clean_text, load_rules
from conftest import SLOW_RULE

ARTICLE = (
    "The regional water authority said on Monday that reservoir levels had recovered after a wet spring, "
    "easing fears of summer restrictions for farmers and households across the valley.\n"
)


def write(tmp_path, body: str, name: str = "mine.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD = """
    category = "promo"
    [[rules]]
    id = "XP001"
    name = "shop-plug"
    why = "A plug for the site's shop."
    kind = "line"
    patterns = ['visit our shop.{0,40}']
    examples = ["Visit our shop for mugs"]
    keeps = ["Visitors to our shop were evacuated on Monday after a fire alarm, police said."]
"""


def test_user_rule_folder_adds_to_builtin(tmp_path):
    write(tmp_path, GOOD)
    c = Cleaner(rules=tmp_path)
    a = c.clean_text(ARTICLE + "Visit our shop for mugs and more\n")
    assert "Visit our shop" not in a.body
    assert ("promo", "XP001") in {(r.category, r.rule) for r in a.removed}
    assert "SH001" in c.rules.by_id  # built-ins still there


def test_domain_scoped_rule_applies_only_there(tmp_path):
    write(tmp_path, GOOD.replace("examples", 'domains = ["example.com"]\n    examples'))
    c = Cleaner(rules=tmp_path)
    text = ARTICLE + "Visit our shop for mugs and more\n"
    assert "Visit our shop" not in c.clean_text(text, url="https://news.example.com/a/1").body
    assert "Visit our shop" in c.clean_text(text, url="https://other.org/a/1").body


def test_domain_scoped_selector_prunes_only_there(tmp_path):
    write(tmp_path, """
        category = "promo"
        [[rules]]
        id = "XP002"
        name = "house-box"
        why = "One site's own promo box."
        kind = "selector"
        patterns = [".house-box"]
        domains = ["example.com"]
        examples = ['<div class="house-box">Our mugs are on sale this week</div>']
        keeps = ['<div class="story">The council met on Tuesday.</div>']
    """)
    c = Cleaner(rules=tmp_path)
    paras = "".join(f"<p>{line}</p>" for line in ARTICLE.split(". ") * 2)
    page = (f"<html><body><article>{paras}<div class='house-box'>Our mugs are on sale this week and the "
            f"next, in every size and colour we make</div>{paras}</article></body></html>")
    here = c.clean_html(page, url="https://news.example.com/a/1")
    assert "Our mugs" not in here.body and "XP002" in {r.rule for r in here.removed}
    there = c.clean_html(page, url="https://other.org/a/1")
    assert "Our mugs" in there.body and "XP002" not in {r.rule for r in there.removed}


def test_keep_rule_is_an_exception(tmp_path):
    write(tmp_path, """
        category = "share_buttons"
        [[rules]]
        id = "XK001"
        name = "keep-network-list"
        why = "On this site the list of networks is part of a media story."
        kind = "keep"
        phrases = ["Facebook Twitter"]
        examples = ["Facebook Twitter"]
        keeps = ["Telegram"]
    """)
    text = ARTICLE + "Facebook Twitter\n"
    assert "Facebook Twitter" not in clean_text(text).body
    assert "Facebook Twitter" in Cleaner(rules=tmp_path).clean_text(text).body


@pytest.mark.parametrize(
    "body, field",
    [
        ("category = 'promo'\n[[rules]]\nid = 'XP001'\nwhy = 'x'\nkind = 'line'\npatterns = ['(unclosed']\n", "patterns"),
        ("category = 'promo'\n[[rules]]\nid = 'XP001'\nwhy = 'x'\nkind = 'line'\npatterns = ['a']\ncolour = 1\n", "colour"),
        ("category = 'promo'\n[[rules]]\nid = 'XP001'\nwhy = 'x'\nkind = 'sometimes'\npatterns = ['a']\n", "kind"),
        ("category = 'promo'\n[[rules]]\nid = 'XP001'\nkind = 'line'\npatterns = ['a']\n", "why"),
        ("category = 'promo'\n[[rules]]\nid = 'XP001'\nwhy = 'x'\nkind = 'selector'\npatterns = ['div[[']\n", "patterns"),
        ("category = 'promo'\n[[rules]]\nid = 'XP001'\nwhy = 'x'\nkind = 'line'\npatterns = ['a']\nmax_chars = 'ten'\n", "max_chars"),
        ("category = 'adverts'\n[[rules]]\nid = 'XP001'\nwhy = 'x'\nkind = 'line'\npatterns = ['a']\n", "category"),
        ("category = 'promo'\n[[rules]]\nid = 'XP001'\nwhy = 'x'\nkind = 'line'\npatterns = ['(?P<colour>a)']\n", "patterns"),
    ],
)
def test_bad_rule_names_file_rule_and_field(tmp_path, body, field):
    path = write(tmp_path, body)
    with pytest.raises(RuleError) as err:
        load_rules(path)
    message = str(err.value)
    assert str(path) in message and repr(field) in message
    if "category = 'adverts'" not in body:
        assert "XP001" in message


def test_invalid_toml_names_the_file(tmp_path):
    path = write(tmp_path, "category = 'promo'\n[[rules]\n")
    with pytest.raises(RuleError, match="invalid TOML") as err:
        load_rules(path)
    assert str(path) in str(err.value)


def test_duplicate_id_is_an_error(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    with pytest.raises(RuleError, match="duplicate rule id"):
        load_rules(tmp_path)


def test_user_rule_cannot_reuse_a_builtin_id(tmp_path):
    write(tmp_path, GOOD.replace("XP001", "SH001"))
    with pytest.raises(RuleError, match="SH001"):
        load_rules(tmp_path)


def test_missing_rule_path_is_an_error(tmp_path):
    with pytest.raises(RuleError, match="no such rule file"):
        load_rules(tmp_path / "nope")


def test_keep_must_name_a_category_or_rule():
    with pytest.raises(RuleError, match="neither a category"):
        Cleaner(keep=["comment"])


# -- hardening: every bad rule file is one RuleError naming file, rule and field ------------------

RULE = "category = 'promo'\n[[rules]]\nid = 'XP001'\nname = 'x'\nwhy = 'x'\nkind = '{kind}'\n{extra}\n"


@pytest.mark.parametrize(
    "extra, kind, field, words",
    [
        ("patterns = ['" + "(" * 1500 + "a" + ")" * 1500 + "']", "line", "patterns", "bad regex"),
        ("patterns = ['" + "a|" * 3000 + "']", "line", "patterns", "at most"),
        ("patterns = ['a{99999999999}']", "line", "patterns", "bad regex"),
        ("patterns = ['a']\nmax_chars = -5", "line", "max_chars", "negative"),
        ("patterns = ['a']\nmin_chars = 50\nmax_chars = 10", "line", "min_chars", "never match"),
        ("phrases = ['', 'Share']", "phrase", "phrases", "empty"),
        ("phrases = ['...', 'Facebook']", "run", "phrases", "empty"),
        ("patterns = ['a']\ndomains = ['https://example.com/news']", "line", "domains", "domain"),
        ("pattern = ['a']", "line", "pattern", "did you mean 'patterns'"),
        ("patterns = ['p::text']", "selector", "patterns", "CSS selector"),
        ("patterns = ['']", "selector", "patterns", "CSS selector"),
    ],
)
def test_more_bad_rules_name_file_rule_and_field(tmp_path, extra, kind, field, words):
    path = write(tmp_path, RULE.format(kind=kind, extra=extra))
    with pytest.raises(RuleError) as err:
        load_rules(path)
    message = str(err.value)
    assert str(path) in message and "XP001" in message and repr(field) in message and words in message


@pytest.mark.parametrize("data", [
    b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",   # tomllib recursion
    b"a = " + b"{x=" * 2000 + b"1" + b"}" * 2000 + b"\n",
    b"category = 'promo'\n# \xff\xfe not UTF-8\n",
    b"\x89PNG\r\n\x1a\n\x00\x00",
])
def test_unreadable_rule_files_are_rule_errors(tmp_path, data):
    path = tmp_path / "bad.toml"
    path.write_bytes(data)
    with pytest.raises(RuleError) as err:
        load_rules(path)
    assert str(path) in str(err.value)


def test_a_rule_file_with_a_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + textwrap.dedent(GOOD).encode())
    assert "XP001" in load_rules(path).by_id


def run_cli(*args):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", ["test", "lint", "list"])
def test_rule_file_errors_exit_2_with_one_message(tmp_path, command):
    write(tmp_path, RULE.format(kind="line", extra="patterns = ['(unclosed']"))
    p = run_cli("rules", command, "--rules", tmp_path)
    assert p.returncode == 2
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert "mine.toml" in p.stderr and "XP001" in p.stderr and "'patterns'" in p.stderr




def test_lint_rejects_a_pattern_slow_on_adversarial_probes(tmp_path):
    write(tmp_path, SLOW_RULE)
    p = run_cli("rules", "lint", "--rules", tmp_path)
    assert p.returncode == 1
    assert "XP001" in p.stdout and "slow" in p.stdout and "(a|aa)+b" in p.stdout


def test_lint_passes_safe_patterns_with_nested_groups(tmp_path):
    from cleaner.checks import slow_patterns

    write(tmp_path, SLOW_RULE.replace("(a|aa)+b", r"(?:read|see) (?:more|also)\b.{0,80}").replace('"aab"', '"Read more about it"'))
    rules = load_rules(tmp_path, builtin=False)
    assert slow_patterns(rules.by_id["XP001"]) == []


def test_builtin_rules_are_fast_on_adversarial_probes():
    from cleaner.checks import slow_patterns, slow_screen
    from cleaner.regexshape import backtracking

    rules = load_rules()
    patterns = [p for r in rules if r.kind != "selector" for p in (*r.regexes, *r.unless_regexes)]
    for rx in patterns:  # every built-in pattern is judged by its shape (no clock, no fallback)
        backtracking(rx.pattern)
    assert [p for r in rules if r.kind != "selector" for p in slow_patterns(r)] == []
    assert slow_screen(rules) == []


@pytest.mark.parametrize("pattern, slow", [
    ("(a|aa)+b", True), (r"(\w+\s?)+x", True), ("(a+)+$", True), (r"(?:\w+\s*){0,8}x", True),
    (r".*a.*a.*b", True), (r"(?:x|\d+)*y", True), (r"(?:\w{1,30})+!", True),
    (r"(?:\w+\s)+x", False), (r"(?:read|see) (?:more|also)\b.{0,80}", False), (r"(?:\s+\w+){1,3}", False),
    (r"(?:\p{Lu}[\p{L}.]*+\s*){0,5}x", False), (r"(?:ab|cd)+", False), (r"[\p{L}\p{M} .'’-]{1,50}", False),
    (r"(?<!\w)(?:accept|accept all)(?!\w)(?:\s*[|·]\s*(?<!\w)(?:accept|accept all)(?!\w))+", False),
])
def test_backtracking_is_judged_by_the_shape_of_a_pattern(pattern, slow):
    from cleaner.regexshape import backtracking

    assert bool(backtracking(pattern)) is slow


def test_lint_never_reads_a_clock(tmp_path, monkeypatch):
    # a machine so loaded that every clock reading is 10 s after the last: the verdicts stand
    import itertools
    import time

    from cleaner import checks

    ticks = itertools.count(0, 10.0)
    monkeypatch.setattr(time, "perf_counter", lambda: next(ticks))
    monkeypatch.setattr(time, "monotonic", lambda: next(ticks))
    rules = load_rules()
    assert [p for r in rules if r.kind != "selector" for p in checks.slow_patterns(r)] == []
    write(tmp_path, SLOW_RULE)
    slow = load_rules(tmp_path).by_id["XP001"]
    assert "(a|aa)+b" in checks.slow_patterns(slow)[0]


def test_lint_of_a_rules_folder_reports_the_users_rules_only(tmp_path):
    import dataclasses

    from cleaner.checks import lint
    from cleaner.ruleset import RuleSet

    write(tmp_path, GOOD)
    rules = load_rules(tmp_path)
    # a built-in with a style problem: the project's business, not the user's
    broken = [dataclasses.replace(r, why="two\nlines") if r.id == "NV001" else r for r in rules]
    assert any(p.startswith("NV001") for p in lint(RuleSet(broken)))
    assert lint(RuleSet(broken), mine=True) == []
    write(tmp_path, SLOW_RULE)  # replaces mine.toml
    problems = lint(load_rules(tmp_path), mine=True)
    assert problems and all(p.startswith("XP001") for p in problems)
