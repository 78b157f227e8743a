"""Text layer: decode and parse source documents, normalise Vietnamese text, split sentences."""

from danvan_kg.text.document import Document, decode_bytes, parse_text, read_document
from danvan_kg.text.normalise import fold, normalise
from danvan_kg.text.sentences import Sentence, split_sentences

__all__ = [
    "Document",
    "Sentence",
    "decode_bytes",
    "fold",
    "normalise",
    "parse_text",
    "read_document",
    "split_sentences",
]
