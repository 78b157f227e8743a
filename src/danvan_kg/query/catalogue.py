"""The catalogue of named questions: one ``questions/<name>.rq`` file each, metadata in its header.

Header lines (comments at the top of the file)::

    # @question models
    # @vi Các mô hình của một phong trào ...
    # @en Models of a movement ...
    # @param movement entity:Movement required | vi: phong trào | en: the movement
    # @param place entity:Place optional | vi: địa bàn | en: a place
    # @param max int default=6 | vi: ... | en: ...
    # @param step int max=4 | vi: ... | en: ...   (max=N: the largest value accepted)
    # @param examples count default=5 | vi: ... | en: ...   (a whole number from 0)
    # @handler path          (answered in Python, see runner.HANDLERS)
    # @hide movement place   (columns left out of the table view)
    # @lists organisations   (GROUP_CONCAT columns: tab-separated items, cleaned and sorted by the runner)
    # @answer model label    (the column naming each row's answer entity, and the one with its label:
                              the runner adds ``id`` and ``label`` for scripts)
    # @example danvan-kg ask models --movement "Dân vận khéo"

Parameter kinds: ``entity[:Class,...]`` (a label, alias or IRI resolved to entity IRIs),
``text`` (free text, matched through its search key), ``relation`` (a dv: relation name),
``int`` (a whole number from 1, at most ``max=N`` or 50) and ``count`` (a whole number from 0,
as ``limit``). ``positional`` marks the parameter given without an option (``ask search TEXT``).
In the body, lines between ``# @if NAME`` and ``# @end`` are kept only when parameter NAME is
given (``# @if NAME=VALUE``: given with that value, for handlers that render the text once per
value; ``# @if !NAME``: not given): the text of the query is chosen from the file, never built
from user input. ``engine`` is a name every question has: ``# @if engine=remote`` keeps lines for
a SPARQL endpoint over HTTP (Virtuoso, Fuseki, an Oxigraph server), ``# @if !engine=remote`` lines
for the embedded store, where a form the standard allows but a server mishandles is the fast one
(Virtuoso 7 drops the bindings of a UNION inside an OPTIONAL, which Oxigraph evaluates row by row).

Paged questions take ``limit`` and ``offset`` parameters (whole numbers, checked by the
runner). In the body, ``# @page`` and ``# @endpage`` lines enclose the group ``{ SELECT ... }``
that picks the rows' subjects (the models of a movement). Asked for a page, the runner runs that
sub-select alone, sorts its rows in Python, takes the page, and runs the query with the block
replaced by a VALUES block of the page's rows: labels and lists are gathered for the rows shown
only, and Oxigraph never sorts IRIs (it decodes both strings at every comparison; on disk that
made the first page of a busy movement cost 0.2-0.3 s at 1M triples). Run as written, the query
gives every row. A handler that pages by itself declares ``# @paged`` in the header.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rdflib.term import Node

from danvan_kg.errors import QueryError
from danvan_kg.sparql.text import values_block

PACKAGE = "danvan_kg.query.questions"
KINDS = ("entity", "text", "relation", "int", "count")

_HEADER = re.compile(r"^#\s*@(\w+)\s*(.*)$")
ENGINE = "engine"
"""The name under which the runner gives the kind of engine a question runs on (``remote`` or
``embedded``) to ``# @if`` lines."""
_IF = re.compile(r"^\s*#\s*@if\s+(!?)(\w+)(?:\s*=\s*(\S+))?\s*$")
_END = re.compile(r"^\s*#\s*@end\s*$")
_PAGE = re.compile(r"^\s*#\s*@page\s*$")
_ENDPAGE = re.compile(r"^\s*#\s*@endpage\s*$")

PAGE_PARAMS = (
    ("limit", "số dòng tối đa (0: tất cả)", "the most rows to return (0: all)"),
    ("offset", "bỏ qua bấy nhiêu dòng đầu", "rows to skip first (the next page)"),
)
"""The parameters every paged question takes: (name, vi, en)."""


@dataclass(frozen=True)
class Param:
    """One parameter of a question."""

    name: str
    kind: str
    classes: tuple[str, ...] = ()
    required: bool = False
    positional: bool = False
    default: str | None = None
    most: int | None = None
    """For ``int`` parameters: the largest value accepted (``max=N`` in the header)."""
    vi: str = ""
    en: str = ""

    @property
    def option(self) -> str:
        """The command-line spelling (``--movement``), or the bare name for a positional one."""
        return self.name.upper() if self.positional else f"--{self.name}"


@dataclass(frozen=True)
class Question:
    """A named, parameterised SPARQL question."""

    name: str
    vi: str
    en: str
    params: tuple[Param, ...]
    text: str
    handler: str | None = None
    hidden: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    examples: tuple[str, ...] = field(default=())
    paged: bool = False
    answer: tuple[str, ...] = ()
    """``@answer ENTITY LABEL``: the column holding each row's answer entity and the column of its
    preferred label; the runner copies them into ``id`` and ``label`` (docs/queries.md, Output)."""

    def param(self, name: str) -> Param:
        """The parameter called ``name`` (``QueryError`` if the question has none)."""
        for param in self.params:
            if param.name == name:
                return param
        raise QueryError(f"question {self.name!r} has no parameter {name!r}")

    @property
    def page_block(self) -> bool:
        """Whether the body marks the sub-select of the rows' subjects (``# @page`` ... ``# @endpage``)."""
        return any(_PAGE.match(line) for line in self.text.splitlines())

    def _lines(  # noqa: C901  (one pass of the template: @page, @if and @end kept in step)
        self, given: set[str] | frozenset[str] | Mapping[str, str]
    ) -> list[tuple[str, bool]]:
        """The lines kept for ``given``, each with whether it lies inside the page block."""
        values = given if isinstance(given, Mapping) else dict.fromkeys(given, "")
        names = {p.name for p in self.params} | {ENGINE}
        out: list[tuple[str, bool]] = []
        keep_stack: list[bool] = []
        in_page = False
        for line in self.text.splitlines():
            if _PAGE.match(line) or _ENDPAGE.match(line):
                if bool(_PAGE.match(line)) == in_page:  # @page inside a page, or @endpage outside one
                    raise QueryError(f"{self.name}.rq: unbalanced @page / @endpage")
                in_page = not in_page
                out.append((line, True))
                continue
            if m := _IF.match(line):
                negated, name, value = m.group(1) == "!", m.group(2), m.group(3)
                if name not in names:
                    raise QueryError(f"{self.name}.rq: @if on unknown parameter {name!r}")
                given_so = name in values and (value is None or str(values[name]) == value)
                keep_stack.append(given_so != negated)
                continue
            if _END.match(line):
                if not keep_stack:
                    raise QueryError(f"{self.name}.rq: @end without @if")
                keep_stack.pop()
                continue
            if all(keep_stack):
                out.append((line, in_page))
        if keep_stack:
            raise QueryError(f"{self.name}.rq: @if without @end")
        if in_page:
            raise QueryError(f"{self.name}.rq: @page without @endpage")
        return out

    def render(
        self,
        given: set[str] | frozenset[str] | Mapping[str, str],
        page_rows: Sequence[Mapping[str, Node]] | None = None,
    ) -> str:
        """The query text with the ``@if`` blocks of absent parameters removed.

        ``given`` names the parameters given (a mapping also gives their values, for
        ``@if NAME=VALUE``). With ``page_rows`` the page block becomes a VALUES block of
        those rows (terms from the store, serialised by rdflib).
        """
        out: list[str] = []
        for line, in_page in self._lines(given):
            if page_rows is not None and in_page:
                if _PAGE.match(line):
                    out.append(values_block(page_rows).strip("\n"))
                continue
            if not (_PAGE.match(line) or _ENDPAGE.match(line)):
                out.append(line)
        return "\n".join(out) + "\n"

    def page_query(self, given: set[str] | frozenset[str] | Mapping[str, str]) -> str:
        """The sub-select inside the page block, as a query of its own (its enclosing braces dropped)."""
        block = "\n".join(
            line for line, in_page in self._lines(given) if in_page and not line.lstrip().startswith("#")
        )
        start, end = block.find("{"), block.rfind("}")
        if start < 0 or end <= start:
            raise QueryError(f"{self.name}.rq: the @page block must be a {{ SELECT ... }} group")
        return block[start + 1 : end].strip() + "\n"


def _parse_param(spec: str, source: str) -> Param:
    head, *notes = [part.strip() for part in spec.split("|")]
    words = head.split()
    if len(words) < 2:
        raise QueryError(f"{source}: @param needs a name and a kind: {spec!r}")
    name, kind_spec, *flags = words
    kind, _, classes = kind_spec.partition(":")
    if kind not in KINDS:
        raise QueryError(f"{source}: unknown parameter kind {kind!r}")
    texts = {}
    for note in notes:
        lang, _, text = note.partition(":")
        texts[lang.strip()] = text.strip()
    default = next((f.split("=", 1)[1] for f in flags if f.startswith("default=")), None)
    most = next((f.split("=", 1)[1] for f in flags if f.startswith("max=")), None)
    if most is not None and not most.isdigit():
        raise QueryError(f"{source}: max= needs a whole number: {spec!r}")
    return Param(
        name=name,
        kind=kind,
        classes=tuple(c for c in classes.split(",") if c),
        required="required" in flags,
        positional="positional" in flags,
        default=default,
        most=int(most) if most is not None else None,
        vi=texts.get("vi", ""),
        en=texts.get("en", ""),
    )


def parse_question(text: str, source: str = "<text>") -> Question:
    """A :class:`Question` from the text of a ``.rq`` file with its metadata header."""
    meta: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if m := _HEADER.match(stripped):
            meta.setdefault(m.group(1), []).append(m.group(2).strip())
    name = (meta.get("question") or [""])[0]
    if not name:
        raise QueryError(f"{source}: missing '# @question NAME' header")
    params = tuple(_parse_param(spec, source) for spec in meta.get("param", []))
    paged = "paged" in meta or any(_PAGE.match(line) for line in text.splitlines())
    if paged:
        params += tuple(Param(name=n, kind="count", vi=vi, en=en) for n, vi, en in PAGE_PARAMS)
    return Question(
        name=name,
        vi=" ".join(meta.get("vi", [])),
        en=" ".join(meta.get("en", [])),
        params=params,
        text=text,
        handler=next(iter(meta.get("handler") or []), None),
        hidden=tuple(" ".join(meta.get("hide", [])).split()),
        lists=tuple(" ".join(meta.get("lists", [])).split()),
        examples=tuple(meta.get("example", [])),
        paged=paged,
        answer=tuple(" ".join(meta.get("answer", [])).split()[:2]),
    )


@cache
def load_catalogue() -> dict[str, Question]:
    """Every question shipped in ``danvan_kg/query/questions``, by name (sorted)."""
    questions = {}
    for entry in sorted(resources.files(PACKAGE).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            question = parse_question(entry.read_text(encoding="utf-8"), entry.name)
            if question.name != entry.name[:-3]:
                raise QueryError(f"{entry.name}: @question {question.name!r} does not match the file name")
            questions[question.name] = question
    return questions


def get_question(name: str) -> Question:
    """The question called ``name``; ``QueryError`` listing the known ones otherwise."""
    catalogue = load_catalogue()
    if name not in catalogue:
        raise QueryError(f"unknown question {name!r} (known: {', '.join(catalogue)}; see `ask --list`)")
    return catalogue[name]
