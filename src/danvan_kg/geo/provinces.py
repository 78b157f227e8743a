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

from rdflib import Literal, URIRef

from danvan_kg.errors import QueryError
from danvan_kg.geo.areas import provinces_of
from danvan_kg.geo.near import point_of
from danvan_kg.geo.units import STRUCTURES, find_unit
from danvan_kg.query.answer import Answer, Resolved
from danvan_kg.query.catalogue import Question
from danvan_kg.query.sparqltext import with_prefixes
from danvan_kg.query.targets import Target
from danvan_kg.query.terms import Row
from danvan_kg.rdf.namespaces import DV
from danvan_kg.rdf.sparql_files import load_query

COLUMNS = ["province", "label", "models", "organisations", "sources"]


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
    mentioned: dict[str, set[str]] = defaultdict(set)
    if any(not articles for articles in stated.values()):
        mention_text = with_prefixes(load_query("danvan_kg.geo.queries", "mentioned.rq"))
        for row in target.select(mention_text):
            mentioned[str(row["thing"])].add(str(row["article"]))
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
    rows.sort(key=lambda r: (-(int(r["models"]) + int(r["organisations"])), str(r["label"])))  # type: ignore[arg-type]
    if not rows:
        notes.append("nothing located in a province")
    return Answer(question.name, COLUMNS, rows, notes, question.hidden)
