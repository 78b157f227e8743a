"""Places: how texts of this genre name administrative units and regions.

* a unit word and a name ("huyện Ba Chẽ", "xã Tân Thuận Đông", "TP. Cần Thơ", "phường 3",
  "tổ dân phố số 5"); a province only when the name is one; a person's name after a unit word
  ("Trưởng ấp Nguyễn Văn A") is no place;
* a province, region or country named bare ("Đồng Tháp", "Tây Nguyên"), and the nicknames articles
  use ("Đất Sen hồng");
* names coordinated after a (plural) unit word ("các xã A, B và C", "liên ấp A - B"), and a unit in
  parentheses after another ("xã A (huyện B)", "xã A (B)") when the gazetteer knows the name;
* district names of the provinces the article names, without a unit word ("An Phú").

Places named inside an organisation's name are found by the organisation recogniser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from danvan_kg.extract.admin import admin_gazetteer, canonical_unit, level_of, longest_known
from danvan_kg.extract.context import DocContext
from danvan_kg.extract.lexicon import NAME_WORD, lexicon, literal_alternation
from danvan_kg.extract.mention import Mention
from danvan_kg.extract.registry import recogniser

__all__ = ["looks_like_person", "place_mention", "valid_place_name"]

_SURNAMES = frozenset(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Trương",
        "Lương",
        "Mai",
        "Tô",
        "Lâm",
        "Trịnh",
        "Cao",
        "Hà",
        "Thái",
        "Tạ",
        "Châu",
        "Quách",
        "La",
        "Lưu",
        "Kiều",
        "Đàm",
        "Vương",
        "Chu",
        "Mạc",
        "Hứa",
        "Triệu",
        "Thân",
        "Doãn",
        "Khổng",
        "Tăng",
        "Lò",
        "Y",
        "Rơ",
        "H",
        "Ksor",
        "Siu",
        "Rah",
        "Nay",
        "Rmah",
        "Kpă",
        "Đinh",
        "Lục",
        "Sầm",
        "Hoàng",
        "Giàng",
        "Sùng",
        "Vàng",
        "Thào",
        "Mùa",
        "Lầu",
        "Hầu",
        "Cà",
        "Quàng",
    ]
)
_ETHNIC_GIVEN = frozenset({"Ksor", "Siu", "Rah", "Nay", "Rmah", "Kpă", "Y", "H", "Rơ", "Đinh"})
_MIDDLE = frozenset(
    [
        "Văn",
        "Thị",
        "Hữu",
        "Đức",
        "Minh",
        "Thanh",
        "Quang",
        "Ngọc",
        "Xuân",
        "Thu",
        "Hồng",
        "Công",
        "Đình",
        "Kim",
        "Bá",
    ]
)
_NAME = rf"{NAME_WORD}(?:(?: - | |-){NAME_WORD}){{0,4}}"
_NUMBER_NAME = r"(?:số )?\d+[A-Z]?(?:[A-Z]|\b)"
_MIXED_NAME = r"[A-ZĐ][a-zA-Zà-ỹđ']*(?: [A-ZĐ0-9][\wà-ỹđ']*){0,3}"


def looks_like_person(name: str) -> bool:
    """ "Nguyễn Hoài Anh": three or more syllables starting with a common surname or middle name."""
    words = name.split()
    return len(words) >= 3 and (words[0] in _SURNAMES or words[1] in _MIDDLE)


def cut_person(name: str) -> str:
    """A place name with a person's name run into it cut off: "Hàm Hiệp Nguyễn Văn A" → "Hàm Hiệp"."""
    words = name.split()
    for i in range(1, len(words) - 1):
        if words[i] in _SURNAMES and (
            words[i + 1] in _MIDDLE or (i + 2 < len(words) and words[i + 1][:1].isupper())
        ):
            return " ".join(words[:i])
    return name


def valid_place_name(name: str) -> bool:
    """Rejects abbreviations ("xã NTM") and person names after a unit word."""
    if name[:1].isdigit() or name.startswith("số "):
        return True
    if all(not ch.isalpha() or ch.isupper() for ch in name) and len(name.replace(" ", "")) <= 5:
        return False
    return not looks_like_person(name)


@lru_cache(maxsize=1)
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    units = lex.alt("place_unit", variants=False)
    unit_re = re.compile(
        rf"(?<![\w])(?P<unit>{units})(?![\w]) ?(?P<name>{_NAME}|{_NUMBER_NAME}|{_MIXED_NAME})"
    )
    gaz = admin_gazetteer()
    bare = set(gaz.provinces) - {"Hồ Chí Minh", "Thành phố Hồ Chí Minh"}
    bare |= set(lex.words("region")) | set(lex.words("place_nickname"))
    bare_re = re.compile(rf"(?<![\w])(?:{literal_alternation(bare)})(?![\w])(?! {NAME_WORD})")
    plural_re = re.compile(
        rf"(?<![\w])(?:[Cc]ác|[Nn]hững|[Hh]ai|[Bb]a|[Bb]ốn|[Nn]ăm|\d+|[Ll]iên) (?P<unit>xã|phường|thị trấn|huyện|"  # noqa: E501
        rf"quận|thị xã|thôn|ấp|bản|tỉnh|khu phố|buôn|làng|xóm|khóm) (?P<first>{_NAME})"
        rf"(?P<rest>(?:(?:, | và | - |-){_NAME})+)"
    )
    paren_re = re.compile(rf"\((?P<name>{_NAME})\)")
    return unit_re, bare_re, plural_re, paren_re


def _trim_name(name: str, unit: str) -> str:
    """Cut trailing capitalised words that are not part of a known province or district name."""
    known = _known_prefix(name.split(" "), canonical_unit(unit))
    if known is not None:
        return known
    words = name.split(" ")
    while len(words) > 1 and len(words[-1]) == 1:  # "làng Ksor H": a cut-off initial
        words.pop()
    return cut_person(" ".join(words[:4]))


def _known_prefix(words: list[str], u: str) -> str | None:
    """The longest leading words that the gazetteer knows as a unit of the level ``u`` names (a
    province, then a district, then a commune of two words or more), tried in that order."""
    gaz = admin_gazetteer()
    name = " ".join(words)
    tables: list[tuple[Callable[[str], bool], int]] = []
    if u == "tỉnh" or (u == "thành phố" and gaz.province(name) is None):
        tables.append((lambda c: bool(gaz.province(c)) or (u == "thành phố" and c in gaz.districts), 1))
    if u in ("huyện", "quận", "thị xã", "thành phố"):
        tables.append((lambda c: c in gaz.districts, 1))
    if u in ("xã", "phường", "thị trấn"):
        tables.append((lambda c: c in gaz.wards, 2))
    for known, fewest in tables:
        found = longest_known(words, known, fewest)
        if found is not None:
            return found
    return None


def place_mention(
    ctx: DocContext, start: int, end: int, unit: str, name: str, method: str, conf: float, **extra: object
) -> Mention | None:
    """A place mention with its level and canonical name, or None when it is not a plausible place."""
    gaz = admin_gazetteer()
    level = level_of(unit, name) if unit else str(extra.pop("level", "province"))
    province = gaz.province(name) if level == "province" else None
    if level == "province" and not province and unit:
        return None  # "tỉnh Ủy ...", "thành phố văn minh"
    return Mention(
        "Place",
        start,
        end,
        ctx.body[start:end],
        method,
        conf,
        unit=canonical_unit(unit) if unit else "",
        concept=province or name,
        extra={"level": level, "name": province or name, **extra},
        sentence=ctx.sentence_of(start),
        priority=50,
    )


_NAMED_DAY = re.compile(
    r"(?<![\w])(?:Ngày|Tháng|Tuần lễ|Tuần|Giải|Cúp|Hội thi|Liên hoan|Hội Phụ nữ|Hội LHPN|Mặt trận|MTTQ|Ủy ban MTTQ)(?: [^\s,.;:()“”]+){0,6} $"  # noqa: E501
)
_TITLE_BEFORE = re.compile(
    r"(?:[Tt]rưởng|[Bb]í thư|[Cc]hi hội trưởng|[Tt]ổ trưởng|[Gg]ià làng|[Ôô]ng|[Bb]à|[Aa]nh|[Cc]hị) $"
)


def _no_unit_place(body: str, m: re.Match[str], cu: str, level: str, numbered: bool) -> bool:
    """A unit word and a name that are no place: "xã 3" (a commune has no number; "phường 3", "khu phố
    2" do), "nông thôn" (countryside), "xã Nông thôn mới" (a title), "làng Ksor H'…" (a person), "Tổ
    Nhân dân tự quản" (a model), "khu Đông" (too vague)."""
    name = m.group("name")
    if numbered and level not in ("hamlet", "ward"):
        return True
    if cu == "thôn" and body[max(0, m.start() - 5) : m.start()].lower().endswith("nông "):
        return True
    if name.startswith(("Nông thôn", "Nông Thôn")) or (
        level == "hamlet" and name.split()[0] in _ETHNIC_GIVEN
    ):
        return True
    return cu in ("tổ", "khu") and not numbered


@recogniser("place-unit-word", classes=("Place",), priority=50)
def unit_word_places(ctx: DocContext) -> list[Mention]:
    """A unit word and a name ("huyện Ba Chẽ", "TP. Cần Thơ", "phường 3", "tổ dân phố số 5")."""
    unit_re = _regexes()[0]
    body = ctx.body
    nicknames = tuple(lexicon().words("place_nickname"))
    out = []
    for m in unit_re.finditer(body):
        if body.startswith(nicknames, m.start()):
            continue  # "TP HCM": a nickname, the bare-name recogniser takes it
        unit, name = m.group("unit"), m.group("name")
        level = level_of(unit, name)
        numbered = name[:1].isdigit() or name.startswith("số ")
        if _no_unit_place(body, m, canonical_unit(unit), level, numbered):
            continue
        if not numbered:
            name = _trim_name(name, unit)
            if not admin_gazetteer().province(name) and not valid_place_name(name):
                continue
            if (
                level == "hamlet"
                and _TITLE_BEFORE.search(body, max(0, m.start() - 12), m.start())
                and looks_like_person(name)
            ):
                continue
        start, end = m.start(), m.start("name") + len(name)
        p = place_mention(ctx, start, end, unit, name, "rule:place-unit-word", 0.9)
        if p is not None:
            out.append(p)
    return out


@recogniser("place-bare-name", classes=("Place",), priority=45)
def bare_places(ctx: DocContext) -> list[Mention]:
    """A province, region, country or nickname named without a unit word ("Đồng Tháp", "Tây Nguyên")."""
    lex = lexicon()
    gaz = admin_gazetteer()
    bare_re = _regexes()[1]
    regions = {w: lex.value("region", w) for w in lex.words("region")}
    nicknames = {w: lex.value("place_nickname", w) for w in lex.words("place_nickname")}
    out = []
    body = ctx.body
    for m in bare_re.finditer(body):
        text = m.group()
        before = body[max(0, m.start() - 14) : m.start()].split()
        if before and (before[-1] in _SURNAMES or before[-1] in _MIDDLE) and text not in regions:
            continue  # "Nguyễn Thái Bình" is a person
        if text == "Việt Nam" and _NAMED_DAY.search(body, max(0, m.start() - 60), m.start()):
            continue  # "Ngày Thảm họa da cam Việt Nam": part of the name of a day
        if text in nicknames:
            level, name, method = (
                "province",
                gaz.province(nicknames[text]) or nicknames[text],
                "rule:place-nickname",
            )
        elif text in regions:
            level, name, method = regions[text], text, "rule:place-region"
        else:
            level, name, method = "province", gaz.province(text) or text, "rule:place-name"
        out.append(
            Mention(
                "Place",
                m.start(),
                m.end(),
                text,
                method,
                0.8,
                concept=name,
                extra={"level": level, "name": name, "nickname": text in nicknames},
                sentence=ctx.sentence_of(m.start()),
                priority=45,
            )
        )
    return out


@recogniser("place-coordinated", classes=("Place",), priority=48)
def coordinated_places(ctx: DocContext) -> list[Mention]:
    """Names coordinated after a plural unit word: "các xã A, B và C", "hai xã A và B", "liên ấp A - B"."""
    plural_re = _regexes()[2]
    out = []
    for m in plural_re.finditer(ctx.body):
        unit = m.group("unit")
        for n in re.finditer(_NAME, ctx.body[m.start("first") : m.end()]):
            a, b = m.start("first") + n.start(), m.start("first") + n.end()
            name = n.group()
            if not valid_place_name(name):
                continue
            p = place_mention(ctx, a, b, unit, name, "rule:place-coordinated", 0.75)
            if p is not None:
                out.append(p)
    return out


@recogniser("place-in-parentheses", classes=("Place",), priority=47)
def parenthesised_places(ctx: DocContext) -> list[Mention]:
    """A district or province in parentheses after a place ("xã Khánh Phú (Yên Khánh)")."""
    gaz = admin_gazetteer()
    paren_re = _regexes()[3]
    out = []
    body = ctx.body
    for m in paren_re.finditer(body):
        name = m.group("name")
        before = body[max(0, m.start() - 40) : m.start()]
        if not re.search(r"(?:xã|phường|thị trấn|huyện|thôn|ấp|bản|[A-ZĐ][^\W\d_]*) ?$", before):
            continue
        if gaz.province(name):
            level = "province"
        elif name in gaz.districts:
            level = "district"
        else:
            continue
        p = place_mention(
            ctx, m.start("name"), m.end("name"), "", name, "rule:place-parenthesised", 0.75, level=level
        )
        if p is not None:
            if level == "district":
                p.extra["province_hint"] = gaz.districts[name][0][2] if len(gaz.districts[name]) == 1 else ""
            out.append(p)
    return out
