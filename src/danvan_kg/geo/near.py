"""The ``near`` question: models located within N km of a place, nearest first.

SPARQL 1.1 has no distance function (GeoSPARQL's ``geof:distance`` is not in Oxigraph), so the
engine only filters by the box around the circle (:func:`danvan_kg.geo.distance.box_around`,
bound as numbers) and the great-circle distance is measured here. A ``--place`` naming several
places (the same name in two provinces, a province before and after 2025) measures from each
and keeps a model's nearest; the ``from`` column says which. Labels and lists are read for the
rows of the page only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from danvan_kg.geo.distance import box_around, km_between
from danvan_kg.geo.points import parse_point
from danvan_kg.geo.units import unit_of_iri
from danvan_kg.query import lookup
from danvan_kg.query.answer import Answer, Resolved, more_rows_note
from danvan_kg.query.catalogue import Question
from danvan_kg.query.sparqltext import bind_values, with_prefixes
from danvan_kg.query.targets import Target
from danvan_kg.query.terms import LIST_SEPARATOR, Row, clean_list, to_plain
from danvan_kg.rdf.sparql_files import load_query

COLUMNS = ["model", "label", "place", "km", "from", "organisations", "sources"]
QUERIES = "danvan_kg.geo.queries"


def _decimal(value: float) -> Literal:
    return Literal(f"{value:.6f}", datatype=XSD.decimal)


def point_of(target: Target, place: URIRef) -> tuple[float, float] | None:
    """(lat, long) of a place: its own point, else its administrative unit's (None: no point).

    With several (two articles placed the name in different units), the first by IRI of its own;
    an administrative unit the store gives no point takes the package's.
    """
    rows = target.select(with_prefixes(load_query(QUERIES, "point_of.rq")), {"place": place})
    ranked = sorted((not to_plain(r.get("own")), str(r.get("geometry")), r.get("wkt")) for r in rows)
    for _, _, wkt in ranked:
        point = parse_point(wkt)
        if point is not None:
            return point
    unit = unit_of_iri(place)  # an administrative unit in a store without the admin-units graph
    return (unit.lat, unit.lon) if unit is not None else None


def _lists(target: Target, models: list[URIRef]) -> dict[URIRef, dict[str, set[str]]]:
    """Organisation IRIs and sources (stated, mentioned) of each model, 500 models per query."""
    text = with_prefixes(load_query(QUERIES, "model_lists.rq"))
    out: dict[URIRef, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for start in range(0, len(models), 500):
        rows = target.select(bind_values(text, [{"model": m} for m in models[start : start + 500]]))
        for row in rows:
            model = row.get("model")
            for column in ("org", "stated", "mentioned"):
                if isinstance(model, URIRef) and row.get(column) is not None:
                    out[model][column].add(str(row[column]))
    return out


def answer_near(target: Target, question: Question, resolved: Resolved) -> Answer:
    """Models within ``km`` of the place, nearest first, paged by ``limit``/``offset``."""
    notes = list(resolved.notes)
    if resolved.empty:
        return Answer(question.name, COLUMNS, [], notes, question.hidden)
    km = resolved.ints["km"]
    limit, offset = resolved.ints.get("limit", 0), resolved.ints.get("offset", 0)
    centres: list[tuple[str, float, float]] = []
    for match in resolved.matches.get("place", []):
        point = point_of(target, match.iri)
        if point is None:
            notes.append(f"{match.label} has no coordinates (no administrative unit known for it)")
        else:
            centres.append((match.label, *point))
    movements: list[Mapping[str, Node]] = [{"movement": m} for m in resolved.values.get("movement", [])]
    text = with_prefixes(question.render({"movement"} if movements else set()))
    nearest: dict[URIRef, tuple[float, str, str]] = {}
    for label, lat, lon in centres:
        south, west, north, east = box_around(lat, lon, km)
        box = {
            "south": _decimal(south),
            "west": _decimal(west),
            "north": _decimal(north),
            "east": _decimal(east),
        }
        for extra in movements or [{}]:
            for row in target.select(text, {**box, **extra}):
                model, where, point = row.get("model"), row.get("where"), parse_point(row.get("wkt"))
                if not isinstance(model, URIRef) or point is None:
                    continue
                distance = km_between(lat, lon, *point)
                found = (distance, str(where), label)
                if distance <= km and (model not in nearest or found < nearest[model]):
                    nearest[model] = found
    ordered = sorted(nearest.items(), key=lambda item: (item[1][0], str(item[0])))
    page = ordered[offset : offset + limit] if limit else ordered[offset:]
    if limit and len(ordered) > offset + limit:
        notes.append(more_rows_note(offset, limit))
    models = [model for model, _ in page]
    lists = _lists(target, models)
    orgs = {o for m in models for o in lists[m]["org"]}
    described = lookup.describe_many(
        target, [*models, *(URIRef(w) for _, (_, w, _) in page), *(URIRef(o) for o in orgs)]
    )

    def label(iri: str) -> str:
        match = described.get(URIRef(iri))
        return match.label if match else iri

    rows: list[Row] = []
    for model, (distance, where, centre) in page:
        sources = lists[model]["stated"] or lists[model]["mentioned"]
        rows.append(
            {
                "model": model,
                "label": Literal(label(str(model))),
                "place": Literal(label(where)),
                "km": Literal(Decimal(f"{distance:.1f}")),
                "from": Literal(centre),
                "organisations": clean_list(
                    Literal(LIST_SEPARATOR.join(label(o) for o in lists[model]["org"]))
                ),
                "sources": clean_list(Literal(LIST_SEPARATOR.join(sources))),
            }
        )
    if centres and not ordered:
        notes.append(f"no model is located within {km} km")
    return Answer(question.name, COLUMNS, rows, notes, question.hidden)
