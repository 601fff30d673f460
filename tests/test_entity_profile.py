"""The profile ``kg show`` prints answers what the plain queries over the statements answer.

Its counts, counterparts and pages read the rows each article's graph keeps for its
entities (``kg/graph/entity_summaries.py``) and the days of the entity's articles. Each part
is held here against the plain graph patterns it stands for, on real built stores (the
seed article; the whole corpus, after its entity pass, which moves nodes of one article
onto one) and on a store whose articles were replaced, so that the rows are shown to
follow the articles.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import SyntheticArticles

import kg
from kg.graph.store import Store
from kg.queries import run_query
from kg.queries.entity import entity_rows, entity_table
from kg.queries.profile import entity_profile, linked, statements

# The plain shapes: every statement that names the entity, joined to its relation,
# counterpart and article.
NAMED = """{ ?st dip:subject ENTITY BIND("out" AS ?direction) OPTIONAL { ?st dip:object ?other } }
  UNION { ?st dip:object ENTITY ; dip:subject ?other BIND("in" AS ?direction) }"""
PLAIN_RELATIONS = """
SELECT ?code ?direction (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  GRAPH ?g { NAMED ?st dip:relation ?rel }
  BIND(STRAFTER(STR(?rel), "/relation/") AS ?code)
}
GROUP BY ?code ?direction"""
PLAIN_LINKED = """
SELECT ?other (COUNT(DISTINCT ?g) AS ?articles) WHERE {
  GRAPH ?g { NAMED ?st dip:relation ?rel }
  FILTER(BOUND(?other) && ?other != ENTITY ONLY)
}
GROUP BY ?other ORDER BY DESC(?articles) ?other LIMIT 10"""
PLAIN_COUNT = """
SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE { GRAPH ?g { ?st a dip:Statement . NAMED } }"""


def plain(store: Store, query: str, iri: str, only: str = "") -> list[dict]:
    node = str(ox.NamedNode(iri))
    return run_query(store, query.replace("NAMED", NAMED).replace("ONLY", only)
                     .replace("ENTITY", node)).rows


def assert_profiles_as_plainly(store: Store, rows: list) -> None:
    for row in rows:
        (profile,) = [p for p in entity_profile(store, row.name, limit=0) if p.entity == row]
        node = ox.NamedNode(row.iri)
        relations = plain(store, PLAIN_RELATIONS, row.iri)
        assert sorted(profile.relations) == sorted(
            (r["code"], r["direction"], r["articles"]) for r in relations), row.name
        assert profile.statement_count == plain(store, PLAIN_COUNT, row.iri)[0]["n"], row.name
        for got, want in (
                (profile.counterparts, plain(store, PLAIN_LINKED, row.iri)),
                (profile.member_of, plain(store, PLAIN_LINKED, row.iri,
                                          '&& ?direction = "out" && ?rel = rel:MEMBER_OF')),
                (profile.members, plain(store, PLAIN_LINKED, row.iri,
                                        '&& ?direction = "in" && ?rel = rel:MEMBER_OF'))):
            assert [(x.iri, x.articles) for x in got] == [
                (r["other"], r["articles"]) for r in want], row.name
        assert_pages_as_the_whole_list(store, node, profile.statement_count)


def assert_pages_as_the_whole_list(store: Store, node: ox.NamedNode, count: int) -> None:
    whole = statements(store, node, None)
    assert len(whole) == count
    # newest article first (undated last), then article, relation, statement
    keys = [(str(st["date"] or ""), st["g"], st["relation"], st["st"]) for st in whole]
    assert keys == sorted(keys, key=lambda k: (_descending(k[0]), *k[1:]))
    for limit, offset in ((20, 0), (1, 0), (3, 2), (7, 5), (20, count - 3), (5, count + 1)):
        assert statements(store, node, limit, offset) == whole[offset:offset + limit], \
            (node, limit, offset)


def _descending(day: str) -> tuple[int, ...]:
    return (*(-ord(c) for c in day), 1)  # "" (undated) after every day


def test_a_profile_answers_as_the_plain_queries_on_the_seed(seed_store: Store) -> None:
    table = entity_table(seed_store)
    profile = kg.show("vladimir putin", store=seed_store)[0]
    assert profile.counterparts and profile.relations and profile.posts  # something to say
    assert profile.countries == ["RUS"]  # from the post he holds
    assert_profiles_as_plainly(seed_store, table)


def test_a_profile_answers_as_the_plain_queries_on_the_corpus(corpus_store: Store) -> None:
    # after the entity pass, which moves nodes of one article onto one
    table = entity_table(corpus_store)
    sample = table[:10] + table[10::97]
    assert_profiles_as_plainly(corpus_store, sample)
    assert sum(len(kg.show(row.name, store=corpus_store)[0].member_of) for row in sample) > 0


def test_the_rows_of_a_few_entities_are_their_rows_of_the_whole_table(
        corpus_store: Store) -> None:
    table = entity_table(corpus_store)
    some = [row.iri for row in table[::50]]
    assert entity_rows(corpus_store, some) == entity_table(corpus_store, iris=some)


def test_a_profile_follows_articles_that_are_replaced(
        synthetic_articles: SyntheticArticles) -> None:
    store = synthetic_articles.store
    synthetic_articles.write(seed=8, articles=30)
    top = entity_table(store)[0]
    before = kg.show(top.name, store=store)[0]
    synthetic_articles.write(seed=9, articles=10)  # the same ids, other statements
    after = kg.show(top.name, store=store)[0]
    assert (after.relations, after.statements) != (before.relations, before.statements)
    assert_profiles_as_plainly(store, entity_table(store)[:15])


def test_the_most_linked_are_ordered_by_articles_then_by_iri(seed_store: Store) -> None:
    (putin,) = [r for r in entity_table(seed_store) if r.name == "Vladimir Putin"]
    node = ox.NamedNode(putin.iri)
    every = linked(seed_store, node, top=1000)
    assert every == sorted(every, key=lambda x: (-x.articles, x.iri))
    assert linked(seed_store, node, top=2) == every[:2]
    assert all(x.name for x in every)


@pytest.mark.parametrize("offset", [0, 4])
def test_show_pages_its_statements(seed_store: Store, offset: int) -> None:
    (whole,) = kg.show("united states", store=seed_store, limit=None)
    (page,) = kg.show("united states", store=seed_store, limit=3, offset=offset)
    assert page.statements == whole.statements[offset:offset + 3]
    assert page.statement_count == len(whole.statements) > 6
