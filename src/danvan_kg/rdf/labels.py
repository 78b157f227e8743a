"""Preferred labels: one ``skos:prefLabel`` per entity and language, and a plain ``dv:name``.

Articles spell one thing many ways ("Hội LHPN huyện Ba Chẽ", "Hội Liên hiệp Phụ nữ huyện Ba
Chẽ"; "tỉnh Đồng Tháp", "Đồng Tháp"). What questions, pages and exports show is one preferred
label, chosen by a documented rule (docs/data-model.md, "Preferred labels"):

1. **curated first**: a label of the catalogues (``graph/reference``: beneficiary groups,
   movements, model types, national bodies, programmes, indices) or of the administrative units
   (``graph/admin-units``); a ``skos:prefLabel`` there wins over its ``rdfs:label``;
2. else **the most frequent spelling across sources**: the ``rdfs:label`` (the fullest spelling an
   article or record gives the entity) counted once per named graph stating it;
3. **ties by a stable order**: the longer spelling first (the fuller name), then code-point order.

An entity with no ``rdfs:label`` in any source falls back to its ``skos:altLabel`` spellings, counted
the same way. English: a curated English label, else the most frequent ``@en`` label.

The derived triples live in their own named graph, ``graph/labels``: ``skos:prefLabel`` per language,
``dv:name`` (the Vietnamese one, untagged, so SPARQL can match ``?x dv:name "Dân vận khéo"``) and
``skos:altLabel`` for every other spelling. Ingest recomputes them for the entities the sources it
writes (and the versions they replace) name, and ``build`` for the whole store, so a new article
changes the labels of what it mentions only. The graph is exported and pushed like any other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from danvan_kg.ids import ADMIN_GRAPH, DV, GRAPH, REFERENCE_GRAPH
from danvan_kg.sparql.files import load_query

__all__ = [
    "LABELS_GRAPH",
    "LabelChoice",
    "choose",
    "entities_in",
    "graph_entities",
    "label_triples",
    "refresh_labels",
]

LABELS_GRAPH = GRAPH["labels"]
"""The named graph of the derived preferred labels."""

CURATED_GRAPHS = frozenset({str(REFERENCE_GRAPH), str(ADMIN_GRAPH)})
BATCH = 400
"""Entities per query (a VALUES block) and per delete when the labels graph is rewritten."""

_QUERIES = "danvan_kg.rdf.queries"


@dataclass
class LabelChoice:
    """The labels of one entity as its sources state them (graph → spellings)."""

    curated_pref: dict[str, set[str]] = field(default_factory=dict)  # lang -> values
    curated_label: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, Counter[str]] = field(default_factory=dict)  # lang -> spelling -> graphs
    alternatives: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, graph: str, prop: str, value: str, lang: str) -> None:
        """One ``(entity, prop, value@lang)`` statement of ``graph``."""
        if graph in CURATED_GRAPHS:
            target = self.curated_pref if prop == str(SKOS.prefLabel) else self.curated_label
            if prop != str(SKOS.altLabel):
                target.setdefault(lang, set()).add(value)
                return
        bucket = self.labels if prop in (str(RDFS.label), str(SKOS.prefLabel)) else self.alternatives
        bucket.setdefault(lang, Counter())[value] += 1


def _stable_best(counts: Mapping[str, int]) -> str:
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


def choose(choice: LabelChoice, lang: str) -> str | None:
    """The preferred label in ``lang`` by the rule of the module docstring (``None`` when there is none)."""
    for curated in (choice.curated_pref, choice.curated_label):
        if curated.get(lang):
            return _stable_best(dict.fromkeys(curated[lang], 1))
    for bucket in (choice.labels, choice.alternatives):
        if bucket.get(lang):
            return _stable_best(bucket[lang])
    return None


def _spellings(choice: LabelChoice, lang: str) -> set[str]:
    out: set[str] = set()
    for bucket in (choice.curated_pref, choice.curated_label):
        out |= bucket.get(lang, set())
    for counter in (choice.labels, choice.alternatives):
        out |= set(counter.get(lang, ()))
    return out


def label_triples(entity: URIRef, choice: LabelChoice) -> list[tuple[URIRef, URIRef, Literal]]:
    """The ``graph/labels`` triples of one entity: prefLabel per language, dv:name, other spellings."""
    out: list[tuple[URIRef, URIRef, Literal]] = []
    vi = choose(choice, "vi") or choose(choice, "")
    if vi is not None:
        out.append((entity, SKOS.prefLabel, Literal(vi, lang="vi")))
        out.append((entity, DV.name, Literal(vi)))
        for other in sorted(_spellings(choice, "vi") | _spellings(choice, "")):
            if other != vi:
                out.append((entity, SKOS.altLabel, Literal(other, lang="vi")))
    en = choose(choice, "en")
    if en is not None:
        out.append((entity, SKOS.prefLabel, Literal(en, lang="en")))
    return out


def _values(entities: list[URIRef]) -> str:
    return "VALUES ?entity { " + " ".join(e.n3() for e in entities) + " }"


def _bound(query: str, block: str) -> str:
    """``query`` with ``block`` opening its WHERE group (IRIs from the store, serialised by rdflib)."""
    at = query.index("WHERE {") + len("WHERE {")
    return query[:at] + "\n  " + block + query[at:]


def _choices(kg: object, entities: list[URIRef]) -> dict[URIRef, LabelChoice]:
    query = load_query(_QUERIES, "label_sources.rq")
    out: dict[URIRef, LabelChoice] = {e: LabelChoice() for e in entities}
    for start in range(0, len(entities), BATCH):
        batch = entities[start : start + BATCH]
        seen: set[tuple[str, ...]] = set()
        for row in kg.select(_bound(query, _values(batch))):  # type: ignore[attr-defined]
            entity, label = row.get("entity"), row.get("label")
            if entity not in out or not isinstance(label, Literal):
                continue
            key = (str(entity), str(row["g"]), str(row["p"]), str(label), label.language or "")
            if key in seen:  # Oxigraph's union view may repeat a quad pattern match
                continue
            seen.add(key)
            out[entity].add(str(row["g"]), str(row["p"]), str(label), label.language or "")
    return out


def all_entities(kg: object) -> list[URIRef]:
    """Every entity a full refresh covers (see ``labelled_entities.rq``)."""
    rows = kg.select(load_query(_QUERIES, "labelled_entities.rq"))  # type: ignore[attr-defined]
    return sorted({r["entity"] for r in rows if isinstance(r.get("entity"), URIRef)}, key=str)


def graph_entities(kg: object, graph_iris: Iterable[str]) -> set[URIRef]:
    """The labelled subjects of named graphs already in the store (before they are replaced)."""
    query = load_query(_QUERIES, "graph_entities.rq")
    out: set[URIRef] = set()
    for iri in graph_iris:
        block = f"VALUES ?g {{ {URIRef(iri).n3()} }}"
        for row in kg.select(_bound(query, block)):  # type: ignore[attr-defined]
            if isinstance(row.get("entity"), URIRef):
                out.add(row["entity"])
    return out


def entities_in(graph: Graph) -> set[URIRef]:
    """The labelled subjects of an in-memory graph (what a new source names)."""
    out: set[URIRef] = set()
    for prop in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
        out |= {s for s in graph.subjects(prop, None) if isinstance(s, URIRef)}
    return out


def _write(kg: object, entities: list[URIRef], triples: list[tuple[URIRef, URIRef, Literal]]) -> None:
    """Replace the labels-graph triples of ``entities`` by ``triples`` (one transaction on Oxigraph)."""
    ox = getattr(kg, "ox", None)
    graph = URIRef(LABELS_GRAPH)
    if ox is not None:
        parts = []
        for start in range(0, len(entities), BATCH):
            block = _values(entities[start : start + BATCH])
            parts.append(
                f"DELETE {{ GRAPH {graph.n3()} {{ ?entity ?p ?o }} }} WHERE {{ {block} "
                f"GRAPH {graph.n3()} {{ ?entity ?p ?o }} }}"
            )
        if triples:
            lines = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in triples)
            parts.append(f"INSERT DATA {{ GRAPH {graph.n3()} {{\n{lines}\n}} }}")
        if parts:
            ox.update(" ;\n".join(parts))
        return
    target = kg.dataset.graph(graph)  # type: ignore[attr-defined]
    for entity in entities:
        target.remove((entity, None, None))
    for triple in triples:
        target.add(triple)


def refresh_labels(kg: object, entities: Iterable[URIRef] | None = None) -> int:
    """Recompute ``graph/labels`` for ``entities`` (``None``: every labelled entity of the store).

    ``kg`` is a :class:`~danvan_kg.store.KnowledgeGraph`. Returns the number of entities refreshed.
    """
    todo = all_entities(kg) if entities is None else sorted(set(entities), key=str)
    if entities is None:
        kg.remove_graph(str(LABELS_GRAPH))  # type: ignore[attr-defined]
    if not todo:
        return 0
    choices = _choices(kg, todo)
    triples = [t for entity in todo for t in label_triples(entity, choices[entity])]
    _write(kg, todo if entities is not None else [], triples)
    return len(todo)
