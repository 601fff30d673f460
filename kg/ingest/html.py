"""HTML articles (``.html``, ``.htm``): the readable article text only.

``trafilatura`` finds the article and drops scripts, styles, navigation and comment
widgets; each paragraph, heading, list item and quote becomes its own block. Markup is
never executed or kept. Title, date and canonical URL come from the page metadata,
and a ``NAME.meta.yaml`` sidecar overrides them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree

from kg.ingest import meta
from kg.ingest.base import MAX_INPUT_BYTES, BadInput, ReadError, decode, read_limited
from kg.ingest.segment import assemble
from kg.records import Block, BlockKind, Document

MAX_HEADING_WORDS = 25  # a longer <h*> is a standfirst: segment it like a paragraph

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
# Labels that browsers read as Windows-1252 (the WHATWG Encoding Standard): pages that
# say Latin-1 or ASCII are most often Windows-1252, curly quotes and all.
_WINDOWS_1252 = {"iso88591", "latin1", "l1", "usascii", "ascii", "cp819", "ibm819",
                 "windows1252", "cp1252", "xcp1252"}
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
# A start tag longer than this is cut to its bare name: lxml and trafilatura take time
# quadratic in a tag's attributes (one <p> with 100,000 of them took 4.6 minutes), and no
# article's text hangs on such a tag (inline images, SVG paths, junk). [^<>] keeps it linear.
_LONG_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)[^<>]{10000,}>")
_CONTAINERS = {"body", "main", "div", "section", "list", "table", "quote"}
_BLOCKS = {"p", "head", "list", "item", "table", "row", "quote", "code", "div"}
# Page furniture pruned before extraction, where trafilatura's own lists let it through:
# figures and their captions ("Header Image: …"), bylines, asides (teasers, "read more").
_FURNITURE = [
    "//figure", "//figcaption", "//aside",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')]",
    "//*[contains(@class, 'byline') or contains(@class, 'author-name') or @rel='author']",
    "//*[contains(@class, 'related') or contains(@class, 'newsletter')]",
]


def decode_html(data: bytes, source: str, charset: str | None = None) -> str:
    """Decode HTML bytes: UTF-8 (BOM tolerated), else the charset the server sent
    (``charset``, from a Content-Type header) or the page declares, else the one
    :func:`kg.ingest.base.guess_encoding` finds.

    Raises ``BadInput`` with a one-line reason.

    >>> decode_html(b'<meta charset="iso-8859-1"><p>Orb\\xe1n</p>', "a.html")
    '<meta charset="iso-8859-1"><p>Orbán</p>'
    >>> decode_html("<p>Путин</p>".encode("cp1251"), "https://a.example/", "windows-1251")
    '<p>Путин</p>'
    """
    declared = _CHARSET.search(data[:4096])
    if not charset and declared:
        charset = declared.group(1).decode("ascii")
    charset = (charset or "").strip().strip("\"'").lower()
    label = charset.replace("-", "").replace("_", "")
    if label in ("", "utf8", "utf"):
        return decode(data, source)
    return decode(data, source, fallback="cp1252" if label in _WINDOWS_1252 else charset)


_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-z0-9_.:-]+)", re.IGNORECASE)


def header_charset(content_type: str) -> str | None:
    """The charset a Content-Type header names, if any.

    >>> header_charset("text/html; charset=Windows-1251"), header_charset("text/html")
    ('Windows-1251', None)
    """
    found = _HEADER_CHARSET.search(content_type)
    return found.group(1) if found else None


def _inline_text(el: etree._Element) -> str:
    """The text of an element, with ``<lb/>`` line breaks kept as newlines."""
    out = [el.text or ""]
    for child in el:
        out.append("\n" if child.tag == "lb" else _inline_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _cell_text(cell: etree._Element) -> str:
    """A table cell's text, its paragraphs and line breaks kept apart by a space (two names
    in one cell, "Elliot Ackerman<br>Saladin Ambar", are two names)."""
    out = [cell.text or ""]
    for child in cell:
        inner = _inline_text(child) if isinstance(child.tag, str) else ""
        out.append(f" {inner} " if child.tag in _BLOCKS or child.tag == "lb" else inner)
        out.append(child.tail or "")
    return "".join(out).replace("\n", " ")


def _parts(el: etree._Element) -> Iterator[tuple[str, BlockKind | None]]:
    """Article parts in document order: (text, kind or None to classify by shape)."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag == "graphic":
            continue
        if tag == "head":
            text = _inline_text(child)
            long = len(text.split()) > MAX_HEADING_WORDS
            yield text, None if long else BlockKind.HEADING
        elif tag == "row":
            cells = (" ".join(_cell_text(cell).split()) for cell in child)
            yield " | ".join(cell for cell in cells if cell), None
        elif tag in _CONTAINERS or any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in child):
            if (child.text or "").strip():
                yield child.text or "", None
            yield from _parts(child)
        else:
            yield _inline_text(child), None
        if el.tag in _CONTAINERS and (child.tail or "").strip():
            yield child.tail or "", None


@dataclass(frozen=True)
class Extracted:
    """An article found in a page: its text and blocks, and the page's metadata."""

    text: str
    blocks: tuple[Block, ...]
    title: str | None
    date: str | None
    url: str | None
    sitename: str | None
    language: str | None  # as the page declares it (``<html lang>``), if it does
    page_title: str | None = None  # the page's whole <title>, site name and all


def extract(html: str, *, url: str | None = None) -> Extracted | None:
    """The article of an HTML page through trafilatura; ``None`` if it has none.

    ``url`` (where the page was fetched) helps find its date and resolves its links.
    Figures, captions, bylines and asides are pruned before extraction; trafilatura drops
    navigation, related-article lists, teasers, newsletter boxes and comments.

    >>> found = extract("<html lang='en-GB'><article><h1>Talks resume</h1><figure><img src=a>"
    ...     "<figcaption>Header Image: the ministers</figcaption></figure>"
    ...     "<p>The foreign ministers met in Geneva on Monday to discuss a ceasefire.</p>"
    ...     "</article></html>")
    >>> found.language, [found.text[b.start:b.end][:16] for b in found.blocks]
    ('en-GB', ['Talks resume', 'The foreign mini'])
    """
    try:
        html = _LONG_TAG.sub(r"<\1>", _XML_DECLARATION.sub("", html, count=1))
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    language = (tree.get("lang") or "").strip()[:20] or None
    page_title = " ".join((tree.findtext(".//title") or "").split())[:500] or None
    found = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_images=False, include_tables=True,
        with_metadata=True, prune_xpath=_FURNITURE,
        date_extraction_params={"original_date": True, "extensive_search": True, "url": url},
    )
    body = getattr(found, "body", None)
    if not found or body is None:
        return None
    text, blocks = assemble(_parts(body))
    if not blocks:
        return None
    fields: dict[str, str] = {}
    for key in ("title", "date", "url"):
        with contextlib.suppress(BadInput):  # page metadata is a best guess: skip bad values
            fields.update(meta.clean({key: getattr(found, key, None)}))
    sitename = " ".join((getattr(found, "sitename", None) or "").split()) or None
    return Extracted(text, blocks, fields.get("title"), fields.get("date"), fields.get("url"),
                     sitename, language, page_title)


def read_html(path: Path, *, max_bytes: int = MAX_INPUT_BYTES
              ) -> Iterator[Document | ReadError]:
    """Read one HTML article.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "c.html"
    >>> _ = path.write_text("<title>Talks</title><nav>Home</nav><article><h1>Talks resume</h1>"
    ...     "<p>The foreign ministers met in Geneva on Monday to discuss a ceasefire.</p>"
    ...     "<p>They will meet again next week in Vienna, officials said.</p></article>")
    >>> doc = next(read_html(path))
    >>> doc.title, [doc.text[b.start:b.end][:14] for b in doc.blocks]
    ('Talks resume', ['Talks resume', 'The foreign mi', 'They will meet'])
    """
    try:
        html = decode_html(read_limited(path, max_bytes), str(path))
    except BadInput as e:
        yield ReadError(str(path), str(e))
        return
    try:
        side = meta.read_sidecar(path, max_bytes)
    except BadInput as e:
        yield ReadError(str(meta.sidecar_path(path)), str(e))
        return
    found = extract(html)
    if found is None:
        yield ReadError(str(path), "no article text found")
        return
    fields = {key: value for key in ("title", "date", "url")
              if (value := getattr(found, key)) is not None}
    fields.update(side or {})
    yield Document(
        id=fields.get("id") or path.stem,
        text=found.text,
        blocks=found.blocks,
        title=fields.get("title"),
        date=fields.get("date"),
        url=fields.get("url"),
        source=fields.get("source"),
        origin=str(path),
    )
