"""Back up a store folder and restore it, while ``danvan-kg serve`` may be answering from it.

A backup is Oxigraph's online backup (a RocksDB checkpoint) taken through a read-only opening of
the store, so a read-only ``serve`` (the default) goes on answering meanwhile. Writers are kept
out for its duration: the backup holds RocksDB's own lock file, so an ``ingest`` that starts
then is refused with the usual one-line "in use" error; a store that a writer already holds
(an ``ingest``, ``serve --writable``) is refused, since reading it while it is written is
undefined in RocksDB. The backup is written to a sibling folder and renamed into place, so a
failure never leaves a half backup under the name asked for.

Restore puts a backup in the place of a store folder: the backup is copied (hard links on one
file system) into a sibling folder, checked by opening it, and swapped in by two renames; the
store it replaces is removed afterwards. Nothing may have the store open meanwhile.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from danvan_kg.errors import StoreError
from danvan_kg.store import KnowledgeGraph
from danvan_kg.store.lock import served_by, store_is_locked


@dataclass(frozen=True)
class Copy:
    """What a backup or restore wrote: where, how many files and bytes, how long it took."""

    source: Path
    target: Path
    files: int
    bytes: int
    linked: int
    """Files shared with the source by hard links (same file system), not copied."""
    seconds: float


@contextlib.contextmanager
def _writers_out(location: Path) -> Iterator[None]:
    """Hold RocksDB's ``LOCK`` file of ``location`` so that no process opens it for writing meanwhile.

    ``StoreError`` when a writer holds it already. (A read-only opening, as ``serve`` does, takes
    no lock and is not disturbed.)
    """
    lock = location / "LOCK"
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot lock store {location}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise StoreError(
                f"store {location} is open for writing by another process (an ingest, build or "
                "`serve --writable`); stop it first"
            ) from None
        yield
    finally:
        os.close(fd)  # also drops the lock


def _measure(source: Path, target: Path, started: float) -> Copy:
    files = [p for p in target.iterdir() if p.is_file()]
    linked = sum(1 for p in files if p.stat().st_nlink > 1)
    return Copy(
        source=source,
        target=target,
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        linked=linked,
        seconds=time.perf_counter() - started,
    )


def _fresh_target(target: Path) -> None:
    """``StoreError`` unless ``target`` is free: missing, or an empty folder (then removed)."""
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    elif target.exists():
        raise StoreError(f"{target} already exists; back up into a new folder")
    if not target.parent.is_dir():
        raise StoreError(f"{target.parent} is not a folder")


def _part(target: Path) -> Path:
    part = target.with_name(f".{target.name}.part")
    if part.exists():  # left by an interrupted run: never a backup anyone relies on
        shutil.rmtree(part)
    return part


def _checkpoint(source: Path, target: Path) -> None:
    """A checkpoint of the store at ``source`` into ``target`` (a new folder), via a read-only opening."""
    kg = KnowledgeGraph.open_read_only(source)
    try:
        kg.backup(target)
    finally:
        kg.close()


def backup_store(location: str | os.PathLike[str], target: str | os.PathLike[str]) -> Copy:
    """Back up the store at ``location`` into the new folder ``target``."""
    source = Path(location).expanduser()
    dest = Path(target).expanduser()
    if not (source / "CURRENT").is_file():
        raise StoreError(f"no store at {source}")
    if dest.resolve() == source.resolve() or source.resolve() in dest.resolve().parents:
        raise StoreError(f"the backup folder {dest} must lie outside the store {source}")
    _fresh_target(dest)
    started = time.perf_counter()
    part = _part(dest)
    with _writers_out(source):
        try:
            _checkpoint(source, part)
        except BaseException:
            shutil.rmtree(part, ignore_errors=True)
            raise
    part.rename(dest)
    return _measure(source, dest, started)


def restore_store(
    backup: str | os.PathLike[str], location: str | os.PathLike[str], *, force: bool = False
) -> Copy:
    """Make the store at ``location`` a copy of ``backup``; a store already there needs ``force``."""
    source = Path(backup).expanduser()
    dest = Path(location).expanduser()
    if not (source / "CURRENT").is_file():
        raise StoreError(f"{source} is not a store backup (no CURRENT file)")
    if dest.resolve() == source.resolve():
        raise StoreError("the backup and the store are the same folder")
    existing = dest.exists() and any(dest.iterdir()) if dest.is_dir() else dest.exists()
    if existing and not dest.is_dir():
        raise StoreError(f"store location {dest} exists and is not a folder")
    if existing and not force:
        raise StoreError(f"{dest} already holds a store; add --force to replace it by the backup")
    if existing and (server := served_by(dest)) is not None:
        raise StoreError(server.refusal(dest))
    if existing and store_is_locked(dest):
        raise StoreError(f"store {dest} is open in another process; stop it first")
    started = time.perf_counter()
    part = _part(dest)
    try:
        _checkpoint(source, part)
        KnowledgeGraph.open_read_only(part).close()  # the copy opens as a store
    except BaseException:
        shutil.rmtree(part, ignore_errors=True)
        raise
    old = dest.with_name(f".{dest.name}.replaced")
    if old.exists():
        shutil.rmtree(old)
    with _writers_out(dest) if existing else contextlib.nullcontext():
        if dest.exists():
            dest.rename(old)
        part.rename(dest)
    shutil.rmtree(old, ignore_errors=True)
    return _measure(source, dest, started)
