"""``danvan_kg.notebook``: what the notebooks open, and tables with names first."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from danvan_kg.errors import InputError
from danvan_kg.notebook import open_source, readable
from danvan_kg.store import KnowledgeGraph

ARTICLE = """title: Bài mẫu

Hội Nông dân xã Tân Hòa triển khai mô hình “Tổ hợp tác rau sạch” trong phong trào “Dân vận khéo”.
"""


def test_a_folder_of_articles_and_a_store_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    kg, description = open_source(tmp_path)  # its texts/ subfolder, as the dev corpus has
    assert description.startswith(f"articles in {tmp_path / 'texts'}: 1 texts")
    assert kg.stats()["classes"]["Model"] >= 1
    store = tmp_path / "store"
    with KnowledgeGraph.open(store) as disk:
        disk.replace_graphs({"https://w3id.org/danvan-kg/graph/article/x": list(kg.union_graph())})
    monkeypatch.setenv("DANVAN_KG_SOURCE", str(store))
    opened, description = open_source()
    try:
        assert description == f"store {store}: 1 named graphs"
    finally:
        opened.close()


def test_bad_sources_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not 'bundled', a store folder or a folder of articles"):
        open_source(tmp_path / "missing")
    with pytest.raises(InputError, match=r"no \.txt articles"):
        open_source(tmp_path)


def test_readable_puts_iri_columns_last() -> None:
    frame = pd.DataFrame(
        {
            "movement": ["https://w3id.org/danvan-kg/id/movement/a"],
            "model": ["https://w3id.org/danvan-kg/id/model/b"],
            "label": ["Bếp ăn"],
            "sources": ["https://example.org/bai-1"],
            "places": [None],
        }
    )
    assert list(readable(frame).columns) == ["label", "places", "movement", "model", "sources"]
