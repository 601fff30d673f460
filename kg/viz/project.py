"""Projections of the RDF graph to networkx, for drawing, exports and analytics.

The actor projection has one node per entity and one edge per statement between two
entities, carrying its relation and evidence. The HTML network and the GraphML
export are both drawn from it, so they always agree.
"""

from __future__ import annotations

import networkx as nx

from kg.graph.store import Store

_ENTITIES = """
SELECT ?e ?label ?c ?count
WHERE { GRAPH ?g { ?e dip:mentionCount ?count ; rdfs:label ?label ; a ?c . } }
"""

_ALIASES = "SELECT DISTINCT ?e ?alias WHERE { GRAPH ?g { ?e skos:altLabel ?alias } }"

_EDGES = """
SELECT ?st ?s ?o ?relation ?label ?role ?sentence ?doc ?title ?date ?confidence
WHERE {
  GRAPH ?g {
    ?st dip:subject ?s ; dip:object ?o ; dip:relation ?rel ;
        dip:confidence ?confidence ; prov:wasDerivedFrom ?sent .
    ?sent dip:text ?sentence .
    ?article a dip:Article ; dip:documentId ?doc .
    OPTIONAL { ?article schema:headline ?title }
    OPTIONAL { ?article schema:datePublished ?date }
    OPTIONAL { ?st dip:label ?label }
    OPTIONAL { ?st dip:role ?role }
  }
  ?rel skos:prefLabel ?relation .
}
ORDER BY ?st
"""


def to_networkx(store: Store, *, include_open: bool = False) -> nx.MultiDiGraph:
    """The actor network: entities as nodes, statements between them as edges.

    Open relations (``OTHER``) are left out unless ``include_open``.

    >>> import tempfile
    >>> to_networkx(Store(tempfile.mkdtemp())).number_of_nodes()
    0
    """
    graph = nx.MultiDiGraph()
    for row in store.query(_ENTITIES):
        node = row["e"].value
        if node in graph:
            graph.nodes[node]["mentions"] += int(row["count"].value)
        else:
            graph.add_node(node, label=row["label"].value, type=row["c"].value.rsplit("#")[-1],
                           aliases=[], mentions=int(row["count"].value))
    for row in store.query(_ALIASES):
        if row["e"].value in graph:
            graph.nodes[row["e"].value]["aliases"].append(row["alias"].value)
    for _, data in graph.nodes(data=True):
        data["aliases"].sort()
    for row in store.query(_EDGES):
        relation = row["relation"].value
        if relation == "OTHER" and not include_open:
            continue
        source, target = row["s"].value, row["o"].value
        if source not in graph or target not in graph:
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
        graph.add_edge(source, target, key=row["st"].value, relation=relation, label=label,
                       evidence=[evidence])
    return graph


def for_export(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all scalars, as GraphML and GEXF require.

    Aliases are joined with ``; ``; evidence becomes a count and the first sentence.
    """
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, label=data["label"], type=data["type"],
                      aliases="; ".join(data["aliases"]), mentions=data["mentions"])
    for source, target, key, data in graph.edges(keys=True, data=True):
        evidence = data["evidence"]
        flat.add_edge(source, target, key=key, relation=data["relation"], label=data["label"],
                      evidence_count=len(evidence),
                      sentence=evidence[0]["sentence"] if evidence else "",
                      doc=evidence[0]["doc"] if evidence else "")
    return flat
