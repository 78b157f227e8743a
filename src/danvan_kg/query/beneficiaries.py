"""The ``beneficiaries`` question: whom a model, movement, organisation or resolution serves.

The query returns IRIs only, one row per beneficiary group and thing stating ``dv:benefits``
(the thing reached from ``of`` through partOf / implements / runBy / launchedBy). Here the things
of each group are counted (``through``) and the first ``examples`` of them by IRI (readable
slugs, so about alphabetical, and the same on every engine) are named in ``via``. Labels are
read afterwards, in one :func:`danvan_kg.query.lookup.describe_many` call, for the groups and
those examples only: the busiest movement at 1M triples has 3,193 such things, and reading all
their labels in the engine cost most of the question's time for a cell nobody could read.
A hub that thousands of things reach (the busiest movement: 18,000 models at 10M triples, 0.6 s to
walk) has its counts and first examples kept by ingest in ``graph/index``
(:mod:`danvan_kg.query.rollups`); they are read instead of walking when one entity is asked about
with at most five examples.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from danvan_kg.query import lookup
from danvan_kg.query.answer import Answer, Resolved
from danvan_kg.query.catalogue import Question
from danvan_kg.query.targets import Target
from danvan_kg.sparql.files import load_query
from danvan_kg.sparql.terms import LIST_SEPARATOR, Row, clean_list
from danvan_kg.sparql.text import with_prefixes

COLUMNS = ["of", "group", "beneficiary", "via", "through"]

Things = dict[tuple[URIRef, URIRef], set[Node]]
"""The things stating ``dv:benefits`` for each (``of``, group) pair."""


def things_by_group(target: Target, question: Question, entities: Sequence[Node]) -> Things:
    """The things serving each group, for every candidate of ``of`` (one query per candidate).

    The rows are (group, thing) pairs; grouped here rather than by the engine, so no engine has
    to aggregate thousands of IRIs into one value.
    """
    text = with_prefixes(question.render({"of"}))
    out: Things = {}
    for entity in entities:
        if not isinstance(entity, URIRef):
            continue
        groups: dict[Node, set[Node]] = {}
        for row in target.select(text, {"of": entity}):
            groups.setdefault(row["group"], set()).add(row["thing"])  # type: ignore[arg-type]
        for group, things in groups.items():
            if isinstance(group, URIRef):
                out[(entity, group)] = {thing for thing in things if thing is not None}
    return out


def merged_by_group(things: Things) -> Things:
    """One entry per group when a name stood for several entities ("Phiên chợ 0 đồng" of two
    provinces): the things of every candidate together, under the first candidate by IRI."""
    out: dict[URIRef, tuple[URIRef, set[Node]]] = {}
    for (of, group), found in sorted(things.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        _first, union = out.setdefault(group, (of, set()))
        union |= found
    return {(of, group): union for group, (of, union) in out.items()}


def first_things(things: set[Node], examples: int) -> list[Node]:
    """The first ``examples`` things by IRI (``0``: all of them)."""
    ordered = sorted(things, key=str)
    return ordered[:examples] if examples else ordered


def cut_note(cut: int, total: int, examples: int) -> str:
    """The note of an answer where ``cut`` of ``total`` groups name only some of their things."""
    return (
        f"{cut:,} of {total:,} groups show only {examples} of their things in via"
        " (through counts them all; --examples 0 lists every name)"
    )


def _label(described: Mapping[URIRef, lookup.Match], node: Node) -> str:
    """The label of ``node``, or its IRI when the store gives it no label."""
    match = described.get(node) if isinstance(node, URIRef) else None
    return match.label if match else str(node)


Counted = tuple[dict[tuple[URIRef, URIRef], int], dict[tuple[URIRef, URIRef], list[Node]]]
"""For each (``of``, group): how many things serve it, and the examples to name."""


def rolled_up(target: Target, of: URIRef, examples: int) -> Counted | None:
    """The counts and examples of ``of`` as ingest counted them (``graph/index``), when it did.

    A busy movement's thousands of models are walked once per ingest run instead of at every
    asking (:mod:`danvan_kg.query.rollups`); a hub without rollups gives ``None`` (walk it).
    """
    from danvan_kg.query.rollups import EXAMPLES

    if not 0 < examples <= EXAMPLES:
        return None
    rows = target.select(with_prefixes(load_query("danvan_kg.query.queries", "rollup_of.rq")), {"of": of})
    if not rows:
        return None
    counts: dict[tuple[URIRef, URIRef], int] = {}
    found: dict[tuple[URIRef, URIRef], set[Node]] = {}
    for row in rows:
        group = row["group"]
        if isinstance(group, URIRef):
            counts[(of, group)] = int(str(row["count"]))
            found.setdefault((of, group), set())
            if row.get("example") is not None:
                found[(of, group)].add(row["example"])  # type: ignore[arg-type]
    return counts, {key: first_things(things, examples) for key, things in found.items()}


def walked(target: Target, question: Question, entities: Sequence[Node], examples: int) -> Counted:
    """The counts and examples of ``entities`` by walking from them (several merged by group)."""
    things = merged_by_group(things_by_group(target, question, entities))
    counts = {key: len(found) for key, found in things.items()}
    return counts, {key: first_things(found, examples) for key, found in things.items()}


def answer_beneficiaries(target: Target, question: Question, resolved: Resolved) -> Answer:
    """One row per (``of``, group): the group's label, example things in ``via``, their number."""
    notes = list(resolved.notes)
    if resolved.empty:
        return Answer(question.name, COLUMNS, [], notes, question.hidden)
    examples = resolved.ints["examples"]  # the runner applies the default (5) of the .rq header
    entities = resolved.values.get("of", [])
    counted = None
    if len(entities) == 1 and isinstance(entities[0], URIRef):
        counted = rolled_up(target, entities[0], examples)
    counts, shown = counted or walked(target, question, entities, examples)
    nodes = [group for _, group in counts] + [n for chosen in shown.values() for n in chosen]
    described = lookup.describe_many(target, [n for n in nodes if isinstance(n, URIRef)])
    rows: list[Row] = []
    for (of, group), number in counts.items():
        names = LIST_SEPARATOR.join(_label(described, thing) for thing in shown[(of, group)])
        row: Row = {
            "of": of,
            "group": group,
            "beneficiary": Literal(_label(described, group)),
            "via": Literal(names),
            "through": Literal(number),
        }
        for name in question.lists:  # as the runner cleans GROUP_CONCAT columns: distinct, sorted
            row[name] = clean_list(row[name])
        rows.append(row)
    rows.sort(key=lambda r: (str(r["beneficiary"]), str(r["group"]), str(r["of"])))
    cut = sum(1 for key, number in counts.items() if number > len(shown[key]))
    if cut:
        notes.append(cut_note(cut, len(counts), examples))
    return Answer(question.name, COLUMNS, rows, notes, question.hidden)
