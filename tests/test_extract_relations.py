"""One regression test per relation, on sentences written for these tests."""

from __future__ import annotations

from danvan_kg.extract import extract_text
from danvan_kg.extract.model import Extraction


def rels(x: Extraction, p: str) -> set[tuple[str, str]]:
    lab = {e.id: e.label for e in x.entities}
    return {(lab[r.s], lab[r.o]) for r in x.relations if r.p == p}


TEXT = (
    "Thực hiện phong trào thi đua “Dân vận khéo”, Hội Nông dân huyện Tân Phú xây dựng các mô hình: "
    "“Cánh đồng không khói”, “Tổ hùn vốn xoay vòng”.\n"
    "Ban Dân vận Huyện ủy Tân Phú phát động phong trào thi đua “Dân vận khéo” gắn với thực hiện Chỉ thị 30-CT/TW.\n"  # noqa: E501
    "Mô hình “Tổ hùn vốn xoay vòng” giúp hộ nghèo có vốn làm ăn, góp phần xây dựng nông thôn mới ở xã Phú Lâm, huyện Tân Phú."  # noqa: E501
)


def test_part_of() -> None:
    x = extract_text(TEXT)
    assert {("Cánh đồng không khói", "Dân vận khéo"), ("Tổ hùn vốn xoay vòng", "Dân vận khéo")} <= rels(
        x, "partOf"
    )


def test_run_by() -> None:
    x = extract_text(TEXT)
    assert ("Cánh đồng không khói", "Hội Nông dân huyện Tân Phú") in rels(x, "runBy")
    y = extract_text("Mô hình “Bữa sáng yêu thương” do Đoàn Thanh niên xã Hòa An thực hiện.")
    assert ("Bữa sáng yêu thương", "Đoàn Thanh niên xã Hòa An") in rels(y, "runBy")


def test_benefits() -> None:
    x = extract_text(TEXT)
    assert ("Tổ hùn vốn xoay vòng", "hộ nghèo") in rels(x, "benefits")


def test_launched_by() -> None:
    x = extract_text(TEXT)
    assert ("Dân vận khéo", "Ban Dân vận Huyện ủy Tân Phú") in rels(x, "launchedBy")


def test_implements() -> None:
    x = extract_text(TEXT)
    assert ("Dân vận khéo", "Chỉ thị 30-CT/TW") in rels(x, "implements")


def test_located_in() -> None:
    x = extract_text(TEXT)
    located = rels(x, "locatedIn")
    assert ("Tổ hùn vốn xoay vòng", "xã Phú Lâm") in located
    assert ("Hội Nông dân huyện Tân Phú", "huyện Tân Phú") in located


def test_contributes_to() -> None:
    x = extract_text(TEXT)
    assert ("Tổ hùn vốn xoay vòng", "xây dựng nông thôn mới") in rels(x, "contributesTo")


def test_relations_have_evidence_confidence_and_method() -> None:
    x = extract_text(TEXT)
    ids = {e.id for e in x.entities}
    body = x.document.body
    assert x.relations
    for r in x.relations:
        assert r.s in ids and r.o in ids
        assert 0.0 < r.confidence <= 1.0
        assert r.method.startswith("rule:")
        for ev in r.evidence:
            assert body[ev.start : ev.end] == ev.quote
            assert ev.quote in ev.sentence


def test_relative_organisations_are_qualified_by_place() -> None:
    a = extract_text("Hội Nông dân tỉnh Bến Tre hỗ trợ hộ nghèo.")
    b = extract_text("Hội Nông dân tỉnh Cà Mau hỗ trợ hộ nghèo.")
    ida = {e.id for e in a.entities if e.type == "Organisation"}
    idb = {e.id for e in b.entities if e.type == "Organisation"}
    assert ida and idb and ida.isdisjoint(idb)
    c = extract_text(
        "Tại tỉnh Bến Tre, Hội Nông dân tỉnh ra mắt mô hình “Vườn mẫu”. Hội Nông dân tỉnh Bến Tre cho biết thêm."  # noqa: E501
    )
    orgs = [e for e in c.entities if e.type == "Organisation"]
    assert len(orgs) == 1 and orgs[0].id in ida
