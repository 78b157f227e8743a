"""What the store's rows say about entities and relations, read the same way by every reader.

The network projection (:mod:`danvan_kg.network.projection`) and the ``path`` question
(:mod:`danvan_kg.query.paths`) both fold evidence rows into :class:`EdgeFacts` (best confidence,
sentence and source of an asserted relation, and the years of its sources), pick display labels
with :func:`label_rank`, and name a row's source with :func:`source_of`: one reader, so that a
step of a path shows exactly what the network page shows for that edge.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import Literal
from rdflib.term import Node

from danvan_kg.ids import DV

__all__ = [
    "UNEVIDENCED_CONFIDENCE",
    "EdgeFacts",
    "SourceDates",
    "as_float",
    "label_rank",
    "local_name",
    "source_of",
    "year_of",
]

UNEVIDENCED_CONFIDENCE = 1.0
"""Confidence given to a relation asserted without any evidence node (curated records, reference data)."""

_DV = str(DV)
_YEAR = re.compile(r"^\s*(\d{4})(?:\b|-)")


def year_of(term: Node | str | None) -> int | None:
    """The year of an article date (``2024-12-26``, ``2024-12``, ``2024``), ``None`` when unknown."""
    if term is None:
        return None
    match = _YEAR.match(str(term))
    if not match:
        return None
    year = int(match.group(1))
    return year if 1900 <= year <= 2100 else None


@dataclass
class SourceDates:
    """The years of the sources of one node or relation, and whether one of them is undated."""

    years: set[int] = field(default_factory=set)
    undated: bool = False

    def add(self, date: Node | str | None) -> None:
        """Count one source with this date (or without one)."""
        year = year_of(date)
        if year is None:
            self.undated = True
        else:
            self.years.add(year)


def local_name(iri: object) -> str:
    """The local name of an IRI: after the dv: namespace, else after the last ``/`` or ``#``."""
    text = str(iri)
    return text[len(_DV) :] if text.startswith(_DV) else text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def as_float(term: Node | None) -> float | None:
    """A confidence or other number as a float (``None`` when absent or not a number)."""
    if term is None:
        return None
    try:
        return float(term.toPython() if isinstance(term, Literal) else str(term))
    except (TypeError, ValueError):
        return None


@dataclass
class EdgeFacts:
    """What the evidence says about one asserted relation: the best confidence, sentence and source."""

    evidence: set[str] = field(default_factory=set)
    confidence: float | None = None
    sentence: str = ""
    quote: str = ""
    source: str = ""
    source_title: str = ""
    best: tuple[float, str] = (-1.0, "")
    sources: set[str] = field(default_factory=set)
    dates: SourceDates = field(default_factory=SourceDates)

    def add_evidence(self, row: Mapping[str, Node | None]) -> None:
        """Fold one evidence row in: the highest confidence, the sentence of the best evidence, and
        the source (with its date) of every evidence."""
        if str(row["evidence"]) not in self.evidence and (row.get("article") or row.get("url")) is not None:
            self.sources.add(source_of(row)[0])
            self.dates.add(row.get("date"))
        self.evidence.add(str(row["evidence"]))
        confidence = as_float(row.get("confidence"))
        if confidence is not None:
            self.confidence = confidence if self.confidence is None else max(self.confidence, confidence)
        sentence = str(row["sentence"]) if row.get("sentence") is not None else ""
        rank = (confidence if confidence is not None else 0.0, sentence)
        if sentence and (rank[0] > self.best[0] or (rank[0] == self.best[0] and rank[1] < self.best[1])):
            self.best = rank
            self.sentence = sentence
            self.quote = str(row["quote"]) if row.get("quote") is not None else ""
            self.source, self.source_title = source_of(row)


_NAME_RANK = {("prefLabel", "vi"): 0, ("label", "vi"): 1, ("prefLabel", ""): 2, ("label", ""): 3}


def label_rank(prop: str, lang: str | None) -> int:
    """Preference of a name as the label people see (lower wins).

    ``skos:prefLabel`` before ``rdfs:label``, Vietnamese before untagged; then the other names
    (``skos:altLabel``, ``dv:name``) in Vietnamese or untagged; then any name in another language.
    """
    kind = prop.rsplit("#", 1)[-1]
    language = lang or ""
    if (kind, language) in _NAME_RANK:
        return _NAME_RANK[(kind, language)]
    if language in ("vi", ""):
        return 4 if language == "vi" else 5
    return 6 if kind == "prefLabel" else 7 if kind == "label" else 8


def source_of(row: Mapping[str, Node | None]) -> tuple[str, str]:
    """(source, title) of an evidence row: the article's URL, else its title, else its IRI."""
    url = row.get("url")
    title = row.get("title")
    article = row.get("article")
    source = str(url) if url is not None else str(title) if title is not None else str(article or "")
    return source, str(title) if title is not None else ""
