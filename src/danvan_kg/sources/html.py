"""Main text and metadata of a news page, with the site's chrome left out, through trafilatura.

Menus, related-news boxes, view counters ("Số lần đọc"), banners, share bars, comment forms and
footers are dropped by trafilatura's main-text extraction; title, canonical URL, site name,
author and publication date come from the page's metadata (OpenGraph, JSON-LD, ``<meta>``),
the date through htmldate (the original publication date, not the "updated" one). Only when
trafilatura finds no main text does the plain ``html.parser`` conversion of
:func:`danvan_kg.text.decode.html_to_text` take over. A ``key: value`` header block written in
front of the markup wins over everything the page says.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from danvan_kg.errors import InputError
from danvan_kg.text.decode import html_to_text, sniff
from danvan_kg.text.document import split_header

__all__ = ["PageText", "decode_page", "page_text"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageText:
    """What a page holds: its main text (paragraphs separated by blank lines) and its fields."""

    body: str
    fields: dict[str, str]  # url (canonical), title, outlet, date, author, description, section, tags
    extractor: str  # "trafilatura" or "html.parser" (the fallback)


def _declared_charset(data: bytes, content_type: str | None) -> str | None:
    if content_type:
        header = _HEADER_CHARSET.search(content_type)
        if header:
            return header.group(1)
    meta = _META_CHARSET.search(data[:8192])
    return meta.group(1).decode("ascii", "replace") if meta else None


def decode_page(data: bytes, source: str, content_type: str | None = None) -> str:
    """The text of an HTML page in any encoding.

    UTF-8/16/32, Windows-1258 and TCVN3 are recognised from the bytes (:func:`sniff`); a page in
    another encoding is read in the charset it declares (HTTP header or ``<meta charset>``).
    """
    try:
        return sniff(data, source).text
    except InputError:
        charset = _declared_charset(data, content_type)
        if not charset:
            raise
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise InputError(f"{source}: cannot decode the page (it declares charset {charset!r})") from None


def _canonical(found: str | None, page_url: str | None) -> str | None:
    """An absolute http(s) canonical URL, or ``None`` (a canonical pointing at a site's home page is
    a template mistake that would merge every article of the site into one)."""
    if not found:
        return None
    url = urljoin(page_url, found.strip()) if page_url else found.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if parts.path in ("", "/") and not parts.query:
        return None
    return url


def _tree(markup: str) -> Any:
    """The lxml element tree of ``markup`` (``None`` when lxml cannot parse it)."""
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.fromstring(markup)
    except (etree.ParserError, ValueError, TypeError):
        return None


def _declared_canonical(markup: str) -> str | None:
    """``<link rel="canonical">``, else ``og:url``, as written (possibly relative)."""
    tree = _tree(markup)
    if tree is None:
        return None
    for xpath in (
        '//link[contains(concat(" ", normalize-space(@rel), " "), " canonical ")]/@href',
        '//meta[@property="og:url"]/@content',
    ):
        found = [v.strip() for v in tree.xpath(xpath) if v.strip()]
        if found:
            return found[0]
    return None


def _one_line(value: object) -> str:
    return " ".join(str(value).split()) if value else ""


def _trafilatura(markup: str, page_url: str | None) -> tuple[str, dict[str, str]] | None:
    """Main text and metadata, or ``None`` when trafilatura finds no main text.

    Tables are left out first: old sites lay whole pages out in tables, and with tables kept the
    menus and footers of such a page come back as content. Only a page whose text is all in
    tables is read again with them.
    """
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    result: Any = None  # a trafilatura Document (its type also admits a dict, which it is not here)
    for tables in (False, True):
        try:
            result = trafilatura.bare_extraction(
                markup,
                with_metadata=True,
                include_comments=False,
                include_tables=tables,
                include_images=False,
                include_links=False,
                deduplicate=False,
                date_extraction_params={"original_date": True, "extensive_search": True},
            )
        except (ValueError, TypeError, AttributeError, RecursionError):  # pragma: no cover - defensive
            result = None
        if result is not None and (result.text or "").strip():
            break
    if result is None or not (result.text or "").strip():
        return None
    lines = [" ".join(line.split()) for line in result.text.splitlines()]
    body = "\n\n".join(line for line in lines if line)
    fields = {
        "url": _canonical(_declared_canonical(markup) or result.url, page_url) or "",
        "title": _better_title(markup, _one_line(result.title)),
        "outlet": _one_line(result.sitename),
        "date": _one_line(result.date),
        "author": _one_line(result.author),
        "description": _one_line(result.description),
        "section": _one_line(", ".join(result.categories or [])),
        "tags": _one_line(", ".join(result.tags or [])),
    }
    return body, {k: v for k, v in fields.items() if v}


_TITLE_CLASS = re.compile(
    r"(?:news|detail|article|post|entry|content|main)[-_]?title|title[-_]?(?:detail|news|article)"
    r"|tieu-?de|headline",
    re.IGNORECASE,
)


def _better_title(markup: str, found: str) -> str:
    """The page's headline when trafilatura only had the ``<title>`` tag (often just the site's name).

    A title from OpenGraph, Twitter cards or JSON-LD is kept as is. Otherwise the first ``<h1>``,
    or element whose class names it a title ("news-title", "tieu-de"), of 4-40 words that is not
    a piece of ``<title>`` wins.
    """
    tree = _tree(markup)
    if tree is None:
        return found
    if tree.xpath(
        '//meta[@property="og:title" or @name="og:title" or @name="twitter:title"]/@content'
    ) or any("headline" in (s.text or "") for s in tree.xpath('//script[@type="application/ld+json"]')):
        return found
    tag = " ".join(" ".join(tree.xpath("//title//text()")).split())
    candidates = tree.xpath("//h1") + [
        e
        for e in tree.xpath("//body//*[@class or @id]")
        if _TITLE_CLASS.search(f"{e.get('class', '')} {e.get('id', '')}")
    ]
    for element in candidates:
        text = " ".join(element.text_content().split())
        if 4 <= len(text.split()) <= 40 and text not in tag:
            return text
    return found


def _fallback(markup: str) -> tuple[str, dict[str, str]]:
    text = html_to_text(markup)
    fields, body = split_header(text)
    return body, {k: v for k, v in fields.items() if k == "title"}


def page_text(text: str, page_url: str | None = None) -> PageText:
    """Main text and fields of a decoded page; header lines in front of the markup win."""
    header, markup = split_header(text)
    extracted = _trafilatura(markup, page_url)
    extractor = "trafilatura"
    if extracted is None:
        extracted = _fallback(markup)
        extractor = "html.parser"
    body, fields = extracted
    if not fields.get("outlet") and page_url:
        fields["outlet"] = urlsplit(page_url).hostname or ""
    merged = {k: v for k, v in fields.items() if v}
    merged.update({k: v for k, v in header.items() if v and v.lower() not in ("unknown", "none")})
    return PageText(body=body, fields=merged, extractor=extractor)
