"""The actor network in graph file formats: GraphML, GEXF, Cytoscape.js JSON and one CSV
table, each written from the networkx graph ``kg render`` draws (:func:`kg.viz.select.view`).

:data:`kg.exporters.GRAPH_WRITERS` names these writers, which it imports when a graph format
is first asked for: networkx takes an eighth of a second to import, which no other export
and no build needs. The CSV table's columns are listed in :mod:`kg.exporters`.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from typing import IO, Any

import networkx as nx

from kg.graph.ontology import family_of
from kg.viz.project import for_export


def write_graphml(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    """The network as GraphML (Gephi, yEd, Cytoscape)."""
    nx.write_graphml(for_export(graph), out)


def write_gexf(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    """The network as GEXF 1.2 (Gephi)."""
    nx.write_gexf(for_export(graph), out)


def write_cyjs(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    """The network as Cytoscape.js JSON (``elements.nodes`` / ``elements.edges``)."""
    flat = for_export(graph)
    for _, data in flat.nodes(data=True):
        data["name"] = data["label"]  # Cytoscape shows ``name``; the id stays the IRI
    out.write(json.dumps(nx.cytoscape_data(flat), ensure_ascii=False, indent=1).encode("utf-8"))


def write_csv(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    """One row per linked pair and relation, for spreadsheets (columns in the module doc)."""
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, data in graph.edges(data=True):
        relation = str(data.get("relation", "OTHER"))
        groups[(str(u), str(v), relation, str(data.get("label") or relation))].append(data)
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["source", "source_label", "source_type", "target", "target_label",
                     "target_type", "relation", "label", "family", "statements", "articles",
                     "first_date", "last_date", "sentence"])
    nodes = graph.nodes
    for (u, v, relation, label), members in sorted(groups.items()):
        evidence = [e for data in members for e in data.get("evidence", [])]
        dates = sorted(str(e["date"])[:10] for e in evidence if e.get("date"))
        best = max(evidence, key=lambda e: e.get("confidence") or 0.0, default={})
        writer.writerow([
            u, nodes[u].get("label", u), nodes[u].get("type", ""),
            v, nodes[v].get("label", v), nodes[v].get("type", ""),
            relation, label, family_of(relation), len(members),
            len({e.get("doc") for e in evidence}), dates[0] if dates else "",
            dates[-1] if dates else "", best.get("sentence", ""),
        ])
    text.detach()  # leave ``out`` open for the caller
