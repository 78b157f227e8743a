"""``danvan-kg ask QUESTION [--OPTION VALUE ...]``: named relationship questions."""

from __future__ import annotations

import argparse
import sys

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from danvan_kg.cli._common import served_endpoint
from danvan_kg.cli.suggest import did_you_mean
from danvan_kg.errors import QueryError
from danvan_kg.query.catalogue import Question, load_catalogue
from danvan_kg.query.inference import REGIMES
from danvan_kg.query.output import FORMATS, write_answer
from danvan_kg.query.runner import CLI_PAGE, run_question
from danvan_kg.query.targets import open_existing_store

NO_MATCH = 3
"""Exit status when a name given to the question matches no entity (documented in docs/queries.md)."""

NAME = "ask"
HELP = "answer a named relationship question (models, chain, evidence, path, search ...; see --list)"


def _option_names() -> list[str]:
    names: list[str] = []
    for question in load_catalogue().values():
        for param in question.params:
            if not param.positional and param.name not in names:
                names.append(param.name)
    return names


def register(parser: argparse.ArgumentParser) -> None:
    """Add the question name, its options (the union over all questions) and output options."""
    parser.add_argument("question", nargs="?", metavar="QUESTION", help="question name (see --list)")
    parser.add_argument("text", nargs="*", metavar="TEXT", help="text for questions taking one (search TEXT)")
    parser.add_argument("--list", action="store_true", help="list the questions with their parameters")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="table",
        help="output format (default: table, shown as records, one field per line, when too wide)",
    )
    parser.add_argument("--endpoint", metavar="URL", help="ask a remote SPARQL endpoint instead of the store")
    parser.add_argument(
        "--timeout", type=float, default=30.0, help="endpoint timeout in seconds (default 30)"
    )
    parser.add_argument("--infer", choices=sorted(REGIMES), help="answer over an inferred copy (slower)")
    group = parser.add_argument_group("question parameters (which ones apply: see --list)")
    for name in _option_names():
        group.add_argument(f"--{name}", dest=f"param_{name}", metavar=name.upper())


def _params(question: Question, args: argparse.Namespace) -> dict[str, str]:
    params: dict[str, str] = {}
    for name in _option_names():
        value = getattr(args, f"param_{name}", None)
        if value is not None:
            params[name] = value
    positional = [p for p in question.params if p.positional]
    if args.text:
        if not positional:
            raise QueryError(
                f"question {question.name!r} takes no text argument: use its options (see --list)"
            )
        params[positional[0].name] = " ".join(args.text)
    if question.paged and "limit" not in params:
        params["limit"] = str(CLI_PAGE)
    return params


def print_catalogue(fmt: str, out: Console) -> None:
    """The questions, their parameters and descriptions in Vietnamese and English."""
    questions = list(load_catalogue().values())
    if fmt == "json":
        import json

        data = [
            {
                "name": q.name,
                "vi": q.vi,
                "en": q.en,
                "params": [
                    {
                        "name": p.name,
                        "kind": p.kind,
                        "classes": list(p.classes),
                        "required": p.required,
                        "default": p.default,
                        "vi": p.vi,
                        "en": p.en,
                    }
                    for p in q.params
                ],
                "examples": list(q.examples),
            }
            for q in questions
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title="danvan-kg ask QUESTION", show_lines=True)
    table.add_column("question", style="bold")
    table.add_column("parameters")
    table.add_column("mô tả / description")
    for q in questions:
        params = "\n".join(
            f"{p.option}{'' if p.required else ' (optional)'}"
            + (f" (default {p.default})" if p.default else "")
            + (f" (default {CLI_PAGE}; 0: all)" if p.kind == "count" and p.name == "limit" else "")
            for p in q.params
        )
        example = f"\n[green]e.g. {escape(q.examples[0])}[/green]" if q.examples else ""
        table.add_row(q.name, params, f"{q.vi}\n[dim]{q.en}[/dim]{example}")
    out.print(table)


def run(args: argparse.Namespace) -> int:
    """Answer the question and print the rows; notes (what a label matched) go to stderr."""
    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    if args.list:
        print_catalogue(args.format, out)
        return 0
    if not args.question:
        raise QueryError("name a question (see `danvan-kg ask --list`)")
    catalogue = load_catalogue()
    if args.question not in catalogue:
        hint = did_you_mean(args.question, catalogue) or f" (known: {', '.join(catalogue)})"
        raise QueryError(f"unknown question {args.question!r}{hint}")
    question = catalogue[args.question]
    params = _params(question, args)
    endpoint = args.endpoint or served_endpoint(args)
    if endpoint:
        from danvan_kg.query.remote import RemoteEndpoint

        answer = run_question(
            RemoteEndpoint(endpoint, timeout=args.timeout), question.name, params, infer=args.infer
        )
    else:
        with open_existing_store(args.store) as kg:
            answer = run_question(kg, question.name, params, infer=args.infer)
    for note in answer.notes:
        err.print(f"[dim]note: {note}[/dim]", soft_wrap=True)
    write_answer(answer, args.format, sys.stdout, out)
    return NO_MATCH if answer.unmatched else 0
