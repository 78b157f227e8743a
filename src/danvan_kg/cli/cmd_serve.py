"""``danvan-kg serve``: a SPARQL endpoint over the store on 127.0.0.1 (Oxigraph server)."""

from __future__ import annotations

import argparse
from pathlib import Path

from danvan_kg.paths import default_store_dir
from danvan_kg.serving.serve import DEFAULT_PORT, DEFAULT_TIMEOUT, serve

NAME = "serve"
HELP = "serve the store as a SPARQL 1.1 endpoint with a browser query page (Oxigraph server)"


def register(parser: argparse.ArgumentParser) -> None:
    """Add the serve options."""
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT})")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--writable",
        action="store_true",
        help="also accept SPARQL updates and Graph Store Protocol writes (default: read-only)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"give up on a query after S seconds (default {DEFAULT_TIMEOUT:.0f}; 0: never)",
    )
    parser.add_argument(
        "--max-rows",
        type=_rows,
        default=0,
        metavar="N",
        help="cut SELECT answers after N rows (header X-SPARQL-MaxRows; default 0: no limit)",
    )


def _rows(value: str) -> int:
    try:
        rows = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of rows: {value!r}") from None
    if rows < 0:
        raise argparse.ArgumentTypeError("the row limit cannot be negative")
    return rows


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if seconds < 0:
        raise argparse.ArgumentTypeError("the timeout cannot be negative")
    return seconds


def run(args: argparse.Namespace) -> int:
    """Serve until Ctrl-C / SIGTERM."""
    store = Path(args.store).expanduser() if args.store else default_store_dir()
    return serve(
        store,
        host=args.host,
        port=args.port,
        writable=args.writable,
        timeout=args.timeout,
        max_rows=args.max_rows,
    )
