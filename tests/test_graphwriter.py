"""Ingest's writer: new graphs in batches on a thread, one bad graph refused alone, derived graphs kept up."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from danvan_kg.errors import DanvanError
from danvan_kg.graphwriter import GraphWriter
from danvan_kg.ids import DV, GRAPH, ID
from danvan_kg.rdf.labels import INDEX_GRAPH, LABELS_GRAPH
from danvan_kg.store import KnowledgeGraph


def graph(n: int, label: str | None = None) -> dict[str, list]:
    model = ID[f"model/m{n}"]
    return {
        str(GRAPH[f"article/a{n}"]): [
            (model, RDF.type, DV.Model),
            (model, RDFS.label, Literal(label or f"Mô hình số {n}", lang="vi")),
            (model, DV.searchKey, Literal(f"mo hinh so {n}")),
        ]
    }


class Done:
    """Collects how each write went."""

    def __init__(self) -> None:
        self.ok: list[int] = []
        self.failed: list[int] = []

    def __call__(self, n: int):  # type: ignore[no-untyped-def]
        def settle(error: DanvanError | None) -> None:
            (self.failed if error else self.ok).append(n)

        return settle


@pytest.fixture(params=["oxigraph", "memory"])
def kg(request: pytest.FixtureRequest, tmp_path) -> KnowledgeGraph:  # type: ignore[no-untyped-def]
    location = tmp_path / "store" if request.param == "oxigraph" else None
    return KnowledgeGraph.open(location, backend=request.param)


def test_new_graphs_go_in_batches_and_a_bad_one_is_refused_alone(kg: KnowledgeGraph) -> None:
    writer = GraphWriter(kg, batch=4)
    done = Done()
    for n in range(10):
        graphs = graph(n)
        if n == 5:  # an IRI Oxigraph refuses: the batch fails, then goes in one graph at a time
            iri = next(iter(graphs))
            graphs[iri].append((URIRef("urn:bad iri"), RDFS.label, Literal("x")))
        writer.write(graphs, done(n))
    writer.close()
    assert sorted(done.ok) == [0, 1, 2, 3, 4, 6, 7, 8, 9] and done.failed == [5]
    stored = {g for g in kg.graph_iris() if "/article/" in g}
    assert stored == {str(GRAPH[f"article/a{n}"]) for n in range(10) if n != 5}


def test_a_replacement_waits_for_the_batch_and_its_old_spelling_is_weighed(kg: KnowledgeGraph) -> None:
    writer = GraphWriter(kg, batch=100)
    done = Done()
    writer.write(graph(1, "Mô hình cũ"), done(1))
    writer.write(graph(1, "Mô hình mới"), done(2))  # the same graph again, still pending: written after
    writer.close()
    assert done.ok == [1, 2]
    names = set(kg.graph(str(LABELS_GRAPH)).objects(ID["model/m1"], DV.name))
    assert names == {Literal("Mô hình mới")}  # the old spelling is gone from every source


def test_derived_graphs_are_refreshed_along_the_way(kg: KnowledgeGraph) -> None:
    writer = GraphWriter(kg, batch=2, refresh_every=3)
    done = Done()
    models = {ID[f"model/m{n}"] for n in range(7)}
    for n in range(6):  # four in once the sixth is asked for: a refresh is due, writing what is pending first
        writer.write(graph(n), done(n))

    def indexed() -> set:
        return set(kg.graph(str(INDEX_GRAPH)).subjects(DV.indexClass, DV.Model))

    assert indexed() == models - {ID["model/m6"]}  # before close
    writer.write(graph(6), done(6))
    assert ID["model/m6"] not in indexed()  # pending until the next refresh or the close
    writer.close()
    assert indexed() == models
