"""``--infer``: questions over an inferred copy (inverse properties, class hierarchy), store untouched."""

from __future__ import annotations

import time

import pytest
from rdflib import URIRef

from danvan_kg.errors import QueryError
from danvan_kg.ids import DV, GRAPH
from danvan_kg.query import ask, sparql
from danvan_kg.query.inference import inferred
from danvan_kg.store import KnowledgeGraph
from test_query_runner import FIXTURE

ID = "https://w3id.org/danvan-kg/id/"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    store = KnowledgeGraph.open(None, backend="memory")
    store.load_file(FIXTURE)
    # a curated record stating the inverse (hasModel) and an organisation typed only by a subclass
    store.replace_graph(
        str(GRAPH["records/test"]),
        [
            (URIRef(f"{ID}movement/ket-noi-yeu-thuong"), DV.hasModel, URIRef(f"{ID}model/bep-an-nghia-tinh")),
            (
                URIRef(f"{ID}organisation/cong-an-xa-an-binh"),
                URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                DV.Police,
            ),
        ],
    )
    return store


@pytest.mark.slow
def test_inverse_properties_answer_with_owlrl(kg: KnowledgeGraph) -> None:
    plain = {r["label"] for r in ask(kg, "models", movement="Kết nối yêu thương")}
    assert plain == {"Chuyến xe yêu thương"}
    started = time.monotonic()
    inferred = {r["label"] for r in ask(kg, "models", movement="Kết nối yêu thương", infer="owlrl")}
    assert inferred == {"Chuyến xe yêu thương", "Bếp ăn nghĩa tình"}
    assert time.monotonic() - started < 30


def test_subclass_typing_answers_with_rdfs(kg: KnowledgeGraph) -> None:
    query = "SELECT ?o WHERE { ?o a dv:Organisation }"
    assert f"{ID}organisation/cong-an-xa-an-binh" not in {r["o"] for r in sparql(kg, query)}
    target = inferred(kg, "rdfs")
    assert URIRef(f"{ID}organisation/cong-an-xa-an-binh") in {r["o"] for r in target.select(query)}


def test_inference_leaves_the_store_unchanged(kg: KnowledgeGraph) -> None:
    before = kg.stats()["triples"]
    ask(kg, "chain", resolution="nghi quyet so 09", infer="rdfs")
    assert kg.stats()["triples"] == before


def test_unknown_regime(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match="inference regime"):
        ask(kg, "timeline", infer="magic")
