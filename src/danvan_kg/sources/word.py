"""Text of a Word ``.docx`` document with its page boundaries, through python-docx.

Paragraphs and table rows are read in document order. A ``.docx`` file has no fixed pages: the
page numbers are those Word computed when it last saved the file (``w:lastRenderedPageBreak``);
a file written by another program, which has none, is paged by its hard page breaks only.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from danvan_kg.errors import InputError
from danvan_kg.sources.pages import paged_document
from danvan_kg.text.document import Document

__all__ = ["docx_document", "docx_pages", "is_docx"]

_TEMPLATE_AUTHORS = frozenset({"python-docx", "microsoft office user", "windows user", "user", "admin"})
"""Author values that templates and tools write by default: they name no one."""


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a ZIP archive holding a Word main document part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _hard_breaks(element: object) -> int:
    return len(element.xpath('.//*[local-name()="br" and @*[local-name()="type"]="page"]'))  # type: ignore[attr-defined]


def docx_pages(data: bytes, source: str) -> tuple[list[str], dict[str, str]]:
    """The text of every page (see the module docstring) and the file's title and author."""
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
        rendered = any(b.rendered_page_breaks for b in blocks if not isinstance(b, Table))
        pages: list[list[str]] = [[]]
        for block in blocks:
            if isinstance(block, Table):
                _add_table(pages, block)
            elif rendered:
                _add_paragraph_rendered(pages, block)
            else:
                _add_paragraph_hard(pages, block)
        fields = _fields(document.core_properties)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, AttributeError, TypeError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{source}: not a readable Word .docx document ({detail[:160]})") from None
    except Exception as exc:  # lxml syntax errors and python-docx's own, for a damaged document part
        if type(exc).__module__.split(".")[0] not in ("lxml", "docx"):
            raise
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{source}: not a readable Word .docx document ({detail[:160]})") from None
    return ["\n\n".join(p) for p in pages], fields


def _add_table(pages: list[list[str]], table: Any) -> None:
    """One line per row, its distinct cells joined by `` | `` (merged cells repeat their text)."""
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            pages[-1].append(" | ".join(cells))


def _add_paragraph_rendered(pages: list[list[str]], paragraph: Any) -> None:
    """A paragraph of a file Word paged: a page starts at each break Word rendered, inside it when one."""
    breaks = paragraph.rendered_page_breaks
    if len(breaks) == 1:
        head = breaks[0].preceding_paragraph_fragment
        tail = breaks[0].following_paragraph_fragment
        before = head.text if head is not None else ""
        after = tail.text if tail is not None else ""
        if before.strip():
            pages[-1].append(before)
        pages.append([after] if after.strip() else [])
        return
    if paragraph.text.strip():
        pages[-1].append(paragraph.text)
    pages.extend([] for _ in breaks)


def _add_paragraph_hard(pages: list[list[str]], paragraph: Any) -> None:
    """A paragraph of a file no Word paged: a page starts after each hard page break."""
    hard = _hard_breaks(paragraph._p)
    if paragraph.text.strip():
        pages[-1].append(paragraph.text)
    pages.extend([] for _ in range(hard))


def _fields(props: Any) -> dict[str, str]:
    """The title and author of the file's core properties (a template's default author left out)."""
    fields = {}
    if (props.title or "").strip():
        fields["title"] = " ".join(props.title.split())
    if (props.author or "").strip() and props.author.strip().lower() not in _TEMPLATE_AUTHORS:
        fields["author"] = " ".join(props.author.split())
    return fields


def docx_document(
    data: bytes, source: str, *, meta: dict[str, str] | None = None, key: str | None = None
) -> Document:
    """A :class:`Document` from ``.docx`` bytes; ``meta`` (e.g. a URL) wins over the file's fields."""
    pages, fields = docx_pages(data, source)
    if not any(page.strip() for page in pages):
        raise InputError(f"{source}: the Word document holds no text")
    return paged_document(pages, {**fields, **(meta or {})}, source, key=key)
