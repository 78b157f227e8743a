"""Fetching against the local fixture site: robots.txt, retries, timeouts, pace, redirects, cache."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan_kg.sources.fetch import USER_AGENT, Fetcher, FetchError, FetchOptions, check_url
from web_fixtures import (
    ERROR_500,
    FLAKY,
    GIA_LUA,
    LUA_SACH,
    MISSING,
    OLD_LINK,
    PRIVATE,
    SLOW,
    Site,
    serve_site,
)


@pytest.fixture(scope="module")
def running() -> Iterator[Site]:
    with serve_site() as site:
        yield site


@pytest.fixture
def site(running: Site) -> Site:
    running.reset()
    return running


def fetcher(tmp_path: Path, **options: object) -> Fetcher:
    settings = {"delay": 0.0, "backoff": 0.01, "timeout": 5.0, "cache_dir": tmp_path / "cache", **options}
    return Fetcher(FetchOptions(**settings))  # type: ignore[arg-type]


def test_fetches_a_page_with_the_project_user_agent(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path) as f:
        got = f.fetch(site.url(LUA_SACH))
    assert got.final_url == site.url(LUA_SACH) and not got.from_cache
    assert "Tổ hợp tác lúa sạch" in got.path.read_text("utf-8")
    assert got.content_type == "text/html; charset=utf-8"
    agents = {headers.get("user-agent") for _, _, headers in site.log}
    assert agents == {USER_AGENT}
    assert USER_AGENT.startswith("danvan-kg/") and "https://w3id.org/danvan-kg" in USER_AGENT
    assert site.hits["/robots.txt"] == 1  # robots.txt first


def test_robots_txt_forbids_a_path_and_it_is_never_requested(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path) as f, pytest.raises(FetchError) as caught:
        f.fetch(site.url(PRIVATE))
    message = str(caught.value)
    assert message == f"{site.url(PRIVATE)}: refused by robots.txt of {site.base.split('//')[1]}"
    assert site.hits[PRIVATE] == 0


def test_a_500_is_retried_a_bounded_number_of_times_then_one_line(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path, retries=2) as f, pytest.raises(FetchError) as caught:
        f.fetch(site.url(ERROR_500))
    message = str(caught.value)
    assert "\n" not in message
    assert "HTTP 500 Internal Server Error" in message and "127.0.0.1" in message and "3 tries" in message
    assert site.hits[ERROR_500] == 3


def test_a_503_that_passes_on_the_second_try_is_fetched(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path, retries=2) as f:
        got = f.fetch(site.url(FLAKY))
    assert "Phiên chợ 0 đồng" in got.path.read_text("utf-8")
    assert site.hits[FLAKY] == 2


@pytest.mark.slow
def test_a_slow_page_times_out_after_bounded_retries(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path, timeout=0.3, retries=1) as f, pytest.raises(FetchError) as caught:
        f.fetch(site.url(SLOW))
    message = str(caught.value)
    assert "no answer within 0.3 s" in message and "127.0.0.1" in message and "2 tries" in message
    assert site.hits[SLOW] == 2


def test_a_404_is_not_retried(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path, retries=2) as f, pytest.raises(FetchError, match=r"HTTP 404 Not Found from 127"):
        f.fetch(site.url(MISSING))
    assert site.hits[MISSING] == 1


def test_redirects_are_followed_and_remembered(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path) as f:
        got = f.fetch(site.url(OLD_LINK))
    assert got.url == site.url(OLD_LINK) and got.final_url == site.url(LUA_SACH)
    assert site.hits[OLD_LINK] == 1 and site.hits[LUA_SACH] == 1


def test_the_cache_answers_a_second_time_without_a_request(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path) as f:
        first = f.fetch(site.url(LUA_SACH))
    requests = len(site.log)
    with fetcher(tmp_path) as f:  # a new run, same cache folder
        again = f.fetch(site.url(LUA_SACH))
        assert f.stats.cache_hits == 1 and f.stats.requests == 0
    assert again.from_cache and again.path.read_bytes() == first.path.read_bytes()
    assert len(site.log) == requests


def test_refresh_asks_again_with_the_etag_and_a_304_keeps_the_body(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path) as f:
        f.fetch(site.url(LUA_SACH))
    with fetcher(tmp_path, refresh=True) as f:
        again = f.fetch(site.url(LUA_SACH))
        assert f.stats.not_modified == 1
    assert again.from_cache
    last = [headers for path, _, headers in site.log if path == LUA_SACH][-1]
    assert last.get("if-none-match") == '"lua-sach-v1"'


def test_no_cache_keeps_nothing(site: Site, tmp_path: Path) -> None:
    f = fetcher(tmp_path, use_cache=False)
    got = f.fetch(site.url(GIA_LUA))
    assert got.path.is_file()
    f.close()
    assert not got.path.exists()
    assert not (tmp_path / "cache").exists()


@pytest.mark.slow
def test_requests_to_one_host_keep_the_pace(site: Site, tmp_path: Path) -> None:
    with fetcher(tmp_path, delay=0.25) as f:
        results = f.fetch_many([site.url(LUA_SACH), site.url(GIA_LUA), site.url(MISSING)])
    assert isinstance(results[site.url(MISSING)], FetchError)
    times = site.times()
    assert len(times) == 4  # robots.txt + three pages
    gaps = [b - a for a, b in itertools.pairwise(times)]
    # arrival times at the server jitter by a few tens of ms on a loaded machine; the pace holds overall
    assert min(gaps) >= 0.18 and sum(gaps) >= 3 * 0.24, gaps


def test_only_http_urls() -> None:
    for bad in ("ftp://example.org/a", "file:///etc/passwd", "http://", "javascript:alert(1)"):
        with pytest.raises(FetchError, match="not an http"):
            check_url(bad)
    assert check_url("https://example.org/a#phan-2") == "https://example.org/a"
