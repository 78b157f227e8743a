"""Folding large neighbourhoods: parents, groups, and what the first view hides."""

from __future__ import annotations

import networkx as nx

from danvan_kg.network.aggregate import fold, is_hidden


def _star(models: int) -> nx.MultiDiGraph:
    """A movement with ``models`` models, each run by its own organisation; model i has degree i."""
    g = nx.MultiDiGraph()
    g.add_node("mv", type="Movement", label="Phong trào", degree=models)
    for i in range(models):
        g.add_node(f"m{i:02d}", type="Model", label=f"Mô hình {i:02d}", degree=i)
        g.add_node(f"o{i:02d}", type="Organisation", label=f"Hội {i:02d}", degree=1)
        g.add_edge(f"m{i:02d}", "mv", key="partOf")
        g.add_edge(f"m{i:02d}", f"o{i:02d}", key="runBy")
    g.graph["focus"] = ["mv"]
    return g


def test_focus_view_folds_the_weakest_children_and_what_hangs_on_them() -> None:
    g = _star(20)
    folding = fold(g, ["mv"], above=12, keep=8)
    assert folding.distance["mv"] == 0 and folding.distance["m05"] == 1 and folding.distance["o05"] == 2
    assert folding.parents["o05"] == ["m05"] and "mv" not in folding.parents
    (group,) = folding.groups
    assert group.parent == "mv" and group.type == "Model" and group.relation == "partOf"
    kept = {f"m{i:02d}" for i in range(12, 20)}  # the 8 best-connected models stay
    assert set(group.members) == {f"m{i:02d}" for i in range(12)}
    assert folding.hidden == set(group.members) | {f"o{i:02d}" for i in range(12)}
    assert not kept & folding.hidden
    assert all(folding.group_of[m] == 0 for m in group.members)


def test_small_groups_and_zero_threshold_fold_nothing() -> None:
    assert fold(_star(12), ["mv"], above=12).groups == []
    folding = fold(_star(30), ["mv"], above=0)
    assert folding.groups == [] and folding.hidden == set()


def test_a_node_with_one_visible_parent_stays() -> None:
    g = _star(20)
    g.add_edge("o00", "m19", key="runBy")  # o00 is also reached through a kept model
    folding = fold(g, ["mv"], above=12, keep=8)
    assert "m00" in folding.hidden
    assert set(folding.parents["o00"]) == {"m00", "m19"}
    assert "o00" not in folding.hidden


def test_whole_network_folds_only_leaves() -> None:
    g = nx.MultiDiGraph()
    g.add_node("hub", type="Movement", degree=20)
    for i in range(20):
        g.add_node(f"leaf{i:02d}", type="Model", degree=1)
        g.add_edge(f"leaf{i:02d}", "hub", key="partOf")
    g.add_node("m-linked", type="Model", degree=2)
    g.add_node("org", type="Organisation", degree=1)
    g.add_edge("m-linked", "hub", key="partOf")
    g.add_edge("m-linked", "org", key="runBy")
    g.add_node("alone", type="Place", degree=0)
    folding = fold(g, (), above=12, keep=8)
    assert "m-linked" not in folding.parents  # not a leaf: never folded
    assert folding.parents["org"] == ["m-linked"]
    (group,) = folding.groups
    assert len(group.members) == 12 and all(m.startswith("leaf") for m in group.members)
    assert folding.hidden == set(group.members)
    assert "alone" not in folding.hidden  # unconnected nodes are the page's toggle, not a fold


def test_is_hidden_follows_parents_in_order() -> None:
    parents = {"b": ["a"], "c": ["b"], "d": ["b", "x"]}
    assert is_hidden(["a", "x", "b", "c", "d"], parents, {"b"}) == {"b", "c"}
    assert is_hidden(["a", "x", "b", "c", "d"], parents, {"b", "x"}) == {"b", "c", "d", "x"}
