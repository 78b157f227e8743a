"""Load SPARQL text kept in ``.rq`` files next to the code that runs it."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_query(package: str, name: str) -> str:
    """The text of ``<package>/<name>`` (e.g. ``load_query("danvan_kg.rdf.queries", "stats_classes.rq")``)."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")
