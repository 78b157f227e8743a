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


def _json(chunks: Iterable[bytes], most: int) -> Iterator[bytes]:
    """Count the objects of ``"bindings": [ ... ]`` by brace depth, outside strings."""
    seen = b""
    in_bindings = False
    depth = 0  # inside the bindings array: 0 between rows
    in_string = escaped = False
    rows = 0
    for chunk in chunks:
        if not in_bindings:
            seen += chunk
            results = seen.find(b'"results"')
            at = seen.find(b'"bindings"', results) if results >= 0 else -1
            if at < 0:
                yield chunk
                continue
            bracket = seen.find(b"[", at)
            if bracket < 0:
                yield chunk
                continue
            in_bindings = True
            start = len(chunk) - (len(seen) - bracket - 1)  # where the array's content starts in chunk
            yield chunk[:start]
            chunk = chunk[start:]
        for i, byte in enumerate(chunk):
            if in_string:
                if escaped:
                    escaped = False
                elif byte == 0x5C:  # backslash
                    escaped = True
                elif byte == 0x22:
                    in_string = False
            elif byte == 0x22:
                in_string = True
            elif byte == 0x7B:  # {
                depth += 1
            elif byte == 0x7D:  # }
                depth -= 1
                if depth == 0:
                    rows += 1
                    if rows >= most:
                        yield chunk[: i + 1] + b"]}}"
                        return
            elif byte == 0x5D and depth == 0:  # the array ended before the limit
                yield chunk
                yield from chunks
                return
        yield chunk


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
