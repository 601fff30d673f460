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

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from kg.graph import DEFAULT_STORE
from kg.version import __version__

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from kg.analysis import Analysis
    from kg.endpoint import serve, serving
    from kg.exporters import EXPORTERS
    from kg.graph.store import Store
    from kg.graph.validate import ValidationReport
    from kg.pipeline import BuildReport, build
    from kg.queries import Result, named_queries
    from kg.queries.entity import EntityRow
    from kg.queries.profile import EntityProfile
    from kg.viz.select import Selection

# Name → the module it is imported from when first asked for. A build imports neither the
# queries, the exports, the analysis nor the server (networkx, pandas, the endpoint), and a
# query never imports spaCy: each command pays only for the modules it uses.
_LAZY = {"build": "kg.pipeline", "BuildReport": "kg.pipeline", "Analysis": "kg.analysis",
         "serve": "kg.endpoint", "serving": "kg.endpoint", "EXPORTERS": "kg.exporters",
         "Result": "kg.queries", "named_queries": "kg.queries",
         "EntityProfile": "kg.queries.profile", "EntityRow": "kg.queries.entity",
         "Selection": "kg.viz.select", "Store": "kg.graph.store"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = [
    "DEFAULT_STORE",
    "EXPORTERS",
    "Analysis",
    "BuildReport",
    "Rendered",
    "Result",
    "Selection",
    "Store",
    "__version__",
    "analyze",
    "build",
    "entities",
    "export",
    "frame",
    "named_queries",
    "open_store",
    "query",
    "render",
    "serve",
    "serving",
    "show",
    "stats",
    "to_networkx",
    "validate",
]


def open_store(store: str | Path | Store = DEFAULT_STORE, *, read_only: bool = False) -> Store:
    """The store at a directory or a SPARQL 1.1 server's URL (or the store itself, when
    given one); see :mod:`kg.graph.store` and :mod:`kg.graph.remote`.

    >>> import tempfile
    >>> type(open_store(tempfile.mkdtemp())).__name__
    'EmbeddedStore'
    """
    from kg.graph.store import Store  # not at import: kg's command line starts without it

    return store if isinstance(store, Store) else Store(store, read_only=read_only)


def query(sparql_or_name: str, *, store: str | Path | Store = DEFAULT_STORE,
          limit: int | None = None) -> Result:
    """Run a SPARQL query, a named query (``"who-met-whom"``) or a ``.rq`` file; with
    ``limit``, only its first rows (quick on a per-article query however large the store).

    >>> import tempfile
    >>> query("SELECT ?x WHERE { VALUES ?x { 1 2 3 } }", store=tempfile.mkdtemp(), limit=2).rows
    [{'x': 1}, {'x': 2}]
    """
    from kg.queries import resolve_query, run_query

    return run_query(open_store(store), resolve_query(sparql_or_name), limit=limit)


def export(fmt: str, output: str | Path | IO[bytes], *,
           store: str | Path | Store = DEFAULT_STORE, selection: Selection | None = None) -> None:
    """Write the graph as ``fmt`` (see :data:`EXPORTERS`) to a path or binary stream.

    The graph formats (graphml, gexf, cyjs, csv, svg, png) take a :class:`Selection`
    (focus and filters, as :func:`render`).
    """
    from kg.exporters import export as _export

    _export(open_store(store), fmt, output, selection=selection)


@dataclass(frozen=True)
class Rendered:
    """What :func:`render` drew: the file, and how much of the graph is in it.

    In JupyterLab or Notebook the object shows the network inline (``_repr_html_``).
    """

    path: Path
    nodes: int
    edges: int
    unconnected: int  # entities left out: no selected relation touches them, or off focus
    capped: int = 0  # the least connected entities left out beyond ``max_nodes``

    def _repr_html_(self) -> str:
        from kg.viz.network_page import notebook_frame

        return notebook_frame(self.path.read_text(encoding="utf-8"))


def render(output: str | Path = "graph.html", *, store: str | Path | Store = DEFAULT_STORE,
           title: str = "Knowledge graph", include_open: bool = False,
           focus: str | Sequence[str] = (), hops: int = 1, relation: Sequence[str] = (),
           type: Sequence[str] = (), doc: Sequence[str] = (), since: str | None = None,
           until: str | None = None, min_confidence: float | None = None,
           query: str | None = None, max_nodes: int = 2000,
           communities: bool = False) -> Rendered:
    """Draw the actor network (or a CONSTRUCT ``query``) as one self-contained HTML file.

    The filters are those of :class:`kg.viz.select.Selection` (``relation`` takes relation
    or family names, ``type`` node types); bad names raise ``ValueError``. Entities with no
    relation left to draw are left out (and counted in the result), and beyond
    ``max_nodes`` entities (0: no cap) the least connected are (counted as ``capped``).
    ``communities`` fills the nodes by Louvain community (the largest ten in colour).
    """
    from kg.viz.network_page import render_html
    from kg.viz.select import Selection, cap, find_nodes, view

    graph, left_out = view(open_store(store), Selection(
        focus=(focus,) if isinstance(focus, str) else tuple(focus), hops=hops,
        relations=tuple(relation), types=tuple(type), docs=tuple(doc), since=since,
        until=until, min_confidence=min_confidence, query=query, include_open=include_open))
    focused = [node for name in ((focus,) if isinstance(focus, str) else focus)
               for node in find_nodes(graph, name)]
    capped = cap(graph, max_nodes, keep=focused)
    path = render_html(graph, output, title=title, communities=communities)
    return Rendered(path, graph.number_of_nodes(), graph.number_of_edges(), left_out, capped)


def to_networkx(*, store: str | Path | Store = DEFAULT_STORE, projection: str = "actors",
                family: str | None = None, include_open: bool = False) -> nx.MultiDiGraph:
    """The graph as a networkx ``MultiDiGraph`` for analytics (see :mod:`kg.viz.project`).

    ``projection="actors"``: entities and the statements between them; ``"events"``: entities
    and one node per statement. ``family`` keeps one relation family (``"conflict"``…).
    """
    from kg.viz.project import to_networkx as _to_networkx

    return _to_networkx(open_store(store), projection=projection, family=family,
                        include_open=include_open)


def entities(*, store: str | Path | Store = DEFAULT_STORE,
             type_: str | None = None) -> list[EntityRow]:
    """Every entity with type, aliases, mentions and articles, most mentioned first."""
    from kg.queries.entity import entity_table

    return entity_table(open_store(store), type_=type_)


def show(name: str, *, store: str | Path | Store = DEFAULT_STORE, limit: int | None = 20,
         offset: int = 0) -> list[EntityProfile]:
    """What the graph knows about the entity called ``name`` (a name or alias, any case),
    with ``limit`` of its statements from ``offset``, newest first (``None``: all); see
    :mod:`kg.queries.profile`."""
    from kg.queries.profile import entity_profile

    return entity_profile(open_store(store), name, limit=limit, offset=offset)


def stats(*, store: str | Path | Store = DEFAULT_STORE) -> dict[str, int]:
    """Counts of what the graph holds: articles, entities, statements by relation, quads."""
    from kg.queries import run_query

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


def analyze(*, store: str | Path | Store = DEFAULT_STORE, by: str = "degree",
            family: str | None = None, seed: int | None = None) -> Analysis:
    """Central actors, Louvain communities and country cooperation/conflict balance of
    the actor network; see :mod:`kg.analysis`. Each table has ``.to_frame()``; ``seed``
    (default :data:`kg.analysis.LOUVAIN_SEED`) fixes the community search.

    >>> import tempfile
    >>> analysis = analyze(store=tempfile.mkdtemp())
    >>> list(analysis.tables()), analysis.balance.rows
    (['centrality', 'communities', 'balance'], [])
    """
    from kg.analysis import LOUVAIN_SEED
    from kg.analysis import analyze as _analyze

    return _analyze(open_store(store), by=by, family=family,
                    seed=LOUVAIN_SEED if seed is None else seed)


def frame(data: Result | dict[str, object] | list[object]) -> pd.DataFrame:
    """Anything the API returns as a table, as a pandas DataFrame for a notebook: a query
    :class:`Result`, the counts of :func:`stats`, the rows of :func:`entities`, the
    statements of a :func:`show` profile.

    >>> frame({"articles": 1, "quads": 5}).to_dict("records")
    [{'what': 'articles', 'count': 1}, {'what': 'quads', 'count': 5}]
    """
    import dataclasses

    import pandas as pd

    from kg.queries import Result

    if isinstance(data, Result):
        return data.to_frame()
    if isinstance(data, dict):
        return pd.DataFrame({"what": list(data), "count": list(data.values())})
    return pd.DataFrame([dataclasses.asdict(row) if dataclasses.is_dataclass(row) else row
                         for row in data])
