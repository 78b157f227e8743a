"""Reference data as RDF: the vocabularies of ``data/reference`` and the administrative units.

``reference_graph()`` turns the CSV catalogues into SKOS concept schemes (beneficiary groups,
document kinds, organisation kinds, model heads) and catalogue entities (national organisations,
programmes, indices). ``admin_units_graph()`` builds the provinces, districts and wards of the
63-province structure (2020) and of the 34-province structure (2025), with the old → new
province mapping, from the maintained ``vietnamadminunits`` package (its SQLite data and its
``convert_address``). Both are pure functions of their inputs, so rebuilding gives the same
triples.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from danvan_kg.errors import InputError
from danvan_kg.geo.points import add_point
from danvan_kg.geo.units import province_mapping, unit_of_iri
from danvan_kg.paths import ontology_dir
from danvan_kg.rdf.namespaces import DV, ID
from danvan_kg.rdf.triples import new_graph
from danvan_kg.refdata import Row, read_table
from danvan_kg.resolve import concept_iri, entity_iri, search_key
from danvan_kg.text.normalise import normalise

__all__ = [
    "SCHEMES",
    "admin_units_graph",
    "reference_graph",
]

SCHEMES: dict[str, tuple[str, str]] = {
    "beneficiary-groups": ("Nhóm đối tượng thụ hưởng", "Beneficiary groups"),
    "document-kinds": ("Loại văn bản", "Document kinds"),
    "organisation-kinds": (
        "Loại tổ chức (tên tương đối theo địa bàn)",
        "Organisation kinds (place-relative names)",
    ),
    "model-heads": ("Từ đầu tên mô hình", "Model name heads"),
    "model-types": ("Loại mô hình (tên mô hình lặp lại ở nhiều nơi)", "Model types (recurring model names)"),
}
"""Concept schemes of the reference graph: ``id:scheme/<key>`` → (Vietnamese, English) title."""

@lru_cache(maxsize=1)
def _ontology() -> Graph:
    graph = Graph()
    graph.parse(ontology_dir() / "danvan.ttl", format="turtle")
    return graph


@lru_cache(maxsize=8)
def _classes_under(parent: str) -> frozenset[str]:
    """Local names of ``parent`` and every ontology class below it."""
    graph = _ontology()
    found = {parent}
    frontier = [DV[parent]]
    while frontier:
        node = frontier.pop()
        for sub in graph.subjects(RDFS.subClassOf, node):
            if isinstance(sub, URIRef) and str(sub).startswith(str(DV)) and sub not in frontier:
                local = str(sub)[len(str(DV)) :]
                if local not in found:
                    found.add(local)
                    frontier.append(sub)
    return frozenset(found)


def _class_of(row: Row, parent: str, *, required: bool) -> URIRef | None:
    value = row["class"]
    if not value:
        if required:
            raise InputError(f"{row.path}: line {row.line}: row {row['id']!r} has no class")
        return None
    if value not in _classes_under(parent):
        raise InputError(
            f"{row.path}: line {row.line}: class {value!r} is not dv:{parent} nor one of its subclasses"
        )
    return DV[value]


def _labels(graph: Graph, node: URIRef, row: Row, *, pref: bool = True) -> None:
    """rdfs:label (and skos:prefLabel) in Vietnamese and English, plus a search key."""
    vi, en = normalise(row["label_vi"]), normalise(row["label_en"])
    for lit in (Literal(vi, lang="vi"), Literal(en, lang="en")):
        graph.add((node, RDFS.label, lit))
        if pref:
            graph.add((node, SKOS.prefLabel, lit))
    graph.add((node, DV.searchKey, Literal(search_key(vi))))


def _alt_labels(graph: Graph, node: URIRef, values: list[str], *, besides: str) -> None:
    for value in values:
        if value != normalise(besides):
            graph.add((node, SKOS.altLabel, Literal(value, lang="vi")))
            graph.add((node, DV.searchKey, Literal(search_key(value))))


def _scheme(graph: Graph, key: str, source: str) -> URIRef:
    node = ID[f"scheme/{key}"]
    vi, en = SCHEMES[key]
    graph.add((node, RDF.type, SKOS.ConceptScheme))
    for lit in (Literal(vi, lang="vi"), Literal(en, lang="en")):
        graph.add((node, RDFS.label, lit))
        graph.add((node, SKOS.prefLabel, lit))
    graph.add((node, DCTERMS.source, Literal(f"data/reference/{source}")))
    return node


def _concept(graph: Graph, scheme: URIRef, node: URIRef) -> None:
    graph.add((node, RDF.type, SKOS.Concept))
    graph.add((node, SKOS.inScheme, scheme))
    graph.add((node, SKOS.topConceptOf, scheme))
    graph.add((scheme, SKOS.hasTopConcept, node))


def _beneficiary_groups(graph: Graph, folder: Path | None) -> None:
    name = "beneficiary_groups.csv"
    scheme = _scheme(graph, "beneficiary-groups", name)
    for row in read_table(name, folder):
        node = ID[f"beneficiary/{row['id']}"]
        _concept(graph, scheme, node)
        graph.add((node, RDF.type, DV.BeneficiaryGroup))
        _labels(graph, node, row)
        _alt_labels(graph, node, row.split("variants"), besides=row["label_vi"])
        if row["definition_en"]:
            graph.add((node, SKOS.definition, Literal(row["definition_en"], lang="en")))


def _document_kinds(graph: Graph, folder: Path | None) -> None:
    name = "document_kinds.csv"
    scheme = _scheme(graph, "document-kinds", name)
    for row in read_table(name, folder):
        node = ID[f"document-kind/{row['id']}"]
        _concept(graph, scheme, node)
        _labels(graph, node, row)
        cls = _class_of(row, "Resolution", required=True)
        graph.add((node, DV.denotesClass, cls))
        for suffix in row.split("code_suffixes"):
            graph.add((node, DV.codeSuffix, Literal(suffix)))


def _organisations(graph: Graph, folder: Path | None) -> None:
    name = "organisations.csv"
    scheme = _scheme(graph, "organisation-kinds", name)
    for row in read_table(name, folder):
        cls = _class_of(row, "Organisation", required=True)
        scope = row["scope"]
        if scope == "national":
            # the IRI the extractor gives the body's full name (csv ids may abbreviate: "...-mttq-...")
            node = URIRef(entity_iri("Organisation", row["label_vi"]))
            graph.add((node, DCTERMS.identifier, Literal(row["id"])))
            graph.add((node, RDF.type, DV.Organisation))
            if cls != DV.Organisation:
                graph.add((node, RDF.type, cls))
            _labels(graph, node, row, pref=False)
        elif scope == "relative":
            node = ID[f"organisation-kind/{row['id']}"]
            _concept(graph, scheme, node)
            _labels(graph, node, row)
            graph.add((node, DV.denotesClass, cls))
            if row["pattern"]:
                graph.add((node, DV.namePattern, Literal(row["pattern"])))
        else:
            raise InputError(f"{row.path}: line {row.line}: scope {scope!r} is neither national nor relative")
        graph.add((node, DV.scope, Literal(scope)))
        _alt_labels(graph, node, row.split("abbreviations"), besides=row["label_vi"])


def _programmes(graph: Graph, folder: Path | None) -> None:
    for row in read_table("programmes.csv", folder):
        node = ID[f"programme/{row['id']}"]
        graph.add((node, RDF.type, DV.Programme))
        _labels(graph, node, row, pref=False)
        _alt_labels(graph, node, row.split("variants"), besides=row["label_vi"])


def _indices(graph: Graph, folder: Path | None) -> None:
    for row in read_table("indices.csv", folder):
        node = ID[f"index/{row['id']}"]
        graph.add((node, RDF.type, DV.Index))
        _labels(graph, node, row, pref=False)
        if row["label"]:
            graph.add((node, SKOS.notation, Literal(row["label"])))
        _alt_labels(graph, node, [*row.split("label"), *row.split("variants")], besides=row["label_vi"])


def _model_heads(graph: Graph, folder: Path | None) -> None:
    name = "model_heads.csv"
    scheme = _scheme(graph, "model-heads", name)
    for row in read_table(name, folder):
        node = ID[f"model-head/{row['id']}"]
        _concept(graph, scheme, node)
        _labels(graph, node, row)
        cls = _class_of(row, "Model", required=False)
        graph.add((node, DV.denotesClass, cls if cls is not None else DV.Model))


def _movements(graph: Graph, folder: Path | None) -> None:
    """The catalogued movements: one national node each, under the IRI the extractor gives them, so
    their curated labels are the preferred ones (docs/data-model.md, "Preferred labels")."""
    for row in read_table("movements.csv", folder):
        node = URIRef(entity_iri("Movement", row["label_vi"]))
        graph.add((node, RDF.type, DV.Movement))
        graph.add((node, DCTERMS.identifier, Literal(row["id"])))
        _labels(graph, node, row, pref=False)
        _alt_labels(graph, node, row.split("variants"), besides=row["label_vi"])


def _model_types(graph: Graph, folder: Path | None) -> None:
    """The catalogued models as shared concepts (``id:model-type/<slug>``, a ``dv:ModelType``): each
    province's "Tết Quân - Dân" is a model of its own, ``dv:instanceOf`` this concept."""
    name = "models.csv"
    scheme = _scheme(graph, "model-types", name)
    for row in read_table(name, folder):
        node = URIRef(concept_iri("Model", row["label_vi"]))
        _concept(graph, scheme, node)
        graph.add((node, RDF.type, DV.ModelType))
        graph.add((node, DCTERMS.identifier, Literal(row["id"])))
        _labels(graph, node, row)
        _alt_labels(graph, node, row.split("variants"), besides=row["label_vi"])
        cls = _class_of(row, "Model", required=False)
        if cls is not None:
            graph.add((node, DV.denotesClass, cls))


def reference_graph(folder: Path | None = None) -> Graph:
    """The reference graph (SKOS schemes and catalogues) from ``data/reference`` (or ``folder``)."""
    graph = new_graph()
    _beneficiary_groups(graph, folder)
    _document_kinds(graph, folder)
    _organisations(graph, folder)
    _programmes(graph, folder)
    _indices(graph, folder)
    _model_heads(graph, folder)
    _movements(graph, folder)
    _model_types(graph, folder)
    return graph


# ---------------------------------------------------------------------------------------------
# Administrative units (vietnamadminunits)
# ---------------------------------------------------------------------------------------------

_LEGACY_SQL = (
    "SELECT DISTINCT province, provinceShort, provinceCode, provinceLat, provinceLon,"
    " district, districtShort, districtCode, districtLat, districtLon,"
    " ward, wardShort, wardCode, wardLat, wardLon FROM admin_units_legacy"
    " ORDER BY provinceCode, districtCode, wardCode"
)
_NEW_SQL = (
    "SELECT DISTINCT province, provinceShort, provinceCode, provinceLat, provinceLon,"
    " ward, wardShort, wardCode, wardLat, wardLon FROM admin_units ORDER BY provinceCode, wardCode"
)


def _admin_rows(sql: str) -> Iterator[dict[str, object]]:
    from vietnamadminunits.database import query

    yield from query(sql)


def _unit(
    graph: Graph,
    node: URIRef,
    level: str,
    code: str,
    name: str,
    short: str,
) -> None:
    full, short = normalise(name), normalise(short)
    graph.add((node, RDF.type, DV.Place))
    graph.add((node, RDF.type, DV.AdministrativeUnit))
    graph.add((node, RDFS.label, Literal(full, lang="vi")))
    graph.add((node, DV.adminLevel, Literal(level)))
    graph.add((node, DV.adminCode, Literal(code)))
    graph.add((node, DV.searchKey, Literal(search_key(full))))
    if short and short != full:
        graph.add((node, SKOS.altLabel, Literal(short, lang="vi")))
        graph.add((node, DV.searchKey, Literal(search_key(short))))
    point = unit_of_iri(node)  # the package's point: GeoSPARQL geometry + WGS84 lat/long
    if point is not None:
        add_point(graph, node, point)


def _row_unit(graph: Graph, node: URIRef, level: str, code: str, row: dict[str, object]) -> None:
    """:func:`_unit` for one level of an admin-units row (columns ``<level>``, ``<level>Short``)."""
    _unit(graph, node, level, code, str(row[level]), str(row[f"{level}Short"] or ""))


def _contain(graph: Graph, child: URIRef, *ancestors: URIRef) -> None:
    """``dv:within`` the first ancestor, ``dv:withinTransitive`` every ancestor (materialised)."""
    graph.add((child, DV.within, ancestors[0]))
    for ancestor in ancestors:
        graph.add((child, DV.withinTransitive, ancestor))


def admin_units_graph(*, wards: bool = False) -> Graph:
    """Provinces and districts (and, on request, wards) of 2020 and 2025, containment, old → new mapping.

    Without wards: 63 + 696 legacy units and 34 new provinces, about 9k triples, under a second.
    With ``wards=True``: + 10,035 legacy and 3,321 new wards, about 180k triples and several
    seconds to build (rdflib adds), which ``build`` does not need: places named in articles carry
    their own labels and containment, and links to ward IRIs are valid without the ward nodes.
    """
    graph = new_graph()
    seen: set[URIRef] = set()
    for row in _admin_rows(_LEGACY_SQL):
        pcode, dcode, wcode = (str(row[k] or "") for k in ("provinceCode", "districtCode", "wardCode"))
        province = ID[f"admin/2020/province/{pcode}"]
        if province not in seen:
            seen.add(province)
            _row_unit(graph, province, "province", pcode, row)
        district = ID[f"admin/2020/district/{dcode}"]
        if dcode and district not in seen:
            seen.add(district)
            _row_unit(graph, district, "district", dcode, row)
            _contain(graph, district, province)
        if wards and wcode and dcode:
            ward = ID[f"admin/2020/ward/{wcode}"]
            if ward not in seen:
                seen.add(ward)
                _row_unit(graph, ward, "ward", wcode, row)
                _contain(graph, ward, district, province)
    for row in _admin_rows(_NEW_SQL):
        pcode, wcode = str(row["provinceCode"] or ""), str(row["wardCode"] or "")
        province = ID[f"admin/2025/province/{pcode}"]
        if province not in seen:
            seen.add(province)
            _row_unit(graph, province, "province", pcode, row)
        if wards and wcode:
            ward = ID[f"admin/2025/ward/{wcode}"]
            if ward not in seen:
                seen.add(ward)
                _row_unit(graph, ward, "ward", wcode, row)
                _contain(graph, ward, province)
    for old, new in sorted(province_mapping().items()):
        graph.add((ID[f"admin/2020/province/{old}"], DV.mergedInto, ID[f"admin/2025/province/{new}"]))
    return graph
