"""``danvan-kg viz``: write the entity network of the store as a self-contained HTML page."""

from __future__ import annotations

import argparse
from pathlib import Path

from danvan_kg.errors import InputError, StoreError
from danvan_kg.paths import default_store_dir

NAME = "viz"
HELP = "write an interactive HTML network of the store (offline, self-contained)"


def register(parser: argparse.ArgumentParser) -> None:
    """Options of ``viz``."""
    parser.add_argument("--out", required=True, metavar="FILE.html", help="HTML file to write")
    parser.add_argument(
        "--focus",
        metavar="LABEL",
        help="only the neighbourhood of entities matching LABEL (case and diacritics ignored)",
    )
    parser.add_argument("--depth", type=int, default=1, metavar="N", help="hops around --focus (default 1)")
    parser.add_argument(
        "--types",
        nargs="+",
        metavar="CLASS",
        help="keep only these classes "
        "(Resolution Movement Model Organisation BeneficiaryGroup Place Programme Index)",
    )
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=0.0,
        metavar="X",
        help="drop relations whose best evidence is below X (0..1)",
    )
    parser.add_argument(
        "--size-by",
        choices=("degree", "centrality"),
        default="degree",
        help="node size from degree or betweenness centrality (default degree)",
    )
    parser.add_argument(
        "--layout",
        choices=("auto", "layered", "community", "spring"),
        default="auto",
        help="auto (default): layered for --focus (documents → movements → models → organisations "
        "and groups, places aside), community for the whole network; spring: a force layout",
    )
    parser.add_argument(
        "--fold-above",
        type=int,
        default=12,
        metavar="N",
        help="fold more than N children of one node and class into one '+K' node (0: never; default 12)",
    )
    parser.add_argument(
        "--physics",
        choices=("auto", "on", "off"),
        default="auto",
        help="force simulation in the browser (auto: on only for --layout spring up to 500 nodes)",
    )
    parser.add_argument(
        "--map-link",
        metavar="URL",
        help="relative URL of the map page of the same data, linked from the page header",
    )
    parser.add_argument("--title", help="page title")


def run(args: argparse.Namespace) -> int:
    """Project the store, cut the focus view if asked, write the page and report its size."""
    from danvan_kg.network.html import write_html
    from danvan_kg.network.projection import neighbourhood, project
    from danvan_kg.store import KnowledgeGraph

    location = Path(args.store) if args.store else default_store_dir()
    if not location.is_dir():
        raise StoreError(f"no store at {location} (run `danvan-kg build` or `danvan-kg ingest` first)")
    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--out {out}: expected a .html file name")
    with KnowledgeGraph.open(location) as kg:
        graph = project(kg, types=args.types, min_confidence=args.min_confidence)
    if graph.number_of_nodes() == 0:
        raise InputError(f"the store at {location} holds no entities for this view; nothing to draw")
    title = args.title
    if args.focus:
        graph = neighbourhood(graph, args.focus, args.depth)
        title = title or f"danvan-kg — {args.focus}"
    if args.fold_above < 0:
        raise InputError(f"--fold-above must be 0 or more, not {args.fold_above}")
    physics = {"auto": None, "on": True, "off": False}[args.physics]
    write_html(
        graph,
        out,
        title=title or "danvan-kg network",
        size_by=args.size_by,
        physics=physics,
        layout=args.layout,
        fold_above=args.fold_above,
        map_link=args.map_link,
    )
    print(f"wrote {out} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
    return 0
