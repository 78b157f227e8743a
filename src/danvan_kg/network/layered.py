"""The layered layout of focus views: documents → movements → models → organisations and groups.

Each class has its column, left to right in the order a movement spreads (``LAYERS``), places
aside on the right. Within a column nodes are ordered by the barycentre of their neighbours in
the other columns (a few sweeps, as in Sugiyama-style drawings), which keeps a model next to
its organisation and its place and removes most edge crossings. Tall columns wrap into
side-by-side sub-columns so that the drawing keeps about a screen's shape (``ASPECT``).

Nodes hidden at first (folded groups, see :mod:`.aggregate`) are laid out in the same columns
below the first view, so unfolding a group shows its members where their class lives without
moving anything already on screen. Positions are in vis-network canvas units.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from functools import partial

import networkx as nx

__all__ = ["ASPECT", "LAYERS", "layer_of", "layered_positions"]

LAYERS: tuple[tuple[str, ...], ...] = (
    ("Resolution", "Programme", "Index"),
    ("Movement",),
    ("Model",),
    ("Organisation", "BeneficiaryGroup"),
    ("Place",),
)
"""Columns, left to right: documents (and the programmes and indices served), movements, models,
organisations and beneficiary groups, places."""

ASPECT = 1.1
"""Width / height the first view aims at (a laptop screen minus the side panel); a tall column
wraps into side-by-side sub-columns until the drawing comes closest to it."""

MIN_ROWS = 6
"""Columns never wrap below this many rows."""

LATER_ROWS = 24
"""Rows of the sub-columns that hold the nodes shown only after unfolding."""

LABEL_ROOM = 200.0  # labels sit right of their nodes: room after the last column

COLUMN_GAP = 360.0
SUB_COLUMN_GAP = 260.0
ROW_GAP = 24.0  # added to the two node radii between neighbours of a column
ZONE_GAP = 160.0  # between the first view and the nodes shown only after unfolding
_SWEEPS = 8

Position = tuple[float, float]


def layer_of(node_type: str) -> int:
    """The column of a class (unknown classes go with organisations)."""
    for i, classes in enumerate(LAYERS):
        if node_type in classes:
            return i
    return 3


def _barycentre(
    item: Hashable,
    col: int,
    rank: Mapping[Hashable, float],
    column: Mapping[Hashable, int],
    neighbours: Mapping[Hashable, set[Hashable]],
) -> tuple[float, str]:
    """Mean rank of the item's neighbours in other columns (its own rank when it has none)."""
    around = [rank[n] for n in neighbours.get(item, ()) if n in rank and column[n] != col]
    return (sum(around) / len(around) if around else rank[item], str(item))


def _order(
    items: Sequence[Hashable],
    column: Mapping[Hashable, int],
    neighbours: Mapping[Hashable, set[Hashable]],
    start: Mapping[Hashable, float],
) -> dict[Hashable, float]:
    """Rank of each item in its column after barycentre sweeps (0..1 within the column)."""
    by_column: dict[int, list[Hashable]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (start[i], str(i))):
        by_column[column[item]].append(item)
    rank: dict[Hashable, float] = {}

    def renumber(col: int) -> None:
        members = by_column[col]
        for i, item in enumerate(members):
            rank[item] = (i + 0.5) / len(members)

    for col in by_column:
        renumber(col)
    columns = sorted(by_column)
    for sweep in range(_SWEEPS):
        for col in columns if sweep % 2 == 0 else reversed(columns):
            by_column[col].sort(
                key=partial(_barycentre, col=col, rank=rank, column=column, neighbours=neighbours)
            )
            renumber(col)
    return rank


def _stack(
    members: Sequence[Hashable], sizes: Mapping[Hashable, float], x0: float, top: float, rows: int
) -> tuple[dict[Hashable, Position], float]:
    """Members top-down in sub-columns of at most ``rows``; returns positions and the bottom."""
    out: dict[Hashable, Position] = {}
    bottom = top
    for start in range(0, len(members), rows):
        y = top
        previous = 0.0
        x = x0 + SUB_COLUMN_GAP * (start // rows)
        for item in members[start : start + rows]:
            radius = sizes.get(item, 10.0)
            y += (previous + radius + ROW_GAP) if previous else radius
            out[item] = (x, y)
            previous = radius
        bottom = max(bottom, y + previous)
    return out, bottom


def _columns(
    firsts: Mapping[int, list[Hashable]], sizes: Mapping[Hashable, float], rows: int, n_columns: int
) -> tuple[dict[Hashable, Position], dict[int, float], float, float]:
    """The first view with columns of at most ``rows``: positions, column x, height and width."""
    positions: dict[Hashable, Position] = {}
    column_x: dict[int, float] = {}
    heights: dict[int, float] = {}
    x = 0.0
    for col in range(n_columns):
        members = firsts.get(col, [])
        column_x[col] = x
        placed, heights[col] = _stack(members, sizes, x, 0.0, rows)
        positions.update(placed)
        wraps = max(1, math.ceil(len(members) / rows))
        x += COLUMN_GAP + SUB_COLUMN_GAP * (wraps - 1)
    tallest = max(heights.values(), default=0.0)
    for col, members in firsts.items():  # centre each column vertically on the tallest one
        shift = (tallest - heights[col]) / 2
        for item in members:
            px, py = positions[item]
            positions[item] = (px, py + shift)
    return positions, column_x, tallest, x - COLUMN_GAP


def _neighbours(
    graph: nx.Graph, extra_edges: Sequence[tuple[Hashable, Hashable]]
) -> dict[Hashable, set[Hashable]]:
    """Neighbours of every item, either direction, without self-loops."""
    neighbours: dict[Hashable, set[Hashable]] = defaultdict(set)
    for u, v in [*graph.edges(), *extra_edges]:
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
    return neighbours


def _best_columns(
    firsts: Mapping[int, list[Hashable]], sizes: Mapping[Hashable, float], n_columns: int
) -> tuple[dict[Hashable, Position], dict[int, float], float]:
    """The first view wrapped at the column height whose layout is closest to a screen's shape."""
    longest = max((len(m) for m in firsts.values()), default=1)
    best = None
    for rows in range(max(1, min(MIN_ROWS, longest)), max(1, longest) + 1):
        placed, column_x, tallest, width = _columns(firsts, sizes, rows, n_columns)
        misfit = abs(math.log(max(width + LABEL_ROOM, 1.0) / max(tallest, 1.0) / ASPECT))
        if best is None or misfit < best[0] - 1e-9:
            best = (misfit, placed, column_x, tallest)
    _misfit, positions, column_x, tallest = best if best else (0.0, {}, {}, 0.0)
    return positions, column_x, tallest


def layered_positions(
    graph: nx.Graph,
    *,
    types: Mapping[Hashable, str],
    sizes: Mapping[Hashable, float],
    hidden: set[Hashable],
    extra_edges: Sequence[tuple[Hashable, Hashable]] = (),
    start: Mapping[Hashable, float] | None = None,
) -> dict[Hashable, Position]:
    """Positions of the nodes of ``graph`` and of extra items (aggregate nodes) named in ``types``.

    ``types`` gives every item's class; ``sizes`` its drawn radius; ``hidden`` the items laid
    out below the first view; ``extra_edges`` link extra items to nodes; ``start`` an initial
    order (e.g. distance from the focus, then degree). The first view is centred on the origin.
    """
    items = list(types)
    neighbours = _neighbours(graph, extra_edges)
    present = sorted({layer_of(types[i]) for i in items})
    column = {item: present.index(layer_of(types[item])) for item in items}
    initial = dict(start or {})
    for i, item in enumerate(sorted(items, key=str)):
        initial.setdefault(item, float(i))
    first = [i for i in items if i not in hidden]
    rank = _order(first, column, neighbours, initial)
    later_start = {}
    for item in items:
        if item in hidden:
            around = [rank[n] for n in neighbours.get(item, ()) if n in rank]
            later_start[item] = sum(around) / len(around) if around else 2.0 + initial[item] / 1e6
    later = _order([i for i in items if i in hidden], column, neighbours, later_start) if later_start else {}

    firsts: dict[int, list[Hashable]] = defaultdict(list)
    for item in sorted(first, key=lambda i: rank[i]):
        firsts[column[item]].append(item)
    positions, column_x, tallest = _best_columns(firsts, sizes, len(present))
    first_xs = [positions[i][0] for i in first] or [0.0]
    cx = (min(first_xs) + max(first_xs)) / 2
    if later:
        lates: dict[int, list[Hashable]] = defaultdict(list)
        for item in sorted(later, key=lambda i: later[i]):
            lates[column[item]].append(item)
        x = 0.0
        below: dict[Hashable, Position] = {}
        for col in sorted(lates):
            x = max(x, column_x[col])  # under its own column unless the previous one wrapped wider
            placed, _bottom = _stack(lates[col], sizes, x, tallest + ZONE_GAP, LATER_ROWS)
            below.update(placed)
            x = max(p[0] for p in placed.values()) + COLUMN_GAP
        positions.update(below)
    cy = tallest / 2
    return {item: (round(px - cx, 1), round(py - cy, 1)) for item, (px, py) in positions.items()}
