"""Namespaces shared by the ontology, the triples we write and the queries we run."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

DV = Namespace("https://w3id.org/danvan-kg/ontology#")
"""The ontology (``dv:``)."""

ID = Namespace("https://w3id.org/danvan-kg/id/")
"""Instances: entities, articles, evidence and reference concepts."""

GRAPH = Namespace("https://w3id.org/danvan-kg/graph/")
"""Named graphs: ``graph/article/<key>``, ``graph/ontology``, ``graph/reference``, ``graph/records/<n>``."""

ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
TIME = Namespace("http://www.w3.org/2006/time#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
"""OGC GeoSPARQL: ``geo:hasGeometry``, ``geo:asWKT``, ``geo:wktLiteral``."""
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
"""W3C WGS84 Basic Geo (``wgs:lat``, ``wgs:long``); rdflib's ``WGS`` has https, not the W3C's http."""
SCHEMA = SDO

ONTOLOGY_GRAPH = GRAPH["ontology"]
REFERENCE_GRAPH = GRAPH["reference"]
ADMIN_GRAPH = GRAPH["admin-units"]

CORE_CLASSES = ("Resolution", "Movement", "Model", "Organisation", "BeneficiaryGroup", "Place")
SUPPORTING_CLASSES = ("Programme", "Index", "Article", "Evidence")
CORE_RELATIONS = ("partOf", "runBy", "benefits", "locatedIn", "launchedBy", "implements")
EXTRA_RELATIONS = ("contributesTo", "subOrganisationOf", "standingBodyOf")

INSTANCE_KINDS = (
    "movement",
    "model",
    "organisation",
    "place",
    "resolution",
    "beneficiary",
    "programme",
    "index",
    "article",
    "evidence",
)
"""The first path segment of instance IRIs (``id/<kind>/<slug>``), each predeclared as a prefix."""

PREFIXES: dict[str, str] = {
    "dv": str(DV),
    "id": str(ID),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "oa": str(OA),
    "eli": str(ELI),
    "time": str(TIME),
    "geo": str(GEO),
    "wgs": str(WGS),
    **{kind: str(ID[f"{kind}/"]) for kind in INSTANCE_KINDS},
}
"""Prefixes predeclared for ``danvan-kg sparql``, the ``serve`` page and the questions, and bound on
every graph we serialise. One prefix per kind of instance makes an entity a valid prefixed name
(``movement:dan-van-kheo``): ``id:movement/dan-van-kheo`` is not one (``/`` is a path operator)."""


def sparql_prologue() -> str:
    """PREFIX lines for every entry of :data:`PREFIXES`, to prepend to a query text."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
