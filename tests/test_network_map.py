"""The map page: its data, escaping, links, and (in headless Chromium) what it draws and shows.

The browser tests drive headless Chromium with :mod:`danvan_kg.network.browser`. On the
dev-corpus store they check that the page draws one point per place with facts, asks no other
host, and that hovering a point or a province shows the counts an independent query (or the
``provinces`` question) gives.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from danvan_kg.errors import InputError
from danvan_kg.geo.facts import gather
from danvan_kg.geo.units import unit_of_iri
from danvan_kg.network.browser import Browser, Page, find_chromium
from danvan_kg.network.map import check_link, map_data, render_map, write_map
from danvan_kg.query import ask
from danvan_kg.query.sparqltext import with_prefixes
from danvan_kg.rdf.namespaces import DV, GRAPH, ID, SCHEMA
from danvan_kg.store import KnowledgeGraph
from test_geo_facts import open_places

HOSTILE = "<img src=x onerror=document.documentElement.dataset.pwned=1>"
HOSTILE_TITLE = "</script><script>document.documentElement.dataset.pwned=2</script>"

# Located models and organisations with the points of their places, read by the test's own
# query (not the page's code): a dv:locatedIn, else (placed nowhere by the text) the dv:area
# province; a place with two points counts at its most precise one.
LOCATED = """
SELECT DISTINCT ?thing ?class ?place ?g WHERE {
  VALUES ?class { dv:Model dv:Organisation }
  ?thing a ?class .
  { ?thing dv:locatedIn ?place }
  UNION
  { ?thing dv:area ?place . FILTER NOT EXISTS { ?thing dv:locatedIn ?other } }
  ?place geo:hasGeometry ?g .
}
"""
_RANK = {"ward": 0, "district": 1, "province": 2}


def _per_point(kg: KnowledgeGraph) -> dict[str, tuple[int, int]]:
    rows = kg.select(with_prefixes(LOCATED))
    points: dict[str, set[str]] = {}
    for row in rows:
        points.setdefault(str(row["place"]), set()).add(str(row["g"]))
    chosen = {p: min(gs, key=lambda g: (_RANK[unit_of_iri(g).precision], g)) for p, gs in points.items()}
    things: dict[str, dict[str, set[str]]] = {}
    for row in rows:
        if chosen[str(row["place"])] == str(row["g"]):
            found = things.setdefault(str(row["g"]), {"Model": set(), "Organisation": set()})
            found[str(row["class"]).rsplit("#", 1)[-1]].add(str(row["thing"]))
    return {g: (len(f["Model"]), len(f["Organisation"])) for g, f in things.items()}


@pytest.fixture(scope="module")
def places() -> Iterator[KnowledgeGraph]:
    with open_places() as kg:
        yield kg


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    """One headless Chromium tab for the module (skips locally, fails under CI, without chromium)."""
    if find_chromium() is None:
        message = "chromium is not installed (needed to render the map page); .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with Browser(width=1200, height=800) as browser:
        yield browser.page


def _outside(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(("file:", "data:", "about:"))]


def test_page_data(places: KnowledgeGraph) -> None:
    data = map_data(gather(places), title="t", network_link="network.html")
    assert data["networkLink"] == "network.html"
    assert len(data["spots"]) == 5
    assert {t["cls"] for t in data["things"]} == {"Model", "Organisation"}
    by_name = {s["name"]: s for s in data["spots"]}
    my_xuong = by_name["Xã Mỹ Xương"]
    assert (my_xuong["models"], my_xuong["organisations"], len(my_xuong["sources"])) == (2, 0, 2)
    assert my_xuong["precision"] == "ward" and my_xuong["places"] == ["xã Mỹ Xương", "ấp Mới"]
    assert data["regionCounts"]["2025"]["82"] == {"models": 3, "organisations": 1, "sources": 3}
    # the model placed only by its province (dv:area) stands at 2025 Đồng Tháp's point, marked
    area = next(s for s in data["spots"] if s["key"].endswith("/point/2025/province/82"))
    assert (area["name"], area["models"], area["byArea"]) == ("Tỉnh Đồng Tháp", 1, 1)
    assert [t["label"] for t in data["things"] if t["area"]] == ["Mô hình Năm"]
    assert data["regionCounts"]["2020"]["01"] == {"models": 1, "organisations": 1, "sources": 2}
    assert data["unplaced"] == ["Tây Nguyên"]
    assert len(data["outline"]["regions"]["2020"]) == 63


def test_region_counts_agree_with_the_provinces_question(places: KnowledgeGraph) -> None:
    data = map_data(gather(places))
    for structure in ("2025", "2020"):
        rows = ask(places, "provinces", structure=structure)
        expected = {
            r["province"].rsplit("/", 1)[-1]: {k: r[k] for k in ("models", "organisations", "sources")}
            for r in rows
        }
        assert data["regionCounts"][structure] == expected


def test_links_must_be_relative_or_http() -> None:
    assert check_link("network.html") == "network.html"
    assert check_link("../out/network.html#x") == "../out/network.html#x"
    assert check_link("https://example.org/n.html") == "https://example.org/n.html"
    assert check_link(None) == ""
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example/x", 'a.html" onmouseover="x'):
        with pytest.raises(InputError, match="--network-link"):
            check_link(bad)


def _hostile_store() -> KnowledgeGraph:
    """The places fixture plus a model with a markup label, stated by an article whose title
    closes the script element and whose "URL" is javascript:."""
    kg = open_places()
    model, article, evidence = ID["model/hostile"], ID["article/hostile"], ID["evidence/hostile"]
    graph = Graph()
    graph.add((model, RDF.type, DV.Model))
    graph.add((model, RDFS.label, Literal(HOSTILE, lang="vi")))
    graph.add((model, DV.locatedIn, ID["place/ha-noi"]))
    graph.add((article, RDF.type, DV.Article))
    graph.add((article, DCTERMS.title, Literal(HOSTILE_TITLE)))
    graph.add((article, SCHEMA.url, Literal("javascript:alert(1)")))
    graph.add((evidence, RDF.type, DV.Evidence))
    graph.add((evidence, RDF.subject, model))
    graph.add((evidence, RDF.predicate, DV.locatedIn))
    graph.add((evidence, RDF.object, ID["place/ha-noi"]))
    graph.add((evidence, PROV.wasDerivedFrom, article))
    kg.replace_graph(str(GRAPH["article/hostile"]), graph)
    return kg


def test_hostile_text_is_escaped_in_the_page() -> None:
    with _hostile_store() as kg:
        page_text = render_map(gather(kg), title=HOSTILE)
    assert "<img src=x" not in page_text and "</script><script>" not in page_text
    assert "&lt;img src=x" in page_text  # the title, escaped
    assert page_text.count("<script") == 2  # the data and the page script, nothing else
    assert "content=\"default-src 'none'" in page_text


def test_write_map_refuses_a_folder(places: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        write_map(gather(places), tmp_path)
    written = write_map(gather(places), tmp_path / "sub" / "map.html")
    assert written.is_file() and not list(tmp_path.glob("sub/*.part"))


# ------------------------------------------------------------------------------ in Chromium
def _tip(page: Page) -> str:
    return page.evaluate(
        "document.getElementById('tip').hidden ? '' : document.getElementById('tip').textContent"
    )


# A point inside the index-th element matching a selector where that element is the one under
# the pointer (not covered by a point or a label): the middle when it is free, else the first
# free spot of a 15 x 15 grid over its box. Null when it is covered everywhere.
_FREE_POINT = """
(function (selector, index) {
  var target = document.querySelectorAll(selector)[index];
  var r = target.getBoundingClientRect();
  function mine(x, y) { var e = document.elementFromPoint(x, y); return e === target || target.contains(e); }
  var mx = r.left + r.width / 2, my = r.top + r.height / 2;
  if (mine(mx, my)) { return [mx, my]; }
  for (var i = 1; i < 15; i++) {
    for (var j = 1; j < 15; j++) {
      var x = r.left + r.width * i / 15, y = r.top + r.height * j / 15;
      if (mine(x, y)) { return [x, y]; }
    }
  }
  return null;
})
"""


def _hover(page: Page, selector: str, index: int) -> str | None:
    """Move the real mouse onto the index-th element matching selector; the tooltip text, or
    None when the element is covered everywhere by others."""
    at = page.evaluate(f"{_FREE_POINT}({json.dumps(selector)}, {index})")
    if at is None:
        return None
    page.call("Input.dispatchMouseEvent", type="mouseMoved", x=at[0], y=at[1])
    return _tip(page)


def _counts(text: str) -> tuple[int, int, int]:
    found = re.search(r"(\d+) mô hình / models? · (\d+) tổ chức / organisations? · (\d+) nguồn", text)
    assert found, text
    return int(found.group(1)), int(found.group(2)), int(found.group(3))


@pytest.fixture(scope="module")
def corpus_map(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict, list]:
    """The map page of the dev-corpus store, its data, the per-point counts and the provinces rows."""
    with KnowledgeGraph.open(corpus_store) as kg:
        facts = gather(kg)
        path = write_map(facts, tmp_path_factory.mktemp("map") / "map.html", network_link="network.html")
        per_point = _per_point(kg)
        provinces = ask(kg, "provinces")
    data = json.loads(
        re.search(r'id="map-data">(.*?)</script>', path.read_text("utf-8"), re.S).group(1)  # type: ignore[union-attr]
    )
    return path, data, per_point, provinces


@pytest.mark.browser
@pytest.mark.corpus
def test_corpus_map_draws_one_point_per_place_and_asks_no_one(page: Page, corpus_map) -> None:
    path, data, per_point, _ = corpus_map
    page.open(path)
    # every point with a located model or organisation, by the test's own count, is drawn once
    with_facts = {g for g, (m, o) in per_point.items() if m + o}
    assert {s["key"] for s in data["spots"]} == with_facts
    assert page.evaluate("document.querySelectorAll('#spots .spot').length") == len(with_facts)
    assert page.evaluate("document.documentElement.dataset.drawnSpots") == str(len(with_facts))
    assert page.evaluate("document.documentElement.dataset.drawnRegions") == "34"
    assert page.requests and all(u.startswith("file:") for u in page.requests)
    assert _outside(page.requests) == []
    assert page.evaluate("window.__violations") == []
    assert page.evaluate("document.getElementById('network-link').getAttribute('href')") == "network.html"


@pytest.mark.browser
@pytest.mark.corpus
def test_corpus_map_hover_shows_the_expected_counts(page: Page, corpus_map) -> None:
    path, data, per_point, provinces = corpus_map
    page.open(path)
    checked = 0
    order = page.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('#spots .spot'), s => +s.dataset.index)"
    )
    for position, index in enumerate(order):
        tip = _hover(page, "#spots .spot", position)
        if tip is None:
            continue  # hidden under bigger points: nothing a reader can hover either
        spot = data["spots"][index]
        models, organisations, sources = _counts(tip)
        assert (models, organisations) == per_point[spot["key"]], spot["name"]
        assert sources == len(spot["sources"])
        assert tip.startswith(spot["name"])
        checked += 1
    assert checked >= 0.8 * len(data["spots"])
    # provinces: the shaded 2025 provinces show what `ask provinces` counts
    expected = {
        r["province"].rsplit("/", 1)[-1]: (r["models"], r["organisations"], r["sources"]) for r in provinces
    }
    codes = page.evaluate(
        "Array.prototype.map.call(document.querySelectorAll('#regions path'), p => p.dataset.code)"
    )
    seen = 0
    for index, code in enumerate(codes):
        if code not in expected:
            continue
        tip = _hover(page, "#regions path", index)
        assert tip is not None, code
        assert _counts(tip) == expected[code], code
        seen += 1
    assert seen == len(expected)


@pytest.mark.browser
@pytest.mark.corpus
def test_corpus_map_switches_structures_and_lists_a_place(page: Page, corpus_map) -> None:
    path, data, _, _ = corpus_map
    page.open(path)
    page.evaluate(
        "var r = document.querySelector('input[value=\"2020\"]'); r.checked = true; "
        "r.dispatchEvent(new Event('change')); true"
    )
    assert page.evaluate("document.documentElement.dataset.drawnRegions") == "63"
    page.evaluate(
        "var r = document.querySelector('input[value=\"none\"]'); r.checked = true; "
        "r.dispatchEvent(new Event('change')); true"
    )
    assert page.evaluate("document.querySelectorAll('#regions path').length") == 0
    busiest = max(range(len(data["spots"])), key=lambda i: data["spots"][i]["models"])
    spot = data["spots"][busiest]
    page.evaluate(
        f"document.querySelector('.spot[data-index=\"{busiest}\"]').dispatchEvent(new MouseEvent('click'))"
    )
    assert page.evaluate("document.querySelector('#info h3').textContent") == spot["name"]
    items = page.evaluate("document.querySelectorAll('#info li').length")
    assert items == spot["models"] + spot["organisations"] + len(spot["sources"])


@pytest.mark.browser
def test_hostile_map_runs_nothing(page: Page, tmp_path: Path) -> None:
    with _hostile_store() as kg:
        path = write_map(gather(kg), tmp_path / "hostile.html", title=HOSTILE)
    page.open(path)
    page.evaluate("location.hash = '#place=' + encodeURIComponent('Hà Nội'); true")
    assert page.evaluate("document.querySelector('#info h3').textContent") == "Thành phố Hà Nội"
    assert page.evaluate("document.title") == HOSTILE
    assert HOSTILE in page.evaluate("document.getElementById('info').textContent")
    assert HOSTILE_TITLE in page.evaluate("document.getElementById('info').textContent")
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('#info a').length") == 0  # javascript: is no link
    assert page.evaluate("document.documentElement.dataset.pwned === undefined") is True
    assert page.dialogs == []
    assert _outside(page.requests) == []
