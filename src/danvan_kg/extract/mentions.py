"""Recognisers: spans of the normalised body that name movements, models, organisations,
resolutions, beneficiary groups, programmes and indices (places are in :mod:`places`).

How texts of this genre name things:

* movements and models are mostly quoted names after a cue word — phong trào (thi đua),
  cuộc vận động / mô hình, câu lạc bộ (CLB), tổ, đội, nhóm, phiên chợ, quỹ, chương trình ... —
  often as a list ("các mô hình: “A”, “B”, Câu lạc bộ “C”"); a quotation after a value/slogan
  cue (tinh thần, phương châm, khẩu hiệu, hình ảnh ...) or without any cue is not a name;
* organisations are a head (Ban Dân vận, Hội Nông dân, UBND, Bộ đội Biên phòng ...) chained with
  other heads ("Ban Dân vận Tỉnh ủy") and qualified by a place or a bare unit word ("huyện");
* resolutions carry a code (25-NQ/TW) or a fixed name (Quy chế dân chủ cơ sở);
* beneficiary groups come from a catalogue of wordings and count only where the sentence is about
  helping them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from danvan_kg.extract.gazetteer import Gazetteer, case_variants, literal_alternation
from danvan_kg.extract.spans import SpanSet
from danvan_kg.text.normalise import fold
from danvan_kg.text.sentences import Sentence

__all__ = [
    "NAME_WORD",
    "UPPER",
    "Mention",
    "Quote",
    "beneficiary_mentions",
    "catalogue_mentions",
    "find_quotes",
    "known_name_mentions",
    "organisation_mentions",
    "quoted_mentions",
    "resolution_mentions",
    "unquoted_name_mentions",
]

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
NAME_WORD = rf"[{UPPER}][^\W_]*"
"""A capitalised syllable (first letter upper case)."""


@dataclass(slots=True)
class Mention:
    """One recognised span. ``start``/``end`` delimit the label in the body."""

    cls: str
    start: int
    end: int
    label: str
    method: str
    confidence: float = 0.8
    subtype: str = ""
    aliases: list[str] = field(default_factory=list)
    concept: str = ""  # catalogue id (beneficiary group, programme, index, known name)
    scope: str = ""  # organisations: "national" or "relative"
    unit: str = ""  # organisations: bare unit word qualifier ("tỉnh", "huyện"), places: unit word
    span: tuple[int, int] = (0, 0)  # whole matched span (head word, quotes), defaults to (start, end)
    extra: dict[str, Any] = field(default_factory=dict)
    list_id: int = -1  # quoted names: index of the list they belong to
    sentence: int = -1
    eid: str = ""  # IRI of the entity this mention was resolved to
    parent: int = -1  # places: index (in the place list) of the containing place mention

    def __post_init__(self) -> None:
        if self.span == (0, 0):
            self.span = (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Quote:
    """A pair of quotation marks: ``open`` is the index of “, ``close`` of ” (or the body end)."""

    open: int
    close: int


_QUOTE_CHARS = re.compile("[“”‘’\n]")


def find_quotes(body: str) -> list[Quote]:
    """Balanced “…” pairs (innermost first by position); an unclosed quotation at the very end counts."""
    out: list[Quote] = []
    stack: list[int] = []
    single: list[int] = []
    n = len(body)
    for qm in _QUOTE_CHARS.finditer(body):
        i, ch = qm.start(), qm.group()
        if ch == "“":
            stack.append(i)
        elif ch == "”" and stack:
            o = stack.pop()
            if i - o <= 400 and "\n" not in body[o:i]:
                out.append(Quote(o, i))
        elif ch == "‘":
            single.append(i)
        elif ch == "’" and single and not (i + 1 < n and body[i + 1].isalpha()):
            o = single.pop()
            if i - o <= 200:
                out.append(Quote(o, i))
        elif ch == "\n":
            stack.clear()
            single.clear()
    if stack:
        o = stack[-1]
        tail = body[o + 1 :]
        if "\n" not in tail.strip() and len(tail) < 200:
            out.append(Quote(o, len(body.rstrip())))
    out.sort(key=lambda q: q.open)
    return out


# ---------------------------------------------------------------- quoted names

_MOVEMENT_CUE = r"phong trào(?: thi đua)?|cuộc vận động|chiến dịch|phong trào, cuộc vận động|đợt thi đua"
_MODEL_CUE = (
    r"mô hình|câu lạc bộ|CLB|phiên chợ|quỹ|sáng kiến|hội quán|chương trình|công trình|cách làm|dự án|"
    r"điển hình là|điển hình như"
)
_RESOLUTION_CUE = r"đề án|kế hoạch|nghị quyết|chỉ thị|kết luận|quy định|quy chế|chương trình hành động|văn kiện|luật|pháp lệnh"  # noqa: E501
_SLOGAN_CUE = (
    r"tinh thần|phương châm|khẩu hiệu|hình ảnh|thông điệp|chủ đề|danh hiệu|giải thưởng|giải|cuộc thi|hội thi|"
    r"chuyên mục|chuyên đề|tác phẩm|bài viết|bài báo|cuốn sách|câu nói|lời dạy|cụm từ|mục tiêu|tiêu chí|"
    r"phương thức|nguyên tắc|quan điểm|lời|bài hát|ca khúc|vở|chữ|tên gọi|biệt danh|nói|cho biết|chia sẻ|"
    r"khẳng định|nhấn mạnh|bày tỏ|tâm sự|kể|phát biểu|tiêu đề|slogan|thương hiệu|sản phẩm|nhãn hiệu|hội nghị|hội thảo|lễ|"  # noqa: E501
    r"ngày hội|liên hoan|tọa đàm|diễn đàn|triển lãm|tuần lễ|phong cách|những người|"
    r"chuyện|câu chuyện|tin đồn|gọi là|được gọi|người biết"
)
_CUE_RE = re.compile(
    rf"(?<![\w])(?P<mov>{_MOVEMENT_CUE})(?![\w])|(?<![\w])(?P<res>{_RESOLUTION_CUE})(?![\w])|"
    rf"(?<![\w])(?P<mod>{_MODEL_CUE})(?![\w])|(?<![\w])(?P<slo>{_SLOGAN_CUE})(?![\w])",
    re.IGNORECASE,
)
_HEAD_BEFORE = re.compile(
    r"(?:(?<![\w])(?P<head>Câu lạc bộ|câu lạc bộ|CLB|Quỹ|quỹ|Phiên chợ|phiên chợ|Chợ|chợ|Tổ|tổ|Đội|đội|Nhóm|nhóm|"  # noqa: E501
    r"Chương trình|chương trình|Đề án|đề án|Kế hoạch|kế hoạch|Bếp ăn|bếp ăn|Tủ|tủ|Điển hình|điển hình|"
    r"Ngôi nhà|ngôi nhà|Tuyến đường|tuyến đường|Con đường|con đường|Hội quán|hội quán|Phiên|phiên|căn nhà|ngôi nhà|nhà|Nhà|duy trì|nhân rộng|ra mắt|Zalo|zalo|Facebook|fanpage|Fanpage|Đội hình|đội hình|Chi hội|chi hội|Tổ hợp tác|tổ hợp tác))\s*$"  # noqa: E501
)
_CLOSE_HEADS = {
    "câu lạc bộ": "Club",
    "clb": "Club",
    "quỹ": "Fund",
    "phiên chợ": "Market",
    "phiên": "Market",
    "chợ": "Market",
    "tổ": "Team",
    "đội": "Team",
    "nhóm": "Team",
    "hội quán": "Club",
}
_DOC_NAME_HINT = re.compile(r"giai đoạn|đến năm|năm \d{4}|\d{4}\s*-\s*\d{4}|nhiệm kỳ", re.IGNORECASE)
_SPEECH = re.compile(r"[.!?]\s+\S|[.!?]$")
_LIST_GAP = re.compile(
    r"^[\s,;:và/.…)(-]*$|^\s*(?:,|;|và)\s*(?:các |mô hình |câu lạc bộ |CLB |quỹ |tổ )?$", re.IGNORECASE
)
_TRIM = " \t\n.,;:…-"
_LIST_INTRO = re.compile(r"(?:(?:như|là|gồm|gồm có|sau đây|điển hình|tiêu biểu|với|có)\s*:?|:)\s*$")


def _trim_span(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and body[start] in _TRIM:
        start += 1
    while end > start and (body[end - 1] in _TRIM or body[end - 1] == "."):
        end -= 1
    return start, end


def _sentence_of(sentences: list[Sentence], pos: int) -> int:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if pos < s.start:
            hi = mid - 1
        elif pos >= s.end:
            lo = mid + 1
        else:
            return mid
    return max(0, min(lo, len(sentences) - 1)) if sentences else -1


def _cue_type(match: re.Match[str]) -> str:
    if match.group("mov"):
        return "Movement"
    if match.group("res"):
        return "Resolution"
    if match.group("mod"):
        return "Model"
    return "Slogan"


_KNOWN_TABLES: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}


def _known_tables(gaz: Gazetteer) -> tuple[dict[str, Any], dict[str, Any]]:
    tables = _KNOWN_TABLES.get(id(gaz))
    if tables is None:
        tables = (
            {fold(v): c for c in gaz.movements for v in c.variants},
            {fold(v): c for c in gaz.models for v in c.variants},
        )
        _KNOWN_TABLES[id(gaz)] = tables
    return tables


def _pre_typed(
    body: str, quotes: list[Quote], known_mov: dict[str, Any], known_mod: dict[str, Any]
) -> dict[str, str]:
    """Quoted names typed by an adjacent head word anywhere in the text ("mô hình “X”"), so that an
    earlier bare mention of “X” is typed too."""
    out: dict[str, str] = {}
    for q in quotes:
        before = body[max(0, q.open - 30) : q.open]
        m = _ADJACENT_CUE.search(before)
        if m:
            s, e = _trim_span(body, q.open + 1, q.close)
            out.setdefault(fold(body[s:e]), "Movement" if m.group("mov") else "Model")
    return out


_ADJACENT_CUE = re.compile(
    r"(?:(?P<mov>phong trào(?: thi đua)?|cuộc vận động)|mô hình|câu lạc bộ|CLB)\s*$", re.IGNORECASE
)


_LIST_COLON = re.compile(r"(?:như|gồm|gồm có|là|sau|sau đây|tiêu biểu|điển hình)?\s*:")
_ITEM_START = re.compile(r"(?:^|[;\n])\s*[-•+*]?\s*$")
_BULLET_INTRO = re.compile(
    r"(?P<cue>mô hình|cách làm|câu lạc bộ|CLB|phong trào|cuộc vận động)[^\n]{0,120}:\s*$", re.I
)


def _bullet_list_type(body: str, line_start: int) -> str:
    """A bullet line ("- …") under a line that announces models or movements and ends with ':'."""
    if not re.match(r"\s*[-•+*]\s", body[line_start : line_start + 4]):
        return ""
    k = line_start
    for _ in range(12):  # back over the other bullet lines to the introduction
        prev_end = body.rfind("\n", 0, k)
        if prev_end < 0:
            return ""
        prev_start = body.rfind("\n", 0, prev_end) + 1
        line = body[prev_start:prev_end]
        if not line.strip():
            k = prev_end
            continue
        if re.match(r"\s*[-•+*]\s", line):
            k = prev_start
            continue
        m = _BULLET_INTRO.search(line)
        if m is None:
            return ""
        return "Movement" if m.group("cue").lower() in ("phong trào", "cuộc vận động") else "Model"
    return ""


def quoted_mentions(
    body: str, quotes: list[Quote], sentences: list[Sentence], gaz: Gazetteer
) -> list[Mention]:
    """Movements, models and programme documents named in quotes after a cue word (or in a cue's list)."""
    known_mov, known_mod = _known_tables(gaz)
    out: list[Mention] = []
    prev: tuple[Quote, str, int] | None = None  # last quote, its type, its list id
    typed_names: dict[str, str] = _pre_typed(body, quotes, known_mov, known_mod)
    list_counter = 0
    for q in quotes:
        s_idx = _sentence_of(sentences, q.open)
        sent = sentences[s_idx] if s_idx >= 0 else None
        s_start = sent.start if sent else 0
        inner_start, inner_end = _trim_span(body, q.open + 1, q.close)
        if inner_end <= inner_start:
            prev = None
            continue
        content = body[inner_start:inner_end]
        words = content.split()
        w_start = max(s_start, q.open - 300)  # cues farther than this never reach the quotation
        before = body[w_start : q.open]
        head = _HEAD_BEFORE.search(before, max(0, len(before) - 40))
        cue_type = ""
        cue_end = -1
        for m in _CUE_RE.finditer(before):
            cue_type, cue_end = _cue_type(m), w_start + m.end()
        list_id = -1
        # list continuation: a previous quote of this sentence, separated by a list gap only
        if (
            prev is not None
            and prev[0].open >= s_start
            and prev[0].close < q.open
            and (prev[0].close > cue_end or body.rfind(";", prev[0].close, q.open) > cue_end >= 0)
        ):
            gap = body[prev[0].close + 1 : q.open]
            if (
                prev[1]
                and (len(gap) <= 90 or (";" in gap and len(gap) <= 200))
                and (_LIST_GAP.match(gap) or ";" in gap)
            ):
                cue_type, list_id = prev[1], prev[2]
            else:
                cue_type = ""  # the cue belonged to the earlier quotation
        elif cue_end >= 0 and (
            q.open - cue_end > 160
            or (q.open - cue_end > 60 and not _LIST_INTRO.search(body[cue_end : q.open]))
        ):
            # a far cue only reaches a quotation that a list introduction announces, or an item that
            # opens a ';' item of a list the cue introduced ("các mô hình như: A của X; “B” ở Y")
            between = body[cue_end : q.open]
            if not (q.open - cue_end <= 400 and _LIST_COLON.search(between) and _ITEM_START.search(between)):
                cue_type = ""
        elif cue_end < 0 and _ITEM_START.search(before[-4:] if before else "\n"):
            cue_type = _bullet_list_type(body, s_start)  # "- “Góc sách làng” …" under "Các mô hình:"
        if head and cue_type != "Movement":
            cue_type = "Model"  # an adjacent head word wins over any farther cue
        if head and head.group("head").lower() in ("đề án", "kế hoạch"):
            cue_type = "Resolution"
        key = fold(content)
        if head and key not in known_mov and key not in known_mod:
            with_head = fold(f"{head.group('head')} {content}")
            if with_head in known_mod:
                key = with_head
        cls = ""
        if key in known_mov:
            cls = "Movement"
        elif key in known_mod:
            cls = "Model"
        elif cue_type in ("Movement", "Model") or (cue_type == "Resolution" and head):
            cls = cue_type  # a quotation after "Chỉ thị số … về" is that document's title, not a new one
        if cls and cls != "Resolution" and (len(words) > 28 or (_SPEECH.search(content) and len(words) > 8)):
            cls = ""
        if (
            cls == "Model"
            and not head
            and key not in known_mod
            and content[:1].islower()
            and len(words) <= 3
            and not _ADJACENT_CUE.search(body, max(0, q.open - 30), q.open)
        ):
            cls = ""  # a lower-case word in quotes far from its cue ("được “mua sắm” miễn phí") is not a name
        if not cls and key in typed_names:
            cls = typed_names[key]  # the same quoted name, typed where the text introduced it
        if not cls:
            prev = (q, "", -1)
            continue
        typed_names.setdefault(key, cls)
        if list_id < 0:
            list_counter += 1
            list_id = list_counter
        subtype = ""
        aliases: list[str] = []
        span = (q.open, min(q.close + 1, len(body)))
        method = "rule:quoted-after-cue" if list_id == list_counter else "rule:quoted-list"
        label_start, label_end = inner_start, inner_end
        if head:
            h = head.group("head")
            hl = h.lower()
            if cls == "Model":
                subtype = _CLOSE_HEADS.get(hl, gaz.model_heads.get(hl, ""))
                if hl in ("câu lạc bộ", "clb", "quỹ"):
                    aliases.append(f"{h} {content}")
            elif cls == "Resolution":
                label_start = w_start + head.start("head")
                span = (label_start, span[1])
        if (
            cls == "Model"
            and head
            and head.group("head").lower() in ("chương trình",)
            and _DOC_NAME_HINT.search(content)
        ):
            cls = "Resolution"
            label_start = w_start + head.start("head")
            span = (label_start, span[1])
        if cls == "Resolution":
            word = body[label_start:inner_start].strip(" “").lower()
            subtype = gaz.doc_class_by_word.get(word, "ProgrammeDocument")
            label_end = span[1] if span[1] <= len(body) and body[span[1] - 1] == "”" else inner_end
            aliases.append(content)
        if cls == "Movement":
            subtype = ""
        concept = known_mov.get(key) or known_mod.get(key) or None
        out.append(
            Mention(
                cls=cls,
                start=label_start,
                end=label_end,
                label=body[label_start:label_end],
                method=method,
                confidence=0.9 if concept else 0.8,
                subtype=subtype or (concept.extra if concept and cls == "Model" else ""),
                aliases=aliases,
                concept=concept.id if concept else "",
                span=span,
                list_id=list_id,
                sentence=s_idx,
            )
        )
        prev = (q, cls, list_id)
    return out


# ---------------------------------------------------------------- known unquoted names


def _names_regex(names: list[str], ignore_case: bool = False) -> re.Pattern[str]:
    alts = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])", re.IGNORECASE if ignore_case else 0)


_KNOWN_CACHE: dict[int, tuple[re.Pattern[str], dict[str, tuple[str, Any]]]] = {}


def known_name_mentions(body: str, sentences: list[Sentence], gaz: Gazetteer) -> list[Mention]:
    """Unquoted mentions of catalogued movements and models ("dân vận khéo", "nhà Đại đoàn kết")."""
    cached = _KNOWN_CACHE.get(id(gaz))
    if cached is None:
        table: dict[str, tuple[str, Any]] = {}
        names: list[str] = []
        for c in gaz.movements:
            for v in c.variants:
                if "“" not in v:
                    table[fold(v)] = ("Movement", c)
                    names.append(v)
        for c in gaz.models:
            for v in c.variants:
                if "“" not in v:
                    table[fold(v)] = ("Model", c)
                    names.append(v)
        cached = (_names_regex(names, ignore_case=True), table)
        _KNOWN_CACHE[id(gaz)] = cached
    regex, table = cached
    out = []
    for m in regex.finditer(body):
        cls, concept = table[fold(m.group())]
        text = m.group()
        if body.startswith(" léo", m.end()):
            continue  # "dân vận khéo léo": skilful, not the movement
        if cls == "Model" and text[0].islower() and not any(ch.isupper() for ch in text[1:]):
            continue  # "tết quân dân" in running prose is not the model's name
        out.append(
            Mention(
                cls=cls,
                start=m.start(),
                end=m.end(),
                label=text,
                method="rule:known-name",
                confidence=0.75,
                subtype=concept.extra if cls == "Model" else "",
                concept=concept.id,
                sentence=_sentence_of(sentences, m.start()),
            )
        )
    return out


# ---------------------------------------------------------------- unquoted named models and events

_STOP = (
    r"của|do|đã|được|và|với|tại|ở|trong|cho|là|có|đang|sẽ|cũng|vẫn|nhằm|để|thuộc|năm|trên|hoạt động|"
    r"thu hút|gồm|đi|đến|tới|ngày|hằng|hàng|mỗi|này|đó|luôn|thường|từ|vừa|mới|chính thức|ra mắt"
)
_UNQUOTED_MODEL_RE = re.compile(
    rf"(?<![\w])(?P<head>Câu lạc bộ|CLB|Tổ|Đội|Nhóm|Quỹ) (?P<name>(?!Quốc\b|Công tác\b|Dân phố\b)[{UPPER}][^\W\d_]*(?: (?!(?:{_STOP})\b)[^\W\d_]+){{0,6}})"  # noqa: E501
    rf"(?=[,.;:()“”…!?\n]|$| (?:{_STOP})\b)"
)
# A model introduced by a verb or a cue ("thành lập / duy trì / ra mắt / tổ chức / Tiêu biểu là"), then a head
# word and its name, in lower or upper case: "duy trì 15 Tổ phụ nữ tiết kiệm với ...", "tổ chức phiên chợ
# 0 đồng tại ...", "thành lập CLB dưỡng sinh". The name stops at a function word, a predicate verb, a
# number or punctuation; a small unit with its name ("Tổ hòa giải bản Co Muông") stays in the name.
_INTRO_CUE = (
    r"thành lập|duy trì|ra mắt|xây dựng|tổ chức|triển khai|nhân rộng|vận hành|khai trương|củng cố|"
    r"[Tt]iêu biểu là|[Tt]iêu biểu như|[Đđ]iển hình là|[Đđ]iển hình như|mô hình|có"
)
_INTRO_HEAD = (
    r"Câu lạc bộ|câu lạc bộ|CLB|Tổ|tổ|Đội|đội|Nhóm|nhóm|Phiên chợ|phiên chợ|Chợ|Quỹ|quỹ|Tủ|tủ|Bếp|bếp|"
    r"Mái ấm|mái ấm|Điểm|Hội quán|hội quán|Ngôi nhà|ngôi nhà|Siêu thị|siêu thị|Đội hình|Đoạn đường|Tuyến đường|"  # noqa: E501
    r"Lớp học|Chi hội|Tổ hợp tác|Bếp ăn"
)
_NAME_STOP = (
    _STOP + r"|duy trì|giúp|nhằm|gồm|theo|mỗi|hằng|sinh hoạt|tiếp nhận|phát|thường xuyên|với sự|bước đầu|"
    r"mang lại|góp phần|tạo|nay|hiện|các|những|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|hơn|gần|trên|dưới|"
    r"khoảng|ngay|tiếp tục|thì|mà|nên|khi|sau|trước|bằng|vào|ra|lên|xuống"
)
_SMALL_UNIT = r"(?:bản|thôn|ấp|khu phố|tổ dân phố|buôn|làng|khóm|xóm|tổ) (?:\d+|[A-ZÀ-ỸĐ][^\W\d_]*(?: [A-ZÀ-ỸĐ][^\W\d_]*){0,2})"  # noqa: E501
_INTRO_MODEL_RE = re.compile(
    rf"(?<![\w])(?:{_INTRO_CUE})(?: (?:thêm|mới|được|các|những|\d+|[\d.]+))? (?P<head>{_INTRO_HEAD}) "
    rf"(?P<name>(?!(?:chức|ngũ|viên|trưởng|phó|công tác|dân phố|họp|nhau|ở|học|đầu|cao|tốt|hoạt|tuyên truyền|này|đó|trên|các|những|hình|quân|bay|nhóm)\b)"  # noqa: E501
    rf"(?:0 đồng|ở cơ sở|{_SMALL_UNIT}|(?!(?:{_NAME_STOP}|{_INTRO_CUE})\b)[^\W\d_]+)"
    rf"(?: (?:0 đồng|ở cơ sở|{_SMALL_UNIT}|(?!(?:{_NAME_STOP})\b)[^\W\d_]+)){{0,8}})"
    rf"(?=[,.;:()“”…!?\n]|$| (?:{_NAME_STOP})\b| \d)"
)
_INTRO_NAME = _INTRO_MODEL_RE.pattern[_INTRO_MODEL_RE.pattern.index("(?P<head>") :]
# the next item of a list of introduced models: "duy trì Tủ sách pháp luật, Tủ thuốc nhân đạo"
_NEXT_MODEL_RE = re.compile(rf"(?:, | và |; ){_INTRO_NAME}")
# ", trật tự ở …" after a team's name: a second topic of the same team (up to three lower-case words, then a
# function word or the end of the clause); not a verb, a cue or another head word
_COORD_TOPIC = re.compile(
    rf", (?!(?:{_NAME_STOP}|{_INTRO_CUE}|tổ|đội|nhóm|câu lạc bộ|quỹ|bếp|tủ)\b)[a-zà-ỹđ]+(?: (?!(?:{_NAME_STOP})\b)[a-zà-ỹđ]+){{0,2}}"  # noqa: E501
    rf"(?=[.;:(]| (?:ở|tại|của|do|với|trên|cho)\b)"
)
# an item of a list of models announced with ':' ("nhiều mô hình như: Quỹ khuyến học dòng họ Trần tại …;
# Tổ …") or a bullet line under such an announcement: a capitalised head word and its name
_ITEM_MODEL_RE = re.compile(rf"(?:[:;] |\n[-•+*] )(?=[A-ZĐ]){_INTRO_NAME}")
_MODEL_LIST_CUE = re.compile(r"(?:mô hình|cách làm|câu lạc bộ|CLB)[^.:;\n]{0,80}:", re.IGNORECASE)
_MODEL_WORD_BEFORE = re.compile(r"mô hình\s*$", re.IGNORECASE)
_NEXT_ITEM_RE = re.compile(
    rf"(?:, | và )(?P<name>(?!(?:{_NAME_STOP}|Hội|Đoàn|Ban|Ủy|UBND|Công an|Chi|Các|Những)\b)[A-ZĐÀ-Ỹ][a-zà-ỹđ]+"  # noqa: E501
    rf"(?: (?!(?:{_NAME_STOP})\b)[a-zà-ỹđ]+){{1,5}})(?=[,.;:()…!?\n]|$| và | (?:{_NAME_STOP})\b)"
)
_PURPOSE_TEAM_RE = re.compile(
    r"(?<![\w])(?P<head>Tổ|Đội|Nhóm) (?P<name>(?:[a-zà-ỹđ]+ ){0,4}"
    r"(?:tự quản|xung kích|tình nguyện|thiện nguyện|từ thiện|hòa giải|bảo vệ môi trường))(?![\w])"
)
# A model named by head + lower-case purpose + the place it serves, anywhere ("Tổ hợp tác trồng nấm xã Tân
# Lập", "Chi hội nông dân nghề nghiệp trồng rau màu thôn Đông Hoà"): three name words at least, so that
# "Chi hội phụ nữ thôn A" (an organisation) is not taken.
_PLACED_MODEL_RE = re.compile(
    r"(?<![\w])(?P<head>Tổ hợp tác|Chi hội|Câu lạc bộ|CLB|Tổ|Đội hình|Bếp ăn|Nhóm) "
    rf"(?P<name>(?!(?:{_NAME_STOP})\b)[a-zà-ỹđ]+(?: (?!(?:{_NAME_STOP}|xã|phường|thị trấn|thôn|ấp|bản)\b)[a-zà-ỹđ]+){{2,9}}"  # noqa: E501
    r" (?:xã|phường|thị trấn|thôn|ấp|bản|khu phố|tổ dân phố) (?:\d+|[A-ZÀ-ỸĐ][^\W\d_]*(?: [A-ZÀ-ỸĐ][^\W\d_]*){0,2}))"  # noqa: E501
    r"(?![\w])"
)
_PAREN_MODEL_RE = re.compile(
    r"(?<![\w])(?P<head>Tổ|Đội|Nhóm|Câu lạc bộ|CLB) (?P<name>[a-zà-ỹđ]+(?: [a-zà-ỹđ]+){1,5}) \((?=[A-ZĐ])"
)
_EVENT_RE = re.compile(
    rf"(?:hưởng ứng|phát động|ra quân|tổ chức)(?: (?:phong trào|chương trình|cuộc vận động))? "
    rf"(?P<name>(?:Ngày|Tháng|Tuần) [{UPPER}][^\W\d_]*(?: [^\W\d_]+){{0,3}}?)(?=[,.;:()“”…!?\n]|$| (?:{_STOP})\b)"  # noqa: E501
)
# An unquoted movement name after its cue: "phong trào Toàn dân tham gia bảo vệ …, an ninh … trong tình hình
# mới" (a capitalised first word, up to the end of the clause; commas stay in the name), and a campaign with
# its year ("Chiến dịch Thanh niên tình nguyện hè năm 2025").
_UNQUOTED_MOVEMENT_RE = re.compile(
    r"(?<![\w])(?:phong trào(?: thi đua)?|cuộc vận động) "
    r"(?P<name>(?!(?:Hội|Đoàn|Ban|Mặt|Ủy|Uỷ|UBND|Đảng|Công|Bộ|Sở|Phòng|Chi|Tỉnh|Huyện|Thành|Xã|Phường|Quận|Thị|Trung|Nhà|Trường|Đồn|Hợp|Cựu|Liên|Tổ|Các|Những|Này|Đó)\b)"
    r"[A-ZÀ-ỸĐ][^\W\d_]*(?: (?!(?:do|của|được|đã|đang|sẽ|với|nhằm|góp phần|tại)\b)[^\W\d_]+|, (?=[a-zà-ỹđ])(?!(?:do|của|được|đã|đang|sẽ|với|nhằm|góp phần|tại|đồng thời|qua đó|từ đó|trong đó|giúp|tạo)\b)[^\W\d_]+){3,30})"  # noqa: E501
    r"(?=[.;:()“”…!?\n]|$| (?:do|của|được|đã|đang|sẽ|với|nhằm|góp phần|tại)\b|, )"
)
_CAMPAIGN_RE = re.compile(
    r"(?<![\w])(?P<cue>[Cc]hiến dịch) (?P<name>[A-ZÀ-ỸĐ][^\W\d_]*(?: [^\W\d_]+){0,8} năm \d{4})(?![\w])"
)
_GENERIC_TEAM = re.compile(
    r"^(?:Tổ|Đội|Nhóm) (?:công tác|tuyên truyền|trưởng|phó|viên|dân phố|(?:tự quản|hợp tác|liên kết|sản xuất|tình nguyện|"  # noqa: E501
    r"thanh niên|phụ nữ|nông dân|xung kích|thiện nguyện|từ thiện|hòa giải|bảo vệ)$)",
    re.IGNORECASE,
)


def _introduced_model(body: str, m: re.Match[str], sentences: list[Sentence], gaz: Gazetteer) -> Mention:
    """A model named by a head word and its name (a club/fund head before a capital becomes an alias)."""
    head, h0, e0 = m.group("head"), m.start("head"), m.end("name")
    keep_head = head.lower() not in ("câu lạc bộ", "clb", "quỹ") or not m.group("name")[0].isupper()
    start = h0 if keep_head else m.start("name")
    return Mention(
        "Model",
        start,
        e0,
        body[start:e0],
        "rule:introduced-model",
        0.55,
        subtype=_CLOSE_HEADS.get(head.lower(), gaz.model_heads.get(head.lower(), "")),
        aliases=[] if keep_head else [body[h0:e0]],
        span=(h0, e0),
        sentence=_sentence_of(sentences, h0),
    )


def unquoted_name_mentions(body: str, sentences: list[Sentence], gaz: Gazetteer) -> list[Mention]:
    """Models named without quotes ("CLB Kết nối yêu thương", "Tổ cất nhà từ thiện (Ban ...)") and
    events taken up as movements ("hưởng ứng Ngày Chủ nhật xanh")."""
    out: list[Mention] = []
    taken = SpanSet()
    for rx, method in (
        (_PLACED_MODEL_RE, "rule:placed-model"),
        (_INTRO_MODEL_RE, "rule:introduced-model"),
        (_UNQUOTED_MODEL_RE, "rule:unquoted-model"),
        (_PAREN_MODEL_RE, "rule:unquoted-model-paren"),
        (_PURPOSE_TEAM_RE, "rule:unquoted-team"),
    ):
        for m in rx.finditer(body):
            h0 = m.start("head")
            text = body[h0 : m.end("name")]
            if _GENERIC_TEAM.match(text):
                continue
            if method == "rule:introduced-model" and text[0].islower() and " " not in m.group("name"):
                continue  # "duy trì nhóm Zalo": a lower-case head needs a name of two words or more
            end = m.end("name")
            if method == "rule:introduced-model" and m.group("head").lower() in ("tổ", "đội", "nhóm"):
                more = _COORD_TOPIC.match(body, end)
                if more:  # "Tổ tự quản an ninh, trật tự ở …": a coordinated topic stays in the name
                    end = more.end()
            if not taken.try_add(h0, end):
                continue
            head = m.group("head")
            subtype = _CLOSE_HEADS.get(head.lower(), gaz.model_heads.get(head.lower(), ""))
            # "CLB Kết nối yêu thương" → "Kết nối yêu thương" (alias with the head); a lower-case name
            # needs its head ("phiên chợ 0 đồng", "CLB dưỡng sinh")
            keep_head = head.lower() not in ("câu lạc bộ", "clb", "quỹ") or not m.group("name")[0].isupper()
            start = h0 if keep_head else m.start("name")
            aliases = [] if keep_head else [text]
            out.append(
                Mention(
                    "Model",
                    start,
                    end,
                    body[start:end],
                    method,
                    0.6,
                    subtype=subtype,
                    aliases=aliases,
                    span=(h0, end),
                    sentence=_sentence_of(sentences, h0),
                )
            )
    for m in _ITEM_MODEL_RE.finditer(body):
        h0, e0 = m.start("head"), m.end("name")
        if _GENERIC_TEAM.match(body[h0:e0]) or " " not in body[h0:e0]:
            continue
        line_start = body.rfind("\n", 0, h0) + 1
        if body[m.start()] == "\n":
            ok = _bullet_list_type(body, m.start() + 1) == "Model"
        else:
            s_idx = _sentence_of(sentences, h0)
            s0 = max(sentences[s_idx].start if s_idx >= 0 else 0, line_start, h0 - 400)
            ok = _MODEL_LIST_CUE.search(body, s0, h0) is not None
        if not ok or not taken.try_add(h0, e0):
            continue
        out.append(_introduced_model(body, m, sentences, gaz))
    out.sort(key=lambda x: x.span[0])
    k = 0
    while k < len(out):  # lists of introduced models
        first = out[k]
        k += 1
        if first.method != "rule:introduced-model":
            continue
        nxt = _NEXT_MODEL_RE.match(body, first.span[1])
        if nxt is None and _MODEL_WORD_BEFORE.search(body, max(0, first.span[0] - 12), first.span[0]):
            # "mô hình Tủ thuốc nhân đạo, Lớp học xóa mù chữ": one head word announces the whole list
            item = _NEXT_ITEM_RE.match(body, first.span[1])
            if item and taken.try_add(item.start("name"), item.end("name")):
                out.append(
                    Mention(
                        "Model",
                        item.start("name"),
                        item.end("name"),
                        item.group("name"),
                        "rule:introduced-model",
                        0.5,
                        span=(item.start("name"), item.end("name")),
                        sentence=_sentence_of(sentences, item.start("name")),
                    )
                )
            continue
        if nxt is None or _GENERIC_TEAM.match(body[nxt.start("head") : nxt.end("name")]):
            continue
        h0, e0 = nxt.start("head"), nxt.end("name")
        if (nxt.group("head")[0].islower() and " " not in nxt.group("name")) or not taken.try_add(h0, e0):
            continue
        out.append(_introduced_model(body, nxt, sentences, gaz))
    # a model introduced once ("tổ chức phiên chợ 0 đồng tại …") is named by the same words elsewhere
    # (the headline "Ấm lòng phiên chợ 0 đồng cho bà con nghèo")
    introduced = {m.label: m for m in out if m.method == "rule:introduced-model"}
    if introduced:
        again = re.compile(rf"(?<![\w])(?:{literal_alternation(set(introduced))})(?![\w])")
        for r in again.finditer(body):
            first = introduced.get(r.group())
            if first is not None and taken.try_add(r.start(), r.end()):
                label = r.group()
                out.append(
                    Mention(
                        "Model",
                        r.start(),
                        r.end(),
                        label,
                        "rule:introduced-model-repeat",
                        0.55,
                        subtype=first.subtype,
                        aliases=list(first.aliases),
                        sentence=_sentence_of(sentences, r.start()),
                    )
                )
    for m in _UNQUOTED_MOVEMENT_RE.finditer(body):
        if len(m.group("name").split()) <= 30:
            out.append(
                Mention(
                    "Movement",
                    m.start("name"),
                    m.end("name"),
                    m.group("name"),
                    "rule:unquoted-movement",
                    0.55,
                    sentence=_sentence_of(sentences, m.start("name")),
                )
            )
    for m in _CAMPAIGN_RE.finditer(body):
        out.append(
            Mention(
                "Movement",
                m.start("name"),
                m.end("name"),
                m.group("name"),
                "rule:campaign-year",
                0.55,
                aliases=[body[m.start("cue") : m.end("name")]],
                sentence=_sentence_of(sentences, m.start("name")),
            )
        )
    for m in _EVENT_RE.finditer(body):
        out.append(
            Mention(
                "Movement",
                m.start("name"),
                m.end("name"),
                m.group("name"),
                "rule:event-taken-up",
                0.6,
                sentence=_sentence_of(sentences, m.start("name")),
            )
        )
    return out


# ---------------------------------------------------------------- organisations

_UNIT_WORDS = r"tỉnh|thành phố|TP\.?|huyện|quận|thị xã|TX\.?|xã|phường|thị trấn|thôn|ấp|bản|khóm|buôn|làng|tổ dân phố|khu phố"  # noqa: E501
_UNIT_RE = re.compile(rf"(?P<unit>{_UNIT_WORDS})(?![\w])")
_PLACE_NAME = rf"(?:{NAME_WORD}|\d+[A-Z]?)(?:(?: - | |-){NAME_WORD}){{0,4}}"
_PREFIX_HEADS = (
    "Bộ Chỉ huy",
    "Ban Thường vụ",
    "Ban Thường trực",
    "Thường trực",
    "Ban Chỉ huy",
    "Văn phòng",
    "Ban Chấp hành",
    "Ban Tổ chức",
    "Ban Tuyên giáo",
    "Ủy ban Kiểm tra",
    "Đảng ủy",
    "Đảng bộ",
    "Chi bộ",
    "Ban chỉ đạo",
    "Ban Chỉ đạo",
)
_NEEDS_QUALIFIER = {
    "đảng ủy",
    "đảng bộ",
    "chi bộ",
    "công an",
    "ban thường vụ",
    "ban thường trực",
    "thường trực",
    "ban chỉ huy",
    "văn phòng",
    "ban chấp hành",
    "ban tổ chức",
    "ban tuyên giáo",
    "ủy ban kiểm tra",
    "chi hội phụ nữ",
    "đồn biên phòng",
    "đồn bp",
    "lực lượng vũ trang",
    "llvt",
    "bộ chỉ huy quân sự",
    "bộ chqs",
    "ban chỉ huy quân sự",
    "ban chqs",
    "ca",
    "quân khu",
    "hợp tác xã",
    "htx",
    "bệnh viện",
    "công ty",
    "trường",
    "ban chỉ đạo",
    "bcđ",
    "mặt trận",
    "hội đồng nhân dân",
    "liên đoàn lao động",
    "công đoàn",
    "hội chữ thập đỏ",
    "ban công tác mặt trận",
    "cựu chiến binh",
    "ccb",
    "hội liên hiệp thanh niên",
    "sở",
    "ban tuyên giáo và dân vận",
    "hội người cao tuổi",
    "hội khuyến học",
}
_NAMED_HEADS = {
    "đồn biên phòng": "ArmedForce",
    "đồn bp": "ArmedForce",
    "bệnh viện": "StateAgency",
    "trường": "StateAgency",
    "công ty": "GrassrootsGroup",
    "hợp tác xã": "GrassrootsGroup",
    "htx": "GrassrootsGroup",
    "sở": "StateAgency",
    "bộ": "StateAgency",
    "ban": "PartyBody",
}
_DEPARTMENTS = (
    "Nội vụ|Nông nghiệp và Phát triển nông thôn|Nông nghiệp và Môi trường|Lao động - Thương binh và Xã hội|"
    "Văn hóa - Thể thao và Du lịch|Văn hóa, Thể thao và Du lịch|Văn hóa và Thể thao|Tài chính|Y tế|Giáo dục và Đào tạo|"  # noqa: E501
    "Tư pháp|Công Thương|Xây dựng|Giao thông vận tải|Khoa học và Công nghệ|Thông tin và Truyền thông|"
    "Kế hoạch và Đầu tư|Tài nguyên và Môi trường|Dân tộc và Tôn giáo|Ngoại vụ|Du lịch|Quốc phòng|Công an|"
    "Văn hóa - Thông tin|Văn hóa và Thông tin|Văn hóa, Khoa học và Thông tin|Tài chính - Kế hoạch|Kinh tế|"
    "Kinh tế, Hạ tầng và Đô thị|Văn hóa - Xã hội|Dân tộc|Lao động - Thương binh - Xã hội"
)
_EXTRA_ORG_PATTERNS = [
    (
        rf"Bệnh viện (?:[Đđ]a khoa|[Nn]hi|[Ss]ản - [Nn]hi|[Yy] học cổ truyền|[Pp]hục hồi chức năng)"
        rf"(?: (?:tỉnh|huyện|thành phố|thị xã|khu vực)(?: {NAME_WORD}){{0,3}}| {NAME_WORD}(?: {NAME_WORD}){{0,3}})?",  # noqa: E501
        "StateAgency",
        "relative",
        "benh-vien",
    ),
    (
        rf"Ngân hàng [Cc]hính sách [Xx]ã hội(?: \(NHCSXH\))?(?: (?:tỉnh|huyện|thị xã|thành phố|quận)(?: {NAME_WORD}){{0,3}})?",  # noqa: E501
        "StateAgency",
        "relative",
        "ngan-hang-chinh-sach-xa-hoi",
    ),
    (
        rf"Ban [Cc]ông tác Mặt trận (?:khu dân cư|thôn|ấp|bản|khu phố|tổ dân phố|khóm)(?: {NAME_WORD}| (?:số )?\d+){{0,3}}",  # noqa: E501
        "GrassrootsGroup",
        "relative",
        "ban-cong-tac-mat-tran",
    ),
    (
        rf"(?:Hội đồng [Mm]ục vụ (?:[Gg]iáo xứ|giáo xứ)|[Gg]iáo xứ|[Gg]iáo họ|Chùa|chùa|Tu viện|Thánh thất|Hội thánh|Ban [Tt]rị sự(?: Giáo hội Phật giáo Việt Nam| GHPGVN)?(?: (?:tỉnh|huyện|thành phố|thị xã))?)(?: {NAME_WORD}){{1,3}}",  # noqa: E501
        "GrassrootsGroup",
        "relative",
        "religious-body",
    ),
    (r"Hội đồng [Mm]ục vụ giáo xứ", "GrassrootsGroup", "relative", "hoi-dong-muc-vu"),
    (rf"(?:Sở|Sỡ|Bộ|Phòng) (?:{_DEPARTMENTS})(?![\w])", "StateAgency", "relative", "so"),
    (
        rf"(?:Đồn Biên phòng|Đồn BP|Đồn biên phòng)(?: \([A-ZĐ]+\))? {NAME_WORD}(?: {NAME_WORD}){{0,3}}",
        "ArmedForce",
        "relative",
        "don-bien-phong",
    ),
    (
        rf"(?:Bệnh viện|Trường (?:Tiểu học|Trung học cơ sở|THCS|THPT|Trung học phổ thông|Mầm non|Đại học|Cao đẳng|Phổ thông [Dd]ân tộc (?:nội trú|bán trú)(?: THCS)?)) (?:{NAME_WORD} ?){{1,5}}",  # noqa: E501
        "StateAgency",
        "relative",
        "benh-vien",
    ),
    (
        rf"Công ty (?:cổ phần |TNHH )?(?:[^\W\d_]+ ){{0,3}}(?:{NAME_WORD} ?){{1,4}}",
        "GrassrootsGroup",
        "relative",
        "cong-ty",
    ),
    (
        rf"(?:Hợp tác xã|HTX) (?:[a-zà-ỹđ]+ ){{0,2}}(?:{NAME_WORD} ?){{1,4}}",
        "GrassrootsGroup",
        "relative",
        "hop-tac-xa",
    ),
    (
        r"Ban [Cc]hỉ đạo (?:[a-zà-ỹđ]+ ){0,4}(?:cấp (?:tỉnh|thành phố|huyện|xã)|[Cc]uộc vận động|mô hình|phong trào|(?:các )?[Cc]hương trình mục tiêu quốc gia)",  # noqa: E501
        "SteeringCommittee",
        "relative",
        "ban-chi-dao",
    ),
    (r"Trung tâm [Pp]hục vụ hành chính công", "StateAgency", "relative", "trung-tam-phuc-vu-hanh-chinh-cong"),
    (r"Hội đồng [Tt]hi đua - [Kk]hen thưởng", "Council", "relative", "hoi-dong-thi-dua-khen-thuong"),
    (
        r"Hội đoàn kết sư sãi yêu nước",
        "SocioPoliticalOrganisation",
        "relative",
        "hoi-doan-ket-su-sai-yeu-nuoc",
    ),
    (r"Ban Trị sự Phật giáo Hòa Hảo", "GrassrootsGroup", "relative", "ban-tri-su-phat-giao-hoa-hao"),
    (r"Chi hội [Pp]hụ nữ", "SocioPoliticalOrganisation", "relative", "chi-hoi-phu-nu"),
]


class _OrgMatcher:
    """Compiled organisation heads (catalogue names + abbreviations) and qualifier grammar."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.info: dict[
            str, tuple[str, str, str, str]
        ] = {}  # casefolded name -> (id, class, scope, canonical)
        alts: set[str] = set()
        for row in gaz.org_heads:
            for name in row.names:
                if not name:
                    continue
                self.info.setdefault(name.casefold(), (row.id, row.cls, row.scope, row.label))
                alts |= self._spellings(name)
        for name in _PREFIX_HEADS:
            self.info.setdefault(
                name.casefold(), (fold(name).replace(" ", "-"), "PartyBody", "relative", name)
            )
            alts |= self._spellings(name)
        trie = literal_alternation(alts)
        self.head_re = re.compile(rf"(?<![\w])(?:{trie})(?![\w])")
        self.chain_re = re.compile(rf" ?(?:\((?:[A-ZĐ]{{2,8}})\) ?)?(?:{trie})(?![\w])")
        self.abbr_re = re.compile(r" ?\((?P<abbr>[A-ZĐ][A-ZĐa-z]{1,7})\)")
        self.vn_re = re.compile(r" Việt Nam(?![\w])")
        self.qual_re = re.compile(
            rf" (?P<unit>{_UNIT_WORDS})(?![\w])(?: (?P<name>{_PLACE_NAME}))?| (?P<bare>{_PLACE_NAME})| (?P<tw>Trung ương|TƯ|TW)(?![\w])"  # noqa: E501
        )
        self.extra = [(re.compile(p), cls, scope, oid) for p, cls, scope, oid in _EXTRA_ORG_PATTERNS]

    @staticmethod
    def _spellings(name: str) -> set[str]:
        if name.isupper() or len(name.split()) == 1 or name in _CAPITAL_ONLY:
            out = {name}
        else:
            out = case_variants(name)
        return out | {v.replace(" - ", "-") for v in out if " - " in v}


_TITLE_BEFORE = re.compile(
    r"(?:Chủ tịch|Phó Chủ tịch|Bí thư|Phó Bí thư|Trưởng ban|Phó Trưởng ban|Trưởng|Phó trưởng|Giám đốc|Phó Giám đốc|"  # noqa: E501
    r"Chỉ huy trưởng|Chính trị viên|Thường trực|Ủy viên|Tổng Biên tập|Chánh Văn phòng|Đại diện|đại diện|Trưởng phòng|"  # noqa: E501
    r"Phó Trưởng phòng|Tham mưu trưởng|Phó tham mưu trưởng|Chủ nhiệm|cán bộ|Cán bộ|Phó Chỉ huy trưởng|"
    r"thành lập|kỷ niệm|Kỷ niệm)"
    r"(?: [^\s,.;:()]+){0,2}?,? $"
)
_CAPITAL_ONLY = {
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Thị ủy",
    "Quận ủy",
    "Đảng ủy",
    "Đảng bộ",
    "Chi bộ",
    "Văn phòng",
}
_ORG_MATCHERS: dict[int, _OrgMatcher] = {}
_COMPOUND_BEFORE = re.compile(r"(?i:cán|chi|đảng|toàn) $")


def _org_matcher(gaz: Gazetteer) -> _OrgMatcher:
    m = _ORG_MATCHERS.get(id(gaz))
    if m is None:
        m = _ORG_MATCHERS[id(gaz)] = _OrgMatcher(gaz)
    return m


def organisation_mentions(
    body: str, sentences: list[Sentence], gaz: Gazetteer, is_place: Any
) -> list[Mention]:
    """Organisation names: catalogue heads chained and qualified by a place or a unit word.

    ``is_place(name) -> bool`` tells whether a bare capitalised name after a head is a place
    (only then is it kept as the qualifier, as in "Tỉnh ủy An Giang", "BĐBP An Giang").
    """
    om = _org_matcher(gaz)
    out: list[Mention] = []
    taken = SpanSet()
    candidates: list[tuple[int, int, str, str, str, str]] = []  # start, end, cls, scope, id, method
    for rx, cls, scope, oid in om.extra:
        for m in rx.finditer(body):
            end = m.end()
            while end > m.start() and body[end - 1] == " ":
                end -= 1
            candidates.append((m.start(), end, cls, scope, oid, "rule:org-pattern"))
    pos = 0
    while True:
        m = om.head_re.search(body, pos)
        if m is None:
            break
        pos = m.end()
        if body[m.start()].islower() and _COMPOUND_BEFORE.search(body, max(0, m.start() - 6), m.start()):
            pos = m.start() + 1  # "Cán bộ Công an huyện": "bộ" belongs to "cán bộ"; look again inside
            continue
        candidates.append((m.start(), m.end(), "", "", "", "rule:org-head"))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    for start, end, cls0, scope0, oid0, method in candidates:
        if taken.overlaps(start, end):
            continue
        heads = []
        head_text = body[start:end]
        info = om.info.get(head_text.casefold())
        if info:
            heads.append(info)
        # chain further heads: "Ban Dân vận" + "Tỉnh ủy"; "Ban Chỉ huy" + "BĐBP"
        while True:
            c = om.chain_re.match(body, end)
            if not c or c.start() != end:
                break
            nxt = body[c.start() : c.end()].strip()
            nxt_head = re.sub(r"^\([A-ZĐ]+\)\s*", "", nxt)
            nxt_info = om.info.get(nxt_head.casefold())
            if nxt_info is None:
                break
            heads.append(nxt_info)
            end = c.end()
        a = om.abbr_re.match(body, end)
        if a:
            end = a.end()
        v = om.vn_re.match(body, end)
        if v and heads:
            end = v.end()
        unit = ""
        scope = scope0 or (heads[0][2] if heads else "relative")
        if any(h[2] == "national" for h in heads):
            scope = "national"
        q = om.qual_re.match(body, end)
        qualified = named_place = False
        if q and q.group("unit") and scope == "national" and not any("trung-uong" in h[0] for h in heads):
            scope = "relative"  # "Hội Liên hiệp Phụ nữ Việt Nam huyện X" is the district branch
        if q and scope != "national":
            if q.group("unit"):
                if q.group("name") and is_place(q.group("name"), q.group("unit")):
                    end = q.end()  # a named place: the place recogniser finds it inside the span
                    named_place = True
                else:
                    unit = q.group("unit").rstrip(".")  # a bare unit word: "Hội Nông dân huyện"
                    end = q.end("unit")
                qualified = True
            elif q.group("tw"):
                end = q.end()
                scope = "national"
                qualified = True
            elif q.group("bare") and is_place(q.group("bare"), ""):
                end = q.end()
                qualified = named_place = True
        # a head alone that needs a qualifier ("Đảng ủy", "Công an") is not a specific organisation
        all_heads_text = body[start:end]
        first = (heads[0][3] if heads else head_text).casefold()
        if (
            method == "rule:org-head"
            and not qualified
            and len(heads) <= 1
            and (first in _NEEDS_QUALIFIER or head_text.casefold() in _NEEDS_QUALIFIER)
        ):
            continue
        if (
            heads
            and heads[0][3].casefold() in {p.casefold() for p in _PREFIX_HEADS}
            and len(heads) == 1
            and not qualified
        ):
            continue
        cls = cls0
        if not cls and heads:
            lead = heads[0]
            if lead[3].casefold() in {p.casefold() for p in _PREFIX_HEADS} and len(heads) > 1:
                lead = heads[1]
            cls = lead[1]
        oid = oid0 or (heads[0][0] if heads else "")
        label = all_heads_text
        if taken.overlaps(start, end):
            continue
        taken.add(start, end)
        out.append(
            Mention(
                cls="Organisation",
                start=start,
                end=end,
                label=label,
                method=method,
                confidence=0.85 if qualified or scope == "national" else 0.7,
                subtype=cls,
                concept=oid,
                scope=scope,
                unit=unit,
                extra={
                    "named_place": named_place,
                    "in_title": bool(_TITLE_BEFORE.search(body, max(0, start - 40), start)),
                },
                sentence=_sentence_of(sentences, start),
            )
        )
    return out


# ---------------------------------------------------------------- resolutions

_KIND_WORDS = (
    r"Nghị quyết|Chỉ thị|Kết luận|Quyết định|Kế hoạch|Pháp lệnh|Quy định|Quy chế|Hướng dẫn|Thông tri|Đề án|"
    r"Chương trình hành động|Chương trình|Luật|Công văn|Thông báo|Văn kiện|Nghị định|Thông tư"
)
_CODE = r"\d+[A-Za-z]?(?:/\d{4})?[ ]?[-/][ ]?[A-ZĐ][A-ZĐa-z]*(?:[/-][A-ZĐ0-9][A-ZĐa-z0-9]*)*"
_KIND_ALT = literal_alternation({v for w in _KIND_WORDS.split("|") for v in case_variants(w) | {w.upper()}})
_CODED_RE = re.compile(rf"(?<![\w])(?P<kind>{_KIND_ALT})(?: (?P<so>số))? (?P<code>{_CODE})(?![\w/-])")
_BARE_CODE_RE = re.compile(
    r"(?<![\w/-])(?P<code>\d+[A-Z]?-(?:NQ|CT|KL|QĐ|KH|QC|HD)/[A-ZĐ]+[A-Z0-9]*)(?![\w/-])"
)
_ROMAN = r"[IVXLC]+"
_NAMED_RES = [
    (
        re.compile(
            rf"(?<![\w])[Nn]ghị quyết Đại hội(?: (?:đại biểu )?(?:Đảng bộ|Đảng|Đoàn|Hội)[^,.;:()“”\n]{{0,50}}?(?:khóa|lần thứ|nhiệm kỳ) (?:{_ROMAN}|\d{{4}} - \d{{4}}|\d{{4}}-\d{{4}})| {_ROMAN}(?: của Đảng)?)?(?![\w])"  # noqa: E501
        ),
        "PartyResolution",
        "nghị quyết đại hội",
    ),
    (
        re.compile(
            rf"(?<![\w])[Vv]ăn kiện Đại hội(?: (?:đại biểu )?(?:Đảng bộ|Đảng)[^,.;:()“”\n]{{0,50}}?(?:khóa|lần thứ) {_ROMAN}| {_ROMAN})?(?![\w])"  # noqa: E501
        ),
        "CongressDocument",
        "văn kiện đại hội",
    ),
    (
        re.compile(
            rf"(?<![\w])Luật (?:{NAME_WORD})(?: (?!năm|và|của|được|đã|tại|cho|trong|với|đến|để|theo|là|thì|từ|nhằm|vào|này|đó|nên|khi)[a-zà-ỹđ]+){{0,7}}"  # noqa: E501
        ),
        "Law",
        "luật ",
    ),
    (
        re.compile(r"(?<![\w])[Qq]uy chế (?:thực hiện )?dân chủ (?:ở )?(?:cơ sở|xã|phường)(?![\w])"),
        "Regulation",
        "quy chế",
    ),
    (
        re.compile(
            r"(?<![\w])Quy (?:chế|định) (?:về )?(?:công tác )?dân vận(?: của (?:cả )?hệ thống chính trị)?(?: (?:tỉnh|thành phố|huyện|xã|phường|cơ sở))?(?![\w])"  # noqa: E501
        ),
        "Regulation",
        "quy ",
    ),
    (
        re.compile(
            r"(?<![\w])Pháp lệnh (?:thực hiện )?dân chủ ở (?:cơ sở|xã, phường, thị trấn|xã|phường)(?![\w])"
        ),
        "Law",
        "pháp lệnh",
    ),
    (re.compile(r"(?<![\w])Hiến pháp(?: năm \d{4})?(?![\w])"), "Law", "hiến pháp"),
    (
        re.compile(
            r"(?<![\w])Quyết định (?:thành lập|phê duyệt|ban hành|về việc) (?:[^\s,.;:()“”]+ ){1,7}?(?:cấp (?:tỉnh|thành phố|huyện|xã)|[^\s,.;:()“”]+)(?=[,.;:)]|\s+(?:của|do|năm|ngày)\b)"  # noqa: E501
        ),
        "Decision",
        "quyết định",
    ),
]


def resolution_mentions(body: str, sentences: list[Sentence], gaz: Gazetteer) -> list[Mention]:
    """Party and State documents: coded (25-NQ/TW), named (Nghị quyết Đại hội ...; Luật ...)."""
    out: list[Mention] = []
    taken = SpanSet()
    for m in _CODED_RE.finditer(body):
        kind = m.group("kind")
        code = re.sub(r"\s+", "", m.group("code"))
        cls = gaz.doc_class_by_word.get(kind.lower(), "")
        if not cls:
            suffix = re.split(r"[/-]", code)[1] if re.search(r"[/-]", code) else ""
            cls = gaz.doc_class_by_suffix.get(suffix.upper(), "PartyResolution")
        if not taken.try_add(m.start(), m.end()):
            continue
        out.append(
            Mention(
                "Resolution",
                m.start(),
                m.end(),
                m.group(),
                "rule:document-code",
                0.95,
                subtype=cls,
                extra={"code": code},
                sentence=_sentence_of(sentences, m.start()),
            )
        )
    for m in _BARE_CODE_RE.finditer(body):
        if not taken.try_add(m.start(), m.end()):
            continue
        code = m.group("code")
        suffix = code.split("-")[1].split("/")[0]
        cls = gaz.doc_class_by_suffix.get(suffix, "PartyResolution")
        out.append(
            Mention(
                "Resolution",
                m.start(),
                m.end(),
                code,
                "rule:document-code",
                0.9,
                subtype=cls,
                extra={"code": code},
                sentence=_sentence_of(sentences, m.start()),
            )
        )
    lowered = body.lower()
    for rx, cls, hint in _NAMED_RES:
        if hint not in lowered:
            continue
        for m in rx.finditer(body):
            s, e = _trim_span(body, m.start(), m.end())
            if e <= s or not taken.try_add(s, e):
                continue
            out.append(
                Mention(
                    "Resolution",
                    s,
                    e,
                    body[s:e],
                    "rule:document-name",
                    0.8,
                    subtype=cls,
                    sentence=_sentence_of(sentences, s),
                )
            )
    return out


# ---------------------------------------------------------------- beneficiary groups

_HELP_CUE = re.compile(
    r"hỗ trợ|giúp|tặng|trao|chăm lo|chăm sóc|tạo điều kiện|thăm|quà|xây (?:dựng )?(?:nhà|tặng)|cất nhà|sửa (?:chữa )?nhà|"  # noqa: E501
    r"ủng hộ|thoát nghèo|vươn lên|giảm nghèo|xóa nghèo|cứu trợ|khám|cấp phát|miễn phí|học bổng|sinh kế|cho vay|"  # noqa: E501
    r"mượn vốn|vay vốn|đỡ đầu|bàn giao|sẻ chia|chia sẻ|san sẻ|quan tâm|tri ân|đền ơn|phụng dưỡng|nhường cơm|"
    r"cho các|cho những|cho người|cho hộ|cho gia đình|cho học sinh|cho trẻ|cho bà con|vì người|vì hộ|đến với|tới người|"  # noqa: E501
    r"đối với|dành cho|phục vụ|trợ giúp|bảo trợ|nuôi dưỡng|ưu đãi|chính sách|an sinh|mái ấm|nhà ở|đào tạo nghề|dạy nghề|việc làm|"  # noqa: E501
    r"phần quà|suất quà|tiền mặt|gạo|cắt tóc|bảo hiểm y tế|BHYT",
    re.IGNORECASE,
)


_HELP_BEFORE = re.compile(r"(?:cho|tặng|giúp|vì|tới|đến với|hỗ trợ)(?: các| những| mọi)? $", re.IGNORECASE)


# A helped group is usually a head noun (người, hộ, học sinh, trẻ em, phụ nữ, đồng bào ...) followed by
# qualifiers that say why it is helped (nghèo, có hoàn cảnh khó khăn, neo đơn, mồ côi, bị bạo lực ...):
# "người cao tuổi cô đơn không nơi nương tựa", "phụ nữ đơn thân nuôi con nhỏ", "người bán vé số".
_BEN_HEAD = (
    r"người cao tuổi|người già|người khuyết tật|người lao động|người dân|người bệnh|người|hộ gia đình|hộ|"
    r"gia đình|học sinh, sinh viên|học sinh|sinh viên|trẻ em|trẻ|các em|em nhỏ|thiếu nhi|phụ nữ|chị em|"
    r"đồng bào|bà con|lao động|nạn nhân|con em|cựu chiến binh|thanh niên|bệnh nhân|hội viên|ngư dân|nông dân|"
    r"công nhân|thương binh|cựu thanh niên xung phong"
)
_BEN_QUAL = (
    r"(?:có )?(?:hoàn cảnh (?:đặc biệt )?khó khăn|hoàn cảnh đặc biệt)|(?:thuộc )?(?:hộ )?cận nghèo|(?:thuộc )?hộ nghèo|nghèo vượt khó|"  # noqa: E501
    r"nghèo|khó khăn|neo đơn|cô đơn|không nơi nương tựa|già yếu|ốm đau|khuyết tật|tàn tật|khiếm thị|mồ côi(?: cha| mẹ)?|"  # noqa: E501
    r"đơn thân|nuôi con nhỏ|bị bạo lực(?: gia đình)?|bị xâm hại|bị mua bán|(?:có )?thu nhập thấp|bán vé số|vô gia cư|lang thang|"  # noqa: E501
    r"yếu thế|hiếu học|vượt khó|mắc bệnh hiểm nghèo|bệnh hiểm nghèo|nhiễm chất độc (?:da cam|hóa học)(?:/dioxin)?|"  # noqa: E501
    r"(?:của )?nạn nhân chất độc da cam(?:/dioxin)?|chất độc da cam(?:/dioxin)?|(?:đồng bào )?dân tộc thiểu số|"  # noqa: E501
    r"(?:dân tộc )?(?:Êđê|Ê Đê|Mông|H'Mông|Khmer|Chăm|Thái|Dao|Tày|Nùng|Gia Rai|Jrai|Ba Na|Xơ Đăng|Cơ Tu|Vân Kiều|Pa Kô|Lô Lô|M'nông|Raglai|Hoa)|"  # noqa: E501
    r"(?:của )?(?:gia đình chính sách|người có công)|chính sách|vùng (?:lũ|thiên tai|sâu, vùng xa)|bị ảnh hưởng (?:bởi|do) (?:thiên tai|bão|lũ|dịch)"  # noqa: E501
)
_BEN_GRAMMAR_RE = re.compile(
    rf"(?<![\w])(?P<head>{_BEN_HEAD})(?: và (?:{_BEN_HEAD}))?(?P<quals>(?: (?:{_BEN_QUAL})(?![\w])){{1,4}})",
    re.IGNORECASE,
)
_BEN_NOT_HELPED = re.compile(
    r"(?:vùng|khu vực|địa bàn|vận động|tuyên truyền|tỷ lệ|chiếm [\d,.]+\s*%|có đông)\s*$", re.IGNORECASE
)


_BEN_HEAD_START = re.compile(rf"(?:{_BEN_HEAD})(?![\w])", re.IGNORECASE)


def _grammar_groups(body: str) -> list[tuple[int, int]]:
    out = []
    for m in _BEN_GRAMMAR_RE.finditer(body):
        end = m.end()
        # a comma continues the qualifiers ("neo đơn, không nơi nương tựa") but not a list of groups
        # ("hộ nghèo, hộ cận nghèo": each is matched on its own)
        pos = m.end("head")
        while True:
            cut = body.find(",", pos, end)
            if cut < 0:
                break
            if _BEN_HEAD_START.match(body, cut + 2):
                end = cut
                break
            pos = cut + 1
        out.append((m.start(), end))
    return out


def beneficiary_mentions(body: str, sentences: list[Sentence], gaz: Gazetteer) -> list[Mention]:
    """Population groups (catalogued wordings, or a head noun with qualifiers), where their sentence is
    about helping or serving them."""
    found = []
    for m in gaz.beneficiary_re.finditer(body):
        found.append((m.start(), m.end()))
    found += _grammar_groups(body)
    # keep the longest non-overlapping matches
    found.sort(key=lambda se: (-(se[1] - se[0]), se[0]))
    free = SpanSet()
    chosen = sorted((s, e) for s, e in found if free.try_add(s, e))
    helped: dict[int, bool] = {}
    out = []
    for s, e in chosen:
        s_idx = _sentence_of(sentences, s)
        sent = sentences[s_idx]
        if s_idx not in helped:
            helped[s_idx] = bool(_HELP_CUE.search(sent.text))
        if not helped[s_idx] and not _HELP_BEFORE.search(body, max(0, s - 16), s):
            continue
        text = body[s:e]
        if _BEN_NOT_HELPED.search(body, max(0, s - 20), s):
            continue  # "vùng đồng bào dân tộc thiểu số" is an area; "trong đồng bào" are participants
        concept = gaz.beneficiary_by_variant.get(text.casefold())
        out.append(
            Mention(
                "BeneficiaryGroup",
                s,
                e,
                text,
                "rule:beneficiary-catalogue" if concept else "rule:beneficiary-grammar",
                0.75 if concept else 0.65,
                concept=concept.id if concept else "",
                sentence=s_idx,
            )
        )
    return out


# ---------------------------------------------------------------- programmes and indices

_CAT_CACHE: dict[int, tuple[re.Pattern[str], dict[str, tuple[str, Any]]]] = {}


def catalogue_mentions(body: str, sentences: list[Sentence], gaz: Gazetteer) -> list[Mention]:
    """Programmes (xây dựng nông thôn mới ...) and indices (PAPI, PCI, PAR INDEX, SIPAS)."""
    cached = _CAT_CACHE.get(id(gaz))
    if cached is None:
        table: dict[str, tuple[str, Any]] = {}
        for cls, pool in (("Index", gaz.indices), ("Programme", gaz.programmes)):
            for c in pool:
                for v in c.variants:
                    if v:
                        table.setdefault(v, (cls, c))
        cached = (_names_regex(list(table)), table)
        _CAT_CACHE[id(gaz)] = cached
    rx, table = cached
    out = []
    for m in rx.finditer(body):
        cls, c = table[m.group()]
        out.append(
            Mention(
                cls,
                m.start(),
                m.end(),
                m.group(),
                "rule:catalogue",
                0.8,
                concept=c.id,
                sentence=_sentence_of(sentences, m.start()),
            )
        )
    return out


def sentence_index(sentences: list[Sentence], pos: int) -> int:
    """Index of the sentence holding character ``pos`` (nearest one when between sentences)."""
    return _sentence_of(sentences, pos)


__all__.append("sentence_index")
