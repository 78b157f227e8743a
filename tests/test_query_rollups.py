"""Beneficiaries rollups (graph/index): counted at ingest for busy hubs, read instead of walking."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from danvan_kg.ids import DV
from danvan_kg.query import ask, rollups
from danvan_kg.query.answer import Answer
from danvan_kg.query.runner import run_question
from danvan_kg.rdf.entity_index import INDEX_GRAPH
from danvan_kg.store import KnowledgeGraph

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "mini.trig"
TEXT = (
    "title: Bài {n}\n\nTrong phong trào thi đua “Dân vận khéo”, Hội Nông dân xã Tân Lập, tỉnh Lạng Sơn"
    " duy trì mô hình “Vườn rau {n}”, tặng quà cho hộ nghèo và người cao tuổi trong xã.\n"
)


@pytest.fixture()
def kg(monkeypatch: pytest.MonkeyPatch) -> KnowledgeGraph:
    monkeypatch.setattr(rollups, "ROLLUP_MIN", 1)  # every hub counts as busy
    store = KnowledgeGraph.open(None, backend="memory")
    store.load_file(FIXTURE)
    return store


def rows(answer: Answer) -> list[tuple]:
    cells = ("of", "beneficiary", "via")
    return sorted((*(str(r[c]) for c in cells), int(r["through"])) for r in answer.rows)


def test_rolled_up_answers_are_the_walked_answers(kg: KnowledgeGraph) -> None:
    hubs = {r["hub"] for r in kg.select(f"SELECT DISTINCT ?hub WHERE {{ ?t <{DV.partOf}> ?hub }}")}
    walked = {hub: rows(run_question(kg, "beneficiaries", {"of": str(hub)})) for hub in hubs}
    assert rollups.refresh_rollups(kg) >= len(hubs) > 0
    rolled = set(kg.graph(str(INDEX_GRAPH)).objects(None, DV.rollupOf))
    assert hubs <= rolled
    for hub in hubs:
        counted = rows(run_question(kg, "beneficiaries", {"of": str(hub)}))
        assert counted == walked[hub], hub
    # every example asked for: more than were kept, so walked (all the names)
    for hub in hubs:
        every = run_question(kg, "beneficiaries", {"of": str(hub), "examples": "0"})
        assert all(str(r["via"]).count(";") + 1 == int(r["through"]) for r in every.rows)


def test_a_hub_that_is_not_busy_loses_its_rollups(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    rollups.refresh_rollups(kg)
    assert list(kg.graph(str(INDEX_GRAPH)).subjects(DV.rollupOf, None))
    monkeypatch.setattr(rollups, "ROLLUP_MIN", 10_000)
    rollups.refresh_rollups(kg)
    assert not list(kg.graph(str(INDEX_GRAPH)).subjects(DV.rollupOf, None))


def test_ingest_keeps_the_rollups_of_what_it_touches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from danvan_kg.build import load_reference
    from danvan_kg.ingest import ingest_paths

    monkeypatch.setattr(rollups, "ROLLUP_MIN", 2)
    kg = KnowledgeGraph.open(None, backend="memory")
    load_reference(kg)
    folder = tmp_path / "texts"
    folder.mkdir()
    for n in range(3):
        (folder / f"bai-{n}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    ingest_paths(kg, [folder / "bai-0.txt"])
    movement = URIRef("https://w3id.org/danvan-kg/id/movement/dan-van-kheo")
    rolled = f"ASK {{ ?r <{DV.rollupOf}> <{movement}> }}"
    assert not kg.ask(rolled)  # one model: not busy
    ingest_paths(kg, [folder / "bai-1.txt", folder / "bai-2.txt"])
    assert kg.ask(rolled)
    answer = ask(kg, "beneficiaries", of="Dân vận khéo")
    monkeypatch.setattr(rollups, "ROLLUP_MIN", 10_000)
    rollups.refresh_rollups(kg, [movement])
    assert ask(kg, "beneficiaries", of="Dân vận khéo") == answer  # walked: the same rows
    assert {int(r["through"]) for r in answer} == {3}
