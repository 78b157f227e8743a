"""The front of ``danvan-kg serve``: our query page, and every other request passed to Oxigraph.

The Oxigraph server ships YASGUI (MIT) but its page cannot be configured: it queries ``/sparql``
with no prefixes and lists public endpoints, and its editor fetches prefix.cc for completions.
This front answers ``/`` with ``web/query.html`` (prefixes preloaded, the SPARQL cookbook as
example tabs, completions from ``/prefixes.json``, nothing fetched from another host) and relays
everything else (``/query``, ``/update``, ``/store``, YASGUI's own script and style) to the
Oxigraph child unchanged, streaming the bodies. Standard library only.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from danvan_kg.ids import PREFIXES
from danvan_kg.query.cookbook import cookbook
from danvan_kg.serving.rowlimit import limit_rows, limited_format
from danvan_kg.sparql.text import with_prefixes

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}
CHUNK = 64 * 1024
NEW_TAB = """SELECT DISTINCT ?model ?name WHERE {
  ?model a dv:Model ; dv:name ?name .
}
LIMIT 20
"""


def page_config(store: str, writable: bool) -> dict[str, Any]:
    """What the page needs: the example tabs (cookbook queries with the prefixes they use)."""
    return {
        "store": store,
        "writable": writable,
        "newTab": with_prefixes(NEW_TAB, only_used=True),
        # longest namespace first: results abbreviate to the first that fits (model:…, not id:model/…)
        "prefixes": dict(sorted(PREFIXES.items(), key=lambda item: -len(item[1]))),
        "examples": [
            {"name": entry.title, "query": with_prefixes(entry.text, only_used=True)} for entry in cookbook()
        ],
    }


def render_page(store: str, writable: bool) -> bytes:
    """``web/query.html`` with its configuration embedded as JSON (``<`` escaped: no markup breaks out)."""
    template = resources.files("danvan_kg.serving.web").joinpath("query.html").read_text(encoding="utf-8")
    config = json.dumps(page_config(store, writable), ensure_ascii=False).replace("<", "\\u003c")
    return template.replace("__CONFIG__", config).encode("utf-8")


class Front(ThreadingHTTPServer):
    """A threaded HTTP server holding the page and the address of the Oxigraph child."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], backend: tuple[str, int], page: bytes, max_rows: int = 0
    ) -> None:
        super().__init__(address, _Handler)
        self.backend = backend
        self.page = page
        self.max_rows = max_rows
        """Rows a SELECT answer is cut after (0: no limit; :mod:`danvan_kg.serving.rowlimit`)."""
        self.prefixes = json.dumps(PREFIXES).encode("utf-8")
        self.thread: threading.Thread | None = None

    def start(self) -> Front:
        """Serve in a background thread."""
        self.thread = threading.Thread(target=self.serve_forever, name="danvan-front", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self.thread is not None:
            self.shutdown()
            self.thread.join(timeout=10)
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: Front
    protocol_version = "HTTP/1.0"  # one request per connection: bodies of unknown length end at close

    def log_message(self, format: str, *args: Any) -> None:  # quiet, like Oxigraph
        return

    def _own(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _body(self) -> bytes | None:
        """The request body: by Content-Length, or de-chunked (Oxigraph then gets a Content-Length)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline().strip():  # trailers, up to the blank line
                pass
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else None

    def _relay(self) -> None:
        body = self._body()
        headers = {
            k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"host", "content-length"}
        }
        connection = http.client.HTTPConnection(*self.server.backend, timeout=3600)
        try:
            connection.request(self.command, self.path, body=body, headers=headers)
            response = connection.getresponse()
            media = limited_format(response.getheader("Content-Type") or "")
            most = self.server.max_rows if media and response.status == 200 else 0
            self.send_response(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in HOP_BY_HOP and not (most and name.lower() == "content-length"):
                    self.send_header(name, value)
            if most:
                self.send_header("X-SPARQL-MaxRows", str(most))
            self.end_headers()
            chunks: Iterator[bytes] = iter(lambda: response.read(CHUNK), b"")
            for chunk in limit_rows(chunks, media, most) if media and most else chunks:
                self.wfile.write(chunk)
        except OSError as exc:
            self.send_error(502, f"the Oxigraph server did not answer: {exc}")
        finally:
            connection.close()

    def _route(self) -> None:
        path = self.path.split("?", 1)[0]
        if self.command in ("GET", "HEAD") and path in ("/", "/index.html"):
            self._own(self.server.page, "text/html; charset=utf-8")
        elif self.command in ("GET", "HEAD") and path == "/prefixes.json":
            self._own(self.server.prefixes, "application/json")
        else:
            self._relay()

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = _route
