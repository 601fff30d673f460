"""The RDF side: safe IRIs, declared terms, serialisations that load back."""

from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st

import kg
from kg.graph import iri
from kg.graph.namespaces import BASE, DIP, REL
from kg.graph.ontology import is_term, ontology
from kg.graph.store import Store
from kg.viz.project import to_networkx

SAFE_PATH = re.compile(r"^[a-z0-9/_-]+$")


@given(st.text())
def test_entity_iris_are_safe_slugs(name: str) -> None:
    value = iri.entity(name, "Person")
    assert value.startswith(BASE + "entity/person/")
    assert SAFE_PATH.match(value.removeprefix(BASE))


@given(st.text(min_size=1))
def test_article_iris_are_safe_and_distinct(doc_id: str) -> None:
    value = iri.article_graph(doc_id)
    assert SAFE_PATH.match(value.removeprefix(BASE))
    assert value != iri.article_graph(doc_id + "x")


def test_same_name_same_iri_across_articles() -> None:
    assert iri.entity("Viktor Orbán", "Person") == iri.entity("Viktor Orban", "Person")
    assert iri.entity("Georgia", "Country") != iri.entity("Georgia", "Place")


def test_ontology_is_owl_with_labels_and_comments() -> None:
    graph = ontology()
    terms = set(graph.subjects(rdflib.RDF.type, rdflib.OWL.Class)) | set(
        graph.subjects(rdflib.RDF.type, rdflib.OWL.ObjectProperty)) | set(
        graph.subjects(rdflib.RDF.type, rdflib.OWL.DatatypeProperty))
    assert len(terms) > 40
    for term in terms:
        assert graph.value(term, rdflib.RDFS.label) is not None, term
        assert graph.value(term, rdflib.RDFS.comment) is not None, term


def test_every_term_the_builder_writes_is_declared(seed_store: Store) -> None:
    used = kg.query(
        """SELECT DISTINCT ?term WHERE { GRAPH ?g {
             { ?s ?term ?o } UNION { ?s a ?term } } FILTER(?g != <%s>) }"""
        % (BASE + "graph/ontology"), store=seed_store).rows
    ours = [r["term"] for r in used if r["term"].startswith((str(DIP), str(REL)))]
    assert ours
    assert [t for t in ours if not is_term(t)] == []


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("trig", "trig"),
                                        ("nq", "nquads"), ("jsonld", "json-ld")])
def test_rdf_exports_load_back_in_rdflib(seed_store: Store, fmt: str, parser: str) -> None:
    buffer = io.BytesIO()
    kg.export(fmt, buffer, store=seed_store)
    dataset = rdflib.Dataset()
    dataset.parse(data=buffer.getvalue(), format=parser)
    loaded = len(dataset) if fmt in ("ttl", "nt") else sum(
        len(g) for g in dataset.graphs())
    if fmt in ("trig", "nq", "jsonld"):
        assert loaded == len(seed_store)
    else:
        assert loaded == len({(q.subject, q.predicate, q.object) for q in seed_store.quads()})


def test_graphml_matches_the_projection(seed_store: Store, tmp_path: Path) -> None:
    output = tmp_path / "graph.graphml"
    kg.export("graphml", output, store=seed_store)
    loaded = nx.read_graphml(output, force_multigraph=True)
    projected = to_networkx(seed_store)
    assert (loaded.number_of_nodes(), loaded.number_of_edges()) == (
        projected.number_of_nodes(), projected.number_of_edges())
    labels = {data["label"] for _, data in loaded.nodes(data=True)}
    assert {"Donald Trump", "Vladimir Putin", "Hungary"} <= labels


def test_hostile_text_stays_literal(tmp_path: Path) -> None:
    """Markup, quotes and SPARQL syntax in an article never leave their literals."""
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = ('President Emmanuel Macron said "we will not accept this> } ; DROP ALL ; '
               '<script>alert(1)</script> at all" in Paris.')
    (folder / "x> } DROP ALL.txt").write_text(f"Headline\n\n{hostile}\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    report = kg.build([folder], store=store)
    assert report.errors == [] and store.article_count() == 1
    texts = [r["t"] for r in kg.query("SELECT ?t WHERE { ?s dip:text ?t }", store=store).rows]
    assert texts == [hostile]
    for quad in store.quads():
        for term in (quad.subject, quad.predicate, quad.graph_name):
            assert "<" not in term.value and " " not in term.value
