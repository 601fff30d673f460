"""The SPARQL protocol over HTTP (kg.endpoint.http): GET and both POSTs, a real client
(SPARQLWrapper), and the errors a client gets."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from conftest import SEED_ID
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.endpoint import serving
from kg.graph import iri
from kg.graph.store import StoreError

from .client import (
    PEOPLE,
    POSITIONS,
    RDFS_LABEL,
    SRJ,
    TRUMP,
    fetch,
    query,
    rows_from_csv,
    rows_from_json,
    rows_from_tsv,
    rows_from_xml,
)


def test_get_and_both_posts_agree(endpoint: str) -> None:
    get = query(endpoint, POSITIONS, accept=SRJ)
    direct = fetch(endpoint, data=POSITIONS.encode("utf-8"),
                   content_type="application/sparql-query", accept=SRJ)
    form = fetch(endpoint, data=urllib.parse.urlencode({"query": POSITIONS}).encode("ascii"),
                 content_type="application/x-www-form-urlencoded; charset=UTF-8", accept=SRJ)
    assert get.status == direct.status == form.status == 200
    assert rows_from_json(get.body) == rows_from_json(direct.body) == rows_from_json(form.body)
    assert TRUMP in rows_from_json(form.body)


def test_default_graph_uri_narrows_the_dataset(endpoint: str) -> None:
    people = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a dip:Person }"
    union = int(rows_from_json(query(endpoint, people).body)[0][0])
    article = int(rows_from_json(query(endpoint, people, **{
        "default-graph-uri": iri.article_graph(SEED_ID)}).body)[0][0])
    nothing = int(rows_from_json(query(endpoint, people, **{
        "default-graph-uri": "http://example.org/no-such-graph"}).body)[0][0])
    assert union == article > 0 and nothing == 0
    bad = query(endpoint, people, **{"default-graph-uri": "not an iri"})
    assert bad.status == 400


def _wrapper(endpoint: str, sparql: str, fmt: str, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(sparql)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    elif method == "POSTDIRECTLY":
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    return client


@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(endpoint: str, fmt: str, method: str) -> None:
    result = _wrapper(endpoint, POSITIONS, fmt, method).query()
    converted = result.convert()
    if fmt == JSON:
        rows = [tuple(b[v]["value"] for v in converted["head"]["vars"])
                for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = rows_from_xml(converted.toxml().encode("utf-8"))
    elif fmt == CSV:
        rows = rows_from_csv(converted)
    else:
        rows = rows_from_tsv(converted)
    assert TRUMP in rows


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_ask_construct_and_errors(endpoint: str) -> None:
    assert _wrapper(endpoint, "ASK { ?p a dip:Person }", JSON, "GET").query().convert()[
        "boolean"] is True
    turtle = _wrapper(endpoint, PEOPLE, TURTLE, "GET").query().convert()
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert rdflib.Literal("Donald Trump") in set(graph.objects(None, RDFS_LABEL))
    jsonld = _wrapper(endpoint, PEOPLE, JSONLD, "POST").query().convert()
    assert set(jsonld) == set(graph)
    with pytest.raises(QueryBadFormed):
        _wrapper(endpoint, "SELECT ?x WHERE { ?x ", JSON, "GET").query()


@pytest.mark.parametrize("sparql", [
    "SELECT ?x WHERE { ?x ",
    "SELEC * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s nosuchprefix:p ?o }",
])
def test_malformed_query_is_400_with_the_parser_message(endpoint: str, sparql: str) -> None:
    answer = query(endpoint, sparql)
    assert answer.status == 400
    assert answer.type == "text/plain"
    assert answer.text.startswith("error at 1:") and answer.text.count("\n") == 1
    assert "Traceback" not in answer.text


UPDATES = [
    ("form", {"data": b"update=INSERT+DATA+%7B+%3Chttp%3A%2F%2Fx%3E+%3Chttp%3A%2F%2Fx%3E+1+%7D",
              "content_type": "application/x-www-form-urlencoded"}),
    ("body", {"data": b"INSERT DATA { <http://x> <http://x> 1 }",
              "content_type": "application/sparql-update"}),
    ("get-update", {"params": {"update": "INSERT DATA { <http://x> <http://x> 1 }"}}),
    ("as-query-get", {"params": {
        "query": "PREFIX x: <http://x#> # note\nINSERT DATA { x:a x:b 1 }"}}),
    ("as-query-post", {"data": b"DROP ALL", "content_type": "application/sparql-query"}),
    ("as-query-form", {"data": b"query=DELETE+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D",
                       "content_type": "application/x-www-form-urlencoded"}),
]


@pytest.mark.parametrize(("how", "request_args"), UPDATES, ids=[u[0] for u in UPDATES])
def test_updates_are_refused(endpoint: str, how: str, request_args: dict) -> None:
    answer = fetch(endpoint, **request_args)
    assert answer.status == 403, (how, answer.text)
    assert "read-only" in answer.text and answer.text.count("\n") == 1
    still = query(endpoint, "ASK { <http://x> ?p ?o }")
    assert json.loads(still.body)["boolean"] is False


def test_federated_service_is_refused(endpoint: str) -> None:
    answer = query(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert answer.status == 403 and "SERVICE" in answer.text
    harmless = query(endpoint, 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }')
    assert harmless.status == 200


def test_http_errors(endpoint: str) -> None:
    base = endpoint.removesuffix("/sparql")
    missing = fetch(base + "/nope")
    assert missing.status == 404 and "/sparql" in missing.text
    assert fetch(endpoint).status == 400  # no query
    twice = fetch(endpoint + "?query=ASK%7B%7D&query=ASK%7B%7D")
    assert twice.status == 400
    put = fetch(endpoint, data=b"ASK {}", method="PUT", content_type="application/sparql-query")
    assert put.status == 405 and "GET" in put.headers["allow"]
    other = fetch(endpoint, data=b"ASK {}", content_type="text/plain")
    assert other.status == 415
    rebinding = fetch(endpoint, params={"query": "ASK {}"}, headers={"Host": "evil.example"})
    assert rebinding.status == 403
    assert fetch(endpoint, params={"query": "ASK {}"},
                 headers={"Host": "localhost:1234"}).status == 200


def test_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no knowledge graph"), serving(tmp_path):
        pass
