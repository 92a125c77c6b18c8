"""H019 prune-guard (``cleaner/heuristics/h019_prune_guard.py``): Selector rules and form boxes never
prune the article: not its container as trafilatura would pick it, not more than a share of the
page's visible text or prose all together, not prose the page hides inside the article (a paywall, a
'read more' toggle, a page streamed in hidden chunks)."""
from __future__ import annotations

import pytest
from cases import ARTICLE, PARAS, PROSE, PROSE2, SCRIPTS, _user_rules, kept, page

from cleaner import Cleaner, clean_html, xpaths
from cleaner.extract import parse
from cleaner.heuristics import h019_prune_guard as h019


def test_h019_user_selectors_star_and_p_cannot_empty_an_html_article(tmp_path):
    html = ("<html><head><title>Reservoirs recover</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Reservoirs recover</h1><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE}</p></article></body></html>")
    for selector in ("*", "p"):
        c = _user_rules(tmp_path / selector.replace("*", "star"), "promo", "selector", f"patterns = ['{selector}']")
        a = c.clean_html(html)
        assert PROSE in a.body and PROSE2 in a.body, selector


# -- H019: the prune guard ------------------------------------------------------------------
def test_h019_generic_class_wrapping_the_article_is_not_pruned_on_a_script_heavy_page():
    # .widget-area (NV013) is one template's main column; the scripts hold most of the markup's text
    a = clean_html(page(f'{SCRIPTS}<div class="widget-area"><h1>Cooling centres open</h1>{ARTICLE}</div>'
                        '<nav><a href="/">Home</a></nav>'))
    assert kept(a) == 5, a.body
    assert not any(r.rule == "NV013" for r in a.removed)


def test_h019_guard_measures_visible_text_only():
    tree = parse(page(f"{SCRIPTS}<div><p>Short visible text.</p></div>"))
    guard = h019.PruneGuard(tree)
    assert guard.visible == len("Shortvisibletext.")  # the script's 15,000 characters do not count


def test_h019_paywall_paragraphs_hidden_one_by_one_are_kept():
    # a paywall template shows the first paragraph and hides the rest with inline display:none (NV016)
    body = f"<p>{PARAS[0]}</p>" + "".join(f'<p style="display:none">{p}</p>' for p in PARAS[1:])
    a = clean_html(page(f"<main><article><h1>Cooling centres open</h1>{body}</article></main>"))
    assert kept(a) == 5, a.body


def test_h019_page_streamed_in_hidden_chunks_is_kept():
    # a page whose server sends the article in hidden chunks that a script moves into place
    body = "".join(f'<div hidden id="S:{i}"><p>{p}</p></div>' for i, p in enumerate(PARAS))
    a = clean_html(page(f"<div id=\"root\"><h1>Cooling centres open</h1></div>{body}"))
    assert kept(a) == 5, a.body


def test_h019_hidden_menus_still_go():
    a = clean_html(page(f'<div hidden><a href="/a">Sections</a> <a href="/b">Search the archive</a></div>'
                        f"<article><h1>Cooling centres open</h1>{ARTICLE}</article>"))
    assert kept(a) == 5
    assert any(r.rule == "NV016" for r in a.removed)


def test_h019_prunes_add_up_to_a_bound():
    # many small matches: together they may not take most of the article's prose
    body = "".join(f'<div class="related-content"><p>{p}</p></div>' for p in PARAS)
    a = clean_html(page(f"<h1>Cooling centres open</h1>{body}"))
    assert kept(a) >= 3, a.body


def test_h019_form_around_the_article_is_not_pruned():
    # a template that wraps the whole story in a <form> holding an e-mail field (H010)
    a = clean_html(page(f'<form><input type="email" name="email"><h1>Cooling centres open</h1>{ARTICLE}'
                        "<p>Sign up for our newsletter</p></form>"))
    assert kept(a) == 5, a.body


def test_h019_prune_guard_keeps_the_container_trafilatura_reads():
    tree = parse(page(f'<div class="entry-content widget-area">{ARTICLE}</div><div class="widget-area">'
                           "<p>Tags</p></div>"))
    guard = h019.PruneGuard(tree)
    assert guard.container is not None and "entry-content" in guard.container.get("class")
    assert guard.spares(guard.container)


def test_h019_pruned_elements_are_recorded_where_they_stood():
    body = (f"<article><h1>Cooling centres open</h1><p>{PARAS[0]}</p><p>{PARAS[1]}</p>"
            '<div class="share-buttons"><a>Share on Facebook</a> <a>Share on X</a></div>'
            f"<p>{PARAS[2]}</p><p>{PARAS[3]}</p><p>{PARAS[4]}</p></article>")
    ex = Cleaner().explain(page(body))
    texts = [t for t, _ in ex.blocks]
    share = next(i for i, (_, r) in enumerate(ex.blocks) if r is not None and r.category == "share_buttons")
    assert texts[share - 1].startswith(PARAS[1][:40]) and texts[share + 1].startswith(PARAS[2][:40])
    a = clean_html(page(body))  # the record's removals are in the same order
    assert a.removed[0].category in ("metadata", "share_buttons")


@pytest.mark.parametrize("markup", [
    '<div class="wrap"><section class="entry">a</section><div id="story">b</div><article>c</article>'
    '<div class="page-Content x">d</div><section role="main-x">e</section></div>',
    '<main><div class="FullText">a</div></main><div id="primary-1">b</div><div class="content__body">c</div>'
    '<div itemprop="articleBody">d</div><div class="article blog">e</div><div class="x Main-Content">f</div>',
    '<div><span class="post-text">not a box</span><div class="mainbar">a</div><section id="contentBody">b</section>'
    '<div class="cell">c</div><article class="story-content">d</article></div>',
    '<div class="nothing">a</div><p class="entry">b</p>',
])
def test_body_candidates_are_trafilaturas_choices(markup):
    """H019/H020 read trafilatura's choice of the article's container: the walk picks, for each
    of its BODY_XPATH expressions in order, the element the XPath picks first."""
    from trafilatura.xpaths import BODY_XPATH

    assert len(BODY_XPATH) == xpaths.BODY_CHOICES
    tree = parse(f"<html><body>{markup}</body></html>")
    want = [found[0] for expr in BODY_XPATH if (found := expr(tree))]
    assert list(xpaths.body_candidates(tree)) == want
