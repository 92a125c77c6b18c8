"""H001 html-embeds: embedded posts in the HTML become data, not body text.

What it does: finds tweets (``blockquote.twitter-tweet``: text, author, handle, date, status
link), Instagram, TikTok and Facebook embeds and YouTube iframes in the parsed page, hands
each to the record's ``embeds`` and takes it out of the tree (recorded as removed), keeping
the text that follows it.

Why it is boilerplate: an embed is somebody else's post shown inside the article; its text
("— Jane Doe (@jdoe) March 22, 2024", "pic.twitter.com/…") reads as noise in the body, while
users want it as structured data.

Example: ``<blockquote class="twitter-tweet"><p>Big news today</p>— Jane (@jane)
March 22, 2024</blockquote>`` → ``Embed(kind="tweet", text="Big news today", author="Jane", handle="jane", date="2024-03-22")``.

Known gaps: embeds drawn by script after load (no markup in the page) are not seen; the
text of an embed a site renders as plain paragraphs is H002's to find.
"""
from __future__ import annotations

import regex

from ..extract import detach
from ..record import Embed, Removal
from ..text import squash
from ..xpaths import embeds as embeds_in
from .h002_social_signature import CATEGORY, SIGNATURE, tweet_date

RULE_HTML = "H001"  # ids registered in heuristics.HEURISTICS
_STATUS = regex.compile(r"https?://(?:mobile\.|www\.)?(?:twitter|x)\.com/\w{1,15}/status(?:es)?/\d+")
_YOUTUBE = regex.compile(r"(?:youtube(?:-nocookie)?\.com/(?:embed|shorts)/|youtu\.be/)([\w-]{6,20})")


def capture_html(tree, drop: bool = True) -> tuple[list[Embed], list[Removal]]:
    """Find the embeds of a parsed page and return them; with ``drop``, take them out
    of the tree (and record that) so their text cannot reach the body."""
    embeds, removals = [], []
    for el in embeds_in(tree):
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
        detach(el)
    return embeds, removals


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
