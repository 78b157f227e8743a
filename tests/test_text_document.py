"""Reading documents: encodings, header block, front matter, body dates, IRIs."""

from __future__ import annotations

import hashlib

from danvan_kg.text.document import parse_text

HEADER_TEXT = "url: https://example.org/a\noutlet: Báo mẫu\ndate: unknown\nquery: x\n\nThứ Năm, 26/12/2024\nNội dung bài."  # noqa: E501


def test_header_block_and_body_date() -> None:
    doc = parse_text(HEADER_TEXT, "a.txt")
    assert doc.url == "https://example.org/a"
    assert doc.outlet == "Báo mẫu"
    assert doc.date == "2024-12-26"
    assert doc.metadata == {"query": "x"}
    assert doc.body.startswith("Thứ Năm")
    key = hashlib.sha1(b"https://example.org/a").hexdigest()[:16]
    assert doc.article_iri == f"https://w3id.org/danvan-kg/id/article/{key}"
    assert doc.graph_iri == f"https://w3id.org/danvan-kg/graph/article/{key}"


def test_yaml_front_matter() -> None:
    doc = parse_text('---\ntitle: "Tiêu đề"\ndate: 2024-11\nauthor: A\n---\nThân bài.', "b.txt")
    assert doc.title == "Tiêu đề"
    assert doc.date == "2024-11"
    assert doc.metadata == {"author": "A"}
    assert doc.body == "Thân bài."
    assert doc.key == "b.txt"


def test_no_header() -> None:
    doc = parse_text("Bài viết không có phần đầu.\n\nĐoạn hai.", "dir/c.txt")
    assert doc.url is None and doc.date is None
    assert doc.key == "c.txt"
    assert "Đoạn hai" in doc.body


def test_site_chrome_is_never_a_headline() -> None:
    counter = parse_text("url: u\n\nSố lần đọc: 69985\n“Dân vận khéo” là cách làm gần dân.", "a.txt")
    assert counter.title is None
    banner = parse_text(
        "Banner Ban Dân vận sub-site-1\nTrang chủ Tin tức\n"
        "Huyện Văn Quan ra mắt mô hình mới ở xã Tràng Các\nNội dung bài.",
        "b.txt",
    )
    assert banner.title == "Huyện Văn Quan ra mắt mô hình mới ở xã Tràng Các"
    caption = parse_text(
        "Người dân góp công làm đường giao thông nông thôn. Ảnh: Minh Khang\nThân bài.", "c.txt"
    )
    assert caption.title is None
