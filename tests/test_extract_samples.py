"""The bundled sample articles against their hand-written gold (lenient matching, like the scorer)."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from danvan_kg.extract import extract_document
from danvan_kg.paths import samples_dir

CORE = ("Movement", "Model", "Organisation", "BeneficiaryGroup", "Resolution", "Place")
GOLD = sorted((samples_dir() / "gold").glob("*.json"))


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).casefold()
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"[\"'“”‘’]", "", s)
    s = re.sub(r"\s*-\s*", " - ", s)
    return re.sub(r"\s+", " ", s).strip(" .,;:()")


def same(a: list[str], b: list[str]) -> bool:
    for x in a:
        for y in b:
            short, long_ = sorted((x, y), key=len)
            if short and short in long_ and len(short) >= 0.5 * len(long_):
                return True
    return False


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_sample_against_gold(gold_path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    x = extract_document(samples_dir() / gold["file"])
    pred = [e for e in x.entities if e.type in CORE]
    names = {e.id: [norm(e.label)] + [norm(a) for a in e.aliases] for e in pred}
    found = {}
    for g in gold["entities"]:
        gnames = [norm(g["label"])] + [norm(a) for a in g["aliases"]]
        match = next((e for e in pred if e.type == g["type"] and same(names[e.id], gnames)), None)
        assert match is not None, f"missed {g['type']} {g['label']}"
        found[g["label"]] = match.id
        for a in g["aliases"]:
            found.setdefault(a, match.id)
    assert len(pred) <= len(gold["entities"]) + 2, [e.label for e in pred]
    pred_rels = {(r.s, r.p, r.o) for r in x.relations}
    gold_rels = [(found[r["s"]], r["p"], found[r["o"]]) for r in gold["relations"]]
    hit = sum(1 for r in gold_rels if r in pred_rels)
    assert hit >= 0.75 * len(gold_rels), f"{hit}/{len(gold_rels)} gold relations found"
