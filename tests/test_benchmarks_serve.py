"""The serving benchmark records every named question's queries from a small generated store."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load(name: str, file: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_every_question_of_the_run_is_recorded_from_a_store(generated_store: tuple[Path, Path]) -> None:
    serve, run = load("bench_serve", "bench_serve.py"), load("run", "run.py")
    store, data = generated_store
    params = json.loads(Path(f"{data}.json").read_text(encoding="utf-8"))["params"]
    recorded = serve.record(store, params)
    assert set(recorded) == set(run.question_params(params, page=True))
    assert all(queries and all("SELECT" in q or "ASK" in q for q in queries) for queries in recorded.values())
