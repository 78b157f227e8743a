"""``danvan-kg backup`` / ``restore``: a consistent copy of the store, also while ``serve`` answers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from danvan_kg.errors import StoreError
from danvan_kg.ids import DV, GRAPH, ID
from danvan_kg.serving.servers import find_oxigraph_binary, free_port
from danvan_kg.store import KnowledgeGraph
from danvan_kg.store.backup import backup_store, restore_store


def cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "danvan_kg", *args], capture_output=True, text=True, timeout=timeout
    )


def article(n: int) -> dict[str, list]:
    model = ID[f"model/mo-hinh-{n}"]
    return {
        str(GRAPH[f"article/{n}"]): [
            (model, RDF.type, DV.Model),
            (model, RDFS.label, Literal(f"Mô hình “Dân vận khéo” số {n}", lang="vi")),
            (model, DV.partOf, ID["movement/dan-van-kheo"]),
        ]
    }


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    location = tmp_path / "store"
    with KnowledgeGraph.open(location) as kg:
        for n in range(3):
            kg.replace_graphs(article(n))
    return location


def stats(location: Path) -> dict:
    result = cli("--store", str(location), "stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_backup_then_restore_gives_identical_stats(store: Path, tmp_path: Path) -> None:
    before = stats(store)
    result = cli("--store", str(store), "backup", str(tmp_path / "copy"))
    assert result.returncode == 0, result.stderr
    assert "backed up" in result.stderr and "files" in result.stderr
    restored = tmp_path / "restored"
    result = cli("--store", str(restored), "restore", str(tmp_path / "copy"))
    assert result.returncode == 0, result.stderr
    assert stats(restored) == before == stats(tmp_path / "copy")
    assert before["classes"]["Model"] == 3


def test_a_backup_does_not_follow_later_writes(store: Path, tmp_path: Path) -> None:
    done = backup_store(store, tmp_path / "copy")
    assert done.files > 0 and done.bytes > 0
    assert done.linked > 0  # same file system: the data files are shared, not copied
    with KnowledgeGraph.open(store) as kg:
        kg.replace_graphs(article(9))
        kg.remove_graph(str(GRAPH["article/0"]))
    with KnowledgeGraph.open(tmp_path / "copy") as copy:
        graphs = copy.graph_iris()
    assert str(GRAPH["article/0"]) in graphs and str(GRAPH["article/9"]) not in graphs


def test_restore_replaces_a_store_only_with_force(store: Path, tmp_path: Path) -> None:
    backup_store(store, tmp_path / "copy")
    other = tmp_path / "other"
    with KnowledgeGraph.open(other) as kg:
        kg.replace_graphs(article(7))
    refused = cli("--store", str(other), "restore", str(tmp_path / "copy"))
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "--force" in refused.stderr
    with KnowledgeGraph.open(other) as kg:
        assert kg.graph_iris() == [str(GRAPH["article/7"])]  # untouched
    done = cli("--store", str(other), "restore", "--force", str(tmp_path / "copy"))
    assert done.returncode == 0, done.stderr
    assert stats(other) == stats(store)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no leftovers beside it


def test_bad_requests_are_one_line_errors(store: Path, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    cases = [
        (("--store", str(store), "backup", str(tmp_path / "full")), "already exists"),
        (("--store", str(tmp_path / "none"), "backup", str(tmp_path / "b")), "no store at"),
        (("--store", str(store), "backup", str(store / "inside")), "outside the store"),
        (("--store", str(tmp_path / "new"), "restore", str(tmp_path / "full")), "not a store backup"),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.returncode == 1, args
        assert result.stderr.startswith("danvan-kg: error:") and result.stderr.count("\n") == 1, result.stderr
        assert message in result.stderr
    assert not (tmp_path / "b").exists() and not (tmp_path / "new").exists()


def test_backup_refuses_a_store_a_writer_holds(store: Path, tmp_path: Path) -> None:
    with KnowledgeGraph.open(store):  # this process holds RocksDB's lock, as an ingest would
        result = cli("--store", str(store), "backup", str(tmp_path / "copy"))
    assert result.returncode == 1
    assert "open for writing by another process" in result.stderr
    assert not (tmp_path / "copy").exists()


def test_a_writer_is_refused_while_a_backup_holds_the_store(store: Path, tmp_path: Path) -> None:
    from danvan_kg.store.backup import _writers_out

    with _writers_out(store):
        result = cli("--store", str(store), "stats")
    assert result.returncode == 1
    assert "in use by another process" in result.stderr or "open in another process" in result.stderr


def select(query_url: str, query: str) -> list[dict]:
    url = query_url + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def test_backup_while_serve_answers(store: Path, tmp_path: Path) -> None:
    if find_oxigraph_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server binary is required in CI")
        pytest.skip("the oxigraph server binary is not installed")
    before = stats(store)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    query_url = f"http://127.0.0.1:{port}/query"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answered = select(query_url, count)
                break
            except OSError:
                assert time.monotonic() < deadline, server.stderr.read() if server.stderr else ""
                time.sleep(0.2)
        result = cli("--store", str(store), "backup", str(tmp_path / "copy"))
        assert result.returncode == 0, result.stderr
        assert select(query_url, count) == answered  # the server kept answering, the same
        refused = cli("--store", str(store), "restore", "--force", str(tmp_path / "copy"))
        assert refused.returncode == 1 and "being served" in refused.stderr  # not under a running server
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    restored = tmp_path / "restored"
    assert cli("--store", str(restored), "restore", str(tmp_path / "copy")).returncode == 0
    assert stats(restored) == before


def test_store_backup_method_needs_a_new_folder(store: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    with KnowledgeGraph.open(store) as kg:
        with pytest.raises(StoreError, match="already exists"):
            kg.backup(tmp_path / "taken")
        kg.backup(tmp_path / "fresh")
    with pytest.raises(StoreError, match="only an on-disk store"):
        KnowledgeGraph.in_memory().backup(tmp_path / "mem")
    assert restore_store(tmp_path / "fresh", tmp_path / "again").files > 0
