"""Start/stop helpers for local Oxigraph and Virtuoso servers (danvan_kg.serving.servers)."""

from __future__ import annotations

import json
import os
import socket
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from danvan_kg.errors import EndpointError, StoreError
from danvan_kg.serving.servers import (
    OxigraphServer,
    VirtuosoServer,
    find_oxigraph_binary,
    find_virtuoso_binary,
    free_port,
    port_is_free,
)


def require(binary: Path | None, what: str) -> None:
    """Skip when a server binary is missing locally; fail in CI, where it must be installed."""
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is required in CI but was not found")
        pytest.skip(f"{what} not installed")


def select_json(query_url: str, query: str) -> list[dict]:
    url = query_url + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def make_store(path: Path) -> None:
    store = ox.Store(str(path))
    store.add(
        ox.Quad(
            ox.NamedNode("https://w3id.org/danvan-kg/id/model/cafe-treo"),
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("Cà phê treo", language="vi"),
            ox.NamedNode("https://w3id.org/danvan-kg/graph/article/a"),
        )
    )
    store.flush()
    del store


def test_free_port_is_free_and_bound_port_is_not() -> None:
    port = free_port()
    assert port_is_free("127.0.0.1", port)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))
        sock.listen()
        assert not port_is_free("127.0.0.1", port)


@pytest.mark.server
def test_oxigraph_read_only_server_serves_union_and_refuses_updates(tmp_path: Path) -> None:
    require(find_oxigraph_binary(), "the oxigraph server binary")
    location = tmp_path / "store"
    make_store(location)
    with OxigraphServer(location, read_only=True) as server:
        rows = select_json(server.query_url, "SELECT ?l WHERE { ?s ?p ?l }")  # no GRAPH: union default graph
        assert [r["l"]["value"] for r in rows] == ["Cà phê treo"]
        request = urllib.request.Request(
            server.update_url,
            data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            headers={"Content-Type": "application/sparql-update"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
        process = server.process
    assert process is not None and process.poll() is not None  # stopped


@pytest.mark.server
def test_oxigraph_server_reports_taken_port_and_missing_store(tmp_path: Path) -> None:
    require(find_oxigraph_binary(), "the oxigraph server binary")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        with pytest.raises(EndpointError, match=f"port {port}.*in use"):
            OxigraphServer(None, port=port).start()
    with pytest.raises(StoreError, match="no store"):
        OxigraphServer(tmp_path / "nothing", read_only=True).start()


@pytest.mark.server
def test_virtuoso_starts_answers_and_stops() -> None:
    require(find_virtuoso_binary(), "virtuoso-t (virtuoso-opensource-7)")
    server = VirtuosoServer().start()
    try:
        directory = server.directory
        rows = select_json(server.query_url, "SELECT (1 + 1 AS ?two) WHERE {}")
        assert int(rows[0]["two"]["value"]) == 2
        assert server.update_url.endswith("/sparql-auth")
        assert server.store_url.endswith("/sparql-graph-crud-auth")
    finally:
        server.stop()
    assert server.process is not None and server.process.poll() is not None
    assert directory is not None and not directory.exists()  # its temporary folder is gone


def test_oxigraph_command_carries_the_query_timeout(tmp_path: Path) -> None:
    server = OxigraphServer(tmp_path, port=7000, read_only=True, timeout_s=2.4, binary=Path("/bin/oxigraph"))
    assert server.command()[-2:] == ["--timeout-s", "2"]
    assert "--timeout-s" not in OxigraphServer(tmp_path, port=7000, binary=Path("/bin/oxigraph")).command()
