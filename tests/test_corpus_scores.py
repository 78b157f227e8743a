"""Scores on the shared dev corpus (CI has it; users' clones do not, so these skip there)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from danvan_kg.extract import extract_document
from danvan_kg.paths import corpus_dir

CORPUS = corpus_dir()
SCORER = CORPUS.parent / "tools" / "score.py"
pytestmark = pytest.mark.skipif(
    not (CORPUS / "texts" / "000.txt").exists() or not SCORER.exists(),
    reason=f"the shared dev corpus is absent ({CORPUS}); it exists only in the development checkout / CI",
)


def _score(tmp_path: Path, names: list[str]) -> dict:
    spec = importlib.util.spec_from_file_location("danvan_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(parents=True)
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for name in names:
            (gold_dir / f"{name}.json").write_text(
                (CORPUS / "gold" / f"{name}.json").read_text(encoding="utf-8")
            )
            fh.write(
                json.dumps(extract_document(CORPUS / "texts" / f"{name}.txt").to_json(), ensure_ascii=False)
                + "\n"
            )
    argv = sys.argv
    sys.argv = ["score.py", str(gold_dir), str(pred), "--json"]
    try:
        import contextlib
        import io

        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            module.main()
    finally:
        sys.argv = argv
    return json.loads(buf.getvalue())


def test_seed_article(tmp_path: Path) -> None:
    result = _score(tmp_path, ["000"])
    entities_found = sum(
        result[t]["tp"]
        for t in ("Movement", "Model", "Organisation", "BeneficiaryGroup", "Resolution", "Place")
    )
    assert entities_found == 20
    assert result["relations"]["tp"] >= 16
    # no slogan typed as a Model
    x = extract_document(CORPUS / "texts" / "000.txt")
    models = {e.label for e in x.entities if e.type == "Model"}
    assert not models & {"Chính quyền thân thiện", "Chính quyền phục vụ Nhân dân", "Tương thân, tương ái"}


def test_whole_dev_corpus(tmp_path: Path) -> None:
    names = sorted(p.stem for p in (CORPUS / "gold").glob("*.json"))
    result = _score(tmp_path, names)
    assert result["entities_micro"]["f1"] >= 0.85
    for cls in ("Movement", "Model", "Organisation", "BeneficiaryGroup", "Resolution", "Place"):
        assert result[cls]["f1"] >= 0.75, (cls, result[cls])
    assert result["relations"]["f1"] >= 0.55


def test_dev_corpus_regression_floor(tmp_path: Path) -> None:
    """The level of 5 Dec 2026 (round 2) on the 80 texts with the corrected gold (0.918 / 0.684), less a
    margin; the second batch (100-139) was not tuned on until after its first measurement."""
    names = sorted(p.stem for p in (CORPUS / "gold").glob("*.json"))
    result = _score(tmp_path, names)
    assert result["entities_micro"]["f1"] >= 0.91, result["entities_micro"]
    assert result["relations"]["f1"] >= 0.67, result["relations"]
    second = _score(tmp_path / "second", [n for n in names if n.startswith("1")])
    assert second["entities_micro"]["f1"] >= 0.90, second["entities_micro"]
    assert second["relations"]["f1"] >= 0.64, second["relations"]
