"""Answer questions over an inferred copy of the graph (``--infer rdfs|owlrl``).

The store itself is never changed: every triple of the union graph is copied into an
in-memory rdflib Graph (plus the ontology when the store lacks it), owlrl expands it (RDFS, or
the OWL 2 RL rules, which add inverses such as ``dv:hasModel`` and subclass/subproperty
entailments), and the question runs on the copy with rdflib. This costs time and memory in
proportion to the whole store; see ``docs/queries.md`` for measurements.
"""

from __future__ import annotations

import owlrl
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from danvan_kg.errors import QueryError
from danvan_kg.ids import DV
from danvan_kg.query.targets import Target
from danvan_kg.rdf.ontology import load_ontology
from danvan_kg.sparql.files import load_query
from danvan_kg.sparql.text import with_prefixes
from danvan_kg.store.rdflib_backend import RdflibQueries

REGIMES = {"rdfs": owlrl.RDFS_Semantics, "owlrl": owlrl.OWLRL_Semantics}
"""Inference regimes accepted by ``--infer``."""


def closure(graph: Graph, regime: str) -> Graph:
    """``graph`` expanded in place with the entailments of ``regime`` ("rdfs" or "owlrl")."""
    if regime not in REGIMES:
        raise QueryError(f"unknown inference regime {regime!r} (use one of {', '.join(REGIMES)})")
    owlrl.DeductiveClosure(REGIMES[regime], axiomatic_triples=False, datatype_axioms=False).expand(graph)
    return graph


def inferred(target: Target, regime: str) -> RdflibQueries:
    """A target over an inferred in-memory copy of ``target``'s union graph (with the ontology).

    Evidence nodes (three quarters of the triples) are copied as they are and kept out of the
    closure: no rule applies to them usefully, and owlrl's time grows with every triple it
    sees (40 corpus texts: 15 s for everything, 1.6 s RDFS / 3.9 s OWL-RL without evidence).
    """
    if regime not in REGIMES:
        raise QueryError(f"unknown inference regime {regime!r} (use one of {', '.join(REGIMES)})")
    everything = target.construct(with_prefixes(load_query("danvan_kg.query.queries", "all_triples.rq")))
    evidence_nodes = set(everything.subjects(RDF.type, DV.Evidence))
    facts = Graph()
    evidence: list[tuple] = []
    for triple in everything:
        if triple[0] in evidence_nodes:
            evidence.append(triple)
        else:
            facts.add(triple)
    if not any(facts.triples((None, RDF.type, OWL.Ontology))):
        facts += load_ontology()
    closure(facts, regime)
    for triple in evidence:
        facts.add(triple)
    return RdflibQueries(facts, normalise_rows=True)
