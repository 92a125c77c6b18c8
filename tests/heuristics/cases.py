"""What the heuristics' tests share: paragraphs of prose, a page builder, helpers."""
from __future__ import annotations

import textwrap

from cleaner import Cleaner

PROSE = (
    "The regional water authority said on Monday that reservoir levels had recovered after a wet spring, "
    "easing fears of summer restrictions for farmers and households across the valley."
)


PROSE2 = (
    "Engineers will still inspect the two oldest dams this summer, the authority added, because the heavy "
    "rain put pressure on spillways that were built more than sixty years ago."
)


def rules_of(article):
    return {(r.category, r.rule) for r in article.removed}


SHOP = (
    "We tested a dozen pairs of wireless headphones this spring and the Arlo Q7 and the Fenwick S24 came out on "
    "top: the Q7 is on sale for $189 this week, a deal worth taking, and the S24 sells for $249 at most retailers.",
    "If you buy one pair this year, pick the wireless Q7 for the battery; the Fenwick S24 headphones are the ones "
    "to buy for noise cancelling, and both often drop to a discount price during the holiday deals.",
)


PRODUCTS = ["Arlo Q7 wireless headphones", "Fenwick S24 noise cancelling headphones", "Marlow X2 wireless headphones",
            "Arlo Q5 wireless headphones", "Fenwick S20 headphones"]


def _user_rules(tmp_path, category, kind, body):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / f"{category}.toml").write_text(textwrap.dedent(f"""
        category = "{category}"
        [[rules]]
        id = "XG002"
        name = "everything"
        why = "A rule written in a hurry."
        kind = "{kind}"
        {body}
        examples = ["x"]
        keeps = []
    """), encoding="utf-8")
    return Cleaner(rules=tmp_path)


#: the article of every page below: five paragraphs of prose
PARAS = [
    "The county opened its third cooling centre on Monday as temperatures stayed above 35 degrees for a fifth "
    "straight day, officials said, and more sites will open if the heat lasts into next week.",
    "Volunteers handed out water and checked on older residents who live alone, and bus fares to the centres "
    "were waived until the heat breaks, a spokeswoman for the county said on Monday afternoon.",
    "Hospitals reported a rise in heat-related visits over the weekend, most of them mild cases of dehydration "
    "among outdoor workers and people who had been exercising in the middle of the day.",
    "The utility asked customers to run dishwashers and washing machines late in the evening, when demand on "
    "the grid falls, and said it had no plans for rolling outages so far this summer.",
    "Forecasters expect the heat to ease by the weekend, when a front from the north is due to bring storms "
    "and cooler air to the region, along with a risk of flash floods in low-lying areas.",
]


ARTICLE = "".join(f"<p>{p}</p>" for p in PARAS)


#: page chrome trafilatura's JSON-LD and scripts bring: far more text than the article
SCRIPTS = '<script type="application/ld+json">{"@graph": [' + ",".join(
    f'{{"@type": "Thing", "name": "item {i}", "description": "{"x" * 200}"}}' for i in range(60)) + "]}</script>"


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html lang=\"en\"><head><title>Cooling centres open</title>{head}</head><body>{body}</body></html>"


def kept(article, paras=PARAS) -> int:
    return sum(p[:60] in article.body for p in paras)


#: thirty distinct paragraphs of prose, for an article container trafilatura picks
MANY = [f"{p[:-1]}, in part {i} of the report." for i in range(6) for p in PARAS]
