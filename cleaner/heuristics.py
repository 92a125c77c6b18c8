"""Stage 3b: what rules cannot express, as small named heuristics.

Each heuristic has an id (listed by ``cleaner rules list`` beside the rules, and written
to the ``rule`` field of what it removes), a category, a reason, and a test in
``tests/test_heuristics.py`` that fails when it is taken out.
"""
from __future__ import annotations

import regex

from .blocks import HEAD_MAX_BLOCKS, Page, is_prose
from .rules import TITLE_SEPARATORS, Heuristic, name_key, phrase_key, squash

HEURISTICS = (
    Heuristic("H001", "html-embeds", "embedded_tweet",
              "Tweets, Instagram, TikTok, Facebook and YouTube embeds are captured as data and taken out of the page.",
              "embeds.capture_html"),
    Heuristic("H002", "social-signature", "embedded_tweet",
              "A '— Name (@handle) Month D, YYYY' line closes an embedded tweet (it and the tweet's text above go to "
              "embeds); 'A post shared by Name (@handle)' credits an Instagram post.",
              "embeds.tweet_signatures"),
    Heuristic("H003", "repeated-title", "metadata",
              "The headline repeated at the head of the text (or given by the page) is the title, not body text.",
              "heuristics.head_title"),
    Heuristic("H004", "breadcrumb-title", "navigation",
              "A 'Home » … » Headline' trail at the head is navigation; its last crumb is the title.",
              "heuristics.head_title"),
    Heuristic("H005", "title-site-suffix", "metadata",
              "'Headline – Site Name': the suffix names the source and leaves the title.",
              "heuristics.split_title"),
    Heuristic("H006", "section-label", "metadata",
              "A one-to-three word label just above the headline ('World', 'Business') is the section.",
              "heuristics.head_title"),
    Heuristic("H007", "dateline", "metadata",
              "The dateline opening the first paragraph ('TEL AVIV, Israel (AP) —') becomes metadata.",
              "heuristics.strip_dateline"),
    Heuristic("H008", "over-removal-guard", "metadata",
              "When removals would cut most of the article's prose, the prose removals are undone.",
              "heuristics.guard"),
    Heuristic("H009", "byline-authors", "metadata",
              "Names from byline lines become authors; generic accounts (admin, staff, editor, desk) do not.",
              "metadata.clean_authors"),
    Heuristic("H010", "form-box", "newsletter",
              "A form asking for an e-mail address is a sign-up box (with a text area, a comment form); it goes "
              "with its small box.", "html.form_boxes"),
    Heuristic("H011", "author-bio", "metadata",
              "A closing line that starts with the author's name ('Jane Doe covers transport for …') is the author's bio.",
              "heuristics.author_bio"),
    Heuristic("H012", "link-list", "navigation",
              "Consecutive lines that were the items of an HTML list made of links and little else (a menu, a table "
              "of contents, a list of other stories) are navigation or see-also; not the product list of a shopping article.",
              "heuristics.link_lists"),
    Heuristic("H013", "title-repeated-below", "metadata",
              "The headline repeated further down the body (a card or a related link naming the story again) is "
              "not body text.", "heuristics.repeats"),
    Heuristic("H014", "tail-headlines", "see_also",
              "After the article's last paragraph, two or more headlines in a row (or one in capitals) are links to "
              "other stories; not the product list of a shopping article (continues_article).", "heuristics.tail_headlines"),
    Heuristic("H015", "head-menu", "navigation",
              "Before the article's first paragraph, a run of short labels (menu items) is the site's navigation.",
              "heuristics.head_menu"),
    Heuristic("H016", "standfirst", "metadata",
              "The standfirst under the headline (a sub-heading in the page header that repeats the page's meta "
              "description) is the article's summary: it goes to the description, unless the headline runs into it or the "
              "first paragraph runs on from it.", "heuristics.standfirst"),
    Heuristic("H017", "tail-menu", "navigation",
              "After the article's last paragraph, a run of short labels (the footer's menus: sections, 'Privacy "
              "Policy', 'Terms of Use') is the site's navigation.", "heuristics.tail_menu"),
    Heuristic("H018", "split-body", "extraction",
              "An article body split into chunks of the same container (one per stretch between ad slots), of which "
              "the extraction read the first only: the other chunks are read too.", "html.split_body"),
    Heuristic("H019", "prune-guard", "navigation",
              "Selector rules and form boxes never prune the article: not its container as trafilatura would pick "
              "it, not more than a share of the page's visible text or prose all together, not prose the page hides "
              "inside the article (a paywall, a 'read more' toggle, a page streamed in hidden chunks).",
              "html.PruneGuard"),
    Heuristic("H020", "extraction-safety-net", "navigation",
              "When the fast extraction reads a small part of what the page (or the article's container) holds, or "
              "runs its paragraphs together in one line, trafilatura's full cascade runs too, and its recall setting "
              "when that reads no more; their text is taken when it adds mostly prose or fills the gaps of the fast "
              "text; the record's warnings say so.", "html.extract"),
    Heuristic("H021", "zone-stops-at-prose", "comments",
              "A marker ('Comments', 'Related') followed at once by a paragraph of prose, or written as a line of "
              "code, or standing in a share bar ('Facebook / Twitter / Comments / Print'), sits inside the article: the "
              "marker line goes, but it opens no zone over the text after it.",
              "match.opens_zone"),
    Heuristic("H022", "site-self-description", "promo",
              "One of the last lines that begins with the site's own name and says what it is ('Acme is a global "
              "provider of …', 'Acme is headquartered in …', on acme.com) is the publisher's boilerplate, not the article.",
              "heuristics.site_boilerplate"),
    Heuristic("H023", "unheaded-comment-thread", "comments",
              "Text from another extractor that ends in reader comments with no heading above them: from the first "
              "of three or more lines that talk to the author ('Great post!', 'Thanks for sharing', 'Hi Jane,') on, "
              "after most of the text, the rest is the thread.", "heuristics.comment_thread"),
    Heuristic("H024", "excerpt-teasers", "see_also",
              "Two or more lines in a row cut off mid-sentence with an ellipsis ('… and often the biggest...') are "
              "the excerpts of teaser cards for other posts, not the article.", "heuristics.excerpt_teasers"),
    Heuristic("H025", "repeated-paragraph", "extraction",
              "A paragraph of prose the page shows more than once in one box (sibling elements) that the "
              "extraction kept fewer times (trafilatura drops a repeat as its own artifact) is put back.",
              "html.repeated_paragraphs"),
)

_BREADCRUMB_SEP = regex.compile(r"\s*(?:»|›|>|/|\||→|::)\s*")
_DATE_LIKE = regex.compile(r"^[\d\s/.,:-]+$|\b(?:19|20)\d{2}\b.*\b\d{1,2}:\d{2}\b")
_LABEL = regex.compile(r"\p{Lu}[\p{L}&'’.-]*(?:\s+(?:&|and|\p{Lu}[\p{L}&'’.-]*)){0,2}")


def title_key(text: str) -> str:
    return phrase_key(text)


#: a headline found only by its place (the first line) is at most this long
TITLE_MAX_CHARS = 160
_NOT_A_HEADLINE = regex.compile(
    r"\p{Ll}{2}[.!?]\s+\p{Lu}"        # two sentences: "… its advertiser. All opinions …"
    r"|[:;,.]\s*$"                      # a lead-in ("Here's why:") or a sentence
    r"|https?://|www\.|(?<!\w)#\w"      # links and hashtags
    r"|[$€£]\s?\d[\d.,]*\s*$"            # a product and its price
)


def is_title_like(text: str) -> bool:
    """Short, capitalised, one phrase: not a sentence of prose, a lead-in, a link or a date."""
    text = squash(text)
    words = text.split()
    if not 2 <= len(words) <= 30 or len(text) > TITLE_MAX_CHARS:
        return False
    if _NOT_A_HEADLINE.search(text):
        return False
    first = text.lstrip("\"'“‘«([")[:1]
    return bool(first) and (first.isupper() or first.isdigit()) and not _DATE_LIKE.search(text)


def split_title(title: str, sitename: str | None = None, host: str | None = None) -> tuple[str, str | None]:
    """H005: "Headline – Site Name" → ("Headline", "Site Name").

    With the page's site name or host known, a suffix (or a prefix, "Site | Headline") that
    names the site is split off: equal to the site name, the start of a longer one
    ("Spiceworks" of "Spiceworks Inc"), or the host's name ("Example.cz" on example.cz),
    accents and spacing aside. Otherwise a suffix is split off when it is short and
    capitalised like a name and at least four words of headline stay.
    """
    title = _SECTION_EDGE.sub("", squash(title)) or squash(title)
    seps = list(TITLE_SEPARATORS.finditer(title))
    if not seps:
        return title, None
    site = name_key(sitename)
    if site and len(seps) > 1:  # a site name with separators of its own: "Headline - Name - Tagline"
        for sep in seps:
            if name_key(title[sep.end():]) == site:
                return title[: sep.start()], title[sep.end():]
            if name_key(title[: sep.start()]) == site:
                return title[sep.end():], title[: sep.start()]
    headline, suffix = title[: seps[-1].start()], title[seps[-1].end():]
    names = [n for n in (name_key(sitename), _host_key(host)) if n]
    if names:
        if _names_site(suffix, names):
            return headline, suffix
        prefix = title[: seps[0].start()]
        if _names_site(prefix, names):
            return title[seps[0].end():], prefix
        if sitename:
            return title, None
    if (_looks_like_name(suffix) or _looks_like_site(suffix)) and len(headline.split()) >= 4:
        return headline, suffix
    return title, None


#: a section label at either end of a title ("Opinion | Headline", "Headline | Editorial"):
#: neither headline nor site; taken off only when three words of headline stay
_SECTION_WORDS = (r"(?:opinion|editorial|editorials|analysis|review|reviews|comment|commentary|column|op-ed|"
                  r"perspective|letters?|obituary|obituaries|explainer|interview|podcast|videos?|live|photos|gallery|"
                  r"exclusive|fact check|satire|sponsored)")
_SECTION_EDGE = regex.compile(
    rf"(?i)^{_SECTION_WORDS}\s+(?:[|–—:]|-)\s+(?=(?:\S+\s+){{2}}\S)|(?<=\S(?:\s+\S+){{2}})\s+(?:[|–—]|-)\s+{_SECTION_WORDS}$")


def _host_key(host: str | None) -> str:
    """The registrable name of a host, without its public suffix: news.example.co.uk → example."""
    if not host:
        return ""
    labels = [label for label in host.split(".") if label not in _HOST_NOISE]
    return name_key(labels[-1]) if labels else ""


_HOST_NOISE = frozenset({"www", "m", "amp", "com", "org", "net", "co", "uk", "cz", "de", "fr", "it", "es", "in",
                         "au", "ca", "io", "news", "edu", "gov", "info", "us", "jp", "br", "ru", "nl", "pl"})


def _names_site(part: str, names: list[str]) -> bool:
    key = name_key(part)
    if not key or len(part.split()) > 6:
        return False
    return any(key == n or (len(key) >= 4 and (n.startswith(key) or key.startswith(n))) for n in names)


def _looks_like_site(text: str) -> bool:
    """"My website", "Our blog": a capitalised phrase of two or three words naming a site."""
    words = text.split()
    return 2 <= len(words) <= 3 and words[0][:1].isupper() and _SITE_WORDS.search(text) is not None \
        and not regex.search(r"[.!?,;:]$", text)


#: what a site calls itself
_SITE_WORDS = regex.compile(r"(?i)\b(?:web\s?site|site|blog|homepage|home page|news|magazine|journal|online|"
                            r"portal|weblog|podcast)\b")


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and len(text) <= 40 and all(w[:1].isupper() or w[:1].isdigit() for w in words) \
        and not regex.search(r"[.!?,;:]$", text)


def head_title(page: Page, given: str | None = None) -> str | None:
    """H003/H004/H006: find the headline at the head of the text and take it out.

    The title is, in order: the one the page's metadata gives; the last crumb of a
    breadcrumb trail that repeats as a line; a line repeated in the head; the first head
    line when it looks like a headline. Its copies (with or without a site suffix) leave
    the body, the breadcrumb goes as navigation, and a short label right above the first
    copy becomes the section.
    """
    blocks = page.blocks
    # rules ran first, so site chrome is gone; a breadcrumb a rule took still names the title
    head = [b for b in blocks[: max(page.head_end(), 1)]
            if b.kept or (b.removal.category == "navigation" and _last_crumb(b.text))]
    if not head:
        return given
    keys = [title_key(b.text) if b.kept else "" for b in head]
    crumbs = {i: _last_crumb(b.text) for i, b in enumerate(head)}
    title = given
    if title is None:
        for i, crumb in crumbs.items():
            if crumb and title_key(crumb) in keys[:i] + keys[i + 1:]:
                title = crumb
                break
    if title is None:
        seen = set()
        for b, key in zip(head, keys):
            if key and key in seen and is_title_like(b.text):
                title = b.text
                break
            seen.add(key)
    if title is None:
        alone = sum(1 for b in blocks if b.kept) < 2  # the only block is the article, not its headline
        for n, b in enumerate([b for b in head if b.kept][:2]):
            if is_title_like(b.text) and not _is_label(b.text) and not alone and not is_prose(b.text) \
                    and not (n and _ENDS_SENTENCE.search(b.text)):  # below a label: a headline, not a sentence
                title = b.text
                break
            if not _is_label(b.text):
                break
    if title is None:
        return None
    headline = title
    if given is None:  # a title from the page's metadata was split by the caller
        headline, suffix = split_title(title, (page.found.get("sitename") or [None])[0], page.host)
        page.note("title_suffix", suffix)
    wanted = {title_key(title), title_key(headline)}
    first = None
    for i, (b, key) in enumerate(zip(head, keys)):
        if key in wanted:
            page.remove(b, "metadata", "H003")
            first = i if first is None else first
        elif crumbs[i] and title_key(crumbs[i]) in wanted:
            if b.kept:
                page.remove(b, "navigation", "H004")
            first = i if first is None else first
    if first is None and given is not None:
        first = _title_variant(page, head, headline)
    if first is not None and first > 0:
        label = head[first - 1]
        if label.kept and _is_label(label.text):
            page.note("section", label.text)
            page.remove(label, "metadata", "H006")
    return headline


#: a head line and the page's title share at least this share of the words (of three
#: letters or more) of the longer of the two, and at least ``TITLE_VARIANT_MIN_WORDS`` of
#: them, for the line to be that title reworded; or one begins with the other, at least
#: this share of its length (a title cut short)
TITLE_VARIANT_SHARE = 0.6
TITLE_VARIANT_MIN_WORDS = 3
_WORD3 = regex.compile(r"\w{3,}|\d+")


def _title_variant(page: Page, head: list, title: str) -> int | None:
    """H003 when no head line is the page's title: the visible headline is often a variant
    of the one in the metadata (written for search engines or social media, cut short, or
    with a site name the split missed). The first head line that looks like a headline and
    begins with the title, is the beginning of it, or shares most of its words, goes."""
    key = title_key(title)
    words = set(_WORD3.findall(title.casefold()))
    for i, b in enumerate(head[:3]):
        if not b.kept:
            continue
        if is_title_like(b.text) and not _is_label(b.text) and not is_prose(b.text):
            line_key = title_key(b.text)
            shared = words & set(_WORD3.findall(b.text.casefold()))
            short, long = sorted((line_key, key), key=len)
            if (len(short) >= 20 and len(short) >= TITLE_VARIANT_SHARE * len(long) and long.startswith(short)) or (
                len(shared) >= TITLE_VARIANT_MIN_WORDS
                and len(shared) >= TITLE_VARIANT_SHARE * max(len(words), len(set(_WORD3.findall(b.text.casefold()))))
            ):
                page.remove(b, "metadata", "H003")
                return i
        if not _is_label(b.text):
            return None
    return None


def _last_crumb(text: str) -> str | None:
    parts = [p for p in _BREADCRUMB_SEP.split(squash(text)) if p]
    if len(parts) >= 2 and len(parts[0].split()) <= 3 and _BREADCRUMB_SEP.search(text):
        return parts[-1]
    return None


def _is_label(text: str) -> bool:
    """'World', 'Business', 'Middle East', 'Arts & Culture': a section label."""
    text = squash(text)
    return len(text) <= 30 and bool(_LABEL.fullmatch(text))


_ENDS_SENTENCE = regex.compile(r"[.!?…][\"”’)»]?\s*$")


def strip_dateline(page: Page, keep_dateline: bool = False, year: int | None = None) -> None:
    """H007: parse the dateline that opens the first paragraph (the first block left, or the
    first prose paragraph when a stray label sits above it); take it out of the body."""
    from .dateline import parse_dateline

    kept = [b for b in page.blocks if b.kept]
    # the first prose paragraph, when only stray labels sit above it (no sentence: a short
    # first paragraph left by an earlier pass must not expose the next one's dateline)
    prose = None
    for b in kept[:HEAD_MAX_BLOCKS]:
        if is_prose(b.text):
            prose = b
            break
        if _ENDS_SENTENCE.search(b.text):
            break
    candidates = kept[:1] + ([prose] if prose is not None and prose is not kept[0] else [])
    for first in candidates:
        parsed = parse_dateline(first.text, year=year)
        if parsed is not None:
            break
    else:
        return
    dateline, rest = parsed
    page.dateline = dateline
    if keep_dateline or "metadata" in page.keep or not rest:
        return
    page.cut(first, 0, len(first.text) - len(rest), "metadata", "H007")


_BIO_VERB = regex.compile(
    r"\s+(?:is|was|covers|reports|writes|has|joined|edits|contributed|can be reached|previously)\b", regex.IGNORECASE
)
#: a bio is one of the last few blocks, and short
BIO_LAST_BLOCKS, BIO_MAX_CHARS = 4, 600


def author_bio(page: Page, authors: list[str]) -> None:
    """H011: "Jane Doe covers transport for The Gazette. She joined in 2019." at the end."""
    if not authors:
        return
    kept = [b for b in page.blocks if b.kept][-BIO_LAST_BLOCKS:]
    for block in kept:
        if len(block.text) > BIO_MAX_CHARS:
            continue
        for name in authors:
            if block.text.startswith(name) and _BIO_VERB.match(block.text, len(name)):
                page.remove(block, "metadata", "H011")
                break


#: the guard acts when less than this share of the prose would stay…
#: a link list must show at least this many of its items in a row in the text
LINK_RUN = 2
#: a line of at least this many words that ends with a colon announces the list under it
#: ("Many patches were sent for review:"); such a list before the article's last paragraph
#: is the article's own (a label, "Related:", "Read more:", is shorter, or a rule took it)
ANNOUNCING_WORDS = 4
_ANNOUNCES = regex.compile(r":\s*$")
#: an item that is a bare web address (and maybe a note after it): a link, not text, announced or not
_BARE_URL = regex.compile(r"^(?:[-*•]\s*)?(?:https?://|www\.)\S+(?:\s+\([^()]{0,40}\))?$")


#: a list continues a shopping article (H012, H014 spare it) when this share of its items…
CONTINUES_ITEMS = 2 / 3
#: …each have this share of their words in the article's own prose…
CONTINUES_WORDS = 0.75
#: …and the prose speaks of buying at least this many times (prices, deals, "buy")
SHOPPING_HITS = 3
_CONTENT_WORD = regex.compile(r"\p{L}{4,}")
_COMMON = frozenset(
    "with from that this your have more what when will about best news after over into their them they these "
    "those than then which were been just also here there only most some like make need know read story stories "
    "latest video photos watch says said year years week today".split())
_SHOPPING = regex.compile(
    r"[$£€¥₹]\s?\d|\d\s?(?:%|percent|per cent)\s+off\b|\b(?:deals?|discount(?:ed|s)?|on sale|coupons?|"
    r"buy(?:ing)?|bought|retail(?:er|s)?|in stock|promo codes?)\b",
    regex.IGNORECASE,
)


#: a product's name: a model number ("WH-1000XM5", "S24") or a name and a number ("iPhone 15")
_PRODUCT = regex.compile(r"\b(?:(?=[\w-]*\d)(?=[\w-]*\p{L})[\w-]{2,}|\p{Lu}[\p{L}-]+ \d{1,4})\b")


def continues_article(page: Page, items: list) -> bool:
    """Does a list of headline-like lines after a shopping article name what the article
    is about (the products or deals it recommends) rather than point to other stories?
    Yes when the prose speaks of buying (``SHOPPING_HITS`` prices, deals, "buy"…) and most
    of the items (``CONTINUES_ITEMS``) name a product (a model number, a name and a number)
    in words the prose uses (``CONTINUES_WORDS`` of each item's words of 4+ letters beyond
    the commonest): a box of other headlines brings words of its own. The items are read
    first: when too few of them name a product at all, the prose is not read."""
    if len(items) < 2:
        return False
    named = []  # the items that name a product, with their words
    for b in items:
        words = [w for w in (x.lower() for x in _CONTENT_WORD.findall(b.text)) if w not in _COMMON]
        if len(words) >= 2 and _PRODUCT.search(b.text):
            named.append(words)
    if len(named) < CONTINUES_ITEMS * len(items):
        return False
    ids = {id(b) for b in items}
    texts = [b.text for b in page.blocks if b.kept and id(b) not in ids and is_prose(b.text)]
    if sum(len(_SHOPPING.findall(t)) for t in texts) < SHOPPING_HITS:
        return False
    prose = {w.lower() for t in texts for w in _CONTENT_WORD.findall(t)}
    near = sum(1 for words in named if sum(w in prose for w in words) >= CONTINUES_WORDS * len(words))
    return near >= CONTINUES_ITEMS * len(items)


def link_lists(page: Page) -> None:
    """H012: runs of blocks that are items of link lists (``Page.link_items``, found in the
    HTML by :func:`cleaner.html.link_list_items`), with at least ``LINK_RUN`` items of lists
    that count on their own; items of a short list in the same run go with them. An item
    a rule took already (a "Photos: …" headline taken for a credit) does not break the run.
    A run that a sentence ending with a colon announces, before the article's last paragraph
    of prose, is a list inside the article (the patches a report lists, its sources) and stays,
    unless its items are bare web addresses (links, whatever announces them)."""
    items = page.link_items
    if not items:
        return
    blocks = page.blocks
    keys = [phrase_key(b.text) for b in blocks]
    last = page.last_prose()
    last = -1 if last is None else last

    def counts(k: int) -> bool:
        item = items[keys[k]]
        return item.strong and (not item.tail_only or k > last)

    def announced(i: int, j: int) -> bool:
        """Does a kept sentence ending with a colon open the run, with prose after it?"""
        before = next((b for b in reversed(blocks[:i]) if b.kept), None)
        return (j <= last and before is not None and bool(_ANNOUNCES.search(before.text))
                and len(before.text.split()) >= ANNOUNCING_WORDS
                and not all(_BARE_URL.match(b.text) for b in blocks[i:j]))

    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and keys[j] in items:
            j += 1
        if sum(counts(k) for k in range(i, j)) >= LINK_RUN and any(b.kept for b in blocks[i:j]) \
                and not announced(i, j) and not continues_article(page, [b for b in blocks[i:j] if b.kept]):
            for k in range(i, j):
                if blocks[k].kept:
                    page.remove(blocks[k], items[keys[k]].category, "H012")
        i = max(j, i + 1)


def standfirst(page: Page) -> None:
    """H016: the standfirst the HTML showed (:func:`cleaner.html.standfirst`) leaves the
    head of the body for the record's ``description``; only as one of the first blocks."""
    found = page.found.get("standfirst")
    if not found:
        return
    key = phrase_key(found[0])
    blocks = page.blocks[: HEAD_MAX_BLOCKS]
    for i, b in enumerate(blocks):
        if b.kept and phrase_key(b.text) == key:
            nxt = next((x.text for x in page.blocks[i + 1:] if x.kept), "")
            if not (_CONTINUES.match(b.text) or _CONTINUES.match(nxt)):
                page.remove(b, "metadata", "H016")
            return


#: a line that carries on the sentence before it: a lowercase start, an ellipsis, a conjunction
#: ("And sends a summary every week", "…which is why"): a standfirst that the headline runs
#: into, or that the first paragraph runs on from, is part of the text (H016 leaves it)
_CONTINUES = regex.compile(r"\s*(?:\p{Ll}|\.\.\.|…|(?:And|But|Or|So|Yet|Which|Because)\b)")


def repeats(page: Page, title: str | None) -> None:
    """H013: the title repeated further down the body (a card, a related link or a second
    rendering that names the story again) is not body text. Repeated paragraphs as such
    stay: recipes, meal plans, refrains and hard-wrapped text repeat lines on purpose."""
    if not title:
        return
    title_key = phrase_key(title)
    for b in page.blocks:
        if b.kept and len(b.text) <= TITLE_MAX_CHARS and phrase_key(b.text) == title_key:
            page.remove(b, "metadata", "H013")


#: headlines in a row after the last paragraph that make a list of other stories
TAIL_HEADLINE_RUN = 2
#: labels in a row before the first paragraph that make a menu
MENU_RUN = 6
#: …each of at most this many words
MENU_LABEL_WORDS = 4
#: …and characters (scripts without spaces between words)
MENU_LABEL_CHARS = 40
#: …or, in Chinese, Japanese or Korean, where a phrase of prose has few spaces, this many
MENU_LABEL_CJK_CHARS = 12
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LABEL_TEXT = regex.compile(r"[\p{L}\p{N}&'’.()/ -]+")
#: a line of a listing (tour dates, a schedule, results), not a headline
_LISTING = regex.compile(
    r"^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s+\d)"
    r"|@|\s(?:--|–|—)\s.*\d",
    regex.IGNORECASE,
)
_SHOUTING = regex.compile(r"[^\p{Ll}]*\p{Lu}{2}[^\p{Ll}]*")


#: a note in brackets, "(Graphic: … - here)", "[Video]": part of the article, not a headline
_BRACKETED = regex.compile(r"\(.*\)|\[.*\]")


def tail_headlines(page: Page) -> None:
    """H014: runs of ``TAIL_HEADLINE_RUN`` or more headline-shaped blocks after the last
    kept paragraph of prose, and single headlines in capitals there, are see-also."""
    blocks = page.blocks
    last = page.last_prose()
    if last is None:
        return
    run: list = []

    lead_in: list = [None]  # the block right above the run

    def close_run() -> None:
        if (len(run) >= TAIL_HEADLINE_RUN or (run and all(_SHOUTING.fullmatch(b.text) for b in run))) \
                and not continues_article(page, run) and not _introduces(lead_in[0]):
            for b in run:
                page.remove(b, "see_also", "H014")
        run.clear()

    prev = blocks[last]
    for b in blocks[last + 1 :]:
        if b.kept:
            if is_title_like(b.text) and len(b.text.split()) >= 4 and not _LISTING.search(b.text) \
                    and not _BRACKETED.fullmatch(b.text):
                if not run:
                    lead_in[0] = prev
                run.append(b)
            else:
                close_run()
        prev = b
    close_run()


def _introduces(block) -> bool:
    """H014: a line of the article's own that ends in a colon ("Here are the models he
    recommends:", "The game includes:") introduces the list under it: the list is the article's."""
    return block is not None and block.kept and block.text.rstrip().endswith((":", "："))


def head_menu(page: Page) -> None:
    """H015: ``MENU_RUN`` or more short labels in a row before the first kept paragraph of
    prose (the first prose paragraph stops the search: a list inside the article stays)."""
    _menu_runs(page, list(_head_blocks(page)), "H015")


def tail_menu(page: Page) -> None:
    """H017: ``MENU_RUN`` or more short labels in a row after the last kept paragraph of
    prose (a whole-page text dump ends with the footer's menus)."""
    last = page.last_prose()
    if last is not None:
        _menu_runs(page, page.blocks[last + 1 :], "H017")


def _menu_runs(page: Page, blocks: list, rule: str) -> None:
    """Remove each run of ``MENU_RUN`` or more menu labels among ``blocks``; labels that rules
    took already count towards a run."""
    run: list = []
    for b in [*blocks, None]:  # None closes the last run
        if b is not None and _is_menu_label(b.text):
            run.append(b)
            continue
        if len(run) >= MENU_RUN:
            for r in run:
                page.remove(r, "navigation", rule)
        run = []


def _head_blocks(page: Page):
    for b in page.blocks:
        if b.kept and is_prose(b.text):
            return
        yield b


def _is_menu_label(text: str) -> bool:
    limit = MENU_LABEL_CJK_CHARS if _CJK.search(text) else MENU_LABEL_CHARS
    return len(text) <= limit and len(text.split()) <= MENU_LABEL_WORDS and bool(_LABEL_TEXT.fullmatch(text))


GUARD_SHARE = 1 / 3
#: …and what stays is shorter than this many characters
GUARD_CHARS = 500


#: a marker's zone without prose may take at most this share of the text
ZONE_MAX_SHARE = 1 / 2


def guard(page: Page, markers: frozenset[str] = frozenset(), user: frozenset[str] = frozenset()) -> None:
    """H008: undo removals of prose when they would cut most of the article.

    A long comment thread removed after a real article is fine; an article whose prose
    mostly vanished is a rule gone wrong (a marker too early, a user rule too broad), so
    the prose comes back. Embeds and metadata lines taken by the built-in rules and
    heuristics (bylines, datelines, titles) are not prose and stay removed; a ``user`` rule
    (one of those ids) gets no such exemption, whatever its category: a user's marker
    ``.+`` of category ``metadata`` cannot empty the article.

    A zone opened by one of the ``markers`` that runs over more than ``ZONE_MAX_SHARE``
    of the text without a single paragraph of prose in it (a table of contents in a
    document of short lines, where no paragraph ever closes the zone) is undone but for
    the marker line itself. A comment thread longer than the article has prose and stays.
    """
    _zones(page, markers)
    if _kept_prose_reaches(page, GUARD_CHARS):
        return  # (the test below would say so, once every block is read)
    prose = [b for b in page.blocks if is_prose(b.text)]
    kept = sum(len(b.text) for b in prose if b.kept)
    total = sum(len(b.text) for b in prose)
    if not total or kept >= GUARD_SHARE * total or kept >= GUARD_CHARS:
        return
    thread = _comment_thread(page, markers)
    for b in prose:
        if b.removal is not None and id(b) not in thread and (
            b.removal.rule in user or b.removal.category not in ("embedded_tweet", "metadata")
        ):
            page.restore(b)


def _kept_prose_reaches(page: Page, chars: int) -> bool:
    """Do the kept paragraphs of prose hold ``chars`` characters or more? Read from the
    top, until they do."""
    kept = 0
    for b in page.blocks:
        if b.kept and is_prose(b.text):
            kept += len(b.text)
            if kept >= chars:
                return True
    return False


def _comment_thread(page: Page, markers: frozenset[str]) -> set[int]:
    """The blocks of a comment zone that opens after kept prose: a short article with a
    long thread under it is still a short article, and its thread stays removed."""
    seen_prose, inside = False, set()
    for b in page.blocks:
        if inside:
            inside.add(id(b))
        elif b.kept and is_prose(b.text):
            seen_prose = True
        elif seen_prose and b.removal is not None and b.removal.category == "comments" and b.removal.rule in markers:
            inside.add(id(b))
    return inside


def _zones(page: Page, markers: frozenset[str]) -> None:
    blocks, total = page.blocks, sum(len(b.text) for b in page.blocks)
    i = 0
    while i < len(blocks):
        removal = blocks[i].removal
        if removal is None or removal.rule not in markers:
            i += 1
            continue
        j = i + 1
        # the zone runs on through lines other rules took inside it (a share-button label in a
        # table of contents): judged in halves, each half could pass for a small zone
        while j < len(blocks) and blocks[j].removal is not None and (
            blocks[j].removal.rule == removal.rule or blocks[j].removal.rule not in markers
        ):
            j += 1
        zone = blocks[i:j]
        if sum(len(b.text) for b in zone) > ZONE_MAX_SHARE * total and not any(is_prose(b.text) for b in zone):
            for b in blocks[i + 1 : j]:
                if b.removal.rule == removal.rule:
                    page.restore(b)
        i = j


#: H022 looks at this many of the last lines kept
SELF_LAST_BLOCKS = 3
#: the site's name, then what it is: "Acme (Inc.) is a … company", "Acme is headquartered in …"
_SELF_START = regex.compile(
    r"(?P<name>(?:The )?\p{Lu}[\p{L}\p{N}.&'’-]*(?: (?:\p{Lu}[\p{L}\p{N}.&'’-]*|of|and|&|for)){0,4})"
    r"(?:,? (?:Inc|LLC|Ltd|LLP|PLC|Corp|GmbH|AG)\.?,?)?"
    r" (?:(?P<isa>is (?:a|an|the)) |is headquartered in |was founded in |has been (?:a|an|the) (?=.*\b(?:since|for)\b))"
)
#: what an "is a" sentence of the kind says the site is (in its first sentence)
_SELF_NOUN = regex.compile(
    r"[^.!?]{0,120}?\b(?:provider|company|firm|organi[sz]ation|agency|platform|leader|manufacturer|developer|supplier|"
    r"publisher|network|nonprofit|non-profit|charity|directory|marketplace|consultancy|retailer|operator|tool|software|"
    r"solution|startup|institute|association|studio)s?\b"
)


def site_boilerplate(page: Page) -> None:
    """H022: among the last ``SELF_LAST_BLOCKS`` lines kept, one that begins with the site's own
    name (found in the host: "Acme" on acme.com, "Council for Relationships" on
    councilforrelationships.org; or the page's site name) and says what the site is ("is a
    global provider of …", "is headquartered in …") is the publisher's boilerplate ("About
    us" of a press release, a company's footer blurb). A review's "Acme is a tool that …"
    in the middle of the page is not among the last lines; an article naming another
    company does not carry that company's name in its host."""
    host = name_key(page.host)
    site = name_key((page.found.get("sitename") or [None])[0])
    if not host and not site:
        return
    kept = [b for b in page.blocks if b.kept][-SELF_LAST_BLOCKS:]
    if len(kept) == len([b for b in page.blocks if b.kept]):
        return  # the article is no longer than its tail: nothing to tell it from
    for b in kept:
        m = _SELF_START.match(b.text)
        if not m:
            continue
        key = name_key(m["name"].removeprefix("The "))
        if len(key) < 4 or not ((host and key in host) or key == site):
            continue
        if m["isa"] and not _SELF_NOUN.match(b.text, m.end()):
            continue
        page.remove(b, "promo", "H022")


#: a line that talks to the author or thanks them: how a reader's comment opens
_COMMENT_LINE = regex.compile(r"""(?ix)^(?:
    (?:hi|hello|hey|dear)(?:\ (?:there|all|everyone|friends|folks|guys|(?-i:\p{Lu})[\p{L}'’-]+(?:\ (?-i:\p{Lu})[\p{L}'’-]+)?))?\s*[,!.]
  | (?:(?:what\ an?|such\ an?|a|very|really|so|truly)\ )?(?:great|nice|good|awesome|excellent|wonderful|fantastic|amazing|
      brilliant|lovely|informative|helpful|useful|interesting|insightful|thoughtful)\ (?:post|article|read|piece|write-?up|
      blog|column|points?|tips|info|information|job|work|content|share|stuff|guide|list|summary|advice|suggestions?)\b
  | thanks?(?:\ you)?(?:\ so\ much|\ very\ much|\ a\ lot)?\ for\ (?:sharing|posting|writing|this|another|your|such|
      the\ (?:great\ |detailed\ |helpful\ )?(?:post|article|read|tips|info|information|insights?|suggestions?|write-?up))\b
  | i\ (?:really\ |absolutely\ |just\ )?(?:love|loved|enjoyed|appreciate|agree)\ (?:this|these|your|reading|with\ you)\b
  | (?:so\ )?glad\ you\ (?:enjoyed|liked|found)\b
  | totally\ agree\b | well\ (?:said|written)\b | couldn[’']t\ agree\ more
  | re:\ .{0,80}\(score:\s?-?\d+\)
)""")
#: a thread has at least this many such lines…
COMMENT_LINES = 3
#: …and starts after this share of the kept text
COMMENT_AFTER_SHARE = 0.3


def comment_thread(page: Page) -> None:
    """H023: trafilatura's defaults (and other extractors) append a page's comments to the
    article with no heading a marker could find. From the first line that reads like a
    comment's opening (``_COMMENT_LINE``: praise for the post, thanks, a greeting to the
    author) with ``COMMENT_LINES`` or more such lines from it on, and at least
    ``COMMENT_AFTER_SHARE`` of the kept text above it, everything kept to the end is the
    thread. Not in the cleaner's own extraction from HTML, which leaves comments out: there
    such lines belong to the article."""
    if page.extracted:
        return
    kept = [b for b in page.blocks if b.kept]
    total = sum(len(b.text) for b in kept)
    hits = [i for i, b in enumerate(kept) if len(b.text) <= 1000 and _COMMENT_LINE.match(b.text)]
    if len(hits) < COMMENT_LINES or not total:
        return
    above = 0
    done = 0
    for i, b in enumerate(kept):
        while done < len(hits) and hits[done] < i:
            done += 1
        if done < len(hits) and hits[done] == i and len(hits) - done >= COMMENT_LINES \
                and above >= COMMENT_AFTER_SHARE * total:
            for x in kept[i:]:
                page.remove(x, "comments", "H023")
            return
        above += len(b.text)


#: a line cut off mid-sentence: a word (or a comma) then, touching it, an ellipsis at its very end
#: ("… and often the biggest..."); "a card's summary ..." with a space is as often a card of the page's own
_CUT_OFF = regex.compile(r"[\p{L}\p{N},’'](?:\.{3}|…)\s*$")
def _cut_off(text: str) -> bool:
    """``_CUT_OFF`` holds: the ellipsis at the very end is looked for first (the search
    alone would try every position of the line)."""
    return text.rstrip().endswith(("...", "…")) and _CUT_OFF.search(text) is not None


#: H024: so many such lines in a row, each of at least so many words
EXCERPT_RUN, EXCERPT_WORDS = 2, 6


def excerpt_teasers(page: Page) -> None:
    """H024: ``EXCERPT_RUN`` or more kept lines in a row, each of ``EXCERPT_WORDS`` words or
    more and cut off mid-sentence with an ellipsis, are teaser cards' excerpts (a list of
    other posts, each shown by its first words). One such line is a sentence trailing off."""
    run: list = []

    def close() -> None:
        if len(run) >= EXCERPT_RUN:
            for b in run:
                page.remove(b, "see_also", "H024")
        run.clear()

    for b in page.blocks:
        if not b.kept:
            continue
        if _cut_off(b.text) and len(b.text.split()) >= EXCERPT_WORDS:
            run.append(b)
        else:
            close()
    close()
