"""Places: unit word + name ("huyện Ba Chẽ", "xã Tân Thuận Đông", "TP Hồ Chí Minh"), bare province
names ("Đồng Tháp"), district names of the provinces the article is about, named regions, and the
nicknames articles use ("Đất Sen hồng"). Each place is linked to administrative units with
``vietnamadminunits`` (legacy 63-province codes and the 2025 structure); lookups are cached and
the online-geocoder path of ``convert_address`` falls back to the province.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from danvan_kg.extract.gazetteer import Gazetteer
from danvan_kg.extract.mentions import NAME_WORD, Mention, sentence_index
from danvan_kg.extract.spans import SpanSet
from danvan_kg.text.normalise import fold
from danvan_kg.text.sentences import Sentence

__all__ = [
    "admin_codes",
    "canonical_unit",
    "is_place_name",
    "level_of",
    "main_province",
    "place_mentions",
]

_UNITS = (
    r"tỉnh|Tỉnh|thành phố|Thành phố|TP\.|TP|huyện hải đảo|huyện đảo|huyện|Huyện|quận|Quận|thị xã|Thị xã|TX\.|TX|"  # noqa: E501
    r"xã đảo|xã|Xã|phường|Phường|thị trấn|Thị trấn|thôn|Thôn|ấp|Ấp|bản|Bản|khóm|Khóm|buôn|Buôn|làng|Làng|"
    r"tổ dân phố|Tổ dân phố|khu phố|Khu phố|xóm|Xóm"
)
_NAME = rf"{NAME_WORD}(?:(?: - | |-){NAME_WORD}){{0,4}}"
_UNIT_PLACE_RE = re.compile(rf"(?<![\w])(?P<unit>{_UNITS})(?![\w]) ?(?P<name>{_NAME}|\d+[A-Z]?(?![\w]))")
_PLURAL_UNITS_RE = re.compile(
    rf"(?<![\w])(?:[Cc]ác|[Nn]hững|[Hh]ai|[Bb]a|[Bb]ốn|[Nn]ăm|\d+) (?P<unit>xã|phường|thị trấn|huyện|quận|thị xã|thôn|ấp|bản|tỉnh) "  # noqa: E501
    rf"(?P<first>{_NAME})(?:(?:, | và ){_NAME})+"
)
_NAME_RE = re.compile(_NAME)
_HAMLET_UNITS = {"thôn", "ấp", "bản", "khóm", "buôn", "làng", "tổ dân phố", "khu phố", "xóm"}
_UNIT_CANON = {
    "tp": "thành phố",
    "tp.": "thành phố",
    "tx": "thị xã",
    "tx.": "thị xã",
    "xã đảo": "xã",
    "huyện đảo": "huyện",
    "huyện hải đảo": "huyện",
}
_LEVEL = {
    "tỉnh": "province",
    "thành phố": "province",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "xã": "ward",
    "phường": "ward",
    "thị trấn": "ward",
}
_REGIONS = {
    "Việt Nam": "country",
    "Campuchia": "country",
    "Lào": "country",
    "Trung Quốc": "country",
    "Đông Nam Á": "region",
    "Tây Nguyên": "region",
    "Tây Bắc": "region",
    "vùng Tây bắc": "region",
    "vùng Tây Bắc": "region",
    "Biển Đông": "region",
    "Nam Bộ": "region",
    "Tây Nam Bộ": "region",
    "Bắc Bộ": "region",
    "Trung Bộ": "region",
    "miền Trung": "region",
    "miền Tây": "region",
    "Đồng bằng sông Cửu Long": "region",
    "vùng duyên hải miền Trung": "region",
    "duyên hải miền Trung": "region",
}
NICKNAMES = {
    "Đất Sen hồng": "Đồng Tháp",
    "Đất Cảng": "Hải Phòng",
    "xứ Thanh": "Thanh Hóa",
    "xứ Nghệ": "Nghệ An",
    "Đất Tổ": "Phú Thọ",
    "Đất Mũi": "Cà Mau",
    "Cố đô": "Huế",
    "Thành phố mang tên Bác": "Hồ Chí Minh",
    "TP.HCM": "Hồ Chí Minh",
    "TP. HCM": "Hồ Chí Minh",
    "TP HCM": "Hồ Chí Minh",
    "TPHCM": "Hồ Chí Minh",
    "TP.Hồ Chí Minh": "Hồ Chí Minh",
    "Thủ đô": "Hà Nội",
    "phố Núi": "Gia Lai",
    "Đất võ": "Bình Định",
}
_NOT_BARE = {"Hồ Chí Minh", "Thành phố Hồ Chí Minh"}
_REGEX_CACHE: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
_CITY_PROVINCES = {"Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế"}


def canonical_unit(unit: str) -> str:
    """ "TP." → "thành phố", "TX" → "thị xã", lower case."""
    u = unit.lower()
    return _UNIT_CANON.get(u, u)


def level_of(unit: str, name: str, gaz: Gazetteer) -> str:
    """Administrative level of a place named with ``unit`` (province, district, ward, hamlet)."""
    u = canonical_unit(unit)
    if u in _HAMLET_UNITS:
        return "hamlet"
    if u == "thành phố":
        return "province" if gaz.province(name) in _CITY_PROVINCES else "district"
    return _LEVEL.get(u, "region")


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
    ]
)
_MIDDLE = frozenset(["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quang", "Ngọc", "Xuân", "Thu", "Hồng"])


def looks_like_person(name: str) -> bool:
    """ "Nguyễn Hoài Anh": three or more syllables starting with a common surname (or a middle name)."""
    words = name.split()
    return len(words) >= 3 and (words[0] in _SURNAMES or words[1] in _MIDDLE)


def valid_place_name(name: str) -> bool:
    """Rejects abbreviations ("xã NTM") and person names after a unit word."""
    if name[0].isdigit():
        return True
    if all(not ch.isalpha() or ch.isupper() for ch in name) and len(name.replace(" ", "")) <= 5:
        return False
    return not looks_like_person(name)


def is_place_name(name: str, unit: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` (after an organisation head) names a place: a plausible name after a unit word
    (a known province after "tỉnh"), otherwise only a known province or district name."""
    if unit:
        if canonical_unit(unit) == "tỉnh":
            return gaz.province(name) is not None
        return gaz.province(name) is not None or valid_place_name(name)
    if gaz.province(name):
        return True
    return name in gaz.districts and len(name.split()) >= 2


def _regexes(gaz: Gazetteer) -> tuple[re.Pattern[str], re.Pattern[str]]:
    cached = _REGEX_CACHE.get(id(gaz))
    if cached is None:
        provinces = [p for p in gaz.provinces if p not in _NOT_BARE]
        names = sorted(set(provinces) | set(_REGIONS) | set(NICKNAMES), key=len, reverse=True)
        bare = re.compile(rf"(?<![\w])(?:{'|'.join(map(re.escape, names))})(?![\w])(?! {NAME_WORD})")
        cached = (_UNIT_PLACE_RE, bare)
        _REGEX_CACHE[id(gaz)] = cached
    return cached


_NAMED_DAY = re.compile(
    r"(?<![\w])(?:Ngày|Tháng|Tuần lễ|Tuần|Giải|Cúp|Hội thi|Liên hoan)(?: [^\s,.;:()“”]+){1,6} $"
)
_TITLE_PLACE = re.compile(rf"^(?P<name>{NAME_WORD}(?: {NAME_WORD}){{0,3}}): ", re.MULTILINE)


def _trim_name(name: str, unit: str, gaz: Gazetteer) -> str:
    """Cut trailing capitalised words that are not part of a known province/district name."""
    words = name.split(" ")
    u = canonical_unit(unit)
    if u in ("tỉnh",) or (u == "thành phố" and gaz.province(name) is None):
        for k in range(len(words), 0, -1):
            cand = " ".join(words[:k])
            if gaz.province(cand) or (u == "thành phố" and cand in gaz.districts):
                return cand
    if u in ("huyện", "quận", "thị xã", "thành phố"):
        for k in range(len(words), 0, -1):
            cand = " ".join(words[:k])
            if cand in gaz.districts:
                return cand
    return " ".join(words[:4]) if len(words) > 4 else name


def place_mentions(body: str, sentences: list[Sentence], gaz: Gazetteer) -> list[Mention]:
    """All place mentions (unit word + name, bare provinces, regions, nicknames), non-overlapping."""
    unit_re, bare_re = _regexes(gaz)
    out: list[Mention] = []
    taken = SpanSet()
    for m in unit_re.finditer(body):
        unit, name = m.group("unit"), m.group("name")
        cu = canonical_unit(unit)
        if name[0].isdigit() and cu not in _HAMLET_UNITS:
            continue
        name = _trim_name(name, unit, gaz)
        words = name.split(" ")
        while len(words) > 1 and len(words[-1]) == 1:  # "làng Ksor H": a cut-off initial
            words.pop()
        name = " ".join(words)
        if not gaz.province(name) and not valid_place_name(name):
            continue
        start, end = m.start(), m.start("name") + len(name)
        level = level_of(unit, name, gaz)
        province = gaz.province(name) if level == "province" else None
        if cu == "tỉnh" and not province:
            continue  # "tỉnh Ủy ..." and other capitalised words after "tỉnh"
        if not taken.try_add(start, end):
            continue
        out.append(
            Mention(
                "Place",
                start,
                end,
                body[start:end],
                "rule:place-unit-word",
                0.9,
                unit=cu,
                concept=province or name,
                extra={"level": level, "name": province or name},
                sentence=sentence_index(sentences, start),
            )
        )
    for m in bare_re.finditer(body):
        if m.group() == "Việt Nam" and _NAMED_DAY.search(body, max(0, m.start() - 50), m.start()):
            continue  # "Ngày Thảm họa da cam Việt Nam": part of the name of a day, not a place
        before = body[max(0, m.start() - 12) : m.start()].split()
        if before and (before[-1] in _SURNAMES or before[-1] in _MIDDLE) and m.group() not in _REGIONS:
            continue  # "Nguyễn Thái Bình" is a person
        if not taken.try_add(m.start(), m.end()):
            continue
        text = m.group()
        if text in NICKNAMES:
            target = NICKNAMES[text]
            level, name = "province", target
        elif text in _REGIONS:
            level, name = _REGIONS[text], text
        else:
            level, name = "province", gaz.province(text) or text
        out.append(
            Mention(
                "Place",
                m.start(),
                m.end(),
                text,
                "rule:place-name" if text not in NICKNAMES else "rule:place-nickname",
                0.8,
                concept=name,
                extra={"level": level, "name": name, "nickname": text in NICKNAMES},
                sentence=sentence_index(sentences, m.start()),
            )
        )
    # coordinated names after a plural unit word: "hai xã Vĩnh Phú và Vĩnh Thạch", "các xã A, B và C"
    for m in _PLURAL_UNITS_RE.finditer(body):
        unit = canonical_unit(m.group("unit"))
        for n in _NAME_RE.finditer(body, m.end("first"), m.end()):
            name = n.group()
            if not valid_place_name(name) or not taken.try_add(n.start(), n.end()):
                continue
            out.append(
                Mention(
                    "Place",
                    n.start(),
                    n.end(),
                    name,
                    "rule:place-coordinated",
                    0.7,
                    unit=unit,
                    concept=name,
                    extra={"level": level_of(unit, name, gaz), "name": gaz.province(name) or name},
                    sentence=sentence_index(sentences, n.start()),
                )
            )
    # district names of the provinces the article names, without a unit word ("An Phú", "Tri Tôn")
    provinces = frozenset(m.extra["name"] for m in out if m.extra.get("level") == "province")
    if provinces:
        rx = _district_regex(gaz, provinces)
        if rx is not None:
            for m in rx.finditer(body):
                if not taken.try_add(m.start(), m.end()):
                    continue
                rows = [r for r in gaz.districts[m.group()] if r[2] in provinces]
                out.append(
                    Mention(
                        "Place",
                        m.start(),
                        m.end(),
                        m.group(),
                        "rule:place-district-name",
                        0.7,
                        unit=rows[0][0].lower(),
                        concept=m.group(),
                        extra={"level": "district", "name": m.group(), "province_hint": rows[0][2]},
                        sentence=sentence_index(sentences, m.start()),
                    )
                )
    # a headline that opens with a district name: "Mường Ảng: Dân vận khéo …"
    for m in _TITLE_PLACE.finditer(body):
        name = m.group("name")
        rows = gaz.districts.get(name, [])
        rows = [r for r in rows if r[2] in provinces] or (rows if len(rows) == 1 else [])
        if not rows or gaz.province(name) or not taken.try_add(m.start("name"), m.end("name")):
            continue
        out.append(
            Mention(
                "Place",
                m.start("name"),
                m.end("name"),
                name,
                "rule:place-headline",
                0.65,
                unit=rows[0][0].lower(),
                concept=name,
                extra={"level": "district", "name": name, "province_hint": rows[0][2]},
                sentence=sentence_index(sentences, m.start("name")),
            )
        )
    out.sort(key=lambda x: x.start)
    return out


_DISTRICT_RX: dict[tuple[int, frozenset[str]], re.Pattern[str] | None] = {}


def _district_regex(gaz: Gazetteer, provinces: frozenset[str]) -> re.Pattern[str] | None:
    """A regex of the (two-syllable and longer) district names of ``provinces``, cached."""
    key = (id(gaz), provinces)
    if key not in _DISTRICT_RX:
        names = [
            d
            for d, rows in gaz.districts.items()
            if len(d.split()) >= 2 and any(r[2] in provinces for r in rows)
        ]
        names = [n for n in names if n not in gaz.provinces]
        _DISTRICT_RX[key] = (
            re.compile(
                rf"(?<![\w])(?:{'|'.join(map(re.escape, sorted(names, key=len, reverse=True)))})(?![\w])(?! {NAME_WORD})"  # noqa: E501
            )
            if names
            else None
        )
        if len(_DISTRICT_RX) > 512:
            _DISTRICT_RX.pop(next(iter(_DISTRICT_RX)))
    return _DISTRICT_RX[key]


def main_province(places: list[Mention], gaz: Gazetteer) -> str | None:
    """The province the article is mostly about: most mentioned (districts count for theirs), first wins ties."""  # noqa: E501
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for p in places:
        prov = None
        if p.extra.get("level") == "province":
            prov = p.extra["name"]
        elif p.extra.get("province_hint"):
            prov = p.extra["province_hint"]
        elif p.extra.get("level") == "district":
            rows = gaz.districts.get(p.extra["name"], [])
            if len(rows) == 1:
                prov = rows[0][2]
        if prov and prov in gaz.provinces:
            counts[prov] += 1
            first.setdefault(prov, p.start)
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], -first[k]))


@lru_cache(maxsize=4096)
def admin_codes(level: str, unit: str, name: str, province: str | None) -> dict[str, Any]:
    """Administrative-unit codes for a place (``admin2020_*``, ``admin2025_*``), {} when unknown."""
    try:
        from vietnamadminunits import ParseMode, convert_address, parse_address
    except ImportError:  # pragma: no cover - dependency missing
        return {}
    out: dict[str, Any] = {}
    if level in ("hamlet", "region", "country"):
        return out
    if level == "province":
        address = name
    elif province:
        address = f"{unit} {name}, {province}"
    else:
        address = f"{unit} {name}"
    try:
        legacy = parse_address(address, mode=ParseMode.LEGACY, level=3 if level == "ward" else 2)
    except Exception:
        legacy = None
    if legacy is not None and legacy.province_code:
        if province or level == "province":
            out["admin2020_province"] = legacy.province_code
        if level == "district" and legacy.district_code and fold(legacy.short_district or "") == fold(name):
            out["admin2020_district"] = legacy.district_code
        if level == "ward" and legacy.ward_code and fold(legacy.short_ward or "") == fold(name):
            out["admin2020_ward"] = legacy.ward_code
            if legacy.district_code:
                out["admin2020_district"] = legacy.district_code
        legacy_address = ", ".join(x for x in (legacy.ward, legacy.district, legacy.province) if x)
        try:
            new = convert_address(legacy_address if level != "district" else legacy.province)
            if new is not None and new.province_code:
                out["admin2025_province"] = new.province_code
                if level == "ward" and new.ward_code:
                    out["admin2025_ward"] = new.ward_code
        except Exception:
            try:
                new = convert_address(legacy.province)
                if new is not None and new.province_code:
                    out["admin2025_province"] = new.province_code
            except Exception:
                pass
    elif level in ("province", "ward"):
        try:
            new = parse_address(address, mode=ParseMode.FROM_2025, level=2 if level == "ward" else 1)
        except Exception:
            new = None
        if (
            new is not None
            and new.province_code
            and (
                (level == "province" and fold(new.short_province or "") == fold(name))
                or (level == "ward" and fold(new.short_ward or "") == fold(name))
            )
        ):
            out["admin2025_province"] = new.province_code
            if level == "ward" and new.ward_code:
                out["admin2025_ward"] = new.ward_code
    return out
