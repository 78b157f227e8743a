"""Run a named question on a target: check parameters, resolve labels, bind values, collect rows.

Values reach the engine only as bound terms (embedded Oxigraph and remote endpoints: a
``VALUES`` block of rdflib-serialised terms opening the WHERE group; rdflib: ``initBindings``):
the query text always comes from the ``.rq`` file. Labels are resolved to entity IRIs first
(:mod:`danvan_kg.query.lookup`); a label naming several entities runs the question once per
entity and merges the rows. Paged questions choose the page's subjects first (:func:`_page`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from danvan_kg.errors import QueryError
from danvan_kg.ids import CORE_RELATIONS, DV, EXTRA_RELATIONS
from danvan_kg.query import lookup
from danvan_kg.query.answer import SORTED_MAX, Answer, Resolved, more_rows_note, store_order_note
from danvan_kg.query.catalogue import ENGINE, Param, Question, get_question
from danvan_kg.query.targets import Target, as_target
from danvan_kg.resolve import search_key
from danvan_kg.sparql.files import load_query
from danvan_kg.sparql.terms import Row, clean_list, list_items, normalise_row
from danvan_kg.sparql.text import projection, with_prefixes
from danvan_kg.store.remote import RemoteEndpoint

RELATIONS: tuple[str, ...] = (*CORE_RELATIONS, *EXTRA_RELATIONS, "mentionedIn", "within", "withinTransitive")
"""Relation names accepted by ``relation`` parameters."""

MAX_INT = 50
MAX_COUNT = 1_000_000_000

CLI_PAGE = 100
"""Rows a paged question returns when the command line does not say ``--limit`` (0: all).

The Python API (``ask``, ``ask_df``) returns every row unless ``limit`` is given."""


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


def _whole(param: Param, value: str, low: int, high: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise QueryError(f"{param.option} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise QueryError(f"{param.option} must be between {low} and {high:,}")
    return number


def resolve_params(target: Target, question: Question, given: Mapping[str, str]) -> Resolved:
    """Turn the user's values into terms: entities by label/IRI, text by key, relations, numbers."""
    out = Resolved()
    for name, value in given.items():
        param = question.param(name)
        if param.kind == "int":
            out.ints[name] = _whole(param, value, 1, param.most or MAX_INT)
        elif param.kind == "count":
            out.ints[name] = _whole(param, value, 0, MAX_COUNT)
        elif param.kind == "relation":
            out.values[name] = [_relation(value)]
        elif param.kind == "text":
            out.values[name] = [Literal(search_key(value))]
        else:
            matches, truncated = lookup.find(target, value, param.classes)
            if "Place" in param.classes:
                matches = lookup.one_place(target, matches)
            out.matches[name] = matches
            out.values[name] = [m.iri for m in matches]
            what = "/".join(param.classes).lower() or "entity"
            if not matches:
                out.notes.append(f"no {what} matches {value!r}")
                out.empty = True
                out.unmatched.append(param.option)
            elif len(matches) > 1 or not matches[0].exact:
                how = "exactly" if matches[0].exact else "by substring"
                names = "; ".join(m.label + (f" ({m.province})" if m.province else "") for m in matches)
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
    from danvan_kg.geo.near import answer_near
    from danvan_kg.geo.provinces import answer_provinces
    from danvan_kg.query.beneficiaries import answer_beneficiaries
    from danvan_kg.query.chain import answer_chain
    from danvan_kg.query.paths import answer_path
    from danvan_kg.query.search import answer_search

    return {
        "beneficiaries": answer_beneficiaries,
        "chain": answer_chain,
        "near": answer_near,
        "path": answer_path,
        "provinces": answer_provinces,
        "search": answer_search,
    }


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
    answer = _answer(engine, question, {**given, ENGINE: engine_kind(engine)}, resolved)
    answer.unmatched = list(resolved.unmatched)
    return answer


def engine_kind(engine: Target) -> str:
    """``remote`` for a SPARQL endpoint over HTTP, else ``embedded`` (``# @if engine=…`` lines)."""
    return "remote" if isinstance(engine, RemoteEndpoint) else "embedded"


def _answer(engine: Target, question: Question, given: Mapping[str, str], resolved: Resolved) -> Answer:
    """The answer for resolved parameters: a handler's, or the query's rows (one page if asked)."""
    if question.handler:
        return finish(_handlers()[question.handler](engine, question, resolved), question, engine)
    limit, offset = resolved.ints.get("limit", 0), resolved.ints.get("offset", 0)
    text = with_prefixes(question.render(given))
    columns = projection(text) or []
    if resolved.empty:
        return Answer(question.name, columns, [], resolved.notes, question.hidden)
    notes = list(resolved.notes)
    if any(question.param(n).classes == ("Place",) for n in resolved.values) and not lookup.has_index(engine):
        notes.append(NO_INDEX_NOTE)
    combos = _combos(resolved.values)
    streamed = False
    if question.page_block:  # every row too: the rest of the query then runs for 500 subjects at a time
        columns, rows, more, streamed = _page(engine, question, given, combos, limit, offset)
    else:
        columns, rows = select_rows(engine, text, combos, question.lists)
        more = bool(limit) and len(rows) > offset + limit
        rows = rows[offset : offset + limit] if limit else rows[offset:]
    if more:
        notes.append(more_rows_note(offset, limit))
    if streamed:
        notes.append(store_order_note())
    return finish(Answer(question.name, columns, rows, notes, question.hidden), question, engine)


NO_LABELS_NOTE = (
    "this store has no preferred labels (graph/labels): lists show no names; "
    "`danvan-kg build --no-samples` (or any ingest) derives them"
)


NO_INDEX_NOTE = (
    "this store has no entity index (graph/index): a place finds nothing within it; "
    "`danvan-kg build --no-samples` (or any ingest) derives it"
)


def _has_labels(engine: Target) -> bool:
    return engine.ask(with_prefixes(load_query("danvan_kg.query.queries", "has_labels.rq")))


def finish(answer: Answer, question: Question, engine: Target | None = None) -> Answer:
    """The answer as every question gives it: ``id`` and ``label`` of each row's answer entity
    (``@answer``), and one row per answer in what a reader sees.

    A name standing for several entities runs the question once per entity and merges the rows;
    rows of the same answer entity that differ only in hidden bound parameters or in their list
    cells (the same model reached from two movement nodes of one name) become one row, their list
    cells united; rows equal in every visible cell are kept once.
    """
    columns = list(answer.columns)
    if question.answer:
        entity = question.answer[0]
        label = question.answer[1] if len(question.answer) > 1 else "label"
        for row in answer.rows:
            row["id"] = row.get(entity)
            row["label"] = row.get(label)
        columns += [c for c in ("id", "label") if c not in columns]
    visible = [c for c in columns if c not in answer.hidden]
    lists = [c for c in visible if c in question.lists] if question.answer else []
    keep = [c for c in visible if c not in lists] + (["id"] if question.answer else [])
    merged: dict[tuple[Any, ...], Row] = {}
    for row in answer.rows:
        key = tuple(row.get(c) for c in keep)
        first = merged.setdefault(key, row)
        if first is not row:
            for name in lists:
                items = set(list_items(first.get(name), "; ")) | set(list_items(row.get(name), "; "))
                first[name] = Literal("; ".join(sorted(items))) if items else None
    notes = list(answer.notes)
    if question.answer and answer.rows and engine is not None and not _has_labels(engine):
        notes.append(NO_LABELS_NOTE)
    return Answer(answer.question, columns, list(merged.values()), notes, answer.hidden)


PAGE_BATCH = 500
"""Subjects per query when the rest of a paged question runs for a page (a VALUES block of them)."""


_LAST = (2, 0.0, "")


def _term_key(term: Node | None) -> tuple[int, float, str]:
    if type(term) is URIRef:  # the common case, first; as a plain str, which compares and hashes
        return (1, 0.0, str(term))  # in C (rdflib's __eq__/__hash__ are Python: 3x slower sorts)
    if term is None:
        return _LAST
    if isinstance(term, Literal) and isinstance(term.value, int | float) and not isinstance(term.value, bool):
        return (0, float(term.value), str(term))
    return (1, 0.0, str(term))


def sort_key(row: Mapping[str, Node | None], names: Sequence[str]) -> tuple[tuple[int, float, str], ...]:
    """The order of paged rows: numbers by value, other terms by their text (IRIs: codepoint order)."""
    return tuple(_term_key(row.get(name)) for name in names)


def _page(
    engine: Target,
    question: Question,
    given: Mapping[str, str],
    combos: list[dict[str, Node]],
    limit: int,
    offset: int,
) -> tuple[list[str], list[Row], bool, bool]:
    """One page of a question with a page block: its subjects chosen here, the rest of the query run
    for them only. Returns the columns, the rows, whether more rows follow and whether the page
    follows the store's order.

    The subjects are read with ``LIMIT`` :data:`SORTED_MAX` + 1: when there are no more, they are
    sorted and cut (every page in order). When there are more, sorting them all would cost as much
    as the whole answer (0.6 s for the 17,895 models of the busiest movement at 10M triples, growing
    with the store), so the page is cut from the store's order, which the engine streams: the first
    page costs the same at any size. Each page's rows are sorted.
    """
    base = with_prefixes(question.page_query(given))
    names = projection(base)
    if not names:
        raise QueryError(f"{question.name}.rq: the @page sub-select must list its variables")
    wanted = offset + limit + 1 if limit else 0

    def read(most: int | None) -> list[list[Row]]:
        text = base + (f"LIMIT {most}\n" if most else "")
        return [engine.select(text, bindings or None) for bindings in combos or [{}]]

    first = read(SORTED_MAX + 1)
    streamed = any(len(rows) > SORTED_MAX for rows in first)
    if streamed and wanted > SORTED_MAX + 1:  # a page further in: read as far as it
        first = read(wanted)
    if streamed and not limit:  # every row asked for: read them all, sorted below
        first, streamed = read(None), False
    subjects: dict[tuple[Any, ...], tuple[int, dict[str, Node]]] = {}
    for index, found in enumerate(first):
        for row in found:
            key = sort_key(row, names)
            if key not in subjects:
                subjects[key] = (index, {n: value for n in names if (value := row.get(n)) is not None})
    ordered = [subjects[key] for key in (subjects if streamed else sorted(subjects))]
    chosen = ordered[offset : offset + limit] if limit else ordered[offset:]
    more = bool(limit) and len(ordered) > offset + limit
    chosen.sort(key=lambda item: sort_key(item[1], names))
    position = {sort_key(subject, names): i for i, (_, subject) in enumerate(chosen)}
    columns = projection(with_prefixes(question.render(given))) or []
    rows: list[Row] = []
    for index, bindings in enumerate(combos or [{}]):
        mine = [subject for i, subject in chosen if i == index]
        for start in range(0, len(mine), PAGE_BATCH):
            text = with_prefixes(question.render(given, mine[start : start + PAGE_BATCH]))
            _, batch = select_rows(engine, text, [bindings], question.lists)
            rows.extend(batch)
    rows.sort(key=lambda r: position.get(sort_key(r, names), len(position)))
    return columns, rows, more, streamed
