"""``python -m danvan_kg.network.screenshot``: pages of a store, PNGs people can look at."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from danvan_kg.network.browser import find_chromium
from danvan_kg.network.html import write_html
from danvan_kg.network.screenshot import main
from danvan_kg.network.synthetic import synthetic_network
from danvan_kg.store import KnowledgeGraph
from test_network_sample import load_sample


@pytest.fixture(autouse=True)
def _chromium() -> None:
    if find_chromium() is None:
        message = "chromium is not installed (needed for screenshots); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


@pytest.mark.browser
def test_store_pages_and_screenshots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as kg:
        load_sample(kg, tmp_path)
    out = tmp_path / "shots"
    pages = tmp_path / "pages"
    args = ["--store", str(store), "--out", str(out), "--pages", str(pages), "--focus", "Dân vận khéo@1"]
    assert main([*args, "--width", "900", "--height", "600"]) == 0
    assert sorted(p.name for p in out.glob("*.png")) == ["network-all.png", "network-dan-van-kheo-1.png"]
    assert _png_size(out / "network-dan-van-kheo-1.png") == (900, 600)
    assert (pages / "network-dan-van-kheo-1.html").is_file() and not list(out.glob("*.html"))
    printed = capsys.readouterr().out
    assert "network-all.png" in printed and "labels" in printed


@pytest.mark.browser
def test_given_pages_and_user_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write_html(synthetic_network(30, seed=1), tmp_path / "small.html")
    assert main([str(page), "--out", str(tmp_path)]) == 0
    assert _png_size(tmp_path / "small.png") == (1400, 900)
    capsys.readouterr()
    assert main(["--out", str(tmp_path)]) == 1
    assert main([str(tmp_path / "missing.html"), "--out", str(tmp_path)]) == 1
    assert main(["--store", str(tmp_path / "nostore"), "--out", str(tmp_path)]) == 1
    assert main(["--store", str(tmp_path / "nostore"), "--focus", "x@deep", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 4 and "Traceback" not in err
    for message in ("nothing to screenshot", "no such page", "no store", "LABEL@DEPTH"):
        assert message in err
