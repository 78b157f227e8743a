"""Helpers shared by the sub-commands: opening the store, progress bars, consoles."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)

from danvan_kg.paths import default_store_dir
from danvan_kg.store import KnowledgeGraph

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
stdout = Console(highlight=False, soft_wrap=True)


def served_endpoint(args: argparse.Namespace) -> str | None:
    """The query URL of the ``danvan-kg serve`` holding the store, when one does (with a note).

    ``ask`` and ``sparql`` then ask the server instead of opening the store, which it holds.
    """
    from danvan_kg.storelock import served_by

    if getattr(args, "endpoint", None):
        return None
    server = served_by(Path(args.store).expanduser() if args.store else default_store_dir())
    if server is None or server.pid == 0:
        return None
    stderr.print(
        f"note: the store is being served at {server.url}: asking the server", style="dim", markup=False
    )
    return server.query_url


def open_store(args: argparse.Namespace) -> KnowledgeGraph:
    """The embedded store named by ``--store`` / ``DANVAN_KG_STORE`` / the default folder."""
    return KnowledgeGraph.open(args.store or default_store_dir())


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[callable]:
    """A progress bar on stderr; yields ``advance(label)`` to call once per item."""
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
        console=stderr,
        transient=False,
        disable=not stderr.is_terminal,
    )
    with progress:
        task = progress.add_task(description, total=total, current="")

        def advance(label: str) -> None:
            name = label.rsplit("/", 1)[-1]
            progress.update(task, advance=1, current=name[:40])

        yield advance


@contextmanager
def byte_progress(description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar in bytes on stderr; yields ``advance(n)`` to call with each amount done."""
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=False,
        disable=not stderr.is_terminal,
    )
    with progress:
        task = progress.add_task(description, total=total)

        def advance(amount: int) -> None:
            progress.update(task, advance=amount)

        yield advance
