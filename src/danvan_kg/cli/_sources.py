"""Source options shared by ``ingest`` and ``extract``: URLs, URL lists, feeds, sitemaps, filters."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from danvan_kg.cli._common import stderr
from danvan_kg.errors import InputError
from danvan_kg.sources.fetch import Fetcher, FetchOptions
from danvan_kg.sources.filters import DateRange, DocumentFilter, parse_date_bound
from danvan_kg.sources.plan import Inputs

__all__ = ["add_source_arguments", "document_filter", "fetcher_for", "inputs_from", "say"]


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} s is out of range (0 to 3600)")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value <= 10:
        raise argparse.ArgumentTypeError(f"{text} is out of range (0 to 10)")
    return value


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """The web and filter options (the positional PATH/URL arguments are the command's own)."""
    web = parser.add_argument_group("web sources")
    web.add_argument(
        "--urls",
        action="append",
        default=[],
        metavar="FILE",
        help="read article URLs from FILE, one per line (# comments; - = stdin)",
    )
    web.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="every article listed by this RSS/Atom feed (a URL or a saved file)",
    )
    web.add_argument(
        "--sitemap",
        action="append",
        default=[],
        metavar="URL",
        help="every article listed by this sitemap or sitemap index (a URL or a saved file)",
    )
    web.add_argument(
        "--cache",
        metavar="DIR",
        type=Path,
        default=None,
        help="download cache folder (default: $DANVAN_KG_CACHE or ~/.cache/danvan-kg/http)",
    )
    web.add_argument(
        "--no-cache", action="store_true", help="fetch everything again and keep nothing afterwards"
    )
    web.add_argument(
        "--refresh",
        action="store_true",
        help="ask the servers again for cached pages (unchanged ones answer 304)",
    )
    web.add_argument(
        "--timeout",
        type=_seconds,
        default=20.0,
        metavar="SECONDS",
        help="give up on a server silent for this long (default 20)",
    )
    web.add_argument(
        "--retries",
        type=_count,
        default=2,
        metavar="N",
        help="tries again after a timeout, 429 or 5xx, with growing pauses (default 2)",
    )
    web.add_argument(
        "--delay",
        type=_seconds,
        default=1.0,
        metavar="SECONDS",
        help="least time between two requests to one host (default 1; robots.txt "
        "Crawl-delay can make it longer)",
    )
    keep = parser.add_argument_group("filters")
    keep.add_argument(
        "--since",
        metavar="DATE",
        help="only documents published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD)",
    )
    keep.add_argument("--until", metavar="DATE", help="only documents published on or before DATE")
    keep.add_argument(
        "--match",
        action="append",
        default=[],
        metavar="WORDS",
        help="only documents whose title or text holds WORDS, ignoring case and "
        "diacritics (repeat for any of several)",
    )


def inputs_from(args: argparse.Namespace) -> Inputs:
    """The :class:`Inputs` named on the command line."""
    return Inputs(
        paths=list(args.paths), url_files=list(args.urls), feeds=list(args.feed), sitemaps=list(args.sitemap)
    )


def document_filter(args: argparse.Namespace) -> DocumentFilter:
    """``--since``/``--until``/``--match`` as a filter (one-line error for a bad date or empty words)."""
    since = parse_date_bound(args.since, "--since", end=False) if args.since else None
    until = parse_date_bound(args.until, "--until", end=True) if args.until else None
    if since and until and since > until:
        raise InputError(f"--since {args.since} is after --until {args.until}")
    words = tuple(w for w in args.match if w.strip())
    if len(words) != len(args.match):
        raise InputError("--match needs words")
    return DocumentFilter(DateRange(since, until), words)


@contextmanager
def fetcher_for(args: argparse.Namespace, inputs: Inputs) -> Iterator[Fetcher | None]:
    """A :class:`Fetcher` configured from the options when the inputs need the web, else ``None``."""
    if not inputs.needs_web:
        yield None
        return
    options = FetchOptions(
        timeout=args.timeout,
        retries=args.retries,
        delay=args.delay,
        cache_dir=args.cache,
        use_cache=not args.no_cache,
        refresh=args.refresh,
    )
    fetcher = Fetcher(options)
    try:
        yield fetcher
    finally:
        fetcher.close()


def say(kind: str, message: str) -> None:
    """One line on stderr: ``danvan-kg: KIND MESSAGE``."""
    stderr.print(f"danvan-kg: {kind} {message}", markup=False)
