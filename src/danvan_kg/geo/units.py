"""The points of the administrative units, read once from the ``vietnamadminunits`` package.

The package's SQLite data gives a latitude and longitude for every province, district and ward
of the 63-province structure (table ``admin_units_legacy``, here "2020") and for every province
and ward of the 34-province structure (table ``admin_units``, "2025"). These are geocoder
points (a centre or a centroid), not boundaries. Where the geocoder knew no better it repeated
the point of the enclosing unit (e.g. the three communes of Trường Sa carry the point of Khánh
Hòa province): such a unit's :attr:`Unit.precision` is the level whose point it really is, so
that the graph can say how far a point may be trusted.

Loading all 13.4k units takes about 0.1 s and is done once per process (:func:`all_units`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from danvan_kg.errors import InputError
from danvan_kg.rdf.namespaces import ID
from danvan_kg.text.normalise import normalise

__all__ = [
    "LEVELS",
    "STRUCTURES",
    "Unit",
    "all_units",
    "find_unit",
    "province_mapping",
    "provinces",
    "unit_of_iri",
]

STRUCTURES = ("2020", "2025")
"""The two structures: 63 provinces (before 1 July 2025) and 34 provinces (after)."""

LEVELS: dict[str, tuple[str, ...]] = {
    "2020": ("province", "district", "ward"),
    "2025": ("province", "ward"),
}
"""The levels of each structure, largest first."""

_COLUMNS = "code, name, short, lat, lon, pcode, dcode, plat, plon, dlat, dlon"


def _select(table: str, level: str, district: str) -> str:
    """SELECT of one level's units as :data:`_COLUMNS` (``district``: the legacy district prefix or "")."""
    own = f"{level}Code, {level}, {level}Short, {level}Lat, {level}Lon"
    around = (
        f"{district}Code, provinceLat, provinceLon, {district}Lat, {district}Lon"
        if district
        else "'', provinceLat, provinceLon, provinceLat, provinceLon"
    )
    names = _COLUMNS.split(", ")
    values = [v.strip() for v in f"{own}, provinceCode, {around}".split(",")]
    columns = ", ".join(f"{v} AS {n}" for v, n in zip(values, names, strict=True))
    return f"SELECT DISTINCT {columns} FROM {table}"


_SQL = {
    ("2020", "province"): _select("admin_units_legacy", "province", ""),
    ("2020", "district"): _select("admin_units_legacy", "district", ""),
    ("2020", "ward"): _select("admin_units_legacy", "ward", "district"),
    ("2025", "province"): _select("admin_units", "province", ""),
    ("2025", "ward"): _select("admin_units", "ward", ""),
}
"""One query per (structure, level): code, name, short name, point, province code, district code,
the province's point and the district's point (the province's again where there is no district)."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit with its point (WGS84 degrees)."""

    structure: str
    level: str
    code: str
    name: str
    short: str
    lat: float
    lon: float
    province: str
    """Code of the province the unit lies in (its own code for a province), same structure."""
    district: str = ""
    """Code of the legacy district of a 2020 ward ("" otherwise)."""
    precision: str = ""
    """The level the point really belongs to: the unit's own level, or a larger one when the
    package repeats the point of the district or province around it."""

    @property
    def label(self) -> str:
        """The full name in NFC with modern tone marks ("Tỉnh Đồng Tháp")."""
        return normalise(self.name)

    @property
    def iri(self) -> URIRef:
        """``id:admin/<structure>/<level>/<code>``, the IRI of the unit in the graph."""
        return ID[f"admin/{self.structure}/{self.level}/{self.code}"]

    @property
    def point_iri(self) -> URIRef:
        """``id:point/<structure>/<level>/<code>``: the unit's geometry node.

        (Not ``<unit IRI>/point``: rdflib's Turtle writer tries to make a prefix of every
        distinct namespace an IRI ends in, and 1.6k of them made ``build``'s export 2.4x slower.)
        """
        return ID[f"point/{self.structure}/{self.level}/{self.code}"]

    @property
    def wkt(self) -> str:
        """The point as WKT in GeoSPARQL's default reference system (CRS84: longitude first)."""
        return f"POINT({self.lon:.6f} {self.lat:.6f})"


def _rows(sql: str) -> list[dict[str, object]]:
    from vietnamadminunits.database import query

    try:
        return query(sql)
    except Exception as exc:  # a broken or missing data file: one line, not a traceback
        raise InputError(f"cannot read the vietnamadminunits data: {exc}") from None


def _same(lat: float, lon: float, other_lat: object, other_lon: object) -> bool:
    return (
        isinstance(other_lat, float | int)
        and isinstance(other_lon, float | int)
        and abs(lat - other_lat) < 1e-6
        and abs(lon - other_lon) < 1e-6
    )


def _units_of(structure: str, level: str) -> list[Unit]:
    """The units of one level; the precision of a point that repeats the province's or the
    district's point is that level."""
    out = []
    for row in _rows(_SQL[(structure, level)]):
        code, name, short, lat, lon, province, district, plat, plon, dlat, dlon = (
            row[c] for c in _COLUMNS.split(", ")
        )
        if not code or not isinstance(lat, float | int) or not isinstance(lon, float | int):
            continue
        precision = level
        if level != "province" and _same(lat, lon, plat, plon):
            precision = "province"
        elif level == "ward" and structure == "2020" and _same(lat, lon, dlat, dlon):
            precision = "district"
        out.append(
            Unit(
                structure=structure,
                level=level,
                code=str(code),
                name=str(name or ""),
                short=str(short or ""),
                lat=float(lat),
                lon=float(lon),
                province=str(province or ""),
                district=str(district or ""),
                precision=precision,
            )
        )
    return out


@cache
def all_units() -> dict[tuple[str, str, str], Unit]:
    """Every unit of both structures by ``(structure, level, code)``."""
    out: dict[tuple[str, str, str], Unit] = {}
    for structure, levels in LEVELS.items():
        for level in levels:
            for unit in _units_of(structure, level):
                out.setdefault((structure, level, unit.code), unit)
    return out


def find_unit(structure: str, level: str, code: object) -> Unit | None:
    """The unit of ``structure`` ("2020"/"2025"), ``level`` and GSO ``code``, or None."""
    return all_units().get((structure, level, str(code)))


def provinces(structure: str) -> list[Unit]:
    """The provinces of one structure, by code."""
    return sorted(
        (u for (s, level, _), u in all_units().items() if s == structure and level == "province"),
        key=lambda u: u.code,
    )


@cache
def province_mapping() -> dict[str, str]:
    """Legacy province code → 2025 province code (provinces were merged whole in 2025).

    Read with the package's ``convert_address`` on each legacy province name (63 calls, 60 ms).
    """
    from vietnamadminunits import convert_address

    mapping = {}
    for unit in provinces("2020"):
        try:
            converted = convert_address(unit.name)
        except Exception as exc:  # the package may call an online geocoder: report, never crash
            raise InputError(f"vietnamadminunits cannot convert {unit.name!r}: {exc}") from None
        if converted.province_code:
            mapping[unit.code] = str(converted.province_code)
    return mapping


def unit_of_iri(iri: object) -> Unit | None:
    """The unit named by ``id:admin/<structure>/<level>/<code>`` or its point
    ``id:point/<structure>/<level>/<code>``, else None."""
    text = str(iri)
    for head in (str(ID["admin/"]), str(ID["point/"])):
        if text.startswith(head):
            parts = text[len(head) :].split("/")
            return find_unit(*parts) if len(parts) == 3 else None
    return None
