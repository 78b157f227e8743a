"""The ontology parses in rdflib and pyoxigraph and carries every contracted name, label and alignment."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from danvan_kg.ids import (
    CORE_CLASSES,
    CORE_RELATIONS,
    DV,
    ELI,
    EXTRA_RELATIONS,
    OA,
    ORG,
    SCHEMA,
    SUPPORTING_CLASSES,
)
from danvan_kg.paths import ontology_dir

ONTOLOGY = ontology_dir() / "danvan.ttl"

ARCHITECTURE_PROPERTIES = (
    "searchKey", "mentionedIn", "quote", "sentence", "start", "end", "confidence", "method", "about",
    "sourceKey", "adminLevel", "adminCode", "unit2020", "unit2025", "within", "withinTransitive",
    "mergedInto", "documentCode",
)  # fmt: skip

SUBCLASSES = {
    "Organisation": "PartyBody StateAgency FatherlandFront SocioPoliticalOrganisation ArmedForce Police "
    "Council SteeringCommittee GrassrootsGroup",
    "Resolution": "PartyResolution Directive Conclusion Decision Plan Law Regulation CongressDocument "
    "ProgrammeDocument",
    "Model": "Club Team Market Fund SelfManagementGroup",
}

INVERSES = {
    "partOf": "hasModel",
    "runBy": "runs",
    "benefits": "benefitsFrom",
    "launchedBy": "launched",
    "implements": "implementedBy",
    "locatedIn": "locationOf",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY, format="turtle")
    return graph


def _dv_terms(graph: Graph) -> set[URIRef]:
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        terms |= {
            s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(str(DV))
        }
    return terms


def test_parses_in_pyoxigraph_with_the_same_triple_count(ontology: Graph) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(ontology) > 400


def test_contracted_classes_and_relations_exist(ontology: Graph) -> None:
    for name in (*CORE_CLASSES, *SUPPORTING_CLASSES):
        assert (DV[name], RDF.type, OWL.Class) in ontology, name
    for name in (*CORE_RELATIONS, *EXTRA_RELATIONS):
        assert (DV[name], RDF.type, OWL.ObjectProperty) in ontology, name


def test_every_property_of_the_architecture_is_declared(ontology: Graph) -> None:
    for name in ARCHITECTURE_PROPERTIES:
        kinds = set(ontology.objects(DV[name], RDF.type))
        assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name


@pytest.mark.parametrize("parent", sorted(SUBCLASSES))
def test_subclasses(ontology: Graph, parent: str) -> None:
    for name in SUBCLASSES[parent].split():
        assert (DV[name], RDFS.subClassOf, DV[parent]) in ontology, name


def test_every_term_has_vi_and_en_labels_and_a_definition(ontology: Graph) -> None:
    terms = _dv_terms(ontology)
    assert len(terms) > 60
    for term in terms:
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"vi", "en"} <= languages, term
        assert ontology.value(term, RDFS.comment) or ontology.value(term, SKOS.definition), term


def test_inverses_are_declared_both_ways(ontology: Graph) -> None:
    for prop, inverse in INVERSES.items():
        assert (DV[prop], OWL.inverseOf, DV[inverse]) in ontology
        assert (DV[inverse], OWL.inverseOf, DV[prop]) in ontology


def test_union_domains_list_their_classes(ontology: Graph) -> None:
    domain = ontology.value(DV.locatedIn, RDFS.domain)
    members = set(ontology.items(ontology.value(domain, OWL.unionOf)))
    assert members == {DV.Model, DV.Organisation, DV.Place}
    domain = ontology.value(DV.benefits, RDFS.domain)
    assert set(ontology.items(ontology.value(domain, OWL.unionOf))) == {DV.Model, DV.Movement}
    assert ontology.value(DV.partOf, RDFS.domain) == DV.Model
    assert ontology.value(DV.partOf, RDFS.range) == DV.Movement


def test_alignments_with_standard_vocabularies(ontology: Graph) -> None:
    expected = [
        (DV.Organisation, RDFS.subClassOf, ORG.Organization),
        (DV.subOrganisationOf, RDFS.subPropertyOf, ORG.subOrganizationOf),
        (DV.Evidence, RDFS.subClassOf, PROV.Entity),
        (DV.Evidence, RDFS.subClassOf, OA.Annotation),
        (DV.Article, RDFS.subClassOf, PROV.Entity),
        (DV.Article, RDFS.subClassOf, SCHEMA.CreativeWork),
        (DV.BeneficiaryGroup, RDFS.subClassOf, SKOS.Concept),
        (DV.Place, RDFS.subClassOf, SCHEMA.Place),
        (DV.Resolution, RDFS.subClassOf, ELI.LegalResource),
        (DV.quote, SKOS.closeMatch, OA.exact),
        (DV.withinTransitive, RDF.type, OWL.TransitiveProperty),
    ]
    for triple in expected:
        assert triple in ontology, triple
