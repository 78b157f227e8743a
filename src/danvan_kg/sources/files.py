"""Which local files a list of command-line paths names: files as given, folders walked, globs expanded.

Every file is named once however it was reached (the same path twice, a file and its folder, a
symlink and its target: one real path, one entry). An input that yields nothing gets a reason
instead of silently counting as zero documents.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DOCUMENT_SUFFIXES", "RECORD_SUFFIXES", "LocalInputs", "collect_local", "iter_sources"]

DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".pdf", ".docx")
"""Suffixes of documents found when a folder is walked (a file named directly is read whatever its name)."""

RECORD_SUFFIXES = (".csv",)
"""Curated record files (``rdf/records.py``)."""

_GLOB_CHARS = frozenset("*?[")


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


@dataclass
class LocalInputs:
    """The files to read, in order, and one reason for every input that gave none."""

    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (input as given, one-line reason)
    duplicates: int = 0  # files reached a second time (same real path) and dropped


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except OSError:  # pragma: no cover - realpath only fails on very odd file systems
        return str(path.absolute())


def _describe_folder(folder: Path, suffixes: tuple[str, ...]) -> str:
    """Why a folder gave nothing: empty, or which kinds of files it holds instead."""
    kinds = Counter(p.suffix.lower() or "(no suffix)" for p in folder.rglob("*") if p.is_file())
    wanted = ", ".join(suffixes)
    if not kinds:
        return f"{folder}: empty folder (nothing to read; looked for {wanted})"
    held = ", ".join(f"{n} {suffix}" for suffix, n in kinds.most_common(6))
    return f"{folder}: no readable files (looked for {wanted}; it holds {held})"


def collect_local(paths: Iterable[str | os.PathLike[str]], suffixes: tuple[str, ...]) -> LocalInputs:
    """Expand command-line paths into files: folders walked for ``suffixes``, unmatched globs expanded.

    A file given directly is kept whatever its suffix (it is read and refused later if it is not a
    document); a missing file is kept too, so that the reader reports it in its own words. A folder
    that holds nothing readable and a pattern that matches nothing are ``problems``.
    """
    out = LocalInputs()
    seen: set[str] = set()

    def add(path: Path) -> None:
        real = _real(path) if path.exists() else str(path.absolute())
        if real in seen:
            out.duplicates += 1
            return
        seen.add(real)
        out.files.append(path)

    for raw in paths:
        text = os.fspath(raw)
        path = Path(text)
        if not path.exists() and not path.is_symlink() and _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                out.problems.append((text, f"{text}: matches no file"))
                continue
            expanded = collect_local(matches, suffixes)
            for file in expanded.files:
                add(file)
            out.problems.extend(expanded.problems)
            out.duplicates += expanded.duplicates
            continue
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            if not found:
                out.problems.append((text, _describe_folder(path, suffixes)))
            for file in found:
                add(file)
        else:
            add(path)
    return out
