"""Scores on the team-written generalisation fixtures (`tests/fixtures/generalisation`, see its README).

The fixtures ship with the repository, so these tests always run (unlike `test_corpus_scores.py`).
The matching is a local copy of the held-out scorer's (`/work/shared/tools/score.py`): same type, and
after normalisation (NFC, casefold, unified dashes and quotes, collapsed spaces) one label or alias
contains the other and the shorter is at least half the longer; each gold entity matched at most once
(greedy, best overlap first); relations compared by gold label through that alignment.

Floors sit a little below the scores reached when the fixtures were last used (docs/extraction.md), so a
regression shows up on any clone. g01–g05 were used while developing the rules, g06–g10 only measured.
The second set (`tests/fixtures/generalisation2`, h01–h10) is scored the same way: h01–h05 were used while
developing the rules of 28 Nov 2026, h06–h10 measured before and after only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from danvan_kg.extract import extract_document

FIXTURES = Path(__file__).parent / "fixtures" / "generalisation"
FIXTURES2 = Path(__file__).parent / "fixtures" / "generalisation2"
TYPES = ["Movement", "Model", "Organisation", "BeneficiaryGroup", "Resolution", "Place"]
RELS = ["partOf", "runBy", "benefits", "locatedIn", "launchedBy", "implements"]

_DASH = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTE = re.compile(r"[\"'\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb]")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "").casefold()
    s = _DASH.sub("-", s)
    s = _QUOTE.sub("", s)
    s = re.sub(r"\s*-\s*", " - ", s)
    return re.sub(r"\s+", " ", s).strip(" .,;:()[]")


def names(e: dict) -> list[str]:
    out = [norm(e.get("label", ""))] + [norm(a) for a in e.get("aliases", []) or []]
    return [n for n in out if n]


def sim(a: list[str], b: list[str]) -> float:
    best = 0.0
    for x in a:
        for y in b:
            if x == y:
                return 1.0
            short, long_ = (x, y) if len(x) <= len(y) else (y, x)
            if short and short in long_ and len(short) >= 0.5 * len(long_):
                best = max(best, len(short) / len(long_))
    return best


def align(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if p.get("type") == g["type"]:
                s = sim(names(p), names(g))
                if s > 0:
                    pairs.append((s, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, m = set(), set(), {}
    for _s, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            m[i] = j
    return m


def f1(tp: int, npred: int, ngold: int) -> float:
    p = tp / npred if npred else (1.0 if ngold == 0 else 0.0)
    r = tp / ngold if ngold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def score(stems: list[str], root: Path = FIXTURES) -> dict[str, float]:
    counts = {t: [0, 0, 0] for t in [*TYPES, "relations"]}
    for stem in stems:
        gold = json.loads((root / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        pred = extract_document(root / "texts" / f"{stem}.txt").to_json()
        gents = [e for e in gold["entities"] if e["type"] in TYPES]
        seen, pents = set(), []
        for e in pred.get("entities", []):
            k = (e.get("type"), norm(e.get("label", "")))
            if e.get("type") in TYPES and k not in seen:
                seen.add(k)
                pents.append(e)
        m = align(gents, pents)
        for t in TYPES:
            counts[t][0] += sum(1 for i in m if pents[i]["type"] == t)
            counts[t][1] += sum(1 for e in pents if e["type"] == t)
            counts[t][2] += sum(1 for e in gents if e["type"] == t)
        id2gold = {}
        for i, j in m.items():
            for key in {pents[i].get("id"), pents[i].get("label")} - {None}:
                id2gold[key] = gents[j]["label"]
        lab2gold = {norm(pents[i]["label"]): gents[j]["label"] for i, j in m.items()}
        for e in pred.get("entities", []):
            g = lab2gold.get(norm(e.get("label", "")))
            if g and e.get("id"):
                id2gold.setdefault(e["id"], g)
        galias: dict[str, str] = {}
        for e in gents:
            for n in names(e):
                galias.setdefault(n, e["label"])
        gold_rels = {
            (galias.get(norm(r["s"]), r["s"]), r["p"], galias.get(norm(r["o"]), r["o"]))
            for r in gold.get("relations", [])
            if r["p"] in RELS
        }
        pred_rels = {
            (
                id2gold.get(r.get("s")) or ("?", r.get("s")),
                r["p"],
                id2gold.get(r.get("o")) or ("?", r.get("o")),
            )
            for r in pred.get("relations", [])
            if r.get("p") in RELS
        }
        counts["relations"][0] += len(gold_rels & pred_rels)
        counts["relations"][1] += len(pred_rels)
        counts["relations"][2] += len(gold_rels)
    out = {k: f1(*v) for k, v in counts.items()}
    tp, npred, ngold = (sum(counts[t][i] for t in TYPES) for i in range(3))
    out["entities"] = f1(tp, npred, ngold)
    return out


DEVELOPED = [f"g0{i}" for i in range(1, 6)]
UNSEEN = [f"g{i:02d}" for i in range(6, 11)]


def test_fixtures_are_complete() -> None:
    for stem in DEVELOPED + UNSEEN:
        assert (FIXTURES / "texts" / f"{stem}.txt").exists()
        assert (FIXTURES / "gold" / f"{stem}.json").exists()


def test_scorer_copy_matches_the_guide() -> None:
    assert norm("  “Dân vận khéo”. ") == "dân vận khéo"
    assert norm("Tết Quân–Dân") == "tết quân - dân"
    assert sim(["cafe treo"], ["mô hình cafe treo"]) > 0.5
    assert sim(["hộ nghèo"], ["hộ nghèo là đồng bào dân tộc thiểu số"]) == 0.0


@pytest.mark.parametrize(
    ("stems", "entity_floor", "relation_floor"),
    [(DEVELOPED, 0.93, 0.76), (UNSEEN, 0.93, 0.70), (DEVELOPED + UNSEEN, 0.93, 0.73)],
    ids=["g01-g05", "g06-g10", "all"],
)
def test_generalisation_floors(stems: list[str], entity_floor: float, relation_floor: float) -> None:
    result = score(stems)
    assert result["entities"] >= entity_floor, result
    assert result["relations"] >= relation_floor, result


def test_every_class_holds_on_all_fixtures() -> None:
    result = score(DEVELOPED + UNSEEN)
    for cls in TYPES:
        assert result[cls] >= 0.85, (cls, result)


H_DEVELOPED = [f"h0{i}" for i in range(1, 6)]
H_UNSEEN = [f"h{i:02d}" for i in range(6, 11)]


def test_second_fixture_set_is_complete() -> None:
    for stem in H_DEVELOPED + H_UNSEEN:
        assert (FIXTURES2 / "texts" / f"{stem}.txt").exists()
        assert (FIXTURES2 / "gold" / f"{stem}.json").exists()


@pytest.mark.parametrize(
    ("stems", "entity_floor", "relation_floor"),
    # 5 Dec 2026: the rule set was rebuilt for real articles (see docs/extraction.md); on these team-written
    # texts it scores a little under the old rules that were tuned on h01-h05 (relations 0.604 and 0.517)
    [(H_DEVELOPED, 0.95, 0.66), (H_UNSEEN, 0.91, 0.50), (H_DEVELOPED + H_UNSEEN, 0.93, 0.58)],
    ids=["h01-h05", "h06-h10", "all"],
)
def test_second_set_floors(stems: list[str], entity_floor: float, relation_floor: float) -> None:
    result = score(stems, FIXTURES2)
    assert result["entities"] >= entity_floor, result
    assert result["relations"] >= relation_floor, result
