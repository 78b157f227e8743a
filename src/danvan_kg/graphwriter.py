"""Write the graphs of an ingest: new ones in batches, replacements one by one, derived labels kept up.

Graphs that replace nothing (the usual case: a new article) are gathered and written
:data:`WRITE_BATCH` at a time in one transaction, on a thread of their own: Oxigraph's write (about
12 us a quad, 6-10 ms an article, in Rust without the GIL) then overlaps the Python work on the next
articles. If a batch fails, its graphs are written one by one, so that one bad graph is refused
alone and the others go in, as before. A graph that replaces or removes one already in the store is
written at once (after the pending batch), in its own transaction, as
:meth:`~danvan_kg.store.KnowledgeGraph.replace_graphs` does.

What the written graphs state about labels, keys and classes (and, for a replaced graph, what its
old version stated) is kept for the refresh of ``graph/labels`` and ``graph/index``
(:func:`danvan_kg.rdf.labels.refresh_labels`), and the things they relate for the rollups of the
hubs those reach (:func:`danvan_kg.query.rollups.refresh_rollups`); both run every
:data:`REFRESH_EVERY` graphs and at :meth:`GraphWriter.close`, so memory stays bounded however many
sources an ingest reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rdflib import URIRef
from rdflib.term import Node

from danvan_kg.errors import DanvanError
from danvan_kg.query.rollups import hubs_of, refresh_rollups, touched_things
from danvan_kg.rdf.labels import READ_PROPS, refresh_labels
from danvan_kg.sparql.files import load_query
from danvan_kg.store import KnowledgeGraph

WRITE_BATCH = 100
"""New graphs written together in one transaction."""

REFRESH_EVERY = 2000
"""Graphs written between two refreshes of the derived labels and index."""

Triples = Iterable[tuple[Node, Node, Node]]
Done = Callable[[DanvanError | None], None]
"""Called once a write is settled: with ``None`` when it is in the store, else with its error."""


Batch = list[tuple[dict[str, list[Any]], Done]]


class GraphWriter:
    """Writes sources' graphs into ``kg`` (see the module docstring); :meth:`close` finishes."""

    def __init__(self, kg: KnowledgeGraph, *, batch: int = WRITE_BATCH, refresh_every: int = REFRESH_EVERY):
        self.kg = kg
        self.batch = max(1, batch)
        self.refresh_every = max(1, refresh_every)
        self._pending: Batch = []
        self._pending_iris: set[str] = set()
        self._flight: tuple[threading.Thread, Batch, list[BaseException]] | None = None
        self._flight_iris: set[str] = set()
        self._added: list[tuple[Node, Node, Node]] = []
        self._things: set[URIRef] = set()  # subjects of walked relations: their hubs' rollups
        self._since_refresh = 0

    def write(self, graphs: Mapping[str, Triples], done: Done) -> None:
        """Write ``graphs`` (IRI -> triples; none: remove it) all or nothing; ``done`` hears how it went."""
        prepared = {iri: list(triples) for iri, triples in graphs.items()}
        unseen = self._pending_iris | self._flight_iris
        replacing = [iri for iri in prepared if iri in unseen or self.kg.has_graph(iri)]
        if not replacing:
            self._pending.append((prepared, done))
            self._pending_iris.update(prepared)
            if len(self._pending) >= self.batch:
                self.flush()
            return
        self.flush()
        self._settle()
        old = self._statements(replacing)
        try:
            self.kg.replace_graphs(prepared)
        except DanvanError as exc:
            done(exc)
            return
        self._added.extend(old)
        self._things.update(touched_things(old))
        self._written(prepared)
        done(None)
        self._maybe_refresh()

    def flush(self) -> None:
        """Start writing the pending new graphs (after the batch in flight, if any, is in)."""
        self._settle()
        pending, self._pending = self._pending, []
        self._flight_iris, self._pending_iris = self._pending_iris, set()
        if not pending:
            return
        merged = {iri: triples for prepared, _ in pending for iri, triples in prepared.items()}
        errors: list[BaseException] = []

        def load() -> None:
            try:
                self.kg.replace_graphs(merged)
            except BaseException as exc:  # settled on the calling thread
                errors.append(exc)

        thread = threading.Thread(target=load, name="danvan-graph-writer", daemon=True)
        thread.start()
        self._flight = (thread, pending, errors)

    def _settle(self) -> None:
        """Wait for the batch in flight; say how each of its sources went."""
        if self._flight is None:
            return
        thread, pending, errors = self._flight
        self._flight = None
        thread.join()
        self._flight_iris = set()
        if errors and not isinstance(errors[0], DanvanError):
            raise errors[0]
        for prepared, done in pending:
            if errors:  # find the one that fails; the others go in
                try:
                    self.kg.replace_graphs(prepared)
                except DanvanError as exc:
                    done(exc)
                    continue
            self._written(prepared)
            done(None)
        self._maybe_refresh()

    def refresh(self) -> None:
        """Bring ``graph/labels`` and ``graph/index`` up to date with what was written so far."""
        self.flush()
        self._settle()
        if self._added:
            refresh_labels(self.kg, [], added=self._added)
        if self._things:
            refresh_rollups(self.kg, hubs_of(self.kg, self._things))
        self._added = []
        self._things = set()
        self._since_refresh = 0

    def close(self) -> None:
        """Write what is pending and refresh the derived graphs."""
        self.refresh()

    def _written(self, prepared: Mapping[str, list[Any]]) -> None:
        for triples in prepared.values():
            self._added.extend(t for t in triples if t[1] in READ_PROPS)
            self._things.update(touched_things(triples))
        self._since_refresh += 1

    def _maybe_refresh(self) -> None:
        if self._since_refresh >= self.refresh_every and self._flight is None:
            self.refresh()

    def _statements(self, graph_iris: list[str]) -> list[tuple[Node, Node, Node]]:
        """What the graphs in the store now state of labels, keys and classes (before they go)."""
        query = load_query("danvan_kg.rdf.queries", "graph_statements.rq")
        out: list[tuple[Node, Node, Node]] = []
        for iri in graph_iris:
            for row in self.kg.select(query, {"g": URIRef(iri)}):
                out.append((row["s"], row["p"], row["o"]))  # type: ignore[arg-type]
        return out
