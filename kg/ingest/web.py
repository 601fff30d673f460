"""News from the web: URLs, lists of URLs (``urls.txt``) and feeds, read into documents.

A :class:`Web` holds what one build needs for it: the :class:`~kg.ingest.fetch.Fetcher`
(with its cache), the store's :class:`~kg.ingest.sources.Sources` book, and what the build
has met so far. A URL is fetched; a feed or sitemap gives the article links it lists, each
read like a URL; a page becomes a document (:func:`~kg.ingest.page.page_document`) or is
skipped with a reason. Articles are deduplicated across feeds and lists by their canonical
URL (which is their id) and by a digest of their text: the second copy is skipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.graph.store import Store, is_remote
from kg.ingest.base import BadInput, ReadError, Skipped, open_input, os_error, read_line
from kg.ingest.fetch import Fetcher, FetchError, Page
from kg.ingest.sources import FILE_NAME, Sources
from kg.ingest.urls import is_url
from kg.records import Document

if TYPE_CHECKING:
    from kg.ingest import feeds

REMOTE_CACHE = "kg-cache"
"""The fetch cache of a store on a SPARQL server: this folder in the working directory."""
_MAX_URL = 8192

Item = Document | ReadError | Skipped


def cache_for(store: Store | str | Path) -> Path:
    """The fetch cache folder of a store: ``NAME.cache`` beside a store folder.

    >>> cache_for("data/kg-data"), cache_for("http://127.0.0.1:7878/sparql")
    (PosixPath('data/kg-data.cache'), PosixPath('kg-cache'))
    """
    location = store.location if isinstance(store, Store) else store
    if is_remote(str(location)):
        return Path(REMOTE_CACHE)
    folder = Path(location)
    return folder.with_name(f"{folder.name}.cache")


def text_digest(text: str) -> str:
    """A digest of an article's words, blind to spacing and case: the same story copied.

    >>> text_digest("They  met.\\n") == text_digest("they met.")
    True
    """
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()[:32]


class Web:
    """One build's access to the web: fetching, the sources book, deduplication.

    ``refresh`` reads the feeds again even if cached (``kg update``); ``on_fetch`` is
    called with each URL once it is fetched or found in the cache (a progress bar).

    >>> import tempfile
    >>> web = Web(Fetcher(None))
    >>> [str(item) for item in web.read_url("gopher://example.org/")]
    ['gopher://example.org/: not an http(s) URL']
    """

    def __init__(self, fetcher: Fetcher, sources: Sources | None = None, *,
                 refresh: bool = False, on_fetch: Callable[[str], None] | None = None) -> None:
        self.fetcher = fetcher
        self.sources = sources
        self.refresh = refresh
        self.on_fetch = on_fetch
        self._seen: set[str] = set()  # document ids read in this build
        self._digests: dict[str, str] = {}  # text digest → document id, this build
        self._feeds: set[str] = set()  # feeds and sitemaps read in this build

    @classmethod
    def beside(cls, store: Store | str | Path, cache: Path | None = None, **options: object
               ) -> Web:
        """A web session whose cache and sources book are ``cache`` (default: beside the
        store, :func:`cache_for`); ``options`` go to the :class:`Fetcher`.

        ``ValueError`` if the sources book cannot be read.
        """
        folder = cache if cache is not None else cache_for(store)
        return cls(Fetcher(folder, **options), Sources.load(folder / FILE_NAME))  # type: ignore[arg-type]

    def __enter__(self) -> Web:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Save the sources book and close the connections."""
        try:
            if self.sources is not None:
                self.sources.save()
        finally:
            self.fetcher.close()

    def _get(self, url: str, *, refresh: bool = False) -> Page | ReadError:
        try:
            return self.fetcher.get(url, refresh=refresh)
        except FetchError as error:
            return ReadError(url, error.reason)
        finally:
            if self.on_fetch:
                self.on_fetch(url)

    def read_url(self, url: str) -> Iterator[Item]:
        """The article at ``url``, or the articles of the feed or sitemap at ``url``."""
        # Imported for the first URL: the feed and page readers (lxml, trafilatura, the
        # language identifier) take a third of a second, which a build of files never needs.
        from kg.ingest import feeds

        known = self.sources.kind(url) if self.sources is not None else None
        page = self._get(url, refresh=self.refresh and known == "feed")
        if isinstance(page, ReadError):
            yield page
            return
        if not feeds.is_feed(page.content_type, page.body):
            item = self._article(page, url)
            if self.sources is not None and not isinstance(item, ReadError):
                self.sources.saw(url, "page")
            yield item
            return
        try:
            feed = feeds.parse_feed(page.body, page.final_url)
        except ValueError as error:
            yield ReadError(url, str(error)[:160])
            return
        if self.sources is not None:
            self.sources.saw(url, "feed")
        self._feeds.add(url)
        for entry in feed.items:
            yield from self._item(entry, feed.title)
        for sitemap in feed.sitemaps:  # a sitemap index: each of its sitemaps, once
            if sitemap not in self._feeds:
                self._feeds.add(sitemap)
                yield from self.read_url(sitemap)

    def _item(self, entry: feeds.Item, publisher: str | None) -> Iterator[Item]:
        from kg.ingest.page import document_id

        if document_id(entry.url) in self._seen:
            yield Skipped(entry.url, "already read (same URL)")
            return
        page = self._get(entry.url)
        if isinstance(page, ReadError):
            yield page
            return
        yield self._article(page, entry.url, date=entry.date, publisher=publisher)

    def _article(self, page: Page, origin: str, *, date: str | None = None,
                 publisher: str | None = None) -> Item:
        from kg.ingest.page import is_html, page_document

        if not is_html(page.content_type, page.body):
            kind = page.content_type.split(";")[0].strip() or "unknown type"
            return Skipped(origin, f"not HTML ({kind})")
        try:
            item = page_document(page.body, page.final_url, origin=origin,
                                 content_type=page.content_type, date=date, publisher=publisher)
        except BadInput as error:
            return ReadError(origin, str(error))
        return item if isinstance(item, Skipped) else self.first_copy(item)

    def first_copy(self, document: Document) -> Document | Skipped:
        """``document``, unless this build or an earlier one (by the sources book) read the
        same article: the same canonical URL, or the same text at another URL."""
        if document.id in self._seen:
            return Skipped(document.origin or document.id, "already read (same URL)")
        digest = text_digest(document.text)
        known = self._digests.setdefault(digest, document.id)
        if self.sources is not None and known == document.id:
            known = self.sources.remember(digest, document.id)
        if known != document.id:
            return Skipped(document.origin or document.id, "already read (same text)")
        self._seen.add(document.id)
        return document

    def read_url_list(self, path: Path, max_bytes: int) -> Iterator[Item]:
        """The articles of every URL listed in ``path`` (see :func:`is_url_list`)."""
        try:
            handle = open_input(path)
        except BadInput as error:
            yield ReadError(str(path), str(error))
            return
        with handle:
            number = 0
            while True:
                number += 1
                try:
                    raw = read_line(handle, min(max_bytes, _MAX_URL))
                except BadInput:
                    yield ReadError(f"{path}:{number}", f"line too long for a URL (over "
                                                        f"{_MAX_URL // 1024} KB)")
                    continue
                except OSError as error:
                    yield ReadError(f"{path}:{number}", os_error(error))
                    return
                if not raw:
                    return
                line = raw.decode("utf-8", "replace").strip()
                if not line or line.startswith("#"):
                    continue
                if not is_url(line) or " " in line:
                    yield ReadError(f"{path}:{number}", "not an http(s) URL")
                    continue
                yield from self.read_url(line)
