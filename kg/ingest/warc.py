"""Web archives (``.warc``, ``.warc.gz``): the article pages among their HTTP responses.

Records are streamed with warcio, one at a time. A ``response`` record with status 200
and an HTML body is read like a fetched page (:func:`~kg.ingest.page.page_document`); every
other record (requests, metadata, images, redirects, pages with no article) is skipped
with a reason. An archive that is cut off or corrupt keeps the articles read before the
break, and one error line says at which record and byte offset it broke.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Iterator
from io import BufferedReader
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from kg.ingest.base import MAX_INPUT_BYTES, BadInput, ReadError, Skipped, one_line, open_input
from kg.ingest.page import is_html, page_document
from kg.records import Document


def read_warc(path: Path, *, max_bytes: int = MAX_INPUT_BYTES
              ) -> Iterator[Document | ReadError | Skipped]:
    """Stream the article pages of a WARC file; ``max_bytes`` caps one record's body.

    >>> import io, tempfile
    >>> from warcio.warcwriter import WARCWriter
    >>> from warcio.statusandheaders import StatusAndHeaders
    >>> path = Path(tempfile.mkdtemp()) / "crawl.warc.gz"
    >>> with path.open("wb") as out:
    ...     writer = WARCWriter(out, gzip=True)
    ...     head = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    ...     writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
    ...         payload=io.BytesIO(b"\\x89PNG"), http_headers=head))
    >>> [str(item) for item in read_warc(path)]
    ['...crawl.warc.gz#1: skipped (not HTML (image/png))']
    """
    try:
        handle = open_input(path)
    except BadInput as error:
        yield ReadError(str(path), str(error))
        return
    with handle:
        if not _starts_as_warc(handle):
            yield ReadError(str(path), "not a WARC file (it does not begin with a WARC/1.x "
                                       "record)")
            return
        records = ArchiveIterator(handle)
        number = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                end, size = records.offset, _size(handle)
                if number and size is not None and end < size:  # warcio stops at a cut silently
                    yield ReadError(f"{path}#{number + 1}", (
                        f"archive broken after record {number} (the last {size - end} bytes "
                        f"are no whole record); the {number} records before it were read"))
                break
            except Exception as error:  # warcio, gzip and zlib each raise their own kind
                offset = handle.tell()
                yield ReadError(f"{path}#{number + 1}", one_line(
                    f"archive broken at record {number + 1} (near byte {offset}: "
                    f"{type(error).__name__}: {error}); the {number} records before it were read"))
                return
            number += 1
            where = f"{path}#{number}"
            try:
                item = _record(record, where, max_bytes)
                records.read_to_end()
                missing = getattr(record.raw_stream, "limit", 0)  # bytes its header promised
            except Exception as error:  # a body that does not decode, a gzip member cut off
                item, missing = error, 1
            if missing:
                why = f" ({type(item).__name__}: {item})" if isinstance(item, Exception) else \
                    f" ({missing} bytes short)"
                yield ReadError(where, one_line(
                    f"archive broken in record {number}{why}; the {number - 1} records "
                    f"before it were read"))
                return
            yield item
        if number == 0:
            yield ReadError(str(path), "no WARC records (empty or not a WARC file)")


def _starts_as_warc(handle: BufferedReader) -> bool:
    """Whether the file begins with a WARC record, gzipped or not (warcio would read any
    text as an old ARC file, record after broken record)."""
    head = handle.peek(4096)[:4096]
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _size(handle: BinaryIO) -> int | None:
    """The size of a regular file; ``None`` for a pipe."""
    info = os.fstat(handle.fileno())
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _record(record: ArcWarcRecord, where: str, max_bytes: int) -> Document | ReadError | Skipped:
    kind = record.rec_type
    if kind != "response":
        return Skipped(where, f"not a response ({kind} record)")
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.http_headers is None:
        return Skipped(where, "not an HTTP response")
    status = record.http_headers.get_statuscode() or ""
    if status != "200":
        return Skipped(where, f"HTTP status {status or 'missing'}")
    content_type = record.http_headers.get_header("Content-Type") or ""
    body = record.content_stream().read(max_bytes + 1)
    if not is_html(content_type, body):
        return Skipped(where, f"not HTML ({content_type.split(';')[0].strip() or 'no type'})")
    if len(body) > max_bytes:
        return ReadError(where, f"page larger than the input limit of {max_bytes >> 20} MB")
    if not url.lower().startswith(("http://", "https://")):
        return ReadError(where, "response record without an http(s) WARC-Target-URI")
    try:
        return page_document(body, url, origin=where, content_type=content_type)
    except BadInput as error:
        return ReadError(where, str(error))
