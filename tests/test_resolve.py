"""Identity keys, slugs and IRIs."""

from __future__ import annotations

from danvan_kg.resolve import entity_iri, expand_abbreviations, identity_key, search_key, slug


def test_search_key() -> None:
    assert search_key("  Đồng   Tháp ") == "dong thap"
    assert search_key("Thanh Hoá") == search_key("Thanh Hóa") == "thanh hoa"


def test_abbreviations_unify() -> None:
    assert identity_key("UBND huyện") == identity_key("Ủy ban nhân dân huyện")
    assert identity_key("Hội LHPN tỉnh") == identity_key("Hội Liên hiệp Phụ nữ tỉnh")
    assert identity_key("Bộ đội Biên phòng (BĐBP) tỉnh") == identity_key("BĐBP tỉnh")
    assert identity_key("CLB “Vòng tay”") == identity_key("Câu lạc bộ Vòng tay")
    assert expand_abbreviations("xây dựng NTM") == "xây dựng nông thôn mới"


def test_slug_and_iri() -> None:
    assert slug("Tết Quân – Dân") == "tet-quan-dan"
    assert entity_iri("Organisation", "Hội Nông dân tỉnh", "dong-thap") == (
        "https://w3id.org/danvan-kg/id/organisation/hoi-nong-dan-tinh-dong-thap"
    )
    assert entity_iri("Model", "Cafe treo") == "https://w3id.org/danvan-kg/id/model/cafe-treo"
    # stable and idempotent qualifier
    assert entity_iri("Place", "Đồng Tháp", "dong-thap").endswith("/place/dong-thap")
