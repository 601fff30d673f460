"""Looking at entities: the table behind ``kg entities``, and the look-up by name and the
rows of a few entities that begin the profile behind ``kg show`` (:mod:`kg.queries.profile`).

A name typed by a user goes into SPARQL only as an escaped literal (pyoxigraph writes
it), never spliced in as raw text.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.graph.store import Store
from kg.graph.summaries import SUMMARY, name_key
from kg.queries import run_query

_TABLE = """
SELECT ?entity ?name ?type (SUM(?count) AS ?mentions) (COUNT(DISTINCT ?g) AS ?articles)
WHERE {
  ONLY
  GRAPH ?g { ?entity rdfs:label ?name ; dip:mentionCount ?count ; a ?class . }
  ?class rdfs:subClassOf dip:Actor .
  BIND(STRAFTER(STR(?class), "#") AS ?type)
  FILTER_TYPE
}
GROUP BY ?entity ?name ?type
ORDER BY DESC(?mentions) ?name
"""

_ALIASES = """
SELECT DISTINCT ?entity ?alias WHERE { ONLY GRAPH ?g { ?entity skos:altLabel ?alias } }
"""

# The folded-name index (kg/graph/summaries.py) finds the candidates in one look-up; their
# own labels then decide, case-folded as ever, so a name the entity pass took away (a
# place glued before a name) finds nothing, as before. Filtering every label of the store
# instead took 0.07 s on a million quads, lower-casing each. A label that matches counts
# where the node is an entity (_AN_ENTITY_CALLED), asked of each label that matches: as a
# FILTER EXISTS, Oxigraph asks it of every article of the candidate (1.4 s for the United
# States in 1,845 articles).
_FIND = """
SELECT DISTINCT ?entity ?p ?label WHERE {
  { SELECT DISTINCT ?entity WHERE { GRAPH ?i { ?entity sum:name KEY } } }
  GRAPH ?g { { ?entity rdfs:label ?label BIND(rdfs:label AS ?p) }
             UNION { ?entity skos:altLabel ?label BIND(skos:altLabel AS ?p) } }
  FILTER(LCASE(STR(?label)) = LCASE(NAME))
}
"""
_AN_ENTITY_CALLED = "ASK { GRAPH ?g { ENTITY NAMED LABEL ; dip:mentionCount ?c } }"

# What one entity's node says of itself in every article: its labels and classes with the
# articles that give each, and its mentions summed; one index scan, where the table's join
# looks each article's label, class and count up in turn (50 ms for an entity in 2,000
# articles). The articles with any of the three are counted apart (_ITS_ARTICLES).
_OWN_ROW = """
SELECT ?p ?value (COUNT(DISTINCT ?g) AS ?articles) (SUM(?n) AS ?mentions) WHERE {
  OWN
  BIND(IF(?p = dip:mentionCount, "", ?o) AS ?value)
  BIND(IF(?p = dip:mentionCount, ?o, 0) AS ?n)
}
GROUP BY ?p ?value
"""

_ITS_ARTICLES = "SELECT (COUNT(DISTINCT ?g) AS ?articles) WHERE { OWN }"

# each predicate its own branch, an index prefix (bound by VALUES, Oxigraph reads every
# triple of the node)
_OWN = " UNION ".join(f"{{ GRAPH ?g {{ ENTITY {p} ?o }} BIND({p} AS ?p) }}"
                      for p in ("rdfs:label", "rdf:type", "dip:mentionCount"))

_ACTOR = "ASK { CLASS rdfs:subClassOf dip:Actor }"


@dataclass
class EntityRow:
    """One line of the entity table."""

    iri: str
    name: str
    type: str
    mentions: int
    articles: int
    aliases: list[str] = field(default_factory=list)


def entity_table(store: Store, *, type_: str | None = None,
                 iris: Collection[str] | None = None) -> list[EntityRow]:
    """Every entity (of type ``type_``, among ``iris``) with its type, aliases and mention
    counts, most mentioned first.

    >>> import tempfile
    >>> entity_table(Store(tempfile.mkdtemp()))
    []
    """
    filter_type = f"FILTER(?type = {ox.Literal(type_)})" if type_ else ""
    only = _only(iris) if iris is not None else ""
    rows = run_query(store, _TABLE.replace("ONLY", only).replace("FILTER_TYPE", filter_type)).rows
    table = [EntityRow(str(r["entity"]), str(r["name"]), str(r["type"]), int(r["mentions"]),
                       int(r["articles"])) for r in rows]
    return _with_aliases(store, table, only)


def _with_aliases(store: Store, table: list[EntityRow], only: str) -> list[EntityRow]:
    by_iri = {row.iri: row for row in table}
    for alias in run_query(store, _ALIASES.replace("ONLY", only)).rows:
        row = by_iri.get(str(alias["entity"]))
        if row is not None and alias["alias"] != row.name:
            row.aliases.append(str(alias["alias"]))
    for row in table:
        row.aliases.sort()
    return table


def _only(iris: Collection[str]) -> str:
    """A VALUES block of entities, written first so that a short list is looked up rather
    than the table filtered."""
    return "VALUES ?entity { " + " ".join(str(ox.NamedNode(i)) for i in sorted(iris)) + " }"


def entity_rows(store: Store, iris: Collection[str]) -> list[EntityRow]:
    """The rows of the entity table of the entities ``iris``, as :func:`entity_table` gives
    them, each read from its own node: one scan, whatever the number of its articles,
    for a node with one label and one class wherever it is (as the entity pass leaves
    every node); the table's join for any other.

    >>> import tempfile
    >>> entity_rows(Store(tempfile.mkdtemp()), ["https://w3id.org/kg-diplomacy/entity/x"])
    []
    """
    table, joined = [], []
    for iri in sorted(iris):
        row = _own_row(store, iri)
        if row is None:
            joined.append(iri)
        else:
            table.append(row)
    table = _with_aliases(store, table, _only([row.iri for row in table])) if table else []
    if joined:
        table += entity_table(store, iris=joined)
    return sorted(table, key=lambda row: (-row.mentions, row.name, row.iri))


def _own_row(store: Store, iri: str) -> EntityRow | None:
    """The entity's row read from its own node when that node has one label and one
    class, an actor's, in each of its articles; None when the table's join must decide."""
    node = str(ox.NamedNode(iri))
    rows = run_query(store, _OWN_ROW.replace("OWN", _OWN).replace("ENTITY", node)).rows
    by = {str(p): [r for r in rows if str(r["p"]).endswith(p)] for p in ("#label", "#type",
                                                                          "#mentionCount")}
    if any(len(found) != 1 for found in by.values()):
        return None
    (label,), (kind,), (count,) = by.values()
    articles = int(run_query(store, _ITS_ARTICLES.replace("OWN", _OWN).replace(
        "ENTITY", node)).rows[0]["articles"])
    if not (label["articles"] == kind["articles"] == count["articles"] == articles) \
            or not run_query(store, _ACTOR.replace("CLASS", str(ox.NamedNode(
                str(kind["value"]))))).boolean:
        return None
    return EntityRow(iri, str(label["value"]), str(kind["value"]).rsplit("#", 1)[-1],
                     int(count["mentions"]), articles)


def find_entities(store: Store, name: str) -> list[str]:
    """IRIs of the entities whose name or alias is ``name`` (any case)."""
    query = (f"PREFIX sum: <{SUMMARY}>\n" + _FIND.replace("KEY", str(ox.Literal(name_key(name))))
             .replace("NAME", str(ox.Literal(name))))
    return sorted({str(r["entity"]) for r in run_query(store, query).rows
                   if run_query(store, _AN_ENTITY_CALLED.replace(
                       "ENTITY", str(ox.NamedNode(str(r["entity"])))).replace(
                       "NAMED", str(ox.NamedNode(str(r["p"])))).replace(
                       "LABEL", str(ox.Literal(str(r["label"]))))).boolean})
