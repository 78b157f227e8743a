"""A self-contained interactive HTML page of an entity network.

The page inlines vis-network (shipped inside the pyvis package) and our own template, so it
opens offline and requests nothing from any other host. Node and edge lists are built here as
JSON (pyvis's ``add_edge`` is quadratic) and embedded in a ``<script type="application/json">``
with ``<``, ``>``, ``&`` and U+2028/2029 escaped, so no label can close the script element;
the page script shows labels through ``textContent`` only. A Content-Security-Policy meta tag
forbids every outside request as defence in depth.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import tomllib
from collections import Counter
from collections.abc import Hashable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from danvan_kg import __version__
from danvan_kg.errors import DanvanError, InputError
from danvan_kg.network.aggregate import FOLD_ABOVE, fold, node_degree
from danvan_kg.network.facets import STRUCTURES
from danvan_kg.network.layout import Method, arrange, resolve_method
from danvan_kg.resolve import search_key

SizeBy = Literal["degree", "centrality"]

PHYSICS_THRESHOLD = 500
"""The force layout (``--layout spring``) starts with physics on up to this many nodes."""


def _styles() -> dict[str, dict[str, dict[str, Any]]]:
    text = resources.files(__package__).joinpath("styles.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


_STYLES = _styles()
CLASS_STYLE: dict[str, dict[str, str]] = {k: v for k, v in _STYLES["classes"].items() if k != "Other"}
"""Colour, vis-network shape, legend glyph, label and plural noun of each class (``styles.toml``)."""
_OTHER_STYLE = _STYLES["classes"]["Other"]
RELATION_STYLE: dict[str, dict[str, Any]] = {k: v for k, v in _STYLES["relations"].items() if k != "Other"}
"""Colour, legend label and dashing of each relation (``styles.toml``)."""
_OTHER_RELATION = _STYLES["relations"]["Other"]

_MIN_SIZE, _MAX_SIZE = 8.0, 40.0
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"\{\{ ([A-Z_]+) \}\}")


def script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)


@cache
def _asset(package: str, *parts: str) -> str:
    return resources.files(package).joinpath(*parts).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    """vis-network's JS or CSS from the installed pyvis package (version 9.1.2)."""
    for parts in (("lib", "vis-9.1.2", name), ("templates", "lib", "vis-9.1.2", name)):
        try:
            return _asset("pyvis", *parts)
        except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
            continue
    raise DanvanError(f"vis-network {name} not found in the pyvis package (is pyvis>=0.3.2 installed?)")


def node_sizes(graph: nx.Graph, size_by: SizeBy = "degree", *, seed: int = 0) -> dict[Hashable, float]:
    """Display size of every node, from its degree or its betweenness centrality.

    Centrality is sampled (``k`` pivots) above 1,000 nodes so that it stays within seconds.
    """
    if graph.number_of_nodes() == 0:
        return {}
    if size_by == "degree":
        score = {n: float(node_degree(graph, n)) for n, d in graph.nodes(data=True)}
    elif size_by == "centrality":
        simple: nx.Graph = nx.Graph()
        simple.add_nodes_from(graph.nodes)
        simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
        n = simple.number_of_nodes()
        k = None if n <= 1000 else min(n, 64)
        score = nx.betweenness_centrality(simple, k=k, seed=seed)
    else:
        raise InputError(f"unknown size measure {size_by!r} (degree or centrality)")
    top = max(score.values()) or 1.0
    return {n: round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(s / top), 1) for n, s in score.items()}


_SCHEME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*:|^\s*//|\\|[\x00-\x1f\x7f]")


def check_map_link(url: str | None) -> str:
    """A relative URL for the page's link to a map page ("" for none); anything else is an error.

    Only relative links are accepted (``map.html``, ``../maps/dan-van-kheo.html#p=1``): the page
    links to a file next to it, never to a host or a ``javascript:`` URL.
    """
    if not url:
        return ""
    if _SCHEME.search(url):
        raise InputError(f"--map-link {url!r}: give a relative URL such as map.html (no scheme, no host)")
    return url


def _province_table(graph: nx.Graph) -> tuple[list[dict[str, Any]], dict[tuple[str, str], int]]:
    counts: Counter[tuple[str, str]] = Counter()
    for _n, d in graph.nodes(data=True):
        for structure in STRUCTURES:
            counts.update((structure, p) for p in d.get(f"province_{structure}", ()) or ())
    order = sorted(counts, key=lambda k: (STRUCTURES.index(k[0]), _province_key(k[1]), k[1]))
    table = [
        {"name": name, "structure": structure, "count": counts[(structure, name)]}
        for structure, name in order
    ]
    return table, {key: i for i, key in enumerate(order)}


def _province_key(name: str) -> str:
    """Sort key of a province name without its "Tỉnh" / "Thành phố" prefix."""
    return re.sub(r"^(tinh|thanh pho)\s+", "", search_key(name))


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v for v in value.split("; ") if v]
    return list(value)


def _distinct_aliases(label: str, aliases: list[Any]) -> list[str]:
    """Other names that differ from the label and each other by more than case and diacritics."""
    if not aliases:
        return []
    seen = {search_key(label)}
    out = []
    for alias in aliases:
        k = search_key(str(alias))
        if k and k not in seen:
            seen.add(k)
            out.append(str(alias))
    return out


def _years(value: Any) -> list[int]:
    if not value:
        return []
    return sorted({int(y) for y in _as_list(value) if str(y).isdigit()})


def _label_ranks(
    graph: nx.Graph, focus: list[Hashable], distance: dict[Hashable, int]
) -> dict[Hashable, int]:
    """Label priority (0 first): the focus, then closer to it, then better connected."""
    order = sorted(
        graph.nodes,
        key=lambda n: (
            n not in focus,
            distance.get(n, 0),
            -node_degree(graph, n),
            str(graph.nodes[n].get("label", n)),
        ),
    )
    return {n: i for i, n in enumerate(order)}


def page_data(
    graph: nx.MultiDiGraph,
    *,
    title: str = "danvan-kg network",
    size_by: SizeBy = "degree",
    physics: bool | None = None,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    layout: Method = "auto",
    fold_above: int = FOLD_ABOVE,
    map_link: str | None = None,
) -> dict[str, Any]:
    """The JSON object the page script draws.

    ``layout``: ``auto`` (layered for a focus view, i.e. ``graph.graph["focus"]``, else
    community), ``layered``, ``community`` or ``spring``; ``physics`` defaults to on only for
    ``spring`` up to :data:`PHYSICS_THRESHOLD` nodes. Neighbourhoods larger than ``fold_above``
    are folded into aggregate nodes (0: never). ``positions`` overrides the layout of the nodes.
    ``map_link``: a relative URL the header links to as the map of the same data.
    """
    method = resolve_method(graph, layout)
    n_nodes = graph.number_of_nodes()
    if physics is None:
        physics = method == "spring" and n_nodes <= PHYSICS_THRESHOLD
    focus = [n for n in graph.graph.get("focus", ()) if n in graph]
    folding = fold(graph, focus, above=fold_above)
    sizes = node_sizes(graph, size_by)
    if positions is None:
        placed, group_places = arrange(graph, folding, sizes, method=method)
    else:
        placed = {n: positions.get(n, (0.0, 0.0)) for n in graph.nodes}
        group_places = [_mean([placed[m] for m in group.members]) for group in folding.groups]
    index = {node: i for i, node in enumerate(graph.nodes)}
    ranks = _label_ranks(graph, focus, folding.distance)
    counts = Counter(str(d.get("type", "")) for _n, d in graph.nodes(data=True))
    order = [c for c in CLASS_STYLE if c in counts] + sorted(c for c in counts if c not in CLASS_STYLE)
    classes = [{"name": c, "count": counts[c], **CLASS_STYLE.get(c, _OTHER_STYLE)} for c in order]
    provinces, province_index = _province_table(graph)
    nodes = []
    years: Counter[int] = Counter()
    for node, d in graph.nodes(data=True):
        x, y = placed.get(node, (0.0, 0.0))
        node_years = _years(d.get("years"))
        years.update(node_years)
        nodes.append(
            {
                "id": index[node],
                "iri": str(d.get("iri", node)),
                "label": str(d.get("label", node)),
                "aliases": _distinct_aliases(str(d.get("label", node)), _as_list(d.get("aliases"))),
                "type": str(d.get("type", "")),
                "subtype": str(d.get("subtype", "")),
                "place": str(d.get("place", "")),
                "provinces": sorted(
                    province_index[(s, p)] for s in STRUCTURES for p in _as_list(d.get(f"province_{s}"))
                ),
                "years": node_years,
                "undated": bool(d.get("undated", not node_years)),
                "degree": node_degree(graph, node),
                "sources": [str(s) for s in _as_list(d.get("sources"))],
                "sentence": str(d.get("sentence", "")),
                "x": x,
                "y": y,
                "size": sizes[node],
                "rank": ranks[node],
                "focus": node in focus,
                "parents": [index[p] for p in folding.parents.get(node, ())],
                "group": folding.group_of.get(node, -1),
                "distance": folding.distance.get(node, 0),
            }
        )
    edges = []
    relation_counts: Counter[str] = Counter()
    edge_year_counts: Counter[int] = Counter()
    for i, (u, v, k, d) in enumerate(graph.edges(keys=True, data=True)):
        relation = str(d.get("relation", k))
        relation_counts[relation] += 1
        edge_years = _years(d.get("years"))
        edge_year_counts.update(edge_years)
        edges.append(
            {
                "id": i,
                "from": index[u],
                "to": index[v],
                "relation": relation,
                "evidence_count": int(d.get("evidence_count", 0)),
                "confidence": float(d.get("confidence", 1.0)),
                "sentence": str(d.get("sentence", "")),
                "source": str(d.get("source", "")),
                "sources": [str(s) for s in _as_list(d.get("sources"))],
                "years": edge_years,
                "undated": bool(d.get("undated", not edge_years)),
            }
        )
    relation_order = [r for r in RELATION_STYLE if r in relation_counts]
    relation_order += sorted(r for r in relation_counts if r not in RELATION_STYLE)
    relations = [
        {"name": r, "count": relation_counts[r], **RELATION_STYLE.get(r, _OTHER_RELATION)}
        for r in relation_order
    ]
    groups = []
    for i, group in enumerate(folding.groups):
        gx, gy = group_places[i]
        style = CLASS_STYLE.get(group.type, _OTHER_STYLE)
        groups.append(
            {
                "id": i,
                "parent": index[group.parent],
                "type": group.type,
                "relation": group.relation,
                "members": [index[m] for m in group.members],
                "noun": style["plural"],
                "x": gx,
                "y": gy,
            }
        )
    note = f"layout: {method}; size: {size_by}; physics {'on' if physics else 'off'}"
    return {
        "title": title,
        "physics": bool(physics),
        "layout": method,
        "labelSides": ["right", "below", "left", "above"]
        if method == "layered"
        else ["below", "right", "above", "left"],
        "note": note,
        "mapLink": check_map_link(map_link),
        "classes": classes,
        "relations": relations,
        "provinces": provinces,
        "structures": list(STRUCTURES),
        "years": sorted(years | edge_year_counts),
        "focus": [index[n] for n in focus],
        "nodes": nodes,
        "edges": edges,
        "groups": groups,
    }


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    if not points:
        return (0.0, 0.0)
    return (
        round(sum(p[0] for p in points) / len(points), 1),
        round(sum(p[1] for p in points) / len(points), 1),
    )


APP_SCRIPTS = ("core.js", "filters.js", "draw.js", "labels.js", "panel.js", "search.js", "main.js")
"""The page script, in this order inside one function scope (``templates/js/``)."""


def render_html(graph: nx.MultiDiGraph, *, title: str = "danvan-kg network", **options: Any) -> str:
    """The whole self-contained page as a string (see :func:`page_data` for the options)."""
    data = page_data(graph, title=title, **options)
    script = "\n".join(_asset(__package__, "templates", "js", name) for name in APP_SCRIPTS)
    values = {
        "VERSION": html.escape(__version__),
        "TITLE": html.escape(title),
        "VIS_CSS": _vis_asset("vis-network.css"),
        "APP_CSS": _asset(__package__, "templates", "app.css"),
        "DATA": script_json(data),
        "VIS_JS": _vis_asset("vis-network.min.js"),
        "APP_JS": script,
    }
    template = _asset(__package__, "templates", "network.html")
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def write_html(graph: nx.MultiDiGraph, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`render_html` to ``path`` atomically (parent folders created); returns the path."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name such as network.html")
    page = render_html(graph, **options)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
