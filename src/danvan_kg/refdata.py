"""The one reader of ``data/reference/*.csv``: declared columns, clear errors, used by every consumer.

The extractor (:mod:`danvan_kg.extract.lexicon`) and the RDF side (:mod:`danvan_kg.rdf.reference`)
read the same catalogues; both go through :func:`read_table`, so a file with a missing column, a
row without its id or labels, or a file that is not UTF-8 fails the same way everywhere, naming the
file and the line. ``data/reference/README.md`` documents every table.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from danvan_kg.errors import InputError
from danvan_kg.paths import reference_dir
from danvan_kg.text.normalise import normalise

__all__ = ["TABLES", "Row", "Table", "read_table"]


@dataclass(frozen=True, slots=True)
class Table:
    """A reference table: its file name, the columns it must have, and those no row may leave empty."""

    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...] = ("id", "label_vi", "label_en")


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("beneficiary_groups.csv", ("id", "label_vi", "label_en", "variants", "definition_en")),
        Table(
            "organisations.csv",
            ("id", "label_vi", "label_en", "class", "abbreviations", "scope", "qualifier"),
        ),
        Table("document_kinds.csv", ("id", "label_vi", "label_en", "class", "code_suffixes")),
        Table("programmes.csv", ("id", "label_vi", "label_en", "variants")),
        Table("indices.csv", ("id", "label", "label_vi", "label_en", "variants")),
        Table("model_heads.csv", ("id", "label_vi", "label_en", "class", "in_label")),
        Table("movements.csv", ("id", "label_vi", "label_en", "variants")),
        Table("models.csv", ("id", "label_vi", "label_en", "variants", "class")),
        Table("documents.csv", ("id", "label_vi", "label_en", "class", "variants")),
        Table("lexicon.csv", ("role", "word", "value", "note"), required=("role", "word")),
        Table("abbreviations.csv", ("abbreviation", "expansion"), required=("abbreviation", "expansion")),
        Table("name_variants.csv", ("pattern", "replacement"), required=("pattern",)),
        Table("document_issuers.csv", ("id", "label_vi", "label_en", "scope", "code_tokens", "title_words")),
    )
}
"""Every reference table and its declared columns."""


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV row with its 1-based line number (for error messages)."""

    path: Path
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column) or ""

    def get(self, column: str, default: str = "") -> str:
        return self.values.get(column) or default

    def split(self, column: str) -> list[str]:
        """A ``|``-separated column as a list of normalised, non-empty values."""
        return [normalise(v.strip()) for v in self[column].split("|") if v.strip()]


def read_table(name: str, folder: Path | None = None) -> list[Row]:
    """Rows of ``data/reference/<name>`` (a declared table); a missing file or column, or a row without a
    required value, is an :class:`~danvan_kg.errors.InputError` naming the file and line."""
    if folder is None:
        return list(_cached(name))
    return _read(name, folder)


@cache
def _cached(name: str) -> tuple[Row, ...]:
    return tuple(_read(name, reference_dir()))


def _read(name: str, folder: Path) -> list[Row]:
    table = TABLES.get(name)
    if table is None:
        raise InputError(f"{name}: not a declared reference table ({', '.join(sorted(TABLES))})")
    path = folder / name
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in table.columns if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
            rows = []
            for values in reader:
                line = reader.line_num
                clean = {k: (v or "").strip() for k, v in values.items() if k is not None}
                if not any(clean.values()):
                    continue
                row = Row(path, line, clean)
                empty = [c for c in table.required if not row[c]]
                if empty:
                    raise InputError(f"{path}: line {line}: empty {', '.join(empty)}")
                rows.append(row)
    except FileNotFoundError:
        raise InputError(f"{path}: reference file not found") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 ({exc.reason})") from None
    return rows
