"""Find the entities a user means: by label or alias, ignoring case and diacritics, or by IRI.

The text is turned into its search key and matched against ``dv:searchKey`` with the
``search`` question's query (the key is bound by the engine, never pasted into SPARQL).
Exact key matches win (the text as typed, then with its abbreviations spelled out: "TP Hồ Chí
Minh" = "thành phố Hồ Chí Minh"); substring matches are the fallback when nothing matches exactly.
Among exact matches, those spelled exactly as typed (diacritics included) beat those equal only
without diacritics ("Quảng Bình" is the province, not the district "Quang Bình"). A place name
resolves to one place (:func:`one_place`).

On a store with the entity index (``graph/index``, :mod:`danvan_kg.rdf.entity_index`) exact keys,
descriptions and search words are read there: one statement per entity instead of one per article
naming it, so a lookup costs the same at 10M triples as at 100k. Whatever the index does not answer
(an older store, an entity imported without a refresh) is read from the union of graphs as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from danvan_kg.errors import QueryError
from danvan_kg.ids import CORE_CLASSES, PREFIXES, SUPPORTING_CLASSES
from danvan_kg.query.catalogue import get_question
from danvan_kg.query.targets import Target
from danvan_kg.rdf.entity_index import search_tokens
from danvan_kg.resolve import expand_abbreviations, search_key
from danvan_kg.sparql.files import load_query
from danvan_kg.sparql.terms import Row, to_plain
from danvan_kg.sparql.text import bind_values, with_prefixes
from danvan_kg.text.normalise import normalise

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_QUOTES = re.compile(r"[\"'“”‘’«»„‟]")
_IRI = re.compile(r"^<?(https?://[^\s<>\"{}|^`\\]+)>?$")
_CURIE = re.compile(r"^([A-Za-z][\w-]*):([\w][\w/.-]*)$")
_TYPE_ORDER = (*CORE_CLASSES, *SUPPORTING_CLASSES)

DEFAULT_LIMIT = 20
"""How many entities a label may stand for before the rest are left out (with a note)."""


@dataclass(frozen=True)
class Match:
    """One entity matching what the user typed."""

    iri: URIRef
    label: str
    types: tuple[str, ...]
    aliases: str
    exact: bool
    names: tuple[str, ...] = ()
    """Every label and alias (the preferred label first)."""
    province: str = ""
    """The province a local thing's identity belongs to (``dv:area``), "" for national things."""

    @property
    def type(self) -> str:
        """The core class (local name) of the entity, or its first dv: class."""
        for name in _TYPE_ORDER:
            if name in self.types:
                return name
        return self.types[0] if self.types else ""


def as_iri(text: str) -> URIRef | None:
    """``text`` as an IRI when it is one (``https://…``, ``<…>`` or a known ``prefix:local``)."""
    text = text.strip()
    if m := _IRI.match(text):
        return URIRef(m.group(1))
    if (m := _CURIE.match(text)) and m.group(1) in PREFIXES:
        return URIRef(PREFIXES[m.group(1)] + m.group(2))
    return None


DESCRIBE_BATCH = 500
"""Entities described per query by :func:`describe_many` (a VALUES block of their IRIs)."""


def _match(iri: URIRef, rows: Sequence[Row], exact: bool) -> Match | None:
    if not any(to_plain(r.get("typed")) for r in rows):
        return None
    types = sorted({str(r["typeName"]) for r in rows if r.get("typeName")})
    labels = sorted({str(r["labelText"]) for r in rows if r.get("labelText")})
    preferred = sorted({str(r["name"]) for r in rows if r.get("name")})
    # the preferred label (graph/labels); without one, the first label in code-point order
    label = preferred[0] if preferred else (labels[0] if labels else str(iri))
    others = {str(r["aliasText"]) for r in rows if r.get("aliasText")} | set(labels)
    aliases = sorted(others - {label})
    return Match(
        iri=iri,
        label=label,
        types=tuple(types),
        aliases="; ".join(aliases),
        exact=exact,
        names=(label, *aliases),
        province="; ".join(sorted({str(r["province"]) for r in rows if r.get("province")})),
    )


def _query(name: str) -> str:
    return with_prefixes(load_query("danvan_kg.query.queries", name))


def has_index(target: Target) -> bool:
    """Whether ``target`` holds the entity index (``graph/index``).

    A plain rdflib graph (the inferred copy of ``--infer``) has no named graphs, and rdflib refuses
    a ``GRAPH`` pattern on it: no index there, so lookups read the entities' own statements.
    """
    try:
        return target.ask(_query("has_index.rq"))
    except QueryError:
        return False


def describe(target: Target, iri: URIRef, exact: bool = True) -> Match | None:
    """Label, classes and aliases of an entity (``None`` when the store does not type it)."""
    return describe_many(target, [iri], exact).get(iri)


def describe_many(
    target: Target, iris: Sequence[URIRef], exact: bool = True, *, indexed: bool | None = None
) -> dict[URIRef, Match]:
    """:func:`describe` for many entities in a few queries (untyped ones are left out).

    The IRIs (taken from the store's own answers) go in as a VALUES block of rdflib-serialised
    terms, :data:`DESCRIBE_BATCH` at a time: one query instead of one per entity. The entity index
    is read first (``indexed``: whether there is one, asked when ``None``); entities it does not
    know are read from the union of graphs.
    """
    unique = [iri for iri in dict.fromkeys(iris) if isinstance(iri, URIRef)]
    out: dict[URIRef, Match] = {}
    if unique and (indexed if indexed is not None else has_index(target)):
        out = _describe_with(target, _query("index_entity.rq"), unique, exact)
    missing = [iri for iri in unique if iri not in out]
    if missing:
        out.update(_describe_with(target, _query("entity.rq"), missing, exact))
    return out


def _describe_with(target: Target, text: str, iris: list[URIRef], exact: bool) -> dict[URIRef, Match]:
    rows_of: dict[URIRef, list[Row]] = {iri: [] for iri in iris}
    for start in range(0, len(iris), DESCRIBE_BATCH):
        batch = iris[start : start + DESCRIBE_BATCH]
        for row in target.select(bind_values(text, [{"entity": iri} for iri in batch])):
            entity = row.get("entity")
            if entity in rows_of:
                rows_of[entity].append(row)  # type: ignore[index]
    out: dict[URIRef, Match] = {}
    for iri, rows in rows_of.items():
        if (match := _match(iri, rows, exact)) is not None:
            out[iri] = match
    return out


def loose_key(key: str) -> str:
    """``key`` with punctuation ignored: runs of characters other than a-z and 0-9 as one space."""
    return " ".join(_NOT_ALNUM.sub(" ", key).split())


def _hits(target: Target, query: str, value: str) -> list[tuple[URIRef, bool]]:
    """Matching entities, exact key matches first, then by key and IRI (sorted here, not by the engine)."""
    best: dict[URIRef, tuple[bool, str]] = {}
    for row in target.select(query, {"q": Literal(value)}):
        if not to_plain(row.get("hit")):
            continue
        entity = row.get("entity")
        if isinstance(entity, URIRef):
            exact, key = bool(to_plain(row.get("exact"))), str(row.get("key") or "")
            if entity not in best or (not exact, key) < (not best[entity][0], best[entity][1]):
                best[entity] = (exact, key)
    ordered = sorted(best.items(), key=lambda item: (not item[1][0], item[1][1], str(item[0])))
    return [(entity, exact) for entity, (exact, _) in ordered]


def _word_hits(target: Target, name: str, value: str, most: int | None = None) -> list[tuple[URIRef, bool]]:
    """:func:`_hits` through the entity index: the entities having the longest word of ``value``
    (the first ``most`` + 1 rows the engine gives, when ``most`` is set)."""
    words = search_tokens(value)
    if not words:
        return []
    token = max(words, key=len)
    best: dict[URIRef, tuple[bool, str]] = {}
    text = _query(name) + (f"LIMIT {most + 1}\n" if most else "")
    for row in target.select(text, {"q": Literal(value), "token": Literal(token)}):
        entity = row.get("entity")
        if to_plain(row.get("hit")) and isinstance(entity, URIRef):
            exact, key = bool(to_plain(row.get("exact"))), str(row.get("key") or "")
            if entity not in best or (not exact, key) < (not best[entity][0], best[entity][1]):
                best[entity] = (exact, key)
    ordered = sorted(best.items(), key=lambda item: (not item[1][0], item[1][1], str(item[0])))
    return [(entity, exact) for entity, (exact, _) in ordered]


def key_hits(target: Target, text: str, most: int | None = None) -> list[tuple[URIRef, bool]]:
    """Entities whose search key contains the key of ``text``, exact matches first.

    When nothing matches, punctuation is ignored on both sides ("tet quan dan" finds "Tết Quân - Dân").
    With the entity index, the candidates are the entities whose keys have the longest word of the
    text as a whole word (an index lookup); only when those give nothing (a piece of a word, an
    older store) is every key of the store read. ``most``: with the index, read no more than about
    that many hits (a common word names thousands of entities; the caller shows a few).
    """
    key = search_key(text)
    if not key:
        return []
    loose = loose_key(key)
    if has_index(target):
        hits = _word_hits(target, "index_search.rq", key, most)
        if not hits and loose:
            hits = _word_hits(target, "index_search_loose.rq", loose, most)
        if most and len(hits) > most:  # cut short: the exact matches may lie further on, add them
            exact = [(e, True) for e in exact_hits(target, text, indexed=True)]
            hits = list(dict(exact + [(e, x) for e, x in hits if e not in dict(exact)]).items())
        if hits:
            return hits
    hits = _hits(target, with_prefixes(get_question("search").text), key)
    if hits or not loose:
        return hits
    return _hits(target, _query("search_loose.rq"), loose)


def exact_hits(target: Target, text: str, *, indexed: bool | None = None) -> list[URIRef]:
    """Entities whose search key equals the key of ``text`` (an index lookup, no scan).

    Read from the entity index (``indexed``: whether there is one, asked when ``None``), else, or
    when the index knows no such key, from the union of graphs.
    """
    key = search_key(text)
    if not key:
        return []
    rows: list[Row] = []
    if indexed if indexed is not None else has_index(target):
        rows = target.select(_query("index_exact.rq"), {"q": Literal(key)})
    if not rows:
        rows = target.select(_query("search_exact.rq"), {"q": Literal(key)})
    return list(dict.fromkeys(e for r in rows if isinstance(e := r.get("entity"), URIRef)))


def _described(
    target: Target, entities: Sequence[URIRef], wanted: set[str], exact: bool, limit: int, indexed: bool
) -> tuple[list[Match], bool]:
    described = describe_many(target, entities, exact=exact, indexed=indexed)
    matches = [m for e in entities if (m := described.get(e)) and (not wanted or wanted & set(m.types))]
    return matches[:limit], len(matches) > limit


_UNIT = re.compile(
    r"^(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?|xã|phường|thị trấn|thôn|ấp|bản)\s+", re.IGNORECASE
)


def spelled(text: str) -> str:
    """``text`` compared as spelled: NFC, modern tone marks, casefolded, quotes dropped, one space."""
    return " ".join(_QUOTES.sub("", normalise(text)).casefold().split())


def exactly_spelled(text: str, matches: list[Match]) -> list[Match]:
    """The matches one of whose names is spelled as ``text`` (diacritics count; a leading unit word
    "tỉnh", "huyện", "xã" ... is ignored on both sides unless ``text`` has one), else all of them."""
    typed = spelled(text)
    same = [m for m in matches if typed in {spelled(n) for n in m.names}]
    if same or _UNIT.match(typed):
        return same or matches
    bare = [m for m in matches if typed in {spelled(_UNIT.sub("", n)) for n in m.names}]
    return bare or matches


def find(
    target: Target, text: str, classes: Sequence[str] = (), *, limit: int = DEFAULT_LIMIT
) -> tuple[list[Match], bool]:
    """Entities of ``classes`` (any class when empty) that ``text`` names, and whether some were cut.

    Exact search-key matches (an index lookup) are returned when there are any of those classes,
    for the text as typed or else with its abbreviations spelled out; among them those spelled
    exactly as typed win. Otherwise substring matches (a scan of the keys), then matches ignoring
    punctuation.
    """
    iri = as_iri(text)
    if iri is not None:
        match = describe(target, iri)
        if match is None or (classes and not set(classes) & set(match.types)):
            return [], False
        return [match], False
    wanted = set(classes)
    indexed = has_index(target)
    for variant in dict.fromkeys((text, expand_abbreviations(normalise(text)))):
        hits = exact_hits(target, variant, indexed=indexed)
        matches, truncated = _described(target, hits, wanted, True, limit, indexed)
        if matches:
            return exactly_spelled(text, matches), truncated
    partial = [entity for entity, _ in key_hits(target, text)]
    return _described(target, partial, wanted, False, limit, indexed)


_LEVEL_RANK = {"province": 0, "region": 1, "district": 2, "ward": 3, "hamlet": 4}


def one_place(target: Target, matches: list[Match]) -> list[Match]:
    """The place a name means: one match per distinct place, a province before a same-named district.

    A place as articles name it (``id:place/dong-thap``), the administrative units it is
    (``dv:unit2020``/``dv:unit2025``) and a 2020 and a 2025 province of the same name are one place;
    it is represented by the article's place node (whose units the questions follow into both
    structures), else by the 2025 unit (which contains its 2020 namesake through ``dv:mergedInto``),
    else by the 2020 unit. Only genuinely different places (two districts "Châu Thành" of two
    provinces) stay several.
    """
    if len(matches) < 2:
        return matches
    levels: dict[Node, str] = {m.iri: "" for m in matches}
    units: dict[Node, set[Node]] = {m.iri: set() for m in matches}
    text = with_prefixes(load_query("danvan_kg.query.queries", "place_units.rq"))
    for row in target.select(bind_values(text, [{"place": m.iri} for m in matches])):
        place = row.get("place")
        if place is not None and place in levels:
            if (level := row.get("level")) is not None:
                levels[place] = str(level)
            if isinstance(unit := row.get("unit"), URIRef):
                units[place].add(unit)
    best = min(_LEVEL_RANK.get(level, 9) for level in levels.values())
    kept = [m for m in matches if _LEVEL_RANK.get(levels[m.iri], 9) == best]
    groups: list[list[Match]] = []
    for m in kept:
        linked = units[m.iri] | {m.iri}
        for group in groups:
            if any(g.iri in linked or m.iri in units[g.iri] or _same_unit_name(m, g) for g in group):
                group.append(m)
                break
        else:
            groups.append([m])
    return [min(group, key=_representative) for group in groups]


def _same_unit_name(a: Match, b: Match) -> bool:
    """A 2020 and a 2025 administrative unit named alike ("Tỉnh Đồng Tháp" of both structures)."""
    admin = "/id/admin/"
    return (
        admin in a.iri
        and admin in b.iri
        and a.iri.split("/")[-3] != b.iri.split("/")[-3]
        and (spelled(a.label) == spelled(b.label))
    )


def _representative(m: Match) -> tuple[int, str]:
    iri = str(m.iri)
    rank = 2 if "/admin/2020/" in iri else 1 if "/admin/2025/" in iri else 0
    return (rank, iri)
