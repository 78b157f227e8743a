"""Read one source document: decode the bytes, split off the header, find its date, normalise the body.

Input format (see ``shared/DESIGN.md``): UTF-8 text (UTF-16 with a BOM is accepted too) with an
optional header block of ``key: value`` lines before the first blank line, or YAML front matter
between ``---`` lines. A body date such as "Thứ Năm, 26/12/2024" is used when the header has no
date (or says ``unknown``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from danvan_kg.ids import article_graph_iri, article_iri
from danvan_kg.text.decode import decode_text
from danvan_kg.text.normalise import normalise_with_original

__all__ = [
    "Document",
    "build_document",
    "decode_bytes",
    "parse_text",
    "split_header",
]

_HEADER_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_\-]{0,40})\s*:\s?(.*)$")
_BODY_DATE = re.compile(
    r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|2|3|4|5|6|7)|Chủ\s+[Nn]hật|CN)\s*,?\s*(?:ngày\s+)?"
    r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})"
)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DMY_DATE = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})")
_UNKNOWN = {"", "unknown", "none", "n/a", "na", "null", "-", "?"}


@dataclass(slots=True)
class Document:
    """A decoded, normalised source document."""

    source: str
    key: str
    body: str  # normalised body: evidence offsets refer to it
    spelled: str  # same length as body, tone marks as the text wrote them
    metadata: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    outlet: str | None = None
    date: str | None = None
    title: str | None = None

    @property
    def article_iri(self) -> str:
        """``id:article/<key>`` (:func:`danvan_kg.ids.article_iri` of the source key)."""
        return article_iri(self.key)

    @property
    def graph_iri(self) -> str:
        """``graph/article/<key>``: the named graph of this document."""
        return article_graph_iri(self.key)


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode the bytes of a text file (see :mod:`danvan_kg.text.decode`); HTML becomes plain text.

    UTF-8 (with or without BOM), UTF-16/32 and legacy Vietnamese encodings are accepted; binary or
    undecodable input raises :class:`InputError` naming ``name``.
    """
    return decode_text(data, name)


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().strip("'\"")
    if value.lower() in _UNKNOWN:
        return None
    m = _ISO_DATE.match(value)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
        if day and month:
            return f"{year}-{int(month):02d}-{int(day):02d}"
        if month:
            return f"{year}-{int(month):02d}"
        return year
    m = _DMY_DATE.match(value)
    if m:
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter or a ``key: value`` header block from the body."""
    stripped = text.lstrip("\n")
    if stripped.startswith("---\n") or stripped.startswith("---\r\n"):
        lines = stripped.splitlines()
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                meta: dict[str, str] = {}
                for line in lines[1:i]:
                    m = _HEADER_LINE.match(line.strip())
                    if m:
                        meta[m.group(1).lower()] = m.group(2).strip().strip("'\"")
                return meta, "\n".join(lines[i + 1 :])
        return {}, text
    lines = text.splitlines()
    meta = {}
    for i, line in enumerate(lines):
        if not line.strip():
            if meta:
                return meta, "\n".join(lines[i + 1 :])
            return {}, text
        m = _HEADER_LINE.match(line.strip())
        if not m or m.group(1).lower() in ("http", "https"):
            return {}, text
        meta[m.group(1).lower()] = m.group(2).strip()
    return {}, text  # header lines only, no blank line: treat the whole thing as body


@cache
def _chrome_lines() -> re.Pattern[str]:
    """Site chrome that scraped texts start with (``chrome_lines.txt``: one pattern per line)."""
    text = resources.files("danvan_kg.text").joinpath("chrome_lines.txt").read_text("utf-8")
    patterns = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _headline(body: str) -> str | None:
    """The first line that reads like a headline (4–40 words, no final period).

    Date lines and site chrome (view counters, banners, breadcrumbs, photo captions) before it are
    skipped; any other first line that is not a headline means there is none.
    """
    chrome = _chrome_lines()
    for line in body[:2000].split("\n")[:6]:
        line = line.strip()
        if not line or (_BODY_DATE.search(line) and len(line) < 60) or chrome.search(line):
            continue
        words = line.split()
        if 4 <= len(words) <= 40 and not line.endswith((".", ":", ";")):
            return line
        return None
    return None


def parse_text(text: str, source: str = "<text>") -> Document:
    """Build a :class:`Document` from already decoded text (header block or front matter allowed)."""
    meta, body = _split_header(text)
    return build_document(body, meta, source)


def split_header(text: str) -> tuple[dict[str, str], str]:
    """``(header fields, rest)``: YAML front matter or a ``key: value`` block split off (keys lowercased)."""
    return _split_header(text)


def build_document(body: str, meta: dict[str, str], source: str, *, key: str | None = None) -> Document:
    """A :class:`Document` from a body and its fields (``url``, ``outlet``, ``date``, ``title``, others).

    The body is normalised here (evidence offsets refer to the result). ``key`` overrides the
    source key rule of the text format (the ``url`` field, else the file name): readers of web pages
    and fetched files pass the canonical URL or a content hash.
    """
    body, spelled = normalise_with_original(body)
    url = meta.get("url") or None
    if url and url.lower() in _UNKNOWN:
        url = None
    date = _iso_date(meta.get("date"))
    if date is None:
        m = _BODY_DATE.search(body[:600])
        if m:
            date = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    title = meta.get("title") or _headline(body)
    if key is None:
        key = url or Path(source).name or source
    return Document(
        source=source,
        key=key,
        body=body,
        spelled=spelled,
        metadata={k: v for k, v in meta.items() if k not in ("url", "outlet", "date", "title")},
        url=url,
        outlet=meta.get("outlet") or None,
        date=date,
        title=title,
    )
