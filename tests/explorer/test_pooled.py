"""The store through the endpoint's worker processes (kg.explorer.pooled): the same
answers as the store itself, and a query past the timeout a 503, not a hang."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.endpoint import WorkerPool
from kg.explorer.pooled import PoolBusy, PooledStore
from kg.graph.namespaces import PREFIXES
from kg.graph.store import Store
from kg.queries import named_queries, query_pages, run_query

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def pool(seed_store: Store) -> Iterator[WorkerPool]:
    workers = WorkerPool(seed_store.path, PREFIXES, size=1)
    yield workers
    workers.close()


def test_answers_are_the_stores(pool: WorkerPool, seed_store: Store) -> None:
    pooled = PooledStore(pool, timeout=30)
    for name in ("who-met-whom", "positions", "entities"):
        assert run_query(pooled, named_queries()[name]).rows == \
            run_query(seed_store, named_queries()[name]).rows
    paged = named_queries()["statements"]  # asked an article's graphs at a time
    assert [p.rows for p in query_pages(pooled, paged)] == \
        [p.rows for p in query_pages(seed_store, paged)]
    assert pooled.article_index() == seed_store.article_index()


def test_a_late_query_is_refused_with_its_status(pool: WorkerPool) -> None:
    pooled = PooledStore(pool, timeout=1)
    with pytest.raises(PoolBusy) as refused:
        run_query(pooled, SLOW)
    assert refused.value.status == 503 and "timeout" in str(refused.value)
    assert run_query(PooledStore(pool, timeout=30), "SELECT (1 AS ?one) {}").rows == [
        {"one": 1}]  # the worker was replaced
