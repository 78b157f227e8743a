"""An :class:`~danvan_kg.extract.model.Extraction` as the triples of its article's named graph.

The shape is fixed in ``docs/architecture.md``: the Article node, each entity with its labels
and search key, each relation as a plain triple plus an evidence node (rdf:Statement style,
portable to every SPARQL store) that says which sentence of which article states it.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from danvan_kg.extract.model import Entity, Evidence, Extraction, Relation
from danvan_kg.geo.points import add_place_point
from danvan_kg.ids import DV, PREFIXES, SCHEMA, admin_unit_iri
from danvan_kg.rdf.evidence import Span, add_evidence, confidence_literal
from danvan_kg.rdf.sink import Sink, Triples
from danvan_kg.resolve import search_keys
from danvan_kg.sources.pages import page_of, page_starts

_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
    (re.compile(r"^\d{4}$"), XSD.gYear),
)
_ADMIN_KEYS_2020 = (
    ("admin2020_province", "province"),
    ("admin2020_district", "district"),
    ("admin2020_ward", "ward"),
)
_ADMIN_KEYS_2025 = (("admin2025_province", "province"), ("admin2025_ward", "ward"))


def date_literal(value: str) -> Literal:
    """An ISO date string as ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:gYear`` (plain string otherwise)."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def _admin_units(entity: Entity) -> list[URIRef]:
    units = []
    for key, level in _ADMIN_KEYS_2020:
        if entity.extra.get(key):
            units.append(admin_unit_iri("2020", level, str(entity.extra[key])))
    for key, level in _ADMIN_KEYS_2025:
        if entity.extra.get(key):
            units.append(admin_unit_iri("2025", level, str(entity.extra[key])))
    return units


def _most_specific(entity: Entity, keys: tuple[tuple[str, str], ...], structure: str) -> URIRef | None:
    for key, level in reversed(keys):
        if entity.extra.get(key):
            return admin_unit_iri(structure, level, str(entity.extra[key]))
    return None


def _add_evidence(
    graph: Sink,
    graph_iri: str,
    article: URIRef,
    evidence: Evidence,
    *,
    about: URIRef | None = None,
    statement: tuple[URIRef, URIRef, URIRef] | None = None,
    method: str = "",
    confidence: float | None = None,
) -> None:
    add_evidence(
        graph,
        graph_iri,
        article,
        (evidence.start, evidence.end),
        statement=statement,
        about=about,
        span=Span(evidence.quote, evidence.sentence, evidence.start, evidence.end),
        confidence=confidence_literal(evidence.confidence if confidence is None else confidence),
        method=method or evidence.method,
    )


def add_search_keys(graph: Sink, node: URIRef, text: str) -> None:
    """``dv:searchKey`` of a label or alias: as written, and with abbreviations spelled out."""
    for key in search_keys(text):
        graph.add((node, DV.searchKey, Literal(key)))


def add_identity(graph: Sink, node: URIRef, label: str, area: str | None, instance_of: str | None) -> None:
    """``dv:area`` (the province a local thing's identity is qualified by) and ``dv:instanceOf`` its
    shared concept, described with this source's spelling (a ``dv:ModelType``)."""
    if area:
        graph.add((node, DV.area, URIRef(area)))
    if instance_of:
        concept = URIRef(instance_of)
        graph.add((node, DV.instanceOf, concept))
        graph.add((concept, RDF.type, DV.ModelType))
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, RDFS.label, Literal(label, lang="vi")))
        add_search_keys(graph, concept, label)


def _add_entity(
    graph: Sink, graph_iri: str, article: URIRef, entity: Entity, by_id: dict[str, Entity]
) -> None:
    node = URIRef(entity.id)
    graph.add((node, RDF.type, DV[entity.type]))
    if entity.subtype and entity.subtype != entity.type:
        graph.add((node, RDF.type, DV[entity.subtype]))
    if entity.type == "BeneficiaryGroup":
        graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, RDFS.label, Literal(entity.label, lang="vi")))
    add_search_keys(graph, node, entity.label)
    for alias in entity.aliases:
        if alias and alias != entity.label:
            graph.add((node, SKOS.altLabel, Literal(alias, lang="vi")))
            add_search_keys(graph, node, alias)
    graph.add((node, DV.mentionedIn, article))
    code = entity.extra.get("code")
    if code:
        graph.add((node, DV.documentCode, Literal(str(code))))
    add_identity(graph, node, entity.label, entity.extra.get("area"), entity.extra.get("instance_of"))
    if entity.type == "Place":
        _add_place_links(graph, node, entity, by_id)
    for evidence in entity.evidence:
        _add_evidence(graph, graph_iri, article, evidence, about=node)


def same_province_2025(entity: Entity) -> bool:
    """Whether a province-level place is its 2025 province (kept its name) rather than merged into it:
    "Đồng Tháp" is the 2025 Đồng Tháp, "Tiền Giang" only lies within it."""
    from danvan_kg.extract.identity import provinces

    tables = provinces()
    own = tables.name(entity.label)
    return own is not None and tables.code2025.get(str(entity.extra.get("admin2025_province", ""))) == own


def _add_place_links(graph: Sink, node: URIRef, entity: Entity, by_id: dict[str, Entity]) -> None:
    level = entity.extra.get("level")
    if level:
        graph.add((node, DV.adminLevel, Literal(str(level))))
    unit2020 = _most_specific(entity, _ADMIN_KEYS_2020, "2020")
    unit2025 = _most_specific(entity, _ADMIN_KEYS_2025, "2025")
    if unit2020 is not None:
        graph.add((node, DV.unit2020, unit2020))
    if unit2025 is not None and level == "province" and not same_province_2025(entity):
        unit2025 = None  # merged into a larger province: within it, not the same place
    if unit2025 is not None:
        graph.add((node, DV.unit2025, unit2025))
    # containment, materialised: every ancestor place of the article and every admin unit above
    own_units = {unit2020, unit2025}
    for unit in _admin_units(entity):
        if unit not in own_units:
            graph.add((node, DV.withinTransitive, unit))
    parent_id = entity.extra.get("parent")
    if parent_id and parent_id in by_id:
        graph.add((node, DV.within, URIRef(parent_id)))
    seen: set[str] = {entity.id}
    while parent_id and parent_id in by_id and parent_id not in seen:
        seen.add(parent_id)
        parent = by_id[parent_id]
        graph.add((node, DV.withinTransitive, URIRef(parent_id)))
        for unit in _admin_units(parent):
            graph.add((node, DV.withinTransitive, unit))
        parent_id = parent.extra.get("parent")
    # the place's point (GeoSPARQL + WGS84): its own unit's, else that of the nearest place around it
    add_place_point(graph, node, str(level or ""), entity.extra, _ancestor_extras(entity, by_id))


def _ancestor_extras(entity: Entity, by_id: dict[str, Entity]) -> list[dict]:
    """The ``extra`` of each enclosing place of the article (``parent`` links), nearest first."""
    out, seen, parent_id = [], {entity.id}, entity.extra.get("parent")
    while parent_id and parent_id in by_id and parent_id not in seen:
        seen.add(parent_id)
        out.append(by_id[parent_id].extra)
        parent_id = by_id[parent_id].extra.get("parent")
    return out


def _add_relation(graph: Sink, graph_iri: str, article: URIRef, relation: Relation) -> None:
    statement = (URIRef(relation.s), DV[relation.p], URIRef(relation.o))
    graph.add(statement)
    for evidence in relation.evidence:
        _add_evidence(
            graph,
            graph_iri,
            article,
            evidence,
            statement=statement,
            method=relation.method,
            confidence=relation.confidence,
        )


def _add_article(graph: Sink, extraction: Extraction) -> URIRef:
    doc = extraction.document
    article = URIRef(doc.article_iri)
    graph.add((article, RDF.type, DV.Article))
    graph.add((article, DV.sourceKey, Literal(doc.key)))
    graph.add((article, DCTERMS.source, Literal(doc.source)))
    if doc.title:
        graph.add((article, DCTERMS.title, Literal(doc.title, lang="vi")))
        graph.add((article, RDFS.label, Literal(doc.title, lang="vi")))
    else:
        graph.add((article, RDFS.label, Literal(doc.key)))
    if doc.url:
        graph.add((article, SCHEMA.url, Literal(doc.url, datatype=XSD.anyURI)))
    if doc.outlet:
        graph.add((article, SCHEMA.publisher, Literal(doc.outlet)))
    if doc.date:
        graph.add((article, DCTERMS.date, date_literal(doc.date)))
    return article


def new_graph() -> Graph:
    """An empty rdflib Graph with the project prefixes bound."""
    graph = Graph()
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True)
    return graph


def extraction_to_graph(extraction: Extraction) -> Graph:
    """The triples of one document's named graph (``extraction.document.graph_iri``)."""
    graph = new_graph()
    for triple in extraction_triples(extraction):
        graph.add(triple)
    return graph


def extraction_triples(extraction: Extraction) -> Triples:
    """The triples of :func:`extraction_to_graph`, without building an rdflib ``Graph`` (ingest)."""
    graph = Triples()
    graph_iri = extraction.document.graph_iri
    article = _add_article(graph, extraction)
    by_id = {e.id: e for e in extraction.entities}
    for entity in extraction.entities:
        _add_entity(graph, graph_iri, article, entity, by_id)
    for relation in extraction.relations:
        if relation.s in by_id and relation.o in by_id:
            _add_relation(graph, graph_iri, article, relation)
    _add_pages(graph, extraction.document.metadata)
    return graph


def _add_pages(triples: Triples, metadata: dict[str, str]) -> None:
    """``dv:page`` on every evidence node of a paged source (PDF, Word): the page its quote starts on."""
    if not page_starts(metadata):
        return
    evidence = {s for s, p, o in triples if p == RDF.type and o == DV.Evidence}
    starts = [(s, o) for s, p, o in triples if p == DV.start and s in evidence and isinstance(o, Literal)]
    for node, start in starts:
        page = page_of(metadata, int(start.toPython()))
        if page is not None:
            triples.add((node, DV.page, Literal(page, datatype=XSD.integer)))
