"""The synthetic benchmark data: right RDF shape, deterministic per seed (12k triples, fast)."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest

from danvan_kg.resolve import search_key

ROOT = Path(__file__).resolve().parent.parent
DV = "https://w3id.org/danvan-kg/ontology#"
GRAPH = "https://w3id.org/danvan-kg/graph/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
DERIVED = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
RDF_SUBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
RDF_PREDICATE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
RDF_OBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
TARGET = 12_000


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def produce(generate: ModuleType, seed: int) -> tuple[bytes, object]:
    out = io.BytesIO()
    stats = generate.generate(TARGET, out, seed=seed)
    return out.getvalue(), stats


def dv(local: str) -> ox.NamedNode:
    return ox.NamedNode(DV + local)


def test_same_seed_same_bytes_other_seed_other_bytes(generate: ModuleType) -> None:
    first, stats = produce(generate, 7)
    again, _ = produce(generate, 7)
    other, _ = produce(generate, 8)
    assert first == again
    assert first != other
    lines = first.count(b"\n")
    assert lines == stats.triples
    assert TARGET <= lines < TARGET + 700  # whole articles: a little over the target, never under


def test_shape_follows_the_architecture(generate: ModuleType) -> None:
    data, stats = produce(generate, 42)
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_QUADS)
    graphs = {g.value for g in store.named_graphs()}
    articles = {g for g in graphs if g.startswith(GRAPH + "article/")}
    assert {GRAPH + "admin-units", GRAPH + "reference"} <= graphs
    assert len(articles) == stats.articles >= 5
    assert not list(
        store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    )  # everything in named graphs

    for graph in articles:  # one Article per article graph, same key as the graph
        g = ox.NamedNode(graph)
        found = [q.subject.value for q in store.quads_for_pattern(None, RDF_TYPE, dv("Article"), g)]
        assert found == [graph.replace("/graph/article/", "/id/article/")]

    models = [
        q
        for q in store.quads_for_pattern(None, RDF_TYPE, dv("Model"), None)
        if q.graph_name.value.startswith(GRAPH + "article/")
    ]
    assert len({q.subject for q in models}) == stats.models
    for quad in models:  # labels in @vi, search key derived from the label, mentioned in its article
        labels = list(store.quads_for_pattern(quad.subject, LABEL, None, quad.graph_name))
        keys = {
            q.object.value
            for q in store.quads_for_pattern(quad.subject, dv("searchKey"), None, quad.graph_name)
        }
        assert labels and all(q.object.language == "vi" for q in labels)
        assert {search_key(q.object.value) for q in labels} == keys
        mentioned = [
            q.object.value
            for q in store.quads_for_pattern(quad.subject, dv("mentionedIn"), None, quad.graph_name)
        ]
        assert mentioned == [quad.graph_name.value.replace("/graph/article/", "/id/article/")]
        assert list(store.quads_for_pattern(quad.subject, dv("partOf"), None, quad.graph_name))

    evidence = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE, dv("Evidence"), None)}
    assert len(evidence) == stats.evidence
    statements = 0
    for node in evidence:  # statement evidence names s/p/o of a triple that is asserted
        derived = list(store.quads_for_pattern(node, DERIVED, None, None))
        assert len(derived) == 1
        subj = list(store.quads_for_pattern(node, RDF_SUBJECT, None, None))
        if subj:
            pred = next(store.quads_for_pattern(node, RDF_PREDICATE, None, None)).object
            obj = next(store.quads_for_pattern(node, RDF_OBJECT, None, None)).object
            assert list(store.quads_for_pattern(subj[0].object, pred, obj, subj[0].graph_name))
            statements += 1
    assert 0 < statements < len(evidence)  # both kinds: relation evidence and mention evidence

    # containment is materialised: every dv:within is also a dv:withinTransitive, wards reach a province
    for quad in store.quads_for_pattern(None, dv("within"), None, None):
        assert list(
            store.quads_for_pattern(quad.subject, dv("withinTransitive"), quad.object, quad.graph_name)
        )
    ward = ox.NamedNode("https://w3id.org/danvan-kg/id/admin/2020/ward/00001")
    ancestors = {q.object.value for q in store.quads_for_pattern(ward, dv("withinTransitive"), None, None)}
    assert any("/province/" in a for a in ancestors) and any("/district/" in a for a in ancestors)


def test_params_point_at_generated_things(generate: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "data.nq"
    stats = generate.generate_file(TARGET, path, seed=3)
    meta = json.loads(Path(str(path) + ".json").read_text(encoding="utf-8"))
    assert meta["triples"] == stats.triples
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    params = meta["params"]
    movement = ox.NamedNode(params["movement"])
    assert list(store.quads_for_pattern(None, dv("partOf"), movement, None))  # the movement has models
    assert list(store.quads_for_pattern(movement, dv("implements"), ox.NamedNode(params["resolution"]), None))
    assert list(store.quads_for_pattern(None, dv("withinTransitive"), ox.NamedNode(params["province"]), None))


def test_every_entity_has_one_preferred_name_and_local_things_an_area(generate: ModuleType) -> None:
    data, _ = produce(generate, 42)
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_QUADS)
    labels = ox.NamedNode(GRAPH + "labels")
    for cls in ("Model", "Organisation", "Movement", "Place", "BeneficiaryGroup"):
        nodes = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE, dv(cls), None)}
        assert nodes, cls
        for node in nodes:
            names = list(store.quads_for_pattern(node, dv("name"), None, labels))
            assert len(names) == 1, (cls, node)
    for cls in ("Model", "Organisation"):  # national bodies live in graph/reference only
        for quad in store.quads_for_pattern(None, RDF_TYPE, dv(cls), None):
            if quad.graph_name.value.startswith(GRAPH + "article/"):
                assert list(store.quads_for_pattern(quad.subject, dv("area"), None, None)), quad.subject


def test_instances_concepts_and_the_entity_index(generate: ModuleType) -> None:
    data, _ = produce(generate, 42)
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_QUADS)
    index = ox.NamedNode(GRAPH + "index")
    models = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE, dv("Model"), None)}
    for model in models:  # each model is a local instance of a shared, typed concept
        concepts = {q.object for q in store.quads_for_pattern(model, dv("instanceOf"), None, None)}
        assert len(concepts) == 1, model
        assert list(store.quads_for_pattern(next(iter(concepts)), RDF_TYPE, dv("ModelType"), None))
    labels = ox.NamedNode(GRAPH + "labels")
    named = {q.subject for q in store.quads_for_pattern(None, dv("name"), None, labels)}
    for node in named:  # one copy of its classes, key and words in graph/index, as ingest derives them
        classes = {q.object for q in store.quads_for_pattern(node, dv("indexClass"), None, index)}
        stated = {q.object for q in store.quads_for_pattern(node, RDF_TYPE, None, None)}
        assert classes == stated, node
        keys = [q.object.value for q in store.quads_for_pattern(node, dv("indexKey"), None, index)]
        words = {q.object.value for q in store.quads_for_pattern(node, dv("searchToken"), None, index)}
        assert len(keys) == 1 and words == set(re.split(r"[^a-z0-9]+", keys[0])) - {""}, node
    merged = list(store.quads_for_pattern(None, dv("mergedInto"), None, None))
    assert len({q.subject for q in merged}) == 63 and len({q.object for q in merged}) == 34


def test_derived_graphs_are_what_a_full_refresh_derives(generate: ModuleType) -> None:
    from danvan_kg.rdf.labels import INDEX_GRAPH, LABELS_GRAPH, refresh_labels
    from danvan_kg.store import KnowledgeGraph

    data, _ = produce(generate, 42)
    kg = KnowledgeGraph.in_memory()
    kg.ox.load(data, format=ox.RdfFormat.N_QUADS)  # type: ignore[union-attr]
    written = {g: set(kg.graph(str(g))) for g in (LABELS_GRAPH, INDEX_GRAPH)}
    refresh_labels(kg)
    for graph, triples in written.items():
        derived = set(kg.graph(str(graph)))
        assert derived == triples, (graph, sorted(derived - triples)[:5], sorted(triples - derived)[:5])
