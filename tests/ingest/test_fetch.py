"""The fetcher against a real HTTP server on loopback: politeness, retries, limits, cache."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ingest.site import Site, article_page, failing_first, slow
from kg.ingest.fetch import Fetcher, FetchError
from kg.version import __version__


def fetcher(cache: Path, **options: object) -> Fetcher:
    settings: dict[str, object] = {"delay": 0.0, "backoff": 0.01, "timeout": 5.0}
    settings.update(options)
    return Fetcher(cache, **settings)  # type: ignore[arg-type]


def test_user_agent_names_kg_and_robots_txt_is_asked_once(site: Site, tmp_path: Path) -> None:
    site.page("/a", article_page(1))
    site.page("/b", article_page(2))
    with fetcher(tmp_path) as f:
        f.get(f"{site.base}/a")
        f.get(f"{site.base}/b")
    assert site.log == ["/robots.txt", "/a", "/b"]
    assert all(agent.startswith(f"kg/{__version__} ") for agent in site.agents)


def test_robots_txt_disallow_is_honoured_without_a_request(site: Site, tmp_path: Path) -> None:
    site.page("/private/memo", article_page(1))
    with fetcher(tmp_path) as f, pytest.raises(FetchError, match=r"disallowed by robots\.txt"):
        f.get(f"{site.base}/private/memo")
    assert site.hits("/private") == 0


def test_redirects_are_followed_and_each_hop_checked(site: Site, tmp_path: Path) -> None:
    site.page("/old", b"", status=301, Location="/new")
    site.page("/new", article_page(3))
    site.page("/sneaky", b"", status=302, Location="/private/memo")
    with fetcher(tmp_path) as f:
        page = f.get(f"{site.base}/old")
        assert page.final_url == f"{site.base}/new" and b"Ministers of" in page.body
        with pytest.raises(FetchError, match="robots"):
            f.get(f"{site.base}/sneaky")
    assert site.hits("/private") == 0


def test_errors_have_short_reasons_and_are_counted(site: Site, tmp_path: Path) -> None:
    site.page("/loop", b"", status=302, Location="/loop")
    with fetcher(tmp_path, max_redirects=3) as f:
        for path, reason in [("/missing", "HTTP 404"), ("/loop", "more than 3 redirects")]:
            with pytest.raises(FetchError) as caught:
                f.get(f"{site.base}{path}")
            assert caught.value.reason == reason
        assert f.stats.failed == {"HTTP 404": 1, "more than 3 redirects": 1}


def test_a_500_is_retried_with_backoff_then_succeeds(site: Site, tmp_path: Path) -> None:
    site.routes["/flaky"] = failing_first(2, article_page(4))
    site.routes["/busy"] = failing_first(1, article_page(5), status=429)
    with fetcher(tmp_path, retries=3) as f:
        assert b"Ministers of" in f.get(f"{site.base}/flaky").body
        assert b"Ministers of" in f.get(f"{site.base}/busy").body
    assert site.hits("/flaky") == 3 and site.hits("/busy") == 2


def test_retries_run_out(site: Site, tmp_path: Path) -> None:
    site.routes["/down"] = failing_first(10, b"", status=503)
    with fetcher(tmp_path, retries=2) as f, pytest.raises(FetchError, match="HTTP 503"):
        f.get(f"{site.base}/down")
    assert site.hits("/down") == 3


def test_a_slow_answer_times_out(site: Site, tmp_path: Path) -> None:
    site.routes["/slow"] = slow(3, article_page(6))
    started = time.monotonic()
    with fetcher(tmp_path, timeout=0.5, retries=1) as f, pytest.raises(FetchError) as caught:
        f.get(f"{site.base}/slow")
    assert caught.value.reason == "timed out (no answer within 0.5 s)"
    assert time.monotonic() - started < 2.5  # two tries of half a second, not the 3 s answer


def test_an_oversize_body_is_refused(site: Site, tmp_path: Path) -> None:
    site.page("/huge", b"<p>" + b"x" * (3 << 20) + b"</p>")
    with fetcher(tmp_path, max_bytes=1 << 20) as f, pytest.raises(FetchError) as caught:
        f.get(f"{site.base}/huge")
    assert caught.value.reason == "larger than the fetch limit of 1 MB"
    assert f.cached(f"{site.base}/huge") is None


def test_a_second_fetch_and_a_second_fetcher_use_the_cache(site: Site, tmp_path: Path) -> None:
    site.page("/a", article_page(1))
    with fetcher(tmp_path) as f:
        first = f.get(f"{site.base}/a")
        again = f.get(f"{site.base}/a#comments")  # a fragment is the same page
    with fetcher(tmp_path) as f:
        later = f.get(f"{site.base}/a")
        assert (f.stats.fetched, f.stats.cached, f.stats.requests) == (0, 1, 0)
    assert site.hits("/a") == 1
    assert not first.cached and again.cached and later.cached
    assert later.body == first.body


def test_a_failure_is_not_cached_so_a_retry_fetches_again(site: Site, tmp_path: Path) -> None:
    site.routes["/flaky"] = failing_first(1, article_page(7))
    with fetcher(tmp_path, retries=0) as f, pytest.raises(FetchError, match="HTTP 500"):
        f.get(f"{site.base}/flaky")
    with fetcher(tmp_path, retries=0) as f:
        assert b"Ministers of" in f.get(f"{site.base}/flaky").body


def test_refresh_asks_again_with_the_etag(site: Site, tmp_path: Path) -> None:
    def feed(handler: object) -> tuple[int, dict[str, str], bytes]:
        if handler.headers.get("If-None-Match") == '"v1"':  # type: ignore[attr-defined]
            return 304, {"ETag": '"v1"'}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, b"<rss/>"

    site.routes["/feed"] = feed
    with fetcher(tmp_path) as f:
        f.get(f"{site.base}/feed")
        page = f.get(f"{site.base}/feed", refresh=True)
        assert page.body == b"<rss/>" and f.stats.not_modified == 1
    assert site.hits("/feed") == 2


def test_requests_to_one_host_keep_the_delay(site: Site, tmp_path: Path) -> None:
    for n in range(3):
        site.page(f"/p{n}", article_page(n))
    started = time.monotonic()
    with fetcher(tmp_path, delay=0.25) as f:
        for n in range(3):
            f.get(f"{site.base}/p{n}")
    assert time.monotonic() - started >= 0.75  # four requests (robots.txt first), three gaps


def test_a_robots_txt_crawl_delay_is_kept(site: Site, tmp_path: Path) -> None:
    site.page("/robots.txt", b"User-agent: kg\nCrawl-delay: 1\n", "text/plain")
    site.page("/p0", article_page(0))
    site.page("/p1", article_page(1))
    started = time.monotonic()
    with fetcher(tmp_path, delay=0.0) as f:
        f.get(f"{site.base}/p0")
        f.get(f"{site.base}/p1")
    assert time.monotonic() - started >= 1.9  # after robots.txt, then between the pages


def test_an_unreachable_robots_txt_allows_nothing(site: Site, tmp_path: Path) -> None:
    site.routes["/robots.txt"] = failing_first(10, b"", status=500)
    site.page("/a", article_page(1))
    with fetcher(tmp_path, retries=0) as f, pytest.raises(FetchError, match="robots"):
        f.get(f"{site.base}/a")
    assert site.hits("/a") == 0


def test_not_http_is_refused_at_once(tmp_path: Path) -> None:
    with fetcher(tmp_path) as f, pytest.raises(FetchError, match=r"not an http\(s\) URL"):
        f.get("file:///etc/passwd")
