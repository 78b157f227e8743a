"""Word .docx documents: paragraphs and tables in order, page numbers, damaged files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_kg.errors import InputError
from danvan_kg.extract import extract_parsed
from danvan_kg.sources.load import load_document
from danvan_kg.sources.pages import page_of
from danvan_kg.sources.word import is_docx
from document_fixtures import write_docx

PAGES = [
    [
        "BÁO CÁO",
        "Kết quả thực hiện phong trào thi đua “Dân vận khéo” năm 2024",
        "Đồng Tháp, ngày 20 tháng 12 năm 2024",
    ],
    [
        "Hội Liên hiệp Phụ nữ tỉnh duy trì mô hình “Bếp ăn yêu thương” ở 12 xã, giúp đỡ người cao tuổi "
        "neo đơn."
    ],
    ["Hội Cựu chiến binh tỉnh ra mắt mô hình “Cựu chiến binh giúp nhau làm kinh tế” tại các huyện phía bắc."],
]


@pytest.mark.parametrize("rendered", [False, True], ids=["hard page breaks", "pages as Word laid them out"])
def test_text_pages_and_metadata(rendered: bool, tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "bao-cao.docx",
        PAGES,
        title="Báo cáo phong trào Dân vận khéo",
        author="Ban Dân vận Tỉnh ủy",
        rendered=rendered,
        table=[["Mô hình", "Số xã"], ["Bếp ăn yêu thương", "12"]],
    )
    doc = load_document(str(path))
    assert doc.title == "Báo cáo phong trào Dân vận khéo"
    assert doc.metadata["author"] == "Ban Dân vận Tỉnh ủy"
    assert doc.date == "2024-12-20"
    assert "Mô hình | Số xã" in doc.body  # table rows, in document order
    assert doc.body.index("Mô hình | Số xã") < doc.body.index("Hội Liên hiệp Phụ nữ tỉnh")
    assert "“Cựu chiến binh giúp nhau làm kinh tế” tại các huyện" in doc.body  # a paragraph across pages
    pages = {}
    for entity in extract_parsed(doc).entities:
        for ev in entity.evidence:
            assert doc.body[ev.start : ev.end] == ev.quote
            pages.setdefault(entity.label, set()).add(page_of(doc.metadata, ev.start))
    assert pages["Dân vận khéo"] == {1}
    assert pages["Bếp ăn yêu thương"] == {2}
    assert page_of(doc.metadata, doc.body.index("Mô hình | Số xã")) == 1  # the table is on page 1
    if rendered:  # Word laid the page break out inside that paragraph, within the model's name
        assert pages["Cựu chiến binh giúp nhau làm kinh tế"] == {2}
        assert page_of(doc.metadata, doc.body.index("tại các huyện phía bắc")) == 3
    else:
        assert pages["Cựu chiến binh giúp nhau làm kinh tế"] == {3}


def test_template_author_is_not_an_author(tmp_path: Path) -> None:
    doc = load_document(str(write_docx(tmp_path / "a.docx", PAGES[:1])))
    assert "author" not in doc.metadata  # python-docx's template says "python-docx"


def test_damaged_and_empty_documents_are_refused(tmp_path: Path) -> None:
    good = write_docx(tmp_path / "a.docx", PAGES)
    assert is_docx(good.read_bytes())
    broken = tmp_path / "hong.docx"
    broken.write_bytes(good.read_bytes()[:200])
    with pytest.raises(InputError, match=r"hong\.docx: not a readable Word \.docx document"):
        load_document(str(broken))
    empty = write_docx(tmp_path / "rong.docx", [[""]])
    with pytest.raises(InputError, match=r"rong\.docx: the Word document holds no text"):
        load_document(str(empty))


def test_old_doc_files_are_refused_with_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "nghi-quyet.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(InputError, match=r"nghi-quyet\.doc: an old Microsoft Office file.*save it as \.docx"):
        load_document(str(old))
