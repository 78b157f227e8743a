"""The extractor's output: entities and relations with evidence, for one document.

This is the contract between the text side (``text/``, ``extract/``, ``resolve``) and the
RDF side (``rdf/triples``): the extractor fills these, the RDF layer only reads them.
``to_json`` gives exactly the ``extract --format jsonl`` object of ``shared/DESIGN.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """One span of the normalised body that supports an entity or a relation.

    ``start``/``end`` are character offsets into ``Document.body`` (the normalised body),
    and ``body[start:end] == quote`` always holds. ``sentence`` is the whole sentence
    holding the span (``sentence_start`` its offset), used for "which sentence says so".
    """

    quote: str
    start: int
    end: int
    sentence: str = ""
    sentence_start: int = 0
    method: str = ""
    confidence: float = 1.0

    def to_json(self) -> dict[str, Any]:
        return {"quote": self.quote, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Entity:
    """A resolved entity of one document. ``id`` is its stable IRI (a str)."""

    id: str
    type: str  # one of CORE_CLASSES or SUPPORTING_CLASSES (Programme, Index)
    label: str  # as written in the text (fullest spelling), for display
    aliases: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    key: str = ""  # normalised identity key (see resolve.py)
    subtype: str = ""  # finer class local name, e.g. "SocioPoliticalOrganisation", "Directive"
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. place codes, document code, scheme concept IRI

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "label": self.label,
            "aliases": list(self.aliases),
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(slots=True)
class Relation:
    """A relation stated by the document, between two entity IRIs."""

    s: str
    p: str  # one of CORE_RELATIONS or EXTRA_RELATIONS
    o: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    method: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "s": self.s,
            "p": self.p,
            "o": self.o,
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_json() for e in self.evidence],
        }


@dataclass(slots=True)
class DocumentInfo:
    """Metadata of the source document (from its header, front matter or body)."""

    source: str  # the path (or name) the document was read from, as given
    key: str  # stable identity of the source: its url when known, else its file name
    article_iri: str
    graph_iri: str
    url: str | None = None
    outlet: str | None = None
    date: str | None = None  # ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    body: str = ""  # the normalised body that evidence offsets refer to
    province: str | None = None  # the article's main province (short name, e.g. "Đồng Tháp"), if any


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: DocumentInfo
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.document.source,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
        }
