"""The heuristics: what rules cannot express, as small named units of code.

Each heuristic has an id (listed by ``cleaner rules list`` beside the rules, shown by
``cleaner rules show ID``, and written to the ``rule`` field of what it removes), a
category, a one-line reason, and a module of its own, ``hNNN_name.py``, whose docstring
says what it does, why that is boilerplate, an example and its known gaps; its test is
``tests/heuristics/test_hNNN.py`` and fails when the heuristic is taken out. A few ids
share a module with the heuristic they are part of (H004 and H006 are branches of H003's
head-of-text pass); H009 lives in :mod:`cleaner.authors`, which the HTML metadata stage
uses too.

``stage`` says where a heuristic runs: ``html`` on the parsed page before or around
extraction, ``rules`` inside the text-rule engine, ``text`` on the blocks after the rules,
``metadata`` when the record's fields are merged. :mod:`cleaner.pipeline` runs them in
that order. A heuristic with no category removes nothing: it changes what the extraction
reads. This package's ``__init__`` is data only (it imports none of the heuristics).
"""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

from ..ruleset import RuleSet

#: the sections of a heuristic's module docstring, in ruff's order
SECTIONS = ("What it does", "Why it is boilerplate", "Why it is needed", "Example", "Known gaps")
_MARKUP = re.compile(r":\w+:`~?([^`]+)`|``([^`]+)``")


def _sections(doc: str) -> list[tuple[str, str]]:
    """``doc``'s "Heading: text" paragraphs (after its summary line), their markup plain."""
    out = []
    for para in doc.split("\n\n")[1:]:
        heading, _, text = para.partition(": ")
        if heading in SECTIONS:
            text = _MARKUP.sub(lambda m: m[1] or m[2], text).strip()
            out.append((heading, text[:1].upper() + text[1:]))
    return out


@dataclass(frozen=True)
class Heuristic:
    """A named heuristic in code, listed beside the rules (``cleaner rules list``)."""

    id: str
    name: str
    #: the category of what it removes (None: it removes nothing)
    category: str | None
    why: str
    #: ``module:function, …`` (a module of this package, or a dotted module of cleaner's)
    code: str
    stage: str

    @property
    def module(self) -> str:
        name = self.code.split(":")[0]
        return name if "." in name else f"cleaner.heuristics.{name}"

    def doc(self) -> str:
        """Its module's docstring: what it does, why, an example, known gaps."""
        return (importlib.import_module(self.module).__doc__ or "").strip()

    def describe(self) -> str:
        """The page ``cleaner rules show ID`` prints: as a rule's, with its module's
        sections (what it does, why, an example, known gaps) under their headings."""
        path = self.module.replace(".", "/") + ".py"
        lines = [f"{self.id} {self.name}", "", f"category: {self.category or 'none (it removes nothing)'}",
                 "kind:     heuristic (code)", f"stage:    {self.stage}", "", "Why", f"  {self.why}"]
        for heading, text in _sections(self.doc()):
            lines += ["", heading, *(f"  {line}" for line in text.split("\n"))]
        functions = self.code.split(":")[1]
        return "\n".join(lines + ["", f"code: {path} ({functions})"])


@dataclass(frozen=True, slots=True)
class Context:
    """What a text heuristic is told besides the page: the rules that apply on the page's
    host (those the text rules ran), whether the dateline stays in the body, and the title
    the HTML stage read (its ``<title>`` without a site suffix; None for text)."""

    rules: RuleSet
    keep_dateline: bool = False
    given_title: str | None = None


HEURISTICS = (
    Heuristic("H001", "html-embeds", "embedded_tweet",
              "Tweets, Instagram, TikTok, Facebook and YouTube embeds are captured as data and taken out of the page.",
              "h001_html_embeds:capture_html", "html"),
    Heuristic("H002", "social-signature", "embedded_tweet",
              "A '— Name (@handle) Month D, YYYY' line closes an embedded tweet (it and the tweet's text above go to "
              "embeds); 'A post shared by Name (@handle)' credits an Instagram post.",
              "h002_social_signature:tweet_signatures", "text"),
    Heuristic("H003", "repeated-title", "metadata",
              "The headline repeated at the head of the text (or given by the page) is the title, not body text.",
              "h003_head_title:head_title", "text"),
    Heuristic("H004", "breadcrumb-title", "navigation",
              "A 'Home » … » Headline' trail at the head is navigation; its last crumb is the title.",
              "h003_head_title:head_title", "text"),
    Heuristic("H005", "title-site-suffix", "metadata",
              "'Headline – Site Name': the suffix names the source and leaves the title.",
              "h005_title_site_suffix:split_title", "html"),
    Heuristic("H006", "section-label", "metadata",
              "A one-to-three word label just above the headline ('World', 'Business') is the section.",
              "h003_head_title:head_title", "text"),
    Heuristic("H007", "dateline", "metadata",
              "The dateline opening the first paragraph ('TEL AVIV, Israel (AP) —') becomes metadata.",
              "h007_dateline:strip_dateline", "text"),
    Heuristic("H008", "over-removal-guard", None,
              "When removals would cut most of the article's prose, the prose removals are undone.",
              "h008_guard:guard", "text"),
    Heuristic("H009", "byline-authors", "metadata",
              "Names from byline lines become authors; generic accounts (admin, staff, editor, desk) do not.",
              "cleaner.authors:clean_authors", "metadata"),
    Heuristic("H010", "form-box", "newsletter",
              "A form asking for an e-mail address is a sign-up box (with a text area, a comment form); it goes "
              "with its small box.", "h010_form_box:form_boxes", "html"),
    Heuristic("H011", "author-bio", "metadata",
              "A closing line that starts with the author's name ('Jane Doe covers transport for …') is the author's bio.",
              "h011_author_bio:author_bio", "text"),
    Heuristic("H012", "link-list", "navigation",
              "Consecutive lines that were the items of an HTML list made of links and little else (a menu, a table "
              "of contents, a list of other stories) are navigation or see-also; not the product list of a shopping article.",
              "h012_link_lists:link_list_items, link_lists", "html+text"),
    Heuristic("H013", "title-repeated-below", "metadata",
              "The headline repeated further down the body (a card or a related link naming the story again) is "
              "not body text.", "h013_title_repeated_below:repeats", "text"),
    Heuristic("H014", "tail-headlines", "see_also",
              "After the article's last paragraph, two or more headlines in a row (or one in capitals) are links to "
              "other stories; not the product list of a shopping article (continues_article).", "h014_tail_headlines:tail_headlines", "text"),
    Heuristic("H015", "head-menu", "navigation",
              "Before the article's first paragraph, a run of short labels (menu items) is the site's navigation.",
              "h015_head_menu:head_menu", "text"),
    Heuristic("H016", "standfirst", "metadata",
              "The standfirst under the headline (a sub-heading in the page header that repeats the page's meta "
              "description) is the article's summary: it goes to the description, unless the headline runs into it or the "
              "first paragraph runs on from it.", "h016_standfirst:in_tree, standfirst", "html+text"),
    Heuristic("H017", "tail-menu", "navigation",
              "After the article's last paragraph, a run of short labels (the footer's menus: sections, 'Privacy "
              "Policy', 'Terms of Use') is the site's navigation.", "h017_tail_menu:tail_menu", "text"),
    Heuristic("H018", "split-body", None,
              "An article body split into chunks of the same container (one per stretch between ad slots), of which "
              "the extraction read the first only: the other chunks are read too.", "h018_split_body:split_body", "html"),
    Heuristic("H019", "prune-guard", None,
              "Selector rules and form boxes never prune the article: not its container as trafilatura would pick "
              "it, not more than a share of the page's visible text or prose all together, not prose the page hides "
              "inside the article (a paywall, a 'read more' toggle, a page streamed in hidden chunks).",
              "h019_prune_guard:PruneGuard", "html"),
    Heuristic("H020", "extraction-safety-net", None,
              "When the fast extraction reads a small part of what the page (or the article's container) holds, or "
              "runs its paragraphs together in one line, trafilatura's full cascade runs too, and its recall setting "
              "when that reads no more; their text is taken when it adds mostly prose or fills the gaps of the fast "
              "text; the record's warnings say so.", "h020_safety_net:extract", "html"),
    Heuristic("H021", "zone-stops-at-prose", "comments",
              "A marker ('Comments', 'Related') followed at once by a paragraph of prose, or written as a line of "
              "code, or standing in a share bar ('Facebook / Twitter / Comments / Print'), sits inside the article: the "
              "marker line goes, but it opens no zone over the text after it.",
              "h021_zone_stops:opens_zone, in_share_bar", "rules"),
    Heuristic("H022", "site-self-description", "promo",
              "One of the last lines that begins with the site's own name and says what it is ('Acme is a global "
              "provider of …', 'Acme is headquartered in …', on acme.com) is the publisher's boilerplate, not the article.",
              "h022_site_self_description:site_boilerplate", "text"),
    Heuristic("H023", "unheaded-comment-thread", "comments",
              "Text from another extractor that ends in reader comments with no heading above them: from the first "
              "of three or more lines that talk to the author ('Great post!', 'Thanks for sharing', 'Hi Jane,') on, "
              "after most of the text, the rest is the thread.", "h023_comment_thread:comment_thread", "text"),
    Heuristic("H024", "excerpt-teasers", "see_also",
              "Two or more lines in a row cut off mid-sentence with an ellipsis ('… and often the biggest...') are "
              "the excerpts of teaser cards for other posts, not the article.", "h024_excerpt_teasers:excerpt_teasers", "text"),
    Heuristic("H025", "repeated-paragraph", None,
              "A paragraph of prose the page shows more than once in one box (sibling elements) that the "
              "extraction kept fewer times (trafilatura drops a repeat as its own artifact) is put back.",
              "h025_repeated_paragraph:repeated_paragraphs", "html"),
)

#: the registry by id
BY_ID = {h.id: h for h in HEURISTICS}
