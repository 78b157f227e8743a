"""``danvan-kg sparql QUERY_OR_FILE``: any SPARQL query, with the project prefixes predeclared."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console

from danvan_kg.cli._common import served_endpoint
from danvan_kg.errors import QueryError
from danvan_kg.query.adhoc import read_query, run_sparql
from danvan_kg.query.answer import Answer
from danvan_kg.query.output import GRAPH_FORMATS, write_answer, write_boolean, write_graph
from danvan_kg.query.targets import open_existing_store

NAME = "sparql"
HELP = "run any SPARQL query (text or .rq file) on the store or a remote endpoint"


def register(parser: argparse.ArgumentParser) -> None:
    """The query (text or file) and output options."""
    parser.add_argument("query", metavar="QUERY_OR_FILE", help="SPARQL text, or a .rq file; `-` reads stdin")
    parser.add_argument(
        "--format",
        choices=GRAPH_FORMATS,
        default=None,
        help="table, json or csv (default table); ttl for CONSTRUCT/DESCRIBE (their default)",
    )
    parser.add_argument(
        "--endpoint", metavar="URL", help="query a remote SPARQL endpoint instead of the store"
    )
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="endpoint timeout in seconds (default 30)"
    )


def run(args: argparse.Namespace) -> int:
    """Run the query and write its answer."""
    text = sys.stdin.read() if args.query == "-" else read_query(args.query)
    endpoint = args.endpoint or served_endpoint(args)
    if endpoint:
        from danvan_kg.query.remote import RemoteEndpoint

        result = run_sparql(RemoteEndpoint(endpoint, timeout=args.timeout), text)
    else:
        with open_existing_store(args.store) as kg:
            result = run_sparql(kg, text)
    out = Console(highlight=False)
    if isinstance(result, Answer):
        err = Console(stderr=True, highlight=False)
        for note in result.notes:
            err.print(f"note: {note}", style="dim", markup=False, soft_wrap=True)
        if args.format == "ttl":
            raise QueryError("--format ttl is for CONSTRUCT and DESCRIBE queries; use table, json or csv")
        write_answer(result, args.format or "table", sys.stdout, out)
    elif isinstance(result, bool):
        write_boolean(result, args.format or "table", sys.stdout)
    else:
        write_graph(result, args.format or "ttl", sys.stdout)
    return 0
