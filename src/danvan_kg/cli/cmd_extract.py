"""``danvan-kg extract PATH_OR_URL... --format jsonl|ttl [--jobs N]``: entities and relations of documents.

No store is touched. ``jsonl`` prints one JSON object per document (the contract of
``shared/DESIGN.md``); ``ttl`` prints each document's article graph as Turtle. Documents are text
files, saved web pages, PDF and Word files, URLs, and the articles of ``--urls`` lists, feeds
and sitemaps (see ``ingest``). Unreadable inputs are reported on stderr as one line each; the
others are still processed and the exit status is non-zero at the end.
"""

from __future__ import annotations

import argparse
import json
import sys

from danvan_kg.cli._sources import add_source_arguments, document_filter, fetcher_for, inputs_from, say
from danvan_kg.errors import InputError
from danvan_kg.extract.parallel import extract_sources
from danvan_kg.sources.files import DOCUMENT_SUFFIXES
from danvan_kg.sources.plan import fetch_plan, plan_inputs

NAME = "extract"
HELP = (
    "Extract entities and relations (with evidence) from documents, web pages or feeds; "
    "print JSON lines or Turtle."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH_OR_URL",
        help="files, folders (walked for .txt .html .htm .xhtml .pdf .docx) or http(s) URLs",
    )
    parser.add_argument(
        "--format", "-f", choices=("jsonl", "ttl"), default="jsonl", help="output format (default jsonl)"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, default=1, help="worker processes (0 = all cores; default 1)"
    )
    add_source_arguments(parser)


def run(args: argparse.Namespace) -> int:
    keep = document_filter(args)
    inputs = inputs_from(args)
    failed = 0
    out = sys.stdout
    with fetcher_for(args, inputs) as fetcher:
        plan = plan_inputs(
            inputs, fetcher=fetcher, dates=keep.dates, suffixes=DOCUMENT_SUFFIXES, record_suffixes=()
        )
        for _, reason in plan.problems:
            print(f"danvan-kg: error: {reason}", file=sys.stderr, flush=True)
        failed += len(plan.problems)
        if plan.empty and not plan.outside_dates:
            raise InputError(
                "no input documents (folders are walked for " + ", ".join(DOCUMENT_SUFFIXES) + ")"
            )
        refs, failures = fetch_plan(plan, fetcher)
        for _, reason in failures:
            print(f"danvan-kg: error: {reason}", file=sys.stderr, flush=True)
        failed += len(failures)
        seen: dict[str, str] = {}
        for outcome in extract_sources(refs, jobs=args.jobs, keep=keep):
            if outcome.dropped:
                say("left out", f"{outcome.source}: {outcome.dropped}")
                continue
            extraction = outcome.extraction
            if extraction is None:
                failed += 1
                print(f"danvan-kg: error: {outcome.error}", file=sys.stderr, flush=True)
                continue
            key = extraction.document.key
            if key in seen:
                say("note:", f"{outcome.source}: the same document as {seen[key]}; printed once")
                continue
            seen[key] = outcome.source
            if args.format == "jsonl":
                out.write(json.dumps(extraction.to_json(), ensure_ascii=False) + "\n")
            else:
                from danvan_kg.rdf.triples import extraction_to_graph

                graph = extraction_to_graph(extraction)
                out.write(f"# {outcome.source}\n")
                out.write(graph.serialize(format="turtle"))
                out.write("\n")
    out.flush()
    return 1 if failed else 0
