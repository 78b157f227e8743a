"""Text layer: decode and parse source documents, normalise Vietnamese text, split sentences.

Reading a file of any kind (text, HTML, PDF, Word) into a :class:`Document` is the job of
:func:`danvan_kg.sources.load.load_document`, one layer up.
"""

from danvan_kg.text.document import Document, decode_bytes, parse_text
from danvan_kg.text.normalise import fold, normalise
from danvan_kg.text.sentences import Sentence, split_sentences

__all__ = [
    "Document",
    "Sentence",
    "decode_bytes",
    "fold",
    "normalise",
    "parse_text",
    "split_sentences",
]
