"""What a query runs on: anything with ``select``/``construct``/``ask`` taking engine-bound values.

``KnowledgeGraph`` (embedded Oxigraph or rdflib) already has that shape; an rdflib ``Graph``
(e.g. an inferred copy) gets :class:`RdflibTarget`; an endpoint URL gets
:class:`~danvan_kg.query.remote.RemoteEndpoint`. The runner only ever talks to this protocol.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rdflib import Graph, Variable
from rdflib.term import Node

from danvan_kg.errors import QueryError, StoreError
from danvan_kg.ids import PREFIXES
from danvan_kg.paths import default_store_dir
from danvan_kg.sparql.terms import Row, normalise_row

if TYPE_CHECKING:
    from danvan_kg.store import KnowledgeGraph


@runtime_checkable
class Target(Protocol):
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


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class RdflibTarget:
    """Queries over an in-memory rdflib ``Graph``/``Dataset`` with ``initBindings``."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def _query(self, query: str, bindings: Mapping[str, Node] | None) -> Any:
        init = {Variable(k): v for k, v in (bindings or {}).items() if v is not None}
        try:
            return self.graph.query(query, initNs=PREFIXES, initBindings=init)
        except Exception as exc:
            raise QueryError(f"invalid SPARQL: {_one_line(exc)}") from None

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Rows with every projected variable present."""
        result = self._query(query, bindings)
        if result.type != "SELECT":
            raise QueryError("expected a SELECT query")
        names = [str(v) for v in result.vars or []]
        try:  # rdflib evaluates lazily: errors surface while iterating
            return [normalise_row({n: row[n] if n in row.labels else None for n in names}) for row in result]
        except Exception as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from None

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """The constructed triples as a new Graph."""
        result = self._query(query, bindings)
        if result.type not in ("CONSTRUCT", "DESCRIBE") or result.graph is None:
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        out = Graph()
        for prefix, iri in PREFIXES.items():
            out.bind(prefix, iri, override=True)
        for triple in result.graph:
            out.add(triple)
        return out

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """True or false."""
        result = self._query(query, bindings)
        if result.type != "ASK":
            raise QueryError("expected an ASK query")
        return bool(result.askAnswer)


def open_existing_store(location: str | os.PathLike[str] | None) -> KnowledgeGraph:
    """The embedded store at ``location`` (default folder when ``None``), which must already exist.

    Asking questions never creates an empty store: a missing folder is a one-line ``StoreError``.
    """
    from danvan_kg.store import KnowledgeGraph

    folder = Path(location).expanduser() if location else default_store_dir()
    if not folder.is_dir():
        raise StoreError(f"no store at {folder}: run `danvan-kg ingest` or `danvan-kg build` first")
    return KnowledgeGraph.open(folder)


def as_target(target: object, **remote_options: Any) -> Target:
    """A :class:`Target` for a KnowledgeGraph, an rdflib Graph, an endpoint URL or a Target."""
    if isinstance(target, str):
        from danvan_kg.query.remote import RemoteEndpoint

        return RemoteEndpoint(target, **remote_options)
    if isinstance(target, Graph):
        return RdflibTarget(target)
    if isinstance(target, Target):
        return target
    raise QueryError(
        f"cannot query a {type(target).__name__}: give a KnowledgeGraph, an rdflib Graph or a URL"
    )
