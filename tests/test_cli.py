"""The command line: discovery of sub-commands, one-line errors, store commands (stats, export, ingest)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from danvan_kg.cli import build_parser, main

EXPECTED_COMMANDS = {
    "extract",
    "ingest",
    "build",
    "ask",
    "sparql",
    "viz",
    "validate",
    "export",
    "stats",
    "serve",
    "push",
    "import",
}

ARTICLE = """url: https://example.org/tin/nha-tinh-thuong
outlet: Báo Ví Dụ
date: 2024-11-20
title: Trao nhà tình thương

Ban Dân vận Huyện ủy Tân Hồng, tỉnh Đồng Tháp phối hợp Ủy ban MTTQ Việt Nam huyện xây dựng mô hình \
“Mái ấm nghĩa tình” trong phong trào thi đua “Dân vận khéo”, trao nhà cho hộ nghèo.
"""


def run_cli(*args: str, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_documented_command_is_registered() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert set(sub.choices) >= EXPECTED_COMMANDS


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out


def test_ingest_stats_export_round(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "store"
    result = run_cli("ingest", str(article), "--format", "json", store=store)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["documents"] == 1 and summary["skipped"] == []
    stats = json.loads(run_cli("stats", "--format", "json", store=store).stdout)
    assert stats["graphs"]["articles"] == 1
    assert stats["classes"]["Model"] >= 1
    out = tmp_path / "dump.nq"
    assert run_cli("export", "--format", "nq", "--out", str(out), store=store).returncode == 0
    assert "Mái ấm nghĩa tình" in out.read_text(encoding="utf-8")


def test_ingest_with_a_bad_file_reports_it_in_one_line(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "nope.txt"
    store = tmp_path / "store"
    result = run_cli("ingest", str(good), str(missing), store=store)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "nope.txt" in line]
    assert len(lines) == 1
    stats = json.loads(run_cli("stats", "--format", "json", store=store).stdout)
    assert stats["graphs"]["articles"] == 1


def test_locked_store_is_a_one_line_error(tmp_path: Path) -> None:
    from danvan_kg.store import KnowledgeGraph

    store = tmp_path / "store"
    holder = KnowledgeGraph.open(store)
    try:
        result = run_cli("stats", store=store)
    finally:
        holder.close()
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "in use" in result.stderr


def test_export_network_format_needs_out(tmp_path: Path) -> None:
    result = run_cli("export", "--format", "graphml", store=tmp_path / "store")
    assert result.returncode == 1 and "--out" in result.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--store", "S", "ask", "search", "x"], ["ask", "--store", "S", "search", "x"]),
        (["--format=json", "--store", "S", "ask", "x"], ["ask", "--format=json", "--store", "S", "x"]),
        (["--endpoint", "U", "sparql", "q"], ["sparql", "--endpoint", "U", "q"]),
        (["ask", "search", "x", "--store", "S"], ["ask", "search", "x", "--store", "S"]),
        (["--version"], ["--version"]),
        (["--store", "S"], ["--store", "S"]),
    ],
)
def test_global_options_move_behind_the_command(argv: list[str], expected: list[str]) -> None:
    from danvan_kg.cli import hoist_global_options

    assert hoist_global_options(argv) == expected


def test_store_and_format_before_or_after_the_command(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "store"
    assert run_cli("ingest", str(article), store=store).returncode == 0
    before = subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--format", "json", "--store", str(store), "stats"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    after = subprocess.run(
        [sys.executable, "-m", "danvan_kg", "stats", "--store", str(store), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert json.loads(before.stdout) == json.loads(after.stdout)
    assert json.loads(before.stdout)["graphs"]["articles"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["srql", "x"], "unknown command 'srql' (did you mean 'sparql'?)"),
        (["--format", "json", "build"], "`danvan-kg build` takes no --format"),
        (["--endpoint", "http://x/", "stats"], "`danvan-kg stats` takes no --endpoint"),
        (["ask", "models", "--movment", "x"], "--movment (did you mean '--movement'?)"),
        (["stats", "--format", "yaml"], "invalid choice: 'yaml'"),
    ],
)
def test_usage_errors_suggest_the_closest_name(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--store", str(tmp_path / "s"), *argv])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert message in err and err.count("\n") == 1


def test_export_csv_names_both_files(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    store = tmp_path / "store"
    assert run_cli("ingest", str(article), store=store).returncode == 0
    result = run_cli("export", "--format", "csv", "--out", str(tmp_path / "net.csv"), store=store)
    assert result.returncode == 0, result.stderr
    nodes, edges = tmp_path / "net-nodes.csv", tmp_path / "net-edges.csv"
    assert nodes.is_file() and edges.is_file() and not (tmp_path / "net.csv").exists()
    assert result.stderr.strip() == f"wrote {nodes} and {edges}"
