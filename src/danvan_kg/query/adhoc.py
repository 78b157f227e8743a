"""Any SPARQL query (``danvan-kg sparql``): the project prefixes predeclared, SELECT/ASK/CONSTRUCT."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from danvan_kg.errors import InputError
from danvan_kg.query.answer import Answer
from danvan_kg.query.runner import select_rows
from danvan_kg.query.sparqltext import query_form, with_prefixes
from danvan_kg.query.targets import as_target


def read_query(query_or_file: str) -> str:
    """The query text: the argument itself, or the content of the ``.rq``/``.sparql`` file it names."""
    candidate = query_or_file.strip()
    if "\n" not in candidate and (candidate.endswith((".rq", ".sparql")) or _is_file(candidate)):
        path = Path(candidate).expanduser()
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{path}: no such query file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read the query ({exc})") from None
    return query_or_file


def _is_file(candidate: str) -> bool:
    """Whether the argument names an existing file (a long query text is not a path: no OSError)."""
    try:
        return Path(candidate).expanduser().is_file()
    except OSError:  # e.g. "File name too long" for a query given inline
        return False


def run_sparql(target: object, text: str) -> Answer | bool | Graph:
    """Run one query: an :class:`Answer` for SELECT, a bool for ASK, a Graph for CONSTRUCT/DESCRIBE."""
    form = query_form(text)
    engine = as_target(target)
    full = with_prefixes(text)
    if form == "SELECT":
        columns, rows = select_rows(engine, full, [], distinct=False)
        return Answer("sparql", columns, rows)
    if form == "ASK":
        return engine.ask(full)
    return engine.construct(full)
