"""Bad input for ``danvan-kg ingest`` and ``danvan-kg extract``.

Every case either gives the right result or one line on stderr naming the file, never a
traceback; good documents next to bad ones still load; a failed document never changes the
store (``stats --format json`` before and after); the exit status is non-zero when anything
failed. Fixtures are generated in ``tmp_path`` (no binary files in the repository).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from danvan_kg.text.decode import encode_cp1258, encode_tcvn3

pytestmark = pytest.mark.slow  # the bad-input matrix, each case through the command line

# Written for these tests; capitals are only those TCVN3 can spell without the capital font.
ARTICLE = """url: https://example.org/tin/hardening-{n}
outlet: Báo Thử Nghiệm
date: 2024-11-20
title: Mô hình thử nghiệm {n}

Ban Dân vận Huyện ủy Tân Hồng, tỉnh Đồng Tháp phối hợp với Ủy ban MTTQ Việt Nam huyện xây dựng \
mô hình "Mái ấm nghĩa tình" trong phong trào thi đua "Dân vận khéo", trao nhà cho hộ nghèo.

Hội Nông dân xã Tân Thành duy trì mô hình "Tổ hợp tác trồng rau sạch", giúp hội viên có thu nhập ổn định.
"""
# TCVN3 spells toned capitals with the lowercase code (capital font), so keep such capitals out.
ARTICLE_TCVN3 = ARTICLE.replace("Ủy ban", "Uy ban").replace("Huyện ủy", "Huyện uy")

ENV = {k: v for k, v in os.environ.items() if k != "DANVAN_KG_DEBUG"}


def run_cli(*args: str, store: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m danvan_kg --store STORE ARGS`` with text output captured."""
    return subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=ENV,
        stdin=subprocess.DEVNULL,
    )


def stats(store: Path) -> dict[str, object]:
    result = run_cli("stats", "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def extract(paths: list[Path], store: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("extract", *map(str, paths), "--format", "jsonl", store=store)


def json_lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def assert_clean_refusal(result: subprocess.CompletedProcess[str], bad: Path, *words: str) -> str:
    """Non-zero exit, no traceback, exactly one stderr line naming ``bad`` (and holding ``words``)."""
    assert result.returncode != 0, result.stdout[-500:]
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if bad.name in line]
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("danvan-kg"), line
    for word in words:
        assert word.lower() in line.lower(), line
    return line


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "internal error" not in result.stderr, result.stderr[-2000:]


def labels(obj: dict[str, object]) -> set[tuple[str, str]]:
    return {(e["type"], e["label"]) for e in obj["entities"]}  # type: ignore[index,union-attr]


def without_source(obj: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in obj.items() if k != "source"}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(ARTICLE.format(n=1), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


# ---------------------------------------------------------------------------------- bad files
def _bad_files(folder: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """name → (path, words the one-line error must contain)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(rng.randrange(256) for _ in range(20_000)) + b"\x00")
    pdf = folder / "scan.txt"
    pdf.write_bytes(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n" + bytes(rng.randrange(256) for _ in range(2000)))
    latin = folder / "latin1.txt"
    latin.write_bytes("Größe Straße Übermaß für Köln und Düsseldorf.\n".encode("cp1252") * 20)
    dangling = folder / "dangling.txt"
    dangling.symlink_to(folder / "does-not-exist.txt")
    missing = folder / "missing.txt"
    return {
        "binary": (binary, ("binary",)),
        "pdf": (pdf, ("PDF",)),
        "latin1": (latin, ("UTF-8",)),
        "dangling": (dangling, ()),
        "missing": (missing, ()),
    }


@pytest.mark.parametrize("case", ["binary", "pdf", "latin1", "dangling", "missing"])
def test_extract_refuses_bad_file_in_one_line_and_goes_on(
    case: str, tmp_path: Path, good: Path, store: Path
) -> None:
    bad, words = _bad_files(tmp_path / "in")[case]
    result = extract([bad, good], store)
    assert_clean_refusal(result, bad, *words)
    objects = json_lines(result.stdout)
    assert [o["source"] for o in objects] == [str(good)]
    assert objects[0]["entities"], "the good document next to the bad one must still be extracted"


@pytest.mark.parametrize("case", ["binary", "pdf", "latin1", "dangling", "missing"])
def test_ingest_refuses_bad_file_and_leaves_store_untouched(
    case: str, tmp_path: Path, good: Path, store: Path
) -> None:
    first = run_cli("ingest", str(good), store=store)
    assert first.returncode == 0, first.stderr
    before = stats(store)
    bad, words = _bad_files(tmp_path / "in")[case]
    result = run_cli("ingest", str(bad), store=store)
    assert_clean_refusal(result, bad, *words)
    assert stats(store) == before


def test_fifo_is_refused_not_waited_on(tmp_path: Path, good: Path, store: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for command in (["extract", str(fifo), str(good), "--format", "jsonl"], ["ingest", str(fifo), str(good)]):
        started = time.monotonic()
        try:
            result = run_cli(*command, store=store, timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail(f"`danvan-kg {command[0]}` blocked reading a FIFO (read a regular file only)")
        assert time.monotonic() - started < 60
        assert_clean_refusal(result, fifo)
    assert stats(store)["graphs"]["articles"] == 1  # type: ignore[index]


def test_directory_given_where_a_file_is_expected_is_walked(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "looks-like-a-file.txt"
    folder.mkdir()
    (folder / "inner.txt").write_text(ARTICLE.format(n=5), encoding="utf-8")
    result = extract([folder], store)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert [o["source"] for o in json_lines(result.stdout)] == [str(folder / "inner.txt")]


def test_corrupted_reingest_keeps_the_old_graph(tmp_path: Path, good: Path, store: Path) -> None:
    assert run_cli("ingest", str(good), store=store).returncode == 0
    before = stats(store)
    good.write_bytes(b"\x00\x01\x02" * 1000)  # the same source now holds garbage
    result = run_cli("ingest", str(good), store=store)
    assert_clean_refusal(result, good, "binary")
    assert stats(store) == before


# ---------------------------------------------------------------------------------- other encodings
def _reference(tmp_path: Path, store: Path, text: str) -> dict[str, object]:
    ref = tmp_path / "ref" / "utf8.txt"
    ref.parent.mkdir(exist_ok=True)
    ref.write_text(text, encoding="utf-8")
    result = extract([ref], store)
    assert result.returncode == 0, result.stderr
    (obj,) = json_lines(result.stdout)
    assert obj["entities"], "the reference article must yield entities"
    return obj


@pytest.mark.parametrize(
    ("name", "encoder", "text"),
    [
        ("utf8-bom", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), ARTICLE),
        ("utf16", lambda t: t.encode("utf-16"), ARTICLE),
        ("utf16-be", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), ARTICLE),
        ("utf32", lambda t: t.encode("utf-32"), ARTICLE),
        ("crlf", lambda t: t.replace("\n", "\r\n").encode("utf-8"), ARTICLE),
        ("cp1258", encode_cp1258, ARTICLE),
        ("tcvn3", encode_tcvn3, ARTICLE_TCVN3),
    ],
)
def test_other_encodings_extract_like_utf8(
    name: str, encoder: object, text: str, tmp_path: Path, store: Path
) -> None:
    text = text.format(n=2)
    reference = _reference(tmp_path, store, text)
    path = tmp_path / f"{name}.txt"
    path.write_bytes(encoder(text))  # type: ignore[operator]
    result = extract([path], store)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    (obj,) = json_lines(result.stdout)
    assert without_source(obj) == without_source(reference)


def test_html_saved_as_text_extracts_the_text_not_the_markup(tmp_path: Path, store: Path) -> None:
    text = ARTICLE.format(n=3)
    header, body = text.split("\n\n", 1)
    paragraphs = "".join(f'<p class="x">{p}</p>\n' for p in body.strip().split("\n\n"))
    page = (
        f"<!DOCTYPE html><html><head><title>Trang</title><script>var a='<p>Mô hình \"Giả\"</p>';"
        f"</script></head><body><nav><a href='/'>Trang chủ</a></nav>{paragraphs}</body></html>"
    )
    path = tmp_path / "page.txt"
    path.write_text(header + "\n\n" + page, encoding="utf-8")
    reference = _reference(tmp_path, store, text)
    result = extract([path], store)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    (obj,) = json_lines(result.stdout)
    assert labels(reference) <= labels(obj)
    for entity in obj["entities"]:  # type: ignore[union-attr]
        assert "<" not in entity["label"] and "class=" not in entity["label"], entity
        assert entity["label"] != "Giả"


# ---------------------------------------------------------------------------------- odd content
def test_empty_and_whitespace_files(tmp_path: Path, good: Path, store: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t\n", encoding="utf-8")
    header_only = tmp_path / "header-only.txt"
    header_only.write_text("url: https://example.org/x\ntitle: Chỉ có tiêu đề\n", encoding="utf-8")
    for path in (empty, blank, header_only):
        result = extract([path, good], store)
        assert_no_traceback(result)
        sources = [o["source"] for o in json_lines(result.stdout)]
        assert str(good) in sources
        if result.returncode == 0:  # accepted: an object with nothing found in it
            obj = next(o for o in json_lines(result.stdout) if o["source"] == str(path))
            assert obj["entities"] == [] and obj["relations"] == []
        else:  # refused: one line naming it
            assert_clean_refusal(result, path)


def test_garbage_header_block(tmp_path: Path, store: Path) -> None:
    body = ARTICLE.format(n=4).split("\n\n", 1)[1]
    header = (
        "url: javascript:alert(1)\n"
        'outlet: "><script>alert(1)</script>\n'
        "date: 99/99/9999\n"
        f"title: {'Tiêu đề rất dài ' * 2000}\n"
        "tags: a: b: c: d\n"
        "x-weird_key-123: \u202e\u200b\u2028giá trị\n"
        "date2: 2024-13-45\n"
    )
    path = tmp_path / "garbage-header.txt"
    path.write_text(header + "\n" + body, encoding="utf-8")
    result = extract([path], store)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    (obj,) = json_lines(result.stdout)
    assert obj["entities"]
    ingest = run_cli("ingest", str(path), store=store)
    assert_no_traceback(ingest)
    assert ingest.returncode == 0, ingest.stderr
    assert stats(store)["graphs"]["articles"] == 1  # type: ignore[index]
    dump = tmp_path / "dump.nq"
    assert run_cli("export", "--format", "nq", "--out", str(dump), store=store).returncode == 0
    assert '"9999-99-99"^^<http://www.w3.org/2001/XMLSchema#date>' not in dump.read_text(encoding="utf-8")


def _big_text(target_bytes: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words = (
        "mô hình",
        "phong trào",
        "Dân vận khéo",
        "hộ nghèo",
        "Hội Nông dân",
        "xã",
        "huyện",
        "nhân dân",
        "xây dựng",
        "đường giao thông",
        "nông thôn mới",
        "Đoàn Thanh niên",
        "Ban Dân vận",
        "“",
        "”",
        ",",
    )
    paragraphs, size = [], 0
    while size < target_bytes:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30))) + "."
        paragraphs.append(sentence)
        size += len(sentence.encode("utf-8")) + 2
    return "\n\n".join(paragraphs)


def test_multi_megabyte_text(tmp_path: Path, store: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("title: Văn bản lớn\n\n" + _big_text(3_000_000), encoding="utf-8")
    started = time.monotonic()
    result = extract([path], store)
    elapsed = time.monotonic() - started
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    (obj,) = json_lines(result.stdout)
    assert obj["entities"]
    assert elapsed < 120, f"3 MB took {elapsed:.0f} s"


def test_single_one_megabyte_line(tmp_path: Path, store: Path) -> None:
    line = _big_text(1_100_000, seed=2).replace("\n\n", " ")
    assert "\n" not in line and len(line.encode("utf-8")) >= 1_000_000
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    started = time.monotonic()
    result = extract([path], store)
    elapsed = time.monotonic() - started
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    (obj,) = json_lines(result.stdout)
    body_len = len(line)
    for entity in obj["entities"]:  # type: ignore[union-attr]
        for ev in entity["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= body_len
    assert elapsed < 120, f"a 1 MB line took {elapsed:.0f} s"


def test_mixed_directory(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "mixed"
    bad = _bad_files(folder / "bad")
    (folder / "a.txt").write_text(ARTICLE.format(n=10), encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_bytes(ARTICLE.format(n=11).encode("utf-16"))
    (folder / "sub" / "c.txt").write_bytes(encode_cp1258(ARTICLE.format(n=12)))
    (folder / "notes.md").write_text("# không phải bài báo\n", encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    # dangling symlinks and missing files are not found by a directory walk
    expected_bad = [bad[k][0] for k in ("binary", "pdf", "latin1")]

    result = extract([folder], store)
    assert_no_traceback(result)
    assert result.returncode != 0
    for path in expected_bad:
        assert_clean_refusal(result, path)
    sources = {o["source"] for o in json_lines(result.stdout)}
    assert {str(folder / "a.txt"), str(folder / "sub" / "b.txt"), str(folder / "sub" / "c.txt")} <= sources
    assert not any(s.endswith((".md", ".png")) for s in sources)

    ingest = run_cli("ingest", str(folder), store=store)
    assert_no_traceback(ingest)
    assert ingest.returncode != 0
    for path in expected_bad:
        assert_clean_refusal(ingest, path)
    after = stats(store)
    assert after["graphs"]["articles"] == 3  # type: ignore[index]
    again = run_cli("ingest", str(folder), store=store)
    assert again.returncode != 0
    assert stats(store) == after
