"""Article URLs listed by news feeds (RSS, Atom: feedparser) and sitemaps (XML, gzip, plain text).

Both are fetched with the same :class:`~danvan_kg.sources.fetch.Fetcher` as the articles (robots.txt,
pace, cache), which is why trafilatura's own feed and sitemap helpers, which fetch by
themselves, are not used. A date range prunes the lists before any article is fetched: a feed
entry's publication date, a sitemap's ``news:publication_date``, and ``lastmod`` (an article last
changed before ``--since`` was published before it too; a sitemap index entry likewise).
"""

from __future__ import annotations

import calendar
import gzip
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from danvan_kg.errors import InputError
from danvan_kg.sources.fetch import Fetcher, FetchError, check_url
from danvan_kg.sources.filters import ANY_DATE, DateRange
from danvan_kg.text.decode import MAX_BYTES

__all__ = ["Listed", "Listing", "feed_entries", "list_feed", "list_sitemap", "sitemap_entries"]

MAX_SITEMAPS = 200  # sitemap files read for one --sitemap (an index of indexes stays bounded)
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True)
class Listed:
    """One article URL found in a feed or sitemap, with what the list says about it."""

    url: str
    published: str | None = None  # YYYY-MM-DD
    modified: str | None = None  # YYYY-MM-DD (sitemap lastmod)
    title: str | None = None


@dataclass
class Listing:
    """What one ``--feed``/``--sitemap`` gave: the URLs to fetch, and what was left out or failed."""

    urls: list[Listed] = field(default_factory=list)
    outside_dates: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)


def _day(value: object) -> str | None:
    if not value:
        return None
    m = _DAY.match(str(value).strip())
    return m.group(1) if m else None


def _keep(item: Listed, dates: DateRange) -> bool:
    """Whether a listed URL may fall in the range (unknown dates are kept: the page may tell)."""
    if not dates.active:
        return True
    if item.published:
        return dates.admits(item.published) is not False
    # lastmod >= published: a page last changed before --since was published before it
    return not (item.modified and dates.since and item.modified < dates.since)


def feed_entries(data: bytes, base_url: str | None) -> list[Listed]:
    """Entries of an RSS or Atom feed; ``InputError`` when ``data`` is not a feed."""
    import feedparser

    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(data, response_headers=headers)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed, "bozo_exception", None)
        detail = f" ({str(reason).splitlines()[0][:120]})" if reason else ""
        raise InputError(f"{base_url or 'the file'}: not an RSS or Atom feed{detail}")
    if not base_url or not base_url.startswith(("http://", "https://")):
        base_url = parsed.feed.get("link") or base_url  # a saved feed: its own site address
    out = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = None
        if stamp:
            published = datetime.fromtimestamp(calendar.timegm(stamp), UTC).date().isoformat()
        url = urljoin(base_url or "", link)
        out.append(Listed(url=url, published=published, title=" ".join((entry.get("title") or "").split())))
    return out


def _xml_root(data: bytes) -> object | None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _gunzipped(data: bytes, base_url: str | None) -> bytes:
    """``data`` unzipped when it is gzip (at most :data:`MAX_BYTES`), else as it is."""
    if not data.startswith(b"\x1f\x8b"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unzipped:
            data = unzipped.read(MAX_BYTES + 1)
    except (OSError, EOFError):
        raise InputError(f"{base_url or 'the file'}: a broken gzip file, not a sitemap") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{base_url or 'the file'}: the sitemap is larger than {MAX_BYTES:,} bytes unzipped")
    return data


def sitemap_entries(data: bytes, base_url: str | None) -> tuple[list[Listed], list[Listed]]:
    """``(article URLs, child sitemaps)`` of a sitemap or sitemap index (XML, gzipped, or plain text)."""
    data = _gunzipped(data, base_url)
    root = _xml_root(data.strip())
    if root is None:
        lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()]
        urls = [Listed(url=line) for line in lines if line.startswith(("http://", "https://"))]
        if not urls:
            raise InputError(f"{base_url or 'the file'}: not a sitemap (neither XML nor a list of URLs)")
        return urls, []
    kind = _local(root.tag)  # type: ignore[attr-defined]
    if kind not in ("urlset", "sitemapindex"):
        raise InputError(f"{base_url or 'the file'}: not a sitemap (root element <{kind}>)")
    pages: list[Listed] = []
    children: list[Listed] = []
    for item in root:  # type: ignore[attr-defined]
        fields: dict[str, str] = {}
        for node in item.iter():
            name = _local(node.tag)
            if name in ("loc", "lastmod", "publication_date", "title") and node.text and name not in fields:
                fields[name] = node.text.strip()
        if not fields.get("loc"):
            continue
        listed = Listed(
            url=urljoin(base_url or "", fields["loc"]),
            published=_day(fields.get("publication_date")),
            modified=_day(fields.get("lastmod")),
            title=fields.get("title"),
        )
        (children if kind == "sitemapindex" else pages).append(listed)
    return pages, children


def _read(location: str, fetcher: Fetcher | None) -> tuple[bytes, str]:
    """Bytes and base URL of a feed or sitemap given as a URL (fetched) or a local file."""
    if urlsplit(location).scheme in ("http", "https"):
        if fetcher is None:
            raise InputError(f"{location}: cannot fetch without a fetcher")
        fetched = fetcher.fetch(location)
        return fetched.path.read_bytes(), fetched.final_url
    path = Path(location)
    if not path.is_file():
        raise InputError(f"{location}: no such file (a feed or sitemap is a URL or a saved file)")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{location}: too large")
    return path.read_bytes(), ""  # a saved list: relative links are resolved against its own site


def _named(location: str, exc: Exception) -> str:
    """The error line, naming the feed or sitemap as the user gave it."""
    message = str(exc)
    if message.startswith(location):
        return message
    return (
        f"{location}: {message.split(': ', 1)[-1]}"
        if message.startswith("the file:")
        else f"{location}: {message}"
    )


def list_feed(location: str, fetcher: Fetcher | None, dates: DateRange = ANY_DATE) -> Listing:
    """Article URLs of one feed, pruned by ``dates``."""
    out = Listing()
    try:
        data, base = _read(location, fetcher)
        entries = feed_entries(data, base)
    except InputError as exc:
        out.problems.append((location, _named(location, exc)))
        return out
    _add(out, entries, dates)
    return out


def list_sitemap(
    location: str,
    fetcher: Fetcher | None,
    dates: DateRange = ANY_DATE,
    on_file: Callable[[str], None] | None = None,
) -> Listing:
    """Article URLs of one sitemap (indexes followed, up to :data:`MAX_SITEMAPS` files) within ``dates``."""
    out = Listing()
    todo = [location]
    seen: set[str] = set()
    while todo and len(seen) < MAX_SITEMAPS:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        try:
            data, base = _read(current, fetcher)
            pages, children = sitemap_entries(data, base)
        except (InputError, FetchError) as exc:
            out.problems.append((current, _named(current, exc)))
            continue
        if on_file:
            on_file(current)
        _add(out, pages, dates)
        for child in children:
            if _keep(child, dates):
                todo.append(child.url)
    if todo:
        out.problems.append(
            (location, f"{location}: more than {MAX_SITEMAPS} sitemap files; read the first {MAX_SITEMAPS}")
        )
    return out


def _add(out: Listing, entries: list[Listed], dates: DateRange) -> None:
    for entry in entries:
        try:
            url = check_url(entry.url)
        except FetchError as exc:
            out.problems.append((entry.url, str(exc)))
            continue
        if not _keep(entry, dates):
            out.outside_dates += 1
            continue
        out.urls.append(Listed(url, published=entry.published, modified=entry.modified, title=entry.title))
