"""``danvan-kg map``: write where the models and organisations are as a self-contained HTML map."""

from __future__ import annotations

import argparse
from pathlib import Path

from danvan_kg.errors import InputError, StoreError
from danvan_kg.paths import default_store_dir

NAME = "map"
HELP = "write an HTML map of where the models and organisations are (offline, self-contained)"


def register(parser: argparse.ArgumentParser) -> None:
    """Options of ``map``."""
    parser.add_argument("--out", required=True, metavar="FILE.html", help="HTML file to write")
    parser.add_argument(
        "--movement", metavar="M", help="only this movement's models and organisations (label, alias or IRI)"
    )
    parser.add_argument(
        "--class",
        dest="classes",
        nargs="+",
        metavar="CLASS",
        default=None,
        help="only these classes: Model, Organisation or a subclass such as Club (default: both)",
    )
    parser.add_argument(
        "--year",
        metavar="YYYY[-YYYY]",
        help="only facts stated by sources dated in this year or range (e.g. 2024 or 2021-2025)",
    )
    parser.add_argument(
        "--provinces",
        choices=("2025", "2020"),
        default="2025",
        help="province boundaries shown first: the 34 of 2025 or the 63 of 2020 (the page switches)",
    )
    parser.add_argument(
        "--network-link",
        metavar="URL",
        help="link the page header to the network page at this relative URL (e.g. network.html)",
    )
    parser.add_argument("--title", help="page title")


def _filters(args: argparse.Namespace, movements: list[str]) -> str:
    parts = []
    if movements:
        parts.append("phong trào / movement: " + "; ".join(movements))
    if args.classes:
        parts.append("lớp / class: " + ", ".join(args.classes))
    if args.year:
        parts.append("năm / year: " + args.year)
    return " · ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def run(args: argparse.Namespace) -> int:
    """Gather the located facts of the store, draw them and report what was drawn."""
    from danvan_kg.geo.facts import FACT_CLASSES, gather, parse_years
    from danvan_kg.network.map import check_link, write_map
    from danvan_kg.store import KnowledgeGraph

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"--out {out}: expected a .html file name")
    check_link(args.network_link)
    years = parse_years(args.year)
    location = Path(args.store) if args.store else default_store_dir()
    if not location.is_dir():
        raise StoreError(f"no store at {location} (run `danvan-kg build` or `danvan-kg ingest` first)")
    with KnowledgeGraph.open(location) as kg:
        facts = gather(kg, movement=args.movement, classes=args.classes or FACT_CLASSES, years=years)
    if not facts.spots:
        raise InputError(f"the store at {location} has no located models or organisations for this view")
    title = args.title or (
        f"danvan-kg — {'; '.join(facts.movements)}" if facts.movements else "danvan-kg: bản đồ / map"
    )
    write_map(
        facts,
        out,
        title=title,
        filters=_filters(args, facts.movements),
        structure=args.provinces,
        network_link=args.network_link or "",
    )
    for note in facts.notes:
        print(f"note: {note}")
    unplaced = f", {_n(len(facts.unplaced), 'place')} without coordinates" if facts.unplaced else ""
    print(f"wrote {out} ({_n(len(facts.spots), 'place')}, {_n(len(facts.sources), 'source')}{unplaced})")
    return 0
