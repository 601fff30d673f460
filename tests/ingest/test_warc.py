"""WARC archives written here with warcio: article pages read, other records skipped with a
count, a truncated or corrupt archive keeps what came before the break."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import kg
from ingest.site import FURNITURE, article_page, article_paragraphs, article_path, index_page
from kg.graph.store import Store
from kg.ingest import ReadError, Skipped, read
from kg.records import Document

BASE = "https://news.example.org"


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str,
              status: str = "200 OK") -> None:
    head = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                  http_headers=head))


def write_crawl(path: Path, articles: int) -> int:
    """A crawl of ``articles`` article pages among other records; returns the record count.

    Per article: its request and response, an image, and every fourth article a stylesheet,
    a 404 page, a section front (no article) and a metadata record; one warcinfo first.
    """
    records = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        records += 1
        for n in range(articles):
            url = f"{BASE}{article_path(n)}"
            request = StatusAndHeaders(f"GET {article_path(n)} HTTP/1.1", [("Host", "x")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request",
                                                          payload=io.BytesIO(b""),
                                                          http_headers=request))
            _response(writer, url, article_page(n), "text/html; charset=utf-8")
            _response(writer, f"{BASE}/img/{n}.jpg", b"\xff\xd8\xff\xe0JFIF", "image/jpeg")
            records += 3
            if n % 4 == 0:
                _response(writer, f"{BASE}/css/{n}.css", b"body{}", "text/css")
                _response(writer, f"{BASE}/gone/{n}", b"<p>Not found</p>", "text/html",
                          "404 Not Found")
                _response(writer, f"{BASE}/section/{n}", index_page([article_path(n)]),
                          "text/html")
                writer.write_record(writer.create_warc_record(
                    url, "metadata", payload=io.BytesIO(b"outlinks: none"),
                    warc_content_type="text/plain"))
                records += 4
    return records


def test_a_warc_reads_its_articles_and_counts_what_it_skips(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    assert write_crawl(path, 8) == 1 + 8 * 3 + 2 * 4
    items = list(read([path]))
    docs = [item for item in items if isinstance(item, Document)]
    assert [doc.url for doc in docs] == [f"{BASE}{article_path(n)}" for n in range(8)]
    for n, doc in enumerate(docs):
        assert doc.text.count("\n\n") >= 3 and article_paragraphs(n)[0] in doc.text
        assert not any(line in doc.text for line in FURNITURE)
        assert doc.source == "Example News" and doc.date == f"2024-03-{n + 1:02d}"
        assert doc.origin is not None and doc.origin.startswith(f"{path}#")
    assert Counter(item.reason for item in items if isinstance(item, Skipped)) == {
        "not a response (request record)": 8, "not HTML (image/jpeg)": 8,
        "not a response (warcinfo record)": 1, "not a response (metadata record)": 2,
        "not HTML (text/css)": 2, "HTTP status 404": 2,
        "not an article (no paragraph of 20 words)": 2}
    assert not any(isinstance(item, ReadError) for item in items)


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_truncated_archive_keeps_what_came_before_the_cut(tmp_path: Path, name: str) -> None:
    whole = tmp_path / f"whole-{name}"
    write_crawl(whole, 12)
    data = whole.read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) * 2 // 3])
    complete = [item.id for item in read([whole]) if isinstance(item, Document)]
    items = list(read([cut]))
    docs = [item.id for item in items if isinstance(item, Document)]
    errors = [str(item) for item in items if isinstance(item, ReadError)]
    assert 5 <= len(docs) < 12 and docs == complete[: len(docs)]
    assert len(errors) == 1 and errors[0].startswith(f"{cut}#")
    assert "archive broken" in errors[0] and "records before it were read" in errors[0]
    assert items[-1] == next(item for item in items if isinstance(item, ReadError))


def test_a_file_that_is_no_warc_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc.gz"
    path.write_bytes(b"this is not an archive\n" * 10)
    gzipped = tmp_path / "other.warc.gz"
    gzipped.write_bytes(gzip.compress(b"<html>not an archive either</html>"))
    assert [str(item) for item in read([path, gzipped])] == [
        f"{name}: not a WARC file (it does not begin with a WARC/1.x record)"
        for name in (path, gzipped)]


def test_a_corrupt_record_in_the_middle_ends_the_archive_with_one_line(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_crawl(whole, 8)
    data = bytearray(whole.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 64] = b"\x00" * 64  # inside a gzip member: the member fails its check
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(bytes(data))
    items = list(read([broken]))
    errors = [str(item) for item in items if isinstance(item, ReadError)]
    assert len(errors) == 1 and "archive broken" in errors[0], errors
    assert 2 <= sum(isinstance(item, Document) for item in items) < 8


def test_kg_build_of_a_truncated_warc_exits_1_with_one_line(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_crawl(whole, 6)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 3 // 4])
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(cut), "--store",
                             str(tmp_path / "store"), "-q"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {cut}#") and "archive broken" in line
    assert "skipped: " in result.stdout and " articles built" in result.stdout
    built = int(result.stdout.splitlines()[-1].split()[0])
    assert 3 <= built < 6


@pytest.mark.slow
def test_a_warc_of_200_records_builds_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    assert write_crawl(path, 48) == 193
    with path.open("ab") as out:  # seven more responses that are no articles make 200
        writer = WARCWriter(out, gzip=True)
        for n in range(7):
            _response(writer, f"{BASE}/feed/{n}.js", b"var x = 1;", "application/javascript")
    store = Store(tmp_path / "store")
    report = kg.build([path], store=store)
    assert report.errors == []
    assert len(report.written) == 48
    assert sum(report.skipped.values()) == 200 - 48
    assert report.skipped["not HTML (application/javascript)"] == 7
    rows = store.query("SELECT ?id ?text WHERE { GRAPH ?g { ?a dip:documentId ?id . "
                       "?s a dip:Sentence ; dip:text ?text } }")
    for row in rows:
        n = int(row["id"].value.rsplit("-", 1)[1])
        assert row["text"].value in "\n".join(article_paragraphs(n))
