"""Points in the graph: GeoSPARQL geometry plus W3C WGS84 latitude and longitude.

A feature (an administrative unit, or a place as articles name it) with a point gets::

    <feature> geo:hasGeometry id:point/2020/province/87 ; wgs:lat 10.493799 ; wgs:long 105.688179 .
    id:point/2020/province/87 geo:asWKT "POINT(105.688179 10.493799)"^^geo:wktLiteral .

The geometry node is the administrative unit's (``id:point/2020/province/87``), shared by
the unit and by every place that takes its point, so "the places at this point" is one join.
``dv:pointPrecision`` names the level the point belongs to when that is larger than the feature
itself: a hamlet (thôn, ấp) that takes its ward's point says ``"ward"``; a ward whose point the
package only knows at province level says ``"province"``; without it the point is the feature's
own. (Not stating the obvious keeps the admin-units graph small: ``build`` exports it twice.)
The geometry node is left untyped (GeoSPARQL needs only ``geo:asWKT``).

Which unit gives a place its point (:func:`place_unit`): the one with the most precise point among
its own units and those of the places around it, its own first, the 2020 structure before 2025
at the same level (the names of articles and records are parsed in the 2020 structure first,
and its wards are smaller); so a place with no unit of its own (a hamlet) takes the point of
the nearest enclosing place that has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from danvan_kg.geo.units import Unit, find_unit
from danvan_kg.ids import DV, GEO, WGS

__all__ = ["CODE_KEYS", "add_place_point", "add_point", "parse_point", "place_unit"]


class Adds(Protocol):
    """Where point triples go: an rdflib ``Graph`` or ingest's ``rdf.sink.Triples`` (the same
    protocol as ``rdf.sink.Sink``, which sits in a layer above this one)."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object:
        """Add one triple."""
        ...


_WKT_POINT = re.compile(
    r"^\s*(?:<[^>]*>\s*)?POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*$", re.I
)

CODE_KEYS: tuple[tuple[str, str, str], ...] = (
    ("admin2020_ward", "2020", "ward"),
    ("admin2025_ward", "2025", "ward"),
    ("admin2020_district", "2020", "district"),
    ("admin2020_province", "2020", "province"),
    ("admin2025_province", "2025", "province"),
)
"""The code keys of a place (``Entity.extra`` of the extractor, the codes of a curated record),
most precise first: (key, structure, level)."""


def add_point(graph: Adds, feature: URIRef, unit: Unit, level: str | None = None) -> None:
    """The triples giving ``feature`` the point of ``unit`` (the unit itself or a place in it).

    ``level`` is the feature's own level (``dv:adminLevel``; the unit's when ``feature`` is the
    unit): ``dv:pointPrecision`` is stated when the point belongs to a larger unit than that.
    """
    point = unit.point_iri
    graph.add((feature, GEO.hasGeometry, point))
    graph.add((feature, WGS.lat, Literal(f"{unit.lat:.6f}", datatype=XSD.decimal)))
    graph.add((feature, WGS.long, Literal(f"{unit.lon:.6f}", datatype=XSD.decimal)))
    precision = unit.precision or unit.level
    if precision != (level or unit.level):
        graph.add((feature, DV.pointPrecision, Literal(precision)))
    graph.add((point, GEO.asWKT, Literal(unit.wkt, datatype=GEO.wktLiteral)))


_RANK = {"ward": 0, "district": 1, "province": 2}


def _units(codes: Mapping[str, object]) -> list[Unit]:
    found = []
    for key, structure, level in CODE_KEYS:
        value = codes.get(key)
        unit = find_unit(structure, level, value) if value else None
        if unit is not None:
            found.append(unit)
    return found


def place_unit(codes: Mapping[str, object], ancestors: Iterable[Mapping[str, object]] = ()) -> Unit | None:
    """The unit whose point a place takes: the most precise point among its own units and those of
    the places around it (``ancestors``, nearest first); on a tie its own, then the nearest.

    ``codes`` and each ancestor map the keys of :data:`CODE_KEYS` to GSO codes (other keys are
    ignored). Precision is the level the point really belongs to (:attr:`Unit.precision`), so a
    2020 ward whose point is its province's loses to the 2025 ward with a point of its own.
    """
    candidates = [u for group in (codes, *ancestors) for u in _units(group)]
    if not candidates:
        return None
    return min(enumerate(candidates), key=lambda c: (_RANK.get(c[1].precision, 3), c[0]))[1]


def add_place_point(
    graph: Adds,
    place: URIRef,
    level: str | None,
    codes: Mapping[str, object],
    ancestors: Iterable[Mapping[str, object]] = (),
) -> Unit | None:
    """Give ``place`` (of ``level``: hamlet, ward, ...) the point of :func:`place_unit`; nothing
    when no unit is known. Returns the unit."""
    unit = place_unit(codes, ancestors)
    if unit is not None:
        add_point(graph, place, unit, level or "")
    return unit


def parse_point(wkt: object) -> tuple[float, float] | None:
    """(lat, long) of a WKT ``POINT(long lat)`` literal (CRS84, as written here), else None.

    Queries read points from the geometry's WKT rather than from a place's ``wgs:lat`` and
    ``wgs:long``: a place given two points by two articles would pair one's latitude with the
    other's longitude.
    """
    match = _WKT_POINT.match(str(wkt)) if wkt is not None else None
    return (float(match.group(2)), float(match.group(1))) if match else None
