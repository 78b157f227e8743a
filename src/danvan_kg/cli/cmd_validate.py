"""``danvan-kg validate``: SHACL-validate the store and print a readable report.

Exits 0 when the graph conforms (warnings allowed), 1 when there are violations.
"""

from __future__ import annotations

import argparse

from danvan_kg.errors import StoreError
from danvan_kg.ids import ONTOLOGY_GRAPH
from danvan_kg.paths import default_store_dir

NAME = "validate"
HELP = "validate the store against the SHACL shapes (exit 1 on violations)"


def register(parser: argparse.ArgumentParser) -> None:
    """Add the ``--format`` and ``--include-admin-units`` options."""
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format (default: text)"
    )
    parser.add_argument(
        "--include-admin-units",
        action="store_true",
        help="also validate the generated administrative-units graph (about 10 s more)",
    )


def run(args: argparse.Namespace) -> int:
    """Open the store, validate the union of its graphs, print the report."""
    from danvan_kg.store import KnowledgeGraph
    from danvan_kg.validate import DEFAULT_EXCLUDED, validate_store

    location = args.store or default_store_dir()
    with KnowledgeGraph.open(location) as kg:
        if not kg.graph_iris():
            raise StoreError(
                f"store {location} is empty: nothing to validate (run `danvan-kg build` or `ingest` first)"
            )
        exclude = [str(ONTOLOGY_GRAPH)] if args.include_admin_units else list(DEFAULT_EXCLUDED)
        report = validate_store(kg, exclude_graphs=exclude)
    print(report.dumps(args.format))
    return 0 if report.conforms else 1
