"""A recognised span of the normalised body: the unit every recogniser produces and every relation
rule reads. Mentions are resolved to entities (``eid``) by :mod:`danvan_kg.extract.entities`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Mention"]


@dataclass(slots=True)
class Mention:
    """One recognised span. ``start``/``end`` delimit the label in the body; ``span`` the whole match
    (with its head word and quotation marks), which is what overlaps are judged on."""

    cls: str
    start: int
    end: int
    label: str
    method: str
    confidence: float = 0.8
    subtype: str = ""
    aliases: list[str] = field(default_factory=list)
    concept: str = ""  # catalogue id (known movement/model, beneficiary group, organisation head)
    scope: str = ""  # organisations: "national" or "relative"
    unit: str = ""  # organisations: bare unit-word qualifier ("tỉnh"); places: their unit word
    span: tuple[int, int] = (0, 0)
    extra: dict[str, Any] = field(default_factory=dict)
    list_id: int = -1  # names given as one list share an id
    sentence: int = -1
    priority: int = 0  # of the recogniser that produced it (higher wins an overlap)
    eid: str = ""  # IRI of the entity this mention was resolved to
    parent: int = -1  # places: index of the containing place mention ("xã A, huyện B")

    def __post_init__(self) -> None:
        if self.span == (0, 0):
            self.span = (self.start, self.end)

    @property
    def length(self) -> int:
        return self.span[1] - self.span[0]
