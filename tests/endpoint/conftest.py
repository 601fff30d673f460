"""The servers the endpoint tests share: one with the default limits, one tight."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.endpoint import SparqlServer, serving
from kg.graph.store import Store


@pytest.fixture(scope="package")
def endpoint(seed_store: Store) -> Iterator[str]:
    """The /sparql URL of a server with the default timeout and row cap."""
    with serving(seed_store, workers=3) as url:
        yield url + "/sparql"


@pytest.fixture(scope="package")
def tight_server(seed_store: Store) -> Iterator[SparqlServer]:
    """A server with a 0.5 s timeout and a 5-row cap."""
    with SparqlServer(seed_store, timeout=0.5, max_rows=5, workers=2, quiet=True) as server:
        server.start()
        yield server


@pytest.fixture(scope="package")
def tight(tight_server: SparqlServer) -> str:
    """The /sparql URL of :func:`tight_server`."""
    return tight_server.sparql_url
