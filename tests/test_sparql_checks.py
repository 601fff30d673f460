"""kg.graph.sparql: updates and federated queries refused, whatever way they are written, and
nothing else; then the same through ``kg.query`` and ``kg query`` on a real store, with a
listener standing in for the host a SERVICE clause names."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import kg
from kg.graph.sparql import RefusedQuery, check_query, query_form
from kg.graph.store import Store
from kg.queries import QueryError

FEDERATED = [
    "SELECT * { ?s a dip:Article .SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "select * { service <http://10.0.0.1/sparql> { ?s ?p ?o } }",
    "SELECT * { ?s ?p ?o . SeRvIcE SILENT ?endpoint { ?s ?p ?o } }",
    "SELECT * {\tSERVICE\n<http://10.0.0.1/>{}}",
    "SELECT * { OPTIONAL { SERVICE <http://10.0.0.1/> { ?s ?p ?o } } }",
    "SELECT * { { ?s ?p ?o } UNION { SERVICE <http://10.0.0.1/> { ?s ?p ?o } } }",
    "SELECT * { ?s ?p ?o MINUS { SERVICE <http://10.0.0.1/> { ?s ?p ?o } } }",
    "SELECT * { { SELECT ?s { SERVICE <http://10.0.0.1/> { ?s ?p ?o } } } }",
    "SELECT * { GRAPH ?g { SERVICE <http://10.0.0.1/> { ?s ?p ?o } } }",
    "ASK { FILTER EXISTS { SERVICE <http://10.0.0.1/> { ?s ?p ?o } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }",
    "DESCRIBE ?s WHERE { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }",
    "PREFIX x: <http://x/> # SELECT\nBASE <http://b/> SELECT * { SERVICE x:e { } }",
    'SELECT ?s { ?s ?p "a" .SERVICE <http://10.0.0.1/> { ?s ?p ?o } } # "',
    # rdflib cannot parse these (SPARQL 1.2's LATERAL; deep nesting), Oxigraph can: refused
    "SELECT * { ?s ?p ?o LATERAL { SELECT * { SERVICE <http://10.0.0.1/> {} } } }",
    "SELECT * " + "{" * 300 + " SERVICE <http://10.0.0.1/> {} " + "}" * 300,
    # rdflib expands \u escapes everywhere, Oxigraph inside strings and IRIs only
    'SELECT * { BIND("\\u0022" AS ?x) SERVICE <http://10.0.0.1/> {} }',
]

HARMLESS = [
    'SELECT ?service $SERVICE { ?service <http://e/SERVICE> "SERVICE" } # SERVICE <x> {}',
    "SELECT * { ?s ex:service ?o ; ex:a.SERVICE ?b ; service:p _:service }",
    "SELECT * { ?s ?p '''a\nSERVICE <http://10.0.0.1/> { }''' }",
    "SELECT * { ?s ?p ?o } ORDER BY ?service",
    "SELECT ?x WHERE { ?x ",  # malformed, but Oxigraph reports that with a better message
    "SELECT * { ?s ?p ?o LATERAL { SELECT * {} } }",  # beyond rdflib, without the word
]

UPDATES = [
    "INSERT DATA { <http://x> <http://x> 1 }",
    "insert data { <http://x> <http://x> 1 }",
    "PREFIX x: <http://x#> # a note\nBASE <http://b/>\nDELETE WHERE { ?s ?p ?o }",
    "WITH <http://g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://10.0.0.1/data.ttl>",
    "CLEAR ALL ; DROP ALL",
    "# SELECT * {}\ncopy default to <http://g>",
    "DELETE { ?s ?p ?o } WHERE { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("sparql", FEDERATED)
def test_service_is_refused_wherever_it_is(sparql: str) -> None:
    with pytest.raises(RefusedQuery, match="SERVICE"):
        check_query(sparql)


@pytest.mark.parametrize("sparql", HARMLESS)
def test_the_word_elsewhere_passes(sparql: str) -> None:
    check_query(sparql)


@pytest.mark.parametrize("sparql", UPDATES)
def test_updates_are_refused(sparql: str) -> None:
    with pytest.raises(RefusedQuery, match="updates are not allowed"):
        check_query(sparql)


def test_query_form_reads_past_the_prologue() -> None:
    assert query_form("BASE <http://b/> PREFIX : <http://e/>\n# DELETE\nconstruct {} {}") == (
        "CONSTRUCT")
    assert query_form("   ") == ""


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A TCP listener on loopback standing in for a SERVICE host: its URL, and what it got."""
    server = socket.create_server(("127.0.0.1", 0))
    received: list[bytes] = []

    def accept() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            with connection:
                received.append(connection.recv(1024))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", received
    server.shutdown(socket.SHUT_RDWR)  # wakes the accept() that close() alone would not
    server.close()
    thread.join(5)


def test_kg_query_api_refuses_service_and_fetches_nothing(
        tmp_path: Path, listener: tuple[str, list[bytes]]) -> None:
    url, received = listener
    store = tmp_path / "store"
    with pytest.raises(QueryError, match="SERVICE"):
        kg.query(f"SELECT * {{ ?s ?p ?o .SERVICE <{url}> {{ ?s ?p ?o }} }}", store=store)
    assert kg.query(f'SELECT ?service {{ BIND("{url}" AS ?service) }}', store=store).rows
    assert received == []


def test_kg_query_refuses_service_and_updates_in_one_line(
        tmp_path: Path, listener: tuple[str, list[bytes]]) -> None:
    url, received = listener
    store = tmp_path / "store"
    Store(store).ensure_ontology()
    update = tmp_path / "update.rq"
    update.write_text("PREFIX ex: <http://e/>\ninsert data { ex:a ex:b ex:c }\n", encoding="utf-8")
    for sparql, says in [(f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "SERVICE"),
                         (str(update), "updates are not allowed")]:
        result = subprocess.run([sys.executable, "-m", "kg", "query", "--store", str(store),
                                 sparql], capture_output=True, text=True,
                                env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("error: query:") and says in result.stderr
        assert result.stderr.count("\n") == 1
    assert received == []
