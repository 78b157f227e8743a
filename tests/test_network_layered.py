"""The layered layout: a column per class in the order a movement spreads, few crossings, folds below."""

from __future__ import annotations

import itertools

import networkx as nx

from danvan_kg.network.layered import ASPECT, LABEL_ROOM, layer_of, layered_positions
from danvan_kg.network.layout import compute_positions


def _types(g: nx.Graph) -> dict[str, str]:
    return {n: d["type"] for n, d in g.nodes(data=True)}


def test_columns_follow_the_domain_order() -> None:
    g = nx.MultiDiGraph()
    kinds = ["Resolution", "Movement", "Model", "Organisation", "BeneficiaryGroup", "Place", "Programme"]
    for kind in kinds:
        g.add_node(kind, type=kind)
    g.add_edges_from(
        [
            ("Movement", "Resolution"),
            ("Model", "Movement"),
            ("Model", "Organisation"),
            ("Model", "BeneficiaryGroup"),
            ("Model", "Place"),
            ("Model", "Programme"),
        ]
    )
    pos = layered_positions(g, types=_types(g), sizes={}, hidden=set())
    x = {k: pos[k][0] for k in kinds}
    assert x["Resolution"] == x["Programme"] < x["Movement"] < x["Model"] < x["Organisation"] < x["Place"]
    assert x["Organisation"] == x["BeneficiaryGroup"]
    assert layer_of("Index") == layer_of("Resolution") and layer_of("Unknown") == layer_of("Organisation")


def _crossings(g: nx.Graph, pos: dict) -> int:
    edges = [(u, v) for u, v in g.edges() if pos[u][0] != pos[v][0]]
    count = 0
    for (a, b), (c, d) in itertools.combinations(edges, 2):
        (a, b), (c, d) = sorted((a, b), key=lambda n: pos[n][0]), sorted((c, d), key=lambda n: pos[n][0])
        if pos[a][0] == pos[c][0] and pos[b][0] == pos[d][0]:
            count += (pos[a][1] - pos[c][1]) * (pos[b][1] - pos[d][1]) < 0
    return count


def test_barycentre_order_removes_crossings() -> None:
    g = nx.MultiDiGraph()
    for mv in ("A", "B", "C"):
        g.add_node(mv, type="Movement")
    for i in range(9):  # models interleaved across the three movements, each with its organisation
        mv = "ABC"[i % 3]
        g.add_node(f"m{i}", type="Model")
        g.add_node(f"o{i}", type="Organisation")
        g.add_edge(f"m{i}", mv)
        g.add_edge(f"m{i}", f"o{i}")
    start = {n: float(i) for i, n in enumerate(sorted(g.nodes))}
    pos = layered_positions(g, types=_types(g), sizes={}, hidden=set(), start=start)
    assert _crossings(g, pos) == 0
    assert len(set(pos.values())) == g.number_of_nodes()


def test_folded_nodes_lie_below_the_first_view_and_tall_columns_wrap() -> None:
    g = nx.MultiDiGraph()
    g.add_node("mv", type="Movement")
    for i in range(60):
        g.add_node(f"m{i}", type="Model")
        g.add_edge(f"m{i}", "mv")
    hidden = {f"m{i}" for i in range(40, 60)}
    pos = layered_positions(g, types=_types(g), sizes={}, hidden=hidden)
    first = [p for n, p in pos.items() if n not in hidden]
    assert min(pos[n][1] for n in hidden) > max(y for _x, y in first)
    xs = {pos[f"m{i}"][0] for i in range(40)}
    assert len(xs) > 1  # 40 models in one column would be a thin tower: it wraps
    width = max(x for x, _y in first) - min(x for x, _y in first) + LABEL_ROOM
    height = max(y for _x, y in first) - min(y for _x, y in first)
    assert ASPECT / 2 < width / height < ASPECT * 2
    assert abs(sum(y for _x, y in first) / len(first)) < 200  # the first view sits around the origin


def test_compute_positions_uses_the_layered_layout_for_a_focus_view() -> None:
    g = nx.MultiDiGraph()
    g.add_node("mv", type="Movement", degree=2)
    g.add_node("m", type="Model", degree=2)
    g.add_node("o", type="Organisation", degree=1)
    g.add_edges_from([("m", "mv"), ("m", "o")])
    g.graph["focus"] = ["mv"]
    pos = compute_positions(g)
    assert pos["mv"][0] < pos["m"][0] < pos["o"][0]
    del g.graph["focus"]
    assert compute_positions(g, method="layered") == pos
