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


def test_abbreviations_and_variants_are_data() -> None:
    from danvan_kg.resolve import abbreviations, name_variants

    table = abbreviations()
    assert table["LHPN"] == "Liên hiệp Phụ nữ" and table["ND"] == "Nông dân" and table["TP"] == "thành phố"
    assert len(name_variants()) >= 2
    # the list: abbreviated and full names with the same qualifier are one key
    pairs = [
        ("Hội LHPN huyện Ba Chẽ", "Hội Liên hiệp Phụ nữ huyện Ba Chẽ"),
        ("Ủy ban MTTQ xã Tân Lập", "Ủy ban Mặt trận Tổ quốc xã Tân Lập"),
        ("Hội CCB xã An Hòa", "Hội Cựu chiến binh xã An Hòa"),
        ("HĐND huyện Sông Lô", "Hội đồng nhân dân huyện Sông Lô"),
        ("Đoàn TNCS HCM xã Mỹ Long", "Đoàn Thanh niên xã Mỹ Long"),
        ("Đồn BĐBP Tà Lùng", "Đồn Bộ đội Biên phòng Tà Lùng"),
        ("Ban CHQS huyện Tuyên Hóa", "Ban Chỉ huy Quân sự huyện Tuyên Hóa"),
        ("LLVT tỉnh", "lực lượng vũ trang tỉnh"),
        ("Hội ND xã Bình Thành", "Hội Nông dân xã Bình Thành"),
        ("Hội CCB TP Đà Nẵng", "Hội Cựu chiến binh thành phố Đà Nẵng"),
        ("Hội CCB T.P Đà Nẵng", "Hội Cựu chiến binh thành phố Đà Nẵng"),
        ("Quy chế dân chủ ở cơ sở", "quy chế dân chủ cơ sở"),
        ("Ủy ban MTTQ Việt Nam tỉnh Kiên Giang", "Ủy ban MTTQ tỉnh Kiên Giang"),
    ]
    for a, b in pairs:
        assert identity_key(a) == identity_key(b), (a, b)
    # a national body keeps "Việt Nam"; a code is not an abbreviation
    assert identity_key("Hội Liên hiệp Phụ nữ Việt Nam").endswith("việt nam")
    assert "nông dân" not in identity_key("Nghị định 04/2015/NĐ-CP")


def test_search_keys_with_abbreviations_spelled_out() -> None:
    from danvan_kg.resolve import search_keys

    assert search_keys("Hội LHPN xã Hòa An") == ["hoi lhpn xa hoa an", "hoi lien hiep phu nu xa hoa an"]
    assert search_keys("Cafe treo") == ["cafe treo"]


def test_with_qualifier() -> None:
    from danvan_kg.resolve import with_qualifier

    assert with_qualifier("cafe-treo", "dong-thap") == "cafe-treo-dong-thap"
    assert with_qualifier("cafe-treo-dong-thap", "dong-thap") == "cafe-treo-dong-thap"
    assert with_qualifier("hoi-nong-dan-tinh", "dong-thap", drop_unit=True) == "hoi-nong-dan-dong-thap"
    assert with_qualifier("phien-cho-nghia-tinh", "dong-thap") == "phien-cho-nghia-tinh-dong-thap"


def test_reference_tables_fail_with_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from danvan_kg.errors import InputError
    from danvan_kg.resolve import read_table

    (tmp_path / "abbreviations.csv").write_text("abbreviation,expansion\nUBND,Ủy ban nhân dân\n,x\n", "utf-8")
    with pytest.raises(InputError, match=r"abbreviations.csv: line 3: empty abbreviation"):
        read_table("abbreviations.csv", ("abbreviation", "expansion"), tmp_path)
    (tmp_path / "name_variants.csv").write_text("pattern,example\nx,y\n", "utf-8")
    with pytest.raises(InputError, match="missing column"):
        read_table("name_variants.csv", ("pattern", "replacement"), tmp_path)
    with pytest.raises(InputError, match="not found"):
        read_table("document_issuers.csv", ("id",), tmp_path)
