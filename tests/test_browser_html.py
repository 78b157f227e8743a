"""The exported page in headless Chromium: it draws the network, asks no other host, runs no payload.

Chromium is driven over the DevTools protocol with a tiny websocket client (no extra
dependency). Without chromium the tests skip locally and fail under CI (``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from danvan_kg.network.html import write_html
from danvan_kg.network.projection import project, search_key
from danvan_kg.network.synthetic import synthetic_network
from danvan_kg.store import KnowledgeGraph
from test_network_sample import load_sample

pytestmark = pytest.mark.browser

HOSTILE_LABEL = "<img src=x onerror=document.documentElement.dataset.pwned=1>"
HOSTILE_SENTENCE = "</script><script>document.documentElement.dataset.pwned=2;alert(2)</script>"
HOSTILE_TRIG = f"""
<https://w3id.org/danvan-kg/graph/article/cccccccccccccccc> {{
  <https://w3id.org/danvan-kg/id/article/cccccccccccccccc> a dv:Article ; dct:title '''{HOSTILE_SENTENCE}''' .
  <https://w3id.org/danvan-kg/id/model/hostile> a dv:Model ;
      rdfs:label '''{HOSTILE_LABEL}'''@vi ;
      dv:mentionedIn <https://w3id.org/danvan-kg/id/article/cccccccccccccccc> ;
      dv:partOf <https://w3id.org/danvan-kg/id/movement/dan-van-kheo> .
  <https://w3id.org/danvan-kg/id/evidence/h000000000000001> a dv:Evidence ;
      rdf:subject <https://w3id.org/danvan-kg/id/model/hostile> ;
      rdf:predicate dv:partOf ;
      rdf:object <https://w3id.org/danvan-kg/id/movement/dan-van-kheo> ;
      dv:sentence '''{HOSTILE_SENTENCE}''' ;
      dv:confidence 0.7 ;
      prov:wasDerivedFrom <https://w3id.org/danvan-kg/id/article/cccccccccccccccc> .
}}
"""  # appended to the sample, whose prefixes (dv:, dct:, rdf:, rdfs:, prov:) stay in scope

WATCH_SCRIPT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.blockedURI);
});
"""


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found:
        return found
    message = "chromium is not installed (needed to render the HTML export); .ci/run installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class _WebSocket:
    """Just enough RFC 6455 for the DevTools protocol: masked text frames out, whole messages in."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        assert url.startswith("ws://")
        host_port, _, path = url[5:].partition("/")
        host, _, port = host_port.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("websocket handshake closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError(head.decode(errors="replace"))

    def _exact(self, n: int) -> bytes:
        out = bytearray()
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                raise ConnectionError("websocket closed")
            out += chunk
        return bytes(out)

    def send(self, text: str) -> None:
        payload = text.encode()
        header = bytearray([0x81])
        n = len(payload)
        if n < 126:
            header.append(0x80 | n)
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(bytes(header) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def recv(self) -> str:
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(n)
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise ConnectionError("websocket closed by chromium")
            if opcode in (0x9, 0xA):  # ping/pong: not used by chromium here
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()

    def close(self) -> None:
        self.sock.close()


class _Page:
    """One Chromium tab over CDP, recording the URLs it requests and any JS dialog."""

    def __init__(self, ws_url: str) -> None:
        self.ws = _WebSocket(ws_url)
        self.next_id = 0
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        for method in ("Network.enable", "Page.enable", "Runtime.enable"):
            self.call(method)
        self.call("Page.addScriptToEvaluateOnNewDocument", source=WATCH_SCRIPT)

    def _event(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method == "Network.requestWillBeSent":
            self.requests.append(message["params"]["request"]["url"])
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(message["params"].get("message", ""))
            self.ws.send(
                json.dumps(
                    {
                        "id": 10**6 + len(self.dialogs),
                        "method": "Page.handleJavaScriptDialog",
                        "params": {"accept": True},
                    }
                )
            )

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, path: Path, timeout: float = 45.0) -> None:
        """Navigate to a local file and wait until the page script says the network was drawn."""
        self.requests.clear()
        self.dialogs.clear()
        self.call("Page.navigate", url=path.resolve().as_uri())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.evaluate("document.documentElement.dataset.renderState || ''") == "drawn":
                    return
            except RuntimeError:
                pass  # the new document is not ready yet
            time.sleep(0.1)
        raise AssertionError(f"{path.name}: the network was not drawn within {timeout} s")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Page]:
    binary = _chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "--window-size=1200,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        target = next(t for t in targets if t.get("type") == "page")
        tab = _Page(target["webSocketDebuggerUrl"])
        yield tab
        tab.ws.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    folder = tmp_path_factory.mktemp("hostile")
    kg = load_sample(KnowledgeGraph.open(None, backend="memory"), folder, HOSTILE_TRIG)
    graph = project(kg)
    return write_html(graph, folder / "hostile.html", title=HOSTILE_LABEL), graph


def _outside(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(("file:", "data:", "about:"))]


def test_network_is_drawn_without_outside_requests(
    page: _Page, hostile_page: tuple[Path, nx.MultiDiGraph]
) -> None:
    path, graph = hostile_page
    page.open(path)
    assert page.evaluate("document.documentElement.dataset.drawnNodes") == str(graph.number_of_nodes())
    assert page.evaluate("document.documentElement.dataset.drawnEdges") == str(graph.number_of_edges())
    assert page.evaluate("document.querySelectorAll('#network canvas').length") == 1
    assert page.requests and all(u.startswith("file:") for u in page.requests)  # only the page itself
    assert _outside(page.requests) == []
    assert page.evaluate("window.__violations") == []  # nothing even tried (and was blocked by CSP)


def test_hostile_labels_show_as_text_and_run_nothing(
    page: _Page, hostile_page: tuple[Path, nx.MultiDiGraph]
) -> None:
    path, _graph = hostile_page
    page.open(path)
    # search by a part of the hostile label: the info panel shows it
    page.evaluate(
        "document.getElementById('search').value = 'onerror'; "
        "document.getElementById('search-form').requestSubmit(); true"
    )
    assert page.evaluate("document.documentElement.dataset.searchHits") == "1"
    assert page.evaluate("document.querySelector('#info h3').textContent") == HOSTILE_LABEL
    assert page.evaluate("document.title") == HOSTILE_LABEL
    assert page.evaluate("document.getElementById('page-title').textContent") == HOSTILE_LABEL
    # the hostile sentence reached the page as data (and, below, ran nothing)
    count_payload_edges = (
        "JSON.parse(document.getElementById('graph-data').textContent).edges"
        ".filter(function (e) { return e.sentence.indexOf('</script>') >= 0; }).length"
    )
    assert page.evaluate(count_payload_edges) == 1
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert page.evaluate("document.documentElement.dataset.pwned === undefined") is True
    assert page.dialogs == []
    assert _outside(page.requests) == []


def test_click_highlight_search_and_class_filter(page: _Page, tmp_path: Path) -> None:
    graph = synthetic_network(40, seed=2)
    page.open(write_html(graph, tmp_path / "small.html"))
    assert page.evaluate("document.documentElement.dataset.drawnNodes") == "40"
    models = sum(1 for _n, d in graph.nodes(data=True) if d["type"] == "Model")
    page.evaluate(
        "var b = document.querySelector('input[data-cls=\"Model\"]'); b.checked = false; "
        "b.dispatchEvent(new Event('change')); true"
    )
    assert page.evaluate("document.documentElement.dataset.visibleNodes") == str(40 - models)
    page.evaluate(
        "var b = document.querySelector('input[data-cls=\"Model\"]'); b.checked = true; "
        "b.dispatchEvent(new Event('change')); true"
    )
    assert page.evaluate("document.documentElement.dataset.visibleNodes") == "40"
    # diacritics-insensitive search highlights the node and its neighbours
    hub = max(graph.nodes, key=graph.degree)
    label = graph.nodes[hub]["label"]
    plain = search_key(label).upper()  # no diacritics, other case
    page.evaluate(
        f"document.getElementById('search').value = {json.dumps(plain)}; "
        "document.getElementById('search-form').requestSubmit(); true"
    )
    assert page.evaluate("document.documentElement.dataset.searchHits") == "1"
    neighbours = set(nx.all_neighbors(graph, hub)) | {hub}
    assert page.evaluate("document.documentElement.dataset.highlighted") == str(len(neighbours))
    assert page.evaluate("document.querySelector('#info h3').textContent") == label


def test_large_page_draws_without_physics(page: _Page, tmp_path: Path) -> None:
    graph = synthetic_network(800, seed=4)
    page.open(write_html(graph, tmp_path / "large.html"))
    assert page.evaluate("document.documentElement.dataset.drawnNodes") == "800"
    assert page.evaluate("document.getElementById('physics').checked") is False
    assert _outside(page.requests) == []
