"""Where and when: the provinces and source years the network page filters by.

A node's provinces are read under both structures, the 63 provinces of 2020 and the 34 of 2025
(a reader may know a commune under either), from the administrative units its places lie in.
A place has its own; a model or organisation takes those of the places it is ``locatedIn``, and a
model placed nowhere those of the organisations that run it. Other nodes (movements, documents,
beneficiary groups, programmes) are national or unplaced: they have none.

Years are those of the dated articles that mention a node or state a relation; ``undated`` says
that at least one of those articles has no date (a filter by year can keep or drop them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from rdflib.term import Node

from danvan_kg.ids import admin_unit_iri
from danvan_kg.sparql.files import load_query

__all__ = [
    "STRUCTURES",
    "Provinces",
    "SelectSource",
    "node_provinces",
    "read_provinces",
]

QUERIES = "danvan_kg.network.queries"

STRUCTURES = ("2025", "2020")
"""The administrative structures a province can be named in, newest first."""


class SelectSource(Protocol):
    """Anything that answers SPARQL SELECT queries like ``KnowledgeGraph.select``."""

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node | None]]:
        """Rows of variable name → rdflib term (``None`` when unbound)."""
        ...


_PREFIXES = {s: str(admin_unit_iri(s, "province", "")) for s in STRUCTURES}


@dataclass
class Provinces:
    """Province labels of one node in each structure (``{"2025": {...}, "2020": {...}}``)."""

    by_structure: dict[str, set[str]] = field(default_factory=lambda: {s: set() for s in STRUCTURES})

    def update(self, other: Provinces) -> None:
        """Add the provinces of ``other``."""
        for structure, labels in other.by_structure.items():
            self.by_structure[structure].update(labels)

    def __bool__(self) -> bool:
        return any(self.by_structure.values())

    def sorted(self, structure: str) -> list[str]:
        """The labels of one structure, sorted."""
        return sorted(self.by_structure[structure])


def _structure(iri: str) -> str | None:
    return next((s for s, prefix in _PREFIXES.items() if iri.startswith(prefix)), None)


def read_provinces(kg: SelectSource) -> dict[str, Provinces]:
    """Provinces of every place of the network (places that are mentioned or located in), by IRI.

    ``kg`` is anything with ``select(query)`` (:class:`danvan_kg.store.KnowledgeGraph`). A place
    known under a 2020 province only also gets the 2025 province it was merged into.
    """
    best: dict[str, tuple[int, str]] = {}
    merged: dict[str, str] = {}
    for row in kg.select(load_query(QUERIES, "provinces.rq")):
        unit = str(row["unit"])
        if _structure(unit) is None:
            continue
        lang = getattr(row["label"], "language", None)
        candidate = (0 if lang == "vi" else 1 if not lang else 2, str(row["label"]))
        if unit not in best or candidate < best[unit]:
            best[unit] = candidate
        if row.get("merged") is not None:
            merged[unit] = str(row["merged"])
    labels = {unit: label for unit, (_rank, label) in best.items()}
    out: dict[str, Provinces] = defaultdict(Provinces)
    for row in kg.select(load_query(QUERIES, "place_units.rq")):
        unit = str(row["unit"])
        structure = _structure(unit)
        if structure is None or unit not in labels:
            continue
        found = out[str(row["place"])].by_structure
        found[structure].add(labels[unit])
        newer = merged.get(unit)
        if structure == "2020" and newer in labels:
            found["2025"].add(labels[newer])
    return dict(out)


def node_provinces(
    nodes: Mapping[str, Mapping[str, object]],
    relations: Iterable[tuple[str, str, str]],
    places: Mapping[str, Provinces],
) -> dict[str, Provinces]:
    """Provinces of every node: a place's own, else its places', else (models) its organisations'."""
    located: dict[str, list[str]] = defaultdict(list)
    run_by: dict[str, list[str]] = defaultdict(list)
    for s, rel, o in relations:
        if rel == "locatedIn":
            located[s].append(o)
        elif rel == "runBy":
            run_by[s].append(o)

    out: dict[str, Provinces] = {}
    for iri, attrs in nodes.items():
        found = _own_provinces(iri, nodes, places, located)
        if not found and attrs.get("type") == "Model":
            for org in run_by.get(iri, ()):
                found.update(_own_provinces(org, nodes, places, located))
        out[iri] = found
    return out


def _own_provinces(
    iri: str,
    nodes: Mapping[str, Mapping[str, object]],
    places: Mapping[str, Provinces],
    located: Mapping[str, list[str]],
) -> Provinces:
    """The provinces of a place itself, and of the places a node is located in."""
    found = Provinces()
    if nodes.get(iri, {}).get("type") == "Place" and iri in places:
        found.update(places[iri])
    for place in located.get(iri, ()):
        if place in places:
            found.update(places[place])
    return found
