"""Text layer: decode and parse source documents, normalise Vietnamese text, split sentences.

:mod:`.normalise` (one spelling for the same name; imported by every layer, so this package's
``__init__`` imports nothing), :mod:`.decode` (bytes → text), :mod:`.document` (the input format →
:class:`~danvan_kg.text.document.Document`), :mod:`.sentences`. Reading a file of any kind (text,
HTML, PDF, Word) is :func:`danvan_kg.sources.load.load_document`, one layer up.
"""
