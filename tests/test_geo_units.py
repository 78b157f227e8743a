"""The package's unit points: counts of both structures, known coordinates, precision, mapping."""

from __future__ import annotations

import pytest

from danvan_kg.geo.units import all_units, find_unit, province_mapping, provinces, unit_of_iri
from danvan_kg.rdf.namespaces import ID

# (structure, level, code) → (name, lat, lon, province): read off the package's tables by hand
KNOWN = {
    ("2020", "province", "87"): ("Tỉnh Đồng Tháp", 10.493799, 105.688179, "87"),
    ("2020", "district", "873"): ("Huyện Cao Lãnh", 10.47082, 105.711646, "87"),
    ("2020", "ward", "30121"): ("Xã Mỹ Xương", 10.411199, 105.705779, "87"),
    ("2020", "ward", "00001"): ("Phường Phúc Xá", 21.046798, 105.848112, "01"),
    ("2025", "province", "82"): ("Tỉnh Đồng Tháp", 10.4293, 105.999, "82"),
    ("2025", "ward", "30076"): ("Xã Mỹ Thọ", 10.4458, 105.718, "82"),
    ("2025", "ward", "00097"): ("Phường Hồng Hà", 21.0567, 105.845, "01"),
    ("2025", "ward", "22736"): ("Đặc khu Trường Sa", 9.71, 114.45, "56"),
}


def test_both_structures_are_complete() -> None:
    counts: dict[tuple[str, str], int] = {}
    for structure, level, _code in all_units():
        counts[(structure, level)] = counts.get((structure, level), 0) + 1
    assert counts == {
        ("2020", "province"): 63,
        ("2020", "district"): 696,
        ("2020", "ward"): 10035,
        ("2025", "province"): 34,
        ("2025", "ward"): 3321,
    }
    assert [u.code for u in provinces("2025")][:3] == ["01", "04", "08"]


@pytest.mark.parametrize("key", sorted(KNOWN))
def test_known_units(key: tuple[str, str, str]) -> None:
    name, lat, lon, province = KNOWN[key]
    unit = find_unit(*key)
    assert unit is not None
    assert (unit.label, unit.province) == (name, province)
    assert unit.lat == pytest.approx(lat, abs=1e-6) and unit.lon == pytest.approx(lon, abs=1e-6)
    assert unit.iri == ID[f"admin/{key[0]}/{key[1]}/{key[2]}"]
    assert unit.wkt == f"POINT({lon:.6f} {lat:.6f})"  # GeoSPARQL's CRS84: longitude first


def test_precision_says_when_a_point_is_borrowed() -> None:
    # the legacy communes of Trường Sa carry Khánh Hòa province's point: only good to province level
    truong_sa = [u for u in all_units().values() if u.structure == "2020" and "Trường Sa" in u.name]
    assert truong_sa and {u.precision for u in truong_sa} == {"province"}
    assert find_unit("2020", "ward", "30121").precision == "ward"
    borrowed = [u for u in all_units().values() if u.precision != u.level]
    assert 0 < len(borrowed) < 300  # a handful of geocoder fallbacks, not the norm


def test_old_provinces_map_to_new_ones() -> None:
    mapping = province_mapping()
    assert len(mapping) == 63
    assert set(mapping.values()) == {u.code for u in provinces("2025")}
    assert mapping["87"] == "82" and mapping["82"] == "82"  # Đồng Tháp and Tiền Giang → Đồng Tháp
    assert mapping["01"] == "01"


def test_unit_of_iri() -> None:
    assert unit_of_iri(ID["admin/2020/ward/30121"]).label == "Xã Mỹ Xương"
    assert unit_of_iri(ID["point/2025/province/82"]).label == "Tỉnh Đồng Tháp"
    assert unit_of_iri(ID["admin/2020/ward/99999"]) is None
    assert unit_of_iri(ID["place/dong-thap"]) is None
    assert unit_of_iri("https://example.org/admin/2020/ward/30121") is None
