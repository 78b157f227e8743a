"""The bundled ontology and SHACL shapes (``ontology/``), parsed once per process.

Used by ``build`` (the ``graph/ontology`` it loads), by validation (pySHACL's ontology and shapes
graphs) and by the questions that need the class hierarchy (``geo.facts``). Each call returns a
fresh copy, since pySHACL adds triples to the graphs it is given.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from danvan_kg.errors import InputError
from danvan_kg.paths import ontology_dir

__all__ = ["load_ontology", "load_shapes", "parse_turtle"]


def parse_turtle(path: Path) -> Graph:
    """A Turtle file parsed; :class:`InputError` naming the file when it is missing or malformed."""
    if not path.is_file():
        raise InputError(f"{path}: file not found")
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # any parser failure is an input problem
        raise InputError(f"{path}: cannot parse Turtle: {str(exc).splitlines()[0]}") from None
    return graph


@lru_cache(maxsize=2)
def _parsed(name: str) -> Graph:
    return parse_turtle(ontology_dir() / name)


def _copy(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        out.add(triple)
    return out


def load_ontology() -> Graph:
    """The bundled ontology (``ontology/danvan.ttl``): parsed once, a fresh copy per call."""
    return _copy(_parsed("danvan.ttl"))


def load_shapes() -> Graph:
    """The bundled SHACL shapes (``ontology/shapes.ttl``): parsed once, a fresh copy per call."""
    return _copy(_parsed("shapes.ttl"))
