"""Injection: user values reach SPARQL only as bound terms, and ``sparql`` never writes.

Every named question (``ask --list``) is asked with hostile values — quotes, braces, ``UNION``,
``DROP ALL``, comments, newlines, escapes, IRIs — against the embedded store and over
``--endpoint`` (a real Oxigraph server). Each hostile value carries the nonsense token
``zqxj`` so that a correctly bound value matches nothing: any row in the answer means the value
became query syntax. The store's stats must be the same before and after, and ``danvan-kg
sparql`` refuses updates without touching the store.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from rdflib import Literal

from danvan_kg.cli import main

ARTICLES = {
    "a.txt": """url: https://example.org/tin/injection-a
outlet: Báo Thử Nghiệm
date: 2024-10-02
title: Bài thử một

Hội Liên hiệp Phụ nữ xã Tân Thành, huyện Tân Hồng, tỉnh Đồng Tháp xây dựng mô hình "Bếp ăn tình thương" \
trong phong trào thi đua "Dân vận khéo", giúp đỡ hộ nghèo và người cao tuổi.
""",
    "b.txt": """url: https://example.org/tin/injection-b
outlet: Báo Thử Nghiệm
date: 2024-10-03
title: Bài thử hai

Thực hiện Nghị quyết số 25-NQ/TW, Ban Dân vận Huyện ủy Ba Chẽ, tỉnh Quảng Ninh phối hợp với Đoàn Thanh niên \
xây dựng mô hình "Tuyến đường nở hoa" trong phong trào "Dân vận khéo".
""",
}

HOSTILE = [
    'zqxj"',
    "zqxj'",
    'zqxj" } UNION { ?s ?p ?o } #',
    "zqxj' } UNION { ?s ?p ?o } #",
    'zqxj"@vi } UNION { ?s ?p ?o } #',
    'zqxj"; DROP ALL; #',
    'zqxj" . } ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> <urn:z> } #',
    "zqxj UNION SELECT * WHERE { ?s ?p ?o }",
    "zqxj\nDROP ALL",
    "zqxj\r\n} UNION { ?s ?p ?o }",
    "zqxj\\u0022 } UNION { ?s ?p ?o } #",
    "zqxj\\",
    'zqxj\\" } UNION { ?s ?p ?o } #',
    'zqxj""" } UNION { ?s ?p ?o } #',
    "zqxj> } UNION { ?s ?p ?o } #",
    "<zqxj> } UNION { ?s ?p ?o } #",
    "https://w3id.org/danvan-kg/id/zqxj> } UNION { ?s ?p ?o } <urn:x",
    "<https://w3id.org/danvan-kg/id/movement/zqxj>",
    "https://w3id.org/danvan-kg/id/movement/zqxj",
    "urn:zqxj",
    "zqxj\u2028} UNION { ?s ?p ?o }",
    "zqxj%22%20%7D%20UNION",
    "zqxj' ) ) } UNION { ?s ?p ?o } #",
    "zqxj FILTER(true) } #",
    "zqxj ; CLEAR ALL",
    "zqxj }} VALUES ?x { 1 } {{",
]
# words that reveal a value pasted into query text
LEAKS = ("invalid SPARQL", "query failed", "rejected the query", "internal error", "Traceback", "syntax")


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the CLI in-process; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "danvan_kg", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inject")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    location = folder / "store"
    result = cli("--store", str(location), "ingest", str(folder))
    assert result.returncode == 0, result.stderr
    return location


@pytest.fixture(scope="module")
def questions() -> list[dict[str, Any]]:
    code, out, err = run(["ask", "--list", "--format", "json"])
    assert code == 0, err
    listed = json.loads(out)
    assert len(listed) >= 3
    return listed


def stats(store: Path) -> dict[str, Any]:
    code, out, err = run(["--store", str(store), "stats", "--format", "json"])
    assert code == 0, err
    return json.loads(out)


def ask_argv(question: dict[str, Any], value: str, *, target: str | None = None) -> list[str]:
    """``ask`` with ``value`` for every entity/text parameter and valid values for the rest."""
    options: list[str] = []
    positional: list[str] = []
    for param in question["params"]:
        kind = param["kind"]
        if kind in ("entity", "text"):
            given = value
        elif not param["required"]:
            continue
        elif kind == "relation":
            given = "partOf"
        else:
            given = param.get("default") or "3"
        if param.get("positional") or (kind == "text" and question["name"] == "search"):
            positional.append(given)
        else:
            options.append(f"--{param['name']}={given}")
    argv = ["ask", question["name"], *positional, "--format", "json", *options]
    if target:
        argv += ["--endpoint", target]
    return argv


def assert_bound(code: int, out: str, err: str, where: str) -> None:
    """Either an answer with no rows (exit 3 when the name matched nothing), or one clean line that
    is not a SPARQL error."""
    for leak in LEAKS:
        assert leak.lower() not in err.lower(), f"{where}: {err}"
    assert code in (0, 1, 3), f"{where}: exit {code}: {err}"
    if code in (0, 3):
        rows = json.loads(out)
        assert rows == [], f"{where}: a hostile value returned rows: {rows[:3]}"
    else:
        lines = [line for line in err.splitlines() if line.startswith("danvan-kg: error")]
        assert len(lines) == 1, f"{where}: {err}"


def _cases(questions: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str]]:
    for question in questions:
        if any(p["kind"] in ("entity", "text") for p in question["params"]):
            for value in HOSTILE:
                yield question, value


def test_every_question_binds_hostile_values_embedded(store: Path, questions: list[dict[str, Any]]) -> None:
    before = stats(store)
    asked = 0
    for question, value in _cases(questions):
        code, out, err = run(["--store", str(store), *ask_argv(question, value)])
        assert_bound(code, out, err, f"{question['name']} {value!r}")
        asked += 1
    assert asked >= len(HOSTILE) * 3
    assert stats(store) == before


def test_the_store_still_answers_real_questions(store: Path) -> None:
    code, out, err = run(["--store", str(store), "ask", "search", "Dân vận khéo", "--format", "json"])
    assert code == 0, err
    assert any("Dân vận khéo" in str(row.get("label")) for row in json.loads(out))


def test_relation_and_int_parameters_refuse_hostile_values(store: Path,
                                                           questions: list[dict[str, Any]]) -> None:
    before = stats(store)
    checked = 0
    for question in questions:
        for param in question["params"]:
            if param["kind"] not in ("relation", "int"):
                continue
            for value in HOSTILE[:12]:
                argv = ["--store", str(store), *ask_argv(question, "zqxj"), f"--{param['name']}={value}"]
                code, out, err = run(argv)
                assert_bound(code, out, err, f"{question['name']} --{param['name']} {value!r}")
                checked += 1
    assert checked > 0
    assert stats(store) == before


def test_subprocess_round_with_quotes_and_newlines(store: Path) -> None:
    before = stats(store)
    result = cli("--store", str(store), "ask", "models", "--movement", 'zqxj" } UNION { ?s ?p ?o }\n#',
                 "--format", "json")
    assert "Traceback" not in result.stderr
    assert_bound(result.returncode, result.stdout, result.stderr, "models via subprocess")
    assert stats(store) == before


# ---------------------------------------------------------------------------------- sparql is read-only
UPDATES = [
    "DROP ALL",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "INSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "INSERT DATA { GRAPH <urn:g> { <urn:x> <urn:y> <urn:z> } }",
    "PREFIX ex: <urn:ex:> DELETE WHERE { ?s ?p ?o }",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "LOAD <file:///etc/hostname>",
    "CREATE GRAPH <urn:new>",
    "# SELECT * WHERE { ?s ?p ?o }\nDROP ALL",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "BASE <urn:b> PREFIX a: <urn:a> DROP ALL",
    "drop all",
    'SELECT ("DROP ALL" AS ?x) {} ; CLEAR ALL',
]


def _quad_count(store: Path) -> int:
    code, out, err = run(["--store", str(store), "sparql",
                          "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "--format", "json"])
    assert code == 0, err
    return int(json.loads(out)[0]["n"])


def test_sparql_refuses_updates_and_leaves_the_store_alone(store: Path) -> None:
    before = stats(store)
    quads = _quad_count(store)
    assert quads > 0
    for update in UPDATES:
        code, out, err = run(["--store", str(store), "sparql", update])
        assert code != 0, f"{update!r} was accepted: {out[:200]}"
        assert "Traceback" not in err
        assert len([ln for ln in err.splitlines() if ln.strip()]) == 1, err
    assert stats(store) == before
    assert _quad_count(store) == quads


def test_sparql_file_with_update_is_refused(store: Path, tmp_path: Path) -> None:
    query = tmp_path / "evil.rq"
    query.write_text("PREFIX dv: <https://w3id.org/danvan-kg/ontology#>\nDELETE WHERE { ?s a dv:Model }\n",
                     encoding="utf-8")
    before = stats(store)
    code, _out, err = run(["--store", str(store), "sparql", str(query)])
    assert code != 0 and "Traceback" not in err
    assert stats(store) == before


# ---------------------------------------------------------------------------------- over --endpoint
def _server_count(server: Any) -> int:
    query = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    request = urllib.request.Request(f"{server.query_url}?{query}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.loads(response.read())
    return int(data["results"]["bindings"][0]["n"]["value"])


@pytest.mark.server
def test_hostile_values_over_endpoint(store: Path, questions: list[dict[str, Any]], oxigraph_server: Any,
                                      tmp_path: Path) -> None:
    dump = tmp_path / "all.nq"
    code, _out, err = run(["--store", str(store), "export", "--format", "nq", "--out", str(dump)])
    assert code == 0, err
    oxigraph_server.clear()
    oxigraph_server.load(dump.read_bytes(), "application/n-quads")
    before = _server_count(oxigraph_server)
    assert before > 0
    asked = 0
    for question, value in _cases(questions):
        if value not in HOSTILE[:16]:  # keep the remote round shorter
            continue
        code, out, err = run(ask_argv(question, value, target=oxigraph_server.query_url))
        assert_bound(code, out, err, f"remote {question['name']} {value!r}")
        asked += 1
    assert asked > 0
    for update in UPDATES:
        code, _out, err = run(["sparql", update, "--endpoint", oxigraph_server.query_url])
        assert code != 0 and "Traceback" not in err, update
        code, _out, err = run(["sparql", update, "--endpoint", oxigraph_server.update_url])
        assert code != 0 and "Traceback" not in err, update
    assert _server_count(oxigraph_server) == before


def test_the_hostile_values_would_break_a_pasted_query(store: Path) -> None:
    """The suite has teeth: pasted into query text, these values change the answer or the syntax."""
    from danvan_kg.errors import QueryError
    from danvan_kg.store import KnowledgeGraph

    templates = (
        'SELECT ?s WHERE {{ ?s rdfs:label "{value}" }}',
        "SELECT ?s WHERE {{ ?s rdfs:label '{value}' }}",
        "SELECT ?s WHERE {{ ?s rdfs:label ?l FILTER(CONTAINS(?l, \"{value}\")) }}",
        "SELECT ?o WHERE {{ <{value}> ?p ?o }}",
    )
    broken = 0
    with KnowledgeGraph.open(store) as kg:
        for value in HOSTILE:
            for template in templates:
                try:
                    rows = kg.select(template.format(value=value))
                except QueryError:
                    broken += 1
                    break
                if rows:
                    broken += 1
                    break
        bound = [kg.select("SELECT ?s ?label WHERE { ?s rdfs:label ?label }", {"label": Literal(v)})
                 for v in HOSTILE]
    assert broken >= len(HOSTILE) // 2
    assert all(rows == [] for rows in bound)
