"""``danvan-kg export``: the store as RDF files, or the entity network for Gephi and spreadsheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from danvan_kg.cli._common import open_store, stderr
from danvan_kg.errors import InputError
from danvan_kg.store import EXPORT_FORMATS

NAME = "export"
HELP = "Export the store: RDF (ttl, nt, nq, trig, jsonld) or the entity network (graphml, gexf, csv)."
NETWORK_FORMATS = ("graphml", "gexf", "csv")


def register(parser: argparse.ArgumentParser) -> None:
    """The format and the output file."""
    parser.add_argument("--format", required=True, choices=(*EXPORT_FORMATS, *NETWORK_FORMATS))
    parser.add_argument(
        "--out",
        "-o",
        metavar="FILE",
        help="output file (default: stdout for RDF formats); csv writes STEM-nodes.csv and STEM-edges.csv",
    )


def run(args: argparse.Namespace) -> int:
    """Write the export and name every file written (csv: two)."""
    if args.format in NETWORK_FORMATS and not args.out:
        raise InputError(f"--format {args.format} needs --out FILE")
    kg = open_store(args)
    written: list[Path] = []
    try:
        if args.format in NETWORK_FORMATS:
            from danvan_kg.network.formats import write
            from danvan_kg.network.projection import project

            written = write(project(kg), Path(args.out), args.format)
        elif args.out:
            kg.export(Path(args.out), args.format)
            written = [Path(args.out)]
        else:
            kg.export(sys.stdout.buffer, args.format)
            sys.stdout.flush()
    finally:
        kg.close()
    if written:
        stderr.print(f"wrote {' and '.join(str(path) for path in written)}", markup=False)
    return 0
