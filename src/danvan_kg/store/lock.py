"""Who may open a store folder while ``danvan-kg serve`` serves it.

A read-only Oxigraph server opens the RocksDB folder without RocksDB's own lock, so a writer
(``ingest``, ``build``, ``import``) could open it meanwhile and the server would go on answering
from the old files: a silent divergence. Hence a lock of our own, ``danvan-serve.lock`` in the
store folder, taken with ``flock``:

* every :class:`~danvan_kg.store.KnowledgeGraph` on disk holds it **shared** while it is open;
* ``serve`` holds it **exclusively** while it serves, and writes its address into the file; the
  Oxigraph child inherits the descriptor, so the lock lasts as long as either process lives.

Opening a served store is then a one-line error naming the server's address, and serving a store
that another process has open is refused the same way. ``flock`` locks vanish with their
processes, so a crash never leaves a stale lock (the file's text is only read while it is held).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path

from danvan_kg.errors import StoreError

LOCK_NAME = "danvan-serve.lock"


@dataclass(frozen=True)
class Server:
    """The ``serve`` process holding a store: its pid and addresses."""

    pid: int
    url: str
    query_url: str

    def refusal(self, location: Path) -> str:
        """The one line a process gets when it tries to open the store."""
        return (
            f"store {location} is being served by `danvan-kg serve` at {self.url} (pid {self.pid}): "
            f"stop the server first, or query it with --endpoint {self.query_url}"
        )


def _read(fd: int) -> Server | None:
    try:
        data = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
        return Server(int(data["pid"]), str(data["url"]), str(data["query_url"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def served_by(location: str | os.PathLike[str]) -> Server | None:
    """The server holding ``location`` right now, or ``None`` (no server, or it has stopped)."""
    path = Path(location).expanduser() / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _read(fd) or Server(0, "(unknown address)", "(unknown address)")
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


class StoreHold:
    """A shared hold on a store folder for the life of an open ``KnowledgeGraph``."""

    def __init__(self, location: Path) -> None:
        self.fd: int | None = None
        try:
            fd = os.open(location / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return  # a read-only folder: nothing can write there, nor serve a lock from it
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            server = _read(fd)
            os.close(fd)
            if server is None:
                raise StoreError(
                    f"store {location} is being served by `danvan-kg serve`; stop it first"
                ) from None
            raise StoreError(server.refusal(location)) from None
        self.fd = fd

    def release(self) -> None:
        """Let a server take the store."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


class ServeLock:
    """The exclusive hold ``serve`` takes on a store folder; the Oxigraph child inherits ``fd``."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self.fd: int | None = None

    def acquire(self, server: Server) -> None:
        """Take the lock and record ``server`` in it; ``StoreError`` when the store is open elsewhere."""
        fd = os.open(self.location / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = _read(fd) if _is_exclusive(self.location) else None
            os.close(fd)
            if other is not None:
                raise StoreError(
                    f"store {self.location} is already served at {other.url} (pid {other.pid})"
                ) from None
            raise StoreError(
                f"the store {self.location} is open in another process (an ingest, a notebook, ask …); "
                "close it first"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(server.__dict__).encode("utf-8"), 0)
        self.fd = fd

    def release(self) -> None:
        """Drop the lock (the child's inherited descriptor goes when the child exits)."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, 0)
                os.close(self.fd)
            self.fd = None


def _is_exclusive(location: Path) -> bool:
    """Whether the lock is held exclusively (by a server) rather than shared (by open stores)."""
    return served_by(location) is not None


def store_is_locked(location: Path) -> bool:
    """True when another process holds the RocksDB ``LOCK`` of an Oxigraph store folder.

    RocksDB takes an exclusive ``fcntl`` lock on ``<dir>/LOCK`` while a store is open for
    writing; we probe it with a non-blocking lock of our own and release it at once.
    """
    lock_file = Path(location) / "LOCK"
    if not lock_file.exists():
        return False
    try:
        fd = os.open(lock_file, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
