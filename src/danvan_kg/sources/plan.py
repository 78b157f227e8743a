"""From what the user typed to the list of sources to read: files, URLs, URL lists, feeds, sitemaps.

:func:`plan_inputs` expands everything that is cheap to expand (folders, globs, ``--urls`` files,
feeds and sitemaps) and names every input that gave nothing; :func:`fetch_plan` then fetches the
URLs and returns one :class:`~danvan_kg.sources.refs.SourceRef` per source, each named once.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from danvan_kg.sources.feeds import list_feed, list_sitemap
from danvan_kg.sources.fetch import Fetcher, FetchError, check_url
from danvan_kg.sources.files import DOCUMENT_SUFFIXES, RECORD_SUFFIXES, collect_local
from danvan_kg.sources.filters import ANY_DATE, DateRange
from danvan_kg.sources.refs import SourceRef

__all__ = ["Inputs", "Plan", "fetch_plan", "is_url", "plan_inputs"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text: str) -> bool:
    """Whether a command-line argument is a URL (any scheme) rather than a path."""
    return bool(_SCHEME.match(text))


@dataclass
class Inputs:
    """What the user named: paths or URLs, files listing URLs, feeds and sitemaps (URLs or files)."""

    paths: list[str] = field(default_factory=list)
    url_files: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)

    @property
    def needs_web(self) -> bool:
        return bool(self.url_files or self.feeds or self.sitemaps or any(map(is_url, self.paths)))


@dataclass
class Plan:
    """The sources to read, in order, and one reason for every input that gave none."""

    files: list[Path] = field(default_factory=list)
    records: list[Path] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    duplicates: int = 0
    outside_dates: int = 0  # listed by a feed or sitemap with a date outside --since/--until

    @property
    def empty(self) -> bool:
        return not (self.files or self.records or self.urls)


def _read_url_file(name: str, plan: Plan) -> list[str]:
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text("utf-8-sig")
    except FileNotFoundError:
        plan.problems.append((name, f"{name}: no such file (--urls takes a file with one URL per line)"))
        return []
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
        plan.problems.append((name, f"{name}: cannot read the URL list ({why})"))
        return []
    urls = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            plan.problems.append((f"{name}:{number}", f"{name}:{number}: not a URL: {line[:80]}"))
            continue
        urls.append(line)
    if not urls and not any(p[0].startswith(f"{name}:") for p in plan.problems):
        plan.problems.append((name, f"{name}: holds no URL (one per line; # starts a comment)"))
    return urls


def plan_inputs(
    inputs: Inputs,
    *,
    fetcher: Fetcher | None = None,
    dates: DateRange = ANY_DATE,
    suffixes: tuple[str, ...] = DOCUMENT_SUFFIXES + RECORD_SUFFIXES,
    record_suffixes: tuple[str, ...] = RECORD_SUFFIXES,
    on_listing: Callable[[str], None] | None = None,
) -> Plan:
    """Expand ``inputs`` (feeds and sitemaps are fetched here: they are lists, not documents)."""
    plan = Plan()
    locals_: list[str] = []
    raw_urls: list[str] = []
    for arg in inputs.paths:
        (raw_urls if is_url(arg) else locals_).append(arg)
    found = collect_local(locals_, suffixes)
    plan.problems.extend(found.problems)
    plan.duplicates += found.duplicates
    for path in found.files:
        (plan.records if path.suffix.lower() in record_suffixes else plan.files).append(path)
    for name in inputs.url_files:
        raw_urls.extend(_read_url_file(name, plan))
    for kind, locations, lister in (
        ("feed", inputs.feeds, list_feed),
        ("sitemap", inputs.sitemaps, list_sitemap),
    ):
        for location in locations:
            _take(plan, lister(location, fetcher, dates), location, kind, raw_urls)
            if on_listing:
                on_listing(location)
    _add_urls(plan, raw_urls)
    return plan


def _add_urls(plan: Plan, raw_urls: list[str]) -> None:
    """The URLs checked, each once, in order; a malformed one is a problem, a repeat a duplicate."""
    seen: set[str] = set()
    for raw in raw_urls:
        try:
            url = check_url(raw)
        except FetchError as exc:
            plan.problems.append((raw, str(exc)))
            continue
        if url in seen:
            plan.duplicates += 1
            continue
        seen.add(url)
        plan.urls.append(url)


def _take(plan: Plan, listing: object, location: str, what: str, urls: list[str]) -> None:
    from danvan_kg.sources.feeds import Listing

    assert isinstance(listing, Listing)
    plan.problems.extend(listing.problems)
    plan.outside_dates += listing.outside_dates
    urls.extend(item.url for item in listing.urls)
    if not listing.urls and not listing.outside_dates and not listing.problems:
        plan.problems.append((location, f"{location}: the {what} lists no article"))


def fetch_plan(
    plan: Plan, fetcher: Fetcher | None, on_done: Callable[[str], None] | None = None
) -> tuple[list[SourceRef], list[tuple[str, str]]]:
    """The sources of ``plan`` as refs (local files first, then URLs in order) and the fetch failures."""
    refs = [SourceRef.local(str(p)) for p in plan.files]
    failures: list[tuple[str, str]] = []
    if plan.urls:
        if fetcher is None:
            raise ValueError("URLs to fetch but no fetcher")
        results = fetcher.fetch_many(plan.urls, on_done)
        for url in plan.urls:
            result = results[url]
            if isinstance(result, FetchError):
                failures.append((url, str(result)))
            else:
                refs.append(result.ref(url))
    return refs, failures
