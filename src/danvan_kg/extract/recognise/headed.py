"""Unquoted models named by a head noun and what the group does: "Tổ nông dân trồng rau an toàn",
"CLB thơ ca người cao tuổi", "phiên chợ 0 đồng", "Tổ hòa giải bản Nà Khoang", "Minh Tâm Hội quán".

The heads are the rows of ``model_heads.csv`` (a new row is a new head). The name runs over the
words after the head until a function word, a verb, a number or punctuation; a small unit and its
name close it ("… bản Nà Khoang", "… xã Tân Lộc"). A head written in lower case names a model only
right after a word that introduces one ("duy trì 12 Tổ …", "tổ chức phiên chợ …", "thành lập CLB …",
"mô hình tổ …"); a capitalised head needs no introduction. The items that follow in a list ("duy trì
Tủ sách pháp luật, Tủ thuốc nhân đạo và Bếp ăn bán trú") are models too. Fixed phrases that begin
with a head but name no model ("tổ chức", "Đội công tác", "nhà nước") are ``head_not`` in the lexicon.
"""

from __future__ import annotations

import re
from functools import lru_cache

from danvan_kg.extract.admin import admin_gazetteer
from danvan_kg.extract.context import DocContext
from danvan_kg.extract.lexicon import NAME_WORD, lexicon
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.recognise.names import _known, _tail_place
from danvan_kg.extract.registry import recogniser

__all__ = ["headed_models"]

_TOKEN = re.compile(r"[^\W_]+")
_SMALL_UNIT = re.compile(
    rf" (?:bản|thôn|ấp|khu phố|tổ dân phố|buôn|làng|khóm|xóm|xã|phường|thị trấn) (?:số )?(?:\d+|{NAME_WORD}(?: {NAME_WORD}){{0,2}})(?![\w])"  # noqa: E501
)
_LEADING_UNIT = re.compile(
    r"(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh|thôn|ấp|bản|khu phố|tổ dân phố|khóm|xóm|làng)"
    r" (?:số )?(?:\d|[A-ZĐÀ-Ỹ])"
)
_HAS = re.compile(r"(?<![\w])có(?: (?:các|những|nhiều|[\d.]+))?\s*$")  # "có 5 THT …" introduces no name
_ABBR_NAME = re.compile(r" [A-ZĐ]{3,10}(?![\w])")
_MAX_TOKENS = 14
_GROUP_CLASSES = frozenset({"Club", "Team", "Market", "Fund", "SelfManagementGroup"})


@lru_cache(maxsize=1)
def _grammar() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    head_not = lex.alt("head_not", variants=False)
    intro = (
        rf"(?:{lex.alt('run_cue')}|{lex.alt('model_cue')}|{lex.alt('list_intro')}|tiêu biểu là|điển hình là)"
    )
    return {
        "head": re.compile(
            rf"(?<![\w])(?!(?i:{head_not})(?![\w]))(?P<head>(?i:{lex.model_head_alt}))(?![\w])"
        ),
        "intro": re.compile(
            rf"(?<![\w]){intro}(?: (?:thêm|mới|được|các|những|nhiều|\d+|[\d.]+))?\s*:?\s*$", re.IGNORECASE
        ),
        "postfix": re.compile(
            rf"(?<![\w])(?P<name>{NAME_WORD}(?: {NAME_WORD}){{0,3}}) (?P<head>{lex.alt('model_head_postfix', variants=False)})(?![\w])"  # noqa: E501
        ),
        "modifier_only": re.compile(
            rf"^(?:(?:{lex.alt('model_modifier', variants=False)}|thiết thực|chủ yếu|nổi bật|hay|khác|này|đó|trên)(?: |$))+$"  # noqa: E501
        ),
        "model_cue": re.compile(
            rf"(?<![\w])(?:{lex.alt('model_cue')})(?: (?:{lex.alt('model_modifier', variants=False)}))?\s*:?\s*$",  # noqa: E501
            re.IGNORECASE,
        ),
    }


@lru_cache(maxsize=1)
def _compound_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{lexicon().alt('name_compound', variants=False)})(?![\w])")


@lru_cache(maxsize=1)
def _function_re() -> re.Pattern[str]:
    return re.compile(rf"(?i:{lexicon().alt('name_stop', variants=False)})(?![\w])")


@lru_cache(maxsize=1)
def _stop_re() -> re.Pattern[str]:
    lex = lexicon()
    roles = ("name_stop", "name_verb", "run_cue")
    words = {w for r in roles for w in lex.words(r)}
    return re.compile(rf"(?i:{'|'.join(sorted(map(re.escape, words), key=len, reverse=True))})(?![\w])")


def _name_end(body: str, pos: int) -> tuple[int, int]:
    """(end, tokens) of the name words from ``pos`` (a space before them): up to a function word,
    a verb, a number, an abbreviation or punctuation; a comma joins a second topic in lower case
    ("Tổ tuyên truyền phổ biến, giáo dục pháp luật")."""
    stop = _stop_re()
    end = pos
    n = 0
    i = pos
    while n < _MAX_TOKENS:
        if (
            body.startswith(", ", i)
            and n
            and _TOKEN.match(body, i + 2)
            and body[i + 2].islower()
            and not stop.match(body, i + 2)
        ):
            i += 1  # a coordinated topic continues the name
        if body[i : i + 1] != " ":
            break
        unit = _SMALL_UNIT.match(body, i)
        if unit and n:  # "… bản Nà Khoang": the unit closes the name
            return unit.end(), n + 1
        if body.startswith(" 0 đồng", i):
            end, i, n = i + 7, i + 7, n + 1
            continue
        comp = _compound_re().match(body, i + 1)
        if comp:  # "từ thiện", "ở cơ sở": function-word syllables inside a name
            end = i = comp.end()
            n += 1
            continue
        m = _TOKEN.match(body, i + 1)
        blocked = (
            stop.match(body, i + 1) if n else _function_re().match(body, i + 1)
        )  # the purpose may open with a verb
        if (
            m is None
            or blocked
            or m.group()[0].isdigit()
            or (n and m.group().isupper() and len(m.group()) > 1)
        ):
            break
        end = i = m.end()
        n += 1
        if body.startswith(" - ", i) and _TOKEN.match(body, i + 3):
            i += 2  # "sản xuất - kinh doanh": the dash joins two words of the name
    return end, n


def _proper_in(body: str, start: int, end: int) -> bool:
    """Whether a capitalised word closes the description ("THT trồng hoa - cây cảnh Mỹ Tiến")."""
    return any(w[:1].isupper() for w in body[start:end].split()[1:])


def _introduced_name(
    ctx: DocContext, g: dict[str, re.Pattern[str]], m: re.Match[str], end: int, n: int, chained: int
) -> bool | None:
    """Whether the head at ``m`` and its ``n`` words up to ``end`` name a model: None when they do not,
    else whether a verb or list introduced it (the mention's confidence)."""
    body = ctx.body
    head = m.group("head")
    info = lexicon().model_head_by_word.get(head.casefold())
    group_head = info is not None and info.cls in _GROUP_CLASSES
    s0, _ = ctx.sentence_span(m.start())
    lead = body[max(s0, m.start() - 40) : m.start()]
    intro = g["intro"].search(lead)
    introduced = bool(intro) or (
        chained >= 0 and re.fullmatch(r", | và | cùng ", body[chained : m.start()]) is not None
    )
    # a sentence's first word is capitalised anyway; "CLB hoạt động", "THT chia sẻ": an abbreviation
    # is written in capitals anyway, so unless a verb introduces it ("thành lập CLB thơ ca …") the
    # words after it tell whether it is a name
    lower = (
        head[0].islower()
        or body[s0 : m.start()].strip(' -–•*\t\n"“') == ""
        or (
            head.isupper()
            and not (intro and not _HAS.search(lead))
            and body[m.end() + 1 : m.end() + 2].islower()
            and not _proper_in(body, m.end(), end)
        )
    )
    after_cue = bool(g["model_cue"].search(lead))
    if not group_head and not after_cue and (lower or not introduced):
        return None  # "đường", "nhà", "điểm": a name only after "mô hình", or capitalised after a verb
    initial = not head[0].islower() and not head.isupper() and lower  # capitalised as the first word
    if lower and not after_cue and not (initial and group_head and n >= 3):
        return None  # "tổ nuôi cá lồng", "duy trì tổ tiết kiệm": a description, not a name
    name = body[m.end() + 1 : end]
    if _LEADING_UNIT.match(name):
        return None  # "CLB xã Kim Tân", "Tổ phường 3": the body of a place, not a name
    if g["modifier_only"].match(name) or admin_gazetteer().is_unit_name(body[m.start() : end]):
        return None  # "CLB thiết thực" (an adjective), "Chợ Lách" (a district)
    if n < 2 and not (name[:1].isupper() or introduced):
        return None  # "Tổ sinh hoạt": one common word after a head
    if n < 2 and lower:
        return None  # "nhóm Zalo": a lower-case head needs a name of two words
    return introduced


@recogniser("headed-model", classes=("Model",), priority=62)
def headed_models(ctx: DocContext) -> list[Mention]:
    """A model head and the words saying what the group does, introduced or capitalised."""
    g = _grammar()
    body = ctx.body
    lex = lexicon()
    out: list[Mention] = []
    pos = 0
    chained = -1  # the end of the last model of a list: the next head may follow without introduction
    for m in g["head"].finditer(body):
        if m.start() < pos or ctx.inside_quote(m.start(), m.end()):
            continue
        head = m.group("head")
        end, n = _name_end(body, m.end())
        abbr = _ABBR_NAME.match(body, m.end())
        if abbr:  # "CLB LTHTGN": the club's name written as the abbreviation the text gave it
            end, n = abbr.end(), 1
        if n == 0:
            continue
        introduced = _introduced_name(ctx, g, m, end, n, chained)
        if introduced is None:
            continue
        info = lex.model_head_by_word.get(head.casefold())
        name = body[m.end() + 1 : end]
        drop_head = info is not None and not info.in_label and name[:1].isupper()
        start = m.end() + 1 if drop_head else m.start()
        known = _known(body[m.start() : end]) or _known(body[start:end])  # "Quỹ Vì người nghèo"
        x = Mention(
            "Model",
            start,
            end,
            body[start:end],
            "rule:unquoted-headed",
            0.6 if introduced else 0.55,
            subtype=info.cls if info else "",
            concept=known[1] if known and known[0] == "Model" else "",
            aliases=[body[m.start() : end]] if drop_head else [],
            span=(m.start(), end),
            sentence=ctx.sentence_of(m.start()),
            priority=62,
        )
        out.append(x)
        place = _tail_place(ctx, x)
        if place is not None:
            out.append(place)
        pos = chained = end
    for m in g["postfix"].finditer(body):
        if not ctx.inside_quote(m.start(), m.end()):
            out.append(
                Mention(
                    "Model",
                    m.start("name"),
                    m.end("head"),
                    m.group(),
                    "rule:unquoted-headed",
                    0.6,
                    subtype="Club",
                    sentence=ctx.sentence_of(m.start()),
                    priority=62,
                )
            )
    return out
