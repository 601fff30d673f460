"""kg: a knowledge graph builder for news about diplomacy and international relations.

Articles in, a persistent RDF knowledge graph out: statements (PLOVER-coded events,
positions, quotations, open relations) with the sentence each came from.

>>> import kg, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "talks.txt").write_text(
...     "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow.")
>>> store = folder / "store"
>>> kg.build([folder], store=store).written
['talks']
>>> [row["person"] for row in kg.query("positions", store=store).rows]
['Vladimir Putin', 'Xi Jinping']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.endpoint import serve, serving
from kg.export import EXPORTERS
from kg.export import export as _export
from kg.graph.store import DEFAULT_STORE, Store
from kg.query import Result, named_queries, resolve_query, run_query
from kg.query.entity import EntityProfile, EntityRow, entity_profile, entity_table
from kg.version import __version__

if TYPE_CHECKING:
    from kg.graph.validate import ValidationReport
    from kg.pipeline import BuildReport, build

_LAZY = {"build": "kg.pipeline", "BuildReport": "kg.pipeline"}


def __getattr__(name: str) -> object:
    # The build pulls in spaCy (seconds to import); queries, exports and the server do not.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

__all__ = [
    "DEFAULT_STORE",
    "EXPORTERS",
    "BuildReport",
    "Rendered",
    "Result",
    "Store",
    "__version__",
    "build",
    "entities",
    "export",
    "named_queries",
    "open_store",
    "query",
    "render",
    "serve",
    "serving",
    "show",
    "stats",
    "validate",
]


def open_store(store: str | Path | Store = DEFAULT_STORE, *, read_only: bool = False) -> Store:
    """The store at a path (or the store itself, when given one)."""
    return store if isinstance(store, Store) else Store(store, read_only=read_only)


def query(sparql_or_name: str, *, store: str | Path | Store = DEFAULT_STORE) -> Result:
    """Run a SPARQL query, a named query (``"who-met-whom"``) or a ``.rq`` file."""
    return run_query(open_store(store), resolve_query(sparql_or_name))


def export(fmt: str, output: str | Path | IO[bytes], *,
           store: str | Path | Store = DEFAULT_STORE) -> None:
    """Write the graph as ``fmt`` (see :data:`EXPORTERS`) to a path or binary stream."""
    _export(open_store(store), fmt, output)


@dataclass(frozen=True)
class Rendered:
    """What :func:`render` drew: the file, and how much of the graph is in it."""

    path: Path
    nodes: int
    edges: int
    unconnected: int  # entities left out because no drawn relation touches them


def render(output: str | Path = "graph.html", *, store: str | Path | Store = DEFAULT_STORE,
           title: str = "Knowledge graph", include_open: bool = False) -> Rendered:
    """Draw the actor network as a self-contained interactive HTML file.

    Entities with no relation to draw are left out (and counted in the result).
    """
    import networkx as nx

    from kg.viz.html import render_html
    from kg.viz.project import to_networkx

    graph = to_networkx(open_store(store), include_open=include_open)
    unconnected = list(nx.isolates(graph))
    graph.remove_nodes_from(unconnected)
    path = render_html(graph, output, title=title)
    return Rendered(path, graph.number_of_nodes(), graph.number_of_edges(), len(unconnected))


def entities(*, store: str | Path | Store = DEFAULT_STORE,
             type_: str | None = None) -> list[EntityRow]:
    """Every entity with type, aliases, mentions and articles, most mentioned first."""
    return entity_table(open_store(store), type_=type_)


def show(name: str, *, store: str | Path | Store = DEFAULT_STORE) -> list[EntityProfile]:
    """What the graph knows about the entity called ``name`` (a name or alias, any case)."""
    return entity_profile(open_store(store), name)


def stats(*, store: str | Path | Store = DEFAULT_STORE) -> dict[str, int]:
    """Counts of what the graph holds: articles, entities, statements by relation, quads."""
    target = open_store(store)
    counts: dict[str, int] = {"articles": target.article_count(), "quads": len(target)}
    rows = run_query(target, """
        SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
          { ?x dip:mentionCount ?c . BIND("entities" AS ?what) }
          UNION { ?x a dip:Sentence . BIND("sentences" AS ?what) }
          UNION { ?x a dip:Statement . BIND("statements" AS ?what) }
          UNION { ?x dip:relation/skos:prefLabel ?what }
        } GROUP BY ?what ORDER BY ?what""").rows
    counts.update({str(r["what"]): int(r["n"]) for r in rows})
    return counts


def validate(*, store: str | Path | Store = DEFAULT_STORE) -> ValidationReport:
    """Check every article's graph against the SHACL shapes; see :mod:`kg.graph.validate`."""
    from kg.graph.validate import validate as _validate  # pyshacl is slow to import

    return _validate(open_store(store, read_only=True))
