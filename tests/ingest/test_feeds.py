"""Web pages and feeds built into a store: clean article text, the cache, ``kg update``."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

import kg
from ingest.site import (
    FURNITURE,
    Site,
    article_page,
    article_paragraphs,
    article_path,
    article_title,
    index_page,
    rss,
)
from kg.graph.store import Store
from kg.ingest import Skipped, read
from kg.ingest.feeds import Feed, Item, is_feed, parse_feed
from kg.ingest.web import Web
from kg.records import Document

GERMAN = ("<html lang='de'><head><title>Gespräche in Genf</title></head><body><article>"
          "<h1>Gespräche in Genf</h1><p>Die Außenminister beider Länder trafen sich am Montag "
          "in Genf, um über eine Waffenruhe an der umstrittenen Grenze und die Freilassung der "
          "Gefangenen zu sprechen.</p></article></body></html>").encode()


def publish(site: Site, numbers: list[int], feed: str = "/feed.xml") -> None:
    for n in numbers:
        site.page(article_path(n), article_page(n))
    site.page(feed, rss(site.base, numbers), "application/rss+xml")


def web(cache: Path, **options: object) -> Web:
    return Web.beside("unused", cache, delay=0.0, backoff=0.01, **options)


def known_text(n: int) -> str:
    return "\n".join(article_paragraphs(n))


def evidence(store: Store) -> dict[str, list[str]]:
    """Each article's evidence sentences."""
    rows = store.query("SELECT ?id ?text WHERE { GRAPH ?g { ?a a dip:Article ; "
                       "dip:documentId ?id . ?s a dip:Sentence ; dip:text ?text } }")
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["id"].value, []).append(row["text"].value)
    return found


def test_a_page_is_read_with_its_metadata_and_without_its_furniture(
        site: Site, tmp_path: Path) -> None:
    site.page(article_path(3), article_page(3))
    with web(tmp_path) as session:
        [doc] = list(read([f"{site.base}{article_path(3)}?utm_source=x"], web=session))
    assert isinstance(doc, Document)
    assert doc.id == f"127.0.0.1:{site.base.rsplit(':', 1)[1]}{article_path(3)}"
    assert doc.title == article_title(3)  # not "… | Example News | 04.03.2024"
    assert (doc.date, doc.source, doc.language) == ("2024-03-04", "Example News", "en")
    assert doc.url == f"{site.base}{article_path(3)}"
    for paragraph in article_paragraphs(3):
        assert paragraph in doc.text
    for furniture in FURNITURE:
        assert furniture not in doc.text, furniture
    assert "Elliot Ackerman Saladin Ambar" in doc.text  # table cells kept apart


def test_a_feed_builds_every_item_and_a_second_build_fetches_nothing(
        site: Site, tmp_path: Path) -> None:
    publish(site, list(range(6)))
    store = Store(tmp_path / "store")
    with web(tmp_path / "cache") as session:
        report = kg.build([f"{site.base}/feed.xml"], store=store, web=session)
    assert report.errors == [] and len(report.written) == 6
    sentences = evidence(store)
    assert len(sentences) == 6
    for doc_id, texts in sentences.items():
        n = int(doc_id.rsplit("-", 1)[1])
        for text in texts:  # every evidence sentence is from the article, none from furniture
            assert text in known_text(n), text
    requests = len(site.log)
    with web(tmp_path / "cache") as session:
        again = kg.build([f"{site.base}/feed.xml"], store=store, web=session)
        assert session.fetcher.stats.fetched == 0 and session.fetcher.stats.cached == 7
    assert len(site.log) == requests  # not even robots.txt
    assert again.written == [] and len(again.unchanged) == 6


def test_feeds_are_deduplicated_by_url_and_by_text(site: Site, tmp_path: Path) -> None:
    publish(site, [1, 2, 3])
    site.page("/copy/of-2", article_page(2))  # the same story at another address
    site.page("/feed2.xml", rss(site.base, [2, 3], extra=["/copy/of-2"]), "application/rss+xml")
    with web(tmp_path) as session:
        items = list(read([f"{site.base}/feed.xml", f"{site.base}/feed2.xml"], web=session))
    docs = [item for item in items if isinstance(item, Document)]
    skipped = [item.reason for item in items if isinstance(item, Skipped)]
    assert len(docs) == 3
    assert sorted(skipped) == ["already read (same URL)"] * 2 + ["already read (same text)"]
    assert site.hits("/world") == 3  # a URL listed twice is fetched once


def test_pages_that_are_no_article_or_not_english_are_skipped_with_a_count(
        site: Site, tmp_path: Path) -> None:
    publish(site, [1])
    site.page("/world", index_page([article_path(1)]))
    site.page("/de/genf", GERMAN)
    site.page("/logo.png", b"\x89PNG\r\n", "image/png")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# the morning's reading\n{site.base}{article_path(1)}\n\n"
                    f"{site.base}/world\n{site.base}/de/genf\n{site.base}/logo.png\n"
                    f"{site.base}/gone\nnot a url\n")
    with web(tmp_path / "cache") as session:
        items = list(read([urls], web=session))
    assert [item.id for item in items if isinstance(item, Document)] == [
        f"{site.base.split('://')[1]}{article_path(1)}"]
    assert sorted(item.reason for item in items if isinstance(item, Skipped)) == [
        "not English (de)", "not HTML (image/png)", "not an article (no paragraph of 20 words)"]
    assert [str(item) for item in items if not isinstance(item, (Document, Skipped))] == [
        f"{site.base}/gone: HTTP 404", f"{urls}:8: not an http(s) URL"]


def kg_cli(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *map(str, args), "--delay", "0", "-q"],
                          capture_output=True, text=True, timeout=300)


def test_kg_update_reads_the_feeds_again_and_adds_the_new_item(
        site: Site, tmp_path: Path) -> None:
    publish(site, [1, 2])
    store = tmp_path / "store"
    first = kg_cli("build", f"{site.base}/feed.xml", "--store", store)
    assert first.returncode == 0, first.stderr
    book = (tmp_path / "store.cache" / "sources.json").read_text()  # the default, beside
    assert f'"{site.base}/feed.xml"' in book and '"kind": "feed"' in book
    publish(site, [1, 2, 9])
    before = site.hits(article_path(1)), site.hits("/feed.xml")
    result = kg_cli("update", "--store", store)
    assert result.returncode == 0, result.stderr
    assert "1 articles built, 2 unchanged" in result.stdout
    assert "web: 2 fetched, 2 from the cache" in result.stdout  # the feed anew, the new page
    assert site.hits(article_path(1)) == before[0]  # old pages come from the cache
    assert site.hits("/feed.xml") == before[1] + 1
    assert f"{site.base.split('://')[1]}{article_path(9)}" in Store(store).fingerprints()


def test_kg_build_cli_summary_and_exit_code(site: Site, tmp_path: Path) -> None:
    publish(site, [4])
    site.page("/de/genf", GERMAN)
    result = kg_cli("build", f"{site.base}{article_path(4)}", f"{site.base}/de/genf",
                    f"{site.base}/missing", "--store", tmp_path / "s")
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {site.base}/missing: HTTP 404"
    lines = result.stdout.splitlines()
    assert lines[0] == "web: 2 fetched, 0 from the cache, 0 unchanged (304), 1 failed (1 HTTP 404)"
    assert lines[1] == "skipped: 1 (1 not English (de))"
    assert lines[2].startswith("1 articles built, 0 unchanged")


@pytest.mark.slow
def test_a_site_of_fifty_pages_builds_clean_and_is_not_fetched_twice(
        site: Site, tmp_path: Path) -> None:
    numbers = list(range(50))
    publish(site, numbers)
    store = Store(tmp_path / "store")
    started = time.monotonic()
    with Web.beside(store, delay=0.0) as session:
        report = kg.build([f"{site.base}/feed.xml"], store=store, web=session)
    seconds = time.monotonic() - started
    assert report.errors == [] and len(report.written) == 50, report.errors
    sentences = evidence(store)
    assert len(sentences) == 50
    leaked = [text for doc_id, texts in sentences.items() for text in texts
              if text not in known_text(int(doc_id.rsplit("-", 1)[1]))]
    assert leaked == []
    print(f"50 pages fetched and built in {seconds:.1f} s")
    requests = len(site.log)
    with Web.beside(store, delay=0.0) as session:
        again = kg.build([f"{site.base}/feed.xml"], store=store, web=session)
    assert len(site.log) == requests and len(again.unchanged) == 50


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire</title>
<entry><title>Talks resume</title><link href="/world/a" rel="alternate"/>
<updated>2024-03-05T09:00:00Z</updated></entry>
<entry><title>No link</title><updated>2024-03-05T09:00:00Z</updated></entry></feed>"""
JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "Example JSON",
 "items": [{"id": "1", "url": "https://news.example.org/b", "title": "Summit",
            "date_published": "2024-03-06T10:00:00+01:00"}, {"id": "2"}]}"""
SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example.org/c</loc><lastmod>2024-03-07</lastmod></url></urlset>"""


@pytest.mark.parametrize(("body", "content_type", "expected"), [
    (ATOM, "application/atom+xml",
     Feed("Example Wire", (Item("https://news.example.org/world/a", "Talks resume",
                                "2024-03-05"),))),
    (JSON_FEED, "application/feed+json",
     Feed("Example JSON", (Item("https://news.example.org/b", "Summit", "2024-03-06"),))),
    (SITEMAP, "text/xml", Feed(None, (Item("https://news.example.org/c", None, "2024-03-07"),))),
])
def test_atom_json_feed_and_sitemaps_give_their_links(body: bytes, content_type: str,
                                                      expected: Feed) -> None:
    assert is_feed(content_type, body)
    assert parse_feed(body, "https://news.example.org/feed") == expected


def test_a_json_feed_served_by_the_site_is_built(site: Site, tmp_path: Path) -> None:
    site.page(article_path(5), article_page(5))
    site.page("/feed.json", (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "Example News", "items": '
        f'[{{"id": "5", "url": "{site.base}{article_path(5)}"}}]}}').encode(),
        "application/feed+json")
    with web(tmp_path) as session:
        [doc] = list(read([f"{site.base}/feed.json"], web=session))
    assert isinstance(doc, Document) and article_paragraphs(5)[1] in doc.text


def test_a_sitemap_index_is_followed_once(site: Site, tmp_path: Path) -> None:
    site.page(article_path(6), article_page(6))
    site.page("/sitemap.xml", (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>/news-sitemap.xml</loc></sitemap>"
        b"<sitemap><loc>/sitemap.xml</loc></sitemap></sitemapindex>"), "text/xml")
    site.page("/news-sitemap.xml", (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{site.base}{article_path(6)}</loc></url></urlset>").encode(), "text/xml")
    with web(tmp_path) as session:
        [doc] = list(read([f"{site.base}/sitemap.xml"], web=session))
    assert isinstance(doc, Document) and doc.url == f"{site.base}{article_path(6)}"
    assert site.hits("/sitemap.xml") == 1 and site.hits("/news-sitemap.xml") == 1


def test_a_copy_met_in_a_later_build_is_skipped_by_its_text(site: Site, tmp_path: Path) -> None:
    """The sources book keeps the digests of the texts built, so a copy of an article at
    another address, met in a later build, is skipped; the article itself is read again."""
    publish(site, [1, 2])
    with web(tmp_path) as session:
        first = list(read([f"{site.base}/feed.xml"], web=session))
    assert sum(isinstance(item, Document) for item in first) == 2
    site.page("/mirror/talks-2", article_page(2))
    site.page("/mirror.xml", rss(site.base, [1], extra=["/mirror/talks-2"]),
              "application/rss+xml")
    with web(tmp_path) as session:
        later = list(read([f"{site.base}/mirror.xml"], web=session))
    assert [type(item).__name__ for item in later] == ["Document", "Skipped"]
    assert later[1].reason == "already read (same text)"


def test_the_charset_the_server_sends_decodes_the_page(site: Site, tmp_path: Path) -> None:
    """No charset in the page, Central European bytes: the Content-Type header's charset
    reads them (a guess could take them for Windows-1252: "£ódŸ")."""
    text = (" ".join(article_paragraphs(2)) + " The next round will be held in Łódź, Poland, "
            "in the spring.")
    page = f"<html><body><article><h1>Talks</h1><p>{text}</p></article></body></html>"
    site.page("/pl/talks", page.encode("iso-8859-2"), "text/html; charset=ISO-8859-2")
    with web(tmp_path) as session:
        [doc] = list(read([f"{site.base}/pl/talks"], web=session))
    assert isinstance(doc, Document) and "held in Łódź, Poland" in doc.text
