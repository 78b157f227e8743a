"""Approximate outlines: provinces of both structures agree with the package's own points."""

from __future__ import annotations

import json

import pytest
from shapely import Point

from danvan_kg.geo.outlines import DECIMALS, outlines
from danvan_kg.geo.units import all_units, province_mapping


def test_every_province_of_both_structures_has_a_shape() -> None:
    regions = outlines().regions
    assert len(regions["2020"]) == 63 and len(regions["2025"]) == 34
    for structure in ("2020", "2025"):
        for region in regions[structure]:
            assert region.shape.area > 0, region.name
            assert region.shape.covers(Point(*region.label_at)), region.name


@pytest.mark.parametrize("structure", ["2020", "2025"])
def test_ward_points_fall_in_their_own_province(structure: str) -> None:
    # the 2025 outlines are built from the 2020 ones, so the 2025 wards are an independent check
    wards = [u for u in all_units().values() if u.structure == structure and u.level == "ward"]
    wards = [u for u in wards if u.precision == "ward"]
    shapes = outlines()
    right = sum(
        1
        for u in wards
        if (r := shapes.region_of(structure, u.lon, u.lat)) is not None and r.code == u.province
    )
    assert right / len(wards) > 0.995, (right, len(wards))


def test_old_provinces_make_up_the_new_ones() -> None:
    shapes = outlines()
    old = {r.code: r.shape for r in shapes.regions["2020"]}
    for new in shapes.regions["2025"]:
        parts = [old[code] for code, target in province_mapping().items() if target == new.code]
        assert abs(sum(p.area for p in parts) - new.shape.area) < 1e-6 * max(1.0, new.shape.area), new.name


def test_land_follows_the_country() -> None:
    shapes = outlines()
    on_land = {
        "Hà Nội": (105.85, 21.03),
        "Huế": (107.59, 16.46),
        "Cà Mau": (105.15, 9.18),
        "Phú Quốc": (103.96, 10.23),
    }
    at_sea = {
        "Biển Đông": (110.0, 12.0),
        "Vịnh Bắc Bộ": (107.8, 19.5),
        "Vientiane": (102.6, 17.97),
        "Phnom Penh": (104.92, 11.56),
    }
    for name, (lon, lat) in on_land.items():
        assert shapes.region_of("2025", lon, lat) is not None, name
    for name, (lon, lat) in at_sea.items():
        assert shapes.region_of("2025", lon, lat) is None, name
    # the islands: Hoàng Sa with Đà Nẵng, Trường Sa with Khánh Hòa, in both structures
    assert shapes.region_of("2025", 112.135, 16.568).name == "Thành phố Đà Nẵng"
    assert shapes.region_of("2020", 112.135, 16.568).name == "Thành phố Đà Nẵng"
    assert shapes.region_of("2025", 114.45, 9.71).name == "Tỉnh Khánh Hòa"


def test_page_json_is_small_and_rounded() -> None:
    data = outlines().as_json()
    text = json.dumps(data, separators=(",", ":"))
    assert len(text) < 250_000
    ring = data["regions"]["2025"][0]["rings"][0]
    assert ring[0] == ring[-1]
    assert all(round(v, DECIMALS) == v for point in ring for v in point)
    assert {r["code"] for r in data["regions"]["2020"]} == set(province_mapping())
