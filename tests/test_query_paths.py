"""The path question: shortest paths over the entity network, as readable steps with evidence.

The paths come from a bidirectional breadth-first search in SPARQL (no network is built); they
are checked on the team's fixture, on small hand-built graphs over every kind of target, and
against networkx's ``all_shortest_paths`` on the projection of the bundled samples and of
synthetic benchmark data.
"""

from __future__ import annotations

import importlib.util
import io
import itertools
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import networkx as nx
import pytest
from rdflib import URIRef

import danvan_kg.query.paths as paths_module
from danvan_kg.build import load_bundled
from danvan_kg.network.projection import project
from danvan_kg.query import ask
from danvan_kg.query.paths import PATH_LIMIT, Network, best_edge, shortest_paths
from danvan_kg.query.runner import run_question
from danvan_kg.query.targets import as_target
from danvan_kg.resolve import search_key
from danvan_kg.store import KnowledgeGraph
from test_query_runner import FIXTURE

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/danvan-kg/id/test/"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    store = KnowledgeGraph.open(None, backend="memory")
    store.load_file(FIXTURE)
    return store


# ---------------------------------------------------------------- the team's fixture


def test_path_steps_follow_stated_directions_with_sentences(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "path", from_="Nghị quyết số 09 của Tỉnh ủy", to="người cao tuổi")
    assert [r["statement"] for r in rows] == [
        "Nghị quyết số 09 của Tỉnh ủy ←implements— Sáng tạo vì cộng đồng",
        "Sáng tạo vì cộng đồng ←partOf— Bếp ăn nghĩa tình",
        "Bếp ăn nghĩa tình —benefits→ người cao tuổi",
    ]
    assert [r["step"] for r in rows] == [1, 2, 3] and {r["path"] for r in rows} == {1}
    assert "Nghị quyết số 09 của Tỉnh ủy vào cuộc sống" in rows[0]["sentence"]
    assert "nổi bật là Bếp ăn nghĩa tình" in rows[1]["sentence"]
    assert rows[0]["source"].startswith("Sáng tạo vì cộng đồng ở Lạc Hồng, https://example.org/bai-1")
    assert rows[0]["p"].endswith("#implements") and rows[0]["s"].endswith("movement/sang-tao-vi-cong-dong")
    assert rows[2]["sentence"] == "" and rows[2]["source"] == ""  # asserted without evidence


def test_max_steps_bounds_the_search(kg: KnowledgeGraph) -> None:
    answer = run_question(
        kg, "path", {"from": "Nghị quyết số 09 của Tỉnh ủy", "to": "người cao tuổi", "max": 2}
    )
    assert answer.rows == [] and any("at most 2 steps" in n for n in answer.notes)
    exact = run_question(
        kg, "path", {"from": "Nghị quyết số 09 của Tỉnh ủy", "to": "người cao tuổi", "max": 3}
    )
    assert len(exact.rows) == 3 and not any("at most" in n for n in exact.notes)


def test_unknown_ends_answer_nothing(kg: KnowledgeGraph) -> None:
    answer = run_question(kg, "path", {"from": "không có", "to": "hộ nghèo"})
    assert answer.rows == [] and any("no entity matches" in n for n in answer.notes)


def test_same_entity_at_both_ends_has_no_path(kg: KnowledgeGraph) -> None:
    answer = run_question(kg, "path", {"from": "hộ nghèo", "to": "hộ nghèo"})
    assert answer.rows == [] and any("no path of at most 6 steps" in n for n in answer.notes)


def test_unreachable_entities_have_no_path(kg: KnowledgeGraph) -> None:
    answer = run_question(kg, "path", {"from": "Lạc Hồng", "to": "Sáng tạo vì cộng đồng"})
    assert answer.rows == [] and answer.notes == ["no path of at most 6 steps between them"]


@pytest.mark.slow
def test_fixture_paths_equal_the_projection(kg: KnowledgeGraph) -> None:
    check_against_networkx(kg, pairs=None)


# ---------------------------------------------------------------- hand-built graphs

Nodes = dict[str, tuple[str, str]]
Edges = list[tuple[str, str, str, float | None]]


def trig(nodes: Nodes, edges: Edges, *, copies: int = 1, extra: str = "") -> str:
    """TriG of ``nodes`` (key → class, label) and ``edges`` (s, relation, o, confidence or None).

    Every statement is repeated in ``copies`` article graphs, as when several articles say it
    (Oxigraph's union default graph then returns it ``copies`` times).
    """
    lines = []
    for key, (cls, label) in nodes.items():
        types = f"dv:{cls}" if cls else "dv:Thing"
        lines.append(
            f'<{ID}{key}> a {types} ; rdfs:label "{label}"@vi ; dv:searchKey "{search_key(label)}" .'
        )
    for number, (s, rel, o, conf) in enumerate(edges):
        lines.append(f"<{ID}{s}> dv:{rel} <{ID}{o}> .")
        if conf is not None:
            lines.append(
                f"<{ID}ev{number}> a dv:Evidence ; rdf:subject <{ID}{s}> ; rdf:predicate dv:{rel} ; "
                f'rdf:object <{ID}{o}> ; dv:confidence {conf} ; dv:sentence "{s} {rel} {o}." ; '
                f"prov:wasDerivedFrom <{ID}article> ."
            )
    body = "\n    ".join([*lines, extra])
    graphs = "\n".join(f"<{ID}graph/{n}> {{\n    {body}\n}}" for n in range(copies))
    return f"""
@prefix dv: <https://w3id.org/danvan-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
<{ID}graph/articles> {{
    <{ID}article> a dv:Article ; dct:title "Bài thử" ; schema:url "https://example.org/bai-thu" .
}}
{graphs}
"""


def target_of(kind: str, text: str, tmp_path: Path) -> object:
    """The hand-built graph as a target of ``kind``: embedded Oxigraph, rdflib store, plain rdflib Dataset."""
    file = tmp_path / "graph.trig"
    file.write_text(text, encoding="utf-8")
    store = KnowledgeGraph.open(None, backend="memory" if kind == "oxigraph" else "rdflib")
    store.load_file(file)
    return store.dataset if kind == "dataset" else store  # a Dataset is queried as an rdflib Graph


KINDS = ["oxigraph", "rdflib", "dataset"]


def labels_of(target: object, found: Sequence[Sequence[str]]) -> list[list[str]]:
    network = Network(as_target(target))
    return [[network.label(URIRef(node)) for node in path] for path in found]


def iris(*keys: str) -> list[str]:
    return [ID + key for key in keys]


# A hub with seven models between a movement and a group: seven shortest paths of two steps.
FAN: Nodes = {
    "mv": ("Movement", "Phong trào"),
    "grp": ("BeneficiaryGroup", "Nhóm"),
    **{f"m{i}": ("Model", label) for i, label in enumerate("GFEDCBA")},
}
FAN_EDGES: Edges = [(f"m{i}", "partOf", "mv", 0.8) for i in range(7)] + [
    (f"m{i}", "benefits", "grp", None) for i in range(7)
]


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_several_shortest_paths_sorted_by_labels_and_cut(kind: str, tmp_path: Path) -> None:
    target = target_of(kind, trig(FAN, FAN_EDGES), tmp_path)
    found = shortest_paths(as_target(target), iris("mv"), iris("grp"), max_steps=6)
    assert labels_of(target, found) == [["Phong trào", x, "Nhóm"] for x in "ABCDE"]
    assert len(shortest_paths(as_target(target), iris("mv"), iris("grp"), 6, limit=100)) == 7
    answer = run_question(target, "path", {"from": "Phong trào", "to": "Nhóm"})
    assert [r["path"].toPython() for r in answer.rows] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert str(answer.rows[0]["statement"]) == "Phong trào ←partOf— A"
    assert str(answer.rows[1]["statement"]) == "A —benefits→ Nhóm"
    assert str(answer.rows[0]["sentence"]) == "m6 partOf mv." and str(answer.rows[1]["sentence"]) == ""
    assert str(answer.rows[0]["source"]) == "Bài thử, https://example.org/bai-thu"


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_max_bounds_a_chain(kind: str, tmp_path: Path) -> None:
    chain = {f"n{i}": ("Model" if i % 2 else "Organisation", f"Nút {i}") for i in range(9)}
    edges: Edges = [(f"n{i}", "runBy", f"n{i + 1}", 0.5) for i in range(8)]
    target = as_target(target_of(kind, trig(chain, edges), tmp_path))
    assert shortest_paths(target, iris("n0"), iris("n6"), max_steps=6) == [iris(*(f"n{i}" for i in range(7)))]
    assert shortest_paths(target, iris("n0"), iris("n7"), max_steps=6) == []
    assert shortest_paths(target, iris("n0"), iris("n8"), max_steps=8) == [iris(*(f"n{i}" for i in range(9)))]
    assert shortest_paths(target, iris("n8"), iris("n1"), max_steps=7) == [
        iris(*(f"n{i}" for i in range(8, 0, -1)))
    ]
    assert shortest_paths(target, iris("n8"), iris("n1"), max_steps=6) == []
    assert shortest_paths(target, iris("n3"), iris("n3"), max_steps=6) == []
    answer = run_question(target, "path", {"from": "Nút 0", "to": "Nút 7"})
    assert answer.rows == [] and answer.notes == ["no path of at most 6 steps between them"]
    longer = run_question(target, "path", {"from": "Nút 0", "to": "Nút 7", "max": 7})
    assert [str(r["statement"]) for r in longer.rows][:2] == ["Nút 0 —runBy→ Nút 1", "Nút 1 —runBy→ Nút 2"]


# Relations stated both ways between the same two nodes, with different confidences.
PAIR: Nodes = {"a": ("Model", "Mô hình A"), "b": ("Movement", "Phong trào B")}


@pytest.mark.parametrize(
    ("edges", "forth", "back"),
    [
        (
            [("a", "partOf", "b", 0.5), ("b", "benefits", "a", 0.9)],
            "Mô hình A ←benefits— Phong trào B",
            "Phong trào B —benefits→ Mô hình A",
        ),
        (
            [("a", "partOf", "b", 0.9), ("b", "benefits", "a", 0.5)],
            "Mô hình A —partOf→ Phong trào B",
            "Phong trào B ←partOf— Mô hình A",
        ),
        (  # equally confident: the relation stated in the direction of travel
            [("a", "partOf", "b", 0.7), ("b", "benefits", "a", 0.7)],
            "Mô hình A —partOf→ Phong trào B",
            "Phong trào B —benefits→ Mô hình A",
        ),
        (  # equally confident, same direction: by relation name
            [("a", "runBy", "b", 0.7), ("a", "partOf", "b", 0.7)],
            "Mô hình A —partOf→ Phong trào B",
            "Phong trào B ←partOf— Mô hình A",
        ),
        (  # asserted without evidence: confidence 1.0
            [("a", "partOf", "b", 0.99), ("b", "benefits", "a", None)],
            "Mô hình A ←benefits— Phong trào B",
            "Phong trào B —benefits→ Mô hình A",
        ),
    ],
)
def test_each_step_shows_its_most_confident_relation(
    edges: Edges, forth: str, back: str, tmp_path: Path
) -> None:
    target = target_of("oxigraph", trig(PAIR, edges, copies=2), tmp_path)
    assert [r["statement"] for r in ask(target, "path", from_="Mô hình A", to="Phong trào B")] == [forth]
    assert [r["statement"] for r in ask(target, "path", from_="Phong trào B", to="Mô hình A")] == [back]


def test_best_edge_prefers_confidence_then_direction_then_name(tmp_path: Path) -> None:
    edges: Edges = [("a", "runBy", "b", 0.7), ("b", "benefits", "a", 0.7), ("a", "partOf", "b", 0.7)]
    target = as_target(target_of("oxigraph", trig(PAIR, edges), tmp_path))
    facts = Network(target).edges([(URIRef(ID + "a"), URIRef(ID + "b"))])
    a, b = ID + "a", ID + "b"
    assert best_edge(facts, a, b)[:3] == (a, "partOf", b)  # forward beats backward, then by name
    assert best_edge(facts, b, a)[:3] == (b, "benefits", a)
    stronger = as_target(
        target_of("oxigraph", trig(PAIR, [*edges, ("b", "standingBodyOf", "a", 0.71)]), tmp_path)
    )
    facts = Network(stronger).edges([(URIRef(a), URIRef(b))])
    assert best_edge(facts, a, b)[:3] == (b, "standingBodyOf", a)


def test_hand_built_several_paths_and_best_edge(tmp_path: Path) -> None:
    """The former networkx-based checks, on an rdflib graph: two paths a-b-d and a-c-d."""
    nodes: Nodes = {k: ("Model", k.upper()) for k in "abcd"}
    edges: Edges = [("b", "partOf", "a", 0.5), ("c", "partOf", "a", 0.5)]
    edges += [("b", "benefits", "d", 0.5), ("c", "benefits", "d", 0.5)]
    target = as_target(target_of("dataset", trig(nodes, edges), tmp_path))
    assert shortest_paths(target, iris("a"), iris("d"), max_steps=4) == [
        iris("a", "b", "d"),
        iris("a", "c", "d"),
    ]
    assert shortest_paths(target, iris("a"), iris("d"), max_steps=1) == []
    more = as_target(target_of("dataset", trig(nodes, [*edges, ("a", "runBy", "b", 0.9)]), tmp_path))
    facts = Network(more).edges([(URIRef(ID + "a"), URIRef(ID + "b"))])
    assert best_edge(facts, ID + "a", ID + "b")[:3] == (ID + "a", "runBy", ID + "b")


def test_paths_never_run_through_articles_evidence_or_untyped_resources(tmp_path: Path) -> None:
    nodes: Nodes = {
        "a": ("Model", "Đầu"),
        "z": ("BeneficiaryGroup", "Cuối"),
        "u": ("", "Không phải thực thể"),  # typed only outside the node classes
        "x": ("Organisation", "Tổ chức X"),
        "y": ("Place", "Nơi Y"),
    }
    edges: Edges = [
        ("a", "partOf", "u", None),  # a - u - z: two steps through a resource that is no node
        ("u", "benefits", "z", None),
        ("a", "runBy", "article", None),  # a - article - z: through an article
        ("article", "benefits", "z", None),
        ("a", "runBy", "x", None),  # the only path through nodes: a - x - y - z
        ("x", "locatedIn", "y", None),
        ("z", "locatedIn", "y", None),
        ("a", "partOf", "untyped", None),  # a - untyped - w - z: an untyped resource on the way
        ("untyped", "partOf", "w", None),
    ]
    extra = f'<{ID}w> a dv:Movement ; rdfs:label "W"@vi . <{ID}w> dv:benefits <{ID}z> .'
    for kind in KINDS:
        target = target_of(kind, trig(nodes, edges, extra=extra), tmp_path)
        found = shortest_paths(as_target(target), iris("a"), iris("z"), max_steps=6, limit=100)
        assert found == [iris("a", "x", "y", "z")], kind
        assert shortest_paths(as_target(target), iris("a"), iris("u"), max_steps=6) == [], kind
    graph = project(target_of("oxigraph", trig(nodes, edges, extra=extra), tmp_path))  # type: ignore[arg-type]
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    assert list(nx.all_shortest_paths(undirected, ID + "a", ID + "z")) == [iris("a", "x", "y", "z")]


def test_a_label_naming_several_entities_gives_paths_for_each(tmp_path: Path) -> None:
    nodes: Nodes = {
        "mv": ("Movement", "Phong trào"),
        "twin1": ("Model", "Mô hình trùng tên"),
        "twin2": ("Model", "Mô hình trùng tên"),
        "org": ("Organisation", "Tổ chức"),
        "grp": ("BeneficiaryGroup", "Nhóm"),
    }
    edges: Edges = [
        ("twin1", "partOf", "mv", 0.6),  # twin1 - mv: one step
        ("twin2", "runBy", "org", 0.6),  # twin2 - org - mv: two steps
        ("org", "launchedBy", "mv", None),
        ("grp", "benefits", "twin1", None),  # and twin2 is nowhere near grp
    ]
    target = target_of("oxigraph", trig(nodes, edges), tmp_path)
    answer = run_question(target, "path", {"from": "Mô hình trùng tên", "to": "Phong trào"})
    assert any("matched 2 exactly" in note for note in answer.notes)
    assert [(r["path"].toPython(), str(r["statement"])) for r in answer.rows] == [
        (1, "Mô hình trùng tên —partOf→ Phong trào"),
        (2, "Mô hình trùng tên —runBy→ Tổ chức"),
        (2, "Tổ chức —launchedBy→ Phong trào"),
    ]
    assert {str(answer.rows[0]["s"]), str(answer.rows[1]["s"])} == set(iris("twin1", "twin2"))
    both = run_question(target, "path", {"from": "Mô hình trùng tên", "to": "Mô hình trùng tên"})
    assert [str(r["statement"]) for r in both.rows][:2] == [  # twin to twin, never a twin to itself
        "Mô hình trùng tên —partOf→ Phong trào",
        "Phong trào ←launchedBy— Tổ chức",
    ]


# Two fans in a row: a movement, seven models, a group, seven more models, a second group.
CHAIN_OF_FANS: Nodes = {**FAN, "grp2": ("BeneficiaryGroup", "Nhóm hai")}
CHAIN_OF_FANS.update({f"k{i}": ("Model", f"Mô hình {i}") for i in range(7)})
CHAIN_OF_FANS_EDGES: Edges = FAN_EDGES + [
    (f"k{i}", "benefits", g, None) for i in range(7) for g in ("grp", "grp2")
]


def test_frontiers_larger_than_a_batch_are_asked_in_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = as_target(target_of("oxigraph", trig(CHAIN_OF_FANS, CHAIN_OF_FANS_EDGES), tmp_path))
    expected = shortest_paths(target, iris("mv"), iris("grp2"), 6, limit=100)
    assert len(expected) == 49 and all(len(p) == 5 for p in expected)
    calls: list[str] = []
    select = target.select

    def counted(text: str, bindings: object = None) -> object:
        calls.append(text)
        return select(text, bindings)  # type: ignore[arg-type]

    monkeypatch.setattr(target, "select", counted)
    monkeypatch.setattr(paths_module, "BATCH", 2)
    assert shortest_paths(target, iris("mv"), iris("grp2"), 6, limit=100) == expected
    assert sum("neighbours of the path search" in text for text in calls) >= 6
    assert sum("Display labels" in text for text in calls) >= 8


# ---------------------------------------------------------------- against networkx


def check_against_networkx(target: object, pairs: int | None, seed: int = 7, max_steps: int = 6) -> int:
    """BFS paths equal networkx's all shortest paths on the projection; returns the pairs with a path."""
    engine = as_target(target)
    graph = project(engine)
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    nodes = sorted(graph.nodes)
    if pairs is None:
        chosen = list(itertools.permutations(nodes, 2))
    else:  # mostly pairs with a path of at most max_steps, some at random
        rng = random.Random(seed)
        near = sorted(
            (s, t)
            for s, lengths in nx.all_pairs_shortest_path_length(undirected, cutoff=max_steps)
            for t in lengths
            if s != t
        )
        chosen = rng.sample(near, min(len(near), pairs * 3 // 4))
        chosen += [tuple(rng.sample(nodes, 2)) for _ in range(pairs - len(chosen))]

    def label(node: str) -> str:
        return str(graph.nodes[node].get("label") or node)

    network = Network(engine)  # one network for all pairs, as for a label naming several entities
    connected = 0
    for source, target_node in chosen:
        try:
            expected = [
                p for p in nx.all_shortest_paths(undirected, source, target_node) if len(p) - 1 <= max_steps
            ]
        except nx.NetworkXNoPath:
            expected = []
        expected.sort(key=lambda p: (len(p), [label(n) for n in p]))
        found = paths_module.find_paths(
            network, [URIRef(source)], [URIRef(target_node)], max_steps, limit=10**6
        )
        assert [[str(n) for n in p] for p in found] == expected, (source, target_node)
        alone = shortest_paths(engine, [source], [target_node], max_steps)
        assert alone == expected[:PATH_LIMIT], (source, target_node)
        connected += bool(expected)
    return connected


@pytest.fixture(scope="module")
def bundled() -> KnowledgeGraph:
    store = KnowledgeGraph.open(None, backend="memory")
    load_bundled(store)
    return store


@pytest.mark.slow
def test_bundled_sample_paths_equal_networkx(bundled: KnowledgeGraph) -> None:
    assert check_against_networkx(bundled, pairs=200) >= 150


@pytest.mark.slow
def test_bundled_sample_paths_equal_networkx_with_a_short_bound(bundled: KnowledgeGraph) -> None:
    assert check_against_networkx(bundled, pairs=80, seed=11, max_steps=2) >= 60


@pytest.mark.slow
def test_synthetic_paths_with_hubs_equal_networkx(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generate  # dataclasses look their module up while the class is built
    spec.loader.exec_module(generate)
    out = io.BytesIO()
    generate.generate(12000, out, seed=3)
    data = tmp_path / "synthetic.nq"
    data.write_bytes(out.getvalue())
    store = KnowledgeGraph.open(None, backend="memory")
    store.load_file(data)
    assert check_against_networkx(store, pairs=120, seed=5) >= 100


# ---------------------------------------------------------------- over a SPARQL endpoint


@pytest.mark.server
def test_path_over_the_endpoint_equals_the_embedded_answer(oxigraph_server, tmp_path: Path) -> None:
    text = trig(FAN, [*FAN_EDGES, ("m0", "runBy", "mv", 0.95)], copies=3)
    oxigraph_server.clear()
    oxigraph_server.load(text.encode("utf-8"))
    embedded = target_of("oxigraph", text, tmp_path)
    params = {"from": "Phong trào", "to": "Nhóm"}
    remote = run_question(oxigraph_server.query_url, "path", params)
    assert remote.rows == run_question(embedded, "path", params).rows
    assert len(remote.rows) == 10 and str(remote.rows[0]["statement"]) == "Phong trào ←partOf— A"
    oxigraph_server.clear()
    oxigraph_server.load(FIXTURE.read_bytes())
    fixture = KnowledgeGraph.open(None, backend="memory")
    fixture.load_file(FIXTURE)
    params = {"from": "Nghị quyết số 09 của Tỉnh ủy", "to": "người cao tuổi"}
    assert (
        run_question(oxigraph_server.query_url, "path", params).rows
        == run_question(fixture, "path", params).rows
    )


def test_the_question_builds_no_network(kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the path question must not build a networkx graph")

    for name in ("Graph", "MultiGraph", "DiGraph", "MultiDiGraph"):
        monkeypatch.setattr(nx, name, refuse)
    assert ask(kg, "path", from_="Nghị quyết số 09 của Tỉnh ủy", to="học sinh")
