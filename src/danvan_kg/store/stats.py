"""``danvan-kg stats``: counts by class and relation, graphs and triples, in a stable JSON form.

Every class and relation of the data model is listed, with 0 when absent, so two stores (or two
runs) compare key by key.
"""

from __future__ import annotations

from typing import Any

from danvan_kg.ids import CORE_CLASSES, CORE_RELATIONS, DV, EXTRA_RELATIONS, GRAPH
from danvan_kg.sparql.files import load_query
from danvan_kg.store.backend import QueryEngine

__all__ = ["stats"]

QUERIES = "danvan_kg.rdf.queries"


def stats(engine: QueryEngine, graphs: list[str]) -> dict[str, Any]:
    """The counts of the store ``engine`` answers for, whose named graphs are ``graphs``."""
    classes = {name: 0 for name in (*CORE_CLASSES, "Programme", "Index", "Article", "Evidence")}
    for row in engine.select(load_query(QUERIES, "stats_classes.rq")):
        local = str(row["class"]).removeprefix(str(DV))
        if local in classes:
            classes[local] = int(row["n"])  # type: ignore[call-overload]
    relations = {name: 0 for name in (*CORE_RELATIONS, *EXTRA_RELATIONS)}
    for row in engine.select(load_query(QUERIES, "stats_relations.rq")):
        relations[str(row["p"]).removeprefix(str(DV))] = int(row["n"])  # type: ignore[call-overload]
    totals = engine.select(load_query(QUERIES, "stats_totals.rq"))
    article_prefix = str(GRAPH["article/"])
    records_prefix = str(GRAPH["records/"])
    return {
        "triples": int(totals[0]["triples"]) if totals else 0,  # type: ignore[call-overload]
        "graphs": {
            "total": len(graphs),
            "articles": sum(1 for g in graphs if g.startswith(article_prefix)),
            "records": sum(1 for g in graphs if g.startswith(records_prefix)),
        },
        "classes": classes,
        "relations": relations,
    }
