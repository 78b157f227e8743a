"""Upward questions: ``implements`` (what a movement or model carries out, questions/implements.rq) and
``chain`` from a movement, on the hand-written fixture, embedded Oxigraph and plain rdflib alike."""

from __future__ import annotations

import pytest

from danvan_kg.errors import QueryError
from danvan_kg.query import ask
from danvan_kg.query.runner import run_question
from danvan_kg.store import KnowledgeGraph
from test_query_runner import load_fixture

RESOLUTION = "Nghị quyết số 09 của Tỉnh ủy"
SENTENCE = "Phong trào được phát động để đưa Nghị quyết số 09 của Tỉnh ủy vào cuộc sống."


@pytest.fixture(scope="module", params=["memory", "rdflib"])
def kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    return load_fixture(KnowledgeGraph.open(None, backend=request.param))


def test_implements_of_a_movement_gives_the_document_with_its_evidence(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "implements", of="Sáng tạo vì cộng đồng")
    assert [(r["label"], r["by"], r["sentence"], r["url"]) for r in rows] == [
        (RESOLUTION, "Sáng tạo vì cộng đồng", SENTENCE, "https://example.org/bai-1")
    ]
    assert rows[0]["title"] == "Sáng tạo vì cộng đồng ở Lạc Hồng"


def test_implements_of_a_model_goes_through_its_movement(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "implements", of="Bếp ăn nghĩa tình")
    assert {(r["label"], r["by"]) for r in rows} == {(RESOLUTION, "Sáng tạo vì cộng đồng")}


def test_implements_of_something_that_implements_nothing_is_empty(kg: KnowledgeGraph) -> None:
    assert ask(kg, "implements", of="Chuyến xe yêu thương") == []
    answer = run_question(kg, "implements", {"of": "không có"})
    assert answer.rows == [] and answer.unmatched == ["--of"]


def test_chain_from_a_movement_goes_up_then_down(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "chain", movement="Sáng tạo vì cộng đồng")
    steps = {(r["step"], r["type"], r["label"], r["relation"], r["fromLabel"]) for r in rows}
    assert (1, "Resolution", RESOLUTION, "implements", "Sáng tạo vì cộng đồng") in steps
    assert (2, "Model", "Bếp ăn nghĩa tình", "partOf", "Sáng tạo vì cộng đồng") in steps
    assert (3, "Organisation", "Hội Phụ nữ xã An Bình", "runBy", "Bếp ăn nghĩa tình") in steps
    assert (3, "Organisation", "Ủy ban MTTQ tỉnh Lạc Hồng", "launchedBy", "Sáng tạo vì cộng đồng") in steps
    assert (4, "BeneficiaryGroup", "hộ nghèo", "benefits", "Sáng tạo vì cộng đồng") in steps
    assert not any(r["label"] == "Chuyến xe yêu thương" for r in rows)  # another movement's model
    assert all(r["movement"].endswith("/movement/sang-tao-vi-cong-dong") for r in rows)
    assert "resolution" not in rows[0]


def test_chain_from_a_movement_matches_the_chain_from_its_resolution_below_step_1(kg: KnowledgeGraph) -> None:
    down = ask(kg, "chain", resolution=RESOLUTION)
    up = ask(kg, "chain", movement="Sáng tạo vì cộng đồng")
    assert {(r["step"], r["label"]) for r in down if r["step"] > 1} == {
        (r["step"], r["label"]) for r in up if r["step"] > 1
    }
    assert (
        ask(kg, "chain", movement="Sáng tạo vì cộng đồng", step=2, limit=1, offset=1)
        == [r for r in up if r["step"] == 2][1:2]
    )


def test_chain_needs_exactly_one_start(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="needs --resolution or --movement"):
        run_question(kg, "chain", {})
    with pytest.raises(QueryError, match="needs --resolution or --movement"):
        run_question(kg, "chain", {"resolution": RESOLUTION, "movement": "Sáng tạo vì cộng đồng"})
