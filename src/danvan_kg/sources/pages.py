"""Page boundaries of paged documents (PDF, Word), kept so that an evidence offset maps to a page.

A paged document is read page by page; the pages are joined with a blank line into one body and
the offset where each page starts *in the normalised body* is written to the document's metadata
as ``page_starts`` (space-separated integers, page 1 first; an empty page starts where the next
text does). :func:`page_of` turns an evidence offset into a 1-based page number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from datetime import date

from danvan_kg.text.document import Document, build_document
from danvan_kg.text.normalise import normalise

__all__ = ["official_date", "page_of", "page_starts", "paged_document"]

_OFFICIAL_DATE = re.compile(
    r"[^\W\d_][^\n,]{0,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE
)


_SENTENCE_END = (".", "!", "?", ":", ";", "”", "…", ")")


def official_date(body: str) -> str | None:
    """The place-and-date line of an official document ("Hà Nội, ngày 9 tháng 6 năm 2023") as ISO."""
    m = _OFFICIAL_DATE.search(body[:3000])
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found.isoformat() if 1900 <= year <= 2100 else None


def paged_document(
    pages: Sequence[str], meta: Mapping[str, str], source: str, *, key: str | None = None
) -> Document:
    """One :class:`Document` from the text of each page, with ``page_starts`` in its metadata.

    Pages are joined with a blank line, or with a space when a page ends inside a sentence.
    """
    texts = [normalise(page) for page in pages]
    body = ""
    for text in texts:
        if not text:
            continue
        if body:  # a sentence running on to the next page stays one sentence
            last_line = body.rsplit("\n", 1)[-1]
            ends = body.endswith(_SENTENCE_END) or " | " in last_line  # a table row ends its line
            body += "\n\n" if ends else " "
        body += text
    fields = dict(meta)
    if not fields.get("date"):
        found = official_date(normalise(body))
        if found:
            fields["date"] = found
    doc = build_document(body, fields, source, key=key)
    starts: list[int] = []
    cursor = 0
    pending = 0  # empty pages waiting for the start of the next text
    for text in texts:
        if not text:
            pending += 1
            continue
        at = doc.body.find(text[: min(len(text), 200)], cursor)
        if at < 0:  # normalising the joined body moved something at a page edge: search its start only
            at = doc.body.find(text[:20], cursor)
        if at < 0:
            at = cursor
        starts.extend([at] * (pending + 1))
        pending = 0
        cursor = at + 1
    starts.extend([len(doc.body)] * pending)
    doc.metadata["page_starts"] = " ".join(map(str, starts))
    doc.metadata["pages"] = str(len(pages))
    return doc


def page_starts(metadata: Mapping[str, str]) -> list[int]:
    """The ``page_starts`` of a document's metadata as integers (empty for unpaged documents)."""
    raw = metadata.get("page_starts", "")
    try:
        return [int(x) for x in raw.split()]
    except ValueError:
        return []


def page_of(metadata: Mapping[str, str], offset: int) -> int | None:
    """The 1-based page holding body offset ``offset``, or ``None`` for an unpaged document."""
    starts = page_starts(metadata)
    if not starts:
        return None
    return max(1, bisect_right(starts, offset))
