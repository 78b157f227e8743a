"""The relation rules, in the order of the table (``order``). Each finds one way texts of this
genre state a relation; fallbacks are marked as such and superseded by the specific rules.

Grammar the rules share: a *clause* is the part of a sentence between ';' or ':' (see
:meth:`DocContext.clause_span`); an organisation *acts* unless it is part of a person's title, a
quoted source or a document's issuer; cue words are the lexicon roles ``run_cue``, ``launch_cue``,
``help_cue``, ``implement_cue``, ``by_cue``, ``passive_cue``, ``partner_cue`` and ``located_cue``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from danvan_kg.extract.admin import LEVEL_RANK, UNIT_LEVEL
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.recognise.groups import groups_in_name
from danvan_kg.extract.registry import relation_rule
from danvan_kg.extract.relate.context import WINDOW, Found, RelationContext, cues

_ANAPHOR_RUNNER = re.compile(
    r"(?<![\w])(?P<a>Hội|Đoàn|[Đđ]ồn|[Đđ]ơn vị|Ban|Chi hội|Mặt trận|Công an|Huyện đoàn|Tỉnh đoàn|Hội viên|[Cc]hi đoàn)\s+"  # noqa: E501
    r"(?:(?:còn|đã|cũng|tiếp tục|thường xuyên|đồng thời|luôn|vừa|mới|chủ động|sẽ|đang|đều)\s+)*$"
)
_OF_ANAPHOR = re.compile(
    r"\s*(?:của|do)\s+(?P<a>chi hội|hội|đơn vị|đồn|chi đoàn|đoàn|câu lạc bộ|CLB)(?![\w])", re.IGNORECASE
)
_RESPOND = re.compile(r"hưởng ứng|cụ thể hóa|thực hiện|triển khai", re.IGNORECASE)
_SUBJECT_ANAPHOR = re.compile(
    r"(?:^|\W)(?:[Đđ]ây là|Mô hình|Chương trình|Hoạt động|Cách làm|Việc làm)(?![\w])"
)


def _actors(rc: RelationContext, ms: list[Mention]) -> list[Mention]:
    return [m for m in ms if m.cls == "Organisation" and rc.acts(m)]


def _nearest_named(rc: RelationContext, word: str, before: int) -> Mention | None:
    """The nearest acting organisation before ``before`` that a bare head word refers to ("chi hội",
    "hội"; "đồn" and "đơn vị" for a unit of the army or police)."""
    word = word.lower()
    for o in reversed(rc.orgs_before(before)):
        if word in ("đồn", "đơn vị"):
            ok = o.subtype in ("ArmedForce", "Police")
        else:
            ok = o.label.casefold().startswith(word)
        if ok and rc.acts(o):
            return o
    return None


def _coordinated(rc: RelationContext, orgs: list[Mention], anchor: Mention) -> list[Mention]:
    """The organisation ``anchor`` and those coordinated with it ("ORG1 phối hợp với ORG2",
    "ORG1, ORG2 và ORG3")."""
    out = [anchor]
    idx = orgs.index(anchor)
    for nxt in orgs[idx + 1 :]:  # forward
        if cues()["partner"].match(rc.between(out[-1].end, nxt.start)):
            out.append(nxt)
        else:
            break
    back = anchor
    for prv in reversed(orgs[:idx]):
        if cues()["partner"].match(rc.between(prv.end, back.start)):
            out.insert(0, prv)
            back = prv
        else:
            break
    return out


# ------------------------------------------------------------------------------------------ partOf


@relation_rule("model-movement-sentence", predicate="partOf", confidence=0.8, order=10)
def model_movement_sentence(rc: RelationContext) -> Iterator[Found]:
    """A model and a movement named in one sentence (the movement not part of the model's name)."""
    for model in rc.all("Model"):
        if rc.funding(model):
            continue
        for mv in rc.of(model.sentence, "Movement"):
            if not (mv.span[0] <= model.start < mv.span[1]) and mv.method != "rule:event":
                yield Found(model, mv)


@relation_rule("model-named-after-movement", predicate="partOf", confidence=0.8, order=10)
def model_named_after_movement(rc: RelationContext) -> Iterator[Found]:
    """A model whose name opens with a movement's name ("Dân vận khéo trong xây dựng nông thôn mới")."""
    movements = {}
    for mv in rc.all("Movement"):
        movements.setdefault(mv.label.casefold(), mv)
    for model in rc.all("Model"):
        low = model.label.casefold()
        for name, mv in movements.items():
            if low != name and low.startswith(name + " "):
                yield Found(model, mv)
                break


@relation_rule("model-responds-movement", predicate="partOf", confidence=0.6, order=11)
def model_responds_movement(rc: RelationContext) -> Iterator[Found]:
    """ "Đây là cách làm hưởng ứng phong trào X" (or "Mô hình … thực hiện phong trào X") right
    after a model."""
    for mv in rc.all("Movement"):
        if rc.of(mv.sentence, "Model"):
            continue
        sent = rc.doc.sentence(mv.sentence)
        if sent is None:
            continue
        before = rc.between(max(sent.start, mv.start - 160), mv.start)
        if not _RESPOND.search(before) or not _SUBJECT_ANAPHOR.search(sent.text[:40]):
            continue
        for back in (1, 2):
            models = [m for m in rc.of(mv.sentence - back, "Model") if not rc.funding(m)]
            if models:
                yield Found(models[-1], mv)
                break


@relation_rule("models-of-the-article-movement", predicate="partOf", confidence=0.5, order=19)
def models_of_article_movement(rc: RelationContext) -> Iterator[Found]:
    """A model in a list, or in an article about one movement named twice or more, belongs to that
    movement too, even where a sentence ties it to another movement as well (a model answering a
    provincial campaign inside a "Dân vận khéo" article counts under both)."""
    movements = [m for m in rc.all("Movement") if m.method != "rule:event"]
    counts = Counter(m.eid for m in movements)
    if not counts:
        return
    (top, n), *rest = counts.most_common(2)
    leaders = [next(m for m in movements if m.eid == top)]
    if (rest and rest[0][1] == n) or (n < 2 and len(counts) > 1):
        return  # no movement the article is about
    lists = Counter(m.list_id for m in rc.all("Model") if m.list_id >= 0)
    for model in rc.all("Model"):
        if rc.funding(model) or rc.of(model.sentence, "Movement"):
            continue
        if lists.get(model.list_id, 0) >= 2 or n >= 2 or len(counts) == 1:
            for mv in leaders:
                yield Found(model, mv)


# ------------------------------------------------------------------------------------------ runBy


_LAUNCH_CEREMONY = re.compile(
    r"(?<![\w])(?:[Ll]ễ|buổi lễ)(?= (?:ra mắt|phát động|khai trương|thành lập|khánh thành|bàn giao|trao|khởi công)"  # noqa: E501
    r"(?: (?:xây dựng|thực hiện|triển khai))?(?: (?:mô hình|câu lạc bộ|CLB|khu dân cư|tổ|đội|quỹ))?\s*“?\s*$)"
)  # "tổ chức Lễ ra mắt CLB …": the ceremony launches the model itself, not an event about it


def _segment(rc: RelationContext, m: Mention) -> tuple[int, int]:
    """The ';' item of the sentence holding ``m`` (the whole sentence when it has no ';')."""
    sent = rc.doc.sentence(m.sentence)
    if sent is None:
        return m.start, m.end
    lo, hi = max(sent.start, m.start - WINDOW), min(sent.end, m.end + WINDOW)
    a = rc.body.rfind(";", lo, m.start)
    b = rc.body.find(";", m.end, hi)
    return (a + 1 if a >= 0 else lo, b if b >= 0 else hi)


@relation_rule("org-runs-model", predicate="runBy", confidence=0.75, order=20)
def org_runs_model(rc: RelationContext) -> Iterator[Found]:
    """The organisation acting before the model with a run (or help) verb between them: the one of the
    model's own ';' item ("…; Ban CHQS huyện X có “Y” và “Z”"), else the subject of the sentence
    ("Ban Dân vận Tỉnh ủy phối hợp … tổ chức …; trao … “Nhà đại đoàn kết”"), with the organisations
    coordinated with it."""
    for model in rc.all("Model"):
        if rc.funding(model):
            continue
        orgs = [o for o in rc.of(model.sentence, "Organisation") if o.end <= model.span[0]]
        actors = _actors(rc, orgs)
        if not actors:
            continue
        a, _ = _segment(rc, model)
        own = [o for o in actors if o.start >= a]
        candidates = list(reversed(own)) if own else actors[:1]
        for o in candidates:
            gap = rc.between(o.end, model.span[0])
            partner = re.search(
                r"(?:phối hợp|cùng|kết hợp|liên kết)(?: với)?\s*$", rc.between(max(0, o.start - 25), o.start)
            )
            if partner and re.search(r",\s*(?:đồng thời|và đồng thời|còn)\b", gap):
                # "đồn phối hợp với Hội X trao quà …, đồng thời thành lập Tổ Y": the partner gave the gift
                continue
            if (
                cues()["run"].search(gap) or (own and re.fullmatch(r"\s*(?:với|có|cùng|:)\s*", gap))
            ) and not cues()["event"].search(_LAUNCH_CEREMONY.sub("", gap)):
                for x in _coordinated(rc, orgs, o):
                    if rc.acts(x):
                        yield Found(model, x)
                break


@relation_rule(
    "list-owner-runs-models",
    predicate="runBy",
    confidence=0.65,
    order=25,
    supersedes=("model-runner-previous-sentence",),
)
def list_owner(rc: RelationContext) -> Iterator[Found]:
    """The one organisation named between a list's cue and its first item owns the list ("các mô hình
    tiêu biểu của các đơn vị thuộc Bộ CHQS tỉnh, như: “A”, “B” …"), unless an item names its own."""
    by_list: dict[int, list[Mention]] = {}
    for m in rc.all("Model"):
        if m.list_id >= 0:
            by_list.setdefault(m.list_id, []).append(m)
    for items in by_list.values():
        first = min(items, key=lambda m: m.start)
        sent = rc.doc.sentence(first.sentence)
        if sent is None:
            continue
        intro = [o for o in rc.of(first.sentence, "Organisation") if o.end <= first.span[0] and rc.acts(o)]
        if not intro and first.sentence > 0 and rc.doc.same_paragraph(first.sentence - 1, first.sentence):
            text = sent.text.lstrip()
            if (
                re.match(r"(?:Đó là|Điển hình|Tiêu biểu|Cụ thể|Trong đó|Như|Gồm)", text)
                or rc.body[sent.start : first.span[0]].strip() == ""
            ):
                intro = _actors(rc, rc.of(first.sentence - 1, "Organisation"))
        if len({o.eid for o in intro}) != 1:
            continue
        for m in items:
            seg_a, seg_b = _segment(rc, m)
            if any(
                seg_a <= o.start < seg_b
                for o in rc.of(m.sentence, "Organisation")
                if o is not intro[0] and o.start > first.span[0]
            ):
                continue
            yield Found(m, intro[0])


@relation_rule("model-by-org", predicate="runBy", confidence=0.8, order=20, supersedes=("org-runs-model",))
def model_by_org(rc: RelationContext) -> Iterator[Found]:
    """An organisation after the model introduced by "do", "của", "bởi", "thuộc" or a passive "được"
    ("mô hình X do Hội Nông dân xã thực hiện", "X của Đoàn Thanh niên", "X được Hội Y khởi xướng")."""
    for model in rc.all("Model"):
        orgs = [o for o in rc.of(model.sentence, "Organisation") if o.start >= model.span[1]]
        if not orgs:
            continue
        first = orgs[0]
        gap = rc.between(model.span[1], first.start)
        last = max(
            (
                m
                for m in rc.of(model.sentence, "Model")
                if m.list_id == model.list_id >= 0 and m.end <= first.start
            ),
            key=lambda m: m.end,
            default=model,
        )
        gap = rc.between(last.span[1], first.start)
        if len(gap) > 60 or not (cues()["by"].match(gap) or re.search(r"(?<![\w])(?:được|do|bởi)\s*$", gap)):
            continue
        if re.search(r"[.;]", gap) or ";" in rc.between(model.span[1], first.start):
            continue  # "“A”; “B” của Ban X": a ';' item has its own owner
        between = [m for m in rc.of(model.sentence, "Model") if model.span[1] <= m.start < first.start]
        if any(m.list_id != model.list_id or model.list_id < 0 for m in between):
            continue
        for x in _coordinated(rc, orgs, first):
            if rc.acts(x) or x is first:
                yield Found(model, x)


@relation_rule("model-of-its-committee", predicate="runBy", confidence=0.65, order=28)
def model_of_its_committee(rc: RelationContext) -> Iterator[Found]:
    """A campaign committee named after the fund or model ("Ban vận động Quỹ “Vì người nghèo”") runs it."""
    yield from _named_after(rc, "Model")


@relation_rule("model-by-officer-body", predicate="runBy", confidence=0.55, order=25, fallback=True)
def model_by_officer_body(rc: RelationContext) -> Iterator[Found]:
    """Fallback: the subject of the sentence is an officer of a body ("Chị X, Chủ tịch Hội LHPN xã Y,
    gắn biển mô hình Z", "Bí thư Đoàn xã A trao …") and a run verb leads to the model: the body runs it."""
    for model in rc.all("Model"):
        if rc.funding(model):
            continue
        s0 = rc.sentence_start(model)
        titled = [
            o
            for o in rc.of(model.sentence, "Organisation")
            if o.extra.get("in_title") and o.end <= model.span[0] and o.start - s0 <= 60
        ]
        if not titled:
            continue
        o = titled[0]
        gap = rc.between(o.end, model.span[0])
        if (
            cues()["run"].search(gap)
            and not any(
                x.start >= o.end
                for x in _actors(rc, rc.of(model.sentence, "Organisation"))
                if x.end <= model.span[0]
            )
            and not cues()["event"].search(_LAUNCH_CEREMONY.sub("", gap))
        ):
            yield Found(model, o)


@relation_rule("model-at-station", predicate="runBy", confidence=0.6, order=21)
def model_at_station(rc: RelationContext) -> Iterator[Found]:
    """A model "tại" a border or police station: the station runs it."""
    for model in rc.all("Model"):
        for o in rc.of(model.sentence, "Organisation"):
            at = re.fullmatch(r"\s*(?:,\s*)?(?:tại|ở)\s*", rc.between(model.span[1], o.start))
            if o.start >= model.span[1] and o.subtype in ("ArmedForce", "Police") and at:
                yield Found(model, o)


@relation_rule("model-runner-anaphor", predicate="runBy", confidence=0.6, order=22)
def model_runner_anaphor(rc: RelationContext) -> Iterator[Found]:
    """A bare head standing for an organisation named before ("Hội còn ra mắt mô hình X", "Đồn đã
    duy trì mô hình Y"): the nearest earlier organisation of that kind."""
    for model in rc.all("Model"):
        a, _ = rc.clause(model)
        prefix = rc.between(a, model.span[0])
        if any(
            o.start < model.start
            and not re.search(
                r"(?:phối hợp|cùng|kết hợp|liên kết)(?: với)?\s*$", rc.between(max(a, o.start - 25), o.start)
            )
            for o in rc.in_clause(model, "Organisation")
        ):
            continue  # a named subject runs it (a partner named with "phối hợp với" does not stand in)
        m = None
        for v in cues()["run"].finditer(prefix):
            m = _ANAPHOR_RUNNER.search(prefix[: v.start()])
            if m:
                break
        if not m:
            continue
        word = m.group("a").lower()
        pos = a + m.start("a")
        for o in reversed(rc.orgs_before(pos)):
            label = o.label.casefold()
            if word in ("đồn", "đơn vị"):
                ok = o.subtype in ("ArmedForce", "Police") and (word == "đơn vị" or label.startswith("đồn"))
            elif word == "hội viên":
                ok = label.startswith("hội")
            else:
                ok = label.startswith(word)
            if ok and rc.acts(o):
                yield Found(model, o)
                break


@relation_rule("model-of-anaphor", predicate="runBy", confidence=0.6, order=23)
def model_of_anaphor(rc: RelationContext) -> Iterator[Found]:
    """ "CLB “X” của chi hội", "mô hình Y của đơn vị": the nearest earlier organisation of that kind."""
    for model in rc.all("Model"):
        m = _OF_ANAPHOR.match(rc.body, model.span[1])
        if not m:
            continue
        o = _nearest_named(rc, m.group("a"), model.start)
        if o is not None:
            yield Found(model, o)


@relation_rule("model-runner-previous-sentence", predicate="runBy", confidence=0.55, order=24, fallback=True)
def model_runner_previous_sentence(rc: RelationContext) -> Iterator[Found]:
    """Fallback: a model in a sentence that names no organisation, right after a sentence (same
    paragraph) whose one acting organisation runs something ("Hội LHPN xã A đã thành lập nhiều mô
    hình. Tiêu biểu là X …")."""
    for model in rc.all("Model"):
        if rc.of(model.sentence, "Organisation") or model.sentence < 1:
            continue
        j = model.sentence - 1
        if not rc.doc.same_paragraph(j, model.sentence):
            continue
        prev = _actors(rc, rc.of(j, "Organisation"))
        ids = {o.eid for o in prev}
        sent = rc.doc.sentence(j)
        if len(ids) == 1 and sent is not None and cues()["run"].search(sent.text) and not rc.of(j, "Model"):
            yield Found(model, prev[0])


# ------------------------------------------------------------------------------------------ launchedBy


_REVIEW = re.compile(r"tổng kết|sơ kết|triển khai|phát động|hưởng ứng", re.IGNORECASE)
_TOPIC_LEAD = re.compile(r"^\W*(?:Thực hiện|Trong|Hưởng ứng|Triển khai|Qua|Với)\b")


@relation_rule("org-launches-movement", predicate="launchedBy", confidence=0.75, order=30)
def org_launches_movement(rc: RelationContext) -> Iterator[Found]:
    """An organisation acting before the movement in its sentence with a launch verb between them and
    no other organisation ("Ban Dân vận Tỉnh ủy phát động phong trào X", "Huyện ủy tổ chức hội nghị tổng
    kết phong trào X"), or after it with "do|của (tổ chức) ORG (phát động)"; not a contest or a festival
    about the movement."""
    for mv in rc.all("Movement"):
        orgs = list(rc.of(mv.sentence, "Organisation"))
        before = [o for o in _actors(rc, orgs) if o.end <= mv.span[0]]
        if before:
            o = before[-1]
            gap = rc.between(o.end, mv.span[0])
            ev = cues()["event"].search(gap)
            if (
                cues()["launch"].search(gap)
                and len(gap) < 260
                and ";" not in gap
                and (not ev or _REVIEW.search(gap))
            ):
                for x in _coordinated(rc, orgs, o):
                    if rc.acts(x):
                        yield Found(mv, x)
        after = [o for o in orgs if o.start >= mv.span[1]]
        if after:
            gap = rc.between(mv.span[1], after[0].start)
            rest = rc.between(after[0].end, after[0].end + 60)
            if re.fullmatch(r"\s*(?:,\s*)?(?:do|của|được|bởi)(?: (?:tổ chức|cơ quan|đơn vị))?\s*", gap) and (
                cues()["launch"].search(rest) or "của" in gap
            ):
                yield Found(mv, after[0])


@relation_rule("movement-topic-subject", predicate="launchedBy", confidence=0.55, order=31)
def movement_topic_subject(rc: RelationContext) -> Iterator[Found]:
    """ "Thực hiện phong trào X, (đến nay,) ORG đã …": the organisation the sentence is about carries out
    (directs) the movement the sentence opens with."""
    for mv in rc.all("Movement"):
        sent = rc.doc.sentence(mv.sentence)
        lead = rc.between(rc.sentence_start(mv), mv.start)
        if sent is None or not _TOPIC_LEAD.match(lead):
            continue
        if lead.count(",") > 1:
            continue
        after = [o for o in _actors(rc, rc.of(mv.sentence, "Organisation")) if o.start > mv.span[1]]
        if not after:
            continue
        o = after[0]
        gap = rc.between(mv.span[1], o.start)
        if (
            "," in gap
            and len(gap) < 120
            and not re.search(r"(?<![\w])(?:của|do|với|cho)\s*$", gap)
            and cues()["verb_any"].search(rc.between(o.end, o.end + 80))
        ):
            yield Found(mv, o)


@relation_rule("movement-guidance-issuer", predicate="launchedBy", confidence=0.6, order=32)
def movement_guidance_issuer(rc: RelationContext) -> Iterator[Found]:
    """The issuer of a document on carrying out the movement ("Hướng dẫn số 01-HD/BDVTU của Ban Dân vận
    Tỉnh ủy về tổ chức thực hiện phong trào thi đua X") directs it."""
    for mv in rc.all("Movement"):
        for doc in rc.of(mv.sentence, "Resolution"):
            if doc.end > mv.start:
                continue
            orgs = [o for o in rc.of(mv.sentence, "Organisation") if doc.end <= o.start and o.end <= mv.start]
            if not orgs:
                continue
            o = orgs[0]
            if re.fullmatch(r"\s*(?:của|do)\s*", rc.between(doc.end, o.start)) and re.search(
                r"(?<![\w])về\b[^.;]{0,60}(?:thực hiện|triển khai|phát động)", rc.between(o.end, mv.start)
            ):
                yield Found(mv, o)


@relation_rule("movement-of-its-committee", predicate="launchedBy", confidence=0.65, order=33)
def movement_of_its_committee(rc: RelationContext) -> Iterator[Found]:
    """A steering or campaign committee named after the movement ("Ban Chỉ đạo … xây dựng phong trào
    Toàn dân bảo vệ an ninh Tổ quốc tỉnh Bình Dương") directs it."""
    yield from _named_after(rc, "Movement")


def _named_after(rc: RelationContext, cls: str) -> Iterator[Found]:
    things: dict[str, Mention] = {}
    for m in rc.all(cls):
        things.setdefault(m.eid, m)
    if not things:
        return
    seen: set[tuple[str, str]] = set()
    for o in rc.all("Organisation"):
        label = o.label.casefold().replace("“", "").replace("”", "")
        if not (o.extra.get("heads") or [""])[0].startswith(("ban-chi-dao", "ban-van-dong")):
            continue
        for eid, m in things.items():
            name = m.label.casefold()
            if len(name) >= 8 and name in label and (eid, o.eid) not in seen:
                seen.add((eid, o.eid))
                yield Found(m, o)


# ------------------------------------------------------------------------------------------ locatedIn


@relation_rule("org-place-in-name", predicate="locatedIn", confidence=0.85, order=40)
def org_place_in_name(rc: RelationContext) -> Iterator[Found]:
    """The place an organisation's name carries ("Hội LHPN huyện Ba Chẽ", "Đồn Biên phòng Phó Bảng")."""
    for o in rc.all("Organisation"):
        inner = [
            p
            for p in o.extra.get("place_mentions") or ()
            if rc.place_level.get(p.eid) not in ("country", "region")
        ]
        if inner:
            best = max(inner, key=lambda p: LEVEL_RANK.get(rc.place_level.get(p.eid, ""), 0))
            yield Found(o, best)


@relation_rule("model-place-in-name", predicate="locatedIn", confidence=0.7, order=40)
def model_place_in_name(rc: RelationContext) -> Iterator[Found]:
    """The place an unquoted model's name ends with ("Câu lạc bộ Nông dân … xã Bản Lầu")."""
    for m in rc.all("Model"):
        if not m.method.startswith("rule:unquoted"):
            continue
        inner = [p for p in rc.of(m.sentence, "Place") if m.start <= p.start and p.end <= m.end]
        if inner:
            yield Found(m, inner[-1])


_HEAD_LEVEL = {
    "tinh-uy": "province",
    "thanh-uy": "province",
    "huyen-uy": "district",
    "quan-uy": "district",
    "thi-uy": "district",
    "so": "province",
    "tinh-hoi": "province",
}


@relation_rule("org-place-of-its-level", predicate="locatedIn", confidence=0.55, order=41, supersedes=())
def org_place_of_its_level(rc: RelationContext) -> Iterator[Found]:
    """An organisation named with a bare unit word ("Hội Nông dân tỉnh", "Ban Dân vận Huyện ủy") is in
    the one place of that level the article names (the province: the article's main province)."""
    for o in rc.all("Organisation"):
        if o.extra.get("place_eid") or o.scope == "national":
            continue
        level = UNIT_LEVEL.get(o.unit, "")
        if not level:
            heads = o.extra.get("heads") or []
            level = next((_HEAD_LEVEL[h] for h in reversed(heads) if h in _HEAD_LEVEL), "")
            if not level and o.label.startswith("Sở "):
                level = "province"  # a department (Sở) is the province's
        anchor = rc.only_place(level) if level else None
        if anchor is not None:
            yield Found(o, anchor)


@relation_rule("model-place-stated", predicate="locatedIn", confidence=0.75, order=42)
def model_place_stated(rc: RelationContext) -> Iterator[Found]:
    """A place stated with the model: right after it with "ở", "tại", "của", "thuộc" or in parentheses
    ("mô hình X ở xã Y", "X (thôn Z)"), or the place that builds it ("xã Long Hậu xây dựng mô hình X")."""
    for model in rc.all("Model"):
        places = [
            p
            for p in rc.of(model.sentence, "Place")
            if rc.place_level.get(p.eid) not in ("country", "region")
        ]
        for p in places:
            if p.start >= model.span[1]:
                gap = rc.between(model.span[1], p.start)
                if len(gap) <= 30 and (cues()["located"].match(gap) or re.fullmatch(r"\s*\(?\s*", gap)):
                    yield Found(model, p)
                    break
        else:
            a, _ = rc.clause(model)
            subj = [p for p in places if a <= p.start and p.end <= model.span[0]]
            if subj:
                p = subj[0]
                gap = rc.between(p.end, model.span[0])
                lead = rc.between(a, p.start)
                if (
                    cues()["run"].search(gap)
                    and not rc.in_clause(model, "Organisation")
                    and re.fullmatch(
                        r"\W*(?:(?:Tại|Ở|Riêng|Còn|Tương tự|Bên cạnh đó|Ngoài ra|Đến nay|Hiện nay|Năm \d{4}),?\s*)?",  # noqa: E501
                        lead,
                    )
                ):
                    yield Found(model, p)


# ------------------------------------------------------------------------------------------ benefits


@relation_rule("model-helps-group", predicate="benefits", confidence=0.7, order=50)
def model_helps_group(rc: RelationContext) -> Iterator[Found]:
    """A helped group in the clause of a model (or a list of models), after it: "mô hình X hỗ trợ hộ
    nghèo"; a movement when the clause names no model."""
    for g in rc.all("BeneficiaryGroup"):
        a, _b = rc.clause(g)
        models = [
            m
            for m in rc.of(g.sentence, "Model")
            if m.end <= g.start and not rc.funding(m) and not (m.span[0] <= g.start < m.span[1])
        ]
        in_clause = [m for m in models if m.start >= a]
        pool = in_clause or models
        if pool:
            lists = {m.list_id for m in pool if m.list_id >= 0}
            if len(lists) == 1 and len(pool) > 1 and all(m.list_id in lists for m in pool):
                for m in pool:
                    yield Found(m, g, 0.6)
            else:
                yield Found(pool[-1], g)
            continue
        movements = [m for m in rc.of(g.sentence, "Movement") if not (m.span[0] <= g.start < m.span[1])]
        if movements:
            before = [m for m in movements if m.end <= g.start]
            yield Found((before or movements)[-1], g, 0.65)


@relation_rule("model-named-for-group", predicate="benefits", confidence=0.65, order=52)
def model_named_for_group(rc: RelationContext) -> Iterator[Found]:
    """A model or movement whose name says whom it serves ("Quỹ hỗ trợ phụ nữ nghèo có địa chỉ", "Ngày vì
    người nghèo") benefits that group where the article names the group as helped (the same words, or a
    group ending with them: "hội viên phụ nữ nghèo")."""
    groups = rc.all("BeneficiaryGroup")
    if not groups:
        return
    seen: set[str] = set()
    for m in rc.all("Model", "Movement"):
        if m.eid in seen:
            continue
        seen.add(m.eid)
        for phrase in groups_in_name(m.label):
            key = phrase.casefold()
            for g in groups:
                label = g.label.casefold()
                if label == key or label.endswith(" " + key):
                    yield Found(m, g)
                    break


_ANAPHORA = re.compile(
    r"(?:^|\W)(?:[Tt]ại|[Qq]ua|[Tt]rong|[Tt]ừ|[Vv]ới|[Dd]ịp|[Cc]ủa)\s+(?:chương trình|mô hình|phong trào|hoạt động|buổi|đợt|phiên chợ|câu lạc bộ|CLB|quỹ|cuộc vận động)(?:\s+(?:này|trên|đó))?(?![\w])"  # noqa: E501
    r"|^\W*(?:Chương trình|Mô hình|Phong trào|Hoạt động|Đây|Câu lạc bộ|CLB|Quỹ|Nhờ đó|Qua đó|Từ đó|Nhờ vậy|Từ mô hình|Thông qua)(?![\w])"  # noqa: E501
    r"|,\s*(?:mô hình|chương trình|câu lạc bộ|CLB|quỹ)(?: này)?\s+(?:đã|đang|còn|luôn|giúp|hỗ trợ|tặng|trao)(?![\w])"  # noqa: E501
)


@relation_rule("group-helped-by-anaphor", predicate="benefits", confidence=0.55, order=51)
def group_helped_by_anaphor(rc: RelationContext) -> Iterator[Found]:
    """A helped group in a sentence that refers back to a programme or model without naming it ("Tại
    chương trình, … trao quà cho hộ nghèo", "Qua đó, … giúp hộ khó khăn"): the one named last, within
    the three sentences before."""
    for g in rc.all("BeneficiaryGroup"):
        if rc.of(g.sentence, "Model", "Movement"):
            continue
        sent = rc.doc.sentence(g.sentence)
        if sent is None or not _ANAPHORA.search(rc.between(rc.sentence_start(g), g.start)):
            continue
        for back in (1, 2, 3):
            prev = rc.of(g.sentence - back, "Model", "Movement") if g.sentence - back >= 0 else []
            if prev:
                if len({p.eid for p in prev}) == 1:
                    yield Found(prev[-1], g)
                break


# ------------------------------------------------------------------------------------------ implements


@relation_rule("implements-cue", predicate="implements", confidence=0.7, order=60)
def implements_cue(rc: RelationContext) -> Iterator[Found]:
    """A document right after a cue (thực hiện, triển khai, quán triệt, gắn với, theo tinh thần …) in the
    sentence of a movement or model, which carries it out."""
    for doc in rc.all("Resolution"):
        sent = rc.doc.sentence(doc.sentence)
        if sent is None:
            continue
        lead = rc.between(max(sent.start, doc.start - 45), doc.start)
        if not re.search(rf"(?:{cues()['implement'].pattern})[^.;]{{0,25}}$", lead):
            continue
        if _PLURAL_MODELS.search(sent.text) and not rc.of(doc.sentence, "Model"):
            continue  # "các mô hình đều gắn với phong trào X và việc thực hiện Kết luận Y": the models do
        things = [
            m for m in rc.of(doc.sentence, "Movement", "Model") if not (m.span[0] <= doc.start < m.span[1])
        ]
        if not things:
            continue
        after = [m for m in things if m.start > doc.end]
        before = [m for m in things if m.end <= doc.start]
        models_before = [m for m in before if m.cls == "Model"]
        if (
            sent.text.lstrip().lower().startswith(("thực hiện", "triển khai", "quán triệt", "theo", "căn cứ"))
            and after
        ):
            target = after[0]
        elif models_before:
            target = models_before[
                -1
            ]  # "xây dựng mô hình X gắn với phong trào Y, thực hiện Kết luận Z": the model
        else:
            target = before[-1] if before else after[0]
        yield Found(target, doc)


_RESULT_LEAD = re.compile(
    r"^\W*(?:Chính vì thế|Vì thế|Vì vậy|Do đó|Qua đó|Nhờ đó|Từ đó|Nhờ vậy|Từ kết quả (?:đó|trên|này)|Kết quả|Đồng thời)"  # noqa: E501
    r"(?![\w])"
)


@relation_rule("implements-previous-sentence", predicate="implements", confidence=0.55, order=62)
def implements_previous_sentence(rc: RelationContext) -> Iterator[Found]:
    """A sentence that opens as the result of the one before ("Chính vì thế, …", "Qua đó, góp phần thực
    hiện Nghị quyết X") and names no movement or model: the document is carried out by the one movement
    or model of the previous sentence."""
    for doc in rc.all("Resolution"):
        sent = rc.doc.sentence(doc.sentence)
        if sent is None or doc.sentence == 0 or not _RESULT_LEAD.match(sent.text):
            continue
        if rc.of(doc.sentence, "Movement", "Model"):
            continue
        lead = rc.between(max(sent.start, doc.start - 45), doc.start)
        if not re.search(rf"(?:{cues()['implement'].pattern})[^.;]{{0,25}}$", lead):
            continue
        if not rc.doc.same_paragraph(doc.sentence - 1, doc.sentence):
            continue
        prev = {m.eid: m for m in rc.of(doc.sentence - 1, "Movement", "Model")}
        if len(prev) == 1:
            yield Found(next(iter(prev.values())), doc)


# ------------------------------------------------------------------------------------------ contributesTo


@relation_rule("contributes-sentence", predicate="contributesTo", confidence=0.6, order=70)
def contributes_sentence(rc: RelationContext) -> Iterator[Found]:
    """A programme or index (xây dựng nông thôn mới, PAPI …) in the sentence of a model or movement,
    which contributes to it; the nearest one before it."""
    for t in rc.all("Programme", "Index"):
        things = [m for m in rc.of(t.sentence, "Model", "Movement") if not (m.span[0] <= t.start < m.span[1])]
        before = [m for m in things if m.end <= t.start]
        if before:
            yield Found(before[-1], t)
        elif things:
            yield Found(things[0], t)


# ------------------------------------------------------------------------------------------ discourse


_PLURAL_MODELS = re.compile(
    r"(?<![\w])(?:các|những) mô hình(?: (?:này|trên|đó|nói trên))?(?: (?:đều|cũng))(?![\w])|(?<![\w])(?:các|những) mô hình (?:này|trên|nói trên)(?![\w])",  # noqa: E501
    re.IGNORECASE,
)


@relation_rule("models-framed-together", predicate="partOf", confidence=0.6, order=15)
def models_framed_together(rc: RelationContext) -> Iterator[Found]:
    """ "Các mô hình đều gắn với phong trào X và việc thực hiện Kết luận Y": the models named before (in
    this paragraph or the one before) belong to X (and, see ``models-framed-implement``, carry out Y)."""
    yield from _framed(rc, "Movement")


@relation_rule("models-framed-implement", predicate="implements", confidence=0.6, order=61)
def models_framed_implement(rc: RelationContext) -> Iterator[Found]:
    """The document such a framing sentence names after an implement cue."""
    yield from _framed(rc, "Resolution")


def _framed(rc: RelationContext, cls: str) -> Iterator[Found]:
    for idx, sent in enumerate(rc.sentences):
        frame = _PLURAL_MODELS.search(sent.text)
        if not frame:
            continue
        targets = [m for m in rc.of(idx, cls) if m.start >= sent.start + frame.start()]
        if cls == "Resolution":
            targets = [
                d
                for d in targets
                if cues()["implement"].search(rc.between(max(sent.start, d.start - 40), d.start))
            ]
        if not targets or rc.of(idx, "Model"):
            continue
        paragraph = sent.paragraph
        models = [
            m
            for m in rc.all("Model")
            if m.sentence < idx and rc.sentences[m.sentence].paragraph >= paragraph - 1
        ]
        for m in models:
            for t in targets:
                yield Found(m, t)


_PHONG_TRAO_ANAPHOR = re.compile(r"^\W*(?:Phong trào|Cuộc vận động)(?: này)?\s+(?:do|được)\s*$")


@relation_rule(
    "movement-launcher-next-sentence",
    predicate="launchedBy",
    confidence=0.8,
    order=29,
    supersedes=("org-launches-movement",),
)
def movement_launcher_next_sentence(rc: RelationContext) -> Iterator[Found]:
    """ "… phong trào X. Phong trào do ORG phát động …": the launcher stated right after (it wins over an
    organisation that only held a meeting about the movement)."""
    for idx, sent in enumerate(rc.sentences):
        if idx == 0:
            continue
        orgs = rc.of(idx, "Organisation")
        if not orgs or not _PHONG_TRAO_ANAPHOR.match(rc.between(sent.start, orgs[0].start)):
            continue
        if not cues()["launch"].search(rc.between(orgs[0].end, min(sent.end, orgs[0].end + 60))):
            continue
        prev = [m for m in rc.of(idx - 1, "Movement")]
        if len({m.eid for m in prev}) == 1:
            yield Found(prev[0], orgs[0])


_LEAD_CLAUSE = re.compile(r"^\W*(?:Thực hiện|Triển khai|Hưởng ứng|Tham gia)\b")
_MAIN_SUBJECT = re.compile(
    r"[^,.;]{0,160}?,\s*(?P<a>[Đđ]ồn|[Đđ]ơn vị|Hội|Đoàn|Chi hội|Huyện đoàn|Tỉnh đoàn)\s+(?:(?:còn|đã|đang|cũng|tiếp tục|thường xuyên)\s+)*[a-zà-ỹđ]"  # noqa: E501
)


@relation_rule("model-of-lead-clause", predicate="runBy", confidence=0.55, order=26)
def model_of_lead_clause(rc: RelationContext) -> Iterator[Found]:
    """ "Thực hiện Chương trình X của …, đơn vị đang …": the main clause's subject (a bare "đơn vị", "đồn",
    "Hội" standing for the organisation named before) carries out the model the lead clause names."""
    for model in rc.all("Model"):
        sent = rc.doc.sentence(model.sentence)
        if sent is None or not _LEAD_CLAUSE.match(sent.text) or "," in rc.between(sent.start, model.span[0]):
            continue
        m = _MAIN_SUBJECT.match(rc.body, model.span[1], sent.end)
        if not m:
            continue
        o = _nearest_named(rc, m.group("a"), sent.start)
        if o is not None:
            yield Found(model, o)


_BARE_MODEL_BY = re.compile(
    r"(?<![\w])(?:[Mm]ô hình|[Cc]hương trình|[Cc]âu lạc bộ|CLB)(?: này)?\s+(?:do|được)\s*$"
)


@relation_rule("model-anaphor-by-org", predicate="runBy", confidence=0.6, order=27)
def model_anaphor_by_org(rc: RelationContext) -> Iterator[Found]:
    """ "… mô hình do ORG1 cùng ORG2 khởi xướng": a bare "mô hình" standing for the one named just before
    (within two sentences) is run by the organisations after "do"."""
    for idx, sent in enumerate(rc.sentences):
        orgs = rc.of(idx, "Organisation")
        if not orgs or rc.of(idx, "Model"):
            continue
        if not _BARE_MODEL_BY.search(rc.between(max(sent.start, orgs[0].start - 40), orgs[0].start)):
            continue
        for back in (1, 2):
            prev = rc.of(idx - back, "Model") if idx - back >= 0 else []
            if prev:
                if len({p.eid for p in prev}) == 1:
                    for x in _coordinated(rc, orgs, orgs[0]):
                        yield Found(prev[-1], x)
                break


@relation_rule("model-place-in-clause", predicate="locatedIn", confidence=0.6, order=43)
def model_place_in_clause(rc: RelationContext) -> Iterator[Found]:
    """A place introduced by "ở" or "tại" later in the model's own clause, no other model between
    ("Mô hình X giúp hộ nghèo …, góp phần xây dựng nông thôn mới ở xã Phú Lâm")."""
    for model in rc.all("Model"):
        _, b = rc.clause(model)
        for p in rc.of(model.sentence, "Place"):
            if p.start < model.span[1] or p.start >= b or rc.place_level.get(p.eid) in ("country", "region"):
                continue
            if not re.search(r"(?<![\w])(?:ở|tại)\s+$", rc.between(max(model.span[1], p.start - 6), p.start)):
                continue
            if any(
                model.span[1] <= m.start < p.start for m in rc.of(model.sentence, "Model", "Organisation")
            ):
                break
            yield Found(model, p)
            break


@relation_rule("model-article-runner", predicate="runBy", confidence=0.45, order=29, fallback=True)
def model_article_runner(rc: RelationContext) -> Iterator[Found]:
    """Fallback: a model no other rule gives a runner is run by the organisation the article is about,
    the one its headline opens with ("Hội LHPN xã A: …")."""
    orgs = [m for m in rc.all("Organisation") if rc.acts(m) and m.scope != "national"]
    first = rc.doc.sentence(0)
    if (
        not orgs
        or first is None
        or orgs[0].sentence != 0
        or rc.between(first.start, orgs[0].start).strip(" -–:")
    ):
        return
    for m in rc.all("Model"):
        if not rc.funding(m):
            yield Found(m, orgs[0])


_BUILDER = re.compile(
    r"^(?:,?\s*(?:đã|cũng|đang|còn|tiếp tục|thường xuyên|đồng thời))*\s*"
    r"(?:xây dựng|triển khai|thực hiện|ra mắt|duy trì|nhân rộng|thành lập|tổ chức|có|phát huy)"
    r"(?: (?:được|thành công|và nhân rộng|và duy trì|hiệu quả))*"
    r"(?: (?:nhiều|các|những|thêm|\d+))?\s+(?:mô hình|cách làm|câu lạc bộ|CLB|tổ|đội)",
    re.IGNORECASE,
)
_PILOT = re.compile(r"(?:^|\W)chọn\s+$", re.IGNORECASE)
_PILOT_AFTER = re.compile(r"^\s*làm (?:điểm|thí điểm)", re.IGNORECASE)
_LIST_NEXT = re.compile(r"^\W*(?:Đó là|Điển hình (?:là|như)|Tiêu biểu (?:là|như)|Như|Gồm)(?![\w])")
_BARE_UNIT = re.compile(r"^\W*(?P<u>Xã|Phường|Thị trấn|Huyện|Quận|Thị xã|Ấp|Thôn|Bản)(?= )")
_BARE_AREA = re.compile(
    r"(?<![\w])(?:trên địa bàn|trên toàn|khắp|ở|tại)(?: (?:các|nhiều|\d+) [a-zà-ỹđ ]{1,25}?(?: trên địa bàn| của| thuộc))?"  # noqa: E501
    r" (?P<u>xã|phường|thị trấn|huyện|quận|thị xã|tỉnh)(?: (?:này|nhà))?(?=[\s,.;:)]|$)(?! [A-ZĐÀ-Ỹ0-9])"
)


@relation_rule("model-place-bare-level", predicate="locatedIn", confidence=0.55, order=45)
def model_place_bare_level(rc: RelationContext) -> Iterator[Found]:
    """A model said to be done "trên địa bàn xã", "tại 11 chi hội ấp trên địa bàn xã", "ở huyện này":
    in the one place of that level the article names."""
    for model in rc.all("Model"):
        _, b = rc.clause(model)
        m = _BARE_AREA.search(rc.body, model.span[1], b)
        if m is None or len(rc.between(model.span[1], m.start())) > 120:
            continue
        if any(
            model.span[1] <= x.start < m.start()
            for x in rc.of(model.sentence, "Model", "Place", "BeneficiaryGroup")
        ):
            continue  # another place or model first; after a group, the area describes the group
        place = rc.only_place(UNIT_LEVEL.get(m.group("u"), ""))
        if place is not None:
            yield Found(model, place)


@relation_rule("model-built-by-place", predicate="locatedIn", confidence=0.65, order=44)
def model_built_by_place(rc: RelationContext) -> Iterator[Found]:
    """A place that builds the models: its own clause says so ("xã Long Hậu xây dựng được nhiều mô
    hình …: A, B", the list may open the next sentence: "Đó là A; B"), or it was chosen as the pilot
    ("chọn ấp X và ấp Y làm điểm xây dựng mô hình Z"); a sentence opening with the bare unit word
    ("Xã cũng ra mắt mô hình …") means the one place of that level the article names."""
    for idx, sent in enumerate(rc.sentences):
        places = [p for p in rc.of(idx, "Place") if rc.place_level.get(p.eid) not in ("country", "region")]
        builders = (
            _builder_in_clause(rc, places) or _pilot_places(rc, places) or _bare_unit_builder(rc, sent.text)
        )
        if not builders:
            continue
        start = max(p.end for p in builders)
        if any(o.start >= start for o in rc.of(idx, "Place") if o not in builders):
            continue  # another place later in the sentence: it may be the models' own
        for m in _models_built(rc, idx, start):
            for p in builders:
                yield Found(m, p)


def _builder_in_clause(rc: RelationContext, places: list[Mention]) -> list[Mention]:
    """The place whose own clause says it builds ("xã Long Hậu xây dựng được nhiều mô hình")."""
    for p in places:
        if _BUILDER.match(rc.body[p.end : p.end + 90]) and not rc.in_clause(p, "Organisation"):
            return [p]
    return []


def _pilot_places(rc: RelationContext, places: list[Mention]) -> list[Mention]:
    """The places chosen as the pilot ("chọn ấp X và ấp Y làm điểm xây dựng mô hình Z")."""
    pilots = [p for p in places if _PILOT_AFTER.match(rc.body[p.end : p.end + 30])]
    if not pilots:
        return []
    group = [pilots[-1]]
    for q in reversed([p for p in places if p.end <= group[0].start]):
        if not re.fullmatch(r"\s*(?:,|và)\s*", rc.between(q.end, group[0].start)):
            break
        group.insert(0, q)
    return group if _PILOT.search(rc.body, max(0, group[0].start - 12), group[0].start) else []


def _bare_unit_builder(rc: RelationContext, text: str) -> list[Mention]:
    """ "Xã cũng ra mắt mô hình …": the one place of that level the article names (not a province)."""
    bare = _BARE_UNIT.match(text)
    if not bare or not _BUILDER.match(text[bare.end() :]):
        return []
    level = UNIT_LEVEL.get(bare.group("u").lower(), "")
    only = rc.only_place(level)
    return [only] if only is not None and level != "province" else []


def _models_built(rc: RelationContext, idx: int, start: int) -> list[Mention]:
    """The models after the builder in its sentence, else the list that opens the next sentence ("Đó là
    A; B", or after a sentence ending with ':') when that sentence names no place of its own."""
    models = [m for m in rc.of(idx, "Model") if m.start >= start]
    if models or idx + 1 >= len(rc.sentences):
        return models
    if _LIST_NEXT.match(rc.sentences[idx + 1].text) or rc.sentences[idx].text.rstrip().endswith(":"):
        return [] if rc.of(idx + 1, "Place") else rc.of(idx + 1, "Model")
    return []
