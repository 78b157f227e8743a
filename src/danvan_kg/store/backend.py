"""The two interfaces every engine behind :class:`~danvan_kg.store.KnowledgeGraph` implements.

:class:`QueryEngine` is what a question runs on: SPARQL with values bound by the engine, never
pasted into the text. The embedded backends, an rdflib graph (:class:`~.rdflib_backend.RdflibQueries`)
and a remote endpoint (:class:`~.remote.RemoteEndpoint`) all have it. :class:`Backend` adds what a
store holding named graphs does: list, read, replace and add graphs, bulk-load, dump, clear. The
facade only ever talks to these, so a new engine is one new module (rdflib and oxrdflib do the same
with their store plugins).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Protocol, runtime_checkable

from rdflib import Dataset, Graph
from rdflib.term import Node

from danvan_kg.formats import RdfFormat

__all__ = ["Backend", "QueryEngine", "Row", "Triple"]

Row = dict[str, Node | None]
"""One answer row: variable name → rdflib term (``None`` when unbound)."""

Triple = tuple[Node, Node, Node]


@runtime_checkable
class QueryEngine(Protocol):
    """A SPARQL engine: values in ``bindings`` are bound by the engine, never pasted into text."""

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Rows of variable name → rdflib term (``None`` when unbound)."""
        ...

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """The graph a CONSTRUCT/DESCRIBE builds."""
        ...

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """The answer of an ASK query."""
        ...


class Backend(QueryEngine, Protocol):
    """A store of named graphs whose default graph is the union of them all."""

    name: str
    """``oxigraph`` (on disk), ``memory`` (Oxigraph in memory) or ``rdflib``."""
    dataset: Dataset
    """An rdflib Dataset over the same data (the programming model)."""

    def close(self) -> None:
        """Flush and release everything the backend holds."""
        ...

    def graph_iris(self) -> list[str]:
        """IRIs of every non-empty named graph, sorted."""
        ...

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the named graph exists and holds something."""
        ...

    def graph_triples(self, graph_iri: str) -> Iterator[Triple]:
        """The triples of one named graph."""
        ...

    def replace_graphs(self, graphs: Mapping[str, list[Triple]]) -> None:
        """Drop the named graphs and write their new triples, all in one transaction."""
        ...

    def add_to_graphs(self, graphs: Mapping[str, list[Triple]]) -> None:
        """Add triples to named graphs (keeping what is there) in one transaction."""
        ...

    def bulk_load(
        self, path: Path, rdf_format: RdfFormat, graph: str | None, progress: Callable[[int], None] | None
    ) -> None:
        """Load a whole file fast, not transactionally (the caller empties the store on failure)."""
        ...

    def is_empty(self) -> bool:
        """Whether the store holds no statement in any graph."""
        ...

    def clear(self) -> None:
        """Remove everything."""
        ...

    def triples(self) -> Iterable[Triple]:
        """Every statement of every graph (a triple stated in two graphs comes twice)."""
        ...

    def dump(self, rdf_format: RdfFormat) -> bytes:
        """Every named graph, kept apart, in a syntax that holds named graphs."""
        ...

    def ntriples(self, graph_iri: str) -> list[bytes]:
        """One named graph as N-Triples lines (what ``push`` sends)."""
        ...
