"""Node positions computed in Python, so that no network needs physics in the browser.

Focus views get the layered layout of :mod:`.layered` (documents → movements → models →
organisations and groups, places aside). Whole networks are cut into communities (Louvain;
above ``LOUVAIN_LIMIT`` nodes Louvain merges the groups found by fast label propagation, which
keeps most of the modularity at a fraction of the time), each drawn as a radial tree around
its best-connected node (hubs in the middle, their neighbours on the next ring), and the
communities are packed in rows as non-overlapping squares. Nodes without any edge are grouped
by class and packed after the connected ones (the page hides them at first). 10,000 nodes take
a few seconds, with neither scipy nor a browser-side simulation. A force layout (``spring``)
stays available for small networks the reader wants to pull about.

:func:`arrange` lays out a page: the nodes shown at first, one aggregate node per folded group
(:mod:`.aggregate`), and the folded nodes next to where they will appear.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import Literal, cast

import networkx as nx

from danvan_kg.errors import InputError
from danvan_kg.network.aggregate import Folding, node_degree
from danvan_kg.network.layered import layered_positions

SPRING_LIMIT = 300
"""``spring`` runs networkx's force layout up to this many nodes (larger ones would need scipy and
take long); above, it starts from the community layout and the browser's physics moves that."""

Method = Literal["auto", "layered", "community", "spring"]
METHODS: tuple[str, ...] = ("auto", "layered", "community", "spring")
"""Layouts: ``auto`` is ``layered`` for a focus view (``graph.graph["focus"]``), else ``community``."""

LOUVAIN_LIMIT = 3000
"""Above this many nodes, Louvain runs on the graph of label-propagation groups (much faster)."""

_SPACING = 60.0  # distance between neighbouring nodes, in vis-network pixels
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))

Position = tuple[float, float]


def communities(graph: nx.Graph, *, seed: int = 0) -> list[list[Hashable]]:
    """Groups of nodes: Louvain communities of connected nodes, isolated nodes grouped by ``type``.

    Largest groups first; members sorted by descending degree, then by node id.
    """
    simple: nx.Graph = nx.Graph()
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
    between: nx.Graph = nx.Graph()
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


def resolve_method(graph: nx.Graph, method: str) -> Method:
    """The layout a ``method`` name means for ``graph`` (``auto`` → layered or community)."""
    if method not in METHODS:
        raise InputError(f"unknown layout {method!r} (use one of {', '.join(METHODS)})")
    if method != "auto":
        return cast(Method, method)
    return "layered" if any(n in graph for n in graph.graph.get("focus", ())) else "community"


def compute_positions(graph: nx.Graph, *, seed: int = 0, method: Method = "auto") -> dict[Hashable, Position]:
    """Positions for every node of ``graph`` (deterministic for a given ``seed``), nothing folded."""
    if graph.number_of_nodes() == 0:
        return {}
    method = resolve_method(graph, method)
    if method == "layered":
        types = {n: str(d.get("type", "")) for n, d in graph.nodes(data=True)}
        return layered_positions(graph, types=types, sizes={}, hidden=set(), start=_start(graph))
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    if method == "spring" and simple.number_of_nodes() <= SPRING_LIMIT:
        return _spring(simple, seed)
    return _community(graph, simple, seed)


def _start(graph: nx.Graph, distance: Mapping[Hashable, int] | None = None) -> dict[Hashable, float]:
    """Initial order in the columns: closer to the focus first, then better connected."""
    distance = distance or {}
    top = max((int(d.get("degree", 0)) for _n, d in graph.nodes(data=True)), default=0) + 1
    return {n: distance.get(n, 0) * top - node_degree(graph, n) + 0.0 for n, d in graph.nodes(data=True)}


def _community(graph: nx.Graph, simple: nx.Graph, seed: int) -> dict[Hashable, Position]:
    blocks = []
    groups = communities(graph, seed=seed)
    groups.sort(key=lambda g: all(simple.degree(m) == 0 for m in g))  # unconnected blocks last (stable)
    for group in groups:
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


GROUP_SIZE = 14.0
"""Drawn radius of an aggregate node."""


def group_key(index: int) -> tuple[str, int]:
    """The node id an aggregate node has in layouts (never an IRI, so never a clash)."""
    return ("group", index)


def arrange(
    graph: nx.MultiDiGraph,
    folding: Folding,
    sizes: Mapping[Hashable, float],
    *,
    method: Method = "auto",
    seed: int = 0,
) -> tuple[dict[Hashable, Position], list[Position]]:
    """Positions of every node and of every aggregate node (in ``folding.groups`` order)."""
    method = resolve_method(graph, method)
    keys = [group_key(i) for i in range(len(folding.groups))]
    links = [(key, group.parent) for key, group in zip(keys, folding.groups, strict=True)]
    if method == "layered":
        types: dict[Hashable, str] = {n: str(d.get("type", "")) for n, d in graph.nodes(data=True)}
        types.update((key, group.type) for key, group in zip(keys, folding.groups, strict=True))
        all_sizes: dict[Hashable, float] = {**sizes, **dict.fromkeys(keys, GROUP_SIZE)}
        placed = layered_positions(
            graph,
            types=types,
            sizes=all_sizes,
            hidden=folding.hidden,
            extra_edges=links,
            start=_start(graph, folding.distance),
        )
        return {n: placed[n] for n in graph.nodes}, [placed[k] for k in keys]
    if folding.hidden or folding.groups:
        shown: nx.MultiDiGraph = nx.MultiDiGraph()
        shown.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n not in folding.hidden)
        shown.add_edges_from((u, v) for u, v in graph.edges() if u in shown and v in shown)
        for key, group in zip(keys, folding.groups, strict=True):
            shown.add_node(key, type=group.type, degree=len(group.members))
            shown.add_edge(key, group.parent)
    else:
        shown = graph  # nothing folded: lay out the graph itself
    first = compute_positions(shown, seed=seed, method="spring" if method == "spring" else "community")
    positions = {n: first[n] for n in graph.nodes if n in first}
    for i, group in enumerate(folding.groups):  # folded members: a spiral beyond their aggregate node
        gx, gy = first[keys[i]]
        px, py = first.get(group.parent, (gx, gy))
        away = math.atan2(gy - py, gx - px)
        for j, (dx, dy) in enumerate(_sunflower(group.members).values()):
            positions[group.members[j]] = (
                round(gx + dx + _SPACING * math.cos(away), 1),
                round(gy + dy + _SPACING * math.sin(away), 1),
            )
    for node in sorted(graph.nodes, key=lambda n: (folding.distance.get(n, 0), str(n))):
        if node not in positions:  # hidden only through a folded parent: next to that parent
            ups = [p for p in folding.parents.get(node, ()) if p in positions]
            px, py = positions[ups[0]] if ups else (0.0, 0.0)
            positions[node] = (round(px + _SPACING * 0.8, 1), round(py + _SPACING * 0.8, 1))
    return positions, [first[k] for k in keys]
