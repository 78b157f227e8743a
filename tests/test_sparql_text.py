"""Query-text helpers: prefixes, query form, projection, and the VALUES block that binds remotely."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from danvan_kg.errors import QueryError
from danvan_kg.ids import PREFIXES
from danvan_kg.sparql.text import (
    bind_values,
    declared_prefixes,
    projection,
    query_form,
    strip_comments,
    values_block,
    with_prefixes,
)


def test_with_prefixes_adds_only_missing_ones() -> None:
    text = "PREFIX dv: <http://other.example/>\nSELECT * WHERE { ?s a dv:X }"
    full = with_prefixes(text)
    assert full.count("PREFIX dv:") == 1 and "http://other.example/" in full
    assert f"PREFIX skos: <{PREFIXES['skos']}>" in full
    assert declared_prefixes(full) >= set(PREFIXES)


def test_comments_are_stripped_but_not_inside_iris_or_strings() -> None:
    text = 'SELECT * WHERE { ?s <http://x/#frag> "a # b" } # comment PREFIX zz: <http://z/>'
    stripped = strip_comments(text)
    assert "<http://x/#frag>" in stripped and '"a # b"' in stripped and "comment" not in stripped
    assert "zz" not in declared_prefixes(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT"),
        ("# a comment with ASK\nPREFIX a: <http://a/>\nBASE <http://b/>\nask { ?s ?p ?o }", "ASK"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://x/>", "DESCRIBE"),
    ],
)
def test_query_form(text: str, form: str) -> None:
    assert query_form(text) == form


@pytest.mark.parametrize(
    "text", ["DROP ALL", "INSERT DATA { <a:b> <a:c> <a:d> }", "PREFIX x: <http://x/> CLEAR ALL"]
)
def test_updates_are_refused(text: str) -> None:
    with pytest.raises(QueryError, match="update"):
        query_form(text)


def test_non_queries_are_refused() -> None:
    with pytest.raises(QueryError, match="not a SPARQL query"):
        query_form("hello world")


def test_projection() -> None:
    assert projection("SELECT DISTINCT ?a (COUNT(?b) AS ?n) ?c WHERE { }") == ["a", "n", "c"]
    assert projection("SELECT ?k (CONTAINS(?k, ?q) AS ?hit)\nWHERE { }") == ["k", "hit"]
    assert projection("SELECT * { ?s ?p ?o }") is None


def test_values_block_shape() -> None:
    block = values_block([{"b": URIRef("http://x/1"), "a": Literal("v")}])
    assert block.strip().startswith("VALUES (?a ?b)")
    assert '"v"' in block and "<http://x/1>" in block
    assert values_block([]) == ""
    with pytest.raises(QueryError):
        values_block([{"a b": Literal("x")}])


HOSTILE = [
    '"}; DROP ALL; #',
    "x' } UNION { ?s ?p ?o } #",
    "\\u0022) } UNION { ?s ?p ?o",
    '"""\n} ; CLEAR ALL',
    "line1\r\nline2\\",
    "tab\there",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_values_block_keeps_hostile_text_inert(value: str) -> None:
    store = ox.Store()
    rows = list(store.query("SELECT ?x WHERE {}" + values_block([{"x": Literal(value)}])))
    assert [r["x"].value for r in rows] == [value]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_values_block_round_trips_any_text(value: str) -> None:
    store = ox.Store()
    rows = list(store.query("SELECT ?x WHERE {}" + values_block([{"x": Literal(value)}])))
    assert len(rows) == 1 and rows[0]["x"].value == value


def test_bind_values_opens_the_where_group() -> None:
    text = 'PREFIX a: <http://x/{>\nSELECT ?x ("{" AS ?b) # {\nWHERE { ?x ?p ?o }'
    bound = bind_values(text, [{"x": Literal("}")}])
    assert bound.startswith(text.split("WHERE {")[0] + "WHERE {\nVALUES (?x)")
    store = ox.Store()
    rows = store.query(bind_values("SELECT ?x WHERE { }", [{"x": Literal('"}')}]))
    assert next(iter(rows))["x"].value == '"}'
    assert bind_values("ASK { ?s ?p ?o }", [{"s": URIRef("http://a")}]).startswith("ASK {\nVALUES (?s)")


def test_bind_values_falls_back_to_a_trailing_block() -> None:
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    bound = bind_values(construct, [{"s": URIRef("http://a")}])
    assert bound.startswith(construct) and bound.rstrip().endswith("}")
    assert "VALUES (?s)" in bound[len(construct) :]
    assert bind_values(construct, []) == construct


def test_bind_values_reaches_into_sub_selects() -> None:
    """A sub-select is evaluated on its own: the bound value must be inside it (as engines bind)."""
    data = (
        "<http://x/a1> <http://x/partOf> <http://x/A> .\n<http://x/a2> <http://x/partOf> <http://x/A> .\n"
        "<http://x/b1> <http://x/partOf> <http://x/B> .\n<http://x/b2> <http://x/partOf> <http://x/B> .\n"
    )
    store = ox.Store()
    store.load(data.encode(), format=ox.RdfFormat.N_TRIPLES)
    text = (
        "SELECT ?m ?mv ?select WHERE { { SELECT ?m ?mv WHERE { ?m <http://x/partOf> ?mv }"
        ' ORDER BY DESC(?m) LIMIT 1 } BIND("SELECT {" AS ?select) }'
    )
    bound = bind_values(text, [{"mv": URIRef("http://x/A")}])
    assert bound.count("VALUES (?mv)") == 2
    assert [r["m"].value for r in store.query(bound)] == ["http://x/a2"]
    substituted = store.query(text, substitutions={ox.Variable("mv"): ox.NamedNode("http://x/A")})
    assert [r["m"].value for r in substituted] == ["http://x/a2"]
