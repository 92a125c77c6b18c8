"""Read stage: the wire and syndication agencies — canonical short names, full names and
the other spellings met in datelines and bylines ("Associated Press" → "AP"). The dateline
parser, the author cleaning (an agency in a byline is a source, not an author) and the
record's source all look names up here.
"""
from __future__ import annotations

import regex

# --------------------------------------------------------------------------------------------
# Agencies: canonical short name -> full name, and extra spellings seen in datelines.
# --------------------------------------------------------------------------------------------
AGENCIES: dict[str, str] = {
    "AP": "Associated Press",
    "Reuters": "Reuters",
    "Reuters Health": "Reuters Health",
    "AFP": "Agence France-Presse",
    "Xinhua": "Xinhua News Agency",
    "ANI": "Asian News International",
    "UPI": "United Press International",
    "PTI": "Press Trust of India",
    "IANS": "Indo-Asian News Service",
    "UNI": "United News of India",
    "dpa": "Deutsche Presse-Agentur",
    "dpa-AFX": "dpa-AFX Wirtschaftsnachrichten",
    "Bloomberg": "Bloomberg News",
    "CNN": "Cable News Network",
    "EFE": "Agencia EFE",
    "ANSA": "Agenzia Nazionale Stampa Associata",
    "Europa Press": "Europa Press",
    "Lusa": "Agência Lusa",
    "Belga": "Belga News Agency",
    "ANP": "Algemeen Nederlands Persbureau",
    "APA": "Austria Presse Agentur",
    "PAP": "Polish Press Agency",
    "Kyodo": "Kyodo News",
    "Jiji": "Jiji Press",
    "Yonhap": "Yonhap News Agency",
    "KCNA": "Korean Central News Agency",
    "TASS": "TASS Russian News Agency",
    "RIA Novosti": "RIA Novosti",
    "Interfax": "Interfax",
    "Sputnik": "Sputnik",
    "Ukrinform": "Ukrinform",
    "Anadolu": "Anadolu Agency",
    "KUNA": "Kuwait News Agency",
    "WAM": "Emirates News Agency",
    "SPA": "Saudi Press Agency",
    "QNA": "Qatar News Agency",
    "BNA": "Bahrain News Agency",
    "ONA": "Oman News Agency",
    "IRNA": "Islamic Republic News Agency",
    "MENA": "Middle East News Agency",
    "SANA": "Syrian Arab News Agency",
    "Petra": "Jordan News Agency",
    "WAFA": "Palestinian News and Information Agency",
    "APP": "Associated Press of Pakistan",
    "BSS": "Bangladesh Sangbad Sangstha",
    "Bernama": "Malaysian National News Agency",
    "Antara": "Antara News Agency",
    "PNA": "Philippine News Agency",
    "VNA": "Vietnam News Agency",
    "NAN": "News Agency of Nigeria",
    "PA": "PA Media",
    "AAP": "Australian Associated Press",
    "CP": "The Canadian Press",
    "Prensa Latina": "Prensa Latina",
    "Notimex": "Notimex",
    "IPS": "Inter Press Service",
    "NYT": "The New York Times",
    "WWD": "Women's Wear Daily",
    "HealthDay": "HealthDay News",
    "TNS": "Tribune News Service",
    "RNS": "Religion News Service",
    "JTA": "Jewish Telegraphic Agency",
    "CNS": "Catholic News Service",
    "KFF Health News": "KFF Health News",
    "The Conversation": "The Conversation",
    "CBS News": "CBS News",
    "NBC News": "NBC News",
    "ABC News": "ABC News",
    "Fox News": "Fox News",
    "CNBC": "CNBC",
    "NewsNation": "NewsNation",
    "Nexstar": "Nexstar Media Wire",
    "Gray News": "Gray News",
    "MarketWatch": "MarketWatch",
    "PR Newswire": "PR Newswire",
    "Business Wire": "Business Wire",
    "GlobeNewswire": "GlobeNewswire",
    "Accesswire": "Accesswire",
    "EIN Presswire": "EIN Presswire",
    "CNW": "Canada Newswire",
    "Marketwired": "Marketwired",
}

_AGENCY_ALIASES: dict[str, tuple[str, ...]] = {
    "AP": ("A.P.", "Associated Press", "The Associated Press"),
    "Reuters": ("Thomson Reuters", "Reuters Breakingviews", "Breakingviews"),
    "AFP": ("Agence France Presse", "AFP-JIJI", "AFP Relaxnews", "Relaxnews"),
    "Xinhua": ("Xinhua News", "Xinhuanet"),
    "dpa": ("Deutsche Presse Agentur",),
    "Bloomberg": ("Bloomberg Opinion", "Bloomberg Law", "Bloomberg Businessweek", "Bloomberg Markets"),
    "CNN": ("CNN Business", "CNN Spanish", "CNN Español", "CNN International"),
    "EFE": ("Agencia EFE",),
    "Kyodo": ("Kyodo News",),
    "Jiji": ("Jiji Press",),
    "Yonhap": ("Yonhap News",),
    "TASS": ("ITAR-TASS",),
    "RIA Novosti": ("RIA",),
    "Anadolu": ("AA", "Anadolu Ajansı"),
    "PA": ("Press Association", "PA Wire", "PA Media"),
    "CP": ("Canadian Press",),
    "NYT": ("New York Times", "The New York Times"),
    "HealthDay": ("HealthDay News",),
    "KFF Health News": ("Kaiser Health News", "KHN"),
    "CBS News": ("CBS", "CBSNews"),
    "NBC News": ("NBC",),
    "ABC News": ("ABC",),
    "Nexstar": ("Nexstar Media Wire",),
    "PR Newswire": ("PRNewswire", "PRNewswire-FirstCall", "PRNewswire-HISPANIC PR WIRE", "PRWeb"),
    "Business Wire": ("BusinessWire",),
    "GlobeNewswire": ("Globe Newswire", "Globe Newswire Inc."),
    "EIN Presswire": ("EINPresswire", "EINPresswire.com"),
    "CNW": ("Canada Newswire", "CNW Group"),
}

_NORM_DROP = regex.compile(r"[.’']+")
_NORM_SPACE = regex.compile(r"[\s\-‐‑–—/]+")


def norm_key(text: str) -> str:
    """Casefolded, dots/apostrophes dropped, hyphens and runs of space made one space."""
    text = _NORM_SPACE.sub(" ", _NORM_DROP.sub("", text.casefold())).strip()
    return text[4:] if text.startswith("the ") else text


_AGENCY_INDEX: dict[str, str] = {}
for _short, _full in AGENCIES.items():
    _AGENCY_INDEX[norm_key(_short)] = _short
    _AGENCY_INDEX.setdefault(norm_key(_full), _short)
for _short, _aliases in _AGENCY_ALIASES.items():
    for _alias in _aliases:
        _AGENCY_INDEX.setdefault(norm_key(_alias), _short)


def agency_name(text: str) -> str | None:
    """The canonical short name of a spelled agency ("Associated Press" -> "AP"), else None.

    Parentheses and slashes around the name are ignored ("(AFP)", "/PRNewswire/").
    Broadcast call signs ("WSVN") are not agencies here; :func:`parse_dateline` keeps them as written.
    """
    if not text:
        return None
    return _AGENCY_INDEX.get(norm_key(text.strip().strip("()[]/ ")))
