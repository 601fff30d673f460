"""A static picture (SVG or PNG) of a graph, for reports: matplotlib with the Agg backend.

The picture uses the HTML network's look (:data:`kg.viz.style.NODE_TYPES` shapes and colours,
:data:`kg.viz.style.FAMILY_STYLES` edge colours) and its layout
(:func:`kg.viz.layout.layout_positions`), so a focused subgraph looks the same in a report as in
the browser. Parallel statements between two entities are drawn as one line whose width grows
with their number; nodes are sized by their statements (as in the page). Meant for focused
subgraphs: past :data:`MAX_LABELS` nodes only the best connected are labelled. SVG output is
deterministic (fixed ids, no timestamp).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import IO

import networkx as nx

from kg.graph.ontology import family_of
from kg.viz.layout import layout_positions
from kg.viz.payload import statement_counts
from kg.viz.style import FAMILY_STYLES, NODE_TYPES

MAX_LABELS = 60
"""Most node labels drawn; beyond it only the best-connected nodes are named."""
PICTURE_FORMATS = ("svg", "png")
_MARKERS = {"dot": "o", "diamond": "D", "triangle": "^", "square": "s", "hexagon": "h"}


def draw_picture(graph: nx.MultiDiGraph, out: IO[bytes], fmt: str = "svg", *,
                 title: str | None = None) -> None:
    """Write a picture of ``graph`` as ``fmt`` (``"svg"`` or ``"png"``) to a binary stream.

    >>> import io
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("a", "b", relation="CONSULT")
    >>> buffer = io.BytesIO()
    >>> draw_picture(g, buffer, "svg")
    >>> b"<svg" in buffer.getvalue()
    True
    """
    if fmt not in PICTURE_FORMATS:
        raise ValueError(f"unknown picture format {fmt!r} (choose from svg, png)")
    import matplotlib

    matplotlib.use("Agg")  # no display; the only backend a server or CI has
    from matplotlib.figure import Figure

    nodes = sorted(graph.nodes, key=str)
    pairs = Counter((str(u), str(v), family_of(d.get("relation", "OTHER")))
                    for u, v, d in graph.edges(data=True))
    pos = layout_positions([str(n) for n in nodes], [(u, v) for u, v, _f in pairs])
    statements = statement_counts(graph)

    side = min(16.0, 6.0 + math.sqrt(len(nodes)) * 0.9)
    figure = Figure(figsize=(side, side * 0.75), dpi=110)
    axes = figure.add_axes((0.01, 0.01, 0.98, 0.94 if title else 0.98))
    axes.set_axis_off()
    for (u, v, fam), count in sorted(pairs.items()):
        colour = _mpl_colour(FAMILY_STYLES.get(fam, FAMILY_STYLES["other"])[1])
        (x0, y0), (x1, y1) = pos[u], pos[v]
        axes.annotate("", xy=(x1, -y1), xytext=(x0, -y0), zorder=1,
                      arrowprops={"arrowstyle": "-|>", "color": colour, "shrinkA": 7,
                                  "shrinkB": 7, "lw": 0.8 + min(3.0, math.log2(count + 1)),
                                  # a slight bend keeps A→B and B→A apart
                                  "connectionstyle": "arc3,rad=0.08"})
    by_type: dict[str, list[str]] = {}
    for node in nodes:
        kind = str(graph.nodes[node].get("type", "Other"))
        by_type.setdefault(kind if kind in NODE_TYPES else "Other", []).append(str(node))
    for kind, members in by_type.items():
        shape, fill, border = NODE_TYPES[kind]
        axes.scatter([pos[n][0] for n in members], [-pos[n][1] for n in members],
                     s=[60 + 25 * math.sqrt(statements[n]) for n in members], c=fill,
                     edgecolors=border, marker=_MARKERS.get(shape, "o"), zorder=2, label=kind)
    named = sorted(statements, key=lambda n: (-statements[n], n))[:MAX_LABELS]
    label_of = {str(n): str(graph.nodes[n].get("label") or n) for n in nodes}
    for node in named:
        axes.annotate(label_of[node], (pos[node][0], -pos[node][1]), xytext=(0, 9),
                      textcoords="offset points", ha="center", fontsize=8, zorder=3,
                      bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                            "alpha": 0.75})
    if by_type:
        from matplotlib.lines import Line2D

        families = sorted({fam for _u, _v, fam in pairs}, key=list(FAMILY_STYLES).index)
        handles = axes.get_legend_handles_labels()[0] + [
            Line2D([], [], color=_mpl_colour(FAMILY_STYLES[fam][1]), lw=2,
                   label=FAMILY_STYLES[fam][0]) for fam in families]
        axes.legend(handles=handles, loc="lower left", fontsize=8, frameon=False,
                    markerscale=0.7)
    if title:
        figure.suptitle(title, fontsize=12)
    axes.margins(0.08)
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    with matplotlib.rc_context({"svg.hashsalt": "kg", "svg.fonttype": "none"}):
        figure.savefig(out, format=fmt, metadata=metadata)


def _mpl_colour(css: str) -> str | tuple[float, float, float, float]:
    """A CSS colour (``#rrggbb`` or ``rgba(r,g,b,a)``) as matplotlib takes it."""
    if css.startswith("rgba("):
        r, g, b, a = (float(p) for p in css[5:-1].split(","))
        return (r / 255, g / 255, b / 255, a)
    return css


def write_svg(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    """The network as an SVG picture (the ``svg`` export)."""
    draw_picture(graph, out, "svg")


def write_png(graph: nx.MultiDiGraph, out: IO[bytes]) -> None:
    """The network as a PNG picture (the ``png`` export)."""
    draw_picture(graph, out, "png")
