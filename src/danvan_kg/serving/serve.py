"""A SPARQL 1.1 endpoint and a query page over the embedded store, on 127.0.0.1.

We do not run a SPARQL server of our own: the ``oxigraph`` binary shipped by the PyPI
``oxigraph`` package serves the store folder on an internal port, read-only unless asked, with
the union of all named graphs as the default graph (as ``danvan-kg ask`` sees it). In front of
it, on the port the user asked for, :mod:`danvan_kg.serving.webfront` answers ``/`` with our query page
and relays everything else (``/query``, ``/update``, ``/store``) to Oxigraph.

While it serves, ``serve`` holds the store's lock (:mod:`danvan_kg.store.lock`): writers and any
other process opening the store are refused with one line naming this server's address.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from danvan_kg.errors import EndpointError, StoreError
from danvan_kg.serving.servers import LOCALHOST, OxigraphServer, free_port, port_is_free
from danvan_kg.serving.webfront import Front, render_page
from danvan_kg.store.lock import ServeLock, Server

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
    max_rows: int = 0,
    announce: Callable[[str], None] = print,
) -> int:
    """Serve ``store_dir`` until Ctrl-C or SIGTERM; return the process exit code.

    Raises :class:`~danvan_kg.errors.StoreError` for a missing, locked or already served store and
    :class:`~danvan_kg.errors.EndpointError` for a taken port or a server that fails to start.
    """
    if writable:
        store_dir.mkdir(parents=True, exist_ok=True)
    elif not (store_dir / "CURRENT").exists():
        raise StoreError(f"no store at {store_dir} (ingest or build one first)")
    if not port_is_free(host, port):
        raise EndpointError(f"port {port} on {host} is already in use; pick another with --port")
    url = f"http://{host}:{port}/"
    lock = ServeLock(store_dir)
    lock.acquire(Server(os.getpid(), url, url + "query"))
    assert lock.fd is not None
    server = OxigraphServer(
        store_dir,
        host=LOCALHOST,
        port=free_port(),
        read_only=not writable,
        pass_fds=(lock.fd,),
        timeout_s=timeout or None,
    )
    front: Front | None = None

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        server.start()
        assert server.port is not None
        try:
            page = render_page(str(store_dir), writable)
            front = Front((host, port), (LOCALHOST, server.port), page, max_rows=max_rows)
        except OSError as exc:
            raise EndpointError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        front.start()
        mode = "read-write" if writable else "read-only"
        announce(f"SPARQL endpoint ({mode}) over {store_dir}")
        announce(f"  query page: {url}")
        announce(f"  queries:    {url}query")
        if writable:
            announce(f"  updates:    {url}update")
            announce(f"  graph store: {url}store")
        announce("Writers (ingest, build, import) are refused while it runs. Press Ctrl-C to stop.")
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
        if front is not None:
            front.stop()
        server.stop()
        lock.release()
        signal.signal(signal.SIGTERM, previous)
