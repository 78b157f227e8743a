"""``danvan-kg import``: RDF files into the store, one transaction per file, or ``--bulk``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from danvan_kg.cli import main

pytestmark = pytest.mark.slow  # commands run as subprocesses

ID = "https://w3id.org/danvan-kg/id/"
DV = "https://w3id.org/danvan-kg/ontology#"
GRAPH = "https://w3id.org/danvan-kg/graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _article_graph(n: int) -> str:
    graph = f"<{GRAPH}article/bai-{n}>"
    model = f"<{ID}model/to-tu-quan-{n}>"
    return (
        f"{model} <{RDF_TYPE}> <{DV}Model> {graph} .\n"
        f'{model} <http://www.w3.org/2000/01/rdf-schema#label> "Tổ tự quản số {n}"@vi {graph} .\n'
        f"{model} <{DV}partOf> <{ID}movement/dan-van-kheo> {graph} .\n"
    )


def _stats(store: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["--store", str(store), "stats", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_import_keeps_graphs_and_reports_the_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.nq"
    dump.write_text("".join(_article_graph(n) for n in range(3)), encoding="utf-8")
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(dump)]) == 0
    err = capsys.readouterr().err
    assert "dump.nq: 9 statements" in err
    assert "store now holds 9 triples in 3 graphs" in err
    stats = _stats(store, capsys)
    assert stats["classes"]["Model"] == 3
    assert stats["relations"]["partOf"] == 3
    # importing again changes nothing
    assert main(["--store", str(store), "import", str(dump)]) == 0
    assert _stats(store, capsys) == stats


def test_import_bad_file_changes_nothing_and_others_still_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.nq"
    good.write_text(_article_graph(1), encoding="utf-8")
    bad = tmp_path / "bad.nq"
    bad.write_text(_article_graph(2) + "<http://x/a> <http://x/p> .\n", encoding="utf-8")
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(bad), str(good), str(tmp_path / "missing.ttl")]) == 1
    err = capsys.readouterr().err
    assert "bad.nq: not valid N-Quads" in err
    assert "missing.ttl: no such file" in err
    assert "Traceback" not in err
    stats = _stats(store, capsys)
    assert stats["graphs"]["total"] == 1  # good.nq only; nothing of bad.nq
    assert stats["classes"]["Model"] == 1


def test_import_turtle_into_a_named_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ttl = tmp_path / "notes.ttl"
    ttl.write_text(
        f'<{ID}model/x> a <{DV}Model> ; <http://www.w3.org/2000/01/rdf-schema#label> "Bếp ăn 0 đồng"@vi .\n'
    )
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(ttl), "--graph", f"{GRAPH}import/ghi-chu"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "--store",
                str(store),
                "sparql",
                "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert f"{GRAPH}import/ghi-chu" in capsys.readouterr().out


def test_bulk_import_into_an_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "dump.nq"
    dump.write_text("".join(_article_graph(n) for n in range(50)), encoding="utf-8")
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", "--bulk", str(dump)]) == 0
    assert "store now holds 150 triples in 50 graphs" in capsys.readouterr().err
    before = _stats(store, capsys)
    # a second bulk load is refused (the store is not empty) and changes nothing
    assert main(["--store", str(store), "import", "--bulk", str(dump)]) == 1
    assert "needs an empty store" in capsys.readouterr().err
    assert _stats(store, capsys) == before


def test_bulk_import_of_a_bad_dump_leaves_an_empty_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "dump.nq"
    dump.write_text("".join(_article_graph(n) for n in range(20)) + "<oops\n", encoding="utf-8")
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", "--bulk", str(dump)]) == 1
    err = capsys.readouterr().err
    assert "dump.nq: not valid N-Quads at line 61" in err
    assert len(err.strip().splitlines()) == 1
    assert _stats(store, capsys)["triples"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bulk", "a.nq", "b.nq"], "give exactly one FILE"),
        (["--graph", " ", "a.nq"], "--graph needs an IRI"),
        (["--format", "xlsx", "a.nq"], "unknown RDF format 'xlsx'"),
        (["--bulk", "sub"], "sub: is a folder, not an RDF file"),
        (["sub"], "sub: is a folder, not an RDF file"),
    ],
)
def test_import_usage_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    (tmp_path / "a.nq").write_text(_article_graph(1), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    paths = [str(tmp_path / a) if a.endswith(".nq") or a == "sub" else a for a in args]
    assert main(["--store", str(tmp_path / "store"), "import", *paths]) != 0
    err = capsys.readouterr().err.strip()
    assert message in err
    assert "Traceback" not in err
