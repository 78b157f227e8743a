"""The ``path`` question: shortest paths between two entities, as readable steps with evidence.

The entity network is the network engineer's projection (:func:`danvan_kg.network.projection.project`,
which runs plain SELECTs and so works on the embedded store and on remote endpoints alike).
Paths ignore edge direction (a resolution reaches a beneficiary group through the movement
that implements it), and each step is printed in its stated direction: ``A —partOf→ B`` or
``A ←implements— B``, with the best evidence sentence of that relation.
"""

from __future__ import annotations

import itertools

import networkx as nx
from rdflib import Literal, URIRef

from danvan_kg.network.projection import project
from danvan_kg.query.answer import Answer, Resolved
from danvan_kg.query.catalogue import Question, get_question
from danvan_kg.query.sparqltext import with_prefixes
from danvan_kg.query.targets import Target
from danvan_kg.query.terms import Row, to_plain
from danvan_kg.rdf.namespaces import DV

PATH_LIMIT = 5
"""At most this many shortest paths are shown."""

COLUMNS = ["path", "step", "from", "relation", "to", "statement", "sentence", "source", "s", "p", "o"]


def _label(graph: nx.MultiDiGraph, node: str) -> str:
    return str(graph.nodes[node].get("label") or node)


def shortest_paths(
    graph: nx.MultiDiGraph, sources: list[str], targets: list[str], max_steps: int, limit: int = PATH_LIMIT
) -> list[list[str]]:
    """Up to ``limit`` shortest paths (node lists, direction ignored) of at most ``max_steps`` steps."""
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    found: list[list[str]] = []
    for source, target in itertools.product(sources, targets):
        if source == target or source not in undirected or target not in undirected:
            continue
        try:
            for path in itertools.islice(nx.all_shortest_paths(undirected, source, target), limit):
                if len(path) - 1 <= max_steps:
                    found.append(path)
        except nx.NetworkXNoPath:
            continue
    found.sort(key=lambda p: (len(p), [_label(graph, n) for n in p]))
    return found[:limit]


def best_edge(graph: nx.MultiDiGraph, a: str, b: str) -> tuple[str, str, str, dict]:
    """The most confident stated relation between ``a`` and ``b``: (subject, relation, object, attrs)."""
    candidates = []
    for s, o in ((a, b), (b, a)):
        for relation, attrs in (graph.get_edge_data(s, o) or {}).items():
            candidates.append((-float(attrs.get("confidence") or 0.0), s != a, relation, s, o, attrs))
    _, _, relation, s, o, attrs = min(candidates, key=lambda c: c[:3])
    return s, relation, o, attrs


def _step_evidence(target: Target, s: str, relation: str, o: str) -> Row | None:
    query = with_prefixes(get_question("path").text)
    rows = target.select(query, {"s": URIRef(s), "p": DV[relation], "o": URIRef(o)})
    return rows[0] if rows else None


def _source(row: Row | None, attrs: dict) -> str:
    if row is not None:
        parts = [to_plain(row.get(k)) for k in ("title", "url", "date")]
        text = ", ".join(str(p) for p in parts if p)
        if text:
            return text
    return str(attrs.get("source_title") or attrs.get("source") or "")


def answer_path(target: Target, question: Question, resolved: Resolved) -> Answer:
    """Rows of steps: path number, step number, both ends, the relation, a sentence and its source."""
    notes = list(resolved.notes)
    if resolved.empty:
        return Answer(question.name, COLUMNS, [], notes, question.hidden)
    max_steps = resolved.ints.get("max", 6)
    graph = project(target)
    sources = [str(t) for t in resolved.values["from"]]
    targets = [str(t) for t in resolved.values["to"]]
    paths = shortest_paths(graph, sources, targets, max_steps)
    if not paths:
        notes.append(f"no path of at most {max_steps} steps between them")
    rows: list[Row] = []
    for number, path in enumerate(paths, start=1):
        for step, (a, b) in enumerate(itertools.pairwise(path), start=1):
            s, relation, o, attrs = best_edge(graph, a, b)
            forward = s == a
            arrow = f"—{relation}→" if forward else f"←{relation}—"
            evidence = _step_evidence(target, s, relation, o)
            sentence = to_plain(evidence.get("sentence")) if evidence else None
            rows.append(
                {
                    "path": Literal(number),
                    "step": Literal(step),
                    "from": Literal(_label(graph, a)),
                    "relation": Literal(arrow),
                    "to": Literal(_label(graph, b)),
                    "statement": Literal(f"{_label(graph, a)} {arrow} {_label(graph, b)}"),
                    "sentence": Literal(str(sentence or attrs.get("sentence") or "")),
                    "source": Literal(_source(evidence, attrs)),
                    "s": URIRef(s),
                    "p": DV[relation],
                    "o": URIRef(o),
                }
            )
    return Answer(question.name, COLUMNS, rows, notes, question.hidden)
