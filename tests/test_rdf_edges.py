"""Reading rows of the store the one way: source years, edge facts, label preference."""

from __future__ import annotations

from rdflib import Literal, URIRef

from danvan_kg.ids import DV
from danvan_kg.rdf.edges import EdgeFacts, SourceDates, label_rank, local_name, source_of, year_of

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_year_of_dates_in_every_shape() -> None:
    assert year_of(Literal("2024-12-26", datatype=URIRef(XSD + "date"))) == 2024
    assert year_of(Literal("2024-12", datatype=URIRef(XSD + "gYearMonth"))) == 2024
    assert year_of("2019") == 2019
    assert year_of("unknown") is None and year_of(None) is None and year_of("0012-01-01") is None
    dates = SourceDates()
    for date in ("2024-01-02", None, "2022", "2024-05"):
        dates.add(date)
    assert dates.years == {2022, 2024} and dates.undated is True


def _row(evidence: str, confidence: str, sentence: str, url: str | None, date: str | None) -> dict:
    return {
        "evidence": URIRef(f"https://example.org/e/{evidence}"),
        "confidence": Literal(confidence, datatype=URIRef(XSD + "decimal")),
        "sentence": Literal(sentence),
        "quote": Literal(sentence[:5]),
        "url": Literal(url) if url else None,
        "title": Literal(f"title of {url}") if url else None,
        "article": URIRef(f"https://example.org/a/{url}") if url else None,
        "date": Literal(date) if date else None,
    }


def test_edge_facts_keep_the_best_evidence_and_every_source() -> None:
    edge = EdgeFacts()
    edge.add_evidence(_row("1", "0.6", "B weaker", "u1", "2023-01-01"))
    edge.add_evidence(_row("2", "0.9", "A stronger", "u2", None))
    edge.add_evidence(_row("2", "0.9", "A stronger", "u2", None))  # the same evidence twice counts once
    assert edge.confidence == 0.9 and edge.sentence == "A stronger" and edge.source == "u2"
    assert edge.sources == {"u1", "u2"} and edge.evidence == {
        "https://example.org/e/1",
        "https://example.org/e/2",
    }
    assert edge.dates.years == {2023} and edge.dates.undated is True


def test_names_and_sources() -> None:
    assert local_name(DV.partOf) == "partOf" and local_name("https://w3id.org/danvan-kg/id/model/x") == "x"
    pref, label = (
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2000/01/rdf-schema#label",
    )
    assert label_rank(pref, "vi") < label_rank(label, "vi") < label_rank(pref, "en")
    assert source_of({"url": None, "title": Literal("T"), "article": None}) == ("T", "T")
