"""Hostile and careless input to ``kg.ingest``: huge paragraphs, pipes and devices, input
over the size limit, impossible dates, broken CSV quoting, old 8-bit encodings.

Real files in ``tmp_path``, the real readers, the real spaCy pipeline; no mocks.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kg.ingest import ReadError, read
from kg.ingest.chunk import MAX_CHUNK
from kg.records import BlockKind, Document
from kg.tasks import Failure, extract_articles

ROOT = Path(__file__).resolve().parent.parent
KG = Path(sys.executable).with_name("kg")

FILLER = "The weather in the capital was mild and the streets were quiet. "
MEETING = "Vladimir Putin met Viktor Orbán in Budapest on Monday."
AFTER = "Orbán spoke to reporters in Genève afterwards, officials said."
RUSSIAN = "Министр иностранных дел встретился с коллегой в Женеве."


def split(items: list[Document | ReadError]) -> tuple[list[Document], list[ReadError]]:
    docs = [x for x in items if isinstance(x, Document)]
    return docs, [x for x in items if isinstance(x, ReadError)]


def pieces(doc: Document) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks]


def gaps(doc: Document) -> list[str]:
    """The text before, between and after the blocks."""
    bounds = [0, *(x for b in doc.blocks for x in (b.start, b.end)), len(doc.text)]
    return [doc.text[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True)]


# --- over-long paragraphs -----------------------------------------------------------------


def test_a_paragraph_over_spacy_max_length_becomes_bounded_blocks(tmp_path: Path) -> None:
    sentences = FILLER * 20_000  # 1.3 million characters, no line break
    (tmp_path / "long.txt").write_text(sentences)
    # 200,000 single-newline lines that the segmenter joins into one paragraph
    (tmp_path / "lines.txt").write_text("the envoys met again\n" * 200_000)
    (tmp_path / "word.txt").write_text("The code was " + "x" * 12_000 + ".")  # no space to cut at
    docs, errors = split(list(read([tmp_path])))
    assert errors == []
    for doc in docs:
        assert all(b.kind is BlockKind.PARAGRAPH for b in doc.blocks)
        assert max(b.end - b.start for b in doc.blocks) <= MAX_CHUNK
        assert all(t == t.strip() for t in pieces(doc))
        assert all(not gap.strip() for gap in gaps(doc))  # the blocks cover all the text
    lines, long, word = docs
    assert all(t.endswith("quiet.") for t in pieces(long))  # cut at sentence ends
    assert min(len(t) for t in pieces(long)[:-1]) > MAX_CHUNK - len(FILLER)  # the last one
    assert all(t.endswith("again") for t in pieces(lines))  # else at line breaks
    assert [len(t) for t in pieces(word)] == [MAX_CHUNK, MAX_CHUNK, 2014]  # else hard


def test_offsets_from_a_chunked_paragraph_point_at_the_text(tmp_path: Path) -> None:
    """Statements read from the third piece of a paragraph carry offsets into the article."""
    body = FILLER * 100 + MEETING + " " + FILLER * 60 + MEETING + " " + FILLER * 10
    (tmp_path / "a.txt").write_text("Talks in Budapest\n\n" + body.strip() + "\n")
    doc = next(iter(read([tmp_path / "a.txt"])))
    assert isinstance(doc, Document)
    assert len(doc.paragraphs()) == 3
    (reading,) = extract_articles([doc])
    assert not isinstance(reading, Failure)
    met = [s for s in reading.statements if s.evidence.sentence == MEETING]
    starts = {s.evidence.start for s in met}
    assert starts == {doc.text.index(MEETING), doc.text.rindex(MEETING)}
    assert max(starts) > doc.paragraphs()[2].start  # from the third piece
    for statement in reading.statements:
        evidence = statement.evidence
        assert doc.text[evidence.start : evidence.end] == evidence.sentence
        for argument in (statement.subject, statement.object, statement.place):
            if argument is not None:
                assert doc.text[argument.start : argument.end] == argument.text


# --- pipes, devices and the size limit ---------------------------------------------------


def test_devices_and_pipes_in_a_folder_are_one_error_each(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The envoys met in Oslo.")
    (tmp_path / "b.txt").symlink_to("/dev/null")
    (tmp_path / "c.meta.yaml").symlink_to("/dev/null")  # c's sidecar
    (tmp_path / "c.txt").write_text("The envoys met in Rome.")
    fifo = tmp_path / "d.jsonl"
    os.mkfifo(fifo)
    (tmp_path / "e.txt").write_text("The envoys met in Bern.")
    # A writer waiting on the pipe: before the fix the reader opened it, read nothing and
    # went on; a reader that waited for a writer would hang here forever.
    writer = threading.Thread(target=lambda: os.close(os.open(fifo, os.O_WRONLY)), daemon=True)
    writer.start()
    try:
        docs, errors = split(list(read([tmp_path])))
    finally:
        release = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader lets the writer go
        writer.join()
        os.close(release)
    assert [d.id for d in docs] == ["a", "e"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'b.txt'}: not a regular file (a device)",
        f"{tmp_path / 'c.meta.yaml'}: not a regular file (a device)",
        f"{fifo}: not a regular file (a named pipe)",
    ]
    assert [str(e) for e in read([tmp_path / "b.txt"])] == [
        f"{tmp_path / 'b.txt'}: not a regular file (a device)"
    ]


def test_input_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("The envoys met. " * 100_000)  # 1.6 MB
    (tmp_path / "b.txt").write_text("The envoys met in Rome.")
    lines = [{"id": "r1", "text": "They met."}, {"id": "r2", "text": "They met. " * 200_000},
             {"id": "r3", "text": "They met again."}]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    (tmp_path / "d.csv").write_text(f'id,text\nx1,They met.\nx2,"{"They met. " * 200_000}"\n'
                                    "x3,They met again.\n")
    monkeypatch.setenv("KG_MAX_INPUT_MB", "1.5")
    docs, errors = split(list(read([tmp_path])))
    assert [d.id for d in docs] == ["b", "r1", "r3", "x1", "x3"]
    limit = "larger than the input limit of 1.5 MB (set KG_MAX_INPUT_MB to raise it)"
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'a.txt'}: file {limit}",
        f"{tmp_path / 'c.jsonl'}:2: line {limit}",
        f"{tmp_path / 'd.csv'}:3: line {limit} (line 3)",
    ]
    assert len(split(list(read([tmp_path], max_mb=2)))[0]) == 8  # the argument wins
    monkeypatch.setenv("KG_MAX_INPUT_MB", "lots")
    docs, errors = split(list(read([tmp_path])))
    assert len(docs) == 8
    assert [str(e) for e in errors] == [
        "KG_MAX_INPUT_MB: not a positive number of MB ('lots'); 16 MB is used"
    ]


# --- metadata and CSV ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml", "message"),
    [
        ("date: 2024-02-30", "bad date '2024-02-30' (expected YYYY-MM-DD)"),
        ("date: 2024-13-01 10:00:00", "bad date '2024-13-01 10:00:00' (expected YYYY-MM-DD)"),
        ("date: !!timestamp 2024-02-30", "bad date '2024-02-30' (expected YYYY-MM-DD)"),
        ("id: " + "7" * 5000, "bad YAML value (Exceeds the limit (4300 digits) for integer"),
        ("title: " + "[" * 5000, "bad YAML (nested too deeply)"),
    ],
)
def test_impossible_metadata_names_the_file_that_holds_it(tmp_path: Path, yaml: str,
                                                           message: str) -> None:
    (tmp_path / "a.txt").write_text(f"---\n{yaml}\n---\nThe envoys met.\n")
    (tmp_path / "b.txt").write_text("The envoys met.\n")
    (tmp_path / "b.meta.yaml").write_text(yaml + "\n")
    (tmp_path / "c.txt").write_text("---\ndate: 2024-02-29\n---\nThe envoys met.\n")
    docs, errors = split(list(read([tmp_path])))
    assert [(d.id, d.date) for d in docs] == [("c", "2024-02-29")]
    assert [e.source for e in errors] == [str(tmp_path / "a.txt"), str(tmp_path / "b.meta.yaml")]
    assert errors[0].message.startswith(f"front matter: {message}")
    assert errors[1].message.startswith(message)


def test_a_quote_left_open_in_csv_costs_its_record_only(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text(
        "id,title,text\n"
        'x1,Talks,"They met in Oslo.\n'  # the quote is never closed
        'x2,More talks,"They met in Rome, again."\n'
        "x3,Last talks,They met in Bern.\n"
        'x4,Fine,"Two\n\nparagraphs."\n'
        'x5,Open,"The quote runs to the end.\n'
        "x6,After,They met in Kyiv.\n"
    )
    docs, errors = split(list(read([path])))
    assert [d.id for d in docs] == ["x2", "x3", "x4", "x6"]
    assert [d.text for d in docs][3] == "They met in Kyiv."
    assert [str(e) for e in errors] == [
        f"{path}:2: bad CSV (',' expected after '\"'; a quote left open?)",
        f"{path}:8: bad CSV (unexpected end of data; a quote left open?)",
    ]


# --- encodings ------------------------------------------------------------------------------


def test_latin1_and_windows_1252_are_read_and_said(tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    text = "“We will meet,” said Orbán in Genève. It cost 5 € — and more."
    (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "b.md").write_bytes("Le ministre a rencontré son homologue.".encode("latin-1"))
    (tmp_path / "b.meta.yaml").write_bytes("title: Réunion à Genève\n".encode("latin-1"))
    (tmp_path / "c.html").write_bytes(
        f"<html><body><article><p>{text}</p><p>{AFTER}</p></article></body></html>".encode(
            "cp1252"))
    (tmp_path / "d.txt").write_text("Plain UTF-8: Orbán.")
    (tmp_path / "e.txt").write_bytes(RUSSIAN.encode("cp1251"))
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        docs, errors = split(list(read([tmp_path])))
    assert errors == []
    assert [d.text.strip() for d in docs] == [
        text, "Le ministre a rencontré son homologue.", f"{text}\n\n{AFTER}",
        "Plain UTF-8: Orbán.", RUSSIAN,
    ]
    assert docs[1].title == "Réunion à Genève"
    assert caplog.messages == [
        f"{tmp_path / 'a.txt'}: not UTF-8, read as Windows-1252",
        f"{tmp_path / 'b.md'}: not UTF-8, read as Windows-1252",
        f"{tmp_path / 'b.meta.yaml'}: not UTF-8, read as Windows-1252",
        f"{tmp_path / 'c.html'}: not UTF-8, read as Windows-1252",
        f"{tmp_path / 'e.txt'}: not UTF-8, read as Windows-1251",
    ]


# --- a file named on the command line --------------------------------------------------------


def _without_privilege() -> list[str] | None:
    """A command prefix that takes away the power to read any file (root's), or ``None``."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"] if setpriv else None


def test_an_unreadable_file_named_directly_is_one_error(tmp_path: Path) -> None:
    prefix = _without_privilege()
    if prefix is None:
        pytest.skip("root, and no setpriv to drop the power to read any file")
    secret, good = tmp_path / "secret.txt", tmp_path / "good.txt"
    secret.write_text("The envoys met in Oslo.")
    secret.chmod(0)
    good.write_text("The envoys met in Rome.")
    built = subprocess.run([*prefix, KG, "build", "--quiet", "--store", tmp_path / "store",
                            secret, good], capture_output=True, text=True)
    assert built.returncode == 1, built.stderr
    assert f"{secret}: cannot read (permission denied)" in built.stderr
    assert built.stdout.startswith("1 articles built, 0 unchanged, ")


def test_a_number_too_long_for_python_costs_its_jsonl_line_only(tmp_path: Path) -> None:
    path = tmp_path / "n.jsonl"
    path.write_text('{"id": 1%s, "text": "They met."}\n' % ("0" * 5000)
                    + json.dumps({"id": "b", "text": "They met again."}) + "\n")
    docs, errors = split(list(read([path])))
    assert [d.id for d in docs] == ["b"]
    assert [str(e) for e in errors] == [f"{path}:1: not JSON (a number with too many digits)"]


def test_names_and_text_that_cannot_be_encoded_are_made_storable(tmp_path: Path) -> None:
    """A file name that is not UTF-8, a JSON escape of half an emoji: each lone surrogate
    becomes U+FFFD, one for one, so that the offsets still hold."""
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text("The envoys met in Oslo.")
    (tmp_path / "n.jsonl").write_text('{"id": "r\\ud83d", "title": "Talks \\ud83d",'
                                      ' "text": "They met \\ud83d in Rome."}\n')
    docs, errors = split(list(read([tmp_path])))
    assert errors == []
    assert [(d.id, d.title, d.text) for d in docs] == [
        ("caf\ufffd", None, "The envoys met in Oslo."),
        ("r\ufffd", "Talks \ufffd", "They met \ufffd in Rome."),
    ]
    assert docs[0].origin == str(tmp_path / "caf\ufffd.txt")
    assert all(len(d.fingerprint()) == 64 for d in docs)  # it encodes the text as UTF-8


def test_csv_in_windows_1252_is_read_and_said(tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    """Excel saves CSV in the Windows code page; JSON Lines stay UTF-8 only, as JSON is."""
    path = tmp_path / "wire.csv"
    path.write_bytes(f'id,title,text\nw1,Genève,"{AFTER}"\nw2,Talks,They met.\n'.encode("cp1252"))
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(json.dumps({"id": "j1", "text": AFTER}, ensure_ascii=False).encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        docs, errors = split(list(read([tmp_path])))
    assert [(d.id, d.title, d.text) for d in docs] == [
        ("w1", "Genève", AFTER), ("w2", "Talks", "They met.")]
    assert [str(e) for e in errors] == [
        f"{feed}:1: not valid UTF-8 (byte 0xe1 at offset 25 in the line)"]
    assert caplog.messages == [f"{path}: not UTF-8 from line 2 on, read as Windows-1252"]


def test_html_charsets_are_read_as_browsers_read_them(tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    """A page that says Latin-1 is Windows-1252 (curly quotes and all), as in browsers; a
    charset that no codec has gives way to the guessed one."""
    text = "“We will meet,” said Orbán in Genève. It cost 5 € — and more."

    def page(charset: str) -> bytes:
        return (f'<html><head><meta charset="{charset}"></head><body><article><p>{text}</p>'
                f"<p>{AFTER}</p></article></body></html>").encode("cp1252")

    (tmp_path / "a.html").write_bytes(page("iso-8859-1"))
    (tmp_path / "b.html").write_bytes(page("no-such-charset"))
    with caplog.at_level(logging.WARNING, logger="kg.ingest"):
        docs, errors = split(list(read([tmp_path])))
    assert errors == []
    assert [d.text for d in docs] == [f"{text}\n\n{AFTER}"] * 2
    assert caplog.messages == [
        f"{tmp_path / 'b.html'}: not UTF-8 nor its declared no-such-charset, read as Windows-1252",
    ]


def test_a_csv_of_open_quotes_reads_each_line_at_most_twice(tmp_path: Path) -> None:
    """Each record's lines are read again after a broken quote, but never a third time
    (each line here opens a quote from either state, so every record would run to the end
    of the file: quadratic); the error says how many lines were dropped."""
    path = tmp_path / "n.csv"
    path.write_text('id,text\nx2,"a\n' + 'b",x,"c\n' * 1999)
    errors = list(read([path]))
    assert [str(e) for e in errors] == [
        f"{path}:2: bad CSV (unexpected end of data; a quote left open?)",
        f"{path}:3: bad CSV (unexpected end of data; a quote left open?; 1998 more lines "
        "dropped)",
        f"{path}: no records after the header",
    ]


def test_a_tag_with_a_hundred_thousand_attributes(tmp_path: Path) -> None:
    """lxml and trafilatura take time quadratic in one tag's attributes: this page took
    4.6 minutes to read. A start tag of over 10,000 characters is cut to its name."""
    attributes = " ".join(f'data-x{i}="{i}"' for i in range(100_000))
    (tmp_path / "a.html").write_text(
        f"<html><body><article><p {attributes}>{MEETING}</p><p>{AFTER}</p>"
        f'<img src="data:image/png;base64,{"A" * 50_000}"></article></body></html>')
    (doc,) = read([tmp_path / "a.html"])
    assert isinstance(doc, Document)
    assert doc.text == f"{MEETING}\n\n{AFTER}"


# --- feeds, sitemaps, archives, URL lists ---------------------------------------------------

_LAUGHS = "".join(f'<!ENTITY l{i + 1} "{f"&l{i};" * 10}">' for i in range(8))
BILLION_LAUGHS = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{_LAUGHS}]>'


def test_entity_expansion_in_a_feed_or_sitemap_is_refused_at_once() -> None:
    """A billion laughs (10^8 copies of "lol") in a feed and in a sitemap: refused before
    any XML parser sees it (expat expanded a million of them before its own guard, 4 s)."""
    import time

    from kg.ingest.feeds import parse_feed

    rss = (BILLION_LAUGHS.replace("DOCTYPE r", "DOCTYPE rss") + '<rss version="2.0"><channel>'
           "<title>&l8;</title><item><title>&l8;</title><link>/a</link></item></channel></rss>")
    sitemap = (BILLION_LAUGHS.replace("DOCTYPE r", "DOCTYPE urlset")
               + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
               "<loc>https://news.example/&l8;</loc></url></urlset>")
    started = time.monotonic()
    for text in (rss, sitemap):
        with pytest.raises(ValueError, match="declares XML entities"):
            parse_feed(text.encode(), "https://news.example/feed")
    assert time.monotonic() - started < 0.5


def test_a_warc_record_over_the_size_limit_costs_that_record_only(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = f"<html><body><article><p>{MEETING} {FILLER * 3}</p></article></body></html>"
    path = tmp_path / "big.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in [("https://a.example/huge", f"<p>{FILLER * 40_000}</p>"),
                          ("https://a.example/ok", page)]:
            head = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body.encode()), http_headers=head))
    items = list(read([path], max_mb=1))
    assert [str(x) for x in items if isinstance(x, ReadError)] == [
        f"{path}#1: page larger than the input limit of 1 MB"]
    assert [x.id for x in items if isinstance(x, Document)] == ["a.example/ok"]


def test_random_bytes_after_a_warc_header_end_the_archive_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\n"
                     + os.urandom(5000))
    items = list(read([path]))
    assert len(items) == 1 and isinstance(items[0], ReadError)
    assert str(items[0]).startswith(f"{path}#1: archive broken")


def test_a_url_list_with_hostile_lines(tmp_path: Path) -> None:
    """Lines that are not URLs, a line of two megabytes, a URL to another scheme, a host
    that refuses connections: one error each."""
    from kg.ingest.fetch import Fetcher
    from kg.ingest.web import Web

    path = tmp_path / "urls.txt"
    path.write_text(f"https://127.0.0.1:9/a\nhttps://127.0.0.1:9/b\nhttps://{'x' * 2_000_000}\n"
                    "javascript:alert(1)\n")
    with Web(Fetcher(None, retries=0)) as web:
        errors = [str(x) for x in read([path], web=web)]
    assert errors == [
        "https://127.0.0.1:9/a: connection failed (ConnectError)",
        "https://127.0.0.1:9/b: connection failed (ConnectError)",
        f"{path}:3: line too long for a URL (over 8 KB)",
        f"{path}:4: not an http(s) URL",
    ]
