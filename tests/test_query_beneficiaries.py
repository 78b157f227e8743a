"""The ``beneficiaries`` question on small invented graphs: counts, examples, notes, every engine."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan_kg.cli import main
from danvan_kg.errors import QueryError
from danvan_kg.query import ask
from danvan_kg.query.runner import run_question
from danvan_kg.rdf.labels import refresh_labels
from danvan_kg.serving.servers import VirtuosoServer, find_virtuoso_binary
from danvan_kg.store import KnowledgeGraph
from test_query_cli import run

ID = "https://w3id.org/danvan-kg/id/"
UNNAMED = f"{ID}model/d-mo-hinh-chua-dat-ten"

# Invented names. The model IRIs do not follow the order of their labels (a-… is "Vườn rau …",
# b-… is "Bếp cơm …"), so the tests tell "first by IRI" from "first by label". The movement
# "Xanh hóa làng quê" is served, for "nông dân", by itself and its four models (one without a
# label); one model states it again in a second article. Two movements share a name.
TRIG = """
@prefix dv: <https://w3id.org/danvan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix res: <https://w3id.org/danvan-kg/id/resolution/> .
@prefix mv: <https://w3id.org/danvan-kg/id/movement/> .
@prefix md: <https://w3id.org/danvan-kg/id/model/> .
@prefix og: <https://w3id.org/danvan-kg/id/organisation/> .
@prefix ben: <https://w3id.org/danvan-kg/id/beneficiary/> .

<https://w3id.org/danvan-kg/graph/article/t1> {
  res:nghi-quyet-so-21-ben-lau a dv:Resolution ; rdfs:label "Nghị quyết số 21 của Huyện ủy Bến Lau"@vi ;
      dv:searchKey "nghi quyet so 21 cua huyen uy ben lau" .
  og:hoi-nong-dan-xa-ben-lau a dv:Organisation ; rdfs:label "Hội Nông dân xã Bến Lau"@vi ;
      dv:searchKey "hoi nong dan xa ben lau" .
  og:doi-van-nghe-thon-dong a dv:Organisation ; rdfs:label "Đội văn nghệ thôn Đông"@vi ;
      dv:searchKey "doi van nghe thon dong" .
  mv:xanh-hoa-lang-que a dv:Movement ; rdfs:label "Xanh hóa làng quê"@vi ; dv:searchKey "xanh hoa lang que" ;
      dv:implements res:nghi-quyet-so-21-ben-lau ; dv:launchedBy og:hoi-nong-dan-xa-ben-lau ;
      dv:benefits ben:nong-dan .
  md:a-vuon-rau-chung a dv:Model ; rdfs:label "Vườn rau chung ấp Cồn Tre"@vi ;
      dv:searchKey "vuon rau chung ap con tre" ;
      dv:partOf mv:xanh-hoa-lang-que ; dv:benefits ben:nong-dan , ben:tre-em .
  md:b-bep-com-ap-mot a dv:Model ; rdfs:label "Bếp cơm ấp Một"@vi ; dv:searchKey "bep com ap mot" ;
      dv:partOf mv:xanh-hoa-lang-que ; dv:runBy og:hoi-nong-dan-xa-ben-lau ; dv:benefits ben:nong-dan .
  md:c-ghe-da-nang-som a dv:Model ; rdfs:label "Ghế đá nắng sớm"@vi ; dv:searchKey "ghe da nang som" ;
      dv:partOf mv:xanh-hoa-lang-que ; dv:benefits ben:nong-dan .
  md:d-mo-hinh-chua-dat-ten a dv:Model ; dv:partOf mv:xanh-hoa-lang-que ; dv:benefits ben:nong-dan .
  md:e-lop-hoc-mua-he a dv:Model ; rdfs:label "Lớp học mùa hè thôn Đông"@vi ;
      dv:searchKey "lop hoc mua he thon dong" ; dv:runBy og:doi-van-nghe-thon-dong .
  ben:nong-dan a dv:BeneficiaryGroup ; skos:prefLabel "nông dân"@vi ; rdfs:label "farmers"@en .
  ben:tre-em a dv:BeneficiaryGroup ; skos:prefLabel "trẻ em"@vi .
}

<https://w3id.org/danvan-kg/graph/article/t2> {
  md:a-vuon-rau-chung dv:benefits ben:nong-dan .
  mv:ngay-thu-bay-tinh-nguyen-ben-lau a dv:Movement ; rdfs:label "Ngày thứ Bảy tình nguyện"@vi ;
      dv:searchKey "ngay thu bay tinh nguyen" ; dv:benefits ben:tre-em .
  mv:ngay-thu-bay-tinh-nguyen-song-cau a dv:Movement ; rdfs:label "Ngày thứ Bảy tình nguyện"@vi ;
      dv:searchKey "ngay thu bay tinh nguyen" ; dv:benefits ben:tre-em , ben:nguoi-cao-tuoi .
  md:f-lop-boi-an-toan a dv:Model ; rdfs:label "Lớp bơi an toàn Sông Cầu"@vi ;
      dv:searchKey "lop boi an toan song cau" ;
      dv:partOf mv:ngay-thu-bay-tinh-nguyen-song-cau ; dv:benefits ben:tre-em .
  ben:nguoi-cao-tuoi a dv:BeneficiaryGroup ; skos:prefLabel "người cao tuổi"@vi .
}
"""

ALL_FARMERS = "; ".join(
    ["Bếp cơm ấp Một", "Ghế đá nắng sớm", "Vườn rau chung ấp Cồn Tre", "Xanh hóa làng quê", UNNAMED]
)


def write_trig(folder: Path) -> Path:
    path = folder / "beneficiaries.trig"
    path.write_text(TRIG, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_trig(tmp_path_factory.mktemp("beneficiaries"))


@pytest.fixture(scope="module", params=["memory", "rdflib"])
def kg(request: pytest.FixtureRequest, trig: Path) -> KnowledgeGraph:
    store = KnowledgeGraph.open(None, backend=request.param)
    store.load_file(trig)
    refresh_labels(store)  # graph/labels, as ingest and build keep it
    return store


def summary(rows: list[dict]) -> list[tuple[str, str, int]]:
    return [(r["beneficiary"], r["via"], r["through"]) for r in rows]


def test_through_counts_each_thing_once(kg: KnowledgeGraph) -> None:
    """The movement and its four models serve farmers; a statement repeated in another article counts once."""
    rows = ask(kg, "beneficiaries", of="Xanh hóa làng quê", examples=0)
    assert [(r["beneficiary"], r["through"]) for r in rows] == [("nông dân", 5), ("trẻ em", 1)]
    assert {r["of"] for r in rows} == {f"{ID}movement/xanh-hoa-lang-que"}
    assert [r["group"] for r in rows] == [f"{ID}beneficiary/nong-dan", f"{ID}beneficiary/tre-em"]
    # the resolution and the organisation reach the same things through implements / launchedBy / runBy
    for of in ("Nghị quyết số 21 của Huyện ủy Bến Lau", "Hội Nông dân xã Bến Lau"):
        assert summary(ask(kg, "beneficiaries", of=of, examples=0)) == summary(rows), of


def test_examples_are_the_first_things_by_iri_with_labels_sorted(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "beneficiaries", of="Xanh hóa làng quê", examples=2)
    # the first two IRIs are model/a-… and model/b-…: "Ghế đá …" (c-…) sorts before "Vườn rau …" by label
    assert summary(rows) == [
        ("nông dân", "Bếp cơm ấp Một; Vườn rau chung ấp Cồn Tre", 5),
        ("trẻ em", "Vườn rau chung ấp Cồn Tre", 1),
    ]


def test_the_default_shows_five_names(kg: KnowledgeGraph) -> None:
    answer = run_question(kg, "beneficiaries", {"of": "Nghị quyết số 21 của Huyện ủy Bến Lau"})
    farmers = next(r for r in answer.rows if str(r["beneficiary"]) == "nông dân")
    assert str(farmers["via"]) == ALL_FARMERS  # five things, five names: nothing cut
    assert answer.notes == []


def test_examples_zero_lists_every_name(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "beneficiaries", of="Xanh hóa làng quê", examples="0")
    assert summary(rows) == [("nông dân", ALL_FARMERS, 5), ("trẻ em", "Vườn rau chung ấp Cồn Tre", 1)]


def test_a_note_only_when_names_were_left_out(kg: KnowledgeGraph) -> None:
    cut = run_question(kg, "beneficiaries", {"of": "Xanh hóa làng quê", "examples": 2})
    assert cut.notes == [
        "1 of 2 groups show only 2 of their things in via (through counts them all;"
        " --examples 0 lists every name)"
    ]
    for examples in (0, 5, 6):
        whole = run_question(kg, "beneficiaries", {"of": "Xanh hóa làng quê", "examples": examples})
        assert whole.notes == [], examples
        assert len(whole.rows) == 2


def test_a_model_without_a_label_is_named_by_its_iri(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "beneficiaries", of=UNNAMED)
    assert summary(rows) == [("nông dân", UNNAMED, 1)]
    four = ask(kg, "beneficiaries", of="Xanh hóa làng quê", examples=4)
    assert four[0]["via"].split("; ") == [
        "Bếp cơm ấp Một",
        "Ghế đá nắng sớm",
        "Vườn rau chung ấp Cồn Tre",
        UNNAMED,
    ]


def test_every_candidate_of_a_shared_name_counts_in_one_row_per_group(kg: KnowledgeGraph) -> None:
    """A name standing for two movements (one per district) answers for both, one row per group:
    "trẻ em" is served by both movements and a model of one of them (three things), shown once."""
    answer = run_question(kg, "beneficiaries", {"of": "Ngày thứ Bảy tình nguyện", "examples": 1})
    rows = [
        (str(r["beneficiary"]), str(r["of"]).rsplit("/", 1)[1], str(r["via"]), int(r["through"]))  # type: ignore[arg-type]
        for r in answer.rows
    ]
    assert rows == [
        ("người cao tuổi", "ngay-thu-bay-tinh-nguyen-song-cau", "Ngày thứ Bảy tình nguyện", 1),
        ("trẻ em", "ngay-thu-bay-tinh-nguyen-ben-lau", "Lớp bơi an toàn Sông Cầu", 3),
    ]
    assert any("matched 2 exactly" in n for n in answer.notes)
    assert any(n.startswith("1 of 2 groups show only 1 of their things") for n in answer.notes)


def test_an_entity_serving_nothing_has_no_rows(kg: KnowledgeGraph) -> None:
    answer = run_question(kg, "beneficiaries", {"of": "Đội văn nghệ thôn Đông", "examples": 1})
    assert answer.rows == [] and answer.notes == []
    assert answer.columns == ["of", "group", "beneficiary", "via", "through", "id", "label"]
    missing = run_question(kg, "beneficiaries", {"of": "phong trào không có thật"})
    assert missing.rows == [] and any("matches" in n for n in missing.notes)


@pytest.mark.parametrize(
    ("value", "message"), [("-1", "between 0 and"), ("x", "whole number"), ("2.5", "whole")]
)
def test_bad_examples_are_one_line_errors(kg: KnowledgeGraph, value: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as info:
        run_question(kg, "beneficiaries", {"of": "Xanh hóa làng quê", "examples": value})
    assert "--examples" in str(info.value) and "\n" not in str(info.value)


# ---------------------------------------------------------------------------------------- CLI
@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, trig: Path) -> str:
    location = tmp_path_factory.mktemp("beneficiaries-store")
    with KnowledgeGraph.open(location) as kg:
        kg.load_file(trig)
        refresh_labels(kg)
    return str(location)


def test_cli_examples_and_note(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ("--store", store, "ask", "beneficiaries", "--of", "Xanh hóa làng quê")
    code, out, err = run(capsys, *base, "--examples", "2", "--format", "json")
    assert code == 0
    assert summary(json.loads(out)) == [
        ("nông dân", "Bếp cơm ấp Một; Vườn rau chung ấp Cồn Tre", 5),
        ("trẻ em", "Vườn rau chung ấp Cồn Tre", 1),
    ]
    assert "1 of 2 groups show only 2" in err and "--examples 0" in err
    code, out, err = run(capsys, *base, "--examples", "0", "--format", "csv")
    assert code == 0 and "note:" not in err
    lines = out.splitlines()
    assert lines[0] == "of,group,beneficiary,via,through,id,label"  # id, label: the answer entity
    assert lines[1].endswith(f",nông dân,{ALL_FARMERS},5,{ID}beneficiary/nong-dan,nông dân")
    code, out, _ = run(capsys, *base, "--examples", "1")
    assert code == 0 and "beneficiary" in out and "through" in out and "nông dân" in out
    assert "Vườn rau chung ấp Cồn Tre" in out and "Bếp cơm" not in out  # the first thing by IRI only
    assert "/beneficiary/" not in out  # of and group stay out of the table


def test_cli_bad_examples(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--store", store, "ask", "beneficiaries", "--of", "x", "--examples", "-1")
    assert code != 0 and "--examples must be between 0" in err and err.count("\n") == 1


def test_cli_lists_the_examples_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--list", "--format", "json")
    assert code == 0
    question = next(q for q in json.loads(out) if q["name"] == "beneficiaries")
    examples = next(p for p in question["params"] if p["name"] == "examples")
    assert examples["default"] == "5" and examples["kind"] == "count"
    assert "0" in examples["en"] and "0" in examples["vi"]


# ---------------------------------------------------------------------------------------- endpoints
def engine_answers(target: object) -> list[list[tuple[str, str, int]]]:
    return [
        summary(ask(target, "beneficiaries", of=of, examples=examples))
        for of, examples in (
            ("Xanh hóa làng quê", 2),
            ("Xanh hóa làng quê", 0),
            ("Ngày thứ Bảy tình nguyện", 1),
            ("Đội văn nghệ thôn Đông", 5),
        )
    ]


@pytest.fixture(scope="module")
def embedded(trig: Path) -> list[list[tuple[str, str, int]]]:
    kg = KnowledgeGraph.open(None, backend="memory")
    kg.load_file(trig)
    answers = engine_answers(kg)
    assert answers[0] and answers[1] and answers[2] and answers[3] == []
    return answers


@pytest.mark.server
def test_same_answers_over_an_oxigraph_endpoint(oxigraph_server, trig: Path, embedded: list) -> None:
    oxigraph_server.clear()
    oxigraph_server.load(trig.read_bytes())
    assert engine_answers(oxigraph_server.query_url) == embedded


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[VirtuosoServer]:
    if find_virtuoso_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("virtuoso-t is required in CI but was not found")
        pytest.skip("virtuoso-t (virtuoso-opensource-7) not installed")
    with VirtuosoServer() as server:
        yield server


@pytest.mark.server
def test_same_answers_on_virtuoso(virtuoso: VirtuosoServer, store: str, embedded: list) -> None:
    auth = ["--user", "dba", "--password", virtuoso.password, "--auth", "digest"]
    assert main(["--store", store, "push", "--endpoint", virtuoso.update_url, *auth]) == 0
    assert engine_answers(virtuoso.query_url) == embedded
