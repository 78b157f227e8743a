"""Organisations: a head from ``organisations.csv`` chained with further heads and closed by what the
head's ``qualifier`` column asks for.

    ORG       := HEAD [NAME] (HEAD [NAME])* ["(" ABBR ")"] ["Việt Nam"] [QUALIFIER] [BRANCH]
    QUALIFIER := unit word [place name] | place name | "Trung ương"
    BRANCH    := "Chi nhánh" unit word place name

* ``qualifier=name`` heads take a proper name (Báo X, Bệnh viện X, Đồn Biên phòng X, Công ty X),
  ``number`` heads a number or code (Trung đoàn 812, Quân khu 9, Phòng PC06); ``required`` heads are
  not specific without a qualifier or a further head (Đảng ủy, Công an, Ban Thường vụ); ``place``
  heads may stand bare (Hội Nông dân); ``none`` heads are complete national bodies.
* A place named in the qualifier (or a station named after its commune) becomes a nested Place
  mention (ANNOTATION.md convention 1).
* A generic plural ("Hội Cựu chiến binh các cấp", "các chi hội", "mỗi công an xã") is no
  organisation; a lower-case head with no qualifier ("hội phụ nữ") is a category, not a body.
* A head that belongs to a person's title is skipped ("Phó Bí thư Thường trực Huyện ủy X": the
  organisation is "Huyện ủy X"); an organisation right after a title is flagged ``in_title``: it is
  named, but does not act in that sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from danvan_kg.extract.admin import admin_gazetteer, canonical_unit, level_of, longest_known
from danvan_kg.extract.context import DocContext
from danvan_kg.extract.lexicon import NAME_WORD, OrgHead, lexicon
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.recognise.places import (
    _MIDDLE,
    _SURNAMES,
    looks_like_person,
    place_mention,
    valid_place_name,
)
from danvan_kg.extract.registry import recogniser

__all__ = ["organisation_mentions"]

_SURNAMES_OR_MIDDLE = _SURNAMES | _MIDDLE
_PLACE_NAME = rf"(?:{NAME_WORD}|(?:số )?\d+[A-Z]?)(?:(?: - | |-)(?:{NAME_WORD}|\d+[A-Z]?\b)){{0,4}}"
_PROPER_TOKEN = re.compile(r"[A-ZĐÀ-Ỹ0-9][\wà-ỹđ'&-]*(?:\.[\wà-ỹđ]+)*|[a-zà-ỹđ]+")
_STATIONS = frozenset({"don-bien-phong", "don-cong-an", "tram-kiem-soat-bien-phong"})
_BARE_UNITS = frozenset(
    {"tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "thôn", "ấp", "bản"}
)
_HEAD_UNIT = re.compile(
    r"(?<![\w])(xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|thành|thị)(?![\w])", re.IGNORECASE
)
_LEAD_STOPS = frozenset(
    {
        "của",
        "do",
        "đã",
        "được",
        "tại",
        "ở",
        "với",
        "cho",
        "là",
        "có",
        "đang",
        "sẽ",
        "thì",
        "các",
        "những",
        "trên",
    }
)
_COMPANY_HEADS = frozenset({"cong-ty", "hop-tac-xa", "tap-doan", "ngan-hang", "trung-tam", "hiep-hoi"})
_DEPARTMENT_HEADS = frozenset({"so", "bo", "phong", "vu", "cuc"})


@lru_cache(maxsize=1)
def _grammar() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    head = lex.org_head_alt
    units = lex.alt("place_unit", variants=False)
    return {
        "head": re.compile(rf"(?<![\w])(?:{head})(?![\w])"),
        "head_at": re.compile(rf"(?:{head})(?![\w])"),
        "chain": re.compile(rf" (?:{head})(?![\w])"),
        "abbr": re.compile(r" ?\((?P<abbr>[A-ZĐ][A-ZĐa-z&.]{1,9})\)"),
        "vn": re.compile(r" Việt Nam(?![\w])"),
        "unit": re.compile(rf" (?P<unit>{units})(?![\w])\.?(?: ?(?P<name>{_PLACE_NAME}))?"),
        "within": re.compile(
            r" (?:trong|toàn|của) (?P<unit>tỉnh|huyện|thành phố|thị xã|xã|phường)(?![\w])(?! [A-ZĐ])"
        ),
        "unit_word": re.compile(rf"(?:{units})(?![\w])"),
        "bare": re.compile(rf" (?P<name>{_PLACE_NAME})"),
        "national": re.compile(rf" (?:{lex.alt('national_qualifier', variants=False)})(?![\w])"),
        "branch": re.compile(rf",? (?:{lex.alt('org_branch', variants=False)})(?![\w])"),
        "title": re.compile(
            rf"(?<![\w])(?:{lex.alt('person_title')})(?: (?:[Tt]hường trực|phụ trách|kiêm))?,? $"
        ),
        "title_end": re.compile(rf"(?<![\w])(?:{lex.alt('person_title')}) $"),
        "generic_tail": re.compile(rf" (?:{lex.alt('generic_tail', variants=False)})(?![\w])"),
        "generic_before": re.compile(rf"(?<![\w])(?:{lex.alt('generic_before')}) $"),
        "department": re.compile(rf" (?:{lex.alt('department', variants=False)})(?![\w])"),
        "nickname": re.compile(rf" (?P<name>{lex.alt('place_nickname', variants=False)})(?![\w])"),
        "compound_before": re.compile(
            r"(?<![\w])(?:cán|chi|toàn|đảng|quân|cơ|các|quốc|an)\s$", re.IGNORECASE
        ),
        "category_tail": re.compile(r",\s*(?:xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố)(?![\w])"),
        "purpose": re.compile(
            rf"(?:,? [a-zà-ỹđ]+){{1,14}} (?:và )?(?:xây dựng )?(?:[Pp]hong trào|[Cc]uộc vận động) {NAME_WORD}(?: [^\W\d_]+){{0,8}}?"  # noqa: E501
            rf"(?= (?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)(?![\w]))"
            rf"|(?: [a-zà-ỹđ]+){{1,8}}(?= (?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|thôn|ấp|bản|xóm|khóm|khu phố|tổ dân phố)(?![\w]))"  # noqa: E501
            rf"| (?:(?:thực hiện|xây dựng|vận động|triển khai|phối hợp thực hiện) )?(?:các )?(?:mô hình|cuộc vận động|[Cc]uộc vận động|[Pp]hong trào|chương trình|"  # noqa: E501
            rf"Chương trình|[Qq]uỹ|đề án|Đề án|dự án|quy chế|Quy chế)(?: thi đua)?(?: (?:“[^”\n]{{1,80}}”|{NAME_WORD}(?: [^\W\d_]+){{0,6}}))?"  # noqa: E501
        ),
    }


def _head_info(text: str) -> OrgHead | None:
    return lexicon().org_by_name.get(text.casefold())


@dataclass
class _Candidate:
    start: int
    end: int
    heads: list[OrgHead]
    scope: str = "relative"
    unit: str = ""
    qualified: bool = False
    nested: list[Mention] = field(default_factory=list)


def _proper_name(
    body: str, pos: int, g: dict[str, re.Pattern[str]], limit: int = 10, leading_lower: int = 0
) -> int:
    """End of a proper name right after ``pos`` (which holds a space): capitalised words, numbers and
    codes, with up to three lower-case words inside ("Mầm non Thới Hưng 2", "Dịch vụ nông nghiệp huyện")
    and ``leading_lower`` before them ("Hợp tác xã xoài Mỹ Xương"); it stops before another organisation
    head. A lower-case run counts only when a capitalised word or a unit word follows it."""
    if body[pos : pos + 1] != " ":
        return pos
    from danvan_kg.extract.recognise.headed import _stop_re

    stop_re = _stop_re()
    end = pos
    i = pos + 1
    lower_run = 0
    capitals = 0
    for n_words in range(limit):
        if g["unit_word"].match(body, i):
            end = i - 1 if capitals and lower_run else end  # "Trung tâm Dịch vụ nông nghiệp" + "huyện"
            break
        m = None if n_words and _another_head(body, i, g) else _PROPER_TOKEN.match(body, i)
        if m is None:  # the end of the words, or another organisation begins
            break
        tok = m.group()
        if tok[0].islower():
            if _lower_word_ends(
                tok, bool(stop_re.match(body, i)), capitals, lower_run, n_words >= leading_lower
            ):
                break
            lower_run += 1
        else:
            if tok[0].isdigit() and lower_run:
                break  # "Đồn Biên phòng Pa Ủ nuôi 2 cháu": a count, not part of the name
            lower_run = 0
            capitals += 1
            end = m.end()
        i = m.end()
        if body.startswith(" - ", i) and capitals == 0:
            i += 3  # "HTX dịch vụ - chăn nuôi - nuôi trồng thủy sản …"
            continue
        if body[i : i + 1] != " ":
            break
        i += 1
    return end


def _another_head(body: str, i: int, g: dict[str, re.Pattern[str]]) -> bool:
    """A capitalised organisation head at ``i``: another organisation begins."""
    return bool(g["head_at"].match(body, i)) and body[i].isupper()


def _lower_word_ends(tok: str, stop_word: bool, capitals: int, lower_run: int, leading_done: bool) -> bool:
    """Whether a lower-case word ends a proper name: before any capital, a leading stop word or more
    leading words than allowed; after one, a stop word or a fourth lower-case word in a row."""
    if capitals == 0:
        return tok in _LEAD_STOPS or leading_done
    return stop_word or lower_run >= 3


def _place_name_ok(name: str, unit: str) -> bool:
    gaz = admin_gazetteer()
    if not unit:
        return gaz.province(name) is not None or (gaz.is_unit_name(name) and len(name.split()) >= 2)
    if canonical_unit(unit) == "tỉnh":
        return gaz.province(name) is not None
    return valid_place_name(name) and not looks_like_person(name)


_LOWER_OK = frozenset(
    {"chua", "giao-xu", "don-bien-phong", "tap-doan", "hop-tac-xa", "cong-ty", "ngan-hang", "truong", "bao"}
)


def _named_part(ctx: DocContext, c: _Candidate, g: dict[str, re.Pattern[str]]) -> bool:
    """The name a ``name``/``number`` head takes; False when the head needs one and has none."""
    body = ctx.body
    last = c.heads[-1]
    if last.qualifier not in ("name", "number"):
        return True
    if len(c.heads) == 1 and body[c.start].islower() and last.id not in _LOWER_OK:
        return False  # "vụ", "phòng", "trung tâm" in running text are common nouns
    if last.id in _DEPARTMENT_HEADS:
        d = g["department"].match(body, c.end)
        if d:
            c.end, c.qualified = d.end(), True
            return True
    stop = _proper_name(body, c.end, g, leading_lower=8 if last.id in _COMPANY_HEADS else 0)
    name = body[c.end + 1 : stop]
    if stop == c.end or (last.qualifier == "number" and not re.match(r"\d|[A-Z]{1,4}\d", name)):
        return len(c.heads) > 1
    if last.id in ("so", "bo"):
        return len(c.heads) > 1  # "Sở"/"Bộ" + a name outside the department list: not safe
    gaz = admin_gazetteer()
    if last.id in _STATIONS or gaz.province(name) or (name in gaz.districts):
        # "Đồn Biên phòng Phó Bảng", "Báo Đồng Tháp": the place the body is named after
        level = (
            "province"
            if gaz.province(name)
            else ("district" if name in gaz.districts and name not in gaz.wards else "ward")
        )
        if not looks_like_person(name):
            pm = place_mention(ctx, c.end + 1, stop, "", name, "rule:place-in-org", 0.75, level=level)
            if pm is not None:
                c.nested.append(pm)
    c.end, c.qualified = stop, True
    return True


def _person_within(words: list[str], k: int) -> bool:
    """Whether a person's name starts among ``words[1:k]``: a surname or middle name followed by
    another capitalised word ("xã Tân Phú Nguyễn Văn An"); "phường Hương Hồ" ends with no one."""
    return any(
        words[i] in _SURNAMES_OR_MIDDLE and i + 1 < len(words) and words[i + 1][:1].isupper()
        for i in range(1, k)
    )


def _unit_place(ctx: DocContext, q: re.Match[str]) -> Mention | None:
    """The place after a unit word in an organisation's name: the longest prefix of the name that the
    gazetteer knows, else the longest plausible one (a person's name after it is cut off)."""
    unit, name = q.group("unit"), q.group("name")
    words = name.split()
    gaz = admin_gazetteer()
    level = level_of(unit, words[0])
    known = longest_known(
        words,
        lambda c: bool(gaz.province(c)) or (level != "province" and (c in gaz.districts or c in gaz.wards)),
    )
    if known is None:
        if level == "province" and canonical_unit(unit) == "tỉnh":
            return None
        known = longest_known(
            words[:4], lambda c: _place_name_ok(c, unit) and not _person_within(words, len(c.split(" ")))
        )
    if known is None:
        return None
    return place_mention(
        ctx, q.start("unit"), q.start("name") + len(known), unit, known, "rule:place-in-org", 0.85
    )


def _qualifier(ctx: DocContext, c: _Candidate, g: dict[str, re.Pattern[str]]) -> None:
    """What follows an organisation's heads and makes it one body: "Việt Nam" or "Trung ương" (national),
    a nickname ("UBND TP HCM"), "trong tỉnh", a unit word and its name, or a bare place name."""
    body = ctx.body
    t = g["national"].match(body, c.end)
    if t:
        c.end, c.scope, c.qualified = t.end(), "national", True
        return
    if _nickname_qualifier(ctx, c, g):
        return
    w = g["within"].match(body, c.end)
    if w:  # "lực lượng vũ trang trong tỉnh": the province's
        c.unit, c.end, c.qualified = canonical_unit(w.group("unit")), w.end(), True
        return
    if _unit_qualifier(ctx, c, g) or c.scope == "national":
        return
    _bare_qualifier(ctx, c, g)


def _nickname_qualifier(ctx: DocContext, c: _Candidate, g: dict[str, re.Pattern[str]]) -> bool:
    """ "UBND TP HCM": a province's nickname qualifies the body."""
    nick = g["nickname"].match(ctx.body, c.end)
    if not nick:
        return False
    name = lexicon().value("place_nickname", nick.group("name"))
    pm = place_mention(
        ctx, nick.start("name"), nick.end("name"), "", name, "rule:place-in-org", 0.85, level="province"
    )
    if pm is None:
        return False
    c.nested.append(pm)
    c.end, c.qualified, c.scope = nick.end(), True, "relative"
    return True


def _unit_qualifier(ctx: DocContext, c: _Candidate, g: dict[str, re.Pattern[str]]) -> bool:
    """A unit word after the heads: with its place's name ("Hội Nông dân xã Tân Phú"), or bare ("Hội
    Nông dân xã"). Returns whether a unit word was there (then nothing else qualifies the body)."""
    q = g["unit"].match(ctx.body, c.end)
    if not q:
        return False
    pm = _unit_place(ctx, q) if q.group("name") else None
    if pm is not None:
        c.nested.append(pm)
        c.end = pm.end
    elif canonical_unit(q.group("unit")) in _BARE_UNITS:
        c.unit, c.end = canonical_unit(q.group("unit")), q.end("unit")
    else:
        return True
    c.qualified = True
    if c.scope == "national":
        c.scope = "relative"  # "Hội LHPN Việt Nam huyện X" is the district branch
    return True


def _bare_qualifier(ctx: DocContext, c: _Candidate, g: dict[str, re.Pattern[str]]) -> None:
    """A place name without a unit word ("Huyện ủy Quảng Ninh", "Agribank Kiên Giang")."""
    body = ctx.body
    b = g["bare"].match(body, c.end)
    implied = _HEAD_UNIT.search(body, c.start, c.end)
    name = _known_prefix(b.group("name")) if b else ""
    if not (b and (_place_name_ok(name, "") or (implied and valid_place_name(name)))):
        return
    gaz = admin_gazetteer()
    level = "province" if gaz.province(name) else ("district" if name in gaz.districts else "ward")
    if implied:  # "Huyện ủy Quảng Ninh": the district, not the province of that name
        word = {"thành": "thành phố", "thị": "thị xã"}.get(implied.group(1).lower(), implied.group(1).lower())
        level = level_of(word, name)
    end = b.start("name") + len(name)
    pm = place_mention(ctx, b.start("name"), end, "", name, "rule:place-in-org", 0.75, level=level)
    if pm is not None:
        c.nested.append(pm)
        c.end, c.qualified = end, True


def _known_prefix(name: str) -> str:
    """The longest leading words of ``name`` (two at least, or the whole) that are a province, district
    or commune name: "Tỉnh ủy Quảng Nam Phan Văn Bình" is the Quảng Nam committee and a person."""
    gaz = admin_gazetteer()

    def known(text: str) -> bool:
        return bool(gaz.province(text)) or text in gaz.districts or text in gaz.wards

    return longest_known(name.split(" "), known, fewest=2) or name


def _branch(ctx: DocContext, c: _Candidate, g: dict[str, re.Pattern[str]]) -> None:
    """ "Ngân hàng Nông nghiệp … Chi nhánh tỉnh Kiên Giang": the branch in a place."""
    br = g["branch"].match(ctx.body, c.end)
    if not br:
        return
    q = g["unit"].match(ctx.body, br.end())
    if q and q.group("name") and _place_name_ok(q.group("name"), q.group("unit")):
        pm = place_mention(
            ctx, q.start("unit"), q.end("name"), q.group("unit"), q.group("name"), "rule:place-in-org", 0.8
        )
        if pm is not None:
            c.nested.append(pm)
            c.end, c.qualified = pm.end, True


def _specific(body: str, c: _Candidate) -> bool:
    """Whether the candidate names one body rather than a kind of body."""
    if c.qualified or c.scope == "national":
        return True
    if all(h.qualifier == "required" for h in c.heads):
        return False  # "Đảng ủy", "Ban Thường vụ", "Công an" alone
    lead = c.heads[0]
    return not (body[c.start].islower() and lead.label[:1].isupper())  # "hội phụ nữ": a category


@recogniser("organisation-grammar", classes=("Organisation", "Place"), priority=80)
def organisation_mentions(ctx: DocContext) -> list[Mention]:
    """Organisation names (head + chain + qualifier), with the places their names carry."""
    g = _grammar()
    body = ctx.body
    out: list[Mention] = []
    pos = 0
    while True:
        m = g["head"].search(body, pos)
        if m is None:
            break
        pos = m.end()
        first = _head_info(m.group())
        if first is None:
            continue
        if body[m.start()].islower() and g["compound_before"].search(body, max(0, m.start() - 6), m.start()):
            pos = m.start() + 1  # "cán bộ Công an huyện": "bộ" belongs to "cán bộ"; look again inside
            continue
        if first.id in ("thuong-truc", "ban-thuong-truc") and g["title_end"].search(
            body, max(0, m.start() - 30), m.start()
        ):
            continue  # "Phó Bí thư Thường trực …": part of the title; the body is the next head
        c = _candidate(ctx, g, m, first)
        if c is None or not _names_one_body(body, c, g):
            continue
        mention = _org_mention(ctx, g, c)
        out.append(mention)
        for p in c.nested:
            p.extra["in_org"] = True
            p.priority = 81
            out.append(p)
        pos = mention.end
    return out


def _candidate(
    ctx: DocContext, g: dict[str, re.Pattern[str]], m: re.Match[str], first: OrgHead
) -> _Candidate | None:
    """The organisation a head starts: its chain of heads ("Ban Thường vụ Hội Nông dân"), its purpose,
    abbreviation and qualifiers; None when a head of the chain lacks the name it requires."""
    body = ctx.body
    c = _Candidate(m.start(), m.end(), [first], "national" if first.scope == "national" else "relative")
    ok = _named_part(ctx, c, g)
    while ok:
        ch = g["chain"].match(body, c.end)
        info = _head_info(body[ch.start() + 1 : ch.end()]) if ch else None
        if info is None:
            break
        c.heads.append(info)
        c.end = ch.end()
        if info.scope != "national":
            c.scope = "relative"
        ok = _named_part(ctx, c, g)
    if not ok:
        return None
    _purpose(body, c, g, m)
    hu = _HEAD_UNIT.search(body, c.start, c.end)
    if hu and not c.unit:
        c.unit = canonical_unit({"thành": "thành phố", "thị": "thị xã"}.get(hu.group(1).lower(), hu.group(1)))
    for part in ("abbr", "vn"):
        x = g[part].match(body, c.end)
        if x:
            c.end = x.end()
    if not (c.qualified and c.heads[-1].qualifier in ("name", "number") and c.nested):
        _qualifier(ctx, c, g)
    _branch(ctx, c, g)
    return c


def _purpose(body: str, c: _Candidate, g: dict[str, re.Pattern[str]], m: re.Match[str]) -> None:
    """A committee named by its purpose: "Ban Chỉ đạo Cuộc vận động …", "Ban vận động Quỹ “Vì người
    nghèo”", "Ban Chỉ đạo phòng, chống tội phạm, … tỉnh X"."""
    purpose_words = lexicon().word_set("org_purpose")
    whole = body[c.start : c.end].casefold()
    if whole in purpose_words:
        p = g["purpose"].match(body, c.end)
        if p:
            c.end, c.qualified = p.end(), True
    elif body[m.start() : m.end()].casefold() in purpose_words:
        p = g["purpose"].match(body, m.end())
        if p and p.end() > c.end:
            c.end, c.qualified = p.end(), True


def _names_one_body(body: str, c: _Candidate, g: dict[str, re.Pattern[str]]) -> bool:
    """Not a kind of body: "… các cấp", "các Hội đoàn thể", "công an xã, phường, thị trấn" (a category)."""
    if g["generic_tail"].match(body, c.end) or g["generic_before"].search(
        body, max(0, c.start - 12), c.start
    ):
        return False
    if c.unit and not c.nested and g["category_tail"].match(body, c.end):
        return False
    return _specific(body, c)


def _org_mention(ctx: DocContext, g: dict[str, re.Pattern[str]], c: _Candidate) -> Mention:
    body = ctx.body
    label = body[c.start : c.end].rstrip(" ,")
    lead = next((h for h in c.heads if h.qualifier != "required"), c.heads[0])
    return Mention(
        cls="Organisation",
        start=c.start,
        end=c.start + len(label),
        label=label,
        method="rule:org-grammar",
        confidence=0.85 if (c.qualified or c.scope == "national") else 0.7,
        subtype=lead.cls,
        concept=c.heads[0].id if len(c.heads) == 1 else "",
        scope=c.scope,
        unit=c.unit,
        extra={
            "in_title": bool(g["title"].search(body, max(0, c.start - 50), c.start)),
            "heads": [h.id for h in c.heads],
        },
        sentence=ctx.sentence_of(c.start),
        priority=86
        if "“" in label
        else 80,  # "Ban vận động Quỹ “Vì người nghèo”": the quote is its name's part
    )
