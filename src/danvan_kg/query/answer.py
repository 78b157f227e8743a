"""What a question returns and what the runner hands to its handlers."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib.term import Node

from danvan_kg.query.lookup import Match
from danvan_kg.sparql.terms import Row


@dataclass
class Answer:
    """The rows of a question (rdflib terms), their column order and notes for the user."""

    question: str
    columns: list[str]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    hidden: tuple[str, ...] = ()
    unmatched: list[str] = field(default_factory=list)
    """Parameters (as options, ``--movement``) whose name matched no entity: the answer is empty
    because of the name, not because nothing is related (``danvan-kg ask`` exits 3)."""

    @property
    def visible_columns(self) -> list[str]:
        """Columns worth showing in a table (IRIs and bound parameters left out)."""
        return [c for c in self.columns if c not in self.hidden]


@dataclass
class Resolved:
    """Parameter values ready for binding: candidate terms per parameter, plus notes."""

    values: dict[str, list[Node]] = field(default_factory=dict)
    matches: dict[str, list[Match]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    empty: bool = False
    ints: dict[str, int] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)


def more_rows_note(offset: int, limit: int) -> str:
    """The note of a page that has more rows after it (options as the command line spells them)."""
    return (
        f"showing rows {offset + 1:,}–{offset + limit:,}; more follow"
        f" (--offset {offset + limit} for the next page, --limit 0 for all)"
    )


SORTED_MAX = 500
"""A paged answer with up to this many rows is sorted before it is cut into pages; a larger one
is paged in the store's order, so that a first page costs the same whatever the store holds."""


def store_order_note() -> str:
    """The note of a page of an answer too large to sort first (more than :data:`SORTED_MAX` rows)."""
    return (
        f"more than {SORTED_MAX:,} rows: pages follow the store's order (stable while the store is "
        "unchanged), each sorted; --limit 0 gives every row sorted"
    )
