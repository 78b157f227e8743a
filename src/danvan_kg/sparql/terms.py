"""Result terms in one place: SPARQL JSON → rdflib terms, and rdflib terms → plain Python values.

Every target (embedded store, rdflib graph, remote endpoint) hands rows of rdflib terms to the
runner; these functions make them compare equal whatever engine produced them (Oxigraph
writes ``xsd:string`` explicitly, Virtuoso uses the older ``typed-literal`` JSON form) and turn
them into values a notebook or a JSON writer can use directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from danvan_kg.errors import EndpointError

Row = dict[str, Node | None]
PlainRow = dict[str, Any]


def normalise_term(term: Node | None) -> Node | None:
    """The canonical rdflib form of ``term``: ``xsd:string`` literals become plain literals."""
    if isinstance(term, Literal) and term.datatype in (XSD.string, RDF.langString) and not term.language:
        return Literal(str(term))
    return term


def normalise_row(row: Mapping[str, Node | None], columns: list[str] | None = None) -> Row:
    """A row with every column present (``None`` when unbound) and canonical terms."""
    names = columns if columns is not None else list(row)
    return {name: normalise_term(row.get(name)) for name in names}


def from_sparql_json(binding: Mapping[str, Any]) -> Node:
    """One value of a SPARQL 1.1 JSON result (also the ``typed-literal`` form of older servers)."""
    kind = binding.get("type")
    value = binding.get("value")
    if not isinstance(value, str):
        raise EndpointError("the endpoint sent a malformed SPARQL JSON result (a value is not a string)")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = binding.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        datatype = binding.get("datatype")
        if datatype and datatype not in (str(XSD.string), str(RDF.langString)):
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise EndpointError(f"the endpoint sent a SPARQL JSON term of unknown type {kind!r}")


def to_plain(term: Node | None) -> Any:
    """A plain Python value: IRIs as str, numbers as int/float, booleans, dates, text as str."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        try:
            value = term.toPython()
        except Exception:
            return str(term)
        if isinstance(value, Literal):  # no Python mapping (e.g. xsd:gYear): its text
            return str(term)
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, bool | int | float | str | dt.date | dt.datetime | dt.time):
            return value
        return str(term)
    return str(term)


def plain_rows(rows: list[Row]) -> list[PlainRow]:
    """Rows of rdflib terms as rows of plain Python values."""
    return [{name: to_plain(value) for name, value in row.items()} for row in rows]


LIST_SEPARATOR = "\t"
"""What the ``.rq`` files put between GROUP_CONCAT items (labels never hold a tab)."""


def list_items(term: Node | None, separator: str = LIST_SEPARATOR) -> list[str]:
    """The distinct non-empty items of a GROUP_CONCAT value (or of a cleaned list cell, whose items
    ``separator`` "; " joins), sorted (engines differ in order)."""
    if term is None:
        return []
    return sorted({item.strip() for item in str(term).split(separator) if item.strip()})


@lru_cache(maxsize=8192)
def _plain_literal(text: str) -> Literal:
    """A plain literal, built once per text: list cells repeat (a province, an organisation) and
    rdflib's Literal constructor was a fifth of a models page."""
    return Literal(text)


def clean_list(term: Node | None, joiner: str = "; ") -> Literal | None:
    """A GROUP_CONCAT value as one literal of sorted items joined by ``joiner`` (``None`` if empty)."""
    if term is None:
        return None
    text = str(term)
    if LIST_SEPARATOR not in text:  # one item (or none): nothing to split or sort
        text = text.strip()
        return _plain_literal(text) if text else None
    items = list_items(term)
    return _plain_literal(joiner.join(items)) if items else None


def json_value(value: Any) -> Any:
    """A plain value made JSON-serialisable (dates as ISO 8601 text)."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return value
