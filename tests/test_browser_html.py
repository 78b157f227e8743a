"""The exported page in headless Chromium: what a reader sees, asks no other host, runs no payload.

Chromium is driven over the DevTools protocol by :mod:`danvan_kg.network.browser` (no extra
dependency). Without chromium the tests skip locally and fail under CI (``.ci/run`` installs it);
the tests on the dev-corpus store skip without the shared corpus, like the ``corpus`` fixture.

Expected counts are computed here from the networkx view by the rules docs/network.md states
(filters, folding, unconnected nodes), independently of the page script, and compared with what
the page reports it draws.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from danvan_kg.cli import main
from danvan_kg.network.aggregate import fold, is_hidden
from danvan_kg.network.browser import Browser, Page, find_chromium
from danvan_kg.network.html import write_html
from danvan_kg.network.projection import neighbourhood, project, search_key
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

ROOT = "document.documentElement.dataset"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if find_chromium() is None:
        message = "chromium is not installed (needed to render the HTML export); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with Browser(width=1400, height=900) as running:
        yield running


@pytest.fixture
def page(browser: Browser) -> Page:
    return browser.page


def _outside(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(("file:", "data:", "about:"))]


def _counts(page: Page) -> tuple[int, int]:
    return int(page.evaluate(f"{ROOT}.drawnNodes")), int(page.evaluate(f"{ROOT}.drawnEdges"))


def _run(page: Page, script: str) -> None:
    page.evaluate(f"(function () {{ {script} }}()); true")
    page.settle()


def _untick(page: Page, selector: str, on: bool = False) -> None:
    _run(
        page,
        f"var b = document.querySelector({json.dumps(selector)}); b.checked = {json.dumps(on)}; "
        "b.dispatchEvent(new Event('change'));",
    )


def _choose(page: Page, element_id: str, value: str) -> None:
    _run(
        page,
        f"var s = document.getElementById({json.dumps(element_id)}); s.value = {json.dumps(value)}; "
        "s.dispatchEvent(new Event('change'));",
    )


def _search(page: Page, text: str) -> None:
    _run(
        page,
        f"document.getElementById('search').value = {json.dumps(text)}; "
        "document.getElementById('search-form').requestSubmit();",
    )


def expected_view(
    graph: nx.MultiDiGraph,
    *,
    hidden: Iterable[Any] = (),
    classes_off: Iterable[str] = (),
    relations_off: Iterable[str] = (),
    province: tuple[str, str] | None = None,
    years: tuple[int, int] | None = None,
    undated: bool = True,
    unconnected: bool = False,
) -> tuple[int, int]:
    """(nodes, edges) drawn under the page's rules, computed from the networkx view."""
    hidden, classes_off, relations_off = set(hidden), set(classes_off), set(relations_off)
    focus = set(graph.graph.get("focus", ()))

    def years_ok(d: dict[str, Any]) -> bool:
        item_years = d.get("years") or []
        is_undated = bool(d.get("undated", not item_years))
        if years is None:
            return undated or bool(item_years)
        return (undated and is_undated) or any(years[0] <= y <= years[1] for y in item_years)

    def placed(n: Any) -> bool:
        return province is not None and province[1] in (graph.nodes[n].get(f"province_{province[0]}") or [])

    def unplaced(n: Any) -> bool:
        d = graph.nodes[n]
        return not (d.get("province_2025") or d.get("province_2020"))

    base = {
        n: d["type"] not in classes_off and years_ok(d) and (province is None or unplaced(n) or placed(n))
        for n, d in graph.nodes(data=True)
    }
    edges = [
        (u, v)
        for u, v, k, d in graph.edges(keys=True, data=True)
        if k not in relations_off and years_ok(d) and base[u] and base[v]
    ]
    if province is not None:
        linked = {v for u, v in edges if placed(u)} | {u for u, v in edges if placed(v)}
        for n in graph.nodes:
            if base[n] and unplaced(n) and n not in linked:
                base[n] = False
        edges = [(u, v) for u, v in edges if base[u] and base[v]]
    edges = [(u, v) for u, v in edges if u not in hidden and v not in hidden]
    touched = {n for edge in edges for n in edge}
    nodes = [
        n for n in graph.nodes if base[n] and n not in hidden and (n in touched or n in focus or unconnected)
    ]
    return len(nodes), len(edges)


# ---- the sample with hostile text ----------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    folder = tmp_path_factory.mktemp("hostile")
    kg = load_sample(KnowledgeGraph.open(None, backend="memory"), folder, HOSTILE_TRIG)
    graph = project(kg)
    return write_html(graph, folder / "hostile.html", title=HOSTILE_LABEL), graph


def test_network_is_drawn_without_outside_requests(
    page: Page, hostile_page: tuple[Path, nx.MultiDiGraph]
) -> None:
    path, graph = hostile_page
    page.open(path)
    assert _counts(page) == (graph.number_of_nodes(), graph.number_of_edges())  # every node has an edge
    assert page.evaluate("document.querySelectorAll('#network canvas').length") == 1
    assert page.requests and all(u.startswith("file:") for u in page.requests)  # only the page itself
    assert _outside(page.requests) == []
    assert page.evaluate("window.__violations") == []  # nothing even tried (and was blocked by CSP)


def test_hostile_labels_show_as_text_and_run_nothing(
    page: Page, hostile_page: tuple[Path, nx.MultiDiGraph]
) -> None:
    path, _graph = hostile_page
    page.open(path)
    _search(page, "onerror")  # a part of the hostile label: the info panel shows it
    assert page.evaluate(f"{ROOT}.searchHits") == "1"
    assert page.evaluate("document.querySelector('#info h3').textContent") == HOSTILE_LABEL
    assert page.evaluate("document.title") == HOSTILE_LABEL
    assert page.evaluate("document.getElementById('page-title').textContent") == HOSTILE_LABEL
    assert HOSTILE_LABEL in page.evaluate(
        "danvan.labels().map(function (b) { return b.text; })"
    )  # drawn as text
    count_payload_edges = (
        "JSON.parse(document.getElementById('graph-data').textContent).edges"
        ".filter(function (e) { return e.sentence.indexOf('</script>') >= 0; }).length"
    )
    assert page.evaluate(count_payload_edges) == 1
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    assert page.evaluate(f"{ROOT}.pwned === undefined") is True
    assert page.dialogs == []
    assert _outside(page.requests) == []


# ---- synthetic networks --------------------------------------------------------------------


def test_click_highlight_search_and_class_filter(page: Page, tmp_path: Path) -> None:
    graph = synthetic_network(40, seed=2)
    page.open(write_html(graph, tmp_path / "small.html"))
    isolated = sum(1 for n in graph if graph.degree(n) == 0)
    assert isolated > 0
    assert _counts(page) == expected_view(graph) == (40 - isolated, graph.number_of_edges())
    assert page.evaluate(f"{ROOT}.unconnected") == str(isolated)  # hidden behind the toggle, counted
    _untick(page, "#unconnected", on=True)
    assert _counts(page)[0] == 40
    _untick(page, "#unconnected")
    models = sum(1 for _n, d in graph.nodes(data=True) if d["type"] == "Model")
    _untick(page, 'input[data-cls="Model"]')
    assert _counts(page) == expected_view(graph, classes_off={"Model"}) == (0, 0)  # every edge has a model
    _untick(page, "#unconnected", on=True)
    assert _counts(page) == (40 - models, 0)
    _untick(page, 'input[data-cls="Model"]', on=True)
    _untick(page, "#unconnected")
    # diacritics-insensitive search highlights the node and its neighbours
    hub = max(graph.nodes, key=graph.degree)
    label = graph.nodes[hub]["label"]
    _search(page, search_key(label).upper())  # no diacritics, other case
    assert page.evaluate(f"{ROOT}.searchHits") == "1"
    neighbours = set(nx.all_neighbors(graph, hub)) | {hub}
    assert page.evaluate(f"{ROOT}.highlighted") == str(len(neighbours))
    assert page.evaluate("document.querySelector('#info h3').textContent") == label


def test_large_page_draws_without_physics(page: Page, tmp_path: Path) -> None:
    graph = synthetic_network(800, seed=4)
    page.open(write_html(graph, tmp_path / "large.html"))
    assert _counts(page) == expected_view(graph, hidden=fold(graph).hidden)
    assert page.evaluate("document.getElementById('physics').checked") is False
    assert int(page.evaluate(f"{ROOT}.labels")) > 20  # hubs are named even at this zoom
    assert _outside(page.requests) == []


def test_a_hub_with_many_leaves_is_folded_and_opens(page: Page, tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("hub", label="Phong trào thử", type="Movement", degree=31)
    graph.add_node("org", label="Hội thử", type="Organisation", degree=1)
    graph.add_edge("hub", "org", key="launchedBy", relation="launchedBy")
    for i in range(30):
        graph.add_node(f"m{i}", label=f"Mô hình thử {i}", type="Model", degree=1)
        graph.add_edge(f"m{i}", "hub", key="partOf", relation="partOf")
    page.open(write_html(graph, tmp_path / "star.html"))
    assert _counts(page) == (1 + 1 + 8, 1 + 8)
    assert page.evaluate(f"{ROOT}.drawnGroups") == "1"
    assert "+22 mô hình / models" in page.evaluate("danvan.labels().map(function (b) { return b.text; })")
    _run(page, "danvan.network.emit('click', { nodes: ['g0'], edges: [] });")
    assert _counts(page) == (32, 31) and page.evaluate(f"{ROOT}.drawnGroups") == "0"
    _run(page, "document.getElementById('collapse-all').click();")
    assert _counts(page) == (10, 9)
    _search(page, "mo hinh thu 9")  # kept: 0, 1, 10…15 (label order); 9 is folded: search opens its group
    assert page.evaluate(f"{ROOT}.searchHits") == "1" and _counts(page) == (32, 31)


# ---- the dev-corpus store ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_graph(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    """The bundled data plus the dev corpus texts, projected (built like a user would)."""
    folder = tmp_path_factory.mktemp("corpus-store")
    store = folder / "store"
    assert main(["--store", str(store), "build", "--out", str(folder / "out")]) == 0
    assert main(["--store", str(store), "ingest", str(corpus / "texts")]) == 0
    with KnowledgeGraph.open(store) as kg:
        return project(kg)


@pytest.fixture(scope="module")
def dvk(
    corpus_graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, nx.MultiDiGraph]:
    view = neighbourhood(corpus_graph, "Dân vận khéo", 2)
    return write_html(view, tmp_path_factory.mktemp("dvk") / "dvk.html", title="Dân vận khéo"), view


LABEL_GEOMETRY = """
(function () {
  var net = danvan.network, scale = net.getScale();
  return danvan.labels().map(function (b) {
    var p = net.getPositions([b.id])[b.id], dom = net.canvasToDOM(p);
    return { id: b.id, x: b.x, y: b.y, w: b.w, h: b.h, nx: dom.x, ny: dom.y,
             r: (net.body.nodes[b.id].options.size || 14) * scale };
  });
}())
"""


def test_focus_export_opens_with_no_two_labels_overlapping(
    page: Page, dvk: tuple[Path, nx.MultiDiGraph]
) -> None:
    path, view = dvk
    page.open(path)
    page.settle()
    boxes = page.evaluate(LABEL_GEOMETRY)
    drawn = int(page.evaluate(f"{ROOT}.drawnNodes")) + int(page.evaluate(f"{ROOT}.drawnGroups"))
    width, height = page.evaluate(
        "[document.getElementById('network').clientWidth, document.getElementById('network').clientHeight]"
    )
    assert len(boxes) >= 0.6 * drawn  # most of the first view is labelled, not just a few hubs
    focus_ids = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent).focus")
    assert set(focus_ids) <= {b["id"] for b in boxes}  # the focus is labelled
    for box in boxes:  # each label sits next to its own node, as the page placed that node
        nearest_x = min(max(box["nx"], box["x"]), box["x"] + box["w"])
        nearest_y = min(max(box["ny"], box["y"]), box["y"] + box["h"])
        assert ((nearest_x - box["nx"]) ** 2 + (nearest_y - box["ny"]) ** 2) ** 0.5 <= box["r"] + 6, box
        assert (
            box["x"] >= 0 and box["x"] + box["w"] <= width and box["y"] >= 0 and box["y"] + box["h"] <= height
        )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
            overlap_y = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
            assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)
    folding = fold(view, view.graph["focus"])
    assert _counts(page) == expected_view(view, hidden=folding.hidden)
    assert page.evaluate("window.__violations") == [] and _outside(page.requests) == []


def test_a_folded_group_opens_on_click(page: Page, dvk: tuple[Path, nx.MultiDiGraph]) -> None:
    path, view = dvk
    page.open(path)
    folding = fold(view, view.graph["focus"])
    assert folding.groups and page.evaluate(f"{ROOT}.drawnGroups") == str(len(folding.groups))
    labels = page.evaluate("danvan.labels().map(function (b) { return b.text; })")
    assert f"+{len(folding.groups[0].members)} mô hình / models" in labels
    _run(page, "danvan.network.emit('click', { nodes: ['g0'], edges: [] });")
    order = sorted(view.nodes, key=lambda n: (folding.distance.get(n, 0), str(n)))
    still = is_hidden(order, folding.parents, set(folding.group_of) - set(folding.groups[0].members))
    assert _counts(page) == expected_view(view, hidden=still)
    assert page.evaluate("document.getElementById('info').dataset.showing") == "group"


def test_relation_province_and_year_filters(page: Page, dvk: tuple[Path, nx.MultiDiGraph]) -> None:
    path, view = dvk
    page.open(path)
    _run(page, "document.getElementById('expand-all').click();")
    everything = expected_view(view)
    assert _counts(page) == everything
    # relations: only "part of" and "run by"
    others = {k for _u, _v, k in view.edges(keys=True)} - {"partOf", "runBy"}
    for relation in others:
        _untick(page, f'input[data-rel="{relation}"]')
    assert _counts(page) == expected_view(view, relations_off=others)
    assert _counts(page)[1] < everything[1]
    for relation in others:
        _untick(page, f'input[data-rel="{relation}"]', on=True)
    assert _counts(page) == everything
    provinces = page.evaluate(
        "JSON.parse(document.getElementById('graph-data').textContent).provinces"
        ".map(function (p, i) { return [i, p.structure, p.name, p.count]; })"
    )
    index = {(structure, name): i for i, structure, name, _count in provinces}
    names_2025 = {name for _i, structure, name, _c in provinces if structure == "2025"}
    busiest = max((p for p in provinces if p[1] == "2025"), key=lambda p: p[3])
    merged_away = max((p for p in provinces if p[1] == "2020" and p[2] not in names_2025), key=lambda p: p[3])
    # the 2025 province with most nodes, and a 2020 province that is now part of another one
    for key in [(busiest[1], busiest[2]), (merged_away[1], merged_away[2])]:
        _choose(page, "province", str(index[key]))
        counted = _counts(page)
        assert counted == expected_view(view, province=key)
        assert 0 < counted[0] < everything[0]
    _choose(page, "province", "-1")
    # source year 2024 only, undated sources left out
    _choose(page, "year-from", "2024")
    _choose(page, "year-to", "2024")
    _untick(page, "#undated")
    counted = _counts(page)
    assert counted == expected_view(view, years=(2024, 2024), undated=False)
    assert 0 < counted[0] < everything[0]
    # all three at once
    _choose(page, "province", str(index[("2025", "Tỉnh Đồng Tháp")]))
    _untick(page, 'input[data-rel="locatedIn"]')
    assert _counts(page) == expected_view(
        view,
        province=("2025", "Tỉnh Đồng Tháp"),
        years=(2024, 2024),
        undated=False,
        relations_off={"locatedIn"},
    )


def test_search_finds_an_alias_and_says_when_nothing_matches(
    page: Page, dvk: tuple[Path, nx.MultiDiGraph]
) -> None:
    path, view = dvk
    page.open(path)
    keys: dict[str, set[Any]] = {}
    for n, d in view.nodes(data=True):
        for name in [d["label"], *d.get("aliases", [])]:
            keys.setdefault(search_key(name), set()).add(n)
    node, alias = next(
        (n, a)
        for n, d in sorted(view.nodes(data=True), key=lambda item: str(item[0]))
        for a in d.get("aliases", [])
        if search_key(a) != search_key(d["label"])
        and keys[search_key(a)] == {n}
        and not any(search_key(a) in k for k in keys if k != search_key(a))
    )
    _search(page, search_key(alias).upper())  # the alias without diacritics
    assert page.evaluate(f"{ROOT}.searchHits") == "1"
    assert page.evaluate("document.querySelector('#info h3').textContent") == view.nodes[node]["label"]
    assert page.evaluate("document.getElementById('status').className") == ""
    _search(page, "khong co mo hinh nao nhu the")
    assert page.evaluate(f"{ROOT}.searchHits") == "0"
    status = page.evaluate("document.getElementById('status').textContent")
    assert "no match" in status and "Không tìm thấy" in status
    assert page.evaluate("document.getElementById('status').className") == "miss"


def test_reading_panel_shows_relations_with_evidence(page: Page, dvk: tuple[Path, nx.MultiDiGraph]) -> None:
    path, view = dvk
    page.open(path)
    focus = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent).focus[0]")
    _run(page, f"danvan.network.emit('click', {{ nodes: [{focus}], edges: [] }});")
    assert page.evaluate("document.querySelector('#info h3').textContent") == "Dân vận khéo"
    items = page.evaluate("document.querySelectorAll('#info li.rel').length")
    assert items == min(30, view.degree(view.graph["focus"][0]))
    assert (
        page.evaluate("document.querySelectorAll('#info li.rel blockquote').length") > 0
    )  # evidence sentences
    assert page.evaluate("document.querySelectorAll('#info li.rel a[href^=\"http\"]').length") > 0  # sources
    edge = page.evaluate(
        "JSON.parse(document.getElementById('graph-data').textContent).edges"
        ".filter(function (e) { return e.sentence && e.sources.length; })[0].id"
    )
    _run(page, f"danvan.network.emit('click', {{ nodes: [], edges: [{edge}] }});")
    assert page.evaluate("document.getElementById('info').dataset.showing") == "edge"
    assert page.evaluate("document.querySelectorAll('#info blockquote').length") == 1


def test_whole_network_hides_unconnected_nodes_behind_a_toggle(
    page: Page, corpus_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    page.open(write_html(corpus_graph, tmp_path / "all.html"))
    isolated = sum(1 for n in corpus_graph if corpus_graph.degree(n) == 0)
    folding = fold(corpus_graph)
    assert isolated > 0
    assert page.evaluate(f"{ROOT}.unconnected") == str(isolated)
    assert _counts(page) == expected_view(corpus_graph, hidden=folding.hidden)
    before = _counts(page)[0]
    _untick(page, "#unconnected", on=True)
    assert _counts(page)[0] == before + isolated
    assert _outside(page.requests) == []
