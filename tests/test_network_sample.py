"""A small hand-written knowledge graph in the project's RDF shape, shared by the network tests.

Names and sentences are invented for the tests. Other network test modules import
``SAMPLE_TRIG`` / ``load_sample`` from here; the tests below check that the sample itself
follows the contract (SHACL shapes) so that the network tests exercise realistic data.
"""

from __future__ import annotations

import re
from pathlib import Path

from danvan_kg.store import KnowledgeGraph

_RAW_TRIG = """
@prefix dv: <https://w3id.org/danvan-kg/ontology#> .
@prefix id: <https://w3id.org/danvan-kg/id/> .
@prefix g: <https://w3id.org/danvan-kg/graph/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

g:reference {
  id:beneficiary/ho-ngheo a dv:BeneficiaryGroup, skos:Concept ;
      skos:prefLabel "hộ nghèo"@vi ; rdfs:label "hộ nghèo"@vi, "poor households"@en .
  id:programme/xay-dung-nong-thon-moi a dv:Programme ;
      rdfs:label "xây dựng nông thôn mới"@vi, "new rural development"@en .
}

g:admin-units {
  id:admin/2020/province/99 a dv:Place ; rdfs:label "Tỉnh Không Liên Quan"@vi ;
      dv:adminLevel "province" ; dv:adminCode "99" .
  id:admin/2020/province/98 a dv:Place, dv:AdministrativeUnit ; rdfs:label "Tỉnh Sông Cũ"@vi ;
      dv:adminLevel "province" ; dv:adminCode "98" ; dv:mergedInto id:admin/2025/province/97 .
  id:admin/2025/province/97 a dv:Place, dv:AdministrativeUnit ; rdfs:label "Tỉnh Sông Mới"@vi ;
      dv:adminLevel "province" ; dv:adminCode "97" .
}

g:records/mau {
  id:organisation/ban-dan-van-tinh-mau a dv:Organisation ; rdfs:label "Ban Dân vận Tỉnh ủy Mẫu"@vi .
  id:movement/dan-van-kheo dv:launchedBy id:organisation/ban-dan-van-tinh-mau .
}

g:article/aaaaaaaaaaaaaaaa {
  id:article/aaaaaaaaaaaaaaaa a dv:Article ; dct:title "Bài mẫu thứ nhất" ;
      schema:url "https://example.org/bai-mau-1"^^xsd:anyURI ; dct:date "2024-12-26"^^xsd:date ;
      dct:source "bai-1.txt" ; dv:sourceKey "https://example.org/bai-mau-1" .

  id:movement/dan-van-kheo a dv:Movement ; rdfs:label "Dân vận khéo"@vi ;
      dv:searchKey "dan van kheo" ; dv:mentionedIn id:article/aaaaaaaaaaaaaaaa .
  id:model/bep-an-tinh-thuong-thu-nghiem a dv:Model ; rdfs:label "Bếp ăn tình thương thử nghiệm"@vi ;
      dv:searchKey "bep an tinh thuong thu nghiem" ; dv:mentionedIn id:article/aaaaaaaaaaaaaaaa .
  id:organisation/hoi-phu-nu-xa-an-binh a dv:Organisation, dv:SocioPoliticalOrganisation ;
      rdfs:label "Hội Phụ nữ xã An Bình"@vi ; skos:prefLabel "Hội Liên hiệp Phụ nữ xã An Bình"@vi ;
      skos:altLabel "Hội LHPN xã An Bình"@vi ; dv:searchKey "hoi phu nu xa an binh" ;
      dv:mentionedIn id:article/aaaaaaaaaaaaaaaa .
  id:place/xa-an-binh a dv:Place ; rdfs:label "xã An Bình"@vi ; dv:searchKey "xa an binh" ;
      dv:adminLevel "ward" ; dv:withinTransitive id:admin/2020/province/98 ;
      dv:mentionedIn id:article/aaaaaaaaaaaaaaaa .
  id:resolution/nghi-quyet-mau-so-1 a dv:Resolution ; rdfs:label "Nghị quyết mẫu số 1"@vi ;
      dv:searchKey "nghi quyet mau so 1" ; dv:mentionedIn id:article/aaaaaaaaaaaaaaaa .

  id:model/bep-an-tinh-thuong-thu-nghiem dv:partOf id:movement/dan-van-kheo ;
      dv:runBy id:organisation/hoi-phu-nu-xa-an-binh ;
      dv:locatedIn id:place/xa-an-binh ;
      dv:benefits id:beneficiary/ho-ngheo ;
      dv:contributesTo id:programme/xay-dung-nong-thon-moi .
  id:movement/dan-van-kheo dv:implements id:resolution/nghi-quyet-mau-so-1 .

  id:evidence/e000000000000001 a dv:Evidence ; rdf:subject id:model/bep-an-tinh-thuong-thu-nghiem ;
      rdf:predicate dv:partOf ; rdf:object id:movement/dan-van-kheo ;
      dv:quote "Bếp ăn tình thương thử nghiệm" ; dv:sentence "Câu mẫu một nói về bếp ăn trong phong trào." ;
      dv:start 10 ; dv:end 39 ; dv:confidence 0.6 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/aaaaaaaaaaaaaaaa .
  id:evidence/e000000000000003 a dv:Evidence ; rdf:subject id:model/bep-an-tinh-thuong-thu-nghiem ;
      rdf:predicate dv:runBy ; rdf:object id:organisation/hoi-phu-nu-xa-an-binh ;
      dv:quote "Hội Phụ nữ xã An Bình" ; dv:sentence "Câu mẫu ba: hội phụ nữ duy trì bếp ăn." ;
      dv:start 50 ; dv:end 71 ; dv:confidence 0.8 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/aaaaaaaaaaaaaaaa .
  id:evidence/e000000000000004 a dv:Evidence ; rdf:subject id:model/bep-an-tinh-thuong-thu-nghiem ;
      rdf:predicate dv:locatedIn ; rdf:object id:place/xa-an-binh ;
      dv:quote "xã An Bình" ; dv:sentence "Câu mẫu bốn đặt bếp ăn ở xã An Bình." ;
      dv:start 80 ; dv:end 90 ; dv:confidence 0.7 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/aaaaaaaaaaaaaaaa .
  id:evidence/e000000000000005 a dv:Evidence ; rdf:subject id:model/bep-an-tinh-thuong-thu-nghiem ;
      rdf:predicate dv:benefits ; rdf:object id:beneficiary/ho-ngheo ;
      dv:quote "hộ nghèo" ; dv:sentence "Câu mẫu năm nhắc tới hộ nghèo." ;
      dv:start 95 ; dv:end 103 ; dv:confidence 0.4 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/aaaaaaaaaaaaaaaa .
  id:evidence/e000000000000007 a dv:Evidence ; rdf:subject id:movement/dan-van-kheo ;
      rdf:predicate dv:implements ; rdf:object id:resolution/nghi-quyet-mau-so-1 ;
      dv:quote "Nghị quyết mẫu số 1" ; dv:sentence "Câu mẫu bảy: phong trào thực hiện nghị quyết." ;
      dv:start 110 ; dv:end 129 ; dv:confidence 0.95 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/aaaaaaaaaaaaaaaa .
  id:evidence/e000000000000008 a dv:Evidence ; rdf:subject id:model/bep-an-tinh-thuong-thu-nghiem ;
      rdf:predicate dv:contributesTo ; rdf:object id:programme/xay-dung-nong-thon-moi ;
      dv:quote "nông thôn mới" ; dv:sentence "Câu mẫu tám: góp phần xây dựng nông thôn mới." ;
      dv:start 130 ; dv:end 143 ; dv:confidence 0.55 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/aaaaaaaaaaaaaaaa .
  id:evidence/m000000000000001 a dv:Evidence ; dv:about id:model/bep-an-tinh-thuong-thu-nghiem ;
      dv:quote "Bếp ăn tình thương thử nghiệm" ; dv:sentence "Câu mẫu một nói về bếp ăn trong phong trào." ;
      dv:start 10 ; dv:end 39 ; dv:confidence 0.9 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/aaaaaaaaaaaaaaaa .
}

g:article/bbbbbbbbbbbbbbbb {
  id:article/bbbbbbbbbbbbbbbb a dv:Article ; dct:title "Bài mẫu thứ hai" ;
      schema:url "https://example.org/bai-mau-2"^^xsd:anyURI ; dct:date "2025-01"^^xsd:gYearMonth ;
      dct:source "bai-2.txt" ; dv:sourceKey "https://example.org/bai-mau-2" .
  id:movement/dan-van-kheo a dv:Movement ; rdfs:label "Dân vận khéo"@vi ;
      dv:mentionedIn id:article/bbbbbbbbbbbbbbbb .
  id:model/bep-an-tinh-thuong-thu-nghiem a dv:Model ; rdfs:label "Bếp ăn tình thương thử nghiệm"@vi ;
      dv:mentionedIn id:article/bbbbbbbbbbbbbbbb .
  id:model/cau-lac-bo-co-tuong-beta a dv:Model, dv:Club ; rdfs:label "Câu lạc bộ Cờ tướng Beta"@vi ;
      dv:mentionedIn id:article/bbbbbbbbbbbbbbbb .
  id:model/bep-an-tinh-thuong-thu-nghiem dv:partOf id:movement/dan-van-kheo .
  id:model/cau-lac-bo-co-tuong-beta dv:partOf id:movement/dan-van-kheo .
  id:evidence/e000000000000002 a dv:Evidence ; rdf:subject id:model/bep-an-tinh-thuong-thu-nghiem ;
      rdf:predicate dv:partOf ; rdf:object id:movement/dan-van-kheo ;
      dv:quote "Dân vận khéo" ; dv:sentence "Câu mẫu hai gắn bếp ăn với Dân vận khéo." ;
      dv:start 5 ; dv:end 17 ; dv:confidence 0.9 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/bbbbbbbbbbbbbbbb .
  id:evidence/e000000000000006 a dv:Evidence ; rdf:subject id:model/cau-lac-bo-co-tuong-beta ;
      rdf:predicate dv:partOf ; rdf:object id:movement/dan-van-kheo ;
      dv:quote "Câu lạc bộ Cờ tướng Beta" ; dv:sentence "Câu mẫu sáu: câu lạc bộ cờ tướng thuộc phong trào." ;
      dv:start 20 ; dv:end 44 ; dv:confidence 0.5 ; dv:method "rule:test" ;
      prov:wasDerivedFrom id:article/bbbbbbbbbbbbbbbb .
}
"""


def _expand(text: str) -> str:
    """Full IRIs for ``id:a/b`` and ``g:a/b`` (slashes are not allowed in Turtle prefixed names)."""
    text = re.sub(r"\bid:([\w/-]+)", r"<https://w3id.org/danvan-kg/id/\1>", text)
    return re.sub(r"\bg:([\w/-]+)", r"<https://w3id.org/danvan-kg/graph/\1>", text)


SAMPLE_TRIG = _expand(_RAW_TRIG)

MODEL = "https://w3id.org/danvan-kg/id/model/bep-an-tinh-thuong-thu-nghiem"
CLUB = "https://w3id.org/danvan-kg/id/model/cau-lac-bo-co-tuong-beta"
MOVEMENT = "https://w3id.org/danvan-kg/id/movement/dan-van-kheo"
ORG = "https://w3id.org/danvan-kg/id/organisation/hoi-phu-nu-xa-an-binh"
BDV = "https://w3id.org/danvan-kg/id/organisation/ban-dan-van-tinh-mau"
PLACE = "https://w3id.org/danvan-kg/id/place/xa-an-binh"
POOR = "https://w3id.org/danvan-kg/id/beneficiary/ho-ngheo"
RESOLUTION = "https://w3id.org/danvan-kg/id/resolution/nghi-quyet-mau-so-1"
PROGRAMME = "https://w3id.org/danvan-kg/id/programme/xay-dung-nong-thon-moi"
UNRELATED_PROVINCE = "https://w3id.org/danvan-kg/id/admin/2020/province/99"
EXPECTED_NODES = {MODEL, CLUB, MOVEMENT, ORG, BDV, PLACE, POOR, RESOLUTION, PROGRAMME}
EXPECTED_EDGE_COUNT = 8


def load_sample(kg: KnowledgeGraph, folder: Path, extra_trig: str = "") -> KnowledgeGraph:
    """Load the sample (plus optional extra TriG) into ``kg`` through a file, like a user would."""
    path = folder / "network-sample.trig"
    path.write_text(SAMPLE_TRIG + extra_trig, encoding="utf-8")
    kg.load_file(path)
    return kg


def test_sample_loads_into_named_graphs(tmp_path: Path) -> None:
    kg = load_sample(KnowledgeGraph.open(None, backend="memory"), tmp_path)
    graphs = kg.graph_iris()
    assert "https://w3id.org/danvan-kg/graph/article/aaaaaaaaaaaaaaaa" in graphs
    assert "https://w3id.org/danvan-kg/graph/records/mau" in graphs
    assert len(graphs) == 5


def test_sample_follows_the_shapes(tmp_path: Path) -> None:
    from danvan_kg.validate import validate_store

    kg = load_sample(KnowledgeGraph.open(None, backend="memory"), tmp_path)
    report = validate_store(kg)
    violations = [v for v in report.violations if v.severity == "Violation"]
    assert report.conforms, violations
