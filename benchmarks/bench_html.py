"""HTML export time of the entity network at 1,000 and 10,000 nodes.

Synthetic networks shaped like ``project()`` output (``danvan_kg.network.synthetic``) are laid out
and written as self-contained pages; pyvis's own ``from_nx`` + ``write_html`` is timed on the same
graphs as the baseline. Run ``python benchmarks/bench_html.py`` to print the figures as JSON.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from danvan_kg.network.html import page_data, write_html
from danvan_kg.network.layout import compute_positions
from danvan_kg.network.synthetic import synthetic_network

SIZES = (1_000, 10_000)


def _median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def _pyvis_seconds(graph: Any, path: Path) -> float:
    """pyvis on the same nodes and edges (only label/title attributes: pyvis rejects ``source``)."""
    import networkx as nx
    from pyvis.network import Network

    plain = nx.MultiDiGraph()
    plain.add_nodes_from((n, {"label": d["label"], "title": d["type"]}) for n, d in graph.nodes(data=True))
    plain.add_edges_from((u, v, {"title": d["relation"]}) for u, v, d in graph.edges(data=True))
    graph = plain

    def action() -> None:
        net = Network(directed=True, cdn_resources="in_line")
        net.from_nx(graph)
        net.write_html(str(path), notebook=False)

    return _median_seconds(action, 1)


def run(repeat: int = 3, *, baseline: bool = True) -> dict[str, Any]:
    """Median seconds per step and page size for each network size."""
    results: dict[str, Any] = {"repeat": repeat, "sizes": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for n in SIZES:
            graph = synthetic_network(n, seed=0)
            out = Path(tmp) / f"net-{n}.html"
            positions = compute_positions(graph)
            row: dict[str, Any] = {
                "nodes": graph.number_of_nodes(),
                "edges": graph.number_of_edges(),
                "layout_s": _median_seconds(lambda g=graph: compute_positions(g), repeat),
                "page_data_s": _median_seconds(
                    lambda g=graph, p=positions: page_data(g, positions=p), repeat
                ),
                "write_html_total_s": _median_seconds(lambda g=graph, o=out: write_html(g, o), repeat),
                "physics": page_data(graph, positions=positions)["physics"],
            }
            row["html_bytes"] = out.stat().st_size
            if baseline:
                row["pyvis_from_nx_write_html_s"] = _pyvis_seconds(graph, Path(tmp) / f"pyvis-{n}.html")
            results["sizes"][str(n)] = row
    return results


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
