"""End-to-end ingest at scale: synthetic articles (``articles.py``) into an on-disk store, batch by batch.

    python benchmarks/bench_ingest.py --count 100000 --jobs 2 --json > ingest-100k.json

The articles are written once under ``--data-dir`` in folders of 10,000. A store is created with
``danvan-kg build --no-samples`` (ontology, catalogues, administrative units), then each folder is
ingested by ``danvan-kg ingest --jobs N`` in its own process, as a daily run would be, so the figures
of the last folder are those of an ingest into a store that already holds 90,000 articles. Per
folder: documents, wall seconds, documents per second, CPU seconds of the process and its workers,
their peak RSS, the store's triples and size on disk after it, and the load average; then the rate
of the first and last folders (flat means the rate does not decay as the store grows).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = Path(tempfile.gettempdir()) / "danvan-kg-bench"


def articles(count: int, seed: int, data_dir: Path) -> list[Path]:
    """The folders of ``count`` articles (generated once, reused while the count and seed match)."""
    sys.path.insert(0, str(HERE))
    from articles import PER_FOLDER, write

    root = data_dir / f"articles-{count}-seed{seed}"
    done = root / "COMPLETE"
    if not done.exists():
        write(count, root, seed)
        done.write_text(str(count), encoding="utf-8")
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    assert sum(1 for f in folders for _ in f.iterdir()) == count, "incomplete article folders"
    assert len(folders) == -(-count // PER_FOLDER)
    return folders


def run(argv: list[str]) -> dict[str, Any]:
    """Run a danvan-kg command: wall seconds, and CPU seconds and peak RSS of it and its workers."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "danvan_kg", *argv], stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # the child's own usage, its waited workers included
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        if process.returncode != 0:
            tail = err.read().decode(errors="replace")[-500:]
            raise SystemExit(f"danvan-kg {' '.join(argv[:3])} failed: {tail}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
    }


def store_size(store: Path) -> int:
    return sum(p.stat().st_size for p in store.iterdir() if p.is_file())


def stats(store: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "danvan_kg", "--store", str(store), "stats", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles (a multiple of 10,000 is best)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--store", type=Path, default=None, help="store folder (default: a temporary one)")
    parser.add_argument("--json", action="store_true", help="print only the JSON report")
    args = parser.parse_args(argv)
    folders = articles(args.count, args.seed, args.data_dir)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-", dir=args.data_dir) as tmp:
        store = args.store or Path(tmp) / "store"
        build = run(["--store", str(store), "build", "--no-samples"])
        report: dict[str, Any] = {
            "articles": args.count,
            "jobs": args.jobs,
            "nproc": os.cpu_count(),
            "build_s": round(build["wall_s"], 2),
            "batches": [],
        }
        total_docs = 0
        for folder in folders:
            load = os.getloadavg()
            done = run(["--store", str(store), "ingest", "--jobs", str(args.jobs), str(folder)])
            docs = sum(1 for _ in folder.iterdir())
            total_docs += docs
            cpu = done["cpu_s"]
            facts = stats(store)
            batch = {
                "folder": folder.name,
                "documents": docs,
                "store_articles_after": facts["graphs"]["articles"],
                "wall_s": round(done["wall_s"], 2),
                "documents_per_s": round(docs / done["wall_s"], 1),
                "cpu_s": round(cpu, 2),
                "cpu_ms_per_document": round(1000 * cpu / docs, 2),
                "peak_rss_mb": round(done["peak_rss_mb"], 1),  # the ingest process or a worker
                "triples_after": facts["triples"],
                "disk_mb_after": round(store_size(store) / 1e6, 1),
                "load_average_before": [round(x, 2) for x in load],
                "load_average_after": [round(x, 2) for x in os.getloadavg()],
            }
            report["batches"].append(batch)
            if not args.json:
                print(json.dumps(batch), file=sys.stderr)
        first, last = report["batches"][0], report["batches"][-1]
        wall = sum(b["wall_s"] for b in report["batches"])
        report["summary"] = {
            "documents": total_docs,
            "wall_s": round(wall, 1),
            "documents_per_s": round(total_docs / wall, 1),
            "cpu_ms_per_document": round(1000 * sum(b["cpu_s"] for b in report["batches"]) / total_docs, 2),
            "first_batch_documents_per_s": first["documents_per_s"],
            "last_batch_documents_per_s": last["documents_per_s"],
            "first_batch_cpu_ms_per_document": first["cpu_ms_per_document"],
            "last_batch_cpu_ms_per_document": last["cpu_ms_per_document"],
            "peak_rss_mb": max(b["peak_rss_mb"] for b in report["batches"]),
            "triples": last["triples_after"],
            "disk_mb": last["disk_mb_after"],
        }
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
