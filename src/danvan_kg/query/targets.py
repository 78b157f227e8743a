"""What a query runs on: anything with ``select``/``construct``/``ask`` taking engine-bound values.

``KnowledgeGraph`` (embedded Oxigraph or rdflib) already has that shape; an rdflib ``Graph``
(e.g. an inferred copy) gets :class:`~danvan_kg.store.rdflib_backend.RdflibQueries`; an endpoint
URL gets :class:`~danvan_kg.store.remote.RemoteEndpoint`. The runner only ever talks to the
:class:`~danvan_kg.store.backend.QueryEngine` protocol, here called :data:`Target`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from danvan_kg.errors import QueryError, StoreError
from danvan_kg.paths import default_store_dir
from danvan_kg.store.backend import QueryEngine
from danvan_kg.store.rdflib_backend import RdflibQueries

if TYPE_CHECKING:
    from danvan_kg.store import KnowledgeGraph


Target = QueryEngine
"""What every query runs on (:class:`danvan_kg.store.backend.QueryEngine`, under the name the
question modules use)."""


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
        from danvan_kg.store.remote import RemoteEndpoint  # SPARQLWrapper only when a URL is given

        return RemoteEndpoint(target, **remote_options)
    if isinstance(target, Graph):
        return RdflibQueries(target, normalise_rows=True)
    if isinstance(target, Target):
        return target
    raise QueryError(
        f"cannot query a {type(target).__name__}: give a KnowledgeGraph, an rdflib Graph or a URL"
    )
