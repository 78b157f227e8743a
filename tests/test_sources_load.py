"""Reading a local file of any kind into a Document (:mod:`danvan_kg.sources.load`)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from danvan_kg.errors import InputError
from danvan_kg.sources.load import detect_kind, load_document
from danvan_kg.text.document import decode_bytes


def test_encodings(tmp_path: Path) -> None:
    text = "url: u\n\nHội Nông dân"
    for name, data in {
        "plain": text.encode("utf-8"),
        "bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16": text.encode("utf-16"),
    }.items():
        p = tmp_path / f"{name}.txt"
        p.write_bytes(data)
        assert load_document(p).body == "Hội Nông dân"


def test_refuses_binary_and_undecodable(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bin\.txt"):
        p = tmp_path / "bin.txt"
        p.write_bytes(b"\x89PNG\x00\x00\x01")
        load_document(p)
    with pytest.raises(InputError, match="latin"):
        decode_bytes("Größe über Straße".encode("cp1252"), "latin.txt")
    with pytest.raises(InputError, match="missing"):
        load_document(tmp_path / "missing.txt")


def test_paths_and_strings_alike(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("url: u\n\nHội Nông dân", encoding="utf-8")
    assert load_document(p).key == load_document(str(p)).key == "u"


def test_kind_from_bytes_before_name() -> None:
    assert detect_kind(b"%PDF-1.7 ...", "a.txt") == "pdf"
    assert detect_kind(b"<html></html>", "a.html") == "html"
    assert detect_kind("Hội".encode(), "a.txt") == "text"
