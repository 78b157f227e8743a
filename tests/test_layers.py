"""The package's imports run one way, down the data flow (``docs/architecture.md``, "Layers").

Every ``import`` of a ``danvan_kg`` module (at the top of a file or inside a function) is read from
the source with :mod:`ast`; a module may import modules of its own layer or of the layers below,
never one above. A new module belongs to the layer of the longest entry of :data:`LAYERS` that
prefixes its name; a module no entry covers fails the test, so that its place is decided.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import danvan_kg

PACKAGE = Path(danvan_kg.__file__).parent

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("danvan_kg", "danvan_kg.errors", "danvan_kg.paths", "danvan_kg.text.normalise")),
    ("identifiers", ("danvan_kg.ids", "danvan_kg.formats")),
    ("text", ("danvan_kg.text",)),
    ("reference data", ("danvan_kg.refdata", "danvan_kg.resolve", "danvan_kg.geo.data")),
    ("sources", ("danvan_kg.sources",)),
    ("extraction", ("danvan_kg.extract",)),
    ("rdf", ("danvan_kg.rdf", "danvan_kg.sparql")),
    ("store", ("danvan_kg.store",)),
    ("questions", ("danvan_kg.query", "danvan_kg.geo", "danvan_kg.validate")),
    ("network", ("danvan_kg.network",)),
    (
        "applications",
        (
            "danvan_kg.ingest",
            "danvan_kg.graphwriter",
            "danvan_kg.build",
            "danvan_kg.notebook",
            "danvan_kg.serving",
        ),
    ),
    ("command line", ("danvan_kg.cli", "danvan_kg.__main__")),
]
"""Layers from the bottom up, each a tuple of module-name prefixes (a prefix covers its submodules;
``danvan_kg`` itself is only the package's ``__init__``)."""

GEO_DATA = ("areas", "distance", "outlines", "points", "units")
"""The geo modules that hold data about units (used by RDF building); the rest answer questions."""


def module_name(path: Path) -> str:
    """``danvan_kg.a.b`` for ``<package>/a/b.py`` (a package's ``__init__`` is the package)."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    """Index in :data:`LAYERS` of the longest prefix covering ``module``; ``-1`` when none does."""
    if module.startswith("danvan_kg.geo.") and module.split(".")[2] in GEO_DATA:
        module = "danvan_kg.geo.data"
    best, best_len = -1, -1
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            covers = module == prefix or (prefix != "danvan_kg" and module.startswith(prefix + "."))
            if covers and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


def imports_of(path: Path) -> set[str]:
    """The ``danvan_kg`` modules ``path`` imports (``from x import y`` counts ``x.y`` when it is a module)."""
    module = module_name(path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "danvan_kg")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "danvan_kg":
                continue
            found.add(target)
            for alias in node.names:  # `from danvan_kg.x import y` where y is a module
                candidate = PACKAGE.parent / Path(*f"{target}.{alias.name}".split("."))
                if candidate.with_suffix(".py").is_file() or (candidate / "__init__.py").is_file():
                    found.add(f"{target}.{alias.name}")
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    unplaced = [module_name(p) for p in MODULES if layer_of(module_name(p)) < 0]
    assert not unplaced, f"modules in no layer of tests/test_layers.py LAYERS: {unplaced}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_run_down_the_layers(path: Path) -> None:
    module = module_name(path)
    own = layer_of(module)
    assert own >= 0, f"{module} is in no layer (see test_every_module_has_a_layer)"
    upward = sorted(
        f"{target} ({LAYERS[layer_of(target)][0]})" for target in imports_of(path) if layer_of(target) > own
    )
    assert not upward, f"{module} ({LAYERS[own][0]}) imports from a layer above: {', '.join(upward)}"


def test_package_inits_import_nothing_above_their_modules() -> None:
    """Importing ``a.b.c`` runs ``a/__init__`` and ``a/b/__init__`` first: what they import must not
    sit above ``c``'s layer, or a low module would pull in (and cycle with) a high one."""
    wrong = []
    for path in MODULES:
        module = module_name(path)
        parts = module.split(".")
        for depth in range(1, len(parts)):
            parent = ".".join(parts[:depth])
            init = PACKAGE.parent / Path(*parts[:depth]) / "__init__.py"
            above = [t for t in imports_of(init) if layer_of(t) > layer_of(module)]
            if above:
                wrong.append(f"{parent}/__init__ imports {', '.join(sorted(above))} above {module}")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_layer_table_matches_the_architecture_page() -> None:
    """docs/architecture.md shows the same layers in the same order."""
    text = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    positions = [text.find(f"**{name}**") for name, _prefixes in LAYERS]
    assert all(p >= 0 for p in positions), "every layer is named in bold in docs/architecture.md"
    assert positions == sorted(positions), "docs/architecture.md lists the layers bottom up, as LAYERS does"
