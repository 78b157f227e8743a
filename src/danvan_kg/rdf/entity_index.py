"""``graph/index``: one copy of each entity's classes, search keys and search words.

Every article restates what it names: its class, its label and the search key of the label, so
"Dân vận khéo" has one ``rdf:type`` and one ``dv:searchKey`` triple per article that names it, and
the union of graphs that questions read yields each once per article. Looking a name up there
(``?entity dv:searchKey "dan van kheo"``) or describing an entity (its classes) cost as many rows
as the entity has mentions, and searching for a word had to read every key of the store.

This graph holds each of those facts once per entity, derived with the preferred labels
(:mod:`danvan_kg.rdf.labels`, which reads the sources and calls :func:`index_triples`), plus
``dv:searchToken``: the words of the entity's keys, so that a search for a word is an index
lookup of that word rather than a scan of every key. Lookups read it with ``GRAPH`` (one index
range, no copies); a store without it (older stores) is read the old way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from danvan_kg.rdf.namespaces import DV, GRAPH

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
    out: list[tuple[URIRef, URIRef, Node]] = [(entity, RDF.type, URIRef(t)) for t in sorted(choice.types)]
    out += [(entity, DV.searchKey, Literal(key)) for key in sorted(choice.keys)]
    words = sorted({word for key in choice.keys for word in search_tokens(key)})
    out += [(entity, DV.searchToken, Literal(word)) for word in words]
    return out
