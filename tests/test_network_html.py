"""The HTML page: self-contained, escaped, with the data the page script needs; and the layout."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from danvan_kg.errors import InputError
from danvan_kg.network.html import (
    PHYSICS_THRESHOLD,
    node_sizes,
    page_data,
    render_html,
    script_json,
    write_html,
)
from danvan_kg.network.layout import communities, compute_positions
from danvan_kg.network.synthetic import synthetic_network

HOSTILE = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>\u2028&amp;'


class _Collector(HTMLParser):
    """Start tags with their attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def _hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node(
        "https://w3id.org/danvan-kg/id/model/x",
        label=HOSTILE,
        type="Model",
        subtype="",
        place=HOSTILE,
        degree=1,
        sources=["javascript:alert(3)"],
        sentence=HOSTILE,
        iri="https://w3id.org/danvan-kg/id/model/x",
    )
    g.add_node(
        "https://w3id.org/danvan-kg/id/movement/y",
        label="Dân vận khéo",
        type="Movement",
        subtype="",
        place="",
        degree=1,
        sources=[],
        sentence="",
        iri="https://w3id.org/danvan-kg/id/movement/y",
    )
    g.add_edge(
        "https://w3id.org/danvan-kg/id/model/x",
        "https://w3id.org/danvan-kg/id/movement/y",
        key="partOf",
        relation="partOf",
        evidence_count=1,
        confidence=0.8,
        sentence=HOSTILE,
        quote="",
        source=HOSTILE,
        source_title="",
    )
    return g


def _parse(page: str) -> _Collector:
    parser = _Collector()
    parser.feed(page)
    return parser


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"label": HOSTILE})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text
    assert json.loads(text) == {"label": HOSTILE}


def test_hostile_labels_stay_inside_the_data_block() -> None:
    page = render_html(_hostile_graph(), title="<b>tiêu đề</b>")
    parsed = _parse(page)
    scripts = parsed.scripts
    assert len(scripts) == 3  # data, vis-network, page script: the payload added none
    data_attrs, data_text = scripts[0]
    assert data_attrs == {"type": "application/json", "id": "graph-data"}
    data = json.loads(data_text)
    assert data["nodes"][0]["label"] == HOSTILE
    assert data["edges"][0]["sentence"] == HOSTILE
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert "<title>&lt;b&gt;tiêu đề&lt;/b&gt;</title>" in page


def test_page_script_never_uses_inner_html() -> None:
    page = render_html(_hostile_graph())
    app = _parse(page).scripts[2][1]
    assert "textContent" in app
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in app


def test_page_is_self_contained() -> None:
    page = render_html(synthetic_network(40))
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img")
        assert "src" not in attrs, (tag, attrs)
        for name in ("href", "action", "data"):
            assert not (attrs.get(name) or "").startswith(("http", "//")), (tag, attrs)
    assert not re.search(r"@import|url\((?!\"?data:)", page)  # CSS loads nothing but data: images
    for host in ("jsdelivr", "unpkg", "cdnjs", "bootstrap", "googleapis"):
        assert host not in page.lower()
    csp = next(a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp["content"].startswith("default-src 'none'")
    assert "vis.Network" in parsed.scripts[2][1] and "vis-network" in parsed.scripts[1][1][:200]


def test_page_data_shape_and_physics_threshold() -> None:
    small = synthetic_network(50)
    data = page_data(small)
    assert data["layout"] == "community" and data["physics"] is False  # positions computed in Python
    assert len(data["nodes"]) == 50 and len(data["edges"]) == small.number_of_edges()
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in data["edges"])
    assert {c["name"] for c in data["classes"]} == {d["type"] for _n, d in small.nodes(data=True)}
    assert sum(c["count"] for c in data["classes"]) == 50
    assert all({"colour", "shape", "glyph", "label", "plural"} <= set(c) for c in data["classes"])
    assert {r["name"] for r in data["relations"]} == {k for _u, _v, k in small.edges(keys=True)}
    assert sum(r["count"] for r in data["relations"]) == small.number_of_edges()
    assert sorted(n["rank"] for n in data["nodes"]) == list(range(50))
    assert page_data(small, layout="spring")["physics"] is True  # a force layout may move
    big = synthetic_network(PHYSICS_THRESHOLD + 1)
    assert page_data(big, layout="spring")["physics"] is False
    assert page_data(small, layout="spring", physics=False)["physics"] is False
    with pytest.raises(InputError):
        page_data(small, layout="circle")  # type: ignore[arg-type]


def _placed_graph() -> nx.MultiDiGraph:
    """A focus view with provinces, years and aliases, shaped like ``project()`` output."""
    g = nx.MultiDiGraph()
    g.add_node(
        "mv",
        label="Dân vận khéo",
        type="Movement",
        aliases=["dân vận khéo", "DVK"],
        years=[2024],
        undated=False,
        province_2025=[],
        province_2020=[],
        degree=15,
    )
    for i in range(14):
        g.add_node(
            f"m{i}",
            label=f"Mô hình {i}",
            type="Model",
            years=[2020 + i % 3],
            undated=i == 0,
            province_2025=["Tỉnh Đồng Tháp"],
            province_2020=["Tỉnh Tiền Giang" if i % 2 else "Tỉnh Đồng Tháp"],
            degree=1,
        )
        g.add_edge(f"m{i}", "mv", key="partOf", relation="partOf", years=[2020 + i % 3], undated=False)
    g.add_node(
        "org",
        label="Hội Nông dân xã A",
        type="Organisation",
        province_2025=["Tỉnh Đồng Tháp"],
        province_2020=["Tỉnh Đồng Tháp"],
        degree=1,
    )
    g.add_edge("m13", "org", key="runBy", relation="runBy")
    g.graph["focus"] = ["mv"]
    return g


def test_page_data_facets_groups_and_focus() -> None:
    data = page_data(_placed_graph())
    assert data["layout"] == "layered" and data["physics"] is False
    assert data["labelSides"][0] == "right"
    names = [(p["structure"], p["name"], p["count"]) for p in data["provinces"]]
    assert names == [
        ("2025", "Tỉnh Đồng Tháp", 15),
        ("2020", "Tỉnh Đồng Tháp", 8),
        ("2020", "Tỉnh Tiền Giang", 7),
    ]
    assert data["years"] == [2020, 2021, 2022, 2024]
    by_label = {n["label"]: n for n in data["nodes"]}
    assert by_label["Dân vận khéo"]["aliases"] == ["DVK"]  # a case variant of the label is no alias
    assert by_label["Dân vận khéo"]["focus"] is True and by_label["Dân vận khéo"]["rank"] == 0
    assert {data["provinces"][i]["name"] for i in by_label["Mô hình 1"]["provinces"]} == {
        "Tỉnh Đồng Tháp",
        "Tỉnh Tiền Giang",
    }
    assert by_label["Mô hình 0"]["undated"] is True and by_label["Mô hình 1"]["undated"] is False
    (group,) = data["groups"]  # 14 models of one movement: 8 kept, 6 folded
    assert group["parent"] == by_label["Dân vận khéo"]["id"] and group["type"] == "Model"
    assert len(group["members"]) == 6 and group["relation"] == "partOf"
    folded = {n["id"] for n in data["nodes"] if n["group"] == 0}
    assert folded == set(group["members"])
    assert by_label["Hội Nông dân xã A"]["parents"] == [by_label["Mô hình 13"]["id"]]
    assert page_data(_placed_graph(), fold_above=0)["groups"] == []


def test_map_link_is_relative_only() -> None:
    g = _placed_graph()
    assert page_data(g, map_link="map.html#movement=dvk")["mapLink"] == "map.html#movement=dvk"
    assert page_data(g)["mapLink"] == ""
    for bad in ("javascript:alert(1)", "https://example.org/map.html", "//evil.example/x", "a\\b", "x\ny"):
        with pytest.raises(InputError):
            page_data(g, map_link=bad)


def test_node_sizes_follow_degree_and_centrality() -> None:
    g = nx.MultiDiGraph()
    g.add_edges_from([("hub", "a"), ("hub", "b"), ("hub", "c"), ("c", "d")])
    for n in g:
        g.nodes[n]["degree"] = g.degree(n)
    by_degree = node_sizes(g, "degree")
    assert by_degree["hub"] == max(by_degree.values()) and by_degree["a"] < by_degree["hub"]
    by_centrality = node_sizes(g, "centrality")
    assert by_centrality["hub"] == max(by_centrality.values())
    assert by_centrality["a"] == min(by_centrality.values())  # leaves lie on no shortest path
    with pytest.raises(InputError):
        node_sizes(g, "pagerank")  # type: ignore[arg-type]


def test_layout_is_deterministic_and_spreads_nodes() -> None:
    g = synthetic_network(600, seed=3)
    first = compute_positions(g, seed=1)
    assert first == compute_positions(g, seed=1)
    assert set(first) == set(g.nodes)
    points = list(first.values())
    assert len(set(points)) == len(points)  # no two nodes on the same spot
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in points)


def test_communities_cover_every_node_once() -> None:
    g = synthetic_network(300, seed=5)
    g.add_node("lonely", type="Place")
    groups = communities(g)
    members = [n for group in groups for n in group]
    assert sorted(members) == sorted(g.nodes)
    assert ["lonely"] in groups or any(
        "lonely" in grp and all(g.degree(n) == 0 for n in grp) for grp in groups
    )
    assert len(groups[0]) >= len(groups[-1])


def test_write_html_creates_folders_and_refuses_a_folder(tmp_path: Path) -> None:
    target = write_html(synthetic_network(20), tmp_path / "sub" / "net.html", title="t")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob("sub/*.part"))
    with pytest.raises(InputError):
        write_html(synthetic_network(5), tmp_path)


def test_empty_graph_renders() -> None:
    data = page_data(nx.MultiDiGraph())
    assert data["nodes"] == [] and data["classes"] == []
    assert "graph-data" in render_html(nx.MultiDiGraph())


def test_large_star_puts_the_hub_in_the_middle() -> None:
    g = nx.MultiDiGraph()
    for i in range(400):  # above the spring-layout limit: community + radial layout
        g.add_edge(f"leaf{i}", "hub", key="partOf")
    positions = compute_positions(g)
    xs = [positions[f"leaf{i}"][0] for i in range(400)]
    ys = [positions[f"leaf{i}"][1] for i in range(400)]
    cx, cy = sum(xs) / 400, sum(ys) / 400
    assert math.dist(positions["hub"], (cx, cy)) < 1.0
    radii = [math.dist(positions[f"leaf{i}"], positions["hub"]) for i in range(400)]
    assert max(radii) - min(radii) < 1.0  # the leaves form one ring around the hub
