"""News feeds and sitemaps: the article links they list.

RSS, RDF and Atom feeds are read by feedparser; a JSON Feed (jsonfeed.org, plain JSON)
and an XML sitemap (``<urlset>``, which lists URLs only, or a ``<sitemapindex>`` of
sitemaps) are read here. Links are
resolved against the feed's own URL; an item without a link is left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser
from lxml import etree

_JSON_FEED = re.compile(rb'\A\s*\{[^{}]{0,2000}"version"\s*:\s*"https?://jsonfeed\.org/')
_XML_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF|urlset|sitemapindex)[\s>]", re.IGNORECASE)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
               "application/feed+json", "application/json")
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class Item:
    """One article a feed lists: its link, and the date and title the feed gives it."""

    url: str
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Feed:
    """A feed's title (the publisher, where the pages name none), its items, and the
    sitemaps a sitemap index lists."""

    title: str | None
    items: tuple[Item, ...]
    sitemaps: tuple[str, ...] = ()


def is_feed(content_type: str, body: bytes) -> bool:
    """Whether an answer is a feed or sitemap rather than a page: by its start, since
    servers send feeds as ``text/xml``, ``application/xml`` and even ``text/html``.

    >>> is_feed("text/xml", b'<?xml version="1.0"?><rss version="2.0"><channel>')
    True
    >>> is_feed("text/html", b"<!DOCTYPE html><html><body><p>x</p>")
    False
    """
    head = body[:4096]
    if _JSON_FEED.match(head):
        return True
    kind = content_type.split(";")[0].strip().lower()
    if kind in _FEED_TYPES[:3]:
        return True
    start = head.lstrip()[:1]
    return start == b"<" and not head.lstrip().lower().startswith((b"<!doctype html", b"<html")) \
        and _XML_FEED.search(head) is not None


def parse_feed(body: bytes, url: str) -> Feed:
    """The items of a feed or sitemap fetched from ``url``; ``ValueError`` if it is none.

    >>> rss = (b'<rss version="2.0"><channel><title>Example News</title><item><title>Talks'
    ...        b'</title><link>/world/talks</link><pubDate>Tue, 05 Mar 2024 09:00:00 GMT'
    ...        b'</pubDate></item></channel></rss>')
    >>> parse_feed(rss, "https://example.org/feed.xml")
    Feed(title='Example News', items=(Item(url='https://example.org/world/talks', \
title='Talks', date='2024-03-05'),), sitemaps=())
    """
    if _JSON_FEED.match(body[:4096]):
        return _json_feed(body, url)
    if _ENTITY.search(body):  # expat would expand a billion laughs before refusing them
        raise ValueError("declares XML entities (refused: no feed needs them)")
    if re.search(rb"<(?:urlset|sitemapindex)[\s>]", body[:4096]):
        return _sitemap(body, url)
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        problem = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")()
        raise ValueError(f"not a feed{f' ({problem})' if problem else ''}")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date().isoformat() \
            if stamp else None
        items.append(Item(urljoin(url, link), _text(entry.get("title")), date))
    return Feed(_text(parsed.feed.get("title")), tuple(items))


def _text(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _json_feed(body: bytes, url: str) -> Feed:
    try:
        data = json.loads(body)
    except ValueError as error:
        raise ValueError(f"not a JSON feed ({error})") from None
    entries = data.get("items") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError("not a JSON feed (no 'items' list)")
    items = []
    for entry in entries:
        link = entry.get("url") or entry.get("external_url") if isinstance(entry, dict) else None
        if not isinstance(link, str) or not link:
            continue
        published = entry.get("date_published") or entry.get("date_modified")
        date = published[:10] if isinstance(published, str) and \
            re.match(r"\d{4}-\d\d-\d\d", published) else None
        items.append(Item(urljoin(url, link), _text(entry.get("title")), date))
    return Feed(_text(data.get("title")), tuple(items))


def _sitemap(body: bytes, url: str) -> Feed:
    """A sitemap's URLs, or a sitemap index's sitemaps.

    >>> index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    ...          b'<sitemap><loc>/news-1.xml</loc></sitemap></sitemapindex>')
    >>> _sitemap(index, "https://example.org/sitemap.xml").sitemaps
    ('https://example.org/news-1.xml',)
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"not a sitemap ({error})") from None
    items, sitemaps = [], []
    for entry in root.iter(f"{_SITEMAP}url", f"{_SITEMAP}sitemap"):
        loc = (entry.findtext(f"{_SITEMAP}loc") or "").strip()
        if not loc:
            continue
        if entry.tag == f"{_SITEMAP}sitemap":
            sitemaps.append(urljoin(url, loc))
            continue
        modified = (entry.findtext(f"{_SITEMAP}lastmod") or "").strip()
        date = modified[:10] if re.match(r"\d{4}-\d\d-\d\d", modified) else None
        items.append(Item(urljoin(url, loc), None, date))
    return Feed(None, tuple(items), tuple(sitemaps))
