"""Administrative units as the extractor needs them: which names are provinces, districts and
communes (wards) in the structures before and after the 2025 reorganisation (63 → 34 provinces),
and the codes of a named place in both. Data: the ``vietnamadminunits`` package (read once).

``admin_codes`` wraps the package's parser; its ``convert_address`` may call an online geocoder for
street addresses inside split wards, which fails offline: that path falls back to the province.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from danvan_kg.extract.lexicon import lexicon
from danvan_kg.text.normalise import fold, normalise

__all__ = [
    "CITY_PROVINCES",
    "AdminGazetteer",
    "admin_codes",
    "admin_gazetteer",
    "canonical_unit",
    "level_of",
    "longest_known",
]

CITY_PROVINCES = frozenset({"Hà Nội", "Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế"})
"""Provinces that are centrally governed cities ("thành phố Cần Thơ" is a province, "thành phố Cao
Lãnh" a district-level city)."""


@dataclass
class AdminGazetteer:
    """Names of administrative units (short names, NFC, modern tone marks)."""

    provinces: dict[str, dict[str, str]] = field(default_factory=dict)  # short → codes and full name
    districts: dict[str, list[tuple[str, str, str]]] = field(
        default_factory=dict
    )  # short → (type, code, province)
    wards: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # short → (type, province)
    province_fold: dict[str, str] = field(default_factory=dict)

    def province(self, name: str) -> str | None:
        """The canonical short name of a province named ``name`` (any case or diacritics), if any."""
        if name in self.provinces:
            return name
        return self.province_fold.get(fold(name))

    def is_unit_name(self, name: str) -> bool:
        """A province, district or commune name of either structure."""
        return self.province(name) is not None or name in self.districts or name in self.wards

    def provinces_of(self, name: str) -> set[str]:
        """The provinces that have a district or commune of that name."""
        out = {r[2] for r in self.districts.get(name, ())}
        out |= {r[1] for r in self.wards.get(name, ())}
        return out


@lru_cache(maxsize=1)
def admin_gazetteer() -> AdminGazetteer:
    """The process-wide administrative-unit names."""
    data = resources.files("vietnamadminunits") / "data"
    legacy = json.loads((data / "parser_legacy.json").read_text(encoding="utf-8"))
    new = json.loads((data / "parser_from_2025.json").read_text(encoding="utf-8"))
    gaz = AdminGazetteer()
    prov_short, new_short = _add_provinces(gaz, legacy, new)
    _add_districts(gaz, legacy, prov_short)
    gaz.wards = _wards(legacy, new, prov_short, new_short)
    gaz.province_fold = {fold(k): k for k in gaz.provinces}
    return gaz


def _add_provinces(gaz: AdminGazetteer, legacy: Any, new: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Provinces of both structures (and two usual long names); the short name of each data key."""
    prov_short: dict[str, str] = {}
    for key, v in legacy["DICT_PROVINCE"].items():
        short = normalise(v["provinceShort"])
        prov_short[key] = short
        gaz.provinces[short] = {"code2020": v["provinceCode"], "full": normalise(v["province"])}
    new_short: dict[str, str] = {}
    for key, v in new["DICT_PROVINCE"].items():
        short = normalise(v["provinceShort"])
        new_short[key] = short
        gaz.provinces.setdefault(short, {"full": normalise(v["province"])})["code2025"] = v["provinceCode"]
    for alias, short in (
        ("Thừa Thiên Huế", "Huế"),
        ("Thừa Thiên - Huế", "Huế"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
    ):
        if short in gaz.provinces:
            gaz.provinces[alias] = dict(gaz.provinces[short])
    for name in [n for n in gaz.provinces if " - " in n]:  # "Bà Rịa-Vũng Tàu", "Thừa Thiên-Huế"
        gaz.provinces.setdefault(name.replace(" - ", "-"), dict(gaz.provinces[name]))
    return prov_short, new_short


def _add_districts(gaz: AdminGazetteer, legacy: Any, prov_short: dict[str, str]) -> None:
    """Districts of the 2020 structure (the 2025 one has none)."""
    for pkey, dists in legacy["DICT_PROVINCE_DISTRICT"].items():
        for d in dists.values():
            gaz.districts.setdefault(normalise(d["districtShort"]), []).append(
                (normalise(d["districtType"]), d["districtCode"], prov_short[pkey])
            )


def _wards(
    legacy: Any, new: Any, prov_short: dict[str, str], new_short: dict[str, str]
) -> dict[str, list[tuple[str, str]]]:
    """Communes and wards of both structures: short name → sorted (unit type, province)."""
    wards: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for pkey, dists in legacy["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"].items():
        for ws in dists.values():
            for w in ws.values():
                if isinstance(w, dict) and isinstance(w.get("wardShort"), str):
                    wards[normalise(w["wardShort"])].add((normalise(w["wardType"]), prov_short[pkey]))
    for pkey, ws in new["DICT_PROVINCE_WARD_NO_ACCENTED"].items():
        for w in ws.values():
            if isinstance(w, dict) and isinstance(w.get("wardShort"), str):
                wards[normalise(w["wardShort"])].add((normalise(w["wardType"]), new_short[pkey]))
    return {k: sorted(v) for k, v in wards.items()}


def longest_known(words: list[str], known: Callable[[str], bool], fewest: int = 1) -> str | None:
    """The longest leading run of ``words`` (``fewest`` words at least) that ``known`` accepts: a place's
    name cut before what follows it in the text ("Quảng Nam Phan Văn Bình" → "Quảng Nam")."""
    for n in range(len(words), fewest - 1, -1):
        if known(" ".join(words[:n])):
            return " ".join(words[:n])
    return None


def canonical_unit(unit: str) -> str:
    """ "TP." → "thành phố", "TX" → "thị xã": the lower-case unit word a place's identity uses."""
    u = unit.lower().rstrip(".").replace(".", "")
    return {
        "tp": "thành phố",
        "t.p": "thành phố",
        "tx": "thị xã",
        "tt": "thị trấn",
        "xã đảo": "xã",
        "huyện đảo": "huyện",
        "tdp": "tổ dân phố",
        "kdc": "khu dân cư",
    }.get(u, u)


LEVEL_RANK = {"country": 0, "region": 1, "province": 2, "district": 3, "ward": 4, "hamlet": 5}
"""How specific each administrative level is (a hamlet is more specific than its commune)."""

UNIT_LEVEL = {
    "tỉnh": "province",
    "thành phố": "province",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "xã": "ward",
    "phường": "ward",
    "thị trấn": "ward",
    "ấp": "hamlet",
    "thôn": "hamlet",
    "bản": "hamlet",
}
"""The level a bare unit word stands for ("Hội Nông dân tỉnh", "trên địa bàn xã")."""


def level_of(unit: str, name: str) -> str:
    """Administrative level of a place written ``unit name``: province, district, ward or hamlet."""
    lex = lexicon()
    level = lex.value("place_unit", unit) or lex.value("place_unit", unit.lower()) or ""
    if not level:
        for word in lex.words("place_unit"):
            if canonical_unit(word) == canonical_unit(unit):
                level = lex.value("place_unit", word)
                break
    if level == "city":
        return "province" if admin_gazetteer().province(name) in CITY_PROVINCES else "district"
    return level or "region"


@lru_cache(maxsize=8192)
def admin_codes(level: str, unit: str, name: str, province: str | None) -> dict[str, Any]:
    """Codes of a place in both structures (``admin2020_province``, ``admin2020_district``,
    ``admin2020_ward``, ``admin2025_province``, ``admin2025_ward``); {} when unknown."""
    try:
        from vietnamadminunits import ParseMode, parse_address
    except ImportError:  # pragma: no cover - dependency missing
        return {}
    if level in ("hamlet", "region", "country"):
        return {}
    address = _address(level, unit, name, province)
    try:
        legacy = parse_address(address, mode=ParseMode.LEGACY, level=3 if level == "ward" else 2)
    except Exception:
        legacy = None
    if legacy is not None and legacy.province_code:
        return {**_legacy_codes(legacy, level, name, province), **_converted_codes(legacy, level)}
    if level in ("province", "ward"):
        return _codes_2025(address, level, name)
    return {}


def _address(level: str, unit: str, name: str, province: str | None) -> str:
    """The address the parser reads: the province's name alone, else the unit and name in the province."""
    if level == "province":
        return name
    if province:
        return f"{unit} {name}, {province}"
    return f"{unit} {name}"


def _legacy_codes(legacy: Any, level: str, name: str, province: str | None) -> dict[str, Any]:
    """The 2020 codes the parser found, each kept only when it is the unit named (not its parent's)."""
    out: dict[str, Any] = {}
    if province or level == "province":
        out["admin2020_province"] = legacy.province_code
    if level == "district" and legacy.district_code and fold(legacy.short_district or "") == fold(name):
        out["admin2020_district"] = legacy.district_code
    if level == "ward" and legacy.ward_code and fold(legacy.short_ward or "") == fold(name):
        out["admin2020_ward"] = legacy.ward_code
        if legacy.district_code:
            out["admin2020_district"] = legacy.district_code
    return out


def _converted_codes(legacy: Any, level: str) -> dict[str, Any]:
    """The 2025 province (and ward) of a unit found in the 2020 structure; its province alone when the
    conversion fails (it may call an online geocoder, which fails offline)."""
    from vietnamadminunits import convert_address

    out: dict[str, Any] = {}
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
    return out


def _codes_2025(address: str, level: str, name: str) -> dict[str, Any]:
    """Codes of a province or ward known only in the 2025 structure, when the parser finds that very unit."""
    from vietnamadminunits import ParseMode, parse_address

    out: dict[str, Any] = {}
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
