"""Approximate outlines of Vietnam and of its provinces, drawn from the package's unit points only.

``vietnamadminunits`` has points, not polygons (its legacy "bounds" are geocoder viewports:
the box of Hà Nội covers only the inner city). So the outlines here are a construction, and
the map says so:

- **land**: the union of discs of :data:`LAND_RADIUS` degrees around every ward point of both
  structures (plus the wardless island districts), closed and with its holes filled. Wards are
  a few kilometres apart, so this follows the coast and the borders to within a few kilometres;
- **2020 provinces**: the Voronoi cells of the legacy ward points, merged by province and cut
  to the land. A cell is the area nearer to its ward point than to any other;
- **2025 provinces**: the 2020 provinces merged by the old → new mapping (provinces were
  merged whole on 1 July 2025), so both structures share their borders.

The data has a few known faults, handled so they do not draw wrong islands: points the
geocoder placed more than :data:`OUTLIER_KM` from their district's point are left out, as are
points that merely repeat the district's or province's point (:attr:`Unit.precision`); a piece
of a province that lies inside another province (no coast) joins the province around it.
Islands that only the 2025 data places (Hoàng Sa, Trường Sa) keep their 2020 province by
name (the legacy district of the same name) or else the nearest legacy point of a province
that became theirs.

Building everything takes about 1.5 s; :func:`outlines` caches it per process.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from danvan_kg.geo.distance import km_between
from danvan_kg.geo.units import Unit, all_units, find_unit, province_mapping, provinces

__all__ = ["LAND_RADIUS", "OUTLIER_KM", "Outlines", "Region", "outlines"]

LAND_RADIUS = 0.08
"""Degrees (about 9 km) around each ward point that count as land."""

OUTLIER_KM = 40.0
"""A legacy ward point farther than this from its district's point is taken as a geocoder error."""

SIMPLIFY = 0.01
"""Douglas-Peucker tolerance of the drawn outlines, in degrees (about 1 km)."""

DECIMALS = 3
"""Decimals kept in the drawn coordinates (about 100 m)."""

_ISLAND_KM = 25.0


@dataclass(frozen=True)
class Region:
    """One province of one structure: its shape and where to put its name."""

    structure: str
    code: str
    name: str
    shape: BaseGeometry
    label_at: tuple[float, float]
    """(lon, lat) inside the shape: the province's own point when it falls inside, else a point
    shapely guarantees to be inside."""


@dataclass(frozen=True)
class Outlines:
    """The land and the provinces of both structures."""

    land: BaseGeometry
    regions: dict[str, list[Region]]

    def region_of(self, structure: str, lon: float, lat: float) -> Region | None:
        """The province of ``structure`` whose drawn shape holds the point, if any."""
        point = Point(lon, lat)
        return next((r for r in self.regions[structure] if r.shape.covers(point)), None)

    def as_json(self) -> dict[str, Any]:
        """Simplified rings of the land and of every province, (lon, lat) rounded, for the map page."""
        return {
            "land": _rings(self.land),
            "regions": {
                structure: [
                    {
                        "code": r.code,
                        "name": r.name,
                        "rings": _rings(r.shape),
                        "label": [round(r.label_at[0], DECIMALS), round(r.label_at[1], DECIMALS)],
                    }
                    for r in regions
                ]
                for structure, regions in self.regions.items()
            },
        }


def _polygons(shape: BaseGeometry) -> list[Polygon]:
    if isinstance(shape, Polygon):
        return [shape] if not shape.is_empty else []
    if isinstance(shape, MultiPolygon):
        return [p for p in shape.geoms if not p.is_empty]
    return [g for part in getattr(shape, "geoms", []) for g in _polygons(part)]


def _rings(shape: BaseGeometry) -> list[list[list[float]]]:
    """Exterior and interior rings of a (multi)polygon, simplified and rounded, tiny rings dropped."""
    out = []
    for polygon in _polygons(shape.simplify(SIMPLIFY, preserve_topology=True)):
        for ring in (polygon.exterior, *polygon.interiors):
            coords = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring.coords]
            if len(coords) >= 4:
                out.append(coords)
    return out


def _legacy_seeds() -> list[tuple[float, float, str]]:
    """(lon, lat, 2020 province code) of the legacy wards whose point can be trusted, plus the
    districts without wards (islands)."""
    seeds = []
    with_wards: set[str] = set()
    for (structure, level, _), unit in all_units().items():
        if structure != "2020" or level != "ward":
            continue
        with_wards.add(unit.district)
        district = find_unit("2020", "district", unit.district)
        if unit.precision != "ward" or district is None:
            continue
        if km_between(unit.lat, unit.lon, district.lat, district.lon) > OUTLIER_KM:
            continue
        seeds.append((unit.lon, unit.lat, unit.province))
    for (structure, level, code), unit in all_units().items():
        if structure == "2020" and level == "district" and code not in with_wards and unit.precision == level:
            seeds.append((unit.lon, unit.lat, unit.province))
    return seeds


def _island_province(ward: Unit, seeds: list[tuple[float, float, str]], old_of: dict[str, list[str]]) -> str:
    """The 2020 province of a 2025 ward far from every legacy point (an island)."""
    candidates = old_of.get(ward.province, [])
    for (structure, level, _), unit in all_units().items():
        if (
            structure == "2020"
            and level == "district"
            and unit.short == ward.short
            and unit.province in candidates
        ):
            return unit.province
    pool = [s for s in seeds if s[2] in candidates] or seeds
    return min(pool, key=lambda s: km_between(ward.lat, ward.lon, s[1], s[0]))[2]


def _unique(seeds: Iterable[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """One seed per point (Voronoi cells need distinct points), first one kept."""
    seen: set[tuple[float, float]] = set()
    out = []
    for x, y, code in seeds:
        key = (round(x, 6), round(y, 6))
        if key not in seen:
            seen.add(key)
            out.append((x, y, code))
    return out


def _land(points: list[tuple[float, float]]) -> BaseGeometry:
    discs = shapely.buffer(shapely.points(points), LAND_RADIUS, quad_segs=4)
    land = shapely.union_all(discs).buffer(LAND_RADIUS / 2, quad_segs=4).buffer(-LAND_RADIUS / 2, quad_segs=4)
    return shapely.union_all([Polygon(p.exterior) for p in _polygons(land)])


def _absorb_enclaves(shapes: dict[str, BaseGeometry], land: BaseGeometry) -> dict[str, BaseGeometry]:
    """A piece of a province that is not its largest and touches no coast joins its neighbour
    with the longest shared border (a stray geocoded point, not a real exclave)."""
    coast = land.boundary
    moved: dict[str, list[BaseGeometry]] = defaultdict(list)
    kept: dict[str, list[BaseGeometry]] = {}
    for code, shape in shapes.items():
        parts = sorted(_polygons(shape), key=lambda p: p.area, reverse=True)
        kept[code] = parts[:1]
        for part in parts[1:]:
            if part.exterior.distance(coast) < 1e-6:
                kept[code].append(part)
                continue
            rim = part.exterior.buffer(1e-4)
            best = max(
                (c for c in shapes if c != code),
                key=lambda c: shapes[c].intersection(rim).area,
            )
            moved[best].append(part)
    return {code: shapely.union_all(kept[code] + moved[code]) for code in shapes}


def _label_at(unit: Unit | None, shape: BaseGeometry) -> tuple[float, float]:
    if unit is not None and shape.covers(Point(unit.lon, unit.lat)):
        return (unit.lon, unit.lat)
    point = shape.representative_point()
    return (point.x, point.y)


@cache
def outlines() -> Outlines:
    """The land, the 63 provinces of 2020 and the 34 of 2025 (see the module docstring)."""
    mapping = province_mapping()
    old_of: dict[str, list[str]] = defaultdict(list)
    for old, new in mapping.items():
        old_of[new].append(old)
    seeds = _legacy_seeds()
    new_wards = [u for (s, level, _), u in all_units().items() if s == "2025" and level == "ward"]
    tree = shapely.STRtree(shapely.points([(x, y) for x, y, _ in seeds]))
    degrees = _ISLAND_KM / 111.0
    for ward in new_wards:
        if ward.precision == "ward" and not len(tree.query(Point(ward.lon, ward.lat).buffer(degrees))):
            seeds.append((ward.lon, ward.lat, _island_province(ward, seeds, old_of)))
    seeds = _unique(seeds)
    land = _land([(x, y) for x, y, _ in seeds] + [(u.lon, u.lat) for u in new_wards if u.precision == "ward"])
    frame = shapely.box(*land.bounds).buffer(1.0)
    cells = shapely.voronoi_polygons(
        shapely.multipoints([(x, y) for x, y, _ in seeds]), extend_to=frame, ordered=True
    )
    by_province: dict[str, list[BaseGeometry]] = defaultdict(list)
    for cell, (_, _, code) in zip(cells.geoms, seeds, strict=True):
        by_province[code].append(cell)
    old_shapes = {code: shapely.union_all(parts).intersection(land) for code, parts in by_province.items()}
    old_shapes = _absorb_enclaves(old_shapes, land)
    new_parts: dict[str, list[BaseGeometry]] = defaultdict(list)
    for code, shape in old_shapes.items():
        if code in mapping:
            new_parts[mapping[code]].append(shape)
    regions: dict[str, list[Region]] = {}
    for structure, shapes in (
        ("2020", old_shapes),
        ("2025", {code: shapely.union_all(parts) for code, parts in new_parts.items()}),
    ):
        regions[structure] = [
            Region(structure, u.code, u.label, shapes[u.code], _label_at(u, shapes[u.code]))
            for u in provinces(structure)
            if u.code in shapes
        ]
    return Outlines(land=land, regions=regions)
