"""Reference CSVs and administrative units as RDF."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from danvan_kg.errors import InputError
from danvan_kg.paths import reference_dir
from danvan_kg.rdf import reference as reference_module
from danvan_kg.rdf.namespaces import DV, ID
from danvan_kg.rdf.reference import admin_units_graph, reference_graph
from danvan_kg.refdata import read_table
from danvan_kg.validate import validate_graph


@pytest.fixture(scope="module")
def reference() -> Graph:
    return reference_graph()


@pytest.fixture(scope="module")
def admin() -> Graph:
    return admin_units_graph()


@pytest.fixture(scope="module")
def hanoi_wards() -> Graph:
    """The graph with wards, built from the Hà Nội rows only (the full one takes seconds)."""
    original = reference_module._admin_rows

    def hanoi_only(sql: str) -> Iterator[dict[str, object]]:
        return (row for row in original(sql) if row["provinceCode"] == "01")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reference_module, "_admin_rows", hanoi_only)
        return admin_units_graph(wards=True)


def _count(graph: Graph, prefix: str) -> int:
    return sum(
        1 for s in set(graph.subjects(RDF.type, DV.AdministrativeUnit)) if str(s).startswith(str(ID[prefix]))
    )


def test_every_reference_concept_and_entity_has_vi_and_en_labels(reference: Graph) -> None:
    nodes = set(reference.subjects(RDF.type, SKOS.Concept))
    for cls in (DV.Programme, DV.Index, DV.Organisation):
        nodes |= set(reference.subjects(RDF.type, cls))
    assert len(nodes) > 100
    for node in nodes:
        languages = {lit.language for lit in reference.objects(node, RDFS.label)}
        assert {"vi", "en"} <= languages, node


def test_beneficiary_groups_form_a_scheme(reference: Graph) -> None:
    scheme = ID["scheme/beneficiary-groups"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in reference
    rows = read_table("beneficiary_groups.csv")
    concepts = set(reference.subjects(SKOS.inScheme, scheme))
    assert len(concepts) == len(rows)
    for row in rows:
        node = ID[f"beneficiary/{row['id']}"]
        assert node in concepts
        assert (node, RDF.type, DV.BeneficiaryGroup) in reference
        assert reference.value(node, SKOS.prefLabel) is not None
        for variant in row.split("variants"):
            if variant != row["label_vi"]:
                assert (node, SKOS.altLabel, Literal(variant, lang="vi")) in reference


def test_catalogues_use_their_classes(reference: Graph) -> None:
    assert (ID["organisation/ban-dan-van-trung-uong"], RDF.type, DV.PartyBody) in reference
    assert (ID["programme/xay-dung-nong-thon-moi"], RDF.type, DV.Programme) in reference
    assert (ID["index/papi"], SKOS.notation, Literal("PAPI")) in reference
    # relative organisation names are kinds (concepts), not organisations
    kind = ID["organisation-kind/hoi-nong-dan"]
    assert (kind, RDF.type, SKOS.Concept) in reference
    assert (kind, DV.denotesClass, DV.SocioPoliticalOrganisation) in reference
    assert (kind, RDF.type, DV.Organisation) not in reference
    assert (ID["document-kind/chi-thi"], DV.denotesClass, DV.Directive) in reference


def test_reference_graph_conforms_to_the_shapes(reference: Graph) -> None:
    report = validate_graph(reference)
    assert report.conforms, report.to_text()


def test_all_labels_are_nfc(reference: Graph, admin: Graph) -> None:
    for graph in (reference, admin):
        for _s, _p, label in graph.triples((None, RDFS.label, None)):
            assert unicodedata.is_normalized("NFC", str(label))


def test_63_legacy_and_34_new_provinces(admin: Graph) -> None:
    assert _count(admin, "admin/2020/province/") == 63
    assert _count(admin, "admin/2025/province/") == 34
    assert _count(admin, "admin/2020/district/") == 696
    assert _count(admin, "admin/2020/ward/") == 0  # wards only on request


def test_wards_on_request(hanoi_wards: Graph) -> None:
    assert _count(hanoi_wards, "admin/2020/ward/") > 500
    assert _count(hanoi_wards, "admin/2025/ward/") > 100
    ward = ID["admin/2020/ward/00001"]  # Phường Phúc Xá, quận Ba Đình, Hà Nội
    district = hanoi_wards.value(ward, DV.within)
    assert district == ID["admin/2020/district/001"]
    assert set(hanoi_wards.objects(ward, DV.withinTransitive)) == {district, ID["admin/2020/province/01"]}
    assert Literal("phuc xa") in set(hanoi_wards.objects(ward, DV.searchKey))
    new_ward = next(s for s in hanoi_wards.subjects(DV.within, ID["admin/2025/province/01"]))
    assert hanoi_wards.value(new_ward, DV.adminLevel) == Literal("ward")


def test_known_mapping_tien_giang_into_dong_thap(admin: Graph) -> None:
    tien_giang = next(
        s
        for s in admin.subjects(SKOS.altLabel, Literal("Tiền Giang", lang="vi"))
        if "/2020/province/" in str(s)
    )
    assert admin.value(tien_giang, RDFS.label) == Literal("Tỉnh Tiền Giang", lang="vi")
    assert admin.value(tien_giang, DV.adminLevel) == Literal("province")
    new = admin.value(tien_giang, DV.mergedInto)
    assert admin.value(new, RDFS.label) == Literal("Tỉnh Đồng Tháp", lang="vi")
    assert admin.value(new, SKOS.altLabel) == Literal("Đồng Tháp", lang="vi")
    # every legacy province maps to exactly one new province
    olds = {s for s in admin.subjects(DV.adminLevel, Literal("province")) if "/2020/" in str(s)}
    assert all(len(set(admin.objects(o, DV.mergedInto))) == 1 for o in olds)


def test_districts_are_within_their_province(admin: Graph) -> None:
    district = ID["admin/2020/district/202"]  # huyện Ba Chẽ
    assert admin.value(district, RDFS.label) == Literal("Huyện Ba Chẽ", lang="vi")
    assert admin.value(district, DV.within) == ID["admin/2020/province/22"]
    assert (district, DV.withinTransitive, ID["admin/2020/province/22"]) in admin


def test_admin_graph_conforms_to_the_shapes(admin: Graph, hanoi_wards: Graph) -> None:
    report = validate_graph(admin)
    assert report.conforms, report.to_text()
    report = validate_graph(hanoi_wards)
    assert report.conforms, report.to_text()


def _copy_reference(tmp_path: Path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(reference_dir(), folder)
    return folder


def test_missing_csv_is_an_input_error(tmp_path: Path) -> None:
    folder = _copy_reference(tmp_path)
    (folder / "programmes.csv").unlink()
    with pytest.raises(InputError, match=r"programmes\.csv"):
        reference_graph(folder)


def test_row_without_label_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy_reference(tmp_path)
    path = folder / "indices.csv"
    lines = path.read_text("utf-8").splitlines()
    lines.insert(2, "broken,BRK,,Broken index,")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError, match=r"indices\.csv: line 3: .*label_vi"):
        reference_graph(folder)


def test_unknown_class_is_an_input_error(tmp_path: Path) -> None:
    folder = _copy_reference(tmp_path)
    path = folder / "model_heads.csv"
    path.write_text(path.read_text("utf-8") + "xe,xe,vehicle,Vehicle\n", "utf-8")
    with pytest.raises(InputError, match=r"model_heads\.csv: line \d+: class 'Vehicle'"):
        reference_graph(folder)


def test_catalogued_movements_and_model_types(reference: Graph) -> None:
    from danvan_kg.resolve import entity_iri

    movement = URIRef(entity_iri("Movement", "Dân vận khéo"))
    assert (movement, RDF.type, DV.Movement) in reference
    assert (movement, RDFS.label, Literal("Dân vận khéo", lang="vi")) in reference
    concept = ID["model-type/tet-quan-dan"]
    assert (concept, RDF.type, DV.ModelType) in reference and (concept, RDF.type, SKOS.Concept) in reference
    assert (concept, SKOS.prefLabel, Literal("Tết Quân - Dân", lang="vi")) in reference
    assert (concept, SKOS.inScheme, ID["scheme/model-types"]) in reference
