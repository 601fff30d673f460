"""The whole corpus on real SPARQL servers: ``seeds/`` plus the Wikinews corpus built into
``oxigraph serve`` and into Virtuoso exports the same statements, answers the named
queries with the same rows and holds the same quads as the embedded build.

Virtuoso runs with Debian's default answer cap (``ResultSetMaxRows = 10000``), well under
the corpus's quads, so its whole-store reads only agree if they page under the cap. One
build per server (about a minute and a half each), shared by the module's tests.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
import servers
from conftest import SEEDS, WIKINEWS
from servers import ServerMissing
from test_remote_store import normalised

import kg
from kg.graph.store import GRAPHS, Store
from kg.graph.totals import TOTALS_GRAPH

MAX_ROWS = 10_000  # Debian's virtuoso.ini default


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote_corpus(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                  corpus_store: Store) -> Iterator[Store]:
    """The corpus built into each server (after the embedded build, so edits to the
    extractors between the two cannot be the difference)."""
    folder = tmp_path_factory.mktemp(f"corpus-{request.param}")
    try:
        server = (servers.start_oxigraph(folder) if request.param == "oxigraph"
                  else servers.start_virtuoso(folder, max_rows=MAX_ROWS))
    except ServerMissing as missing:
        pytest.skip(str(missing))
    try:
        store = Store(server.url)
        report = kg.build([SEEDS, WIKINEWS], store=store, jobs=2)
        assert report.errors == []
        assert sorted(report.written) == sorted(corpus_store.fingerprints())
        yield store
    finally:
        server.stop()


def test_statement_export_is_the_same(remote_corpus: Store, corpus_store: Store) -> None:
    ours, theirs = io.BytesIO(), io.BytesIO()
    kg.export("jsonl", ours, store=remote_corpus)
    kg.export("jsonl", theirs, store=corpus_store)
    lines = sorted(theirs.getvalue().splitlines())
    assert len(lines) > 1000 and sorted(ours.getvalue().splitlines()) == lines


@pytest.mark.parametrize("name", sorted(kg.named_queries()))
def test_named_queries_return_the_same_rows(remote_corpus: Store, corpus_store: Store,
                                            name: str) -> None:
    """In the same order: every named query orders its rows totally, and Virtuoso's variants
    sort strings by their text as Oxigraph does (see tests/test_remote_store.py)."""
    ours, theirs = kg.query(name, store=remote_corpus), kg.query(name, store=corpus_store)
    assert ours.columns == theirs.columns
    assert ours.rows, f"{name} found nothing: the comparison proves little"
    assert ours.rows == theirs.rows


def test_the_article_lists_are_the_same(remote_corpus: Store, corpus_store: Store) -> None:
    assert remote_corpus.article_graphs() == corpus_store.article_graphs()
    assert remote_corpus.fingerprints() == corpus_store.fingerprints()


# nq is the dataset dump (Store.quads), nt the merged graph (Store.triples): both read the
# whole store, far past Virtuoso's cap.
def test_paged_reads_get_what_the_server_counts(remote_corpus: Store) -> None:
    """Every quad and every distinct triple the server itself counts, whatever it holds."""
    # the totals across articles (kg/graph/totals.py) are derived: no whole-store read has them
    kg_graphs = (f'GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{GRAPHS}") '
                 f"&& ?g != <{TOTALS_GRAPH}>)")
    distinct = remote_corpus.query(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {kg_graphs} }} }}")
    quads = sum(1 for _ in remote_corpus.quads())
    assert quads > 5 * MAX_ROWS and quads == len(remote_corpus)
    assert sum(1 for _ in remote_corpus.triples()) == int(next(iter(distinct))["n"].value)


@pytest.mark.parametrize("fmt", ["nq", "nt"])
def test_whole_store_exports_are_the_same(remote_corpus: Store, corpus_store: Store,
                                          fmt: str) -> None:
    ours, theirs = io.BytesIO(), io.BytesIO()
    kg.export(fmt, ours, store=remote_corpus)
    kg.export(fmt, theirs, store=corpus_store)
    rdf_format = ox.RdfFormat.from_extension(fmt)
    parsed = [list(ox.parse(out.getvalue(), rdf_format)) for out in (ours, theirs)]
    assert len(parsed[1]) > 5 * MAX_ROWS and len(parsed[0]) == len(parsed[1])
    assert normalised(parsed[0]) == normalised(parsed[1])
