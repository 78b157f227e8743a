"""``danvan-kg stats``: counts by class and relation."""

from __future__ import annotations

import argparse
import json

from rich.table import Table

from danvan_kg.cli._common import open_store, stdout

NAME = "stats"
HELP = "Counts by class and relation (the JSON form is stable, so two stores can be compared)."


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "json"), default="table")


def run(args: argparse.Namespace) -> int:
    kg = open_store(args)
    try:
        stats = kg.stats()
    finally:
        kg.close()
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, sort_keys=True, indent=2))
        return 0
    table = Table(
        title=f"{stats['triples']} triples in {stats['graphs']['total']} graphs "
        f"({stats['graphs']['articles']} articles, {stats['graphs']['records']} record files)"
    )
    table.add_column("kind")
    table.add_column("name")
    table.add_column("count", justify="right")
    for name, n in stats["classes"].items():
        table.add_row("class", name, str(n))
    for name, n in stats["relations"].items():
        table.add_row("relation", name, str(n))
    stdout.print(table)
    return 0
