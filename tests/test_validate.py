"""SHACL validation: built graphs conform, broken ones fail with a readable report."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import ROOT, SEED_ID, SEEDS, load_script
from rdflib.namespace import OWL, RDF, RDFS, SH

import kg
from kg.graph import iri
from kg.graph.namespaces import DIP, PREFIXES, REL
from kg.graph.ontology import ontology, relations
from kg.graph.store import Store
from kg.graph.validate import (
    ValidationReport,
    Violation,
    article_graphs,
    load_shapes,
    shapes_path,
    to_rdflib,
    validate,
    validate_graph,
)

README = ROOT / "ontology" / "README.md"


# -- built graphs conform ---------------------------------------------------------------------


def test_seed_build_conforms(seed_store: Store) -> None:
    report = validate(seed_store)
    assert report.conforms, report.text()
    assert report.articles == 1
    assert report.text() == "conforms: 1 articles, 0 violations"


def test_wikinews_sample_build_conforms(tmp_path: Path, wikinews_sample: Path) -> None:
    store = Store(tmp_path / "store")
    built = kg.build([wikinews_sample], store=store)
    assert built.errors == []
    seen: list[str] = []
    report = validate(store, on_article=seen.append)
    assert report.conforms, report.text()
    assert report.articles == len(seen) == 40
    assert report.text() == "conforms: 40 articles, 0 violations"


def test_whole_corpus_build_conforms(corpus_store: Store) -> None:
    """Seeds and every Wikinews article, with factuality, times, places, modes and posts."""
    report = validate(corpus_store)
    assert report.conforms, report.text()[:5000]
    assert report.articles > 250 and report.violations == []
    counts = kg.query("""SELECT (COUNT(DISTINCT ?t) AS ?times) (COUNT(DISTINCT ?p) AS ?posts)
                         WHERE { { ?e dip:time ?t } UNION { ?p a org:Post } }""",
                      store=corpus_store).rows[0]
    assert counts["times"] > 50 and counts["posts"] > 50


def test_empty_store_conforms(tmp_path: Path) -> None:
    assert validate(Store(tmp_path / "empty")).text() == "conforms: 0 articles, 0 violations"


# -- broken graphs fail, and the report says where ---------------------------------------------


@pytest.fixture()
def seed_graph(seed_store: Store) -> rdflib.Graph:
    """A fresh copy of the seed article's graph, for a test to break."""
    ((_, graph),) = list(article_graphs(seed_store))
    return graph


def _break(graph: rdflib.Graph, update: str) -> rdflib.Graph:
    before = set(graph)
    graph.update(update, initNs={k: rdflib.Namespace(v) for k, v in PREFIXES.items()})
    assert set(graph) != before, "the update changed nothing"
    return graph


BREAKAGES = {
    "no document id": (
        "DELETE WHERE { ?a dip:documentId ?id }",
        "dip:documentId", "exactly one dip:documentId"),
    "confidence of 7": (
        """DELETE { ?s dip:confidence ?c } INSERT { ?s dip:confidence "7"^^xsd:double }
           WHERE { { SELECT ?s ?c WHERE { ?s a dip:Consult ; dip:confidence ?c } LIMIT 1 } }""",
        "dip:confidence", "from 0 to 1"),
    "confidence as a string": (
        """DELETE { ?s dip:confidence ?c } INSERT { ?s dip:confidence "0.8" }
           WHERE { { SELECT ?s ?c WHERE { ?s a dip:Quotation ; dip:confidence ?c } LIMIT 1 } }""",
        "dip:confidence", "xsd:double"),
    "start after end": (
        """DELETE { ?s dip:start ?b } INSERT { ?s dip:start 99999 }
           WHERE { { SELECT ?s ?b WHERE { ?s a dip:Sentence ; dip:start ?b } LIMIT 1 } }""",
        "dip:start", "less than its dip:end"),
    "sentence without article": (
        "DELETE WHERE { ?s dip:inArticle ?a }",
        "dip:inArticle", "dip:Article"),
    "statement without sentence": (
        """DELETE { ?s prov:wasDerivedFrom ?x }
           WHERE { { SELECT ?s ?x WHERE { ?s a dip:Accuse ; prov:wasDerivedFrom ?x } LIMIT 1 } }""",
        "prov:wasDerivedFrom", "at least one dip:Sentence"),
    "untyped subject": (
        "DELETE WHERE { ?p a dip:Person ; rdfs:label \"Donald Trump\" }",
        "dip:subject", "dip:subject"),
    "two labels": (
        """INSERT { ?p rdfs:label "Trump" }
           WHERE { ?p a dip:Person ; rdfs:label "Donald Trump" }""",
        "rdfs:label", "exactly one rdfs:label"),
    "lowercase country code": (
        """DELETE { ?c dip:countryCode ?x } INSERT { ?c dip:countryCode "usa" }
           WHERE { ?c dip:countryCode ?x FILTER(?x = "USA") }""",
        "dip:countryCode", "three capital letters"),
    "date as a string": (
        """DELETE { ?a schema:datePublished ?d } INSERT { ?a schema:datePublished "16 Oct 2025" }
           WHERE { ?a schema:datePublished ?d }""",
        "schema:datePublished", "xsd:date"),
    "position without role": (
        "DELETE { ?p dip:role ?r } WHERE { ?p a dip:PositionHolding ; dip:role ?r }",
        "dip:role", "exactly one dip:role"),
    "quotation without quote": (
        "DELETE { ?q dip:quote ?w } WHERE { ?q a dip:Quotation ; dip:quote ?w }",
        "dip:quote", "exactly one dip:quote"),
    "relation of another class": (
        """DELETE { ?s dip:relation rel:CONSULT } INSERT { ?s dip:relation rel:ACCUSE }
           WHERE { { SELECT ?s WHERE { ?s a dip:Consult } LIMIT 1 } }""",
        "dip:relation", "must have the relation rel:CONSULT"),
    "relation outside the vocabulary": (
        """DELETE { ?s dip:relation ?r } INSERT { ?s dip:relation rel:GOSSIP }
           WHERE { { SELECT ?s ?r WHERE { ?s a dip:OpenRelation ; dip:relation ?r } LIMIT 1 } }""",
        "dip:relation", "relation scheme"),
    "event not typed dip:Event": (
        "DELETE { ?s a dip:Event } WHERE { ?s a dip:Request }",
        "rdf:type", "typed dip:Event"),
    "role on an event": (
        """INSERT { ?s dip:role "President" }
           WHERE { { SELECT ?s WHERE { ?s a dip:Agree } LIMIT 1 } }""",
        None, "Only a dip:PositionHolding may have a dip:role"),
    "event without factuality": (
        """DELETE { ?s dip:factuality ?f }
           WHERE { { SELECT ?s ?f WHERE { ?s a dip:Consult ; dip:factuality ?f } LIMIT 1 } }""",
        "dip:factuality", "exactly one dip:factuality"),
    "factuality outside its scheme": (
        """DELETE { ?s dip:factuality ?f } INSERT { ?s dip:factuality fact:rumoured }
           WHERE { { SELECT ?s ?f WHERE { ?s a dip:Consult ; dip:factuality ?f } LIMIT 1 } }""",
        "dip:factuality", "factuality scheme"),
    "mode that is no concept": (
        """DELETE { ?s dip:mode ?m } INSERT { ?s dip:mode "phone" }
           WHERE { { SELECT ?s ?m WHERE { ?s dip:mode ?m } LIMIT 1 } }""",
        "dip:mode", "mode scheme"),
    "time that is no ISO date": (
        """DELETE { ?s dip:time ?t } INSERT { ?s dip:time "last Thursday" }
           WHERE { { SELECT ?s ?t WHERE { ?s dip:time ?t } LIMIT 1 } }""",
        "dip:time", "ISO 8601"),
    "earliest after latest": (
        """INSERT { ?s dip:earliestDate "2030-01-01"^^xsd:date }
           WHERE { { SELECT ?s WHERE { ?s dip:latestDate ?d
                     FILTER NOT EXISTS { ?s dip:earliestDate ?e } } LIMIT 1 } }""",
        "dip:earliestDate", "must not come after its dip:latestDate"),
    "place on an article": (
        """INSERT { ?a dip:place ?p } WHERE { ?a a dip:Article . ?e dip:place ?p }""",
        None, "Only a dip:Event may have a factuality, time, place, mode or context"),
    "post in nothing": (
        "DELETE WHERE { ?p org:postIn ?o }",
        "org:postIn", "exactly one country or organisation"),
    "post held by a country": (
        """INSERT { ?c org:holds ?p } WHERE { ?p a dip:Position . ?c a dip:Country }""",
        None, "Only a dip:Person may org:holds a post"),
}


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_broken_graph_fails_with_a_clear_report(seed_graph: rdflib.Graph, name: str) -> None:
    update, path, message = BREAKAGES[name]
    report = validate_graph(_break(seed_graph, update))
    assert not report.conforms
    assert any(v.path == path and message in v.message for v in report.violations), report.text()
    # Without its document id, the article is named by the last part of its IRI.
    article = SEED_ID if name != "no document id" else iri.article(SEED_ID).rsplit("/", 1)[-1]
    assert {v.article for v in report.violations} == {article}
    lines = report.text().splitlines()
    assert lines[0].startswith("does not conform: 1 articles, ")
    assert lines[1].startswith("article ")
    assert all(line.startswith("  Violation: ") for line in lines[2:])


def test_relation_and_class_agree_both_ways(seed_graph: rdflib.Graph) -> None:
    # A statement typed dip:Consult only, with another class's relation, is caught twice:
    # by the dip:Consult shape and by the shape of the relation's statements.
    _break(seed_graph, """DELETE { ?s dip:relation rel:CONSULT } INSERT { ?s dip:relation rel:AID }
                          WHERE { { SELECT ?s WHERE { ?s a dip:Consult } LIMIT 1 } }""")
    report = validate_graph(seed_graph)
    messages = {v.message for v in report.violations}
    assert "A dip:Consult event must have the relation rel:CONSULT." in messages
    assert "A statement with the relation rel:AID must be a dip:Aid." in messages
    (reverse,) = [v for v in report.violations if v.path == "^dip:relation"]
    assert reverse.focus == "rel:AID" and reverse.value.startswith("kgr:statement/")


def test_validate_graph_leaves_its_graph_alone(seed_graph: rdflib.Graph) -> None:
    before = set(seed_graph)
    assert validate_graph(seed_graph).conforms
    assert set(seed_graph) == before


def test_broken_store_names_the_article(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    kg.build([SEEDS], store=store)
    graph = iri.article_graph(SEED_ID)
    confidence = ox.NamedNode(str(DIP.confidence))
    quads = [q for q in store.quads() if q.graph_name.value == graph]
    broken = [ox.Quad(q.subject, q.predicate, ox.Literal("7", datatype=q.object.datatype),
                      q.graph_name)
              if q.predicate == confidence and q.object.value.startswith("0.85") else q
              for q in quads]
    store.replace_articles([(SEED_ID, broken)])
    report = validate(store)
    assert not report.conforms and report.articles == 1
    assert {v.article for v in report.violations} == {SEED_ID}
    assert {v.path for v in report.violations} == {"dip:confidence"}
    assert {float(v.value.strip("'")) for v in report.violations} == {7.0}
    text = report.text()
    assert text.splitlines()[1] == f"article {SEED_ID} ({len(report.violations)})"
    assert "A statement must have exactly one dip:confidence, an xsd:double from 0 to 1." in text


def test_a_graph_must_hold_its_one_article(seed_graph: rdflib.Graph) -> None:
    bare = validate_graph(rdflib.Graph().parse(data="<urn:a> <urn:b> <urn:c> .", format="nt"))
    assert [v.message for v in bare.violations] == [
        "An article graph must hold exactly one dip:Article, not 0."]
    moved = validate_graph(seed_graph, graph_iri=iri.article_graph("elsewhere"))
    assert [v.message.split(" (")[0] for v in moved.violations] == [
        "The article's graph is not the one minted from its dip:documentId"]
    _break(seed_graph, "DELETE WHERE { ?a a dip:Article }")
    report = validate_graph(seed_graph)
    assert report.violations[0].message == (
        "An article graph must hold exactly one dip:Article, not 0.")
    assert any(v.path == "dip:inArticle" for v in report.violations)  # points at no Article


def test_report_text_groups_by_article() -> None:
    report = ValidationReport(3, [
        Violation("a", "kgr:statement/1", "dip:confidence", "bad", value="'7'"),
        Violation("b", "kgr:entity/person/x", "rdfs:label", "two labels"),
        Violation("a", "kgr:article/a", "dip:documentId", "missing"),
    ])
    assert report.text().splitlines() == [
        "does not conform: 3 articles, 3 violations in 2 articles",
        "article a (2)",
        "  Violation: kgr:statement/1 dip:confidence: bad (value: '7')",
        "  Violation: kgr:article/a dip:documentId: missing",
        "article b (1)",
        "  Violation: kgr:entity/person/x rdfs:label: two labels",
    ]
    assert str(report) == report.text()
    warning = ValidationReport(1, [Violation("a", "f", None, "hm", severity="Warning")])
    assert warning.conforms and warning.text().startswith("conforms: 1 articles, 0 violations")


def test_to_rdflib_keeps_every_triple(seed_store: Store) -> None:
    graph = iri.article_graph(SEED_ID)
    quads = [q for q in seed_store.quads() if q.graph_name.value == graph]
    converted = to_rdflib(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    assert len(converted) == len(quads)
    assert converted.isomorphic(next(iter(article_graphs(seed_store)))[1])
    typed = rdflib.Literal("0.85", datatype=rdflib.XSD.double)
    assert typed in set(converted.objects(None, rdflib.URIRef(str(DIP.confidence))))


# -- the shapes themselves --------------------------------------------------------------------


def test_shapes_are_shipped_and_parse() -> None:
    assert shapes_path().is_file() and shapes_path().name == "shapes.ttl"
    assert len(load_shapes()) > 300


def test_every_class_of_the_ontology_has_a_shape() -> None:
    shapes = load_shapes()
    targeted = set(shapes.objects(None, SH.targetClass))
    ours = {c for c in ontology().subjects(RDF.type, OWL.Class) if str(c).startswith(str(DIP))}
    assert ours - targeted == set()
    targeted_nodes = set(shapes.objects(None, SH.targetNode))
    for term in relations().values():
        assert rdflib.URIRef(term.concept) in targeted_nodes, term.code
        if term.family:
            assert rdflib.URIRef(term.statement_class) in targeted, term.code


def test_every_shape_reads_well_in_a_report() -> None:
    shapes = load_shapes()
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert shapes.value(shape, RDFS.label) is not None, shape
    for prop in shapes.objects(None, SH.property):
        message = shapes.value(prop, SH.message)
        assert message is not None and str(message).endswith("."), prop
    relation_concepts = {rdflib.URIRef(t.concept) for t in relations().values()}
    for lst in shapes.objects(None, SH["in"]):
        members = set(rdflib.collection.Collection(shapes, lst))
        if members & relation_concepts:
            assert members <= relation_concepts | {REL[c] for c in relations()}, members


# -- the ontology README -----------------------------------------------------------------------


def _diagram_script():
    return load_script(ROOT / "scripts" / "ontology_diagram.py")


def test_the_readme_diagram_is_up_to_date() -> None:
    script = _diagram_script()
    assert script.update(README) == README.read_text(encoding="utf-8"), (
        "ontology/README.md is out of date: run python scripts/ontology_diagram.py")
    assert script.main(["--check"]) == 0


def test_the_diagram_shows_the_model() -> None:
    lines = _diagram_script().diagram().splitlines()
    for line in ("    Actor <|-- Person", "    Statement <|-- Event", "    Event <|-- Consult",
                 "    Statement --> Sentence : prov:wasDerivedFrom",
                 "    Sentence --> Article : inArticle", "        +double confidence"):
        assert line in lines
    assert not any("consults" in line for line in lines)  # drawn by cooperationWith


def _readme_queries() -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_a_query_per_main_class() -> None:
    queries = _readme_queries()
    for cls in ("Article", "Sentence", "Statement", "Event", "PositionHolding", "Quotation",
                "Person", "Country", "Consult", "Position"):
        assert any(f"dip:{cls} " in q or f"dip:{cls} ;" in q for q in queries), cls
    for prop in ("factuality", "time", "place", "mode"):
        assert any(re.search(rf"dip:{prop}[ /]", q) for q in queries), prop


@pytest.mark.parametrize("number", range(11))
def test_the_readme_queries_answer_on_the_seed(seed_store: Store, number: int) -> None:
    queries = _readme_queries()
    assert len(queries) == 11
    result = kg.query(queries[number], store=seed_store)
    assert result.rows, queries[number]
    assert all(any(v is not None for v in row.values()) for row in result.rows)
