"""Reading articles: files, folders and URLs in, ``Document``s (and ``ReadError``s) out.

One reader per format, registered by file extension in ``READERS`` (a registry that
imports a reader's module when a file of its format is first read); adding a format is
one new module and one line there. Readers never raise for bad input: each problem
becomes one ``ReadError`` and reading goes on; an input left out on purpose (a WARC
record that is no article, a page not in English) is one ``Skipped``. URLs, feeds and
lists of URLs (a ``.txt`` of URLs) are read through a :class:`~kg.ingest.web.Web`.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Talks resume\\n\\nThe ministers met on Monday.\\n")
>>> _ = (folder / "b.txt").write_bytes(b"")
>>> [getattr(x, "id", None) or x.message for x in read([folder], date="2024-03-05")]
['a', 'empty file']
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.ingest.base import (
    MAX_INPUT_BYTES,
    MAX_INPUT_ENV,
    MAX_INPUT_MB,
    Reader,
    ReadError,
    Skipped,
    not_regular,
    os_error,
    without_surrogates,
)
from kg.ingest.chunk import bound
from kg.ingest.meta import parse_date
from kg.ingest.urls import is_url, is_url_list
from kg.records import Document
from kg.registry import Registry

if TYPE_CHECKING:
    from kg.ingest.web import Web

__all__ = ["READERS", "ReadError", "Reader", "Skipped", "read", "reader_for"]

READERS: Registry[Reader] = Registry("reader", {
    ".txt": "kg.ingest.text:read_txt",
    ".md": "kg.ingest.text:read_md",
    ".html": "kg.ingest.html:read_html",
    ".htm": "kg.ingest.html:read_html",
    ".jsonl": "kg.ingest.dumps:read_jsonl",
    ".csv": "kg.ingest.dumps:read_csv",
    ".json": "kg.ingest.dumps:read_json",
    ".warc": "kg.ingest.warc:read_warc",
    ".warc.gz": "kg.ingest.warc:read_warc",
})
ARCHIVES = frozenset({".warc", ".warc.gz"})  # what they hold are web pages, read as such


def reader_for(path: str | Path) -> Reader | None:
    """The reader registered for a file's extension (any case), or ``None``.

    A two-part extension (``.warc.gz``) is looked up before the last one.

    >>> reader_for("news/A.TXT").__name__, reader_for("notes.docx")
    ('read_txt', None)
    >>> reader_for("crawl.warc.gz").__name__
    'read_warc'
    """
    return READERS.get(_format(path) or "")


def _format(path: str | Path) -> str | None:
    """The extension a file's reader is registered under (``.warc.gz`` before ``.gz``)."""
    suffixes = Path(path).suffixes
    for extension in ("".join(suffixes[-2:]).lower(), Path(path).suffix.lower()):
        if extension in READERS:
            return extension
    return None


def _expected() -> str:
    names = [ext for ext in READERS if ext not in (".htm", ".warc.gz")]
    return ", ".join(names)


def _walk(folder: Path, seen: set[str]) -> Iterator[Path | ReadError]:
    """Regular files of known types under ``folder``, recursively, in name order; hidden
    ones skipped, and an error for any other kind of file (a pipe, a device) of such a name."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except OSError as e:
        yield ReadError(str(folder), os_error(e).replace("cannot read", "cannot list folder"))
        return
    for name in names:
        if name.startswith("."):
            continue
        path = folder / name
        try:
            mode = path.stat().st_mode
        except OSError as e:
            if reader_for(path) is not None:
                yield ReadError(str(path), os_error(e))
            continue
        if stat.S_ISDIR(mode):
            real = os.path.realpath(path)
            if real not in seen:  # a symlink loop is walked once
                seen.add(real)
                yield from _walk(path, seen)
        elif reader_for(path) is None:
            continue
        elif stat.S_ISREG(mode):
            yield path
        else:  # a named pipe in a folder has no writer: opening it would wait forever
            yield ReadError(str(path), not_regular(mode))


def _files(paths: Iterable[str | Path]) -> Iterator[Path | str | ReadError]:
    for item in paths:
        if is_url(item):
            yield str(item)
            continue
        path = Path(item)
        try:
            path.stat()
        except OSError as e:
            yield ReadError(str(path), os_error(e))
            continue
        if path.is_dir():
            yield from _walk(path, {os.path.realpath(path)})
        elif reader_for(path) is None:
            kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
            yield ReadError(str(path), f"unknown file type {kind} (expected {_expected()})")
        else:
            yield path


def _guarded(reader: Reader, path: Path, max_bytes: int) -> Iterator[Document | ReadError]:
    """Run a reader; an unexpected exception ends that file with one ``ReadError``."""
    items = reader(path, max_bytes=max_bytes)
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as e:  # a reader bug or library failure must not stop the batch
            yield ReadError(str(path), f"could not read ({type(e).__name__}: {e})"[:160])
            return
        yield item


def read(
    paths: Iterable[str | Path] | str | Path, *, date: str | None = None,
    max_mb: float | None = None, web: Web | None = None,
) -> Iterator[Document | ReadError | Skipped]:
    """Stream documents from files, folders and URLs (folders recursively, sorted,
    deterministic).

    ``date`` (YYYY-MM-DD) is used for documents that carry no date of their own. Only
    regular files are read (and pipes named in ``paths``), none larger than ``max_mb``
    megabytes (in JSONL and CSV, no line longer): by default ``KG_MAX_INPUT_MB``, else
    :data:`~kg.ingest.base.MAX_INPUT_MB`. Paragraphs are bounded (:mod:`kg.ingest.chunk`).
    URLs (``http://``, ``https://``), feeds and ``.txt`` lists of URLs are read through
    ``web`` (by default one without a cache), and so are the pages of WARC archives
    deduplicated. Bad input never raises: each problem is yielded as one ``ReadError`` and
    reading goes on. Only a malformed ``date`` argument raises ``ValueError``, at once.

    >>> docs = list(read(["/nonexistent/a.txt"]))
    >>> [str(x) for x in docs]
    ['/nonexistent/a.txt: no such file or directory']
    """
    default = parse_date(date) if date is not None else None
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return _read(paths, default, max_mb, web)


def _limit(max_mb: float | None) -> tuple[int, ReadError | None]:
    """The input limit in bytes, and the error of a bad ``KG_MAX_INPUT_MB`` (then ignored)."""
    if max_mb is not None:
        return int(max_mb * 2**20), None
    setting = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not setting:
        return MAX_INPUT_BYTES, None
    try:
        value = float(setting)
    except ValueError:
        value = 0
    if not 0 < value < float("inf"):
        problem = f"not a positive number of MB ({setting[:20]!r}); {MAX_INPUT_MB} MB is used"
        return MAX_INPUT_BYTES, ReadError(MAX_INPUT_ENV, problem)
    return int(value * 2**20), None


def _read(paths: Iterable[str | Path], default: str | None, max_mb: float | None,
          web: Web | None) -> Iterator[Document | ReadError | Skipped]:
    max_bytes, bad_setting = _limit(max_mb)
    if bad_setting is not None:
        yield bad_setting
    own: Web | None = None
    try:
        for source in _files(paths):
            if isinstance(source, ReadError):
                yield source
                continue
            listing = isinstance(source, Path) and source.suffix.lower() == ".txt" \
                and is_url_list(source)
            reader = None if isinstance(source, str) or listing else reader_for(source)
            archive = not isinstance(source, str) and _format(source) in ARCHIVES
            if web is None and (reader is None or archive):
                from kg.ingest.fetch import Fetcher  # the web's libraries, only for the web
                from kg.ingest.web import Web

                web = own = Web(Fetcher(None))
            if isinstance(source, str):
                items: Iterator[Document | ReadError | Skipped] = web.read_url(source)
            elif listing:
                items = web.read_url_list(source, max_bytes)
            else:
                assert reader is not None
                items = _guarded(reader, source, max_bytes)
                if archive:
                    items = (web.first_copy(x) if isinstance(x, Document) else x for x in items)
            for item in items:
                if isinstance(item, Document):
                    item = _finished(item, default)
                yield item
    finally:
        if own is not None:
            own.close()


def _finished(document: Document, date: str | None) -> Document:
    """What every reader's document gets: bounded paragraphs, the default date, and text
    that can be encoded (see :func:`~kg.ingest.base.without_surrogates`)."""
    fields: dict[str, object] = {
        field.name: without_surrogates(value)
        for field in dataclasses.fields(document)
        if isinstance(value := getattr(document, field.name), str)
    }
    fields["date"] = fields.get("date") or date
    fields["blocks"] = bound(document.text, document.blocks)
    return dataclasses.replace(document, **fields)
