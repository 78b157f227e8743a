"""PDF documents: text layer with page numbers, TCVN3 fonts, scans and damaged files refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF

from danvan_kg.errors import InputError
from danvan_kg.extract import extract_parsed
from danvan_kg.sources.load import load_document
from danvan_kg.sources.pages import page_of
from danvan_kg.sources.pdf import unwrap_lines
from document_fixtures import write_pdf

# A resolution written by the team for these tests: four pages, the third one blank.
PAGES = [
    "NGHỊ QUYẾT\nvề tăng cường công tác dân vận trong tình hình mới\n\nCao Lãnh, ngày 15 tháng 6 năm 2024\n\n"
    "Ban Thường vụ Tỉnh ủy Đồng Tháp yêu cầu các cấp ủy, chính quyền tiếp tục đẩy mạnh phong trào thi đua "
    "“Dân vận khéo”, gắn với thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương.",
    "Hội Nông dân tỉnh nhân rộng mô hình “Tổ hợp tác lúa sạch” ở các huyện, ưu tiên hỗ trợ hộ nghèo "
    "tham gia sản xuất.",
    "",
    "Tỉnh Đoàn Đồng Tháp duy trì mô hình “Thắp sáng đường quê” ở các xã vùng sâu trong năm 2025.",
]


@pytest.fixture
def resolution(tmp_path: Path) -> Path:
    return write_pdf(
        tmp_path / "nghi-quyet.pdf",
        PAGES,
        title="Nghị quyết về công tác dân vận",
        author="Ban Thường vụ Tỉnh ủy",
    )


def test_text_metadata_and_official_date(resolution: Path) -> None:
    doc = load_document(str(resolution))
    assert doc.title == "Nghị quyết về công tác dân vận"
    assert doc.metadata["author"] == "Ban Thường vụ Tỉnh ủy"
    assert doc.date == "2024-06-15"  # the place-and-date line, not the file's creation date
    assert doc.key == "nghi-quyet.pdf"
    assert "phong trào thi đua “Dân vận khéo”, gắn với" in doc.body  # wrapped lines joined again
    assert doc.metadata["pages"] == "4"


def test_evidence_offsets_map_to_pages(resolution: Path) -> None:
    doc = load_document(str(resolution))
    extraction = extract_parsed(doc)
    pages = {}
    for entity in extraction.entities:
        for ev in entity.evidence:
            assert doc.body[ev.start : ev.end] == ev.quote
            pages.setdefault(entity.label, set()).add(page_of(doc.metadata, ev.start))
    assert pages["Dân vận khéo"] == {1}
    assert pages["Tổ hợp tác lúa sạch"] == {2}
    assert pages["Thắp sáng đường quê"] == {4}  # the blank third page holds nothing
    starts = [int(x) for x in doc.metadata["page_starts"].split()]
    assert len(starts) == 4 and starts == sorted(starts) and starts[0] == 0


def test_the_graph_tells_the_page_of_each_quote(resolution: Path) -> None:
    """In the store, every evidence node of a paged source carries dv:page (what an analyst cites)."""
    from danvan_kg.ids import DV
    from danvan_kg.rdf.triples import extraction_to_graph

    doc = load_document(str(resolution))
    graph = extraction_to_graph(extract_parsed(doc))
    nodes = list(graph.subjects(RDF.type, DV.Evidence))
    assert nodes
    for node in nodes:
        page = graph.value(node, DV.page)
        assert page is not None and page.toPython() == page_of(
            doc.metadata, graph.value(node, DV.start).toPython()
        )
    quotes = {str(graph.value(n, DV.quote)): graph.value(n, DV.page).toPython() for n in nodes}
    assert quotes["Tổ hợp tác lúa sạch"] == 2


def test_old_tcvn3_fonts_are_read_as_vietnamese(tmp_path: Path) -> None:
    # TCVN3 has no code for capitals with a tone mark (they came from a second font): keep to the others
    pages = [
        'Hội Nông dân tỉnh Đồng Tháp nhân rộng mô hình "Tổ hợp tác lúa sạch" trong phong trào thi đua '
        '"Dân vận khéo", giúp đỡ hộ nghèo có thêm thu nhập ổn định.'
    ]
    doc = load_document(str(write_pdf(tmp_path / "cu.pdf", pages, tcvn3=True)))
    assert "Hội Nông dân tỉnh Đồng Tháp" in doc.body
    assert "Dân vận khéo" in {e.label for e in extract_parsed(doc).entities}


def test_a_scan_without_text_layer_is_refused_in_one_line(tmp_path: Path) -> None:
    scan = write_pdf(tmp_path / "ban-scan.pdf", ["", "", ""], scanned=True)
    with pytest.raises(InputError) as caught:
        load_document(str(scan))
    message = str(caught.value)
    assert message.startswith(f"{scan}: the PDF has no text layer (3 page(s)")
    assert "no OCR" in message and "\n" not in message


def test_damaged_and_encrypted_pdfs_are_refused_in_one_line(tmp_path: Path, resolution: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    broken = tmp_path / "hong.pdf"
    broken.write_bytes(resolution.read_bytes()[:300])
    with pytest.raises(InputError, match=r"hong\.pdf: not a readable PDF document"):
        load_document(str(broken))
    writer = PdfWriter(clone_from=PdfReader(resolution))
    writer.encrypt(user_password="mat-khau", owner_password="chu")
    locked = tmp_path / "khoa.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    with pytest.raises(InputError, match=r"khoa\.pdf: the PDF is encrypted"):
        load_document(str(locked))


def test_a_pdf_saved_under_another_name_is_still_read(tmp_path: Path, resolution: Path) -> None:
    renamed = tmp_path / "tai-lieu.txt"
    renamed.write_bytes(resolution.read_bytes())
    assert "Tổ hợp tác lúa sạch" in load_document(str(renamed)).body


def test_unwrap_keeps_paragraph_ends_and_headings() -> None:
    text = (
        "NGHỊ QUYẾT\nBan Thường vụ yêu cầu các cấp ủy tiếp tục đẩy mạnh phong trào thi đua\n"
        "“Dân vận khéo” trong toàn tỉnh.\nĐoạn ngắn\nDòng tiếp theo của một đoạn khác rất dài để so sánh"
    )
    assert unwrap_lines(text) == (
        "NGHỊ QUYẾT\nBan Thường vụ yêu cầu các cấp ủy tiếp tục đẩy mạnh phong trào thi đua "
        "“Dân vận khéo” trong toàn tỉnh.\nĐoạn ngắn\nDòng tiếp theo của một đoạn khác rất dài để so sánh"
    )
