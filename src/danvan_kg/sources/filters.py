"""Which documents to keep: ``--since``/``--until`` on the publication date, ``--match`` on the words.

Dates may be given as ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``DD/MM/YYYY``; ``--since 2024``
means from 1 January 2024, ``--until 2024-06`` up to 30 June 2024. A document whose date is
only a month or a year is kept when that period overlaps the range; a document without a date is
left out when a range is given (the summary counts it). ``--match`` phrases are compared without
case or diacritics ("dan van" finds "Dân vận", "DÂN VẬN"), as whole words; a document is kept
when its title or text holds any of them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from danvan_kg.errors import InputError
from danvan_kg.text.document import Document
from danvan_kg.text.normalise import fold, normalise

__all__ = ["ANY_DATE", "DateRange", "DocumentFilter", "parse_date_bound"]

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def _bounds(value: str) -> tuple[str, str] | None:
    """First and last day (ISO) of a full or partial date, or ``None`` if it is not one."""
    value = value.strip()
    m = _ISO.match(value)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
    else:
        m = _DMY.match(value)
        if not m:
            return None
        year, month, day = int(m.group(3)), m.group(2), m.group(1)
    try:
        if month is None:
            return f"{year:04d}-01-01", f"{year:04d}-12-31"
        mon = int(month)
        last = calendar.monthrange(year, mon)[1]
        if day is None:
            return f"{year:04d}-{mon:02d}-01", f"{year:04d}-{mon:02d}-{last:02d}"
        d = int(day)
        if not 1 <= d <= last:
            return None
        iso = f"{year:04d}-{mon:02d}-{d:02d}"
        return iso, iso
    except (ValueError, calendar.IllegalMonthError):
        return None


def parse_date_bound(value: str, option: str, *, end: bool) -> str:
    """The first (``end=False``) or last day of a ``--since``/``--until`` value; one-line error if bad."""
    found = _bounds(value)
    if found is None:
        raise InputError(f"{option} {value!r}: not a date (use YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY)")
    return found[1] if end else found[0]


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive range of days; either end may be open."""

    since: str | None = None  # YYYY-MM-DD
    until: str | None = None  # YYYY-MM-DD

    @property
    def active(self) -> bool:
        return bool(self.since or self.until)

    def admits(self, date: str | None) -> bool | None:
        """Whether a (full or partial) date overlaps the range; ``None`` when the date is unknown."""
        if not self.active:
            return True
        if not date:
            return None
        found = _bounds(date[:10])
        if found is None:
            return None
        first, last = found
        if self.since and last < self.since:
            return False
        return not (self.until and first > self.until)

    def describe(self) -> str:
        parts = []
        if self.since:
            parts.append(f"--since {self.since}")
        if self.until:
            parts.append(f"--until {self.until}")
        return " ".join(parts)


ANY_DATE = DateRange()
"""The open range: every date (and no date) is admitted."""


@dataclass(frozen=True, slots=True)
class DocumentFilter:
    """Date range and word filter applied to each document before extraction."""

    dates: DateRange = DateRange()
    match: tuple[str, ...] = ()  # the phrases as the user typed them

    @property
    def active(self) -> bool:
        return self.dates.active or bool(self.match)

    def _patterns(self) -> list[re.Pattern[str]]:
        out = []
        for phrase in self.match:
            words = fold(normalise(phrase)).split()
            if words:
                out.append(re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"))
        return out

    def why_not(self, doc: Document) -> str | None:
        """``None`` when ``doc`` passes, else a short reason (for the summary)."""
        admitted = self.dates.admits(doc.date)
        if admitted is None:
            return f"no publication date found ({self.dates.describe()} given)"
        if not admitted:
            return f"dated {doc.date}, outside {self.dates.describe()}"
        patterns = self._patterns()
        if patterns:
            text = fold(f"{doc.title or ''}\n{doc.body}")
            if not any(p.search(text) for p in patterns):
                shown = " or ".join(f"“{m}”" for m in self.match)
                return f"does not mention {shown}"
        return None
