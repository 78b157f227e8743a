"""Ingest: one transaction per document, bad files skipped and reported, re-ingest changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_kg.ingest import ingest_paths
from danvan_kg.sources import iter_sources
from danvan_kg.store import KnowledgeGraph

ARTICLE = """url: https://example.org/tin/bep-an
outlet: Báo Ví Dụ
date: 2025-03-02
title: Bếp ăn yêu thương ở Cao Lãnh

Hưởng ứng phong trào thi đua “Dân vận khéo”, Hội Liên hiệp Phụ nữ huyện Cao Lãnh, tỉnh Đồng Tháp \
xây dựng mô hình “Bếp ăn yêu thương”, mỗi tuần nấu cơm tặng hộ nghèo và người cao tuổi neo đơn.
"""

SECOND = """url: https://example.org/tin/cafe
outlet: Báo Ví Dụ
date: 2025-04-10
title: Quỹ khuyến học ở Hải Phòng

Đoàn Thanh niên phường Lạch Tray, thành phố Hải Phòng duy trì mô hình “Tủ sách cộng đồng” \
góp phần thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”, hỗ trợ học sinh nghèo.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(SECOND, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    return tmp_path


def test_iter_sources_walks_directories_sorted(folder: Path) -> None:
    found = [p.name for p in iter_sources([folder], (".txt",))]
    assert found == ["a.txt", "b.txt"]


def test_ingest_writes_one_graph_per_document(folder: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    report = ingest_paths(kg, [folder])
    assert report.ok and report.documents == 2
    articles = [g for g in kg.graph_iris() if "/graph/article/" in g]
    assert len(articles) == 2
    stats = kg.stats()
    assert stats["classes"]["Model"] >= 2
    assert stats["classes"]["Article"] == 2
    assert stats["relations"]["partOf"] >= 1


def test_reingest_changes_no_count(folder: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    ingest_paths(kg, [folder])
    first = kg.stats()
    ingest_paths(kg, [folder])
    assert kg.stats() == first


def test_bad_files_are_skipped_and_store_untouched(folder: Path, tmp_path: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    ingest_paths(kg, [folder])
    before = kg.stats()
    binary = tmp_path / "junk.txt"
    binary.write_bytes(b"\x00\xff\xfe\x00" * 100)
    report = ingest_paths(kg, [binary, tmp_path / "missing.txt", folder / "a.txt"])
    skipped = {Path(s).name for s, _ in report.skipped}
    assert skipped == {"junk.txt", "missing.txt"}
    assert all("\n" not in reason for _, reason in report.skipped)
    assert report.documents == 1
    assert kg.stats() == before


def test_parallel_ingest_matches_serial(folder: Path) -> None:
    serial, parallel = KnowledgeGraph.in_memory(), KnowledgeGraph.in_memory()
    ingest_paths(serial, [folder], jobs=1)
    ingest_paths(parallel, [folder], jobs=2)
    assert set(serial.iter_triples()) == set(parallel.iter_triples())


def test_corpus_twice_gives_identical_counts(corpus: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    report = ingest_paths(kg, [corpus / "texts"], jobs=2)
    assert report.ok and report.documents >= 40
    first = kg.stats()
    ingest_paths(kg, [corpus / "texts"])
    assert kg.stats() == first
