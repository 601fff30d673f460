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

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from kg.eventdata.plover import write_plover
from kg.eventdata.tables import LAYOUTS, table_writer
from kg.files import atomic_output
from kg.graph.namespaces import PREFIXES
from kg.graph.store import Store
from kg.queries import named_queries, query_pages
from kg.registry import Registry

if TYPE_CHECKING:
    import networkx as nx

    from kg.viz.select import Selection

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


GraphWriter = Callable[["nx.MultiDiGraph", IO[bytes]], None]

GRAPH_WRITERS: Registry[GraphWriter] = Registry("graph format", {
    # networkx and the network's projection are imported when a graph format is asked for
    "graphml": "kg.viz.formats:write_graphml",
    "gexf": "kg.viz.formats:write_gexf",
    "cyjs": "kg.viz.formats:write_cyjs",
    "csv": "kg.viz.formats:write_csv",
    "svg": "kg.viz.static:write_svg",  # matplotlib is slow to import: loaded when asked for
    "png": "kg.viz.static:write_png",
})
"""Graph format name → writer of a networkx graph (the one ``kg render`` draws)."""


def _drawn(store: Store, selection: Selection | None = None) -> nx.MultiDiGraph:
    """The network ``kg render`` draws of ``store``, which the graph formats write."""
    from kg.viz.select import view  # with networkx: only a graph format needs them

    return view(store, selection)[0]


def _selects_all(selection: Selection) -> bool:
    from kg.viz.select import Selection

    return selection == Selection()


def _whole_graph(name: str) -> Writer:
    def writer(store: Store, out: IO[bytes]) -> None:
        GRAPH_WRITERS[name](_drawn(store), out)
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
        graph = _drawn(store, selection)
        write_graph = GRAPH_WRITERS[fmt]

        def writer(_store: Store, out: IO[bytes]) -> None:
            write_graph(graph, out)
    elif selection is not None and not _selects_all(selection):
        raise ValueError(f"focus and filters apply to the graph formats only "
                         f"({', '.join(GRAPH_WRITERS)}), not to {fmt}")
    if isinstance(output, (str, Path)):
        with atomic_output(output) as out:
            writer(store, out)
    else:
        writer(store, output)
