"""``danvan-kg ask`` and ``danvan-kg sparql`` end to end, on a store built from the fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from danvan_kg.cli import main
from danvan_kg.store import KnowledgeGraph
from test_query_runner import FIXTURE


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    location = tmp_path_factory.mktemp("query-store")
    with KnowledgeGraph.open(location) as kg:
        kg.load_file(FIXTURE)
    return str(location)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_list_shows_every_question_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--list", "--format", "json")
    assert code == 0
    questions = {q["name"]: q for q in json.loads(out)}
    assert {
        "models",
        "runs",
        "beneficiaries",
        "chain",
        "organisations",
        "evidence",
        "path",
        "timeline",
        "search",
    } <= set(questions)
    assert [p["name"] for p in questions["models"]["params"]] == ["movement", "place", "limit", "offset"]
    assert questions["models"]["vi"].startswith("Các mô hình") and questions["models"]["en"].startswith(
        "Models"
    )
    code, out, _ = run(capsys, "ask", "--list")
    assert code == 0 and "--movement" in out and "beneficiaries" in out


def test_ask_json(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--store", store, "ask", "models", "--movement", "SANG TAO VI CONG DONG", "--format", "json"
    )
    assert code == 0, err
    assert sorted(r["label"] for r in json.loads(out))[0] == "Bếp ăn nghĩa tình"


def test_ask_search_positional_and_table(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--store", store, "ask", "search", "ban", "cay")
    assert code == 0 and "Câu lạc bộ Bạn cây" in out


def test_ask_csv_and_notes_on_stderr(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--store", store, "ask", "runs", "--organisation", "hoi phu nu", "--format", "csv"
    )
    assert code == 0
    assert out.splitlines()[0].startswith("organisation,relation,thing,type,label")
    assert "by substring" in err


def test_ask_path_prints_steps(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--store",
        store,
        "ask",
        "path",
        "--from",
        "Nghị quyết số 09 của Tỉnh ủy",
        "--to",
        "người cao tuổi",
    )
    assert code == 0
    assert "Path 1 (3 steps)" in out and "←implements—" in out and "Nghị quyết số 09 của Tỉnh ủy vào" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ask"], "name a question"),
        (["ask", "nope"], "unknown question"),
        (["ask", "modls"], "unknown question 'modls' (did you mean 'models'?)"),
        (["ask", "models"], "needs --movement"),
        (["ask", "models", "--movement", "x", "--of", "y"], "no parameter 'of'"),
        (["ask", "models", "stray", "--movement", "x"], "takes no text"),
        (["sparql", "SELECT * WHERE { ?s ?p "], "invalid SPARQL"),
        (["sparql", "DROP ALL"], "update"),
        (["sparql", "missing-file.rq"], "no such query file"),
    ],
)
def test_errors_are_one_line(
    store: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _out, err = run(capsys, "--store", store, *argv)
    assert code != 0 and message in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_store_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--store", str(tmp_path / "none"), "ask", "timeline")
    assert code != 0 and "no store at" in err
    assert not (tmp_path / "none").exists()


def test_sparql_file_and_formats(store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = tmp_path / "clubs.rq"
    query.write_text("# clubs\nSELECT ?m ?l WHERE { ?m a dv:Club ; rdfs:label ?l }\n", encoding="utf-8")
    code, out, _ = run(capsys, "--store", store, "sparql", str(query), "--format", "json")
    assert code == 0 and json.loads(out) == [
        {"m": "https://w3id.org/danvan-kg/id/model/cau-lac-bo-ban-cay", "l": "Câu lạc bộ Bạn cây"}
    ]
    code, out, _ = run(
        capsys, "--store", store, "sparql", "CONSTRUCT { ?m a dv:Model } WHERE { ?m a dv:Club }"
    )
    assert code == 0 and "dv:Model" in out
    code, out, _ = run(capsys, "--store", store, "sparql", "ASK { ?m a dv:Club }")
    assert code == 0 and out.strip() == "true"
    code, _, err = run(
        capsys, "--store", store, "sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--format", "ttl"
    )
    assert code != 0 and "CONSTRUCT" in err


@pytest.mark.server
def test_ask_and_sparql_over_endpoint(oxigraph_server, capsys: pytest.CaptureFixture[str]) -> None:
    oxigraph_server.clear()
    oxigraph_server.load(FIXTURE.read_bytes())
    code, out, err = run(
        capsys,
        "ask",
        "models",
        "--movement",
        "sang tao vi cong dong",
        "--format",
        "json",
        "--endpoint",
        oxigraph_server.query_url,
    )
    assert code == 0, err
    assert len(json.loads(out)) == 3
    code, out, _ = run(capsys, "sparql", "ASK { ?m a dv:Club }", "--endpoint", oxigraph_server.query_url)
    assert code == 0 and out.strip() == "true"


def test_endpoint_down_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import free_port

    code, _, err = run(
        capsys, "ask", "timeline", "--endpoint", f"http://127.0.0.1:{free_port()}/query", "--timeout", "2"
    )
    assert code != 0 and "unreachable" in err and err.count("\n") == 1


def _busy_movement_turtle(models: int) -> str:
    """A movement with ``models`` models, written for this test (labels, keys and types only)."""
    lines = [
        "@prefix dv: <https://w3id.org/danvan-kg/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix mv: <https://w3id.org/danvan-kg/id/movement/> .",
        "@prefix md: <https://w3id.org/danvan-kg/id/model/> .",
        'mv:thi-dua-mau a dv:Movement ; rdfs:label "Thi đua mẫu"@vi ; dv:searchKey "thi dua mau" .',
    ]
    for n in range(models):
        lines.append(
            f'md:mo-hinh-{n:03d} a dv:Model ; rdfs:label "Mô hình số {n:03d}"@vi ;'
            f' dv:searchKey "mo hinh so {n:03d}" ; dv:partOf mv:thi-dua-mau .'
        )
    return "\n".join(lines) + "\n"


def test_the_command_line_shows_a_first_page_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "busy.ttl"
    data.write_text(_busy_movement_turtle(105), encoding="utf-8")
    location = tmp_path / "store"
    with KnowledgeGraph.open(location) as kg:
        kg.load_file(data)
    base = ("--store", str(location), "ask", "models", "--movement", "thi dua mau", "--format", "json")
    code, out, err = run(capsys, *base)
    rows = json.loads(out)
    assert code == 0 and len(rows) == 100
    assert rows[0]["label"] == "Mô hình số 000" and rows[-1]["label"] == "Mô hình số 099"
    assert "showing rows 1–100" in err and "--offset 100" in err and "--limit 0" in err
    code, out, err = run(capsys, *base, "--offset", "100")
    assert [r["label"] for r in json.loads(out)] == [f"Mô hình số {n}" for n in range(100, 105)]
    assert "more follow" not in err
    code, out, _ = run(capsys, *base, "--limit", "0")
    assert len(json.loads(out)) == 105
    code, _, err = run(capsys, *base, "--limit", "lots")
    assert code != 0 and "--limit must be a whole number" in err and "Traceback" not in err


def test_list_table_shows_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    """Defaults are printed as text (square brackets would be read as rich markup and vanish)."""
    code, out, _ = run(capsys, "ask", "--list")
    flat = " ".join(out.split())
    assert code == 0 and "(default 6)" in flat and "(default" in flat and "0: all)" in flat


def test_a_name_matching_nothing_exits_3(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--store", store, "ask", "models", "--movement", "không có phong trào này")
    assert code == 3
    assert "no movement matches" in err and "no answers" in out
    code, out, err = run(capsys, "--store", store, "ask", "models", "--movement", "Sáng tạo vì cộng đồng")
    assert code == 0


def test_list_shows_one_example_per_question(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from danvan_kg.query.catalogue import load_catalogue

    monkeypatch.setenv("COLUMNS", "300")  # wide enough that no example wraps
    code, out, _ = run(capsys, "ask", "--list")
    assert code == 0
    for question in load_catalogue().values():
        assert question.examples, f"{question.name}.rq has no # @example line"
        assert f"e.g. {question.examples[0]}" in out, question.name


def test_store_after_the_question(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ask", "search", "ban cay", "--store", store, "--format", "json")
    assert code == 0, err
    assert [row["label"] for row in json.loads(out)] == ["Câu lạc bộ Bạn cây"]
