"""The extraction pipeline of one document, as an ordered list of named steps (:data:`STEPS`).

    cut site chrome → context (sentences, clauses, quotations) → recognisers (registry) → overlaps
    → follow-ups → entities (places, organisations, names) → relations (rule table)
    → identity (:func:`danvan_kg.extract.identity.qualify`: local things qualified by their province)

Each step reads and writes one :class:`State`; every recogniser and relation rule is registered in
:mod:`danvan_kg.extract.registry`, so adding one needs no change here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from danvan_kg.extract import recognise  # noqa: F401  (registers the recognisers)
from danvan_kg.extract.context import DocContext
from danvan_kg.extract.entities import EntityBuilder, follow_ups, main_province, settle_overlaps
from danvan_kg.extract.identity import qualify
from danvan_kg.extract.lexicon import lexicon
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.model import DocumentInfo, Extraction, Relation
from danvan_kg.extract.registry import ordered_recognisers
from danvan_kg.extract.relate.context import RelationContext
from danvan_kg.extract.relate.run import find_relations
from danvan_kg.text.document import Document

__all__ = ["STEPS", "State", "assemble"]


@dataclass
class State:
    """What the steps pass along."""

    doc: Document
    info: DocumentInfo
    body: str = ""
    ctx: DocContext | None = None
    mentions: list[Mention] = field(default_factory=list)
    builder: EntityBuilder | None = None
    main_place: str | None = None
    relations: list[Relation] = field(default_factory=list)


def related_news_cut(body: str) -> int:
    """Where a block of other articles' headlines starts ("Tin liên quan", "Bài viết khác" …), in the
    second half of the body; the body's length when there is none."""
    words = "|".join(re.escape(w) for w in lexicon().words("related_news"))
    rx = re.compile(rf"^[ \t]*(?:{words})[ \t]*:?[ \t]*$", re.MULTILINE | re.IGNORECASE)
    m = rx.search(body, len(body) // 2)
    return m.start() if m else len(body)


def step_context(st: State) -> None:
    """Cut related-news blocks (a prefix keeps offsets valid) and index sentences and quotations."""
    st.body = st.doc.body[: related_news_cut(st.doc.body)]
    st.ctx = DocContext(st.body)


def step_recognise(st: State) -> None:
    """Run every registered recogniser, then settle overlaps by precedence."""
    assert st.ctx is not None
    proposals: list[Mention] = []
    for r in ordered_recognisers():
        proposals += r.fn(st.ctx)
    for a, b in st.ctx.chrome:  # nothing is taken from site chrome: block those lines
        proposals.append(Mention("Chrome", a, b, "", "rule:site-chrome", 0.0, priority=1000))
    st.mentions = [m for m in settle_overlaps(st.body, proposals) if m.cls != "Chrome"]


def step_follow_ups(st: State) -> None:
    """Mentions that need the first pass (bare place aliases, district names, repeated model names)."""
    assert st.ctx is not None
    extra = follow_ups(st.ctx, st.mentions)
    st.mentions = sorted(st.mentions + extra, key=lambda m: (m.start, -m.length))


def step_entities(st: State) -> None:
    """Group mentions into entities: places first (organisations are qualified by them), then
    organisations, then the other names."""
    assert st.ctx is not None
    b = EntityBuilder(st.ctx, st.doc.spelled)
    places = [m for m in st.mentions if m.cls == "Place"]
    main = main_province(places)
    st.info.province = main
    b.places(places, main)
    spans = {(p.start, p.end): p for p in places}
    b.organisations([m for m in st.mentions if m.cls == "Organisation"], spans, main)
    b.named([m for m in st.mentions if m.cls not in ("Place", "Organisation")])
    st.builder = b
    if main:
        cand = f"https://w3id.org/danvan-kg/id/place/{_slug(main)}"
        st.main_place = cand if cand in b.entities else None


def step_relations(st: State) -> None:
    """Apply the relation table."""
    assert st.ctx is not None and st.builder is not None
    level = {e.id: e.extra.get("level", "") for e in st.builder.entities.values() if e.type == "Place"}
    rc = RelationContext(st.ctx, st.mentions, st.main_place, level)
    ids = set(st.builder.entities)
    st.relations = [r for r in find_relations(rc) if r.s in ids and r.o in ids]


STEPS: list[tuple[str, Callable[[State], None]]] = [
    ("context", step_context),
    ("recognise", step_recognise),
    ("follow-ups", step_follow_ups),
    ("entities", step_entities),
    ("relations", step_relations),
]
"""The pipeline, in order."""


def _slug(text: str) -> str:
    from danvan_kg.resolve import slug

    return slug(text)


def assemble(doc: Document) -> Extraction:
    """Entities and relations of one parsed document."""
    info = DocumentInfo(
        source=doc.source,
        key=doc.key,
        article_iri=doc.article_iri,
        graph_iri=doc.graph_iri,
        url=doc.url,
        outlet=doc.outlet,
        date=doc.date,
        title=doc.title,
        metadata=dict(doc.metadata),
        body=doc.body,
    )
    st = State(doc, info)
    for _name, step in STEPS:
        step(st)
        if st.ctx is not None and not st.ctx.sentences:
            return Extraction(document=info)
    assert st.builder is not None
    entities = sorted(st.builder.entities.values(), key=lambda e: e.evidence[0].start if e.evidence else 0)
    return qualify(Extraction(document=info, entities=entities, relations=st.relations))
