"""The one reader of the reference tables: declared columns, clear errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan_kg.errors import InputError
from danvan_kg.refdata import TABLES, read_table


def test_every_bundled_table_reads_with_its_declared_columns() -> None:
    for name, table in TABLES.items():
        rows = read_table(name)
        assert rows, name
        for row in rows[:5]:
            assert all(row[c] for c in table.required), (name, row.line)


def test_a_missing_column_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "lexicon.csv").write_text("role,word\nmodel_cue,mô hình\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"lexicon.csv: line 1: missing column\(s\) value, note"):
        read_table("lexicon.csv", tmp_path)


def test_an_empty_required_value_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "lexicon.csv").write_text(
        "role,word,value,note\nmodel_cue,mô hình,,\nmodel_cue,,,\n", "utf-8"
    )
    with pytest.raises(InputError, match=r"lexicon.csv: line 3: empty word"):
        read_table("lexicon.csv", tmp_path)


def test_missing_file_undeclared_table_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="reference file not found"):
        read_table("movements.csv", tmp_path)
    with pytest.raises(InputError, match="not a declared reference table"):
        read_table("notes.csv", tmp_path)
    (tmp_path / "movements.csv").write_bytes(b"id,label_vi\n" + b"\xff\xfe")
    with pytest.raises(InputError, match="not UTF-8"):
        read_table("movements.csv", tmp_path)


def test_a_byte_order_mark_and_blank_rows_are_fine(tmp_path: Path) -> None:
    text = "\ufeffrole,word,value,note\n\nmodel_cue,mô hình,,\n"
    (tmp_path / "lexicon.csv").write_text(text, encoding="utf-8")
    rows = read_table("lexicon.csv", tmp_path)
    assert [(r["role"], r["word"]) for r in rows] == [("model_cue", "mô hình")]
    assert rows[0].line == 3
