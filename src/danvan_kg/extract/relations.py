"""Relations stated by a document, from cue patterns in a sentence and its neighbourhood.

Every rule works on resolved mentions (each carries the IRI of its entity in ``eid``) and
produces ``Relation`` objects with a confidence, the rule name as ``method`` and evidence: the
span from subject to object when both are in one sentence, else the object's span, with the
sentence holding it.

Rules (method names in brackets):

* partOf: a model and a movement in one sentence [model-movement-sentence]; a model in a sentence
  right after the movement, same paragraph [model-movement-context]; the article's dominant
  movement for listed models [model-list-dominant-movement]; "đây là cách làm hưởng ứng phong
  trào X" after a model [model-responds-movement];
* runBy: organisations in the list item (between ";") of a model, else those before the model in
  its sentence, or after it introduced by "của", "do", "(" [model-org-sentence];
* benefits: a helped group in the sentence of one model (or movement); a list of models attributes
  it to their movement [benefit-sentence]; the subject of the previous sentence [benefit-context];
* launchedBy: an organisation before a movement with a launch verb between, or "do ORG phát động"
  [movement-org-cue];
* locatedIn: the place inside an organisation's name, the place its unit word points to, or the
  article's main place [org-place-*]; places in a model's sentence, else the main place
  [model-place-*];
* implements: a document after a cue (thực hiện, theo tinh thần, gắn với ...) and the movement or
  model of the sentence or just before [implements-cue];
* contributesTo: a programme or index in the sentence of a movement/model [contributes-sentence].
"""

from __future__ import annotations

import re
from collections import Counter

from danvan_kg.extract.mentions import Mention
from danvan_kg.extract.model import Evidence, Relation
from danvan_kg.text.sentences import Sentence

__all__ = ["find_relations", "RelationContext"]

_LAUNCH_CUE = re.compile(
    r"phát động|triển khai|thực hiện|tổ chức|chỉ đạo|hưởng ứng|tuyên truyền|phối hợp|xây dựng|duy trì|đẩy mạnh|"
    r"lãnh đạo|ban hành|tổng kết|sơ kết|nhân rộng|khởi xướng|chủ trì|vận động",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"^\s*[,(]?\s*(?:của|do|thuộc|\()\s*", re.IGNORECASE)
_ISSUER = re.compile(r"^\s*(?:của|do)\s*$")
_IMPLEMENT_CUE = re.compile(
    r"thực hiện|theo tinh thần|gắn với|triển khai|quán triệt|cụ thể hóa|theo|căn cứ|hưởng ứng|đưa|vào cuộc sống",
    re.IGNORECASE,
)
_RESPOND_CUE = re.compile(r"hưởng ứng|cụ thể hóa|thực hiện|góp phần", re.IGNORECASE)
_ANAPHORA = re.compile(r"^(?:[^,]{0,30}\b)?(?:đây|mô hình|chương trình|hoạt động|việc làm|cách làm)\b", re.IGNORECASE)


class RelationContext:
    """Mentions of one document indexed by sentence, plus the article-level context."""

    def __init__(
        self,
        body: str,
        sentences: list[Sentence],
        mentions: list[Mention],
        main_place_id: str | None,
        place_level: dict[str, str],
    ) -> None:
        self.body = body
        self.sentences = sentences
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.main_place_id = main_place_id
        self.place_level = place_level
        self.relations: dict[tuple[str, str, str], Relation] = {}

    def of(self, s_idx: int, *classes: str) -> list[Mention]:
        return [m for m in self.by_sentence.get(s_idx, []) if m.cls in classes and m.eid]

    def of_between(self, s_idx: int, a: int, b: int, *classes: str) -> list[Mention]:
        return [m for m in self.of(s_idx, *classes) if a <= m.start < b]

    def add(self, s: Mention, p: str, o: Mention | str, conf: float, method: str, anchor: Mention | None = None) -> None:
        o_id = o if isinstance(o, str) else o.eid
        if not s.eid or not o_id or s.eid == o_id:
            return
        if isinstance(o, Mention) and o.sentence == s.sentence:
            a, b = min(s.start, o.start), max(s.end, o.end)
        else:
            ref = anchor or (o if isinstance(o, Mention) else s)
            a, b = ref.start, ref.end
        s_idx = s.sentence if not isinstance(o, Mention) else (o.sentence if anchor is None else anchor.sentence)
        sent = self.sentences[s_idx] if 0 <= s_idx < len(self.sentences) else None
        s0 = min(sent.start, a) if sent else a
        s1 = max(sent.end, b) if sent else b
        ev = Evidence(
            quote=self.body[a:b],
            start=a,
            end=b,
            sentence=self.body[s0:s1],
            sentence_start=s0,
            method=f"rule:{method}",
            confidence=conf,
        )
        key = (s.eid, p, o_id)
        rel = self.relations.get(key)
        if rel is None:
            self.relations[key] = Relation(s.eid, p, o_id, conf, [ev], f"rule:{method}")
        else:
            if all((e.start, e.end) != (a, b) for e in rel.evidence) and len(rel.evidence) < 5:
                rel.evidence.append(ev)
            if conf > rel.confidence:
                rel.confidence, rel.method = conf, f"rule:{method}"


def _same_paragraph(ctx: RelationContext, i: int, j: int) -> bool:
    return 0 <= i < len(ctx.sentences) and 0 <= j < len(ctx.sentences) and ctx.sentences[i].paragraph == ctx.sentences[j].paragraph


def _part_of(ctx: RelationContext) -> dict[str, str]:
    """partOf; returns model eid -> movement eid for list attribution of benefits."""
    governing: dict[str, str] = {}
    movements = [m for m in ctx.mentions if m.cls == "Movement" and m.eid]
    counts = Counter(m.eid for m in movements)
    dominant = counts.most_common(1)[0][0] if counts else None
    if dominant and len(counts) > 1 and counts.most_common(2)[1][1] == counts[dominant]:
        dominant = next(m.eid for m in movements if counts[m.eid] == counts[dominant])
    dominant_mention = next((m for m in movements if m.eid == dominant), None) if dominant else None
    list_sizes = Counter(m.list_id for m in ctx.mentions if m.cls == "Model" and m.list_id >= 0)
    for model in (m for m in ctx.mentions if m.cls == "Model" and m.eid):
        found = False
        for mv in ctx.of(model.sentence, "Movement"):
            if mv.span[0] <= model.start < mv.span[1]:
                continue
            ctx.add(model, "partOf", mv, 0.8, "model-movement-sentence")
            governing.setdefault(model.eid, mv.eid)
            found = True
        if found:
            continue
        if dominant_mention is not None and (counts[dominant] >= 2 or len(counts) == 1) and (
            list_sizes.get(model.list_id, 0) >= 2 or counts[dominant] >= 2
        ):
            mv = dominant_mention
            ctx.add(model, "partOf", mv, 0.5, "model-list-dominant-movement", anchor=model)
            governing.setdefault(model.eid, dominant)
    # "đây là cách làm thiết thực hưởng ứng phong trào X" right after a model
    for mv in movements:
        if ctx.of(mv.sentence, "Model"):
            continue
        before = ctx.body[ctx.sentences[mv.sentence].start : mv.start]
        if not _RESPOND_CUE.search(before):
            continue
        for back in (1, 2):
            j = mv.sentence - back
            models = ctx.of(j, "Model") if j >= 0 else []
            if models:
                ctx.add(models[-1], "partOf", mv, 0.55, "model-responds-movement", anchor=mv)
                break
    return governing


def _segment(ctx: RelationContext, m: Mention) -> tuple[int, int]:
    sent = ctx.sentences[m.sentence]
    text = ctx.body
    a = text.rfind(";", sent.start, m.start)
    b = text.find(";", m.end, sent.end)
    return (a + 1 if a >= 0 else sent.start, b if b >= 0 else sent.end)


def _run_by(ctx: RelationContext) -> None:
    for model in (m for m in ctx.mentions if m.cls == "Model" and m.eid):
        orgs = ctx.of(model.sentence, "Organisation")
        if not orgs:
            continue
        seg_a, seg_b = _segment(ctx, model)
        sent = ctx.sentences[model.sentence]
        local = [o for o in orgs if seg_a <= o.start < seg_b] if (seg_a, seg_b) != (sent.start, sent.end) else []
        chosen: list[tuple[Mention, float]] = []
        if local:
            chosen = [(o, 0.75) for o in local]
        else:
            issued = {
                o.eid for o in orgs
                if any(r.end <= o.start and _ISSUER.match(ctx.body[r.end : o.start]) for r in ctx.of(model.sentence, "Resolution"))
            }
            for o in orgs:
                if o.eid in issued:
                    continue
                if o.end <= model.span[0]:
                    chosen.append((o, 0.65))
                elif o.start >= model.span[1]:
                    between = ctx.body[model.span[1] : o.start]
                    if _BY_AFTER.match(between) and len(between) < 40:
                        chosen.append((o, 0.75))
        for o, conf in chosen:
            ctx.add(model, "runBy", o, conf, "model-org-sentence")


def _benefits(ctx: RelationContext, governing: dict[str, str]) -> None:
    by_eid = {m.eid: m for m in ctx.mentions if m.eid}
    for b in (m for m in ctx.mentions if m.cls == "BeneficiaryGroup" and m.eid):
        models = ctx.of(b.sentence, "Model")
        movements = ctx.of(b.sentence, "Movement")
        models = [m for m in models if not (m.span[0] <= b.start < m.span[1])]
        movements = [m for m in movements if not (m.span[0] <= b.start < m.span[1])]
        distinct_models = {m.eid for m in models}
        if len(distinct_models) >= 2:
            targets = movements or [by_eid[g] for g in {governing.get(e) for e in distinct_models} if g and g in by_eid]
            for t in targets:
                ctx.add(t, "benefits", b, 0.6, "benefit-list-movement")
            if targets:
                continue
            before = [m for m in models if m.end <= b.start]
            if before:
                ctx.add(before[-1], "benefits", b, 0.5, "benefit-sentence")
            continue
        if distinct_models:
            for m in models[:1]:
                ctx.add(m, "benefits", b, 0.7, "benefit-sentence")
            continue
        if movements:
            ctx.add(movements[-1] if movements[-1].end <= b.start else movements[0], "benefits", b, 0.65, "benefit-sentence")
            continue
        j = b.sentence - 1
        if j >= 0 and _same_paragraph(ctx, j, b.sentence):
            prev = ctx.of(j, "Model", "Movement")
            if prev and len({p.eid for p in prev}) == 1:
                ctx.add(prev[-1], "benefits", b, 0.5, "benefit-context", anchor=b)


def _launched_by(ctx: RelationContext) -> None:
    for mv in (m for m in ctx.mentions if m.cls == "Movement" and m.eid):
        orgs = ctx.of(mv.sentence, "Organisation")
        for o in orgs:
            if o.end <= mv.start:
                between = ctx.body[o.end : mv.start]
                if _LAUNCH_CUE.search(between) and len(between) < 160 and not ctx.of_between(mv.sentence, o.end, mv.start, "Model"):
                    ctx.add(mv, "launchedBy", o, 0.7, "movement-org-cue")
            elif o.start >= mv.span[1]:
                between = ctx.body[mv.span[1] : o.start]
                after = ctx.body[o.end : o.end + 30]
                if re.match(r"^\s*,?\s*(?:do|của)\s*$", between) or (
                    len(between) < 30 and re.match(r"^\s*(?:và [^,]{0,60})?(?:phát động|chủ trì|tổ chức|khởi xướng)", after)
                ):
                    ctx.add(mv, "launchedBy", o, 0.75, "movement-org-cue")


def _located_in(ctx: RelationContext, org_place: dict[str, tuple[str, float, str]]) -> None:
    for o in (m for m in ctx.mentions if m.cls == "Organisation" and m.eid):
        target = org_place.get(o.eid)
        if target:
            ctx.add(o, "locatedIn", target[0], target[1], target[2], anchor=o)
    seen_models: set[str] = set()
    located: set[str] = set()
    for model in (m for m in ctx.mentions if m.cls == "Model" and m.eid):
        seen_models.add(model.eid)
        places = [p for p in ctx.of(model.sentence, "Place") if not (model.span[0] <= p.start < model.span[1])]
        places = [p for p in places if ctx.place_level.get(p.eid) not in ("country", "region")]
        for p in places:
            ctx.add(model, "locatedIn", p, 0.65, "model-place-sentence")
            located.add(model.eid)
    if ctx.main_place_id:
        for model in (m for m in ctx.mentions if m.cls == "Model" and m.eid):
            if model.eid not in located:
                located.add(model.eid)
                ctx.add(model, "locatedIn", ctx.main_place_id, 0.45, "model-place-main", anchor=model)


def _implements(ctx: RelationContext) -> None:
    for r in (m for m in ctx.mentions if m.cls == "Resolution" and m.eid):
        sent = ctx.sentences[r.sentence]
        before = ctx.body[sent.start : r.start]
        if not _IMPLEMENT_CUE.search(before[-80:]):
            continue
        subj = [m for m in ctx.of(r.sentence, "Movement", "Model") if m.end <= r.start]
        if subj:
            movs = [m for m in subj if m.cls == "Movement"]
            ctx.add((movs or subj)[-1], "implements", r, 0.7, "implements-cue")
            continue
        after = [m for m in ctx.of(r.sentence, "Movement") if m.start >= r.end]
        if after:
            ctx.add(after[0], "implements", r, 0.55, "implements-cue")
            continue
        for back in (1, 2, 3):
            j = r.sentence - back
            if j < 0 or not _same_paragraph(ctx, j, r.sentence):
                break
            prev = ctx.of(j, "Movement")
            if prev:
                ctx.add(prev[-1], "implements", r, 0.5, "implements-context", anchor=r)
                break


def _contributes(ctx: RelationContext) -> None:
    for t in (m for m in ctx.mentions if m.cls in ("Programme", "Index") and m.eid):
        subj = [m for m in ctx.of(t.sentence, "Movement", "Model") if not (m.span[0] <= t.start < m.span[1])]
        if subj:
            before = [m for m in subj if m.end <= t.start]
            ctx.add((before or subj)[-1], "contributesTo", t, 0.6, "contributes-sentence")
            continue
        j = t.sentence - 1
        if j >= 0 and _same_paragraph(ctx, j, t.sentence):
            prev = ctx.of(j, "Movement", "Model")
            if prev:
                ctx.add(prev[-1], "contributesTo", t, 0.45, "contributes-context", anchor=t)


def find_relations(ctx: RelationContext, org_place: dict[str, tuple[str, float, str]]) -> list[Relation]:
    """Run every rule; one relation per (s, p, o) with merged evidence, in a deterministic order."""
    governing = _part_of(ctx)
    _run_by(ctx)
    _benefits(ctx, governing)
    _launched_by(ctx)
    _located_in(ctx, org_place)
    _implements(ctx)
    _contributes(ctx)
    return list(ctx.relations.values())
