"""``danvan-kg push`` against real servers (Oxigraph, Virtuoso) and a failing stub."""

from __future__ import annotations

import http.server
import json
import os
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Literal
from rdflib.namespace import RDF, RDFS

from danvan_kg.cli import main
from danvan_kg.ids import DV, GRAPH, ID
from danvan_kg.serving.push import Target, chunk_ntriples, push_graphs
from danvan_kg.serving.servers import (
    OxigraphServer,
    VirtuosoServer,
    find_oxigraph_binary,
    find_virtuoso_binary,
)
from danvan_kg.store import KnowledgeGraph

G1 = str(GRAPH["article/aaaa"])
G2 = str(GRAPH["article/bbbb"])
LABEL = "Dân vận khéo ở Đồng Tháp — “Cà phê treo”"
N_MODELS = 700  # with --batch-triples 500, graph G1 needs several requests


def require(binary: Path | None, what: str) -> None:
    """Skip when a server binary is missing locally; fail in CI, where it must be installed."""
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is required in CI but was not found")
        pytest.skip(f"{what} not installed")


def fill(kg: KnowledgeGraph) -> int:
    """Two article graphs, one with a blank node; returns the number of triples."""
    g1 = []
    for i in range(N_MODELS):
        model = ID[f"model/m{i}"]
        g1 += [(model, RDF.type, DV.Model), (model, RDFS.label, Literal(f"{LABEL} {i}", lang="vi"))]
    selector = BNode()
    g1 += [(ID["model/m0"], DV.selector, selector), (selector, DV.quote, Literal("Đ ặ ễ"))]
    g2 = [(ID["movement/dan-van-kheo"], RDFS.label, Literal(LABEL, lang="vi"))]
    kg.replace_graphs({G1: g1, G2: g2})
    return len(g1) + len(g2)


@pytest.fixture()
def store_dir(tmp_path: Path) -> tuple[Path, int]:
    location = tmp_path / "store"
    kg = KnowledgeGraph.open(location)
    count = fill(kg)
    kg.close()
    del kg
    return location, count


@pytest.fixture(scope="module")
def oxigraph() -> Iterator[OxigraphServer]:
    require(find_oxigraph_binary(), "the oxigraph server binary")
    with OxigraphServer() as server:
        yield server


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[VirtuosoServer]:
    require(find_virtuoso_binary(), "virtuoso-t (virtuoso-opensource-7)")
    with VirtuosoServer() as server:
        yield server


def select(query_url: str, query: str) -> list[dict]:
    url = query_url + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def our_triples(query_url: str) -> int:
    rows = select(
        query_url,
        f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ <{G1}> <{G2}> }} GRAPH ?g {{ ?s ?p ?o }} }}",
    )
    return int(rows[0]["n"]["value"])


def labels(query_url: str) -> set[str]:
    rows = select(query_url, f"SELECT ?l WHERE {{ GRAPH <{G2}> {{ ?s ?p ?l }} }}")
    return {r["l"]["value"] for r in rows}


def push_cli(store: Path, *extra: str) -> int:
    return main(["--store", str(store), "push", "--batch-triples", "500", *extra])


# ------------------------------------------------------------------ units


def test_chunks_respect_batch_size_and_keep_blank_nodes_together() -> None:
    lines = [f'<urn:s{i}> <urn:p> "v _:x {i}" .'.encode() for i in range(10)]
    lines += [b"_:b1 <urn:p> <urn:o> .", b"<urn:s> <urn:p> _:b1 ."]
    chunks = chunk_ntriples(lines, 4)
    assert sum(len(c) for c in chunks) == 12
    assert all(len(c) <= 4 for c in chunks)
    assert chunks[0][:2] == [b"_:b1 <urn:p> <urn:o> .", b"<urn:s> <urn:p> _:b1 ."]
    assert not any(
        b"_:b1" in line for chunk in chunks[1:] for line in chunk
    )  # "_:x" inside a literal is no bnode


# ------------------------------------------------------------------ Oxigraph


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["update", "gsp"])
def test_push_to_oxigraph_twice_gives_same_triples(
    oxigraph: OxigraphServer, store_dir: tuple[Path, int], protocol: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store, count = store_dir
    extra = ["--graph-store", oxigraph.store_url] if protocol == "gsp" else []
    assert push_cli(store, "--endpoint", oxigraph.update_url, *extra) == 0
    assert our_triples(oxigraph.query_url) == count
    assert push_cli(store, "--endpoint", oxigraph.update_url, *extra) == 0
    assert our_triples(oxigraph.query_url) == count
    assert labels(oxigraph.query_url) == {LABEL}
    out = capsys.readouterr().out
    assert f"push complete: 2 of 2 graphs pushed ({count:,} triples)" in out


# ------------------------------------------------------------------ Virtuoso


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["update", "gsp"])
def test_push_to_virtuoso_twice_keeps_utf8(
    virtuoso: VirtuosoServer, store_dir: tuple[Path, int], protocol: str
) -> None:
    store, count = store_dir
    auth = ["--user", "dba", "--password", virtuoso.password, "--auth", "digest"]
    extra = ["--graph-store", virtuoso.store_url] if protocol == "gsp" else []
    for _ in range(2):
        assert push_cli(store, "--endpoint", virtuoso.update_url, *auth, *extra) == 0
        assert our_triples(virtuoso.query_url) == count
    assert labels(virtuoso.query_url) == {LABEL}
    rows = select(
        virtuoso.query_url, f"SELECT ?q WHERE {{ GRAPH <{G1}> {{ ?m <{DV.selector}> ?b . ?b ?p ?q }} }}"
    )
    assert [r["q"]["value"] for r in rows] == ["Đ ặ ễ"]  # the blank node kept its identity


@pytest.mark.server
def test_push_with_refused_credentials_fails_clearly(
    virtuoso: VirtuosoServer, store_dir: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = store_dir
    code = push_cli(
        store, "--endpoint", virtuoso.update_url, "--user", "dba", "--password", "wrong", "--auth", "digest"
    )
    captured = capsys.readouterr()
    assert code != 0
    assert "refused the credentials (HTTP 401)" in captured.err
    assert "push incomplete: 0 of 2 graphs pushed" in captured.err
    assert "push complete" not in captured.out


# ------------------------------------------------------------------ failures


@pytest.mark.slow
def test_push_to_a_down_endpoint_fails_clearly(
    store_dir: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    from danvan_kg.serving.servers import free_port

    store, _ = store_dir
    code = push_cli(store, "--endpoint", f"http://127.0.0.1:{free_port()}/update", "--retries", "1")
    captured = capsys.readouterr()
    assert code == 1
    assert "cannot reach http://127.0.0.1:" in captured.err
    assert "after 2 attempts" in captured.err
    assert captured.out == ""


class _FailOneGraph(http.server.BaseHTTPRequestHandler):
    """Answers 500 to any update that mentions G1, 204 otherwise; records what it saw."""

    seen: list[bytes] = []  # noqa: RUF012 - shared with the test on purpose

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).seen.append(body)
        self.send_response(500 if G1.encode() in body else 204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.slow
def test_http_500_on_one_graph_names_it_and_reports_no_success(
    store_dir: tuple[Path, int], capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = store_dir
    _FailOneGraph.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FailOneGraph)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/update"
        code = push_cli(store, "--endpoint", url, "--retries", "2")
    finally:
        server.shutdown()
        server.server_close()
    captured = capsys.readouterr()
    assert code == 1
    assert f"graph {G1} failed: HTTP 500 after 3 attempts" in captured.err
    assert "push incomplete: 1 of 2 graphs pushed (1 triples), 1 failed" in captured.err
    assert captured.out == ""
    assert sum(G1.encode() in body for body in _FailOneGraph.seen) == 3  # retried, bounded
    assert any(G2.encode() in body for body in _FailOneGraph.seen)  # the other graph still went


def test_report_lists_graphs_missing_from_the_store(store_dir: tuple[Path, int]) -> None:
    store, _ = store_dir
    with KnowledgeGraph.open(store) as kg:
        report = push_graphs(
            kg,
            Target("http://127.0.0.1:9/update"),
            graphs=["urn:not-there"],
            sleep=lambda _s: None,
        )
    assert not report.ok
    assert report.failed == {"urn:not-there": "not in the local store"}
    assert report.summary() == "0 of 1 graphs pushed (0 triples), 1 failed"


# ------------------------------------------------------------------ named questions over the pushed copy


def small_domain_store(location: Path) -> dict[str, str]:
    """A one-article store in the architecture's shape; returns the IRIs by role."""
    from rdflib.namespace import SKOS

    from danvan_kg.rdf.labels import refresh_labels
    from danvan_kg.resolve import search_key

    movement, model, org = (
        ID["movement/dan-van-kheo"],
        ID["model/cafe-treo-dong-thap"],
        ID["organisation/hoi-lhpn"],
    )
    group = ID["beneficiary/ho-ngheo"]
    resolution = ID["resolution/nghi-quyet-so-01-nq-tu"]
    place = ID["place/xa-tan-phu-dong-thap"]
    triples = []
    for node, cls, label in (
        (resolution, DV.Resolution, "Nghị quyết số 01-NQ/TU"),
        (movement, DV.Movement, "Dân vận khéo"),
        (model, DV.Model, "Cà phê treo Đồng Tháp"),
        (org, DV.Organisation, "Hội Liên hiệp Phụ nữ xã Tân Phú"),
        (group, DV.BeneficiaryGroup, "hộ nghèo"),
        (place, DV.Place, "xã Tân Phú"),
    ):
        triples += [
            (node, RDF.type, cls),
            (node, RDFS.label, Literal(label, lang="vi")),
            (node, DV.searchKey, Literal(search_key(label))),
        ]
    triples += [
        (group, SKOS.prefLabel, Literal("hộ nghèo", lang="vi")),
        (model, DV.partOf, movement),
        (movement, DV.implements, resolution),
        (model, DV.runBy, org),
        (model, DV.benefits, group),
        (model, DV.locatedIn, place),
    ]
    with KnowledgeGraph.open(location) as kg:
        kg.replace_graph(str(GRAPH["article/cccc"]), triples)
        refresh_labels(kg)  # graph/labels, as every load writes it: the questions read dv:name
    return {"movement": str(movement), "model": str(model)}


@pytest.fixture(scope="module")
def virtuoso_with_small_store(
    virtuoso: VirtuosoServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    location = tmp_path_factory.mktemp("small") / "store"
    iris = small_domain_store(location)
    auth = ["--user", "dba", "--password", virtuoso.password, "--auth", "digest"]
    assert main(["--store", str(location), "push", "--endpoint", virtuoso.update_url, *auth]) == 0
    return iris


@pytest.mark.server
def test_ask_models_runs_on_virtuoso_after_a_push(
    virtuoso: VirtuosoServer, virtuoso_with_small_store: dict[str, str]
) -> None:
    from danvan_kg.query import ask

    models = ask(virtuoso.query_url, "models", movement=virtuoso_with_small_store["movement"])
    assert len(models) == 1
    row = models[0]
    assert row["label"] == "Cà phê treo Đồng Tháp"
    assert row["organisations"] == "Hội Liên hiệp Phụ nữ xã Tân Phú"
    assert row["beneficiaries"] == "hộ nghèo"
    assert row["places"] == "xã Tân Phú"
    movement = virtuoso_with_small_store["movement"]
    assert ask(virtuoso.query_url, "models", movement=movement, limit=1) == models  # a page, by VALUES
    assert ask(virtuoso.query_url, "models", movement=movement, limit=1, offset=1) == []
    chain = ask(virtuoso.query_url, "chain", resolution="Nghị quyết số 01-NQ/TU")
    assert [(r["step"], r["label"]) for r in chain] == [
        (1, "Dân vận khéo"),
        (2, "Cà phê treo Đồng Tháp"),
        (3, "Hội Liên hiệp Phụ nữ xã Tân Phú"),
        (4, "hộ nghèo"),
    ]
    page = ask(virtuoso.query_url, "chain", resolution="Nghị quyết số 01-NQ/TU", limit=2, offset=2)
    assert page == chain[2:]
    runs = ask(virtuoso.query_url, "runs", organisation="Hội Liên hiệp Phụ nữ xã Tân Phú")
    assert [(r["label"], r["relation"], r["places"]) for r in runs] == [
        ("Cà phê treo Đồng Tháp", "runBy", "xã Tân Phú")
    ]  # the lists of a UNION kept on Virtuoso (the endpoint form of the question)


@pytest.mark.server
def test_ask_search_and_lookup_by_label_run_on_virtuoso(
    virtuoso: VirtuosoServer, virtuoso_with_small_store: dict[str, str]
) -> None:
    from danvan_kg.query import ask

    found = ask(virtuoso.query_url, "search", text="ca phe treo")
    assert [row["entity"] for row in found] == [virtuoso_with_small_store["model"]]
    models = ask(virtuoso.query_url, "models", movement="Dân vận khéo")
    assert [row["label"] for row in models] == ["Cà phê treo Đồng Tháp"]
