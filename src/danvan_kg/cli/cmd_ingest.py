"""``danvan-kg ingest PATH...``: text files and CSV records into the store."""

from __future__ import annotations

import argparse
import json
import os

from danvan_kg.cli._common import open_store, progress_bar, stderr, stdout
from danvan_kg.ingest import count_sources, ingest_paths

NAME = "ingest"
HELP = "Ingest text files (.txt) and CSV records (.csv) into the store, one named graph per source."


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or directories (walked for *.txt, *.csv)"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, help="worker processes for extraction (0 = all cores)"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table", help="summary format")


def run(args: argparse.Namespace) -> int:
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    kg = open_store(args)
    try:
        with progress_bar("ingest", count_sources(args.paths)) as advance:
            report = ingest_paths(kg, args.paths, jobs=jobs, on_progress=advance)
    finally:
        kg.close()
    for source, reason in report.skipped:
        message = reason if source in reason else f"{source}: {reason}"
        stderr.print(f"danvan-kg: skipped {message}", markup=False)
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, sort_keys=True))
    else:
        entities = ", ".join(f"{k} {v}" for k, v in sorted(report.entities.items())) or "none"
        relations = ", ".join(f"{k} {v}" for k, v in sorted(report.relations.items())) or "none"
        stdout.print(
            f"ingested {report.documents} documents and {report.records_files} record files; "
            f"skipped {len(report.skipped)}\nentities: {entities}\nrelations: {relations}",
            markup=False,
        )
    return 0 if report.ok else 1
