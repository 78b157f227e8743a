"""Named questions on an existing on-disk store, as ``danvan-kg ask`` answers them: the first page (p50 of 3
timed runs after a warm-up) and every row (one run), each question in its own process under an address-space
limit, so a question that needs too much memory fails alone instead of taking the machine down.

    python benchmarks/bench_questions.py --store DIR --params DATA.nq.json [--modes page,all] [--only KEYS]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def asked(params: dict[str, str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """The questions ``run.py`` times, every row (``limit`` is added per mode)."""
    sys.path.insert(0, str(HERE))
    from run import question_params

    return question_params(params, page=False)


def one(store: str, name: str, given: dict[str, Any], mode: str, memory_gib: int) -> dict[str, Any]:
    """Time one question in this process (run by the parent in a child of its own)."""
    limit = memory_gib << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from danvan_kg.query import ask
    from danvan_kg.query.catalogue import get_question
    from danvan_kg.query.runner import CLI_PAGE
    from danvan_kg.store import KnowledgeGraph

    kg = KnowledgeGraph.open_read_only(store)
    out: dict[str, Any] = {}
    if mode == "page":
        page = {"limit": CLI_PAGE} if get_question(name).paged else {}
        ask(kg, name, **page, **given)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            rows = ask(kg, name, **page, **given)
            times.append(time.perf_counter() - start)
        out.update(p50_ms=round(statistics.median(times) * 1000, 1), rows=len(rows))
    else:
        start = time.perf_counter()
        rows = ask(kg, name, **given)
        out.update(all_ms=round((time.perf_counter() - start) * 1000), rows=len(rows))
    out["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="an existing on-disk store")
    parser.add_argument("--params", required=True, help="the .nq.json written next to the generated data")
    parser.add_argument("--modes", default="page,all", help="page (first page), all (every row)")
    parser.add_argument("--only", default="", help="comma-separated question keys (default: all)")
    parser.add_argument("--timeout", type=int, default=180, help="seconds per question")
    parser.add_argument("--memory-gib", type=int, default=8, help="address-space limit per question")
    parser.add_argument("--one", nargs=3, metavar=("NAME", "GIVEN", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        name, given, mode = args.one
        print(json.dumps(one(args.store, name, json.loads(given), mode, args.memory_gib)))
        return 0
    params = json.loads(Path(args.params).read_text(encoding="utf-8"))["params"]
    only = set(filter(None, args.only.split(",")))
    for mode in args.modes.split(","):
        for key, (name, given) in asked(params).items():
            if (only and key not in only) or (mode == "all" and name == "path"):
                continue  # path has no "every row": it is one walk
            report: dict[str, Any] = {"key": key, "mode": mode, "load": round(os.getloadavg()[0], 2)}
            command = [sys.executable, __file__, "--store", args.store, "--params", args.params]
            command += ["--memory-gib", str(args.memory_gib), "--one", name, json.dumps(given), mode]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
                lines = done.stdout.strip().splitlines()
                report.update(json.loads(lines[-1]) if lines else {"error": done.stderr.strip()[-200:]})
            except subprocess.TimeoutExpired:
                report["error"] = f"over {args.timeout} s"
            print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
