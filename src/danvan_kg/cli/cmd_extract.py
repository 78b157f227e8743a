"""``danvan-kg extract PATH... --format jsonl|ttl [--jobs N]``: entities and relations of text files.

No store is touched. ``jsonl`` prints one JSON object per document (the contract of
``shared/DESIGN.md``); ``ttl`` prints each document's article graph as Turtle. Unreadable inputs
are reported on stderr as one line each; the others are still processed and the exit status is
non-zero at the end.
"""

from __future__ import annotations

import argparse
import json
import sys

from danvan_kg.errors import InputError
from danvan_kg.extract.parallel import collect_paths, extract_paths

NAME = "extract"
HELP = "Extract entities and relations (with evidence) from text files; print JSON lines or Turtle."


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="text files or directories (walked for *.txt)"
    )
    parser.add_argument(
        "--format", "-f", choices=("jsonl", "ttl"), default="jsonl", help="output format (default jsonl)"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, help="worker processes (0 = all cores; default 1)"
    )


def run(args: argparse.Namespace) -> int:
    paths = collect_paths(args.paths)
    if not paths:
        raise InputError("no input documents (directories are walked for *.txt)")
    failed = 0
    out = sys.stdout
    for path, extraction, error in extract_paths(paths, jobs=args.jobs):
        if extraction is None:
            failed += 1
            print(f"danvan-kg: error: {error}", file=sys.stderr, flush=True)
            continue
        if args.format == "jsonl":
            out.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
        else:
            from danvan_kg.rdf.triples import extraction_to_graph

            graph = extraction_to_graph(extraction)
            out.write(f"# {path}\n")
            out.write(graph.serialize(format="turtle"))
            out.write("\n")
    out.flush()
    return 1 if failed else 0
