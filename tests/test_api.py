"""The library contract: functions, record fields, errors."""
from __future__ import annotations

import json

import pytest

import cleaner
from cleaner import Article, Cleaner, CleanerError, InputError, clean, clean_html, clean_text

PROSE = (
    "The regional water authority said on Monday that reservoir levels had recovered after a wet spring, "
    "easing fears of summer restrictions for farmers and households across the valley."
)
PAGE = f"""<!DOCTYPE html><html lang="en-GB"><head><title>Reservoirs recover | Valley Gazette</title>
<meta property="og:site_name" content="Valley Gazette"></head><body><article><h1>Reservoirs recover</h1>
<p>{PROSE}</p><p>{PROSE}</p><p>Advertisement</p><p>{PROSE}</p></article></body></html>"""
FIELDS = ["id", "url", "title", "body", "authors", "date", "source", "section", "description", "language", "dateline",
          "embeds", "removed", "warnings", "error"]


def test_public_names():
    for name in ("clean_html", "clean_text", "clean", "Cleaner", "Article", "CleanerError"):
        assert hasattr(cleaner, name)


def test_record_fields_are_the_contract():
    d = clean_text(PROSE).to_dict()
    assert list(d) == FIELDS
    json.dumps(d)


def test_clean_html_str_and_bytes_agree():
    a, b = clean_html(PAGE, url="https://valley.example/a"), clean_html(PAGE.encode("utf-8"))
    assert a.body == b.body and "Advertisement" not in a.body and PROSE in a.body
    assert a.title == "Reservoirs recover" and a.language == "en" and a.source == "Valley Gazette"
    assert a.url == "https://valley.example/a"


def test_clean_sniffs_html_and_text():
    assert clean(PAGE).title == "Reservoirs recover"
    assert clean(PROSE).body == PROSE


def test_bytes_text_in_a_legacy_encoding():
    text = "Le caf\u00e9 de la gare a rouvert ses portes lundi apr\u00e8s deux ans de travaux, au grand plaisir des habitu\u00e9s."
    assert clean_text(text.encode("cp1252")).body == text


def test_short_latin1_bytes_are_not_misread():
    text = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e is served daily at the caf\u00e9 on the corner of the old square."
    assert clean_text(text.encode("latin-1")).body == text


def test_cyrillic_in_a_legacy_code_page():
    text = "Городской совет проголосовал во вторник за продление часов работы публичной библиотеки после долгих споров."
    assert clean_text(text.encode("cp1251")).body == text


def test_empty_input_is_a_clear_error():
    for call in (clean_text, clean_html):
        with pytest.raises(InputError, match="empty"):
            call("  \n ")


def test_body_paragraphs_are_separated_by_one_blank_line():
    a = clean_text(f"{PROSE}\r\n{PROSE}\r\n\r\n\r\n{PROSE}")
    assert a.body == "\n\n".join([PROSE] * 3)


def test_errors_are_cleaner_errors():
    assert issubclass(InputError, CleanerError)
    with pytest.raises(CleanerError):
        clean_text(42)
    with pytest.raises(CleanerError):
        clean_html(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


def test_failed_record():
    d = Article.failed(InputError("not an HTML document"), id="x.html").to_dict()
    assert d["id"] == "x.html" and d["error"] == {"type": "input_error", "message": "not an HTML document"}


def test_keep_category_leaves_lines_in_the_body():
    text = f"{PROSE}\nFacebook\nTwitter\nLinkedIn"
    assert "Facebook" not in clean_text(text).body
    assert "Facebook" in Cleaner(keep=["share_buttons"]).clean_text(text).body


def test_every_removal_is_recorded_with_a_known_category():
    a = clean_text(f"World\nTitle Of The Story Here\nTitle Of The Story Here\n{PROSE}\nFacebook\nTwitter\nLeave a Comment\nGreat piece!")
    assert a.removed and all(r.category in cleaner.CATEGORIES and r.rule and r.text for r in a.removed)
    removed_text = " ".join(r.text for r in a.removed)
    for line in ("World", "Facebook", "Twitter", "Leave a Comment", "Great piece!"):
        assert line in removed_text


def test_a_short_fast_extraction_is_checked_against_the_full_cascade(monkeypatch):
    from cleaner.heuristics import h020_safety_net as stage

    texts = {True: "short", False: "a much longer text " * 10}
    calls = []

    def fake(tree, url, fast):
        calls.append(fast)
        return texts[fast]

    monkeypatch.setattr(stage, "extract_text", fake)
    text, warning = stage.extract(None, None)
    assert text == texts[False] and calls == [True, False] and warning.startswith("H020")
    texts[False] = "short, yes"[:6]  # the full cascade must gain clearly (RESCUE_GAIN) to win
    assert stage.extract(None, None) == ("short", None)
    texts[True] = "x" * stage.RESCUE_CHARS  # long enough: the full cascade never runs
    calls.clear()
    assert stage.extract(None, None) == (texts[True], None) and calls == [True]


def test_attribute_selectors_are_matched_in_the_walk():
    """One-attribute selectors ([attr], [attr=v], [attr^=v], [attr*=v], [attr$=v]) are
    looked up in the same walk as classes and ids, with CSS's meaning."""
    from cleaner.ruleset import SelectorIndex

    ok = SelectorIndex.attr_matches
    assert ok(None, "x", None) and ok("=", "a", "a") and not ok("=", "ab", "a")
    assert ok("^=", "div-gpt-ad-1", "div-gpt-ad") and not ok("^=", "x-div-gpt-ad", "div-gpt-ad")
    assert ok("*=", "xx-disqus-yy", "disqus") and ok("$=", "a.pdf", ".pdf") and not ok("^=", "abc", "")
    html = ("<html><body><article><p>" + "Real story text that stays in the body of the page. " * 6 + "</p>"
            "<div id='div-gpt-ad-123'>Advertisement slot text here</div>"
            "<nav aria-label='breadcrumb'>Home News Local</nav></article></body></html>")
    a = clean_html(html)
    assert "slot text" not in a.body and {"PR007", "NV013"} <= {r.rule for r in a.removed}


def test_compound_class_selectors_are_matched_in_the_walk(tmp_path):
    """A selector of classes only (``.a.b``, ``div.a.b``) is tested against the element's
    classes in the walk rather than by its XPath: the same elements, with XPath's white space
    (a no-break space separates no classes), and behind the simple selectors as before."""
    from cleaner.extract import parse
    from cleaner.prune import _selector_matches
    from cleaner.ruleset import load_rules

    rules = [("XC001", [".box.promo", "div.a.b"]), ("XC002", [".b"]), ("XC003", ["section > .a"])]
    (tmp_path / "mine.toml").write_text('category = "promo"\n' + "".join(
        f'[[rules]]\nid = "{rid}"\nname = "n{rid}"\nwhy = "A box."\nkind = "selector"\npatterns = {patterns!r}\n'
        for rid, patterns in rules).replace("'", '"'), encoding="utf-8")
    ruleset = load_rules(tmp_path, builtin=False)
    tree = parse("<html><body><div class='promo box'>1</div><p class='a b'>2</p><div class='x a\tb'>3</div>"
                 "<div class='box\xa0promo'>4</div><section><div class='a'>5</div></section><div class='box'>6</div>"
                 "</body></html>")
    found = {el.text: rule.id for el, rule in _selector_matches(tree, ruleset, frozenset()).items()}
    assert found == {"1": "XC001", "2": "XC002", "3": "XC002", "5": "XC003"}
    assert set(found) == {el.text for r in ruleset.rules for x in r.xpaths for el in x(tree)}
    kept = _selector_matches(tree, ruleset, frozenset({"XC002"}))
    assert {el.text: rule.id for el, rule in kept.items()} == {"1": "XC001", "3": "XC001", "5": "XC003"}


SMALL_PROSE = ("The regional water authority said on Monday that reservoir levels had recovered after a wet spring, "
               "easing fears of summer restrictions for farmers and households across the valley.")


@pytest.mark.parametrize("rules", [42, 4.2, [42], object()])
def test_rules_of_the_wrong_type_are_a_rule_error(rules):
    from cleaner import CleanerError, RuleError

    with pytest.raises(RuleError) as e:
        Cleaner(rules=rules)
    assert isinstance(e.value, CleanerError)


def test_keep_as_a_string_is_one_category():
    assert Cleaner(keep="comments").keep == frozenset({"comments"})
    text = f"{SMALL_PROSE}\nLeave a Comment\nGreat article, thanks for writing it."
    assert "Leave a Comment" in Cleaner(keep="comments").clean_text(text).body
    from cleaner import RuleError

    with pytest.raises(RuleError):
        Cleaner(keep=5)


def test_template_content_never_reaches_the_body():
    secret = "This template paragraph is inert markup that a browser never shows as part of the article text."
    html = (f"<html><body><template><article><p>{secret}</p><p>{secret} Again.</p></article></template>"
            f"<article><p>{SMALL_PROSE}</p><template><p>{secret}</p></template><p>{SMALL_PROSE} Second.</p></article></body></html>")
    a = clean_html(html)
    assert SMALL_PROSE in a.body and "template paragraph" not in a.body


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be", "utf-16"])
def test_utf32_and_utf16_text_with_a_bom_is_decoded(encoding):
    text = SMALL_PROSE + "\n" + SMALL_PROSE + " Again."
    data = text.encode(encoding) if encoding in ("utf-32", "utf-16") else ("\ufeff" + text).encode(encoding)  # a BOM
    for f in (clean, clean_text):
        assert f(data).body.startswith("The regional water authority"), (encoding, f.__name__)


def test_every_declared_dependency_is_imported_by_the_package():
    """A dependency is declared because the package imports it (beautifulsoup4 was declared
    and never imported: removed, see the README)."""
    import re
    import tomllib

    from conftest import ROOT

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = [re.match(r"[A-Za-z0-9_.-]+", d)[0] for d in deps]
    module = {"python-dateutil": "dateutil", "charset-normalizer": "charset_normalizer", "pyahocorasick": "ahocorasick",
              "lxml_html_clean": None}  # imported by trafilatura's justext fallback (lxml.html.clean), not by us
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "cleaner").glob("*.py"))
    for name in names:
        mod = module.get(name, name.replace("-", "_"))
        if mod is not None:
            assert re.search(rf"^\s*(?:import|from) {mod}\b", source, re.M), f"{name} is declared but never imported"
