"""The query page of ``danvan-kg serve``: its configuration, the relay to Oxigraph, and the page
itself in headless Chromium (a cookbook query runs, rows show, no request leaves 127.0.0.1)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TestOxigraphServer, free_port
from danvan_kg.query.cookbook import cookbook
from danvan_kg.webfront import Front, page_config, render_page


def _config(page: bytes) -> dict:
    text = page.decode("utf-8")
    return json.loads(text.split('<script id="config" type="application/json">')[1].split("</script>")[0])


def test_the_page_carries_the_cookbook_with_the_prefixes_it_uses() -> None:
    config = page_config("/data/store", writable=False)
    assert [e["name"] for e in config["examples"]] == [r.title for r in cookbook()]
    for example, recipe in zip(config["examples"], cookbook(), strict=True):
        assert example["query"].endswith(recipe.text)
        assert example["query"].startswith("PREFIX dv: <https://w3id.org/danvan-kg/ontology#>")
    assert "PREFIX dv:" in config["newTab"] and "DISTINCT" in config["newTab"]


def test_text_in_the_page_cannot_close_its_script() -> None:
    page = render_page("/tmp/</script><script>alert(1)</script>", writable=True)
    assert page.count(b"</script>") == 3  # yasgui.min.js, the config, the page script: nothing more
    assert _config(page)["store"] == "/tmp/</script><script>alert(1)</script>"


def _post(url: str, query: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "text/csv", "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers["Content-Type"], response.read()


def test_the_front_relays_queries_and_errors_unchanged(oxigraph_server: TestOxigraphServer) -> None:
    oxigraph_server.clear()
    oxigraph_server.load(
        "<https://w3id.org/danvan-kg/graph/article/a> { <urn:m> <urn:name> 'Cà phê treo' . }".encode(),
        "application/trig",
    )
    front = Front(("127.0.0.1", free_port()), ("127.0.0.1", oxigraph_server.port), b"<html>page</html>")
    front.start()
    try:
        base = f"http://127.0.0.1:{front.server_address[1]}/"
        query = "SELECT ?n WHERE { ?m <urn:name> ?n }"
        assert _post(base + "query", query) == _post(oxigraph_server.query_url, query)
        assert _post(base + "query", query)[2].decode("utf-8").splitlines() == ["n", "Cà phê treo"]
        with urllib.request.urlopen(base, timeout=10) as response:
            assert response.read() == b"<html>page</html>"
        with pytest.raises(urllib.error.HTTPError) as bad:
            _post(base + "query", "SELECT nonsense")
        assert bad.value.code == 400  # Oxigraph's own answer, passed on
        chunked = http.client.HTTPConnection("127.0.0.1", front.server_address[1], timeout=30)
        body = urllib.parse.urlencode({"query": query}).encode()
        chunked.putrequest("POST", "/query")
        chunked.putheader("Content-Type", "application/x-www-form-urlencoded")
        chunked.putheader("Accept", "text/csv")
        chunked.putheader("Transfer-Encoding", "chunked")
        chunked.endheaders()
        for piece in (body[:10], body[10:]):
            chunked.send(b"%x\r\n%s\r\n" % (len(piece), piece))
        chunked.send(b"0\r\n\r\n")
        assert chunked.getresponse().read().decode("utf-8").splitlines() == ["n", "Cà phê treo"]
        chunked.close()
    finally:
        front.stop()


# --------------------------------------------------------------------------- the page in Chromium


@pytest.fixture(scope="module")
def served(bundled_build: Path) -> Iterator[str]:
    """``danvan-kg serve`` over the bundled build; yields the page URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "danvan_kg", "--store", str(bundled_build), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        assert process.stdout is not None
        while not process.stdout.readline().strip().startswith("queries:"):
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@pytest.mark.browser
def test_a_cookbook_query_runs_in_the_page_without_outside_requests(served: str, tmp_path: Path) -> None:
    from danvan_kg.network.browser import Browser, find_chromium

    if find_chromium() is None:
        message = "chromium is not installed (needed for the query page); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with Browser(width=1300, height=900) as browser:
        page = browser.page
        page.call("Page.navigate", url=served)
        page.wait_for("document.documentElement.dataset.ready === '1'", what="the query page")
        assert page.evaluate("Object.keys(danvanYasgui._tabs).length") == len(cookbook()) + 1
        assert page.evaluate("danvanYasgui.getTab().getName()") == cookbook()[0].title
        assert "PREFIX movement:" in page.evaluate("danvanYasgui.getTab().getYasqe().getValue()")
        page.evaluate("danvanYasgui.getTab().getYasqe().query(); true")
        rows = (
            "(function () { var r = danvanYasgui.getTab().getYasr().results;"
            " return r ? r.getBindings().length : -1; })()"
        )
        page.wait_for(f"{rows} >= 0", what="the answer")
        assert page.evaluate(rows) > 0
        page.wait_for("document.querySelectorAll('.yasr tbody tr').length > 0", what="the table")
        first = page.evaluate("document.querySelector('.yasr tbody tr').textContent")
        assert "model:" in first  # IRIs shown with the project prefixes
        page.screenshot(tmp_path / "query-page.png")
        requests = list(page.requests)
    host = served.rstrip("/")
    assert requests and all(url.startswith(host + "/") for url in requests), requests
