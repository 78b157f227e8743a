"""Extract many documents, optionally in a process pool, keeping the input order.

Each result says what became of one source: its extraction, its one-line error, or why a filter
left it out (``--since``/``--until``/``--match``); an unreadable input never stops the run.
Sources are paths or :class:`~danvan_kg.sources.refs.SourceRef` (fetched pages); reading them
(:func:`danvan_kg.sources.load.load_document`) happens in the workers too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial

from danvan_kg.errors import DanvanError, InputError
from danvan_kg.extract.model import Extraction
from danvan_kg.sources.files import DOCUMENT_SUFFIXES, iter_sources
from danvan_kg.sources.filters import DocumentFilter
from danvan_kg.sources.refs import SourceRef

__all__ = ["Outcome", "collect_paths", "extract_one", "extract_paths", "extract_sources"]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source: an extraction, an error line, or the reason a filter dropped it."""

    source: str
    extraction: Extraction | None = None
    error: str | None = None
    dropped: str | None = None


def collect_paths(paths: Iterable[str]) -> list[str]:
    """Files as given, directories walked for documents (sorted, so runs are deterministic)."""
    return [str(p) for p in iter_sources(paths, DOCUMENT_SUFFIXES)]


def _extract(source: str | SourceRef, keep: DocumentFilter | None = None) -> Outcome:
    """Read and extract one source; errors become a one-line message (never an exception)."""
    from danvan_kg.extract import extract_parsed
    from danvan_kg.sources.load import load_document

    ref = source if isinstance(source, SourceRef) else SourceRef.local(source)
    try:
        doc = load_document(ref)
        if keep is not None and keep.active:
            reason = keep.why_not(doc)
            if reason:
                return Outcome(ref.name, dropped=reason)
        return Outcome(ref.name, extraction=extract_parsed(doc))
    except DanvanError as exc:
        return Outcome(ref.name, error=str(exc))
    except Exception as exc:
        detail = f"{type(exc).__name__}: {exc}"
        return Outcome(ref.name, error=f"{ref.name}: internal error while extracting: {detail}")


def extract_one(path: str) -> tuple[str, Extraction | None, str | None]:
    """Extract one file; errors become a one-line message (never an exception)."""
    outcome = _extract(path)
    return outcome.source, outcome.extraction, outcome.error


def _warm() -> None:
    """Load the lexicon and the administrative units once per worker (and compile the grammar)."""
    from danvan_kg.extract import extract_text

    extract_text("Hội Nông dân xã A duy trì mô hình “B”.")


def extract_sources(
    sources: Sequence[str | SourceRef], jobs: int = 1, keep: DocumentFilter | None = None
) -> Iterator[Outcome]:
    """Outcomes for ``sources`` in input order; ``jobs > 1`` uses that many processes (0 = all cores)."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 0:
        raise InputError(f"--jobs must be 0 or more, not {jobs}")
    work = partial(_extract, keep=keep)
    if jobs == 1 or len(sources) <= 1:
        for source in sources:
            yield work(source)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm) as pool:
        yield from pool.map(work, sources, chunksize=max(1, len(sources) // (jobs * 8)))


def extract_paths(paths: list[str], jobs: int = 1) -> Iterator[tuple[str, Extraction | None, str | None]]:
    """Results for ``paths`` in input order; ``jobs > 1`` uses that many worker processes (0 = all cores)."""
    for outcome in extract_sources(paths, jobs):
        yield outcome.source, outcome.extraction, outcome.error
