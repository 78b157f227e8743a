"""Points in the graph: admin units of both structures, places of articles and records, hamlets."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from danvan_kg.build import load_bundled
from danvan_kg.extract.model import DocumentInfo, Entity, Extraction
from danvan_kg.geo.points import add_point, parse_point, place_unit
from danvan_kg.geo.units import find_unit
from danvan_kg.rdf.namespaces import DV, GEO, ID, WGS
from danvan_kg.rdf.reference import admin_units_graph
from danvan_kg.rdf.triples import extraction_to_graph
from danvan_kg.store import KnowledgeGraph

# places that carry an administrative unit but no point (must be none)
NO_POINT = """
SELECT DISTINCT ?place WHERE {
  ?place dv:unit2020|dv:unit2025 ?unit .
  FILTER NOT EXISTS { ?place geo:hasGeometry ?g . ?g geo:asWKT ?wkt }
  FILTER NOT EXISTS { ?place wgs:lat ?lat ; wgs:long ?long }
}
"""
WITH_POINT = (
    "SELECT (COUNT(DISTINCT ?place) AS ?n) WHERE { ?place dv:unit2020|dv:unit2025 ?u ; geo:hasGeometry ?g }"
)


def _point(graph: Graph, node: URIRef) -> tuple[str, float, float, str | None]:
    geometry = graph.value(node, GEO.hasGeometry)
    assert geometry is not None, node
    wkt = graph.value(geometry, GEO.asWKT)
    assert wkt is not None and wkt.datatype == GEO.wktLiteral
    lat, lon = graph.value(node, WGS.lat), graph.value(node, WGS.long)
    assert lat.datatype == XSD.decimal and lon.datatype == XSD.decimal
    precision = graph.value(node, DV.pointPrecision)
    return str(wkt), float(lat), float(lon), None if precision is None else str(precision)


def test_add_point_writes_geosparql_and_wgs84() -> None:
    graph = Graph()
    unit = find_unit("2020", "province", "87")
    add_point(graph, unit.iri, unit)
    point = ID["point/2020/province/87"]
    assert set(graph) == {
        (unit.iri, GEO.hasGeometry, point),
        (unit.iri, WGS.lat, Literal("10.493799", datatype=XSD.decimal)),
        (unit.iri, WGS.long, Literal("105.688179", datatype=XSD.decimal)),
        (point, GEO.asWKT, Literal("POINT(105.688179 10.493799)", datatype=GEO.wktLiteral)),
    }


def test_which_unit_gives_a_place_its_point() -> None:
    ward = {"admin2020_province": "87", "admin2020_district": "873", "admin2020_ward": "30121"}
    assert place_unit(ward).code == "30121"  # the most precise of its own
    assert place_unit({}, [ward]).code == "30121"  # a hamlet: its ward's
    assert place_unit({"admin2020_province": "87"}).level == "province"
    # a ward known only by its province, inside a district the text names: the district is nearer
    assert place_unit({"admin2020_province": "87"}, [{"admin2020_district": "873"}]).code == "873"
    # the legacy commune of Trường Sa has only its province's point; the 2025 special zone its own
    legacy = next(
        c for (s, lv, c), u in _units() if s == "2020" and lv == "ward" and u.name == "Xã Song Tử Tây"
    )
    chosen = place_unit({"admin2020_ward": legacy, "admin2025_ward": "22736"})
    assert (chosen.structure, chosen.code, chosen.precision) == ("2025", "22736", "ward")
    assert place_unit({"admin2020_ward": "99999"}) is None
    assert place_unit({}) is None


def _units():  # type: ignore[no-untyped-def]
    from danvan_kg.geo.units import all_units

    return all_units().items()


@pytest.fixture(scope="module")
def admin_with_wards() -> Graph:
    return admin_units_graph(wards=True)


@pytest.mark.parametrize(
    ("iri", "wkt"),
    [
        ("admin/2020/province/87", "POINT(105.688179 10.493799)"),
        ("admin/2020/district/873", "POINT(105.711646 10.470820)"),
        ("admin/2020/ward/30121", "POINT(105.705779 10.411199)"),
        ("admin/2020/ward/00001", "POINT(105.848112 21.046798)"),
        ("admin/2025/province/82", "POINT(105.999000 10.429300)"),
        ("admin/2025/ward/30076", "POINT(105.718000 10.445800)"),
        ("admin/2025/ward/00097", "POINT(105.845000 21.056700)"),
    ],
)
def test_known_units_carry_their_points(admin_with_wards: Graph, iri: str, wkt: str) -> None:
    found, lat, lon, precision = _point(admin_with_wards, ID[iri])
    assert found == wkt
    assert f"POINT({lon:.6f} {lat:.6f})" == wkt
    assert precision is None  # each of these is located by its own point


def test_every_admin_unit_has_a_point(admin_with_wards: Graph) -> None:
    units = set(admin_with_wards.subjects(DV.adminCode, None))
    assert len(units) == 63 + 696 + 10035 + 34 + 3321
    assert units <= set(admin_with_wards.subjects(GEO.hasGeometry, None))
    # a commune the package locates only by its province says so
    legacy = next(c for (s, lv, c), u in _units() if s == "2020" and lv == "ward" and u.name == "Xã Sinh Tồn")
    assert _point(admin_with_wards, ID[f"admin/2020/ward/{legacy}"])[3] == "province"


def test_admin_graph_without_wards_has_points_too() -> None:
    graph = admin_units_graph()
    units = set(graph.subjects(DV.adminCode, None))
    assert len(units) == 63 + 696 + 34
    assert units <= set(graph.subjects(GEO.hasGeometry, None))


def _document() -> DocumentInfo:
    return DocumentInfo(
        source="test.txt",
        key="test.txt",
        article_iri=str(ID["article/test"]),
        graph_iri="https://w3id.org/danvan-kg/graph/article/test",
    )


def test_article_places_and_hamlets_get_points() -> None:
    province = Entity(
        str(ID["place/dong-thap"]), "Place", "tỉnh Đồng Tháp",
        extra={"level": "province", "admin2020_province": "87", "admin2025_province": "82"},
    )  # fmt: skip
    ward = Entity(
        str(ID["place/xa-my-xuong-dong-thap"]), "Place", "xã Mỹ Xương",
        extra={"level": "ward", "admin2020_province": "87", "admin2020_district": "873",
               "admin2020_ward": "30121", "admin2025_province": "82", "admin2025_ward": "30076",
               "parent": province.id},
    )  # fmt: skip
    hamlet = Entity(
        str(ID["place/ap-moi-dong-thap"]), "Place", "ấp Mới", extra={"level": "hamlet", "parent": ward.id}
    )
    lost = Entity(str(ID["place/ap-xa-la"]), "Place", "ấp Xa Lạ", extra={"level": "hamlet"})
    region = Entity(str(ID["place/tay-nguyen"]), "Place", "Tây Nguyên", extra={"level": "region"})
    graph = extraction_to_graph(Extraction(_document(), [province, ward, hamlet, lost, region], []))
    assert _point(graph, URIRef(province.id)) == ("POINT(105.688179 10.493799)", 10.493799, 105.688179, None)
    assert _point(graph, URIRef(ward.id)) == ("POINT(105.705779 10.411199)", 10.411199, 105.705779, None)
    # the hamlet takes its ward's point (the same geometry node) and says so
    assert _point(graph, URIRef(hamlet.id)) == ("POINT(105.705779 10.411199)", 10.411199, 105.705779, "ward")
    assert graph.value(URIRef(hamlet.id), GEO.hasGeometry) == ID["point/2020/ward/30121"]
    # no unit anywhere: no point, rather than a guessed one
    for entity in (lost, region):
        assert graph.value(URIRef(entity.id), GEO.hasGeometry) is None


def _no_point(kg: KnowledgeGraph) -> list[str]:
    from danvan_kg.query.sparqltext import with_prefixes

    return [str(r["place"]) for r in kg.select(with_prefixes(NO_POINT))]


def test_every_place_with_an_administrative_code_has_a_point_in_the_bundled_build() -> None:
    from danvan_kg.query.sparqltext import with_prefixes

    with KnowledgeGraph.open(None, backend="memory") as kg:
        load_bundled(kg)
        assert _no_point(kg) == []
        assert int(kg.select(with_prefixes(WITH_POINT))[0]["n"]) >= 15  # the samples' places


@pytest.mark.corpus
def test_every_place_with_an_administrative_code_has_a_point_in_the_corpus(corpus_store: Path) -> None:
    with KnowledgeGraph.open(corpus_store) as kg:
        assert _no_point(kg) == []


def test_parse_point() -> None:
    assert parse_point(Literal("POINT(105.688179 10.493799)", datatype=GEO.wktLiteral)) == (
        10.493799,
        105.688179,
    )
    assert parse_point("<http://www.opengis.net/def/crs/OGC/1.3/CRS84> POINT (105.5 -10)") == (-10.0, 105.5)
    for bad in (None, "", "POINT(105.6)", "LINESTRING(1 2, 3 4)", "POINT(a b)"):
        assert parse_point(bad) is None
