"""Ingest documents (text, web pages, PDF, Word) and curated CSV records, one named graph per source.

Each source is read and extracted (a pure function of one document, so it can run in worker
processes), turned into its graph and written with one transaction: a crash or a bad file never
leaves half a document in the store, and re-ingesting a source replaces its graph. Sources with
the same key (the same file reached twice, two URLs of one canonical page, the same text under
two addresses) are one document: the first is written, the others are counted as duplicates.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, Literal

from danvan_kg.errors import DanvanError, InputError
from danvan_kg.extract.model import Extraction
from danvan_kg.extract.parallel import Outcome, extract_sources
from danvan_kg.ids import records_graph_iri
from danvan_kg.sources.fetch import Fetcher, FetchOptions
from danvan_kg.sources.files import RECORD_SUFFIXES
from danvan_kg.sources.filters import DocumentFilter
from danvan_kg.sources.plan import Inputs, Plan, fetch_plan, plan_inputs
from danvan_kg.sources.refs import SourceRef
from danvan_kg.store import KnowledgeGraph

if TYPE_CHECKING:
    from danvan_kg.graphwriter import GraphWriter

__all__ = [
    "RECORD_SUFFIXES",
    "IngestReport",
    "count_sources",
    "ingest_inputs",
    "ingest_paths",
    "ingest_sources",
    "nothing_to_ingest",
]


@dataclass
class IngestReport:
    """What an ingest did: counts for the summary, and every source left out with its reason."""

    documents: int = 0
    records_files: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # failures: (source, one-line reason)
    filtered: list[tuple[str, str]] = field(default_factory=list)  # left out by --since/--until/--match
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, the source it repeats)
    repeated: int = 0  # inputs named more than once (same real path, same URL), read once
    outside_dates: int = 0  # feed/sitemap entries dated outside the range (never fetched)
    replaced: int = 0  # older graphs of a re-fetched page (no canonical URL) removed
    triples: int = 0  # triples written (all graphs of this run)
    elapsed: float = 0.0  # seconds
    store: str | None = None  # where the graphs went
    fetched: int = 0  # URLs fetched from the network
    cache_hits: int = 0  # URLs read from the download cache

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
            "filtered": [{"source": s, "reason": r} for s, r in self.filtered],
            "duplicates": [{"source": s, "same_as": r} for s, r in self.duplicates],
            "repeated_inputs": self.repeated,
            "outside_dates": self.outside_dates,
            "replaced_graphs": self.replaced,
            "triples": self.triples,
            "elapsed_seconds": round(self.elapsed, 3),
            "store": self.store,
            "fetched": self.fetched,
            "cache_hits": self.cache_hits,
        }


@cache
def _query(name: str) -> str:
    return resources.files("danvan_kg.sources").joinpath("queries", name).read_text("utf-8")


def _records_graph(path: Path) -> tuple[str, Graph]:
    from danvan_kg.rdf.records import records_to_graph

    return records_graph_iri(path.stem), records_to_graph(path)


def _older_graphs(kg: KnowledgeGraph, ref: SourceRef, graph_iri: str) -> list[str]:
    """Graphs of an earlier version of a fetched page (same URL as given, another key)."""
    if not ref.fetched:
        return []
    rows = kg.select(_query("graphs_of_source.rq"), {"source": Literal(ref.name)})
    return sorted({str(row["g"]) for row in rows if row["g"] is not None} - {graph_iri})


def ingest_sources(
    kg: KnowledgeGraph,
    sources: Sequence[SourceRef | str],
    records: Iterable[Path] = (),
    *,
    jobs: int = 1,
    keep: DocumentFilter | None = None,
    on_progress: Callable[[str], None] | None = None,
    report: IngestReport | None = None,
) -> IngestReport:
    """Read, extract and write ``sources``, then load ``records`` (CSV); failures go to ``report.skipped``.

    Every source is written all or nothing; a failing one leaves the store as it was. New graphs are
    written in batches and the preferred labels and the entity index (``graph/labels``, ``graph/index``)
    are kept up for the entities the written sources name, or named in the versions they replaced
    (:class:`danvan_kg.graphwriter.GraphWriter`), so the cost follows what was written, not the store.
    """
    from danvan_kg.graphwriter import GraphWriter

    report = report or IngestReport()
    started = time.perf_counter()
    if kg.location is not None:
        report.store = str(kg.location)
    writer = GraphWriter(kg)

    refs = {(s.name if isinstance(s, SourceRef) else s): s for s in sources}
    seen: dict[str, str] = {}  # source key -> first source with it
    for outcome in extract_sources(list(sources), jobs=jobs, keep=keep):
        _write_outcome(kg, writer, report, outcome, refs.get(outcome.source), seen)
        if on_progress:
            on_progress(outcome.source)
    for path in records:
        _write_records(writer, report, path)
        if on_progress:
            on_progress(str(path))
    writer.close()
    report.elapsed += time.perf_counter() - started
    return report


def _write_outcome(
    kg: KnowledgeGraph,
    writer: GraphWriter,
    report: IngestReport,
    outcome: Outcome,
    ref: SourceRef | str | None,
    seen: dict[str, str],
) -> None:
    """One source's extraction into ``writer`` (with the graphs of its older versions removed), or
    the reason it is not written (filtered, failed, a duplicate of ``seen``) into ``report``."""
    from danvan_kg.rdf.triples import extraction_triples

    name = outcome.source
    if outcome.dropped:
        report.filtered.append((name, outcome.dropped))
        return
    extraction = outcome.extraction
    if extraction is None:
        report.skipped.append((name, outcome.error or "unknown error"))
        return
    key = extraction.document.key
    if key in seen:
        report.duplicates.append((name, seen[key]))
        return
    seen[key] = name
    try:
        graph_iri = extraction.document.graph_iri
        graph = extraction_triples(extraction)
        older = _older_graphs(kg, ref, graph_iri) if isinstance(ref, SourceRef) else []
    except DanvanError as exc:
        report.skipped.append((name, str(exc)))
        return
    writer.write(
        {graph_iri: graph, **{iri: [] for iri in older}},
        _counted(report, name, len(graph), len(older), extraction),
    )


def _write_records(writer: GraphWriter, report: IngestReport, path: Path) -> None:
    """One curated CSV file's graph into ``writer``, or why not into ``report``."""
    try:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        records_iri, records_graph = _records_graph(path)
    except DanvanError as exc:
        report.skipped.append((str(path), str(exc)))
        return
    writer.write({records_iri: records_graph}, _counted(report, str(path), len(records_graph), 0, None))


def _counted(
    report: IngestReport, name: str, triples: int, replaced: int, extraction: Extraction | None
) -> Callable[[DanvanError | None], None]:
    """What to add to ``report`` once the graphs of source ``name`` are written (or refused)."""

    def done(error: DanvanError | None) -> None:
        if error is not None:
            report.skipped.append((name, str(error)))
            return
        report.triples += triples
        if extraction is None:
            report.records_files += 1
            return
        report.documents += 1
        report.replaced += replaced
        report.entities.update(e.type for e in extraction.entities)
        report.relations.update(r.p for r in extraction.relations)

    return done


def nothing_to_ingest(plan: Plan) -> InputError:
    """The error for an input set that names no source at all (after its problems were reported)."""
    if plan.problems:
        return InputError(f"nothing to ingest ({len(plan.problems)} input(s) gave nothing; see above)")
    return InputError("nothing to ingest: no files, URLs, feeds or sitemaps given")


def ingest_inputs(
    kg: KnowledgeGraph,
    inputs: Inputs,
    *,
    jobs: int = 1,
    keep: DocumentFilter | None = None,
    fetch: FetchOptions | None = None,
    fetcher: Fetcher | None = None,
) -> IngestReport:
    """Everything ``danvan-kg ingest`` does, without progress bars: plan, fetch, extract, write.

    ``InputError`` when the inputs name no source at all; otherwise every problem is in the report.
    """
    keep = keep or DocumentFilter()
    started = time.perf_counter()
    own = fetcher is None and inputs.needs_web
    if own:
        fetcher = Fetcher(fetch)
    try:
        plan = plan_inputs(inputs, fetcher=fetcher, dates=keep.dates)
        report = IngestReport(
            skipped=list(plan.problems), outside_dates=plan.outside_dates, repeated=plan.duplicates
        )
        if plan.empty and not plan.outside_dates:
            raise nothing_to_ingest(plan)
        refs, failures = fetch_plan(plan, fetcher)
        report.skipped.extend(failures)
        if fetcher is not None:
            report.fetched, report.cache_hits = fetcher.stats.fetched, fetcher.stats.cache_hits
        ingest_sources(kg, refs, plan.records, jobs=jobs, keep=keep, report=report)
    finally:
        if own and fetcher is not None:
            fetcher.close()
    report.elapsed = time.perf_counter() - started
    return report


def ingest_paths(
    kg: KnowledgeGraph,
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    on_progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest local documents and ``.csv`` record files (directories are walked; no web access).

    Every document is written in its own transaction; a failing one is recorded in
    ``report.skipped`` and leaves the store untouched.
    """
    started = time.perf_counter()
    plan = plan_inputs(Inputs(paths=[os.fspath(p) for p in paths]))
    report = IngestReport(skipped=list(plan.problems), repeated=plan.duplicates)
    refs, _ = fetch_plan(plan, None)
    ingest_sources(kg, refs, plan.records, jobs=jobs, on_progress=on_progress, report=report)
    report.elapsed = time.perf_counter() - started
    return report


def count_sources(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many sources :func:`ingest_paths` would visit (for a progress bar)."""
    plan = plan_inputs(Inputs(paths=[os.fspath(p) for p in paths]))
    return len(plan.files) + len(plan.records)
