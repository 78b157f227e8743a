"""Fold large neighbourhoods: "+37 mô hình" instead of 37 models drawn at once.

A node depends on *parents*: in a focus view, its neighbours one hop closer to the focus (a
breadth-first tree, all shortest-path parents kept); in a whole-network view, the one neighbour
of a leaf. Children of one parent that share a class form a group; a group larger than
``above`` keeps its ``keep`` best-connected members and folds the others into one aggregate
node. A node is hidden at first when it is folded, or when every parent of it is hidden (the
organisations reached only through folded models stay out of the first view too). The page
unfolds a group on click; :func:`is_hidden` is the rule it applies.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

__all__ = ["FOLD_ABOVE", "FOLD_KEEP", "Folding", "Group", "fold", "is_hidden", "neighbours", "node_degree"]

FOLD_ABOVE = 12
"""A group of children (same parent, same class) larger than this is folded."""

FOLD_KEEP = 8
"""How many members of a folded group stay drawn (the best-connected ones)."""


@dataclass
class Group:
    """Children of ``parent`` of class ``type`` folded into one aggregate node."""

    parent: Hashable
    type: str
    members: list[Hashable]
    relation: str = ""


@dataclass
class Folding:
    """Parents of every dependent node, the folded groups, and what is hidden at first."""

    parents: dict[Hashable, list[Hashable]] = field(default_factory=dict)
    distance: dict[Hashable, int] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    group_of: dict[Hashable, int] = field(default_factory=dict)
    hidden: set[Hashable] = field(default_factory=set)


def neighbours(graph: nx.Graph) -> dict[Hashable, set[Hashable]]:
    """Neighbours of every node, either direction, without self-loops (cheaper than an nx.Graph copy)."""
    if isinstance(graph, nx.DiGraph):  # MultiDiGraph too
        succ, pred = graph.succ, graph.pred
        return {n: (succ[n].keys() | pred[n].keys()) - {n} for n in graph}
    return {n: set(graph.adj[n]) - {n} for n in graph}


def node_degree(graph: nx.Graph, node: Hashable) -> int:
    """The ``degree`` attribute (the degree in the whole network, kept by focus views), else the degree."""
    data = graph.nodes[node]
    return int(data["degree"]) if "degree" in data else int(graph.degree(node))


def is_hidden(
    order: Iterable[Hashable],
    parents: Mapping[Hashable, list[Hashable]],
    folded: set[Hashable],
) -> set[Hashable]:
    """Nodes hidden when ``folded`` are folded: those, and the nodes all of whose parents are hidden.

    ``order`` lists every node with parents after their parents (by distance from the focus).
    """
    hidden: set[Hashable] = set()
    for node in order:
        ups = parents.get(node)
        if node in folded or (ups and all(p in hidden for p in ups)):
            hidden.add(node)
    return hidden


def _relation(graph: nx.Graph, parent: Hashable, members: list[Hashable]) -> str:
    """The most common relation between ``parent`` and the members (either direction)."""
    counts: dict[str, int] = defaultdict(int)
    for member in members:
        for a, b in ((member, parent), (parent, member)):
            for key in graph.get_edge_data(a, b, default={}) if graph.is_multigraph() else ():
                counts[str(key)] += 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else ""


def fold(
    graph: nx.Graph,
    focus: Iterable[Hashable] = (),
    *,
    above: int = FOLD_ABOVE,
    keep: int = FOLD_KEEP,
) -> Folding:
    """Parents, folded groups and the nodes hidden at first (``above <= 0`` folds nothing)."""
    adj = neighbours(graph)
    centres = [n for n in focus if n in adj]
    out = Folding()
    if centres:
        _parents_from_focus(graph, adj, centres, out)
    else:
        _parents_of_leaves(adj, out)
    if above > 0:
        _fold_large_families(graph, out, above, keep)
    order = sorted(adj, key=lambda n: (out.distance.get(n, 0), str(n)))
    out.hidden = is_hidden(order, out.parents, set(out.group_of))
    return out


def _parents_from_focus(
    graph: nx.Graph, adj: Mapping[Hashable, set[Hashable]], centres: list[Hashable], out: Folding
) -> None:
    """Breadth-first from the focus: a node's parents are its neighbours one step nearer the focus
    (busiest first)."""
    distance: dict[Hashable, int] = {}
    frontier = sorted(centres, key=str)
    for node in frontier:
        distance[node] = 0
    while frontier:
        following = []
        for node in frontier:
            for nb in sorted(adj[node], key=str):
                if nb not in distance:
                    distance[nb] = distance[node] + 1
                    following.append(nb)
        frontier = following
    for node, d in distance.items():
        if d > 0:
            ups = [nb for nb in adj[node] if distance.get(nb) == d - 1]
            out.parents[node] = sorted(ups, key=lambda p: (-node_degree(graph, p), str(p)))
    out.distance = distance


def _parents_of_leaves(adj: Mapping[Hashable, set[Hashable]], out: Folding) -> None:
    """Without a focus: a node with one neighbour hangs from it (of a lone pair, the first is the parent)."""
    for node, around in adj.items():
        if len(around) == 1:
            (only,) = around
            if len(adj[only]) > 1 or str(only) < str(node):
                out.parents[node] = [only]
    out.distance = {n: (1 if n in out.parents else 0) for n in adj}


def _fold_large_families(graph: nx.Graph, out: Folding, above: int, keep: int) -> None:
    """Children of one parent and one type beyond ``above``: all but the ``keep`` busiest in a group."""
    children: dict[tuple[Hashable, str], list[Hashable]] = defaultdict(list)
    for node, ups in out.parents.items():
        children[(ups[0], str(graph.nodes[node].get("type", "")))].append(node)
    for (parent, kind), members in sorted(children.items(), key=lambda item: str(item[0])):
        if len(members) <= max(above, keep):
            continue
        members.sort(key=lambda n: (-node_degree(graph, n), str(graph.nodes[n].get("label", n)), str(n)))
        folded = members[keep:]
        out.group_of.update((m, len(out.groups)) for m in folded)
        out.groups.append(Group(parent, kind, folded, _relation(graph, parent, folded)))
