"""The same questions over a remote endpoint: a real Oxigraph server, and fake servers for failures."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs

import pytest
from rdflib import Literal, URIRef, namespace

from conftest import free_port
from danvan_kg.errors import EndpointError, QueryError
from danvan_kg.query import ask, sparql
from danvan_kg.query.remote import RemoteEndpoint
from danvan_kg.query.runner import run_question
from danvan_kg.store import KnowledgeGraph
from test_query_runner import CASES, FIXTURE, HOSTILE, hostile_params


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    store = KnowledgeGraph.open(None, backend="memory")
    store.load_file(FIXTURE)
    return store


@pytest.fixture()
def endpoint(oxigraph_server) -> str:
    """The query URL of the shared Oxigraph server holding exactly the fixture."""
    oxigraph_server.clear()
    oxigraph_server.load(FIXTURE.read_bytes())
    return oxigraph_server.query_url


def _plain(rows: list[dict]) -> list[str]:
    return sorted(repr(sorted((k, str(v)) for k, v in r.items())) for r in rows)


def _count(url: str) -> int:
    return int(sparql(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])  # type: ignore[index]


@pytest.mark.server
def test_every_question_answers_the_same_over_the_endpoint(kg: KnowledgeGraph, endpoint: str) -> None:
    for name, params in CASES:
        embedded = ask(kg, name, **params)
        remote = ask(endpoint, name, **params)
        assert embedded, f"{name} {params}: no rows on the fixture"
        assert _plain(remote) == _plain(embedded), f"{name} {params} differs over the endpoint"


@pytest.mark.server
def test_hostile_values_stay_inert_over_the_endpoint(kg: KnowledgeGraph, endpoint: str) -> None:
    before = _count(endpoint)
    for name in sorted({c[0] for c in CASES}):
        for value in HOSTILE:
            for params in hostile_params(name, value):
                remote = run_question(endpoint, name, params)
                embedded = run_question(kg, name, params)
                assert _plain(remote.rows) == _plain(embedded.rows), f"{name} {params!r}"
    assert _count(endpoint) == before


@pytest.mark.server
def test_sparql_forms_over_the_endpoint(endpoint: str) -> None:
    assert sparql(endpoint, "SELECT ?m WHERE { ?m a dv:Club }") == [
        {"m": "https://w3id.org/danvan-kg/id/model/cau-lac-bo-ban-cay"}
    ]
    assert sparql(endpoint, "ASK { ?m a dv:Club }") is True
    assert sparql(endpoint, "ASK { ?m a dv:Nothing }") is False
    graph = sparql(endpoint, "CONSTRUCT { ?m rdfs:label ?l } WHERE { ?m a dv:Club ; rdfs:label ?l }")
    assert {str(o) for o in graph.objects()} == {"Câu lạc bộ Bạn cây"}
    with pytest.raises(QueryError, match="invalid SPARQL at line 1, column 32"):  # checked before sending
        sparql(endpoint, "SELECT ?m WHERE { ?m a dv:Club ")


@pytest.mark.server
def test_values_bind_typed_terms_exactly(endpoint: str) -> None:
    remote = RemoteEndpoint(endpoint)
    rows = remote.select("SELECT ?x ?y WHERE {}", {"x": Literal('a "b"\n}'), "y": URIRef("http://x/#y")})
    assert rows == [{"x": Literal('a "b"\n}'), "y": URIRef("http://x/#y")}]
    typed = remote.select("SELECT ?d WHERE {}", {"d": Literal("2024-01-02", datatype=namespace.XSD.date)})
    assert typed[0]["d"] == Literal("2024-01-02", datatype=namespace.XSD.date)


# ------------------------------------------------------------------------------------ failures
def test_endpoint_down_is_one_clear_error() -> None:
    waits: list[float] = []
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match="unreachable") as info:
        RemoteEndpoint(url, retries=2, backoff=0.1, sleep=waits.append).select("SELECT * WHERE {}")
    assert "after 3 attempts" in str(info.value) and "\n" not in str(info.value)
    assert waits == [0.1, 0.2]


def test_not_a_url() -> None:
    with pytest.raises(EndpointError, match="not an http"):
        RemoteEndpoint("ftp://example.org/sparql")


class _Fake(BaseHTTPRequestHandler):
    """Answers from a script: a list of (status, content type, body), one per request."""

    script: ClassVar[list[tuple[int, str, bytes]]] = []
    delay = 0.0
    requests: ClassVar[list[bytes]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        type(self).requests.append(self.rfile.read(length))
        status, content_type, body = (
            type(self).script.pop(0) if len(type(self).script) > 1 else type(self).script[0]
        )
        if type(self).delay:
            time.sleep(type(self).delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def fake() -> Iterator[tuple[str, type[_Fake]]]:
    handler = type("Handler", (_Fake,), {"script": [], "delay": 0.0, "requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler
    finally:
        server.shutdown()
        server.server_close()


JSON_TYPE = "application/sparql-results+json"
SELECT_BODY = json.dumps(
    {
        "head": {"vars": ["x", "n", "s"]},
        "results": {
            "bindings": [
                {
                    "x": {"type": "uri", "value": "http://x/1"},
                    "n": {"type": "typed-literal", "datatype": str(namespace.XSD.integer), "value": "3"},
                    "s": {
                        "type": "typed-literal",
                        "datatype": str(namespace.XSD.string),
                        "value": "hộ nghèo",
                    },
                }
            ]
        },
    }
).encode()


def test_retries_5xx_then_succeeds(fake) -> None:
    url, handler = fake
    handler.script = [
        (503, "text/plain", b"busy"),
        (500, "text/plain", b"oops"),
        (200, JSON_TYPE, SELECT_BODY),
    ]
    waits: list[float] = []
    rows = RemoteEndpoint(url, retries=2, backoff=0.01, sleep=waits.append).select("SELECT * WHERE {}")
    assert len(handler.requests) == 3 and len(waits) == 2
    # Virtuoso's typed-literal form, normalised: integers typed, xsd:string plain
    assert rows == [
        {
            "x": URIRef("http://x/1"),
            "n": Literal("3", datatype=namespace.XSD.integer),
            "s": Literal("hộ nghèo"),
        }
    ]


def test_gives_up_after_bounded_retries(fake) -> None:
    url, handler = fake
    handler.script = [(502, "text/html", b"<html>bad gateway</html>")]
    with pytest.raises(EndpointError, match="502") as info:
        RemoteEndpoint(url, retries=1, backoff=0.0, sleep=lambda s: None).select("SELECT * WHERE {}")
    assert "after 2 attempts" in str(info.value) and len(handler.requests) == 2


def test_wrong_content_type_is_explained(fake) -> None:
    url, handler = fake
    handler.script = [(200, "text/html", b"<html>a web page</html>")]
    with pytest.raises(EndpointError, match="text/html, not SPARQL JSON results"):
        RemoteEndpoint(url).select("SELECT * WHERE {}")
    handler.script = [(200, JSON_TYPE, b"{not json")]
    with pytest.raises(EndpointError, match="not valid JSON"):
        RemoteEndpoint(url).select("SELECT * WHERE {}")
    handler.script = [(200, "text/html", b"<html/>")]
    with pytest.raises(EndpointError, match="not RDF"):
        RemoteEndpoint(url).construct("CONSTRUCT WHERE { ?s ?p ?o }")


def test_http_errors_are_not_retried(fake) -> None:
    url, handler = fake
    handler.script = [(404, "text/plain", b"no")]
    with pytest.raises(EndpointError, match="404"):
        RemoteEndpoint(url, sleep=lambda s: None).select("SELECT * WHERE {}")
    handler.script = [(400, "text/plain", b"Parser error at line 1\nmore")]
    with pytest.raises(QueryError, match=r"Parser error at line 1$"):
        RemoteEndpoint(url, sleep=lambda s: None).select("SELECT * WHERE {}")
    assert len(handler.requests) == 2


def test_timeout(fake) -> None:
    url, handler = fake
    handler.script = [(200, JSON_TYPE, SELECT_BODY)]
    handler.delay = 2.5
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"within 1 s|unreachable"):
        RemoteEndpoint(url, timeout=1, retries=0).select("SELECT * WHERE {}")
    assert time.monotonic() - started < 2.4


def test_ask_accepts_virtuoso_integers(fake) -> None:
    url, handler = fake
    handler.script = [(200, JSON_TYPE, b'{"head": {}, "boolean": 1}')]
    assert RemoteEndpoint(url).ask("ASK {}") is True


def test_values_open_the_where_group(fake) -> None:
    url, handler = fake
    handler.script = [(200, JSON_TYPE, SELECT_BODY)]
    RemoteEndpoint(url).select("SELECT ?x WHERE { ?x ?p ?o }", {"x": Literal('"} DROP ALL #')})
    sent = parse_qs(handler.requests[0].decode())["query"][0]
    assert 'WHERE {\nVALUES (?x) {\n  ("\\"} DROP ALL #")\n}\n ?x ?p ?o }' in sent
    assert "PREFIX dv:" in sent
