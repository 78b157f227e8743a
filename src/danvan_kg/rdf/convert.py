"""Conversion of RDF terms between rdflib (the programming model) and pyoxigraph (the engine).

Queries on the embedded store run on pyoxigraph directly (about 3× faster than through
rdflib's SPARQL layer), and their results come back as rdflib terms so that callers see one
term model everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (IRIs, blank nodes and literals)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot use {type(term).__name__} as an RDF term")


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Node | None:
    """A pyoxigraph term as an rdflib term (``None`` stays ``None`` for unbound variables)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        # Oxigraph only holds IRIs it has validated, so rdflib's own check (a Python loop over the
        # characters, 2 us an IRI: 5 % of a question decoding 3,000 rows) is skipped.
        return str.__new__(URIRef, term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANGSTRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unsupported pyoxigraph term {term!r}")


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: Node) -> str:
    """An rdflib term in N-Triples syntax (what ``n3()`` gives, without its prefix handling and checks).

    Writing an article's graph as N-Quads text for Oxigraph's parser costs a tenth of turning it
    into a SPARQL update with ``n3()``, which is what ingest spent most of its writing time on.
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"cannot write {type(term).__name__} as an RDF term")


def nquads(graphs: Mapping[str, Iterable[tuple[Node, Node, Node]]]) -> bytes:
    """Named graphs as UTF-8 N-Quads (graph IRIs checked by the caller)."""
    written: dict[Node, str] = {}  # IRIs repeat (types, predicates, the article): written once

    def term(node: Node) -> str:
        if type(node) is URIRef:
            text = written.get(node)
            if text is None:
                text = written[node] = f"<{node}>"
            return text
        return nt_term(node)

    lines: list[str] = []
    for iri, triples in graphs.items():
        tail = f" <{iri}> .\n"
        lines.extend(f"{term(s)} {term(p)} {term(o)}{tail}" for s, p, o in triples)
    return "".join(lines).encode("utf-8")
