"""The named queries' fast shapes answer what the plain joins answer.

Some named queries read precomputed counts and rows (``kg/graph/summaries.py``), and ``kg
show`` finds names through a folded-name index. Each is held here against the plain graph
patterns it stands for, on real built stores (the seed article; the whole corpus, after
its entity pass), on a store whose articles were replaced, so that the counts are shown
to follow the articles, and on one whose entities the entity pass renamed and merged, so
that the rows are shown to follow the entities.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, SyntheticArticles, load_script

import kg
from kg.graph.rdf import Run
from kg.graph.store import Store
from kg.graph.totals import tracking
from kg.queries.entity import find_entities
from kg.resolve.corpus import Node, Target, _rename

# The plain joins: every event touched, as the queries read before the counts.
_MONTH = """
  OPTIONAL { GRAPH ?g { ?st dip:time ?time }
             FILTER(REGEX(?time, "^\\\\d{4}-\\\\d{2}(-\\\\d{2})?$")) }
  OPTIONAL { GRAPH ?g { ?article a dip:Article ; schema:datePublished ?date } }
  BIND(COALESCE(SUBSTR(?time, 1, 7), SUBSTR(STR(?date), 1, 7), "undated") AS ?month)"""

PLAIN = {
    "events-by-type": """
SELECT ?type (COUNT(DISTINCT ?st) AS ?events) (COUNT(DISTINCT ?plan) AS ?planned)
WHERE {
  VALUES ?fact { fact:asserted fact:planned }
  ?st dip:factuality ?fact ; a dip:Event ; dip:relation ?rel .
  ?rel skos:prefLabel ?type .
  BIND(IF(?fact = fact:planned, ?st, ?none) AS ?plan)
}
GROUP BY ?type ORDER BY DESC(?events) ?type""",
    "events-by-month": """
SELECT ?month ?type (COUNT(DISTINCT ?st) AS ?events)
WHERE {
  VALUES ?fact { fact:asserted fact:planned }
  GRAPH ?g { ?st dip:factuality ?fact ; a dip:Event ; dip:relation ?rel }
  ?rel skos:prefLabel ?type .""" + _MONTH + """
}
GROUP BY ?month ?type ORDER BY ?month DESC(?events) ?type""",
    "country-relations": """
SELECT ?month ?actor ?recipient ?type (COUNT(DISTINCT ?st) AS ?events)
WHERE {
  VALUES ?fact { fact:asserted fact:planned }
  GRAPH ?g { ?st dip:factuality ?fact ; a dip:Event ; dip:relation ?rel ;
                 dip:subject ?a ; dip:object ?r .
             ?a a dip:Country ; rdfs:label ?actor . ?r a dip:Country ; rdfs:label ?recipient }
  ?rel skos:prefLabel ?type .""" + _MONTH + """
}
GROUP BY ?month ?actor ?recipient ?type ORDER BY ?month ?actor ?recipient ?type""",
}
COUNTED = sorted(PLAIN)  # the queries that sum counts

# The plain joins of the lists, in the named queries' order.
PLAIN |= {
    "who-met-whom": """
SELECT ?actor ?recipient ?time ?place ?mode ?date ?doc ?sentence
WHERE {
  GRAPH ?g {
    ?st a dip:Consult ; dip:factuality fact:asserted ; dip:subject/rdfs:label ?actor ;
        dip:object/rdfs:label ?recipient ; prov:wasDerivedFrom/dip:text ?sentence .
    ?article a dip:Article ; dip:documentId ?doc
    OPTIONAL { ?article schema:datePublished ?date }
    OPTIONAL { ?st dip:time ?time }
    OPTIONAL { ?st dip:place/rdfs:label ?place }
    OPTIONAL { ?st dip:mode ?modeConcept }
  }
  BIND(STRAFTER(STR(?modeConcept), "/mode/") AS ?mode)
}
ORDER BY ?date ?doc ?actor ?recipient ?time ?place ?mode ?sentence""",
    "quotations": """
SELECT ?speaker ?quote ?doc
WHERE {
  GRAPH ?g {
    ?st a dip:Quotation ; dip:subject/rdfs:label ?speaker ; dip:quote ?quote .
    ?article a dip:Article ; dip:documentId ?doc .
    OPTIONAL { ?article schema:datePublished ?date }
  }
}
ORDER BY DESC(?date) ?doc ?speaker ?quote""",
    "posts": """
SELECT ?post ?title ?of ?holder (COUNT(DISTINCT ?g) AS ?articles)
WHERE {
  GRAPH ?g {
    ?p a org:Post ; rdfs:label ?post ; dip:title ?title ; org:postIn/rdfs:label ?of .
    ?person org:holds ?p ; rdfs:label ?holder .
  }
}
GROUP BY ?post ?title ?of ?holder ORDER BY ?of ?title ?holder ?post""",
    "sectors": """
SELECT ?actorSector ?type ?recipientSector (COUNT(DISTINCT ?st) AS ?events)
WHERE {
  GRAPH ?g { ?st dip:factuality fact:asserted ; dip:relation ?rel }
  OPTIONAL { GRAPH ?g { ?st dip:subject/dip:sector ?as } ?as skos:prefLabel ?actorLabel }
  OPTIONAL { GRAPH ?g { ?st dip:object/dip:sector ?rs } ?rs skos:prefLabel ?recipientLabel }
  FILTER(BOUND(?actorLabel) || BOUND(?recipientLabel))
  ?rel skos:prefLabel ?type .
  BIND(COALESCE(STR(?actorLabel), "-") AS ?actorSector)
  BIND(COALESCE(STR(?recipientLabel), "-") AS ?recipientSector)
}
GROUP BY ?actorSector ?type ?recipientSector
ORDER BY DESC(?events) ?actorSector ?type ?recipientSector""",
    "entities": """
SELECT ?entity ?name ?type ?mentions ?articles
WHERE {
  { SELECT ?entity (SUM(?count) AS ?mentions) (COUNT(DISTINCT ?g) AS ?articles)
    WHERE { GRAPH ?g { ?entity dip:mentionCount ?count } } GROUP BY ?entity }
  { SELECT DISTINCT ?entity ?name WHERE { GRAPH ?g { ?entity rdfs:label ?name } } }
  { SELECT DISTINCT ?entity ?type WHERE {
      GRAPH ?g { ?entity a ?class } ?class rdfs:subClassOf dip:Actor .
      BIND(STRAFTER(STR(?class), "#") AS ?type) } }
}
ORDER BY DESC(?mentions) ?name ?type ?entity""",
}


def assert_same_answers(store: Store) -> None:
    for name, plain in PLAIN.items():
        fast, joined = kg.query(name, store=store), kg.query(plain, store=store)
        assert fast.columns == joined.columns, name
        assert fast.rows == joined.rows, name


def test_fast_shapes_answer_as_the_plain_joins_on_the_seed(seed_store: Store) -> None:
    assert kg.query("events-by-type", store=seed_store).rows  # something is counted
    for name in ("who-met-whom", "quotations", "posts", "entities"):
        assert kg.query(name, store=seed_store).rows, name  # something is listed
    assert_same_answers(seed_store)


def test_fast_shapes_answer_as_the_plain_joins_on_the_corpus(corpus_store: Store) -> None:
    months = kg.query("events-by-month", store=corpus_store).rows
    assert len({row["month"] for row in months}) > 12  # events dated by the text and articles
    assert any(row["planned"] for row in kg.query("events-by-type", store=corpus_store).rows)
    assert kg.query("country-relations", store=corpus_store).rows
    assert kg.query("sectors", store=corpus_store).rows
    assert_same_answers(corpus_store)


def test_counts_follow_articles_that_are_replaced(
        synthetic_articles: SyntheticArticles) -> None:
    store = synthetic_articles.store
    synthetic_articles.write(seed=8, articles=30)
    before = kg.query("events-by-type", store=store).rows
    synthetic_articles.write(seed=9, articles=10)  # the same ids, other statements
    after = kg.query("events-by-type", store=store).rows
    assert after != before
    assert sum(r["events"] for r in after) == len(list(store.query(
        "SELECT ?st WHERE { ?st a dip:Event }")))
    assert_same_answers(store)


def node_of(store: Store, kind: str, where: str) -> Node:
    """An entity node of the store of class ``kind`` that matches ``where``, the most
    mentioned one in its graph."""
    row = next(iter(store.query(f"""
        SELECT ?g ?e ?label ?n WHERE {{ GRAPH ?g {{ ?e a dip:{kind} ; rdfs:label ?label ;
                                              dip:mentionCount ?n . {where} }} }}
        ORDER BY DESC(?n) ?g ?e LIMIT 1""")))
    return Node(row["g"].value, row["e"].value, row["label"].value, kind, int(row["n"].value))


def test_rows_follow_the_entities_the_entity_pass_renames_and_merges(
        seed_store: Store, tmp_path: Path) -> None:
    synthetic = load_script(ROOT / "benchmarks" / "synthetic.py")
    store = Store(tmp_path / "store")
    synthetic.fill(store, synthetic.Vocabulary.from_store(seed_store), 60_000,
                   Run("kg test", "synthetic", "2025-01-01T00:00:00Z"))
    sectored = node_of(store, "Organisation", "?e dip:sector ?s . ?st dip:subject ?e")
    speaker = node_of(store, "Person", "?st a dip:Quotation ; dip:subject ?e")
    # a person of the same graph without a sector, merged into the sectored organisation:
    # its statements now have a sectored actor
    merged = node_of(store, "Person", f"FILTER(?g = <{sectored.graph}> && ?e != <{speaker.iri}>)"
                     " ?st dip:subject ?e")
    sectors = kg.query("sectors", store=store).rows
    # as the entity pass writes its renames: the totals across articles follow the graphs
    with tracking(store, sorted({speaker.graph, sectored.graph})) as mark:
        store.update(" ;\n".join([
            _rename(speaker, Target("Speaker Renamed", "Person"), speaker.mentions),
            _rename(sectored, Target("Riot Police Renamed", "Organisation"), sectored.mentions),
            _rename(merged, Target("Riot Police Renamed", "Organisation"),
                    sectored.mentions + merged.mentions), mark]))
    assert "Speaker Renamed" in {row["speaker"] for row in kg.query("quotations", store=store).rows}
    assert kg.query("sectors", store=store).rows != sectors
    assert_same_answers(store)


@pytest.mark.parametrize("name", COUNTED)
def test_the_fast_shapes_read_counts_not_statements(name: str) -> None:
    text = kg.named_queries()[name]
    assert "kg-diplomacy/totals/" in text and "dip:subject" not in text


# The plain name look-up: every label and alias of the store lower-cased and compared.
PLAIN_FIND = """
SELECT DISTINCT ?entity WHERE {
  GRAPH ?g { { ?entity rdfs:label ?label } UNION { ?entity skos:altLabel ?label } }
  FILTER(LCASE(STR(?label)) = LCASE(NAME))
  FILTER EXISTS { GRAPH ?g { ?entity dip:mentionCount ?c } }
}"""


def assert_names_found_as_plainly(store: Store, names: list[str]) -> None:
    for name in names:
        plain = kg.query(PLAIN_FIND.replace("NAME", str(ox.Literal(name))), store=store)
        assert find_entities(store, name) == sorted(r["entity"] for r in plain.rows), name


def every_name(store: Store) -> list[str]:
    rows = kg.query("SELECT DISTINCT ?name WHERE { GRAPH ?g { ?e dip:mentionCount ?c . "
                    "{ ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } } }",
                    store=store).rows
    return sorted(str(row["name"]) for row in rows)


def test_names_are_found_through_the_index_as_plainly_on_the_seed(seed_store: Store) -> None:
    names = every_name(seed_store)
    assert len(names) > 20
    # in another case, and names no entity has
    assert_names_found_as_plainly(seed_store, names + [n.upper() for n in names[::3]]
                                  + ["Nobody At All", ""])


def test_names_are_found_through_the_index_as_plainly_on_the_corpus(
        corpus_store: Store) -> None:
    # after the entity pass, which renames nodes and takes glued names away
    names = every_name(corpus_store)
    assert len(names) > 2000
    assert_names_found_as_plainly(corpus_store, names[::25] + [n.lower() for n in names[1::25]])
