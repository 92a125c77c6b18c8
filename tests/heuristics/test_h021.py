"""H021 zone-stops-at-prose (``cleaner/heuristics/h021_zone_stops.py``): A marker ('Comments',
'Related') followed at once by a paragraph of prose, or written as a line of code, or standing in a
share bar ('Facebook / Twitter / Comments / Print'), sits inside the article: the marker line goes,
but it opens no zone over the text after it."""
from __future__ import annotations

from cases import PARAS, kept, page

from cleaner import Cleaner, clean_html, clean_text


# -- H021: a marker inside the article opens no zone --------------------------------------------
def test_h021_marker_followed_by_prose_opens_no_zone_in_extracted_html():
    body = "".join(f"<p>{p}</p>" for p in PARAS[:3]) + "<h2>Comments?</h2>" + "".join(f"<p>{p}</p>" for p in PARAS[3:])
    doc = page(f"<article><h1>Cooling centres open</h1>{body}</article>")
    a = clean_html(doc)
    assert kept(a) == 5, a.body
    with_zone = Cleaner(keep=("H021",)).clean_html(doc)
    assert kept(with_zone) == 3  # without H021 the marker swallows the rest


def test_h021_marker_written_as_code_opens_no_zone():
    text = "\n\n".join([*PARAS[:3], "comments(", "post_id", "limit", *PARAS[3:]])
    assert kept(clean_text(text)) == 5


def test_h021_comment_thread_after_its_heading_still_goes():
    comment = ("I spent the whole weekend at the cooling centre with my grandmother and the volunteers "
               "were wonderful to everyone who came in from the heat.")
    for lines in (["3 Comments", "Jane Reader", "March 4, 2024 at 9:12 am", comment, "Reply"],
                  ["3 Comments", comment]):  # an extractor's text: the first comment right under the marker
        a = clean_text("\n\n".join([*PARAS, *lines]))
        assert kept(a) == 5 and "grandmother" not in a.body


def test_h021_marker_above_the_article_opens_no_zone():
    # a whole page's text: the comment count sits beside the byline, above the article
    menu = "\n".join(f"Section {i}" for i in range(40)) + "\n" + "Cooling centres open as the heat wave drags on"
    text = "\n\n".join([menu, "By Jane Doe", "124 Comments", *PARAS])
    a = clean_text(text)
    assert kept(a) == 5, a.body
    from cleaner.heuristics.h021_zone_stops import opens_zone
    from cleaner.page import Page

    blocks = Page.from_text("2 Comments\n" + PARAS[0]).blocks
    assert not opens_zone(blocks, 0, after_prose=False) and opens_zone(blocks, 0, after_prose=True)


def test_h021_comments_link_in_a_share_bar_opens_no_zone():
    # a whole page's text: the share bar under the byline holds a link to the comments
    for bar in (["Facebook", "Twitter", "Comments", "Print", "Email"], ["Tweet", "Share", "Comment"]):
        text = "\n\n".join([PARAS[0], *bar, "A photo caption of the centre.", *PARAS[1:]])
        a = clean_text(text)
        assert kept(a) == 5, (bar, a.body)
        assert kept(Cleaner(keep=("H021",)).clean_text(text)) == 1  # without H021 the link swallows the article
    # a thread under the share bar at the article's foot still goes
    comment = ("I spent the whole weekend at the cooling centre with my grandmother and the volunteers "
               "were wonderful to everyone who came in from the heat.")
    a = clean_text("\n\n".join([*PARAS, "Facebook", "Twitter", "3 Comments", comment]))
    assert kept(a) == 5 and "grandmother" not in a.body


def test_h021_a_comment_form_heading_after_a_share_bar_still_opens_its_zone():
    a = clean_text("\n\n".join([PARAS[0], "Facebook", "Twitter", "Leave a Comment", "Great piece!"]))
    assert "Great piece!" not in a.body
