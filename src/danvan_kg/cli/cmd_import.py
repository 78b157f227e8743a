"""``danvan-kg import``: RDF files (a colleague's export, a server dump) into the store.

The counterpart of ``export``. By default each file is one transaction: a file that does not
parse changes nothing, and the other files are still imported. ``--bulk`` is the fast path for
a first load of a large dump into an empty store (several cores, not transactional: a failure
empties the store again).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from danvan_kg.cli._common import byte_progress, open_store, progress_bar, stderr
from danvan_kg.errors import DanvanError, InputError
from danvan_kg.store import KnowledgeGraph, require_file

NAME = "import"
HELP = "Import RDF files (nq, trig, jsonld keep their graphs; ttl, nt, rdf go to one graph each)."


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="RDF files (format from the extension)")
    parser.add_argument(
        "--format", metavar="FMT", help="RDF format of every file: ttl, nt, nq, trig, jsonld or xml"
    )
    parser.add_argument(
        "--graph",
        metavar="IRI",
        help="named graph for triple formats (default: .../graph/import/<file name without extension>)",
    )
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="fast first load of one large file into an empty store (not transactional)",
    )


def run(args: argparse.Namespace) -> int:
    if args.graph is not None and not args.graph.strip():
        raise InputError("--graph needs an IRI")
    if args.bulk and len(args.files) != 1:
        raise InputError("--bulk loads one file into an empty store; give exactly one FILE")
    started = time.perf_counter()
    kg = open_store(args)
    try:
        if args.bulk:
            path = Path(args.files[0])
            require_file(path)
            with byte_progress(f"bulk loading {path.name}", path.stat().st_size) as advance:
                kg.bulk_load(path, args.format, args.graph, progress=advance)
            failures = 0
        else:
            failures = _import_each(kg, [Path(f) for f in args.files], args.format, args.graph)
        stats = kg.stats()
    finally:
        kg.close()
    stderr.print(
        f"store now holds {stats['triples']:,} triples in {stats['graphs']['total']:,} graphs"
        f" ({time.perf_counter() - started:.1f} s)",
        markup=False,
    )
    return 1 if failures else 0


def _import_each(kg: KnowledgeGraph, paths: list[Path], fmt: str | None, graph: str | None) -> int:
    """One transaction per file; errors are printed as they come and counted."""
    failures = 0
    with progress_bar("importing", len(paths)) as advance:
        for path in paths:
            try:
                count = kg.load_file(path, fmt, graph)
            except DanvanError as exc:
                failures += 1
                stderr.print(f"danvan-kg: error: {exc}", markup=False)
            else:
                stderr.print(f"{path}: {count:,} statements", markup=False)
            advance(str(path))
    return failures
