"""The ``chain`` question: from a resolution to the movements, models, organisations and groups,
or from a movement up to the documents it implements and down to its models, organisations and groups.

At 1M triples a busy resolution has some 14,000 chain rows, most of them in steps 2 and 4.
Evaluating and sorting them all to show the first hundred cost a quarter of a second, so the
steps are asked one at a time, in order, each sorted by the IRIs of ``?from`` and ``?entity``,
and later steps are not asked once the page is full. Types and labels are looked up afterwards,
for the rows of the page only (:func:`danvan_kg.query.lookup.describe_many`).

A local resolution (one with ``dv:area``: "Nghị quyết Đại hội Đảng bộ tỉnh khóa XI" of Đồng Tháp) keeps
its chain in its province (:class:`LocalScope`): the models of step 2 are those whose province is the
resolution's, steps 3 and 4 start from the step-1 things or those models, and the organisations of step 3
running or launching a step-1 thing (a nationwide movement) are that province's or national ones.
"""

from __future__ import annotations

from typing import cast

from rdflib import Literal, URIRef
from rdflib.term import Node

from danvan_kg.errors import QueryError
from danvan_kg.query import lookup
from danvan_kg.query.answer import SORTED_MAX, Answer, Resolved, more_rows_note, store_order_note
from danvan_kg.query.catalogue import Question
from danvan_kg.query.targets import Target
from danvan_kg.sparql.files import load_query
from danvan_kg.sparql.terms import Row
from danvan_kg.sparql.text import bind_values, with_prefixes

STEPS = (1, 2, 3, 4)
ROOTS = ("resolution", "movement")
"""The parameters a chain can start from (exactly one is given); each is also the first column."""
DETAIL = ["step", "entity", "type", "label", "province", "relation", "from", "fromLabel"]


def step_rows(
    target: Target,
    question: Question,
    roots: list[URIRef],
    step: int,
    root: str = "resolution",
    most: int | None = None,
) -> tuple[list[Row], bool]:
    """The rows of one step, without duplicates, and whether they are all of them.

    Every row (``most`` ``None``), or at most about ``most``: when the step has no more, they are
    sorted by ``?from``, ``?entity``, ``?relation`` (here rather than by the engine: Oxigraph decodes
    both IRIs at every comparison of an ``ORDER BY``, 0.25 s for step 2 at 1M triples on disk); when
    it has more, the first ones in the store's order (the models of a busy movement's resolution:
    reading and sorting all 78,000 at 10M triples would cost seconds, the first page milliseconds).
    """
    text = with_prefixes(question.render({root: "", "step": str(step)}))
    if most is not None:
        text += f"LIMIT {most + 1}\n"
    rows: dict[tuple[str, ...], Row] = {}
    complete = True
    for node in roots:
        found = target.select(text, {root: node})
        complete = complete and (most is None or len(found) <= most)
        for row in found:
            key = (str(row["from"]), str(row["entity"]), str(row["relation"]), str(node))
            if key not in rows:
                rows[key] = row
    if not complete:
        return list(rows.values()), False
    return [rows[key] for key in sorted(rows)], True


def _root(question: Question, resolved: Resolved) -> str:
    given = [name for name in ROOTS if name in resolved.values or name in resolved.matches]
    if len(given) != 1:
        raise QueryError(f"question {question.name!r} needs --resolution or --movement (one of them)")
    return given[0]


Areas = tuple[set[Node], set[Node]]
"""The ``dv:area`` units of an entity, and the 2025 units those were merged into."""


def _areas(target: Target, entities: list[URIRef]) -> dict[URIRef, Areas]:
    """The province units (``dv:area``) of ``entities``, with the 2025 units they were merged into."""
    text = with_prefixes(load_query("danvan_kg.query.queries", "areas.rq"))
    out: dict[URIRef, Areas] = {}
    for start in range(0, len(entities), 500):
        batch = entities[start : start + 500]
        for row in target.select(bind_values(text, [{"entity": e} for e in batch])):
            entity = row.get("entity")
            if isinstance(entity, URIRef):
                own, merged = out.setdefault(entity, (set(), set()))
                own.add(cast(Node, row["area"]))  # the query binds it
                if (merged_into := row.get("merged")) is not None:
                    merged.add(merged_into)
    return out


def same_province(a: Areas, b: Areas) -> bool:
    """Two things of one province: the same unit, or a 2025 unit and a 2020 one merged into it
    (Đồng Tháp of 2020 and of 2026 agree; Tiền Giang and Đồng Tháp of 2020 do not)."""
    return bool(a[0] & b[0] or a[0] & b[1] or b[0] & a[1])


class LocalScope:
    """A local resolution's chain stays in its province: a national movement implementing the
    congress resolution of Đồng Tháp brings Đồng Tháp's models, not every model of that movement."""

    def __init__(self, target: Target, resolutions: list[URIRef]) -> None:
        self.target = target
        found = _areas(target, resolutions) if resolutions else {}
        self.areas: Areas = (set(), set())
        for own, merged in found.values():
            self.areas[0].update(own)
            self.areas[1].update(merged)
        self.direct: set[Node | None] = set()
        self.kept: set[Node] = set()

    @property
    def local(self) -> bool:
        """Whether the resolution is local (qualified by a province)."""
        return bool(self.areas[0])

    def filter(self, number: int, rows: list[Row]) -> list[Row]:
        """``rows`` of step ``number`` within the province (all of them for a national resolution)."""
        if not self.local:
            return rows
        if number == 1:
            self.direct = {row["entity"] for row in rows}
            return rows
        if number == 2:
            models = [row["entity"] for row in rows if isinstance(row["entity"], URIRef)]
            areas = _areas(self.target, list(dict.fromkeys(models)))
            self.kept = {m for m in models if m in areas and same_province(areas[m], self.areas)}
            return [row for row in rows if row["entity"] in self.kept]
        rows = [row for row in rows if row["from"] in self.direct or row["from"] in self.kept]
        if number == 3:  # who launched a nationwide movement here: this province's bodies or national ones
            orgs = [row["entity"] for row in rows if row["from"] in self.direct]
            areas = _areas(self.target, list(dict.fromkeys(o for o in orgs if isinstance(o, URIRef))))
            rows = [
                row
                for row in rows
                if row["from"] not in self.direct
                or row["entity"] not in areas
                or same_province(areas[row["entity"]], self.areas)  # type: ignore[index]
            ]
        return rows


def answer_chain(target: Target, question: Question, resolved: Resolved) -> Answer:
    """Rows of the chain, step by step, one page at a time (``limit`` 0: every row)."""
    root = _root(question, resolved)
    columns = [root, *DETAIL]
    notes = list(resolved.notes)
    if resolved.empty:
        return Answer(question.name, columns, [], notes, question.hidden)
    step = resolved.ints.get("step")  # 1-4, checked by the runner (max=4)
    limit, offset = resolved.ints.get("limit", 0), resolved.ints.get("offset", 0)
    roots = [r for r in resolved.values[root] if isinstance(r, URIRef)]
    scope = LocalScope(target, roots if root == "resolution" else [])  # a movement's chain is national
    page: list[Row] = []
    skip = offset
    streamed = False
    # a local resolution's later steps depend on the models kept at step 2: take the steps before
    needed = sorted({1, 2, step}) if step and scope.local and step > 2 else ([step] if step else list(STEPS))
    for number in needed:
        # a local resolution's steps are filtered after reading, so they are read whole (they are
        # a province's, and small); otherwise a page reads no more of a step than it can show
        most = max(SORTED_MAX, skip + limit + 1 - len(page)) if limit and not scope.local else None
        found, complete = step_rows(target, question, roots, number, root, most)
        streamed = streamed or not complete
        rows = scope.filter(number, found)
        if step and number != step:
            continue
        if skip >= len(rows):
            skip -= len(rows)
            continue
        page.extend(rows[skip:])
        skip = 0
        if limit and len(page) > limit:
            break
    if limit and len(page) > limit:
        page = page[:limit]
        notes.append(more_rows_note(offset, limit))
    if streamed:
        notes.append(store_order_note())
    nodes = [n for row in page for n in (row.get("entity"), row.get("from")) if isinstance(n, URIRef)]
    described = lookup.describe_many(target, nodes)
    out: list[Row] = []
    for row in page:
        entity, source = described.get(cast(URIRef, row["entity"])), described.get(cast(URIRef, row["from"]))
        out.append(
            {
                root: row[root],
                "step": row["step"],
                "entity": row["entity"],
                "type": Literal(entity.type) if entity else None,
                "label": Literal(entity.label) if entity else None,
                "province": Literal(entity.province) if entity and entity.province else None,
                "relation": row["relation"],
                "from": row["from"],
                "fromLabel": Literal(source.label) if source else None,
            }
        )
    return Answer(question.name, columns, out, notes, question.hidden)
