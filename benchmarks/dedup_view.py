"""What a de-duplicated view of the union default graph would cost, against SELECT DISTINCT.

The store keeps one named graph per article, so the union default graph repeats a triple once
per article stating it. A view answering each fact once would be a copy of the distinct triples
(Oxigraph has no de-duplicating union). This measures, on the generator's data, the copy (scan
of the quads, distinct set, bulk load into a store's default graph) and three queries: on the
union with DISTINCT, on the union without, and on the view without.

    python benchmarks/generate.py --triples 1000000 --out /tmp/bench-1m.nq
    python benchmarks/dedup_view.py /tmp/bench-1m.nq --work /tmp/dedup-bench

docs/queries.md ("Why DISTINCT and not a de-duplicated view") quotes the figures.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

PREFIXES = {"dv": "https://w3id.org/danvan-kg/ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _median_ms(store: ox.Store, query: str, union: bool) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(3):
        start = time.perf_counter()
        rows = len(list(store.query(query, prefixes=PREFIXES, use_default_graph_as_union=union)))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nquads", type=Path, help="data from benchmarks/generate.py (with its .json)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/dedup-bench"), help="scratch folder")
    args = parser.parse_args()
    params = json.loads(Path(str(args.nquads) + ".json").read_text(encoding="utf-8"))["params"]
    base, view = args.work / "store", args.work / "view"
    for folder in (base, view):
        shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    store = ox.Store(str(base))
    store.bulk_load(path=str(args.nquads), format=ox.RdfFormat.N_QUADS)
    store.flush()
    print(f"load: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    triples = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)}
    scan = time.perf_counter() - start
    start = time.perf_counter()
    copy = ox.Store(str(view))
    copy.bulk_extend(ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in triples)
    copy.flush()
    copy.optimize()
    build = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
    print(
        f"view: {len(triples):,} distinct triples; scan {scan:.1f} s + load {build:.1f} s; "
        f"{_size(view) / 1e6:.0f} MB on disk; peak RSS {rss:.0f} MB"
    )
    del triples
    queries = {
        "models of a movement with organisations": (
            f"SELECT DISTINCT ?m ?ml ?ol WHERE {{ ?m dv:partOf <{params['movement']}> ; rdfs:label ?ml . "
            "OPTIONAL { ?m dv:runBy ?o . ?o rdfs:label ?ol } }"
        ),
        "models per movement": (
            "SELECT ?mv (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m dv:partOf ?mv } GROUP BY ?mv"
        ),
        "labels of every model": "SELECT DISTINCT ?m ?l WHERE { ?m a dv:Model ; rdfs:label ?l }",
    }
    for name, query in queries.items():
        plain = query.replace("SELECT DISTINCT", "SELECT").replace("COUNT(DISTINCT ?m)", "COUNT(?m)")
        distinct, rows = _median_ms(store, query, True)
        repeated, all_rows = _median_ms(store, plain, True)
        on_view, view_rows = _median_ms(copy, plain, False)
        print(
            f"{name}: union + DISTINCT {distinct:.0f} ms ({rows:,} rows); union {repeated:.0f} ms "
            f"({all_rows:,} rows); view {on_view:.0f} ms ({view_rows:,} rows)"
        )


if __name__ == "__main__":
    main()
