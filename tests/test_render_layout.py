"""kg.viz.layout and kg.viz.packing: the biggest component in the middle, the small ones packed
beside it (not in rows beneath it), none touching another, the same graph placed the same way.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest

from kg.viz.layout import layout_positions
from kg.viz.packing import GAP_PX, NODE_MARGIN_PX


def news_like_graph() -> nx.Graph:
    """Les Misérables' co-appearance network (77 characters, bundled with networkx) as the big
    component, plus the long tail a news corpus has: pairs, triangles, small stars, loners."""
    graph = nx.relabel_nodes(nx.les_miserables_graph(), lambda name: f"lm:{name}")
    for i in range(40):
        graph.add_edge(f"pair{i}:a", f"pair{i}:b")
    for i in range(12):
        nx.add_cycle(graph, [f"tri{i}:{k}" for k in range(3)])
    for i in range(6):
        nx.add_star(graph, [f"star{i}:{k}" for k in range(6)])
    graph.add_nodes_from(f"alone{i}" for i in range(5))
    return graph


@pytest.fixture(scope="module")
def placed() -> tuple[nx.Graph, dict[str, tuple[float, float]]]:
    graph = news_like_graph()
    return graph, layout_positions(sorted(graph), sorted(graph.edges))


def _box(positions: dict[str, tuple[float, float]], nodes: set[str]) -> tuple[float, ...]:
    xs = [positions[n][0] for n in nodes]
    ys = [positions[n][1] for n in nodes]
    return min(xs), min(ys), max(xs), max(ys)


def test_small_components_sit_beside_the_big_one(placed) -> None:
    graph, positions = placed
    components = sorted(nx.connected_components(graph), key=len, reverse=True)
    main = components[0]
    _left, top, right, bottom = _box(positions, main)
    tail = set().union(*components[1:])
    t_left, t_top, _right, t_bottom = _box(positions, tail)
    # All of the tail is to the right of the big component, clear of it...
    assert t_left >= right + GAP_PX + 2 * NODE_MARGIN_PX - 1
    # ... level with it (not in rows beneath it), and not much taller than it.
    height = bottom - top + 2 * NODE_MARGIN_PX
    assert t_top >= top - 0.35 * height and t_bottom <= bottom + 0.35 * height
    assert abs((t_top + t_bottom) / 2 - (top + bottom) / 2) < 0.1 * height
    # The whole drawing is landscape, centred on 0.
    all_left, all_top, all_right, all_bottom = _box(positions, set(graph))
    assert all_right - all_left > all_bottom - all_top
    assert abs(all_left + all_right) < 1 and abs(all_top + all_bottom) < 1


def test_components_keep_apart(placed) -> None:
    graph, positions = placed
    components = list(nx.connected_components(graph))
    closest = min(math.dist(positions[a], positions[b])
                  for one, other in itertools.combinations(components, 2)
                  for a in one for b in other)
    assert closest >= GAP_PX + 2 * NODE_MARGIN_PX - 1


def test_same_graph_same_places(placed) -> None:
    graph, positions = placed
    assert layout_positions(sorted(graph), sorted(graph.edges)) == positions
    # A graph of one pair alone is centred on 0: its two ends mirror each other.
    pair = layout_positions(["a", "b"], [("a", "b")])
    assert pair["a"] != pair["b"]
    assert pair["a"] == pytest.approx((-pair["b"][0], -pair["b"][1]), abs=0.11)
