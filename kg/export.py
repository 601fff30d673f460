"""Exports: the store written out in a chosen format.

A registry maps each format name to a writer; adding a format is one function and one
registry line. RDF formats come from Oxigraph's serialisers; ``jsonl`` is the
statement export of ``shared/eval/GUIDELINES.md``; ``graphml`` goes through the same
networkx projection as the HTML network.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import networkx as nx
import pyoxigraph as ox

from kg.graph.namespaces import PREFIXES
from kg.graph.store import Store
from kg.query import named_queries, run_query

Writer = Callable[[Store, IO[bytes]], None]


def _union_triples(store: Store) -> ox.QueryTriples:
    return store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def _rdf_dataset(fmt: ox.RdfFormat) -> Writer:
    def write(store: Store, out: IO[bytes]) -> None:
        store.dump(out, fmt)
    return write


def _rdf_merged(fmt: ox.RdfFormat) -> Writer:
    def write(store: Store, out: IO[bytes]) -> None:
        ox.serialize(_union_triples(store), out, fmt, prefixes=PREFIXES)
    return write


def write_statements(store: Store, out: IO[bytes]) -> None:
    """One JSON object per statement, with its evidence."""
    for row in run_query(store, named_queries()["statements"]).rows:
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")


def write_graphml(store: Store, out: IO[bytes]) -> None:
    """The actor network as GraphML (Gephi, yEd, Cytoscape)."""
    from kg.viz.project import for_export, to_networkx

    nx.write_graphml(for_export(to_networkx(store)), out)


EXPORTERS: dict[str, Writer] = {
    "ttl": _rdf_merged(ox.RdfFormat.TURTLE),
    "nt": _rdf_merged(ox.RdfFormat.N_TRIPLES),
    "trig": _rdf_dataset(ox.RdfFormat.TRIG),
    "nq": _rdf_dataset(ox.RdfFormat.N_QUADS),
    "jsonld": _rdf_dataset(ox.RdfFormat.JSON_LD),
    "jsonl": write_statements,
    "graphml": write_graphml,
}
"""Format name → writer."""


@contextmanager
def atomic_output(path: str | Path):
    """A binary file that appears at ``path`` only when writing finished."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def export(store: Store, fmt: str, output: str | Path | IO[bytes]) -> None:
    """Write the store as ``fmt`` to a path (atomically) or a binary stream.

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
    if isinstance(output, (str, Path)):
        with atomic_output(output) as out:
            writer(store, out)
    else:
        writer(store, output)
