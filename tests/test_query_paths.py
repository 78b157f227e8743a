"""The path question: shortest paths over the entity network, as readable steps with evidence."""

from __future__ import annotations

import networkx as nx
import pytest

from danvan_kg.query import ask
from danvan_kg.query.paths import best_edge, shortest_paths
from danvan_kg.query.runner import run_question
from danvan_kg.store import KnowledgeGraph
from test_query_runner import FIXTURE


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    store = KnowledgeGraph.open(None, backend="memory")
    store.load_file(FIXTURE)
    return store


def test_path_steps_follow_stated_directions_with_sentences(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "path", from_="Nghị quyết số 09 của Tỉnh ủy", to="người cao tuổi")
    assert [r["statement"] for r in rows] == [
        "Nghị quyết số 09 của Tỉnh ủy ←implements— Sáng tạo vì cộng đồng",
        "Sáng tạo vì cộng đồng ←partOf— Bếp ăn nghĩa tình",
        "Bếp ăn nghĩa tình —benefits→ người cao tuổi",
    ]
    assert [r["step"] for r in rows] == [1, 2, 3] and {r["path"] for r in rows} == {1}
    assert "Nghị quyết số 09 của Tỉnh ủy vào cuộc sống" in rows[0]["sentence"]
    assert "nổi bật là Bếp ăn nghĩa tình" in rows[1]["sentence"]
    assert rows[0]["source"].startswith("Sáng tạo vì cộng đồng ở Lạc Hồng, https://example.org/bai-1")
    assert rows[0]["p"].endswith("#implements") and rows[0]["s"].endswith("movement/sang-tao-vi-cong-dong")


def test_max_steps_bounds_the_search(kg: KnowledgeGraph) -> None:
    answer = run_question(
        kg, "path", {"from": "Nghị quyết số 09 của Tỉnh ủy", "to": "người cao tuổi", "max": 2}
    )
    assert answer.rows == [] and any("at most 2 steps" in n for n in answer.notes)


def test_unknown_ends_answer_nothing(kg: KnowledgeGraph) -> None:
    answer = run_question(kg, "path", {"from": "không có", "to": "hộ nghèo"})
    assert answer.rows == [] and any("no entity matches" in n for n in answer.notes)


def test_several_shortest_paths_are_listed() -> None:
    graph = nx.MultiDiGraph()
    for node in "abcd":
        graph.add_node(node, label=node.upper())
    graph.add_edge("b", "a", key="partOf", relation="partOf", confidence=0.5)
    graph.add_edge("c", "a", key="partOf", relation="partOf", confidence=0.5)
    graph.add_edge("b", "d", key="benefits", relation="benefits", confidence=0.5)
    graph.add_edge("c", "d", key="benefits", relation="benefits", confidence=0.5)
    assert shortest_paths(graph, ["a"], ["d"], max_steps=4) == [["a", "b", "d"], ["a", "c", "d"]]
    assert shortest_paths(graph, ["a"], ["d"], max_steps=1) == []
    graph.add_edge("a", "b", key="runBy", relation="runBy", confidence=0.9)
    assert best_edge(graph, "a", "b")[:3] == ("a", "runBy", "b")
