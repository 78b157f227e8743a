"""Ingest: one transaction per document, bad files skipped and reported, re-ingest changes nothing;
sources from the web (the local fixture site): feeds, sitemaps, filters, de-duplication, updates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan_kg.errors import InputError
from danvan_kg.ingest import IngestReport, ingest_inputs, ingest_paths
from danvan_kg.sources import iter_sources
from danvan_kg.sources.fetch import Fetcher, FetchOptions
from danvan_kg.sources.filters import DateRange, DocumentFilter
from danvan_kg.sources.plan import Inputs
from danvan_kg.store import KnowledgeGraph
from web_fixtures import (
    DUONG_LANG,
    DUONG_LANG_2,
    GIA_LUA,
    LUA_SACH,
    LUA_SACH_CANONICAL,
    OLD_LINK,
    PHIEN_CHO,
    PHIEN_CHO_AMP,
    Site,
    serve_site,
)

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
    assert (
        reasons[str(empty)] == f"{empty}: empty folder (nothing to read; looked for .txt, .html, .htm, "
        ".xhtml, .pdf, .docx, .csv)"
    )
    assert "it holds 2 .md" in reasons[str(notes)]
    assert reasons[str(tmp_path / "khong-co-*.txt")].endswith("matches no file")


def test_report_has_time_triples_and_store(folder: Path, tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        report = ingest_paths(kg, [folder])
        # the sources' own graphs (graph/labels and graph/index are derived: not counted as written)
        derived = ("/graph/labels", "/graph/index")
        triples = sum(len(kg.graph(g)) for g in kg.graph_iris() if not g.endswith(derived))
    assert report.triples == triples > 0
    assert report.elapsed > 0
    assert report.store == str(tmp_path / "store")
    data = report.as_dict()
    assert data["triples"] == triples and data["store"] == str(tmp_path / "store")


# ------------------------------------------------------------------ from the web
MODEL_LABELS = "SELECT DISTINCT ?l WHERE { ?m a dv:Model ; rdfs:label ?l }"
ARTICLES = "SELECT DISTINCT ?a ?k WHERE { ?a a dv:Article ; dv:sourceKey ?k }"


@pytest.fixture(scope="module")
def running() -> Iterator[Site]:
    with serve_site() as site:
        yield site


@pytest.fixture
def site(running: Site) -> Site:
    running.reset()
    return running


def ingest(
    kg: KnowledgeGraph, tmp_path: Path, inputs: Inputs, keep: DocumentFilter | None = None, **options: object
) -> IngestReport:
    settings = {"delay": 0.0, "backoff": 0.01, "timeout": 5.0, "cache_dir": tmp_path / "cache", **options}
    with Fetcher(FetchOptions(**settings)) as fetcher:  # type: ignore[arg-type]
        return ingest_inputs(kg, inputs, keep=keep, fetcher=fetcher)


def labels(kg: KnowledgeGraph) -> set[str]:
    return {str(row["l"]) for row in kg.select(MODEL_LABELS)}


def articles(kg: KnowledgeGraph) -> dict[str, str]:
    return {str(row["a"]): str(row["k"]) for row in kg.select(ARTICLES)}


def test_urls_redirects_and_canonical_twins_are_one_graph_each(site: Site, tmp_path: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    urls = [LUA_SACH, OLD_LINK, PHIEN_CHO, PHIEN_CHO_AMP, DUONG_LANG, DUONG_LANG_2]
    report = ingest(kg, tmp_path, Inputs(paths=[site.url(u) for u in urls]))
    assert report.ok, report.skipped
    assert report.documents == 3
    assert [same for _, same in report.duplicates] == [
        site.url(LUA_SACH),
        site.url(PHIEN_CHO),
        site.url(DUONG_LANG),
    ]
    keys = sorted(articles(kg).values())
    assert LUA_SACH_CANONICAL in keys and site.url(PHIEN_CHO) in keys
    assert sum(k.startswith("sha256:") for k in keys) == 1  # the page without a canonical URL: its text
    assert {"Tổ hợp tác lúa sạch", "Phiên chợ 0 đồng", "Đường làng sáng, xanh, sạch"} <= labels(kg)
    assert not labels(kg) & {"Nồi cháo nghĩa tình", "Bữa cơm nghĩa tình", "Mái ấm tình thương"}


def test_reingesting_updated_pages_replaces_their_graphs(site: Site, tmp_path: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    inputs = Inputs(paths=[site.url(PHIEN_CHO), site.url(DUONG_LANG)])
    first = ingest(kg, tmp_path, inputs)
    assert first.ok and first.documents == 2
    before = articles(kg)
    site.version = 2
    cached = ingest(kg, tmp_path, inputs)  # the cache answers: nothing new
    assert cached.cache_hits == 2 and cached.fetched == 0 and articles(kg) == before
    assert "Tủ bánh mì yêu thương" not in labels(kg)
    updated = ingest(kg, tmp_path, inputs, refresh=True)
    assert updated.ok and updated.documents == 2 and updated.fetched == 2
    assert updated.replaced == 1  # the old graph of the page keyed by its text
    after = articles(kg)
    assert len(after) == 2
    assert {"Tủ bánh mì yêu thương", "Vườn rau an toàn"} <= labels(kg)
    graphs = [g for g in kg.graph_iris() if "/graph/article/" in g]
    assert len(graphs) == 2


def test_feed_with_since_and_match(site: Site, tmp_path: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    keep = DocumentFilter(DateRange(since="2024-01-01"), ("dân vận",))
    report = ingest(kg, tmp_path, Inputs(feeds=[site.url("/rss.xml")]), keep)
    assert report.ok, report.skipped
    assert report.documents == 2  # the Tổ hợp tác and Đường làng articles
    assert report.outside_dates == 1 and site.hits[PHIEN_CHO] == 0  # 2023: never fetched
    assert report.filtered == [(site.url(GIA_LUA), "does not mention “dân vận”")]
    assert {"Tổ hợp tác lúa sạch", "Đường làng sáng, xanh, sạch"} <= labels(kg)


def test_match_ignores_diacritics_and_case(site: Site, tmp_path: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    keep = DocumentFilter(match=("DAN VAN KHEO",))
    report = ingest(kg, tmp_path, Inputs(paths=[site.url(LUA_SACH), site.url(GIA_LUA)]), keep)
    assert report.documents == 1 and [s for s, _ in report.filtered] == [site.url(GIA_LUA)]


def test_sitemap_index_pruned_by_dates(site: Site, tmp_path: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    keep = DocumentFilter(DateRange(since="2024-01-01", until="2024-09-30"))
    report = ingest(kg, tmp_path, Inputs(sitemaps=[site.url("/sitemap.xml")]), keep)
    assert report.ok, report.skipped
    assert site.hits["/sitemap-2023.xml"] == 0  # last changed before --since: not even read
    assert site.hits[GIA_LUA] == 1 and report.filtered == [
        (site.url(GIA_LUA), "dated 2024-10-01, outside --since 2024-01-01 --until 2024-09-30")
    ]
    assert report.documents == 2


def test_failures_are_one_line_each_and_the_rest_continue(site: Site, tmp_path: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    paths = [
        site.url("/private/noi-bo.html"),
        site.url("/loi-500"),
        site.url(LUA_SACH),
        site.url("/khong-co"),
        "ftp://example.org/a",
    ]
    report = ingest(kg, tmp_path, Inputs(paths=paths), retries=1)
    assert report.documents == 1
    reasons = dict(report.skipped)
    assert len(reasons) == 4 and all("\n" not in r for r in reasons.values())
    assert "refused by robots.txt" in reasons[site.url("/private/noi-bo.html")]
    assert "HTTP 500" in reasons[site.url("/loi-500")] and "2 tries" in reasons[site.url("/loi-500")]
    assert "HTTP 404" in reasons[site.url("/khong-co")]
    assert "not an http(s) URL" in reasons["ftp://example.org/a"]


def test_a_url_list_and_nothing_at_all(site: Site, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# bài cần đọc\n{site.url(LUA_SACH)}\n\nkhông phải url\n", encoding="utf-8")
    kg = KnowledgeGraph.in_memory()
    report = ingest(kg, tmp_path, Inputs(url_files=[str(listing)]))
    assert report.documents == 1
    assert report.skipped == [(f"{listing}:4", f"{listing}:4: not a URL: không phải url")]
    with pytest.raises(InputError, match="nothing to ingest"):
        ingest(kg, tmp_path, Inputs())
