"""Synthetic articles for the ingest benchmark: deterministic, team-written templates, recurring models."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def articles() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_articles", ROOT / "benchmarks" / "articles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_texts(articles: ModuleType) -> None:
    first = [text for _, text in articles.Articles(3).texts(20)]
    again = [text for _, text in articles.Articles(3).texts(20)]
    other = [text for _, text in articles.Articles(4).texts(20)]
    assert first == again and first != other
    for text in first:
        head, _, body = text.partition("\n\n")
        assert {line.split(":")[0] for line in head.splitlines()} == {"url", "outlet", "date", "title"}
        assert body.count("\n\n") >= 3 and "“" in body


def test_models_recur_within_a_province(articles: ModuleType) -> None:
    maker = articles.Articles(5)
    list(maker.texts(400))
    named = [m for models in maker.models.values() for m in models]
    assert len(named) > 400  # several new models per article
    texts = "".join(text for _, text in articles.Articles(5).texts(400))
    assert sum(texts.count(m) > 1 for m in named[:200]) > 20  # some named again by later articles


def test_folders_of_ten_thousand(
    articles: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles, "PER_FOLDER", 4)
    folders = articles.write(10, tmp_path, seed=1)
    assert [f.name for f in folders] == ["batch-000", "batch-001", "batch-002"]
    assert sorted(p.name for p in folders[2].iterdir()) == ["000009.txt", "000010.txt"]


def test_an_article_extracts_to_models_of_a_movement(articles: ModuleType, tmp_path: Path) -> None:
    from danvan_kg.extract import extract_text

    text = articles.Articles(7).text(1)
    extraction = extract_text(text)
    types = {e.type for e in extraction.entities}
    assert {"Model", "Movement", "Place", "Organisation"} <= types
    assert any(r.p == "partOf" for r in extraction.relations)
