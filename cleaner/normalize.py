"""Stage 1: turn raw input (bytes or str, HTML or text) into clean Unicode.

Decoding sniffs a BOM, tries UTF-8, then asks charset-normalizer; text input is then
NFC-normalised, its newlines unified, invisible characters dropped and stray HTML
(tags, entities) left by careless extractors undone.
"""
from __future__ import annotations

import html as _html
import unicodedata

import regex

from .errors import InputError

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# zero-width and bidi controls, soft hyphen, BOM, C0/C1 controls except tab and newline
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINES = regex.compile(r"\r\n?|[\u2028\u2029\x85]")
_BLOCK_TAG = regex.compile(r"<\s*(?:br|/?p|/?div|/?li|/?h[1-6]|/?tr|/?blockquote)\b[^<>]{0,200}>", regex.IGNORECASE)
_ANY_TAG = regex.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]{0,20}(?:\s[^<>]{0,500})?/?>|<!--.{0,2000}?-->", regex.DOTALL)
_HAS_MARKUP = regex.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,20}[\s/>]|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_SPACES = regex.compile(r"[^\S\n]+")
_HTML_START = regex.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<!doctype html|<meta\s|<title>)", regex.IGNORECASE)


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
    """Unicode NFC, unified newlines, no invisible characters, no stray tags or entities."""
    text = _NEWLINES.sub("\n", text)
    if _HAS_MARKUP.search(text):
        text = _BLOCK_TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
        text = _html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text.replace("\u00a0", " "))
    return _SPACES.sub(" ", text)
