"""What the notebooks open: the bundled data, a store folder or a folder of articles.

The first cell of every notebook names its source, ``bundled`` unless the environment variable
``DANVAN_KG_SOURCE`` (or a papermill parameter) says otherwise, so the same notebooks run on
any store or corpus without editing code:

* ``bundled``: the ontology, reference data and ``data/samples``, in memory;
* a store folder (an Oxigraph store made by ``build`` or ``ingest``), opened as it is;
* a folder of articles (``.txt``, ``.csv`` records; its ``texts/`` subfolder when it has one,
  as the shared dev corpus does), loaded in memory with the reference data.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from danvan_kg.errors import InputError
from danvan_kg.store import KnowledgeGraph

if TYPE_CHECKING:
    import pandas

SOURCE_ENV = "DANVAN_KG_SOURCE"
IRI_PREFIXES = ("https://w3id.org/danvan-kg/", "http://", "https://")


def open_source(source: str | os.PathLike[str] | None = None) -> tuple[KnowledgeGraph, str]:
    """The knowledge graph of ``source`` (default ``$DANVAN_KG_SOURCE``, else ``bundled``) and a
    one-line description of what was opened."""
    from danvan_kg.build import load_bundled, load_reference
    from danvan_kg.ingest import ingest_paths

    name = str(source or os.environ.get(SOURCE_ENV) or "bundled")
    if name == "bundled":
        kg = KnowledgeGraph.open(None, backend="memory")
        report = load_bundled(kg)
        return kg, f"bundled data: {report.documents} texts and {report.records_files} record files"
    path = Path(name).expanduser()
    if (path / "CURRENT").is_file():
        kg = KnowledgeGraph.open(path)
        return kg, f"store {path}: {len(kg.graph_iris())} named graphs"
    if path.is_dir():
        folder = path / "texts" if (path / "texts").is_dir() else path
        kg = KnowledgeGraph.open(None, backend="memory")
        load_reference(kg)
        report = ingest_paths(kg, [folder])
        if not report.documents and not report.records_files:
            raise InputError(f"{folder}: no .txt articles or .csv records to load")
        return kg, f"articles in {folder}: {report.documents} texts and {report.records_files} record files"
    raise InputError(f"{name}: not 'bundled', a store folder or a folder of articles")


def _is_iri_column(series: pandas.Series) -> bool:
    values = [v for v in series.dropna().tolist() if v != ""]
    return bool(values) and all(isinstance(v, str) and v.startswith(IRI_PREFIXES) for v in values)


def readable(frame: pandas.DataFrame) -> pandas.DataFrame:
    """``frame`` with its IRI columns moved to the end, so names come first (order otherwise kept)."""
    iris = [c for c in frame.columns if _is_iri_column(frame[c])]
    return frame[[c for c in frame.columns if c not in iris] + iris]
