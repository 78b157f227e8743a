"""The question catalogue: headers, parameters, conditional blocks, and the binding rules."""

from __future__ import annotations

import itertools

import pytest
from rdflib import URIRef
from rdflib.plugins.sparql import prepareQuery

from danvan_kg.errors import QueryError
from danvan_kg.query.catalogue import get_question, load_catalogue, parse_question
from danvan_kg.sparql.text import projection, with_prefixes

REQUIRED = {
    "models",
    "runs",
    "beneficiaries",
    "chain",
    "organisations",
    "evidence",
    "path",
    "timeline",
    "search",
}


def _given_sets(question):
    optional = [p.name for p in question.params if not p.required]
    required = {p.name for p in question.params if p.required}
    for n in range(len(optional) + 1):
        for combo in itertools.combinations(optional, n):
            yield required | set(combo)


def test_every_required_question_is_shipped() -> None:
    assert set(load_catalogue()) >= REQUIRED


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_question_has_bilingual_metadata(name: str) -> None:
    question = get_question(name)
    assert question.vi and question.en
    assert question.vi != question.en
    for param in question.params:
        assert param.vi and param.en, f"{name}: parameter {param.name} lacks a description"
    assert question.examples and all(f"ask {name}" in e for e in question.examples)


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_every_rendering_is_valid_sparql(name: str) -> None:
    question = get_question(name)
    for given in _given_sets(question):
        for engine in ("embedded", "remote"):
            text = with_prefixes(question.render({**dict.fromkeys(given, ""), "engine": engine}))
            prepareQuery(text)  # raises on a syntax error


@pytest.mark.parametrize("name", sorted(REQUIRED - {"path", "search"}))
def test_bound_parameters_are_projected(name: str) -> None:
    """Oxigraph substitution needs bound variables in the projection (SEP-0007), and a trailing
    VALUES block only constrains a grouped query through its GROUP BY keys."""
    question = get_question(name)
    for given in _given_sets(question):
        text = question.render(given)
        columns = projection(text)
        assert columns is not None
        for param in question.params:
            if param.name in given and param.kind in ("entity", "relation"):
                assert param.name in columns, f"{name}: ?{param.name} not projected when given"
                if "GROUP BY" in text:
                    group_by = text.split("GROUP BY", 1)[1]
                    assert f"?{param.name}" in group_by, f"{name}: ?{param.name} not a GROUP BY key"


def test_render_drops_blocks_of_absent_parameters() -> None:
    question = get_question("models")
    without = question.render(set())
    with_place = question.render({"movement", "place"})
    assert "?area" not in without and "?area" in with_place
    assert "?place" not in projection(without)  # type: ignore[operator]
    assert "place" in projection(with_place)  # type: ignore[operator]


def test_engine_lines_choose_the_form_for_an_endpoint() -> None:
    """models and runs keep their lists' UNION in an OPTIONAL in the embedded store (evaluated row by
    row) and give an endpoint the UNION with an empty first branch (Virtuoso 7 loses the bindings of a
    UNION inside an OPTIONAL)."""
    for name in ("models", "runs"):
        question = get_question(name)
        given = {p.name: "x" for p in question.params if p.required}
        embedded = question.render({**given, "engine": "embedded"})
        remote = question.render({**given, "engine": "remote"})
        assert 'BIND("" AS ?none)' in remote and 'BIND("" AS ?none)' not in embedded
        assert embedded.count("OPTIONAL {") == remote.count("OPTIONAL {") + 1
    bad = parse_question("# @question q\n# @vi a\n# @en b\nSELECT * WHERE {\n# @if engin=remote\n}\n# @end\n")
    with pytest.raises(QueryError, match="unknown parameter"):
        bad.render(set())


def test_parse_header_and_errors() -> None:
    text = (
        "# @question demo\n# @vi Thử\n# @en Try\n"
        "# @param who entity:Model,Movement required | vi: ai | en: who\n"
        "# @param n int default=3 | vi: số | en: number\n"
        "# @hide who\nSELECT ?who WHERE {\n# @if n\n  ?who ?p ?o .\n# @end\n}\n"
    )
    question = parse_question(text)
    assert question.name == "demo" and question.hidden == ("who",)
    who = question.param("who")
    assert who.classes == ("Model", "Movement") and who.required and who.option == "--who"
    assert question.param("n").default == "3"
    assert "?who ?p ?o" not in question.render({"who"})
    assert "?who ?p ?o" in question.render({"who", "n"})
    with pytest.raises(QueryError, match="@question"):
        parse_question("SELECT * WHERE {}")
    with pytest.raises(QueryError, match="kind"):
        parse_question("# @question x\n# @param a blob\nSELECT * {}")
    with pytest.raises(QueryError, match="@end"):
        parse_question("# @question x\n# @param a int\n# @if a\nSELECT * {}").render({"a"})
    with pytest.raises(QueryError, match="unknown question"):
        get_question("nope")


PAGED = """# @question paged
# @param movement entity required
# @param place entity optional
SELECT ?movement ?model ?label WHERE {
# @page
  {
    SELECT DISTINCT ?movement ?model WHERE {
      ?model dv:partOf ?movement .
# @if place
      ?model dv:locatedIn ?place .
# @end
    }
  }
# @endpage
  ?model rdfs:label ?label .
}
"""


def test_a_page_block_makes_a_paged_question() -> None:
    question = parse_question(PAGED)
    assert question.paged and question.page_block
    assert [p.name for p in question.params] == ["movement", "place", "limit", "offset"]
    assert {p.kind for p in question.params[2:]} == {"count"}
    whole = question.render({"movement"})
    assert "SELECT DISTINCT ?movement ?model" in whole and "@page" not in whole
    assert question.page_query({"movement"}).startswith("SELECT DISTINCT ?movement ?model WHERE {")
    assert "dv:locatedIn" in question.page_query({"movement", "place"})
    assert "dv:locatedIn" not in question.page_query({"movement"})
    rows = [{"movement": URIRef("http://x/m"), "model": URIRef("http://x/a")}]
    page = question.render({"movement"}, rows)
    assert "SELECT DISTINCT" not in page and "VALUES (?model ?movement)" in page
    assert "(<http://x/a> <http://x/m>)" in page and "?model rdfs:label ?label" in page
    prepareQuery(with_prefixes(page))


def test_paged_by_a_handler_and_broken_page_blocks() -> None:
    handler = parse_question("# @question h\n# @handler chain\n# @paged\nSELECT * {}\n")
    assert handler.paged and not handler.page_block
    assert [p.name for p in handler.params] == ["limit", "offset"]
    for body in ("# @page\n{ SELECT ?a {} }\n", "# @endpage\n", "# @page\n# @page\n# @endpage\n"):
        with pytest.raises(QueryError, match="@page"):
            parse_question("# @question b\nSELECT * WHERE {\n" + body + "}\n").render(set())
    with pytest.raises(QueryError, match=r"\{ SELECT"):
        parse_question("# @question c\nSELECT * WHERE {\n# @page\n# @endpage\n}\n").page_query(set())
