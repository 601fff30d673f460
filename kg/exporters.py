"""Exports: the store written out in a chosen format.

A registry (:class:`kg.registry.Registry`, loaded lazily) maps each format name to a writer;
adding a format is one function and one registry line. RDF formats come from Oxigraph's
serialisers; ``jsonl`` is the statement export of ``shared/eval/GUIDELINES.md``.

Graph formats (:data:`GRAPH_WRITERS`: ``graphml``, ``gexf``, ``cyjs``, ``csv``, ``svg``,
``png``) are written from the very graph ``kg render`` draws (:func:`kg.viz.select.view`,
with the same focus and filter options), so they hold the same entities and statements as
the HTML page: one node per entity (label, type, aliases, mentions), one edge per statement
(relation, label, family, evidence count, the most confident sentence with its article, date
and confidence). ``csv`` is one table, one row per linked pair and relation (parallel
statements counted, as the HTML merges them): ``source``, ``source_label``,
``source_type``, ``target``, ``target_label``, ``target_type``, ``relation``, ``label``,
``family``, ``statements``, ``articles``, ``first_date``, ``last_date``, ``sentence``.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pyoxigraph as ox

from kg.eventdata.plover import write_plover
from kg.eventdata.tables import LAYOUTS, table_writer
from kg.files import atomic_output
from kg.graph.namespaces import PREFIXES
from kg.graph.ontology import family_of
from kg.graph.store import Store
from kg.queries import named_queries, query_pages
from kg.registry import Registry
from kg.viz.project import for_export
from kg.viz.select import Selection, view

Writer = Callable[[Store, IO[bytes]], None]


def _rdf_dataset(fmt: ox.RdfFormat) -> Writer:
    def write(store: Store, out: IO[bytes]) -> None:
        store.dump(out, fmt)
    return write


def _rdf_merged(fmt: ox.RdfFormat) -> Writer:
    def write(store: Store, out: IO[bytes]) -> None:
        ox.serialize(store.triples(), out, fmt, prefixes=PREFIXES)
    return write


def write_jsonld(store: Store, out: IO[bytes]) -> None:
    """JSON-LD with short keys (``subject``, ``confidence``…) under ``ontology/context.jsonld``,
    one entry per article graph; it loads back to exactly the store's quads."""
    from kg.graph import jsonld

    jsonld.write(store.quads(), out)


def write_statements(store: Store, out: IO[bytes]) -> None:
    """One JSON object per statement, with its evidence, written a page of articles at a
    time (memory holds one page however large the store)."""
    for page in query_pages(store, named_queries()["statements"]):
        out.write(b"".join(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n"
                           for row in page.rows))


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


GraphWriter = Callable[[nx.MultiDiGraph, IO[bytes]], None]

GRAPH_WRITERS: Registry[GraphWriter] = Registry("graph format", {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "cyjs": write_cyjs,
    "csv": write_csv,
    "svg": "kg.viz.static:write_svg",  # matplotlib is slow to import: loaded when asked for
    "png": "kg.viz.static:write_png",
})
"""Graph format name → writer of a networkx graph (the one ``kg render`` draws)."""


def _whole_graph(name: str) -> Writer:
    def writer(store: Store, out: IO[bytes]) -> None:
        GRAPH_WRITERS[name](view(store)[0], out)
    return writer


EXPORTERS: Registry[Writer] = Registry("format", {
    "ttl": _rdf_merged(ox.RdfFormat.TURTLE),
    "nt": _rdf_merged(ox.RdfFormat.N_TRIPLES),
    "trig": _rdf_dataset(ox.RdfFormat.TRIG),
    "nq": _rdf_dataset(ox.RdfFormat.N_QUADS),
    "jsonld": write_jsonld,
    "jsonl": write_statements,
    **{name: _whole_graph(name) for name in GRAPH_WRITERS},
    "plover": write_plover,  # event data (kg.eventdata): PLOVER JSON Lines and tables
    **{name: table_writer(name) for name in LAYOUTS},
})
"""Format name → writer of the store. A new format is a writer (here, or
``"module:function"`` in a module of its own, imported when first asked for) and one line
here; a graph format is one line in :data:`GRAPH_WRITERS`."""


def export(store: Store, fmt: str, output: str | Path | IO[bytes], *,
           selection: Selection | None = None) -> None:
    """Write the store as ``fmt`` to a path (atomically) or a binary stream.

    ``selection`` (focus and filters) applies to the graph formats only; giving one for
    another format is a ``ValueError``, as is an unknown format or filter name.

    >>> import io, tempfile
    >>> buffer = io.BytesIO()
    >>> export(Store(tempfile.mkdtemp()), "jsonl", buffer)
    >>> buffer.getvalue()
    b''
    """
    try:
        writer = EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(EXPORTERS)})") from None
    if fmt in GRAPH_WRITERS:
        # Selected before the output is opened: a bad filter leaves no file behind.
        graph = view(store, selection)[0]
        write_graph = GRAPH_WRITERS[fmt]

        def writer(_store: Store, out: IO[bytes]) -> None:
            write_graph(graph, out)
    elif selection is not None and selection != Selection():
        raise ValueError(f"focus and filters apply to the graph formats only "
                         f"({', '.join(GRAPH_WRITERS)}), not to {fmt}")
    if isinstance(output, (str, Path)):
        with atomic_output(output) as out:
            writer(store, out)
    else:
        writer(store, output)
