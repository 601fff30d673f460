"""Focus and filter: one selection of the networkx projection shared by render and exports.

:func:`select` cuts a projected graph down (relations, entity types, articles, dates,
confidence, then a focus entity and its neighbourhood); :class:`Selection` carries those
options from the command line or the Python API, and :func:`view` turns a store and a
selection into the graph that ``kg render`` draws and ``kg export`` writes, so the HTML and
the GraphML, GEXF, Cytoscape, CSV and picture exports always hold the same nodes and edges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.graph.ontology import family_of, relation_families, relations
from kg.graph.store import Store
from kg.viz.style import NODE_TYPES

TYPES: tuple[str, ...] = tuple(NODE_TYPES)
"""Node types a selection may name."""


@dataclass(frozen=True)
class Selection:
    """Which part of the graph to draw or export; the defaults select everything.

    ``relations`` holds relation names (``ACCUSE``) or family names (``conflict``);
    ``types`` node types; ``docs`` article ids; ``since``/``until`` ISO dates (inclusive);
    ``query`` a CONSTRUCT query (text, ``.rq`` file or shipped name) drawn instead of the
    actor projection; ``focus`` names (or aliases) of entities to centre on, with ``hops``.

    >>> Selection(relations=("accuse",)).normalised().relations
    ('ACCUSE',)
    """

    focus: tuple[str, ...] = ()
    hops: int = 1
    relations: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    docs: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    query: str | None = None
    include_open: bool = False

    def normalised(self) -> Selection:
        """The same selection with names checked and spelled canonically.

        Raises ``ValueError`` naming the bad value and the valid ones.
        """
        return Selection(
            focus=tuple(self.focus), hops=_hops(self.hops),
            relations=tuple(_relation(r) for r in self.relations),
            types=tuple(_type(t) for t in self.types), docs=tuple(self.docs),
            since=_date(self.since, "since"), until=_date(self.until, "until"),
            min_confidence=_confidence(self.min_confidence), query=self.query,
            include_open=self.include_open,
        )


def _relation(name: str) -> str:
    text = name.strip()
    if text.lower() in relation_families():
        return text.lower()
    # relation names and families are the ontology's (families such as "conflict" too)
    if text.upper() in relations():
        return text.upper()
    known = ", ".join(sorted(relations()))
    raise ValueError(f"unknown relation {name!r} (choose from {known} or a "
                     f"family: {', '.join(relation_families())})")


def _type(name: str) -> str:
    for known in TYPES:
        if known.lower() == name.strip().lower():
            return known
    raise ValueError(f"unknown type {name!r} (choose from {', '.join(TYPES)})")


def _date(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError(f"{what}: {value!r} is not a date (YYYY-MM-DD)") from None


def _hops(value: int) -> int:
    if int(value) < 0:
        raise ValueError(f"hops: {value} is negative")
    return int(value)


def _confidence(value: float | None) -> float | None:
    if value is not None and not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"min-confidence: {value} is not between 0 and 1")
    return value


def select(graph: nx.MultiDiGraph, *, focus: Iterable[str] = (), hops: int = 1,
           relations: Iterable[str] = (), types: Iterable[str] = (), docs: Iterable[str] = (),
           since: str | None = None, until: str | None = None,
           min_confidence: float | None = None) -> nx.MultiDiGraph:
    """The part of ``graph`` the filters keep (a new graph; ``graph`` is left alone).

    Edges, and the statements a node holds alone (``alone``: quotations, events with no
    recipient), keep the evidence that passes ``docs``, ``since``/``until`` (the article
    date) and ``min_confidence``, and go when none does. ``relations`` keeps edges whose relation or
    family is named; ``types`` keeps nodes of those types. Then, with ``focus``, only the
    entities within ``hops`` links (either direction) of a focus entity stay. Names are
    checked as in :meth:`Selection.normalised`.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("t", label="Donald Trump", type="Person", aliases=["Trump"])
    >>> g.add_node("p", label="Vladimir Putin", type="Person", aliases=[])
    >>> g.add_node("x", label="Xi Jinping", type="Person", aliases=[])
    >>> _ = g.add_edge("t", "p", relation="ACCUSE", evidence=[{"confidence": 0.9}])
    >>> _ = g.add_edge("p", "x", relation="CONSULT", evidence=[{"confidence": 0.5}])
    >>> sorted(select(g, focus=["trump"], hops=1).nodes)
    ['p', 't']
    >>> select(g, relations=["cooperation"]).number_of_edges()
    1
    """
    chosen = Selection(focus=tuple(focus), hops=hops, relations=tuple(relations),
                       types=tuple(types), docs=tuple(docs), since=since, until=until,
                       min_confidence=min_confidence).normalised()
    out = nx.MultiDiGraph()
    keep_types = set(chosen.types)
    for node, data in graph.nodes(data=True):
        if keep_types and data.get("type", "Other") not in keep_types:
            continue
        if "alone" in data:  # statements with no other entity pass the same filters
            data = {**data, "alone": [kept for item in data["alone"]
                                      if (kept := _kept(item, chosen)) is not None]}
        out.add_node(node, **data)
    for u, v, key, data in graph.edges(keys=True, data=True):
        if u in out and v in out and (kept := _kept(data, chosen)) is not None:
            out.add_edge(u, v, key=key, **kept)
    if chosen.focus:
        out = _neighbourhood(out, chosen.focus, chosen.hops)
    return out


def _kept(statement: Mapping[str, Any], chosen: Selection) -> Mapping[str, Any] | None:
    """A statement (edge or node's ``alone`` item) with the evidence that passes, or None
    when its relation is not selected or none of its evidence passes."""
    relation = str(statement.get("relation", "OTHER"))
    if chosen.relations and relation not in chosen.relations \
            and family_of(relation) not in chosen.relations:
        return None
    if not (chosen.docs or chosen.since or chosen.until or chosen.min_confidence is not None):
        return statement
    evidence = [e for e in statement.get("evidence", []) if _passes(e, chosen)]
    return {**statement, "evidence": evidence} if evidence else None


def _passes(evidence: Mapping[str, Any], chosen: Selection) -> bool:
    """Whether one piece of evidence passes the article, date and confidence filters."""
    if chosen.docs and evidence.get("doc") not in chosen.docs:
        return False
    date = str(evidence.get("date") or "")[:10]
    if (chosen.since or chosen.until) and not date:
        return False  # an undated statement cannot be placed in a date range
    if chosen.since and date < chosen.since:
        return False
    if chosen.until and date > chosen.until:
        return False
    confidence = evidence.get("confidence")
    return chosen.min_confidence is None or (
        confidence is not None and float(confidence) >= chosen.min_confidence)


def find_nodes(graph: nx.MultiDiGraph, name: str) -> list[Any]:
    """Nodes whose label or an alias is ``name`` (any case), else those whose label holds it.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("o", label="Viktor Orbán", aliases=["Orbán"])
    >>> find_nodes(g, "ORBÁN"), find_nodes(g, "viktor"), find_nodes(g, "Xi")
    (['o'], ['o'], [])
    """
    wanted = name.strip().casefold()
    exact, partial = [], []
    for node, data in graph.nodes(data=True):
        label = str(data.get("label", "")).casefold()
        if wanted == label or wanted in (str(a).casefold() for a in data.get("aliases", [])):
            exact.append(node)
        elif wanted and wanted in label:
            partial.append(node)
    return sorted(exact or partial, key=str)


def _neighbourhood(graph: nx.MultiDiGraph, names: Iterable[str], hops: int) -> nx.MultiDiGraph:
    """The subgraph within ``hops`` links of the entities called ``names``."""
    undirected = graph.to_undirected(as_view=True)
    keep: set[Any] = set()
    for name in names:
        found = find_nodes(graph, name)
        if not found:
            raise ValueError(f"focus: no entity called {name!r} in the selected graph")
        for node in found:
            keep.update(nx.single_source_shortest_path_length(undirected, node, cutoff=hops))
    return graph.subgraph(keep).copy()


def cap(graph: nx.MultiDiGraph, max_nodes: int, keep: Iterable[Any] = ()) -> int:
    """Keep at most ``max_nodes`` entities, the most connected (and ``keep``) first; return
    how many were dropped. A browser draws a few thousand nodes well, not tens of thousands.

    >>> g = nx.MultiDiGraph([("hub", "a"), ("hub", "b"), ("c", "d")])
    >>> cap(g, 3), sorted(g)
    (2, ['a', 'b', 'hub'])
    """
    if max_nodes <= 0 or graph.number_of_nodes() <= max_nodes:
        return 0
    kept = set(keep)
    ranked = sorted(graph, key=lambda n: (n not in kept, -graph.degree(n), str(n)))
    dropped = ranked[max_nodes:]
    graph.remove_nodes_from(dropped)
    return len(dropped)


def view(store: Store, selection: Selection | None = None) -> tuple[nx.MultiDiGraph, int]:
    """The graph to draw or export for ``selection``, and how many entities it left out.

    Entities that no selected relation touches are left out (focus entities stay).

    >>> import tempfile
    >>> graph, left_out = view(Store(tempfile.mkdtemp()))
    >>> graph.number_of_nodes(), left_out
    (0, 0)
    """
    from kg.queries import QueryError, resolve_query, run_query
    from kg.viz.project import from_construct, to_networkx

    chosen = (selection or Selection()).normalised()
    if chosen.query is not None:
        try:
            result = run_query(store, resolve_query(chosen.query))
        except QueryError as error:
            raise QueryError(f"query: {error}") from None
        if result.triples is None:
            raise ValueError("query: not a CONSTRUCT (or DESCRIBE) query; nothing to draw")
        graph = from_construct(store, result.triples)
    else:
        graph = to_networkx(store, include_open=chosen.include_open or "OTHER" in
                            chosen.relations or "other" in chosen.relations)
    picked = select(graph, focus=chosen.focus, hops=chosen.hops, relations=chosen.relations,
                    types=chosen.types, docs=chosen.docs, since=chosen.since,
                    until=chosen.until, min_confidence=chosen.min_confidence)
    focused = {n for name in chosen.focus for n in find_nodes(picked, name)}
    isolated = [n for n in nx.isolates(picked) if n not in focused]
    picked.remove_nodes_from(isolated)
    return picked, graph.number_of_nodes() - picked.number_of_nodes()
