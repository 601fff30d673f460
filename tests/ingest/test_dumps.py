"""News API dumps: NewsAPI's JSON and news-please's JSON Lines, read with their metadata."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import WIKINEWS

from kg.ingest import ReadError, Skipped, read
from kg.records import BlockKind, Document

from .documents import DATELINE, check_blocks, pairs, split, texts

MET = ("The foreign ministers of France and Kenya met in Nairobi on Monday to discuss trade "
       "and the security of shipping in the Red Sea.")


def newsapi(articles: list[object]) -> str:
    return json.dumps({"status": "ok", "totalResults": len(articles), "articles": articles})


def test_a_newsapi_dump_is_read_with_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "top-headlines.json"
    path.write_text(newsapi([
        {"source": {"id": None, "name": "Example News"}, "author": "Jane Reporter",
         "title": "Ministers meet in Nairobi", "description": "Trade talks.",
         "url": "https://news.example.org/world/nairobi-talks?utm_source=newsapi",
         "urlToImage": None, "publishedAt": "2024-03-05T09:00:00Z",
         "content": MET + " Both sides praised … [+1520 chars]"},
        {"source": {"name": "Other Wire"}, "title": "Summit", "url": "https://wire.example/s",
         "publishedAt": "2024-03-06T10:00:00Z", "content": None,
         "description": "Leaders of the two countries agreed to hold a summit in June."},
        {"source": {"name": "Empty"}, "title": "Nothing", "url": "https://e.example/n",
         "publishedAt": "2024-03-06T10:00:00Z", "content": None, "description": None},
        "not an object",
    ]))
    items = list(read([path]))
    first, second = (item for item in items if isinstance(item, Document))
    assert (first.id, first.title, first.date, first.source) == (
        "news.example.org/world/nairobi-talks", "Ministers meet in Nairobi", "2024-03-05",
        "Example News")
    assert first.url == "https://news.example.org/world/nairobi-talks?utm_source=newsapi"
    assert first.text == MET + " Both sides praised"  # the API's "[+1520 chars]" left out
    assert second.text.startswith("Leaders of the two") and second.source == "Other Wire"
    assert [str(item) for item in items if isinstance(item, ReadError)] == [
        f"{path}:articles[2]: record has no text",
        f"{path}:articles[3]: not a JSON object (got string)",
    ]


def test_json_that_is_no_dump_is_skipped_and_broken_json_is_one_error(tmp_path: Path) -> None:
    cases = {"a.json": '{"status": "error", "code": "apiKeyInvalid"}', "b.json": "[1, ",
             "c.json": '{"articles": []}'}
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
    assert [str(item) for item in read([tmp_path])] == [
        f"{tmp_path / 'a.json'}: skipped (JSON but no news dump (no 'articles' list))",
        f"{tmp_path / 'b.json'}: not JSON (Expecting value at line 1 column 5)",
        f"{tmp_path / 'c.json'}: no articles",
    ]


def test_news_please_records_are_read_and_other_languages_skipped(tmp_path: Path) -> None:
    path = tmp_path / "cc-news.jsonl"
    records = [
        {"url": "https://news.example.org/2024/03/05/talks.html", "title": "Talks in Nairobi",
         "maintext": MET, "date_publish": "2024-03-05 09:00:00", "language": "en",
         "source_domain": "news.example.org", "authors": ["Jane Reporter"]},
        {"url": "https://zeitung.example/genf", "title": "Gespräche", "language": "de",
         "maintext": "Die Minister trafen sich in Genf.", "date_publish": "2024-03-05 09:00:00",
         "source_domain": "zeitung.example"},
        {"url": "https://news.example.org/empty", "title": "Empty", "maintext": None,
         "date_publish": None, "language": "en", "source_domain": "news.example.org"},
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    items = list(read([path]))
    [doc] = [item for item in items if isinstance(item, Document)]
    assert (doc.id, doc.date, doc.source, doc.language, doc.text) == (
        "news.example.org/2024/03/05/talks.html", "2024-03-05", "news.example.org", "en", MET)
    assert [(item.source, item.reason) for item in items if isinstance(item, Skipped)] == [
        (f"{path}:2", "not English (de)")]
    assert [str(item) for item in items if isinstance(item, ReadError)] == [
        f"{path}:3: record has no text"]


def test_plain_jsonl_records_keep_their_ids(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"url": "https://a.example/x", "text": MET}) + "\n")
    [doc] = read([path])
    assert isinstance(doc, Document) and doc.id == "mine-1" and doc.language is None


# -- the Wikinews corpus (JSON Lines) and CSV ---------------------------------------------


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
