"""Local inputs: folders walked, globs expanded, every file once, a reason for inputs that give nothing."""

from __future__ import annotations

from pathlib import Path

from danvan_kg.sources.files import DOCUMENT_SUFFIXES, collect_local


def test_files_once_whatever_the_way_they_were_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.HTML").write_text("x", encoding="utf-8")
    (tmp_path / "sub" / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    found = collect_local(
        [tmp_path / "a.txt", str(tmp_path / "a.txt"), tmp_path, tmp_path / "sub" / "c.pdf"], DOCUMENT_SUFFIXES
    )
    assert [p.name for p in found.files] == ["a.txt", "b.HTML", "c.pdf"]
    assert found.duplicates == 4  # a.txt twice more, its symlink, c.pdf again
    assert not found.problems


def test_globs_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "bai-1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "bai-2.txt").write_text("x", encoding="utf-8")
    found = collect_local(
        [str(tmp_path / "bai-*.txt"), str(tmp_path / "tin-*.txt"), tmp_path / "mat.txt"], DOCUMENT_SUFFIXES
    )
    # a missing file is kept: the reader says so in its own words
    assert [p.name for p in found.files] == ["bai-1.txt", "bai-2.txt", "mat.txt"]
    assert found.problems == [(str(tmp_path / "tin-*.txt"), f"{tmp_path / 'tin-*.txt'}: matches no file")]


def test_folders_that_give_nothing_say_what_they_hold(tmp_path: Path) -> None:
    (tmp_path / "rong").mkdir()
    (tmp_path / "anh").mkdir()
    for name in ("a.png", "b.png", "ghi-chu.md"):
        (tmp_path / "anh" / name).write_bytes(b"x")
    found = collect_local([tmp_path / "rong", tmp_path / "anh"], DOCUMENT_SUFFIXES)
    assert not found.files
    reasons = [r for _, r in found.problems]
    assert reasons[0].startswith(f"{tmp_path / 'rong'}: empty folder")
    assert reasons[1].endswith("it holds 2 .png, 1 .md)")
