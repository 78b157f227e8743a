"""The benchmark runner's pure parts: the questions asked, and the growth fit over several reports."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def run() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


PARAMS = {
    "movement_label": "Dân vận khéo",
    "resolution_label": "Nghị quyết số 1-NQ/TW",
    "group_label": "hộ nghèo",
    "search": "nghèo",
    "province_label": "Tỉnh A",
    "organisation_label": "Bộ B",
}


def test_every_question_key_is_asked_first_page_or_every_row(run: ModuleType) -> None:
    page = run.question_params(PARAMS, page=True)
    assert set(page) == set(run.QUESTIONS)
    assert page["models"][1]["limit"] == 100 and "limit" not in page["beneficiaries"][1]
    every = run.question_params(PARAMS, page=False)
    assert all("limit" not in given for _, given in every.values())
    older = {k: v for k, v in PARAMS.items() if k not in ("province_label", "organisation_label")}
    assert "organisations_place" not in run.question_params(older)  # older data files: left out


def report(triples: int, load: float, page_ms: float) -> dict:
    return {
        "triples_requested": triples,
        "data": {"triples": triples},
        "engines": {"project": {"load_s": load, "questions": {"models": {"p50_ms": page_ms, "rows": 100}}}},
    }


def test_growth_fits_the_exponent_and_projects(run: ModuleType) -> None:
    fitted = run.growth([report(10**6, 10.0, 50.0), report(10**7, 100.0, 50.0)])
    load = fitted["figures"]["project:load_s"]
    assert load["exponent"] == 1.0 and load["at_50M"] == pytest.approx(500.0)
    flat = fitted["figures"]["project:questions:models"]
    assert flat["exponent"] == 0.0 and flat["at_500M"] == pytest.approx(50.0)
