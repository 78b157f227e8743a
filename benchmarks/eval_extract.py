"""Extraction quality, as the held-out set is judged, with the detail needed to improve it.

Scores ``extract`` output against gold annotations with the shared scorer (``../shared/tools/score.py``:
lenient label match, relations through the aligned entities) and adds what the scorer does not print:

* scores per batch of files (``--split``: ``dev=0*,tuned=1*``), so the part of a corpus the rules were not
  written on is reported beside the part they were;
* precision of every rule: for each relation rule (``method``) and each entity recogniser, how many of its
  outputs the gold confirms — a fallback rule earns its place by this figure on texts it was not written for;
* with ``--diff``, every missed and every spurious entity and relation, per document.

``python benchmarks/eval_extract.py --texts ../shared/corpus/texts --gold ../shared/corpus/gold
--split first=0*,second=1* [--diff] [--json]``.
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

from danvan_kg.extract import extract_document
from danvan_kg.paths import corpus_dir

TYPES = ["Movement", "Model", "Organisation", "BeneficiaryGroup", "Resolution", "Place"]
RELS = ["partOf", "runBy", "benefits", "locatedIn", "launchedBy", "implements"]


def load_scorer(path: Path | None = None) -> ModuleType:
    """The shared scorer as a module (its ``norm``, ``names``, ``align``)."""
    path = path or corpus_dir().parent / "tools" / "score.py"
    if not path.is_file():
        raise SystemExit(f"scorer not found: {path} (set DANVAN_KG_CORPUS or pass --scorer)")
    spec = importlib.util.spec_from_file_location("danvan_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Tally:
    """tp / predicted / gold counts per key."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.pred: Counter[str] = Counter()
        self.gold: Counter[str] = Counter()

    def prf(self, key: str) -> tuple[float, float, float]:
        tp, p, g = self.tp[key], self.pred[key], self.gold[key]
        prec = tp / p if p else (1.0 if not g else 0.0)
        rec = tp / g if g else 1.0
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f

    def row(self, key: str) -> dict[str, float | int]:
        p, r, f = self.prf(key)
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp[key],
            "pred": self.pred[key],
            "gold": self.gold[key],
        }


def score_document(sc: ModuleType, gold: dict, extraction: object, out: dict) -> dict:
    """Score one document into the running tallies of ``out``; return its diff."""
    pred = extraction.to_json()  # type: ignore[attr-defined]
    gents = [e for e in gold["entities"] if e["type"] in TYPES]
    seen: set[tuple[str, str]] = set()
    pents: list[dict] = []
    methods: list[str] = []
    by_id = {e.id: e for e in extraction.entities}  # type: ignore[attr-defined]
    for e in pred["entities"]:
        k = (e["type"], sc.norm(e["label"]))
        if e["type"] in TYPES and k not in seen:
            seen.add(k)
            pents.append(e)
            ent = by_id.get(e["id"])
            methods.append(ent.evidence[0].method if ent and ent.evidence else "?")
    m = sc.align(gents, pents)
    ent: Tally = out["entities"]
    for t in TYPES:
        ent.pred[t] += sum(1 for e in pents if e["type"] == t)
        ent.gold[t] += sum(1 for e in gents if e["type"] == t)
        ent.tp[t] += sum(1 for i in m if pents[i]["type"] == t)
    for i, method in enumerate(methods):
        out["entity_rules"].pred[method] += 1
        out["entity_rules"].tp[method] += i in m
    id2gold: dict[str, str] = {}
    for i, j in m.items():
        id2gold[pents[i]["id"]] = gents[j]["label"]
    lab2gold = {sc.norm(pents[i]["label"]): gents[j]["label"] for i, j in m.items()}
    for e in pred["entities"]:
        g = lab2gold.get(sc.norm(e["label"]))
        if g:
            id2gold.setdefault(e["id"], g)
    galias: dict[str, str] = {}
    for e in gents:
        for n in sc.names(e):
            galias.setdefault(n, e["label"])
    gold_rels = {
        (galias.get(sc.norm(r["s"]), r["s"]), r["p"], galias.get(sc.norm(r["o"]), r["o"]))
        for r in gold.get("relations", [])
        if r["p"] in RELS
    }
    label_of = {e["id"]: e["label"] for e in pred["entities"]}
    pred_rels: dict[tuple, str] = {}
    for r, rel in zip(pred["relations"], extraction.relations, strict=True):  # type: ignore[attr-defined]
        if r["p"] not in RELS:
            continue
        s, o = id2gold.get(r["s"]), id2gold.get(r["o"])
        key = (s or ("?", label_of.get(r["s"], r["s"])), r["p"], o or ("?", label_of.get(r["o"], r["o"])))
        pred_rels.setdefault(key, rel.method)
    rel: Tally = out["relations"]
    for key, method in pred_rels.items():
        hit = key in gold_rels
        rel.pred[key[1]] += 1
        rel.tp[key[1]] += hit
        out["relation_rules"].pred[method] += 1
        out["relation_rules"].tp[method] += hit
    for key in gold_rels:
        rel.gold[key[1]] += 1
    matched_gold = set(m.values())
    return {
        "missed_entities": [
            f"{g['type']}: {g['label']}" for j, g in enumerate(gents) if j not in matched_gold
        ],
        "spurious_entities": [
            f"{p['type']}: {p['label']} [{methods[i]}]" for i, p in enumerate(pents) if i not in m
        ],
        "missed_relations": sorted(f"{s} -{p}-> {o}" for s, p, o in gold_rels - set(pred_rels)),
        "spurious_relations": sorted(
            f"{_show(k[0])} -{k[1]}-> {_show(k[2])} [{v}]" for k, v in pred_rels.items() if k not in gold_rels
        ),
    }


def _show(x: object) -> str:
    return f"?{x[1]}" if isinstance(x, tuple) else str(x)


def _new() -> dict:
    return {"entities": Tally(), "relations": Tally(), "entity_rules": Tally(), "relation_rules": Tally()}


def summary(out: dict) -> dict:
    ent, rel = out["entities"], out["relations"]
    tp, pr, gd = (sum(c[t] for t in TYPES) for c in (ent.tp, ent.pred, ent.gold))
    p = tp / pr if pr else 0.0
    r = tp / gd if gd else 0.0
    rtp, rpr, rgd = (sum(c.values()) for c in (rel.tp, rel.pred, rel.gold))
    rp = rtp / rpr if rpr else 0.0
    rr = rtp / rgd if rgd else 0.0
    return {
        "entities_micro": {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(2 * p * r / (p + r) if p + r else 0, 3),
        },
        "relations": {
            "p": round(rp, 3),
            "r": round(rr, 3),
            "f1": round(2 * rp * rr / (rp + rr) if rp + rr else 0, 3),
        },
        "classes": {t: ent.row(t) for t in TYPES},
        "predicates": {p_: rel.row(p_) for p_ in RELS},
        "entity_rules": {k: out["entity_rules"].row(k) for k in sorted(out["entity_rules"].pred)},
        "relation_rules": {k: out["relation_rules"].row(k) for k in sorted(out["relation_rules"].pred)},
    }


def evaluate(texts: Path, gold: Path, split: dict[str, str], sc: ModuleType) -> tuple[dict, dict]:
    """Scores per batch (and ``all``) and the per-document diffs."""
    batches = {"all": _new(), **{name: _new() for name in split}}
    diffs: dict[str, dict] = {}
    for gpath in sorted(gold.glob("*.json")):
        g = json.loads(gpath.read_text(encoding="utf-8"))
        tpath = texts / g.get("file", gpath.stem + ".txt")
        if not tpath.is_file():
            continue
        extraction = extract_document(tpath)
        targets = [batches["all"]] + [
            batches[n]
            for n, pat in split.items()
            if any(fnmatch.fnmatch(gpath.name, p) for p in pat.split("|"))
        ]
        diff = None
        for t in targets:
            diff = score_document(sc, g, extraction, t)
        diffs[gpath.stem] = diff or {}
    return {name: summary(b) for name, b in batches.items()}, diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--texts", type=Path, default=corpus_dir() / "texts")
    ap.add_argument("--gold", type=Path, default=corpus_dir() / "gold")
    ap.add_argument("--scorer", type=Path, default=None)
    ap.add_argument("--split", default="", help="batches as NAME=GLOB,... over gold file names")
    ap.add_argument("--diff", action="store_true", help="print every miss and every spurious output")
    ap.add_argument("--rules", action="store_true", help="print the precision of every rule")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    split = dict(part.split("=", 1) for part in args.split.split(",") if "=" in part)
    sc = load_scorer(args.scorer)
    scores, diffs = evaluate(args.texts, args.gold, split, sc)
    if args.json:
        print(json.dumps({"scores": scores, **({"diffs": diffs} if args.diff else {})}, ensure_ascii=False))
        return 0
    if args.diff:
        for name, d in diffs.items():
            if any(d.values()):
                print(f"== {name}")
                for k, items in d.items():
                    for it in items:
                        print(f"  {k.split('_')[0][:4]} {k.split('_')[1][:3]}: {it}")
    for name, s in scores.items():
        cls = " ".join(f"{t[:5]} {v['f1']:.2f}" for t, v in s["classes"].items())
        prd = " ".join(
            f"{p[:6]} {v['f1']:.2f}({v['tp']}/{v['pred']}/{v['gold']})" for p, v in s["predicates"].items()
        )
        print(f"[{name}] entities {s['entities_micro']} relations {s['relations']}\n   {cls}\n   {prd}")
    if args.rules:
        batches = [b for b in scores if b != "all"] or ["all"]
        for kind in ("entity_rules", "relation_rules"):
            print(f"-- {kind}: precision per batch ({', '.join(batches)})")
            keys = sorted(
                {k for b in batches for k in scores[b][kind]},
                key=lambda k: -sum(scores[b][kind].get(k, {}).get("pred", 0) for b in batches),
            )
            for k in keys:
                cells = []
                for b in batches:
                    v = scores[b][kind].get(k)
                    cells.append(
                        f"{v['tp']:3d}/{v['pred']:<3d}={v['tp'] / max(1, v['pred']):.2f}" if v else " " * 12
                    )
                print(f"   {k:40s} " + "  ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
