"""The local news site (loopback only), started once per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ingest.site import ROBOTS, Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    """An empty site with a robots.txt; tests add their routes."""
    news = Site()
    news.page("/robots.txt", ROBOTS, "text/plain")
    server, thread = serve(news)
    yield news
    server.shutdown()
    server.server_close()
    thread.join(5)
