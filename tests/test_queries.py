"""Each named query answers on the seed article with the rows the article supports."""

from __future__ import annotations

from itertools import pairwise

import pyoxigraph as ox
import pytest

import kg
from kg.graph.namespaces import SCHEMA
from kg.graph.store import Store
from kg.queries import ARTICLE_ORDERS, QueryError, query_options, query_pages


def rows(name: str, store: Store) -> list[dict]:
    return kg.query(name, store=store).rows


def test_every_named_query_runs_and_says_what_it_answers(seed_store: Store) -> None:
    from kg.queries import describe_query

    for name, text in kg.named_queries().items():
        assert describe_query(text), name
        kg.query(name, store=seed_store)


def test_who_met_whom_has_the_trump_putin_call_dated(seed_store: Store) -> None:
    met = rows("who-met-whom", seed_store)
    call = [r for r in met if {r["actor"], r["recipient"]} == {"Donald Trump", "Vladimir Putin"}]
    assert call and all(r["date"] == "2025-10-16" for r in call)
    phone = [r for r in call if "phone conversation" in r["sentence"]]
    assert phone and {(r["time"], r["mode"]) for r in phone} == {("../2025-10-16", "phone")}
    # only meetings that happened: the summit they agreed to hold is not among them
    assert not any(r["place"] == "Hungary" for r in call)


# The plain graph patterns that statements.rq and event-settings.rq answer, one per
# statement: the queries join one subquery per pattern for speed and must keep these rows.
PLAIN = {
    "statements": """
SELECT ?doc ?subject ?subjectType ?relation ?event ?factuality ?label ?object ?objectType
       ?role ?quote ?time ?place ?mode ?context ?sentence ?start ?end ?confidence ?extractor
WHERE {
  GRAPH ?g {
    ?st dip:relation ?rel ; dip:subject ?s ; dip:confidence ?confidence ;
        dip:extractor ?extractor ; prov:wasDerivedFrom ?sent .
    ?s rdfs:label ?subject ; a ?subjectClass .
    ?sent dip:text ?sentence ; dip:start ?start ; dip:end ?end ; dip:inArticle ?article .
    ?article dip:documentId ?doc .
    OPTIONAL { ?st dip:object ?o . ?o rdfs:label ?object ; a ?objectClass . }
    OPTIONAL { ?st dip:objectText ?object }
    OPTIONAL { ?st dip:role ?role }
    OPTIONAL { ?st dip:quote ?quote }
    OPTIONAL { ?st dip:label ?label }
    OPTIONAL { ?st dip:factuality ?fact }
    OPTIONAL { ?st dip:time ?time }
    OPTIONAL { ?st dip:place/rdfs:label ?place }
    OPTIONAL { ?st dip:mode ?modeConcept }
    OPTIONAL { ?st dip:context ?contextConcept }
  }
  ?rel skos:prefLabel ?code .
  BIND(STRAFTER(STR(?fact), "/factuality/") AS ?factuality)
  BIND(STRAFTER(STR(?modeConcept), "/mode/") AS ?mode)
  BIND(STRAFTER(STR(?contextConcept), "/context/") AS ?context)
  BIND(IF(BOUND(?fact) && ?fact != fact:asserted, "OTHER", STR(?code))
       AS ?relation)
  BIND(IF(BOUND(?fact), STR(?code), ?unbound) AS ?event)
  BIND(STRAFTER(STR(?subjectClass), "#") AS ?subjectType)
  BIND(STRAFTER(STR(?objectClass), "#") AS ?objectType)
}""",
    "event-settings": """
SELECT ?doc ?type ?factuality ?actor ?recipient ?time ?timeText ?place ?mode ?context ?sentence
WHERE {
  GRAPH ?g {
    ?st a dip:Event ; dip:relation ?rel ; dip:factuality ?fact ;
        dip:subject/rdfs:label ?actor ; prov:wasDerivedFrom/dip:text ?sentence .
    ?article a dip:Article ; dip:documentId ?doc .
    OPTIONAL { ?st dip:object/rdfs:label ?recipient }
    OPTIONAL { ?st dip:time ?time ; dip:timeText ?timeText }
    OPTIONAL { ?st dip:place/rdfs:label ?place }
    OPTIONAL { ?st dip:mode ?modeConcept }
    OPTIONAL { ?st dip:context ?contextConcept }
  }
  ?rel skos:prefLabel ?type .
  BIND(STRAFTER(STR(?fact), "/factuality/") AS ?factuality)
  BIND(STRAFTER(STR(?modeConcept), "/mode/") AS ?mode)
  BIND(STRAFTER(STR(?contextConcept), "/context/") AS ?context)
}""",
}

# The documented order of each: the first keys as ever, then every other column, so that
# the order is total (a build of the same articles always exports the same lines).
ORDER = {
    "statements": ["doc", "start", "relation", "subject", "object", "end", "event",
                   "factuality", "label", "subjectType", "objectType", "role", "quote", "time",
                   "place", "mode", "context", "confidence", "extractor", "sentence"],
    "event-settings": ["doc", "type", "actor", "recipient", "factuality", "time", "timeText",
                       "place", "mode", "context", "sentence"],
}


def sparql_order(row: dict, keys: list[str]) -> tuple:
    """SPARQL's ORDER BY key of a row: an unbound value first, then by value."""
    return tuple((row[k] is not None, row[k] if row[k] is not None else 0) for k in keys)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_shaped_query_answers_the_rows_of_the_plain_patterns(seed_store: Store,
                                                             name: str) -> None:
    shaped = kg.query(name, store=seed_store)
    plain = kg.query(PLAIN[name], store=seed_store)
    assert shaped.columns == plain.columns
    assert len(shaped.rows) > 10
    listed = sorted(plain.rows, key=lambda row: sparql_order(row, ORDER[name]))
    assert shaped.rows == listed


@pytest.mark.parametrize("name", sorted(ORDER))
def test_rows_come_in_one_total_order(seed_store: Store, name: str) -> None:
    found = rows(name, seed_store)
    assert set(ORDER[name]) == set(found[0])
    keys = [sparql_order(row, ORDER[name]) for row in found]
    assert keys == sorted(keys)


def test_statements_name_their_types_and_open_objects(seed_store: Store) -> None:
    found = rows("statements", seed_store)
    assert {r["subjectType"] for r in found} <= {"Person", "Country", "Organisation", "Place"}
    # an object that is no entity is its text, with no type
    assert any(r["object"] and r["objectType"] is None for r in found)
    assert any(r["relation"] == "OTHER" and r["event"] for r in found)


def test_event_settings_show_what_did_not_happen(seed_store: Store) -> None:
    found = rows("event-settings", seed_store)
    facts = {r["factuality"] for r in found}
    assert {"asserted", "planned"} <= facts and facts - {"asserted", "planned"}
    summit = [r for r in found if r["type"] == "CONSULT" and r["factuality"] == "planned"
              and r["place"] == "Hungary"]
    assert summit and summit[0]["actor"] == "Donald Trump"


def test_posts_and_their_holders(seed_store: Store) -> None:
    posts = {(r["post"], r["holder"]) for r in rows("posts", seed_store)}
    assert ("Prime Minister of Hungary", "Viktor Orbán") in posts


def test_quotations_by_speaker(seed_store: Store) -> None:
    quotes = rows("quotations", seed_store)
    by_orban = [r["quote"] for r in quotes if r["speaker"] == "Viktor Orbán"]
    assert any("peace requires patience" in q for q in by_orban)


def test_country_relations_over_time(seed_store: Store) -> None:
    relations = {(r["month"], r["actor"], r["recipient"], r["type"])
                 for r in rows("country-relations", seed_store)}
    assert ("2025-10", "Russia", "Ukraine", "ASSAULT") in relations
    assert ("2025-10", "United States", "India", "REQUEST") in relations


def test_events_by_type_and_month_agree(seed_store: Store) -> None:
    by_type = {r["type"]: r["events"] for r in rows("events-by-type", seed_store)}
    by_month: dict[str, int] = {}
    months = set()
    for r in rows("events-by-month", seed_store):
        by_month[r["type"]] = by_month.get(r["type"], 0) + r["events"]
        months.add(r["month"])
    assert by_type == by_month
    assert by_type["CONSULT"] >= 1 and by_type["REQUEST"] >= 1
    # events the text dates ("in September") count in their own month, not the article's
    assert "2025-10" in months and len(months) > 1


@pytest.mark.parametrize("name", ["entities", "positions", "statements"])
def test_tables_are_not_empty(seed_store: Store, name: str) -> None:
    assert rows(name, seed_store)


PAGED = [name for name, text in kg.named_queries().items()
         if query_options(text).get("pages") in ARTICLE_ORDERS]
KEYED = [name for name, text in kg.named_queries().items()
         if query_options(text).get("pages", "").startswith("each ")]


def test_the_whole_table_queries_are_paged() -> None:
    assert {"statements", "event-settings", "who-met-whom", "quotations"} <= set(PAGED)
    assert {"country-relations", "posts"} <= set(KEYED)


@pytest.mark.parametrize("name", PAGED)
def test_pages_together_are_the_whole_answer(corpus_store: Store, name: str) -> None:
    text = kg.named_queries()[name]
    whole = kg.query(text.replace("#+ pages:", "# was paged:"), store=corpus_store)
    pages = list(query_pages(corpus_store, text, articles=40))
    # a page of 40 articles each, or the first and then the rest whole
    counted = -(-len(corpus_store.article_index()) // 40)
    assert len(pages) == (2 if "rest" in query_options(text) else counted)
    assert all(page.columns == whole.columns for page in pages)
    assert [row for page in pages for row in page.rows] == whole.rows
    # a page holds its own articles only: no document runs over into the next page
    docs = [{row["doc"] for row in page.rows} for page in pages]
    assert all(not (a & b) for a, b in pairwise(docs))


@pytest.mark.parametrize("name", KEYED)
def test_pages_by_key_are_the_whole_answer(corpus_store: Store, name: str) -> None:
    """Each page is one value of the key, given before the query runs; the first alone and
    then the rest whole, or every key its own page."""
    text = kg.named_queries()[name]
    key = query_options(text)["pages"].removeprefix("each ?")
    whole = kg.query(text.replace("#+ pages:", "# was paged:"), store=corpus_store).rows
    first, rest = query_pages(corpus_store, text)
    assert first.rows + rest.rows == whole
    assert {row[key] for row in first.rows} == {whole[0][key]}
    every = list(query_pages(corpus_store, text.replace("#+ rest:", "# was: ")))
    assert [row for page in every for row in page.rows] == whole
    assert [{row[key] for row in page.rows} for page in every] == [
        {value} for value in dict.fromkeys(row[key] for row in whole)]


def test_a_page_by_key_needs_the_query_of_its_keys() -> None:
    with pytest.raises(QueryError, match="keys"):
        query_options("#+ pages: each ?month\nSELECT * {}")


DATE_PUBLISHED = f"{SCHEMA}datePublished"
DATED = [name for name in PAGED
         if query_options(kg.named_queries()[name])["pages"] != "articles"]


@pytest.fixture(scope="module")
def partly_dated_store(corpus_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The corpus's article graphs copied with every third article (in id order) undated
    and the others dated the first of their month, so that several share a day (their
    order is then their ids')."""
    index = corpus_store.article_index()
    undated = {graph for _, graph in index[::3]}
    graphs: dict[str, list[ox.Quad]] = {graph: [] for _, graph in index}
    for quad in corpus_store.quads():
        if quad.predicate.value == DATE_PUBLISHED:
            if quad.graph_name.value in undated:
                continue
            first = ox.Literal(quad.object.value[:8] + "01", datatype=quad.object.datatype)
            quad = ox.Quad(quad.subject, quad.predicate, first, quad.graph_name)
        if quad.graph_name.value in graphs:
            graphs[quad.graph_name.value].append(quad)
    store = Store(tmp_path_factory.mktemp("dated") / "store")
    store.ensure_ontology()
    store.replace_articles([(doc_id, graphs[graph]) for doc_id, graph in index], new=True)
    return store


@pytest.mark.parametrize("name", DATED)
def test_pages_by_date_are_the_whole_answer_with_undated_articles(
        partly_dated_store: Store, name: str) -> None:
    text = kg.named_queries()[name]
    whole = kg.query(text.replace("#+ pages:", "# was paged:"), store=partly_dated_store)
    pages = list(query_pages(partly_dated_store, text, articles=3))
    assert [row for page in pages for row in page.rows] == whole.rows
    undated = {row["doc"] for row in kg.query(
        "SELECT ?doc WHERE { ?a dip:documentId ?doc FILTER NOT EXISTS "
        "{ ?a schema:datePublished ?date } }", store=partly_dated_store).rows}
    listed = [row["doc"] for row in whole.rows]
    assert set(listed) & undated and set(listed) - undated  # rows of both kinds
    # the undated articles come first, or last when the newest come first
    if query_options(text)["pages"] == "articles newest first":
        listed.reverse()
    assert listed[0] in undated and listed[-1] not in undated


def test_a_limit_asks_only_the_pages_it_needs(corpus_store: Store) -> None:
    whole = kg.query("statements", store=corpus_store).rows
    assert kg.query("statements", store=corpus_store, limit=7).rows == whole[:7]
    assert kg.query("statements", store=corpus_store, limit=0).rows == []


def test_a_query_narrowed_to_some_articles_sees_them_and_the_ontology(
        corpus_store: Store) -> None:
    (doc, graph), *_ = corpus_store.article_index()
    sparql = ("SELECT DISTINCT ?doc ?code WHERE { GRAPH ?g { ?a dip:documentId ?doc . "
              "?st dip:relation ?rel } ?rel skos:prefLabel ?code }")
    whole = kg.query(sparql, store=corpus_store)
    assert len({row["doc"] for row in whole.rows}) > 1
    rows = [(r["doc"].value, r["code"].value) for r in corpus_store.query(sparql, graphs=[graph])]
    assert rows and {d for d, _ in rows} == {doc}  # the ontology's labels are still there


def test_an_unknown_page_kind_is_refused() -> None:
    with pytest.raises(QueryError, match="pages"):
        query_options("#+ pages: sentences\nSELECT * {}")
    with pytest.raises(QueryError, match="rest"):
        query_options("#+ pages: articles\n#+ rest: pages\nSELECT * {}")
