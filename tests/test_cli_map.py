"""``danvan-kg map``: writes the page, and says in one line what is wrong with bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_kg.cli import main
from danvan_kg.store import KnowledgeGraph
from test_geo_facts import PLACES


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    location = tmp_path_factory.mktemp("map-cli") / "store"
    with KnowledgeGraph.open(location) as kg:
        kg.load_file(PLACES)
    return location


def test_writes_the_page(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.html"
    assert main(["--store", str(store), "map", "--out", str(out), "--network-link", "network.html"]) == 0
    said = capsys.readouterr().out
    assert "5 places, 4 sources, 1 place without coordinates" in said
    page = out.read_text("utf-8")
    assert 'href="network.html"' in page and "Mô hình Một" in page
    assert main(["--store", str(store), "map", "--out", str(out), "--movement", "phong trao thu nghiem",
                 "--class", "Model", "--year", "2024-2025", "--provinces", "2020"]) == 0  # fmt: skip
    # the movement's models: two sharing a commune's point, one at its province's (dv:area)
    assert "(2 places, 3 sources)" in capsys.readouterr().out
    assert "Phong trào thử nghiệm" in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--out", "map.png"], "expected a .html file name"),
        (["--year", "last year"], "--year 'last year'"),
        (["--class", "Resolution"], "--class Resolution"),
        (["--movement", "Không có phong trào này"], "no movement matches"),
        (["--network-link", "javascript:alert(1)"], "--network-link"),
        (["--year", "1990"], "no located models or organisations"),
    ],
)
def test_bad_input_is_one_line(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    argv = ["--store", str(store), "map", "--out", str(tmp_path / "map.html"), *args]
    assert main(argv) != 0
    err = capsys.readouterr().err.strip()
    assert err.startswith("danvan-kg: error:") and words in err and "\n" not in err
    assert not (tmp_path / "map.html").exists()


def test_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--store", str(tmp_path / "none"), "map", "--out", str(tmp_path / "m.html")]) != 0
    assert "no store at" in capsys.readouterr().err
