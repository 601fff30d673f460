"""Results formats and content negotiation, and graphs as Turtle, JSON-LD and N-Triples
(kg.endpoint.formats)."""

from __future__ import annotations

import json

import pytest
import rdflib

from kg.endpoint import TRUNCATED_HEADER
from kg.graph.namespaces import DIP

from .client import (
    PEOPLE,
    POSITIONS,
    RDFS_LABEL,
    RESULT_FORMATS,
    SRJ,
    SRX,
    TRUMP,
    query,
    rows_from_csv,
    rows_from_json,
)


@pytest.mark.parametrize("media_type", list(RESULT_FORMATS))
def test_select_in_each_results_format(endpoint: str, media_type: str) -> None:
    answer = query(endpoint, POSITIONS, accept=media_type)
    assert answer.status == 200, answer.text
    assert answer.type == media_type
    rows = RESULT_FORMATS[media_type](answer.body)
    assert TRUMP in rows
    assert rows == sorted(rows) and len(rows) >= 3
    assert TRUNCATED_HEADER.lower() not in answer.headers


def test_every_format_gives_the_same_rows(endpoint: str) -> None:
    answers = {t: parse(query(endpoint, POSITIONS, accept=t).body)
               for t, parse in RESULT_FORMATS.items()}
    assert len({tuple(rows) for rows in answers.values()}) == 1


def test_json_is_the_default_and_ask_works(endpoint: str) -> None:
    answer = query(endpoint, POSITIONS)
    assert answer.type == SRJ and TRUMP in rows_from_json(answer.body)
    ask = query(endpoint, 'ASK { ?p rdfs:label "Donald Trump" ; a dip:Person }')
    assert ask.type == SRJ and json.loads(ask.body)["boolean"] is True
    xml = query(endpoint, "ASK { ?p a dip:NoSuchClass }", accept=SRX)
    assert xml.type == SRX and "<boolean>false</boolean>" in xml.text


def test_accept_weights_and_wildcards(endpoint: str) -> None:
    weighted = query(endpoint, POSITIONS, accept=f"{SRJ};q=0.2, text/csv;q=0.9, */*;q=0.1")
    assert weighted.type == "text/csv"
    assert query(endpoint, POSITIONS, accept="text/*").type in ("text/csv",
                                                                "text/tab-separated-values")
    assert query(endpoint, PEOPLE, accept="*/*").type == "text/turtle"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert query(endpoint, POSITIONS, accept=browser).type == SRX


def test_format_parameter_overrides_accept(endpoint: str) -> None:
    answer = query(endpoint, POSITIONS, accept=SRJ, format="csv")
    assert answer.type == "text/csv" and TRUMP in rows_from_csv(answer.body)
    assert query(endpoint, POSITIONS, format="text/tab-separated-values").type == (
        "text/tab-separated-values")
    assert query(endpoint, PEOPLE, format="json").type == "application/ld+json"


@pytest.mark.parametrize(("sparql", "accept", "params"), [
    ("ASK {}", "image/png", {}),
    (POSITIONS, "text/turtle", {}),
    (PEOPLE, "text/csv", {}),
    (POSITIONS, None, {"format": "bogus"}),
    (POSITIONS, "text/csv;q=0, application/sparql-results+json;q=0", {}),
])
def test_unacceptable_format_is_406(endpoint: str, sparql: str, accept: str | None,
                                    params: dict[str, str]) -> None:
    answer = query(endpoint, sparql, accept=accept, **params)
    assert answer.status == 406
    assert answer.text.count("\n") == 1 and "offers" in answer.text


def test_construct_as_turtle_jsonld_and_ntriples(endpoint: str) -> None:
    graphs = {}
    for media_type, rdflib_format in [("text/turtle", "turtle"), ("application/ld+json",
                                      "json-ld"), ("application/n-triples", "nt")]:
        answer = query(endpoint, PEOPLE, accept=media_type)
        assert answer.status == 200 and answer.type == media_type, answer.text
        graphs[media_type] = rdflib.Graph().parse(data=answer.body, format=rdflib_format)
    turtle = graphs["text/turtle"]
    people = {str(o) for s, o in turtle.subject_objects(RDFS_LABEL)
              if (s, rdflib.RDF.type, rdflib.URIRef(str(DIP.Person))) in turtle}
    assert {"Donald Trump", "Vladimir Putin"} <= people
    sizes = {len(g) for g in graphs.values()}
    assert len(sizes) == 1 and sizes.pop() >= 4
    assert set(graphs["application/ld+json"]) == set(turtle) == set(graphs["application/n-triples"])
    assert b"@prefix dip:" in query(endpoint, PEOPLE, accept="text/turtle").body


def test_describe(endpoint: str) -> None:
    answer = query(endpoint, 'DESCRIBE ?p WHERE { ?p rdfs:label "Donald Trump" }')
    graph = rdflib.Graph().parse(data=answer.body, format="turtle")
    assert answer.type == "text/turtle" and rdflib.Literal("Donald Trump") in set(graph.objects())
