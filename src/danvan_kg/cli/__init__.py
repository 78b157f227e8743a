"""The ``danvan-kg`` command line.

Each sub-command lives in its own module ``danvan_kg.cli.cmd_<name>`` exposing
``NAME`` (the command word), ``HELP`` (one line), ``register(parser)`` to add its
arguments and ``run(args) -> int``. Modules are found by name, so adding a command
means adding one file. Errors derived from :class:`~danvan_kg.errors.DanvanError`
are printed as one line on stderr with a non-zero exit; anything else is reported as
an internal error (set ``DANVAN_KG_DEBUG=1`` for the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from danvan_kg import __version__
from danvan_kg.errors import DanvanError


def _command_modules() -> list[ModuleType]:
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            modules.append(importlib.import_module(f"{__name__}.{info.name}"))
    return modules


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like argparse but without the usage dump
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every discovered sub-command."""
    parser = _Parser(
        prog="danvan-kg",
        description="Knowledge graph of Vietnamese mass-mobilisation work (công tác dân vận).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--store",
        metavar="DIR",
        default=None,
        help="embedded store folder (default: $DANVAN_KG_STORE or ~/.local/share/danvan-kg/store)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _command_modules():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.register(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``danvan-kg`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
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
