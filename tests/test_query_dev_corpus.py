"""Every named question over the whole dev corpus (reference graphs + 80 texts), embedded and over a
real Oxigraph server: no row repeated in what a reader sees, every entity named once, by its
preferred label.

Skipped with a reason when the shared corpus is absent (users' clones); CI has it.
"""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import pytest

from danvan_kg.build import load_reference
from danvan_kg.ingest import ingest_paths
from danvan_kg.query.answer import Answer
from danvan_kg.query.catalogue import load_catalogue
from danvan_kg.query.runner import run_question
from danvan_kg.query.terms import list_items, to_plain
from danvan_kg.store import KnowledgeGraph

pytestmark = pytest.mark.corpus

PREFIX = "PREFIX dv: <https://w3id.org/danvan-kg/ontology#>\n"


@pytest.fixture(scope="module")
def kg(corpus: Path) -> KnowledgeGraph:
    store = KnowledgeGraph.open(None, backend="memory")
    load_reference(store)
    report = ingest_paths(store, [corpus / "texts"], jobs=2)
    assert report.documents >= 40, report.skipped
    return store


def column(kg: KnowledgeGraph, query: str, name: str = "x") -> list[str]:
    return sorted({str(r[name]) for r in kg.select(PREFIX + query) if r.get(name) is not None})


@pytest.fixture(scope="module")
def cases(kg: KnowledgeGraph) -> list[tuple[str, dict[str, str]]]:
    """Parameters for every question, taken from the store (IRIs, so each names one entity, and
    names, so lookups and several-candidate merges are exercised too)."""
    movements = column(kg, "SELECT DISTINCT ?x WHERE { ?m dv:partOf ?x }")
    movement_names = column(kg, "SELECT DISTINCT ?x WHERE { ?m dv:partOf ?e . ?e dv:name ?x }")
    organisations = column(kg, "SELECT DISTINCT ?x WHERE { ?t dv:runBy|dv:launchedBy ?x }")
    resolutions = column(kg, "SELECT DISTINCT ?x WHERE { ?x a dv:Resolution ; dv:mentionedIn ?a }")
    models = column(kg, "SELECT DISTINCT ?x WHERE { ?x a dv:Model ; dv:benefits ?g }")
    provinces = column(  # "Tỉnh Đồng Tháp" -> "Đồng Tháp", as analysts type it
        kg, "SELECT DISTINCT ?x WHERE { ?m dv:area ?u . ?u dv:name ?n BIND(STRAFTER(?n, ' ') AS ?x) }"
    )
    out: list[tuple[str, dict[str, str]]] = []
    out += [("models", {"movement": m}) for m in movements + movement_names]
    out += [("models", {"movement": m, "place": p}) for m in movement_names[:6] for p in provinces]
    out += [("runs", {"organisation": o}) for o in organisations]
    out += [("beneficiaries", {"of": x, "examples": "0"}) for x in movements + models + organisations]
    out += [("chain", {"resolution": r}) for r in resolutions]
    out += [("chain", {"movement": m}) for m in movements[:10]]
    out += [("implements", {"of": x}) for x in movements + models[:20]]
    out += [("organisations", {})] + [("organisations", {"place": p}) for p in provinces]
    out += [("timeline", {})] + [("timeline", {"place": p}) for p in provinces]
    out += [("evidence", {"of": x}) for x in movements[:10] + models[:10] + organisations[:10]]
    texts = ("phiên chợ", "hội liên hiệp phụ nữ", "tết quân dân", "đồng tháp")
    out += [("search", {"text": t}) for t in texts]
    out += [("path", {"from": movements[0], "to": models[0]})]
    out += [("near", {"place": p, "km": "30"}) for p in provinces]
    out += [
        ("near", {"place": p, "km": "100", "movement": m}) for m in movement_names[:3] for p in provinces[:3]
    ]
    out += [("provinces", {}), ("provinces", {"structure": "2020"})]
    out += [("provinces", {"movement": m}) for m in movement_names[:6]]
    assert {q for q, _ in out} == set(load_catalogue()), "every shipped question is asked"
    return out


@pytest.fixture(scope="module", params=["embedded", "endpoint"])
def target(request: pytest.FixtureRequest, kg: KnowledgeGraph) -> object:
    if request.param == "embedded":
        return kg
    server = request.getfixturevalue("oxigraph_server")
    server.clear()
    data = io.BytesIO()
    kg.export(data, "nq")
    server.load(data.getvalue(), "application/n-quads")
    return server.query_url


@pytest.fixture(scope="module")
def truth(kg: KnowledgeGraph) -> dict[str, dict[str, set[str]]]:
    """From the store itself: each entity's preferred name, and the names a list cell must show."""
    rows = kg.select(PREFIX + "SELECT DISTINCT ?e ?n WHERE { ?e dv:name ?n }")
    name = {str(r["e"]): str(r["n"]) for r in rows}
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for prop, key in (("runBy", "organisations"), ("benefits", "beneficiaries"), ("locatedIn", "places"),
                      ("area", "province")):  # fmt: skip
        for r in kg.select(PREFIX + f"SELECT DISTINCT ?s ?o WHERE {{ ?s dv:{prop} ?o }}"):
            if str(r["o"]) in name:
                out[key][str(r["s"])].add(name[str(r["o"])])
    out["name"] = {k: {v} for k, v in name.items()}  # type: ignore[assignment]
    return out


def visible(answer: Answer, row: dict) -> tuple:
    return tuple(to_plain(row.get(c)) for c in answer.visible_columns)


def check(answer: Answer, truth: dict[str, dict[str, set[str]]], what: str) -> None:
    seen = [visible(answer, r) for r in answer.rows]
    repeated = {v for v in seen if seen.count(v) > 1}
    assert not repeated, f"{what}: rows repeated in the table view: {sorted(repeated)[:3]}"
    question = load_catalogue()[answer.question]
    for row in answer.rows:
        if question.answer and row.get("id") is not None and str(row["id"]) in truth["name"]:
            assert {str(row["label"])} == truth["name"][str(row["id"])], f"{what}: not the preferred label"
        for cell in ("organisations", "beneficiaries", "places", "province"):
            if cell in answer.columns and answer.question in ("models", "runs"):
                shown = list_items(row.get(cell), "; ")
                assert len(shown) == len(set(shown))
                assert set(shown) == truth[cell].get(str(row["id"]), set()), f"{what}: {cell} of {row['id']}"


def test_every_question_answers_without_repeats_and_with_preferred_names(
    target: object, cases: list[tuple[str, dict[str, str]]], truth: dict[str, dict[str, set[str]]]
) -> None:
    asked = 0
    for question, params in cases:
        answer = run_question(target, question, dict(params))
        check(answer, truth, f"{question} {params}")
        asked += 1
    assert asked > 100
