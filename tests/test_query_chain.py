"""The ``chain`` question: a local resolution's chain stays in its province, a national one does not.

Invented provinces: Bình Nguyên (2020 code 90, 2025 code 90), Hà Lâm (2020, 91, merged into Bình Nguyên in
2025) and Quảng Lâm (92). The nationwide movement "Xanh sạch đẹp" implements both a national resolution and
the congress resolution of Bình Nguyên; it has a model in each province and is launched by a body of each.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from danvan_kg.query import ask
from danvan_kg.rdf.labels import refresh_labels
from danvan_kg.store import KnowledgeGraph

TRIG = """
@prefix dv: <https://w3id.org/danvan-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix a20: <https://w3id.org/danvan-kg/id/admin/2020/province/> .
@prefix a25: <https://w3id.org/danvan-kg/id/admin/2025/province/> .
@prefix id: <https://w3id.org/danvan-kg/id/> .

<https://w3id.org/danvan-kg/graph/admin-units> {
  a20:90 a dv:Place ; rdfs:label "Tỉnh Bình Nguyên"@vi ; dv:mergedInto a25:90 .
  a20:91 a dv:Place ; rdfs:label "Tỉnh Hà Lâm"@vi ; dv:mergedInto a25:90 .
  a20:92 a dv:Place ; rdfs:label "Tỉnh Quảng Lâm"@vi ; dv:mergedInto a25:92 .
  a25:90 a dv:Place ; rdfs:label "Tỉnh Bình Nguyên"@vi .
}

<https://w3id.org/danvan-kg/graph/article/0000000000000001> {
  id:resolution\\/nq-dai-hoi-binh-nguyen a dv:Resolution ;
      rdfs:label "Nghị quyết Đại hội Đảng bộ tỉnh khóa IX"@vi ;
      dv:area a20:90 .
  id:resolution\\/99-nq-tw a dv:Resolution ; rdfs:label "Nghị quyết số 99-NQ/TW"@vi .
  id:movement\\/xanh-sach-dep a dv:Movement ; rdfs:label "Xanh sạch đẹp"@vi ;
      dv:implements id:resolution\\/nq-dai-hoi-binh-nguyen, id:resolution\\/99-nq-tw ;
      dv:launchedBy id:organisation\\/ban-dan-van-binh-nguyen, id:organisation\\/ban-dan-van-quang-lam,
                    id:organisation\\/ban-dan-van-trung-uong .
  id:organisation\\/ban-dan-van-binh-nguyen a dv:Organisation ; rdfs:label "Ban Dân vận Tỉnh ủy"@vi ;
      dv:area a20:90 .
  id:organisation\\/ban-dan-van-quang-lam a dv:Organisation ; rdfs:label "Ban Dân vận Tỉnh ủy"@vi ;
      dv:area a20:92 .
  id:organisation\\/ban-dan-van-trung-uong a dv:Organisation ; rdfs:label "Ban Dân vận Trung ương"@vi .
  id:model\\/vuon-rau-binh-nguyen a dv:Model ; rdfs:label "Vườn rau"@vi ; dv:area a20:90 ;
      dv:partOf id:movement\\/xanh-sach-dep ; dv:runBy id:organisation\\/ban-dan-van-binh-nguyen .
  id:model\\/bep-com-binh-nguyen a dv:Model ; rdfs:label "Bếp cơm"@vi ; dv:area a25:90 ;
      dv:partOf id:movement\\/xanh-sach-dep .
  id:model\\/vuon-rau-ha-lam a dv:Model ; rdfs:label "Vườn rau"@vi ; dv:area a20:91 ;
      dv:partOf id:movement\\/xanh-sach-dep .
  id:model\\/vuon-rau-quang-lam a dv:Model ; rdfs:label "Vườn rau"@vi ; dv:area a20:92 ;
      dv:partOf id:movement\\/xanh-sach-dep ; dv:runBy id:organisation\\/ban-dan-van-quang-lam .
}
"""


LOCAL = "id:resolution/nq-dai-hoi-binh-nguyen"


@pytest.fixture(scope="module", params=["memory", "rdflib"])
def kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    store = KnowledgeGraph.open(None, backend=request.param)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "chain.trig"
        path.write_text(TRIG, encoding="utf-8")
        store.load_file(path)
    refresh_labels(store)
    return store


def steps(rows: list[dict], step: int) -> list[str]:
    return sorted(str(r["entity"]).rsplit("/", 1)[1] for r in rows if r["step"] == step)


def test_a_local_resolution_keeps_its_chain_in_its_province(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "chain", resolution=LOCAL)
    assert steps(rows, 1) == ["xanh-sach-dep"]
    # its 2020 province, and the 2025 Bình Nguyên it kept its name in; not Hà Lâm (merged in only in 2025)
    assert steps(rows, 2) == ["bep-com-binh-nguyen", "vuon-rau-binh-nguyen"]
    # launched the movement (this province's body and the national one), and runs a kept model
    assert steps(rows, 3) == ["ban-dan-van-binh-nguyen", "ban-dan-van-binh-nguyen", "ban-dan-van-trung-uong"]
    assert [r["province"] for r in rows if r["step"] == 2] == ["Tỉnh Bình Nguyên", "Tỉnh Bình Nguyên"]
    only = ask(kg, "chain", resolution=LOCAL, step=3)
    assert steps(only, 3) == steps(rows, 3) and {r["step"] for r in only} == {3}


def test_a_national_resolution_reaches_every_province(kg: KnowledgeGraph) -> None:
    rows = ask(kg, "chain", resolution="id:resolution/99-nq-tw")
    assert len(steps(rows, 2)) == 4
    launched = ["ban-dan-van-binh-nguyen", "ban-dan-van-quang-lam", "ban-dan-van-trung-uong"]
    running = ["ban-dan-van-binh-nguyen", "ban-dan-van-quang-lam"]  # of two models
    assert steps(rows, 3) == sorted(launched + running)
