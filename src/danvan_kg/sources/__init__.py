"""Sources: what the user names (paths, URLs, URL lists, feeds, sitemaps) and how each is read.

Local files (text, HTML pages, PDF, Word), fetched pages and the article lists of feeds and
sitemaps all become :class:`~danvan_kg.sources.refs.SourceRef` handles that
:func:`~danvan_kg.sources.load.load_document` turns into documents. See ``docs/sources.md``.
"""

from __future__ import annotations

from danvan_kg.sources.files import DOCUMENT_SUFFIXES, RECORD_SUFFIXES, collect_local, iter_sources
from danvan_kg.sources.refs import SourceRef

__all__ = ["DOCUMENT_SUFFIXES", "RECORD_SUFFIXES", "SourceRef", "collect_local", "iter_sources"]
