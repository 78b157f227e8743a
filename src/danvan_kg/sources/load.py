"""Read one source of any kind into a :class:`~danvan_kg.text.document.Document`.

The kind is told by the bytes first (``%PDF-``, a ZIP holding ``word/document.xml``, HTML
markup), then by the server's ``Content-Type`` and the file name; anything else is text in the
input format of ``shared/DESIGN.md``.

Source keys (one key, one named graph): a local text file keeps the rule of the text format
(its ``url`` header, else its file name); a saved page uses its header ``url``, else its
canonical URL, else its file name; a fetched source uses its header ``url`` or canonical URL,
else a hash of its text, so that the same article reached by two URLs is one graph.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from danvan_kg.errors import InputError
from danvan_kg.sources.refs import SourceRef
from danvan_kg.text.decode import MAX_BYTES, sniff
from danvan_kg.text.document import Document, build_document, parse_text
from danvan_kg.text.normalise import normalise

__all__ = ["content_key", "detect_kind", "load_document", "read_bytes"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc/.xls files
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PDF_TYPES = ("application/pdf", "application/x-pdf")
_DOCX_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)


def read_bytes(path: str, name: str | None = None) -> bytes:
    """The bytes of a local file, or one-line :class:`InputError` naming it."""
    label = name or path
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{label}: is a directory")
        if not p.exists():
            raise InputError(f"{label}: no such file")
        if not p.is_file():
            raise InputError(f"{label}: not a regular file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{label}: too large ({size} bytes; the limit is {MAX_BYTES})")
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"{label}: cannot read ({exc.strerror or exc})") from None


def detect_kind(data: bytes, name: str, content_type: str | None = None) -> str:
    """``pdf``, ``docx``, ``html`` or ``text`` (``text`` may still turn out to be HTML when decoded)."""
    from danvan_kg.sources.word import is_docx

    mime = (content_type or "").split(";")[0].strip().lower()
    suffix = Path(name.split("?")[0]).suffix.lower()
    if data.startswith(b"%PDF-") or (mime in _PDF_TYPES and b"%PDF-" in data[:1024]):
        return "pdf"
    if is_docx(data):
        return "docx"
    if mime in _DOCX_TYPES or (suffix == ".docx" and data.startswith(b"PK")):
        return "docx"  # a damaged .docx: its reader says so in one line
    if mime in _HTML_TYPES or suffix in (".html", ".htm", ".xhtml"):
        return "html"
    return "text"


def content_key(body: str) -> str:
    """The key of a source known only by its text: ``sha256:`` of the normalised body."""
    return "sha256:" + hashlib.sha256(normalise(body).encode("utf-8")).hexdigest()


def _key(doc_url: str | None, ref: SourceRef, body: str) -> str | None:
    if doc_url:
        return doc_url
    if ref.fetched:
        return content_key(body)
    return None  # the text format's rule: the file name


def _html(data: bytes, text: str | None, ref: SourceRef) -> Document:
    from danvan_kg.sources.html import decode_page, page_text

    if text is None:
        text = decode_page(data, ref.name, ref.content_type)
    page = page_text(text, ref.url)
    if not page.body.strip():
        raise InputError(f"{ref.name}: no article text found in the page")
    fields = dict(page.fields)
    fields["extractor"] = page.extractor
    url = fields.get("url") or None  # the header's url, else the page's canonical URL
    key = _key(url, ref, page.body)
    if ref.fetched and ref.url:
        fields["fetched_url"] = ref.url
        fields.setdefault("url", ref.url)  # shown as the article's address even when keyed by its text
    return build_document(page.body, fields, ref.name, key=key)


def load_document(ref: SourceRef | str | os.PathLike[str]) -> Document:
    """Read ``ref`` (a :class:`SourceRef` or a local path) into a Document; ``InputError`` if unusable."""
    if isinstance(ref, str | os.PathLike):
        ref = SourceRef.local(str(ref))
    data = read_bytes(ref.path, ref.name)
    kind = detect_kind(data, ref.url or ref.name, ref.content_type)
    web = {"url": ref.url, "fetched_url": ref.url} if ref.fetched and ref.url else {}
    if kind == "pdf":
        from danvan_kg.sources.pdf import pdf_document

        doc = pdf_document(data, ref.name, meta=web)
        return _rekey(doc, ref)
    if kind == "docx":
        from danvan_kg.sources.word import docx_document

        doc = docx_document(data, ref.name, meta=web)
        return _rekey(doc, ref)
    if kind == "html":
        return _html(data, None, ref)
    if data.startswith(_OLE):
        raise InputError(f"{ref.name}: an old Microsoft Office file (.doc/.xls); save it as .docx or text")
    decoded = sniff(data, ref.name)
    if decoded.is_html:
        return _html(data, decoded.text, ref)
    doc = parse_text(decoded.text, ref.name)
    if ref.fetched:
        if doc.url is None:
            doc.url = ref.url
            doc.key = content_key(doc.body)
        doc.metadata.setdefault("fetched_url", ref.url or "")
    return doc


def _rekey(doc: Document, ref: SourceRef) -> Document:
    """Fetched PDF and Word files are keyed by their text (the same file under two URLs is one)."""
    if ref.fetched:
        doc.key = content_key(doc.body)
    return doc
