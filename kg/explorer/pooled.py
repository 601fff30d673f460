"""The store as the explorer sees it inside ``kg serve``: every query goes to the endpoint's
worker processes, so the explorer's pages get the endpoint's timeout, memory cap and fresh
snapshots after a build, and the server process never opens the store itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.graph.namespaces import ONTOLOGY_GRAPH
from kg.graph.sparql import with_values
from kg.graph.store import Answer, Store, StoreError

if TYPE_CHECKING:
    from kg.endpoint.pool import WorkerPool

_JSON = "application/sparql-results+json"


class PoolBusy(StoreError):
    """The workers answered a query with an error: a timeout or a busy pool (``status``
    503), or a failure (500); the message is the worker's one line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class PooledStore(Store):
    """A read-only :class:`~kg.graph.store.Store` whose queries run on a worker pool.

    Answers come back as SPARQL JSON and are parsed by pyoxigraph, so everything written
    for a store (``kg.queries.run_query``, the entity tables) works on it unchanged.
    Example::

        store = PooledStore(pool, timeout=10)
        run_query(store, "SELECT (1 AS ?one) {}").rows   # [{'one': 1}]
    """

    def __new__(cls, pool: WorkerPool, *, timeout: float) -> PooledStore:
        return object.__new__(cls)

    def __init__(self, pool: WorkerPool, *, timeout: float) -> None:
        self.pool, self.timeout = pool, timeout
        self.location = str(pool.store)
        self.written = []

    def generation(self) -> int:
        """A number that grows when the store changed (a build wrote to it)."""
        return self.pool.generation()

    def query(self, sparql: str, *, graphs: Sequence[str] | None = None,
              bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> Answer:
        text = with_values(sparql, bindings) if bindings else sparql
        job = {"query": text, "results": "JSON", "graph": "N_TRIPLES", "wanted": _JSON,
               "max_rows": 0, "default_graphs": [], "named_graphs": []}
        if graphs is not None:
            job["named_graphs"] = list(graphs)
            job["default_graphs"] = [*graphs, ONTOLOGY_GRAPH]
        reply = self.pool.run(job, self.timeout)
        if reply.status != 200:
            raise PoolBusy(reply.status, reply.body.decode("utf-8", "replace").strip())
        if reply.content_type.startswith(_JSON):
            return ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.JSON)
        return ox.parse(reply.body, format=ox.RdfFormat.N_TRIPLES)
