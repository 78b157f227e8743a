"""Node positions computed in Python, so that large networks need no physics in the browser.

Communities (Louvain on the undirected simple graph) are laid out one by one, each with a
force layout when small and a sunflower spiral (hubs in the middle) when large, then packed
in rows as non-overlapping squares. Nodes without any edge are grouped by class. 10,000
nodes take a few seconds and need neither scipy nor a browser-side simulation.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable

import networkx as nx

SPRING_LIMIT = 300
"""Communities up to this size get a force layout; larger ones a sunflower spiral."""

_SPACING = 60.0  # distance between neighbouring nodes, in vis-network pixels
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))

Position = tuple[float, float]


def communities(graph: nx.Graph, *, seed: int = 0) -> list[list[Hashable]]:
    """Groups of nodes: Louvain communities of connected nodes, isolated nodes grouped by ``type``.

    Largest groups first; members sorted by descending degree, then by node id.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    connected = [n for n in simple if simple.degree(n) > 0]
    groups: list[list[Hashable]] = []
    if connected:
        core = simple.subgraph(connected)
        groups.extend(list(c) for c in nx.community.louvain_communities(core, seed=seed))
    isolated: dict[str, list[Hashable]] = defaultdict(list)
    for node in simple:
        if simple.degree(node) == 0:
            isolated[str(graph.nodes[node].get("type", ""))].append(node)
    groups.extend(isolated[t] for t in sorted(isolated))
    degree = dict(simple.degree())
    for group in groups:
        group.sort(key=lambda n: (-degree[n], str(n)))
    groups.sort(key=lambda g: (-len(g), str(g[0])))
    return groups


def _sunflower(members: list[Hashable]) -> dict[Hashable, Position]:
    """Members on a Vogel spiral, first member in the centre, about ``_SPACING`` apart."""
    out = {}
    for i, node in enumerate(members):
        r = _SPACING * 0.6 * math.sqrt(i)
        out[node] = (r * math.cos(i * _GOLDEN_ANGLE), r * math.sin(i * _GOLDEN_ANGLE))
    return out


def _local_layout(simple: nx.Graph, members: list[Hashable], seed: int) -> dict[Hashable, Position]:
    n = len(members)
    if n == 1:
        return {members[0]: (0.0, 0.0)}
    sub = simple.subgraph(members)
    if n > SPRING_LIMIT or sub.number_of_edges() == 0:
        return _sunflower(members)
    raw = nx.spring_layout(sub, seed=seed, iterations=60)
    radius = _SPACING * 0.6 * math.sqrt(n)
    return {node: (float(x) * radius, float(y) * radius) for node, (x, y) in raw.items()}


def compute_positions(graph: nx.Graph, *, seed: int = 0) -> dict[Hashable, Position]:
    """Positions for every node of ``graph`` (deterministic for a given ``seed``)."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    blocks = []
    for group in communities(graph, seed=seed):
        local = _local_layout(simple, group, seed)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        width = max(xs) - min(xs) + 2 * _SPACING
        height = max(ys) - min(ys) + 2 * _SPACING
        blocks.append((local, min(xs) - _SPACING, min(ys) - _SPACING, width, height))
    total_area = sum(w * h for _l, _x, _y, w, h in blocks)
    row_width = max(math.sqrt(total_area) * 1.2, max(w for _l, _x, _y, w, _h in blocks))
    positions: dict[Hashable, Position] = {}
    cursor_x = cursor_y = row_height = 0.0
    for local, x0, y0, width, height in blocks:  # shelf packing, largest blocks first
        if cursor_x > 0 and cursor_x + width > row_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height, 0.0
        for node, (x, y) in local.items():
            positions[node] = (round(cursor_x + x - x0, 1), round(cursor_y + y - y0, 1))
        cursor_x += width
        row_height = max(row_height, height)
    # centre the drawing on the origin
    cx = (min(p[0] for p in positions.values()) + max(p[0] for p in positions.values())) / 2
    cy = (min(p[1] for p in positions.values()) + max(p[1] for p in positions.values())) / 2
    return {node: (round(x - cx, 1), round(y - cy, 1)) for node, (x, y) in positions.items()}
