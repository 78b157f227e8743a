"""SHACL validation of the knowledge graph with ``ontology/shapes.ttl``.

The data (one graph, a dataset, or the whole store) is copied into one in-memory rdflib
graph, the union of its named graphs; the ontology is passed to pySHACL as ``ont_graph`` so
``sh:class`` follows ``rdfs:subClassOf`` (a ``dv:Club`` is a ``dv:Model``), with
``inference="none"``: RDFS domain/range entailment would retype the wrong node as the
expected class and hide the very mistakes the shapes look for. Copying is fine at the sizes
``build`` handles (tens of thousands of triples). The store's ontology graph (the bundled
ontology is used instead) and the administrative-units graph are left out by default.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, cast

from pyshacl import validate as shacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from danvan_kg.ids import ADMIN_GRAPH, ONTOLOGY_GRAPH, PREFIXES
from danvan_kg.rdf.ontology import load_ontology, load_shapes

if TYPE_CHECKING:
    from danvan_kg.store import KnowledgeGraph

DEFAULT_EXCLUDED: tuple[str, ...] = (str(ONTOLOGY_GRAPH), str(ADMIN_GRAPH))
"""Named graphs left out of the data by default: the bundled ontology is the ``ont_graph``, and
the administrative units (~180k generated triples with wards, 10 s of pySHACL) are generated
from a package and tested on their own; links into them are checked by IRI form."""

_SHORT_PREFIXES = {**PREFIXES, "dvsh": "https://w3id.org/danvan-kg/shapes#"}
_SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result, made readable: who, which property, what is wrong."""

    focus: str  # the focus node, as a prefixed name or IRI
    label: str  # its rdfs:label (or skos:prefLabel) when it has one, else the focus
    path: str  # the property, as a prefixed name ('' for node-level results)
    message: str
    severity: str  # Violation | Warning | Info
    value: str = ""  # the offending value, when the result names one
    shape: str = ""  # the shape that produced it

    def to_text(self) -> str:
        """One line: ``[Violation] label (focus) path: message [value]``."""
        who = self.label if self.label == self.focus else f"{self.label} ({self.focus})"
        where = f" {self.path}" if self.path else ""
        what = f" [value: {self.value}]" if self.value else ""
        return f"[{self.severity}] {who}{where}: {self.message}{what}"


@dataclass(slots=True)
class ValidationReport:
    """Outcome of one validation: ``conforms`` is False only when there are Violations."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def errors(self) -> list[Violation]:
        """Results of severity Violation (these make the data non-conforming)."""
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        """Results of severity Warning or Info."""
        return [v for v in self.violations if v.severity != "Violation"]

    def to_json(self) -> dict[str, Any]:
        """A stable JSON object: conforms, counts, and every result."""
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "seconds": round(self.seconds, 3),
            "violations": len(self.errors),
            "warnings": len(self.warnings),
            "results": [asdict(v) for v in self.violations],
        }

    def to_text(self) -> str:
        """A readable report: a summary line, then one line per result."""
        verdict = "conforms" if self.conforms else "does NOT conform"
        head = (
            f"SHACL validation of {self.triples} triples: {verdict} "
            f"({len(self.errors)} violations, {len(self.warnings)} warnings, {self.seconds:.2f} s)"
        )
        return "\n".join([head, *(v.to_text() for v in self.violations)])

    def dumps(self, fmt: str = "text") -> str:
        """The report as ``text`` or ``json``."""
        if fmt == "json":
            return json.dumps(self.to_json(), ensure_ascii=False, indent=2)
        return self.to_text()


def _union(data: Graph | Dataset, exclude: Iterable[str]) -> Graph:
    """A fresh graph holding the triples of ``data`` (all named graphs but ``exclude``)."""
    skip = {URIRef(g) for g in exclude}
    out = Graph()
    if isinstance(data, Dataset):
        for s, p, o, g in data.quads((None, None, None, None)):
            ident = getattr(g, "identifier", g)
            if ident not in skip:
                out.add((s, p, o))
    else:
        for triple in data:
            out.add(triple)
    return out


def _short(node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, ns in _SHORT_PREFIXES.items():
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return text
    if isinstance(node, Literal):
        return str(node)
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _path_text(report: Graph, path: Node | None) -> str:
    """A property path as text; alternative paths as ``a|b``."""
    if path is None:
        return ""
    if isinstance(path, BNode):
        alternatives = report.value(path, SH.alternativePath)
        if alternatives is not None:
            return "|".join(_short(p) for p in Collection(report, alternatives))
        return "(complex path)"
    return _short(path)


def _label_of(data: Graph, node: Node) -> str:
    labels = list(data.objects(node, RDFS.label)) or list(data.objects(node, SKOS.prefLabel))
    if not labels:
        return _short(node)
    labels.sort(key=lambda lit: (getattr(lit, "language", None) != "vi", str(lit)))
    return str(labels[0])


def _shape_name(shapes: Graph, shape: Node | None) -> str:
    """The named shape a (possibly blank) property shape belongs to."""
    if isinstance(shape, BNode):
        parent = shapes.value(None, SH.property, shape)
        if parent is not None:
            return _shape_name(shapes, parent)
        parent = shapes.value(None, SH.sparql, shape)
        if parent is not None:
            return _shape_name(shapes, parent)
        return ""
    return _short(shape)


def _results(report: Graph, data: Graph, shapes: Graph, ontology: Graph) -> list[Violation]:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        severity = report.value(result, SH.resultSeverity)
        value = report.value(result, SH.value)
        if isinstance(value, (URIRef, BNode)) and (focus, RDF.type, OWL.Class) in ontology:
            # whole-graph checks focus on a class (one SPARQL run): the offending node is the value
            focus, value = value, None
        messages = [str(m) for m in report.objects(result, SH.resultMessage)]
        found.append(
            Violation(
                focus=_short(focus),
                label=_label_of(data, focus) if focus is not None else "",
                path=_path_text(report, report.value(result, SH.resultPath)),
                message="; ".join(sorted(messages)) or "constraint not met",
                severity=_SEVERITY_NAMES.get(cast(URIRef, severity), _short(severity)),
                value=_short(value) if value is not None and value != focus else "",
                shape=_shape_name(shapes, report.value(result, SH.sourceShape)),
            )
        )
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    found = list(dict.fromkeys(found))  # one line per distinct problem (datatype + range may both fire)
    found.sort(key=lambda v: (order.get(v.severity, 3), v.message, v.label, v.path, v.value))
    return found


def validate_graph(
    data: Graph | Dataset,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    exclude_graphs: Iterable[str] = DEFAULT_EXCLUDED,
) -> ValidationReport:
    """Validate ``data`` (a graph, or the union of a dataset's named graphs) against the shapes.

    ``shapes`` and ``ontology`` default to the bundled files. The caller's graph is never
    modified: a union copy is built and the ontology is mixed into that copy.
    """
    started = time.perf_counter()
    return _validate_union(_union(data, exclude_graphs), shapes, ontology, started)


def _validate_union(
    union: Graph, shapes: Graph | None, ontology: Graph | None, started: float
) -> ValidationReport:
    """Run pySHACL on ``union`` (a private copy: the ontology is mixed into it in place)."""
    size = len(union)
    shapes = shapes if shapes is not None else load_shapes()
    ontology = ontology if ontology is not None else load_ontology()
    _conforms, report_graph, _text = shacl_validate(
        union,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        allow_warnings=True,
        inplace=True,
        abort_on_first=False,
    )
    violations = _results(report_graph, union, shapes, ontology)
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=violations,
        triples=size,
        seconds=time.perf_counter() - started,
    )


def validate_store(
    kg: KnowledgeGraph, *, exclude_graphs: Iterable[str] = DEFAULT_EXCLUDED
) -> ValidationReport:
    """Validate the union of the store's named graphs (the ontology graph excluded by default)."""
    started = time.perf_counter()
    skip = set(exclude_graphs)
    union = Graph()
    for iri in kg.graph_iris():
        if iri in skip:
            continue
        for triple in kg.graph(iri):
            union.add(triple)
    return _validate_union(union, None, None, started)
