"""HTML articles (kg.ingest.html): the article's text, never its scripts, styles or chrome."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read
from kg.records import BlockKind

from .documents import check_blocks, only, pairs, texts

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
