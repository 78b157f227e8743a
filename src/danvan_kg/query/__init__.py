"""The query layer: named relationship questions, SPARQL anywhere, evidence and paths.

>>> from danvan_kg.query import ask, ask_df, sparql
>>> ask(kg, "models", movement="dan van kheo")             # a KnowledgeGraph ...
>>> ask("http://127.0.0.1:7878/query", "search", text="cafe treo")   # ... or an endpoint URL
>>> ask_df(kg, "evidence", of="Tết Quân - Dân")            # a pandas DataFrame
>>> sparql(kg, "SELECT ?m WHERE { ?m a dv:Model }")        # prefixes predeclared

Questions are ``questions/*.rq`` files (see ``questions()``); parameter values are bound by
the engine, never pasted into query text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import Graph

from danvan_kg.query.adhoc import run_sparql
from danvan_kg.query.answer import Answer
from danvan_kg.query.catalogue import Question, load_catalogue
from danvan_kg.query.runner import run_question
from danvan_kg.sparql.terms import PlainRow, plain_rows

if TYPE_CHECKING:
    import pandas

__all__ = ["Answer", "Question", "ask", "ask_df", "questions", "run_question", "run_sparql", "sparql"]


def questions() -> list[Question]:
    """Every named question, sorted by name."""
    return list(load_catalogue().values())


def ask(target: object, name: str, *, infer: str | None = None, **params: Any) -> list[PlainRow]:
    """Rows (dicts of plain Python values) answering question ``name``.

    ``target`` is a ``KnowledgeGraph``, an rdflib Graph or a SPARQL endpoint URL; ``params``
    are the question's parameters (``from_=`` for ``from``); ``infer`` is "rdfs" or "owlrl".
    """
    return plain_rows(run_question(target, name, params, infer=infer).rows)


def ask_df(target: object, name: str, *, infer: str | None = None, **params: Any) -> pandas.DataFrame:
    """The answer of :func:`ask` as a pandas DataFrame (columns in query order)."""
    import pandas

    answer = run_question(target, name, params, infer=infer)
    return pandas.DataFrame(plain_rows(answer.rows), columns=answer.columns)


def sparql(target: object, text: str) -> list[PlainRow] | bool | Graph:
    """Run any query: rows of plain values (SELECT), a bool (ASK) or an rdflib Graph (CONSTRUCT)."""
    result = run_sparql(target, text)
    if isinstance(result, Answer):
        return plain_rows(result.rows)
    return result
