"""Extraction speed: documents per second on one core over the dev corpus (or the bundled samples).

``run() -> dict`` warms up once (gazetteers, admin-unit lookups), then extracts every document
``rounds`` times in this process and reports documents/s (wall clock, and per CPU second, which is
robust to other load on the machine) and characters/s; ``python
benchmarks/bench_extract.py [DIR] [--rounds N]`` prints the result as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

from danvan_kg.extract import extract_parsed
from danvan_kg.paths import corpus_dir, samples_dir
from danvan_kg.sources.load import load_document as read_document


def _default_dir() -> Path:
    texts = corpus_dir() / "texts"
    return texts if texts.is_dir() else samples_dir()


def run(folder: str | Path | None = None, rounds: int = 5) -> dict:
    """Time extraction over every ``*.txt`` of ``folder`` (default: the dev corpus, else the samples)."""
    folder = Path(folder) if folder else _default_dir()
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no *.txt files in {folder}")
    started = time.perf_counter()
    for p in paths:  # warm-up: loads the gazetteers and fills the admin-unit caches
        read_document(p)
    warmup_docs = [read_document(p) for p in paths]
    for d in warmup_docs:
        extract_parsed(d)
    warmup = time.perf_counter() - started
    per_round = []
    end_to_end = []
    cpu = []
    for _ in range(rounds):
        t = time.perf_counter()
        c = time.process_time()
        for p in paths:
            extract_parsed(read_document(p))
        end_to_end.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        t = time.perf_counter()
        for d in warmup_docs:
            extract_parsed(d)
        per_round.append(time.perf_counter() - t)
    chars = sum(len(d.body) for d in warmup_docs)
    best = min(end_to_end)
    return {
        "benchmark": "extract",
        "folder": str(folder),
        "documents": len(paths),
        "rounds": rounds,
        "mean_chars_per_document": round(chars / len(paths)),
        "warmup_s": round(warmup, 3),
        "docs_per_s": round(len(paths) / best, 1),
        "docs_per_s_median": round(len(paths) / statistics.median(end_to_end), 1),
        "docs_per_s_extraction_only": round(len(paths) / min(per_round), 1),
        "docs_per_cpu_s": round(len(paths) / min(cpu), 1),
        "chars_per_s": round(chars / best),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder", nargs="?", default=None, help="folder of *.txt files (default: dev corpus or samples)"
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.folder, args.rounds), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
