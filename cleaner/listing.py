"""Where the inputs are: files, folders (recursive), globs and fsspec URLs listed as
``(path, rel, format)`` (:func:`expand`), the format named by the file name
(:func:`container`), and how much there is to read (:class:`ReadMeter`, :func:`doc_count`).

Only names are listed here, nothing is read: :mod:`cleaner.sources` turns the listing into
:class:`~cleaner.sources.Item` s.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from .errors import InputError

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".md", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".arc"}


def container(name: str) -> tuple[str, str | None, bool] | None:
    """(format, document kind, gzipped) by file name: format is ``doc``, ``jsonl`` or
    ``warc``; None for a name no folder scan should pick up."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    stem = lower[:-3] if gz else lower
    suffix = os.path.splitext(stem)[1]
    if suffix in JSONL_SUFFIXES:
        return "jsonl", None, gz
    if suffix in WARC_SUFFIXES:
        return "warc", "html", gz
    if suffix in HTML_SUFFIXES:
        return "doc", "html", gz
    if suffix in TEXT_SUFFIXES:
        return "doc", "text", gz
    return None


def expand(paths: Iterable[str], exclude: Iterable[str | Path] = (), skipped: list[str] | None = None
           ) -> Iterator[tuple[str, str, str]]:
    """(path, rel, format) for every input file: ``-`` (stdin), files, folders (recursive,
    sorted, hidden names skipped), globs (``crawl/**/*.html.gz``) and fsspec URLs.

    ``rel`` is the path under ``--output-dir``: relative to the folder or glob root it
    was found under, or the path as given. ``exclude``: files to skip (our own output).
    A name that matches nothing comes back with format ``missing``. Files a folder holds
    that are of no known type (``x.dat``, ``x.gz``) are left out, and added to ``skipped``.
    """
    skip = {os.path.realpath(p) for p in exclude}
    for given in paths:
        if given == "-":
            yield "-", "stdin", "doc"
        elif "://" in given:
            yield from _expand_url(given)
        elif os.path.isdir(given):
            root = Path(given)
            for f in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
                found = container(f.name)
                if found and os.path.realpath(f) not in skip:
                    yield str(f), str(f.relative_to(root)), found[0]
                elif not found and skipped is not None:
                    skipped.append(str(f))
        elif glob.has_magic(given) and not os.path.exists(given):
            matches = sorted(glob.glob(given, recursive=True))
            root = _glob_root(given)
            if not matches:
                yield given, given, "missing"
            for m in matches:
                if os.path.isfile(m) and os.path.realpath(m) not in skip:
                    yield m, os.path.relpath(m, root), (container(m) or ("doc",))[0]
        else:
            yield given, given, (container(given) or ("doc",))[0]


def _glob_root(pattern: str) -> str:
    """The folder part of a glob before its first wildcard: ``crawl/2024`` for ``crawl/2024/*/*.gz``."""
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
    return str(Path(*fixed)) if fixed else "."


def _expand_url(url: str) -> Iterator[tuple[str, str, str]]:
    fs, root = _fs(url)
    if glob.has_magic(root):
        names = sorted(fs.glob(root))
        base = _glob_root(root)
    elif fs.isdir(root):
        names = sorted(fs.find(root))
        base = root
    else:
        yield url, Path(root).name, (container(root) or ("doc",))[0]
        return
    for name in names:
        found = container(name)
        if found and not Path(name).name.startswith("."):
            yield fs.unstrip_protocol(name), os.path.relpath(name, base), found[0]  # memory:// names start with "/"


def _fs(url: str):
    try:
        import fsspec
    except ImportError:
        raise InputError(f"{url}: reading URLs needs fsspec (pip install 'article-cleaner[dask]')") from None
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as e:
        raise InputError(f"{url}: {e}") from None


def open_binary(path: str) -> IO[bytes]:
    """A local file or an fsspec URL, opened for reading bytes."""
    if "://" in path:
        fs, root = _fs(path)
        return fs.open(root, "rb")
    return open(path, "rb")


# -- how far the reading has got --------------------------------------------------

@dataclass
class ReadMeter:
    """How many bytes of the JSONL and WARC files the parent has read so far, against their
    total size: the progress bar's measure (and its ETA) when the documents cannot be
    counted without reading the files twice. Compressed files count compressed bytes."""

    total: int
    done: int = 0  # bytes of the files read to the end
    current: IO[bytes] | None = None  # the file being read

    def position(self) -> int:
        try:
            return self.done + (self.current.tell() if self.current is not None else 0)
        except (OSError, ValueError):  # closed meanwhile, or not seekable
            return self.done

    @classmethod
    def of(cls, paths: Iterable[str], exclude: Iterable[str | Path] = ()) -> ReadMeter | None:
        """A meter for ``paths`` when every input is a local JSONL or WARC file; None else
        (stdin, URLs and document files are counted by documents, or not at all)."""
        total = 0
        for path, _, fmt in expand(paths, exclude):
            if fmt not in ("jsonl", "warc") or path == "-" or "://" in path:
                return None
            try:
                total += os.path.getsize(path)
            except OSError:
                return None
        return cls(total) if total else None


def doc_count(paths: list[str], exclude: Iterable[str | Path] = ()) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (only document
    files: a listing, no reading); None with JSONL, WARC or stdin among them."""
    n = 0
    for path, _, fmt in expand(paths, exclude):
        if fmt != "doc" or path == "-":
            return None
        n += 1
    return n
