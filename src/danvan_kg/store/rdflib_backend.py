"""Plain rdflib: SPARQL over any rdflib graph, and the ``rdflib`` store backend (a Memory Dataset).

:class:`RdflibQueries` answers the :class:`~danvan_kg.store.backend.QueryEngine` protocol for any
rdflib ``Graph`` or ``Dataset`` (an inferred copy, a notebook's graph) with ``initBindings``;
:class:`RdflibBackend` is the reference store the benchmarks compare Oxigraph against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.exceptions import Error as RdflibError
from rdflib.term import Node

from danvan_kg.errors import InputError, QueryError
from danvan_kg.formats import RdfFormat
from danvan_kg.ids import PREFIXES
from danvan_kg.sparql.terms import normalise_row
from danvan_kg.store.backend import Row, Triple

__all__ = ["RdflibBackend", "RdflibQueries", "bind_prefixes"]

_DEFAULT_GRAPH = "urn:x-rdflib:default"


def bind_prefixes(graph: Graph) -> None:
    """Bind the project prefixes on ``graph`` (what its serialisations and queries use)."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _failure(exc: BaseException) -> QueryError:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return QueryError(f"query failed: {type(exc).__name__}: {detail}")


class RdflibQueries:
    """SPARQL over an rdflib ``Graph``/``Dataset`` with the project prefixes and ``initBindings``.

    ``normalise_rows`` makes rows canonical (``xsd:string`` literals plain, every column present), as
    the question runner wants from a graph it did not build.
    """

    def __init__(self, graph: Graph, *, normalise_rows: bool = False) -> None:
        self.graph = graph
        self.normalise_rows = normalise_rows

    def _query(self, query: str, bindings: Mapping[str, Node] | None) -> Any:
        init: dict[str, Any] = {Variable(k): v for k, v in (bindings or {}).items() if v is not None}
        try:
            return self.graph.query(query, initNs=PREFIXES, initBindings=init)
        except Exception as exc:  # rdflib raises pyparsing and assorted errors
            raise QueryError(f"invalid SPARQL: {_one_line(exc)}") from None

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Rows with every projected variable present (``None`` when unbound)."""
        result = self._query(query, bindings)
        if result.type != "SELECT":
            raise QueryError("expected a SELECT query")
        names = [str(v) for v in result.vars or []]
        try:  # rdflib evaluates lazily: errors surface while iterating
            rows = [{n: row[n] if n in row.labels else None for n in names} for row in result]
        except QueryError:
            raise
        except Exception as exc:
            raise _failure(exc) from None
        return [normalise_row(row) for row in rows] if self.normalise_rows else rows

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """The constructed triples in a new Graph with the project prefixes bound."""
        result = self._query(query, bindings)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        out = Graph()
        bind_prefixes(out)
        try:
            for triple in result.graph or ():
                out.add(triple)
        except Exception as exc:
            raise _failure(exc) from None
        return out

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """True or false."""
        result = self._query(query, bindings)
        if result.type != "ASK":
            raise QueryError("expected an ASK query")
        return bool(result.askAnswer)


class RdflibBackend(RdflibQueries):
    """rdflib's in-memory ``Dataset`` with the union of its graphs as default graph."""

    name = "rdflib"
    location: Path | None = None

    def __init__(self) -> None:
        self.dataset = Dataset(default_union=True)
        bind_prefixes(self.dataset)
        super().__init__(self.dataset)

    def close(self) -> None:
        """Nothing to release."""

    def graph_iris(self) -> list[str]:
        """IRIs of every non-empty named graph, sorted."""
        return sorted(
            str(g.identifier)
            for g in self.dataset.graphs()
            if isinstance(g.identifier, URIRef) and str(g.identifier) != _DEFAULT_GRAPH and len(g)
        )

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the named graph holds something."""
        return len(self.dataset.graph(URIRef(graph_iri))) > 0

    def graph_triples(self, graph_iri: str) -> Iterator[Triple]:
        """The triples of one named graph."""
        yield from self.dataset.graph(URIRef(graph_iri))

    def replace_graphs(self, graphs: Mapping[str, list[Triple]]) -> None:
        """Everything is prepared by the caller, so the in-memory swap cannot fail halfway."""
        for iri, triples in graphs.items():
            target = self.dataset.graph(URIRef(iri))
            target.remove((None, None, None))
            for triple in triples:
                target.add(triple)

    def add_to_graphs(self, graphs: Mapping[str, list[Triple]]) -> None:
        """Add the triples to their graphs."""
        for iri, triples in graphs.items():
            target = self.dataset.graph(URIRef(iri))
            for triple in triples:
                target.add(triple)

    def bulk_load(
        self, path: Path, rdf_format: RdfFormat, graph: str | None, progress: Callable[[int], None] | None
    ) -> None:
        """rdflib's own parser, into ``graph`` (a triple format) or the graphs the file names."""
        into = self.dataset if graph is None else self.dataset.graph(URIRef(graph))
        try:
            into.parse(str(path), format=rdf_format.rdflib)
        except (SyntaxError, ValueError, RdflibError) as exc:  # what rdflib's parsers raise
            raise InputError(f"{path}: not valid {rdf_format.ox.name}: {_one_line(exc)}") from None
        if progress:
            progress(path.stat().st_size)

    def is_empty(self) -> bool:
        """Whether no quad at all is stored."""
        return next(iter(self.dataset.quads((None, None, None, None))), None) is None

    def clear(self) -> None:
        """A fresh empty Dataset."""
        self.dataset = Dataset(default_union=True)
        bind_prefixes(self.dataset)
        self.graph = self.dataset

    def triples(self) -> Iterator[Triple]:
        """Every quad's triple."""
        for s, p, o, _g in self.dataset.quads((None, None, None, None)):
            yield (s, p, o)

    def dump(self, rdf_format: RdfFormat) -> bytes:
        """rdflib's serialiser of the whole Dataset (named graphs kept)."""
        return self.dataset.serialize(format=rdf_format.rdflib, encoding="utf-8")

    def ntriples(self, graph_iri: str) -> list[bytes]:
        """One graph serialised as N-Triples, one line per triple."""
        data = self.dataset.graph(URIRef(graph_iri)).serialize(format="nt", encoding="utf-8")
        return [line for line in data.split(b"\n") if line.strip()]
