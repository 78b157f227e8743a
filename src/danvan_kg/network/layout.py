"""Node positions computed in Python, so that large networks need no physics in the browser.

Small networks get one force layout (the browser refines it with physics). Larger ones are cut
into communities (Louvain; above ``LOUVAIN_LIMIT`` nodes Louvain merges the groups found by
fast label propagation, which keeps most of the modularity at a fraction of the time), each drawn
as a radial tree around its best-connected node (hubs in the middle, their neighbours on the
next ring), and the communities are packed in rows as non-overlapping squares. Nodes without
any edge are grouped by class. 10,000 nodes take a few seconds, with neither scipy nor a
browser-side simulation.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable

import networkx as nx

SPRING_LIMIT = 300
"""Networks up to this size get one force layout (networkx ``spring_layout``)."""

LOUVAIN_LIMIT = 3000
"""Above this many nodes, Louvain runs on the graph of label-propagation groups (much faster)."""

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
        if len(connected) <= LOUVAIN_LIMIT:
            found = nx.community.louvain_communities(core, seed=seed)
        else:
            found = _merged_label_propagation(core, seed)
        groups.extend(list(c) for c in found)
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


def _merged_label_propagation(graph: nx.Graph, seed: int) -> list[set[Hashable]]:
    """Label-propagation groups merged by Louvain on the weighted graph between the groups."""
    groups = list(nx.community.fast_label_propagation_communities(graph, seed=seed))
    group_of = {node: i for i, group in enumerate(groups) for node in group}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v in graph.edges():
        a, b = group_of[u], group_of[v]
        weight = between.get_edge_data(a, b, default={}).get("weight", 0)
        between.add_edge(a, b, weight=weight + 1)  # a == b: a self-loop keeps the inner weight
    merged = nx.community.louvain_communities(between, weight="weight", seed=seed)
    return [set().union(*(groups[i] for i in part)) for part in merged]


def _sunflower(members: list[Hashable]) -> dict[Hashable, Position]:
    """Members on a Vogel spiral, first member in the centre, about ``_SPACING`` apart."""
    out = {}
    for i, node in enumerate(members):
        r = _SPACING * 0.6 * math.sqrt(i)
        out[node] = (r * math.cos(i * _GOLDEN_ANGLE), r * math.sin(i * _GOLDEN_ANGLE))
    return out


def _radial(simple: nx.Graph, members: list[Hashable]) -> dict[Hashable, Position]:
    """A breadth-first tree from the first (best-connected) member, one ring per hop.

    Each ring is ordered by the angle of the node's parent, so neighbours stay together;
    a ring's radius grows until its nodes are at least ``_SPACING`` apart.
    """
    inside = set(members)
    out: dict[Hashable, Position] = {members[0]: (0.0, 0.0)}
    angle: dict[Hashable, float] = {members[0]: 0.0}
    ring = [members[0]]
    radius = 0.0
    placed = {members[0]}
    while len(placed) < len(members):
        layer: list[tuple[float, str, Hashable]] = []
        for parent in ring:
            for child in simple.adj[parent]:
                if child in inside and child not in placed:
                    placed.add(child)
                    layer.append((angle[parent], str(child), child))
        if not layer:  # a community that is not connected: start again from the next member
            rest = [m for m in members if m not in placed]
            placed.add(rest[0])
            layer = [(0.0, str(rest[0]), rest[0])]
        layer.sort(key=lambda item: (item[0], item[1]))
        radius = max(radius + _SPACING * 1.5, len(layer) * _SPACING / (2 * math.pi))
        for i, (_a, _s, node) in enumerate(layer):
            theta = 2 * math.pi * i / len(layer)
            angle[node] = theta
            out[node] = (radius * math.cos(theta), radius * math.sin(theta))
        ring = [node for _a, _s, node in layer]
    return out


def _local_layout(simple: nx.Graph, members: list[Hashable]) -> dict[Hashable, Position]:
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    if all(simple.degree(m) == 0 for m in members):
        return _sunflower(members)
    return _radial(simple, members)


def _spring(simple: nx.Graph, seed: int) -> dict[Hashable, Position]:
    raw = nx.spring_layout(simple, seed=seed, iterations=80)
    radius = _SPACING * 0.8 * math.sqrt(simple.number_of_nodes())
    return {node: (round(float(x) * radius, 1), round(float(y) * radius, 1)) for node, (x, y) in raw.items()}


def compute_positions(graph: nx.Graph, *, seed: int = 0) -> dict[Hashable, Position]:
    """Positions for every node of ``graph`` (deterministic for a given ``seed``)."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    if simple.number_of_nodes() <= SPRING_LIMIT:
        return _spring(simple, seed)
    blocks = []
    for group in communities(graph, seed=seed):
        local = _local_layout(simple, group)
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
