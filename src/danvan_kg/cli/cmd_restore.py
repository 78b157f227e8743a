"""``danvan-kg restore DIR``: put a backup in the place of the store."""

from __future__ import annotations

import argparse
from pathlib import Path

from danvan_kg.cli._common import stderr
from danvan_kg.paths import default_store_dir
from danvan_kg.store.backup import restore_store

NAME = "restore"
HELP = "replace the store by a backup made with `danvan-kg backup` (nothing may have the store open)"


def register(parser: argparse.ArgumentParser) -> None:
    """Add the restore options."""
    parser.add_argument("backup", metavar="DIR", type=Path, help="a folder written by `danvan-kg backup`")
    parser.add_argument(
        "--force", action="store_true", help="replace a store that already holds data (it is deleted)"
    )


def run(args: argparse.Namespace) -> int:
    """Restore and say what was written."""
    store = Path(args.store).expanduser() if args.store else default_store_dir()
    done = restore_store(args.backup, store, force=args.force)
    stderr.print(
        f"restored {done.target} from {done.source}: {done.files} files, "
        f"{done.bytes / 1e6:,.1f} MB, in {done.seconds:.1f} s"
    )
    return 0
