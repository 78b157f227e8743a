"""Extraction → triples of its article graph: the shape of docs/architecture.md."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from danvan_kg.extract.model import DocumentInfo, Entity, Evidence, Extraction, Relation
from danvan_kg.ids import DV, GRAPH, ID, admin_unit_iri
from danvan_kg.rdf.triples import date_literal, extraction_to_graph

BODY = "Mô hình “Bếp ăn yêu thương” thuộc phong trào “Dân vận khéo” ở xã An Bình, huyện Cao Lãnh."


def _extraction() -> Extraction:
    doc = DocumentInfo(
        source="samples/a.txt",
        key="https://example.org/a",
        article_iri=str(ID["article/abc"]),
        graph_iri=str(GRAPH["article/abc"]),
        url="https://example.org/a",
        outlet="Báo Mẫu",
        date="2024-05-01",
        title="Bếp ăn yêu thương",
        body=BODY,
    )
    span = Evidence("Bếp ăn yêu thương", 10, 27, sentence=BODY, method="quoted-after-cue", confidence=0.9)
    model = Entity(
        str(ID["model/bep-an-yeu-thuong"]), "Model", "Bếp ăn yêu thương", ["Bếp ăn 0 đồng"], [span]
    )
    movement = Entity(str(ID["movement/dan-van-kheo"]), "Movement", "Dân vận khéo")
    district = Entity(
        str(ID["place/huyen-cao-lanh"]),
        "Place",
        "huyện Cao Lãnh",
        extra={
            "level": "district",
            "admin2020_province": "87",
            "admin2020_district": "873",
            "admin2025_province": "82",
        },
    )
    commune = Entity(
        str(ID["place/xa-an-binh"]),
        "Place",
        "xã An Bình",
        extra={"level": "ward", "parent": district.id, "admin2020_province": "87"},
    )
    relation = Relation(model.id, "partOf", movement.id, 0.8, [span], method="list-under-movement")
    located = Relation(model.id, "locatedIn", commune.id, 0.6, [span], method="place-context")
    dangling = Relation(model.id, "runBy", str(ID["organisation/missing"]), 0.5, [span])
    return Extraction(doc, [model, movement, district, commune], [relation, located, dangling])


def test_article_node_carries_source_metadata() -> None:
    graph = extraction_to_graph(_extraction())
    article = ID["article/abc"]
    assert (article, RDF.type, DV.Article) in graph
    assert (article, DCTERMS.date, Literal("2024-05-01", datatype=XSD.date)) in graph
    assert (article, DCTERMS.title, Literal("Bếp ăn yêu thương", lang="vi")) in graph


def test_entities_have_labels_aliases_and_search_keys() -> None:
    graph = extraction_to_graph(_extraction())
    model = ID["model/bep-an-yeu-thuong"]
    assert (model, RDF.type, DV.Model) in graph
    assert (model, RDFS.label, Literal("Bếp ăn yêu thương", lang="vi")) in graph
    assert (model, SKOS.altLabel, Literal("Bếp ăn 0 đồng", lang="vi")) in graph
    assert (model, DV.searchKey, Literal("bep an yeu thuong")) in graph
    assert (model, DV.mentionedIn, ID["article/abc"]) in graph


def test_relation_has_reified_evidence_pointing_at_the_article() -> None:
    graph = extraction_to_graph(_extraction())
    model, movement = ID["model/bep-an-yeu-thuong"], ID["movement/dan-van-kheo"]
    assert (model, DV.partOf, movement) in graph
    evidence = [e for e in graph.subjects(RDF.predicate, DV.partOf)]
    assert len(evidence) == 1
    node = evidence[0]
    assert (node, RDF.subject, model) in graph and (node, RDF.object, movement) in graph
    assert (node, PROV.wasDerivedFrom, ID["article/abc"]) in graph
    assert graph.value(node, DV.sentence) == Literal(BODY)
    assert graph.value(node, DV.start).toPython() == 10
    assert float(graph.value(node, DV.confidence)) == 0.8
    assert str(graph.value(node, DV.method)) == "list-under-movement"


def test_relations_to_unknown_entities_are_dropped() -> None:
    graph = extraction_to_graph(_extraction())
    assert (None, DV.runBy, None) not in graph


def test_places_link_both_structures_and_materialise_containment() -> None:
    graph = extraction_to_graph(_extraction())
    district, commune = ID["place/huyen-cao-lanh"], ID["place/xa-an-binh"]
    assert (district, DV.unit2020, admin_unit_iri("2020", "district", "873")) in graph
    assert (district, DV.unit2025, admin_unit_iri("2025", "province", "82")) in graph
    assert (district, DV.withinTransitive, admin_unit_iri("2020", "province", "87")) in graph
    assert (commune, DV.within, district) in graph
    assert (commune, DV.withinTransitive, district) in graph
    assert (commune, DV.withinTransitive, admin_unit_iri("2020", "district", "873")) in graph


def test_same_extraction_gives_identical_graph() -> None:
    first = extraction_to_graph(_extraction())
    second = extraction_to_graph(_extraction())
    assert set(first) == set(second)


def test_date_literal_types() -> None:
    assert date_literal("2024").datatype == XSD.gYear
    assert date_literal("2024-12").datatype == XSD.gYearMonth
    assert date_literal("soon").datatype is None
    assert isinstance(ID["x"], URIRef)


def test_identity_area_shared_concept_and_spelled_out_search_keys() -> None:
    extraction = _extraction()
    model = extraction.entities[0]
    model.extra["area"] = str(admin_unit_iri("2020", "province", "87"))
    model.extra["instance_of"] = str(ID["model-type/x"])
    model.aliases.append("CLB Bếp ăn yêu thương")
    graph = extraction_to_graph(extraction)
    node = URIRef(model.id)
    assert (node, DV.area, admin_unit_iri("2020", "province", "87")) in graph
    concept = ID["model-type/x"]
    assert (node, DV.instanceOf, concept) in graph
    assert (concept, RDF.type, DV.ModelType) in graph and (concept, RDF.type, SKOS.Concept) in graph
    assert (concept, RDFS.label, Literal("Bếp ăn yêu thương", lang="vi")) in graph
    keys = {str(k) for k in graph.objects(node, DV.searchKey)}
    assert {"clb bep an yeu thuong", "cau lac bo bep an yeu thuong"} <= keys


def test_a_province_is_its_2025_unit_only_when_it_kept_its_name() -> None:
    """Đồng Tháp is the 2025 Đồng Tháp; Tiền Giang only lies within it (dv:withinTransitive)."""
    extraction = _extraction()

    def province(slug: str, label: str, code2020: str) -> Entity:
        codes = {"level": "province", "admin2020_province": code2020, "admin2025_province": "82"}
        return Entity(str(ID[f"place/{slug}"]), "Place", label, extra=codes)

    kept, merged = province("dong-thap", "tỉnh Đồng Tháp", "87"), province("tien-giang", "Tiền Giang", "82")
    extraction.entities += [kept, merged]
    graph = extraction_to_graph(extraction)
    new = admin_unit_iri("2025", "province", "82")
    assert (URIRef(kept.id), DV.unit2025, new) in graph
    assert (URIRef(merged.id), DV.unit2025, new) not in graph
    assert (URIRef(merged.id), DV.withinTransitive, new) in graph
    assert (URIRef(merged.id), DV.unit2020, admin_unit_iri("2020", "province", "82")) in graph
