"""Base: turn raw input (bytes or str, HTML or text) into clean Unicode.

Decoding sniffs a BOM, tries UTF-8, then asks charset-normalizer; text input is then
NFC-normalised, its newlines unified, invisible characters dropped and stray HTML
(tags, entities) left by careless extractors undone.
"""
from __future__ import annotations

import html as _html
import re
import unicodedata

import regex

from .errors import InputError

# UTF-32's BOMs first: UTF-32-LE's (FF FE 00 00) starts with UTF-16-LE's
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# zero-width and bidi controls, soft hyphen, BOM, C0/C1 controls except tab and newline
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = regex.compile(r"\r\n?|[\u2028\u2029\x85]")
_BLOCK_TAG = regex.compile(r"<\s*(?:br|/?p|/?div|/?li|/?h[1-6]|/?tr|/?blockquote)\b[^<>]{0,200}>", regex.IGNORECASE)
#: HTML's element names (and the old ones pages still use); any other ``<Word …>`` in a text is
#: text: a title in angle brackets, "<The Palace: Tale of …>", a quoted placeholder
_HTML_ELEMENTS = (
    "a abbr address area article aside audio b base bdi bdo big blink blockquote body br button canvas caption "
    "center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset "
    "figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img "
    "input ins kbd label legend li link main map mark marquee menu meta meter nav nobr noembed noframes noscript "
    "object ol optgroup option output p param picture plaintext pre progress q rp rt ruby s samp script search "
    "section select slot small source span strike strong style sub summary sup svg table tbody td template "
    "textarea tfoot th thead time title tr track tt u ul var video wbr xmp"
).split()
_ANY_TAG = regex.compile(
    r"</?(?:(?i:" + "|".join(sorted(_HTML_ELEMENTS, key=len, reverse=True)) + r")"
    r"|[a-z][a-z0-9]{0,20}[-:][a-z0-9:-]{0,20})"  # custom elements and namespaced tags: <my-widget>, <fb:like>
    r"(?=[\s/>])(?:\s[^<>]{0,500})?/?>|<!--.{0,2000}?-->", regex.DOTALL)
_HAS_MARKUP = regex.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,20}[\s/>]|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SPACES = regex.compile(r"[^\S\n]+")
#: what ``_SPACES.sub(" ", …)`` changes: a run of two or more, or one white space character
#: other than " " (a lone " " is replaced by itself; measured: the substitution on the texts
#: that need it 228 -> 152 ms on wcxb, where most matches were such spaces)
_ODD_RUNS = regex.compile(r"[^\S\n]{2,}|[^\S\n ]")
SURROGATES = regex.compile(r"[\ud800-\udfff]")
# script and style bodies are code, not text, when an extractor left whole pages in its output
_CODE = regex.compile(r"<(script|style)\b[^<>]{0,500}>.{0,200000}?</\1\s*>", regex.IGNORECASE | regex.DOTALL)
_HTML_START = regex.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<!doctype html|<meta\s|<title>)", regex.IGNORECASE)


#: magic numbers of binary formats that turn up under an .html or .txt name
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"), (b"%PDF-", "PDF document"), (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b\x08", "gzip archive"), (b"\x28\xb5\x2f\xfd", "zstd archive"), (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"), (b"7z\xbc\xaf\x27\x1c", "7z archive"), (b"\x7fELF", "executable"),
    (b"MZ", "executable"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"), (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"), (b"ID3", "MP3 audio"), (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "web font"), (b"wOF2", "web font"), (b"\x00\x01\x00\x00\x00", "font"), (b"SQLite format 3\x00", "SQLite database"),
)


def binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is ("PNG image", …), or None for text.

    Known magic numbers first, then control bytes: text (in any 8-bit encoding or UTF-8)
    has almost none, and NUL bytes only in UTF-16/32, which a BOM announces."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if magic == b"MZ" and data[2:4] not in (b"\x90\x00", b"P\x00"):
                continue  # "MZ" alone is also how some text starts
            return kind
    if data[4:12] in (b"ftypisom", b"ftypmp42", b"ftypM4A ", b"ftypqt  ") or data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "media file"
    if any(data.startswith(bom) for bom, _ in _BOMS) or data.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return None
    head = data[:4096]
    controls = sum(head.count(bytes((c,))) for c in _BINARY_BYTES)
    return "binary data" if head and (controls > 8 or controls * 50 > len(head)) and not _utf16_without_bom(head) else None


_BINARY_BYTES = bytes(c for c in range(32) if c not in b"\t\n\r\x0c\x1b")


def _utf16_without_bom(head: bytes) -> bool:
    """Text in UTF-16 without a BOM: every other byte is NUL, the rest mostly ASCII text."""
    even, odd = head[0::2], head[1::2]
    for nuls, text in ((even, odd), (odd, even)):
        if nuls.count(0) > 0.9 * len(nuls) and sum(32 <= b < 127 or b in (9, 10, 13) for b in text) > 0.9 * len(text):
            return True
    return False


def decode(data: bytes) -> str:
    """Bytes to text: BOM, then UTF-8, then charset-normalizer's best guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_ascii_words(data):
        try:  # Western text with a few accented letters: windows-1252, the web's legacy default
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputError("cannot decode the input: it looks binary, not text")
    return data.decode(best.encoding, errors="replace")


def _mostly_ascii_words(data: bytes) -> bool:
    """Few bytes outside ASCII, none of them control bytes: accents in Latin text. Cyrillic,
    Greek or Arabic in a legacy code page are mostly high bytes and go to the detector."""
    sample = data[:100_000]
    high = sum(1 for b in sample if b >= 0x80)
    return 0 < high <= len(sample) * 0.1 and b"\x00" not in sample


def looks_like_html(data: str | bytes) -> bool:
    """Does the input start like an HTML document (doctype, <html>, <head>, …)?"""
    head = data[:2048]
    if isinstance(head, bytes):
        head = head.decode("latin-1")
    head = head.lstrip("\ufeff")
    return bool(_HTML_START.match(head)) or head.lstrip().lower().startswith("<!doctype")


def normalize_text(text: str) -> str:
    """Unicode NFC, unified newlines, no invisible characters, no stray tags or entities.

    Each pass first asks whether it has anything to do (``in`` tests of single characters
    are much quicker than a scan by the regex engine): most texts hold no odd newline, no
    markup, no run of spaces."""
    if holds_any(text, _ODD_NEWLINES):
        text = _NEWLINES.sub("\n", text)
    if _holds_markup(text):
        text = _CODE.sub("", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
        text = _html.unescape(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (a str from a careless decoder): not text
        text = SURROGATES.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    if "  " in text or _holds_to_change(text):  # else the two passes below change nothing
        text = _INVISIBLE_CHARS.sub("", text.replace("\u00a0", " "))
        if "  " in text or holds_any(text, _ODD_SPACES):
            text = _ODD_RUNS.sub(" ", text)
    return text


def _holds_to_change(text: str) -> bool:
    """``_TO_CHANGE.search(text)``, answered first by ``str.isprintable`` (the newlines aside):
    every character of _TO_CHANGE is one Python does not print (a control, a format
    character, a space other than " "), so a text it prints all of holds none (measured:
    the search of the dirty texts 52 -> 38 ms on aeb, 297 -> 203 ms on wcxb; nine texts in
    ten print all)."""
    return not text.replace("\n", " ").isprintable() and _TO_CHANGE.search(text) is not None


#: what _NEWLINES replaces (each a character of its own, or starting "\r\n")
_ODD_NEWLINES = "\r\u2028\u2029\x85"
#: the white space _SPACES changes besides runs of spaces, once the newlines are unified and
#: the invisible characters (\x0b, \x0c among them) and no-break spaces are gone
_ODD_SPACES = "\t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
#: how every match of _HAS_MARKUP starts (and some other text): the standard library's engine
#: finds it quickly, or that there is none
_MARKUP_HINT = re.compile(r"</?[a-zA-Z]|&#|&[a-zA-Z]{2,8};")


def _holds_markup(text: str) -> bool:
    """Does ``text`` hold a tag or an entity (``_HAS_MARKUP``)? Every match starts on a "<"
    or a "&": each of them (found by ``str.find``, many times quicker than a scan by either
    engine) is tried in turn, up to ``MARKUP_TRIES`` of each; a text holding more is
    scanned (``_scanned_markup``). Most texts hold none: nine in ten of the dirty texts
    fewer than a dozen (measured: the test of every dirty text 148 -> 30 ms on wcxb, 13 ->
    4 ms on aeb, where the hint's scan from the first one read the rest of the text)."""
    for char in "<&":
        i = text.find(char)
        tries = 0
        while i >= 0:
            if tries == MARKUP_TRIES:
                return _scanned_markup(text)
            if _HAS_MARKUP.match(text, i):
                return True
            tries += 1
            i = text.find(char, i + 1)
    return False


#: how many "<" and how many "&" :func:`_holds_markup` tries one by one
MARKUP_TRIES = 32


def _scanned_markup(text: str) -> bool:
    """:func:`_holds_markup` by a scan: both searches start at the first "<" or "&", before
    which no match can start."""
    found = [i for i in (text.find("<"), text.find("&")) if i >= 0]
    if not found:
        return False
    start = min(found)
    return bool(_MARKUP_HINT.search(text, start) and _HAS_MARKUP.search(text, start))


#: _INVISIBLE in the standard library's engine, which scans a plain character class several
#: times faster than the regex module
_INVISIBLE_CHARS = re.compile(_INVISIBLE.pattern)
#: what the last two passes change, besides runs of spaces: invisible characters, no-break
#: spaces and the odd white space, in one character class (one scan)
_TO_CHANGE = re.compile("[" + _INVISIBLE.pattern[1:-1] + "\u00a0" + _ODD_SPACES + "]")


def holds_any(text: str, chars: str) -> bool:
    """Does ``text`` hold any of ``chars``? (An ASCII text: only the ASCII ones are asked.)"""
    if text.isascii():
        return any(c in text for c in chars if c.isascii())
    return any(c in text for c in chars)
