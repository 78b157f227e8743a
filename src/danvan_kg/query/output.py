"""Writers for answers: a rich table (default), records, JSON, CSV, and Turtle for graphs.

A table whose columns cannot each get a readable width on the terminal (the 11 columns of
``evidence`` at 80-160 characters folded every cell to a word per line) is shown as records
instead: one block per row, one ``name  value`` line per field.
"""

from __future__ import annotations

import csv
import json
from typing import IO

from rdflib import Graph
from rich.console import Console
from rich.table import Table
from rich.text import Text

from danvan_kg.errors import QueryError
from danvan_kg.query.answer import Answer
from danvan_kg.query.terms import json_value, plain_rows, to_plain

FORMATS = ("table", "records", "json", "csv")
GRAPH_FORMATS = ("ttl", "table", "records", "json", "csv")

READABLE = 16
"""Characters a column needs to stay readable; a table that cannot give every column that much (or
its whole width when narrower) is printed as records."""


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def fits(answer: Answer, columns: list[str], width: int) -> bool:
    """Whether a table of ``columns`` leaves every column a readable width within ``width``."""
    need = 1 + 3 * len(columns)  # borders and padding
    for column in columns:
        longest = max([len(column), *(len(_cell(to_plain(row.get(column)))) for row in answer.rows)])
        need += min(longest, READABLE)
    return need <= width


def write_records(answer: Answer, console: Console) -> None:
    """One block per row, a ``name  value`` line per non-empty field, long values wrapped."""
    columns = answer.visible_columns or answer.columns
    if not answer.rows:
        console.print(f"[dim]{answer.question}: no answers[/dim]")
        return
    console.print(f"[bold]{answer.question}[/bold] ({len(answer.rows)})")
    for number, row in enumerate(answer.rows, 1):
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for column in columns:
            value = _cell(to_plain(row.get(column)))
            if value:
                grid.add_row(column, Text(value))
        console.rule(f"{number}", align="left", style="dim")
        console.print(grid)


def write_table(answer: Answer, console: Console) -> None:
    """A rich table of the visible columns (records when too wide); 'no answers' without rows."""
    columns = answer.visible_columns or answer.columns
    if not answer.rows:
        console.print(f"[dim]{answer.question}: no answers[/dim]")
        return
    if not fits(answer, columns, console.width):
        write_records(answer, console)
        return
    table = Table(title=f"{answer.question} ({len(answer.rows)})", show_lines=False, expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in answer.rows:
        table.add_row(*(_cell(to_plain(row.get(c))) for c in columns), end_section=False)
    console.print(table)


def write_steps(answer: Answer, console: Console) -> None:
    """Path answers as readable steps: ``A —partOf→ B`` with the sentence and source below each."""
    if not answer.rows:
        console.print(f"[dim]{answer.question}: no answers[/dim]")
        return
    current = None
    for row in plain_rows(answer.rows):
        if row.get("path") != current:
            current = row.get("path")
            steps = sum(1 for r in answer.rows if to_plain(r.get("path")) == current)
            console.print(f"[bold]Path {current}[/bold] ({steps} step{'s' if steps != 1 else ''})")
        console.print(f"  {row.get('step')}. {row.get('statement')}", markup=False)
        if row.get("sentence"):
            console.print(f"     “{row['sentence']}”", markup=False, style="italic")
        if row.get("source"):
            console.print(f"     — {row['source']}", markup=False, style="dim")


def write_json(answer: Answer, stream: IO[str]) -> None:
    """The rows as a JSON array of objects with plain values (all columns)."""
    rows = [{k: json_value(v) for k, v in row.items()} for row in plain_rows(answer.rows)]
    json.dump(rows, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(answer: Answer, stream: IO[str]) -> None:
    """The rows as CSV with a header line (all columns)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(answer.columns)
    for row in plain_rows(answer.rows):
        writer.writerow([_cell(json_value(row.get(c))) for c in answer.columns])


def write_answer(answer: Answer, fmt: str, stream: IO[str], console: Console | None = None) -> None:
    """Write ``answer`` in ``fmt`` (table, json or csv)."""
    if fmt == "table":
        console = console or Console(file=stream, highlight=False, soft_wrap=False)
        if answer.question == "path":
            write_steps(answer, console)
        else:
            write_table(answer, console)
    elif fmt == "records":
        write_records(answer, console or Console(file=stream, highlight=False, soft_wrap=False))
    elif fmt == "json":
        write_json(answer, stream)
    elif fmt == "csv":
        write_csv(answer, stream)
    else:
        raise QueryError(f"unknown output format {fmt!r} (use one of {', '.join(FORMATS)})")


def write_graph(graph: Graph, fmt: str, stream: IO[str]) -> None:
    """A CONSTRUCT/DESCRIBE answer: Turtle, or its triples as a table/JSON/CSV of s, p, o."""
    if fmt == "ttl":
        stream.write(graph.serialize(format="turtle"))
        return
    rows = [{"s": s, "p": p, "o": o} for s, p, o in sorted(graph)]
    write_answer(Answer("construct", ["s", "p", "o"], rows), fmt, stream)


def write_boolean(value: bool, fmt: str, stream: IO[str]) -> None:
    """An ASK answer: ``true``/``false`` (JSON boolean for json, one-cell CSV for csv)."""
    if fmt == "json":
        stream.write(json.dumps({"boolean": value}) + "\n")
    elif fmt == "csv":
        stream.write(f"boolean\n{str(value).lower()}\n")
    else:
        stream.write(("true" if value else "false") + "\n")
