"""``danvan-kg ingest`` and ``extract`` on the command line: new inputs, one-line failures, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from web_fixtures import GIA_LUA, LUA_SACH, PHIEN_CHO, Site, serve_site

pytestmark = pytest.mark.slow  # commands run as subprocesses

ARTICLE = """url: https://example.org/tin/cli
outlet: Báo Ví Dụ
date: 2025-03-02

Hưởng ứng phong trào thi đua “Dân vận khéo”, Hội Liên hiệp Phụ nữ huyện Cao Lãnh, tỉnh Đồng Tháp \
xây dựng mô hình “Bếp ăn yêu thương”, mỗi tuần nấu cơm tặng hộ nghèo.
"""


def run(*args: str, store: Path, cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DANVAN_KG_DEBUG"}
    if cache is not None:
        env["DANVAN_KG_CACHE"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def running() -> Iterator[Site]:
    with serve_site() as site:
        yield site


@pytest.fixture
def site(running: Site) -> Site:
    running.reset()
    return running


@pytest.mark.parametrize("case", ["empty folder", "only notes", "no match", "nothing"])
def test_inputs_that_name_nothing_exit_non_zero_with_a_reason(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    if case == "only notes":
        (folder / "ghi-chu.md").write_text("# ghi chú\n", encoding="utf-8")
    args = {
        "empty folder": [str(folder)],
        "only notes": [str(folder)],
        "no match": [str(tmp_path / "bai-*.txt")],
        "nothing": [],
    }[case]
    result = run("ingest", *args, store=tmp_path / "store")
    clean(result)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("danvan-kg") for line in lines)
    expected = {
        "empty folder": "empty folder",
        "only notes": "it holds 1 .md",
        "no match": "matches no file",
        "nothing": "nothing to ingest",
    }[case]
    assert expected in result.stderr


def test_summary_names_time_triples_and_store(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "store"
    result = run("ingest", str(article), str(article), str(tmp_path), store=store)
    clean(result)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("ingested 1 documents and 0 record files in ")
    assert f" triples into {store}" in first
    assert "duplicates 2" in result.stdout
    data = json.loads(run("ingest", str(article), "--format", "json", store=store).stdout)
    assert data["documents"] == 1 and data["triples"] > 0 and data["store"] == str(store)
    assert data["elapsed_seconds"] > 0


def test_urls_feed_and_failures_from_the_command_line(site: Site, tmp_path: Path) -> None:
    store, cache = tmp_path / "store", tmp_path / "cache"
    result = run(
        "ingest",
        site.url(LUA_SACH),
        site.url("/loi-500"),
        site.url("/private/noi-bo.html"),
        "--retries",
        "1",
        "--delay",
        "0",
        store=store,
        cache=cache,
    )
    clean(result)
    assert result.returncode == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("danvan-kg: skipped")]
    assert len(failures) == 2
    assert any("HTTP 500" in line and "127.0.0.1" in line and "/loi-500" in line for line in failures)
    assert any("refused by robots.txt" in line for line in failures)
    assert "ingested 1 documents" in result.stdout and "fetched 1, from the cache 0" in result.stdout

    again = run("ingest", site.url(LUA_SACH), "--delay", "0", store=store, cache=cache)
    assert again.returncode == 0 and "fetched 0, from the cache 1" in again.stdout

    feed = run(
        "ingest",
        "--feed",
        site.url("/rss.xml"),
        "--since",
        "2024",
        "--match",
        "dân vận",
        "--delay",
        "0",
        "--format",
        "json",
        store=store,
        cache=cache,
    )
    clean(feed)
    assert feed.returncode == 0, feed.stderr
    report = json.loads(feed.stdout)
    assert report["documents"] == 2 and report["outside_dates"] == 1
    assert [f["source"] for f in report["filtered"]] == [site.url(GIA_LUA)]
    assert site.hits[PHIEN_CHO] == 0


def test_extract_reads_urls_and_prints_one_object_per_document(site: Site, tmp_path: Path) -> None:
    result = run(
        "extract",
        site.url(LUA_SACH),
        site.url("/bai-cu/1024"),
        "--delay",
        "0",
        store=tmp_path / "store",
        cache=tmp_path / "cache",
    )
    clean(result)
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in objects] == [site.url(LUA_SACH)]  # the redirect reaches the same article
    labels = {e["label"] for e in objects[0]["entities"]}
    assert "Tổ hợp tác lúa sạch" in labels and "Tuổi trẻ xung kích" not in labels


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--since", "2024-13", "not a date"),
        ("--until", "hôm qua", "not a date"),
        ("--timeout", "-1", "out of range"),
    ],
)
def test_bad_option_values_are_one_line(option: str, value: str, words: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run("ingest", str(article), option, value, store=tmp_path / "store")
    clean(result)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
