"""The main job: ontology, reference data and the bundled samples into the store, then outputs.

``load_bundled`` fills any store (notebooks use it on an in-memory one); ``run_build`` is what
``danvan-kg build`` does: load, validate, write graph files, statistics and the HTML network
into an output folder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from danvan_kg.errors import InputError
from danvan_kg.ids import ADMIN_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from danvan_kg.ingest import IngestReport, ingest_paths
from danvan_kg.paths import samples_dir
from danvan_kg.rdf.ontology import load_ontology
from danvan_kg.store import KnowledgeGraph


def load_reference(kg: KnowledgeGraph, *, labels: bool = True) -> dict[str, int]:
    """Write the ontology, reference vocabularies and administrative units (one transaction), then
    recompute the preferred labels of the whole store (the catalogues' labels come first)."""
    from danvan_kg.query.rollups import refresh_rollups
    from danvan_kg.rdf.labels import refresh_labels
    from danvan_kg.rdf.reference import admin_units_graph, reference_graph

    graphs = {
        str(ONTOLOGY_GRAPH): load_ontology(),
        str(REFERENCE_GRAPH): reference_graph(),
        str(ADMIN_GRAPH): admin_units_graph(),
    }
    kg.replace_graphs(graphs)
    if labels:
        refresh_labels(kg)
        refresh_rollups(kg)
    return {iri: len(g) for iri, g in graphs.items()}


def load_bundled(
    kg: KnowledgeGraph,
    samples: Path | None = None,
    *,
    jobs: int = 1,
    on_progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ontology + reference data + every text and CSV under ``data/samples`` into ``kg``."""
    load_reference(kg, labels=False)  # the ingest below refreshes what it touches; then all of it
    folder = samples or samples_dir()
    if not folder.is_dir():
        raise InputError(f"sample folder {folder} not found")
    report = ingest_paths(kg, [folder], jobs=jobs, on_progress=on_progress)
    from danvan_kg.query.rollups import refresh_rollups
    from danvan_kg.rdf.labels import refresh_labels

    refresh_labels(kg)
    refresh_rollups(kg)
    return report


def write_outputs(kg: KnowledgeGraph, out_dir: Path) -> list[Path]:
    """Graph files (TriG with named graphs, merged Turtle), statistics and the HTML network."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fmt in (("danvan-kg.trig", "trig"), ("danvan-kg.ttl", "ttl")):
        kg.export(out_dir / name, fmt)
        written.append(out_dir / name)
    stats_path = out_dir / "stats.json"
    stats_path.write_text(
        json.dumps(kg.stats(), ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8"
    )
    written.append(stats_path)
    from danvan_kg.network.html import write_html
    from danvan_kg.network.projection import project

    html_path = out_dir / "network.html"
    write_html(project(kg), html_path, title="danvan-kg: mạng quan hệ công tác dân vận")
    written.append(html_path)
    return written
