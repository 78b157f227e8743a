"""From the recognisers' proposals to the entities of one document.

1. **Overlaps** (:func:`settle_overlaps`): proposals are taken by precedence, then length; a proposal
   overlapping one already taken is dropped — except a place inside an organisation's name, which is
   kept as that organisation's qualifier and becomes a Place of its own (ANNOTATION.md convention 1).
   Places, organisations and groups inside a movement's, model's or document's name are dropped
   (convention 2). Coverage is a byte array, so this is linear in the text.
2. **Follow-ups** (:func:`follow_ups`): mentions that need the first pass — later bare mentions of
   places first named with their unit word, district names of the provinces the article names, and
   repeats of unquoted model names.
3. **Entities** (:class:`EntityBuilder`): mentions grouped by identity within the document — a place
   by level and name, an organisation's short form ("Hội LHPN", "Hội LHPN xã") with the full name it
   stands for ("Hội Liên hiệp Phụ nữ xã Thái Hưng"), a name with and without its parenthesised
   abbreviation — with the fullest spelling as label, the others as aliases, and evidence.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from danvan_kg.extract.admin import LEVEL_RANK, UNIT_LEVEL, admin_codes, admin_gazetteer, canonical_unit
from danvan_kg.extract.context import DocContext
from danvan_kg.extract.lexicon import NAME_WORD, known_key, lexicon, literal_alternation
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.model import Entity, Evidence
from danvan_kg.ids import slug
from danvan_kg.resolve import entity_iri, identity_key

__all__ = ["EntityBuilder", "follow_ups", "main_province", "settle_overlaps"]

_MAX_EVIDENCE = 10
_ABBR_DEFINED = re.compile(r"\s*\(([A-ZĐ]{3,10})\)")
_ABBR_PAREN = re.compile(r"\s*\((?:[A-ZĐ][\wĐ&.-]{1,11})\)")


def settle_overlaps(body: str, proposals: Iterable[Mention]) -> list[Mention]:
    """Non-overlapping mentions by precedence and length; places nested in a kept organisation stay."""
    covered = bytearray(len(body) + 1)
    kept: list[Mention] = []
    org_spans: list[tuple[int, int]] = []  # organisations and unquoted models: they keep the places they name
    nested: list[Mention] = []
    for m in sorted(proposals, key=lambda x: (-x.priority, -x.length, x.span[0])):
        a, b = m.span
        if a >= b:
            continue
        if m.cls == "Place" and m.extra.get("in_org"):
            nested.append(m)
            continue
        if covered.find(1, a, b) != -1:
            continue
        covered[a:b] = b"\x01" * (b - a)
        kept.append(m)
        if m.cls == "Organisation" or (m.cls == "Model" and m.method.startswith("rule:unquoted")):
            org_spans.append((a, b))
    org_spans.sort()
    starts = [s for s, _ in org_spans]
    for p in nested:  # keep a nested place only while its organisation was kept
        i = bisect.bisect_right(starts, p.start) - 1
        if i >= 0 and org_spans[i][0] <= p.start and p.end <= org_spans[i][1]:
            kept.append(p)
    kept.sort(key=lambda x: (x.start, -x.length))
    return kept


def main_province(places: list[Mention]) -> str | None:
    """The province the article is mostly about: most mentioned (districts count for theirs),
    first wins ties."""
    gaz = admin_gazetteer()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for p in places:
        prov = None
        level = p.extra.get("level")
        if level == "province":
            prov = p.extra["name"]
        elif p.extra.get("province_hint"):
            prov = p.extra["province_hint"]
        elif level == "district":
            rows = gaz.districts.get(p.extra["name"], [])
            if len(rows) == 1:
                prov = rows[0][2]
        if prov and gaz.province(prov):
            prov = gaz.province(prov)
            counts[prov] += 1
            first.setdefault(prov, p.start)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))


@lru_cache(maxsize=256)
def _districts_of(provinces: frozenset[str]) -> tuple[dict[str, str], re.Pattern[str] | None]:
    """District names of two words or more in these provinces (name → province) and their pattern:
    articles of one province share it, so it is compiled once, not per document."""
    gaz = admin_gazetteer()
    districts: dict[str, str] = {}
    for d, rows in gaz.districts.items():
        if len(d.split()) >= 2 and d not in gaz.provinces:
            for r in rows:
                if r[2] in provinces:
                    districts.setdefault(d, r[2])
    if not districts:
        return districts, None
    return districts, _bare_names_re(districts)


def _bare_names_re(names: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{literal_alternation(set(names))})(?![\w])(?! {NAME_WORD})")


def follow_ups(ctx: DocContext, mentions: list[Mention]) -> list[Mention]:
    """Mentions found with the help of the first pass (see the module docstring), in three steps that
    share what is covered already: bare places, places listed after a unit word, repeated models."""
    covered = bytearray(len(ctx.body) + 1)
    for m in mentions:
        covered[m.span[0] : m.span[1]] = b"\x01" * (m.span[1] - m.span[0])
    out = _bare_places(ctx, mentions, covered)
    out += _listed_places(ctx, mentions, covered)
    out += _repeated_models(ctx, mentions, covered)
    return out


def _bare_places(ctx: DocContext, mentions: list[Mention], covered: bytearray) -> list[Mention]:
    """Later bare mentions of places named first with a unit word ("xã Khánh An" … "Khánh An"), and
    district names of the article's provinces."""
    body = ctx.body
    out: list[Mention] = []
    # bare later mentions of places first named with a unit word ("xã Khánh An" … "Khánh An")
    first_of: dict[str, Mention] = {}
    for p in mentions:
        if p.cls == "Place" and p.unit and p.extra.get("level") not in ("province", "country", "region"):
            name = p.extra["name"]
            if len(name.split()) >= 2 and not name[0].isdigit():
                first_of.setdefault(name, p)
    provinces = {p.extra["name"] for p in mentions if p.cls == "Place" and p.extra.get("level") == "province"}
    districts, district_rx = _districts_of(frozenset(provinces))
    found = list(district_rx.finditer(body)) if district_rx else []
    if first_of:
        found += _bare_names_re(first_of).finditer(body)
    found.sort(key=lambda m: (m.start(), -m.end()))  # the longest name at a position first
    if found:
        for m in found:
            if covered.find(1, m.start(), m.end()) != -1:
                continue
            name = m.group()
            if name in first_of:
                p = first_of[name]
                x = Mention(
                    "Place",
                    m.start(),
                    m.end(),
                    name,
                    "rule:place-bare-alias",
                    0.7,
                    unit=p.unit,
                    concept=p.concept,
                    extra=dict(p.extra),
                    sentence=ctx.sentence_of(m.start()),
                    priority=44,
                )
            else:
                x = Mention(
                    "Place",
                    m.start(),
                    m.end(),
                    name,
                    "rule:place-district-name",
                    0.7,
                    concept=name,
                    extra={"level": "district", "name": name, "province_hint": districts[name]},
                    sentence=ctx.sentence_of(m.start()),
                    priority=44,
                )
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            out.append(x)
    return out


def _listed_places(ctx: DocContext, mentions: list[Mention], covered: bytearray) -> list[Mention]:
    """Names listed after a unit-word place that the gazetteer knows as units of the same level."""
    body = ctx.body
    out: list[Mention] = []
    gaz = admin_gazetteer()
    # names listed after a unit-word place that the gazetteer knows as units of the same level
    # ("xã Bó Sinh, Mường Lầm (huyện Sông Mã)", "các huyện A, B")
    for p in [
        m for m in mentions if m.cls == "Place" and m.unit and m.extra.get("level") in ("district", "ward")
    ]:
        pos = p.end
        for _ in range(6):
            nm = _LISTED_NAME.match(body, pos)
            if nm is None:
                break
            name = nm.group("name")
            table = gaz.wards if p.extra["level"] == "ward" else gaz.districts
            if name not in table or covered.find(1, nm.start("name"), nm.end("name")) != -1:
                break
            out.append(
                Mention(
                    "Place",
                    nm.start("name"),
                    nm.end("name"),
                    name,
                    "rule:place-listed",
                    0.7,
                    unit=p.unit,
                    concept=name,
                    extra={"level": p.extra["level"], "name": name},
                    sentence=ctx.sentence_of(nm.start("name")),
                    priority=44,
                )
            )
            covered[nm.start("name") : nm.end("name")] = b"\x01" * (nm.end("name") - nm.start("name"))
            pos = nm.end("name")
    return out


def _repeated_models(ctx: DocContext, mentions: list[Mention], covered: bytearray) -> list[Mention]:
    """Repeats of unquoted model names given once with their cue."""
    body = ctx.body
    out: list[Mention] = []
    # repeats of unquoted model names given once with their cue
    introduced = {
        m.label: m
        for m in mentions
        if m.cls == "Model" and m.method.startswith("rule:unquoted") and len(m.label.split()) >= 2
    }
    if introduced:
        rx = re.compile(rf"(?<![\w])(?:{literal_alternation(set(introduced))})(?![\w])")
        for m in rx.finditer(body):
            if covered.find(1, m.start(), m.end()) != -1:
                continue
            first = introduced[m.group()]
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            out.append(
                Mention(
                    "Model",
                    m.start(),
                    m.end(),
                    m.group(),
                    "rule:unquoted-repeat",
                    0.55,
                    subtype=first.subtype,
                    sentence=ctx.sentence_of(m.start()),
                    priority=55,
                )
            )
    return out


_FUNCTION_WORDS = re.compile(r"(?<![\w])(?:cua|cac|nhung|va|cho|o|tai)(?![\w])")


_LISTED_NAME = re.compile(rf"(?:, | và )(?P<name>{NAME_WORD}(?: {NAME_WORD}){{0,3}})(?![\w])(?! {NAME_WORD})")


_LOCATIVE = re.compile(r" (?:trong|trên|ở|tại) (?:tỉnh|huyện|xã|thành phố|phường|quận)$")


def name_key(label: str) -> str:
    """Identity of a name within a document: folded, punctuation and function words ignored, a
    parenthesised abbreviation dropped ("Toàn dân bảo vệ an ninh Tổ quốc (TDBVANTQ)", "Con nuôi
    của Đồn biên phòng" = "Con nuôi đồn Biên phòng")."""
    return " ".join(_FUNCTION_WORDS.sub(" ", known_key(_ABBR_PAREN.sub("", label))).split())


def _place_key(level: str, unit: str, name: str, province: str | None) -> str:
    """``dong-thap``; below province level ``huyen-ba-che-quang-ninh`` (the unit word keeps "huyện Cao
    Lãnh" and "thành phố Cao Lãnh" apart)."""
    if level in ("province", "country", "region"):
        return slug(name)
    base = f"{unit or level} {name}"
    return slug(f"{base} {province}") if province else slug(base)


_DEFAULT_UNIT = {"district": "huyện", "ward": "xã"}


class EntityBuilder:
    """Accumulates the entities of one document, in order of first mention."""

    def __init__(self, ctx: DocContext, spelled: str) -> None:
        self.ctx = ctx
        self.spelled = spelled
        self.entities: dict[str, Entity] = {}

    def evidence(self, m: Mention) -> Evidence:
        body = self.ctx.body
        s = self.ctx.sentence(m.sentence if m.sentence >= 0 else self.ctx.sentence_of(m.start))
        s0 = min(s.start, m.start) if s else m.start
        s1 = max(s.end, m.end) if s else m.end
        return Evidence(body[m.start : m.end], m.start, m.end, body[s0:s1], s0, m.method, m.confidence)

    def add(
        self, iri: str, cls: str, m: Mention, key: str, *, label: str | None = None, extra: dict | None = None
    ) -> Entity:
        m.eid = iri
        text = label if label is not None else m.label
        ent = self.entities.get(iri)
        if ent is None:
            ent = Entity(id=iri, type=cls, label=text, key=key, subtype=m.subtype, extra=dict(extra or {}))
            self.entities[iri] = ent
        elif (
            len(text) > len(ent.label)
            and not (cls == "Place" and ent.extra.get("unit_label") and not m.unit)
            and not (_LOCATIVE.search(text) and not _LOCATIVE.search(ent.label))
        ) or (_LOCATIVE.search(ent.label) and not _LOCATIVE.search(text)):
            # the fullest spelling names the thing, but "lực lượng vũ trang tỉnh" beats "… trong tỉnh"
            if ent.label not in ent.aliases:
                ent.aliases.append(ent.label)
            ent.label = text
        if not ent.subtype and m.subtype:
            ent.subtype = m.subtype
        for k, v in (extra or {}).items():
            ent.extra.setdefault(k, v)
        spelled = self.spelled[m.start : m.end]
        for alias in (text, m.label, spelled, *m.aliases):
            if alias and alias != ent.label and alias not in ent.aliases and len(ent.aliases) < 12:
                ent.aliases.append(alias)
        if len(ent.evidence) < _MAX_EVIDENCE and all(e.start != m.start for e in ent.evidence):
            ent.evidence.append(self.evidence(m))
        return ent

    # ------------------------------------------------------------------ places
    def places(self, places: list[Mention], main_prov: str | None) -> None:
        """Resolve place mentions: parents ("xã A, huyện B"), province context, IRIs and codes."""
        places.sort(key=lambda p: p.start)
        _link_parents(self.ctx.body, places)
        twins = _take_twins(places)
        for p in places:  # the province each place is in
            p.extra["province"] = _province_of(p, places, main_prov)
        for i, p in enumerate(places):  # a bare twin is in its unit-word mention's province
            twin = twins.get(i)
            if twin is not None:
                p.extra["province"] = twin.extra["province"]
            p.extra["unit_word"] = p.unit or (twin.unit if twin else _DEFAULT_UNIT.get(p.extra["level"], ""))
        self._add_places(places)

    def _add_places(self, places: list[Mention]) -> None:
        """One entity per place IRI, with its codes and its parent (the place it was written in, else
        its province)."""
        iri_of = [
            _place_iri(
                _place_key(p.extra["level"], p.extra["unit_word"], p.extra["name"], p.extra["province"])
            )
            for p in places
        ]
        for i, p in enumerate(places):
            level, name, province = p.extra["level"], p.extra["name"], p.extra["province"]
            iri = iri_of[i]
            extra: dict = {"level": level, "name": name, "province": province, "unit_label": bool(p.unit)}
            extra.update(
                admin_codes(level, p.extra["unit_word"], name, province if level != "province" else None)
            )
            if p.parent >= 0 and iri_of[p.parent] != iri:
                extra["parent"] = iri_of[p.parent]
            elif level not in ("province", "country", "region") and province:
                prov_iri = _place_iri(slug(province))
                if prov_iri != iri:
                    extra["parent_province"] = prov_iri
            self.add(iri, "Place", p, slug(name), extra=extra)
        for ent in self.entities.values():
            if (
                ent.type == "Place"
                and "parent" not in ent.extra
                and ent.extra.get("parent_province") in self.entities
            ):
                ent.extra["parent"] = ent.extra["parent_province"]

    # ------------------------------------------------------------------ organisations
    def organisations(
        self, orgs: list[Mention], places_by_span: dict[tuple[int, int], Mention], main_prov: str | None
    ) -> None:
        """Organisations grouped by what they are (their heads) and where (the place their name carries):
        "Agribank Kiên Giang" and "Ngân hàng Nông nghiệp … Chi nhánh tỉnh Kiên Giang" are one; a short
        form ("Hội LHPN", "Hội LHPN xã", "MTTQ") is the full name it stands for in this document — the
        nearest one before it, else the first after. A bare abbreviation standing for nothing named in the
        document ("MTTQ" alone) is no organisation."""
        _mark_places_in_names(orgs, places_by_span)
        groups: dict[tuple[str, str], str] = {}  # (heads, place or scope) -> IRI
        full = [o for o in orgs if o.extra["place_eid"] or o.scope == "national"]
        for o in full:
            key = (o.extra["heads_sig"], o.extra["place_eid"] or "national")
            iri = groups.get(key)
            if iri is None:
                iri = groups[key] = entity_iri("Organisation", identity_key(o.label))
            extra = {"scope": o.scope, "heads": o.extra.get("heads", []), "unit": o.unit}
            if o.extra["place_eid"]:
                extra["place_in_name"] = o.extra["place_eid"]
            self.add(iri, "Organisation", o, identity_key(o.label), extra=extra)
        stands_for = _full_name_finder(full)
        for o in orgs:
            if o.extra["place_eid"] or o.scope == "national":
                continue
            target = stands_for(o)
            if target is not None and target.eid:
                self.add(target.eid, "Organisation", o, target.eid)
                continue
            if re.fullmatch(r"[A-ZĐ&]{2,}", o.label):
                continue  # "MTTQ", "UBND" alone: a kind of body, unless it stands for one named here
            key = (o.extra["heads_sig"], o.unit)
            iri = groups.get(key)
            if iri is None:
                iri = groups[key] = entity_iri("Organisation", identity_key(o.label))
            self.add(
                iri,
                "Organisation",
                o,
                identity_key(o.label),
                extra={"scope": o.scope, "heads": o.extra.get("heads", []), "unit": o.unit},
            )

    # ------------------------------------------------------------------ everything else
    def named(self, mentions: list[Mention]) -> None:
        """Movements, models, documents, groups, programmes and indices."""
        lex = lexicon()
        by_key: dict[tuple[str, str], str] = {}
        for m in mentions:
            cls = m.cls
            if cls == "Resolution":
                code = m.extra.get("code")
                key = identity_key(code) if code else (m.concept or name_key(m.label))
                iri = by_key.get((cls, key)) or entity_iri(
                    "Resolution", identity_key(code if code else m.label)
                )
                by_key[(cls, key)] = iri
                self.add(iri, cls, m, key, extra={"code": code} if code else {})
            elif cls == "BeneficiaryGroup":
                if m.concept:
                    concept = next(c for c in lex.beneficiaries if c.id == m.concept)
                    self.add(
                        f"https://w3id.org/danvan-kg/id/beneficiary/{m.concept}",
                        cls,
                        m,
                        identity_key(concept.label),
                        extra={"concept": m.concept},
                    )
                else:
                    key = identity_key(m.label)
                    self.add(f"https://w3id.org/danvan-kg/id/beneficiary/{slug(key)}", cls, m, key)
            elif cls in ("Programme", "Index"):
                kind = "programme" if cls == "Programme" else "index"
                label = m.label
                if cls == "Index":
                    label = next((c.label for c in lex.indices if c.id == m.concept), m.label)
                self.add(
                    f"https://w3id.org/danvan-kg/id/{kind}/{m.concept}",
                    cls,
                    m,
                    m.concept,
                    label=label,
                    extra={"concept": m.concept},
                )
            else:  # Movement, Model
                if m.concept:
                    pool = lex.movements if cls == "Movement" else lex.models
                    concept = next((c for c in pool if c.id == m.concept), None)
                    key = name_key(concept.label) if concept else name_key(m.label)
                else:
                    key = name_key(m.label)
                # one entity whichever spelling came first: the catalogue's, the quoted name, "Quỹ" + name
                keys = [key, *(name_key(a) for a in (m.label, *m.aliases))]
                defined = _ABBR_DEFINED.match(self.ctx.body, m.span[1] if m.span else m.end)
                if defined:  # "CLB Liên thế hệ tự giúp nhau (LTHTGN)": later "CLB LTHTGN" is this model
                    keys.append(name_key(defined.group(1)))
                iri = next((by_key[(cls, k)] for k in keys if (cls, k) in by_key), None) or entity_iri(
                    cls, identity_key(_ABBR_PAREN.sub("", m.label) if not m.concept else concept.label)
                )  # type: ignore[union-attr]
                for k in keys:
                    by_key.setdefault((cls, k), iri)
                extra = {"concept": m.concept} if m.concept else {}
                self.add(iri, cls, m, key, extra=extra)


def _mark_places_in_names(orgs: list[Mention], places_by_span: dict[tuple[int, int], Mention]) -> None:
    """Each organisation's heads signature and the place mentions inside its name (the last one is the
    place that qualifies it: ``place_eid``)."""
    spans = sorted(places_by_span)
    starts = [sp[0] for sp in spans]
    for o in orgs:
        o.extra["heads_sig"] = _heads_sig(o)
        i, j = bisect.bisect_left(starts, o.start), bisect.bisect_left(starts, o.end)
        inner = [places_by_span[sp] for sp in spans[i:j] if sp[1] <= o.end]
        o.extra["place_mentions"] = inner
        o.extra["place_eid"] = inner[-1].eid if inner else ""


def _full_name_finder(full: list[Mention]) -> Callable[[Mention], Mention | None]:
    """For a short form, the full name of the same heads it stands for: the nearest fitting one before
    it (within 8), else the first fitting one after."""
    by_sig: dict[str, list[Mention]] = {}
    for f in full:
        by_sig.setdefault(f.extra["heads_sig"], []).append(f)
    sig_starts = {sig: [f.start for f in pool] for sig, pool in by_sig.items()}

    def find(o: Mention) -> Mention | None:
        pool = by_sig.get(o.extra["heads_sig"], [])
        k = bisect.bisect_left(sig_starts.get(o.extra["heads_sig"], []), o.start)
        for f in reversed(pool[max(0, k - 8) : k]):
            if _unit_fits(o.unit, f):
                return f
        return next((f for f in pool[k : k + 8] if _unit_fits(o.unit, f)), None)

    return find


def _link_parents(body: str, places: list[Mention]) -> None:
    """ "xã A, huyện B", "xã A (huyện B)", "xã A thuộc huyện B": A's parent is the wider place after it."""
    for i in range(len(places) - 1):
        p, q = places[i], places[i + 1]
        gap = body[p.end : q.start]
        if re.match(r"^\s*(?:,|\(|-|thuộc)\s*$", gap) and LEVEL_RANK.get(
            q.extra["level"], 9
        ) < LEVEL_RANK.get(p.extra["level"], 9):
            p.parent = i + 1


def _take_twins(places: list[Mention]) -> dict[int, Mention]:
    """A bare name (nested in an organisation's name, or a headline's) is the place its unit-word
    mention names: "Giáp Trung" is the "thôn Giáp Trung" the text names, a headline's bare "Quảng Ninh"
    the article's "huyện Quảng Ninh". Returns the twin of each bare mention by position; levels follow."""
    with_unit = {(p.extra["level"], p.extra["name"]): p for p in places if p.unit}
    by_name = {p.extra["name"]: p for p in places if p.unit}
    twins: dict[int, Mention] = {}
    for i, p in enumerate(places):
        twin = (
            None
            if p.unit
            else with_unit.get((p.extra["level"], p.extra["name"])) or by_name.get(p.extra["name"])
        )
        if twin is not None:
            twins[i] = twin
            p.extra["level"] = twin.extra["level"]
    return twins


def _province_of(p: Mention, places: list[Mention], main_prov: str | None) -> str | None:
    """The province a place is in: itself, the province it was written in, the province of a district
    name the gazetteer knows in one province (or in the article's), else the article's for a commune."""
    level, name = p.extra["level"], p.extra["name"]
    if level == "province":
        return name
    province = None
    j = p.parent
    while j >= 0:
        if places[j].extra["level"] == "province":
            province = places[j].extra["name"]
            break
        j = places[j].parent
    province = province or p.extra.get("province_hint") or None
    if province is None and level == "district":
        rows = admin_gazetteer().districts.get(name, [])
        if len(rows) == 1:
            province = rows[0][2]
        elif main_prov and any(r[2] == main_prov for r in rows):
            province = main_prov
    if province is None and level in ("ward", "hamlet") and main_prov:
        province = main_prov
    return province


def _place_iri(key: str) -> str:
    return f"https://w3id.org/danvan-kg/id/place/{key}"


def _heads_sig(o: Mention) -> str:
    """What an organisation is, without its place: its heads (abbreviations resolved by the catalogue)."""
    heads = o.extra.get("heads") or []
    return "+".join(heads) if heads else identity_key(o.label)


def _unit_fits(unit: str, full: Mention) -> bool:
    """ "Hội LHPN xã" stands for a commune union, not the district one."""
    if not unit:
        return True
    places = full.extra.get("place_mentions") or []
    if not places:
        return False
    level = places[-1].extra.get("level")
    want = UNIT_LEVEL.get(canonical_unit(unit), "hamlet")
    return level == want or (
        want == "province" and level == "district" and canonical_unit(unit) == "thành phố"
    )
