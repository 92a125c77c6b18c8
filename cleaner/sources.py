"""Batch inputs: files, folders, globs, JSONL, WARC and stdin, read as a stream of :class:`Item`.

Nothing here holds the corpus in memory: folders are listed (paths only), JSONL and WARC
files are read one record at a time, and a document file is not read at all until a worker
calls :func:`load` on its item. Every read stops at ``max_bytes + 1`` bytes, so a huge
input costs no more than the limit before it becomes a ``limit_exceeded`` record.

An input that cannot become a document (a broken JSON line, a missing file, a truncated
WARC) is still an :class:`Item`, with ``error`` set: the batch writes it as an error
record, in its place, and goes on.

Formats by name (``.gz`` on top of any of them is decompressed):

- ``.jsonl``, ``.ndjson``: one JSON object per line; fields named by :class:`Fields`
- ``.warc``, ``.arc``: response records with an HTML content type (the ``warc`` extra)
- ``.html``, ``.htm``, ``.xhtml``, ``.shtml``: one HTML page; ``.txt``, ``.md``, ``.text``: one text
- anything else named on the command line: one document, HTML or text sniffed

The listing of files, folders, globs and URLs is :mod:`cleaner.listing`.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from .errors import CleanerError, InputError
from .limits import LimitError
from .listing import ReadMeter, container, expand, open_binary

#: document fields tried in order when none is named: (field, kind); kind None = sniffed
DOC_FIELDS = (("html", "html"), ("raw_html", "html"), ("content", None), ("text", "text"))
#: JSON escapes can make a line up to 6× its text (``\\uXXXX``); lines longer than this
#: cap (for the ``max_bytes`` in force) are skipped without being held in memory
LINE_OVERHEAD = 1 << 16
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class Item:
    """One input document on its way through a batch.

    Either ``data`` holds the document, or ``path`` names a file a worker reads with
    :func:`load`. ``rel`` is where its output goes under ``--output-dir``; ``extra``
    holds the input fields kept by ``--passthrough`` (never sent to workers);
    ``error`` is set when the input could not become a document at all.
    """

    id: str
    kind: str | None = None
    url: str | None = None
    data: bytes | str | None = None
    path: str | None = None
    rel: str = ""
    size: int = 0
    extra: dict[str, Any] | None = None
    error: CleanerError | None = None


@dataclass(frozen=True, slots=True)
class Fields:
    """Which fields of a JSON record (a JSONL line, a Dask bag element, a Spark row)
    hold the document, its id and its url. ``None``: sniffed (see :data:`DOC_FIELDS`;
    ``id``, ``url``)."""

    id: str | None = None
    html: str | None = None
    text: str | None = None
    url: str | None = None


# -- items ---------------------------------------------------------------------

def items(
    paths: Iterable[str],
    *,
    fields: Fields = Fields(),
    fmt: str = "auto",
    max_bytes: int | None = None,
    passthrough: tuple[str, ...] = (),
    exclude: Iterable[str | Path] = (),
    stdin: IO[bytes] | None = None,
    meter: ReadMeter | None = None,
    skipped: list[str] | None = None,
) -> Iterator[Item]:
    """Every input document of ``paths`` as an :class:`Item`, in input order.

    ``fmt``: ``auto`` (by file name; stdin is one document), or ``doc``, ``jsonl`` or
    ``warc`` for every input. ``meter`` follows the reading of JSONL and WARC files.
    ``skipped``: gets the files of folders that are of no known type (see :func:`expand`).
    """
    for path, rel, found in expand(paths, exclude, skipped):
        kind = fmt if fmt != "auto" else found
        if found == "missing":
            yield Item(id=path, rel=rel, error=InputError(f"cannot read {path}: no file matches"))
        elif kind == "jsonl":
            yield from _from_stream(path, rel, lambda fh: jsonl_items(fh, path, rel, fields, max_bytes, passthrough), stdin,
                                    meter)
        elif kind == "warc":
            yield from _from_stream(path, rel, lambda fh: warc_items(fh, path, rel, max_bytes), stdin, meter)
        elif path == "-":
            data = _stdin_stream(stdin)
            if fmt == "auto" and _looks_jsonl(data):  # ``zcat pages.jsonl.gz | cleaner clean -``
                yield from _from_stream(path, rel, lambda fh: jsonl_items(fh, path, rel, fields, max_bytes, passthrough),
                                        data, meter)
            else:
                yield _stdin_doc(data, max_bytes)
        else:
            name = container(path)
            yield Item(id=path, kind=name[1] if name else None, path=path, rel=rel)


def _from_stream(path: str, rel: str, read, stdin: IO[bytes] | None, meter: ReadMeter | None = None) -> Iterator[Item]:
    """Open ``path`` (``-``: stdin), gunzip it when it is gzipped, and yield ``read(fh)``."""
    try:
        raw = _stdin(stdin) if path == "-" else open_binary(path)
    except OSError as e:
        yield Item(id=path, rel=rel, error=InputError(f"cannot read {path}: {e.strerror or e}"))
        return
    if meter is not None:
        meter.current = raw
    with raw:
        try:
            yield from read(_gunzip(raw))
        except (OSError, EOFError, zlib.error) as e:
            yield Item(id=f"{path}:end", rel=rel, error=InputError(f"{path}: cannot read further: {e}"))
        finally:
            if meter is not None:
                meter.done = meter.position()
                meter.current = None


def _stdin(stdin: IO[bytes] | None) -> IO[bytes]:
    import sys

    return stdin if stdin is not None else sys.stdin.buffer


#: how a JSONL stream opens: an object whose first key is on its first line (a pretty-printed
#: JSON document opens ``{`` and a newline; an article never opens like this)
_JSONL_START = re.compile(rb'(?:\xef\xbb\xbf)?[ \t\r\n]*\{[ \t]*"')


def _stdin_stream(stdin: IO[bytes] | None) -> IO[bytes]:
    """stdin, gunzipped when it is gzipped, that can be peeked at (to sniff JSONL)."""
    try:
        return _gunzip(_stdin(stdin))
    except OSError:  # closed or unreadable: read as one document, which says so
        return _stdin(stdin)


def _looks_jsonl(data: IO[bytes]) -> bool:
    try:
        return bool(_JSONL_START.match(data.peek(64)[:64]))  # type: ignore[attr-defined]
    except (AttributeError, OSError, EOFError, zlib.error):
        return False


def _gunzip(raw: IO[bytes]) -> IO[bytes]:
    """``raw`` itself, or a gunzipping reader over it when it starts with the gzip magic."""
    buffered = raw if hasattr(raw, "peek") else io.BufferedReader(raw)  # type: ignore[arg-type]
    return gzip.GzipFile(fileobj=buffered) if buffered.peek(2)[:2] == b"\x1f\x8b" else buffered


def _stdin_doc(stdin: IO[bytes] | None, max_bytes: int | None) -> Item:
    """stdin as one document: read here (a worker cannot), at most ``max_bytes + 1``."""
    try:
        data = read_limited(_stdin(stdin), max_bytes, "-")
    except CleanerError as e:
        return Item(id="-", rel="stdin", error=e)
    return Item(id="-", data=data, rel="stdin", size=len(data))


def load(item: Item, max_bytes: int | None) -> bytes | str:
    """The document of ``item``: its data, or its file read (and gunzipped) here, at most
    ``max_bytes + 1`` bytes of it. Raises :class:`InputError` or :class:`LimitError`."""
    if item.data is not None:
        size = len(item.data)
        if max_bytes is not None and size > max_bytes and (isinstance(item.data, bytes) or len(item.data.encode()) > max_bytes):
            raise LimitError(f"{item.id}: more than {max_bytes} bytes (--max-bytes)")
        return item.data
    assert item.path is not None
    try:
        with open_binary(item.path) as raw:
            return read_limited(_gunzip(raw), max_bytes, item.id)
    except OSError as e:
        raise InputError(f"cannot read {item.id}: {e.strerror or e}") from None
    except (EOFError, zlib.error) as e:
        raise InputError(f"cannot read {item.id}: broken gzip data: {e}") from None


def read_limited(fh: IO[bytes], max_bytes: int | None, name: str) -> bytes:
    """Everything in ``fh``, or :class:`LimitError` after reading ``max_bytes + 1`` bytes."""
    data = fh.read() if max_bytes is None else fh.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise LimitError(f"{name}: more than {max_bytes} bytes (--max-bytes)")
    return data


def one_document(given: str, max_bytes: int | None, stdin: IO[bytes] | None = None) -> tuple[bytes | str, str | None]:
    """The one document ``cleaner explain`` reads, and its kind by name (None: sniffed):
    ``-`` is stdin (read whole, as it comes), a folder its first document file (``.html``,
    ``.txt`` …, in :func:`~cleaner.listing.expand`'s order), anything else the file itself,
    gunzipped, at most ``max_bytes + 1`` bytes of it. Raises :class:`InputError` or
    :class:`LimitError` (an :class:`InputError` too for a folder that holds no document file)."""
    if given == "-":
        return _stdin(stdin).read(), None
    if os.path.isdir(given):
        found = next((path for path, _, fmt in expand([given]) if fmt == "doc"), None)
        if found is None:
            raise InputError(f"no document file (.html, .txt, .md, …) in {given}")
        given = found
    named = container(Path(given).name)
    path = str(Path(given))
    return load(Item(id=path, path=path), max_bytes), named[1] if named and named[0] == "doc" else None


# -- JSONL -----------------------------------------------------------------------

def jsonl_items(
    fh: IO[bytes], name: str, rel: str, fields: Fields, max_bytes: int | None, passthrough: tuple[str, ...] = ()
) -> Iterator[Item]:
    """One :class:`Item` per non-blank line of a JSONL stream; a line that is not a JSON
    object, or holds no document, is an item with ``error`` set. Lines longer than the
    limit allows are skipped in pieces, never held whole."""
    cap = None if max_bytes is None else 6 * max_bytes + LINE_OVERHEAD
    for lineno, line, size in _lines(fh, cap):
        where = f"{name}:{lineno}"
        if line is None:
            yield Item(id=where, rel=f"{rel}/{lineno}", size=size,
                       error=LimitError(f"{where}: line of more than {cap} bytes (--max-bytes {max_bytes})"))
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except UnicodeDecodeError:
            yield Item(id=where, rel=f"{rel}/{lineno}", size=size, error=InputError(f"{where}: not UTF-8 text"))
            continue
        except ValueError as e:
            yield Item(id=where, rel=f"{rel}/{lineno}", size=size, error=InputError(f"{where}: invalid JSON: {e}"))
            continue
        item = record_item(obj, where, fields, max_bytes, passthrough)
        item.rel, item.size = f"{rel}/{safe_name(item.id) if item.id != where else lineno}", size
        yield item


def _lines(fh: IO[bytes], cap: int | None) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, line or None when longer than ``cap``, its size in bytes)."""
    lineno = 0
    while True:
        line = fh.readline() if cap is None else fh.readline(cap + 1)
        if not line:
            return
        lineno += 1
        if cap is None or line.endswith(b"\n") or len(line) <= cap:
            yield lineno, line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = fh.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield lineno, None, size


def record_item(
    obj: Any, where: str, fields: Fields = Fields(), max_bytes: int | None = None, passthrough: tuple[str, ...] = ()
) -> Item:
    """The :class:`Item` of one JSON record (a dict) or bare document (str or bytes).
    ``where`` names it when it has no id field (``file.jsonl:12``)."""
    if isinstance(obj, (str, bytes)):
        return Item(id=where, data=obj)
    if not isinstance(obj, Mapping):
        return Item(id=where, error=InputError(f"{where}: expected a JSON object, got {type(obj).__name__}"))
    id = _field(obj, fields.id, ("id",))
    id = str(id) if isinstance(id, (str, int)) and not isinstance(id, bool) and str(id) else where
    url = _field(obj, fields.url, ("url",))
    url = url if isinstance(url, str) else None
    extra = {k: obj.get(k) for k in passthrough} if passthrough else None
    try:
        kind, data = _document(obj, fields, where)
        if max_bytes is not None and len(data) > max_bytes:
            raise LimitError(f"{where}: more than {max_bytes} bytes (--max-bytes)")
    except CleanerError as e:
        return Item(id=id, url=url, extra=extra, error=e)
    return Item(id=id, kind=kind, url=url, data=data, extra=extra)


def _field(obj: Mapping, named: str | None, default: tuple[str, ...]) -> Any:
    for key in (named,) if named else default:
        if key in obj:
            return obj[key]
    return None


def _document(obj: Mapping, fields: Fields, where: str) -> tuple[str | None, str]:
    if fields.html or fields.text:
        candidates = [(f, k) for f, k in ((fields.html, "html"), (fields.text, "text")) if f]
    else:
        candidates = list(DOC_FIELDS)
    for key, kind in candidates:
        if key in obj and obj[key] is not None:
            value = obj[key]
            if not isinstance(value, str):
                raise InputError(f"{where}: field {key!r} is {type(value).__name__}, not a string")
            return kind, value
    names = ", ".join(k for k, _ in candidates)
    raise InputError(f"{where}: no document field ({names})")


def safe_name(id: str) -> str:
    """An id as one file-name component: ``[A-Za-z0-9._-]`` kept, the rest ``_``, at most 150 chars."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", id).strip("._") or "_"
    return name[:150]


# -- WARC ------------------------------------------------------------------------

def warc_items(fh: IO[bytes], name: str, rel: str, max_bytes: int | None) -> Iterator[Item]:
    """One :class:`Item` per WARC response record with an HTML content type: id the
    record's ``WARC-Record-ID``, url its ``WARC-Target-URI``. Needs warcio (the ``warc`` extra)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield Item(id=name, rel=rel, error=InputError(f"{name}: reading WARC needs warcio (pip install 'article-cleaner[warc]')"))
        return
    records = ArchiveIterator(fh, arc2warc=True)
    try:
        for n, rec in enumerate(records, 1):
            if rec.rec_type != "response" or not _is_html(rec):
                continue
            id = rec.rec_headers.get_header("WARC-Record-ID") or f"{name}:{n}"
            url = rec.rec_headers.get_header("WARC-Target-URI")
            item = Item(id=id, kind="html", url=url, rel=f"{rel}/{safe_name(url or id)}")
            try:
                item.data = read_limited(rec.content_stream(), max_bytes, id)
            except CleanerError as e:
                item.error = e
            except (OSError, EOFError, zlib.error, ValueError) as e:
                item.error = InputError(f"{id}: cannot read the payload: {e}")
            item.size = rec.length or 0
            yield item
    except ArchiveLoadFailed as e:
        yield Item(id=f"{name}:end", rel=rel, error=InputError(f"{name}: not a valid WARC: {e}"))


def _is_html(rec) -> bool:
    headers = rec.http_headers
    ctype = (headers.get_header("Content-Type") if headers else None) or ""
    return ctype.split(";", 1)[0].strip().lower() in HTML_TYPES
