"""The store lock between ``danvan-kg serve`` and every other process opening the store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from danvan_kg.errors import StoreError
from danvan_kg.store import KnowledgeGraph
from danvan_kg.store.lock import LOCK_NAME, ServeLock, Server, served_by, store_is_locked

SERVER = Server(4242, "http://127.0.0.1:7999/", "http://127.0.0.1:7999/query")


def test_a_served_store_refuses_to_open_naming_the_server(tmp_path: Path) -> None:
    KnowledgeGraph.open(tmp_path).close()
    assert served_by(tmp_path) is None
    lock = ServeLock(tmp_path)
    lock.acquire(SERVER)
    try:
        assert served_by(tmp_path) == SERVER
        with pytest.raises(StoreError) as refused:
            KnowledgeGraph.open(tmp_path)
        assert str(refused.value) == SERVER.refusal(tmp_path)
        assert "http://127.0.0.1:7999/" in str(refused.value) and "--endpoint" in str(refused.value)
    finally:
        lock.release()
    assert served_by(tmp_path) is None  # released: no stale lock, whatever the file still says
    KnowledgeGraph.open(tmp_path).close()


def test_a_store_open_elsewhere_cannot_be_served(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(tmp_path)
    try:
        with pytest.raises(StoreError, match="is open in another process"):
            ServeLock(tmp_path).acquire(SERVER)
    finally:
        kg.close()
    lock = ServeLock(tmp_path)
    lock.acquire(SERVER)  # closed: now it can
    try:
        with pytest.raises(StoreError, match=r"already served at http://127\.0\.0\.1:7999/"):
            ServeLock(tmp_path).acquire(SERVER)
    finally:
        lock.release()


def test_the_lock_goes_with_its_process(tmp_path: Path) -> None:
    KnowledgeGraph.open(tmp_path).close()
    pid = os.fork()
    if pid == 0:  # a child takes the lock and dies without releasing it
        ServeLock(tmp_path).acquire(SERVER)
        os._exit(0)
    os.waitpid(pid, 0)
    assert (tmp_path / LOCK_NAME).read_text(encoding="utf-8")  # the file still names the server
    assert served_by(tmp_path) is None
    KnowledgeGraph.open(tmp_path).close()


def test_store_lock_is_seen_from_another_process(tmp_path: Path) -> None:
    location = tmp_path / "store"
    KnowledgeGraph.open(location).close()
    assert not store_is_locked(location)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import pyoxigraph, sys; s = pyoxigraph.Store({str(location)!r}); "
            "print('open', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert store_is_locked(location)
    finally:
        holder.communicate("", timeout=20)
    assert not store_is_locked(location)
