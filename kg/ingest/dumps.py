"""Dumps of article records: ``.jsonl`` (one JSON object a line), ``.csv`` (a header row)
and ``.json`` (a news API dump: ``{"articles": [...]}``).

Records have the fields ``id``, ``title``, ``date``, ``url`` and ``text`` (``source``
too, optionally); other fields are ignored. The records of news-please (``maintext``,
``date_publish``, ``source_domain``, ``language``) and of NewsAPI (``content`` or
``description``, ``publishedAt``, ``source.name``) are read with their metadata, and
identified by their URL, so the same article in two dumps is one article. JSONL and
CSV files are streamed record by record, and each bad record is one ``ReadError`` naming
``path:LINE`` (``path:articles[N]`` in a dump).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections import deque
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from kg.ingest import meta
from kg.ingest.base import (
    BOM,
    MAX_INPUT_BYTES,
    BadInput,
    ReadError,
    Skipped,
    decode,
    encoding_name,
    guess_encoding,
    log,
    normalise_newlines,
    open_input,
    os_error,
    read_limited,
    read_line,
    sniff_binary,
    utf8_problem,
)
from kg.ingest.page import LANGUAGES, document_id
from kg.ingest.segment import segment
from kg.records import Document

CSV_FIELD_LIMIT = 64 * 1024 * 1024  # characters; articles are far smaller
_SNIFF = 8192


# A NewsAPI ``content`` ends in a count of the characters the API left out.
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*\Z")


def _news_record(record: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """The record in kg's field names, and whether it is a news-please or NewsAPI record.

    >>> record, news = _news_record({"maintext": "They met.", "source_domain": "example.org",
    ...                              "date_publish": "2019-01-04 10:00:00"})
    >>> news, record["text"], record["date"], record["source"]
    (True, 'They met.', '2019-01-04', 'example.org')
    """
    if "maintext" in record or "date_publish" in record:  # news-please
        mapped = {"text": record.get("maintext"), "date": record.get("date_publish"),
                  "source": record.get("source_domain")}
    elif "publishedAt" in record or isinstance(record.get("source"), Mapping):  # NewsAPI
        text = record.get("content") or record.get("description")
        if isinstance(text, str):
            text = _TRUNCATED.sub("", text)
        source = record.get("source")
        mapped = {"text": text, "date": record.get("publishedAt"),
                  "source": source.get("name") if isinstance(source, Mapping) else source}
    else:
        return dict(record), False
    out = dict(record)
    out.update({key: value for key, value in mapped.items() if value is not None})
    if isinstance(out.get("date"), str):
        out["date"] = out["date"][:10]
    return out, True


def to_document(record: Mapping[str, Any], path: Path, line: int | str) -> Document | Skipped:
    """Turn one record into a document; ``BadInput`` says what is wrong with it.

    A record that names its language (news-please) and is not in English is skipped.

    >>> doc = to_document({"title": "Talks", "text": "They met.\\r\\n"}, Path("n.jsonl"), 3)
    >>> doc.id, doc.text, doc.origin
    ('n-3', 'They met.\\n', 'n.jsonl:3')
    """
    record, news = _news_record(record)
    language = record.get("language") if news else None
    if isinstance(language, str) and language and language.lower()[:2] not in LANGUAGES:
        return Skipped(f"{path}:{line}", f"not English ({language[:10]})")
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise BadInput("record has no text")
    if not isinstance(text, str):
        raise BadInput(f"'text' must be text, not {type(text).__name__}")
    fields = meta.clean(record)
    text = normalise_newlines(text.removeprefix("\ufeff"))
    blocks = segment(text)
    if not blocks:
        raise BadInput("record has no text (only boilerplate)")
    by_url = document_id(fields["url"]) if news and "url" in fields else None
    return Document(
        id=fields.get("id") or by_url or f"{path.stem}-{line}",
        text=text,
        blocks=blocks,
        title=fields.get("title"),
        date=fields.get("date"),
        url=fields.get("url"),
        source=fields.get("source"),
        origin=f"{path}:{line}",
        language=language[:2].lower() if news and isinstance(language, str) and language
        else None,
    )


def _open(path: Path) -> io.BufferedReader | ReadError:
    """Open ``path`` for binary reading, checking that it is not binary; or a ReadError."""
    try:
        handle = open_input(path)
    except BadInput as e:
        return ReadError(str(path), str(e))
    try:
        head = handle.peek(_SNIFF)[:_SNIFF]
    except OSError as e:
        handle.close()
        return ReadError(str(path), os_error(e))
    reason = sniff_binary(head)
    if reason:
        handle.close()
        return ReadError(str(path), reason)
    return handle


def read_jsonl(path: Path, *, max_bytes: int = MAX_INPUT_BYTES
               ) -> Iterator[Document | ReadError]:
    """Stream the documents of a JSON Lines file; blank lines are skipped.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "n.jsonl"
    >>> _ = path.write_text('{"id": "a", "text": "They met."}\\n\\n[1]\\n')
    >>> [x.message if isinstance(x, ReadError) else x.id for x in read_jsonl(path)]
    ['a', 'not a JSON object (got list)']
    """
    handle = _open(path)
    if isinstance(handle, ReadError):
        yield handle
        return
    seen = False
    with handle:
        number = 0
        while True:
            try:
                raw = read_line(handle, max_bytes)
            except OSError as e:
                yield ReadError(f"{path}:{number + 1}", os_error(e))
                return
            except BadInput as e:
                number += 1
                seen = True
                yield ReadError(f"{path}:{number}", str(e))
                continue
            if not raw:
                break
            number += 1
            if number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM) :]
            if not raw.strip():
                continue
            seen = True
            where = f"{path}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                yield ReadError(where, utf8_problem(raw, e, where=" in the line"))
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                yield ReadError(where, f"not JSON ({e.msg} at column {e.colno})")
                continue
            except ValueError:  # Python refuses to convert integers of over 4,300 digits
                yield ReadError(where, "not JSON (a number with too many digits)")
                continue
            except RecursionError:
                yield ReadError(where, "not JSON (nested too deeply)")
                continue
            if not isinstance(record, dict):
                yield ReadError(where, f"not a JSON object (got {_json_type(record)})")
                continue
            try:
                yield to_document(record, path, number)
            except BadInput as e:
                yield ReadError(where, str(e))
    if not seen:
        yield ReadError(str(path), "empty file")


def read_json(path: Path, *, max_bytes: int = MAX_INPUT_BYTES
              ) -> Iterator[Document | ReadError | Skipped]:
    """Read a news API dump: a JSON object whose ``articles`` list holds the records
    (NewsAPI's shape), or a list of records. Other JSON is skipped (with a count), so a
    folder of news may hold settings files.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "top.json"
    >>> _ = path.write_text(json.dumps({"status": "ok", "articles": [{"source": {"name": "DW"},
    ...     "title": "Talks", "url": "https://dw.example/a", "publishedAt": "2020-01-19T08:00:00Z",
    ...     "content": "The ministers met in Geneva… [+2170 chars]"}]}))
    >>> doc = next(read_json(path))
    >>> doc.id, doc.source, doc.date, doc.text
    ('dw.example/a', 'DW', '2020-01-19', 'The ministers met in Geneva')
    """
    try:
        data = json.loads(decode(read_limited(path, max_bytes), str(path)))
    except BadInput as e:
        yield ReadError(str(path), str(e))
        return
    except json.JSONDecodeError as e:
        yield ReadError(str(path), f"not JSON ({e.msg} at line {e.lineno} column {e.colno})")
        return
    except (ValueError, RecursionError):
        yield ReadError(str(path), "not JSON (too deeply nested, or a number too long)")
        return
    articles = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(articles, list):  # other JSON (settings, gold data) in a folder of news
        yield Skipped(str(path), "JSON but no news dump (no 'articles' list)")
        return
    if not articles:
        yield ReadError(str(path), "no articles")
    for number, record in enumerate(articles):
        where = f"articles[{number}]"
        if not isinstance(record, dict):
            yield ReadError(f"{path}:{where}", f"not a JSON object (got {_json_type(record)})")
            continue
        try:
            yield to_document(record, path, where)
        except BadInput as e:
            yield ReadError(f"{path}:{where}", str(e))


def _json_type(value: object) -> str:
    names = {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


class _Lines:
    """Decoded lines of a binary file for ``csv.reader``, remembering undecodable ones.

    A line that is not UTF-8 is read in the encoding guessed from the first such line
    (:func:`~kg.ingest.base.guess_encoding`), with one warning.

    It also keeps the lines of the record being read, so that a record broken by a
    quote left open can be dropped alone: its lines after the first are read again, but
    no line twice, so that a file of open quotes costs linear time, not quadratic.
    """

    def __init__(self, handle: io.BufferedReader, source: str, max_bytes: int) -> None:
        self.handle = handle
        self.source = source
        self.max_bytes = max_bytes
        self.codec: str | None = None  # of the lines that are not UTF-8 (Excel's CSV)
        self.number = 0  # of the last line handed out
        self.bad: list[str] = []  # problems since the caller last looked
        # (number, line, handed out before) since the record began, and to hand out again
        self.record: list[tuple[int, str, bool]] = []
        self.again: deque[tuple[int, str, bool]] = deque()

    def __iter__(self) -> _Lines:
        return self

    def next_number(self) -> int:
        """The number of the line that will be handed out next."""
        return self.again[0][0] if self.again else self.number + 1

    def begin_record(self) -> None:
        self.record = []

    def read_again(self) -> int:
        """Hand out the current record's lines after its first once more, unless they were
        already; the number of lines dropped."""
        lines = [(number, line, True) for number, line, again in self.record[1:] if not again]
        self.again.extendleft(reversed(lines))
        return len(self.record) - 1 - len(lines)

    def __next__(self) -> str:
        if self.again:
            self.number, line, again = self.again.popleft()
        else:
            line, again = self._read(), False
        self.record.append((self.number, line, again))
        return line

    def _read(self) -> str:
        number = self.number + 1
        try:
            raw = read_line(self.handle, self.max_bytes)
        except BadInput as e:
            self.number = number
            self.bad.append(f"{e} (line {number})")
            return "\n"
        if not raw:
            raise StopIteration
        self.number = number
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            problem = utf8_problem(raw, e, where=f" in line {number}")
        if self.codec is None:  # guessed once, from the first line that is not UTF-8
            self.codec = guess_encoding(raw)
            if self.codec is not None:
                log.warning("%s: not UTF-8 from line %d on, read as %s", self.source, number,
                            encoding_name(self.codec))
        if self.codec is not None:
            with contextlib.suppress(UnicodeDecodeError):
                return raw.decode(self.codec)
        self.bad.append(problem)
        return raw.decode("utf-8", errors="replace")


def read_csv(path: Path, *, max_bytes: int = MAX_INPUT_BYTES
             ) -> Iterator[Document | ReadError]:
    """Stream the documents of a CSV file with a header row (quoted multi-line fields work).

    A quote left open would swallow the records after it, so quoting is strict: a
    record whose quotes do not close where a field ends is one error, and reading goes
    on from the record's second line.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "n.csv"
    >>> _ = path.write_text('id,title,text\\nx1,Talks,"They met.\\n\\nThey agreed."\\n')
    >>> doc = next(read_csv(path))
    >>> doc.id, doc.title, len(doc.blocks)
    ('x1', 'Talks', 2)
    """
    handle = _open(path)
    if isinstance(handle, ReadError):
        yield handle
        return
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    with handle:
        lines = _Lines(handle, str(path), max_bytes)
        rows = csv.reader(lines, strict=True)
        header: list[str] | None = None
        seen = False
        while True:
            start = lines.next_number()
            lines.begin_record()
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as e:
                lines.bad.clear()
                dropped = lines.read_again()
                also = f"; {dropped} more lines dropped" if dropped else ""
                yield ReadError(f"{path}:{start}", f"bad CSV ({e}; a quote left open?{also})")
                continue
            except OSError as e:
                yield ReadError(f"{path}:{start}", os_error(e))
                return
            where = f"{path}:{start}"
            if lines.bad:
                problem = lines.bad[0]
                lines.bad.clear()
                yield ReadError(where, problem)
                if header is None:
                    return
                continue
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                if "text" not in header:
                    found = ", ".join(header)[:80]
                    yield ReadError(where, f"header has no 'text' column (found: {found})")
                    return
                continue
            seen = True
            if len(row) != len(header):
                yield ReadError(where, f"record has {len(row)} fields, header has {len(header)}")
                continue
            try:
                yield to_document(dict(zip(header, row, strict=True)), path, start)
            except BadInput as e:
                yield ReadError(where, str(e))
        if header is None:
            yield ReadError(str(path), "empty file")
        elif not seen:
            yield ReadError(str(path), "no records after the header")
