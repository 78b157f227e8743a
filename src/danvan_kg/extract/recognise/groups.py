"""Beneficiary groups, programmes and indices.

A helped group is a catalogued wording (``beneficiary_groups.csv``) or a head noun with the
qualifiers that say why it is helped (``beneficiary_head`` + ``beneficiary_qualifier`` in
``lexicon.csv``: "người cao tuổi cô đơn không nơi nương tựa", "hộ phụ nữ có hoàn cảnh khó khăn").
It counts only where its sentence is about helping or serving it (a ``help_cue``), not where it is
an area, the people mobilised, a statistic or a result ("30 hộ thoát nghèo", "tỷ lệ hộ nghèo").
Programmes (xây dựng nông thôn mới …) and indices (PAPI, PCI …) come from their catalogues.
"""

from __future__ import annotations

import re
from functools import lru_cache

from danvan_kg.extract.context import DocContext
from danvan_kg.extract.lexicon import case_variants, lexicon, literal_alternation
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.registry import recogniser

__all__ = ["beneficiary_mentions", "catalogue_mentions", "groups_in_name"]


_BARE_GENERIC_WORDS = (
    "người",
    "hộ",
    "gia đình",
    "hộ gia đình",
    "em",
    "các em",
    "cụ",
    "mẹ",
    "cháu",
    "đối tượng",
    "lao động",
    "người dân",
    "bà con",
    "chị em",
    "đồng bào",
    "trẻ",
    "con em",
    "người lao động",
    "đoàn viên",
    "hội viên",
    "thanh niên",
    "phụ nữ",
)


@lru_cache(maxsize=1)
def _grammar() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    catalogue = {v for c in lex.beneficiaries for name in c.variants for v in case_variants(name)}
    heads = lex.alt("beneficiary_head")
    quals = lex.alt("beneficiary_qualifier", variants=False)
    return {
        "catalogue": re.compile(rf"(?<![\w])(?:{literal_alternation(catalogue)})(?![\w])"),
        "grammar": re.compile(
            rf"(?<![\w])(?P<head>{heads})(?: và (?:{heads}))?(?P<quals>(?:,? (?:{quals})(?![\w])){{1,4}})"
        ),
        "head_start": re.compile(rf"(?:{heads})(?![\w])"),
        "bare": re.compile(
            r"(?<![\w])(?:giúp cho|giúp đỡ|giúp|hỗ trợ cho|hỗ trợ|tặng quà cho|trao quà cho|tặng cho|dành cho"
            r"|chăm lo cho)"
            r"(?: các| những)? "
            rf"(?P<head>{heads})"
            r"(?=\s*(?:[,.;:…)]|và |có |ở |tại |trên |trong |$))"
        ),
        "help": re.compile(rf"(?<![\w])(?:{lex.alt('help_cue')})(?![\w])"),
        "help_before": re.compile(
            r"(?:cho|tặng|giúp|vì|tới|đến với|hỗ trợ|dành cho|đỡ đầu)(?: các| những| mọi| \d+)? $",
            re.IGNORECASE,
        ),
        "not_helped": re.compile(rf"(?<![\w])(?:{lex.alt('not_helped_before')})\s*$|\d[\d.,]*\s*%\s*$"),
        "result_after": re.compile(
            r"\s*(?:thoát nghèo|đã thoát|vươn lên thoát|được công nhận|tham gia|đạt)", re.IGNORECASE
        ),
    }


def _grammar_spans(body: str) -> list[tuple[int, int]]:
    """Head + qualifiers. A comma ends the group: what follows is a group of its own ("hộ nghèo, hộ
    cận nghèo"), or a bare qualifier naming one when the catalogue knows it ("hộ nghèo, cận nghèo")."""
    g = _grammar()
    lex = lexicon()
    out = []
    for m in g["grammar"].finditer(body):
        end = m.end()
        cut = body.find(",", m.end("head"), end)
        if cut >= 0:
            rest = body[cut + 1 : end].strip()
            end = cut
            if rest.casefold() in lex.beneficiary_by_variant:
                out.append((end + len(body[end : m.end()]) - len(body[end : m.end()].lstrip(", ")), m.end()))
        out.append((m.start(), end))
    for m in g["bare"].finditer(body):  # "giúp cho hội viên phụ nữ, …", "tặng quà cho học sinh."
        if m.group("head").casefold() not in _BARE_GENERIC_WORDS:
            out.append((m.start("head"), m.end("head")))
    return out


_NAMED_FOR = re.compile(
    r"(?<![\w])(?:vì|cho|hỗ trợ|giúp|giúp đỡ|tặng|đỡ đầu|nâng bước)(?: các| những)? $", re.IGNORECASE
)


def groups_in_name(name: str) -> list[str]:
    """The helped groups a name states after "vì", "cho", "hỗ trợ" … ("Quỹ hỗ trợ phụ nữ nghèo",
    "Mái ấm cho người nghèo nơi biên giới", "Ngày vì người nghèo"): whom the thing so named serves."""
    g = _grammar()
    spans = [(m.start(), m.end()) for m in g["catalogue"].finditer(name)] + _grammar_spans(name)
    return [name[s:e] for s, e in spans if _NAMED_FOR.search(name, max(0, s - 16), s)]


@recogniser("beneficiary-group", classes=("BeneficiaryGroup",), priority=40)
def beneficiary_mentions(ctx: DocContext) -> list[Mention]:
    """Helped population groups: catalogued wordings, or a head noun with qualifiers, in a
    helping sentence."""
    g = _grammar()
    body = ctx.body
    found = [(m.start(), m.end()) for m in g["catalogue"].finditer(body)] + _grammar_spans(body)
    found.sort(key=lambda se: (-(se[1] - se[0]), se[0]))
    chosen: list[tuple[int, int]] = []
    covered = bytearray(len(body) + 1)
    for s, e in found:  # longest first, no overlaps
        if covered.find(1, s, e) == -1:
            covered[s:e] = b"\x01" * (e - s)
            chosen.append((s, e))
    chosen.sort()
    ends = {e for _s, e in chosen}
    lex = lexicon()
    helped: dict[int, bool] = {}
    out = []
    for s, e in chosen:
        idx = ctx.sentence_of(s)
        sent = ctx.sentence(idx)
        if sent is None:
            continue
        if idx not in helped:
            helped[idx] = bool(g["help"].search(sent.text))
        if not helped[idx] and not g["help_before"].search(body, max(0, s - 16), s):
            continue
        helped_here = g["help_before"].search(body, max(0, s - 16), s)
        apposed = s - 4 in ends and body[s - 4 : s] == " là "  # "hộ nghèo là đồng bào …"
        if (g["not_helped"].search(body, max(0, s - 24), s) and not apposed) or (
            g["result_after"].match(body, e) and not helped_here
        ):
            continue  # "cho đồng bào … vươn lên thoát nghèo" is help, "30 hộ thoát nghèo" a result
        text = body[s:e]
        concept = lex.beneficiary_by_variant.get(text.casefold())
        if not concept and re.match(r"[Nn]gười [A-ZĐÀ-Ỹ]", text):
            continue  # "người Khmer", "người Mông": a person's people, not a helped group
        out.append(
            Mention(
                "BeneficiaryGroup",
                s,
                e,
                text,
                "rule:beneficiary-catalogue" if concept else "rule:beneficiary-grammar",
                0.75 if concept else 0.65,
                concept=concept.id if concept else "",
                sentence=idx,
                priority=40,
            )
        )
    return out


@lru_cache(maxsize=1)
def _catalogue() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    lex = lexicon()
    table: dict[str, tuple[str, str]] = {}
    for cls, pool in (("Index", lex.indices), ("Programme", lex.programmes)):
        for c in pool:
            for v in c.variants:
                if v:
                    table.setdefault(v, (cls, c.id))
    return re.compile(rf"(?<![\w])(?:{literal_alternation(set(table))})(?![\w])"), table


@recogniser("programme-index", classes=("Programme", "Index"), priority=30)
def catalogue_mentions(ctx: DocContext) -> list[Mention]:
    """Programmes (xây dựng nông thôn mới …) and indices (PAPI, PCI, PAR INDEX, SIPAS)."""
    rx, table = _catalogue()
    out = []
    for m in rx.finditer(ctx.body):
        cls, cid = table[m.group()]
        out.append(
            Mention(
                cls,
                m.start(),
                m.end(),
                m.group(),
                "rule:catalogue",
                0.8,
                concept=cid,
                sentence=ctx.sentence_of(m.start()),
                priority=30,
            )
        )
    return out
