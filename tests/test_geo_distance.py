"""Great-circle distances and the box around a circle."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan_kg.geo.distance import EARTH_KM, box_around, km_between


def test_known_distances() -> None:
    # Hà Nội (Hoàn Kiếm) to Hồ Chí Minh City (Bến Thành): about 1,140 km as the crow flies
    assert km_between(21.0285, 105.8542, 10.7725, 106.6980) == pytest.approx(1140, rel=0.01)
    assert km_between(10.0, 105.0, 10.0, 105.0) == 0.0
    # one degree of latitude is about 111.2 km anywhere
    assert km_between(10.0, 106.0, 11.0, 106.0) == pytest.approx(111.2, abs=0.2)


def _destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) on the initial ``bearing`` (degrees), on the same sphere."""
    d = km / EARTH_KM
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


@given(
    lat=st.floats(8.0, 24.0),
    lon=st.floats(102.0, 118.0),
    km=st.floats(1.0, 500.0),
    bearing=st.floats(0.0, 360.0),
    share=st.floats(0.0, 1.0),
)
def test_every_point_within_the_radius_lies_in_the_box(
    lat: float, lon: float, km: float, bearing: float, share: float
) -> None:
    south, west, north, east = box_around(lat, lon, km)
    other = _destination(lat, lon, km * share, bearing)
    assert km_between(lat, lon, *other) == pytest.approx(km * share, abs=1e-6)
    assert south <= other[0] <= north and west <= other[1] <= east
    # and the box is hardly larger than the circle: its north edge is km away
    assert km_between(lat, lon, north, lon) == pytest.approx(km, rel=1e-9)
