"""Span bookkeeping in O(log n): keeps extraction linear on multi-megabyte inputs.

:class:`SpanSet` holds non-overlapping spans added in any order; :class:`SpanIndex` answers
"does any of these (possibly overlapping) spans overlap / contain [a, b)?" for a fixed list.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

__all__ = ["SpanIndex", "SpanSet"]


class SpanSet:
    """Non-overlapping half-open spans; ``add`` only what ``overlaps`` said is free."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self._starts, b)  # spans starting before b: indices < i
        return i > 0 and self._ends[i - 1] > a

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect_left(self._starts, a)
        self._starts.insert(i, a)
        self._ends.insert(i, b)

    def try_add(self, a: int, b: int) -> bool:
        """Add [a, b) unless it overlaps a span already held; return whether it was added."""
        if self.overlaps(a, b):
            return False
        self.add(a, b)
        return True


class SpanIndex:
    """A fixed set of spans (overlaps allowed) with fast overlap and containment tests."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end: list[int] = []
        best = -1
        for _, e in ordered:
            best = max(best, e)
            self._max_end.append(best)

    def overlaps(self, a: int, b: int) -> bool:
        """Some span [s, e) has s < b and e > a."""
        i = bisect.bisect_left(self._starts, b)
        return i > 0 and self._max_end[i - 1] > a

    def contains(self, a: int, b: int) -> bool:
        """Some span [s, e) has s <= a and e >= b."""
        i = bisect.bisect_right(self._starts, a)
        return i > 0 and self._max_end[i - 1] >= b
