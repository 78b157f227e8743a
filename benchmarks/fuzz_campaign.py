"""Long random campaign over the text pipeline; prints one JSON object.

For each generated input (Vietnamese-heavy: cue words, names in NFC and NFD, quotes, dashes,
newlines, header-like lines, control and odd characters) it runs the normaliser, the sentence
splitter, every mention recogniser and the whole ``extract_text``, and checks:

* nothing raises;
* normalising is idempotent and gives NFC without control characters;
* sentences are ordered, stripped and exactly ``body[start:end]``;
* mentions lie inside the body; every evidence satisfies ``body[start:end] == quote`` and its
  sentence text sits at ``sentence_start`` (and, reported separately, holds the quote);
* entity IRIs are well-formed, classes and relations are the contract's names.

``--sizes`` times ``extract_document`` on large generated files instead (a 50 MB text and a
single 1 MB line by default) and reports seconds and MB/s per size, so a quadratic step shows.

    python benchmarks/fuzz_campaign.py --n 200000 --jobs 2 > fuzz.json
    python benchmarks/fuzz_campaign.py --sizes 1,5,50 --line-mb 1
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

CUES = (
    "mô hình", "Mô hình", "phong trào", "phong trào thi đua", "cuộc vận động", "câu lạc bộ", "CLB", "quỹ",
    "Quỹ", "Dân vận khéo", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Ủy ban MTTQ Việt Nam",
    "Uỷ ban", "UBND huyện", "Công an xã", "Ban Dân vận Trung ương", "Ban Dân vận", "Huyện ủy", "Tỉnh ủy",
    "xã", "huyện", "tỉnh", "thành phố", "phường", "Đồng Tháp", "Quảng Ninh", "Thanh Hoá", "Thanh Hóa", "thuỷ",
    "Hà Nội", "TP. Hồ Chí Minh", "TP.", "Q.", "v.v.", "Nghị quyết số 25-NQ/TW", "Chỉ thị 49-CT/TW",
    "Kết luận số 114-KL/TW", "Quyết định 217-QĐ/TW", "hộ nghèo", "người cao tuổi", "thanh niên",
    "nông thôn mới", "PAPI", "PCI", "SIPAS", "giúp đỡ", "xây dựng", "phối hợp", "thực hiện", "do", "của",
    "cho", "tại", "trên địa bàn", "thuộc", "với", "và", "các", "triển khai", "ra mắt", "hưởng ứng", "gắn với",
    "Bộ đội Biên phòng", "BĐBP", "MTTQ", "NTM",
)
PUNCT = ("“", "”", '"', "'", "‘", "’", "«", "»", "„", "(", ")", "[", "]", ",", ";", ":", ".", "!", "?", "…",
         "-", "–", "—", "―", "/", "&amp;", "&quot;", "&#8220;", "<", ">", "\\", "}", "{", "#", "%", "*")
SPACES = (" ", " ", " ", " ", "  ", "\n", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b", "\u2028", "\ufeff",
          "\u00ad")
HEADERS = ("url: https://example.org/a\n", "title: Tiêu đề\n", "date: 2024-12-26\n", "outlet: Báo\n", "---\n",
           "date: unknown\n", "Thứ Năm, 26/12/2024\n", "key: value: more\n", "\n")
ODD = ("\u0301", "\u0323", "\u0300\u0301", "\ufffd", "\x00", "\x1b", "\x7f", "\U0001f600", "\u202e", "Ð", "ð",
       "\u0110", "İ", "ß", "ﬁ", "Å", "\u2060", "\ud7ff", "\U00010000")
LETTERS = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
           "AÀÁĂÂĐÊÔƠƯÝỲ0123456789")

CLASSES = {
    "Resolution", "Movement", "Model", "Organisation", "BeneficiaryGroup", "Place", "Programme", "Index",
}
_IRI = re.compile(r"^https://w3id\.org/danvan-kg/id/[A-Za-z0-9/_.~%-]+$")


def generate(rng: random.Random) -> str:
    """One random input."""
    parts: list[str] = []
    for _ in range(rng.randint(0, 70)):
        r = rng.random()
        if r < 0.35:
            word = rng.choice(CUES)
            if rng.random() < 0.15:
                word = unicodedata.normalize("NFD", word)
            elif rng.random() < 0.05:
                word = word.upper()
            parts.append(word)
        elif r < 0.55:
            parts.append(rng.choice(PUNCT))
        elif r < 0.75:
            parts.append(rng.choice(SPACES))
        elif r < 0.8:
            parts.append(rng.choice(HEADERS))
        elif r < 0.93:
            parts.append("".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 8))))
        elif r < 0.97:
            parts.append(rng.choice(ODD))
        else:
            parts.append(chr(rng.randint(0x20, 0x2FFF)))
        if rng.random() < 0.5:
            parts.append(" ")
    return "".join(parts)


def _check(text: str) -> list[str]:
    """The list of violated invariants for one input (empty when all hold)."""
    from danvan_kg.extract import extract_text
    from danvan_kg.extract.context import DocContext
    from danvan_kg.extract.registry import ordered_recognisers
    from danvan_kg.rdf.namespaces import CORE_RELATIONS, EXTRA_RELATIONS
    from danvan_kg.text.normalise import normalise
    from danvan_kg.text.sentences import split_sentences

    problems: list[str] = []
    body = normalise(text)
    if normalise(body) != body:
        problems.append("normalise:not-idempotent")
    if not unicodedata.is_normalized("NFC", body) or any(c in body for c in "\x00\x1b\x7f\r\t"):
        problems.append("normalise:bad-output")
    sentences = split_sentences(body)
    last = 0
    for s in sentences:
        exact = body[s.start : s.end] == s.text and s.text == s.text.strip()
        if not (last <= s.start < s.end <= len(body)) or not exact:
            problems.append("sentences:bad-offsets")
            break
        last = s.end
    ctx = DocContext(body)  # every registered recogniser, before overlaps are settled
    found = [m for r in ordered_recognisers() for m in r.fn(ctx)]
    for m in found:
        if not (0 <= m.start < m.end <= len(body)) or not body[m.start : m.end].strip():
            problems.append(f"mentions:{m.method}:bad-span")
    extraction = extract_text(text, "fuzz.txt")
    xbody = extraction.document.body
    ids = {e.id for e in extraction.entities}
    relations = set(CORE_RELATIONS) | set(EXTRA_RELATIONS)
    evidence = [ev for e in extraction.entities for ev in e.evidence]
    evidence += [ev for r in extraction.relations for ev in r.evidence]
    for e in extraction.entities:
        if e.type not in CLASSES or not _IRI.match(e.id):
            problems.append("extract:bad-entity")
    for r in extraction.relations:
        if r.p not in relations or r.s not in ids or r.o not in ids or not 0 <= r.confidence <= 1:
            problems.append("extract:bad-relation")
    for ev in evidence:
        if not (0 <= ev.start < ev.end <= len(xbody)) or xbody[ev.start : ev.end] != ev.quote:
            problems.append(f"extract:quote-offsets:{ev.method}")
        elif ev.sentence:
            s0 = ev.sentence_start
            if xbody[s0 : s0 + len(ev.sentence)] != ev.sentence:
                problems.append(f"extract:sentence-offsets:{ev.method}")
            elif not (s0 <= ev.start and ev.end <= s0 + len(ev.sentence)):
                problems.append(f"extract:quote-outside-sentence:{ev.method}")
    json.dumps(extraction.to_json(), ensure_ascii=False, allow_nan=False)
    return problems


def _batch(args: tuple[int, int, int]) -> dict[str, Any]:
    seed, start, count = args
    rng = random.Random(seed * 1_000_003 + start)
    kinds: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for _ in range(count):
        text = generate(rng)
        try:
            problems = _check(text)
        except Exception as exc:  # a crash is what the campaign looks for
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            problems = [f"crash:{type(exc).__name__}:{Path(frame.filename).name}:{frame.lineno}"]
        for kind in set(problems):
            kinds[kind] += 1
            if kind not in examples or len(text) < len(examples[kind]):
                examples[kind] = text
    return {"count": count, "kinds": dict(kinds), "examples": examples}


def _summary(done: int, kinds: Counter[str], examples: dict[str, str], seed: int, jobs: int,
             seconds: float) -> dict[str, Any]:
    crashes = sum(v for k, v in kinds.items() if k.startswith("crash:"))
    offsets = sum(v for k, v in kinds.items() if "offsets" in k or "bad-span" in k)
    outside = sum(v for k, v in kinds.items() if "quote-outside-sentence" in k)
    return {
        "inputs": done,
        "seed": seed,
        "jobs": jobs,
        "seconds": round(seconds, 1),
        "crashes": crashes,
        "offset_violations": offsets,
        "quotes_outside_their_sentence": outside,
        "inputs_with_problems_by_kind": dict(sorted(kinds.items())),
        "shortest_example_by_kind": dict(sorted(examples.items())),
    }


def campaign(
    n: int, seed: int, jobs: int, batch: int = 500, checkpoint: Path | None = None
) -> dict[str, Any]:
    """Run ``n`` inputs in ``jobs`` processes; counts and the shortest example of every problem.

    With ``checkpoint``, the summary so far is rewritten there after every batch.
    """
    started = time.monotonic()
    tasks = [(seed, start, min(batch, n - start)) for start in range(0, n, batch)]
    kinds: Counter[str] = Counter()
    examples: dict[str, str] = {}
    done = 0

    def merge(result: dict[str, Any]) -> None:
        nonlocal done
        done += result["count"]
        kinds.update(result["kinds"])
        for k, v in result["examples"].items():
            if k not in examples or len(v) < len(examples[k]):
                examples[k] = v
        if checkpoint is not None:
            summary = _summary(done, kinds, examples, seed, jobs, time.monotonic() - started)
            tmp = checkpoint.with_name(checkpoint.name + ".part")
            tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
            tmp.replace(checkpoint)

    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for result in pool.map(_batch, tasks):
                merge(result)
    else:
        for task in tasks:
            merge(_batch(task))
    return _summary(done, kinds, examples, seed, jobs, time.monotonic() - started)


def _big_text(target_bytes: int, seed: int, newline: bool = True) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    sep = "\n\n" if newline else " "
    while size < target_bytes:
        words = []
        for _ in range(rng.randint(8, 30)):
            word = rng.choice(CUES)
            if rng.random() < 0.05:
                word = f"“{word}”"
            words.append(word)
        sentence = " ".join(words) + rng.choice((".", ".", ",", ";", "!"))
        out.append(sentence)
        size += len(sentence.encode("utf-8")) + len(sep)
    return sep.join(out)


def size_bench(sizes_mb: list[float], line_mb: float) -> dict[str, Any]:
    """Seconds of ``extract_document`` on generated files of the given sizes and on one long line."""
    from danvan_kg.extract import extract_document

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [(f"{mb:g} MB text", _big_text(int(mb * 1_000_000), 1), mb) for mb in sizes_mb]
        if line_mb:
            line = _big_text(int(line_mb * 1_000_000), 2, newline=False)
            cases.append((f"single {line_mb:g} MB line", line, line_mb))
        for name, text, mb in cases:
            path = Path(tmp) / "big.txt"
            path.write_text("title: lớn\n\n" + text, encoding="utf-8")
            started = time.monotonic()
            try:
                extraction = extract_document(path)
                error = None
            except Exception as exc:  # report, do not stop the benchmark
                extraction, error = None, f"{type(exc).__name__}: {exc}"
            seconds = time.monotonic() - started
            rows.append({
                "case": name,
                "bytes": path.stat().st_size,
                "seconds": round(seconds, 2),
                "mb_per_s": round(mb / seconds, 3) if seconds else None,
                "entities": len(extraction.entities) if extraction else None,
                "relations": len(extraction.relations) if extraction else None,
                "error": error,
            })
            print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)
    return {"extract_document": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="inputs to generate (default 200,000)")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sizes", default="", help="sizes in MB (comma-separated): time extraction")
    parser.add_argument("--checkpoint", type=Path, help="summary so far, rewritten after each batch")
    parser.add_argument("--line-mb", type=float, default=0.0, help="with --sizes: also one line of this size")
    args = parser.parse_args(argv)
    if args.sizes or args.line_mb:
        sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
        result = size_bench(sizes, args.line_mb)
    else:
        result = campaign(args.n, args.seed, max(1, args.jobs), checkpoint=args.checkpoint)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if result.get("crashes") else 0


if __name__ == "__main__":
    raise SystemExit(main())
