"""``danvan-kg build``: the main job on the bundled data."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from danvan_kg.build import load_bundled, load_reference, write_outputs
from danvan_kg.cli._common import open_store, progress_bar, stderr, stdout
from danvan_kg.ingest import count_sources
from danvan_kg.paths import samples_dir

NAME = "build"
HELP = (
    "Load the ontology, reference data and data/samples into the store, validate, write graph files and HTML."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="out", metavar="DIR", help="output folder (default: ./out)")
    parser.add_argument(
        "--samples", default=None, metavar="DIR", help="sample folder (default: data/samples)"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, help="worker processes for extraction (0 = all cores)"
    )
    parser.add_argument(
        "--no-samples",
        action="store_true",
        help="load only the ontology, the reference vocabularies and the administrative units "
        "(no samples, no validation, no outputs): the base a corpus is ingested onto",
    )


def _reference_only(args: argparse.Namespace) -> int:
    """``build --no-samples``: the reference graphs (and the preferred labels of the whole store)."""
    started = time.perf_counter()
    kg = open_store(args)
    store_path = kg.location
    try:
        sizes = load_reference(kg)
    finally:
        kg.close()
    stdout.print(
        f"loaded {sum(sizes.values())} reference triples in {len(sizes)} graphs "
        f"({time.perf_counter() - started:.1f} s; no samples)\nstore: {store_path}",
        markup=False,
    )
    return 0


def run(args: argparse.Namespace) -> int:
    from danvan_kg.validate import validate_store

    if getattr(args, "no_samples", False):
        return _reference_only(args)
    started = time.perf_counter()
    samples = Path(args.samples) if args.samples else samples_dir()
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    kg = open_store(args)
    store_path = kg.location
    try:
        with progress_bar("build", count_sources([samples])) as advance:
            report = load_bundled(kg, samples, jobs=jobs, on_progress=advance)
        validation = validate_store(kg)
        outputs = write_outputs(kg, Path(args.out))
        stats = kg.stats()
    finally:
        kg.close()
    for source, reason in report.skipped:
        stderr.print(
            f"danvan-kg: skipped {reason if source in reason else f'{source}: {reason}'}", markup=False
        )
    classes = ", ".join(f"{k} {v}" for k, v in stats["classes"].items() if v)
    relations = ", ".join(f"{k} {v}" for k, v in stats["relations"].items() if v)
    verdict = "conforms" if validation.conforms else f"{len(validation.violations)} violations"
    stdout.print(
        f"built {report.documents} documents and {report.records_files} record files "
        f"into {stats['triples']} triples in {stats['graphs']['total']} graphs "
        f"({time.perf_counter() - started:.1f} s)\n"
        f"classes: {classes}\nrelations: {relations}\nSHACL: {verdict}\n"
        f"store: {store_path}; outputs: {', '.join(str(p) for p in outputs)}",
        markup=False,
    )
    if not validation.conforms:
        stderr.print(
            "danvan-kg: the graph does not conform to ontology/shapes.ttl; run `danvan-kg validate`",
            markup=False,
        )
    return 0 if report.ok and validation.conforms else 1
