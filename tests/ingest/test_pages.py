"""Page furniture without the classes that give it away, and titles with the site's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.site import article_paragraphs
from kg.ingest import read
from kg.ingest.page import page_document
from kg.records import Document


def test_furniture_in_plain_paragraphs_is_left_out(tmp_path: Path) -> None:
    """A byline, a caption and a newsletter line as plain <p> inside the article (no class
    names for trafilatura to see), and names in one table cell: the article text only."""
    body = "".join(f"<p>{p}</p>" for p in article_paragraphs(4))
    (tmp_path / "a.html").write_text(
        "<html><head><title>Talks resume in Vienna | Example News | 05.03.2024</title></head>"
        "<body><article><h1>Talks resume in Vienna</h1>"
        "<p>By Jane Reporter, Diplomatic Correspondent</p>"
        "<p>Header Image: The delegations shake hands before the talks</p>"
        f"{body}<p>Sign up for our daily newsletter to get the top stories</p>"
        "<table><tr><td>Elliot Ackerman<br>Saladin Ambar</td><td>Observers</td></tr></table>"
        "</article></body></html>")
    [doc] = read([tmp_path / "a.html"])
    assert isinstance(doc, Document)
    blocks = [doc.text[b.start:b.end] for b in doc.blocks]
    assert blocks == ["Talks resume in Vienna", *article_paragraphs(4),
                      "Elliot Ackerman Saladin Ambar | Observers"]


@pytest.mark.parametrize(("title", "headline"), [
    ("Ministers meet in Geneva | DW | 19.01.2020", "Ministers meet in Geneva"),
    ("Example News - Talks resume in Vienna", "Talks resume in Vienna"),  # trafilatura: the
    ("Brexit - what happens now", "Brexit - what happens now"),  # site's half; no site here
    ("escenic", None),  # a CMS's name is no headline
])
def test_titles_lose_the_site_name_only(title: str, headline: str | None) -> None:
    page = (f"<html><head><title>{title}</title></head><body><div class='content'>"
            f"{''.join(f'<p>{p}</p>' for p in article_paragraphs(1))}</div></body></html>")
    doc = page_document(page.encode(), "https://news.example.org/a/1", origin="t")
    assert isinstance(doc, Document) and doc.title == headline
