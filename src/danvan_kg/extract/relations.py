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

import bisect
import re
from collections import Counter

from danvan_kg.extract.mentions import Mention
from danvan_kg.extract.model import Evidence, Relation
from danvan_kg.text.sentences import Sentence

__all__ = ["RelationContext", "find_relations"]

_LAUNCH_CUE = re.compile(
    r"phát động|triển khai|thực hiện|tổ chức|chỉ đạo|hưởng ứng|tuyên truyền|phối hợp|xây dựng|duy trì|đẩy mạnh|"  # noqa: E501
    r"lãnh đạo|ban hành|tổng kết|sơ kết|nhân rộng|khởi xướng|chủ trì|vận động",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"^\s*(?:,?\s*(?:của|do|thuộc)|\()\s*", re.IGNORECASE)
_CO_ORG = re.compile(r"\s*(?:,|và|cùng|cùng với|phối hợp với|phối hợp cùng|phối hợp)\s*(?:với\s*)?$")
_OF = re.compile(r"\s*(?:của|do)\s+")
_GIVE_CUE = re.compile(
    r"phối hợp|tổ chức|thực hiện|triển khai|duy trì|tài trợ|đồng hành|chủ trì", re.IGNORECASE
)
_PROGRAMME_ANAPHOR = re.compile(r"\b(?:chương trình|mô hình|hoạt động|ban tổ chức)\b", re.IGNORECASE)
_LAUNCH_AFTER = re.compile(
    r"(?:phát động|triển khai|tuyên truyền|thực hiện|chỉ đạo|tổ chức|hưởng ứng|đẩy mạnh)\b[^.;“”]{0,40}?\bphong trào",  # noqa: E501
    re.IGNORECASE,
)
_ISSUER = re.compile(r"^\s*(?:của|do)\s*$")
_IMPLEMENT_CUE = re.compile(
    r"thực hiện|theo tinh thần|gắn với|triển khai|quán triệt|cụ thể hóa|theo|căn cứ|hưởng ứng|đưa|vào cuộc sống",  # noqa: E501
    re.IGNORECASE,
)
_MAX_PER_SENTENCE = 300
_SOURCE_BEFORE = re.compile(r"(?:^|[\n.;,:]\s*|\s)[Tt]heo\s+$")
_TIED_TO = re.compile(
    r"gắn (?:với|liền với)(?: việc)?(?: thực hiện| đẩy mạnh)?(?: các)? "
    r"(?:phong trào(?: thi đua)?|cuộc vận động)\s*$"
)
_FUNDING_SOURCE = re.compile(r"(?:từ|trích|nguồn|kinh phí)(?: quỹ)?\s*$", re.IGNORECASE)
_LEADING_CUE = re.compile(
    r"^\W*(?:Thực hiện|Triển khai|Quán triệt|Theo|Căn cứ|Để cụ thể hóa|Cụ thể hóa)\b", re.IGNORECASE
)
_SUBJECT_ANAPHOR = re.compile(r"\W*(?:Chương trình|Mô hình|Hoạt động|Đây)\b")
_CARRY_OUT = re.compile(r"thực hiện|hưởng ứng|triển khai", re.IGNORECASE)
_RESPOND_CUE = re.compile(r"hưởng ứng|cụ thể hóa", re.IGNORECASE)
_ABOUT = re.compile(r"^[^.;]{0,25}?\b(?:về|nhằm|để)\b[^.;]{0,40}$", re.IGNORECASE)
_ANAPHOR = re.compile(
    r"(?:^|\W)(?:[Tt]ại|[Qq]ua|[Tt]rong|[Tt]ừ|[Vv]ới|[Dd]ịp)\s+(?:chương trình|mô hình|phong trào|hoạt động|buổi|đợt|phiên chợ|câu lạc bộ|CLB|quỹ)\b|^\W*(?:Chương trình|Mô hình|Phong trào|Hoạt động|Đây|Những mô hình|Các mô hình|Nhờ đó|Qua đó|Từ đó|Nhờ vậy)\b"  # noqa: E501
)
_CONSEQUENCE = re.compile(
    r"^\W*(?:Nhờ đó|Nhờ vậy|Qua đó|Từ đó|Nhờ có|Thông qua|Với|Từ|Qua|Mô hình|Chương trình|Câu lạc bộ|CLB|Quỹ|"
    r"Phong trào|Hoạt động|Đây|Mỗi|Hằng|Hàng|Ngoài ra|Bên cạnh đó|Đồng thời|Tổ|Đội|Nhóm|Các thành viên|Hội viên)\b"  # noqa: E501
)
_PLURAL_ANAPHOR = re.compile(r"(?:[Nn]hững|[Cc]ác) (?:mô hình|chương trình|hoạt động) (?:này|trên|đó)\b")
_ANAPHORA = re.compile(
    r"^(?:[^,]{0,30}\b)?(?:đây|mô hình|chương trình|hoạt động|việc làm|cách làm)\b", re.IGNORECASE
)


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
        self.orgs = sorted(
            (m for m in self.mentions if m.cls == "Organisation" and m.eid), key=lambda m: m.end
        )
        self.org_ends = [m.end for m in self.orgs]

    def of(self, s_idx: int, *classes: str) -> list[Mention]:
        found = self.by_sentence.get(s_idx, [])
        if len(found) > _MAX_PER_SENTENCE:  # not prose (a dump of names): pairing it would be quadratic
            return []
        return [m for m in found if m.cls in classes and m.eid]

    def actors(self, s_idx: int) -> list[Mention]:
        """Organisations of a sentence that can act: not part of a person's title ("Chủ tịch UBND xã"),
        not a source quoted ("Theo Bộ Chỉ huy BĐBP tỉnh, …")."""
        return [
            m
            for m in self.of(s_idx, "Organisation")
            if not m.extra.get("in_title")
            and not _SOURCE_BEFORE.search(self.body, max(0, m.start - 12), m.start)
            and not self.issuer(m)
        ]

    def issuer(self, org: Mention) -> bool:
        """The body that issued a document ("Chỉ thị số 21-CT/TW của Ban Bí thư")."""
        return any(
            r.end <= org.start and _ISSUER.match(self.body[r.end : org.start])
            for r in self.by_sentence.get(org.sentence, [])
            if r.cls == "Resolution"
        )

    def funding(self, m: Mention) -> bool:
        """A fund named as the source of money ("trích từ Quỹ X"), not as an activity."""
        return bool(_FUNDING_SOURCE.search(self.body, max(0, m.span[0] - 25), m.span[0]))

    def of_between(self, s_idx: int, a: int, b: int, *classes: str) -> list[Mention]:
        return [m for m in self.of(s_idx, *classes) if a <= m.start < b]

    def add(
        self, s: Mention, p: str, o: Mention | str, conf: float, method: str, anchor: Mention | None = None
    ) -> None:
        o_id = o if isinstance(o, str) else o.eid
        if not s.eid or not o_id or s.eid == o_id:
            return
        if isinstance(o, Mention) and o.sentence == s.sentence:
            a, b = min(s.start, o.start), max(s.end, o.end)
        else:
            ref = anchor or (o if isinstance(o, Mention) else s)
            a, b = ref.start, ref.end
        s_idx = (
            s.sentence if not isinstance(o, Mention) else (o.sentence if anchor is None else anchor.sentence)
        )
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
    return (
        0 <= i < len(ctx.sentences)
        and 0 <= j < len(ctx.sentences)
        and ctx.sentences[i].paragraph == ctx.sentences[j].paragraph
    )


def _part_of(ctx: RelationContext) -> dict[str, str]:
    """partOf; returns model eid -> movement eid for list attribution of benefits."""
    governing: dict[str, str] = {}
    movements = [
        m for m in ctx.mentions if m.cls == "Movement" and m.eid and m.method != "rule:event-taken-up"
    ]
    counts = Counter(m.eid for m in movements)
    dominant = counts.most_common(1)[0][0] if counts else None
    if dominant and len(counts) > 1 and counts.most_common(2)[1][1] == counts[dominant]:
        dominant = next(m.eid for m in movements if counts[m.eid] == counts[dominant])
    dominant_mention = next((m for m in movements if m.eid == dominant), None) if dominant else None
    list_sizes = Counter(m.list_id for m in ctx.mentions if m.cls == "Model" and m.list_id >= 0)
    for model in (m for m in ctx.mentions if m.cls == "Model" and m.eid and not ctx.funding(m)):
        found = False
        for mv in ctx.of(model.sentence, "Movement"):
            if mv.span[0] <= model.start < mv.span[1]:
                continue
            ctx.add(model, "partOf", mv, 0.8, "model-movement-sentence")
            governing.setdefault(model.eid, mv.eid)
            found = True
        if found:
            continue
        if (
            dominant_mention is not None
            and (counts[dominant] >= 2 or len(counts) == 1)
            and (list_sizes.get(model.list_id, 0) >= 2 or counts[dominant] >= 2)
        ):
            mv = dominant_mention
            ctx.add(model, "partOf", mv, 0.5, "model-list-dominant-movement", anchor=model)
            governing.setdefault(model.eid, dominant)
    # "đây là cách làm thiết thực hưởng ứng phong trào X" right after a model
    for mv in movements:
        if ctx.of(mv.sentence, "Model"):
            continue
        before = ctx.body[max(ctx.sentences[mv.sentence].start, mv.start - 200) : mv.start]
        anaphoric = _SUBJECT_ANAPHOR.match(ctx.sentences[mv.sentence].text)
        if not _RESPOND_CUE.search(before) and not (anaphoric and _CARRY_OUT.search(before)):
            continue
        for back in (1, 2):
            j = mv.sentence - back
            models = [m for m in ctx.of(j, "Model") if not ctx.funding(m)] if j >= 0 else []
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
        orgs = ctx.actors(model.sentence)
        seg_a, seg_b = _segment(ctx, model)
        sent = ctx.sentences[model.sentence]
        owners = {
            o.eid
            for o in orgs
            for mv in ctx.of(model.sentence, "Movement")
            if 0 <= o.start - mv.span[1] <= 8 and _OF.match(ctx.body, mv.span[1], o.start)
        }
        orgs = [o for o in orgs if o.eid not in owners]  # "phong trào “X” của ORG": ORG runs X, not the model
        segmented = (seg_a, seg_b) != (sent.start, sent.end)
        local = [o for o in orgs if seg_a <= o.start < seg_b] if segmented else []
        chosen: list[tuple[Mention, float]] = []
        if local:
            chosen = [(o, 0.75) for o in local]
        elif segmented and ctx.body.find(";", sent.start, model.start) >= 0:
            chosen = []  # a later item of a ';' list whose other items name their own organisations
        else:
            issued = {
                o.eid
                for o in orgs
                if any(
                    r.end <= o.start and _ISSUER.match(ctx.body[r.end : o.start])
                    for r in ctx.of(model.sentence, "Resolution")
                )
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
                    elif (
                        chosen
                        and chosen[-1][1] == 0.75
                        and _CO_ORG.match(ctx.body, chosen[-1][0].end, o.start)
                    ):
                        chosen.append((o, 0.7))  # "do ORG1 phối hợp với ORG2 thực hiện"
        anaphor = _anaphoric_runner(ctx, model, seg_a)
        if anaphor is not None:
            # "đồn phối hợp với Hội X trao quà …, đồng thời thành lập Tổ Y": the partner helped with the
            # gift, the subject runs the model
            chosen = [
                (o, c)
                for o, c in chosen
                if not (
                    o.end <= model.span[0]
                    and _PARTNER.search(ctx.body, max(0, o.start - 20), o.start)
                    and re.search(r",|đồng thời", ctx.body[o.end : model.span[0]])
                )
            ]
        for o, conf in chosen:
            ctx.add(model, "runBy", o, conf, "model-org-sentence")
        if anaphor is not None:
            ctx.add(model, "runBy", anaphor, 0.6, "model-org-anaphor")


# "Hội còn phối hợp với … ra mắt mô hình", "đơn vị còn duy trì …": a bare head standing for an organisation
# named earlier
_RUNNER_ANAPHOR = re.compile(
    r"(?<![\w])(?P<a>Hội|Đoàn|[Đđ]ồn|[Đđ]ơn vị|Ban|Chi hội|Câu lạc bộ|Mặt trận)\s+"
    r"(?:(?:còn|đã|cũng|tiếp tục|thường xuyên|đồng thời|luôn|vừa|mới|chủ động|sẽ)\s+)*"
    r"(?:phối hợp|tổ chức|ra mắt|thành lập|duy trì|triển khai|xây dựng|vận động|nhân rộng|thực hiện|khởi xướng)\b"  # noqa: E501
)


_PARTNER = re.compile(r"(?:phối hợp|cùng|kết hợp|liên kết)(?: với)?\s*$")


_LEAD_CLAUSE = re.compile(r"^\W*(?:Thực hiện|Hưởng ứng|Triển khai|Tham gia)\b")
_MAIN_SUBJECT = re.compile(r"[^,.;]{0,120}?,\s*(?P<a>[Đđ]ồn|[Đđ]ơn vị|Hội|Đoàn)\s+[a-zà-ỹđ]")


def _anaphoric_runner(ctx: RelationContext, model: Mention, seg_a: int) -> Mention | None:
    found = list(_RUNNER_ANAPHOR.finditer(ctx.body, seg_a, model.span[0]))
    if not found:
        sent = ctx.sentences[model.sentence]
        # "Thực hiện Chương trình “X” của Bộ Tư lệnh …, đơn vị đang nhận đỡ đầu …": the main clause's subject
        if not _LEAD_CLAUSE.match(sent.text) or "," in ctx.body[sent.start : model.span[0]]:
            return None
        found = [m for m in [_MAIN_SUBJECT.match(ctx.body, model.span[1], sent.end)] if m]
        if not found:
            return None
        seg_a = found[0].start("a")
        skip_from = sent.start  # the lead clause's organisations own the programme, they are not "đơn vị"
    else:
        skip_from = len(ctx.body)
    m = found[-1]
    if ctx.body[seg_a : m.start("a")].strip() and not re.search(
        r"[,;:.]\s*$", ctx.body[seg_a : m.start("a")]
    ):
        return None  # the anaphor opens the sentence or a clause
    word = m.group("a").lower()
    pos = m.start("a")
    if any(o.start <= pos < o.end for o in ctx.of(model.sentence, "Organisation")):
        return None
    k = bisect.bisect_right(ctx.org_ends, pos)
    for o in reversed(ctx.orgs[max(0, k - 40) : k]):  # the nearest organisations named before
        if (o.extra.get("in_title") and word not in ("hội", "đoàn")) or o.start >= skip_from:
            continue
        label = o.label.casefold()
        if word in ("đồn", "đơn vị"):
            ok = o.subtype in ("ArmedForce", "Police") and (word == "đơn vị" or label.startswith("đồn"))
        elif word == "đoàn":
            ok = "đoàn" in label.split()[:2] or label.startswith(("tỉnh đoàn", "huyện đoàn", "thành đoàn"))
        else:
            ok = label.startswith(word)
        if ok:
            return o
    return None


def _benefits(ctx: RelationContext, governing: dict[str, str]) -> None:
    by_eid = {m.eid: m for m in ctx.mentions if m.eid}
    for b in (m for m in ctx.mentions if m.cls == "BeneficiaryGroup" and m.eid):
        models = ctx.of(b.sentence, "Model")
        movements = ctx.of(b.sentence, "Movement")
        models = [m for m in models if not (m.span[0] <= b.start < m.span[1])]
        movements = [m for m in movements if not (m.span[0] <= b.start < m.span[1])]
        distinct_models = {m.eid for m in models}
        sent = ctx.sentences[b.sentence]
        if len(distinct_models) >= 2 and ";" in ctx.body[sent.start : sent.end]:
            # "…; “Nồi cháo X” do Hội … duy trì, giúp bệnh nhân nghèo": the group of a ';' item is helped
            # by the one model of that item
            a = ctx.body.rfind(";", sent.start, b.start)
            z = ctx.body.find(";", b.end, sent.end)
            own = [m for m in models if (a < m.start) and (z < 0 or m.end <= z)]
            if a >= 0 and len({m.eid for m in own}) == 1:
                ctx.add(own[0], "benefits", b, 0.6, "benefit-list-item")
                continue
        if len(distinct_models) >= 2:
            targets = movements or [
                by_eid[g] for g in {governing.get(e) for e in distinct_models} if g and g in by_eid
            ]
            for t in targets:
                ctx.add(t, "benefits", b, 0.6, "benefit-list-movement")
            if targets:
                continue
            lists = {m.list_id for m in models}
            if len(lists) > 1 or -1 in lists:  # separate names, no list: each of them
                for m in models:
                    if m.end <= b.start:
                        ctx.add(m, "benefits", b, 0.5, "benefit-sentence")
            else:
                before = [m for m in models if m.end <= b.start]
                if before:
                    ctx.add(before[-1], "benefits", b, 0.5, "benefit-sentence")
            continue
        if distinct_models:
            for m in models[:1]:
                ctx.add(m, "benefits", b, 0.7, "benefit-sentence")
            continue
        if movements:
            ctx.add(
                movements[-1] if movements[-1].end <= b.start else movements[0],
                "benefits",
                b,
                0.65,
                "benefit-sentence",
            )
            continue
        j = b.sentence - 1
        if (
            j >= 0
            and _same_paragraph(ctx, j, b.sentence)
            and _CONSEQUENCE.match(ctx.sentences[b.sentence].text)
        ):
            prev = ctx.of(j, "Model", "Movement")
            if prev and len({p.eid for p in prev}) == 1:
                ctx.add(prev[-1], "benefits", b, 0.5, "benefit-context", anchor=b)
                continue
        sent = ctx.sentences[b.sentence]
        sent_text = sent.text
        window = ctx.body[max(sent.start, b.start - 200) : b.start]
        if _ANAPHOR.search(sent_text[:60]) or _ANAPHOR.search(window):
            for back in (1, 2, 3):  # "Tại chương trình, ... tặng hộ nghèo": the name given just before
                prev = ctx.of(b.sentence - back, "Model", "Movement") if b.sentence - back >= 0 else []
                if prev:
                    if len({p.eid for p in prev}) == 1:
                        ctx.add(prev[-1], "benefits", b, 0.45, "benefit-anaphora", anchor=b)
                    elif _PLURAL_ANAPHOR.search(window):  # "Những mô hình này đã giúp hộ nghèo"
                        for p in prev:
                            if p.cls == "Model":
                                ctx.add(p, "benefits", b, 0.45, "benefit-anaphora", anchor=b)
                    break


def _launched_by(ctx: RelationContext) -> None:
    movements = [m for m in ctx.mentions if m.cls == "Movement" and m.eid]
    _launched_by_cues(ctx, movements)
    _stated_launchers(ctx)
    by_list: dict[int, list[Mention]] = {}
    for m in movements:
        if m.list_id >= 0:
            by_list.setdefault(m.list_id, []).append(m)
    launchers_of: dict[str, list[Relation]] = {}  # built once: a scan per list was quadratic on big inputs
    for r in list(ctx.relations.values()):
        if r.p == "launchedBy":
            launchers_of.setdefault(r.s, []).append(r)
    for items in by_list.values():  # "ORG phát động các phong trào: “A”, “B”, “C”": all of the list
        launchers = launchers_of.get(items[0].eid, [])
        for r in launchers:
            org = next((o for o in ctx.of(items[0].sentence, "Organisation") if o.eid == r.o), None)
            if org is None:
                continue
            for m in items[1:]:
                ctx.add(m, "launchedBy", org, 0.6, "movement-org-list")


_STATED_LAUNCH = re.compile(
    r"^\W*(?:Phong trào|Cuộc vận động)(?: (?:thi đua|này|trên))*,?(?: (?:được|do|là do))+ (?P<rest>.{0,120})",
)
_LAUNCH_VERB = re.compile(r"phát động|khởi xướng|đề ra|chủ trương")


def _stated_launchers(ctx: RelationContext) -> None:
    """"Phong trào do Ban Thường vụ Tỉnh ủy phát động từ …" right after a named movement: the stated launcher;
    an event organiser ("ORG tổ chức Hội nghị sơ kết … phong trào X") is then not the launcher."""
    for s_idx, sent in enumerate(ctx.sentences):
        m = _STATED_LAUNCH.match(sent.text)
        if m is None or ctx.of(s_idx, "Movement"):
            continue
        rest_start = sent.start + m.start("rest")
        orgs = [o for o in ctx.of(s_idx, "Organisation") if o.start >= rest_start]
        if not orgs or not _LAUNCH_VERB.search(ctx.body, orgs[0].end, min(sent.end, orgs[0].end + 40)):
            continue
        prev: list[Mention] = []
        for back in (1, 2):
            if s_idx - back >= 0:
                prev = ctx.of(s_idx - back, "Movement")
                if prev:
                    break
        if len({p.eid for p in prev}) != 1:
            continue
        mv = prev[-1]
        for key in [k for k, r in ctx.relations.items() if r.s == mv.eid and r.p == "launchedBy"]:
            r = ctx.relations[key]
            if not any(_LAUNCH_VERB.search(e.quote) for e in r.evidence):
                del ctx.relations[key]
        ctx.add(mv, "launchedBy", orgs[0], 0.75, "movement-launcher-stated", anchor=orgs[0])


def _launched_by_cues(ctx: RelationContext, movements: list[Mention]) -> None:
    for mv in movements:
        orgs = ctx.actors(mv.sentence)
        for o in orgs:
            if o.end <= mv.start:
                between = ctx.body[o.end : mv.start]
                if (
                    _LAUNCH_CUE.search(between)
                    and len(between) < 160
                    and not ctx.of_between(mv.sentence, o.end, mv.start, "Model")
                ):
                    ctx.add(mv, "launchedBy", o, 0.7, "movement-org-cue")
            elif o.start >= mv.span[1]:
                between = ctx.body[mv.span[1] : o.start]
                if _LAUNCH_AFTER.search(ctx.body, o.end, min(o.end + 160, ctx.sentences[mv.sentence].end)):
                    # "Xác định phong trào “X” …, ORG … tuyên truyền sâu rộng phong trào"
                    ctx.add(mv, "launchedBy", o, 0.6, "movement-org-anaphor")
                    continue
                after = ctx.body[o.end : o.end + 30]
                if re.match(r"^\s*,?\s*(?:do|của)\s*$", between) or (
                    len(between) < 30
                    and re.match(r"^\s*(?:và [^,]{0,60})?(?:phát động|chủ trì|tổ chức|khởi xướng)", after)
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
        if ctx.funding(model):
            located.add(model.eid)  # "trích từ Quỹ X": the fund pays, it is not where things happen
            continue
        places = _model_places(ctx, model)
        for p in places:
            ctx.add(model, "locatedIn", p, 0.65, "model-place-sentence")
            located.add(model.eid)
    run_by: dict[str, list[str]] = {}
    for r in ctx.relations.values():
        if r.p == "runBy" and r.method == "rule:model-org-sentence":
            run_by.setdefault(r.s, []).append(r.o)
    for model in (m for m in ctx.mentions if m.cls == "Model" and m.eid):
        if model.eid in located:
            continue
        for back in (1, 2):  # "Tại huyện X, …. Để thực hiện điều này, … mô hình “Y”"
            j = model.sentence - back
            if j < 0 or not _same_paragraph(ctx, j, model.sentence):
                break
            if _CAPTION.match(ctx.sentences[j].text):
                continue  # a photo caption does not say where the next model is
            places = [
                p for p in ctx.of(j, "Place") if ctx.place_level.get(p.eid) not in ("country", "region")
            ]
            if places:
                for p in places:
                    ctx.add(model, "locatedIn", p, 0.55, "model-place-context", anchor=model)
                located.add(model.eid)
                break
    for model in (m for m in ctx.mentions if m.cls == "Model" and m.eid):
        if model.eid in located:
            continue
        # the place of the organisation that runs it ("Ban Công tác Mặt trận ấp X ra mắt mô hình …")
        for org in run_by.get(model.eid, []):
            target = org_place.get(org)
            if target and target[2] in ("org-place-in-name", "org-place-unit-word", "org-place-name"):
                ctx.add(model, "locatedIn", target[0], 0.5, "model-place-runner", anchor=model)
                located.add(model.eid)
    if ctx.main_place_id:
        # the article's main place only for the model(s) the article is about (named in the headline or
        # lead) or when the article names a single place: elsewhere a model with no place of its own is
        # as likely to be somewhere else (another district, a national programme)
        own_places = {
            m.eid
            for m in ctx.mentions
            if m.cls == "Place" and ctx.place_level.get(m.eid) not in ("country", "region")
        }
        lead = {m.eid for m in ctx.mentions if m.cls == "Model" and m.sentence <= 2}
        for model in (m for m in ctx.mentions if m.cls == "Model" and m.eid):
            if len(own_places) > 1 and model.eid not in lead:
                continue
            if model.eid not in located:
                located.add(model.eid)
                ctx.add(model, "locatedIn", ctx.main_place_id, 0.45, "model-place-main", anchor=model)


_CAPTION = re.compile(r"^\W*(?:Ảnh|ẢNH|Hình ảnh|Photo)\b")
_GROUP_PLACE = re.compile(r"^(?:\s+[^\s,.;:()]+){0,4}?\s+(?:ở|tại|trên địa bàn|thuộc)\s+$")


def _model_places(ctx: RelationContext, model: Mention) -> list[Mention]:
    """Places of a model's sentence (its ';' item): not inside the model's name, not where a helped
    group lives ("học sinh … ở huyện X"), outside organisation names when there are such."""
    in_sentence = [
        p
        for p in ctx.of(model.sentence, "Place")
        if ctx.place_level.get(p.eid) not in ("country", "region") and not _in_aside(ctx.body, p.start)
    ]
    if model.method in _NAMED_BY_PLACE:
        # "Tổ hợp tác trồng nấm xã Tân Lập": an unquoted name that ends with its place says where it is
        own = [p for p in in_sentence if model.span[0] <= p.start < model.span[1] and p.end == model.span[1]]
        if own:
            return own[-1:]
    places = [p for p in in_sentence if not (model.span[0] <= p.start < model.span[1])]
    seg_a, seg_b = _segment(ctx, model)
    sent = ctx.sentences[model.sentence]
    if (seg_a, seg_b) != (sent.start, sent.end):  # a ';' list: the places of this item only
        places = [p for p in places if seg_a <= p.start < seg_b]
    if not places:
        return []
    groups = ctx.of(model.sentence, "BeneficiaryGroup")
    kept: list[Mention] = []
    dropped_end = -1
    for p in places:
        after_group = any(
            g.end <= p.start and _GROUP_PLACE.match(" " + ctx.body[g.end : p.start]) for g in groups
        )
        continues = dropped_end >= 0 and re.fullmatch(r"\s*(?:,|và)\s*", ctx.body[dropped_end : p.start])
        if after_group or continues:
            dropped_end = p.end
            continue
        kept.append(p)
    orgs = ctx.of(model.sentence, "Organisation")
    outside = [p for p in kept if not any(o.start <= p.start and p.end <= o.end for o in orgs)]
    kept = outside or kept
    return kept


_ASIDE = re.compile(r"\((?:trước đây|trước là|cũ|nay là|nay thuộc|thuộc)\b[^()]*$", re.IGNORECASE)
_NAMED_BY_PLACE = frozenset({"rule:placed-model"})


def _in_aside(body: str, pos: int) -> bool:
    """A place in a "(trước đây thuộc huyện A, tỉnh B)" aside says where something used to belong."""
    return bool(_ASIDE.search(body, max(0, pos - 80), pos))




def _implements(ctx: RelationContext) -> None:
    for r in (m for m in ctx.mentions if m.cls == "Resolution" and m.eid):
        sent = ctx.sentences[r.sentence]
        before = ctx.body[sent.start : r.start]
        about = [
            m
            for m in ctx.of(r.sentence, "Movement")
            if m.start >= r.end and _ABOUT.match(ctx.body[r.end : m.start])
        ]
        if about:  # "Kế hoạch số 45-KH/TU về đẩy mạnh phong trào thi đua “X”"
            ctx.add(about[0], "implements", r, 0.6, "implements-about")
            continue
        if not _IMPLEMENT_CUE.search(before[-80:]):
            continue
        subj = [m for m in ctx.of(r.sentence, "Movement", "Model") if m.end <= r.start]
        if subj:
            movs = [m for m in subj if m.cls == "Movement"]
            target = (movs or subj)[-1]
            models = [m for m in subj if m.cls == "Model" and m.end <= target.start]
            if (
                target.cls == "Movement"
                and models
                and _TIED_TO.search(ctx.body, max(0, target.span[0] - 40), target.span[0])
            ):
                target = models[
                    -1
                ]  # "xây dựng mô hình X gắn với phong trào Y, thực hiện Chỉ thị Z": the model
            ctx.add(target, "implements", r, 0.7, "implements-cue")
            continue
        after = [m for m in ctx.of(r.sentence, "Movement") if m.start >= r.end]
        if after:
            ctx.add(after[0], "implements", r, 0.55, "implements-cue")
            continue
        if _LEADING_CUE.match(before):  # "Thực hiện Chỉ thị ..., ORG xây dựng mô hình “X”"
            after = [m for m in ctx.of(r.sentence, "Model") if m.start >= r.end]
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


def _single_subject(ctx: RelationContext) -> Mention | None:
    """The one model an article is about (or its one movement when it names no model), if any."""
    models = {m.eid: m for m in ctx.mentions if m.cls == "Model" and m.eid}
    if len(models) == 1:
        return next(iter(models.values()))
    in_title = {m.eid: m for m in ctx.mentions if m.cls == "Model" and m.eid and m.sentence <= 1}
    if len(in_title) == 1:  # the model the headline is about
        return next(iter(in_title.values()))
    movements = {
        m.eid: m for m in ctx.mentions if m.cls == "Movement" and m.eid and m.method != "rule:event-taken-up"
    }
    if not models and len(movements) == 1:
        return next(iter(movements.values()))
    return None


def _single_subject_rules(ctx: RelationContext) -> None:
    """In an article about one model, helped groups and co-organisers of sentences that name no other
    model refer to it ("Chương trình “X” … Ban tổ chức trao quà cho gia đình chính sách …")."""
    subject = _single_subject(ctx)
    if subject is None:
        return
    for b in (m for m in ctx.mentions if m.cls == "BeneficiaryGroup" and m.eid):
        if not ctx.of(b.sentence, "Model", "Movement"):
            ctx.add(subject, "benefits", b, 0.45, "benefit-article-subject", anchor=b)
    if subject.cls != "Model":
        return
    for i, sent in enumerate(ctx.sentences):
        if ctx.of(i, "Model", "Movement") or not _PROGRAMME_ANAPHOR.search(sent.text):
            continue
        for o in ctx.actors(i):
            if _GIVE_CUE.search(ctx.body, max(sent.start, o.start - 40), min(sent.end, o.end + 60)):
                ctx.add(subject, "runBy", o, 0.45, "model-org-article-subject", anchor=o)


def find_relations(ctx: RelationContext, org_place: dict[str, tuple[str, float, str]]) -> list[Relation]:
    """Run every rule; one relation per (s, p, o) with merged evidence, in a deterministic order."""
    governing = _part_of(ctx)
    _run_by(ctx)
    _benefits(ctx, governing)
    _single_subject_rules(ctx)
    _launched_by(ctx)
    _located_in(ctx, org_place)
    _implements(ctx)
    _referred_models_rules(ctx)
    _contributes(ctx)
    return list(ctx.relations.values())


# A sentence that points back to models named before it: "Các mô hình này góp phần thực hiện …", "… cho biết,
# các mô hình đều gắn với phong trào …", "Đây (cũng) là cách làm … hưởng ứng phong trào P và thực hiện C".
_PLURAL_BACK = re.compile(
    r"(?:^|\W)(?:[Cc]ác|[Nn]hững) (?:mô hình|tổ|chi hội|câu lạc bộ|CLB|cách làm|tổ hợp tác|nhóm|đội)"
    r"(?: (?:này|trên|nói trên|kể trên|đó|ấy)(?!\w)| (?=đều\b))"
)
_SINGULAR_BACK = re.compile(
    r"^\W*(?:Đây|Đó)(?: (?:cũng|chính|thực sự))? là (?:một )?(?:cách làm|mô hình|việc làm|hoạt động)\b"
    r"|^\W*(?:Mô hình|Cách làm) (?:này|trên|nói trên)\b"
    r"|(?:^|[,:]\s)\W*(?:[Mm]ô hình) (?=(?:này |trên )?(?:do|được|đã|đang|hiện|thu hút|giúp)\b)"
)
# "… tham gia cuộc vận động “X”. Nổi bật là mô hình “Y” …": the models a sentence singles out belong to the
# movement of the sentence before
_SINGLED_OUT = re.compile(r"^\W*(?:Nổi bật là|Tiêu biểu là|Điển hình là|Tiêu biểu như|Nổi bật như|Điển hình như)\b")  # noqa: E501


def _referred_models(ctx: RelationContext, s_idx: int) -> tuple[list[Mention], int]:
    """Models a sentence refers back to, and where the reference ends (-1 when there is none)."""
    if ctx.of(s_idx, "Model"):
        return [], -1
    sent = ctx.sentences[s_idx]
    m = _PLURAL_BACK.search(sent.text)
    plural = m is not None
    if m is None:
        m = _SINGULAR_BACK.search(sent.text)
    if m is None:
        return [], -1
    para, crossed = sent.paragraph, 0
    found: list[Mention] = []
    for j in range(s_idx - 1, max(-1, s_idx - 7), -1):
        if ctx.sentences[j].paragraph != para:
            para, crossed = ctx.sentences[j].paragraph, crossed + 1
            if crossed > 1:
                break  # the paragraph before this one at most
        models = [x for x in ctx.of(j, "Model") if not ctx.funding(x)]
        if models and not plural:
            return models[-1:], sent.start + m.end()
        found = models + found
    seen: set[str] = set()
    uniq = [x for x in found if not (x.eid in seen or seen.add(x.eid))]
    return uniq, sent.start + m.end()


def _singled_out(ctx: RelationContext, s_idx: int) -> None:
    if s_idx == 0 or not _SINGLED_OUT.match(ctx.sentences[s_idx].text) or ctx.of(s_idx, "Movement"):
        return
    prev = ctx.of(s_idx - 1, "Movement")
    if len({m.eid for m in prev}) != 1 or not _same_paragraph(ctx, s_idx - 1, s_idx):
        return
    for model in ctx.of(s_idx, "Model"):
        if not ctx.funding(model):
            ctx.add(model, "partOf", prev[-1], 0.55, "model-singled-out", anchor=model)


def plural_ref(ctx: RelationContext, s_idx: int) -> bool:
    return _PLURAL_BACK.search(ctx.sentences[s_idx].text) is not None


def _referred_models_rules(ctx: RelationContext) -> None:
    for s_idx in range(len(ctx.sentences)):
        _singled_out(ctx, s_idx)
        movs = list(ctx.of(s_idx, "Movement"))
        docs = list(ctx.of(s_idx, "Resolution"))
        groups = ctx.of(s_idx, "BeneficiaryGroup")
        if not movs and not docs and not groups and not ctx.actors(s_idx):
            continue
        models, ref_end = _referred_models(ctx, s_idx)
        if not models:
            continue
        movs = [m for m in movs if m.start >= ref_end]
        docs = [r for r in docs if r.start >= ref_end]
        for mv in movs:
            before = ctx.body[max(ref_end, mv.start - 120) : mv.start]
            if _RESPOND_CUE.search(before) or re.search(r"gắn (?:với|liền với)|thuộc|của|góp phần|vào", before):  # noqa: E501
                for model in models:
                    ctx.add(model, "partOf", mv, 0.55, "models-referred-back", anchor=mv)
        if len(models) == 1 and not plural_ref(ctx, s_idx):
            model = models[0]
            for o in ctx.actors(s_idx):
                if o.start >= ref_end and re.match(r"\s*(?:này |trên )?do\s*$", ctx.body[ref_end : o.start]):
                    ctx.add(model, "runBy", o, 0.6, "models-referred-back", anchor=o)
                    for o2 in ctx.actors(s_idx):  # "do A cùng B khởi xướng"
                        if o2.start > o.end and _CO_ORG.match(ctx.body, o.end, o2.start):
                            ctx.add(model, "runBy", o2, 0.55, "models-referred-back", anchor=o2)
            for g in ctx.of(s_idx, "BeneficiaryGroup"):
                if g.start >= ref_end and not any(
                    r.p == "benefits" and r.o == g.eid for r in ctx.relations.values()
                ):
                    ctx.add(model, "benefits", g, 0.5, "models-referred-back", anchor=g)
        for r in docs:
            before = ctx.body[max(ref_end, r.start - 80) : r.start]
            if not _IMPLEMENT_CUE.search(before):
                continue
            for model in models:
                ctx.add(model, "implements", r, 0.55, "models-referred-back", anchor=r)
            for mv in movs:  # the models carry the document out, the movement they answer does not
                rel = ctx.relations.get((mv.eid, "implements", r.eid))
                if rel is not None and rel.method == "rule:implements-cue":
                    del ctx.relations[(mv.eid, "implements", r.eid)]
