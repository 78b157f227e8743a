"""The evidence node: which source says a statement (or mentions an entity), and how surely.

One builder for every kind of evidence: sentences found by the extractor
(:mod:`danvan_kg.rdf.triples`) and rows of curated records (:mod:`danvan_kg.rdf.records`). The shape
is that of ``docs/architecture.md`` ("Triples of one article graph"): ``rdf:subject``/``predicate``/
``object`` for a relation or ``dv:about`` for an entity, the quote, sentence and offsets when
there is text, ``dv:confidence``, ``dv:method`` and ``prov:wasDerivedFrom`` the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from danvan_kg.ids import DV, evidence_iri
from danvan_kg.rdf.sink import Sink

__all__ = ["Span", "add_evidence", "confidence_literal"]

Statement = tuple[URIRef, URIRef, URIRef]


@dataclass(frozen=True, slots=True)
class Span:
    """Where in the normalised body the evidence is: the quote, its sentence and its offsets."""

    quote: str
    sentence: str
    start: int
    end: int


# An article has dozens of evidence nodes: their literals are built once (rdflib's Literal
# constructor is a good part of the cost of building an article's graph).
@lru_cache(maxsize=8192)
def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


@lru_cache(maxsize=4096)
def _decimal(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal)


@lru_cache(maxsize=4096)
def _plain(text: str) -> Literal:
    return Literal(text)


def confidence_literal(value: float) -> Literal:
    """A confidence as ``xsd:decimal`` with three decimals, clamped to 0..1."""
    return _decimal(f"{max(0.0, min(1.0, value)):.3f}")


def add_evidence(
    graph: Sink,
    graph_iri: str,
    article: URIRef,
    key: tuple[object, ...],
    *,
    statement: Statement | None = None,
    about: URIRef | None = None,
    span: Span | None = None,
    confidence: Literal,
    method: str,
    note: str = "",
) -> URIRef:
    """Add the evidence node for ``statement`` (a relation) or ``about`` (an entity) to ``graph``.

    Its IRI is stable: a hash of the graph, what it is evidence for and ``key`` (the span's offsets,
    or the curated method and line), so the same fact from the same place always gets the same node.
    """
    target: tuple[object, ...] = (about,) if statement is None else statement
    node = evidence_iri(graph_iri, *target, *key)
    graph.add((node, RDF.type, DV.Evidence))
    if statement is not None:
        graph.add((node, RDF.subject, statement[0]))
        graph.add((node, RDF.predicate, statement[1]))
        graph.add((node, RDF.object, statement[2]))
    if about is not None:
        graph.add((node, DV.about, about))
    if span is not None:
        graph.add((node, DV.quote, _plain(span.quote)))
        if span.sentence:
            graph.add((node, DV.sentence, _plain(span.sentence)))
        graph.add((node, DV.start, _integer(span.start)))
        graph.add((node, DV.end, _integer(span.end)))
    graph.add((node, DV.confidence, confidence))
    if method:
        graph.add((node, DV.method, _plain(method)))
    graph.add((node, PROV.wasDerivedFrom, article))
    if note:
        graph.add((node, RDFS.comment, Literal(note)))
    return node
