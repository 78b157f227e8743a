"""Shared fixtures: the dev corpus, a real Oxigraph server, and required external tools.

Tests that need something a user's clone may lack (the shared corpus, chromium, virtuoso)
skip with a reason saying so; under CI (env ``CI`` set) a missing tool fails instead, because
``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from danvan_kg.paths import corpus_dir


def require_tool(name: str, why: str) -> str:
    """Path of an external program, or skip (locally) / fail (under CI) with a clear reason."""
    found = shutil.which(name)
    if found is None and Path(sys.executable).with_name(name).exists():
        found = str(Path(sys.executable).with_name(name))
    if found:
        return found
    message = f"{name} is not installed ({why}); .ci/run installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared dev corpus folder (``../shared/corpus`` or ``$DANVAN_KG_CORPUS``)."""
    folder = corpus_dir()
    if not (folder / "texts").is_dir():
        message = (
            f"shared dev corpus not found at {folder} (only CI and the team have it; set DANVAN_KG_CORPUS)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve`` on 127.0.0.1 (union default graph, writable)."""

    url: str
    location: Path
    process: subprocess.Popen[bytes]

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    def load(self, data: bytes, content_type: str = "application/trig") -> None:
        """POST RDF to the Graph Store endpoint (named graphs kept for TriG/N-Quads)."""
        request = urllib.request.Request(
            self.store_url, data=data, method="POST", headers={"Content-Type": content_type}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status in (200, 201, 204)

    def clear(self) -> None:
        """Remove every graph (between tests sharing the server)."""
        request = urllib.request.Request(
            self.update_url,
            data=b"CLEAR ALL",
            method="POST",
            headers={"Content-Type": "application/sparql-update"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status in (200, 204)


def start_oxigraph(location: Path) -> OxigraphServer:
    """Start the Oxigraph server binary of the ``oxigraph`` package and wait until it answers."""
    binary = require_tool("oxigraph", "the Oxigraph server ships with the `oxigraph` PyPI package")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {process.stderr.read().decode(errors='replace')[:500]}")
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1):
                return OxigraphServer(url, location, process)
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("oxigraph server did not answer within 20 s")


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if it does not stop."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One Oxigraph server for the session; tests that load data should ``clear()`` it first."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield server
    finally:
        stop_process(server.process)
