"""Datelines: the "PLACE, DATE (AGENCY) —" that opens many news articles.

:func:`parse_dateline` looks at the start of the first body paragraph and, when it opens with a
dateline, splits it off as a :class:`~cleaner.record.Dateline` (text as written, place, date,
canonical agency) and returns the rest of the paragraph.

Recognised forms (the closing mark is one of ``—  –  ―  -  --  _`` or, Indian/Pakistani style, ``:``)::

    WASHINGTON —                          WASHINGTON (AP) —
    TEL AVIV, Israel (AP) —               AUSTIN, Texas —        SAN FRANCISCO, Calif. —
    ST. LOUIS —  WINSTON-SALEM, N.C. —    NEW YORK/LONDON, Jan 5 (Reuters) -
    LONDON, March 3 (Reuters) -           BEIJING, March 23 (Xinhua) --
    KYIV, Ukraine, March 3, 2024 —        LONDON, 3 March 2024 —
    Paris (AFP) –   BERLIN (dpa) -        FRANKFURT (dpa-AFX) -   ANKARA (AA) -
    Washington [US], March 23 (ANI):      Washington [US], March 23:
    New Delhi, Mar 3 (PTI) The ...        (no closing mark after a known agency: PTI/IANS style)
    (Bloomberg) --   (CNN) —   CNN —   Washington CNN —   (Reuters) -   March 3 (Reuters) -
    MIAMI (WSVN) --                       (US broadcast call signs)
    NEW YORK, March 3, 2024 /PRNewswire/ --   SAN FRANCISCO--(BUSINESS WIRE)--
    TUESDAY, Feb. 27, 2024 (HealthDay News) --
    ISLAMABAD:   New Delhi:               (colon after a known South-Asian/Middle-East dateline city)

Why a Title-case place needs evidence: an ALL-CAPS word run followed by a dash is a dateline
convention that ordinary prose never uses, but "New York — the city that never sleeps — is ..." or
"Mr. Smith — who ..." are ordinary sentences. So a Title-case place counts only when something else
says "dateline": a known agency, a day-and-month date, a ``[Country]`` bracket, or a recognised
US state / province / country after the comma ("Austin, Texas —"). A colon is weaker still (transcript
speaker labels "BLITZER: ...", "UPDATE: ...", "Paris: a guide"), so after a colon the place needs a
date, an agency or a bracket, or must be a city of the small table of places whose press uses the
colon style. Everything is also rejected when the "place" is a stop word ("In", "Mr.", "UPDATE",
"EXCLUSIVE", "FILE", weekday or month names...), when the dateline is longer than 80 characters, or
when the text after the dash starts with an ordinary lower-case word.

Only the stdlib and ``regex``; all patterns are compiled once at import and contain no nested
unbounded quantifiers over overlapping classes.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import regex

from .agencies import agency_name, norm_key
from .record import Dateline

__all__ = ["parse_dateline"]

# US (KABC, WSVN-TV, WJZ) and Canadian (CFTO) broadcast call signs, as wire-like sources.
_CALLSIGN = regex.compile(r"[KWC][A-Z]{2,3}(?:-(?:TV|DT|FM|AM|CD|LD))?(?: ?\d{1,2})?")

# --------------------------------------------------------------------------------------------
# Regions that make "Place, Region —" a dateline even in Title case.
# --------------------------------------------------------------------------------------------
_US_STATES = """Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|
Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|
Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|
North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|
Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|District of Columbia|
Ala.|Ariz.|Ark.|Calif.|Cal.|Colo.|Conn.|Del.|Fla.|Ga.|Ill.|Ind.|Kan.|Kans.|Ky.|La.|Md.|Mass.|Mich.|Minn.|
Miss.|Mo.|Mont.|Neb.|Nebr.|Nev.|N.H.|N.J.|N.M.|N.Y.|N.C.|N.D.|Okla.|Ore.|Pa.|Penn.|R.I.|S.C.|S.D.|Tenn.|
Tex.|Vt.|Va.|Wash.|W.Va.|W. Va.|Wis.|Wisc.|Wyo.|D.C.|Puerto Rico|Guam|U.S. Virgin Islands|P.R."""
_CANADA_AUS_UK = """Ontario|Quebec|Québec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|
New Brunswick|Newfoundland|Newfoundland and Labrador|Prince Edward Island|Yukon|Nunavut|
Northwest Territories|Ont.|Que.|B.C.|Alta.|Man.|Sask.|N.S.|N.B.|Nfld.|P.E.I.|N.W.T.|
New South Wales|Victoria|Queensland|South Australia|Western Australia|Tasmania|Northern Territory|
Australian Capital Territory|NSW|Qld|Vic.|Tas.|England|Scotland|Wales|Northern Ireland|Britain|
Great Britain|U.K.|UK|U.S.|US|USA|U.S.A.|United States|United States of America|America"""
_INDIA = """Andhra Pradesh|Arunachal Pradesh|Assam|Bihar|Chhattisgarh|Goa|Gujarat|Haryana|Himachal Pradesh|
Jharkhand|Karnataka|Kerala|Madhya Pradesh|Maharashtra|Manipur|Meghalaya|Mizoram|Nagaland|Odisha|
Orissa|Punjab|Rajasthan|Sikkim|Tamil Nadu|Telangana|Tripura|Uttar Pradesh|Uttarakhand|West Bengal|
Jammu and Kashmir|Ladakh|Delhi|Puducherry|Chandigarh|Sindh|Balochistan|Khyber Pakhtunkhwa"""
_COUNTRIES = """Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|
Austria|Azerbaijan|Bahamas|The Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|
Bolivia|Bosnia|Bosnia and Herzegovina|Bosnia-Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|
Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|China|Colombia|Comoros|
Congo|Democratic Republic of Congo|Democratic Republic of the Congo|Republic of Congo|Costa Rica|
Ivory Coast|Côte d'Ivoire|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|
Dominican Republic|East Timor|Timor-Leste|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|
Eswatini|Swaziland|Ethiopia|Fiji|Finland|France|Gabon|Gambia|The Gambia|Georgia|Germany|Ghana|Greece|
Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|
Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|
Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|
Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|
Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|The Netherlands|Holland|New Zealand|
Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Macedonia|Norway|Oman|Pakistan|Palau|Palestine|
Palestinian Territories|Panama|Papua New Guinea|Paraguay|Peru|Philippines|The Philippines|Poland|
Portugal|Qatar|Romania|Russia|Rwanda|Saint Kitts and Nevis|Saint Lucia|Samoa|San Marino|
Sao Tome and Principe|Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|
Solomon Islands|Somalia|Somaliland|South Africa|South Korea|Korea|South Sudan|Spain|Sri Lanka|Sudan|
Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad|
Trinidad and Tobago|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|UAE|
U.A.E.|Uruguay|Uzbekistan|Vanuatu|Vatican City|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|
Hong Kong|Macau|Macao|Greenland|Gaza|Gaza Strip|West Bank|Kashmir|Crimea|Donbas|Kurdistan|Tibet|
Xinjiang|Catalonia|Basque Country|Bavaria|Sicily|Sardinia|Corsica|Siberia|Borneo|Java|Bali|Sumatra|
Mindanao|Darfur|Tigray|Bermuda|Cayman Islands|Faroe Islands|Isle of Man|Jersey|Guernsey|Gibraltar|
Kurdistan Region|European Union|EU"""
_REGIONS: frozenset[str] = frozenset(
    norm_key(name) for block in (_US_STATES, _CANADA_AUS_UK, _INDIA, _COUNTRIES) for name in block.split("|")
)
# Two-letter postal codes are compared exactly (upper case), or "Oh"/"Me"/"Hi" would count.
_POSTAL: frozenset[str] = frozenset(
    """AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY
    NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR ON QC BC AB MB SK NS NB NL PE YT NU NT""".split()
)

# Cities whose press writes "CITY:" / "City:" (South Asia, the Gulf) plus the capitals they date from.
_COLON_CITIES: frozenset[str] = frozenset(norm_key(c) for c in """New Delhi|Delhi|Mumbai|Kolkata|Chennai|
Bengaluru|Bangalore|Hyderabad|Ahmedabad|Pune|Lucknow|Jaipur|Patna|Bhopal|Chandigarh|Srinagar|Jammu|
Guwahati|Thiruvananthapuram|Kochi|Bhubaneswar|Ranchi|Raipur|Dehradun|Shimla|Panaji|Islamabad|Karachi|
Lahore|Peshawar|Quetta|Rawalpindi|Multan|Faisalabad|Hyderabad|Muzaffarabad|Gilgit|Dhaka|Chattogram|
Chittagong|Kathmandu|Colombo|Kabul|Thimphu|Dubai|Abu Dhabi|Sharjah|Riyadh|Jeddah|Doha|Manama|Muscat|
Kuwait|Kuwait City|Tehran|Baghdad|Beirut|Damascus|Amman|Cairo|Ankara|Jerusalem|Gaza|Ramallah|
Washington|London|Beijing|Moscow|United Nations""".split("|"))

# --------------------------------------------------------------------------------------------
# Words that are never the (first word of the) place.
# --------------------------------------------------------------------------------------------
_FIRST_STOP: frozenset[str] = frozenset("""
in on at by for from to as when after before since during until but and or if while this that these
those it its he she we they i you your our my his her their there here what why how who where which a
an so yet now then today tonight yesterday tomorrow last next earlier later early late meanwhile however
also mr mrs ms mx dr sen rep gov pres president prof sir dame lord lady gen col capt lt sgt rev judge
justice officer chief minister secretary pope updated update posted published
photo photos image images file video watch listen editors editor note breaking exclusive correction
advertisement sponsored opinion analysis review live read see click share subscribe sign follow related
more news warning alert spoiler spoilers q please dear hello hi welcome thanks yes no ok okay oh wow well
story developing just latest
""".split())
_ANY_STOP: frozenset[str] = frozenset("""
update updated updates breaking exclusive note correction corrected file photo photos video watch
listen analysis opinion review interview editorial commentary podcast sponsored advertisement
promotion alert warning spoiler spoilers factbox explainer insight column breakingviews wrapup graphic
poll timeline refile rpt feature scenarios preview recap story transcript trailer
""".split())
# Organisations that an ALL-CAPS single word followed by a dash is more likely to be than a place.
_ACRONYM_STOP: frozenset[str] = frozenset("""
nasa nato fifa uefa opec ncaa nypd lapd espn aarp noaa usda fema osha asean unicef unesco covid aids
naacp aclu nascar wwe ufc mlb nfl nba nhl mls pga lpga cnbc msnbc bbc itv abc cbs nbc npr pbs
""".split())

# --------------------------------------------------------------------------------------------
# The pattern.
# --------------------------------------------------------------------------------------------
_SP = r"[^\S\r\n]"
_MONTH = (
    r"(?=\p{Lu})(?i:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?\.?|july?\.?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)(?!\p{L})"
)
_WEEKDAY = (
    r"(?=\p{Lu})(?i:mon(?:day|\.)?|tue(?:s|sday)?\.?|wed(?:nesday|\.)?|thu(?:r|rs|rsday)?\.?"
    r"|fri(?:day|\.)?|sat(?:urday|\.)?|sun(?:day|\.)?)(?!\p{L})"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\p{L}\d])"
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"
_DATE = rf"""
    (?P<date>
        (?:(?P<wd>{_WEEKDAY}),?{_SP}+)?
        (?:
            (?P<mon>{_MONTH}){_SP}*(?P<day>{_DAY})(?:,?{_SP}*(?P<year>{_YEAR}))?
          | (?P<day>{_DAY}){_SP}+(?P<mon>{_MONTH})(?:,?{_SP}*(?P<year>{_YEAR}))?
          | (?P<year>{_YEAR})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?!\d)
        )
      | (?P<wd>{_WEEKDAY})
    )"""
# A capitalised word: letters, dots, apostrophes, inner hyphens ("WINSTON-SALEM", "Port-au-Prince").
_WORD = r"\p{Lu}[\p{L}\p{M}'’.]*(?:-\p{L}[\p{L}\p{M}'’.]*)*"
_CONN = r"(?:de|da|do|dos|das|del|della|di|du|des|la|le|les|el|al|au|aux|en|sur|upon|on|am|im|an|der|den|of|the|and|y|e)"
# Agency names that may appear without parentheses just before the dash ("Washington CNN —").
_BARE = r"(?:CNN|AP|AFP|UPI|Reuters)"
_DASH_CHAR = r"[—–―‒−-]"
_NOTPLACE = rf"(?:{_MONTH}|{_WEEKDAY}|{_BARE}{_SP}*{_DASH_CHAR})"
_PLACE = rf"""
    (?!{_NOTPLACE}){_WORD}
    (?:(?:{_SP}*/{_SP}*|{_SP}(?:{_CONN}{_SP}){{0,2}})(?!{_NOTPLACE}){_WORD}){{0,5}}"""
_QUAL = rf"""
    (?!{_MONTH}|{_WEEKDAY}){_WORD}
    (?:{_SP}(?:{_CONN}{_SP}){{0,2}}{_WORD}){{0,4}}"""
_RX = regex.compile(
    rf"""
    (?:
        (?P<place>{_PLACE})
        (?:{_SP}*\((?P<preg>{_QUAL})\)(?={_SP}*\[))?
        (?:{_SP}*\[(?P<bracket>[^\[\]\n]{{1,30}})\])?
        (?:,{_SP}*(?P<qual>{_QUAL})){{0,2}}
        (?:,{_SP}*{_DATE})?
      | {_DATE}
    )?
    (?:
        {_SP}*(?:--{_SP}*)?\((?P<agency>[^()\n]{{1,40}})\)
      | {_SP}+/{_SP}?(?P<wire>[^/\n]{{2,40}}?){_SP}?/
      | {_SP}*(?P<bare>{_BARE})(?={_SP}*{_DASH_CHAR})
    )?
    (?:
        (?P<dash>{_SP}*(?:[—–―‒−]|-{{2,3}}|:)|{_SP}+[-_]|[-_](?=\s|$))
      | (?<=\))(?={_SP}+["“‘'\p{{Lu}}\d])
    )
    {_SP}*
    """,
    regex.VERBOSE | regex.VERSION1,
)
_LEAD_JUNK = "\ufeff\u200b\u200c\u200d\u2060 \t\r\n\xa0"
_PLAIN_LOWER_START = regex.compile(r"\p{Ll}+(?![\p{Lu}\d])")  # "the", "who" — but not "iPhone", "eBay"
_SPLIT_WORDS = regex.compile(r"[\s/]+")
_CAPS_PREFIX = regex.compile(r"\b(?:Mc|Mac)(?=\p{Lu})")
_UNKNOWN_SOURCE = regex.compile(r"\p{Lu}[\p{L}\p{N}&'’. \-]{0,39}")
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
           "oct": 10, "nov": 11, "dec": 12}
_MAX_HEAD = 80
_SCAN = 200  # characters of the paragraph the pattern may look at
#: a character every match of _RX holds: its closing dash or colon, or the ")" its other
#: ending looks behind for (measured: a paragraph without one is turned away in about 1 us,
#: where the pattern takes 20-80 us to fail; four in ten of the paragraphs asked about)
_CLOSING = regex.compile(r"[—–―‒−\-:_)]")


def _is_region(text: str) -> bool:
    return text in _POSTAL or norm_key(text) in _REGIONS


def _source(raw: str) -> tuple[str, bool]:
    """(agency as reported, known?) for the text between the parentheses or slashes."""
    raw = raw.strip()
    short = agency_name(raw)
    if short:
        return short, True
    if _CALLSIGN.fullmatch(raw):
        return raw, True
    if "/" in raw:  # "(CBS/AP)", "(AFP/Xinhua)"
        names = []
        for part in raw.split("/"):
            part = part.strip()
            name = agency_name(part) or (part if _CALLSIGN.fullmatch(part) else None)
            if name is None:
                return raw, False
            names.append(name)
        return "/".join(names), True
    return raw, False


def _iso_date(m: regex.Match, year: "int | Callable[[], int | None] | None") -> str | None:
    """The date of the match: ISO when day, month and a year are known, else as written
    (``year``: the page's, or what finds it, asked only for a date written without one)."""
    written = m.group("date")
    if written is None:
        return None
    written = written.strip().rstrip(",")
    if m.group("day") is None:  # weekday only
        return written
    mon = m.group("mon")
    month = int(mon) if mon.isdigit() else _MONTHS[mon[:3].casefold()]
    day = int(regex.match(r"\d+", m.group("day")).group())
    y = int(m.group("year")) if m.group("year") else year() if callable(year) else year
    if y is None:
        if m.group("wd"):  # "Monday, March 3" -> "March 3"
            return written[min(m.start("mon"), m.start("day")) - m.start("date"):]
        return written
    try:
        return _dt.date(y, month, day).isoformat()
    except ValueError:
        return written


def parse_dateline(paragraph: str, year: "int | Callable[[], int | None] | None" = None) -> tuple[Dateline, str] | None:
    """If `paragraph` opens with a dateline, return (Dateline, rest), else None.

    ``Dateline.text`` is the dateline exactly as written including its closing dash/colon
    ("TEL AVIV, Israel (AP) —"); ``place`` is the place as written with its region and any
    ``[Country]`` bracket ("TEL AVIV, Israel", "Washington [US]"); ``date`` is ISO YYYY-MM-DD when
    the year is in the dateline or given by `year` (or by calling it: the page's year, worked out
    only for a dateline whose date has none), else as written ("March 23"); ``agency`` is the
    canonical short name ("AP", "Reuters", ...), a broadcast call sign as written ("WSVN"), or an
    unknown parenthesised source as written ("The Hill") when the dateline stands without it. ``rest`` is the paragraph after the dateline with
    leading space removed.
    """
    if not paragraph:
        return None
    text = paragraph.lstrip(_LEAD_JUNK)
    if _CLOSING.search(text, 0, _SCAN) is None:  # what every match of _RX ends on: none, no dateline
        return None
    m = _RX.match(text, endpos=min(len(text), _SCAN))
    if m is None:
        return None
    end = m.end()
    rest = text[end:]
    head_end = m.start("dash") if m.group("dash") is not None else end
    head = text[:head_end].rstrip()
    if not head or len(head) > _MAX_HEAD:
        return None
    has_dash = m.group("dash") is not None
    colon = has_dash and m.group("dash").strip() == ":"

    # What follows must look like the start of a sentence (or nothing: a dateline-only paragraph).
    if _PLAIN_LOWER_START.match(rest):
        return None
    if not rest and not has_dash:
        return None

    # The source: (AGENCY), /WIRE/, or a bare CNN.
    agency, agency_known, region_paren = None, False, None
    if m.group("agency") is not None:
        agency, agency_known = _source(m.group("agency"))
    elif m.group("wire") is not None:
        agency, agency_known = _source(m.group("wire"))
        if not agency_known:
            return None
    elif m.group("bare") is not None:
        agency, agency_known = m.group("bare"), True

    place_span = m.span("place") if m.group("place") is not None else None
    words = _SPLIT_WORDS.split(m.group("place")) if place_span else []

    if agency is not None and not agency_known:
        raw = m.group("agency")
        if _is_region(raw.strip()):  # "Srinagar (Jammu and Kashmir) —": part of the place, not a source
            agency, region_paren = None, m.span("agency")
        elif place_span is None or not _UNKNOWN_SOURCE.fullmatch(raw.strip()) or len(raw.split()) > 5:
            return None

    # Evidence.
    date = _iso_date(m, year)
    strong_date = m.group("day") is not None
    quals = m.captures("qual")
    region = any(_is_region(q) for q in quals) or region_paren is not None
    bracket = m.group("bracket") is not None or m.group("preg") is not None
    strong = strong_date or agency_known or bracket

    if place_span is None:
        # "(Bloomberg) --", "March 3 (Reuters) -", "CNN —": a known source and a closing mark.
        if not agency_known or not has_dash:
            return None
        if m.group("bare") is not None and m.group("bare") != "CNN":
            return None
        place = None
    else:
        first = norm_key(words[0])
        if first in _FIRST_STOP or any(norm_key(w) in _ANY_STOP for w in words):
            return None
        if len(words) == 1 and first == "the":
            return None
        bare_place = _CAPS_PREFIX.sub("", m.group("place"))
        letters = [c for c in bare_place if c.isalpha()]
        caps = len(letters) >= 2 and not any(c.islower() for c in letters)
        if caps and len(words) == 1 and (len(letters) <= 3 or first in _ACRONYM_STOP) and not strong:
            return None
        if not has_dash:
            if not agency_known:
                return None
        elif colon:
            city = norm_key(m.group("place")) in _COLON_CITIES
            if not (strong or city or (caps and region)):
                return None
        elif not caps and not (strong or region):
            return None
        ends = [place_span[1]]
        for name in ("preg", "bracket"):
            if m.group(name) is not None:
                ends.append(m.end(name) + 1)  # the closing ) or ]
        ends.extend(e for _, e in m.spans("qual"))
        if region_paren is not None:
            ends.append(region_paren[1] + 1)
        place = text[place_span[0]:max(ends)]

    dateline_text = text[:end].rstrip() if has_dash else head
    return Dateline(text=dateline_text, place=place, date=date, agency=agency), rest.lstrip()
