"""Page boundaries and the date line of official documents."""

from __future__ import annotations

from danvan_kg.sources.pages import official_date, page_of, paged_document


def test_page_starts_survive_normalisation() -> None:
    pages = ['Trang  một có "trích" và hoá đơn.', "", "Trang ba: Thuỷ lợi và", "tiếp trang bốn."]
    doc = paged_document(pages, {}, "x.pdf")
    starts = [int(x) for x in doc.metadata["page_starts"].split()]
    assert doc.body[starts[0] :].startswith("Trang một có “trích” và hóa đơn.")
    assert doc.body[starts[2] :].startswith("Trang ba: Thủy lợi và tiếp") and starts[1] == starts[2]
    assert doc.body[starts[3] :] == "tiếp trang bốn."
    assert doc.body[starts[3] - 1] == " "  # page 3 ends without a full stop: one sentence goes on
    assert [page_of(doc.metadata, i) for i in (0, starts[2], starts[3])] == [1, 3, 4]
    assert page_of({}, 10) is None


def test_official_date_line() -> None:
    assert official_date("ĐẢNG BỘ TỈNH\nCao Lãnh, ngày 9 tháng 6 năm 2023\nNGHỊ QUYẾT") == "2023-06-09"
    assert official_date("Hà Nội, ngày 31 tháng 2 năm 2023") is None  # no such day
    assert official_date("Không có ngày tháng nào cả.") is None
