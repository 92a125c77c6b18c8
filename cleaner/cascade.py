"""trafilatura's extraction of one tree in the three settings the safety net (H020) reads,
each stage run once and shared.

``trafilatura.bare_extraction`` re-does its whole pipeline for each setting: a copy of the
tree, its raw-tree prunes, ``tree_cleaning``, ``convert_tags`` and the main extractor, then
(full cascade) the comparison with readability and jusText, the baseline rescue and the
recall escalation. Fast mode and the full cascade share all of the first stage (the main
extractor reads ``fast`` only in its wild-text recovery), and the recall escalation of both,
like trafilatura's recall setting, starts with the recall setting's first stage. A
:class:`Cascade` runs ``bare_extraction``'s steps itself (``trafilatura.core``'s own
functions, in its order: trafilatura is pinned to 2.3 in pyproject.toml) and computes each
stage when a setting first needs it: the fast text costs what it did, the full cascade's
after it only the comparison (and the escalation's extra candidates), the recall setting's
whatever the escalation did not already compute. The texts are those of
``bare_extraction`` in each setting, character for character (tests/test_cascade.py).

Written for :data:`cleaner.extract.EXTRACT_OPTIONS`' kind of settings: no comments, no
formatting, no language filter, no deduplication, no metadata (each checked on construction).

trafilatura's costliest XPaths (their ``re:test`` calls back into Python's ``re`` for every
element) run as walks in Python that select the same elements in the same order: the
raw-tree prunes, ``html2txt``'s cleaning, and the main extractor's ``OVERALL_DISCARD_XPATH``
(read by a copy of its functions bound to the walks, :func:`cleaner.rebind.rebound`:
trafilatura's own module, and every other caller of it, keep its XPaths). Its ``tree_cleaning``
runs as :func:`_tree_cleaning`, which deletes its cleaning list's elements in one walk, and
its link-density passes as :mod:`cleaner.linkdensity`'s, which read each text only as far as
the test needs.
"""
from __future__ import annotations

import functools
import importlib
import threading
from copy import copy, deepcopy

from lxml.etree import strip_tags
from lxml.html import HtmlElement
from trafilatura import core, external, htmlprocessing, main_extractor, xpaths as trafilatura_xpaths
from trafilatura.baseline import baseline, html2txt
from trafilatura.external import compare_extraction, justext_rescue
from trafilatura.htmlprocessing import PRESERVE_IMG_CLEANING, _handle_forms, prune_html, prune_unwanted_nodes, recover_math
from trafilatura.main_extractor import extract_content
from trafilatura.settings import DEFAULT_CONFIG, MANUALLY_CLEANED, MANUALLY_STRIPPED, Extractor
from trafilatura.xml import delete_element, xmltotxt
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from . import linkdensity
from .rebind import rebound
from .xpaths import WALKS, FirstChoice, Walk, basic_clean, captions, overall_discard, raw_prunes, teasers

BALANCED, RECALL = "balanced", "recall"


class _QuietPasses(threading.local):
    """``prune_unwanted_sections`` deletes links-rich elements (``delete_by_link_density``) over
    <div>, <list> and <p>, and then again, for what the first pass's deletions changed. A call
    that deletes nothing leaves the tree as it was, and the test reads nothing but the tree:
    a call with the same arguments on the same tree, when nothing was deleted since such a
    call deleted nothing, would delete nothing again, and is skipped. Every deletion made
    inside ``prune_unwanted_sections`` is counted (its own ``delete_element`` calls and those
    of ``delete_by_link_density``), and what was learnt is forgotten when it returns (other
    code changes the tree between its calls). Measured on wcxb: a page's first pass deletes
    nothing in 45 % of the calls; the link-density passes took 3.1 ms a page."""

    def __init__(self):
        self.deleted = 0  # deletions counted so far
        self.quiet: dict = {}  # the arguments of a call that deleted nothing -> (its tree, self.deleted then)

    def delete(self, element, keep_tail: bool = True) -> None:
        self.deleted += 1
        delete_element(element, keep_tail)

    def delete_by_link_density(self, subtree, tagname, backtracking=False, favor_precision=False):
        key = (tagname, backtracking, favor_precision)
        seen = self.quiet.get(key)
        if seen is not None and seen[0] is subtree and seen[1] == self.deleted:
            return subtree
        before = self.deleted
        subtree = _DENSITY(subtree, tagname, backtracking, favor_precision)
        if self.deleted == before:
            self.quiet[key] = (subtree, before)
        return subtree

    def prune_unwanted_sections(self, *args, **kwargs):
        self.quiet = {}
        try:
            return _PRUNE(*args, **kwargs)
        finally:
            self.quiet = {}


_QUIET = _QuietPasses()


def _density_pass(same: bool):
    """trafilatura's ``delete_by_link_density``, its deletions counted: :mod:`cleaner.linkdensity`'s,
    which reads each text only as far as the test needs, when trafilatura's is the one it was
    written from (``same``), else trafilatura's own."""
    if same:
        return functools.partial(linkdensity.delete_by_link_density, delete=_QUIET.delete)
    return rebound(htmlprocessing, ("delete_by_link_density",), delete_element=_QUIET.delete)["delete_by_link_density"]


_DENSITY = _density_pass(linkdensity.SAME)


#: trafilatura's main extractor (``extract_content`` and what it calls that prunes) reading
#: OVERALL_DISCARD_XPATH (its two XPaths as one walk: it reads them with its guard only,
#: :func:`cleaner.xpaths.overall_discard`), TEASER_DISCARD_XPATH, DISCARD_IMAGE_ELEMENTS and
#: BODY_XPATH as walks
_MAIN = rebound(main_extractor, ("extract_content", "_extract", "recover_wild_text", "prune_unwanted_sections"),
                OVERALL_DISCARD_XPATH=[Walk(overall_discard, *trafilatura_xpaths.OVERALL_DISCARD_XPATH)],
                TEASER_DISCARD_XPATH=[Walk(teasers, trafilatura_xpaths.TEASER_DISCARD_XPATH[0])],
                DISCARD_IMAGE_ELEMENTS=[Walk(captions, trafilatura_xpaths.DISCARD_IMAGE_ELEMENTS[0])],
                BODY_XPATH=[x if i == 1 else FirstChoice(i, x)  # ((.//article)[1]: libxml2 alone, cheap)
                            for i, x in enumerate(trafilatura_xpaths.BODY_XPATH)],
                delete_element=_QUIET.delete, delete_by_link_density=_QUIET.delete_by_link_density)
#: …and its link-density passes skipping a call that would delete nothing (:class:`_QuietPasses`)
_PRUNE, _MAIN["prune_unwanted_sections"] = _MAIN["prune_unwanted_sections"], _QUIET.prune_unwanted_sections


def _basic_cleaning(tree: HtmlElement) -> HtmlElement:
    """trafilatura's ``basic_cleaning``, ``BASIC_CLEAN_XPATH`` found by :func:`basic_clean`."""
    for el in basic_clean(tree):
        delete_element(el)
    return tree


#: the rescues that clean the raw tree first (the baseline, ``html2txt``, jusText within the
#: comparison), reading BASIC_CLEAN_XPATH as the walk
_BASELINE = rebound(importlib.import_module("trafilatura.baseline"),  # (trafilatura.baseline: a function too)
                    ("baseline", "html2txt"), basic_cleaning=_basic_cleaning)


class _Readability:
    """readability's article of one page (trafilatura's ``try_readability`` of a copy of the
    raw tree), computed once: the comparisons of both settings (the full cascade's and the
    recall setting's) read it of the same tree, and each gets a copy of its own (a comparison
    that takes it sanitizes it). Measured on wcxb: 65 of the 711 pages compare in both
    settings, and readability made most of a comparison's 10 ms. ``compare_extraction``
    receives it as its raw tree, which it hands to ``try_readability`` only (in the settings
    the cascade runs: no precision focus, which would prune the raw tree first)."""

    def __init__(self, raw):
        self.raw, self.found = raw, None

    def article(self) -> HtmlElement:
        if self.found is None:
            self.found = external.try_readability(copy(self.raw()))
        return deepcopy(self.found)


def _try_readability(htmlinput) -> HtmlElement:
    """``try_readability``, the page's :class:`_Readability` answered from memory."""
    return htmlinput.article() if isinstance(htmlinput, _Readability) else external.try_readability(htmlinput)


def _delete_tags(tree: HtmlElement, tags: list[str]) -> None:
    """What ``tree_cleaning``'s loop over its cleaning list does (``for expression in tags: for
    element in tree.iter(expression): delete_element(element)``), in one walk of the tree
    instead of one a tag: 50 walks over the whole page (51 tags, "form" apart), which cost
    little on a page that fits the caches and most of what grows on one that does not
    (measured: 0.004 s on 1 MB of markup, 0.39 s on 20 MB).

    The elements of ``tags`` are found in one walk, then deleted tag by tag in the list's order,
    each in document order, skipping those inside an element deleted before (out of the tree,
    where trafilatura's walk does not meet them). lxml's iterator has found its next element
    when the loop deletes the one it gave: when that next one lies inside the deleted element
    (an <aside> in an <aside>), the walk goes on in the detached element, ends there, and the
    tag's later elements stay in the page. So they do here (tests/test_cascade.py)."""
    by_tag: dict[str, list] = {}
    for el in tree.iter(*tags):  # in document order
        by_tag.setdefault(el.tag, []).append(el)
    gone: set = set()  # the elements found inside one deleted
    for tag in tags:
        for el in by_tag.get(tag, ()):
            if el in gone or el.getparent() is None:  # (the root: delete_element leaves it)
                continue
            inside = False
            if len(el):  # (most have no child: a script, an input, a link)
                for below in el.iterdescendants(*tags):
                    gone.add(below)
                    inside = inside or below.tag == tag
            delete_element(el)
            if inside:
                break  # the walk went on inside it, and ended there


def _tree_cleaning(tree: HtmlElement, options: Extractor) -> HtmlElement:
    """trafilatura's ``tree_cleaning`` (2.3) with the elements of its cleaning list deleted in
    one walk (:func:`_delete_tags`) instead of one a tag; the rest as written there (its
    comments left out). tests/test_cascade.py compares the trees the two leave."""
    recover_math(tree)
    cleaning_list, stripping_list = MANUALLY_CLEANED.copy(), MANUALLY_STRIPPED.copy()
    clean_forms = "form" in cleaning_list
    if clean_forms:
        cleaning_list.remove("form")
    if not options.tables:
        cleaning_list.extend(["table", "td", "th", "tr"])
    else:
        for elem in tree.iter("figure", "table"):
            if elem.find(".//table") is not None if elem.tag == "figure" else elem.get("role") in ("presentation", "none"):
                elem.tag = "div"
    if options.images:
        cleaning_list = [e for e in cleaning_list if e not in PRESERVE_IMG_CLEANING]
        stripping_list.remove("img")
    strip_tags(tree, stripping_list)
    tcopy = None
    if (
        options.focus == "recall"
        and tree.find(".//p") is not None
        and ("p" in cleaning_list or not any(next(p.iterancestors(cleaning_list), tree) is tree for p in tree.iter("p")))
    ):
        tcopy = deepcopy(tree)
    _delete_tags(tree, cleaning_list)
    if tcopy is not None and tree.find(".//p") is None:
        tree = tcopy
    if clean_forms:
        _handle_forms(tree)
    return prune_html(tree, options.focus)


#: the comparison and the jusText rescue reading BASIC_CLEAN_XPATH as the walk, readability's
#: article from memory (:class:`_Readability`), and the comparison's clean-up in one walk
_EXTERNAL = rebound(external, ("compare_extraction", "justext_rescue", "sanitize_tree"), try_readability=_try_readability,
                    **({"basic_cleaning": _basic_cleaning, "tree_cleaning": _tree_cleaning} if WALKS else {}))
#: the first stage's clean-up (in one walk) and conversion
_PREPARE = rebound(core, ("_prepare_tree",), tree_cleaning=_tree_cleaning)["_prepare_tree"] if WALKS else core._prepare_tree
compare_extraction, justext_rescue = _EXTERNAL["compare_extraction"], _EXTERNAL["justext_rescue"]
if WALKS:
    baseline, html2txt = _BASELINE["baseline"], _BASELINE["html2txt"]
    extract_content = _MAIN["extract_content"]


class _Noting(Extractor):
    """trafilatura's options, noting whether a stage read ``fast``: a first stage that did
    not read it is the same in fast mode and in the full cascade."""

    __slots__ = ("_fast", "read_fast")

    @property
    def fast(self) -> bool:
        self.read_fast = True
        return self._fast

    @fast.setter
    def fast(self, value: bool) -> None:
        self._fast = value
        self.read_fast = False


class Cascade:
    """trafilatura's text of ``tree`` in fast mode (:attr:`fast`), in its full cascade
    (:attr:`full`) and in its recall setting (:attr:`recall`), each computed on first use,
    equal to ``bare_extraction(tree, options=Extractor(**options, fast=…, recall=…)).text``
    (or "" where that is None). ``tree`` is not modified."""

    def __init__(self, tree: HtmlElement, url: str | None, options: dict):
        self.tree, self.url, self.settings = tree, url, options
        self._options: dict[tuple[str, bool], _Noting] = {}
        self._first: dict[tuple[str, bool], tuple] = {}
        self._compared: dict[str, tuple] = {}
        self._texts: dict[tuple[str, bool], str] = {}
        self._rendered: list[tuple] = []  # (body, text): a body shared by two settings is rendered once
        self._raw = self._baseline = self._page_chars = self._readability = None
        probe = self.options(BALANCED, True)
        if probe.comments or probe.formatting or probe.lang or probe.dedup or probe.with_metadata:
            raise ValueError("Cascade: settings with comments, formatting, a language, deduplication or metadata")

    @property
    def fast(self) -> str:
        return self.text(BALANCED, True)

    @property
    def full(self) -> str:
        return self.text(BALANCED, False)

    @property
    def recall(self) -> str:
        return self.text(RECALL, False)

    def options(self, focus: str, fast: bool) -> _Noting:
        key = (focus, fast)
        if key not in self._options:
            self._options[key] = _Noting(config=DEFAULT_CONFIG, output_format="python", url=self.url,
                                         **{**self.settings, "fast": fast, "recall": focus == RECALL})
        return self._options[key]

    def text(self, focus: str, fast: bool) -> str:
        """``bare_extraction``'s text in one setting (its ``try`` block, then ``xmltotxt``)."""
        key = (focus, fast)
        if key in self._texts:
            return self._texts[key]
        options = self.options(focus, fast)
        try:
            body, text = self._sequence(focus, fast)
            if options.max_tree_size and len(body) > options.max_tree_size:
                body = deepcopy(body)  # (it may be another setting's too)
                strip_tags(body, "hi")
                if len(body) > options.max_tree_size:
                    raise ValueError
            if len(text) < options.min_output_size and 0 < options.min_output_comm_size:  # (no comments: 0 chars)
                raise ValueError
        except (TypeError, ValueError):
            self._texts[key] = ""
            return ""
        done = next((t for b, t in self._rendered if b is body), None)
        if done is None:
            done = xmltotxt(body, options.formatting) or ""
            self._rendered.append((body, done))
        self._texts[key] = done
        return done

    # -- the stages of trafilatura_sequence, each run once -----------------------------------
    def raw(self) -> HtmlElement:
        """The copy of the tree with trafilatura's raw-tree prunes, which every stage reads
        (and none modifies: each works on a copy of its own)."""
        if self._raw is None:
            tree = copy(self.tree)
            comments_too = not core._forum_thread_page(tree)  # (no comments; no precision focus)
            if WALKS:
                for found in raw_prunes(tree, comments_too):
                    for el in found:
                        delete_element(el)
            else:
                tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
                if comments_too:
                    tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS_XPATH)
            self._raw = tree
        return self._raw

    def first(self, focus: str, fast: bool) -> tuple:
        """Stage 1: (body, text, the cleaned tree before conversion) of the main extractor;
        one run for both modes unless it read ``fast`` (its wild-text recovery ran)."""
        key = (focus, fast)
        if key not in self._first:
            options = self.options(focus, fast)
            options.read_fast = False
            cleaned, backup = _PREPARE(self.raw(), options, self.url)
            body, text = extract_content(cleaned, options)
            self._first[key] = (body, text, backup)
            if not options.read_fast:
                self._first[(focus, not fast)] = self._first[key]
        return self._first[key]

    def compared(self, focus: str) -> tuple:
        """Stage 2 (the full cascade only): the main extractor's result against readability's
        and jusText's."""
        if focus not in self._compared:
            body, text, backup = self.first(focus, False)
            options = self.options(focus, False)
            if self._readability is None:
                self._readability = _Readability(self.raw)
            raw = self._readability if options.focus != "precision" else copy(self.raw())
            self._compared[focus] = compare_extraction(backup, raw, body, text, options)
        return self._compared[focus]

    def extracted(self, focus: str, fast: bool) -> tuple:
        """Stages 1-2 (``_extract_and_compare``): (body, text)."""
        return self.first(focus, True)[:2] if fast else self.compared(focus)

    def _sequence(self, focus: str, fast: bool) -> tuple:
        """``trafilatura_sequence``'s body and text (stages 1-4; no comments)."""
        options = self.options(focus, fast)
        body, text = self.extracted(focus, fast)
        # 3. rescue: baseline on the raw tree, taken if it adds text
        if len(text) < options.min_extracted_size and focus != "precision":
            if self._baseline is None:
                self._baseline = baseline(self.raw())
            b_body, b_text, b_len = self._baseline
            if b_len > len(text):
                body, text = b_body, b_text
        # 4. recall escalation
        if focus == BALANCED and 0 < len(text) < core.ESCALATION_MAX_LENGTH:
            if self._page_chars is None:
                self._page_chars = len(html2txt(self.raw()))
            if len(text) < core.ESCALATION_PAGE_SHARE * self._page_chars:
                body, text = self._escalate(fast, body, text)
        return body, text

    def _escalate(self, fast: bool, body, text: str) -> tuple:
        r_text = j_text = ""
        try:
            r_body, r_text = self.extracted(RECALL, fast)
        except Exception:  # noqa: BLE001 - as trafilatura: a failed retry is no candidate
            r_text = ""
        if not fast:
            try:
                j_body, j_text = justext_rescue(copy(self.raw()), self.options(BALANCED, fast))
            except Exception:  # noqa: BLE001
                j_text = ""
        len_text, r_len, j_len = len(text), len(r_text), len(j_text)
        if j_len > r_len and j_len > core.ESCALATION_JUSTEXT_RATIO * len_text:
            return j_body, j_text
        if r_len >= self.options(BALANCED, fast).min_extracted_size and r_len > core.ESCALATION_ACCEPT_RATIO * len_text:
            return r_body, r_text
        return body, text
