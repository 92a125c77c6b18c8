"""The dateline parser: real-looking datelines are split off, look-alike openings are left alone."""
from __future__ import annotations

import pytest

from cleaner.agencies import AGENCIES, agency_name
from cleaner.dateline import parse_dateline
from cleaner.record import Dateline

# (paragraph, year, text, place, date, agency, rest)
POSITIVE = [
    # AP
    ("TEL AVIV, Israel (AP) — U.S. Secretary of State Antony Blinken arrived on Friday.", None,
     "TEL AVIV, Israel (AP) —", "TEL AVIV, Israel", None, "AP", "U.S. Secretary of State Antony Blinken arrived on Friday."),
    ("WASHINGTON (AP) — The Senate voted on Tuesday.", None,
     "WASHINGTON (AP) —", "WASHINGTON", None, "AP", "The Senate voted on Tuesday."),
    ("ST. LOUIS (AP) — A jury found", None, "ST. LOUIS (AP) —", "ST. LOUIS", None, "AP", "A jury found"),
    ("McALLEN, Texas (AP) — Border agents said", None,
     "McALLEN, Texas (AP) —", "McALLEN, Texas", None, "AP", "Border agents said"),
    ("THE HAGUE, Netherlands (AP) — The court ruled", None,
     "THE HAGUE, Netherlands (AP) —", "THE HAGUE, Netherlands", None, "AP", "The court ruled"),
    ("GAZA CITY, Gaza Strip (AP) — Israeli strikes hit", None,
     "GAZA CITY, Gaza Strip (AP) —", "GAZA CITY, Gaza Strip", None, "AP", "Israeli strikes hit"),
    ("UNITED NATIONS (AP) — The Security Council met", None,
     "UNITED NATIONS (AP) —", "UNITED NATIONS", None, "AP", "The Security Council met"),
    ("Rio de Janeiro, Brazil (AP) — Carnival began", None,
     "Rio de Janeiro, Brazil (AP) —", "Rio de Janeiro, Brazil", None, "AP", "Carnival began"),
    ("WASHINGTON (AP) _ The old wire style", None,
     "WASHINGTON (AP) _", "WASHINGTON", None, "AP", "The old wire style"),
    ("NEW YORK (AP) — eBay said on Monday", None, "NEW YORK (AP) —", "NEW YORK", None, "AP", "eBay said on Monday"),
    # Reuters
    ("LONDON, March 3 (Reuters) - Oil prices rose", None,
     "LONDON, March 3 (Reuters) -", "LONDON", "March 3", "Reuters", "Oil prices rose"),
    ("LONDON, March 3 (Reuters) - Oil prices rose", 2024,
     "LONDON, March 3 (Reuters) -", "LONDON", "2024-03-03", "Reuters", "Oil prices rose"),
    ("NEW YORK/LONDON, Jan 5 (Reuters) - Global stocks fell", None,
     "NEW YORK/LONDON, Jan 5 (Reuters) -", "NEW YORK/LONDON", "Jan 5", "Reuters", "Global stocks fell"),
    ("March 3 (Reuters) - Shares of Acme fell", None,
     "March 3 (Reuters) -", None, "March 3", "Reuters", "Shares of Acme fell"),
    ("NEW YORK (Reuters Health) - People who sleep", None,
     "NEW YORK (Reuters Health) -", "NEW YORK", None, "Reuters Health", "People who sleep"),
    # AFP, dpa, Xinhua, UPI and other agencies
    ("PARIS (AFP) - France's president said", None, "PARIS (AFP) -", "PARIS", None, "AFP", "France's president said"),
    ("Paris (AFP) – France's president said", None, "Paris (AFP) –", "Paris", None, "AFP", "France's president said"),
    ("BERLIN (dpa) - Germany's economy", None, "BERLIN (dpa) -", "BERLIN", None, "dpa", "Germany's economy"),
    ("FRANKFURT (dpa-AFX) - Die Aktie", None, "FRANKFURT (dpa-AFX) -", "FRANKFURT", None, "dpa-AFX", "Die Aktie"),
    ("BEIJING, March 23 (Xinhua) -- China's top legislator", None,
     "BEIJING, March 23 (Xinhua) --", "BEIJING", "March 23", "Xinhua", "China's top legislator"),
    ("WASHINGTON, March 3 (UPI) -- The Supreme Court", None,
     "WASHINGTON, March 3 (UPI) --", "WASHINGTON", "March 3", "UPI", "The Supreme Court"),
    ("SEOUL, Sept. 5 (Yonhap) -- North Korea fired", 2023,
     "SEOUL, Sept. 5 (Yonhap) --", "SEOUL", "2023-09-05", "Yonhap", "North Korea fired"),
    ("TOKYO (Kyodo) -- Japan's government", None, "TOKYO (Kyodo) --", "TOKYO", None, "Kyodo", "Japan's government"),
    ("MOSCOW, Dec. 12 (TASS) - Russia said", None,
     "MOSCOW, Dec. 12 (TASS) -", "MOSCOW", "Dec. 12", "TASS", "Russia said"),
    ("ANKARA (AA) - Turkish officials", None, "ANKARA (AA) -", "ANKARA", None, "Anadolu", "Turkish officials"),
    ("KUWAIT, March 3 (KUNA) -- Kuwait's cabinet", None,
     "KUWAIT, March 3 (KUNA) --", "KUWAIT", "March 3", "KUNA", "Kuwait's cabinet"),
    ("ABU DHABI, 3rd March, 2024 (WAM) -- The UAE", None,
     "ABU DHABI, 3rd March, 2024 (WAM) --", "ABU DHABI", "2024-03-03", "WAM", "The UAE"),
    ("KUALA LUMPUR, March 3 (Bernama) -- The ministry", None,
     "KUALA LUMPUR, March 3 (Bernama) --", "KUALA LUMPUR", "March 3", "Bernama", "The ministry"),
    ("SYDNEY (AAP) - A man has been charged", None, "SYDNEY (AAP) -", "SYDNEY", None, "AAP", "A man has been charged"),
    ("TORONTO (CP) - Ontario's premier", None, "TORONTO (CP) -", "TORONTO", None, "CP", "Ontario's premier"),
    ("NEW YORK (WWD) — Designers gathered", None, "NEW YORK (WWD) —", "NEW YORK", None, "WWD", "Designers gathered"),
    ("TUESDAY, Feb. 27, 2024 (HealthDay News) -- Kids who", None,
     "TUESDAY, Feb. 27, 2024 (HealthDay News) --", None, "2024-02-27", "HealthDay", "Kids who"),
    # Indian agency style
    ("Washington [US], March 23 (ANI): U.S. Secretary of State Antony Blinken", None,
     "Washington [US], March 23 (ANI):", "Washington [US]", "March 23", "ANI", "U.S. Secretary of State Antony Blinken"),
    ("New Delhi [India], March 3 (ANI): The Supreme Court", 2024,
     "New Delhi [India], March 3 (ANI):", "New Delhi [India]", "2024-03-03", "ANI", "The Supreme Court"),
    ("Srinagar (Jammu and Kashmir) [India], March 3 (ANI): Police said", None,
     "Srinagar (Jammu and Kashmir) [India], March 3 (ANI):", "Srinagar (Jammu and Kashmir) [India]",
     "March 3", "ANI", "Police said"),
    ("New Delhi, Mar 3 (PTI) The government on Sunday", None,
     "New Delhi, Mar 3 (PTI)", "New Delhi", "Mar 3", "PTI", "The government on Sunday"),
    ("New Delhi, March 3 (IANS) The Congress party", None,
     "New Delhi, March 3 (IANS)", "New Delhi", "March 3", "IANS", "The Congress party"),
    ("Mumbai, March 3: The Sensex rose", None, "Mumbai, March 3:", "Mumbai", "March 3", None, "The Sensex rose"),
    ("ISLAMABAD: The federal cabinet approved", None, "ISLAMABAD:", "ISLAMABAD", None, None, "The federal cabinet approved"),
    ("New Delhi: The Supreme Court on Monday", None, "New Delhi:", "New Delhi", None, None, "The Supreme Court on Monday"),
    # Bloomberg, CNN, broadcasters
    ("(Bloomberg) -- Stocks rose", None, "(Bloomberg) --", None, None, "Bloomberg", "Stocks rose"),
    ("LONDON (Bloomberg) -- The pound fell", None,
     "LONDON (Bloomberg) --", "LONDON", None, "Bloomberg", "The pound fell"),
    ("(CNN) — A powerful storm", None, "(CNN) —", None, None, "CNN", "A powerful storm"),
    ("Washington CNN — The House passed", None, "Washington CNN —", "Washington", None, "CNN", "The House passed"),
    ("CNN — A powerful storm", None, "CNN —", None, None, "CNN", "A powerful storm"),
    ("MIAMI (WSVN) -- A crash", None, "MIAMI (WSVN) --", "MIAMI", None, "WSVN", "A crash"),
    ("WASHINGTON (CBS/AP) -- The president", None,
     "WASHINGTON (CBS/AP) --", "WASHINGTON", None, "CBS News/AP", "The president"),
    # press-release wires
    ("NEW YORK, March 3, 2024 /PRNewswire/ -- Acme Corp. today announced", None,
     "NEW YORK, March 3, 2024 /PRNewswire/ --", "NEW YORK", "2024-03-03", "PR Newswire", "Acme Corp. today announced"),
    ("SAN FRANCISCO--(BUSINESS WIRE)--Acme, Inc. today announced", None,
     "SAN FRANCISCO--(BUSINESS WIRE)--", "SAN FRANCISCO", None, "Business Wire", "Acme, Inc. today announced"),
    # bare datelines
    ("WASHINGTON — The Federal Reserve held rates", None,
     "WASHINGTON —", "WASHINGTON", None, None, "The Federal Reserve held rates"),
    ("WASHINGTON—The Federal Reserve held rates", None,
     "WASHINGTON—", "WASHINGTON", None, None, "The Federal Reserve held rates"),
    ("AUSTIN, Texas — Gov. Greg Abbott signed", None,
     "AUSTIN, Texas —", "AUSTIN, Texas", None, None, "Gov. Greg Abbott signed"),
    ("SAN FRANCISCO, Calif. — Tech workers", None,
     "SAN FRANCISCO, Calif. —", "SAN FRANCISCO, Calif.", None, None, "Tech workers"),
    ("WINSTON-SALEM, N.C. — A local bakery", None,
     "WINSTON-SALEM, N.C. —", "WINSTON-SALEM, N.C.", None, None, "A local bakery"),
    ("COEUR D'ALENE, Idaho — Residents", None, "COEUR D'ALENE, Idaho —", "COEUR D'ALENE, Idaho", None, None, "Residents"),
    ("ERIE, PA — A fire destroyed", None, "ERIE, PA —", "ERIE, PA", None, None, "A fire destroyed"),
    ("KYIV, Ukraine, March 3, 2024 — Russian drones", None,
     "KYIV, Ukraine, March 3, 2024 —", "KYIV, Ukraine", "2024-03-03", None, "Russian drones"),
    ("LONDON, 3 March 2024 — The prime minister", None,
     "LONDON, 3 March 2024 —", "LONDON", "2024-03-03", None, "The prime minister"),
    ("Kyiv, Ukraine — Russian drones", None, "Kyiv, Ukraine —", "Kyiv, Ukraine", None, None, "Russian drones"),
    ("Washington, D.C. — Lawmakers", None, "Washington, D.C. —", "Washington, D.C.", None, None, "Lawmakers"),
    ("Paris, March 3 — The French", None, "Paris, March 3 —", "Paris", "March 3", None, "The French"),
    ("\ufeff  WASHINGTON\xa0— The Senate", None, "WASHINGTON\xa0—", "WASHINGTON", None, None, "The Senate"),
]


@pytest.mark.parametrize(("paragraph", "year", "text", "place", "date", "agency", "rest"), POSITIVE,
                         ids=[p[0][:40] for p in POSITIVE])
def test_datelines(paragraph, year, text, place, date, agency, rest):
    got = parse_dateline(paragraph, year)
    assert got is not None, paragraph
    dateline, got_rest = got
    assert isinstance(dateline, Dateline)
    assert (dateline.text, dateline.place, dateline.date, dateline.agency, got_rest) == (text, place, date, agency, rest)


NEGATIVE = [
    "Washington said on Monday that it would respond.",
    "Paris is the capital of France.",
    "London, the capital, is home to nine million people.",
    "New York — the city that never sleeps — is waking up.",
    "New York — The city that never sleeps is waking up.",
    "“Washington — he said — will regret this.”",
    '"WASHINGTON — is a swamp," he said.',
    "In March, the company said it would cut jobs.",
    "Mr. Smith — who has denied wrongdoing — resigned.",
    "March 3, 2024",
    "March 3, 2024 — The company reported",
    "Monday, March 3 — The company reported",
    "Updated March 3, 2024 — The company reported",
    "UPDATE: The story has been corrected.",
    "BREAKING NEWS — A fire broke out.",
    "EDITOR'S NOTE — This story contains graphic descriptions.",
    "FILE - In this photo taken last year",
    "BLITZER: Welcome back to the program.",
    "UNIDENTIFIED MALE: Yes.",
    "NASA — The space agency said",
    "U.S. — The country's economy",
    "Bloomberg — The former mayor said",
    "The AP — The agency reported",
    "Paris: The city of light has long",
    "Paris, France: The city of light has long",
    "Sen. Smith (R-Texas) — The senator said",
    "WASHINGTON said it would",
    "Apple (AAPL) — The company",
    "Reuters — The agency reported",
    "Paris (Le Monde) — The newspaper",
    "",
    "WASHINGTON",
]


@pytest.mark.parametrize("paragraph", NEGATIVE, ids=[p[:40] or "<empty>" for p in NEGATIVE])
def test_lookalikes_are_not_datelines(paragraph):
    assert parse_dateline(paragraph) is None
    assert parse_dateline(paragraph, 2024) is None


def test_seed_ani_bare():
    got = parse_dateline("Washington [US], March 23: U.S. Secretary of State Antony Blinken will travel")
    assert got is not None
    dateline, rest = got
    assert "Washington" in dateline.place
    assert dateline.date == "March 23"
    assert dateline.text == "Washington [US], March 23:"
    assert rest.startswith("U.S. Secretary of State")
    dateline, _ = parse_dateline("Washington [US], March 23: U.S. Secretary of State", year=2024)
    assert dateline.date == "2024-03-23"


def test_seed_ap():
    dateline, rest = parse_dateline("TEL AVIV, Israel (AP) — U.S. Secretary of State Antony Blinken")
    assert dateline == Dateline(text="TEL AVIV, Israel (AP) —", place="TEL AVIV, Israel", agency="AP")
    assert rest == "U.S. Secretary of State Antony Blinken"


def test_year_in_dateline_wins_and_bad_dates_stay_as_written():
    assert parse_dateline("LONDON, 3 March 2023 — The", 2024)[0].date == "2023-03-03"
    assert parse_dateline("LONDON, Feb. 30 (Reuters) - The", 2024)[0].date == "Feb. 30"


def test_dateline_only_paragraph():
    dateline, rest = parse_dateline("WASHINGTON —")
    assert dateline.place == "WASHINGTON" and rest == ""


@pytest.mark.parametrize(("spelled", "short"), [
    ("Associated Press", "AP"), ("The Associated Press", "AP"), ("AP", "AP"), ("(AP)", "AP"),
    ("Agence France-Presse", "AFP"), ("Agence France Presse", "AFP"), ("AFP", "AFP"), ("Reuters", "Reuters"),
    ("Xinhua", "Xinhua"), ("Asian News International", "ANI"), ("Press Trust of India", "PTI"),
    ("DPA", "dpa"), ("Deutsche Presse-Agentur", "dpa"), ("United Press International", "UPI"),
    ("BUSINESS WIRE", "Business Wire"), ("GLOBE NEWSWIRE", "GlobeNewswire"), ("PRNewswire", "PR Newswire"),
    ("Acme Daily", None), ("", None),
])
def test_agency_name(spelled, short):
    assert agency_name(spelled) == short


def test_agencies_table_is_consistent():
    for short, full in AGENCIES.items():
        assert agency_name(short) == short
        assert isinstance(full, str) and full


def test_cheap_on_long_and_hostile_input():
    # judged without a clock: the parser's patterns have no backtracking shape and look at a
    # bounded head of the text, so a long hostile input costs what a short one does
    import regex

    from cleaner import dateline
    from cleaner.regexshape import backtracking

    patterns = [v for v in vars(dateline).values() if isinstance(v, regex.Pattern)]
    assert patterns and [p.pattern[:40] for p in patterns if backtracking(p.pattern, 5000, search=True)] == []
    hostile = ["A" * 5000 + " —", "Ab " * 3000, "WASHINGTON " + "X, " * 500, "New York " * 500 + "—"]
    assert [parse_dateline(text) for text in hostile] == [None] * 4
    assert dateline._SCAN <= 500


def test_the_year_is_worked_out_only_for_a_date_written_without_one():
    asked = []

    def year() -> int:
        asked.append(True)
        return 2024

    assert parse_dateline("LONDON, 3 March 2023 — The", year)[0].date == "2023-03-03" and not asked
    assert parse_dateline("Washington [US], March 23: U.S. Secretary of State", year)[0].date == "2024-03-23"
    assert asked
