"""The ``provinces`` question: models, organisations and sources counted by province.

The query (``questions/provinces.rq``) returns one row per located thing, unit of its place and
stating article; here each place gets its province in the chosen structure by the rule the map
page uses (:func:`danvan_kg.geo.areas.provinces_of`), and distinct things and sources are
counted per province. Province names come from the package's data, so the answer does not
depend on the admin-units graph being loaded (only the 2020 → 2025 ``dv:mergedInto`` links are
not needed either: the mapping is the package's).
"""

from __future__ import annotations

from collections import defaultdict
from typing import cast

from rdflib import Literal, URIRef
from rdflib.term import Node

from danvan_kg.errors import QueryError
from danvan_kg.geo.areas import provinces_of
from danvan_kg.geo.near import point_of
from danvan_kg.geo.units import STRUCTURES, find_unit
from danvan_kg.ids import DV
from danvan_kg.query.answer import Answer, Resolved
from danvan_kg.query.catalogue import Question
from danvan_kg.query.targets import Target
from danvan_kg.sparql.files import load_query
from danvan_kg.sparql.terms import Row
from danvan_kg.sparql.text import with_prefixes

COLUMNS = ["province", "label", "models", "organisations", "sources"]


def _busiest_first(row: Row) -> tuple[int, str]:
    """Provinces with most models and organisations first, then by name."""
    models, organisations = cast(Literal, row["models"]), cast(Literal, row["organisations"])
    return -(int(models) + int(organisations)), str(row["label"])


def _located_things(
    target: Target, text: str, movements: list[Node]
) -> tuple[dict[str, set[str]], dict[tuple[str, str], str], dict[tuple[str, str], set[str]]]:
    """Place → its units; (thing, place) → the thing's class; (thing, place) → the articles stating it."""
    units: dict[str, set[str]] = defaultdict(set)
    things: dict[tuple[str, str], str] = {}
    stated: dict[tuple[str, str], set[str]] = defaultdict(set)
    for bindings in [{"movement": m} for m in movements] or [{}]:
        for row in target.select(text, bindings or None):
            thing, place = str(row["thing"]), str(row["place"])
            units[place].add(str(row["unit"]))
            things[(thing, place)] = str(row["class"]).removeprefix(str(DV))
            stated.setdefault((thing, place), set())
            if row.get("article") is not None:
                stated[(thing, place)].add(str(row["article"]))
    return units, things, stated


def _mentions(target: Target) -> dict[str, set[str]]:
    """Thing → the articles mentioning it (the sources of a curated or reference fact)."""
    mentioned: dict[str, set[str]] = defaultdict(set)
    for row in target.select(with_prefixes(load_query("danvan_kg.geo.queries", "mentioned.rq"))):
        mentioned[str(row["thing"])].add(str(row["article"]))
    return mentioned


def answer_provinces(target: Target, question: Question, resolved: Resolved) -> Answer:
    """One row per province holding something, busiest first."""
    notes = list(resolved.notes)
    structure = str(resolved.values.get("structure", [Literal("2025")])[0])
    if structure not in STRUCTURES:
        raise QueryError(f"--structure {structure!r}: 2025 (34 provinces) or 2020 (63 provinces)")
    if resolved.empty:
        return Answer(question.name, COLUMNS, [], notes, question.hidden)
    movements = resolved.values.get("movement", [])
    text = with_prefixes(question.render({"movement"} if movements else set()))
    units, things, stated = _located_things(target, text, movements)
    mentioned = _mentions(target) if any(not articles for articles in stated.values()) else {}
    points: dict[str, tuple[float, float] | None] = {}
    if structure == "2020":  # a place known only by 2025 units: the 2020 outline holding its point
        points = {place: point_of(target, URIRef(place)) for place in units}
    counted: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (thing, place), cls in things.items():
        code = provinces_of(units[place], *(points.get(place) or (None, None))).get(structure)
        if code is None:
            continue
        counted[code][cls].add(thing)
        counted[code]["sources"] |= stated[(thing, place)] or mentioned.get(thing, set())
    rows: list[Row] = []
    for code, found in counted.items():
        unit = find_unit(structure, "province", code)
        rows.append(
            {
                "province": URIRef(unit.iri) if unit else None,
                "label": Literal(unit.label if unit else code),
                "models": Literal(len(found["Model"])),
                "organisations": Literal(len(found["Organisation"])),
                "sources": Literal(len(found["sources"])),
            }
        )
    rows.sort(key=_busiest_first)
    if not rows:
        notes.append("nothing located in a province")
    return Answer(question.name, COLUMNS, rows, notes, question.hidden)
