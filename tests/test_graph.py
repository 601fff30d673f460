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
from kg.graph.namespaces import BASE, CONTEXT, DIP, FACT, MODE, REL
from kg.graph.ontology import (
    RELATION_TABLE,
    cached_relations,
    is_term,
    ontology,
    ontology_digest,
    read_relations,
    relations,
)
from kg.graph.store import Store
from kg.viz.select import view

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


def test_the_cached_relation_table_is_the_ontologys() -> None:
    # the build reads the table, not the ontology: stale, it would be a slow build
    text = (Path(kg.__file__).parent / "data" / RELATION_TABLE).read_text(encoding="utf-8")
    cached = cached_relations(text, ontology_digest())
    assert cached is not None, ("kg/data/derived/relations.tsv is older than the ontology: "
                                "run python scripts/derive_ontology_tables.py")
    assert cached == read_relations(ontology())
    assert relations() == cached


def test_a_stale_relation_table_is_not_read() -> None:
    text = (Path(kg.__file__).parent / "data" / RELATION_TABLE).read_text(encoding="utf-8")
    assert cached_relations(text, "0" * 64) is None


def test_every_term_the_builder_writes_is_declared(seed_store: Store) -> None:
    used = kg.query(
        """SELECT DISTINCT ?term WHERE { GRAPH ?g {
             { ?s ?term ?o } UNION { ?s a ?term } } FILTER(?g != <%s>) }"""
        % (BASE + "graph/ontology"), store=seed_store).rows
    ours = [r["term"] for r in used
            if r["term"].startswith((str(DIP), str(REL), str(FACT), str(MODE), str(CONTEXT)))]
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
    projected, _ = view(seed_store)
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


# -- events with their setting, posts, JSON-LD ---------------------------------------------


def test_consults_answers_trump_putin_and_the_event_node_has_its_setting(
        seed_store: Store) -> None:
    pairs = {(r["a"], r["b"]) for r in kg.query(
        "SELECT ?a ?b WHERE { ?x dip:consults ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }",
        store=seed_store).rows}
    assert ("Donald Trump", "Vladimir Putin") in pairs
    # the same fact as an event node: when, how, and the sentence it was read from
    rows = kg.query("""
        SELECT ?time ?latest ?mode ?sentence WHERE {
          ?a rdfs:label "Donald Trump" . ?b rdfs:label "Vladimir Putin" .
          ?a dip:consults ?b .
          ?e a dip:Consult ; dip:subject ?a ; dip:object ?b ; dip:factuality fact:asserted ;
             dip:time ?time ; dip:latestDate ?latest ; dip:mode/skos:prefLabel ?mode ;
             prov:wasDerivedFrom/dip:text ?sentence .
        }""", store=seed_store).rows
    assert {(r["time"], str(r["latest"]), r["mode"]) for r in rows} == {
        ("../2025-10-16", "2025-10-16", "phone call")}
    assert "phone conversation" in rows[0]["sentence"]
    # the meeting they agreed to hold: planned, in Hungary, no direct property of its own
    planned = kg.query("""
        SELECT ?place ?mode WHERE {
          ?e a dip:Consult ; dip:factuality fact:planned ;
             dip:subject/rdfs:label "Donald Trump" ; dip:object/rdfs:label "Vladimir Putin" ;
             dip:place/rdfs:label ?place ; dip:mode/skos:prefLabel ?mode .
        }""", store=seed_store).rows
    assert {"place": "Hungary", "mode": "meeting"} in planned


def _reading(factuality: str):
    from kg.records import (
        Argument,
        Block,
        Document,
        Entity,
        Evidence,
        Factuality,
        Reading,
        Statement,
        When,
    )

    text = "Donald Trump did not meet Vladimir Putin in Budapest on Thursday."
    trump = Argument("Donald Trump", 0, 12, "Donald Trump", "Person")
    putin = Argument("Vladimir Putin", 26, 40, "Vladimir Putin", "Person")
    budapest = Argument("Budapest", 44, 52, "Budapest", "Place")
    statement = Statement(
        trump, "CONSULT", Evidence("d", text, 0, len(text), 0.8, "clauses"), putin,
        label="did not meet", factuality=Factuality(factuality),
        when=When("on Thursday", "2025-10-16", "2025-10-16", "day"), place=budapest,
        mode="meeting")
    document = Document("d", text, (Block(0, len(text)),), date="2025-10-16")
    entities = (Entity("Donald Trump", "Person", (), 1), Entity("Vladimir Putin", "Person", (), 1))
    return Reading(document, (statement,), entities, fingerprint="0" * 64)


@pytest.mark.parametrize("factuality,direct", [("asserted", True), ("negated", False),
                                               ("possible", False), ("planned", False)])
def test_only_facts_get_the_direct_property(factuality: str, direct: bool) -> None:
    import pyoxigraph as ox

    from kg.graph.rdf import Run, reading_quads
    from kg.graph.validate import to_rdflib, validate_graph

    quads = list(reading_quads(_reading(factuality), Run("kg", "m", "2025-10-16T00:00:00Z")))
    predicates = {q.predicate.value for q in quads}
    assert (str(DIP.consults) in predicates) is direct
    assert str(DIP.factuality) in predicates and str(DIP.date) in predicates
    graph = to_rdflib(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    report = validate_graph(graph)
    assert report.conforms, report.text()  # the place is typed even if the resolver missed it
    assert (None, rdflib.URIRef(DIP.place), rdflib.URIRef(iri.entity("Budapest", "Place"))) \
        in graph


def test_positions_are_posts_held_by_people(seed_store: Store) -> None:
    rows = kg.query("""
        SELECT ?post ?title ?in WHERE {
          ?p a org:Post , dip:Position ; rdfs:label ?post ; dip:title ?title ;
             org:postIn/rdfs:label ?in .
          ?person org:holds ?p ; rdfs:label "Viktor Orbán" .
          ?h a dip:PositionHolding ; dip:post ?p ; dip:subject ?person .
        }""", store=seed_store).rows
    assert {"post": "Prime Minister of Hungary", "title": "Prime Minister", "in": "Hungary"} \
        in rows


def test_jsonld_has_short_keys_and_loads_back_isomorphic(seed_store: Store) -> None:
    import json

    from rdflib.compare import isomorphic

    buffer = io.BytesIO()
    kg.export("jsonld", buffer, store=seed_store)
    document = json.loads(buffer.getvalue())
    assert document["@context"]["subject"] == {"@id": "dip:subject", "@type": "@id"}
    nodes = [n for g in document["@graph"] if "@graph" in g for n in g["@graph"]]
    consult = next(n for n in nodes if "Consult" in n.get("@type", []) and "mode" in n)
    assert {"subject", "object", "relation", "confidence", "derivedFrom", "factuality"} \
        <= set(consult)
    assert consult["subject"].startswith("kgr:entity/")
    loaded = rdflib.Dataset()
    loaded.parse(data=buffer.getvalue(), format="json-ld")
    trig = io.BytesIO()
    kg.export("trig", trig, store=seed_store)
    expected = rdflib.Dataset()
    expected.parse(data=trig.getvalue(), format="trig")
    graphs = {str(g.identifier): g for g in loaded.graphs() if len(g)}
    for graph in expected.graphs():
        if len(graph):
            assert isomorphic(graphs[str(graph.identifier)], graph), graph.identifier


def test_every_predicate_the_builder_writes_has_a_short_key(seed_store: Store) -> None:
    from kg.graph.jsonld import context

    keys = {v["@id"] if isinstance(v, dict) else None for v in context().values()}
    from kg.graph.jsonld import compact_iri

    # the totals across articles are derived and never exported (kg/graph/totals.py)
    used = kg.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } "
                    f'FILTER(?g NOT IN (<{BASE}graph/ontology>, <{BASE}graph/totals>)) }}',
                    store=seed_store).rows
    missing = {compact_iri(r["p"]) for r in used} - keys - {"rdf:type"}
    assert missing == set()
