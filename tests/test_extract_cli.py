"""The ``extract`` sub-command: JSON lines contract, directories, errors, --jobs, Turtle."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from danvan_kg.cli import main
from danvan_kg.paths import samples_dir

SAMPLES = sorted(samples_dir().glob("*.txt"))


def test_jsonl_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SAMPLES[0])]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) == {"source", "entities", "relations"}
    assert obj["source"] == str(SAMPLES[0])
    for e in obj["entities"]:
        assert set(e) == {"id", "type", "label", "aliases", "evidence"}
        assert e["id"].startswith("https://w3id.org/danvan-kg/id/")
        for ev in e["evidence"]:
            assert set(ev) == {"quote", "start", "end"}
    for r in obj["relations"]:
        assert set(r) == {"s", "p", "o", "confidence", "evidence"}
    assert "ư" in lines[0] or "ộ" in lines[0]  # ensure_ascii=False


def test_directory_walk_order_and_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(samples_dir())]) == 0
    one = capsys.readouterr().out
    assert main(["extract", str(samples_dir()), "--jobs", "2"]) == 0
    two = capsys.readouterr().out
    assert one == two
    sources = [json.loads(line)["source"] for line in one.splitlines()]
    assert sources == [str(p) for p in SAMPLES]


def test_bad_file_reported_others_processed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    code = main(["extract", str(bad), str(SAMPLES[0]), str(tmp_path / "missing.txt")])
    out, err = capsys.readouterr()
    assert code != 0
    assert len(out.splitlines()) == 1
    err_lines = err.strip().splitlines()
    assert len(err_lines) == 2 and "bad.txt" in err_lines[0] and "missing.txt" in err_lines[1]
    assert "Traceback" not in err


def test_turtle(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("danvan_kg.rdf.triples", reason="the RDF layer is not available")
    assert main(["extract", str(SAMPLES[0]), "--format", "ttl"]) == 0
    out = capsys.readouterr().out
    assert "dv:Evidence" in out and "@prefix" in out
