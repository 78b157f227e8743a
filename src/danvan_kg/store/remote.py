"""A remote SPARQL endpoint (Oxigraph, Virtuoso, Fuseki, ...) as a query target, via SPARQLWrapper.

Queries go by POST; SELECT/ASK answers are SPARQL JSON, CONSTRUCT answers Turtle parsed by
rdflib. Values are bound with a ``VALUES`` block of terms serialised by rdflib (opening the
WHERE group of SELECT/ASK queries, trailing otherwise: see ``sparqltext.bind_values``), so user
text never becomes query syntax. Connection failures, timeouts and 5xx answers are retried a
bounded number of times with exponential backoff; every failure ends as one clear
:class:`~danvan_kg.errors.EndpointError` (or ``QueryError`` for a query the endpoint rejects).
"""

from __future__ import annotations

import ast
import json
import time
import urllib.error
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlparse

from rdflib import Graph
from rdflib.term import Node
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from danvan_kg import __version__
from danvan_kg.errors import EndpointError, QueryError
from danvan_kg.formats import of_media_type
from danvan_kg.ids import PREFIXES
from danvan_kg.sparql.terms import Row, from_sparql_json, normalise_row
from danvan_kg.sparql.text import bind_values, query_form, with_prefixes


class _Retryable(Exception):
    """A failure worth another attempt (connection refused/reset, timeout, 5xx)."""


def _first_line(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value or "").strip()
    return text.splitlines()[0][:300] if text else ""


def _response_text(exc: SPARQLWrapperException) -> str:
    """The first line of the server's answer, which SPARQLWrapper keeps only inside its message."""
    _, marker, raw = str(exc).partition("\n\nResponse:\n")
    if marker:
        try:
            body = ast.literal_eval(raw.strip())
        except (ValueError, SyntaxError):
            body = raw
        if text := _first_line(body):
            return text
    return _first_line(exc)


class RemoteEndpoint:
    """A SPARQL 1.1 query endpoint URL (e.g. ``http://127.0.0.1:7878/query``)."""

    def __init__(
        self,
        url: str,
        *,
        timeout: float = 30.0,
        retries: int = 2,
        backoff: float = 0.25,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise EndpointError(f"not an http(s) endpoint URL: {url!r}")
        self.url = url
        self.timeout = max(1, round(timeout))
        self.retries = max(0, retries)
        self.backoff = backoff
        self._sleep = sleep

    def __repr__(self) -> str:
        return f"RemoteEndpoint({self.url!r})"

    # ------------------------------------------------------------------ transport
    def _wrapper(self, text: str, return_format: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.url, agent=f"danvan-kg/{__version__}")
        wrapper.setMethod(POST)
        wrapper.setTimeout(self.timeout)
        wrapper.setReturnFormat(return_format)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form with a regex that reads "?movement" as MOVE (an update):
        # set the form we parsed ourselves, which also refuses updates outright.
        wrapper.queryType = query_form(text)
        return wrapper

    def _once(self, text: str, return_format: str) -> tuple[str, bytes]:  # noqa: C901  (a table of HTTP failures)
        try:
            result = self._wrapper(text, return_format).query()
            response = result.response
            content_type = (response.info().get("Content-Type") or "").split(";")[0].strip().lower()
            return content_type, response.read()
        except QueryBadFormed as exc:
            raise QueryError(f"the endpoint rejected the query: {_response_text(exc)}") from None
        except EndPointNotFound:
            raise EndpointError(
                f"{self.url} answered 404 Not Found: is this the query endpoint URL?"
            ) from None
        except Unauthorized:
            raise EndpointError(f"{self.url} answered 401 Unauthorized: it needs credentials") from None
        except URITooLong:
            raise EndpointError(f"{self.url} answered 414 URI Too Long") from None
        except EndPointInternalError as exc:
            raise _Retryable(f"answered 500 Internal Server Error: {_response_text(exc)}") from None
        except urllib.error.HTTPError as exc:
            if exc.code >= 500:
                raise _Retryable(f"answered HTTP {exc.code} {exc.reason}") from None
            raise EndpointError(f"{self.url} answered HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise _Retryable(f"is unreachable ({_first_line(exc.reason) or exc})") from None
        except TimeoutError:
            raise _Retryable(f"did not answer within {self.timeout} s") from None
        except (ConnectionError, OSError) as exc:
            raise _Retryable(f"is unreachable ({_first_line(exc) or type(exc).__name__})") from None

    def _request(self, text: str, return_format: str) -> tuple[str, bytes]:
        attempt = 0
        while True:
            try:
                return self._once(text, return_format)
            except _Retryable as exc:
                if attempt >= self.retries:
                    tries = f" after {attempt + 1} attempts" if attempt else ""
                    raise EndpointError(f"endpoint {self.url} {exc}{tries}") from None
                self._sleep(self.backoff * (2**attempt))
                attempt += 1

    def _json(self, text: str) -> dict[str, Any]:
        content_type, body = self._request(text, JSON)
        if "json" not in content_type:
            raise EndpointError(
                f"endpoint {self.url} answered {content_type or 'no content type'}, not SPARQL JSON results"
                " (is this the query endpoint, e.g. …/query for Oxigraph, …/sparql for Virtuoso?)"
            )
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise EndpointError(f"endpoint {self.url} sent results that are not valid JSON") from None
        if not isinstance(data, dict):
            raise EndpointError(f"endpoint {self.url} sent a JSON answer that is not SPARQL results")
        return data

    @staticmethod
    def _text(query: str, bindings: Mapping[str, Node] | None) -> str:
        text = with_prefixes(query, PREFIXES)
        values = {k: v for k, v in (bindings or {}).items() if v is not None}
        return bind_values(text, [values]) if values else text

    # ------------------------------------------------------------------ the Target protocol
    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Rows of rdflib terms; every variable of the result head is present."""
        data = self._json(self._text(query, bindings))
        try:
            names = list(data["head"]["vars"])
            raw_rows = data["results"]["bindings"]
        except (KeyError, TypeError):
            raise EndpointError(f"endpoint {self.url} did not send SELECT results") from None
        rows = []
        for raw in raw_rows:
            rows.append(normalise_row({n: from_sparql_json(raw[n]) for n in names if n in raw}, names))
        return rows

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """The boolean answer (Virtuoso's 1/0 accepted too)."""
        data = self._json(self._text(query, bindings))
        value = data.get("boolean")
        if value is None:  # Virtuoso: a one-cell SELECT result (__ASK_RETVAL = 1/0)
            try:
                (cell,) = data["results"]["bindings"][0].values()
                value = cell["value"]
            except (KeyError, IndexError, TypeError, ValueError):
                value = None
        if isinstance(value, bool):
            return value
        if value in (0, 1, "0", "1", "true", "false"):
            return value in (1, "1", "true")
        raise EndpointError(f"endpoint {self.url} did not send an ASK answer")

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        """The constructed triples, parsed by rdflib from the endpoint's Turtle."""
        content_type, body = self._request(self._text(query, bindings), TURTLE)
        rdf_format = of_media_type(content_type)
        if rdf_format is None:
            raise EndpointError(f"endpoint {self.url} answered {content_type or 'no content type'}, not RDF")
        graph = Graph()
        for prefix, iri in PREFIXES.items():
            graph.bind(prefix, iri, override=True)
        try:
            graph.parse(data=body, format=rdf_format.rdflib)
        except Exception as exc:
            raise EndpointError(
                f"endpoint {self.url} sent RDF that does not parse: {_first_line(exc)}"
            ) from None
        return graph
