"""Send the store's named graphs to a remote SPARQL store, one graph at a time.

Two ways in, both idempotent (pushing twice leaves the same triples):

* **Graph Store Protocol** (``graph_store`` given): ``PUT`` the first chunk of a graph
  (replaces it), ``POST`` the following chunks (append).
* **SPARQL 1.1 Update** (default): ``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { … } }``
  for the first chunk, ``INSERT DATA`` for the rest.

Graphs are cut into chunks of at most ``batch_triples`` triples because Virtuoso never
answers one very large upload. Triples that touch a blank node all travel in the first
chunk, so a blank node keeps one identity on the remote side. Connection errors, time-outs
and 5xx answers are retried a bounded number of times with exponential back-off; an
authentication refusal or an unreachable endpoint stops the whole push; any other
failure is recorded against its graph and the push goes on with the next one. The
caller gets a :class:`PushReport` and decides (the CLI exits non-zero when anything failed).
"""

from __future__ import annotations

import base64
import http.client
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from danvan_kg.errors import EndpointError

DEFAULT_BATCH_TRIPLES = 50_000
TURTLE = "text/turtle; charset=utf-8"
SPARQL_UPDATE = "application/sparql-update; charset=utf-8"


# --------------------------------------------------------------------------- where graphs come from


class GraphSource(Protocol):
    """Anything that can list its named graphs and give one as N-Triples lines: a
    :class:`~danvan_kg.store.KnowledgeGraph` (each backend with its own serialiser)."""

    def graph_iris(self) -> list[str]: ...

    def ntriples(self, graph_iri: str) -> list[bytes]: ...


# --------------------------------------------------------------------------- chunking


def chunk_ntriples(lines: Sequence[bytes], batch_triples: int) -> list[list[bytes]]:
    """Cut N-Triples lines into chunks of at most ``batch_triples``; blank-node triples all go first.

    The first chunk may exceed the limit only when the blank-node triples alone do.
    """
    if batch_triples < 1:
        raise ValueError("batch_triples must be at least 1")
    with_bnodes = [ln for ln in lines if b"_:" in ln and _has_bnode(ln)]
    plain = [ln for ln in lines if not (b"_:" in ln and _has_bnode(ln))]
    chunks: list[list[bytes]] = []
    first = list(with_bnodes)
    room = max(0, batch_triples - len(first))
    first.extend(plain[:room])
    rest = plain[room:]
    chunks.append(first)
    for start in range(0, len(rest), batch_triples):
        chunks.append(rest[start : start + batch_triples])
    return [c for c in chunks if c] or [[]]


def _has_bnode(line: bytes) -> bool:
    # N-Triples: subject or object is a blank node when the term starts with "_:" outside a literal
    if line.startswith(b"_:"):
        return True
    head, _, _ = line.partition(b'"')  # everything before a literal cannot be inside one
    return b" _:" in head


# --------------------------------------------------------------------------- HTTP


@dataclass(frozen=True)
class Target:
    """Where and how to push."""

    endpoint: str
    graph_store: str | None = None
    user: str | None = None
    password: str | None = None
    auth: str = "basic"  # basic | digest
    timeout: float = 300.0
    retries: int = 4
    backoff: float = 0.5


class AuthRefused(EndpointError):
    """The remote store refused our credentials (401/403)."""


class EndpointDown(EndpointError):
    """The remote store could not be reached at all."""


class RequestFailed(EndpointError):
    """The remote store answered with an error for one request."""


class _Client:
    """Bounded-retry HTTP for one :class:`Target` (urllib: basic or digest auth)."""

    def __init__(self, target: Target, sleep: Callable[[float], None] = time.sleep) -> None:
        self.target = target
        self.sleep = sleep
        handlers: list[urllib.request.BaseHandler] = []
        self._basic_header: str | None = None
        if target.user is not None:
            if target.auth == "digest":
                manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
                for url in (target.endpoint, target.graph_store):
                    if url:
                        manager.add_password(None, url, target.user, target.password or "")
                handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
            elif target.auth == "basic":
                token = f"{target.user}:{target.password or ''}".encode()
                self._basic_header = "Basic " + base64.b64encode(token).decode("ascii")
            else:
                raise EndpointError(f"unknown --auth {target.auth!r} (use basic or digest)")
        self.opener = urllib.request.build_opener(*handlers)

    def send(self, method: str, url: str, body: bytes, content_type: str) -> int:
        """Send one request, retrying transient failures; return the HTTP status."""
        attempts = self.target.retries + 1
        last_problem = ""
        unreachable = False
        for attempt in range(attempts):
            if attempt:
                self.sleep(self.target.backoff * (2 ** (attempt - 1)))
            request = urllib.request.Request(url, data=body, method=method)
            request.add_header("Content-Type", content_type)
            if self._basic_header:
                request.add_header("Authorization", self._basic_header)
            try:
                with self.opener.open(request, timeout=self.target.timeout) as response:
                    response.read()
                    return int(response.status)
            except urllib.error.HTTPError as exc:
                detail = _error_body(exc)
                if exc.code in (401, 403):
                    raise AuthRefused(
                        f"{url} refused the credentials (HTTP {exc.code}); check --user/--password/--auth"
                    ) from None
                if exc.code >= 500:
                    last_problem, unreachable = f"HTTP {exc.code}{detail}", False
                    continue
                raise RequestFailed(f"HTTP {exc.code}{detail}") from None
            except (TimeoutError, urllib.error.URLError, http.client.HTTPException, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                last_problem = f"{type(reason).__name__}: {reason}" if str(reason) else type(reason).__name__
                unreachable = isinstance(reason, (ConnectionRefusedError, socket.gaierror))
        if unreachable:
            raise EndpointDown(f"cannot reach {url} after {attempts} attempts ({last_problem})")
        raise RequestFailed(f"{last_problem} after {attempts} attempts")


def _error_body(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read().decode("utf-8", errors="replace")
    except Exception:
        return ""
    text = " ".join(text.split())[:200]
    return f": {text}" if text else ""


# --------------------------------------------------------------------------- requests per graph


def _gsp_url(base: str, graph_iri: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}{urllib.parse.urlencode({'graph': graph_iri})}"


def _update_body(graph_iri: str, lines: Sequence[bytes], replace: bool) -> bytes:
    iri = graph_iri.encode("utf-8")
    head = b"DROP SILENT GRAPH <" + iri + b"> ;\n" if replace else b""
    data = b"\n".join(lines)
    if any(_has_bnode(line) for line in lines):
        # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty WHERE is portable
        return head + b"INSERT { GRAPH <" + iri + b"> {\n" + data + b"\n} } WHERE {}\n"
    return head + b"INSERT DATA { GRAPH <" + iri + b"> {\n" + data + b"\n} }\n"


def _requests_for(
    target: Target, graph_iri: str, chunks: list[list[bytes]]
) -> Iterator[tuple[str, str, bytes, str]]:
    for index, chunk in enumerate(chunks):
        if target.graph_store:
            method = "PUT" if index == 0 else "POST"
            body = b"\n".join(chunk) + b"\n" if chunk else b""
            yield method, _gsp_url(target.graph_store, graph_iri), body, TURTLE
        else:
            if not chunk:
                yield (
                    "POST",
                    target.endpoint,
                    b"DROP SILENT GRAPH <" + graph_iri.encode() + b">\n",
                    SPARQL_UPDATE,
                )
            else:
                yield (
                    "POST",
                    target.endpoint,
                    _update_body(graph_iri, chunk, replace=index == 0),
                    SPARQL_UPDATE,
                )


# --------------------------------------------------------------------------- the push


@dataclass
class PushReport:
    """What a push did: graphs sent, graphs that failed (with why), triples sent."""

    pushed: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    triples: int = 0
    aborted: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failed and not self.skipped and self.aborted is None

    def summary(self) -> str:
        """One line for the user."""
        total = len(self.pushed) + len(self.failed) + len(self.skipped)
        line = f"{len(self.pushed)} of {total} graphs pushed ({self.triples:,} triples)"
        if self.failed:
            line += f", {len(self.failed)} failed"
        if self.skipped:
            line += f", {len(self.skipped)} not attempted"
        return line


ProgressHook = Callable[[str, int], None]


def push_graphs(
    source: GraphSource,
    target: Target,
    *,
    graphs: Sequence[str] | None = None,
    batch_triples: int = DEFAULT_BATCH_TRIPLES,
    on_graph_done: ProgressHook | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> PushReport:
    """Push each named graph of ``source`` (or only ``graphs``) to ``target``; never raises for one graph."""
    available = source.graph_iris()
    wanted = list(graphs) if graphs else available
    report = PushReport()
    known = set(available)
    todo = [g for g in wanted if g in known]
    for graph_iri in wanted:
        if graph_iri not in known:
            report.failed[graph_iri] = "not in the local store"
    client = _Client(target, sleep=sleep)
    for position, graph_iri in enumerate(todo):
        lines = source.ntriples(graph_iri)
        chunks = chunk_ntriples(lines, batch_triples)
        try:
            for method, url, body, content_type in _requests_for(target, graph_iri, chunks):
                client.send(method, url, body, content_type)
        except (AuthRefused, EndpointDown) as exc:
            report.failed[graph_iri] = str(exc)
            report.skipped.extend(todo[position + 1 :])
            report.aborted = str(exc)
            break
        except EndpointError as exc:
            report.failed[graph_iri] = str(exc)
        else:
            report.pushed.append(graph_iri)
            report.triples += len(lines)
        if on_graph_done is not None:
            on_graph_done(graph_iri, len(lines))
    return report
