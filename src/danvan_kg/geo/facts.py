"""What a map shows: the models and organisations located in places, gathered at the places' points.

The facts are ``dv:locatedIn`` statements (what the texts say), each with the articles stating
it (its evidence; the articles mentioning the thing when the statement has none), and, for a
thing the texts place nowhere, its ``dv:area`` (the province its identity is qualified by: the
rule of the place questions), marked as such. Places are
gathered by their point: the places that share an administrative unit's point (a place named
in several articles, the unit itself, a hamlet that takes its ward's point) are one
:class:`Spot`. Each spot knows its province in both structures (its unit links, the 2020 → 2025
mapping, or, for a place known only in 2025, the 2020 province whose outline holds it).

All SPARQL is in ``geo/queries/*.rq`` and runs through any target with ``select`` (the store,
an rdflib graph, a remote endpoint).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from danvan_kg.errors import InputError
from danvan_kg.geo.areas import provinces_of
from danvan_kg.geo.points import parse_point
from danvan_kg.geo.units import Unit, unit_of_iri
from danvan_kg.query.sparqltext import with_prefixes
from danvan_kg.query.targets import Target
from danvan_kg.query.terms import Row
from danvan_kg.rdf.namespaces import DV
from danvan_kg.rdf.sparql_files import load_query

__all__ = ["FACT_CLASSES", "Fact", "MapFacts", "Source", "Spot", "fact_classes", "gather", "parse_years"]

QUERIES = "danvan_kg.geo.queries"

FACT_CLASSES = ("Model", "Organisation")
"""The core classes whose located instances a map draws (a place located in a place is containment)."""

_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?$")


@dataclass(frozen=True)
class Source:
    """An article: what a reader needs to find it again."""

    iri: str
    title: str
    url: str
    date: str

    @property
    def year(self) -> int | None:
        """The year of its ``dct:date`` (``None`` when undated)."""
        return int(self.date[:4]) if self.date[:4].isdigit() else None


@dataclass(frozen=True)
class Fact:
    """One thing located in one place, with the articles that say so."""

    thing: str
    cls: str
    """Core class: Model or Organisation."""
    place: str
    sources: frozenset[str]
    how: str = "stated"
    """"stated" (``dv:locatedIn``) or "area": placed nowhere by the text, taken at the province its
    identity is qualified by (``dv:area``), as the place questions do."""


@dataclass
class Spot:
    """One point on the map: the places at it and what is located there."""

    key: str
    lat: float
    lon: float
    unit: Unit | None
    places: dict[str, str] = field(default_factory=dict)
    """Place IRI → label, for every place drawn at this point."""
    precision: str = ""
    """The coarsest level whose point stands in for a place here ("" when every place is at its own)."""
    provinces: dict[str, str] = field(default_factory=dict)
    """Structure ("2020"/"2025") → province code (of the first of its places that has one)."""
    things: dict[str, str] = field(default_factory=dict)
    """Thing IRI → core class (Model or Organisation)."""
    by_area: set[str] = field(default_factory=set)
    """The things here only by their ``dv:area`` (no ``dv:locatedIn``)."""
    sources: set[str] = field(default_factory=set)

    def count(self, cls: str) -> int:
        """How many things of core class ``cls`` are located here."""
        return sum(1 for c in self.things.values() if c == cls)


@dataclass
class MapFacts:
    """Everything the map page draws, in plain Python values."""

    spots: list[Spot]
    facts: list[Fact]
    """The facts drawn (those at a place with a point)."""
    provinces: dict[str, dict[str, str]]
    """Place IRI → structure → province code (:func:`danvan_kg.geo.areas.provinces_of`)."""
    unplaced: dict[str, str]
    """Places with facts but no point (regions, countries, places no unit was found for): IRI → label."""
    labels: dict[str, str]
    sources: dict[str, Source]
    movements: list[str]
    """Labels of the movements the facts were chosen by (empty: no movement chosen)."""
    notes: list[str] = field(default_factory=list)


def parse_years(text: str | None) -> tuple[int, int] | None:
    """``"2024"`` → (2024, 2024); ``"2021-2025"`` → (2021, 2025); ``None`` → None. Bad text: InputError."""
    if text is None:
        return None
    match = _YEARS.match(text)
    if not match:
        raise InputError(f"--year {text!r}: expected a year (2024) or a range (2021-2025)")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if last < first:
        raise InputError(f"--year {text!r}: the range ends before it starts")
    return first, last


@cache
def fact_classes() -> frozenset[str]:
    """Local names of Model, Organisation and every ontology class below them (Club, PartyBody ...)."""
    from danvan_kg.build import ontology_graph

    graph: Graph = ontology_graph()
    found = set(FACT_CLASSES)
    frontier = [DV[name] for name in FACT_CLASSES]
    while frontier:
        parent = frontier.pop()
        for sub in graph.subjects(RDFS.subClassOf, parent):
            name = str(sub).removeprefix(str(DV))
            if isinstance(sub, URIRef) and name != str(sub) and name not in found:
                found.add(name)
                frontier.append(sub)
    return frozenset(found)


def _select(target: Target, name: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
    return target.select(with_prefixes(load_query(QUERIES, name)), bindings)


def _text(term: Node | None) -> str:
    return "" if term is None else str(term)


def _movement_things(target: Target, movement: str) -> tuple[set[str], list[str], list[str]]:
    """The things of the movements ``movement`` names, their labels and notes."""
    from danvan_kg.query import lookup

    matches, _cut = lookup.find(target, movement, ("Movement",))
    if not matches:
        raise InputError(f"no movement matches {movement!r} (try `danvan-kg ask search {movement!r}`)")
    notes = []
    if len(matches) > 1 or not matches[0].exact:
        how = "exactly" if matches[0].exact else "by substring"
        notes.append(
            f"--movement {movement!r} matched {len(matches)} {how}: {'; '.join(m.label for m in matches)}"
        )
    things: set[str] = set()
    for match in matches:
        things |= {_text(r["thing"]) for r in _select(target, "of_movement.rq", {"movement": match.iri})}
    return things, [m.label for m in matches], notes


def _core(types: set[str]) -> str | None:
    return next((c for c in FACT_CLASSES if c in types), None)


_RANK = {"ward": 0, "district": 1, "province": 2, "region": 3, "country": 4}
"""Administrative levels from small to large (a hamlet or an unknown level: below a ward)."""


def _points(target: Target) -> dict[str, tuple[str, float, float, str]]:
    """Place IRI → (geometry IRI, lat, long, the place's level) for every place something is in.

    An administrative unit (the object of ``dv:area``) without a point in the store takes the
    package's. A place with two points (two articles placed the same name in different units) takes the
    most precise one (the precision of the unit the geometry belongs to), its own before its
    unit's, then by IRI, so the choice does not depend on the order of the rows.
    """
    candidates: dict[str, set[tuple[int, int, str, float, float]]] = defaultdict(set)
    levels: dict[str, str] = {}
    for row in _select(target, "place_points.rq"):
        place = _text(row["place"])
        levels[place] = _text(row.get("level"))
        for own, (geometry, wkt) in enumerate(
            ((row.get("geometry"), row.get("wkt")), (row.get("unitGeometry"), row.get("unitWkt")))
        ):
            point = parse_point(wkt)
            if geometry is not None and point is not None:
                unit = unit_of_iri(geometry)
                rank = _RANK.get(unit.precision, 5) if unit is not None else 5
                candidates[place].add((own, rank, str(geometry), *point))
    out = {}
    for place, level in levels.items():
        if candidates.get(place):
            _, _, geometry, lat, lon = min(candidates[place])
            out[place] = (geometry, lat, lon, level)
        elif (unit := unit_of_iri(place)) is not None:  # a unit (dv:area) in a store without admin graph
            out[place] = (str(unit.point_iri), unit.lat, unit.lon, unit.level)
    return out


def _located(
    target: Target,
) -> tuple[dict[str, set[str]], dict[tuple[str, str], tuple[str, set[str]]]]:
    """The dv: classes of every located thing, and for each (thing, place) how it is there
    ("stated" or "area") and its sources: the articles stating it, else (no evidence, or an
    area) the articles mentioning the thing."""
    types: dict[str, set[str]] = defaultdict(set)
    found: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for row in _select(target, "located.rq"):
        thing, place = _text(row["thing"]), _text(row["place"])
        types[thing].add(_text(row["class"]).removeprefix(str(DV)))
        _, articles = found.setdefault((thing, place), (_text(row["how"]) or "stated", set()))
        if row.get("article") is not None:
            articles.add(_text(row["article"]))
    if any(not articles for _, articles in found.values()):
        mentioned: dict[str, set[str]] = defaultdict(set)
        for row in _select(target, "mentioned.rq"):
            mentioned[_text(row["thing"])].add(_text(row["article"]))
        for (thing, _place), (_, articles) in found.items():
            if not articles:
                articles |= mentioned.get(thing, set())
    return types, found


def _spots(
    facts: list[Fact], points: dict[str, tuple[str, float, float, str]], labels: dict[str, str]
) -> list[Spot]:
    """The facts gathered at their places' points, most things first."""
    spots: dict[str, Spot] = {}
    for fact in facts:
        geometry, lat, lon, level = points[fact.place]
        spot = spots.get(geometry)
        if spot is None:
            spot = spots[geometry] = Spot(geometry, lat, lon, unit_of_iri(geometry))
        spot.places[fact.place] = labels.get(fact.place, fact.place)
        coarse = spot.unit.precision if spot.unit is not None else ""
        if coarse and _RANK.get(level, -1) < _RANK[coarse]:  # a hamlet at its ward's point, ...
            spot.precision = coarse
        spot.things[fact.thing] = fact.cls
        if fact.how == "area":
            spot.by_area.add(fact.thing)
        spot.sources |= fact.sources
    return sorted(spots.values(), key=lambda s: (-len(s.things), s.key))


def gather(
    target: Target,
    *,
    movement: str | None = None,
    classes: Sequence[str] = FACT_CLASSES,
    years: tuple[int, int] | None = None,
) -> MapFacts:
    """The located facts of ``target``, filtered, gathered by point.

    ``movement``: only its models, the organisations running them and those that launched it
    (a label, alias or IRI). ``classes``: local names of Model, Organisation or their subclasses.
    ``years``: only facts stated by an article dated in that range (inclusive); their sources too.
    """
    from danvan_kg.query import lookup

    unknown = sorted(set(classes) - fact_classes())
    if unknown:
        known = ", ".join(sorted(fact_classes()))
        raise InputError(f"--class {' '.join(unknown)}: not Model, Organisation or a subclass ({known})")
    chosen, movements, notes = _movement_things(target, movement) if movement is not None else (None, [], [])
    types, located = _located(target)
    sources = {
        _text(r["article"]): Source(_text(r["article"]), _text(r["title"]), _text(r["url"]), _text(r["date"]))
        for r in _select(target, "articles.rq")
    }

    def in_years(article: str) -> bool:
        year = sources[article].year if article in sources else None
        return years is None or (year is not None and years[0] <= year <= years[1])

    candidates: list[Fact] = []
    for (thing, place), (how, articles) in located.items():
        core = _core(types[thing])
        if core is None or not (set(classes) & types[thing]) or (chosen is not None and thing not in chosen):
            continue
        kept = frozenset(a for a in articles if in_years(a))
        if years is None or kept:
            candidates.append(Fact(thing, core, place, kept, how))

    points = _points(target)
    units: dict[str, set[str]] = defaultdict(set)
    for row in _select(target, "place_units.rq"):
        units[_text(row["place"])].add(_text(row["unit"]))
    described = lookup.describe_many(target, [URIRef(i) for f in candidates for i in (f.thing, f.place)])
    labels = {str(iri): match.label for iri, match in described.items()}
    drawn = [f for f in candidates if f.place in points]
    spots = _spots(drawn, points, labels)
    provinces = {
        f.place: provinces_of({f.place, *units.get(f.place, ())}, *points[f.place][1:3]) for f in drawn
    }
    for spot in spots:
        for place in sorted(spot.places):
            for structure, code in provinces[place].items():
                spot.provinces.setdefault(structure, code)
    used = {a for spot in spots for a in spot.sources}
    return MapFacts(
        spots=spots,
        facts=drawn,
        provinces=provinces,
        unplaced={f.place: labels.get(f.place, f.place) for f in candidates if f.place not in points},
        labels=labels,
        sources={a: s for a, s in sources.items() if a in used},
        movements=movements,
        notes=notes,
    )
