"""A source to read: what the user named, where its bytes are, and what the web said about it.

A :class:`SourceRef` is small and picklable, so that worker processes can read and extract
sources that the main process found or fetched.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SourceRef"]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One source document.

    ``name`` is what the user gave (a path, or a URL) and becomes ``Document.source``; ``path`` is
    the local file holding the bytes (the file itself, or the cached body of a fetched URL).
    ``url`` is the address the bytes came from after redirects (``None`` for local files) and
    ``content_type`` the ``Content-Type`` the server sent.
    """

    name: str
    path: str
    url: str | None = None
    content_type: str | None = None

    @classmethod
    def local(cls, path: str) -> SourceRef:
        """A local file, named by the path as given."""
        return cls(name=path, path=path)

    @property
    def fetched(self) -> bool:
        """Whether the bytes came from the web."""
        return self.url is not None
