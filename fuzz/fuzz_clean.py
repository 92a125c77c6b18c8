#!/usr/bin/env python3
"""Coverage-guided fuzzing of the cleaner with atheris (libFuzzer for Python).

    pip install ".[fuzz]"
    python fuzz/make_corpus.py fuzz/corpus               # seeds from fixtures/ (not committed)
    nice -n 19 python fuzz/fuzz_clean.py fuzz/corpus -runs=1000000 -max_len=20000 -timeout=30

Each input is cleaned as HTML bytes, as text bytes, as a ``str`` (with lone surrogates
from undecodable bytes) or wrapped in an HTML page, chosen by its first byte. A finding
is any exception other than the cleaner's own (``CleanerError``), a record that is not
valid JSON in UTF-8 (lone surrogates), a body holding a word that the input does not
(the cleaner never invents text), or, with ``FUZZ_STRICT=1``, a body that cleaning
changes again (idempotence). See docs/fuzzing.md.
"""
from __future__ import annotations

import json
import logging
import os
import sys

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import Cleaner, CleanerError, Limits
    from cleaner.normalize import normalize_text

for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer"):
    logging.getLogger(name).setLevel(logging.CRITICAL)

CLEANER = Cleaner(limits=Limits(timeout=20.0))
STRICT = os.environ.get("FUZZ_STRICT") == "1"


def _words(text: str) -> set[str]:
    import regex

    return set(regex.findall(r"\w{4,}", text.casefold()))


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    mode, payload = data[0] % 4, data[1:]
    try:
        if mode == 0:
            article = CLEANER.clean_html(payload)
            source = payload.decode("utf-8", "replace")
        elif mode == 1:
            article = CLEANER.clean_text(payload)
            source = None  # any decoding may have been used
        elif mode == 2:
            source = payload.decode("utf-8", "surrogateescape")
            article = CLEANER.clean(source)
        else:
            source = payload.decode("utf-8", "replace")
            article = CLEANER.clean_html(f"<html><head><title>t</title></head><body><article>{source}</article></body></html>")
    except CleanerError:
        return
    record = article.to_dict()
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # a lone surrogate fails here
    if source is not None and mode == 2:
        # the body's words come from the input: its normalised text (invisible characters
        # dropped, tags and entities undone), its raw characters (markup that the parser kept
        # as text, as a broken page may have it), or its text with the tags cut out (an end
        # tag the parser ignores leaves the words on either side of it touching)
        import regex

        untagged = (regex.sub(r"<[^<>]*>", "", source), regex.sub(r"<[^>]*>", "", source))
        known = "\n".join((normalize_text(source), source, *untagged)).casefold()
        invented = {w for w in _words(article.body) if w not in known}
        if invented:
            raise AssertionError(f"body words not in the input: {sorted(invented)[:5]}")
    if STRICT and article.body:
        again = CLEANER.clean_text(article.body).body
        if again != article.body:
            raise AssertionError(f"not idempotent: {article.body[:200]!r} -> {again[:200]!r}")


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
