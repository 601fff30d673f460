"""A web page (fetched, or from an archive) becomes a ``Document``, or is skipped with a reason.

The article text and metadata come from :func:`kg.ingest.html.extract` (trafilatura, and
htmldate for the date, with the URL as a hint). On top of it: the title without the site's
name ("Talks resume | DW | 19.01.2020" is "Talks resume"), the URL's own date as a check on
the page's (a date in the path is set when the article is published and never moves; a
page's visible date may be that of an update), the publisher (the site's name, else its
host), the language (py3langid on the text), and the document id, which is the canonical
URL without its scheme, so the same article reached by two links is one article.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from kg.ingest.base import Skipped
from kg.records import Document

# courlan, py3langid (numpy) and the page extractor (kg.ingest.html: trafilatura, lxml) are
# imported where they are used: the readers of files ask this module for document ids and
# languages, and a build of JSONL records never needs them.

LANGUAGES = frozenset({"en"})
"""The languages kg reads; pages in others are skipped (with a count) until it reads them."""
MIN_PARAGRAPH_WORDS = 20
"""A page whose longest paragraph is shorter is no article (an index, a gallery, a form)."""

_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/._-]|$)")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|•·»–—:]|-{1,2}|::)\s+")
_DATE_LIKE = re.compile(r"[\d\s./-]+")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def canonical_url(url: str) -> str:
    """The URL an article is known by: lowercase host, no default port, no fragment, no
    tracking parameters (``utm_*``, ``fbclid``…).

    >>> canonical_url("HTTPS://News.Example.org:443/world/talks?utm_source=rss#top")
    'https://news.example.org/world/talks'
    """
    import courlan

    try:
        return courlan.normalize_url(url, strict=True)
    except ValueError:  # courlan refuses what urllib cannot split: keep it as it is
        return url


def document_id(url: str) -> str:
    """The document id of the article at ``url``: its canonical URL without the scheme.

    >>> document_id("https://www.example.org/2024/03/05/talks-resume/?utm_medium=feed")
    'www.example.org/2024/03/05/talks-resume/'
    """
    return canonical_url(url).split("://", 1)[-1]


def url_date(url: str) -> str | None:
    """The publication date written in a URL's path, if it has one.

    >>> url_date("https://example.org/world/2020/01/19/talks-resume.html")
    '2020-01-19'
    >>> url_date("https://example.org/world/talks-resume") is None
    True
    """
    found = _URL_DATE.search(urlsplit(url).path)
    if found is None:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups())).isoformat()
    except ValueError:  # 2021/02/30
        return None


def clean_title(title: str | None, sitename: str | None, url: str) -> str | None:
    """A headline without the site's name, section or date that pages add to ``<title>``.

    Of the parts a separator splits, those that name the site (its name, its domain, or
    up to three words starting with the domain's name: "Example News"), or look like a
    date, are dropped, and the longest part left is the headline; where none is, the
    separators are the headline's own. A title that is one lowercase word is a CMS's name
    ("escenic"), no headline.

    >>> clean_title("Ministers meet in Geneva | DW | 19.01.2020", "DW", "https://www.dw.com/a")
    'Ministers meet in Geneva'
    >>> clean_title("Example News - Talks resume", None, "https://news.example.org/a")
    'Talks resume'
    >>> clean_title("Commission meets in Brussels | BBC News", None, "https://www.bbc.co.uk/a")
    'Commission meets in Brussels'
    >>> clean_title("Brexit - what happens now", None, "https://news.example.org/a")
    'Brexit - what happens now'
    >>> clean_title("escenic", None, "https://example.org/") is None
    True
    """
    if not title:
        return None
    parts = [part.strip() for part in _TITLE_SEPARATORS.split(title)]
    if len(parts) > 1:
        names = _site_names(sitename, url)
        kept = [part for part in parts if part and not _DATE_LIKE.fullmatch(part)
                and not _names_site(part, names)]
        if not kept:
            return None
        if len(kept) < len(parts):  # else the separators are the headline's own
            title = max(kept, key=len)
    if " " not in title and title.islower():
        return None
    return title


def _whole_title(title: str | None, page_title: str | None) -> str | None:
    """The page's whole ``<title>`` where trafilatura's title is one part of it: its own
    pick may be the site's part ("Example News" of "Example News - Talks resume")."""
    if title and page_title and title != page_title and title in page_title:
        return page_title
    return title


def _site_names(sitename: str | None, url: str) -> set[str]:
    """The site's name and its domain, folded (lowercase, no spaces): "dw", "dw.com"."""
    import courlan

    domain = courlan.extract_domain(url) or urlsplit(url).hostname or ""
    names = {_fold(sitename or ""), _fold(domain), _fold(domain.split(".")[0])}
    return {name for name in names if len(name) >= 2}


def _names_site(part: str, names: set[str]) -> bool:
    folded = _fold(part)
    if folded in names:
        return True
    return len(part.split()) <= 3 and any(folded.startswith(name) for name in names)


def _fold(text: str) -> str:
    return "".join(text.lower().split()).removeprefix("the")


def language(text: str) -> str:
    """The language of ``text`` (ISO 639-1), by py3langid on its first 3,000 characters.

    >>> language("The foreign ministers met in Geneva on Monday to discuss a ceasefire.")
    'en'
    >>> language("Die Außenminister trafen sich am Montag in Genf, um über Frieden zu reden.")
    'de'
    """
    import py3langid

    code, _ = py3langid.classify(text[:3000])
    return str(code)


def is_html(content_type: str, body: bytes) -> bool:
    """Whether an answer is an HTML page, by its media type or, without one, its start.

    >>> is_html("text/html; charset=utf-8", b""), is_html("", b"<!DOCTYPE html><p>x")
    (True, True)
    >>> is_html("image/png", b"\\x89PNG")
    False
    """
    kind = content_type.split(";")[0].strip().lower()
    if kind:
        return kind in _HTML_TYPES
    return body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html"))


def page_document(body: bytes, url: str, *, origin: str, content_type: str = "",
                  date: str | None = None, publisher: str | None = None) -> Document | Skipped:
    """The article of a page fetched from ``url``, or why it is skipped.

    ``content_type`` is the server's header (its charset decodes the page); ``date`` and
    ``publisher`` (from a feed, say) are used where the page gives none.
    Raises ``BadInput`` for a page that cannot be decoded.

    >>> html = ("<html><head><title>Talks resume in Geneva | Example News</title></head><body>"
    ...     "<nav>Home World</nav><article><h1>Talks resume in Geneva</h1><p>The foreign "
    ...     "ministers of both countries met in Geneva on Monday to discuss a ceasefire and the "
    ...     "exchange of prisoners.</p></article></body></html>").encode()
    >>> doc = page_document(html, "https://example.org/2024/03/05/talks?utm_source=x", origin="t")
    >>> doc.id, doc.title, doc.date, doc.source, doc.language
    ('example.org/2024/03/05/talks', 'Talks resume in Geneva', '2024-03-05', 'example.org', 'en')
    """
    from kg.ingest.html import decode_html, extract, header_charset

    found = extract(decode_html(body, url, header_charset(content_type)), url=url)
    if found is None:
        return Skipped(origin, "no article text")
    paragraphs = [found.text[b.start:b.end] for b in found.blocks if b.kind == "paragraph"]
    if max((len(p.split()) for p in paragraphs), default=0) < MIN_PARAGRAPH_WORDS:
        return Skipped(origin, "not an article (no paragraph of 20 words)")
    code = language("\n".join(paragraphs))
    if code not in LANGUAGES:
        return Skipped(origin, f"not English ({code})")
    address = url
    if found.url and urlsplit(found.url).hostname == urlsplit(url).hostname:
        address = found.url  # the page's canonical link, on its own site only
    address = canonical_url(address)
    host = urlsplit(address).hostname or ""
    return Document(
        id=document_id(address),
        text=found.text,
        blocks=found.blocks,
        title=clean_title(_whole_title(found.title, found.page_title), found.sitename, address),
        date=url_date(address) or found.date or date,
        url=address,
        source=found.sitename or publisher or host.removeprefix("www."),
        language=code,
        origin=origin,
    )

