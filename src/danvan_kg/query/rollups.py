"""Whom a busy movement, resolution or organisation serves, counted when articles are written.

The ``beneficiaries`` question walks from what it is asked about down to every thing stating
``dv:benefits`` (a model part of a movement implementing a resolution, ...). For the busiest
movement at 10M triples that is 18,000 models and 34,000 (group, thing) rows: 0.6 s to read and
count at every asking, growing with the store. For every hub reached by at least
:data:`ROLLUP_MIN` things, ``graph/index`` keeps the answer instead, one node per (hub, group)::

    id:rollup/<digest> dv:rollupOf <hub> ; dv:rollupGroup <group> ;
                       dv:rollupCount 948 ; dv:rollupExample <thing>, ...   # the first five by IRI

which the question reads in one lookup. Ingest recomputes the rollups of the hubs its new graphs
reach (:func:`refresh_rollups`, from :class:`danvan_kg.graphwriter.GraphWriter`), and ``build`` of
every hub: the walk is then paid once per ingest run for each busy hub it touches, not at every
question. Smaller hubs are walked at asking time, as before.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from danvan_kg.ids import DV, ID
from danvan_kg.rdf.entity_index import INDEX_GRAPH
from danvan_kg.sparql.files import load_query

ROLLUP_MIN = 1000
"""Things a hub must be reached by for its beneficiaries to be counted at ingest."""

EXAMPLES = 5
"""Example things kept per (hub, group): the question's default ``--examples``."""

WALK = (DV.partOf, DV.implements, DV.runBy, DV.launchedBy)
"""The relations the question walks (``beneficiaries.rq``); their objects are the hubs."""

_QUERIES = "danvan_kg.query.queries"


def touched_things(triples: Iterable[tuple[Node, Node, Node]]) -> set[URIRef]:
    """The things whose hubs may have changed: subjects of the walked relations or of dv:benefits."""
    relations = {*WALK, DV.benefits}
    return {s for s, p, _ in triples if p in relations and isinstance(s, URIRef)}


def _bound(query: str, name: str, nodes: list[URIRef]) -> str:
    at = query.index("WHERE {") + len("WHERE {")
    block = f"VALUES ?{name} {{ " + " ".join(n.n3() for n in nodes) + " }"
    return query[:at] + "\n  " + block + query[at:]


def hubs_of(kg: object, things: Iterable[URIRef], batch: int = 400) -> set[URIRef]:
    """The hubs the question walks to from ``things`` that may be busy (see ``rollup_hubs.rq``)."""
    query = load_query(_QUERIES, "rollup_hubs.rq")
    todo = sorted(set(things), key=str)
    out: set[URIRef] = set()
    for start in range(0, len(todo), batch):
        for row in kg.select(_bound(query, "thing", todo[start : start + batch])):  # type: ignore[attr-defined]
            if isinstance(row.get("hub"), URIRef):
                out.add(row["hub"])
    return out


def _big(kg: object, hub: URIRef) -> bool:
    """Whether at least :data:`ROLLUP_MIN` things reach ``hub`` (reading stops there)."""
    query = load_query(_QUERIES, "rollup_size.rq") + f"LIMIT {ROLLUP_MIN}\n"
    return len(kg.select(query, {"of": hub})) >= ROLLUP_MIN  # type: ignore[attr-defined]


def rollup_node(hub: URIRef, group: URIRef) -> URIRef:
    digest = hashlib.sha1(f"{hub}\x1f{group}".encode()).hexdigest()[:16]
    return ID[f"rollup/{digest}"]


def rollup_triples(kg: object, hub: URIRef) -> list[tuple[URIRef, URIRef, Node]]:
    """The rollup nodes of one hub: per group, the number of things and the first examples."""
    from danvan_kg.query.beneficiaries import first_things, things_by_group
    from danvan_kg.query.catalogue import get_question

    out: list[tuple[URIRef, URIRef, Node]] = []
    for (_, group), things in things_by_group(kg, get_question("beneficiaries"), [hub]).items():  # type: ignore[arg-type]
        node = rollup_node(hub, group)
        out += [
            (node, DV.rollupOf, hub),
            (node, DV.rollupGroup, group),
            (node, DV.rollupCount, Literal(len(things), datatype=XSD.integer)),
        ]
        out += [(node, DV.rollupExample, t) for t in first_things(things, EXAMPLES)]
    return out


def refresh_rollups(kg: object, hubs: Iterable[URIRef] | None = None) -> int:
    """Recompute the rollups of ``hubs`` (``None``: every hub of the store); returns how many are big.

    A hub reached by fewer than :data:`ROLLUP_MIN` things loses any rollup it had.
    """
    if hubs is None:
        query = load_query(_QUERIES, "rollup_all_hubs.rq")
        hubs = {r["hub"] for r in kg.select(query) if isinstance(r.get("hub"), URIRef)}  # type: ignore[attr-defined]
    todo = sorted(set(hubs), key=str)
    if not todo:
        return 0
    big = [hub for hub in todo if _big(kg, hub)]
    triples = [t for hub in big for t in rollup_triples(kg, hub)]
    graph = URIRef(INDEX_GRAPH).n3()
    parts = []
    for start in range(0, len(todo), 400):
        block = "VALUES ?hub { " + " ".join(h.n3() for h in todo[start : start + 400]) + " }"
        parts.append(
            f"DELETE {{ GRAPH {graph} {{ ?r ?p ?o }} }} WHERE {{ {block} "
            f"GRAPH {graph} {{ ?r <{DV.rollupOf}> ?hub . ?r ?p ?o }} }}"
        )
    if triples:
        lines = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
        parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{lines}\n}} }}")
    _update(kg, " ;\n".join(parts))
    return len(big)


def _update(kg: object, update: str) -> None:
    ox = getattr(kg, "ox", None)
    if ox is not None:
        ox.update(update)
    else:
        kg.dataset.update(update)  # type: ignore[attr-defined]
