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

Drawing (the data: :mod:`kg.viz.payload`): nodes are shaped and coloured by ``type`` (legend
in the page; :mod:`kg.viz.style`), or filled by community on request, and sized by their number
of statements; zoomed out, nodes shrink less than the drawing, so the big ones stay visible.
The page draws the labels itself, at a readable size whatever the zoom: the best-connected
entities first, each where it does not cover a label already drawn (beside the node if not
below), the dozen best-connected always, the selected entity and its neighbours before all.
Edges are coloured by relation family (members from
:func:`kg.graph.ontology.relation_families`; ``OTHER`` dimmed); parallel edges with the same
relation and label between the same ordered pair become one edge labelled e.g. "CONSULT ×3"
whose tooltip lists up to :data:`MAX_EVIDENCE` evidence sentences (most confident first) and
"+N more". Clicking a node or edge shows the same information in a side panel; a node's panel
also lists the statements it holds alone (quotations, events with no recipient) with their
evidence. The search box finds entities by name or alias (Enter cycles through matches). Every
legend row of types and families is also a filter menu: unticking a node type or relation
family hides it (and the nodes left with no visible link).

The browser exposes ``window.kgNetwork``, ``window.kgNodes``, ``window.kgEdges`` (vis DataSets),
``window.kgData`` (the raw JSON), ``window.kgSearch(query)``, ``window.kgFilter(kind, value,
on)`` (kind ``"type"`` or ``"family"``; returns the visible node and link counts),
``window.kgLabels()`` (the labels of the last frame, with their boxes in CSS pixels) and sets
``window.kgReady`` (and ``window.kgReadyMs``) after the first draw.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.files import atomic_output
from kg.graph.ontology import relation_families
from kg.viz.payload import MAX_EVIDENCE, graph_payload
from kg.viz.style import FAMILY_STYLES, NODE_TYPES
from kg.web import csp_hash, json_for_script, script_safe

__all__ = [
    "MAX_EVIDENCE",
    "build_page",
    "graph_payload",
    "notebook_frame",
    "render_html",
]


def render_html(
    graph: nx.MultiDiGraph, path: str | Path, *, title: str = "Knowledge graph",
    communities: bool = False,
) -> Path:
    """Write ``graph`` as one self-contained interactive HTML file and return its path.

    Nodes need ``label``, ``type``, ``aliases`` and ``mentions`` attributes (missing ones get
    defaults); edges need ``relation``, ``label`` and ``evidence`` (a list of dicts with
    ``sentence``, ``doc``, ``title``, ``date``, ``confidence``). Parallel edges with the same
    relation and label between the same ordered pair are merged into one edge with a count.
    A node's ``alone`` list (statements with no other entity, as :mod:`kg.viz.project` makes
    them) is shown in its panel. ``communities`` fills the nodes by Louvain community.
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
    page = build_page(graph, title=title, communities=communities)
    with atomic_output(target) as out:
        out.write(page.encode("utf-8"))
    return target


def build_page(graph: nx.MultiDiGraph, *, title: str = "Knowledge graph",
               communities: bool = False) -> str:
    """Return the HTML page for ``graph`` as a string (what :func:`render_html` writes).

    >>> import networkx as nx
    >>> page = build_page(nx.MultiDiGraph(), title="<b>Empty</b>")
    >>> "&lt;b&gt;Empty&lt;/b&gt;" in page and "<b>Empty</b>" not in page
    True
    """
    data = graph_payload(graph, communities=communities)
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
    for node in data["nodes"]:  # the statements it holds alone count too (its panel lists them)
        for item in node["alone"]:
            family_counts[item["family"]] += item["count"]
    rows = [_fragment("heading", text="Entities")]
    _shape, grey, grey_border = NODE_TYPES["Other"]
    for name, (shape, fill, border) in NODE_TYPES.items():
        if name == "Event" and not type_counts.get(name):
            continue  # only event projections have event nodes
        if data["communities"]:  # the fill says the community; the type is the shape only
            fill, border = grey, grey_border
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
    rows.extend(_community_rows(data["communities"]))
    rows.append(_fragment("shown"))
    return "\n".join(rows)


def _community_rows(communities: list[Mapping[str, Any]]) -> list[str]:
    """The legend's rows for coloured communities (named by their best-connected member),
    then one for the rest."""
    if not communities:
        return []
    rows = [_fragment("heading", text="Communities")]
    rest = [c for c in communities if not c["color"]]
    for community in communities:
        if community["color"]:
            rows.append(_fragment("community-row", fill=community["color"],
                                  border=community["border"], count=community["size"],
                                  text=html.escape(f"{community['lead']} and others")))
    if rest:
        _shape, fill, border = NODE_TYPES["Other"]
        rows.append(_fragment("community-row", fill=fill, border=border,
                              count=sum(c["size"] for c in rest),
                              text=html.escape(f"{len(rest)} smaller communities")))
    return rows


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
    app_js = script_safe(_asset("labels.js") + "\n" + _asset("network.js"))
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


