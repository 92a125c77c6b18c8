"""H001 html-embeds (``cleaner/heuristics/h001_html_embeds.py``): Tweets, Instagram, TikTok, Facebook
and YouTube embeds are captured as data and taken out of the page."""
from __future__ import annotations

import textwrap

from cases import PROSE, PROSE2, rules_of

from cleaner import clean_html


def test_h001_html_tweet_is_captured_as_an_embed():
    html = textwrap.dedent(f"""\
        <!DOCTYPE html><html lang="en"><head><title>Dams hold</title></head><body><article>
        <h1>Dams hold</h1><p>{PROSE}</p>
        <blockquote class="twitter-tweet"><p lang="en" dir="ltr">Spillway open this morning
        <a href="https://t.co/abc123">https://t.co/abc123</a></p>&mdash; Valley Water (@valleywater)
        <a href="https://twitter.com/valleywater/status/1234567890?ref_src=twsrc%5Etfw">March 22, 2024</a></blockquote>
        <p>{PROSE2}</p></article></body></html>""")
    a = clean_html(html)
    tweet = next(e for e in a.embeds if e.kind == "tweet")
    assert tweet.handle == "valleywater" and tweet.author == "Valley Water" and tweet.date == "2024-03-22"
    assert tweet.url == "https://twitter.com/valleywater/status/1234567890"
    assert "Spillway open this morning" in tweet.text
    assert "Spillway open" not in a.body and PROSE2 in a.body
    assert ("embedded_tweet", "H001") in rules_of(a)
