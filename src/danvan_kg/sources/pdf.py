"""Text of a PDF document (resolutions, reports) with its page boundaries, through pypdf.

Only the text layer is read. A scanned PDF (pages that are pictures) has none and is refused in
one line: there is no OCR here. Old Vietnamese PDFs typeset in TCVN3 fonts (``.VnTime``) without
a Unicode map come out as Windows-1252 letters; they are re-read as TCVN3 when that reads as
Vietnamese.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import datetime

from danvan_kg.errors import InputError
from danvan_kg.sources.pages import paged_document
from danvan_kg.text.decode import decode_tcvn3, looks_vietnamese
from danvan_kg.text.document import Document

__all__ = ["MIN_TEXT_CHARS", "pdf_document", "pdf_pages", "unwrap_lines"]

MIN_TEXT_CHARS = 40
"""Fewer letters and digits than this in the whole file means there is no text layer to read."""

_WORD_TITLE = re.compile(r"^(?:Microsoft Word|untitled|document\d*|doc\d+)\b", re.IGNORECASE)


_LINE_END = (".", "!", "?", ":", ";", "”", '"', "…")


def unwrap_lines(text: str) -> str:
    """Join the lines a PDF wrapped inside paragraphs (the sentence splitter breaks at line ends).

    A line ends its paragraph when it is blank, ends with sentence punctuation, is a heading in
    capitals, or is clearly shorter than the page's full lines; otherwise the next line continues it.
    """
    lines = [line.strip() for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 2:
        return "\n".join(lines)
    full = lengths[int(len(lengths) * 0.8)]
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if i == len(lines) - 1:
            break
        following = lines[i + 1]
        ends = (
            not line or not following or line.endswith(_LINE_END) or line.isupper() or len(line) < 0.7 * full
        )
        out.append("\n" if ends else " ")
    return "".join(out)


def _fix_tcvn3(text: str) -> str:
    """Re-read text that a TCVN3 font without a Unicode map turned into Windows-1252 letters."""
    if looks_vietnamese(text):
        return text
    try:
        fixed = decode_tcvn3(text.encode("cp1252"))
    except (UnicodeEncodeError, ValueError):
        return text
    return fixed if looks_vietnamese(fixed) else text


def pdf_pages(data: bytes, source: str) -> tuple[list[str], dict[str, str]]:
    """The text of every page and the document's own fields (title, author, date) when set."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every odd object
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{source}: the PDF is encrypted with a password; save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        AssertionError,
        ZeroDivisionError,
    ) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{source}: not a readable PDF document ({detail[:160]})") from None
    fields: dict[str, str] = {}
    if info is not None:
        try:
            title = (info.title or "").strip()
            author = (info.author or "").strip()
            created = info.creation_date
        except (ValueError, TypeError, AttributeError):
            title, author, created = "", "", None
        if title and not _WORD_TITLE.match(title):
            fields["title"] = " ".join(title.split())
        if author:
            fields["author"] = " ".join(author.split())
        if isinstance(created, datetime):
            fields["file_created"] = created.date().isoformat()
    return pages, fields


def pdf_document(
    data: bytes, source: str, *, meta: dict[str, str] | None = None, key: str | None = None
) -> Document:
    """A :class:`Document` from PDF bytes; ``meta`` (e.g. a URL) wins over the file's own fields."""
    pages, fields = pdf_pages(data, source)
    letters = sum(1 for page in pages for ch in page if ch.isalnum())
    if letters < MIN_TEXT_CHARS:
        raise InputError(
            f"{source}: the PDF has no text layer ({len(pages)} page(s), {letters} letters: a scan?); "
            "danvan-kg does no OCR, so run it through OCR first"
        )
    pages = [unwrap_lines(_fix_tcvn3(page)) for page in pages]
    return paged_document(pages, {**fields, **(meta or {})}, source, key=key)
