"""Party and State documents (the ``Resolution`` class), named as texts of this genre name them:

* a kind word and a code: "Nghị quyết số 25-NQ/TW", "Chương trình hành động số 61-CTr/TU", or the code
  alone ("25-NQ/TW"); a kind and a number: "Chỉ thị 30", "Đề án 02", "Kế hoạch số 15";
* a plenum or a congress: "Nghị quyết Trung ương 7 khóa XIII", "Nghị quyết Hội nghị Trung ương 4 (khóa
  XI)", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI", "Văn kiện Đại hội XIII";
* a kind and a capitalised title ("Luật Thực hiện dân chủ ở cơ sở", "Quy chế dân vận") or a subject
  after "về" ("Nghị quyết về công tác dân vận");
* a catalogued document in any case ("quy chế dân chủ ở cơ sở"; ``documents.csv``).

Kind words, their classes and code suffixes are data (``document_kinds.csv``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from danvan_kg.extract.context import DocContext
from danvan_kg.extract.lexicon import NAME_WORD, case_variants, known_key, lexicon, literal_alternation
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.registry import recogniser

__all__ = ["document_mentions"]

_CODE = r"\d+[A-Za-z]?(?:/\d{4})?[ ]?[-/][ ]?[A-ZĐ][A-ZĐa-z]*(?:[/-][A-ZĐ0-9][A-ZĐa-z0-9]*)*"
_ROMAN = r"[IVXLC]+"
_TITLE_STOP = (
    r"của|do|đã|được|đang|sẽ|nhằm|để|là|có|này|đó|thì|mà|khi|theo|tại|từ|ngày|cũng|vẫn|và các|cùng|với sự|"
    r"trong đó|giai đoạn|nên|vì|bằng|qua|sau|trước|thông qua|ban hành|triển khai|thực hiện|tổ chức|"
    r"đề ra|nêu|xác định|ghi rõ"
)


@lru_cache(maxsize=1)
def _grammar() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    kinds = [r["label_vi"] for r in lex.document_kinds]
    kind_alt = literal_alternation({v for k in kinds for v in case_variants(k)} | {k.upper() for k in kinds})
    cap_kind_alt = literal_alternation({k[0].upper() + k[1:] for k in kinds})
    known = literal_alternation(
        {v for c in lex.documents for name in c.variants for v in case_variants(name)}
    )
    return {
        "coded": re.compile(rf"(?<![\w])(?P<kind>{kind_alt})(?: (?:số|Số))? (?P<code>{_CODE})(?![\w/-])"),
        "numbered": re.compile(
            rf"(?<![\w])(?P<kind>{cap_kind_alt}|{kind_alt}(?= số))(?: (?:số|Số))? (?P<num>\d{{1,4}}[a-z]?)(?![\w/-])"  # noqa: E501
        ),
        "bare_code": re.compile(
            r"(?<![\w/-])(?P<code>\d+[A-Z]?-(?:NQ|CT|KL|QĐ|KH|QC|HD|CTr|ĐA|TB)/[A-ZĐ]+[A-Z0-9]*)(?![\w/-])"
        ),
        "plenum": re.compile(
            rf"(?<![\w])(?P<kind>{kind_alt}) (?:(?:của )?Hội nghị )?(?:lần thứ )?(?:Trung ương|TW|TƯ) (?:lần thứ )?\d{{1,2}}"  # noqa: E501
            rf"(?:,? \(?[Kk]hóa {_ROMAN}\)?)?"
        ),
        "congress": re.compile(
            rf"(?<![\w])(?P<kind>[Nn]ghị quyết|[Vv]ăn kiện|NQ) Đại hội(?: (?:đại biểu )?(?:Đảng bộ|Đảng|Đoàn|Hội|toàn quốc)"  # noqa: E501
            rf"[^,.;:()“”\n]{{0,60}}?(?:khóa|lần thứ|nhiệm kỳ) (?:{_ROMAN}|\d{{4}} ?- ?\d{{4}})| {_ROMAN}(?: của Đảng)?| (?:đại biểu )?toàn quốc lần thứ {_ROMAN})?(?![\w])"  # noqa: E501
        ),
        "titled": re.compile(
            rf"(?<![\w])(?P<kind>{cap_kind_alt}) (?P<title>{NAME_WORD}(?: (?!(?:{_TITLE_STOP})(?![\w]))[^\W\d_]+| năm \d{{4}}){{1,9}})"  # noqa: E501
        ),
        "about": re.compile(
            rf"(?<![\w])(?P<kind>{cap_kind_alt}) (?P<title>về (?:việc )?[^\W\d_]+(?: (?!(?:{_TITLE_STOP})(?![\w]))[^\W\d_]+){{1,10}})"  # noqa: E501
        ),
        "known": re.compile(rf"(?<![\w])(?:{known})(?![\w])"),
        "law": re.compile(
            rf"(?<![\w])(?P<kind>Luật) (?!(?:quy định|yêu cầu|nêu|ghi|có|được|đã|nói|là|này|đó|mới)(?![\w]))(?P<title>(?:sửa đổi, bổ sung (?:một số điều của )?(?:các )?Luật )?[a-zà-ỹđ]+(?: (?!(?:{_TITLE_STOP})(?![\w]))[a-zà-ỹđ]+){{1,9}})"  # noqa: E501
        ),
    }


_LOCALITY = re.compile(
    rf"(?: của hệ thống chính trị)? (?:tỉnh|huyện|xã|thành phố|phường|thị xã|quận)(?: {NAME_WORD}(?: {NAME_WORD}){{0,3}})?(?![\w])"  # noqa: E501
)
_SUBJECT = re.compile(
    r"(?:,? ngày \d{1,2}[/-]\d{1,2}[/-]\d{4}(?: của [^,.;:()]{3,60}?)?)?,? về (?:việc )?[^.;:()\n“”]{3,160}?(?=[.;:()\n]|, (?:[A-ZĐ]|đã|các|nhằm|góp|qua|từ)|$)"  # noqa: E501
)


def _mention(
    ctx: DocContext,
    start: int,
    end: int,
    method: str,
    conf: float,
    cls: str,
    concept: str = "",
    **extra: object,
) -> Mention:
    return Mention(
        "Resolution",
        start,
        end,
        ctx.body[start:end],
        method,
        conf,
        subtype=cls,
        concept=concept,
        extra=dict(extra),
        sentence=ctx.sentence_of(start),
        priority=90,
    )


def _class_of(kind: str, code: str = "") -> str:
    lex = lexicon()
    cls = lex.document_class(kind)
    if not cls and code:
        parts = re.split(r"[/-]", code)
        cls = lex.doc_class_by_suffix.get(parts[1].upper() if len(parts) > 1 else "", "")
    return cls or "PartyResolution"


@recogniser("document-grammar", classes=("Resolution",), priority=90)
def document_mentions(ctx: DocContext) -> list[Mention]:
    """Documents with a code, a number, a plenum or congress, a title or a catalogued name."""
    g = _grammar()
    out = _coded(ctx, g) + _numbered(ctx, g) + _known_documents(ctx, g) + _titled(ctx, g)
    for x in out:  # "Quy chế … của hệ thống chính trị huyện": the locality the document is of
        if x.method in ("rule:document-known", "rule:document-title", "rule:document-about"):
            q = _LOCALITY.match(ctx.body, x.end)
            if q:
                x.end = q.end()
                x.label = ctx.body[x.start : x.end]
                x.span = (x.span[0], max(x.span[1], x.end))
    return out


def _coded(ctx: DocContext, g: dict[str, re.Pattern[str]]) -> list[Mention]:
    """Documents with a code ("Nghị quyết số 25-NQ/TW", "25-NQ/TW")."""
    body = ctx.body
    out: list[Mention] = []
    for m in g["coded"].finditer(body):
        code = re.sub(r"\s+", "", m.group("code"))
        x = _mention(
            ctx, m.start(), m.end(), "rule:document-code", 0.95, _class_of(m.group("kind"), code), code=code
        )
        subject = _SUBJECT.match(body, m.end())
        if (
            subject
        ):  # "Chỉ thị số 30-CT/TW về … quy chế dân chủ ở cơ sở": what the title names is not annotated
            x.span = (m.start(), subject.end())
        out.append(x)
    for m in g["bare_code"].finditer(body):
        code = m.group("code")
        out.append(
            _mention(ctx, m.start(), m.end(), "rule:document-code", 0.9, _class_of("", code), code=code)
        )
    return out


def _numbered(ctx: DocContext, g: dict[str, re.Pattern[str]]) -> list[Mention]:
    """Documents by number, plenum or congress ("Nghị quyết 12", "Nghị quyết Trung ương 5")."""
    body = ctx.body
    out: list[Mention] = []
    for m in g["numbered"].finditer(body):
        kind = m.group("kind")
        out.append(
            _mention(
                ctx,
                m.start(),
                m.end(),
                "rule:document-number",
                0.8,
                _class_of(kind),
                code=f"{kind.lower()} {m.group('num')}",
            )
        )
    for m in g["plenum"].finditer(body):
        out.append(
            _mention(ctx, m.start(), m.end(), "rule:document-plenum", 0.85, _class_of(m.group("kind")))
        )
    for m in g["congress"].finditer(body):
        cls = "CongressDocument" if m.group("kind").lower().startswith("văn") else "PartyResolution"
        out.append(_mention(ctx, m.start(), m.end(), "rule:document-congress", 0.85, cls))
    return out


def _known_documents(ctx: DocContext, g: dict[str, re.Pattern[str]]) -> list[Mention]:
    """Documents of the catalogue named without a code ("Quy chế dân chủ ở cơ sở")."""
    lex = lexicon()
    out: list[Mention] = []
    for m in g["known"].finditer(ctx.body):
        concept = next(
            (c for c in lex.documents if known_key(m.group()) in {known_key(v) for v in c.variants}), None
        )
        if concept is not None:
            out.append(
                _mention(
                    ctx,
                    m.start(),
                    m.end(),
                    "rule:document-known",
                    0.9,
                    concept.extra or "Regulation",
                    concept=concept.id,
                )
            )
    return out


def _titled(ctx: DocContext, g: dict[str, re.Pattern[str]]) -> list[Mention]:
    """Documents by their title, their subject ("Kế hoạch về …") or a law's name, not ending on a
    function word ("Luật … và")."""
    body = ctx.body
    out: list[Mention] = []
    for rx, method in (
        (g["titled"], "rule:document-title"),
        (g["about"], "rule:document-about"),
        (g["law"], "rule:document-law"),
    ):
        for m in rx.finditer(body):
            end = m.end()
            while True:
                cut = re.search(r" (?:và|của|cho|với|các|những|về)$", body[m.start() : end])
                if not cut:
                    break
                end = m.start() + cut.start()
            if len(body[m.start() : end].split()) >= 3:
                out.append(_mention(ctx, m.start(), end, method, 0.7, _class_of(m.group("kind"))))
    return out
