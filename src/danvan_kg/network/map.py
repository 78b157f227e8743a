"""A self-contained HTML map: where the models and organisations of the selected facts are.

The page draws, in SVG and with no outside request, the outline of Vietnam and the 2025 or
2020 provinces (:mod:`danvan_kg.geo.outlines`, approximations built from the package's unit
points), shaded by how many things each province holds, and one sized point per place with
facts (:mod:`danvan_kg.geo.facts`; places sharing a unit's point are one point). Hovering a
point or a province shows its name and counts; clicking lists its models, organisations and
sources. Data reaches the page as JSON in a ``<script type="application/json">`` element
escaped like the network page's, and the page script writes text only through
``textContent``; a Content-Security-Policy forbids every outside request.
"""

from __future__ import annotations

import html
import os
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from danvan_kg import __version__
from danvan_kg.errors import InputError
from danvan_kg.geo.facts import MapFacts, Spot
from danvan_kg.geo.outlines import DECIMALS, outlines
from danvan_kg.network.html import script_json

__all__ = ["check_link", "map_data", "render_map", "write_map"]

_PLACEHOLDER = re.compile(r"\{\{ ([A-Z_]+) \}\}")
_LEVEL_VI = {"province": "tỉnh", "district": "huyện", "ward": "xã"}


@cache
def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def check_link(url: str | None) -> str:
    """A link the page may carry: a relative URL (``network.html``, ``../out/network.html``) or
    http(s). Anything else (``javascript:``, ``data:``, a bare ``//host``) is an InputError."""
    if not url:
        return ""
    parts = urlsplit(url)
    if any(ch in url for ch in "\n\r\t\"'<>`") or (parts.scheme and parts.scheme not in ("http", "https")):
        raise InputError(f"--network-link {url!r}: give a relative URL such as network.html, or http(s)")
    if not parts.scheme and url.startswith("//"):
        raise InputError(f"--network-link {url!r}: give a relative URL such as network.html, or http(s)")
    return url


def _counts(things: dict[str, str], sources: set[str]) -> dict[str, int]:
    return {
        "models": sum(1 for c in things.values() if c == "Model"),
        "organisations": sum(1 for c in things.values() if c == "Organisation"),
        "sources": len(sources),
    }


def _spot_json(spot: Spot, index: dict[str, int], source_index: dict[str, int]) -> dict[str, Any]:
    unit = spot.unit
    name = unit.label if unit is not None else next(iter(spot.places.values()), spot.key)
    return {
        "key": spot.key,
        "name": name,
        "lon": round(spot.lon, 5),
        "lat": round(spot.lat, 5),
        "level": unit.level if unit is not None else "",
        "precision": spot.precision,
        "places": sorted(set(spot.places.values())),
        "provinces": spot.provinces,
        "models": spot.count("Model"),
        "organisations": spot.count("Organisation"),
        "byArea": len(spot.by_area),
        "things": sorted(index[t] for t in spot.things),
        "sources": sorted(source_index[s] for s in spot.sources),
    }


def _region_counts(facts: MapFacts) -> dict[str, dict[str, dict[str, Any]]]:
    """Per structure and province code: distinct things and sources of the facts whose place is
    in it (the rule of :func:`danvan_kg.geo.areas.provinces_of`, as the ``provinces`` question)."""
    things: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for fact in facts.facts:
        for structure, code in facts.provinces.get(fact.place, {}).items():
            things[(structure, code)][fact.thing] = fact.cls
            sources[(structure, code)] |= fact.sources
    out: dict[str, dict[str, dict[str, Any]]] = {"2020": {}, "2025": {}}
    for (structure, code), found in things.items():
        out.setdefault(structure, {})[code] = _counts(found, sources[(structure, code)])
    return out


def map_data(
    facts: MapFacts,
    *,
    title: str = "danvan-kg map",
    filters: str = "",
    structure: str = "2025",
    network_link: str = "",
) -> dict[str, Any]:
    """The JSON object the page script draws (see the module docstring)."""
    if structure not in ("2020", "2025"):
        raise InputError(f"--provinces {structure!r}: 2025 or 2020")
    things = sorted({t for s in facts.spots for t in s.things}, key=lambda t: (facts.labels.get(t, t), t))
    index = {t: i for i, t in enumerate(things)}
    kinds = {t: c for s in facts.spots for t, c in s.things.items()}
    by_area = {t for s in facts.spots for t in s.by_area}
    ordered_sources = sorted(facts.sources.values(), key=lambda s: (s.date, s.title, s.iri))
    source_index = {s.iri: i for i, s in enumerate(ordered_sources)}
    return {
        "title": title,
        "filters": filters,
        "structure": structure,
        "networkLink": check_link(network_link),
        "decimals": DECIMALS,
        "outline": outlines().as_json(),
        "regionCounts": _region_counts(facts),
        "things": [
            {"label": facts.labels.get(t, t), "iri": t, "cls": kinds[t], "area": t in by_area} for t in things
        ],
        "sources": [
            {"title": s.title or s.url or s.iri, "url": s.url, "date": s.date} for s in ordered_sources
        ],
        "spots": [_spot_json(s, index, source_index) for s in facts.spots],
        "unplaced": sorted(set(facts.unplaced.values())),
        "notes": facts.notes,
        "levels": _LEVEL_VI,
    }


def render_map(facts: MapFacts, **options: Any) -> str:
    """The whole self-contained page as a string (options as for :func:`map_data`)."""
    data = map_data(facts, **options)
    link = ""
    if data["networkLink"]:
        link = (
            f'<a id="network-link" href="{html.escape(data["networkLink"], quote=True)}">'
            "Mạng quan hệ / network</a>"
        )
    values = {
        "VERSION": html.escape(__version__),
        "TITLE": html.escape(data["title"]),
        "NETWORK_LINK": link,
        "CSS": _asset("map.css"),
        "DATA": script_json(data),
        "JS": _asset("map.js"),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("map.html"))


def write_map(facts: MapFacts, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write :func:`render_map` to ``path`` atomically (parent folders created); returns the path."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name such as map.html")
    page = render_map(facts, **options)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(target)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target
