"""Where the RDF builders put triples: an rdflib ``Graph``, or a plain :class:`Triples` for speed.

Adding to an rdflib ``Graph`` costs 25 us a triple (its indexes), half of building an article's
graph; ingest only serialises the triples, so it builds them into a :class:`Triples` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from rdflib.term import Node

__all__ = ["Sink", "Triple", "Triples"]

Triple = tuple[Node, Node, Node]


class Sink(Protocol):
    """Anything triples can be added to: an rdflib ``Graph`` or a :class:`Triples`."""

    def add(self, triple: Triple, /) -> object:
        """Add one triple (a triple already there is kept once)."""
        ...


class Triples:
    """The triples of one graph, each once, in the order first added: what a ``Graph`` keeps, without
    its indexes."""

    def __init__(self) -> None:
        self._triples: dict[Triple, None] = {}

    def add(self, triple: Triple, /) -> Triples:
        """Add one triple (kept once)."""
        self._triples[triple] = None
        return self

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)
