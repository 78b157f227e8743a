"""KnowledgeGraph: backends, atomic graph loads, import/export, statistics."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from danvan_kg.errors import InputError, QueryError, StoreError
from danvan_kg.ids import DV, GRAPH, ID
from danvan_kg.store import KnowledgeGraph

G1 = str(GRAPH["article/one"])
G2 = str(GRAPH["article/two"])
HOSTILE = 'Cafe "treo" } ; DROP ALL # <script>\nUNION'


def _triples(label: str = "Cafe treo") -> list[tuple[URIRef, URIRef, object]]:
    model = ID["model/cafe-treo"]
    return [
        (model, RDF.type, DV.Model),
        (model, RDFS.label, Literal(label, lang="vi")),
        (model, DV.partOf, ID["movement/dan-van-kheo"]),
        (ID["movement/dan-van-kheo"], RDF.type, DV.Movement),
    ]


@pytest.fixture(params=["oxigraph", "memory", "rdflib"])
def kg(request: pytest.FixtureRequest, tmp_path: Path) -> KnowledgeGraph:
    store = KnowledgeGraph.open(
        tmp_path / "store" if request.param == "oxigraph" else None, backend=request.param
    )
    yield store
    store.close()


def test_replace_graph_is_idempotent(kg: KnowledgeGraph) -> None:
    kg.replace_graph(G1, _triples())
    first = kg.stats()
    kg.replace_graph(G1, _triples())
    assert kg.stats() == first
    assert first["classes"]["Model"] == 1
    assert first["relations"]["partOf"] == 1
    assert kg.graph_iris() == [G1]


def test_replace_graph_replaces_old_content(kg: KnowledgeGraph) -> None:
    kg.replace_graph(G1, _triples("old label"))
    kg.replace_graph(G1, _triples("new label"))
    labels = {str(r["l"]) for r in kg.select("SELECT DISTINCT ?l WHERE { ?s rdfs:label ?l }")}
    assert labels == {"new label"}


def test_failed_multi_graph_load_leaves_store_unchanged(kg: KnowledgeGraph) -> None:
    kg.replace_graph(G1, _triples())
    before = sorted(kg.iter_triples())

    def broken() -> object:
        yield from _triples("half")
        raise ValueError("parse error halfway through the source")

    with pytest.raises(ValueError):
        kg.replace_graphs({G2: _triples("first graph"), G1: broken()})
    assert sorted(kg.iter_triples()) == before
    assert kg.graph_iris() == [G1]


def test_invalid_graph_iri_is_refused_without_writing(kg: KnowledgeGraph) -> None:
    with pytest.raises(StoreError):
        kg.replace_graphs({G1: _triples(), "bad iri> { }": _triples()})
    assert kg.graph_iris() == []


def test_bound_parameters_are_never_query_text(kg: KnowledgeGraph) -> None:
    kg.replace_graph(G1, _triples(HOSTILE))
    rows = kg.select("SELECT DISTINCT ?s ?l WHERE { ?s rdfs:label ?l }", {"l": Literal(HOSTILE, lang="vi")})
    assert [str(r["s"]) for r in rows] == [str(ID["model/cafe-treo"])]
    assert (
        kg.select("SELECT DISTINCT ?s ?l WHERE { ?s rdfs:label ?l }", {"l": Literal("x } UNION { ?a ?b ?c")})
        == []
    )
    assert kg.stats()["triples"] == 4


def test_query_errors_are_one_line_query_errors(kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError):
        kg.select("SELEC nothing")
    with pytest.raises(QueryError):
        kg.select("ASK { ?s ?p ?o }")


def test_construct_and_ask(kg: KnowledgeGraph) -> None:
    kg.replace_graph(G1, _triples())
    assert kg.ask("ASK { ?m dv:partOf ?x }")
    graph = kg.construct("CONSTRUCT { ?m dv:partOf ?x } WHERE { ?m dv:partOf ?x }")
    assert len(graph) == 1


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_export_import_round_trip(kg: KnowledgeGraph, tmp_path: Path, fmt: str) -> None:
    kg.replace_graph(G1, _triples(HOSTILE))
    kg.replace_graph(G2, _triples())
    out = tmp_path / f"dump.{fmt}"
    kg.export(out, fmt)
    copy = KnowledgeGraph.open(None, backend="memory")
    copy.load_file(out, graph=str(GRAPH["import/x"]))
    assert set(copy.iter_triples()) == set(kg.iter_triples())
    if fmt in ("nq", "trig", "jsonld"):
        assert copy.graph_iris() == [G1, G2]


def test_load_file_with_syntax_error_changes_nothing(kg: KnowledgeGraph, tmp_path: Path) -> None:
    kg.replace_graph(G1, _triples())
    bad = tmp_path / "bad.trig"
    bad.write_text(
        f'<{G2}> {{ <http://a> <http://b> <http://c> . }}\n<{G1}> {{ <http://a> <http://b> "unterminated }}',
        encoding="utf-8",
    )
    before = sorted(kg.iter_triples())
    with pytest.raises(InputError) as error:
        kg.load_file(bad)
    assert "bad.trig" in str(error.value) and "\n" not in str(error.value)
    assert sorted(kg.iter_triples()) == before


def test_load_file_unknown_extension(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "data.xyz"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(InputError):
        kg.load_file(path)


def test_stats_json_is_stable(kg: KnowledgeGraph) -> None:
    kg.replace_graph(G1, _triples())
    text = json.dumps(kg.stats(), sort_keys=True)
    assert json.loads(text)["classes"].keys() >= {"Model", "Movement", "Evidence", "Article"}
    assert set(json.loads(text)["relations"]) >= {
        "partOf",
        "runBy",
        "benefits",
        "locatedIn",
        "launchedBy",
        "implements",
    }


def test_open_locked_store_is_a_clear_error(tmp_path: Path) -> None:
    first = KnowledgeGraph.open(tmp_path / "store")
    try:
        with pytest.raises(StoreError, match="in use"):
            KnowledgeGraph.open(tmp_path / "store")
    finally:
        first.close()


def test_store_location_that_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="not a folder"):
        KnowledgeGraph.open(path)


def test_on_disk_store_survives_reopen(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        kg.replace_graph(G1, _triples())
    with KnowledgeGraph.open(tmp_path / "store") as kg:
        assert kg.stats()["classes"]["Model"] == 1


@pytest.mark.slow
def test_killed_writer_leaves_whole_graphs_only(tmp_path: Path) -> None:
    """A process killed while writing many graphs leaves a store that opens and holds whole graphs."""
    location = tmp_path / "store"
    script = (
        "import sys\n"
        "from rdflib import Literal\n"
        "from rdflib.namespace import RDFS\n"
        "from danvan_kg.store import KnowledgeGraph\n"
        "from danvan_kg.ids import GRAPH, ID\n"
        "kg = KnowledgeGraph.open(sys.argv[1])\n"
        "for i in range(100000):\n"
        "    triples = [(ID[f'model/m{i}-{j}'], RDFS.label, Literal(f'm {i} {j}')) for j in range(50)]\n"
        "    kg.replace_graph(str(GRAPH[f'article/{i}']), triples)\n"
        "    if i == 5: print('ready', flush=True)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script, str(location)], stdout=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"ready"
    process.kill()
    process.wait(timeout=10)
    with KnowledgeGraph.open(location) as kg:
        sizes = {g: len(kg.graph(g)) for g in kg.graph_iris()}
    assert len(sizes) >= 6
    assert set(sizes.values()) == {50}


def test_export_to_stream(kg: KnowledgeGraph) -> None:
    kg.replace_graph(G1, _triples())
    buffer = io.BytesIO()
    kg.export(buffer, "nt")
    parsed = Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    assert len(parsed) == 4
