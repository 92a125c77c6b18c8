"""H002 social-signature: the signature line of a tweet or post in text closes an embed.

What it does: in text, a line "— Name (@handle) Month D, YYYY" (a tweet's signature) and the
short tweet text above it go to ``embeds``; an Instagram or TikTok credit "A post shared by
Name (@handle)" goes too.

Why it is boilerplate: text extractors flatten embedded tweets into the article; the
signature line is their unmistakable end, and the quoted post is not the writer's text.

Example: "Big news today pic.twitter.com/x" / "— Jane Doe (@jdoe) March 22, 2024" → one
embed (text, author, handle, date), both lines removed.

Known gaps: a tweet whose text runs over several lines keeps all but its last line in the
body; posts quoted without a signature are not found.
"""
from __future__ import annotations

from datetime import date as _date

import regex

from ..page import Page
from ..record import Embed
from ..text import is_prose

CATEGORY = "embedded_tweet"
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


def tweet_date(text: str | None) -> str | None:
    """"March 22, 2024" → "2024-03-22" (None when it is not such a date)."""
    m = regex.fullmatch(r"\s*([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s+(\d{4})\s*", text or "")
    if not m or m[1][:3].lower() not in _MONTHS:
        return None
    try:
        return _date(int(m[3]), _MONTHS[m[1][:3].lower()], int(m[2])).isoformat()
    except ValueError:
        return None


def tweet_signatures(page: Page) -> None:
    """Heuristic H002: a "— Name (@handle) Month D, YYYY" line and the tweet text above it;
    an Instagram "A post shared by Name (@handle)" credit line.

    The signature may stand on its own line (the text is then the block above it, if that
    block is short enough to be a tweet) or close the tweet's own line.
    """
    if page.lacks("(@"):
        return  # (both lines hold one: most texts have none, and no block is looked at)
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
