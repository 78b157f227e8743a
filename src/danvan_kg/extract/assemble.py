"""Turn the mentions of one document into entities (identity, labels, aliases, evidence, IRIs)
and relations. Overlaps are settled here: names inside a quoted model/movement name are part of
that name; places inside an organisation's name qualify the organisation and become entities of
their own only when the text also names them elsewhere.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from danvan_kg.extract.gazetteer import Gazetteer, gazetteer
from danvan_kg.extract.identity import qualify
from danvan_kg.extract.mentions import (
    NAME_WORD,
    Mention,
    beneficiary_mentions,
    catalogue_mentions,
    find_quotes,
    known_name_mentions,
    organisation_mentions,
    quoted_mentions,
    resolution_mentions,
    sentence_index,
    unquoted_name_mentions,
)
from danvan_kg.extract.model import DocumentInfo, Entity, Evidence, Extraction
from danvan_kg.extract.places import admin_codes, is_place_name, main_province, place_mentions
from danvan_kg.extract.relations import RelationContext, find_relations
from danvan_kg.extract.spans import SpanIndex, SpanSet
from danvan_kg.rdf.namespaces import ID
from danvan_kg.resolve import entity_iri, identity_key, slug
from danvan_kg.text.document import Document
from danvan_kg.text.normalise import fold
from danvan_kg.text.sentences import Sentence, split_sentences

__all__ = ["assemble"]

_LEVEL_RANK = {"country": 0, "region": 1, "province": 2, "district": 3, "ward": 4, "hamlet": 5}
_UNIT_LEVEL = {
    "tỉnh": "province",
    "thành phố": "province",
    "tp": "province",
    "tp.": "province",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "tx": "district",
    "tx.": "district",
    "xã": "ward",
    "phường": "ward",
    "thị trấn": "ward",
}
_PARENT_SEP = re.compile(r"^\s*(?:,|\(|-)\s*$")
_MAX_EVIDENCE = 10


def _overlaps(spans: list[tuple[int, int]] | SpanIndex, a: int, b: int) -> bool:
    index = spans if isinstance(spans, SpanIndex) else SpanIndex(spans)
    return index.overlaps(a, b)


class _Builder:
    """Accumulates entities by identity key, in order of first mention."""

    def __init__(self, doc: Document, sentences: list[Sentence]) -> None:
        self.doc = doc
        self.sentences = sentences
        self.entities: dict[str, Entity] = {}
        self.labels: dict[str, Counter[str]] = {}

    def evidence(self, m: Mention) -> Evidence:
        body = self.doc.body
        s_idx = m.sentence if m.sentence >= 0 else sentence_index(self.sentences, m.start)
        sent = self.sentences[s_idx] if 0 <= s_idx < len(self.sentences) else None
        s0 = min(sent.start, m.start) if sent else m.start
        s1 = max(sent.end, m.end) if sent else m.end
        return Evidence(
            quote=body[m.start : m.end],
            start=m.start,
            end=m.end,
            sentence=body[s0:s1],
            sentence_start=s0,
            method=m.method,
            confidence=m.confidence,
        )

    def add(
        self,
        iri: str,
        cls: str,
        m: Mention,
        key: str,
        label: str | None = None,
        subtype: str = "",
        extra: dict | None = None,
        preferred: bool = False,
    ) -> Entity:
        m.eid = iri
        text = label if label is not None else m.label
        ent = self.entities.get(iri)
        if ent is None:
            ent = Entity(id=iri, type=cls, label=text, key=key, subtype=subtype, extra=dict(extra or {}))
            self.entities[iri] = ent
            self.labels[iri] = Counter()
        elif preferred and text != ent.label and len(text) > len(ent.label):
            if ent.label not in ent.aliases:
                ent.aliases.append(ent.label)
            ent.label = text
        if not ent.subtype and subtype:
            ent.subtype = subtype
        if extra:
            for k, v in extra.items():
                ent.extra.setdefault(k, v)
        self.labels[iri][text] += 1
        spelled = self.doc.spelled[m.start : m.end]
        for alias in [text, m.label, spelled, *m.aliases]:
            if alias and alias != ent.label and alias not in ent.aliases and len(ent.aliases) < 12:
                ent.aliases.append(alias)
        if len(ent.evidence) < _MAX_EVIDENCE and all(e.start != m.start for e in ent.evidence):
            ent.evidence.append(self.evidence(m))
        return ent


def _place_key(level: str, unit: str, name: str, province: str | None) -> str:
    """``dong-thap``; below province level ``huyen-ba-che-quang-ninh`` (the unit word keeps
    "huyện Cao Lãnh" and "thành phố Cao Lãnh" apart)."""
    if level in ("province", "country", "region"):
        return slug(name)
    base = f"{unit or level} {name}"
    return slug(f"{base} {province}") if province else slug(base)


def _resolve_places(
    places: list[Mention],
    standalone: list[bool],
    gaz: Gazetteer,
    main_prov: str | None,
    b: _Builder,
    body: str,
) -> tuple[dict[int, str], set[str], dict[str, str]]:
    """Give every place mention an IRI; return (mention index -> IRI, emitted IRIs, IRI -> level)."""
    # parent links: "xã Tân Đông, tỉnh Tây Ninh", "xã đảo Thạnh An (TP Hồ Chí Minh)"
    for i, p in enumerate(places):
        if i + 1 < len(places):
            q = places[i + 1]
            gap = body[p.end : q.start]
            if _PARENT_SEP.match(gap) and _LEVEL_RANK.get(q.extra["level"], 9) < _LEVEL_RANK.get(
                p.extra["level"], 9
            ):
                p.parent = i + 1
    iri_of: dict[int, str] = {}
    level_of: dict[str, str] = {}
    info: dict[str, tuple[str, str, str, str | None, list[int]]] = {}
    for i, p in enumerate(places):
        level, name = p.extra["level"], p.extra["name"]
        province = None
        if level == "province":
            province = name
        else:
            j = p.parent
            while j >= 0:
                if places[j].extra["level"] == "province":
                    province = places[j].extra["name"]
                    break
                j = places[j].parent
            if province is None and p.extra.get("province_hint"):
                province = p.extra["province_hint"]
            if province is None and level == "district":
                rows = gaz.districts.get(name, [])
                if len(rows) == 1:
                    province = rows[0][2]
                elif main_prov and any(r[2] == main_prov for r in rows):
                    province = main_prov
            if province is None and level in ("ward", "hamlet") and main_prov:
                province = main_prov
        p.extra["province"] = province
        key = _place_key(level, p.unit, name, province)
        iri = str(ID[f"place/{key}"])
        iri_of[i] = iri
        level_of[iri] = level
        info.setdefault(iri, (level, p.unit, name, province, []))[4].append(i)
    emitted: set[str] = set()
    for iri, (level, unit, name, province, idxs) in info.items():
        if not any(standalone[i] for i in idxs):
            continue
        emitted.add(iri)
        extra: dict = {"level": level}
        codes = admin_codes(level, unit or "", name, province if level != "province" else None)
        extra.update(codes)
        for i in idxs:
            p = places[i]
            parent_iri = iri_of.get(p.parent) if p.parent >= 0 else None
            if parent_iri and parent_iri != iri:
                extra.setdefault("parent", parent_iri)
        if "parent" not in extra and level not in ("province", "country", "region") and province:
            prov_iri = str(ID[f"place/{slug(province)}"])
            if prov_iri in info and prov_iri != iri:
                extra["parent"] = prov_iri
        # label: the fullest spelling (with its unit word) of a standalone mention
        forms = [places[i] for i in idxs if standalone[i]]
        best = max(forms, key=lambda m: (not m.extra.get("nickname"), len(m.label)))
        for i in sorted(idxs, key=lambda k: places[k] is not best):
            if standalone[i] or True:
                b.add(
                    iri,
                    "Place",
                    places[i],
                    key=slug(name),
                    label=places[i].label if places[i] is not best else best.label,
                    extra=extra,
                    preferred=places[i] is best,
                )
    for iri in list(b.entities):
        if iri not in emitted and b.entities[iri].type == "Place":
            del b.entities[iri]
    return iri_of, emitted, level_of


def _bare_place_aliases(
    body: str, places: list[Mention], blocked: list[tuple[int, int]], sentences: list[Sentence]
) -> list[Mention]:
    """Later bare mentions ("Khánh An") of places first named with a unit word ("xã Khánh An")."""
    first_of: dict[str, Mention] = {}  # each bare name maps to the place that introduced it
    for p in places:
        if not p.unit or p.extra["level"] in ("province",) or len(p.extra["name"].split()) < 2:
            continue
        name = p.extra["name"]
        if not name[0].isdigit():
            first_of.setdefault(name, p)
    out: list[Mention] = []
    if not first_of:
        return out
    fixed = SpanIndex([(p.start, p.end) for p in places] + blocked)
    added = SpanSet()
    # one pass over the body for all names (longest first), not one scan per name
    names = "|".join(re.escape(n) for n in sorted(first_of, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w])(?:{names})(?![\w])(?! {NAME_WORD})", body):
        if fixed.overlaps(m.start(), m.end()) or not added.try_add(m.start(), m.end()):
            continue
        p = first_of[m.group(0)]
        out.append(
            Mention(
                "Place",
                m.start(),
                m.end(),
                m.group(0),
                "rule:place-bare-alias",
                0.7,
                unit=p.unit,
                concept=p.concept,
                extra=dict(p.extra),
                sentence=sentence_index(sentences, m.start()),
            )
        )
    return out


# Navigation left at the end of an article ("Tin liên quan", "Bài viết khác" …): the lines after such a
# marker are headlines of other articles, not this article's text.
_RELATED_NEWS = re.compile(
    r"^[ \t]*(?:Tin liên quan|Tin cùng chuyên mục|Bài liên quan|Bài viết liên quan|Tin khác|Bài viết khác|"
    r"Tin bài liên quan|Các tin khác|Đọc thêm|Xem thêm)[ \t]*:?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


def related_news_cut(body: str) -> int:
    """Where a related-news block starts (the body's length when there is none); not in the first half."""
    for m in _RELATED_NEWS.finditer(body, len(body) // 2):
        return m.start()
    return len(body)


def assemble(doc: Document) -> Extraction:
    """Entities and relations of one parsed document."""
    gaz = gazetteer()
    body = doc.body
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
        body=body,
    )
    body = body[: related_news_cut(body)]  # a prefix: offsets into it are offsets into the body
    sentences = split_sentences(body)
    if not sentences:
        return Extraction(document=info)
    quotes = find_quotes(body)
    quoted = quoted_mentions(body, quotes, sentences, gaz)
    quoted_index = SpanIndex(m.span for m in quoted)
    known = [
        k for k in known_name_mentions(body, sentences, gaz) if not quoted_index.overlaps(k.start, k.end)
    ]
    taken_names = SpanIndex([m.span for m in quoted] + [(k.start, k.end) for k in known])
    unquoted = [u for u in unquoted_name_mentions(body, sentences, gaz) if not taken_names.overlaps(*u.span)]
    names = quoted + known + unquoted
    name_index = SpanIndex(m.span for m in names if m.cls in ("Model", "Movement"))
    all_name_spans = [m.span for m in names]
    all_name_index = SpanIndex(all_name_spans)

    resolutions = [
        r for r in resolution_mentions(body, sentences, gaz) if not all_name_index.overlaps(r.start, r.end)
    ]
    res_spans = [(r.start, r.end) for r in resolutions]
    issuer_index = SpanIndex((r.start, r.end) for r in resolutions if r.subtype != "Decision")
    raw_places = place_mentions(body, sentences, gaz)
    doc_place_names = {p.extra["name"] for p in raw_places}
    orgs = organisation_mentions(
        body, sentences, gaz, lambda n, u: n in doc_place_names or is_place_name(n, u, gaz)
    )
    orgs = [
        o
        for o in orgs
        if not name_index.overlaps(o.start, o.end) and not issuer_index.overlaps(o.start, o.end)
    ]
    org_spans = [(o.start, o.end) for o in orgs]
    org_index = SpanIndex(org_spans)
    bens = [
        x
        for x in beneficiary_mentions(body, sentences, gaz)
        if not all_name_index.overlaps(x.start, x.end) and not org_index.overlaps(x.start, x.end)
    ]
    ben_spans = [(x.start, x.end) for x in bens]
    ben_index = SpanIndex(ben_spans)
    # an unquoted model named by its place ("Tổ hợp tác … xã Tân Lập") leaves that place an entity
    place_block = SpanIndex(m.span for m in names if m.method != "rule:placed-model")
    places = [
        p
        for p in raw_places
        if not place_block.overlaps(p.start, p.end) and not ben_index.overlaps(p.start, p.end)
    ]
    places += _bare_place_aliases(body, places, all_name_spans + org_spans + res_spans + ben_spans, sentences)
    places.sort(key=lambda p: p.start)
    qualifier_index = SpanIndex(org_spans + res_spans)
    standalone = [not qualifier_index.contains(p.start, p.end) for p in places]
    cats = [c for c in catalogue_mentions(body, sentences, gaz) if not org_index.overlaps(c.start, c.end)]

    b = _Builder(doc, sentences)
    main_prov = main_province(places, gaz)
    info.province = main_prov
    iri_of, emitted, level_of = _resolve_places(places, standalone, gaz, main_prov, b, body)
    for i, p in enumerate(places):
        p.eid = iri_of[i] if iri_of[i] in emitted else ""

    # the article's main place entity: its main province, else its most named place
    main_place_id = None
    if main_prov:
        cand = str(ID[f"place/{slug(main_prov)}"])
        if cand in emitted:
            main_place_id = cand
    if main_place_id is None:
        counts = Counter(p.eid for p in places if p.eid and level_of.get(p.eid) not in ("country", "region"))
        if counts:
            main_place_id = counts.most_common(1)[0][0]
    slug(main_prov) if main_prov else ""

    # movements, models, resolutions, beneficiary groups, programmes, indices
    for m in sorted(names, key=lambda x: x.start):
        if m.cls == "Resolution":
            key = identity_key(m.label)
            b.add(entity_iri("Resolution", key), "Resolution", m, key, subtype=m.subtype)
            continue
        if m.concept:
            concept = next(
                (c for c in (gaz.movements if m.cls == "Movement" else gaz.models) if c.id == m.concept), None
            )
            key = identity_key(concept.label) if concept else identity_key(m.label)
        else:
            key = identity_key(m.label)
        b.add(entity_iri(m.cls, key), m.cls, m, key, subtype=m.subtype)
    for r in resolutions:
        code = r.extra.get("code")
        key = identity_key(code) if code else identity_key(r.label)
        extra = {"code": code} if code else {}
        b.add(entity_iri("Resolution", key), "Resolution", r, key, subtype=r.subtype, extra=extra)
    for x in bens:
        concept = next((c for c in gaz.beneficiaries if c.id == x.concept), None) if x.concept else None
        if concept is None:  # a wording outside the catalogue ("phụ nữ đơn thân nuôi con nhỏ"): its own node
            key = identity_key(x.label)
            b.add(str(ID[f"beneficiary/{slug(key)}"]), "BeneficiaryGroup", x, key)
            continue
        b.add(
            str(ID[f"beneficiary/{x.concept}"]),
            "BeneficiaryGroup",
            x,
            identity_key(concept.label),
            extra={"concept": x.concept},
        )
    for c in cats:
        b.add(
            str(ID[f"{'programme' if c.cls == 'Programme' else 'index'}/{c.concept}"]),
            c.cls,
            c,
            identity_key(c.concept),
            label=_catalogue_label(gaz, c),
            extra={"concept": c.concept},
        )

    # organisations, qualified by the place the text puts them in
    org_place: dict[str, tuple[str, float, str]] = {}
    main_place_mention = next(
        (p for p in places if p.extra["level"] == "province" and p.extra["name"] == main_prov), None
    )
    place_starts = [p.start for p in places]
    by_level: dict[str, list[Mention]] = {}
    for p in places:
        by_level.setdefault(p.extra["level"], []).append(p)
    level_starts = {lv: [p.start for p in ps] for lv, ps in by_level.items()}
    small_places: dict[str, Mention] = {}  # identity key of a named unit below province level -> mention
    for p in places:
        if p.eid and p.unit and p.extra["level"] not in ("province", "country", "region"):
            small_places.setdefault(identity_key(p.extra["name"]), p)
    for o in orgs:
        key = identity_key(o.label)
        target: tuple[str, float, str] | None = None
        org_place_override: tuple[str, float, str] | None = None
        place: Mention | None = None
        lo = bisect.bisect_left(place_starts, o.start)
        hi = bisect.bisect_left(place_starts, o.end)
        inner = [
            i
            for i in range(lo, hi)
            if places[i].end <= o.end and places[i].extra["level"] not in ("country", "region")
        ]
        if o.scope == "national":
            iri = entity_iri("Organisation", key)
        else:
            if inner:
                place = places[inner[-1]]
                method, conf = "org-place-in-name", 0.8
            elif o.unit:
                level = _UNIT_LEVEL.get(o.unit.lower(), "")
                same_level = by_level.get(level, [])
                k = bisect.bisect_left(level_starts.get(level, []), o.start)
                place = same_level[k - 1] if k > 0 else None
                # "tỉnh": a province of the same sentence, else the article's
                if level == "province" and (place is None or place.sentence != o.sentence):
                    place = main_place_mention
                if place is None and same_level:
                    place = same_level[0]
                method, conf = "org-place-unit-word", 0.65
            elif _DISTRICT_BODY.search(o.label) and by_level.get("district"):
                # "Ban Dân vận Huyện ủy" in an article about "huyện Mường Ảng": that district's committee,
                # one node with "Ban Dân vận Huyện ủy Mường Ảng"
                districts = by_level["district"]
                k = bisect.bisect_left(level_starts["district"], o.start)
                place = districts[k - 1] if k > 0 else None
                if place is None and len({d.extra["name"] for d in districts}) == 1:
                    place = districts[0]
                method, conf = "org-place-unit-word", 0.6
                if place is None:
                    place, method, conf = main_place_mention, "org-place-main", 0.5
            elif o.extra.get("named_place"):
                # "Chi hội phụ nữ Giáp Trung" after "thôn Giáp Trung": the place named elsewhere
                place = next(
                    (p for p in places if p.eid and key.endswith(" " + identity_key(p.extra["name"]))), None
                )
                method, conf = "org-place-in-name", 0.75
            else:
                place = main_place_mention
                method, conf = "org-place-main", 0.5
                # "Đồn Biên phòng Lũng Cú" in an article that names "xã Lũng Cú": located there (the
                # identity stays keyed by the main province)
                words = key.split()
                named = next(
                    (
                        small_places[" ".join(words[-n:])]
                        for n in range(1, min(5, len(words) - 1) + 1)
                        if " ".join(words[-n:]) in small_places
                    ),
                    None,
                )
                if named is not None:
                    org_place_override = (named.eid, 0.7, "org-place-name")
            if place is None and o.extra.get("named_place"):
                iri = entity_iri("Organisation", key)
            else:
                iri = entity_iri("Organisation", _org_identity(key, o.unit, place, main_prov))
            if place is not None and place.eid:
                target = (place.eid, conf, method)
            elif (
                method == "org-place-main"
                and main_place_id
                and (level_of.get(main_place_id) == "province" or not _PROVINCIAL.search(o.label))
            ):
                target = (main_place_id, 0.45, method)
        b.add(
            iri,
            "Organisation",
            o,
            key,
            subtype=o.subtype,
            preferred=bool(inner) or bool(o.unit),
            extra={"scope": o.scope, **({"catalogue": o.concept} if o.concept else {})},
        )
        if org_place_override:
            target = org_place_override
        if target:
            org_place.setdefault(iri, target)
        ent = b.entities[iri]
        if len(o.label) > len(ent.label) and o.label != ent.label:
            ent.aliases = [a for a in ent.aliases if a != o.label]
            if ent.label not in ent.aliases:
                ent.aliases.append(ent.label)
            ent.label = o.label

    mentions = names + resolutions + bens + cats + orgs + [p for p in places if p.eid]
    ctx = RelationContext(body, sentences, [m for m in mentions if m.eid], main_place_id, level_of)
    relations = find_relations(ctx, org_place)
    entities = sorted(b.entities.values(), key=lambda e: e.evidence[0].start if e.evidence else 0)
    ids = {e.id for e in entities}
    relations = [r for r in relations if r.s in ids and r.o in ids]
    return qualify(Extraction(document=info, entities=entities, relations=relations))


_DISTRICT_BODY = re.compile(r"(?:Huyện ủy|Quận ủy|Thị ủy|Huyện đoàn|Quận đoàn|Thị đoàn)$")
_PROVINCIAL = re.compile(r"(?i:tỉnh|thành ủy|thành phố|trung ương)")
_UNIT_SUFFIX = re.compile(
    r"\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|thôn|ấp|bản|khóm|buôn|làng)$"
)


def _org_identity(key: str, unit: str, place: Mention | None, main_prov: str | None) -> str:
    """Identity string of a relative organisation: its head, the unit word below province level,
    the place name and its province ("hội nông dân huyện tiên phước quảng nam")."""
    base = key
    if place is None:
        return f"{base} {main_prov}" if main_prov else base
    name = identity_key(place.extra["name"])
    level = place.extra["level"]
    idx = base.rfind(name)
    if idx > 0:
        base = base[:idx].rstrip()
    m = _UNIT_SUFFIX.search(base)
    if m:
        base = base[: m.start()]
    province = place.extra.get("province")
    parts = [base]
    if level not in ("province", "country", "region"):
        parts.append(identity_key(place.unit or level))
    parts.append(name)
    if province and level not in ("province", "country", "region") and identity_key(province) != name:
        parts.append(identity_key(province))
    return " ".join(parts)


def _catalogue_label(gaz: Gazetteer, m: Mention) -> str:
    pool = gaz.programmes if m.cls == "Programme" else gaz.indices
    for c in pool:
        if c.id == m.concept:
            return c.label if m.cls == "Index" else m.label
    return m.label


def fold_label(text: str) -> str:
    """Search form of a label (exposed for tests)."""
    return fold(text)
