"""An entity's neighbourhood as a small network, drawn by the renderer of ``kg render``
(:func:`kg.viz.network_page.build_page`): the entity, the entities its latest statements
join it to (the most joined first, at most :data:`NEIGHBOURS`), and those statements with
their evidence. Open relations (``OTHER``) stay out, as in ``kg render``. Each entity's
panel links to its explorer page, each evidence to its sentence in the article view.
"""

from __future__ import annotations

import networkx as nx

from kg.explorer import paths
from kg.explorer.entity import found
from kg.explorer.search import Index
from kg.explorer.statements import entity_statements
from kg.graph.store import Store
from kg.viz.network_page import build_page

NEIGHBOURS = 30
"""The most entities drawn around the focus."""
STATEMENTS = 400
"""The latest statements of the entity read for its neighbourhood."""


def neighbourhood(store: Store, index: Index, iri: str) -> nx.MultiDiGraph:
    """The entity, its busiest neighbours and the statements between it and them.
    Example::

        neighbourhood(store, index, trump).number_of_nodes()   # 27 on the corpus
    """
    entry = found(index, iri)
    statements, _ = entity_statements(store, index, iri, size=STATEMENTS)
    joined = [s for s in statements if s["object"] and s["relation"] != "OTHER"]
    weight: dict[str, int] = {}
    for statement in joined:
        for end in (statement["subject"], statement["object"]):
            if end["iri"] != iri:
                weight[str(end["iri"])] = weight.get(str(end["iri"]), 0) + 1
    kept = {iri, *sorted(weight, key=lambda other: (-weight[other], other))[:NEIGHBOURS]}
    graph = nx.MultiDiGraph()
    for node in kept:
        known = index.entity(node) or entry
        graph.add_node(node, label=known.name, type=known.type, aliases=list(known.aliases),
                       mentions=known.mentions, href=paths.entity_href(node))
    for statement in joined:
        source, target = statement["subject"]["iri"], statement["object"]["iri"]
        if source in kept and target in kept:
            graph.add_edge(source, target, key=statement["id"], relation=statement["relation"],
                           label=statement["role"] or statement["relation"],
                           evidence=[{"sentence": statement["sentence"]["text"],
                                      "doc": statement["article"]["doc"],
                                      "title": statement["article"]["title"],
                                      "date": statement["article"]["date"],
                                      "confidence": statement["confidence"],
                                      "href": statement["evidenceHref"]}])
    return graph


def network_page(store: Store, index: Index, iri: str) -> str:
    """The HTML page of the neighbourhood, self-contained as ``kg render`` writes it.
    Example::

        network_page(store, index, trump).startswith("<!DOCTYPE html>")   # True
    """
    graph = neighbourhood(store, index, iri)
    return build_page(graph, title=_title(index, iri))


def network_data(store: Store, index: Index, iri: str) -> dict[str, object]:
    """The neighbourhood as data (the page's JSON twin): its entities and statements.
    Example::

        network_data(store, index, trump)["nodes"][0]["label"]   # 'Donald Trump'
    """
    graph = neighbourhood(store, index, iri)
    return {"page": "network", "title": _title(index, iri),
            "nodes": [{"id": node, **attributes} for node, attributes in graph.nodes(data=True)],
            "links": [{"source": source, "target": target, "id": key, **attributes}
                      for source, target, key, attributes in graph.edges(keys=True, data=True)]}


def _title(index: Index, iri: str) -> str:
    return f"{found(index, iri).name}: neighbourhood"
