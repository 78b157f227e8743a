"""``danvan-kg viz`` end to end on an on-disk store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from danvan_kg.cli import main
from danvan_kg.store import KnowledgeGraph
from test_network_sample import load_sample

pytestmark = pytest.mark.slow  # commands run as subprocesses


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("viz-store")
    location = folder / "store"
    with KnowledgeGraph.open(location) as kg:
        load_sample(kg, folder)
    return location


def _data(path: Path) -> dict:
    page = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_viz_writes_the_whole_network(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "net.html"
    assert main(["--store", str(store), "viz", "--out", str(out), "--title", "Mạng thử"]) == 0
    assert "9 nodes, 8 edges" in capsys.readouterr().out
    data = _data(out)
    assert data["title"] == "Mạng thử"
    assert len(data["nodes"]) == 9 and len(data["edges"]) == 8
    labels = {n["label"] for n in data["nodes"]}
    assert "Dân vận khéo" in labels and "hộ nghèo" in labels


def test_viz_focus_depth_types_and_confidence(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    args = [
        "--store",
        str(store),
        "viz",
        "--out",
        str(out),
        "--focus",
        "dan van kheo",
        "--depth",
        "1",
        "--types",
        "Model",
        "Movement",
        "--min-confidence",
        "0.6",
        "--size-by",
        "centrality",
    ]
    assert main(args) == 0
    data = _data(out)
    assert sorted(n["label"] for n in data["nodes"]) == ["Bếp ăn tình thương thử nghiệm", "Dân vận khéo"]
    assert [e["relation"] for e in data["edges"]] == ["partOf"]
    assert "size: centrality" in data["note"]


def test_viz_user_errors_are_one_line(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["--store", str(store), "viz", "--out", str(tmp_path / "a.html"), "--focus", "zzz khong co"])
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no entity matches 'zzz khong co'" in err
    assert main(["--store", str(tmp_path / "missing"), "viz", "--out", str(tmp_path / "b.html")]) == 1
    assert "no store at" in capsys.readouterr().err
    assert main(["--store", str(store), "viz", "--out", str(tmp_path / "c.txt")]) == 1
    assert main(["--store", str(store), "viz", "--out", str(tmp_path / "d.html"), "--types", "Nope"]) == 1
    assert "unknown class" in capsys.readouterr().err
    assert not (tmp_path / "missing").exists()  # viz never creates a store


def test_viz_layout_folding_and_map_link(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    base = ["--store", str(store), "viz", "--out", str(out), "--focus", "Dân vận khéo", "--depth", "2"]
    assert main([*base, "--map-link", "map.html#dvk"]) == 0
    data = _data(out)
    assert data["layout"] == "layered" and data["physics"] is False and data["mapLink"] == "map.html#dvk"
    assert data["focus"] == [n["id"] for n in data["nodes"] if n["label"] == "Dân vận khéo"]
    assert main([*base, "--layout", "community", "--fold-above", "0"]) == 0
    assert _data(out)["layout"] == "community" and _data(out)["groups"] == []
    assert main([*base, "--layout", "spring"]) == 0
    assert _data(out)["physics"] is True


def test_viz_option_errors_are_one_line(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.html"
    assert main(["--store", str(store), "viz", "--out", str(out), "--map-link", "javascript:alert(1)"]) == 1
    assert main(["--store", str(store), "viz", "--out", str(out), "--fold-above", "-1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "relative URL" in err and "--fold-above" in err
    assert not out.exists()  # nothing half-written
