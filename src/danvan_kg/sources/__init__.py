"""Which files a list of command-line paths names: files as given, directories walked."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path


def iter_sources(paths: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...]) -> Iterator[Path]:
    """Files named directly, and files with one of ``suffixes`` (any case) below directories, sorted.

    A path that does not exist is yielded as is, so that the caller reports it as skipped.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes]
            yield from sorted(found)
        else:
            yield path
