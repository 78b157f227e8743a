"""On-disk cache of fetched pages, so that ingesting the same URLs again does not fetch them again.

One entry per requested URL: ``<sha256>.body`` (the bytes as received) and ``<sha256>.json``
(final URL after redirects, ``Content-Type``, ``ETag``, ``Last-Modified``, when it was fetched).
Both are written to a temporary name and renamed, so an interrupted run never leaves half an
entry. The default folder is ``$XDG_CACHE_HOME/danvan-kg/http`` (``~/.cache/danvan-kg/http``),
overridden by ``DANVAN_KG_CACHE`` or ``--cache DIR``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from danvan_kg.errors import InputError

__all__ = ["CacheEntry", "HttpCache", "default_cache_dir"]


def default_cache_dir() -> Path:
    """``$DANVAN_KG_CACHE``, else ``$XDG_CACHE_HOME/danvan-kg/http``, else ``~/.cache/danvan-kg/http``."""
    env = os.environ.get("DANVAN_KG_CACHE")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "danvan-kg" / "http"


@dataclass(frozen=True, slots=True)
class CacheEntry:
    """A cached response: where its body is and what the server said about it."""

    url: str
    final_url: str
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: float  # seconds since the epoch
    body: str  # path of the body file

    @property
    def age(self) -> float:
        """Seconds since the entry was fetched (or confirmed unchanged)."""
        return max(0.0, time.time() - self.fetched_at)


class HttpCache:
    """A folder of cached responses keyed by the requested URL."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create the download cache {self.root}: {exc.strerror or exc}") from None

    def _stem(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / digest[:2] / digest

    def get(self, url: str, *, max_age: float | None = None) -> CacheEntry | None:
        """The entry for ``url``, or ``None`` (missing, unreadable, or older than ``max_age`` seconds)."""
        stem = self._stem(url)
        meta, body = stem.with_suffix(".json"), stem.with_suffix(".body")
        try:
            data = json.loads(meta.read_text("utf-8"))
            entry = CacheEntry(**{**data, "body": str(body)})
        except (OSError, ValueError, TypeError):
            return None
        if entry.url != url or not body.is_file():
            return None
        if max_age is not None and entry.age > max_age:
            return None
        return entry

    def new_body(self) -> Path:
        """A fresh temporary file in the cache folder to stream a body into."""
        fd, name = tempfile.mkstemp(dir=self.root, prefix=".part-", suffix=".body")
        os.close(fd)
        return Path(name)

    def put(self, url: str, final_url: str, headers: dict[str, str], body_file: Path) -> CacheEntry:
        """Store a response whose body was written to ``body_file`` (moved into the cache)."""
        stem = self._stem(url)
        stem.parent.mkdir(parents=True, exist_ok=True)
        body = stem.with_suffix(".body")
        os.replace(body_file, body)
        entry = CacheEntry(
            url=url,
            final_url=final_url,
            content_type=headers.get("content-type"),
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
            fetched_at=time.time(),
            body=str(body),
        )
        self._write_meta(stem, entry)
        return entry

    def touch(self, entry: CacheEntry) -> CacheEntry:
        """Mark an entry as confirmed unchanged now (after a ``304 Not Modified``)."""
        fresh = CacheEntry(**{**asdict(entry), "fetched_at": time.time()})
        self._write_meta(self._stem(entry.url), fresh)
        return fresh

    def _write_meta(self, stem: Path, entry: CacheEntry) -> None:
        data = {k: v for k, v in asdict(entry).items() if k != "body"}
        fd, name = tempfile.mkstemp(dir=stem.parent, prefix=".part-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
            os.replace(name, stem.with_suffix(".json"))
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
