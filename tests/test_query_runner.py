"""Named questions on the hand-written fixture (embedded Oxigraph and plain rdflib), and hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from danvan_kg.errors import QueryError
from danvan_kg.query import ask, ask_df, sparql
from danvan_kg.query.lookup import find, loose_key
from danvan_kg.query.runner import run_question
from danvan_kg.resolve import search_key
from danvan_kg.store import KnowledgeGraph

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "mini.trig"
ID = "https://w3id.org/danvan-kg/id/"

# (question, params) pairs run on every backend and compared; shared by the remote tests.
CASES: list[tuple[str, dict[str, str]]] = [
    ("models", {"movement": "Sáng tạo vì cộng đồng"}),
    ("models", {"movement": "sang tao", "place": "Lạc Hồng"}),
    ("models", {"movement": "sang tao vi cong dong", "place": "huyện Sông Xanh"}),
    ("models", {"movement": "Kết nối yêu thương", "place": "Kim Sơn"}),
    ("runs", {"organisation": "Hội Phụ nữ xã An Bình"}),
    ("runs", {"organisation": "uy ban mttq tinh lac hong"}),
    ("beneficiaries", {"of": "Nghị quyết số 09 của Tỉnh ủy"}),
    ("beneficiaries", {"of": "Chuyến xe yêu thương"}),
    ("chain", {"resolution": "nghi quyet so 09"}),
    ("chain", {"resolution": "nghi quyet so 09", "limit": "2", "offset": "1"}),
    ("chain", {"resolution": "nghi quyet so 09", "step": "2"}),
    ("models", {"movement": "Sáng tạo vì cộng đồng", "limit": "2"}),
    ("models", {"movement": "Sáng tạo vì cộng đồng", "limit": "2", "offset": "2"}),
    ("models", {"movement": "sang tao", "place": "Lạc Hồng", "limit": "1", "offset": "1"}),
    ("organisations", {}),
    ("organisations", {"place": "xã An Bình"}),
    ("evidence", {"of": "Bếp ăn nghĩa tình"}),
    ("evidence", {"of": "Bếp ăn nghĩa tình", "relation": "runBy", "to": "Hội Phụ nữ xã An Bình"}),
    ("timeline", {}),
    ("timeline", {"place": "huyện Sông Xanh"}),
    ("search", {"text": "yeu thuong"}),
    ("search", {"text": "Quy Anh Sang drop"}),
    ("path", {"from": "Nghị quyết số 09 của Tỉnh ủy", "to": "học sinh"}),
]


def load_fixture(kg: KnowledgeGraph) -> KnowledgeGraph:
    kg.load_file(FIXTURE)
    return kg


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return load_fixture(KnowledgeGraph.open(None, backend="memory"))


@pytest.fixture(scope="module")
def rdflib_kg() -> KnowledgeGraph:
    return load_fixture(KnowledgeGraph.open(None, backend="rdflib"))


def labels(rows: list[dict], column: str = "label") -> list[str]:
    return sorted(str(r[column]) for r in rows)


def test_fixture_search_keys_follow_search_key(kg: KnowledgeGraph) -> None:
    rows = sparql(kg, "SELECT ?e ?k ?l WHERE { ?e dv:searchKey ?k ; rdfs:label|skos:altLabel ?l }")
    by_entity: dict[str, tuple[set, set]] = {}
    for row in rows:
        keys, names = by_entity.setdefault(row["e"], (set(), set()))
        keys.add(row["k"])
        names.add(search_key(row["l"]))
    assert by_entity and all(keys == names for keys, names in by_entity.values())


def test_models_of_a_movement(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "models", movement="Sáng tạo vì cộng đồng")
    assert labels(rows) == sorted(["Bếp ăn nghĩa tình", "Câu lạc bộ Bạn cây", 'Quỹ "Ánh sáng" }; DROP ALL #'])
    bep = next(r for r in rows if r["label"] == "Bếp ăn nghĩa tình")
    assert bep["organisations"] == "Hội Phụ nữ xã An Bình"
    assert bep["beneficiaries"] == "người cao tuổi"
    assert bep["places"] == "xã An Bình"
    assert bep["sources"] == "https://example.org/bai-1"


@pytest.mark.parametrize(("name", "params"), [c for c in CASES if c[0] in ("models", "chain")])
def test_pages_add_up_to_the_whole_answer(kg: KnowledgeGraph, name: str, params: dict) -> None:
    params = {k: v for k, v in params.items() if k not in ("limit", "offset")}
    whole = run_question(kg, name, params)
    assert not any("more follow" in n for n in whole.notes)
    pages, offset = [], 0
    while True:
        page = run_question(kg, name, {**params, "limit": 1, "offset": offset})
        assert len(page.rows) <= 1
        pages.extend(page.rows)
        offset += 1
        if not any("more follow" in n for n in page.notes):
            break
    assert pages == whole.rows
    first = run_question(kg, name, {**params, "limit": 1})
    assert any("--offset 1 for the next page" in n for n in first.notes) == (len(whole.rows) > 1)


def test_a_page_beyond_the_end_is_empty_and_limit_zero_is_everything(kg: KnowledgeGraph) -> None:
    movement = "Sáng tạo vì cộng đồng"
    assert ask(kg, "models", movement=movement, limit=5, offset=3) == []
    assert ask(kg, "models", movement=movement, limit=0) == ask(kg, "models", movement=movement)
    assert len(ask(kg, "models", movement=movement, offset=1)) == 2


@pytest.mark.parametrize(
    ("limit", "offset"), [("-1", "0"), ("abc", "0"), ("1", "-2"), ("1", "1e3"), ("10**9", "0")]
)
def test_bad_page_numbers_are_one_line_errors(kg: KnowledgeGraph, limit: str, offset: str) -> None:
    with pytest.raises(QueryError, match="must be"):
        run_question(kg, "models", {"movement": "Sáng tạo vì cộng đồng", "limit": limit, "offset": offset})


@pytest.mark.parametrize(
    "spelling",
    [
        "Sáng tạo vì cộng đồng",
        "sang tao vi cong dong",
        "SÁNG TẠO VÌ CỘNG ĐỒNG",
        "  sáng  tạo vì   cộng đồng ",
        f"{ID}movement/sang-tao-vi-cong-dong",
        "id:movement/sang-tao-vi-cong-dong",
    ],
)
def test_labels_match_whatever_the_spelling(kg: KnowledgeGraph, spelling: str) -> None:
    assert len(ask(kg, "models", movement=spelling)) == 3


def test_place_includes_what_lies_within_it(kg: KnowledgeGraph) -> None:
    # a province includes the commune and district models (dv:withinTransitive)
    assert labels(ask(kg, "models", movement="sang tao", place="Lạc Hồng")) == [
        "Bếp ăn nghĩa tình",
        "Câu lạc bộ Bạn cây",
    ]
    # a district includes its commune, not the other way round
    assert labels(ask(kg, "models", movement="sang tao", place="huyện Sông Xanh")) == [
        "Bếp ăn nghĩa tình",
        "Câu lạc bộ Bạn cây",
    ]
    assert labels(ask(kg, "models", movement="sang tao", place="xã An Bình")) == ["Bếp ăn nghĩa tình"]
    # through the 2020 admin units: the district mention is inside the old province ...
    assert labels(ask(kg, "models", movement="ket noi", place="Kim Sơn")) == ["Chuyến xe yêu thương"]
    # ... which was merged into the 2025 province the place "Lạc Hồng" stands for
    assert labels(ask(kg, "models", movement="ket noi", place="Lạc Hồng")) == ["Chuyến xe yêu thương"]
    assert ask(kg, "models", movement="ket noi", place="xã An Bình") == []


def test_place_reaches_a_province_given_only_as_an_identity_without_reference_data(tmp_path: Path) -> None:
    """A store filled by ``ingest`` alone has no admin-units graph, so the entity index knows no
    unit: a model whose only tie to the province is ``dv:area`` (its organisation's province) is
    still found through the unit of the place asked for."""
    from danvan_kg.ingest import ingest_paths

    text = tmp_path / "a.txt"
    text.write_text(
        "title: Bài thử\n\nHưởng ứng phong trào thi đua “Dân vận khéo”, Hội Nông dân tỉnh Lạng Sơn duy trì"
        " mô hình “Vườn cây nghĩa tình” giúp hộ nghèo.\n\nTỉnh Lạng Sơn có nhiều cách làm hay.\n",
        encoding="utf-8",
    )
    with KnowledgeGraph.in_memory() as store:
        ingest_paths(store, [text])
        model = URIRef("https://w3id.org/danvan-kg/id/model/vuon-cay-nghia-tinh-lang-son")
        assert not store.ask("ASK { ?model dv:locatedIn ?where }", {"model": model})
        assert labels(ask(store, "models", movement="Dân vận khéo", place="Lạng Sơn")) == [
            "Vườn cây nghĩa tình"
        ]
        assert labels(ask(store, "organisations", place="Lạng Sơn")) == ["Hội Nông dân tỉnh Lạng Sơn"]
        assert ask(store, "models", movement="Dân vận khéo", place="Đồng Tháp") == []


def test_runs(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "runs", organisation="Hội Phụ nữ xã An Bình")
    assert [(r["relation"], r["label"], r["type"], r["places"]) for r in rows] == [
        ("runBy", "Bếp ăn nghĩa tình", "Model", "xã An Bình")
    ]
    launched = ask(kg, "runs", organisation="Ủy ban MTTQ tỉnh Lạc Hồng")
    assert [(r["relation"], r["label"], r["type"]) for r in launched] == [
        ("launchedBy", "Sáng tạo vì cộng đồng", "Movement")
    ]


def test_beneficiaries_follow_the_chain_transitively(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "beneficiaries", of="Nghị quyết số 09 của Tỉnh ủy")
    assert labels(rows, "beneficiary") == sorted(["hộ nghèo", "học sinh", "người cao tuổi"])
    assert next(r for r in rows if r["beneficiary"] == "học sinh")["via"] == "Câu lạc bộ Bạn cây"
    assert labels(ask(kg, "beneficiaries", of="Ủy ban MTTQ tỉnh Lạc Hồng"), "beneficiary") == sorted(
        ["hộ nghèo", "học sinh", "người cao tuổi"]
    )
    assert labels(ask(kg, "beneficiaries", of="Chuyến xe yêu thương"), "beneficiary") == ["hộ nghèo"]


def test_chain_from_a_resolution(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "chain", resolution="Nghị quyết số 09 của Tỉnh ủy")
    steps = {(r["step"], r["type"], r["label"], r["relation"]) for r in rows}
    assert (1, "Movement", "Sáng tạo vì cộng đồng", "implements") in steps
    assert (2, "Model", "Bếp ăn nghĩa tình", "partOf") in steps
    assert (3, "Organisation", "Ủy ban MTTQ tỉnh Lạc Hồng", "launchedBy") in steps
    assert (3, "Organisation", "Hội Phụ nữ xã An Bình", "runBy") in steps
    assert (4, "BeneficiaryGroup", "hộ nghèo", "benefits") in steps
    assert (4, "BeneficiaryGroup", "học sinh", "benefits") in steps
    assert [r["step"] for r in rows] == sorted(r["step"] for r in rows)
    assert not any(r["label"] == "Chuyến xe yêu thương" for r in rows)


def test_chain_one_step_at_a_time(kg: KnowledgeGraph) -> None:
    whole = ask(kg, "chain", resolution="Nghị quyết số 09 của Tỉnh ủy")
    for step in (1, 2, 3, 4):
        rows = ask(kg, "chain", resolution="Nghị quyết số 09 của Tỉnh ủy", step=step)
        assert rows and rows == [r for r in whole if r["step"] == step]
    with pytest.raises(QueryError, match="--step must be between 1 and 4"):
        run_question(kg, "chain", {"resolution": "Nghị quyết số 09 của Tỉnh ủy", "step": 5})


def test_organisations_by_most_specific_type(kg: KnowledgeGraph) -> None:
    everything = {(r["label"], r["type"]) for r in ask(kg, "organisations")}
    assert ("Công an tỉnh Kim Sơn", "Police") in everything
    assert ("Ủy ban MTTQ tỉnh Lạc Hồng", "FatherlandFront") in everything
    assert len(everything) == 4
    # located in the commune, or running something located there
    in_commune = {(r["label"], r["type"]) for r in ask(kg, "organisations", place="xã An Bình")}
    assert in_commune == {("Hội Phụ nữ xã An Bình", "SocioPoliticalOrganisation")}
    in_district = labels(ask(kg, "organisations", place="huyện Sông Xanh"))
    assert in_district == sorted(["Hội Phụ nữ xã An Bình", "Đoàn Thanh niên huyện Sông Xanh"])


def test_evidence_of_an_entity_and_of_one_relation(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "evidence", of="Bếp ăn nghĩa tình")
    assert {r["statement"] for r in rows} == {"mention", "partOf", "runBy"}
    run_by = next(r for r in rows if r["statement"] == "runBy")
    assert run_by["object"] == "Hội Phụ nữ xã An Bình"
    assert "do Hội Phụ nữ xã An Bình duy trì" in run_by["sentence"]
    assert run_by["confidence"] == pytest.approx(0.9)
    assert run_by["method"] == "rule:do-org"
    assert run_by["url"] == "https://example.org/bai-1" and run_by["outlet"] == "Báo Mẫu"
    assert str(run_by["date"]) == "2024-05-01"
    mention = next(r for r in rows if r["statement"] == "mention")
    assert mention["object"] is None
    one = ask(kg, "evidence", of="Bếp ăn nghĩa tình", relation="runby", to="hoi phu nu xa an binh")
    assert [r["statement"] for r in one] == ["runBy"]
    assert ask(kg, "evidence", of="Bếp ăn nghĩa tình", relation="benefits") == []
    # the movement is the object of the partOf evidence
    assert "partOf" in {r["statement"] for r in ask(kg, "evidence", of="Sáng tạo vì cộng đồng")}


def test_timeline(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "timeline")
    by = {(r["year"], r["placeLabel"]): (r["articles"], r["models"]) for r in rows}
    assert by[("2024", "Lạc Hồng")] == (1, 3)
    assert by[("2023", "Kim Sơn")] == (1, 1)
    within = ask(kg, "timeline", place="huyện Sông Xanh")
    assert {(r["year"], r["placeLabel"]) for r in within} == {
        ("2024", "huyện Sông Xanh"),
        ("2024", "xã An Bình"),
    }


def test_search_is_case_and_diacritics_insensitive(kg: KnowledgeGraph) -> None:
    for text in ("clb ban cay", "CLB BẠN CÂY", "Câu lạc bộ Bạn cây"):
        rows = ask(kg, "search", text=text)
        assert [(r["label"], r["type"], r["match"]) for r in rows] == [
            ("Câu lạc bộ Bạn cây", "Model", "exact")
        ]
    rows = ask(kg, "search", text="yeu thuong")
    assert {(r["label"], r["type"], r["match"]) for r in rows} == {
        ("Chuyến xe yêu thương", "Model", "contains"),
        ("Kết nối yêu thương", "Movement", "contains"),
    }
    assert ask(kg, "search", text="không có gì như thế này") == []


def test_punctuation_is_ignored_when_nothing_else_matches(kg: KnowledgeGraph) -> None:
    assert loose_key("quy “anh sang” }; drop all #") == "quy anh sang drop all"
    rows = ask(kg, "search", text="Quỹ Ánh sáng DROP ALL")
    assert [(r["label"], r["match"]) for r in rows] == [('Quỹ "Ánh sáng" }; DROP ALL #', "exact")]
    assert ask(kg, "search", text="quy anh sang xyz") == []


def test_exact_matches_win_over_substrings(kg: KnowledgeGraph) -> None:
    exact, _ = find(kg, "Kết nối yêu thương")
    assert [m.iri for m in exact] == [URIRef(f"{ID}movement/ket-noi-yeu-thuong")] and exact[0].exact
    partial, _ = find(kg, "yêu thương")
    assert len(partial) == 2 and not any(m.exact for m in partial)
    only_models, _ = find(kg, "yêu thương", ["Model"])
    assert [m.label for m in only_models] == ["Chuyến xe yêu thương"]


def test_notes_say_what_a_label_matched(kg: KnowledgeGraph) -> None:
    answer = run_question(kg, "models", {"movement": "sang tao"})
    assert any("by substring" in n for n in answer.notes)
    missing = run_question(kg, "models", {"movement": "phong trào không tồn tại"})
    assert missing.rows == [] and any("no movement matches" in n for n in missing.notes)
    assert "label" in missing.columns


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("models", {}, "needs --movement"),
        ("models", {"movement": "x", "colour": "red"}, "no parameter 'colour'"),
        ("evidence", {"of": "x", "relation": "likes"}, "unknown relation"),
        ("path", {"from": "a", "to": "b", "max": "many"}, "whole number"),
        ("path", {"from": "a", "to": "b", "max": "0"}, "between 1"),
        ("nothing", {}, "unknown question"),
    ],
)
def test_bad_parameters_are_one_line_query_errors(
    kg: KnowledgeGraph, name: str, params: dict, message: str
) -> None:
    with pytest.raises(QueryError, match=message) as info:
        run_question(kg, name, params)
    assert "\n" not in str(info.value)


def test_dataframe(kg: KnowledgeGraph) -> None:
    frame = ask_df(kg, "models", movement="sang tao vi cong dong")
    assert list(frame.columns)[:3] == ["movement", "model", "label"]
    assert sorted(frame["label"]) == labels(ask(kg, "models", movement="sang tao vi cong dong"))
    empty = ask_df(kg, "models", movement="không có")
    assert empty.empty and "label" in empty.columns


def test_sparql_select_ask_construct(kg: KnowledgeGraph) -> None:
    rows = sparql(kg, "SELECT ?m WHERE { ?m a dv:Club }")
    assert rows == [{"m": f"{ID}model/cau-lac-bo-ban-cay"}]
    assert sparql(kg, "ASK { ?m a dv:Club }") is True
    graph = sparql(kg, "CONSTRUCT { ?m a dv:Model } WHERE { ?m a dv:Club }")
    assert len(graph) == 1
    with pytest.raises(QueryError):
        sparql(kg, "SELECT ?m WHERE { ?m a dv:Club ")
    with pytest.raises(QueryError, match="update"):
        sparql(kg, "DELETE WHERE { ?s ?p ?o }")


def _plain(rows: list[dict]) -> list[str]:
    return sorted(repr(sorted((k, str(v)) for k, v in r.items())) for r in rows)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "params"), CASES)
def test_rdflib_backend_gives_the_same_answers(
    kg: KnowledgeGraph, rdflib_kg: KnowledgeGraph, name: str, params: dict
) -> None:
    ours = ask(kg, name, **params)
    assert ours, f"{name} {params} has no rows on the fixture"
    assert _plain(ask(rdflib_kg, name, **params)) == _plain(ours)


# ---------------------------------------------------------------------------------------- hostile input
HOSTILE = [
    '"',
    "'",
    '"} ; DROP ALL ; #',
    "x' } UNION { ?s ?p ?o } #",
    "}",
    ";",
    "UNION",
    "DROP",
    "DROP ALL",
    "# comment",
    "line\nbreak",
    "\r\n",
    "\\u0022 } UNION { ?s ?p ?o } #",
    '\\" ) } ; CLEAR ALL',
    '"""',
    "<http://evil.example/>",
    "?s ?p ?o",
    'Sáng tạo vì cộng đồng" } UNION { ?x ?y ?z',
    "Sáng tạo vì cộng đồng\n} ; DROP ALL",
]


def hostile_params(name: str, value: str) -> list[dict[str, str]]:
    """Parameter sets putting ``value`` in each label/text parameter of question ``name``."""
    from danvan_kg.query.catalogue import get_question

    question = get_question(name)
    legit = {
        "movement": "sang tao vi cong dong",
        "place": "Lạc Hồng",
        "organisation": "Hội Phụ nữ xã An Bình",
        "of": "Bếp ăn nghĩa tình",
        "resolution": "nghi quyet so 09",
        "from": "nghi quyet so 09",
        "to": "học sinh",
        "text": "yeu thuong",
    }
    out = []
    for param in question.params:
        if param.kind not in ("entity", "text"):
            continue
        params = {
            p.name: legit[p.name] for p in question.params if p.required and p.kind in ("entity", "text")
        }
        params[param.name] = value
        out.append(params)
    return out


def store_snapshot(kg: KnowledgeGraph) -> list[str]:
    return sorted(" ".join(t.n3() for t in triple) for triple in kg.iter_triples())


def legit_matches(kg: KnowledgeGraph, value: str) -> set[str]:
    """Entities a value may legitimately match: its key inside theirs, punctuation ignored or not."""
    key = search_key(value)
    if not key:
        return set()
    rows = sparql(kg, "SELECT ?e ?k WHERE { ?e dv:searchKey ?k }")
    loose = loose_key(key)
    return {r["e"] for r in rows if key in r["k"] or (loose and loose in loose_key(r["k"]))}


@pytest.mark.parametrize("name", sorted({c[0] for c in CASES}))
def test_hostile_values_stay_inert(kg: KnowledgeGraph, name: str) -> None:
    before = store_snapshot(kg)
    for value in HOSTILE:
        for params in hostile_params(name, value):
            answer = run_question(kg, name, params)  # no error
            matched = {str(m.iri) for ms in _matches(kg, name, params) for m in ms}
            assert matched <= legit_matches(kg, value) | {
                str(m) for m in _legit_iris(kg, name, params, value)
            }
            if not matched and name != "search":
                assert answer.rows == [], f"{name} {params!r} answered rows without a matching entity"
            if name == "search":
                assert {str(r["entity"]) for r in answer.rows} <= legit_matches(kg, value)
    assert store_snapshot(kg) == before


def _matches(kg: KnowledgeGraph, name: str, params: dict) -> list:
    from danvan_kg.query.catalogue import get_question

    question = get_question(name)
    out = []
    for pname, value in params.items():
        param = question.param(pname)
        if param.kind == "entity":
            out.append(find(kg, value, param.classes)[0])
    return out


def _legit_iris(kg: KnowledgeGraph, name: str, params: dict, hostile: str) -> set[str]:
    """IRIs matched by the parameters that do not hold the hostile value."""
    from danvan_kg.query.catalogue import get_question

    question = get_question(name)
    out: set[str] = set()
    for pname, value in params.items():
        if value != hostile and question.param(pname).kind == "entity":
            out |= {str(m.iri) for m in find(kg, value, question.param(pname).classes)[0]}
    return out


def test_hostile_suffix_on_a_real_label_matches_nothing(kg: KnowledgeGraph) -> None:
    for suffix in ('" } UNION { ?s ?p ?o } #', "\n} ; DROP ALL", " UNION"):
        assert ask(kg, "models", movement="Sáng tạo vì cộng đồng" + suffix) == []


def test_hostile_label_in_the_data_is_returned_verbatim(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "search", text='Quỹ "Ánh sáng" }; DROP ALL #')
    assert [r["label"] for r in rows] == ['Quỹ "Ánh sáng" }; DROP ALL #']
    assert [r["label"] for r in ask(kg, "search", text="drop all")] == ['Quỹ "Ánh sáng" }; DROP ALL #']


def test_a_paged_question_without_page_block_is_cut_after_the_query(
    kg: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``# @paged`` without a page block: the whole answer is fetched, then cut (offset, then limit)."""
    import dataclasses

    from danvan_kg.query import runner
    from danvan_kg.query.catalogue import get_question

    shipped = get_question("timeline")  # its page block left as a plain sub-select
    text = "\n".join(line for line in shipped.text.splitlines() if "@page" not in line)
    plain = dataclasses.replace(shipped, text=text.replace("# @endpage", ""))
    assert not plain.page_block
    monkeypatch.setattr(runner, "get_question", lambda n: plain if n == "timeline" else get_question(n))
    whole = run_question(kg, "timeline").rows
    assert len(whole) >= 3
    paged = dataclasses.replace(
        plain, params=(*plain.params, *get_question("models").params[-2:]), paged=True
    )
    monkeypatch.setattr(
        runner, "get_question", lambda name: paged if name == "timeline" else get_question(name)
    )
    page = run_question(kg, "timeline", {"limit": 1, "offset": 1})
    rest = run_question(kg, "timeline", {"offset": 1})
    assert page.rows == whole[1:2] and any("more follow" in n for n in page.notes)
    assert rest.rows == whole[1:] and not any("more follow" in n for n in rest.notes)


def test_a_store_without_preferred_labels_says_so() -> None:
    """Without graph/labels (an old dump imported as is), answers keep each thing's own label and a
    note says how to derive the names; the fixture store, which has them, gets no such note."""
    from danvan_kg.query.runner import NO_LABELS_NOTE
    from danvan_kg.rdf.labels import LABELS_GRAPH

    bare = load_fixture(KnowledgeGraph.open(None, backend="memory"))
    bare.remove_graph(str(LABELS_GRAPH))
    answer = run_question(bare, "models", {"movement": "Sáng tạo vì cộng đồng"})
    assert NO_LABELS_NOTE in answer.notes
    assert sorted(str(r["label"]) for r in answer.rows)[0] == "Bếp ăn nghĩa tình"
    full = run_question(load_fixture(KnowledgeGraph.open(None, backend="memory")), "models",
                        {"movement": "Sáng tạo vì cộng đồng"})  # fmt: skip
    assert NO_LABELS_NOTE not in full.notes
