"""Writers: rich table, JSON, CSV, path steps, ASK and CONSTRUCT answers."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from rich.console import Console

from danvan_kg.errors import QueryError
from danvan_kg.query.answer import Answer
from danvan_kg.query.output import write_answer, write_boolean, write_graph
from danvan_kg.query.terms import clean_list, from_sparql_json, to_plain


def sample() -> Answer:
    rows = [
        {
            "model": URIRef("http://x/m1"),
            "label": Literal("Cafe treo", lang="vi"),
            "n": Literal(3),
            "confidence": Literal("0.850", datatype=ns.XSD.decimal),
            "date": Literal("2024-12-26", datatype=ns.XSD.date),
            "note": None,
        },
        {
            "model": URIRef("http://x/m2"),
            "label": Literal('Quỹ "A", B'),
            "n": Literal(1),
            "confidence": None,
            "date": None,
            "note": Literal("x\ny"),
        },
    ]
    return Answer("models", ["model", "label", "n", "confidence", "date", "note"], rows, hidden=("model",))


def test_json_has_plain_values_and_all_columns() -> None:
    out = io.StringIO()
    write_answer(sample(), "json", out)
    data = json.loads(out.getvalue())
    assert data[0] == {
        "model": "http://x/m1",
        "label": "Cafe treo",
        "n": 3,
        "confidence": 0.85,
        "date": "2024-12-26",
        "note": None,
    }
    assert data[1]["label"] == 'Quỹ "A", B'


def test_csv_round_trips() -> None:
    out = io.StringIO()
    write_answer(sample(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (
        rows[0]["model"] == "http://x/m1"
        and rows[0]["date"] == "2024-12-26"
        and rows[0]["confidence"] == "0.85"
    )
    assert rows[1]["label"] == 'Quỹ "A", B' and rows[1]["note"] == "x\ny" and rows[1]["n"] == "1"


def test_table_leaves_hidden_columns_out() -> None:
    out = io.StringIO()
    write_answer(sample(), "table", out, Console(file=out, width=200))
    text = out.getvalue()
    assert "Cafe treo" in text and "2024-12-26" in text and "models (2)" in text
    assert "http://x/m1" not in text


def test_empty_table_says_so() -> None:
    out = io.StringIO()
    write_answer(Answer("runs", ["a"], []), "table", out, Console(file=out, width=100))
    assert "no answers" in out.getvalue()


def test_path_is_printed_as_steps() -> None:
    rows = [
        {
            "path": Literal(1),
            "step": Literal(1),
            "statement": Literal("A —partOf→ B"),
            "sentence": Literal("A là một phần của B."),
            "source": Literal("Bài 1"),
        }
    ]
    out = io.StringIO()
    write_answer(
        Answer("path", ["path", "step", "statement", "sentence", "source"], rows),
        "table",
        out,
        Console(file=out, width=120),
    )
    text = out.getvalue()
    assert "Path 1 (1 step)" in text and "1. A —partOf→ B" in text and "“A là một phần của B.”" in text


def test_unknown_format() -> None:
    with pytest.raises(QueryError, match="format"):
        write_answer(sample(), "xml", io.StringIO())


def test_boolean_and_graph_writers() -> None:
    out = io.StringIO()
    write_boolean(True, "json", out)
    assert json.loads(out.getvalue()) == {"boolean": True}
    graph = Graph()
    graph.add((URIRef("http://x/a"), ns.RDFS.label, Literal("Đồng Tháp", lang="vi")))
    ttl = io.StringIO()
    write_graph(graph, "ttl", ttl)
    assert '"Đồng Tháp"@vi' in ttl.getvalue()
    as_csv = io.StringIO()
    write_graph(graph, "csv", as_csv)
    assert as_csv.getvalue().splitlines()[0] == "s,p,o"


def test_terms() -> None:
    assert to_plain(Literal("true", datatype=ns.XSD.boolean)) is True
    assert to_plain(Literal("2024", datatype=ns.XSD.gYear)) == "2024"
    assert from_sparql_json({"type": "literal", "value": "x", "xml:lang": "vi"}) == Literal("x", lang="vi")
    assert from_sparql_json({"type": "bnode", "value": "b0"}).n3().startswith("_:")
    assert clean_list(Literal("b\t\ta\tb")) == Literal("a; b")
    assert clean_list(Literal("")) is None


def _wide() -> Answer:
    sentence = "Hội Phụ nữ xã duy trì mô hình mỗi sáng thứ Bảy, hỗ trợ người cao tuổi và trẻ em."
    columns = ["subject", "statement", "object", "quote", "sentence", "confidence", "method", "title", "url"]
    row = {
        "subject": Literal("Bếp ăn nghĩa tình"),
        "statement": Literal("runBy"),
        "object": Literal("Hội Phụ nữ xã An Bình"),
        "quote": Literal("Hội Phụ nữ xã An Bình"),
        "sentence": Literal(sentence),
        "confidence": Literal(0.9),
        "method": Literal("rule:do-org"),
        "title": Literal("Sáng tạo vì cộng đồng ở Lạc Hồng"),
        "url": Literal("https://example.org/bai-1"),
    }
    return Answer("evidence", columns, [row, {**row, "quote": None}])


def test_wide_rows_become_records_when_the_table_does_not_fit() -> None:
    narrow = io.StringIO()
    write_answer(_wide(), "table", narrow, Console(file=narrow, width=120, highlight=False))
    text = narrow.getvalue()
    assert "┃" not in text  # no table
    lines = text.splitlines()
    assert lines[0] == "evidence (2)"
    assert any(line.startswith("sentence") and "Hội Phụ nữ xã duy trì" in line for line in lines)
    assert sum(1 for line in lines if line.startswith("quote")) == 1  # empty fields are left out
    wide = io.StringIO()
    write_answer(_wide(), "table", wide, Console(file=wide, width=400, highlight=False))
    assert "┃ subject" in wide.getvalue()  # it fits: a table


def test_records_can_be_asked_for() -> None:
    out = io.StringIO()
    write_answer(sample(), "records", out, Console(file=out, width=200, highlight=False))
    text = out.getvalue()
    assert [" ".join(line.split()) for line in text.splitlines() if line.startswith("label")] == [
        "label Cafe treo",
        'label Quỹ "A", B',
    ]
    assert "http://x/m1" not in text  # hidden columns stay hidden
