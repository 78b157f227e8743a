"""A SPARQL 1.1 endpoint (and Oxigraph's browser query page) over the embedded store.

We do not run a server of our own: the ``oxigraph`` binary shipped by the PyPI
``oxigraph`` package serves the store folder directly, read-only unless asked,
with the union of all named graphs as the default graph (as ``danvan-kg ask`` sees it).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from danvan_kg.servers import LOCALHOST, OxigraphServer

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 60.0
"""Seconds a query may run before the server answers with an error (``--timeout``; 0: no limit)."""


class _Stop(Exception):
    """Raised from the SIGTERM handler to leave the wait loop."""


def serve(
    store_dir: Path,
    *,
    host: str = LOCALHOST,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    timeout: float | None = DEFAULT_TIMEOUT,
    announce: Callable[[str], None] = print,
) -> int:
    """Serve ``store_dir`` until Ctrl-C or SIGTERM; return the process exit code.

    Raises :class:`~danvan_kg.errors.StoreError` for a missing or locked store and
    :class:`~danvan_kg.errors.EndpointError` for a taken port or a server that fails to start.
    """
    server = OxigraphServer(
        store_dir, host=host, port=port, read_only=not writable, timeout_s=timeout or None
    )
    if writable:
        store_dir.mkdir(parents=True, exist_ok=True)

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        server.start()
        mode = "read-write" if writable else "read-only"
        announce(f"SPARQL endpoint ({mode}) over {store_dir}")
        announce(f"  query page: {server.url}")
        announce(f"  queries:    {server.query_url}")
        if writable:
            announce(f"  updates:    {server.update_url}")
            announce(f"  graph store: {server.store_url}")
        announce("Press Ctrl-C to stop.")
        sys.stdout.flush()
        assert server.process is not None
        code = server.process.wait()
        if code not in (0, -signal.SIGINT, -signal.SIGTERM):
            announce(f"oxigraph stopped unexpectedly (exit {code})")
            return 1
        return 0
    except (KeyboardInterrupt, _Stop):
        announce("stopping")
        return 0
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
