"""Shared fixtures: the dev corpus, a real Oxigraph server, and required external tools.

Tests that need something a user's clone may lack (the shared corpus, chromium, virtuoso)
skip with a reason saying so; under CI (env ``CI`` set) a missing tool fails instead, because
``.ci/run`` installs it.

``pytest -m "not slow"`` is the quick selection (README, "Set up"): every test that starts a
browser or a server, reads the dev corpus or builds a whole store is ``slow`` (marked here, by its
markers and fixtures), and so are the modules that mark themselves (hypothesis campaigns, notebooks,
the hardening matrix, commands run as subprocesses).
"""

from __future__ import annotations

import os
import shutil
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan_kg.paths import corpus_dir
from danvan_kg.serving import servers

SLOW_MARKERS = ("browser", "server", "corpus")
"""Tests with these markers are slow too."""

SLOW_FIXTURES = frozenset({"corpus", "corpus_store", "oxigraph_server", "bundled_build"})
"""Fixtures that read the dev corpus, start a server or build a whole store (tens of seconds)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that needs a browser, a server, the corpus or a whole build."""
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if uses & SLOW_FIXTURES or any(item.get_closest_marker(name) for name in SLOW_MARKERS):
            item.add_marker(pytest.mark.slow)


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
    return servers.free_port()


class TestOxigraphServer(servers.OxigraphServer):
    """The project's Oxigraph server helper with two conveniences for tests: load and clear."""

    __test__ = False  # not a test class for pytest

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


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestOxigraphServer]:
    """One writable Oxigraph server (union default graph) for the session; tests ``clear()`` it first."""
    require_tool("oxigraph", "the Oxigraph server ships with the `oxigraph` PyPI package")
    with TestOxigraphServer(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder built by ``danvan-kg build`` from the bundled data (as the README's set-up does);
    its outputs (TriG with the named graphs, …) are in the ``out`` folder next to it."""
    import subprocess

    base = tmp_path_factory.mktemp("bundled")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "danvan_kg",
            "--store",
            str(base / "store"),
            "build",
            "--out",
            str(base / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "store"


@pytest.fixture(scope="session")
def corpus_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store of ``build`` plus the dev corpus texts (built once per session; skips
    without the corpus). Tests open it read-only with ``KnowledgeGraph.open``."""
    from danvan_kg.build import load_bundled
    from danvan_kg.ingest import ingest_paths
    from danvan_kg.store import KnowledgeGraph

    location = tmp_path_factory.mktemp("corpus-store") / "store"
    with KnowledgeGraph.open(location) as kg:
        load_bundled(kg)
        report = ingest_paths(kg, [corpus / "texts"])
        assert report.ok, report.skipped
    return location


@pytest.fixture(scope="session")
def generated_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small store of the benchmarks' synthetic data (12,000 triples; built once per session):
    the store folder and the N-Quads file, whose ``.json`` sibling holds the question parameters."""
    import sys

    from danvan_kg.paths import repo_root
    from danvan_kg.store import KnowledgeGraph

    sys.path.insert(0, str(repo_root() / "benchmarks"))
    from generate import generate_file

    base = tmp_path_factory.mktemp("generated")
    data = base / "data.nq"
    generate_file(12_000, data)
    with KnowledgeGraph.open(base / "store") as kg:
        kg.bulk_load(data)
    return base / "store", data
