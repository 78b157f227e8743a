"""Any SPARQL query (``danvan-kg sparql``): the project prefixes predeclared, SELECT/ASK/CONSTRUCT."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from danvan_kg.errors import InputError
from danvan_kg.query.answer import Answer
from danvan_kg.query.runner import select_rows
from danvan_kg.query.sparqltext import check_syntax, query_form, with_prefixes
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


DOCS = "docs/queries.md#sparql-cookbook"


def repeated_rows_note(rows: list[dict]) -> str | None:
    """A note when rows repeat: the default graph is the union of one graph per article, so a fact
    stated in several articles matches once per article graph unless the query says DISTINCT."""
    distinct = len({tuple(row.items()) for row in rows})
    if distinct == len(rows):
        return None
    return (
        f"{len(rows) - distinct:,} of {len(rows):,} rows repeat an earlier row: a fact stated in several "
        f"articles matches once per article graph; write SELECT DISTINCT and COUNT(DISTINCT …) ({DOCS})"
    )


def run_sparql(target: object, text: str) -> Answer | bool | Graph:
    """Run one query: an :class:`Answer` for SELECT, a bool for ASK, a Graph for CONSTRUCT/DESCRIBE.

    The text is checked first (unknown prefixes, syntax) so that errors give the line and column
    of the text as written, whatever the engine; the project prefixes are predeclared.
    """
    form = query_form(text)
    check_syntax(text)
    engine = as_target(target)
    full = with_prefixes(text)
    if form == "SELECT":
        columns, rows = select_rows(engine, full, [], distinct=False)
        note = repeated_rows_note(rows)
        return Answer("sparql", columns, rows, [note] if note else [])
    if form == "ASK":
        return engine.ask(full)
    return engine.construct(full)
