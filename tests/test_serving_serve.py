"""``danvan-kg serve``: the Oxigraph server over the store, run as the user runs it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

from danvan_kg.ids import GRAPH, ID
from danvan_kg.serving.servers import find_oxigraph_binary, free_port
from danvan_kg.store import KnowledgeGraph

pytestmark = pytest.mark.server

LABEL = "Mô hình “Dân vận khéo” xã Đắk Nông"


@pytest.fixture(autouse=True)
def _oxigraph_binary() -> None:
    if find_oxigraph_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("the oxigraph server binary is required in CI")
        pytest.skip("the oxigraph server binary is not installed")


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    location = tmp_path / "store"
    kg = KnowledgeGraph.open(location)
    kg.replace_graphs(
        {
            str(GRAPH["article/one"]): [(ID["model/a"], RDFS.label, Literal(LABEL, lang="vi"))],
            str(GRAPH["article/two"]): [(ID["model/b"], RDFS.label, Literal("Cà phê treo", lang="vi"))],
        }
    )
    kg.close()
    del kg
    return location


def start_serve(store: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), "serve", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a shell job: Ctrl-C reaches it and its child
    )


def wait_for_line(process: subprocess.Popen[str], prefix: str, timeout: float = 30) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if line.strip().startswith(prefix):
            return line.strip()
    raise AssertionError(
        f"no line starting with {prefix!r}; stderr: {process.stderr.read() if process.stderr else ''}"
    )


def select(query_url: str, query: str) -> list[dict]:
    url = query_url + "?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["results"]["bindings"]


def test_serve_read_only_answers_over_the_union_and_stops_on_sigterm(store: Path) -> None:
    port = free_port()
    process = start_serve(store, "--port", str(port))
    try:
        line = wait_for_line(process, "queries:")
        query_url = line.split()[-1]
        assert query_url == f"http://127.0.0.1:{port}/query"
        rows = select(query_url, "SELECT ?l WHERE { ?s ?p ?l } ORDER BY ?l")  # no GRAPH clause: union
        assert [r["l"]["value"] for r in rows] == ["Cà phê treo", LABEL]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert b"<html" in page.read(2000).lower()  # the browser query page
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/update",
            data=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=30)
    assert code == 0
    with pytest.raises(ConnectionRefusedError):  # the oxigraph child is gone too: nothing listens any more
        socket.create_connection(("127.0.0.1", port), timeout=5)


def test_serve_writable_accepts_updates_and_stops_on_ctrl_c(store: Path) -> None:
    port = free_port()
    process = start_serve(store, "--port", str(port), "--writable")
    try:
        wait_for_line(process, "updates:")
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/update",
            data=f"INSERT DATA {{ GRAPH <{GRAPH['article/three']}> {{ <urn:x> <urn:y> 'Việt' }} }}".encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 204
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        assert process.wait(timeout=30) == 0
    with KnowledgeGraph.open(store) as kg:  # the store lock was released
        assert str(GRAPH["article/three"]) in kg.graph_iris()


def test_serve_reports_a_locked_store_in_one_line(store: Path) -> None:
    holder = KnowledgeGraph.open(store)  # this process now holds the RocksDB lock
    try:
        result = subprocess.run(
            [sys.executable, "-m", "danvan_kg", "--store", str(store), "serve", "--port", str(free_port())],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.close()
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "is open in another process" in result.stderr


def test_serve_reports_a_taken_port_and_a_missing_store(store: Path, tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        taken = subprocess.run(
            [sys.executable, "-m", "danvan_kg", "--store", str(store), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert taken.returncode == 1
    assert f"danvan-kg: error: port {port} on 127.0.0.1 is already in use" in taken.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--store", str(tmp_path / "none"), "serve"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1
    assert "no store at" in missing.stderr


def run_cli(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_writers_are_refused_while_serving_and_readers_ask_the_server(store: Path, tmp_path: Path) -> None:
    article = tmp_path / "bai.txt"
    article.write_text(
        "title: Bài mẫu\n\nHội Nông dân xã Tân Hòa triển khai mô hình “Tổ hợp tác rau sạch” trong phong "
        "trào “Dân vận khéo”.\n",
        encoding="utf-8",
    )
    turtle = tmp_path / "more.ttl"
    turtle.write_text("<urn:a> <urn:b> 'c' .\n", encoding="utf-8")
    port = free_port()
    process = start_serve(store, "--port", str(port))
    try:
        wait_for_line(process, "queries:")
        for argv in (
            ["ingest", str(article)],
            ["import", str(turtle)],
            ["build", "--out", str(tmp_path / "out")],
        ):
            result = run_cli(store, *argv)
            assert result.returncode == 1, (argv, result.stderr)
            assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
            assert f"being served by `danvan-kg serve` at http://127.0.0.1:{port}/" in result.stderr
            assert f"--endpoint http://127.0.0.1:{port}/query" in result.stderr
        asked = run_cli(
            store, "sparql", "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l", "--format", "json"
        )
        assert asked.returncode == 0, asked.stderr
        assert f"served at http://127.0.0.1:{port}/: asking the server" in asked.stderr
        assert [row["l"] for row in json.loads(asked.stdout)] == ["Cà phê treo", LABEL]
        again = start_serve(store, "--port", str(free_port()))
        _, err = again.communicate(timeout=60)
        assert again.returncode == 1 and f"is already served at http://127.0.0.1:{port}/" in err
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    with KnowledgeGraph.open(store) as kg:  # nothing was written meanwhile
        assert sorted(kg.graph_iris()) == [str(GRAPH["article/one"]), str(GRAPH["article/two"])]
    assert run_cli(store, "ingest", str(article)).returncode == 0  # and the lock went with the server


def test_the_lock_outlives_a_killed_serve_while_oxigraph_runs(store: Path) -> None:
    port = free_port()
    process = start_serve(store, "--port", str(port))
    try:
        wait_for_line(process, "queries:")
        children = subprocess.run(
            ["pgrep", "-P", str(process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert len(children) == 1
        process.kill()  # SIGKILL: no clean-up in serve; the oxigraph child still serves the store
        process.wait(timeout=10)
        result = run_cli(store, "ingest", "--help")
        assert result.returncode == 0
        refused = run_cli(store, "stats")
        assert refused.returncode == 1 and "being served by `danvan-kg serve`" in refused.stderr
    finally:
        for pid in children:
            os.kill(int(pid), signal.SIGTERM)
        time.sleep(0.5)
    with KnowledgeGraph.open(store) as kg:  # the child is gone: so is the lock
        assert len(kg.graph_iris()) == 2


def test_the_query_page_has_the_prefixes_and_the_cookbook(store: Path) -> None:
    from danvan_kg.query.cookbook import cookbook

    port = free_port()
    process = start_serve(store, "--port", str(port))
    try:
        wait_for_line(process, "queries:")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            page = response.read().decode("utf-8")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/prefixes.json", timeout=10) as response:
            prefixes = json.load(response)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/yasgui.min.js", timeout=10) as response:
            assert response.status == 200 and len(response.read()) > 100_000  # relayed from Oxigraph
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    config = json.loads(page.split('<script id="config" type="application/json">')[1].split("</script>")[0])
    assert [e["name"] for e in config["examples"]] == [r.title for r in cookbook()]
    assert all(e["query"].startswith("PREFIX ") for e in config["examples"])
    assert "PREFIX movement: <https://w3id.org/danvan-kg/id/movement/>" in config["examples"][0]["query"]
    assert prefixes["movement"] == "https://w3id.org/danvan-kg/id/movement/"
    assert "http" not in page.replace("https://w3id.org/", "").split("<script id=")[0]  # no outside asset


def test_serve_timeout_cuts_a_runaway_query(tmp_path: Path) -> None:
    location = tmp_path / "big"
    with KnowledgeGraph.open(location) as kg:  # 2,000 triples: a triple cross join is 8e9 rows
        labels = [(ID[f"model/m{i}"], RDFS.label, Literal(f"m{i}")) for i in range(2000)]
        kg.replace_graphs({str(GRAPH["article/big"]): labels})
    port = free_port()
    process = start_serve(location, "--port", str(port), "--timeout", "1")
    try:
        wait_for_line(process, "queries:")
        started = time.monotonic()
        url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode(
            {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}
        )
        with urllib.request.urlopen(url, timeout=30) as response:
            body = response.read().decode("utf-8")
        assert time.monotonic() - started < 10  # cut after about a second, not minutes
        assert "cancelled" in body  # the status line was sent before the query ran out of time
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


def test_serve_refuses_a_negative_timeout(store: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), "serve", "--timeout", "-1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "cannot be negative" in result.stderr


def test_serve_max_rows_cuts_select_answers(tmp_path: Path) -> None:
    location = tmp_path / "rows"
    with KnowledgeGraph.open(location) as kg:
        labels = [(ID[f"model/m{i}"], RDFS.label, Literal(f"Mô hình {i}")) for i in range(20)]
        kg.replace_graphs({str(GRAPH["article/rows"]): labels})
    port = free_port()
    process = start_serve(location, "--port", str(port), "--max-rows", "3")
    try:
        wait_for_line(process, "queries:")
        url = f"http://127.0.0.1:{port}/query"
        query = "SELECT ?s ?l WHERE { ?s ?p ?l } ORDER BY ?s"
        assert len(select(url, query)) == 3
        request = urllib.request.Request(
            url + "?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/csv"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["X-SPARQL-MaxRows"] == "3"
            assert len(response.read().decode("utf-8").splitlines()) == 4  # the header and three rows
        assert len(select(url, "SELECT ?s WHERE { ?s ?p ?l } LIMIT 2")) == 2  # under the limit: all of it
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
