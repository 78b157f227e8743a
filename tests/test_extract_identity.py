"""The identity pass: local things qualified by their province, national things left alone.

Most tests build small extractions by hand (invented names), so they hold whatever the recognisers
find; two run the whole extractor on invented two-sentence articles.
"""

from __future__ import annotations

import copy

import pytest

from danvan_kg.extract import extract_document
from danvan_kg.extract.identity import document_scope, provinces, qualify
from danvan_kg.extract.model import DocumentInfo, Entity, Evidence, Extraction, Relation
from danvan_kg.ids import ID

ADMIN_2020 = str(ID["admin/2020/province/"])


def iri(path: str) -> str:
    return str(ID[path])


def entity(kind: str, slug: str, label: str, **extra: object) -> Entity:
    ev = Evidence(quote=label, start=0, end=len(label), sentence=label)
    return Entity(id=iri(f"{kind}/{slug}"), type=kind.capitalize(), label=label, evidence=[ev],
                  extra=dict(extra))  # fmt: skip


def place(slug: str, label: str, level: str, **codes: object) -> Entity:
    e = entity("place", slug, label, level=level, **codes)
    e.type = "Place"
    return e


def document(province: str | None = None, key: str = "bai-1.txt", date: str | None = "2024-05-01",
             url: str | None = None) -> DocumentInfo:  # fmt: skip
    return DocumentInfo(source=key, key=key, article_iri=iri("article/abcdef0123456789"),
                        graph_iri="https://w3id.org/danvan-kg/graph/article/abcdef0123456789",
                        province=province, date=date, url=url)  # fmt: skip


def ids(extraction: Extraction, kind: str) -> list[str]:
    return sorted(e.id.rsplit("/", 1)[1] for e in extraction.entities if e.type == kind)


def test_a_model_is_qualified_by_the_articles_province_and_linked_to_its_shared_concept() -> None:
    model = entity("model", "phien-cho-0-dong", "Phiên chợ 0 đồng")
    x = qualify(Extraction(document("Quảng Ninh"), [model]))
    assert model.id == iri("model/phien-cho-0-dong-quang-ninh")
    assert model.extra["instance_of"] == iri("model-type/phien-cho-0-dong")
    assert model.extra["province"] == "Quảng Ninh"
    assert model.extra["area"] == ADMIN_2020 + "22"
    other = entity("model", "phien-cho-0-dong", "phiên chợ 0 đồng")
    qualify(Extraction(document("Cần Thơ"), [other]))
    assert other.id == iri("model/phien-cho-0-dong-can-tho") != model.id
    assert other.extra["instance_of"] == model.extra["instance_of"]
    assert ids(x, "Model") == ["phien-cho-0-dong-quang-ninh"]


def test_the_place_the_text_states_wins_over_the_articles_province() -> None:
    """A model located in a commune of Bến Tre, in an article about Đồng Tháp, is Bến Tre's."""
    commune = place("xa-an-hiep-ben-tre", "xã An Hiệp", "ward", admin2020_province="83")
    model = entity("model", "bep-an-tinh-thuong", "Bếp ăn tình thương")
    qualify(Extraction(document("Đồng Tháp"), [commune, model],
                       [Relation(model.id, "locatedIn", commune.id, 0.8)]))  # fmt: skip
    assert model.id == iri("model/bep-an-tinh-thuong-ben-tre")


def test_else_the_province_of_the_organisation_running_it() -> None:
    org = entity("organisation", "hoi-nong-dan-huyen-ba-che-quang-ninh", "Hội Nông dân huyện Ba Chẽ",
                 scope="relative")  # fmt: skip
    model = entity("model", "to-tu-quan", "Tổ tự quản")
    x = qualify(Extraction(document(None), [org, model], [Relation(model.id, "runBy", org.id, 0.8)]))
    assert org.id.endswith("/hoi-nong-dan-huyen-ba-che-quang-ninh")  # stated in its name: unchanged
    assert model.id == iri("model/to-tu-quan-quang-ninh")
    assert x.relations[0].s == model.id and x.relations[0].o == org.id


def test_relative_organisations_get_the_province_national_bodies_do_not() -> None:
    bare = entity("organisation", "hoi-nong-dan-tinh", "Hội Nông dân tỉnh", scope="relative")
    named = entity(
        "organisation", "hoi-nong-dan-tinh-dong-thap", "Hội Nông dân tỉnh Đồng Tháp", scope="relative"
    )
    commune = entity("organisation", "hoi-phu-nu-xa-hoa-binh", "Hội Phụ nữ xã Hòa Bình", scope="relative")
    central = entity("organisation", "ban-dan-van-trung-uong", "Ban Dân vận Trung ương", scope="national")
    x = qualify(Extraction(document("Đồng Tháp"), [bare, named, commune, central]))
    # "tỉnh" before the province is dropped, so both spellings are one body; a commune named like a
    # province ("xã Hòa Bình") is not taken for the province
    assert ids(x, "Organisation") == sorted(
        ["hoi-nong-dan-dong-thap", "hoi-phu-nu-xa-hoa-binh-dong-thap", "ban-dan-van-trung-uong"]
    )
    merged = next(e for e in x.entities if e.id.endswith("/hoi-nong-dan-dong-thap"))
    assert merged.label == "Hội Nông dân tỉnh" and "Hội Nông dân tỉnh Đồng Tháp" in merged.aliases
    assert "area" not in central.extra


def test_a_name_ending_in_tinh_is_not_a_unit_word() -> None:
    """ "Phiên chợ nghĩa tình" keeps its last word: only the unit word "tỉnh" is dropped."""
    model = entity("model", "phien-cho-nghia-tinh", "Phiên chợ nghĩa tình")
    qualify(Extraction(document("Đồng Tháp"), [model]))
    assert model.id == iri("model/phien-cho-nghia-tinh-dong-thap")


def test_relative_documents_are_qualified_national_ones_are_not() -> None:
    congress = entity(
        "resolution", "nghi-quyet-dai-hoi-dang-bo-tinh-khoa-xi", "Nghị quyết Đại hội Đảng bộ tỉnh khóa XI"
    )
    coded_local = entity("resolution", "09-nq-tu", "Nghị quyết số 09-NQ/TU", code="09-NQ/TU")
    coded_central = entity("resolution", "25-nq-tw", "Nghị quyết số 25-NQ/TW", code="25-NQ/TW")
    generic = entity("resolution", "quy-che-dan-chu-co-so", "Quy chế dân chủ ở cơ sở")
    stated = entity("resolution", "ke-hoach-cua-ubnd-tinh-lam-dong-ve-nong-thon-moi",
                    "Kế hoạch của UBND tỉnh Lâm Đồng về nông thôn mới")  # fmt: skip
    x = qualify(Extraction(document("Nghệ An"), [congress, coded_local, coded_central, generic, stated]))
    assert ids(x, "Resolution") == sorted([
        "nghi-quyet-dai-hoi-dang-bo-tinh-khoa-xi-nghe-an",
        "09-nq-tu-nghe-an",
        "25-nq-tw",
        "quy-che-dan-chu-co-so-nghe-an",  # no issuer named: local, like the commune's own regulation
        "ke-hoach-cua-ubnd-tinh-lam-dong-ve-nong-thon-moi",  # its own province, stated in the title
    ])  # fmt: skip
    assert stated.extra["province"] == "Lâm Đồng"


@pytest.mark.parametrize(
    ("label", "code", "scope"),
    [
        ("Nghị quyết số 25-NQ/TW", "25-NQ/TW", "national"),
        ("Nghị định số 04/2015/NĐ-CP", "04/2015/NĐ-CP", "national"),
        ("Nghị quyết số 18-NQ/HU", "18-NQ/HU", "relative"),
        ("Kế hoạch số 123/KH-UBND", "123/KH-UBND", "relative"),
        ("Luật Thực hiện dân chủ ở cơ sở", None, "national"),
        ("Nghị quyết Trung ương 7 khóa XIII", None, "national"),
        ("Kế hoạch của Tỉnh ủy thực hiện Chỉ thị 05 của Bộ Chính trị", None, "relative"),
        ("Quy chế dân chủ cơ sở", None, "relative"),
        ("Hiến pháp năm 2013", None, "national"),
    ],
)
def test_document_scope(label: str, code: str | None, scope: str) -> None:
    assert document_scope(label, code) == scope


def test_without_any_province_a_local_thing_is_qualified_by_its_article() -> None:
    a = entity("organisation", "tinh-uy", "Tỉnh ủy", scope="relative")
    qualify(Extraction(document(None, url="https://example.org/tin-1"), [a]))
    assert a.id == iri("organisation/tinh-uy-aabcdef01")
    assert "area" not in a.extra


def test_the_province_of_the_articles_places_or_outlet_when_the_extractor_found_none() -> None:
    ward = place("xa-ham-hiep", "xã Hàm Hiệp", "ward")  # a commune name found in one province only
    model = entity("model", "cay-mua-xuan", "Cây mùa xuân")
    qualify(Extraction(document(None), [ward, model]))
    assert model.id == iri("model/cay-mua-xuan-binh-thuan")
    org = entity("organisation", "ban-dan-van-tinh-uy", "Ban Dân vận Tỉnh ủy", scope="relative")
    qualify(Extraction(document(None, url="https://yenbai.gov.vn/tin-tuc/1"), [org]))
    assert org.id == iri("organisation/ban-dan-van-tinh-uy-yen-bai")


def test_a_name_of_several_provinces_is_settled_by_the_outlet_and_the_2025_merger() -> None:
    """ "huyện Phước Long" is a district of Bạc Liêu and a town of Bình Phước; "thị trấn Phước Long" a
    guess of the address parser in another province. Read on the Cà Mau paper (Bạc Liêu merged into Cà
    Mau in 2025), the article is Bạc Liêu's; no guess from a name without province is taken."""
    district = place("huyen-phuoc-long", "huyện Phước Long", "district")
    town = place("thi-tran-phuoc-long", "TT. Phước Long", "ward", admin2025_province="91")
    model = entity("model", "mai-am-tinh-thuong", "Mái ấm tình thương")
    qualify(Extraction(document(None, url="https://baocamau.vn/am-long-a1.html"), [district, town, model]))
    assert model.id == iri("model/mai-am-tinh-thuong-bac-lieu")
    assert provinces().related("Bạc Liêu", "Cà Mau") and not provinces().related("Bạc Liêu", "An Giang")


def test_the_area_is_the_2025_province_for_articles_after_the_reorganisation() -> None:
    before = entity("model", "lop-hoc-tinh-thuong", "Lớp học tình thương")
    after = copy.deepcopy(before)
    qualify(Extraction(document("Đồng Tháp", date="2024-12-01"), [before]))
    qualify(Extraction(document("Đồng Tháp", date="2025-09-01"), [after]))
    assert before.id == after.id == iri("model/lop-hoc-tinh-thuong-dong-thap")
    code2020, code2025 = provinces().units["Đồng Tháp"]
    assert before.extra["area"] == ADMIN_2020 + code2020
    assert after.extra["area"] == str(ID[f"admin/2025/province/{code2025}"])


def test_province_spellings_give_one_qualifier() -> None:
    tables = provinces()
    assert tables.name("TP Hồ Chí Minh") == tables.name("Thành phố Hồ Chí Minh") == tables.name("Hồ Chí Minh")
    assert tables.name("Thừa Thiên Huế") == tables.name("Huế")
    assert tables.name("tỉnh Đồng Tháp") == "Đồng Tháp"
    assert tables.name("Cao Lãnh") is None


def test_merged_entities_keep_labels_evidence_and_relations_once() -> None:
    short = entity("organisation", "hoi-cuu-chien-binh-tinh", "Hội CCB tỉnh", scope="relative")
    full = entity("organisation", "hoi-cuu-chien-binh-tinh-dong-thap", "Hội Cựu chiến binh tỉnh Đồng Tháp",
                  scope="relative")  # fmt: skip
    full.evidence = [Evidence(quote="Hội Cựu chiến binh tỉnh Đồng Tháp", start=40, end=73)]
    model = entity("model", "nha-dong-doi", "Nhà đồng đội")
    rels = [Relation(model.id, "runBy", short.id, 0.6), Relation(model.id, "runBy", full.id, 0.9),
            Relation(short.id, "subOrganisationOf", full.id, 0.5)]  # fmt: skip
    x = qualify(Extraction(document("Đồng Tháp"), [short, model, full], rels))
    orgs = [e for e in x.entities if e.type == "Organisation"]
    assert len(orgs) == 1 and len(orgs[0].evidence) == 2
    assert [(r.p, r.confidence) for r in x.relations] == [("runBy", 0.9)]  # the loop is gone


def test_qualify_is_idempotent() -> None:
    things = [entity("model", "cafe-treo", "Cafe treo"),
              entity("organisation", "cong-an-xa", "Công an xã", scope="relative")]  # fmt: skip
    x = Extraction(document("Đồng Tháp"), things)
    once = [e.id for e in qualify(x).entities]
    assert [e.id for e in qualify(x).entities] == once
    assert x.entities[0].extra["instance_of"] == iri("model-type/cafe-treo")


def test_extractor_end_to_end_two_provinces_two_models(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same model name in articles about two provinces gives two nodes of one shared concept."""
    texts = {
        "a.txt": "title: Bài A\n\nTại tỉnh Quảng Ninh, Hội Liên hiệp Phụ nữ tỉnh duy trì mô hình "
        "“Phiên chợ 0 đồng” cho hộ nghèo. Tỉnh Quảng Ninh nhân rộng mô hình.\n",
        "b.txt": "title: Bài B\n\nỞ thành phố Cần Thơ, Hội Liên hiệp Phụ nữ thành phố tổ chức mô hình "
        "“Phiên chợ 0 đồng” cho hộ nghèo. Thành phố Cần Thơ nhân rộng mô hình.\n",
    }
    models = {}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        x = extract_document(str(tmp_path / name))
        models[name] = [e for e in x.entities if e.type == "Model" and "phien-cho-0-dong" in e.id]
    a, b = models["a.txt"], models["b.txt"]
    assert len(a) == len(b) == 1
    assert a[0].id != b[0].id
    assert a[0].extra["instance_of"] == b[0].extra["instance_of"] == iri("model-type/phien-cho-0-dong")


def test_a_bare_headline_name_is_the_district_the_article_names(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A district named like a province ("huyện Quảng Ninh" of Quảng Bình): the headline's bare "Quảng
    Ninh" is that district, one node with it, not the province nor a district of the province."""
    text = (
        "title: Quảng Ninh: nhiều mô hình hay\n\nQuảng Ninh: nhiều mô hình hay.\n\n"
        "Năm nay, Huyện ủy Quảng Ninh phát động phong trào “Dân vận khéo”. Các xã của huyện Quảng Ninh "
        "xây dựng mô hình “Con đường xanh”.\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    extraction = extract_document(str(tmp_path / "a.txt"))
    places = {e.id.rsplit("/", 1)[1] for e in extraction.entities if e.type == "Place"}
    assert "huyen-quang-ninh-quang-binh" in places
    assert not {p for p in places if "quang-ninh" in p} - {"huyen-quang-ninh-quang-binh"}
