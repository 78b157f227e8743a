"""Run a named question on a target: check parameters, resolve labels, bind values, collect rows.

Values reach the engine only as bound terms (``KnowledgeGraph``/rdflib: substitution and
``initBindings``; remote endpoints: a ``VALUES`` block of rdflib-serialised terms):
the query text always comes from the ``.rq`` file. Labels are resolved to entity IRIs first
(:mod:`danvan_kg.query.lookup`); a label naming several entities runs the question once per
entity and merges the rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from danvan_kg.errors import QueryError
from danvan_kg.query import lookup
from danvan_kg.query.answer import Answer, Resolved
from danvan_kg.query.catalogue import Param, Question, get_question
from danvan_kg.query.keys import search_key
from danvan_kg.query.sparqltext import projection, with_prefixes
from danvan_kg.query.targets import Target, as_target
from danvan_kg.query.terms import Row, clean_list, normalise_row
from danvan_kg.rdf.namespaces import CORE_RELATIONS, DV, EXTRA_RELATIONS

RELATIONS: tuple[str, ...] = (*CORE_RELATIONS, *EXTRA_RELATIONS, "mentionedIn", "within", "withinTransitive")
"""Relation names accepted by ``relation`` parameters."""

MAX_INT = 50


def _check_params(question: Question, params: Mapping[str, Any]) -> dict[str, str]:
    known = {p.name for p in question.params}
    given: dict[str, str] = {}
    for name, value in params.items():
        name = name.rstrip("_")
        if name not in known:
            options = ", ".join(p.option for p in question.params) or "none"
            raise QueryError(f"question {question.name!r} has no parameter {name!r} (it takes: {options})")
        if value is not None:
            given[name] = str(value)
    for param in question.params:
        if param.name not in given and param.default is not None:
            given[param.name] = param.default
        if param.required and param.name not in given:
            raise QueryError(f"question {question.name!r} needs {param.option}")
    return given


def _relation(value: str) -> URIRef:
    names = {name.lower(): name for name in RELATIONS}
    local = value.strip().removeprefix("dv:")
    if local.lower() not in names:
        raise QueryError(f"unknown relation {value!r} (use one of {', '.join(RELATIONS)})")
    return DV[names[local.lower()]]


def _int(param: Param, value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise QueryError(f"{param.option} must be a whole number, not {value!r}") from None
    if not 1 <= number <= MAX_INT:
        raise QueryError(f"{param.option} must be between 1 and {MAX_INT}")
    return number


def resolve_params(target: Target, question: Question, given: Mapping[str, str]) -> Resolved:
    """Turn the user's values into terms: entities by label/IRI, text by key, relations, numbers."""
    out = Resolved()
    for name, value in given.items():
        param = question.param(name)
        if param.kind == "int":
            out.ints[name] = _int(param, value)
        elif param.kind == "relation":
            out.values[name] = [_relation(value)]
        elif param.kind == "text":
            out.values[name] = [Literal(search_key(value))]
        else:
            matches, truncated = lookup.find(target, value, param.classes)
            out.matches[name] = matches
            out.values[name] = [m.iri for m in matches]
            what = "/".join(param.classes).lower() or "entity"
            if not matches:
                out.notes.append(f"no {what} matches {value!r}")
                out.empty = True
            elif len(matches) > 1 or not matches[0].exact:
                how = "exactly" if matches[0].exact else "by substring"
                names = "; ".join(m.label for m in matches)
                out.notes.append(f"{param.option} {value!r} matched {len(matches)} {how}: {names}")
            if truncated:
                out.notes.append(f"{param.option} {value!r}: only the first {len(matches)} matches are used")
    return out


def select_rows(
    target: Target,
    text: str,
    combos: list[dict[str, Node]],
    lists: tuple[str, ...] = (),
    *,
    distinct: bool = True,
) -> tuple[list[str], list[Row]]:
    """Run ``text`` once per binding combination; merged rows (without duplicates when ``distinct``).

    ``lists`` names GROUP_CONCAT columns, whose items are made distinct, sorted and joined by "; ".
    """
    columns = projection(text)
    rows: list[Row] = []
    seen: set[tuple[Any, ...]] = set()
    for bindings in combos or [{}]:
        for row in target.select(text, bindings or None):
            if columns is None:
                columns = list(row)
            clean = normalise_row(row, columns)
            for name in lists:
                if name in clean:
                    clean[name] = clean_list(clean[name])
            key = tuple(clean.values())
            if not distinct:
                rows.append(clean)
            elif key not in seen:
                seen.add(key)
                rows.append(clean)
    return columns or [], rows


def _combos(values: Mapping[str, list[Node]]) -> list[dict[str, Node]]:
    names = sorted(values)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*(values[n] for n in names))]


Handler = Callable[[Target, Question, Resolved], Answer]


def _handlers() -> dict[str, Handler]:
    from danvan_kg.query.paths import answer_path
    from danvan_kg.query.search import answer_search

    return {"path": answer_path, "search": answer_search}


def run_question(
    target: object,
    name: str,
    params: Mapping[str, Any] | None = None,
    *,
    infer: str | None = None,
) -> Answer:
    """Answer question ``name`` with ``params`` (label, IRI or text values) on ``target``.

    ``target`` is a ``KnowledgeGraph``, an rdflib ``Graph``, an endpoint URL or any
    :class:`~danvan_kg.query.targets.Target`; ``infer`` ("rdfs" or "owlrl") answers over an
    inferred copy instead.
    """
    question = get_question(name)
    given = _check_params(question, params or {})
    engine = as_target(target)
    if infer:
        from danvan_kg.query.inference import inferred

        engine = inferred(engine, infer)
    resolved = resolve_params(engine, question, given)
    if question.handler:
        return _handlers()[question.handler](engine, question, resolved)
    text = with_prefixes(question.render(set(given)))
    columns = projection(text) or []
    if resolved.empty:
        return Answer(question.name, columns, [], resolved.notes, question.hidden)
    columns, rows = select_rows(engine, text, _combos(resolved.values), question.lists)
    return Answer(question.name, columns, rows, resolved.notes, question.hidden)
