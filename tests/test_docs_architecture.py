"""docs/architecture.md stays true: every module listed, the Store API as it is, its examples run;
and the Python examples of the other pages name functions and parameters that exist."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import re
from pathlib import Path

import pytest

import danvan_kg
from danvan_kg.store import KnowledgeGraph

PACKAGE = Path(danvan_kg.__file__).parent
ROOT = PACKAGE.parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _documented_names() -> set[str]:
    return set(re.findall(r"`([^`\s]+)`", ARCHITECTURE.read_text(encoding="utf-8")))


def test_every_module_is_on_the_architecture_page() -> None:
    names = _documented_names()
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.endswith("__init__.py") and relative != "__init__.py":
            package = relative.removesuffix("__init__.py")  # "store/" for store/__init__.py
            if package not in names and relative not in names:
                missing.append(package)
        elif relative not in names:
            missing.append(relative)
    assert not missing, f"modules missing from docs/architecture.md (add a row): {missing}"


def test_the_page_names_no_module_that_is_gone() -> None:
    gone = [
        name
        for name in _documented_names()
        if re.fullmatch(r"[a-z_]+(/[a-z_]+)*\.py", name)
        and not (PACKAGE / name).is_file()
        and not name.startswith(("tests/", "benchmarks/"))
        and not (ROOT / name).is_file()
    ]
    assert not gone, f"docs/architecture.md names modules that do not exist: {gone}"


def _store_api_block() -> str:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    return text.split("## Store API", 1)[1].split("```python", 1)[1].split("```", 1)[0]


def test_the_store_api_block_names_real_methods_and_parameters() -> None:
    for method, args in re.findall(r"kg\.(\w+)\(([^)]*)\)", _store_api_block()):
        function = getattr(KnowledgeGraph, method, None)
        assert callable(function), f"KnowledgeGraph.{method} is documented but does not exist"
        parameters = inspect.signature(function).parameters
        for arg in (a.split("=")[0].strip() for a in args.split(",") if a.strip()):
            if arg.isidentifier() and arg not in ("path", "None") and not arg[0].isupper():
                assert arg in parameters, f"KnowledgeGraph.{method} has no parameter {arg!r}"
    for named in re.findall(r"kg\.(\w+)\b(?!\()", _store_api_block()):
        assert hasattr(KnowledgeGraph, named) or named == "dataset", f"kg.{named} is documented but missing"


def test_the_architecture_examples_run() -> None:
    failures, tried = doctest.testfile(str(ARCHITECTURE), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert tried > 5 and failures == 0


DOC_PAGES = ["README.md", "docs/network.md", "docs/queries.md", "docs/sources.md"]


def _python_blocks(page: str) -> list[str]:
    text = (ROOT / page).read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```python")[1:]]


@pytest.mark.parametrize("page", DOC_PAGES)
def test_python_examples_name_what_exists(page: str) -> None:
    """Each example compiles, its imports resolve, and keyword arguments of the imported functions exist
    (running them needs a store, a server or the reader's files: the README's runs below)."""
    blocks = _python_blocks(page)
    assert blocks, f"{page} has no Python example"
    for block in blocks:
        tree = ast.parse(block)
        imported: dict[str, object] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = importlib.import_module(node.module)
                for alias in node.names:
                    assert hasattr(module, alias.name), f"{page}: {node.module} has no {alias.name}"
                    imported[alias.asname or alias.name] = getattr(module, alias.name)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in imported:
                target = imported[node.func.id]
                if not callable(target):
                    continue
                parameters = inspect.signature(target).parameters
                takes_any = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
                for keyword in node.keywords:
                    assert keyword.arg is None or takes_any or keyword.arg in parameters, (
                        f"{page}: {node.func.id}() has no parameter {keyword.arg!r}"
                    )


@pytest.mark.slow
def test_the_readme_python_example_runs() -> None:
    (block,) = _python_blocks("README.md")
    scope: dict[str, object] = {}
    exec(compile(block + "\n_answer = " + block.strip().splitlines()[-1], "README.md", "exec"), scope)
    assert len(scope["_answer"]) > 0  # type: ignore[arg-type]
