"""Batch outputs: one stream (stdout or a file) or one file per input under a folder.

Every sink writes records in the order it is given them, atomically:

- :class:`FileSink` writes ``OUT.part`` and renames it to ``OUT`` when the batch is done;
  with ``resume`` it keeps the complete lines of an interrupted ``OUT.part`` (a torn last
  line is cut off) and skips the ids they hold;
- :class:`DirSink` writes each file as a hidden temp file (created exclusively, under an
  unpredictable name) and renames it into place; with ``resume`` it skips inputs whose file
  exists. Paths are built from the inputs' relative paths and ids, component by component,
  and never leave the folder; two inputs whose paths collide (``a/x.html`` and ``b/x.html``
  given as ``a b``) get distinct names in input order (``x.html.txt``, ``x.html-2.txt``).

Neither overwrites existing output without ``force`` (or continues it with ``resume``).
:func:`open_sink` picks the sink of ``cleaner clean``'s options.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from .errors import CleanerError
from .record import scrub_text
from .sources import Item, safe_name

FORMATS = ("jsonl", "json", "text", "markdown")
SUFFIX = {"jsonl": ".json", "json": ".json", "text": ".txt", "markdown": ".md"}


class OutputError(CleanerError):
    """The output cannot be written where asked (exists, outside the folder, unwritable)."""

    kind = "output_error"


def render(record: dict[str, Any], fmt: str) -> str:
    """One record as ``fmt``: a JSON line (``jsonl``), indented JSON (``json``), or the
    article as plain text or markdown (an error record as one ``error (type): …`` line)."""
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False)
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2)
    if record.get("error"):
        return f"error ({record['error']['type']}): {record['error']['message']}"
    title, body = record.get("title"), record.get("body") or ""
    if fmt == "markdown":
        facts = " · ".join(x for x in (record.get("source"), record.get("date"), ", ".join(record.get("authors") or ())) if x)
        return (f"# {title}\n\n" if title else "") + (f"*{facts}*\n\n" if facts else "") + body
    return (f"{title}\n\n" if title else "") + body


def open_sink(output: Path | None, output_dir: Path | None, fmt: str, multi: bool, *, resume: bool = False,
              force: bool = False) -> StreamSink | DirSink:
    """The sink of ``cleaner clean``: :class:`DirSink` for ``--output-dir``, :class:`FileSink`
    for ``-o``, else stdout. Raises :class:`OutputError` (or OSError: an unwritable target)."""
    if output_dir is not None:
        return DirSink(output_dir, fmt, resume=resume, force=force)
    if output is not None:
        return FileSink(output, fmt, multi, resume=resume, force=force)
    if resume:
        raise OutputError("--resume needs -o FILE or --output-dir DIR")
    return StreamSink(sys.stdout, fmt, multi)


class StreamSink:
    """Records to a text stream, in order. ``json`` is one array, streamed; ``text`` and
    ``markdown`` put a ``==> id <==`` header before each record when ``multi``."""

    def __init__(self, out: TextIO, fmt: str, multi: bool = True):
        self.out, self.fmt, self.multi = out, fmt, multi
        self.count = 0

    def done(self, item: Item) -> bool:
        return False

    def write(self, item: Item, record: dict[str, Any]) -> int:
        if self.fmt == "json":
            body = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            text = ("[\n  " if self.count == 0 else ",\n  ") + body
        elif self.fmt == "jsonl":
            text = render(record, "jsonl") + "\n"
        elif self.multi:
            text = f"==> {item.id} <==\n{render(record, self.fmt)}\n\n"
        else:
            text = render(record, self.fmt) + "\n"
        text = scrub_text(text)  # always valid UTF-8 (records come scrubbed; ids in headers may not)
        self.out.write(text)
        self.count += 1
        return len(text.encode("utf-8", "surrogatepass"))

    def close(self, complete: bool = True) -> None:
        if self.fmt == "json" and complete:
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


class FileSink(StreamSink):
    """Records to ``path`` through ``path.part``, renamed into place by ``close(True)``;
    gzipped when ``path`` ends in ``.gz``."""

    def __init__(self, path: Path, fmt: str, multi: bool = True, *, resume: bool = False, force: bool = False):
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self.written: Counter[str] = Counter()
        if path.exists() and not (resume or force):
            raise OutputError(f"{path} exists; pass --force to overwrite it or --resume to continue it")
        if resume and fmt != "jsonl":
            raise OutputError("--resume needs --format jsonl (or --output-dir)")
        if resume and path.exists():
            if self.part.exists():
                raise OutputError(f"both {path} and {self.part} exist; remove the one you do not want")
            os.replace(path, self.part)
        gz = path.name.lower().endswith(".gz")
        if resume and self.part.exists():
            self.written = _written_ids(self.part, gz)
            out = _gzipped(self.part, "ab", path.name) if gz else self.part.open("a", encoding="utf-8")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            out = _gzipped(self.part, "wb", path.name) if gz else self.part.open("w", encoding="utf-8")
        super().__init__(out, fmt, multi)

    def done(self, item: Item) -> bool:
        """Was ``item`` written by an earlier run (``--resume``)? Each id counts as often
        as it was written, so repeated ids in the input are each skipped once."""
        key = input_key(item.id)
        if self.written[key] > 0:
            self.written[key] -= 1
            return True
        return False

    def close(self, complete: bool = True) -> None:
        try:
            super().close(complete)
            if complete:
                self.out.flush()
                os.fsync(self.out.fileno())
        except OSError:  # a full disk: the .part keeps its complete lines for --resume
            with contextlib.suppress(OSError):
                self.out.close()
            raise
        self.out.close()
        if complete:
            os.replace(self.part, self.path)


def _gzipped(part: Path, mode: str, name: str) -> TextIO:
    """A text stream gzipped into ``part`` (appended as a new member with ``ab``), its header
    naming the final file, not the ``.part``."""
    raw = part.open(mode)
    gz = gzip.GzipFile(filename=name[:-3], mode=mode, fileobj=raw)
    gz.myfileobj = raw  # closed with it, as a file it opened itself
    return io.TextIOWrapper(gz, encoding="utf-8")


def _written_ids(part: Path, gz: bool = False) -> Counter[str]:
    """The ids of the complete records of an interrupted run; the file is cut after the
    last of them (a torn last line goes; gzipped, it is written again with those lines)."""
    ids: Counter[str] = Counter()
    good, lines = 0, []
    with (gzip.open(part, "rb") if gz else part.open("rb")) as fh:
        try:
            for line in fh:
                if not line.endswith(b"\n"):
                    break
                try:
                    record = json.loads(line)
                except ValueError:
                    break
                ids[input_key(str(record.get("id")))] += 1
                good += len(line)
                if gz:
                    lines.append(line)
        except (EOFError, OSError, zlib.error):  # a gzip stream cut off by the interruption
            pass
    if gz:
        with gzip.open(part, "wb") as fh:
            fh.writelines(lines)
    else:
        with part.open("r+b") as fh:
            fh.truncate(good)
    return ids


def input_key(id: str) -> str:
    """What identifies an input across runs for ``--resume``: an id that names a file
    (``./in.jsonl``, ``in.jsonl``) or a line of one (``in.jsonl:12``) by the file's resolved
    path, so that the same input given another way is still recognised; any other id as
    it is. Lone surrogates are replaced as in the written record."""
    id = scrub_text(id)
    path, sep, line = id.rpartition(":")
    if sep and line.isdigit() and path:
        real = _resolved(path)
        return f"{real}:{line}" if real else id
    return _resolved(id) or id


@functools.lru_cache(maxsize=4096)
def _resolved(path: str) -> str | None:
    """The resolved path of an existing local file, else None."""
    if "://" in path:
        return None
    try:
        p = Path(path)
        return "\0" + str(p.resolve()) if p.is_file() else None
    except (OSError, ValueError):
        return None


class DirSink:
    """One file per input under ``root``: its relative path plus ``.json``, ``.txt`` or ``.md``."""

    def __init__(self, root: Path, fmt: str, *, resume: bool = False, force: bool = False):
        self.root, self.fmt, self.resume = root, fmt, resume
        if root.exists() and not root.is_dir():
            raise OutputError(f"{root} is not a folder")
        if root.is_dir() and any(root.iterdir()) and not (resume or force):
            raise OutputError(f"{root} is not empty; pass --force to overwrite files in it or --resume to continue")
        root.mkdir(parents=True, exist_ok=True)
        self.real = root.resolve()
        self.claimed: set[Path] = set()  # the paths given out in this run
        self.places: dict[int, Path] = {}  # id(item) -> its path, from done() to write()
        umask = os.umask(0)
        os.umask(umask)
        self.mode = 0o666 & ~umask

    def target(self, item: Item) -> Path:
        """Where ``item``'s record goes: never outside the folder (``..``, absolute paths
        and symlinks out are refused)."""
        parts = [safe_part(p) for p in Path(item.rel or item.id).parts if p not in ("", ".", "..", "/", "\\")]
        parts = [p for p in parts if p] or [safe_name(item.id)]
        path = self.root.joinpath(*parts)
        path = path.with_name(path.name + SUFFIX[self.fmt])
        if not path.parent.resolve().is_relative_to(self.real):
            raise OutputError(f"{item.id}: output path {path} would leave {self.root}")
        return path

    def place(self, item: Item) -> Path:
        """``item``'s path in this run: :meth:`target`, or, when an earlier input of the run
        took that path, the first free ``NAME-2.EXT``, ``NAME-3.EXT``… (input order decides,
        so ``--resume`` finds the same names)."""
        if id(item) not in self.places:
            path = base = self.target(item)
            stem, suffix = base.name[: -len(SUFFIX[self.fmt])], SUFFIX[self.fmt]
            n = 1
            while path in self.claimed:
                n += 1
                path = base.with_name(f"{stem}-{n}{suffix}")
            self.claimed.add(path)
            self.places[id(item)] = path
        return self.places[id(item)]

    def done(self, item: Item) -> bool:
        path = self.place(item)
        if self.resume and path.exists():
            self.places.pop(id(item), None)
            return True
        return False

    def write(self, item: Item, record: dict[str, Any]) -> int:
        path = self.place(item)
        self.places.pop(id(item), None)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.parent.resolve().is_relative_to(self.real):
            raise OutputError(f"{item.id}: output path {path} would leave {self.root}")
        text = scrub_text(render(record, self.fmt) + "\n")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)  # O_EXCL, no symlink
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                os.fchmod(fh.fileno(), self.mode)
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # a full disk leaves no temp file behind
            raise
        return len(text.encode("utf-8", "surrogatepass"))

    def close(self, complete: bool = True) -> None:
        pass


def safe_part(part: str) -> str:
    """One path component as written: anchors and drive letters out, control and
    separator characters replaced, never hidden or empty."""
    part = "".join("_" if (c in '/\\:' or ord(c) < 32) else c for c in scrub_text(part)).lstrip(".")
    return part[:200]
