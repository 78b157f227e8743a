"""Extraction: one document in, entities and relations with evidence out.

``extract_document(path)`` and ``extract_text(text)`` are pure functions of one document: they read
it (:func:`danvan_kg.sources.load.load_document`) and normalise it (:mod:`danvan_kg.text`), run the
registered recognisers (:mod:`.recognise`), resolve mentions to entities with stable IRIs
(:mod:`.entities`, :mod:`danvan_kg.resolve`), and apply the relation rules (:mod:`.relate`), in the
order of :data:`danvan_kg.extract.assemble.STEPS`.
"""

from __future__ import annotations

from pathlib import Path

from danvan_kg.extract.assemble import assemble
from danvan_kg.extract.model import DocumentInfo, Entity, Evidence, Extraction, Relation
from danvan_kg.sources.load import load_document
from danvan_kg.text.document import Document, parse_text

__all__ = [
    "DocumentInfo",
    "Entity",
    "Evidence",
    "Extraction",
    "Relation",
    "extract_document",
    "extract_parsed",
    "extract_text",
]


def extract_parsed(doc: Document) -> Extraction:
    """Extract from an already parsed :class:`~danvan_kg.text.document.Document`."""
    return assemble(doc)


def extract_document(path: str | Path) -> Extraction:
    """Read ``path`` (raises :class:`~danvan_kg.errors.InputError` if unusable) and extract from it."""
    return assemble(load_document(path))


def extract_text(text: str, source: str = "<text>") -> Extraction:
    """Extract from a text given as a string (header block / front matter allowed)."""
    return assemble(parse_text(text, source))
