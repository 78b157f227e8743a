"""``graph/index``: one copy of each entity's classes, search keys and search words.

Every article restates what it names: its class, its label and the search key of the label, so
"Dân vận khéo" has one ``rdf:type`` and one ``dv:searchKey`` triple per article that names it, and
the union of graphs that questions read yields each once per article. Looking a name up there
(``?entity dv:searchKey "dan van kheo"``) or describing an entity (its classes) cost as many rows
as the entity has mentions, and searching for a word had to read every key of the store.

This graph holds each of those facts once per entity (as ``dv:indexClass`` and ``dv:indexKey``:
properties of its own, so that a SPARQL query over the union of graphs matches no extra copy of
an ``rdf:type`` or a ``dv:searchKey``), derived with the preferred labels
(:mod:`danvan_kg.rdf.labels`, which reads the sources and calls :func:`index_triples`), plus
``dv:searchToken``: the words of the entity's keys, so that a search for a word is an index
lookup of that word rather than a scan of every key; and for every place, ``dv:inPlace``: the
places it is or lies in (itself, its administrative units, what those lie within, the 2025
units they were merged into), which the questions taking a ``--place`` read instead of
following ``unit2020|unit2025 / withinTransitive / mergedInto`` through every article's copy of
those links (26,000 path steps for the models of one movement in one province at 1M triples).
Lookups read it with ``GRAPH`` (one index range, no copies); a store without it (older stores)
is read the old way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

from danvan_kg.ids import DV, GRAPH

if TYPE_CHECKING:
    from danvan_kg.rdf.labels import LabelChoice

INDEX_GRAPH = GRAPH["index"]
"""The named graph of the entity index."""

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def search_tokens(key: str) -> list[str]:
    """The words of a search key: runs of a-z and 0-9 ("tet quan - dan" gives tet, quan, dan)."""
    return [word for word in _NOT_ALNUM.split(key) if word]


def index_triples(entity: URIRef, choice: LabelChoice) -> list[tuple[URIRef, URIRef, Node]]:
    """The ``graph/index`` triples of one entity: its classes, its search keys and their words."""
    out: list[tuple[URIRef, URIRef, Node]]
    out = [(entity, DV.indexClass, URIRef(c)) for c in sorted(choice.types)]
    out += [(entity, DV.indexKey, Literal(key)) for key in sorted(choice.keys)]
    words = sorted({word for key in choice.keys for word in search_tokens(key)})
    out += [(entity, DV.searchToken, Literal(word)) for word in words]
    out += [(entity, DV.inPlace, URIRef(place)) for place in sorted(choice.places)]
    return out


PLACE_CLASSES = frozenset({str(DV.Place), str(DV.AdministrativeUnit)})
"""Entities of these classes get ``dv:inPlace``."""


def add_places(kg: object, choices: Mapping[URIRef, LabelChoice], batch: int = 400) -> None:
    """Fill ``choice.places`` of every place among ``choices``: what it is or lies in, read from the
    sources (``place_closure.rq``); the place itself always."""
    from danvan_kg.sparql.files import load_query

    places = sorted((e for e, c in choices.items() if c.types & PLACE_CLASSES), key=str)
    query = load_query("danvan_kg.rdf.queries", "place_closure.rq")
    for start in range(0, len(places), batch):
        chunk = places[start : start + batch]
        block = "VALUES ?entity { " + " ".join(e.n3() for e in chunk) + " }"
        at = query.index("WHERE {") + len("WHERE {")
        for row in kg.select(query[:at] + "\n  " + block + query[at:]):  # type: ignore[attr-defined]
            entity, place = row.get("entity"), row.get("place")
            if entity in choices and isinstance(place, URIRef):
                choices[entity].places.add(str(place))
    for entity in places:
        choices[entity].places.add(str(entity))
