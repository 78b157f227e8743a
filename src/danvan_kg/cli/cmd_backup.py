"""``danvan-kg backup DIR``: a consistent copy of the store, also while ``serve`` answers from it."""

from __future__ import annotations

import argparse
from pathlib import Path

from danvan_kg.cli._common import stderr
from danvan_kg.paths import default_store_dir
from danvan_kg.store.backup import backup_store

NAME = "backup"
HELP = "back up the store into a new folder (online: a running read-only serve keeps answering)"


def register(parser: argparse.ArgumentParser) -> None:
    """Add the backup options."""
    parser.add_argument("target", metavar="DIR", type=Path, help="new folder for the backup (must not exist)")


def run(args: argparse.Namespace) -> int:
    """Back up and say what was written."""
    store = Path(args.store).expanduser() if args.store else default_store_dir()
    done = backup_store(store, args.target)
    shared = f", {done.linked} hard-linked (same file system)" if done.linked else ""
    stderr.print(
        f"backed up {done.source} to {done.target}: {done.files} files, "
        f"{done.bytes / 1e6:,.1f} MB{shared}, in {done.seconds:.1f} s"
    )
    return 0
