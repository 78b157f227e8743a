"""The extractor's components, registered by name: recognisers (with a precedence) and relation
rules (an ordered table). Modules register themselves with the decorators below; the pipeline in
:mod:`danvan_kg.extract.assemble` runs what is registered, and ``docs/extraction.md`` prints the
tables from here (``python -m danvan_kg.extract.registry``), so code and documentation cannot drift.

Recognisers propose mentions; where two overlap, the one of higher ``priority`` wins, then the
longer span (containers may keep nested mentions, see :mod:`danvan_kg.extract.entities`).
Relation rules run in table order; a rule that ``supersedes`` others removes their relations for
the same subject and predicate once it has found one (the specific rule beats the fallback),
instead of rules deleting each other's results ad hoc.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from danvan_kg.extract.context import DocContext
    from danvan_kg.extract.mention import Mention

__all__ = [
    "RECOGNISERS",
    "RELATION_RULES",
    "Recogniser",
    "RelationRule",
    "markdown_tables",
    "recogniser",
    "relation_rule",
]

RecogniserFn = Callable[["DocContext"], "list[Mention]"]


@dataclass(frozen=True, slots=True)
class Recogniser:
    """A component proposing mentions of some classes."""

    name: str
    classes: tuple[str, ...]
    priority: int
    doc: str
    fn: RecogniserFn


@dataclass(frozen=True, slots=True)
class RelationRule:
    """One row of the relation table."""

    name: str
    predicate: str
    confidence: float
    doc: str
    fn: Callable[..., Any]
    supersedes: tuple[str, ...] = field(default_factory=tuple)
    order: int = 0
    fallback: bool = False  # kept only for subjects no other rule gave this predicate


RECOGNISERS: dict[str, Recogniser] = {}
RELATION_RULES: dict[str, RelationRule] = {}


def recogniser(
    name: str, *, classes: tuple[str, ...], priority: int
) -> Callable[[RecogniserFn], RecogniserFn]:
    """Register a recogniser; its docstring's first line documents it."""

    def wrap(fn: RecogniserFn) -> RecogniserFn:
        if name in RECOGNISERS:
            raise ValueError(f"recogniser {name!r} registered twice")
        doc = " ".join((fn.__doc__ or "").strip().split("\n\n")[0].split())
        RECOGNISERS[name] = Recogniser(name, classes, priority, doc, fn)
        return fn

    return wrap


def relation_rule(
    name: str,
    *,
    predicate: str,
    confidence: float,
    order: int,
    supersedes: tuple[str, ...] = (),
    fallback: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a relation rule at position ``order`` of the table; its docstring documents it.

    ``supersedes`` names rules whose results this one removes for the same subject and predicate;
    ``fallback`` marks a rule whose results stand only where no other rule found that predicate.
    """

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        if name in RELATION_RULES:
            raise ValueError(f"relation rule {name!r} registered twice")
        doc = " ".join((fn.__doc__ or "").strip().split("\n\n")[0].split())
        RELATION_RULES[name] = RelationRule(
            name, predicate, confidence, doc, fn, tuple(supersedes), order, fallback
        )
        return fn

    return wrap


def ordered_rules() -> list[RelationRule]:
    """The relation table in the order the rules run."""
    return sorted(RELATION_RULES.values(), key=lambda r: (r.order, r.name))


def ordered_recognisers() -> list[Recogniser]:
    """Recognisers by decreasing precedence."""
    return sorted(RECOGNISERS.values(), key=lambda r: (-r.priority, r.name))


def markdown_tables() -> str:
    """The recogniser and relation tables as Markdown (for docs/extraction.md)."""
    import danvan_kg.extract.assemble  # noqa: F401  (registers every component)

    lines = ["| recogniser | classes | precedence | what it finds |", "|---|---|---|---|"]
    for r in ordered_recognisers():
        lines.append(f"| `{r.name}` | {', '.join(r.classes)} | {r.priority} | {r.doc} |")
    lines += [
        "",
        "| # | relation rule | predicate | confidence | supersedes | what it states |",
        "|---|---|---|---|---|---|",
    ]
    for i, rule in enumerate(ordered_rules(), 1):
        sup = ", ".join(f"`{s}`" for s in rule.supersedes) or (
            "every other rule (fallback)" if rule.fallback else "–"
        )
        lines.append(
            f"| {i} | `{rule.name}` | {rule.predicate} | {rule.confidence:.2f} | {sup} | {rule.doc} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - documentation helper
    from danvan_kg.extract import registry as _registry  # the package's copy, which the components fill

    sys.stdout.write(_registry.markdown_tables())
