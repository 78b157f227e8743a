"""``danvan-kg build --no-samples``: the reference graphs a corpus is ingested onto, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_kg.cli import main
from danvan_kg.ids import ADMIN_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from danvan_kg.rdf.labels import INDEX_GRAPH, LABELS_GRAPH
from danvan_kg.store import KnowledgeGraph

pytestmark = pytest.mark.slow  # commands run as subprocesses, whole builds

TEXT = (
    "title: Bài thử\n\n"
    "Ở tỉnh Lạng Sơn, Hội Nông dân tỉnh duy trì mô hình “Vườn cây nghĩa tình” cho hộ nghèo.\n"
)
ASK_NAME = 'PREFIX dv: <https://w3id.org/danvan-kg/ontology#> ASK {{ ?x dv:name "{}" }}'


def test_no_samples_loads_the_reference_graphs_and_their_labels_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    assert main(["--store", str(store), "build", "--no-samples", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "reference triples" in printed and "no samples" in printed
    assert not out.exists()  # no graph files, no HTML: nothing of the corpus is in yet
    with KnowledgeGraph.open(store) as kg:
        graphs = set(kg.graph_iris())
        derived = {str(LABELS_GRAPH), str(INDEX_GRAPH)}
        assert graphs == {str(ONTOLOGY_GRAPH), str(REFERENCE_GRAPH), str(ADMIN_GRAPH), *derived}
        assert kg.ask(ASK_NAME.format("Tỉnh Lạng Sơn"))
    # a text ingested on top gets its labels; the catalogued movement keeps its curated one
    text = tmp_path / "bai.txt"
    text.write_text(TEXT, encoding="utf-8")
    assert main(["--store", str(store), "ingest", str(text)]) == 0
    with KnowledgeGraph.open(store) as kg:
        names = {str(r["n"]) for r in kg.select(
            "PREFIX dv: <https://w3id.org/danvan-kg/ontology#> SELECT ?n WHERE { ?m a dv:Model ; dv:name ?n }"
        )}  # fmt: skip
        assert names == {"Vườn cây nghĩa tình"}
    # run again: the reference graphs are replaced, the article and its labels stay
    assert main(["--store", str(store), "build", "--no-samples"]) == 0
    with KnowledgeGraph.open(store) as kg:
        assert any("/graph/article/" in g for g in kg.graph_iris())
        assert kg.ask(ASK_NAME.format("Vườn cây nghĩa tình"))
