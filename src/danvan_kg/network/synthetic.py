"""Synthetic entity networks shaped like :func:`~danvan_kg.network.projection.project` output.

Used by the HTML benchmark and the tests to exercise layouts and exports at sizes the bundled
data does not reach. Labels are generated ("Mô hình 17"), never taken from real texts.
"""

from __future__ import annotations

import random

import networkx as nx

_SHARES = (
    ("Model", 0.55),
    ("Organisation", 0.2),
    ("Place", 0.1),
    ("Movement", 0.05),
    ("BeneficiaryGroup", 0.04),
    ("Resolution", 0.04),
    ("Programme", 0.02),
)
_PREFIX = {
    "Model": "Mô hình",
    "Organisation": "Hội",
    "Place": "Xã",
    "Movement": "Phong trào",
    "BeneficiaryGroup": "Nhóm",
    "Resolution": "Nghị quyết",
    "Programme": "Chương trình",
}
_RELATION = {
    "Movement": "partOf",
    "Organisation": "runBy",
    "Place": "locatedIn",
    "BeneficiaryGroup": "benefits",
    "Resolution": "implements",
    "Programme": "contributesTo",
}


def synthetic_network(n_nodes: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """A random MultiDiGraph with ``n_nodes`` entities and about 1.5 edges per node.

    Models link to a movement, an organisation, a place and sometimes a beneficiary group,
    with preferential attachment so that some targets become hubs (as in real data).
    """
    rng = random.Random(seed)
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    by_type: dict[str, list[str]] = {t: [] for t, _ in _SHARES}
    for i in range(n_nodes):
        r, acc, kind = rng.random(), 0.0, "Model"
        for name, share in _SHARES:
            acc += share
            if r < acc:
                kind = name
                break
        iri = f"https://w3id.org/danvan-kg/id/{kind.lower()}/n{i}"
        graph.add_node(
            iri,
            iri=iri,
            label=f"{_PREFIX[kind]} {i}",
            type=kind,
            subtype="",
            place="",
            sources=[f"https://example.org/bai-{i % 97}"],
            sentence="",
        )
        by_type[kind].append(iri)
    weights: dict[str, list[int]] = {t: [1] * len(v) for t, v in by_type.items()}
    for model in by_type["Model"]:
        for kind, prob in (
            ("Movement", 0.8),
            ("Organisation", 0.9),
            ("Place", 0.9),
            ("BeneficiaryGroup", 0.5),
            ("Resolution", 0.2),
            ("Programme", 0.2),
        ):
            targets = by_type[kind]
            if not targets or rng.random() > prob:
                continue
            j = rng.choices(range(len(targets)), weights=weights[kind])[0]
            weights[kind][j] += 1
            relation = _RELATION[kind]
            graph.add_edge(
                model,
                targets[j],
                key=relation,
                relation=relation,
                evidence_count=1,
                confidence=round(rng.uniform(0.5, 1.0), 2),
                sentence="",
                quote="",
                source="https://example.org/bai-1",
                source_title="",
            )
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = int(degree)
    return graph
