"""Write an entity network for other tools: GraphML (yEd, Cytoscape), GEXF (Gephi), CSV.

networkx writers accept only scalar attributes, so lists are joined with ``"; "`` and missing
values become empty strings. CSV writes ``<stem>-nodes.csv`` and ``<stem>-edges.csv`` with
Gephi's column names (``Id``/``Label`` and ``Source``/``Target``).
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import networkx as nx

from danvan_kg.errors import InputError
from danvan_kg.formats import NETWORK_FORMATS

FORMATS = NETWORK_FORMATS
"""The formats :func:`write` writes (:data:`danvan_kg.formats.NETWORK_FORMATS`)."""

NODE_COLUMNS = (
    "type",
    "subtype",
    "place",
    "province_2025",
    "province_2020",
    "degree",
    "aliases",
    "years",
    "undated",
    "sources",
    "sentence",
    "iri",
)
EDGE_COLUMNS = (
    "relation",
    "evidence_count",
    "confidence",
    "sentence",
    "quote",
    "source",
    "source_title",
    "sources",
    "years",
    "undated",
)


def _scalar(value: Any) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in (sorted(value) if isinstance(value, set | frozenset) else value))
    return str(value)


def scalar_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose node, edge and graph attributes are all str/int/float/bool."""
    out: nx.MultiDiGraph = nx.MultiDiGraph()
    out.graph.update({k: _scalar(v) for k, v in graph.graph.items()})
    for node, data in graph.nodes(data=True):
        out.add_node(str(node), **{k: _scalar(v) for k, v in data.items()})
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(str(u), str(v), key=str(key), **{k: _scalar(val) for k, val in data.items()})
    return out


def csv_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The nodes and edges files written for ``path`` (``<stem>-nodes.csv``, ``<stem>-edges.csv``)."""
    base = Path(path)
    return base.with_name(f"{base.stem}-nodes.csv"), base.with_name(f"{base.stem}-edges.csv")


def _write_csv(graph: nx.MultiDiGraph, path: Path) -> list[Path]:
    nodes_path, edges_path = csv_paths(path)
    with nodes_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(("Id", "Label", *NODE_COLUMNS))
        for node, data in graph.nodes(data=True):
            writer.writerow((node, data.get("label", ""), *(data.get(c, "") for c in NODE_COLUMNS)))
    with edges_path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(("Source", "Target", "Key", *EDGE_COLUMNS))
        for u, v, key, data in graph.edges(keys=True, data=True):
            writer.writerow((u, v, key, *(data.get(c, "") for c in EDGE_COLUMNS)))
    return [nodes_path, edges_path]


def write(graph: nx.MultiDiGraph, path: str | os.PathLike[str], fmt: str) -> list[Path]:
    """Write ``graph`` to ``path`` as ``graphml``, ``gexf`` or ``csv``; returns the files written."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown network format {fmt!r} (use one of {', '.join(FORMATS)})")
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name")
    flat = scalar_copy(graph)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            return _write_csv(flat, target)
        if fmt == "graphml":
            nx.write_graphml(flat, target, encoding="utf-8", named_key_ids=True)
        else:
            for i, (_u, _v, _k, data) in enumerate(flat.edges(keys=True, data=True)):
                data["id"] = str(i)  # GEXF edge ids must be unique across the file
            nx.write_gexf(flat, target, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return [target]
