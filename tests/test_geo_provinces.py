"""The ``provinces`` question: counts by province in both structures, and by movement."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from danvan_kg.errors import QueryError
from danvan_kg.query import ask
from danvan_kg.store import KnowledgeGraph
from test_geo_facts import PLACES, open_places


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    with open_places() as store:
        yield store


def _table(rows: list[dict]) -> list[tuple[str, int, int, int]]:
    return [(r["label"], r["models"], r["organisations"], r["sources"]) for r in rows]


def test_counts_by_2025_province(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "provinces")
    # Đồng Tháp: two models (one in a hamlet), the one placed only by its province (dv:area) and
    # the organisation; Hà Nội: the model stated without evidence (its article mentions it) and
    # the organisation of a 2025-only ward. Tây Nguyên is a region, in no province.
    assert _table(rows) == [("Tỉnh Đồng Tháp", 3, 1, 3), ("Thành phố Hà Nội", 1, 1, 2)]
    assert rows[0]["province"] == "https://w3id.org/danvan-kg/id/admin/2025/province/82"


def test_counts_by_2020_province(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "provinces", structure="2020")
    # the dv:area model of 2025 Đồng Tháp (old Đồng Tháp + Tiền Giang) is in neither 2020 province
    assert _table(rows) == [("Tỉnh Đồng Tháp", 2, 1, 2), ("Thành phố Hà Nội", 1, 1, 2)]
    assert rows[0]["province"] == "https://w3id.org/danvan-kg/id/admin/2020/province/87"


def test_counts_for_a_movement(kg: KnowledgeGraph) -> None:
    assert _table(ask(kg, "provinces", movement="Phong trào thử nghiệm")) == [("Tỉnh Đồng Tháp", 3, 1, 3)]


def test_unknown_structure_is_refused(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="--structure '2019'"):
        ask(kg, "provinces", structure="2019")


@pytest.mark.server
def test_same_answer_over_an_endpoint(kg: KnowledgeGraph, oxigraph_server) -> None:  # type: ignore[no-untyped-def]
    oxigraph_server.clear()
    oxigraph_server.load(PLACES.read_bytes())
    for params in ({}, {"structure": "2020"}, {"movement": "Phong trào thử nghiệm"}):
        assert ask(oxigraph_server.query_url, "provinces", **params) == ask(kg, "provinces", **params)
