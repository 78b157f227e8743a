"""A self-contained interactive HTML page of an entity network.

The page inlines vis-network (shipped inside the pyvis package) and our own template, so it
opens offline and requests nothing from any other host. Node and edge lists are built here as
JSON (pyvis's ``add_edge`` is quadratic) and embedded in a ``<script type="application/json">``
with ``<``, ``>``, ``&`` and U+2028/2029 escaped, so no label can close the script element;
the page script shows labels through ``textContent`` only. A Content-Security-Policy meta tag
forbids every outside request as defence in depth.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from danvan_kg import __version__
from danvan_kg.errors import DanvanError, InputError
from danvan_kg.network.layout import compute_positions

SizeBy = Literal["degree", "centrality"]

PHYSICS_THRESHOLD = 500
"""Above this many nodes the page starts with physics off and uses the Python layout as is."""

CLASS_STYLE: dict[str, dict[str, str]] = {
    "Resolution": {"colour": "#d62728", "shape": "square", "glyph": "■", "label": "Nghị quyết / Resolution"},
    "Movement": {"colour": "#ff7f0e", "shape": "star", "glyph": "★", "label": "Phong trào / Movement"},
    "Model": {"colour": "#1f77b4", "shape": "dot", "glyph": "●", "label": "Mô hình / Model"},
    "Organisation": {
        "colour": "#2ca02c",
        "shape": "diamond",
        "glyph": "◆",
        "label": "Tổ chức / Organisation",
    },
    "BeneficiaryGroup": {
        "colour": "#9467bd",
        "shape": "triangle",
        "glyph": "▲",
        "label": "Đối tượng / Beneficiary group",
    },
    "Place": {"colour": "#8c564b", "shape": "hexagon", "glyph": "⬢", "label": "Địa bàn / Place"},
    "Programme": {
        "colour": "#e377c2",
        "shape": "triangleDown",
        "glyph": "▼",
        "label": "Chương trình / Programme",
    },
    "Index": {"colour": "#7f7f7f", "shape": "triangleDown", "glyph": "▼", "label": "Chỉ số / Index"},
}
_OTHER_STYLE = {"colour": "#17becf", "shape": "dot", "glyph": "●", "label": "Khác / Other"}

_MIN_SIZE, _MAX_SIZE = 8.0, 40.0
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"\{\{ ([A-Z_]+) \}\}")


def script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


@cache
def _asset(package: str, *parts: str) -> str:
    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """vis-network's JS or CSS from the installed pyvis package (version 9.1.2)."""
    for parts in (("lib", "vis-9.1.2", name), ("templates", "lib", "vis-9.1.2", name)):
        try:
            return _asset("pyvis", *parts)
        except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
            continue
    raise DanvanError(f"vis-network {name} not found in the pyvis package (is pyvis>=0.3.2 installed?)")


def node_sizes(graph: nx.Graph, size_by: SizeBy = "degree", *, seed: int = 0) -> dict[Hashable, float]:
    """Display size of every node, from its degree or its betweenness centrality.

    Centrality is sampled (``k`` pivots) above 1,000 nodes so that it stays within seconds.
    """
    if graph.number_of_nodes() == 0:
        return {}
    if size_by == "degree":
        score = {n: float(d.get("degree", graph.degree(n))) for n, d in graph.nodes(data=True)}
    elif size_by == "centrality":
        simple = nx.Graph()
        simple.add_nodes_from(graph.nodes)
        simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
        n = simple.number_of_nodes()
        k = None if n <= 1000 else min(n, 64)
        score = nx.betweenness_centrality(simple, k=k, seed=seed)
    else:
        raise InputError(f"unknown size measure {size_by!r} (degree or centrality)")
    top = max(score.values()) or 1.0
    return {n: round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(s / top), 1) for n, s in score.items()}


def page_data(
    graph: nx.MultiDiGraph,
    *,
    title: str = "danvan-kg network",
    size_by: SizeBy = "degree",
    physics: bool | None = None,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> dict[str, Any]:
    """The JSON object the page script draws: classes, nodes (with positions) and edges."""
    n_nodes = graph.number_of_nodes()
    if physics is None:
        physics = n_nodes <= PHYSICS_THRESHOLD
    if positions is None:
        positions = compute_positions(graph)
    sizes = node_sizes(graph, size_by)
    index = {node: i for i, node in enumerate(graph.nodes)}
    counts = Counter(str(d.get("type", "")) for _n, d in graph.nodes(data=True))
    order = [c for c in CLASS_STYLE if c in counts] + sorted(c for c in counts if c not in CLASS_STYLE)
    classes = [{"name": c, "count": counts[c], **CLASS_STYLE.get(c, _OTHER_STYLE)} for c in order]
    nodes = []
    for node, d in graph.nodes(data=True):
        x, y = positions.get(node, (0.0, 0.0))
        sources = d.get("sources", [])
        if isinstance(sources, str):
            sources = [s for s in sources.split("; ") if s]
        nodes.append(
            {
                "id": index[node],
                "iri": str(d.get("iri", node)),
                "label": str(d.get("label", node)),
                "type": str(d.get("type", "")),
                "subtype": str(d.get("subtype", "")),
                "place": str(d.get("place", "")),
                "degree": int(d.get("degree", graph.degree(node))),
                "sources": [str(s) for s in sources],
                "sentence": str(d.get("sentence", "")),
                "x": x,
                "y": y,
                "size": sizes[node],
            }
        )
    edges = []
    for i, (u, v, k, d) in enumerate(graph.edges(keys=True, data=True)):
        edges.append(
            {
                "id": i,
                "from": index[u],
                "to": index[v],
                "relation": str(d.get("relation", k)),
                "evidence_count": int(d.get("evidence_count", 0)),
                "confidence": float(d.get("confidence", 1.0)),
                "sentence": str(d.get("sentence", "")),
                "source": str(d.get("source", "")),
            }
        )
    note = f"size: {size_by}; physics {'on' if physics else f'off (> {PHYSICS_THRESHOLD} nodes)'}"
    return {
        "title": title,
        "physics": bool(physics),
        "note": note,
        "classes": classes,
        "nodes": nodes,
        "edges": edges,
    }


def render_html(
    graph: nx.MultiDiGraph,
    *,
    title: str = "danvan-kg network",
    size_by: SizeBy = "degree",
    physics: bool | None = None,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
) -> str:
    """The whole self-contained page as a string (see :func:`page_data` for the arguments)."""
    data = page_data(graph, title=title, size_by=size_by, physics=physics, positions=positions)
    values = {
        "VERSION": html.escape(__version__),
        "TITLE": html.escape(title),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "APP_CSS": _asset(__package__, "templates", "app.css"),
        "DATA": script_json(data),
        "VIS_JS": _vis_asset("vis-network.min.js"),
        "APP_JS": _asset(__package__, "templates", "app.js"),
    }
    template = _asset(__package__, "templates", "network.html")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def write_html(graph: nx.MultiDiGraph, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`render_html` to ``path`` atomically (parent folders created); returns the path."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name such as network.html")
    page = render_html(graph, **options)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
