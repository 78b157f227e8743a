"""What the map shows: located facts gathered by point, filtered by movement, class and year."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan_kg.errors import InputError
from danvan_kg.geo.facts import MapFacts, gather, parse_years
from danvan_kg.rdf.namespaces import ID
from danvan_kg.store import KnowledgeGraph

PLACES = Path(__file__).parent / "fixtures" / "geo" / "places.trig"

MY_XUONG = str(ID["point/2020/ward/30121"])
DONG_THAP = str(ID["point/2020/province/87"])
HA_NOI = str(ID["point/2020/province/01"])
HONG_HA = str(ID["point/2025/ward/00097"])
DONG_THAP_2025 = str(ID["point/2025/province/82"])
A1, A2, A3, A4 = (str(ID[f"article/a{i}"]) for i in (1, 2, 3, 4))


def open_places() -> KnowledgeGraph:
    """An in-memory store holding tests/fixtures/geo/places.trig (also used by other geo tests)."""
    kg = KnowledgeGraph.open(None, backend="memory")
    kg.load_file(PLACES)
    return kg


@pytest.fixture(scope="module")
def kg() -> Iterator[KnowledgeGraph]:
    with open_places() as store:
        yield store


def _by_key(facts: MapFacts) -> dict[str, tuple[dict[str, str], set[str], list[str]]]:
    return {s.key: (s.things, s.sources, sorted(s.places.values())) for s in facts.spots}


def test_places_sharing_a_point_are_one_spot(kg: KnowledgeGraph) -> None:
    facts = gather(kg)
    spots = _by_key(facts)
    assert set(spots) == {MY_XUONG, DONG_THAP, HA_NOI, HONG_HA, DONG_THAP_2025}
    things, sources, places = spots[MY_XUONG]
    assert things == {str(ID["model/mo-hinh-mot"]): "Model", str(ID["model/mo-hinh-hai"]): "Model"}
    assert sources == {A1, A2}
    assert places == ["xã Mỹ Xương", "ấp Mới"]
    spot = next(s for s in facts.spots if s.key == MY_XUONG)
    assert spot.precision == "ward"  # the hamlet stands at its ward's point
    assert spot.unit is not None and spot.unit.label == "Xã Mỹ Xương"
    assert spot.provinces == {"2020": "87", "2025": "82"}
    # a relation without evidence takes the articles mentioning the thing
    assert spots[HA_NOI][1] == {A3}
    # a place known only in 2025 gets its 2020 province (Hà Nội merged nothing)
    assert next(s for s in facts.spots if s.key == HONG_HA).provinces == {"2020": "01", "2025": "01"}
    # a model placed nowhere by its text stands at its dv:area province's point (the package's:
    # this store has no admin-units graph), marked as such; 2025 Đồng Tháp has no single 2020 province
    area = next(s for s in facts.spots if s.key == DONG_THAP_2025)
    assert area.things == {str(ID["model/mo-hinh-nam-dong-thap"]): "Model"} and area.by_area == set(
        area.things
    )
    assert area.provinces == {"2025": "82"} and area.sources == {A4}
    assert facts.unplaced == {str(ID["place/tay-nguyen"]): "Tây Nguyên"}
    assert set(facts.sources) == {A1, A2, A3, A4}
    assert facts.sources[A1].year == 2024 and facts.sources[A3].year is None


def test_movement_keeps_its_models_and_their_organisations(kg: KnowledgeGraph) -> None:
    facts = gather(kg, movement="phong trao thu nghiem")
    assert facts.movements == ["Phong trào thử nghiệm"]
    # its models (one placed only by its province), and the organisation running one of them
    assert set(_by_key(facts)) == {MY_XUONG, DONG_THAP, DONG_THAP_2025}
    with pytest.raises(InputError, match="no movement matches"):
        gather(kg, movement="Phong trào không có")


def test_class_and_year_filters(kg: KnowledgeGraph) -> None:
    clubs = gather(kg, classes=["Club"])
    assert [list(s.things) for s in clubs.spots] == [[str(ID["model/mo-hinh-mot"])]]
    organisations = gather(kg, classes=["Organisation"])
    assert set(_by_key(organisations)) == {DONG_THAP, HONG_HA}
    recent = gather(kg, years=(2025, 2025))
    spots = _by_key(recent)
    assert set(spots) == {MY_XUONG, HONG_HA, DONG_THAP_2025}  # a2 (2025-08) and a4 (2025-09)
    assert spots[MY_XUONG][1] == {A2}  # only the sources of those years
    assert gather(kg, years=(2019, 2020)).spots == []
    with pytest.raises(InputError, match="--class Resolution"):
        gather(kg, classes=["Resolution"])


def test_parse_years() -> None:
    assert parse_years(None) is None
    assert parse_years("2024") == (2024, 2024)
    assert parse_years("2021-2025") == (2021, 2025)
    assert parse_years(" 2021 – 2025 ") == (2021, 2025)
    for bad in ("24", "2025-2021", "năm 2024", "2024-"):
        with pytest.raises(InputError):
            parse_years(bad)
