"""Distances on the Earth in kilometres, and the box of latitudes and longitudes around a circle.

The haversine formula on a sphere of the mean Earth radius: within 0.5 % of the ellipsoid at
Vietnam's latitudes, far better than the points themselves (geocoder centres).
"""

from __future__ import annotations

import math

__all__ = ["EARTH_KM", "box_around", "km_between"]

EARTH_KM = 6371.0088
"""Mean Earth radius (IUGG), kilometres."""


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two points given in decimal degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def box_around(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(south, west, north, east) in degrees of a box holding every point within ``km`` of the
    centre: a cheap first filter before :func:`km_between` (valid away from the poles)."""
    dlat = math.degrees(km / EARTH_KM)
    dlon = math.degrees(km / (EARTH_KM * max(math.cos(math.radians(lat)), 1e-6)))
    # the circle's widest longitude is a little poleward of the centre's latitude
    dlon = min(180.0, dlon * 1.01 + 1e-9)
    return (lat - dlat, lon - dlon, lat + dlat, lon + dlon)
