"""H005 title-site-suffix (``cleaner/heuristics/h005_title_site_suffix.py``): 'Headline – Site Name':
the suffix names the source and leaves the title."""
from __future__ import annotations

from cases import PROSE

from cleaner import clean_text
from cleaner.heuristics.h005_title_site_suffix import split_title


def test_h005_site_suffix():
    assert split_title("Reservoirs recover after a wet spring – Valley Gazette") == (
        "Reservoirs recover after a wet spring", "Valley Gazette")
    assert split_title("Reservoirs recover | The Valley Gazette", "The Valley Gazette") == (
        "Reservoirs recover", "The Valley Gazette")
    assert split_title("Valley Gazette | Reservoirs recover", "Valley Gazette") == ("Reservoirs recover", "Valley Gazette")
    # not a site name: lower case, a sentence, or too little headline left
    assert split_title("Dams - live updates") == ("Dams - live updates", None)
    assert split_title("Rain returns – Tuesday")[1] is None
    # a site that calls itself one ("My website", "Our blog"), but not a phrase of the headline
    assert split_title("Reservoirs recover after a wet spring – My website") == (
        "Reservoirs recover after a wet spring", "My website")
    assert split_title("Reservoirs recover after a wet spring – live updates")[1] is None
    assert split_title("Reservoirs recover after a wet spring – but not yet")[1] is None
    a = clean_text(f"Reservoirs recover after a wet spring – Valley Gazette\n\n{PROSE}")
    assert a.title == "Reservoirs recover after a wet spring" and a.source == "Valley Gazette"


def test_h005_site_suffix_named_loosely_or_by_the_host():
    assert split_title("Rain returns to the valley - Gazetteworks", "Gazetteworks Inc") == (
        "Rain returns to the valley", "Gazetteworks")
    assert split_title("Rain returns to the valley | Zprávy.cz", None, "zpravy.cz") == (
        "Rain returns to the valley", "Zprávy.cz")
    assert split_title("Rain returns: what it means - Analysis", "Gazetteworks Inc")[1] is None


def test_h005_a_site_name_with_separators_of_its_own():
    assert split_title("Reservoirs recover after a wet spring - Valley Gazette - News since 1901",
                       "Valley Gazette - News since 1901") == (
        "Reservoirs recover after a wet spring", "Valley Gazette - News since 1901")


def test_h005_a_section_label_at_either_end_of_the_title():
    assert split_title("Opinion | Reservoirs recover after a wet spring", "Valley Gazette")[0] == (
        "Reservoirs recover after a wet spring")
    assert split_title("Reservoirs recover after a wet spring | Editorial")[0] == "Reservoirs recover after a wet spring"
    assert split_title("Opinion polls show a lead")[0] == "Opinion polls show a lead"
    assert split_title("Live | Dams")[0] == "Live | Dams"  # too little headline left
