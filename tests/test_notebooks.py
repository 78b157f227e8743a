"""The notebooks run top to bottom on the bundled data and on the dev corpus (their first cell
takes the source from ``DANVAN_KG_SOURCE``), and are committed without outputs.

Each notebook is executed with nbclient in a kernel that runs *this* interpreter (a kernelspec
written to a temporary Jupyter path), so it sees the same installed package as the tests. The
three notebooks run concurrently (one kernel each) to keep the suite fast.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from danvan_kg.paths import repo_root

NOTEBOOKS = sorted((repo_root() / "notebooks").glob("*.ipynb"))
KERNEL = "danvan-kg-test"


def _write_kernelspec(base: Path) -> None:
    spec_dir = base / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "danvan-kg tests",
        "language": "python",
        "env": {"PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")


async def _execute_all(paths: list[Path], workdir: Path) -> dict[str, nbformat.NotebookNode | BaseException]:
    async def one(path: Path) -> nbformat.NotebookNode:
        notebook = nbformat.read(path, as_version=4)
        folder = workdir / path.stem
        folder.mkdir()
        client = NotebookClient(
            notebook, kernel_name=KERNEL, timeout=180, resources={"metadata": {"path": str(folder)}}
        )
        await client.async_execute()  # raises CellExecutionError on the first failing cell
        return notebook

    results = await asyncio.gather(*(one(p) for p in paths), return_exceptions=True)
    return {p.stem: r for p, r in zip(paths, results, strict=True)}


@pytest.fixture(scope="module", params=["bundled", "corpus"])
def executed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, object]]:
    """Every notebook executed once per source (concurrently): the executed notebook or the
    exception raised. ``corpus`` is the shared dev corpus (skipped without it, as elsewhere)."""
    source = "bundled" if request.param == "bundled" else str(request.getfixturevalue("corpus") / "texts")
    base = tmp_path_factory.mktemp("jupyter")
    _write_kernelspec(base)
    patch = pytest.MonkeyPatch()
    patch.setenv("JUPYTER_PATH", str(base))
    patch.setenv("DANVAN_KG_SOURCE", source)
    try:
        yield asyncio.run(_execute_all(NOTEBOOKS, tmp_path_factory.mktemp("notebook-runs")))
    finally:
        patch.undo()


def test_the_three_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_explore.ipynb", "02_questions.ipynb", "03_network.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: clear outputs before committing"
            assert cell.execution_count is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom(path: Path, executed: dict[str, object]) -> None:
    result = executed[path.stem]
    if isinstance(result, BaseException):
        raise result
    assert isinstance(result, nbformat.NotebookNode)
    code_cells = [c for c in result.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code_cells)
    outputs = [out for c in code_cells for out in c.outputs]
    assert [o for o in outputs if o.get("output_type") == "error"] == []
    assert any("text/html" in o.get("data", {}) for o in outputs)  # tables are shown
    if path.stem in ("01_explore", "03_network"):
        assert any("image/png" in o.get("data", {}) for o in outputs)  # and the plot is drawn


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_first_cell_names_the_source(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "code")
    assert "parameters" in first.metadata.get("tags", [])  # papermill's parameter cell
    assert 'os.environ.get("DANVAN_KG_SOURCE", "bundled")' in first.source
    assert "open_source(source)" in next(c for c in notebook.cells[2:] if c.cell_type == "code").source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_tables_show_names_before_iris(path: Path, executed: dict[str, object]) -> None:
    result = executed[path.stem]
    if isinstance(result, BaseException):
        raise result
    import re

    for cell in result.cells:
        for out in cell.get("outputs", []):
            table = out.get("data", {}).get("text/html", "")
            header = re.search(r"<thead>(.*?)</thead>", table, re.S)
            rows = re.search(r"<tbody>\s*<tr>(.*?)</tr>", table, re.S)
            if not header or not rows:
                continue
            cells = re.findall(r"<td>(.*?)</td>", rows.group(1), re.S)
            if cells and cells[0].startswith("https://w3id.org/"):
                pytest.fail(f"{path.stem}: a table starts with an IRI column: {cells[:3]}")
