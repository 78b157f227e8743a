"""Cut a streamed SPARQL SELECT answer after a number of rows (``danvan-kg serve --max-rows``).

Oxigraph has a query timeout but no result limit, and streams its answers: ``SELECT * { ?s ?p ?o }``
on a 10M-triple store sends ten million rows to whoever asked. The serve front passes SELECT answers
through :func:`limit_rows`, which counts the rows of the four result formats as they stream by and,
after ``most`` of them, closes the document so that it stays valid (JSON, XML) and stops reading.
Other answers (ASK, CONSTRUCT, Graph Store) pass unchanged. Like Virtuoso's ``ResultSetMaxRows``, a
cut answer looks complete: the front says the limit in a ``X-SPARQL-MaxRows`` header.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
FORMATS = (JSON, XML, CSV, TSV)


def limited_format(content_type: str) -> str | None:
    """The result format of a ``Content-Type`` header that :func:`limit_rows` can cut, else ``None``."""
    media = content_type.split(";")[0].strip().lower()
    return media if media in FORMATS else None


def limit_rows(chunks: Iterable[bytes], media: str, most: int) -> Iterator[bytes]:
    """``chunks`` of a SELECT answer in format ``media``, cut after ``most`` rows (and closed)."""
    if media == JSON:
        return _json(chunks, most)
    if media == XML:
        return _xml(chunks, most)
    return _lines(chunks, most, quoted=media == CSV)


def _bindings_start(seen: bytes) -> int:
    """Where the content of the ``"bindings": [`` array starts in ``seen``; ``-1`` while not there yet."""
    results = seen.find(b'"results"')
    at = seen.find(b'"bindings"', results) if results >= 0 else -1
    bracket = seen.find(b"[", at) if at >= 0 else -1
    return bracket + 1 if bracket >= 0 else -1


class _RowCounter:
    """Counts the objects of the bindings array by brace depth, outside strings."""

    def __init__(self, most: int) -> None:
        self.most = most
        self.rows = 0
        self.depth = 0  # 0 between rows
        self.in_string = False
        self.escaped = False

    def scan(self, chunk: bytes) -> tuple[str, int]:
        """``("cut", i)``: row ``most`` ends at ``chunk[i]``; ``("end", i)``: the array ended there
        (fewer rows); ``("more", -1)``: neither happened in ``chunk``."""
        for i, byte in enumerate(chunk):
            if self.in_string:
                self._in_string(byte)
            elif byte == 0x22:
                self.in_string = True
            elif byte == 0x7B:  # {
                self.depth += 1
            elif byte == 0x7D:  # }
                self.depth -= 1
                if self.depth == 0:
                    self.rows += 1
                    if self.rows >= self.most:
                        return "cut", i
            elif byte == 0x5D and self.depth == 0:  # ]
                return "end", i
        return "more", -1

    def _in_string(self, byte: int) -> None:
        if self.escaped:
            self.escaped = False
        elif byte == 0x5C:  # backslash
            self.escaped = True
        elif byte == 0x22:
            self.in_string = False


def _json(chunks: Iterable[bytes], most: int) -> Iterator[bytes]:
    """Pass the head through up to the bindings array, then count its rows (:class:`_RowCounter`)."""
    stream = iter(chunks)
    seen = b""
    counter: _RowCounter | None = None
    for chunk in stream:
        if counter is None:
            seen += chunk
            start = _bindings_start(seen)
            if start < 0:
                yield chunk
                continue
            counter = _RowCounter(most)
            start = len(chunk) - (len(seen) - start)  # where the array's content starts in chunk
            yield chunk[:start]
            chunk = chunk[start:]
        state, at = counter.scan(chunk)
        if state == "cut":
            yield chunk[: at + 1] + b"]}}"
            return
        yield chunk
        if state == "end":  # the array ended before the limit
            yield from stream
            return


def _xml(chunks: Iterable[bytes], most: int) -> Iterator[bytes]:
    """Count ``</result>`` end tags (a literal's ``<`` is escaped, so the tag cannot occur in values)."""
    tail = b""
    rows = 0
    tag = b"</result>"
    for chunk in chunks:
        data = tail + chunk
        start = 0
        while (at := data.find(tag, start)) >= 0:
            rows += 1
            start = at + len(tag)
            if rows >= most:
                yield data[len(tail) : start] if start > len(tail) else b""
                yield b"</results></sparql>"
                return
        keep = len(tag) - 1
        yield data[len(tail) :]
        tail = data[-keep:] if len(data) >= keep else data


def _lines(chunks: Iterable[bytes], most: int, *, quoted: bool) -> Iterator[bytes]:
    """A header line then one line per row (CSV: line breaks inside quoted values do not count)."""
    lines = 0
    in_quotes = False
    for chunk in chunks:
        for i, byte in enumerate(chunk):
            if quoted and byte == 0x22:
                in_quotes = not in_quotes
            elif byte == 0x0A and not in_quotes:
                lines += 1
                if lines > most:  # the header and ``most`` rows
                    yield chunk[: i + 1]
                    return
        yield chunk
