"""Project the RDF knowledge graph onto a networkx graph of entities and their relations.

Nodes are entities (IRI string as node id) and edges the asserted network relations, each
edge carrying how much evidence supports it and one sentence that says so. The data comes
from a handful of SELECT queries (``network/queries/*.rq``) run through any object with a
``select(query, bindings=None)`` method, i.e. :class:`danvan_kg.store.KnowledgeGraph`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
from rdflib import Literal

from danvan_kg.errors import InputError
from danvan_kg.ids import CORE_CLASSES, CORE_RELATIONS, DV, EXTRA_RELATIONS, SUPPORTING_CLASSES
from danvan_kg.network.facets import STRUCTURES, SelectSource, node_provinces, read_provinces
from danvan_kg.rdf.edges import (
    UNEVIDENCED_CONFIDENCE,
    EdgeFacts,
    SourceDates,
    as_float,
    label_rank,
    local_name,
    source_of,
)
from danvan_kg.resolve import search_key
from danvan_kg.sparql.files import load_query

QUERIES = "danvan_kg.network.queries"

__all__ = [
    "NETWORK_RELATIONS",
    "NODE_CLASSES",
    "SelectSource",
    "find_nodes",
    "neighbourhood",
    "project",
    "search_key",
]

NODE_CLASSES: tuple[str, ...] = (*CORE_CLASSES, "Programme", "Index")
"""Classes whose instances become nodes, in the order used to pick one when a node has several."""

NETWORK_RELATIONS: tuple[str, ...] = (*CORE_RELATIONS, *EXTRA_RELATIONS)
"""Relations that become edges (core relations plus contributesTo, subOrganisationOf, standingBodyOf)."""

_DV = str(DV)
_KNOWN_CLASSES = frozenset((*NODE_CLASSES, *SUPPORTING_CLASSES))


def _entities(kg: SelectSource) -> dict[str, dict[str, Any]]:
    classes: dict[str, set[str]] = defaultdict(set)
    for row in kg.select(load_query(QUERIES, "entities.rq")):
        classes[str(row["entity"])].add(local_name(row["class"]))
    nodes: dict[str, dict[str, Any]] = {}
    for iri, names in classes.items():
        node_type = next((c for c in NODE_CLASSES if c in names), None)
        if node_type is None:  # e.g. a relation end typed only as an Article: not an entity
            continue
        finer = sorted(n for n in names if n not in _KNOWN_CLASSES)
        nodes[iri] = {"type": node_type, "subtype": finer[0] if finer else ""}
    labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in kg.select(load_query(QUERIES, "labels.rq")):
        iri = str(row["entity"])
        if iri not in nodes or row["label"] is None:
            continue
        lang = row["label"].language if isinstance(row["label"], Literal) else None
        labels[iri].append((label_rank(str(row["property"]), lang), str(row["label"])))
    for iri, attrs in nodes.items():
        ranked = sorted(labels.get(iri, ()))
        attrs["label"] = ranked[0][1] if ranked else local_name(iri)
        attrs["aliases"] = list(dict.fromkeys(n for _r, n in ranked if n != attrs["label"]))
    return nodes


def _relation_facts(kg: SelectSource) -> dict[tuple[str, str, str], EdgeFacts]:
    facts: dict[tuple[str, str, str], EdgeFacts] = {}
    for row in kg.select(load_query(QUERIES, "relations.rq")):
        facts[(str(row["s"]), local_name(row["p"]), str(row["o"]))] = EdgeFacts()
    for row in kg.select(load_query(QUERIES, "relation_evidence.rq")):
        key = (str(row["s"]), local_name(row["p"]), str(row["o"]))
        edge = facts.get(key)
        if edge is None:  # evidence for a relation that is not asserted (e.g. a removed source)
            continue
        edge.add_evidence(row)
    return facts


def _node_sources(kg: SelectSource, nodes: Mapping[str, dict[str, Any]]) -> None:
    sources: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, SourceDates] = defaultdict(SourceDates)
    for row in kg.select(load_query(QUERIES, "mentions.rq")):
        iri = str(row["entity"])
        if iri in nodes:
            sources[iri].add(source_of(row)[0])
            dates[iri].add(row.get("date"))
    sentences: dict[str, tuple[float, str]] = {}
    for row in kg.select(load_query(QUERIES, "entity_evidence.rq")):
        iri = str(row["entity"])
        if iri not in nodes:
            continue
        conf = as_float(row.get("confidence"))
        candidate = (-(conf if conf is not None else 0.0), str(row["sentence"]))
        if iri not in sentences or candidate < sentences[iri]:
            sentences[iri] = candidate
    for iri, attrs in nodes.items():
        attrs["sources"] = sorted(sources.get(iri, ()))
        attrs["sentence"] = sentences[iri][1] if iri in sentences else ""
        attrs["years"] = sorted(dates[iri].years) if iri in dates else []
        attrs["undated"] = dates[iri].undated if iri in dates else True  # no source: no date either


def _check_types(types: Iterable[str] | None) -> set[str] | None:
    if types is None:
        return None
    wanted = {t.strip() for t in types if t and t.strip()}
    if not wanted:
        return None
    lookup = {c.lower(): c for c in NODE_CLASSES}
    out = set()
    for name in wanted:
        if name.lower() not in lookup:
            raise InputError(f"unknown class {name!r} (use one of {', '.join(NODE_CLASSES)})")
        out.add(lookup[name.lower()])
    return out


def project(
    kg: SelectSource,
    *,
    types: Sequence[str] | None = None,
    min_confidence: float = 0.0,
) -> nx.MultiDiGraph:
    """The entity network of ``kg`` as a ``MultiDiGraph``.

    Node attributes: ``label`` (the preferred label), ``aliases`` (its other names), ``type``
    (core class local name), ``subtype``, ``place`` (label of a ``locatedIn`` place, or ""),
    ``province_2025`` / ``province_2020`` (province labels, see :mod:`.facets`), ``degree``,
    ``sources`` (article urls/titles), ``years`` / ``undated`` (dates of those articles) and
    ``sentence`` (one mention sentence). Edge key and ``relation``: the relation's local name;
    ``evidence_count``, ``confidence`` (max over evidence; 1.0 when asserted without evidence),
    ``sentence``, ``quote``, ``source`` and ``source_title`` of the best evidence, ``sources``,
    ``years`` and ``undated`` of all of it. ``types`` keeps only nodes of those classes;
    ``min_confidence`` drops weaker edges and the nodes that only they connected.
    """
    wanted = _check_types(types)
    if not 0.0 <= min_confidence <= 1.0:
        raise InputError(f"--min-confidence must be between 0 and 1, not {min_confidence}")
    nodes = _entities(kg)
    facts = _relation_facts(kg)
    _node_sources(kg, nodes)
    provinces = node_provinces(nodes, facts, read_provinces(kg))
    for iri, attrs in nodes.items():
        for structure in STRUCTURES:
            attrs[f"province_{structure}"] = provinces[iri].sorted(structure)
    places = _main_places(nodes, facts)
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    for iri in sorted(nodes):
        attrs = nodes[iri]
        if wanted is not None and attrs["type"] not in wanted:
            continue
        graph.add_node(iri, iri=iri, place=places[iri][1] if iri in places else "", **attrs)
    dropped_only = _add_edges(graph, facts, min_confidence)
    if min_confidence > 0:
        graph.remove_nodes_from([n for n in dropped_only if graph.degree(n) == 0])
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = int(degree)
    graph.graph["min_confidence"] = min_confidence
    graph.graph["types"] = sorted(wanted) if wanted else []
    return graph


def _confidence(edge: EdgeFacts) -> float:
    return edge.confidence if edge.confidence is not None else UNEVIDENCED_CONFIDENCE


def _main_places(
    nodes: Mapping[str, dict[str, Any]], facts: Mapping[tuple[str, str, str], EdgeFacts]
) -> dict[str, tuple[float, str]]:
    """Node → (minus the confidence, label) of the place it is most surely ``locatedIn``."""
    places: dict[str, tuple[float, str]] = {}
    for (s, rel, o), edge in facts.items():
        if rel == "locatedIn" and s in nodes and o in nodes:
            candidate = (-_confidence(edge), nodes[o]["label"])
            if s not in places or candidate < places[s]:
                places[s] = candidate
    return places


def _add_edges(
    graph: nx.MultiDiGraph, facts: Mapping[tuple[str, str, str], EdgeFacts], min_confidence: float
) -> set[str]:
    """An edge for every relation between two nodes of ``graph`` at ``min_confidence`` or above; the
    nodes of the relations dropped for being weaker."""
    dropped_only: set[str] = set()
    for (s, rel, o), edge in sorted(facts.items()):
        if s not in graph or o not in graph:
            continue
        confidence = _confidence(edge)
        if confidence < min_confidence:
            dropped_only.update((s, o))
            continue
        graph.add_edge(
            s,
            o,
            key=rel,
            relation=rel,
            evidence_count=len(edge.evidence),
            confidence=round(confidence, 4),
            sentence=edge.sentence,
            quote=edge.quote,
            source=edge.source,
            source_title=edge.source_title,
            sources=sorted(edge.sources),
            years=sorted(edge.dates.years),
            undated=edge.dates.undated or not edge.dates.years,
        )
    return dropped_only


def find_nodes(graph: nx.Graph, text: str) -> list[str]:
    """Nodes whose label or another name (or IRI) matches ``text``: exact key matches, else substrings."""
    if text in graph:
        return [text]
    key = search_key(text)
    if not key:
        return []
    keys = {
        node: {search_key(str(name)) for name in [data.get("label", ""), *(data.get("aliases") or ())]}
        for node, data in graph.nodes(data=True)
    }
    exact = sorted(node for node, names in keys.items() if key in names)
    if exact:
        return exact
    return sorted(node for node, names in keys.items() if any(key in k for k in names))


def neighbourhood(graph: nx.MultiDiGraph, focus_label: str, depth: int = 1) -> nx.MultiDiGraph:
    """The sub-network within ``depth`` hops (either direction) of the nodes matching ``focus_label``.

    Matching ignores case and diacritics (``"dan van kheo"`` finds "Dân vận khéo") and looks at
    every name of a node (preferred label and aliases); an exact key match wins over substrings.
    ``InputError`` when nothing matches.
    """
    if depth < 0:
        raise InputError(f"--depth must be 0 or more, not {depth}")
    centres = find_nodes(graph, focus_label)
    if not centres:
        raise InputError(f"no entity matches {focus_label!r}")
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep.update(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    sub = graph.subgraph(keep).copy()  # nodes keep their degree in the whole network
    sub.graph["focus"] = centres
    return sub
