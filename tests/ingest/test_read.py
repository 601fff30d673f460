"""kg.ingest.read: every file one Document or one ReadError, the rest read all the same;
folders in name order; the registry of readers."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from kg.ingest import READERS, read
from kg.records import Document

from .documents import split, texts


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
