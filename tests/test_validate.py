"""SHACL validation: each kind of mistake in tests/fixtures/shacl is caught, the correct graph conforms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from danvan_kg.cli import main
from danvan_kg.rdf.namespaces import ADMIN_GRAPH, DV, GRAPH, ID, ONTOLOGY_GRAPH
from danvan_kg.store import KnowledgeGraph
from danvan_kg.validate import load_ontology, load_shapes, validate_graph, validate_store

FIXTURES = Path(__file__).parent / "fixtures" / "shacl"

# fixture → (focus node, path or "", words of the expected message)
MISTAKES = {
    "missing-label": ("id:model/x", "rdfs:label", "has no rdfs:label"),
    "partof-wrong-object": ("id:model/x", "dv:partOf", "object of dv:partOf is not a dv:Movement"),
    "runby-wrong-subject": ("id:movement/x", "", "subject of dv:runBy is not a dv:Model"),
    "benefits-wrong-object": ("id:model/x", "dv:benefits", "is not a dv:BeneficiaryGroup"),
    "locatedin-wrong-object": ("id:organisation/x", "dv:locatedIn", "is not a dv:Place"),
    "launchedby-wrong-subject": ("id:model/x", "", "subject of dv:launchedBy is not a dv:Movement"),
    "implements-wrong-object": ("id:movement/x", "dv:implements", "is not a dv:Resolution"),
    "evidence-no-source": ("id:evidence/e", "prov:wasDerivedFrom", "has no prov:wasDerivedFrom"),
    "evidence-source-not-article": ("id:evidence/e", "prov:wasDerivedFrom", "not a dv:Article"),
    "evidence-offsets-not-integer": ("id:evidence/e", "dv:start", "non-negative xsd:integer"),
    "evidence-start-after-end": ("id:evidence/e", "dv:start", "greater than dv:end"),
    "evidence-confidence-out-of-range": ("id:evidence/e", "dv:confidence", "between 0 and 1"),
    "evidence-quote-length": ("id:evidence/e", "", "quote length differs"),
    "label-not-nfc": ("id:organisation/x", "rdfs:label", "not NFC"),
    "place-without-point": ("id:place/xa-an-binh-dong-thap", "geo:hasGeometry", "has no point"),
    "point-lat-long-swapped": ("id:place/dong-thap", "wgs:", "inside Vietnam"),
    "point-wkt-lat-first": ("id:point/2020/province/87", "geo:asWKT", "longitude first"),
}


def _load(name: str) -> Graph:
    return Graph().parse(FIXTURES / f"{name}.ttl", format="turtle")


def test_correct_graph_conforms() -> None:
    report = validate_graph(_load("valid"))
    assert report.conforms, report.to_text()
    assert report.violations == []
    assert report.triples > 50


def test_every_fixture_is_covered() -> None:
    names = {p.stem for p in FIXTURES.glob("*.ttl")} - {"valid"}
    assert names == set(MISTAKES)


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_mistake_is_caught(name: str) -> None:
    focus, path, words = MISTAKES[name]
    report = validate_graph(_load(name))
    assert not report.conforms
    matching = [v for v in report.errors if v.focus == focus and words in v.message]
    assert matching, report.to_text()
    if path:
        assert any(path in v.path for v in matching)
    # the fixture holds exactly one kind of mistake: no unrelated violation fires
    assert all(words in v.message for v in report.errors), report.to_text()


def test_subclass_instances_satisfy_class_constraints() -> None:
    graph = _load("valid")  # leave the model typed dv:Club only: sh:class dv:Model must see the subclass
    model = ID["model/cafe-treo"]
    graph.remove((model, RDF.type, DV.Model))
    assert validate_graph(graph).conforms


def test_lookalike_letter_is_a_warning_not_a_violation() -> None:
    graph = _load("valid")
    graph.add((ID["place/dong-thap"], RDFS.label, Literal("\u00d0ồng Tháp", lang="vi")))
    report = validate_graph(graph)
    assert report.conforms
    assert [w.message for w in report.warnings if "look-alike" in w.message]


def test_caller_graph_is_not_modified() -> None:
    graph = _load("valid")
    before = len(graph)
    validate_graph(graph)
    assert len(graph) == before
    assert (DV.Club, RDFS.subClassOf, DV.Model) not in graph
    assert (DV.Club, RDFS.subClassOf, DV.Model) in load_ontology()


def test_dataset_union_excludes_ontology_and_admin_graphs() -> None:
    dataset = Dataset(default_union=True)
    article = dataset.graph(GRAPH["article/test"])
    for triple in _load("valid"):
        article.add(triple)
    # a broken triple in the admin graph is not looked at by default
    dataset.graph(ADMIN_GRAPH).add((ID["admin/2020/province/87"], DV.within, Literal("nowhere")))
    dataset.graph(ONTOLOGY_GRAPH).add((DV.Model, RDFS.label, Literal("Mo\u0302 hi\u0300nh", lang="vi")))
    assert validate_graph(dataset).conforms
    report = validate_graph(dataset, exclude_graphs=())
    assert not report.conforms
    assert {v.focus for v in report.errors} >= {"id:admin/2020/province/87", "dv:Model"}


def test_report_json_and_text() -> None:
    report = validate_graph(_load("partof-wrong-object"))
    data = json.loads(report.dumps("json"))
    assert data["conforms"] is False and data["violations"] == 1
    result = data["results"][0]
    assert result["label"] == "Mô hình X"
    assert result["value"] == "id:organisation/y"
    assert result["shape"] == "dvsh:PartOfShape"
    text = report.dumps("text").splitlines()
    assert "does NOT conform" in text[0]
    assert text[1].startswith("[Violation] Mô hình X (id:model/x) dv:partOf:")


def test_validate_store_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        kg.replace_graph(str(GRAPH["article/good"]), _load("valid"))
        assert validate_store(kg).conforms
    assert main(["--store", str(store), "validate"]) == 0
    assert "conforms" in capsys.readouterr().out
    with KnowledgeGraph.open(store) as kg:
        kg.replace_graph(str(GRAPH["article/bad"]), _load("runby-wrong-subject"))
    assert main(["--store", str(store), "validate", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["conforms"] is False
    assert data["results"][0]["focus"] == "id:movement/x"


def test_cli_on_empty_store_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(tmp_path / "empty"), "validate"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("danvan-kg: error:") and "empty" in err and "\n" not in err


def test_admin_unit_links_are_checked_by_iri_form() -> None:
    graph = _load("valid")
    place = ID["place/dong-thap"]
    graph.add((place, DV.unit2025, ID["admin/2025/province/82"]))
    graph.add((place, DV.withinTransitive, ID["admin/2020/ward/00001"]))  # not in the data: fine
    assert validate_graph(graph).conforms
    graph.add((place, DV.unit2025, URIRef("https://example.org/not-a-unit")))
    report = validate_graph(graph)
    assert [v for v in report.errors if v.path == "dv:unit2025"]


def test_shapes_parse_in_pyoxigraph() -> None:
    import pyoxigraph

    from danvan_kg.paths import ontology_dir

    store = pyoxigraph.Store()
    store.load(path=str(ontology_dir() / "shapes.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(load_shapes()) > 200


def test_two_core_classes_on_one_node_is_a_warning() -> None:
    graph = _load("valid")
    graph.add((ID["model/cafe-treo"], RDF.type, DV.Movement))
    report = validate_graph(graph)
    assert report.conforms
    clash = [w for w in report.warnings if "another core class" in w.message]
    assert [w.focus for w in clash] == ["id:model/cafe-treo"]
