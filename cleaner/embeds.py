"""Social embeds as structured data: captured from HTML, recognised in text.

HTML: ``blockquote.twitter-tweet`` (text, author, handle, date, status link),
``blockquote.instagram-media``, ``blockquote.tiktok-embed``, Facebook posts and YouTube
iframes. Each is taken out of the tree before extraction, so its text cannot leak into
the body, and recorded under ``embedded_tweet``.

Text: an embedded tweet survives extraction as its text followed by a signature line,
"— Name (@handle) March 22, 2024"; :func:`tweet_signatures` turns the pair into an embed.
"""
from __future__ import annotations

from datetime import date as _date

import regex
from lxml.etree import XPath

from .blocks import Page, is_prose
from .record import Embed, Removal
from .rules import squash

CATEGORY = "embedded_tweet"
RULE_HTML = "H001"  # ids registered in heuristics.HEURISTICS
RULE_TEXT = "H002"

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_TWEET_DATE = r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4})"
SIGNATURE = regex.compile(
    r"[—–-]{1,2}\s*(?P<author>[^()\n]{0,80}?)\s*\(@(?P<handle>\w{1,15})\)\s*" + _TWEET_DATE + r"\s*$"
)
#: "A post shared by Name (@handle)" (Instagram, TikTok), optionally with a date
SHARED_BY = regex.compile(
    r"a (?:post|video|photo) shared by\s*(?P<author>[^()\n]{0,80}?)\s*\(@(?P<handle>[\w.]{1,30})\)(?:\s+on\s+"
    + _TWEET_DATE + r")?\s*", regex.IGNORECASE
)
_STATUS = regex.compile(r"https?://(?:mobile\.|www\.)?(?:twitter|x)\.com/\w{1,15}/status(?:es)?/\d+")
_YOUTUBE = regex.compile(r"(?:youtube(?:-nocookie)?\.com/(?:embed|shorts)/|youtu\.be/)([\w-]{6,20})")

_FIND = XPath(
    "//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' twitter-tweet ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' twitter-video ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' instagram-media ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' tiktok-embed ')]"
    " | //div[contains(concat(' ', normalize-space(@class), ' '), ' fb-post ')]"
    " | //iframe[contains(@src, 'youtube.com/embed') or contains(@src, 'youtube-nocookie.com/embed')"
    " or contains(@src, 'facebook.com/plugins/post') or contains(@src, 'platform.twitter.com')]"
)


def tweet_date(text: str | None) -> str | None:
    """"March 22, 2024" → "2024-03-22" (None when it is not such a date)."""
    m = regex.fullmatch(r"\s*([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s+(\d{4})\s*", text or "")
    if not m or m[1][:3].lower() not in _MONTHS:
        return None
    try:
        return _date(int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2])).isoformat()
    except ValueError:
        return None


def capture_html(tree, drop: bool = True) -> tuple[list[Embed], list[Removal]]:
    """Find the embeds of a parsed page and return them; with ``drop``, take them out
    of the tree (and record that) so their text cannot reach the body."""
    embeds, removals = [], []
    for el in _FIND(tree):
        if el.getparent() is None:
            continue
        embed = _embed_of(el)
        if embed is None:
            continue
        embeds.append(embed)
        if not drop:
            continue
        text = squash(el.text_content())
        if text:
            removals.append(Removal(CATEGORY, RULE_HTML, text))
        drop_element(el)
    return embeds, removals


def drop_element(el) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _embed_of(el) -> Embed | None:
    classes = set((el.get("class") or "").split())
    if el.tag == "iframe":
        src = el.get("src") or ""
        if m := _YOUTUBE.search(src):
            return Embed("youtube", text=el.get("title"), url=f"https://www.youtube.com/watch?v={m[1]}")
        if "facebook.com" in src:
            return Embed("facebook", url=src)
        return None  # a bare twitter widget frame carries nothing to keep
    if "twitter-tweet" in classes or "twitter-video" in classes:
        return _tweet(el)
    if "instagram-media" in classes:
        link = el.get("data-instgrm-permalink") or _first_href(el, "instagram.com")
        return Embed("instagram", text=squash(el.text_content()) or None, url=link)
    if "tiktok-embed" in classes:
        return Embed("tiktok", text=squash(el.text_content()) or None, url=el.get("cite") or _first_href(el, "tiktok.com"))
    return Embed("facebook", text=squash(el.text_content()) or None, url=el.get("data-href") or _first_href(el, "facebook.com"))


def _first_href(el, host: str) -> str | None:
    return next((a.get("href") for a in el.iter("a") if host in (a.get("href") or "")), None)


def _tweet(el) -> Embed:
    paragraph = next(el.iter("p"), None)
    text = squash(paragraph.text_content()) if paragraph is not None else None
    whole = squash(el.text_content())
    rest = whole[len(text):] if text and whole.startswith(text) else whole
    sig = SIGNATURE.search(rest)
    links = [a.get("href") or "" for a in el.iter("a")]
    status = next((h for h in reversed(links) if _STATUS.match(h)), None)
    url = _STATUS.match(status)[0] if status else None
    author = handle = when = None
    if sig:
        author, handle, when = sig["author"] or None, sig["handle"], tweet_date(sig["date"])
    else:
        handle_match = regex.search(r"\(@(\w{1,15})\)", rest)
        handle = handle_match[1] if handle_match else None
    return Embed("tweet", text=text or None, author=author, handle=handle, date=when, url=url)


def tweet_signatures(page: Page) -> None:
    """Heuristic H002: a "— Name (@handle) Month D, YYYY" line and the tweet text above it;
    an Instagram "A post shared by Name (@handle)" credit line.

    The signature may stand on its own line (the text is then the block above it, if that
    block is short enough to be a tweet) or close the tweet's own line.
    """
    blocks = page.blocks
    for i, block in enumerate(blocks):
        if block.removal is not None or "(@" not in block.text:
            continue
        credit = SHARED_BY.fullmatch(block.text)
        if credit:
            page.embeds.append(Embed("instagram", author=credit["author"] or None, handle=credit["handle"],
                                     date=tweet_date(credit["date"])))
            page.remove(block, CATEGORY, RULE_TEXT)
            continue
        sig = SIGNATURE.search(block.text)
        if not sig:
            continue
        before = block.text[: sig.start()].strip()
        tweet_blocks = [block]
        if before:
            if len(before) > 600:
                continue
            text = before
        elif i > 0 and blocks[i - 1].removal is None and len(blocks[i - 1].text) <= 600 and not (
            is_prose(blocks[i - 1].text) and not _tweety(blocks[i - 1].text)
        ):
            text = blocks[i - 1].text
            tweet_blocks.insert(0, blocks[i - 1])
        else:
            text = None
        page.embeds.append(Embed("tweet", text=text, author=sig["author"] or None, handle=sig["handle"],
                                 date=tweet_date(sig["date"]), url=None))
        for b in tweet_blocks:
            page.remove(b, CATEGORY, RULE_TEXT)


def _tweety(text: str) -> bool:
    """Marks of a tweet's text: a t.co / pic.twitter.com link, an @mention or a #hashtag."""
    return bool(regex.search(r"https?://t\.co/|pic\.twitter\.com/|(?<!\w)[@#]\w", text))
