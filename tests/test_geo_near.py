"""The ``near`` question: models within N km of a place, nearest first, on every target."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from danvan_kg.cli import main
from danvan_kg.geo.distance import km_between
from danvan_kg.query import ask
from danvan_kg.query.runner import run_question
from danvan_kg.store import KnowledgeGraph
from test_geo_facts import PLACES, open_places

# Xã Mỹ Xương's point from Đồng Tháp province's (2020) point
MY_XUONG_KM = km_between(10.493799, 105.688179, 10.411199, 105.705779)


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    with open_places() as store:
        yield store


def test_models_within_the_radius_nearest_first(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "near", place="tỉnh Đồng Tháp", km=25)
    assert [(r["label"], r["place"]) for r in rows] == [
        ("Mô hình Hai", "ấp Mới"),
        ("Mô hình Một", "xã Mỹ Xương"),
    ]
    assert all(r["km"] == pytest.approx(MY_XUONG_KM, abs=0.05) for r in rows)
    assert 9 < MY_XUONG_KM < 10
    one = next(r for r in rows if r["label"] == "Mô hình Một")
    assert one["organisations"] == "Hội Nông dân tỉnh Đồng Tháp"
    assert one["sources"] == "https://example.org/geo/a1"
    assert one["from"] == "tỉnh Đồng Tháp"


def test_radius_movement_and_paging(kg: KnowledgeGraph) -> None:
    assert ask(kg, "near", place="tỉnh Đồng Tháp", km=5) == []
    far = ask(kg, "near", place="tỉnh Đồng Tháp", km=500)
    assert [r["label"] for r in far] == ["Mô hình Hai", "Mô hình Một"]  # Hà Nội is 1,200 km away
    assert [r["label"] for r in ask(kg, "near", place="Hà Nội", km=10)] == ["Mô hình Ba"]
    assert ask(kg, "near", place="Hà Nội", km=10, movement="Phong trào thử nghiệm") == []
    page = run_question(kg, "near", {"place": "tỉnh Đồng Tháp", "km": 25, "limit": 1})
    assert len(page.rows) == 1 and any("more follow" in n for n in page.notes)


def test_a_place_without_coordinates_says_so(kg: KnowledgeGraph) -> None:
    answer = run_question(kg, "near", {"place": "Tây Nguyên", "km": 50})
    assert answer.rows == []
    assert any("Tây Nguyên has no coordinates" in n for n in answer.notes)


def test_bad_radius_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.load_file(PLACES)
    for km in ("0", "501", "ten"):
        assert main(["--store", str(store), "ask", "near", "--place", "Hà Nội", "--km", km]) != 0
        err = capsys.readouterr().err.strip()
        assert err.startswith("danvan-kg: error: --km") and "\n" not in err
    assert main(["--store", str(store), "ask", "near", "--place", "Hà Nội", "--format", "csv"]) == 0
    assert "Mô hình Ba" in capsys.readouterr().out


@pytest.mark.server
def test_same_answer_over_an_endpoint(kg: KnowledgeGraph, oxigraph_server) -> None:  # type: ignore[no-untyped-def]
    oxigraph_server.clear()
    oxigraph_server.load(PLACES.read_bytes())
    for params in ({"place": "tỉnh Đồng Tháp", "km": 25}, {"place": "Hà Nội", "km": 10}):
        assert ask(oxigraph_server.query_url, "near", **params) == ask(kg, "near", **params)
