"""Where the connected components of a drawing go: the biggest in the middle, the rest packed
beside it.

A news graph is one big component and a long tail of pairs and triples (two leaders who met,
a minister and her post). Laid out in rows under the big one, the tail takes half the page and
pushes the part worth reading into a corner. Instead every small component is wrapped in a
circle and the circles are packed greedily, biggest first, against the right-hand side of the
big component's box, each as near the middle of that side as it can go without touching a
circle already placed (the candidates are the points touching two obstacles, taken only
from the circles that still have room beside them: the front of the packing, so that a
thousand components pack in about three seconds). Vertical distance counts for less than
horizontal, so the tail grows into a column about as tall as the big component and the
whole drawing stays landscape, the shape of a screen.
"""

from __future__ import annotations

import math

import numpy as np

GAP_PX = 90.0
"""Space kept between two components (and between the tail and the big component)."""
NODE_MARGIN_PX = 60.0
"""Room around a component's outermost node centre: the node and a short label."""


def pack_components(components: list[list[int]], x: np.ndarray, y: np.ndarray) -> None:
    """Move each component (index lists into ``x``/``y``, biggest first) to its place, in place.

    The first component keeps its shape and is centred on 0; the others are packed to its
    right; then the whole drawing is centred on 0.

    >>> x, y = np.array([0.0, 100.0, 0.0, 10.0]), np.array([0.0, 0.0, 0.0, 0.0])
    >>> pack_components([[0, 1], [2, 3]], x, y)
    >>> bool(x[2] > x[1] and x[3] > x[1])  # the small pair sits to the right of the big one
    True
    """
    if not components:
        return
    main = components[0]
    x[main] -= (x[main].min() + x[main].max()) / 2
    y[main] -= (y[main].min() + y[main].max()) / 2
    if len(components) > 1:
        wall = float(x[main].max()) + NODE_MARGIN_PX + GAP_PX
        height = float(y[main].max() - y[main].min()) + 2 * NODE_MARGIN_PX
        centres, radii = [], []
        for members in components[1:]:
            cx = (x[members].min() + x[members].max()) / 2
            cy = (y[members].min() + y[members].max()) / 2
            centres.append((cx, cy))
            radii.append(float(np.sqrt((x[members] - cx) ** 2 + (y[members] - cy) ** 2).max())
                         + NODE_MARGIN_PX)
        placed = _pack_circles(np.array(radii), wall, height)
        for members, (cx, cy), (px, py) in zip(components[1:], centres, placed, strict=True):
            x[members] += px - cx
            y[members] += py - cy
    x -= (x.min() + x.max()) / 2
    y -= (y.min() + y.max()) / 2


def _pack_circles(radii: np.ndarray, wall: float, height: float) -> list[tuple[float, float]]:
    """Centres for circles of ``radii`` (in order) right of the line ``x = wall``.

    Each goes to the free point nearest ``(wall, 0)`` under a distance that weighs vertical
    offsets by ``squash``. Its level sets are half ellipses ``height`` tall when
    ``area = pi * height**2 * squash / 8``: that is the squash, so the tail is as tall as the
    big component, within limits (a few pairs beside a tall component stay in one column
    rather than one file; a tail bigger than the component grows at most twice as wide as
    tall rather than into a band).
    """
    area = float(np.sum((2 * radii + GAP_PX) ** 2))
    squash = min(2.0, max(0.2, 8 * area / (math.pi * max(height, 1.0) ** 2)))
    grown = np.asarray(radii, dtype=float) + GAP_PX / 2  # circles may touch at these radii
    smallest = float(grown.min())
    cx, cy = np.empty(len(grown)), np.empty(len(grown))
    # The front: placed circles with room left beside them for the smallest circle. Only
    # they give candidates, which keeps each placement near linear in the circles placed.
    front = np.zeros(len(grown), dtype=bool)
    for k, r in enumerate(grown):
        ends = np.flatnonzero(front[:k])
        candidates = _candidates(cx[ends], cy[ends], grown[ends], float(r), wall)
        cost = (candidates[:, 0] - wall) ** 2 + (squash * candidates[:, 1]) ** 2
        best = _cheapest_free(candidates[np.argsort(cost, kind="stable")], float(r),
                              cx[:k], cy[:k], grown[:k])
        if best is None:  # no gap left on the front: below everything, against the wall
            best = np.array([wall + r, float(np.max(cy[:k] + grown[:k])) + r])
        cx[k], cy[k] = best
        front[k] = True
        near = np.flatnonzero(front[:k + 1] & ((cx[:k + 1] - best[0]) ** 2
                                               + (cy[:k + 1] - best[1]) ** 2
                                               <= (grown[:k + 1] + r + 2 * smallest) ** 2))
        for j in near:
            front[j] = _room_beside(j, smallest, wall, cx[:k + 1], cy[:k + 1], grown[:k + 1])
    return [(float(a), float(b)) for a, b in zip(cx, cy, strict=True)]


_AROUND = np.linspace(0.0, 2 * math.pi, 24, endpoint=False)
"""Directions tried around a circle for room beside it."""


def _cheapest_free(ordered: np.ndarray, r: float, cx: np.ndarray, cy: np.ndarray,
                   cr: np.ndarray) -> np.ndarray | None:
    """The first of the ``ordered`` points where a circle of radius ``r`` overlaps none of
    the circles given, or None. Most of the cheapest lie inside the packing: they are
    tested a batch at a time."""
    start, size = 0, 4
    while start < len(ordered):
        batch = ordered[start:start + size]
        bx, by, br = _near(batch, r, cx, cy, cr)
        free = ((batch[:, 0, None] - bx[None, :]) ** 2 + (batch[:, 1, None] - by[None, :]) ** 2
                >= (br[None, :] + r) ** 2 - 1e-6).all(axis=1)
        if free.any():
            return batch[int(np.argmax(free))]
        start, size = start + size, min(4 * size, 256)
    return None


def _near(points: np.ndarray, r: float, cx: np.ndarray, cy: np.ndarray,
          cr: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The circles a circle of radius ``r`` at one of ``points`` could overlap: those that
    reach into the points' bounding box grown by ``r``."""
    reach = cr + r
    keep = ((cx + reach >= points[:, 0].min()) & (cx - reach <= points[:, 0].max())
            & (cy + reach >= points[:, 1].min()) & (cy - reach <= points[:, 1].max()))
    return cx[keep], cy[keep], cr[keep]


def _room_beside(j: int, r: float, wall: float, cx: np.ndarray, cy: np.ndarray,
                 cr: np.ndarray) -> bool:
    """Whether a circle of radius ``r`` fits touching circle ``j`` somewhere (right of the
    wall, overlapping no circle)."""
    px = cx[j] + (cr[j] + r) * np.cos(_AROUND)
    py = cy[j] + (cr[j] + r) * np.sin(_AROUND)
    nx, ny, nr = _near(np.column_stack([px, py]), r, cx, cy, cr)
    clear = ((px[:, None] - nx[None, :]) ** 2 + (py[:, None] - ny[None, :]) ** 2
             >= (nr[None, :] + r) ** 2 - 1e-6).all(axis=1)
    return bool(np.any(clear & (px >= wall + r - 1e-6)))


def _candidates(cx: np.ndarray, cy: np.ndarray, cr: np.ndarray, r: float,
                wall: float) -> np.ndarray:
    """Points where a circle of radius ``r`` touches two obstacles (the wall, placed circles).

    Always includes the spot on the wall at height 0; every point returned lies right of the
    wall (circles that would cross it are dropped).
    """
    points = [np.array([[wall + r, 0.0]])]
    if len(cr):
        # Touching the wall and one circle.
        reach = cr + r
        across = wall + r - cx
        ok = np.abs(across) <= reach
        rise = np.sqrt(np.maximum(reach[ok] ** 2 - across[ok] ** 2, 0.0))
        for sign in (1.0, -1.0):
            points.append(np.column_stack([np.full(int(ok.sum()), wall + r), cy[ok] + sign * rise]))
        # Touching two circles: the intersections of their grown rims, for nearby pairs only.
        i, j = np.triu_indices(len(cr), 1)
        dx, dy = cx[j] - cx[i], cy[j] - cy[i]
        d = np.sqrt(dx * dx + dy * dy)
        ra, rb = cr[i] + r, cr[j] + r
        near = (d > 1e-9) & (d <= ra + rb) & (d >= np.abs(ra - rb))
        i, j, dx, dy, d, ra, rb = i[near], j[near], dx[near], dy[near], d[near], ra[near], rb[near]
        along = (ra * ra - rb * rb + d * d) / (2 * d)
        off = np.sqrt(np.maximum(ra * ra - along * along, 0.0))
        mx, my = cx[i] + along * dx / d, cy[i] + along * dy / d
        for sign in (1.0, -1.0):
            points.append(np.column_stack([mx - sign * off * dy / d, my + sign * off * dx / d]))
    found = np.concatenate(points)
    return found[found[:, 0] >= wall + r - 1e-6]
