"""Remote failures: endpoint down, slow, HTTP 500, wrong content type, 401.

``ask --endpoint``, ``sparql --endpoint`` and ``push --endpoint`` each end with a clear one-line
error and a non-zero exit, retry a bounded number of times (the stub counts requests), finish
in bounded time, and never report a partial push as a success. The stubs are ``http.server``
servers in a thread on 127.0.0.1 with port 0.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # slow and failing endpoints, waiting on time-outs

ARTICLES = [
    """url: https://example.org/tin/remote-{n}
title: Bài {n}

Hội Nông dân xã Tân Thành, tỉnh Đồng Tháp xây dựng mô hình "Vườn rau {n}" trong phong trào "Dân vận khéo".
""".replace("{n}", str(n))
    for n in range(4)
]
ENV = {k: v for k, v in os.environ.items() if k not in ("DANVAN_KG_DEBUG", "http_proxy", "HTTP_PROXY")}
ENV["NO_PROXY"] = ENV["no_proxy"] = "127.0.0.1,localhost"


@dataclass
class Stub:
    """What the stub does, and what it saw."""

    mode: str  # "500", "slow", "html", "401", "ok-then-500"
    delay: float = 4.0
    ok_first: int = 1
    requests: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _handler(stub: Stub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output clean
            return

        def _reply(
            self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            with stub.lock:
                stub.requests.append((self.command, self.path))
                n = len(stub.requests)
            if stub.mode == "slow":
                time.sleep(stub.delay)
                empty = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
                self._reply(200, empty, "application/sparql-results+json")
            elif stub.mode == "500":
                self._reply(500, b"Internal Server Error: out of memory\nsecond line", "text/plain")
            elif stub.mode == "html":
                page = b"<html><body>Welcome, please log in</body></html>"
                self._reply(200, page, "text/html; charset=utf-8")
            elif stub.mode == "401":
                self._reply(401, b"Unauthorized", "text/plain", {"WWW-Authenticate": 'Basic realm="sparql"'})
            elif stub.mode == "ok-then-500":
                if n <= stub.ok_first:
                    self._reply(204, b"", "text/plain")
                else:
                    self._reply(500, b"disk full", "text/plain")
            else:
                raise AssertionError(stub.mode)

        do_GET = do_POST = do_PUT = do_DELETE = _handle  # http.server's naming

    return Handler


@contextmanager
def stub_server(stub: Stub) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def dead_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"  # nothing listens there once the socket is closed


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "danvan_kg", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
        stdin=subprocess.DEVNULL,
    )


def assert_one_line_failure(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("danvan-kg: error"), lines[0]
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remote")
    for i, text in enumerate(ARTICLES):
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    location = folder / "store"
    result = run_cli("--store", str(location), "ingest", str(folder))
    assert result.returncode == 0, result.stderr
    return location


def query_commands(url: str) -> list[list[str]]:
    return [
        ["ask", "search", "Dân vận", "--endpoint", url, "--timeout", "1"],
        ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--endpoint", url, "--timeout", "1"],
    ]


# ---------------------------------------------------------------------------------- ask / sparql
@pytest.mark.parametrize(
    ("mode", "words", "max_requests"),
    [
        ("500", ("500",), 5),
        ("slow", ("1 s",), 5),
        ("html", ("text/html",), 1),
        ("401", ("401",), 1),
    ],
)
def test_query_endpoint_failures(mode: str, words: tuple[str, ...], max_requests: int) -> None:
    for command in query_commands("{url}"):
        stub = Stub(mode)
        with stub_server(stub) as base:
            url = f"{base}/query"
            started = time.monotonic()
            result = run_cli(*[part.replace("{url}", url) for part in command])
            elapsed = time.monotonic() - started
        line = assert_one_line_failure(result, *words)
        assert url in line or "endpoint" in line.lower(), line
        assert 1 <= len(stub.requests) <= max_requests, (command[0], stub.requests)
        assert elapsed < 60, f"{command[0]} took {elapsed:.0f} s against a {mode} endpoint"


def test_query_endpoint_down() -> None:
    url = f"{dead_url()}/query"
    for command in query_commands(url):
        started = time.monotonic()
        result = run_cli(*command)
        assert_one_line_failure(result, "unreachable")
        assert time.monotonic() - started < 60


def test_not_an_http_url() -> None:
    for command in query_commands("ftp://127.0.0.1/x"):
        assert_one_line_failure(run_cli(*command), "http")


# ---------------------------------------------------------------------------------- push
def _push(store: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "--store", str(store), "push", "--endpoint", url, "--timeout", "1", "--retries", "2", *extra
    )


def _graph_count(store: Path) -> int:
    result = run_cli("--store", str(store), "stats", "--format", "json")
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["graphs"]["total"])


def assert_push_failed(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode != 0, result.stdout
    assert "push complete" not in result.stdout.lower()
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("danvan-kg:") for line in lines), result.stderr
    return lines


def test_push_to_500_retries_a_bounded_number_of_times(store: Path) -> None:
    graphs = _graph_count(store)
    stub = Stub("500")
    with stub_server(stub) as base:
        result = _push(store, f"{base}/update")
    lines = assert_push_failed(result)
    assert any("500" in line for line in lines), lines
    assert len(stub.requests) <= graphs * 3, f"{len(stub.requests)} requests, {graphs} graphs, --retries 2"


def test_push_to_401_stops_at_once(store: Path) -> None:
    stub = Stub("401")
    with stub_server(stub) as base:
        result = _push(store, f"{base}/update", "--user", "u", "--password", "wrong")
    lines = assert_push_failed(result)
    assert any("401" in line or "credential" in line.lower() for line in lines), lines
    assert len(stub.requests) <= 3, stub.requests  # urllib may resend once with credentials


def test_push_to_slow_endpoint_times_out(store: Path) -> None:
    graphs = _graph_count(store)
    stub = Stub("slow", delay=3)
    with stub_server(stub) as base:
        started = time.monotonic()
        result = _push(store, f"{base}/update")
        elapsed = time.monotonic() - started
    assert_push_failed(result)
    assert 1 <= len(stub.requests) <= graphs * 3
    assert elapsed < 90


def test_push_to_dead_endpoint(store: Path) -> None:
    started = time.monotonic()
    result = _push(store, f"{dead_url()}/update")
    lines = assert_push_failed(result)
    assert any("reach" in line.lower() or "unreachable" in line.lower() for line in lines), lines
    assert time.monotonic() - started < 60


def test_half_push_is_not_reported_as_success(store: Path) -> None:
    graphs = _graph_count(store)
    assert graphs >= 2
    stub = Stub("ok-then-500", ok_first=1)
    with stub_server(stub) as base:
        result = _push(store, f"{base}/update")
    lines = assert_push_failed(result)
    assert any("incomplete" in line.lower() or "failed" in line.lower() for line in lines), lines
    assert len(stub.requests) <= 1 + (graphs - 1) * 3
