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
    r"tỉnh|Tỉnh|thành phố|Thành phố|TP\.|TP|huyện hải đảo|huyện đảo|huyện|Huyện|quận|Quận|thị xã|Thị xã|TX\.|TX|"
    r"xã đảo|xã|Xã|phường|Phường|thị trấn|Thị trấn|thôn|Thôn|ấp|Ấp|bản|Bản|khóm|Khóm|buôn|Buôn|làng|Làng"
)
_NAME = rf"{NAME_WORD}(?:(?: - | |-){NAME_WORD}){{0,4}}"
_UNIT_PLACE_RE = re.compile(rf"(?<![\w])(?P<unit>{_UNITS})(?![\w]) ?(?P<name>{_NAME}|\d+[A-Z]?(?![\w]))")
_HAMLET_UNITS = {"thôn", "ấp", "bản", "khóm", "buôn", "làng"}
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
    "Thủ đô": "Hà Nội",
    "phố Núi": "Gia Lai",
    "Đất võ": "Bình Định",
}
_NOT_BARE = {"Hồ Chí Minh", "Thành phố Hồ Chí Minh"}
_REGEX_CACHE: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}
_CITY_PROVINCES = {"Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế"}


def canonical_unit(unit: str) -> str:
    """"TP." → "thành phố", "TX" → "thị xã", lower case."""
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


def is_place_name(name: str, unit: str, gaz: Gazetteer) -> bool:
    """Whether ``name`` (after an organisation head) names a place: any name after a unit word,
    otherwise only a known province or district name."""
    if unit:
        return True
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
        start, end = m.start(), m.start("name") + len(name)
        level = level_of(unit, name, gaz)
        province = gaz.province(name) if level == "province" else None
        if cu == "tỉnh" and not province:
            continue  # "tỉnh Ủy ..." and other capitalised words after "tỉnh"
        if not taken.try_add(start, end):
            continue
        out.append(
            Mention(
                "Place", start, end, body[start:end], "rule:place-unit-word", 0.9,
                unit=cu, concept=province or name,
                extra={"level": level, "name": province or name},
                sentence=sentence_index(sentences, start),
            )
        )
    for m in bare_re.finditer(body):
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
                "Place", m.start(), m.end(), text, "rule:place-name" if text not in NICKNAMES else "rule:place-nickname",
                0.8, concept=name, extra={"level": level, "name": name, "nickname": text in NICKNAMES},
                sentence=sentence_index(sentences, m.start()),
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
                        "Place", m.start(), m.end(), m.group(), "rule:place-district-name", 0.7,
                        unit=rows[0][0].lower(), concept=m.group(),
                        extra={"level": "district", "name": m.group(), "province_hint": rows[0][2]},
                        sentence=sentence_index(sentences, m.start()),
                    )
                )
    out.sort(key=lambda x: x.start)
    return out


_DISTRICT_RX: dict[tuple[int, frozenset[str]], re.Pattern[str] | None] = {}


def _district_regex(gaz: Gazetteer, provinces: frozenset[str]) -> re.Pattern[str] | None:
    """A regex of the (two-syllable and longer) district names of ``provinces``, cached."""
    key = (id(gaz), provinces)
    if key not in _DISTRICT_RX:
        names = [d for d, rows in gaz.districts.items() if len(d.split()) >= 2 and any(r[2] in provinces for r in rows)]
        names = [n for n in names if n not in gaz.provinces]
        _DISTRICT_RX[key] = (
            re.compile(rf"(?<![\w])(?:{'|'.join(map(re.escape, sorted(names, key=len, reverse=True)))})(?![\w])(?! {NAME_WORD})")
            if names else None
        )
        if len(_DISTRICT_RX) > 512:
            _DISTRICT_RX.pop(next(iter(_DISTRICT_RX)))
    return _DISTRICT_RX[key]


def main_province(places: list[Mention], gaz: Gazetteer) -> str | None:
    """The province the article is mostly about: most mentioned (districts count for theirs), first wins ties."""
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
    except Exception:  # noqa: BLE001 - the library raises bare exceptions on unknown input
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
        except Exception:  # noqa: BLE001 - online geocoder path for split wards: fall back to the province
            try:
                new = convert_address(legacy.province)
                if new is not None and new.province_code:
                    out["admin2025_province"] = new.province_code
            except Exception:  # noqa: BLE001
                pass
    elif level in ("province", "ward"):
        try:
            new = parse_address(address, mode=ParseMode.FROM_2025, level=2 if level == "ward" else 1)
        except Exception:  # noqa: BLE001
            new = None
        if new is not None and new.province_code and (
            level == "province" and fold(new.short_province or "") == fold(name)
            or level == "ward" and fold(new.short_ward or "") == fold(name)
        ):
            out["admin2025_province"] = new.province_code
            if level == "ward" and new.ward_code:
                out["admin2025_ward"] = new.ward_code
    return out
