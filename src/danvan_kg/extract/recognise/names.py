"""Movements and models: how texts of this genre name them.

* A quotation typed by what governs it — an attached cue word (``movement_cue``: phong trào, cuộc vận
  động, phát động …; ``model_cue``: mô hình, cách làm …; a model head: câu lạc bộ, tổ, quỹ, phiên chợ …;
  a document kind: đề án, kế hoạch …), the list it belongs to ("các mô hình như: “A”, “B” và “C”"), its
  own first word when that is a model head (“Bếp cơm sẻ chia”), the catalogue, the same name typed
  elsewhere in the text, or a sibling coordinated with a typed model ("… còn duy trì “B” và “C”").
  A quotation governed by a slogan, event or speech cue (tinh thần, cuộc thi, cho biết …), a title
  a household earns (“Gia đình văn hóa”), a sentence, or a quotation cut off by the end of the text is
  no name.
* Unquoted: a capitalised name after a model cue, the items of a list of models ("mô hình A, B và C",
  "… nhiều mô hình. Đó là A; B; C", numbered or bulleted lines under "… mô hình …:"), a head with its
  purpose ("Tổ công nghệ số cộng đồng", "CLB Nông dân với internet", "Minh Tâm Hội quán"), and a
  capitalised movement name after its cue ("phong trào Toàn dân bảo vệ an ninh Tổ quốc").
* Catalogued movements and models in any case (``movements.csv``, ``models.csv``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from danvan_kg.extract.context import DocContext, Quote
from danvan_kg.extract.lexicon import NAME_WORD, UPPER, case_variants, known_key, lexicon, literal_alternation
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.registry import recogniser

__all__ = ["catalogue_names", "quoted_names", "unquoted_names"]

_MAX_WORDS = 28
_SPEECH = re.compile(r"[.!?]\s+\S|[!?]$")
_DOC_HINT = re.compile(r"giai đoạn|đến năm|năm \d{4}|\d{4}\s*-\s*\d{4}|nhiệm kỳ", re.IGNORECASE)
_TRIM = " \t\n.,;:…-"


@lru_cache(maxsize=1)
def _grammar() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    kinds = {v for r in lex.document_kinds for v in case_variants(r["label_vi"])}
    head_not = lex.alt("head_not", variants=False)
    return {
        "cue": re.compile(
            rf"(?<![\w])(?:(?P<mov>{lex.alt('movement_cue')})|(?P<doc>{literal_alternation(kinds)})|"
            rf"(?P<head>(?!(?:{head_not})(?![\w])){lex.model_head_alt})|(?P<mod>{lex.alt('model_cue')})|"
            rf"(?P<slo>{lex.alt('slogan_cue')})|(?P<evt>{lex.alt('event_cue')})|(?P<spk>{lex.alt('speech_cue')}))(?![\w])"
        ),
        "modifier": re.compile(
            rf"^(?: (?:{lex.alt('model_modifier', variants=False)}|[a-zà-ỹđ]+)){{1,4}} ?$"
        ),
        "verbs": re.compile(
            rf"(?<![\w])(?:{lex.alt('run_cue', variants=False)}|{lex.alt('name_verb', variants=False)})(?![\w])"  # noqa: E501
        ),
        "list_intro": re.compile(rf"(?:(?<![\w])(?:{lex.alt('list_intro')}))?\s*:?\s*$"),
        "list_gap": re.compile(
            rf"^\s*(?:(?:ấp|thôn|bản|xóm|khóm|khu phố|tổ dân phố|xã|phường|thị trấn) (?:\d+|{NAME_WORD}(?: {NAME_WORD}){{0,3}})\s*)?"  # noqa: E501
            rf"(?:[,;/]|và|hoặc|cùng|cùng với)?\s*(?:(?:và|hoặc)\s*)?(?:(?:{lex.alt('model_cue')}|{lex.model_head_alt})\s*)?$",  # noqa: E501
            re.IGNORECASE,
        ),
        "sibling_gap": re.compile(rf"(?<![\w])(?:{lex.alt('run_verb_sibling', variants=False)})(?![\w])"),
        "head_in_quote": re.compile(rf"(?:{lex.model_head_alt})(?![\w])", re.IGNORECASE),
        "head_not": re.compile(rf"(?:{head_not})(?![\w])", re.IGNORECASE),
        "title": re.compile(rf"^(?:{lex.alt('title_name', variants=False)})$", re.IGNORECASE),
        "adjacent_cue": re.compile(
            rf"(?:(?P<mov>{lex.alt('movement_cue')})|{lex.alt('model_cue')}|{lex.model_head_alt})\s*$"
        ),
    }


@dataclass(slots=True)
class _Typed:
    quote: Quote
    cls: str  # "" when the quotation is no name
    list_id: int
    list_type: str = ""  # the type a list this quotation belongs to gives its next items


def _trim(body: str, a: int, b: int) -> tuple[int, int]:
    while a < b and body[a] in _TRIM:
        a += 1
    while b > a and body[b - 1] in _TRIM:
        b -= 1
    return a, b


def _cue_role(m: re.Match[str]) -> str:
    for role in ("mov", "doc", "head", "mod", "slo", "evt", "spk"):
        if m.group(role):
            return role
    return ""


def _attached(ctx: DocContext, cue_end: int, q_open: int) -> bool:
    """Whether the cue ending at ``cue_end`` governs the quotation opening at ``q_open``: adjacent, or
    across a short modifier ("mô hình dân vận khéo “X”"), a list opener ("các mô hình tiêu biểu như:
    “A”") or into an item of the list it announces ("nhiều mô hình, như: ORG với “A”; “B” của ORG")."""
    g = _grammar()
    gap = ctx.body[cue_end:q_open]
    if not gap.strip():
        return True
    if len(gap) <= 40 and "," not in gap and g["modifier"].match(gap) and not g["verbs"].search(gap):
        return True
    if (
        len(gap) <= 140
        and "." not in gap
        and "“" not in gap
        and (
            gap.rstrip().endswith(":")
            or re.search(r"(?<![\w])(?:như|gồm|là|tiêu biểu|điển hình|bao gồm)\s*:?\s*$", gap)
        )
    ):
        return True
    colon = gap.find(":")
    if 0 <= colon <= 60 and len(gap) <= 700 and "." not in gap:
        item = gap[max(gap.rfind(";"), colon) + 1 :]
        if len(item) <= 70 and "“" not in item:
            return True
    return False


def _known(text: str) -> tuple[str, str] | None:
    hit = lexicon().known_names.get(known_key(text))
    return (hit[0], hit[1].id) if hit else None


_BULLET = re.compile(r"[ \t]*(?:[-•+*]|\d{1,2}[.)])[ \t]+$")
_INTRO_LINE = re.compile(r"(?:mô hình|cách làm|câu lạc bộ|CLB|việc làm)[^\n]{0,120}:\s*$", re.IGNORECASE)


def _bullet_of_models(body: str, q_open: int) -> bool:
    """Whether the quotation opens a bullet line of a list that a line ending with ':' announces as models."""
    line_start = body.rfind("\n", max(0, q_open - 200), q_open) + 1
    if not _BULLET.fullmatch(body, line_start, q_open):
        return False
    k = line_start - 1
    for _ in range(15):  # back over the other bullet lines to the introduction
        if k <= 0:
            return False
        prev_start = body.rfind("\n", max(0, k - 400), k) + 1
        line = body[prev_start:k]
        if line.strip() and not re.match(r"[ \t]*(?:[-•+*]|\d{1,2}[.)])[ \t]", line):
            return bool(_INTRO_LINE.search(line))
        k = prev_start - 1
    return False


_ROLE_TYPE = {"mov": "Movement", "mod": "Model", "head": "Model"}


def _type_quotes(ctx: DocContext) -> list[_Typed]:
    """Type every quotation of the document, in three passes: what governs it (cues, lists, heads,
    catalogue), names typed elsewhere in the text and siblings of typed models, then the cue that
    follows ("“A”, “B” là những mô hình …"). Typed quotations get a list number (``list_id``)."""
    counter = itertools.count(1)
    typed = _typed_by_cues(ctx, counter)
    _typed_by_siblings(ctx, typed, counter)
    _typed_by_following_cue(ctx, typed, counter)
    return typed


def _typed_by_cues(ctx: DocContext, counter: Iterator[int]) -> list[_Typed]:
    """First pass: the cue that governs each quotation, the list it continues, heads, the catalogue."""
    g = _grammar()
    body = ctx.body
    typed: list[_Typed] = []
    prev: _Typed | None = None
    for q in ctx.quotes:
        a, b = _trim(body, q.open + 1, q.close)
        content = body[a:b]
        s0, _ = ctx.sentence_span(q.open)
        cue = _governing_cue(ctx, g, q)
        role = _cue_role(cue) if cue else ""
        attached = cue is not None and _attached(ctx, cue.end(), q.open)
        list_type, list_id = _list_of(ctx, g, q, s0, prev, cue, role, attached, content)
        head_word = cue.group("head") if cue is not None and role == "head" and attached else ""
        known = _known(content) or (_known(f"{head_word} {content}") if head_word else None)
        cls = _class_by_cue(ctx, g, q, s0, content, list_type, known)
        words = content.split()
        if cls in ("Movement", "Model") and (
            len(words) > _MAX_WORDS or (_SPEECH.search(content) and len(words) > 8)
        ):
            cls = ""
        if cls == "Model" and not attached and list_id < 0 and content[:1].islower() and len(words) <= 3:
            cls = ""  # scare quotes ("được “mua sắm” miễn phí")
        if (cls or list_type) and list_id < 0:
            list_id = next(counter)
        prev = _Typed(q, cls, list_id, list_type or (cls if cls in ("Model", "Movement") else ""))
        typed.append(prev)
    return typed


def _governing_cue(ctx: DocContext, g: dict[str, re.Pattern[str]], q: Quote) -> re.Match[str] | None:
    """The last cue before a quotation in its sentence (within 300 characters, or 700 when it announces
    a list with ':'); a cue inside an earlier quotation governs nothing."""
    body = ctx.body
    s0, _ = ctx.sentence_span(q.open)
    cue = None
    for cm in g["cue"].finditer(body, max(s0, q.open - 700), q.open):
        inner = ctx.quote_around(cm.start(), cm.end())
        if inner is not None and inner.close < q.open:
            continue  # "Bữa cơm" inside an earlier “Bữa cơm cho em” governs nothing
        if cm.start() >= q.open - 300 or body.find(":", cm.end(), min(q.open, cm.end() + 60)) >= 0:
            cue = cm  # a far cue counts only when it announces a list (":")
    return cue


def _list_of(
    ctx: DocContext,
    g: dict[str, re.Pattern[str]],
    q: Quote,
    s0: int,
    prev: _Typed | None,
    cue: re.Match[str] | None,
    role: str,
    attached: bool,
    content: str,
) -> tuple[str, int]:
    """The type a quotation's list gives it ("-" for slogans, events and speech) and the list's
    number: a cue attached to it starts a list; without a new cue it continues the previous one."""
    body = ctx.body
    in_list = (
        prev is not None
        and prev.list_type
        and prev.quote.open >= s0
        and prev.quote.close < q.open
        and bool(g["list_gap"].match(body[prev.quote.close + 1 : q.open]))
    )
    new_cue = cue is not None and prev is not None and cue.start() > prev.quote.close
    if attached and (not in_list or new_cue):
        if role in ("slo", "evt", "spk"):
            return "-", -1
        if role == "doc":
            kind = cue.group("doc").lower()  # type: ignore[union-attr]
            return ("Model" if kind == "chương trình" and not _DOC_HINT.search(content) else "Resolution"), -1
        return _ROLE_TYPE.get(role, ""), -1
    if in_list:
        return prev.list_type, prev.list_id  # type: ignore[union-attr]
    return "", -1


def _class_by_cue(
    ctx: DocContext,
    g: dict[str, re.Pattern[str]],
    q: Quote,
    s0: int,
    content: str,
    list_type: str,
    known: tuple[str, str] | None,
) -> str:
    """The class of a quotation from the catalogue, its list, a model head inside it, a bullet under a
    list of models, or the next ';' item of a list of models."""
    body = ctx.body
    if not content or g["title"].match(content):
        return ""
    if known:
        return known[0]
    if list_type:
        return "" if list_type == "-" else list_type
    if g["head_in_quote"].match(content) and not g["head_not"].match(content):
        return "Model"  # “Bếp cơm sẻ chia”
    if _bullet_of_models(body, q.open):
        return "Model"  # "- “Đèn đường tự quản” do …" under "Các mô hình tiêu biểu:"
    if body[max(s0, q.open - 2) : q.open] == "; " and re.search(
        rf"(?<![\w])(?:{lexicon().alt('model_cue')})(?![\w])", body[max(s0, q.open - 300) : q.open]
    ):
        return "Model"  # the next ';' item of a list of models ("…; mô hình Tổ X ở xã A; “Bát canh nghĩa tình” do …")  # noqa: E501
    return ""


def _typed_by_siblings(ctx: DocContext, typed: list[_Typed], counter: Iterator[int]) -> None:
    """Second pass: a quotation named as a movement or model elsewhere in the text is one here too,
    and one right after a typed model in its sentence ("“A”, “B” và “C”") is its sibling, unless a
    slogan, event or speech cue governs it."""
    g = _grammar()
    body = ctx.body
    by_name: dict[str, str] = {}
    for t in typed:
        if t.cls in ("Movement", "Model"):
            a, b = _trim(body, t.quote.open + 1, t.quote.close)
            by_name.setdefault(known_key(body[a:b]), t.cls)
    for i, t in enumerate(typed):
        if t.cls:
            continue
        a, b = _trim(body, t.quote.open + 1, t.quote.close)
        content = body[a:b]
        if not content or g["title"].match(content) or len(content.split()) > _MAX_WORDS:
            continue
        if _not_a_name_cue(ctx, g, t.quote):
            continue
        if known_key(content) in by_name:
            t.cls = by_name[known_key(content)]
        elif _sibling_of_model(ctx, g, typed, i):
            t.cls = "Model"
        if t.cls:
            t.list_id = next(counter)


def _not_a_name_cue(ctx: DocContext, g: dict[str, re.Pattern[str]], q: Quote) -> bool:
    """Whether the last cue before the quotation (within 300 characters of its sentence) is a slogan,
    event or speech cue attached to it."""
    s0, _ = ctx.sentence_span(q.open)
    cue = None
    for cm in g["cue"].finditer(ctx.body, max(s0, q.open - 300), q.open):
        cue = cm
    return cue is not None and _cue_role(cue) in ("slo", "evt", "spk") and _attached(ctx, cue.end(), q.open)


def _sibling_of_model(ctx: DocContext, g: dict[str, re.Pattern[str]], typed: list[_Typed], i: int) -> bool:
    """One of the two quotations before is a model of the same sentence, with a list gap between."""
    body = ctx.body
    q = typed[i].quote
    s0, _ = ctx.sentence_span(q.open)
    for j in (i - 1, i - 2):
        if j < 0:
            return False
        p = typed[j]
        gap = body[p.quote.close + 1 : q.open]
        if (
            p.cls == "Model"
            and p.quote.open >= s0
            and len(gap) <= 160
            and g["sibling_gap"].search(gap)
            and "." not in gap
        ):
            return True
    return False


def _typed_by_following_cue(ctx: DocContext, typed: list[_Typed], counter: Iterator[int]) -> None:
    """Third pass: names typed by the cue that follows them ("“A”, “B” là những mô hình …"), and the
    quotations listed just before such a name."""
    g = _grammar()
    body = ctx.body
    follower: _Typed | None = None  # the quotation after this one, when the cue after it typed it
    for t in reversed(typed):
        cue_after = _CUE_AFTER.match(body[t.quote.close + 1 : t.quote.close + 80])
        typed_here = False
        if not t.cls and cue_after:
            t.cls = "Movement" if cue_after.group("kind").lower() in _MOVEMENT_KINDS else "Model"
            typed_here = True
        elif (
            not t.cls
            and follower is not None
            and g["list_gap"].match(body[t.quote.close + 1 : follower.quote.open])
        ):
            t.cls, t.list_id = follower.cls, follower.list_id
            typed_here = True
        if t.cls and t.list_id < 0:
            t.list_id = next(counter)
        follower = t if typed_here else None


_MOVEMENT_KINDS = frozenset({"phong trào", "cuộc vận động"})
_EDITION = re.compile(
    r"\s+(?:năm \d{4}|giai đoạn \d{4}\s*-\s*\d{4}|\d{4}\s*-\s*\d{4}|lần thứ [\w]+)$", re.IGNORECASE
)
_CUE_AFTER = re.compile(
    r"^[\s,.…]*(?:đều |cũng |chính |chỉ )?là (?:những |các |một |hai |ba |bốn |năm |\d+ )?"
    r"(?P<kind>mô hình|phong trào|cuộc vận động|câu lạc bộ|cách làm)(?![\w])",
    re.IGNORECASE,
)


@recogniser("quoted-name", classes=("Movement", "Model", "Resolution"), priority=85)
def quoted_names(ctx: DocContext) -> list[Mention]:
    """Quotations that name a movement, a model or a document's title, typed by what governs them."""
    g = _grammar()
    body = ctx.body
    out: list[Mention] = []
    for t in _type_quotes(ctx):
        if not t.cls:
            continue
        q = t.quote
        a, b = _trim(body, q.open + 1, q.close)
        content = body[a:b]
        s0, _ = ctx.sentence_span(q.open)
        before = body[max(s0, q.open - 40) : q.open]
        adj = g["adjacent_cue"].search(before)
        aliases: list[str] = []
        span = (q.open, q.close + 1)
        start, end = a, b
        subtype = ""
        known = _known(content)
        edition = _EDITION.search(content) if t.cls in ("Model", "Movement") and not known else None
        if edition and (_known(content[: edition.start()]) or ("", ""))[0] == "Movement":
            # "điển hình “Dân vận khéo năm 2025”": a year's round of a catalogued movement is the movement
            t.cls, b = "Movement", a + edition.start()
            content, start, end = body[a:b], a, b
            known = _known(content)
        if t.cls == "Model":
            head = re.search(rf"(?:{lexicon().model_head_alt})\s*$", before)
            if head:
                h = lexicon().model_head_by_word.get(head.group().strip().casefold())
                subtype = h.cls if h else ""
                aliases.append(f"{head.group().strip()} {content}")
                known = known or _known(aliases[-1])
            else:
                first = g["head_in_quote"].match(content)
                h = lexicon().model_head_by_word.get(first.group().casefold()) if first else None
                subtype = h.cls if h else ""
        elif t.cls == "Resolution":
            kind = re.search(r"(?<![\w])\S+(?: \S+)?\s*$", before)
            k = re.search(
                rf"(?:{literal_alternation({v for r in lexicon().document_kinds for v in case_variants(r['label_vi'])})})\s*$",  # noqa: E501
                before,
            )
            if k:
                start = q.open - len(before) + k.start()
                end = q.close + 1
                span = (start, end)
                subtype = lexicon().document_class(k.group().strip()) or "ProgrammeDocument"
                aliases.append(content)
            del kind
        out.append(
            Mention(
                t.cls,
                start,
                end,
                body[start:end],
                "rule:quoted-name" if adj or t.list_id < 0 else "rule:quoted-list",
                0.9 if known else 0.8,
                subtype=subtype,
                aliases=aliases,
                concept=known[1] if known and known[0] == t.cls else "",
                span=span,
                list_id=t.list_id,
                sentence=ctx.sentence_of(q.open),
                priority=85,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------- unquoted


@lru_cache(maxsize=1)
def _unquoted() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    lex.alt("name_stop", variants=False)
    lex.alt("head_not", variants=False)
    return {
        # "mô hình Gắn camera ở các khu dân cư", "các mô hình như: Tủ sách pháp luật, Lớp học …"
        "after_cue": re.compile(
            rf"(?<![\w])(?:{lex.alt('model_cue')})(?: (?:{lex.alt('model_modifier', variants=False)}))?"
            rf"(?:[ \t]*(?:{lex.alt('list_intro')}))?(?:[ \t]*:\s*|[ \t]+)(?=[{UPPER}])"
        ),  # a cue ending a heading line ("Nhiều mô hình sáng tạo") opens no list in the next paragraph
        "sentence_intro": re.compile(
            rf"^\W*(?:{lex.alt('list_intro_sentence', variants=False)})\s*:?\s+(?=[{UPPER}])"
        ),
        "plural_models": re.compile(
            r"(?:nhiều|các|những|\d+)\s+(?:mô hình|cách làm|câu lạc bộ|CLB)", re.IGNORECASE
        ),
        "item_end": re.compile(r"[.;:!?()“”\n]|…|\.\.\.|, (?=[" + UPPER + r"])| và (?=[" + UPPER + r"])"),
        "runner_tail": re.compile(
            rf" (?:của|do|bởi|tại)\s+(?=[{UPPER}]|(?:{lex.org_head_alt}))| (?:cho|để|nhằm) (?=[a-zà-ỹđ])"
        ),
        "movement": re.compile(
            rf"(?<![\w])(?:{lex.alt('movement_cue')}) (?P<name>(?!(?:{lex.org_head_alt})(?![\w]))[{UPPER}][^\W\d_]*"  # noqa: E501
            rf"(?: (?!(?:do|của|được|đã|đang|sẽ|với|nhằm|góp phần|tại|trên|và các|từ|năm)(?![\w]))[^\W_]+"
            rf"|, (?=[a-zà-ỹđ])(?!(?:do|của|được|đã|đang|sẽ|với|nhằm|góp phần|tại|đồng thời|qua đó|từ đó|trong đó|giúp|tạo|các|những|trong|nhất là)(?![\w]))[^\W\d_]+){{2,30}}(?: năm \d{{4}})?)"  # noqa: E501
        ),
        "bullet": re.compile(
            r"^[ \t]*(?:[-•+*]|\d{1,2}[.)])[ \t]+(?P<name>[^:\n]{3,160}?)(?=:|\.|$)", re.MULTILINE
        ),
    }


@lru_cache(maxsize=1)
def _org_head_re() -> re.Pattern[str]:
    return re.compile(rf"(?:{lexicon().org_head_alt})(?![\w])")


def _org_at(body: str, pos: int) -> bool:
    m = _org_head_re().match(body, pos)
    return bool(m and body[pos].isupper())


_MAX_ITEM = 240


def _item_end(ctx: DocContext, start: int, limit: int) -> int:
    """Where a list item starting at ``start`` ends (a name is never longer than ``_MAX_ITEM``)."""
    stop = min(limit, start + _MAX_ITEM)
    m = _unquoted()["item_end"].search(ctx.body, start, stop)
    return m.start() if m else stop


_NOT_A_NAME = re.compile(
    r"\d+ (?:thành viên|hộ|người|hội viên)|^(?:[A-ZĐ]{2,}\b|Trung tá|Thượng tá|Thiếu tá|Đại tá|Đồng chí|Ông|Bà|Anh|Chị)"  # noqa: E501
)


def _model(
    ctx: DocContext, a: int, b: int, method: str, conf: float, list_id: int = -1, **kw: object
) -> Mention | None:
    """An unquoted model name on [a, b), or None when the words are no plausible name: one word, a
    leading abbreviation or person's title, an organisation's name, a count of members."""
    body = ctx.body
    a, b = _trim(body, a, b)
    text = body[a:b]
    words = text.split()
    if not words or len(words) > 25 or not (text[0].isupper() or text[0].isdigit()):
        return None
    if len(words) < 2 or _NOT_A_NAME.search(text) or _org_at(body, a):
        return None
    if b >= len(body.rstrip()) - 1:
        return None  # runs into the end of a cut text
    return Mention(
        "Model", a, b, text, method, conf, list_id=list_id, sentence=ctx.sentence_of(a), priority=63, **kw
    )  # type: ignore[arg-type]


_TAIL_PLACE = re.compile(
    rf"(?<![\w])(?P<unit>xã|phường|thị trấn|thôn|ấp|bản|xóm|huyện|quận) (?P<name>{NAME_WORD}(?: {NAME_WORD}){{0,3}}|\d+)$"  # noqa: E501
)


def _tail_place(ctx: DocContext, m: Mention) -> Mention | None:
    """A place closing an unquoted model's name ("Câu lạc bộ … xã Bản Lầu"): where the model is."""
    from danvan_kg.extract.recognise.places import place_mention

    t = _TAIL_PLACE.search(m.label)
    if not t:
        return None
    p = place_mention(
        ctx,
        m.start + t.start(),
        m.start + t.end(),
        t.group("unit"),
        t.group("name"),
        "rule:place-in-model",
        0.75,
    )
    if p is not None:
        p.extra["in_org"] = True
        p.priority = 61
    return p


def _list_items(ctx: DocContext, start: int, clause_end: int, method: str, list_id: int) -> list[Mention]:
    """Items of an unquoted list of models from ``start``: separated by ", " or " và " before a
    capital, or by ";" while the next item starts with a capital."""
    body = ctx.body
    out = []
    pos = start
    while pos < clause_end:
        end = _item_end(ctx, pos, clause_end)
        if end - pos >= _MAX_ITEM:
            break  # no separator in reach: not a list of names
        tail = _unquoted()["runner_tail"].search(body, pos, end)
        stop = tail.start() if tail else end
        m = _model(ctx, pos, stop, method, 0.6, list_id)
        if m is not None and not body.startswith("“", pos):
            out.append(m)
        if end >= clause_end or body[end] in ".!?\n…(“”" or body.startswith("...", end):
            break
        nxt = end + 1
        while nxt < len(body) and body[nxt] in " ,;:":
            nxt += 1
        if body.startswith("và ", nxt):
            nxt += 3
        if nxt >= len(body) or not (body[nxt].isupper() or body[nxt].isdigit()):
            break
        if body[end] == ":":
            break
        pos = nxt
    return out


@lru_cache(maxsize=1)
def _headed_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = lexicon().model_head_alt
    return (
        re.compile(rf"^(?:{heads})(?![\w])|(?<![\w])(?:{heads})$", re.IGNORECASE),
        re.compile(r" (?:được|đã|đang|sẽ|không chỉ|đưa|gắn kết|là)(?![\w])"),
    )


def _headed_name(text: str) -> bool:
    """An unquoted name after a bare cue is taken only when it opens or closes with a model head
    ("Khu dân cư tự quản …", "Nông Tân Hội quán") and holds no predicate: on unseen articles the rest
    were mostly the clause that follows the cue ("mô hình Cập nhật …", "… được tổ chức rộng khắp")."""
    head, predicate = _headed_re()
    return bool(head.search(text)) and not predicate.search(text)


def _after_cue_lists(ctx: DocContext, list_id: int) -> tuple[list[Mention], int]:
    """Names after a model cue ("mô hình Gắn camera …", "các mô hình như: A, B"), kept when they open or
    close with a model head. Returns them and the last list number used."""
    u = _unquoted()
    body = ctx.body
    out: list[Mention] = []
    done = 0
    for m in u["after_cue"].finditer(body):
        if m.start() < done or ctx.inside_quote(m.start(), m.end()):
            continue  # inside a list already read
        s = ctx.sentence(ctx.sentence_of(m.end()))
        if s is None or body.startswith("“", m.end()):
            continue
        list_id += 1
        items = [
            x
            for x in _list_items(ctx, m.end(), s.end, "rule:unquoted-after-cue", list_id)
            if _headed_name(x.label)
        ]
        out += items
        done = max([done] + [x.end for x in items])
    return out, list_id


def _sentence_lists(ctx: DocContext, list_id: int) -> tuple[list[Mention], int]:
    """A sentence that lists the models the previous one announces ("… nhiều mô hình hay. Đó là A, B")."""
    u = _unquoted()
    out: list[Mention] = []
    for i, s in enumerate(ctx.sentences):
        intro = u["sentence_intro"].match(s.text)
        if not intro or i == 0:
            continue
        prev = ctx.sentences[i - 1]
        if not u["plural_models"].search(prev.text) or prev.paragraph != s.paragraph:
            continue
        list_id += 1
        out += _list_items(ctx, s.start + intro.end(), s.end, "rule:unquoted-list-sentence", list_id)
    return out, list_id


def _bullet_models(ctx: DocContext, list_id: int) -> list[Mention]:
    """Bullet lines under a line that announces models and ends with ':' ("Các mô hình tiêu biểu:")."""
    body = ctx.body
    out: list[Mention] = []
    for m in _unquoted()["bullet"].finditer(body):
        if not _announced_models(body, m.start()):
            continue
        x = _model(ctx, m.start("name"), m.end("name"), "rule:unquoted-bullet", 0.6, list_id)
        if x is not None and not body.startswith("“", x.start - 1):
            out.append(x)
    return out


def _announced_models(body: str, line_start: int) -> bool:
    """Whether the line above a run of bullet lines (up to 15 up) announces models and ends with ':'."""
    prev_end = body.rfind("\n", 0, line_start)
    intro_line = body[body.rfind("\n", 0, max(0, prev_end)) + 1 : max(0, prev_end)]
    k = prev_end
    hops = 0
    while re.match(r"[ \t]*(?:[-•+*]|\d{1,2}[.)])[ \t]", intro_line) and hops < 15:
        k = body.rfind("\n", 0, k)
        intro_line = body[body.rfind("\n", 0, max(0, k)) + 1 : max(0, k)]
        hops += 1
    return bool(
        re.search(r"mô hình|cách làm|câu lạc bộ|CLB|việc làm", intro_line, re.IGNORECASE)
        and intro_line.rstrip().endswith(":")
    )


@recogniser("unquoted-model-list", classes=("Model",), priority=60)
def unquoted_names(ctx: DocContext) -> list[Mention]:
    """Unquoted models: names after a model cue, items of announced lists, heads with their purpose."""
    out, list_id = _after_cue_lists(ctx, 10_000)
    sentence_items, list_id = _sentence_lists(ctx, list_id)
    out += sentence_items + _bullet_models(ctx, list_id)
    out += [p for p in (_tail_place(ctx, x) for x in list(out)) if p is not None]
    return out


_EVENT = re.compile(
    rf"(?:[Hh]ưởng ứng|[Pp]hát động|[Tt]ổ chức|[Rr]a quân|[Tt]riển khai)(?: (?:phong trào|chương trình|cuộc vận động|chiến dịch))? "  # noqa: E501
    rf"(?P<name>(?:Ngày|Tháng|Tuần|Chiến dịch|Năm) [{UPPER}][^\W\d_]*(?: [^\W\d_]+){{0,5}}?(?: năm \d{{4}})?)(?=[,.;:()“”…!?\n]|$| (?:của|do|năm|tại|với|trên|nhằm|để)(?![\w]))"  # noqa: E501
)


@recogniser("event-taken-up", classes=("Movement",), priority=57)
def events(ctx: DocContext) -> list[Mention]:
    """A named day, month or campaign taken up or launched ("hưởng ứng Ngày Chủ nhật xanh")."""
    out = []
    for m in _EVENT.finditer(ctx.body):
        if not ctx.inside_quote(m.start(), m.end()):
            out.append(
                Mention(
                    "Movement",
                    m.start("name"),
                    m.end("name"),
                    m.group("name"),
                    "rule:event",
                    0.6,
                    sentence=ctx.sentence_of(m.start("name")),
                    priority=57,
                )
            )
    return out


@recogniser("unquoted-movement", classes=("Movement",), priority=58)
def unquoted_movements(ctx: DocContext) -> list[Mention]:
    """A capitalised movement name after its cue ("phong trào Toàn dân bảo vệ an ninh Tổ quốc")."""
    out = []
    for m in _unquoted()["movement"].finditer(ctx.body):
        if ctx.inside_quote(m.start(), m.end()):
            continue
        a, b = _trim(ctx.body, m.start("name"), m.end("name"))
        name = ctx.body[a:b]
        if len(name.split()) < 3 or len(name.split()) > 30:
            continue
        out.append(
            Mention(
                "Movement",
                a,
                b,
                name,
                "rule:unquoted-movement",
                0.6,
                sentence=ctx.sentence_of(a),
                priority=58,
            )
        )
    return out


@lru_cache(maxsize=1)
def _catalogue_re() -> re.Pattern[str]:
    """Catalogued names on a loose key: any case, any punctuation or spacing between their words
    ("học tập và làm theo tư tưởng đạo đức phong cách Hồ Chí Minh")."""
    lex = lexicon()
    alts = set()
    for c in lex.movements + lex.models:
        for name in c.variants:
            words = re.findall(r"[^\W_]+", name)
            if words:
                alts.add(r"\W{1,3}".join(re.escape(w) for w in words))
    return re.compile(rf"(?<![\w])(?i:{'|'.join(sorted(alts, key=len, reverse=True))})(?![\w])")


@recogniser("catalogue-name", classes=("Movement", "Model"), priority=61)
def catalogue_names(ctx: DocContext) -> list[Mention]:
    """Catalogued movements and models named without quotes, in any case ("dân vận khéo")."""
    out = []
    body = ctx.body
    for m in _catalogue_re().finditer(body):
        if body.startswith(" léo", m.end()):
            continue  # "khéo léo": skilful, not the movement
        hit = lexicon().known_names.get(known_key(m.group()))
        if hit is None:
            continue
        cls, concept = hit
        out.append(
            Mention(
                cls,
                m.start(),
                m.end(),
                m.group(),
                "rule:catalogue-name",
                0.75,
                subtype=concept.extra if cls == "Model" else "",
                concept=concept.id,
                sentence=ctx.sentence_of(m.start()),
                priority=61,  # below a longer headed name that extends it ("Quỹ khuyến học dòng họ Trần")
            )
        )
    return out
