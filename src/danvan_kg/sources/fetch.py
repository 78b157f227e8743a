"""Fetch web pages politely: robots.txt, a per-host pace, bounded retries, an on-disk cache.

:class:`Fetcher` (over one ``httpx.Client``) is what ``ingest URL``, ``--urls``, ``--feed`` and
``--sitemap`` use:

* a user agent naming the project and its address (:data:`USER_AGENT`);
* ``robots.txt`` of every host read first and obeyed (RFC 9309: a missing one allows everything,
  one that cannot be read because the server fails forbids everything for this run); its
  ``Crawl-delay`` slows the pace for that host;
* at most one request per ``delay`` seconds to one host (retries, redirects and robots.txt
  included); redirects followed one hop at a time, each hop checked against its robots.txt;
* timeouts on connecting and reading, a bounded number of retries with exponential backoff on
  timeouts, failed connections, 429 and 5xx (``Retry-After`` honoured up to a minute);
* bodies streamed to the :class:`~danvan_kg.sources.cache.HttpCache` and never larger than
  :data:`~danvan_kg.text.decode.MAX_BYTES`; a cached URL is not requested again unless
  ``refresh`` is set (then with ``If-None-Match``/``If-Modified-Since``).

Every failure is a :class:`FetchError` whose message is one line naming the URL, the status or
problem, and the host.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from danvan_kg import __version__
from danvan_kg.errors import InputError
from danvan_kg.sources.cache import CacheEntry, HttpCache, default_cache_dir
from danvan_kg.sources.refs import SourceRef
from danvan_kg.text.decode import MAX_BYTES

__all__ = ["ROBOTS_TOKEN", "USER_AGENT", "FetchError", "FetchOptions", "Fetched", "Fetcher", "host_of"]

ROBOTS_TOKEN = "danvan-kg"
"""The product token that ``robots.txt`` rules name to address this tool."""

USER_AGENT = f"{ROBOTS_TOKEN}/{__version__} (+https://w3id.org/danvan-kg)"
"""Sent with every request: the tool, its version and where to read about it."""

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
ROBOTS_MAX_AGE = 24 * 3600  # RFC 9309 §2.4: a robots.txt may be cached for up to 24 hours
MAX_WAIT = 60.0  # longest pause taken for a Retry-After or Crawl-delay


class FetchError(InputError):
    """A URL could not be fetched; the message is one line (URL, status or problem, host)."""


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch (see the module docstring)."""

    timeout: float = 20.0  # seconds to connect, and between two pieces of a response
    retries: int = 2  # further tries after a timeout, a failed connection, 429 or 5xx
    backoff: float = 1.0  # first pause before a retry, doubled each time (capped at 30 s)
    delay: float = 1.0  # least time between two requests to one host
    cache_dir: Path | None = None  # None: the default folder (default_cache_dir())
    use_cache: bool = True  # False: a temporary folder for this run only
    refresh: bool = False  # ask again for cached URLs (conditional request)
    user_agent: str = USER_AGENT
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched (or cached) response body on disk."""

    url: str  # as requested
    final_url: str  # after redirects
    content_type: str | None
    path: Path
    from_cache: bool

    def ref(self, name: str | None = None) -> SourceRef:
        """The :class:`SourceRef` to read this response as a document."""
        return SourceRef(
            name=name or self.url, path=str(self.path), url=self.final_url, content_type=self.content_type
        )


def host_of(url: str) -> str:
    """``host[:port]`` of a URL, as shown in messages."""
    return urlsplit(url).netloc or url


def check_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL, else a one-line :class:`FetchError`."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: not an http(s) URL")
    return parts._replace(fragment="").geturl()


@dataclass
class _Response:
    status: int
    reason: str
    headers: dict[str, str]
    body: Path | None = None


def _status(response: _Response) -> str:
    return f"HTTP {response.status} {response.reason}".strip()


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: everything allowed
    refused: str | None = None  # set when robots.txt could not be read: nothing allowed


@dataclass
class FetchStats:
    """What a :class:`Fetcher` did, for the ingest summary and the tests."""

    requests: int = 0  # HTTP requests sent (robots.txt, retries and redirect hops included)
    fetched: int = 0  # URLs answered by the network
    cache_hits: int = 0  # URLs answered by the cache without a request
    not_modified: int = 0  # cached URLs confirmed unchanged by a 304
    per_host: dict[str, list[float]] = field(default_factory=dict)  # request times, monotonic clock


class Fetcher:
    """Fetch URLs through one HTTP client with the rules of the module docstring."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options or FetchOptions()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if self.options.use_cache:
            root = self.options.cache_dir or default_cache_dir()
        else:
            self._tmp = tempfile.TemporaryDirectory(prefix="danvan-kg-fetch-")
            root = Path(self._tmp.name)
        self.cache = HttpCache(root)
        timeout = httpx.Timeout(self.options.timeout, connect=min(self.options.timeout, 10.0))
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": self.options.user_agent, "Accept-Language": "vi, en;q=0.5"},
            transport=transport,
        )
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}
        self.stats = FetchStats()

    # ------------------------------------------------------------------ lifecycle
    def close(self) -> None:
        """Close the HTTP client (and drop the temporary cache of a run without cache)."""
        self.client.close()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ pacing
    def _interval(self, host: str) -> float:
        robots = self._robots.get(host)
        crawl = 0.0
        if robots is not None and robots.parser is not None:
            with contextlib.suppress(TypeError, ValueError):
                crawl = float(robots.parser.crawl_delay(ROBOTS_TOKEN) or 0.0)
        return max(self.options.delay, min(crawl, MAX_WAIT))

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + self._interval(host) - self._clock()
            if pause > 0:
                self._sleep(pause)
        now = self._clock()
        self._last[host] = now
        self.stats.per_host.setdefault(host, []).append(now)

    # ------------------------------------------------------------------ one request, with retries
    def _request(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        *,
        keep_body: bool = True,
        label: str | None = None,
    ) -> _Response:
        host = host_of(url)
        label = label or url
        tries = self.options.retries + 1
        problem = ""
        for attempt in range(tries):
            if attempt:
                self._sleep(min(self.options.backoff * 2 ** (attempt - 1), 30.0))
            self._wait_turn(host)
            self.stats.requests += 1
            try:
                response = self._send(url, headers or {}, keep_body)
            except httpx.TimeoutException:
                problem = f"no answer within {self.options.timeout:g} s from {host}"
                continue
            except (httpx.TransportError, httpx.DecodingError) as exc:
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                problem = f"cannot reach {host} ({detail[:120]})"
                continue
            if response.status in RETRY_STATUSES:
                problem = f"{_status(response)} from {host}"
                wait = response.headers.get("retry-after", "")
                if attempt + 1 < tries:
                    if wait.isdigit():
                        self._sleep(min(float(wait), MAX_WAIT))
                    continue
                break
            return response
        plural = "try" if tries == 1 else "tries"
        raise FetchError(f"{label}: {problem} ({tries} {plural})")

    def _send(self, url: str, headers: dict[str, str], keep_body: bool) -> _Response:
        with self.client.stream("GET", url, headers=headers) as response:
            result = _Response(
                status=response.status_code,
                reason=response.reason_phrase or "",
                headers={k.lower(): v for k, v in response.headers.items()},
            )
            if response.status_code != 200 or not keep_body:
                return result
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.options.max_bytes:
                raise FetchError(
                    f"{url}: too large ({int(declared):,} bytes; the limit is "
                    f"{self.options.max_bytes:,}) at {host_of(url)}"
                )
            target = self.cache.new_body()
            size = 0
            started = self._clock()
            try:
                with target.open("wb") as out:
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.options.max_bytes:
                            raise FetchError(
                                f"{url}: too large (more than {self.options.max_bytes:,} "
                                f"bytes) at {host_of(url)}"
                            )
                        if self._clock() - started > 4 * self.options.timeout + 30:
                            raise httpx.ReadTimeout("body took too long", request=response.request)
                        out.write(chunk)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
            result.body = target
            return result

    # ------------------------------------------------------------------ robots.txt
    def _robots_for(self, url: str) -> _Robots:
        parts = urlsplit(url)
        host = parts.netloc
        if host in self._robots:
            return self._robots[host]
        robots_url = f"{parts.scheme}://{host}/robots.txt"
        entry = self.cache.get(robots_url, max_age=ROBOTS_MAX_AGE)
        robots: _Robots
        if entry is not None:
            robots = _Robots(self._parse_robots(Path(entry.body).read_bytes()))
        else:
            try:
                response = self._request(robots_url, label=robots_url)
            except FetchError as exc:
                why = exc.args[0].split(": ", 1)[-1]
                robots = _Robots(None, refused=f"its robots.txt could not be read ({why})")
            else:
                if response.status == 200 and response.body is not None:
                    data = response.body.read_bytes()[:512_000]
                    self.cache.put(robots_url, robots_url, response.headers, response.body)
                    robots = _Robots(self._parse_robots(data))
                elif 400 <= response.status < 500:
                    robots = _Robots(None)  # no robots.txt: everything allowed
                elif 300 <= response.status < 400:
                    robots = self._robots_redirect(robots_url, response)
                else:
                    robots = _Robots(None, refused=f"its robots.txt answered HTTP {response.status}")
        self._robots[host] = robots
        return robots

    def _robots_redirect(self, robots_url: str, response: _Response) -> _Robots:
        """RFC 9309: follow up to five redirects for robots.txt."""
        location = response.headers.get("location")
        for _ in range(5):
            if not location:
                break
            target = urljoin(robots_url, location)
            try:
                answer = self._request(target, label=robots_url)
            except FetchError:
                break
            if answer.status == 200 and answer.body is not None:
                data = answer.body.read_bytes()[:512_000]
                answer.body.unlink(missing_ok=True)
                return _Robots(self._parse_robots(data))
            if 400 <= answer.status < 500:
                return _Robots(None)
            location = answer.headers.get("location") if 300 <= answer.status < 400 else None
        return _Robots(None)

    @staticmethod
    def _parse_robots(data: bytes) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(data.decode("utf-8", "replace").splitlines())
        return parser

    def allowed(self, url: str) -> None:
        """Raise :class:`FetchError` if ``robots.txt`` of the URL's host forbids it."""
        robots = self._robots_for(url)
        if robots.refused:
            raise FetchError(f"{url}: not fetched: {robots.refused} at {host_of(url)}")
        if robots.parser is not None and not robots.parser.can_fetch(ROBOTS_TOKEN, url):
            raise FetchError(f"{url}: refused by robots.txt of {host_of(url)}")

    # ------------------------------------------------------------------ fetching
    def fetch(self, url: str) -> Fetched:  # noqa: C901  (cache, robots, pace, retries: the fetch protocol in order)
        """The body of ``url`` (from the cache when there, unless ``refresh``); :class:`FetchError` if not."""
        url = check_url(url)
        cached = self.cache.get(url)
        if cached is not None and not self.options.refresh:
            self.stats.cache_hits += 1
            return self._from(cached, from_cache=True)
        current = url
        for _hop in range(self.options.max_redirects + 1):
            self.allowed(current)
            conditional: dict[str, str] = {}
            if cached is not None and current == url:
                if cached.etag:
                    conditional["If-None-Match"] = cached.etag
                if cached.last_modified:
                    conditional["If-Modified-Since"] = cached.last_modified
            response = self._request(current, conditional, label=url)
            if 300 <= response.status < 400 and response.status != 304:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(
                        f"{url}: HTTP {response.status} without a Location from {host_of(current)}"
                    )
                current = check_url(urljoin(current, location))
                continue
            if response.status == 304 and cached is not None:
                self.stats.not_modified += 1
                return self._from(self.cache.touch(cached), from_cache=True)
            if response.status != 200 or response.body is None:
                if response.body is not None:
                    response.body.unlink(missing_ok=True)
                raise FetchError(f"{url}: {_status(response)} from {host_of(current)}")
            self.stats.fetched += 1
            entry = self.cache.put(url, current, response.headers, response.body)
            return self._from(entry, from_cache=False)
        raise FetchError(
            f"{url}: more than {self.options.max_redirects} redirects (last at {host_of(current)})"
        )

    @staticmethod
    def _from(entry: CacheEntry, *, from_cache: bool) -> Fetched:
        return Fetched(
            url=entry.url,
            final_url=entry.final_url,
            content_type=entry.content_type,
            path=Path(entry.body),
            from_cache=from_cache,
        )

    def fetch_many(
        self, urls: Iterable[str], on_done: Callable[[str], None] | None = None
    ) -> dict[str, Fetched | FetchError]:
        """Fetch every URL (hosts taken in turn, so that one slow host does not hold the others up).

        Returns each URL's :class:`Fetched` or :class:`FetchError`, keyed by the URL as given.
        """
        queues: dict[str, list[str]] = {}
        for url in urls:
            queues.setdefault(host_of(url), []).append(url)
        results: dict[str, Fetched | FetchError] = {}
        while queues:
            for host in list(queues):
                url = queues[host].pop(0)
                if not queues[host]:
                    del queues[host]
                if url in results:
                    continue
                try:
                    results[url] = self.fetch(url)
                except FetchError as exc:
                    results[url] = exc
                if on_done:
                    on_done(url)
        return results
