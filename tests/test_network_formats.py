"""GraphML, GEXF and CSV exports of the entity network read back with the attributes intact."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

from danvan_kg.errors import InputError
from danvan_kg.network.formats import csv_paths, scalar_copy, write
from danvan_kg.network.projection import project
from danvan_kg.store import KnowledgeGraph
from test_network_sample import EXPECTED_EDGE_COUNT, EXPECTED_NODES, MODEL, MOVEMENT, load_sample


@pytest.fixture
def graph(tmp_path: Path) -> nx.MultiDiGraph:
    return project(load_sample(KnowledgeGraph.open(None, backend="memory"), tmp_path))


def test_scalar_copy_flattens_lists(graph: nx.MultiDiGraph) -> None:
    flat = scalar_copy(graph)
    assert flat.nodes[MODEL]["sources"] == "https://example.org/bai-mau-1; https://example.org/bai-mau-2"
    for _n, data in flat.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    assert isinstance(graph.nodes[MODEL]["sources"], list)  # the original is untouched


def test_graphml_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    [path] = write(graph, tmp_path / "net.graphml", "graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert set(back.nodes) == EXPECTED_NODES
    assert back.number_of_edges() == EXPECTED_EDGE_COUNT
    assert back.nodes[MODEL]["label"] == "Bếp ăn tình thương thử nghiệm"
    assert back.nodes[MODEL]["degree"] == 5
    edge = back.get_edge_data(MODEL, MOVEMENT)["partOf"]
    assert edge["evidence_count"] == 2 and edge["confidence"] == pytest.approx(0.9)


def test_gexf_round_trip(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    [path] = write(graph, tmp_path / "net.gexf", "GEXF")
    back = nx.read_gexf(path)
    assert set(back.nodes) == EXPECTED_NODES
    assert back.number_of_edges() == EXPECTED_EDGE_COUNT
    assert back.nodes[MODEL]["label"] == "Bếp ăn tình thương thử nghiệm"
    relations = sorted(d["relation"] for _u, _v, d in back.edges(data=True))
    assert relations.count("partOf") == 2


def test_csv_nodes_and_edges(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    written = write(graph, tmp_path / "net.csv", "csv")
    nodes_path, edges_path = csv_paths(tmp_path / "net.csv")
    assert written == [nodes_path, edges_path]
    assert nodes_path.name == "net-nodes.csv" and edges_path.name == "net-edges.csv"
    with nodes_path.open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with edges_path.open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert {row["Id"] for row in nodes} == EXPECTED_NODES
    model = next(row for row in nodes if row["Id"] == MODEL)
    assert model["Label"] == "Bếp ăn tình thương thử nghiệm" and model["type"] == "Model"
    assert model["province_2025"] == "Tỉnh Sông Mới" and model["years"] == "2024; 2025"
    assert len(edges) == EXPECTED_EDGE_COUNT
    part_of = next(r for r in edges if r["Source"] == MODEL and r["relation"] == "partOf")
    assert part_of["Target"] == MOVEMENT and part_of["evidence_count"] == "2"


def test_unknown_format_and_folder_target(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown network format"):
        write(graph, tmp_path / "x.dot", "dot")
    with pytest.raises(InputError, match="folder"):
        write(graph, tmp_path, "graphml")
