"""Preferred labels (graph/labels): the rule, incremental upkeep by ingest, and the fixture's copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from danvan_kg.ids import DV, GRAPH, ID, REFERENCE_GRAPH
from danvan_kg.ingest import ingest_paths
from danvan_kg.rdf.labels import INDEX_GRAPH, LABELS_GRAPH, LabelChoice, choose, refresh_labels
from danvan_kg.resolve import search_key
from danvan_kg.store import KnowledgeGraph
from danvan_kg.validate import validate_graph

FIXTURE = Path(__file__).parent / "fixtures" / "query" / "mini.trig"
ORG = ID["organisation/hoi-lien-hiep-phu-nu-huyen-song-ngan-lac-hong"]
GROUP = ID["beneficiary/ho-co-hoan-canh-kho-khan"]


def article(n: int, *statements: tuple[URIRef, URIRef, Literal]) -> tuple[str, Graph]:
    graph = Graph()
    for s, p, o in statements:
        graph.add((s, RDF.type, DV.Organisation if "organisation" in s else DV.BeneficiaryGroup))
        graph.add((s, p, o))
    return str(GRAPH[f"article/{n:016d}"]), graph


def vi(text: str) -> Literal:
    return Literal(text, lang="vi")


def names(kg: KnowledgeGraph) -> dict[str, str]:
    rows = kg.select("PREFIX dv: <https://w3id.org/danvan-kg/ontology#> SELECT ?e ?n WHERE { ?e dv:name ?n }")
    return {str(r["e"]).rsplit("/", 1)[1]: str(r["n"]) for r in rows}


def test_the_rule_curated_then_most_frequent_then_longer_then_code_points() -> None:
    choice = LabelChoice()
    for graph in ("g1", "g2"):
        choice.add(graph, str(RDFS.label), "Hội LHPN huyện Sông Ngân", "vi")
    choice.add("g3", str(RDFS.label), "Hội Liên hiệp Phụ nữ huyện Sông Ngân", "vi")
    assert choose(choice, "vi") == "Hội LHPN huyện Sông Ngân"  # two sources against one
    choice.add("g4", str(RDFS.label), "Hội Liên hiệp Phụ nữ huyện Sông Ngân", "vi")
    assert choose(choice, "vi") == "Hội Liên hiệp Phụ nữ huyện Sông Ngân"  # a tie: the longer spelling
    tie = LabelChoice()
    tie.add("g1", str(RDFS.label), "cafe treo", "vi")
    tie.add("g2", str(RDFS.label), "Cafe treo", "vi")
    assert choose(tie, "vi") == "Cafe treo"  # same length: code-point order (capital first)
    tie.add(str(REFERENCE_GRAPH), str(RDFS.label), "Cà phê treo", "vi")
    assert choose(tie, "vi") == "Cà phê treo"  # the catalogue wins whatever the counts
    tie.add(str(REFERENCE_GRAPH), str(SKOS.prefLabel), "Cà phê treo (mô hình)", "vi")
    assert choose(tie, "vi") == "Cà phê treo (mô hình)"  # its prefLabel over its rdfs:label
    assert choose(tie, "en") is None


@pytest.fixture(params=["memory", "rdflib"])
def kg(request: pytest.FixtureRequest) -> KnowledgeGraph:
    return KnowledgeGraph.open(None, backend=request.param)


def test_refresh_writes_one_name_per_entity_and_other_spellings(kg: KnowledgeGraph) -> None:
    curated = Graph()
    curated.add((GROUP, RDF.type, DV.BeneficiaryGroup))
    curated.add((GROUP, SKOS.prefLabel, vi("hộ có hoàn cảnh khó khăn")))
    curated.add((GROUP, SKOS.prefLabel, Literal("households in difficult circumstances", lang="en")))
    kg.replace_graph(str(REFERENCE_GRAPH), curated)
    for n, spelling in enumerate(["Hội LHPN huyện Sông Ngân", "Hội LHPN huyện Sông Ngân",
                                  "Hội Liên hiệp Phụ nữ huyện Sông Ngân"]):  # fmt: skip
        kg.replace_graph(
            *article(n, (ORG, RDFS.label, vi(spelling)), (GROUP, SKOS.altLabel, vi("hoàn cảnh khó khăn")))
        )
    assert refresh_labels(kg) == 2
    assert names(kg) == {"hoi-lien-hiep-phu-nu-huyen-song-ngan-lac-hong": "Hội LHPN huyện Sông Ngân",
                         "ho-co-hoan-canh-kho-khan": "hộ có hoàn cảnh khó khăn"}  # fmt: skip
    labels = kg.graph(str(LABELS_GRAPH))
    assert set(labels.objects(ORG, SKOS.altLabel)) == {vi("Hội Liên hiệp Phụ nữ huyện Sông Ngân")}
    assert set(labels.objects(GROUP, SKOS.prefLabel)) == {
        vi("hộ có hoàn cảnh khó khăn"),
        Literal("households in difficult circumstances", lang="en"),
    }
    assert validate_graph(labels).conforms  # one dv:name, one prefLabel per language


def test_a_refresh_touches_only_the_entities_it_is_given(kg: KnowledgeGraph) -> None:
    kg.replace_graph(*article(1, (ORG, RDFS.label, vi("Hội LHPN huyện Sông Ngân"))))
    refresh_labels(kg)
    kg.replace_graph(*article(2, (ORG, RDFS.label, vi("Hội Liên hiệp Phụ nữ huyện Sông Ngân")),
                              (GROUP, RDFS.label, vi("hộ khó khăn"))))  # fmt: skip
    kg.replace_graph(*article(3, (ORG, RDFS.label, vi("Hội Liên hiệp Phụ nữ huyện Sông Ngân"))))
    refresh_labels(kg, [GROUP])
    assert names(kg)["hoi-lien-hiep-phu-nu-huyen-song-ngan-lac-hong"] == "Hội LHPN huyện Sông Ngân"  # stale
    refresh_labels(kg, [ORG])
    assert (
        names(kg)["hoi-lien-hiep-phu-nu-huyen-song-ngan-lac-hong"] == "Hội Liên hiệp Phụ nữ huyện Sông Ngân"
    )
    assert len(kg.graph(str(LABELS_GRAPH))) == 2 + 2 + 1  # name+pref of each, one other spelling


TEXT = (
    "title: {title}\n\nTại tỉnh Lạng Sơn, {org} duy trì mô hình “Bữa cơm nghĩa tình” thuộc phong trào "
    "“Dân vận khéo”. Mô hình giúp hộ nghèo trong xã.\n"
)


def test_ingest_keeps_the_labels_of_what_it_writes_and_replaces(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(None, backend="memory")
    folder = tmp_path / "texts"
    folder.mkdir()
    for n, org in enumerate(
        ["Hội LHPN tỉnh Lạng Sơn", "Hội LHPN tỉnh Lạng Sơn", "Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn"]
    ):
        (folder / f"bai-{n}.txt").write_text(TEXT.format(title=f"Bài {n}", org=org), "utf-8")
    ingest_paths(kg, [folder])
    rows = kg.select(
        "PREFIX dv: <https://w3id.org/danvan-kg/ontology#> "
        "SELECT DISTINCT ?e ?n WHERE { ?e a dv:Organisation ; dv:name ?n }"
    )
    assert [str(r["n"]) for r in rows] == ["Hội LHPN tỉnh Lạng Sơn"]
    org = rows[0]["e"]
    # a source rewritten with the other spelling: the count moves, the preferred label follows
    for n in (0, 1):
        (folder / f"bai-{n}.txt").write_text(
            TEXT.format(title=f"Bài {n}", org="Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn"), "utf-8"
        )
    ingest_paths(kg, [folder / "bai-0.txt", folder / "bai-1.txt"])
    assert str(kg.graph(str(LABELS_GRAPH)).value(org, DV.name)) == "Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn"
    # an analyst matches the plain name in SPARQL
    assert kg.ask('PREFIX dv: <https://w3id.org/danvan-kg/ontology#> ASK { ?m dv:name "Bữa cơm nghĩa tình" }')


def test_the_query_fixture_carries_exactly_the_derived_labels_and_index() -> None:
    kg = KnowledgeGraph.open(None, backend="memory")
    kg.load_file(FIXTURE)
    stored = derived(kg)
    assert all(stored)
    refresh_labels(kg)
    assert derived(kg) == stored


def derived(kg: KnowledgeGraph) -> tuple[set, set]:
    return set(kg.graph(str(LABELS_GRAPH))), set(kg.graph(str(INDEX_GRAPH)))


@pytest.mark.parametrize("backend", ["memory", "rdflib"])
def test_incremental_refresh_gives_what_a_full_refresh_gives(backend: str) -> None:
    kg = KnowledgeGraph.open(None, backend=backend)  # type: ignore[arg-type]
    curated = Graph()
    curated.add((GROUP, RDF.type, DV.BeneficiaryGroup))
    curated.add((GROUP, SKOS.prefLabel, vi("hộ có hoàn cảnh khó khăn")))
    curated.add((GROUP, DV.searchKey, Literal("ho co hoan canh kho khan")))
    kg.replace_graph(str(REFERENCE_GRAPH), curated)
    refresh_labels(kg)
    short, full = "Hội LHPN huyện Sông Ngân", "Hội Liên hiệp Phụ nữ huyện Sông Ngân"
    spellings = [short, full, short, full, full]
    for n, spelling in enumerate(spellings):  # one graph at a time, as ingest writes them
        iri, graph = article(
            n,
            (ORG, RDFS.label, Literal(spelling, lang="vi") if n % 2 else Literal(spelling)),
            (ORG, DV.searchKey, Literal(search_key(spelling))),
            (GROUP, SKOS.altLabel, vi("hoàn cảnh khó khăn" if n < 3 else "khó khăn")),
        )
        art = ID[f"article/{n}"]
        graph.add((art, RDF.type, DV.Article))
        graph.add((art, RDFS.label, vi(f"Bài số {n}")))
        kg.replace_graph(iri, graph)
        refresh_labels(kg, [], added=list(graph))
        incremental = derived(kg)
        refresh_labels(kg)
        assert derived(kg) == incremental, n
    labels, index = derived(kg)
    assert (ORG, DV.name, Literal("Hội Liên hiệp Phụ nữ huyện Sông Ngân")) in labels
    assert (GROUP, DV.name, Literal("hộ có hoàn cảnh khó khăn")) in labels  # the catalogue wins
    assert (ORG, DV.indexClass, DV.Organisation) in index
    assert (GROUP, DV.indexClass, DV.BeneficiaryGroup) in index
    assert (ORG, DV.searchToken, Literal("lhpn")) in index
    assert not any(s == ID["article/0"] for s, _, _ in labels | index)  # an article's title is no name


def test_a_replaced_source_is_read_in_full_by_ingest(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(None, backend="memory")
    folder = tmp_path / "texts"
    folder.mkdir()
    for n, org in enumerate(["Hội LHPN tỉnh Lạng Sơn", "Hội Liên hiệp Phụ nữ tỉnh Lạng Sơn"]):
        (folder / f"bai-{n}.txt").write_text(TEXT.format(title=f"Bài {n}", org=org), "utf-8")
    ingest_paths(kg, [folder])
    (folder / "bai-0.txt").write_text(TEXT.format(title="Bài 0", org="Hội Nông dân tỉnh Lạng Sơn"), "utf-8")
    ingest_paths(kg, [folder / "bai-0.txt"])  # the only source of "Hội LHPN tỉnh Lạng Sơn" is gone
    incremental = derived(kg)
    assert not any("Hội LHPN" in str(o) for _, _, o in incremental[0])
    refresh_labels(kg)
    assert derived(kg) == incremental
