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


# ------------------------------------------------------------------ one source, one document / graph
def test_the_same_file_given_twice_or_with_its_folder_is_one_document(folder: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    report = ingest_paths(kg, [folder / "a.txt", folder / "a.txt", folder, folder / "sub" / ".." / "a.txt"])
    assert report.ok and report.documents == 2
    assert report.repeated == 3
    assert len([g for g in kg.graph_iris() if "/graph/article/" in g]) == 2


def test_two_files_with_one_url_are_one_document(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy-of-a.txt"
    copy.write_text(ARTICLE, encoding="utf-8")
    kg = KnowledgeGraph.in_memory()
    report = ingest_paths(kg, [folder / "a.txt", copy])
    assert report.ok and report.documents == 1
    assert report.duplicates == [(str(copy), str(folder / "a.txt"))]


def test_empty_or_unreadable_input_sets_name_a_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("# ghi chú\n", encoding="utf-8")
    (notes / "b.md").write_text("# ghi chú\n", encoding="utf-8")
    kg = KnowledgeGraph.in_memory()
    report = ingest_paths(kg, [empty, notes, tmp_path / "khong-co-*.txt"])
    assert not report.ok and report.documents == 0
    reasons = dict(report.skipped)
    assert reasons[str(empty)] == f"{empty}: empty folder (nothing to read; looked for .txt, .html, .htm, " \
                                  ".xhtml, .pdf, .docx, .csv)"
    assert "it holds 2 .md" in reasons[str(notes)]
    assert reasons[str(tmp_path / "khong-co-*.txt")].endswith("matches no file")


def test_report_has_time_triples_and_store(folder: Path, tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        report = ingest_paths(kg, [folder])
        triples = sum(len(kg.graph(g)) for g in kg.graph_iris())
    assert report.triples == triples > 0
    assert report.elapsed > 0
    assert report.store == str(tmp_path / "store")
    data = report.as_dict()
    assert data["triples"] == triples and data["store"] == str(tmp_path / "store")
