"""The ``danvan-kg`` command line.

Each sub-command lives in its own module ``danvan_kg.cli.cmd_<name>`` exposing
``NAME`` (the command word), ``HELP`` (one line), ``register(parser)`` to add its
arguments and ``run(args) -> int``. Modules are found by name, so adding a command
means adding one file. Errors derived from :class:`~danvan_kg.errors.DanvanError`
are printed as one line on stderr with a non-zero exit; anything else is reported as
an internal error (set ``DANVAN_KG_DEBUG=1`` for the traceback).

The options every analyst reaches for first, ``--store``, ``--format`` and ``--endpoint``, are
accepted before or after the command: before it, they are moved behind the command word before
parsing, so the command's own parser checks them (its choices, or that it takes no such option).
Exit status: 0 done, 1 an error, 2 a usage error, 3 a name that matches nothing (``ask``), 70 an
internal error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import sys
from collections.abc import Sequence
from types import ModuleType

from danvan_kg import __version__
from danvan_kg.cli.suggest import did_you_mean, unknown_options
from danvan_kg.errors import DanvanError

GLOBAL_OPTIONS = ("--store", "--format", "--endpoint")
"""Options accepted before the command word too (``danvan-kg --store DIR ask …``)."""

_INVALID_CHOICE = re.compile(r"argument (\w+): invalid choice: '([^']*)' \(choose from (.*)\)")


def _command_modules() -> list[ModuleType]:
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            modules.append(importlib.import_module(f"{__name__}.{info.name}"))
    return modules


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like argparse but without the usage dump
        if match := _INVALID_CHOICE.match(message):
            choices = re.findall(r"'([^']*)'", match.group(3))
            message = f"unknown {match.group(1).lower()} {match.group(2)!r}" + (
                did_you_mean(match.group(2), choices) or f" (choose from {', '.join(choices)})"
            )
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def hoist_global_options(argv: Sequence[str]) -> list[str]:
    """``argv`` with the global options given before the command moved just after it.

    ``--store DIR --format json ask search x`` becomes ``ask --store DIR --format json search x``:
    the command's parser then validates them like its own. Anything else before the command
    (``--version``, ``--help``, an unknown option) stays where it is.
    """
    args = list(argv)
    hoisted: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-"):
        name = args[i].split("=", 1)[0]
        if name not in GLOBAL_OPTIONS:
            i += 1
            continue
        takes = 1 if "=" in args[i] else 2
        hoisted += args[i : i + takes]
        del args[i : i + takes]
    if i >= len(args) or not hoisted:
        return list(argv)  # no command word: let argparse report it
    return [*args[: i + 1], *hoisted, *args[i + 1 :]]


def _command_parser(parser: argparse.ArgumentParser, name: str | None) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]
    return None


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every discovered sub-command."""
    parser = _Parser(
        prog="danvan-kg",
        description="Knowledge graph of Vietnamese mass-mobilisation work (công tác dân vận).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    store_help = "embedded store folder (default: $DANVAN_KG_STORE or ~/.local/share/danvan-kg/store)"
    parser.add_argument("--store", metavar="DIR", default=None, help=store_help)
    parser.add_argument("--format", metavar="FORMAT", help="output format of the command (see its --help)")
    parser.add_argument("--endpoint", metavar="URL", help="remote SPARQL endpoint (ask, sparql, push)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="DIR", default=None, help=store_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _command_modules():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP, parents=[common])
        module.register(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``danvan-kg`` console script."""
    parser = build_parser()
    argv = hoist_global_options(sys.argv[1:] if argv is None else argv)
    args, extras = parser.parse_known_args(argv)
    if extras:
        command = _command_parser(parser, getattr(args, "command", None)) or parser
        name = getattr(args, "command", None)
        parser.error(unknown_options(extras, command._option_string_actions, name, GLOBAL_OPTIONS))
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except DanvanError as exc:
        print(f"danvan-kg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("danvan-kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("DANVAN_KG_DEBUG"):
            raise
        print(
            f"danvan-kg: internal error: {type(exc).__name__}: {exc} (set DANVAN_KG_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 70
