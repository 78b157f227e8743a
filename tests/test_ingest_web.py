"""Ingest from the web (the local fixture site): feeds, sitemaps, filters, de-duplication, updates."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan_kg.errors import InputError
from danvan_kg.ingest import IngestReport, ingest_inputs
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


def ingest(kg: KnowledgeGraph, tmp_path: Path, inputs: Inputs, keep: DocumentFilter | None = None,
           **options: object) -> IngestReport:
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
    assert [same for _, same in report.duplicates] == [site.url(LUA_SACH), site.url(PHIEN_CHO),
                                                        site.url(DUONG_LANG)]
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
    assert site.hits[GIA_LUA] == 1 and report.filtered == [(site.url(GIA_LUA), "dated 2024-10-01, outside "
                                                             "--since 2024-01-01 --until 2024-09-30")]
    assert report.documents == 2


def test_failures_are_one_line_each_and_the_rest_continue(site: Site, tmp_path: Path) -> None:
    kg = KnowledgeGraph.in_memory()
    paths = [site.url("/private/noi-bo.html"), site.url("/loi-500"), site.url(LUA_SACH),
             site.url("/khong-co"), "ftp://example.org/a"]
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
