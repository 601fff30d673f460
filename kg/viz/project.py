"""Projections of the RDF graph to networkx, for drawing, exports and analytics.

Three shapes of the same statements:

- ``projection="actors"`` (the default): one node per entity, one edge per statement between
  two entities, carrying its relation, label and evidence. A statement with no entity on the
  other side (a quotation, an event with no recipient, an open relation to a phrase) stays
  with its subject, in the node's ``alone`` list (each with its relation, label, ``quote``,
  literal ``object`` and evidence), so the page can show it in the node's panel. The HTML
  network and every graph export are drawn from it, so they always agree.
- ``projection="events"``: the entities plus one node per statement (``type="Event"``), with an
  edge from the subject to the event and from the event to its object (bipartite, for
  analytics that want events as first-class nodes).
- :func:`from_construct`: the triples of any SPARQL CONSTRUCT query as a graph (``kg render
  --query``); direct event properties (``dip:consults``…) become their relation names.

``family`` keeps one relation family (see :func:`kg.graph.ontology.relation_families`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.graph.ontology import family_of, relation_families
from kg.graph.store import Store
from kg.queries import run_query

PROJECTIONS = ("actors", "events")
"""The projection names :func:`to_networkx` accepts."""

_ENTITIES = """
SELECT ?e ?label ?c ?count
WHERE { GRAPH ?g { ?e dip:mentionCount ?count ; rdfs:label ?label ; a ?c . } }
"""

_ALIASES = "SELECT DISTINCT ?e ?alias WHERE { GRAPH ?g { ?e skos:altLabel ?alias } }"

_SECTORS = """
SELECT DISTINCT ?e ?sector WHERE { GRAPH ?g { ?e dip:sector ?s } ?s skos:prefLabel ?sector }
"""

_STATEMENTS = """
SELECT ?st ?s ?o ?text ?rel ?label ?role ?quote ?sentence ?doc ?title ?date ?confidence
WHERE {
  GRAPH ?g {
    ?st dip:subject ?s ; dip:relation ?rel ;
        dip:confidence ?confidence ; prov:wasDerivedFrom ?sent .
    ?sent dip:text ?sentence .
    ?article a dip:Article ; dip:documentId ?doc .
    OPTIONAL { ?st dip:object ?o }
    OPTIONAL { ?article schema:headline ?title }
    OPTIONAL { ?article schema:datePublished ?date }
    OPTIONAL { ?st dip:label ?label }
    OPTIONAL { ?st dip:role ?role }
    OPTIONAL { ?st dip:quote ?quote }
    OPTIONAL { ?st dip:objectText ?text }
    # Only what happened: negated, hypothetical, possible and planned events are no links.
    FILTER NOT EXISTS { ?st dip:factuality ?fact . FILTER(?fact != fact:asserted) }
  }
}
"""
# The relation's name is looked up apart: joined in the query above (outside the article
# graphs) it made the query twenty times slower on the corpus store (19 s against 0.8 s).
_RELATION_NAMES = "SELECT ?rel ?relation WHERE { ?rel skos:prefLabel ?relation }"

# Direct ("truthy") properties beside the event nodes, by the relation they stand for.
_DIRECT = "SELECT ?p ?relation WHERE { ?rel dip:directProperty ?p ; skos:prefLabel ?relation }"

_LABELS = """
SELECT ?e ?label ?c ?count WHERE {
  VALUES ?e { NODES }
  GRAPH ?g { ?e rdfs:label ?label ; a ?c . OPTIONAL { ?e dip:mentionCount ?count } }
}
"""

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NAME_PREDICATES = frozenset({
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "https://schema.org/name",
    "http://schema.org/name",
})
_ALIAS_PREDICATE = "http://www.w3.org/2004/02/skos/core#altLabel"


def to_networkx(store: Store, *, include_open: bool = False, projection: str = "actors",
                family: str | None = None) -> nx.MultiDiGraph:
    """The graph as networkx: actors (entities and statements between them) or events.

    Open relations (``OTHER``) are left out unless ``include_open`` (or ``family="other"``).
    ``family`` keeps only the statements of one relation family (``"cooperation"``,
    ``"conflict"``, ``"affiliation"``, ``"quotation"``, ``"other"``).

    >>> import tempfile
    >>> to_networkx(Store(tempfile.mkdtemp()), projection="events").number_of_nodes()
    0
    """
    if projection not in PROJECTIONS:
        raise ValueError(f"unknown projection {projection!r} (choose from "
                         f"{', '.join(PROJECTIONS)})")
    if family is not None and family not in relation_families():
        raise ValueError(f"unknown relation family {family!r} (choose from "
                         f"{', '.join(relation_families())})")
    graph = nx.MultiDiGraph()
    _add_entities(store, graph)
    names = {row["rel"].value: row["relation"].value for row in store.query(_RELATION_NAMES)}
    rows = sorted(store.query(_STATEMENTS), key=lambda row: row["st"].value)
    for row in rows:
        relation = names.get(row["rel"].value)
        if relation is None:
            continue
        if family is not None and family_of(relation) != family:
            continue
        if relation == "OTHER" and not include_open and family != "other":
            continue
        source, target = row["s"].value, row["o"].value if row["o"] else None
        if source not in graph:
            continue
        label = relation
        if relation == "OTHER" and row["label"]:
            label = row["label"].value
        elif row["role"]:
            label = row["role"].value
        evidence = {
            "sentence": row["sentence"].value,
            "doc": row["doc"].value,
            "title": row["title"].value if row["title"] else None,
            "date": row["date"].value if row["date"] else None,
            "confidence": float(row["confidence"].value),
        }
        statement = row["st"].value
        if projection == "actors":
            if target in graph:
                graph.add_edge(source, target, key=statement, relation=relation, label=label,
                               evidence=[evidence])
            else:  # a quotation, an event with no recipient, an open relation to a phrase
                graph.nodes[source]["alone"].append({
                    "statement": statement, "relation": relation, "label": label,
                    "quote": row["quote"].value if row["quote"] else None,
                    "object": row["text"].value if row["text"] else None,
                    "evidence": [evidence]})
            continue
        if target is not None and target not in graph:
            continue
        graph.add_node(statement, label=label, type="Event", relation=relation,
                       family=family_of(relation), aliases=[], mentions=1, evidence=[evidence])
        graph.add_edge(source, statement, key="subject", relation=relation, label="subject",
                       evidence=[evidence])
        if target is not None:
            graph.add_edge(statement, target, key="object", relation=relation, label="object",
                           evidence=[evidence])
    return graph


def _add_entities(store: Store, graph: nx.MultiDiGraph) -> None:
    """Every entity as a node with label, type, aliases, mentions (summed over articles)
    and, for an actor known by its role, its sector ("military", "police")."""
    for row in store.query(_ENTITIES):
        node = row["e"].value
        if node in graph:
            graph.nodes[node]["mentions"] += int(row["count"].value)
        else:
            graph.add_node(node, label=row["label"].value, type=_local(row["c"].value),
                           aliases=[], mentions=int(row["count"].value), sector="", alone=[])
    for row in store.query(_SECTORS):
        if row["e"].value in graph:
            graph.nodes[row["e"].value]["sector"] = row["sector"].value
    for row in store.query(_ALIASES):
        if row["e"].value in graph:
            graph.nodes[row["e"].value]["aliases"].append(row["alias"].value)
    for _, data in graph.nodes(data=True):
        data["aliases"].sort()


def from_construct(store: Store, triples: Iterable[ox.Triple]) -> nx.MultiDiGraph:
    """The triples of a CONSTRUCT answer as a graph the HTML and exports can draw.

    Triples between two resources become edges named by their predicate (a direct event
    property such as ``dip:consults`` by its relation, ``CONSULT``); ``rdfs:label``,
    ``skos:altLabel`` and ``rdf:type`` describe nodes. Resources the answer does not label
    get their label and type from the store. Other literal-valued triples are left out.

    >>> import tempfile
    >>> t = ox.Triple(ox.NamedNode("http://ex.org/a"), ox.NamedNode("http://ex.org/knows"),
    ...               ox.NamedNode("http://ex.org/b"))
    >>> g = from_construct(Store(tempfile.mkdtemp()), [t])
    >>> [(g.nodes[u]["label"], d["relation"], g.nodes[v]["label"])
    ...  for u, v, d in g.edges(data=True)]
    [('a', 'knows', 'b')]
    """
    direct = {str(r["p"]): str(r["relation"]) for r in run_query(store, _DIRECT).rows}
    graph = nx.MultiDiGraph()

    def node(term: Any) -> str:
        key = term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"
        if key not in graph:
            graph.add_node(key, label="", type="Other", aliases=[], mentions=0)
        return key

    for triple in triples:
        subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
        if isinstance(subject, ox.Triple) or isinstance(obj, ox.Triple):
            continue  # RDF-star quoted triples have no place in a network drawing
        source = node(subject)
        if isinstance(obj, ox.Literal):
            if predicate in _NAME_PREDICATES and not graph.nodes[source]["label"]:
                graph.nodes[source]["label"] = obj.value
            elif predicate == _ALIAS_PREDICATE:
                graph.nodes[source]["aliases"].append(obj.value)
        elif predicate == _RDF_TYPE:
            graph.nodes[source]["type"] = _local(obj.value)
        else:
            relation = direct.get(predicate, _local(predicate))
            graph.add_edge(source, node(obj), relation=relation, label=relation, evidence=[])
    _describe_from_store(store, graph)
    return graph


def _describe_from_store(store: Store, graph: nx.MultiDiGraph) -> None:
    """Give unlabelled IRI nodes their label, type and mentions from the store."""
    missing = [n for n, d in graph.nodes(data=True) if not d["label"] and not n.startswith("_:")]
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(missing), 500):
        # IRIs written by pyoxigraph's own serialiser: escaped, never spliced raw.
        values = " ".join(str(ox.NamedNode(iri)) for iri in missing[start:start + 500])
        for row in store.query(_LABELS.replace("NODES", values)):
            info = found.setdefault(row["e"].value, {"label": row["label"].value,
                                                     "type": "Other", "mentions": 0})
            kind = _local(row["c"].value)
            if kind in ("Person", "Country", "Organisation", "Place"):
                info["type"] = kind
            if row["count"]:
                info["mentions"] += int(row["count"].value)
    for iri, data in graph.nodes(data=True):
        if iri in found:
            data["label"] = found[iri]["label"]
            if data["type"] == "Other":
                data["type"] = found[iri]["type"]
            data["mentions"] = found[iri]["mentions"]
        elif not data["label"]:
            data["label"] = _local(iri)
        data["aliases"] = sorted(set(data["aliases"]))


def _local(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or ``/``)."""
    return iri.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def for_export(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars, as GraphML and GEXF require.

    Aliases are joined with ``; ``; evidence becomes a count, the most confident sentence with
    its article and date, and the highest confidence. Edges get their relation family.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", relation="ACCUSE", label="ACCUSE", evidence=[
    ...     {"sentence": "A accused B.", "doc": "d", "date": "2025-01-02", "confidence": 0.8}])
    >>> dict(for_export(g).edges["a", "b", 0])["family"]
    'conflict'
    """
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, label=str(data.get("label", "")), type=str(data.get("type", "Other")),
                      aliases="; ".join(data.get("aliases", [])),
                      mentions=int(data.get("mentions", 0)), sector=str(data.get("sector", "")))
    for source, target, key, data in graph.edges(keys=True, data=True):
        evidence = sorted(data.get("evidence", []), key=lambda e: -(e.get("confidence") or 0.0))
        best = evidence[0] if evidence else {}
        flat.add_edge(source, target, key=key, relation=data["relation"], label=data["label"],
                      family=family_of(data["relation"]), evidence_count=len(evidence),
                      sentence=best.get("sentence") or "", doc=best.get("doc") or "",
                      date=best.get("date") or "",
                      confidence=float(best.get("confidence") or 0.0))
    return flat
