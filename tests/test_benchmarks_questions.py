"""The per-question benchmark on a small generated store: every question answers in its own process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_each_question_reports_a_page_and_every_row(generated_store: tuple[Path, Path]) -> None:
    store, data = generated_store
    script = ROOT / "benchmarks" / "bench_questions.py"
    args = ["--store", str(store), "--params", f"{data}.json", "--only", "models,runs,path"]
    done = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=300)
    reports = [json.loads(line) for line in done.stdout.splitlines()]
    assert {(r["key"], r["mode"]) for r in reports} == {
        ("models", "page"),
        ("runs", "page"),
        ("path", "page"),
        ("models", "all"),
        ("runs", "all"),
    }
    assert all("error" not in r and r["rows"] >= 0 and r["rss_mb"] > 0 for r in reports), reports
    assert all(("p50_ms" in r) == (r["mode"] == "page") for r in reports)
