"""``danvan-kg push``: send the store's named graphs to a remote SPARQL store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from danvan_kg.errors import EndpointError, StoreError
from danvan_kg.paths import default_store_dir
from danvan_kg.serving.push import DEFAULT_BATCH_TRIPLES, PushReport, Target, push_graphs

NAME = "push"
HELP = "push the store to a remote SPARQL store, one named graph at a time (GSP PUT or SPARQL UPDATE)"


def register(parser: argparse.ArgumentParser) -> None:
    """Add the push options."""
    parser.add_argument(
        "--endpoint", required=True, metavar="URL", help="SPARQL UPDATE endpoint of the remote store"
    )
    parser.add_argument(
        "--graph-store",
        metavar="URL",
        default=None,
        help="Graph Store Protocol endpoint: PUT each graph instead of SPARQL UPDATE",
    )
    parser.add_argument("--user", default=None, help="user name for HTTP auth")
    parser.add_argument(
        "--password",
        default=os.environ.get("DANVAN_KG_PUSH_PASSWORD"),
        help="password for HTTP auth (default: $DANVAN_KG_PUSH_PASSWORD, which keeps it out of `ps`)",
    )
    parser.add_argument(
        "--auth", choices=("basic", "digest"), default="basic", help="HTTP auth scheme (default basic)"
    )
    parser.add_argument(
        "--graphs", nargs="+", metavar="IRI", default=None, help="push only these named graphs"
    )
    parser.add_argument(
        "--batch-triples",
        type=int,
        default=DEFAULT_BATCH_TRIPLES,
        metavar="N",
        help=f"at most N triples per request (default {DEFAULT_BATCH_TRIPLES:,})",
    )
    parser.add_argument(
        "--timeout", type=float, default=300.0, metavar="S", help="seconds per request (default 300)"
    )
    parser.add_argument("--retries", type=int, default=4, metavar="N", help="retries per request (default 4)")


def run(args: argparse.Namespace) -> int:
    """Push, show progress, print a closing summary; non-zero exit when anything was left out."""
    from danvan_kg.store import KnowledgeGraph

    _check_options(args)
    store = Path(args.store).expanduser() if args.store else default_store_dir()
    if not (store / "CURRENT").exists():
        raise StoreError(f"no store at {store} (ingest or build one first)")
    target = Target(
        endpoint=args.endpoint,
        graph_store=args.graph_store,
        user=args.user,
        password=args.password,
        auth=args.auth,
        timeout=args.timeout,
        retries=args.retries,
    )
    console = Console(stderr=True)
    with KnowledgeGraph.open(store) as kg:
        graphs = args.graphs or kg.graph_iris()
        if not graphs:
            raise StoreError(f"the store {store} has no named graphs to push")
        with Progress(
            TextColumn("pushing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("graphs"),
            TextColumn("{task.fields[triples]:,} triples"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as progress:
            task = progress.add_task("push", total=len(graphs), triples=0)

            def done(_graph: str, count: int) -> None:
                progress.update(task, advance=1, triples=progress.tasks[task].fields["triples"] + count)

            report = push_graphs(
                kg, target, graphs=graphs, batch_triples=args.batch_triples, on_graph_done=done
            )
    return _summarise(report, args.graph_store or args.endpoint)


def _check_options(args: argparse.Namespace) -> None:
    """One-line errors for option values push cannot use; no password without a user."""
    if args.batch_triples < 1:
        raise EndpointError("--batch-triples must be at least 1")
    if args.retries < 0:
        raise EndpointError("--retries cannot be negative")
    if args.user is not None and args.password is None:
        raise EndpointError("--user needs --password (or $DANVAN_KG_PUSH_PASSWORD)")
    if args.user is None:
        args.password = None


def _summarise(report: PushReport, where: str) -> int:
    """The closing summary (stdout when complete, each failure on stderr otherwise); the exit status."""
    if report.ok:
        print(f"push complete: {report.summary()} to {where}")
        return 0
    for graph_iri, why in report.failed.items():
        print(f"danvan-kg: error: graph {graph_iri} failed: {why}", file=sys.stderr)
    if report.aborted:
        print(f"danvan-kg: error: push stopped: {report.aborted}", file=sys.stderr)
    print(f"danvan-kg: error: push incomplete: {report.summary()} to {where}", file=sys.stderr)
    return 1
