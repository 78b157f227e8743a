"""Curated CSV records of models as the triples of one named graph (``graph/records/<file-stem>``).

A record is one model as a person curated it from a source: its movement, organisations, place,
beneficiary groups and resolution, with the source URL. Entities get the IRIs the extractor gives
the same names (``danvan_kg.resolve``, the place rules of ``extract.admin`` and the reference
catalogues through the gazetteer), so records and extracted articles meet in the same nodes.
Each asserted relation gets an evidence node with ``dv:method "curated"``, confidence 1, derived
from the Article node of the source URL (the same IRI an ingested copy of that article gets).

Columns (header required, order free; ``|`` separates several values):

``model`` (required)
    the model's name as written, e.g. ``CLB Phụ nữ với pháp luật``
``model_class``
    ``Club``, ``Team``, ``Market``, ``Fund`` or ``SelfManagementGroup``; by default read from the
    name's head word (``CLB`` → Club, ``Tổ`` → Team, ``Quỹ`` → Fund ...)
``movement``
    the movement it is part of, e.g. ``Dân vận khéo``
``organisation``
    organisations running it, as written; names relative to a place (``Hội Nông dân tỉnh``,
    ``Công an xã``) are qualified by the record's place like the extractor does
``place`` (required)
    where it runs, smallest first, comma-separated, ending with the province:
    ``xã Tân Thuận Đông, huyện Cao Lãnh, Đồng Tháp``
``beneficiaries``
    beneficiary groups, each a label or variant of ``data/reference/beneficiary_groups.csv``
``resolution``
    the resolution it implements, with its code when known: ``Chỉ thị số 49-CT/TW``
``contributes_to``
    programmes or indices it contributes to, each a label or variant of ``programmes.csv`` /
    ``indices.csv`` (``xây dựng nông thôn mới``, ``PAPI``)
``source_url`` (required)
    ``http(s)`` URL of the source
``date``
    date of the source: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``
``note``
    the curator's own note (kept as ``rdfs:comment`` on the evidence)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from danvan_kg.errors import InputError
from danvan_kg.extract.admin import admin_codes, canonical_unit, level_of
from danvan_kg.extract.identity import document_scope, provinces
from danvan_kg.extract.lexicon import Concept
from danvan_kg.extract.lexicon import Lexicon as Gazetteer
from danvan_kg.extract.lexicon import lexicon as gazetteer
from danvan_kg.geo.points import add_place_point
from danvan_kg.rdf.namespaces import DV, GRAPH, ID, SCHEMA
from danvan_kg.rdf.triples import (
    add_identity,
    add_search_keys,
    admin_unit_iri,
    date_literal,
    evidence_iri,
    new_graph,
)
from danvan_kg.resolve import entity_iri, identity_key, slug, with_qualifier
from danvan_kg.text.document import source_key_hash
from danvan_kg.text.normalise import normalise

__all__ = ["COLUMNS", "REQUIRED_COLUMNS", "records_to_graph"]

COLUMNS = (
    "model",
    "model_class",
    "movement",
    "organisation",
    "place",
    "beneficiaries",
    "resolution",
    "contributes_to",
    "source_url",
    "date",
    "note",
)
REQUIRED_COLUMNS = ("model", "place", "source_url")
MODEL_CLASSES = ("Club", "Team", "Market", "Fund", "SelfManagementGroup")
METHOD = "curated"

_UNIT_RE = re.compile(
    r"^(?P<unit>tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?|xã|phường|thị trấn|thôn|ấp|bản|khóm|buôn|làng)"
    r"\s+(?P<name>\S.*)$",
    re.IGNORECASE,
)
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE_RE = re.compile(r"(?<![\w/-])(\d+[A-Za-z]?-[A-ZĐ][A-ZĐa-z]*(?:[/-][A-ZĐ0-9][A-ZĐa-z0-9]*)*)(?![\w/-])")
_UNIT_LEVEL = {"tỉnh": "province", "thành phố": "province", "huyện": "district", "quận": "district",
               "thị xã": "district", "xã": "ward", "phường": "ward", "thị trấn": "ward"}  # fmt: skip
_ADMIN_2020 = (
    ("admin2020_province", "province"),
    ("admin2020_district", "district"),
    ("admin2020_ward", "ward"),
)
_ADMIN_2025 = (("admin2025_province", "province"), ("admin2025_ward", "ward"))


@dataclass(slots=True)
class _Place:
    iri: URIRef
    label: str
    level: str
    name: str  # without its unit word; the canonical short name for the province
    codes: dict[str, str] = field(default_factory=dict)


class _RowError(Exception):
    """A problem with one record (turned into an InputError naming file and line)."""


def _cell(row: dict[str, str], column: str) -> str:
    return normalise((row.get(column) or "").strip())


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


# ----------------------------------------------------------------------------------- places
def _parse_places(text: str, gaz: Gazetteer) -> list[_Place]:
    """``"xã A, huyện B, Đồng Tháp"`` → places from the smallest to the province (IRIs as extracted)."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise _RowError("place is empty")
    last = _UNIT_RE.match(parts[-1])
    province = gaz.province(last.group("name") if last else parts[-1])
    if province is None:
        raise _RowError(f"place {text!r} does not end with a province (e.g. 'huyện Ba Chẽ, Quảng Ninh')")
    places = []
    for part in parts[:-1]:
        match = _UNIT_RE.match(part)
        if not match:
            raise _RowError(f"place part {part!r} needs a unit word (xã, huyện, thôn ...)")
        unit, name = match.group("unit"), match.group("name")
        level = level_of(unit, name)
        places.append(
            _Place(
                ID[f"place/{slug(f'{level}-{name}-{province}')}"],
                part,
                level,
                name,
                admin_codes(level, canonical_unit(unit), name, province),
            )
        )
    codes = admin_codes("province", "", province, None)
    places.append(_Place(ID[f"place/{slug(province)}"], parts[-1], "province", province, codes))
    return places


def _most_specific(codes: dict[str, str], keys: tuple[tuple[str, str], ...], structure: str) -> URIRef | None:
    for key, level in reversed(keys):
        if codes.get(key):
            return admin_unit_iri(structure, level, str(codes[key]))
    return None


def _admin_units(codes: dict[str, str]) -> set[URIRef]:
    units = {admin_unit_iri("2020", level, str(codes[key])) for key, level in _ADMIN_2020 if codes.get(key)}
    units |= {admin_unit_iri("2025", level, str(codes[key])) for key, level in _ADMIN_2025 if codes.get(key)}
    return units


def _add_places(graph: Graph, places: list[_Place], article: URIRef) -> None:
    for i, place in enumerate(places):
        _add_entity(graph, place.iri, "Place", place.label, article)
        graph.add((place.iri, DV.adminLevel, Literal(place.level)))
        own = (
            _most_specific(place.codes, _ADMIN_2020, "2020"),
            _most_specific(place.codes, _ADMIN_2025, "2025"),
        )
        for prop, unit in zip((DV.unit2020, DV.unit2025), own, strict=True):
            if unit is not None:
                graph.add((place.iri, prop, unit))
        ancestors = places[i + 1 :]
        if ancestors:
            graph.add((place.iri, DV.within, ancestors[0].iri))
        transitive = (_admin_units(place.codes) - set(own)) | {a.iri for a in ancestors}
        for ancestor in ancestors:
            transitive |= _admin_units(ancestor.codes)
        for target in sorted(transitive):
            graph.add((place.iri, DV.withinTransitive, target))
        # the place's point (GeoSPARQL + WGS84): its own unit's, else that of the nearest place around it
        add_place_point(graph, place.iri, place.level, place.codes, [a.codes for a in ancestors])


# ------------------------------------------------------------------------------ entities
def _add_entity(graph: Graph, node: URIRef, cls: str, label: str, article: URIRef, subtype: str = "") -> None:
    graph.add((node, RDF.type, DV[cls]))
    if subtype and subtype != cls:
        graph.add((node, RDF.type, DV[subtype]))
    graph.add((node, RDFS.label, Literal(label, lang="vi")))
    add_search_keys(graph, node, label)
    graph.add((node, DV.mentionedIn, article))


def _head_class(name: str, heads: dict[str, str]) -> str:
    """The class of the longest head word(s) of ``name`` in ``heads`` (casefolded keys), or ''."""
    words = name.casefold().split()
    for n in range(min(len(words), 5), 0, -1):
        cls = heads.get(" ".join(words[:n]))
        if cls is not None:
            return cls
    return ""


def _local(iri: str, name: str, province: str) -> URIRef:
    """``iri`` qualified by the record's province, as :func:`danvan_kg.extract.identity.qualify` does."""
    head, _, tail = iri.rpartition("/")
    unit = any(w in f" {identity_key(name)} " for w in (" tỉnh ", " thành phố ", " tp "))
    return URIRef(f"{head}/{with_qualifier(tail, slug(province), drop_unit=unit)}")


def _model(name: str, explicit: str, gaz: Gazetteer, province: str) -> tuple[URIRef, str, str, str]:
    """(IRI, label, subclass, shared concept IRI) of the model of ``province`` named ``name``; a
    catalogued model is named (and its concept is) the catalogue's entry."""
    if explicit and explicit not in MODEL_CLASSES:
        raise _RowError(f"model_class {explicit!r} is not one of {', '.join(MODEL_CLASSES)}")
    concept = _concept(name, gaz.models)
    key = identity_key(concept.label) if concept else identity_key(name)
    subtype = explicit or (
        concept.extra if concept and concept.extra else _head_class(name, gaz.model_head_classes)
    )
    base = entity_iri("Model", key)
    shared = str(ID[f"model-type/{base.rsplit('/', 1)[1]}"])
    return _local(base, name, province), name, subtype if subtype in MODEL_CLASSES else "", shared


def _concept(name: str, concepts: list[Concept]) -> Concept | None:
    key = identity_key(name)
    for concept in concepts:
        if any(identity_key(v) == key for v in concept.variants):
            return concept
    return None


def _organisation(name: str, places: list[_Place], gaz: Gazetteer) -> tuple[URIRef, str, _Place | None]:
    """(IRI, subclass, place it sits in) of an organisation named as in a text about ``places``."""
    key = identity_key(name)
    best = None
    for head in gaz.org_heads:
        for variant in head.names:
            vkey = identity_key(variant)
            matches = key == vkey or key.startswith(vkey + " ")
            if matches and (best is None or len(vkey) > best[0]):
                best = (len(vkey), head)
    subtype = best[1].cls if best else "Organisation"
    if best and best[1].scope == "national" and best[0] == len(key):
        return URIRef(entity_iri("Organisation", identity_key(best[1].label))), subtype, None
    province = places[-1]
    words = name.split()
    unit = next((u for u in (" ".join(words[-2:]), words[-1]) if canonical_unit(u) in _UNIT_LEVEL), "")
    unit = canonical_unit(unit) if unit else ""
    canon = provinces().name(province.name) or province.name
    if unit:  # bare relative name ending in a unit word: "Công an xã"
        level = _UNIT_LEVEL[unit]
        place = next((p for p in places if p.level == level), province)
        qualifier = str(place.iri).rsplit("/", 1)[1].removeprefix(f"{place.level}-")
        return _local(entity_iri("Organisation", key, qualifier), name, canon), subtype, place
    # a place of the record named inside the name ("Hội LHPN xã Tân Thuận Đông"): the extractor
    # qualifies by the province; a name without any place gets the province too
    inner = next((p for p in places if p.label.casefold() in name.casefold()), None)
    return _local(entity_iri("Organisation", key, slug(canon)), name, canon), subtype, inner


def _national_bodies(gaz: Gazetteer) -> frozenset[URIRef]:
    """IRIs of the nationally unique bodies of ``organisations.csv`` (no province qualifies them)."""
    heads = [h for h in gaz.org_heads if h.scope == "national"]
    return frozenset(URIRef(entity_iri("Organisation", identity_key(h.label))) for h in heads)


def _resolution(name: str, gaz: Gazetteer, province: str) -> tuple[URIRef, str, str, bool]:
    """(IRI, subclass, document code, local) of a resolution; identified by its code when it has one,
    and qualified by the record's province when it is a relative (local) document."""
    code_match = _CODE_RE.search(name)
    code = code_match.group(1) if code_match else ""
    subtype = _head_class(name, gaz.doc_class_by_word)
    if not subtype and code:
        suffix = code.split("-", 1)[1].split("/")[0].upper()
        subtype = gaz.doc_class_by_suffix.get(suffix, "")
    key = identity_key(code) if code else identity_key(name)
    iri = entity_iri("Resolution", key)
    local = document_scope(name, code or None) == "relative"
    return (_local(iri, name, province) if local else URIRef(iri)), subtype or "Resolution", code, local


def _beneficiary(name: str, gaz: Gazetteer) -> Concept:
    concept = gaz.beneficiary_by_variant.get(normalise(name).casefold())
    if concept is None:
        raise _RowError(
            f"beneficiary group {name!r} is not in data/reference/beneficiary_groups.csv (label or variant)"
        )
    return concept


def _target(name: str, gaz: Gazetteer) -> tuple[URIRef, str, str]:
    """(IRI, class, label) of the catalogued programme or index named ``name``."""
    for concepts, kind, cls in ((gaz.programmes, "programme", "Programme"), (gaz.indices, "index", "Index")):
        concept = _concept(name, concepts)
        if concept is not None:  # indices keep their Vietnamese name in ``extra`` (label = acronym)
            label = concept.extra if cls == "Index" and concept.extra else concept.label
            return ID[f"{kind}/{concept.id}"], cls, label
    raise _RowError(f"contributes_to {name!r} is not in data/reference/programmes.csv or indices.csv")


# --------------------------------------------------------------------------------- evidence
@dataclass(slots=True)
class _Source:
    """Where the facts of one record go and what they are derived from."""

    graph: Graph
    graph_iri: str
    article: URIRef
    line: int
    note: str

    def evidence(
        self, *, statement: tuple[URIRef, URIRef, URIRef] | None = None, about: URIRef | None = None
    ) -> None:
        """A curated evidence node for a relation (``statement``) or an entity (``about``)."""
        parts = statement if statement is not None else (about,)
        node = evidence_iri(self.graph_iri, *parts, METHOD, self.line)
        graph = self.graph
        graph.add((node, RDF.type, DV.Evidence))
        if statement is not None:
            graph.add((node, RDF.subject, statement[0]))
            graph.add((node, RDF.predicate, statement[1]))
            graph.add((node, RDF.object, statement[2]))
        if about is not None:
            graph.add((node, DV.about, about))
        graph.add((node, DV.method, Literal(METHOD)))
        graph.add((node, DV.confidence, Literal("1.0", datatype=XSD.decimal)))
        graph.add((node, PROV.wasDerivedFrom, self.article))
        if self.note:
            graph.add((node, RDFS.comment, Literal(self.note)))

    def relate(self, s: URIRef, p: str, o: URIRef) -> None:
        """Assert ``s dv:p o`` with its evidence."""
        statement = (s, DV[p], o)
        self.graph.add(statement)
        self.evidence(statement=statement)


# ---------------------------------------------------------------------------------- records
def _article(graph: Graph, url: str, date: str) -> URIRef:
    article = ID[f"article/{source_key_hash(url)}"]
    graph.add((article, RDF.type, DV.Article))
    graph.add((article, DV.sourceKey, Literal(url)))
    graph.add((article, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
    graph.add((article, RDFS.label, Literal(url)))
    if date:
        graph.add((article, DCTERMS.date, date_literal(date)))
    return article


def _add_record(graph: Graph, graph_iri: str, row: dict[str, str], line: int, gaz: Gazetteer) -> None:
    name, url, date, note = (_cell(row, c) for c in ("model", "source_url", "date", "note"))
    if not name:
        raise _RowError("model is empty")
    if not re.match(r"^https?://\S+$", url):
        raise _RowError(f"source_url {url!r} is not an http(s) URL")
    if date and not _DATE_RE.match(date):
        raise _RowError(f"date {date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    article = _article(graph, url, date)
    src = _Source(graph, graph_iri, article, line, note)
    places = _parse_places(_cell(row, "place"), gaz)
    _add_places(graph, places, article)
    province = provinces().name(places[-1].name) or places[-1].name
    area = provinces().area(province, date)

    model, label, subtype, shared = _model(name, _cell(row, "model_class"), gaz, province)
    _add_entity(graph, model, "Model", label, article, subtype)
    add_identity(graph, model, label, area, shared)
    src.evidence(about=model)
    src.relate(model, "locatedIn", places[0].iri)

    movement_name = _cell(row, "movement")
    if movement_name:
        concept = _concept(movement_name, gaz.movements)
        key = identity_key(concept.label) if concept else identity_key(movement_name)
        movement = URIRef(entity_iri("Movement", key))
        _add_entity(graph, movement, "Movement", movement_name, article)
        src.relate(model, "partOf", movement)

    for org_name in _split(_cell(row, "organisation")):
        org, org_class, located = _organisation(org_name, places, gaz)
        _add_entity(graph, org, "Organisation", org_name, article, org_class)
        if org not in _national_bodies(gaz):
            add_identity(graph, org, org_name, area, None)
        src.relate(model, "runBy", org)
        if located is not None:
            src.relate(org, "locatedIn", located.iri)

    for group in _split(_cell(row, "beneficiaries")):
        concept = _beneficiary(group, gaz)
        node = ID[f"beneficiary/{concept.id}"]
        _add_entity(graph, node, "BeneficiaryGroup", concept.label, article)
        graph.add((node, RDF.type, SKOS.Concept))
        if group != concept.label:
            graph.add((node, SKOS.altLabel, Literal(group, lang="vi")))
        src.relate(model, "benefits", node)

    resolution_name = _cell(row, "resolution")
    if resolution_name:
        resolution, doc_class, code, local = _resolution(resolution_name, gaz, province)
        _add_entity(graph, resolution, "Resolution", resolution_name, article, doc_class)
        if local:
            add_identity(graph, resolution, resolution_name, area, None)
        if code:
            graph.add((resolution, DV.documentCode, Literal(code)))
        src.relate(model, "implements", resolution)

    for target_name in _split(_cell(row, "contributes_to")):
        target, cls, target_label = _target(target_name, gaz)
        _add_entity(graph, target, cls, target_label, article)
        src.relate(model, "contributesTo", target)


def records_to_graph(csv_path: str | Path) -> Graph:
    """The triples of a curated records CSV (its named graph is ``graph/records/<file-stem>``)."""
    path = Path(csv_path)
    graph_iri = str(GRAPH[f"records/{path.stem}"])
    graph = new_graph()
    gaz = gazetteer()
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            unknown = [c for c in header if c not in COLUMNS]
            if missing or unknown:
                problems = [f"missing column(s) {', '.join(missing)}"] if missing else []
                problems += [f"unknown column(s) {', '.join(unknown)}"] if unknown else []
                raise InputError(f"{path}: line 1: {'; '.join(problems)} (columns: {', '.join(COLUMNS)})")
            reader.fieldnames = header
            for row in reader:
                line = reader.line_num
                if None in row:
                    raise InputError(f"{path}: line {line}: more cells than columns")
                blank = not any((v or "").strip() for v in row.values())
                if blank or (row.get("model") or "").startswith("#"):
                    continue
                try:
                    _add_record(graph, graph_iri, row, line, gaz)
                except _RowError as exc:
                    raise InputError(f"{path}: line {line}: {exc}") from None
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason})") from None
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV: {exc}") from None
    return graph
