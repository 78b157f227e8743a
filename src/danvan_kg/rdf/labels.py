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
Beside it, :mod:`danvan_kg.rdf.entity_index` writes ``graph/index`` (one copy of each entity's
classes, search keys and search words) from the same reading of the sources.

Recomputing an entity read every label of it in every graph: "Dân vận khéo" is named by one
article in six, so each ingest read thousands of copies, more as the store grew. For the
entities of newly written graphs the refresh is now **incremental**: the spellings, keys and
classes to weigh are those the derived graphs already hold plus those the new graphs state, and
the store only counts, per candidate, the graphs stating it (an index scan without decoding any
term). Entities of replaced or removed graphs (a spelling may have gone) are read in full.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from danvan_kg.ids import ADMIN_GRAPH, DV, GRAPH, REFERENCE_GRAPH
from danvan_kg.rdf.convert import nquads, nt_term
from danvan_kg.rdf.entity_index import INDEX_GRAPH, add_places, index_triples
from danvan_kg.sparql.files import load_query

__all__ = [
    "INDEX_GRAPH",
    "LABELS_GRAPH",
    "LabelChoice",
    "choose",
    "entities_in",
    "graph_entities",
    "label_triples",
    "labelled_subjects",
    "refresh_labels",
]

LABELS_GRAPH = GRAPH["labels"]
"""The named graph of the derived preferred labels."""

CURATED_GRAPHS = frozenset({str(REFERENCE_GRAPH), str(ADMIN_GRAPH)})
BATCH = 400
"""Entities per query (a VALUES block) and per delete when the labels graph is rewritten."""
CANDIDATES = 3000
"""Candidate statements counted per query by the incremental refresh (a VALUES block)."""
LABEL_PROPS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
READ_PROPS = frozenset({*LABEL_PROPS, DV.searchKey, RDF.type})
"""What a refresh reads of an entity: its spellings, and for graph/index its keys and classes."""

_QUERIES = "danvan_kg.rdf.queries"


@dataclass
class LabelChoice:
    """The labels of one entity as its sources state them (graph → spellings)."""

    curated_pref: dict[str, set[str]] = field(default_factory=dict)  # lang -> values
    curated_label: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, Counter[str]] = field(default_factory=dict)  # lang -> spelling -> graphs
    alternatives: dict[str, Counter[str]] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)  # dv:searchKey values, for graph/index
    types: set[str] = field(default_factory=set)  # class IRIs, for graph/index
    places: set[str] = field(default_factory=set)  # what a place is or lies in (dv:inPlace), graph/index

    def add(self, graph: str, prop: str, value: str, lang: str, times: int = 1) -> None:
        """One ``(entity, prop, value@lang)`` statement of ``graph`` (or of ``times`` graphs of sources)."""
        if prop == _SEARCH_KEY:
            self.keys.add(value)
            return
        if prop == _TYPE:
            self.types.add(value)
            return
        if graph in CURATED_GRAPHS:
            target = self.curated_pref if prop == str(SKOS.prefLabel) else self.curated_label
            if prop != str(SKOS.altLabel):
                target.setdefault(lang, set()).add(value)
                return
        bucket = self.labels if prop in (str(RDFS.label), str(SKOS.prefLabel)) else self.alternatives
        bucket.setdefault(lang, Counter())[value] += times


_SEARCH_KEY = str(DV.searchKey)
_INDEXED = {DV.indexClass: RDF.type, DV.indexKey: DV.searchKey}
"""graph/index properties -> the statements of the sources they copy."""
_NQUADS = ox.RdfFormat.N_QUADS
_TYPE = str(RDF.type)


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
            if entity not in out or not isinstance(label, Literal | URIRef):
                continue
            lang = label.language or "" if isinstance(label, Literal) else ""
            key = (str(entity), str(row["g"]), str(row["p"]), str(label), lang)
            if key in seen:  # Oxigraph's union view may repeat a quad pattern match
                continue
            seen.add(key)
            out[entity].add(str(row["g"]), str(row["p"]), str(label), lang)
    return out


Quad = tuple[URIRef, Node, Node, Node]
"""A derived statement: (derived graph, subject, predicate, object)."""


def _derived(kg: object, entities: list[URIRef]) -> set[Quad]:
    """What graph/labels and graph/index say now of ``entities``."""
    query = load_query(_QUERIES, "derived_of.rq")
    out: set[Quad] = set()
    for start in range(0, len(entities), BATCH):
        block = _values(entities[start : start + BATCH])
        for row in kg.select(_bound(query, block)):  # type: ignore[attr-defined]
            out.add((row["g"], row["entity"], row["p"], row["o"]))
    return out


def _candidates(
    current: set[Quad], entities: set[URIRef], added: Iterable[tuple[Node, Node, Node]]
) -> list[dict]:
    """The statements that can weigh in an entity's labels, keys and classes now: those the derived
    graphs hold (every spelling, key and class seen so far) and those the changed graphs state."""
    out: set[tuple[Node, Node, Node]] = {(s, p, o) for s, p, o in added if s in entities and p in READ_PROPS}
    for _, entity, prop, value in current:
        if isinstance(prop, URIRef) and prop in _INDEXED:
            out.add((entity, _INDEXED[prop], value))
        elif isinstance(value, Literal) and prop in (SKOS.prefLabel, SKOS.altLabel, DV.name):
            forms = (
                [Literal(str(value), lang="en")]
                if value.language == "en"
                else [Literal(str(value), lang="vi"), Literal(str(value))]
            )
            out.update((entity, p, form) for p in LABEL_PROPS for form in forms)
    return [{"entity": s, "p": p, "value": o} for s, p, o in sorted(out, key=lambda t: tuple(map(str, t)))]


def _counted_choices(
    kg: object, entities: list[URIRef], current: set[Quad], added: Iterable[tuple[Node, Node, Node]]
) -> dict[URIRef, LabelChoice]:
    """:func:`_choices` from counts: how many graphs of sources state each candidate statement."""
    from danvan_kg.sparql.text import bind_values

    query = load_query(_QUERIES, "label_counts.rq")
    out: dict[URIRef, LabelChoice] = {e: LabelChoice() for e in entities}
    candidates = _candidates(current, set(entities), added)
    for start in range(0, len(candidates), CANDIDATES):
        rows = kg.select(bind_values(query, candidates[start : start + CANDIDATES]))  # type: ignore[attr-defined]
        for row in rows:
            entity, value = row.get("entity"), row.get("value")
            if entity not in out or not isinstance(value, Literal | URIRef):
                continue
            lang = value.language or "" if isinstance(value, Literal) else ""
            times = int(row["n"])
            out[entity].add(str(row["kind"]), str(row["p"]), str(value), lang, times)
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


def labelled_subjects(triples: Iterable[tuple[Node, Node, Node]]) -> set[URIRef]:
    """The entities some of ``triples`` name with a label (what a new source names); not articles,
    whose label is a title (the full refresh leaves them out too)."""
    named: set[URIRef] = set()
    articles: set[Node] = set()
    for s, p, o in triples:
        if p in LABEL_PROPS and isinstance(s, URIRef):
            named.add(s)
        elif p == RDF.type and o == DV.Article:
            articles.add(s)
    return named - articles


def entities_in(graph: Graph) -> set[URIRef]:
    """The labelled subjects of an in-memory graph (:func:`labelled_subjects`)."""
    return labelled_subjects(graph)


def _write(kg: object, current: set[Quad], wanted: set[Quad]) -> None:
    """Make the derived graphs say ``wanted`` instead of ``current`` (one transaction on Oxigraph).

    Only the difference is written: a refresh mostly confirms what is there.
    """
    remove, insert = current - wanted, wanted - current
    ox = getattr(kg, "ox", None)
    if ox is None:
        for g, s, p, o in remove:
            kg.dataset.graph(g).remove((s, p, o))  # type: ignore[attr-defined]
        for g, s, p, o in insert:
            kg.dataset.graph(g).add((s, p, o))  # type: ignore[attr-defined]
        return
    if not remove:  # a transactional load of N-Quads: much faster than the same INSERT DATA
        if insert:
            ox.load(input=_nquads(insert), format=_NQUADS)
        return
    parts = [f"DELETE DATA {{\n{_quads_text(remove)}\n}}"]
    if insert:
        parts.append(f"INSERT DATA {{\n{_quads_text(insert)}\n}}")
    ox.update(" ;\n".join(parts))


def _quads_text(quads: set[Quad]) -> str:
    by_graph: dict[URIRef, list[str]] = {}
    for g, s, p, o in quads:
        by_graph.setdefault(g, []).append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .")
    return "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())


def _nquads(quads: set[Quad]) -> bytes:
    by_graph: dict[str, list[tuple[Node, Node, Node]]] = {}
    for g, s, p, o in quads:
        by_graph.setdefault(str(g), []).append((s, p, o))
    return nquads(by_graph)


def refresh_labels(
    kg: object,
    entities: Iterable[URIRef] | None = None,
    *,
    added: Iterable[tuple[Node, Node, Node]] = (),
) -> int:
    """Recompute ``graph/labels`` and ``graph/index`` for some entities, or for the whole store.

    ``entities`` are read in full (``None``: every labelled entity of the store, both graphs
    rewritten). The labelled subjects of ``added`` are refreshed incrementally (see the module
    docstring): ``added`` holds what the graphs just written state, and for a graph that replaced
    or removed another, what the old version stated too (read before it went). An entity with an
    English label among those is read in full: the derived graphs keep only the preferred English
    spelling, so the others could not be weighed again. ``kg`` is a
    :class:`~danvan_kg.store.KnowledgeGraph`. Returns the number of entities refreshed.
    """
    added = list(added)
    full = all_entities(kg) if entities is None else sorted(set(entities), key=str)
    if entities is None:
        kg.remove_graph(str(LABELS_GRAPH))  # type: ignore[attr-defined]
        kg.remove_graph(str(INDEX_GRAPH))  # type: ignore[attr-defined]
    english = {s for s, p, o in added if p in LABEL_PROPS and isinstance(o, Literal) and o.language == "en"}
    named = labelled_subjects(added)
    full = sorted(set(full) | (named & english), key=str)
    fresh = sorted(named - set(full), key=str)
    if not full and not fresh:
        return 0
    current = _derived(kg, full + fresh) if entities is not None or fresh else set()
    choices = _choices(kg, full) if full else {}
    if fresh:
        choices.update(_counted_choices(kg, fresh, current, added))
    add_places(kg, choices)
    labels, index = URIRef(LABELS_GRAPH), URIRef(INDEX_GRAPH)
    wanted: set[Quad] = set()
    for entity in full + fresh:
        wanted.update((labels, *t) for t in label_triples(entity, choices[entity]))
        wanted.update((index, *t) for t in index_triples(entity, choices[entity]))
    _write(kg, current, wanted)
    return len(full) + len(fresh)
