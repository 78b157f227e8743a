"""Curated CSV records → triples: extractor-compatible IRIs, curated evidence, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from danvan_kg.errors import InputError
from danvan_kg.ids import DV, ID, article_iri
from danvan_kg.paths import samples_dir
from danvan_kg.rdf.records import COLUMNS, records_to_graph
from danvan_kg.rdf.reference import reference_graph
from danvan_kg.resolve import entity_iri
from danvan_kg.validate import validate_graph

SAMPLE = samples_dir() / "records.csv"
HEADER = ",".join(COLUMNS)
URL = "https://example.org/danvan-kg/records/test"


@pytest.fixture(scope="module")
def sample() -> Graph:
    return records_to_graph(SAMPLE)


def _row(**cells: str) -> str:
    """A CSV line in COLUMNS order (cells quoted when they hold a comma)."""
    cells.setdefault("source_url", URL)
    values = [cells.get(c, "") for c in COLUMNS]
    return ",".join(f'"{v}"' if "," in v else v for v in values)


def _write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "records.csv"
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    return path


def test_sample_has_models_across_provinces(sample: Graph) -> None:
    models = set(sample.subjects(RDF.type, DV.Model))
    assert len(models) >= 8
    provinces = {sample.value(m, DV.locatedIn) for m in models}
    provinces = {p for p in sample.objects(None, DV.unit2020) if "/province/" in str(p)}
    assert len(provinces) >= 6


def test_sample_conforms_alone_and_with_reference(sample: Graph) -> None:
    report = validate_graph(sample)
    assert report.conforms, report.to_text()
    union = reference_graph()
    for triple in sample:
        union.add(triple)
    assert validate_graph(union).conforms


def test_every_relation_has_curated_evidence_from_the_source_article(sample: Graph) -> None:
    relations = [t for t in sample if t[1] in {DV.partOf, DV.runBy, DV.benefits, DV.locatedIn, DV.implements}]
    assert len(relations) > 30
    for s, p, o in relations:
        evidence = set(sample.subjects(RDF.subject, s)) & set(sample.subjects(RDF.predicate, p))
        evidence &= set(sample.subjects(RDF.object, o))
        assert evidence, (s, p, o)
        node = evidence.pop()
        assert sample.value(node, DV.method) == Literal("curated")
        article = sample.value(node, PROV.wasDerivedFrom)
        assert (article, RDF.type, DV.Article) in sample


def test_iris_follow_the_extractor_rules(tmp_path: Path) -> None:
    row = _row(
        model="CLB Phụ nữ với pháp luật",
        movement="Dân vận khéo",
        organisation="Hội Nông dân tỉnh|Công an xã",
        place="xã Đồn Đạc, huyện Ba Chẽ, Quảng Ninh",
        beneficiaries="hộ nghèo",
        resolution="Chỉ thị số 49-CT/TW",
        contributes_to="NTM|Chỉ số PAPI",
        date="2025-03-14",
        note="own note",
    )
    path = _write(tmp_path, row)
    graph = records_to_graph(path)
    # a model is a local instance: qualified by the record's province, linked to its shared concept
    base = entity_iri("Model", "Câu lạc bộ Phụ nữ với pháp luật").rsplit("/", 1)[1]
    model = ID[f"model/{base}-quang-ninh"]
    assert (model, RDF.type, DV.Club) in graph  # head word "CLB"
    assert (model, DV.instanceOf, ID[f"model-type/{base}"]) in graph
    assert (model, DV.area, ID["admin/2020/province/22"]) in graph
    assert (model, DV.partOf, ID["movement/dan-van-kheo"]) in graph
    assert (model, DV.runBy, ID["organisation/hoi-nong-dan-quang-ninh"]) in graph
    assert (model, DV.runBy, ID["organisation/cong-an-xa-don-dac-quang-ninh"]) in graph
    assert (model, DV.benefits, ID["beneficiary/ho-ngheo"]) in graph
    resolution = ID["resolution/49-ct-tw"]
    assert (model, DV.implements, resolution) in graph
    assert (resolution, RDF.type, DV.Directive) in graph
    assert graph.value(resolution, DV.documentCode) == Literal("49-CT/TW")
    assert (model, DV.contributesTo, ID["programme/xay-dung-nong-thon-moi"]) in graph
    assert (model, DV.contributesTo, ID["index/papi"]) in graph
    ward = ID["place/ward-don-dac-quang-ninh"]
    assert (model, DV.locatedIn, ward) in graph
    assert (ward, DV.within, ID["place/district-ba-che-quang-ninh"]) in graph
    assert (ward, DV.withinTransitive, ID["place/quang-ninh"]) in graph
    assert (ID["place/quang-ninh"], DV.unit2020, ID["admin/2020/province/22"]) in graph
    article = URIRef(article_iri(URL))
    assert graph.value(article, DCTERMS.date) == Literal("2025-03-14", datatype=XSD.date)
    assert (article, DV.sourceKey, Literal(URL)) in graph
    assert Literal("own note") in set(graph.objects(None, RDFS.comment))


def test_national_body_gets_its_catalogue_identity(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        _row(
            model="Quỹ Vì người nghèo",
            organisation="UBTƯ MTTQ Việt Nam",
            place="Hà Nội",
            beneficiaries="hộ cận nghèo",
        ),
    )
    graph = records_to_graph(path)
    org = next(graph.objects(None, DV.runBy))
    assert org in set(reference_graph().subjects(RDF.type, DV.FatherlandFront))
    model = next(graph.subjects(DV.runBy, org))
    assert (model, RDF.type, DV.Fund) in graph
    assert (ID["beneficiary/ho-can-ngheo"], RDF.type, SKOS.Concept) in graph


def test_blank_and_comment_rows_are_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "", _row(model="# a comment"), _row(model="Tổ tự quản", place="Đồng Tháp"))
    graph = records_to_graph(path)
    assert len(set(graph.subjects(RDF.type, DV.Model))) == 1
    assert (next(graph.subjects(RDF.type, DV.Model)), RDF.type, DV.SelfManagementGroup) in graph


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (_row(place="Đồng Tháp"), "model is empty"),
        (_row(model="Tổ X", place="Đồng Tháp", source_url="not-a-url"), "source_url"),
        (_row(model="Tổ X", place="Đồng Tháp", date="26/12/2024"), "date"),
        (_row(model="Tổ X", model_class="Vehicle", place="Đồng Tháp"), "model_class"),
        (_row(model="Tổ X", place="Atlantis"), "province"),
        (_row(model="Tổ X", place="Ba Chẽ, Quảng Ninh"), "unit word"),
        (_row(model="Tổ X", place="Đồng Tháp", beneficiaries="người ngoài hành tinh"), "beneficiary group"),
        (_row(model="Tổ X", place="Đồng Tháp") + ",extra", "more cells"),
        (_row(model="Tổ X", place="Đồng Tháp", contributes_to="chương trình không có"), "contributes_to"),
    ],
)
def test_bad_row_is_an_input_error_with_file_and_line(tmp_path: Path, row: str, words: str) -> None:
    path = _write(tmp_path, _row(model="Tổ Y", place="Đồng Tháp"), row)
    with pytest.raises(InputError, match=rf"records\.csv: line 3: .*{words}"):
        records_to_graph(path)


def test_bad_header_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"line 1: missing column\(s\) place.*unknown column\(s\) plaec"):
        records_to_graph(_write(tmp_path, header="model,plaec,source_url"))
    with pytest.raises(InputError, match="file not found"):
        records_to_graph(tmp_path / "nope.csv")


def test_same_input_gives_the_same_triples(sample: Graph) -> None:
    again = records_to_graph(SAMPLE)
    assert set(again) == set(sample)
