"""Reading articles: files and folders in, ``Document``s (and ``ReadError``s) out.

One reader per format, registered by file extension in ``READERS``; adding a format
is one new module and one line there. Readers never raise for bad input: each problem
becomes one ``ReadError`` and reading goes on.

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
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.ingest import html, records, text
from kg.ingest.base import Reader, ReadError, os_error
from kg.ingest.meta import parse_date
from kg.records import Document

__all__ = ["READERS", "ReadError", "Reader", "read", "reader_for"]

READERS: dict[str, Reader] = {
    ".txt": text.read_txt,
    ".md": text.read_md,
    ".html": html.read_html,
    ".htm": html.read_html,
    ".jsonl": records.read_jsonl,
    ".csv": records.read_csv,
}


def reader_for(path: str | Path) -> Reader | None:
    """The reader registered for a file's extension (any case), or ``None``.

    >>> reader_for("news/A.TXT") is text.read_txt, reader_for("notes.docx")
    (True, None)
    """
    return READERS.get(Path(path).suffix.lower())


def _expected() -> str:
    names = [ext for ext in READERS if ext != ".htm"]
    return ", ".join(names)


def _walk(folder: Path, seen: set[str]) -> Iterator[Path | ReadError]:
    """Readable files under ``folder``, recursively, in name order; hidden ones skipped."""
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
        if path.is_dir():
            real = os.path.realpath(path)
            if real not in seen:  # a symlink loop is walked once
                seen.add(real)
                yield from _walk(path, seen)
        elif reader_for(path) is not None:
            yield path


def _files(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    for item in paths:
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


def _guarded(reader: Reader, path: Path) -> Iterator[Document | ReadError]:
    """Run a reader; an unexpected exception ends that file with one ``ReadError``."""
    items = reader(path)
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
    paths: Iterable[str | Path] | str | Path, *, date: str | None = None
) -> Iterator[Document | ReadError]:
    """Stream documents from files and folders (folders recursively, sorted, deterministic).

    ``date`` (YYYY-MM-DD) is used for documents that carry no date of their own. Bad
    input never raises: each problem is yielded as one ``ReadError`` and reading goes
    on. Only a malformed ``date`` argument raises ``ValueError``, at once.

    >>> docs = list(read(["/nonexistent/a.txt"]))
    >>> [str(x) for x in docs]
    ['/nonexistent/a.txt: no such file or directory']
    """
    default = parse_date(date) if date is not None else None
    if isinstance(paths, (str, Path)):
        paths = [paths]
    return _read(paths, default)


def _read(paths: Iterable[str | Path], default: str | None) -> Iterator[Document | ReadError]:
    for path in _files(paths):
        if isinstance(path, ReadError):
            yield path
            continue
        reader = reader_for(path)
        assert reader is not None
        for item in _guarded(reader, path):
            if isinstance(item, Document) and item.date is None and default is not None:
                item = dataclasses.replace(item, date=default)
            yield item
