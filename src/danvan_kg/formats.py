"""Every file format the project reads or writes, in one registry.

Three families, each listed once and used by the store, the exports and the command line:

* ``rdf`` — graphs: what ``import`` reads and ``export`` writes (with the pyoxigraph format, the
  rdflib parser/serialiser name, file extensions and whether named graphs are kept);
* ``network`` — the entity network for other tools (GraphML, GEXF, CSV), written by
  :mod:`danvan_kg.network.formats`;
* ``answer`` — how ``ask`` and ``sparql`` print answers (:mod:`danvan_kg.query.output`); ``ttl`` also
  prints the graph of a CONSTRUCT.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from danvan_kg.errors import InputError

__all__ = [
    "ANSWER_FORMATS",
    "EXPORT_FORMATS",
    "GRAPH_ANSWER_FORMATS",
    "NETWORK_FORMATS",
    "RDF_FORMATS",
    "RdfFormat",
    "of_media_type",
    "of_ox",
    "rdf_format",
    "rdf_format_of",
]


@dataclass(frozen=True, slots=True)
class RdfFormat:
    """One RDF syntax: the names it goes by, its engines' names for it, and what it keeps."""

    name: str
    """The name ``--format`` takes and ``export`` writes (``ttl``, ``nq`` …)."""
    ox: ox.RdfFormat
    rdflib: str
    """rdflib's parser and serialiser name."""
    description: str
    extensions: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    quads: bool = False
    """Whether the syntax holds named graphs (a file of it says which graph each triple is in)."""
    export: bool = True
    """Whether ``export`` writes it (RDF/XML is only read)."""
    media_types: tuple[str, ...] = ()
    """HTTP content types of the syntax (what a SPARQL endpoint may answer a CONSTRUCT with)."""


RDF_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat(
        "ttl",
        ox.RdfFormat.TURTLE,
        "turtle",
        "Turtle, all graphs merged",
        (".ttl", ".turtle"),
        ("turtle",),
        media_types=("text/turtle", "application/x-turtle"),
    ),
    RdfFormat(
        "nt",
        ox.RdfFormat.N_TRIPLES,
        "nt",
        "N-Triples, all graphs merged",
        (".nt",),
        media_types=("application/n-triples", "text/plain"),
    ),
    RdfFormat(
        "nq",
        ox.RdfFormat.N_QUADS,
        "nquads",
        "N-Quads, named graphs kept",
        (".nq",),
        quads=True,
        media_types=("application/n-quads",),
    ),
    RdfFormat(
        "trig",
        ox.RdfFormat.TRIG,
        "trig",
        "TriG, named graphs kept",
        (".trig",),
        quads=True,
        media_types=("application/trig",),
    ),
    RdfFormat(
        "jsonld",
        ox.RdfFormat.JSON_LD,
        "json-ld",
        "JSON-LD, named graphs kept",
        (".jsonld", ".json"),
        ("json-ld",),
        quads=True,
        media_types=("application/ld+json",),
    ),
    RdfFormat(
        "xml",
        ox.RdfFormat.RDF_XML,
        "xml",
        "RDF/XML (read only)",
        (".rdf", ".owl", ".xml"),
        export=False,
        media_types=("application/rdf+xml",),
    ),
)
"""The RDF syntaxes, in the order ``export --help`` lists them."""

EXPORT_FORMATS: dict[str, str] = {f.name: f.description for f in RDF_FORMATS if f.export}
"""RDF formats ``export`` writes → what each keeps."""

NETWORK_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv")
"""The entity network for Gephi, yEd, Cytoscape and spreadsheets (``export --format``, ``viz``)."""

ANSWER_FORMATS: tuple[str, ...] = ("table", "records", "json", "csv")
"""How ``ask`` prints an answer."""

GRAPH_ANSWER_FORMATS: tuple[str, ...] = ("ttl", *ANSWER_FORMATS)
"""How ``sparql`` prints an answer (``ttl`` for the graph of a CONSTRUCT or DESCRIBE)."""

_BY_NAME = {alias: f for f in RDF_FORMATS for alias in (f.name, *f.aliases)}
_BY_EXTENSION = {ext: f for f in RDF_FORMATS for ext in f.extensions}
_BY_OX = {f.ox: f for f in RDF_FORMATS}
_BY_MEDIA_TYPE = {t: f for f in RDF_FORMATS for t in f.media_types}


def rdf_format(name: str) -> RdfFormat:
    """The RDF format called ``name`` (any case, aliases too); :class:`InputError` when unknown."""
    try:
        return _BY_NAME[name.lower()]
    except KeyError:
        raise InputError(f"unknown RDF format {name!r} (use one of {', '.join(sorted(_BY_NAME))})") from None


def rdf_format_of(path: str | Path, name: str | None = None) -> RdfFormat:
    """The RDF format named by ``name``, else by the extension of ``path``; :class:`InputError` if unknown."""
    if name:
        return rdf_format(name)
    suffix = Path(path).suffix.lower()
    try:
        return _BY_EXTENSION[suffix]
    except KeyError:
        raise InputError(f"{path}: cannot tell the RDF format from the extension {suffix!r}") from None


def of_ox(fmt: ox.RdfFormat) -> RdfFormat:
    """The registry entry of a pyoxigraph format."""
    return _BY_OX[fmt]


def of_media_type(content_type: str) -> RdfFormat | None:
    """The RDF format an HTTP ``Content-Type`` (without parameters, lowercase) names, if any."""
    return _BY_MEDIA_TYPE.get(content_type)
