"""The catalogue of named questions: one ``questions/<name>.rq`` file each, metadata in its header.

Header lines (comments at the top of the file)::

    # @question models
    # @vi Các mô hình của một phong trào ...
    # @en Models of a movement ...
    # @param movement entity:Movement required | vi: phong trào | en: the movement
    # @param place entity:Place optional | vi: địa bàn | en: a place
    # @param max int default=6 | vi: ... | en: ...
    # @handler path          (answered in Python, see runner.HANDLERS)
    # @hide movement place   (columns left out of the table view)
    # @lists organisations   (GROUP_CONCAT columns: tab-separated items, cleaned and sorted by the runner)
    # @example danvan-kg ask models --movement "Dân vận khéo"

Parameter kinds: ``entity[:Class,...]`` (a label, alias or IRI resolved to entity IRIs),
``text`` (free text, matched through its search key), ``relation`` (a dv: relation name) and
``int``. ``positional`` marks the parameter given without an option (``ask search TEXT``).
In the body, lines between ``# @if NAME`` and ``# @end`` are kept only when parameter NAME is
given: the text of the query is chosen from the file, never built from user input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from danvan_kg.errors import QueryError

PACKAGE = "danvan_kg.query.questions"
KINDS = ("entity", "text", "relation", "int")

_HEADER = re.compile(r"^#\s*@(\w+)\s*(.*)$")
_IF = re.compile(r"^\s*#\s*@if\s+(\w+)\s*$")
_END = re.compile(r"^\s*#\s*@end\s*$")


@dataclass(frozen=True)
class Param:
    """One parameter of a question."""

    name: str
    kind: str
    classes: tuple[str, ...] = ()
    required: bool = False
    positional: bool = False
    default: str | None = None
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

    def param(self, name: str) -> Param:
        """The parameter called ``name`` (``QueryError`` if the question has none)."""
        for param in self.params:
            if param.name == name:
                return param
        raise QueryError(f"question {self.name!r} has no parameter {name!r}")

    def render(self, given: set[str] | frozenset[str]) -> str:
        """The query text with the ``@if`` blocks of absent parameters removed."""
        out: list[str] = []
        keep_stack: list[bool] = []
        for line in self.text.splitlines():
            if m := _IF.match(line):
                if m.group(1) not in {p.name for p in self.params}:
                    raise QueryError(f"{self.name}.rq: @if on unknown parameter {m.group(1)!r}")
                keep_stack.append(m.group(1) in given)
                continue
            if _END.match(line):
                if not keep_stack:
                    raise QueryError(f"{self.name}.rq: @end without @if")
                keep_stack.pop()
                continue
            if all(keep_stack):
                out.append(line)
        if keep_stack:
            raise QueryError(f"{self.name}.rq: @if without @end")
        return "\n".join(out) + "\n"


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
    return Param(
        name=name,
        kind=kind,
        classes=tuple(c for c in classes.split(",") if c),
        required="required" in flags,
        positional="positional" in flags,
        default=default,
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
    return Question(
        name=name,
        vi=" ".join(meta.get("vi", [])),
        en=" ".join(meta.get("en", [])),
        params=params,
        text=text,
        handler=(meta.get("handler") or [None])[0],
        hidden=tuple(" ".join(meta.get("hide", [])).split()),
        lists=tuple(" ".join(meta.get("lists", [])).split()),
        examples=tuple(meta.get("example", [])),
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
