"""Render a knowledge graph to one self-contained, interactive HTML page.

Design choice: we do **not** drive pyvis' ``Network`` class. Measured on pyvis 0.3.2 it links
bootstrap from a CDN in every mode, only embeds vis-network with ``cdn_resources="in_line"``,
inserts ``heading`` as raw HTML and switches tooltips to raw HTML as soon as a title contains
"href". Instead this module writes the page from its own small template (the package files
``kg/viz/assets/network.html``, ``network.css`` and ``network.js``) and only borrows the
vis-network build that ships inside the pyvis package (``pyvis/lib/vis-9.1.2/vis-network.min.js``),
which it inlines. The result makes no network request at all.

Safety: every piece of article text (labels, aliases, sentences, titles, dates, IRIs) travels in
one JSON block (``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped as
``\\u003c`` etc.) and is turned into DOM nodes in the browser with ``textContent`` only; vis-network
receives tooltips as ready-made DOM elements. The page title and heading are HTML-escaped. A
Content-Security-Policy with script hashes forbids any other script (including inline event
handlers) and any fetch, as defence in depth.

Scale: positions are computed in Python (:mod:`kg.viz.layout`) and physics is off, so a few
thousand nodes draw at once. Beyond
``BIG_GRAPH_EDGES`` links, edges are straight and hidden while dragging. Output is deterministic
for the same graph (byte-identical file): nodes, edges and evidence are sorted, the layout is
seeded and no timestamp is written.

Drawing: nodes are shaped and coloured by ``type`` (legend in the page; :mod:`kg.viz.style`),
sized by their number of distinct neighbours, labelled with ``label``. Edges are coloured by
relation family (members from :func:`kg.graph.ontology.relation_families`; ``OTHER`` dimmed);
parallel
edges with the same relation and label between the same ordered pair become one edge labelled
e.g. "CONSULT ×3" whose tooltip lists up to :data:`MAX_EVIDENCE` evidence sentences (most
confident first) and "+N more". Clicking a node or edge shows the same information in a side
panel; the search box finds entities by name or alias (Enter cycles through matches). Every
legend row is also a filter menu: unticking a node type or relation family hides it (and the
nodes left with no visible link).

The browser exposes ``window.kgNetwork``, ``window.kgNodes``, ``window.kgEdges`` (vis DataSets),
``window.kgData`` (the raw JSON), ``window.kgSearch(query)``, ``window.kgFilter(kind, value,
on)`` (kind ``"type"`` or ``"family"``; returns the visible node and link counts) and sets
``window.kgReady`` (and ``window.kgReadyMs``) after the first draw.
"""

from __future__ import annotations

import html
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.files import atomic_output
from kg.graph.ontology import family_of, relation_families
from kg.viz.layout import layout_positions
from kg.viz.style import FAMILY_STYLES, NODE_TYPES, TYPE_ALIASES
from kg.web import csp_hash, json_for_script, script_safe

__all__ = [
    "MAX_EVIDENCE",
    "build_page",
    "graph_payload",
    "notebook_frame",
    "render_html",
]

MAX_EVIDENCE = 5
"""Evidence sentences shown per (merged) edge; the rest is summarised as "+N more"."""
MAX_ALIASES = 12
"""Aliases shown per node tooltip."""
MAX_LABEL_CHARS = 48
"""Node labels longer than this are shortened on the canvas (full text stays in the tooltip)."""
MAX_EDGE_LABEL_CHARS = 32
"""Edge labels longer than this are shortened on the canvas (full text stays in the tooltip)."""
BIG_GRAPH_EDGES = 1500
"""Above this many (merged) edges, edges are drawn straight and hidden while dragging."""

def render_html(
    graph: nx.MultiDiGraph, path: str | Path, *, title: str = "Knowledge graph"
) -> Path:
    """Write ``graph`` as one self-contained interactive HTML file and return its path.

    Nodes need ``label``, ``type``, ``aliases`` and ``mentions`` attributes (missing ones get
    defaults); edges need ``relation``, ``label`` and ``evidence`` (a list of dicts with
    ``sentence``, ``doc``, ``title``, ``date``, ``confidence``). Parallel edges with the same
    relation and label between the same ordered pair are merged into one edge with a count.
    The file is written atomically (temp file in the same directory, then ``os.replace``).

    >>> import networkx as nx, tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ex:trump", label="Donald Trump", type="Person", aliases=[], mentions=3)
    >>> g.add_node("ex:putin", label="Vladimir Putin", type="Person", aliases=[], mentions=2)
    >>> _ = g.add_edge("ex:trump", "ex:putin", relation="CONSULT", label="CONSULT",
    ...                evidence=[{"sentence": "Trump called Putin.", "doc": "d1",
    ...                           "title": "Call", "date": None, "confidence": 0.9}])
    >>> out = render_html(g, pathlib.Path(tempfile.mkdtemp()) / "g.html", title="Demo")
    >>> "Vladimir Putin" in out.read_text(encoding="utf-8")
    True
    """
    target = Path(path)
    page = build_page(graph, title=title)
    with atomic_output(target) as out:
        out.write(page.encode("utf-8"))
    return target


def build_page(graph: nx.MultiDiGraph, *, title: str = "Knowledge graph") -> str:
    """Return the HTML page for ``graph`` as a string (what :func:`render_html` writes).

    >>> import networkx as nx
    >>> page = build_page(nx.MultiDiGraph(), title="<b>Empty</b>")
    >>> "&lt;b&gt;Empty&lt;/b&gt;" in page and "<b>Empty</b>" not in page
    True
    """
    data = graph_payload(graph)
    return _page(data, title=str(title))


def notebook_frame(page: str, *, height: int = 640) -> str:
    """An ``<iframe>`` that shows ``page`` inline in JupyterLab, classic Notebook and VS Code.

    The whole page travels escaped in ``srcdoc``, so nothing depends on the notebook server
    serving a file (pyvis' ``show(notebook=True)`` points an IFrame at a path, which stays
    blank in VS Code, Colab and remote kernels) and neither its CSS nor its scripts reach the
    notebook's own DOM (pyvis' ``HTML(generate_html())`` restyles the notebook, and JupyterLab
    does not run scripts inserted that way). ``sandbox="allow-scripts"`` gives the frame an
    opaque origin: the page runs but cannot touch the notebook.

    >>> frame = notebook_frame('<p title="a&b">x</p>')
    >>> frame.split('"')[1]
    '&lt;p title=&quot;a&amp;b&quot;&gt;x&lt;/p&gt;'
    """
    return _fragment("notebook-frame", page=html.escape(page, quote=True), height=int(height))


# --------------------------------------------------------------------------- data payload


def graph_payload(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Turn ``graph`` into the JSON-ready dict the page draws (nodes, merged edges, options).

    Ordering is stable: nodes by id, edges by (source, target, relation, label).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for _ in range(3):
    ...     _ = g.add_edge("a", "b", relation="CONSULT", label="CONSULT", evidence=[])
    >>> [(e["from"], e["to"], e["label"], e["count"]) for e in graph_payload(g)["edges"]]
    [('a', 'b', 'CONSULT ×3', 3)]
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

    positions = layout_positions(node_ids, [(u, v) for u, v, _r, _l in groups])

    nodes = []
    for nid in node_ids:
        attrs = graph.nodes[by_str[nid]]
        label = _text(attrs.get("label")) or _iri_tail(nid)
        aliases = _unique(
            a for a in (_text(x) for x in _as_list(attrs.get("aliases"))) if a and a != label
        )
        degree = len(neighbours[nid])
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
                "degree": degree,
                "size": round(min(46.0, 11.0 + 5.0 * math.sqrt(degree)), 1),
                "x": x,
                "y": y,
            }
        )

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
    }


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


# --------------------------------------------------------------------------- page


@lru_cache(maxsize=1)
def _vis_js() -> str:
    """The vis-network build bundled with pyvis, made safe to inline in a <script>."""
    base = resources.files("pyvis")
    for rel in ("lib/vis-9.1.2/vis-network.min.js", "templates/lib/vis-9.1.2/vis-network.min.js"):
        candidate = base.joinpath(rel)
        if candidate.is_file():
            js = candidate.read_text(encoding="utf-8")
            break
    else:  # pragma: no cover - depends on the installed pyvis
        raise FileNotFoundError("vis-network.min.js not found inside the pyvis package")
    js = re.sub(r"//# sourceMappingURL=\S*\s*$", "", js)
    return script_safe(js)


def _legend_html(data: Mapping[str, Any]) -> str:
    type_counts: dict[str, int] = defaultdict(int)
    for node in data["nodes"]:
        type_counts[node["type"]] += 1
    family_counts: dict[str, int] = defaultdict(int)
    for edge in data["edges"]:
        family_counts[edge["family"]] += edge["count"]
    rows = [_fragment("heading", text="Entities")]
    for name, (shape, fill, border) in NODE_TYPES.items():
        if name == "Event" and not type_counts.get(name):
            continue  # only event projections have event nodes
        rows.append(_fragment("type-row", box=_filter_box("type", name),
                              shape=_shape_svg(shape, fill, border), name=html.escape(name),
                              count=type_counts.get(name, 0)))
    rows.append(_fragment("heading", text="Relations"))
    for name, (text, colour, _font) in FAMILY_STYLES.items():
        members = relation_families()[name]
        tip = html.escape(", ".join(sorted(members)) if name != "other" else "anything else")
        rows.append(_fragment("family-row", tip=tip, box=_filter_box("family", name),
                              colour=colour, text=html.escape(text),
                              count=family_counts.get(name, 0)))
    rows.append(_fragment("shown"))
    return "\n".join(rows)


def _filter_box(kind: str, value: str) -> str:
    return _fragment("filter-box", kind=html.escape(kind), value=html.escape(value))


def _shape_svg(shape: str, fill: str, border: str) -> str:
    paint = _fragment("paint", fill=fill, border=border)
    body = _fragment(shape if shape in _SHAPES else "dot", paint=paint)
    return _fragment("shape", body=body)


_SHAPES = ("dot", "diamond", "triangle", "hexagon", "square")


@cache
def _fragments() -> dict[str, str]:
    """The fragments of ``assets/fragments.html`` by name."""
    parts = re.split(r"^<!-- fragment: ([a-z-]+) -->\n", _asset("fragments.html"), flags=re.M)
    return {name: text.removesuffix("\n") for name, text in zip(parts[1::2], parts[2::2],
                                                                strict=True)}


def _fragment(fragment: str, /, **values: object) -> str:
    return _fragments()[fragment].format(**values)


@cache
def _asset(name: str) -> str:
    """A file of ``kg/viz/assets``: the page's template, style sheet, script and fragments."""
    return (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")


def _page(data: dict[str, Any], *, title: str) -> str:
    vis_js = _vis_js()
    app_js = script_safe(_asset("network.js"))
    csp = (
        "default-src 'none'; "
        f"script-src {csp_hash(vis_js)} {csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    n_nodes, n_edges = len(data["nodes"]), sum(e["count"] for e in data["edges"])
    summary = f"{n_nodes} entities · {n_edges} statements ({len(data['edges'])} links)"
    return _asset("network.html").format(
        csp=html.escape(csp, quote=True),
        title=html.escape(title),
        summary=html.escape(summary),
        legend=_legend_html(data),
        css=_asset("network.css"),
        data=json_for_script(data),
        vis_js=vis_js,
        app_js=app_js,
    )


# --------------------------------------------------------------------------- helpers


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
