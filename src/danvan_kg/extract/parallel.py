"""Extract many documents, optionally in a process pool, keeping the input order.

Each result is ``(path, Extraction | None, error message | None)``: an unreadable input gives its
one-line error instead of stopping the run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from danvan_kg.errors import DanvanError, InputError
from danvan_kg.extract.model import Extraction
from danvan_kg.sources import iter_sources

__all__ = ["collect_paths", "extract_one", "extract_paths"]


def collect_paths(paths: Iterable[str]) -> list[str]:
    """Files as given, directories walked for ``*.txt`` (sorted, so runs are deterministic)."""
    return [str(p) for p in iter_sources(paths, (".txt",))]


def extract_one(path: str) -> tuple[str, Extraction | None, str | None]:
    """Extract one file; errors become a one-line message (never an exception)."""
    from danvan_kg.extract import extract_document

    try:
        return path, extract_document(path), None
    except DanvanError as exc:
        return path, None, str(exc)
    except Exception as exc:
        return path, None, f"{path}: internal error while extracting: {type(exc).__name__}: {exc}"


def _warm() -> None:
    from danvan_kg.extract.gazetteer import gazetteer

    gazetteer()


def extract_paths(paths: list[str], jobs: int = 1) -> Iterator[tuple[str, Extraction | None, str | None]]:
    """Results for ``paths`` in input order; ``jobs > 1`` uses that many worker processes (0 = all cores)."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    if jobs < 0:
        raise InputError(f"--jobs must be 0 or more, not {jobs}")
    if jobs == 1 or len(paths) <= 1:
        for path in paths:
            yield extract_one(path)
        return
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm) as pool:
        yield from pool.map(extract_one, paths, chunksize=max(1, len(paths) // (jobs * 8)))
