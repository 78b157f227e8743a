"""The component registry: every recogniser and relation rule documented, the table in
docs/extraction.md in sync with the code, and supersede/fallback semantics as documented."""

from __future__ import annotations

from danvan_kg.extract import (
    assemble,  # noqa: F401  (registers every component)
    extract_text,
)
from danvan_kg.extract.registry import RECOGNISERS, RELATION_RULES, markdown_tables, ordered_rules
from danvan_kg.paths import repo_root
from danvan_kg.rdf.namespaces import CORE_CLASSES, SUPPORTING_CLASSES

PREDICATES = {"partOf", "runBy", "benefits", "locatedIn", "launchedBy", "implements", "contributesTo"}


def test_components_are_documented_and_well_typed() -> None:
    classes = set(CORE_CLASSES) | set(SUPPORTING_CLASSES)
    for r in RECOGNISERS.values():
        assert r.doc and set(r.classes) <= classes, r.name
    for rule in RELATION_RULES.values():
        assert rule.doc and rule.predicate in PREDICATES and 0 < rule.confidence <= 1, rule.name
        assert all(s in RELATION_RULES for s in rule.supersedes), rule.name
    orders = [r.order for r in ordered_rules()]
    assert orders == sorted(orders)


def test_docs_table_is_generated_from_the_registry() -> None:
    doc = (repo_root() / "docs" / "extraction.md").read_text(encoding="utf-8")
    start = doc.index("<!-- registry:begin -->\n") + len("<!-- registry:begin -->\n")
    end = doc.index("<!-- registry:end -->")
    assert doc[start:end] == markdown_tables(), (
        "run: python -m danvan_kg.extract.registry (docs/extraction.md)"
    )


def test_a_superseding_rule_removes_the_fallback_for_its_subject() -> None:
    text = (
        "Sáng 5/3, Ban Dân vận Tỉnh ủy Phú Yên tổ chức Hội nghị sơ kết phong trào thi đua “Dân vận khéo”. "
        "Phong trào do Ban Thường vụ Tỉnh ủy phát động từ năm 2021."
    )
    x = extract_text(text)
    methods = {r.method for r in x.relations if r.p == "launchedBy"}
    assert methods == {"rule:movement-launcher-next-sentence"}


def test_a_fallback_stands_only_where_nothing_else_was_found() -> None:
    base = "Huyện đẩy mạnh phong trào “Dân vận khéo”, phong trào “Dân vận khéo” lan tỏa.\n"
    alone = extract_text(base + "Xã duy trì mô hình “Vườn rau chung”.")
    assert {r.method for r in alone.relations if r.p == "partOf"} == {"rule:models-of-the-article-movement"}
    stated = extract_text(base + "Xã duy trì mô hình “Vườn rau chung” thuộc phong trào “Nông dân giỏi”.")
    assert {r.method for r in stated.relations if r.p == "partOf"} == {"rule:model-movement-sentence"}
