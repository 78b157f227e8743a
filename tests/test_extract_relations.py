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


# ---------------------------------------------------------------- generalisation rules (sentences written here)  # noqa: E501


def test_model_place_skips_a_helped_groups_home_and_org_names() -> None:
    x = extract_text(
        "Ủy ban MTTQ huyện Krông Pa ra mắt mô hình “Gùi gạo nghĩa tình” tại xã Ia Rsai, giúp học sinh nghèo ở "  # noqa: E501
        "huyện Ia Pa, huyện Phú Thiện đến trường. Huyện Krông Pa còn nhiều khó khăn."
    )
    located = {o for s, o in rels(x, "locatedIn") if s == "Gùi gạo nghĩa tình"}
    assert located == {"xã Ia Rsai"}


def test_model_without_a_stated_place_gets_no_guessed_one() -> None:
    """The runner's place was right one time in four on unseen articles: no locatedIn is guessed (the
    identity pass still files the model under its province, through dv:area)."""
    x = extract_text(
        "Tỉnh Gia Lai có nhiều mô hình hay ở thôn Đak Yang.\n\n"
        "Ban Công tác Mặt trận thôn Đak Yang ra mắt mô hình “Nồi cháo đêm”."
    )
    assert not any(s == "Nồi cháo đêm" for s, _o in rels(x, "locatedIn"))
    assert ("Nồi cháo đêm", "Ban Công tác Mặt trận thôn Đak Yang") in rels(x, "runBy")


def test_org_named_after_a_commune_is_located_there() -> None:
    x = extract_text(
        "Ở xã Ia Dom, Đồn Biên phòng Ia Dom phối hợp tổ chức mô hình “Ánh sáng biên cương”. Tỉnh Gia Lai."
    )
    assert ("Đồn Biên phòng Ia Dom", "xã Ia Dom") in rels(x, "locatedIn")


def test_anaphoric_runner_and_source_attribution() -> None:
    x = extract_text(
        "Hội Liên hiệp Phụ nữ phường Hòa Bình duy trì mô hình “Tiết kiệm xoay vòng”. "
        "Hội còn phối hợp với Công an phường ra mắt mô hình “Cánh cửa an toàn”. "
        "Theo Ban Dân vận Quận ủy, mô hình “Tiết kiệm xoay vòng” giúp phụ nữ nghèo."
    )
    runby = rels(x, "runBy")
    assert ("Cánh cửa an toàn", "Hội Liên hiệp Phụ nữ phường Hòa Bình") in runby
    assert ("Cánh cửa an toàn", "Công an phường") in runby
    assert not any(o.startswith("Ban Dân vận") for _s, o in runby)


def test_armed_unit_anaphor() -> None:
    x = extract_text(
        "Đồn Biên phòng Pờ Y nhận đỡ đầu 10 cháu. Đơn vị còn phối hợp với Hội Cựu chiến binh xã Pờ Y duy trì "
        "“Tủ sách biên cương” tại thôn Đăk Răng."
    )
    assert ("Tủ sách biên cương", "Đồn Biên phòng Pờ Y") in rels(x, "runBy")


def test_benefits_stay_in_the_sentence_unless_an_anaphor_links_them() -> None:
    x = extract_text(
        "Tin địa phương\n\nNăm nay huyện có nhiều đổi mới. Huyện đoàn ra mắt mô hình “Góc học tập xanh”. "
        "Đoàn viên tặng quà cho gia đình chính sách.\n"
        "Hội Nông dân xã duy trì mô hình “Vườn rau chung”. Nhờ đó, hộ nghèo được hỗ trợ rau sạch."
    )
    benefits = rels(x, "benefits")
    assert ("Góc học tập xanh", "gia đình chính sách") not in benefits
    assert ("Vườn rau chung", "hộ nghèo") in benefits


def test_fund_that_pays_is_not_part_of_the_movement() -> None:
    x = extract_text(
        "Hưởng ứng phong trào “Tuổi trẻ sáng tạo”, Tỉnh đoàn Kon Tum trao công trình “Ngôi nhà ước mơ” cho em A, "  # noqa: E501
        "kinh phí trích từ Quỹ “Thắp sáng ước mơ” của Tỉnh đoàn."
    )
    part_of = rels(x, "partOf")
    assert ("Ngôi nhà ước mơ", "Tuổi trẻ sáng tạo") in part_of
    assert ("Thắp sáng ước mơ", "Tuổi trẻ sáng tạo") not in part_of


def test_issuer_of_a_document_is_not_a_launcher_or_runner() -> None:
    x = extract_text(
        "Thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, Huyện ủy Đăk Hà phát động phong trào “Học và làm theo Bác”, "  # noqa: E501
        "xây dựng mô hình “Con đường Bác Hồ” gắn với phong trào “Học và làm theo Bác”, thực hiện Kết luận số 01-KL/TW."  # noqa: E501
    )
    assert ("Học và làm theo Bác", "Bộ Chính trị") not in rels(x, "launchedBy")
    assert ("Con đường Bác Hồ", "Kết luận số 01-KL/TW") in rels(x, "implements")


def test_photo_caption_does_not_locate_the_next_model() -> None:
    x = extract_text(
        "Tin địa phương\n\nNăm nay tỉnh Kon Tum có nhiều đổi mới. "
        "Ảnh: Hội viên xã Đăk Tô trao quà cho hộ nghèo. Hội Nông dân ra mắt mô hình “Hũ gạo tình thương”."
    )
    assert not any(s == "Hũ gạo tình thương" and o == "xã Đăk Tô" for s, o in rels(x, "locatedIn"))


# ---- generalisation rules of 28 Nov 2026 (sentences written for these tests)


def test_models_referred_back_implement_and_belong() -> None:
    x = extract_text(
        "Tiêu biểu là Chi hội nông dân nghề nghiệp nuôi ong thôn Phú Thọ, xã Tân Phú. "
        "Bên cạnh đó, Tổ hợp tác dệt thổ cẩm xã Mỹ Lộc giúp phụ nữ có việc làm.\n"
        "Ông Trần Văn Ba, Chủ tịch Hội Nông dân huyện cho biết, các mô hình đều gắn với phong trào thi đua "
        "“Nông dân thi đua làm giàu” và việc thực hiện Kết luận số 61-KL/TW của Ban Bí thư."
    )
    part = rels(x, "partOf")
    impl = rels(x, "implements")
    for model in ("Chi hội nông dân nghề nghiệp nuôi ong thôn Phú Thọ", "Tổ hợp tác dệt thổ cẩm xã Mỹ Lộc"):
        assert (model, "Nông dân thi đua làm giàu") in part
        assert (model, "Kết luận số 61-KL/TW") in impl
    assert ("Nông dân thi đua làm giàu", "Kết luận số 61-KL/TW") not in impl
    assert ("Tổ hợp tác dệt thổ cẩm xã Mỹ Lộc", "xã Mỹ Lộc") in rels(x, "locatedIn")


def test_benefit_of_a_list_item_goes_to_its_own_model() -> None:
    x = extract_text(
        "Phong trào thi đua “Dân vận khéo” có nhiều mô hình như “Ngôi nhà nhân ái” ở xã Phú Hòa; "
        "“Bát canh nghĩa tình” do Hội Phụ nữ xã Phú Mỹ duy trì, giúp bệnh nhân nghèo."
    )
    ben = rels(x, "benefits")
    assert ("Bát canh nghĩa tình", "bệnh nhân nghèo") in ben
    assert ("Dân vận khéo", "bệnh nhân nghèo") not in ben


def test_stated_launcher_wins_over_an_event_organiser() -> None:
    x = extract_text(
        "Sáng 5/3, Ban Dân vận Tỉnh ủy Phú Yên tổ chức Hội nghị sơ kết phong trào thi đua “Dân vận khéo”. "
        "Phong trào do Ban Thường vụ Tỉnh ủy phát động từ năm 2021."
    )
    launched = rels(x, "launchedBy")
    assert any(o.startswith("Ban Thường vụ Tỉnh ủy") for m, o in launched if m == "Dân vận khéo")
    assert ("Dân vận khéo", "Ban Dân vận Tỉnh ủy Phú Yên") not in launched


def test_subject_runs_the_model_and_a_gift_partner_does_not() -> None:
    x = extract_text(
        "Đồn Biên phòng Sa Thầy quản lý 30 km đường biên.\n"
        "Hưởng ứng phong trào “Biên phòng vì dân”, đồn phối hợp với Hội Cựu chiến binh xã Mô Rai trao tặng "
        "10 con bò cho hộ nghèo, đồng thời thành lập Tổ tự quản đường biên ở các thôn.\n"
        "Thực hiện Chương trình “Nâng bước em đến lớp” của Bộ Tư lệnh Bộ đội Biên phòng, đơn vị đang nhận "
        "đỡ đầu 5 em học sinh. Đồn còn duy trì mô hình “Con nuôi của đồn” với 2 cháu mồ côi."
    )
    run = rels(x, "runBy")
    assert ("Tổ tự quản đường biên", "Đồn Biên phòng Sa Thầy") in run
    assert ("Tổ tự quản đường biên", "Hội Cựu chiến binh xã Mô Rai") not in run
    assert ("Nâng bước em đến lớp", "Đồn Biên phòng Sa Thầy") in run
    assert ("Con nuôi của đồn", "Đồn Biên phòng Sa Thầy") in run


def test_model_singled_out_after_a_movement_and_bare_model_anaphor() -> None:
    x = extract_text(
        "Giáo dân tích cực tham gia cuộc vận động “Toàn dân đoàn kết xây dựng đô thị văn minh”. "
        "Nổi bật là mô hình “Giáo xứ sẻ chia” tại giáo xứ Thánh Tâm.\n"
        "Ông Lê Văn An cho biết, mô hình do Ban Công tác Mặt trận khu dân cư số 2 cùng Hội đồng mục vụ giáo xứ "  # noqa: E501
        "khởi xướng. Đến nay, mô hình đã hỗ trợ 5 hộ nghèo."
    )
    assert ("Giáo xứ sẻ chia", "Toàn dân đoàn kết xây dựng đô thị văn minh") in rels(x, "partOf")
    run = {o for m, o in rels(x, "runBy") if m == "Giáo xứ sẻ chia"}
    assert any(o.startswith("Ban Công tác Mặt trận khu dân cư") for o in run), run
    assert any(o.startswith("Hội đồng mục vụ giáo xứ") for o in run), run
    assert ("Giáo xứ sẻ chia", "hộ nghèo") in rels(x, "benefits")


def test_former_unit_aside_is_not_a_location() -> None:
    x = extract_text(
        "Hội Phụ nữ xã Tân Lập (trước đây thuộc huyện Đồng Phú, tỉnh Bình Phước) duy trì mô hình "
        "“Heo đất tiết kiệm” giúp phụ nữ nghèo."
    )
    places = {o for m, o in rels(x, "locatedIn") if m == "Heo đất tiết kiệm"}
    assert not any("Đồng Phú" in p for p in places), places


def test_cue_after_a_quotation_and_the_anaphor_of_its_owner() -> None:
    x = extract_text(
        "Năm 2024, Chi hội phụ nữ thôn Bến Đá thành lập nhiều câu lạc bộ.\n"
        "Sau hai năm, CLB “Tay nắm tay” của chi hội đã giúp 12 chị em vay vốn.\n"
        "“Đèn sáng ngõ quê”, “Hàng rào xanh” là những mô hình được xã Hòa Sơn nhân rộng."
    )
    models = {e.label for e in x.entities if e.type == "Model"}
    assert {"Tay nắm tay", "Đèn sáng ngõ quê", "Hàng rào xanh"} <= models, models
    assert ("Tay nắm tay", "Chi hội phụ nữ thôn Bến Đá") in rels(x, "runBy")


def test_place_right_after_a_model_and_the_place_that_builds_models() -> None:
    x = extract_text(
        "Xã Phú Thạnh có hai mô hình dân vận khéo là “Nồi cháo nghĩa tình” ấp Phú Hòa và “Đèn đường "
        "tự quản” ấp Phú Lợi.\n"
        "Năm nay, xã Phú Mỹ xây dựng được nhiều mô hình mới. Đó là “Tổ xe ôm an toàn”; “Chợ không rác”."
    )
    located = rels(x, "locatedIn")
    assert ("Nồi cháo nghĩa tình", "ấp Phú Hòa") in located
    assert ("Đèn đường tự quản", "ấp Phú Lợi") in located
    assert ("Tổ xe ôm an toàn", "xã Phú Mỹ") in located
    assert ("Chợ không rác", "xã Phú Mỹ") in located


def test_one_level_of_place_per_subject() -> None:
    x = extract_text(
        "Mô hình “Bếp ấm” ở ấp Tân Hòa, xã Tân Phú được Hội LHPN xã Tân Phú duy trì, giúp người già neo đơn."
    )
    places = {o for m, o in rels(x, "locatedIn") if m == "Bếp ấm"}
    assert places == {"ấp Tân Hòa"}, places


def test_model_named_for_its_group_and_committee_named_for_its_movement() -> None:
    x = extract_text(
        "Quỹ hỗ trợ phụ nữ nghèo của Hội LHPN huyện Tân Biên tiếp tục giúp hội viên phụ nữ nghèo vay vốn. "
        "Ban Chỉ đạo xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc tỉnh Tây Ninh tổng kết phong trào "
        "Toàn dân bảo vệ an ninh Tổ quốc."
    )
    assert any(
        m.startswith("Quỹ hỗ trợ phụ nữ nghèo") and g.endswith("phụ nữ nghèo") for m, g in rels(x, "benefits")
    ), rels(x, "benefits")
    assert any(
        m == "Toàn dân bảo vệ an ninh Tổ quốc" and o.startswith("Ban Chỉ đạo")
        for m, o in rels(x, "launchedBy")
    ), rels(x, "launchedBy")


def test_a_result_is_no_helped_group_and_a_category_no_organisation() -> None:
    x = extract_text(
        "Năm qua, mô hình “Vốn quay vòng” giúp 30 hộ thoát nghèo. Lực lượng công an xã, phường, thị trấn "
        "tham gia bảo vệ an ninh. Các mô hình đã tạo điều kiện cho đồng bào dân tộc thiểu số vươn lên."
    )
    groups = {e.label for e in x.entities if e.type == "BeneficiaryGroup"}
    orgs = {e.label for e in x.entities if e.type == "Organisation"}
    assert "hộ" not in groups and not any("thoát nghèo" in g for g in groups), groups
    assert "đồng bào dân tộc thiểu số" in groups, groups
    assert not any(o.startswith("công an xã") for o in orgs), orgs


def test_launch_ceremony_of_the_model_is_no_event_about_it() -> None:
    x = extract_text(
        "Chiều 5/3, Hội Nông dân xã Tà Lèng tổ chức Lễ ra mắt Câu lạc bộ Nông dân trồng chè sạch."
    )
    assert any(o == "Hội Nông dân xã Tà Lèng" for _, o in rels(x, "runBy")), rels(x, "runBy")


def test_result_sentence_continues_the_movement_of_the_one_before() -> None:
    x = extract_text(
        "Phong trào thi đua “Dân vận khéo” được triển khai sâu rộng. Qua đó, góp phần thực hiện thắng lợi "
        "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII đề ra."
    )
    assert ("Dân vận khéo", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII") in rels(x, "implements")
