"""The ``path`` question: shortest paths between two entities, as readable steps with evidence.

The network is the entity network of :mod:`danvan_kg.network.projection` (entities typed with a
node class, linked by asserted network relations), but it is never built: a bidirectional
breadth-first search asks the target for the neighbours of a whole frontier at once
(``queries/path_neighbours.rq``, the frontier bound by a ``VALUES`` block), always on the side
with the smaller frontier, and stops at the first depth where the two sides meet. The cost
follows the neighbourhoods touched, not the size of the store, and plain SELECTs work on the
embedded store, rdflib graphs and remote endpoints alike.

Paths ignore edge direction (a resolution reaches a beneficiary group through the movement that
implements it). Each pair of a ``from`` and a ``to`` entity gets its own shortest paths; all are
sorted by length and node labels and the first :data:`PATH_LIMIT` shown. Each step is printed in
its stated direction, ``A —partOf→ B`` or ``A ←implements— B``, using the most confident relation
between the two nodes, with the best evidence sentence of that relation.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from rdflib import Literal, URIRef
from rdflib.term import Node

from danvan_kg.ids import DV
from danvan_kg.query.answer import Answer, Resolved
from danvan_kg.query.catalogue import Question, get_question
from danvan_kg.query.targets import Target
from danvan_kg.rdf.edges import (  # read as the network projection reads them
    UNEVIDENCED_CONFIDENCE,
    EdgeFacts,
    label_rank,
    local_name,
)
from danvan_kg.sparql.files import load_query
from danvan_kg.sparql.terms import Row, to_plain
from danvan_kg.sparql.text import bind_values, with_prefixes

PATH_LIMIT = 5
"""At most this many shortest paths are shown."""

BATCH = 500
"""At most this many nodes go into one VALUES block (a big frontier is asked in several queries)."""

COLUMNS = ["path", "step", "from", "relation", "to", "statement", "sentence", "source", "s", "p", "o"]

_QUERIES = "danvan_kg.query.queries"

Edge = tuple[str, str, str]
"""A stated relation: (subject IRI, relation local name, object IRI)."""


def _query(name: str) -> str:
    return with_prefixes(load_query(_QUERIES, name))


class Network:
    """The entity network of a target, read on demand: neighbours, labels and step relations.

    Everything read is kept, so the searches of several (from, to) pairs share their queries.
    """

    def __init__(self, target: Target) -> None:
        self.target = target
        self.adjacency: dict[URIRef, set[URIRef]] = {}
        self.is_node: dict[URIRef, bool] = {}
        self.labels: dict[URIRef, str] = {}

    def _select(self, name: str, rows: Sequence[Mapping[str, Node]]) -> Iterator[Row]:
        """Rows of query ``name`` with ``rows`` bound by VALUES blocks of at most :data:`BATCH` rows."""
        for start in range(0, len(rows), BATCH):
            yield from self.target.select(bind_values(_query(name), rows[start : start + BATCH]))

    def nodes(self, candidates: Iterable[URIRef]) -> set[URIRef]:
        """The ``candidates`` that are nodes of the network (typed with a node class)."""
        wanted = list(dict.fromkeys(candidates))
        missing = [n for n in wanted if n not in self.is_node]
        found = {row["node"] for row in self._select("path_nodes.rq", [{"node": n} for n in missing])}
        for node in missing:
            self.is_node[node] = node in found
        return {n for n in wanted if self.is_node[n]}

    def expand(self, frontier: Iterable[URIRef]) -> None:
        """Read the neighbours (nodes or not) of the ``frontier`` nodes not read yet, one query per batch."""
        missing = [n for n in dict.fromkeys(frontier) if n not in self.adjacency]
        for node in missing:
            self.adjacency[node] = set()
        for row in self._select("path_neighbours.rq", [{"node": n} for n in missing]):
            source, neighbour = row["node"], row["neighbour"]
            if isinstance(source, URIRef) and isinstance(neighbour, URIRef) and source in self.adjacency:
                self.adjacency[source].add(neighbour)

    def read_labels(self, nodes: Iterable[URIRef]) -> None:
        """Read the display labels of ``nodes``, picked like the projection does (Vietnamese first)."""
        missing = [n for n in dict.fromkeys(nodes) if n not in self.labels]
        best: dict[URIRef, tuple[int, str]] = {}
        for row in self._select("path_labels.rq", [{"entity": n} for n in missing]):
            node, label = row["entity"], row["label"]
            if not isinstance(node, URIRef) or label is None:
                continue
            lang = label.language if isinstance(label, Literal) else None
            # the preferred label (dv:name, graph/labels) first, else as the projection ranks labels
            rank = -1 if str(row["property"]) == str(DV.name) else label_rank(str(row["property"]), lang)
            candidate = (rank, str(label))
            if node not in best or candidate < best[node]:
                best[node] = candidate
        for node in missing:
            self.labels[node] = (best[node][1] if node in best else local_name(node)) or str(node)

    def label(self, node: URIRef) -> str:
        """The display label of ``node`` (read with :meth:`read_labels`)."""
        if node not in self.labels:
            self.read_labels([node])
        return self.labels[node]

    def edges(self, steps: Iterable[tuple[URIRef, URIRef]]) -> dict[Edge, EdgeFacts]:
        """The stated relations between the two nodes of each step, either way round, with their evidence."""
        pairs = dict.fromkeys(pair for a, b in steps for pair in ((a, b), (b, a)))
        relations = list(self._select("path_edges.rq", [{"s": s, "o": o} for s, o in pairs]))
        facts = {(str(r["s"]), local_name(r["p"]), str(r["o"])): EdgeFacts() for r in relations}
        stated = cast("list[dict[str, Node]]", [{k: r[k] for k in "spo"} for r in relations])  # all bound
        for row in self._select("path_evidence.rq", stated):
            edge = facts.get((str(row["s"]), local_name(row["p"]), str(row["o"])))
            if edge is not None:
                edge.add_evidence(row)
        return facts


def confidence(edge: EdgeFacts) -> float:
    """The confidence of a stated relation as the projection gives it (1.0 without evidence)."""
    value = edge.confidence if edge.confidence is not None else UNEVIDENCED_CONFIDENCE
    return round(value, 4)


@dataclass
class _Side:
    """One end of the bidirectional search: depth and all parents (towards ``root``) of each node reached."""

    root: URIRef
    depth: dict[URIRef, int] = field(default_factory=dict)
    parents: dict[URIRef, list[URIRef]] = field(default_factory=dict)
    frontier: list[URIRef] = field(default_factory=list)
    level: int = 0

    def __post_init__(self) -> None:
        self.depth[self.root] = 0
        self.parents[self.root] = []
        self.frontier.append(self.root)

    def advance(self, adjacency: Mapping[URIRef, set[URIRef]]) -> None:
        """Replace the frontier by the next level, recording every parent of each new node."""
        following: list[URIRef] = []
        for node in self.frontier:
            for neighbour in adjacency[node]:
                depth = self.depth.get(neighbour)
                if depth is None:
                    self.depth[neighbour] = self.level + 1
                    self.parents[neighbour] = [node]
                    following.append(neighbour)
                elif depth == self.level + 1:
                    self.parents[neighbour].append(node)
        self.frontier = following
        self.level += 1

    def keep(self, nodes: set[URIRef]) -> None:
        """Drop the resources of the frontier that are not in ``nodes`` (not network nodes)."""
        for node in self.frontier:
            if node not in nodes:
                del self.depth[node], self.parents[node]
        self.frontier = [node for node in self.frontier if node in nodes]


@dataclass
class _Found:
    """All shortest paths of one (source, target) pair, as the next hops of each node on them."""

    length: int
    source: URIRef
    target: URIRef
    hops: dict[URIRef, list[URIRef]]

    def count(self, cap: int) -> int:
        """How many paths there are (counting stops above ``cap``)."""
        memo: dict[URIRef, int] = {}

        def paths_from(node: URIRef) -> int:
            if node == self.target:
                return 1
            if node not in memo:
                memo[node] = min(cap + 1, sum(paths_from(n) for n in self.hops.get(node, ())))
            return memo[node]

        return paths_from(self.source)


def _hops(source_side: _Side, target_side: _Side, meeting: Iterable[URIRef]) -> dict[URIRef, list[URIRef]]:
    """Next hops towards the target along every shortest path through the ``meeting`` nodes."""
    hops: dict[URIRef, set[URIRef]] = defaultdict(set)
    meeting = list(meeting)
    for side, backwards in ((source_side, True), (target_side, False)):
        stack, seen = list(meeting), set(meeting)
        while stack:
            node = stack.pop()
            for parent in side.parents[node]:
                if backwards:  # towards the source: the parent steps to the node
                    hops[parent].add(node)
                else:  # towards the target: the node steps to its parent
                    hops[node].add(parent)
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
    return {node: sorted(nexts) for node, nexts in hops.items()}


def search(network: Network, source: URIRef, target: URIRef, max_steps: int) -> _Found | None:
    """All shortest paths from ``source`` to ``target`` (direction ignored) of at most ``max_steps`` steps.

    Bidirectional breadth-first search: the side with the smaller frontier advances one level
    (one query per batch of its frontier); at the first level where the sides meet, every shortest
    path runs through one of the meeting nodes. New nodes are checked to be network nodes (typed
    with a node class) only when they matter: before their side advances from them, or when they
    are where the sides meet. So paths never run through articles, evidence or untyped resources.
    """
    if source == target:
        return None
    sides = (_Side(source), _Side(target))
    while sides[0].frontier and sides[1].frontier and sides[0].level + sides[1].level < max_steps:
        side, other = sides if len(sides[0].frontier) <= len(sides[1].frontier) else sides[::-1]
        side.keep(network.nodes(side.frontier))
        if not side.frontier:
            break
        network.expand(side.frontier)
        side.advance(network.adjacency)
        meeting = network.nodes(node for node in side.frontier if node in other.depth)
        if meeting:
            return _Found(sides[0].level + sides[1].level, source, target, _hops(*sides, meeting))
    return None


def _candidates(found: list[_Found], limit: int) -> list[_Found]:
    """The pairs whose paths can be among the first ``limit``: the shortest, up to ``limit`` paths."""
    found = sorted(found, key=lambda f: f.length)
    kept: list[_Found] = []
    total = 0
    for item in found:
        if kept and total >= limit and item.length > kept[-1].length:
            break
        kept.append(item)
        total += item.count(limit)
    return kept


def _ordered(network: Network, found: list[_Found], limit: int) -> list[list[URIRef]]:
    """The first ``limit`` paths of ``found`` by (length, node labels), without listing them all.

    Best-first over path prefixes: a prefix sorts before all its extensions, and every prefix
    extends to a complete path, so complete paths come off the heap in order.
    """
    network.read_labels(
        itertools.chain.from_iterable((f.source, *f.hops, *itertools.chain(*f.hops.values())) for f in found)
    )
    heap: list[tuple[int, tuple[str, ...], tuple[str, ...], int, tuple[URIRef, ...]]] = [
        (f.length, (network.label(f.source),), (str(f.source),), i, (f.source,)) for i, f in enumerate(found)
    ]
    heapq.heapify(heap)
    paths: list[list[URIRef]] = []
    while heap and len(paths) < limit:
        length, labels, iris, i, nodes = heapq.heappop(heap)
        last = nodes[-1]
        if last == found[i].target:
            paths.append(list(nodes))
            continue
        for nxt in found[i].hops.get(last, ()):
            item = (length, (*labels, network.label(nxt)), (*iris, str(nxt)), i, (*nodes, nxt))
            heapq.heappush(heap, item)
    return paths


def find_paths(
    network: Network,
    sources: Sequence[URIRef],
    targets: Sequence[URIRef],
    max_steps: int,
    limit: int = PATH_LIMIT,
) -> list[list[URIRef]]:
    """Up to ``limit`` shortest paths (node lists, direction ignored) of at most ``max_steps`` steps.

    Every (source, target) pair with source ≠ target gets its own shortest paths; all of them are
    sorted by (length, node labels) and the first ``limit`` kept.
    """
    ends = network.nodes([*sources, *targets])
    found: list[_Found] = []
    for source, target in itertools.product(dict.fromkeys(sources), dict.fromkeys(targets)):
        if source in ends and target in ends and (hit := search(network, source, target, max_steps)):
            found.append(hit)
    return _ordered(network, _candidates(found, limit), limit)


def shortest_paths(
    target: Target,
    sources: Sequence[URIRef | str],
    targets: Sequence[URIRef | str],
    max_steps: int,
    limit: int = PATH_LIMIT,
) -> list[list[str]]:
    """Up to ``limit`` shortest paths (IRI lists, direction ignored) of at most ``max_steps`` steps."""
    network = Network(target)
    found = find_paths(network, [URIRef(s) for s in sources], [URIRef(t) for t in targets], max_steps, limit)
    return [[str(node) for node in path] for path in found]


def best_edge(edges: Mapping[Edge, EdgeFacts], a: str, b: str) -> tuple[str, str, str, EdgeFacts]:
    """The most confident stated relation between ``a`` and ``b``: (subject, relation, object, facts).

    Ties go to the relation stated from ``a`` to ``b``, then to the relation name.
    """
    candidates = [
        (-confidence(facts), s != a, relation, s, o, facts)
        for (s, relation, o), facts in edges.items()
        if (s, o) in ((a, b), (b, a))
    ]
    _, _, relation, s, o, facts = min(candidates, key=lambda c: c[:3])
    return s, relation, o, facts


def _step_evidence(target: Target, s: str, relation: str, o: str) -> Row | None:
    query = with_prefixes(get_question("path").text)
    rows = target.select(query, {"s": URIRef(s), "p": DV[relation], "o": URIRef(o)})
    return rows[0] if rows else None


def _source(row: Row | None, facts: EdgeFacts) -> str:
    if row is not None:
        parts = [to_plain(row.get(k)) for k in ("title", "url", "date")]
        text = ", ".join(str(p) for p in parts if p)
        if text:
            return text
    return facts.source_title or facts.source


def answer_path(target: Target, question: Question, resolved: Resolved) -> Answer:
    """Rows of steps: path number, step number, both ends, the relation, a sentence and its source."""
    notes = list(resolved.notes)
    if resolved.empty:
        return Answer(question.name, COLUMNS, [], notes, question.hidden)
    max_steps = resolved.ints["max"]  # the runner applies the default of the .rq header
    network = Network(target)
    sources = [URIRef(str(t)) for t in resolved.values["from"]]
    targets = [URIRef(str(t)) for t in resolved.values["to"]]
    paths = find_paths(network, sources, targets, max_steps)
    if not paths:
        notes.append(f"no path of at most {max_steps} steps between them")
    edges = network.edges(step for path in paths for step in itertools.pairwise(path))
    evidence: dict[Edge, Row | None] = {}
    rows: list[Row] = []
    for number, path in enumerate(paths, start=1):
        for step, (a, b) in enumerate(itertools.pairwise(path), start=1):
            s, relation, o, facts = best_edge(edges, str(a), str(b))
            if (s, relation, o) not in evidence:
                evidence[(s, relation, o)] = _step_evidence(target, s, relation, o)
            found = evidence[(s, relation, o)]
            arrow = f"—{relation}→" if s == str(a) else f"←{relation}—"
            sentence = to_plain(found.get("sentence")) if found else None
            start, end = network.label(a), network.label(b)
            rows.append(
                {
                    "path": Literal(number),
                    "step": Literal(step),
                    "from": Literal(start),
                    "relation": Literal(arrow),
                    "to": Literal(end),
                    "statement": Literal(f"{start} {arrow} {end}"),
                    "sentence": Literal(str(sentence or facts.sentence or "")),
                    "source": Literal(_source(found, facts)),
                    "s": URIRef(s),
                    "p": DV[relation],
                    "o": URIRef(o),
                }
            )
    return Answer(question.name, COLUMNS, rows, notes, question.hidden)
