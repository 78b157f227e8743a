"""Crash safety and idempotency of ``danvan-kg ingest``.

A large ingest is killed with SIGKILL half-way. The store must then open, hold only whole
documents (each article graph present is exactly the graph a clean run writes: its Article node,
entities, relations and evidence), and a re-run must finish the job with the same final stats as a
clean run. Ingesting the same folder twice leaves identical counts and identical graphs.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from danvan_kg.ids import GRAPH
from danvan_kg.store import KnowledgeGraph

pytestmark = pytest.mark.slow  # kills ingest processes mid-write

N_ARTICLES = 200
ENV = {k: v for k, v in os.environ.items() if k != "DANVAN_KG_DEBUG"}

_PLACES = ("Tân Thành", "Bình Minh", "An Phú", "Hòa Bình", "Phú Lộc", "Long Hưng", "Thanh Sơn", "Quang Trung")
_PROVINCES = ("Đồng Tháp", "Quảng Ninh", "Nghệ An", "Lâm Đồng", "Cà Mau", "Thái Bình")
_ORGS = (
    "Hội Nông dân",
    "Hội Liên hiệp Phụ nữ",
    "Đoàn Thanh niên",
    "Hội Cựu chiến binh",
    "Ủy ban MTTQ Việt Nam",
)
_MODELS = (
    "Vườn rau sạch",
    "Tuyến đường hoa",
    "Bếp ăn nghĩa tình",
    "Tủ sách cộng đồng",
    "Ngôi nhà nhân ái",
    "Sữa cho em",
    "Thắp sáng đường quê",
    "Nồi cháo yêu thương",
)
_GROUPS = ("hộ nghèo", "người cao tuổi", "trẻ em", "người khuyết tật", "hộ cận nghèo")


def article(i: int, rng: random.Random) -> str:
    """A generated article (no sentence from any real text)."""
    place, province = rng.choice(_PLACES), rng.choice(_PROVINCES)
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        org, model, group = rng.choice(_ORGS), rng.choice(_MODELS), rng.choice(_GROUPS)
        paragraphs.append(
            f'{org} xã {place}, tỉnh {province} xây dựng mô hình "{model} {i % 37}" trong phong trào '
            f'"Dân vận khéo", giúp đỡ {group} trên địa bàn. Năm qua, mô hình đã hỗ trợ '
            f"{rng.randint(3, 90)} hộ và huy động {rng.randint(10, 500)} ngày công."
        )
    return (
        f"url: https://example.org/tin/crash-{i}\noutlet: Báo Thử Nghiệm\ndate: 2024-{1 + i % 12:02d}-"
        f"{1 + i % 28:02d}\ntitle: Bài số {i}\n\n" + "\n\n".join(paragraphs) + "\n"
    )


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash-corpus")
    rng = random.Random(42)
    for i in range(N_ARTICLES):
        (folder / f"bai-{i:04d}.txt").write_text(article(i, rng), encoding="utf-8")
    return folder


def ingest_cmd(store: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "danvan_kg", "--store", str(store), "ingest", str(folder)]


def ingest(store: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(ingest_cmd(store, folder), capture_output=True, text=True, timeout=1200, env=ENV)


def stats(store: Path) -> dict[str, object]:
    command = [sys.executable, "-m", "danvan_kg", "--store", str(store), "stats", "--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, env=ENV)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def article_graphs(store: Path) -> dict[str, frozenset[tuple[object, object, object]]]:
    """Every article graph of the store with its triples."""
    prefix = str(GRAPH["article/"])
    with KnowledgeGraph.open(store) as kg:
        return {iri: frozenset(kg.graph(iri)) for iri in kg.graph_iris() if iri.startswith(prefix)}


@pytest.fixture(scope="module")
def clean(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    store = tmp_path_factory.mktemp("clean") / "store"
    started = time.monotonic()
    result = ingest(store, corpus_dir)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-2000:]
    return store, elapsed


def test_kill_during_ingest_leaves_whole_documents(
    corpus_dir: Path, clean: tuple[Path, float], tmp_path: Path
) -> None:
    clean_store, clean_seconds = clean
    clean_graphs = article_graphs(clean_store)
    assert len(clean_graphs) == N_ARTICLES
    store = tmp_path / "store"
    partial: dict[str, frozenset[tuple[object, object, object]]] = {}
    # again if killed before the first write or after the last: ingest writes new graphs 100 at a time
    # (graphwriter.WRITE_BATCH), so 200 articles are mid-way only between its two writes
    for fraction in (0.5, 0.75, 0.3, 0.9, 0.15, 0.6, 0.65, 0.7, 0.55, 0.8, 0.85, 0.45, 0.4):
        if store.exists():
            shutil.rmtree(store)
        process = subprocess.Popen(
            ingest_cmd(store, corpus_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV
        )
        time.sleep(max(1.0, clean_seconds * fraction))
        finished = process.poll() is not None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        if finished:
            continue
        partial = article_graphs(store)  # the store opens after the crash
        if 0 < len(partial) < N_ARTICLES:
            break
    assert 0 < len(partial) < N_ARTICLES, f"could not kill mid-way ({len(partial)} of {N_ARTICLES} in)"
    for iri, triples in partial.items():
        assert triples == clean_graphs[iri], f"{iri} is not the whole document a clean run writes"
    with KnowledgeGraph.open(store) as kg:
        for iri in partial:  # IRIs read from the store itself
            assert kg.ask(f"ASK {{ GRAPH <{iri}> {{ ?a a dv:Article . ?e a dv:Evidence }} }}"), iri
    rerun = ingest(store, corpus_dir)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert stats(store) == stats(clean_store)
    assert article_graphs(store) == clean_graphs


def test_ingesting_twice_changes_nothing(corpus_dir: Path, clean: tuple[Path, float], tmp_path: Path) -> None:
    clean_store, _ = clean
    before = stats(clean_store)
    graphs = article_graphs(clean_store)
    again = ingest(clean_store, corpus_dir)
    assert again.returncode == 0, again.stderr[-2000:]
    assert stats(clean_store) == before
    assert article_graphs(clean_store) == graphs
    assert before["graphs"]["articles"] == N_ARTICLES  # type: ignore[index]
