"""The data a network page draws: nodes with their looks and places, merged edges, evidence.

:func:`graph_payload` turns a networkx graph (the actor projection of
:mod:`kg.viz.project`, a selection of it, or any graph with the same attributes) into one
JSON-ready dict; :mod:`kg.viz.network_page` writes it into the page, where
``assets/network.js`` draws it. Everything in it is plain data: article text is escaped
where the page embeds it and reaches the DOM as text only.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from kg.graph.ontology import family_of
from kg.viz.layout import layout_positions
from kg.viz.style import COMMUNITY_COLOURS, FAMILY_STYLES, NODE_TYPES, TYPE_ALIASES

MAX_EVIDENCE = 5
"""Evidence sentences shown per (merged) edge; the rest is summarised as "+N more"."""
MAX_ALIASES = 12
"""Aliases shown per node tooltip."""
MAX_LABEL_CHARS = 32
"""Node labels longer than this are shortened on the canvas (full text stays in the tooltip)."""
MAX_EDGE_LABEL_CHARS = 32
"""Edge labels longer than this are shortened on the canvas (full text stays in the tooltip)."""
BIG_GRAPH_EDGES = 1500
"""Above this many (merged) edges, edges are drawn straight and hidden while dragging."""
MAX_ALONE = 40
"""Statements an entity holds alone (quotations, events with no recipient) listed in its
panel; the rest is summarised as "+N more"."""


def graph_payload(graph: nx.MultiDiGraph, *, communities: bool = False) -> dict[str, Any]:
    """Turn ``graph`` into the JSON-ready dict the page draws (nodes, merged edges, options).

    Each node carries its number of ``statements`` (the links it takes part in and the
    statements it holds alone), which sizes it, and its ``rank`` by that number (0 is the
    most connected; the page labels the best ranked first). The statements a node holds
    alone (its ``alone`` attribute: quotations, events with no recipient) are merged like
    parallel edges and listed for its panel. With ``communities``, each node also gets the
    Louvain community (:func:`kg.analysis.communities`) it belongs to, numbered from the
    largest, and the largest ones a colour. A node's ``href`` and an evidence's ``href`` (the
    URLs of their pages, given by the explorer) become links in the panels. Ordering is
    stable: nodes by id, edges by (source, target, relation, label).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for _ in range(3):
    ...     _ = g.add_edge("a", "b", relation="CONSULT", label="CONSULT", evidence=[])
    >>> data = graph_payload(g)
    >>> [(e["from"], e["to"], e["label"], e["count"]) for e in data["edges"]]
    [('a', 'b', 'CONSULT ×3', 3)]
    >>> [(n["id"], n["statements"], n["rank"]) for n in data["nodes"]]
    [('a', 3, 0), ('b', 3, 1)]
    """
    node_ids = sorted((str(n) for n in graph.nodes), key=_sort_key)
    by_str = {str(n): n for n in graph.nodes}

    groups: dict[tuple[str, str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for u, v, attrs in graph.edges(data=True):
        relation = _text(attrs.get("relation")) or "OTHER"
        label = _text(attrs.get("label")) or relation
        groups[(str(u), str(v), relation, label)].append(attrs)

    neighbours: dict[str, set[str]] = {n: set() for n in node_ids}
    for u, v, _r, _l in groups:
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
    statements = statement_counts(graph)

    positions = layout_positions(node_ids, [(u, v) for u, v, _r, _l in groups])

    nodes = []
    for nid in node_ids:
        attrs = graph.nodes[by_str[nid]]
        label = _text(attrs.get("label")) or _iri_tail(nid)
        aliases = _unique(
            a for a in (_text(x) for x in _as_list(attrs.get("aliases"))) if a and a != label
        )
        alone = _merge_alone(_as_list(attrs.get("alone")))
        x, y = positions[nid]
        nodes.append(
            {
                "id": nid,
                "label": label,
                "short": _shorten(label, MAX_LABEL_CHARS),
                "type": _node_type(attrs.get("type")),
                "aliases": aliases[:MAX_ALIASES],
                "aliases_more": max(0, len(aliases) - MAX_ALIASES),
                "mentions": _int(attrs.get("mentions")),
                "degree": len(neighbours[nid]),
                "statements": statements[nid],
                "size": round(min(50.0, 9.0 + 3.2 * math.sqrt(statements[nid])), 1),
                "alone": alone[:MAX_ALONE],
                "alone_more": max(0, len(alone) - MAX_ALONE),
                "x": x,
                "y": y,
                "href": _href(attrs.get("href")),
            }
        )
    ranked = sorted(nodes, key=lambda n: (-n["statements"], -n["degree"], -n["mentions"],
                                          _sort_key(n["label"]), n["id"]))
    for rank, node in enumerate(ranked):
        node["rank"] = rank

    keys = sorted(groups, key=lambda k: tuple(_sort_key(p) for p in k))
    curves = _curves(keys)

    edges = []
    for i, key in enumerate(keys):
        u, v, relation, label = key
        members = groups[key]
        evidence = _merge_evidence(members)
        count = len(members)
        edges.append(
            {
                "id": f"e{i}",
                "from": u,
                "to": v,
                "relation": relation,
                "family": family_of(relation),
                "text": label,
                "label": _shorten(label, MAX_EDGE_LABEL_CHARS)
                + ("" if count == 1 else f" ×{count}"),
                "count": count,
                "evidence": evidence[:MAX_EVIDENCE],
                "evidence_more": max(0, len(evidence) - MAX_EVIDENCE),
                "curve": curves[i],
            }
        )

    big = len(edges) > BIG_GRAPH_EDGES
    found = _communities(nodes, groups) if communities else []
    return {
        "nodes": nodes,
        "edges": edges,
        "types": {
            name: {"shape": shape, "color": fill, "border": border}
            for name, (shape, fill, border) in NODE_TYPES.items()
        },
        "families": {
            name: {"text": text, "color": colour, "font": font}
            for name, (text, colour, font) in FAMILY_STYLES.items()
        },
        "big": big,
        "communities": found,
    }


def statement_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """The statements each node (by its id as text) takes part in: its links, at either
    end (a loop counts once), and the statements it holds alone (``alone``). The network's
    pages and pictures size nodes by it.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "b")])
    >>> g.nodes["a"]["alone"] = [{"relation": "SAID", "quote": "We will."}]
    >>> statement_counts(g)
    {'a': 3, 'b': 3}
    """
    counts = {str(node): sum(1 for item in _as_list(data.get("alone"))
                             if isinstance(item, Mapping))
              for node, data in graph.nodes(data=True)}
    for u, v in graph.edges():
        counts[str(u)] += 1
        if u != v:
            counts[str(v)] += 1
    return counts


def _curves(keys: list[tuple[str, str, str, str]]) -> list[list[Any] | None]:
    """Spread edges that share an unordered node pair so they and their labels do not overlap.

    The first edge of a pair stays straight (None); the others alternate sides with growing
    roundness. Returns, per edge, ``[vis smooth type, roundness]``; the side is fixed in the
    pair's canonical (sorted) direction, so A->B and B->A edges never land on the same curve.
    """
    pair_members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (u, v, _r, _l) in enumerate(keys):
        pair_members[(min(u, v), max(u, v))].append(i)
    curves: list[list[Any] | None] = [None] * len(keys)
    for members in pair_members.values():
        for k, i in enumerate(members):
            if k == 0:
                continue
            clockwise = k % 2 == 1
            u, v = keys[i][0], keys[i][1]
            if u > v:  # drawn against the canonical direction: mirror the side
                clockwise = not clockwise
            roundness = round(0.45 * ((k + 1) // 2), 2)
            curves[i] = ["curvedCW" if clockwise else "curvedCCW", roundness]
    return curves


def _merge_evidence(members: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Collect, de-duplicate and order evidence of parallel edges (most confident first)."""
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for attrs in members:
        for ev in _as_list(attrs.get("evidence")):
            if not isinstance(ev, Mapping):
                continue
            sentence = _text(ev.get("sentence"))
            doc = _text(ev.get("doc"))
            if (sentence, doc) in seen:
                continue
            seen.add((sentence, doc))
            conf = ev.get("confidence")
            out.append(
                {
                    "sentence": sentence,
                    "doc": doc,
                    "title": _text(ev.get("title")),
                    "date": _text(ev.get("date")),
                    "confidence": round(float(conf), 3) if _is_number(conf) else None,
                    "href": _href(ev.get("href")),
                }
            )
    out.sort(
        key=lambda e: (
            -(e["confidence"] if e["confidence"] is not None else -1.0),
            e["date"],
            e["title"],
            e["doc"],
            e["sentence"],
        )
    )
    return out



def _merge_alone(items: Iterable[Any]) -> list[dict[str, Any]]:
    """The statements a node holds alone, the same ones (relation, label, quotation, object)
    merged with their evidence: quotations first, then events, then open relations, the
    most often told first in each."""
    merged: dict[tuple[str, str, str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for item in items:
        if isinstance(item, Mapping):
            relation = _text(item.get("relation")) or "OTHER"
            merged[(relation, _text(item.get("label")) or relation, _text(item.get("quote")),
                    _text(item.get("object")))].append(item)
    events = [family for family in FAMILY_STYLES if family not in ("quotation", "other")]
    order = {family: i for i, family in enumerate(("quotation", *events, "other"))}
    out = []
    for (relation, label, quote, obj), members in merged.items():
        evidence = _merge_evidence(members)
        out.append({"relation": relation, "family": family_of(relation), "text": label,
                    "quote": quote, "object": obj, "count": len(members),
                    "evidence": evidence[:MAX_EVIDENCE],
                    "evidence_more": max(0, len(evidence) - MAX_EVIDENCE)})
    out.sort(key=lambda a: (order.get(a["family"], len(order)), -a["count"],
                            _sort_key(a["text"]), _sort_key(a["quote"]), _sort_key(a["object"])))
    return out


def _communities(nodes: list[dict[str, Any]],
                 groups: Mapping[tuple[str, str, str, str], list[Any]]) -> list[dict[str, Any]]:
    """Give each linked node its Louvain community (``community``, 1 = the largest) and the
    largest communities a colour; return them for the legend (number, size, colour and
    best-ranked member)."""
    from kg.analysis import communities, fold

    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node["id"], label=node["label"], type=node["type"])
    for (u, v, relation, _label), members in groups.items():
        graph.add_edges_from([(u, v, {"relation": relation})] * len(members))
    number = {row["iri"]: row["community"] for row in communities(fold(graph)).rows}
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        node["community"] = number.get(node["id"])
        if node["community"] is not None:
            members[node["community"]].append(node)
    found = []
    for community, group in sorted(members.items()):
        colour = COMMUNITY_COLOURS[community - 1] if community <= len(COMMUNITY_COLOURS) else None
        lead = min(group, key=lambda n: n["rank"])
        found.append({"number": community, "size": len(group), "lead": lead["label"],
                      "color": colour, "border": _darker(colour) if colour else None})
    return found


def _darker(colour: str) -> str:
    """A ``#rrggbb`` colour a third darker, for a node's border."""
    rgb = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * 2 / 3):02x}" for c in rgb)

# ----------------------------------------------------------------- helpers


def _href(value: Any) -> str:
    """A link the page may follow: a path on the same site or an http(s) URL, else ""
    (never ``javascript:`` or ``data:``). The explorer gives nodes and evidence the URLs of
    their pages; a file from ``kg render`` has none.

    >>> _href("/explore/article/x"), _href("javascript:alert(1)"), _href("//evil.example/")
    ('/explore/article/x', '', '')
    """
    text = _text(value)
    return text if re.match(r"(?:/(?!/)|https?://)", text, re.I) else ""


def _text(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, bytes, Mapping)):
        return [value]
    try:
        return list(value)
    except TypeError:
        return [value]


def _unique(items: Iterable[str]) -> list[str]:
    return sorted(set(items), key=lambda s: (s.casefold(), s))


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _node_type(value: Any) -> str:
    text = _text(value)
    if text in NODE_TYPES:
        return text
    lowered = text.lower()
    for name in NODE_TYPES:
        if name.lower() == lowered:
            return name
    return TYPE_ALIASES.get(lowered, "Other")


def _iri_tail(iri: str) -> str:
    tail = re.split(r"[/#:]", iri.rstrip("/#"))[-1]
    return tail or iri


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sort_key(value: str) -> tuple[str, str]:
    return (value.casefold(), value)
