"""Ingest text documents and curated CSV records into the store, one named graph per source.

Each source is extracted (a pure function of one document, so it can run in worker
processes), turned into its graph and written with one transaction: a crash or a bad file
never leaves half a document in the store, and re-ingesting a source replaces its graph.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from danvan_kg.errors import DanvanError, InputError
from danvan_kg.extract.parallel import extract_paths
from danvan_kg.rdf.namespaces import GRAPH
from danvan_kg.sources import iter_sources
from danvan_kg.store import KnowledgeGraph

TEXT_SUFFIXES = (".txt",)
RECORD_SUFFIXES = (".csv",)


@dataclass
class IngestReport:
    """What an ingest did: counts for the summary, and every skipped source with its reason."""

    documents: int = 0
    records_files: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.skipped

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "records_files": self.records_files,
            "entities": dict(sorted(self.entities.items())),
            "relations": dict(sorted(self.relations.items())),
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
        }


def _records_graph(path: Path) -> tuple[str, Graph]:
    from danvan_kg.rdf.records import records_to_graph

    return str(GRAPH[f"records/{path.stem}"]), records_to_graph(path)


def ingest_paths(
    kg: KnowledgeGraph,
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    on_progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest ``.txt`` documents and ``.csv`` record files (directories are walked).

    Every document is written in its own transaction; a failing one is recorded in
    ``report.skipped`` and leaves the store untouched. At the end the preferred labels
    (``graph/labels``) are recomputed for every entity the written sources name, or named in the
    versions they replaced (:func:`danvan_kg.rdf.labels.refresh_labels`).
    """
    from danvan_kg.rdf.labels import entities_in, graph_entities, refresh_labels
    from danvan_kg.rdf.triples import extraction_to_graph

    report = IngestReport()
    touched: set = set()

    def write(graph_iri: str, graph: Graph) -> None:
        if kg.has_graph(graph_iri):
            touched.update(graph_entities(kg, [graph_iri]))
        kg.replace_graph(graph_iri, graph)
        touched.update(entities_in(graph))

    sources = list(iter_sources(paths, TEXT_SUFFIXES + RECORD_SUFFIXES))
    texts = [str(p) for p in sources if p.suffix.lower() not in RECORD_SUFFIXES]
    records = [p for p in sources if p.suffix.lower() in RECORD_SUFFIXES]
    for path, extraction, error in extract_paths(texts, jobs=jobs):
        if extraction is None:
            report.skipped.append((path, error or "unknown error"))
        else:
            try:
                write(extraction.document.graph_iri, extraction_to_graph(extraction))
            except DanvanError as exc:
                report.skipped.append((path, str(exc)))
            else:
                report.documents += 1
                report.entities.update(e.type for e in extraction.entities)
                report.relations.update(r.p for r in extraction.relations)
        if on_progress:
            on_progress(path)
    for path in records:
        try:
            if not path.is_file():
                raise InputError(f"{path}: no such file")
            graph_iri, graph = _records_graph(path)
            write(graph_iri, graph)
        except DanvanError as exc:
            report.skipped.append((str(path), str(exc)))
        else:
            report.records_files += 1
        if on_progress:
            on_progress(str(path))
    if touched:
        refresh_labels(kg, touched)
    return report


def count_sources(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many sources :func:`ingest_paths` would visit (for a progress bar)."""
    return sum(1 for _ in iter_sources(paths, TEXT_SUFFIXES + RECORD_SUFFIXES))
