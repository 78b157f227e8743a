"""Names to entities: one place per --place, exact spelling first, abbreviations; and what the
questions built on it answer (dv:area, preferred labels, id/label, sources, no repeated rows).

Invented provinces: Bình Nguyên (2020 and 2025), Hà Lâm (2020, merged into Bình Nguyên in 2025),
Quảng Lâm (2020) and a district "Quang Lâm" of Bình Nguyên, spelled like it without diacritics.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import URIRef

from danvan_kg.query import ask
from danvan_kg.query.lookup import exactly_spelled, find, one_place
from danvan_kg.query.runner import run_question
from danvan_kg.rdf.labels import refresh_labels
from danvan_kg.store import KnowledgeGraph

ID = "https://w3id.org/danvan-kg/id/"
TRIG = """
@prefix dv: <https://w3id.org/danvan-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix a20: <https://w3id.org/danvan-kg/id/admin/2020/> .
@prefix a25: <https://w3id.org/danvan-kg/id/admin/2025/> .
@prefix id: <https://w3id.org/danvan-kg/id/> .

<https://w3id.org/danvan-kg/graph/admin-units> {
  a20:province\\/90 a dv:Place ; rdfs:label "Tỉnh Bình Nguyên"@vi ; skos:altLabel "Bình Nguyên"@vi ;
      dv:searchKey "tinh binh nguyen", "binh nguyen" ; dv:adminLevel "province" ;
      dv:mergedInto a25:province\\/90 .
  a20:province\\/91 a dv:Place ; rdfs:label "Tỉnh Hà Lâm"@vi ; skos:altLabel "Hà Lâm"@vi ;
      dv:searchKey "tinh ha lam", "ha lam" ; dv:adminLevel "province" ;
      dv:mergedInto a25:province\\/90 .
  a20:province\\/92 a dv:Place ; rdfs:label "Tỉnh Quảng Lâm"@vi ; skos:altLabel "Quảng Lâm"@vi ;
      dv:searchKey "tinh quang lam", "quang lam" ; dv:adminLevel "province" ;
      dv:mergedInto a25:province\\/92 .
  a20:district\\/920 a dv:Place ; rdfs:label "Huyện Quang Lâm"@vi ; skos:altLabel "Quang Lâm"@vi ;
      dv:searchKey "huyen quang lam", "quang lam" ; dv:adminLevel "district" ;
      dv:within a20:province\\/90 ; dv:withinTransitive a20:province\\/90 .
  a25:province\\/90 a dv:Place ; rdfs:label "Tỉnh Bình Nguyên"@vi ; skos:altLabel "Bình Nguyên"@vi ;
      dv:searchKey "tinh binh nguyen", "binh nguyen" ; dv:adminLevel "province" .
  a25:province\\/92 a dv:Place ; rdfs:label "Tỉnh Sông Mã"@vi ; dv:searchKey "tinh song ma" ;
      dv:adminLevel "province" .
}

<https://w3id.org/danvan-kg/graph/article/0000000000000001> {
  id:article\\/0000000000000001 a dv:Article ; schema:url "https://example.org/bai-1"^^xsd:anyURI .
  id:place\\/binh-nguyen a dv:Place ; rdfs:label "tỉnh Bình Nguyên"@vi ; skos:altLabel "Bình Nguyên"@vi ;
      dv:searchKey "tinh binh nguyen", "binh nguyen" ; dv:adminLevel "province" ;
      dv:unit2020 a20:province\\/90 ; dv:unit2025 a25:province\\/90 ;
      dv:mentionedIn id:article\\/0000000000000001 .
  id:place\\/xa-an-lac-binh-nguyen a dv:Place ; rdfs:label "xã An Lạc"@vi ; dv:searchKey "xa an lac" ;
      dv:adminLevel "ward" ; dv:within id:place\\/binh-nguyen ;
      dv:withinTransitive id:place\\/binh-nguyen, a20:province\\/90 .
  id:movement\\/xanh-sach-dep a dv:Movement ; rdfs:label "Xanh sạch đẹp"@vi ; dv:searchKey "xanh sach dep" .
  id:organisation\\/hoi-lien-hiep-phu-nu-binh-nguyen a dv:Organisation ;
      rdfs:label "Hội Liên hiệp Phụ nữ tỉnh Bình Nguyên"@vi ;
      dv:searchKey "hoi lien hiep phu nu tinh binh nguyen" ; dv:area a20:province\\/90 .
  id:model\\/vuon-rau-binh-nguyen a dv:Model ; rdfs:label "Vườn rau"@vi ; dv:searchKey "vuon rau" ;
      dv:partOf id:movement\\/xanh-sach-dep ; dv:locatedIn id:place\\/xa-an-lac-binh-nguyen ;
      dv:area a20:province\\/90 ; dv:runBy id:organisation\\/hoi-lien-hiep-phu-nu-binh-nguyen ;
      dv:mentionedIn id:article\\/0000000000000001 .
  id:model\\/bep-com-binh-nguyen a dv:Model ; rdfs:label "Bếp cơm"@vi ; dv:searchKey "bep com" ;
      dv:partOf id:movement\\/xanh-sach-dep ; dv:area a20:province\\/90 .
  id:evidence\\/e1 a dv:Evidence ; rdf:subject id:model\\/vuon-rau-binh-nguyen ; rdf:predicate dv:partOf ;
      rdf:object id:movement\\/xanh-sach-dep ; prov:wasDerivedFrom id:article\\/0000000000000001 .
}

<https://w3id.org/danvan-kg/graph/article/0000000000000002> {
  id:article\\/0000000000000002 a dv:Article ; schema:url "https://example.org/bai-2"^^xsd:anyURI .
  id:movement\\/xanh-sach-dep-2 a dv:Movement ; rdfs:label "Xanh sạch đẹp"@vi ; dv:searchKey "xanh sach dep" .
  id:model\\/vuon-rau-binh-nguyen a dv:Model ; rdfs:label "vườn rau"@vi ; dv:searchKey "vuon rau" ;
      dv:partOf id:movement\\/xanh-sach-dep-2 ; dv:mentionedIn id:article\\/0000000000000002 .
  id:model\\/vuon-rau-ha-lam a dv:Model ; rdfs:label "Vườn rau"@vi ; dv:searchKey "vuon rau" ;
      dv:partOf id:movement\\/xanh-sach-dep ; dv:area a20:province\\/91 .
  id:model\\/vuon-rau-quang-lam a dv:Model ; rdfs:label "Vườn rau"@vi ; dv:searchKey "vuon rau" ;
      dv:partOf id:movement\\/xanh-sach-dep ; dv:area a20:province\\/92 .
  id:model\\/lop-hoc-quang-lam a dv:Model ; rdfs:label "Lớp học"@vi ; dv:searchKey "lop hoc" ;
      dv:partOf id:movement\\/xanh-sach-dep ; dv:locatedIn a20:district\\/920 ; dv:area a20:province\\/90 .
}
"""


def build() -> KnowledgeGraph:
    kg = KnowledgeGraph.open(None, backend="memory")
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "places.trig"
        path.write_text(TRIG, encoding="utf-8")
        kg.load_file(path)
    refresh_labels(kg)
    return kg


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return build()


@pytest.fixture(scope="module", params=["embedded", "endpoint"])
def target(request: pytest.FixtureRequest, kg: KnowledgeGraph) -> Iterator[object]:
    if request.param == "embedded":
        yield kg
        return
    server = request.getfixturevalue("oxigraph_server")
    server.clear()
    import io

    buffer = io.BytesIO()
    kg.export(buffer, "nq")
    server.load(buffer.getvalue(), "application/n-quads")
    yield server.query_url


def short(iris: object) -> list[str]:
    return sorted(str(i).split("/id/", 1)[1] for i in iris)  # type: ignore[attr-defined]


def models(target: object, **params: str) -> list[str]:
    return short(r["id"] for r in ask(target, "models", movement="Xanh sạch đẹp", **params))


def test_a_place_name_is_one_place_covering_both_structures(kg: KnowledgeGraph) -> None:
    matches, _ = find(kg, "Bình Nguyên", ["Place"])
    assert len(matches) == 3  # the article's place, the 2020 and the 2025 province
    assert short(m.iri for m in one_place(kg, matches)) == ["place/binh-nguyen"]
    units, _ = find(kg, "Tỉnh Bình Nguyên", ["Place"])
    units = [m for m in units if "/admin/" in m.iri]
    # the 2025 unit contains its 2020 namesake
    assert short(m.iri for m in one_place(kg, units)) == ["admin/2025/province/90"]


def test_exact_spelling_beats_the_same_letters_without_diacritics(kg: KnowledgeGraph) -> None:
    province, _ = find(kg, "Quảng Lâm", ["Place"])
    district, _ = find(kg, "Quang Lâm", ["Place"])
    asked, _ = find(kg, "huyện Quang Lâm", ["Place"])
    assert short(m.iri for m in province) == ["admin/2020/province/92"]
    assert short(m.iri for m in district) == short(m.iri for m in asked) == ["admin/2020/district/920"]
    both, _ = find(kg, "quang lam", ["Place"])  # typed without diacritics: both, the province first
    chosen = one_place(kg, exactly_spelled("quang lam", both))
    assert short(m.iri for m in chosen) == ["admin/2020/province/92"]


def test_abbreviations_in_what_is_typed_are_spelled_out(kg: KnowledgeGraph) -> None:
    found, _ = find(kg, "Hội LHPN tỉnh Bình Nguyên", ["Organisation"])
    assert short(m.iri for m in found) == ["organisation/hoi-lien-hiep-phu-nu-binh-nguyen"]


def test_models_in_a_province_include_those_placed_only_by_their_identity(target: object) -> None:
    assert models(target, place="Bình Nguyên") == [
        "model/bep-com-binh-nguyen",  # dv:area only: the text gave no place
        "model/lop-hoc-quang-lam",  # in a district of Bình Nguyên
        "model/vuon-rau-binh-nguyen",
        "model/vuon-rau-ha-lam",  # Hà Lâm lies in the 2025 Bình Nguyên
    ]
    assert models(target, place="Hà Lâm") == ["model/vuon-rau-ha-lam"]
    assert models(target, place="Quảng Lâm") == ["model/vuon-rau-quang-lam"]
    assert models(target, place="huyện Quang Lâm") == ["model/lop-hoc-quang-lam"]


def test_rows_carry_id_label_province_and_the_sources_of_their_relation(target: object) -> None:
    answer = run_question(target, "models", {"movement": "Xanh sạch đẹp", "place": "Bình Nguyên"})
    assert not any("--place" in note for note in answer.notes)  # the place name is one place
    assert answer.columns[-1] == "id" and "label" in answer.columns and "id" in answer.hidden
    rows = {str(r["id"]).rsplit("/", 1)[1]: r for r in answer.rows}
    vuon = rows["vuon-rau-binh-nguyen"]
    assert str(vuon["label"]) == "Vườn rau"  # the preferred label, not "vườn rau"
    assert str(vuon["province"]) == "Tỉnh Bình Nguyên"
    assert str(vuon["places"]) == "xã An Lạc"
    assert str(vuon["organisations"]) == "Hội Liên hiệp Phụ nữ tỉnh Bình Nguyên"
    # bai-2 names it too, but no evidence of bai-2 states its partOf
    assert str(vuon["sources"]) == "https://example.org/bai-1"


def test_a_name_of_two_nodes_gives_each_answer_once(target: object) -> None:
    """ "Xanh sạch đẹp" names two movement nodes, and one model is part of both: one row for it."""
    rows = ask(target, "models", movement="Xanh sạch đẹp")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) == 5
    labels = [(r["label"], r["province"]) for r in rows]
    assert len(labels) == len(set(labels))  # "Vườn rau" thrice, in three provinces


def test_runs_and_organisations_use_the_identity_province(target: object) -> None:
    rows = ask(target, "organisations", place="Bình Nguyên")
    assert [r["label"] for r in rows] == ["Hội Liên hiệp Phụ nữ tỉnh Bình Nguyên"]
    assert rows[0]["id"] == f"{ID}organisation/hoi-lien-hiep-phu-nu-binh-nguyen"
    runs = ask(target, "runs", organisation="Hội LHPN tỉnh Bình Nguyên")
    assert [(r["label"], r["province"]) for r in runs] == [("Vườn rau", "Tỉnh Bình Nguyên")]
    assert all(isinstance(URIRef(r["id"]), URIRef) for r in runs)
