"""Render a knowledge graph to one self-contained, interactive HTML page.

Design choice: we do **not** drive pyvis' ``Network`` class. Measured on pyvis 0.3.2 it links
bootstrap from a CDN in every mode, only embeds vis-network with ``cdn_resources="in_line"``,
inserts ``heading`` as raw HTML and switches tooltips to raw HTML as soon as a title contains
"href". Instead this module writes the page from its own small template and only borrows the
vis-network build that ships inside the pyvis package (``pyvis/lib/vis-9.1.2/vis-network.min.js``),
which it inlines. The result makes no network request at all.

Safety: every piece of article text (labels, aliases, sentences, titles, dates, IRIs) travels in
one JSON block (``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped as
``\\u003c`` etc.) and is turned into DOM nodes in the browser with ``textContent`` only; vis-network
receives tooltips as ready-made DOM elements. The page title and heading are HTML-escaped. A
Content-Security-Policy with script hashes forbids any other script (including inline event
handlers) and any fetch, as defence in depth.

Scale: positions are computed in Python (a seeded numpy Fruchterman-Reingold per connected
component, repulsion sampled against pivots on big components, components shelf-packed biggest
first; no scipy needed) and physics is off, so a few thousand nodes draw at once. Beyond
``BIG_GRAPH_EDGES`` links, edges are straight and hidden while dragging. Output is deterministic
for the same graph (byte-identical file): nodes, edges and evidence are sorted, the layout is
seeded and no timestamp is written.

Drawing: nodes are shaped and coloured by ``type`` (legend in the page), sized by their number
of distinct neighbours, labelled with ``label``. Edges are coloured by relation family
(:data:`FAMILY_STYLES`, members from :func:`relation_families`; ``OTHER`` dimmed); parallel
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
import numpy as np

from kg.files import atomic_output
from kg.graph.ontology import family_of, relations
from kg.web import csp_hash, json_for_script, script_safe

__all__ = [
    "FAMILY_STYLES",
    "MAX_EVIDENCE",
    "NODE_TYPES",
    "build_page",
    "graph_payload",
    "layout_positions",
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
LAYOUT_SEED = 7
LAYOUT_GRAVITY = 0.6
"""Pull towards the centre; keeps small components and isolated nodes near the rest."""
PX_PER_UNIT_DISTANCE = 210.0
"""Pixels per ideal Fruchterman-Reingold distance: sets how spread out the drawing is."""
BIG_GRAPH_EDGES = 1500
"""Above this many (merged) edges, edges are drawn straight and hidden while dragging."""

# Node types: (vis shape, fill colour, border colour).
NODE_TYPES: dict[str, tuple[str, str, str]] = {
    "Person": ("dot", "#5b8fd9", "#2f5f9e"),
    "Country": ("diamond", "#f2a541", "#b8741a"),
    "Organisation": ("triangle", "#a97bd1", "#6f4798"),
    "Place": ("square", "#4fb3a9", "#2a7d75"),
    "Event": ("hexagon", "#e9e4d4", "#8f8670"),
    "Other": ("dot", "#c3c0bb", "#8a8680"),
}
_TYPE_ALIASES = {"organization": "Organisation", "org": "Organisation", "location": "Place"}

# How each relation family is drawn: name -> (legend text, edge colour, label colour). Which
# relations belong to a family is the ontology's to say (``dip:family``): relation_families().
FAMILY_STYLES: dict[str, tuple[str, str, str]] = {
    "cooperation": ("Cooperation", "#2f9e44", "#1f6e2f"),
    "conflict": ("Conflict", "#e03131", "#a61e1e"),
    "affiliation": ("Position / membership", "#1c7ed6", "#145a99"),
    "quotation": ("Quotation", "#e8890c", "#a35f05"),
    "other": ("Other", "rgba(140,140,140,0.45)", "#8c8c8c"),
}


@cache
def relation_families() -> dict[str, frozenset[str]]:
    """Family name → the relation codes in it, as the ontology groups them (``dip:family``).

    >>> sorted(relation_families()["affiliation"])
    ['HOLDS_POSITION', 'MEMBER_OF']
    """
    members: dict[str, set[str]] = defaultdict(set)
    for code in relations():
        family = family_of(code)
        members[family if family in FAMILY_STYLES else "other"].add(code)
    return {name: frozenset(members[name]) for name in FAMILY_STYLES}


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
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd;" '
            'title="kg network"></iframe>')


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


# --------------------------------------------------------------------------- layout


def layout_positions(
    nodes: list[str], edges: list[tuple[str, str]], *, seed: int = LAYOUT_SEED
) -> dict[str, tuple[float, float]]:
    """Deterministic force-directed positions (in pixels) for ``nodes`` linked by ``edges``.

    Each connected component is laid out on its own with a vectorised Fruchterman-Reingold
    (numpy only; beyond 1,500 nodes repulsion is estimated from 800 random pivots per
    iteration, which keeps the cost linear), then the components are packed in rows, biggest
    first, so small fragments do not drift into a ring around the main one. Many small
    components are simulated together in one batch. Positions are centred on 0 and rounded
    to 0.1 px.

    >>> pos = layout_positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> sorted(pos) == ["a", "b", "c"] and pos == layout_positions(["a", "b", "c"],
    ...                                                           [("a", "b"), ("b", "c")])
    True
    """
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in edges
                    if u in index and v in index and u != v})
    components = _components(n, pairs)
    rng = np.random.default_rng(seed)
    x, y = np.zeros(n), np.zeros(n)

    comp_of = np.empty(n, dtype=np.int64)
    for c, members in enumerate(components):
        comp_of[members] = c
    edges_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b in pairs:
        edges_of[int(comp_of[a])].append((a, b))

    small = [c for c, members in enumerate(components) if 1 < len(members) <= _BATCH_MAX]
    for c, members in enumerate(components):
        if len(members) > _BATCH_MAX:
            local = {g: i for i, g in enumerate(members)}
            src = np.array([local[a] for a, _b in edges_of[c]], dtype=np.int64)
            dst = np.array([local[b] for _a, b in edges_of[c]], dtype=np.int64)
            cx, cy = _fr_dense(len(members), src, dst, rng)
            x[members], y[members] = cx, cy
    if small:
        _fr_batched([components[c] for c in small], [edges_of[c] for c in small], rng, x, y)

    _pack(components, x, y)
    return {node: (round(float(x[i]), 1), round(float(y[i]), 1)) for node, i in index.items()}


_BATCH_MAX = 40
"""Components up to this size are simulated together, with repulsion over explicit pairs."""


def _components(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components as sorted index lists, biggest first (ties: lowest index)."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda members: (-len(members), members[0]))


def _attract(x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray,
             k: float | np.ndarray, fx: np.ndarray, fy: np.ndarray) -> None:
    """Add the spring pull along edges ``a[i]–b[i]`` (ideal length ``k``) to the forces."""
    if not len(a):
        return
    dx, dy = x[a] - x[b], y[a] - y[b]
    pull = np.sqrt(dx * dx + dy * dy) / k
    np.add.at(fx, a, -dx * pull)
    np.add.at(fx, b, dx * pull)
    np.add.at(fy, a, -dy * pull)
    np.add.at(fy, b, dy * pull)


def _move(x: np.ndarray, y: np.ndarray, fx: np.ndarray, fy: np.ndarray,
          temperature: float) -> None:
    """Move every node along its force, by at most ``temperature``."""
    length = np.sqrt(fx * fx + fy * fy)
    np.maximum(length, 1e-12, out=length)
    step = np.minimum(length, temperature) / length
    x += fx * step
    y += fy * step


def _fr_dense(
    n: int, src: np.ndarray, dst: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Fruchterman-Reingold for one component; returns pixel coordinates."""
    x, y = rng.random(n), rng.random(n)
    k = 1.0 / math.sqrt(n)
    exact = n <= 1500
    iterations = 60 if exact else 45
    pivots = n if exact else 800
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    block = max(1, 131_072 // pivots)
    for _ in range(iterations):
        if exact:
            ax, ay, factor = x, y, 1.0
        else:
            chosen = rng.choice(n, size=pivots, replace=False)
            ax, ay, factor = x[chosen], y[chosen], (n - 1) / pivots
        fx, fy = np.empty(n), np.empty(n)
        for start in range(0, n, block):
            stop = start + block
            dx = x[start:stop, None] - ax[None, :]
            dy = y[start:stop, None] - ay[None, :]
            weight = dx * dx
            weight += dy * dy
            np.maximum(weight, 1e-6, out=weight)
            np.divide(factor * k * k, weight, out=weight)
            fx[start:stop] = np.einsum("ij,ij->i", dx, weight)
            fy[start:stop] = np.einsum("ij,ij->i", dy, weight)
        _attract(x, y, src, dst, k, fx, fy)
        fx -= LAYOUT_GRAVITY * (x - x.mean())
        fy -= LAYOUT_GRAVITY * (y - y.mean())
        _move(x, y, fx, fy, temperature)
        temperature -= cooling
    scale = PX_PER_UNIT_DISTANCE / k
    return x * scale, y * scale


def _fr_batched(
    components: list[list[int]],
    edges: list[list[tuple[int, int]]],
    rng: np.random.Generator,
    out_x: np.ndarray,
    out_y: np.ndarray,
) -> None:
    """Fruchterman-Reingold for many small components at once (no force between them).

    Writes pixel coordinates (each component centred on 0) into ``out_x``/``out_y``.
    """
    members = np.array([g for comp in components for g in comp], dtype=np.int64)
    sizes = np.array([len(comp) for comp in components], dtype=np.int64)
    comp = np.repeat(np.arange(len(components)), sizes)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    local = {int(g): i for i, g in enumerate(members)}
    k_comp = 1.0 / np.sqrt(sizes)
    k_node = k_comp[comp]
    rep_a = np.concatenate([offsets[c] + np.triu_indices(s, 1)[0] for c, s in enumerate(sizes)])
    rep_b = np.concatenate([offsets[c] + np.triu_indices(s, 1)[1] for c, s in enumerate(sizes)])
    k_rep = k_node[rep_a]
    att_a = np.array([local[a] for es in edges for a, _b in es], dtype=np.int64)
    att_b = np.array([local[b] for es in edges for _a, b in es], dtype=np.int64)
    k_att = k_node[att_a] if len(att_a) else np.zeros(0)
    m = len(members)
    x, y = rng.random(m), rng.random(m)
    iterations = 60
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        fx, fy = np.zeros(m), np.zeros(m)
        dx, dy = x[rep_a] - x[rep_b], y[rep_a] - y[rep_b]
        weight = k_rep * k_rep / np.maximum(dx * dx + dy * dy, 1e-6)
        np.add.at(fx, rep_a, dx * weight)
        np.add.at(fx, rep_b, -dx * weight)
        np.add.at(fy, rep_a, dy * weight)
        np.add.at(fy, rep_b, -dy * weight)
        _attract(x, y, att_a, att_b, k_att, fx, fy)
        cx = np.bincount(comp, weights=x) / sizes
        cy = np.bincount(comp, weights=y) / sizes
        fx -= LAYOUT_GRAVITY * (x - cx[comp])
        fy -= LAYOUT_GRAVITY * (y - cy[comp])
        _move(x, y, fx, fy, temperature)
        temperature -= cooling
    scale = PX_PER_UNIT_DISTANCE / k_node
    out_x[members] = x * scale
    out_y[members] = y * scale


def _pack(components: list[list[int]], x: np.ndarray, y: np.ndarray) -> None:
    """Shelf-pack component drawings (biggest first) into rows; centre the result on 0."""
    pad = 0.7 * PX_PER_UNIT_DISTANCE
    boxes = []
    for members in components:
        xs, ys = x[members], y[members]
        boxes.append((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())))
    sizes = [(x1 - x0 + pad, y1 - y0 + pad) for x0, y0, x1, y1 in boxes]
    area = sum(w * h for w, h in sizes)
    row_width = max(max(w for w, _h in sizes), math.sqrt(area * 1.6))
    cursor_x = cursor_y = row_height = 0.0
    for members, (x0, y0, _x1, _y1), (w, h) in zip(components, boxes, sizes, strict=True):
        if cursor_x > 0 and cursor_x + w > row_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height, 0.0
        x[members] += cursor_x + pad / 2 - x0
        y[members] += cursor_y + pad / 2 - y0
        cursor_x += w
        row_height = max(row_height, h)
    x -= (x.min() + x.max()) / 2
    y -= (y.min() + y.max()) / 2


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
    # Each row is also a filter: unticking it hides that type or family (see _APP_JS).
    rows = ['<div class="kg-legend-h">Entities</div>']
    for name, (shape, fill, border) in NODE_TYPES.items():
        if name == "Event" and not type_counts.get(name):
            continue  # only event projections have event nodes
        rows.append(
            f'<label class="kg-row">{_filter_box("type", name)}{_shape_svg(shape, fill, border)}'
            f"<span>{html.escape(name)}</span><small>{type_counts.get(name, 0)}</small></label>"
        )
    rows.append('<div class="kg-legend-h">Relations</div>')
    for name, (text, colour, _font) in FAMILY_STYLES.items():
        members = relation_families()[name]
        tip = html.escape(", ".join(sorted(members)) if name != "other" else "anything else")
        rows.append(
            f'<label class="kg-row" title="{tip}">{_filter_box("family", name)}'
            f'<svg width="22" height="12" aria-hidden="true"><line x1="1" y1="6" x2="21" y2="6" '
            f'stroke="{colour}" stroke-width="3"/></svg>'
            f"<span>{html.escape(text)}</span><small>{family_counts.get(name, 0)}</small></label>"
        )
    rows.append('<div id="kg-shown" class="kg-more" aria-live="polite"></div>')
    return "\n".join(rows)


def _filter_box(kind: str, value: str) -> str:
    return (f'<input type="checkbox" class="kg-filter" checked data-kind="{html.escape(kind)}" '
            f'value="{html.escape(value)}" aria-label="show {html.escape(value)}">')


def _shape_svg(shape: str, fill: str, border: str) -> str:
    paint = f'fill="{fill}" stroke="{border}" stroke-width="1.5"'
    if shape == "diamond":
        body = f'<polygon points="8,1 15,8 8,15 1,8" {paint}/>'
    elif shape == "triangle":
        body = f'<polygon points="8,1.5 15,14.5 1,14.5" {paint}/>'
    elif shape == "hexagon":
        body = f'<polygon points="4.5,2 11.5,2 15,8 11.5,14 4.5,14 1,8" {paint}/>'
    elif shape == "square":
        body = f'<rect x="2" y="2" width="12" height="12" {paint}/>'
    else:
        body = f'<circle cx="8" cy="8" r="6.5" {paint}/>'
    return f'<svg width="16" height="16" aria-hidden="true">{body}</svg>'


def _page(data: dict[str, Any], *, title: str) -> str:
    vis_js = _vis_js()
    app_js = script_safe(_APP_JS)
    csp = (
        "default-src 'none'; "
        f"script-src {csp_hash(vis_js)} {csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    n_nodes, n_edges = len(data["nodes"]), sum(e["count"] for e in data["edges"])
    summary = f"{n_nodes} entities · {n_edges} statements ({len(data['edges'])} links)"
    return _PAGE_TEMPLATE.format(
        csp=html.escape(csp, quote=True),
        title=html.escape(title),
        summary=html.escape(summary),
        legend=_legend_html(data),
        css=_CSS,
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
    return _TYPE_ALIASES.get(lowered, "Other")


def _iri_tail(iri: str) -> str:
    tail = re.split(r"[/#:]", iri.rstrip("/#"))[-1]
    return tail or iri


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _sort_key(value: str) -> tuple[str, str]:
    return (value.casefold(), value)


# --------------------------------------------------------------------------- static assets

_CSS = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; overflow: hidden; background: #fbfbfa;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #222; }
#kg-canvas { position: absolute; inset: 0; }
.kg-panel { position: absolute; background: rgba(255,255,255,0.94); border: 1px solid #d9d7d2;
  border-radius: 8px; box-shadow: 0 2px 10px rgba(0,0,0,0.08); z-index: 10; }
#kg-top { top: 12px; left: 12px; padding: 10px 12px; max-width: 420px; }
#kg-top h1 { font-size: 17px; margin: 0 0 2px; font-weight: 650; overflow-wrap: anywhere; }
#kg-top .kg-sum { color: #666; font-size: 12px; margin-bottom: 8px; }
#kg-find { display: flex; gap: 6px; align-items: center; }
#kg-search { flex: 1; min-width: 0; padding: 5px 8px; border: 1px solid #bbb; border-radius: 5px;
  font: inherit; }
#kg-find button { padding: 5px 10px; border: 1px solid #bbb; border-radius: 5px;
  background: #f1f0ec; font: inherit; cursor: pointer; }
#kg-status { color: #666; font-size: 12px; min-height: 16px; margin-top: 4px; }
#kg-legend { left: 12px; bottom: 12px; padding: 8px 12px; font-size: 13px; }
.kg-legend-h { font-weight: 650; margin: 4px 0 2px; font-size: 12px; color: #555;
  text-transform: uppercase; letter-spacing: .04em; }
.kg-row { display: flex; align-items: center; gap: 8px; }
.kg-row small { color: #888; margin-left: auto; padding-left: 12px; }
label.kg-row { cursor: pointer; user-select: none; }
.kg-filter { margin: 0; }
#kg-details { top: 12px; right: 12px; width: 380px; max-height: calc(100% - 24px);
  overflow: auto; padding: 10px 12px; display: none; }
#kg-details .kg-close { float: right; border: 0; background: none; font-size: 18px;
  cursor: pointer; color: #666; line-height: 1; }
div.vis-tooltip { position: absolute; visibility: hidden; z-index: 20; pointer-events: none;
  max-width: 440px; white-space: normal; background: #fffef8; border: 1px solid #bdb9ad;
  border-radius: 6px; box-shadow: 0 3px 12px rgba(0,0,0,0.18); padding: 8px 10px;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #222; }
.kg-tip-title { font-weight: 650; font-size: 14px; overflow-wrap: anywhere; }
.kg-tip-meta { color: #555; font-size: 12px; margin: 2px 0 4px; }
.kg-tip-rel { font-weight: 600; margin: 2px 0 4px; overflow-wrap: anywhere; }
.kg-tip-aliases { font-size: 12px; overflow-wrap: anywhere; }
.kg-tip-iri { color: #999; font-size: 11px; overflow-wrap: anywhere; margin-top: 4px; }
.kg-k { color: #777; }
.kg-ev { margin: 4px 0 0; padding: 0; list-style: none; }
.kg-ev li { margin: 0 0 6px; padding-left: 8px; border-left: 3px solid #d8d3c4; }
.kg-ev .kg-sent { overflow-wrap: anywhere; }
.kg-ev .kg-src { color: #666; font-size: 11.5px; overflow-wrap: anywhere; }
.kg-more { color: #777; font-size: 12px; font-style: italic; }
"""

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  window.kgData = data;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function nodeInfo(n) {
    var box = el("div", "kg-tip");
    box.appendChild(el("div", "kg-tip-title", n.label));
    box.appendChild(el("div", "kg-tip-meta", n.type + " \u00b7 " + plural(n.mentions, "mention")
      + " \u00b7 " + plural(n.degree, "neighbour")));
    if (n.aliases.length) {
      var a = el("div", "kg-tip-aliases");
      a.appendChild(el("span", "kg-k", "Also known as: "));
      a.appendChild(document.createTextNode(n.aliases.join("; ")
        + (n.aliases_more ? " (+" + n.aliases_more + " more)" : "")));
      box.appendChild(a);
    }
    box.appendChild(el("div", "kg-tip-iri", n.id));
    return box;
  }

  function edgeInfo(e) {
    var box = el("div", "kg-tip");
    var src = byId[e.from] ? byId[e.from].label : e.from;
    var dst = byId[e.to] ? byId[e.to].label : e.to;
    box.appendChild(el("div", "kg-tip-title", src + " \u2192 " + dst));
    var rel = e.relation + (e.text && e.text !== e.relation ? ": " + e.text : "");
    box.appendChild(el("div", "kg-tip-rel", rel));
    box.appendChild(el("div", "kg-tip-meta", plural(e.count, "statement")));
    if (e.evidence.length) {
      var ol = el("ol", "kg-ev");
      e.evidence.forEach(function (ev) {
        var li = el("li");
        li.appendChild(el("div", "kg-sent", ev.sentence));
        var src = [ev.title || ev.doc || "untitled", ev.date || "undated"];
        if (ev.confidence !== null && ev.confidence !== undefined) {
          src.push("confidence " + Number(ev.confidence).toFixed(2));
        }
        li.appendChild(el("div", "kg-src", src.join(" \u00b7 ")));
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    if (e.evidence_more) {
      box.appendChild(el("div", "kg-more", "+" + e.evidence_more + " more"));
    }
    return box;
  }

  var groups = {};
  Object.keys(data.types).forEach(function (t) {
    var s = data.types[t];
    groups[t] = { shape: s.shape, color: { background: s.color, border: s.border,
      highlight: { background: s.color, border: "#111" },
      hover: { background: s.color, border: "#111" } } };
  });

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.short, group: n.type, x: n.x, y: n.y, size: n.size,
      title: nodeInfo(n) };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var fam = data.families[e.family] || data.families.other;
    var item = { id: e.id, from: e.from, to: e.to, label: e.label, title: edgeInfo(e),
      width: 1.4 + Math.min(4, Math.log2(e.count) * 1.2),
      color: { color: fam.color, highlight: fam.font, hover: fam.font, inherit: false },
      font: { color: fam.font } };
    if (e.curve !== null && !data.big) {
      item.smooth = { enabled: true, type: e.curve[0], roundness: e.curve[1] };
    }
    return item;
  }));

  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 1 },
    groups: groups,
    nodes: {
      borderWidth: 1.5, borderWidthSelected: 3,
      font: { size: 15, color: "#1d1d1d", strokeWidth: 4, strokeColor: "#ffffff",
        face: "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" }
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      smooth: false,
      selectionWidth: 2, hoverWidth: 1,
      font: { size: 12, strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal",
        face: "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif" }
    },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.big,
      multiselect: false, navigationButtons: false, keyboard: false }
  };

  var container = document.getElementById("kg-canvas");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  network.once("afterDrawing", function () {
    window.kgReady = true;
    window.kgReadyMs = performance.now();
  });
  function overview() {
    network.fit({ animation: false });
    // Leave some room for the panels floating over the canvas, which sit on the left.
    var wide = container.clientWidth > 900;
    network.moveTo({ scale: network.getScale() * (wide ? 0.8 : 0.85),
      offset: { x: wide ? 110 : 0, y: wide ? 25 : 0 }, animation: false });
  }
  window.kgOverview = overview;
  overview();

  var details = document.getElementById("kg-details");
  var detailsBody = document.getElementById("kg-details-body");
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  function showDetails(info) {
    while (detailsBody.firstChild) { detailsBody.removeChild(detailsBody.firstChild); }
    if (!info) { details.style.display = "none"; return; }
    detailsBody.appendChild(info);
    details.style.display = "block";
  }
  document.getElementById("kg-details-close").addEventListener("click", function () {
    network.unselectAll();
    showDetails(null);
  });
  network.on("select", function (p) {
    if (p.nodes.length) { showDetails(nodeInfo(byId[p.nodes[0]])); }
    else if (p.edges.length) { showDetails(edgeInfo(edgeById[p.edges[0]])); }
    else { showDetails(null); }
  });

  // Filter state (set by the legend's checkboxes below); search skips hidden nodes.
  var hidden = { type: {}, family: {} };
  var hiddenNode = {};

  // ---- search
  var input = document.getElementById("kg-search");
  var status = document.getElementById("kg-status");
  var list = document.getElementById("kg-labels");
  data.nodes.map(function (n) { return n.label; }).sort().forEach(function (label, i, all) {
    if (i === 0 || all[i - 1] !== label) {
      var o = document.createElement("option");
      o.value = label;
      list.appendChild(o);
    }
  });
  function wordStart(text, q) {
    var i = text.indexOf(q);
    while (i >= 0) {
      if (i === 0 || /[\s\-\u2013\u2014(\/.,'\u2019]/.test(text.charAt(i - 1))) { return true; }
      i = text.indexOf(q, i + 1);
    }
    return false;
  }
  // Ranked matches: exact name or alias, then a word of the name starting with the query,
  // then anywhere in the name, then anywhere in an alias; best-connected first in each tier.
  function matches(q) {
    var tiers = [[], [], [], []];
    data.nodes.forEach(function (n) {
      if (hiddenNode[n.id]) { return; }
      var l = n.label.toLowerCase();
      var aliases = n.aliases.map(function (a) { return a.toLowerCase(); });
      if (l === q || aliases.indexOf(q) >= 0) { tiers[0].push(n); }
      else if (wordStart(l, q)) { tiers[1].push(n); }
      else if (l.indexOf(q) >= 0) { tiers[2].push(n); }
      else if (aliases.some(function (a) { return a.indexOf(q) >= 0; })) { tiers[3].push(n); }
    });
    var out = [];
    tiers.forEach(function (t) {
      t.sort(function (a, b) {
        return b.degree - a.degree || b.mentions - a.mentions
          || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
      });
      out = out.concat(t);
    });
    return out.map(function (n) { return n.id; });
  }
  var last = { q: null, ids: [], i: -1 };
  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) { status.textContent = ""; return null; }
    if (q !== last.q) { last = { q: q, ids: matches(q), i: 0 }; }
    else if (last.ids.length) { last.i = (last.i + 1) % last.ids.length; }
    if (!last.ids.length) { status.textContent = "No entity matches."; return null; }
    var id = last.ids[last.i];
    network.selectNodes([id], true);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1),
      animation: { duration: 350, easingFunction: "easeInOutQuad" } });
    showDetails(nodeInfo(byId[id]));
    status.textContent = "Match " + (last.i + 1) + " of " + last.ids.length
      + (last.ids.length > 1 ? " (Enter for next)" : "");
    return id;
  }
  window.kgSearch = search;

  // ---- filter menus: the legend's checkboxes hide node types and relation families.
  var shown = document.getElementById("kg-shown");
  function applyFilters() {
    var typeOn = {};
    data.nodes.forEach(function (n) { typeOn[n.id] = !hidden.type[n.type]; });
    var linked = {}, visible = {}, edgeCount = 0;
    var edgeUpdates = data.edges.map(function (e) {
      var on = !hidden.family[e.family] && typeOn[e.from] && typeOn[e.to];
      linked[e.from] = linked[e.to] = true;
      if (on) { visible[e.from] = visible[e.to] = true; edgeCount += 1; }
      return { id: e.id, hidden: !on };
    });
    var nodeCount = 0;
    var nodeUpdates = data.nodes.map(function (n) {
      // A node whose every link is filtered away goes too, so no orphans are left behind.
      var on = typeOn[n.id] && (!linked[n.id] || visible[n.id] === true);
      hiddenNode[n.id] = !on;
      if (on) { nodeCount += 1; }
      return { id: n.id, hidden: !on };
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    var all = nodeCount === data.nodes.length && edgeCount === data.edges.length;
    shown.textContent = all ? "" : "Showing " + nodeCount + " of " + data.nodes.length
      + " entities, " + edgeCount + " of " + data.edges.length + " links.";
    return { nodes: nodeCount, edges: edgeCount };
  }
  function setFilter(kind, value, on) {
    if (!hidden[kind]) { return null; }
    if (on) { delete hidden[kind][value]; } else { hidden[kind][value] = true; }
    var boxes = document.querySelectorAll("input.kg-filter");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.getAttribute("data-kind") === kind && box.value === value) { box.checked = !!on; }
    });
    return applyFilters();
  }
  window.kgFilter = setFilter;
  Array.prototype.forEach.call(document.querySelectorAll("input.kg-filter"), function (box) {
    box.addEventListener("change", function () {
      setFilter(box.getAttribute("data-kind"), box.value, box.checked);
    });
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); search(input.value); }
  });
  document.getElementById("kg-go").addEventListener("click", function () {
    search(input.value);
  });
})();
"""

_PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<div id="kg-canvas"></div>
<div id="kg-top" class="kg-panel">
<h1>{title}</h1>
<div class="kg-sum">{summary}</div>
<div id="kg-find">
<input id="kg-search" type="search" list="kg-labels" placeholder="Find an entity…"
 autocomplete="off" spellcheck="false" aria-label="Find an entity by name">
<button id="kg-go" type="button">Find</button>
</div>
<datalist id="kg-labels"></datalist>
<div id="kg-status" aria-live="polite"></div>
</div>
<div id="kg-legend" class="kg-panel">
{legend}
</div>
<div id="kg-details" class="kg-panel" aria-live="polite">
<button id="kg-details-close" class="kg-close" type="button" aria-label="Close">×</button>
<div id="kg-details-body"></div>
</div>
<script id="kg-data" type="application/json">{data}</script>
<script>{vis_js}</script>
<script>{app_js}</script>
</body>
</html>
"""
