"""Where the network's nodes go: a deterministic force-directed layout in pixels.

Positions are computed in Python (a seeded numpy Fruchterman-Reingold per connected
component, repulsion sampled against pivots on big components; the biggest component in the
middle and the small ones packed beside it by :mod:`kg.viz.packing`; no scipy needed), so the
browser draws with physics off and a few thousand nodes appear at once; the same graph gets
the same positions. The HTML network (:mod:`kg.viz.network_page`) and the static pictures
(:mod:`kg.viz.static`) share it.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from kg.viz.packing import pack_components

LAYOUT_SEED = 7
LAYOUT_GRAVITY = 0.6
"""Pull towards the centre; keeps small components and isolated nodes near the rest."""
PX_PER_UNIT_DISTANCE = 210.0
"""Pixels per ideal Fruchterman-Reingold distance: sets how spread out the drawing is."""


def layout_positions(
    nodes: list[str], edges: list[tuple[str, str]], *, seed: int = LAYOUT_SEED
) -> dict[str, tuple[float, float]]:
    """Deterministic force-directed positions (in pixels) for ``nodes`` linked by ``edges``.

    Each connected component is laid out on its own with a vectorised Fruchterman-Reingold
    (numpy only; beyond 1,500 nodes repulsion is estimated from 800 random pivots per
    iteration, which keeps the cost linear), then the biggest component is put in the middle
    and the small ones are packed in a column beside it (:func:`kg.viz.packing.pack_components`),
    so they neither drift into a ring around it nor line up in rows beneath it. Many small
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

    pack_components(components, x, y)
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
