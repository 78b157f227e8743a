"""Exceptions that the CLI turns into one-line messages and a non-zero exit.

Anything raised as a :class:`DanvanError` is a user-facing problem (bad input, an
unreachable endpoint, a store that cannot be opened); its message must make sense on
its own line, without a traceback.
"""

from __future__ import annotations


class DanvanError(Exception):
    """Base class for errors reported to the user as one line."""

    exit_code: int = 1


class InputError(DanvanError):
    """An input file or value cannot be used (unreadable, wrong encoding, malformed)."""


class StoreError(DanvanError):
    """The knowledge store cannot be opened, read or written."""


class QueryError(DanvanError):
    """A SPARQL query or named question is invalid or failed."""


class EndpointError(DanvanError):
    """A remote SPARQL endpoint is down, refused us or answered badly."""
