"""Benchmarks: the project's store against plain rdflib (and pyoxigraph as the limit), in one run.

    python benchmarks/run.py --triples 1000000 --json

For the synthetic data of ``benchmarks/generate.py`` (generated once, cached), each engine runs
in its own subprocess so that its peak memory is its own:

* ``project``   ``danvan_kg.store.KnowledgeGraph`` on disk (Oxigraph): ``bulk_load`` + ``select``
  (answers converted to rdflib terms, as the package hands them out);
* ``rdflib``    rdflib's in-memory ``Dataset(default_union=True)``: ``parse`` + ``query``;
* ``pyoxigraph`` a pyoxigraph ``Store`` on disk used directly: ``bulk_load`` + ``query`` (the limit).

Every named question (``benchmarks/queries/*.rq``: models, beneficiaries, chain, path, search)
is timed as the p50 of repeated runs after one warm-up; the row counts of the three engines are
compared. When ``benchmarks/bench_extract.py`` and ``benchmarks/bench_html.py`` exist, their
``run()`` is called (each in a subprocess too) and its figures are included. The result is one
JSON object with every figure, the ratios rdflib/project and project/pyoxigraph, the targets
and whether each is met, and the machine it ran on.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries"
QUERY_NAMES = ("models", "beneficiaries", "chain", "path", "search")
"""``benchmarks/queries/*.rq``: one plain query per question, the engines compared on equal terms."""
QUESTIONS = (
    "models",
    "models_place",
    "beneficiaries",
    "chain",
    "path",
    "search",
    "organisations_place",
    "runs",
    "evidence",
    "timeline",
    "timeline_place",
)
"""The named questions timed, each as a user asks it (``question_params``)."""
ENGINES = ("project", "pyoxigraph", "rdflib", "project-memory")
RDFLIB_LIMIT = (
    2_000_000  # above this, rdflib's in-memory store is skipped (about 30 s and 1.3 GB per million)
)
TARGETS = {
    "load_speedup_vs_rdflib_min": 8.0,
    "query_speedup_vs_rdflib_min": 10.0,
    "query_p50_ms_max": 100.0,
    "project_over_pyoxigraph_max": 1.5,
    "peak_rss_gib_max": 16.0,
}


# ---------------------------------------------------------------------------------------- helpers


def cpu_s() -> float:
    """CPU seconds (user + system) of this process and its threads so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class _TimedOut(BaseException):  # not an Exception: engines that catch those must not swallow it
    """One run of a question took longer than the per-question limit."""


def _on_alarm(signum: int, frame: object) -> None:
    raise _TimedOut


def limited(fn: Callable[[], int], limit_s: float) -> int | None:
    """``fn()``, or None when it ran longer than ``limit_s`` seconds."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit_s)
    try:
        return fn()
    except _TimedOut:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def p50_ms(
    fn: Callable[[], int], repeat: int, budget_s: float = 60.0, limit_s: float = 60.0
) -> dict[str, Any]:
    """Warm up once, then time ``fn`` up to ``repeat`` times (fewer if a run is slow); p50 in ms.

    A first run longer than ``limit_s`` is interrupted (SIGALRM: rdflib, and Oxigraph while Python
    iterates over its solutions) and reported as ``{"timed_out": true, "p50_ms": limit_s * 1000}``
    (a lower bound).
    """
    started = time.perf_counter()
    rows = limited(fn, limit_s)
    if rows is None:
        return {"p50_ms": round(limit_s * 1000, 2), "runs": 0, "rows": None, "timed_out": True}
    first = time.perf_counter() - started
    runs = repeat if first * repeat < budget_s else max(1, int(budget_s / max(first, 1e-9)))
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return {"p50_ms": round(statistics.median(times), 2), "runs": len(times), "rows": rows}


def query_text(name: str) -> str:
    return (QUERIES / f"{name}.rq").read_text(encoding="utf-8")


def bindings_for(name: str, params: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each benchmark query's bound variable: (kind, value) with kind ``iri`` or ``literal``."""
    return {
        "models": {"movement": ("iri", params["movement"])},
        "beneficiaries": {"movement": ("iri", params["movement"])},
        "chain": {"resolution": ("iri", params["resolution"])},
        "path": {"area": ("iri", params["province"])},
        "search": {"needle": ("literal", search_key(params["search"]))},
    }[name]


def question_params(params: dict[str, str], page: bool = True) -> dict[str, tuple[str, dict[str, Any]]]:
    """The package's named questions as a user asks them (labels, resolved by the runner): key ->
    (question, parameters).

    ``page``: as ``danvan-kg ask`` asks them, the paged questions for their first page of
    ``CLI_PAGE`` rows; otherwise every row, as the Python API (``ask``) returns them. Parameters
    missing from older data files (the province's and an organisation's names) leave their
    questions out.
    """
    from danvan_kg.query.catalogue import get_question
    from danvan_kg.query.runner import CLI_PAGE

    province, org = params.get("province_label"), params.get("organisation_label")
    asked: dict[str, tuple[str, dict[str, Any]] | None] = {
        "models": ("models", {"movement": params["movement_label"]}),
        "models_place": ("models", {"movement": params["movement_label"], "place": province}),
        "beneficiaries": ("beneficiaries", {"of": params["movement_label"]}),
        "chain": ("chain", {"resolution": params["resolution_label"]}),
        "path": ("path", {"from": params["resolution_label"], "to": params["group_label"]}),
        "search": ("search", {"text": params["search"]}),
        "organisations_place": ("organisations", {"place": province}),
        "runs": ("runs", {"organisation": org}),
        "evidence": ("evidence", {"of": params["movement_label"]}),
        "timeline": ("timeline", {}),
        "timeline_place": ("timeline", {"place": province}),
    }
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for key, item in asked.items():
        if item is None or any(value is None for value in item[1].values()):
            continue
        name, given = item[0], dict(item[1])
        if page and get_question(name).paged:
            given["limit"] = CLI_PAGE
        out[key] = (name, given)
    return out


MODES = {"questions": True, "questions_all": False}
"""Sections of the report: the questions as the command line asks them (first page) and with every row."""


SKIPPED_QUESTIONS: set[str] = set()
"""Questions left out (``--skip-questions``): a query stuck inside Oxigraph cannot be interrupted."""


def time_questions(kg: Any, params: dict[str, str], repeat: int, page: bool = True) -> dict[str, Any]:
    """p50 of ``danvan_kg.query.ask`` for each named question (entity lookup, query, handler, rows)."""
    from danvan_kg.query import ask

    out: dict[str, Any] = {}
    for key, (name, given) in question_params(params, page).items():
        if key in SKIPPED_QUESTIONS:
            out[key] = {"skipped": True}
            continue
        out[key] = p50_ms(lambda name=name, given=given: len(ask(kg, name, **given)), repeat)
    return out


def time_cookbook(run: Callable[[str], int], repeat: int) -> dict[str, Any]:
    """p50 of each SPARQL cookbook query (``danvan_kg.query.cookbook``, when the package has it)."""
    try:
        from danvan_kg.query.cookbook import cookbook
    except ImportError:
        return {}
    from danvan_kg.sparql.text import with_prefixes

    out = {}
    for recipe in cookbook():
        text = with_prefixes(recipe.text)
        out[recipe.name] = p50_ms(lambda text=text: run(text), repeat)
    return out


def rendered_questions(
    params: dict[str, str], page: bool = True
) -> dict[str, tuple[str, dict[str, Any]] | None]:
    """Each question's SPARQL, bound to the generated IRIs, for pyoxigraph used directly.

    ``None`` for the questions answered by several queries and Python: ``path`` (a breadth-first
    search), ``chain`` (step by step), ``search`` (the hits, then one query describing them),
    ``beneficiaries`` (the things serving each group, then the names of a few) and a page of
    ``models`` (its models chosen and sorted first, then the rest of the query for them).
    The IRIs come from the generator, not from the runner's label lookup, so this costs no query.
    """
    from danvan_kg.query.catalogue import get_question
    from danvan_kg.sparql.text import with_prefixes

    iris = {
        "models": {"movement": params["movement"]},
        "beneficiaries": {"of": params["movement"]},
    }
    out: dict[str, tuple[str, dict[str, Any]] | None] = {"path": None, "chain": None, "search": None}
    for name, given in iris.items():
        question = get_question(name)
        if question.handler or (page and question.paged):
            out[name] = None
            continue
        out[name] = (
            with_prefixes(question.render(set(given))),
            {v: ("iri", iri) for v, iri in given.items()},
        )
    return out


def search_key(text: str) -> str:
    from danvan_kg.resolve import search_key as key

    return key(text)


# ---------------------------------------------------------------------------------------- workers


def derive(kg: Any) -> float:
    """Derive what ingest keeps up and the generated dump does not carry (the beneficiaries rollups
    of busy hubs, :mod:`danvan_kg.query.rollups`); seconds taken (not part of the load figure)."""
    from danvan_kg.query.rollups import refresh_rollups

    t0 = time.perf_counter()
    if kg.backend != "rdflib":
        refresh_rollups(kg)
    return round(time.perf_counter() - t0, 2)


def work_project(
    data: Path, params: dict[str, str], repeat: int, backend: str = "oxigraph"
) -> dict[str, Any]:
    from rdflib import Literal, URIRef

    from danvan_kg.store import KnowledgeGraph

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-project-") as tmp:
        t0 = time.perf_counter()
        location = Path(tmp) / "store" if backend == "oxigraph" else None
        kg = KnowledgeGraph.open(location, backend=backend)  # type: ignore[arg-type]
        cpu0 = cpu_s()
        kg.bulk_load(data)
        out["load_s"] = round(time.perf_counter() - t0, 3)
        out["load_cpu_s"] = round(cpu_s() - cpu0, 2)
        out["derive_s"] = derive(kg)
        out["rss_after_load_mb"] = peak_rss_mb()
        if location is not None:
            out["disk_mb"] = round(sum(f.stat().st_size for f in location.iterdir() if f.is_file()) / 1e6, 1)
        queries = {}
        for name in QUERY_NAMES:
            text = query_text(name)
            binds = {
                var: URIRef(value) if kind == "iri" else Literal(value)
                for var, (kind, value) in bindings_for(name, params).items()
            }
            queries[name] = p50_ms(lambda text=text, binds=binds: len(kg.select(text, binds)), repeat)
        out["queries"] = queries
        for section, page in MODES.items():
            out[section] = time_questions(kg, params, repeat, page)
        out["cookbook"] = time_cookbook(lambda text: len(kg.select(text)), repeat)
        kg.close()
    return out


def work_pyoxigraph(data: Path, params: dict[str, str], repeat: int) -> dict[str, Any]:
    import pyoxigraph as ox

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-pyox-") as tmp:
        t0 = time.perf_counter()
        cpu0 = cpu_s()
        store = ox.Store(str(Path(tmp) / "store"))
        store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
        store.optimize()  # as the project does after a bulk load (and `oxigraph load` advises)
        out["load_s"] = round(time.perf_counter() - t0, 3)
        out["load_cpu_s"] = round(cpu_s() - cpu0, 2)
        out["rss_after_load_mb"] = peak_rss_mb()
        queries = {}
        for name in QUERY_NAMES:
            text = query_text(name)
            subs = {
                ox.Variable(var): ox.NamedNode(value) if kind == "iri" else ox.Literal(value)
                for var, (kind, value) in bindings_for(name, params).items()
            }

            def run(text: str = text, subs: dict = subs) -> int:
                answer = store.query(text, use_default_graph_as_union=True, substitutions=subs)
                return len([tuple(solution) for solution in answer])

            queries[name] = p50_ms(run, repeat)
        out["queries"] = queries
        for section, page in MODES.items():
            questions: dict[str, Any] = {}
            for name, item in rendered_questions(params, page).items():
                if item is None:
                    continue
                text, raw = item
                subs = {
                    ox.Variable(var): ox.NamedNode(value) if kind == "iri" else ox.Literal(value)
                    for var, (kind, value) in raw.items()
                }

                def run_question(text: str = text, subs: dict = subs) -> int:
                    answer = store.query(text, use_default_graph_as_union=True, substitutions=subs)
                    return len([tuple(solution) for solution in answer])

                questions[name] = p50_ms(run_question, repeat)
            out[section] = questions
        from danvan_kg.ids import PREFIXES

        out["cookbook"] = time_cookbook(
            lambda text: len(list(store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES))),
            repeat,
        )
    return out


def work_rdflib(data: Path, params: dict[str, str], repeat: int) -> dict[str, Any]:
    from rdflib import Literal, URIRef, Variable

    from danvan_kg.store import KnowledgeGraph

    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    kg = KnowledgeGraph.open(None, backend="rdflib")  # rdflib Dataset(default_union=True), Memory store
    kg.bulk_load(data)  # rdflib's own N-Quads parser
    out["load_s"] = round(time.perf_counter() - t0, 3)
    out["rss_after_load_mb"] = peak_rss_mb()
    queries = {}
    for name in QUERY_NAMES:
        text = query_text(name)
        binds = {
            Variable(var): URIRef(value) if kind == "iri" else Literal(value)
            for var, (kind, value) in bindings_for(name, params).items()
        }
        queries[name] = p50_ms(
            lambda text=text, binds=binds: len(list(kg.dataset.query(text, initBindings=binds))), repeat
        )
    out["queries"] = queries
    for section, page in MODES.items():
        out[section] = time_questions(kg, params, repeat, page)
    return out


def _paired(
    a: Callable[[], int], b: Callable[[], int], repeat: int, budget_s: float = 60.0, limit_s: float = 60.0
) -> dict[str, Any]:
    """Time ``a`` and ``b`` alternately (same machine noise for both); p50 of each, in ms."""
    if limited(a, limit_s) is None or limited(b, limit_s) is None:  # warm-up
        return {"timed_out": True, "limit_s": limit_s}
    times: dict[str, list[float]] = {"a": [], "b": []}
    rows: dict[str, int] = {}
    started = time.perf_counter()
    for run in range(repeat):
        for key, fn in (("a", a), ("b", b)):
            t0 = time.perf_counter()
            rows[key] = fn()
            times[key].append((time.perf_counter() - t0) * 1000)
        if time.perf_counter() - started > budget_s and run >= 2:
            break
    return {
        "project_p50_ms": round(statistics.median(times["a"]), 2),
        "pyoxigraph_p50_ms": round(statistics.median(times["b"]), 2),
        "runs": len(times["a"]),
        "rows": rows,
    }


def work_paired(data: Path, params: dict[str, str], repeat: int) -> dict[str, Any]:
    """Project and pyoxigraph in one process, loads and queries alternated: the fair 1.5x comparison."""
    import shutil

    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    from danvan_kg.query import ask
    from danvan_kg.store import KnowledgeGraph

    rounds = 3 if data.stat().st_size < 400_000_000 else 1
    loads: dict[str, list[float]] = {"project": [], "pyoxigraph": []}
    out: dict[str, Any] = {"load_rounds": rounds}
    with tempfile.TemporaryDirectory(prefix="bench-paired-") as tmp:
        kg: Any = None
        store: Any = None
        for i in range(rounds):
            if kg is not None:
                kg.close()
                shutil.rmtree(Path(tmp) / f"project-{i - 1}")
                store = None
                shutil.rmtree(Path(tmp) / f"pyox-{i - 1}")
            t0 = time.perf_counter()
            kg = KnowledgeGraph.open(Path(tmp) / f"project-{i}")
            kg.bulk_load(data)
            loads["project"].append(time.perf_counter() - t0)
            derive(kg)
            t0 = time.perf_counter()
            store = ox.Store(str(Path(tmp) / f"pyox-{i}"))
            store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
            store.optimize()  # as the project does after a bulk load (and `oxigraph load` advises)
            loads["pyoxigraph"].append(time.perf_counter() - t0)
        out["load_s"] = {k: round(statistics.median(v), 3) for k, v in loads.items()}

        def ox_run(text: str, subs: dict) -> Callable[[], int]:
            def run() -> int:
                answer = store.query(text, use_default_graph_as_union=True, substitutions=subs)
                return len([tuple(solution) for solution in answer])

            return run

        def ox_subs(raw: dict[str, tuple[str, str]]) -> dict:
            return {
                ox.Variable(var): ox.NamedNode(value) if kind == "iri" else ox.Literal(value)
                for var, (kind, value) in raw.items()
            }

        queries = {}
        for name in QUERY_NAMES:
            text = query_text(name)
            raw = bindings_for(name, params)
            binds = {
                var: URIRef(value) if kind == "iri" else Literal(value) for var, (kind, value) in raw.items()
            }
            queries[name] = _paired(
                lambda text=text, binds=binds: len(kg.select(text, binds)), ox_run(text, ox_subs(raw)), repeat
            )
        out["queries"] = queries
        for section, page in MODES.items():
            rendered = rendered_questions(params, page)
            questions = {}
            for key, (name, given) in question_params(params, page).items():
                item = rendered.get(key)
                if item is None:
                    continue
                text, raw = item
                questions[key] = _paired(
                    lambda name=name, given=given: len(ask(kg, name, **given)),
                    ox_run(text, ox_subs(raw)),
                    repeat,
                )
            out[section] = questions
        kg.close()
    return out


def work_module(file_name: str) -> dict[str, Any]:
    """Call ``run()`` of a sibling benchmark module (bench_extract.py, bench_html.py)."""
    spec = importlib.util.spec_from_file_location(file_name.removesuffix(".py"), HERE / file_name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(HERE))
    spec.loader.exec_module(module)
    t0 = time.perf_counter()
    result = module.run()
    figures: dict[str, Any] = dict(result) if isinstance(result, dict) else {"result": result}
    figures.setdefault("wall_s", round(time.perf_counter() - t0, 3))
    return figures


def worker(args: argparse.Namespace) -> int:
    """Run one engine or module in this process and print its JSON (the parent collects it)."""
    if args.worker in ("bench_extract.py", "bench_html.py"):
        result = work_module(args.worker)
    else:
        params = json.loads(Path(str(args.data) + ".json").read_text(encoding="utf-8"))["params"]
        if args.worker == "paired":
            result = work_paired(args.data, params, args.repeat)
        elif args.worker == "project-memory":
            result = work_project(args.data, params, args.repeat, backend="memory")
        else:
            fn = {"project": work_project, "pyoxigraph": work_pyoxigraph, "rdflib": work_rdflib}[args.worker]
            result = fn(args.data, params, args.repeat)
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result, ensure_ascii=False))
    return 0


# ---------------------------------------------------------------------------------------- parent


def run_worker(name: str, data: Path | None, repeat: int, timeout: float) -> dict[str, Any]:
    argv = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--repeat", str(repeat)]
    argv += ["--skip-questions", ",".join(sorted(SKIPPED_QUESTIONS))]
    if data is not None:
        argv += ["--data", str(data)]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {done.returncode}: {tail}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def ensure_data(triples: int, seed: int, data_dir: Path) -> tuple[Path, dict[str, Any]]:
    sys.path.insert(0, str(HERE))
    from generate import generate_file

    path = data_dir / f"synthetic-{triples}-seed{seed}.nq"
    meta = Path(str(path) + ".json")
    if not (path.exists() and meta.exists()):
        generate_file(triples, path, seed)
    return path, json.loads(meta.read_text(encoding="utf-8"))


def machine() -> dict[str, Any]:
    mem_kib = 0
    with open("/proc/meminfo", encoding="ascii") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), cpu)
    except OSError:
        pass
    versions = {}
    for package in ("danvan-kg", "rdflib", "pyoxigraph", "oxrdflib", "oxigraph"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def paired_ratios(paired: dict[str, Any]) -> dict[str, Any]:
    """project/pyoxigraph from the paired worker (alternated runs in one process)."""
    if not paired or "error" in paired:
        return {}
    load = paired.get("load_s", {})
    out: dict[str, Any] = {"load": ratio(load.get("project"), load.get("pyoxigraph"))}
    for section in ("queries", *MODES):
        out[section] = {
            name: ratio(item.get("project_p50_ms"), item.get("pyoxigraph_p50_ms"))
            for name, item in paired.get(section, {}).items()
        }
    return out


def compare(engines: dict[str, dict[str, Any]], paired: dict[str, Any] | None = None) -> tuple[dict, dict]:
    """Ratios (rdflib/project, project/pyoxigraph) and the targets, met or not.

    The 1.5x-of-pyoxigraph targets use the paired measurement when there is one (same process,
    alternated runs), since separate processes on a shared machine see different noise.
    """
    project, pyox, rdf, memory = (engines.get(e, {}) for e in ENGINES)
    ratios: dict[str, Any] = {
        "load": {
            "rdflib_over_project": ratio(rdf.get("load_s"), project.get("load_s")),
            "project_over_pyoxigraph": ratio(project.get("load_s"), pyox.get("load_s")),
            "rdflib_over_project_memory": ratio(rdf.get("load_s"), memory.get("load_s")),
        },
        "queries": {},
    }
    for section in MODES:
        ratios[section] = {}
        for name in QUESTIONS:
            p = project.get(section, {}).get(name, {})
            o = pyox.get(section, {}).get(name, {})
            r = rdf.get(section, {}).get(name, {})
            m = memory.get(section, {}).get(name, {})
            ratios[section][name] = {
                "rdflib_over_project": ratio(r.get("p50_ms"), p.get("p50_ms")),
                "project_over_pyoxigraph": ratio(p.get("p50_ms"), o.get("p50_ms")),
                "rdflib_over_project_memory": ratio(r.get("p50_ms"), m.get("p50_ms")),
            }
            if r.get("timed_out"):
                ratios[section][name]["rdflib_over_project_is_lower_bound"] = True
    rows_agree = {}
    for name in QUERY_NAMES:
        p = project.get("queries", {}).get(name, {})
        o = pyox.get("queries", {}).get(name, {})
        r = rdf.get("queries", {}).get(name, {})
        m = memory.get("queries", {}).get(name, {})
        ratios["queries"][name] = {
            "rdflib_over_project": ratio(r.get("p50_ms"), p.get("p50_ms")),
            "project_over_pyoxigraph": ratio(p.get("p50_ms"), o.get("p50_ms")),
            "rdflib_over_project_memory": ratio(r.get("p50_ms"), m.get("p50_ms")),
        }
        if r.get("timed_out"):
            ratios["queries"][name]["rdflib_over_project_is_lower_bound"] = True
        pairs = (("project", p), ("pyoxigraph", o), ("rdflib", r), ("project-memory", m))
        counts = {e: q["rows"] for e, q in pairs if q.get("rows") is not None}
        rows_agree[name] = len(set(counts.values())) <= 1
    peak = max((e.get("peak_rss_mb", 0) for e in (project, pyox, memory)), default=0)
    ratios["paired_project_over_pyoxigraph"] = pr = paired_ratios(paired or {})
    qr = ratios["questions"]
    compared = [n for n in QUESTIONS if pyox.get("questions", {}).get(n)]  # path, chain: no single query

    def p50s(engine: dict[str, Any], section: str) -> list[float | None]:
        return [engine.get(section, {}).get(n, {}).get("p50_ms") for n in QUESTIONS]

    met: dict[str, Any] = {
        "load_8x_faster_than_rdflib": _at_least(ratios["load"]["rdflib_over_project"], 8.0),
        "load_8x_faster_than_rdflib_in_memory": _at_least(ratios["load"]["rdflib_over_project_memory"], 8.0),
        "load_within_1.5x_of_pyoxigraph": _at_most(
            pr.get("load", ratios["load"]["project_over_pyoxigraph"]), 1.5
        ),
        "questions_10x_faster_than_rdflib": _all_at_least(
            [qr[n]["rdflib_over_project"] for n in QUESTIONS], 10.0
        ),
        "questions_10x_faster_than_rdflib_in_memory": _all_at_least(
            [qr[n]["rdflib_over_project_memory"] for n in QUESTIONS], 10.0
        ),
        "questions_p50_at_most_100ms": _all_at_most(p50s(project, "questions"), 100.0),
        "questions_p50_at_most_100ms_in_memory": _all_at_most(p50s(memory, "questions"), 100.0),
        "questions_all_rows_10x_faster_than_rdflib_in_memory": _all_at_least(
            [ratios["questions_all"][n]["rdflib_over_project_memory"] for n in QUESTIONS], 10.0
        ),
        "questions_all_rows_p50_at_most_100ms_in_memory": _all_at_most(p50s(memory, "questions_all"), 100.0),
        "questions_within_1.5x_of_pyoxigraph": _all_at_most(
            [v for section in MODES for v in pr.get(section, {}).values()]
            if pr
            else [qr[n]["project_over_pyoxigraph"] for n in compared],
            1.5,
        ),
        "queries_10x_faster_than_rdflib": _all_at_least(
            [ratios["queries"][n]["rdflib_over_project"] for n in QUERY_NAMES], 10.0
        ),
        "queries_p50_at_most_100ms": _all_at_most(
            [project.get("queries", {}).get(n, {}).get("p50_ms") for n in QUERY_NAMES], 100.0
        ),
        "queries_within_1.5x_of_pyoxigraph": _all_at_most(
            list(pr["queries"].values())
            if pr
            else [ratios["queries"][n]["project_over_pyoxigraph"] for n in QUERY_NAMES],
            1.5,
        ),
        "peak_rss_within_16GiB": peak / 1024 <= 16.0 if peak else None,
        "row_counts_agree": all(rows_agree.values()),
    }
    for section in MODES:  # the named questions must give the same number of rows on every backend
        for name in QUESTIONS:
            counts = {
                e: engine.get(section, {}).get(name, {}).get("rows")
                for e, engine in (("project", project), ("rdflib", rdf), ("project-memory", memory))
            }
            known = {c for c in counts.values() if c is not None}  # None: timed out or not run
            if known:
                rows_agree[f"{section}:{name}"] = len(known) == 1
    met["row_counts_agree"] = all(rows_agree.values())
    return ratios, {"targets": TARGETS, "met": met, "rows_agree": rows_agree}


def _at_least(value: float | None, limit: float) -> bool | None:
    return None if value is None else value >= limit


def _at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def _all_at_least(values: list[float | None], limit: float) -> bool | None:
    return None if any(v is None for v in values) else all(v >= limit for v in values)  # type: ignore[operator]


def _all_at_most(values: list[float | None], limit: float) -> bool | None:
    return None if any(v is None for v in values) else all(v <= limit for v in values)  # type: ignore[operator]


def _fmt(value: Any, suffix: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}{suffix}" if value >= 10 else f"{value:,.2f}{suffix}"
    return f"{value}{suffix}"


def markdown(report: dict[str, Any]) -> str:
    """Tables for BENCHMARKS.md from one report."""
    engines = report["engines"]
    names = [e for e in ENGINES if e in engines]
    lines = [
        f"### {report['data'].get('triples', report['triples_requested']):,} triples "
        f"({report['data'].get('graphs', 0):,} named graphs)",
        "",
        "| | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
        "| load, s | " + " | ".join(_fmt(engines[e].get("load_s")) for e in names) + " |",
        "| peak RSS after load, MB | "
        + " | ".join(_fmt(engines[e].get("rss_after_load_mb")) for e in names)
        + " |",
        "| peak RSS, MB | " + " | ".join(_fmt(engines[e].get("peak_rss_mb")) for e in names) + " |",
        "| load CPU, s | " + " | ".join(_fmt(engines[e].get("load_cpu_s")) for e in names) + " |",
        "| store on disk, MB | " + " | ".join(_fmt(engines[e].get("disk_mb")) for e in names) + " |",
    ]
    titles = {
        "questions": "questions, first page",
        "questions_all": "questions, every row",
        "queries": "queries",
    }
    titles["cookbook"] = "SPARQL cookbook"
    for section in (*MODES, "queries", "cookbook"):
        keys = QUERY_NAMES if section == "queries" else QUESTIONS
        if section == "cookbook":
            keys = tuple(sorted({k for e in names for k in engines[e].get("cookbook", {})}))
            if not keys:
                continue
        lines.append(f"| **{titles[section]}** (p50 ms) | " + " | ".join("" for _ in names) + " |")
        for q in keys:
            cells = []
            for e in names:
                item = engines[e].get(section, {}).get(q)
                if not item:
                    cells.append("–")
                elif item.get("skipped"):
                    cells.append("not run")
                elif item.get("timed_out"):
                    cells.append(f"> {item['p50_ms'] / 1000:.0f} s")
                else:
                    cells.append(f"{_fmt(item['p50_ms'])} ({item['rows']} rows)")
            label = {"questions": "question", "questions_all": "question (all)", "queries": "query",
                     "cookbook": "cookbook"}[section]  # fmt: skip
            lines.append(f"| {label} `{q}` | " + " | ".join(cells) + " |")
    lines += ["", "| ratio | load | " + " | ".join(QUESTIONS) + " |", "|---|---|" + "---|" * len(QUESTIONS)]
    for section in (*MODES, "queries"):
        for key in ("rdflib_over_project", "rdflib_over_project_memory", "project_over_pyoxigraph"):
            load = report["ratios"]["load"].get(key)
            if not any(report["ratios"].get(section, {}).get(q, {}).get(key) for q in QUESTIONS):
                continue
            cells = []
            for q in QUESTIONS:
                r = report["ratios"].get(section, {}).get(q, {})
                bound = "≥ " if r.get(f"{key}_is_lower_bound") else ""
                cells.append(bound + _fmt(r.get(key), "×") if r.get(key) is not None else "–")
            lines.append(
                f"| {section}: {key.replace('_', ' ')} | {_fmt(load, '×')} | " + " | ".join(cells) + " |"
            )
    pr = report["ratios"].get("paired_project_over_pyoxigraph") or {}
    if pr:
        lines += [
            "",
            "Paired (one process, runs alternated), project over pyoxigraph: load "
            + _fmt(pr.get("load"), "×"),
        ]
        for section in ("queries", *MODES):
            lines[-1] += f"; {section}: " + ", ".join(
                f"{n} {_fmt(v, '×')}" for n, v in pr.get(section, {}).items()
            )
    met = report["targets"]["met"]
    lines += [
        "",
        "Targets: "
        + "; ".join(f"{k} **{'yes' if v else 'no' if v is False else 'n/a'}**" for k, v in met.items()),
    ]
    if report.get("notes"):
        lines += ["", "Notes: " + " ".join(report["notes"])]
    return "\n".join(lines) + "\n"


def _figures(report: dict[str, Any]) -> dict[str, float]:
    """The figures of one report that a sizing table follows: load, memory, disk, every p50."""
    out: dict[str, float] = {}
    for engine, figures in report.get("engines", {}).items():
        for name in ("load_s", "load_cpu_s", "peak_rss_mb", "disk_mb"):
            if isinstance(figures.get(name), int | float):
                out[f"{engine}:{name}"] = figures[name]
        for section in (*MODES, "queries", "cookbook"):
            for key, item in figures.get(section, {}).items():
                if isinstance(item, dict) and item.get("p50_ms") and not item.get("timed_out"):
                    out[f"{engine}:{section}:{key}"] = item["p50_ms"]
    return out


def growth(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """How each figure grows with the store: ``figure = a * triples ** b`` fitted by least squares on
    logarithms over the reports (b = 1: linear, b < 1: sub-linear), with the values it was fitted on."""
    import math

    sizes = [r["data"].get("triples") or r["triples_requested"] for r in reports]
    figures = [_figures(r) for r in reports]
    out: dict[str, Any] = {"triples": sizes, "figures": {}}
    for name in sorted(set().union(*figures)):
        points = [(n, f[name]) for n, f in zip(sizes, figures, strict=True) if f.get(name)]
        if len(points) < 2:
            continue
        xs = [math.log(n) for n, _ in points]
        ys = [math.log(v) for _, v in points]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        sxx = sum((x - mx) ** 2 for x in xs)
        b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
        a = math.exp(my - b * mx)
        out["figures"][name] = {
            "values": {str(n): v for n, v in points},
            "exponent": round(b, 2),
            "at_50M": round(a * 50e6**b, 1),
            "at_500M": round(a * 500e6**b, 1),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="danvan-kg store benchmarks (project vs rdflib vs pyoxigraph)"
    )
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per question after a warm-up")
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "danvan-kg-bench", help="cache of data"
    )
    parser.add_argument(
        "--skip-rdflib", action="store_true", help=f"(automatic above {RDFLIB_LIMIT:,} triples)"
    )
    parser.add_argument(
        "--skip-modules", action="store_true", help="do not run bench_extract.py / bench_html.py"
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per engine subprocess")
    parser.add_argument(
        "--markdown", type=Path, metavar="REPORT.json", help="print tables for a saved report"
    )
    parser.add_argument(
        "--skip-questions", default="", metavar="NAMES", help="comma-separated named questions to leave out"
    )
    parser.add_argument(
        "--engines", default=",".join(ENGINES), metavar="NAMES", help=f"engines (default {','.join(ENGINES)})"
    )
    parser.add_argument("--no-paired", action="store_true", help="leave out the paired project/pyoxigraph")
    parser.add_argument(
        "--fit", type=Path, nargs="+", metavar="REPORT.json", help="fit how each figure grows over reports"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    SKIPPED_QUESTIONS.update(n for n in args.skip_questions.split(",") if n)
    if args.worker:
        return worker(args)
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text(encoding="utf-8"))), end="")
        return 0
    if args.fit:
        reports = [json.loads(path.read_text(encoding="utf-8")) for path in args.fit]
        print(json.dumps(growth(reports), ensure_ascii=False, indent=None if args.json else 2))
        return 0
    chosen = [e for e in args.engines.split(",") if e]
    unknown = sorted(set(chosen) - set(ENGINES))
    if unknown:
        parser.error(f"unknown engine(s) {', '.join(unknown)} (use {', '.join(ENGINES)})")

    t0 = time.perf_counter()
    data, meta = ensure_data(args.triples, args.seed, args.data_dir)
    report: dict[str, Any] = {
        "triples_requested": args.triples,
        "data": {"file": str(data), "bytes": data.stat().st_size, **{k: v for k, v in meta.items()}},
        "data_prep_s": round(time.perf_counter() - t0, 2),
        "machine": machine(),
        "engines": {},
        "notes": [],
    }
    for engine in ENGINES:
        if engine not in chosen:
            continue
        if engine == "rdflib" and (args.skip_rdflib or args.triples > RDFLIB_LIMIT):
            why = (
                "--skip-rdflib"
                if args.skip_rdflib
                else f"above {RDFLIB_LIMIT:,} triples it needs several GB and minutes per question"
            )
            report["notes"].append(f"rdflib skipped at {args.triples:,} triples ({why})")
            continue
        if not args.json:
            print(f"running {engine} ...", file=sys.stderr)
        report["engines"][engine] = run_worker(engine, data, args.repeat, args.timeout)
    report["paired"] = {}
    if not args.no_paired:
        if not args.json:
            print("running paired project/pyoxigraph ...", file=sys.stderr)
        report["paired"] = run_worker("paired", data, args.repeat, args.timeout)
    if not args.skip_modules:
        for module in ("bench_extract.py", "bench_html.py"):
            if (HERE / module).exists():
                if not args.json:
                    print(f"running {module} ...", file=sys.stderr)
                report[module.removesuffix(".py")] = run_worker(module, None, args.repeat, args.timeout)
            else:
                report["notes"].append(f"{module} not present: skipped")
    report["ratios"], report["targets"] = compare(report["engines"], report["paired"])
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
