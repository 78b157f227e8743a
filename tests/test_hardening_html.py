"""HTML safety of exported network pages, checked in headless Chromium.

Classic payloads go in as entity labels, sentences, article titles and URLs and as the page
title. Each payload, if it ever ran, would set ``data-pwned`` on the root element. The page is
loaded with a small harness that captures the vis-network instance and "clicks" a node or an
edge, so the info panel (the tooltip) is rendered too; the dumped DOM must show the payloads
as text, never as elements, and no ``javascript:`` link.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from conftest import require_tool
from danvan_kg.network.html import render_html

pytestmark = pytest.mark.slow  # hostile articles through the HTML exports

PWN = "document.documentElement.setAttribute('data-pwned','1')"
PAYLOADS = [
    f'<img src=x onerror="{PWN}">',
    f"</script><script>{PWN}</script>",
    f'"><svg onload="{PWN}">',
    f"javascript:{PWN}",
    f'\'><iframe srcdoc="<script>parent.{PWN}</script>">',
    f"\u2028\u2029</script><!--<script>{PWN}//",
    "{{ APP_JS }} {{ DATA }}",
    f"]]><script>{PWN}</script><![CDATA[",
]
URLS = [
    f"javascript:{PWN}",
    f'https://example.org/a"><img src=x onerror="{PWN}">',
    f"data:text/html,<script>{PWN}</script>",
    f"JaVaScRiPt:{PWN}",
]
HARNESS_BEFORE = """<script>
(function () {
  var Original = vis.Network;
  vis.Network = function (c, d, o) { var n = new Original(c, d, o); window.__net = n; return n; };
  vis.Network.prototype = Original.prototype;
}());
</script>
"""
HARNESS_AFTER = """<script>
setTimeout(function () {
  var what = location.hash.slice(1);
  var id = 0;
  window.__net.emit("click", what === "edge" ? { nodes: [], edges: [id] } : { nodes: [id], edges: [] });
  document.documentElement.setAttribute("data-harness", what || "node");
}, 200);
</script>
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if os.path.exists(f"/usr/bin/{name}"):
            return f"/usr/bin/{name}"
    return require_tool("chromium", "headless browser for the HTML safety tests")


def dump_dom(page: Path, fragment: str = "") -> str:
    result = subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--dump-dom",
            "--virtual-time-budget=5000",
            page.resolve().as_uri() + fragment,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def with_harness(page: str) -> str:
    marker = page.index("/* danvan-kg network page")
    start = page.rindex("<script", 0, marker)
    page = page[:start] + HARNESS_BEFORE + page[start:]
    end = page.rindex("</body>")
    return page[:end] + HARNESS_AFTER + page[end:]


def hostile_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    ids = []
    for i, payload in enumerate(PAYLOADS):
        iri = f"https://w3id.org/danvan-kg/id/model/p{i}"
        ids.append(iri)
        graph.add_node(
            iri,
            iri=iri,
            label=payload,
            type="Model" if i % 2 else "Organisation",
            subtype=payload,
            place=payload,
            sources=[*URLS, payload],
            sentence=payload,
            degree=1,
        )
    for i in range(len(ids) - 1):
        graph.add_edge(
            ids[i],
            ids[i + 1],
            key="runBy",
            relation="runBy",
            evidence_count=1,
            confidence=0.9,
            sentence=PAYLOADS[(i + 1) % len(PAYLOADS)],
            quote=PAYLOADS[i],
            source=URLS[i % len(URLS)],
            source_title=PAYLOADS[i],
        )
    return graph


def assert_inert(dom: str) -> None:
    assert "data-render-state" in dom, "the page script did not run at all"
    assert not re.search(r"\sdata-pwned=", dom), "a payload ran"
    assert not re.search(r"<(img|svg|iframe)\b", dom, re.I), "a payload became an element"
    assert not re.search(r"href=\"\s*(javascript|data):", dom, re.I), "a javascript:/data: link was rendered"


@pytest.mark.browser
@pytest.mark.parametrize("fragment", ["#node", "#edge"])
def test_payloads_stay_text_in_the_page_and_its_info_panel(tmp_path: Path, fragment: str) -> None:
    title = PAYLOADS[0]
    page = tmp_path / "net.html"
    page.write_text(with_harness(render_html(hostile_graph(), title=title, physics=False)), encoding="utf-8")
    dom = dump_dom(page, fragment)
    assert_inert(dom)
    assert f'data-harness="{fragment[1:]}"' in dom, "the harness did not click"
    head_title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert head_title and html.unescape(head_title.group(1)) == title
    info = re.search(r'<section id="info"[^>]*>(.*?)</section>', dom, re.S)
    assert info, "the info panel is missing"
    shown = html.unescape(re.sub(r"<[^>]+>", "\n", info.group(1)))
    if fragment == "#node":
        assert PAYLOADS[0] in shown  # label, shown as text in the panel
        assert URLS[0] in shown  # a javascript: URL is listed as text, not linked
    else:
        assert PAYLOADS[1].replace("\u2028", "") in shown.replace("\u2028", "")  # the edge sentence


@pytest.mark.browser
def test_page_source_never_holds_a_closing_script_from_data(tmp_path: Path) -> None:
    page = render_html(hostile_graph(), title=PAYLOADS[1], physics=False)
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert data, "the data block must end at its own </script>"
    assert "<" not in data.group(1) and "\u2028" not in data.group(1)
    assert page.count("/* danvan-kg network page") == 1  # placeholders in labels were not expanded


@pytest.mark.browser
def test_viz_from_hostile_articles(tmp_path: Path) -> None:
    """End to end: hostile titles, URLs and quoted names in articles → store → ``viz`` → browser."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i, payload in enumerate(PAYLOADS[:4]):
        name = payload.replace("\u2028", " ").replace("\n", " ")
        (folder / f"a{i}.txt").write_text(
            f"url: {URLS[i % len(URLS)]}\ntitle: {name}\noutlet: {name}\n\n"
            f'Hội Nông dân xã Tân Thành, tỉnh Đồng Tháp xây dựng mô hình "{name}" '
            f'trong phong trào "Dân vận khéo {i}".\n',
            encoding="utf-8",
        )
    store = tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if k != "DANVAN_KG_DEBUG"}
    ingest = subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), "ingest", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert "Traceback" not in ingest.stderr
    out = tmp_path / "viz.html"
    viz = subprocess.run(
        [
            sys.executable,
            "-m",
            "danvan_kg",
            "--store",
            str(store),
            "viz",
            "--out",
            str(out),
            "--title",
            PAYLOADS[2],
            "--physics",
            "off",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert viz.returncode == 0, viz.stderr
    page = tmp_path / "viz-harness.html"
    page.write_text(with_harness(out.read_text(encoding="utf-8")), encoding="utf-8")
    for fragment in ("#node", "#edge"):
        assert_inert(dump_dom(page, fragment))
