"""The last step of extraction: local things get the place of their identity in their IRI.

A model, a relative organisation ("Hội Nông dân tỉnh", "Công an xã") or a relative document
("Nghị quyết Đại hội Đảng bộ tỉnh khóa XI", "Nghị quyết số 09-NQ/TU") named the same way in two
provinces is two things. :func:`qualify` rewrites their IRIs (and the ends of relations) so that
the slug of their province follows the slug of their name: ``id:model/phien-cho-0-dong-quang-ninh``.

The province is, in order (docs/data-model.md, "Identity"):

1. the one the text states for the thing: a province in its own name ("Ban Dân vận Tỉnh ủy Đồng
   Tháp"), or the province of the place it is ``locatedIn``;
2. for a model, the province of an organisation running it (``runBy``);
3. the article's province (``DocumentInfo.province``; when the extractor found none, the province
   most of the article's places lie in, else the province a provincial outlet is named after:
   ``yenbai.gov.vn``, ``baodongthap.vn``).

Provinces are named by their canonical short name in the 2020 structure ("Huế" for "Thừa Thiên
Huế", "Hồ Chí Minh" for "TP Hồ Chí Minh"), which keeps IRIs readable and stable; the name is the
one the article uses, so a model of Tiền Giang described before the 2025 merger is
``…-tien-giang``. A local thing with no province at all is qualified by its article
(``…-a1b2c3d4``, the first hex digits of the article key): it is never merged with a namesake
elsewhere. Nationally unique things keep their IRI: catalogued movements and every movement,
central bodies (scope ``national``), documents with a national code or title (``25-NQ/TW``,
``Luật …``, ``Nghị quyết Trung ương 7 khóa XIII``), beneficiary groups, programmes, indices and
places.

Besides the IRI, each qualified entity gets ``extra["province"]`` (canonical name),
``extra["area"]`` (the IRI of that province's administrative unit: 2020, or 2025 for an article
dated after the reorganisation when the province kept its name) and, for models,
``extra["instance_of"]`` (the shared ``id:model-type/<slug>`` concept). The RDF layer writes them
as ``dv:area`` and ``dv:instanceOf``; the ``extract`` JSON is unchanged apart from the IRIs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from danvan_kg.extract.admin import admin_gazetteer as gazetteer
from danvan_kg.extract.model import Entity, Extraction, Relation
from danvan_kg.rdf.namespaces import ID
from danvan_kg.resolve import entity_iri, identity_key, read_table, slug, with_qualifier
from danvan_kg.text.normalise import normalise

__all__ = ["Provinces", "document_scope", "provinces", "qualify"]

LOCAL_CLASSES = ("Organisation", "Model", "Resolution")
REORGANISATION_DATE = "2025-07-01"
"""Articles dated from this day on name provinces of the 34-province structure."""

_MAX_EVIDENCE = 10
# unit words (as slugs) of places below a province: "xa-hoa-binh" is a commune, not the province
_SUB_UNITS = (
    "xa",
    "phuong",
    "thi-tran",
    "huyen",
    "quan",
    "thi-xa",
    "thon",
    "ap",
    "khom",
    "buon",
    "khu-pho",
    "to-dan-pho",
)
_PROVINCE_UNITS = ("tinh", "thanh-pho", "tp")
_CODE_TOKENS = re.compile(r"[-/]")
_HOST = re.compile(r"^[a-z]+://(www\.)?", re.IGNORECASE)
_UNIT_PREFIX = re.compile(r"^(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tp\.?)\s+", re.IGNORECASE)
_PROVINCE_UNIT_WORD = re.compile(r"(?:^| )(?:tỉnh|thành phố|tp)(?: |$)")


@dataclass(frozen=True)
class Provinces:
    """Province names, codes and the place names that identify one province (from vietnamadminunits)."""

    canonical: dict[str, str]  # any spelling's slug -> canonical short name
    code2020: dict[str, str]  # 2020 code -> canonical name
    code2025: dict[str, str]  # 2025 code -> canonical name of the 2025 province
    units: dict[str, tuple[str | None, str | None]]  # canonical name -> (2020 code, 2025 code)
    wards: dict[str, str]  # ward short name (identity key) -> canonical province, when unique
    districts: dict[str, str]  # district short name (identity key) -> canonical province, when unique
    spellings: tuple[str, ...] = ()  # the keys of ``canonical``, longest first

    def name(self, text: str) -> str | None:
        """The canonical province named ``text`` ("TP Hồ Chí Minh", "tỉnh Thừa Thiên Huế"), or None."""
        s = slug(text)
        for unit in _PROVINCE_UNITS:
            if s.startswith(unit + "-") and s[len(unit) + 1 :] in self.canonical:
                return self.canonical[s[len(unit) + 1 :]]
        return self.canonical.get(s)

    def stated(self, iri_slug: str, anywhere: bool = False) -> tuple[str, str] | None:
        """(canonical province, the slug it is spelled with) when a slug names a province: at its end
        ("ban-dan-van-tinh-uy-dong-thap"), or with ``anywhere`` also after "tinh"/"thanh-pho" inside
        ("nghi-quyet-dai-hoi-dang-bo-tinh-dong-thap-lan-thu-xi"); not when a unit word below province
        level precedes it ("hoi-phu-nu-xa-hoa-binh" is a commune's)."""
        tokens = iri_slug.split("-")
        for spelled in self.spellings:
            width = spelled.count("-") + 1
            if tokens[-width:] == spelled.split("-") and len(tokens) > width:
                before = "-".join(tokens[:-width])
                if not any(before == u or before.endswith("-" + u) for u in _SUB_UNITS):
                    return self.canonical[spelled], spelled
        if anywhere:
            for spelled in self.spellings:
                for unit in _PROVINCE_UNITS:
                    if f"-{unit}-{spelled}-" in f"-{iri_slug}-":
                        return self.canonical[spelled], spelled
        return None

    def area(self, province: str, date: str | None) -> str | None:
        """IRI of the administrative unit a thing of ``province`` is qualified by (see module doc)."""
        code2020, code2025 = self.units.get(province, (None, None))
        if code2025 and date and date[:10] >= REORGANISATION_DATE:
            return str(ID[f"admin/2025/province/{code2025}"])
        if code2020:
            return str(ID[f"admin/2020/province/{code2020}"])
        return str(ID[f"admin/2025/province/{code2025}"]) if code2025 else None


@lru_cache(maxsize=1)
def provinces() -> Provinces:
    """The province tables (built once per process)."""
    gaz = gazetteer()
    code2020: dict[str, str] = {}
    for name, entry in gaz.provinces.items():  # legacy names come first, aliases last
        if entry.get("code2020"):
            code2020.setdefault(entry["code2020"], name)
    code2025: dict[str, str] = {}
    canonical: dict[str, str] = {}
    units: dict[str, tuple[str | None, str | None]] = {}
    for name, entry in gaz.provinces.items():
        canon = code2020.get(entry.get("code2020", ""), name)
        canonical.setdefault(slug(name), canon)
        if entry.get("code2025"):
            code2025.setdefault(entry["code2025"], canon)
        old, new = units.get(canon, (None, None))
        units[canon] = (old or entry.get("code2020"), new or entry.get("code2025"))
    canonical.setdefault("tp-ho-chi-minh", code2020.get("79", "Hồ Chí Minh"))
    legacy_short = {e["code2020"]: n for n, e in gaz.provinces.items() if e.get("code2020")}
    districts: dict[str, set[str]] = {}
    for name, rows in gaz.districts.items():
        for _type, _code, prov in rows:
            code = gaz.provinces.get(prov, {}).get("code2020", "")
            districts.setdefault(identity_key(name), set()).add(code2020.get(code, prov))
    wards: dict[str, set[str]] = {}
    data = resources.files("vietnamadminunits") / "data"
    legacy = json.loads((data / "parser_legacy.json").read_text(encoding="utf-8"))
    for pkey, dists in legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
        code = legacy["DICT_PROVINCE"][pkey]["provinceCode"]
        prov = code2020.get(code, legacy_short.get(code, ""))
        for ws in dists.values():
            for w in ws.values():
                if isinstance(w.get("wardShort"), str):
                    wards.setdefault(identity_key(normalise(w["wardShort"])), set()).add(prov)
    return Provinces(
        canonical=canonical,
        code2020=code2020,
        code2025=code2025,
        units=units,
        wards={k: next(iter(v)) for k, v in wards.items() if len(v) == 1},
        districts={k: next(iter(v)) for k, v in districts.items() if len(v) == 1},
        spellings=tuple(sorted(canonical, key=lambda k: (-len(k), k))),
    )


# ------------------------------------------------------------------------------ documents
@lru_cache(maxsize=1)
def _issuers() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Code tokens → scope, and (title word, scope) pairs, from ``data/reference/document_issuers.csv``."""
    tokens: dict[str, str] = {}
    words: list[tuple[str, str]] = []
    for row in read_table("document_issuers.csv", ("id", "scope", "code_tokens", "title_words")):
        scope = row["scope"]
        for token in row["code_tokens"].split("|"):
            if token.strip():
                tokens.setdefault(token.strip().upper(), scope)
        for word in row["title_words"].split("|"):
            if word.strip():
                words.append((identity_key(word.strip()), scope))
    return tokens, words


def document_scope(label: str, code: str | None = None) -> str:
    """``national`` or ``relative`` for a guiding document, by its code's issuer or its title.

    A code token of a national issuer (``TW``, ``TTg``, ``CP``, ``QH`` …) or of a local one (``TU``,
    ``HU``, ``UBND`` …) decides; otherwise the first issuer word of the title ("Trung ương", "Luật",
    "Quốc hội" … national; "Tỉnh ủy", "Đảng bộ tỉnh", "UBND" … relative). A document that names no
    issuer ("Quy chế dân chủ ở cơ sở", "Kế hoạch số 15") is relative: qualified by its province it
    can be split from a namesake elsewhere, but never merged with another province's document, and
    a question asked by its name still finds every province's node.
    """
    tokens, words = _issuers()
    if code:
        found = [tokens[t.upper()] for t in _CODE_TOKENS.split(code) if t.upper() in tokens]
        if "national" in found:
            return "national"
        if found:
            return "relative"
    key = f" {identity_key(label)} "
    best: tuple[int, str] | None = None
    for word, scope in words:
        at = key.find(f" {word} ")
        if at >= 0 and (best is None or at < best[0]):
            best = (at, scope)
    return best[1] if best else "relative"


# ------------------------------------------------------------------------------ qualify
def _tail(iri: str) -> tuple[str, str]:
    """(``id:<kind>/``, slug) of an entity IRI."""
    head, _, tail = iri.rpartition("/")
    return head + "/", tail


def _place_province(entity: Entity, by_id: dict[str, Entity], prov: Provinces, seen: set[str]) -> str | None:
    """The canonical province of a place entity: its codes, its name, its parent, or its name's unit."""
    extra = entity.extra
    level = extra.get("level")
    if level == "province":
        return prov.name(entity.label) or prov.code2020.get(str(extra.get("admin2020_province", "")))
    if extra.get("admin2020_province"):
        return prov.code2020.get(str(extra["admin2020_province"]))
    parent = extra.get("parent")
    if parent and parent in by_id and parent not in seen:
        seen.add(parent)
        found = _place_province(by_id[parent], by_id, prov, seen)
        if found:
            return found
    stated = prov.stated(_tail(entity.id)[1])
    if stated:
        return stated[0]
    name = identity_key(_UNIT_PREFIX.sub("", entity.label))
    if level == "district" and name in prov.districts:
        return prov.districts[name]
    if level == "ward" and name in prov.wards:
        return prov.wards[name]
    if extra.get("admin2025_province"):
        return prov.code2025.get(str(extra["admin2025_province"]))
    return None


def _outlet_province(host: str, prov: Provinces) -> str | None:
    """The province a provincial outlet's host name spells out ("baodongthap.vn", "yenbai.gov.vn")."""
    labels = [label for label in host.lower().split(".") if label]
    for spelled in prov.spellings:
        compact = spelled.replace("-", "")
        if len(compact) >= 5 and any(compact in label for label in labels[:-1] or labels):
            return prov.canonical[spelled]
    return None


def _article_province(extraction: Extraction, place_of: dict[str, str], prov: Provinces) -> str | None:
    """The article's province: the extractor's, else the one most of its places lie in, else the one
    its outlet is named after (a provincial paper or portal)."""
    doc = extraction.document
    if doc.province:
        named = prov.name(doc.province)
        if named:
            return named
    votes = Counter(place_of.values())
    if votes:
        first = {p: i for i, p in reversed(list(enumerate(place_of.values())))}
        return max(votes, key=lambda p: (votes[p], -first[p]))
    host = _HOST.sub("", (doc.url or doc.outlet or "").strip()).split("/")[0]
    return _outlet_province(host, prov) if host else None


def _merge(into: Entity, other: Entity) -> None:
    """Fold ``other`` (same new IRI) into ``into``: labels, aliases, evidence, classes, extras."""
    for alias in [other.label, *other.aliases]:
        if alias and alias != into.label and alias not in into.aliases and len(into.aliases) < 12:
            into.aliases.append(alias)
    starts = {e.start for e in into.evidence}
    for ev in other.evidence:
        if len(into.evidence) < _MAX_EVIDENCE and ev.start not in starts:
            into.evidence.append(ev)
            starts.add(ev.start)
    if not into.subtype and other.subtype:
        into.subtype = other.subtype
    for k, v in other.extra.items():
        into.extra.setdefault(k, v)


def _relations(relations: list[Relation], new_id: dict[str, str]) -> list[Relation]:
    """Relations with rewritten ends; duplicates merged (evidence kept, best confidence), loops dropped."""
    out: dict[tuple[str, str, str], Relation] = {}
    for r in relations:
        s, o = new_id.get(r.s, r.s), new_id.get(r.o, r.o)
        if s == o:
            continue
        key = (s, r.p, o)
        kept = out.get(key)
        if kept is None:
            out[key] = Relation(s, r.p, o, r.confidence, list(r.evidence), r.method)
            continue
        spans = {(e.start, e.end) for e in kept.evidence}
        kept.evidence.extend(e for e in r.evidence if (e.start, e.end) not in spans)
        if r.confidence > kept.confidence:
            kept.confidence, kept.method = r.confidence, r.method or kept.method
    return list(out.values())


def _national_orgs() -> frozenset[str]:
    from danvan_kg.extract.lexicon import lexicon

    return frozenset(
        entity_iri("Organisation", h.label) for h in lexicon().org_heads if h.scope == "national"
    )


def qualify(extraction: Extraction) -> Extraction:
    """``extraction`` with local things qualified by their province (see the module docstring).

    Rewrites the extraction's entities and relations in place and returns it. It uses only what
    the extraction holds plus the reference tables, and running it twice changes nothing more.
    """
    prov = provinces()
    ents = extraction.entities
    by_id = {e.id: e for e in ents}
    place_of: dict[str, str] = {}
    for e in ents:
        if e.type == "Place":
            found = _place_province(e, by_id, prov, {e.id})
            if found:
                place_of[e.id] = found
    article = _article_province(extraction, place_of, prov)
    located: dict[str, list[str]] = {}
    run_by: dict[str, list[str]] = {}
    for r in extraction.relations:
        if r.p == "locatedIn" and r.o in place_of:
            located.setdefault(r.s, []).append(place_of[r.o])
        elif r.p == "runBy":
            run_by.setdefault(r.s, []).append(r.o)
    disambiguator = "a" + _tail(extraction.document.graph_iri)[1][:8]
    national_orgs = _national_orgs()
    date = extraction.document.date
    new_id: dict[str, str] = {}
    province_of: dict[str, str] = {}

    def rewrite(e: Entity, anywhere: bool, fallback: list[str]) -> None:
        head, base = _tail(e.id)
        unit = bool(_PROVINCE_UNIT_WORD.search(identity_key(e.label)))
        stated = prov.stated(base, anywhere=anywhere)
        if stated:
            province, spelled = stated
            if base.endswith("-" + spelled):
                base = with_qualifier(base[: -len(spelled)].rstrip("-"), slug(province), drop_unit=unit)
        else:
            province = next(iter(located.get(e.id, [])), None) or next(iter(fallback), None) or article
            base = with_qualifier(base, slug(province) if province else disambiguator, drop_unit=unit)
        new_id[e.id] = head + base
        if province:
            province_of[e.id] = province
            e.extra["province"] = province
            area = prov.area(province, date)
            if area:
                e.extra["area"] = area

    for e in ents:  # organisations first: a model may take its province from the one running it
        if e.type == "Organisation" and e.extra.get("scope") != "national" and e.id not in national_orgs:
            rewrite(e, anywhere=False, fallback=[])
    for e in ents:
        if e.type == "Resolution" and document_scope(e.label, e.extra.get("code")) == "relative":
            rewrite(e, anywhere=True, fallback=[])
        elif e.type == "Model":
            # the shared concept is named like the unqualified instance (qualify is idempotent)
            e.extra.setdefault("instance_of", str(ID[f"model-type/{_tail(e.id)[1]}"]))
            runners = [province_of[o] for o in run_by.get(e.id, []) if o in province_of]
            rewrite(e, anywhere=False, fallback=runners)
    if not new_id:
        return extraction
    merged: dict[str, Entity] = {}
    order: list[Entity] = []
    for e in ents:
        e.id = new_id.get(e.id, e.id)
        if e.id in merged:
            _merge(merged[e.id], e)
            continue
        merged[e.id] = e
        order.append(e)
    extraction.entities = order
    extraction.relations = _relations(extraction.relations, new_id)
    return extraction
