"""--since / --until / --match."""

from __future__ import annotations

import pytest

from danvan_kg.errors import InputError
from danvan_kg.sources.filters import DateRange, DocumentFilter, parse_date_bound
from danvan_kg.text.document import parse_text


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024", False, "2024-01-01"),
        ("2024", True, "2024-12-31"),
        ("2024-02", True, "2024-02-29"),
        ("2023-02", True, "2023-02-28"),
        ("2024-6-5", False, "2024-06-05"),
        ("26/12/2024", True, "2024-12-26"),
    ],
)
def test_date_bounds(value: str, end: bool, expected: str) -> None:
    assert parse_date_bound(value, "--since", end=end) == expected


@pytest.mark.parametrize("value", ["2024-13", "31/02/2024", "hôm qua", "24", ""])
def test_bad_dates_are_one_line(value: str) -> None:
    with pytest.raises(InputError, match="not a date"):
        parse_date_bound(value, "--until", end=True)


def test_partial_dates_overlap_the_range() -> None:
    r = DateRange(since="2024-03-15", until="2024-06-30")
    assert r.admits("2024-03") is True  # March 2024 overlaps
    assert r.admits("2024-02-28") is False and r.admits("2024-07") is False
    assert r.admits("2024") is True and r.admits("2023") is False
    assert r.admits(None) is None
    assert DateRange().admits(None) is True


def _doc(text: str, date: str | None = "2024-05-01") -> object:
    header = f"date: {date}\n" if date else "query: x\n"
    return parse_text(f"{header}title: Tin\n\n{text}", "t.txt")


def test_match_ignores_case_and_diacritics_and_wants_whole_words() -> None:
    keep = DocumentFilter(match=("dân vận",))
    assert keep.why_not(_doc("Công tác DÂN VẬN ở cơ sở.")) is None  # type: ignore[arg-type]
    assert keep.why_not(_doc("Phong trào Dan Van Kheo.")) is None  # type: ignore[arg-type]
    assert keep.why_not(_doc("Dân vàng vận chuyển hàng.")) == "does not mention “dân vận”"  # type: ignore[arg-type]
    assert keep.why_not(_doc("Bài về dân\nvận động.")) is None  # type: ignore[arg-type]  # words across a line
    either = DocumentFilter(match=("mặt trận", "dân vận"))
    assert either.why_not(_doc("Ủy ban Mặt trận xã.")) is None  # type: ignore[arg-type]


def test_dates_and_unknown_dates() -> None:
    keep = DocumentFilter(DateRange(since="2024-01-01"))
    assert keep.why_not(_doc("Nội dung.", "2023-12-31")) == "dated 2023-12-31, outside --since 2024-01-01"  # type: ignore[arg-type]
    assert keep.why_not(_doc("Nội dung.", None)).startswith("no publication date found")  # type: ignore[arg-type,union-attr]
    assert not DocumentFilter().active
