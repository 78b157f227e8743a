"""The ``search`` question: entities by label or alias, ignoring case and diacritics."""

from __future__ import annotations

import re

from rdflib import Literal

from danvan_kg.ids import CORE_CLASSES
from danvan_kg.query import lookup
from danvan_kg.query.answer import SORTED_MAX, Answer, Resolved
from danvan_kg.query.catalogue import Question
from danvan_kg.query.targets import Target
from danvan_kg.sparql.terms import Row

SEARCH_LIMIT = 50
COLUMNS = ["entity", "label", "type", "types", "context", "aliases", "match"]
_STRUCTURE = re.compile(r"/id/admin/(2020|2025)/")


def context(match: lookup.Match) -> str:
    """What tells apart two hits of one name: the province a local thing belongs to, or the
    structure (2020 or 2025) of an administrative unit ("Tỉnh Đồng Tháp" exists in both)."""
    if found := _STRUCTURE.search(str(match.iri)):
        return f"đơn vị hành chính {found.group(1)}"
    return match.province


def answer_search(target: Target, question: Question, resolved: Resolved) -> Answer:
    """Rows for every entity whose label or alias contains the text (exact matches first)."""
    text = resolved.values["text"][0]
    assert isinstance(text, Literal)
    hits = lookup.key_hits(target, str(text), SORTED_MAX) if str(text) else []
    rows: list[Row] = []
    notes = list(resolved.notes)
    described = lookup.describe_many(target, [entity for entity, _ in hits[:SEARCH_LIMIT]])
    for entity, exact in hits[:SEARCH_LIMIT]:
        match = described.get(entity)
        if match is None:
            continue
        rows.append(
            {
                "entity": match.iri,
                "label": Literal(match.label),
                "type": Literal(match.type),
                "types": Literal(" ".join(match.types)),
                "context": Literal(context(match)) if context(match) else None,
                "aliases": Literal(match.aliases),
                "match": Literal("exact" if exact else "contains"),
            }
        )
    # exact matches first; within each, things before the shared concepts of their names (a model
    # before its dv:ModelType), as the hits came otherwise (by key, then IRI)
    rows.sort(key=lambda r: (str(r["match"]) != "exact", str(r["type"]) not in CORE_CLASSES))
    if len(hits) > SORTED_MAX:  # read no further: exact matches first among those found
        notes.append(f"more than {SORTED_MAX:,} entities match; showing {SEARCH_LIMIT} of them")
    elif len(hits) > SEARCH_LIMIT:
        notes.append(f"{len(hits)} entities match; showing the first {SEARCH_LIMIT}")
    if not hits:
        notes.append("nothing matches")
    return Answer(question.name, COLUMNS, rows, notes, question.hidden)
