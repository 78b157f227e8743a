"""The SPARQL cookbook: every recipe answers on the bundled build, embedded and on an Oxigraph
server, with the same rows, none repeated; docs/queries.md shows each recipe as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TestOxigraphServer
from danvan_kg.paths import repo_root
from danvan_kg.query.adhoc import run_sparql
from danvan_kg.query.answer import Answer
from danvan_kg.query.cookbook import cookbook
from danvan_kg.query.sparqltext import check_syntax
from danvan_kg.query.terms import plain_rows
from danvan_kg.store import KnowledgeGraph

RECIPES = cookbook()


def _rows(answer: object) -> list[tuple]:
    assert isinstance(answer, Answer)
    return [tuple(row.get(c) for c in answer.columns) for row in plain_rows(answer.rows)]


def test_there_are_ten_recipes_with_titles() -> None:
    assert len(RECIPES) == 10
    for recipe in RECIPES:
        assert recipe.title and recipe.about, recipe.name
        check_syntax(recipe.text)


def test_the_docs_show_every_recipe_as_it_is() -> None:
    docs = (repo_root() / "docs" / "queries.md").read_text(encoding="utf-8")
    cookbook_section = docs.split("## SPARQL cookbook", 1)[1]
    for recipe in RECIPES:
        assert recipe.text.strip() in cookbook_section, recipe.name
        assert recipe.title in cookbook_section, recipe.name


@pytest.fixture(scope="module")
def embedded(bundled_build: Path) -> dict[str, list[tuple]]:
    with KnowledgeGraph.open(bundled_build) as kg:
        return {recipe.name: _rows(run_sparql(kg, recipe.text)) for recipe in RECIPES}


@pytest.mark.parametrize("recipe", RECIPES, ids=lambda r: r.name)
def test_each_recipe_answers_on_the_bundled_build_without_repeats(
    recipe: object, embedded: dict[str, list[tuple]]
) -> None:
    rows = embedded[recipe.name]  # type: ignore[attr-defined]
    assert rows, f"{recipe.name} answers nothing on the bundled build"  # type: ignore[attr-defined]
    assert len(set(rows)) == len(rows)


@pytest.mark.server
def test_an_oxigraph_server_gives_the_same_rows(
    bundled_build: Path, embedded: dict[str, list[tuple]], oxigraph_server: TestOxigraphServer
) -> None:
    oxigraph_server.clear()
    oxigraph_server.load((bundled_build.parent / "out" / "danvan-kg.trig").read_bytes(), "application/trig")
    for recipe in RECIPES:
        remote = _rows(run_sparql(oxigraph_server.query_url, recipe.text))
        assert sorted(remote, key=repr) == sorted(embedded[recipe.name], key=repr), recipe.name
