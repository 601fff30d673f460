"""Looking at entities: the table behind ``kg entities`` and the profile behind ``kg show``.

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
# instead took 0.07 s on a million quads, lower-casing each.
_FIND = """
SELECT DISTINCT ?entity WHERE {
  { SELECT DISTINCT ?entity WHERE { GRAPH ?i { ?entity sum:name KEY } } }
  GRAPH ?g { { ?entity rdfs:label ?label } UNION { ?entity skos:altLabel ?label } }
  FILTER(LCASE(STR(?label)) = LCASE(NAME))
  FILTER EXISTS { GRAPH ?g { ?entity dip:mentionCount ?c } }
}
"""

_STATEMENTS = """
SELECT ?relation ?factuality ?role ?quote ?label ?subject ?object ?sentence ?doc ?date
       ?confidence
WHERE {
  GRAPH ?g {
    # index lookups, not a filter over every statement in the store; DISTINCT keeps a
    # statement about the entity and itself once
    { SELECT DISTINCT ?st WHERE { { ?st dip:subject ENTITY } UNION { ?st dip:object ENTITY } } }
    # the OPTIONALs come while the rows are few, so they are looked up row by row; after
    # the required patterns oxigraph evaluates them over the whole store and joins
    OPTIONAL { ?st dip:object ?o . ?o rdfs:label ?object }
    OPTIONAL { ?st dip:objectText ?object }
    OPTIONAL { ?st dip:role ?role }
    OPTIONAL { ?st dip:quote ?quote }
    OPTIONAL { ?st dip:label ?label }
    OPTIONAL { ?st dip:factuality ?fact }
    ?st dip:subject ?s ; dip:relation ?rel ; dip:confidence ?confidence ;
        prov:wasDerivedFrom ?sent .
    ?s rdfs:label ?subject .
    ?sent dip:text ?sentence ; dip:inArticle ?article .
    ?article dip:documentId ?doc .
    OPTIONAL { ?article schema:datePublished ?date }
  }
  ?rel skos:prefLabel ?relation .
  # events say whether they happened: asserted, negated, hypothetical, possible, planned
  BIND(STRAFTER(STR(?fact), "/factuality/") AS ?factuality)
}
ORDER BY ?date ?doc ?relation
"""


@dataclass
class EntityRow:
    """One line of the entity table."""

    iri: str
    name: str
    type: str
    mentions: int
    articles: int
    aliases: list[str] = field(default_factory=list)


@dataclass
class EntityProfile:
    """What the graph knows about one entity: names, statements and their evidence."""

    entity: EntityRow
    statements: list[dict[str, object]]


def entity_table(store: Store, *, type_: str | None = None,
                 iris: Collection[str] | None = None) -> list[EntityRow]:
    """Every entity (of type ``type_``, among ``iris``) with its type, aliases and mention
    counts, most mentioned first.

    >>> import tempfile
    >>> entity_table(Store(tempfile.mkdtemp()))
    []
    """
    filter_type = f"FILTER(?type = {ox.Literal(type_)})" if type_ else ""
    # VALUES first, so a short list of entities is looked up rather than the table filtered
    only = ("VALUES ?entity { " + " ".join(str(ox.NamedNode(i)) for i in sorted(iris)) + " }"
            if iris is not None else "")
    rows = run_query(store, _TABLE.replace("ONLY", only).replace("FILTER_TYPE", filter_type)).rows
    table = [EntityRow(str(r["entity"]), str(r["name"]), str(r["type"]), int(r["mentions"]),
                       int(r["articles"])) for r in rows]
    by_iri = {row.iri: row for row in table}
    for alias in run_query(store, _ALIASES.replace("ONLY", only)).rows:
        row = by_iri.get(str(alias["entity"]))
        if row is not None and alias["alias"] != row.name:
            row.aliases.append(str(alias["alias"]))
    for row in table:
        row.aliases.sort()
    return table


def find_entities(store: Store, name: str) -> list[str]:
    """IRIs of the entities whose name or alias is ``name`` (any case)."""
    query = (f"PREFIX sum: <{SUMMARY}>\n" + _FIND.replace("KEY", str(ox.Literal(name_key(name))))
             .replace("NAME", str(ox.Literal(name))))
    return sorted(str(r["entity"]) for r in run_query(store, query).rows)


def entity_profile(store: Store, name: str) -> list[EntityProfile]:
    """The profile of each entity called ``name`` (usually one; several if ambiguous).

    >>> import tempfile
    >>> entity_profile(Store(tempfile.mkdtemp()), "Nobody")
    []
    """
    found = find_entities(store, name)
    if not found:
        return []
    rows = entity_table(store, iris=found)
    return [
        EntityProfile(row, run_query(
            store, _STATEMENTS.replace("ENTITY", str(ox.NamedNode(row.iri)))).rows)
        for row in rows
    ]
