"""RDF → networkx projection and focus views, on the Oxigraph and plain rdflib backends."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from danvan_kg.errors import InputError
from danvan_kg.network.projection import find_nodes, neighbourhood, project, search_key
from danvan_kg.store import KnowledgeGraph
from test_network_sample import (
    BDV,
    CLUB,
    EXPECTED_EDGE_COUNT,
    EXPECTED_NODES,
    MODEL,
    MOVEMENT,
    ORG,
    PLACE,
    POOR,
    PROGRAMME,
    RESOLUTION,
    UNRELATED_PROVINCE,
    load_sample,
)


@pytest.fixture(params=["memory", "rdflib"])
def graph(request: pytest.FixtureRequest, tmp_path: Path) -> nx.MultiDiGraph:
    kg = load_sample(KnowledgeGraph.open(None, backend=request.param), tmp_path)
    return project(kg)


@pytest.fixture
def kg(tmp_path: Path) -> KnowledgeGraph:
    return load_sample(KnowledgeGraph.open(None, backend="memory"), tmp_path)


def test_nodes_are_the_related_or_mentioned_entities(graph: nx.MultiDiGraph) -> None:
    assert set(graph.nodes) == EXPECTED_NODES
    assert UNRELATED_PROVINCE not in graph  # admin units only appear when something links to them
    assert graph.number_of_edges() == EXPECTED_EDGE_COUNT


def test_node_attributes(graph: nx.MultiDiGraph) -> None:
    model = graph.nodes[MODEL]
    assert model["label"] == "Bếp ăn tình thương thử nghiệm"
    assert model["type"] == "Model"
    assert model["subtype"] == ""
    assert model["place"] == "xã An Bình"
    assert model["degree"] == 5
    assert model["sources"] == ["https://example.org/bai-mau-1", "https://example.org/bai-mau-2"]
    assert model["sentence"] == "Câu mẫu một nói về bếp ăn trong phong trào."
    assert graph.nodes[CLUB]["subtype"] == "Club"
    assert graph.nodes[ORG]["subtype"] == "SocioPoliticalOrganisation"
    assert graph.nodes[POOR]["label"] == "hộ nghèo"  # the Vietnamese label, not the English one
    assert graph.nodes[POOR]["type"] == "BeneficiaryGroup"
    assert graph.nodes[PROGRAMME]["type"] == "Programme"
    assert graph.nodes[MOVEMENT]["degree"] == 4


def test_preferred_label_first_other_names_as_aliases(graph: nx.MultiDiGraph) -> None:
    org = graph.nodes[ORG]
    assert org["label"] == "Hội Liên hiệp Phụ nữ xã An Bình"  # skos:prefLabel before rdfs:label
    assert org["aliases"] == ["Hội Phụ nữ xã An Bình", "Hội LHPN xã An Bình"]  # rdfs:label, then altLabel
    assert graph.nodes[POOR]["aliases"] == ["poor households"]  # other languages come last
    assert graph.nodes[MODEL]["aliases"] == []


def test_provinces_in_both_structures(graph: nx.MultiDiGraph) -> None:
    place, model = graph.nodes[PLACE], graph.nodes[MODEL]
    assert place["province_2020"] == ["Tỉnh Sông Cũ"]
    assert place["province_2025"] == ["Tỉnh Sông Mới"]  # through dv:mergedInto
    assert (model["province_2020"], model["province_2025"]) == (
        ["Tỉnh Sông Cũ"],
        ["Tỉnh Sông Mới"],
    )  # locatedIn
    assert graph.nodes[MOVEMENT]["province_2025"] == []  # national: unplaced
    assert graph.nodes[ORG]["province_2025"] == []  # located nowhere, and not a model


def test_source_years_of_nodes_and_edges(graph: nx.MultiDiGraph) -> None:
    assert graph.nodes[MOVEMENT]["years"] == [2024, 2025] and graph.nodes[MOVEMENT]["undated"] is False
    assert graph.nodes[CLUB]["years"] == [2025]
    assert graph.nodes[BDV]["years"] == [] and graph.nodes[BDV]["undated"] is True  # no source at all
    part_of = graph.get_edge_data(MODEL, MOVEMENT, key="partOf")
    assert part_of["years"] == [2024, 2025]
    assert part_of["sources"] == ["https://example.org/bai-mau-1", "https://example.org/bai-mau-2"]
    launched = graph.get_edge_data(MOVEMENT, BDV, key="launchedBy")
    assert launched["years"] == [] and launched["undated"] is True and launched["sources"] == []


def test_evidence_is_aggregated_per_relation(graph: nx.MultiDiGraph) -> None:
    part_of = graph.get_edge_data(MODEL, MOVEMENT, key="partOf")
    assert part_of["relation"] == "partOf"
    assert part_of["evidence_count"] == 2
    assert part_of["confidence"] == pytest.approx(0.9)  # max over evidence
    assert part_of["sentence"] == "Câu mẫu hai gắn bếp ăn với Dân vận khéo."  # the best evidence's sentence
    assert part_of["source"] == "https://example.org/bai-mau-2"
    assert part_of["source_title"] == "Bài mẫu thứ hai"


def test_relation_without_evidence_counts_as_curated(graph: nx.MultiDiGraph) -> None:
    launched = graph.get_edge_data(MOVEMENT, BDV, key="launchedBy")
    assert launched["evidence_count"] == 0
    assert launched["confidence"] == 1.0
    assert launched["sentence"] == ""


def test_all_relation_kinds_are_edges(graph: nx.MultiDiGraph) -> None:
    kinds = {k for _u, _v, k in graph.edges(keys=True)}
    assert kinds == {"partOf", "runBy", "locatedIn", "benefits", "implements", "launchedBy", "contributesTo"}
    assert graph.has_edge(MOVEMENT, RESOLUTION, key="implements")


def test_types_filter_keeps_edges_among_kept_nodes(kg: KnowledgeGraph) -> None:
    sub = project(kg, types=["Model", "movement"])  # case-insensitive class names
    assert set(sub.nodes) == {MODEL, CLUB, MOVEMENT}
    assert sub.number_of_edges() == 2
    assert sub.nodes[MODEL]["place"] == "xã An Bình"  # place comes from the full graph
    assert sub.nodes[MODEL]["degree"] == 1


def test_unknown_type_is_a_user_error(kg: KnowledgeGraph) -> None:
    with pytest.raises(InputError, match="unknown class 'Village'"):
        project(kg, types=["Village"])


def test_min_confidence_drops_weak_edges_and_orphans(kg: KnowledgeGraph) -> None:
    strong = project(kg, min_confidence=0.6)
    assert not strong.has_edge(MODEL, POOR)  # 0.4
    assert not strong.has_edge(CLUB, MOVEMENT)  # 0.5
    assert not strong.has_edge(MODEL, PROGRAMME)  # 0.55
    assert strong.has_edge(MODEL, PLACE)  # 0.7
    assert POOR not in strong and CLUB not in strong and PROGRAMME not in strong
    assert strong.number_of_edges() == 5
    with pytest.raises(InputError):
        project(kg, min_confidence=1.5)


def test_search_key_ignores_case_and_diacritics() -> None:
    assert search_key("Dân Vận  KHÉO") == "dan van kheo"
    assert search_key("Ðoàn Thanh niên") == search_key("Đoàn thanh niên") == "doan thanh nien"


def test_neighbourhood_matches_without_diacritics(graph: nx.MultiDiGraph) -> None:
    one = neighbourhood(graph, "dan van kheo", 1)
    assert set(one.nodes) == {MOVEMENT, MODEL, CLUB, BDV, RESOLUTION}
    assert one.graph["focus"] == [MOVEMENT]
    two = neighbourhood(graph, "DÂN VẬN KHÉO", 2)
    assert set(two.nodes) == EXPECTED_NODES
    zero = neighbourhood(graph, "dan van kheo", 0)
    assert set(zero.nodes) == {MOVEMENT}
    assert one.nodes[MOVEMENT]["degree"] == 4  # degree in the whole network is kept


def test_neighbourhood_substring_and_iri(graph: nx.MultiDiGraph) -> None:
    assert find_nodes(graph, "co tuong") == [CLUB]
    assert find_nodes(graph, "hội phụ nữ") == [ORG]  # a substring of its rdfs:label, now an alias
    assert find_nodes(graph, "HOI LHPN XA AN BINH") == [ORG]  # an alias, exactly
    assert find_nodes(graph, MODEL) == [MODEL]
    with pytest.raises(InputError, match="no entity matches"):
        neighbourhood(graph, "không có gì như thế", 1)
    with pytest.raises(InputError):
        neighbourhood(graph, "dan van kheo", -1)


def test_empty_store_gives_empty_graph() -> None:
    assert project(KnowledgeGraph.open(None, backend="memory")).number_of_nodes() == 0


def test_untyped_relation_ends_are_not_nodes(tmp_path: Path) -> None:
    extra = """
    <https://w3id.org/danvan-kg/graph/records/extra> {
      <https://w3id.org/danvan-kg/id/model/cau-lac-bo-co-tuong-beta>
          <https://w3id.org/danvan-kg/ontology#benefits> <https://example.org/untyped-thing> ;
          <https://w3id.org/danvan-kg/ontology#locatedIn> "not an IRI" .
    }
    """
    kg = load_sample(KnowledgeGraph.open(None, backend="memory"), tmp_path, extra)
    graph = project(kg)
    assert set(graph.nodes) == EXPECTED_NODES
    assert graph.number_of_edges() == EXPECTED_EDGE_COUNT
