"""Polite, cached HTTP fetching of web pages and feeds.

A :class:`Fetcher` gets one URL at a time with ``httpx``: it names kg and its version in
its User-Agent, asks each host's ``robots.txt`` first (RFC 9309: a missing one allows
everything, an unreachable one nothing) and keeps its ``Crawl-delay``, waits ``delay``
seconds between two requests to one host, gives up on a response after ``timeout``
seconds, retries a 429, a 5xx or a broken connection with exponential backoff (or the
``Retry-After`` the server asked for), follows redirects itself (each hop is checked
against robots.txt and rate-limited like any request) and reads no body past ``max_bytes``.

Every successful answer is kept in an on-disk cache keyed by the URL asked, written
atomically, so a rebuild or a retry after a failure never fetches a page twice; only a
``refresh`` (a feed read again by ``kg update``) goes back to the server, with the cached
copy's ``ETag`` and ``Last-Modified`` so an unchanged feed costs a 304. Failures are not
cached: the next run tries them again.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.robotparser
from collections import Counter
from dataclasses import asdict, dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin, urlsplit

from kg.version import __version__

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"kg/{__version__} (knowledge graph of diplomacy news; +https://w3id.org/kg-diplomacy)"
"""What kg calls itself to web servers; robots.txt rules for ``kg`` apply to it."""
ROBOT_NAME = "kg"
MAX_PAGE_MB = 5
"""The default cap on one fetched body, in MB (decoded); far above any article page."""
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_WAIT = 60.0  # seconds: the longest Retry-After or Crawl-delay obeyed


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` is short and groups like failures.

    >>> print(FetchError("http://a.example/x", "HTTP 404"))
    http://a.example/x: HTTP 404
    """

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class Page:
    """One fetched (or cached) answer: the body and what the headers said about it."""

    url: str  # as asked (the cache key)
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes = field(repr=False)
    etag: str = ""
    last_modified: str = ""
    cached: bool = False


@dataclass
class FetchStats:
    """What a fetcher did: network fetches, cache hits, 304s, and failures by reason."""

    fetched: int = 0
    cached: int = 0
    not_modified: int = 0
    requests: int = 0  # every request sent, robots.txt, retries and redirects included
    failed: Counter[str] = field(default_factory=Counter)


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date), if any.

    >>> _retry_after("3"), _retry_after(None)
    (3.0, None)
    """
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class Fetcher:
    """Fetch URLs politely, through a cache in ``cache`` (``None``: no cache).

    Proxies come from the environment (``HTTPS_PROXY``, ``NO_PROXY``), as httpx reads them.

    >>> import tempfile
    >>> with Fetcher(Path(tempfile.mkdtemp())) as fetcher:
    ...     fetcher.get("ftp://example.org/a")
    Traceback (most recent call last):
    kg.ingest.fetch.FetchError: ftp://example.org/a: not an http(s) URL
    """

    def __init__(self, cache: Path | None, *, delay: float = 1.0, timeout: float = 20.0,
                 retries: int = 3, backoff: float = 1.0, max_bytes: int = MAX_PAGE_MB << 20,
                 max_redirects: int = 5, user_agent: str = USER_AGENT) -> None:
        self.cache = cache
        self.delay, self.retries, self.backoff = delay, retries, backoff
        self.max_bytes, self.max_redirects = max_bytes, max_redirects
        self.timeout = timeout
        self.stats = FetchStats()
        self.user_agent = user_agent
        self._http: httpx.Client | None = None  # made on the first fetch: a build of files
        # makes none (its TLS setup costs a tenth of a second)
        # host → its robots.txt rules, or why it has none (kg then fetches nothing there)
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self._last: dict[str, float] = {}  # host → monotonic time of its last request

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connections."""
        if self._http is not None:
            self._http.close()

    @property
    def _client(self) -> httpx.Client:
        if self._http is None:
            import httpx  # imported for the first fetch: a build of files needs none of it

            self._http = httpx.Client(
                headers={"User-Agent": self.user_agent}, timeout=httpx.Timeout(self.timeout),
                follow_redirects=False)
        return self._http

    # -- the cache ------------------------------------------------------------------------

    def _paths(self, url: str) -> tuple[Path, Path]:
        assert self.cache is not None
        key = _key(url)
        folder = self.cache / "pages" / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def cached(self, url: str) -> Page | None:
        """The cached answer for ``url``, or ``None``.

        >>> import tempfile
        >>> Fetcher(Path(tempfile.mkdtemp())).cached("https://example.org/") is None
        True
        """
        if self.cache is None:
            return None
        meta_path, body_path = self._paths(urldefrag(url).url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if hashlib.sha256(body).hexdigest() != meta.get("sha256"):
            return None  # a body from another write than its header: fetch again
        meta.pop("sha256")
        return Page(**meta, body=body, cached=True)

    def _store(self, page: Page) -> None:
        if self.cache is None:
            return
        from kg.files import atomic_output  # the one atomic writer of the project

        meta_path, body_path = self._paths(page.url)
        meta = {k: v for k, v in asdict(page).items() if k not in ("body", "cached")}
        meta["sha256"] = hashlib.sha256(page.body).hexdigest()
        with atomic_output(body_path) as out:
            out.write(page.body)
        with atomic_output(meta_path) as out:  # last: a header says its body is whole
            out.write(json.dumps(meta, ensure_ascii=False).encode("utf-8"))

    # -- the network ----------------------------------------------------------------------

    def get(self, url: str, *, refresh: bool = False) -> Page:
        """The answer for ``url``: from the cache, else from the server (then cached).

        ``refresh`` asks the server again (conditionally, if cached). Raises
        :class:`FetchError` with a short reason; the reason is also counted in
        ``stats.failed``.
        """
        url = urldefrag(url).url
        old = self.cached(url)
        if old is not None and not refresh:
            self.stats.cached += 1
            return old
        try:
            page = self._fetch(url, old)
        except FetchError as error:
            self.stats.failed[error.reason] += 1
            raise
        if page is old:
            self.stats.not_modified += 1
        else:
            self.stats.fetched += 1
            self._store(page)
        return page

    def _fetch(self, url: str, old: Page | None) -> Page:
        headers = {}
        if old is not None and old.etag:
            headers["If-None-Match"] = old.etag
        if old is not None and old.last_modified:
            headers["If-Modified-Since"] = old.last_modified
        current = url
        for _ in range(self.max_redirects + 1):
            parts = urlsplit(current)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise FetchError(url, "not an http(s) URL")
            self._check_robots(current, url)
            status, got, body = self._request(current, headers, url)
            if status in (301, 302, 303, 307, 308) and "location" in got:
                current = urldefrag(urljoin(current, got["location"])).url
                continue
            if status == 304 and old is not None:
                return old
            if not 200 <= status < 300:
                raise FetchError(url, f"HTTP {status}")
            return Page(url=url, final_url=current, status=status,
                        content_type=got.get("content-type", ""), body=body,
                        etag=got.get("etag", ""), last_modified=got.get("last-modified", ""))
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def _request(self, target: str, headers: dict[str, str], url: str
                 ) -> tuple[int, httpx.Headers, bytes]:
        """One GET with retries: (status, headers, body within the size cap)."""
        import httpx

        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            self._wait(target)
            self.stats.requests += 1
            try:
                with self._client.stream("GET", target, headers=headers) as response:
                    if response.status_code in RETRY_STATUS and not last:
                        wait = _retry_after(response.headers.get("retry-after"))
                        self._sleep_backoff(attempt, wait)
                        continue
                    body = self._body(response, url) if response.status_code < 300 else b""
                    return response.status_code, response.headers, body
            except httpx.TimeoutException:
                if last:
                    raise FetchError(url, f"timed out (no answer within {self.timeout:g} s)"
                                     ) from None
            except httpx.TransportError as error:
                if last:
                    raise FetchError(url, f"connection failed ({type(error).__name__})"
                                     ) from None
            self._sleep_backoff(attempt, None)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _body(self, response: httpx.Response, url: str) -> bytes:
        limit = f"larger than the fetch limit of {self.max_bytes / 2**20:.3g} MB"
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            raise FetchError(url, limit)
        chunks, size = [], 0
        for chunk in response.iter_bytes():  # decoded: a gzip bomb is capped as it unpacks
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, limit)
            chunks.append(chunk)
        return b"".join(chunks)

    def _sleep_backoff(self, attempt: int, asked: float | None) -> None:
        wait = asked if asked is not None else self.backoff * 2**attempt
        time.sleep(min(wait, MAX_WAIT))

    def _wait(self, url: str) -> None:
        """Keep to the host's rate: ``delay`` (or its robots.txt Crawl-delay) between requests."""
        host = urlsplit(url).netloc.lower()
        robots = self._robots.get(host)
        delay = self.delay
        if isinstance(robots, urllib.robotparser.RobotFileParser):
            asked = robots.crawl_delay(ROBOT_NAME)
            if asked is not None:
                delay = max(delay, min(float(asked), MAX_WAIT))
        last = self._last.get(host)
        if last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _check_robots(self, target: str, url: str) -> None:
        """Raise ``FetchError`` unless the host's robots.txt lets kg fetch ``target``."""
        parts = urlsplit(target)
        host = parts.netloc.lower()
        if host not in self._robots:
            self._robots[host] = self._read_robots(f"{parts.scheme}://{parts.netloc}/robots.txt")
        robots = self._robots[host]
        if isinstance(robots, str):
            raise FetchError(url, robots)
        if not robots.can_fetch(ROBOT_NAME, target):
            raise FetchError(url, "disallowed by robots.txt")

    def _read_robots(self, robots_url: str) -> urllib.robotparser.RobotFileParser | str:
        """The host's rules, or why there are none to follow. RFC 9309: a 4xx allows
        everything, an unreachable file (a 5xx, no connection) nothing. Its redirects are
        followed, up to five."""
        parser = urllib.robotparser.RobotFileParser(robots_url)
        target = robots_url
        try:
            for _ in range(5):
                status, got, body = self._request(target, {}, robots_url)
                if status in (301, 302, 303, 307, 308) and "location" in got:
                    target = urljoin(target, got["location"])
                    continue
                break
        except FetchError as error:
            return error.reason  # the host is down: say so, not "disallowed"
        if status >= 500:
            return f"robots.txt unreachable (HTTP {status})"
        if 400 <= status < 500 or status >= 300:
            parser.parse([])
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return parser
