"""The knowledge store: :class:`KnowledgeGraph`, a thin facade over interchangeable backends.

:mod:`.graph` (the facade: open, load, query, export), :mod:`.backend` (the two protocols every engine
implements), :mod:`.oxigraph` (embedded Oxigraph, on disk or in memory), :mod:`.rdflib_backend`
(plain rdflib), :mod:`.remote` (a SPARQL endpoint), :mod:`.bulk` (first load of a large dump on
every core), :mod:`.stats` (counts by class and relation), :mod:`.lock` (the lock ``serve`` takes).
"""

from danvan_kg.store.graph import EXPORT_FORMATS, KnowledgeGraph, Row, guess_format, require_file

__all__ = ["EXPORT_FORMATS", "KnowledgeGraph", "Row", "guess_format", "require_file"]
