"""Tests for ``kg.ingest``: real files written to ``tmp_path``, real text, no mocks."""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path

import pytest

from kg.ingest import READERS, ReadError, read
from kg.ingest.segment import is_boilerplate, segment
from kg.records import BlockKind, Document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_aebe9d6deb04523e.txt"
WIKINEWS = Path("/work/shared/corpus/wikinews.jsonl")
DATELINE = re.compile(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, [A-Z][a-z]+ \d{1,2}, \d{4}")


def texts(doc: Document, kind: BlockKind | None = None) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if kind is None or b.kind is kind]


def pairs(doc: Document) -> list[tuple[str, BlockKind]]:
    return [(doc.text[b.start : b.end], b.kind) for b in doc.blocks]


def split(items: list[Document | ReadError]) -> tuple[list[Document], list[ReadError]]:
    docs = [x for x in items if isinstance(x, Document)]
    errors = [x for x in items if isinstance(x, ReadError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


def only(items: list[Document | ReadError]) -> Document:
    docs, errors = split(items)
    assert errors == []
    assert len(docs) == 1
    return docs[0]


def check_blocks(doc: Document) -> None:
    """Blocks are trimmed, ordered, non-overlapping slices of the text."""
    last = 0
    for b in doc.blocks:
        piece = doc.text[b.start : b.end]
        assert piece, b
        assert piece == piece.strip(), (doc.id, piece)
        assert b.start >= last
        last = b.end


# --- the seed article ---------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Document:
    return only(list(read([SEED])))


def test_seed_metadata(seed: Document) -> None:
    assert seed.id == "000_aebe9d6deb04523e"
    assert (
        seed.title == "Trump and Putin Plan Hungary Summit After “Productive” Call Amid Ukraine War"
    )
    assert seed.date == "2025-10-16"
    assert seed.source == "Times in Pakistan"
    assert seed.text == SEED.read_text(encoding="utf-8")


def test_seed_headings(seed: Document) -> None:
    headings = texts(seed, BlockKind.HEADING)
    assert headings == [
        "Trump and Putin Plan Hungary Summit After “Productive” Call Amid Ukraine War",
        "Times in Pakistan",
        "Trump and Putin Plan Summit in Budapest",
        "Ukraine’s Reaction and Growing Tensions",
        "A Renewed Push for Diplomacy",
        "Improved Relations with Kyiv",
        "Global Reactions and Strategic Calculations",
        "The Path Forward",
    ]


def test_seed_paragraphs_and_boilerplate(seed: Document) -> None:
    check_blocks(seed)
    paragraphs = texts(seed, BlockKind.PARAGRAPH)
    assert len(paragraphs) == 21
    assert paragraphs[0].startswith("Donald Trump and Vladimir Putin walking side by side")
    # the leading no-break space is trimmed off the first paragraph of the story
    assert paragraphs[1].startswith("US President Donald Trump announced on Thursday")
    assert paragraphs[-1].startswith("Whether this optimism translates")
    assert paragraphs[-1].endswith("must now navigate.")
    every = texts(seed)
    for junk in ("Tags", "Post a Comment", "0 Comments", "Post a Comment (0)", "0"):
        assert junk not in every
    assert not any("3/related/default" in t or "Post a Comment" in t for t in every)
    for heading in texts(seed, BlockKind.HEADING):
        assert not any(heading in p for p in paragraphs), heading
    assert [b.kind for b in seed.paragraphs()] == [BlockKind.PARAGRAPH] * 21


# --- the Wikinews corpus ---------------------------------------------------------------


def test_wikinews_corpus() -> None:
    if not WIKINEWS.exists():
        pytest.skip(f"{WIKINEWS} is absent")
    docs, errors = split(list(read([WIKINEWS])))
    assert errors == []
    assert len(docs) == 295
    assert len({d.id for d in docs}) == 295
    first = docs[0]
    assert first.id == "magnitogorsk-apartment-building-collapses-after-explosion-dozens-dead"
    assert first.date == "2019-01-04"
    assert first.title == "Magnitogorsk apartment building collapses after explosion, dozens dead"
    assert first.url == (
        "https://en.wikinews.org/wiki/"
        "Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead"
    )
    assert first.origin == f"{WIKINEWS}:1"
    assert texts(first)[:2] == [
        "Friday, January 4, 2019",
        (
            "An apartment building collapsed on Monday in Magnitogorsk, a city in the Ural region "
            "of Russia. A suspected gas leak led to an explosion, followed by the ten-storey "
            "building coming down. A total of 39 are confirmed dead, officials told state media, "
            "adding that rescuers ended their work yesterday. Some reports suggest a deliberate "
            "criminal act."
        ),
    ]
    # one record is a Wikinews test page whose text is a bare dateline
    assert [d.id for d in docs if not d.paragraphs()] == ["test-page-self-publish-yesterday"]
    for doc in docs:
        check_blocks(doc)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date or ""), doc.id
        assert (doc.url or "").startswith("https://en.wikinews.org/wiki/"), doc.id
        assert doc.title
        opening = doc.blocks[0]
        if DATELINE.match(doc.text.lstrip()):
            assert opening.kind is BlockKind.HEADING, doc.id
            assert DATELINE.fullmatch(doc.text[opening.start : opening.end]), doc.id
        for p in texts(doc, BlockKind.PARAGRAPH):
            assert not DATELINE.match(p), doc.id


# --- metadata: front matter, sidecars, default dates ---------------------------------


def test_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "geneva.md"
    path.write_text(
        "---\n"
        "id: geneva-talks\n"
        "title: Ministers meet in Geneva\n"
        "date: 5 March 2024\n"
        "url: https://example.org/geneva\n"
        "tags: [diplomacy]\n"
        "---\n"
        "# Talks resume in Geneva\n"
        "\n"
        "The foreign ministers of France and Germany met in Geneva on Tuesday.\n"
        "\n"
        "## What comes next ##\n"
        "\n"
        "They will meet again in **Vienna** next week.\n",
        encoding="utf-8",
    )
    doc = only(list(read([path])))
    assert (doc.id, doc.title, doc.date, doc.url) == (
        "geneva-talks",
        "Ministers meet in Geneva",
        "2024-03-05",
        "https://example.org/geneva",
    )
    assert doc.origin == str(path)
    assert doc.text.startswith("# Talks resume in Geneva\n")  # the body, after the front matter
    assert pairs(doc) == [
        ("Talks resume in Geneva", BlockKind.HEADING),
        (
            "The foreign ministers of France and Germany met in Geneva on Tuesday.",
            BlockKind.PARAGRAPH,
        ),
        ("What comes next", BlockKind.HEADING),
        ("They will meet again in **Vienna** next week.", BlockKind.PARAGRAPH),
    ]


def test_markdown_title_from_first_line(tmp_path: Path) -> None:
    path = tmp_path / "vienna.md"
    path.write_text("# Talks move to Vienna\n\nThe talks moved to Vienna.\n", encoding="utf-8")
    doc = only(list(read([path])))
    assert (doc.id, doc.title, doc.date) == ("vienna", "Talks move to Vienna", None)


def test_first_line_that_is_a_sentence_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("The ministers met in Geneva.\n\nThey agreed to meet again.\n")
    doc = only(list(read([path])))
    assert doc.title is None
    assert texts(doc, BlockKind.PARAGRAPH) == [
        "The ministers met in Geneva.",
        "They agreed to meet again.",
    ]


def test_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "oslo.txt").write_text(
        "---\ntitle: Old title\ndate: 2020-01-01\n---\nTalks in Oslo\n\nThe envoys met in Oslo.\n"
    )
    (tmp_path / "oslo.meta.yaml").write_text(
        "date: 2024-06-02T08:00:00Z\n"
        "url: https://example.org/oslo\n"
        "source: Example Wire\n"
        "id: oslo-1\n"
    )
    doc = only(list(read([tmp_path])))  # the sidecar itself is never reported
    assert (doc.id, doc.title, doc.date, doc.url, doc.source) == (
        "oslo-1",
        "Old title",  # from the front matter; the sidecar wins only where it has a key
        "2024-06-02",
        "https://example.org/oslo",
        "Example Wire",
    )


def test_bad_metadata_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\ndate: next Tuesday\n---\nThe envoys met.\n")
    (tmp_path / "b.txt").write_text("---\ntitle: [unclosed\n---\nThe envoys met.\n")
    (tmp_path / "c.txt").write_text("The envoys met in Oslo.\n")
    (tmp_path / "c.meta.yaml").write_text("title: x\n  bad: indentation: here\n")
    (tmp_path / "d.txt").write_text("The envoys met in Rome.\n")
    (tmp_path / "e.txt").write_text("---\n- just\n- a list\n---\nThe envoys met.\n")
    docs, errors = split(list(read([tmp_path])))
    assert [d.id for d in docs] == ["d"]
    assert [e.source for e in errors] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "c.meta.yaml"),
        str(tmp_path / "e.txt"),
    ]
    assert errors[0].message == "front matter: bad date 'next Tuesday' (expected YYYY-MM-DD)"
    assert errors[1].message.startswith("front matter: bad YAML at line 2")
    assert errors[2].message.startswith("bad YAML at line 2")
    assert errors[3].message == "front matter: metadata must be a mapping of keys, not list"
    assert all("\n" not in str(e) for e in errors)


def test_default_date_only_fills_missing_dates(tmp_path: Path) -> None:
    (tmp_path / "dated.txt").write_text("---\ndate: 2024-03-05\n---\nThe envoys met.\n")
    (tmp_path / "undated.txt").write_text("The envoys met again.\n")
    (tmp_path / "n.jsonl").write_text(
        json.dumps({"id": "r1", "date": "2019-01-04", "text": "They met."})
        + "\n"
        + json.dumps({"id": "r2", "text": "They met again."})
        + "\n"
    )
    docs, errors = split(list(read([tmp_path], date="2025-10-16")))
    assert errors == []
    assert {d.id: d.date for d in docs} == {
        "dated": "2024-03-05",
        "undated": "2025-10-16",
        "r1": "2019-01-04",
        "r2": "2025-10-16",
    }
    assert {d.id: d.date for d in split(list(read([tmp_path])))[0]}["undated"] is None
    with pytest.raises(ValueError, match="bad date"):
        read([tmp_path], date="yesterday")


# --- bad input ---------------------------------------------------------------------------


def test_bad_files_each_give_one_error_and_the_rest_loads(tmp_path: Path) -> None:
    (tmp_path / "01_good.txt").write_text("Talks resume\n\nThe envoys met in Oslo on Monday.\n")
    (tmp_path / "02_empty.txt").write_bytes(b"")
    (tmp_path / "03_blank.md").write_text("  \n\n\t\n")
    (tmp_path / "04_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "05_latin1.txt").write_bytes("Orbán met Putin.".encode("latin-1"))
    (tmp_path / "06_bom.txt").write_bytes("\ufeffTalks end\r\n\r\nThe envoys left.\r\n".encode())
    (tmp_path / "07_empty.jsonl").write_text("\n\n")
    (tmp_path / "08_binary.html").write_bytes(b"\x00\x01\x02<html>")
    (tmp_path / "09_notes.docx").write_bytes(b"PK\x03\x04")  # unknown type: skipped in folders
    (tmp_path / ".hidden.txt").write_bytes(b"")  # hidden: skipped
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_bytes(b"\x00")
    (tmp_path / "10_loop.txt").symlink_to(tmp_path / "10_loop.txt")  # unreadable: OSError
    docs, errors = split(list(read([tmp_path])))
    assert [d.id for d in docs] == ["01_good", "05_latin1", "06_bom"]
    assert docs[1].text == "Orbán met Putin."  # see test_ingest_hostile.py for encodings
    bom = docs[2]
    assert bom.text == "Talks end\n\nThe envoys left.\n"
    assert bom.title == "Talks end"
    assert texts(bom) == ["Talks end", "The envoys left."]
    assert [str(e) for e in errors] == [
        f"{tmp_path / '02_empty.txt'}: empty file",
        f"{tmp_path / '03_blank.md'}: empty file",
        f"{tmp_path / '04_binary.txt'}: binary file (contains NUL bytes)",
        f"{tmp_path / '07_empty.jsonl'}: empty file",
        f"{tmp_path / '08_binary.html'}: binary file (contains NUL bytes)",
        f"{tmp_path / '10_loop.txt'}: cannot read (too many levels of symbolic links)",
    ]


def test_explicit_paths_unknown_type_and_missing(tmp_path: Path) -> None:
    notes = tmp_path / "notes.xyz"
    notes.write_text("The envoys met.")
    good = tmp_path / "good.txt"
    good.write_text("The envoys met.")
    missing = tmp_path / "missing.txt"
    items = list(read([notes, missing, str(good), tmp_path / "Makefile"]))
    docs, errors = split(items)
    assert [d.id for d in docs] == ["good"]
    assert [str(e) for e in errors] == [
        f"{notes}: unknown file type '.xyz' "
        "(expected .txt, .md, .html, .jsonl, .csv, .json, .warc)",
        f"{missing}: no such file or directory",
        f"{tmp_path / 'Makefile'}: no such file or directory",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("The envoys met.")
    path.chmod(0)
    try:
        assert [str(e) for e in read([path])] == [f"{path}: cannot read (permission denied)"]
    finally:
        path.chmod(0o644)


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "Talks", "date": "2024-03-05", "text": "They met."}),
        "",
        "{not json",
        "[1, 2]",
        json.dumps({"id": "a5", "title": "No text"}),
        json.dumps({"id": "a6", "text": "   "}),
        json.dumps({"title": "No id", "url": "https://example.org/x", "text": "They met again."}),
        json.dumps({"id": "a8", "date": "someday", "text": "They met."}),
        json.dumps({"id": "a9", "text": ["a", "list"]}),
    ]
    raw = ("\r\n".join(lines) + "\r\n").encode() + b'{"id": "a10", "text": "caf\xe9"}\n'
    path.write_bytes(raw)
    docs, errors = split(list(read([path])))
    assert [(d.id, d.title, d.date, d.url, d.origin) for d in docs] == [
        ("a1", "Talks", "2024-03-05", None, f"{path}:1"),
        ("feed-7", "No id", None, "https://example.org/x", f"{path}:7"),
    ]
    assert docs[0].text == "They met."
    assert [str(e) for e in errors] == [
        f"{path}:3: not JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}:4: not a JSON object (got list)",
        f"{path}:5: record has no text",
        f"{path}:6: record has no text",
        f"{path}:8: bad date 'someday' (expected YYYY-MM-DD)",
        f"{path}:9: 'text' must be text, not list",
        f"{path}:10: not valid UTF-8 (byte 0xe9 at offset 26 in the line)",
    ]


def test_reading_streams(tmp_path: Path) -> None:
    """The first record arrives before the rest of the file has even been written."""
    fifo = tmp_path / "live.jsonl"
    os.mkfifo(fifo)
    got_first = threading.Event()

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as out:
            out.write(json.dumps({"id": "one", "text": "They met."}) + "\n")
            out.flush()
            got_first.wait(timeout=10)
            out.write(json.dumps({"id": "two", "text": "They met again."}) + "\n")

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    items = read([fifo])
    first = next(items)
    assert isinstance(first, Document) and first.id == "one"
    assert writer.is_alive()  # still waiting: the reader did not need the whole file
    got_first.set()
    assert [d.id for d in items if isinstance(d, Document)] == ["two"]
    writer.join(timeout=10)


# --- HTML ----------------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Ministers meet in Geneva | Example News</title>
<meta property="og:title" content="Ministers meet in Geneva">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://example.org/news/geneva">
<style>body { color: red } .SECRETSTYLE {}</style>
<script>var tracker = "SECRETSCRIPT";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World SECRETNAV</a></li></ul></nav>
<article>
<h1>Ministers meet in Geneva</h1>
<p>The foreign ministers of France and Germany met in Geneva on Tuesday to discuss
a ceasefire proposal for the region.</p>
<h2>A new proposal</h2>
<p>According to officials, the proposal includes a monitoring mission led by the
United Nations and a phased withdrawal of troops.</p>
<p>The talks will continue next week in Vienna, the spokesperson said.</p>
<p>Share this article</p>
<script>document.write("SECRETINLINE")</script>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>SECRETCOMMENT I strongly disagree with this framing.</p></div>
</section>
<footer>Copyright 2024 SECRETFOOTER</footer>
</body></html>
"""


def test_html_article(tmp_path: Path) -> None:
    path = tmp_path / "geneva.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = only(list(read([path])))
    assert (doc.id, doc.title, doc.date, doc.url, doc.origin) == (
        "geneva",
        "Ministers meet in Geneva",
        "2024-03-05",
        "https://example.org/news/geneva",
        str(path),
    )
    assert "SECRET" not in doc.text
    assert "<" not in doc.text and "Share this" not in doc.text
    assert pairs(doc) == [
        ("Ministers meet in Geneva", BlockKind.HEADING),
        (
            (
                "The foreign ministers of France and Germany met in Geneva on Tuesday to discuss "
                "a ceasefire proposal for the region."
            ),
            BlockKind.PARAGRAPH,
        ),
        ("A new proposal", BlockKind.HEADING),
        (
            (
                "According to officials, the proposal includes a monitoring mission led by the "
                "United Nations and a phased withdrawal of troops."
            ),
            BlockKind.PARAGRAPH,
        ),
        (
            "The talks will continue next week in Vienna, the spokesperson said.",
            BlockKind.PARAGRAPH,
        ),
    ]
    check_blocks(doc)


def test_html_declared_charset_and_sidecar(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Orbán welcomes talks</title></head><body><article>"
        "<p>Hungarian Prime Minister Viktor Orbán welcomed the planned summit in Budapest.</p>"
        "<p>He called it great news for peace-loving people around the world.</p>"
        "</article></body></html>"
    )
    (tmp_path / "orban.htm").write_bytes(page.encode("latin-1"))
    (tmp_path / "orban.meta.yaml").write_text("date: 2025-10-16\n")
    doc = only(list(read([tmp_path])))
    assert (doc.title, doc.date) == ("Orbán welcomes talks", "2025-10-16")
    assert texts(doc, BlockKind.PARAGRAPH) == [
        "Hungarian Prime Minister Viktor Orbán welcomed the planned summit in Budapest.",
        "He called it great news for peace-loving people around the world.",
    ]


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    assert [str(e) for e in read([path])] == [f"{path}: no article text found"]


# --- CSV -------------------------------------------------------------------------------------


def test_csv_records(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    path.write_text(
        "id,title,date,url,text\n"
        'w1,Talks resume,2024-03-05,https://example.org/w1,"Talks resume in Geneva\n'
        "\n"
        "The envoys met on Monday, officials said.\n"
        'They will meet again, ""soon"", in Vienna."\n'
        ",No id,,,The envoys left Geneva.\n"
        "w3,No text,2024-03-06,,\n"
        "w4,Too many,2024-03-06,,text,extra\n"
        "w5,Bad date,March,,They met.\n",
        encoding="utf-8",
    )
    docs, errors = split(list(read([path])))
    assert [(d.id, d.title, d.date, d.url, d.origin) for d in docs] == [
        ("w1", "Talks resume", "2024-03-05", "https://example.org/w1", f"{path}:2"),
        ("wire-6", "No id", None, None, f"{path}:6"),
    ]
    assert pairs(docs[0]) == [
        ("Talks resume in Geneva", BlockKind.HEADING),
        ("The envoys met on Monday, officials said.", BlockKind.PARAGRAPH),
        ('They will meet again, "soon", in Vienna.', BlockKind.PARAGRAPH),
    ]
    assert [str(e) for e in errors] == [
        f"{path}:7: record has no text",
        f"{path}:8: record has 6 fields, header has 5",
        f"{path}:9: bad date 'March' (expected YYYY-MM-DD)",
    ]


def test_csv_large_field_and_bad_header(tmp_path: Path) -> None:
    big = " ".join(["The envoys met in Geneva and agreed to meet again."] * 4000)  # ~200 kB
    (tmp_path / "big.csv").write_text(f'id,text\nbig,"{big}"\n')
    (tmp_path / "nohead.csv").write_text("id,title\nx,Talks\n")
    docs, errors = split(list(read([tmp_path])))
    assert [(d.id, len(d.text)) for d in docs] == [("big", len(big))]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'nohead.csv'}:1: header has no 'text' column (found: id, title)"
    ]


# --- folders and the registry -----------------------------------------------------------------


def test_folders_are_read_recursively_in_name_order(tmp_path: Path) -> None:
    for rel in ["b/2.txt", "b/1.md", "a.txt", "c/d/e.txt", "B.TXT"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Report {rel}\n\nThe envoys met.\n")
    ids = [d.id for d in read(tmp_path) if isinstance(d, Document)]  # one path, not a list
    assert ids == ["B", "a", "1", "2", "e"]
    assert [d.origin for d in read([tmp_path / "b"])] == [
        str(tmp_path / "b" / "1.md"),
        str(tmp_path / "b" / "2.txt"),
    ]


def test_registry_covers_the_formats() -> None:
    assert sorted(READERS) == [".csv", ".htm", ".html", ".json", ".jsonl", ".md", ".txt", ".warc",
                               ".warc.gz"]


# --- segmentation ---------------------------------------------------------------------------


def blocks_of(text: str) -> list[tuple[str, str]]:
    return [(text[b.start : b.end], b.kind.value) for b in segment(text)]


def test_segment_one_paragraph_per_line() -> None:
    text = (
        "Friday, January 4, 2019\n"
        "An apartment building collapsed on Monday in Magnitogorsk.\n"
        "Rescuers worked through the night.\n"
        "Reactions\n"
        "The president flew to the city.\n"
        "Share on Facebook\n"
        "42\n"
    )
    assert blocks_of(text) == [
        ("Friday, January 4, 2019", "heading"),
        ("An apartment building collapsed on Monday in Magnitogorsk.", "paragraph"),
        ("Rescuers worked through the night.", "paragraph"),
        ("Reactions", "heading"),
        ("The president flew to the city.", "paragraph"),
    ]


def test_segment_keeps_hard_wrapped_paragraphs_whole() -> None:
    text = (
        "Talks in Geneva\n\n"
        "The foreign ministers of France and Germany met in Geneva on\n"
        "Tuesday to discuss a ceasefire proposal. Officials said the\n"
        "proposal includes a monitoring mission led by the United\n"
        "Nations.\n"
    )
    assert blocks_of(text) == [
        ("Talks in Geneva", "heading"),
        (text[17:].strip(), "paragraph"),
    ]


def test_segment_headings_and_lists() -> None:
    text = (
        "What the deal says:\n\n"
        "- a ceasefire along the current line\n"
        "- prisoner exchanges within a month\n\n"
        "Who will pay?\n\n"
        "“We will see,” he said.\n\n"
        "Read more: Trump and Putin to meet\n"
    )
    assert blocks_of(text) == [
        ("What the deal says:", "paragraph"),
        ("- a ceasefire along the current line", "paragraph"),
        ("- prisoner exchanges within a month", "paragraph"),
        ("Who will pay?", "paragraph"),
        ("“We will see,” he said.", "paragraph"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Post a Comment",
        "Post a Comment (0)",
        "0 Comments",
        "Tags",
        "Tags: Ukraine, Russia",
        "Share this",
        "Share on Twitter",
        "Related",
        "Related Articles:",
        "Read more",
        "Advertisement",
        "3/related/default",
        "12",
        "Sources",
        "External links",
        "This article is licensed under the Creative Commons Attribution 2.5 License.",
        "© 2025 Example Media. All rights reserved.",
        "* * *",
    ],
)
def test_boilerplate(text: str) -> None:
    assert is_boilerplate(text)
    assert segment(f"The envoys met in Oslo.\n\n{text}\n") == segment("The envoys met in Oslo.")


@pytest.mark.parametrize(
    "text",
    [
        "Related talks in Oslo ended without agreement.",
        "Tags were attached to the evidence bags.",
        "Sources close to the Kremlin said the call went well.",
        "The 12 envoys met.",
        "Advertisement revenue fell sharply in Russia.",
    ],
)
def test_not_boilerplate(text: str) -> None:
    assert not is_boilerplate(text)
