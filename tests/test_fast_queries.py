"""The named queries' fast shapes answer what the plain joins answer.

Some named queries read precomputed counts (``kg/graph/summaries.py``), and ``kg show``
finds names through a folded-name index. Each is held here against the plain graph
patterns it stands for, on real built stores (the seed article; the whole corpus, after
its entity pass) and on a store whose articles were replaced, so that the counts are shown
to follow the articles.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, load_script

import kg
from kg.graph.rdf import Run, reading_quads
from kg.graph.store import Store
from kg.queries.entity import find_entities

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


def assert_same_answers(store: Store) -> None:
    for name, plain in PLAIN.items():
        fast, joined = kg.query(name, store=store), kg.query(plain, store=store)
        assert fast.columns == joined.columns, name
        assert fast.rows == joined.rows, name


def test_fast_shapes_answer_as_the_plain_joins_on_the_seed(seed_store: Store) -> None:
    assert kg.query("events-by-type", store=seed_store).rows  # something is counted
    assert_same_answers(seed_store)


def test_fast_shapes_answer_as_the_plain_joins_on_the_corpus(corpus_store: Store) -> None:
    months = kg.query("events-by-month", store=corpus_store).rows
    assert len({row["month"] for row in months}) > 12  # events dated by the text and articles
    assert any(row["planned"] for row in kg.query("events-by-type", store=corpus_store).rows)
    assert kg.query("country-relations", store=corpus_store).rows
    assert_same_answers(corpus_store)


def test_counts_follow_articles_that_are_replaced(seed_store: Store, tmp_path: Path) -> None:
    synthetic = load_script(ROOT / "benchmarks" / "synthetic.py")
    vocabulary = synthetic.Vocabulary.from_store(seed_store)
    run = Run("kg test", "synthetic", "2025-01-01T00:00:00Z")
    store = Store(tmp_path / "store")
    store.ensure_ontology()

    def write(seed: int, articles: int) -> None:
        readings = synthetic.synthetic_readings(vocabulary, seed=seed)
        store.replace_articles([(r.document.id, list(reading_quads(r, run)))
                                for r in (next(readings) for _ in range(articles))])

    write(seed=8, articles=30)
    before = kg.query("events-by-type", store=store).rows
    write(seed=9, articles=10)  # the same ids, other statements: ten articles rewritten
    after = kg.query("events-by-type", store=store).rows
    assert after != before
    assert sum(r["events"] for r in after) == len(list(store.query(
        "SELECT ?st WHERE { ?st a dip:Event }")))
    assert_same_answers(store)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_the_fast_shapes_read_counts_not_statements(name: str) -> None:
    text = kg.named_queries()[name]
    assert "sum:" in text and "dip:subject" not in text


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
