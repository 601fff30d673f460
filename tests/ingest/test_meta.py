"""Article metadata (kg.ingest.meta): front matter, sidecars, default dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import read
from kg.records import BlockKind

from .documents import only, pairs, split, texts


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
