"""Serving under load: ``danvan-kg serve`` over a store, many clients asking named questions at once.

    python benchmarks/bench_serve.py --store /tmp/bench-10m --params synthetic-10000000-seed42.nq.json \\
        --clients 16 --questions 1000 --json

First each named question (first page, as ``danvan-kg ask`` asks it) is answered once on the
store itself through a recording target, which keeps every SPARQL query the runner sends, bound
exactly as it sends them to an endpoint (``ask --endpoint``): the label lookups, the page of
subjects, the page's rows. Then ``danvan-kg serve`` is started on 127.0.0.1 and ``--clients``
threads, spread over ``--processes`` client processes, each ask ``--questions`` questions in turn
(every query of a question, one after the other, as a client of the endpoint does). Reported:
questions and queries per second, p50/p99 latency of a question and of a query, errors (any
answer that is not HTTP 200 with a complete body), the load average, and the server's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from http.client import HTTPConnection
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from danvan_kg.serving.servers import free_port
from danvan_kg.sparql.text import query_form
from danvan_kg.store.remote import RemoteEndpoint

HERE = Path(__file__).resolve().parent
ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples",
    "DESCRIBE": "application/n-triples",
}


class Recorder:
    """A query target that answers from a store and keeps every query as an endpoint would get it."""

    def __init__(self, kg: Any) -> None:
        self.kg = kg
        self.queries: list[str] = []

    def _keep(self, query: str, bindings: Mapping[str, Node] | None) -> None:
        self.queries.append(RemoteEndpoint._text(query, bindings))

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list:
        self._keep(query, bindings)
        return self.kg.select(query, bindings)

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        self._keep(query, bindings)
        return self.kg.ask(query, bindings)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        self._keep(query, bindings)
        return self.kg.construct(query, bindings)


def question_set(params: dict[str, str]) -> dict[str, tuple[str, dict[str, Any]]]:
    """The named questions asked (key → question and parameters), from the generated data as ``run.py``
    asks them."""
    sys.path.insert(0, str(HERE))
    from run import question_params

    return question_params(params, page=True)


def record(store: Path, params: dict[str, str]) -> dict[str, list[str]]:
    """Every query each question sends, in order (answered once on the store, opened read-only)."""
    from danvan_kg.query import ask
    from danvan_kg.store import KnowledgeGraph

    kg = KnowledgeGraph.open_read_only(store)
    out: dict[str, list[str]] = {}
    try:
        for key, (name, given) in question_set(params).items():
            recorder = Recorder(kg)
            ask(recorder, name, **given)
            out[key] = recorder.queries
    finally:
        kg.close()
    return out


def _post(connection: HTTPConnection, text: str) -> bytes:
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT[query_form(text)]}
    connection.request("POST", "/query", body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status}: {data[:200]!r}")
    if b"cancelled" in data[-200:]:
        raise RuntimeError("query cancelled by the server's timeout")
    return data


def client_process(port: int, threads: int, questions: int, plan: list[list[str]], offset: int) -> dict:
    """``threads`` clients in this process, each asking ``questions`` questions of ``plan`` in turn."""
    question_ms: list[float] = []
    query_ms: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        mine_q, mine_s, mine_e = [], [], []
        for i in range(questions):
            queries = plan[(offset + number + i) % len(plan)]
            started = time.perf_counter()
            try:
                for text in queries:
                    t0 = time.perf_counter()
                    connection = HTTPConnection("127.0.0.1", port, timeout=120)
                    try:
                        _post(connection, text)
                    finally:
                        connection.close()
                    mine_s.append((time.perf_counter() - t0) * 1000)
            except Exception as exc:  # counted, never fatal: the figure is how many fail
                mine_e.append(f"{type(exc).__name__}: {str(exc)[:200]}")
                continue
            mine_q.append((time.perf_counter() - started) * 1000)
        with lock:
            question_ms.extend(mine_q)
            query_ms.extend(mine_s)
            errors.extend(mine_e)

    workers = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {"question_ms": question_ms, "query_ms": query_ms, "errors": errors}


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def wait_for(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve exited: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            connection = HTTPConnection("127.0.0.1", port, timeout=2)
            _post(connection, "ASK {}")
            connection.close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("serve did not answer")


def server_rss_mb(serve_pid: int) -> float | None:
    """Peak RSS (VmHWM) of the Oxigraph child of the serve process."""
    try:
        children = Path(f"/proc/{serve_pid}/task/{serve_pid}/children").read_text().split()
        for child in children:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", type=Path, required=True, help="an existing store folder")
    parser.add_argument("--params", type=Path, required=True, help="the .nq.json next to generated data")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--questions", type=int, default=1000, help="questions per client")
    parser.add_argument("--processes", type=int, default=2, help="client processes (threads shared out)")
    parser.add_argument("--timeout", type=float, default=60, help="serve --timeout")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    params = json.loads(args.params.read_text(encoding="utf-8"))["params"]
    recorded = record(args.store, params)
    plan = [recorded[name] for name in sorted(recorded)]
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "danvan_kg", "--store", str(args.store), "serve", "--port", str(port),
         "--timeout", str(args.timeout)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(port, serve)
        load_before = os.getloadavg()
        share, rest = divmod(args.clients, args.processes)
        per_process = [share + (i < rest) for i in range(args.processes)]
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.processes) as pool:
            futures = [
                pool.submit(client_process, port, threads, args.questions, plan, sum(per_process[:i]))
                for i, threads in enumerate(per_process)
                if threads
            ]
            results = [f.result() for f in futures]
        wall = time.perf_counter() - started
        rss = server_rss_mb(serve.pid)
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=60)
    question_ms = [v for r in results for v in r["question_ms"]]
    query_ms = [v for r in results for v in r["query_ms"]]
    errors = [e for r in results for e in r["errors"]]
    report = {
        "store": str(args.store),
        "clients": args.clients,
        "questions_per_client": args.questions,
        "client_processes": args.processes,
        "queries_per_question": {name: len(queries) for name, queries in sorted(recorded.items())},
        "wall_s": round(wall, 2),
        "questions": len(question_ms),
        "queries": len(query_ms),
        "errors": len(errors),
        "first_errors": sorted(set(errors))[:5],
        "questions_per_s": round(len(question_ms) / wall, 1),
        "queries_per_s": round(len(query_ms) / wall, 1),
        "question_p50_ms": percentile(question_ms, 0.50),
        "question_p99_ms": percentile(question_ms, 0.99),
        "query_p50_ms": percentile(query_ms, 0.50),
        "query_p99_ms": percentile(query_ms, 0.99),
        "query_mean_ms": round(statistics.fmean(query_ms), 2) if query_ms else None,
        "server_peak_rss_mb": rss,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "nproc": os.cpu_count(),
    }
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))
    return 0 if not errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
